"""Notifications as an operator runs them: the server sends e-mail to a real SMTP server
(aiosmtpd, started here on a free port) and, killed with messages in its outbox or in the
middle of sending one, delivers each of them after a restart under its one message id."""
import re
import signal
import socket
import sys
import time

import pytest
import requests

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "support"))
from stand_ins import SmtpStandIn  # noqa: E402

SEEKER_IIN = "900515300127"
STORES = ["sqlite_url", "pg_url"]


def accepted_case(server, clerk):
    """An S3 case of the demo seeker filed and registered at the counter: the seeker's
    'application accepted' message is written with the registration. S3, not S1: S1 allows
    one open case per person, and these tests file several for the one seeker with an
    account (on PostgreSQL over several tests)."""
    r = requests.post(server.base + "/api/v1/cases", headers=clerk, timeout=10, json={
        "process": "active-measures-referral", "channel": "office",
        "applicant": {"iin": SEEKER_IIN},
        "documents": [{"type": "application"},
                      {"type": "identity_document", "valid_until": "2030-01-01"}]})
    assert r.status_code == 201, r.text
    kase = r.json()
    task = kase["tasks"][0]["id"]
    r = requests.post(f"{server.base}/api/v1/tasks/{task}/complete", headers=clerk, timeout=10,
                      json={"outcome": "accepted", "data": {}})
    assert r.status_code == 200, r.text
    return kase


def wait_for(predicate, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def header(message, name):
    return [v for n, v in message["headers"] if n.lower() == name.lower()]


def message_ids(smtp):
    return [header(m, "Message-ID")[0] for m in smtp.messages()]


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def opt_in(server, language="ru"):
    seeker = server.login("seeker")
    r = requests.put(server.base + "/api/v1/me/contacts", headers=seeker, timeout=10, json={
        "email": "erlan@example.kz", "email_opt_in": True, "language": language})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("store", STORES)
def test_an_email_reaches_the_smtp_server_in_the_recipients_language(
        request, store, tmp_path, server_factory):
    url = request.getfixturevalue(store)
    with SmtpStandIn(tmp_path / "mail") as smtp:
        server = server_factory(url, "--demo", "--smtp-url", smtp.url, "--smtp-plain",
                                "--smtp-from", "noreply@jumys.test", "--dispatch-ms", "100",
                                "--public-url", "https://jumys.example.kz")
        opt_in(server)
        kase = accepted_case(server, server.login("clerk"))
        mail = wait_for(lambda: [m for m in smtp.messages()
                                 if kase["number"] in m["subject"]])[0]
        assert mail["rcpt_tos"] == ["erlan@example.kz"]
        assert mail["subject"] == "Заявление принято: " + kase["number"]
        assert header(mail, "Content-Language") == ["ru"]
        reference = header(mail, "X-Jumys-Reference")[0]
        assert header(mail, "Message-ID") == [f"<{reference}@jumys>"]
        text = next(p for p in mail["parts"] if p["content_type"] == "text/plain")["content"]
        html = next(p for p in mail["parts"] if p["content_type"] == "text/html")["content"]
        link = f"https://jumys.example.kz/cases/{kase['id']}"
        assert link in text and f'<a href="{link}">' in html
        assert SEEKER_IIN not in mail["raw"]

        # The delivery log shows the one attempt, and the inbox has the same message.
        log = requests.get(server.base + "/api/v1/notifications?channel=email",
                           headers=server.login("admin"), timeout=10).json()["items"]
        sent = next(m for m in log if m["reference"] == reference)
        assert sent["status"] == "delivered"
        assert sent["address"] == "e***@example.kz"
        assert [a["outcome"] for a in sent["attempts"]] == ["delivered"]
        inbox = requests.get(server.base + "/api/v1/inbox", headers=server.login("seeker"),
                             timeout=10).json()
        assert any(m["subject"] == mail["subject"] for m in inbox["messages"])
        # Said in the first lines: e-mail on, SMS off.
        assert any('"email":"on"' in line and '"sms":"off' in line
                   for line in server.log_lines[:5]), server.log_lines[:5]


@pytest.mark.parametrize("store", STORES)
def test_messages_pending_at_a_kill_reach_the_recipient_once_after_restart(
        request, store, tmp_path, server_factory):
    url = request.getfixturevalue(store)
    # First life: no dispatch pass comes before the kill, so every e-mail waits in the outbox.
    first = server_factory(url, "--demo", "--smtp-url", f"smtp://127.0.0.1:{closed_port()}",
                           "--smtp-plain", "--smtp-from", "noreply@jumys.test",
                           "--dispatch-ms", "60000")
    opt_in(first)
    clerk = first.login("clerk")
    numbers = [accepted_case(first, clerk)["number"] for _ in range(3)]
    first.stop(signal.SIGKILL)

    with SmtpStandIn(tmp_path / "mail") as smtp:
        server_factory(url, "--smtp-url", smtp.url, "--smtp-plain",
                       "--smtp-from", "noreply@jumys.test", "--dispatch-ms", "100",
                       "--outbox-lease-seconds", "2")
        ours = lambda: [m for m in smtp.messages()  # noqa: E731
                        if any(n in m["subject"] for n in numbers)]
        wait_for(lambda: len(ours()) >= 3, timeout=90)
        time.sleep(3)  # a second copy, were one to come, would come within the lease
        got = sorted(re.search(r"\S+$", m["subject"]).group(0) for m in ours())
        assert got == sorted(numbers)
        ids = [header(m, "Message-ID")[0] for m in ours()]
        assert len(set(ids)) == 3


@pytest.mark.parametrize("store", STORES)
def test_a_message_cut_off_by_a_kill_mid_send_arrives_again_under_its_id(
        request, store, tmp_path, server_factory):
    url = request.getfixturevalue(store)
    # The mail server takes the message and then keeps the sender waiting: the kill comes
    # after the recipient has it and before the sender could record that it was sent.
    with SmtpStandIn(tmp_path / "mail", "--hold-first", "1", "--hold-seconds", "30") as smtp:
        first = server_factory(url, "--demo", "--smtp-url", smtp.url, "--smtp-plain",
                               "--smtp-from", "noreply@jumys.test", "--dispatch-ms", "100",
                               "--outbox-lease-seconds", "2")
        opt_in(first)
        number = accepted_case(first, first.login("clerk"))["number"]
        held = wait_for(lambda: [m for m in smtp.messages() if number in m["subject"]])
        first.stop(signal.SIGKILL)

        server_factory(url, "--smtp-url", smtp.url, "--smtp-plain",
                       "--smtp-from", "noreply@jumys.test", "--dispatch-ms", "100",
                       "--outbox-lease-seconds", "2")
        copies = wait_for(lambda: (lambda c: c if len(c) >= 2 else None)(
            [m for m in smtp.messages() if number in m["subject"]]), timeout=60)
        ids = {header(m, "Message-ID")[0] for m in copies}
        # At least once, never zero; a recipient that drops repeats by id sees it once.
        assert ids == {header(held[0], "Message-ID")[0]}
