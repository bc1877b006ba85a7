#pragma once
// E-mail out of the outbox: one SMTP conversation per message through libcurl, the message a
// MIME multipart/alternative of the plain text and the HTML, both UTF-8 and quoted-printable,
// the Subject an RFC 2047 encoded word when it is not plain ASCII. The message's reference is
// its Message-ID (<REFERENCE@message_id_domain>) and its X-Jumys-Reference, so a recipient
// that dedupes by Message-ID sees a message sent twice (a retry after a lost reply) once.
#include <chrono>
#include <optional>
#include <string>

#include "core/time.h"
#include "services/notifications/message_channel.h"

namespace jumys::notifications {

struct SmtpConfig {
  std::string url;       // smtp://host:port, or smtps://host:port (TLS from the first byte)
  bool starttls = true;  // on smtp://: require STARTTLS before AUTH and MAIL (else plain)
  std::string username;  // AUTH with these if username is set
  std::string password;
  std::string from_address;                  // the envelope sender and From
  std::string from_name;                     // From's display name ("" for none); may be kk/ru text
  std::chrono::milliseconds timeout{30000};  // the whole conversation
  std::string message_id_domain = "jumys";   // Message-ID: <REFERENCE@message_id_domain>
  std::string ca_file;  // PEM file of the CAs to trust for the server's certificate ("": the
                        // system's)
};

// A message as it goes after DATA, or why it may not be sent.
struct MimeMessage {
  std::string text;                   // CRLF line ends; empty if refused
  std::optional<SendResult> refused;  // set if the message (permanent) or the configuration
                                      // (technical) would break a header: nothing is sent
};

// The whole message: Date (now), From, To, Subject, Message-ID, X-Jumys-Reference,
// Content-Language, MIME-Version and the body parts (text/plain only if `html` is empty).
// Refuses (kPermanentFailure) an address that is not a plain addr-spec, a subject, reference
// or language that could break a header (CR, LF, other control characters); a bad From or
// Message-ID domain in the configuration is kTechnicalFailure.
MimeMessage BuildMimeMessage(const SmtpConfig& config, const OutgoingMessage& message, Instant now);

// What an SMTP conversation ended in, for the attempt log:
//   250 to the message                                   -> kDelivered
//   any 4xx, no connection, a timeout, a dropped line     -> kTemporaryFailure
//   5xx to RCPT (the recipient) or to the message itself  -> kPermanentFailure
//   failed AUTH or TLS, 5xx to the greeting, EHLO or MAIL FROM, a bad URL -> kTechnicalFailure
// detail: the server's last reply (addresses shown as "<address>"), or curl's error text.
class SmtpChannel : public MessageChannel {
 public:
  explicit SmtpChannel(SmtpConfig config);

  // Blocking, at most config.timeout; safe to call from several threads at once.
  SendResult Send(const OutgoingMessage& message) override;

  const SmtpConfig& config() const { return config_; }

 private:
  SmtpConfig config_;
};

}  // namespace jumys::notifications
