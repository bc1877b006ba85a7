import signal
import sqlite3
import time

import requests

from conftest import run


def test_every_verb_has_help():
    for verb in ["serve", "migrate", "seed-demo", "audit-verify", "backup", "restore"]:
        r = run(verb, "--help")
        assert r.returncode == 0, r.stderr
        assert "--db" in r.stdout
    assert "--listen" in run("serve", "--help").stdout


def test_migrating_twice_changes_nothing(tmp_path, sqlite_url):
    assert run("migrate", "--db", sqlite_url).returncode == 0
    db = sqlite3.connect(tmp_path / "jumys.db")
    first = db.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    db.close()
    assert run("migrate", "--db", sqlite_url).returncode == 0
    db = sqlite3.connect(tmp_path / "jumys.db")
    assert db.execute("SELECT version, name, applied_at FROM schema_migrations").fetchall() == first
    assert [row[0] for row in first] == list(range(1, len(first) + 1))


def test_a_bad_store_url_fails_with_one_line():
    r = run("migrate", "--db", "mysql://localhost/x")
    assert r.returncode != 0
    assert len(r.stderr.strip().splitlines()) == 1
    assert "jumys migrate:" in r.stderr


def test_seed_demo_only_seeds_an_empty_store(sqlite_url):
    first = run("seed-demo", "--db", sqlite_url)
    assert first.returncode == 0 and "seeded" in first.stdout
    second = run("seed-demo", "--db", sqlite_url)
    assert second.returncode == 0 and "nothing seeded" in second.stdout


def test_audit_verify_reports_an_edited_row(tmp_path, sqlite_url):
    assert run("seed-demo", "--db", sqlite_url).returncode == 0
    ok = run("audit-verify", "--db", sqlite_url)
    assert ok.returncode == 0, ok.stderr
    assert "intact" in ok.stdout
    db = sqlite3.connect(tmp_path / "jumys.db")
    db.execute("UPDATE audit_events SET data = '{}' WHERE seq = 1")
    db.commit()
    db.close()
    broken = run("audit-verify", "--db", sqlite_url)
    assert broken.returncode == 2
    assert "broken at event 1" in broken.stderr


def test_serve_answers_and_stops_cleanly_on_sigterm(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    assert requests.get(server.base + "/healthz", timeout=5).json() == {"status": "ok"}
    headers = server.login("clerk")
    me = requests.get(server.base + "/api/v1/auth/me", headers=headers, timeout=5)
    assert me.json()["office"] == "kzo-city"
    r = requests.get(server.base + "/api/v1/people/851102400347", headers=headers, timeout=5)
    assert r.status_code == 200 and r.json()["surname"] == "Ахметова"
    assert r.headers["X-Request-Id"]
    assert server.stop(signal.SIGTERM) == 0


def test_acknowledged_writes_survive_a_crash(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    headers = server.login("clerk")
    person = {"iin": "950515400122", "surname": "Қасымова", "given_name": "Аружан"}
    r = requests.post(server.base + "/api/v1/people", json=person, headers=headers, timeout=5)
    assert r.status_code == 201, r.text
    server.stop(signal.SIGKILL)
    again = server_factory(sqlite_url, "--demo")
    r = requests.get(again.base + "/api/v1/people/950515400122", headers=again.login("clerk"), timeout=5)
    assert r.status_code == 200 and r.json()["given_name"] == "Аружан"
    assert run("audit-verify", "--db", sqlite_url).returncode == 0


def test_a_backup_taken_while_serving_restores_into_a_fresh_store(tmp_path, sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    headers = server.login("clerk")
    person = {"iin": "950515400122", "surname": "Қасымова", "given_name": "Аружан"}
    assert requests.post(server.base + "/api/v1/people", json=person, headers=headers, timeout=5).status_code == 201
    made = run("backup", "--db", sqlite_url, "--out", str(tmp_path / "copy.bak"))
    assert made.returncode == 0, made.stderr
    assert "backup written" in made.stdout and "(sqlite, " in made.stdout
    # The server went on serving, and what it writes now is not in the copy.
    later = {"iin": "960220401003", "surname": "Омарова", "given_name": "Дана"}
    assert requests.post(server.base + "/api/v1/people", json=later, headers=headers, timeout=5).status_code == 201
    restored_url = f"sqlite:{tmp_path}/restored.db"
    restored = run("restore", "--db", restored_url, "--in", str(tmp_path / "copy.bak"))
    assert restored.returncode == 0, restored.stderr
    assert "audit chain intact" in restored.stdout
    db = sqlite3.connect(tmp_path / "restored.db")
    assert db.execute("SELECT given_name FROM people WHERE iin = '950515400122'").fetchall() == [("Аружан",)]
    assert db.execute("SELECT COUNT(*) FROM people WHERE iin = '960220401003'").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM users").fetchone()[0] > 20
    db.close()
    # Not over a store that exists; the live one is untouched and still verifies.
    over = run("restore", "--db", sqlite_url, "--in", str(tmp_path / "copy.bak"))
    assert over.returncode == 1 and "restore into a fresh store" in over.stderr
    assert server.stop() == 0
    assert run("audit-verify", "--db", sqlite_url).returncode == 0
    missing = run("backup", "--db", f"sqlite:{tmp_path}/missing.db", "--out", str(tmp_path / "x.bak"))
    assert missing.returncode == 1 and not (tmp_path / "missing.db").exists()


def test_backup_on_postgresql_and_no_restore_over_it(tmp_path, pg_url):
    assert run("migrate", "--db", pg_url).returncode == 0
    made = run("backup", "--db", pg_url, "--out", str(tmp_path / "store.dump"))
    assert made.returncode == 0, made.stderr
    assert "(pg_dump-custom, " in made.stdout
    over = run("restore", "--db", pg_url, "--in", str(tmp_path / "store.dump"))
    assert over.returncode == 1 and "already has tables" in over.stderr


def test_sighup_reads_the_trust_files_again_and_keeps_serving(tmp_path, sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo", "--dev-ca", str(tmp_path / "dev-ca"))
    server.proc.send_signal(signal.SIGHUP)
    wait_for_log(server, "eds_trust_reloaded")
    # A CRL file that no longer loads: the store in use stays, and the server says so.
    (tmp_path / "dev-ca" / "root-ca.crl.pem").write_text("not a CRL")
    server.proc.send_signal(signal.SIGHUP)
    line = wait_for_log(server, "eds_trust_reload_failed")
    assert "no CRL in" in line
    assert requests.get(server.base + "/healthz", timeout=5).json() == {"status": "ok"}
    assert server.stop(signal.SIGTERM) == 0


def wait_for_log(server, name, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        for line in list(server.log_lines):
            if f'"name":"{name}"' in line:
                return line
        time.sleep(0.05)
    raise AssertionError(f"no {name} in the log: {server.log_lines[-5:]}")


def test_serve_on_postgresql(pg_url, server_factory):
    server = server_factory(pg_url, "--demo")
    headers = server.login("head2")
    assert requests.get(server.base + "/api/v1/auth/me", headers=headers, timeout=5).json()["office"] == "kzo-aral"
    r = requests.get(server.base + "/api/v1/people/851102400347", headers=headers, timeout=5)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"
    assert server.stop() == 0


def test_oversize_and_malformed_bodies(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo", "--max-body", "1024")
    headers = server.login("clerk")
    big = requests.post(server.base + "/api/v1/people", data="x" * 3000, headers=headers, timeout=5)
    assert big.status_code == 413
    assert big.json()["error"]["code"] == "invalid_input"
    bad = requests.post(server.base + "/api/v1/people", data="{not json", headers=headers, timeout=5)
    assert bad.status_code == 400
    assert "stack" not in bad.text.lower()


def test_dev_ca_writes_key_files_openssl_accepts(tmp_path):
    import subprocess
    out = tmp_path / "ca"
    r = run("dev-ca", "--out", str(out))
    assert r.returncode == 0, r.stderr
    for name in ["root-ca.pem", "root-ca.crl.pem", "head.p12", "seeker.p12", "employer.p12", "revoked.pem"]:
        assert (out / name).exists(), name
    ok = subprocess.run(["openssl", "verify", "-CAfile", str(out / "root-ca.pem"), str(out / "head.pem")],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    revoked = subprocess.run(["openssl", "verify", "-crl_check", "-CAfile", str(out / "root-ca.pem"),
                              "-CRLfile", str(out / "root-ca.crl.pem"), str(out / "revoked.pem")],
                             capture_output=True, text=True)
    assert revoked.returncode != 0


def test_a_hostile_nesting_gets_400_and_the_server_stays_up(sqlite_url, server_factory):
    server = server_factory(sqlite_url, "--demo")
    deep = '{"a":' * 100_000 + "1" + "}" * 100_000
    applications = [
        ("clerk", '{"process":"job-seeker-registration","channel":"office",'
                  '"applicant":{"iin":"851102400347"},"data":' + deep + "}"),
        ("seeker", '{"process":"job-seeker-registration","channel":"portal",'
                   '"office":"kzo-city","data":' + deep + "}"),
    ]
    for login, body in applications:
        r = requests.post(server.base + "/api/v1/cases", data=body,
                          headers={**server.login(login), "Content-Type": "application/json"},
                          timeout=10)
        assert r.status_code == 400, r.text
        assert "nested deeper than 32 levels" in r.json()["error"]["message"]
    assert server.proc.poll() is None
    assert requests.get(server.base + "/healthz", timeout=5).json() == {"status": "ok"}
    assert server.stop() == 0


def test_import_reference_is_idempotent_and_refuses_a_bad_file_whole(tmp_path, sqlite_url):
    good = tmp_path / "kato.csv"
    good.write_text("# a subset\ncode,parent,name_kk,name_ru,name_en\n"
                    "430000000,,Қызылорда облысы,Кызылординская область,Kyzylorda Region\n"
                    "433200000,430000000,Арал ауданы,Аральский район,Aral District\n",
                    encoding="utf-8")
    first = run("import-reference", "--db", sqlite_url, "--kind", "kato", "--file", str(good))
    assert first.returncode == 0, first.stderr
    assert first.stdout == "kato: 2 rows, 2 added, 0 updated, 0 deactivated, 0 unchanged\n"
    assert first.stderr == ""  # not a terminal: no progress bar
    again = run("import-reference", "--db", sqlite_url, "--kind", "kato", "--file", str(good))
    assert again.stdout == "kato: 2 rows, 0 added, 0 updated, 0 deactivated, 2 unchanged\n"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,parent,name_kk,name_ru,name_en\n470000000,,a,b,c\n4700,,a,b,c\n",
                   encoding="utf-8")
    refused = run("import-reference", "--db", sqlite_url, "--kind", "kato", "--file", str(bad))
    assert refused.returncode == 1
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "line 3" in refused.stderr
    db = sqlite3.connect(tmp_path / "jumys.db")
    rows = db.execute("SELECT code, active FROM reference_codes WHERE kind = 'kato' "
                      "ORDER BY code").fetchall()
    db.close()
    assert rows == [("430000000", 1), ("433200000", 1)]  # 470000000 was not stored
