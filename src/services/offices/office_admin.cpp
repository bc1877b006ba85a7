#include "services/offices/office_admin.h"

#include <nlohmann/json.hpp>

#include "core/time_zone.h"
#include "storage/audit_log.h"
#include "storage/office_loader.h"
#include "storage/repositories/repositories.h"

namespace jumys::offices {

namespace {

bool IsKato(const std::string& s) {
  return s.size() == 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

bool IsOfficeId(const std::string& s) {
  return !s.empty() && s.size() <= 40 &&
         s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
}

}  // namespace

OfficeAdministration::OfficeAdministration(storage::Database& db, OfficeDirectory& offices,
                                           Clock clock)
    : db_(db), offices_(offices), clock_(std::move(clock)) {}

Expected<std::shared_ptr<const Office>> OfficeAdministration::PutOffice(const Actor& actor,
                                                                        const OfficeEdit& edit) {
  if (!IsOfficeId(edit.id)) {
    return Error::Unprocessable("office id must be lower-case letters, digits and '-'");
  }
  if (!IsKato(edit.kato) || !IsKato(edit.oblast_kato)) {
    return Error::Unprocessable("kato and oblast_kato must be 9-digit KATO codes");
  }
  if (edit.oblast_kato != actor.oblast_kato) {
    return Error::Forbidden("an administrator may edit offices of their own oblast only");
  }
  if (edit.level != "centre" && edit.level != "oblast") {
    return Error::Unprocessable("level must be 'centre' or 'oblast'");
  }
  if (auto zone = TimeZone::Load(edit.time_zone); !zone) {
    return Error::Unprocessable("unknown time zone '" + edit.time_zone + "'");
  }
  JUMYS_TRY(edit.hours.Validate());  // deadlines are computed in these hours
  // Another oblast's office answers like an unknown one.
  if (auto existing = offices_.Find(edit.id);
      existing && existing->oblast_kato != actor.oblast_kato) {
    return Error::NotFound("no such office");
  }
  const nlohmann::json hours = OfficeHoursToJson(edit.hours);
  const storage::OfficeRecord rec{edit.id,      edit.name_kk,   edit.name_ru,
                                  edit.name_en, edit.kato,      edit.oblast_kato,
                                  edit.level,   edit.time_zone, hours.dump()};
  const nlohmann::json audited = {
      {"name", {{"kk", edit.name_kk}, {"ru", edit.name_ru}, {"en", edit.name_en}}},
      {"kato", edit.kato},
      {"oblast_kato", edit.oblast_kato},
      {"level", edit.level},
      {"time_zone", edit.time_zone},
      {"hours", hours}};
  const std::string now = FormatRfc3339(clock_());
  JUMYS_TRY(db_.Write([&](storage::Tx& tx) -> Status {
    JUMYS_TRY(storage::UpsertOffice(tx, rec, now));
    return storage::AppendAudit(
        tx, {now, actor.login, "office.upsert", "office", rec.id, rec.id, audited});
  }));
  JUMYS_TRY(storage::LoadOffices(db_, offices_));
  auto office = offices_.Find(rec.id);
  if (!office) return Error::Internal("office vanished after write");
  return office;
}

}  // namespace jumys::offices
