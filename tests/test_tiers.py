"""The tiers against each other: the interpreter (tier 0), LLVM code, and
tiered ``auto`` mode with tier-up and OSR (wasmlite/tiering.py)."""
from __future__ import annotations

import gc
import os
import random
import resource
import subprocess
import sys
import textwrap
import threading

import pytest

import wasmlite as wl
from wasmlite import tiering

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def engine(strategy: str, **settings) -> wl.Engine:
    cfg = wl.Config()
    cfg.strategy = strategy
    for k, v in settings.items():
        setattr(cfg, k, v)
    return wl.Engine(cfg)


def instance(eng: wl.Engine, wat: str, imports=()):
    store = wl.Store(eng)
    module = wl.Module(eng, wat)
    return store, module, wl.Instance(store, module, list(imports)).exports(store)


LOOP = """(module
  (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func (export "sum") (param i32) (result i32) (local i32)
    (block (loop
      (br_if 1 (i32.eqz (local.get 0)))
      (local.set 1 (i32.add (local.get 1) (call $sq (local.get 0))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br 0)))
    (local.get 1)))"""


def _sum(n: int) -> int:
    r = sum(i * i for i in range(1, n + 1)) & 0xFFFFFFFF
    return r - (1 << 32) if r >= 1 << 31 else r


def test_strategy_picks_the_tier():
    assert type(wl.Module(engine("interpreter"), LOOP)._compiled).__name__ == "InterpModule"
    assert type(wl.Module(engine("auto"), LOOP)._compiled).__name__ == "InterpModule"
    assert type(wl.Module(engine("llvm"), LOOP)._compiled).__name__ == "CompiledModule"
    assert type(wl.Module(engine("cranelift"), LOOP)._compiled).__name__ == "CompiledModule"
    with pytest.raises(wl.WasmtimeError, match="unsupported compilation strategy"):
        wl.Config().strategy = "jit"
    with pytest.raises(TypeError):
        wl.Config().strategy = 3


def test_one_long_call_moves_into_compiled_code_by_osr(monkeypatch):
    """A single call that loops: tier-up compiles in the background and the
    running interpreted call enters the compiled loop (OSR)."""
    monkeypatch.setattr(tiering, "HOT_THRESHOLD", 50)
    store, module, x = instance(engine("auto"), LOOP)
    assert x["sum"](store, 3_000_000) == _sum(3_000_000)
    tiering.drain()
    im = module._compiled
    assert im.tiered, "nothing was compiled"
    import ctypes
    from wasmlite.interp import layout as L
    osr = ctypes.c_uint64.from_address(im.desc_address(1) + L.IF_OSR).value
    compiled = ctypes.c_uint64.from_address(im.desc_address(1) + L.IF_COMPILED).value
    assert osr and compiled
    assert x["sum"](store, 1000) == _sum(1000)


def test_a_loop_still_running_in_the_interpreter_gets_its_osr_entry(monkeypatch):
    """The helper turns hot first (two calls a round), so the whole module
    may be compiled while `run`'s frame is interpreted: when `run`'s own
    counter passes the threshold, compiled or not, its loop gets its OSR
    entry (tiering._TierUp.hot) and the running call moves over."""
    monkeypatch.setattr(tiering, "HOT_THRESHOLD", 500)
    wat = """(module
      (func $h (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
      (func (export "run") (param i32) (result i32) (local i32)
        (loop $l
          (local.set 1 (call $h (call $h (local.get 1))))
          (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
        (local.get 1)))"""
    store, module, x = instance(engine("auto"), wat)
    assert x["run"](store, 2_000_000) == 4_000_000
    tiering.drain()
    import ctypes
    from wasmlite.interp import layout as L
    im = module._compiled
    assert ctypes.c_uint64.from_address(im.desc_address(1) + L.IF_COMPILED).value
    assert ctypes.c_uint64.from_address(im.desc_address(1) + L.IF_OSR).value, \
        "the running loop never got an OSR entry"


def test_a_function_hot_by_its_calls_whose_running_call_loops_gets_osr(monkeypatch):
    """The call that makes a function hot (its counter reaches the
    threshold at the call, not at a loop) is the one that loops long: the
    function is compiled for new calls without OSR entries, and the running
    frame's loop must tell again (``rearm``) so that it moves over. The loop
    asks the host whether to go on: until its OSR entry is installed (or 20 s
    pass), so a busy tier-up thread cannot make the call end first."""
    import ctypes
    import time
    from wasmlite.interp import layout as L
    monkeypatch.setattr(tiering, "HOT_THRESHOLD", 500)
    wat = """(module
      (import "host" "go_on" (func $go_on (result i32)))
      (func (export "spin") (param i32) (result i32) (local i32)
        (if (local.get 0) (then   ;; spin(0) counts its call only
          (loop $l
            (local.set 1 (i32.add (local.get 1) (i32.const 1)))
            (br_if $l (call $go_on)))))
        (local.get 1)))"""
    eng = engine("auto")
    store = wl.Store(eng)
    module = wl.Module(eng, wat)
    im = module._compiled
    deadline = time.monotonic() + 20

    def go_on() -> int:
        osr = ctypes.c_uint64.from_address(im.desc_address(0) + L.IF_OSR).value
        return int(not osr and time.monotonic() < deadline)
    host = wl.Func(store, wl.FuncType([], [wl.ValType.i32()]), go_on)
    x = wl.Instance(store, module, [host]).exports(store)
    for _ in range(499):
        assert x["spin"](store, 0) == 0
    assert x["spin"](store, 1) > 500          # the 500th call: hot at its entry
    tiering.drain()
    assert ctypes.c_uint64.from_address(im.desc_address(0) + L.IF_COMPILED).value
    assert ctypes.c_uint64.from_address(im.desc_address(0) + L.IF_OSR).value, \
        "the running loop never got an OSR entry"


def test_auto_early_tiers_every_function_and_agrees():
    from wasmlite.runtime import RuntimeEngine  # noqa: F401 - the runner's engine
    rt_engine = engine("auto")
    rt_engine._rt.tier_early = True
    store, module, x = instance(rt_engine, LOOP)
    assert x["sum"](store, 10_000) == _sum(10_000)
    assert module._compiled.tiered


def _fuel_after(strategy: str, wat: str, name: str, *args):
    eng = engine("auto" if strategy == "auto-early" else strategy, consume_fuel=True)
    if strategy == "auto-early":        # tiers up at the first count, OSR at the first back-edge
        eng._rt.tier_early = True
    store = wl.Store(eng)
    store.set_fuel(10_000_000)
    x = wl.Instance(store, wl.Module(eng, wat), []).exports(store)
    try:
        r = x[name](store, *args)
    except wl.Trap as t:
        r = ("trap", t.trap_code)
    return r, store.get_fuel()


FUEL_WAT = """(module (memory 1) (table 10 funcref)
  (func $f (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "run") (param i32) (result i32) (local i32)
    (memory.fill (i32.const 0) (i32.const 7) (i32.const 100))
    (drop (memory.grow (i32.const 2)))
    (drop (table.grow (ref.null func) (i32.const 5)))
    (block (loop
      (br_if 1 (i32.eqz (local.get 0)))
      (local.set 1 (call $f (local.get 1)))
      (if (i32.and (local.get 0) (i32.const 1)) (then (nop)) (else (local.set 1 (i32.sub (local.get 1) (i32.const 1)))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br 0)))
    (local.get 1))
  (func (export "spin") (loop (br 0))))"""


# a loop entered through OSR, then a trap that writes no fuel back: the
# store must show what it showed before the call, as in Wasmtime (fuzz seed
# 810291: the OSR entry used to flush the interpreter's fuel to the store)
OSR_TRAP_WAT = """(module (memory 1)
  (func (export "f") (param i32) (result i32) (local i32)
    (local.set 1 (i32.const 4))
    (loop $l (br_if $l (i32.gt_s (local.tee 1 (i32.sub (local.get 1) (i32.const 1))) (i32.const 0))))
    (i32.div_s (i32.const 1) (local.get 0))))"""


def _wasmtime_fuel_after(wat: str, name: str, *args):
    """What _fuel_after gives, from wasmtime-py (a trap as its code)."""
    wasmtime = pytest.importorskip("wasmtime")
    cfg = wasmtime.Config()
    cfg.consume_fuel = True
    eng = wasmtime.Engine(cfg)
    store = wasmtime.Store(eng)
    store.set_fuel(10_000_000)
    x = wasmtime.Instance(store, wasmtime.Module(eng, wat), []).exports(store)
    try:
        r = x[name](store, *args)
    except wasmtime.Trap as t:
        r = ("trap", wl.TrapCode[t.trap_code.name])
    return r, store.get_fuel()


@pytest.mark.parametrize("arg", [0, 1])
def test_fuel_across_an_osr_entry_agrees_with_wasmtime(arg):
    want = _wasmtime_fuel_after(OSR_TRAP_WAT, "f", arg)
    for strategy in ("llvm", "interpreter", "auto-early"):
        assert _fuel_after(strategy, OSR_TRAP_WAT, "f", arg) == want, strategy


@pytest.mark.parametrize("n", [0, 1, 7, 100])
def test_fuel_agrees_to_the_unit_in_every_tier(n):
    results = {s: _fuel_after(s, FUEL_WAT, "run", n) for s in ("llvm", "interpreter", "auto-early")}
    assert results["llvm"] == results["interpreter"] == results["auto-early"]
    assert _wasmtime_fuel_after(FUEL_WAT, "run", n) == results["interpreter"]


def test_out_of_fuel_traps_in_the_interpreter():
    eng = engine("interpreter", consume_fuel=True)
    store = wl.Store(eng)
    store.set_fuel(1000)
    x = wl.Instance(store, wl.Module(eng, FUEL_WAT), []).exports(store)
    with pytest.raises(wl.Trap) as e:
        x["spin"](store)
    assert e.value.trap_code == wl.TrapCode.OUT_OF_FUEL


@pytest.mark.parametrize("strategy", ["interpreter", "auto"])
def test_epoch_interrupts_an_interpreted_loop(strategy):
    eng = engine(strategy, epoch_interruption=True)
    store = wl.Store(eng)
    store.set_epoch_deadline(1)
    module = wl.Module(eng, FUEL_WAT)
    x = wl.Instance(store, module, []).exports(store)
    timer = threading.Timer(0.2, eng.increment_epoch)
    timer.start()
    with pytest.raises(wl.Trap) as e:
        x["spin"](store)
    timer.join()
    assert e.value.trap_code == wl.TrapCode.INTERRUPT
    if strategy == "auto":      # the loop had moved into compiled code (OSR)
        import ctypes
        from wasmlite.interp import layout as L
        tiering.drain()
        im = module._compiled
        assert ctypes.c_uint64.from_address(im.desc_address(2) + L.IF_OSR).value


def test_runaway_recursion_in_the_interpreter_is_a_clean_trap():
    wat = '(module (func $r (export "r") (param i32) (result i32) (call $r (i32.add (local.get 0) (i32.const 1)))))'
    for s in ("interpreter", "auto"):
        store, _, x = instance(engine(s), wat)
        with pytest.raises(wl.Trap) as e:
            x["r"](store, 0)
        assert e.value.trap_code == wl.TrapCode.STACK_OVERFLOW


def test_deep_recursion_fits_the_default_stack_in_the_interpreter():
    """Interpreter frames live on the native stack (~224 bytes for this
    function): 2,000 nested calls fit the default 512 KiB."""
    wat = """(module (func $d (export "d") (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
        (else (i32.add (i32.const 1) (call $d (i32.sub (local.get 0) (i32.const 1))))))))"""
    store, _, x = instance(engine("interpreter"), wat)
    assert x["d"](store, 2_000) == 2_000


def test_calls_both_ways_between_tiers_and_host():
    """An interpreted module calls a compiled one and a Python function, which
    calls back into interpreted code; a trap deep inside unwinds them all."""
    eng = engine("auto")
    store = wl.Store(eng)
    rt = eng._rt
    lib_wat = """(module (func (export "twice") (param i32) (result i32)
        (i32.mul (local.get 0) (i32.const 2)))
      (func (export "boom") (unreachable)))"""
    rt.strategy = "llvm"
    lib = wl.Instance(store, wl.Module(eng, lib_wat), []).exports(store)
    rt.strategy = "interpreter"
    seen = []
    holder = {}

    def host(x):
        seen.append(x)
        return holder["x"]["inc"](store, x) if x < 3 else x

    hf = wl.Func(store, wl.FuncType([wl.ValType.i32()], [wl.ValType.i32()]), host)
    wat = """(module
      (import "lib" "twice" (func $twice (param i32) (result i32)))
      (import "lib" "boom" (func $boom))
      (import "host" "f" (func $host (param i32) (result i32)))
      (func (export "inc") (param i32) (result i32) (call $host (i32.add (local.get 0) (i32.const 1))))
      (func (export "go") (param i32) (result i32) (call $twice (call $host (local.get 0))))
      (func (export "trap") (call $boom)))"""
    x = wl.Instance(store, wl.Module(eng, wat), [lib["twice"], lib["boom"], hf]).exports(store)
    holder["x"] = x
    assert x["go"](store, 0) == 6
    assert seen == [0, 1, 2, 3]
    with pytest.raises(wl.Trap) as e:
        x["trap"](store)
    assert e.value.trap_code == wl.TrapCode.UNREACHABLE
    assert x["go"](store, 5) == 10          # the store is usable after the trap


def test_a_python_exception_crosses_interpreted_frames():
    eng = engine("interpreter")
    store = wl.Store(eng)

    class Boom(Exception):
        pass

    def host():
        raise Boom("from python")

    hf = wl.Func(store, wl.FuncType([], []), host)
    x = wl.Instance(store, wl.Module(eng, '(module (import "h" "f" (func $f)) (func (export "g") (call $f)))'),
                    [hf]).exports(store)
    with pytest.raises(Boom, match="from python"):
        x["g"](store)


def test_tables_and_indirect_calls_across_tiers():
    eng = engine("auto")
    store = wl.Store(eng)
    rt = eng._rt
    rt.strategy = "interpreter"
    a = wl.Instance(store, wl.Module(eng, """(module (table (export "t") 2 funcref)
        (func $k (result i32) (i32.const 42)) (elem (i32.const 0) $k))"""), []).exports(store)
    rt.strategy = "llvm"
    b = wl.Instance(store, wl.Module(eng, """(module (import "a" "t" (table 2 funcref))
        (type $v (func (result i32)))
        (func (export "call") (param i32) (result i32) (call_indirect (type $v) (local.get 0))))"""),
        [a["t"]]).exports(store)
    assert b["call"](store, 0) == 42
    with pytest.raises(wl.Trap) as e:
        b["call"](store, 1)
    assert e.value.trap_code == wl.TrapCode.INDIRECT_CALL_TO_NULL


def test_two_threads_run_one_module_while_it_tiers_up(monkeypatch):
    monkeypatch.setattr(tiering, "HOT_THRESHOLD", 20)
    eng = engine("auto")
    module = wl.Module(eng, LOOP)
    errors, results = [], []

    def work():
        try:
            store = wl.Store(eng)
            x = wl.Instance(store, module, []).exports(store)
            for n in (10, 1000, 200_000, 50, 300_000):
                results.append(x["sum"](store, n) == _sum(n))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 10 and all(results)


def test_generated_modules_agree_across_interpreter_llvm_and_wasmtime():
    wasmtime = pytest.importorskip("wasmtime")
    from fuzz.differential import _outcome
    from fuzz.gen import arguments, generate
    import hashlib
    engines = {s: engine(s) for s in ("interpreter", "llvm")}
    for seed in range(40):
        rng = random.Random(seed)
        wat, sigs = generate(rng)
        binary = wasmtime.wat2wasm(wat)
        swt = wasmtime.Store(wasmtime.Engine())
        xwt = wasmtime.Instance(swt, wasmtime.Module(swt.engine, binary), []).exports(swt)
        sides = {}
        for s, eng in engines.items():
            st = wl.Store(eng)
            sides[s] = (st, wl.Instance(st, wl.Module(eng, binary), []).exports(st))
        for k, (params, _r) in enumerate(sigs):
            args = arguments(rng, params)
            want = _outcome(wasmtime, xwt[f"f{k}"], swt, args)
            mem = hashlib.sha1(xwt["mem"].read(swt, 0, xwt["mem"].data_len(swt))).hexdigest()
            for s, (st, x) in sides.items():
                assert _outcome(wl, x[f"f{k}"], st, args) == want, (seed, s, k, args)
                got = hashlib.sha1(x["mem"].read(st, 0, x["mem"].data_len(st))).hexdigest()
                assert got == mem, (seed, s, k)


def test_load_instantiate_run_drop_in_auto_mode_keeps_memory_flat():
    code = textwrap.dedent(f"""
        import gc, resource, sys
        sys.path.insert(0, {ROOT!r})
        import wasmlite as wl
        from wasmlite import tiering
        eng = wl.Engine()
        wat = {LOOP!r}
        def cycle(i):
            # one module in ten tiers up (an -O2 compile and an OSR entry each)
            tiering.HOT_THRESHOLD = 3 if i % 10 == 0 else 10**9
            store = wl.Store(eng)
            # a new module each time (so nothing is shared), same code
            text = wat[:-1] + " (global i32 (i32.const " + str(i) + ")))"
            x = wl.Instance(store, wl.Module(eng, text), []).exports(store)
            x["sum"](store, 50)
        for i in range(200):
            cycle(i)
        tiering.drain(); gc.collect()
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for i in range(2000):
            cycle(i)
        tiering.drain(); gc.collect()
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(after - before)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    grown_kib = int(proc.stdout.strip().splitlines()[-1])
    assert grown_kib < 40_000, f"RSS grew {grown_kib} KiB over 2,000 cycles"


def test_exit_while_tier_up_compiles_is_clean(tmp_path):
    """A WASI program whose run ends while tier-up is compiling its hot
    functions: the exit stops tier-up first (tiering._shutdown). Without
    that, LLVM ran on in the background thread while the process tore LLVM
    down: 2 runs in 3 aborted (LLVM assertions, segfaults) after printing
    the right output."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path))
    wasm = os.path.join(ROOT, "bench", "wasi", "wordfreq.wasm")
    for _ in range(3):
        proc = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--no-cache",
                               "--dir", f"{tmp_path}::.", wasm, "300000"],
                              capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert proc.stdout.startswith("300000 words"), proc.stdout[:200]
