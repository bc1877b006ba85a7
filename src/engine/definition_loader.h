#pragma once
// Loads every process definition at start-up and refuses to start on a bad one, naming file,
// line and reason (docs/ARCHITECTURE.md: definitions are typed, validated, immutable data).
//
//   <processes_dir>/<code>/<version>.yaml            one file per version of a process
//   <reference_dir>/refusal-grounds/<code>.yaml      the refusal grounds of a process
//   <reference_dir>/lists/<name>.yaml                options a choice field names by name
//
// The file's `code` and `version` must match its folder and name. Other files are ignored
// (a README, notes).
#include <filesystem>

#include "core/error.h"
#include "engine/definition.h"
#include "engine/definition_catalog.h"
#include "engine/definition_vocabulary.h"

namespace jumys {

Expected<ProcessCatalog> LoadProcessCatalog(const std::filesystem::path& processes_dir,
                                            const std::filesystem::path& reference_dir,
                                            const DefinitionVocabulary& vocabulary);

// One definition file, with its grounds from reference_dir attached, validated on its own
// (no comparison with other versions: that is ProcessCatalog::Build's).
Expected<ProcessDefinition> LoadDefinitionFile(const std::filesystem::path& file,
                                               const std::filesystem::path& reference_dir,
                                               const DefinitionVocabulary& vocabulary);

}  // namespace jumys
