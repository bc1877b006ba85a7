#pragma once
// The top of a definition file: identity, act, terms, channels, effective window. Internal to
// definition_parser.cpp (split out to keep each part readable); errors read "<file>:<line>: ...".
#include "core/error.h"
#include "engine/definition.h"
#include "engine/definition_vocabulary.h"
#include "engine/definition_yaml.h"

namespace jumys::definition_header {

// Every top-level key but `intake` and `steps`, into `def`.
Status ParseHeader(const definition_yaml::Reader& r, const DefinitionVocabulary& vocab,
                   const YAML::Node& root, ProcessDefinition& def);

}  // namespace jumys::definition_header
