"""Annulling and replacing a wrongly issued result, attacked through a running server: a clerk or
an executor trying to annul, the applicant trying, another office, a replacement planting a
field the template does not take from staff, an oversize or missing reason, a second
annulment. Each attempt gets its clear answer and the document stays as it was."""
import datetime

import pytest
import requests

SEEKER_IIN = "900515300127"  # the demo job seeker's own IIN
CITY_IIN = "851102400347"


def kyzylorda_today(days=0):
    """The office's calendar date (Kyzylorda is UTC+5 all year)."""
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=5)
    return (now.date() + datetime.timedelta(days=days)).isoformat()


@pytest.fixture
def server(server_factory, sqlite_url):
    return server_factory(sqlite_url, "--demo")


def post(server, path, body, headers, **kw):
    return requests.post(server.base + path, json=body, headers=headers, timeout=10, **kw)


def get(server, path, headers=None):
    return requests.get(server.base + path, headers=headers or {}, timeout=10)


def error_key(response):
    return response.json()["error"]["key"]


def refused_at_intake(server, clerk, iin=CITY_IIN):
    """An S1 case refused at intake (no identity document): its refusal is issued at once."""
    r = post(server, "/api/v1/cases",
             {"process": "job-seeker-registration", "channel": "office",
              "applicant": {"iin": iin}, "documents": [{"type": "application"}]}, clerk)
    assert r.status_code == 201, r.text
    kase = r.json()
    return kase["id"], kase["result"]["document_url"]


def verify_of(server, case_id, headers):
    listed = get(server, f"/api/v1/cases/{case_id}", headers).json()["issued_documents"]
    return get(server, "/api/v1/verify/" + listed[0]["verification_code"]).json()


def test_only_the_head_of_the_cases_office_annuls(server):
    clerk = server.login("clerk")
    case_id, doc = refused_at_intake(server, clerk)
    body = {"reason": "issued by mistake"}
    for login in ("clerk", "executor", "unit-head", "oblast-head"):
        r = post(server, doc + "/annul", body, server.login(login))
        assert r.status_code == 403, (login, r.text)
        assert error_key(r) == "annulment.not_head", login
    # Staff without a case role: the route's role check.
    assert post(server, doc + "/annul", body, server.login("analyst")).status_code == 403
    # Another office learns nothing: the same answer as a case that does not exist.
    other = post(server, doc + "/annul", body, server.login("head2"))
    missing = post(server, "/api/v1/cases/999999/documents/1/annul", body, server.login("head2"))
    assert other.status_code == 404 and other.text == missing.text
    assert post(server, doc + "/annul", body, {}).status_code == 401
    assert verify_of(server, case_id, clerk)["status"] == "valid"
    assert get(server, f"/api/v1/cases/{case_id}/annulments", clerk).json()["items"] == []


def test_the_applicant_cannot_annul_their_own_result(server):
    clerk = server.login("clerk")
    case_id, doc = refused_at_intake(server, clerk, SEEKER_IIN)
    seeker = server.login("seeker")
    # The seeker sees the case (their own) but may not annul or replace anything in it.
    assert get(server, f"/api/v1/cases/{case_id}", seeker).status_code == 200
    for action, body in (("annul", {"reason": "I do not like it"}),
                         ("replace", {"reason": "better", "values": {}})):
        r = post(server, f"{doc}/{action}", body, seeker)
        assert r.status_code == 403, r.text
        assert error_key(r) == "access.role"
    assert verify_of(server, case_id, clerk)["status"] == "valid"


def test_a_replacement_cannot_plant_values_the_template_does_not_take_from_staff(server):
    clerk = server.login("clerk")
    head = server.login("head")
    case_id, doc = refused_at_intake(server, clerk)
    for values in ({"applicant_name": "Someone Else"}, {"case_number": "FAKE-1"},
                   {"signer_name": "Nobody"}, {"grounds": "none"}):
        r = post(server, doc + "/replace", {"reason": "correction", "values": values}, head)
        assert r.status_code == 422, (values, r.text)
        assert error_key(r) == "annulment.not_staff_field"
    r = post(server, doc + "/replace", {"reason": "correction", "values": "not an object"}, head)
    assert r.status_code == 400, r.text
    assert verify_of(server, case_id, clerk)["status"] == "valid"


def test_the_reason_is_required_and_bounded(server):
    clerk = server.login("clerk")
    head = server.login("head")
    case_id, doc = refused_at_intake(server, clerk)
    for body, status in (({}, 422), ({"reason": ""}, 422), ({"reason": " \n\t "}, 422),
                         ({"reason": 42}, 400), ({"reason": "я" * 2001}, 422),
                         ({"reason": "x" * 9000}, 422)):
        r = post(server, doc + "/annul", body, head)
        assert r.status_code == status, (str(body)[:40], r.text)
    # A body far beyond the JSON limit is refused before it is read.
    huge = post(server, doc + "/annul", {"reason": "x" * (3 * 1024 * 1024)}, head)
    assert huge.status_code == 413, huge.status_code
    assert verify_of(server, case_id, clerk)["status"] == "valid"
    # Exactly at the limit (in characters, not bytes) is accepted.
    ok = post(server, doc + "/annul", {"reason": "я" * 2000}, head)
    assert ok.status_code == 201, ok.text


def test_a_document_is_annulled_once_and_verify_says_so(server):
    clerk = server.login("clerk")
    head = server.login("head")
    case_id, doc = refused_at_intake(server, clerk)
    r = post(server, doc + "/annul", {"reason": "<script>alert(1)</script> wrong ground"}, head)
    assert r.status_code == 201, r.text
    again = post(server, doc + "/annul", {"reason": "again"}, head)
    assert again.status_code == 409 and error_key(again) == "annulment.already"
    replace = post(server, doc + "/replace", {"reason": "now replace it"}, head)
    assert replace.status_code == 409 and error_key(replace) == "annulment.already"
    verified = verify_of(server, case_id, clerk)
    assert verified["status"] == "annulled" and verified["valid"] is False
    code = get(server, f"/api/v1/cases/{case_id}", clerk).json()["issued_documents"][0]["verification_code"]
    page = get(server, "/verify/" + code)
    assert page.status_code == 200
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text
    assert len(get(server, f"/api/v1/cases/{case_id}/annulments", clerk).json()["items"]) == 1


def test_an_acting_head_annuls_only_while_the_delegation_is_in_force(server):
    clerk = server.login("clerk")
    head = server.login("head")
    executor = server.login("executor")
    case_id, doc = refused_at_intake(server, clerk)
    later = post(server, "/api/v1/delegations",
                 {"delegate": "executor", "starts_on": kyzylorda_today(3), "ends_on": kyzylorda_today(5)}, head)
    assert later.status_code == 201, later.text
    early = post(server, doc + "/annul", {"reason": "too early"}, executor)
    assert early.status_code == 403 and error_key(early) == "annulment.not_head"
    now = post(server, "/api/v1/delegations",
               {"delegate": "executor", "starts_on": kyzylorda_today(), "ends_on": kyzylorda_today(1)}, head)
    assert now.status_code == 201, now.text
    r = post(server, doc + "/annul", {"reason": "acting head corrects it"}, executor)
    assert r.status_code == 201, r.text
    assert r.json()["by"]["capacity"] == "acting"
