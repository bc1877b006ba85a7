#include "http/case_json.h"

#include <gtest/gtest.h>

namespace jumys::http {
namespace {

TEST(CaseDetailResponse, AddsTheTimelineWithEachEventsStoredData) {
  const nlohmann::json kase = {{"id", 7}, {"status", "open"}};
  const std::vector<CaseEventRow> events = {
      {3, "2026-11-23T10:00:00Z", "clerk", "case.create", R"({"number":"KZO-1","opened":[]})"},
      {9, "2026-11-23T10:05:00Z", "Әлия \"head\"", "task.complete", R"({"outcome":"assigned"})"},
      {12, "2026-11-23T10:06:00Z", "system", "case.close", ""}};
  const HttpResponse r = CaseDetailResponse(201, kase, events);
  EXPECT_EQ(r.status, 201);
  const nlohmann::json body = nlohmann::json::parse(r.body);
  EXPECT_EQ(body["id"], 7);
  EXPECT_EQ(body["status"], "open");
  ASSERT_EQ(body["events"].size(), 3u);
  EXPECT_EQ(body["events"][0],
            nlohmann::json({{"seq", 3},
                            {"at", "2026-11-23T10:00:00Z"},
                            {"actor", "clerk"},
                            {"action", "case.create"},
                            {"data", {{"number", "KZO-1"}, {"opened", nlohmann::json::array()}}}}));
  EXPECT_EQ(body["events"][1]["actor"], "Әлия \"head\"");
  EXPECT_EQ(body["events"][1]["data"], nlohmann::json({{"outcome", "assigned"}}));
  EXPECT_EQ(body["events"][2]["data"], nlohmann::json::object());  // none stored
  // The stored text itself is what goes out.
  EXPECT_NE(r.body.find(R"("data":{"number":"KZO-1","opened":[]})"), std::string::npos);
}

TEST(CaseDetailResponse, AnEmptyTimelineAndAnEmptyCase) {
  EXPECT_EQ(nlohmann::json::parse(CaseDetailResponse(200, {{"id", 1}}, {}).body),
            nlohmann::json({{"id", 1}, {"events", nlohmann::json::array()}}));
  EXPECT_EQ(CaseDetailResponse(200, nlohmann::json::object(), {}).body, R"({"events":[]})");
}

}  // namespace
}  // namespace jumys::http
