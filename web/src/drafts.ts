// What a page keeps when the session ends under it (a 401): its entries, never a password,
// in this tab's sessionStorage with the user's login and the page's path, so that signing in
// again as the same user brings the page back filled. Another user finds nothing.
const PREFIX = 'jumys.draft:';

export interface Draft {
  login: string;
  path: string;
  values: Record<string, unknown>;
}

let keeper: { path: string; take: () => Record<string, unknown> } | null = null;

// The page now shown names what it would keep; a later page replaces it.
export function keepOnSignOut(take: () => Record<string, unknown>): void {
  keeper = { path: location.pathname, take };
}

// Called as the session is found ended, before the user is forgotten.
export function saveDraft(login: string | undefined): void {
  if (!keeper || !login || keeper.path !== location.pathname) return;
  try {
    const draft: Draft = { login, path: keeper.path, values: keeper.take() };
    sessionStorage.setItem(PREFIX + keeper.path, JSON.stringify(draft));
  } catch {
    // storage full or refused: the entries are lost, as before
  }
}

// The draft this user left on this page, taken (it is given back once).
export function takeDraft(login: string | undefined): Record<string, unknown> | null {
  const key = PREFIX + location.pathname;
  const text = sessionStorage.getItem(key);
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as Draft;
    if (draft.login !== login) return null; // someone else's: left for them, shown to no one else
    sessionStorage.removeItem(key);
    return draft.values;
  } catch {
    sessionStorage.removeItem(key);
    return null;
  }
}

// Every entry of a form by name (checkboxes by name and value), never a password or a file.
export function formEntries(scope: Element): { name: string; value: string; checked?: boolean }[] {
  const out: { name: string; value: string; checked?: boolean }[] = [];
  scope.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea').forEach((el) => {
    if (!el.name || (el instanceof HTMLInputElement && (el.type === 'password' || el.type === 'file'))) return;
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      out.push({ name: el.name, value: el.value, checked: el.checked });
    } else {
      out.push({ name: el.name, value: el.value });
    }
  });
  return out;
}

// Puts entries back into the controls of the same name (and value, for checkboxes), telling
// the page each changed so that what depends on it is drawn.
export function restoreEntries(scope: Element, entries: { name: string; value: string; checked?: boolean }[], skip: Set<string>): void {
  const used = new Set<Element>();
  for (const e of entries) {
    if (skip.has(e.name)) continue;
    const candidates = [...scope.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')].filter(
      (el) => el.name === e.name && !used.has(el) && (e.checked === undefined || el.value === e.value),
    );
    const el = candidates[0];
    if (!el || (el instanceof HTMLInputElement && (el.type === 'password' || el.type === 'file'))) continue;
    used.add(el);
    if (e.checked !== undefined && el instanceof HTMLInputElement) el.checked = e.checked;
    else el.value = e.value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
}
