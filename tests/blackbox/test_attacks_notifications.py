"""Attacks on notifications: reading or marking someone else's messages, forging delivery
receipts, and smuggling headers or links through contact details."""
import requests

SEEKER_IIN = "900515300127"


def accepted_case(base, clerk):
    r = requests.post(base + "/api/v1/cases", headers=clerk, timeout=10, json={
        "process": "job-seeker-registration", "channel": "office",
        "applicant": {"iin": SEEKER_IIN},
        "documents": [{"type": "application"},
                      {"type": "identity_document", "valid_until": "2030-01-01"}]})
    assert r.status_code == 201, r.text
    task = r.json()["tasks"][0]["id"]
    r = requests.post(f"{base}/api/v1/tasks/{task}/complete", headers=clerk, timeout=10,
                      json={"outcome": "accepted", "data": {}})
    assert r.status_code == 200, r.text


def test_another_accounts_message_is_not_there(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    accepted_case(server.base, server.login("clerk"))
    seeker = server.login("seeker")
    inbox = requests.get(server.base + "/api/v1/inbox", headers=seeker, timeout=10).json()
    mine = inbox["messages"][0]["id"]
    for other in ("employer", "clerk", "admin"):
        headers = server.login(other)
        r = requests.post(f"{server.base}/api/v1/inbox/{mine}/read", headers=headers, timeout=10)
        assert r.status_code == 404, (other, r.text)
        theirs = requests.get(server.base + "/api/v1/inbox", headers=headers, timeout=10).json()
        assert mine not in [m["id"] for m in theirs["messages"]]
    again = requests.get(server.base + "/api/v1/inbox", headers=seeker, timeout=10).json()
    assert again["unread"] == inbox["unread"]


def test_a_forged_receipt_changes_nothing(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    body = {"reference": "0" * 32, "status": "delivered"}
    for auth in ({}, {"Authorization": "Bearer guess"}, server.login("admin")):
        r = requests.post(server.base + "/api/v1/notifications/receipts", json=body,
                          headers=auth, timeout=10)
        assert r.status_code == 401, r.text


def test_a_receipt_with_the_secret_for_no_waiting_message_is_not_found(
        sqlite_url, server_factory, monkeypatch):
    monkeypatch.setenv("JUMYS_SMS_RECEIPT_SECRET", "gateway-secret-1")
    server = server_factory(sqlite_url, "--demo")
    r = requests.post(server.base + "/api/v1/notifications/receipts",
                      json={"reference": "0" * 32, "status": "delivered"},
                      headers={"Authorization": "Bearer gateway-secret-1"}, timeout=10)
    assert r.status_code == 404, r.text
    r = requests.post(server.base + "/api/v1/notifications/receipts",
                      json={"reference": "0" * 32, "status": "read-by-the-gateway"},
                      headers={"Authorization": "Bearer gateway-secret-1"}, timeout=10)
    assert r.status_code == 422, r.text


def test_contact_details_cannot_carry_headers(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    seeker = server.login("seeker")
    for email in ("a@example.kz\r\nBcc: all@example.kz", "a@example.kz>, <b@example.kz",
                  "\"a b\"@example.kz", "a@example.kz\n"):
        r = requests.put(server.base + "/api/v1/me/contacts", headers=seeker, timeout=10,
                         json={"email": email, "email_opt_in": True})
        assert r.status_code == 422, (email, r.text)
        assert r.json()["error"]["details"][0]["field"] == "email"
    r = requests.put(server.base + "/api/v1/me/contacts", headers=seeker, timeout=10,
                     json={"phone": "+77011234567\r\n", "sms_opt_in": True})
    assert r.status_code == 422, r.text
    got = requests.get(server.base + "/api/v1/me/contacts", headers=seeker, timeout=10).json()
    assert got["email"] == "" and got["phone"] == ""
