#pragma once
// Batch signing (issue 16, item 6): GET /api/v1/signing lists the drafts awaiting the caller's
// signature; each is then signed and completed on its own. On SQLite (signing_api_test.cpp)
// and PostgreSQL (signing_api_pgtest.cpp).
#include "server/case_api_support.h"

namespace jumys::testing {

class SigningApiSuite : public CaseApiTest {
 protected:
  // An S1 case for `iin` worked up to the head's signing step.
  std::int64_t AwaitingSignature(const std::string& iin) {
    const json kase = FileAtOffice("job-seeker-registration", iin);
    const auto turns = ApprovedAtOffice();
    Work("job-seeker-registration", kase["id"], {turns[0], turns[1], turns[2]});
    return kase["id"].get<std::int64_t>();
  }
  static std::vector<std::int64_t> CaseIds(const json& listed) {
    std::vector<std::int64_t> out;
    for (const auto& item : listed["items"]) out.push_back(item["case_id"].get<std::int64_t>());
    return out;
  }
};

TEST_P(SigningApiSuite, TheHeadSeesEachDraftAwaitingTheirSignatureAndSignsThemOneByOne) {
  const std::int64_t first = AwaitingSignature("851102400347");
  const std::int64_t second = AwaitingSignature("951203400783");
  // A case still at the register step is nobody's signature yet.
  const json waiting = FileAtOffice("job-seeker-registration", "780611300895");

  json listed = GetJson("/api/v1/signing", "head");
  ASSERT_EQ(CaseIds(listed), (std::vector<std::int64_t>{first, second})) << listed.dump();
  for (const auto& item : listed["items"]) {
    EXPECT_EQ(item["outcome"], "signed");
    EXPECT_EQ(item["process"], "job-seeker-registration");
    EXPECT_EQ(item["decided_kind"], "notification");
    EXPECT_EQ(item["task"]["step"], "sign");
    EXPECT_EQ(item["task"]["signature_required"], true);
    EXPECT_FALSE(item["process_title"]["kk"].get<std::string>().empty());
    EXPECT_EQ(item["documents_url"],
              "/api/v1/tasks/" + std::to_string(item["task"]["id"].get<int>()) + "/documents");
  }
  EXPECT_NE(listed["items"][0]["case_number"], listed["items"][1]["case_number"]);
  EXPECT_EQ(CaseIds(GetJson("/api/v1/signing", "head")).size(), 2u);
  // Others of the office have nothing to sign; the oblast head does not see the city's drafts.
  EXPECT_TRUE(GetJson("/api/v1/signing", "executor")["items"].empty());
  EXPECT_TRUE(GetJson("/api/v1/signing", "clerk")["items"].empty());
  EXPECT_TRUE(GetJson("/api/v1/signing", "oblast-head")["items"].empty());
  EXPECT_EQ(Get("/api/v1/signing", "seeker").status, 403);
  EXPECT_EQ(api_.Call("GET", "/api/v1/signing", "").status, 401);

  // The first is signed through what the listing gives: its draft, then its outcome.
  const json item = listed["items"][0];
  const json docs = GetJson(item["documents_url"].get<std::string>(), "head");
  ASSERT_EQ(docs["items"].size(), 1u);
  auto draft = Get(docs["items"][0]["url"].get<std::string>(), "head");
  ASSERT_EQ(draft.status, 200);
  // A signature over another draft is refused for this one, and the task stays listed.
  auto other = Get(
      "/api/v1/tasks/" + std::to_string(listed["items"][1]["task"]["id"].get<int>()) + "/document",
      "head");
  const std::string outcome = item["outcome"];
  auto refused =
      Complete(item["task"]["id"], "head", outcome, json::object(), SignAs("head", other.body));
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(CaseIds(GetJson("/api/v1/signing", "head")).size(), 2u);
  auto signed_ =
      Complete(item["task"]["id"], "head", outcome, json::object(), SignAs("head", draft.body));
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_EQ(CaseIds(GetJson("/api/v1/signing", "head")), (std::vector<std::int64_t>{second}));
  EXPECT_NE(waiting["id"], first);
}

}  // namespace jumys::testing
