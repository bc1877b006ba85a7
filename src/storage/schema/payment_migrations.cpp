#include "storage/schema/payment_migrations.h"

namespace jumys::storage::payments_schema {

// `payment_budgets`: what each office may pay under a programme in a year, in tiyn.
// `payment_orders`: one order per payment of any programme. Its basis ("contract:12",
// "report:40") with its kind and period has at most one live order (any status but returned):
// the partial unique index is what makes "never paid twice" hold under concurrency. A re-issue
// of a returned order names it in `reissue_of`.
// `payment_batches`: the approved orders exported together, numbered per office and year.
// `payment_statements`: each bank or treasury statement imported, by the digest of its bytes, so
// the same statement twice changes nothing.
const char* const kPayments = R"sql(
CREATE TABLE payment_budgets (
  programme TEXT NOT NULL,
  year INTEGER NOT NULL,
  office_id TEXT NOT NULL,
  allocated BIGINT NOT NULL CHECK (allocated >= 0),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (programme, year, office_id)
);
CREATE TABLE payment_batches (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  office_id TEXT NOT NULL,
  orders INTEGER NOT NULL CHECK (orders > 0),
  total BIGINT NOT NULL CHECK (total > 0),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE payment_orders (
  id BIGSERIAL PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  programme TEXT NOT NULL,
  office_id TEXT NOT NULL,
  payee_iin TEXT NOT NULL,
  payee_bin TEXT NOT NULL,
  payee_name TEXT NOT NULL,
  iban TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  basis TEXT NOT NULL,
  budget_code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'exported', 'paid', 'returned')),
  return_reason TEXT NOT NULL,
  reissue_of BIGINT REFERENCES payment_orders(id),
  batch_id BIGINT REFERENCES payment_batches(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  approved_at TEXT,
  approved_by TEXT,
  settled_at TEXT,
  CHECK (length(payee_iin) > 0 OR length(payee_bin) > 0),
  CHECK (period_from <= period_to),
  CHECK ((status = 'returned') = (length(return_reason) > 0))
);
CREATE UNIQUE INDEX payment_orders_live ON payment_orders(basis, kind, period_from)
  WHERE status <> 'returned';
CREATE INDEX payment_orders_budget ON payment_orders(programme, office_id, period_from);
CREATE INDEX payment_orders_status ON payment_orders(status, office_id, id);
CREATE TABLE payment_statements (
  id BIGSERIAL PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  lines INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
);
)sql";

// Migration 28: an order names the case and contract it pays under (so a contract's payments are
// found whatever the basis: the contract itself or one of its monthly reports), and keeps the
// head's detached EDS signature over the approved order's text (base64 DER) with the signer's
// masked IIN.
const char* const kPaymentLinks = R"sql(
ALTER TABLE payment_orders ADD COLUMN case_id BIGINT;
ALTER TABLE payment_orders ADD COLUMN contract_id BIGINT;
ALTER TABLE payment_orders ADD COLUMN approval_signature TEXT;
ALTER TABLE payment_orders ADD COLUMN approval_signer TEXT;
CREATE INDEX payment_orders_case ON payment_orders(case_id);
CREATE INDEX payment_orders_contract ON payment_orders(contract_id);
)sql";

}  // namespace jumys::storage::payments_schema
