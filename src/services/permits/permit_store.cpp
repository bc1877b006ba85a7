#include "services/permits/permit_store.h"

#include "storage/database.h"

namespace jumys::permits {

namespace {

using storage::Value;

constexpr const char* kPermitColumns =
    "SELECT id, number, kind, employer_bin, office_id, category, workers, occupation, region, "
    "host_company, valid_from, valid_until, status, extensions, case_id, previous_id, "
    "created_at, updated_at FROM permits ";

PermitRow ReadPermit(const storage::Rows& rows, std::size_t r) {
  PermitRow p;
  p.id = rows.Int(r, 0);
  p.number = rows.Text(r, 1);
  p.kind = rows.Text(r, 2);
  p.employer_bin = rows.Text(r, 3);
  p.office_id = rows.Text(r, 4);
  p.category = static_cast<int>(rows.Int(r, 5));
  p.workers = static_cast<int>(rows.Int(r, 6));
  p.occupation = rows.Text(r, 7);
  p.region = rows.Text(r, 8);
  p.host_company = rows.Text(r, 9);
  p.valid_from = rows.Text(r, 10);
  p.valid_until = rows.Text(r, 11);
  p.status = rows.Text(r, 12);
  p.extensions = static_cast<int>(rows.Int(r, 13));
  if (!rows.IsNull(r, 14)) p.case_id = rows.Int(r, 14);
  if (!rows.IsNull(r, 15)) p.previous_id = rows.Int(r, 15);
  p.created_at = rows.Text(r, 16);
  p.updated_at = rows.Text(r, 17);
  return p;
}

Expected<std::optional<PermitRow>> FindOne(storage::Tx& tx, const std::string& where,
                                           const storage::Params& params) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(kPermitColumns + where, params));
  if (rows.empty()) return std::optional<PermitRow>{};
  return std::optional<PermitRow>{ReadPermit(rows, 0)};
}

Value OptionalInt(const std::optional<std::int64_t>& v) {
  if (v) return *v;
  return nullptr;
}

QuotaRow ReadQuota(const storage::Rows& rows, std::size_t r) {
  return {rows.Text(r, 0),
          static_cast<int>(rows.Int(r, 1)),
          static_cast<int>(rows.Int(r, 2)),
          static_cast<int>(rows.Int(r, 3)),
          static_cast<int>(rows.Int(r, 4)),
          rows.Text(r, 5),
          rows.Text(r, 6)};
}

constexpr const char* kQuotaColumns =
    "SELECT office_id, year, category, quota, used, updated_at, updated_by FROM permit_quotas ";

}  // namespace

std::string PermitRow::StatusOn(Date today) const {
  if (status == kPermitValid && valid_until < FormatDate(today)) return "expired";
  return status;
}

Expected<std::int64_t> InsertPermit(storage::Tx& tx, const PermitRow& p) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO permits (number, kind, employer_bin, office_id, category, workers, "
               "occupation, region, host_company, valid_from, valid_until, status, extensions, "
               "case_id, previous_id, created_at, updated_at) "
               "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) RETURNING id",
               {p.number, p.kind, p.employer_bin, p.office_id, std::int64_t{p.category},
                std::int64_t{p.workers}, p.occupation, p.region,
                p.host_company.empty() ? Value{nullptr} : Value{p.host_company}, p.valid_from,
                p.valid_until, p.status, std::int64_t{p.extensions}, OptionalInt(p.case_id),
                OptionalInt(p.previous_id), p.created_at, p.updated_at}));
  return rows.Int(0, 0);
}

Expected<std::optional<PermitRow>> FindPermit(storage::Tx& tx, const std::string& number) {
  return FindOne(tx, "WHERE number = $1", {number});
}

Expected<std::optional<PermitRow>> FindPermitOfCase(storage::Tx& tx, std::int64_t case_id) {
  return FindOne(tx, "WHERE case_id = $1 ORDER BY id DESC LIMIT 1", {case_id});
}

Expected<bool> SupersedePermit(storage::Tx& tx, std::int64_t id, const std::string& status,
                               const std::string& at) {
  JUMYS_ASSIGN_OR_RETURN(auto changed, tx.Exec("UPDATE permits SET status = $1, updated_at = $2 "
                                               "WHERE id = $3 AND status = 'valid'",
                                               {status, at, id}));
  return changed == 1;
}

Expected<std::vector<PermitRow>> PermitChain(storage::Tx& tx, const PermitRow& p) {
  std::vector<PermitRow> out;
  std::optional<std::int64_t> previous = p.previous_id;
  while (previous) {
    JUMYS_ASSIGN_OR_RETURN(auto row, FindOne(tx, "WHERE id = $1", {*previous}));
    if (!row) break;
    previous = row->previous_id;
    out.push_back(std::move(*row));
  }
  return out;
}

Expected<std::vector<PermitRow>> ListPermits(storage::Tx& tx, const PermitFilter& f, Date today) {
  std::string where = "WHERE 1 = 1";
  storage::Params params;
  auto add = [&](const char* column, const std::string& value) {
    if (value.empty()) return;
    params.push_back(value);
    where += std::string(" AND ") + column + " = $" + std::to_string(params.size());
  };
  add("employer_bin", f.bin);
  add("number", f.number);
  add("office_id", f.office_id);
  // "valid" and "expired" depend on today's date; the rest are stored as such.
  const std::string day = FormatDate(today);
  if (f.status == "valid" || f.status == "expired") {
    params.push_back(day);
    where += " AND status = 'valid' AND valid_until " +
             std::string(f.status == "valid" ? ">=" : "<") + " $" + std::to_string(params.size());
  } else {
    add("status", f.status);
  }
  params.push_back(std::int64_t{f.limit});
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(kPermitColumns + where + " ORDER BY id DESC LIMIT $" +
                                                 std::to_string(params.size()),
                                             params));
  std::vector<PermitRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadPermit(rows, r));
  return out;
}

Expected<std::optional<QuotaRow>> FindQuota(storage::Tx& tx, const std::string& office_id, int year,
                                            int category) {
  JUMYS_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string(kQuotaColumns) + "WHERE office_id = $1 AND year = $2 AND category = $3",
               {office_id, std::int64_t{year}, std::int64_t{category}}));
  if (rows.empty()) return std::optional<QuotaRow>{};
  return std::optional<QuotaRow>{ReadQuota(rows, 0)};
}

Expected<std::vector<QuotaRow>> ListQuotas(storage::Tx& tx, const std::string& office_id,
                                           std::optional<int> year) {
  storage::Params params{office_id};
  std::string sql = std::string(kQuotaColumns) + "WHERE office_id = $1";
  if (year) {
    params.push_back(std::int64_t{*year});
    sql += " AND year = $2";
  }
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql + " ORDER BY year, category", params));
  std::vector<QuotaRow> out;
  for (std::size_t r = 0; r < rows.size(); ++r) out.push_back(ReadQuota(rows, r));
  return out;
}

Status SetQuota(storage::Tx& tx, const QuotaRow& q) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed, tx.Exec("UPDATE permit_quotas SET quota = $1, updated_at = $2, updated_by = $3 "
                            "WHERE office_id = $4 AND year = $5 AND category = $6 AND used <= $1",
                            {std::int64_t{q.quota}, q.updated_at, q.updated_by, q.office_id,
                             std::int64_t{q.year}, std::int64_t{q.category}}));
  if (changed == 1) return {};
  JUMYS_ASSIGN_OR_RETURN(auto existing, FindQuota(tx, q.office_id, q.year, q.category));
  if (existing) {
    return Error::Unprocessable(
        "quota.below_used"_msg,
        "the quota cannot be set below the {used} workers already permitted",
        {{"used", std::to_string(existing->used)}});
  }
  JUMYS_TRY(
      tx.Exec("INSERT INTO permit_quotas (office_id, year, category, quota, used, "
              "updated_at, updated_by) VALUES ($1,$2,$3,$4,0,$5,$6)",
              {q.office_id, std::int64_t{q.year}, std::int64_t{q.category}, std::int64_t{q.quota},
               q.updated_at, q.updated_by}));
  return {};
}

Expected<bool> TakeQuota(storage::Tx& tx, const std::string& office_id, int year, int category,
                         int workers) {
  JUMYS_ASSIGN_OR_RETURN(
      auto changed,
      tx.Exec("UPDATE permit_quotas SET used = used + $1 "
              "WHERE office_id = $2 AND year = $3 AND category = $4 AND used + $1 <= quota",
              {std::int64_t{workers}, office_id, std::int64_t{year}, std::int64_t{category}}));
  return changed == 1;
}

Status PutCaseRecord(storage::Tx& tx, std::int64_t case_id, const std::string& kind,
                     const nlohmann::json& data, const std::string& by, const std::string& at) {
  JUMYS_TRY(
      tx.Exec("DELETE FROM permit_case_records WHERE case_id = $1 AND kind = $2", {case_id, kind}));
  JUMYS_TRY(
      tx.Exec("INSERT INTO permit_case_records (case_id, kind, data, recorded_by, "
              "recorded_at) VALUES ($1,$2,$3,$4,$5)",
              {case_id, kind, data.dump(), by, at}));
  return {};
}

Expected<std::optional<nlohmann::json>> FindCaseRecord(storage::Tx& tx, std::int64_t case_id,
                                                       const std::string& kind) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT data FROM permit_case_records "
                                             "WHERE case_id = $1 AND kind = $2",
                                             {case_id, kind}));
  if (rows.empty()) return std::optional<nlohmann::json>{};
  auto data = nlohmann::json::parse(rows.Text(0, 0), nullptr, false);
  if (data.is_discarded()) return Error::Internal("unreadable permit case record");
  return std::optional<nlohmann::json>{std::move(data)};
}

}  // namespace jumys::permits
