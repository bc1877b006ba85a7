#include "storage/repositories/reference_repository.h"

namespace jumys::storage {

namespace {

constexpr const char* kCodeColumns =
    "kind, code, COALESCE(parent, ''), level, name_kk, name_ru, name_en, active";

ReferenceCodeRow CodeAt(const Rows& rows, std::size_t i) {
  ReferenceCodeRow r;
  r.kind = rows.Text(i, 0);
  r.code = rows.Text(i, 1);
  r.parent = rows.Text(i, 2);
  r.level = static_cast<int>(rows.Int(i, 3));
  r.name_kk = rows.Text(i, 4);
  r.name_ru = rows.Text(i, 5);
  r.name_en = rows.Text(i, 6);
  r.active = rows.Bool(i, 7);
  return r;
}

Value ParentValue(const std::string& parent) {
  if (parent.empty()) return nullptr;
  return parent;
}

// $1..$10 of a stored code: kind, code, parent, level, names kk/ru/en, search, active, at.
Params CodeParams(const ReferenceCodeRow& row, const std::string& search, const std::string& at) {
  return {row.kind,
          row.code,
          ParentValue(row.parent),
          std::int64_t{row.level},
          row.name_kk,
          row.name_ru,
          row.name_en,
          search,
          std::int64_t{row.active ? 1 : 0},
          at};
}

// A LIKE pattern matching `text` literally (with ESCAPE '\').
std::string LikeLiteral(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

constexpr const char* kImportColumns =
    "id, kind, state, rows_total, rows_done, added, updated, deactivated, errors, created_by, "
    "created_at, COALESCE(finished_at, '')";

}  // namespace

Expected<std::vector<ReferenceCodeRow>> ListReferenceCodes(Tx& tx, const std::string& kind) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kCodeColumns +
                                                 " FROM reference_codes WHERE kind = $1 "
                                                 "ORDER BY code",
                                             {kind}));
  std::vector<ReferenceCodeRow> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(CodeAt(rows, i));
  return out;
}

Status InsertReferenceCode(Tx& tx, const ReferenceCodeRow& row, const std::string& search,
                           const std::string& at) {
  JUMYS_TRY(tx.Exec(
      "INSERT INTO reference_codes (kind, code, parent, level, name_kk, name_ru, name_en, search, "
      "active, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
      CodeParams(row, search, at)));
  return {};
}

Status UpdateReferenceCode(Tx& tx, const ReferenceCodeRow& row, const std::string& search,
                           const std::string& at) {
  JUMYS_TRY(tx.Exec(
      "UPDATE reference_codes SET parent = $3, level = $4, name_kk = $5, name_ru = $6, "
      "name_en = $7, search = $8, active = $9, updated_at = $10 WHERE kind = $1 AND code = $2",
      CodeParams(row, search, at)));
  return {};
}

Expected<std::optional<ReferenceCodeRow>> FindReferenceCode(Tx& tx, const std::string& kind,
                                                            const std::string& code) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kCodeColumns +
                                                 " FROM reference_codes WHERE kind = $1 AND "
                                                 "code = $2",
                                             {kind, code}));
  if (rows.empty()) return std::optional<ReferenceCodeRow>{};
  return std::optional<ReferenceCodeRow>{CodeAt(rows, 0)};
}

Expected<std::vector<ReferenceCodeRow>> SearchReferenceCodes(Tx& tx, const ReferenceCodeQuery& q) {
  std::string sql = std::string("SELECT ") + kCodeColumns + " FROM reference_codes WHERE kind = $1";
  Params params = {q.kind};
  const auto next = [&params](Value v) {
    params.push_back(std::move(v));
    return "$" + std::to_string(params.size());
  };
  if (q.active_only) sql += " AND active = 1";
  if (q.parent) {
    sql += q.parent->empty() ? " AND parent IS NULL" : " AND parent = " + next(*q.parent);
  }
  std::string words;
  for (const auto& w : q.words) {
    if (!words.empty()) words += " AND ";
    words += "search LIKE " + next("%" + LikeLiteral(w) + "%") + " ESCAPE '\\'";
  }
  if (!q.code_prefix.empty()) {
    const std::string prefix =
        "code LIKE " + next(LikeLiteral(q.code_prefix) + "%") + " ESCAPE '\\'";
    sql += words.empty() ? " AND " + prefix : " AND (" + prefix + " OR (" + words + "))";
  } else if (!words.empty()) {
    sql += " AND " + words;
  }
  sql += " ORDER BY code LIMIT " + next(std::int64_t{q.limit});
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
  std::vector<ReferenceCodeRow> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(CodeAt(rows, i));
  return out;
}

Expected<std::int64_t> InsertReferenceImport(Tx& tx, const ReferenceImportRow& row) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(
          "INSERT INTO reference_imports (kind, state, rows_total, rows_done, created_by, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          {row.kind, row.state, row.rows_total, row.rows_done, row.created_by, row.created_at}));
  return rows.Int(0, 0);
}

Status FinishReferenceImport(Tx& tx, const ReferenceImportRow& row) {
  JUMYS_TRY(
      tx.Exec("UPDATE reference_imports SET state = $2, rows_done = $3, added = $4, updated = $5, "
              "deactivated = $6, errors = $7, finished_at = $8 WHERE id = $1",
              {row.id, row.state, row.rows_done, row.added, row.updated, row.deactivated,
               row.errors, row.finished_at}));
  return {};
}

Expected<std::optional<ReferenceImportRow>> FindReferenceImport(Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kImportColumns +
                                                 " FROM reference_imports WHERE id = $1",
                                             {id}));
  if (rows.empty()) return std::optional<ReferenceImportRow>{};
  ReferenceImportRow r;
  r.id = rows.Int(0, 0);
  r.kind = rows.Text(0, 1);
  r.state = rows.Text(0, 2);
  r.rows_total = rows.Int(0, 3);
  r.rows_done = rows.Int(0, 4);
  r.added = rows.Int(0, 5);
  r.updated = rows.Int(0, 6);
  r.deactivated = rows.Int(0, 7);
  r.errors = rows.Text(0, 8);
  r.created_by = rows.Text(0, 9);
  r.created_at = rows.Text(0, 10);
  r.finished_at = rows.Text(0, 11);
  return std::optional<ReferenceImportRow>{r};
}

}  // namespace jumys::storage
