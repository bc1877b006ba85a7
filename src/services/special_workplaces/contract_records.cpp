#include "services/special_workplaces/contract_records.h"

#include <nlohmann/json.hpp>

#include "storage/database.h"

namespace jumys::special_workplaces {

Expected<std::vector<MonthlyReport>> ContractRecords::Reports(std::int64_t contract_id) {
  std::vector<MonthlyReport> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("SELECT r.id, r.period, r.employed, r.days_worked, r.wages_paid, r.due_on, "
                 "r.late, r.status, r.remarks, r.filed_by, r.filed_at, COALESCE(o.id, 0), "
                 "COALESCE(o.number, ''), COALESCE(o.status, ''), COALESCE(o.amount, 0) FROM "
                 "monthly_reports r LEFT JOIN payment_orders o ON o.id = r.payment_id WHERE "
                 "r.contract_id = $1 ORDER BY r.period, r.id",
                 {contract_id}));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      MonthlyReport r;
      r.id = rows.Int(i, 0);
      r.period = rows.Text(i, 1);
      const auto employed = nlohmann::json::parse(rows.Text(i, 2), nullptr, false);
      if (employed.is_array()) {
        for (const auto& iin : employed) {
          if (iin.is_string()) r.employed.push_back(iin.get<std::string>());
        }
      }
      r.days_worked = static_cast<int>(rows.Int(i, 3));
      r.wages_paid = rows.Int(i, 4);
      r.due_on = rows.Text(i, 5);
      r.late = rows.Int(i, 6) != 0;
      r.status = rows.Text(i, 7);
      r.remarks = rows.Text(i, 8);
      r.filed_by = rows.Text(i, 9);
      r.filed_at = rows.Text(i, 10);
      r.payment_id = rows.Int(i, 11);
      r.payment_number = rows.Text(i, 12);
      r.payment_status = rows.Text(i, 13);
      r.payment_amount = rows.Int(i, 14);
      out.push_back(std::move(r));
    }
    return {};
  }));
  return out;
}

Expected<std::vector<MonitoringVisit>> ContractRecords::Visits(std::int64_t contract_id) {
  std::vector<MonitoringVisit> out;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query("SELECT id, visited_on, obligations_met, findings, recorded_by, "
                            "recorded_at FROM monitoring_visits WHERE contract_id = $1 ORDER BY "
                            "visited_on, id",
                            {contract_id}));
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out.push_back({rows.Int(i, 0), rows.Text(i, 1), rows.Int(i, 2) != 0, rows.Text(i, 3),
                     rows.Text(i, 4), rows.Text(i, 5)});
    }
    return {};
  }));
  return out;
}

}  // namespace jumys::special_workplaces
