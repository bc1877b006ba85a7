// libFuzzer target: any bytes as an IIN, a BIN, the first 11 digits of either and a Kazakh
// IBAN. Nothing may crash or read out of bounds, and what is accepted must be of the form the
// parsers promise (docs/SECURITY.md). Links only core/identifiers.cpp and core/error.cpp.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/identifiers.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

bool Digits(std::string_view s) {
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto iin = jumys::Iin::Parse(text)) {
    Check(iin->str() == text && text.size() == 12 && Digits(text));
    Check(iin->Masked().size() == 12 && iin->Masked().substr(0, 2) == text.substr(0, 2));
    // The check digit is the one the first eleven give.
    Check(jumys::AppendCheckDigit(text.substr(0, 11)) == std::string(text));
  } else {
    Check(iin.error().code == jumys::ErrorCode::kUnprocessable);
  }
  if (auto bin = jumys::Bin::Parse(text)) {
    Check(bin->str() == text && text.size() == 12 && Digits(text));
    Check(jumys::AppendCheckDigit(text.substr(0, 11)) == std::string(text));
  } else {
    Check(bin.error().code == jumys::ErrorCode::kUnprocessable);
  }
  if (auto digit = jumys::CheckDigit(text)) Check(*digit >= 0 && *digit <= 9);
  if (jumys::IsKazakhIban(text)) Check(text.size() == 20 && text.substr(0, 2) == "KZ");
  return 0;
}
