#include "http/log_masking.h"

namespace jumys::http {
namespace {

constexpr std::size_t kMaskedRunLength = 12;
constexpr std::size_t kKeptEachSide = 2;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string MaskDigitRuns(std::string_view text) {
  std::string out(text);
  std::size_t i = 0;
  while (i < out.size()) {
    if (!IsDigit(out[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < out.size() && IsDigit(out[end])) ++end;
    if (end - i >= kMaskedRunLength) {
      for (std::size_t k = i + kKeptEachSide; k < end - kKeptEachSide; ++k) out[k] = '*';
    }
    i = end;
  }
  return out;
}

}  // namespace jumys::http
