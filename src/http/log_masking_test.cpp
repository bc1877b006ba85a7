#include "http/log_masking.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/access_log.h"

namespace jumys::http {
namespace {

TEST(MaskDigitRunsTest, MasksTwelveDigitRunsKeepingTwoEachSide) {
  EXPECT_EQ(MaskDigitRuns("900101300034"), "90********34");
  EXPECT_EQ(MaskDigitRuns("/api/v1/persons/900101300034/cases"),
            "/api/v1/persons/90********34/cases");
  EXPECT_EQ(MaskDigitRuns("iin=900101300034&bin=123456789012"),
            "iin=90********34&bin=12********12");
}

TEST(MaskDigitRunsTest, MasksLongerRunsAndLeavesShorterOnes) {
  EXPECT_EQ(MaskDigitRuns("1234567890123"), "12*********23");
  EXPECT_EQ(MaskDigitRuns("12345678901"), "12345678901");  // 11 digits
  EXPECT_EQ(MaskDigitRuns("/cases/42/tasks/2024-01-05"), "/cases/42/tasks/2024-01-05");
  EXPECT_EQ(MaskDigitRuns("12345678901a123456789012"), "12345678901a12********12");
  EXPECT_EQ(MaskDigitRuns(""), "");
}

TEST(AccessLogTest, FormatsOneParsableJsonObject) {
  const std::string line =
      FormatAccessLog("GET", "/x/900101300034/\"q\"\n\xff", 404, 1234, "req-1");
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["name"], "http_request");
  EXPECT_EQ(json["method"], "GET");
  EXPECT_EQ(json["path"], "/x/90********34/\"q\"\n\xEF\xBF\xBD");
  EXPECT_EQ(json["status"], 404);
  EXPECT_EQ(json["duration_us"], 1234);
  EXPECT_EQ(json["request_id"], "req-1");
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(AccessLogTest, KeepsValidUtf8AndEscapesControls) {
  std::string out;
  AppendJsonEscaped(out, "қала\x01\x7f\\");
  EXPECT_EQ(out, "қала\\u0001\\u007f\\\\");
  out.clear();
  AppendJsonEscaped(out, "\xC0\xAF\xED\xA0\x80");  // overlong slash, surrogate
  EXPECT_EQ(out, "\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd");
}

}  // namespace
}  // namespace jumys::http
