#pragma once
// SMS out of the outbox: one JSON POST per message to an HTTP gateway,
//   {"reference": REFERENCE, "to": "+77011234567", "text": "..."}
// with "Authorization: Bearer <api_key>" and "Idempotency-Key: <reference>", so a gateway
// that honours the key sends a message posted twice (a retry after a lost answer) once.
// The gateway reports delivery later with a receipt (POST /api/v1/notifications/receipts).
#include <chrono>
#include <string>

#include "services/notifications/message_channel.h"

namespace jumys::notifications {

struct SmsGatewayConfig {
  std::string url;      // http(s)://host[:port]/path the messages are posted to
  std::string api_key;  // sent as "Authorization: Bearer <api_key>"
  std::chrono::milliseconds timeout{10000};  // the whole request
};

// What the gateway answered, for the attempt log:
//   2xx                                              -> kSending (a receipt follows)
//   429, 408, 409, 5xx, no connection, a timeout     -> kTemporaryFailure
//   400, 413, 422 (the number or text is refused)    -> kPermanentFailure
//   401, 403, other 3xx/4xx (404: a wrong URL), a bad URL or key -> kTechnicalFailure
// A number that is not "+" and 8 to 15 digits, an empty text or a bad reference is
// kPermanentFailure and nothing is posted. detail: "HTTP 503: <the gateway's short answer>"
// with phone numbers and addresses masked, or curl's error text.
class SmsGatewayChannel : public MessageChannel {
 public:
  explicit SmsGatewayChannel(SmsGatewayConfig config);

  // Blocking, at most config.timeout; safe to call from several threads at once.
  SendResult Send(const OutgoingMessage& message) override;

  const SmsGatewayConfig& config() const { return config_; }

 private:
  SmsGatewayConfig config_;
};

}  // namespace jumys::notifications
