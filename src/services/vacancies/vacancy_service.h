#pragma once
// The vacancy bank's records (docs/VACANCIES.md): an employer's vacancy, entered by the
// employer in the cabinet or by an employer-interaction specialist of the employer's office,
// moved through its life by domain/vacancy_lifecycle.h, every change on the audit chain.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "domain/vacancy_lifecycle.h"
#include "engine/calendar_service.h"
#include "engine/case_service.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::vacancies {

// What the owner enters. Money is integer tiyn.
struct VacancyDraft {
  std::string employer_bin;  // staff name the employer; an employer's own is taken from them
  std::string title, description;
  std::string nkz;   // occupation code (НК РК 01-2017)
  std::string kato;  // place of work, 9 digits
  std::int64_t wage_tiyn = 0;
  std::string working_time;  // full_time | part_time | shift | rotation | remote
  std::int64_t workplaces = 1;
  // {"must": [{"kind", "value"}...], "nice": [...]}; kind: skill | education | experience |
  // language | driving_licence.
  nlohmann::json requirements = nlohmann::json::object();
  bool disability_suitable = false;
  std::string programme;  // "" or the programme it serves (P1, P2, P3)
  std::optional<std::int64_t> case_id;
  // The programme contract it is published under (P2's subsidised vacancy): an opaque link, the
  // contract service checks it is in force.
  std::optional<std::int64_t> contract_id;
};

struct Vacancy {
  std::int64_t id = 0;
  VacancyDraft draft;
  std::string office_id;
  std::int64_t workplaces_filled = 0;
  VacancyState state;
  std::optional<Instant> next_change_at;
  std::string created_by, created_at, updated_at;
  std::int64_t row_version = 0;
  std::string employer_name;  // from the employers register, for display
};

// The managed list: the vacancies the caller sees (an employer its own, staff their offices'),
// optionally of one status and one employer, newest first.
struct VacancyListQuery {
  std::optional<VacancyStatus> status;
  std::string employer_bin;  // "" for every employer
  int limit = 100;
};

struct VacancyList {
  std::vector<Vacancy> items;
  // How many of the caller's vacancies are in each status (by status name), whatever the
  // status filter: what the page's tabs and the specialist's "to confirm" count show.
  std::map<std::string, std::int64_t> counts;
};

inline constexpr int kMaxPublishDelayWorkingDays = 30;

class VacancyService {
 public:
  // `calendar` (the one in force, with its overrides) is needed only to publish after a number
  // of working days.
  VacancyService(storage::Database& db, const OfficeDirectory& offices, RelevancePolicy policy,
                 Clock clock = SystemNow, const CalendarService* calendar = nullptr);

  // A new draft. 422 with one detail per bad field; 404 employer.not_found for an unknown BIN;
  // 403 for a caller who may not enter the employer's vacancies.
  Expected<Vacancy> Create(const Actor& actor, VacancyDraft draft);
  // Replaces a draft's entries (only a draft, or a scheduled one taken back first): 409
  // vacancy.not_draft otherwise, 409 vacancy.changed when `row_version` is not the stored one.
  Expected<Vacancy> Update(const Actor& actor, std::int64_t id, std::int64_t row_version,
                           VacancyDraft draft);
  // publish (optionally at `publish_at`), confirm, close, unpublish.
  Expected<Vacancy> Act(const Actor& actor, std::int64_t id, VacancyAction action,
                        std::optional<Instant> publish_at = {});
  // Publishes a draft at the office's opening on the working day on which a limit of
  // `working_days` wd started now falls (GET /api/v1/calendar/deadline?limit=<n>wd: the day
  // after the request is day 1, holidays and transferred days respected): scheduled until then.
  // 422 vacancy.publish_delay_range outside 1..kMaxPublishDelayWorkingDays; else as Act.
  Expected<Vacancy> PublishAfterWorkingDays(const Actor& actor, std::int64_t id, int working_days);
  // The instant such a publication requested at `from` in the office goes public.
  Expected<Instant> PublicationMorning(const std::string& office_id, Instant from,
                                       int working_days) const;
  // A programme step's vacancy (P2 6.1), inside the case's transaction: stored for the draft's
  // employer and scheduled as PublishAfterWorkingDays would, or published at once for 0
  // working days (P1 3.3). The step's role decided who may.
  Expected<std::int64_t> ScheduleForCase(storage::Tx& tx, const std::string& login,
                                         VacancyDraft draft, Instant now, int working_days) const;
  // 404 vacancy.not_found when missing or not the caller's to see.
  Expected<Vacancy> Get(const Actor& actor, std::int64_t id) const;
  // The vacancy as the public sees it: 404 vacancy.not_found unless published now (a vacancy
  // whose relevance ran out unswept is not shown).
  Expected<Vacancy> GetPublished(std::int64_t id) const;
  Expected<VacancyList> List(const Actor& actor, const VacancyListQuery& query) const;
  // The office and employer a vacancy belongs to, for the router's record scope; nullopt when
  // there is no such vacancy.
  Expected<std::optional<RecordOwner>> Owner(std::int64_t id) const;
  const RelevancePolicy& policy() const { return policy_; }
  // Applies every change time has made by now (publication, staleness, expiry), each recorded
  // on the audit chain with the moment it fell due. Returns how many vacancies changed.
  Expected<std::int64_t> Sweep();
  // At start: sets next_change_at anew, from the current policy, on every scheduled, published
  // or stale vacancy whose stored moment is not what the policy gives (published while the
  // periods were unset, or under other periods), `batch` vacancies a transaction. Only the
  // sweep's index moves: no status, no row_version, nothing on the audit chain (the sweep
  // records each change when it falls due). Returns how many vacancies it set; a second run
  // sets none.
  Expected<std::int64_t> RecomputeNextChanges(int batch = 500);

 private:
  storage::Database& db_;
  Expected<std::int64_t> Insert(storage::Tx& tx, const std::string& login,
                                const VacancyDraft& draft, const std::string& now) const;
  Status ActIn(storage::Tx& tx, const std::string& login, const Vacancy& v, VacancyAction action,
               Instant at, std::optional<Instant> publish_at) const;

  const OfficeDirectory& offices_;
  RelevancePolicy policy_;
  Clock clock_;
  const CalendarService* calendar_;
};

}  // namespace jumys::vacancies
