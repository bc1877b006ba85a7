// A stand-in for NCALayer in browser tests: a WebSocket server (node:http and crypto, no
// library) that greets with its version and answers NCALayer's JSON requests, signing with a
// dev CA key file through `openssl cms` as NCALayer signs with the user's key:
//   kz.gov.pki.knca.basics sign (1.4+): {status: true, body: {result: [base64 CMS, ...]}}
//   kz.gov.pki.knca.commonUtils createCAdESFromBase64 (older): {code: "200", responseObject}
// Every request is kept in `requests` for the test to look at.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

function frame(opcode, payload) {
  const body = Buffer.from(payload);
  let head;
  if (body.length < 126) {
    head = Buffer.from([0x80 | opcode, body.length]);
  } else if (body.length < 65536) {
    head = Buffer.alloc(4);
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(body.length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(body.length), 2);
  }
  return Buffer.concat([head, body]);
}

// Complete client frames at the start of `buffer` (clients always mask), and what is left.
function readFrames(buffer) {
  const frames = [];
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    const fin = (buffer[at] & 0x80) !== 0;
    const opcode = buffer[at] & 0x0f;
    const masked = (buffer[at + 1] & 0x80) !== 0;
    let length = buffer[at + 1] & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (buffer.length - offset < 2) break;
      length = buffer.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (buffer.length - offset < 8) break;
      length = Number(buffer.readBigUInt64BE(offset));
      offset += 8;
    }
    const maskLength = masked ? 4 : 0;
    if (buffer.length - offset < maskLength + length) break;
    const mask = buffer.subarray(offset, offset + maskLength);
    const payload = Buffer.from(buffer.subarray(offset + maskLength, offset + maskLength + length));
    if (masked) for (let i = 0; i < payload.length; i += 1) payload[i] ^= mask[i % 4];
    frames.push({ fin, opcode, payload });
    at = offset + maskLength + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

// keyFile(): the PKCS#12 file to sign with (asked at each request), password "demo".
export async function startNcalayerStandin({ keyFile, version = '1.4', port = 0 }) {
  const state = { version, requests: [], sockets: new Set() };
  const signOne = (base64) => {
    // The key file may change between requests (another signer); each is unpacked once.
    const file = keyFile();
    const pem = `${file}.standin.pem`;
    if (!existsSync(pem)) {
      execFileSync('openssl', ['pkcs12', '-in', file, '-passin', 'pass:demo', '-nodes', '-out', pem]);
    }
    const der = execFileSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-signer', pem, '-outform', 'DER'], {
      input: Buffer.from(base64, 'base64'),
    });
    // NCALayer hands base64 back in lines; the page must cope.
    return der.toString('base64').replace(/.{76}/g, '$&\r\n');
  };
  const answer = (request) => {
    if (request.module === 'kz.gov.pki.knca.basics' && request.method === 'sign' && state.version >= '1.4') {
      const data = request.args?.data;
      const items = Array.isArray(data) ? data : [data];
      return { status: true, body: { result: items.map(signOne) } };
    }
    if (request.module === 'kz.gov.pki.knca.commonUtils' && request.method === 'createCAdESFromBase64') {
      return { code: '200', message: '', responseObject: signOne(request.args[2]) };
    }
    return { code: '500', status: false, message: `unknown module or method: ${request.module} ${request.method}` };
  };

  const server = createServer((req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('WebSocket only\n');
  });
  server.on('upgrade', (req, socket) => {
    const key = req.headers['sec-websocket-key'];
    if (!key) {
      socket.destroy();
      return;
    }
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    state.sockets.add(socket);
    socket.on('close', () => state.sockets.delete(socket));
    socket.on('error', () => state.sockets.delete(socket));
    socket.write(frame(1, JSON.stringify({ result: { version: state.version } })));
    let pending = Buffer.alloc(0);
    let message = null; // the fragments of a text message the browser split (large drafts)
    socket.on('data', (chunk) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const f of frames) {
        if (f.opcode === 8) {
          socket.end(frame(8, f.payload.subarray(0, 2)));
        } else if (f.opcode === 9) {
          socket.write(frame(10, f.payload));
        } else if (f.opcode === 1 || f.opcode === 0) {
          message = f.opcode === 1 ? [f.payload] : [...(message ?? []), f.payload];
          if (!f.fin) continue;
          const text = Buffer.concat(message).toString('utf8');
          message = null;
          if (text === '--heartbeat--') continue;
          let reply;
          try {
            const request = JSON.parse(text);
            state.requests.push(request);
            reply = answer(request);
          } catch (e) {
            reply = { code: '500', status: false, message: String(e.message ?? e) };
          }
          socket.write(frame(1, JSON.stringify(reply)));
        }
      }
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = server.address().port;
  return {
    url: `ws://127.0.0.1:${bound}`,
    port: bound,
    requests: state.requests,
    setVersion(v) {
      state.version = v;
    },
    async stop() {
      if (!server.listening) return;
      for (const s of state.sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
