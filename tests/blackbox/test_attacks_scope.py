"""Authorisation attacks against a running server: what another office, another applicant or
a wrong role gets now (404 outside the scope exactly as for a missing record, 403 for a wrong
role inside it), registering a person held elsewhere, the national calendar, and granting
oneself a role or an office."""
import pytest
import requests

from conftest import run


@pytest.fixture
def demo(sqlite_url, server_factory):
    assert run("seed-demo", "--db", sqlite_url).returncode == 0
    return server_factory(sqlite_url)


def get(server, path, who):
    return requests.get(server.base + path, headers=server.login(who), timeout=10)


def post(server, path, who, body=None):
    return requests.post(server.base + path, json=body if body is not None else {},
                         headers=server.login(who), timeout=10)


def city_clerk_task(server):
    r = post(server, "/api/v1/cases", "clerk", {
        "process": "job-seeker-registration", "channel": "office",
        "applicant": {"iin": "851102400347"},
        "documents": [{"type": "application"},
                      {"type": "identity_document", "valid_until": "2030-01-01"}]})
    assert r.status_code == 201, r.text
    return r.json()["tasks"][0]["id"]


def test_another_offices_task_answers_exactly_like_a_missing_one(demo):
    task = city_clerk_task(demo)
    other = post(demo, f"/api/v1/tasks/{task}/complete", "clerk2", {"outcome": "accepted"})
    missing = post(demo, "/api/v1/tasks/99999999/complete", "clerk2", {"outcome": "accepted"})
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()
    # A wrong role cannot probe either: the Aral head gets the same 404.
    assert post(demo, f"/api/v1/tasks/{task}/complete", "head2",
                {"outcome": "accepted"}).json() == missing.json()


def test_wrong_role_inside_the_scope_answers_403(demo):
    task = city_clerk_task(demo)
    r = requests.get(demo.base + f"/api/v1/tasks/{task}/document",
                     headers=demo.login("analyst"), timeout=10)
    assert r.status_code == 403, r.text


def test_another_applicants_case_answers_like_a_missing_one(demo):
    r = post(demo, "/api/v1/cases", "clerk", {
        "process": "job-seeker-registration", "channel": "office",
        "applicant": {"iin": "851102400347"}, "documents": [{"type": "application"}]})
    case = r.json()["id"]
    other = get(demo, f"/api/v1/cases/{case}", "seeker")
    missing = get(demo, "/api/v1/cases/99999999", "seeker")
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()


def test_registering_a_person_held_elsewhere_reveals_nothing(demo):
    # 880722300562 is registered at the Aral centre; a city clerk registers them.
    elsewhere = post(demo, "/api/v1/people", "clerk",
                     {"iin": "880722300562", "surname": "Жұмағалиев", "given_name": "Асқар"})
    fresh = post(demo, "/api/v1/people", "clerk",
                 {"iin": "900101300017", "surname": "Жұмағалиев", "given_name": "Асқар"})
    assert fresh.status_code == elsewhere.status_code == 201, (fresh.text, elsewhere.text)
    a, b = elsewhere.json(), fresh.json()
    assert set(a) == set(b)
    assert a["office"] == b["office"] == "kzo-city"
    assert "Арал" not in elsewhere.text and "+7 702" not in elsewhere.text
    for key in ("iin", "birth_date", "sex", "created_at", "updated_at"):
        a.pop(key), b.pop(key)
    assert a == b
    # The Aral centre gets the request and accepts it: the record moves to the city.
    items = get(demo, "/api/v1/transfers", "clerk2").json()["items"]
    [request] = [t for t in items if t["record"] == "880722300562"]
    assert request["requesting_office"] == "kzo-city"
    # The city cannot answer its own request: it is not theirs (404).
    assert post(demo, f"/api/v1/transfers/{request['id']}/accept", "clerk").status_code == 404
    assert post(demo, f"/api/v1/transfers/{request['id']}/accept", "clerk2").status_code == 200
    assert get(demo, "/api/v1/people/880722300562", "clerk").json()["office"] == "kzo-city"
    assert get(demo, "/api/v1/people/880722300562", "clerk2").status_code == 404


def test_only_a_national_administrator_edits_the_calendar(demo):
    body = {"working": False, "note": "attack"}
    r = requests.put(demo.base + "/api/v1/calendar/days/2026-12-28", json=body,
                     headers=demo.login("admin"), timeout=10)
    assert r.status_code == 403, r.text
    r = requests.put(demo.base + "/api/v1/calendar/days/2026-12-28", json=body,
                     headers=demo.login("national-admin"), timeout=10)
    assert r.status_code == 200, r.text


def test_no_one_grants_themselves_a_role_or_an_office(demo):
    def patch(login, body):
        return requests.patch(demo.base + f"/api/v1/users/{login}", json=body,
                              headers=demo.login("admin"), timeout=10)

    r = patch("admin", {"roles": ["admin", "national_admin"]})
    assert r.status_code == 403 and r.json()["error"]["key"] == "account.own_roles", r.text
    r = patch("clerk", {"roles": ["admin"]})
    assert r.status_code == 403 and r.json()["error"]["key"] == "account.grant_admin", r.text
    r = requests.post(demo.base + "/api/v1/users", headers=demo.login("admin"), timeout=10, json={
        "login": "sneaky", "full_name": "Sneaky", "office": "kzo-city",
        "roles": ["national_admin"], "password": "sneaky-pass"})
    assert r.status_code == 403 and r.json()["error"]["key"] == "account.grant_admin", r.text
