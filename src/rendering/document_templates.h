#pragma once
// Result document templates are data (reference/documents/<kind>.yaml): bilingual kk/ru text,
// the fields each kind needs and the blocks printed in order. See reference/documents/README.md.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace jumys::rendering {

struct Bilingual {
  std::string kk;
  std::string ru;
};

struct FieldSpec {
  Bilingual label;
  bool optional = false;
  std::map<std::string, Bilingual> choices;  // empty: the value is printed as given
};

struct Block {
  enum class Type { kText, kHeading, kRows, kGrounds, kCut };
  Type type = Type::kText;
  Bilingual text;                 // kText, kHeading, kGrounds (its heading), kCut (its caption)
  std::vector<std::string> rows;  // kRows: field keys
};

struct DocumentTemplate {
  std::string kind;
  std::string source;  // file name, for messages
  Bilingual title;
  Bilingual legal_source;
  std::map<std::string, FieldSpec> fields;  // declared fields plus the built-in ones
  std::vector<Block> blocks;
  bool lists_grounds() const;
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

// "{name}" placeholders in order of appearance; "{{" is a literal brace.
std::vector<std::string> Placeholders(std::string_view text);

}  // namespace jumys::rendering
