"""Attacks on the HTTP layer, each as the request a hostile or broken client sends, with the
answer it must get now: broken framing, odd methods and oversized requests get a JSON error and
a close (never a silent close); every answer carries the security headers; over TLS the session
cookie is __Host- prefixed and Secure; a write made with the session cookie must be same-origin
and JSON (a declared file upload instead carries X-Requested-With); blank names get 422; a flood
of sign-ins does not starve other requests."""
import concurrent.futures
import json
import re
import socket
import ssl
import subprocess
import time
import urllib.parse

import pytest
import requests
import urllib3

urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)

SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from conftest import Server
    db = tmp_path_factory.mktemp("attacks-http") / "jumys.db"
    s = Server(f"sqlite:{db}", "--demo", "--max-body", "4096")
    yield s
    if s.proc.poll() is None:
        s.stop()


def address(server):
    parsed = urllib.parse.urlparse(server.base)
    return parsed.hostname, parsed.port


def raw_exchange(server, data, read_first=False, timeout=10):
    """Sends bytes on a fresh connection and reads until the server closes it."""
    with socket.create_connection(address(server), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and stopped reading
        received = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                raise AssertionError(f"no close after {received[:200]!r}")
            if not chunk:
                return received
            received += chunk


def parse(raw):
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def assert_json_error(status, headers, body, expected):
    assert status == expected, (status, body)
    assert headers.get("content-type") == "application/json"
    assert headers.get("connection") == "close"
    error = json.loads(body)["error"]
    assert error["key"] and error["message"]
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert "default-src 'self'" in headers.get("content-security-policy", "")


HOST = b"Host: jumys\r\n"
BROKEN = [
    ("garbage request line", b"HELLO\r\n\r\n", 400),
    ("request line without version", b"GET /healthz\r\n\r\n", 400),
    ("HTTP/0.9 style", b"GET /healthz HTTP/0.9\r\n" + HOST + b"\r\n", 400),
    ("header without colon", b"GET /healthz HTTP/1.1\r\n" + HOST + b"Broken\r\n\r\n", 400),
    ("space before colon", b"GET /healthz HTTP/1.1\r\n" + HOST + b"X-A : 1\r\n\r\n", 400),
    ("folded header", b"GET /healthz HTTP/1.1\r\n" + HOST + b"X-A: 1\r\n  more\r\n\r\n", 400),
    ("bare LF line ends", b"GET /healthz HTTP/1.1\n" + HOST.replace(b"\r", b"") + b"\n", 400),
    ("no Host", b"GET /healthz HTTP/1.1\r\n\r\n", 400),
    ("bad chunk size", b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
     b"Transfer-Encoding: chunked\r\n\r\nnothex\r\n{}\r\n0\r\n\r\n", 400),
    ("chunk overruns its size", b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
     b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}}}\r\n0\r\n\r\n", 400),
    ("Content-Length and Transfer-Encoding", b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
     b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    ("two Content-Lengths", b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
     b"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x", 400),
    ("Transfer-Encoding gzip", b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
     b"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 400),
    ("lower-case method", b"get /healthz HTTP/1.1\r\n" + HOST + b"\r\n", 405),
    ("unknown method", b"PROPFIND /healthz HTTP/1.1\r\n" + HOST + b"\r\n", 405),
    ("TRACE", b"TRACE /healthz HTTP/1.1\r\n" + HOST + b"\r\n", 405),
    ("oversized URL", b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\n" + HOST + b"\r\n", 431),
    ("oversized header", b"GET /healthz HTTP/1.1\r\n" + HOST + b"X-A: " + b"v" * 20000 +
     b"\r\n\r\n", 431),
    ("too many headers", b"GET /healthz HTTP/1.1\r\n" + HOST + b"X-A: 1\r\n" * 150 + b"\r\n", 431),
    ("oversized body", b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
     b"Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n" + b"x" * 100000, 413),
    ("oversized chunked body", b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
     b"Transfer-Encoding: chunked\r\n\r\n" + b"1000\r\n" + b"x" * 4096 + b"\r\n" +
     b"10\r\n" + b"x" * 16 + b"\r\n0\r\n\r\n", 413),
]


@pytest.mark.parametrize("name,data,expected", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_requests_get_an_answer_then_a_close(server, name, data, expected):
    status, headers, body = parse(raw_exchange(server, data))
    assert_json_error(status, headers, body, expected)
    if expected == 405:
        assert "GET" in headers["allow"]


def test_expect_continue_over_the_limit_gets_413_instead_of_100(server):
    with socket.create_connection(address(server), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
                     b"Expect: 100-continue\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000000\r\n\r\n")
        received = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    assert not received.startswith(b"HTTP/1.1 100")
    assert_json_error(*parse(received), 413)


def test_expect_continue_within_the_limit_gets_100_then_the_answer(server):
    with socket.create_connection(address(server), timeout=10) as sock:
        sock.sendall(b"POST /api/v1/people HTTP/1.1\r\n" + HOST +
                     b"Expect: 100-continue\r\nContent-Type: application/json\r\n"
                     b"Connection: close\r\nContent-Length: 2\r\n\r\n")
        interim = sock.recv(65536)
        assert interim == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(b"{}")
        received = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            received += chunk
    status, headers, body = parse(received)
    assert status == 401  # reached the API: not signed in
    assert json.loads(body)["error"]["key"] == "auth.required"


def test_pipelined_requests_are_answered_in_order(server):
    data = (b"GET /healthz HTTP/1.1\r\n" + HOST + b"\r\n"
            b"GET /api/v1/no-such-thing HTTP/1.1\r\n" + HOST + b"\r\n"
            b"GET /healthz HTTP/1.1\r\n" + HOST + b"Connection: close\r\n\r\n")
    raw = raw_exchange(server, data)
    statuses = [int(code) for code in re.findall(rb"HTTP/1\.1 (\d{3}) ", raw)]
    assert statuses == [200, 404, 200]


def test_security_headers_on_every_kind_of_answer(server):
    answers = [
        requests.get(server.base + "/healthz", timeout=5),
        requests.get(server.base + "/", timeout=5),  # the browser app (or its 503 when not built)
        requests.get(server.base + "/api/v1/no-such-thing", timeout=5),
        requests.get(server.base + "/api/v1/auth/me", timeout=5),
        requests.post(server.base + "/api/v1/auth/login", data="{", timeout=5),
    ]
    for r in answers:
        for name, value in SECURITY_HEADERS.items():
            assert r.headers.get(name) == value, (r.url, name)
        assert "default-src 'self'" in r.headers.get("content-security-policy", ""), r.url
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert "strict-transport-security" not in r.headers  # plain HTTP


def cookie_login(server, login):
    session = requests.Session()
    r = session.post(server.base + "/api/v1/auth/login", json={"login": login, "password": "demo"},
                     timeout=10)
    assert r.status_code == 200, r.text
    return session, r


def test_the_dev_cookie_over_plain_http_is_httponly_strict_and_host_wide(server):
    _, r = cookie_login(server, "clerk")
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("jumys_session=")
    for part in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert part in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback: a Secure cookie would not be sent
    assert "Domain" not in cookie


PERSON = {"iin": "851102400347", "surname": "Test", "given_name": "Person"}


def test_a_cookie_write_without_origin_is_refused(server):
    session, _ = cookie_login(server, "clerk")
    r = session.post(server.base + "/api/v1/people", json=PERSON, timeout=5)
    assert r.status_code == 403
    assert r.json()["error"]["key"] == "request.cross_site"


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_a_cross_site_cookie_write_is_refused(server, headers):
    session, _ = cookie_login(server, "admin")
    writes = [("POST", "/api/v1/people", PERSON),
              ("PUT", "/api/v1/calendar/days/2030-01-02", {"kind": "holiday"}),
              ("DELETE", "/api/v1/calendar/days/2030-01-02", None),
              ("PATCH", "/api/v1/users/clerk", {"full_name": "Forged"})]
    for method, path, body in writes:
        r = session.request(method, server.base + path, json=body, headers=headers, timeout=5)
        assert r.status_code == 403, (method, r.status_code)
        assert r.json()["error"]["key"] == "request.cross_site"


def same_origin(server):
    host, port = address(server)
    return {"Origin": f"http://{host}:{port}"}


def test_a_same_origin_cookie_write_must_be_json(server):
    session, _ = cookie_login(server, "clerk")
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        r = session.post(server.base + "/api/v1/people", data=json.dumps(PERSON),
                         headers={**same_origin(server), "Content-Type": content_type}, timeout=5)
        assert r.status_code == 415, content_type
        assert r.json()["error"]["key"] == "request.json_required"
    r = session.post(server.base + "/api/v1/people", json=PERSON, headers=same_origin(server),
                     timeout=5)
    assert r.status_code in (200, 201), r.text
    r = session.post(server.base + "/api/v1/people", json=PERSON,
                     headers={"Sec-Fetch-Site": "same-origin"}, timeout=5)
    assert r.status_code in (200, 201), r.text


def test_a_bearer_token_write_needs_no_origin(server):
    r = requests.post(server.base + "/api/v1/people", data=json.dumps(PERSON),
                      headers={**server.login("clerk"), "Content-Type": "text/plain"}, timeout=5)
    assert r.status_code != 403 and r.status_code != 415, r.text


def test_a_cookie_file_upload_needs_the_custom_header(server):
    session, _ = cookie_login(server, "admin")
    csv = "bin,as_of,tax_arrears_tiyn,social_arrears_tiyn\n"
    headers = {**same_origin(server), "Content-Type": "text/csv"}
    r = session.post(server.base + "/api/v1/revenue-data", data=csv, headers=headers, timeout=5)
    assert r.status_code == 403
    assert r.json()["error"]["key"] == "request.upload_header"
    r = session.post(server.base + "/api/v1/revenue-data", data=csv,
                     headers={**headers, "X-Requested-With": "jumys"}, timeout=5)
    assert r.status_code not in (403, 415), r.text
    # Cross-site it is refused even with the header.
    r = session.post(server.base + "/api/v1/revenue-data", data=csv,
                     headers={"Origin": "http://evil.example", "Content-Type": "text/csv",
                              "X-Requested-With": "jumys"}, timeout=5)
    assert r.status_code == 403


BLANK_NAMES = [
    ("clerk", "/api/v1/people", {"iin": "851102400347", "surname": "  ", "given_name": "A"}, "surname"),
    ("clerk", "/api/v1/people", {"iin": "851102400347", "surname": "A", "given_name": "\t\u00a0"},
     "given_name"),
    ("employers", "/api/v1/employers",
     {"bin": "150340004568", "name": " \u3000 ", "registered_on": "2015-03-02", "kato": "431010000"},
     "name"),
    ("admin", "/api/v1/users", {"login": "blank1", "full_name": "   ", "office": "kzo-city",
                                "roles": ["executor"], "password": "long-enough-1"}, "full_name"),
    ("admin", "/api/v1/commissions", {"name": "  ", "secretary": "commission", "members": ["member"]},
     "name"),
]


@pytest.mark.parametrize("login,path,body,field", BLANK_NAMES,
                         ids=[f"{c[1]}:{c[3]}" for c in BLANK_NAMES])
def test_blank_names_get_422_naming_the_field(server, login, path, body, field):
    r = requests.post(server.base + path, json=body, headers=server.login(login), timeout=5)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert [d["field"] for d in error["details"]] == [field]


def test_a_login_flood_does_not_starve_other_requests(server):
    headers = server.login("clerk")
    flood_size = 80

    def wrong_login(i):
        try:
            return requests.post(server.base + "/api/v1/auth/login",
                                 json={"login": f"nobody{i}", "password": "wrong"}, timeout=60).status_code
        except requests.RequestException as e:
            return repr(e)

    with concurrent.futures.ThreadPoolExecutor(max_workers=flood_size) as pool:
        flood = [pool.submit(wrong_login, i) for i in range(flood_size)]
        time.sleep(0.2)
        answered = 0
        for _ in range(5):
            try:
                r = requests.get(server.base + "/api/v1/auth/me", headers=headers, timeout=5)
                answered += r.status_code == 200
            except requests.RequestException:
                pass
        statuses = [f.result() for f in flood]
    assert answered == 5
    # Every sign-in got an answer: refused (a throttled one alike), or "busy" past the queue.
    assert all(s in (401, 503) for s in statuses), statuses
    assert requests.get(server.base + "/healthz", timeout=5).status_code == 200


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    from conftest import Server
    tmp = tmp_path_factory.mktemp("tls")
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    s = Server(f"sqlite:{tmp}/jumys.db", "--demo", "--tls-cert", str(cert), "--tls-key", str(key))
    s.base = s.base.replace("http://", "https://")
    yield s
    if s.proc.poll() is None:
        s.stop()


def test_tls_serves_hsts_and_a_host_prefixed_secure_cookie(tls_server):
    r = requests.get(tls_server.base + "/healthz", verify=False, timeout=5)
    assert r.json() == {"status": "ok"}
    assert r.headers["strict-transport-security"].startswith("max-age=")
    login = requests.post(tls_server.base + "/api/v1/auth/login",
                          json={"login": "clerk", "password": "demo"}, verify=False, timeout=10)
    assert login.status_code == 200
    cookie = login.headers["set-cookie"]
    assert cookie.startswith("__Host-jumys_session=")
    for part in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
        assert part in cookie
    assert "Domain" not in cookie
    token = login.json()["token"]
    me = requests.get(tls_server.base + "/api/v1/auth/me", verify=False, timeout=5,
                      headers={"Cookie": f"__Host-jumys_session={token}"})
    assert me.status_code == 200
    # Over TLS a cookie without the prefix (one planted over plain HTTP) is not read.
    planted = requests.get(tls_server.base + "/api/v1/auth/me", verify=False, timeout=5,
                           headers={"Cookie": f"jumys_session={token}"})
    assert planted.status_code == 401


def test_tls_answers_broken_framing_too(tls_server):
    host, port = urllib.parse.urlparse(tls_server.base).hostname, urllib.parse.urlparse(tls_server.base).port
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname=host) as sock:
            sock.sendall(b"get / HTTP/1.1\r\nHost: x\r\n\r\n")
            received = b""
            while True:
                try:
                    chunk = sock.recv(65536)
                except (ssl.SSLError, ConnectionResetError):
                    break
                if not chunk:
                    break
                received += chunk
    status, headers, body = parse(received)
    assert status == 405
    assert headers["strict-transport-security"].startswith("max-age=")
