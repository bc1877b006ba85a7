#pragma once
// A payment order a programme's effect makes in its case's transaction (P1, P3): paid by the
// case's office under the programme's budget code, ordered by whoever completes the step.
#include <string>
#include <utility>

#include "domain/actor.h"
#include "engine/case_hooks.h"
#include "services/payments/payment_service.h"
#include "services/programmes/programme_parameters.h"

namespace jumys::programmes {

// The order's case, office, programme and budget code; the caller adds payee, amount, period
// and basis.
inline payments::OrderRequest CaseOrder(const HookContext& ctx,
                                        const ProgrammeParameters& parameters, std::string kind) {
  payments::OrderRequest q;
  q.kind = std::move(kind);
  q.programme = ctx.def.code;
  q.office_id = ctx.kase.office_id;
  q.case_id = ctx.kase.id;
  for (const auto& p : parameters.programmes()) {
    if (p.code == ctx.def.code) q.budget_code = p.budget_code;
  }
  return q;
}

inline Expected<payments::Order> PlaceCaseOrder(HookContext& ctx,
                                                payments::PaymentService& payments,
                                                const payments::OrderRequest& q) {
  Actor actor;
  actor.login = ctx.actor;
  actor.office_id = ctx.kase.office_id;
  return payments.CreateIn(ctx.tx, actor, q);
}

}  // namespace jumys::programmes
