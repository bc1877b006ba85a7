"""docs/PROCESSES.md is the output of `jumys regulations-index`: it fails here when a definition,
a hook registration or a test file changed and the index was not written again (`make docs`)."""
import difflib

from conftest import ROOT, run


def test_committed_regulation_index_is_current():
    r = run("regulations-index", "--root", str(ROOT))
    assert r.returncode == 0, r.stderr
    committed = (ROOT / "docs" / "PROCESSES.md").read_text(encoding="utf-8")
    if r.stdout != committed:
        diff = "".join(difflib.unified_diff(
            committed.splitlines(keepends=True), r.stdout.splitlines(keepends=True),
            "docs/PROCESSES.md (committed)", "jumys regulations-index"))
        raise AssertionError("docs/PROCESSES.md is stale; run `make docs` and commit it:\n" + diff)


def test_index_links_a_process_number_to_its_steps_code_and_tests():
    out = run("regulations-index", "--root", str(ROOT), check=True).stdout
    section = out[out.index('<a id="s4a"></a>'):out.index('<a id="s4b"></a>')]
    assert "processes/foreign-labour-permit/kzo-2018-1054.yaml" in section
    assert "| `register` | 6.2 |" in section
    # A rule from later law names its act beside where it is used and implemented.
    assert ("| `check_permit_application` | check | intake | Rules and conditions for issuing and "
            "extending permits") in section
    assert "No. 559 of 27.06.2016) | [src/services/permits/permit_hooks.cpp]" in section
    assert "| `commission_recommended_grant` | guard | prepare_notice/grant | - |" in section
    assert ("- Act: No. 125 of 2015-08-20, registered with the Justice department on 2015-09-08 "
            "under No. 5125, worded anew by No. 1054 of 2018-02-23, repealed by No. 163 of "
            "2020-02-06") in section
    assert "- Service term: office 9wd, portal 9wd" in section
    assert "### Tests\n\n- [" in section


def test_a_bad_definitions_directory_fails_with_one_line(tmp_path):
    (tmp_path / "processes" / "x").mkdir(parents=True)
    (tmp_path / "processes" / "x" / "v1.yaml").write_text("code: [\n")
    r = run("regulations-index", "--processes", str(tmp_path / "processes"))
    assert r.returncode == 1
    assert r.stderr.startswith("jumys regulations-index: ")
    assert len(r.stderr.strip().splitlines()) == 1
