// Reports: the SLA report per step (issue 3, item 6), as JSON or CSV; the analyst's dashboards
// and the open data made of them (docs/ANALYTICS.md).
#include <map>
#include <set>
#include <string>

#include "engine/case_results.h"
#include "engine/sla_report.h"
#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"
#include "security/account_admin.h"
#include "services/analytics/dashboards.h"
#include "services/reference/reference_data.h"

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

// The smallest count the open data shows: a smaller one could point at a person.
constexpr std::int64_t kOpenDataMinCount = 5;

nlohmann::json NamesJson(const Office& office) {
  return {{"kk", office.name_kk}, {"ru", office.name_ru}, {"en", office.name_en}};
}

nlohmann::json TablesJson(const std::vector<analytics::Table>& tables) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : tables) {
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& c : t.columns) {
      columns.push_back({{"id", c.id}, {"type", analytics::ColumnTypeName(c.type)}});
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : t.rows) {
      nlohmann::json cells = nlohmann::json::array();
      for (const auto& cell : row) {
        std::visit([&](const auto& v) { cells.push_back(v); }, cell);
      }
      rows.push_back(std::move(cells));
    }
    out.push_back({{"id", t.id},
                   {"columns", std::move(columns)},
                   {"chart", {{"label", t.chart_label}, {"series", t.chart_series}}},
                   {"rows", std::move(rows)}});
  }
  return out;
}

// The names of the offices reported on, and of every oblast by its KATO code: the classifier's
// name, else its department's.
void AddNames(nlohmann::json& body, ApiContext& ctx, const std::vector<std::string>& reported) {
  nlohmann::json offices = nlohmann::json::object();
  for (const auto& id : reported) {
    if (auto o = ctx.offices.Find(id)) offices[id] = NamesJson(*o);
  }
  nlohmann::json regions = nlohmann::json::object();
  for (const auto& o : ctx.offices.All()) {
    if (!o->oblast_level) continue;
    auto code = ctx.reference ? ctx.reference->Get(reference::ClassifierKind::kKato, o->oblast_kato)
                              : Expected<reference::CodeView>(Error::NotFound());
    regions[o->oblast_kato] = code ? nlohmann::json{{"kk", code->row.name_kk},
                                                    {"ru", code->row.name_ru},
                                                    {"en", code->row.name_en}}
                                   : NamesJson(*o);
  }
  body["office_names"] = std::move(offices);
  body["region_names"] = std::move(regions);
}

// The tables as JSON, or one of them as CSV (table= required), or a workbook of one or all.
Expected<HttpResponse> TablesResponse(const HttpRequest& request, nlohmann::json body,
                                      std::vector<analytics::Table> tables,
                                      const analytics::Preamble& preamble,
                                      const std::string& file) {
  JUMYS_ASSIGN_OR_RETURN(const std::string format, Format(request));
  const std::string table = request.Query("table").value_or("");
  if (!table.empty()) {
    std::erase_if(tables, [&](const auto& t) { return t.id != table; });
    if (tables.empty()) {
      return FieldError(ErrorCode::kInvalidInput, "table", "analytics.table_unknown"_msg,
                        "no table '{table}'", {{"table", table}});
    }
  }
  const std::string name = file + (table.empty() ? "" : "-" + table);
  if (format == "csv") {
    if (table.empty()) {
      return FieldError(ErrorCode::kInvalidInput, "table", "analytics.table_required"_msg,
                        "name the table to export as CSV");
    }
    HttpResponse r;
    r.content_type = "text/csv; charset=utf-8";
    r.body = analytics::TableCsv(tables.front(), preamble);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    return r;
  }
  if (format == "xlsx") {
    JUMYS_ASSIGN_OR_RETURN(auto bytes, analytics::TablesXlsx(tables, preamble));
    HttpResponse r;
    r.content_type = kXlsxType;
    r.body = std::move(bytes);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
    return r;
  }
  body["tables"] = TablesJson(tables);
  return JsonResponse(200, body);
}

Expected<HttpResponse> AnalyticsRoute(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  analytics::DashboardQuery q;
  JUMYS_ASSIGN_OR_RETURN(q.from, QueryDate(request, "from"));
  JUMYS_ASSIGN_OR_RETURN(q.to, QueryDate(request, "to"));
  JUMYS_ASSIGN_OR_RETURN(q.offices,
                         analytics::ReportedOffices(ctx.offices, VisibleOffices(actor, ctx.offices),
                                                    request.Query("office").value_or(""),
                                                    request.Query("oblast").value_or("")));
  q.process = request.Query("process").value_or("");
  JUMYS_ASSIGN_OR_RETURN(auto tables, ctx.dashboards->Build(q));
  const std::string extracted_at = FormatRfc3339(ctx.clock());
  std::string office_list;
  for (const auto& id : q.offices) office_list += (office_list.empty() ? "" : " ") + id;
  const analytics::Preamble preamble = {{"extracted_at", extracted_at},
                                        {"from", FormatDate(q.from)},
                                        {"to", FormatDate(q.to)},
                                        {"offices", office_list},
                                        {"process", q.process}};
  nlohmann::json body = {
      {"from", FormatDate(q.from)},
      {"to", FormatDate(q.to)},
      {"offices", q.offices},
      {"process", q.process.empty() ? nlohmann::json(nullptr) : nlohmann::json(q.process)},
      {"extracted_at", extracted_at}};
  AddNames(body, ctx, q.offices);
  return TablesResponse(request, std::move(body), std::move(tables), preamble,
                        "analytics-" + FormatDate(q.from) + "-" + FormatDate(q.to));
}

// YYYY-MM in query parameter `month`: its first and last days.
Expected<std::pair<Date, Date>> QueryMonth(const HttpRequest& request) {
  const std::string text = request.Query("month").value_or("");
  auto first = ParseDate(text + "-01");
  if (text.size() != 7 || !first) {
    return FieldError(ErrorCode::kInvalidInput, "month", "analytics.month"_msg,
                      "is a month as YYYY-MM");
  }
  const std::chrono::year_month_day last{first->year() / first->month() / std::chrono::last};
  return std::pair<Date, Date>{*first, last};
}

// The month's aggregate figures of one oblast for anyone: no people, no small cells.
Expected<HttpResponse> OpenDataRoute(ApiContext& ctx, HttpRequest& request) {
  const std::string oblast = request.Query("oblast").value_or("");
  std::vector<std::string> offices;
  for (const auto& o : ctx.offices.All()) {
    if (!oblast.empty() && o->oblast_kato == oblast) offices.push_back(o->id);
  }
  if (offices.empty()) {
    return FieldError(ErrorCode::kNotFound, "oblast", "analytics.oblast_not_found"_msg,
                      "no oblast with the KATO code '{oblast}'", {{"oblast", oblast}});
  }
  JUMYS_ASSIGN_OR_RETURN(const auto month, QueryMonth(request));
  analytics::DashboardQuery q{month.first, month.second, offices, "", false};
  JUMYS_ASSIGN_OR_RETURN(auto tables, ctx.dashboards->Build(q));
  analytics::SuppressSmallCells(tables, kOpenDataMinCount);
  const std::string extracted_at = FormatRfc3339(ctx.clock());
  const std::string month_text = FormatDate(month.first).substr(0, 7);
  const analytics::Preamble preamble = {{"extracted_at", extracted_at},
                                        {"oblast", oblast},
                                        {"month", month_text},
                                        {"min_count", std::to_string(kOpenDataMinCount)}};
  nlohmann::json body = {{"oblast", oblast},
                         {"month", month_text},
                         {"from", FormatDate(month.first)},
                         {"to", FormatDate(month.second)},
                         {"min_count", kOpenDataMinCount},
                         {"extracted_at", extracted_at}};
  AddNames(body, ctx, offices);
  return TablesResponse(request, std::move(body), std::move(tables), preamble,
                        "open-data-" + oblast + "-" + month_text);
}

}  // namespace

void AddReportRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/analytics",
              Scope::kOffice,
              kReaders,
              "The analyst's dashboards for from..to (days on each office's clock, at most 366): "
              "registrations, referrals by measure and outcome, placements, vacancies, permits "
              "and quotas, the programmes' applications, contracts and late reports, payments by "
              "programme and month against the budget, relocation by route and region, SLA by "
              "office and step. Optional office or oblast (KATO) within the caller's scope, "
              "process (narrows programmes and sla). format=csv with table=ID, or format=xlsx "
              "(table= optional): the filters and the moment of extraction above each table.",
              {{"tags", {"reports"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return AnalyticsRoute(ctx, r, a); }});
  router.Add({"GET",
              "/api/v1/open-data",
              Scope::kPublic,
              {},
              "Open data: one oblast's (KATO) aggregate figures for a month (YYYY-MM), the "
              "dashboards' tables without the SLA; no personal data, and each count below "
              "min_count (5) is null with the amounts of its row. format=csv with table=ID, or "
              "format=xlsx.",
              {{"tags", {"reports"}}},
              [&ctx](HttpRequest& r, const Actor&) { return OpenDataRoute(ctx, r); }});
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
