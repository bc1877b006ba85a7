// The public vacancy search (docs/VACANCY_SEARCH.md): no sign-in. A labelled form of words and
// filters; results with the employer, the place by name, the wage in tenge; "more" follows the
// server's next_cursor. The count of what is shown is announced (aria-live) after each search.
import { apiGet, query } from '../api';
import { Invalid, onSubmit, pageTitle } from '../app';
import { dayInput, dayText, readDay } from '../day_field';
import { field, h, uid } from '../dom';
import { tengeToTiyn, formatTiyn } from '../fields';
import { formatInstant, isOne, loc, t } from '../i18n';
import type { Localized } from '../types';

export const JOBS_PATH = '/jobs';
const PAGE_SIZE = 20;
// The server's working times (profile_service.cpp kWorkingTimes), for every page that offers them.
export const WORKING_TIMES = ['full_time', 'part_time', 'shift', 'rotation', 'remote'];

export interface PublicVacancy {
  id: number;
  title: string;
  nkz: string;
  kato: string;
  employer: { bin: string; name: string };
  wage: { amount: number; currency: string };
  workplaces: number;
  working_time: string;
  disability_suitable: boolean;
  published_at: string;
  place: Localized | null;
  occupation: Localized | null;
}
interface Page {
  items: PublicVacancy[];
  next_cursor: string | null;
}

// One result: the title as a heading (so a screen reader can jump between results), then the
// facts as a description list.
export function vacancyItem(v: PublicVacancy): HTMLElement {
  const headingId = uid('vacancy');
  const fact = (key: string, value: string) => [h('dt', null, t(key)), h('dd', null, value)];
  return h(
    'li',
    { class: 'card vacancy', 'aria-labelledby': headingId },
    h('h2', { id: headingId, tabindex: '-1' }, v.title),
    h(
      'dl',
      { class: 'facts' },
      fact('jobs.employer', v.employer.name),
      fact('jobs.place', v.place ? loc(v.place) : v.kato),
      fact('jobs.wage', t('jobs.wage_value', { amount: formatTiyn(v.wage.amount) })),
      fact('jobs.working_time', t(`jobs.wt.${v.working_time}`)),
      fact('jobs.workplaces', String(v.workplaces)),
      v.occupation ? fact('jobs.occupation', loc(v.occupation)) : null,
      fact('jobs.published', formatInstant(v.published_at)),
    ),
    v.disability_suitable ? h('p', { class: 'badge ok' }, t('jobs.disability_suitable')) : null,
  );
}

export async function vacancySearchPage(main: HTMLElement): Promise<void> {
  const words = h('input', { name: 'q', type: 'search', maxlength: 200, autocomplete: 'off' });
  const nkz = h('input', { name: 'nkz', inputmode: 'numeric', maxlength: 10, pattern: '[0-9]*' });
  const kato = h('input', { name: 'kato', inputmode: 'numeric', maxlength: 9, pattern: '[0-9]*' });
  const wageMin = h('input', { name: 'wage_min', inputmode: 'decimal' });
  const wageMax = h('input', { name: 'wage_max', inputmode: 'decimal' });
  const workingTime = h(
    'select',
    { name: 'working_time' },
    h('option', { value: '' }, t('jobs.any')),
    WORKING_TIMES.map((w) => h('option', { value: w }, t(`jobs.wt.${w}`))),
  );
  const since = dayInput('published_since');
  const suitable = h('input', { name: 'disability_suitable', type: 'checkbox', id: uid('f') });
  const submit = h('button', { type: 'submit' }, t('jobs.search'));
  const message = h('div');
  const form = h(
    'form',
    { class: 'card', role: 'search', 'aria-label': t('jobs.form_label'), novalidate: true },
    field(t('jobs.words'), words, t('jobs.words_hint')),
    h(
      'div',
      { class: 'row fields' },
      field(t('jobs.nkz'), nkz, t('jobs.code_hint')),
      field(t('jobs.kato'), kato, t('jobs.code_hint')),
      field(t('jobs.wage_min'), wageMin),
      field(t('jobs.wage_max'), wageMax),
      field(t('jobs.working_time'), workingTime),
      field(t('jobs.published_since'), since, t('date.hint')),
    ),
    h('div', { class: 'field check' }, suitable, h('label', { for: suitable.id }, t('jobs.disability_suitable'))),
    message,
    submit,
  );

  // Announced politely after each search and each further page.
  const count = h('p', { id: 'jobs-count', role: 'status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'vacancies', 'aria-labelledby': 'jobs-count' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('jobs.more'));
  const moreMessage = h('div');
  let params: Record<string, string | undefined> = {};
  let cursor: string | null = null;

  const tiyn = (input: HTMLInputElement): string | undefined => {
    const text = input.value.trim();
    if (!text) return undefined;
    const value = tengeToTiyn(text);
    if (value === null) throw new Invalid(t('jobs.bad_amount'), input);
    return String(value);
  };
  const show = (page: Page, append: boolean) => {
    if (!append) list.replaceChildren();
    const before = list.children.length;
    for (const v of page.items) list.append(vacancyItem(v));
    cursor = page.next_cursor;
    more.hidden = !cursor;
    const n = list.children.length;
    count.textContent = !n
      ? t('jobs.none')
      : cursor
        ? t(isOne(n) ? 'jobs.shown_more_one' : 'jobs.shown_more', { n })
        : t(isOne(n) ? 'jobs.shown_one' : 'jobs.shown', { n });
    // After "more", reading goes on from the first new result.
    if (append) (list.children[before]?.querySelector('h2') as HTMLElement | null)?.focus();
  };
  const load = async (append: boolean) => {
    const q = { ...params, limit: String(PAGE_SIZE), cursor: append && cursor ? cursor : undefined };
    show(await apiGet<Page>(`/api/v1/vacancies${query(q)}`), append);
  };

  onSubmit(form, submit, message, async () => {
    params = {
      q: words.value.trim() || undefined,
      nkz: nkz.value.trim() || undefined,
      kato: kato.value.trim() || undefined,
      wage_min: tiyn(wageMin),
      wage_max: tiyn(wageMax),
      working_time: workingTime.value || undefined,
      published_since: readDay(since),
      disability_suitable: suitable.checked ? 'true' : undefined,
    };
    // The search is kept in the address: a link to it, going back and a change of language
    // bring the same search again.
    history.replaceState(null, '', `${JOBS_PATH}${query(params)}`);
    await load(false);
  });
  onSubmit(more, more, moreMessage, () => load(true));

  // A search from the address (see above), wages shown in tenge.
  const asked = new URLSearchParams(location.search);
  const tenge = (v: string | null) => (v && /^\d+$/.test(v) ? formatTiyn(Number(v)).replaceAll('\u00a0', '') : '');
  words.value = asked.get('q') ?? '';
  nkz.value = asked.get('nkz') ?? '';
  kato.value = asked.get('kato') ?? '';
  wageMin.value = tenge(asked.get('wage_min'));
  wageMax.value = tenge(asked.get('wage_max'));
  workingTime.value = WORKING_TIMES.includes(asked.get('working_time') ?? '') ? asked.get('working_time')! : '';
  since.value = dayText(asked.get('published_since') ?? '');
  suitable.checked = asked.get('disability_suitable') === 'true';
  for (const name of ['q', 'nkz', 'kato', 'wage_min', 'wage_max', 'working_time', 'published_since', 'disability_suitable']) {
    const value = asked.get(name);
    if (value) params[name] = value;
  }
  main.append(pageTitle(t('jobs.title')), h('p', null, t('jobs.intro')), form, count, list, moreMessage, more);
  // The newest vacancies before anything is asked.
  try {
    await load(false);
  } catch {
    count.textContent = t('jobs.failed');
  }
}
