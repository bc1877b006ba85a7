// Case-management basics (docs/CASEWORK.md): internal notes on a case, for the staff of its
// office only, and the office dashboard of open tasks. Reassigning is in task_routes.cpp.
#include <map>
#include <set>
#include <string>

#include "http/api.h"
#include "http/case_json.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "security/account_admin.h"
#include "services/casework/casework_service.h"

namespace jumys::http {

namespace {

nlohmann::json NoteJson(const casework::CaseNote& n) {
  return {{"id", n.id},
          {"case_id", n.case_id},
          {"author", {{"login", n.author}, {"full_name", n.author_name}}},
          {"text", n.text},
          {"at", n.at}};
}

Expected<HttpResponse> ListNotes(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto case_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto notes, ctx.casework->Notes(actor, case_id));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& n : notes) items.push_back(NoteJson(n));
  return JsonResponse(200, {{"items", items}});
}

Expected<HttpResponse> AddNote(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto case_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  // Bytes bound here; the service counts characters (2000).
  JUMYS_ASSIGN_OR_RETURN(auto text, RequiredString(body, "text", 8000));
  JUMYS_ASSIGN_OR_RETURN(auto note, ctx.casework->AddNote(actor, case_id, text));
  return JsonResponse(201, NoteJson(note));
}

nlohmann::json Counts(const std::int64_t (&counts)[5]) {
  nlohmann::json out = nlohmann::json::object();
  for (int i = 0; i < 5; ++i) {
    out[casework::DueBucketName(static_cast<casework::DueBucket>(i))] = counts[i];
  }
  return out;
}

Expected<HttpResponse> GetDashboard(ApiContext& ctx, HttpRequest&, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto d, ctx.casework->OfficeDashboard(actor));
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : d.steps) {
    auto def = ctx.processes.Find(s.process, s.version);
    const Step* step = def ? (*def)->FindStep(s.step) : nullptr;
    nlohmann::json j = {{"process", s.process},
                        {"version", s.version},
                        {"step", s.step},
                        {"ref", s.ref},
                        {"role", s.role},
                        {"total", s.total},
                        {"counts", Counts(s.counts)}};
    if (step) j["title"] = LocalizedJson(step->title);
    if (def) j["process_title"] = LocalizedJson((*def)->title);
    steps.push_back(std::move(j));
  }
  std::set<std::string> assignees;
  for (const auto& t : d.tasks) assignees.insert(t.assignee);
  assignees.erase("");
  std::map<std::string, std::string> names;
  if (ctx.account_admin) {
    JUMYS_ASSIGN_OR_RETURN(names, ctx.account_admin->FullNames(assignees));
  }
  const auto name_of = [&](const std::string& login) {
    auto it = names.find(login);
    return it == names.end() ? nlohmann::json(nullptr) : nlohmann::json(it->second);
  };
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& t : d.tasks) {
    tasks.push_back(
        {{"task", t.task_id},
         {"case_id", t.case_id},
         {"case_number", t.case_number},
         {"process", t.process},
         {"step", t.step},
         {"ref", t.ref},
         {"role", t.role},
         {"assignee", t.assignee.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.assignee)},
         {"assignee_name", name_of(t.assignee)},
         {"due_at", t.due_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(t.due_at)},
         {"bucket", casework::DueBucketName(t.bucket)}});
  }
  return JsonResponse(200, {{"office", d.office_id},
                            {"today", d.today},
                            {"soon_until", d.soon_until},
                            {"total", d.total},
                            {"counts", Counts(d.counts)},
                            {"steps", steps},
                            {"tasks", tasks},
                            {"truncated", d.truncated}});
}

}  // namespace

void AddCaseworkRoutes(Router& router, ApiContext& ctx) {
  router.Add({"GET",
              "/api/v1/cases/{id}/notes",
              Scope::kOffice,
              StaffRoles(),
              "The case's internal notes, oldest first: staff of the case's office only (403 "
              "case_note.other_office for other staff who see the case). Never shown to the "
              "applicant.",
              {{"tags", {"casework"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return ListNotes(ctx, r, a); },
              {Record::kCase, "id"}});
  router.Add({"POST",
              "/api/v1/cases/{id}/notes",
              Scope::kOffice,
              StaffRoles(),
              "Add an internal note (1-2000 characters) to a case of the caller's office; 201 "
              "with it. Notes are never changed or deleted. 422 case_note.empty or "
              "case_note.too_long.",
              DocWithJsonBody("casework", {"text"}, {{"text", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return AddNote(ctx, r, a); },
              {Record::kCase, "id"}});
  router.Add({"GET",
              "/api/v1/dashboard",
              Scope::kOffice,
              StaffRoles(),
              "The open staff tasks of the caller's office, counted by step and by due time on "
              "the office's working calendar: overdue, today, soon (within the next 3 working "
              "days), later, none; with the tasks themselves by due time (at most 2000).",
              {{"tags", {"casework"}}},
              [&ctx](HttpRequest& r, const Actor& a) { return GetDashboard(ctx, r, a); }});
}

}  // namespace jumys::http
