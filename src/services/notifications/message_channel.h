#pragma once
// One way out of the outbox: e-mail over SMTP, an SMS gateway. The dispatcher
// (notification_dispatcher.h) hands a channel one message at a time and records what it says.
// A channel never retries by itself: retries, back-off and the attempt log are the dispatcher's.
#include <string>

namespace jumys::notifications {

struct OutgoingMessage {
  std::string reference;  // the message id, also its Message-ID (e-mail) or "reference" (SMS)
  std::string address;    // an e-mail address, or a phone number "+77011234567"
  std::string language;   // kk | ru | en
  std::string subject;    // e-mail only
  std::string text;       // the plain body; for SMS the whole message
  std::string html;       // e-mail only: a complete, escaped HTML document
};

enum class SendStatus {
  kDelivered,         // the provider took it and no receipt will follow (SMTP 250)
  kSending,           // the provider took it; a delivery receipt will follow (SMS gateway)
  kTemporaryFailure,  // try again later: 4xx from SMTP, 5xx/429 or no answer from a gateway
  kPermanentFailure,  // never retry: the address or number is refused
  kTechnicalFailure,  // our side is misconfigured: bad URL, credentials, TLS
};

struct SendResult {
  SendStatus status = SendStatus::kTechnicalFailure;
  std::string detail;  // the provider's reply, for the attempt log; no personal data
};

class MessageChannel {
 public:
  virtual ~MessageChannel() = default;
  // Blocking, bounded by the channel's own timeout.
  virtual SendResult Send(const OutgoingMessage& message) = 0;
};

}  // namespace jumys::notifications
