// What an applicant and the staff see of a case's progress: its status ("accepted" once the
// provider accepted a portal request, S4 item 9.2) and the day its result is due (the
// service term from filing, on the working calendar).
import { h } from './dom';
import { formatDay, label, t } from './i18n';
import type { CaseSummary, Process } from './types';

// The status word of a case: an open case the provider has accepted reads "accepted".
export function caseStatus(c: CaseSummary): HTMLElement {
  const code = c.status === 'open' && c.accepted_at ? 'accepted' : c.status;
  return h('span', { class: `status ${code}` }, label('status', code));
}

// "Resolution No. 1057 of 27.02.2018, registered 13.03.2018 No. 6196; repealed by No. 163 of
// 06.02.2020": the act a service's definition implements, with its own dates.
export function actLine(p: Process): string {
  const act = p.act;
  if (!act) return '';
  let line = t('act.adopted', { number: act.number, date: formatDay(act.adopted) });
  if (act.registered) {
    line += '; ' + t(act.registration_number ? 'act.registered_as' : 'act.registered', {
      date: formatDay(act.registered),
      number: act.registration_number ?? '',
    });
  }
  if (act.repealed_by) {
    line += '; ' + t('act.repealed', { number: act.repealed_by.number, date: formatDay(act.repealed_by.date) });
  }
  return line;
}

// A definition's limit in words: "9 working days" for "9wd", "20 min" for "20min", "2 h" for "2h".
export function termText(limit: string | undefined): string {
  const m = limit ? /^(\d+)(wd|min|h)$/.exec(limit) : null;
  if (!m) return limit ?? '';
  if (m[2] === 'min') return t('time.min', { n: m[1] });
  if (m[2] === 'h') return t('time.h', { n: m[1] });
  return t(Number(m[1]) === 1 ? 'term.working_days_one' : 'term.working_days', { n: m[1] });
}
