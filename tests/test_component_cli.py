"""`wasmlite run COMPONENT` does what `wasmtime run` does with the 15 WASI
cases of tests/test_wasi.py run as WASI 0.2 components: the same stdout,
stderr (a trap's report and backtrace included), exit status and files.

What `wasmtime run` did is recorded in tests/components/cli/wasmtime_run.json
by tests/components/cli/record.py (this test never runs Wasmtime's CLI).
Each case runs in its own `python -m wasmlite run` process; the processes
run two at a time, a component's cases one after another so its first run
fills the compiled-code cache the others read.
"""
from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "components" / "cli"))
import cli_cases  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
RECORD = json.loads(cli_cases.RECORD.read_text())
WASMLITE_RUN = [sys.executable, "-m", "wasmlite", "run"]


def _env() -> dict:
    env = cli_cases.clean_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Case name -> what `wasmlite run` did (as cli_cases.outcome writes it)."""
    top = tmp_path_factory.mktemp("cli")
    env = _env()
    by_program: dict = {}
    for name, case in cli_cases.CASES.items():
        by_program.setdefault(case[0], []).append(name)

    def run_program(names):
        return {name: cli_cases.run(WASMLITE_RUN, name, top / name, env=env) for name in names}

    results: dict = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for done in pool.map(run_program, by_program.values()):
            results.update(done)
    return results


def test_the_record_covers_every_case():
    assert set(RECORD["cases"]) == set(cli_cases.CASES)
    for name, recorded in RECORD["cases"].items():
        # the record was made from the command line this test runs
        assert recorded["command"] == ["run", *cli_cases.command(name, Path("{work}"))], name


@pytest.mark.parametrize("name", list(cli_cases.CASES))
def test_wasmlite_run_matches_wasmtime_run(name, outcomes):
    recorded = RECORD["cases"][name]
    ours = outcomes[name]
    note = recorded.get("not_expressible")
    if note:      # said, not skipped: the case runs as the CLI can express it
        assert cli_cases.perms_note(name) == note
    assert ours["status"] == recorded["status"], ours["stderr"]
    assert ours["stdout"] == recorded["stdout"]
    assert ours["stderr"] == recorded["stderr"]
    assert ours["files"] == recorded["files"]
    assert ours["beside"] == recorded["beside"]


def test_the_record_says_what_wasmtime_does():
    """A few facts of the record, read by hand from `wasmtime run` (so a
    re-recording that went wrong shows): WASI 0.2's exit carries only
    ok/err, so any nonzero exit is status 1; a trap is 134 with Wasmtime's
    report on stderr."""
    cases = RECORD["cases"]
    assert cases["exit_0"]["status"] == 0
    assert cases["exit_exit_42"]["status"] == 1
    assert cases["exit_return_3"]["status"] == 1
    assert cases["exit_abort"]["status"] == 134
    assert cases["exit_abort"]["stderr"].splitlines()[0:3] == [
        "Error: failed to run main module `exit_code.wasm`", "", "Caused by:"]
    assert "sandbox_readonly" in cases and "not_expressible" in cases["sandbox_readonly"]


def test_a_component_in_the_text_format_runs(tmp_path):
    """`wasmtime run` takes a component's text too (comments before it
    included). What it printed for this one, a core start function that
    traps while the component is instantiated: status 134, no "failed to
    invoke" line, the frame named from the name section wasm-tools' text
    encoder writes (``s`` read as a C++ type, as Wasmtime demangles it)."""
    import subprocess
    path = tmp_path / "start_traps.wat"
    path.write_text(";; a comment\n(; a (; nested ;) one ;)\n(component\n"
                    "  (core module $m (func $s unreachable) (start $s))\n"
                    "  (core instance (instantiate $m)))\n")
    p = subprocess.run([*WASMLITE_RUN, path.name], cwd=tmp_path, capture_output=True,
                       text=True, env=_env(), timeout=120)
    assert p.returncode == 134, p.stderr
    lines = p.stderr.splitlines()
    assert lines[:4] == ["Error: failed to run main module `start_traps.wat`", "",
                         "Caused by:", "    0: error while executing at wasm backtrace:"]
    assert lines[4] == "    0:     0x24 - m!short"
    assert lines[5] == "    1: wasm trap: wasm `unreachable` instruction executed"
