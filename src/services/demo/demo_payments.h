#pragma once
// The demo's payments registry (`serve --demo`): the city centre's budget for special
// workplaces, and the head's work on the orders the demo's P3 case earned
// (demo_special_workplaces.h): every draft but the newest approved with EDS and exported in a
// batch, then the bank's statement marking them paid but one, returned for a closed account.
// Made through the payments service itself, as its users would.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "services/documents/document_service.h"
#include "services/payments/payment_service.h"

namespace jumys::demo {

// What the city centre may pay under special workplaces in a year: 50 million tenge, DEMO VALUE.
inline constexpr std::int64_t kDemoBudgetTiyn = 5'000'000'000;
// What each centre of departure (kzo-city, kzo-aral) and of arrival (nko-petropavl) may pay
// under voluntary relocation (P1) in a year: 50 million tenge, DEMO VALUE.
inline constexpr std::int64_t kDemoRelocationBudgetTiyn = 5'000'000'000;

// The demo budgets for each year from `from_year` to `to_year`, set as the administrator would.
Status SetDemoBudgets(payments::PaymentService& payments, int from_year, int to_year);

// The head approves every draft of the city centre but the newest, each with an EDS signature
// over its approval text (`sign`: base64 DER, checked as the approval route checks it), and
// exports them in a new batch.
using Signer = std::function<Expected<std::string>(std::string_view content)>;
Expected<payments::Batch> ApproveAndExport(payments::PaymentService& payments,
                                           const documents::DocumentService& documents,
                                           const Actor& head, const Signer& sign, Instant now);

// The bank's statement of `batch`, dated `date` (YYYY-MM-DD): every order paid but the newest,
// returned "AC04 account closed".
Expected<payments::StatementResult> SettleBatch(payments::PaymentService& payments,
                                                const Actor& head, const payments::Batch& batch,
                                                const std::string& date);

}  // namespace jumys::demo
