#pragma once
// Several nodes sharing one outbox, on both stores: a lease that runs out after a node dies
// mid-send, a batch whose lease another node took, and claims that never overlap. Included with
// notification_dispatcher_suite.h; the same DispatcherSuite instantiations run these.
#include "services/notifications/testing/dispatcher_fixture.h"

namespace jumys::notifications {

TEST_P(DispatcherSuite, ANodeKilledMidSendLeavesItsLeaseAndAnotherSendsUnderTheSameId) {
  testing::SmtpTestServer server;
  server.Start();
  auto a = Dispatcher("node-a", {.lease = std::chrono::seconds(120)});
  a->SetChannel("email",
                std::make_unique<DiesAfterSending>(std::make_unique<SmtpChannel>(Smtp(server))));
  auto b = Dispatcher("node-b", {.lease = std::chrono::seconds(120)});
  b->SetChannel("email", std::make_unique<SmtpChannel>(Smtp(server)));
  const auto message = Enqueue("email", "hr@aral-fish.example", "en");

  EXPECT_THROW((void)a->RunOnce(), std::runtime_error);
  auto row = Row(message.id);
  EXPECT_EQ(row.status, "created");
  EXPECT_EQ(row.attempts, 0);
  EXPECT_EQ(row.lease_owner, "node-a");
  EXPECT_EQ(row.lease_until, FormatRfc3339(Now() + std::chrono::seconds(120)));
  EXPECT_TRUE(Attempts(message.id).empty());
  ASSERT_EQ(server.Messages().size(), 1u) << "A sent it before it died";

  EXPECT_EQ(Run(*b), 0) << "A's lease is live";
  Advance(std::chrono::seconds(119));
  EXPECT_EQ(Run(*b), 0) << "A's lease is live";
  Advance(std::chrono::seconds(1));
  EXPECT_EQ(Run(*b), 1) << "A's lease has run out";
  row = Row(message.id);
  EXPECT_EQ(row.status, "delivered");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(row.lease_owner);
  EXPECT_EQ(Outcomes(Attempts(message.id)), (Lines{"1 delivered"}));

  // The recipient got two copies with one Message-ID: deduped by it, one message.
  const auto mails = server.Messages();
  ASSERT_EQ(mails.size(), 2u);
  std::set<std::string> ids;
  for (const auto& m : mails) {
    ids.insert(m.Header("Message-ID"));
    EXPECT_EQ(m.Header("X-Jumys-Reference"), message.reference);
  }
  EXPECT_EQ(ids, (std::set<std::string>{"<" + message.reference + "@jumys>"}));

  // A coming back late cannot settle a message it no longer holds.
  bool held = true;
  jumys::testing::DemoStore::Must(store_.db().Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        held, storage::FinishAttempt(tx, message.id, "node-a", "temporary-failure", 1, NowText(),
                                     NowText()));
    return {};
  }),
                                  "late settle");
  EXPECT_FALSE(held);
  EXPECT_EQ(Row(message.id).status, "delivered");
  Advance(std::chrono::hours(1));
  EXPECT_EQ(Run(*a), 0);
  EXPECT_EQ(Run(*b), 0);
}

TEST_P(DispatcherSuite, ANodeSendsNoMessageOfItsBatchWhoseLeaseAnotherNodeTook) {
  // A claims three messages for 120 s; each send takes 100 s. While A sends the second, the
  // claim's lease has run out and B makes a pass.
  std::vector<std::string> references;
  for (int i = 0; i < 3; ++i) {
    references.push_back(Enqueue("email", "hr" + std::to_string(i) + "@x.example", "kk").reference);
  }
  SendLog log;
  auto a = Dispatcher("node-a", {.lease = std::chrono::seconds(120), .batch = 3});
  auto b = Dispatcher("node-b", {.lease = std::chrono::seconds(120), .batch = 3});
  auto slow = std::make_unique<SlowChannel>([this](std::chrono::seconds s) { Advance(s); },
                                            std::chrono::seconds(100), "node-a", log);
  SlowChannel* a_channel = slow.get();
  int calls = 0;
  a_channel->during = [&] {
    if (++calls == 2) {
      EXPECT_EQ(Run(*b), 1) << "only the message A has not begun";
    }
  };
  a->SetChannel("email", std::move(slow));
  b->SetChannel("email", std::make_unique<RecordingChannel>("node-b", log));
  EXPECT_EQ(Run(*a), 2) << "A tried two of the three it claimed";
  std::map<std::string, std::vector<std::string>> senders;
  for (const auto& [node, reference] : log.sent) senders[reference].push_back(node);
  EXPECT_EQ(senders[references[0]], (std::vector<std::string>{"node-a"}));
  EXPECT_EQ(senders[references[1]], (std::vector<std::string>{"node-a"}));
  EXPECT_EQ(senders[references[2]], (std::vector<std::string>{"node-b"}))
      << "A must not send a message whose lease B holds";
}

TEST_P(DispatcherSuite, TwoNodesClaimingTogetherNeverShareAMessage) {
  constexpr int kMessages = 60;
  std::set<std::string> references;
  for (int i = 0; i < kMessages; ++i) {
    references.insert(
        Enqueue("email", "hr" + std::to_string(i) + "@aral-fish.example", "kk").reference);
  }
  SendLog log;
  auto a = Dispatcher("node-a", {.batch = 4});
  auto b = Dispatcher("node-b", {.batch = 4});
  a->SetChannel("email", std::make_unique<RecordingChannel>("node-a", log));
  b->SetChannel("email", std::make_unique<RecordingChannel>("node-b", log));
  std::atomic<bool> go{false};
  const auto drain = [&](NotificationDispatcher* d) {
    while (!go.load()) std::this_thread::yield();
    for (;;) {
      auto n = d->RunOnce();
      if (!n) {
        ADD_FAILURE() << n.error().message;
        return;
      }
      if (*n == 0) return;
    }
  };
  std::thread ta(drain, a.get());
  std::thread tb(drain, b.get());
  go = true;
  ta.join();
  tb.join();
  ASSERT_EQ(log.sent.size(), static_cast<std::size_t>(kMessages));
  std::set<std::string> sent;
  for (const auto& [node, reference] : log.sent) sent.insert(reference);
  EXPECT_EQ(sent, references) << "each message sent exactly once";
  EXPECT_EQ(Run(*a), 0);
}

TEST_P(DispatcherSuite, ConcurrentClaimsAreDisjointWhileTheLeaseIsLive) {
  constexpr int kMessages = 80;
  for (int i = 0; i < kMessages; ++i) Enqueue("sms", "+7701123" + std::to_string(4000 + i), "kk");
  const std::string now = NowText();
  const std::string until = FormatRfc3339(Now() + std::chrono::seconds(120));
  std::vector<std::int64_t> claimed_a, claimed_b;
  std::atomic<bool> go{false};
  const auto claim = [&](const std::string& owner, std::vector<std::int64_t>* out) {
    while (!go.load()) std::this_thread::yield();
    for (;;) {
      std::vector<storage::NotificationRow> rows;
      auto s = store_.db().Write([&](storage::Tx& tx) -> Status {
        JUMYS_ASSIGN_OR_RETURN(
            rows, storage::ClaimDueNotifications(tx, store_.db().dialect(), owner, now, until, 3));
        return {};
      });
      if (!s) {
        ADD_FAILURE() << s.error().message;
        return;
      }
      if (rows.empty()) return;
      EXPECT_LE(rows.size(), 3u);
      for (const auto& r : rows) {
        EXPECT_EQ(r.lease_owner, owner);
        out->push_back(r.id);
      }
    }
  };
  std::thread ta(claim, "node-a", &claimed_a);
  std::thread tb(claim, "node-b", &claimed_b);
  go = true;
  ta.join();
  tb.join();
  std::set<std::int64_t> a(claimed_a.begin(), claimed_a.end());
  std::set<std::int64_t> b(claimed_b.begin(), claimed_b.end());
  EXPECT_EQ(a.size(), claimed_a.size()) << "A got no message twice";
  EXPECT_EQ(b.size(), claimed_b.size());
  for (auto id : a) EXPECT_FALSE(b.count(id)) << "message " << id << " claimed by both";
  EXPECT_EQ(a.size() + b.size(), static_cast<std::size_t>(kMessages));
  // Each row names the node that holds it.
  for (auto id : a) EXPECT_EQ(Row(id).lease_owner, "node-a");
  for (auto id : b) EXPECT_EQ(Row(id).lease_owner, "node-b");
}

}  // namespace jumys::notifications
