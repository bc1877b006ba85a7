#include "http/testing/test_client.h"

#include <gtest/gtest.h>

namespace jumys::http::testing {
namespace {

TEST(TestClientTest, ParsesContentLengthResponse) {
  auto response = ParseResponse(
      "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nSet-Cookie: a=1\r\n"
      "Set-Cookie: b=2\r\nContent-Length: 2\r\n\r\n{}");
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->Header("content-type"), "application/json");
  EXPECT_EQ(response->Header("set-cookie"), "a=1, b=2");
  EXPECT_EQ(response->body, "{}");
}

TEST(TestClientTest, DechunksAndReadsToEof) {
  auto chunked = ParseResponse(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  ASSERT_TRUE(chunked.has_value());
  EXPECT_EQ(chunked->body, "abcde");
  auto to_eof = ParseResponse("HTTP/1.1 200 OK\r\n\r\nuntil close");
  ASSERT_TRUE(to_eof.has_value());
  EXPECT_EQ(to_eof->body, "until close");
}

TEST(TestClientTest, RejectsIncompleteOrMalformed) {
  EXPECT_FALSE(ParseResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab").has_value());
  EXPECT_FALSE(ParseResponse("garbage\r\n\r\n").has_value());
  EXPECT_FALSE(ParseResponse("HTTP/1.1 200 OK\r\n").has_value());
}

TEST(TestClientTest, ConnectionRefusedIsAnError) {
  // Port 1 on loopback is essentially never listening.
  auto response = Send("127.0.0.1", 1, "GET", "/", {}, {}, std::chrono::seconds(2));
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace jumys::http::testing
