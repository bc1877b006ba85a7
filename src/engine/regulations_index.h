#pragma once
// The regulation index (docs/PROCESSES.md): for every process definition its number, title,
// legal source and items, its steps, the guards, checks and effects it names with the file
// that implements each, and the tests that mention it. Everything in it is read from the
// definitions, the hooks' registrations and the test files, so it is regenerated, never
// edited: `jumys regulations-index > docs/PROCESSES.md`.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/case_hooks.h"
#include "engine/definition_catalog.h"

namespace jumys {

// The test files under root/src and root/tests (GoogleTest `*_test.cpp`, `*_pgtest.cpp`,
// `*_suite.h`; the black-box, browser and BPMN suites' scripts), relative to `root`, sorted.
struct TestFile {
  std::string path;
  std::string text;
};
std::vector<TestFile> ScanTestFiles(const std::filesystem::path& root);

// Those of `tests` that mention `number` ("S4a") or `code` ("foreign-labour-permit") as a
// whole word: "S4a" is not found in "S4ab", nor "ict-permit" in "ict-permit-renewal".
std::vector<std::string> TestsMentioning(const std::vector<TestFile>& tests,
                                         const std::string& number, const std::string& code);

// The Markdown index of every definition of `catalog`, ordered by number (S before P), with
// paths relative to `root` (the repository) and links relative to root/docs.
std::string RegulationsIndex(const ProcessCatalog& catalog, const CaseHooks& hooks,
                             const std::vector<TestFile>& tests, const std::filesystem::path& root);

}  // namespace jumys
