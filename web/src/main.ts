import './styles.css';
import { ApiError, apiGet, apiSend, setUnauthenticatedHandler } from './api';
import { errorBox, forgetCaches, hasRole, isApplicant, link, navigate, session, setNavigator } from './app';
import { append, h } from './dom';
import { saveDraft } from './drafts';
import { LANGS, lang, setLang, t, type Lang } from './i18n';
import { INBOX_PATH, inboxLink, refreshUnread, stopUnread } from './inbox_badge';
import { accountPage } from './pages/account';
import { adminPage } from './pages/admin';
import { cabinetPage, applyPage } from './pages/cabinet';
import { cardPage } from './pages/card';
import { casePage } from './pages/case';
import { commissionPage } from './pages/commission';
import { contractPage, contractsPage } from './pages/contracts';
import { dashboardPage } from './pages/dashboard';
import { delegationsPage } from './pages/delegations';
import { employerUsersPage } from './pages/employer_users';
import { inboxPage } from './pages/inbox';
import { intakePage } from './pages/intake';
import { loginPage } from './pages/login';
import { notificationsPage } from './pages/notifications';
import { queuePage } from './pages/queue';
import { signingPage } from './pages/signing';
import { slaPage } from './pages/sla';
import { usersPage } from './pages/users';
import { vacanciesPage, vacancyFormPage } from './pages/vacancies';
import { vacancyCandidatesPage } from './pages/vacancy_candidates';
import { JOBS_PATH, vacancySearchPage } from './pages/vacancy_search';
import { placementsPage } from './pages/placements';
import { decisionListPage, decisionListsPage } from './pages/decision_lists';
import { paymentsPage } from './pages/payments';
import { ACTIVITY_RECORDERS, activitiesPage } from './pages/activities';
import type { User } from './types';

type Page = (main: HTMLElement, params: Record<string, string>) => Promise<void> | void;

const routes: { pattern: RegExp; keys: string[]; page: Page; public?: boolean }[] = [
  { pattern: /^\/login$/, keys: [], page: loginPage, public: true },
  { pattern: /^\/$/, keys: [], page: homePage },
  { pattern: /^\/queue$/, keys: [], page: queuePage },
  { pattern: /^\/signing$/, keys: [], page: signingPage },
  { pattern: /^\/cases\/(\d+)$/, keys: ['id'], page: casePage },
  { pattern: /^\/people\/(\d{12})\/card$/, keys: ['iin'], page: cardPage },
  { pattern: /^\/intake$/, keys: [], page: intakePage },
  { pattern: /^\/cabinet$/, keys: [], page: cabinetPage },
  { pattern: /^\/cabinet\/apply\/([a-z0-9-]+)$/, keys: ['process'], page: applyPage },
  { pattern: /^\/cabinet\/users$/, keys: [], page: employerUsersPage },
  { pattern: /^\/delegations$/, keys: [], page: delegationsPage },
  { pattern: /^\/reports\/sla$/, keys: [], page: slaPage },
  { pattern: /^\/dashboard$/, keys: [], page: dashboardPage },
  { pattern: /^\/admin$/, keys: [], page: adminPage },
  { pattern: /^\/admin\/users$/, keys: [], page: usersPage },
  { pattern: /^\/commission$/, keys: [], page: commissionPage },
  { pattern: /^\/account$/, keys: [], page: accountPage },
  { pattern: /^\/inbox$/, keys: [], page: inboxPage },
  { pattern: /^\/notifications$/, keys: [], page: notificationsPage },
  { pattern: /^\/vacancies$/, keys: [], page: vacanciesPage },
  { pattern: /^\/vacancies\/new$/, keys: [], page: vacancyFormPage },
  { pattern: /^\/vacancies\/(\d+)\/edit$/, keys: ['id'], page: vacancyFormPage },
  { pattern: /^\/vacancies\/(\d+)\/candidates$/, keys: ['id'], page: vacancyCandidatesPage },
  { pattern: /^\/jobs$/, keys: [], page: vacancySearchPage, public: true },
  { pattern: /^\/placements$/, keys: [], page: placementsPage },
  { pattern: /^\/lists$/, keys: [], page: decisionListsPage },
  { pattern: /^\/lists\/(\d+)$/, keys: ['id'], page: decisionListPage },
  { pattern: /^\/contracts$/, keys: [], page: contractsPage },
  { pattern: /^\/contracts\/(\d+)$/, keys: ['id'], page: contractPage },
  { pattern: /^\/payments$/, keys: [], page: paymentsPage },
  { pattern: /^\/activities$/, keys: [], page: activitiesPage },
  // Loaded when opened: Chart.js stays out of every other page's bundle.
  { pattern: /^\/analytics$/, keys: [], page: async (main) => (await import('./pages/analytics')).analyticsPage(main) },
];

// The roles that work or oversee tasks: the work queue and the office dashboard are theirs (the
// administrators' start page is the administration).
const TASK_ROLES = ['office_clerk', 'head', 'executor', 'employment_specialist', 'employer_specialist', 'unit_head', 'analyst', 'commission_member', 'commission_secretary'];

// Who sends, decides and records decision lists in the shipped definitions (P2: the employers'
// specialist lists and records, the head decides); the server admits any staff to read them.
const LIST_ROLES = ['employer_specialist', 'head'];

// Who reads the payments registry of their offices (GET /api/v1/payments/totals); the head
// also approves, returns, exports and imports statements there.
const PAYMENT_ROLES = ['head', 'analyst', 'unit_head'];

// Who keeps or sees the vacancy bank (GET /api/v1/vacancies/managed).
const VACANCY_ROLES = ['employer', 'office_clerk', 'head', 'executor', 'employment_specialist', 'employer_specialist', 'unit_head', 'analyst', 'admin'];

function homePage(): void {
  navigate(isApplicant() ? '/cabinet' : hasRole(...TASK_ROLES) ? '/queue' : '/admin');
}

function renderHeader(): void {
  const top = document.getElementById('top')!;
  top.replaceChildren();
  const langSelect = h(
    'select',
    {
      id: 'lang',
      onchange: (e: Event) => {
        setLang((e.target as HTMLSelectElement).value as Lang);
        void render();
      },
    },
    LANGS.map((l) => h('option', { value: l, selected: l === lang() }, t(`lang.${l}`))),
  );
  const nav: HTMLElement[] = [];
  const user = session.user;
  if (user) {
    if (isApplicant()) nav.push(link('/cabinet', t('nav.cabinet')));
    else if (hasRole(...TASK_ROLES)) nav.push(link('/queue', t('nav.queue')));
    if (hasRole(...TASK_ROLES)) nav.push(link('/dashboard', t('nav.dashboard')));
    if (hasRole('office_clerk')) nav.push(link('/intake', t('nav.intake')));
    if (hasRole('head', 'unit_head')) nav.push(link('/signing', t('nav.signing')));
    if (hasRole(...LIST_ROLES)) nav.push(link('/lists', t('nav.lists')));
    if (hasRole('commission_member', 'commission_secretary')) nav.push(link('/commission', t('nav.commission')));
    if (hasRole('analyst', 'head', 'unit_head', 'admin')) nav.push(link('/reports/sla', t('nav.sla')), link('/analytics', t('nav.analytics')));
    if (!isApplicant()) nav.push(link('/delegations', t('nav.delegations')));
    if (hasRole('admin')) nav.push(link('/admin', t('nav.admin')), link('/admin/users', t('nav.users')));
    else if (hasRole('national_admin')) nav.push(link('/admin', t('nav.admin')), link('/admin/users', t('nav.users')));
    if (hasRole('admin', 'analyst', 'national_admin')) nav.push(link('/notifications', t('nav.notifications')));
    if (hasRole(...VACANCY_ROLES)) nav.push(link('/vacancies', t('nav.vacancies')));
    if (hasRole('employer', ...TASK_ROLES)) nav.push(link('/placements', t('nav.placements')));
    // The employer finds its contracts in the cabinet.
    if (hasRole('employer_specialist', 'head')) nav.push(link('/contracts', t('nav.contracts')));
    // An employer or a person finds the payments received in the cabinet.
    if (hasRole(...PAYMENT_ROLES)) nav.push(link('/payments', t('nav.payments')));
    // Any staff member reads the activities; those who hold them and the analyst find them here.
    if (hasRole(...ACTIVITY_RECORDERS, 'analyst')) nav.push(link('/activities', t('nav.activities')));
    nav.push(inboxLink(), link('/account', t('nav.account')));
    // Until a one-time password is changed, the server opens no other page.
    if (user.must_change_password) nav.splice(0, nav.length - 1);
  }
  // The public vacancy search: for everyone, signed in or not.
  if (!user?.must_change_password) nav.splice(Math.max(0, nav.length - 2), 0, link(JOBS_PATH, t('nav.jobs')));
  if (!user && location.pathname !== '/login') nav.push(link('/login', t('nav.sign_in')));
  const here = location.pathname;
  for (const a of nav) {
    if (here.startsWith(a.getAttribute('href')!)) a.setAttribute('aria-current', 'page');
  }
  append(top, [
    h('div', { class: 'brand' }, link('/', t('app.name'), { class: 'brand-link' }), h('span', { class: 'tagline' }, t('app.tagline'))),
    nav.length ? h('nav', { 'aria-label': t('nav.label') }, h('ul', null, nav.map((a) => h('li', null, a)))) : null,
    h(
      'div',
      { class: 'top-tools' },
      h('label', { for: 'lang', class: 'lang-label' }, t('lang.label')),
      langSelect,
      user
        ? [
            h('span', { class: 'who' }, t('app.signed_in_as', { login: user.full_name ? `${user.full_name} (${user.login})` : user.login })),
            h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: signOut }, t('app.sign_out')),
          ]
        : null,
    ),
  ]);
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('app.skip');
  // The unread count, asked for on each navigation (the inbox page reads it itself).
  if (!user || user.must_change_password) stopUnread();
  else if (here !== INBOX_PATH) refreshUnread();
}

async function signOut(): Promise<void> {
  try {
    await apiSend('POST', '/api/v1/auth/logout');
  } finally {
    session.user = null;
    stopUnread();
    forgetCaches();
    navigate('/login');
  }
}

async function loadUser(): Promise<void> {
  try {
    session.user = await apiGet<User>('/api/v1/auth/me');
  } catch {
    session.user = null;
  }
}

let renderCount = 0;
async function render(): Promise<void> {
  const mine = ++renderCount;
  const path = location.pathname;
  const route = routes.find((r) => r.pattern.test(path));
  const main = document.getElementById('main')!;
  if (!route) {
    renderHeader();
    main.replaceChildren(h('h1', { tabindex: '-1', id: 'page-title' }, t('app.not_found')));
    return;
  }
  if (!route.public && !session.user) {
    navigate(`/login?next=${encodeURIComponent(path + location.search)}`);
    return;
  }
  if (!route.public && session.user?.must_change_password && path !== '/account') {
    navigate('/account');
    return;
  }
  renderHeader();
  const match = route.pattern.exec(path)!;
  const params: Record<string, string> = {};
  route.keys.forEach((k, i) => (params[k] = match[i + 1]));
  main.replaceChildren(h('p', { role: 'status', class: 'loading' }, t('common.loading')));
  const fresh = h('div', { class: 'page' });
  try {
    await route.page(fresh, params);
  } catch (e) {
    // A record the user may not see is not found (404): the page says so in its title.
    if (e instanceof ApiError && e.status === 404 && !fresh.querySelector('#page-title')) {
      fresh.append(h('h1', { tabindex: '-1', id: 'page-title' }, t('app.not_found')));
    }
    fresh.append(errorBox(e));
  }
  if (mine !== renderCount) return; // a later navigation won
  main.replaceChildren(fresh);
  document.getElementById('page-title')?.focus();
}

setNavigator((path: string) => {
  if (path !== location.pathname + location.search) history.pushState(null, '', path);
  void render();
});
setUnauthenticatedHandler(() => {
  // The page's entries are kept for the same user, who comes back to them after signing in.
  saveDraft(session.user?.login);
  session.user = null;
  stopUnread();
  // A public page (the vacancy search opened from a link) stays: nobody needs to sign in there.
  const onPublicPage = routes.some((r) => r.public && r.pattern.test(location.pathname));
  if (!onPublicPage) navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
});

document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest?.('a[data-link]');
  if (!a || e.defaultPrevented || (e as MouseEvent).button !== 0) return;
  const me = e as MouseEvent;
  if (me.ctrlKey || me.metaKey || me.shiftKey || me.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href')!);
});
window.addEventListener('popstate', () => void render());

setLang(lang());
await loadUser();
await render();
