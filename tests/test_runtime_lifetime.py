"""Issue 3's limits on the runtime itself: the native stack is guarded (a
legitimate deep recursion succeeds, a runaway one traps) and code memory
lives and dies with its module (load/instantiate/drop keeps RSS flat)."""
import gc
import os
import struct

import pytest
import wasmtime

from wasmlite.binary.decode import decode_module
from wasmlite.compile import compile_module
from wasmlite.errors import Trap, TrapCode
from wasmlite.runtime import RuntimeEngine, RuntimeStore, instantiate, invoke
from wasmlite.valid.validate import validate_module

# these tests collect in loops: each collect then walks only their own objects
pytestmark = pytest.mark.usefixtures("frozen_heap")

RECURSION = wasmtime.wat2wasm("""(module
  (func $depth (export "depth") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1)
                     (call $depth (i32.sub (local.get 0) (i32.const 1)))))))
  (func $sum (export "sum") (param i64 f64) (result f64)
    (if (result f64) (i64.eqz (local.get 0)) (then (local.get 1))
      (else (f64.add (f64.convert_i64_s (local.get 0))
                     (call $sum (i64.sub (local.get 0) (i64.const 1)) (local.get 1))))))
  (func $runaway (export "runaway") (param i32) (result i32)
    (i32.add (i32.const 1) (call $runaway (local.get 0)))))""")


def _instance(opt_level: int, wasm: bytes = RECURSION):
    engine = RuntimeEngine(opt_level=opt_level)
    store = RuntimeStore(engine)
    module = decode_module(wasm)
    compiled = compile_module(module, validate_module(module), engine.signatures, opt_level)
    return store, instantiate(store, compiled, [])


@pytest.mark.parametrize("opt_level", [0, 1, 2])
def test_recursion_5000_deep_succeeds_and_runaway_traps(opt_level):
    store, inst = _instance(opt_level)
    assert invoke(store, inst.exports["depth"], [5000]) == [5000]
    total = struct.unpack("<Q", struct.pack("<d", 5000 * 5001 / 2))[0]
    assert invoke(store, inst.exports["sum"], [5000, 0]) == [total]
    with pytest.raises(Trap) as ei:
        invoke(store, inst.exports["runaway"], [0])
    assert ei.value.trap_code == TrapCode.STACK_OVERFLOW
    assert "call stack exhausted" in ei.value.message
    # the store is usable after the overflow, many times over
    for _ in range(3):
        with pytest.raises(Trap):
            invoke(store, inst.exports["runaway"], [0])
        assert invoke(store, inst.exports["depth"], [100]) == [100]


def _rss_kib() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


SMALL = wasmtime.wat2wasm("""(module
  (memory 1) (table 4 funcref) (global $g (mut i32) (i32.const 7))
  (elem (i32.const 0) $f)
  (func $f (export "f") (param i32) (result i32)
    (i32.store (i32.const 8) (local.get 0))
    (i32.add (global.get $g) (i32.load (i32.const 8))))
  (data (i32.const 16) "hello"))""")


def test_load_instantiate_drop_2000_times_keeps_memory_flat():
    """Each cycle compiles the module anew, so code memory must be freed."""
    engine = RuntimeEngine(opt_level=0)

    def cycle(n: int) -> None:
        for j in range(n):
            store = RuntimeStore(engine)
            module = decode_module(SMALL)
            compiled = compile_module(module, validate_module(module), engine.signatures, 0)
            inst = instantiate(store, compiled, [])
            assert invoke(store, inst.exports["f"], [j]) == [j + 7]
            if j % 100 == 99:
                # stores and instances hold reference cycles (ctypes
                # callbacks into the store): collect as a long-running
                # program's collector would, so the measure is the steady state
                gc.collect()
        gc.collect()

    cycle(300)                    # warm up allocator pools and caches
    before = _rss_kib()
    cycle(2000)
    grown = _rss_kib() - before
    # a leaked library is tens of KiB, so 2,000 leaks would be far past this
    assert grown < 16 * 1024, f"RSS grew by {grown} KiB over 2,000 cycles"


def test_code_outlives_its_lljit_generation():
    """Libraries are spread over several LLJITs; code compiled in an old
    generation keeps running while newer generations come and go."""
    from wasmlite.compile import jit
    engine = RuntimeEngine(opt_level=0)
    store = RuntimeStore(engine)
    kept = []
    for k in range(jit._LIBRARIES_PER_LLJIT * 2 + 5):
        module = decode_module(wasmtime.wat2wasm(
            f'(module (func (export "k") (result i32) (i32.const {k})))'))
        compiled = compile_module(module, validate_module(module), engine.signatures, 0)
        kept.append(instantiate(store, compiled, []))
        if k % 3:
            del compiled                    # some generations lose members
            gc.collect()
    for k, inst in enumerate(kept):
        assert invoke(store, inst.exports["k"], []) == [k]


def test_default_opt_level_stays_flat_too(monkeypatch):
    """-O2 runs leak inside LLVM, so past a small budget they go to a worker
    process that is replaced now and then (compile/jit.py)."""
    import wasmlite as wt
    from wasmlite.compile import jit
    monkeypatch.setattr(jit, "_WORKER_RECYCLE", 50)
    config = wt.Config()
    config.strategy = "llvm"                  # compiled in Module(), at -O2
    engine = wt.Engine(config)

    def cycle(n: int) -> None:
        for j in range(n):
            store = wt.Store(engine)
            inst = wt.Instance(store, wt.Module(engine, SMALL), [])
            assert inst.exports(store)["f"](store, j) == j + 7
            if j % 50 == 49:
                gc.collect()
        gc.collect()

    cycle(jit._IN_PROCESS_O2_BUDGET + 60)     # budget spent, the worker warmed up
    pool = jit.worker_pool(1)
    first = {w.proc.pid for w in pool._workers}
    before = _rss_kib()
    cycle(400)
    grown = _rss_kib() - before
    # in-process, 400 -O2 runs would keep ~40 MiB
    assert grown < 12 * 1024, f"RSS grew by {grown} KiB over 400 -O2 compiles"
    assert first and not first & {w.proc.pid for w in pool._workers}, "worker not replaced"
