#pragma once
// Referral to a vacancy and placement (docs/PLACEMENTS.md). An S3 referral to employment that
// names a vacancy (`vacancy_id`, field kind `vacancy`) records a placement; the employer answers
// it once — hired on a date, or not hired and why — in the cabinet, or an employer-interaction
// specialist of the office records the answer on the employer's word, and corrects a wrong
// one. A hire goes on the person's employment card and fills a workplace of the vacancy; the
// last free workplace filled closes it. Every change is on the audit chain.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "engine/case_hooks.h"
#include "engine/case_service.h"
#include "security/accounts.h"
#include "storage/database.h"
#include "storage/repositories/placement_repository.h"

namespace jumys::documents {
class DocumentService;
}

namespace jumys::placements {

// Why a referred person was not hired (the employer's answer), plus free text.
inline constexpr const char* kNotHiredReasons[] = {"did_not_come", "not_qualified",
                                                   "person_declined", "position_filled", "other"};

struct Placement {
  storage::PlacementRow row;
  std::string case_number;
  std::string vacancy_title, vacancy_kato, employer_name;
  std::string vacancy_status;
};

struct PlacementAnswer {
  bool hired = false;
  std::string hired_on;     // YYYY-MM-DD, hired only
  std::string reason;       // kNotHiredReasons, not hired only
  std::string reason_text;  // free text (required for "other")
  // Staff only: replaces an answer already given; `note` says why (the audit trail keeps both).
  bool correction = false;
  std::string note;
};

struct PlacementQuery {
  std::optional<std::int64_t> vacancy_id, case_id;
  std::optional<std::string> status, person_iin;
  std::int64_t limit = 100;
};

// Placements by office over a period: referrals made, answered hired (by the hire date) and
// not hired.
struct OfficePlacementCount {
  std::string office_id;
  std::int64_t referred = 0, hired = 0, not_hired = 0;
};

class PlacementService {
 public:
  PlacementService(storage::Database& db, const OfficeDirectory& offices, Clock clock = SystemNow);

  // An employer sees the placements to its vacancies; staff those of the offices they see.
  Expected<std::vector<Placement>> List(const Actor& actor, const PlacementQuery& query) const;
  // Who the placement belongs to, for the router's scope check (http/record_scope.h).
  Expected<std::optional<RecordOwner>> Owner(std::int64_t id) const;
  // 404 placement.not_found when missing or not the caller's to see.
  Expected<Placement> Get(const Actor& actor, std::int64_t id) const;
  // The employer's answer. 403 placement.not_yours for staff who only see it; 409
  // placement.answered for a second answer (unless a staff correction); 409
  // placement.no_free_workplace when a hire finds the vacancy full; 422 with details for a bad
  // answer.
  Expected<Placement> Answer(const Actor& actor, std::int64_t id, PlacementAnswer answer);
  // Counts by office (those the caller sees) for dates from..to inclusive.
  Expected<std::vector<OfficePlacementCount>> CountByOffice(const Actor& actor, Date from,
                                                            Date to) const;

 private:
  storage::Database& db_;
  const OfficeDirectory& offices_;
  Clock clock_;
};

// The effect `record_vacancy_referral` (S3 6.4 / 9.4): the vacancy the referral names becomes
// the case's placement, awaiting the employer's answer.
void AddPlacementHooks(CaseHooks& hooks);
// The referral document prints the vacancy (title, employer, place).
void Install(documents::DocumentService& documents);

}  // namespace jumys::placements
