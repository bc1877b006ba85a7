// The JSON API under /api/v1. The session lives in the HttpOnly cookie that sign-in sets, so
// no token is kept where scripts could read it.
// One problem with one field of a request (`field` is a path such as "data.workers"; empty for
// the request as a whole), by message key, with the English text beside it.
export interface ApiErrorDetail {
  field: string;
  key: string;
  params: Record<string, string>;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly key = '',
    readonly params: Record<string, string> = {},
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }
}

let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

// The server refuses a change made with the session cookie unless it is JSON (a declared file
// upload instead carries X-Requested-With: jumys) and comes from this origin, which the browser
// shows in the Origin header; so every change says it is JSON, even one without a body.
async function send(method: string, path: string, body?: unknown, keepalive = false): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers, keepalive };
  if (method !== 'GET' && method !== 'HEAD') headers['Content-Type'] = 'application/json';
  if (body !== undefined) init.body = JSON.stringify(body);
  return finish(path, await fetch(path, init));
}

// Sends a file to a declared upload route (CSV, XML) with the header the server asks of them.
export async function apiUpload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Content-Type': contentType, 'X-Requested-With': 'jumys' },
    body: file,
  });
  return (await (await finish(path, res)).json()) as T;
}

async function finish(path: string, res: Response): Promise<Response> {
  if (res.ok) return res;
  let error: Partial<{ code: string; message: string; key: string; params: Record<string, string>; details: ApiErrorDetail[] }> = {};
  try {
    error = ((await res.json()) as { error?: typeof error }).error ?? {};
  } catch {
    // not JSON: keep the status text
  }
  if (res.status === 401 && !path.endsWith('/auth/login')) onUnauthenticated();
  throw new ApiError(
    res.status,
    error.code ?? 'internal',
    error.message ?? res.statusText,
    error.key ?? '',
    error.params ?? {},
    Array.isArray(error.details) ? error.details : [],
  );
}

export async function apiGet<T>(path: string): Promise<T> {
  return (await (await send('GET', path)).json()) as T;
}
export async function apiSend<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
}
// A change the server answers with 204 No Content. `keepalive` lets it finish while the page
// navigates away (a message marked read as its link is opened).
export async function apiNoContent(method: string, path: string, body?: unknown, keepalive = false): Promise<void> {
  await send(method, path, body, keepalive);
}
export async function apiBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await send('GET', path)).arrayBuffer());
}

export function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
