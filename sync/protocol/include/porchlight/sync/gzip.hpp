#pragma once
// gzip bodies for the push (zlib). Decompression has a ceiling, so a small body cannot expand without bound.
#include <string>
#include <string_view>

#include "porchlight/result.hpp"

namespace porchlight::sync {

Result<std::string> gzip_compress(std::string_view data);
Result<std::string> gzip_decompress(std::string_view data, std::size_t max_output_bytes);
bool looks_gzipped(std::string_view data);

}  // namespace porchlight::sync
