// The inbox: the messages of the signed-in account (an employer user sees the employer's),
// newest first, each with its date, text and link; unread ones say so in words, and each can be
// marked read, or all at once. Opening a message's link marks it read.
import { apiGet, apiNoContent, query } from '../api';
import { navigate, onSubmit, pageTitle, statusBox, userTimeZone } from '../app';
import { h, uid } from '../dom';
import { formatInstant, t } from '../i18n';
import { refreshUnread, setUnread } from '../inbox_badge';
import { bodyParts, messageLink, newestFirst, type Inbox, type InboxItem, type MessageLink } from '../notices';

const PAGE_SIZE = 50;

// A notice carried over the re-render after "mark all read".
let flash: string | null = null;

export async function inboxPage(main: HTMLElement): Promise<void> {
  const [first, zone] = await Promise.all([apiGet<Inbox>(`/api/v1/inbox?limit=${PAGE_SIZE}`), userTimeZone()]);
  let unread = first.unread;
  setUnread(unread);
  const message = h('div', { 'aria-live': 'polite' });
  if (flash) message.append(statusBox(flash));
  flash = null;
  const summary = h('p', { class: 'inbox-summary' });
  const markAll = h('button', { type: 'button', class: 'secondary', id: 'mark-all-read' }, t('inbox.mark_all_read'));
  const counted = (n: number) => {
    unread = Math.max(0, n);
    summary.textContent = unread ? t('inbox.unread_count', { n: unread }) : t('inbox.all_read');
    markAll.hidden = !unread;
    setUnread(unread);
  };
  onSubmit(markAll, markAll, message, async () => {
    await apiNoContent('POST', '/api/v1/inbox/read-all');
    flash = t('inbox.all_marked');
    navigate('/inbox');
  });
  counted(unread);

  const list = h('ol', { class: 'inbox' });
  const more = h('button', { type: 'button', class: 'secondary' }, t('inbox.older'));
  const moreMessage = h('div', { 'aria-live': 'polite' });
  let last: InboxItem | undefined;
  const add = (items: InboxItem[]) => {
    for (const item of newestFirst(items)) list.append(messageItem(item, zone, message, () => counted(unread - 1)));
    last = items.length ? newestFirst(items)[items.length - 1] : last;
    more.hidden = items.length < PAGE_SIZE;
  };
  onSubmit(more, more, moreMessage, async () => {
    const next = await apiGet<Inbox>(`/api/v1/inbox${query({ limit: String(PAGE_SIZE), before: last ? String(last.id) : undefined })}`);
    const before = list.children.length;
    add(next.messages);
    counted(next.unread);
    // The first of the older messages takes the focus, so reading goes on from there.
    (list.children[before]?.querySelector('h2') as HTMLElement | null)?.focus();
  });

  main.append(pageTitle(t('inbox.title')));
  if (!first.messages.length) {
    main.append(message, h('p', { class: 'empty' }, t('inbox.empty')));
    return;
  }
  add(first.messages);
  main.append(h('div', { class: 'inbox-tools' }, summary, markAll), message, list, more, moreMessage);
}

function messageItem(item: InboxItem, zone: string | undefined, message: HTMLElement, onRead: () => void): HTMLElement {
  const headingId = uid('msg');
  const tag = h('span', { class: 'tag' }, t('inbox.new'));
  const heading = h('h2', { id: headingId, tabindex: '-1' }, item.read_at ? null : [tag, ' '], item.subject);
  const target = messageLink(item.link, location.origin);
  const li = h('li', { class: item.read_at ? 'message' : 'message unread' });
  const markButton = h('button', { type: 'button', class: 'secondary mark-read', 'aria-label': t('inbox.mark_read_of', { subject: item.subject }) }, t('inbox.mark_read'));
  let isRead = !!item.read_at;
  const becameRead = () => {
    if (isRead) return;
    isRead = true;
    li.classList.remove('unread');
    tag.remove();
    markButton.remove();
    onRead();
  };
  const markRead = async (keepalive = false) => {
    await apiNoContent('POST', `/api/v1/inbox/${item.id}/read`, undefined, keepalive);
    becameRead();
  };
  onSubmit(markButton, markButton, message, async () => {
    await markRead();
    heading.focus();
    message.append(statusBox(t('inbox.marked', { subject: item.subject })));
    refreshUnread();
  });

  // Opening a link of the message marks it read; the read is sent before the page changes (and
  // kept alive if it does anyway), and a failure never keeps the user from the link.
  const followable = (to: MessageLink, text: string, attrs: Record<string, unknown> = {}): HTMLAnchorElement => {
    const a = h('a', { href: to.href, ...(to.inApp ? { 'data-link': '' } : {}), ...attrs }, text);
    a.addEventListener('click', (e) => {
      if (isRead) return;
      const me = e as MouseEvent;
      if (me.button !== 0 || me.ctrlKey || me.metaKey || me.shiftKey || me.altKey) {
        void markRead(true).catch(() => {});
        return;
      }
      e.preventDefault();
      void markRead(true)
        .catch(() => {})
        .then(() => (to.inApp ? navigate(to.href) : location.assign(to.href)));
    });
    a.addEventListener('auxclick', (e) => {
      if (!isRead && (e as MouseEvent).button === 1) void markRead(true).catch(() => {});
    });
    return a;
  };
  const anchor = target ? followable(target, t(`inbox.link.${target.kind}`), { 'aria-describedby': headingId }) : null;
  const body = bodyParts(item.body).map((part) => {
    if ('text' in part) return part.text;
    const to = messageLink(part.url, location.origin);
    return to ? followable(to, part.url) : part.url;
  });

  li.append(
    h(
      'article',
      { 'aria-labelledby': headingId },
      heading,
      h('p', { class: 'meta' }, h('time', { datetime: item.created_at }, formatInstant(item.created_at, zone))),
      h('div', { class: 'body' }, body),
      h('p', { class: 'actions' }, anchor, anchor && !isRead ? ' ' : null, isRead ? null : markButton),
    ),
  );
  return li;
}

