#pragma once
// No replay (issue 13): a portal application signs a single-use challenge the server issued,
// used up in the transaction that creates the case, so the same signed body makes one case
// however often and however concurrently it is posted; applicants sign in with their EDS key
// by signing a sign-in challenge. On SQLite (eds_api_test.cpp) and PostgreSQL
// (eds_api_pgtest.cpp).
#include <thread>
#include <vector>

#include "server/case_api_support.h"

namespace jumys::testing {

class EdsApiSuite : public CaseApiTest {
 protected:
  static json Application() {
    return {{"process", "job-seeker-registration"},
            {"channel", "portal"},
            {"office", "kzo-city"},
            {"documents", Documents(false)}};
  }

  std::string Count(const std::string& sql) {
    std::string out;
    EXPECT_TRUE(api_.runtime()
                    .db()
                    .Read([&](storage::Tx& tx) -> Status {
                      JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql));
                      out = rows.Text(0, 0);
                      return {};
                    })
                    .has_value());
    return out;
  }
  std::string Cases() { return Count("SELECT COUNT(*) FROM cases"); }

  static std::string Key(const http::HttpResponse& r) {
    const json body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("error")) return "";
    return body["error"].value("key", "");
  }

  // A sign-in challenge from the public route.
  std::string SignInChallenge() {
    auto r = api_.Call("POST", "/api/v1/auth/eds-challenge", "{}");
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body).at("challenge").get<std::string>();
  }
  // POST /api/v1/auth/eds-login with `challenge` signed by the key file `key`.
  http::HttpResponse EdsLogin(const std::string& challenge, const std::string& key) {
    return api_.Call("POST", "/api/v1/auth/eds-login",
                     json{{"challenge", challenge}, {"signature", SignAs(key, challenge)}}.dump());
  }
};

TEST_P(EdsApiSuite, AChallengeIsIssuedToTheApplicantForAFewMinutes) {
  auto r = Post("/api/v1/challenges", json::object(), "seeker");
  ASSERT_EQ(r.status, 201) << r.body;
  const json c = json::parse(r.body);
  EXPECT_EQ(c["purpose"], "portal-request");
  EXPECT_EQ(c["challenge"].get<std::string>().size(), 43u);
  EXPECT_EQ(c["issued_at"], FormatRfc3339(api_.Now()));
  EXPECT_EQ(c["expires_at"], FormatRfc3339(api_.Now() + std::chrono::minutes(5)));
  EXPECT_NE(Challenge("seeker"), c["challenge"].get<std::string>()) << "each one is new";
  // Staff file at the office: a portal challenge is not theirs to ask for.
  EXPECT_EQ(Post("/api/v1/challenges", json::object(), "clerk").status, 403);
  EXPECT_EQ(api_.Call("POST", "/api/v1/challenges", "{}").status, 401);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM challenges WHERE user_id IS NOT NULL AND "
                  "purpose = 'portal-request'"),
            "2");
}

TEST_P(EdsApiSuite, TheSameSignedBodyPostedThreeTimesMakesOneCase) {
  const json signed_body = SignedRequest(Application(), "seeker");
  auto first = Post("/api/v1/cases", signed_body, "seeker");
  ASSERT_EQ(first.status, 201) << first.body;
  const json created = ApiHarness::Json(first)["events"].front();
  EXPECT_EQ(created["data"]["signed_request"]["challenge"], signed_body["challenge"]);
  for (int i = 0; i < 2; ++i) {
    auto again = Post("/api/v1/cases", signed_body, "seeker");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(ApiHarness::ErrorCode(again), "conflict");
    EXPECT_EQ(Key(again), "challenge.used") << again.body;
  }
  EXPECT_EQ(Cases(), "1");
  EXPECT_EQ(GetJson("/api/v1/cases", "seeker")["items"].size(), 1u);
  // A new challenge, signed anew, is a new application: it passes the signature check and meets
  // the service's own rule (one open S1 case per person), not the replay guard.
  auto next = Post("/api/v1/cases", SignedRequest(Application(), "seeker"), "seeker");
  EXPECT_EQ(next.status, 409) << next.body;
  EXPECT_EQ(Key(next), "case.one_open_case") << next.body;
  EXPECT_EQ(Cases(), "1");
}

TEST_P(EdsApiSuite, AStaleSignedBodyCreatesNothing) {
  const json signed_body = SignedRequest(Application(), "seeker");
  api_.Advance(std::chrono::minutes(5) + std::chrono::seconds(1));
  auto stale = Post("/api/v1/cases", signed_body, "seeker");
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Key(stale), "challenge.expired") << stale.body;
  EXPECT_EQ(Cases(), "0");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM challenges WHERE used_at IS NOT NULL"), "0");
}

TEST_P(EdsApiSuite, AChallengeOnlyServesItsOwnApplicantAndPurpose) {
  // The employer's challenge, in the seeker's correctly signed request.
  json body = Application();
  body["challenge"] = Challenge("employer");
  body["signature"] = SignAs("seeker", CanonicalJson(body));
  auto theirs = Post("/api/v1/cases", body, "seeker");
  EXPECT_EQ(theirs.status, 409) << theirs.body;
  EXPECT_EQ(Key(theirs), "challenge.unknown");
  // A sign-in challenge is no portal challenge; nor is one the server never issued.
  for (const std::string& challenge :
       {SignInChallenge(), std::string("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        std::string("not-a-challenge")}) {
    json other = Application();
    other["challenge"] = challenge;
    other["signature"] = SignAs("seeker", CanonicalJson(other));
    auto r = Post("/api/v1/cases", other, "seeker");
    EXPECT_EQ(r.status, 409) << r.body;
    EXPECT_EQ(Key(r), "challenge.unknown") << challenge;
  }
  EXPECT_EQ(Cases(), "0");
}

TEST_P(EdsApiSuite, APortalRequestMustSignAChallenge) {
  json body = Application();
  body["signature"] = SignAs("seeker", CanonicalJson(body));
  auto r = Post("/api/v1/cases", body, "seeker");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(Key(r), "case.portal_needs_challenge");
  EXPECT_EQ(DetailKeys(r), (json{{"challenge", "case.portal_needs_challenge"}}));
  // The challenge is inside the signed content: changing it breaks the signature.
  json swapped = SignedRequest(Application(), "seeker");
  swapped["challenge"] = Challenge("seeker");
  auto broken = Post("/api/v1/cases", swapped, "seeker");
  EXPECT_EQ(broken.status, 422) << broken.body;
  EXPECT_NE(broken.body.find("signed content does not match"), std::string::npos);
  EXPECT_EQ(Cases(), "0");
}

TEST_P(EdsApiSuite, ConcurrentPostsOfOneSignedBodyMakeOneCase) {
  const json signed_body = SignedRequest(Application(), "seeker");
  const std::string token = Token("seeker");
  const std::string text = signed_body.dump();
  constexpr int kPosts = 8;
  std::vector<int> statuses(kPosts);
  std::vector<std::thread> threads;
  for (int i = 0; i < kPosts; ++i) {
    threads.emplace_back(
        [&, i] { statuses[i] = api_.Call("POST", "/api/v1/cases", text, token).status; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), kPosts - 1);
  EXPECT_EQ(Cases(), "1");
}

TEST_P(EdsApiSuite, AnApplicantSignsInWithTheirKey) {
  auto r = EdsLogin(SignInChallenge(), "seeker");
  ASSERT_EQ(r.status, 200) << r.body;
  const json body = json::parse(r.body);
  EXPECT_EQ(body["user"]["login"], "seeker");
  EXPECT_EQ(body["user"]["iin"], "900515300127");
  EXPECT_EQ(body["user"]["roles"], json::array({"job_seeker"}));
  EXPECT_FALSE(body["user"]["full_name"].get<std::string>().empty());
  EXPECT_EQ(body["expires_at"], FormatRfc3339(api_.Now() + std::chrono::hours(12)));
  bool cookie = false;
  for (const auto& [name, value] : r.headers) {
    if (name == "Set-Cookie" &&
        value.rfind("jumys_session=" + body["token"].get<std::string>(), 0) == 0) {
      cookie = value.find("HttpOnly") != std::string::npos;
    }
  }
  EXPECT_TRUE(cookie) << "the session cookie, as the password sign-in sets it";
  auto me = api_.Call("GET", "/api/v1/auth/me", "", body["token"]);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body)["login"], "seeker");
  // The same answer shape as the password sign-in.
  auto password = api_.Call("POST", "/api/v1/auth/login",
                            json{{"login", "seeker"}, {"password", "demo"}}.dump());
  json a = json::parse(password.body), b = body;
  a.erase("token"), b.erase("token");
  EXPECT_EQ(a, b);
  // The employer's key (BIN in the certificate) signs in the employer's account.
  auto employer = EdsLogin(SignInChallenge(), "employer");
  ASSERT_EQ(employer.status, 200) << employer.body;
  EXPECT_EQ(json::parse(employer.body)["user"]["login"], "employer");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), "3");
}

TEST_P(EdsApiSuite, ASignInSignatureIsUsedOnce) {
  const std::string challenge = SignInChallenge();
  const std::string body =
      json{{"challenge", challenge}, {"signature", SignAs("seeker", challenge)}}.dump();
  const std::string sessions = Count("SELECT COUNT(*) FROM sessions");
  constexpr int kPosts = 6;
  std::vector<int> statuses(kPosts);
  std::vector<std::thread> threads;
  for (int i = 0; i < kPosts; ++i) {
    threads.emplace_back(
        [&, i] { statuses[i] = api_.Call("POST", "/api/v1/auth/eds-login", body).status; });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 200), 1);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 409), kPosts - 1);
  auto again = api_.Call("POST", "/api/v1/auth/eds-login", body);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Key(again), "challenge.used");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), std::to_string(std::stoi(sessions) + 1));
  // A stale one, and a portal challenge, do not sign in either.
  const std::string stale = SignInChallenge();
  api_.Advance(std::chrono::minutes(6));
  EXPECT_EQ(Key(EdsLogin(stale, "seeker")), "challenge.expired");
  EXPECT_EQ(Key(EdsLogin(Challenge("seeker"), "seeker")), "challenge.unknown");
}

TEST_P(EdsApiSuite, AKeyWithoutAnApplicantAccountAnswersAsAWrongPassword) {
  // The head's key is valid, but no applicant account has the head's IIN.
  auto r = EdsLogin(SignInChallenge(), "head");
  auto wrong = api_.Call("POST", "/api/v1/auth/login",
                         json{{"login", "seeker"}, {"password", "wrong"}}.dump());
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(r.status, wrong.status);
  EXPECT_EQ(r.body, wrong.body);
  // Keys that do not verify are refused with the reason, and sign no one in.
  EXPECT_EQ(EdsLogin(SignInChallenge(), "revoked").status, 422);
  EXPECT_EQ(EdsLogin(SignInChallenge(), "expired").status, 422);
  EXPECT_EQ(EdsLogin(SignInChallenge(), "untrusted").status, 422);
  const std::string challenge = SignInChallenge();
  auto tampered = api_.Call(
      "POST", "/api/v1/auth/eds-login",
      json{{"challenge", challenge}, {"signature", SignAs("seeker", challenge + "x")}}.dump());
  EXPECT_EQ(tampered.status, 422) << tampered.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), "0");
}

}  // namespace jumys::testing
