// Hostile request bodies through the API: nesting deep enough to exhaust the stack of any
// recursive reader, and bodies over the size limit, are refused before anything reads them,
// and the server answers the next request as usual.
#include <gmock/gmock.h>

#include "core/json_reader.h"
#include "server/case_api_support.h"

namespace jumys::testing {
namespace {

using ::testing::HasSubstr;

constexpr int kHostileDepth = 100'000;

std::string DeepArrays(int depth) {
  return std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']');
}

// {"a":{"a":...1...}}: an object, so it gets past the checks for 'data' being an object.
std::string DeepObjects(int depth) {
  std::string out;
  out.reserve(static_cast<std::size_t>(depth) * 6 + 1);
  for (int i = 0; i < depth; ++i) out += R"({"a":)";
  out += '1';
  out.append(static_cast<std::size_t>(depth), '}');
  return out;
}

class InputLimitsTest : public CaseApiTest {
 protected:
  void ExpectTooDeep(const http::HttpResponse& r) {
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(ApiHarness::ErrorCode(r), "invalid_input");
    EXPECT_THAT(ApiHarness::Json(r)["error"]["message"].get<std::string>(),
                HasSubstr("nested deeper than 32 levels"));
  }
  http::HttpResponse PostRaw(const std::string& target, const std::string& body,
                             const std::string& login) {
    return api_.Call("POST", target, body, Token(login));
  }
};

TEST_P(InputLimitsTest, ApplicantsDeepBodyIs400AndTheServerAnswersOn) {
  ExpectTooDeep(PostRaw("/api/v1/cases", DeepArrays(kHostileDepth), "seeker"));
  ExpectTooDeep(PostRaw("/api/v1/cases",
                        R"({"process":"job-seeker-registration","channel":"portal",)"
                        R"("office":"kzo-city","data":)" +
                            DeepObjects(kHostileDepth) + "}",
                        "seeker"));
  EXPECT_EQ(Get("/api/v1/auth/me", "seeker").status, 200);
  // And the applicant can still apply.
  auto kase = FileFromPortal("job-seeker-registration");
  EXPECT_EQ(kase["channel"], "portal");
}

TEST_P(InputLimitsTest, ClerksDeepBodyIs400AndTheServerAnswersOn) {
  ExpectTooDeep(PostRaw("/api/v1/cases",
                        R"({"process":"job-seeker-registration","channel":"office",)"
                        R"("applicant":{"iin":"851102400347"},"data":)" +
                            DeepObjects(kHostileDepth) + "}",
                        "clerk"));
  auto kase = FileAtOffice("job-seeker-registration", "851102400347");
  auto task = QueueTask(kase["id"], "clerk");
  ExpectTooDeep(
      PostRaw("/api/v1/tasks/" + std::to_string(task["id"].get<std::int64_t>()) + "/complete",
              R"({"outcome":"accepted","data":)" + DeepObjects(kHostileDepth) + "}", "clerk"));
  ExpectTooDeep(
      PostRaw("/api/v1/tasks/" + std::to_string(task["id"].get<std::int64_t>()) + "/complete",
              DeepArrays(kHostileDepth), "clerk"));
  // The task is untouched and the server answers.
  EXPECT_EQ(QueueTask(kase["id"], "clerk")["id"], task["id"]);
}

TEST_P(InputLimitsTest, NestingUpToTheLimitIsReadAsUsual) {
  // 31 levels inside the body object: 32 in all, accepted by the parser; the case checks
  // the rest (this process takes any data).
  auto r = PostRaw("/api/v1/cases",
                   R"({"process":"job-seeker-registration","channel":"office",)"
                   R"("applicant":{"iin":"851102400347"},"documents":)" +
                       Documents().dump() + R"(,"data":)" + DeepObjects(31) + "}",
                   "clerk");
  EXPECT_NE(r.status, 500) << r.body;
  EXPECT_NE(r.status, 400) << r.body;
  r = PostRaw("/api/v1/cases",
              R"({"process":"job-seeker-registration","channel":"office",)"
              R"("applicant":{"iin":"851102400347"},"data":)" +
                  DeepObjects(32) + "}",
              "clerk");
  ExpectTooDeep(r);
}

TEST_P(InputLimitsTest, BodyOverTheLimitIs413) {
  const std::string body =
      R"({"process":"job-seeker-registration","note":")" + std::string(kMaxJsonBytes, 'x') + "\"}";
  auto r = PostRaw("/api/v1/cases", body, "seeker");
  EXPECT_EQ(r.status, 413) << r.body.substr(0, 200);
  EXPECT_EQ(ApiHarness::ErrorCode(r), "invalid_input");
  EXPECT_EQ(Get("/api/v1/auth/me", "seeker").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, InputLimitsTest, ::testing::Values(Backend::kSqlite));

}  // namespace
}  // namespace jumys::testing
