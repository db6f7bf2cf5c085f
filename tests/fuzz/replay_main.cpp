// Runs a fuzz target's LLVMFuzzerTestOneInput once on every file of the given corpus folders (or files), so
// ordinary builds (GCC, the sanitizer build) replay the checked-in corpora as tests without libFuzzer.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool read_whole(const std::filesystem::path& path, std::vector<std::uint8_t>& out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  out.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return !file.bad();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path given = argv[i];
    std::error_code error;
    if (std::filesystem::is_directory(given, error)) {
      for (const auto& entry : std::filesystem::directory_iterator(given, error)) {
        if (entry.is_regular_file()) inputs.push_back(entry.path());
      }
    } else if (std::filesystem::is_regular_file(given, error)) {
      inputs.push_back(given);
    }
    if (error) {
      std::fprintf(stderr, "replay: cannot list %s: %s\n", given.c_str(), error.message().c_str());
      return 1;
    }
  }
  // An empty corpus would make the test pass while proving nothing.
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no input files in the given corpus folders\n");
    return 1;
  }
  std::sort(inputs.begin(), inputs.end());  // the same order every time, so a failure reproduces

  std::vector<std::uint8_t> bytes;
  for (const auto& input : inputs) {
    if (!read_whole(input, bytes)) {
      std::fprintf(stderr, "replay: cannot read %s\n", input.c_str());
      return 1;
    }
    std::fprintf(stderr, "replay: %s\n", input.filename().c_str());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
  }
  std::printf("replay: %zu inputs, no crash\n", inputs.size());
  return 0;
}
