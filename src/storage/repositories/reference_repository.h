#pragma once
// Reference classifiers (NKZ, KATO) and their imports (migration 17). Rows only: what a valid
// classifier is and how an import changes the table is services/reference/reference_data.h's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "storage/database.h"

namespace jumys::storage {

struct ReferenceCodeRow {
  std::string kind;  // nkz | kato
  std::string code;
  std::string parent;  // "" for a top-level code
  int level = 1;
  std::string name_kk, name_ru, name_en;
  bool active = true;
};

// Every code of a kind, active or not, in code order.
Expected<std::vector<ReferenceCodeRow>> ListReferenceCodes(Tx& tx, const std::string& kind);
// `search` is what a search by words matches: the lower-cased code and names.
Status InsertReferenceCode(Tx& tx, const ReferenceCodeRow& row, const std::string& search,
                           const std::string& at);
// Replaces parent, level, names and active of an existing code.
Status UpdateReferenceCode(Tx& tx, const ReferenceCodeRow& row, const std::string& search,
                           const std::string& at);
Expected<std::optional<ReferenceCodeRow>> FindReferenceCode(Tx& tx, const std::string& kind,
                                                            const std::string& code);

struct ReferenceCodeQuery {
  std::string kind;
  std::vector<std::string> words;     // lower-cased; each must occur in the code or a name
  std::string code_prefix;            // when set, a code starting with it also matches
  std::optional<std::string> parent;  // "" = top-level codes
  bool active_only = true;
  int limit = 20;
};
// Matches in code order.
Expected<std::vector<ReferenceCodeRow>> SearchReferenceCodes(Tx& tx, const ReferenceCodeQuery& q);

struct ReferenceImportRow {
  std::int64_t id = 0;
  std::string kind;
  std::string state;  // running | done | failed
  std::int64_t rows_total = 0, rows_done = 0, added = 0, updated = 0, deactivated = 0;
  std::string errors = "[]";  // JSON array of {line, key, params, message}
  std::string created_by;
  std::string created_at;
  std::string finished_at;  // "" while running
};

Expected<std::int64_t> InsertReferenceImport(Tx& tx, const ReferenceImportRow& row);
// Records the outcome: state, counts, errors and finished_at.
Status FinishReferenceImport(Tx& tx, const ReferenceImportRow& row);
Expected<std::optional<ReferenceImportRow>> FindReferenceImport(Tx& tx, std::int64_t id);

}  // namespace jumys::storage
