#pragma once
// Renders a result document (template + values) as an A4 PDF with Kazakh and Russian text side
// by side, the signer, the verification code and a QR code of the verification URL.
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "rendering/document_templates.h"

namespace jumys::rendering {

struct DocumentData {
  std::string kind;                           // template kind, e.g. "permit"
  std::map<std::string, std::string> fields;  // printed as given (mask IINs before if needed)
  std::vector<std::string> grounds_kk;        // refusal grounds, same count in both languages
  std::vector<std::string> grounds_ru;
  // The rows of a `table` block, each a value per column field (a choice prints its text).
  std::vector<std::map<std::string, std::string>> table;
  std::string verification_code;  // NewVerificationCode(); "" for a template without verification
  std::string verification_url;   // VerificationUrl(base_url, code), in the QR
  Instant issued_at{};            // PDF creation date; epoch: left out
  // The signer signs this file with EDS (a signing step's draft): the page says so. false: it
  // says the system drew it up unsigned, so that no unsigned document claims an EDS.
  bool eds = false;
};

// The PDF bytes. Unprocessable when the kind is unknown, a required field is missing, a choice
// value is not allowed, or the grounds do not fit the template.
Expected<std::string> RenderPdf(const DocumentTemplates& templates, const DocumentData& data);

// Template text with {field} placeholders filled for one language ("kk" or "ru"): a field with
// choices prints the choice's text in that language, a missing optional field prints nothing.
std::string FillText(const DocumentTemplate& tmpl, const std::string& text, bool kazakh,
                     const std::map<std::string, std::string>& fields);

}  // namespace jumys::rendering
