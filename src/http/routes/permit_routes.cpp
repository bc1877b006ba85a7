// The foreign-labour permit registry (who holds which valid permit), the oblast quotas, and
// the tear-off coupon and receipt a permit case was registered with.
#include <set>

#include "core/identifiers.h"
#include "engine/case_results.h"
#include "http/api.h"
#include "http/json_io.h"
#include "http/office_scope.h"
#include "http/query_params.h"
#include "services/permits/permit_store.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys::http {

namespace {

const RoleSet kRegistryReaders = {
    Role::kEmployer, Role::kOfficeClerk,        Role::kHead,
    Role::kExecutor, Role::kEmployerSpecialist, Role::kUnitHead,
    Role::kAnalyst,  Role::kCommissionMember,   Role::kCommissionSecretary,
    Role::kAdmin};
// Every staff role: quotas are not personal data, but applicants have no oblast.
RoleSet StaffRoles() {
  RoleSet out;
  for (Role r : AllRoles()) {
    if (!IsApplicantRole(r)) out.Add(r);
  }
  return out;
}
const RoleSet kCaseReaders = {Role::kJobSeeker,          Role::kEmployer,
                              Role::kOfficeClerk,        Role::kHead,
                              Role::kExecutor,           Role::kEmploymentSpecialist,
                              Role::kEmployerSpecialist, Role::kUnitHead};

// The caller's oblast (staff: their office's; applicants: none, they see their own only).
std::string OblastOf(ApiContext& ctx, const Actor& actor) {
  auto office = ctx.offices.Find(actor.office_id);
  return office ? office->oblast_kato : "";
}

// The oblast department that keeps the permits and quotas of the caller's oblast.
Expected<std::shared_ptr<const Office>> PermitOffice(ApiContext& ctx, const Actor& actor) {
  const std::string oblast = OblastOf(ctx, actor);
  for (const auto& o : ctx.offices.All()) {
    if (o->oblast_level && o->oblast_kato == oblast) return o;
  }
  return Error::NotFound("no oblast department keeps permits for your office");
}

// Today on the oblast department's clock: whether a permit has expired is decided there.
Date Today(ApiContext& ctx) {
  for (const auto& o : ctx.offices.All()) {
    if (o->oblast_level) return OfficeDate(*o, ctx.clock());
  }
  return Date{std::chrono::floor<std::chrono::days>(ctx.clock())};
}

bool MaySeePermit(ApiContext& ctx, const Actor& actor, const permits::PermitRow& p) {
  if (actor.applicant) return actor.bin == p.employer_bin;
  auto office = ctx.offices.Find(p.office_id);
  return office && office->oblast_kato == OblastOf(ctx, actor);
}

nlohmann::json PermitJson(const permits::PermitRow& p, Date today,
                          const std::string& employer_name = "") {
  nlohmann::json j = {{"number", p.number},
                      {"kind", p.kind},
                      {"employer", {{"bin", p.employer_bin}, {"name", employer_name}}},
                      {"office", p.office_id},
                      {"category", p.category},
                      {"workers", p.workers},
                      {"occupation", p.occupation},
                      {"region", p.region},
                      {"valid_from", p.valid_from},
                      {"valid_until", p.valid_until},
                      {"status", p.StatusOn(today)},
                      {"extensions", p.extensions},
                      {"case_id", p.case_id ? nlohmann::json(*p.case_id) : nlohmann::json()},
                      {"created_at", p.created_at},
                      {"updated_at", p.updated_at}};
  if (!p.host_company.empty()) j["host_company"] = p.host_company;
  return j;
}

Expected<HttpResponse> ListPermitsRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  permits::PermitFilter f;
  if (auto bin = request.Query("bin"); bin && !bin->empty()) {
    JUMYS_ASSIGN_OR_RETURN(auto parsed, Bin::Parse(*bin));
    f.bin = parsed.str();
  }
  if (actor.applicant) {
    if (!f.bin.empty() && f.bin != actor.bin)
      return JsonResponse(200, {{"items", nlohmann::json::array()}});
    f.bin = actor.bin;
  }
  f.number = request.Query("number").value_or("");
  f.status = request.Query("status").value_or("");
  static const std::set<std::string> kStatuses = {"", "valid", "reissued", "extended", "expired"};
  if (!kStatuses.count(f.status)) {
    return Error::Unprocessable("status must be valid, reissued, extended or expired");
  }
  JUMYS_ASSIGN_OR_RETURN(f.limit, QueryLimit(request, 100, 500));
  const Date today = Today(ctx);
  nlohmann::json items = nlohmann::json::array();
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, permits::ListPermits(tx, f, today));
    std::map<std::string, std::string> names;  // who holds it, read once per employer
    for (const auto& p : rows) {
      if (!MaySeePermit(ctx, actor, p)) continue;
      auto name = names.find(p.employer_bin);
      if (name == names.end()) {
        JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, p.employer_bin));
        name = names.emplace(p.employer_bin, employer ? employer->name : "").first;
      }
      items.push_back(PermitJson(p, today, name->second));
    }
    return {};
  }));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> GetPermitRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  const std::string number = request.path_params.at("number");
  const Date today = Today(ctx);
  nlohmann::json out;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto permit, permits::FindPermit(tx, number));
    if (!permit || !MaySeePermit(ctx, actor, *permit)) return Error::NotFound("no such permit");
    JUMYS_ASSIGN_OR_RETURN(auto employer, storage::FindEmployer(tx, permit->employer_bin));
    out = PermitJson(*permit, today, employer ? employer->name : "");
    // The chain back through reissues and extensions, newest first.
    nlohmann::json chain = nlohmann::json::array();
    JUMYS_ASSIGN_OR_RETURN(auto earlier, permits::PermitChain(tx, *permit));
    for (const auto& p : earlier) chain.push_back(PermitJson(p, today));
    out["previous"] = chain;
    return {};
  }));
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
    if (v < 2000 || v > 2100 || std::to_string(v) != *y) return Error::Invalid("year: YYYY");
    year = v;
  }
  JUMYS_ASSIGN_OR_RETURN(auto office, PermitOffice(ctx, actor));
  nlohmann::json items = nlohmann::json::array();
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, permits::ListQuotas(tx, office->id, year));
    for (const auto& q : rows) items.push_back(QuotaJson(q));
    return {};
  }));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> PutQuotaRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  const std::string year_text = request.path_params.at("year");
  const std::string category_text = request.path_params.at("category");
  const int year = std::atoi(year_text.c_str());
  const int category = std::atoi(category_text.c_str());
  if (year < 2000 || year > 2100 || std::to_string(year) != year_text) {
    return Error::Unprocessable("year: YYYY between 2000 and 2100");
  }
  if (category < 1 || category > 4 || std::to_string(category) != category_text) {
    return Error::Unprocessable("category: 1-4");
  }
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  auto quota = body.find("quota");
  if (quota == body.end() || !quota->is_number_integer() || *quota < 0 || *quota > 1'000'000) {
    return Error::Unprocessable("quota: a whole number of workers, 0-1000000");
  }
  JUMYS_ASSIGN_OR_RETURN(auto office, PermitOffice(ctx, actor));
  const std::string now = FormatRfc3339(ctx.clock());
  permits::QuotaRow q{office->id, year, category, quota->get<int>(), 0, now, actor.login};
  nlohmann::json out;
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(permits::SetQuota(tx, q));
    JUMYS_ASSIGN_OR_RETURN(auto stored, permits::FindQuota(tx, office->id, year, category));
    out = QuotaJson(*stored);
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "permit_quota.set",
                                     "permit_quota",
                                     office->id + "/" + year_text + "/" + category_text,
                                     office->id,
                                     {{"quota", q.quota}}});
  }));
  return JsonResponse(200, out);
}

Expected<HttpResponse> GetCouponRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(const std::int64_t id, PathId(request, "id"));
  auto detail = ctx.cases.Load(id);
  if (!detail) return detail.error();
  if (!MaySeeCase(actor, ctx.offices, detail->kase, detail->tasks)) {
    return Error::NotFound("no such case");
  }
  nlohmann::json out;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    for (const char* kind : {"coupon", "receipt"}) {
      JUMYS_ASSIGN_OR_RETURN(auto record, permits::FindCaseRecord(tx, id, kind));
      if (!record) continue;
      out = std::move(*record);
      out["kind"] = kind;
      return {};
    }
    return Error::NotFound("the case has no coupon or receipt (not registered yet)");
  }));
  return JsonResponse(200, out);
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
              [&ctx](HttpRequest& r, const Actor& a) { return GetPermitRoute(ctx, r, a); }});
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
              [&ctx](HttpRequest& r, const Actor& a) { return GetCouponRoute(ctx, r, a); }});
}

}  // namespace jumys::http
