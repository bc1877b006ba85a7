#pragma once
// Multi-document signing without HTTP, on the engine as the server wires it (OutboxSuite's,
// whose signing steps take no EDS check): what a signing step signs follows its `signs:` and the
// decision (S4a 6.7 the notice; after the fee the permit; S4c 6.5 the notice and the permit, a
// refusal only its notice), each kind its own draft, each draft marked as signed with EDS.
// Included by outbox_test.cpp and outbox_pgtest.cpp.
#include "core/testing/run_command.h"
#include "rendering/document_test_support.h"
#include "services/notifications/outbox_support.h"

namespace jumys::testing {

namespace signing_suite {

inline std::vector<std::string> Kinds(
    const std::vector<documents::DocumentService::DraftToSign>& d) {
  std::vector<std::string> out;
  for (const auto& x : d) out.push_back(x.kind);
  return out;
}

}  // namespace signing_suite

TEST(TaskSignaturesTest, OneSignatureServesOneDocumentSeveralAreByKind) {
  const TaskSignatures one("abc");
  EXPECT_EQ(one.For("permit"), "abc");
  TaskSignatures many;
  many.by_kind = {{"decision_notice", "n"}, {"permit", "p"}};
  EXPECT_EQ(many.For("decision_notice"), "n");
  EXPECT_EQ(many.For("permit"), "p");
  EXPECT_EQ(many.For("refusal"), "");
  EXPECT_TRUE(TaskSignatures("").empty());
}

TEST_P(OutboxSuite, ASigningStepSignsWhatItsSignsListsForTheDecision) {
  Use(AllChannels());
  auto& docs = engine().documents();
  const Actor head = engine().As("oblast-head");
  const auto open_task = [&](std::int64_t id, const std::string& step) -> std::int64_t {
    auto detail = engine().cases().Load(id);
    EXPECT_TRUE(detail.has_value());
    for (const auto& t : detail->tasks) {
      if (t.step == step && t.open()) return t.id;
    }
    ADD_FAILURE() << "no open " << step;
    return 0;
  };
  // S4a granted: 6.7 signs the notice only, and its draft says it is signed with EDS.
  const std::int64_t s4a = FileS4();
  MustDo(s4a, "register", "oblast-clerk", "accepted");
  MustDo(s4a, "assign", "oblast-head", "assigned", {{"assignee", "oblast-executor"}});
  MustDo(s4a, "submit_to_commission", "oblast-executor", "submitted");
  DemoStore::Must(engine().db().Write([&](storage::Tx& tx) {
    return commission::PutVote(tx, s4a, {"member", "grant", "", FormatRfc3339(engine().Now())});
  }),
                  "vote");
  MustDo(s4a, "commission_review", "commission", "recommend_grant");
  MustDo(s4a, "prepare_notice", "oblast-executor", "grant");
  const std::int64_t sign = open_task(s4a, "sign_notice");
  auto kinds = docs.DraftsToSign(head, sign, engine().Now());
  ASSERT_TRUE(kinds) << kinds.error().message;
  EXPECT_EQ(signing_suite::Kinds(*kinds), (std::vector<std::string>{"decision_notice"}));
  auto notice = docs.DraftForTask(head, sign, engine().Now());
  ASSERT_TRUE(notice) << notice.error().message;
  EXPECT_EQ(notice->kind, "decision_notice");
  EXPECT_EQ(notice->status, "draft");
  auto permit = docs.DraftForTask(head, sign, engine().Now(), "permit");
  ASSERT_FALSE(permit);
  EXPECT_EQ(permit.error().key, "document.not_signed_here");
  const std::string path = rendering::testing::WriteTempFile("engine-notice.pdf", notice->content);
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + path + " -", &text), 0);
  text = rendering::testing::Normalized(text);
  EXPECT_NE(text.find("Документ подписан электронной цифровой подписью"), std::string::npos)
      << text;
  EXPECT_NE(text.find("он жұмыс күні"), std::string::npos) << text;
  // Signed, then registered and sent (6.8): the notice is issued; no permit before the fee.
  MustDo(s4a, "sign_notice", "oblast-head", "signed");
  MustDo(s4a, "send_notice", "oblast-executor", "notified");
  auto issued = docs.ListCaseDocuments(s4a);
  ASSERT_TRUE(issued);
  std::vector<std::string> issued_kinds;
  for (const auto& d : *issued) issued_kinds.push_back(d.kind);
  EXPECT_EQ(issued_kinds, (std::vector<std::string>{"coupon_receipt", "decision_notice"}));
  MustDo(s4a, "await_fee", "oblast-clerk", "fee_paid",
         {{"payment",
           {{"document_number", "PP-000123"},
            {"paid_on", "2026-11-23"},
            {"amount", {{"amount", 13'764'000}, {"currency", "KZT"}}}}}});
  const std::int64_t sign_permit = open_task(s4a, "sign_permit");
  kinds = docs.DraftsToSign(head, sign_permit, engine().Now());
  ASSERT_TRUE(kinds);
  EXPECT_EQ(signing_suite::Kinds(*kinds), (std::vector<std::string>{"permit"}));
}

}  // namespace jumys::testing
