// A 5xx tells the client only "internal error"; its cause must reach the log, with the
// request id to find it by and personal identifiers masked.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/access_log.h"
#include "http/testing/captured_log.h"
#include "server/testing/api_harness.h"

namespace jumys::testing {
namespace {

using http::testing::CapturedLog;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(InternalErrorLog, FormatsOneMaskedJsonLine) {
  const auto line = http::FormatInternalErrorLog(
      "GET", "/api/v1/people/900515300127", 500, "req-1",
      "UPDATE people SET x = 1 WHERE iin = '900515300127': disk I/O error \"quoted\"");
  auto parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["name"], "internal_error");
  EXPECT_EQ(parsed["method"], "GET");
  EXPECT_EQ(parsed["path"], "/api/v1/people/90********27");
  EXPECT_EQ(parsed["status"], 500);
  EXPECT_EQ(parsed["request_id"], "req-1");
  EXPECT_EQ(parsed["error"],
            "UPDATE people SET x = 1 WHERE iin = '90********27': disk I/O error \"quoted\"");
  EXPECT_THAT(line, Not(HasSubstr("900515300127")));
}

TEST(InternalErrorLog, ADatabaseFailureIsLoggedWithTheRequestId) {
  ApiHarness api(Backend::kSqlite);
  const auto token = api.Login("clerk");
  // The store breaks under the running API: the person lookup's SQL now fails.
  ASSERT_TRUE(api.runtime().db().ExecScript("ALTER TABLE people RENAME TO people_gone"));

  CapturedLog log;
  http::HttpRequest request;
  request.method = "GET";
  request.path = "/api/v1/people/900515300127";
  request.request_id = "req-db-failure";
  request.headers["authorization"] = "Bearer " + token;
  const auto response = api.runtime().api().Handle(request);

  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(ApiHarness::Json(response)["error"]["message"], "internal error");
  EXPECT_THAT(response.body, Not(HasSubstr("people"))) << "the cause stays out of the response";
  std::vector<nlohmann::json> lines;
  for (auto& line : log.Lines()) {
    if (line["name"] == "internal_error") lines.push_back(std::move(line));
  }
  ASSERT_EQ(lines.size(), 1u) << log.Text();
  EXPECT_EQ(lines[0]["name"], "internal_error");
  EXPECT_EQ(lines[0]["request_id"], "req-db-failure");
  EXPECT_EQ(lines[0]["status"], 500);
  EXPECT_EQ(lines[0]["path"], "/api/v1/people/90********27");
  EXPECT_THAT(lines[0]["error"].get<std::string>(), HasSubstr("no such table: people"));
  EXPECT_THAT(log.Text(), Not(HasSubstr("900515300127")));
}

TEST(InternalErrorLog, ClientErrorsAreNotLoggedAsInternal) {
  ApiHarness api(Backend::kSqlite);
  CapturedLog log;
  EXPECT_EQ(api.Call("GET", "/api/v1/people/900515300127").status, 401);
  EXPECT_EQ(api.Call("POST", "/api/v1/auth/login", "[[[").status, 400);
  EXPECT_THAT(log.Text(), Not(HasSubstr("internal_error")));
}

}  // namespace
}  // namespace jumys::testing
