"""The SMTP server and SMS gateway stand-ins (smtp_server.py, sms_gateway.py) for Python tests.

    sys.path.insert(0, str(ROOT / "tests" / "support"))
    from stand_ins import SmtpStandIn, SmsGatewayStandIn

    with SmtpStandIn(tmp_path / "mail") as smtp, \\
            SmsGatewayStandIn(tmp_path / "sms.jsonl", "--fail-first", "2") as sms:
        server = server_factory(url, "--smtp-url", smtp.url, "--sms-url", sms.url, ...)
        ...
        assert [m["headers"] ...] = smtp.messages()

Extra arguments go to the script as they are (see each script's docstring).
"""
import json
import pathlib
import signal
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent


class _StandIn:
    def __init__(self, script, args):
        # stdin stays open while this process lives: the stand-in ends with it, however.
        self.proc = subprocess.Popen([sys.executable, str(HERE / script), "--exit-with-stdin",
                                      *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"{script} did not start: {line!r}")
        self.port = int(line.rsplit(":", 1)[1])

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.proc.stdin.close()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()


class SmtpStandIn(_StandIn):
    """A real SMTP server (aiosmtpd) on 127.0.0.1; messages() as smtp_server.py records them."""

    def __init__(self, out_dir, *args):
        self.out = pathlib.Path(out_dir)
        super().__init__("smtp_server.py", ["--out", str(self.out), *args])
        self.url = f"smtp://127.0.0.1:{self.port}"

    def messages(self):
        return [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted(self.out.glob("message-*.json"))]


class SmsGatewayStandIn(_StandIn):
    """The SMS gateway stand-in on 127.0.0.1; requests() as sms_gateway.py records them."""

    def __init__(self, record_path, *args):
        self.record = pathlib.Path(record_path)
        super().__init__("sms_gateway.py", ["--record", str(self.record), *args])
        self.url = f"http://127.0.0.1:{self.port}/v1/messages"

    def requests(self):
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text(encoding="utf-8").splitlines()
                if line.strip()]
