"""scripts/check-layers on small trees: what it accepts, what it refuses and how it says so."""
import pathlib
import shutil
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check-layers"


def make_tree(tmp_path, files):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "src" / "layers.txt", src / "layers.txt")
    for name, text in files.items():
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return src


def run(src):
    return subprocess.run([str(SCRIPT), "--src", str(src)], capture_output=True, text=True)


def test_the_tree_as_committed_passes():
    result = run(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr


def test_downward_and_same_layer_includes_pass(tmp_path):
    src = make_tree(tmp_path, {
        "engine/a.h": '#include "core/error.h"\n#include "domain/roles.h"\n#include "engine/b.h"\n',
        "http/h.cpp": '#include <vector>\n#include "services/s.h"\n#include "storage/database.h"\n',
    })
    assert run(src).returncode == 0


def test_an_include_up_a_layer_fails_with_file_and_line(tmp_path):
    src = make_tree(tmp_path, {
        "storage/x.cpp": '#include "storage/x.h"\n\n#include "engine/case_model.h"\n',
    })
    result = run(src)
    assert result.returncode == 1
    assert 'src/storage/x.cpp:3: storage includes "engine/case_model.h"' in result.stdout


def test_test_code_may_wire_higher_layers_but_not_app(tmp_path):
    src = make_tree(tmp_path, {
        "engine/e_test.cpp": '#include "services/case_hooks.h"\n',
        "engine/testing/fixture.h": '#include "server/runtime.h"\n',
        "http/h_test.cpp": '#include "app/commands.h"\n',
    })
    result = run(src)
    assert result.returncode == 1
    assert result.stdout.strip().splitlines() == [
        'src/http/h_test.cpp:1: test code includes "app/commands.h" from layer \'app\', above \'http\''
    ]


def test_a_folder_that_is_no_layer_fails(tmp_path):
    src = make_tree(tmp_path, {"misc/m.cpp": "int m;\n"})
    result = run(src)
    assert result.returncode == 1
    assert "folder 'misc' is not a layer" in result.stdout


def test_a_handler_that_reaches_the_store_fails(tmp_path):
    src = make_tree(tmp_path, {
        "http/routes/people_routes.cpp": '#include "http/api.h"\n'
                                         '#include "storage/database.h"\n'
                                         'void F(storage::Tx& tx);\n',
        "http/api.cpp": '#include "storage/database.h"\n',
    })
    result = run(src)
    assert result.returncode == 1
    assert result.stdout.strip().splitlines() == [
        "src/http/routes/people_routes.cpp:2: a handler reaches the store directly"
        " (call a service instead)",
        "src/http/routes/people_routes.cpp:3: a handler reaches the store directly"
        " (call a service instead)",
    ]
