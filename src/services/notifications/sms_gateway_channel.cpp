#include "services/notifications/sms_gateway_channel.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "services/notifications/channel_support.h"

namespace jumys::notifications {
namespace {

// E.164: "+" and 8 to 15 digits.
bool IsPhoneNumber(std::string_view number) {
  if (number.size() < 9 || number.size() > 16 || number[0] != '+') return false;
  for (char c : number.substr(1)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsReference(std::string_view reference) {
  if (reference.empty() || reference.size() > 64) return false;
  for (char c : reference) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

// A bearer token goes into a header as it is: printable ASCII without spaces.
bool IsHeaderToken(std::string_view token) {
  if (token.empty()) return false;
  for (char c : token) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) return false;
  }
  return true;
}

size_t OnWrite(char* data, size_t size, size_t count, void* user) {
  auto* body = static_cast<std::string*>(user);
  const size_t n = size * count;
  if (body->size() < 4096) body->append(data, std::min(n, 4096 - body->size()));
  return n;
}

// The gateway's answer in a few words: its "error"/"message"/"status" field if it is JSON,
// else its first line.
std::string ShortAnswer(const std::string& body) {
  const nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object()) {
    for (const char* field : {"error", "message", "status"}) {
      auto it = json.find(field);
      if (it == json.end()) continue;
      if (it->is_string()) return it->get<std::string>();
      if (it->is_object() && it->contains("message") && (*it)["message"].is_string()) {
        return (*it)["message"].get<std::string>();
      }
    }
  }
  return body.substr(0, body.find('\n'));
}

SendStatus StatusOf(long http_status) {
  if (http_status >= 200 && http_status < 300) return SendStatus::kSending;
  if (http_status == 429 || http_status == 408 || http_status == 409 || http_status >= 500) {
    return SendStatus::kTemporaryFailure;
  }
  if (http_status == 400 || http_status == 413 || http_status == 422) {
    return SendStatus::kPermanentFailure;
  }
  return SendStatus::kTechnicalFailure;  // 401, 403, 404 (a wrong URL), a redirect, ...
}

}  // namespace

SmsGatewayChannel::SmsGatewayChannel(SmsGatewayConfig config) : config_(std::move(config)) {
  InitCurlOnce();
}

SendResult SmsGatewayChannel::Send(const OutgoingMessage& message) {
  if (!config_.url.starts_with("http://") && !config_.url.starts_with("https://")) {
    return {SendStatus::kTechnicalFailure, "the SMS gateway URL is not http:// or https://"};
  }
  if (!IsHeaderToken(config_.api_key)) {
    return {SendStatus::kTechnicalFailure, "the SMS gateway key is missing or not valid"};
  }
  if (!IsPhoneNumber(message.address)) {
    return {SendStatus::kPermanentFailure, "the phone number is not valid"};
  }
  if (!IsReference(message.reference)) {
    return {SendStatus::kPermanentFailure, "the reference is not valid"};
  }
  if (message.text.empty()) return {SendStatus::kPermanentFailure, "the text is empty"};

  std::string body;
  try {
    body =
        nlohmann::json{
            {"reference", message.reference}, {"to", message.address}, {"text", message.text}}
            .dump();
  } catch (const nlohmann::json::exception&) {
    return {SendStatus::kPermanentFailure, "the text is not valid UTF-8"};
  }

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return {SendStatus::kTemporaryFailure, "cannot start an HTTP request"};
  CURL* handle = curl.get();
  curl_slist* raw_headers = nullptr;
  for (const std::string& header :
       {std::string("Content-Type: application/json"), std::string("Accept: application/json"),
        "Authorization: Bearer " + config_.api_key, "Idempotency-Key: " + message.reference}) {
    raw_headers = curl_slist_append(raw_headers, header.c_str());
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw_headers,
                                                                      &curl_slist_free_all);
  std::string answer;
  char error_text[CURL_ERROR_SIZE] = {0};
  const long timeout_ms = static_cast<long>(config_.timeout.count());

  curl_easy_setopt(handle, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text);
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &OnWrite);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &answer);

  const CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    const std::string detail =
        ReplyForLog(error_text[0] != '\0' ? error_text : curl_easy_strerror(code));
    if (IsCurlSetupError(code)) return {SendStatus::kTechnicalFailure, detail};
    // No connection, a timeout, an answer cut short: the gateway may be back later.
    return {SendStatus::kTemporaryFailure, detail};
  }
  long http_status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &http_status);
  std::string detail = "HTTP " + std::to_string(http_status);
  const std::string said = ReplyForLog(ShortAnswer(answer));
  if (!said.empty()) detail += ": " + said;
  return {StatusOf(http_status), ReplyForLog(detail)};
}

}  // namespace jumys::notifications
