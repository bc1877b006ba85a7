#include "http/request_guard.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace jumys::http {
namespace {

Route JsonRoute() {
  Route route;
  route.method = "POST";
  route.pattern = "/api/v1/people";
  return route;
}

Route UploadRoute() {
  Route route = JsonRoute();
  route.doc = {{"requestBody", {{"content", {{"text/csv", {{"schema", {{"type", "string"}}}}}}}}}};
  return route;
}

HttpRequest CookieWrite(std::string method = "POST") {
  HttpRequest request;
  request.method = std::move(method);
  request.path = "/api/v1/people";
  request.headers = {{"host", "jumys.example:8080"},
                     {"cookie", "other=1; jumys_session=tok"},
                     {"origin", "http://jumys.example:8080"},
                     {"content-type", "application/json; charset=utf-8"}};
  return request;
}

std::string KeyOf(const std::optional<HttpResponse>& refused) {
  if (!refused) return "";
  return nlohmann::json::parse(refused->body)["error"]["key"];
}

TEST(RequestGuardTest, ASameOriginJsonCookieWritePasses) {
  for (const char* method : {"POST", "PUT", "PATCH", "DELETE"}) {
    EXPECT_FALSE(GuardCookieWrite(CookieWrite(method), JsonRoute())) << method;
  }
  auto by_fetch_metadata = CookieWrite();
  by_fetch_metadata.headers.erase("origin");
  by_fetch_metadata.headers["sec-fetch-site"] = "same-origin";
  EXPECT_FALSE(GuardCookieWrite(by_fetch_metadata, JsonRoute()));
}

TEST(RequestGuardTest, ACrossSiteOrUnprovenCookieWriteIs403) {
  for (const char* origin : {"http://evil.example", "null", "http://jumys.example:8081",
                             "http://jumys.example", "ftp://jumys.example:8080"}) {
    auto request = CookieWrite();
    request.headers["origin"] = origin;
    auto refused = GuardCookieWrite(request, JsonRoute());
    ASSERT_TRUE(refused) << origin;
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(KeyOf(refused), "request.cross_site");
  }
  auto no_origin = CookieWrite();
  no_origin.headers.erase("origin");
  EXPECT_EQ(KeyOf(GuardCookieWrite(no_origin, JsonRoute())), "request.cross_site");
  no_origin.headers["sec-fetch-site"] = "cross-site";
  EXPECT_EQ(KeyOf(GuardCookieWrite(no_origin, JsonRoute())), "request.cross_site");
  // Over TLS the origin must be https.
  auto tls = CookieWrite();
  tls.tls = true;
  tls.headers["cookie"] = "__Host-jumys_session=tok";
  EXPECT_EQ(KeyOf(GuardCookieWrite(tls, JsonRoute())), "request.cross_site");
  tls.headers["origin"] = "https://jumys.example:8080";
  EXPECT_FALSE(GuardCookieWrite(tls, JsonRoute()));
}

TEST(RequestGuardTest, ACookieWriteThatIsNotJsonIs415) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                           "application/jsonx"}) {
    auto request = CookieWrite();
    request.headers["content-type"] = type;
    auto refused = GuardCookieWrite(request, JsonRoute());
    ASSERT_TRUE(refused) << type;
    EXPECT_EQ(refused->status, 415);
    EXPECT_EQ(KeyOf(refused), "request.json_required");
  }
  auto none = CookieWrite("DELETE");
  none.headers.erase("content-type");
  EXPECT_EQ(KeyOf(GuardCookieWrite(none, JsonRoute())), "request.json_required");
}

TEST(RequestGuardTest, ADeclaredUploadNeedsTheCustomHeaderInstead) {
  EXPECT_TRUE(IsFileUpload(UploadRoute()));
  EXPECT_FALSE(IsFileUpload(JsonRoute()));
  auto request = CookieWrite();
  request.headers["content-type"] = "text/csv";
  EXPECT_EQ(KeyOf(GuardCookieWrite(request, UploadRoute())), "request.upload_header");
  request.headers["x-requested-with"] = "jumys";
  EXPECT_FALSE(GuardCookieWrite(request, UploadRoute()));
  request.headers["origin"] = "http://evil.example";
  EXPECT_EQ(KeyOf(GuardCookieWrite(request, UploadRoute())), "request.cross_site");
}

TEST(RequestGuardTest, ReadsBearerTokensAndCookielessRequestsPass) {
  auto read = CookieWrite("GET");
  read.headers.erase("origin");
  read.headers.erase("content-type");
  EXPECT_FALSE(GuardCookieWrite(read, JsonRoute()));
  auto bearer = CookieWrite();
  bearer.headers.erase("origin");
  bearer.headers["content-type"] = "text/plain";
  bearer.headers["authorization"] = "Bearer tok";
  EXPECT_FALSE(GuardCookieWrite(bearer, JsonRoute()));
  auto anonymous = CookieWrite();
  anonymous.headers.erase("cookie");
  anonymous.headers.erase("origin");
  EXPECT_FALSE(GuardCookieWrite(anonymous, JsonRoute()));
}

}  // namespace
}  // namespace jumys::http
