"""Traps through the public API: codes, messages, backtraces with names."""
import pytest

import wasmlite as wt
from wasmlite import Frame, Trap, TrapCode

from api_support import cheap_engine

ENGINE = cheap_engine()

WAT = """
(module $traps
  (memory 1)
  (table 2 funcref)
  (type $v (func))
  (type $i (func (result i32)))
  (func $nothing)
  (elem (i32.const 0) $nothing)
  (func $unreachable (export "unreachable") unreachable)
  (func $div (export "div") (result i32) (i32.div_s (i32.const 1) (i32.const 0)))
  (func $overflow (export "overflow") (result i32) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
  (func $conv (export "conv") (result i32) (i32.trunc_f32_s (f32.const nan)))
  (func $oob (export "oob") (result i32) (i32.load (i32.const 65535)))
  (func $table (export "table") (call_indirect (type $v) (i32.const 5)))
  (func $null (export "null") (call_indirect (type $v) (i32.const 1)))
  (func $sig (export "sig") (result i32) (call_indirect (type $i) (i32.const 0)))
  (func $rec (export "rec") (call $rec))
  (func $inner unreachable)
  (func $middle call $inner)
  (func $outer (export "nested") call $middle))
"""

CASES = [("unreachable", TrapCode.UNREACHABLE, "unreachable"),
         ("div", TrapCode.INTEGER_DIVISION_BY_ZERO, "div"),
         ("overflow", TrapCode.INTEGER_OVERFLOW, "overflow"),
         ("conv", TrapCode.BAD_CONVERSION_TO_INTEGER, "conv"),
         ("oob", TrapCode.MEMORY_OUT_OF_BOUNDS, "oob"),
         ("table", TrapCode.TABLE_OUT_OF_BOUNDS, "table"),
         ("null", TrapCode.INDIRECT_CALL_TO_NULL, "null"),
         ("sig", TrapCode.BAD_SIGNATURE, "sig"),
         ("rec", TrapCode.STACK_OVERFLOW, "rec"),
         ("nested", TrapCode.UNREACHABLE, "inner")]


@pytest.fixture(scope="module")
def env():
    store = wt.Store(ENGINE)
    module = wt.Module(ENGINE, WAT)
    return store, wt.Instance(store, module, []).exports(store)


@pytest.mark.parametrize("name,code,func", CASES)
def test_trap_code_and_frame(env, name, code, func):
    store, ex = env
    with pytest.raises(Trap) as info:
        ex[name](store)
    trap = info.value
    assert not isinstance(trap, wt.WasmtimeError)   # as in wasmtime-py
    assert trap.trap_code == code
    assert trap.frames, "a wasm trap has a backtrace"
    frame = trap.frames[0]
    assert isinstance(frame, Frame)
    assert frame.func_name == func and frame.module_name == "traps"
    assert isinstance(frame.func_index, int) and frame.module_offset > 0
    text = str(trap)
    assert f"traps!{func}" in text
    assert "wasm backtrace" in text and trap.message in text
    # the store works after every trap
    assert ex["div"] is not None


def test_trap_codes_match_wasmtime(env):
    wasmtime = pytest.importorskip("wasmtime")
    store, ex = env
    ws = wasmtime.Store()
    wex = wasmtime.Instance(ws, wasmtime.Module(ws.engine, WAT), []).exports(ws)
    for name, _, func in CASES:
        with pytest.raises(Trap) as ours:
            ex[name](store)
        with pytest.raises(wasmtime.Trap) as theirs:
            wex[name](ws)
        assert ours.value.trap_code.value == theirs.value.trap_code.value, name
        assert ours.value.frames[0].func_name == theirs.value.frames[0].func_name, name
        assert ours.value.frames[0].func_index == theirs.value.frames[0].func_index, name


def test_backtrace_format(env):
    store, ex = env
    with pytest.raises(Trap) as info:
        ex["unreachable"](store)
    lines = str(info.value).splitlines()
    assert lines[0] == "error while executing at wasm backtrace:"
    assert lines[1].strip().startswith("0:") and lines[1].endswith("- traps!unreachable")
    assert lines[-1].strip() == "wasm trap: wasm `unreachable` instruction executed"


def test_names_absent_without_name_section():
    store = wt.Store(ENGINE)
    binary = bytes.fromhex("0061736d010000000104016000000302010007050101660000"
                           "0a05010300000b")       # (func (export "f") unreachable)
    ex = wt.Instance(store, wt.Module(ENGINE, binary), []).exports(store)
    with pytest.raises(Trap) as info:
        ex["f"](store)
    frame = info.value.frames[0]
    assert frame.func_name is None and frame.module_name is None and frame.func_index == 0
    assert "<unknown>!<wasm function 0>" in str(info.value)


def test_user_trap_message_only():
    trap = Trap("plain")
    assert trap.message == "plain" and str(trap) == "plain"
    assert trap.trap_code is None and trap.frames == []
