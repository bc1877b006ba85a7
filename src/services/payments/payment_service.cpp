#include "services/payments/payment_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/identifiers.h"
#include "core/markup.h"
#include "core/sha256.h"
#include "engine/case_model.h"
#include "engine/case_results.h"
#include "engine/field_validation.h"
#include "services/documents/document_wording.h"
#include "services/payments/statement_reader.h"
#include "storage/audit_log.h"
#include "storage/database.h"
#include "storage/sql_params.h"

namespace jumys::payments {

namespace {

using nlohmann::json;

const std::vector<std::string> kKinds = {"workplace_subsidy", "wage_subsidy", "material_assistance",
                                         "rent_subsidy", "employer_subsidy"};

constexpr const char* kOrderColumns =
    "SELECT id, number, kind, programme, office_id, payee_iin, payee_bin, payee_name, iban, "
    "amount, period_from, period_to, basis, budget_code, status, return_reason, reissue_of, "
    "batch_id, created_at, created_by, approved_at, approved_by, settled_at, case_id, "
    "contract_id, approval_signer FROM payment_orders ";

std::vector<Order> OrdersFrom(const storage::Rows& rows) {
  std::vector<Order> out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Order o;
    o.id = rows.Int(r, 0);
    o.number = rows.Text(r, 1);
    OrderRequest& q = o.request;
    q.kind = rows.Text(r, 2);
    q.programme = rows.Text(r, 3);
    q.office_id = rows.Text(r, 4);
    q.payee = {rows.Text(r, 5), rows.Text(r, 6), rows.Text(r, 7), rows.Text(r, 8)};
    q.amount = rows.Int(r, 9);
    q.period_from = rows.Text(r, 10);
    q.period_to = rows.Text(r, 11);
    q.basis = rows.Text(r, 12);
    q.budget_code = rows.Text(r, 13);
    o.status = rows.Text(r, 14);
    o.return_reason = rows.Text(r, 15);
    if (!rows.IsNull(r, 16)) o.reissue_of = rows.Int(r, 16);
    if (!rows.IsNull(r, 17)) o.batch_id = rows.Int(r, 17);
    o.created_at = rows.Text(r, 18);
    o.created_by = rows.Text(r, 19);
    o.approved_at = rows.Text(r, 20);
    o.approved_by = rows.Text(r, 21);
    o.settled_at = rows.Text(r, 22);
    if (!rows.IsNull(r, 23)) q.case_id = rows.Int(r, 23);
    if (!rows.IsNull(r, 24)) q.contract_id = rows.Int(r, 24);
    if (!rows.IsNull(r, 25)) o.approval_signer = rows.Text(r, 25);
    out.push_back(std::move(o));
  }
  return out;
}

Expected<std::optional<Order>> OrderIn(storage::Tx& tx, std::int64_t id) {
  JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(std::string(kOrderColumns) + "WHERE id = $1", {id}));
  auto orders = OrdersFrom(rows);
  if (orders.empty()) return std::optional<Order>();
  return std::optional<Order>(std::move(orders.front()));
}

Error NotFound() { return Error::NotFound("payment.not_found"_msg, "no such payment order"); }

Error WrongStatus(const Order& o, const std::string& wanted) {
  return Error::Conflict("payment.wrong_status"_msg, "order {number} is {status}, not {wanted}",
                         {{"number", o.number}, {"status", o.status}, {"wanted", wanted}});
}

// The office's head may approve, return, export and reconcile; its staff prepare orders. Staff
// of another office who may see the order (the oblast's) may not act on it.
Status MayAct(const Actor& actor, const std::string& office_id, bool head) {
  if (actor.applicant) return NotFound();
  if (actor.office_id != office_id) {
    return Error::Forbidden("payment.other_office"_msg,
                            "only the paying office's staff may do this");
  }
  if (head && !actor.roles.Has(Role::kHead)) {
    return Error::Forbidden("payment.head_only"_msg, "only the office's head may do this");
  }
  return {};
}

std::vector<ErrorDetail> Problems(const OrderRequest& q) {
  std::vector<ErrorDetail> bad;
  if (std::find(kKinds.begin(), kKinds.end(), q.kind) == kKinds.end()) {
    bad.emplace_back("kind", "payment.kind"_msg, "not a kind of payment");
  }
  if (q.programme.empty()) bad.emplace_back("programme", "field.required"_msg, "is required");
  const bool iin = !q.payee.iin.empty(), bin = !q.payee.bin.empty();
  if (iin == bin) {
    bad.emplace_back("payee", "payment.payee"_msg,
                     "the payee is one person (IIN) or employer (BIN)");
  } else if (iin ? !Iin::Parse(q.payee.iin) : !Bin::Parse(q.payee.bin)) {
    bad.emplace_back(iin ? "payee.iin" : "payee.bin", "payment.payee_id"_msg,
                     "not a valid identifier");
  }
  if (q.payee.name.empty() || q.payee.name.size() > 140) {
    bad.emplace_back("payee.name", "payment.payee_name"_msg, "the payee's name, 1-140 characters");
  }
  if (!IsKazakhIban(q.payee.iban)) {
    bad.emplace_back("payee.iban", "field.iban_invalid"_msg,
                     "must be a Kazakh IBAN: KZ, 2 check digits and 16 characters");
  }
  if (q.amount <= 0) bad.emplace_back("amount", "payment.amount"_msg, "must be more than zero");
  const auto from = ParseDate(q.period_from), to = ParseDate(q.period_to);
  if (!from) bad.emplace_back("period.from", "field.not_date"_msg, "must be a date: YYYY-MM-DD");
  if (!to) bad.emplace_back("period.to", "field.not_date"_msg, "must be a date: YYYY-MM-DD");
  if (from && to && *to < *from) {
    bad.emplace_back("period.to", "period.to_before_from"_msg, "is before 'from'");
  }
  const auto colon = q.basis.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == q.basis.size()) {
    bad.emplace_back("basis", "payment.basis"_msg, "the basis is a record, as contract:12");
  }
  if (q.budget_code.empty()) bad.emplace_back("budget_code", "field.required"_msg, "is required");
  return bad;
}

void Audit(std::vector<storage::AuditEvent>& events, const std::string& at, const Actor& actor,
           const char* action, const Order& o, json data = json::object()) {
  data["number"] = o.number;
  events.push_back({at, actor.login, action, "payment", std::to_string(o.id), o.request.office_id,
                    std::move(data)});
}

}  // namespace

std::string ApprovalText(const Order& o) {
  const OrderRequest& q = o.request;
  return "payment order " + o.number + "\nkind " + q.kind + "\nprogramme " + q.programme +
         "\npayee " + (q.payee.iin.empty() ? "BIN " + q.payee.bin : "IIN " + q.payee.iin) + " " +
         q.payee.name + "\niban " + q.payee.iban + "\namount " + Decimal(q.amount) +
         " KZT\nperiod " + q.period_from + " " + q.period_to + "\nbasis " + q.basis + "\nbudget " +
         q.budget_code + "\n";
}

std::string Decimal(std::int64_t tiyn) {
  const std::int64_t cents = tiyn % 100;
  return std::to_string(tiyn / 100) + "." + (cents < 10 ? "0" : "") + std::to_string(cents);
}

struct PaymentService::Impl {
  storage::Database& db;
  const OfficeDirectory& offices;
  std::function<Instant()> now;
  std::function<Debtor(const Office&)> debtor;
  std::function<Status(storage::Tx&, const Order&)> on_paid;

  Expected<std::int64_t> Left(storage::Tx& tx, const std::string& programme, int year,
                              const std::string& office_id) {
    JUMYS_ASSIGN_OR_RETURN(auto budget,
                           tx.Query("SELECT allocated FROM payment_budgets WHERE programme = $1 "
                                    "AND year = $2 AND office_id = $3",
                                    {programme, std::int64_t{year}, office_id}));
    if (budget.empty()) return std::int64_t{0};
    const std::string y = std::to_string(year);
    JUMYS_ASSIGN_OR_RETURN(
        auto spent, tx.Query("SELECT COALESCE(SUM(amount), 0) FROM payment_orders WHERE "
                             "programme = $1 AND office_id = $2 AND status <> 'returned' AND "
                             "period_from >= $3 AND period_from <= $4",
                             {programme, office_id, y + "-01-01", y + "-12-31"}));
    return budget.Int(0, 0) - spent.Int(0, 0);
  }

  // A new draft in tx: checked, within the budget, the basis's only live order.
  Expected<Order> Insert(storage::Tx& tx, const Actor& actor, const OrderRequest& q,
                         std::optional<std::int64_t> reissue_of) {
    auto problems = Problems(q);
    if (!problems.empty()) {
      return Error::Unprocessable("payment.invalid"_msg, "the payment order has {count} problem(s)",
                                  {{"count", std::to_string(problems.size())}},
                                  std::move(problems));
    }
    const auto office = offices.Find(q.office_id);
    if (!office) return NotFound();
    const int year = static_cast<int>(ParseDate(q.period_from)->year());
    JUMYS_ASSIGN_OR_RETURN(const std::int64_t left, Left(tx, q.programme, year, q.office_id));
    if (q.amount > left) {
      return Error::Unprocessable(
          "payment.over_budget"_msg,
          "{amount} tenge is more than the {left} tenge left of the {year} budget",
          {{"amount", Decimal(q.amount)},
           {"left", Decimal(std::max<std::int64_t>(left, 0))},
           {"year", std::to_string(year)}});
    }
    JUMYS_ASSIGN_OR_RETURN(
        auto live, tx.Query("SELECT number FROM payment_orders WHERE basis = $1 AND kind = $2 "
                            "AND period_from = $3 AND status <> 'returned'",
                            {q.basis, q.kind, q.period_from}));
    if (!live.empty()) {
      return Error::Conflict("payment.duplicate"_msg,
                             "{basis} already has order {number} for this period",
                             {{"basis", q.basis}, {"number", live.Text(0, 0)}});
    }
    const Instant at_instant = now();
    const std::string at = FormatRfc3339(at_instant);
    JUMYS_ASSIGN_OR_RETURN(auto number, NextOfficeNumber(tx, *office, at_instant, "payment", "P"));
    const auto id_or_null = [](std::int64_t id) {
      return id > 0 ? storage::Value(id) : storage::Value(nullptr);
    };
    storage::Value reissue = reissue_of ? storage::Value(*reissue_of) : storage::Value(nullptr);
    // The unique index answers a concurrent twin that passed the check above: 409 as well.
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query("INSERT INTO payment_orders (number, kind, programme, office_id, payee_iin, "
                 "payee_bin, payee_name, iban, amount, period_from, period_to, basis, "
                 "budget_code, status, return_reason, reissue_of, created_at, created_by, "
                 "case_id, contract_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                 "$13, 'draft', '', $14, $15, $16, $17, $18) RETURNING id",
                 {number, q.kind, q.programme, q.office_id, q.payee.iin, q.payee.bin, q.payee.name,
                  q.payee.iban, q.amount, q.period_from, q.period_to, q.basis, q.budget_code,
                  reissue, at, actor.login, id_or_null(q.case_id), id_or_null(q.contract_id)}));
    JUMYS_ASSIGN_OR_RETURN(auto order, OrderIn(tx, rows.Int(0, 0)));
    std::vector<storage::AuditEvent> events;
    json data = {{"amount", q.amount}, {"basis", q.basis}, {"kind", q.kind}};
    if (reissue_of) data["reissue_of"] = *reissue_of;
    Audit(events, at, actor, reissue_of ? "payment.reissue" : "payment.create", *order, data);
    JUMYS_TRY(storage::AppendAudit(tx, events));
    return *order;
  }

  // Moves an order from one of `from` to `to`; false when another writer moved it first.
  Expected<bool> Move(storage::Tx& tx, std::int64_t id, const std::string& from,
                      const std::string& to, const std::string& set, storage::Params params) {
    params.push_back(id);
    params.push_back(from);
    const std::string n = std::to_string(params.size());
    const std::string m = std::to_string(params.size() - 1);
    JUMYS_ASSIGN_OR_RETURN(auto changed,
                           tx.Exec("UPDATE payment_orders SET status = '" + to + "'" + set +
                                       " WHERE id = $" + m + " AND status = $" + n,
                                   params));
    return changed == 1;
  }

  // The statement's lines against the office's exported orders, once per statement: its bytes'
  // SHA-256 is recorded, so the same statement again (in either format) changes nothing.
  Expected<StatementResult> Settle(const Actor& actor, std::string_view body,
                                   const std::vector<StatementLine>& lines) {
    StatementResult result;
    const std::string digest = Sha256Hex(body);
    JUMYS_TRY(db.Write([&](storage::Tx& tx) -> Status {
      result = StatementResult{};
      JUMYS_ASSIGN_OR_RETURN(
          auto seen, tx.Query("SELECT id FROM payment_statements WHERE sha256 = $1", {digest}));
      if (!seen.empty()) {
        result.repeated = true;
        return {};
      }
      const std::string at = FormatRfc3339(now());
      JUMYS_ASSIGN_OR_RETURN(
          auto statement,
          tx.Query(
              "INSERT INTO payment_statements (sha256, lines, imported_at, imported_by, "
              "office_id) VALUES ($1, $2, $3, $4, $5) RETURNING id",
              {digest, static_cast<std::int64_t>(lines.size()), at, actor.login, actor.office_id}));
      const std::int64_t statement_id = statement.Int(0, 0);
      std::vector<storage::AuditEvent> events;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const StatementLine& line = lines[i];
        // What the line did, kept for the registry's list of exceptions.
        const auto keep = [&](const char* status, std::optional<std::int64_t> order) -> Status {
          storage::Params p = {statement_id,        static_cast<std::int64_t>(i + 1),
                               line.reference,      line.amount,
                               std::string(status), line.reason};
          p.push_back(order ? storage::Value(*order) : storage::Value(nullptr));
          JUMYS_ASSIGN_OR_RETURN(
              auto n, tx.Exec("INSERT INTO payment_statement_lines (statement_id, line, "
                              "reference, amount, status, reason, order_id) VALUES ($1, $2, $3, "
                              "$4, $5, $6, $7)",
                              p));
          (void)n;
          return {};
        };
        JUMYS_ASSIGN_OR_RETURN(
            auto rows, tx.Query(std::string(kOrderColumns) + "WHERE number = $1 AND office_id = $2",
                                {line.reference, actor.office_id}));
        auto found = OrdersFrom(rows);
        if (found.empty() || Decimal(found[0].request.amount) != line.amount) {
          result.unmatched.push_back(line.reference);
          JUMYS_TRY(keep("unmatched", std::nullopt));
          continue;
        }
        const Order& o = found[0];
        ++result.matched;
        if (o.status != "exported") {  // settled before: this line changes nothing
          JUMYS_TRY(keep("already", o.id));
          continue;
        }
        const bool paid = line.status == "paid";
        JUMYS_ASSIGN_OR_RETURN(auto moved, Move(tx, o.id, "exported", line.status,
                                                ", settled_at = $1, return_reason = $2",
                                                {line.date, paid ? std::string() : line.reason}));
        if (!moved) {
          JUMYS_TRY(keep("already", o.id));
          continue;
        }
        JUMYS_TRY(keep(paid ? "paid" : "returned", o.id));
        (paid ? result.paid : result.returned)++;
        if (paid && on_paid) {
          Order settled = o;
          settled.status = "paid";
          settled.settled_at = line.date;
          JUMYS_TRY(on_paid(tx, settled));
        }
        Audit(events, at, actor, paid ? "payment.paid" : "payment.returned", o,
              paid ? json{{"statement", digest}}
                   : json{{"statement", digest}, {"reason", line.reason}});
      }
      return storage::AppendAudit(tx, events);
    }));
    return result;
  }
};

PaymentService::PaymentService(storage::Database& db, const OfficeDirectory& offices,
                               std::function<Instant()> now,
                               std::function<Debtor(const Office&)> debtor)
    : impl_(std::make_shared<Impl>(Impl{db, offices, std::move(now), std::move(debtor)})) {}

Status PaymentService::SetBudget(const Actor& actor, const std::string& programme, int year,
                                 const std::string& office_id, std::int64_t allocated) {
  if (!actor.roles.Has(Role::kAdmin) && actor.login != kSystemActor) {
    return Error::Forbidden("payment.admin_only"_msg, "only an administrator sets budgets");
  }
  if (allocated < 0 || programme.empty() || year < 2000 || year > 2100) {
    return Error::Unprocessable("payment.budget"_msg, "a budget is a programme, a year and tiyn");
  }
  const std::string at = FormatRfc3339(impl_->now());
  return impl_->db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto n, tx.Exec("INSERT INTO payment_budgets (programme, year, office_id, allocated, "
                        "updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT "
                        "(programme, year, office_id) DO UPDATE SET allocated = $4, "
                        "updated_at = $5, updated_by = $6",
                        {programme, std::int64_t{year}, office_id, allocated, at, actor.login}));
    (void)n;
    return storage::AppendAudit(
        tx, {at, actor.login, "payment.budget", "payment_budget",
             programme + "/" + std::to_string(year), office_id, json{{"allocated", allocated}}});
  });
}

Expected<std::int64_t> PaymentService::BudgetLeft(const std::string& programme, int year,
                                                  const std::string& office_id) {
  std::int64_t left = 0;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(left, impl_->Left(tx, programme, year, office_id));
    return {};
  }));
  return left;
}

Expected<Order> PaymentService::Create(const Actor& actor, const OrderRequest& request) {
  JUMYS_TRY(MayAct(actor, request.office_id, false));
  Order out;
  JUMYS_TRY(impl_->db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, impl_->Insert(tx, actor, request, std::nullopt));
    return {};
  }));
  return out;
}

Expected<Order> PaymentService::CreateIn(storage::Tx& tx, const Actor& actor,
                                         const OrderRequest& request) {
  return impl_->Insert(tx, actor, request, std::nullopt);
}

Expected<Order> PaymentService::Approve(const Actor& actor, std::int64_t id,
                                        const std::optional<ApprovalSignature>& signature) {
  Order out;
  JUMYS_TRY(impl_->db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto o, OrderIn(tx, id));
    if (!o) return NotFound();
    JUMYS_TRY(MayAct(actor, o->request.office_id, true));
    const std::string at = FormatRfc3339(impl_->now());
    JUMYS_ASSIGN_OR_RETURN(
        auto moved,
        impl_->Move(tx, id, "draft", "approved",
                    ", approved_at = $1, approved_by = $2, approval_signature = $3, "
                    "approval_signer = $4",
                    {storage::Value(at), storage::Value(actor.login),
                     signature ? storage::Value(signature->cms_base64) : storage::Value(nullptr),
                     signature ? storage::Value(documents::MaskId(signature->signer_iin))
                               : storage::Value(nullptr)}));
    if (!moved) return WrongStatus(*o, "draft");
    JUMYS_ASSIGN_OR_RETURN(o, OrderIn(tx, id));
    std::vector<storage::AuditEvent> events;
    Audit(events, at, actor, "payment.approve", *o,
          {{"amount", o->request.amount}, {"signed", signature.has_value()}});
    JUMYS_TRY(storage::AppendAudit(tx, events));
    out = *o;
    return {};
  }));
  return out;
}

Expected<Order> PaymentService::Return(const Actor& actor, std::int64_t id,
                                       const std::string& reason) {
  if (reason.empty() || reason.size() > 2000) {
    return FieldError(ErrorCode::kUnprocessable, "reason", "field.required"_msg, "is required");
  }
  Order out;
  JUMYS_TRY(impl_->db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto o, OrderIn(tx, id));
    if (!o) return NotFound();
    JUMYS_TRY(MayAct(actor, o->request.office_id, true));
    if (o->status != "draft" && o->status != "approved") return WrongStatus(*o, "draft");
    const std::string at = FormatRfc3339(impl_->now());
    JUMYS_ASSIGN_OR_RETURN(auto moved,
                           impl_->Move(tx, id, o->status, "returned",
                                       ", return_reason = $1, settled_at = $2", {reason, at}));
    if (!moved) return WrongStatus(*o, "draft");
    JUMYS_ASSIGN_OR_RETURN(o, OrderIn(tx, id));
    std::vector<storage::AuditEvent> events;
    Audit(events, at, actor, "payment.return", *o, {{"reason", reason}});
    JUMYS_TRY(storage::AppendAudit(tx, events));
    out = *o;
    return {};
  }));
  return out;
}

Expected<Order> PaymentService::Reissue(const Actor& actor, std::int64_t id,
                                        const std::string& iban) {
  Order out;
  JUMYS_TRY(impl_->db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto o, OrderIn(tx, id));
    if (!o) return NotFound();
    JUMYS_TRY(MayAct(actor, o->request.office_id, false));
    if (o->status != "returned") return WrongStatus(*o, "returned");
    OrderRequest again = o->request;
    if (!iban.empty()) again.payee.iban = iban;
    JUMYS_ASSIGN_OR_RETURN(out, impl_->Insert(tx, actor, again, o->id));
    return {};
  }));
  return out;
}

Expected<Batch> PaymentService::Export(const Actor& actor) {
  JUMYS_TRY(MayAct(actor, actor.office_id, true));
  const auto office = impl_->offices.Find(actor.office_id);
  if (!office) return NotFound();
  if (impl_->debtor(*office).iban.empty()) {
    return Error::Unprocessable("payment.no_account"_msg,
                                "the office has no account to pay from (reference/payments)");
  }
  Batch batch;
  JUMYS_TRY(impl_->db.Write([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows,
                           tx.Query(std::string(kOrderColumns) +
                                        "WHERE office_id = $1 AND status = 'approved' ORDER BY id",
                                    {actor.office_id}));
    const auto orders = OrdersFrom(rows);
    if (orders.empty()) {
      return Error::Unprocessable("payment.nothing_to_export"_msg,
                                  "no approved order waits to be exported");
    }
    const Instant now = impl_->now();
    batch.office_id = actor.office_id;
    batch.created_at = FormatRfc3339(now);
    batch.created_by = actor.login;
    batch.orders = static_cast<int>(orders.size());
    for (const auto& o : orders) batch.total += o.request.amount;
    JUMYS_ASSIGN_OR_RETURN(batch.number, NextOfficeNumber(tx, *office, now, "payment_batch", "B"));
    JUMYS_ASSIGN_OR_RETURN(
        auto inserted,
        tx.Query("INSERT INTO payment_batches (number, office_id, orders, total, created_at, "
                 "created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                 {batch.number, batch.office_id, std::int64_t{batch.orders}, batch.total,
                  batch.created_at, batch.created_by}));
    batch.id = inserted.Int(0, 0);
    std::vector<storage::AuditEvent> events;
    for (const auto& o : orders) {
      // An order exported by a concurrent batch is not this one's: the whole export retries.
      JUMYS_ASSIGN_OR_RETURN(
          auto moved, impl_->Move(tx, o.id, "approved", "exported", ", batch_id = $1", {batch.id}));
      if (!moved) return WrongStatus(o, "approved");
      Audit(events, batch.created_at, actor, "payment.export", o, {{"batch", batch.number}});
    }
    return storage::AppendAudit(tx, events);
  }));
  return batch;
}

Expected<std::optional<Batch>> PaymentService::FindBatch(std::int64_t id) {
  std::optional<Batch> out;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows,
                           tx.Query("SELECT id, number, office_id, orders, total, created_at, "
                                    "created_by FROM payment_batches WHERE id = $1",
                                    {id}));
    if (rows.empty()) return {};
    out = Batch{rows.Int(0, 0), rows.Text(0, 1), rows.Text(0, 2), static_cast<int>(rows.Int(0, 3)),
                rows.Int(0, 4), rows.Text(0, 5), rows.Text(0, 6)};
    return {};
  }));
  return out;
}

Expected<std::vector<Order>> PaymentService::BatchOrders(std::int64_t batch_id) {
  std::vector<Order> out;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows,
        tx.Query(std::string(kOrderColumns) + "WHERE batch_id = $1 ORDER BY id", {batch_id}));
    out = OrdersFrom(rows);
    return {};
  }));
  return out;
}

Expected<std::string> PaymentService::Pain001(std::int64_t batch_id) {
  JUMYS_ASSIGN_OR_RETURN(auto batch, FindBatch(batch_id));
  if (!batch) return Error::NotFound("payment.no_batch"_msg, "no such batch");
  JUMYS_ASSIGN_OR_RETURN(auto orders, BatchOrders(batch_id));
  const auto office = impl_->offices.Find(batch->office_id);
  if (!office) return NotFound();
  const Debtor debtor = impl_->debtor(*office);
  const std::string execution = batch->created_at.substr(0, 10);
  std::string x;
  x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\">\n";
  x += "<CstmrCdtTrfInitn>\n<GrpHdr>\n";
  x += "<MsgId>" + EscapeMarkup(batch->number) + "</MsgId>\n";
  x += "<CreDtTm>" + batch->created_at.substr(0, 19) + "</CreDtTm>\n";
  x += "<NbOfTxs>" + std::to_string(orders.size()) + "</NbOfTxs>\n";
  x += "<CtrlSum>" + Decimal(batch->total) + "</CtrlSum>\n";
  x += "<InitgPty><Nm>" + EscapeMarkup(debtor.name.substr(0, 140)) + "</Nm></InitgPty>\n";
  x += "</GrpHdr>\n<PmtInf>\n";
  x += "<PmtInfId>" + EscapeMarkup(batch->number) + "</PmtInfId>\n";
  x += "<PmtMtd>TRF</PmtMtd>\n";
  x += "<NbOfTxs>" + std::to_string(orders.size()) + "</NbOfTxs>\n";
  x += "<CtrlSum>" + Decimal(batch->total) + "</CtrlSum>\n";
  x += "<ReqdExctnDt>" + execution + "</ReqdExctnDt>\n";
  x += "<Dbtr><Nm>" + EscapeMarkup(debtor.name.substr(0, 140)) + "</Nm></Dbtr>\n";
  x += "<DbtrAcct><Id><IBAN>" + EscapeMarkup(debtor.iban) + "</IBAN></Id></DbtrAcct>\n";
  x += "<DbtrAgt><FinInstnId><BIC>" + EscapeMarkup(debtor.bic) + "</BIC></FinInstnId></DbtrAgt>\n";
  for (const auto& o : orders) {
    const OrderRequest& q = o.request;
    const std::string id = q.payee.iin.empty() ? q.payee.bin : q.payee.iin;
    x += "<CdtTrfTxInf>\n";
    x += "<PmtId><EndToEndId>" + EscapeMarkup(o.number) + "</EndToEndId></PmtId>\n";
    x += "<Amt><InstdAmt Ccy=\"KZT\">" + Decimal(q.amount) + "</InstdAmt></Amt>\n";
    x += "<Cdtr><Nm>" + EscapeMarkup(q.payee.name.substr(0, 140)) + "</Nm></Cdtr>\n";
    x += "<CdtrAcct><Id><IBAN>" + EscapeMarkup(q.payee.iban) + "</IBAN></Id></CdtrAcct>\n";
    x += "<RmtInf><Ustrd>" +
         EscapeMarkup(q.kind + " " + q.period_from + ".." + q.period_to + " " + q.basis + " " + id +
                      " " + q.budget_code)
             .substr(0, 140) +
         "</Ustrd></RmtInf>\n";
    x += "</CdtTrfTxInf>\n";
  }
  x += "</PmtInf>\n</CstmrCdtTrfInitn>\n</Document>\n";
  return x;
}

Expected<std::string> PaymentService::Csv(std::int64_t batch_id) {
  JUMYS_ASSIGN_OR_RETURN(auto batch, FindBatch(batch_id));
  if (!batch) return Error::NotFound("payment.no_batch"_msg, "no such batch");
  JUMYS_ASSIGN_OR_RETURN(auto orders, BatchOrders(batch_id));
  std::string out =
      "batch,reference,kind,payee_iin,payee_bin,payee_name,iban,amount,period_from,period_to,"
      "basis,budget_code\r\n";
  for (const auto& o : orders) {
    const OrderRequest& q = o.request;
    out += CsvLine({batch->number, o.number, q.kind, q.payee.iin, q.payee.bin, q.payee.name,
                    q.payee.iban, Decimal(q.amount), q.period_from, q.period_to, q.basis,
                    q.budget_code});
  }
  return out;
}

Expected<StatementResult> PaymentService::ImportStatement(const Actor& actor,
                                                          std::string_view body) {
  JUMYS_TRY(MayAct(actor, actor.office_id, true));
  JUMYS_ASSIGN_OR_RETURN(const auto lines, ReadStatement(body));
  return impl_->Settle(actor, body, lines);
}

void PaymentService::OnPaid(std::function<Status(storage::Tx&, const Order&)> hook) {
  impl_->on_paid = std::move(hook);
}

Expected<std::optional<Order>> PaymentService::Find(std::int64_t id) {
  std::optional<Order> out;
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(out, OrderIn(tx, id));
    return {};
  }));
  return out;
}

namespace {

// The WHERE clause of a filter, its values appended to `params`.
std::string OrderWhere(const OrderFilter& filter, storage::SqlParams& params) {
  std::string where = "WHERE office_id IN (" + params.BindAll(filter.offices) + ")";
  for (const auto& [column, value] :
       {std::pair<const char*, const std::string&>{"programme", filter.programme},
        {"status", filter.status},
        {"basis", filter.basis},
        {"payee_iin", filter.payee_iin},
        {"payee_bin", filter.payee_bin}}) {
    if (!value.empty()) where += std::string(" AND ") + column + " = " + params.Bind(value);
  }
  for (const auto& [column, value] :
       {std::pair<const char*, std::int64_t>{"case_id", filter.case_id},
        {"contract_id", filter.contract_id}}) {
    if (value > 0) where += std::string(" AND ") + column + " = " + params.Bind(value);
  }
  return where;
}

}  // namespace

Expected<std::vector<Order>> PaymentService::List(const OrderFilter& filter) {
  std::vector<Order> out;
  if (filter.offices.empty()) return out;
  storage::SqlParams params;
  const std::string where = OrderWhere(filter, params);
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(
        auto rows, tx.Query(std::string(kOrderColumns) + where + " ORDER BY id", params.params()));
    out = OrdersFrom(rows);
    return {};
  }));
  return out;
}

Expected<std::vector<Total>> PaymentService::Totals(const OrderFilter& filter) {
  std::vector<Total> out;
  if (filter.offices.empty()) return out;
  storage::SqlParams params;
  const std::string where = OrderWhere(filter, params);
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows,
                           tx.Query("SELECT programme, substr(period_from, 1, 7) AS month, status, "
                                    "COUNT(*), SUM(amount) FROM payment_orders " +
                                        where +
                                        " GROUP BY programme, month, status ORDER BY month, "
                                        "programme, status",
                                    params.params()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      out.push_back({rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2),
                     static_cast<int>(rows.Int(r, 3)), rows.Int(r, 4)});
    }
    return {};
  }));
  return out;
}

storage::Database& PaymentService::db() const { return impl_->db; }

Expected<std::vector<Batch>> PaymentService::Batches(const std::vector<std::string>& offices) {
  std::vector<Batch> out;
  if (offices.empty()) return out;
  storage::SqlParams params;
  const std::string sql =
      "SELECT id, number, office_id, orders, total, created_at, created_by FROM payment_batches "
      "WHERE office_id IN (" +
      params.BindAll(offices) + ") ORDER BY id DESC";
  JUMYS_TRY(impl_->db.Read([&](storage::Tx& tx) -> Status {
    JUMYS_ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params.params()));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      out.push_back(Batch{rows.Int(r, 0), rows.Text(r, 1), rows.Text(r, 2),
                          static_cast<int>(rows.Int(r, 3)), rows.Int(r, 4), rows.Text(r, 5),
                          rows.Text(r, 6)});
    }
    return {};
  }));
  return out;
}

}  // namespace jumys::payments
