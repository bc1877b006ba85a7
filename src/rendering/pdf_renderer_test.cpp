#include "rendering/pdf_renderer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "core/sha256.h"
#include "rendering/document_test_support.h"

namespace jumys::rendering {
namespace {

using testing::Normalized;
using testing::RunCommand;
using testing::WriteTempFile;

// The samples for every field, without the optional built-in document_number: the case number
// then stands at the top and in the footer.
DocumentData SampleData(const DocumentTemplate& tmpl) {
  DocumentData data = testing::SampleData(tmpl);
  data.fields.erase("document_number");
  return data;
}

class PdfRendererTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = LoadDocumentTemplates(testing::TemplatesDir());
    ASSERT_TRUE(loaded) << loaded.error().message;
    templates_ = new DocumentTemplates(std::move(*loaded));
  }
  static void TearDownTestSuite() {
    delete templates_;
    templates_ = nullptr;
  }
  static const DocumentTemplate& Template(const std::string& kind) {
    const DocumentTemplate* t = templates_->Find(kind);
    EXPECT_NE(t, nullptr) << kind;
    return *t;
  }
  static DocumentTemplates* templates_;
};
DocumentTemplates* PdfRendererTest::templates_ = nullptr;

// What the result kinds of S1-S4, intake and a complaint's answer need; the directory must
// provide each.
const char* const kKinds[] = {"notification",
                              "certificate",
                              "referral_employment",
                              "referral_youth_practice",
                              "referral_social_jobs",
                              "referral_public_works",
                              "permit",
                              "refusal",
                              "acceptance_refusal",
                              "coupon_receipt",
                              "complaint_answer"};

TEST_F(PdfRendererTest, EveryKindRendersAValidBilingualPdf) {
  for (const char* kind : kKinds) {
    SCOPED_TRACE(kind);
    const DocumentTemplate& tmpl = Template(kind);
    DocumentData data = SampleData(tmpl);
    data.eds = true;  // signed: the signer's block is printed
    auto pdf = RenderPdf(*templates_, data);
    ASSERT_TRUE(pdf) << pdf.error().message;
    ASSERT_EQ(pdf->rfind("%PDF-", 0), 0u);
    const std::string path = WriteTempFile(std::string(kind) + ".pdf", *pdf);

    std::string qpdf;
    EXPECT_EQ(RunCommand("qpdf --check " + path, &qpdf), 0) << qpdf;

    std::string text;
    ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + path + " -", &text), 0) << text;
    text = Normalized(text);
    EXPECT_NE(text.find(FillText(tmpl, tmpl.title.kk, true, data.fields)), std::string::npos);
    EXPECT_NE(text.find(FillText(tmpl, tmpl.title.ru, false, data.fields)), std::string::npos);
    EXPECT_NE(text.find("KZO-2026-000123"), std::string::npos);
    EXPECT_NE(text.find(data.verification_code), std::string::npos);
    EXPECT_NE(text.find("Әбдіғали Серікұлы Нұрмағанбетов"), std::string::npos);  // signer
    EXPECT_NE(text.find("Тексеру коды / Код проверки"), std::string::npos);
  }
}

TEST_F(PdfRendererTest, KazakhLettersSurviveTextExtraction) {
  const DocumentTemplate& tmpl = Template("notification");
  DocumentData data = SampleData(tmpl);
  data.fields["applicant_name"] = "ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І";
  auto pdf = RenderPdf(*templates_, data);
  ASSERT_TRUE(pdf) << pdf.error().message;
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTempFile("letters.pdf", *pdf) + " -", &text),
            0);
  EXPECT_NE(Normalized(text).find("ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І"), std::string::npos)
      << text;
}

TEST_F(PdfRendererTest, RefusalListsItsGroundsInBothLanguages) {
  const DocumentTemplate& tmpl = Template("refusal");
  DocumentData data = SampleData(tmpl);
  data.grounds_kk = {"Бірінші негіз", "Екінші негіз", "Үшінші негіз"};
  data.grounds_ru = {"Первое основание", "Второе основание", "Третье основание"};
  auto pdf = RenderPdf(*templates_, data);
  ASSERT_TRUE(pdf) << pdf.error().message;
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTempFile("grounds.pdf", *pdf) + " -", &text),
            0);
  text = Normalized(text);
  for (const char* s : {"1. Бірінші негіз", "3. Үшінші негіз", "1. Первое основание",
                        "3. Третье основание", "Бас тарту негіздері", "Основания для отказа"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s;
  }
}

TEST_F(PdfRendererTest, PermitVariantsPrintTheirText) {
  const DocumentTemplate& tmpl = Template("permit");
  for (const auto& [variant, text_pair] : tmpl.fields.at("permit_variant").choices) {
    DocumentData data = SampleData(tmpl);
    data.fields["permit_variant"] = variant;
    auto pdf = RenderPdf(*templates_, data);
    ASSERT_TRUE(pdf) << pdf.error().message;
    std::string text;
    ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTempFile("permit.pdf", *pdf) + " -", &text),
              0);
    EXPECT_NE(Normalized(text).find(text_pair.ru), std::string::npos) << variant;
  }
}

TEST_F(PdfRendererTest, SameInputSameBytesAndTamperingChangesTheDigest) {
  DocumentData data = SampleData(Template("certificate"));
  data.issued_at = Instant{std::chrono::seconds{1795000000}};
  auto first = RenderPdf(*templates_, data);
  auto second = RenderPdf(*templates_, data);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(Sha256Hex(*first), Sha256Hex(*second));
  std::string tampered = *first;
  tampered[tampered.size() / 2] ^= 0x01;
  EXPECT_NE(Sha256Hex(tampered), Sha256Hex(*first));
}

TEST_F(PdfRendererTest, RejectsIncompleteOrInconsistentData) {
  const DocumentTemplate& permit = Template("permit");
  DocumentData data = SampleData(permit);
  data.fields.erase("employer_bin");
  auto missing = RenderPdf(*templates_, data);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::kUnprocessable);
  ASSERT_EQ(missing.error().details.size(), 1u);
  EXPECT_EQ(missing.error().key, "document.lacks_fields");
  EXPECT_EQ(missing.error().details[0].field, "employer_bin");
  EXPECT_EQ(missing.error().details[0].key, "field.required");

  data = SampleData(permit);
  data.fields.erase("previous_permit");  // optional
  EXPECT_TRUE(RenderPdf(*templates_, data));

  data.fields["permit_variant"] = "granted";
  auto bad_choice = RenderPdf(*templates_, data);
  ASSERT_FALSE(bad_choice);
  EXPECT_NE(bad_choice.error().message.find("ict, issued"), std::string::npos);

  DocumentData refusal = SampleData(Template("refusal"));
  refusal.grounds_kk.clear();
  refusal.grounds_ru.clear();
  EXPECT_FALSE(RenderPdf(*templates_, refusal));
  refusal = SampleData(Template("refusal"));
  refusal.grounds_ru.pop_back();
  EXPECT_FALSE(RenderPdf(*templates_, refusal));

  DocumentData no_code = SampleData(Template("notification"));
  no_code.verification_url.clear();
  EXPECT_FALSE(RenderPdf(*templates_, no_code));

  DocumentData unknown = SampleData(Template("notification"));
  unknown.kind = "diploma";
  EXPECT_FALSE(RenderPdf(*templates_, unknown));
}

TEST_F(PdfRendererTest, ManyGroundsFlowOntoASecondPage) {
  DocumentData data = SampleData(Template("refusal"));
  for (int i = 0; i < 40; ++i) {
    data.grounds_kk.push_back("Қосымша негіз " + std::to_string(i));
    data.grounds_ru.push_back("Дополнительное основание " + std::to_string(i));
  }
  auto pdf = RenderPdf(*templates_, data);
  ASSERT_TRUE(pdf) << pdf.error().message;
  std::string info;
  const std::string path = WriteTempFile("long.pdf", *pdf);
  ASSERT_EQ(RunCommand("qpdf --check " + path, &info), 0) << info;
  std::string pages;
  ASSERT_EQ(RunCommand("qpdf --show-npages " + path, &pages), 0);
  const int count = std::stoi(pages);
  EXPECT_GE(count, 2);
  std::string text;  // every page names the case and its number of pages
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + path + " -", &text), 0);
  for (int page = 1; page <= count; ++page) {
    const std::string footer = "№ KZO-2026-000123 · " + data.verification_code + " " +
                               std::to_string(page) + " / " + std::to_string(count);
    EXPECT_NE(testing::WithoutSpaces(text).find(testing::WithoutSpaces(footer)), std::string::npos)
        << footer;
  }
}

// Every template: signed with EDS, the page says so and names the signer with their position;
// unsigned, it says the system drew it up without an EDS and names no signer.
TEST_F(PdfRendererTest, OnlyADocumentSignedWithEdsSaysSoEveryKind) {
  ASSERT_GE(templates_->by_kind.size(), std::size(kKinds));
  for (const auto& [kind, tmpl] : templates_->by_kind) {
    SCOPED_TRACE(kind);
    for (const bool eds : {true, false}) {
      DocumentData data = SampleData(tmpl);
      data.eds = eds;
      auto pdf = RenderPdf(*templates_, data);
      if (!tmpl.verifiable && eds) {  // a record's printout (a decision list) is never signed
        ASSERT_FALSE(pdf);
        EXPECT_EQ(pdf.error().key, "document.record_unsigned");
        continue;
      }
      ASSERT_TRUE(pdf) << pdf.error().message;
      std::string text;
      ASSERT_EQ(
          RunCommand("pdftotext -enc UTF-8 " + WriteTempFile(kind + ".pdf", *pdf) + " -", &text),
          0);
      text = Normalized(text);
      const bool says_signed =
          text.find("Документ подписан электронной цифровой подписью") != std::string::npos ||
          text.find("электрондық цифрлық қолтаңбамен қол қойылған") != std::string::npos;
      const bool says_unsigned = text.find("ЭЦП не подписан") != std::string::npos &&
                                 text.find("ЭЦҚ-мен қол қойылмаған") != std::string::npos;
      EXPECT_EQ(says_signed, eds) << text;
      EXPECT_EQ(says_unsigned, !eds) << text;
      const bool names_signer = text.find("Әбдіғали Серікұлы Нұрмағанбетов") != std::string::npos;
      const bool positions_signer = text.find("Орталық басшысы") != std::string::npos ||
                                    text.find("Руководитель центра") != std::string::npos;
      EXPECT_EQ(names_signer, eds) << text;
      EXPECT_EQ(positions_signer, eds) << text;
    }
  }
}

// The number the app shows for a document is the one printed at its top and in the footer of
// each page (a document of more than one); the case it belongs to is named with its label.
TEST_F(PdfRendererTest, TheRegistryNumberIsPrintedTopAndFooterWithTheCaseLabelled) {
  DocumentData data = SampleData(Template("refusal"));
  for (int i = 0; i < 40; ++i) {
    data.grounds_kk.push_back("Қосымша негіз " + std::to_string(i));
    data.grounds_ru.push_back("Дополнительное основание " + std::to_string(i));
  }
  data.fields["document_number"] = "KZO-CITY-2026-R000007";
  auto pdf = RenderPdf(*templates_, data);
  ASSERT_TRUE(pdf) << pdf.error().message;
  const std::string path = WriteTempFile("numbered.pdf", *pdf);
  std::string pages;
  ASSERT_EQ(RunCommand("qpdf --show-npages " + path, &pages), 0);
  ASSERT_GE(std::stoul(pages), 2u);
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + path + " -", &text), 0);
  text = Normalized(text);
  const auto count = [&](const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("KZO-CITY-2026-R000007"), 1 + std::stoul(pages)) << text;  // top, footers
  EXPECT_EQ(count("Іс / Дело № KZO-2026-000123"), 1u) << text;
  EXPECT_EQ(count("№ KZO-2026-000123"), 1u) << "the case only as labelled: " << text;
}

// A document several parties sign prints a block for each in signing order: the party, then the
// person signing for it with their position (the contractor's from the requisites).
TEST_F(PdfRendererTest, EverySignerOfAContractHasItsBlockInOrder) {
  const DocumentTemplate& tmpl = Template("subsidised_job_contract");
  DocumentData data = SampleData(tmpl);
  data.eds = true;
  data.fields["signatory_name"] = "Ержан Бақытұлы Сейітов";
  data.fields["signatory_position"] = "Директор";
  data.fields["iban"] = "KZ86125KZT5004100100";
  auto pdf = RenderPdf(*templates_, data);
  ASSERT_TRUE(pdf) << pdf.error().message;
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTempFile("contract.pdf", *pdf) + " -", &text),
            0);
  text = Normalized(text);
  const auto customer = text.find("Тапсырыс беруші / Заказчик");
  const auto head = text.find("Әбдіғали Серікұлы Нұрмағанбетов", customer);
  const auto contractor = text.find("Орындаушы / Исполнитель", head);
  const auto signatory = text.find("Ержан Бақытұлы Сейітов", contractor);
  EXPECT_NE(customer, std::string::npos) << text;
  EXPECT_NE(head, std::string::npos) << text;
  EXPECT_NE(contractor, std::string::npos) << text;
  EXPECT_NE(signatory, std::string::npos) << text;
  EXPECT_NE(text.find("Директор", contractor), std::string::npos) << text;
  EXPECT_NE(text.find("KZ86125KZT5004100100"), std::string::npos) << text;
}

// A table block prints a header of its columns' labels and one row per entry, a choice in both
// languages; a record's printout says it is unsigned and has no verification code.
TEST_F(PdfRendererTest, ATablePrintsEveryRowAndARecordCarriesNoVerificationCode) {
  const DocumentTemplate& tmpl = Template("decision_list");
  ASSERT_FALSE(tmpl.verifiable);
  DocumentData data = SampleData(tmpl);
  data.verification_code.clear();
  data.verification_url.clear();
  data.table = {{{"position", "1"},
                 {"item_case", "KZO-CITY-2026-000041"},
                 {"applicant", "«Сырдария Құрылыс» ЖШС, 080540001238"},
                 {"decision", "approved"}},
                {{"position", "2"},
                 {"item_case", "KZO-CITY-2026-000042"},
                 {"applicant", "«Арал Балық» ЖШС, 090140002345"},
                 {"decision", "refused"},
                 {"grounds", "3.1 Шарттарға сәйкес келмейді / Не соответствует условиям"}}};
  auto pdf = RenderPdf(*templates_, data);
  ASSERT_TRUE(pdf) << pdf.error().message;
  std::string text;
  ASSERT_EQ(RunCommand("pdftotext -enc UTF-8 " + WriteTempFile("list.pdf", *pdf) + " -", &text), 0);
  text = Normalized(text);
  const auto header = text.find("Іс нөмірі / Номер дела");
  const auto first = text.find("KZO-CITY-2026-000041", header);
  const auto second = text.find("KZO-CITY-2026-000042", first);
  EXPECT_NE(header, std::string::npos) << text;
  EXPECT_NE(first, std::string::npos) << text;
  EXPECT_NE(second, std::string::npos) << text;
  EXPECT_NE(text.find("мақұлданды / одобрено", first), std::string::npos) << text;
  EXPECT_NE(text.find("бас тартылды / отказано", second), std::string::npos) << text;
  EXPECT_NE(text.find("Не соответствует условиям", second), std::string::npos) << text;
  EXPECT_EQ(text.find("Код проверки"), std::string::npos) << text;
  EXPECT_NE(text.find("ЭЦП не подписан"), std::string::npos) << text;
}

}  // namespace
}  // namespace jumys::rendering
