// Offices: their KATO code, zone and hours, which scope checks and deadlines read (rules in
// services/offices/office_admin.h).
#include "http/api.h"
#include "http/json_io.h"
#include "services/offices/office_admin.h"

namespace jumys::http {

namespace {

nlohmann::json OfficeJson(const Office& o) {
  return {{"id", o.id},
          {"name", {{"kk", o.name_kk}, {"ru", o.name_ru}, {"en", o.name_en}}},
          {"kato", o.kato},
          {"oblast_kato", o.oblast_kato},
          {"level", o.oblast_level ? "oblast" : "centre"},
          {"time_zone", o.time_zone_name},
          {"hours", OfficeHoursToJson(o.hours)}};
}

Expected<HttpResponse> PutOffice(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  offices::OfficeEdit edit;
  edit.id = request.path_params.at("id");
  JUMYS_ASSIGN_OR_RETURN(const auto in, BodyReader(body));
  JUMYS_ASSIGN_OR_RETURN(const auto name, in.Object("name"));
  JUMYS_ASSIGN_OR_RETURN(edit.name_kk, name.String("kk", 300));
  JUMYS_ASSIGN_OR_RETURN(edit.name_ru, name.String("ru", 300));
  JUMYS_ASSIGN_OR_RETURN(edit.name_en, name.String("en", 300));
  JUMYS_ASSIGN_OR_RETURN(edit.kato, RequiredString(body, "kato", 9));
  JUMYS_ASSIGN_OR_RETURN(edit.oblast_kato, RequiredString(body, "oblast_kato", 9));
  JUMYS_ASSIGN_OR_RETURN(edit.level, RequiredString(body, "level", 10));
  JUMYS_ASSIGN_OR_RETURN(edit.time_zone, RequiredString(body, "time_zone", 64));
  auto hours_json = body.find("hours");
  if (hours_json == body.end() || hours_json->is_null()) {
    return FieldError(ErrorCode::kInvalidInput, "hours", "field.required"_msg, "is required");
  }
  auto hours = OfficeHoursFromJson(*hours_json);
  if (!hours) return AtField("hours", hours.error());
  edit.hours = *hours;
  JUMYS_ASSIGN_OR_RETURN(auto office, ctx.office_admin->PutOffice(actor, edit));
  return JsonResponse(200, OfficeJson(*office));
}

}  // namespace

void AddOfficeRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/offices",
              Scope::kAny,
              {},
              "All offices with their hours and zone",
              {{"tags", {"offices"}}},
              [&ctx](HttpRequest&, const Actor&) -> Expected<HttpResponse> {
                nlohmann::json list = nlohmann::json::array();
                for (const auto& o : ctx.offices.All()) list.push_back(OfficeJson(*o));
                return JsonResponse(200, list);
              }});
  router.Add({"PUT",
              "/api/v1/offices/{id}",
              Scope::kOblast,
              {Role::kAdmin},
              "Create or edit an office of the administrator's oblast",
              {{"tags", {"offices"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return PutOffice(ctx, r, a); },
              {Record::kOffice, "id"}});
}

}  // namespace jumys::http
