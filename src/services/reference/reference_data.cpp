#include "services/reference/reference_data.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/csv.h"
#include "core/text_fold.h"
#include "storage/audit_log.h"

namespace jumys::reference {

namespace {

constexpr std::size_t kMaxProblems = 100;  // details in one refusal; the rest are counted
constexpr std::size_t kProgressEvery = 200;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One line's cells: comma-separated, a cell may be quoted ("a, b" and "" inside for a quote).
// Cells are trimmed of surrounding spaces outside quotes. nullopt for an unterminated quote.
std::optional<std::vector<std::string>> SplitQuoted(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> cells;
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && line[i] == ' ') ++i;
    std::string cell;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        cell += line[i++];
      }
      if (!closed) return std::nullopt;
      while (i < line.size() && line[i] == ' ') ++i;
      if (i < line.size() && line[i] != ',') return std::nullopt;
    } else {
      const std::size_t end = line.find(',', i);
      cell = std::string(line.substr(i, end == std::string_view::npos ? line.size() - i : end - i));
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      i = end == std::string_view::npos ? line.size() : end;
    }
    cells.push_back(std::move(cell));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return cells;
}

const std::vector<std::string> kHeader = {"code", "parent", "name_kk", "name_ru", "name_en"};

// The parent an NKZ code's shape gives: "2" for "21", "2111" for "2111-1"; "" for a major group.
std::string NkzParent(std::string_view code) {
  if (code.size() == 1) return "";
  const auto dash = code.find('-');
  if (dash != std::string_view::npos) return std::string(code.substr(0, dash));
  return std::string(code.substr(0, code.size() - 1));
}

// The digits of a KATO code that name it at its level: 2, 4, 6 or 9.
std::size_t KatoPrefixLength(int level) {
  switch (level) {
    case 1:
      return 2;
    case 2:
      return 4;
    case 3:
      return 6;
    default:
      return 9;
  }
}

std::string SearchText(const ClassifierEntry& e) {
  return LowerUtf8(e.code + " " + e.name_kk + " " + e.name_ru + " " + e.name_en);
}

}  // namespace

const char* ClassifierKindName(ClassifierKind kind) {
  return kind == ClassifierKind::kNkz ? "nkz" : "kato";
}

std::optional<ClassifierKind> ParseClassifierKind(std::string_view text) {
  if (text == "nkz") return ClassifierKind::kNkz;
  if (text == "kato") return ClassifierKind::kKato;
  return std::nullopt;
}

std::optional<int> CodeLevel(ClassifierKind kind, std::string_view code) {
  if (kind == ClassifierKind::kNkz) {
    if (AllDigits(code) && code.size() <= 4) return static_cast<int>(code.size());
    if (code.size() == 6 && code[4] == '-' && AllDigits(code.substr(0, 4)) &&
        AllDigits(code.substr(5))) {
      return 5;
    }
    return std::nullopt;
  }
  if (code.size() != 9 || !AllDigits(code) || code.substr(0, 2) == "00") return std::nullopt;
  if (code.substr(2) == "0000000") return 1;
  if (code.substr(4) == "00000") return 2;
  if (code.substr(6) == "000") return 3;
  return 4;
}

Expected<std::vector<ClassifierEntry>> ParseClassifierCsv(ClassifierKind kind,
                                                          std::string_view text) {
  std::vector<ErrorDetail> problems;
  std::size_t problem_count = 0;
  const auto problem = [&](std::size_t line, const Error& e) {
    ++problem_count;
    if (problems.size() < kMaxProblems) problems.push_back(CsvLineProblem(line, e));
  };
  std::vector<ClassifierEntry> entries;
  std::unordered_map<std::string, std::size_t> first_line;  // code -> line
  bool header_seen = false;
  std::size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    ++line_no;
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // BOM
    std::string_view trimmed = line;
    while (!trimmed.empty() && (trimmed.back() == '\r' || trimmed.back() == ' '))
      trimmed.remove_suffix(1);
    if (trimmed.empty() || trimmed.front() == '#') continue;  // blank or a comment
    auto cells = SplitQuoted(line);
    if (!cells) {
      problem(line_no, Error::Unprocessable("reference.csv_quote"_msg,
                                            "a quoted cell is not closed on this line"));
      continue;
    }
    if (!header_seen) {
      header_seen = true;
      if (*cells != kHeader) {
        problem(line_no, Error::Unprocessable("reference.csv_header"_msg,
                                              "the first line must be the header {header}",
                                              {{"header", "code,parent,name_kk,name_ru,name_en"}}));
        break;  // without the right columns no row can be read
      }
      continue;
    }
    if (cells->size() != kHeader.size()) {
      problem(line_no, Error::Unprocessable("reference.csv_columns"_msg,
                                            "a row has {expected} columns, this one has {got}",
                                            {{"expected", std::to_string(kHeader.size())},
                                             {"got", std::to_string(cells->size())}}));
      continue;
    }
    ClassifierEntry e;
    e.line = line_no;
    e.code = (*cells)[0];
    e.parent = (*cells)[1];
    e.name_kk = (*cells)[2];
    e.name_ru = (*cells)[3];
    e.name_en = (*cells)[4];
    const char* shape = kind == ClassifierKind::kNkz ? "N, NN, NNN, NNNN or NNNN-N" : "9 digits";
    const auto level = CodeLevel(kind, e.code);
    if (!level) {
      problem(line_no, Error::Unprocessable("reference.code_shape"_msg,
                                            "the code '{code}' is not of the shape {shape}",
                                            {{"code", e.code}, {"shape", shape}}));
      continue;
    }
    e.level = *level;
    bool ok = true;
    for (const auto& [language, name] :
         {std::pair{"kk", &e.name_kk}, std::pair{"ru", &e.name_ru}, std::pair{"en", &e.name_en}}) {
      if (name->empty()) {
        problem(line_no,
                Error::Unprocessable("reference.name_missing"_msg,
                                     "the name in {language} is empty", {{"language", language}}));
        ok = false;
      }
    }
    if (kind == ClassifierKind::kNkz) {
      const std::string derived = NkzParent(e.code);
      if (e.parent.empty()) e.parent = derived;
      if (e.parent != derived) {
        problem(line_no, Error::Unprocessable(
                             "reference.parent_mismatch"_msg,
                             "the parent of '{code}' must be '{expected}', not '{parent}'",
                             {{"code", e.code}, {"expected", derived}, {"parent", e.parent}}));
        ok = false;
      }
    } else if (e.level > 1 || !e.parent.empty()) {
      const auto parent_level = CodeLevel(kind, e.parent);
      const bool fits = parent_level && *parent_level < e.level &&
                        e.code.compare(0, KatoPrefixLength(*parent_level), e.parent, 0,
                                       KatoPrefixLength(*parent_level)) == 0;
      if (!fits) {
        problem(line_no, Error::Unprocessable(
                             "reference.parent_level"_msg,
                             "the parent of '{code}' must be a code of a higher level whose "
                             "digits it begins with, not '{parent}'",
                             {{"code", e.code}, {"parent", e.parent}}));
        ok = false;
      }
    }
    const auto [it, inserted] = first_line.emplace(e.code, line_no);
    if (!inserted) {
      problem(line_no,
              Error::Unprocessable("reference.code_duplicate"_msg,
                                   "the code '{code}' is already on line {first}",
                                   {{"code", e.code}, {"first", std::to_string(it->second)}}));
      continue;
    }
    if (ok) entries.push_back(std::move(e));
  }
  if (!header_seen) {
    problem(line_no == 0 ? 1 : line_no,
            Error::Unprocessable("reference.csv_header"_msg,
                                 "the first line must be the header {header}",
                                 {{"header", "code,parent,name_kk,name_ru,name_en"}}));
  }
  // A child whose parent is not in the file: checked once every code is known.
  if (problem_count == 0) {
    for (const auto& e : entries) {
      if (!e.parent.empty() && !first_line.contains(e.parent)) {
        problem(e.line, Error::Unprocessable("reference.parent_missing"_msg,
                                             "the parent '{parent}' of '{code}' is not in the file",
                                             {{"parent", e.parent}, {"code", e.code}}));
      }
    }
  }
  if (problem_count > 0) {
    const std::string first = problems.front().field.substr(5);  // "line 7" -> "7"
    return Error::Unprocessable(
        "reference.csv_invalid"_msg,
        "the file has {count} problem(s), the first on line {line}; nothing was imported",
        {{"count", std::to_string(problem_count)}, {"line", first}}, std::move(problems));
  }
  return entries;
}

Expected<ImportCounts> ApplyClassifier(storage::Database& db, ClassifierKind kind,
                                       const std::vector<ClassifierEntry>& entries, Instant now,
                                       const ImportProgress& progress) {
  const std::string kind_name = ClassifierKindName(kind);
  const std::string at = FormatRfc3339(now);
  ImportCounts counts;
  JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
    counts = ImportCounts{};  // PostgreSQL may rerun the transaction
    counts.rows = static_cast<std::int64_t>(entries.size());
    JUMYS_ASSIGN_OR_RETURN(auto existing, storage::ListReferenceCodes(tx, kind_name));
    std::unordered_map<std::string, const storage::ReferenceCodeRow*> stored;
    for (const auto& r : existing) stored.emplace(r.code, &r);
    std::set<std::string> in_file;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const auto& e = entries[i];
      in_file.insert(e.code);
      storage::ReferenceCodeRow row{kind_name, e.code,    e.parent,  e.level,
                                    e.name_kk, e.name_ru, e.name_en, true};
      const auto found = stored.find(e.code);
      if (found == stored.end()) {
        JUMYS_TRY(storage::InsertReferenceCode(tx, row, SearchText(e), at));
        ++counts.added;
      } else {
        const auto& old = *found->second;
        if (old.parent != row.parent || old.level != row.level || old.name_kk != row.name_kk ||
            old.name_ru != row.name_ru || old.name_en != row.name_en || !old.active) {
          JUMYS_TRY(storage::UpdateReferenceCode(tx, row, SearchText(e), at));
          ++counts.updated;
        } else {
          ++counts.unchanged;
        }
      }
      if (progress && (i + 1) % kProgressEvery == 0) progress(i + 1, entries.size());
    }
    for (const auto& old : existing) {
      if (!old.active || in_file.contains(old.code)) continue;
      auto row = old;
      row.active = false;
      ClassifierEntry e{0, old.code, old.parent, old.level, old.name_kk, old.name_ru, old.name_en};
      JUMYS_TRY(storage::UpdateReferenceCode(tx, row, SearchText(e), at));
      ++counts.deactivated;
    }
    return {};
  }));
  if (progress) progress(entries.size(), entries.size());
  return counts;
}

Expected<ImportCounts> ImportClassifierText(storage::Database& db, ClassifierKind kind,
                                            std::string_view text, Instant now,
                                            const ImportProgress& progress) {
  JUMYS_ASSIGN_OR_RETURN(auto entries, ParseClassifierCsv(kind, text));
  return ApplyClassifier(db, kind, entries, now, progress);
}

Status LoadShippedClassifiers(storage::Database& db, const std::filesystem::path& dir,
                              Instant now) {
  for (const auto kind : {ClassifierKind::kNkz, ClassifierKind::kKato}) {
    const auto file = dir / (std::string(ClassifierKindName(kind)) + ".csv");
    bool empty = true;
    JUMYS_TRY(db.Read([&](storage::Tx& tx) -> Status {
      storage::ReferenceCodeQuery q;
      q.kind = ClassifierKindName(kind);
      q.active_only = false;
      q.limit = 1;
      JUMYS_ASSIGN_OR_RETURN(auto any, storage::SearchReferenceCodes(tx, q));
      empty = any.empty();
      return {};
    }));
    if (!empty) continue;
    std::ifstream in(file, std::ios::binary);
    if (!in) return Error::Internal("cannot read " + file.string());
    std::stringstream text;
    text << in.rdbuf();
    auto counts = ImportClassifierText(db, kind, text.str(), now);
    if (!counts) return AtField(file.filename().string(), counts.error());
  }
  return {};
}

ReferenceData::ReferenceData(storage::Database& db, Clock clock)
    : db_(db), clock_(std::move(clock)) {}

ReferenceData::~ReferenceData() { WaitForImports(); }

void ReferenceData::WaitForImports() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mutex_);
    threads.swap(threads_);
  }
  for (auto& t : threads) t.join();
}

Expected<std::vector<storage::ReferenceCodeRow>> ReferenceData::Search(
    ClassifierKind kind, const std::string& q, const std::optional<std::string>& parent,
    int limit) {
  storage::ReferenceCodeQuery query;
  query.kind = ClassifierKindName(kind);
  query.parent = parent;
  query.limit = limit;
  const std::string lowered = LowerUtf8(q);
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < lowered.size()) {
    while (i < lowered.size() && (lowered[i] == ' ' || lowered[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < lowered.size() && lowered[j] != ' ' && lowered[j] != '\t') ++j;
    if (j > i) words.push_back(lowered.substr(i, j - i));
    i = j;
  }
  // One token of digits and dashes is a code prefix ("43", "2111-"); anything else is words.
  if (words.size() == 1 && std::all_of(words[0].begin(), words[0].end(),
                                       [](char c) { return (c >= '0' && c <= '9') || c == '-'; })) {
    query.code_prefix = words[0];
  } else {
    query.words = std::move(words);
  }
  std::vector<storage::ReferenceCodeRow> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, storage::SearchReferenceCodes(tx, query));
    return {};
  }));
  return out;
}

Expected<CodeView> ReferenceData::Get(ClassifierKind kind, const std::string& code) {
  CodeView view;
  const std::string kind_name = ClassifierKindName(kind);
  bool found = false;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row, storage::FindReferenceCode(tx, kind_name, code));
    if (!row) return {};
    found = true;
    view.row = *row;
    std::string parent = row->parent;
    for (int guard = 0; !parent.empty() && guard < 10; ++guard) {
      JUMYS_ASSIGN_OR_RETURN(auto up, storage::FindReferenceCode(tx, kind_name, parent));
      if (!up) break;
      parent = up->parent;
      view.path.insert(view.path.begin(), std::move(*up));
    }
    return {};
  }));
  if (!found) {
    return Error::NotFound("reference.code_unknown"_msg, "there is no code '{code}' in {kind}",
                           {{"code", code}, {"kind", kind_name}});
  }
  return view;
}

Expected<bool> ReferenceData::IsActive(ClassifierKind kind, const std::string& code) {
  bool active = false;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto row,
                           storage::FindReferenceCode(tx, ClassifierKindName(kind), code));
    active = row && row->active;
    return {};
  }));
  return active;
}

Expected<std::int64_t> ReferenceData::StartImport(const Actor& actor, ClassifierKind kind,
                                                  std::string text) {
  JUMYS_ASSIGN_OR_RETURN(auto entries, ParseClassifierCsv(kind, text));
  storage::ReferenceImportRow row;
  row.kind = ClassifierKindName(kind);
  row.state = "running";
  row.rows_total = static_cast<std::int64_t>(entries.size());
  row.created_by = actor.login;
  row.created_at = FormatRfc3339(clock_());
  std::int64_t id = 0;
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(id, storage::InsertReferenceImport(tx, row));
    return storage::AppendAudit(tx, {row.created_at,
                                     actor.login,
                                     "reference.import",
                                     "reference_import",
                                     std::to_string(id),
                                     actor.office_id,
                                     {{"kind", row.kind}, {"rows", row.rows_total}}});
  }));
  auto running = std::make_shared<Running>();
  std::lock_guard lock(mutex_);
  running_[id] = running;
  threads_.emplace_back([this, id, kind, entries = std::move(entries), running]() mutable {
    Run(id, kind, std::move(entries), running);
  });
  return id;
}

void ReferenceData::Run(std::int64_t id, ClassifierKind kind, std::vector<ClassifierEntry> entries,
                        std::shared_ptr<Running> running) {
  storage::ReferenceImportRow row;
  row.id = id;
  auto counts =
      ApplyClassifier(db_, kind, entries, clock_(),
                      [&running](std::size_t done, std::size_t) { running->done = done; });
  if (counts) {
    row.state = "done";
    row.rows_done = counts->rows;
    row.added = counts->added;
    row.updated = counts->updated;
    row.deactivated = counts->deactivated;
  } else {
    row.state = "failed";
    nlohmann::json errors = nlohmann::json::array();
    errors.push_back({{"line", nullptr},
                      {"key", counts.error().key},
                      {"params", nlohmann::json::object()},
                      {"message", counts.error().message}});
    row.errors = errors.dump();
  }
  row.finished_at = FormatRfc3339(clock_());
  // The outcome is stored before the live progress is dropped, so a reader never sees neither.
  (void)db_.Write([&](storage::Tx& tx) { return storage::FinishReferenceImport(tx, row); });
  std::lock_guard lock(mutex_);
  running_.erase(id);
}

Expected<ImportView> ReferenceData::GetImport(ClassifierKind kind, std::int64_t id) {
  std::optional<storage::ReferenceImportRow> row;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(row, storage::FindReferenceImport(tx, id));
    return {};
  }));
  if (!row || row->kind != ClassifierKindName(kind)) {
    return Error::NotFound("reference.import_unknown"_msg, "there is no such import");
  }
  if (row->state == "running") {
    std::lock_guard lock(mutex_);
    const auto it = running_.find(id);
    if (it != running_.end()) row->rows_done = static_cast<std::int64_t>(it->second->done.load());
  }
  return ImportView{*row};
}

}  // namespace jumys::reference
