#pragma once
// The fixture of the document API tests (document_signing_api_suite.h,
// document_content_api_suite.h), on SQLite (document_api_test.cpp) and PostgreSQL
// (document_api_pgtest.cpp): a case worked up to the head's signing step, a stored signature
// checked by `openssl cms -verify`, and application data planted past intake.
#include <fstream>

#include "core/testing/run_command.h"
#include "rendering/document_test_support.h"
#include "server/case_api_support.h"

namespace jumys::testing {

class DocumentApiSuite : public CaseApiTest {
 protected:
  static constexpr const char* kIin = "951203400783";

  // An S1 office case worked up to the head's signing step (6.5); returns that task.
  json UpToSigning() {
    auto kase = FileAtOffice("job-seeker-registration", kIin);
    case_id_ = kase["id"];
    Work("job-seeker-registration", case_id_,
         {{"register", "clerk", "accepted"},
          {"assign", "head", "assigned", {{"assignee", "executor"}}},
          {"review", "executor", "approve"}});
    return QueueTask(case_id_, "head");
  }

  json Case() { return GetJson("/api/v1/cases/" + std::to_string(case_id_), "head"); }

  // Writes the PDF under `name`.pdf; `openssl cms -verify` must accept the signature the
  // server stored for it (against the dev CA), and the file's text (pdftotext, whitespace
  // folded) is returned.
  std::string CheckStoredSignatureAndText(const std::string& name, const std::string& pdf,
                                          const std::string& code) {
    const auto signature = Base64Decode(
        Select("SELECT signature FROM documents WHERE verification_code = '" + code + "'"));
    EXPECT_TRUE(signature.has_value() && !signature->empty());
    const std::string pdf_path = WriteTemp(name + ".pdf", pdf);
    std::string out;
    EXPECT_EQ(RunCommand("openssl cms -verify -binary -inform DER -content " + pdf_path + " -in " +
                             WriteTemp(name + ".cms", signature.value_or("")) + " -CAfile " +
                             (TestDevCaDir() / "root-ca.pem").string() + " -out /dev/null",
                         &out),
              0)
        << out;
    std::string text;
    EXPECT_EQ(RunCommand("pdftotext -enc UTF-8 " + pdf_path + " -", &text), 0) << text;
    return rendering::testing::Normalized(text);
  }

  // Replaces a case's stored application data, as if some gap in intake validation had let
  // these keys through: the documents must not read them all the same.
  void StoreCaseData(std::int64_t case_id, const json& data) {
    ASSERT_TRUE(api_.runtime()
                    .db()
                    .Write([&](storage::Tx& tx) -> Status {
                      JUMYS_ASSIGN_OR_RETURN(auto changed,
                                             tx.Exec("UPDATE cases SET data = $1 WHERE id = $2",
                                                     {data.dump(), case_id}));
                      if (changed != 1) return Error::Internal("no such case");
                      return {};
                    })
                    .has_value());
  }

  // A portal request of the seeker's with `data`: refused as not the intake's, nothing filed.
  void ExpectPortalDataRefused(const std::string& process, const json& data) {
    const std::size_t before = GetJson("/api/v1/cases", "seeker")["items"].size();
    auto r = Post("/api/v1/cases",
                  SignedRequest({{"process", process},
                                 {"channel", "portal"},
                                 {"office", "kzo-city"},
                                 {"documents", Documents(false)},
                                 {"data", data}},
                                "seeker"),
                  "seeker");
    EXPECT_EQ(r.status, 422) << r.body;
    json expected = json::object();
    for (const auto& [key, value] : data.items()) expected["data." + key] = "field.unknown";
    EXPECT_EQ(DetailKeys(r), expected) << r.body;
    EXPECT_EQ(GetJson("/api/v1/cases", "seeker")["items"].size(), before) << "nothing was filed";
  }

  std::int64_t case_id_ = 0;
};

}  // namespace jumys::testing
