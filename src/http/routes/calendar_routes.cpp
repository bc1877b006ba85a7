// The working calendar: the deadline computation the engine uses, the days, and overrides.
#include "http/api.h"
#include "http/json_io.h"
#include "services/calendar/calendar_admin.h"

namespace jumys::http {

namespace {

Expected<std::string> RequiredQuery(const HttpRequest& request, const char* name) {
  auto value = request.Query(name);
  if (!value || value->empty()) {
    return FieldError(ErrorCode::kInvalidInput, name, "field.required"_msg, "is required");
  }
  return *value;
}

nlohmann::json DayJson(const DayStatus& d) {
  nlohmann::json day = {
      {"date", FormatDate(d.date)}, {"working", d.working}, {"kind", DayKindName(d.kind)}};
  if (!d.holiday.kk.empty()) {
    day["holiday"] = {{"kk", d.holiday.kk}, {"ru", d.holiday.ru}, {"en", d.holiday.en}};
  }
  if (d.carried_from) day["carried_from"] = FormatDate(*d.carried_from);
  if (!d.note.empty()) day["note"] = d.note;
  return day;
}

Expected<HttpResponse> GetDeadline(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto office_id, RequiredQuery(request, "office"));
  JUMYS_ASSIGN_OR_RETURN(auto from_text, RequiredQuery(request, "from"));
  JUMYS_ASSIGN_OR_RETURN(auto limit_text, RequiredQuery(request, "limit"));
  JUMYS_ASSIGN_OR_RETURN(auto from, ParseRfc3339(from_text));
  JUMYS_ASSIGN_OR_RETURN(auto limit, ParseLimit(limit_text));
  JUMYS_ASSIGN_OR_RETURN(auto due, ctx.calendar_admin->Deadline(office_id, from, limit));
  return JsonResponse(200, {{"office", office_id},
                            {"from", FormatRfc3339(from)},
                            {"limit", FormatLimit(limit)},
                            {"due_at", FormatRfc3339(due)}});
}

Expected<HttpResponse> ListDays(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto from_text, RequiredQuery(request, "from"));
  JUMYS_ASSIGN_OR_RETURN(auto to_text, RequiredQuery(request, "to"));
  JUMYS_ASSIGN_OR_RETURN(auto from, ParseDate(from_text));
  JUMYS_ASSIGN_OR_RETURN(auto to, ParseDate(to_text));
  JUMYS_ASSIGN_OR_RETURN(auto listed, ctx.calendar_admin->Days(from, to));
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : listed) days.push_back(DayJson(d));
  return JsonResponse(200, days);
}

Expected<HttpResponse> PutDay(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto date, ParseDate(request.path_params.at("date")));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(bool working, RequiredBool(body, "working"));
  JUMYS_ASSIGN_OR_RETURN(auto note, RequiredString(body, "note", 300));
  JUMYS_ASSIGN_OR_RETURN(auto day, ctx.calendar_admin->SetOverride(actor, date, working, note));
  return JsonResponse(200, DayJson(day));
}

Expected<HttpResponse> DeleteDay(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto date, ParseDate(request.path_params.at("date")));
  JUMYS_ASSIGN_OR_RETURN(auto day, ctx.calendar_admin->RemoveOverride(actor, date));
  return JsonResponse(200, DayJson(day));
}

}  // namespace

void AddCalendarRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/calendar/deadline",
              Scope::kAny,
              {},
              "When a limit (20min, 2h, 6wd) started at an instant ends, in an office's hours",
              {{"tags", {"calendar"}},
               {"parameters",
                {{{"name", "office"},
                  {"in", "query"},
                  {"required", true},
                  {"schema", {{"type", "string"}}}},
                 {{"name", "from"},
                  {"in", "query"},
                  {"required", true},
                  {"schema", {{"type", "string"}, {"format", "date-time"}}}},
                 {{"name", "limit"},
                  {"in", "query"},
                  {"required", true},
                  {"schema", {{"type", "string"}, {"pattern", "^[1-9][0-9]*(min|h|wd)$"}}}}}}},
              [&ctx](HttpRequest& r, const Actor&) { return GetDeadline(ctx, r); }});
  router.Add({"GET",
              "/api/v1/calendar/days",
              Scope::kAny,
              {},
              "Each day from..to: working or not, and why",
              {{"tags", {"calendar"}},
               {"parameters",
                {{{"name", "from"},
                  {"in", "query"},
                  {"required", true},
                  {"schema", {{"type", "string"}, {"format", "date"}}}},
                 {{"name", "to"},
                  {"in", "query"},
                  {"required", true},
                  {"schema", {{"type", "string"}, {"format", "date"}}}}}}},
              [&ctx](HttpRequest& r, const Actor&) { return ListDays(ctx, r); }});
  router.Add({"PUT",
              "/api/v1/calendar/days/{date}",
              Scope::kNational,
              {Role::kNationalAdmin},
              "Make a day working or a day off (a new transfer act, a Kurban Ait date). The "
              "calendar is national: only a national administrator edits it.",
              {{"tags", {"calendar"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return PutDay(ctx, r, a); }});
  router.Add({"DELETE",
              "/api/v1/calendar/days/{date}",
              Scope::kNational,
              {Role::kNationalAdmin},
              "Remove a national administrator's override of a day",
              {{"tags", {"calendar"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return DeleteDay(ctx, r, a); }});
}

}  // namespace jumys::http
