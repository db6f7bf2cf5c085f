#pragma once
// Names the benchmark's synthetic center draws from: realistic first names and surnames of the people a
// U.S. peer-support center sees, many of them Spanish with accents. Each list is roughly commonest first,
// so rank-weighted picks give the skew real rosters have (many Marias, few Xóchitls).
#include <span>

namespace porchlight::bench {

std::span<const char* const> english_first_names();
std::span<const char* const> spanish_first_names();
std::span<const char* const> other_first_names();

std::span<const char* const> english_surnames();
std::span<const char* const> spanish_surnames();
std::span<const char* const> other_surnames();

}  // namespace porchlight::bench
