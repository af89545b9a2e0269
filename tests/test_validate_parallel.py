"""Bodies validated by a helper process alongside this one (valid/parallel.py):
the same ModuleInfo features and the same errors as validating every body
here, whatever the helper vouched for."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import wasmlite
from wasmlite.binary.decode import decode_module
from wasmlite.errors import WasmtimeError
from wasmlite.valid import parallel
from wasmlite.valid.validate import InvalidError, validate_module

N = 300
ROOT = Path(__file__).resolve().parent.parent


def _body(k: int) -> str:
    return (f"(func (param i32) (result i32) (local i32)"
            f" (block (loop (br_if 1 (i32.eqz (local.get 0)))"
            f" (local.set 1 (i32.add (local.get 1) (i32.mul (local.get 0) (i32.const {k}))))"
            f" (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br 0)))"
            f" (local.get 1))")


def _wat(extra_last: str = "", extra_first: str = "") -> str:
    funcs = [_body(k) for k in range(N)]
    # relaxed SIMD only near the end: ModuleInfo.features learns of it
    # from the helper's half
    funcs[-2] = ("(func (param i32) (result i32) (i32x4.extract_lane 0"
                 " (i32x4.relaxed_laneselect (i32x4.splat (local.get 0))"
                 " (v128.const i64x2 0 0) (v128.const i64x2 -1 -1))))")
    return ("(module (memory 1)" + extra_first + "".join(funcs) + extra_last
            + "(export \"f0\" (func 0)))")


def _binary(wat: str) -> bytes:
    return wasmlite.wat2wasm(wat)


def _helper_ready(binary: bytes, nfuncs: int, down_to: int) -> parallel.BodyHelper:
    """A started helper, once it has vouched for the bodies from ``down_to``
    on (so the test does not depend on which process is faster)."""
    helper = parallel.start_helper(binary, frozenset())
    assert helper is not None
    deadline = time.monotonic() + 60
    while helper.low(nfuncs) > down_to:
        if helper.proc.poll() is not None:
            helper._reader.join(10)     # its last words read
            assert helper.low(nfuncs) <= down_to, "the helper ended short"
        assert time.monotonic() < deadline, "helper made no progress"
        time.sleep(0.01)
    return helper


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(parallel, "HELPER_MIN_BYTES", 0)
    # (the test suite keeps the machine busy: a helper all the same)
    monkeypatch.setattr(parallel, "_idle_core", lambda: True)


def test_features_and_infos_as_without_helper(small_threshold):
    binary = _binary(_wat())
    alone = validate_module(decode_module(binary))
    module = decode_module(binary)
    n = len(module.funcs)
    helper = _helper_ready(binary, n, n // 2)
    try:
        info = validate_module(module, frozenset(), None, helper)
    finally:
        helper.close()
    assert helper.state[0] <= n // 2          # the helper did its half
    assert "relaxed_simd" in alone.features
    assert info.features == alone.features
    assert len(info.funcs) == n
    # FuncInfos of the helper's half are made when read, equal to the others
    for k in (0, n // 2, n - 2, n - 1):
        a, b = alone.funcs[k], info.funcs[k]
        assert (a.max_stack, a.max_depth, a.ends, a.num_instrs) == \
            (b.max_stack, b.max_depth, b.ends, b.num_instrs)


def _message(binary: bytes, helper=None) -> str:
    with pytest.raises(InvalidError) as e:
        validate_module(decode_module(binary), frozenset(), None, helper)
    return str(e.value)


def test_invalid_body_in_the_helpers_half_is_the_same_error(small_threshold):
    binary = _binary(_wat(extra_last="(func (result i32) (i64.const 0))" + _body(7)))
    expected = _message(binary)
    n = N + 2
    helper = _helper_ready(binary, n, n - 1)  # it stopped above the bad body
    try:
        assert _message(binary, helper) == expected
    finally:
        helper.close()
    assert "type mismatch" in expected and str(N) in expected


def test_the_first_invalid_body_wins(small_threshold):
    bad = "(func (result i32) (i64.const 0))" + _body(7)
    binary = _binary(_wat(extra_last=bad, extra_first="(func (result f32) (i32.const 1))"))
    expected = _message(binary)
    assert "function 0" in expected
    n = N + 3
    helper = _helper_ready(binary, n, n - 1)
    try:
        assert _message(binary, helper) == expected
    finally:
        helper.close()


class _WrongHelper:
    """A helper that decoded another number of functions (another wasmlite):
    it vouches for nothing."""
    nfuncs = 7
    state = (0, frozenset({"gc"}))
    closed = False

    low = parallel.BodyHelper.low
    finish = parallel.BodyHelper.finish

    def close(self):
        self.closed = True


def test_a_helper_of_another_module_vouches_for_nothing():
    binary = _binary(_wat(extra_last="(func (result i32) (i64.const 0))"))
    helper = _WrongHelper()
    msg = _message(binary, helper)
    assert "type mismatch" in msg and "function 300" in msg
    info = validate_module(decode_module(_binary(_wat())), frozenset(), None, _WrongHelper())
    assert "gc" not in info.features


def test_module_uses_a_helper_and_says_the_same(small_threshold, monkeypatch):
    started = []
    real = parallel.start_helper

    def spy(binary, disabled):
        h = real(binary, disabled)
        started.append(h)
        return h
    monkeypatch.setattr(parallel, "start_helper", spy)
    engine = wasmlite.Engine()
    m = wasmlite.Module(engine, _binary(_wat()))
    store = wasmlite.Store(engine)
    f = wasmlite.Instance(store, m, []).exports(store)["f0"]
    assert f(store, 10) == 0            # k = 0: sum of 0 * i
    assert len(started) == 1 and started[0] is not None
    assert started[0].proc.poll() is not None      # ended with Module()
    with pytest.raises(WasmtimeError, match="type mismatch"):
        wasmlite.Module(engine, _binary(_wat(extra_last="(func (result i32) (i64.const 0))")))
    assert all(h.proc.poll() is not None for h in started)


def test_no_helper_without_parallel_compilation(small_threshold, monkeypatch):
    called = []
    monkeypatch.setattr(parallel, "start_helper", lambda *a: called.append(a))
    cfg = wasmlite.Config()
    cfg.parallel_compilation = False
    wasmlite.Module(wasmlite.Engine(cfg), _binary(_wat()))
    assert not called


def test_a_helper_that_cannot_start(small_threshold, monkeypatch):
    def refuse(*a, **k):
        raise OSError("no processes here")
    monkeypatch.setattr(subprocess, "Popen", refuse)
    assert parallel.start_helper(_binary(_wat()), frozenset()) is None
    m = wasmlite.Module(wasmlite.Engine(), _binary(_wat()))
    assert m.exports


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_helper_ends_with_its_parent():
    # a parent starts a child that sets itself up as a helper does, then
    # would sleep for a minute (a helper busy validating does not read its
    # stdin); the parent ends at once (os._exit, as the CLI on Ctrl-C)
    child = ("import sys, time\n"
             "from wasmlite.valid.parallel import _die_with_parent\n"
             "_die_with_parent()\n"
             "time.sleep(60)\n")
    script = (
        "import os, subprocess, sys, time\n"
        f"p = subprocess.Popen([sys.executable, '-c', {child!r}, str(os.getpid())])\n"
        "print(p.pid, flush=True)\n"
        "time.sleep(1.0)\n"       # the child is set up by now
        "os._exit(0)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    pid = int(out.stdout.split()[0])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as f:
                state = f.read().rsplit(") ", 1)[1][0]
        except OSError:
            return              # gone
        if state == "Z":
            return              # ended (its new parent has not reaped it yet)
        time.sleep(0.05)
    os.kill(pid, 9)
    pytest.fail(f"child {pid} still running 10 s after its parent ended")


def test_a_malformed_body_fails_in_the_decode_as_without_helper(small_threshold, monkeypatch):
    # the helper reads bodies unscanned; the parent's decode still refuses
    # a malformed one, with the same error as without a helper
    binary = _binary(_wat(extra_last="(func nop)"))
    assert binary.endswith(b"\x03\x00\x01\x0b")     # the last body: nop, end
    bad = binary[:-2] + b"\xff\x0b"                 # an illegal opcode

    def message(helpers: bool) -> str:
        if not helpers:
            monkeypatch.setattr(parallel, "start_helper", lambda *a: None)
        with pytest.raises(WasmtimeError) as e:
            wasmlite.Module(wasmlite.Engine(), bad)
        return str(e.value)
    with_helper = message(True)
    assert "illegal opcode ff" in with_helper
    assert with_helper == message(False)


def test_no_helper_on_a_busy_machine(monkeypatch):
    monkeypatch.setattr(parallel, "HELPER_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "_cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.9, 1.0, 1.0))
    assert parallel.start_helper(_binary(_wat()), frozenset()) is None
    monkeypatch.setattr(os, "getloadavg", lambda: (0.4, 1.0, 1.0))
    helper = parallel.start_helper(_binary(_wat()), frozenset())
    assert helper is not None
    helper.close()
    monkeypatch.setattr(parallel, "_cores", lambda: 1)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert parallel.start_helper(_binary(_wat()), frozenset()) is None
