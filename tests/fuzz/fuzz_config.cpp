// Configuration files, both read from every input: the kiosk's <db>.sync.json (sync::load_sync_config, which
// reads only from a path, so the input goes to one scratch file per process, rewritten each run) and
// the TOML settings files: porchlight-hub's hub.toml (hub::parse_hub_config, which hub::read_hub_config calls) and
// the kiosk's kiosk.toml (core::parse_kiosk_config).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz_support.hpp"
#include "porchlight/core/kiosk_config.hpp"
#include "porchlight/hub/hub_config.hpp"
#include "porchlight/sync/client.hpp"

using namespace porchlight;

namespace {

struct ScratchFile {
  ScratchFile()
      : path(std::filesystem::temp_directory_path() /
             ("porchlight-fuzz-config-" + std::to_string(::getpid()) + ".sync.json")) {}
  ~ScratchFile() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  std::filesystem::path path;
};

void write_or_stop(const std::filesystem::path& path, std::string_view text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ScratchFile scratch;
  const std::string_view text = fuzz::as_text(data, size);
  // Refusals are answers, not findings: only a crash, a leak, undefined behaviour or a hang is.
  write_or_stop(scratch.path, text);
  (void)sync::load_sync_config(scratch.path);
  (void)hub::parse_hub_config(text, "fuzz.toml");
  (void)core::parse_kiosk_config(text, "fuzz.toml");
  return 0;
}
