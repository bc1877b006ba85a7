#include "http/record_scope.h"

#include "engine/decision_lists.h"
#include "http/query_params.h"
#include "security/access.h"
#include "security/account_admin.h"
#include "services/activities/activity_service.h"
#include "services/commission/commission_service.h"
#include "services/contracts/contract_service.h"
#include "services/delegations/delegation_service.h"
#include "services/employers/employer_users.h"
#include "services/notifications/notification_service.h"
#include "services/payments/payment_service.h"
#include "services/permits/permit_service.h"
#include "services/placements/placement_service.h"
#include "services/registry/registry_service.h"
#include "services/vacancies/vacancy_service.h"

namespace jumys::http {

namespace {

using Owner = Expected<std::optional<RecordOwner>>;

Owner FindOwner(ApiContext& ctx, Record kind, const HttpRequest& request,
                const std::string& param) {
  const std::string& value = request.path_params.at(param);
  switch (kind) {
    case Record::kNone:
      return std::optional<RecordOwner>{};
    case Record::kCase: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.cases.CaseOwner(id);
    }
    case Record::kTask: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.cases.TaskOwner(id);
    }
    case Record::kPerson:
      return ctx.registry->PersonOwner(value);
    case Record::kEmployer:
      return ctx.registry->EmployerOwner(value);
    case Record::kPermit:
      return ctx.permit_service->PermitOwner(value);
    case Record::kCommission: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.commissions->CommissionOwner(id);
    }
    case Record::kOffice: {
      if (!ctx.offices.Find(value)) return std::optional<RecordOwner>{};
      return std::optional<RecordOwner>{RecordOwner{{value}, "", "", "", {}, {}}};
    }
    case Record::kUser:
      return ctx.account_admin->UserOwner(value);
    case Record::kTransfer: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.registry->TransferOwner(id);
    }
    case Record::kDelegation: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.delegations->DelegationOwner(id);
    }
    case Record::kEmployerUser:
      return ctx.employer_users->UserOwner(value);
    case Record::kNotification: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.notifications->Owner(id);
    }
    case Record::kVacancy: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.vacancies->Owner(id);
    }
    case Record::kPlacement: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.placements->Owner(id);
    }
    case Record::kDecisionList: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.decision_lists->Owner(id);
    }
    case Record::kContract: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      JUMYS_ASSIGN_OR_RETURN(auto found, ctx.contracts->Find(id));
      if (!found) return std::optional<RecordOwner>{};
      return std::optional<RecordOwner>(
          RecordOwner{{found->office_id}, "", "", found->contractor_bin, {}, {}});
    }
    case Record::kPayment: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      JUMYS_ASSIGN_OR_RETURN(auto found, ctx.payments->Find(id));
      if (!found) return std::optional<RecordOwner>{};
      const auto& payee = found->request.payee;
      return std::optional<RecordOwner>(
          RecordOwner{{found->request.office_id}, "", payee.iin, payee.bin, {}, {}});
    }
    case Record::kPaymentBatch: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      JUMYS_ASSIGN_OR_RETURN(auto found, ctx.payments->FindBatch(id));
      if (!found) return std::optional<RecordOwner>{};
      return std::optional<RecordOwner>(RecordOwner{{found->office_id}, "", "", "", {}, {}});
    }
    case Record::kPaymentStatement: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      JUMYS_ASSIGN_OR_RETURN(auto office, ctx.payments->StatementOffice(id));
      if (!office) return std::optional<RecordOwner>{};
      return std::optional<RecordOwner>(RecordOwner{{*office}, "", "", "", {}, {}});
    }
    case Record::kActivity: {
      JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, param.c_str()));
      return ctx.activities->Owner(id);
    }
  }
  return std::optional<RecordOwner>{};
}

}  // namespace

Error RecordNotFound(Record kind) {
  switch (kind) {
    case Record::kCase:
      return Error::NotFound("case.not_found"_msg, "no such case");
    case Record::kTask:
      return Error::NotFound("task.not_found"_msg, "no such task");
    case Record::kPerson:
      return Error::NotFound("person.not_found"_msg, "no such person");
    case Record::kEmployer:
      return Error::NotFound("employer.not_found"_msg, "no such employer");
    case Record::kPermit:
      return Error::NotFound("permit.not_found"_msg, "no such permit");
    case Record::kCommission:
      return Error::NotFound("commission.not_found"_msg, "no such commission");
    case Record::kOffice:
      return Error::NotFound("office.not_found"_msg, "no such office");
    case Record::kUser:
      return Error::NotFound("account.not_found"_msg, "no such staff account");
    case Record::kTransfer:
      return Error::NotFound("transfer.not_found"_msg, "no such transfer request");
    case Record::kDelegation:
      return Error::NotFound("delegation.not_found"_msg, "no such delegation");
    case Record::kEmployerUser:
      return Error::NotFound("employer_user.not_found"_msg, "no such user of your employer");
    case Record::kNotification:
      return Error::NotFound("notification.not_found"_msg, "no such notification");
    case Record::kVacancy:
      return Error::NotFound("vacancy.not_found"_msg, "no such vacancy");
    case Record::kPlacement:
      return Error::NotFound("placement.not_found"_msg, "no such placement");
    case Record::kDecisionList:
      return Error::NotFound("decision_list.not_found"_msg, "no such decision list");
    case Record::kContract:
      return Error::NotFound("contract.not_found"_msg, "no such contract");
    case Record::kPayment:
      return Error::NotFound("payment.not_found"_msg, "no such payment order");
    case Record::kPaymentBatch:
      return Error::NotFound("payment.no_batch"_msg, "no such batch");
    case Record::kPaymentStatement:
      return Error::NotFound("payment.no_statement"_msg, "no such statement");
    case Record::kActivity:
      return Error::NotFound("activity.not_found"_msg, "no such activity");
    case Record::kNone:
      break;
  }
  return Error::NotFound("resource.not_found"_msg, "no such resource");
}

Status CheckRecordScope(ApiContext& ctx, const Route& route, const HttpRequest& request,
                        const Actor& actor) {
  if (route.record.kind == Record::kNone) return {};
  JUMYS_ASSIGN_OR_RETURN(auto owner,
                         FindOwner(ctx, route.record.kind, request, route.record.param));
  if (!owner || !InScope(actor, ctx.offices, *owner)) return RecordNotFound(route.record.kind);
  if (request.method != "GET" && !MayChange(actor, ctx.offices, *owner)) {
    return Error::Forbidden("record.read_only"_msg,
                            "your office reads this record but no longer changes it: it was "
                            "handed to another office");
  }
  return {};
}

}  // namespace jumys::http
