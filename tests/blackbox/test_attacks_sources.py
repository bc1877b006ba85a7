"""Official fields only from officials, against a running server: an applicant's data never sets
a document's registration date or a referral's employer. The filing with such keys is refused
(422, field.unknown); and keys planted straight into the stored case, as if some gap had let
them through, are never printed on the document the head signs."""
import datetime
import json
import sqlite3
import subprocess

import requests

DOCUMENTS = [{"type": "application"}, {"type": "identity_document", "valid_until": "2031-05-01"}]


def file_case(server, clerk, process, iin, data=None):
    body = {"process": process, "channel": "office", "applicant": {"iin": iin}, "documents": DOCUMENTS}
    if data is not None:
        body["data"] = data
    return server.post("/api/v1/cases", body, clerk)


def complete(server, who, case_id, outcome, data=None):
    tasks = requests.get(server.base + "/api/v1/tasks", headers=who, timeout=10).json()
    task = next(t for t in tasks if t["case_id"] == case_id)
    r = server.post(f"/api/v1/tasks/{task['id']}/complete", {"outcome": outcome, "data": data or {}}, who)
    assert r.status_code == 200, r.text
    return task


def draft_text(server, head, case_id, tmp_path):
    tasks = requests.get(server.base + "/api/v1/tasks", headers=head, timeout=10).json()
    task = next(t for t in tasks if t["case_id"] == case_id)
    r = requests.get(server.base + f"/api/v1/tasks/{task['id']}/document", headers=head, timeout=20)
    assert r.status_code == 200, r.text
    pdf = tmp_path / f"draft-{case_id}.pdf"
    pdf.write_bytes(r.content)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def plant(db_path, case_id, data):
    with sqlite3.connect(db_path, timeout=10) as db:
        db.execute("UPDATE cases SET data = ? WHERE id = ?", (json.dumps(data), case_id))


def unknown_fields(r):
    return {d["field"]: d["key"] for d in r.json()["error"].get("details", [])}


def test_applicant_data_cannot_backdate_the_notification(tmp_path, server_factory):
    db_path = tmp_path / "jumys.db"
    server = server_factory(f"sqlite:{db_path}", "--demo")
    clerk, head, executor = server.login("clerk"), server.login("head"), server.login("executor")

    refused = file_case(server, clerk, "job-seeker-registration", "951203400783",
                        {"registration_date": "2020-01-01"})
    assert refused.status_code == 422, refused.text
    assert unknown_fields(refused) == {"data.registration_date": "field.unknown"}

    filed = file_case(server, clerk, "job-seeker-registration", "951203400783")
    assert filed.status_code == 201, filed.text
    case_id = filed.json()["id"]
    plant(db_path, case_id, {"registration_date": "2020-01-01", "case_number": "FAKE-1"})
    complete(server, clerk, case_id, "accepted")
    complete(server, head, case_id, "assigned", {"assignee": "executor"})
    complete(server, executor, case_id, "approve")
    text = draft_text(server, head, case_id, tmp_path)
    today = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=5)).strftime("%d.%m.%Y")
    assert "01.01.2020" not in text and "2020-01-01" not in text, text
    assert "FAKE-1" not in text, text
    assert f"с {today}" in text, text


def test_applicant_data_cannot_replace_the_executors_employer_on_a_referral(tmp_path, server_factory):
    db_path = tmp_path / "jumys.db"
    server = server_factory(f"sqlite:{db_path}", "--demo")
    clerk, head, executor = server.login("clerk"), server.login("head"), server.login("executor")

    refused = file_case(server, clerk, "active-measures-referral", "851102400347",
                        {"employer_name": "«Өтініш беруші» ЖШС", "valid_until": "2099-12-31"})
    assert refused.status_code == 422, refused.text
    assert unknown_fields(refused) == {"data.employer_name": "field.unknown",
                                       "data.valid_until": "field.unknown"}

    filed = file_case(server, clerk, "active-measures-referral", "851102400347")
    assert filed.status_code == 201, filed.text
    case_id = filed.json()["id"]
    plant(db_path, case_id, {"employer_name": "«Өтініш беруші» ЖШС", "position": "Директор",
                             "valid_until": "2099-12-31"})
    complete(server, clerk, case_id, "accepted")
    complete(server, head, case_id, "assigned", {"assignee": "executor"})
    valid_until = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    complete(server, executor, case_id, "refer_employment",
             {"employer_name": "«Сыр Құрылыс» ЖШС", "position": "Жұмысшы", "valid_until": valid_until})
    text = draft_text(server, head, case_id, tmp_path)
    assert "«Сыр Құрылыс» ЖШС" in text, text
    assert "«Жұмысшы»" in text, text
    for planted in ["Өтініш беруші", "Директор", "31.12.2099"]:
        assert planted not in text, (planted, text)
