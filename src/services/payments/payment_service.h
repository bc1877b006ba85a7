#pragma once
// The payments registry (docs/PAYMENTS.md): every payment of any programme is an order with its
// kind, payee (IIN or BIN and IBAN), amount in tiyn, the period it covers, its basis (the
// contract, report or case it pays for) and budget programme code.
//
// Statuses: draft -> approved (the head) -> exported (in a numbered batch, CSV and ISO 20022
// pain.001.001.03) -> paid | returned (by a bank or treasury statement, CSV or camt.053, or the
// head returns a draft or an approved order with the reason). A returned order may be re-issued (a
// corrected IBAN, say) as a new draft that names it.
//
// Never paid twice: at most one live (not returned) order per basis, kind and period start,
// held by the store's unique index, so two concurrent attempts leave one. An order beyond what
// is left of its programme's budget for the office and the year is refused.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/time.h"
#include "domain/actor.h"
#include "domain/offices.h"

namespace jumys::storage {
class Database;
class Tx;
}  // namespace jumys::storage

namespace jumys::payments {

struct Payee {
  std::string iin;   // a person
  std::string bin;   // an employer
  std::string name;  // as the bank prints it
  std::string iban;  // a Kazakh IBAN
};

struct OrderRequest {
  std::string kind;       // workplace_subsidy, wage_subsidy, material_assistance, ...
  std::string programme;  // the process code (special-workplaces, voluntary-relocation)
  std::string office_id;  // the paying office
  Payee payee;
  std::int64_t amount = 0;             // tiyn
  std::string period_from, period_to;  // YYYY-MM-DD, the days the payment covers
  std::string basis;                   // "contract:12", "report:40", "case:7"
  std::string budget_code;             // the budget programme's code
  std::int64_t case_id = 0;            // the case it pays under; 0: none
  std::int64_t contract_id = 0;        // the contract it pays under; 0: none
};

struct Order {
  std::int64_t id = 0;
  std::string number;  // "KZO-CITY-2026-P000001", the EndToEndId in the bank's files
  OrderRequest request;
  std::string status;  // draft | approved | exported | paid | returned
  std::string return_reason;
  std::optional<std::int64_t> reissue_of;
  std::optional<std::int64_t> batch_id;
  std::string created_at, created_by, approved_at, approved_by, settled_at;
  std::string approval_signer;  // the approving head's certificate IIN, masked
};

// The head's detached EDS signature over ApprovalText(order), checked by the caller (the server
// checks it against the trust store and the head's own IIN before approving).
struct ApprovalSignature {
  std::string cms_base64;
  std::string signer_iin;
};

struct Batch {
  std::int64_t id = 0;
  std::string number;  // "KZO-CITY-2026-B000001", the pain.001 MsgId
  std::string office_id;
  int orders = 0;
  std::int64_t total = 0;  // tiyn
  std::string created_at, created_by;
};

struct StatementResult {
  int matched = 0;                     // lines naming an order of the registry
  int paid = 0;                        // orders marked paid by this import
  int returned = 0;                    // orders marked returned by this import
  std::vector<std::string> unmatched;  // the lines' references no exported order has
  bool repeated = false;               // the same statement was imported before: nothing done
};

// An imported statement and what its lines did.
struct Statement {
  std::int64_t id = 0;
  std::string imported_at, imported_by, office_id;
  int lines = 0, paid = 0, returned = 0, already = 0, unmatched = 0;
};

// One line of an imported statement: paid or returned an order, named one settled before
// (already), or named no order of the office with that amount (unmatched).
struct StatementEntry {
  int line = 0;
  std::string reference, status, reason;
  std::int64_t amount = 0;  // tiyn
  std::int64_t order_id = 0;
  std::string order_number;  // "" when unmatched
};

struct OrderFilter {
  std::vector<std::string> offices;  // the caller's; empty: none
  std::string programme, status, basis;
  std::int64_t case_id = 0, contract_id = 0;  // 0: any
  std::string payee_iin, payee_bin;           // "": any
};

// Money of one programme and month (of the period's first day) in one status.
struct Total {
  std::string programme;
  std::string month;  // YYYY-MM
  std::string status;
  int orders = 0;
  std::int64_t amount = 0;  // tiyn
};

// The paying office's own account: the debtor of every transfer in its batches.
struct Debtor {
  std::string name;
  std::string iban;
  std::string bic;
};

class PaymentService {
 public:
  PaymentService(storage::Database& db, const OfficeDirectory& offices,
                 std::function<Instant()> now, std::function<Debtor(const Office&)> debtor);

  // What the office may pay under the programme in the year (the admin, or demo data).
  Status SetBudget(const Actor& actor, const std::string& programme, int year,
                   const std::string& office_id, std::int64_t allocated);
  // What is left: the allocation less every live order of that programme, office and year.
  Expected<std::int64_t> BudgetLeft(const std::string& programme, int year,
                                    const std::string& office_id);

  // A draft. 422 with a detail per bad field (IBAN, amount, period, payee, kind, basis); 422
  // payment.over_budget naming what is left; 409 payment.duplicate when the basis already has
  // a live order of this kind for the period.
  Expected<Order> Create(const Actor& actor, const OrderRequest& request);
  // The same inside the caller's transaction: a programme's effect orders a payment together
  // with the case change that earns it, or neither.
  Expected<Order> CreateIn(storage::Tx& tx, const Actor& actor, const OrderRequest& request);
  // draft -> approved by the office's head; 409 payment.wrong_status otherwise (a second,
  // concurrent approval of the same order among them).
  // With `signature` the head's EDS over ApprovalText is kept with the order.
  Expected<Order> Approve(const Actor& actor, std::int64_t id,
                          const std::optional<ApprovalSignature>& signature = std::nullopt);
  // A draft or approved order returned by the head, with the reason.
  Expected<Order> Return(const Actor& actor, std::int64_t id, const std::string& reason);
  // A returned order issued again as a new draft naming it, to `iban` (empty: the same).
  Expected<Order> Reissue(const Actor& actor, std::int64_t id, const std::string& iban);

  // Every approved order of the head's office in a new numbered batch, exported. 422
  // payment.nothing_to_export when there is none.
  Expected<Batch> Export(const Actor& actor);
  Expected<std::optional<Batch>> FindBatch(std::int64_t id);
  Expected<std::vector<Order>> BatchOrders(std::int64_t batch_id);
  // The batch as the bank reads it: ISO 20022 pain.001.001.03 XML, or CSV with a header.
  Expected<std::string> Pain001(std::int64_t batch_id);
  Expected<std::string> Csv(std::int64_t batch_id);

  // A statement, the raw body: CSV (`reference,status,amount,date[,reason]`, status paid or
  // returned) or, when it starts with '<', ISO 20022 camt.053 (statement_reader.h). Each line
  // marks its exported order paid or returned; a line whose amount differs from its order's is
  // unmatched. The same statement again changes nothing. 422 naming a malformed line or entry.
  Expected<StatementResult> ImportStatement(const Actor& actor, std::string_view body);

  // Called in the statement's transaction for each order it marks paid (the server notifies the
  // payee through the case the order pays under); an error rolls the import back.
  void OnPaid(std::function<Status(storage::Tx&, const Order&)> hook);

  Expected<std::optional<Order>> Find(std::int64_t id);
  Expected<std::vector<Order>> List(const OrderFilter& filter);
  // Per programme, month and status, of the filter's offices (programme and status filters apply).
  Expected<std::vector<Total>> Totals(const OrderFilter& filter);
  Expected<std::vector<Batch>> Batches(const std::vector<std::string>& offices);
  // The office that imported statement `id`; nullopt when there is none.
  Expected<std::optional<std::string>> StatementOffice(std::int64_t id);
  // The statements imported by these offices, newest first, with their lines' counts.
  Expected<std::vector<Statement>> Statements(const std::vector<std::string>& offices);
  // One statement's lines in order; nullopt when none of these offices imported it.
  Expected<std::optional<std::pair<Statement, std::vector<StatementEntry>>>> StatementLines(
      std::int64_t id, const std::vector<std::string>& offices);

 private:
  storage::Database& db() const;  // for the statement reads of payment_statements.cpp
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// "1234567" tiyn -> "12345.67", as ISO 20022 amounts and the CSV write money.
std::string Decimal(std::int64_t tiyn);

// What the head signs to approve an order: one line per fact the bank will act on, so the
// signature binds the payee, account, amount, period and basis.
std::string ApprovalText(const Order& order);

}  // namespace jumys::payments
