#pragma once
// The named guards, checks and effects that definitions refer to, implemented in C++ by the
// service modules (src/services/<name>/) and looked up here by the engine. The server refuses
// to start when a runnable definition names one that has no implementation. Each remembers the
// source file that registered it, so the regulation index can point from a name to its code.
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/offices.h"
#include "engine/case_model.h"
#include "engine/case_store.h"
#include "engine/definition.h"
#include "engine/definition_catalog.h"

namespace jumys {

namespace storage {
class Tx;
struct AuditEvent;
struct DocumentRow;
}  // namespace storage

class CaseHooks;

// The EDS signatures a signing step's completion carries: one per document the step signs
// (its `signs:` kinds), or one under "" when it signs a single document (API `signature`).
struct TaskSignatures {
  std::map<std::string, std::string, std::less<>> by_kind;

  TaskSignatures() = default;
  TaskSignatures(std::string_view one) {  // NOLINT(google-explicit-constructor): API `signature`
    if (!one.empty()) by_kind.emplace("", std::string(one));
  }
  TaskSignatures(const std::string& one)  // NOLINT(google-explicit-constructor)
      : TaskSignatures(std::string_view(one)) {}
  TaskSignatures(const char* one)  // NOLINT(google-explicit-constructor)
      : TaskSignatures(std::string_view(one)) {}
  bool empty() const { return by_kind.empty(); }
  // The signature over the document of `kind`: its own, else the single unnamed one; "" none.
  std::string_view For(std::string_view kind) const {
    if (auto it = by_kind.find(kind); it != by_kind.end()) return it->second;
    if (by_kind.size() == 1 && by_kind.begin()->first.empty()) return by_kind.begin()->second;
    return {};
  }
};

// What a guard or an effect sees: the case under change, inside its write transaction.
struct HookContext {
  const ProcessDefinition& def;
  CaseRow& kase;               // effects may change it; the engine writes it back
  const TaskRow* task;         // the task being completed; nullptr for automatic steps and starts
  const Outcome* outcome;      // the outcome being taken; nullptr while choosing one
  const nlohmann::json& data;  // the completion's data ({} for the system)
  const std::string& actor;    // login, or kSystemActor
  Instant now;
  const Office& office;  // the case's office
  storage::Tx& tx;
  // Audit events to append with the case change (entity "case" or the entity an effect
  // changes), in one go at the end of the transaction.
  std::vector<storage::AuditEvent>& events;
  const CaseHooks* hooks = nullptr;  // to reach the document hooks from an effect
  // The EDS signatures a signing step's completion carries; nullptr for any other change.
  const TaskSignatures* signatures = nullptr;
};

// true: the guard holds. An error is a broken store, not a failed guard.
using GuardFn = std::function<Expected<bool>(HookContext&)>;
// An error rolls the whole change back and reaches the caller (422 for a rule it breaks).
using EffectFn = std::function<Status(HookContext&)>;
// Validates what the applicant filed (intake `checks`) and changes nothing: an error says what
// is wrong (422 with details) and the filing is refused with nothing stored.
using CheckFn = std::function<Status(HookContext&)>;

// The three kinds of names a definition may use, as the vocabulary lists them.
enum class HookKind : std::uint8_t { kGuard, kCheck, kEffect };
const char* HookKindName(HookKind kind);  // "guard", "check", "effect"

// Result document files and signatures (services/documents fills them in; unset: results are
// registered without a file and signing steps take no signature).
struct DocumentHooks {
  // A signing step's completion: verifies ctx.signatures over the step's drafts (one per
  // document it signs) and records each with its draft.
  std::function<Status(HookContext&)> check_signature;
  // After IssueResult registered `doc` (its id set): stores the result's file.
  std::function<Status(HookContext&, const DocumentRow&)> store_result;
  // An effect's own document (coupon and receipt, ...): registers, renders and stores one of
  // `kind` with these fields added to the case's; returns its registry id (the URL's doc_id).
  std::function<Expected<std::int64_t>(HookContext&, std::string_view kind,
                                       const std::map<std::string, std::string>& fields)>
      issue_document;
  // Optional, before the completion's write transaction: verifies `signatures` over the task's
  // drafts so that check_signature, inside it, only has to match the drafts' digests.
  std::function<void(std::int64_t task_id, const TaskSignatures& signatures, Instant now)>
      precheck_signature;
};

struct GuardEntry {
  GuardFn fn;
  MessageKey failure_key;  // why a step cannot go on when the guard does not hold
  std::string failure;     // the same in English
  std::string source;      // the registering file, from src/ (e.g. "src/services/...cpp")
};

// The path of a registering call's file from the repository's src/ folder on, whatever
// directory the build ran in.
std::string SourcePath(const std::source_location& where);

class CaseHooks {
 public:
  void AddGuard(std::string name, MessageKey failure_key, std::string failure, GuardFn fn,
                std::source_location where = std::source_location::current());
  void AddCheck(std::string name, CheckFn fn,
                std::source_location where = std::source_location::current());
  void AddEffect(std::string name, EffectFn fn,
                 std::source_location where = std::source_location::current());
  const GuardEntry* FindGuard(std::string_view name) const;
  const CheckFn* FindCheck(std::string_view name) const;
  const EffectFn* FindEffect(std::string_view name) const;
  std::set<std::string> GuardNames() const;
  std::set<std::string> CheckNames() const;
  std::set<std::string> EffectNames() const;
  // The file that registered `name` as a `kind` (see SourcePath); empty when none did.
  std::string SourceOf(HookKind kind, std::string_view name) const;

  // Unprocessable "file:line: effect 'x' has no implementation in this build" for the first
  // guard, check or effect the definition names that has none here. The engine runs a definition
  // only when it is runnable and covered; an uncovered one waits for its service module.
  Status Covers(const ProcessDefinition& def) const;
  // Covers() of every runnable definition of the catalog that fails it.
  std::vector<Error> Uncovered(const ProcessCatalog& catalog) const;

  void SetDocuments(DocumentHooks documents) { documents_ = std::move(documents); }
  const DocumentHooks& documents() const { return documents_; }

 private:
  DocumentHooks documents_;
  struct Action {
    std::function<Status(HookContext&)> fn;
    std::string source;
  };
  std::map<std::string, GuardEntry, std::less<>> guards_;
  std::map<std::string, Action, std::less<>> checks_;
  std::map<std::string, Action, std::less<>> effects_;
};

// The engine's own effects, common to every process: issue_result, deliver_to_cabinet.
// The service modules add theirs (services/case_hooks.h: DefaultCaseHooks wires them all).
void AddEngineEffects(CaseHooks& hooks);

}  // namespace jumys
