#include "services/demo/demo_payments.h"

#include <algorithm>

#include "engine/case_model.h"

namespace jumys::demo {

namespace {
constexpr const char* kProgramme = "special-workplaces";
constexpr const char* kOffice = "kzo-city";
}  // namespace

Status SetDemoBudgets(payments::PaymentService& payments, int from_year, int to_year) {
  Actor system;
  system.login = kSystemActor;
  for (int year = from_year; year <= to_year; ++year) {
    JUMYS_TRY(payments.SetBudget(system, kProgramme, year, kOffice, kDemoBudgetTiyn));
    for (const char* office : {"kzo-city", "kzo-aral", "nko-petropavl"}) {
      JUMYS_TRY(payments.SetBudget(system, "voluntary-relocation", year, office,
                                   kDemoRelocationBudgetTiyn));
    }
  }
  return {};
}

Expected<payments::Batch> ApproveAndExport(payments::PaymentService& payments,
                                           const documents::DocumentService& documents,
                                           const Actor& head, const Signer& sign, Instant now) {
  payments::OrderFilter drafts;
  drafts.offices = {kOffice};
  drafts.programme = kProgramme;
  drafts.status = "draft";
  JUMYS_ASSIGN_OR_RETURN(auto orders, payments.List(drafts));
  std::sort(orders.begin(), orders.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  if (!orders.empty()) orders.pop_back();  // the newest waits for the head
  for (const auto& order : orders) {
    JUMYS_ASSIGN_OR_RETURN(auto signature, sign(payments::ApprovalText(order)));
    JUMYS_ASSIGN_OR_RETURN(auto signer, documents.CheckSignature(payments::ApprovalText(order),
                                                                 signature, head.iin, "", now));
    JUMYS_TRY(payments.Approve(head, order.id, payments::ApprovalSignature{signature, signer.iin}));
  }
  return payments.Export(head);
}

Expected<payments::StatementResult> SettleBatch(payments::PaymentService& payments,
                                                const Actor& head, const payments::Batch& batch,
                                                const std::string& date) {
  JUMYS_ASSIGN_OR_RETURN(auto orders, payments.BatchOrders(batch.id));
  std::sort(orders.begin(), orders.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::string statement = "reference,status,amount,date,reason\n";
  for (std::size_t i = 0; i < orders.size(); ++i) {
    const bool returned = i + 1 == orders.size();
    statement += orders[i].number + (returned ? ",returned," : ",paid,") +
                 payments::Decimal(orders[i].request.amount) + "," + date +
                 (returned ? ",AC04 account closed\n" : ",\n");
  }
  return payments.ImportStatement(head, statement);
}

}  // namespace jumys::demo
