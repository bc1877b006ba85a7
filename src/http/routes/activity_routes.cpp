// Programme activities (docs/ACTIVITIES.md): outreach, consultations and vacancy fairs an
// office records for a programme, and the words they are recorded in.
#include <limits>
#include <string>

#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/activities/activity_service.h"

namespace jumys::http {

namespace {

nlohmann::json NameJson(const LocalizedName& n) {
  return {{"kk", n.kk}, {"ru", n.ru}, {"en", n.en}};
}

nlohmann::json ActivityJson(const activities::Activity& a) {
  return {{"id", a.id},
          {"office", a.office_id},
          {"programme", a.programme},
          {"kind", a.kind},
          {"ref", a.ref},
          {"audience", a.audience},
          {"held_on", a.held_on},
          {"place", a.place},
          {"participants", a.participants},
          {"employers", a.employers},
          {"persons", a.persons},
          {"notes", a.notes},
          {"recorded_by", a.recorded_by},
          {"recorded_at", a.recorded_at}};
}

Expected<HttpResponse> RecordActivity(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto in, BodyReader(body));
  activities::NewActivity a;
  // Bytes bound here; the service counts characters and says what is missing.
  const auto text = [&in](const char* key, std::size_t max_bytes, std::string& out) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto v, in.OptionalString(key, max_bytes));
    out = v.value_or("");
    return {};
  };
  JUMYS_TRY(text("programme", 100, a.programme));
  JUMYS_TRY(text("kind", 100, a.kind));
  JUMYS_TRY(text("ref", 20, a.ref));
  JUMYS_TRY(text("audience", 100, a.audience));
  JUMYS_TRY(text("held_on", 20, a.held_on));
  JUMYS_TRY(text("place", 4 * activities::kMaxPlaceChars, a.place));
  JUMYS_TRY(text("notes", 4 * activities::kMaxNotesChars, a.notes));
  JUMYS_ASSIGN_OR_RETURN(a.participants,
                         in.OptionalInt("participants", std::numeric_limits<std::int64_t>::min(),
                                        std::numeric_limits<std::int64_t>::max()));
  JUMYS_ASSIGN_OR_RETURN(a.employers, in.StringArray("employers", 20));
  JUMYS_ASSIGN_OR_RETURN(a.persons, in.StringArray("persons", 20));
  JUMYS_ASSIGN_OR_RETURN(auto recorded, ctx.activities->Record(actor, std::move(a)));
  return JsonResponse(201, ActivityJson(recorded));
}

Expected<HttpResponse> ListActivities(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  activities::ActivityQuery q;
  JUMYS_ASSIGN_OR_RETURN(q.limit, QueryLimit(request, 100, 500));
  const auto filter = [&request](const char* name) -> std::optional<std::string> {
    auto v = request.Query(name);
    if (!v || v->empty()) return std::nullopt;
    return *v;
  };
  q.programme = filter("programme");
  q.kind = filter("kind");
  q.office = filter("office");
  q.cursor = filter("cursor");
  if (filter("from")) {
    JUMYS_ASSIGN_OR_RETURN(q.from, QueryDate(request, "from"));
  }
  if (filter("to")) {
    JUMYS_ASSIGN_OR_RETURN(q.to, QueryDate(request, "to"));
  }
  if (q.from && q.to && *q.to < *q.from) {
    return FieldError(ErrorCode::kInvalidInput, "to", "report.period_reversed"_msg,
                      "must not be before the start of the period");
  }
  JUMYS_ASSIGN_OR_RETURN(auto page, ctx.activities->List(actor, q));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : page.items) items.push_back(ActivityJson(a));
  return JsonResponse(200, {{"items", items},
                            {"next_cursor", page.next_cursor ? nlohmann::json(*page.next_cursor)
                                                             : nlohmann::json(nullptr)}});
}

Expected<HttpResponse> GetActivity(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto a, ctx.activities->Get(actor, id));
  return JsonResponse(200, ActivityJson(a));
}

HttpResponse ActivityKinds(const activities::ActivityCatalogue& c) {
  const auto terms = [](const std::vector<activities::Term>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : list) out.push_back({{"code", t.code}, {"name", NameJson(t.name)}});
    return out;
  };
  nlohmann::json programmes = nlohmann::json::array();
  for (const auto& p : c.programmes()) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : p.items) {
      items.push_back({{"ref", i.ref},
                       {"kind", i.kind},
                       {"audiences", i.audiences},
                       {"actor", i.actor},
                       {"name", NameJson(i.name)}});
    }
    programmes.push_back({{"code", p.code}, {"name", NameJson(p.name)}, {"items", items}});
  }
  return JsonResponse(200, {{"kinds", terms(c.kinds())},
                            {"audiences", terms(c.audiences())},
                            {"programmes", programmes}});
}

}  // namespace

void AddActivityRoutes(Router& router, ApiContext& ctx) {
  const RoleSet recorders{Role::kEmploymentSpecialist, Role::kEmployerSpecialist, Role::kUnitHead,
                          Role::kHead};
  router.Add({"GET",
              "/api/v1/activity-kinds",
              Scope::kAny,
              StaffRoles(),
              "The words a programme activity is recorded in: {kinds, audiences, programmes: "
              "[{code, name, items: [{ref, kind, audiences, actor, name}]}]}, names in kk, ru, en.",
              {{"tags", {"activities"}}},
              [&ctx](HttpRequest&, const Actor&) -> Expected<HttpResponse> {
                return ActivityKinds(ctx.activities->catalogue());
              }});
  router.Add(
      {"POST", "/api/v1/activities", Scope::kOffice, recorders,
       "Records an activity of the caller's office for a programme: {programme, kind (outreach, "
       "consultation, vacancy_fair), ref (the seed's item, of that kind), audience (employers, "
       "job_seekers; one the item is held for), held_on (not after today on the office's "
       "calendar), place, participants (0 or more, at least the persons named), employers "
       "(BINs), persons (IINs), notes (up to 2000 characters)}. 201 with the record; 422 "
       "data.invalid with one detail per bad field.",
       DocWithJsonBody("activities",
                       {"programme", "kind", "ref", "audience", "held_on", "place", "participants"},
                       {{"programme", {{"type", "string"}}},
                        {"kind", {{"type", "string"}}},
                        {"ref", {{"type", "string"}}},
                        {"audience", {{"type", "string"}}},
                        {"held_on", {{"type", "string"}, {"format", "date"}}},
                        {"place", {{"type", "string"}}},
                        {"participants", {{"type", "integer"}, {"minimum", 0}}},
                        {"employers", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                        {"persons", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                        {"notes", {{"type", "string"}}}}),
       [&ctx](HttpRequest& r, const Actor& a) { return RecordActivity(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/activities",
              Scope::kOffice,
              StaffRoles(),
              "Programme activities of the offices the caller sees (every office of the oblast "
              "for oblast-level staff), latest held first: {items, next_cursor}. Filters "
              "programme, kind, office, from and to (held_on, inclusive); limit (1-500, 100), "
              "cursor.",
              {{"tags", {"activities"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return ListActivities(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/activities/{id}",
              Scope::kOffice,
              StaffRoles(),
              "One programme activity; 404 activity.not_found when missing or outside the "
              "caller's offices.",
              {{"tags", {"activities"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetActivity(ctx, r, a); },
              {Record::kActivity, "id"}});
}

}  // namespace jumys::http
