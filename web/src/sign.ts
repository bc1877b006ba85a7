// EDS signing in the browser: the user's PKCS#12 key file is opened here with its password,
// and only the detached CMS signature leaves the page. SHA-256 with signed attributes
// (contentType, messageDigest, signingTime), the signer's certificate included.
import forge from 'node-forge';

export class SigningError extends Error {
  constructor(readonly reason: 'bad_password' | 'no_key' | 'bad_file') {
    super(reason);
  }
}

function binaryString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return out;
}

export interface KeyAndCert {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
}

export function openKeyFile(p12: Uint8Array, password: string): KeyAndCert {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(binaryString(p12));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const text = String((e as Error).message ?? e);
    // forge reports a wrong password as a MAC mismatch or a failed decryption.
    if (/mac|password|decrypt|Invalid/i.test(text) && p12.length > 0 && p12[0] === 0x30) {
      throw new SigningError('bad_password');
    }
    throw new SigningError('bad_file');
  }
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  const key = keyBags.map((b) => b.key).find((k) => !!k) as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new SigningError('no_key');
  // The signer's certificate is the one whose public key matches the private key.
  const cert = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n !== undefined && pub.n.equals(key.n) && pub.e.equals(key.e);
  });
  if (!cert) throw new SigningError('no_key');
  return { key, cert, chain: certs.filter((c) => c !== cert) };
}

// A base64 DER CMS SignedData over `content`, detached (the content itself is not embedded).
export function signDetached(p12: Uint8Array, password: string, content: Uint8Array): string {
  return signDetachedWith(openKeyFile(p12, password), content);
}

// The same with a key file opened once (its password-based derivation is the slow part), as
// batch signing does for several drafts.
export function signDetachedWith({ key, cert }: KeyAndCert, content: Uint8Array): string {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(binaryString(content), 'raw');
  p7.addCertificate(cert);
  p7.addSigner({
    key,
    certificate: cert,
    digestAlgorithm: forge.pki.oids.sha256,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
      { type: forge.pki.oids.messageDigest },
      // forge takes a Date here, though its typings say string.
      { type: forge.pki.oids.signingTime, value: new Date() as unknown as string },
    ],
  });
  p7.sign({ detached: true });
  return forge.util.encode64(forge.asn1.toDer(p7.toAsn1()).getBytes());
}

// The signer's name and IIN from a key file, to show before signing.
export function describeKey(p12: Uint8Array, password: string): { name: string; serial: string } {
  const { cert } = openKeyFile(p12, password);
  const cn = cert.subject.getField('CN');
  const serial = cert.subject.attributes.find((a) => a.type === '2.5.4.5');
  return {
    name: cn ? forge.util.decodeUtf8(String(cn.value)) : '',
    serial: serial ? String(serial.value) : '',
  };
}

// The bytes a portal application is signed over: the request without 'signature' as
// canonical JSON (keys sorted, no whitespace), the same rule the server checks with.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isInteger(value)) {
      throw new Error('canonical JSON here carries integers only');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareUtf8(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

// Byte order of UTF-8, which differs from UTF-16 code-unit order above U+FFFF.
function compareUtf8(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i += 1) {
    if (ea[i] !== eb[i]) return ea[i] - eb[i];
  }
  return ea.length - eb.length;
}

// A document a signing task signs (GET /api/v1/tasks/{id}/documents).
export interface DraftToSign {
  kind: string;
  title: { kk: string; ru: string; en: string };
  url: string;
}

// The signature part of a signing task's completion from the drafts' signatures, in order:
// `signature` when the step signs one document, else `signatures` by kind (S4c 6.5 signs the
// decision notice and the permit).
export function signatureFields(drafts: DraftToSign[], signatures: string[]): { signature?: string; signatures?: Record<string, string> } {
  if (signatures.length !== drafts.length) throw new Error('one signature per draft');
  if (drafts.length === 1) return { signature: signatures[0] };
  return { signatures: Object.fromEntries(drafts.map((d, i) => [d.kind, signatures[i]])) };
}

// Each listed draft fetched, then all signed in one go (one key-file unlock, one NCALayer
// prompt however many documents the step signs).
export async function signDrafts(
  drafts: DraftToSign[],
  fetchBytes: (url: string) => Promise<Uint8Array>,
  signAll: (contents: Uint8Array[]) => Promise<string[]> | string[],
): Promise<{ signature?: string; signatures?: Record<string, string> }> {
  if (drafts.length === 0) throw new Error('the task lists no document to sign');
  const contents: Uint8Array[] = [];
  for (const d of drafts) contents.push(await fetchBytes(d.url));
  return signatureFields(drafts, await signAll(contents));
}
