// Reports: the SLA report per step (issue 3, item 6), as JSON or CSV.
#include "engine/case_results.h"
#include "engine/sla_report.h"
#include "http/api.h"
#include "http/json_io.h"
#include "http/office_scope.h"
#include "security/access.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kAnalyst, Role::kHead, Role::kUnitHead, Role::kAdmin};
constexpr int kMaxDays = 366;

Expected<Date> DateQuery(const HttpRequest& request, const char* name) {
  auto text = request.Query(name);
  if (!text || text->empty()) {
    return Error::Invalid(std::string("query parameter '") + name + "' is required (YYYY-MM-DD)");
  }
  auto date = ParseDate(*text);
  if (!date) return Error::Invalid(std::string("'") + name + "' must be a date (YYYY-MM-DD)");
  return *date;
}

bool WantsCsv(const HttpRequest& request) {
  if (auto format = request.Query("format")) return *format == "csv";
  auto accept = request.Header("accept");
  return accept && accept->find("text/csv") != std::string::npos;
}

Expected<HttpResponse> SlaReport(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto from, DateQuery(request, "from"));
  JUMYS_ASSIGN_OR_RETURN(auto to, DateQuery(request, "to"));
  using std::chrono::days;
  using std::chrono::sys_days;
  if (sys_days{to} < sys_days{from}) return Error::Unprocessable("'to' is before 'from'");
  if ((sys_days{to} - sys_days{from}).count() >= kMaxDays) {
    return Error::Unprocessable("at most " + std::to_string(kMaxDays) + " days at a time");
  }
  CompletedTaskQuery q;
  if (auto office = request.Query("office"); office && !office->empty()) {
    if (!CanAccessOffice(actor, ctx.offices, *office)) return Error::NotFound("no such office");
    q.office_ids = {*office};
  } else {
    q.office_ids = VisibleOffices(actor, ctx.offices);
  }
  q.process = request.Query("process").value_or("");
  if (!q.process.empty()) {
    const auto& all = ctx.processes.All();
    const bool known =
        std::any_of(all.begin(), all.end(), [&](const auto& d) { return d->code == q.process; });
    if (!known) return Error::Unprocessable("unknown process '" + q.process + "'");
  }
  // A day's margin on both sides in UTC; each task is then kept by its office's own date.
  q.completed_from = FormatRfc3339(Instant{sys_days{from} - days(1)});
  q.completed_to = FormatRfc3339(Instant{sys_days{to} + days(2)});
  std::vector<CompletedTaskRow> rows;
  JUMYS_TRY(ctx.db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(rows, ListCompletedTasks(tx, q));
    return {};
  }));
  std::vector<CompletedTaskRow> kept;
  for (auto& r : rows) {
    auto office = ctx.offices.Find(r.office_id);
    auto completed = ParseRfc3339(r.completed_at);
    if (!office || !completed) continue;
    const Date day = OfficeDate(*office, *completed);
    if (from <= day && day <= to) kept.push_back(std::move(r));
  }
  const auto report = BuildSlaReport(kept, ctx.processes, ctx.offices, ctx.calendar);
  if (WantsCsv(request)) {
    HttpResponse r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = SlaCsv(report);
    return r;
  }
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : report) {
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
      200, {{"from", FormatDate(from)},
            {"to", FormatDate(to)},
            {"offices", q.office_ids},
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
              [&ctx](HttpRequest& r, const Actor& a) { return SlaReport(ctx, r, a); }});
}

}  // namespace jumys::http
