// The life of a programme contract after both parties signed (docs/SPECIAL_WORKPLACES.md): the
// monthly reports, the monitoring visits, the persons referred with their referral documents.
// Kept apart from the pages so that the rules behind what they show are tested on their own.
import type { Money } from './payments';
import type { CaseLink, CaseParty, IssuedDocument, Task } from './types';

// The programmes whose contracts live on after signing: monthly reports, visits, referrals.
export const LIFE_PROGRAMMES = ['special-workplaces'];

export const REPORT_STATUSES = ['filed', 'accepted', 'returned', 'ordered'] as const;

// One line of GET /api/v1/contracts/{id}/reports.
export interface MonthlyReport {
  id: number;
  period: string; // YYYY-MM
  employed: string[]; // IINs, masked for the employer
  persons: number;
  days_worked: number;
  wages_paid: Money;
  due_on: string;
  late: boolean;
  status: string;
  remarks: string;
  filed_at: string;
  payment: { id: number; number: string; status: string; amount: Money } | null;
}

// One line of GET /api/v1/contracts/{id}/visits.
export interface MonitoringVisit {
  id: number;
  period?: string; // the month the visit checked, when the server names it
  visited_on: string;
  obligations_met: boolean;
  findings: string;
  recorded_by?: string; // staff only
  recorded_at: string;
}

// A list route's answer, bare or as {items}.
export function itemsOf<T>(answer: T[] | { items: T[] }): T[] {
  return Array.isArray(answer) ? answer : answer.items;
}

// An IIN as an employer reads another person's: the first two and last two digits. One the
// server masked already is left as it is.
export function maskIin(iin: string): string {
  return /^\d{12}$/.test(iin) ? `${iin.slice(0, 2)}********${iin.slice(-2)}` : iin;
}

// The employer's open monthly report task of the case, if one awaits.
export function openReportTask(tasks: Task[]): Task | null {
  return tasks.find((x) => x.open && x.step === 'monthly_report') ?? null;
}

// The latest report of each month: a returned one stays in the list, and its month is reported
// again, so only a month whose latest report is returned still waits for the employer.
export function returnedAwaitingReport(reports: MonthlyReport[]): MonthlyReport[] {
  const latest = new Map<string, MonthlyReport>();
  for (const r of reports) {
    const seen = latest.get(r.period);
    if (!seen || r.id > seen.id) latest.set(r.period, r);
  }
  return [...latest.values()].filter((r) => r.status === 'returned').sort((a, b) => a.period.localeCompare(b.period));
}

export interface Referred {
  iin: string;
  added_at: string;
  // The person's referral documents (kk/ru), by registry id.
  documents: IssuedDocument[];
}

// The persons referred (parties `referred`), each with the referral documents the case issued
// for them. A link that names its person goes to that person; one that does not is the only
// person's when one person was referred, and is otherwise listed apart (`unpaired`): pairing by
// position could hand one person's referral to another.
export function referredPersons(
  parties: CaseParty[],
  links: CaseLink[],
  issued: IssuedDocument[],
): { persons: Referred[]; unpaired: IssuedDocument[] } {
  const byAdded = <T extends { added_at: string }>(list: T[]) => [...list].sort((a, b) => a.added_at.localeCompare(b.added_at));
  const persons: Referred[] = byAdded(parties.filter((p) => p.party === 'referred' && p.iin)).map((p) => ({
    iin: p.iin!,
    added_at: p.added_at,
    documents: [],
  }));
  const documentOf = (id: number): IssuedDocument => issued.find((d) => d.id === id) ?? { id, kind: 'referral', number: '' };
  const referrals = byAdded(links.filter((l) => l.kind === 'referral_document'));
  const loose: CaseLink[] = [];
  for (const link of referrals) {
    const person = link.iin ? persons.find((p) => p.iin === link.iin) : undefined;
    if (person) person.documents.push(documentOf(link.id));
    else loose.push(link);
  }
  if (loose.length && persons.length === 1) {
    persons[0].documents.push(...loose.map((l) => documentOf(l.id)));
    return { persons, unpaired: [] };
  }
  return { persons, unpaired: loose.map((l) => documentOf(l.id)) };
}
