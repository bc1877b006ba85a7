// Decision lists (docs/DECISION_LISTS.md): the office's lists of applications decided at once.
// /lists: the lists by status; /lists/{id}: one list, where the listing step's role sends it
// for decision, the deciding role decides every item in one form, and the deciding step's role
// records the decisions on each case. Who may do what comes from the list (its `roles`), not
// from here.
import { ApiError, apiGet, apiSend, query, type ApiErrorDetail } from '../api';
import { detailText, errorBox, grid, link, navigate, onSubmit, pageTitle, processes, session, statusBox, userTimeZone } from '../app';
import { field, h, uid } from '../dom';
import { formatInstant, label, loc, t } from '../i18n';
import type { DecisionList, DecisionListDetail, DecisionListItem, DecisionListMove, DecisionListStatus, StaffMember } from '../types';

const STATUSES: DecisionListStatus[] = ['open', 'submitted', 'decided', 'recorded'];

// A notice carried over the re-render after an action.
let flash: string | null = null;

export async function decisionListsPage(main: HTMLElement): Promise<void> {
  const wanted = new URLSearchParams(location.search).get('status') ?? '';
  const status = STATUSES.includes(wanted as DecisionListStatus) ? wanted : '';
  const [lists, procs, zone] = await Promise.all([
    apiGet<{ items: DecisionList[] }>(`/api/v1/decision-lists${query({ status: status || undefined, limit: '200' })}`),
    processes(),
    userTimeZone(),
  ]);
  const title = (code: string) => loc(procs.find((p) => p.code === code)?.title) || code;
  const filter = h(
    'select',
    {
      name: 'status',
      id: 'lists-status',
      onchange: (e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        navigate(`/lists${v ? `?status=${v}` : ''}`);
      },
    },
    h('option', { value: '' }, t('lists.all')),
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, label('list_status', s))),
  );
  const when = (m: DecisionListMove | null) => (m ? formatInstant(m.at, zone) : '—');
  const rows = lists.items.map((l) =>
    h(
      'tr',
      { 'data-status': l.status },
      h('th', { scope: 'row' }, link(`/lists/${l.id}`, l.number)),
      h('td', null, title(l.process)),
      h('td', { class: 'number' }, String(l.items_count)),
      h('td', null, h('span', { class: `status list-${l.status}` }, label('list_status', l.status))),
      h('td', null, formatInstant(l.created_at, zone)),
      h('td', null, when(l.submitted)),
      h('td', null, when(l.decided)),
      h('td', null, when(l.recorded)),
    ),
  );
  main.append(
    pageTitle(t('lists.title')),
    h('p', null, t('lists.intro')),
    field(t('lists.filter'), filter),
    rows.length
      ? grid(
          ['lists.number', 'lists.process', 'lists.cases', 'lists.status', 'lists.created', 'lists.submitted', 'lists.decided', 'lists.recorded'],
          rows,
          h('caption', { class: 'visually-hidden' }, t('lists.title')),
        )
      : h('p', { class: 'empty' }, t(status ? 'lists.none_with_status' : 'lists.none')),
  );
}

// What the page knows besides the list: staff names, the employers' names, the time zone.
interface Context {
  list: DecisionListDetail;
  names: Map<string, string>;
  applicants: Map<string, string>;
  zone: string | undefined;
  roles: Set<string>;
}

export async function decisionListPage(main: HTMLElement, params: Record<string, string>): Promise<void> {
  const list = await apiGet<DecisionListDetail>(`/api/v1/decision-lists/${params.id}`);
  const [procs, zone, names, applicants, roles] = await Promise.all([
    processes(),
    userTimeZone(),
    staffNames(list.office),
    applicantNames(list.items),
    effectiveRoles(),
  ]);
  const ctx: Context = { list, names, applicants, zone, roles };
  main.append(pageTitle(t('lists.list_title', { number: list.number })));
  if (flash) {
    main.append(statusBox(flash));
    flash = null;
  }
  main.append(facts(ctx, loc(procs.find((p) => p.code === list.process)?.title) || list.process));
  if (list.status === 'decided' || list.status === 'recorded') {
    main.append(
      h('p', null, h('a', { href: `/api/v1/decision-lists/${list.id}/pdf`, download: `${list.number}.pdf`, class: 'button-link', id: 'list-pdf' }, t('lists.pdf'))),
    );
  }
  // An application withdrawn after it was listed holds the list up until it is taken off.
  const undecided = list.status === 'open' || list.status === 'submitted';
  if (undecided && list.items.some((i) => !i.awaiting_decision) && (roles.has(list.roles.submit) || roles.has(list.roles.decide))) {
    main.append(action(ctx, 'drop-stale', t('lists.drop_stale'), t('lists.drop_stale_hint'), t('lists.dropped_done')));
  }
  if (list.status === 'submitted' && roles.has(list.roles.decide)) {
    main.append(decisionForm(ctx));
    return;
  }
  main.append(itemsTable(ctx));
  if (list.status === 'open' && roles.has(list.roles.submit)) {
    main.append(
      action(ctx, 'submit', t('lists.submit', { role: label('role', list.roles.decide) }), t('lists.submit_hint'), t('lists.submitted_done')),
    );
  }
  if (list.status === 'decided' && roles.has(list.roles.record)) {
    main.append(
      action(ctx, 'record', t('lists.record'), t('lists.record_hint', { step: `${list.step.ref} ${loc(list.step.title)}` }), t('lists.recorded_done')),
    );
  }
}

// The roles the user acts in today: their own, and those delegated to them (docs/ACTING.md).
async function effectiveRoles(): Promise<Set<string>> {
  const roles = new Set(session.user?.roles ?? []);
  try {
    const delegations = await apiGet<{ items: { role: string; delegate: { login: string }; status: string }[] }>('/api/v1/delegations');
    for (const d of delegations.items) if (d.status === 'in_force' && d.delegate.login === session.user?.login) roles.add(d.role);
  } catch {
    // not ours to read: the own roles stand
  }
  return roles;
}

async function staffNames(office: string): Promise<Map<string, string>> {
  try {
    const staff = await apiGet<{ items: StaffMember[] }>(`/api/v1/offices/${encodeURIComponent(office)}/staff`);
    return new Map(staff.items.map((m) => [m.login, m.full_name]));
  } catch {
    return new Map();
  }
}

// The applicants by name from the registries (an employer by BIN, a person by IIN); a name
// that cannot be read leaves the number alone.
async function applicantNames(items: DecisionListItem[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const bins = [...new Set(items.map((i) => i.applicant_bin).filter(Boolean))];
  const iins = [...new Set(items.map((i) => i.applicant_iin).filter(Boolean))];
  await Promise.all([
    ...bins.map((bin) =>
      apiGet<{ name?: string }>(`/api/v1/employers/${bin}`).then(
        (e) => void (e.name && out.set(bin, e.name)),
        () => undefined,
      ),
    ),
    ...iins.map((iin) =>
      apiGet<{ surname?: string; given_name?: string; patronymic?: string }>(`/api/v1/people/${iin}`).then(
        (p) => void out.set(iin, [p.surname, p.given_name, p.patronymic].filter(Boolean).join(' ')),
        () => undefined,
      ),
    ),
  ]);
  return out;
}

function fact(term: string, value: Node | string): HTMLElement[] {
  return [h('dt', null, term), h('dd', null, value)];
}

function facts(ctx: Context, processTitle: string): HTMLElement {
  const { list } = ctx;
  const moved = (m: DecisionListMove | null) =>
    m ? t('lists.moved', { name: ctx.names.get(m.login) || m.login, at: formatInstant(m.at, ctx.zone) }) : '—';
  return h(
    'dl',
    { class: 'facts' },
    fact(t('lists.process'), processTitle),
    fact(t('lists.step'), `${list.step.ref} ${loc(list.step.title)}`),
    fact(t('lists.status'), h('span', { class: `status list-${list.status}`, id: 'list-status' }, label('list_status', list.status))),
    fact(t('lists.cases'), String(list.items.length)),
    fact(t('lists.created'), formatInstant(list.created_at, ctx.zone)),
    fact(t('lists.submitted'), moved(list.submitted)),
    fact(t('lists.decided'), moved(list.decided)),
    fact(t('lists.recorded'), moved(list.recorded)),
  );
}

function caseCell(ctx: Context, item: DecisionListItem): HTMLElement {
  // A case withdrawn or moved on after it was listed: said, as the decision cannot be taken on it.
  const gone = !item.awaiting_decision && (ctx.list.status === 'open' || ctx.list.status === 'submitted');
  return h('td', null, link(`/cases/${item.case_id}`, item.case_number), gone ? [h('br'), h('span', { class: 'hint' }, t('lists.not_awaiting'))] : null);
}

function applicantCell(ctx: Context, item: DecisionListItem): HTMLElement {
  const id = item.applicant_bin || item.applicant_iin;
  const name = ctx.applicants.get(id);
  const number = t(item.applicant_bin ? 'lists.bin' : 'lists.iin', { id });
  return h('td', null, name ? [name, h('br'), h('span', { class: 'hint' }, number)] : number);
}

// The refusal grounds an item cites, in words (the codes the outcome may cite).
function groundsText(ctx: Context, item: DecisionListItem): HTMLElement | string {
  if (!item.grounds.length) return '';
  const known = ctx.list.outcomes.find((o) => o.id === item.outcome)?.grounds ?? [];
  return h(
    'ul',
    { class: 'grounds-cited' },
    item.grounds.map((code) => {
      const g = known.find((x) => x.code === code);
      return h('li', null, g ? [loc(g.text), g.item ? ` (${g.item})` : ''] : code);
    }),
  );
}

// The cells every row of a list starts with: position, case, applicant, the specialist's remark.
function itemCells(ctx: Context, item: DecisionListItem): HTMLElement[] {
  return [h('td', null, String(item.position)), caseCell(ctx, item), applicantCell(ctx, item), h('td', { class: 'remark' }, item.remark || '—')];
}

function itemsTable(ctx: Context): HTMLElement {
  const decided = ctx.list.status === 'decided' || ctx.list.status === 'recorded';
  const heads = ['lists.position', 'lists.case', 'lists.applicant', 'lists.remark', ...(decided ? ['lists.outcome', 'lists.grounds'] : [])];
  const rows = ctx.list.items.map((item) =>
    h(
      'tr',
      { 'data-case': item.case_number },
      itemCells(ctx, item),
      decided ? [h('td', { class: 'outcome' }, item.outcome ? label('outcome', item.outcome) : '—'), h('td', null, groundsText(ctx, item))] : null,
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'items-h' },
    h('h2', { id: 'items-h' }, t('lists.items')),
    rows.length ? grid(heads, rows) : h('p', { class: 'empty' }, t('lists.no_items')),
  );
}

// Sending the list for decision, or recording the decisions: one button, the list's answer
// drawn anew.
function action(ctx: Context, verb: 'submit' | 'record' | 'drop-stale', text: string, hint: string, done: string): HTMLElement {
  const hintId = uid('hint');
  const button = h('button', { type: 'submit', id: `list-${verb}`, 'aria-describedby': hintId }, text);
  const message = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'list-action card', novalidate: true }, h('p', { class: 'hint', id: hintId }, hint), button, message);
  onSubmit(form, button, message, async () => {
    await apiSend('POST', `/api/v1/decision-lists/${ctx.list.id}/${verb}`);
    flash = done;
    navigate(`/lists/${ctx.list.id}`);
  });
  return form;
}

// One row of the head's form: the outcome chosen, the grounds of a refusal, the row's error.
interface Row {
  item: DecisionListItem;
  radios: HTMLInputElement[];
  grounds: Map<string, HTMLFieldSetElement>;
  error: HTMLElement;
  tr: HTMLTableRowElement;
}

// The deciding role's form: every item's outcome (and a refusal's grounds) chosen, then sent
// at once. The server checks the whole; its problems land beside the rows they name
// (`items[i]` is the list's i-th item), and what was chosen stays as it was.
function decisionForm(ctx: Context): HTMLElement {
  const rows: Row[] = ctx.list.items.map((item) => decisionRow(ctx, item));
  const message = h('div', { 'aria-live': 'polite', id: 'decision-message' });
  const submit = h('button', { type: 'submit', id: 'list-decide' }, t('lists.decide'));
  const table = grid(
    ['lists.position', 'lists.case', 'lists.applicant', 'lists.remark', 'lists.outcome'],
    rows.map((r) => r.tr),
  );
  const form = h(
    'form',
    { class: 'list-decision', novalidate: true, 'aria-labelledby': 'decide-h' },
    h('h2', { id: 'decide-h' }, t('lists.decide_title')),
    h('p', null, t('lists.decide_intro')),
    message,
    table,
    submit,
  );
  const clear = () => {
    for (const r of rows) {
      r.error.textContent = '';
      r.error.hidden = true;
      r.tr.classList.remove('invalid');
      r.tr.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    message.replaceChildren();
    clear();
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    const items = rows.map((r) => {
      const outcome = r.radios.find((x) => x.checked)?.value ?? '';
      const box = r.grounds.get(outcome);
      const grounds = box ? [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((x) => x.value) : [];
      return { case_id: r.item.case_id, outcome, grounds };
    });
    apiSend('POST', `/api/v1/decision-lists/${ctx.list.id}/decide`, { items })
      .then(() => {
        flash = t('lists.decided_done');
        navigate(`/lists/${ctx.list.id}`);
      })
      .catch((err: unknown) => showProblems(err, rows, message))
      .finally(() => {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
      });
  });
  return form;
}

function decisionRow(ctx: Context, item: DecisionListItem): Row {
  const name = uid('decision');
  const errorId = uid('row-error');
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const radios: HTMLInputElement[] = [];
  const grounds = new Map<string, HTMLFieldSetElement>();
  const choices = ctx.list.outcomes.map((o) => {
    const id = uid('o');
    const input = h('input', { type: 'radio', name, id, value: o.id });
    radios.push(input);
    return h('div', { class: 'field check' }, input, h('label', { for: id }, label('outcome', o.id)));
  });
  const outcomes = h(
    'fieldset',
    { class: 'choice', 'aria-describedby': errorId },
    h('legend', null, t('lists.decision_for', { number: item.case_number })),
    choices,
  );
  for (const o of ctx.list.outcomes.filter((x) => x.requires_grounds)) {
    const box = h(
      'fieldset',
      { class: 'grounds', 'data-outcome': o.id, 'aria-describedby': errorId },
      h('legend', null, t('lists.grounds_for', { number: item.case_number })),
      o.grounds.map((g) => {
        const id = uid('g');
        return h(
          'div',
          { class: 'field check' },
          h('input', { type: 'checkbox', id, value: g.code, name: `${name}-ground` }),
          h('label', { for: id }, loc(g.text), g.item ? ` (${g.item})` : ''),
        );
      }),
    );
    grounds.set(o.id, box);
  }
  // The grounds of the outcome chosen only: the others hidden and disabled (kept as ticked,
  // should the head come back to them, but not sent).
  const sync = () => {
    const chosen = radios.find((r) => r.checked)?.value;
    for (const [id, box] of grounds) {
      box.hidden = id !== chosen;
      box.disabled = box.hidden;
    }
  };
  radios.forEach((r) => r.addEventListener('change', sync));
  sync();
  const tr = h(
    'tr',
    { 'data-case': item.case_number },
    itemCells(ctx, item),
    h('td', { class: 'decision' }, outcomes, [...grounds.values()], error),
  );
  return { item, radios, grounds, error, tr };
}

// The server's answer to a wrong decision: each `items[i]...` detail beside its row, the
// controls it names marked, a summary at the top naming each case; anything else in the box.
function showProblems(err: unknown, rows: Row[], message: HTMLElement): void {
  const placed: { row: Row; detail: ApiErrorDetail }[] = [];
  const rest: ApiErrorDetail[] = [];
  if (err instanceof ApiError) {
    for (const d of err.details) {
      const m = /^items\[(\d+)\](?:\.(\w+))?/.exec(d.field);
      const row = m ? rows[Number(m[1])] : undefined;
      if (row) placed.push({ row, detail: d });
      else rest.push(d);
    }
  }
  if (!placed.length) {
    message.append(errorBox(err));
    return;
  }
  let first: HTMLElement | null = null;
  for (const { row, detail } of placed) {
    const text = detailText(detail);
    // A sentence beside the row, as beside a form's field; a second problem of the row joins it.
    row.error.textContent = row.error.textContent ? `${row.error.textContent}; ${text}` : text.charAt(0).toLocaleUpperCase() + text.slice(1);
    row.error.hidden = false;
    row.tr.classList.add('invalid');
    // A problem with the grounds marks the grounds shown; any other, the outcome's choices.
    const open = [...row.grounds.values()].find((box) => !box.hidden);
    const controls = detail.field.endsWith('.grounds') && open ? [...open.querySelectorAll('input')] : row.radios;
    controls.forEach((c) => c.setAttribute('aria-invalid', 'true'));
    first ??= controls.find((c) => (c as HTMLInputElement).checked) ?? controls[0] ?? null;
  }
  message.append(
    h(
      'div',
      { class: 'error', role: 'alert', id: 'decision-summary' },
      h('p', null, t('lists.fix_items', { n: new Set(placed.map((p) => p.row)).size })),
      // The server's words name the case already.
      h('ul', null, placed.map(({ row, detail }) => h('li', null, `${row.item.position}. ${detailText(detail)}`))),
    ),
  );
  if (rest.length) message.append(errorBox(err, rest));
  first?.focus();
}
