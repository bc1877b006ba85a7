"""Sign-in attacks against a running server: each must get the answer the sign-in rules give
now (see docs/SECURITY.md "Sign-in")."""
import base64
import concurrent.futures
import hashlib
import hmac
import json
import os
import socket
import sqlite3
import statistics
import struct
import time

import requests

from conftest import run

LOGIN = "/api/v1/auth/login"


def login_from(server, source, login, password, totp=None):
    """POST a sign-in from a chosen loopback source address (127.0.0.0/8 is all this host)."""
    host, port = server.base[len("http://"):].rsplit(":", 1)
    body = {"login": login, "password": password}
    if totp is not None:
        body["totp"] = totp
    data = json.dumps(body).encode()
    request = (f"POST {LOGIN} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n").encode() + data
    with socket.create_connection((host, int(port)), timeout=10, source_address=(source, 0)) as s:
        s.sendall(request)
        raw = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            raw += chunk
    head, _, payload = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, json.loads(payload)


def without_request_id(body):
    body = json.loads(json.dumps(body))
    body.get("error", {}).pop("request_id", None)
    return body


def totp(secret, at=None):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    step = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1000000:06d}"


def failed_logins(tmp_path, login):
    db = sqlite3.connect(tmp_path / "jumys.db")
    try:
        return db.execute("SELECT failed_logins FROM users WHERE login = ?", (login,)).fetchone()[0]
    finally:
        db.close()


def test_forty_concurrent_wrong_passwords_all_count_and_the_right_one_then_waits(
        tmp_path, sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    with concurrent.futures.ThreadPoolExecutor(max_workers=40) as pool:
        answers = list(pool.map(
            lambda i: requests.post(server.base + LOGIN,
                                    json={"login": "head", "password": f"wrong-{i}"}, timeout=60),
            range(40)))
    assert [r.status_code for r in answers] == [401] * 40
    assert failed_logins(tmp_path, "head") == 40
    right = requests.post(server.base + LOGIN, json={"login": "head", "password": "demo"}, timeout=10)
    assert right.status_code == 401
    assert without_request_id(right.json()) == without_request_id(answers[0].json())


def test_a_throttled_admin_answers_like_a_wrong_password_never_429(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    wrong = [login_from(server, "127.0.0.3", "admin", f"guess-{i}") for i in range(12)]
    assert {status for status, _ in wrong} == {401}
    status, body = login_from(server, "127.0.0.3", "admin", "demo")
    assert status == 401
    assert without_request_id(body) == without_request_id(wrong[0][1])
    assert body["error"]["key"] == "auth.bad_credentials"
    # An unknown login answers the same.
    status, body = login_from(server, "127.0.0.3", "nobody-here", "demo")
    assert (status, without_request_id(body)) == (401, without_request_id(wrong[0][1]))


def test_a_throttled_attempt_takes_about_as_long_as_a_wrong_password(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")

    def timed(source, login, password):
        start = time.perf_counter()
        status, _ = login_from(server, source, login, password)
        assert status == 401
        return time.perf_counter() - start

    wrong = [timed(f"127.0.1.{i}", "clerk", "nope") for i in range(1, 6)]
    for i in range(6):
        login_from(server, "127.0.0.4", "executor", "nope")
    throttled = [timed("127.0.0.4", "executor", "demo") for _ in range(5)]
    # A hash is verified either way: a throttled refusal is not a fast tell-tale.
    assert statistics.median(throttled) > 0.4 * statistics.median(wrong)


def test_an_attacker_at_one_address_cannot_lock_the_admin_out_elsewhere(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    for i in range(30):
        assert login_from(server, "127.0.0.66", "admin", f"guess-{i}")[0] == 401
    assert login_from(server, "127.0.0.66", "admin", "demo")[0] == 401
    status, body = login_from(server, "127.0.0.77", "admin", "demo")
    assert status == 200, body


def test_sign_out_everywhere_ends_every_session(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    first, second = server.login("clerk"), server.login("clerk")
    r = requests.post(server.base + "/api/v1/auth/logout-all", headers=first, timeout=10)
    assert r.status_code == 200 and r.json()["sessions_ended"] == 2
    for headers in (first, second):
        me = requests.get(server.base + "/api/v1/auth/me", headers=headers, timeout=10)
        assert me.status_code == 401 and me.json()["error"]["key"] == "auth.session_ended"


def test_a_reset_password_must_be_changed_first(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    admin = server.login("admin")
    reset = requests.post(server.base + "/api/v1/users/clerk/password-reset", headers=admin, timeout=10)
    assert reset.status_code == 200, reset.text
    once = reset.json()["one_time_password"]
    clerk = server.login("clerk", once)
    people = requests.get(server.base + "/api/v1/people/851102400347", headers=clerk, timeout=10)
    assert people.status_code == 403
    assert people.json()["error"]["key"] == "auth.password_change_required"
    weak = requests.post(server.base + "/api/v1/auth/password", headers=clerk, timeout=10,
                         json={"current_password": once, "new_password": "short"})
    assert weak.status_code == 422
    changed = requests.post(server.base + "/api/v1/auth/password", headers=clerk, timeout=10,
                            json={"current_password": once, "new_password": "a-clerk-passphrase"})
    assert changed.status_code == 200, changed.text
    assert requests.get(server.base + "/api/v1/people/851102400347", headers=clerk,
                        timeout=10).status_code == 200


def test_a_second_factor_is_required_once_enrolled_and_a_code_is_not_reused(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    head = server.login("head")
    secret = requests.post(server.base + "/api/v1/auth/totp", headers=head, timeout=10).json()["secret"]
    # Confirm with the previous step's code (accepted: ±1 step), so the current one stays fresh.
    confirmed = requests.post(server.base + "/api/v1/auth/totp/confirm", headers=head, timeout=10,
                              json={"code": totp(secret, time.time() - 30)})
    assert confirmed.status_code == 200, confirmed.text
    missing = requests.post(server.base + LOGIN, json={"login": "head", "password": "demo"}, timeout=10)
    assert missing.status_code == 401 and missing.json()["error"]["key"] == "auth.bad_credentials"
    code = totp(secret, time.time() + 30)
    ok = requests.post(server.base + LOGIN, json={"login": "head", "password": "demo", "totp": code},
                       timeout=10)
    assert ok.status_code == 200, ok.text
    again = requests.post(server.base + LOGIN, json={"login": "head", "password": "demo", "totp": code},
                          timeout=10)
    assert again.status_code == 401


def test_demo_is_refused_on_a_public_address_and_never_comes_from_the_environment(tmp_path, sqlite_url):
    refused = run("serve", "--listen", "0.0.0.0:0", "--db", sqlite_url, "--demo")
    assert refused.returncode != 0
    assert "loopback" in refused.stderr
    import subprocess
    from conftest import BINARY
    env = dict(os.environ, JUMYS_DEMO="1")
    proc = subprocess.Popen([BINARY, "serve", "--listen", "127.0.0.1:0", "--db", sqlite_url],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        event = json.loads(proc.stderr.readline())["event"]
        assert event["name"] == "listening" and event["demo"] is False
        r = requests.post("http://" + event["address"] + LOGIN,
                          json={"login": "admin", "password": "demo"}, timeout=10)
        assert r.status_code == 401
    finally:
        proc.kill()
        proc.wait()


def test_create_admin_prints_a_one_time_password_and_refuses_a_second_admin(sqlite_url, server_factory):
    assert run("seed-demo", "--db", sqlite_url).returncode == 0
    refused = run("create-admin", "--db", sqlite_url, "--login", "root", "--office", "kzo-oblast")
    assert refused.returncode != 0 and "administrator exists" in refused.stderr
    made = run("create-admin", "--db", sqlite_url, "--login", "root", "--office", "kzo-oblast",
               "--even-if-one-exists")
    assert made.returncode == 0, made.stderr
    once = made.stdout.split("one-time password: ")[1].split()[0]
    server = server_factory(sqlite_url)
    root = server.login("root", once)
    users = requests.get(server.base + "/api/v1/users", headers=root, timeout=10)
    assert users.status_code == 403
    assert users.json()["error"]["key"] == "auth.password_change_required"


def test_create_admin_bootstraps_a_fresh_installation(sqlite_url, server_factory):
    missing = run("create-admin", "--db", sqlite_url, "--login", "root", "--office", "almaty-oblast")
    assert missing.returncode != 0 and "unknown office" in missing.stderr
    made = run("create-admin", "--db", sqlite_url, "--login", "root", "--office", "almaty-oblast",
               "--new-oblast-office", "190000000", "--office-name", "Almaty oblast")
    assert made.returncode == 0, made.stderr
    once = made.stdout.split("one-time password: ")[1].split()[0]
    server = server_factory(sqlite_url)
    root = server.login("root", once)
    changed = requests.post(server.base + "/api/v1/auth/password", headers=root, timeout=10,
                            json={"current_password": once, "new_password": "the-root-passphrase"})
    assert changed.status_code == 200, changed.text
    users = requests.get(server.base + "/api/v1/users", headers=root, timeout=10)
    assert users.status_code == 200, users.text
    assert [u["login"] for u in users.json()["items"]] == ["root"]
