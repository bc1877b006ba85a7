// Notification templates as data (reference/notifications): the shipped ones load, a bad one is
// refused naming its file and line, and a message renders in kk, ru and en with its values
// filled in and its HTML escaped.
#include "engine/notification_templates.h"

#include <gtest/gtest.h>

#include <set>

#include "core/source_dir.h"
#include "engine/definition_test_support.h"

namespace jumys {
namespace {

namespace fs = std::filesystem;
using jumys::testing::DefinitionTree;

// A valid template named `name`, with a `|` block per language for the text.
std::string Template(const std::string& name = "sample") {
  return "name: " + name + R"(
version: 3
audience: applicant
subject:
  kk: "Хабар: {case_number}"
  ru: "Сообщение: {case_number}"
  en: "Message: {case_number}"
text:
  kk: |
    Құрметті {recipient_name}!

    {case_number} өтініші: {case_url}
    Тексеру: {verify_url}
  ru: |
    Уважаемый(ая) {recipient_name}!

    Заявление {case_number}: {case_url}
    Проверка: {verify_url}
  en: |
    Dear {recipient_name},

    Application {case_number}: {case_url}
    Verify: {verify_url}
sms:
  kk: "{case_number} дайын"
  ru: "{case_number} готово"
  en: "{case_number} is ready"
)";
}

std::string Mutate(std::string text, const std::string& from, const std::string& to) {
  const auto pos = text.find(from);
  if (pos == std::string::npos) throw std::invalid_argument("no '" + from + "' in the template");
  return text.replace(pos, from.size(), to);
}

// The 1-based line of `text` holding `needle` first.
int LineOf(const std::string& text, const std::string& needle) {
  const auto pos = text.find(needle);
  if (pos == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + pos, '\n'));
}

// Loads a folder holding `text` as <file>.yaml and returns the error message ("" if it loaded).
std::string LoadError(const std::string& file_stem, const std::string& text, fs::path* file) {
  DefinitionTree tree;
  *file = DefinitionTree::Write(tree.reference() / "notifications" / (file_stem + ".yaml"), text);
  auto loaded = LoadNotificationTemplates(tree.reference() / "notifications");
  return loaded ? std::string() : loaded.error().message;
}

void ExpectRefused(const std::string& text, const std::string& at_line_of,
                   const std::string& reason, const std::string& stem = "sample") {
  fs::path file;
  const std::string message = LoadError(stem, text, &file);
  ASSERT_FALSE(message.empty()) << "accepted:\n" << text;
  const int line = LineOf(text, at_line_of);
  ASSERT_GT(line, 0) << at_line_of;
  const std::string prefix = file.string() + ":" + std::to_string(line) + ": ";
  EXPECT_EQ(message.rfind(prefix, 0), 0u) << message << "\nexpected " << prefix;
  EXPECT_NE(message.find(reason), std::string::npos) << message;
}

TEST(NotificationTemplatesTest, ShippedTemplatesLoadWithEveryLanguage) {
  auto loaded = LoadNotificationTemplates(SourceDir() / "reference/notifications");
  ASSERT_TRUE(loaded) << loaded.error().message;
  const auto names = loaded->Names();
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()),
            (std::set<std::string>{"application_accepted",
                                   "application_decided",
                                   "attendance_due",
                                   "complaint_answered",
                                   "decision_notice",
                                   "deregistered",
                                   "fee_window_closing",
                                   "monitoring_findings",
                                   "payment_made",
                                   "permit_to_collect",
                                   "relocation_commission_decided",
                                   "relocation_decision",
                                   "relocation_region_ready",
                                   "report_due_soon",
                                   "report_returned",
                                   "result_annulled",
                                   "result_ready",
                                   "result_replaced",
                                   "step_awaits_applicant",
                                   "task_assigned",
                                   "task_due_soon",
                                   "task_overdue",
                                   "vacancy_published",
                                   "vacancy_scheduled"}));
  for (const auto& name : names) {
    const NotificationTemplate* t = loaded->Find(name);
    ASSERT_NE(t, nullptr);
    EXPECT_GE(t->version, 1) << name;
    for (const auto* l : {&t->subject, &t->text, &t->sms}) {
      EXPECT_FALSE(l->kk.empty()) << name;
      EXPECT_FALSE(l->ru.empty()) << name;
      EXPECT_FALSE(l->en.empty()) << name;
    }
  }
  EXPECT_EQ(loaded->Find("decision_notice")->audience, NotificationAudience::kApplicant);
  EXPECT_EQ(loaded->Find("task_overdue")->audience, NotificationAudience::kStaff);
  EXPECT_EQ(loaded->Find("no_such"), nullptr);
}

TEST(NotificationTemplatesTest, TheSampleIsValid) {
  fs::path file;
  EXPECT_EQ(LoadError("sample", Template(), &file), "");
}

TEST(NotificationTemplatesTest, UnknownPlaceholderInsideABlockNamesFileAndLine) {
  // In the ru text, the block's third line.
  ExpectRefused(Mutate(Template(), "Заявление {case_number}", "Заявление {case_numbr}"),
                "Заявление {case_numbr}", "unknown placeholder '{case_numbr}'");
  // In the en text's last line, and in a subject.
  ExpectRefused(Mutate(Template(), "Verify: {verify_url}", "Verify: {verification}"),
                "Verify: {verification}", "unknown placeholder '{verification}'");
  ExpectRefused(Mutate(Template(), "\"Message: {case_number}\"", "\"Message: {iin}\""),
                "Message: {iin}", "unknown placeholder '{iin}'");
  ExpectRefused(Mutate(Template(), "\"{case_number} готово\"", "\"{case_number} {salary}\""),
                "{case_number} {salary}", "unknown placeholder '{salary}'");
}

TEST(NotificationTemplatesTest, ALoneBraceInsideABlockNamesItsLine) {
  ExpectRefused(Mutate(Template(), "Проверка: {verify_url}", "Проверка: verify_url}"),
                "Проверка: verify_url}", "a '}' without its '{'");
  ExpectRefused(Mutate(Template(), "Application {case_number}:", "Application {case_number:"),
                "Application {case_number:", "a '{' without its '}'");
}

TEST(NotificationTemplatesTest, UnknownKeyMissingLanguageAndBadHeaderAreRefused) {
  ExpectRefused(Mutate(Template(), "audience: applicant\n", "audience: applicant\nsender: x\n"),
                "sender: x", "sender");
  // A missing language: at its mapping's first line.
  ExpectRefused(Mutate(Template(), "  ru: \"{case_number} готово\"\n", ""),
                "kk: \"{case_number} дайын\"", "missing 'ru'");
  ExpectRefused(Mutate(Template(), "  kk: \"Хабар: {case_number}\"\n", ""),
                "ru: \"Сообщение: {case_number}\"", "missing 'kk'");
  ExpectRefused(Mutate(Template(), "audience: applicant", "audience: public"), "audience: public",
                "'public' is not one of applicant, staff");
  // The name must be the file's.
  ExpectRefused(Template("other"), "name: other", "name 'other' does not match the file name");
  // Versions are positive whole numbers.
  ExpectRefused(Mutate(Template(), "version: 3", "version: 0"), "version: 0",
                "'version' must be a positive whole number");
  ExpectRefused(Mutate(Template(), "version: 3", "version: two"), "version: two",
                "'version' must be a positive whole number");
  ExpectRefused(Mutate(Template(), "version: 3", "version: -1"), "version: -1",
                "'version' must be a positive whole number");
}

TEST(NotificationTemplatesTest, RendersEachLanguageWithItsValues) {
  auto t = ParseNotificationTemplate("sample.yaml", Template());
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->version, 3);
  const std::map<std::string, std::string> values = {
      {"case_number", "KZO-2026-000007"},
      {"recipient_name", "Айгүл"},
      {"case_url", "https://jumys.example/cases/7"},
      {"verify_url", "https://jumys.example/verify/ABCD"}};
  const auto kk = RenderNotification(*t, "kk", values);
  const auto ru = RenderNotification(*t, "ru", values);
  const auto en = RenderNotification(*t, "en", values);
  EXPECT_EQ(kk.subject, "Хабар: KZO-2026-000007");
  EXPECT_EQ(ru.subject, "Сообщение: KZO-2026-000007");
  EXPECT_EQ(en.subject, "Message: KZO-2026-000007");
  EXPECT_EQ(en.text,
            "Dear Айгүл,\n\nApplication KZO-2026-000007: https://jumys.example/cases/7\n"
            "Verify: https://jumys.example/verify/ABCD\n");
  EXPECT_NE(ru.text.find("Уважаемый(ая) Айгүл!"), std::string::npos) << ru.text;
  EXPECT_NE(kk.text.find("Құрметті Айгүл!"), std::string::npos) << kk.text;
  EXPECT_EQ(ru.sms, "KZO-2026-000007 готово");
  EXPECT_EQ(en.sms, "KZO-2026-000007 is ready");
  // An unknown language is Kazakh; a value not given renders empty.
  EXPECT_EQ(RenderNotification(*t, "de", values).subject, kk.subject);
  EXPECT_EQ(RenderNotification(*t, "en", {}).subject, "Message: ");
  // The HTML is a whole document in the recipient's language.
  EXPECT_NE(en.html.find("<html lang=\"en\">"), std::string::npos) << en.html;
  EXPECT_NE(ru.html.find("<html lang=\"ru\">"), std::string::npos) << ru.html;
  EXPECT_NE(en.html.find("<title>Message: KZO-2026-000007</title>"), std::string::npos);
}

TEST(NotificationTemplatesTest, HtmlEscapesValuesAndLinksTheAddresses) {
  auto t = ParseNotificationTemplate("sample.yaml", Template());
  ASSERT_TRUE(t) << t.error().message;
  const auto en = RenderNotification(*t, "en",
                                     {{"case_number", "<b>7</b>"},
                                      {"recipient_name", "<script>alert(\"x\")</script> & Co"},
                                      {"case_url", "https://jumys.example/cases/7"},
                                      {"verify_url", "https://jumys.example/verify/AB&CD"}});
  EXPECT_EQ(en.html.find("<script>"), std::string::npos) << en.html;
  EXPECT_EQ(en.html.find("<b>"), std::string::npos) << en.html;
  EXPECT_NE(en.html.find("Dear &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co,"),
            std::string::npos)
      << en.html;
  EXPECT_NE(en.html.find("<a href=\"https://jumys.example/verify/AB&amp;CD\">"
                         "https://jumys.example/verify/AB&amp;CD</a>"),
            std::string::npos)
      << en.html;
  EXPECT_NE(en.html.find("<a href=\"https://jumys.example/cases/7\">"), std::string::npos);
  EXPECT_NE(en.html.find("<title>Message: &lt;b&gt;7&lt;/b&gt;</title>"), std::string::npos)
      << en.html;
  // The plain text keeps the value as it is.
  EXPECT_NE(en.text.find("<script>"), std::string::npos);
  // The blank line of the text separates paragraphs.
  EXPECT_NE(en.html.find("</p>\n<p>"), std::string::npos) << en.html;
}

TEST(NotificationTemplatesTest, ALineBreakInTheSubjectBecomesASpace) {
  auto t = ParseNotificationTemplate("sample.yaml", Template());
  ASSERT_TRUE(t);
  const auto en = RenderNotification(*t, "en", {{"case_number", "A\nB"}});
  EXPECT_EQ(en.subject, "Message: A B");
}

}  // namespace
}  // namespace jumys
