#pragma once
// Programme activities (docs/ACTIVITIES.md): outreach among employers, consultations and
// vacancy fairs an office holds for a programme, outside any one person's case (P1's seed items
// 1.1, 1.2, 4.1, 4.2, 12.1). An office's staff record them; the office's staff (every office
// of the oblast for oblast-level staff) read them. Each record is on the audit chain.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "security/accounts.h"
#include "services/activities/activity_catalogue.h"
#include "storage/database.h"

namespace jumys::activities {

inline constexpr std::size_t kMaxNotesChars = 2000;
inline constexpr std::size_t kMaxPlaceChars = 300;
inline constexpr std::int64_t kMaxParticipants = 100000;
inline constexpr std::size_t kMaxEmployers = 200;
inline constexpr std::size_t kMaxPersons = 500;

struct Activity {
  std::int64_t id = 0;
  std::string office_id, programme, kind, ref, audience;
  std::string held_on;  // YYYY-MM-DD, the office's calendar day
  std::string place;
  std::int64_t participants = 0;
  std::vector<std::string> employers;  // BINs
  std::vector<std::string> persons;    // IINs
  std::string notes;
  std::string recorded_by, recorded_at;
};

// What staff enter; absent fields are empty (participants: nullopt), so that one answer lists
// every problem.
struct NewActivity {
  std::string programme, kind, ref, audience, held_on, place, notes;
  std::optional<std::int64_t> participants;
  std::vector<std::string> employers, persons;
};

struct ActivityQuery {
  std::optional<std::string> programme, kind, office;
  std::optional<Date> from, to;  // held_on, inclusive
  std::int64_t limit = 100;
  std::optional<std::string> cursor;  // the next_cursor of the page before
};

struct ActivityPage {
  std::vector<Activity> items;
  std::optional<std::string> next_cursor;
};

class ActivityService {
 public:
  ActivityService(storage::Database& db, const OfficeDirectory& offices,
                  const ActivityCatalogue& catalogue, Clock clock = SystemNow);

  // Recorded at the actor's office. 422 data.invalid with one detail per bad field.
  Expected<Activity> Record(const Actor& actor, NewActivity input);
  // Newest held first, of the offices the actor sees; 400 field.bad_cursor for a cursor not
  // given by a page.
  Expected<ActivityPage> List(const Actor& actor, const ActivityQuery& query) const;
  // 404 activity.not_found when missing or not the actor's to see.
  Expected<Activity> Get(const Actor& actor, std::int64_t id) const;
  // Who the activity belongs to (its office), for the router's scope check.
  Expected<std::optional<RecordOwner>> Owner(std::int64_t id) const;

  const ActivityCatalogue& catalogue() const { return catalogue_; }

 private:
  storage::Database& db_;
  const OfficeDirectory& offices_;
  const ActivityCatalogue& catalogue_;
  Clock clock_;
};

}  // namespace jumys::activities
