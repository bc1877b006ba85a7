// Notifications → the delivery log (administrators and analysts): every message the outbox
// holds, filtered by status and channel, each with its attempts; an administrator sends a
// failed one again by hand.
import { apiGet, apiSend, query } from '../api';
import { hasRole, link, navigate, onSubmit, pageTitle, statusBox, userTimeZone } from '../app';
import { field, h } from '../dom';
import { formatInstant, label, t } from '../i18n';
import { CHANNELS, retryable, STATUSES, type Delivery } from '../notices';

const PAGE_SIZE = 50;

export async function notificationsPage(main: HTMLElement): Promise<void> {
  const params = new URLSearchParams(location.search);
  const chosen = { status: params.get('status') ?? '', channel: params.get('channel') ?? '' };
  const status = h(
    'select',
    { name: 'status' },
    h('option', { value: '' }, t('delivery.any')),
    STATUSES.map((s) => h('option', { value: s, selected: s === chosen.status }, label('delivery_status', s))),
  );
  const channel = h(
    'select',
    { name: 'channel' },
    h('option', { value: '' }, t('delivery.any')),
    CHANNELS.map((c) => h('option', { value: c, selected: c === chosen.channel }, label('delivery_channel', c))),
  );
  const filters = h(
    'form',
    { class: 'inline card', 'aria-label': t('delivery.filters') },
    field(t('delivery.status'), status),
    field(t('delivery.channel'), channel),
    h('button', { type: 'submit' }, t('delivery.show')),
  );
  filters.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(`/notifications${query({ status: status.value, channel: channel.value })}`);
  });

  const [first, zone] = await Promise.all([
    apiGet<{ items: Delivery[] }>(`/api/v1/notifications${query({ ...chosen, limit: String(PAGE_SIZE) })}`),
    userTimeZone(),
  ]);
  const mayRetry = hasRole('admin', 'national_admin');
  const message = h('div', { 'aria-live': 'polite' });
  main.append(pageTitle(t('delivery.title')), h('p', null, t('delivery.intro')), filters, message);
  if (!first.items.length) {
    main.append(h('p', { class: 'empty', role: 'status' }, t('delivery.empty')));
    return;
  }
  const body = h('tbody');
  let last: Delivery | undefined;
  const more = h('button', { type: 'button', class: 'secondary' }, t('delivery.more'));
  const add = (items: Delivery[]) => {
    for (const item of items) body.append(row(item, zone, mayRetry, message));
    last = items[items.length - 1] ?? last;
    more.hidden = items.length < PAGE_SIZE;
  };
  onSubmit(more, more, message, async () => {
    const next = await apiGet<{ items: Delivery[] }>(
      `/api/v1/notifications${query({ ...chosen, limit: String(PAGE_SIZE), before: last ? String(last.id) : undefined })}`,
    );
    add(next.items);
  });
  add(first.items);
  const columns = ['delivery.created', 'delivery.channel', 'delivery.message', 'delivery.recipient', 'delivery.status', 'delivery.attempts'];
  if (mayRetry) columns.push('delivery.action');
  main.append(
    h(
      'table',
      { class: 'grid deliveries' },
      h('caption', null, t('delivery.table')),
      h('thead', null, h('tr', null, columns.map((k) => h('th', { scope: 'col' }, t(k))))),
      body,
    ),
    more,
  );
}

function row(item: Delivery, zone: string | undefined, mayRetry: boolean, message: HTMLElement): HTMLTableRowElement {
  const tr = h(
    'tr',
    { class: retryable(item.status) ? 'failed' : '' },
    h('td', null, h('time', { datetime: item.created_at }, formatInstant(item.created_at, zone))),
    h('td', null, label('delivery_channel', item.channel)),
    h(
      'th',
      { scope: 'row' },
      h('strong', null, item.subject || item.template),
      h('span', { class: 'muted small' }, ` (${item.template}${item.template_version ? ` v${item.template_version}` : ''})`),
      item.case_id ? [h('br'), link(`/cases/${item.case_id}`, t('delivery.case', { id: item.case_id }))] : null,
      h('br'),
      h('code', { class: 'reference' }, item.reference),
    ),
    h(
      'td',
      null,
      label('party', item.recipient),
      item.address ? [h('br'), item.address] : null,
    ),
    h('td', null, h('span', { class: `delivery-status ${item.status}` }, label('delivery_status', item.status))),
    h('td', null, attempts(item, zone)),
  );
  if (mayRetry) {
    const cell = h('td');
    if (retryable(item.status)) {
      const retry = h('button', { type: 'button', class: 'secondary', 'aria-label': t('delivery.retry_of', { reference: item.reference }) }, t('delivery.retry'));
      cell.append(retry);
      onSubmit(retry, retry, message, async () => {
        const again = await apiSend<Delivery>('POST', `/api/v1/notifications/${item.id}/retry`);
        const fresh = row({ ...item, ...again, attempts: again.attempts ?? item.attempts }, zone, mayRetry, message);
        tr.replaceWith(fresh);
        message.append(statusBox(t('delivery.retried', { reference: item.reference, status: label('delivery_status', again.status) })));
        (fresh.querySelector('th') as HTMLElement | null)?.setAttribute('tabindex', '-1');
        (fresh.querySelector('th') as HTMLElement | null)?.focus();
      });
    } else {
      cell.append('—');
    }
    tr.append(cell);
  }
  return tr;
}

// The attempts, folded: the count in the summary, each attempt with its start, outcome and the
// provider's reply when opened.
function attempts(item: Delivery, zone: string | undefined): HTMLElement {
  const list = item.attempts ?? [];
  if (!list.length) return h('span', null, t('delivery.no_attempts'));
  return h(
    'details',
    { class: 'attempts' },
    h('summary', null, t('delivery.attempt_count', { n: list.length })),
    h(
      'ol',
      null,
      list.map((a) =>
        h(
          'li',
          null,
          h('time', { datetime: a.started_at }, formatInstant(a.started_at, zone)),
          ': ',
          h('strong', null, label('delivery_status', a.outcome)),
          a.detail ? [' — ', h('span', { class: 'detail' }, a.detail)] : null,
        ),
      ),
    ),
  );
}
