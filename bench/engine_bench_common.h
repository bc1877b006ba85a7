#pragma once
// What the engine benchmarks share: options, percentiles, in-process API calls.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "security/dev_ca.h"
#include "server/runtime.h"

namespace jumys::bench {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Options {
  std::string db;
  std::string mode = "completions";
  int clients = 32;
  int workers = 32;
  int cases_per_client = 40;
  int baseline_seconds = 3;
  int queue_cases = 1'000'000;
  int queries = 2000;
};

inline double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

inline double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

inline void Must(const Status& s, const char* what) {
  if (!s)
    throw std::runtime_error(std::string(what) + ": " + s.error().message + " " +
                             s.error().internal);
}

inline http::HttpResponse Call(Runtime& rt, const std::string& method, const std::string& path,
                               const std::string& body, const std::string& token) {
  http::HttpRequest r;
  r.method = method;
  r.path = path;
  r.body = body;
  r.request_id = "bench";
  if (!token.empty()) r.headers["authorization"] = "Bearer " + token;
  if (!body.empty()) r.headers["content-type"] = "application/json";
  return rt.api().Handle(r);
}

inline std::string Login(Runtime& rt, const std::string& login) {
  auto r = Call(rt, "POST", "/api/v1/auth/login",
                json{{"login", login}, {"password", "demo"}}.dump(), "");
  if (r.status != 200) throw std::runtime_error("login " + login + ": " + r.body);
  return json::parse(r.body)["token"];
}

// The development CA the bench's heads sign with (made once: its RSA keys take seconds).
inline std::filesystem::path BenchDevCa() {
  const auto dir = std::filesystem::temp_directory_path() / "jumys-bench-dev-ca";
  if (!std::filesystem::exists(dir / "root-ca.pem")) {
    auto ca = CreateDevCa(
        dir, std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (!ca) throw std::runtime_error("dev CA: " + ca.error().message);
  }
  return dir;
}

inline std::unique_ptr<Runtime> OpenRuntime(const Options& o) {
  RuntimeOptions ro;
  ro.db_url = o.db;
  ro.db_readers = 8;
  ro.demo = true;
  ro.trust_roots = {BenchDevCa() / "root-ca.pem"};
  ro.crls = {BenchDevCa() / "root-ca.crl.pem"};
  auto rt = Runtime::Open(ro);
  if (!rt) throw std::runtime_error(rt.error().message + " " + rt.error().internal);
  return std::move(*rt);
}

}  // namespace jumys::bench
