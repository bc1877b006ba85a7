// Offices: their KATO code, zone and hours, which scope checks and deadlines read.
#include "http/api.h"
#include "http/json_io.h"
#include "storage/audit_log.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"

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

bool IsKato(const std::string& s) {
  return s.size() == 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

bool IsOfficeId(const std::string& s) {
  return !s.empty() && s.size() <= 40 &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
}

Expected<HttpResponse> PutOffice(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  storage::OfficeRecord rec;
  rec.id = request.path_params.at("id");
  if (!IsOfficeId(rec.id)) {
    return Error::Unprocessable("office id must be lower-case letters, digits and '-'");
  }
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  auto name = body.find("name");
  if (name == body.end() || !name->is_object()) {
    return Error::Invalid("'name' must be an object with kk, ru and en");
  }
  JUMYS_ASSIGN_OR_RETURN(rec.name_kk, RequiredString(*name, "kk", 300));
  JUMYS_ASSIGN_OR_RETURN(rec.name_ru, RequiredString(*name, "ru", 300));
  JUMYS_ASSIGN_OR_RETURN(rec.name_en, RequiredString(*name, "en", 300));
  JUMYS_ASSIGN_OR_RETURN(rec.kato, RequiredString(body, "kato", 9));
  JUMYS_ASSIGN_OR_RETURN(rec.oblast_kato, RequiredString(body, "oblast_kato", 9));
  if (!IsKato(rec.kato) || !IsKato(rec.oblast_kato)) {
    return Error::Unprocessable("kato and oblast_kato must be 9-digit KATO codes");
  }
  if (rec.oblast_kato != actor.oblast_kato) {
    return Error::Forbidden("an administrator may edit offices of their own oblast only");
  }
  JUMYS_ASSIGN_OR_RETURN(rec.level, RequiredString(body, "level", 10));
  if (rec.level != "centre" && rec.level != "oblast") {
    return Error::Unprocessable("level must be 'centre' or 'oblast'");
  }
  JUMYS_ASSIGN_OR_RETURN(rec.time_zone, RequiredString(body, "time_zone", 64));
  if (auto zone = TimeZone::Load(rec.time_zone); !zone) {
    return Error::Unprocessable("unknown time zone '" + rec.time_zone + "'");
  }
  auto hours_json = body.find("hours");
  if (hours_json == body.end()) return Error::Invalid("'hours' is required");
  JUMYS_ASSIGN_OR_RETURN(auto hours, OfficeHoursFromJson(*hours_json));
  rec.hours = OfficeHoursToJson(hours).dump();
  if (auto existing = ctx.offices.Find(rec.id);
      existing && existing->oblast_kato != actor.oblast_kato) {
    return Error::NotFound("no such office");
  }
  const std::string now = FormatRfc3339(ctx.clock());
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(storage::UpsertOffice(tx, rec, now));
    return storage::AppendAudit(
        tx, {now, actor.login, "office.upsert", "office", rec.id, rec.id, body});
  }));
  JUMYS_TRY(storage::LoadOffices(ctx.db, ctx.offices));
  auto office = ctx.offices.Find(rec.id);
  if (!office) return Error::Internal("office vanished after write");
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
              [&ctx](HttpRequest& r, const Actor& a) { return PutOffice(ctx, r, a); }});
}

}  // namespace jumys::http
