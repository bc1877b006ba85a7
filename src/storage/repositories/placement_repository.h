#pragma once
// Placements (docs/PLACEMENTS.md, migration 21): an S3 referral that names a vacancy and the
// employer's answer to it, and what a referral needs to know of the vacancy it names.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace jumys::storage {

// What a referral reads of a vacancy: whether it is offered and what the document prints.
struct VacancyOffer {
  std::int64_t id = 0;
  std::string status;  // vacancy_lifecycle's status name
  std::int64_t workplaces = 0, workplaces_filled = 0;
  std::string title, nkz, kato, office_id;
  std::string employer_bin, employer_name;
  std::optional<std::string> next_change_at;  // RFC 3339; a published one goes stale then

  std::int64_t Free() const { return workplaces - workplaces_filled; }
};

Expected<std::optional<VacancyOffer>> FindVacancyOffer(Tx& tx, std::int64_t id);

struct PlacementRow {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::int64_t vacancy_id = 0;
  std::string person_iin, employer_bin, office_id;
  std::string vacancy_office_id;
  std::string status;                      // referred | hired | not_hired
  std::optional<std::string> hired_on;     // YYYY-MM-DD
  std::optional<std::string> reason;       // not hired: a code of the reason list
  std::optional<std::string> reason_text;  // free text
  std::optional<std::string> answered_by, answered_at;
  std::int64_t corrections = 0;
  std::string created_by, created_at, updated_at;
};

struct PlacementFilter {
  std::optional<std::int64_t> vacancy_id, case_id;
  std::optional<std::string> status, employer_bin, person_iin;
  std::vector<std::string> offices;  // empty: any; else the case's or the vacancy's office
  std::int64_t limit = 100;
};

Expected<std::int64_t> InsertPlacement(Tx& tx, const PlacementRow& row);
Expected<std::optional<PlacementRow>> FindPlacement(Tx& tx, std::int64_t id);
Expected<std::optional<PlacementRow>> FindPlacementOfCase(Tx& tx, std::int64_t case_id);
// Newest first.
Expected<std::vector<PlacementRow>> ListPlacements(Tx& tx, const PlacementFilter& filter);
// Writes the answer fields, the vacancy and the counter of `row` (by id).
Status UpdatePlacement(Tx& tx, const PlacementRow& row);
// Adds `delta` to the vacancy's filled workplaces; false when that would leave the range
// 0..workplaces (nothing written).
Expected<bool> AddFilledWorkplaces(Tx& tx, std::int64_t vacancy_id, std::int64_t delta,
                                   const std::string& now);

}  // namespace jumys::storage
