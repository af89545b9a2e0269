"""`wasmlite run --invoke 'name(args)' COMPONENT` does what `wasmtime run
--invoke` does: the call and its values read as WAVE, the result written
as WAVE, the same errors (their causes and spans) and exit status.

What `wasmtime run --invoke` did is recorded in
tests/components/cli/wasmtime_invoke.json by record_invoke.py (this test
never runs Wasmtime's CLI). Most calls are made in this process through
launch_component.invoke_component (each component loaded once, a fresh
store per call); a few go through `python -m wasmlite run` to check the
command line around it (-W unknown-imports-trap, the program's arguments).
"""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import wasmlite
from wasmlite.launch import _trap_report, _wasi, error_report
from wasmlite.launch_component import invoke_component

sys.path.insert(0, str(Path(__file__).resolve().parent / "components" / "cli"))
import cli_cases  # noqa: E402
import invoke_cases  # noqa: E402

RECORD = json.loads((cli_cases.RECORD.parent / "wasmtime_invoke.json").read_text())
CASES = RECORD["cases"]
PROJECT = Path(__file__).resolve().parents[1]

# Where wasmlite's report is known to differ, and how far it still agrees.
# The calls of an unknown import: Wasmtime's trap carries the wasm backtrace
# of the call; wasmlite's (raised by the Python stand-in) has none yet, so
# only the status and the cause's words agree.
UNKNOWN_IMPORT_CALLS = {"via-u8(3)"}
# Where Wasmtime's lexer reports a char literal it cannot read with a span
# of its own (its tokenizer's internal state): the rest agrees.
SPAN_DIFFERS = {"echo-char('\\u{301}x')"}

_components: dict = {}


def _component(engine, name: str):
    if name not in _components:
        from wasmlite.component import Component
        _components[name] = Component.from_file(engine, str(cli_cases.COMPONENTS / name))
    return _components[name]


@pytest.fixture(scope="module")
def engine():
    return wasmlite.Engine()


def invoke_here(engine, case: dict) -> tuple[int, str, str]:
    """One recorded call made in this process: (status, stdout, stderr)."""
    name = case["component"]
    bare = Path(name).name
    out, err = io.StringIO(), io.StringIO()
    wasi = _wasi(bare, case["args"], False, [], [])
    wasi.stdout_file = os.devnull        # a command's own output is checked by subprocess
    status = invoke_component(
        bare, engine, wasi, case["call"], out, lambda causes: error_report(bare, causes, err),
        lambda trap, context: _trap_report(bare, trap, context, err, component=True),
        trap_unknown=name == invoke_cases.VALUES, component=_component(engine, name))
    return status, out.getvalue(), err.getvalue()


IN_PROCESS = [c for c in CASES if c["component"] in (invoke_cases.VALUES, invoke_cases.TRAPS)]


@pytest.mark.parametrize("case", IN_PROCESS, ids=[c["call"] for c in IN_PROCESS])
def test_invoke_matches_wasmtime(case, engine):
    status, out, err = invoke_here(engine, case)
    assert status == case["status"], err
    assert out == case["stdout"]
    if case["call"] in UNKNOWN_IMPORT_CALLS:
        assert err.splitlines()[0] == case["stderr"].splitlines()[0]
        cause = case["stderr"].strip().splitlines()[-1]       # "    1: unknown import: ..."
        assert cause.endswith(err.strip().splitlines()[-1].strip())
    elif case["call"] in SPAN_DIFFERS:
        assert err.rsplit(" at ", 1)[0] == case["stderr"].rsplit(" at ", 1)[0]
    else:
        assert err == case["stderr"]


def test_the_record_covers_the_cases():
    assert [(c["component"], c["call"], c["args"]) for c in CASES] == \
        [(c, call, list(args)) for c, call, args in invoke_cases.CASES]
    assert {c["call"] for c in CASES} >= UNKNOWN_IMPORT_CALLS | SPAN_DIFFERS


def test_the_record_says_what_wasmtime_does():
    """A few facts of the record, read by hand from `wasmtime run --invoke`."""
    by_call = {c["call"]: c for c in CASES}
    assert by_call["echo-point({y: -2, x: 1})"]["stdout"] == "{x: 1, y: -2}\n"
    assert by_call["echo-string(\"it's\")"]["stdout"] == '"it\\\'s"\n'
    assert by_call["nothing()"]["stdout"] == "()\n"
    assert by_call["echo-u8(256)"]["status"] == 1
    assert by_call["boom()"]["status"] == 134


SUBPROCESS = [c for c in CASES if c["component"] not in (invoke_cases.VALUES,
                                                         invoke_cases.TRAPS)]
SUBPROCESS += [c for c in CASES if c["call"] in ("echo-mixed({a: 1, b: 2, c: \"s\", d: [],"
                                                 " f: 'c', g: true, h: 2.5})", "echo-u8",
                                                 "boom()")]


@pytest.mark.parametrize("case", SUBPROCESS, ids=[c["call"] for c in SUBPROCESS])
def test_wasmlite_run_invoke_matches_wasmtime(case):
    where = cli_cases.COMPONENTS / case["component"]
    env = cli_cases.clean_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT), env.get("PYTHONPATH")]))
    p = subprocess.run([sys.executable, "-m", "wasmlite", "run",
                        *invoke_cases.flags(case["component"]), "--invoke", case["call"],
                        where.name, *case["args"]], cwd=where.parent, capture_output=True,
                       stdin=subprocess.DEVNULL, env=env, timeout=300)
    assert p.returncode == case["status"], p.stderr
    assert p.stdout.decode() == case["stdout"]
    assert p.stderr.decode() == case["stderr"]
