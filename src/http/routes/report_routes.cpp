// Reports: the SLA report per step (issue 3, item 6), as JSON or CSV.
#include <map>
#include <set>
#include <string>

#include "engine/sla_report.h"
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"
#include "security/account_admin.h"

namespace jumys::http {

namespace {

const RoleSet kReaders = {Role::kAnalyst, Role::kHead, Role::kUnitHead, Role::kAdmin};

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// json, csv or xlsx: from ?format=, else from Accept. 400 for another format.
Expected<std::string> Format(const HttpRequest& request) {
  if (auto format = request.Query("format"); format && !format->empty()) {
    if (*format == "json" || *format == "csv" || *format == "xlsx") return *format;
    return FieldError(ErrorCode::kInvalidInput, "format", "report.format"_msg,
                      "is one of json, csv, xlsx");
  }
  auto accept = request.Header("accept");
  if (accept && accept->find("text/csv") != std::string::npos) return std::string("csv");
  if (accept && accept->find(kXlsxType) != std::string::npos) return std::string("xlsx");
  return std::string("json");
}

nlohmann::json LateJson(const SlaLateTask& t) {
  return {{"case_id", t.case_id},
          {"case_number", t.case_number},
          {"process", t.process},
          {"version", t.version},
          {"step", t.step},
          {"ref", t.ref},
          {"office", t.office_id},
          {"completed_by", t.completed_by},
          {"due_at", t.due_at},
          {"completed_at", t.completed_at},
          {"overrun_minutes", t.overrun_minutes}};
}

Expected<HttpResponse> SlaReportRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  SlaReportQuery q;
  JUMYS_ASSIGN_OR_RETURN(q.from, QueryDate(request, "from"));
  JUMYS_ASSIGN_OR_RETURN(q.to, QueryDate(request, "to"));
  q.office = request.Query("office").value_or("");
  q.visible_offices = VisibleOffices(actor, ctx.offices);
  q.process = request.Query("process").value_or("");
  q.employee = request.Query("employee").value_or("");
  if (q.employee.size() > 40) {
    return FieldError(ErrorCode::kInvalidInput, "employee", "field.too_long"_msg,
                      "must be at most {max} characters", {{"max", "40"}});
  }
  JUMYS_ASSIGN_OR_RETURN(const std::string format, Format(request));
  JUMYS_ASSIGN_OR_RETURN(auto report, ctx.sla_reports->Build(q));
  const std::string file = "sla-" + FormatDate(q.from) + "-" + FormatDate(q.to);
  if (format == "csv") {
    // part=late: the late cases instead of the steps.
    const bool late = request.Query("part").value_or("") == "late";
    HttpResponse r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = late ? SlaLateCsv(report.late) : SlaCsv(report.steps);
    r.headers.emplace_back("Content-Disposition",
                           "attachment; filename=\"" + file + (late ? "-late" : "") + ".csv\"");
    return r;
  }
  if (format == "xlsx") {
    JUMYS_ASSIGN_OR_RETURN(auto bytes, SlaXlsx(report));
    HttpResponse r;
    r.content_type = kXlsxType;
    r.body = std::move(bytes);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file + ".xlsx\"");
    return r;
  }
  // Who did each late task, by full name beside the login.
  std::set<std::string> logins;
  for (const auto& t : report.late) logins.insert(t.completed_by);
  std::map<std::string, std::string> names;
  if (ctx.account_admin) {
    JUMYS_ASSIGN_OR_RETURN(names, ctx.account_admin->FullNames(logins));
  }
  nlohmann::json late = nlohmann::json::array();
  for (const auto& t : report.late) {
    nlohmann::json row = LateJson(t);
    auto name = names.find(t.completed_by);
    row["completed_by_name"] =
        name == names.end() ? nlohmann::json(nullptr) : nlohmann::json(name->second);
    late.push_back(std::move(row));
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
            {"employee", q.employee.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.employee)},
            {"steps", steps},
            {"late", late}});
}

}  // namespace

void AddReportRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/reports/sla",
              Scope::kOffice,
              kReaders,
              "SLA per step for tasks completed from..to (dates on each office's clock): count, "
              "median and 90th percentile of working minutes taken, breaches of the legal "
              "limit, and the late tasks with their cases. Optional office (in the caller's "
              "scope), process and employee (who completed the tasks). format=csv (the steps; "
              "with part=late the late cases) or Accept: text/csv; format=xlsx for a workbook "
              "of both.",
              {{"tags", {"reports"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return SlaReportRoute(ctx, r, a); }});
}

}  // namespace jumys::http
