// Public vacancy search: no sign-in, published vacancies only, public fields only (rules in
// services/vacancies/vacancy_search.h, docs/VACANCY_SEARCH.md). Only the collection GET lives
// here; one vacancy and its owner's actions are vacancy_routes.cpp.
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/vacancies/vacancy_search.h"

namespace jumys::http {

namespace {

constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 100;

nlohmann::json Names(const std::optional<vacancies::LocalName>& n) {
  if (!n) return nullptr;
  return {{"kk", n->kk}, {"ru", n->ru}, {"en", n->en}};
}

nlohmann::json ItemJson(const vacancies::PublicVacancy& v) {
  return {
      {"id", v.id},
      {"title", v.title},
      {"nkz", v.nkz},
      {"kato", v.kato},
      {"employer", {{"bin", v.employer_bin}, {"name", v.employer_name}}},
      {"wage", {{"amount", v.wage_tiyn}, {"currency", "KZT"}}},
      {"workplaces", v.workplaces},
      {"working_time", v.working_time},
      {"disability_suitable", v.disability_suitable},
      {"programme", v.programme.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.programme)},
      {"published_at", v.published_at},
      {"place", Names(v.place)},
      {"occupation", Names(v.occupation)}};
}

Expected<HttpResponse> Search(ApiContext& ctx, const HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(const int limit, QueryLimit(request, kDefaultLimit, kMaxLimit));
  JUMYS_ASSIGN_OR_RETURN(auto query, vacancies::ParseSearchQuery(
                                         [&](const char* name) { return request.Query(name); }));
  query.limit = limit;
  JUMYS_ASSIGN_OR_RETURN(auto page, ctx.vacancy_search->Search(query));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& v : page.items) items.push_back(ItemJson(v));
  return JsonResponse(
      200, {{"items", items},
            {"next_cursor", page.next_cursor.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(page.next_cursor)}});
}

}  // namespace

void AddVacancySearchRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/vacancies",
              Scope::kPublic,
              {},
              "Search published vacancies, no sign-in: q (words of the title and description, "
              "each matched as a word's start, any case), nkz and kato (code prefixes), wage_min "
              "and wage_max (tiyn, inclusive), working_time, disability_suitable (true/false), "
              "published_since (YYYY-MM-DD or RFC 3339), limit (1-100, 20) and cursor (a page's "
              "next_cursor). Newest publication first; next_cursor is null on the last page.",
              {{"tags", {"vacancies"}}},
              [&ctx](HttpRequest& r, const Actor&) { return Search(ctx, r); }});
}

}  // namespace jumys::http
