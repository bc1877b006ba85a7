#pragma once
// Guards and effects of the foreign-labour permit flows S4a-S4e (seed 004, docs/PROCESSES.md):
//   quota_available          guard   the oblast's quota for the year and category admits it
//   permit_valid             guard   the permit referred to is the applicant's, of the right
//                                    kind, and not reissued or extended since
//   permit_not_expired       guard   ... and its validity has not run out
//   ict_extension_allowed    guard   an ICT permit to extend has not been extended before
//   issue_coupon_and_receipt effect  6.2: checks the content, records and prints the coupon
//                                    (registration date, the case's result_due_on from the
//                                    service term, clerk's full name) and receipt, and the
//                                    employer's consent
//   issue_receipt            effect  6.2 of S4b-S4e: the same without the consent
//   issue_decision_notice    effect  numbers the notification of the decision
//   record_fee_payment       effect  the permit fee payment documents (data.payment)
//   register_permit          effect  a new permit in the registry (standard ones take quota)
//   reissue_permit           effect  reissue a valid permit, keeping the chain
//   extend_permit            effect  extend a valid permit, keeping the chain
//   renew_ict_permit         effect  reissue or extend (once) an intra-corporate permit
//   record_dispatch          effect  postal dispatch with its tracking number
//   (data.tracking_number)
#include <map>
#include <string>

#include "core/time.h"
#include "engine/case_hooks.h"

namespace jumys::permits {

// The fields of the permit document (reference/documents/permit.yaml) of the case in ctx: the
// number and term are reserved with the head's draft and kept when the permit is registered.
// The values of the decision notice (S4a 6.6-6.8, S4c 6.4-6.6): the decision, the fee for a grant.
Expected<std::map<std::string, std::string>> DecisionNoticeFields(HookContext& ctx);
Expected<std::map<std::string, std::string>> PermitDocumentFields(HookContext& ctx);

// How the permit a case issued stands today, for /verify: valid, expired, or superseded by a
// reissue or extension.
struct PermitValidity {
  std::string status;
  std::string valid_until;
};
Expected<PermitValidity> PermitDocumentValidity(storage::Tx& tx, std::int64_t case_id, Date today);

void AddPermitHooks(CaseHooks& hooks);

}  // namespace jumys::permits
