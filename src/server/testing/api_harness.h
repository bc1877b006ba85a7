#pragma once
// A running API on a throwaway store with an adjustable clock, called in-process (no sockets):
// the black-box tests of routes, roles and scopes. Header-only: tests include it.
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "http/url_codec.h"
#include "security/dev_ca.h"
#include "security/testing/test_dev_ca.h"
#include "server/runtime.h"
#include "storage/testing/test_databases.h"

namespace jumys::testing {

class ApiHarness {
 public:
  static constexpr std::int64_t kMonday10Local = kHarnessMonday10Local;

  // `processes_dir`: a scratch tree of definitions instead of the shipped processes/.
  // `idle_timeout`: sessions end after this long unused; off by default, since suites move
  // the clock by days and keep their tokens (SigninSuite turns it on).
  // `reference_dir`: a scratch copy of reference/ with values the shipped files lack.
  // `demo_dev_ca`: the dev CA that signs the demo's P3 case (none: the demo has no P3 case).
  explicit ApiHarness(Backend backend, bool demo = true,
                      const std::filesystem::path& processes_dir = {},
                      std::chrono::seconds idle_timeout = std::chrono::seconds(0),
                      const std::filesystem::path& reference_dir = {},
                      const std::filesystem::path& demo_dev_ca = {})
      : now_(kMonday10Local) {
    RuntimeOptions options;
    if (!reference_dir.empty()) options.reference_dir = reference_dir;
    options.demo = demo;
    options.demo_dev_ca = demo_dev_ca;
    options.accounts.idle_timeout = idle_timeout;
    if (!processes_dir.empty()) options.processes_dir = processes_dir;
    options.read_log_interval = std::chrono::milliseconds(5);
    options.clock = [this] { return Now(); };
    options.trust_roots = {TestDevCaDir() / "root-ca.pem"};
    options.crls = {TestDevCaDir() / "root-ca.crl.pem"};
    auto rt = Runtime::Open(options, MakeTestDatabase(backend));
    if (!rt) throw std::runtime_error(rt.error().message + " " + rt.error().internal);
    runtime_ = std::move(*rt);
  }

  Instant Now() const { return Instant{std::chrono::seconds(now_.load())}; }
  void Advance(std::chrono::seconds by) { now_ += by.count(); }

  Runtime& runtime() { return *runtime_; }

  http::HttpResponse Call(const std::string& method, const std::string& target,
                          const std::string& body = "", const std::string& token = "",
                          const std::string& content_type = "application/json") {
    http::HttpRequest request;
    request.method = method;
    auto q = target.find('?');
    request.path = target.substr(0, q);
    if (q != std::string::npos) {
      auto query = http::ParseQuery(target.substr(q + 1));
      if (!query) throw std::invalid_argument("bad query in test target " + target);
      request.query = *query;
    }
    request.body = body;
    request.request_id = "test";
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    if (!body.empty()) request.headers["content-type"] = content_type;
    return runtime_->api().Handle(request);
  }

  // Signs in a demo account and returns its token; throws if that fails.
  std::string Login(const std::string& login, const std::string& password = "demo") {
    auto r = Call("POST", "/api/v1/auth/login",
                  nlohmann::json{{"login", login}, {"password", password}}.dump());
    if (r.status != 200) throw std::runtime_error("login " + login + " failed: " + r.body);
    return nlohmann::json::parse(r.body).at("token").get<std::string>();
  }

  static nlohmann::json Json(const http::HttpResponse& r) { return nlohmann::json::parse(r.body); }
  static std::string ErrorCode(const http::HttpResponse& r) {
    return nlohmann::json::parse(r.body).at("error").at("code").get<std::string>();
  }

 private:
  std::atomic<std::int64_t> now_;
  std::unique_ptr<Runtime> runtime_;
};

}  // namespace jumys::testing
