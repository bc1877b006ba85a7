#include "services/contracts/contract_service.h"

#include <nlohmann/json.hpp>

#include "domain/offices.h"
#include "engine/case_model.h"
#include "engine/case_results.h"
#include "engine/case_values.h"
#include "services/documents/document_service.h"
#include "services/documents/document_wording.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/repositories/document_signature_repository.h"
#include "storage/repositories/repositories.h"

namespace jumys::contracts {

namespace {

using json = nlohmann::json;

constexpr const char* kColumns =
    "SELECT id, case_id, number, programme, office_id, contractor_bin, contractor_name, amount, "
    "proposed_amount, amount_reason, starts_on, ends_on, status, return_reasons, "
    "refusal_reason, document_id, created_at, updated_at FROM contracts ";

Expected<std::vector<Contract>> Read(storage::Tx& tx, const std::string& where,
                                     const storage::Params& params) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(kColumns + where, params));
  std::vector<Contract> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Contract c;
    c.id = rows.Int(i, 0);
    c.case_id = rows.Int(i, 1);
    c.number = rows.Text(i, 2);
    c.programme = rows.Text(i, 3);
    c.office_id = rows.Text(i, 4);
    c.contractor_bin = rows.Text(i, 5);
    c.contractor_name = rows.Text(i, 6);
    c.amount = rows.Int(i, 7);
    c.proposed_amount = rows.Int(i, 8);
    c.amount_reason = rows.Text(i, 9);
    c.starts_on = rows.Text(i, 10);
    c.ends_on = rows.Text(i, 11);
    c.status = rows.Text(i, 12);
    for (const auto& r : json::parse(rows.Text(i, 13), nullptr, false)) {
      if (r.is_object()) {
        c.return_reasons.push_back(
            {r.value("reason", ""), r.value("login", ""), r.value("at", "")});
      }
    }
    c.refusal_reason = rows.Text(i, 14);
    c.document_id = rows.Int(i, 15);
    c.created_at = rows.Text(i, 16);
    c.updated_at = rows.Text(i, 17);
    if (c.document_id != 0) {
      JUMYS_ASSIGN_OR_RETURN(auto sigs, storage::ListDocumentSignatures(tx, c.document_id));
      for (const auto& s : sigs) {
        c.signatures.push_back({s.party, s.login, s.signer_name, s.subject, s.signed_at,
                                documents::MaskId(s.iin), s.bin});
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

Expected<std::optional<Contract>> OfCase(storage::Tx& tx, std::int64_t case_id) {
  JUMYS_ASSIGN_OR_RETURN(auto all, Read(tx, "WHERE case_id = $1", {case_id}));
  if (all.empty()) return std::optional<Contract>{};
  return std::optional<Contract>{std::move(all.front())};
}

json ReasonsJson(const std::vector<ReturnReason>& reasons) {
  json out = json::array();
  for (const auto& r : reasons)
    out.push_back({{"reason", r.reason}, {"login", r.login}, {"at", r.at}});
  return out;
}

Status Save(storage::Tx& tx, const Contract& c) {
  JUMYS_TRY(tx.Exec(
      "UPDATE contracts SET number = $1, amount = $2, proposed_amount = $3, amount_reason = $4, "
      "starts_on = $5, ends_on = $6, status = $7, return_reasons = $8, refusal_reason = $9, "
      "document_id = $10, updated_at = $11 WHERE id = $12",
      {c.number, c.amount, c.proposed_amount, c.amount_reason, c.starts_on, c.ends_on, c.status,
       ReasonsJson(c.return_reasons).dump(), c.refusal_reason,
       c.document_id == 0 ? storage::Value(nullptr) : storage::Value(c.document_id), c.updated_at,
       c.id}));
  return {};
}

void Event(HookContext& ctx, const char* action, const Contract& c, json extra = json::object()) {
  extra["contract"] = c.id;
  extra["status"] = c.status;
  ctx.events.push_back({FormatRfc3339(ctx.now), ctx.actor, action, "contract", std::to_string(c.id),
                        ctx.kase.office_id, std::move(extra)});
}

// The case's contract in one of `from`, else 422 naming its status.
Expected<Contract> InStatus(HookContext& ctx, std::initializer_list<const char*> from) {
  JUMYS_ASSIGN_OR_RETURN(auto c, OfCase(ctx.tx, ctx.kase.id));
  if (!c) {
    return Error::Unprocessable("contract.none"_msg, "the case has no contract: 3.3 draws it");
  }
  for (const char* s : from) {
    if (c->status == s) return std::move(*c);
  }
  return Error::Unprocessable("contract.wrong_status"_msg, "the contract is {status}",
                              {{"status", c->status}});
}

std::string Text(const json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Expected<std::optional<Contract>> ContractOfCase(storage::Tx& tx, std::int64_t case_id) {
  return OfCase(tx, case_id);
}

Status EndContractOfCase(HookContext& ctx) {
  JUMYS_ASSIGN_OR_RETURN(auto c, OfCase(ctx.tx, ctx.kase.id));
  if (!c || c->status == "ended") return {};
  if (c->status != "in_force") {
    return Error::Conflict("contract.not_running"_msg,
                           "the contract is not in force: nothing is paid under it");
  }
  c->status = "ended";
  c->updated_at = FormatRfc3339(ctx.now);
  JUMYS_TRY(Save(ctx.tx, *c));
  ctx.events.push_back({c->updated_at,
                        ctx.actor,
                        "contract.end",
                        "contract",
                        std::to_string(c->id),
                        c->office_id,
                        {{"ends_on", c->ends_on}}});
  return {};
}

struct ContractService::Impl {
  storage::Database& db;
  const OfficeDirectory& offices;
  documents::DocumentService& documents;
  AmountProposer proposer;

  // 3.3: a draft contract for the approved application, the amount proposed.
  Status Generate(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto existing, OfCase(ctx.tx, ctx.kase.id));
    if (existing) return {};  // drawn once per case
    if (ctx.kase.applicant_bin.empty()) {
      return Error::Unprocessable("contract.no_employer"_msg,
                                  "a contract is made with an employer: the case has no BIN");
    }
    JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(ctx.tx, ctx.kase.applicant_bin));
    std::int64_t proposed = 0;
    if (proposer) {
      JUMYS_ASSIGN_OR_RETURN(proposed, proposer(ctx));
    }
    const std::string now = FormatRfc3339(ctx.now);
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        ctx.tx.Query(
            "INSERT INTO contracts (case_id, number, programme, office_id, contractor_bin, "
            "contractor_name, amount, proposed_amount, amount_reason, starts_on, ends_on, "
            "status, return_reasons, refusal_reason, created_at, updated_at) VALUES "
            "($1, '', $2, $3, $4, $5, $6, $7, '', '', '', 'draft', '[]', '', $8, $9) RETURNING id",
            {ctx.kase.id, ctx.def.code, ctx.kase.office_id, ctx.kase.applicant_bin,
             employer ? employer->name : ctx.kase.applicant_bin, proposed, proposed, now, now}));
    Contract c;
    c.id = rows.Int(0, 0);
    c.status = "draft";
    Event(ctx, "contract.generate", c, {{"case", ctx.kase.id}, {"proposed_amount", proposed}});
    return {};
  }

  // 3.4: number, amount (a reason when it differs from the proposal), end date.
  Status Record(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, InStatus(ctx, {"draft", "returned"}));
    const json& data = ctx.data;
    c.number = Text(data, "contract_number");
    if (auto a = data.find("amount"); a != data.end() && a->is_object()) {
      c.amount = a->value("amount", std::int64_t{0});
    }
    c.ends_on = Text(data, "ends_on");
    c.amount_reason = Text(data, "amount_reason");
    if (c.number.empty() || c.ends_on.empty()) {
      return Error::Unprocessable("contract.incomplete"_msg,
                                  "a contract needs its number, amount and end date");
    }
    if (c.amount != c.proposed_amount && c.amount_reason.empty()) {
      return FieldError(ErrorCode::kUnprocessable, "data.amount_reason",
                        "contract.amount_reason_required"_msg,
                        "the amount differs from the proposed {proposed} tiyn: say why",
                        {{"proposed", std::to_string(c.proposed_amount)}});
    }
    if (c.amount == c.proposed_amount) c.amount_reason.clear();
    c.starts_on = FormatDate(OfficeDate(ctx.office, ctx.now));
    if (c.ends_on < c.starts_on) {
      return FieldError(ErrorCode::kUnprocessable, "data.ends_on", "contract.ends_before_start"_msg,
                        "the contract cannot end before it starts ({starts_on})",
                        {{"starts_on", c.starts_on}});
    }
    c.status = "draft";
    c.updated_at = FormatRfc3339(ctx.now);
    JUMYS_TRY(Save(ctx.tx, c));
    Event(ctx, "contract.record", c, {{"number", c.number}, {"amount", c.amount}});
    return {};
  }

  // 4.1 returned: the head's reason kept, in order.
  Status Return(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, InStatus(ctx, {"draft"}));
    const std::string reason = Text(ctx.data, "remarks");
    if (reason.empty()) {
      return FieldError(ErrorCode::kUnprocessable, "data.remarks", "field.required"_msg,
                        "is required");
    }
    c.return_reasons.push_back({reason, ctx.actor, FormatRfc3339(ctx.now)});
    c.status = "returned";
    c.updated_at = FormatRfc3339(ctx.now);
    JUMYS_TRY(Save(ctx.tx, c));
    Event(ctx, "contract.return", c, {{"returns", c.return_reasons.size()}});
    return {};
  }

  // 4.1 signed: the PDF the head signed is the contract's document.
  Status SignedByCentre(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, InStatus(ctx, {"draft"}));
    JUMYS_ASSIGN_OR_RETURN(auto draft,
                           storage::FindSignedDraft(ctx.tx, ctx.kase.id, ContractKindOf(ctx.def)));
    if (!draft) {
      return Error::Unprocessable("contract.no_centre_signature"_msg,
                                  "the contract carries no signature of the centre");
    }
    c.document_id = draft->id;
    c.status = "signed_by_centre";
    c.updated_at = FormatRfc3339(ctx.now);
    JUMYS_TRY(Save(ctx.tx, c));
    Event(ctx, "contract.sign", c, {{"party", "customer"}, {"document", c.document_id}});
    return {};
  }

  // 5.1 signed: every party has signed; the document is issued under the case's registry.
  Status InForce(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, InStatus(ctx, {"signed_by_centre"}));
    JUMYS_ASSIGN_OR_RETURN(auto sigs, storage::ListDocumentSignatures(ctx.tx, c.document_id));
    if (sigs.size() < documents.SignersOf(ContractKindOf(ctx.def)).size()) {
      return Error::Unprocessable("contract.unsigned"_msg,
                                  "the contract is not yet signed by every party");
    }
    if (ctx.hooks && ctx.hooks->documents().issue_document) {
      JUMYS_ASSIGN_OR_RETURN(auto registry_id, ctx.hooks->documents().issue_document(
                                                   ctx, ContractKindOf(ctx.def), {}));
      (void)registry_id;
    }
    c.status = "in_force";
    c.updated_at = FormatRfc3339(ctx.now);
    JUMYS_TRY(Save(ctx.tx, c));
    Event(ctx, "contract.sign", c, {{"party", "contractor"}});
    return {};
  }

  // 5.1 declined: the contractor's reason kept.
  Status Refuse(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, InStatus(ctx, {"signed_by_centre"}));
    c.refusal_reason = Text(ctx.data, "refusal_reason");
    if (c.refusal_reason.empty()) {
      return FieldError(ErrorCode::kUnprocessable, "data.refusal_reason", "field.required"_msg,
                        "is required");
    }
    c.status = "refused";
    c.updated_at = FormatRfc3339(ctx.now);
    JUMYS_TRY(Save(ctx.tx, c));
    Event(ctx, "contract.refuse", c);
    return {};
  }

  // The contract document's own values, from the record.
  Expected<std::map<std::string, std::string>> Fields(HookContext& ctx) {
    JUMYS_ASSIGN_OR_RETURN(auto c, OfCase(ctx.tx, ctx.kase.id));
    if (!c)
      return Error::Unprocessable("contract.none"_msg, "the case has no contract: 3.3 draws it");
    std::map<std::string, std::string> f;
    f["contract_number"] = c->number;
    f["contract_amount"] = documents::Tenge(c->amount);
    f["contractor_name"] = c->contractor_name;
    f["contractor_bin"] = c->contractor_bin;
    f["starts_on"] = documents::PrintedDate(c->starts_on);
    f["ends_on"] = documents::PrintedDate(c->ends_on);
    if (c->amount != c->proposed_amount && c->proposed_amount > 0) {
      f["proposed_amount"] = documents::Tenge(c->proposed_amount);
      f["amount_reason"] = c->amount_reason;
    }
    JUMYS_ASSIGN_OR_RETURN(const CaseValues values, CollectCaseValues(ctx));
    // The application's values at its top level or inside its field groups (P2's `requisites`
    // and `application`); a staff value of the same name comes later and wins.
    std::vector<const json*> sources{&values.application};
    for (const auto& [name, group] : values.application.items()) {
      if (group.is_object()) sources.push_back(&group);
    }
    sources.push_back(&values.staff);
    for (const auto* key : {"legal_address", "iban", "bank_bic", "signatory_name",
                            "signatory_position", "workplaces", "measure"}) {
      for (const json* from : sources) {
        if (auto it = from->find(key); it != from->end() && !it->is_null()) {
          f[key] = it->is_string() ? it->get<std::string>() : it->dump();
        }
      }
    }
    return f;
  }
};

std::string ContractKindOf(const ProcessDefinition& def) {
  for (const auto& step : def.steps) {
    for (const auto& kind : step.signs) {
      for (const char* known : kContractKinds) {
        if (kind == known) return kind;
      }
    }
  }
  return kContractKind;
}

ContractService::ContractService(storage::Database& db, const OfficeDirectory& offices,
                                 documents::DocumentService& documents, AmountProposer proposer)
    : impl_(new Impl{db, offices, documents, std::move(proposer)}) {}
ContractService::~ContractService() = default;

void ContractService::Install(CaseHooks& hooks) {
  Impl* impl = impl_.get();
  hooks.AddEffect("generate_draft_contract", [impl](HookContext& c) { return impl->Generate(c); });
  hooks.AddEffect("record_contract", [impl](HookContext& c) { return impl->Record(c); });
  hooks.AddEffect("return_contract", [impl](HookContext& c) { return impl->Return(c); });
  hooks.AddEffect("contract_signed_by_centre",
                  [impl](HookContext& c) { return impl->SignedByCentre(c); });
  hooks.AddEffect("contract_in_force", [impl](HookContext& c) { return impl->InForce(c); });
  hooks.AddEffect("refuse_contract", [impl](HookContext& c) { return impl->Refuse(c); });
  for (const char* kind : kContractKinds) {
    impl->documents.RegisterFields(kind, [impl](HookContext& c) { return impl->Fields(c); });
  }
}

Expected<std::vector<Contract>> ContractService::List(const ContractFilter& filter) {
  std::string where = "WHERE 1 = 1";
  storage::Params params;
  const auto add = [&](const std::string& column, storage::Value v) {
    params.push_back(std::move(v));
    where += " AND " + column + " = $" + std::to_string(params.size());
  };
  if (filter.case_id != 0) add("case_id", filter.case_id);
  if (!filter.bin.empty()) add("contractor_bin", filter.bin);
  if (!filter.programme.empty()) add("programme", filter.programme);
  if (!filter.status.empty()) add("status", filter.status);
  if (!filter.offices.empty()) {
    where += " AND office_id IN (";
    for (std::size_t i = 0; i < filter.offices.size(); ++i) {
      params.push_back(filter.offices[i]);
      where += (i ? ", $" : "$") + std::to_string(params.size());
    }
    where += ")";
  }
  std::vector<Contract> out;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, Read(tx, where + " ORDER BY id DESC LIMIT 500", params));
    return {};
  }));
  return out;
}

Expected<std::optional<Contract>> ContractService::Find(std::int64_t id) {
  std::optional<Contract> out;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto all, Read(tx, "WHERE id = $1", {id}));
    if (!all.empty()) out = std::move(all.front());
    return {};
  }));
  return out;
}

Expected<int> ContractService::EndDue(Instant now) {
  int ended = 0;
  JUMYS_TRY(impl_->db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto in_force, Read(tx, "WHERE status = 'in_force'", {}));
    std::vector<storage::AuditEvent> events;
    for (auto& c : in_force) {
      const auto office = impl_->offices.Find(c.office_id);
      if (!office) continue;
      if (c.ends_on >= FormatDate(OfficeDate(*office, now))) continue;
      c.status = "ended";
      c.updated_at = FormatRfc3339(now);
      JUMYS_TRY(Save(tx, c));
      events.push_back({c.updated_at,
                        std::string(kSystemActor),
                        "contract.end",
                        "contract",
                        std::to_string(c.id),
                        c.office_id,
                        {{"ends_on", c.ends_on}}});
      ++ended;
    }
    return storage::AppendAudit(tx, events);
  }));
  return ended;
}

}  // namespace jumys::contracts
