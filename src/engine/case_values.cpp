#include "engine/case_values.h"

#include <algorithm>
#include <map>

#include "engine/case_store.h"
#include "storage/repositories/repositories.h"

namespace jumys {
namespace {

// Copies the keys `step` and `outcome` declare from a completion's data.
void AddDeclared(const Step& step, const Outcome* outcome, const nlohmann::json& data,
                 nlohmann::json& out) {
  if (!data.is_object()) return;
  for (const FieldList* list : {&step.fields, outcome ? &outcome->fields : nullptr}) {
    if (!list) continue;
    for (const Field& f : list->fields) {
      auto it = data.find(f.name);
      if (it != data.end() && !it->is_null()) out[f.name] = *it;
    }
  }
}

class StaffLogins {
 public:
  explicit StaffLogins(storage::Tx& tx) : tx_(tx) {}

  // true: `login` is a staff account. The system and applicants are not.
  Expected<bool> Is(const std::string& login) {
    if (login.empty() || login == kSystemActor) return false;
    if (auto it = known_.find(login); it != known_.end()) return it->second;
    JUMYS_ASSIGN_OR_RETURN(auto user, storage::FindUserByLogin(tx_, login));
    const bool staff = user && user->kind == "staff";
    known_.emplace(login, staff);
    return staff;
  }

 private:
  storage::Tx& tx_;
  std::map<std::string, bool> known_;
};

}  // namespace

Expected<CaseValues> CollectCaseValues(HookContext& ctx) {
  CaseValues out;
  if (ctx.kase.data.is_object()) {
    for (const Field& f : ctx.def.intake.fields.fields) {
      auto it = ctx.kase.data.find(f.name);
      if (it != ctx.kase.data.end() && !it->is_null()) out.application[f.name] = *it;
    }
  }
  StaffLogins staff(ctx.tx);
  JUMYS_ASSIGN_OR_RETURN(auto tasks, ListCaseTasks(ctx.tx, ctx.kase.id));
  std::stable_sort(tasks.begin(), tasks.end(), [](const TaskRow& a, const TaskRow& b) {
    return a.completed_at.value_or("") < b.completed_at.value_or("");
  });
  for (const TaskRow& t : tasks) {  // in the order they were completed: the latest wins
    if (t.open() || (ctx.task && t.id == ctx.task->id)) continue;
    JUMYS_ASSIGN_OR_RETURN(const bool by_staff, staff.Is(t.completed_by));
    if (!by_staff) continue;
    const Step* step = ctx.def.FindStep(t.step);
    if (!step) continue;
    AddDeclared(*step, step->FindOutcome(t.outcome), t.data, out.staff);
  }
  if (ctx.task && ctx.outcome) {
    JUMYS_ASSIGN_OR_RETURN(const bool by_staff, staff.Is(ctx.actor));
    const Step* step = ctx.def.FindStep(ctx.task->step);
    if (by_staff && step) AddDeclared(*step, ctx.outcome, ctx.data, out.staff);
  }
  return out;
}

}  // namespace jumys
