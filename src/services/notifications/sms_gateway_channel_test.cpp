// SMS through a stand-in gateway on loopback (tests/support/sms_gateway.py): what it received
// and how each of its answers maps to a status.
#include "services/notifications/sms_gateway_channel.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "services/notifications/testing/sms_gateway_test_server.h"

namespace jumys::notifications {
namespace {

using testing::SmsGatewayTestServer;

SmsGatewayConfig ConfigFor(const std::string& url) {
  SmsGatewayConfig config;
  config.url = url;
  config.api_key = "test-key-123";
  config.timeout = std::chrono::seconds(5);
  return config;
}

OutgoingMessage Sms() {
  OutgoingMessage message;
  message.reference = "0123456789abcdef0123456789abcdef";
  message.address = "+77011234567";
  message.language = "kk";
  message.text = "Өтінішіңіз қабылданды. Іс: ЖҚО-2026-000123";
  return message;
}

SmsGatewayTestServer::Options Answering(int status) {
  SmsGatewayTestServer::Options options;
  options.status = status;
  return options;
}

int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t size = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

TEST(SmsGatewayChannel, PostsTheMessageAsJsonWithTheKeyAndTheReference) {
  SmsGatewayTestServer gateway;
  gateway.Start();
  SmsGatewayChannel channel(ConfigFor(gateway.Url()));

  const SendResult result = channel.Send(Sms());

  EXPECT_EQ(result.status, SendStatus::kSending) << result.detail;
  EXPECT_EQ(result.detail.substr(0, 8), "HTTP 202") << result.detail;
  const auto requests = gateway.Requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& request = requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.path, "/v1/messages");
  EXPECT_EQ(request.Header("authorization"), "Bearer test-key-123");
  EXPECT_EQ(request.Header("idempotency-key"), "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(request.Header("content-type"), "application/json");
  const nlohmann::json expected = {{"reference", "0123456789abcdef0123456789abcdef"},
                                   {"to", "+77011234567"},
                                   {"text", "Өтінішіңіз қабылданды. Іс: ЖҚО-2026-000123"}};
  EXPECT_EQ(request.json, expected) << request.body;
}

// The gateway is down for the first two posts: each is a temporary failure, and the third
// (the dispatcher's retry) goes through with the same reference and idempotency key.
TEST(SmsGatewayChannel, AnUnavailableGatewayIsTemporaryUntilItTakesTheMessage) {
  SmsGatewayTestServer::Options options;
  options.fail_first = 2;
  SmsGatewayTestServer gateway(options);
  gateway.Start();
  SmsGatewayChannel channel(ConfigFor(gateway.Url()));

  const SendResult first = channel.Send(Sms());
  const SendResult second = channel.Send(Sms());
  const SendResult third = channel.Send(Sms());

  EXPECT_EQ(first.status, SendStatus::kTemporaryFailure);
  EXPECT_EQ(first.detail, "HTTP 503: service unavailable");
  EXPECT_EQ(second.status, SendStatus::kTemporaryFailure);
  EXPECT_EQ(third.status, SendStatus::kSending) << third.detail;
  const auto requests = gateway.Requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].status, 503);
  EXPECT_EQ(requests[1].status, 503);
  EXPECT_EQ(requests[2].status, 202);
  for (const auto& request : requests) {
    EXPECT_EQ(request.Header("idempotency-key"), "0123456789abcdef0123456789abcdef");
    EXPECT_EQ(request.json.at("reference"), "0123456789abcdef0123456789abcdef");
  }
}

// The stand-in reports delivery like a gateway: a receipt with the message's reference, posted
// with the shared secret (here to a second stand-in that records it).
TEST(SmsGatewayChannel, TheStandInPostsADeliveryReceipt) {
  SmsGatewayTestServer receiver;
  receiver.Start();
  SmsGatewayTestServer::Options options;
  options.receipt_url =
      "http://127.0.0.1:" + std::to_string(receiver.Port()) + "/api/v1/notifications/receipts";
  options.receipt_secret = "receipt-secret";
  SmsGatewayTestServer gateway(options);
  gateway.Start();

  ASSERT_EQ(SmsGatewayChannel(ConfigFor(gateway.Url())).Send(Sms()).status, SendStatus::kSending);

  std::vector<testing::GatewayRequest> receipts;
  for (int i = 0; i < 200 && receipts.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    receipts = receiver.Requests();
  }
  ASSERT_EQ(receipts.size(), 1u);
  EXPECT_EQ(receipts[0].path, "/api/v1/notifications/receipts");
  EXPECT_EQ(receipts[0].Header("authorization"), "Bearer receipt-secret");
  const nlohmann::json expected = {{"reference", "0123456789abcdef0123456789abcdef"},
                                   {"status", "delivered"}};
  EXPECT_EQ(receipts[0].json, expected);
}

TEST(SmsGatewayChannel, MapsEachAnswerToAStatus) {
  const std::vector<std::pair<int, SendStatus>> cases = {
      {200, SendStatus::kSending},          {202, SendStatus::kSending},
      {400, SendStatus::kPermanentFailure}, {422, SendStatus::kPermanentFailure},
      {401, SendStatus::kTechnicalFailure}, {403, SendStatus::kTechnicalFailure},
      {404, SendStatus::kTechnicalFailure}, {429, SendStatus::kTemporaryFailure},
      {500, SendStatus::kTemporaryFailure}, {503, SendStatus::kTemporaryFailure}};
  for (const auto& [answer, status] : cases) {
    SCOPED_TRACE(answer);
    SmsGatewayTestServer gateway(Answering(answer));
    gateway.Start();
    const SendResult result = SmsGatewayChannel(ConfigFor(gateway.Url())).Send(Sms());
    EXPECT_EQ(result.status, status) << result.detail;
    EXPECT_EQ(result.detail.substr(0, 8), "HTTP " + std::to_string(answer));
    EXPECT_EQ(gateway.Requests().size(), 1u);
  }
}

TEST(SmsGatewayChannel, AWrongKeyIsTechnical) {
  SmsGatewayTestServer::Options options;
  options.api_key = "the-right-key";
  SmsGatewayTestServer gateway(options);
  gateway.Start();

  const SendResult wrong = SmsGatewayChannel(ConfigFor(gateway.Url())).Send(Sms());
  SmsGatewayConfig config = ConfigFor(gateway.Url());
  config.api_key = "the-right-key";
  const SendResult right = SmsGatewayChannel(config).Send(Sms());

  EXPECT_EQ(wrong.status, SendStatus::kTechnicalFailure) << wrong.detail;
  EXPECT_EQ(wrong.detail, "HTTP 401: invalid api key");
  EXPECT_EQ(right.status, SendStatus::kSending) << right.detail;
}

TEST(SmsGatewayChannel, AClosedPortIsTemporary) {
  SmsGatewayChannel channel(
      ConfigFor("http://127.0.0.1:" + std::to_string(ClosedPort()) + "/v1/messages"));
  const SendResult result = channel.Send(Sms());
  EXPECT_EQ(result.status, SendStatus::kTemporaryFailure) << result.detail;
  EXPECT_FALSE(result.detail.empty());
}

TEST(SmsGatewayChannel, ASlowGatewayTimesOutAsTemporary) {
  SmsGatewayTestServer::Options options;
  options.delay_seconds = 3;
  SmsGatewayTestServer gateway(options);
  gateway.Start();
  SmsGatewayConfig config = ConfigFor(gateway.Url());
  config.timeout = std::chrono::milliseconds(300);
  const auto started = std::chrono::steady_clock::now();

  const SendResult result = SmsGatewayChannel(config).Send(Sms());

  EXPECT_EQ(result.status, SendStatus::kTemporaryFailure) << result.detail;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(SmsGatewayChannel, ABadNumberOrTextPostsNothing) {
  SmsGatewayTestServer gateway;
  gateway.Start();
  SmsGatewayChannel channel(ConfigFor(gateway.Url()));
  for (const std::string& number :
       std::vector<std::string>{"87011234567", "+7701", "+7701123456\r\nX: y", "+7 701 123 45 67",
                                "", "aigerim@example.kz"}) {
    OutgoingMessage message = Sms();
    message.address = number;
    EXPECT_EQ(channel.Send(message).status, SendStatus::kPermanentFailure) << number;
  }
  OutgoingMessage empty = Sms();
  empty.text.clear();
  EXPECT_EQ(channel.Send(empty).status, SendStatus::kPermanentFailure);
  OutgoingMessage bad_reference = Sms();
  bad_reference.reference = "abc\r\nX-Injected: 1";
  EXPECT_EQ(channel.Send(bad_reference).status, SendStatus::kPermanentFailure);
  EXPECT_TRUE(gateway.Requests().empty());
}

TEST(SmsGatewayChannel, ABadUrlOrKeyIsTechnical) {
  EXPECT_EQ(SmsGatewayChannel(ConfigFor("ftp://127.0.0.1/")).Send(Sms()).status,
            SendStatus::kTechnicalFailure);
  EXPECT_EQ(SmsGatewayChannel(ConfigFor("")).Send(Sms()).status, SendStatus::kTechnicalFailure);
  SmsGatewayConfig config = ConfigFor("http://127.0.0.1:9/v1/messages");
  config.api_key = "key\r\nX-Injected: 1";
  EXPECT_EQ(SmsGatewayChannel(config).Send(Sms()).status, SendStatus::kTechnicalFailure);
  config.api_key.clear();
  EXPECT_EQ(SmsGatewayChannel(config).Send(Sms()).status, SendStatus::kTechnicalFailure);
}

}  // namespace
}  // namespace jumys::notifications
