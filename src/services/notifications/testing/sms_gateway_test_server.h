#pragma once
// An SMS gateway stand-in for tests: tests/support/sms_gateway.py in a child process, on a
// free port. It answers 202 (or what Options say), can fail the first N requests, and records
// every request it got; Requests() reads them back. It can also post delivery receipts.
//
//   SmsGatewayTestServer gateway({.fail_first = 2});
//   gateway.Start();
//   SmsGatewayChannel channel({.url = gateway.Url(), .api_key = "key", ...});
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/source_dir.h"
#include "services/notifications/testing/script_process.h"

namespace jumys::notifications::testing {

struct GatewayRequest {
  int n = 0;  // 1 for the first request the gateway got
  std::string method, path;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;
  nlohmann::json json;  // the body parsed; null if it was not JSON
  int status = 0;       // what the gateway answered

  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class SmsGatewayTestServer {
 public:
  struct Options {
    int fail_first = 0;        // answer fail_status to the first N requests
    int fail_status = 503;     //
    int status = 202;          // the answer after those
    std::string api_key;       // if set: 401 unless "Authorization: Bearer <api_key>"
    double delay_seconds = 0;  // wait this long before each answer
    // If set: after a 2xx, POST {"reference", "status": receipt_status} here with
    // "Authorization: Bearer <receipt_secret>", as a gateway reports delivery.
    std::string receipt_url;
    std::string receipt_secret;
    std::string receipt_status = "delivered";
  };

  SmsGatewayTestServer() = default;
  explicit SmsGatewayTestServer(Options options) : options_(std::move(options)) {}

  // Starts the gateway and returns once its port accepts connections; throws if it cannot.
  void Start() {
    std::vector<std::string> argv = {
        "/usr/bin/python3", (SourceDir() / "tests/support/sms_gateway.py").string(),
        "--record",         RecordPath().string(),
        "--fail-first",     std::to_string(options_.fail_first),
        "--fail-status",    std::to_string(options_.fail_status),
        "--status",         std::to_string(options_.status),
        "--delay",          std::to_string(options_.delay_seconds)};
    argv.push_back("--exit-with-stdin");
    if (!options_.api_key.empty()) argv.insert(argv.end(), {"--api-key", options_.api_key});
    if (!options_.receipt_url.empty()) {
      argv.insert(argv.end(),
                  {"--receipt-url", options_.receipt_url, "--receipt-secret",
                   options_.receipt_secret, "--receipt-status", options_.receipt_status});
    }
    process_.Start(argv);
  }
  void Stop() { process_.Stop(); }

  std::uint16_t Port() const { return process_.Port(); }
  // The URL a channel posts to: "http://127.0.0.1:PORT/v1/messages".
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(Port()) + "/v1/messages"; }
  // Each request is recorded before it is answered.
  std::filesystem::path RecordPath() const { return directory_.path() / "requests.jsonl"; }

  std::vector<GatewayRequest> Requests() const {
    std::vector<GatewayRequest> requests;
    std::ifstream in(RecordPath());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const nlohmann::json record = nlohmann::json::parse(line);
      GatewayRequest request;
      request.n = record.value("n", 0);
      request.method = record.value("method", "");
      request.path = record.value("path", "");
      request.headers = record.value("headers", std::map<std::string, std::string>{});
      request.body = record.value("body", "");
      request.json = record.at("json");
      request.status = record.value("status", 0);
      requests.push_back(std::move(request));
    }
    return requests;
  }

 private:
  Options options_;
  TemporaryDirectory directory_;
  ScriptProcess process_;
};

}  // namespace jumys::notifications::testing
