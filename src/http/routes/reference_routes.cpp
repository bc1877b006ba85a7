// Reference classifiers (NKZ, KATO): pickers read them, an administrator loads them from CSV
// (rules in services/reference/reference_data.h, docs/REFERENCE_DATA.md).
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "services/programmes/programme_parameters.h"
#include "services/reference/reference_data.h"

namespace jumys::http {

namespace {

Expected<reference::ClassifierKind> KindParam(const HttpRequest& request) {
  const auto kind = reference::ParseClassifierKind(request.path_params.at("kind"));
  if (!kind) {
    return Error::NotFound("reference.kind_unknown"_msg,
                           "there is no classifier '{kind}' (nkz, kato)",
                           {{"kind", request.path_params.at("kind")}});
  }
  return *kind;
}

nlohmann::json CodeJson(const reference::CodeRow& r) {
  nlohmann::json j = {{"code", r.code},
                      {"level", r.level},
                      {"name", {{"kk", r.name_kk}, {"ru", r.name_ru}, {"en", r.name_en}}},
                      {"active", r.active}};
  j["parent"] = r.parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.parent);
  return j;
}

nlohmann::json ImportJson(const reference::ImportRow& r) {
  nlohmann::json j = {{"id", r.id},
                      {"kind", r.kind},
                      {"state", r.state},
                      {"rows_total", r.rows_total},
                      {"rows_done", r.rows_done},
                      {"added", r.added},
                      {"updated", r.updated},
                      {"deactivated", r.deactivated},
                      {"errors", nlohmann::json::parse(r.errors, nullptr, false)},
                      {"created_by", r.created_by},
                      {"created_at", r.created_at}};
  if (j["errors"].is_discarded()) j["errors"] = nlohmann::json::array();
  if (!r.finished_at.empty()) j["finished_at"] = r.finished_at;
  return j;
}

Expected<HttpResponse> Search(ApiContext& ctx, const HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(const auto kind, KindParam(request));
  JUMYS_ASSIGN_OR_RETURN(const int limit, QueryLimit(request, 20, 100));
  const std::string q = request.Query("q").value_or("");
  if (q.size() > 200) {
    return FieldError(ErrorCode::kInvalidInput, "q", "field.too_long"_msg,
                      "must be at most {max} characters", {{"max", "200"}});
  }
  JUMYS_ASSIGN_OR_RETURN(auto rows, ctx.reference->Search(kind, q, request.Query("parent"), limit));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows) items.push_back(CodeJson(r));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> GetCode(ApiContext& ctx, const HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(const auto kind, KindParam(request));
  JUMYS_ASSIGN_OR_RETURN(auto view, ctx.reference->Get(kind, request.path_params.at("code")));
  auto j = CodeJson(view.row);
  j["path"] = nlohmann::json::array();
  for (const auto& a : view.path) j["path"].push_back(CodeJson(a));
  return JsonResponse(200, j);
}

Expected<HttpResponse> StartImport(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(const auto kind, KindParam(request));
  JUMYS_ASSIGN_OR_RETURN(const auto id, ctx.reference->StartImport(actor, kind, request.body));
  JUMYS_ASSIGN_OR_RETURN(auto view, ctx.reference->GetImport(kind, id));
  auto response = JsonResponse(202, ImportJson(view.row));
  response.headers.emplace_back("Location", "/api/v1/reference/" +
                                                std::string(reference::ClassifierKindName(kind)) +
                                                "/imports/" + std::to_string(id));
  return response;
}

Expected<HttpResponse> GetImport(ApiContext& ctx, const HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(const auto kind, KindParam(request));
  JUMYS_ASSIGN_OR_RETURN(const auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto view, ctx.reference->GetImport(kind, id));
  return JsonResponse(200, ImportJson(view.row));
}

nlohmann::json NameJson(const LocalizedName& n) {
  return {{"kk", n.kk}, {"ru", n.ru}, {"en", n.en}};
}

nlohmann::json DateOrNull(const std::optional<Date>& d) {
  return d ? nlohmann::json(FormatDate(*d)) : nlohmann::json(nullptr);
}

nlohmann::json MrpJson(const programmes::MrpValue& v) {
  return {{"from", FormatDate(v.from)},
          {"until", DateOrNull(v.until)},
          {"value", {{"amount", v.tenge * 100}, {"currency", "KZT"}}},
          {"law", v.law},
          {"certainty", programmes::CertaintyName(v.certainty)},
          {"source", v.source}};
}

// One version of a measure's rule: only the keys its kind of payment uses.
nlohmann::json RuleJson(const programmes::MeasureRule& r) {
  nlohmann::json j = {{"from", FormatDate(r.from)},
                      {"until", DateOrNull(r.until)},
                      {"status", r.draft ? "draft" : "in_force"},
                      {"certainty", programmes::CertaintyName(r.certainty)},
                      {"source", r.source},
                      {"pays", programmes::PaymentName(r.pays)},
                      {"per", programmes::PaidPerName(r.per)},
                      {"max_months", r.max_months ? nlohmann::json(*r.max_months) : nullptr}};
  if (!r.note.empty()) j["note"] = r.note;
  if (r.pays == programmes::Payment::kWageShare) {
    if (r.tiers.empty()) {
      j["percent"] = r.percent;
    } else {
      j["tiers"] = nlohmann::json::array();
      for (const auto& t : r.tiers)
        j["tiers"].push_back({{"months", t.months}, {"percent", t.percent}});
    }
    if (r.cap_mrp) j["cap_mrp"] = *r.cap_mrp;
    if (r.min_wage_mrp) j["min_wage_mrp"] = *r.min_wage_mrp;
  } else {
    j["mrp"] = r.mrp;
    if (r.mrp_max) j["mrp_max"] = *r.mrp_max;
  }
  return j;
}

// Everything, or with ?on=YYYY-MM-DD what is in force that day (the МРП and each measure's
// version; a measure with none then is left out).
Expected<HttpResponse> GetProgrammes(ApiContext& ctx, const HttpRequest& request) {
  const auto& parameters = *ctx.programmes;
  std::optional<Date> on;
  if (auto text = request.Query("on"); text && !text->empty()) {
    auto parsed = ParseDate(*text);
    if (!parsed) return AtField("on", parsed.error());
    on = *parsed;
  }
  nlohmann::json mrp = nlohmann::json::array();
  std::optional<programmes::ParametersInForce> in_force;
  if (on) {
    JUMYS_ASSIGN_OR_RETURN(in_force, parameters.ValuesInForce(*on));
    mrp.push_back(MrpJson(in_force->mrp));
  } else {
    for (const auto& v : parameters.mrp()) mrp.push_back(MrpJson(v));
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : parameters.programmes()) {
    nlohmann::json measures = nlohmann::json::array();
    for (const auto& m : p.measures) {
      nlohmann::json versions = nlohmann::json::array();
      for (const auto& r : m.versions) {
        if (!on || r.InForceOn(*on)) versions.push_back(RuleJson(r));
      }
      if (versions.empty()) continue;
      measures.push_back({{"code", m.code}, {"name", NameJson(m.name)}, {"versions", versions}});
    }
    list.push_back({{"programme", p.number},
                    {"code", p.code},
                    {"name", NameJson(p.name)},
                    {"base_act", p.base_act},
                    {"measures", std::move(measures)}});
  }
  return JsonResponse(200, {{"on", on ? nlohmann::json(FormatDate(*on)) : nlohmann::json(nullptr)},
                            {"mrp", std::move(mrp)},
                            {"programmes", std::move(list)}});
}

}  // namespace

void AddReferenceRoutes(Router& router, ApiContext& ctx) {
  // Before {kind}: the first matching route wins.
  if (ctx.programmes) {
    router.Add({"GET",
                "/api/v1/reference/programmes",
                Scope::kAny,
                {},
                "The programme parameters (docs/PROGRAMMES.md): the monthly calculation index by "
                "period with its budget law, and each programme's measures with their amounts, "
                "shares, caps and terms, each version with its legal source, certainty "
                "(official, secondary, unsourced), status (in_force, draft) and effective dates. "
                "With on=YYYY-MM-DD only what is in force that day (422 programme.no_mrp when no "
                "index is set for it): a case uses the values in force on its decision date.",
                {{"tags", {"reference"}},
                 {"parameters",
                  {{{"name", "on"},
                    {"in", "query"},
                    {"required", false},
                    {"schema", {{"type", "string"}, {"format", "date"}}}}}}},
                [&ctx](HttpRequest& r, const Actor&) { return GetProgrammes(ctx, r); }});
  }
  router.Add({"GET",
              "/api/v1/reference/{kind}",
              Scope::kAny,
              {},
              "Search a classifier (kind nkz or kato) for a picker: q is a code prefix or words "
              "found in the code or the kk/ru/en names, case-insensitive; parent lists a code's "
              "children (parent= empty: the top level). Active codes only, in code order.",
              {{"tags", {"reference"}}},
              [&ctx](HttpRequest& r, const Actor&) { return Search(ctx, r); }});
  router.Add({"GET",
              "/api/v1/reference/{kind}/{code}",
              Scope::kAny,
              {},
              "One code of a classifier (also an inactive one) with its ancestors in path, the "
              "top level first",
              {{"tags", {"reference"}}},
              [&ctx](HttpRequest& r, const Actor&) { return GetCode(ctx, r); }});
  router.Add(
      {"POST",
       "/api/v1/reference/{kind}/imports",
       Scope::kNational,
       {Role::kAdmin, Role::kNationalAdmin},
       "Load a classifier from CSV (code,parent,name_kk,name_ru,name_en): the whole file is "
       "checked first (422 naming each bad line, nothing stored), then applied in the background: "
       "202 with the import; codes no longer in the file become inactive. A file upload: with "
       "the session cookie it needs the header X-Requested-With: jumys (else 403)",
       {{"tags", {"reference"}},
        {"requestBody",
         {{"required", true}, {"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return StartImport(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/reference/{kind}/imports/{id}",
              Scope::kNational,
              {Role::kAdmin, Role::kNationalAdmin},
              "An import's progress: state (running, done, failed), rows_done of rows_total, "
              "the counts and any errors",
              {{"tags", {"reference"}}},
              [&ctx](HttpRequest& r, const Actor&) { return GetImport(ctx, r); }});
}

}  // namespace jumys::http
