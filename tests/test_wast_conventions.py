"""The .wast runner's conventions beyond the spec interpreter's, as
Wasmtime's own tests use them: a named module is importable under its name
(no ``register`` needed), ``(thread ...)`` / ``(wait ...)`` blocks run; and
``wasmlite wast -W`` turns features off as ``Config`` does."""
from __future__ import annotations

import pytest

from wasmlite.cli import main
from wasmlite.script.run import default_executor_factory, run_file
from wasmlite.text.script import Thread, Wait, parse_script

THREADS = """
(module $Mem (memory (export "m") 1)
  (func (export "get") (result i32) (i32.load (i32.const 0))))
(thread $T1 (shared (module $Mem))
  (register "mem" $Mem)
  (module (import "mem" "m" (memory 1))
    (func (export "run") (i32.store (i32.const 0) (i32.const 42))))
  (invoke "run")
  (assert_return (invoke $Mem "get") (i32.const 42)))
(wait $T1)
(assert_return (invoke $Mem "get") (i32.const 42))
"""

NAMED = """
(module $Lib (memory (export "m") 1) (func (export "seven") (result i32) (i32.const 7)))
(module (import "Lib" "seven" (func $s (result i32))) (import "Lib" "m" (memory 1))
  (func (export "call") (result i32) (call $s)))
(assert_return (invoke "call") (i32.const 7))
"""


def test_thread_and_wait_parse():
    cmds = parse_script(THREADS)
    thread = [c for c in cmds if isinstance(c, Thread)][0]
    assert thread.id == "$T1" and thread.shared == ["$Mem"] and len(thread.commands) == 4
    assert [c.id for c in cmds if isinstance(c, Wait)] == ["$T1"]


@pytest.mark.parametrize("text, passed", [(THREADS, 8), (NAMED, 3)])
def test_wasmtime_conventions_run(tmp_path, text, passed):
    path = tmp_path / "t.wast"
    path.write_text(text)
    out = run_file(path, default_executor_factory())
    assert (out.passed, out.failed, out.skipped) == (passed, 0, 0), out.failures


def test_a_thread_sees_only_what_it_shares(tmp_path):
    path = tmp_path / "t.wast"
    path.write_text("""(module $A (func (export "f") (result i32) (i32.const 1)))
      (thread $T (assert_return (invoke $A "f") (i32.const 1)))
      (wait $T)""")
    out = run_file(path, default_executor_factory())
    assert out.failed == 1 and "no instance of module $A" in out.failures[0]


def test_wast_takes_w_options(tmp_path, capsys):
    path = tmp_path / "t.wast"
    path.write_text("""(module (tag $t) (func (export "f") (throw $t)))
      (assert_exception (invoke "f"))""")
    assert main(["wast", str(path)]) == 0
    assert main(["wast", "-W", "exceptions=n", str(path)]) == 1
    assert "exceptions support is not enabled" in capsys.readouterr().out
