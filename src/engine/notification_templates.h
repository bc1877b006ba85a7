#pragma once
// Notification templates as data: reference/notifications/<name>.yaml, one file per message
// kind, in kk, ru and en, versioned. Loaded at start-up like the definitions and refused, with
// file and line, on an unknown key, a missing language or a placeholder nobody fills in.
//
//   name: decision_notice        # the file's name
//   version: 2                   # raised on every change of wording; each message keeps its own
//   audience: applicant          # applicant | staff
//   subject: {kk: ..., ru: ..., en: ...}
//   text: {kk: ..., ru: ..., en: ...}   # the inbox and e-mail body; {placeholders}
//   sms: {kk: ..., ru: ..., en: ...}    # the short form for SMS
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "engine/definition.h"

namespace jumys {

enum class NotificationAudience : std::uint8_t { kApplicant, kStaff };
const char* NotificationAudienceName(NotificationAudience a);

// The values a template may use, each filled in by the notifier.
const std::vector<std::string>& NotificationPlaceholders();

struct NotificationTemplate {
  std::string name;
  int version = 0;
  NotificationAudience audience = NotificationAudience::kApplicant;
  LocalizedText subject, text, sms;
  std::string file;
};

// A message in one language, ready for the outbox.
struct RenderedNotification {
  std::string subject;
  std::string text;
  std::string html;  // the text, escaped, as a complete HTML document with links made links
  std::string sms;
};

class NotificationTemplates {
 public:
  const NotificationTemplate* Find(std::string_view name) const;
  std::vector<std::string> Names() const;
  void Add(NotificationTemplate t);

 private:
  std::map<std::string, NotificationTemplate, std::less<>> templates_;
};

// Every *.yaml of `dir`; none when the folder is absent.
Expected<NotificationTemplates> LoadNotificationTemplates(const std::filesystem::path& dir);
Expected<NotificationTemplate> ParseNotificationTemplate(const std::string& file,
                                                         const std::string& text);

// `language` kk | ru | en (anything else: kk). A placeholder without a value renders empty.
RenderedNotification RenderNotification(const NotificationTemplate& t, std::string_view language,
                                        const std::map<std::string, std::string>& values);

}  // namespace jumys
