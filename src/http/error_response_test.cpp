#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/server.h"

namespace jumys::http {
namespace {

struct Case {
  ErrorCode code;
  int status;
  const char* name;
};

TEST(ErrorResponseTest, MapsEveryCodeToStatusAndWireName) {
  const Case cases[] = {
      {ErrorCode::kInvalidInput, 400, "invalid_input"},
      {ErrorCode::kUnprocessable, 422, "invalid_input"},
      {ErrorCode::kUnauthenticated, 401, "unauthenticated"},
      {ErrorCode::kForbidden, 403, "forbidden"},
      {ErrorCode::kNotFound, 404, "not_found"},
      {ErrorCode::kConflict, 409, "conflict"},
      {ErrorCode::kPayloadTooLarge, 413, "invalid_input"},
      {ErrorCode::kRateLimited, 429, "rate_limited"},
      {ErrorCode::kInternal, 500, "internal"},
      {ErrorCode::kUnavailable, 503, "internal"},
  };
  for (const auto& c : cases) {
    Error sent = Error::Make(c.code, "test.message"_msg, "msg");
    sent.internal = "secret internal detail";
    const auto response = ErrorResponse(sent);
    EXPECT_EQ(response.status, c.status) << c.name;
    EXPECT_EQ(response.content_type, "application/json");
    EXPECT_EQ(response.body.find("secret"), std::string::npos);
    const auto body = nlohmann::json::parse(response.body);
    ASSERT_EQ(body.size(), 1u);
    const auto& error = body.at("error");
    EXPECT_EQ(error.size(), 5u);
    EXPECT_EQ(error.at("code"), c.name);
    EXPECT_EQ(error.at("key"), "test.message");
    EXPECT_EQ(error.at("params"), nlohmann::json::object());
    EXPECT_EQ(error.at("message"), "msg");
    EXPECT_EQ(error.at("details"), nlohmann::json::array());
  }
}

TEST(ErrorResponseTest, CarriesKeyParamsAndDetailsAndHidesInternal) {
  const auto response = ErrorResponse(Error::Unprocessable(
      "test.invalid"_msg, "{count} fields are not valid", {{"count", "2"}},
      {{"iin", "test.checksum"_msg, "checksum mismatch"},
       {"name", "test.quoted"_msg, "Кириллица \"{value}\"", {{"value", "q"}}}}));
  EXPECT_EQ(response.status, 422);
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["error"]["key"], "test.invalid");
  EXPECT_EQ(body["error"]["params"], (nlohmann::json{{"count", "2"}}));
  EXPECT_EQ(body["error"]["message"], "2 fields are not valid");
  EXPECT_EQ(body["error"]["details"], (nlohmann::json::parse(R"([
              {"field": "iin", "key": "test.checksum", "params": {}, "message": "checksum mismatch"},
              {"field": "name", "key": "test.quoted", "params": {"value": "q"},
               "message": "Кириллица \"q\""}])")));

  const auto internal = ErrorResponse(Error::Internal("pq: relation \"cases\" does not exist"));
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("relation"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(internal.body)["error"]["message"], "internal error");
}

TEST(ErrorResponseTest, InvalidUtf8InMessageStillGivesValidJson) {
  const auto response =
      ErrorResponse(Error::Invalid("test.bad_byte"_msg, "bad {byte} byte", {{"byte", "\xff"}},
                                   {{"f\xfe", "test.bad_byte"_msg, "\xfd"}}));
  EXPECT_TRUE(nlohmann::json::accept(response.body));
}

}  // namespace
}  // namespace jumys::http
