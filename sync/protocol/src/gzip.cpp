#include "porchlight/sync/gzip.hpp"

#include <zlib.h>

#include <array>
#include <limits>

namespace porchlight::sync {

namespace {
constexpr int kGzipWindowBits = 15 + 16;  // 15-bit window; +16 asks zlib for a gzip header and trailer
constexpr int kMemoryLevel = 8;
}  // namespace

bool looks_gzipped(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f && static_cast<unsigned char>(data[1]) == 0x8b;
}

Result<std::string> gzip_compress(std::string_view data) {
  if (data.size() > std::numeric_limits<uInt>::max()) return make_error("too much data to compress at once");
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemoryLevel, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return make_error("zlib could not start compressing");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) return make_error("zlib could not compress the batch");
  return out;
}

Result<std::string> gzip_decompress(std::string_view data, std::size_t max_output_bytes) {
  if (data.size() > std::numeric_limits<uInt>::max()) return make_error("the compressed body is too large");
  z_stream stream{};
  if (inflateInit2(&stream, kGzipWindowBits) != Z_OK) return make_error("zlib could not start decompressing");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  std::array<char, 16384> chunk{};
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) {
      inflateEnd(&stream);
      return make_error("the body is not valid gzip");
    }
    const std::size_t produced = chunk.size() - stream.avail_out;
    if (out.size() + produced > max_output_bytes) {
      inflateEnd(&stream);
      return make_error("the body expands beyond " + std::to_string(max_output_bytes) + " bytes");
    }
    out.append(chunk.data(), produced);
    if (status == Z_OK && produced == 0 && stream.avail_in == 0) {
      inflateEnd(&stream);
      return make_error("the gzip body ends too early");
    }
  }
  inflateEnd(&stream);
  return out;
}

}  // namespace porchlight::sync
