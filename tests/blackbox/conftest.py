"""Runs the built binary as a user would: its verbs, and the server on a free port."""
import json
import os
import pathlib
import signal
import subprocess
import threading
import time

import pytest
import requests

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("JUMYS_BIN", str(ROOT / "build" / "jumys"))


def run(*args, check=False):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=120, check=check)


class Server:
    def __init__(self, db_url, *extra):
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--listen", "127.0.0.1:0", "--db", db_url, *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.first_line = self.proc.stderr.readline()
        try:
            event = json.loads(self.first_line)["event"]
            if event["name"] != "listening":
                raise ValueError("not the listening event")
        except (ValueError, KeyError) as e:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"first log line is not the listening event: {self.first_line!r}") from e
        self.base = "http://" + event["address"]
        # Keep reading the log so a full pipe never blocks the server.
        self.log_lines = []
        self.log_reader = threading.Thread(target=self._read_log, daemon=True)
        self.log_reader.start()

    def _read_log(self):
        for line in self.proc.stderr:
            self.log_lines.append(line)

    def login(self, login, password="demo"):
        r = requests.post(self.base + "/api/v1/auth/login", json={"login": login, "password": password}, timeout=10)
        assert r.status_code == 200, r.text
        return {"Authorization": "Bearer " + r.json()["token"]}

    def get(self, path, headers=None):
        return requests.get(self.base + path, headers=headers, timeout=10)

    def post(self, path, body=None, headers=None):
        return requests.post(self.base + path, json=body, headers=headers, timeout=10)

    def stop(self, sig=signal.SIGTERM, timeout=15):
        self.proc.send_signal(sig)
        code = self.proc.wait(timeout=timeout)
        self.log_reader.join(timeout=5)
        self.proc.stderr.close()
        self.proc.stdout.close()
        return code


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:{tmp_path}/jumys.db"


@pytest.fixture
def pg_url():
    url = os.environ.get("JUMYS_PG_URL")
    assert url, "JUMYS_PG_URL is not set: run through scripts/with-postgres"
    return url


@pytest.fixture
def server_factory():
    started = []

    def start(db_url, *extra):
        s = Server(db_url, *extra)
        started.append(s)
        return s

    yield start
    for s in started:
        if s.proc.poll() is None:
            s.proc.kill()
            s.proc.wait()
