#include "rendering/document_templates.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "rendering/document_test_support.h"
#include "rendering/verification_code.h"

namespace jumys::rendering {
namespace {

const char kMinimal[] = R"(kind: sample
title: {kk: "Үлгі", ru: "Образец"}
legal_source: {kk: "Заң", ru: "Закон"}
fields:
  person: {source: application, label: {kk: "Адам", ru: "Лицо"}}
blocks:
  - text: {kk: "{person} туралы", ru: "О {person}"}
)";

TEST(DocumentTemplatesTest, RepositoryTemplatesLoad) {
  auto loaded = LoadDocumentTemplates(testing::TemplatesDir());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->by_kind.size(), 19u);
  ASSERT_NE(loaded->Find("decision_list"), nullptr);
  EXPECT_FALSE(loaded->Find("decision_list")->verifiable);
  EXPECT_TRUE(loaded->Find("refusal")->verifiable);
  ASSERT_NE(loaded->Find("refusal"), nullptr);
  EXPECT_TRUE(loaded->Find("refusal")->lists_grounds());
  EXPECT_FALSE(loaded->Find("permit")->lists_grounds());
  EXPECT_EQ(loaded->Find("permit")->fields.at("permit_variant").choices.size(), 4u);
  EXPECT_EQ(loaded->Find("nope"), nullptr);
}

// The decision notice prints its fee paragraph for a grant and its grounds for a refusal.
TEST(DocumentTemplatesTest, ABlockWithWhenIsPrintedOnlyForThatChoice) {
  auto loaded = LoadDocumentTemplates(testing::TemplatesDir());
  ASSERT_TRUE(loaded) << loaded.error().message;
  const DocumentTemplate* notice = loaded->Find("decision_notice");
  ASSERT_NE(notice, nullptr);
  EXPECT_TRUE(notice->lists_grounds());
  EXPECT_TRUE(notice->prints_grounds({{"decision", "refuse"}, {"fee", "none"}}));
  EXPECT_FALSE(notice->prints_grounds({{"decision", "issue"}, {"fee", "due"}}));
  const std::string bad = R"(kind: x
title: {kk: "a", ru: "b"}
legal_source: {kk: "a", ru: "b"}
fields:
  decision: {source: system, label: {kk: "a", ru: "b"}, choices: {yes: {kk: "a", ru: "b"}}}
blocks:
  - when: {decision: maybe}
    text: {kk: "a", ru: "b"}
)";
  auto refused = ParseDocumentTemplate(bad, "x.yaml");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "template.block_when");
}

TEST(DocumentTemplatesTest, ParsesAMinimalTemplate) {
  auto parsed = ParseDocumentTemplate(kMinimal, "sample.yaml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->kind, "sample");
  EXPECT_EQ(parsed->title.kk, "Үлгі");
  ASSERT_EQ(parsed->blocks.size(), 1u);
  EXPECT_EQ(parsed->blocks[0].type, Block::Type::kText);
  EXPECT_TRUE(parsed->fields.count("case_number"));  // built in
}

TEST(DocumentTemplatesTest, ErrorsNameFileAndLine) {
  std::string unknown = kMinimal;
  unknown.replace(unknown.find("{person}"), 8, "{persn}");
  auto a = ParseDocumentTemplate(unknown, "sample.yaml");
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message.find("sample.yaml:7"), std::string::npos) << a.error().message;
  EXPECT_NE(a.error().message.find("{persn}"), std::string::npos);

  std::string no_ru = kMinimal;
  const std::string ru_title = ", ru: \"Образец\"";
  no_ru.replace(no_ru.find(ru_title), ru_title.size(), "");
  auto b = ParseDocumentTemplate(no_ru, "sample.yaml");
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message.find("sample.yaml:2: title.ru is missing"), std::string::npos)
      << b.error().message;

  auto c = ParseDocumentTemplate("kind: x\ntitle: [unclosed\n", "broken.yaml");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message.find("broken.yaml:"), std::string::npos) << c.error().message;

  std::string bad_flag = kMinimal;
  bad_flag.replace(bad_flag.find("}}\nblocks"), 2, "}, optional: maybe}");
  auto e = ParseDocumentTemplate(bad_flag, "sample.yaml");
  ASSERT_FALSE(e);
  EXPECT_NE(e.error().message.find("sample.yaml:5"), std::string::npos) << e.error().message;

  std::string bad_row = std::string(kMinimal) + "  - rows: [person, nobody]\n";
  auto d = ParseDocumentTemplate(bad_row, "sample.yaml");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("sample.yaml:8"), std::string::npos) << d.error().message;
  EXPECT_NE(d.error().message.find("nobody"), std::string::npos);
}

// Every field says where its value comes from; a field without a source (or with another
// word) is refused, naming file and line.
TEST(DocumentTemplatesTest, EveryFieldDeclaresItsSource) {
  auto parsed = ParseDocumentTemplate(kMinimal, "sample.yaml");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->fields.at("person").source, FieldSource::kApplication);
  EXPECT_EQ(parsed->fields.at("issue_date").source, FieldSource::kSystem);  // built in

  std::string none = kMinimal;
  none.replace(none.find("source: application, "), 21, "");
  auto missing = ParseDocumentTemplate(none, "sample.yaml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().key, "template.field_source");
  EXPECT_NE(missing.error().message.find("sample.yaml:5"), std::string::npos)
      << missing.error().message;
  EXPECT_NE(missing.error().message.find("'person'"), std::string::npos);

  std::string other = kMinimal;
  other.replace(other.find("application,"), 12, "applicant,");
  auto wrong = ParseDocumentTemplate(other, "sample.yaml");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().key, "template.field_source");

  // The shipped templates: the dates, numbers and names the system knows are the system's;
  // what a referral names is the executor's.
  auto loaded = LoadDocumentTemplates(testing::TemplatesDir());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->Find("notification")->fields.at("registration_date").source,
            FieldSource::kSystem);
  EXPECT_EQ(loaded->Find("permit")->fields.at("employer_name").source, FieldSource::kSystem);
  EXPECT_EQ(loaded->Find("permit")->fields.at("valid_until").source, FieldSource::kSystem);
  for (const char* kind : {"referral_employment", "referral_youth_practice", "referral_social_jobs",
                           "referral_public_works"}) {
    for (const char* field : {"employer_name", "employer_address", "position", "valid_until"}) {
      EXPECT_EQ(loaded->Find(kind)->fields.at(field).source, FieldSource::kStaff)
          << kind << " " << field;
    }
  }
}

// Each field takes its value from its declared source only, whatever the others hold under
// the same key; an application field only when the definition lets it through.
TEST(DocumentTemplatesTest, EachFieldTakesItsValueFromItsSourceOnly) {
  auto loaded = LoadDocumentTemplates(testing::TemplatesDir());
  ASSERT_TRUE(loaded) << loaded.error().message;
  SourcedValues v;
  v.application = {{"registration_date", "01.01.2020"},
                   {"employer_name", "Applicant's pick"},
                   {"valid_until", "31.12.2099"},
                   {"applicant_name", "Someone else"}};
  v.staff = {{"employer_name", "«Сыр Құрылыс» ЖШС"},
             {"position", "Жұмысшы"},
             {"valid_until", "07.12.2026"},
             {"registration_date", "02.02.2021"}};
  v.system = {{"registration_date", "23.11.2026"},
              {"applicant_name", "Иванова Ольга Петровна"},
              {"employer_name", "System's employer"}};

  auto notification = ResolveFields(*loaded->Find("notification"), v, {});
  EXPECT_EQ(notification["registration_date"], "23.11.2026");
  EXPECT_EQ(notification["applicant_name"], "Иванова Ольга Петровна");

  auto referral = ResolveFields(*loaded->Find("referral_employment"), v, {"employer_name"});
  EXPECT_EQ(referral["employer_name"], "«Сыр Құрылыс» ЖШС");
  EXPECT_EQ(referral["valid_until"], "07.12.2026");
  EXPECT_EQ(referral["position"], "Жұмысшы");
  EXPECT_FALSE(referral.count("employer_address"));   // no one entered it
  EXPECT_FALSE(referral.count("registration_date"));  // not a field of the referral

  auto sample = ParseDocumentTemplate(kMinimal, "sample.yaml");
  ASSERT_TRUE(sample) << sample.error().message;
  v.application["person"] = "Асқар";
  v.staff["person"] = "staff's";
  v.system["person"] = "system's";
  EXPECT_FALSE(ResolveFields(*sample, v, {}).count("person")) << "not let through";
  EXPECT_EQ(ResolveFields(*sample, v, {"person"})["person"], "Асқар");
}

TEST(DocumentTemplatesTest, DirectoryErrors) {
  const storage::TempDir temp;
  const auto& dir = temp.path();
  EXPECT_FALSE(LoadDocumentTemplates(dir));  // empty
  std::ofstream(dir / "other.yaml") << kMinimal;
  auto mismatch = LoadDocumentTemplates(dir);
  ASSERT_FALSE(mismatch);
  EXPECT_NE(mismatch.error().message.find("other.yaml"), std::string::npos);
  std::filesystem::rename(dir / "other.yaml", dir / "sample.yaml");
  EXPECT_TRUE(LoadDocumentTemplates(dir));
  EXPECT_FALSE(LoadDocumentTemplates(dir / "missing"));
}

TEST(DocumentTemplatesTest, Placeholders) {
  EXPECT_EQ(Placeholders("a {x} b {{literal} {y}"), (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(Placeholders("no fields").empty());
}

TEST(VerificationCodeTest, CodesAreShortDistinctAndWellFormed) {
  const std::string a = NewVerificationCode();
  const std::string b = NewVerificationCode();
  EXPECT_EQ(a.size(), 16u);
  EXPECT_NE(a, b);
  EXPECT_TRUE(IsVerificationCode(a));
  EXPECT_FALSE(IsVerificationCode("abcdefghijklmnop"));  // lower case
  EXPECT_FALSE(IsVerificationCode("ABCDEFGHIJKLMNO1"));  // 1 is not base32
  EXPECT_FALSE(IsVerificationCode("ABC"));
  EXPECT_EQ(VerificationUrl("https://x.kz/", "CODE"), "https://x.kz/verify/CODE");
  EXPECT_EQ(VerificationUrl("https://x.kz", "CODE"), "https://x.kz/verify/CODE");
}

// Several signers: the contract lists its parties in order; fewer than two, or a party twice,
// is refused naming the line.
TEST(DocumentTemplatesTest, SignersAreListedInOrderEachPartyOnce) {
  auto loaded = LoadDocumentTemplates(testing::TemplatesDir());
  ASSERT_TRUE(loaded) << loaded.error().message;
  const DocumentTemplate* contract = loaded->Find("subsidised_job_contract");
  ASSERT_NE(contract, nullptr);
  ASSERT_EQ(contract->signers.size(), 2u);
  EXPECT_EQ(contract->signers[0].party, "customer");
  EXPECT_EQ(contract->signers[0].role, "head");
  EXPECT_EQ(contract->signers[0].label.ru, "Заказчик");
  EXPECT_EQ(contract->signers[1].party, "contractor");
  EXPECT_EQ(contract->signers[1].role, "employer");
  EXPECT_TRUE(loaded->Find("permit")->signers.empty());
  const std::string two =
      "signers:\n"
      "  - {party: customer, role: head, label: {kk: а, ru: б}}\n"
      "  - {party: contractor, role: employer, label: {kk: а, ru: б}}\n";
  auto ok = ParseDocumentTemplate(std::string(kMinimal) + two, "sample.yaml");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->signers.size(), 2u);
  auto one = ParseDocumentTemplate(
      std::string(kMinimal) +
          "signers:\n  - {party: customer, role: head, label: {kk: а, ru: б}}\n",
      "sample.yaml");
  ASSERT_FALSE(one);
  EXPECT_EQ(one.error().key, "template.signers");
  auto twice =
      ParseDocumentTemplate(std::string(kMinimal) + two +
                                "  - {party: customer, role: executor, label: {kk: а, ru: б}}\n",
                            "sample.yaml");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().key, "template.signer_twice");
  EXPECT_NE(twice.error().message.find("sample.yaml:11"), std::string::npos)
      << twice.error().message;
}

// A signer may name the fields that say who signs for the party; they must be declared.
TEST(DocumentTemplatesTest, ASignerNamesItsSignatoryByDeclaredFields) {
  auto loaded = LoadDocumentTemplates(testing::TemplatesDir());
  ASSERT_TRUE(loaded) << loaded.error().message;
  const DocumentTemplate* contract = loaded->Find("subsidised_job_contract");
  ASSERT_NE(contract, nullptr);
  EXPECT_EQ(contract->signers[0].name_field, "");  // the head: the built-in signer fields
  EXPECT_EQ(contract->signers[1].name_field, "signatory_name");
  EXPECT_EQ(contract->signers[1].position_field, "signatory_position");
  auto unknown = ParseDocumentTemplate(
      std::string(kMinimal) +
          "signers:\n"
          "  - {party: customer, role: head, label: {kk: а, ru: б}}\n"
          "  - {party: contractor, role: employer, name: nobody, label: {kk: а, ru: б}}\n",
      "sample.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("sample.yaml:10"), std::string::npos)
      << unknown.error().message;
  EXPECT_NE(unknown.error().message.find("nobody"), std::string::npos);
}

// `table:` gives its columns (declared fields) and as many widths; `verification:` is a flag.
TEST(DocumentTemplatesTest, TablesAndVerificationAreChecked) {
  auto ok = ParseDocumentTemplate(
      std::string(kMinimal) + "  - table: {columns: [person, case_number], widths: [3, 1]}\n",
      "sample.yaml");
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_TRUE(ok->verifiable);
  ASSERT_EQ(ok->blocks.size(), 2u);
  EXPECT_EQ(ok->blocks[1].type, Block::Type::kTable);
  EXPECT_EQ(ok->blocks[1].rows, (std::vector<std::string>{"person", "case_number"}));
  EXPECT_EQ(ok->blocks[1].widths, (std::vector<int>{3, 1}));
  for (const std::string bad : {"  - table: {columns: [person], widths: [3, 1]}\n",
                                "  - table: {columns: [person], widths: [0]}\n",
                                "  - table: {columns: [], widths: []}\n"}) {
    auto refused = ParseDocumentTemplate(std::string(kMinimal) + bad, "sample.yaml");
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().key, "template.table") << bad;
    EXPECT_NE(refused.error().message.find("sample.yaml:8"), std::string::npos)
        << refused.error().message;
  }
  auto unknown = ParseDocumentTemplate(
      std::string(kMinimal) + "  - table: {columns: [nobody], widths: [1]}\n", "sample.yaml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("nobody"), std::string::npos);
  auto record =
      ParseDocumentTemplate(std::string(kMinimal) + "verification: false\n", "sample.yaml");
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_FALSE(record->verifiable);
  auto maybe =
      ParseDocumentTemplate(std::string(kMinimal) + "verification: maybe\n", "sample.yaml");
  ASSERT_FALSE(maybe);
  EXPECT_EQ(maybe.error().key, "template.verification");
}

}  // namespace
}  // namespace jumys::rendering
