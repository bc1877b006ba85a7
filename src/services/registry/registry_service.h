#pragma once
// The registry of people, employers and their employment cards, and the state-revenue data
// (arrears) eligibility checks read: who may see or edit which record, what a valid record is,
// and the audit events every read and change leaves.
#include <cstddef>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
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

// The unemployed person's year (processes/unemployed-attendance) as the card shows it: the
// newest attendance case and, while it is open, when the next visit falls due or by when the
// one due now must be made.
struct AttendanceSchedule {
  std::int64_t case_id = 0;
  std::string case_number;
  std::string status;              // the case's: "open", "completed", "cancelled"
  std::string next_visit_at;       // the next period starts (RFC 3339); "" when none
  std::string visit_due_by;        // a visit is due now, by this time; "" when none
  std::int64_t visit_task_id = 0;  // the visit's task while it is due
};

struct CardWithHistory {
  EmploymentCard card;
  std::vector<CardHistoryEntry> history;  // oldest first
  std::optional<AttendanceSchedule> attendance;
};

// The state-revenue CSV: this header line, then one row per employer. A file with more rows
// is refused whole.
inline const std::vector<std::string> kRevenueCsvHeader = {"bin", "as_of", "tax_arrears_tiyn",
                                                           "social_arrears_tiyn"};
inline constexpr std::size_t kMaxRevenueRows = 200'000;

// A request to move a person's or an employer's record from the office that holds it (which
// answers it) to the office that asked.
struct Transfer {
  std::int64_t id = 0;
  std::string kind;        // person | employer
  std::string record_key;  // IIN or BIN
  std::string owning_office;
  std::string requesting_office;
  std::string status;    // pending | accepted | declined
  nlohmann::json entry;  // what the requesting clerk entered
  std::string requested_by, requested_at, decided_by, decided_at;
};

class RegistryService {
 public:
  RegistryService(storage::Database& db, const OfficeDirectory& offices,
                  storage::AuditReadLog& read_log, std::function<Instant()> clock);

  // Who a person's records belong to (the person's office and their employment card's, the
  // person) and an employer's (its office, the employer), for the router's scope check; not
  // audited. nullopt when there is no such record; 422 for a malformed IIN or BIN.
  Expected<std::optional<RecordOwner>> PersonOwner(std::string_view iin);
  Expected<std::optional<RecordOwner>> EmployerOwner(std::string_view bin);

  // People. Each read is audited ("person.read", carrying `request_id`); out of scope is
  // NotFound so a record's existence does not leak.
  Expected<Person> ReadPerson(const Actor& actor, std::string_view iin,
                              const std::string& request_id);
  // Registers at the caller's office, or updates where the person is registered. A person
  // registered at an office outside the caller's scope is not revealed: a transfer request
  // goes to that office and the answer is built from the caller's entry exactly as a new
  // registration's (created, then an update when repeated). Audited as person.create /
  // person.update / person.transfer_request.
  Expected<Registered<Person>> RegisterPerson(const Actor& actor, const PersonInput& input);

  // Employers, as for people (their reads are not audited).
  Expected<Employer> ReadEmployer(const Actor& actor, std::string_view bin);
  // A registration at another office is a transfer request, as for people.
  // Unprocessable when registered_on disagrees with the BIN's year and month, lies in the
  // future, or the KATO code is not 9 digits.
  Expected<Registered<Employer>> RegisterEmployer(const Actor& actor, const EmployerInput& input);

  // The employer's last imported arrears; NotFound when none were imported.
  Expected<Revenue> ReadRevenue(const Actor& actor, std::string_view bin);
  // All rows or none: any bad row refuses the file, with every problem named by its line (the
  // first 50). Returns how many rows were imported; audited as revenue.import.
  Expected<std::size_t> ImportRevenue(const Actor& actor, std::string_view csv);

  // Transfer requests: who answers one (the owning office), the requests addressed to
  // `offices` (status "" for any), and accepting (the record moves to the requesting office)
  // or declining one. 409 when already answered. Audited as <kind>.transfer_accepted /
  // <kind>.transfer_declined.
  Expected<std::optional<RecordOwner>> TransferOwner(std::int64_t id);
  Expected<std::vector<Transfer>> ListTransfers(const Actor& actor,
                                                const std::vector<std::string>& offices,
                                                const std::string& status);
  Expected<Transfer> DecideTransfer(const Actor& actor, std::int64_t id, bool accept);

  // Applicants' names for the lists staff work from (the queue): a person's full name by IIN,
  // an employer's name by BIN; identifiers without a record are left out. Not audited, like
  // the case listings that carry the identifiers.
  Expected<std::map<std::string, std::string>> NamesOf(const std::vector<std::string>& iins,
                                                       const std::vector<std::string>& bins);
  // The people and employers whose name holds every word of `name` (any order, any case, the
  // Kazakh and Cyrillic letters too), at most `limit` of each, for the case search by name.
  struct NameMatches {
    std::vector<std::string> iins, bins;
  };
  Expected<NameMatches> FindByName(std::string_view name, int limit);

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
