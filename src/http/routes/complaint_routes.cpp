// Complaints about a public service or its result (C1, processes/public-service-complaint):
// filed about one case by its applicant, from the cabinet or through a clerk at the office
// that holds it, and listed with that case. A complaint is itself a case, read and worked
// through the case and task routes.
#include "engine/case_results.h"
#include "http/api.h"
#include "http/case_json.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"

namespace jumys::http {

namespace {

// The process a complaint is filed under; its definition says `concerns: case`.
constexpr const char* kComplaintProcess = "public-service-complaint";
constexpr std::size_t kMaxText = 5000;

const RoleSet kFilers = {Role::kOfficeClerk, Role::kJobSeeker, Role::kEmployer};
const RoleSet kReaders = {Role::kJobSeeker,          Role::kEmployer,
                          Role::kOfficeClerk,        Role::kHead,
                          Role::kExecutor,           Role::kEmploymentSpecialist,
                          Role::kEmployerSpecialist, Role::kUnitHead};

// One complaint as its subject's page shows it: what was filed, the term, and the answer
// once given (from the completion that carries it).
nlohmann::json ComplaintJson(const CaseService::CaseDetail& d, const ProcessDefinition* def,
                             Instant now) {
  const CaseRow& c = d.kase;
  nlohmann::json j = CaseSummaryJson(c, def);
  j["text"] = c.data.value("text", "");
  j["filed_at"] = c.created_at;
  j["answer"] = nullptr;
  j["outcome"] = nullptr;
  j["answered_at"] = nullptr;
  j["reopened"] = false;
  j["task"] = nullptr;
  for (std::size_t i = 0; i < d.tasks.size(); ++i) {
    const TaskRow& t = d.tasks[i];
    if (t.open()) {
      const Step* step = def ? def->FindStep(t.step) : nullptr;
      std::optional<std::string> decided;
      if (c.decided) decided = c.decided->kind;
      j["task"] = TaskJson(t, step, decided, c.open(), now, d.time_left[i]);
      continue;
    }
    auto answer = t.data.find("answer");
    if (answer == t.data.end() || !answer->is_string()) continue;
    j["answer"] = *answer;
    j["outcome"] = t.outcome;
    j["answered_at"] = *t.completed_at;
    j["reopened"] = t.outcome == "upheld_reopen";
  }
  j["result"] = ResultJson(c, def);
  return j;
}

Expected<HttpResponse> PostComplaint(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(const auto subject_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto text, RequiredString(body, "text", kMaxText * 4));
  // Surrounding blanks are no part of the complaint (and no way round its minimum length).
  const auto first = text.find_first_not_of(" \t\r\n");
  text = first == std::string::npos
             ? ""
             : text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  JUMYS_ASSIGN_OR_RETURN(auto subject, ctx.cases.Load(subject_id));
  CaseService::StartRequest start;
  start.process = kComplaintProcess;
  start.channel = actor.applicant ? Channel::kPortal : Channel::kOffice;
  start.subject_case_id = subject_id;
  // `subject` is the server's, from the case complained about (printed on the answer).
  start.data = {{"text", text}, {"subject", subject.kase.number}};
  JUMYS_ASSIGN_OR_RETURN(auto id, ctx.cases.Start(actor, start));
  JUMYS_ASSIGN_OR_RETURN(auto detail, ctx.cases.Load(id));
  auto def = ctx.processes.Find(detail.kase.process, detail.kase.version);
  return CaseResponseFor(
      actor, 201, CaseDetailJson(detail, def ? def->get() : nullptr, ctx.clock()), detail.events);
}

Expected<HttpResponse> ListComplaints(ApiContext& ctx, HttpRequest& request, const Actor&) {
  JUMYS_ASSIGN_OR_RETURN(const auto subject_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto about, ctx.cases.ListAbout(subject_id));
  const Instant now = ctx.clock();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : about) {
    auto def = ctx.processes.Find(d.kase.process, d.kase.version);
    items.push_back(ComplaintJson(d, def ? def->get() : nullptr, now));
  }
  return JsonResponse(200, {{"items", items}});
}

nlohmann::json PostDoc() {
  const nlohmann::json properties = {
      {"text",
       {{"type", "string"},
        {"minLength", 10},
        {"maxLength", kMaxText},
        {"description", "the complaint: what was wrong with the service or its result"}}}};
  auto doc = DocWithJsonBody("complaints", {"text"}, properties);
  doc["description"] =
      "The applicant of case {id} complains about it (Law \"On public services\" No. 88-V, "
      "article 25). From the cabinet (job seeker, employer) it is filed in the portal "
      "channel; at the office a clerk of the office that holds the case files it for the "
      "applicant. It goes to that office's head, due in 5 working days on the office's "
      "calendar (result_due_on). 201: the complaint, a case of public-service-complaint. "
      "404 as for the case itself when it is not the caller's to see; 422 data.invalid for a "
      "text too short or too long.";
  return doc;
}

nlohmann::json ListDoc() {
  return {{"tags", {"complaints"}},
          {"description",
           "The complaints about case {id}, oldest first: {items: [case summary + text, "
           "filed_at, task (the open consideration, with due_at and urgency), answer, outcome "
           "(upheld_reopen, upheld, rejected), answered_at, reopened, result]}."}};
}

}  // namespace

void AddComplaintRoutes(Router& router, ApiContext& ctx) {
  router.Add({"POST",
              "/api/v1/cases/{id}/complaints",
              Scope::kOffice,
              kFilers,
              "File a complaint about a case: its applicant from the cabinet, or a clerk at the "
              "case's office on the applicant's behalf",
              PostDoc(),
              [&ctx](HttpRequest& r, const Actor& a) { return PostComplaint(ctx, r, a); },
              {Record::kCase, "id"}});
  router.Add({"GET",
              "/api/v1/cases/{id}/complaints",
              Scope::kOffice,
              kReaders,
              "The complaints about a case, with their term and answer",
              ListDoc(),
              [&ctx](HttpRequest& r, const Actor& a) { return ListComplaints(ctx, r, a); },
              {Record::kCase, "id"}});
}

}  // namespace jumys::http
