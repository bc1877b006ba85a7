"""Steps the regulations do not name, against a running server: a clerk who tries to refuse to
accept an S2 or S3 application at 6.2 (regulations 2 and 3 of seed 003 only register and pass
on), and what the server now tells about each service's act and the day its result is due."""
import re

import pytest
import requests

from conftest import run


@pytest.fixture
def demo(sqlite_url, server_factory):
    assert run("seed-demo", "--db", sqlite_url).returncode == 0
    return server_factory(sqlite_url)


def post(server, path, who, body):
    return requests.post(server.base + path, json=body, headers=server.login(who), timeout=10)


def file_at_office(server, process):
    r = post(server, "/api/v1/cases", "clerk", {
        "process": process, "channel": "office",
        "applicant": {"iin": "851102400347"},
        "documents": [{"type": "application"},
                      {"type": "identity_document", "valid_until": "2030-01-01"}]})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.mark.parametrize("process", ["unemployed-registration", "active-measures-referral"])
def test_a_refusal_to_accept_at_6_2_of_s2_and_s3_is_not_an_outcome(demo, process):
    kase = file_at_office(demo, process)
    task = kase["tasks"][0]
    assert task["ref"] == "6.2"
    r = post(demo, f"/api/v1/tasks/{task['id']}/complete", "clerk",
             {"outcome": "refused_acceptance", "data": {"grounds": ["incomplete_set"]}})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["key"] == "case.outcome_unknown"
    # Nothing changed: the case is open and the same task still waits for the clerk.
    seen = requests.get(demo.base + f"/api/v1/cases/{kase['id']}", headers=demo.login("clerk"),
                        timeout=10).json()
    assert seen["status"] == "open"
    assert [t["step"] for t in seen["tasks"] if t["open"]] == ["register"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", seen["result_due_on"])
    assert seen["accepted_at"] is None


def test_an_incomplete_set_is_still_refused_at_filing(demo):
    r = post(demo, "/api/v1/cases", "clerk", {
        "process": "unemployed-registration", "channel": "office",
        "applicant": {"iin": "851102400347"}, "documents": [{"type": "application"}]})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "refused"
    assert r.json()["result"]["kind"] == "acceptance_refusal"
    assert r.json()["result_due_on"] is None


def test_processes_show_their_act_beside_the_effective_window(demo):
    r = requests.get(demo.base + "/api/v1/processes", headers=demo.login("clerk"), timeout=10)
    assert r.status_code == 200, r.text
    by_code = {p["code"]: p for p in r.json()}
    s2 = by_code["unemployed-registration"]
    assert s2["effective"]["from"] == "2018-03-24"
    assert s2["act"] == {"number": "1057", "adopted": "2018-02-27", "registered": "2018-03-13",
                         "registration_number": "6196", "amended_by": None,
                         "repealed_by": {"number": "163", "date": "2020-02-06"}}
    assert s2["service_term"] == {"office": "1wd"}
    assert s2["beyond_seed"] is False
