#pragma once
// The registry of people, employers and their employment cards, and the state-revenue data
// (arrears) eligibility checks read: who may see or edit which record, what a valid record is,
// and the audit events every read and change leaves.
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "storage/repositories/employment_card_repository.h"
#include "storage/repositories/records.h"

namespace jumys::storage {
class Database;
class AuditReadLog;
}  // namespace jumys::storage

namespace jumys::registry {

using Person = storage::PersonRecord;
using Employer = storage::EmployerRecord;

// An employer record as the API answers it and its audit events record it.
nlohmann::json EmployerJson(const Employer& e);
using Revenue = storage::RevenueRecord;
using EmploymentCard = storage::EmploymentCardRow;
using CardHistoryEntry = storage::CardHistoryRow;

// The office-ownership rule, the same for people, employers and cards: a record belongs to the
// office that registered it, and staff of that office (or oblast-level staff of its oblast) may
// see and edit it. Applicants never reach a record through an office.
bool InOwningOffice(const Actor& actor, const OfficeDirectory& offices,
                    const std::string& record_office);

// A person as staff enter them; birth date and sex come from the IIN.
struct PersonInput {
  std::string iin;
  std::string surname;
  std::string given_name;
  std::string patronymic;  // "" when not given
  std::string phone;
  std::string address;
};

struct EmployerInput {
  std::string bin;
  std::string name;
  std::string registered_on;  // YYYY-MM-DD, must fall in the month the BIN records
  std::string kato;           // 9 digits
};

template <typename Record>
struct Registered {
  Record record;
  bool created = false;  // new rather than updated
};

struct CardWithHistory {
  EmploymentCard card;
  std::vector<CardHistoryEntry> history;  // oldest first
};

// The state-revenue CSV: this header line, then one row per employer. A file with more rows
// is refused whole.
inline const std::vector<std::string> kRevenueCsvHeader = {"bin", "as_of", "tax_arrears_tiyn",
                                                           "social_arrears_tiyn"};
inline constexpr std::size_t kMaxRevenueRows = 200'000;

class RegistryService {
 public:
  RegistryService(storage::Database& db, const OfficeDirectory& offices,
                  storage::AuditReadLog& read_log, std::function<Instant()> clock);

  // People. Each read is audited ("person.read", carrying `request_id`); out of scope is
  // NotFound so a record's existence does not leak.
  Expected<Person> ReadPerson(const Actor& actor, std::string_view iin,
                              const std::string& request_id);
  // Registers at the caller's office, or updates where the person is registered: Conflict
  // when that is an office the caller does not own. Audited as person.create / person.update.
  Expected<Registered<Person>> RegisterPerson(const Actor& actor, const PersonInput& input);

  // Employers, as for people (their reads are not audited).
  Expected<Employer> ReadEmployer(const Actor& actor, std::string_view bin);
  // Unprocessable when registered_on disagrees with the BIN's year and month, lies in the
  // future, or the KATO code is not 9 digits.
  Expected<Registered<Employer>> RegisterEmployer(const Actor& actor, const EmployerInput& input);

  // The employer's last imported arrears; NotFound when none were imported.
  Expected<Revenue> ReadRevenue(const Actor& actor, std::string_view bin);
  // All rows or none: any bad row refuses the file, with every problem named by its line (the
  // first 50). Returns how many rows were imported; audited as revenue.import.
  Expected<std::size_t> ImportRevenue(const Actor& actor, std::string_view csv);

  // The person's employment card: staff of the card's office or of the person's office, and
  // the person. Audited as employment_card.read.
  Expected<CardWithHistory> ReadEmploymentCard(const Actor& actor, std::string_view iin,
                                               const std::string& request_id);

 private:
  storage::Database& db_;
  const OfficeDirectory& offices_;
  storage::AuditReadLog& read_log_;
  std::function<Instant()> clock_;
};

}  // namespace jumys::registry
