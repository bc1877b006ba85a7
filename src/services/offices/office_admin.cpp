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
    return Error::Unprocessable("office.id_format"_msg,
                                "office id must be lower-case letters, digits and '-'");
  }
  for (const auto& [field, kato] :
       {std::pair{"kato", &edit.kato}, {"oblast_kato", &edit.oblast_kato}}) {
    if (!IsKato(*kato)) {
      return FieldError(ErrorCode::kUnprocessable, field, "field.kato"_msg,
                        "must be a 9-digit KATO code");
    }
  }
  if (edit.oblast_kato != actor.oblast_kato) {
    return Error::Forbidden("office.own_oblast_only"_msg,
                            "an administrator may edit offices of their own oblast only");
  }
  if (edit.level != "centre" && edit.level != "oblast") {
    return FieldError(ErrorCode::kUnprocessable, "level", "field.not_one_of"_msg,
                      "must be one of: {allowed}", {{"allowed", "centre, oblast"}});
  }
  if (auto zone = TimeZone::Load(edit.time_zone); !zone) {
    return FieldError(ErrorCode::kUnprocessable, "time_zone", "timezone.unknown"_msg,
                      "unknown time zone: {zone}", {{"zone", edit.time_zone.substr(0, 64)}});
  }
  // Deadlines are computed in these hours.
  if (auto valid = edit.hours.Validate(); !valid) return AtField("hours", valid.error());
  // Another oblast's office answers like an unknown one.
  if (auto existing = offices_.Find(edit.id);
      existing && existing->oblast_kato != actor.oblast_kato) {
    return Error::NotFound("office.not_found"_msg, "no such office");
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
