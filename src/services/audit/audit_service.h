#pragma once
// The audit trail as the API offers it: verification of the hash chain, read events included.
#include "core/error.h"
#include "storage/audit_log.h"
#include "storage/database.h"

namespace jumys::audit {

class AuditService {
 public:
  AuditService(storage::Database& db, storage::AuditReadLog& read_log);

  // Appends the queued read events first, so the answer covers every request made so far.
  Expected<storage::AuditVerification> Verify();

 private:
  storage::Database& db_;
  storage::AuditReadLog& read_log_;
};

}  // namespace jumys::audit
