"""Threads: Engine and Module shared by many threads with one Store each,
and what happens when two threads use one Store (calls are serialized by the
store's lock, never interleaved: each thread gets its own arguments, results
and trap codes back)."""
from __future__ import annotations

import threading

import pytest
import wasmtime

import wasmlite as wt
from wasmlite.binary.decode import decode_module
from wasmlite.errors import Trap, TrapCode
from wasmlite.runtime import RuntimeEngine, RuntimeStore, instantiate, invoke
from wasmlite.valid.validate import validate_module

KERNEL = """
(module
  (memory (export "mem") 1)
  (func (export "mix") (param $seed i32) (param $n i32) (result i32)
    (local $h i32) (local $i i32)
    (local.set $h (local.get $seed))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $h (i32.mul (i32.xor (local.get $h) (local.get $i)) (i32.const 16777619)))
      (local.set $h (i32.rotl (local.get $h) (i32.const 13)))
      (i32.store (i32.and (i32.shl (local.get $i) (i32.const 2)) (i32.const 0xfffc))
                 (local.get $h))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $h))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
"""


def mix_py(seed: int, n: int) -> int:
    h = seed & 0xFFFFFFFF
    for i in range(n):
        h = ((h ^ i) * 16777619) & 0xFFFFFFFF
        h = ((h << 13) | (h >> 19)) & 0xFFFFFFFF
    return h - (1 << 32) if h >= 1 << 31 else h


def run_threads(target, n: int) -> list:
    errors: list = []

    def wrapped(k):
        try:
            target(k)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append((k, exc))
    threads = [threading.Thread(target=wrapped, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
        assert not t.is_alive(), "a thread hung"
    return errors


def test_eight_threads_one_engine_and_module_a_store_each():
    engine = wt.Engine()
    module = wt.Module(engine, KERNEL)
    results = {}

    def work(k):
        store = wt.Store(engine)
        ex = wt.Instance(store, module, []).exports(store)
        for rep in range(3):
            seed = k * 1000 + rep
            got = ex["mix"](store, seed, 3000)
            assert got == mix_py(seed, 3000), (k, rep)
            # this store's memory holds this thread's values only
            data = ex["mem"].read(store, 2999 * 4, 2999 * 4 + 4)
            assert int.from_bytes(data, "little", signed=True) == got
        with pytest.raises(Trap) as info:
            ex["div"](store, k, 0)
        assert info.value.trap_code == TrapCode.INTEGER_DIVISION_BY_ZERO
        results[k] = ex["mix"](store, k, 100_000)
    assert run_threads(work, 8) == []
    assert results == {k: mix_py(k, 100_000) for k in range(8)}


def test_modules_compiled_in_many_threads_at_once():
    engine = wt.Engine()

    def work(k):
        module = wt.Module(engine, KERNEL.replace("16777619", str(16777619 + 2 * k)))
        store = wt.Store(engine)
        mix = wt.Instance(store, module, []).exports(store)["mix"]
        assert mix(store, 1, 10) == mix(store, 1, 10)
    assert run_threads(work, 4) == []


def test_one_store_from_many_threads_is_serialized():
    """Calls into one Store from several threads take the store's lock one
    at a time: arguments, results, traps and host calls never mix."""
    engine = wt.Engine()
    store = wt.Store(engine)
    seen = []
    host = wt.Func(store, wt.FuncType([wt.ValType.i32()], [wt.ValType.i32()]),
                   lambda x: seen.append(x) or x * 2)
    module = wt.Module(engine, """(module
      (import "" "h" (func $h (param i32) (result i32)))
      (func (export "f") (param i32 i64) (result i64)
        (i64.add (i64.extend_i32_s (call $h (local.get 0))) (local.get 1)))
      (func (export "trap") (param i32) (result i32)
        (if (i32.eqz (local.get 0)) (then unreachable))
        (i32.div_u (i32.const 1) (i32.sub (local.get 0) (i32.const 1)))))""")
    ex = wt.Instance(store, module, [host]).exports(store)

    def work(k):
        for i in range(500):
            assert ex["f"](store, k * 1000 + i, 1 << 40) == 2 * (k * 1000 + i) + (1 << 40)
            code = (TrapCode.UNREACHABLE, TrapCode.INTEGER_DIVISION_BY_ZERO)[i % 2]
            with pytest.raises(Trap) as info:
                ex["trap"](store, i % 2)
            assert info.value.trap_code == code
    assert run_threads(work, 4) == []
    assert len(seen) == 4 * 500


def test_table_grow_from_another_thread_waits_for_running_wasm():
    """Growing a table moves its elements; a grow from another thread while
    wasm of the store runs waits for the call (the store lock) instead of
    freeing the array under the running code."""
    engine = wt.Engine()
    store = wt.Store(engine)
    module = wt.Module(engine, """(module
      (table (export "t") 1 funcref)
      (type $r (func (result i32)))
      (func $one (result i32) (i32.const 1))
      (elem (i32.const 0) $one)
      (func (export "spin") (param $n i32) (result i32) (local $s i32)
        (loop $l
          (local.set $s (i32.add (local.get $s) (call_indirect (type $r) (i32.const 0))))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $s)))""")
    ex = wt.Instance(store, module, []).exports(store)

    def work(k):
        if k == 0:
            for _ in range(20):
                assert ex["spin"](store, 200_000) == 200_000
        else:
            for _ in range(200):
                ex["t"].grow(store, 1, None)
    assert run_threads(work, 2) == []
    assert ex["t"].size(store) == 201


def test_runtime_runner_packs_arguments_under_the_lock():
    """runtime.invoke (the .wast runner's path) from several threads on one
    store: every thread gets the result of its own arguments."""
    engine = RuntimeEngine(opt_level=1)
    store = RuntimeStore(engine)
    from wasmlite.compile import compile_module
    module = decode_module(wasmtime.wat2wasm(
        '(module (func (export "add") (param i64 i64) (result i64)'
        ' (i64.add (local.get 0) (local.get 1))))'))
    compiled = compile_module(module, validate_module(module), engine.signatures, opt_level=1)
    inst = instantiate(store, compiled, [])
    add = inst.exports["add"]

    def work(k):
        for i in range(3000):
            assert invoke(store, add, [k << 32, i]) == [(k << 32) + i]
    import sys
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)     # switch threads between any two bytecodes
    try:
        assert run_threads(work, 4) == []
    finally:
        sys.setswitchinterval(interval)
