#include "http/static_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace jumys::http {
namespace {

std::string HeaderOf(const HttpResponse& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("jumys-static-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html><title>app</title>");
    Write(root_ / "assets" / "index-3f9a.js", "console.log(1)");
    Write(root_ / "assets" / "index-77c1.css", "body{}");
    Write(root_ / "favicon.svg", "<svg/>");
    // A secret beside the root that traversal must not reach.
    Write(root_.parent_path() / (root_.filename().string() + "-secret.txt"), "secret");
    router_.Add(
        {"GET",
         "/healthz",
         Scope::kPublic,
         {},
         "health",
         {},
         [](HttpRequest&, const Actor&) -> Expected<HttpResponse> { return HttpResponse{}; }});
    router_.Add(
        {"POST",
         "/login-form",
         Scope::kPublic,
         {},
         "post only",
         {},
         [](HttpRequest&, const Actor&) -> Expected<HttpResponse> { return HttpResponse{}; }});
  }
  void TearDown() override {
    std::filesystem::remove_all(root_);
    std::filesystem::remove(root_.parent_path() / (root_.filename().string() + "-secret.txt"));
  }
  static void Write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  HttpResponse Get(const std::string& path) const {
    HttpRequest r;
    r.method = "GET";
    r.path = path;
    return StaticFiles(root_).Handle(r);
  }
  bool Claims(const std::string& method, const std::string& path) const {
    HttpRequest r;
    r.method = method;
    r.path = path;
    return StaticFiles(root_).Claims(r, router_);
  }

  std::filesystem::path root_;
  Router router_;
};

TEST_F(StaticFilesTest, ServesFilesWithTheirContentType) {
  auto js = Get("/assets/index-3f9a.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/assets/index-77c1.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Get("/favicon.svg").content_type, "image/svg+xml");
  EXPECT_EQ(Get("/").content_type, "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("x.bin"), "application/octet-stream");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndIndexIsRevalidated) {
  EXPECT_EQ(HeaderOf(Get("/assets/index-3f9a.js"), "Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(HeaderOf(Get("/"), "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOf(Get("/index.html"), "Cache-Control"), "no-cache");
  EXPECT_EQ(HeaderOf(Get("/cases/12"), "Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, EveryResponseCarriesAStrictPolicy) {
  for (const auto* path : {"/", "/assets/index-3f9a.js", "/queue", "/missing.js", "/../x"}) {
    const std::string csp = HeaderOf(Get(path), "Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << path;
  }
}

// The page may open exactly one socket beside its own origin: NCALayer's, as configured.
TEST_F(StaticFilesTest, ThePolicyAllowsExactlyTheConfiguredNcalayerSocket) {
  const std::string base =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
      "font-src 'self'; connect-src 'self' {}; object-src 'none'; base-uri 'none'; "
      "form-action 'self'; frame-ancestors 'none'";
  const auto with = [&base](const std::string& socket) {
    std::string out = base;
    out.replace(out.find("{}"), 2, socket);
    return out;
  };
  for (const auto* path : {"/", "/signing", "/assets/index-3f9a.js", "/missing.js", "/../x"}) {
    EXPECT_EQ(HeaderOf(Get(path), "Content-Security-Policy"), with("wss://127.0.0.1:13579"))
        << path;
  }
  HttpRequest r;
  r.method = "GET";
  r.path = "/cases/1";
  Write(root_ / "index.html", "<!doctype html><html><head><title>app</title></head></html>");
  const auto configured = StaticFiles(root_, "ws://localhost:40123").Handle(r);
  EXPECT_EQ(HeaderOf(configured, "Content-Security-Policy"), with("ws://localhost:40123"));
  // The page learns the same socket from index.html.
  EXPECT_NE(configured.body.find(R"(<meta name="jumys-ncalayer" content="ws://localhost:40123">)"),
            std::string::npos)
      << configured.body;
}

TEST_F(StaticFilesTest, OnlyALoopbackNcalayerUrlIsAccepted) {
  EXPECT_EQ(NcalayerUrl("wss://127.0.0.1:13579").value(), "wss://127.0.0.1:13579");
  EXPECT_EQ(NcalayerUrl("wss://127.0.0.1:13579/").value(), "wss://127.0.0.1:13579");
  EXPECT_EQ(NcalayerUrl("ws://localhost:8080").value(), "ws://localhost:8080");
  EXPECT_EQ(NcalayerUrl("wss://[::1]:13579").value(), "wss://[::1]:13579");
  EXPECT_EQ(NcalayerUrl("wss://127.0.0.1").value(), "wss://127.0.0.1");
  for (const auto* bad :
       {"wss://10.0.0.1:13579", "wss://example.kz:13579", "https://127.0.0.1:13579",
        "wss://127.0.0.1:13579/path", "wss://127.0.0.1:99999", "wss://127.0.0.1:0",
        "wss://user@127.0.0.1:13579", "wss://127.0.0.1.evil.kz", "wss://127.0.0.1:13579 *",
        "wss://127.0.0.1:", "", "127.0.0.1:13579"}) {
    auto checked = NcalayerUrl(bad);
    ASSERT_FALSE(checked) << bad;
    EXPECT_EQ(checked.error().key, "cli.ncalayer_not_loopback") << bad;
  }
}

TEST_F(StaticFilesTest, AppRoutesFallBackToIndexButMissingFilesDoNot) {
  auto route = Get("/cases/42");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, "<!doctype html><title>app</title>");
  EXPECT_EQ(Get("/cabinet").status, 200);
  EXPECT_EQ(Get("/assets/gone-1234.js").status, 404);
  EXPECT_EQ(Get("/robots.txt").status, 404);
}

TEST_F(StaticFilesTest, PathTraversalIsRefused) {
  const std::string secret = "/../" + root_.filename().string() + "-secret.txt";
  for (const std::string& path :
       {secret, std::string("/assets/../../etc/passwd"), std::string("/./index.html"),
        std::string("/a\\..\\b"), std::string("/assets//x.js"), std::string("/x\0y", 4)}) {
    auto r = Get(path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << path;
  }
}

TEST_F(StaticFilesTest, NotBuiltAppSaysSo) {
  std::filesystem::remove(root_ / "index.html");
  EXPECT_FALSE(StaticFiles(root_).Ready());
  auto r = Get("/queue");
  EXPECT_EQ(r.status, 503);
  EXPECT_NE(r.body.find("make"), std::string::npos);
}

TEST_F(StaticFilesTest, ClaimsOnlyAppPathsThatNoRouteServes) {
  EXPECT_TRUE(StaticFiles(root_).Ready());
  EXPECT_TRUE(Claims("GET", "/"));
  EXPECT_TRUE(Claims("GET", "/cases/7"));
  EXPECT_TRUE(Claims("HEAD", "/assets/index-3f9a.js"));
  EXPECT_FALSE(Claims("GET", "/api/v1/nothing"));  // stays a JSON 404 from the API
  EXPECT_FALSE(Claims("GET", "/api"));
  EXPECT_FALSE(Claims("GET", "/healthz"));     // a route of its own
  EXPECT_FALSE(Claims("GET", "/login-form"));  // 405 from the API, not the app
  EXPECT_FALSE(Claims("POST", "/cases/7"));
}

}  // namespace
}  // namespace jumys::http
