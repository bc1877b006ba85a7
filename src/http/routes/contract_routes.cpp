// Programme contracts (docs/CONTRACTS.md): the record, the PDF both parties sign and each
// party's detached signature. Staff see the offices in their scope, an employer its own.
#include <string>

#include "http/api.h"
#include "http/document_http.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"
#include "services/contracts/contract_service.h"
#include "services/documents/document_service.h"
#include "services/documents/document_wording.h"
#include "services/special_workplaces/contract_records.h"
#include "services/vacancies/vacancy_terms.h"

namespace jumys::http {

namespace {

constexpr const char* kStatuses[] = {"draft",    "returned", "signed_by_centre",
                                     "in_force", "refused",  "ended"};

nlohmann::json ContractJson(const contracts::Contract& c) {
  nlohmann::json signatures = nlohmann::json::array();
  for (std::size_t i = 0; i < c.signatures.size(); ++i) {
    const auto& s = c.signatures[i];
    signatures.push_back({{"party", s.party},
                          {"login", s.login},
                          {"signer_name", s.signer_name},
                          {"subject", s.subject},
                          {"signed_at", s.signed_at},
                          {"iin", s.iin},
                          {"bin", s.bin},
                          {"url", "/api/v1/contracts/" + std::to_string(c.id) + "/signatures/" +
                                      std::to_string(i + 1)}});
  }
  nlohmann::json returns = nlohmann::json::array();
  for (const auto& r : c.return_reasons) {
    returns.push_back({{"reason", r.reason}, {"login", r.login}, {"at", r.at}});
  }
  return {{"id", c.id},
          {"number", c.number},
          {"programme", c.programme},
          {"case_id", c.case_id},
          {"office", c.office_id},
          {"contractor", {{"bin", c.contractor_bin}, {"name", c.contractor_name}}},
          {"amount", MoneyJson(c.amount)},
          {"proposed_amount", MoneyJson(c.proposed_amount)},
          {"amount_reason", c.amount_reason},
          {"starts_on", c.starts_on},
          {"ends_on", c.ends_on},
          {"status", c.status},
          {"return_reasons", returns},
          {"refusal_reason", c.refusal_reason},
          {"pdf_url", c.document_id
                          ? nlohmann::json("/api/v1/contracts/" + std::to_string(c.id) + "/pdf")
                          : nlohmann::json(nullptr)},
          {"signatures", signatures},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

Error NoSuchContract() { return Error::NotFound("contract.not_found"_msg, "no such contract"); }

bool MaySee(ApiContext& ctx, const Actor& actor, const contracts::Contract& c) {
  if (actor.applicant) return !actor.bin.empty() && actor.bin == c.contractor_bin;
  for (const auto& office : VisibleOffices(actor, ctx.offices)) {
    if (office == c.office_id) return true;
  }
  return false;
}

// The contract `id` if the caller may see it; 404 otherwise, so its existence does not leak.
Expected<contracts::Contract> Visible(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto found, ctx.contracts->Find(id));
  if (!found || !MaySee(ctx, actor, *found)) return NoSuchContract();
  return std::move(*found);
}

Expected<HttpResponse> ListContracts(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  contracts::ContractFilter filter;
  JUMYS_ASSIGN_OR_RETURN(const auto kase, QueryId(request, "case"));
  if (kase) filter.case_id = kase;
  filter.bin = request.Query("bin").value_or("");
  filter.programme = request.Query("programme").value_or("");
  if (auto status = request.Query("status"); status && !status->empty()) {
    if (!vacancies::OneOf(kStatuses, *status)) {
      return FieldError(ErrorCode::kInvalidInput, "status", "field.not_option"_msg,
                        "must be one of {options}", {{"options", vacancies::Listed(kStatuses)}});
    }
    filter.status = *status;
  }
  nlohmann::json items = nlohmann::json::array();
  if (actor.applicant) {
    if (!filter.bin.empty() && filter.bin != actor.bin) return JsonResponse(200, items);
    filter.bin = actor.bin;
  } else {
    filter.offices = VisibleOffices(actor, ctx.offices);
    // The service reads an empty office list as every office.
    if (filter.offices.empty()) return JsonResponse(200, items);
  }
  JUMYS_ASSIGN_OR_RETURN(auto list, ctx.contracts->List(filter));
  for (const auto& c : list) items.push_back(ContractJson(c));
  return JsonResponse(200, items);
}

Expected<HttpResponse> ContractPdf(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto c, Visible(ctx, request, actor));
  if (c.document_id == 0) {
    return Error::NotFound("contract.no_pdf"_msg,
                           "the contract's PDF is drawn when the centre signs it");
  }
  JUMYS_ASSIGN_OR_RETURN(auto doc, ctx.documents->DocumentById(c.document_id));
  return PdfResponse(doc);
}

Expected<HttpResponse> ContractSignature(ApiContext& ctx, HttpRequest& request,
                                         const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto c, Visible(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto seq, PathId(request, "seq"));
  if (c.document_id == 0) return NoSuchContract();
  JUMYS_ASSIGN_OR_RETURN(auto signatures, ctx.documents->Signatures(c.document_id));
  for (const auto& s : signatures) {
    if (s.seq + 1 != seq) continue;
    HttpResponse r;
    r.content_type = "application/pkcs7-signature";
    r.body = s.signature;
    r.headers.emplace_back(
        "Content-Disposition",
        "attachment; filename=\"contract-" + std::to_string(c.id) + "-" + s.party + ".p7s\"");
    r.headers.emplace_back("Cache-Control", "private, no-store");
    return r;
  }
  return Error::NotFound("contract.no_signature"_msg, "the contract has no such signature");
}

// The contract's monthly reports (P3), oldest month first; an employer sees its persons masked.
Expected<HttpResponse> ContractReports(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto c, Visible(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto reports, ctx.contract_records->Reports(c.id));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : reports) {
    nlohmann::json employed = nlohmann::json::array();
    for (const auto& iin : r.employed) {
      employed.push_back(actor.applicant ? documents::MaskId(iin) : iin);
    }
    nlohmann::json payment = nullptr;
    if (r.payment_id) {
      payment = {{"id", r.payment_id},
                 {"number", r.payment_number},
                 {"status", r.payment_status},
                 {"amount", MoneyJson(r.payment_amount)}};
    }
    items.push_back({{"id", r.id},
                     {"period", r.period},
                     {"employed", employed},
                     {"persons", r.employed.size()},
                     {"days_worked", r.days_worked},
                     {"wages_paid", MoneyJson(r.wages_paid)},
                     {"due_on", r.due_on},
                     {"late", r.late},
                     {"status", r.status},
                     {"remarks", r.remarks},
                     {"filed_at", r.filed_at},
                     {"payment", payment}});
  }
  return JsonResponse(200, items);
}

Expected<HttpResponse> ContractVisits(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto c, Visible(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto visits, ctx.contract_records->Visits(c.id));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& v : visits) {
    nlohmann::json item = {{"id", v.id},
                           {"visited_on", v.visited_on},
                           {"obligations_met", v.obligations_met},
                           {"findings", v.findings},
                           {"recorded_at", v.recorded_at}};
    if (!actor.applicant) item["recorded_by"] = v.recorded_by;
    items.push_back(std::move(item));
  }
  return JsonResponse(200, items);
}

RoleSet Readers() {
  RoleSet roles = StaffRoles();
  roles.Add(Role::kEmployer);
  return roles;
}

}  // namespace

void AddContractRoutes(Router& router, ApiContext& ctx) {
  const nlohmann::json tags = {{"tags", {"contracts"}}};
  router.Add({"GET", "/api/v1/contracts", Scope::kOffice, Readers(),
              "Programme contracts, newest first: staff's of the offices they see, an "
              "employer's own. Filters case, bin, programme (the process code), status (draft, "
              "returned, signed_by_centre, in_force, refused, ended). Each with its amount and "
              "the proposed one (tiyn), the return reasons, and the signatures in order "
              "[{party, login, signed_at, url}].",
              tags, [&ctx](HttpRequest& r, const Actor& a) { return ListContracts(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/contracts/{id}",
              Scope::kOffice,
              Readers(),
              "One contract; 404 contract.not_found when missing or not the caller's to see.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto c, Visible(ctx, r, a));
                return JsonResponse(200, ContractJson(c));
              },
              {Record::kContract, "id"}});
  router.Add({"GET",
              "/api/v1/contracts/{id}/pdf",
              Scope::kOffice,
              Readers(),
              "The PDF every party signs, the same bytes for each (drawn when the centre's head "
              "signs); 404 before that.",
              {{"tags", {"contracts"}}, {"responses", PdfResponseDoc("the contract")}},
              [&ctx](HttpRequest& r, const Actor& a) { return ContractPdf(ctx, r, a); },
              {Record::kContract, "id"}});
  router.Add({"GET",
              "/api/v1/contracts/{id}/signatures/{seq}",
              Scope::kOffice,
              Readers(),
              "A party's detached CMS signature (DER) over the contract's PDF, 1 the first "
              "party: `openssl cms -verify -binary -inform DER -content contract.pdf -in "
              "it.p7s` checks it.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) { return ContractSignature(ctx, r, a); },
              {Record::kContract, "id"}});
  router.Add({"GET",
              "/api/v1/contracts/{id}/reports",
              Scope::kOffice,
              Readers(),
              "The contract's monthly reports (P3), oldest month first, returned ones included: "
              "[{period, employed, persons, days_worked, wages_paid, due_on, late, status, "
              "remarks, filed_at, payment: {id, number, status, amount} | null}]; the employer "
              "sees the persons' IINs masked.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) { return ContractReports(ctx, r, a); },
              {Record::kContract, "id"}});
  router.Add({"GET",
              "/api/v1/contracts/{id}/visits",
              Scope::kOffice,
              Readers(),
              "The monitoring visits of the contract (P3 7.3), by date: [{visited_on, "
              "obligations_met, findings, recorded_at, recorded_by (staff only)}].",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) { return ContractVisits(ctx, r, a); },
              {Record::kContract, "id"}});
}

}  // namespace jumys::http
