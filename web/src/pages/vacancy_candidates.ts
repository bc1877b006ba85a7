// A vacancy's candidates (/vacancies/:id/candidates), for staff of its office or oblast
// (docs/MATCHING.md): the job seekers with a profile and an active card, best first, each with
// the reasons met or not, read as a seeker's suitable vacancies read (profile.ts's matchItem).
import { apiGet } from '../api';
import { hasRole, link, offices, pageTitle } from '../app';
import { h } from '../dom';
import { isOne, label, loc, t } from '../i18n';
import { matchItem, type Reason } from './profile';
import type { Vacancy } from './vacancies';

// The roles GET /api/v1/vacancies/{id}/matches answers (matching_routes.cpp's kVacancyStaff).
export const CANDIDATE_ROLES = ['office_clerk', 'head', 'executor', 'employment_specialist', 'employer_specialist', 'unit_head'];
const LIMIT = 50;

interface Candidate {
  person: { iin: string; name: string; office: string };
  score: number;
  reasons: Reason[];
}

export function candidatesPath(id: number): string {
  return `/vacancies/${id}/candidates`;
}

// The link to a vacancy's candidates, for those who may see them; only a published vacancy has any.
export function candidatesLink(v: Vacancy): HTMLAnchorElement | null {
  if (v.status !== 'published' || !hasRole(...CANDIDATE_ROLES)) return null;
  return link(candidatesPath(v.id), t('candidates.link'), { 'aria-label': `${t('candidates.link')}: ${v.title}` });
}

export async function vacancyCandidatesPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const v = await apiGet<Vacancy>(`/api/v1/vacancies/${params.id}`);
  main.append(
    pageTitle(t('candidates.title', { title: v.title })),
    h('p', null, link('/vacancies', t('vacancies.back'))),
    h('p', null, t('candidates.intro')),
  );
  if (v.status !== 'published') {
    main.append(h('p', { class: 'warning' }, t('candidates.not_published', { status: label('vacancy_status', v.status) })));
    return;
  }
  const [found, places] = await Promise.all([
    apiGet<{ items: Candidate[] }>(`/api/v1/vacancies/${v.id}/matches?limit=${LIMIT}`),
    offices().catch(() => []),
  ]);
  if (!found.items.length) {
    main.append(h('p', { class: 'empty' }, t('candidates.none')));
    return;
  }
  const officeName = (id: string) => loc(places.find((o) => o.id === id)?.name) || id;
  main.append(
    h('p', { id: 'candidates-count' }, t(isOne(found.items.length) ? 'candidates.count_one' : 'candidates.count', { n: found.items.length })),
    h(
      'ol',
      { class: 'matches', 'aria-labelledby': 'candidates-count' },
      found.items.map((c) =>
        matchItem(
          link(`/people/${c.person.iin}/card`, c.person.name.trim() || c.person.iin),
          `${t('candidates.iin', { iin: c.person.iin })} · ${officeName(c.person.office)} · `,
          c.score,
          c.reasons,
        ),
      ),
    ),
  );
}
