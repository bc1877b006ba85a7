// The job seeker's profile and matching (docs/MATCHING.md): the profile under the person's
// scope (staff of the person's office, the person in the cabinet), a person's suitable
// vacancies, and a vacancy's suitable job seekers for staff of the vacancy's office.
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/matching/matching_service.h"
#include "services/matching/profile_service.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kJobSeeker, Role::kOfficeClerk,          Role::kHead,
                          Role::kExecutor,  Role::kEmploymentSpecialist, Role::kUnitHead};
const RoleSet kWriters = {Role::kJobSeeker, Role::kOfficeClerk, Role::kExecutor,
                          Role::kEmploymentSpecialist};
const RoleSet kVacancyStaff = {Role::kOfficeClerk,        Role::kHead,
                               Role::kExecutor,           Role::kEmploymentSpecialist,
                               Role::kEmployerSpecialist, Role::kUnitHead};
constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 100;

nlohmann::json ProfileJson(const matching::StoredProfile& s) {
  nlohmann::json j = matching::ProfileDocument(s.profile);
  j["iin"] = s.iin;
  j["row_version"] = s.row_version;
  j["created_at"] = s.created_at;
  j["updated_at"] = s.updated_at;
  j["updated_by"] = s.updated_by;
  return j;
}

Expected<HttpResponse> GetProfile(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(
      auto stored, ctx.profiles->Get(actor, request.path_params.at("iin"), request.request_id));
  return JsonResponse(200, ProfileJson(stored));
}

Expected<HttpResponse> PutProfile(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  std::optional<std::int64_t> row_version;
  if (body.contains("row_version") && !body["row_version"].is_null()) {
    if (!body["row_version"].is_number_integer()) {
      return FieldError(ErrorCode::kUnprocessable, "row_version", "field.not_integer"_msg,
                        "must be a whole number");
    }
    row_version = body["row_version"].get<std::int64_t>();
  }
  JUMYS_ASSIGN_OR_RETURN(auto profile, matching::ParseProfileDocument(body));
  JUMYS_ASSIGN_OR_RETURN(auto saved, ctx.profiles->Put(actor, request.path_params.at("iin"),
                                                       row_version, std::move(profile)));
  return JsonResponse(saved.created ? 201 : 200, ProfileJson(saved.stored));
}

nlohmann::json VacancyJson(const matching::VacancySummary& v) {
  return {
      {"id", v.id},
      {"title", v.title},
      {"employer", {{"bin", v.employer_bin}, {"name", v.employer_name}}},
      {"nkz", v.nkz},
      {"kato", v.kato},
      {"wage_tiyn", v.wage_tiyn},
      {"working_time", v.working_time},
      {"workplaces", v.workplaces},
      {"disability_suitable", v.disability_suitable},
      {"programme", v.programme.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.programme)}};
}

Expected<HttpResponse> PersonMatches(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto limit, QueryLimit(request, kDefaultLimit, kMaxLimit));
  JUMYS_ASSIGN_OR_RETURN(auto found,
                         ctx.matching->ForPerson(actor, request.path_params.at("iin"), limit));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : found) {
    items.push_back({{"vacancy", VacancyJson(m.vacancy)},
                     {"score", m.result.score},
                     {"reasons", matching::ReasonsJson(m.result)}});
  }
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> VacancyMatches(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto limit, QueryLimit(request, kDefaultLimit, kMaxLimit));
  JUMYS_ASSIGN_OR_RETURN(auto found, ctx.matching->ForVacancy(actor, id, limit));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : found) {
    items.push_back({{"person", {{"iin", m.iin}, {"name", m.name}, {"office", m.office_id}}},
                     {"score", m.result.score},
                     {"reasons", matching::ReasonsJson(m.result)}});
  }
  return JsonResponse(200, {{"items", items}});
}

nlohmann::json ProfileBodyDoc() {
  const nlohmann::json strings = {{"type", "array"}, {"items", {{"type", "string"}}}};
  return DocWithJsonBody(
      "people", {"occupations", "mobility", "home_kato"},
      {{"occupations", strings},
       {"skills", strings},
       {"education", {{"type", "string"}}},
       {"experience", {{"type", "array"}}},
       {"languages", {{"type", "array"}}},
       {"wage_tiyn", {{"type", "integer"}}},
       {"working_times", strings},
       {"mobility", {{"type", "string"}, {"enum", {"none", "oblast", "anywhere"}}}},
       {"home_kato", {{"type", "string"}, {"pattern", "^[0-9]{9}$"}}},
       {"driving_licences", strings},
       {"disability", {{"type", "boolean"}}},
       {"adaptations", strings},
       {"row_version", {{"type", "integer"}}}});
}

}  // namespace

void AddMatchingRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/people/{iin}/profile",
              Scope::kOffice,
              kReaders,
              "A job seeker's profile: desired occupations, skills, education, experience, "
              "languages, desired wage, working times, willingness to move, home, adaptations "
              "needed (staff of the person's office; the person themself)",
              {{"tags", {"people"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetProfile(ctx, r, a); },
              {Record::kPerson, "iin"}});
  router.Add({"PUT",
              "/api/v1/people/{iin}/profile",
              Scope::kOffice,
              kWriters,
              "Create (without row_version, 201) or replace (with the row_version read, 200; 409 "
              "profile.changed otherwise) a job seeker's profile; 422 with one detail per bad "
              "field",
              ProfileBodyDoc(),
              [&ctx](HttpRequest& r, const Actor& a) { return PutProfile(ctx, r, a); },
              {Record::kPerson, "iin"}});
  router.Add({"GET",
              "/api/v1/people/{iin}/matches",
              Scope::kOffice,
              kReaders,
              "A job seeker's suitable published vacancies, best first, each with its score "
              "(0-100) and its reasons factor by factor in kk, ru and en; ?limit= 1-100 (20)",
              {{"tags", {"people"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return PersonMatches(ctx, r, a); },
              {Record::kPerson, "iin"}});
  router.Add({"GET",
              "/api/v1/vacancies/{id}/matches",
              Scope::kOffice,
              kVacancyStaff,
              "A published vacancy's suitable job seekers (a profile and an active employment "
              "card at an office the caller sees), best first, with score and reasons; staff of "
              "the vacancy's office or oblast; ?limit= 1-100 (20)",
              {{"tags", {"vacancies"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return VacancyMatches(ctx, r, a); },
              {Record::kVacancy, "id"}});
}

}  // namespace jumys::http
