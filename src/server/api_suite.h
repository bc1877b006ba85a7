#pragma once
// Black-box API tests, run against SQLite (api_test.cpp) and PostgreSQL (api_pgtest.cpp).
#include <gtest/gtest.h>

#include <set>

#include "server/testing/api_fixture.h"
#include "storage/audit_log.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

class ApiSuite : public ApiFixture {};

using nlohmann::json;

TEST_P(ApiSuite, HealthzAnswersOk) {
  auto r = api_.Call("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(ApiHarness::Json(r), json({{"status", "ok"}}));
}

TEST_P(ApiSuite, LoginReturnsTokenAndMeDescribesTheUser) {
  auto r = api_.Call("POST", "/api/v1/auth/login", R"({"login":"clerk","password":"demo"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = ApiHarness::Json(r);
  EXPECT_EQ(body["token"].get<std::string>().size(), 43u);
  EXPECT_EQ(body["user"]["office"], "kzo-city");
  EXPECT_EQ(body["user"]["roles"], json::array({"office_clerk"}));
  bool cookie = false;
  for (auto& [k, v] : r.headers)
    cookie |= k == "Set-Cookie" && v.find("HttpOnly") != std::string::npos;
  EXPECT_TRUE(cookie);

  auto me = api_.Call("GET", "/api/v1/auth/me", "", body["token"]);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(ApiHarness::Json(me)["login"], "clerk");
  EXPECT_EQ(ApiHarness::Json(me)["scope"], "office");
  // The header names the user after a reload, as it did after signing in.
  ASSERT_TRUE(ApiHarness::Json(me).contains("full_name"));
  EXPECT_FALSE(ApiHarness::Json(me)["full_name"].get<std::string>().empty());
  EXPECT_EQ(ApiHarness::Json(me)["full_name"], body["user"]["full_name"]);

  auto seeker = ApiHarness::Json(api_.Call("GET", "/api/v1/auth/me", "", api_.Login("seeker")));
  EXPECT_EQ(seeker["iin"], "900515300127");
  EXPECT_EQ(seeker["full_name"], "Ерлан Серікұлы Нұрпейісов");  // an applicant is named too
  EXPECT_TRUE(seeker["office"].is_null());
  auto oblast =
      ApiHarness::Json(api_.Call("GET", "/api/v1/auth/me", "", api_.Login("oblast-head")));
  EXPECT_EQ(oblast["scope"], "oblast");
}

TEST_P(ApiSuite, WrongPasswordAndUnknownLoginLookAlike) {
  auto wrong = api_.Call("POST", "/api/v1/auth/login", R"({"login":"clerk","password":"nope"})");
  auto unknown = api_.Call("POST", "/api/v1/auth/login", R"({"login":"ghost","password":"nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(ApiHarness::Json(wrong)["error"], ApiHarness::Json(unknown)["error"]);
  EXPECT_EQ(ApiHarness::ErrorCode(wrong), "unauthenticated");
  EXPECT_EQ(ApiHarness::Json(wrong)["error"]["key"], "auth.bad_credentials");
  EXPECT_EQ(ApiHarness::Json(wrong)["error"]["message"], "wrong login or password");
}

TEST_P(ApiSuite, RepeatedFailuresDelayTheAccountForAWhileAndAnswerLikeAWrongPassword) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(api_.Call("POST", "/api/v1/auth/login", R"({"login":"head","password":"x"})").status,
              401);
  }
  auto locked = api_.Call("POST", "/api/v1/auth/login", R"({"login":"head","password":"demo"})");
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(ApiHarness::ErrorCode(locked), "unauthenticated");
  EXPECT_EQ(ApiHarness::Json(locked)["error"]["key"], "auth.bad_credentials");
  api_.Advance(std::chrono::minutes(16));
  EXPECT_EQ(api_.Call("POST", "/api/v1/auth/login", R"({"login":"head","password":"demo"})").status,
            200);
}

TEST_P(ApiSuite, LogoutEndsTheSession) {
  auto token = api_.Login("executor");
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", token).status, 200);
  EXPECT_EQ(api_.Call("POST", "/api/v1/auth/logout", "", token).status, 200);
  auto after = api_.Call("GET", "/api/v1/auth/me", "", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(ApiHarness::ErrorCode(after), "unauthenticated");
  EXPECT_EQ(ApiHarness::Json(after)["error"]["key"], "auth.session_ended");
}

TEST_P(ApiSuite, ExpiredForgedAndMissingTokensAreRejected) {
  auto token = api_.Login("clerk");
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me").status, 401);
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", "not-a-token").status, 401);
  std::string forged(43, 'A');
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", forged).status, 401);
  std::string altered = token;
  altered[5] = altered[5] == 'a' ? 'b' : 'a';
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", altered).status, 401);
  api_.Advance(std::chrono::hours(13));
  auto expired = api_.Call("GET", "/api/v1/auth/me", "", token);
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(ApiHarness::Json(expired)["error"]["message"], "session has expired");
  EXPECT_EQ(ApiHarness::Json(expired)["error"]["key"], "auth.session_expired");
  const auto missing = api_.Call("GET", "/api/v1/auth/me");
  EXPECT_EQ(ApiHarness::Json(missing)["error"]["key"], "auth.required");
}

TEST_P(ApiSuite, PersonRecordIsVisibleOnlyWithinScope) {
  const std::string city_person = "/api/v1/people/851102400347";
  auto clerk = api_.Call("GET", city_person, "", api_.Login("clerk"));
  ASSERT_EQ(clerk.status, 200) << clerk.body;
  EXPECT_EQ(ApiHarness::Json(clerk)["surname"], "Ахметова");
  EXPECT_EQ(ApiHarness::Json(clerk)["birth_date"], "1985-11-02");
  EXPECT_EQ(api_.Call("GET", city_person, "", api_.Login("clerk2")).status, 404);
  EXPECT_EQ(api_.Call("GET", city_person, "", api_.Login("oblast-head")).status, 200);
  EXPECT_EQ(api_.Call("GET", city_person, "", api_.Login("analyst")).status, 403);
  // Not the employer's record: 404 as for a missing one, before any role check.
  EXPECT_EQ(api_.Call("GET", city_person, "", api_.Login("employer")).status, 404);
  const auto seeker = api_.Login("seeker");
  EXPECT_EQ(api_.Call("GET", "/api/v1/people/900515300127", "", seeker).status, 200);
  EXPECT_EQ(api_.Call("GET", city_person, "", seeker).status, 404);
}

TEST_P(ApiSuite, ReadsOfAPersonAreAudited) {
  const auto before = AuditCount();
  ASSERT_EQ(api_.Call("GET", "/api/v1/people/851102400347", "", api_.Login("clerk")).status, 200);
  // the login itself, then the read
  EXPECT_EQ(AuditCount(), before + 2);
  auto rows = [&] {
    storage::Rows out;
    auto s = api_.runtime().db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(
          out, tx.Query("SELECT actor, entity_id FROM audit_events WHERE action = 'person.read'"));
      return {};
    });
    EXPECT_TRUE(s.has_value());
    return out;
  }();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.Text(0, 0), "clerk");
  EXPECT_EQ(rows.Text(0, 1), "851102400347");
}

TEST_P(ApiSuite, InvalidIdentifiersGet422WithTheReason) {
  const auto token = api_.Login("clerk");
  auto short_iin = api_.Call("GET", "/api/v1/people/12345", "", token);
  EXPECT_EQ(short_iin.status, 422);
  EXPECT_EQ(ApiHarness::ErrorCode(short_iin), "invalid_input");
  auto bad_check = api_.Call("GET", "/api/v1/people/851102400348", "", token);
  EXPECT_EQ(bad_check.status, 422);
  EXPECT_NE(ApiHarness::Json(bad_check)["error"]["message"].get<std::string>().find("check digit"),
            std::string::npos);
  const auto before = AuditCount();
  auto post = api_.Call("POST", "/api/v1/people",
                        R"({"iin":"851102400348","surname":"X","given_name":"Y"})", token);
  EXPECT_EQ(post.status, 422);
  auto bin = api_.Call("GET", "/api/v1/employers/150340004569", "", api_.Login("employers"));
  EXPECT_EQ(bin.status, 422);
  EXPECT_EQ(AuditCount(), before + 1);  // only the second login
}

TEST_P(ApiSuite, MalformedBodiesGet400AndWriteNothing) {
  const auto token = api_.Login("clerk");
  const auto before = AuditCount();
  for (const char* body :
       {"{", "[]", "null", R"({"iin":900515300127,"surname":"A","given_name":"B"})",
        R"({"iin":"900515300127","surname":["A"],"given_name":"B"})",
        R"({"surname":"A","given_name":"B"})"}) {
    auto r = api_.Call("POST", "/api/v1/people", body, token);
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(ApiHarness::ErrorCode(r), "invalid_input") << body;
  }
  auto empty_name = api_.Call("POST", "/api/v1/people",
                              R"({"iin":"900515300127","surname":"","given_name":"B"})", token);
  EXPECT_EQ(empty_name.status, 422);
  EXPECT_EQ(AuditCount(), before);
  auto person = ApiHarness::Json(api_.Call("GET", "/api/v1/people/900515300127", "", token));
  EXPECT_EQ(person["surname"], "Нұрпейісов");
}

TEST_P(ApiSuite, StaffRegisterPeopleAtTheirOwnOffice) {
  const auto aral = api_.Login("clerk2");
  auto created = api_.Call(
      "POST", "/api/v1/people",
      R"({"iin":"950515400122","surname":"Қасымова","given_name":"Аружан","phone":"+7 705 111 2233"})",
      aral);
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = ApiHarness::Json(created);
  EXPECT_EQ(body["office"], "kzo-aral");
  EXPECT_EQ(body["sex"], "female");
  auto updated = api_.Call(
      "POST", "/api/v1/people",
      R"({"iin":"950515400122","surname":"Қасымова","given_name":"Аружан","address":"Арал қ."})",
      aral);
  EXPECT_EQ(updated.status, 200);
  EXPECT_EQ(ApiHarness::Json(updated)["address"], "Арал қ.");
  const auto city = api_.Login("clerk");
  EXPECT_EQ(api_.Call("GET", "/api/v1/people/950515400122", "", city).status, 404);
}

// A clerk registering someone held at an office outside their scope learns nothing of it: the
// answer is the one a new registration gets, and a transfer request goes to the owning office.
TEST_P(ApiSuite, RegisteringAPersonHeldElsewhereRevealsNothing) {
  const auto city = api_.Login("clerk");
  const std::string entry = R"(","surname":"Жұмағалиев","given_name":"Асқар","phone":"1"})";
  // 880722300562 is registered at the Aral centre; 900101300017 nowhere.
  auto elsewhere = api_.Call("POST", "/api/v1/people", R"({"iin":"880722300562)" + entry, city);
  auto fresh = api_.Call("POST", "/api/v1/people", R"({"iin":"900101300017)" + entry, city);
  ASSERT_EQ(elsewhere.status, 201) << elsewhere.body;
  ASSERT_EQ(fresh.status, 201) << fresh.body;
  auto a = ApiHarness::Json(elsewhere);
  auto b = ApiHarness::Json(fresh);
  EXPECT_EQ(a["office"], "kzo-city");
  EXPECT_EQ(a["phone"], "1");  // the caller's entry, not the Aral record's
  for (const char* differs : {"iin", "birth_date", "sex", "created_at", "updated_at"}) {
    a.erase(differs);
    b.erase(differs);
  }
  EXPECT_EQ(a, b);
  // Repeated, both read as an update.
  EXPECT_EQ(api_.Call("POST", "/api/v1/people", R"({"iin":"880722300562)" + entry, city).status,
            200);
  EXPECT_EQ(api_.Call("POST", "/api/v1/people", R"({"iin":"900101300017)" + entry, city).status,
            200);
  // The Aral record is untouched until the Aral centre answers the request.
  const auto aral = api_.Login("clerk2");
  auto person = ApiHarness::Json(api_.Call("GET", "/api/v1/people/880722300562", "", aral));
  EXPECT_EQ(person["office"], "kzo-aral");
  EXPECT_EQ(person["phone"], "+7 702 000 0003");
  auto listed = ApiHarness::Json(api_.Call("GET", "/api/v1/transfers", "", aral));
  ASSERT_EQ(listed["items"].size(), 1u) << listed;
  const auto request = listed["items"][0];
  EXPECT_EQ(request["record"], "880722300562");
  EXPECT_EQ(request["requesting_office"], "kzo-city");
  EXPECT_EQ(request["status"], "pending");
  EXPECT_TRUE(ApiHarness::Json(api_.Call("GET", "/api/v1/transfers", "", city))["items"].empty());
  const std::string accept =
      "/api/v1/transfers/" + std::to_string(request["id"].get<int>()) + "/accept";
  // The requesting office may not answer its own request: it is not in its scope.
  EXPECT_EQ(api_.Call("POST", accept, "", city).status, 404);
  EXPECT_EQ(api_.Call("POST", accept, "", api_.Login("executor2")).status, 403);
  auto accepted = api_.Call("POST", accept, "", aral);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(ApiHarness::Json(accepted)["status"], "accepted");
  EXPECT_EQ(api_.Call("POST", accept, "", aral).status, 409);  // answered already
  EXPECT_EQ(ApiHarness::Json(api_.Call("GET", "/api/v1/people/880722300562", "", city))["office"],
            "kzo-city");
  EXPECT_EQ(api_.Call("GET", "/api/v1/people/880722300562", "", aral).status, 404);
}

TEST_P(ApiSuite, ADeclinedTransferLeavesTheRecordWhereItIs) {
  auto r =
      api_.Call("POST", "/api/v1/people",
                R"({"iin":"880722300562","surname":"A","given_name":"B"})", api_.Login("clerk"));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto aral = api_.Login("head2");
  auto listed = ApiHarness::Json(api_.Call("GET", "/api/v1/transfers", "", aral));
  ASSERT_EQ(listed["items"].size(), 1u);
  const std::string decline =
      "/api/v1/transfers/" + std::to_string(listed["items"][0]["id"].get<int>()) + "/decline";
  ASSERT_EQ(api_.Call("POST", decline, "", aral).status, 200);
  auto again = api_.Call("POST", decline, "", aral);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(ApiHarness::Json(again)["error"]["key"], "transfer.decided");
  EXPECT_EQ(ApiHarness::Json(api_.Call("GET", "/api/v1/people/880722300562", "", aral))["office"],
            "kzo-aral");
  EXPECT_TRUE(ApiHarness::Json(api_.Call("GET", "/api/v1/transfers", "", aral))["items"].empty());
  EXPECT_EQ(
      ApiHarness::Json(api_.Call("GET", "/api/v1/transfers?status=declined", "", aral))["items"]
          .size(),
      1u);
}

TEST_P(ApiSuite, RegisteringAnEmployerHeldElsewhereIsATransferRequest) {
  // 111240007891 is registered at the Aral centre.
  auto r = api_.Call(
      "POST", "/api/v1/employers",
      R"({"bin":"111240007891","name":"Тұз","registered_on":"2011-12-20","kato":"431010000"})",
      api_.Login("employers"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(ApiHarness::Json(r)["name"], "Тұз");
  auto listed = ApiHarness::Json(api_.Call("GET", "/api/v1/transfers", "", api_.Login("clerk2")));
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["kind"], "employer");
}

// Another office's task answers exactly as a task that does not exist, whatever the role;
// inside the scope a wrong role is 403.
TEST_P(ApiSuite, AnotherOfficesTaskIsIndistinguishableFromAMissingOne) {
  auto filed =
      api_.Call("POST", "/api/v1/cases",
                R"({"process":"job-seeker-registration","channel":"office",)"
                R"("applicant":{"iin":"851102400347"},"documents":[{"type":"application"},)"
                R"({"type":"identity_document","valid_until":"2030-01-01"}]})",
                api_.Login("clerk"));
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string task = std::to_string(ApiHarness::Json(filed)["tasks"][0]["id"].get<int>());
  for (const char* login : {"clerk2", "head2", "seeker", "employer"}) {
    const auto token = api_.Login(login);
    auto other = api_.Call("POST", "/api/v1/tasks/" + task + "/complete",
                           R"({"outcome":"accepted"})", token);
    auto missing =
        api_.Call("POST", "/api/v1/tasks/99999999/complete", R"({"outcome":"accepted"})", token);
    EXPECT_EQ(other.status, 404) << login << " " << other.body;
    EXPECT_EQ(other.body, missing.body) << login;
    auto document = api_.Call("GET", "/api/v1/tasks/" + task + "/document", "", token);
    EXPECT_EQ(document.status, 404) << login;
  }
  EXPECT_EQ(
      api_.Call("GET", "/api/v1/tasks/" + task + "/document", "", api_.Login("analyst")).status,
      403);
}

TEST_P(ApiSuite, EmployersAndTheirArrears) {
  const auto employer = api_.Login("employer");
  EXPECT_EQ(api_.Call("GET", "/api/v1/employers/080540001238", "", employer).status, 200);
  EXPECT_EQ(api_.Call("GET", "/api/v1/employers/150340004568", "", employer).status, 404);
  const auto specialist = api_.Login("employers");
  auto revenue = api_.Call("GET", "/api/v1/employers/150340004568/revenue", "", specialist);
  ASSERT_EQ(revenue.status, 200) << revenue.body;
  EXPECT_EQ(ApiHarness::Json(revenue)["tax_arrears"]["amount"], 1250000);
  EXPECT_EQ(ApiHarness::Json(revenue)["has_arrears"], true);
  auto mismatch = api_.Call(
      "POST", "/api/v1/employers",
      R"({"bin":"150340004568","name":"X","registered_on":"2016-03-02","kato":"431010000"})",
      specialist);
  EXPECT_EQ(mismatch.status, 422);
}

TEST_P(ApiSuite, RevenueImportIsAllOrNothing) {
  const auto admin = api_.Login("admin");
  const std::string bad =
      "bin,as_of,tax_arrears_tiyn,social_arrears_tiyn\n"
      "080540001238,2026-11-20,500,0\n"
      "080540001239,2026-11-20,0,0\n"
      "111240007891,2026-13-01,-5,0\n";
  auto rejected = api_.Call("POST", "/api/v1/revenue-data", bad, admin, "text/csv");
  ASSERT_EQ(rejected.status, 422);
  auto details = ApiHarness::Json(rejected)["error"]["details"];
  ASSERT_GE(details.size(), 3u);
  EXPECT_EQ(details[0]["field"], "line 3");
  EXPECT_EQ(details[0]["key"], "bin.check_digit");
  const auto employer = api_.Login("employer");
  auto unchanged =
      ApiHarness::Json(api_.Call("GET", "/api/v1/employers/080540001238/revenue", "", employer));
  EXPECT_EQ(unchanged["tax_arrears"]["amount"], 0);

  const std::string good =
      "bin,as_of,tax_arrears_tiyn,social_arrears_tiyn\r\n"
      "080540001238,2026-11-20,500,70\r\n"
      "111240007891,2026-11-20,0,0\r\n";
  auto imported = api_.Call("POST", "/api/v1/revenue-data", good, admin, "text/csv");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(ApiHarness::Json(imported)["imported"], 2);
  auto changed =
      ApiHarness::Json(api_.Call("GET", "/api/v1/employers/080540001238/revenue", "", employer));
  EXPECT_EQ(changed["social_arrears"]["amount"], 70);
  EXPECT_EQ(api_.Call("POST", "/api/v1/revenue-data", good, employer, "text/csv").status, 403);
}

TEST_P(ApiSuite, DeadlineEndpointUsesTheOfficeCalendar) {
  const auto token = api_.Login("clerk");
  // 12:50 local + 20 working minutes skips the 13:00-14:30 lunch.
  auto r = api_.Call(
      "GET", "/api/v1/calendar/deadline?office=kzo-city&from=2026-11-23T07:50:00Z&limit=20min", "",
      token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ApiHarness::Json(r)["due_at"], "2026-11-23T09:40:00Z");
  auto wd = api_.Call(
      "GET", "/api/v1/calendar/deadline?office=kzo-aral&from=2026-11-23T07:50:00Z&limit=1wd", "",
      token);
  EXPECT_EQ(ApiHarness::Json(wd)["due_at"], "2026-11-24T13:30:00Z");
  EXPECT_EQ(
      api_.Call("GET",
                "/api/v1/calendar/deadline?office=kzo-city&from=2026-11-23T07:50:00Z&limit=0min",
                "", token)
          .status,
      400);
  EXPECT_EQ(api_.Call("GET", "/api/v1/calendar/deadline?office=kzo-city&from=yesterday&limit=2h",
                      "", token)
                .status,
            400);
  EXPECT_EQ(api_.Call("GET",
                      "/api/v1/calendar/deadline?office=nowhere&from=2026-11-23T07:50:00Z&limit=2h",
                      "", token)
                .status,
            404);
  EXPECT_EQ(
      api_.Call("GET", "/api/v1/calendar/deadline?office=kzo-city&limit=2h", "", token).status,
      400);
}

TEST_P(ApiSuite, NationalAdministratorOverridesADayAndDeadlinesFollow) {
  const auto admin = api_.Login("national-admin");
  const std::string q =
      "/api/v1/calendar/deadline?office=kzo-city&from=2026-11-23T13:20:00Z&limit=20min";
  // Monday 18:20 + 20 min: 10 today, 10 on Tuesday morning.
  EXPECT_EQ(ApiHarness::Json(api_.Call("GET", q, "", admin))["due_at"], "2026-11-24T04:10:00Z");
  EXPECT_EQ(api_.Call("PUT", "/api/v1/calendar/days/2026-11-24",
                      R"({"working":false,"note":"test act"})", api_.Login("clerk"))
                .status,
            403);
  // The calendar is national: an office administrator may not edit it.
  EXPECT_EQ(api_.Call("PUT", "/api/v1/calendar/days/2026-11-24",
                      R"({"working":false,"note":"test act"})", api_.Login("admin"))
                .status,
            403);
  EXPECT_EQ(api_.Call("DELETE", "/api/v1/calendar/days/2026-11-24", "", api_.Login("admin")).status,
            403);
  auto put = api_.Call("PUT", "/api/v1/calendar/days/2026-11-24",
                       R"({"working":false,"note":"test act"})", admin);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(ApiHarness::Json(put)["working"], false);
  EXPECT_EQ(ApiHarness::Json(api_.Call("GET", q, "", admin))["due_at"], "2026-11-25T04:10:00Z");
  auto days = ApiHarness::Json(
      api_.Call("GET", "/api/v1/calendar/days?from=2026-11-23&to=2026-11-29", "", admin));
  ASSERT_EQ(days.size(), 7u);
  EXPECT_EQ(days[1]["kind"], "override_day_off");
  EXPECT_EQ(days[5]["kind"], "weekend");
  EXPECT_EQ(api_.Call("DELETE", "/api/v1/calendar/days/2026-11-24", "", admin).status, 200);
  EXPECT_EQ(ApiHarness::Json(api_.Call("GET", q, "", admin))["due_at"], "2026-11-24T04:10:00Z");
  EXPECT_EQ(api_.Call("DELETE", "/api/v1/calendar/days/2026-11-24", "", admin).status, 404);
}

TEST_P(ApiSuite, AuditChainDetectsAnEditedRow) {
  const auto admin = api_.Login("admin");
  ASSERT_EQ(api_.Call("GET", "/api/v1/people/851102400347", "", api_.Login("clerk")).status, 200);
  auto ok = ApiHarness::Json(api_.Call("GET", "/api/v1/audit/verify", "", admin));
  EXPECT_EQ(ok["ok"], true);
  EXPECT_GE(ok["events"].get<int>(), 4);
  ASSERT_TRUE(api_.runtime()
                  .db()
                  .Write([](storage::Tx& tx) -> Status {
                    JUMYS_TRY(
                        tx.Exec("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 2"));
                    return {};
                  })
                  .has_value());
  auto broken = ApiHarness::Json(api_.Call("GET", "/api/v1/audit/verify", "", admin));
  EXPECT_EQ(broken["ok"], false);
  EXPECT_EQ(broken["broken_at"], 2);
  EXPECT_EQ(api_.Call("GET", "/api/v1/audit/verify", "", api_.Login("head")).status, 403);
}

TEST_P(ApiSuite, AuditChainDetectsADeletedRow) {
  ASSERT_EQ(api_.Call("GET", "/api/v1/people/851102400347", "", api_.Login("clerk")).status, 200);
  ASSERT_TRUE(api_.runtime().read_log().Flush().has_value());
  auto last = storage::VerifyAudit(api_.runtime().db());
  ASSERT_TRUE(last.has_value() && last->ok);
  ASSERT_TRUE(api_.runtime()
                  .db()
                  .Write([&](storage::Tx& tx) -> Status {
                    JUMYS_TRY(tx.Exec("DELETE FROM audit_events WHERE seq = $1", {last->events}));
                    return {};
                  })
                  .has_value());
  auto v = storage::VerifyAudit(api_.runtime().db());
  ASSERT_TRUE(v.has_value());
  EXPECT_FALSE(v->ok);
}

TEST_P(ApiSuite, OfficesListAndAdminEdit) {
  const auto admin = api_.Login("admin");
  auto list = ApiHarness::Json(api_.Call("GET", "/api/v1/offices", "", api_.Login("seeker")));
  ASSERT_EQ(list.size(), 5u);  // Kyzylorda's three, North Kazakhstan's two
  EXPECT_EQ(list[1]["id"], "kzo-city");
  EXPECT_EQ(list[4]["id"], "nko-petropavl");
  EXPECT_EQ(list[1]["hours"]["mon"]["lunch"], "13:00-14:30");
  json office = list[1];
  office.erase("id");
  office["hours"]["sat"] = {{"hours", "10:00-14:00"}, {"lunch", nullptr}};
  auto put = api_.Call("PUT", "/api/v1/offices/kzo-city", office.dump(), admin);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(ApiHarness::Json(put)["hours"]["sat"]["hours"], "10:00-14:00");
  office["hours"]["sat"] = {{"hours", "14:00-10:00"}};
  EXPECT_EQ(api_.Call("PUT", "/api/v1/offices/kzo-city", office.dump(), admin).status, 422);
  office["time_zone"] = "Mars/Olympus";
  EXPECT_EQ(api_.Call("PUT", "/api/v1/offices/kzo-city", office.dump(), admin).status, 422);
}

TEST_P(ApiSuite, OfficeStaffListsWhomAHeadMayAppoint) {
  const auto head = api_.Login("head");
  auto all = api_.Call("GET", "/api/v1/offices/kzo-city/staff", "", head);
  ASSERT_EQ(all.status, 200) << all.body;
  std::set<std::string> logins;
  const auto all_items = ApiHarness::Json(all)["items"];
  for (const auto& u : all_items) logins.insert(u["login"].get<std::string>());
  EXPECT_TRUE(logins.count("clerk") && logins.count("executor") && logins.count("head"));
  EXPECT_FALSE(logins.count("clerk2"));  // another office
  EXPECT_FALSE(logins.count("seeker"));  // applicants are not staff
  auto executors =
      ApiHarness::Json(api_.Call("GET", "/api/v1/offices/kzo-city/staff?role=executor", "", head));
  ASSERT_EQ(executors["items"].size(), 1u);
  EXPECT_EQ(executors["items"][0], json({{"login", "executor"},
                                         {"full_name", "Динара Ерланқызы Ахметова"},
                                         {"roles", json::array({"executor"})}}));
  // No IINs or password data: only the three fields above.
  EXPECT_EQ(all.body.find("880910400015"), std::string::npos);
  EXPECT_EQ(all.body.find("password"), std::string::npos);
  // Oblast staff see the offices of their oblast; city staff not Aral's; applicants nothing.
  EXPECT_EQ(
      api_.Call("GET", "/api/v1/offices/kzo-city/staff", "", api_.Login("oblast-head")).status,
      200);
  EXPECT_EQ(api_.Call("GET", "/api/v1/offices/kzo-aral/staff", "", head).status, 404);
  EXPECT_EQ(api_.Call("GET", "/api/v1/offices/nowhere/staff", "", head).status, 404);
  // An applicant is outside every office's scope: 404, as for an office that does not exist.
  EXPECT_EQ(api_.Call("GET", "/api/v1/offices/kzo-city/staff", "", api_.Login("seeker")).status,
            404);
  auto bad_role = api_.Call("GET", "/api/v1/offices/kzo-city/staff?role=boss", "", head);
  EXPECT_EQ(bad_role.status, 422);
  EXPECT_EQ(ApiHarness::ErrorCode(bad_role), "invalid_input");
  // A disabled account is no longer offered.
  ASSERT_EQ(api_.Call("PATCH", "/api/v1/users/executor", R"({"active":false})", api_.Login("admin"))
                .status,
            200);
  EXPECT_TRUE(ApiHarness::Json(api_.Call("GET", "/api/v1/offices/kzo-city/staff?role=executor", "",
                                         head))["items"]
                  .empty());
}

TEST_P(ApiSuite, OpenApiDocumentsEveryRoute) {
  auto r = api_.Call("GET", "/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = ApiHarness::Json(r);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  // Every error body: a key and params beside the English, and keyed details per field.
  const auto& schemas = doc["components"]["schemas"];
  const auto& error = schemas["Error"]["properties"]["error"];
  for (const char* member : {"code", "key", "params", "message", "details"}) {
    EXPECT_TRUE(error["properties"].contains(member)) << member;
  }
  EXPECT_EQ(error["properties"]["details"]["items"]["$ref"], "#/components/schemas/ErrorDetail");
  for (const char* member : {"field", "key", "params", "message"}) {
    EXPECT_TRUE(schemas["ErrorDetail"]["properties"].contains(member)) << member;
  }
  std::set<std::string> operation_ids;
  for (const auto& route : api_.runtime().api().router().routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    ASSERT_TRUE(doc["paths"].contains(route.pattern)) << route.pattern;
    ASSERT_TRUE(doc["paths"][route.pattern].contains(method))
        << route.method << " " << route.pattern;
    const auto& op = doc["paths"][route.pattern][method];
    EXPECT_FALSE(op["summary"].get<std::string>().empty()) << route.pattern;
    EXPECT_TRUE(op["responses"].contains("200")) << route.pattern;
    EXPECT_TRUE(operation_ids.insert(op["operationId"].get<std::string>()).second)
        << "duplicate operationId for " << route.pattern;
    if (route.scope != http::Scope::kPublic) {
      EXPECT_TRUE(op["responses"].contains("401")) << route.pattern;
    }
    for (std::size_t open = route.pattern.find('{'); open != std::string::npos;
         open = route.pattern.find('{', open + 1)) {
      const auto name = route.pattern.substr(open + 1, route.pattern.find('}', open) - open - 1);
      bool documented = false;
      for (const auto& p : op["parameters"]) documented |= p["name"] == name && p["in"] == "path";
      EXPECT_TRUE(documented) << name << " of " << route.pattern;
    }
  }
  // Nothing documented that the server does not serve.
  std::size_t documented_operations = 0;
  for (const auto& [path, ops] : doc["paths"].items()) documented_operations += ops.size();
  EXPECT_EQ(documented_operations, api_.runtime().api().router().routes().size());
}

TEST_P(ApiSuite, UnknownRoutesAnswerJson404) {
  auto r = api_.Call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ApiHarness::ErrorCode(r), "not_found");
}

}  // namespace jumys::testing
