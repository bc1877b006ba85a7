#pragma once
// Result document templates are data (reference/documents/<kind>.yaml): bilingual kk/ru text,
// the fields each kind needs and the blocks printed in order. See reference/documents/README.md.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace jumys::rendering {

struct Bilingual {
  std::string kk;
  std::string ru;
};

// Where a field's value comes from (reference/documents/README.md "Where a value comes from").
// A document takes each field from its declared source only.
enum class FieldSource : std::uint8_t {
  kStaff,        // entered by staff completing a step that declares the field
  kSystem,       // computed by the system: the case record, dates, numbers, office, signer
  kApplication,  // the applicant's intake data, only where the definition lets it through
};
const char* FieldSourceName(FieldSource s);  // "staff" | "system" | "application"
std::optional<FieldSource> ParseFieldSource(std::string_view s);

struct FieldSpec {
  Bilingual label;
  FieldSource source = FieldSource::kSystem;
  bool optional = false;
  std::map<std::string, Bilingual> choices;  // empty: the value is printed as given
};

struct Block {
  enum class Type { kText, kHeading, kRows, kGrounds, kCut, kTable };
  Type type = Type::kText;
  Bilingual text;                 // kText, kHeading, kGrounds (its heading), kCut (its caption)
  std::vector<std::string> rows;  // kRows: field keys; kTable: the columns' field keys
  std::vector<int> widths;        // kTable: each column's share of the page width
  // `when: {field: value}`: printed only when the field (one with choices) has that value,
  // e.g. the decision notice's fee paragraph for a grant, its grounds for a refusal.
  std::string when_field;
  std::string when_value;
  bool Shown(const std::map<std::string, std::string>& fields) const;
};

// One of several parties that sign the same document, in the order declared
// (`signers: [{party: customer, role: head, label: {kk, ru}}, ...]`): each signs the same
// bytes with their own detached CMS, the next only after the one before.
struct Signer {
  std::string party;  // customer, contractor, ...
  std::string role;   // the role whose signing step signs as this party (head, employer)
  Bilingual label;    // the party as the page names it
  // The fields naming the person who signs for the party and their position; "" for the
  // built-in signer fields (the staff member drawing the document).
  std::string name_field;
  std::string position_field;
};

struct DocumentTemplate {
  std::string kind;
  std::string source;  // file name, for messages
  Bilingual title;
  Bilingual legal_source;
  std::map<std::string, FieldSpec> fields;  // declared fields plus the built-in ones
  std::vector<Block> blocks;
  std::vector<Signer> signers;  // empty: one signer, the signing step's (the usual case)
  // `verification: false`: a record's printout (a decision list) that is not kept as a document,
  // so it has no verification code or QR and says so.
  bool verifiable = true;
  bool lists_grounds() const;
  // Whether a grounds block is printed with these values (its `when` holds).
  bool prints_grounds(const std::map<std::string, std::string>& fields) const;
};

struct DocumentTemplates {
  std::map<std::string, DocumentTemplate> by_kind;
  // nullptr for an unknown kind.
  const DocumentTemplate* Find(std::string_view kind) const;
};

// Fields every document prints in its letterhead and signature block.
const std::map<std::string, FieldSpec>& BuiltinFields();

// One template from YAML text; `source` names the file in errors ("permit.yaml:12: ...").
Expected<DocumentTemplate> ParseDocumentTemplate(const std::string& yaml_text,
                                                 const std::string& source);
// Every *.yaml in `dir`; the file name must be "<kind>.yaml". Fails on the first bad file.
Expected<DocumentTemplates> LoadDocumentTemplates(const std::filesystem::path& dir);

// The values a document may draw on, kept apart by where they come from.
struct SourcedValues {
  std::map<std::string, std::string> staff;
  std::map<std::string, std::string> system;
  std::map<std::string, std::string> application;
};

// The value of each of the template's fields taken from its declared source only; an
// application field only when `from_application` lists it. A field its source has no value
// for is left out (the renderer then reports it missing unless it is optional).
std::map<std::string, std::string> ResolveFields(const DocumentTemplate& tmpl,
                                                 const SourcedValues& values,
                                                 const std::set<std::string>& from_application);

// "{name}" placeholders in order of appearance; "{{" is a literal brace.
std::vector<std::string> Placeholders(std::string_view text);

}  // namespace jumys::rendering
