#pragma once
// A real SMTP server on loopback for tests: tests/support/smtp_server.py (aiosmtpd) in a child
// process, on a free port. Messages() returns each message it accepted, as a mail reader
// decodes it (Python's email package), beside the raw text on the wire.
//
//   SmtpTestServer server;
//   server.Start();
//   SmtpChannel channel({.url = server.Url(), ...});
//   ... server.Messages()[0].Header("Message-ID") ...
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/source_dir.h"
#include "services/notifications/testing/script_process.h"

namespace jumys::notifications::testing {

struct ReceivedPart {
  std::string content_type;  // "text/plain", "text/html"
  std::string charset;
  std::string transfer_encoding;
  std::string content;  // decoded
};

struct ReceivedMail {
  std::string mail_from;                                     // the envelope's
  std::vector<std::string> rcpt_tos;                         // the envelope's accepted recipients
  bool tls = false;                                          // arrived over TLS (STARTTLS or smtps)
  std::string raw;                                           // the message as it came after DATA
  std::string subject;                                       // decoded (RFC 2047)
  std::vector<std::pair<std::string, std::string>> headers;  // decoded, in order
  std::vector<ReceivedPart> parts;                           // the leaf MIME parts, in order

  // The first header of that name (case-insensitive), decoded; "" if absent.
  std::string Header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
      if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        return value;
      }
    }
    return "";
  }
  // How many headers of that name (case-insensitive) the message has.
  size_t HeaderCount(const std::string& name) const {
    size_t count = 0;
    for (const auto& [key, value] : headers) {
      if (std::equal(key.begin(), key.end(), name.begin(), name.end(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        ++count;
      }
    }
    return count;
  }
  // The first part of that content type, or nullptr.
  const ReceivedPart* Part(const std::string& content_type) const {
    for (const ReceivedPart& part : parts) {
      if (part.content_type == content_type) return &part;
    }
    return nullptr;
  }
};

class SmtpTestServer {
 public:
  struct Options {
    std::vector<std::string> reject_recipients;    // refused with 550 if the address contains one
    std::vector<std::string> tempfail_recipients;  // answered 451 likewise
    std::vector<std::string> reject_messages;      // 554 after the data if the message contains one
    int drop_first = 0;  // record the first N messages but cut the line instead of answering 250
    std::string auth_user, auth_password;     // if set: AUTH required before MAIL
    std::filesystem::path tls_cert, tls_key;  // if set: STARTTLS offered (or smtps)
    bool require_starttls = false;            // refuse MAIL before STARTTLS
    bool implicit_tls = false;                // TLS from the first byte (smtps://)
  };

  SmtpTestServer() = default;
  explicit SmtpTestServer(Options options) : options_(std::move(options)) {}

  // Starts the server and returns once its port accepts connections; throws if it cannot.
  void Start() {
    std::vector<std::string> argv = {"/usr/bin/python3",
                                     (SourceDir() / "tests/support/smtp_server.py").string(),
                                     "--out", directory_.path().string()};
    argv.push_back("--exit-with-stdin");
    for (const std::string& text : options_.reject_recipients) {
      argv.insert(argv.end(), {"--reject-rcpt", text});
    }
    for (const std::string& text : options_.tempfail_recipients) {
      argv.insert(argv.end(), {"--tempfail-rcpt", text});
    }
    for (const std::string& text : options_.reject_messages) {
      argv.insert(argv.end(), {"--reject-message", text});
    }
    if (options_.drop_first > 0) {
      argv.insert(argv.end(), {"--drop-first", std::to_string(options_.drop_first)});
    }
    if (!options_.auth_user.empty()) {
      argv.insert(argv.end(), {"--auth", options_.auth_user + ":" + options_.auth_password});
    }
    if (!options_.tls_cert.empty()) {
      argv.insert(argv.end(), {"--tls-cert", options_.tls_cert.string(), "--tls-key",
                               options_.tls_key.string()});
    }
    if (options_.require_starttls) argv.push_back("--require-starttls");
    if (options_.implicit_tls) argv.push_back("--implicit-tls");
    process_.Start(argv);
  }
  void Stop() { process_.Stop(); }

  std::uint16_t Port() const { return process_.Port(); }
  // "smtp://127.0.0.1:PORT" ("smtps://..." with implicit TLS).
  std::string Url() const {
    return std::string(options_.implicit_tls ? "smtps" : "smtp") +
           "://127.0.0.1:" + std::to_string(Port());
  }

  // Every message accepted so far, in the order received. The server writes a message before
  // it answers 250, so a message a channel was told is delivered is already here.
  std::vector<ReceivedMail> Messages() const {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory_.path())) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<ReceivedMail> mails;
    for (const auto& file : files) {
      std::ifstream in(file);
      const nlohmann::json record = nlohmann::json::parse(in);
      ReceivedMail mail;
      mail.mail_from = record.value("mail_from", "");
      mail.rcpt_tos = record.value("rcpt_tos", std::vector<std::string>{});
      mail.tls = record.value("tls", false);
      mail.raw = record.value("raw", "");
      mail.subject = record.value("subject", "");
      for (const auto& header : record.at("headers")) {
        mail.headers.emplace_back(header.at(0).get<std::string>(), header.at(1).get<std::string>());
      }
      for (const auto& part : record.at("parts")) {
        mail.parts.push_back(
            {part.value("content_type", ""),
             part.at("charset").is_string() ? part.at("charset").get<std::string>() : std::string(),
             part.value("transfer_encoding", ""), part.value("content", "")});
      }
      mails.push_back(std::move(mail));
    }
    return mails;
  }

 private:
  Options options_;
  TemporaryDirectory directory_;
  ScriptProcess process_;
};

}  // namespace jumys::notifications::testing
