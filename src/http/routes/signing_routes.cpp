// Batch signing: the drafts awaiting the caller's EDS signature, for the /signing page, which
// signs each one and completes its task separately.
#include "engine/case_engine.h"
#include "http/api.h"
#include "http/case_json.h"
#include "http/json_io.h"

namespace jumys::http {

namespace {

const RoleSet kSigners = {Role::kOfficeClerk,        Role::kHead,
                          Role::kExecutor,           Role::kEmploymentSpecialist,
                          Role::kEmployerSpecialist, Role::kUnitHead,
                          Role::kCommissionMember,   Role::kCommissionSecretary};
// The queue read in one go; an office has far fewer open signing tasks.
constexpr int kQueueRead = 500;

// The outcome a signature alone completes the task with: a signing step that takes no data
// and appoints no one, its first offered outcome citing no grounds and taking no data.
// nullptr for a step that needs more than a signature (left to the case page).
const Outcome* SignOnlyOutcome(const Step& step, const std::optional<std::string>& decided_kind) {
  if (step.signers.empty() || step.assigns || !step.fields.fields.empty()) return nullptr;
  const auto offered = OfferedOutcomes(step, decided_kind);
  if (offered.empty()) return nullptr;
  const Outcome* first = offered.front();
  return first->requires_grounds || !first->fields.fields.empty() ? nullptr : first;
}

Expected<HttpResponse> ListDraftsToSign(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto queue, ctx.cases.Queue(actor, kQueueRead, std::nullopt));
  const Instant now = ctx.clock();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& q : queue) {
    auto def = ctx.processes.Find(q.process, q.version);
    const Step* step = def ? (*def)->FindStep(q.task.step) : nullptr;
    const Outcome* outcome = step ? SignOnlyOutcome(*step, q.decided_kind) : nullptr;
    if (!outcome) continue;
    items.push_back(
        {{"task", TaskJson(q.task, step, q.decided_kind, true, now, q.time_left)},
         {"case_id", q.task.case_id},
         {"case_number", q.case_number},
         {"process", q.process},
         {"process_title", LocalizedJson((*def)->title)},
         {"decided_kind",
          q.decided_kind ? nlohmann::json(*q.decided_kind) : nlohmann::json(nullptr)},
         {"outcome", outcome->id},
         {"documents_url", "/api/v1/tasks/" + std::to_string(q.task.id) + "/documents"}});
  }
  return JsonResponse(200, {{"items", items}});
}

}  // namespace

void AddSigningRoutes(Router& router, ApiContext& ctx) {
  router.Add(
      {"GET",
       "/api/v1/signing",
       Scope::kSelf,
       kSigners,
       "The drafts awaiting the caller's EDS signature: open tasks of their queue (their office "
       "and roles, not appointed to someone else) whose step a signature alone completes, by due "
       "time: {items: [{task, case_id, case_number, process, process_title: {kk, ru, en}, "
       "decided_kind, outcome, documents_url}]}. Each is signed and completed on its own: the "
       "drafts of documents_url, then POST /api/v1/tasks/{id}/complete with `outcome`. Signing "
       "steps that also take data or a choice are left to the case page.",
       {{"tags", {"tasks"}}},
       [&ctx](HttpRequest&, const Actor& a) { return ListDraftsToSign(ctx, a); }});
}

}  // namespace jumys::http
