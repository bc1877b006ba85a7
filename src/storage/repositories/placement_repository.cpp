#include "storage/repositories/placement_repository.h"

#include "storage/repositories/nullable.h"
#include "storage/sql_params.h"

namespace jumys::storage {

namespace {

constexpr const char* kColumns =
    "id, case_id, vacancy_id, person_iin, employer_bin, office_id, status, hired_on, reason, "
    "reason_text, answered_by, answered_at, corrections, created_by, created_at, updated_at, "
    "vacancy_office_id";

PlacementRow RowAt(const Rows& rows, std::size_t r) {
  PlacementRow p;
  p.id = rows.Int(r, 0);
  p.case_id = rows.Int(r, 1);
  p.vacancy_id = rows.Int(r, 2);
  p.person_iin = rows.Text(r, 3);
  p.employer_bin = rows.Text(r, 4);
  p.office_id = rows.Text(r, 5);
  p.status = rows.Text(r, 6);
  p.hired_on = rows.Optional(r, 7);
  p.reason = rows.Optional(r, 8);
  p.reason_text = rows.Optional(r, 9);
  p.answered_by = rows.Optional(r, 10);
  p.answered_at = rows.Optional(r, 11);
  p.corrections = rows.Int(r, 12);
  p.created_by = rows.Text(r, 13);
  p.created_at = rows.Text(r, 14);
  p.updated_at = rows.Text(r, 15);
  p.vacancy_office_id = rows.Text(r, 16);
  return p;
}

Expected<std::optional<PlacementRow>> FindOne(Tx& tx, const std::string& where, std::int64_t v) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kColumns + " FROM placements WHERE " + where, {v}));
  if (rows.empty()) return std::optional<PlacementRow>{};
  return std::optional<PlacementRow>{RowAt(rows, 0)};
}

}  // namespace

Expected<std::optional<VacancyOffer>> FindVacancyOffer(Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("SELECT v.id, v.status, v.workplaces, v.workplaces_filled, v.title, v.nkz, v.kato, "
               "v.office_id, v.employer_bin, e.name, v.next_change_at FROM vacancies v "
               "JOIN employers e ON e.bin = v.employer_bin WHERE v.id = $1",
               {id}));
  if (rows.empty()) return std::optional<VacancyOffer>{};
  VacancyOffer o;
  o.id = rows.Int(0, 0);
  o.status = rows.Text(0, 1);
  o.workplaces = rows.Int(0, 2);
  o.workplaces_filled = rows.Int(0, 3);
  o.title = rows.Text(0, 4);
  o.nkz = rows.Text(0, 5);
  o.kato = rows.Text(0, 6);
  o.office_id = rows.Text(0, 7);
  o.employer_bin = rows.Text(0, 8);
  o.employer_name = rows.Text(0, 9);
  o.next_change_at = rows.Optional(0, 10);
  return std::optional<VacancyOffer>{std::move(o)};
}

Expected<std::int64_t> InsertPlacement(Tx& tx, const PlacementRow& p) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO placements (case_id, vacancy_id, person_iin, employer_bin, office_id, "
               "vacancy_office_id, status, created_by, created_at, updated_at) "
               "VALUES ($1,$2,$3,$4,$5,$6,'referred',$7,$8,$8) RETURNING id",
               {p.case_id, p.vacancy_id, p.person_iin, p.employer_bin, p.office_id,
                p.vacancy_office_id, p.created_by, p.created_at}));
  if (rows.empty()) return Error::Internal("placement insert returned no id");
  return rows.Int(0, 0);
}

Expected<std::optional<PlacementRow>> FindPlacement(Tx& tx, std::int64_t id) {
  return FindOne(tx, "id = $1", id);
}

Expected<std::optional<PlacementRow>> FindPlacementOfCase(Tx& tx, std::int64_t case_id) {
  return FindOne(tx, "case_id = $1", case_id);
}

Expected<std::vector<PlacementRow>> ListPlacements(Tx& tx, const PlacementFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM placements WHERE 1 = 1";
  SqlParams params;
  const auto bind = [&](const char* column, Value v) {
    sql += std::string(" AND ") + column + " = " + params.Bind(std::move(v));
  };
  if (f.vacancy_id) bind("vacancy_id", *f.vacancy_id);
  if (f.case_id) bind("case_id", *f.case_id);
  if (f.status) bind("status", *f.status);
  if (f.employer_bin) bind("employer_bin", *f.employer_bin);
  if (f.person_iin) bind("person_iin", *f.person_iin);
  if (!f.offices.empty()) {
    const std::string in = params.BindAll(f.offices);
    sql += " AND (office_id IN (" + in + ") OR vacancy_office_id IN (" + in + "))";
  }
  sql += " ORDER BY id DESC LIMIT " + params.Bind(f.limit);
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params.params()));
  std::vector<PlacementRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(RowAt(rows, r));
  return out;
}

Status UpdatePlacement(Tx& tx, const PlacementRow& p) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec(
          "UPDATE placements SET vacancy_id = $1, employer_bin = $2, status = $3, "
          "hired_on = $4, reason = $5, reason_text = $6, answered_by = $7, answered_at = $8, "
          "corrections = $9, updated_at = $10, vacancy_office_id = $11 WHERE id = $12",
          {p.vacancy_id, p.employer_bin, p.status, OptionalText(p.hired_on), OptionalText(p.reason),
           OptionalText(p.reason_text), OptionalText(p.answered_by), OptionalText(p.answered_at),
           p.corrections, p.updated_at, p.vacancy_office_id, p.id}));
  if (changed != 1) return Error::Internal("placement " + std::to_string(p.id) + " not updated");
  return {};
}

Expected<bool> AddFilledWorkplaces(Tx& tx, std::int64_t vacancy_id, std::int64_t delta,
                                   const std::string& now) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE vacancies SET workplaces_filled = workplaces_filled + $1, updated_at = $2, "
              "row_version = row_version + 1 WHERE id = $3 AND workplaces_filled + $1 >= 0 "
              "AND workplaces_filled + $1 <= workplaces",
              {delta, now, vacancy_id}));
  return changed == 1;
}

}  // namespace jumys::storage
