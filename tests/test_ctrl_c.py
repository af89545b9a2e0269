"""Ctrl-C stops running wasm (runtime/interrupt.py). Each case runs in a
fresh interpreter that sends SIGINT to itself from a timer thread, so a
failure can only fail the test, never stop pytest."""
import subprocess
import sys
import textwrap

import pytest

PRELUDE = """
import os, signal, threading, time
import wasmlite as wt
config = wt.Config()
config.strategy = STRATEGY
store = wt.Store(wt.Engine(config))
module = wt.Module(store.engine, '''(module
  (memory 1)
  (func (export "spin") (loop $l (br $l)))
  (func (export "busy") (param i32) (loop $l
    (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
    (br_if $l (i32.const 1))))
  (func (export "f") (result i32) (i32.const 7)))''')
ex = wt.Instance(store, module, []).exports(store)
def ctrl_c(after):
    threading.Timer(after, os.kill, (os.getpid(), signal.SIGINT)).start()
"""


def run(body: str, strategy: str = "auto") -> list[str]:
    prelude = PRELUDE.replace("STRATEGY", repr(strategy))
    proc = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(body)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


@pytest.mark.parametrize("strategy", ["auto", "interpreter", "llvm"])
def test_ctrl_c_stops_a_runaway_loop_with_keyboard_interrupt(strategy):
    """auto: the loop starts interpreted and is in OSR'd code by the time
    the signal comes; interpreter: the loop header handler checks."""
    out = run("""
        for name in ("spin", "busy"):
            ctrl_c(0.2)
            try:
                ex[name](store, *([0] if name == "busy" else []))
                print("returned")
            except KeyboardInterrupt:
                print("KeyboardInterrupt")
        print(ex["f"](store))
    """, strategy)
    assert out == ["KeyboardInterrupt", "KeyboardInterrupt", "7"]


def test_ctrl_c_outside_wasm_leaves_later_calls_alone():
    out = run("""
        ctrl_c(0.1)
        try:
            time.sleep(5)
        except KeyboardInterrupt:
            print("sleep-interrupted")
        print(ex["f"](store))
        print(ex["f"](store))
    """)
    assert out == ["sleep-interrupted", "7", "7"]


def test_a_python_handler_that_does_not_raise_gets_a_trap():
    out = run("""
        seen = []
        signal.signal(signal.SIGINT, lambda *a: seen.append(1))
        store2 = wt.Store(store.engine)           # puts the native handler back in front
        ex2 = wt.Instance(store2, module, []).exports(store2)
        ctrl_c(0.2)
        try:
            ex2["spin"](store2)
        except wt.Trap as e:
            print(e.trap_code.name, len(seen))
        print(ex2["f"](store2))
    """)
    assert out == ["INTERRUPT", "1", "7"]
