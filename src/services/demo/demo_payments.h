#pragma once
// The demo's payments registry (`serve --demo`): a budget of the city centre for special
// workplaces and its orders in every state — a draft waiting for the head, an approved one, a
// batch exported and settled by a statement (one paid, one returned for a closed account) — so
// the registry, the head's approval and the employer's "payments received" have something to
// show. Made through the payments service itself, as its users would.
#include "core/error.h"
#include "core/time.h"
#include "services/payments/payment_service.h"

namespace jumys::demo {

// Seeds when the registry is empty (returns how many orders it made; 0 otherwise).
Expected<int> SeedDemoPayments(payments::PaymentService& payments, Instant now);

}  // namespace jumys::demo
