"""The signing routes of multi-document signing, attacked through a running server: the list
of drafts a signing task signs (GET /api/v1/tasks/{id}/documents) and a draft by kind read by
those whose task it is not, a kind the step does not sign, and completions whose `signatures`
are of the wrong shape. Each request must get the new answer and move nothing."""
import pytest
import requests

S1_OFFICE = {
    "process": "job-seeker-registration",
    "channel": "office",
    "applicant": {"iin": "851102400347"},
    "documents": [{"type": "application"}, {"type": "identity_document", "valid_until": "2031-05-01"}],
}


@pytest.fixture
def server(server_factory, sqlite_url):
    return server_factory(sqlite_url, "--demo")


def open_task(kase, step):
    return next(t for t in kase["tasks"] if t["step"] == step and t["open"])


def up_to_signing(server):
    """An S1 case at the head's signing step (6.5); returns its task."""
    clerk, head, executor = server.login("clerk"), server.login("head"), server.login("executor")
    kase = server.post("/api/v1/cases", S1_OFFICE, clerk).json()
    for step, who, outcome, data in [("register", clerk, "accepted", {}),
                                     ("assign", head, "assigned", {"assignee": "executor"}),
                                     ("review", executor, "approve", {})]:
        r = server.post(f"/api/v1/tasks/{open_task(kase, step)['id']}/complete",
                 {"outcome": outcome, "data": data}, who)
        assert r.status_code == 200, r.text
        kase = r.json()
    return open_task(kase, "sign")


def test_the_drafts_list_is_the_signers_only(server):
    task = up_to_signing(server)
    path = f"/api/v1/tasks/{task['id']}/documents"
    listed = server.get(path, server.login("head"))
    assert listed.status_code == 200, listed.text
    assert [d["kind"] for d in listed.json()["items"]] == ["notification"]
    assert listed.json()["items"][0]["url"] == f"/api/v1/tasks/{task['id']}/document?kind=notification"
    assert requests.get(server.base + path, timeout=10).status_code == 401
    # Inside the office with another role: 403; another office's head or an applicant: 404.
    assert server.get(path, server.login("clerk")).status_code == 403
    assert server.get(path, server.login("head2")).status_code == 404
    assert server.get(path, server.login("seeker")).status_code in (403, 404)
    assert server.get("/api/v1/tasks/999999/documents", server.login("head")).status_code == 404


def test_a_kind_the_step_does_not_sign_is_refused(server):
    task = up_to_signing(server)
    head = server.login("head")
    for kind in ["permit", "decision_notice", "../../etc/passwd", "notification%20"]:
        r = server.get(f"/api/v1/tasks/{task['id']}/document?kind={kind}", head)
        assert r.status_code == 422, (kind, r.text)
        assert r.json()["error"]["key"] == "document.not_signed_here"
    # A NUL in the target is refused before any route.
    r = server.get(f"/api/v1/tasks/{task['id']}/document?kind=notification%00", head)
    assert r.status_code == 400 and r.json()["error"]["key"] == "request.bad_target"
    ok = server.get(f"/api/v1/tasks/{task['id']}/document?kind=notification", head)
    assert ok.status_code == 200 and ok.headers["Content-Type"] == "application/pdf"


def test_signatures_of_the_wrong_shape_are_400_and_move_nothing(server):
    task = up_to_signing(server)
    head = server.login("head")
    complete = f"/api/v1/tasks/{task['id']}/complete"
    for signatures in [["AAAA"], "AAAA", {"notification": 5}, {"notification": ""},
                       {"": "AAAA"}, {("k" * 65): "AAAA"},
                       {f"k{i}": "AAAA" for i in range(9)}]:
        r = server.post(complete, {"outcome": "signed", "data": {}, "signatures": signatures}, head)
        assert r.status_code == 400, (signatures, r.text)
        assert r.json()["error"]["key"] == "task.signatures_shape"
    both = server.post(complete, {"outcome": "signed", "data": {}, "signature": "AAAA",
                                   "signatures": {"notification": "AAAA"}}, head)
    assert both.status_code == 400 and both.json()["error"]["key"] == "task.signatures_shape"
    # A signature for a document the step does not sign is refused by name.
    stray = server.post(complete, {"outcome": "signed", "data": {},
                                    "signatures": {"notification": "AAAA", "permit": "AAAA"}}, head)
    assert stray.status_code == 422, stray.text
    assert server.get(f"/api/v1/tasks/{task['id']}/documents", head).status_code == 200, "still open"
