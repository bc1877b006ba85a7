// The foreign-labour permit registry (who holds which valid permit), the oblast quotas, and
// the tear-off coupon and receipt a permit case was registered with.
#include "core/identifiers.h"
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/permits/permit_service.h"

namespace jumys::http {

namespace {

const RoleSet kRegistryReaders = {
    Role::kEmployer, Role::kOfficeClerk,        Role::kHead,
    Role::kExecutor, Role::kEmployerSpecialist, Role::kUnitHead,
    Role::kAnalyst,  Role::kCommissionMember,   Role::kCommissionSecretary,
    Role::kAdmin};
const RoleSet kCaseReaders = {Role::kJobSeeker,          Role::kEmployer,
                              Role::kOfficeClerk,        Role::kHead,
                              Role::kExecutor,           Role::kEmploymentSpecialist,
                              Role::kEmployerSpecialist, Role::kUnitHead};

nlohmann::json PermitJson(const permits::PermitEntry& e) {
  const permits::PermitRow& p = e.row;
  nlohmann::json j = {{"number", p.number},
                      {"kind", p.kind},
                      {"employer", {{"bin", p.employer_bin}, {"name", e.employer_name}}},
                      {"office", p.office_id},
                      {"category", p.category},
                      {"workers", p.workers},
                      {"occupation", p.occupation},
                      {"region", p.region},
                      {"valid_from", p.valid_from},
                      {"valid_until", p.valid_until},
                      {"status", e.status},
                      {"extensions", p.extensions},
                      {"case_id", p.case_id ? nlohmann::json(*p.case_id) : nlohmann::json()},
                      {"created_at", p.created_at},
                      {"updated_at", p.updated_at}};
  if (!p.host_company.empty()) j["host_company"] = p.host_company;
  return j;
}

Expected<HttpResponse> ListPermitsRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  permits::PermitQuery q;
  if (auto bin = request.Query("bin"); bin && !bin->empty()) {
    auto parsed = Bin::Parse(*bin);
    if (!parsed) return AtField("bin", parsed.error());
    q.bin = parsed->str();
  }
  q.number = request.Query("number").value_or("");
  q.status = request.Query("status").value_or("");
  JUMYS_ASSIGN_OR_RETURN(q.limit, QueryLimit(request, 100, 500));
  JUMYS_ASSIGN_OR_RETURN(auto found, ctx.permit_service->ListPermits(actor, q));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : found) items.push_back(PermitJson(p));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> GetPermitRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto record,
                         ctx.permit_service->FindPermit(actor, request.path_params.at("number")));
  nlohmann::json out = PermitJson(record.permit);
  nlohmann::json chain = nlohmann::json::array();
  for (const auto& p : record.previous) chain.push_back(PermitJson(p));
  out["previous"] = chain;
  return JsonResponse(200, out);
}

nlohmann::json QuotaJson(const permits::QuotaRow& q) {
  return {{"office", q.office_id},
          {"year", q.year},
          {"category", q.category},
          {"quota", q.quota},
          {"used", q.used},
          {"remaining", q.quota - q.used},
          {"updated_at", q.updated_at},
          {"updated_by", q.updated_by}};
}

Expected<HttpResponse> ListQuotasRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  std::optional<int> year;
  if (auto y = request.Query("year")) {
    const int v = std::atoi(y->c_str());
    if (v < 2000 || v > 2100 || std::to_string(v) != *y) {
      return FieldError(ErrorCode::kInvalidInput, "year", "field.out_of_range"_msg,
                        "must be between {min} and {max}", {{"min", "2000"}, {"max", "2100"}});
    }
    year = v;
  }
  JUMYS_ASSIGN_OR_RETURN(auto quotas, ctx.permit_service->ListQuotas(actor, year));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& q : quotas) items.push_back(QuotaJson(q));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> PutQuotaRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  const std::string year_text = request.path_params.at("year");
  const std::string category_text = request.path_params.at("category");
  permits::SetQuotaRequest r;
  r.year = std::atoi(year_text.c_str());
  r.category = std::atoi(category_text.c_str());
  const auto out_of_range = [](const char* field, const char* min, const char* max) {
    return FieldError(ErrorCode::kUnprocessable, field, "field.out_of_range"_msg,
                      "must be between {min} and {max}", {{"min", min}, {"max", max}});
  };
  if (std::to_string(r.year) != year_text) return out_of_range("year", "2000", "2100");
  if (std::to_string(r.category) != category_text) return out_of_range("category", "1", "4");
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  auto quota = body.find("quota");
  if (quota == body.end() || !quota->is_number_integer()) {
    return FieldError(ErrorCode::kUnprocessable, "quota", "field.not_integer"_msg,
                      "must be a whole number");
  }
  r.quota = quota->get<std::int64_t>();
  JUMYS_ASSIGN_OR_RETURN(auto stored, ctx.permit_service->SetQuota(actor, r));
  return JsonResponse(200, QuotaJson(stored));
}

// The router has checked that the case is in the caller's scope (Record::kCase).
Expected<HttpResponse> GetCouponRoute(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto coupon, ctx.permit_service->CaseCoupon(id));
  return JsonResponse(200, coupon);
}

}  // namespace

void AddPermitRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/permits",
              Scope::kOblast,
              kRegistryReaders,
              "The permit registry: who holds which permit (filters bin, number, status = valid | "
              "reissued | extended | expired; an employer sees its own)",
              {{"tags", {"permits"}},
               {"parameters",
                {{{"name", "bin"}, {"in", "query"}, {"schema", {{"type", "string"}}}},
                 {{"name", "number"}, {"in", "query"}, {"schema", {{"type", "string"}}}},
                 {{"name", "status"}, {"in", "query"}, {"schema", {{"type", "string"}}}},
                 {{"name", "limit"}, {"in", "query"}, {"schema", {{"type", "integer"}}}}}}},
              [&ctx](HttpRequest& r, const Actor& a) { return ListPermitsRoute(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/permits/{number}",
              Scope::kOblast,
              kRegistryReaders,
              "A permit with the chain of permits it reissued or extended",
              {{"tags", {"permits"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetPermitRoute(ctx, r, a); },
              {Record::kPermit, "number"}});
  router.Add(
      {"GET",
       "/api/v1/permit-quotas",
       Scope::kOblast,
       StaffRoles(),
       "The oblast's foreign-labour quotas by year and worker category, with what is used",
       {{"tags", {"permits"}},
        {"parameters", {{{"name", "year"}, {"in", "query"}, {"schema", {{"type", "integer"}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ListQuotasRoute(ctx, r, a); }});
  router.Add({"PUT",
              "/api/v1/permit-quotas/{year}/{category}",
              Scope::kOblast,
              {Role::kAdmin},
              "Set the oblast's quota of foreign workers for a year and category (1-4)",
              DocWithJsonBody("permits", {"quota"}, {{"quota", {{"type", "integer"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PutQuotaRoute(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/cases/{id}/coupon",
              Scope::kOffice,
              kCaseReaders,
              "The tear-off coupon (registration date, date the result is due, receiving clerk) "
              "or the receipt a permit case was registered with",
              {{"tags", {"cases"}}},
              [&ctx](HttpRequest& r, const Actor&) { return GetCouponRoute(ctx, r); },
              {Record::kCase, "id"}});
}

}  // namespace jumys::http
