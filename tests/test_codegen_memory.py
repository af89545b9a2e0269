"""Machine-code shape of linear-memory accesses and the target features
(compile/memory.py, compile/jit.py): alias information keeps the memory base
and length out of loops that store, yet memory.grow and calls still make
the next access see the new length."""
from __future__ import annotations

import re

import llvmlite.binding as llvm
import pytest

import wasmtime

from wasmlite.binary.decode import decode_module
from wasmlite.compile import compile_module, jit
from wasmlite.compile.module import module_ir
from wasmlite.errors import Trap
from wasmlite.runtime import RuntimeEngine, RuntimeStore, instantiate, invoke
from wasmlite.valid.validate import validate_module

SAXPY = """(module (memory 1)
  (func (export "saxpy") (param $n i32) (local $i i32)
    (loop $l
      (f32.store offset=32768 (local.get $i)
        (f32.add (f32.mul (f32.const 0.5) (f32.load (local.get $i)))
                 (f32.load offset=32768 (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))))"""


def optimized_function(wat: str, name: str, opt_level: int = 2) -> str:
    module = decode_module(wasmtime.wat2wasm(wat))
    index = next(e.index for e in module.exports if e.name == name)
    text, _ = module_ir(module, "test_table")
    jit._init()
    mod = llvm.parse_assembly(text)
    jit.optimize(mod, opt_level)
    return str(mod.get_function(f"f{index}"))


def test_store_loop_loads_base_and_length_once():
    ir = optimized_function(SAXPY, "saxpy")
    assert "store float" in ir and "!tbaa" in ir
    # one load of the length and one of the base for the whole function:
    # neither is reloaded in the loop after the store (without alias
    # information LLVM reloaded both after every store)
    assert len(re.findall(r"= load i64, ptr %mem0\.lenp\b", ir)) == 1, ir
    assert len(re.findall(r"= load ptr, ptr %mem0(?![\w.])", ir)) == 1, ir


def test_grow_and_calls_still_refresh_the_length():
    wat = """(module (memory 1 4)
      (func $grow (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "direct") (result i32)
        (i32.store (i32.const 0) (i32.const 1))
        (drop (memory.grow (i32.const 1)))
        (i32.store (i32.const 65536) (i32.const 7))
        (i32.load (i32.const 65536)))
      (func (export "via_call") (result i32)
        (i32.store (i32.const 0) (i32.const 1))
        (drop (call $grow (i32.const 1)))
        (i32.store (i32.const 65536) (i32.const 9))
        (i32.load (i32.const 65536)))
      (func (export "loop") (param $n i32) (result i32) (local $i i32)
        ;; grows inside a loop that stores: each round stores past the old end
        (loop $l
          (drop (memory.grow (i32.const 1)))
          (i32.store (i32.mul (i32.add (local.get $i) (i32.const 1)) (i32.const 65536))
                     (local.get $i))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (memory.size)))"""
    for name, args, want in [("direct", [], 7), ("via_call", [], 9), ("loop", [3], 4)]:
        engine = RuntimeEngine(opt_level=2)
        module = decode_module(wasmtime.wat2wasm(wat))
        compiled = compile_module(module, validate_module(module), engine.signatures, 2)
        store = RuntimeStore(engine)
        func = instantiate(store, compiled, []).exports[name]
        assert invoke(store, func, args)[0] == want
    # and an access past the end still traps after the loop has stored
    engine = RuntimeEngine(opt_level=2)
    module = decode_module(wasmtime.wat2wasm(SAXPY))
    compiled = compile_module(module, validate_module(module), engine.signatures, 2)
    store = RuntimeStore(engine)
    func = instantiate(store, compiled, []).exports["saxpy"]
    invoke(store, func, [32768])
    with pytest.raises(Trap):
        invoke(store, func, [32768 + 4])


def test_target_features_leave_out_vnni():
    features = jit.target_features().split(",")
    for name in jit.DISABLED_FEATURES:
        assert f"+{name}" not in features


def test_dot_product_reduction_is_not_fused_into_vpdpwssd():
    wat = """(module (memory 1)
      (func (export "dot") (param $n i32) (result v128) (local $i i32) (local $acc v128)
        (loop $l
          (local.set $acc (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (v128.load (local.get $i)) (v128.load offset=16 (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 32)))
          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
        (local.get $acc)))"""
    module = decode_module(wasmtime.wat2wasm(wat))
    text, _ = module_ir(module, "test_table")
    jit._init()
    mod = llvm.parse_assembly(text)
    jit.optimize(mod, 2)
    asm = jit._state["tms"][2].emit_assembly(mod)
    assert "pmaddwd" in asm and "vpdpwssd" not in asm


@pytest.mark.parametrize("opt_level", [0, 2])
def test_bounds_check_edges(opt_level):
    # the check is ea > len - (offset + size), signed: exact at the edges,
    # with the largest offsets, and below a length of offset + size
    wat = """(module (memory 1 2)
      (func (export "ld") (param i32) (result i32) (i32.load (local.get 0)))
      (func (export "ld_off") (param i32) (result i32) (i32.load offset=65532 (local.get 0)))
      (func (export "ld_big") (param i32) (result i32) (i32.load8_u offset=4294967295 (local.get 0)))
      (func (export "v_off") (param i32) (result i32)
        (i32x4.extract_lane 0 (v128.load offset=65520 (local.get 0))))
      (func (export "grow") (result i32) (memory.grow (i32.const 1))))"""
    engine = RuntimeEngine(opt_level=opt_level)
    module = decode_module(wasmtime.wat2wasm(wat))
    compiled = compile_module(module, validate_module(module), engine.signatures, opt_level)
    store = RuntimeStore(engine)
    ex = instantiate(store, compiled, []).exports
    ok = [("ld", 65532), ("ld", 0), ("ld_off", 0), ("v_off", 0)]
    bad = [("ld", 65533), ("ld", 0xFFFFFFFF), ("ld_off", 1), ("ld_off", 0xFFFFFFFF),
           ("ld_big", 0), ("ld_big", 0xFFFFFFFF), ("v_off", 1)]
    for name, a in ok:
        invoke(store, ex[name], [a])
    for name, a in bad:
        with pytest.raises(Trap):
            invoke(store, ex[name], [a])
    invoke(store, ex["grow"], [])
    for name, a in [("ld", 65533), ("ld_off", 1), ("v_off", 65536), ("ld", 131068)]:
        invoke(store, ex[name], [a])
    for name, a in [("ld", 131069), ("v_off", 65537)]:
        with pytest.raises(Trap):
            invoke(store, ex[name], [a])
