// Reports: the SLA report per step (issue 3, item 6), as JSON or CSV.
#include "engine/sla_report.h"
#include "http/api.h"
#include "http/json_io.h"
#include "http/record_scope.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kAnalyst, Role::kHead, Role::kUnitHead, Role::kAdmin};

Expected<Date> DateQuery(const HttpRequest& request, const char* name) {
  auto text = request.Query(name);
  if (!text || text->empty()) {
    return FieldError(ErrorCode::kInvalidInput, name, "field.required"_msg, "is required");
  }
  auto date = ParseDate(*text);
  if (!date) return AtField(name, date.error());
  return *date;
}

bool WantsCsv(const HttpRequest& request) {
  if (auto format = request.Query("format")) return *format == "csv";
  auto accept = request.Header("accept");
  return accept && accept->find("text/csv") != std::string::npos;
}

Expected<HttpResponse> SlaReportRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  SlaReportQuery q;
  JUMYS_ASSIGN_OR_RETURN(q.from, DateQuery(request, "from"));
  JUMYS_ASSIGN_OR_RETURN(q.to, DateQuery(request, "to"));
  q.office = request.Query("office").value_or("");
  q.visible_offices = VisibleOffices(actor, ctx.offices);
  q.process = request.Query("process").value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto report, ctx.sla_reports->Build(q));
  if (WantsCsv(request)) {
    HttpResponse r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = SlaCsv(report.steps);
    return r;
  }
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : report.steps) {
    steps.push_back({{"process", s.process},
                     {"version", s.version},
                     {"step", s.step},
                     {"ref", s.ref},
                     {"role", s.role},
                     {"limit", s.limit},
                     {"count", s.count},
                     {"median_minutes", s.median_minutes},
                     {"p90_minutes", s.p90_minutes},
                     {"breaches", s.breaches}});
  }
  return JsonResponse(
      200, {{"from", FormatDate(q.from)},
            {"to", FormatDate(q.to)},
            {"offices", report.office_ids},
            {"process", q.process.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.process)},
            {"steps", steps}});
}

}  // namespace

void AddReportRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/reports/sla",
              Scope::kOffice,
              kReaders,
              "SLA per step for tasks completed from..to (dates on each office's clock): count, "
              "median and 90th percentile of working minutes taken, breaches of the legal "
              "limit. Optional office (in the caller's scope) and process. CSV with "
              "format=csv or Accept: text/csv.",
              {{"tags", {"reports"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return SlaReportRoute(ctx, r, a); }});
}

}  // namespace jumys::http
