// Referrals to vacancies and the employer's answer (docs/PLACEMENTS.md), and the placements
// report by office and period.
#include <string>

#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/placements/placement_service.h"
#include "services/vacancies/vacancy_terms.h"

namespace jumys::http {

namespace {

constexpr const char* kStatuses[] = {"referred", "hired", "not_hired"};

nlohmann::json OrNull(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json PlacementJson(const placements::Placement& p) {
  const auto& r = p.row;
  return {{"id", r.id},
          {"case_id", r.case_id},
          {"case_number", p.case_number},
          {"vacancy",
           {{"id", r.vacancy_id},
            {"title", p.vacancy_title},
            {"kato", p.vacancy_kato},
            {"status", p.vacancy_status},
            {"office", r.vacancy_office_id}}},
          {"employer", {{"bin", r.employer_bin}, {"name", p.employer_name}}},
          {"person_iin", r.person_iin},
          {"office", r.office_id},
          {"status", r.status},
          {"hired_on", OrNull(r.hired_on)},
          {"reason", OrNull(r.reason)},
          {"reason_text", OrNull(r.reason_text)},
          {"answered_by", OrNull(r.answered_by)},
          {"answered_at", OrNull(r.answered_at)},
          {"corrections", r.corrections},
          {"referred_at", r.created_at}};
}

Expected<HttpResponse> ListPlacements(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  placements::PlacementQuery q;
  JUMYS_ASSIGN_OR_RETURN(const auto vacancy, QueryId(request, "vacancy"));
  JUMYS_ASSIGN_OR_RETURN(const auto kase, QueryId(request, "case"));
  JUMYS_ASSIGN_OR_RETURN(q.limit, QueryLimit(request, 100, 500));
  if (vacancy) q.vacancy_id = vacancy;
  if (kase) q.case_id = kase;
  if (auto status = request.Query("status"); status && !status->empty()) {
    if (!vacancies::OneOf(kStatuses, *status)) {
      return FieldError(ErrorCode::kInvalidInput, "status", "field.not_option"_msg,
                        "must be one of {options}", {{"options", vacancies::Listed(kStatuses)}});
    }
    q.status = *status;
  }
  JUMYS_ASSIGN_OR_RETURN(auto list, ctx.placements->List(actor, q));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : list) items.push_back(PlacementJson(p));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> GetPlacement(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto p, ctx.placements->Get(actor, id));
  return JsonResponse(200, PlacementJson(p));
}

Expected<HttpResponse> AnswerPlacement(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  placements::PlacementAnswer a;
  JUMYS_ASSIGN_OR_RETURN(a.hired, RequiredBool(body, "hired"));
  JUMYS_ASSIGN_OR_RETURN(auto hired_on, OptionalString(body, "hired_on", 10));
  JUMYS_ASSIGN_OR_RETURN(auto reason, OptionalString(body, "reason", 40));
  // Bytes bound here; the service counts characters (1000).
  JUMYS_ASSIGN_OR_RETURN(auto reason_text, OptionalString(body, "reason_text", 4000));
  JUMYS_ASSIGN_OR_RETURN(auto note, OptionalString(body, "note", 4000));
  a.hired_on = hired_on.value_or("");
  a.reason = reason.value_or("");
  a.reason_text = reason_text.value_or("");
  a.note = note.value_or("");
  if (auto c = body.find("correction"); c != body.end() && !c->is_null()) {
    JUMYS_ASSIGN_OR_RETURN(a.correction, RequiredBool(body, "correction"));
  }
  JUMYS_ASSIGN_OR_RETURN(auto p, ctx.placements->Answer(actor, id, std::move(a)));
  return JsonResponse(200, PlacementJson(p));
}

Expected<HttpResponse> PlacementReport(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(const Date from, QueryDate(request, "from"));
  JUMYS_ASSIGN_OR_RETURN(const Date to, QueryDate(request, "to"));
  if (to < from) {
    return FieldError(ErrorCode::kInvalidInput, "to", "report.period_reversed"_msg,
                      "must not be before the start of the period");
  }
  JUMYS_ASSIGN_OR_RETURN(auto counts, ctx.placements->CountByOffice(actor, from, to));
  nlohmann::json offices = nlohmann::json::array();
  std::int64_t referred = 0, hired = 0, not_hired = 0;
  for (const auto& c : counts) {
    offices.push_back({{"office", c.office_id},
                       {"referred", c.referred},
                       {"hired", c.hired},
                       {"not_hired", c.not_hired}});
    referred += c.referred;
    hired += c.hired;
    not_hired += c.not_hired;
  }
  return JsonResponse(
      200, {{"from", FormatDate(from)},
            {"to", FormatDate(to)},
            {"offices", offices},
            {"total", {{"referred", referred}, {"hired", hired}, {"not_hired", not_hired}}}});
}

RoleSet Readers() {
  RoleSet roles = StaffRoles();
  roles.Add(Role::kEmployer);
  roles.Add(Role::kJobSeeker);
  return roles;
}

}  // namespace

void AddPlacementRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/placements",
              Scope::kOffice,
              Readers(),
              "Referrals to vacancies with the employer's answer, newest first: an employer's to "
              "its vacancies, a job seeker's own, staff's of the offices they see (the case's or "
              "the vacancy's). Filters vacancy, case, status (referred, hired, not_hired), "
              "limit (1-500, 100).",
              {{"tags", {"placements"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return ListPlacements(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/placements/{id}",
              Scope::kOffice,
              Readers(),
              "One placement; 404 placement.not_found when missing or not the caller's to see.",
              {{"tags", {"placements"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetPlacement(ctx, r, a); },
              {Record::kPlacement, "id"}});
  router.Add(
      {"POST",
       "/api/v1/placements/{id}/answer",
       Scope::kOffice,
       {Role::kEmployer, Role::kEmployerSpecialist},
       "The employer's answer to a referral, once: {hired: true, hired_on} or {hired: false, "
       "reason (did_not_come, not_qualified, person_declined, position_filled, other), "
       "reason_text}. By the employer in the cabinet or an employer-interaction specialist of "
       "the office. A hire goes on the person's card and fills a workplace; the last one closes "
       "the vacancy. 409 placement.answered for a second answer unless staff send correction: "
       "true with a note; 409 placement.no_free_workplace; 422 with details.",
       DocWithJsonBody("placements", {"hired"},
                       {{"hired", {{"type", "boolean"}}},
                        {"hired_on", {{"type", "string"}, {"format", "date"}}},
                        {"reason", {{"type", "string"}}},
                        {"reason_text", {{"type", "string"}}},
                        {"correction", {{"type", "boolean"}}},
                        {"note", {{"type", "string"}}}}),
       [&ctx](HttpRequest& r, const Actor& a) { return AnswerPlacement(ctx, r, a); },
       {Record::kPlacement, "id"}});
  router.Add(
      {"GET",
       "/api/v1/reports/placements",
       Scope::kOffice,
       {Role::kAnalyst, Role::kHead, Role::kUnitHead, Role::kAdmin, Role::kEmployerSpecialist},
       "Placements by office (those the caller sees) for from..to: referrals to vacancies "
       "made, hires by the hire date, not-hired answers by the answer's date. A hire is "
       "counted once per referral.",
       {{"tags", {"reports"}}},
       [&ctx](HttpRequest& r, const Actor& a) { return PlacementReport(ctx, r, a); }});
}

}  // namespace jumys::http
