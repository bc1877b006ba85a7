// Employers' state-revenue data (tax and social arrears): the CSV import, all rows or none,
// and reading an employer's last imported figures.
#include <charconv>

#include "core/csv.h"
#include "core/identifiers.h"
#include "core/sha256.h"
#include "services/registry/registry_service.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/repositories/repositories.h"

namespace jumys::registry {

namespace {

Expected<std::int64_t> ParseTiyn(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
    return Error::Unprocessable("csv.not_tiyn"_msg,
                                "'{value}' is not a non-negative amount in tiyn",
                                {{"value", text.substr(0, 32)}});
  }
  return value;
}

// Every row checked before anything is written; problems are collected (the first 50) so one
// answer names them all.
Expected<std::vector<Revenue>> ParseRevenueCsv(std::string_view text, const std::string& now,
                                               const std::string& by) {
  CsvReader reader(text);
  JUMYS_TRY(reader.ExpectHeader(kRevenueCsvHeader));
  std::vector<Revenue> records;
  std::vector<ErrorDetail> problems;
  while (auto row = reader.Next()) {
    auto problem = [&](const Error& what) {
      if (problems.size() < 50) problems.push_back(CsvLineProblem(row->line, what));
    };
    const auto& cells = row->cells;
    if (cells.size() != kRevenueCsvHeader.size()) {
      problem(Error::Unprocessable("csv.field_count"_msg,
                                   "expected {expected} fields, found {found}",
                                   {{"expected", std::to_string(kRevenueCsvHeader.size())},
                                    {"found", std::to_string(cells.size())}}));
      continue;
    }
    auto bin = Bin::Parse(cells[0]);
    auto as_of = ParseDate(cells[1]);
    auto tax = ParseTiyn(cells[2]);
    auto social = ParseTiyn(cells[3]);
    if (!bin) problem(bin.error());
    if (!as_of) problem(as_of.error());
    if (!tax) problem(tax.error());
    if (!social) problem(social.error());
    if (bin && as_of && tax && social) {
      records.push_back({bin->str(), cells[1], *tax, *social, now, by});
    }
    if (records.size() > kMaxRevenueRows) {
      return Error::Unprocessable("csv.too_many_rows"_msg, "at most {max} rows per file",
                                  {{"max", std::to_string(kMaxRevenueRows)}});
    }
  }
  if (!problems.empty()) {
    return Error::Unprocessable("csv.invalid_rows"_msg, "the file has invalid rows", {},
                                std::move(problems));
  }
  return records;
}

}  // namespace

Expected<Revenue> RegistryService::ReadRevenue(const Actor& actor, std::string_view bin) {
  JUMYS_ASSIGN_OR_RETURN(auto employer, ReadEmployer(actor, bin));
  std::optional<Revenue> record;
  JUMYS_TRY(db_.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(record, storage::FindRevenue(tx, employer.bin));
    return {};
  }));
  if (!record) {
    return Error::NotFound("revenue.not_found"_msg, "no state-revenue data for this employer");
  }
  return std::move(*record);
}

Expected<std::size_t> RegistryService::ImportRevenue(const Actor& actor, std::string_view csv) {
  const std::string now = FormatRfc3339(clock_());
  JUMYS_ASSIGN_OR_RETURN(auto records, ParseRevenueCsv(csv, now, actor.login));
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    for (const auto& r : records) JUMYS_TRY(storage::UpsertRevenue(tx, r));
    return storage::AppendAudit(tx, {now,
                                     actor.login,
                                     "revenue.import",
                                     "revenue_data",
                                     now,
                                     actor.office_id,
                                     {{"rows", records.size()}, {"sha256", Sha256Hex(csv)}}});
  }));
  return records.size();
}

}  // namespace jumys::registry
