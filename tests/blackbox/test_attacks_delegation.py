"""Who acts for whom, attacked through a running server: an employer's drafter filing, users of
an employer managing what is not theirs, delegations to oneself, to another office or of a role
not held, and an acting head outside the period. Each request must get the new answer."""
import datetime

import pytest

S1_OFFICE = {
    "process": "job-seeker-registration",
    "channel": "office",
    "applicant": {"iin": "851102400347"},
    "documents": [{"type": "application"}, {"type": "identity_document", "valid_until": "2031-05-01"}],
}


def kyzylorda_today(days=0):
    """The office's calendar date (Kyzylorda is UTC+5 all year)."""
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=5)
    return (now.date() + datetime.timedelta(days=days)).isoformat()


def error_key(response):
    return response.json()["error"]["key"]


@pytest.fixture
def server(server_factory, sqlite_url):
    return server_factory(sqlite_url, "--demo")


def add_employer_user(server, director, login, capacity):
    r = server.post("/api/v1/employer/users",
             {"login": login, "full_name": "Айгүл Омарова", "iin": "851102400347", "capacity": capacity},
             director)
    assert r.status_code == 201, r.text
    assert "851102400347" not in r.text  # the person's IIN is masked
    one_time = r.json()["one_time_password"]
    headers = server.login(login, one_time)
    # The one-time password opens nothing but the password change.
    assert server.get("/api/v1/employer/capacity", headers).status_code == 403
    changed = server.post("/api/v1/auth/password",
                   {"current_password": one_time, "new_password": login + "-own-password-1"}, headers)
    assert changed.status_code == 200, changed.text
    return headers


def test_a_drafter_cannot_file_for_the_employer_and_nothing_is_created(server):
    director = server.login("employer")
    drafter = add_employer_user(server, director, "aigul", "drafter")
    filing = {"process": "foreign-labour-permit", "channel": "portal", "office": "kzo-oblast",
              "documents": [{"type": "application"}], "data": {"consent": True},
              "signature": "AAAA"}
    # The employer's cases before: the demo's P3 case.
    before = server.get("/api/v1/cases", drafter).json()["items"]
    r = server.post("/api/v1/cases", filing, drafter)
    assert r.status_code == 403, r.text
    assert error_key(r) == "employer.drafter_cannot_file"
    assert server.get("/api/v1/cases", drafter).json()["items"] == before
    assert server.get("/api/v1/employer/capacity", drafter).json()["may_file"] is False


def test_only_the_director_manages_the_employers_users(server):
    director = server.login("employer")
    signatory = add_employer_user(server, director, "marat", "signatory")
    body = {"login": "sneaky", "full_name": "X Y", "iin": "851102400347", "capacity": "signatory"}
    r = server.post("/api/v1/employer/users", body, signatory)
    assert r.status_code == 403 and error_key(r) == "employer_user.director_only"
    assert server.get("/api/v1/employer/users", signatory).status_code == 403
    # Staff are not an employer's users: a wrong role answers 403.
    assert server.post("/api/v1/employer/users", body, server.login("clerk")).status_code == 403
    # A director cannot escalate anyone to director, nor take over a staff account.
    r = server.post("/api/v1/employer/users", {**body, "capacity": "director"}, director)
    assert r.status_code == 422
    staff = server.post("/api/v1/employer/users/clerk/deactivate", {}, director)
    ghost = server.post("/api/v1/employer/users/ghost/deactivate", {}, director)
    assert staff.status_code == ghost.status_code == 404
    assert staff.json() == ghost.json()
    assert server.get("/api/v1/auth/me", server.login("clerk")).status_code == 200


def test_a_deactivated_users_session_ends_at_once(server):
    director = server.login("employer")
    drafter = add_employer_user(server, director, "aigul", "drafter")
    assert server.get("/api/v1/cases", drafter).status_code == 200
    assert server.post("/api/v1/employer/users/aigul/deactivate", {}, director).status_code == 200
    assert server.get("/api/v1/cases", drafter).status_code == 401


def test_no_one_delegates_to_themselves_elsewhere_or_a_role_they_lack(server):
    head = server.login("head")
    period = {"starts_on": kyzylorda_today(), "ends_on": kyzylorda_today(1)}
    r = server.post("/api/v1/delegations", {"delegate": "head", **period}, head)
    assert r.status_code == 422 and error_key(r) == "delegation.to_self"
    other = server.post("/api/v1/delegations", {"delegate": "executor2", **period}, head)
    ghost = server.post("/api/v1/delegations", {"delegate": "ghost", **period}, head)
    assert other.status_code == ghost.status_code == 422
    assert error_key(other) == error_key(ghost) == "delegation.not_colleague"
    # The executor holds no head role to give; the route is for heads: 403 either way.
    r = server.post("/api/v1/delegations", {"delegate": "clerk", **period}, server.login("executor"))
    assert r.status_code == 403
    # An admin cannot hand out the admin role by delegation.
    r = server.post("/api/v1/delegations", {"delegate": "oblast-executor", "role": "admin", **period},
             server.login("oblast-head"))
    assert r.status_code == 403
    # Another office's delegation answers like a missing one.
    made = server.post("/api/v1/delegations", {"delegate": "executor", **period}, head)
    assert made.status_code == 201, made.text
    revoke = f"/api/v1/delegations/{made.json()['id']}/revoke"
    assert server.post(revoke, {}, server.login("head2")).status_code == 404
    assert server.post("/api/v1/delegations/999999/revoke", {}, server.login("head2")).status_code == 404
    # The acting head cannot pass the delegated role on.
    r = server.post("/api/v1/delegations", {"delegate": "clerk", **period}, server.login("executor"))
    assert r.status_code == 403


def test_an_acting_head_acts_only_within_the_period(server):
    clerk, head, executor = server.login("clerk"), server.login("head"), server.login("executor")
    kase = server.post("/api/v1/cases", S1_OFFICE, clerk).json()
    register = next(t for t in kase["tasks"] if t["step"] == "register" and t["open"])
    kase = server.post(f"/api/v1/tasks/{register['id']}/complete", {"outcome": "accepted", "data": {}}, clerk).json()
    assign = next(t for t in kase["tasks"] if t["step"] == "assign" and t["open"])
    complete = f"/api/v1/tasks/{assign['id']}/complete"
    body = {"outcome": "assigned", "data": {"assignee": "executor"}}

    # A delegation from tomorrow: today the executor is not acting head.
    later = server.post("/api/v1/delegations",
                 {"delegate": "executor", "starts_on": kyzylorda_today(1), "ends_on": kyzylorda_today(2)}, head)
    assert later.status_code == 201, later.text
    r = server.post(complete, body, executor)
    assert r.status_code == 403 and error_key(r) == "task.other_role"

    # Revoked, it never starts; one for today makes the executor acting head now.
    assert server.post(f"/api/v1/delegations/{later.json()['id']}/revoke", {}, head).status_code == 200
    today = server.post("/api/v1/delegations",
                 {"delegate": "executor", "starts_on": kyzylorda_today(), "ends_on": kyzylorda_today()}, head)
    assert today.status_code == 201, today.text
    assert any(t["id"] == assign["id"] for t in server.get("/api/v1/tasks", executor).json())
    r = server.post(complete, body, executor)
    assert r.status_code == 200, r.text
    # Revoked, the role is gone at once.
    assert server.post(f"/api/v1/delegations/{today.json()['id']}/revoke", {}, head).status_code == 200
    assert all(t["step"] != "assign" for t in server.get("/api/v1/tasks", executor).json())
