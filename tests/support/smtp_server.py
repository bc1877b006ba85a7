#!/usr/bin/python3
"""A real SMTP server on loopback for tests (aiosmtpd), recording every message it accepts.

Binds 127.0.0.1 on the given port (0: a free one), then prints one line
"listening on 127.0.0.1:PORT" to stdout, once the port accepts connections. Each accepted
message is written to OUT/message-NNNN.json before the server answers 250 to its data:
{"mail_from", "rcpt_tos", "tls", "raw", "subject", "headers": [[name, decoded value]],
 "parts": [{"content_type", "charset", "transfer_encoding", "content"}]}; headers and parts are
decoded by Python's email package, so a test checks what any mail reader would show.
SIGTERM or SIGINT stops it; with --exit-with-stdin so does the end of its stdin (the
test that started it has gone, however it ended).

  --reject-rcpt TEXT    refuse a recipient containing TEXT with 550 (repeatable)
  --tempfail-rcpt TEXT  answer 451 to a recipient containing TEXT (repeatable)
  --reject-message TEXT refuse a message whose content contains TEXT with 554 after its data
  --drop-first N        record the first N messages but cut the connection instead of
                        answering 250 (the sender cannot know they arrived: it sends again)
  --hold-first N        record the first N messages, then keep the sender waiting for the
                        250 (--hold-seconds, default 60): time to kill the sender mid-send
  --auth USER:PASS      offer AUTH (also without TLS) and require it before MAIL
  --tls-cert/--tls-key  offer STARTTLS with this certificate (PEM)
  --require-starttls    refuse MAIL until STARTTLS (needs --tls-cert)
  --implicit-tls        TLS from the first byte (smtps://) instead of STARTTLS
"""
import argparse
import asyncio
import email
import email.policy
import json
import logging
import os
import signal
import ssl
import sys
import threading
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Recorder:
    def __init__(self, out, reject, tempfail, reject_message, drop_first, hold_first=0,
                 hold_seconds=60.0):
        self.out = out
        self.reject = reject
        self.tempfail = tempfail
        self.reject_message = reject_message
        self.drop_first = drop_first
        self.hold_first = hold_first
        self.hold_seconds = hold_seconds
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if any(text in address for text in self.reject):
            return f"550 5.1.1 <{address}>: Recipient address rejected: user unknown"
        if any(text in address for text in self.tempfail):
            return f"451 4.2.0 <{address}>: Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or b""
        if any(text.encode() in content for text in self.reject_message):
            return "554 5.7.1 Message refused: content rejected"
        self.count += 1
        number = self.count
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        parts = []
        for part in parsed.walk():
            if part.is_multipart():
                continue
            parts.append({
                "content_type": part.get_content_type(),
                "charset": part.get_content_charset(),
                "transfer_encoding": part.get("Content-Transfer-Encoding", ""),
                "content": part.get_content(),
            })
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "raw": content.decode("utf-8", errors="replace"),
            "subject": str(parsed.get("Subject", "")),
            "headers": [[name, str(value)] for name, value in parsed.items()],
            "parts": parts,
        }
        path = os.path.join(self.out, f"message-{number:04d}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(path + ".tmp", path)
        if number <= self.drop_first:
            server.transport.abort()  # the 250 below never reaches the sender
        if number <= self.hold_first:
            await asyncio.sleep(self.hold_seconds)

        return f"250 2.0.0 OK queued as {number:04d}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--reject-rcpt", action="append", default=[])
    parser.add_argument("--tempfail-rcpt", action="append", default=[])
    parser.add_argument("--reject-message", action="append", default=[])
    parser.add_argument("--drop-first", type=int, default=0)
    parser.add_argument("--hold-first", type=int, default=0)
    parser.add_argument("--hold-seconds", type=float, default=60.0)
    parser.add_argument("--auth")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--exit-with-stdin", action="store_true")
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    # aiosmtpd logs each refused handshake and warns about AUTH without TLS: expected here.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")
    os.makedirs(args.out, exist_ok=True)

    tls = None
    if args.tls_cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.tls_cert, args.tls_key)

    authenticator = None
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login == user.encode()
                  and auth_data.password == password.encode())
            return AuthResult(success=ok, handled=False, auth_data=auth_data)

    recorder = Recorder(args.out, args.reject_rcpt, args.tempfail_rcpt, args.reject_message,
                        args.drop_first, args.hold_first, args.hold_seconds)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def factory():
        return SMTP(recorder, hostname="localhost", loop=loop,
                    tls_context=None if args.implicit_tls else tls,
                    require_starttls=args.require_starttls,
                    authenticator=authenticator, auth_required=authenticator is not None,
                    auth_require_tls=False, timeout=30)

    server = loop.run_until_complete(loop.create_server(
        factory, host="127.0.0.1", port=args.port, ssl=tls if args.implicit_tls else None))
    port = server.sockets[0].getsockname()[1]
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, loop.stop)
    print(f"listening on 127.0.0.1:{port}", flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
