#pragma once
// Decision lists (docs/DECISION_LISTS.md): a step with `list: <name>` puts each case it
// completes on its office's open list of that name; the step's role submits the list; the
// role named by the later step's `decided_on_list: {list, by}` decides every item at once (an
// outcome of that step each, grounds for each refusal), in one transaction; the later step's
// role then records the decisions, completing each case's task with the list's outcome. The
// list keeps the decision; the audit log keeps who did what.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/case_model.h"
#include "engine/case_service.h"
#include "engine/decision_list_store.h"

namespace jumys {

struct DecisionListItem {
  DecisionListItemRow item;
  CaseRow kase;
  // The open task of the deciding step, 0 when the case is no longer there (moved, ended).
  std::int64_t task_id = 0;
};

struct DecisionListDetail {
  DecisionListRow list;
  std::string listing_step;   // the step that puts cases on the list (its role submits)
  std::string deciding_step;  // the step decided over the list (its role records)
  std::string deciding_ref;   // its item of the regulation ("3.1"), as messages name it
  Role submit_role = Role::kHead;
  Role decide_role = Role::kHead;
  Role record_role = Role::kHead;
  std::vector<std::string> outcomes;  // the outcomes the list may decide, positive first
  std::vector<DecisionListItem> items;
};

// The head's decision on one item: an outcome the list may decide; grounds when it refuses.
struct ItemDecision {
  std::int64_t case_id = 0;
  std::string outcome;
  std::vector<std::string> grounds;
};

// Called by the engine, in the completing transaction, when a step with `list:` completes:
// puts the case on the office's open list of that name (opening a new, numbered one when
// there is none) and returns the list's number for the case's history.
Expected<std::string> PutOnDecisionList(storage::Tx& tx, const ProcessDefinition& def,
                                        const Step& step, const CaseRow& kase, const Office& office,
                                        const std::string& by, Instant now,
                                        const nlohmann::json& data);

class DecisionListService {
 public:
  explicit DecisionListService(CaseService& cases) : cases_(cases) {}

  // The lists of these offices, newest first; `status` "" for every status.
  Expected<std::vector<DecisionListRow>> List(const std::vector<std::string>& offices,
                                              const std::string& status, int limit = 50);
  // 404 when there is no such list.
  Expected<DecisionListDetail> Load(std::int64_t id);
  // The router's scope check: the list's office. nullopt when there is none.
  Expected<std::optional<RecordOwner>> Owner(std::int64_t id);

  // open -> submitted, by the listing step's role at the list's office. 409 not open;
  // 422 decision_list.empty.
  Expected<DecisionListDetail> Submit(const Actor& actor, std::int64_t id);
  // submitted -> decided, by the deciding role, every item at once. 422 decision_list.invalid
  // naming each item left undecided, given an outcome the list may not decide, or refused
  // without grounds; 409 decision_list.stale naming each case no longer at the deciding step;
  // 409 decision_list.not_submitted / decision_list.already_decided. Nothing changes on error.
  Expected<DecisionListDetail> Decide(const Actor& actor, std::int64_t id,
                                      const std::vector<ItemDecision>& decisions);
  // Takes off an open or submitted list the cases no longer awaiting the deciding step (an
  // application withdrawn after it was listed), so the rest can be decided; by the listing or
  // the deciding role. 409 decision_list.none_stale when every case still awaits; 409 once
  // decided. Audited with the cases taken off.
  Expected<DecisionListDetail> DropStale(const Actor& actor, std::int64_t id);
  // decided -> recorded, by the deciding step's role: completes each case's task with the
  // list's outcome and grounds, all in one transaction. 409 as Decide for stale cases.
  Expected<DecisionListDetail> Record(const Actor& actor, std::int64_t id);

 private:
  Expected<DecisionListDetail> LoadIn(storage::Tx& tx, std::int64_t id);
  // 404 outside the list's office, 403 without `role` there (own or delegated).
  Status Allowed(storage::Tx& tx, const Actor& actor, const DecisionListRow& list, Role role,
                 Instant now) const;
  // 409 decision_list.stale naming the items whose case has left the deciding step.
  static Status NotStale(const DecisionListDetail& d);

  CaseService& cases_;
};

}  // namespace jumys
