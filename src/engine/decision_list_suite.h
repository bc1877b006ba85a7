#pragma once
// Decision lists through the engine, without HTTP, on a small test definition of their own:
// cases listed at one step, the list submitted, decided by the head in one action and recorded
// by the specialist. Include from one test file per binary and instantiate DecisionListSuite
// with a Backend.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/identifiers.h"
#include "engine/case_test_support.h"
#include "engine/decision_list_test_support.h"
#include "engine/decision_lists.h"
#include "engine/definition_test_support.h"

namespace jumys::testing {

class DecisionListSuite : public ::testing::TestWithParam<Backend> {
 protected:
  DecisionListSuite() {
    tree_.Definition("listed", "v1", kListedDefinition);
    tree_.Grounds("listed", kListedGrounds);
    engine_ = std::make_unique<EngineFixture>(GetParam(), tree_.processes(), tree_.reference());
    lists_ = std::make_unique<DecisionListService>(engine_->cases());
  }

  // A fresh valid BIN per call.
  std::string NextBin() {
    for (;;) {
      auto bin = AppendCheckDigit("15034000" + std::to_string(100 + next_bin_++));
      if (bin) return *bin;
    }
  }

  // Files a case at the city office and completes 2.5 with a remark: the case is listed.
  std::int64_t Listed(const std::string& remark) {
    CaseService::StartRequest r;
    r.process = "listed";
    r.channel = Channel::kOffice;
    r.applicant_bin = NextBin();
    auto id = engine_->cases().Start(engine_->As("clerk"), r);
    EXPECT_TRUE(id.has_value()) << id.error().message;
    if (!id) return 0;
    auto done = engine_->cases().Complete(
        engine_->As("employers"), engine_->OpenTask(*id, "check").id, "sent", {{"remark", remark}});
    EXPECT_TRUE(done.has_value()) << done.error().message;
    return *id;
  }

  std::int64_t OpenListId() {
    auto all = lists_->List({"kzo-city"}, kListOpen);
    EXPECT_TRUE(all.has_value());
    EXPECT_EQ(all->size(), 1u);
    return all->empty() ? 0 : all->front().id;
  }

  CaseRow Case(std::int64_t id) {
    auto d = engine_->cases().Load(id);
    EXPECT_TRUE(d.has_value());
    return d ? d->kase : CaseRow{};
  }

  std::int64_t Count(const std::string& table) {
    return QueryCount(engine_->db(), "SELECT COUNT(*) FROM " + table);
  }

  static std::vector<std::string> Details(const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.details) {
      std::string line = d.field + " " + d.key;
      for (const auto& [k, v] : d.params)
        if (k == "case") line += " " + v;
      out.push_back(line);
    }
    return out;
  }

  DefinitionTree tree_;
  std::unique_ptr<EngineFixture> engine_;
  std::unique_ptr<DecisionListService> lists_;
  int next_bin_ = 0;
};

using Lines = std::vector<std::string>;
using nlohmann::json;

TEST_P(DecisionListSuite, TheHeadDecidesTheWholeListAndTheSpecialistRecordsIt) {
  const std::int64_t a = Listed("Good employer");
  const std::int64_t b = Listed("");
  const std::int64_t c = Listed("Arrears last year");
  const std::int64_t id = OpenListId();
  auto open = lists_->Load(id);
  ASSERT_TRUE(open.has_value()) << open.error().message;
  EXPECT_EQ(open->list.number, "KZO-CITY-2026-L000001");
  EXPECT_EQ(open->list.status, "open");
  EXPECT_EQ(open->decide_role, Role::kHead);
  EXPECT_EQ(open->submit_role, Role::kEmployerSpecialist);
  EXPECT_EQ(open->outcomes, (Lines{"approved", "rejected"}));  // withdrawn is the case's own
  ASSERT_EQ(open->items.size(), 3u);
  EXPECT_EQ(open->items[0].kase.id, a);
  EXPECT_EQ(open->items[0].item.remark, "Good employer");
  EXPECT_EQ(open->items[2].item.position, 3);
  for (const auto& i : open->items) EXPECT_NE(i.task_id, 0) << "waits at 3.1";

  // 3.1 is not completed case by case: the list decides it.
  auto direct = engine_->cases().Complete(engine_->As("employers"), open->items[0].task_id,
                                          "approved", json::object());
  ASSERT_FALSE(direct);
  EXPECT_EQ(direct.error().key, "task.decided_on_list");
  EXPECT_EQ(direct.error().code, ErrorCode::kConflict);

  // Not decided before it is submitted; submitted by the specialist, not the head.
  const std::vector<ItemDecision> all_three = {
      {a, "approved", {}}, {b, "approved", {}}, {c, "rejected", {"requirements_not_met"}}};
  auto early = lists_->Decide(engine_->As("head"), id, all_three);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().key, "decision_list.not_submitted");
  auto by_head = lists_->Submit(engine_->As("head"), id);
  ASSERT_FALSE(by_head);
  EXPECT_EQ(by_head.error().code, ErrorCode::kForbidden);
  auto submitted = lists_->Submit(engine_->As("employers"), id);
  ASSERT_TRUE(submitted.has_value()) << submitted.error().message;
  EXPECT_EQ(submitted->list.status, "submitted");
  EXPECT_EQ(submitted->list.submitted_by, "employers");

  // A case listed now starts the next list.
  const std::int64_t d = Listed("Later");
  auto next = lists_->Load(OpenListId());
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->list.number, "KZO-CITY-2026-L000002");
  ASSERT_EQ(next->items.size(), 1u);
  EXPECT_EQ(next->items[0].kase.id, d);

  // Only the head decides.
  auto by_specialist = lists_->Decide(engine_->As("employers"), id, all_three);
  ASSERT_FALSE(by_specialist);
  EXPECT_EQ(by_specialist.error().key, "decision_list.role");

  // Incomplete and wrong: every problem named by its item; nothing changes.
  const auto audit_before = Count("audit_events");
  auto incomplete = lists_->Decide(engine_->As("head"), id,
                                   {{a, "approved", {}}, {c, "rejected", {}}, {d, "approved", {}}});
  ASSERT_FALSE(incomplete);
  EXPECT_EQ(incomplete.error().code, ErrorCode::kUnprocessable);
  EXPECT_EQ(incomplete.error().key, "decision_list.invalid");
  const std::string nb = Case(b).number, nc = Case(c).number;
  EXPECT_EQ(Details(incomplete.error()),
            (Lines{"decisions[2] decision_list.not_on_list",
                   "items[1] decision_list.item_undecided " + nb,
                   "items[2].grounds decision_list.needs_grounds " + nc}));
  auto bad_ground = lists_->Decide(
      engine_->As("head"), id,
      {{a, "approved", {"requirements_not_met"}}, {b, "withdrawn", {}}, {c, "rejected", {"x"}}});
  ASSERT_FALSE(bad_ground);
  EXPECT_EQ(Details(bad_ground.error()),
            (Lines{"items[0].grounds decision_list.grounds_not_refusal " + Case(a).number,
                   "items[1].outcome decision_list.outcome_unknown " + nb,
                   "items[2].grounds decision_list.ground_unknown " + nc}));
  auto still = lists_->Load(id);
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(still->list.status, "submitted");
  for (const auto& i : still->items) EXPECT_EQ(i.item.outcome, "");
  EXPECT_EQ(Count("audit_events"), audit_before);

  // The whole list in one action.
  auto decided = lists_->Decide(engine_->As("head"), id, all_three);
  ASSERT_TRUE(decided.has_value()) << decided.error().message;
  EXPECT_EQ(decided->list.status, "decided");
  EXPECT_EQ(decided->list.decided_by, "head");
  EXPECT_EQ(decided->items[0].item.outcome, "approved");
  EXPECT_EQ(decided->items[2].item.outcome, "rejected");
  EXPECT_EQ(decided->items[2].item.grounds, Lines{"requirements_not_met"});
  EXPECT_EQ(Count("audit_events"), audit_before + 1);
  // The cases themselves wait for the specialist to record it.
  EXPECT_TRUE(Case(c).open());

  auto twice = lists_->Decide(engine_->As("head"), id, all_three);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().key, "decision_list.already_decided");
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);

  auto record_by_head = lists_->Record(engine_->As("head"), id);
  ASSERT_FALSE(record_by_head);
  EXPECT_EQ(record_by_head.error().key, "decision_list.role");
  auto recorded = lists_->Record(engine_->As("employers"), id);
  ASSERT_TRUE(recorded.has_value()) << recorded.error().message;
  EXPECT_EQ(recorded->list.status, "recorded");
  EXPECT_EQ(recorded->list.recorded_by, "employers");

  EXPECT_NE(engine_->OpenTask(a, "follow_up").id, 0);
  EXPECT_NE(engine_->OpenTask(b, "follow_up").id, 0);
  const CaseRow refused = Case(c);
  EXPECT_EQ(refused.status, "refused");
  ASSERT_TRUE(refused.result.has_value());
  EXPECT_EQ(refused.result->grounds, Lines{"requirements_not_met"});
  // Each case's history names the list its decision came from, completed by the specialist.
  auto history = engine_->cases().Load(c);
  ASSERT_TRUE(history.has_value());
  bool named = false;
  for (const auto& t : history->tasks) {
    if (t.step == "decide") EXPECT_EQ(t.completed_by, "employers");
  }
  for (const auto& e : history->events) {
    if (e.action == "task.complete" &&
        e.data.find("\"decision_list\":\"KZO-CITY-2026-L000001\"") != std::string::npos)
      named = true;
  }
  EXPECT_TRUE(named);

  auto record_twice = lists_->Record(engine_->As("employers"), id);
  ASSERT_FALSE(record_twice);
  EXPECT_EQ(record_twice.error().key, "decision_list.already_recorded");
}

TEST_P(DecisionListSuite, ACaseWithdrawnAfterListingStopsTheDecisionUntilItIsTakenOff) {
  const std::int64_t a = Listed("");
  const std::int64_t b = Listed("");
  const std::int64_t c = Listed("");
  const std::int64_t id = OpenListId();
  ASSERT_TRUE(lists_->Submit(engine_->As("employers"), id).has_value());
  // The employer withdraws: a cancelling outcome stays the step's own.
  auto withdrawn = engine_->cases().Complete(
      engine_->As("employers"), engine_->OpenTask(c, "decide").id, "withdrawn", json::object());
  ASSERT_TRUE(withdrawn.has_value()) << withdrawn.error().message;
  EXPECT_EQ(Case(c).status, "cancelled");

  const auto audit_before = Count("audit_events");
  auto stale = lists_->Decide(
      engine_->As("head"), id,
      {{a, "approved", {}}, {b, "rejected", {"unreliable_documents"}}, {c, "approved", {}}});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(stale.error().key, "decision_list.stale");
  EXPECT_EQ(Details(stale.error()), Lines{"items[2] decision_list.case_moved " + Case(c).number});
  auto still = lists_->Load(id);
  ASSERT_TRUE(still.has_value());
  EXPECT_EQ(still->list.status, "submitted");
  for (const auto& i : still->items) EXPECT_EQ(i.item.outcome, "");
  EXPECT_EQ(Count("audit_events"), audit_before);
  EXPECT_TRUE(Case(a).open());
  EXPECT_TRUE(Case(b).open());

  // The withdrawn case taken off (by the specialist; the clerk may not), the rest is decided.
  auto not_theirs = lists_->DropStale(engine_->As("clerk"), id);
  ASSERT_FALSE(not_theirs);
  EXPECT_EQ(not_theirs.error().key, "decision_list.role");
  auto dropped = lists_->DropStale(engine_->As("employers"), id);
  ASSERT_TRUE(dropped.has_value()) << dropped.error().message;
  ASSERT_EQ(dropped->items.size(), 2u);
  EXPECT_EQ(dropped->items[0].kase.id, a);
  EXPECT_EQ(dropped->items[1].kase.id, b);
  EXPECT_EQ(Count("audit_events"), audit_before + 1);
  auto again = lists_->DropStale(engine_->As("head"), id);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "decision_list.none_stale");
  auto decided = lists_->Decide(engine_->As("head"), id,
                                {{a, "approved", {}}, {b, "rejected", {"unreliable_documents"}}});
  ASSERT_TRUE(decided.has_value()) << decided.error().message;
  EXPECT_EQ(decided->list.status, "decided");
  auto late = lists_->DropStale(engine_->As("employers"), id);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().key, "decision_list.already_decided");
}

TEST_P(DecisionListSuite, AnOutcomeThatEndsTheCaseListsNothing) {
  CaseService::StartRequest r;
  r.process = "listed";
  r.channel = Channel::kOffice;
  r.applicant_bin = NextBin();
  auto id = engine_->cases().Start(engine_->As("clerk"), r);
  ASSERT_TRUE(id.has_value()) << id.error().message;
  auto refused =
      engine_->cases().Complete(engine_->As("employers"), engine_->OpenTask(*id, "check").id,
                                "not_compliant", {{"grounds", {"requirements_not_met"}}});
  ASSERT_TRUE(refused.has_value()) << refused.error().message;
  EXPECT_EQ(Count("decision_list_items"), 0);
  EXPECT_EQ(Count("decision_lists"), 0);
}

TEST_P(DecisionListSuite, ListsStayInTheirOffice) {
  Listed("");
  const std::int64_t id = OpenListId();
  // The Aral office's head neither sees nor acts on the city's list.
  auto other = lists_->Submit(engine_->As("head2"), id);
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::kNotFound);
  auto aral = lists_->List({"kzo-aral"}, "");
  ASSERT_TRUE(aral.has_value());
  EXPECT_TRUE(aral->empty());
  auto missing = lists_->Load(id + 100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().key, "decision_list.not_found");
}

}  // namespace jumys::testing
