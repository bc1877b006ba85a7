// The payments registry's figures as the pages show them (docs/PAYMENTS.md), kept apart from
// the page so that they are tested on their own: the totals as a table per programme (month
// rows, status columns), a statement file told to be CSV or XML as the server tells them, and
// a statement's lines the accountant must resolve.

export const PAYMENT_STATUSES = ['draft', 'approved', 'exported', 'paid', 'returned'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_KINDS = ['workplace_subsidy', 'wage_subsidy', 'material_assistance', 'rent_subsidy', 'employer_subsidy'] as const;

export interface Money {
  amount: number;
  currency: string;
}

// One line of GET /api/v1/payments/totals.
export interface PaymentTotal {
  programme: string;
  month: string; // YYYY-MM of the period's first day
  status: string;
  orders: number;
  amount: Money;
}

export interface Cell {
  orders: number;
  amount: number; // tiyn
}

export interface TotalsTable {
  programme: string;
  months: { month: string; cells: Record<string, Cell> }[];
  // Per status over every month.
  sum: Record<string, Cell>;
}

// The totals per programme (in the order given, programmes by code), each month once, oldest
// first; a status without orders in a month has no cell.
export function totalsTables(items: PaymentTotal[]): TotalsTable[] {
  const byProgramme = new Map<string, Map<string, Record<string, Cell>>>();
  for (const item of items) {
    const months = byProgramme.get(item.programme) ?? new Map<string, Record<string, Cell>>();
    byProgramme.set(item.programme, months);
    const cells = months.get(item.month) ?? {};
    months.set(item.month, cells);
    const cell = (cells[item.status] ??= { orders: 0, amount: 0 });
    cell.orders += item.orders;
    cell.amount += item.amount.amount;
  }
  return [...byProgramme.keys()].sort().map((programme) => {
    const months = byProgramme.get(programme)!;
    const sum: Record<string, Cell> = {};
    for (const cells of months.values()) {
      for (const [status, cell] of Object.entries(cells)) {
        const s = (sum[status] ??= { orders: 0, amount: 0 });
        s.orders += cell.orders;
        s.amount += cell.amount;
      }
    }
    return {
      programme,
      months: [...months.keys()].sort().map((month) => ({ month, cells: months.get(month)! })),
      sum,
    };
  });
}

// One line of GET /api/v1/payments/statements.
export interface StatementSummary {
  id: number;
  imported_at: string;
  imported_by: string;
  lines: number;
  paid: number;
  returned: number;
  unmatched: number;
  already?: number; // lines naming an order settled before
}

export interface StatementLine {
  line: number;
  reference: string;
  amount: Money;
  status: string; // paid, returned, unmatched, already
  reason: string;
  order: { id: number; number: string } | null;
}

// GET /api/v1/payments/statements/{id}: the summary's counts with the lines as `items` (or, as
// first sketched, the lines as `lines`).
export interface StatementDetail {
  id: number;
  imported_at: string;
  imported_by: string;
  lines: StatementLine[] | number;
  items?: StatementLine[];
}

export function linesOf(s: StatementDetail): StatementLine[] {
  return Array.isArray(s.lines) ? s.lines : (s.items ?? []);
}

// A statement line the accountant must resolve: one that matched no order, an order the bank
// returned (to be issued again), or one naming an order settled before (paid twice?).
export function isException(line: StatementLine): boolean {
  return line.status === 'unmatched' || line.status === 'returned' || line.status === 'already';
}

// The newest statement first, as the accountant looks for it.
export function newestFirst(items: StatementSummary[]): StatementSummary[] {
  return [...items].sort((a, b) => b.imported_at.localeCompare(a.imported_at) || b.id - a.id);
}

// A month YYYY-MM as the app writes dates: 09.2026.
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2]}.${m[1]}` : month;
}

// The content type a statement is sent with: XML (camt.053) when its first character, after a
// UTF-8 byte-order mark and blank space, is '<'; CSV otherwise.
export function statementContentType(bytes: Uint8Array): 'application/xml' | 'text/csv' {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[i])) i += 1;
  return bytes[i] === 0x3c ? 'application/xml' : 'text/csv';
}

// An IBAN as typed, in the form the server keeps: capitals, no spaces.
export function normalIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}
