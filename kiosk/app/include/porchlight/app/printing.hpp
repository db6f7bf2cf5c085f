#pragma once
// "Print" on the kiosk: plain text to a CUPS destination. CUPS is asked only here, never by core or ui.
#include <string>

#include "porchlight/core/result.hpp"

namespace porchlight::app {

// The CUPS default destination (lpoptions or the server's default), or empty when there is none or no server.
[[nodiscard]] std::string default_printer();

// Sends `text` as one plain-text job titled `title` to `printer`; an error naming what CUPS said.
core::Result<void> print_text(const std::string& printer, const std::string& title, const std::string& text);

}  // namespace porchlight::app
