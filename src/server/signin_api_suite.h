#pragma once
// Sign-in against attack: throttling, the failed-login count, idle sessions, sign out
// everywhere, password change and reset, the TOTP second factor and the first administrator.
// Run against SQLite (signin_api_test.cpp) and PostgreSQL (signin_api_pgtest.cpp).
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "security/account_admin.h"
#include "security/accounts.h"
#include "security/token.h"
#include "security/totp.h"
#include "server/testing/api_harness.h"
#include "storage/audit_log.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"

namespace jumys::testing {

class SigninSuite : public ::testing::TestWithParam<Backend> {
 protected:
  SigninSuite() : api_(GetParam(), true, {}, AccountPolicy{}.idle_timeout) {}

  // A sign-in from a given client address.
  http::HttpResponse LoginFrom(const std::string& address, const std::string& login,
                               const std::string& password, const std::string& totp = "") {
    nlohmann::json body = {{"login", login}, {"password", password}};
    if (!totp.empty()) body["totp"] = totp;
    http::HttpRequest request;
    request.method = "POST";
    request.path = "/api/v1/auth/login";
    request.body = body.dump();
    request.request_id = "test";
    request.remote_address = address;
    request.headers["content-type"] = "application/json";
    return api_.runtime().api().Handle(request);
  }

  storage::UserRecord User(const std::string& login) {
    std::optional<storage::UserRecord> user;
    auto s = api_.runtime().db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(user, storage::FindUserByLogin(tx, login));
      return {};
    });
    EXPECT_TRUE(s.has_value());
    if (!user) throw std::runtime_error("no user " + login);
    return *user;
  }

  std::int64_t AuditActions(const std::string& action) {
    return QueryCount(api_.runtime().db(), "SELECT COUNT(*) FROM audit_events WHERE action = $1",
                      {action});
  }

  std::string Token(const http::HttpResponse& r) {
    return ApiHarness::Json(r).at("token").get<std::string>();
  }

  static std::string CodeFor(const std::string& secret, Instant at) {
    return TotpCode(*Base32Decode(secret), TotpStep(at));
  }

  ApiHarness api_;
};

using nlohmann::json;

// The body a wrong password gets, to compare every other refusal with.
inline json WrongPasswordBody(const http::HttpResponse& r) {
  auto body = ApiHarness::Json(r);
  body["error"].erase("request_id");
  return body;
}

TEST_P(SigninSuite, ConcurrentWrongPasswordsAllCountAndTheRightOneThenWaits) {
  Accounts accounts(api_.runtime().db(), api_.runtime().offices(), AccountPolicy{},
                    [this] { return api_.Now(); });
  std::vector<std::thread> threads;
  std::atomic<int> refused{0};
  for (int i = 0; i < 40; ++i) {
    threads.emplace_back([&] {
      auto r = accounts.Login({"head", "wrong-password", "", "198.51.100.7"});
      if (!r && r.error().key == "auth.bad_credentials") ++refused;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused.load(), 40);
  EXPECT_EQ(User("head").failed_logins, 40);
  EXPECT_EQ(*accounts.ThrottleFailures(AddressKey("198.51.100.7")), 40);
  // Counted before checking: only the free attempts had their password checked.
  EXPECT_EQ(*accounts.ThrottleFailures(AccountKey(User("head").id)), 5);
  // The right password is refused like a wrong one while the delay holds...
  auto right = accounts.Login({"head", "demo", "", "198.51.100.7"});
  ASSERT_FALSE(right.has_value());
  EXPECT_EQ(right.error().key, "auth.bad_credentials");
  EXPECT_EQ(right.error().code, ErrorCode::kUnauthenticated);
  // ... and accepted once it has passed.
  api_.Advance(std::chrono::minutes(16));
  auto later = accounts.Login({"head", "demo", "", "198.51.100.7"});
  ASSERT_TRUE(later.has_value()) << later.error().message;
  EXPECT_EQ(User("head").failed_logins, 0);
}

TEST_P(SigninSuite, AThrottledAttemptAnswersExactlyLikeAWrongPassword) {
  http::HttpResponse wrong;
  for (int i = 0; i < 5; ++i) {
    wrong = LoginFrom("198.51.100.8", "admin", "nope");
    ASSERT_EQ(wrong.status, 401);
  }
  auto throttled = LoginFrom("198.51.100.8", "admin", "demo");
  EXPECT_EQ(throttled.status, 401);
  EXPECT_EQ(WrongPasswordBody(throttled), WrongPasswordBody(wrong));
  EXPECT_EQ(ApiHarness::Json(throttled)["error"]["key"], "auth.bad_credentials");
  // An unknown login throttled at the same address looks the same too.
  for (int i = 0; i < 6; ++i) LoginFrom("198.51.100.8", "ghost", "nope");
  EXPECT_EQ(WrongPasswordBody(LoginFrom("198.51.100.8", "ghost", "nope")),
            WrongPasswordBody(wrong));
  EXPECT_GE(AuditActions("login.throttled"), 2);
  EXPECT_GE(AuditActions("login.failed"), 5);
}

TEST_P(SigninSuite, TheDelayDoublesAfterTheFreeAttempts) {
  for (int i = 0; i < 5; ++i) LoginFrom("198.51.100.9", "clerk", "nope");
  // 5th failure: wait 2 s.
  EXPECT_EQ(LoginFrom("198.51.100.9", "clerk", "demo").status, 401);  // 6th: too early
  // The refused 6th attempt counts: now 4 s from it.
  api_.Advance(std::chrono::seconds(3));
  EXPECT_EQ(LoginFrom("198.51.100.9", "clerk", "demo").status, 401);  // 7th: 8 s from now
  api_.Advance(std::chrono::seconds(9));
  EXPECT_EQ(LoginFrom("198.51.100.9", "clerk", "demo").status, 200);
}

TEST_P(SigninSuite, AnAttackerAtOneAddressCannotLockTheAdminOutElsewhere) {
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(LoginFrom("203.0.113.66", "admin", "guess-" + std::to_string(i)).status, 401);
    if (i % 20 == 0) api_.Advance(std::chrono::seconds(30));
  }
  EXPECT_EQ(LoginFrom("203.0.113.66", "admin", "demo").status, 401);
  // Few of the 200 got past the address's own limits to the account's.
  std::int64_t reached_account = 0;
  ASSERT_TRUE(api_.runtime().db().Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(reached_account,
                           storage::LoginKeyFailures(tx, AccountKey(User("admin").id)));
    return {};
  }));
  EXPECT_LT(reached_account, 20);
  auto elsewhere = LoginFrom("192.0.2.10", "admin", "demo");
  EXPECT_EQ(elsewhere.status, 200) << elsewhere.body;
}

TEST_P(SigninSuite, AnAccountLimitSlowsADistributedAttack) {
  for (int i = 0; i < 60; ++i) {
    LoginFrom("198.18.0." + std::to_string(i + 1), "executor", "nope");
  }
  // 50 free attempts, then a delay for the account from any address.
  EXPECT_EQ(LoginFrom("192.0.2.11", "executor", "demo").status, 401);
  api_.Advance(std::chrono::minutes(2));
  EXPECT_EQ(LoginFrom("192.0.2.11", "executor", "demo").status, 200);
}

TEST_P(SigninSuite, ASessionEndsAfterIdleTimeAndItsLastUseIsWrittenAtMostOnceAMinute) {
  auto token = api_.Login("clerk");
  const auto session_of = [&] {
    std::optional<storage::SessionWithUser> found;
    auto s = api_.runtime().db().Read([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(found, storage::FindSession(tx, HashToken(token)));
      return {};
    });
    EXPECT_TRUE(s.has_value());
    return found->session;
  };
  const auto created = session_of().last_seen_at;
  ASSERT_TRUE(created);
  api_.Advance(std::chrono::seconds(30));
  ASSERT_EQ(api_.Call("GET", "/api/v1/auth/me", "", token).status, 200);
  EXPECT_EQ(session_of().last_seen_at, created);  // less than a minute: not written
  api_.Advance(std::chrono::minutes(25));
  ASSERT_EQ(api_.Call("GET", "/api/v1/auth/me", "", token).status, 200);
  EXPECT_NE(session_of().last_seen_at, created);
  api_.Advance(std::chrono::minutes(29));
  ASSERT_EQ(api_.Call("GET", "/api/v1/auth/me", "", token).status, 200);
  api_.Advance(std::chrono::minutes(31));
  auto idle = api_.Call("GET", "/api/v1/auth/me", "", token);
  EXPECT_EQ(idle.status, 401);
  EXPECT_EQ(ApiHarness::Json(idle)["error"]["key"], "auth.session_idle");
}

TEST_P(SigninSuite, SignOutEverywhereEndsEverySessionOfTheAccount) {
  auto first = api_.Login("executor");
  auto second = api_.Login("executor");
  auto other = api_.Login("clerk");
  auto r = api_.Call("POST", "/api/v1/auth/logout-all", "", first);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ApiHarness::Json(r)["sessions_ended"], 2);
  EXPECT_EQ(ApiHarness::Json(api_.Call("GET", "/api/v1/auth/me", "", first))["error"]["key"],
            "auth.session_ended");
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", second).status, 401);
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", other).status, 200);
  EXPECT_EQ(AuditActions("session.logout_all"), 1);
}

TEST_P(SigninSuite, PasswordChangeNeedsTheCurrentOneFollowsThePolicyAndEndsOtherSessions) {
  auto token = api_.Login("clerk");
  auto other = api_.Login("clerk");
  const auto change = [&](const std::string& current, const std::string& replacement) {
    return api_.Call("POST", "/api/v1/auth/password",
                     json{{"current_password", current}, {"new_password", replacement}}.dump(),
                     token);
  };
  auto wrong = change("not-it", "a-long-new-passphrase");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(ApiHarness::Json(wrong)["error"]["details"][0]["field"], "current_password");
  auto short_one = change("demo", "short");
  EXPECT_EQ(short_one.status, 422);
  EXPECT_EQ(ApiHarness::Json(short_one)["error"]["key"], "password.too_short");
  auto login_one = change("demo", "CLERK");
  EXPECT_EQ(login_one.status, 422);
  auto ok = change("demo", "a-long-new-passphrase");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", token).status, 200);
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", other).status, 401);
  EXPECT_EQ(LoginFrom("192.0.2.1", "clerk", "demo").status, 401);
  EXPECT_EQ(LoginFrom("192.0.2.1", "clerk", "a-long-new-passphrase").status, 200);
  EXPECT_EQ(AuditActions("user.password_change"), 1);
  EXPECT_EQ(AuditActions("user.password_change_refused"), 1);
}

TEST_P(SigninSuite, GuessingTheCurrentPasswordThroughASessionIsThrottled) {
  auto token = api_.Login("analyst");
  const auto change = [&](const std::string& current) {
    return api_.Call(
        "POST", "/api/v1/auth/password",
        json{{"current_password", current}, {"new_password", "analyst-passphrase"}}.dump(), token);
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(change("guess-" + std::to_string(i)).status, 422);
  auto early = change("demo");  // right, but too early: refused like a wrong one
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(ApiHarness::Json(early)["error"]["key"], "password.current_wrong");
  api_.Advance(std::chrono::minutes(16));
  EXPECT_EQ(change("demo").status, 200);
}

TEST_P(SigninSuite, AResetPasswordMustBeChangedBeforeAnythingElse) {
  auto admin = api_.Login("admin");
  auto old_session = api_.Login("clerk");
  EXPECT_EQ(api_.Call("POST", "/api/v1/users/clerk/password-reset", "", api_.Login("head")).status,
            403);
  EXPECT_EQ(api_.Call("POST", "/api/v1/users/nobody/password-reset", "", admin).status, 404);
  EXPECT_EQ(api_.Call("POST", "/api/v1/users/seeker/password-reset", "", admin).status, 404);
  auto reset = api_.Call("POST", "/api/v1/users/clerk/password-reset", "", admin);
  ASSERT_EQ(reset.status, 200) << reset.body;
  const auto once = ApiHarness::Json(reset)["one_time_password"].get<std::string>();
  EXPECT_EQ(once.size(), 19u);
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", old_session).status, 401);
  EXPECT_EQ(AuditActions("user.password_reset"), 1);

  auto signed_in = LoginFrom("192.0.2.2", "clerk", once);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(ApiHarness::Json(signed_in)["user"]["must_change_password"], true);
  const auto token = Token(signed_in);
  auto refused = api_.Call("GET", "/api/v1/people/851102400347", "", token);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(ApiHarness::Json(refused)["error"]["key"], "auth.password_change_required");
  EXPECT_EQ(api_.Call("GET", "/api/v1/auth/me", "", token).status, 200);
  auto changed = api_.Call(
      "POST", "/api/v1/auth/password",
      json{{"current_password", once}, {"new_password", "clerk-chose-this-one"}}.dump(), token);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(api_.Call("GET", "/api/v1/people/851102400347", "", token).status, 200);
  EXPECT_EQ(
      ApiHarness::Json(api_.Call("GET", "/api/v1/auth/me", "", token))["must_change_password"],
      false);
}

TEST_P(SigninSuite, ATotpSecondFactorIsEnrolledConfirmedRequiredAndRemovable) {
  auto token = api_.Login("head");
  EXPECT_EQ(api_.Call("POST", "/api/v1/auth/totp", "", api_.Login("seeker")).status, 403);
  auto begun = api_.Call("POST", "/api/v1/auth/totp", "", token);
  ASSERT_EQ(begun.status, 200) << begun.body;
  const auto secret = ApiHarness::Json(begun)["secret"].get<std::string>();
  EXPECT_EQ(ApiHarness::Json(begun)["otpauth_uri"].get<std::string>().rfind(
                "otpauth://totp/jumys:head?secret=" + secret, 0),
            0u);
  // Not in force until confirmed.
  EXPECT_EQ(LoginFrom("192.0.2.3", "head", "demo").status, 200);
  auto bad = api_.Call("POST", "/api/v1/auth/totp/confirm", R"({"code":"000000"})", token);
  EXPECT_EQ(bad.status, 422);
  auto confirmed = api_.Call("POST", "/api/v1/auth/totp/confirm",
                             json{{"code", CodeFor(secret, api_.Now())}}.dump(), token);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(ApiHarness::Json(api_.Call("GET", "/api/v1/auth/me", "", token))["second_factor"],
            true);
  EXPECT_EQ(User("head").totp_secret, secret);

  const auto before = User("head").failed_logins;
  auto missing = LoginFrom("192.0.2.3", "head", "demo");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(ApiHarness::Json(missing)["error"]["key"], "auth.bad_credentials");
  EXPECT_EQ(LoginFrom("192.0.2.3", "head", "demo", "123456").status, 401);
  EXPECT_EQ(User("head").failed_logins, before + 2);
  // The confirming code was used already; the next step's code signs in, once.
  api_.Advance(std::chrono::seconds(30));
  const auto code = CodeFor(secret, api_.Now());
  EXPECT_EQ(LoginFrom("192.0.2.3", "head", "demo", code).status, 200);
  EXPECT_EQ(LoginFrom("192.0.2.3", "head", "demo", code).status, 401);
  EXPECT_EQ(api_.Call("POST", "/api/v1/auth/totp", "", token).status, 409);

  EXPECT_EQ(api_.Call("DELETE", "/api/v1/users/head/totp", "", token).status, 403);
  auto removed = api_.Call("DELETE", "/api/v1/users/head/totp", "", api_.Login("admin"));
  ASSERT_EQ(removed.status, 200) << removed.body;
  EXPECT_EQ(LoginFrom("192.0.2.3", "head", "demo").status, 200);
  EXPECT_EQ(AuditActions("user.totp_enrol"), 1);
  EXPECT_EQ(AuditActions("user.totp_remove"), 1);
}

TEST_P(SigninSuite, TheFirstAdministratorIsCreatedOnceWithAOneTimePassword) {
  const Instant now = api_.Now();
  auto refused = CreateFirstAdministrator(api_.runtime().db(), api_.runtime().offices(),
                                          {"root", "", "kzo-oblast"}, false, now);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().key, "account.admin_exists");
  EXPECT_FALSE(CreateFirstAdministrator(api_.runtime().db(), api_.runtime().offices(),
                                        {"root", "", "no-such-office"}, true, now));
  auto created = CreateFirstAdministrator(api_.runtime().db(), api_.runtime().offices(),
                                          {"root", "Root", "kzo-oblast"}, true, now);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_TRUE(User("root").must_change_password);
  auto signed_in = LoginFrom("127.0.0.1", "root", *created);
  ASSERT_EQ(signed_in.status, 200);
  EXPECT_EQ(api_.Call("GET", "/api/v1/users", "", Token(signed_in)).status, 403);
  EXPECT_FALSE(CreateFirstAdministrator(api_.runtime().db(), api_.runtime().offices(),
                                        {"root", "", "kzo-oblast"}, true, now));
}

}  // namespace jumys::testing
