// NCALayer, the national certification authority's signing application: JSON over a WebSocket
// on the user's own machine. The key never reaches the page; NCALayer shows its own window to
// choose the key and take its password, and answers with a detached CMS signature.
//
// On connecting it greets with {"result":{"version":"1.x"}}. From 1.4 the module
// kz.gov.pki.knca.basics method `sign` takes named args and answers
// {"status":true,"body":{"result":[...]}}, one signature per item of `data`, so several
// documents take one prompt. Older versions have kz.gov.pki.knca.commonUtils
// createCAdESFromBase64 [storage, keyType, base64, attach], answering
// {"code":"200","responseObject":base64}, one document (and one prompt) at a time.
import { lang } from './i18n';

export const DEFAULT_NCALAYER_URL = 'wss://127.0.0.1:13579';

// The socket the server allows (serve --ncalayer-url), told in index.html.
export function ncalayerUrl(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="jumys-ncalayer"]');
  return meta?.content || DEFAULT_NCALAYER_URL;
}

export class NcalayerError extends Error {
  constructor(
    readonly reason: 'unavailable' | 'cancelled' | 'failed',
    detail = '',
  ) {
    super(detail || reason);
  }
}

function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

// 1.4 and later speak `basics`.
export function hasBasics(version: string): boolean {
  const [major, minor] = version.split('.').map((n) => Number.parseInt(n, 10));
  if (!Number.isFinite(major)) return false;
  return major > 1 || (major === 1 && (minor || 0) >= 4);
}

// A connection that has greeted: its version, and requests answered one at a time.
class Connection {
  private waiting: ((data: string | null) => void) | null = null;

  private constructor(
    private readonly socket: WebSocket,
    readonly version: string,
  ) {
    socket.onmessage = (e) => {
      const data = String(e.data);
      if (data === '--heartbeat--' || data === '{}') return; // keepalive, not an answer
      const w = this.waiting;
      this.waiting = null;
      w?.(data);
    };
    socket.onclose = () => {
      const w = this.waiting;
      this.waiting = null;
      w?.(null);
    };
  }

  static open(url: string, timeoutMs: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(url);
      } catch {
        reject(new NcalayerError('unavailable'));
        return;
      }
      const fail = () => {
        clearTimeout(timer);
        socket.onmessage = socket.onerror = socket.onclose = null;
        socket.close();
        reject(new NcalayerError('unavailable'));
      };
      const timer = setTimeout(fail, timeoutMs);
      socket.onerror = fail;
      socket.onclose = fail;
      socket.onmessage = (e) => {
        clearTimeout(timer);
        let version = '';
        try {
          version = String(JSON.parse(String(e.data))?.result?.version ?? '');
        } catch {
          // not NCALayer
        }
        socket.onerror = null;
        if (!version) {
          fail();
          return;
        }
        resolve(new Connection(socket, version));
      };
    });
  }

  request(message: unknown): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      this.waiting = (data) => {
        if (data === null) {
          reject(new NcalayerError('failed', 'closed'));
          return;
        }
        try {
          resolve(JSON.parse(data) as Record<string, unknown>);
        } catch {
          reject(new NcalayerError('failed', 'not JSON'));
        }
      };
      this.socket.send(JSON.stringify(message));
    });
  }

  close(): void {
    this.socket.onclose = null;
    this.socket.close();
  }
}

function clean(signature: unknown): string {
  if (typeof signature !== 'string' || !signature.trim()) throw new NcalayerError('failed', 'no signature');
  // NCALayer wraps base64 in lines, sometimes in PEM armour.
  return signature.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
}

function refusal(answer: Record<string, unknown>): NcalayerError {
  const code = String(answer.code ?? '');
  const message = String(answer.message ?? answer.details ?? '');
  // NCALayer says so when its user closes the key window.
  const cancelled = /cancel/i.test(code) || /cancel/i.test(message);
  return new NcalayerError(cancelled ? 'cancelled' : 'failed', [code, message].filter(Boolean).join(': '));
}

// Whether NCALayer answers at `url`: its version, or null.
export async function probeNcalayer(url = ncalayerUrl(), timeoutMs = 1500): Promise<string | null> {
  try {
    const c = await Connection.open(url, timeoutMs);
    c.close();
    return c.version;
  } catch {
    return null;
  }
}

// Detached CMS signatures (base64 DER) of each of `contents`, in order, made by NCALayer:
// with `basics` all in one request (one key prompt), otherwise one request each.
export async function signWithNcalayer(contents: Uint8Array[], url = ncalayerUrl()): Promise<string[]> {
  const c = await Connection.open(url, 5000);
  try {
    if (hasBasics(c.version)) {
      const answer = await c.request({
        module: 'kz.gov.pki.knca.basics',
        method: 'sign',
        args: {
          allowedStorages: null,
          format: 'cms',
          data: contents.length === 1 ? base64(contents[0]) : contents.map(base64),
          signingParams: { decode: true, encapsulate: false, digested: false, tsaProfile: null },
          signerParams: { extKeyUsageOids: [], chain: [] },
          locale: lang(),
        },
      });
      if (answer.status !== true) throw refusal(answer);
      const result = (answer.body as { result?: unknown } | undefined)?.result;
      const list = Array.isArray(result) ? result : [result];
      if (list.length !== contents.length) throw new NcalayerError('failed', 'wrong number of signatures');
      return list.map(clean);
    }
    const out: string[] = [];
    for (const content of contents) {
      const answer = await c.request({
        module: 'kz.gov.pki.knca.commonUtils',
        method: 'createCAdESFromBase64',
        args: ['PKCS12', 'SIGNATURE', base64(content), false],
      });
      if (String(answer.code) !== '200') throw refusal(answer);
      out.push(clean(answer.responseObject));
    }
    return out;
  } finally {
    c.close();
  }
}
