"""Complaints (C1) against a running server, as someone trying to misuse them: a complaint about
somebody else's case is a 404 exactly like a missing case, whoever asks; the complainant cannot
choose the applicant, the office or the case number printed on the answer; nobody but the head
of the office answers it, and never without a reasoned answer; the complaint process cannot be
filed past its route; a complaint cannot be made about a complaint.

The seeker's case is one the clerk files with an incomplete set, so it ends at once (refused at
intake) without any EDS signature."""
import requests
import pytest

from conftest import run

SEEKER = "900515300127"  # the demo seeker's IIN: an applicant account
TEXT = "The application was refused although I brought every document."


@pytest.fixture
def server(tmp_path, server_factory):
    db_path = tmp_path / "jumys.db"
    assert run("seed-demo", "--db", f"sqlite:{db_path}").returncode == 0
    return server_factory(f"sqlite:{db_path}")


def call(server, method, path, who, body=None):
    return requests.request(method, server.base + path, json=body, headers=server.login(who), timeout=10)


def ended_case(server, iin=SEEKER):
    r = call(server, "POST", "/api/v1/cases", "clerk", {
        "process": "job-seeker-registration", "channel": "office", "applicant": {"iin": iin},
        "documents": [{"type": "application"}]})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "refused"
    return r.json()


def complain(server, case_id, who, body):
    return call(server, "POST", f"/api/v1/cases/{case_id}/complaints", who, body)


def test_somebody_elses_case_is_a_missing_case(server):
    kase = ended_case(server)
    for who in ("employer", "clerk2", "head2"):
        missing = complain(server, 999999, who, {"text": TEXT})
        theirs = complain(server, kase["id"], who, {"text": TEXT})
        assert missing.status_code == 404, (who, missing.text)
        assert theirs.status_code == 404, (who, theirs.text)
        assert theirs.json() == missing.json()
        listed = call(server, "GET", f"/api/v1/cases/{kase['id']}/complaints", who)
        assert listed.status_code == 404, (who, listed.text)
    # Nothing was filed by any of them.
    assert call(server, "GET", f"/api/v1/cases/{kase['id']}/complaints", "clerk").json()["items"] == []


def test_the_complainant_cannot_choose_applicant_office_or_subject(server):
    kase = ended_case(server)
    other = ended_case(server, "851102400347")
    r = complain(server, kase["id"], "seeker", {
        "text": TEXT, "subject": other["number"], "office": "kzo-aral",
        "applicant": {"iin": "851102400347"}, "data": {"subject": other["number"]}})
    assert r.status_code == 201, r.text
    complaint = r.json()
    assert complaint["applicant"] == {"iin": SEEKER}
    assert complaint["office"] == "kzo-city"
    assert complaint["channel"] == "portal"
    listed = call(server, "GET", f"/api/v1/cases/{kase['id']}/complaints", "seeker").json()["items"]
    assert [c["id"] for c in listed] == [complaint["id"]]
    assert call(server, "GET", f"/api/v1/cases/{other['id']}/complaints", "clerk").json()["items"] == []
    # The server's own record of the subject, not the body's.
    full = call(server, "GET", f"/api/v1/cases/{complaint['id']}", "seeker").json()
    created = next(e for e in full["events"] if e["action"] == "case.create")
    assert created["data"]["subject"] == {"case": kase["id"], "number": kase["number"]}


def test_bad_texts_are_refused_and_nothing_is_filed(server):
    kase = ended_case(server)
    for body in ({}, {"text": 5}, {"text": ["a"]}, {"text": "short"}, {"text": "x" * 5001},
                 {"text": "   \t\n   "}):
        r = complain(server, kase["id"], "seeker", body)
        assert r.status_code in (400, 422), (body, r.text)
        assert "error" in r.json()
    r = requests.post(server.base + f"/api/v1/cases/{kase['id']}/complaints", data="{not json",
                      headers={**server.login("seeker"), "Content-Type": "application/json"}, timeout=10)
    assert r.status_code == 400, r.text
    assert complain(server, "abc", "seeker", {"text": TEXT}).status_code in (400, 404)
    assert call(server, "GET", f"/api/v1/cases/{kase['id']}/complaints", "seeker").json()["items"] == []


def test_only_the_head_answers_and_only_with_reasons(server):
    kase = ended_case(server)
    complaint = complain(server, kase["id"], "seeker", {"text": TEXT}).json()
    task = complaint["tasks"][0]
    assert task["step"] == "consider" and task["role"] == "head"
    done = f"/api/v1/tasks/{task['id']}/complete"
    answer = {"outcome": "rejected", "data": {"answer": "Rejected: the set was incomplete at filing."}}
    # The complainant cannot answer their own complaint, nor staff of another role or office.
    for who in ("seeker", "clerk", "executor", "head2"):
        r = call(server, "POST", done, who, answer)
        assert r.status_code in (403, 404), (who, r.text)
    for data in ({}, {"answer": ""}, {"answer": "no"}, {"answer": 42}):
        r = call(server, "POST", done, "head", {"outcome": "rejected", "data": data})
        assert r.status_code == 422, (data, r.text)
    # A case refused at intake has no staff step to go back to: reopening is refused, whole.
    r = call(server, "POST", done, "head", {"outcome": "upheld_reopen", "data": {"answer": "Upheld: reopen it."}})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["key"] == "case.reopen_no_step"
    assert call(server, "GET", f"/api/v1/cases/{kase['id']}", "seeker").json()["status"] == "refused"
    r = call(server, "POST", done, "head", answer)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "completed"
    # Answered once: a second answer is a conflict, not a second result.
    again = call(server, "POST", done, "head", answer)
    assert again.status_code == 409, again.text
    inbox = call(server, "GET", "/api/v1/inbox", "seeker").json()["messages"]
    assert any(m["template"] == "complaint_answered" and m["case_id"] == complaint["id"] for m in inbox)
    assert not any(m["template"] == "complaint_answered" for m in call(server, "GET", "/api/v1/inbox", "employer").json()["messages"])


def test_the_complaint_process_is_filed_only_through_its_route_and_not_about_a_complaint(server):
    kase = ended_case(server)
    direct = call(server, "POST", "/api/v1/cases", "clerk", {
        "process": "public-service-complaint", "channel": "office", "applicant": {"iin": SEEKER},
        "data": {"text": TEXT, "subject": kase["number"]}})
    assert direct.status_code == 422, direct.text
    complaint = complain(server, kase["id"], "clerk", {"text": TEXT}).json()
    about = complain(server, complaint["id"], "seeker", {"text": TEXT})
    assert about.status_code == 422, about.text
    assert about.json()["error"]["key"] == "case.subject_about_case"
