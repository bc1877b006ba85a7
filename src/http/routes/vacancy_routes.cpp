// The vacancy bank over HTTP (docs/VACANCIES.md): an employer or its office's
// employer-interaction specialist enters a draft, edits it, publishes it now or at a date,
// confirms, closes or takes it back; a published vacancy is anyone's to read.
#include <limits>

#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/vacancies/vacancy_service.h"
#include "services/vacancies/vacancy_terms.h"

namespace jumys::http {

namespace {

using vacancies::Vacancy;

const RoleSet kEnterers = {Role::kEmployer, Role::kEmployerSpecialist};
// Everyone who may hold vacancies to see: the employer, and staff (the list is of their
// offices' vacancies only).
const RoleSet kSeers = {Role::kEmployer,
                        Role::kOfficeClerk,
                        Role::kHead,
                        Role::kExecutor,
                        Role::kEmploymentSpecialist,
                        Role::kEmployerSpecialist,
                        Role::kUnitHead,
                        Role::kAnalyst,
                        Role::kAdmin};

// Every status, in the order of a vacancy's life: what ?status= accepts and the counts name.
constexpr const char* kStatuses[] = {"draft", "scheduled", "published",
                                     "stale", "closed",    "expired"};

nlohmann::json Wage(std::int64_t tiyn) { return {{"amount", tiyn}, {"currency", "KZT"}}; }

std::optional<std::string> TextOf(const std::optional<Instant>& at) {
  if (!at) return std::nullopt;
  return FormatRfc3339(*at);
}

// What everyone sees of a published vacancy. published_at is its last publication or
// confirmation: how fresh the offer is.
nlohmann::json PublicJson(const Vacancy& v) {
  nlohmann::json j = {{"id", v.id},
                      {"title", v.draft.title},
                      {"description", v.draft.description},
                      {"nkz", v.draft.nkz},
                      {"kato", v.draft.kato},
                      {"employer", {{"bin", v.draft.employer_bin}, {"name", v.employer_name}}},
                      {"wage", Wage(v.draft.wage_tiyn)},
                      {"working_time", v.draft.working_time},
                      {"workplaces", v.draft.workplaces},
                      {"requirements", v.draft.requirements},
                      {"disability_suitable", v.draft.disability_suitable},
                      // A programme's vacancy says so: P1 is a relocation vacancy.
                      {"programme", v.draft.programme.empty() ? nlohmann::json()
                                                              : nlohmann::json(v.draft.programme)},
                      {"published_at", nullptr}};
  if (auto at = TextOf(v.state.times.relevant_since)) j["published_at"] = *at;
  return j;
}

// Its owner and staff: everything, with the state and the version to edit from.
nlohmann::json FullJson(const Vacancy& v) {
  nlohmann::json j = PublicJson(v);
  j["status"] = VacancyStatusName(v.state.status);
  j["publish_at"] = nullptr;
  if (auto at = TextOf(v.state.times.publish_at)) j["publish_at"] = *at;
  j["stale_since"] = nullptr;
  if (auto at = TextOf(v.state.times.stale_since)) j["stale_since"] = *at;
  j["next_change_at"] = nullptr;
  if (auto at = TextOf(v.next_change_at)) j["next_change_at"] = *at;
  j["office_id"] = v.office_id;
  j["workplaces_filled"] = v.workplaces_filled;
  j["case_id"] = v.draft.case_id ? nlohmann::json(*v.draft.case_id) : nlohmann::json();
  j["contract_id"] = v.draft.contract_id ? nlohmann::json(*v.draft.contract_id) : nlohmann::json();
  j["created_by"] = v.created_by;
  j["created_at"] = v.created_at;
  j["updated_at"] = v.updated_at;
  j["row_version"] = v.row_version;
  return j;
}

// The body of a create or an edit. Missing or mistyped fields are 400; what the service checks
// (a blank title, a bad code, a range) comes back 422 with one detail per field, so a form sends
// every field and gets all its mistakes at once.
Expected<vacancies::VacancyDraft> DraftFrom(const nlohmann::json& body) {
  JUMYS_ASSIGN_OR_RETURN(auto in, BodyReader(body));
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min() / 2;
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max() / 2;
  vacancies::VacancyDraft d;
  JUMYS_ASSIGN_OR_RETURN(auto bin, in.OptionalString("employer_bin", 12));
  d.employer_bin = bin.value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto title, in.OptionalString("title", 1000));
  d.title = title.value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto description, in.OptionalString("description", 20000));
  d.description = description.value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto nkz, in.OptionalString("nkz", 20));
  d.nkz = nkz.value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto kato, in.OptionalString("kato", 20));
  d.kato = kato.value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto wage, in.Money("wage", kMin));
  if (wage.currency != "KZT") {
    return FieldError(ErrorCode::kUnprocessable, "wage.currency", "field.not_one_of"_msg,
                      "must be one of: {allowed}", {{"allowed", "KZT"}});
  }
  d.wage_tiyn = wage.amount;
  JUMYS_ASSIGN_OR_RETURN(auto working_time, in.OptionalString("working_time", 40));
  d.working_time = working_time.value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto workplaces, in.OptionalInt("workplaces", kMin, kMax));
  d.workplaces = workplaces.value_or(0);
  if (body.contains("requirements")) d.requirements = body["requirements"];
  JUMYS_ASSIGN_OR_RETURN(auto suitable, in.OptionalBool("disability_suitable"));
  d.disability_suitable = suitable.value_or(false);
  JUMYS_ASSIGN_OR_RETURN(auto programme, in.OptionalString("programme", 10));
  d.programme = programme.value_or("");
  JUMYS_ASSIGN_OR_RETURN(d.case_id, in.OptionalInt("case_id", 1, kMax));
  JUMYS_ASSIGN_OR_RETURN(d.contract_id, in.OptionalInt("contract_id", 1, kMax));
  return d;
}

Expected<HttpResponse> PostVacancy(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto draft, DraftFrom(body));
  JUMYS_ASSIGN_OR_RETURN(auto v, ctx.vacancies->Create(actor, std::move(draft)));
  return JsonResponse(201, FullJson(v));
}

Expected<HttpResponse> PutVacancy(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto in, BodyReader(body));
  JUMYS_ASSIGN_OR_RETURN(auto row_version,
                         in.Int("row_version", 0, std::numeric_limits<std::int64_t>::max()));
  JUMYS_ASSIGN_OR_RETURN(auto draft, DraftFrom(body));
  JUMYS_ASSIGN_OR_RETURN(auto v, ctx.vacancies->Update(actor, id, row_version, std::move(draft)));
  return JsonResponse(200, FullJson(v));
}

// Public: a published vacancy for anyone; its owner and staff in scope (signed in) see it in
// any status, with the state. A token that does not authenticate reads as no token: a stale
// cookie does not hide a public offer.
Expected<HttpResponse> GetVacancy(ApiContext& ctx, HttpRequest& request, const Actor&) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  if (auto token = SessionToken(request); token && !token->empty()) {
    if (auto actor = ctx.accounts.Authenticate(*token); actor && !actor->must_change_password) {
      if (auto v = ctx.vacancies->Get(*actor, id)) return JsonResponse(200, FullJson(*v));
    }
  }
  JUMYS_ASSIGN_OR_RETURN(auto v, ctx.vacancies->GetPublished(id));
  return JsonResponse(200, PublicJson(v));
}

Expected<HttpResponse> ListManaged(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  vacancies::VacancyListQuery query;
  if (auto status = request.Query("status"); status && !status->empty()) {
    query.status = ParseVacancyStatus(*status);
    if (!query.status) {
      return FieldError(ErrorCode::kInvalidInput, "status", "field.not_one_of"_msg,
                        "must be one of: {allowed}", {{"allowed", vacancies::Listed(kStatuses)}});
    }
  }
  if (auto bin = request.Query("bin")) query.employer_bin = *bin;
  JUMYS_ASSIGN_OR_RETURN(query.limit, QueryLimit(request, 100, 500));
  JUMYS_ASSIGN_OR_RETURN(auto list, ctx.vacancies->List(actor, query));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& v : list.items) items.push_back(FullJson(v));
  nlohmann::json counts = nlohmann::json::object();
  for (const char* s : kStatuses) {
    counts[s] = list.counts.count(s) ? list.counts.at(s) : 0;
  }
  return JsonResponse(200, {{"items", std::move(items)}, {"counts", std::move(counts)}});
}

Expected<HttpResponse> ActOn(ApiContext& ctx, HttpRequest& request, const Actor& actor,
                             VacancyAction action) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  std::optional<Instant> publish_at;
  if (action == VacancyAction::kPublish && !request.body.empty()) {
    JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
    JUMYS_ASSIGN_OR_RETURN(auto in, BodyReader(body));
    // A delay in working days: live at the office's opening on the day the deadline falls.
    JUMYS_ASSIGN_OR_RETURN(auto delay, in.OptionalInt("after_working_days", 1,
                                                      vacancies::kMaxPublishDelayWorkingDays));
    if (delay) {
      if (body.contains("publish_at") && !body["publish_at"].is_null()) {
        return FieldError(ErrorCode::kUnprocessable, "after_working_days",
                          "vacancy.publish_twice"_msg,
                          "give either publish_at or after_working_days, not both");
      }
      JUMYS_ASSIGN_OR_RETURN(
          auto v, ctx.vacancies->PublishAfterWorkingDays(actor, id, static_cast<int>(*delay)));
      return JsonResponse(200, FullJson(v));
    }
    JUMYS_ASSIGN_OR_RETURN(auto at, in.OptionalString("publish_at", 40));
    if (at && !at->empty()) {
      auto parsed = ParseRfc3339(*at);
      if (!parsed) {
        return FieldError(ErrorCode::kUnprocessable, "publish_at", "time.instant_format"_msg,
                          "instant must be RFC 3339, e.g. 2024-03-20T07:50:00Z, got \"{value}\"",
                          {{"value", *at}});
      }
      publish_at = *parsed;
    }
  }
  JUMYS_ASSIGN_OR_RETURN(auto v, ctx.vacancies->Act(actor, id, action, publish_at));
  return JsonResponse(200, FullJson(v));
}

nlohmann::json DraftDoc(bool edit) {
  std::vector<std::string> required = {"title", "nkz",          "kato",
                                       "wage",  "working_time", "workplaces"};
  nlohmann::json properties = {
      {"employer_bin", {{"type", "string"}, {"pattern", "^[0-9]{12}$"}}},
      {"title", {{"type", "string"}, {"maxLength", 200}}},
      {"description", {{"type", "string"}, {"maxLength", 4000}}},
      {"nkz", {{"type", "string"}, {"pattern", "^[0-9]{1,8}$"}}},
      {"kato", {{"type", "string"}, {"pattern", "^[0-9]{9}$"}}},
      {"wage",
       {{"type", "object"},
        {"properties",
         {{"amount", {{"type", "integer"}, {"description", "tiyn"}}},
          {"currency", {{"const", "KZT"}}}}}}},
      {"working_time", {{"enum", {"full_time", "part_time", "shift", "rotation", "remote"}}}},
      {"workplaces", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}}},
      {"requirements",
       {{"type", "object"},
        {"description",
         "{\"must\": [{\"kind\", \"value\"}], \"nice\": [...]}; kind skill, education, "
         "experience, language or driving_licence"}}},
      {"disability_suitable", {{"type", "boolean"}}},
      {"programme", {{"type", "string"}}},
      {"case_id", {{"type", "integer"}}},
      {"contract_id", {{"type", "integer"}}}};
  if (edit) {
    required.push_back("row_version");
    properties["row_version"] = {{"type", "integer"}};
  }
  return DocWithJsonBody("vacancies", required, properties);
}

}  // namespace

void AddVacancyRoutes(Router& router, ApiContext& ctx) {
  router.Add({"POST", "/api/v1/vacancies", Scope::kOffice, kEnterers,
              "A new draft vacancy: by the employer (its own BIN, whatever the body names) or by "
              "an employer-interaction specialist of the employer's office (employer_bin). 422 "
              "with one detail per bad field",
              DraftDoc(false),
              [&ctx](HttpRequest& r, const Actor& a) { return PostVacancy(ctx, r, a); }});
  // Before /{id}: the first route that matches answers.
  router.Add({"GET",
              "/api/v1/vacancies/managed",
              Scope::kOffice,
              kSeers,
              "The vacancies the caller manages or sees, in any status (an employer its own, "
              "staff their offices'), newest first, with how many are in each status; "
              "?status=&bin=&limit=",
              {{"tags", {"vacancies"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return ListManaged(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/vacancies/{id}",
              Scope::kPublic,
              {},
              "A vacancy: published ones to anyone; its owner and staff in scope (with a "
              "session) see it in any status, with status, publish_at and row_version",
              {{"tags", {"vacancies"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetVacancy(ctx, r, a); }});
  router.Add({"PUT",
              "/api/v1/vacancies/{id}",
              Scope::kOffice,
              kEnterers,
              "Edit a draft from the version read (409 vacancy.changed otherwise; 409 "
              "vacancy.not_draft unless a draft)",
              DraftDoc(true),
              [&ctx](HttpRequest& r, const Actor& a) { return PutVacancy(ctx, r, a); },
              {Record::kVacancy, "id"}});
  const struct {
    const char* name;
    VacancyAction action;
    const char* summary;
  } actions[] = {
      {"publish", VacancyAction::kPublish,
       "Publish a draft now, or at publish_at (body {\"publish_at\"}, RFC 3339) when that is "
       "ahead: it is scheduled until then; or with {\"after_working_days\": N} (1-30) at the "
       "office's opening on the working day on which GET /api/v1/calendar/deadline?limit=Nwd "
       "from now falls (a subsidised vacancy: 3)"},
      {"confirm", VacancyAction::kConfirm,
       "The employer confirms the vacancy is still open: published and relevant again from now"},
      {"close", VacancyAction::kClose, "Close a vacancy (filled or withdrawn); final"},
      {"unpublish", VacancyAction::kUnpublish,
       "Take a scheduled vacancy back to draft, for editing"},
  };
  for (const auto& a : actions) {
    nlohmann::json doc = {{"tags", {"vacancies"}}};
    if (a.action == VacancyAction::kPublish) {
      doc = DocWithJsonBody(
          "vacancies", {},
          {{"publish_at", {{"type", "string"}, {"format", "date-time"}}},
           {"after_working_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 30}}}});
      doc["requestBody"]["required"] = false;
    }
    const VacancyAction action = a.action;
    router.Add({"POST",
                std::string("/api/v1/vacancies/{id}/") + a.name,
                Scope::kOffice,
                kEnterers,
                a.summary,
                std::move(doc),
                [&ctx, action](HttpRequest& r, const Actor& actor) {
                  return ActOn(ctx, r, actor, action);
                },
                {Record::kVacancy, "id"}});
  }
}

}  // namespace jumys::http
