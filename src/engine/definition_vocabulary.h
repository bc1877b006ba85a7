#pragma once
// The names definitions may use beyond the engine's own words: guards (conditions a step or
// outcome needs), checks (validations of what the applicant filed, run at intake) and effects
// (what a step or outcome does), all small C++ functions the service modules implement, plus
// result kinds and document types. A definition
// naming anything else is refused at load, so a typo never reaches a running case.
#include <set>
#include <string>

namespace jumys {

struct DefinitionVocabulary {
  std::set<std::string> guards;
  std::set<std::string> checks;
  std::set<std::string> effects;
  std::set<std::string> result_kinds;
  std::set<std::string> document_types;
  // Guards and checks that come from law later than the regulations (the Rules on permits,
  // the quota): a definition of a regulation that uses one must name its `source:`.
  std::set<std::string> later_law;
};

// Every name the shipped definitions in processes/ use (sketches included), each with a line
// in definition_vocabulary.cpp saying what it means.
DefinitionVocabulary DefaultDefinitionVocabulary();

// A name that takes one argument is written `name:argument` (`start_case:unemployed-attendance`)
// and listed in the vocabulary as `name:*`. ArgumentPattern("a:b") is "a:*"; a name without an
// argument gives "". NameArgument("a:b") is "b".
std::string ArgumentPattern(const std::string& name);
std::string NameArgument(const std::string& name);

// The engine's own effect that starts a follow-up case of the process named by its argument
// (engine/case_run.h): `start_case:<code>`.
inline constexpr const char* kStartCaseEffect = "start_case";

// The engine's effect on a case about another case (`concerns: case`): reopens its subject
// (engine/case_reopen.h).
inline constexpr const char* kReopenSubjectEffect = "reopen_subject_case";

// The word an outcome uses to end a case with the result decided earlier (`end: decided`);
// never a result kind.
inline constexpr const char* kDecidedResult = "decided";

}  // namespace jumys
