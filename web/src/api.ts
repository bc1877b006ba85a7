// The JSON API under /api/v1. The session lives in the HttpOnly cookie that sign-in sets, so
// no token is kept where scripts could read it.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, init);
  if (res.ok) return res;
  let code = 'internal';
  let message = res.statusText;
  let details: string[] = [];
  try {
    const err = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown[] } };
    code = err.error?.code ?? code;
    message = err.error?.message ?? message;
    details = (err.error?.details ?? []).map((d) => (typeof d === 'string' ? d : JSON.stringify(d)));
  } catch {
    // not JSON: keep the status text
  }
  if (res.status === 401 && !path.endsWith('/auth/login')) onUnauthenticated();
  throw new ApiError(res.status, code, message, details);
}

export async function apiGet<T>(path: string): Promise<T> {
  return (await (await send('GET', path)).json()) as T;
}
export async function apiSend<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await (await send(method, path, body)).json()) as T;
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
