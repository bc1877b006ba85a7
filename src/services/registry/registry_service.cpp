#include "services/registry/registry_service.h"

#include <charconv>

#include "core/blank.h"
#include "core/csv.h"
#include "core/identifiers.h"
#include "core/sha256.h"
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

Expected<std::int64_t> ParseTiyn(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return Error::Unprocessable("csv.not_tiyn"_msg,
                                "'{value}' is not a non-negative amount in tiyn",
                                {{"value", text.substr(0, 32)}});
  }
  return value;
}

// Every row checked before anything is written; problems are collected (the first 50) so one
// answer names them all.
Expected<std::vector<Revenue>> ParseRevenueCsv(std::string_view text, const std::string& now,
                                               const std::string& by) {
  CsvReader reader(text);
  JUMYS_TRY(reader.ExpectHeader(kRevenueCsvHeader));
  std::vector<Revenue> records;
  std::vector<ErrorDetail> problems;
  while (auto row = reader.Next()) {
    auto problem = [&](const Error& what) {
      if (problems.size() < 50) problems.push_back(CsvLineProblem(row->line, what));
    };
    const auto& cells = row->cells;
    if (cells.size() != kRevenueCsvHeader.size()) {
      problem(Error::Unprocessable("csv.field_count"_msg,
                                   "expected {expected} fields, found {found}",
                                   {{"expected", std::to_string(kRevenueCsvHeader.size())},
                                    {"found", std::to_string(cells.size())}}));
      continue;
    }
    auto bin = Bin::Parse(cells[0]);
    auto as_of = ParseDate(cells[1]);
    auto tax = ParseTiyn(cells[2]);
    auto social = ParseTiyn(cells[3]);
    if (!bin) problem(bin.error());
    if (!as_of) problem(as_of.error());
    if (!tax) problem(tax.error());
    if (!social) problem(social.error());
    if (bin && as_of && tax && social) {
      records.push_back({bin->str(), cells[1], *tax, *social, now, by});
    }
    if (records.size() > kMaxRevenueRows) {
      return Error::Unprocessable("csv.too_many_rows"_msg, "at most {max} rows per file",
                                  {{"max", std::to_string(kMaxRevenueRows)}});
    }
  }
  if (!problems.empty()) {
    return Error::Unprocessable("csv.invalid_rows"_msg, "the file has invalid rows", {},
                                std::move(problems));
  }
  return records;
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

Transfer TransferOf(const storage::TransferRow& row) {
  Transfer t;
  t.id = row.id;
  t.kind = row.kind;
  t.record_key = row.record_key;
  t.owning_office = row.from_office;
  t.requesting_office = row.to_office;
  t.status = row.status;
  t.entry = nlohmann::json::parse(row.data, nullptr, false);
  t.requested_by = row.requested_by;
  t.requested_at = row.requested_at;
  t.decided_by = row.decided_by;
  t.decided_at = row.decided_at;
  return t;
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

Expected<Revenue> RegistryService::ReadRevenue(const Actor& actor, std::string_view bin) {
  JUMYS_ASSIGN_OR_RETURN(auto employer, ReadEmployer(actor, bin));
  std::optional<Revenue> record;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(record, storage::FindRevenue(tx, employer.bin));
    return {};
  }));
  if (!record) {
    return Error::NotFound("revenue.not_found"_msg, "no state-revenue data for this employer");
  }
  return std::move(*record);
}

Expected<std::size_t> RegistryService::ImportRevenue(const Actor& actor, std::string_view csv) {
  const std::string now = FormatRfc3339(clock_());
  JUMYS_ASSIGN_OR_RETURN(auto records, ParseRevenueCsv(csv, now, actor.login));
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    for (const auto& r : records) JUMYS_TRY(storage::UpsertRevenue(tx, r));
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "revenue.import",
                                     "revenue_data",
                                     now,
                                     actor.office_id,
                                     {{"rows", records.size()}, {"sha256", Sha256Hex(csv)}}});
  }));
  return records.size();
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

Expected<std::optional<RecordOwner>> RegistryService::TransferOwner(std::int64_t id) {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto t, storage::FindTransfer(tx, id));
    if (t) owner = RecordOwner{{t->from_office}, "", "", ""};
    return {};
  }));
  return owner;
}

Expected<std::vector<Transfer>> RegistryService::ListTransfers(
    const Actor& actor, const std::vector<std::string>& offices, const std::string& status) {
  if (!status.empty() && status != "pending" && status != "accepted" && status != "declined") {
    return FieldError(ErrorCode::kInvalidInput, "status", "field.not_one_of"_msg,
                      "must be one of: {allowed}", {{"allowed", "pending, accepted, declined"}});
  }
  std::vector<storage::TransferRow> rows;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(rows, storage::ListTransfers(tx, offices, status));
    return {};
  }));
  std::vector<Transfer> out;
  for (const auto& r : rows) out.push_back(TransferOf(r));
  (void)actor;
  return out;
}

Expected<Transfer> RegistryService::DecideTransfer(const Actor& actor, std::int64_t id,
                                                   bool accept) {
  const std::string now = FormatRfc3339(clock_());
  storage::TransferRow row;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto found, storage::FindTransfer(tx, id));
    if (!found) return Error::NotFound("transfer.not_found"_msg, "no such transfer request");
    row = std::move(*found);
    const std::string status = accept ? "accepted" : "declined";
    JUMYS_ASSIGN_OR_RETURN(auto decided, storage::DecideTransfer(tx, id, status, actor.login, now));
    if (!decided) {
      return Error::Conflict("transfer.decided"_msg, "this transfer request is already answered");
    }
    row.status = status;
    row.decided_by = actor.login;
    row.decided_at = now;
    nlohmann::json audit = {
        {"transfer", id}, {"from_office", row.from_office}, {"to_office", row.to_office}};
    if (accept && row.kind == "person") {
      JUMYS_ASSIGN_OR_RETURN(auto person, storage::FindPerson(tx, row.record_key));
      if (!person) return Error::Conflict("transfer.record_gone"_msg, "the record is gone");
      person->office_id = row.to_office;
      JUMYS_TRY(storage::UpsertPerson(tx, *person, now));
    } else if (accept) {
      JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, row.record_key));
      if (!employer) return Error::Conflict("transfer.record_gone"_msg, "the record is gone");
      employer->office_id = row.to_office;
      JUMYS_TRY(storage::UpsertEmployer(tx, *employer, now));
    }
    return storage::AppendAudit(tx, {now, actor.login, row.kind + ".transfer_" + status, row.kind,
                                     row.record_key, row.from_office, audit});
  }));
  return TransferOf(row);
}

Expected<std::map<std::string, std::string>> RegistryService::NamesOf(
    const std::vector<std::string>& iins, const std::vector<std::string>& bins) {
  std::map<std::string, std::string> out;
  const auto in_list = [](std::size_t n) {
    std::string list;
    for (std::size_t i = 1; i <= n; ++i) list += (i > 1 ? ",$" : "$") + std::to_string(i);
    return list;
  };
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    if (!iins.empty()) {
      storage::Params params(iins.begin(), iins.end());
      JUMYS_ASSIGN_OR_RETURN(
          auto rows, tx.Query("SELECT iin, surname, given_name, patronymic FROM people WHERE iin "
                              "IN (" +
                                  in_list(iins.size()) + ")",
                              params));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string name = rows.Text(r, 1) + " " + rows.Text(r, 2);
        if (!rows.Text(r, 3).empty()) name += " " + rows.Text(r, 3);
        out[rows.Text(r, 0)] = std::move(name);
      }
    }
    if (!bins.empty()) {
      storage::Params params(bins.begin(), bins.end());
      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT bin, name FROM employers WHERE bin IN (" +
                                                     in_list(bins.size()) + ")",
                                                 params));
      for (std::size_t r = 0; r < rows.size(); ++r) out[rows.Text(r, 0)] = rows.Text(r, 1);
    }
    return {};
  }));
  return out;
}

Expected<RegistryService::NameMatches> RegistryService::FindByName(std::string_view name,
                                                                   int limit) {
  // Each word a LIKE pattern, its wildcards escaped; both sides lower-cased by the store
  // (SQLite's lower() is the connection's own, Unicode-aware: sqlite_connection.cpp).
  std::vector<std::string> patterns;
  std::size_t start = 0;
  while (start < name.size() && patterns.size() < 5) {
    std::size_t end = name.find(' ', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view word = name.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    std::string pattern = "%";
    for (char c : word) {
      if (c == '%' || c == '_' || c == '!') pattern += '!';
      pattern += c;
    }
    patterns.push_back(pattern + "%");
  }
  NameMatches out;
  if (patterns.empty()) return out;
  const auto where = [&](const std::string& column) {
    std::string sql;
    for (std::size_t i = 1; i <= patterns.size(); ++i) {
      sql += (i > 1 ? " AND " : " WHERE ") + column + " LIKE lower(CAST($" + std::to_string(i) +
             " AS TEXT)) ESCAPE '!'";
    }
    return sql;
  };
  storage::Params params(patterns.begin(), patterns.end());
  params.push_back(std::int64_t{limit});
  const std::string lim = " ORDER BY 1 LIMIT $" + std::to_string(params.size());
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto people,
        tx.Query("SELECT iin FROM people" +
                     where("lower(surname || ' ' || given_name || ' ' || patronymic)") + lim,
                 params));
    for (std::size_t r = 0; r < people.size(); ++r) out.iins.push_back(people.Text(r, 0));
    JUMYS_ASSIGN_OR_RETURN(
        auto employers, tx.Query("SELECT bin FROM employers" + where("lower(name)") + lim, params));
    for (std::size_t r = 0; r < employers.size(); ++r) out.bins.push_back(employers.Text(r, 0));
    return {};
  }));
  return out;
}

}  // namespace jumys::registry
