#pragma once
// The dispatcher against real servers on loopback (aiosmtpd; the SMS gateway stand-in), on
// both stores, with a clock the test moves: retries with back-off and an attempt log, the same
// message id on every try, receipts and final failures. Include from one test file per binary
// and instantiate DispatcherSuite with a Backend (with notification_nodes_suite.h).
#include "services/notifications/testing/dispatcher_fixture.h"

namespace jumys::notifications {

TEST_P(DispatcherSuite, AnSmsFailingTwiceIsRetriedAfterItsPausesThenAwaitsItsReceipt) {
  testing::SmsGatewayTestServer gateway({.fail_first = 2, .api_key = "gateway-key"});
  gateway.Start();
  auto dispatcher = Dispatcher("node-a");
  dispatcher->SetChannel("sms", std::make_unique<SmsGatewayChannel>(SmsGatewayConfig{
                                    .url = gateway.Url(), .api_key = "gateway-key"}));
  const auto message = Enqueue("sms", "+77011234567", "ru");
  EXPECT_EQ(message.status, "created");

  EXPECT_EQ(Run(*dispatcher), 1);
  auto row = Row(message.id);
  EXPECT_EQ(row.status, "created");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_attempt_at, FormatRfc3339(Now() + RetryDelay(1)));
  EXPECT_FALSE(row.lease_owner);
  EXPECT_EQ(Run(*dispatcher), 0) << "not due before its pause is over";
  Advance(RetryDelay(1) - std::chrono::seconds(1));
  EXPECT_EQ(Run(*dispatcher), 0);
  Advance(std::chrono::seconds(1));

  EXPECT_EQ(Run(*dispatcher), 1);
  row = Row(message.id);
  EXPECT_EQ(row.status, "created");
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.next_attempt_at, FormatRfc3339(Now() + RetryDelay(2)));
  EXPECT_GT(RetryDelay(2), RetryDelay(1));
  Advance(RetryDelay(2));

  EXPECT_EQ(Run(*dispatcher), 1);
  row = Row(message.id);
  EXPECT_EQ(row.status, "sending");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(row.sent_at, NowText());
  EXPECT_FALSE(row.delivered_at);
  const auto attempts = Attempts(message.id);
  EXPECT_EQ(Outcomes(attempts), (Lines{"1 temporary-failure", "2 temporary-failure", "3 sending"}));
  EXPECT_NE(attempts[0].detail.find("503"), std::string::npos) << attempts[0].detail;
  Advance(std::chrono::hours(5));
  EXPECT_EQ(Run(*dispatcher), 0) << "a message sent is not sent again";

  // The gateway saw one message three times, under one id.
  const auto requests = gateway.Requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& r : requests) {
    EXPECT_EQ(r.Header("idempotency-key"), message.reference);
    EXPECT_EQ(r.json.value("reference", ""), message.reference);
    EXPECT_EQ(r.json.value("to", ""), "+77011234567");
    EXPECT_EQ(r.json.value("text", ""), message.body);
  }
  EXPECT_EQ(requests[0].status, 503);
  EXPECT_EQ(requests[2].status, 202);
  EXPECT_NE(message.body.find("принято"), std::string::npos) << message.body;

  // The receipt settles it, once.
  bool applied = false;
  jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(applied,
                           storage::ApplyReceipt(tx, message.reference, "delivered", NowText()));
    return {};
  }),
                                  "receipt");
  EXPECT_TRUE(applied);
  row = Row(message.id);
  EXPECT_EQ(row.status, "delivered");
  EXPECT_EQ(row.delivered_at, NowText());
  jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        applied, storage::ApplyReceipt(tx, message.reference, "permanent-failure", NowText()));
    return {};
  }),
                                  "receipt again");
  EXPECT_FALSE(applied) << "a delivered message stays delivered";
  EXPECT_EQ(Row(message.id).status, "delivered");
}

TEST_P(DispatcherSuite, AReceiptThatComesBeforeTheSendIsRecordedStands) {
  testing::SmsGatewayTestServer gateway({.api_key = "gateway-key"});
  gateway.Start();
  auto dispatcher = Dispatcher("node-a");
  auto channel = std::make_unique<ReceiptFirst>(std::make_unique<SmsGatewayChannel>(
      SmsGatewayConfig{.url = gateway.Url(), .api_key = "gateway-key"}));
  std::vector<bool> applied;
  channel->receipt = [&](const OutgoingMessage& m) {
    jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
      JUMYS_ASSIGN_OR_RETURN(bool ok,
                             storage::ApplyReceipt(tx, m.reference, "delivered", NowText()));
      applied.push_back(ok);
      return {};
    }),
                                    "receipt");
  };
  dispatcher->SetChannel("sms", std::move(channel));
  const auto message = Enqueue("sms", "+77011234567", "en");
  EXPECT_EQ(Run(*dispatcher), 1);
  EXPECT_EQ(applied, (std::vector<bool>{true}));
  const auto row = Row(message.id);
  EXPECT_EQ(row.status, "delivered") << "the gateway said it was delivered";
  EXPECT_EQ(row.delivered_at, NowText());
  EXPECT_EQ(row.sent_at, NowText());
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(row.lease_owner);
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 sending"}));
  Advance(std::chrono::hours(5));
  EXPECT_EQ(Run(*dispatcher), 0);
  EXPECT_EQ(gateway.Requests().size(), 1u);
}

TEST_P(DispatcherSuite, AnEmailArrivesWithItsIdSubjectInTheRecipientsLanguageAndTheCaseLink) {
  testing::SmtpTestServer server;
  server.Start();
  auto dispatcher = Dispatcher("node-a");
  dispatcher->SetChannel("email", std::make_unique<SmtpChannel>(Smtp(server)));
  const auto ru = Enqueue("email", "hr@aral-fish.example", "ru");
  const auto en = Enqueue("email", "boss@aral-fish.example", "en");
  ASSERT_NE(ru.case_id, en.case_id);

  EXPECT_EQ(Run(*dispatcher), 2);
  for (const auto* m : {&ru, &en}) {
    const auto row = Row(m->id);
    EXPECT_EQ(row.status, "delivered");
    EXPECT_EQ(row.attempts, 1);
    EXPECT_EQ(row.delivered_at, NowText());
    EXPECT_EQ(Outcomes(Attempts(m->id)), (Lines{"1 delivered"}));
  }
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 2u);
  const testing::ReceivedMail& first =
      mails[0].Header("X-Jumys-Reference") == ru.reference ? mails[0] : mails[1];
  const testing::ReceivedMail& second = &first == &mails[0] ? mails[1] : mails[0];
  std::string number_ru, number_en;
  {
    auto loaded = Row(ru.id);
    number_ru = loaded.subject.substr(loaded.subject.rfind(' ') + 1);
    number_en = Row(en.id).subject.substr(Row(en.id).subject.rfind(' ') + 1);
  }
  EXPECT_EQ(first.Header("Message-ID"), "<" + ru.reference + "@jumys>");
  EXPECT_EQ(first.Header("X-Jumys-Reference"), ru.reference);
  EXPECT_EQ(first.rcpt_tos, (std::vector<std::string>{"hr@aral-fish.example"}));
  EXPECT_EQ(first.subject, "Заявление принято: " + number_ru);
  EXPECT_EQ(first.Header("Content-Language"), "ru");
  EXPECT_EQ(second.Header("Message-ID"), "<" + en.reference + "@jumys>");
  EXPECT_EQ(second.subject, "Application accepted: " + number_en);
  EXPECT_EQ(second.Header("Content-Language"), "en");
  const std::string link_ru = "https://jumys.example/cases/" + std::to_string(*ru.case_id);
  const auto* text = first.Part("text/plain");
  const auto* html = first.Part("text/html");
  ASSERT_NE(text, nullptr);
  ASSERT_NE(html, nullptr);
  EXPECT_NE(text->content.find(link_ru), std::string::npos) << text->content;
  EXPECT_NE(text->content.find(number_ru), std::string::npos) << text->content;
  EXPECT_NE(html->content.find("<a href=\"" + link_ru + "\">"), std::string::npos) << html->content;
  EXPECT_NE(html->content.find("lang=\"ru\""), std::string::npos);
  EXPECT_EQ(Run(*dispatcher), 0);
}

TEST_P(DispatcherSuite, TemporaryFailuresEndAfterMaxAttempts) {
  testing::SmtpTestServer server({.tempfail_recipients = {"busy"}});
  server.Start();
  auto dispatcher = Dispatcher("node-a", {.max_attempts = 3});
  dispatcher->SetChannel("email", std::make_unique<SmtpChannel>(Smtp(server)));
  const auto message = Enqueue("email", "busy@aral-fish.example", "kk");
  for (int attempt = 1; attempt <= 3; ++attempt) {
    SCOPED_TRACE(attempt);
    EXPECT_EQ(Run(*dispatcher), 1);
    Advance(RetryDelay(attempt));
  }
  const auto row = Row(message.id);
  EXPECT_EQ(row.status, "temporary-failure");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_FALSE(row.lease_owner);
  EXPECT_FALSE(row.sent_at);
  const auto attempts = Attempts(message.id);
  EXPECT_EQ(Outcomes(attempts),
            (Lines{"1 temporary-failure", "2 temporary-failure", "3 temporary-failure"}));
  EXPECT_NE(attempts[2].detail.find("451"), std::string::npos) << attempts[2].detail;
  Advance(std::chrono::hours(24));
  EXPECT_EQ(Run(*dispatcher), 0) << "a final failure is not retried by itself";
  EXPECT_TRUE(server.Messages().empty());
}

TEST_P(DispatcherSuite, APermanentFailureIsNotRetried) {
  testing::SmtpTestServer server({.reject_recipients = {"nobody"}});
  server.Start();
  auto dispatcher = Dispatcher("node-a");
  dispatcher->SetChannel("email", std::make_unique<SmtpChannel>(Smtp(server)));
  const auto message = Enqueue("email", "nobody@aral-fish.example", "kk");
  EXPECT_EQ(Run(*dispatcher), 1);
  auto row = Row(message.id);
  EXPECT_EQ(row.status, "permanent-failure");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 permanent-failure"}));
  Advance(std::chrono::hours(24));
  EXPECT_EQ(Run(*dispatcher), 0);
  EXPECT_TRUE(server.Messages().empty());

  // By hand it goes back to the queue and is tried once more.
  bool requeued = false;
  jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(requeued, storage::RequeueNotification(tx, message.id, NowText()));
    return {};
  }),
                                  "requeue");
  EXPECT_TRUE(requeued);
  EXPECT_EQ(Run(*dispatcher), 1);
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 permanent-failure", "2 permanent-failure"}));
}

TEST_P(DispatcherSuite, AChannelNotConfiguredIsATechnicalFailureRetried) {
  auto dispatcher = Dispatcher("node-a");
  const auto message = Enqueue("sms", "+77011234567", "kk");
  EXPECT_EQ(Run(*dispatcher), 1);
  const auto row = Row(message.id);
  EXPECT_EQ(row.status, "created");
  EXPECT_EQ(row.next_attempt_at, FormatRfc3339(Now() + RetryDelay(1)));
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 technical-failure"}));
}

}  // namespace jumys::notifications
