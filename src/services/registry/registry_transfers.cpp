// Transfer requests between offices: who answers one, the requests an office lists, and
// accepting (the record moves to the requesting office) or declining one. Requests are made by
// registering a record held elsewhere (registry_service.cpp).
#include "services/registry/registry_service.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/repositories/repositories.h"
#include "storage/repositories/transfer_repository.h"

namespace jumys::registry {

namespace {

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

}  // namespace jumys::registry
