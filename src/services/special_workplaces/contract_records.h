#pragma once
// What a P3 contract accumulates while it runs (docs/SPECIAL_WORKPLACES.md): the employer's
// monthly reports with the wage-subsidy order each earned, and the monitoring visits.
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace jumys::storage {
class Database;
}

namespace jumys::special_workplaces {

struct MonthlyReport {
  std::int64_t id = 0;
  std::string period;                 // YYYY-MM
  std::vector<std::string> employed;  // IINs
  int days_worked = 0;
  std::int64_t wages_paid = 0;  // tiyn, per person
  std::string due_on;           // YYYY-MM-DD
  bool late = false;
  std::string status;  // filed | accepted | returned | ordered
  std::string remarks, filed_by, filed_at;
  // The wage-subsidy order, once made: 0 and "" before.
  std::int64_t payment_id = 0;
  std::string payment_number, payment_status;
  std::int64_t payment_amount = 0;
};

struct MonitoringVisit {
  std::int64_t id = 0;
  std::string visited_on;
  bool obligations_met = false;
  std::string findings, recorded_by, recorded_at;
};

class ContractRecords {
 public:
  explicit ContractRecords(storage::Database& db) : db_(db) {}
  // Oldest first; returned reports included.
  Expected<std::vector<MonthlyReport>> Reports(std::int64_t contract_id);
  Expected<std::vector<MonitoringVisit>> Visits(std::int64_t contract_id);

 private:
  storage::Database& db_;
};

}  // namespace jumys::special_workplaces
