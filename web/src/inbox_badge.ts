// The header's link to the inbox with the unread count: a badge for the eye, and the count in
// the link's accessible name ("Inbox, 3 unread"). Refreshed on every navigation and every
// minute while the page is visible, one request at a time (notices.ts's UnreadPoller).
import { apiGet } from './api';
import { link } from './app';
import { h } from './dom';
import { isOne, t } from './i18n';
import { UnreadPoller, type Inbox } from './notices';

export const INBOX_PATH = '/inbox';
const LINK_ID = 'inbox-link';

let unread: number | null = null;

const poller = new UnreadPoller(
  async () => (await apiGet<Inbox>('/api/v1/inbox?limit=1')).unread,
  (count) => setUnread(count),
  {
    intervalMs: 60_000,
    visible: () => document.visibilityState === 'visible',
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
);
document.addEventListener('visibilitychange', () => poller.visibilityChanged());

function paint(a: HTMLElement): void {
  const name = h('span', null, t('nav.inbox'));
  if (unread) {
    a.replaceChildren(name, ' ', h('span', { class: 'count', 'aria-hidden': 'true' }, unread > 99 ? '99+' : String(unread)));
    a.setAttribute('aria-label', t(isOne(unread) ? 'inbox.link_unread_one' : 'inbox.link_unread', { n: unread }));
  } else {
    a.replaceChildren(name);
    a.removeAttribute('aria-label');
  }
}

// The link as the header draws it, with the count last known.
export function inboxLink(): HTMLAnchorElement {
  const a = link(INBOX_PATH, '', { id: LINK_ID, class: 'inbox-link' });
  paint(a);
  return a;
}

// A count the inbox page has just read: shown without asking again.
export function setUnread(count: number): void {
  unread = count;
  const a = document.getElementById(LINK_ID);
  if (a) paint(a);
}

// Asks for the count now (the first time: starts the minute ticks).
export function refreshUnread(): void {
  void (poller.active ? poller.refresh() : poller.start());
}

// Signed out: no more requests, and nothing of the last account's count kept.
export function stopUnread(): void {
  poller.stop();
  unread = null;
}
