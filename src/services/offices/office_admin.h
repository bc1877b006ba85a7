#pragma once
// Office administration: an administrator creates or edits the offices of their oblast (KATO
// code, zone, hours: what scope checks and deadlines read); the in-memory directory is
// reloaded from the store after each write.
#include <memory>
#include <string>

#include "core/error.h"
#include "core/office_hours.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "security/accounts.h"
#include "storage/database.h"

namespace jumys::offices {

struct OfficeEdit {
  std::string id;
  std::string name_kk, name_ru, name_en;
  std::string kato;
  std::string oblast_kato;
  std::string level;      // "centre" | "oblast"
  std::string time_zone;  // IANA
  OfficeHours hours;
};

class OfficeAdministration {
 public:
  OfficeAdministration(storage::Database& db, OfficeDirectory& offices, Clock clock = SystemNow);

  // Creates or replaces the office; returns it as now loaded. 422 for a malformed id, KATO
  // code, level, invalid hours or an unknown time zone; 403 for an office placed in another oblast;
  // 404 for an existing office of another oblast. Audited as office.upsert.
  Expected<std::shared_ptr<const Office>> PutOffice(const Actor& actor, const OfficeEdit& edit);

 private:
  storage::Database& db_;
  OfficeDirectory& offices_;
  Clock clock_;
};

}  // namespace jumys::offices
