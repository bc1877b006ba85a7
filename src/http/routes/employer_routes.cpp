// Employers, and the state-revenue data (arrears) that eligibility checks read.
#include "http/api.h"
#include "http/json_io.h"
#include "services/registry/registry_service.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kEmployer, Role::kOfficeClerk,        Role::kHead,
                          Role::kExecutor, Role::kEmployerSpecialist, Role::kUnitHead};
const RoleSet kWriters = {Role::kOfficeClerk, Role::kEmployerSpecialist};

nlohmann::json RevenueJson(const registry::Revenue& r) {
  return {{"bin", r.bin},
          {"as_of", r.as_of},
          {"tax_arrears", {{"amount", r.tax_arrears_tiyn}, {"currency", "KZT"}}},
          {"social_arrears", {{"amount", r.social_arrears_tiyn}, {"currency", "KZT"}}},
          {"has_arrears", r.tax_arrears_tiyn > 0 || r.social_arrears_tiyn > 0},
          {"imported_at", r.imported_at}};
}

Expected<HttpResponse> GetEmployer(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto employer,
                         ctx.registry->ReadEmployer(actor, request.path_params.at("bin")));
  return JsonResponse(200, registry::EmployerJson(employer));
}

Expected<HttpResponse> PostEmployer(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  registry::EmployerInput input;
  JUMYS_ASSIGN_OR_RETURN(input.bin, RequiredString(body, "bin", 12));
  JUMYS_ASSIGN_OR_RETURN(input.name, RequiredString(body, "name", 300));
  JUMYS_ASSIGN_OR_RETURN(input.registered_on, RequiredString(body, "registered_on", 10));
  JUMYS_ASSIGN_OR_RETURN(input.kato, RequiredString(body, "kato", 9));
  JUMYS_ASSIGN_OR_RETURN(auto stored, ctx.registry->RegisterEmployer(actor, input));
  return JsonResponse(stored.created ? 201 : 200, registry::EmployerJson(stored.record));
}

Expected<HttpResponse> GetRevenue(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto record,
                         ctx.registry->ReadRevenue(actor, request.path_params.at("bin")));
  return JsonResponse(200, RevenueJson(record));
}

// CSV: bin,as_of,tax_arrears_tiyn,social_arrears_tiyn with that header line; all rows or none.
Expected<HttpResponse> ImportRevenue(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto imported, ctx.registry->ImportRevenue(actor, request.body));
  return JsonResponse(200, {{"imported", imported}});
}

}  // namespace

void AddEmployerRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/employers/{bin}",
              Scope::kOffice,
              kReaders,
              "An employer's record (staff of its office; the employer itself)",
              {{"tags", {"employers"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetEmployer(ctx, r, a); },
              {Record::kEmployer, "bin"}});
  router.Add({"POST", "/api/v1/employers", Scope::kOffice, kWriters,
              "Register or update an employer at the caller's office. An employer registered at "
              "an office outside the caller's scope is not revealed: a transfer request goes to "
              "that office and the answer is the one a new registration gets.",
              DocWithJsonBody("employers", {"bin", "name", "registered_on", "kato"},
                              {{"bin", {{"type", "string"}, {"pattern", "^[0-9]{12}$"}}},
                               {"name", {{"type", "string"}}},
                               {"registered_on", {{"type", "string"}, {"format", "date"}}},
                               {"kato", {{"type", "string"}, {"pattern", "^[0-9]{9}$"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return PostEmployer(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/employers/{bin}/revenue",
              Scope::kOffice,
              kReaders,
              "The employer's tax and social-payment arrears from state-revenue data",
              {{"tags", {"employers"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetRevenue(ctx, r, a); },
              {Record::kEmployer, "bin"}});
  router.Add(
      {"POST",
       "/api/v1/revenue-data",
       Scope::kOblast,
       {Role::kAdmin},
       "Import state-revenue data (CSV: bin,as_of,tax_arrears_tiyn,social_arrears_tiyn); "
       "all rows or none. A file upload: with the session cookie it needs the header "
       "X-Requested-With: jumys (else 403)",
       {{"tags", {"employers"}},
        {"requestBody",
         {{"required", true}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ImportRevenue(ctx, r, a); }});
}

}  // namespace jumys::http
