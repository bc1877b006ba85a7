#include "services/audit/audit_service.h"

namespace jumys::audit {

AuditService::AuditService(storage::Database& db, storage::AuditReadLog& read_log)
    : db_(db), read_log_(read_log) {}

Expected<storage::AuditVerification> AuditService::Verify() {
  JUMYS_TRY(read_log_.Flush());
  return storage::VerifyAudit(db_);
}

}  // namespace jumys::audit
