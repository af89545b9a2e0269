"""Ctrl-C in ``wasmlite run``: while the program runs and while its module
compiles, the command stops, prints one line and exits with 130, in every
strategy. Each test runs the command as a child process in a session of its
own and sends SIGINT to its process group, as a terminal does (or to the
command alone, as ``kill -INT`` does)."""
import os
import signal
import subprocess
import sys
import time

import pytest

from wasmlite.cli import INTERRUPTED
from wasmlite.engine import Config
from wasmlite.errors import WasmtimeError

pytestmark = pytest.mark.usefixtures("isolated_cache")

# prints "ready" through WASI, then loops forever
SPIN = """(module
  (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "ready\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 6))
    (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (loop $l (br $l))))"""


def _strategies():
    found = [None]
    for s in ("interpreter", "llvm"):
        try:
            Config().strategy = s
            found.append(s)
        except WasmtimeError:
            pass
    return found


# wraps launch._compile so that the parent knows when compiling has begun
_MARKED = """import sys
import wasmlite.launch as launch
from wasmlite.cli import console_main
_compile = launch._compile
def marked(*args, **kwargs):
    print("compiling", file=sys.stderr, flush=True)
    return _compile(*args, **kwargs)
launch._compile = marked
sys.argv[0] = "wasmlite"
console_main()
"""


def _start(argv, marked=False):
    cmd = [sys.executable, "-c", _MARKED] if marked else [sys.executable, "-m", "wasmlite"]
    return subprocess.Popen([*cmd, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _session_processes(sid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":      # session id, state
                found.append(int(entry))
    return found


def _interrupt(proc, whole_group: bool = True):
    if whole_group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def _no_processes_left(sid: int) -> bool:
    """Compile workers end when their parent does (their stdin closes)."""
    for _ in range(100):
        if not _session_processes(sid):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("strategy", _strategies(), ids=lambda s: s or "default")
@pytest.mark.parametrize("whole_group", [True, False], ids=["terminal", "kill"])
def test_ctrl_c_while_running(tmp_path, strategy, whole_group):
    wat = tmp_path / "spin.wat"
    wat.write_text(SPIN)
    argv = ["run", "--no-cache"] + (["--strategy", strategy] if strategy else []) + [str(wat)]
    proc = _start(argv)
    try:
        assert proc.stdout.readline() == "ready\n"
        status, out, err = _interrupt(proc, whole_group)
    finally:
        proc.kill()
    assert (status, out, err) == (INTERRUPTED, "", "wasmlite: interrupted\n")


def _big_module(path, functions: int = 3000) -> None:
    """A module that takes seconds to compile with LLVM at -O2; its
    _start exits with 7, so a run after an ignored Ctrl-C shows."""
    parts = ['(module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))',
             "(memory 1)"]
    for i in range(functions):
        parts.append(
            f"(func (param i32) (result i32) (local i32)"
            f" (local.set 1 (i32.mul (local.get 0) (i32.const {i + 3})))"
            f" (if (i32.gt_u (local.get 1) (i32.const 100))"
            f" (then (i32.store (local.get 0) (local.get 1))))"
            f" (i32.add (i32.load (local.get 0)) (i32.xor (local.get 1) (i32.const {i}))))")
    parts.append('(func (export "_start") (call $exit (i32.const 7))))')
    path.write_text("\n".join(parts))


@pytest.mark.skipif("llvm" not in _strategies(), reason="Config.strategy has no 'llvm' yet")
@pytest.mark.parametrize("whole_group", [True, False], ids=["terminal", "kill"])
def test_ctrl_c_while_compiling(tmp_path, whole_group):
    wat = tmp_path / "big.wat"
    _big_module(wat)
    proc = _start(["run", "--no-cache", "--strategy", "llvm", str(wat)], marked=True)
    try:
        assert proc.stderr.readline() == "compiling\n"
        time.sleep(1.0)                        # well inside the compile (several seconds)
        status, out, err = _interrupt(proc, whole_group)
    finally:
        proc.kill()
    assert (status, out, err) == (INTERRUPTED, "", "wasmlite: interrupted\n")
    assert _no_processes_left(proc.pid)


# launch._compile replaced by native code that never returns and never looks
# at signals: Python's KeyboardInterrupt alone would wait forever for it
_STUCK = r"""import ctypes, sys
import wasmlite.launch as launch
from wasmlite.cli import console_main
from wasmlite.compile import jit
symbol = jit.new_symbol("stuck")
ir = jit.module_header() + (
    "define void @stuck(ptr %p) {\n"
    "entry:\n  br label %loop\n"
    "loop:\n  store volatile i32 1, ptr %p\n  br label %loop\n}\n"
    f"@{symbol} = constant [1 x ptr] [ptr @stuck]\n")
library = jit.build_library(ir, symbol, 1, opt_level=1)
stuck = ctypes.CFUNCTYPE(None, ctypes.c_void_p)(library.addresses[0])
cell = ctypes.c_int32()
def forever(*args, **kwargs):
    print("stuck", file=sys.stderr, flush=True)
    stuck(ctypes.addressof(cell))
launch._compile = forever
console_main()
"""


@pytest.mark.parametrize("whole_group", [True, False], ids=["terminal", "kill"])
def test_ctrl_c_inside_one_long_native_call(tmp_path, whole_group):
    wat = tmp_path / "m.wat"
    wat.write_text("(module)")
    proc = subprocess.Popen([sys.executable, "-c", _STUCK, "run", "--no-cache", str(wat)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        assert proc.stderr.readline() == "stuck\n"
        time.sleep(0.5)                        # inside the native call by now
        status, out, err = _interrupt(proc, whole_group)
    finally:
        proc.kill()
    assert (status, out, err) == (INTERRUPTED, "", "wasmlite: interrupted\n")
