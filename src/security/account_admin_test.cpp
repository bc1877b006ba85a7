// Staff account administration on SQLite over the demo data: one test per rule.
#include "security/account_admin.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "security/password.h"
#include "services/testing/demo_store.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"

namespace jumys {
namespace {

const Instant kNow{std::chrono::seconds(testing::kHarnessMonday10Local)};

class AccountAdministrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    accounts_ = std::make_unique<Accounts>(*db_, offices_, AccountPolicy{}, [] { return kNow; });
    admin_ =
        std::make_unique<AccountAdministration>(*db_, offices_, *accounts_, [] { return kNow; });
    admin_actor_ = SignIn("admin");
  }

  Actor SignIn(const std::string& login, const std::string& password = demo::kDemoPassword) {
    auto r = accounts_->Login(login, password);
    EXPECT_TRUE(r.has_value()) << login << ": " << (r ? "" : r.error().message);
    return r ? r->actor : Actor{};
  }

  // A staff account at kzo-aral (so the demo accounts stay as they are).
  NewStaffAccount Fresh(const std::string& login = "executor3") {
    return {login, "Асель Нұрланқызы", "kzo-aral", {"executor"}, "long-enough", std::nullopt};
  }

  // An office of Almaty (another oblast than the demo administrator's).
  void AddAlmatyOffice() {
    ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                     JUMYS_ASSIGN_OR_RETURN(auto offices, storage::ListOffices(tx));
                     storage::OfficeRecord other{"ala-city", "Алматы",      "Алматы",
                                                 "Almaty",   "751110000",   "750000000",
                                                 "centre",   "Asia/Almaty", offices[0].hours};
                     return storage::UpsertOffice(tx, other, "2026-11-23T05:00:00Z");
                   })
                    .has_value());
    ASSERT_TRUE(storage::LoadOffices(*db_, offices_).has_value());
  }

  std::optional<storage::UserRecord> Stored(const std::string& login) {
    std::optional<storage::UserRecord> u;
    EXPECT_TRUE(db_->Read([&](storage::Tx& tx) -> Status {
                     JUMYS_ASSIGN_OR_RETURN(u, storage::FindUserByLogin(tx, login));
                     return {};
                   })
                    .has_value());
    return u;
  }

  // The user.* audit events of one account, oldest first: (action, data).
  std::vector<std::pair<std::string, nlohmann::json>> UserEvents(const std::string& login) {
    std::vector<std::pair<std::string, nlohmann::json>> out;
    for (auto& e : store_.Audit("user.%")) {
      if (e.entity_id == login) out.emplace_back(e.action, std::move(e.data));
    }
    return out;
  }

  static std::set<std::string> Logins(const auto& list) {
    std::set<std::string> out;
    for (const auto& u : list) out.insert(u.login);
    return out;
  }

  testing::DemoStore store_;
  storage::Database* db_ = &store_.db();
  OfficeDirectory& offices_ = store_.offices();
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<AccountAdministration> admin_;
  Actor admin_actor_;
};

TEST_F(AccountAdministrationTest, StaffListHoldsTheActiveStaffOfTheOfficeOptionallyByRole) {
  const Actor head = SignIn("head");
  auto all = admin_->ListStaff(head, "kzo-city", std::nullopt);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  const auto logins = Logins(*all);
  EXPECT_TRUE(logins.count("clerk") && logins.count("executor") && logins.count("head"));
  EXPECT_FALSE(logins.count("clerk2"));  // another office
  EXPECT_FALSE(logins.count("seeker"));  // applicants are not staff
  auto executors = admin_->ListStaff(head, "kzo-city", "executor");
  ASSERT_TRUE(executors.has_value());
  ASSERT_EQ(executors->size(), 1u);
  EXPECT_EQ((*executors)[0].login, "executor");
  EXPECT_EQ((*executors)[0].full_name, "Динара Ерланқызы Ахметова");
  EXPECT_TRUE((*executors)[0].roles.Has(Role::kExecutor));
}

TEST_F(AccountAdministrationTest, StaffListOfAnOfficeOutOfScopeAnswersLikeAnUnknownOne) {
  const Actor head = SignIn("head");
  auto aral = admin_->ListStaff(head, "kzo-aral", std::nullopt);
  ASSERT_FALSE(aral.has_value());
  EXPECT_EQ(aral.error().code, ErrorCode::kNotFound);
  auto nowhere = admin_->ListStaff(head, "nowhere", std::nullopt);
  ASSERT_FALSE(nowhere.has_value());
  EXPECT_EQ(nowhere.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(aral.error().message, nowhere.error().message);
  // Oblast-level staff see every office of their oblast.
  EXPECT_TRUE(admin_->ListStaff(SignIn("oblast-head"), "kzo-aral", std::nullopt).has_value());
}

TEST_F(AccountAdministrationTest, StaffListRefusesAnUnknownRole) {
  auto r = admin_->ListStaff(SignIn("head"), "kzo-city", "boss");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(r.error().message.find("unknown role"), std::string::npos);
}

TEST_F(AccountAdministrationTest, UsersOfTheOblastOrOfOneManagedOffice) {
  auto aral = admin_->ListUsers(admin_actor_, "kzo-aral");
  ASSERT_TRUE(aral.has_value()) << aral.error().message;
  EXPECT_EQ(Logins(*aral), (std::set<std::string>{"clerk2", "executor2", "head2"}));
  for (const auto& u : *aral) EXPECT_EQ(u.office_id, "kzo-aral");
  auto oblast = admin_->ListUsers(admin_actor_, std::nullopt);
  ASSERT_TRUE(oblast.has_value());
  EXPECT_EQ(oblast->size(), 18u);  // every Kyzylorda demo staff account, no applicants
  EXPECT_TRUE(Logins(*oblast).count("oblast-analyst"));
  EXPECT_FALSE(Logins(*oblast).count("seeker"));
  auto unknown = admin_->ListUsers(admin_actor_, "nowhere");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, ErrorCode::kUnprocessable);
}

TEST_F(AccountAdministrationTest, AnAdministratorManagesTheOfficesOfTheirOwnOblastOnly) {
  AddAlmatyOffice();
  auto list = admin_->ListUsers(admin_actor_, "ala-city");
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().code, ErrorCode::kForbidden);
  auto account = Fresh("new1");
  account.office_id = "ala-city";
  auto created = admin_->CreateUser(admin_actor_, account);
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, ErrorCode::kForbidden);
  EXPECT_FALSE(Stored("new1"));
  StaffAccountChange move;
  move.office_id = "ala-city";
  auto moved = admin_->UpdateUser(admin_actor_, "executor2", move);
  ASSERT_FALSE(moved.has_value());
  EXPECT_EQ(moved.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(Stored("executor2")->office_id, "kzo-aral");
}

TEST_F(AccountAdministrationTest, AnAccountAtAnotherOblastsOfficeIsOutOfReach) {
  AddAlmatyOffice();
  ASSERT_TRUE(db_->Write([&](storage::Tx& tx) -> Status {
                   storage::UserRecord u;
                   u.login = "almaty-clerk";
                   u.kind = "staff";
                   u.full_name = "Алматы";
                   u.office_id = "ala-city";
                   u.roles = "office_clerk";
                   u.password_hash = HashPassword("long-enough");
                   return storage::InsertUser(tx, u, "2026-11-23T05:00:00Z").has_value()
                              ? Status{}
                              : Status{Error::Internal("insert")};
                 })
                  .has_value());
  StaffAccountChange rename;
  rename.full_name = "Someone";
  auto r = admin_->UpdateUser(admin_actor_, "almaty-clerk", rename);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(Stored("almaty-clerk")->full_name, "Алматы");
  EXPECT_TRUE(UserEvents("almaty-clerk").empty());
}

TEST_F(AccountAdministrationTest, CreateStoresAHashedPasswordAndAuditsWithoutSecrets) {
  auto account = Fresh();
  account.iin = "880910400015";
  auto created = admin_->CreateUser(admin_actor_, account);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_EQ(created->login, "executor3");
  EXPECT_EQ(created->office_id, "kzo-aral");
  EXPECT_TRUE(created->roles.Has(Role::kExecutor));
  EXPECT_TRUE(created->active);
  auto stored = Stored("executor3");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->kind, "staff");
  EXPECT_EQ(stored->iin, "880910400015");
  EXPECT_EQ(stored->password_hash.find("long-enough"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(stored->password_hash, "long-enough"));
  EXPECT_EQ(SignIn("executor3", "long-enough").office_id, "kzo-aral");
  auto events = UserEvents("executor3");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].first, "user.create");
  EXPECT_EQ(events[0].second, (nlohmann::json{{"office", "kzo-aral"}, {"roles", {"executor"}}}));
}

TEST_F(AccountAdministrationTest, CreateRefusesAMalformedLogin) {
  for (const char* login :
       {"x", "Bad Login", "UPPER", "a/b", "ab cd", "a-login-that-is-far-too-long-for-the-rule-x"}) {
    auto r = admin_->CreateUser(admin_actor_, Fresh(login));
    ASSERT_FALSE(r.has_value()) << login;
    EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable) << login;
    EXPECT_NE(r.error().message.find("login"), std::string::npos);
  }
  EXPECT_TRUE(admin_->CreateUser(admin_actor_, Fresh("a.b-c_9")).has_value());
}

TEST_F(AccountAdministrationTest, ABlankFullNameIsRefusedOnCreateAndUpdate) {
  for (const char* name : {"", "   ", "\t\n", "\xC2\xA0\xE3\x80\x80"}) {
    auto account = Fresh();
    account.full_name = name;
    auto r = admin_->CreateUser(admin_actor_, account);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
    EXPECT_EQ(r.error().key, "field.empty");
    ASSERT_EQ(r.error().details.size(), 1u);
    EXPECT_EQ(r.error().details[0].field, "full_name");
    StaffAccountChange rename;
    rename.full_name = name;
    auto updated = admin_->UpdateUser(admin_actor_, "executor2", rename);
    ASSERT_FALSE(updated.has_value());
    EXPECT_EQ(updated.error().code, ErrorCode::kUnprocessable);
    EXPECT_EQ(updated.error().details.at(0).field, "full_name");
  }
  EXPECT_TRUE(UserEvents("executor3").empty());
}

TEST_F(AccountAdministrationTest, CreateNeedsAPasswordOfAtLeastEightCharacters) {
  auto account = Fresh();
  account.password = "1234567";
  auto r = admin_->CreateUser(admin_actor_, account);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(r.error().message.find("at least 8"), std::string::npos);
  account.password = "12345678";
  EXPECT_TRUE(admin_->CreateUser(admin_actor_, account).has_value());
}

TEST_F(AccountAdministrationTest, CreateNeedsAtLeastOneStaffRole) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{}, "at least one"},
      {{"boss"}, "unknown role"},
      {{"executor", "job_seeker"}, "not a staff role"},
      {{"employer"}, "not a staff role"},
  };
  for (const auto& [roles, message] : cases) {
    auto account = Fresh();
    account.roles = roles;
    auto r = admin_->CreateUser(admin_actor_, account);
    ASSERT_FALSE(r.has_value()) << message;
    EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
    EXPECT_NE(r.error().message.find(message), std::string::npos) << r.error().message;
  }
  EXPECT_FALSE(Stored("executor3"));
}

TEST_F(AccountAdministrationTest, CreateRefusesAnInvalidIin) {
  auto account = Fresh();
  account.iin = "880910400016";  // check digit off
  auto r = admin_->CreateUser(admin_actor_, account);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_FALSE(Stored("executor3"));
}

TEST_F(AccountAdministrationTest, CreateRefusesAnUnknownOffice) {
  auto account = Fresh();
  account.office_id = "nowhere";
  auto r = admin_->CreateUser(admin_actor_, account);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(r.error().message.find("unknown office"), std::string::npos);
}

TEST_F(AccountAdministrationTest, CreateRefusesATakenLogin) {
  auto r = admin_->CreateUser(admin_actor_, Fresh("executor"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Stored("executor")->office_id, "kzo-city");  // the existing account is untouched
  EXPECT_TRUE(UserEvents("executor").empty());
}

TEST_F(AccountAdministrationTest, UpdateChangesOnlyTheGivenFieldsAndAuditsThem) {
  StaffAccountChange change;
  change.office_id = "kzo-city";
  change.roles = std::vector<std::string>{"executor", "office_clerk"};
  auto r = admin_->UpdateUser(admin_actor_, "executor2", change);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->office_id, "kzo-city");
  EXPECT_EQ(r->full_name, "Мадина Талғатқызы Құлова");
  EXPECT_TRUE(r->roles.Has(Role::kOfficeClerk) && r->roles.Has(Role::kExecutor));
  EXPECT_TRUE(r->active);
  auto stored = Stored("executor2");
  EXPECT_EQ(stored->office_id, "kzo-city");
  EXPECT_EQ(stored->full_name, "Мадина Талғатқызы Құлова");
  auto events = UserEvents("executor2");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].first, "user.update");
  EXPECT_EQ(events[0].second,
            (nlohmann::json{{"office", "kzo-city"}, {"roles", {"office_clerk", "executor"}}}));
}

TEST_F(AccountAdministrationTest, UpdateNeedsSomethingToChangeAndANonEmptyName) {
  auto nothing = admin_->UpdateUser(admin_actor_, "executor2", {});
  ASSERT_FALSE(nothing.has_value());
  EXPECT_EQ(nothing.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(nothing.error().message.find("nothing to change"), std::string::npos);
  StaffAccountChange blank;
  blank.full_name = "";
  auto r = admin_->UpdateUser(admin_actor_, "executor2", blank);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnprocessable);
  StaffAccountChange roles;
  roles.roles = std::vector<std::string>{"boss"};
  EXPECT_FALSE(admin_->UpdateUser(admin_actor_, "executor2", roles).has_value());
  EXPECT_TRUE(UserEvents("executor2").empty());
}

TEST_F(AccountAdministrationTest, NoOneDisablesOrChangesTheRolesOrOfficeOfTheirOwnAccount) {
  StaffAccountChange disable;
  disable.active = false;
  auto disabled = admin_->UpdateUser(admin_actor_, "admin", disable);
  ASSERT_FALSE(disabled.has_value());
  EXPECT_EQ(disabled.error().code, ErrorCode::kUnprocessable);
  EXPECT_NE(disabled.error().message.find("own account"), std::string::npos);
  // Neither taking a role away nor adding one nor moving: no one grants themselves anything.
  for (const auto& roles :
       {std::vector<std::string>{"analyst"}, std::vector<std::string>{"admin", "analyst"},
        std::vector<std::string>{"admin", "national_admin"}}) {
    StaffAccountChange change;
    change.roles = roles;
    auto r = admin_->UpdateUser(admin_actor_, "admin", change);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(r.error().key, "account.own_roles");
  }
  StaffAccountChange move;
  move.office_id = "kzo-city";
  auto moved = admin_->UpdateUser(admin_actor_, "admin", move);
  ASSERT_FALSE(moved.has_value());
  EXPECT_EQ(moved.error().key, "account.own_roles");
  auto stored = Stored("admin");
  EXPECT_TRUE(stored->active);
  EXPECT_EQ(stored->roles, "admin");
  EXPECT_EQ(stored->office_id, "kzo-oblast");
}

TEST_F(AccountAdministrationTest, OnlyANationalAdministratorGrantsAdministratorRoles) {
  StaffAccountChange promote;
  promote.roles = std::vector<std::string>{"executor", "admin"};
  auto refused = admin_->UpdateUser(admin_actor_, "executor2", promote);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  EXPECT_EQ(refused.error().key, "account.grant_admin");
  auto granted = admin_->UpdateUser(SignIn("national-admin"), "executor2", promote);
  ASSERT_TRUE(granted.has_value()) << granted.error().message;
  EXPECT_TRUE(granted->roles.Has(Role::kAdmin));
  // Taking it away again is as much the national administrator's.
  StaffAccountChange demote;
  demote.roles = std::vector<std::string>{"executor"};
  EXPECT_EQ(admin_->UpdateUser(admin_actor_, "executor2", demote).error().key,
            "account.grant_admin");
}

TEST_F(AccountAdministrationTest, UpdateOfAnUnknownOrApplicantAccountIsNotFound) {
  StaffAccountChange disable;
  disable.active = false;
  for (const char* login : {"ghost", "seeker"}) {
    auto r = admin_->UpdateUser(admin_actor_, login, disable);
    ASSERT_FALSE(r.has_value()) << login;
    EXPECT_EQ(r.error().code, ErrorCode::kNotFound) << login;
  }
  EXPECT_TRUE(Stored("seeker")->active);
}

TEST_F(AccountAdministrationTest, DisablingEndsTheAccountsSessionsAtOnce) {
  auto session = accounts_->Login("executor", demo::kDemoPassword);
  ASSERT_TRUE(session.has_value());
  ASSERT_TRUE(accounts_->Authenticate(session->token).has_value());  // now cached as well
  StaffAccountChange disable;
  disable.active = false;
  auto r = admin_->UpdateUser(admin_actor_, "executor", disable);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_FALSE(r->active);
  auto after = accounts_->Authenticate(session->token);
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().code, ErrorCode::kUnauthenticated);
  EXPECT_FALSE(accounts_->Login("executor", demo::kDemoPassword).has_value());
  auto events = UserEvents("executor");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].second["active"], false);
  EXPECT_EQ(events[0].second["sessions_revoked"], 1);
  // No longer offered to the head.
  auto executors = admin_->ListStaff(SignIn("head"), "kzo-city", "executor");
  ASSERT_TRUE(executors.has_value());
  EXPECT_TRUE(executors->empty());
}

TEST_F(AccountAdministrationTest, AChangeReachesACachedSessionAtOnce) {
  auto session = accounts_->Login("executor", demo::kDemoPassword);
  ASSERT_TRUE(session.has_value());
  ASSERT_TRUE(accounts_->Authenticate(session->token).has_value());
  StaffAccountChange move;
  move.office_id = "kzo-aral";
  ASSERT_TRUE(admin_->UpdateUser(admin_actor_, "executor", move).has_value());
  auto actor = accounts_->Authenticate(session->token);
  ASSERT_TRUE(actor.has_value());
  EXPECT_EQ(actor->office_id, "kzo-aral");
}

}  // namespace
}  // namespace jumys
