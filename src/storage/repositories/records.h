#pragma once
// Stored records, as the repositories read and write them.
#include <cstdint>
#include <optional>
#include <string>

namespace jumys::storage {

struct OfficeRecord {
  std::string id;
  std::string name_kk, name_ru, name_en;
  std::string kato;
  std::string oblast_kato;
  std::string level;      // "centre" | "oblast"
  std::string time_zone;  // IANA
  std::string hours;      // JSON, see app/office_hours_json.h
};

struct UserRecord {
  std::int64_t id = 0;
  std::string login;
  std::string kind;  // "staff" | "applicant"
  std::string full_name;
  std::string office_id;  // "" for applicants
  std::string roles;      // comma-separated
  std::string iin, bin;
  std::string password_hash;
  std::int64_t failed_logins = 0;
  std::optional<std::string> locked_until;
  bool active = true;
  bool must_change_password = false;           // signed in, may only change the password
  std::optional<std::string> totp_secret;      // base32; the second factor, once confirmed
  std::optional<std::string> totp_pending;     // base32; enrolled, awaiting the first code
  std::optional<std::int64_t> totp_last_step;  // the last TOTP time step accepted
};

struct SessionRecord {
  std::string token_hash;
  std::int64_t user_id = 0;
  std::string created_at, expires_at;
  std::optional<std::string> revoked_at;
  std::optional<std::string> last_seen_at;  // written at most once a minute
};

struct PersonRecord {
  std::string iin;
  std::string surname, given_name, patronymic;
  std::string birth_date;  // YYYY-MM-DD, from the IIN
  std::string sex;         // "male" | "female", from the IIN
  std::string office_id;
  std::string phone, address;
  std::string created_at, updated_at;
};

struct EmployerRecord {
  std::string bin;
  std::string name;
  std::string registered_on;  // YYYY-MM-DD
  std::string kato;
  std::string office_id;
  std::string created_at, updated_at;
};

struct RevenueRecord {
  std::string bin;
  std::string as_of;  // YYYY-MM-DD
  std::int64_t tax_arrears_tiyn = 0;
  std::int64_t social_arrears_tiyn = 0;
  std::string imported_at, imported_by;
};

struct CalendarOverrideRecord {
  std::string day;  // YYYY-MM-DD
  bool working = false;
  std::string note;
  std::string updated_by, updated_at;
};

}  // namespace jumys::storage
