"""No replay (issue 13): attacks on EDS-signed requests against a running server.

A portal application signs a single-use challenge the server issued, so the same signed body
posted again, or concurrently, makes one case; an applicant signs in with their EDS key by
signing a sign-in challenge, once. Signatures are made as the browser makes them: CMS detached,
DER, SHA-256, with the demo key files of the development CA the server trusts.
"""
import base64
import json
import subprocess
import threading

import pytest
import requests

from conftest import run


@pytest.fixture(scope="module")
def dev_ca(tmp_path_factory):
    """One development CA for the module: its RSA keys take seconds to make."""
    ca = tmp_path_factory.mktemp("eds") / "ca"
    r = run("dev-ca", "--out", str(ca))
    assert r.returncode == 0, r.stderr
    return ca


@pytest.fixture
def eds_server(sqlite_url, server_factory, dev_ca):
    ca = dev_ca
    server = server_factory(sqlite_url, "--demo", "--dev-ca", str(ca))
    server.ca = ca
    yield server
    assert server.stop() == 0


def sign(server, key, content: str) -> str:
    """Base64 DER CMS detached signature of content with the dev CA key file <key>.p12."""
    pem = server.ca / f"{key}.signer.pem"
    if not pem.exists():
        subprocess.run(["openssl", "pkcs12", "-in", str(server.ca / f"{key}.p12"), "-passin", "pass:demo",
                        "-nodes", "-out", str(pem)], check=True, capture_output=True)
    der = subprocess.run(["openssl", "cms", "-sign", "-binary", "-md", "sha256", "-signer", str(pem),
                          "-outform", "DER"], input=content.encode(), check=True, capture_output=True).stdout
    return base64.b64encode(der).decode()


def canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def application():
    return {"process": "job-seeker-registration", "channel": "portal", "office": "kzo-city",
            "documents": [{"type": "application"}]}


def signed_application(server, auth, key="seeker"):
    r = requests.post(server.base + "/api/v1/challenges", json={}, headers=auth, timeout=10)
    assert r.status_code == 201, r.text
    body = application()
    body["challenge"] = r.json()["challenge"]
    body["signature"] = sign(server, key, canonical(body))
    return body


def case_count(server, auth):
    r = requests.get(server.base + "/api/v1/cases", headers=auth, timeout=10)
    assert r.status_code == 200, r.text
    return len(r.json()["items"])


# The demo seeker has cases of their own (the demo's P1): each test counts what it adds.
def test_the_same_signed_portal_body_posted_three_times_makes_one_case(eds_server):
    auth = eds_server.login("seeker")
    before = case_count(eds_server, auth)
    body = signed_application(eds_server, auth)
    answers = [requests.post(eds_server.base + "/api/v1/cases", json=body, headers=auth, timeout=10)
               for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 409, 409], [a.text for a in answers]
    for replay in answers[1:]:
        error = replay.json()["error"]
        assert error["code"] == "conflict"
        assert error["key"] == "challenge.used"
    assert case_count(eds_server, auth) == before + 1


def test_a_portal_body_without_a_server_challenge_creates_nothing(eds_server):
    auth = eds_server.login("seeker")
    before = case_count(eds_server, auth)
    unsigned_challenge = application()
    unsigned_challenge["signature"] = sign(eds_server, "seeker", canonical(unsigned_challenge))
    r = requests.post(eds_server.base + "/api/v1/cases", json=unsigned_challenge, headers=auth, timeout=10)
    assert r.status_code == 422, r.text
    assert r.json()["error"]["key"] == "case.portal_needs_challenge"
    invented = application()
    invented["challenge"] = "A" * 43
    invented["signature"] = sign(eds_server, "seeker", canonical(invented))
    r = requests.post(eds_server.base + "/api/v1/cases", json=invented, headers=auth, timeout=10)
    assert r.status_code == 409, r.text
    assert r.json()["error"]["key"] == "challenge.unknown"
    assert case_count(eds_server, auth) == before


def test_concurrent_posts_of_one_signed_body_make_one_case(eds_server):
    auth = eds_server.login("seeker")
    before = case_count(eds_server, auth)
    body = signed_application(eds_server, auth)
    statuses = []
    lock = threading.Lock()

    def post():
        r = requests.post(eds_server.base + "/api/v1/cases", json=body, headers=auth, timeout=10)
        with lock:
            statuses.append(r.status_code)

    threads = [threading.Thread(target=post) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201] + [409] * 9, statuses
    assert case_count(eds_server, auth) == before + 1


def eds_challenge(server):
    r = requests.post(server.base + "/api/v1/auth/eds-challenge", json={}, timeout=10)
    assert r.status_code == 201, r.text
    return r.json()["challenge"]


def test_an_applicant_signs_in_with_their_key_once(eds_server):
    challenge = eds_challenge(eds_server)
    body = {"challenge": challenge, "signature": sign(eds_server, "seeker", challenge)}
    r = requests.post(eds_server.base + "/api/v1/auth/eds-login", json=body, timeout=10)
    assert r.status_code == 200, r.text
    assert r.json()["user"]["login"] == "seeker"
    assert "jumys_session" in r.headers.get("Set-Cookie", "")
    me = requests.get(eds_server.base + "/api/v1/auth/me",
                      headers={"Authorization": "Bearer " + r.json()["token"]}, timeout=10)
    assert me.status_code == 200 and me.json()["login"] == "seeker"
    replay = requests.post(eds_server.base + "/api/v1/auth/eds-login", json=body, timeout=10)
    assert replay.status_code == 409, replay.text
    assert replay.json()["error"]["key"] == "challenge.used"


def test_a_key_without_an_applicant_account_answers_as_a_wrong_password(eds_server):
    challenge = eds_challenge(eds_server)
    r = requests.post(eds_server.base + "/api/v1/auth/eds-login",
                      json={"challenge": challenge, "signature": sign(eds_server, "head", challenge)},
                      timeout=10)
    wrong = requests.post(eds_server.base + "/api/v1/auth/login",
                          json={"login": "seeker", "password": "not-the-password"}, timeout=10)
    assert r.status_code == wrong.status_code == 401
    assert r.json() == wrong.json()
    challenge = eds_challenge(eds_server)
    revoked = requests.post(eds_server.base + "/api/v1/auth/eds-login",
                            json={"challenge": challenge, "signature": sign(eds_server, "revoked", challenge)},
                            timeout=10)
    assert revoked.status_code == 422, revoked.text
