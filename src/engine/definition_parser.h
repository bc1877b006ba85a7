#pragma once
// YAML text -> the typed definition of definition.h, one file at a time. Checks what a single
// node shows: known keys, types, enum words, roles, limits, and names against the vocabulary.
// Whole-graph checks (reachability, targets, grounds) are definition_validator.h's.
// Every error reads "<file>:<line>: <reason>".
#include <string>
#include <vector>

#include "core/error.h"
#include "engine/definition.h"
#include "engine/definition_vocabulary.h"

namespace jumys {

// `file` only names the source in messages.
Expected<ProcessDefinition> ParseDefinition(const std::string& file, const std::string& text,
                                            const DefinitionVocabulary& vocabulary);

// reference/refusal-grounds/<code>.yaml: `process: <code>` and `grounds:` a list of
// {code, result, item, text: {kk, ru, en}}.
struct RefusalGroundsFile {
  std::string process;
  int process_line = 0;
  std::vector<RefusalGround> grounds;
};
Expected<RefusalGroundsFile> ParseRefusalGrounds(const std::string& file, const std::string& text,
                                                 const DefinitionVocabulary& vocabulary);

// reference/lists/<name>.yaml, the options a choice field names by `options: <name>`:
// `name: <name>` (optional; must match the file name) and `options:` a list of
// {value, label: {kk, ru, en}}.
struct ReferenceList {
  std::string name;
  int name_line = 0;
  std::vector<FieldOption> options;
};
Expected<ReferenceList> ParseReferenceList(const std::string& file, const std::string& text);

}  // namespace jumys
