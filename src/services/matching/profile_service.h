#pragma once
// The job seeker's profile (docs/MATCHING.md, migration 20): one per person, a validated
// document of what they look for and what they bring, kept by staff of the person's office or
// by the person in the cabinet; every change on the audit chain, every read in the read log.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"
#include "domain/vacancy_matching.h"
#include "engine/case_service.h"
#include "security/accounts.h"
#include "storage/audit_log.h"
#include "storage/database.h"

namespace jumys::matching {

struct StoredProfile {
  std::string iin;
  SeekerProfile profile;
  std::string created_by, updated_by, created_at, updated_at;
  std::int64_t row_version = 0;
};

// The document as the API reads it: 422 data.invalid with one detail per bad field.
Expected<SeekerProfile> ParseProfileDocument(const nlohmann::json& body);
// The document as the API writes it (and the store keeps it).
nlohmann::json ProfileDocument(const SeekerProfile& profile);

class ProfileService {
 public:
  ProfileService(storage::Database& db, const OfficeDirectory& offices,
                 storage::AuditReadLog* read_log, Clock clock = SystemNow);

  // 404 person.not_found outside the caller's scope; 404 profile.not_found when none yet.
  Expected<StoredProfile> Get(const Actor& actor, const std::string& iin,
                              const std::string& request_id = "") const;
  // Creates (row_version absent) or replaces (row_version the one read: 409 profile.changed
  // otherwise, and 409 profile.exists when creating over one). `created` tells which. Its NKZ
  // and KATO codes must be loaded codes (422 data.invalid: field.unknown_code,
  // field.classifier_empty), checked as a field of kind classifier checks them.
  struct Saved {
    StoredProfile stored;
    bool created = false;
  };
  Expected<Saved> Put(const Actor& actor, const std::string& iin,
                      std::optional<std::int64_t> row_version, SeekerProfile profile);

 private:
  storage::Database& db_;
  const OfficeDirectory& offices_;
  storage::AuditReadLog* read_log_;
  Clock clock_;
};

// Reads a stored profile row's document (for matching).
Expected<SeekerProfile> StoredDocument(const std::string& json_text);

}  // namespace jumys::matching
