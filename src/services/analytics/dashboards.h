#pragma once
// The labour-market analyst's dashboards (docs/ANALYTICS.md): every figure counted from the cases
// and records of the store for a period and a set of offices, as tables of a label column or two
// and numeric columns. The page draws each table as a chart beside the table itself; the exports
// and the open data give the same tables.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/offices.h"
#include "engine/sla_report.h"
#include "storage/database.h"

namespace jumys::analytics {

enum class ColumnType { kOffice, kRegion, kProcess, kLabel, kMonth, kCount, kMoney, kMinutes };
const char* ColumnTypeName(ColumnType type);

struct Column {
  std::string id;
  ColumnType type;
};

using Cell = std::variant<std::nullptr_t, std::string, std::int64_t>;

struct Table {
  std::string id;
  std::vector<Column> columns;
  std::vector<std::string> chart_label;   // the columns that name a bar
  std::vector<std::string> chart_series;  // the columns drawn as bars
  std::vector<std::vector<Cell>> rows;
};

struct DashboardQuery {
  Date from, to;                     // days on each office's clock, both included
  std::vector<std::string> offices;  // the offices reported on, already within the caller's scope
  std::string process;               // narrows `programmes` and `sla`; "" every process
  bool with_sla = true;              // the open data leaves the SLA table out
};

// The offices a caller reports on: `office` (one of `visible`), or those of the oblast whose
// KATO is `oblast`, or every visible office. 404 for an office out of scope; 422 for an oblast
// with none of the visible offices.
Expected<std::vector<std::string>> ReportedOffices(const OfficeDirectory& directory,
                                                   const std::vector<std::string>& visible,
                                                   const std::string& office,
                                                   const std::string& oblast);

class Dashboards {
 public:
  static constexpr int kMaxDays = 366;

  Dashboards(storage::Database& db, const OfficeDirectory& offices, const SlaReports& sla);

  // The tables in their fixed order: registrations, referrals, placements, vacancies, permits,
  // programmes, payments, relocation, sla. 422 for a period backwards or too long.
  Expected<std::vector<Table>> Build(const DashboardQuery& q) const;

 private:
  storage::Database& db_;
  const OfficeDirectory& offices_;
  const SlaReports& sla_;
};

// Open data: each count from 1 to min_count - 1 becomes null, and so do the money cells of its
// row (an amount over fewer people than that could name them).
void SuppressSmallCells(std::vector<Table>& tables, std::int64_t min_count);

// Lines above a table in an export: what was asked and when it was read.
using Preamble = std::vector<std::pair<std::string, std::string>>;

// The preamble rows, a blank row, the header and the rows.
std::string TableCsv(const Table& table, const Preamble& preamble);
// A sheet per table, the preamble above each header.
Expected<std::string> TablesXlsx(const std::vector<Table>& tables, const Preamble& preamble);

}  // namespace jumys::analytics
