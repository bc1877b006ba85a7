// What the framing parser decides, byte by byte, without a socket: the server tests cover the
// same answers end to end; these pin each rule and limit to its own status.
#include "http/request_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace jumys::http {
namespace {

constexpr std::size_t kMaxBody = 100;

struct Outcome {
  ParseStatus status;
  RequestHead head;
  HttpResponse failure;
};

Outcome Parse(std::string_view bytes, std::size_t max_body = kMaxBody) {
  Outcome outcome;
  outcome.status = ParseHead(bytes, max_body, outcome.head, outcome.failure);
  return outcome;
}

// The status a refused head is answered with; 0 when it is not refused.
int RefusalStatus(std::string_view bytes, std::size_t max_body = kMaxBody) {
  auto outcome = Parse(bytes, max_body);
  return outcome.status == ParseStatus::kFailed ? outcome.failure.status : 0;
}

std::string WithHost(std::string_view request_line, std::string_view fields = "") {
  return std::string(request_line) + "\r\nHost: x\r\n" + std::string(fields) + "\r\n";
}

TEST(RequestParserTest, ParsesAHeadAndItsFraming) {
  const std::string bytes =
      "POST /api/v1/x?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nX-A: one \r\n"
      "x-a: two\r\nExpect: 100-continue\r\n\r\nhello";
  auto outcome = Parse(bytes);
  ASSERT_EQ(outcome.status, ParseStatus::kDone);
  EXPECT_EQ(outcome.head.method, "POST");
  EXPECT_EQ(outcome.head.target, "/api/v1/x?q=1");
  EXPECT_EQ(outcome.head.size, bytes.size() - 5);
  EXPECT_EQ(outcome.head.content_length, 5u);
  EXPECT_FALSE(outcome.head.chunked);
  EXPECT_TRUE(outcome.head.expect_continue);
  EXPECT_TRUE(outcome.head.keep_alive);
  ASSERT_NE(outcome.head.Field("x-a"), nullptr);
  EXPECT_EQ(*outcome.head.Field("x-a"), "one");  // names lower-cased, values trimmed
  EXPECT_EQ(outcome.head.fields.size(), 5u);
}

TEST(RequestParserTest, WaitsForTheEmptyLine) {
  EXPECT_EQ(Parse("GET / HTTP/1.1\r\nHost: x\r\n").status, ParseStatus::kNeedMore);
  EXPECT_EQ(Parse("GET / HT").status, ParseStatus::kNeedMore);
}

TEST(RequestParserTest, KeepAliveFollowsVersionAndConnection) {
  EXPECT_FALSE(Parse(WithHost("GET / HTTP/1.1", "Connection: close\r\n")).head.keep_alive);
  EXPECT_FALSE(Parse("GET / HTTP/1.0\r\n\r\n").head.keep_alive);
  EXPECT_TRUE(Parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").head.keep_alive);
}

TEST(RequestParserTest, MalformedFramingIs400) {
  const std::vector<std::string> broken = {
      "GET /\r\nHost: x\r\n\r\n",                                      // no version
      "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",                            // two spaces
      "GET / HTTP/2.0\r\nHost: x\r\n\r\n",                             // version
      "GET x HTTP/1.1\r\nHost: x\r\n\r\n",                             // target not a path
      "GET * HTTP/1.1\r\nHost: x\r\n\r\n",                             // * only for OPTIONS
      "GET / HTTP/1.1\nHost: x\n\n",                                   // bare LF
      "GET / HTTP/1.1\r\n\r\n",                                        // no Host
      "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",                  // two Hosts
      "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",                  // obsolete folding
      "GET / HTTP/1.1\r\nHost: x\r\nNo colon\r\n\r\n",                 // not NAME: VALUE
      "GET / HTTP/1.1\r\nHost: x\r\nX: a\x01z\r\n\r\n",                // control character
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",       // not a number
      "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\n",     // values differ
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",  // not chunked
      "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n",
      "GET / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",  // no chunked in 1.0
  };
  for (const auto& bytes : broken) EXPECT_EQ(RefusalStatus(bytes), 400) << bytes;
  auto outcome = Parse("GET / HTTP/1.1\r\n\r\n");
  EXPECT_EQ(outcome.failure.content_type.rfind("application/json", 0), 0u);
  EXPECT_NE(outcome.failure.body.find("request.bad_framing"), std::string::npos);
}

TEST(RequestParserTest, UnknownMethodIs405WithAllow) {
  auto outcome = Parse(WithHost("BREW / HTTP/1.1"));
  ASSERT_EQ(outcome.status, ParseStatus::kFailed);
  EXPECT_EQ(outcome.failure.status, 405);
  bool allow = false;
  for (const auto& [name, value] : outcome.failure.headers) {
    allow = allow || (name == "Allow" && value.find("PATCH") != std::string::npos);
  }
  EXPECT_TRUE(allow);
  EXPECT_EQ(RefusalStatus(WithHost("OPTIONS * HTTP/1.1")), 0);
}

TEST(RequestParserTest, OversizedHeadPartsAre431) {
  const std::string long_target = "/" + std::string(kMaxUrlBytes, 'a');
  EXPECT_EQ(RefusalStatus(WithHost("GET " + long_target + " HTTP/1.1")), 431);
  // A request line that never ends is refused before the whole head limit is reached.
  EXPECT_EQ(RefusalStatus("GET " + long_target + std::string(100, 'a')), 431);
  EXPECT_EQ(RefusalStatus(
                WithHost("GET / HTTP/1.1", std::string(kMaxFieldNameBytes + 1, 'n') + ": v\r\n")),
            431);
  EXPECT_EQ(RefusalStatus(WithHost("GET / HTTP/1.1",
                                   "X: " + std::string(kMaxFieldValueBytes + 1, 'v') + "\r\n")),
            431);
  std::string many;
  for (std::size_t i = 0; i < kMaxFieldCount; ++i) many += "X-" + std::to_string(i) + ": v\r\n";
  EXPECT_EQ(RefusalStatus(WithHost("GET / HTTP/1.1", many)), 431);
  std::string big;
  for (int i = 0; i < 8; ++i)
    big += "X-" + std::to_string(i) + ": " + std::string(9000, 'v') + "\r\n";
  EXPECT_EQ(RefusalStatus(WithHost("GET / HTTP/1.1", big)), 431);
  // Just under the limits passes.
  EXPECT_EQ(RefusalStatus(
                WithHost("GET / HTTP/1.1", "X: " + std::string(kMaxFieldValueBytes, 'v') + "\r\n")),
            0);
}

TEST(RequestParserTest, ContentLengthOverTheLimitIs413BeforeAnyBody) {
  EXPECT_EQ(RefusalStatus(WithHost("POST / HTTP/1.1", "Content-Length: 101\r\n")), 413);
  EXPECT_EQ(RefusalStatus(WithHost("POST / HTTP/1.1", "Content-Length: 100\r\n")), 0);
  auto outcome = Parse(WithHost("POST / HTTP/1.1", "Content-Length: 101\r\n"));
  EXPECT_NE(outcome.failure.body.find("request.too_large"), std::string::npos);
}

TEST(RequestParserTest, ChunkedBodyIsDecodedAcrossPartialReads) {
  auto outcome = Parse(WithHost("POST / HTTP/1.1", "Transfer-Encoding: chunked\r\n"));
  ASSERT_EQ(outcome.status, ParseStatus::kDone);
  EXPECT_TRUE(outcome.head.chunked);
  const std::string body = "3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nX-Trailer: t\r\n\r\nNEXT";
  ChunkedBody chunked;
  HttpResponse failure;
  // Fed as the bytes would arrive, one more at a time: only the complete body is done.
  for (std::size_t n = 0; n < body.size() - 4; ++n) {
    ASSERT_EQ(chunked.Feed(std::string_view(body).substr(0, n), kMaxBody, failure),
              ParseStatus::kNeedMore)
        << n;
  }
  ASSERT_EQ(chunked.Feed(body, kMaxBody, failure), ParseStatus::kDone);
  EXPECT_EQ(chunked.data, "abcde");
  EXPECT_EQ(body.substr(chunked.position), "NEXT");  // a pipelined request stays
}

TEST(RequestParserTest, ChunkedBodyRefusals) {
  const auto feed = [](std::string_view bytes) {
    ChunkedBody chunked;
    HttpResponse failure;
    return chunked.Feed(bytes, 10, failure) == ParseStatus::kFailed ? failure.status : 0;
  };
  EXPECT_EQ(feed("8\r\n12345678\r\n8\r\n12345678\r\n0\r\n\r\n"), 413);
  EXPECT_EQ(feed("zz\r\nabc\r\n0\r\n\r\n"), 400);                  // size not hexadecimal
  EXPECT_EQ(feed("2\r\nabc\r\n0\r\n\r\n"), 400);                   // longer than its size
  EXPECT_EQ(feed(std::string(kMaxChunkLineBytes + 1, '1')), 400);  // chunk line too long
  EXPECT_EQ(feed("1\r\na\r\n0\r\n bad\r\n\r\n"), 400);             // malformed trailer
  EXPECT_EQ(feed("1\r\na\r\n0\r\n\r\n"), 0);
}

}  // namespace
}  // namespace jumys::http
