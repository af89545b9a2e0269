"""Fuel and epoch checks in generated code (compile/interrupts.py), at the
runtime level: fuel accounting agrees with wasmtime-py exactly, epochs stop
a runaway loop from another thread, and code compiled without them carries
no trace of either."""
import threading
import time

import pytest
import wasmtime as w

from wasmlite.binary.decode import decode_module
from wasmlite.compile import compile_module, module_ir
from wasmlite.errors import Trap, TrapCode
from wasmlite.runtime import RuntimeEngine, RuntimeStore, instantiate, invoke
from wasmlite.valid.validate import validate_module

FUEL_WAT = """(module (memory 1) (global (mut i32) (i32.const 0)) (table 2 funcref)
 (elem (i32.const 0) $callee)
 (type $t (func (result i32)))
 (func (export "three") (result i32) (i32.add (i32.const 1) (i32.const 2)))
 (func (export "nops") nop nop (block (block)) (return))
 (func (export "loop") (param i32) (result i32)
   (loop $l (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br_if $l (local.get 0)))
   (local.get 0))
 (func $callee (result i32) (i32.const 5))
 (func (export "mix") (param i32) (result i32) (local i32)
   (block $b (loop $l
     (br_if $b (i32.eqz (local.get 0)))
     (if (i32.and (local.get 0) (i32.const 1))
       (then (local.set 1 (i32.add (local.get 1) (call $callee))))
       (else (local.set 1 (i32.add (local.get 1) (call_indirect (type $t) (i32.const 0))))))
     (global.set 0 (i32.add (global.get 0) (i32.const 1)))
     (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
     (br $l)))
   (block (br_table 0 0 (i32.const 0)))
   (drop (i32.load (i32.const 0)))
   (select (local.get 1) (i32.const 9) (memory.size)))
 (func $rec (export "rec") (param i32) (result i32)
   (if (result i32) (local.get 0)
     (then (i32.add (i32.const 1) (call $rec (i32.sub (local.get 0) (i32.const 1)))))
     (else (i32.const 0)))))"""

CASES = [("three", []), ("nops", []), ("loop", [1]), ("loop", [7]), ("mix", [0]),
         ("mix", [5]), ("mix", [12]), ("rec", [0]), ("rec", [6])]


def _build(wat, opt_level=1, **checks):
    engine = RuntimeEngine(opt_level=opt_level, **checks)
    module = decode_module(w.wat2wasm(wat))
    compiled = compile_module(module, validate_module(module), engine.signatures, opt_level,
                              **checks)
    return engine, compiled


@pytest.mark.parametrize("opt_level", [1, 2])
def test_fuel_matches_wasmtime_exactly(opt_level):
    cfg = w.Config()
    cfg.consume_fuel = True
    wengine = w.Engine(cfg)
    wmodule = w.Module(wengine, FUEL_WAT)
    engine, compiled = _build(FUEL_WAT, opt_level, consume_fuel=True)
    compared = 0
    for name, args in CASES:
        for fuel in list(range(0, 130, 3)) + [10_000]:
            wstore = w.Store(wengine)
            wstore.set_fuel(fuel)
            winst = w.Instance(wstore, wmodule, [])
            try:
                theirs = ("ok", winst.exports(wstore)[name](wstore, *args), wstore.get_fuel())
            except w.Trap as e:
                assert e.trap_code == w.TrapCode.OUT_OF_FUEL
                theirs = ("trap",)
            store = RuntimeStore(engine)
            store.fuel = fuel
            inst = instantiate(store, compiled, [])
            try:
                result = invoke(store, inst.exports[name], list(args))
                ours = ("ok", result[0] if result else None, store.fuel)
            except Trap as e:
                assert e.trap_code == TrapCode.OUT_OF_FUEL
                ours = ("trap",)
            assert ours == theirs, (name, args, fuel)
            compared += 1
    assert compared > 300


def test_fuel_is_kept_across_calls_and_refilled():
    engine, compiled = _build(FUEL_WAT, consume_fuel=True)
    store = RuntimeStore(engine)
    inst = instantiate(store, compiled, [])
    with pytest.raises(Trap):                 # a new store has no fuel
        invoke(store, inst.exports["three"], [])
    store.fuel = 100
    invoke(store, inst.exports["loop"], [3])
    left = store.fuel
    assert 0 < left < 100
    invoke(store, inst.exports["loop"], [3])
    assert store.fuel == 2 * left - 100     # the same call costs the same
    with pytest.raises(ValueError):
        store.fuel = -1


def test_runaway_loop_runs_out_of_fuel():
    engine, compiled = _build('(module (func (export "spin") (loop $l (br $l))))',
                              consume_fuel=True)
    store = RuntimeStore(engine)
    store.fuel = 1_000_000
    inst = instantiate(store, compiled, [])
    with pytest.raises(Trap) as ei:
        invoke(store, inst.exports["spin"], [])
    assert ei.value.trap_code == TrapCode.OUT_OF_FUEL
    assert "all fuel consumed" in ei.value.message
    assert store.fuel == 0


SPIN = """(module (func (export "f") (result i32) (i32.const 1))
  (func (export "spin") (loop $l (br $l))))"""


def test_epoch_deadline_traps_and_another_thread_interrupts():
    engine, compiled = _build(SPIN, epoch_interruption=True)
    store = RuntimeStore(engine)
    inst = instantiate(store, compiled, [])
    with pytest.raises(Trap) as ei:           # deadline 0 until the embedder sets one
        invoke(store, inst.exports["f"], [])
    assert ei.value.trap_code == TrapCode.INTERRUPT
    store.set_epoch_deadline(1)
    assert invoke(store, inst.exports["f"], []) == [1]
    timer = threading.Timer(0.2, engine.increment_epoch)
    timer.start()
    t0 = time.monotonic()
    with pytest.raises(Trap) as ei:
        invoke(store, inst.exports["spin"], [])
    assert ei.value.trap_code == TrapCode.INTERRUPT
    assert time.monotonic() - t0 < 30          # stopped, not by the test's timeout
    timer.join()


def test_without_the_settings_code_has_no_checks():
    module = decode_module(w.wat2wasm(FUEL_WAT))
    plain, _ = module_ir(module)
    assert "%fuel" not in plain and "epoch" not in plain
    checked, _ = module_ir(module, consume_fuel=True, epoch_interruption=True)
    assert "%fuel" in checked and "%epoch" in checked
