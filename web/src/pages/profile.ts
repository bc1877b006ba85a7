// The job seeker's profile and their suitable vacancies (docs/MATCHING.md), shown in the
// individual employment card (staff) and in the job seeker's cabinet. The form is plain
// labelled fields and fieldsets so that a screen reader reads it in order; each reason of a
// match says met / not met in words beside its icon, never by colour alone.
import { ApiError, apiGet, apiSend } from '../api';
import { onSubmit, statusBox } from '../app';
import { type Child, field, h, uid } from '../dom';
import { lang, t } from '../i18n';
import { WORKING_TIMES } from './vacancy_search';

interface Profile {
  occupations: string[];
  skills: string[];
  education: string;
  experience: { nkz: string; years: number }[];
  languages: { code: string; level: string }[];
  wage_tiyn: number;
  working_times: string[];
  mobility: string;
  home_kato: string;
  driving_licences: string[];
  disability: boolean;
  adaptations: string[];
  row_version?: number;
}

export interface Reason {
  factor: string;
  met: boolean;
  text: { kk: string; ru: string; en: string };
}

interface Match {
  vacancy: {
    id: number;
    title: string;
    employer: { bin: string; name: string };
    kato: string;
    wage_tiyn: number;
    working_time: string;
  };
  score: number;
  reasons: Reason[];
}

const EDUCATION = ['', 'primary', 'basic_secondary', 'general_secondary', 'vocational', 'higher', 'postgraduate'];
const LANGUAGES = ['kk', 'ru', 'en'];
const LEVELS = ['', 'basic', 'fluent', 'native'];
const MOBILITY = ['none', 'oblast', 'anywhere'];

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s);

function tenge(tiyn: number): string {
  return new Intl.NumberFormat('ru-RU').format(Math.floor(tiyn / 100)) + ' ₸';
}

// The profile form and the suitable vacancies under it, for the person `iin`.
export async function profileSections(iin: string): Promise<HTMLElement[]> {
  let profile: Profile | null = null;
  try {
    profile = await apiGet<Profile>(`/api/v1/people/${iin}/profile`);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404 && err.key.startsWith('profile.'))) throw err;
  }
  const matches = h('section', { 'aria-labelledby': 'matches-h' });
  const refresh = async () => matches.replaceChildren(...(await matchesContent(iin, profile !== null)));
  await refresh();
  return [
    profileForm(iin, profile, async (saved) => {
      profile = saved;
      await refresh();
    }),
    matches,
  ];
}

function profileForm(iin: string, p: Profile | null, saved: (p: Profile) => Promise<void>): HTMLElement {
  let version = p?.row_version;
  const text = (name: string, value: string, required = false) =>
    h('input', { type: 'text', name, value, required, autocomplete: 'off' });
  const occupations = text('occupations', (p?.occupations ?? []).join(', '), true);
  const skills = text('skills', (p?.skills ?? []).join(', '));
  const education = h(
    'select',
    { name: 'education' },
    EDUCATION.map((e) => h('option', { value: e, selected: e === (p?.education ?? '') }, t(`profile.education_${e || 'none'}`))),
  );
  const experience = text('experience', (p?.experience ?? []).map((e) => `${e.nkz}:${e.years}`).join(', '));
  const languageSelects = LANGUAGES.map((code) => {
    const have = p?.languages.find((l) => l.code === code)?.level ?? '';
    const select = h(
      'select',
      { name: `language_${code}` },
      LEVELS.map((l) => h('option', { value: l, selected: l === have }, t(`profile.level_${l || 'none'}`))),
    );
    return { code, select };
  });
  const wage = h('input', { type: 'number', name: 'wage_tiyn', min: '0', step: '1', value: p ? String(Math.floor(p.wage_tiyn / 100)) : '' });
  const times = WORKING_TIMES.map((w) => {
    const id = uid('wt');
    const box = h('input', { type: 'checkbox', id, name: 'working_times', value: w, checked: p?.working_times.includes(w) ?? false });
    return { w, box, row: h('div', { class: 'field check' }, box, h('label', { for: id }, t(`profile.time_${w}`))) };
  });
  const moves = MOBILITY.map((m) => {
    const id = uid('mob');
    const radio = h('input', { type: 'radio', id, name: 'mobility', value: m, required: true, checked: (p?.mobility ?? 'none') === m });
    return { m, radio, row: h('div', { class: 'field check' }, radio, h('label', { for: id }, t(`profile.mobility_${m}`))) };
  });
  const homeKato = h('input', { type: 'text', name: 'home_kato', value: p?.home_kato ?? '', required: true, inputmode: 'numeric', pattern: '[0-9]{9}' });
  const licences = text('driving_licences', (p?.driving_licences ?? []).join(', '));
  const disabilityId = uid('dis');
  const disability = h('input', { type: 'checkbox', id: disabilityId, name: 'disability', checked: p?.disability ?? false });
  const adaptations = h('textarea', { name: 'adaptations', rows: 2 }, (p?.adaptations ?? []).join('\n'));
  const button = h('button', { type: 'submit' }, t('profile.save'));
  const message = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'profile', novalidate: true },
    field(t('profile.occupations'), occupations, t('profile.occupations_hint')),
    field(t('profile.skills'), skills, t('profile.list_hint')),
    field(t('profile.education'), education),
    field(t('profile.experience'), experience, t('profile.experience_hint')),
    h(
      'fieldset',
      null,
      h('legend', null, t('profile.languages')),
      languageSelects.map(({ code, select }) => field(t(`lang.${code}`), select)),
    ),
    field(t('profile.wage'), wage, t('profile.wage_hint')),
    h('fieldset', { class: 'checklist' }, h('legend', null, t('profile.working_times')), times.map((x) => x.row)),
    h('fieldset', { class: 'checklist' }, h('legend', null, t('profile.mobility')), moves.map((x) => x.row)),
    field(t('profile.home_kato'), homeKato, t('profile.home_kato_hint')),
    field(t('profile.licences'), licences, t('profile.list_hint')),
    h(
      'fieldset',
      null,
      h('legend', null, t('profile.disability_legend')),
      h('div', { class: 'field check' }, disability, h('label', { for: disabilityId }, t('profile.disability'))),
      field(t('profile.adaptations'), adaptations, t('profile.adaptations_hint')),
    ),
    button,
    message,
  );
  onSubmit(form, button, message, async () => {
    const body = {
      occupations: list(occupations.value),
      skills: list(skills.value),
      education: education.value,
      experience: list(experience.value).map((e) => {
        const [nkz, years] = e.split(':').map((s) => s.trim());
        return { nkz, years: Number(years ?? 0) };
      }),
      languages: languageSelects.filter((l) => l.select.value).map((l) => ({ code: l.code, level: l.select.value })),
      wage_tiyn: wage.value ? Math.round(Number(wage.value) * 100) : 0,
      working_times: times.filter((x) => x.box.checked).map((x) => x.w),
      mobility: moves.find((x) => x.radio.checked)?.m ?? 'none',
      home_kato: homeKato.value.trim(),
      driving_licences: list(licences.value),
      disability: disability.checked,
      adaptations: adaptations.value
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s),
      row_version: version,
    };
    const stored = await apiSend<Profile>('PUT', `/api/v1/people/${iin}/profile`, body);
    version = stored.row_version;
    message.replaceChildren(statusBox(t('profile.saved')));
    await saved(stored);
  });
  return h(
    'section',
    { 'aria-labelledby': 'profile-h' },
    h('h2', { id: 'profile-h' }, t('profile.title')),
    p ? null : h('p', null, t('profile.none_yet')),
    form,
  );
}

async function matchesContent(iin: string, hasProfile: boolean): Promise<HTMLElement[]> {
  const heading = h('h2', { id: 'matches-h' }, t('matches.title'));
  if (!hasProfile) return [heading, h('p', null, t('matches.no_profile'))];
  const found = await apiGet<{ items: Match[] }>(`/api/v1/people/${iin}/matches?limit=20`);
  if (!found.items.length) return [heading, h('p', null, t('matches.none'))];
  return [
    heading,
    h(
      'ol',
      { class: 'matches' },
      found.items.map((m) => matchItem(m.vacancy.title, `${m.vacancy.employer.name} · ${tenge(m.vacancy.wage_tiyn)} · `, m.score, m.reasons)),
    ),
  ];
}

// One ranked match: its title as a heading, the facts and the score, then each reason met or
// not in words beside its icon. A seeker's vacancies and a vacancy's candidates read alike.
export function matchItem(title: Child, facts: string, score: number, reasons: Reason[]): HTMLElement {
  const titleId = uid('match');
  return h(
    'li',
    { 'aria-labelledby': titleId },
    h('h3', { id: titleId }, title),
    h('p', { class: 'match-facts' }, facts, h('strong', null, t('matches.score', { score }))),
    h(
      'ul',
      { class: 'reasons' },
      reasons.map((r) =>
        h(
          'li',
          { class: r.met ? 'reason met' : 'reason unmet' },
          h('span', { class: 'reason-icon', 'aria-hidden': 'true' }, r.met ? '✓' : '✗'),
          ' ',
          h('span', { class: 'reason-state' }, t(r.met ? 'matches.met' : 'matches.not_met')),
          ': ',
          r.text[lang()],
        ),
      ),
    ),
  );
}
