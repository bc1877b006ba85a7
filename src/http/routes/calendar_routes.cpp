// The working calendar: the deadline computation the engine uses, the days, and overrides.
#include "http/api.h"
#include "http/json_io.h"
#include "storage/audit_log.h"
#include "storage/repositories/repositories.h"

namespace jumys::http {

namespace {

constexpr int kMaxDaysListed = 400;

Expected<std::string> RequiredQuery(const HttpRequest& request, const char* name) {
  auto value = request.Query(name);
  if (!value || value->empty()) {
    return Error::Invalid(std::string("query parameter '") + name + "' is required");
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
  auto office = ctx.offices.Find(office_id);
  if (!office) return Error::NotFound("no such office");
  JUMYS_ASSIGN_OR_RETURN(auto from, ParseRfc3339(from_text));
  JUMYS_ASSIGN_OR_RETURN(auto limit, ParseLimit(limit_text));
  const Instant due = ctx.calendar.Deadline(*office, from, limit);
  return JsonResponse(200, {{"office", office->id},
                            {"from", FormatRfc3339(from)},
                            {"limit", FormatLimit(limit)},
                            {"due_at", FormatRfc3339(due)}});
}

Expected<HttpResponse> ListDays(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto from_text, RequiredQuery(request, "from"));
  JUMYS_ASSIGN_OR_RETURN(auto to_text, RequiredQuery(request, "to"));
  JUMYS_ASSIGN_OR_RETURN(auto from, ParseDate(from_text));
  JUMYS_ASSIGN_OR_RETURN(auto to, ParseDate(to_text));
  const auto first = std::chrono::sys_days{from};
  const auto last = std::chrono::sys_days{to};
  if (last < first) return Error::Unprocessable("'to' is before 'from'");
  if ((last - first).count() >= kMaxDaysListed) {
    return Error::Unprocessable("at most " + std::to_string(kMaxDaysListed) + " days at a time");
  }
  auto calendar = ctx.calendar.Current();
  nlohmann::json days = nlohmann::json::array();
  for (auto d = first; d <= last; d += std::chrono::days{1}) {
    days.push_back(DayJson(calendar->Describe(Date{d})));
  }
  return JsonResponse(200, days);
}

Expected<HttpResponse> PutDay(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto date, ParseDate(request.path_params.at("date")));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(bool working, RequiredBool(body, "working"));
  JUMYS_ASSIGN_OR_RETURN(auto note, RequiredString(body, "note", 300));
  {
    WorkCalendar trial = *ctx.calendar.Current();  // validate before anything is stored
    JUMYS_TRY(trial.SetOverride(date, working, note));
  }
  const std::string now = FormatRfc3339(ctx.clock());
  const std::string day = FormatDate(date);
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(storage::UpsertCalendarOverride(tx, {day, working, note, actor.login, now}));
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "calendar.override",
                                     "calendar_day",
                                     day,
                                     actor.office_id,
                                     {{"working", working}, {"note", note}}});
  }));
  JUMYS_TRY(ctx.calendar.SetOverride(date, working, note));
  return JsonResponse(200, DayJson(ctx.calendar.Current()->Describe(date)));
}

Expected<HttpResponse> DeleteDay(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto date, ParseDate(request.path_params.at("date")));
  const std::string now = FormatRfc3339(ctx.clock());
  const std::string day = FormatDate(date);
  bool removed = false;
  JUMYS_TRY(ctx.db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(removed, storage::DeleteCalendarOverride(tx, day));
    if (!removed) return {};
    return storage::AppendAudit(tx, {now, actor.login, "calendar.override_removed", "calendar_day",
                                     day, actor.office_id, nlohmann::json::object()});
  }));
  if (!removed) return Error::NotFound("no override on " + day);
  ctx.calendar.RemoveOverride(date);
  return JsonResponse(200, DayJson(ctx.calendar.Current()->Describe(date)));
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
              Scope::kOblast,
              {Role::kAdmin},
              "Make a day working or a day off (a new transfer act, a Kurban Ait date)",
              {{"tags", {"calendar"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return PutDay(ctx, r, a); }});
  router.Add({"DELETE",
              "/api/v1/calendar/days/{date}",
              Scope::kOblast,
              {Role::kAdmin},
              "Remove an administrator's override of a day",
              {{"tags", {"calendar"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return DeleteDay(ctx, r, a); }});
}

}  // namespace jumys::http
