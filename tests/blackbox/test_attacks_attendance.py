"""The unemployed person's year against a running server: the card with its attendance schedule
is read only by the person and the staff of the office keeping it (404 to anyone else, exactly as
for a card that does not exist); a person cannot mark their own visit to the centre, nor record
an employment; a clerk filing the schedule by hand for someone not registered unemployed gets a
case ended at once, and no schedule on the card.

The schedule is reached without S2's EDS signature: the card is marked unemployed in the store
(as S2's review does) and the clerk files the attendance case, whose first visit is then brought
forward in the store so the server's sweeper opens it."""
import sqlite3
import time

import pytest
import requests

from conftest import run

PERSON = "900515300127"  # the demo seeker's IIN: an applicant account


@pytest.fixture
def server(tmp_path, server_factory):
    db_path = tmp_path / "jumys.db"
    assert run("seed-demo", "--db", f"sqlite:{db_path}").returncode == 0
    with sqlite3.connect(db_path, timeout=10) as db:
        db.execute(
            "INSERT INTO employment_cards (iin, office_id, status, job_seeker_since, unemployed_since, "
            "created_at, updated_at) VALUES (?, 'kzo-city', 'unemployed', '2026-11-02', '2026-11-23', "
            "'2026-11-23T05:00:00Z', '2026-11-23T05:00:00Z')", (PERSON,))
    s = server_factory(f"sqlite:{db_path}", "--sweep-seconds", "1")
    s.db_path = db_path
    return s


def get(server, path, who):
    return requests.get(server.base + path, headers=server.login(who), timeout=10)


def post(server, path, who, body=None):
    return requests.post(server.base + path, json=body if body is not None else {},
                         headers=server.login(who), timeout=10)


def file_attendance(server, iin):
    r = post(server, "/api/v1/cases", "clerk", {
        "process": "unemployed-attendance", "channel": "office", "applicant": {"iin": iin}, "documents": []})
    assert r.status_code == 201, r.text
    return r.json()


def open_visit(server, case_id):
    """Brings the first visit forward to now and waits for the sweeper to open its window."""
    with sqlite3.connect(server.db_path, timeout=10) as db:
        db.execute("UPDATE tasks SET due_at = '2000-01-01T00:00:00Z' WHERE case_id = ? AND step = 'attendance' "
                   "AND completed_at IS NULL", (case_id,))
    deadline = time.time() + 20
    while time.time() < deadline:
        card = get(server, f"/api/v1/people/{PERSON}/employment-card", "employment").json()
        if card["attendance"]["visit_task_id"]:
            return card["attendance"]["visit_task_id"]
        time.sleep(0.3)
    raise AssertionError("the sweeper did not open the visit")


def test_the_card_and_its_schedule_are_the_persons_and_their_offices_only(server):
    kase = file_attendance(server, PERSON)
    assert kase["status"] == "open"
    own = get(server, f"/api/v1/people/{PERSON}/employment-card", "seeker")
    assert own.status_code == 200, own.text
    assert own.json()["attendance"]["case_id"] == kase["id"]
    assert own.json()["attendance"]["next_visit_at"]
    staff = get(server, f"/api/v1/people/{PERSON}/employment-card", "employment")
    assert staff.status_code == 200 and staff.json()["attendance"]["case_number"] == kase["number"]

    missing = get(server, "/api/v1/people/900101300017/employment-card", "clerk2")
    elsewhere = get(server, f"/api/v1/people/{PERSON}/employment-card", "clerk2")
    assert elsewhere.status_code == missing.status_code == 404
    assert elsewhere.json() == missing.json()
    # Another person with an account (the employer's user) sees nothing either.
    assert get(server, f"/api/v1/people/{PERSON}/employment-card", "employer").status_code in (403, 404)


def test_a_person_cannot_mark_their_own_visit_or_employment(server):
    kase = file_attendance(server, PERSON)
    task = open_visit(server, kase["id"])
    for outcome, data in (("attended", {}), ("employed", {"employed_on": "2026-11-30"})):
        r = post(server, f"/api/v1/tasks/{task}/complete", "seeker", {"outcome": outcome, "data": data})
        assert r.status_code == 422, r.text
        assert [d["key"] for d in r.json()["error"]["details"]] == ["guard.recorded_by_staff"]
    # Staff of another role in the office, or of another office, cannot record it either.
    assert post(server, f"/api/v1/tasks/{task}/complete", "clerk", {"outcome": "attended"}).status_code == 403
    assert post(server, f"/api/v1/tasks/{task}/complete", "clerk2", {"outcome": "attended"}).status_code == 404
    # Nor may anyone claim the window closed: the timeout outcome is the system's.
    r = post(server, f"/api/v1/tasks/{task}/complete", "employment", {"outcome": "missed"})
    assert r.status_code == 422, r.text
    card = get(server, f"/api/v1/people/{PERSON}/employment-card", "seeker").json()
    assert card["status"] == "unemployed"
    assert [h["action"] for h in card["history"]] == []

    # The specialist records the visit: the next one is scheduled.
    ok = post(server, f"/api/v1/tasks/{task}/complete", "employment", {"outcome": "attended", "data": {}})
    assert ok.status_code == 200, ok.text
    card = get(server, f"/api/v1/people/{PERSON}/employment-card", "seeker").json()
    assert [h["action"] for h in card["history"]] == ["attended"]
    assert card["attendance"]["visit_task_id"] is None and card["attendance"]["next_visit_at"]


def test_a_hand_filing_for_someone_not_unemployed_ends_at_once(server):
    kase = file_attendance(server, "851102400347")  # a job seeker, not unemployed
    assert kase["status"] == "cancelled"
    assert [t for t in kase["tasks"] if t.get("open")] == []
    card = get(server, "/api/v1/people/851102400347/employment-card", "clerk").json()
    assert card["status"] == "job_seeker"
    # A second schedule for the same person is refused the same way.
    file_attendance(server, PERSON)
    assert file_attendance(server, PERSON)["status"] == "cancelled"
