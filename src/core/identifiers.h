#pragma once
// Kazakh national identifiers: IIN (individuals) and BIN (legal entities), 12 digits each with
// a check digit. Pure value types: parsing never consults the clock or any registry.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"

namespace jumys {

// Check digit of an IIN/BIN from its first 11 digits: weights 1..11 mod 11; on 10 a second
// pass with weights 3,4,5,6,7,8,9,10,11,1,2; on 10 again there is none (such serials are never
// issued). nullopt also when `first11` is not exactly 11 ASCII digits.
std::optional<int> CheckDigit(std::string_view first11);

// `first11` followed by its check digit, or nullopt as for CheckDigit. Handy for demo data.
std::optional<std::string> AppendCheckDigit(std::string_view first11);

enum class Sex { kMale, kFemale };

class Iin {
 public:
  // Accepts exactly 12 ASCII digits (no trimming) whose 7th digit is 1-6, whose YYMMDD is a
  // real date in the century that digit names (1/2 -> 18xx, 3/4 -> 19xx, 5/6 -> 20xx) and
  // whose check digit matches. Errors are Unprocessable with one message per reason.
  static Expected<Iin> Parse(std::string_view text);

  const std::string& str() const { return value_; }
  std::chrono::year_month_day birth_date() const { return birth_date_; }
  Sex sex() const { return sex_; }
  // "90********34": safe for screens and logs that must hint which person without naming.
  std::string Masked() const;

  friend bool operator==(const Iin& a, const Iin& b) { return a.value_ == b.value_; }
  friend bool operator<(const Iin& a, const Iin& b) { return a.value_ < b.value_; }

 private:
  Iin(std::string value, std::chrono::year_month_day birth_date, Sex sex)
      : value_(std::move(value)), birth_date_(birth_date), sex_(sex) {}

  std::string value_;
  std::chrono::year_month_day birth_date_;
  Sex sex_;
};

// False when the IIN's birth date lies after `today` (kept out of Parse so Parse stays pure).
bool IsBornBy(const Iin& iin, std::chrono::year_month_day today);

enum class BinEntityType {
  kResident = 4,
  kNonResident = 5,
  kJointEntrepreneur = 6,  // individual entrepreneur in a joint enterprise
};

enum class BinUnit {
  kHeadOffice = 0,
  kBranch = 1,
  kRepresentativeOffice = 2,
  kPeasantFarm = 3,
};

class Bin {
 public:
  // Accepts exactly 12 ASCII digits: YYMM with month 01-12, 5th digit 4/5/6, 6th digit 0-3,
  // matching check digit. Errors are Unprocessable with one message per reason.
  static Expected<Bin> Parse(std::string_view text);

  const std::string& str() const { return value_; }
  // The BIN only carries two year digits: YY <= 30 is read as 20YY, otherwise 19YY
  // (registrations before 1931 do not exist; revisit before 2031).
  std::chrono::year_month registration_year_month() const { return registered_; }
  BinEntityType entity_type() const { return entity_type_; }
  BinUnit unit() const { return unit_; }
  std::string Masked() const;

  friend bool operator==(const Bin& a, const Bin& b) { return a.value_ == b.value_; }
  friend bool operator<(const Bin& a, const Bin& b) { return a.value_ < b.value_; }

 private:
  Bin(std::string value, std::chrono::year_month registered, BinEntityType type, BinUnit unit)
      : value_(std::move(value)), registered_(registered), entity_type_(type), unit_(unit) {}

  std::string value_;
  std::chrono::year_month registered_;
  BinEntityType entity_type_;
  BinUnit unit_;
};

// A Kazakh IBAN (ISO 13616): "KZ", two check digits, then 16 digits or capital letters (3 of
// the bank's code, 13 of the account); the whole, moved and read as a number, is 1 mod 97.
bool IsKazakhIban(std::string_view text);

}  // namespace jumys
