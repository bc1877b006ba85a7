#include "engine/decision_lists.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/acting.h"
#include "engine/case_results.h"
#include "engine/case_store.h"
#include "storage/audit_log.h"

namespace jumys {
namespace {

// The specialist's remark shown on the list: the listing completion's `remark`, else the
// latest `remark` completed on the case (P2 enters it at 2.3, lists at 2.5).
Expected<std::string> Remark(storage::Tx& tx, std::int64_t case_id, const nlohmann::json& data) {
  const auto text = [](const nlohmann::json& d) -> std::optional<std::string> {
    auto it = d.find("remark");
    if (it != d.end() && it->is_string()) return it->get<std::string>();
    return std::nullopt;
  };
  if (auto r = text(data)) return *r;
  JUMYS_ASSIGN_OR_RETURN(auto tasks, ListCaseTasks(tx, case_id));
  for (auto it = tasks.rbegin(); it != tasks.rend(); ++it) {
    if (auto r = text(it->data); r && !it->open()) return *r;
  }
  return std::string();
}

Error NotFoundList() {
  return Error::NotFound("decision_list.not_found"_msg, "no such decision list");
}

Error WrongStatus(const DecisionListRow& list, const char* wanted) {
  if (list.status == kListDecided || list.status == kListRecorded) {
    return Error::Conflict("decision_list.already_decided"_msg, "list {number} is already decided",
                           {{"number", list.number}});
  }
  if (std::string(wanted) == kListDecided) {
    return Error::Conflict("decision_list.not_decided"_msg, "list {number} is not decided yet",
                           {{"number", list.number}});
  }
  if (std::string(wanted) == kListSubmitted) {
    return Error::Conflict("decision_list.not_submitted"_msg,
                           "list {number} has not been submitted", {{"number", list.number}});
  }
  return Error::Conflict("decision_list.not_open"_msg, "list {number} is no longer open",
                         {{"number", list.number}});
}

std::string ItemField(std::size_t i) { return "items[" + std::to_string(i) + "]"; }

// Moves the list on from `from` to `to` (refused if another writer moved it first) and audits
// the move as `action`, with the list's number added to `detail`.
Status MoveAndAudit(storage::Tx& tx, const DecisionListRow& list, const char* from, const char* to,
                    const Actor& actor, const std::string& at, const char* action,
                    nlohmann::json detail) {
  JUMYS_ASSIGN_OR_RETURN(auto moved, MoveDecisionList(tx, list.id, from, to, actor.login, at));
  if (!moved) return WrongStatus(list, from);
  detail["number"] = list.number;
  return storage::AppendAudit(tx, {at, actor.login, action, "decision_list",
                                   std::to_string(list.id), list.office_id, std::move(detail)});
}

}  // namespace

Expected<std::string> PutOnDecisionList(storage::Tx& tx, const ProcessDefinition& def,
                                        const Step& step, const CaseRow& kase, const Office& office,
                                        const std::string& by, Instant now,
                                        const nlohmann::json& data) {
  const std::string at = FormatRfc3339(now);
  JUMYS_ASSIGN_OR_RETURN(auto open, FindOpenDecisionList(tx, kase.office_id, def.code, step.list));
  DecisionListRow list;
  if (open) {
    list = std::move(*open);
  } else {
    JUMYS_ASSIGN_OR_RETURN(list.number, NextOfficeNumber(tx, office, now, "decision_list", "L"));
    list.office_id = kase.office_id;
    list.process = def.code;
    list.version = def.version;
    list.list_name = step.list;
    list.created_at = at;
    JUMYS_ASSIGN_OR_RETURN(list.id, InsertDecisionList(tx, list));
  }
  JUMYS_ASSIGN_OR_RETURN(auto items, ListDecisionListItems(tx, list.id));
  for (const auto& i : items)
    if (i.case_id == kase.id) return list.number;  // listed again on a loop back: once
  DecisionListItemRow item;
  item.list_id = list.id;
  item.case_id = kase.id;
  item.position = static_cast<int>(items.size()) + 1;
  item.added_at = at;
  item.added_by = by;
  JUMYS_ASSIGN_OR_RETURN(item.remark, Remark(tx, kase.id, data));
  JUMYS_TRY(InsertDecisionListItem(tx, item));
  return list.number;
}

Expected<std::vector<DecisionListRow>> DecisionListService::List(
    const std::vector<std::string>& offices, const std::string& status, int limit) {
  std::vector<DecisionListRow> out;
  JUMYS_TRY(cases_.db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, ListDecisionLists(tx, offices, status, limit));
    return {};
  }));
  return out;
}

Expected<DecisionListDetail> DecisionListService::Load(std::int64_t id) {
  DecisionListDetail out;
  JUMYS_TRY(cases_.db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, LoadIn(tx, id));
    return {};
  }));
  return out;
}

Expected<std::optional<RecordOwner>> DecisionListService::Owner(std::int64_t id) {
  std::optional<RecordOwner> owner;
  JUMYS_TRY(cases_.db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto list, FindDecisionList(tx, id));
    if (list) owner = RecordOwner{{list->office_id}, "", "", ""};
    return {};
  }));
  return owner;
}

Expected<DecisionListDetail> DecisionListService::LoadIn(storage::Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(auto list, FindDecisionList(tx, id));
  if (!list) return NotFoundList();
  JUMYS_ASSIGN_OR_RETURN(auto def, cases_.DefinitionOf(list->process, list->version));
  DecisionListDetail d;
  const Step* listing = nullptr;
  const Step* deciding = nullptr;
  for (const auto& s : def->steps) {
    if (!listing && s.list == list->list_name) listing = &s;
    if (!deciding && s.decided_on_list && s.decided_on_list->list == list->list_name) deciding = &s;
  }
  if (!listing || !deciding || !listing->role || !deciding->role) {
    return Error::Internal(def->code + " does not list or decide '" + list->list_name + "'");
  }
  d.listing_step = listing->id;
  d.deciding_step = deciding->id;
  d.deciding_ref = deciding->ref;
  d.submit_role = *listing->role;
  d.record_role = *deciding->role;
  d.decide_role = deciding->decided_on_list->by;
  for (const auto& o : deciding->outcomes)
    if (deciding->ListDecides(o)) d.outcomes.push_back(o.id);
  JUMYS_ASSIGN_OR_RETURN(auto items, ListDecisionListItems(tx, id));
  std::vector<std::int64_t> ids;
  for (const auto& i : items) ids.push_back(i.case_id);
  JUMYS_ASSIGN_OR_RETURN(auto cases, FindCases(tx, ids));
  std::map<std::int64_t, CaseRow> by_id;
  for (auto& c : cases) by_id.emplace(c.id, std::move(c));
  for (auto& i : items) {
    DecisionListItem item;
    auto it = by_id.find(i.case_id);
    if (it == by_id.end()) return Error::Internal("listed case " + std::to_string(i.case_id));
    item.kase = it->second;
    if (item.kase.open()) {
      JUMYS_ASSIGN_OR_RETURN(auto tasks, ListCaseTasks(tx, i.case_id));
      for (const auto& t : tasks)
        if (t.open() && t.step == deciding->id) item.task_id = t.id;
    }
    item.item = std::move(i);
    d.items.push_back(std::move(item));
  }
  d.list = std::move(*list);
  return d;
}

Status DecisionListService::Allowed(storage::Tx& tx, const Actor& actor,
                                    const DecisionListRow& list, Role role, Instant now) const {
  if (actor.applicant || actor.office_id != list.office_id) return NotFoundList();
  JUMYS_ASSIGN_OR_RETURN(const Actor effective,
                         WithDelegatedRoles(tx, actor, cases_.offices(), now));
  if (!effective.roles.Has(role)) {
    return Error::Forbidden("decision_list.role"_msg, "only the office's {role} may do this",
                            {{"role", RoleName(role)}});
  }
  return {};
}

Status DecisionListService::NotStale(const DecisionListDetail& d) {
  std::vector<ErrorDetail> details;
  for (std::size_t i = 0; i < d.items.size(); ++i) {
    const auto& item = d.items[i];
    if (item.task_id != 0) continue;
    details.emplace_back(ItemField(i), "decision_list.case_moved"_msg,
                         "case {case} is no longer at step {step}",
                         MessageParams{{"case", item.kase.number}, {"step", d.deciding_ref}});
  }
  if (details.empty()) return {};
  return Error::Make(ErrorCode::kConflict, "decision_list.stale"_msg,
                     "{count} case(s) on the list are no longer awaiting its decision",
                     {{"count", std::to_string(details.size())}}, std::move(details));
}

Expected<DecisionListDetail> DecisionListService::Submit(const Actor& actor, std::int64_t id) {
  const Instant now = cases_.Now();
  JUMYS_TRY(cases_.writer_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto d, LoadIn(tx, id));
    JUMYS_TRY(Allowed(tx, actor, d.list, d.submit_role, now));
    if (d.list.status != kListOpen) return WrongStatus(d.list, kListOpen);
    if (d.items.empty()) {
      return Error::Unprocessable("decision_list.empty"_msg, "list {number} has no cases",
                                  {{"number", d.list.number}});
    }
    const std::string at = FormatRfc3339(now);
    std::vector<std::int64_t> cases;
    for (const auto& i : d.items) cases.push_back(i.kase.id);
    return MoveAndAudit(tx, d.list, kListOpen, kListSubmitted, actor, at, "decision_list.submit",
                        {{"cases", cases}});
  }));
  return Load(id);
}

Expected<DecisionListDetail> DecisionListService::Decide(
    const Actor& actor, std::int64_t id, const std::vector<ItemDecision>& decisions) {
  const Instant now = cases_.Now();
  JUMYS_TRY(cases_.writer_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto d, LoadIn(tx, id));
    JUMYS_TRY(Allowed(tx, actor, d.list, d.decide_role, now));
    if (d.list.status != kListSubmitted) return WrongStatus(d.list, kListSubmitted);
    JUMYS_ASSIGN_OR_RETURN(auto def, cases_.DefinitionOf(d.list.process, d.list.version));
    const Step* step = def->FindStep(d.deciding_step);

    // Every problem of the decision at once, each naming its item.
    std::vector<ErrorDetail> details;
    std::map<std::int64_t, const ItemDecision*> given;
    std::set<std::int64_t> listed;
    for (const auto& i : d.items) listed.insert(i.kase.id);
    for (std::size_t k = 0; k < decisions.size(); ++k) {
      const auto& dec = decisions[k];
      const std::string field = "decisions[" + std::to_string(k) + "]";
      if (!listed.count(dec.case_id)) {
        details.emplace_back(field, "decision_list.not_on_list"_msg,
                             "case {case_id} is not on the list",
                             MessageParams{{"case_id", std::to_string(dec.case_id)}});
      } else if (!given.emplace(dec.case_id, &dec).second) {
        details.emplace_back(field, "decision_list.decided_twice"_msg,
                             "case {case_id} is decided twice",
                             MessageParams{{"case_id", std::to_string(dec.case_id)}});
      }
    }
    for (std::size_t i = 0; i < d.items.size(); ++i) {
      const CaseRow& kase = d.items[i].kase;
      const std::string field = ItemField(i);
      auto it = given.find(kase.id);
      if (it == given.end() || it->second->outcome.empty()) {
        details.emplace_back(field, "decision_list.item_undecided"_msg,
                             "case {case} has no decision", MessageParams{{"case", kase.number}});
        continue;
      }
      const ItemDecision& dec = *it->second;
      const Outcome* o = step->FindOutcome(dec.outcome);
      if (!o || !step->ListDecides(*o)) {
        details.emplace_back(field + ".outcome", "decision_list.outcome_unknown"_msg,
                             "case {case}: '{outcome}' is not a decision of this list",
                             MessageParams{{"case", kase.number}, {"outcome", dec.outcome}});
        continue;
      }
      if (!o->requires_grounds) {
        if (!dec.grounds.empty()) {
          details.emplace_back(field + ".grounds", "decision_list.grounds_not_refusal"_msg,
                               "case {case}: grounds are cited only for a refusal",
                               MessageParams{{"case", kase.number}});
        }
        continue;
      }
      if (dec.grounds.empty()) {
        details.emplace_back(field + ".grounds", "decision_list.needs_grounds"_msg,
                             "case {case}: a refusal cites at least one ground",
                             MessageParams{{"case", kase.number}});
      }
      for (const auto& code : dec.grounds) {
        const RefusalGround* g = def->FindGround(code);
        if (!g || g->result_kind != o->decides->kind) {
          details.emplace_back(field + ".grounds", "decision_list.ground_unknown"_msg,
                               "case {case}: '{ground}' is not a ground for this refusal",
                               MessageParams{{"case", kase.number}, {"ground", code}});
        }
      }
    }
    if (!details.empty()) {
      return Error::Make(ErrorCode::kUnprocessable, "decision_list.invalid"_msg,
                         "the decision on list {number} is incomplete or wrong",
                         {{"number", d.list.number}}, std::move(details));
    }
    JUMYS_TRY(NotStale(d));

    const std::string at = FormatRfc3339(now);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : d.items) {
      const ItemDecision& dec = *given.at(i.kase.id);
      std::vector<std::string> grounds;
      for (const auto& g : dec.grounds)
        if (std::find(grounds.begin(), grounds.end(), g) == grounds.end()) grounds.push_back(g);
      JUMYS_TRY(SetDecisionListItem(tx, id, i.kase.id, dec.outcome, grounds));
      items.push_back({{"case", i.kase.id}, {"outcome", dec.outcome}, {"grounds", grounds}});
    }
    return MoveAndAudit(tx, d.list, kListSubmitted, kListDecided, actor, at, "decision_list.decide",
                        {{"items", items}});
  }));
  return Load(id);
}

Expected<DecisionListDetail> DecisionListService::DropStale(const Actor& actor, std::int64_t id) {
  const Instant now = cases_.Now();
  JUMYS_TRY(cases_.writer_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto d, LoadIn(tx, id));
    if (!Allowed(tx, actor, d.list, d.submit_role, now)) {
      JUMYS_TRY(Allowed(tx, actor, d.list, d.decide_role, now));
    }
    if (d.list.status != kListOpen && d.list.status != kListSubmitted) {
      return WrongStatus(d.list, kListSubmitted);
    }
    std::vector<std::int64_t> dropped;
    for (const auto& i : d.items) {
      if (i.task_id != 0) continue;
      JUMYS_TRY(RemoveDecisionListItem(tx, id, i.kase.id));
      dropped.push_back(i.kase.id);
    }
    if (dropped.empty()) {
      return Error::Conflict("decision_list.none_stale"_msg,
                             "every case on list {number} still awaits its decision",
                             {{"number", d.list.number}});
    }
    return storage::AppendAudit(tx, {FormatRfc3339(now),
                                     actor.login,
                                     "decision_list.drop_stale",
                                     "decision_list",
                                     std::to_string(id),
                                     d.list.office_id,
                                     {{"number", d.list.number}, {"cases", dropped}}});
  }));
  return Load(id);
}

Expected<DecisionListDetail> DecisionListService::Record(const Actor& actor, std::int64_t id) {
  const Instant now = cases_.Now();
  JUMYS_TRY(cases_.writer_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto d, LoadIn(tx, id));
    JUMYS_TRY(Allowed(tx, actor, d.list, d.record_role, now));
    if (d.list.status != kListDecided) {
      if (d.list.status == kListRecorded) {
        return Error::Conflict("decision_list.already_recorded"_msg,
                               "list {number} is already recorded", {{"number", d.list.number}});
      }
      return WrongStatus(d.list, kListDecided);
    }
    JUMYS_TRY(NotStale(d));
    for (const auto& i : d.items) {
      nlohmann::json data = nlohmann::json::object();
      if (!i.item.grounds.empty()) data["grounds"] = i.item.grounds;
      JUMYS_ASSIGN_OR_RETURN(auto done, cases_.CompleteIn(tx, actor, i.task_id, i.item.outcome,
                                                          data, {}, now, &d.list.number));
      (void)done;
    }
    const std::string at = FormatRfc3339(now);
    return MoveAndAudit(tx, d.list, kListDecided, kListRecorded, actor, at, "decision_list.record",
                        nlohmann::json::object());
  }));
  return Load(id);
}

}  // namespace jumys
