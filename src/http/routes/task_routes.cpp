// Tasks: the caller's work queue, and completing a task with an outcome.
#include <map>

#include "http/api.h"
#include "http/case_json.h"
#include "http/document_http.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "security/account_admin.h"
#include "services/registry/registry_service.h"

namespace jumys::http {

namespace {

const RoleSet kStaff = {
    Role::kOfficeClerk,         Role::kHead,     Role::kExecutor, Role::kEmploymentSpecialist,
    Role::kEmployerSpecialist,  Role::kUnitHead, Role::kAnalyst,  Role::kCommissionMember,
    Role::kCommissionSecretary, Role::kAdmin};
// Staff complete tasks; an applicant answers a step that waits for them.
const RoleSet kCompleters = {Role::kOfficeClerk,        Role::kHead,
                             Role::kExecutor,           Role::kEmploymentSpecialist,
                             Role::kEmployerSpecialist, Role::kUnitHead,
                             Role::kCommissionMember,   Role::kCommissionSecretary,
                             Role::kJobSeeker,          Role::kEmployer};
constexpr int kDefaultQueue = 100;
constexpr int kMaxQueue = 500;

// "<due_at>/<id>" of the last task of a page.
Expected<std::optional<std::pair<std::string, std::int64_t>>> QueueCursor(
    const HttpRequest& request) {
  auto text = request.Query("cursor");
  if (!text || text->empty()) return std::optional<std::pair<std::string, std::int64_t>>{};
  const auto bad_cursor = [] {
    return FieldError(ErrorCode::kInvalidInput, "cursor", "field.bad_cursor"_msg,
                      "is not the next_cursor of a page");
  };
  const auto slash = text->rfind('/');
  if (slash == std::string::npos || !ParseRfc3339(text->substr(0, slash))) return bad_cursor();
  HttpRequest id_holder;
  id_holder.query["id"] = text->substr(slash + 1);
  auto id = QueryId(id_holder, "id");
  if (!id || *id == 0) return bad_cursor();
  return std::optional<std::pair<std::string, std::int64_t>>{
      std::make_pair(text->substr(0, slash), *id)};
}

Expected<HttpResponse> ListTasks(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto limit, QueryLimit(request, kDefaultQueue, kMaxQueue));
  JUMYS_ASSIGN_OR_RETURN(auto after, QueueCursor(request));
  JUMYS_ASSIGN_OR_RETURN(auto queue, ctx.cases.Queue(actor, limit, after));
  const Instant now = ctx.clock();
  // The applicant of each task's case by name, so the queue reads as people, not numbers.
  std::map<std::int64_t, std::pair<std::string, std::string>> applicants;  // case -> iin, bin
  std::vector<std::string> iins, bins;
  for (const auto& q : queue) {
    if (applicants.count(q.task.case_id)) continue;
    JUMYS_ASSIGN_OR_RETURN(auto owner, ctx.cases.CaseOwner(q.task.case_id));
    if (!owner) continue;
    applicants[q.task.case_id] = {owner->iin, owner->bin};
    (owner->iin.empty() ? bins : iins).push_back(owner->iin.empty() ? owner->bin : owner->iin);
  }
  std::map<std::string, std::string> names;
  if (ctx.registry) {
    JUMYS_ASSIGN_OR_RETURN(names, ctx.registry->NamesOf(iins, bins));
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& q : queue) {
    auto def = ctx.processes.Find(q.process, q.version);
    const Step* step = def ? (*def)->FindStep(q.task.step) : nullptr;
    nlohmann::json j = TaskJson(q.task, step, q.decided_kind, true, now, q.time_left);
    j["case_number"] = q.case_number;
    j["process"] = q.process;
    const auto& [iin, bin] = applicants[q.task.case_id];
    const auto name = names.find(iin.empty() ? bin : iin);
    j["applicant_name"] =
        name != names.end() ? nlohmann::json(name->second) : nlohmann::json(nullptr);
    out.push_back(std::move(j));
  }
  HttpResponse response = JsonResponse(200, out);
  if (static_cast<int>(queue.size()) == limit) {
    const auto& last = queue.back().task;
    response.headers.emplace_back("X-Next-Cursor", last.due_at + "/" + std::to_string(last.id));
  }
  return response;
}

Expected<HttpResponse> CompleteTask(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto task_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto outcome, RequiredString(body, "outcome", 100));
  nlohmann::json data = nlohmann::json::object();
  if (auto d = body.find("data"); d != body.end() && !d->is_null()) {
    if (!d->is_object()) {
      return FieldError(ErrorCode::kInvalidInput, "data", "field.not_object"_msg,
                        "must be an object");
    }
    data = *d;
  }
  JUMYS_ASSIGN_OR_RETURN(auto signature, OptionalString(body, "signature", 64 * 1024));
  TaskSignatures signatures(signature.value_or(""));
  if (auto many = body.find("signatures"); many != body.end() && !many->is_null()) {
    // One per document a step signs (GET /api/v1/tasks/{id}/documents), by kind.
    if (!many->is_object() || many->size() > 8 || signature) {
      return FieldError(ErrorCode::kInvalidInput, "signatures", "task.signatures_shape"_msg,
                        "must be an object of base64 signatures by document kind, without "
                        "'signature'");
    }
    for (const auto& [kind, value] : many->items()) {
      if (kind.empty() || kind.size() > 64 || !value.is_string() ||
          value.get_ref<const std::string&>().empty() ||
          value.get_ref<const std::string&>().size() > 64 * 1024) {
        return FieldError(ErrorCode::kInvalidInput, "signatures", "task.signatures_shape"_msg,
                          "must be an object of base64 signatures by document kind, without "
                          "'signature'");
      }
      signatures.by_kind[kind] = value.get<std::string>();
    }
  }
  JUMYS_ASSIGN_OR_RETURN(auto detail,
                         ctx.cases.Complete(actor, task_id, outcome, data, signatures));
  auto def = ctx.processes.Find(detail.kase.process, detail.kase.version);
  nlohmann::json j = CaseDetailJson(detail, def ? def->get() : nullptr, ctx.clock());
  JUMYS_TRY(MarkResultAvailability(ctx, j));
  return CaseResponseFor(actor, 200, std::move(j), detail.events);
}

// Whom the head may hand the task to: the active holders of its role at its office, the one
// it is assigned to now marked.
Expected<HttpResponse> ListAssignees(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto task_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto task, ctx.cases.ReassignableTask(actor, task_id));
  JUMYS_ASSIGN_OR_RETURN(auto staff,
                         ctx.account_admin->ListStaff(actor, task.office_id, RoleName(*task.role)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : staff) {
    items.push_back(
        {{"login", u.login}, {"full_name", u.full_name}, {"current", u.login == task.assignee}});
  }
  return JsonResponse(200, {{"task", task.id},
                            {"role", RoleName(*task.role)},
                            {"assignee", task.assignee.empty() ? nlohmann::json(nullptr)
                                                               : nlohmann::json(task.assignee)},
                            {"items", items}});
}

Expected<HttpResponse> ReassignTask(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto task_id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto assignee, RequiredString(body, "assignee", 40));
  JUMYS_ASSIGN_OR_RETURN(auto reason, OptionalString(body, "reason", 500));
  JUMYS_ASSIGN_OR_RETURN(auto detail,
                         ctx.cases.Reassign(actor, task_id, assignee, reason.value_or("")));
  auto def = ctx.processes.Find(detail.kase.process, detail.kase.version);
  nlohmann::json j = CaseDetailJson(detail, def ? def->get() : nullptr, ctx.clock());
  JUMYS_TRY(MarkResultAvailability(ctx, j));
  return CaseResponseFor(actor, 200, std::move(j), detail.events);
}

nlohmann::json CompleteDoc() {
  const nlohmann::json data = {
      {"type", "object"},
      {"properties",
       {{"assignee",
         {{"type", "string"}, {"description", "a step that appoints: login of the appointee"}}},
        {"grounds",
         {{"type", "array"},
          {"items", {{"type", "string"}}},
          {"description", "a refusal: ground codes (GET /api/v1/refusal-grounds)"}}}}}};
  const nlohmann::json signature = {
      {"type", "string"},
      {"contentEncoding", "base64"},
      {"description",
       "a step with signature_required: the signer's EDS signature (CMS detached, DER, base64) "
       "over the exact bytes of GET /api/v1/tasks/{id}/document; the certificate's IIN must be "
       "the signing account's. 422 naming the reason when it does not verify."}};
  const nlohmann::json signatures = {
      {"type", "object"},
      {"additionalProperties", {{"type", "string"}, {"contentEncoding", "base64"}}},
      {"description",
       "a step signing several documents (GET /api/v1/tasks/{id}/documents): one EDS signature "
       "per document kind, each over the bytes of GET /api/v1/tasks/{id}/document?kind=<kind>; "
       "each is verified and kept with its document. Not together with 'signature'."}};
  return DocWithJsonBody("tasks", {"outcome"},
                         {{"outcome", {{"type", "string"}}},
                          {"data", data},
                          {"signature", signature},
                          {"signatures", signatures}});
}

}  // namespace

void AddTaskRoutes(Router& router, ApiContext& ctx) {
  RoleSet queue_roles = kStaff;
  queue_roles.Add(Role::kJobSeeker);
  queue_roles.Add(Role::kEmployer);
  router.Add(
      {"GET",
       "/api/v1/tasks",
       Scope::kSelf,
       queue_roles,
       "The caller's work queue: open tasks of their roles at their office (those "
       "appointed to someone else left out), by due time. An applicant's: the open steps of "
       "their own cases that they work in the cabinet (role employer for any account of the "
       "case's employer, job_seeker for the person). Paging: limit (1-500, default "
       "100) and cursor from the X-Next-Cursor header. Each task carries the fields its "
       "completion takes and its working_minutes_left and urgency.",
       {{"tags", {"tasks"}},
        {"responses",
         {{"200",
           {{"description", "the queue"},
            {"content",
             {{"application/json",
               {{"schema",
                 {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Task"}}}}}}}}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ListTasks(ctx, r, a); }});
  router.Add(
      {"POST",
       "/api/v1/tasks/{id}/complete",
       Scope::kOffice,
       kCompleters,
       "Complete a task with one of its outcomes; 200 with the case. 403 wrong role, office or "
       "appointee; 409 no longer open; 422 an outcome not offered or data rejected.",
       CompleteDoc(),
       [&ctx](HttpRequest& r, const Actor& a) { return CompleteTask(ctx, r, a); },
       {Record::kTask, "id"}});
  // Every staff role: an acting head holds `head` only by a delegation, which the service checks.
  router.Add(
      {"GET",
       "/api/v1/tasks/{id}/assignees",
       Scope::kOffice,
       StaffRoles(),
       "Whom the head (or acting head) of the task's office may reassign an open task to: the "
       "active holders of its role there. 403 task.reassign_by_head for anyone else, 409 no "
       "longer open, 422 a step no member of staff works.",
       {{"tags", {"tasks"}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ListAssignees(ctx, r, a); },
       {Record::kTask, "id"}});
  router.Add(
      {"POST",
       "/api/v1/tasks/{id}/reassign",
       Scope::kOffice,
       StaffRoles(),
       "The head (or acting head) of the task's office hands an open task to another active "
       "holder of its role there (the case's appointee for the role follows); 200 with the "
       "case. 403 task.reassign_by_head; 409 no longer open or assigned to them already; 422 "
       "not a holder of the role.",
       DocWithJsonBody("tasks", {"assignee"},
                       {{"assignee", {{"type", "string"}}},
                        {"reason", {{"type", "string"}, {"maxLength", 500}}}}),
       [&ctx](HttpRequest& r, const Actor& a) { return ReassignTask(ctx, r, a); },
       {Record::kTask, "id"}});
}

}  // namespace jumys::http
