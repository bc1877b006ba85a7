#pragma once
// CommissionService's rules without HTTP, on both stores: the demo data (oblast office
// kzo-oblast; secretary `commission`, member `member`, `admin`) with its commission. Include
// from one test file per binary and instantiate CommissionServiceSuite with a Backend.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/case_store.h"
#include "services/commission/commission_service.h"
#include "services/commission/commission_store.h"
#include "services/testing/demo_store.h"
#include "storage/repositories/repositories.h"

namespace jumys::commission {

class CommissionServiceSuite : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    service_ = std::make_unique<CommissionService>(*db_, offices_, [this] { return now_; });
    auto visible = service_->Visible(As("admin"));
    ASSERT_TRUE(visible.has_value()) << visible.error().message;
    ASSERT_EQ(visible->size(), 1u) << "the demo commission";
    demo_commission_ = visible->front().id;
  }

  static void Must(const Status& s, const char* what) {
    if (!s) throw std::runtime_error(std::string(what) + ": " + s.error().message);
  }

  // The signed-in account as the API would resolve it.
  Actor As(const std::string& login) { return store_.As(login); }

  void AddStaff(const std::string& login, const std::string& office, const std::string& roles,
                bool active = true) {
    store_.AddStaff(login, office, roles, active);
  }

  // A permit case of the oblast office with its employer and application data.
  std::int64_t AddCase(const std::string& number, const std::string& bin, int workers) {
    CaseRow c;
    c.number = number;
    c.process = "foreign-labour-permit";
    c.version = "1";
    c.office_id = "kzo-oblast";
    c.applicant_bin = bin;
    c.data = {{"category", 3}, {"workers", workers}};
    c.created_by = "oblast-clerk";
    c.created_at = c.updated_at = FormatRfc3339(now_);
    std::int64_t id = 0;
    Must(db_->Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(id, InsertCase(tx, c));
      return {};
    }),
         "add case");
    return id;
  }

  std::int64_t CallMeeting(std::int64_t commission_id, const std::string& day) {
    auto m = service_->CallMeeting(As("admin"), commission_id, *ParseDate(day));
    if (!m) throw std::runtime_error("meeting: " + m.error().message);
    return m->id;
  }

  void PutOnAgenda(std::int64_t case_id, std::int64_t meeting_id) {
    Must(db_->Write([&](storage::Tx& tx) -> Status {
      return AddToAgenda(tx, case_id, meeting_id, FormatRfc3339(now_));
    }),
         "agenda");
  }

  void Recommend(std::int64_t case_id, const std::string& recommendation) {
    Must(db_->Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          auto recorded, RecordRecommendation(tx, case_id, recommendation, "reasons", "commission",
                                              FormatRfc3339(now_)));
      if (!recorded) return Error::Internal("not recorded");
      return {};
    }),
         "recommendation");
  }

  std::vector<testing::AuditRow> Audit(const std::string& action) { return store_.Audit(action); }

  // 2026-11-23 10:00 in Kyzylorda (UTC+5), a Monday.
  Instant now_{std::chrono::seconds(testing::kHarnessMonday10Local)};
  testing::DemoStore store_{GetParam(), now_};
  storage::Database* db_ = &store_.db();
  OfficeDirectory& offices_ = store_.offices();
  std::unique_ptr<CommissionService> service_;
  std::int64_t demo_commission_ = 0;
};

#define EXPECT_ERROR(expr, error_code, text)                                                     \
  do {                                                                                           \
    auto result_ = (expr);                                                                       \
    ASSERT_FALSE(result_.has_value()) << #expr " succeeded";                                     \
    EXPECT_EQ(result_.error().code, ErrorCode::error_code) << result_.error().message;           \
    EXPECT_NE(result_.error().message.find(text), std::string::npos) << result_.error().message; \
  } while (false)

TEST_P(CommissionServiceSuite, AnAdministratorSetsUpACommissionAndItIsAudited) {
  AddStaff("member2", "kzo-oblast", "commission_member");
  auto c = service_->Create(As("admin"), {"ICT review", "commission", {"member2", "member"}});
  ASSERT_TRUE(c.has_value()) << c.error().message;
  EXPECT_GT(c->id, demo_commission_);
  EXPECT_EQ(c->office_id, "kzo-oblast");
  EXPECT_EQ(c->members, (std::vector<std::string>{"member", "member2"})) << "sorted";
  EXPECT_EQ(c->created_at, "2026-11-23T05:00:00Z");
  auto events = Audit("commission.create");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].actor, "admin");
  EXPECT_EQ(events[0].entity, "commission");
  EXPECT_EQ(events[0].entity_id, std::to_string(c->id));
  EXPECT_EQ(events[0].office_id, "kzo-oblast");
  EXPECT_EQ(events[0].data, CommissionJson(*c));
  auto stored = service_->Visible(As("admin"));
  ASSERT_TRUE(stored.has_value());
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ(stored->back().name, "ICT review");
  EXPECT_EQ(stored->back().members, c->members);
}

TEST_P(CommissionServiceSuite, OnlyActiveStaffOfTheOblastOfficeHoldingTheRoleTakeASeat) {
  AddStaff("city-member", "kzo-city", "commission_member");
  AddStaff("gone-member", "kzo-oblast", "commission_member", /*active=*/false);
  const Actor admin = As("admin");
  EXPECT_ERROR(service_->Create(admin, {"x", "commission", {"city-member"}}), kUnprocessable,
               "'city-member' is not an active commission_member of kzo-oblast");
  EXPECT_ERROR(service_->Create(admin, {"x", "commission", {"oblast-executor"}}), kUnprocessable,
               "'oblast-executor' is not an active commission_member");
  EXPECT_ERROR(service_->Create(admin, {"x", "member", {"member"}}), kUnprocessable,
               "'member' is not an active commission_secretary");
  EXPECT_ERROR(service_->Create(admin, {"x", "commission", {"gone-member"}}), kUnprocessable,
               "'gone-member'");
  EXPECT_ERROR(service_->Create(admin, {"x", "commission", {"employer"}}), kUnprocessable,
               "'employer'");
  EXPECT_ERROR(service_->Create(admin, {"x", "commission", {"nobody"}}), kUnprocessable,
               "'nobody'");
  // A refused seat writes nothing.
  EXPECT_EQ(service_->Visible(admin)->size(), 1u);
  EXPECT_TRUE(Audit("commission.create").empty());
}

TEST_P(CommissionServiceSuite, MembersAreListedOnceAndAtLeastOne) {
  const Actor admin = As("admin");
  EXPECT_ERROR(service_->Create(admin, {"x", "commission", {"member", "member"}}), kUnprocessable,
               "listed twice");
  EXPECT_ERROR(service_->Create(admin, {"x", "commission", {}}), kUnprocessable,
               "a non-empty list");
  EXPECT_ERROR(service_->Create(admin, {"", "commission", {"member"}}), kUnprocessable, "name");
  EXPECT_ERROR(service_->Create(admin, {" \t ", "commission", {"member"}}), kUnprocessable,
               "name: must not be empty");
  EXPECT_ERROR(service_->Create(admin, {"x", "\xC2\xA0", {"member"}}), kUnprocessable,
               "secretary: must not be empty");
  EXPECT_TRUE(Audit("commission.create").empty());
}

TEST_P(CommissionServiceSuite, ACommissionIsSetUpOnlyAtTheOblastDepartmentByAnAdministrator) {
  AddStaff("city-admin", "kzo-city", "admin");
  EXPECT_ERROR(service_->Create(As("city-admin"), {"x", "commission", {"member"}}), kUnprocessable,
               "oblast department");
  EXPECT_ERROR(service_->Create(As("commission"), {"x", "commission", {"member"}}), kForbidden,
               "administrator");
}

TEST_P(CommissionServiceSuite, AMeetingIsNotCalledInTheOfficesPast) {
  const Actor secretary = As("commission");
  EXPECT_ERROR(service_->CallMeeting(secretary, demo_commission_, *ParseDate("2026-11-22")),
               kUnprocessable, "in the past");
  auto today = service_->CallMeeting(secretary, demo_commission_, *ParseDate("2026-11-23"));
  ASSERT_TRUE(today.has_value()) << today.error().message;
  // 20:00 UTC on the 22nd is already the 23rd in Kyzylorda: the 22nd is the past there.
  now_ = *ParseRfc3339("2026-11-22T20:00:00Z");
  EXPECT_ERROR(service_->CallMeeting(secretary, demo_commission_, *ParseDate("2026-11-22")),
               kUnprocessable, "in the past");
  EXPECT_TRUE(service_->CallMeeting(secretary, demo_commission_, *ParseDate("2026-11-23")));
}

TEST_P(CommissionServiceSuite, OnlyTheSecretaryOrAnAdministratorCallsAMeeting) {
  const Date day = *ParseDate("2026-11-27");
  EXPECT_ERROR(service_->CallMeeting(As("member"), demo_commission_, day), kForbidden, "secretary");
  // A secretary of another commission does not see this one.
  AddStaff("secretary2", "kzo-oblast", "commission_secretary");
  EXPECT_ERROR(service_->CallMeeting(As("secretary2"), demo_commission_, day), kNotFound,
               "no such commission");
  EXPECT_ERROR(service_->CallMeeting(As("admin"), demo_commission_ + 100, day), kNotFound,
               "no such commission");
  auto by_secretary = service_->CallMeeting(As("commission"), demo_commission_, day);
  ASSERT_TRUE(by_secretary.has_value()) << by_secretary.error().message;
  auto by_admin = service_->CallMeeting(As("admin"), demo_commission_, day);
  ASSERT_TRUE(by_admin.has_value()) << by_admin.error().message;
  EXPECT_NE(by_admin->id, by_secretary->id);
  auto events = Audit("commission.meeting");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].actor, "commission");
  EXPECT_EQ(events[0].entity, "commission");
  EXPECT_EQ(events[0].entity_id, std::to_string(demo_commission_));
  EXPECT_EQ(events[0].office_id, "kzo-oblast");
  EXPECT_EQ(events[0].data, (nlohmann::json{{"id", by_secretary->id},
                                            {"commission", demo_commission_},
                                            {"held_on", "2026-11-27"}}));
  EXPECT_EQ(events[1].actor, "admin");
}

TEST_P(CommissionServiceSuite, AVoteToRefuseGivesItsReasons) {
  const std::int64_t id = AddCase("KZO-OBLAST-2026-000001", "080540001238", 2);
  PutOnAgenda(id, CallMeeting(demo_commission_, "2026-11-27"));
  const Actor member = As("member");
  EXPECT_ERROR(service_->Vote(member, id, {"refuse", ""}), kUnprocessable, "reasons");
  EXPECT_ERROR(service_->Vote(member, id, {"abstain", "x"}), kUnprocessable, "grant, refuse");
  const auto abstain = service_->Vote(member, id, {"abstain", "x"});
  ASSERT_FALSE(abstain.has_value());
  EXPECT_EQ(abstain.error().key, "field.not_one_of");
  EXPECT_EQ(abstain.error().params,
            (MessageParams{{"allowed", "grant, refuse"}, {"field", "vote"}}));
  EXPECT_TRUE(Audit("commission.vote").empty());
  auto grant = service_->Vote(member, id, {"grant", ""});
  ASSERT_TRUE(grant.has_value()) << grant.error().message;
  // A later vote replaces the member's earlier one.
  auto refuse = service_->Vote(member, id, {"refuse", "qualified local specialists"});
  ASSERT_TRUE(refuse.has_value()) << refuse.error().message;
  EXPECT_EQ(refuse->member, "member");
  EXPECT_EQ(refuse->at, "2026-11-23T05:00:00Z");
  auto agenda = service_->Agenda(member);
  ASSERT_TRUE(agenda.has_value());
  ASSERT_EQ(agenda->size(), 1u);
  ASSERT_EQ((*agenda)[0].item.votes.size(), 1u);
  EXPECT_EQ((*agenda)[0].item.votes[0].vote, "refuse");
  EXPECT_EQ((*agenda)[0].item.votes[0].reasons, "qualified local specialists");
  auto events = Audit("commission.vote");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].entity, "case");
  EXPECT_EQ(events[1].entity_id, std::to_string(id));
  EXPECT_EQ(events[1].office_id, "kzo-oblast");
  EXPECT_EQ(events[1].data, (nlohmann::json{{"case_id", id},
                                            {"member", "member"},
                                            {"vote", "refuse"},
                                            {"reasons", "qualified local specialists"},
                                            {"at", "2026-11-23T05:00:00Z"}}));
}

TEST_P(CommissionServiceSuite, NoVoteAfterTheRecommendationIsRecorded) {
  const std::int64_t id = AddCase("KZO-OBLAST-2026-000001", "080540001238", 2);
  PutOnAgenda(id, CallMeeting(demo_commission_, "2026-11-27"));
  ASSERT_TRUE(service_->Vote(As("member"), id, {"grant", ""}));
  Recommend(id, "grant");
  EXPECT_ERROR(service_->Vote(As("member"), id, {"refuse", "late"}), kConflict, "already recorded");
  EXPECT_EQ(Audit("commission.vote").size(), 1u);
}

TEST_P(CommissionServiceSuite, OnlyAMemberOfTheCasesCommissionVotes) {
  AddStaff("member2", "kzo-oblast", "commission_member");
  ASSERT_TRUE(service_->Create(As("admin"), {"ICT review", "commission", {"member2"}}));
  const std::int64_t id = AddCase("KZO-OBLAST-2026-000001", "080540001238", 2);
  const std::int64_t elsewhere = AddCase("KZO-OBLAST-2026-000002", "080540001238", 2);
  PutOnAgenda(id, CallMeeting(demo_commission_, "2026-11-27"));
  // A member of another commission, the secretary (who does not vote), a case on no agenda.
  EXPECT_ERROR(service_->Vote(As("member2"), id, {"grant", ""}), kNotFound, "no such case");
  EXPECT_ERROR(service_->Vote(As("commission"), id, {"grant", ""}), kNotFound, "no such case");
  EXPECT_ERROR(service_->Vote(As("member"), elsewhere, {"grant", ""}), kNotFound, "no such case");
  EXPECT_TRUE(Audit("commission.vote").empty());
}

TEST_P(CommissionServiceSuite, ACallerSeesTheCommissionsAndAgendaOfTheirSeats) {
  AddStaff("member2", "kzo-oblast", "commission_member");
  auto second = service_->Create(As("admin"), {"ICT review", "commission", {"member2"}});
  ASSERT_TRUE(second.has_value()) << second.error().message;
  const std::int64_t first_case = AddCase("KZO-OBLAST-2026-000001", "080540001238", 2);
  const std::int64_t second_case = AddCase("KZO-OBLAST-2026-000002", "150340004568", 5);
  PutOnAgenda(first_case, CallMeeting(demo_commission_, "2026-11-27"));
  PutOnAgenda(second_case, CallMeeting(second->id, "2026-11-27"));

  EXPECT_EQ(service_->Visible(As("admin"))->size(), 2u);
  EXPECT_EQ(service_->Visible(As("member"))->size(), 1u);
  EXPECT_EQ(service_->Visible(As("commission"))->size(), 2u) << "secretary of both";
  auto for_member2 = service_->Visible(As("member2"));
  ASSERT_EQ(for_member2->size(), 1u);
  EXPECT_EQ(for_member2->front().id, second->id);
  // An administrator of another oblast's office sees none.
  AddStaff("city-admin", "kzo-city", "admin");
  EXPECT_TRUE(service_->Visible(As("city-admin"))->empty());

  auto member = service_->Agenda(As("member"));
  ASSERT_TRUE(member.has_value());
  ASSERT_EQ(member->size(), 1u);
  EXPECT_EQ((*member)[0].item.case_id, first_case);
  auto member2 = service_->Agenda(As("member2"));
  ASSERT_EQ(member2->size(), 1u);
  EXPECT_EQ((*member2)[0].item.case_id, second_case);
  auto secretary = service_->Agenda(As("commission"));
  ASSERT_EQ(secretary->size(), 2u) << "secretary of both";
  EXPECT_EQ((*secretary)[0].item.commission_id, demo_commission_);
  EXPECT_EQ((*secretary)[1].item.commission_id, second->id);
  EXPECT_EQ((*secretary)[1].kase.applicant_bin, "150340004568");
  EXPECT_TRUE(service_->Agenda(As("admin"))->empty()) << "an administrator sits on none";
}

TEST_P(CommissionServiceSuite, TheAgendaCarriesEachItemsOwnCase) {
  // Cases inserted in an order different from the agenda's (meeting date, then case).
  const std::int64_t late = AddCase("KZO-OBLAST-2026-000001", "080540001238", 1);
  const std::int64_t early_b = AddCase("KZO-OBLAST-2026-000002", "150340004568", 2);
  const std::int64_t early_a = AddCase("KZO-OBLAST-2026-000003", "111240007891", 3);
  const std::int64_t off_agenda = AddCase("KZO-OBLAST-2026-000004", "190640001115", 4);
  const std::int64_t early = CallMeeting(demo_commission_, "2026-11-24");
  const std::int64_t later = CallMeeting(demo_commission_, "2026-12-01");
  PutOnAgenda(late, later);
  PutOnAgenda(early_b, early);
  PutOnAgenda(early_a, early);
  ASSERT_TRUE(service_->Vote(As("member"), early_a, {"grant", ""}));
  Recommend(early_a, "grant");
  ASSERT_TRUE(service_->Vote(As("member"), late, {"refuse", "no local search"}));

  auto agenda = service_->Agenda(As("member"));
  ASSERT_TRUE(agenda.has_value()) << agenda.error().message;
  ASSERT_EQ(agenda->size(), 3u);
  struct Expect {
    std::int64_t id, meeting;
    const char *number, *bin, *held_on;
    int workers;
  };
  const std::vector<Expect> expected = {
      {early_b, early, "KZO-OBLAST-2026-000002", "150340004568", "2026-11-24", 2},
      {early_a, early, "KZO-OBLAST-2026-000003", "111240007891", "2026-11-24", 3},
      {late, later, "KZO-OBLAST-2026-000001", "080540001238", "2026-12-01", 1},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& [item, kase] = (*agenda)[i];
    SCOPED_TRACE(expected[i].number);
    EXPECT_EQ(item.case_id, expected[i].id);
    EXPECT_EQ(kase.id, expected[i].id);
    EXPECT_EQ(kase.number, expected[i].number);
    EXPECT_EQ(kase.applicant_bin, expected[i].bin);
    EXPECT_EQ(kase.data["workers"], expected[i].workers);
    EXPECT_EQ(item.meeting_id, expected[i].meeting);
    EXPECT_EQ(item.held_on, expected[i].held_on);
    EXPECT_EQ(item.commission_id, demo_commission_);
  }
  EXPECT_EQ((*agenda)[1].item.recommendation, "grant");
  // Each item carries its own votes.
  EXPECT_TRUE((*agenda)[0].item.votes.empty());
  ASSERT_EQ((*agenda)[1].item.votes.size(), 1u);
  EXPECT_EQ((*agenda)[1].item.votes[0].vote, "grant");
  ASSERT_EQ((*agenda)[2].item.votes.size(), 1u);
  EXPECT_EQ((*agenda)[2].item.votes[0].reasons, "no local search");
  EXPECT_FALSE((*agenda)[0].item.recommendation.has_value());

  // The batched read behind it: existing ids only, by id; none for an empty list.
  Must(db_->Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto cases, FindCases(tx, {off_agenda, late, early_a, 999999}));
    EXPECT_EQ(cases.size(), 3u);
    if (cases.size() == 3u) {
      EXPECT_EQ(cases[0].id, late);
      EXPECT_EQ(cases[1].id, early_a);
      EXPECT_EQ(cases[2].id, off_agenda);
      EXPECT_EQ(cases[2].number, "KZO-OBLAST-2026-000004");
    }
    JUMYS_ASSIGN_OR_RETURN(auto none, FindCases(tx, {}));
    EXPECT_TRUE(none.empty());
    return {};
  }),
       "find cases");
}

}  // namespace jumys::commission
