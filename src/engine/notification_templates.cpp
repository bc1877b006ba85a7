#include "engine/notification_templates.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/markup.h"
#include "engine/definition_yaml.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;
using definition_yaml::Reader;

const char* const kLanguages[] = {"kk", "ru", "en"};

const std::string& In(const LocalizedText& t, std::string_view language) {
  if (language == "ru") return t.ru;
  if (language == "en") return t.en;
  return t.kk;
}

// The line of the file that holds position `at` of `text`, the value of `node`: the line of
// the value around `at` is looked for from where the node starts (placeholders sit inside
// block scalars, whose node marks only say where the block starts). The node's line when the
// value is not written out literally (escapes in a quoted string).
int LineOf(const std::string& file_text, const YAML::Node& node, const std::string& text,
           std::size_t at) {
  const int fallback = Reader::Line(node);
  const auto before = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
  const std::size_t from = before == std::string::npos ? 0 : before + 1;
  const auto end = text.find('\n', at);
  const std::string line = text.substr(from, end == std::string::npos ? end : end - from);
  const std::size_t start = node.Mark().pos > 0 ? static_cast<std::size_t>(node.Mark().pos) : 0;
  const auto pos = file_text.find(line, start);
  if (line.empty() || pos == std::string::npos) return fallback;
  return 1 + static_cast<int>(std::count(file_text.begin(), file_text.begin() + pos, '\n'));
}

// Every {name} of `text` must be a known placeholder; a lone brace is refused too, so a typo
// such as "{case_number" does not reach a recipient.
Status CheckPlaceholders(const Reader& r, const std::string& file_text, const YAML::Node& node,
                         const std::string& text) {
  const auto& known = NotificationPlaceholders();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') return r.AtLine(LineOf(file_text, node, text, i), "a '}' without its '{'");
    if (text[i] != '{') continue;
    // Closed on the same line before any other brace, or a typo.
    const auto end = text.find_first_of("{}\n", i + 1);
    if (end == std::string::npos || text[end] != '}') {
      return r.AtLine(LineOf(file_text, node, text, i), "a '{' without its '}'");
    }
    const std::string name = text.substr(i + 1, end - i - 1);
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return r.AtLine(LineOf(file_text, node, text, i), "unknown placeholder '{" + name + "}'");
    }
    i = end;
  }
  return {};
}

void Replace(std::string& s, std::string_view from, std::string_view to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
}

std::string Fill(const std::string& text, const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size() + 64);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto end = text[i] == '{' ? text.find('}', i) : std::string::npos;
    if (end == std::string::npos) {
      out += text[i];
      continue;
    }
    if (auto it = values.find(text.substr(i + 1, end - i - 1)); it != values.end()) {
      out += it->second;
    }
    i = end;
  }
  return out;
}

// Paragraphs at blank lines, line breaks kept, and every http(s) address a link.
std::string Html(const std::string& text, std::string_view language, const std::string& title) {
  std::string body;
  std::istringstream lines(text);
  std::string line, paragraph;
  const auto flush = [&] {
    if (!paragraph.empty()) body += "<p>" + paragraph + "</p>\n";
    paragraph.clear();
  };
  while (std::getline(lines, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      flush();
      continue;
    }
    std::string html;
    std::size_t i = 0;
    while (i < line.size()) {
      auto http = std::min(line.find("http://", i), line.find("https://", i));
      html +=
          EscapeMarkup(line.substr(i, http == std::string::npos ? std::string::npos : http - i));
      if (http == std::string::npos) break;
      auto end = std::min(line.find_first_of(" \t<>\"", http), line.size());
      const std::string url = EscapeMarkup(line.substr(http, end - http));
      html += "<a href=\"" + url + "\">" + url + "</a>";
      i = end;
    }
    if (!paragraph.empty()) paragraph += "<br>\n";
    paragraph += html;
  }
  flush();
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(language) +
         "\"><head><meta charset=\"utf-8\"><title>" + EscapeMarkup(title) +
         "</title></head><body>\n" + body + "</body></html>\n";
}

}  // namespace

const char* NotificationAudienceName(NotificationAudience a) {
  return a == NotificationAudience::kStaff ? "staff" : "applicant";
}

const std::vector<std::string>& NotificationPlaceholders() {
  static const std::vector<std::string> kNames = {
      "case_number", "process_title", "office_name", "result_number", "verify_url", "case_url",
      "due_at", "step_title", "task_url", "recipient_name",
      // An annulled or replaced result (services/documents/document_annulment.h).
      "document_number", "reason", "new_number",
      // A payment order settled (services/payments).
      "payment_number", "amount", "period"};
  return kNames;
}

const NotificationTemplate* NotificationTemplates::Find(std::string_view name) const {
  auto it = templates_.find(name);
  return it == templates_.end() ? nullptr : &it->second;
}

std::vector<std::string> NotificationTemplates::Names() const {
  std::vector<std::string> out;
  for (const auto& [name, t] : templates_) out.push_back(name);
  return out;
}

void NotificationTemplates::Add(NotificationTemplate t) {
  std::string name = t.name;
  templates_[std::move(name)] = std::move(t);
}

Expected<NotificationTemplate> ParseNotificationTemplate(const std::string& file,
                                                         const std::string& text) {
  Reader r(file);
  JUMYS_ASSIGN_OR_RETURN(YAML::Node root, r.Load(text));
  JUMYS_TRY(r.Keys(root, {"name", "version", "audience", "subject", "text", "sms"}));
  NotificationTemplate t;
  t.file = file;
  JUMYS_ASSIGN_OR_RETURN(t.name, r.Identifier(root, "name"));
  if (t.name != fs::path(file).stem().string()) {
    return r.At(root["name"], "name '" + t.name + "' does not match the file name");
  }
  JUMYS_ASSIGN_OR_RETURN(std::string version, r.Text(root, "version"));
  if (version.empty() || version.size() > 6 ||
      !std::all_of(version.begin(), version.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      version == "0" || version.front() == '0') {
    return r.At(root["version"], "'version' must be a positive whole number");
  }
  t.version = std::stoi(version);
  JUMYS_ASSIGN_OR_RETURN(std::string audience, r.Text(root, "audience"));
  if (audience == "staff") {
    t.audience = NotificationAudience::kStaff;
  } else if (audience != "applicant") {
    return r.At(root["audience"], "'" + audience + "' is not one of applicant, staff");
  }
  JUMYS_ASSIGN_OR_RETURN(t.subject, r.Localized(root, "subject", true));
  JUMYS_ASSIGN_OR_RETURN(t.text, r.Localized(root, "text", true));
  JUMYS_ASSIGN_OR_RETURN(t.sms, r.Localized(root, "sms", true));
  for (auto [key, l] : {std::pair{"subject", &t.subject}, {"text", &t.text}, {"sms", &t.sms}}) {
    for (const char* lang : kLanguages) {
      JUMYS_TRY(CheckPlaceholders(r, text, root[key][lang], In(*l, lang)));
    }
  }
  return t;
}

Expected<NotificationTemplates> LoadNotificationTemplates(const fs::path& dir) {
  NotificationTemplates out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return DefinitionFileError(file.string(), 0, "cannot be read");
    JUMYS_ASSIGN_OR_RETURN(auto t, ParseNotificationTemplate(file.string(), text.str()));
    out.Add(std::move(t));
  }
  return out;
}

RenderedNotification RenderNotification(const NotificationTemplate& t, std::string_view language,
                                        const std::map<std::string, std::string>& values) {
  const std::string_view lang = language == "ru" || language == "en" ? language : "kk";
  RenderedNotification out;
  out.subject = Fill(In(t.subject, lang), values);
  Replace(out.subject, "\n", " ");
  out.text = Fill(In(t.text, lang), values);
  out.sms = Fill(In(t.sms, lang), values);
  out.html = Html(out.text, lang, out.subject);
  return out;
}

}  // namespace jumys
