#pragma once
// Reference classifiers loaded from CSV, never typed in: NKZ (НК РК 01-2017, the occupations)
// and KATO (the administrative-territorial objects). docs/REFERENCE_DATA.md.
//
// A file is checked whole before anything is stored: a bad header, a row with the wrong number
// of columns, a code of the wrong shape, a duplicate, a child whose parent is not in the file
// refuse it (422 reference.csv_invalid, one detail per bad line). An import then makes the
// table equal to the file: new codes are added, changed names updated, codes no longer in the
// file marked inactive (records may still name them), so importing the same file twice changes
// nothing.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "security/accounts.h"
#include "storage/database.h"
#include "storage/repositories/reference_repository.h"

namespace jumys::reference {

// What the HTTP layer shows: a code and an import, as the store keeps them.
using CodeRow = storage::ReferenceCodeRow;
using ImportRow = storage::ReferenceImportRow;

enum class ClassifierKind { kNkz, kKato };
const char* ClassifierKindName(ClassifierKind kind);
std::optional<ClassifierKind> ParseClassifierKind(std::string_view text);

// The hierarchy level a code's shape gives: NKZ 1-4 by its digits (major group, sub-major,
// minor, unit group), 5 for an NNNN-N occupation group; KATO 1 (oblast, AB0000000), 2 (district,
// ABCD00000), 3 (rural okrug or city, ABCDEF000), 4 (settlement). nullopt for a bad shape.
std::optional<int> CodeLevel(ClassifierKind kind, std::string_view code);

struct ClassifierEntry {
  std::size_t line = 0;
  std::string code, parent;
  int level = 1;
  std::string name_kk, name_ru, name_en;
};

// The header every file has (after any '#' comment lines): code,parent,name_kk,name_ru,name_en.
// Cells may be quoted ("…", "" for a quote) so names may hold commas.
Expected<std::vector<ClassifierEntry>> ParseClassifierCsv(ClassifierKind kind,
                                                          std::string_view text);

struct ImportCounts {
  std::int64_t rows = 0, added = 0, updated = 0, deactivated = 0, unchanged = 0;
};
// Called now and then while an import runs: rows done of total.
using ImportProgress = std::function<void(std::size_t done, std::size_t total)>;

// Makes the stored classifier equal to `entries` in one write transaction (all or nothing).
Expected<ImportCounts> ApplyClassifier(storage::Database& db, ClassifierKind kind,
                                       const std::vector<ClassifierEntry>& entries, Instant now,
                                       const ImportProgress& progress = {});

// Parses, checks and applies a file (the CLI and the demo).
Expected<ImportCounts> ImportClassifierText(storage::Database& db, ClassifierKind kind,
                                            std::string_view text, Instant now,
                                            const ImportProgress& progress = {});

// The demo's classifiers: `dir`/nkz.csv and kato.csv, each loaded only while the store has no
// code of that kind (a fuller classifier an administrator loaded is never cut back to them).
Status LoadShippedClassifiers(storage::Database& db, const std::filesystem::path& dir, Instant now);

struct CodeView {
  storage::ReferenceCodeRow row;
  std::vector<storage::ReferenceCodeRow> path;  // ancestors, the top-level one first
};

struct ImportView {
  storage::ReferenceImportRow row;
};

// What the HTTP layer reaches: searches for pickers, one code with its path, active-code
// checks for field validation, and imports that run in the background with their progress.
class ReferenceData {
 public:
  ReferenceData(storage::Database& db, Clock clock = SystemNow);
  ~ReferenceData();  // waits for running imports
  ReferenceData(const ReferenceData&) = delete;
  ReferenceData& operator=(const ReferenceData&) = delete;

  // q: a code prefix (digits and '-') or words, each of which must occur in the code or one of
  // the names, case-insensitive; parent: only its children ("" = top level). Active codes only.
  Expected<std::vector<storage::ReferenceCodeRow>> Search(ClassifierKind kind, const std::string& q,
                                                          const std::optional<std::string>& parent,
                                                          int limit);
  // 404 reference.code_unknown when the code is not in the classifier (inactive ones are).
  Expected<CodeView> Get(ClassifierKind kind, const std::string& code);
  // Whether `code` is an active code of the classifier.
  Expected<bool> IsActive(ClassifierKind kind, const std::string& code);

  // Checks the file now (422 as ParseClassifierCsv, nothing stored), then records the import
  // and applies it on a background thread; returns the import's id. Audited as
  // reference.import.
  Expected<std::int64_t> StartImport(const Actor& actor, ClassifierKind kind, std::string text);
  // 404 when there is no such import of that kind. A running import's rows_done is live.
  Expected<ImportView> GetImport(ClassifierKind kind, std::int64_t id);
  // Waits until every import started so far has finished (tests).
  void WaitForImports();

 private:
  struct Running {
    std::atomic<std::size_t> done{0};
  };
  void Run(std::int64_t id, ClassifierKind kind, std::vector<ClassifierEntry> entries,
           std::shared_ptr<Running> running);

  storage::Database& db_;
  Clock clock_;
  std::mutex mutex_;
  std::map<std::int64_t, std::shared_ptr<Running>> running_;
  std::vector<std::thread> threads_;
};

}  // namespace jumys::reference
