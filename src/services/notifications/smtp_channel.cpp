#include "services/notifications/smtp_channel.h"

#include <curl/curl.h>

#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

#include "core/base64.h"
#include "services/notifications/channel_support.h"

namespace jumys::notifications {
namespace {

constexpr std::string_view kCrLf = "\r\n";

bool IsControl(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte < 0x20 || byte == 0x7f;
}

bool HasControl(std::string_view text) {
  for (char c : text) {
    if (IsControl(c)) return true;
  }
  return false;
}

bool IsPrintableAscii(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e) return false;
  }
  return true;
}

// A plain addr-spec (local@domain) of printable ASCII without the characters that would let
// it out of an SMTP command or a header (spaces, CR/LF, <>, quotes, commas, ...).
bool IsMailAddress(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  const size_t at = address.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == address.size()) return false;
  if (address.find('@', at + 1) != std::string_view::npos) return false;
  for (char c : address) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f) return false;
    if (std::strchr("<>()[]\\,;:\"", c) != nullptr) return false;
  }
  return true;
}

// Letters, digits, '.', '-', '_': safe inside <...@...> and as a MIME boundary's tail.
bool IsToken(std::string_view text, size_t max_size) {
  if (text.empty() || text.size() > max_size) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') {
      return false;
    }
  }
  return true;
}

// RFC 5322 date-time in UTC: "Wed, 02 Dec 2026 16:36:53 +0000".
std::string FormatMailDate(Instant now) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{now - day};
  const std::chrono::weekday weekday{day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kDays[weekday.c_encoding()], static_cast<unsigned>(date.day()),
                kMonths[static_cast<unsigned>(date.month()) - 1], static_cast<int>(date.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

// A header's value as RFC 2047 encoded words (UTF-8, base64) of at most `chunk` bytes of text
// each, folded one per line. A character is never cut in two, and a word ends after a space
// where one is near: some readers show the folding between words as a space of its own.
std::string EncodedWords(std::string_view text, size_t chunk) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + chunk);
    if (end < text.size()) {
      const size_t space = text.substr(i, end - i).rfind(' ');
      if (space != std::string_view::npos && space + 1 > chunk / 2) {
        end = i + space + 1;
      } else {
        while (end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (end == i) end = std::min(text.size(), i + chunk);  // not UTF-8: cut anywhere
      }
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64Encode(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

// Unstructured header text (Subject): as it is if short printable ASCII, else encoded words.
std::string HeaderText(std::string_view name, std::string_view text) {
  if (IsPrintableAscii(text) && name.size() + 2 + text.size() <= 78 &&
      text.find("=?") == std::string_view::npos) {
    return std::string(text);
  }
  // 39 bytes make a word of at most 64 characters: with "Subject: " a line stays within 78.
  return EncodedWords(text, 39);
}

// From's display name: a quoted string if ASCII, else encoded words.
std::string DisplayName(std::string_view name) {
  if (IsPrintableAscii(name) && name.find("=?") == std::string_view::npos && name.size() <= 60) {
    std::string quoted = "\"";
    for (char c : name) {
      if (c == '"' || c == '\\') quoted.push_back('\\');
      quoted.push_back(c);
    }
    return quoted + "\"";
  }
  // 45 bytes make a word of at most 72 characters, on a line of its own after "From: ".
  return EncodedWords(name, 45);
}

// RFC 2045 quoted-printable of UTF-8 text, line ends made CRLF, lines at most 76 characters.
// '=' always starts an escape, so the boundary "=_..." can never occur in the result.
std::string QuotedPrintable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  std::string line;  // the encoded current line
  auto end_line = [&] {
    out += line;
    out += kCrLf;
    line.clear();
  };
  auto put = [&](std::string_view piece) {
    if (line.size() + piece.size() > 75) {
      line += "=";
      out += line;
      out += kCrLf;
      line.clear();
    }
    line += piece;
  };
  size_t i = 0;
  while (i <= text.size()) {
    // One source line at a time.
    size_t end = text.find_first_of("\r\n", i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view source = text.substr(i, end - i);
    for (size_t j = 0; j < source.size(); ++j) {
      const char c = source[j];
      const auto byte = static_cast<unsigned char>(c);
      const bool last = j + 1 == source.size();
      const bool literal = (byte >= 33 && byte <= 126 && c != '=' && !(c == '.' && j == 0)) ||
                           ((c == ' ' || c == '\t') && !last);
      if (literal) {
        put(std::string_view(&c, 1));
      } else {
        const char escaped[3] = {'=', kHex[byte >> 4], kHex[byte & 0xF]};
        put(std::string_view(escaped, 3));
      }
    }
    end_line();
    if (end == text.size()) break;
    // A text that ends with a line end gets an empty last line: the CRLF this loop always
    // ends with belongs to the boundary that follows, not to the text.
    i = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
  return out;
}

void AddPart(std::string* out, std::string_view content_type, std::string_view body) {
  *out += "Content-Type: ";
  *out += content_type;
  *out += "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  *out += QuotedPrintable(body);
}

SendResult Refuse(SendStatus status, std::string detail) { return {status, std::move(detail)}; }

// --- The conversation, as curl's debug callback shows it ---------------------------------

struct Reply {
  std::string phase;  // the command it answers: GREETING, EHLO, STARTTLS, AUTH, MAIL, RCPT,
                      // DATA, BODY (the message itself)
  int code = 0;
  std::string text;
};

struct Conversation {
  std::string phase = "GREETING";
  std::string pending;              // an unfinished line from the server
  std::string continued;            // the text of a multi-line reply so far
  std::optional<Reply> last;        // the last complete reply, QUIT's excepted
  std::optional<Reply> to_message;  // the reply to the message after DATA

  void Sent(std::string_view command) {
    size_t end = 0;
    while (end < command.size() && std::isalpha(static_cast<unsigned char>(command[end]))) ++end;
    // A verb stands alone: "AUTH PLAIN", "DATA\r\n"; a base64 line that starts like one does not.
    if (end < command.size() && command[end] != ' ' && command[end] != '\r') return;
    std::string verb(command.substr(0, end));
    for (char& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    static constexpr std::array<std::string_view, 10> kVerbs = {
        "EHLO", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP"};
    for (std::string_view known : kVerbs) {
      // Only the verb is kept: AUTH's arguments and continuation lines carry credentials.
      if (verb == known) phase = verb;
    }
  }

  void Received(std::string_view data) {
    pending.append(data);
    size_t newline;
    while ((newline = pending.find('\n')) != std::string::npos) {
      std::string line = pending.substr(0, newline);
      pending.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.size() < 3 || !std::isdigit(static_cast<unsigned char>(line[0])) ||
          !std::isdigit(static_cast<unsigned char>(line[1])) ||
          !std::isdigit(static_cast<unsigned char>(line[2]))) {
        continue;
      }
      const std::string text = line.size() > 4 ? line.substr(4) : std::string();
      if (line.size() > 3 && line[3] == '-') {
        continued += continued.empty() ? text : " " + text;
        continue;
      }
      Reply reply{phase, std::stoi(line.substr(0, 3)), line.substr(0, 3)};
      const std::string all = continued.empty() ? text : continued + " " + text;
      if (!all.empty()) reply.text += " " + all;
      continued.clear();
      if (phase == "BODY") to_message = reply;
      if (phase != "QUIT") last = reply;
      if (reply.code == 354) phase = "BODY";
    }
  }
};

int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* conversation = static_cast<Conversation*>(user);
  if (type == CURLINFO_HEADER_IN) conversation->Received(std::string_view(data, size));
  if (type == CURLINFO_HEADER_OUT) conversation->Sent(std::string_view(data, size));
  return 0;
}

struct Upload {
  std::string_view text;
  size_t offset = 0;
};

size_t OnRead(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->text.size() - upload->offset);
  std::memcpy(buffer, upload->text.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

// Beyond what any channel's set-up can get wrong: the SMTP login and STARTTLS.
bool IsTlsOrSetupError(CURLcode code) {
  return IsCurlSetupError(code) || code == CURLE_LOGIN_DENIED || code == CURLE_USE_SSL_FAILED ||
         code == CURLE_AUTH_ERROR;
}

SendResult Classify(CURLcode code, const Conversation& conversation, const char* error_text) {
  if (code == CURLE_OK) {
    const std::optional<Reply>& reply =
        conversation.to_message ? conversation.to_message : conversation.last;
    return {SendStatus::kDelivered, reply ? ReplyForLog(reply->text) : "250"};
  }
  const std::optional<Reply>& reply = conversation.last;
  const bool failed_reply = reply && reply->code >= 400;
  const std::string detail =
      failed_reply ? ReplyForLog(reply->text)
                   : ReplyForLog(*error_text != '\0' ? error_text : curl_easy_strerror(code));
  if (failed_reply && reply->code < 500) return {SendStatus::kTemporaryFailure, detail};
  if (IsTlsOrSetupError(code)) return {SendStatus::kTechnicalFailure, detail};
  if (failed_reply) {
    const std::string& phase = reply->phase;
    if (phase == "RCPT" || phase == "DATA" || phase == "BODY") {
      return {SendStatus::kPermanentFailure, detail};
    }
    return {SendStatus::kTechnicalFailure, detail};  // greeting, EHLO, MAIL FROM, AUTH, ...
  }
  // No connection, a timeout, a line dropped midway: the server may be back later.
  return {SendStatus::kTemporaryFailure, detail};
}

}  // namespace

MimeMessage BuildMimeMessage(const SmtpConfig& config, const OutgoingMessage& message,
                             Instant now) {
  MimeMessage result;
  if (!IsMailAddress(config.from_address)) {
    result.refused = Refuse(SendStatus::kTechnicalFailure, "the sender address is not valid");
    return result;
  }
  if (HasControl(config.from_name)) {
    result.refused = Refuse(SendStatus::kTechnicalFailure, "the sender name has a line break");
    return result;
  }
  if (!IsToken(config.message_id_domain, 200)) {
    result.refused = Refuse(SendStatus::kTechnicalFailure, "the Message-ID domain is not valid");
    return result;
  }
  if (!IsMailAddress(message.address)) {
    result.refused = Refuse(SendStatus::kPermanentFailure, "the recipient address is not valid");
    return result;
  }
  if (HasControl(message.subject)) {
    result.refused = Refuse(SendStatus::kPermanentFailure, "the subject has a line break");
    return result;
  }
  if (!IsToken(message.reference, 64)) {
    result.refused = Refuse(SendStatus::kPermanentFailure, "the reference is not valid");
    return result;
  }
  if (message.language != "kk" && message.language != "ru" && message.language != "en") {
    result.refused = Refuse(SendStatus::kPermanentFailure, "the language is not kk, ru or en");
    return result;
  }

  std::string& out = result.text;
  out += "Date: " + FormatMailDate(now) + "\r\n";
  out += "From: ";
  if (!config.from_name.empty()) out += DisplayName(config.from_name) + "\r\n ";
  out += "<" + config.from_address + ">\r\n";
  out += "To: <" + message.address + ">\r\n";
  out += "Subject: " + HeaderText("Subject", message.subject) + "\r\n";
  out += "Message-ID: <" + message.reference + "@" + config.message_id_domain + ">\r\n";
  out += "X-Jumys-Reference: " + message.reference + "\r\n";
  out += "Content-Language: " + message.language + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  if (message.html.empty()) {
    AddPart(&out, "text/plain", message.text);
    return result;
  }
  const std::string boundary = "=_jumys_" + message.reference;
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n";
  AddPart(&out, "text/plain", message.text);
  out += "--" + boundary + "\r\n";
  AddPart(&out, "text/html", message.html);
  out += "--" + boundary + "--\r\n";
  return result;
}

SmtpChannel::SmtpChannel(SmtpConfig config) : config_(std::move(config)) { InitCurlOnce(); }

SendResult SmtpChannel::Send(const OutgoingMessage& message) {
  if (!config_.url.starts_with("smtp://") && !config_.url.starts_with("smtps://")) {
    return {SendStatus::kTechnicalFailure, "the SMTP URL is not smtp:// or smtps://"};
  }
  const MimeMessage mime = BuildMimeMessage(
      config_, message,
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (mime.refused) return *mime.refused;

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return {SendStatus::kTemporaryFailure, "cannot start an SMTP connection"};
  CURL* handle = curl.get();
  const std::string from = "<" + config_.from_address + ">";
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(
      curl_slist_append(nullptr, ("<" + message.address + ">").c_str()), &curl_slist_free_all);
  Upload upload{mime.text};
  Conversation conversation;
  char error_text[CURL_ERROR_SIZE] = {0};
  const long timeout_ms = static_cast<long>(config_.timeout.count());

  curl_easy_setopt(handle, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text);
  if (config_.url.starts_with("smtp://") && config_.starttls) {
    curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (!config_.ca_file.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (!config_.username.empty()) {
    curl_easy_setopt(handle, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(handle, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(handle, CURLOPT_READFUNCTION, &OnRead);
  curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
  curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mime.text.size()));
  // The debug stream is how the server's reply and the command it answers are known; curl
  // prints nothing with a debug function set.
  curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, &OnDebug);
  curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &conversation);

  const CURLcode code = curl_easy_perform(handle);
  return Classify(code, conversation, error_text);
}

}  // namespace jumys::notifications
