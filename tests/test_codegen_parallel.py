"""Parallel compilation (compile/module.py ``jobs``, compile/jit.py worker
processes): a module compiled in parts by worker processes behaves exactly
as the same module compiled in one piece, is ONE library whose code is
freed with the module, and serializes like any other."""
from __future__ import annotations

import gc
import weakref

import pytest

import wasmtime

from wasmlite.binary.decode import decode_module
from wasmlite.compile import cache, compile_module, jit
from wasmlite.compile import module as compile_module_mod
from wasmlite.errors import Trap, WasmtimeError
from wasmlite.runtime import RuntimeEngine, RuntimeStore, instantiate, invoke
from wasmlite.valid.validate import validate_module

N = 24


def chain_wat() -> str:
    """N functions, each calling the previous one directly and through the
    table, touching memory and a global: calls cross every part boundary."""
    funcs = ["""(func $f0 (export "f0") (param i32) (result i32)
        (global.set $g (i32.add (global.get $g) (i32.const 1)))
        (i32.store (i32.const 0) (local.get 0))
        (i32.load (i32.const 0)))"""]
    for k in range(1, N):
        funcs.append(f"""(func $f{k} (export "f{k}") (param i32) (result i32) (local i32)
        (local.set 1 (call $f{k - 1} (i32.add (local.get 0) (i32.const {k}))))
        (i32.store offset={4 * k} (i32.const 0) (local.get 1))
        (i32.add (local.get 1)
          (call_indirect (type $t) (local.get 0) (i32.const {k - 1}))))""")
    elems = " ".join(f"$f{k}" for k in range(N))
    return f"""(module (type $t (func (param i32) (result i32)))
      (memory (export "mem") 1) (global $g (export "g") (mut i32) (i32.const 0))
      (table {N} funcref) (elem (i32.const 0) {elems})
      {' '.join(funcs)}
      (func (export "oob") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "deep") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (unreachable))
          (else (call $f{N - 1} (local.get 0)))))
      (func (export "grown") (result i32) (drop (memory.grow (i32.const 1))) (memory.size)))"""


@pytest.fixture
def small_parts(monkeypatch):
    # a few functions per part, so a tiny module is split many ways
    monkeypatch.setattr(compile_module_mod, "_PART_INSTRS", 20)


def run_all(compiled, engine):
    store = RuntimeStore(engine)
    ex = instantiate(store, compiled, []).exports
    out = {}
    for k in range(0, N, 5):
        out[f"f{k}"] = [invoke(store, ex[f"f{k}"], [a])[0] for a in (0, 1, 1000, 0xFFFF)]
    out["g"] = invoke(store, ex["f3"], [7])[0]
    out["grown"] = invoke(store, ex["grown"], [])[0]
    with pytest.raises(Trap) as ei:
        invoke(store, ex["oob"], [0xFFFFFFF0])
    out["oob"] = ei.value.trap_code
    with pytest.raises(Trap) as ei:
        invoke(store, ex["deep"], [0])
    out["deep"] = ei.value.trap_code
    return out


def compile_with(jobs: int, engine, opt_level: int = 2):
    module = decode_module(wasmtime.wat2wasm(chain_wat()))
    info = validate_module(module)
    return compile_module(module, info, engine.signatures, opt_level, jobs=jobs)


@pytest.mark.parametrize("opt_level", [1, 2])
def test_parallel_matches_serial(small_parts, opt_level):
    engine = RuntimeEngine(opt_level=opt_level)
    serial = compile_with(1, engine, opt_level)
    parallel = compile_with(2, engine, opt_level)
    assert len(jit.unpack_objects(parallel.library.object_code)) > 3
    assert len(jit.unpack_objects(serial.library.object_code)) == 1
    assert run_all(parallel, engine) == run_all(serial, engine)


def test_parallel_module_is_one_library_freed_with_it(small_parts):
    engine = RuntimeEngine(opt_level=1)
    refs = []
    for _ in range(3):
        cm = compile_with(2, engine, 1)
        refs.append(weakref.ref(cm.library))
        run_all(cm, engine)
        del cm
    gc.collect()
    assert all(r() is None for r in refs)


def test_parallel_module_serializes(small_parts):
    engine = RuntimeEngine(opt_level=1)
    cm = compile_with(2, engine, 1)
    want = run_all(cm, engine)
    again = cache.deserialize(cache.serialize(cm), engine.signatures)
    assert run_all(again, engine) == want
    with pytest.raises(WasmtimeError):
        jit.unpack_objects(cm.library.object_code[:40])


def test_small_modules_compile_in_process():
    module = decode_module(wasmtime.wat2wasm(chain_wat()))
    assert compile_module_mod.default_jobs(module) == 1


def test_worker_reports_invalid_ir():
    pool = jit.worker_pool(1)
    with pytest.raises(WasmtimeError, match="invalid"):
        pool.submit("define i32 @f() { ret i64 0 }", 2).result()
    # and the worker is still usable
    assert pool.submit(jit.module_header() + "define i32 @f() { ret i32 0 }", 2).result()


def test_huge_functions_get_their_own_worker(small_parts, monkeypatch):
    # every function counts as huge: each goes to the worker started with
    # jit.HUGE_FUNCTION_OPTIONS, and the code still behaves the same
    monkeypatch.setattr(compile_module_mod, "HUGE_FUNCTION_INSTRS", 1)
    module = decode_module(wasmtime.wat2wasm(chain_wat()))
    assert compile_module_mod.default_jobs(module) > 1 or (jit.os.cpu_count() or 1) == 1
    engine = RuntimeEngine(opt_level=2)
    serial = compile_with(1, engine)
    parallel = compile_with(2, engine)
    assert len(jit.unpack_objects(parallel.library.object_code)) == len(module.funcs) + 1
    assert jit.HUGE_FUNCTION_OPTIONS in jit._pools
    assert run_all(parallel, engine) == run_all(serial, engine)


def test_without_worker_processes_it_compiles_in_process(small_parts, monkeypatch):
    monkeypatch.setattr(jit, "_pools", {})
    monkeypatch.setattr(jit.sys, "executable", "/nonexistent/python")
    engine = RuntimeEngine(opt_level=1)
    cm = compile_with(2, engine, 1)
    assert len(jit.unpack_objects(cm.library.object_code)) == 1
    monkeypatch.undo()
    assert run_all(cm, engine) == run_all(compile_with(1, engine, 1), engine)


def test_idle_workers_exit(monkeypatch):
    import time
    monkeypatch.setattr(jit, "_pools", {})
    monkeypatch.setattr(jit, "_WORKER_IDLE_SECONDS", 0.2)
    pool = jit.worker_pool(1)
    assert pool.submit(jit.module_header() + "define i32 @f() { ret i32 0 }", 1).result()
    assert len(pool._workers) == 1
    proc = pool._workers[0].proc
    deadline = time.monotonic() + 20
    while (pool._workers or proc.poll() is None) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not pool._workers and proc.poll() is not None
    # and work brings a worker back
    assert pool.submit(jit.module_header() + "define i32 @f() { ret i32 0 }", 1).result()
    pool.shutdown()


def test_parallel_keeps_fuel_accounting(small_parts):
    # code compiled in parts with fuel checks spends exactly what the
    # one-piece build spends
    module = decode_module(wasmtime.wat2wasm(chain_wat()))
    info = validate_module(module)
    spent = []
    for jobs in (1, 2):
        engine = RuntimeEngine(opt_level=2, consume_fuel=True)
        cm = compile_module(module, info, engine.signatures, 2, consume_fuel=True, jobs=jobs)
        store = RuntimeStore(engine)
        store.fuel = 10_000_000
        ex = instantiate(store, cm, []).exports
        result = invoke(store, ex["f10"], [5])[0]
        spent.append((result, 10_000_000 - store.fuel))
    assert spent[0] == spent[1] and spent[0][1] > 0
