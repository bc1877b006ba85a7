#!/usr/bin/python3
"""An SMS gateway stand-in for tests: takes JSON POSTs like a real gateway and records them.

Binds 127.0.0.1 on the given port (0: a free one), then prints one line
"listening on 127.0.0.1:PORT" to stdout. Every request is appended, before it is answered, as
one JSON line to --record: {"n", "method", "path", "headers": {lower-case name: value},
"body", "json" (the body parsed, or null), "status" (the answer)}. SIGTERM or SIGINT stops
it; with --exit-with-stdin so does the end of its stdin (the test that started it has gone,
however it ended).

  --fail-first N     answer --fail-status (default 503) to the first N requests
  --status CODE      the answer after those (default 202)
  --api-key KEY      answer 401 unless "Authorization: Bearer KEY"
  --delay SECONDS    wait this long before answering (to prove timeouts)
  --receipt-url URL  after taking a message (2xx), POST a delivery receipt there, as a real
                     gateway would: {"reference", "status"} with
                     "Authorization: Bearer <--receipt-secret>"
  --receipt-status S the receipt's status (default "delivered")
"""
import argparse
import http.server
import json
import os
import signal
import sys
import threading
import time
import urllib.request


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--record", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-status", type=int, default=503)
    parser.add_argument("--status", type=int, default=202)
    parser.add_argument("--api-key")
    parser.add_argument("--delay", type=float, default=0)
    parser.add_argument("--receipt-url")
    parser.add_argument("--receipt-secret", default="")
    parser.add_argument("--receipt-status", default="delivered")
    parser.add_argument("--exit-with-stdin", action="store_true")
    args = parser.parse_args()
    if args.exit_with_stdin:
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()

    lock = threading.Lock()
    state = {"n": 0}
    open(args.record, "w").close()

    def send_receipt(reference):
        payload = json.dumps({"reference": reference, "status": args.receipt_status}).encode()
        request = urllib.request.Request(
            args.receipt_url, data=payload, method="POST",
            headers={"Content-Type": "application/json",
                     "Authorization": f"Bearer {args.receipt_secret}"})
        try:
            urllib.request.urlopen(request, timeout=10).read()
        except Exception as error:  # the receiver may be down: a real gateway would retry
            print(f"receipt for {reference} not delivered: {error}", file=sys.stderr)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            try:
                parsed = json.loads(body)
            except ValueError:
                parsed = None
            with lock:
                state["n"] += 1
                n = state["n"]
                if n <= args.fail_first:
                    status = args.fail_status
                elif args.api_key is not None and \
                        self.headers.get("Authorization") != f"Bearer {args.api_key}":
                    status = 401
                else:
                    status = args.status
                record = {"n": n, "method": self.command, "path": self.path,
                          "headers": {k.lower(): v for k, v in self.headers.items()},
                          "body": body, "json": parsed, "status": status}
                with open(args.record, "a", encoding="utf-8") as f:
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
            if args.delay:
                time.sleep(args.delay)
            reference = parsed.get("reference") if isinstance(parsed, dict) else None
            if 200 <= status < 300:
                answer = {"id": f"gw-{n}", "reference": reference, "status": "accepted"}
            else:
                answer = {"error": {429: "rate limited", 503: "service unavailable",
                                    400: "invalid request", 401: "invalid api key",
                                    403: "forbidden", 422: "invalid phone number"}
                          .get(status, "error")}
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()
            if 200 <= status < 300 and args.receipt_url and reference:
                threading.Thread(target=send_receipt, args=(reference,), daemon=True).start()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True

    def stop(*_):
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever(poll_interval=0.05)
    server.server_close()


if __name__ == "__main__":
    sys.exit(main())
