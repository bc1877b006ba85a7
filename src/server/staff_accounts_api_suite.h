#pragma once
// Staff account administration through the API, on either store: creating, listing and editing
// accounts, and the rules on who may grant which role or office.
#include <gtest/gtest.h>

#include "server/testing/api_fixture.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

class StaffAccountsApiSuite : public ApiFixture {};

using nlohmann::json;

// No one grants themselves a role or an office; the administrator roles come only from a
// national administrator; an office outside the administrator's scope is refused.
TEST_P(StaffAccountsApiSuite, NoOneGrantsThemselvesARoleOrAnOffice) {
  const auto admin = api_.Login("admin");
  const auto national = api_.Login("national-admin");
  const auto before = AuditCount();
  auto key = [](const http::HttpResponse& r) {
    return ApiHarness::Json(r)["error"]["key"].get<std::string>();
  };
  auto own =
      api_.Call("PATCH", "/api/v1/users/admin", R"({"roles":["admin","national_admin"]})", admin);
  EXPECT_EQ(own.status, 403);
  EXPECT_EQ(key(own), "account.own_roles");
  auto own_office = api_.Call("PATCH", "/api/v1/users/admin", R"({"office":"kzo-city"})", admin);
  EXPECT_EQ(own_office.status, 403);
  EXPECT_EQ(key(own_office), "account.own_roles");
  auto own_national =
      api_.Call("PATCH", "/api/v1/users/national-admin", R"({"roles":["admin"]})", national);
  EXPECT_EQ(own_national.status, 403);
  EXPECT_EQ(key(own_national), "account.own_roles");
  for (const char* roles : {R"(["admin"])", R"(["national_admin"])", R"(["executor","admin"])"}) {
    auto grant =
        api_.Call("PATCH", "/api/v1/users/clerk", std::string(R"({"roles":)") + roles + "}", admin);
    EXPECT_EQ(grant.status, 403) << roles;
    EXPECT_EQ(key(grant), "account.grant_admin") << roles;
  }
  auto create = api_.Call(
      "POST", "/api/v1/users",
      R"({"login":"new-admin","full_name":"X","office":"kzo-city","roles":["admin"],"password":"long-enough"})",
      admin);
  EXPECT_EQ(create.status, 403);
  EXPECT_EQ(key(create), "account.grant_admin");
  // A plain administrator may not demote another administrator either.
  ASSERT_EQ(api_.Call("POST", "/api/v1/users",
                      R"({"login":"admin2","full_name":"X","office":"kzo-aral","roles":["admin"],)"
                      R"("password":"long-enough"})",
                      national)
                .status,
            201);
  const auto mid = AuditCount();
  EXPECT_GT(mid, before);
  EXPECT_EQ(key(api_.Call("PATCH", "/api/v1/users/admin2", R"({"roles":["executor"]})", admin)),
            "account.grant_admin");
  // An administrator of one centre manages that centre only.
  const auto aral_admin = api_.Login("admin2", "long-enough");
  auto city = api_.Call(
      "POST", "/api/v1/users",
      R"({"login":"new1","full_name":"X","office":"kzo-city","roles":["executor"],"password":"long-enough"})",
      aral_admin);
  EXPECT_EQ(city.status, 403);
  EXPECT_EQ(key(city), "account.office_out_of_scope");
  EXPECT_EQ(
      api_.Call("PATCH", "/api/v1/users/executor", R"({"roles":["head"]})", aral_admin).status,
      404);  // a city account is outside the Aral administrator's scope
  EXPECT_EQ(
      api_.Call("PATCH", "/api/v1/users/executor2", R"({"office":"kzo-city"})", aral_admin).status,
      403);
  // The ordinary staff roles any administrator grants.
  EXPECT_EQ(
      api_.Call("PATCH", "/api/v1/users/executor2", R"({"roles":["executor","head"]})", aral_admin)
          .status,
      200);
}

TEST_P(StaffAccountsApiSuite, AdministratorCreatesListsAndEditsStaffAccounts) {
  const auto admin = api_.Login("admin");
  const auto before = AuditCount();
  auto created =
      api_.Call("POST", "/api/v1/users",
                R"({"login":"executor3","full_name":"Асель Нұрланқызы","office":"kzo-aral",)"
                R"("roles":["executor"],"password":"long-enough","iin":"880910400015"})",
                admin);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(ApiHarness::Json(created), json({{"login", "executor3"},
                                             {"full_name", "Асель Нұрланқызы"},
                                             {"office", "kzo-aral"},
                                             {"roles", json::array({"executor"})},
                                             {"active", true}}));
  EXPECT_EQ(AuditCount(), before + 1);
  // The new account signs in and is offered to the Aral head.
  const auto fresh = api_.Login("executor3", "long-enough");
  auto aral = ApiHarness::Json(
      api_.Call("GET", "/api/v1/offices/kzo-aral/staff?role=executor", "", api_.Login("head2")));
  EXPECT_EQ(aral["items"].size(), 2u);

  auto listed = api_.Call("GET", "/api/v1/users?office=kzo-aral", "", admin);
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::set<std::string> logins;
  const auto listed_items = ApiHarness::Json(listed)["items"];
  for (const auto& u : listed_items) logins.insert(u["login"].get<std::string>());
  EXPECT_EQ(logins, (std::set<std::string>{"clerk2", "executor2", "executor3", "head2"}));
  EXPECT_EQ(listed.body.find("880910400015"), std::string::npos);
  EXPECT_GE(ApiHarness::Json(api_.Call("GET", "/api/v1/users", "", admin))["items"].size(), 16u);

  // Bad input: the reason, and nothing written.
  const auto head = api_.Login("head");
  const auto mid = AuditCount();
  auto expect = [&](const std::string& method, const std::string& path, const std::string& body,
                    int status, const std::string& message_part) {
    auto r = api_.Call(method, path, body, admin);
    EXPECT_EQ(r.status, status) << body << " " << r.body;
    EXPECT_NE(ApiHarness::Json(r)["error"]["message"].get<std::string>().find(message_part),
              std::string::npos)
        << r.body;
  };
  const std::string base = R"("full_name":"X Y","office":"kzo-city","password":"long-enough")";
  expect("POST", "/api/v1/users", R"({"login":"executor3","roles":["executor"],)" + base + "}", 409,
         "taken");
  expect("POST", "/api/v1/users", R"({"login":"new1","roles":["boss"],)" + base + "}", 422,
         "unknown role");
  expect("POST", "/api/v1/users", R"({"login":"new1","roles":["job_seeker"],)" + base + "}", 422,
         "not a staff role");
  expect("POST", "/api/v1/users", R"({"login":"new1","roles":[],)" + base + "}", 422,
         "at least one");
  expect("POST", "/api/v1/users", R"({"login":"Bad Login","roles":["executor"],)" + base + "}", 422,
         "login");
  expect(
      "POST", "/api/v1/users",
      R"({"login":"new1","roles":["executor"],"full_name":"X","office":"nowhere","password":"long-enough"})",
      422, "unknown office");
  expect(
      "POST", "/api/v1/users",
      R"({"login":"new1","roles":["executor"],"full_name":"X","office":"kzo-city","password":"short"})",
      422, "at least 8");
  expect("POST", "/api/v1/users",
         R"({"login":"new1","roles":["executor"],"iin":"123",)" + base + "}", 422, "IIN");
  expect("PATCH", "/api/v1/users/executor3", R"({"roles":["boss"]})", 422, "unknown role");
  expect("PATCH", "/api/v1/users/executor3", R"({"office":"nowhere"})", 422, "unknown office");
  expect("PATCH", "/api/v1/users/executor3", "{}", 422, "nothing to change");
  expect("PATCH", "/api/v1/users/admin", R"({"active":false})", 422, "own account");
  expect("PATCH", "/api/v1/users/ghost", R"({"active":false})", 404, "no such");
  expect("PATCH", "/api/v1/users/seeker", R"({"active":false})", 404, "no such");
  EXPECT_EQ(api_.Call("POST", "/api/v1/users", R"({"login":"x"})", head).status, 403);

  // An office of another oblast is out of the administrator's reach.
  ASSERT_TRUE(api_.runtime()
                  .db()
                  .Write([&](storage::Tx& tx) -> Status {
                    storage::OfficeRecord other{"ala-city", "Алматы",      "Алматы",
                                                "Almaty",   "751110000",   "750000000",
                                                "centre",   "Asia/Almaty", ""};
                    JUMYS_ASSIGN_OR_RETURN(auto offices, storage::ListOffices(tx));
                    other.hours = offices[0].hours;
                    return storage::UpsertOffice(tx, other, "2026-11-23T05:00:00Z");
                  })
                  .has_value());
  ASSERT_TRUE(storage::LoadOffices(api_.runtime().db(), api_.runtime().offices()).has_value());
  expect(
      "POST", "/api/v1/users",
      R"({"login":"new1","roles":["executor"],"full_name":"X","office":"ala-city","password":"long-enough"})",
      403, "own scope");
  expect("PATCH", "/api/v1/users/executor3", R"({"office":"ala-city"})", 403, "own scope");
  expect("GET", "/api/v1/users?office=ala-city", "", 403, "own scope");
  EXPECT_EQ(AuditCount(), mid);

  // Moving, renaming and re-roling; then disabling ends the account's sessions at once.
  auto moved = api_.Call(
      "PATCH", "/api/v1/users/executor3",
      R"({"office":"kzo-city","roles":["executor","office_clerk"],"full_name":"Асель Н."})", admin);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(ApiHarness::Json(moved)["office"], "kzo-city");
  EXPECT_EQ(ApiHarness::Json(moved)["roles"], json::array({"office_clerk", "executor"}));
  auto me = ApiHarness::Json(api_.Call("GET", "/api/v1/auth/me", "", fresh));
  EXPECT_EQ(me["office"], "kzo-city");
  auto disabled = api_.Call("PATCH", "/api/v1/users/executor3", R"({"active":false})", admin);
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(ApiHarness::Json(disabled)["active"], false);
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", fresh).status, 401);
  EXPECT_EQ(
      api_.Call("POST", "/api/v1/auth/login", R"({"login":"executor3","password":"long-enough"})")
          .status,
      401);
  EXPECT_EQ(AuditCount(), mid + 3);  // the update, the disabling and the refused sign-in
  auto rows = [&] {
    storage::Rows out;
    EXPECT_TRUE(
        api_.runtime()
            .db()
            .Read([&](storage::Tx& tx) -> Status {
              JUMYS_ASSIGN_OR_RETURN(
                  out,
                  tx.Query("SELECT action, data FROM audit_events WHERE entity_id = 'executor3' "
                           "AND action LIKE 'user.%' ORDER BY seq"));
              return {};
            })
            .has_value());
    return out;
  }();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows.Text(0, 0), "user.create");
  EXPECT_EQ(rows.Text(0, 1).find("long-enough"), std::string::npos);
  EXPECT_EQ(rows.Text(0, 1).find("880910400015"), std::string::npos);
  EXPECT_NE(rows.Text(2, 1).find("sessions_revoked"), std::string::npos);
}

}  // namespace jumys::testing
