#include "services/registry/registry_service.h"

#include "core/blank.h"
#include "core/identifiers.h"
#include "engine/case_store.h"
#include "security/access.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/repositories/repositories.h"
#include "storage/repositories/transfer_repository.h"

namespace jumys::registry {

namespace {

Date Today(Instant now) { return Date{std::chrono::floor<std::chrono::days>(now)}; }

// The audit event's data: the record as written (its timestamps not yet set).
nlohmann::json AuditData(const Person& p) {
  return {{"iin", p.iin},
          {"surname", p.surname},
          {"given_name", p.given_name},
          {"patronymic", p.patronymic},
          {"birth_date", p.birth_date},
          {"sex", p.sex},
          {"office", p.office_id},
          {"phone", p.phone},
          {"address", p.address},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

}  // namespace

nlohmann::json EmployerJson(const Employer& e) {
  return {{"bin", e.bin},
          {"name", e.name},
          {"registered_on", e.registered_on},
          {"kato", e.kato},
          {"office", e.office_id},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

namespace {

Error PersonNotFound() { return Error::NotFound("person.not_found"_msg, "no such person"); }
Error EmployerNotFound() { return Error::NotFound("employer.not_found"_msg, "no such employer"); }
Error CardNotFound() { return Error::NotFound("card.not_found"_msg, "no such card"); }

// An IIN or BIN of a request: its errors name the field.
Expected<Iin> ParseIinField(std::string_view text) {
  auto iin = Iin::Parse(text);
  if (!iin) return AtField("iin", iin.error());
  return iin;
}
Expected<Bin> ParseBinField(std::string_view text) {
  auto bin = Bin::Parse(text);
  if (!bin) return AtField("bin", bin.error());
  return bin;
}

bool IsKato(const std::string& s) {
  return s.size() == 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

bool InOwningOffice(const Actor& actor, const OfficeDirectory& offices,
                    const std::string& record_office) {
  return CanAccessOffice(actor, offices, record_office);
}

namespace {

struct TransferRequested {
  std::string requested_at;  // when the caller's office first asked
  bool created = true;       // a new request rather than a repeated one
};

// The caller's office asks the owning office for a record it may not see. The caller learns
// nothing of the owning office or its record: the answer is built from their own entry, as
// for a registration at their office, and a repeated request reads like an update.
Expected<TransferRequested> RequestTransfer(storage::Tx& tx, const Actor& actor,
                                            const std::string& kind, const std::string& key,
                                            const std::string& owning_office,
                                            const nlohmann::json& entry, const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(auto pending,
                         storage::FindPendingTransfer(tx, kind, key, actor.office_id));
  TransferRequested out{now, true};
  std::int64_t id = 0;
  if (pending) {
    id = pending->id;
    out = {pending->requested_at, false};
    JUMYS_TRY(storage::UpdateTransferData(tx, id, entry.dump()));
  } else {
    storage::TransferRow t;
    t.kind = kind;
    t.record_key = key;
    t.from_office = owning_office;
    t.to_office = actor.office_id;
    t.data = entry.dump();
    t.requested_by = actor.login;
    t.requested_at = now;
    JUMYS_ASSIGN_OR_RETURN(id, storage::InsertTransfer(tx, t));
  }
  JUMYS_TRY(storage::AppendAudit(tx, {now,
                                      actor.login,
                                      kind + ".transfer_request",
                                      kind,
                                      key,
                                      owning_office,
                                      {{"transfer", id}, {"to_office", actor.office_id}}}));
  return out;
}

}  // namespace

RegistryService::RegistryService(storage::Database& db, const OfficeDirectory& offices,
                                 storage::AuditReadLog& read_log, std::function<Instant()> clock)
    : db_(db), offices_(offices), read_log_(read_log), clock_(std::move(clock)) {}

Expected<std::optional<RecordOwner>> RegistryService::PersonOwner(std::string_view iin_text) {
  JUMYS_ASSIGN_OR_RETURN(auto iin, ParseIinField(iin_text));
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto person, storage::FindPerson(tx, iin.str()));
    JUMYS_ASSIGN_OR_RETURN(auto card, storage::FindEmploymentCard(tx, iin.str()));
    if (!person && !card) return {};
    owner = RecordOwner{{}, "", iin.str(), ""};
    if (person) owner->offices.push_back(person->office_id);
    if (card) owner->offices.push_back(card->office_id);
    return {};
  }));
  return owner;
}

Expected<std::optional<RecordOwner>> RegistryService::EmployerOwner(std::string_view bin_text) {
  JUMYS_ASSIGN_OR_RETURN(auto bin, ParseBinField(bin_text));
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, bin.str()));
    if (employer) owner = RecordOwner{{employer->office_id}, "", "", bin.str()};
    return {};
  }));
  return owner;
}

Expected<Person> RegistryService::ReadPerson(const Actor& actor, std::string_view iin_text,
                                             const std::string& request_id) {
  JUMYS_ASSIGN_OR_RETURN(auto iin, ParseIinField(iin_text));
  if (actor.applicant && actor.iin != iin.str()) return PersonNotFound();
  std::optional<Person> person;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(person, storage::FindPerson(tx, iin.str()));
    return {};
  }));
  if (!person) return PersonNotFound();
  if (!actor.applicant && !InOwningOffice(actor, offices_, person->office_id)) {
    return PersonNotFound();
  }
  read_log_.Record({FormatRfc3339(clock_()),
                    actor.login,
                    "person.read",
                    "person",
                    person->iin,
                    person->office_id,
                    {{"request_id", request_id}}});
  return std::move(*person);
}

Expected<Registered<Person>> RegistryService::RegisterPerson(const Actor& actor,
                                                             const PersonInput& input) {
  JUMYS_ASSIGN_OR_RETURN(auto iin, ParseIinField(input.iin));
  for (const auto& [field, value] :
       {std::pair{"surname", &input.surname}, {"given_name", &input.given_name}}) {
    if (IsBlank(*value)) {
      return FieldError(ErrorCode::kUnprocessable, field, "field.empty"_msg, "must not be empty");
    }
  }
  const Instant now_instant = clock_();
  if (!IsBornBy(iin, Today(now_instant))) {
    return FieldError(ErrorCode::kUnprocessable, "iin", "iin.born_in_future"_msg,
                      "IIN birth date is in the future");
  }
  Person p;
  p.iin = iin.str();
  p.surname = input.surname;
  p.given_name = input.given_name;
  p.patronymic = input.patronymic;
  p.phone = input.phone;
  p.address = input.address;
  p.birth_date = FormatDate(iin.birth_date());
  p.sex = iin.sex() == Sex::kMale ? "male" : "female";
  p.office_id = actor.office_id;
  const std::string now = FormatRfc3339(now_instant);
  bool created = false;
  std::string transfer_requested_at;  // set when a transfer was requested instead
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindPerson(tx, p.iin));
    if (existing && !InOwningOffice(actor, offices_, existing->office_id)) {
      // Registered at an office outside the caller's scope: a transfer request, answered
      // exactly as a registration at the caller's office would be (see RequestTransfer).
      JUMYS_ASSIGN_OR_RETURN(auto request, RequestTransfer(tx, actor, "person", p.iin,
                                                           existing->office_id, AuditData(p), now));
      transfer_requested_at = request.requested_at;
      created = request.created;
      return {};
    }
    if (existing) p.office_id = existing->office_id;
    JUMYS_ASSIGN_OR_RETURN(created, storage::UpsertPerson(tx, p, now));
    return storage::AppendAudit(tx, {now, actor.login, created ? "person.create" : "person.update",
                                     "person", p.iin, p.office_id, AuditData(p)});
  }));
  if (!transfer_requested_at.empty()) {
    p.created_at = transfer_requested_at;
    p.updated_at = now;
    return Registered<Person>{std::move(p), created};
  }
  std::optional<Person> stored;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(stored, storage::FindPerson(tx, p.iin));
    return {};
  }));
  if (!stored) return Error::Internal("person vanished after write");
  return Registered<Person>{std::move(*stored), created};
}

Expected<Employer> RegistryService::ReadEmployer(const Actor& actor, std::string_view bin_text) {
  JUMYS_ASSIGN_OR_RETURN(auto bin, ParseBinField(bin_text));
  if (actor.applicant && actor.bin != bin.str()) return EmployerNotFound();
  std::optional<Employer> employer;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(employer, storage::FindEmployer(tx, bin.str()));
    return {};
  }));
  if (!employer) return EmployerNotFound();
  if (!actor.applicant && !InOwningOffice(actor, offices_, employer->office_id)) {
    return EmployerNotFound();
  }
  return std::move(*employer);
}

Expected<Registered<Employer>> RegistryService::RegisterEmployer(const Actor& actor,
                                                                 const EmployerInput& input) {
  JUMYS_ASSIGN_OR_RETURN(auto bin, ParseBinField(input.bin));
  if (IsBlank(input.name)) {
    return FieldError(ErrorCode::kUnprocessable, "name", "field.empty"_msg, "must not be empty");
  }
  auto registered_on = ParseDate(input.registered_on);
  if (!registered_on) return AtField("registered_on", registered_on.error());
  const Date registered = *registered_on;
  // The BIN's first four digits are the year and month of registration.
  if (std::chrono::year_month{registered.year(), registered.month()} !=
      bin.registration_year_month()) {
    return FieldError(ErrorCode::kUnprocessable, "registered_on", "employer.registered_month"_msg,
                      "does not match the month the BIN records");
  }
  const Instant now_instant = clock_();
  if (std::chrono::sys_days{registered} > std::chrono::floor<std::chrono::days>(now_instant)) {
    return FieldError(ErrorCode::kUnprocessable, "registered_on", "field.in_future"_msg,
                      "must not be in the future");
  }
  if (!IsKato(input.kato)) {
    return FieldError(ErrorCode::kUnprocessable, "kato", "field.kato"_msg,
                      "must be a 9-digit KATO code");
  }
  Employer e;
  e.bin = bin.str();
  e.name = input.name;
  e.registered_on = input.registered_on;
  e.kato = input.kato;
  e.office_id = actor.office_id;
  const std::string now = FormatRfc3339(now_instant);
  bool created = false;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::FindEmployer(tx, e.bin));
    if (existing && !InOwningOffice(actor, offices_, existing->office_id)) {
      JUMYS_ASSIGN_OR_RETURN(
          auto request,
          RequestTransfer(tx, actor, "employer", e.bin, existing->office_id, EmployerJson(e), now));
      created = request.created;
      return {};
    }
    if (existing) e.office_id = existing->office_id;
    JUMYS_ASSIGN_OR_RETURN(created, storage::UpsertEmployer(tx, e, now));
    return storage::AppendAudit(
        tx, {now, actor.login, created ? "employer.create" : "employer.update", "employer", e.bin,
             e.office_id, EmployerJson(e)});
  }));
  // Not read back: an update reports both timestamps as now.
  e.created_at = e.updated_at = now;
  return Registered<Employer>{std::move(e), created};
}

namespace {

// The newest attendance case of the person, with its open repeat or visit task.
Expected<std::optional<AttendanceSchedule>> Attendance(storage::Tx& tx, const std::string& iin) {
  CaseFilter filter;
  filter.applicant_iin = iin;
  filter.process = "unemployed-attendance";
  filter.limit = 1;
  JUMYS_ASSIGN_OR_RETURN(auto cases, ListCases(tx, filter));
  if (cases.empty()) return std::optional<AttendanceSchedule>{};
  AttendanceSchedule out;
  out.case_id = cases.front().id;
  out.case_number = cases.front().number;
  out.status = cases.front().status;
  JUMYS_ASSIGN_OR_RETURN(auto tasks, ListCaseTasks(tx, out.case_id));
  for (const auto& t : tasks) {
    if (!t.open()) continue;
    if (t.kind == StepKind::kRepeat) out.next_visit_at = t.due_at;
    if (t.kind == StepKind::kWait) {
      out.visit_due_by = t.due_at;
      out.visit_task_id = t.id;
    }
  }
  return std::optional<AttendanceSchedule>{std::move(out)};
}

}  // namespace

Expected<CardWithHistory> RegistryService::ReadEmploymentCard(const Actor& actor,
                                                              std::string_view iin_text,
                                                              const std::string& request_id) {
  JUMYS_ASSIGN_OR_RETURN(auto iin, ParseIinField(iin_text));
  if (actor.applicant && actor.iin != iin.str()) return CardNotFound();
  std::optional<EmploymentCard> card;
  std::optional<Person> person;
  std::vector<CardHistoryEntry> history;
  std::optional<AttendanceSchedule> attendance;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(card, storage::FindEmploymentCard(tx, iin.str()));
    if (!card) return {};
    JUMYS_ASSIGN_OR_RETURN(person, storage::FindPerson(tx, iin.str()));
    JUMYS_ASSIGN_OR_RETURN(history, storage::ListCardHistory(tx, iin.str()));
    JUMYS_ASSIGN_OR_RETURN(attendance, Attendance(tx, iin.str()));
    return {};
  }));
  if (!card) return CardNotFound();
  // The card's office may differ from the person's (a hand-off): either one's staff may read it.
  if (!actor.applicant && !InOwningOffice(actor, offices_, card->office_id) &&
      !(person && InOwningOffice(actor, offices_, person->office_id))) {
    return CardNotFound();
  }
  read_log_.Record({FormatRfc3339(clock_()),
                    actor.login,
                    "employment_card.read",
                    "employment_card",
                    card->iin,
                    card->office_id,
                    {{"request_id", request_id}}});
  return CardWithHistory{std::move(*card), std::move(history), std::move(attendance)};
}

}  // namespace jumys::registry
