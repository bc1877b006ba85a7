#include "rendering/document_templates.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace jumys::rendering {
namespace {

// The problem at "<file>:<line>" of a template.
Error At(const std::string& source, const YAML::Node& node, MessageKey key,
         std::string_view english, MessageParams params = {}) {
  std::string where = source;
  if (node.IsDefined() && node.Mark().line >= 0)
    where += ":" + std::to_string(node.Mark().line + 1);
  return AtField(std::move(where), Error::Unprocessable(key, english, std::move(params)));
}

Error YamlError(const std::string& source, const YAML::Exception& e) {
  return AtField(source + ":" + std::to_string(e.mark.line + 1),
                 Error::Unprocessable("reference.yaml_syntax"_msg, "not valid YAML: {problem}",
                                      {{"problem", e.msg}}));
}

// `parent` gives the line when `node` is absent.
Expected<std::string> Scalar(const std::string& source, const YAML::Node& parent,
                             const YAML::Node& node, const std::string& what) {
  if (!node)
    return At(source, parent, "template.missing"_msg, "{what} is missing", {{"what", what}});
  if (!node.IsScalar() || node.Scalar().empty()) {
    return At(source, node, "template.not_text"_msg, "{what} must be a non-empty string",
              {{"what", what}});
  }
  return node.Scalar();
}

Expected<Bilingual> ReadBilingual(const std::string& source, const YAML::Node& parent,
                                  const std::string& key) {
  const YAML::Node node = parent[key];
  if (!node || !node.IsMap()) {
    return At(source, parent, "template.needs_kk_ru"_msg, "'{key}' needs kk and ru text",
              {{"key", key}});
  }
  Bilingual out;
  JUMYS_ASSIGN_OR_RETURN(out.kk, Scalar(source, node, node["kk"], key + ".kk"));
  JUMYS_ASSIGN_OR_RETURN(out.ru, Scalar(source, node, node["ru"], key + ".ru"));
  return out;
}

Expected<FieldSpec> ReadField(const std::string& source, const std::string& key,
                              const YAML::Node& node) {
  if (!node.IsMap()) {
    return At(source, node, "template.field_not_map"_msg, "field '{field}' must be a map",
              {{"field", key}});
  }
  FieldSpec spec;
  const YAML::Node from = node["source"];
  const auto parsed = from && from.IsScalar() ? ParseFieldSource(from.Scalar()) : std::nullopt;
  if (!parsed) {
    return At(source, from ? from : node, "template.field_source"_msg,
              "field '{field}' must say where its value comes from: source: staff, system or "
              "application",
              {{"field", key}});
  }
  spec.source = *parsed;
  JUMYS_ASSIGN_OR_RETURN(spec.label, ReadBilingual(source, node, "label"));
  if (node["optional"])
    spec.optional = node["optional"].as<bool>();  // a non-boolean throws, reported with its line
  if (const YAML::Node choices = node["choices"]) {
    if (!choices.IsMap() || choices.size() == 0) {
      return At(source, choices, "template.choices"_msg,
                "field '{field}': choices must be a non-empty map", {{"field", key}});
    }
    for (const auto& entry : choices) {
      const std::string value = entry.first.as<std::string>();
      YAML::Node holder;
      holder[value] = entry.second;
      JUMYS_ASSIGN_OR_RETURN(spec.choices[value], ReadBilingual(source, holder, value));
    }
  }
  return spec;
}

Status CheckPlaceholders(const std::string& source, const YAML::Node& node, const Bilingual& text,
                         const std::map<std::string, FieldSpec>& fields) {
  for (const std::string* t : {&text.kk, &text.ru}) {
    for (const std::string& name : Placeholders(*t)) {
      if (!fields.count(name)) {
        return At(source, node, "template.unknown_placeholder"_msg, "unknown field {placeholder}",
                  {{"placeholder", "{" + name + "}"}});
      }
    }
  }
  return {};
}

Expected<Block> ReadBlock(const std::string& source, const YAML::Node& node,
                          const std::map<std::string, FieldSpec>& fields) {
  const bool conditional = node.IsMap() && node["when"].IsDefined();
  if (!node.IsMap() || node.size() != (conditional ? 2U : 1U)) {
    return At(source, node, "template.block_shape"_msg,
              "a block is one of text, heading, rows, table, grounds, cut");
  }
  Block block;
  std::string type;
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    if (key != "when") type = key;
  }
  if (conditional) {
    const YAML::Node when = node["when"];
    const auto spec = when.IsMap() && when.size() == 1
                          ? fields.find(when.begin()->first.as<std::string>())
                          : fields.end();
    if (spec == fields.end() || !when.begin()->second.IsScalar() ||
        !spec->second.choices.count(when.begin()->second.Scalar())) {
      return At(source, when, "template.block_when"_msg,
                "'when' must name one field with choices and one of its choices");
    }
    block.when_field = spec->first;
    block.when_value = when.begin()->second.Scalar();
  }
  if (type == "rows") {
    const YAML::Node rows = node["rows"];
    if (!rows.IsSequence() || rows.size() == 0) {
      return At(source, rows, "template.rows"_msg, "rows must be a non-empty list of fields");
    }
    for (const auto& row : rows) {
      JUMYS_ASSIGN_OR_RETURN(std::string key, Scalar(source, rows, row, "a row"));
      if (!fields.count(key)) {
        return At(source, row, "template.unknown_row"_msg, "unknown field '{field}' in rows",
                  {{"field", key}});
      }
      block.rows.push_back(key);
    }
    block.type = Block::Type::kRows;
    return block;
  }
  if (type == "table") {
    // {columns: [field, ...], widths: [share, ...]}: one row per DocumentData::table entry.
    const YAML::Node table = node["table"];
    const YAML::Node columns = table["columns"];
    const YAML::Node widths = table["widths"];
    if (!table.IsMap() || table.size() != 2 || !columns.IsSequence() || columns.size() == 0 ||
        !widths.IsSequence() || widths.size() != columns.size()) {
      return At(source, table, "template.table"_msg,
                "table must give columns (fields) and as many widths");
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      JUMYS_ASSIGN_OR_RETURN(std::string key, Scalar(source, table, columns[i], "a column"));
      if (!fields.count(key)) {
        return At(source, columns[i], "template.unknown_row"_msg, "unknown field '{field}' in rows",
                  {{"field", key}});
      }
      const std::string width = widths[i].IsScalar() ? widths[i].Scalar() : std::string();
      if (width.empty() || width.size() > 2 ||
          width.find_first_not_of("0123456789") != std::string::npos || std::stoi(width) < 1) {
        return At(source, widths[i], "template.table"_msg,
                  "table must give columns (fields) and as many widths");
      }
      block.rows.push_back(key);
      block.widths.push_back(std::stoi(width));
    }
    block.type = Block::Type::kTable;
    return block;
  }
  static const std::map<std::string, Block::Type> kTextual = {{"text", Block::Type::kText},
                                                              {"heading", Block::Type::kHeading},
                                                              {"grounds", Block::Type::kGrounds},
                                                              {"cut", Block::Type::kCut}};
  auto it = kTextual.find(type);
  if (it == kTextual.end()) {
    return At(source, node, "template.unknown_block"_msg, "unknown block type '{type}'",
              {{"type", type}});
  }
  block.type = it->second;
  JUMYS_ASSIGN_OR_RETURN(block.text, ReadBilingual(source, node, type));
  JUMYS_TRY(CheckPlaceholders(source, node[type], block.text, fields));
  return block;
}

// `signers:` in order; each party once (a party signs a document once).
Expected<std::vector<Signer>> ReadSigners(const std::string& source, const YAML::Node& root,
                                          const std::map<std::string, FieldSpec>& fields) {
  std::vector<Signer> out;
  const YAML::Node list = root["signers"];
  if (!list) return out;
  if (!list.IsSequence() || list.size() < 2) {
    return At(source, list, "template.signers"_msg,
              "signers must list two or more parties in the order they sign");
  }
  for (const auto& node : list) {
    if (!node.IsMap()) {
      return At(source, node, "template.signers"_msg,
                "signers must list two or more parties in the order they sign");
    }
    Signer s;
    JUMYS_ASSIGN_OR_RETURN(s.party, Scalar(source, node, node["party"], "signers.party"));
    JUMYS_ASSIGN_OR_RETURN(s.role, Scalar(source, node, node["role"], "signers.role"));
    JUMYS_ASSIGN_OR_RETURN(s.label, ReadBilingual(source, node, "label"));
    for (auto [key, into] : {std::pair{"name", &s.name_field}, {"position", &s.position_field}}) {
      if (!node[key]) continue;
      JUMYS_ASSIGN_OR_RETURN(*into, Scalar(source, node, node[key], key));
      if (!fields.count(*into)) {
        return At(source, node[key], "template.unknown_row"_msg, "unknown field '{field}' in rows",
                  {{"field", *into}});
      }
    }
    for (const auto& before : out) {
      if (before.party == s.party) {
        return At(source, node, "template.signer_twice"_msg, "party '{party}' is listed twice",
                  {{"party", s.party}});
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

Expected<DocumentTemplate> FromNode(const YAML::Node& root, const std::string& source) {
  if (!root.IsMap()) return At(source, root, "template.not_map"_msg, "the template must be a map");
  DocumentTemplate doc;
  doc.source = source;
  JUMYS_ASSIGN_OR_RETURN(doc.kind, Scalar(source, root, root["kind"], "kind"));
  JUMYS_ASSIGN_OR_RETURN(doc.title, ReadBilingual(source, root, "title"));
  JUMYS_ASSIGN_OR_RETURN(doc.legal_source, ReadBilingual(source, root, "legal_source"));
  doc.fields = BuiltinFields();
  const YAML::Node fields = root["fields"];
  if (fields && !fields.IsMap()) {
    return At(source, fields, "template.fields_not_map"_msg, "fields must be a map");
  }
  for (const auto& entry : fields) {
    const std::string key = entry.first.as<std::string>();
    if (BuiltinFields().count(key)) {
      return At(source, entry.first, "template.builtin_field"_msg,
                "field '{field}' is built in and cannot be redeclared", {{"field", key}});
    }
    JUMYS_ASSIGN_OR_RETURN(doc.fields[key], ReadField(source, key, entry.second));
  }
  JUMYS_TRY(CheckPlaceholders(source, root["title"], doc.title, doc.fields));
  JUMYS_TRY(CheckPlaceholders(source, root["legal_source"], doc.legal_source, doc.fields));
  const YAML::Node blocks = root["blocks"];
  if (!blocks || !blocks.IsSequence() || blocks.size() == 0) {
    return At(source, root, "template.blocks"_msg, "blocks must be a non-empty list");
  }
  for (const auto& node : blocks) {
    JUMYS_ASSIGN_OR_RETURN(Block block, ReadBlock(source, node, doc.fields));
    doc.blocks.push_back(std::move(block));
  }
  JUMYS_ASSIGN_OR_RETURN(doc.signers, ReadSigners(source, root, doc.fields));
  if (const YAML::Node v = root["verification"]) {
    if (!v.IsScalar() || (v.Scalar() != "true" && v.Scalar() != "false")) {
      return At(source, v, "template.verification"_msg, "verification must be true or false");
    }
    doc.verifiable = v.Scalar() == "true";
  }
  return doc;
}

FieldSpec Label(std::string kk, std::string ru) {
  return FieldSpec{{std::move(kk), std::move(ru)}, FieldSource::kSystem, false, {}};
}

}  // namespace

const char* FieldSourceName(FieldSource s) {
  switch (s) {
    case FieldSource::kStaff:
      return "staff";
    case FieldSource::kSystem:
      return "system";
    case FieldSource::kApplication:
      return "application";
  }
  return "system";
}

std::optional<FieldSource> ParseFieldSource(std::string_view s) {
  for (FieldSource f : {FieldSource::kStaff, FieldSource::kSystem, FieldSource::kApplication}) {
    if (s == FieldSourceName(f)) return f;
  }
  return std::nullopt;
}

std::map<std::string, std::string> ResolveFields(const DocumentTemplate& tmpl,
                                                 const SourcedValues& values,
                                                 const std::set<std::string>& from_application) {
  std::map<std::string, std::string> out;
  for (const auto& [key, spec] : tmpl.fields) {
    const std::map<std::string, std::string>* from = nullptr;
    switch (spec.source) {
      case FieldSource::kStaff:
        from = &values.staff;
        break;
      case FieldSource::kSystem:
        from = &values.system;
        break;
      case FieldSource::kApplication:
        if (from_application.count(key)) from = &values.application;
        break;
    }
    if (!from) continue;
    if (auto it = from->find(key); it != from->end()) out[key] = it->second;
  }
  return out;
}

bool Block::Shown(const std::map<std::string, std::string>& fields) const {
  if (when_field.empty()) return true;
  auto it = fields.find(when_field);
  return it != fields.end() && it->second == when_value;
}

bool DocumentTemplate::prints_grounds(const std::map<std::string, std::string>& fields) const {
  return std::any_of(blocks.begin(), blocks.end(), [&](const Block& b) {
    return b.type == Block::Type::kGrounds && b.Shown(fields);
  });
}

bool DocumentTemplate::lists_grounds() const {
  return std::any_of(blocks.begin(), blocks.end(),
                     [](const Block& b) { return b.type == Block::Type::kGrounds; });
}

const DocumentTemplate* DocumentTemplates::Find(std::string_view kind) const {
  auto it = by_kind.find(std::string(kind));
  return it == by_kind.end() ? nullptr : &it->second;
}

const std::map<std::string, FieldSpec>& BuiltinFields() {
  static const auto* const kFields = new std::map<std::string, FieldSpec>{
      {"case_number", Label("Іс нөмірі", "Номер дела")},
      {"issue_date", Label("Берілген күні", "Дата выдачи")},
      {"office_name_kk", Label("Ұйым", "Организация (каз.)")},
      {"office_name_ru", Label("Ұйым (орысша)", "Организация")},
      {"signer_name", Label("Қол қоюшы", "Подписант")},
      {"signer_position_kk", Label("Лауазымы", "Должность (каз.)")},
      {"signer_position_ru", Label("Лауазымы (орысша)", "Должность")},
      // The registry number the app shows for the document; absent, the case number stands.
      {"document_number", FieldSpec{{"Құжат нөмірі", "Номер документа"},
                                    FieldSource::kSystem,
                                    /*optional=*/true,
                                    {}}},
  };
  return *kFields;
}

std::vector<std::string> Placeholders(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    const size_t end = text.find('}', i + 1);
    if (end == std::string_view::npos) break;
    out.emplace_back(text.substr(i + 1, end - i - 1));
    i = end;
  }
  return out;
}

Expected<DocumentTemplate> ParseDocumentTemplate(const std::string& yaml_text,
                                                 const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& e) {
    return YamlError(source, e);
  }
  try {
    return FromNode(root, source);
  } catch (const YAML::Exception& e) {  // e.g. a non-boolean `optional`
    return YamlError(source, e);
  }
}

Expected<DocumentTemplates> LoadDocumentTemplates(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return Error::Unprocessable("template.no_directory"_msg,
                                "document templates: {dir} is not a directory",
                                {{"dir", dir.string()}});
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  DocumentTemplates out;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return Error::Internal("cannot read " + path.string());
    const std::string source = path.filename().string();
    JUMYS_ASSIGN_OR_RETURN(DocumentTemplate doc, ParseDocumentTemplate(text.str(), source));
    if (doc.kind + ".yaml" != source) {
      return AtField(source, Error::Unprocessable("template.kind_file_name"_msg,
                                                  "kind '{kind}' does not match the file name",
                                                  {{"kind", doc.kind}}));
    }
    out.by_kind.emplace(doc.kind, std::move(doc));
  }
  if (out.by_kind.empty()) {
    return Error::Unprocessable("template.none"_msg, "document templates: no *.yaml in {dir}",
                                {{"dir", dir.string()}});
  }
  return out;
}

}  // namespace jumys::rendering
