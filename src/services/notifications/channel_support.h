#pragma once
// What the outside channels (SMTP, the SMS gateway) share: libcurl's one-time set-up and the
// short, impersonal form of a provider's reply that goes into the attempt log.
#include <curl/curl.h>

#include <string>
#include <string_view>

namespace jumys::notifications {

// curl_global_init, once per process, before the first handle (it must not race).
void InitCurlOnce();

// A transfer that failed on our side of the line: a bad URL, a protocol this libcurl lacks, a
// TLS set-up or certificate that does not verify. Such a failure is technical, not temporary.
bool IsCurlSetupError(CURLcode code);

// A provider's reply fit for the attempt log: one line of at most 200 bytes, with e-mail
// addresses ("<...>" and any word with an '@') shown as "<address>" and runs of seven or more
// digits (phone numbers) as "<number>".
std::string ReplyForLog(std::string_view reply);

}  // namespace jumys::notifications
