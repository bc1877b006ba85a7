// The payments registry (services/payments, docs/PAYMENTS.md): orders, the head's approval with
// EDS, batches for the bank, statements from it, budgets and totals. Staff see the orders of the
// offices in their scope; an employer and a person see the orders paid to them.
#include <string>

#include "http/api.h"
#include "http/json_io.h"
#include "http/query_params.h"
#include "http/record_scope.h"
#include "services/documents/document_service.h"
#include "services/payments/payment_service.h"
#include "services/vacancies/vacancy_terms.h"

namespace jumys::http {

namespace {

constexpr const char* kStatuses[] = {"draft", "approved", "exported", "paid", "returned"};

nlohmann::json IdOrNull(std::int64_t id) { return id > 0 ? nlohmann::json(id) : nullptr; }

nlohmann::json OrderJson(const payments::Order& o) {
  const payments::OrderRequest& q = o.request;
  nlohmann::json payee = {{"name", q.payee.name}, {"iban", q.payee.iban}};
  payee[q.payee.iin.empty() ? "bin" : "iin"] = q.payee.iin.empty() ? q.payee.bin : q.payee.iin;
  nlohmann::json approved = nullptr;
  if (!o.approved_by.empty()) {
    approved = {{"login", o.approved_by}, {"at", o.approved_at}, {"signer_iin", nullptr}};
    if (!o.approval_signer.empty()) approved["signer_iin"] = o.approval_signer;
  }
  return {{"id", o.id},
          {"number", o.number},
          {"kind", q.kind},
          {"programme", q.programme},
          {"office", q.office_id},
          {"payee", payee},
          {"amount", MoneyJson(q.amount)},
          {"period", {{"from", q.period_from}, {"to", q.period_to}}},
          {"basis", q.basis},
          {"case_id", IdOrNull(q.case_id)},
          {"contract_id", IdOrNull(q.contract_id)},
          {"budget_code", q.budget_code},
          {"status", o.status},
          {"return_reason", o.return_reason},
          {"reissue_of", o.reissue_of ? nlohmann::json(*o.reissue_of) : nullptr},
          {"batch_id", o.batch_id ? nlohmann::json(*o.batch_id) : nullptr},
          {"created", {{"login", o.created_by}, {"at", o.created_at}}},
          {"approved", approved},
          {"settled_at",
           o.settled_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.settled_at)}};
}

nlohmann::json BatchJson(const payments::Batch& b) {
  const std::string url = "/api/v1/payments/batches/" + std::to_string(b.id);
  return {{"id", b.id},
          {"number", b.number},
          {"office", b.office_id},
          {"orders", b.orders},
          {"total", MoneyJson(b.total)},
          {"created_at", b.created_at},
          {"created_by", b.created_by},
          {"pain001_url", url + "/pain.001"},
          {"csv_url", url + "/csv"}};
}

Error NoSuchOrder() { return Error::NotFound("payment.not_found"_msg, "no such payment order"); }
Error NoSuchBatch() { return Error::NotFound("payment.no_batch"_msg, "no such batch"); }

bool InOffices(ApiContext& ctx, const Actor& actor, const std::string& office_id) {
  for (const auto& office : VisibleOffices(actor, ctx.offices)) {
    if (office == office_id) return true;
  }
  return false;
}

bool MaySee(ApiContext& ctx, const Actor& actor, const payments::Order& o) {
  if (actor.applicant) {
    return actor.bin.empty() ? !actor.iin.empty() && actor.iin == o.request.payee.iin
                             : actor.bin == o.request.payee.bin;
  }
  return InOffices(ctx, actor, o.request.office_id);
}

Expected<payments::Order> Visible(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto found, ctx.payments->Find(id));
  if (!found || !MaySee(ctx, actor, *found)) return NoSuchOrder();
  return std::move(*found);
}

Expected<payments::Batch> VisibleBatch(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto found, ctx.payments->FindBatch(id));
  if (!found || !InOffices(ctx, actor, found->office_id)) return NoSuchBatch();
  return std::move(*found);
}

// The filter of the query, limited to what the caller may see.
Expected<payments::OrderFilter> FilterOf(ApiContext& ctx, HttpRequest& request,
                                         const Actor& actor) {
  payments::OrderFilter filter;
  filter.programme = request.Query("programme").value_or("");
  if (auto status = request.Query("status"); status && !status->empty()) {
    if (!vacancies::OneOf(kStatuses, *status)) {
      return FieldError(ErrorCode::kInvalidInput, "status", "field.not_option"_msg,
                        "must be one of {options}", {{"options", vacancies::Listed(kStatuses)}});
    }
    filter.status = *status;
  }
  JUMYS_ASSIGN_OR_RETURN(const auto kase, QueryId(request, "case"));
  filter.case_id = kase;
  JUMYS_ASSIGN_OR_RETURN(const auto contract, QueryId(request, "contract"));
  filter.contract_id = contract;
  if (actor.applicant) {
    // An applicant's payments are those of every office that paid them.
    for (const auto& office : ctx.offices.All()) filter.offices.push_back(office->id);
    if (!actor.bin.empty()) {
      filter.payee_bin = actor.bin;
    } else if (!actor.iin.empty()) {
      filter.payee_iin = actor.iin;
    } else {
      filter.offices.clear();
    }
  } else {
    filter.offices = VisibleOffices(actor, ctx.offices);
  }
  return filter;
}

Expected<HttpResponse> ListOrders(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto filter, FilterOf(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto list, ctx.payments->List(filter));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : list) items.push_back(OrderJson(o));
  return JsonResponse(200, items);
}

Expected<HttpResponse> Totals(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto filter, FilterOf(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto totals, ctx.payments->Totals(filter));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : totals) {
    items.push_back({{"programme", t.programme},
                     {"month", t.month},
                     {"status", t.status},
                     {"orders", t.orders},
                     {"amount", MoneyJson(t.amount)}});
  }
  return JsonResponse(200, {{"items", items}});
}

// The head approves with EDS: a detached CMS signature over ApprovalText, made with the head's
// own certificate, checked before the order moves.
Expected<HttpResponse> Approve(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto order, Visible(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto signature, RequiredString(body, "signature", 64 * 1024));
  if (actor.iin.empty()) {
    return Error::Unprocessable("eds.account_without_iin"_msg,
                                "your account has no IIN on record to match an EDS certificate");
  }
  JUMYS_ASSIGN_OR_RETURN(auto signer,
                         ctx.documents->CheckSignature(payments::ApprovalText(order), signature,
                                                       actor.iin, "", ctx.clock()));
  JUMYS_ASSIGN_OR_RETURN(
      auto approved,
      ctx.payments->Approve(actor, order.id, payments::ApprovalSignature{signature, signer.iin}));
  return JsonResponse(200, OrderJson(approved));
}

Expected<HttpResponse> ApprovalTextOf(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto order, Visible(ctx, request, actor));
  HttpResponse r;
  r.status = 200;
  r.content_type = "text/plain; charset=utf-8";
  r.body = payments::ApprovalText(order);
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Expected<HttpResponse> ReturnOrder(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto order, Visible(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto reason, RequiredString(body, "reason", 2000));
  JUMYS_ASSIGN_OR_RETURN(auto returned, ctx.payments->Return(actor, order.id, reason));
  return JsonResponse(200, OrderJson(returned));
}

Expected<HttpResponse> Reissue(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto order, Visible(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto iban, OptionalString(body, "iban", 34));
  JUMYS_ASSIGN_OR_RETURN(auto issued, ctx.payments->Reissue(actor, order.id, iban.value_or("")));
  return JsonResponse(201, OrderJson(issued));
}

Expected<HttpResponse> ListBatches(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto batches, ctx.payments->Batches(VisibleOffices(actor, ctx.offices)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& b : batches) items.push_back(BatchJson(b));
  return JsonResponse(200, items);
}

Expected<HttpResponse> BatchDetail(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto batch, VisibleBatch(ctx, request, actor));
  JUMYS_ASSIGN_OR_RETURN(auto orders, ctx.payments->BatchOrders(batch.id));
  nlohmann::json out = BatchJson(batch);
  out["items"] = nlohmann::json::array();
  for (const auto& o : orders) out["items"].push_back(OrderJson(o));
  return JsonResponse(200, out);
}

Expected<HttpResponse> BatchFile(ApiContext& ctx, HttpRequest& request, const Actor& actor,
                                 bool xml) {
  JUMYS_ASSIGN_OR_RETURN(auto batch, VisibleBatch(ctx, request, actor));
  HttpResponse r;
  r.status = 200;
  if (xml) {
    JUMYS_ASSIGN_OR_RETURN(r.body, ctx.payments->Pain001(batch.id));
    r.content_type = "application/xml; charset=utf-8";
  } else {
    JUMYS_ASSIGN_OR_RETURN(r.body, ctx.payments->Csv(batch.id));
    r.content_type = "text/csv; charset=utf-8";
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + batch.number +
                                                    (xml ? ".pain.001.xml\"" : ".csv\""));
  r.headers.emplace_back("Cache-Control", "private, no-store");
  return r;
}

Expected<HttpResponse> ImportStatement(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto result, ctx.payments->ImportStatement(actor, request.body));
  return JsonResponse(200, {{"matched", result.matched},
                            {"paid", result.paid},
                            {"returned", result.returned},
                            {"unmatched", result.unmatched},
                            {"repeated", result.repeated}});
}

nlohmann::json StatementJson(const payments::Statement& s) {
  return {{"id", s.id},
          {"imported_at", s.imported_at},
          {"imported_by", s.imported_by},
          {"office", s.office_id},
          {"lines", s.lines},
          {"paid", s.paid},
          {"returned", s.returned},
          {"already", s.already},
          {"unmatched", s.unmatched}};
}

Expected<HttpResponse> ListStatements(ApiContext& ctx, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto statements,
                         ctx.payments->Statements(VisibleOffices(actor, ctx.offices)));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : statements) items.push_back(StatementJson(s));
  return JsonResponse(200, items);
}

Expected<HttpResponse> StatementDetail(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto id, PathId(request, "id"));
  JUMYS_ASSIGN_OR_RETURN(auto found,
                         ctx.payments->StatementLines(id, VisibleOffices(actor, ctx.offices)));
  if (!found) return Error::NotFound("payment.no_statement"_msg, "no such statement");
  nlohmann::json out = StatementJson(found->first);
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : found->second) {
    lines.push_back(
        {{"line", l.line},
         {"reference", l.reference},
         {"amount", MoneyJson(l.amount)},
         {"status", l.status},
         {"reason", l.reason},
         {"order", l.order_id ? nlohmann::json{{"id", l.order_id}, {"number", l.order_number}}
                              : nlohmann::json(nullptr)}});
  }
  out["items"] = std::move(lines);
  return JsonResponse(200, out);
}

Expected<HttpResponse> SetBudget(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  JUMYS_ASSIGN_OR_RETURN(auto body, ParseJsonObject(request.body));
  JUMYS_ASSIGN_OR_RETURN(auto programme, RequiredString(body, "programme", 100));
  JUMYS_ASSIGN_OR_RETURN(auto office, RequiredString(body, "office", 100));
  JUMYS_ASSIGN_OR_RETURN(auto reader, BodyReader(body));
  JUMYS_ASSIGN_OR_RETURN(auto year, reader.Int("year", 2000, 2100));
  JUMYS_ASSIGN_OR_RETURN(auto allocated, reader.Int("allocated", 0, 1'000'000'000'000'000));
  if (!InOffices(ctx, actor, office)) {
    return Error::NotFound("office.not_found"_msg, "no such office");
  }
  JUMYS_TRY(ctx.payments->SetBudget(actor, programme, static_cast<int>(year), office, allocated));
  JUMYS_ASSIGN_OR_RETURN(auto left,
                         ctx.payments->BudgetLeft(programme, static_cast<int>(year), office));
  return JsonResponse(200, {{"programme", programme},
                            {"year", year},
                            {"office", office},
                            {"allocated", MoneyJson(allocated)},
                            {"left", MoneyJson(left)}});
}

Expected<HttpResponse> BudgetLeft(ApiContext& ctx, HttpRequest& request, const Actor& actor) {
  const std::string programme = request.Query("programme").value_or("");
  JUMYS_ASSIGN_OR_RETURN(const auto year, QueryId(request, "year"));
  if (programme.empty() || year == 0) {
    return FieldError(ErrorCode::kInvalidInput, programme.empty() ? "programme" : "year",
                      "field.required"_msg, "is required");
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& office : VisibleOffices(actor, ctx.offices)) {
    JUMYS_ASSIGN_OR_RETURN(auto left,
                           ctx.payments->BudgetLeft(programme, static_cast<int>(year), office));
    items.push_back({{"office", office}, {"left", MoneyJson(left)}});
  }
  return JsonResponse(200, {{"programme", programme}, {"year", year}, {"items", items}});
}

RoleSet Readers() {
  RoleSet roles = StaffRoles();
  roles.Add(Role::kEmployer);
  roles.Add(Role::kJobSeeker);
  return roles;
}

RoleSet Registry() { return {Role::kHead, Role::kAnalyst, Role::kUnitHead}; }

}  // namespace

void AddPaymentRoutes(Router& router, ApiContext& ctx) {
  const nlohmann::json tags = {{"tags", {"payments"}}};
  router.Add({"GET", "/api/v1/payments", Scope::kOffice, Readers(),
              "Payment orders, oldest first: staff's of the offices they see, an employer's or a "
              "person's paid to them. Filters programme (process code), status (draft, approved, "
              "exported, paid, returned), case, contract.",
              tags, [&ctx](HttpRequest& r, const Actor& a) { return ListOrders(ctx, r, a); }});
  router.Add({"GET", "/api/v1/payments/totals", Scope::kOffice, Registry(),
              "Orders counted and summed per programme, month of the period and status, of the "
              "offices the caller sees; the same filters as the list.",
              tags, [&ctx](HttpRequest& r, const Actor& a) { return Totals(ctx, r, a); }});
  router.Add({"GET", "/api/v1/payments/budgets", Scope::kOffice,
              RoleSet{Role::kHead, Role::kAnalyst, Role::kUnitHead, Role::kAdmin},
              "What is left of the programme's budget for the year in each office the caller "
              "sees (programme and year required).",
              tags, [&ctx](HttpRequest& r, const Actor& a) { return BudgetLeft(ctx, r, a); }});
  router.Add({"PUT", "/api/v1/payments/budgets", Scope::kOffice, RoleSet{Role::kAdmin},
              "Sets an office's allocation for a programme and year {programme, year, office, "
              "allocated (tiyn)}; answers what is left.",
              DocWithJsonBody("payments", {"programme", "year", "office", "allocated"},
                              {{"programme", {{"type", "string"}}},
                               {"year", {{"type", "integer"}}},
                               {"office", {{"type", "string"}}},
                               {"allocated", {{"type", "integer"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return SetBudget(ctx, r, a); }});
  router.Add({"GET", "/api/v1/payments/batches", Scope::kOffice, Registry(),
              "The batches of the offices the caller sees, newest first.", tags,
              [&ctx](HttpRequest&, const Actor& a) { return ListBatches(ctx, a); }});
  router.Add({"POST", "/api/v1/payments/batches", Scope::kOffice, RoleSet{Role::kHead},
              "Exports every approved order of the head's office in a new numbered batch (201); "
              "422 payment.nothing_to_export when none waits. An order goes out once.",
              tags, [&ctx](HttpRequest&, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto batch, ctx.payments->Export(a));
                return JsonResponse(201, BatchJson(batch));
              }});
  router.Add({"GET",
              "/api/v1/payments/batches/{id}",
              Scope::kOffice,
              Registry(),
              "One batch with its orders.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) { return BatchDetail(ctx, r, a); },
              {Record::kPaymentBatch, "id"}});
  router.Add({"GET",
              "/api/v1/payments/batches/{id}/pain.001",
              Scope::kOffice,
              Registry(),
              "The batch as ISO 20022 pain.001.001.03 XML (the order numbers are the "
              "EndToEndIds).",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) { return BatchFile(ctx, r, a, true); },
              {Record::kPaymentBatch, "id"}});
  router.Add({"GET",
              "/api/v1/payments/batches/{id}/csv",
              Scope::kOffice,
              Registry(),
              "The batch as CSV with a header line.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) { return BatchFile(ctx, r, a, false); },
              {Record::kPaymentBatch, "id"}});
  router.Add(
      {"POST",
       "/api/v1/payments/statements",
       Scope::kOffice,
       RoleSet{Role::kHead},
       "Imports a bank or treasury statement (CSV reference,status,amount,date[,reason], or "
       "ISO 20022 camt.053): each line marks its exported order paid or returned; "
       "{matched, paid, returned, unmatched: [...], repeated}. The same statement twice changes "
       "nothing. A file upload: with the session cookie it needs X-Requested-With: jumys.",
       {{"tags", {"payments"}},
        {"requestBody",
         {{"required", true},
          {"content",
           {{"text/csv", {{"schema", {{"type", "string"}}}}},
            {"application/xml", {{"schema", {{"type", "string"}}}}}}}}}},
       [&ctx](HttpRequest& r, const Actor& a) { return ImportStatement(ctx, r, a); }});
  router.Add({"GET", "/api/v1/payments/statements", Scope::kOffice, Registry(),
              "The statements the offices the caller sees imported, newest first, with what "
              "their lines did: {lines, paid, returned, already (settled before), unmatched}.",
              tags, [&ctx](HttpRequest&, const Actor& a) { return ListStatements(ctx, a); }});
  router.Add({"GET",
              "/api/v1/payments/statements/{id}",
              Scope::kOffice,
              Registry(),
              "One statement with its lines in order (items: {line, reference, amount, status: "
              "paid | returned | already | unmatched, reason, order: {id, number} | null}): "
              "the returned and unmatched lines are the exceptions to resolve; 404 "
              "payment.no_statement when not the caller's to see.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) { return StatementDetail(ctx, r, a); },
              {Record::kPaymentStatement, "id"}});
  router.Add({"GET",
              "/api/v1/payments/{id}",
              Scope::kOffice,
              Readers(),
              "One order; 404 payment.not_found when missing or not the caller's to see.",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) -> Expected<HttpResponse> {
                JUMYS_ASSIGN_OR_RETURN(auto o, Visible(ctx, r, a));
                return JsonResponse(200, OrderJson(o));
              },
              {Record::kPayment, "id"}});
  router.Add({"GET",
              "/api/v1/payments/{id}/approval-text",
              Scope::kOffice,
              RoleSet{Role::kHead},
              "The exact text the head signs to approve the order (text/plain, UTF-8).",
              tags,
              [&ctx](HttpRequest& r, const Actor& a) { return ApprovalTextOf(ctx, r, a); },
              {Record::kPayment, "id"}});
  router.Add({"POST",
              "/api/v1/payments/{id}/approve",
              Scope::kOffice,
              RoleSet{Role::kHead},
              "The head approves a draft with EDS {signature: base64 detached CMS over the "
              "approval text}; 409 payment.wrong_status when it is not a draft (of two "
              "approvals at once, one wins).",
              DocWithJsonBody("payments", {"signature"}, {{"signature", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return Approve(ctx, r, a); },
              {Record::kPayment, "id"}});
  router.Add({"POST",
              "/api/v1/payments/{id}/return",
              Scope::kOffice,
              RoleSet{Role::kHead},
              "The head returns a draft or approved order {reason}.",
              DocWithJsonBody("payments", {"reason"}, {{"reason", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return ReturnOrder(ctx, r, a); },
              {Record::kPayment, "id"}});
  router.Add({"POST",
              "/api/v1/payments/{id}/reissue",
              Scope::kOffice,
              RoleSet{Role::kHead, Role::kEmployerSpecialist, Role::kEmploymentSpecialist},
              "Issues a returned order again as a new draft naming it {iban?: a corrected "
              "account} (201).",
              DocWithJsonBody("payments", {}, {{"iban", {{"type", "string"}}}}),
              [&ctx](HttpRequest& r, const Actor& a) { return Reissue(ctx, r, a); },
              {Record::kPayment, "id"}});
}

}  // namespace jumys::http
