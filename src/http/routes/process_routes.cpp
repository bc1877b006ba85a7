// Processes: the runnable definitions, their BPMN export and their refusal grounds. Reference
// data of public services, readable without signing in.
#include "engine/bpmn_export.h"
#include "engine/case_results.h"
#include "http/api.h"
#include "http/case_json.h"
#include "http/field_json.h"
#include "http/json_io.h"

namespace jumys::http {

namespace {

Date Today(ApiContext& ctx) {
  const Instant now = ctx.clock();
  for (const auto& office : ctx.offices.All()) return OfficeDate(*office, now);
  return Date{std::chrono::floor<std::chrono::days>(now)};
}

nlohmann::json StepJson(const Step& s) {
  nlohmann::json outcomes = nlohmann::json::array();
  for (const auto& o : s.outcomes) outcomes.push_back(o.id);
  nlohmann::json j = {
      {"id", s.id},
      {"ref", s.ref},
      {"kind", StepKindName(s.kind)},
      {"role", s.role ? nlohmann::json(RoleName(*s.role)) : nlohmann::json(nullptr)},
      {"limit", s.limit ? nlohmann::json(FormatLimit(*s.limit)) : nlohmann::json(nullptr)},
      {"due_day", s.due_day ? nlohmann::json(*s.due_day) : nlohmann::json(nullptr)},
      {"office", OfficeScopeName(s.office)},
      {"title", LocalizedJson(s.title)},
      {"outcomes", outcomes},
      {"fields", StepFieldsJson(s)}};
  if (s.channel) j["channel"] = ChannelName(*s.channel);
  if (s.assigns) j["assigns"] = RoleName(*s.assigns);
  if (!s.source.empty()) j["source"] = s.source;
  return j;
}

nlohmann::json OtherActJson(const std::optional<ActReference>& other) {
  if (!other) return nullptr;
  return {{"number", other->number}, {"date", FormatDate(other->date)}};
}

// The act's own dates, apart from `effective` (the window in which the system runs it).
nlohmann::json ActJson(const std::optional<ActRecord>& act) {
  if (!act) return nullptr;
  return {{"number", act->number},
          {"adopted", FormatDate(act->adopted)},
          {"registered", act->registered ? nlohmann::json(FormatDate(*act->registered))
                                         : nlohmann::json(nullptr)},
          {"registration_number", act->registration_number.empty()
                                      ? nlohmann::json(nullptr)
                                      : nlohmann::json(act->registration_number)},
          {"amended_by", OtherActJson(act->amended_by)},
          {"repealed_by", OtherActJson(act->repealed_by)}};
}

nlohmann::json ProcessJson(const ProcessDefinition& def) {
  nlohmann::json channels = nlohmann::json::array();
  for (const auto& c : def.channels) channels.push_back(ChannelName(c.channel));
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& d : def.intake.documents) {
    nlohmann::json doc = {
        {"type", d.type}, {"required", d.required}, {"must_not_be_expired", d.must_not_be_expired}};
    if (d.channel) doc["channel"] = ChannelName(*d.channel);
    documents.push_back(std::move(doc));
  }
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : def.steps) steps.push_back(StepJson(s));
  nlohmann::json effective = nullptr;
  if (def.effective) {
    effective = {{"from", FormatDate(def.effective->from)},
                 {"to", def.effective->to ? nlohmann::json(FormatDate(*def.effective->to))
                                          : nlohmann::json(nullptr)}};
  }
  nlohmann::json service_term = nlohmann::json::object();
  for (const auto& t : def.service_term)
    service_term[ChannelName(t.channel)] = FormatLimit(t.limit);
  return {{"code", def.code},
          {"number", def.number},
          {"version", def.version},
          {"title", LocalizedJson(def.title)},
          {"source", def.source},
          {"effective", effective},
          {"act", ActJson(def.act)},
          {"service_term", service_term},
          {"beyond_seed", def.beyond_seed},
          {"provider", ProviderLevelName(def.provider)},
          {"concerns", def.concerns_case ? nlohmann::json("case") : nlohmann::json(nullptr)},
          {"applicant", def.applicant ? nlohmann::json(ApplicantKindName(*def.applicant))
                                      : nlohmann::json(nullptr)},
          {"channels", channels},
          {"consent_required", def.intake.consent_required},
          {"documents", documents},
          {"fields", FieldsJson(def.intake.fields.fields)},
          {"steps", steps}};
}

nlohmann::json ProcessesDoc() {
  const nlohmann::json fields = {{"type", "array"},
                                 {"items", {{"$ref", "#/components/schemas/Field"}}}};
  const nlohmann::json process = {
      {"type", "object"},
      {"properties",
       {{"code", {{"type", "string"}}},
        {"number",
         {{"type", "string"},
          {"description", "the catalogue number (S1-S4e, P1-P3); may be empty"}}},
        {"act",
         {{"type", {"object", "null"}},
          {"description",
           "the legal act: number, adopted, registered (with the Justice department), "
           "registration_number, amended_by and repealed_by ({number, date}); null when the "
           "definition names none (sketches, processes wholly beyond the seeds)"}}},
        {"service_term",
         {{"type", "object"},
          {"description",
           "per channel, the term within which the service is rendered (\"9wd\"); a case's "
           "result_due_on is its filing day plus this term on the office's calendar"}}},
        {"beyond_seed", {{"type", "boolean"}}},
        {"concerns",
         {{"type", {"string", "null"}},
          {"description",
           "\"case\": filed only about a case of the applicant (a complaint: POST "
           "/api/v1/cases/{id}/complaints), never on its own"}}},
        {"applicant", {{"type", {"string", "null"}}, {"enum", {"person", "employer", nullptr}}}},
        {"fields", fields},
        {"steps",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"properties",
             {{"id", {{"type", "string"}}},
              {"fields",
               {{"type", "array"},
                {"items", {{"$ref", "#/components/schemas/Field"}}},
                {"description", "the step's fields, then each outcome's (with outcome)"}}}}}}}}}}}};
  return {{"tags", {"processes"}},
          {"responses",
           {{"200",
             {{"description", "the processes"},
              {"content",
               {{"application/json", {{"schema", {{"type", "array"}, {"items", process}}}}}}}}}}}};
}

Expected<HttpResponse> ListProcesses(ApiContext& ctx) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& def : ctx.processes.All()) {
    if (ctx.cases.Offered(*def)) out.push_back(ProcessJson(*def));
  }
  return JsonResponse(200, out);
}

// The version asked for, else the one in force today, else the newest (a sketch).
Expected<ProcessCatalog::DefinitionPtr> Pick(ApiContext& ctx, const std::string& code,
                                             const std::optional<std::string>& version) {
  if (version && !version->empty()) return ctx.processes.Find(code, *version);
  auto in_force = ctx.processes.VersionInForce(code, Today(ctx));
  if (in_force) return in_force;
  ProcessCatalog::DefinitionPtr newest;
  for (const auto& def : ctx.processes.All()) {
    if (def->code == code) newest = def;
  }
  if (!newest) return Error::NotFound("process.not_found"_msg, "no such process");
  return newest;
}

Expected<HttpResponse> GetBpmn(ApiContext& ctx, HttpRequest& request) {
  JUMYS_ASSIGN_OR_RETURN(auto def,
                         Pick(ctx, request.path_params.at("code"), request.Query("version")));
  HttpResponse r;
  r.content_type = "application/xml; charset=utf-8";
  r.body = ExportBpmn(*def);
  return r;
}

Expected<HttpResponse> ListGrounds(ApiContext& ctx, HttpRequest& request) {
  auto code = request.Query("process");
  if (!code || code->empty()) {
    return FieldError(ErrorCode::kInvalidInput, "process", "field.required"_msg, "is required");
  }
  JUMYS_ASSIGN_OR_RETURN(auto def, Pick(ctx, *code, request.Query("version")));
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : def->refusal_grounds) {
    out.push_back({{"code", g.code},
                   {"result", g.result_kind},
                   {"item", g.item},
                   {"text", LocalizedJson(g.text)}});
  }
  return JsonResponse(200, out);
}

}  // namespace

void AddProcessRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/processes",
              Scope::kPublic,
              {},
              "The process definitions new cases may start under (runnable, with every guard "
              "and effect implemented): code, version, title, applicant, channels, documents, "
              "fields (the application's data), steps (id, ref, role, limit, channel, fields)",
              ProcessesDoc(),
              [&ctx](HttpRequest&, const Actor&) { return ListProcesses(ctx); }});
  router.Add({"GET",
              "/api/v1/processes/{code}/bpmn",
              Scope::kPublic,
              {},
              "BPMN 2.0 XML of a process: the version given (?version=), else the one in force "
              "today, else the newest",
              {{"tags", {"processes"}}},
              [&ctx](HttpRequest& r, const Actor&) { return GetBpmn(ctx, r); }});
  router.Add({"GET",
              "/api/v1/refusal-grounds",
              Scope::kPublic,
              {},
              "The refusal grounds of a process (?process=<code>, optional ?version=): code, the "
              "result it may be cited for, the legal item and the text",
              {{"tags", {"processes"}}},
              [&ctx](HttpRequest& r, const Actor&) { return ListGrounds(ctx, r); }});
}

}  // namespace jumys::http
