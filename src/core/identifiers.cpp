#include "core/identifiers.h"

#include <array>
#include <string>

namespace jumys {
namespace {

constexpr size_t kLength = 12;

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int Digit(std::string_view s, size_t i) { return s[i] - '0'; }

int TwoDigits(std::string_view s, size_t i) { return Digit(s, i) * 10 + Digit(s, i + 1); }

int WeightedMod11(std::string_view digits, const std::array<int, 11>& weights) {
  int sum = 0;
  for (size_t i = 0; i < weights.size(); ++i) sum += Digit(digits, i) * weights[i];
  return sum % 11;
}

std::string MaskMiddle(const std::string& value) {
  std::string masked = value;
  for (size_t i = 2; i + 2 < masked.size(); ++i) masked[i] = '*';
  return masked;
}

enum class CheckDigitProblem { kNone, kNoValidDigit, kMismatch };

// Shared tail of both parsers: a 12-digit number whose check digit is absent or wrong.
CheckDigitProblem CheckDigitOf(std::string_view text) {
  std::optional<int> expected = CheckDigit(text.substr(0, 11));
  if (!expected) return CheckDigitProblem::kNoValidDigit;
  if (*expected != Digit(text, 11)) return CheckDigitProblem::kMismatch;
  return CheckDigitProblem::kNone;
}

}  // namespace

std::optional<int> CheckDigit(std::string_view first11) {
  if (first11.size() != 11 || !AllDigits(first11)) return std::nullopt;
  constexpr std::array<int, 11> kFirst = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  constexpr std::array<int, 11> kSecond = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};
  int s = WeightedMod11(first11, kFirst);
  if (s == 10) s = WeightedMod11(first11, kSecond);
  if (s == 10) return std::nullopt;
  return s;
}

std::optional<std::string> AppendCheckDigit(std::string_view first11) {
  std::optional<int> digit = CheckDigit(first11);
  if (!digit) return std::nullopt;
  std::string out(first11);
  out.push_back(static_cast<char>('0' + *digit));
  return out;
}

Expected<Iin> Iin::Parse(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != kLength || !AllDigits(text)) {
    return Error::Unprocessable("iin.format"_msg, "IIN must be 12 digits");
  }
  // The century digit comes first because it decides whether 29 February exists.
  const int century_digit = Digit(text, 6);
  if (century_digit < 1 || century_digit > 6) {
    return Error::Unprocessable("iin.century"_msg, "IIN century digit {digit} is invalid",
                                {{"digit", std::to_string(century_digit)}});
  }
  const int century_base = 1800 + 100 * ((century_digit - 1) / 2);
  const year_month_day birth{year{century_base + TwoDigits(text, 0)},
                             month{static_cast<unsigned>(TwoDigits(text, 2))},
                             day{static_cast<unsigned>(TwoDigits(text, 4))}};
  if (!birth.ok()) {
    return Error::Unprocessable("iin.birth_date"_msg, "IIN birth date {date} is not a date",
                                {{"date", std::string(text.substr(0, 6))}});
  }
  switch (CheckDigitOf(text)) {
    case CheckDigitProblem::kNoValidDigit:
      return Error::Unprocessable("iin.no_check_digit"_msg, "IIN serial has no valid check digit");
    case CheckDigitProblem::kMismatch:
      return Error::Unprocessable("iin.check_digit"_msg, "IIN check digit mismatch");
    case CheckDigitProblem::kNone:
      break;
  }
  const Sex sex = century_digit % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return Iin(std::string(text), birth, sex);
}

std::string Iin::Masked() const { return MaskMiddle(value_); }

bool IsBornBy(const Iin& iin, std::chrono::year_month_day today) {
  return iin.birth_date() <= today;
}

Expected<Bin> Bin::Parse(std::string_view text) {
  using namespace std::chrono;
  if (text.size() != kLength || !AllDigits(text)) {
    return Error::Unprocessable("bin.format"_msg, "BIN must be 12 digits");
  }
  const int mm = TwoDigits(text, 2);
  if (mm < 1 || mm > 12) {
    return Error::Unprocessable("bin.month"_msg, "BIN registration month {month} is invalid",
                                {{"month", std::string(text.substr(2, 2))}});
  }
  const int type_digit = Digit(text, 4);
  if (type_digit < 4 || type_digit > 6) {
    return Error::Unprocessable("bin.entity_type"_msg, "BIN entity type digit {digit} is invalid",
                                {{"digit", std::to_string(type_digit)}});
  }
  const int unit_digit = Digit(text, 5);
  if (unit_digit > 3) {
    return Error::Unprocessable("bin.unit"_msg, "BIN unit digit {digit} is invalid",
                                {{"digit", std::to_string(unit_digit)}});
  }
  switch (CheckDigitOf(text)) {
    case CheckDigitProblem::kNoValidDigit:
      return Error::Unprocessable("bin.no_check_digit"_msg, "BIN serial has no valid check digit");
    case CheckDigitProblem::kMismatch:
      return Error::Unprocessable("bin.check_digit"_msg, "BIN check digit mismatch");
    case CheckDigitProblem::kNone:
      break;
  }
  const int yy = TwoDigits(text, 0);
  const year_month registered{year{yy <= 30 ? 2000 + yy : 1900 + yy},
                              month{static_cast<unsigned>(mm)}};
  return Bin(std::string(text), registered, static_cast<BinEntityType>(type_digit),
             static_cast<BinUnit>(unit_digit));
}

std::string Bin::Masked() const { return MaskMiddle(value_); }

bool IsKazakhIban(std::string_view text) {
  if (text.size() != 20 || text.substr(0, 2) != "KZ") return false;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  if (!digit(text[2]) || !digit(text[3])) return false;
  // The country and check digits go to the end; each letter reads as 10..35. The remainder is
  // carried digit by digit, so no number grows past a few hundred.
  const std::string moved = std::string(text.substr(4)) + std::string(text.substr(0, 4));
  int rest = 0;
  for (const char c : moved) {
    if (digit(c)) {
      rest = (rest * 10 + (c - '0')) % 97;
    } else if (upper(c)) {
      rest = (rest * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return rest == 1;
}

}  // namespace jumys
