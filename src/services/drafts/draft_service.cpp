#include "services/drafts/draft_service.h"

#include <optional>

namespace jumys::drafts {

namespace {

// The employer's BIN, else the person's IIN: every user of an employer shares its drafts.
Expected<std::string> OwnerOf(const Actor& actor) {
  if (actor.applicant && !actor.bin.empty()) return "bin:" + actor.bin;
  if (actor.applicant && !actor.iin.empty()) return "iin:" + actor.iin;
  return Error::Forbidden("draft.applicants_only"_msg,
                          "drafts are kept for applicants in their cabinet");
}

Error NotFound() { return Error::NotFound("draft.not_found"_msg, "no draft of this process"); }

Expected<Draft> RowDraft(const storage::Rows& rows, std::size_t i) {
  Draft d;
  d.process = rows.Text(i, 0);
  d.data = nlohmann::json::parse(rows.Text(i, 1), nullptr, false);
  if (d.data.is_discarded()) return Error::Internal("a stored draft is not JSON");
  d.updated_at = rows.Text(i, 2);
  d.updated_by = rows.Text(i, 3);
  return d;
}

constexpr const char* kColumns = "SELECT process, data, updated_at, updated_by FROM drafts ";

}  // namespace

DraftService::DraftService(storage::Database& db, const ProcessCatalog& catalog, Clock clock)
    : db_(db), catalog_(catalog), clock_(std::move(clock)) {}

Expected<std::vector<Draft>> DraftService::List(const Actor& actor) const {
  JUMYS_ASSIGN_OR_RETURN(const std::string owner, OwnerOf(actor));
  std::vector<Draft> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query(std::string(kColumns) + "WHERE owner = $1 ORDER BY updated_at DESC, process",
                 {owner}));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      JUMYS_ASSIGN_OR_RETURN(auto d, RowDraft(rows, i));
      out.push_back(std::move(d));
    }
    return {};
  }));
  return out;
}

Expected<Draft> DraftService::Get(const Actor& actor, const std::string& process) const {
  JUMYS_ASSIGN_OR_RETURN(const std::string owner, OwnerOf(actor));
  std::optional<Draft> found;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query(std::string(kColumns) + "WHERE owner = $1 AND process = $2", {owner, process}));
    if (rows.size() == 0) return {};
    JUMYS_ASSIGN_OR_RETURN(found, RowDraft(rows, 0));
    return {};
  }));
  if (!found) return NotFound();
  return *found;
}

Expected<Draft> DraftService::Put(const Actor& actor, const std::string& process,
                                  const nlohmann::json& data) {
  JUMYS_ASSIGN_OR_RETURN(const std::string owner, OwnerOf(actor));
  bool portal = false;
  for (const auto& def : catalog_.All()) {
    // Only what this applicant may file: an employer's process is no person's, and back.
    const bool theirs =
        !def->applicant || (*def->applicant == ApplicantKind::kEmployer) == !actor.bin.empty();
    if (def->code == process && def->runnable() && def->FindChannel(Channel::kPortal) && theirs) {
      portal = true;
    }
  }
  if (!portal) {
    return FieldError(ErrorCode::kUnprocessable, "process", "draft.process_unknown"_msg,
                      "'{process}' is not a process applied for from the cabinet",
                      {{"process", process}});
  }
  if (!data.is_object()) {
    return FieldError(ErrorCode::kInvalidInput, "data", "field.not_object"_msg,
                      "must be an object");
  }
  const std::string text = data.dump();
  if (text.size() > kMaxDraftBytes) {
    return FieldError(ErrorCode::kUnprocessable, "data", "draft.too_large"_msg,
                      "a draft holds at most {max} bytes",
                      {{"max", std::to_string(kMaxDraftBytes)}});
  }
  Draft d{process, data, FormatRfc3339(clock_()), actor.login};
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto n, tx.Exec("INSERT INTO drafts (owner, process, data, updated_at, updated_by) "
                        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (owner, process) DO UPDATE SET "
                        "data = excluded.data, updated_at = excluded.updated_at, "
                        "updated_by = excluded.updated_by",
                        {owner, process, text, d.updated_at, d.updated_by}));
    (void)n;
    return {};
  }));
  return d;
}

Status DraftService::Delete(const Actor& actor, const std::string& process) {
  JUMYS_ASSIGN_OR_RETURN(const std::string owner, OwnerOf(actor));
  std::int64_t deleted = 0;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        deleted, tx.Exec("DELETE FROM drafts WHERE owner = $1 AND process = $2", {owner, process}));
    return {};
  }));
  if (deleted == 0) return NotFound();
  return {};
}

std::function<Status(storage::Tx&)> DraftService::Remover(const Actor& actor,
                                                          const std::string& process) const {
  auto owner = OwnerOf(actor);
  if (!owner) return [](storage::Tx&) -> Status { return {}; };  // staff file no drafts
  return [owner = *owner, process](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto n, tx.Exec("DELETE FROM drafts WHERE owner = $1 AND process = $2", {owner, process}));
    (void)n;
    return {};
  };
}

}  // namespace jumys::drafts
