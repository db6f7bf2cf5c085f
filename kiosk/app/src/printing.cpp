#include "porchlight/app/printing.hpp"

#include <cups/cups.h>

namespace porchlight::app {

std::string default_printer() {
  cups_dest_t* dest = cupsGetNamedDest(CUPS_HTTP_DEFAULT, nullptr, nullptr);
  if (dest == nullptr) return {};
  std::string name = dest->name != nullptr ? dest->name : "";
  cupsFreeDests(1, dest);
  return name;
}

core::Result<void> print_text(const std::string& printer, const std::string& title, const std::string& text) {
  const int job = cupsCreateJob(CUPS_HTTP_DEFAULT, printer.c_str(), title.c_str(), 0, nullptr);
  if (job == 0) return core::make_error("CUPS could not create a job on '" + printer + "': " + cupsLastErrorString());
  if (cupsStartDocument(CUPS_HTTP_DEFAULT, printer.c_str(), job, title.c_str(), CUPS_FORMAT_TEXT, 1) !=
      HTTP_STATUS_CONTINUE) {
    cupsCancelJob(printer.c_str(), job);
    return core::make_error("CUPS refused the document on '" + printer + "': " + cupsLastErrorString());
  }
  if (cupsWriteRequestData(CUPS_HTTP_DEFAULT, text.data(), text.size()) != HTTP_STATUS_CONTINUE) {
    cupsFinishDocument(CUPS_HTTP_DEFAULT, printer.c_str());
    cupsCancelJob(printer.c_str(), job);
    return core::make_error("sending to '" + printer + "' failed: " + cupsLastErrorString());
  }
  if (cupsFinishDocument(CUPS_HTTP_DEFAULT, printer.c_str()) != IPP_STATUS_OK) {
    return core::make_error("CUPS did not accept the job on '" + printer + "': " + cupsLastErrorString());
  }
  return {};
}

}  // namespace porchlight::app
