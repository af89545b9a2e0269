"""memory64 (Wasm 3.0): 64-bit memories in text, binary, validation, both
tiers and the API, against wasmtime-py (which enables memory64 by default)."""
import pytest
import wasmtime

import wasmlite as rt
from wasmlite.binary.decode import decode_module
from wasmlite.errors import MalformedError

STRATEGIES = ("llvm", "interpreter", "auto")

WAT = """(module
  (memory $m i64 1 4)
  (memory $n 1)
  (data (memory $m) (i64.const 8) "\\2a")
  (func (export "size") (result i64) (memory.size $m))
  (func (export "ld") (param i64) (result i32) (i32.load8_u $m (local.get 0)))
  (func (export "ldo") (param i64) (result i32)
    (i32.load8_u $m offset=0xffffffffffff0000 (local.get 0)))
  (func (export "st") (param i64 i32) (i32.store $m offset=4 (local.get 0) (local.get 1)))
  (func (export "grow") (param i64) (result i64) (memory.grow $m (local.get 0)))
  (func (export "copy") (memory.copy $n $m (i32.const 0) (i64.const 8) (i32.const 4)))
  (func (export "copy64") (param i64 i64 i64)
    (memory.copy $m $m (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill") (param i64 i32 i64)
    (memory.fill $m (local.get 0) (local.get 1) (local.get 2)))
  (func (export "ldn") (param i32) (result i32) (i32.load8_u $n (local.get 0)))
  (func (export "vld") (param i64) (result i64)
    (i64x2.extract_lane 0 (v128.load $m (local.get 0))))
)"""

CALLS = [("size", ()), ("ld", (8,)), ("st", (0, 0x01020304)), ("ld", (5,)),
         ("ldo", (0x10000,)), ("ldo", (0x10008,)), ("ld", (-1,)), ("ld", (65535,)),
         ("ld", (65536,)), ("grow", (1,)), ("size", ()), ("grow", (-1,)), ("grow", (10,)),
         ("copy", ()), ("ldn", (0,)), ("copy64", (100, 4, 4)), ("ld", (101,)),
         ("copy64", (0, -1, 2)), ("fill", (200, 9, 3)), ("ld", (202,)), ("fill", (-2, 9, 3)),
         ("vld", (0,)), ("vld", (131071,)), ("vld", (-8,))]


def run_calls(instance, store, trap_type, calls: list) -> list:
    """Each (export, args) called in order: its result, or ("trap", code)
    (by name: the two packages' TrapCode enums differ)."""
    out = []
    for name, args in calls:
        try:
            out.append(instance.exports(store)[name](store, *args))
        except trap_type as t:
            out.append(("trap", t.trap_code.name.lower()))
    return out


def as_wasmtime(wat: str, calls: list, strategy: str) -> list:
    """The calls' outcomes in wasmlite (``strategy``), asserted equal to
    wasmtime-py's on a fresh instance of ``wat`` each."""
    config = rt.Config()
    config.strategy = strategy
    engine = rt.Engine(config)
    store = rt.Store(engine)
    got = run_calls(rt.Instance(store, rt.Module(engine, wat), []), store, rt.Trap, calls)
    wstore = wasmtime.Store()
    expected = run_calls(wasmtime.Instance(wstore, wasmtime.Module(wstore.engine, wat), []),
                         wstore, wasmtime.Trap, calls)
    assert got == expected
    return got


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_64_bit_addresses_as_wasmtime(strategy):
    got = as_wasmtime(WAT, CALLS, strategy)
    # an offset that wraps past 2^64 traps; one that does not reads
    assert got[4] == ("trap", "memory_out_of_bounds") and got[1] == 42


def test_limits_in_the_binary_format():
    wasm = bytes(rt.wat2wasm("(module (memory i64 2 0x1_0000_0000_0000))"))
    # flags 0x05: a maximum and a 64-bit index type; the limits are u64s
    assert b"\x05\x0a\x01\x05\x02" + bytes([0x80] * 6) + b"\x40" in wasm
    mt = decode_module(wasm).mems[0]
    assert mt.is64 and mt.limits.min == 2 and mt.limits.max == 1 << 48
    # (0x08 says a page size follows: custom-page-sizes)
    bad = b"\0asm\1\0\0\0" + b"\x05\x02\x01\x10"         # flags 0x10
    with pytest.raises(MalformedError, match="malformed limits flags"):
        decode_module(bad)
    # Wasm 2.0's rule (what the 2.0 suite asserts): a varuint1
    with pytest.raises(MalformedError, match="integer too large"):
        decode_module(b"\0asm\1\0\0\0" + b"\x05\x02\x01\x02", frozenset({"memory64"}))


def test_validation_types_addresses_by_memory():
    engine = rt.Engine()
    with pytest.raises(rt.WasmtimeError, match="type mismatch"):
        rt.Module(engine, "(module (memory i64 1) (func (drop (i32.load (i32.const 0)))))")
    with pytest.raises(rt.WasmtimeError, match="type mismatch"):
        rt.Module(engine, "(module (memory i64 1) (func (drop (memory.grow (i32.const 0)))))")
    with pytest.raises(rt.WasmtimeError, match="at most 2\\^48 pages"):
        rt.Module(engine, "(module (memory i64 0x1_0000_0000_0001))")
    rt.Module(engine, "(module (memory i64 1) (memory 1) (func"
                      " (memory.copy 0 1 (i64.const 0) (i32.const 0) (i32.const 1))))")
    config = rt.Config()
    config.wasm_memory64 = False
    with pytest.raises(rt.WasmtimeError, match="memory64 is not enabled"):
        rt.Module(rt.Engine(config), "(module (memory i64 1))")


def test_a_host_64_bit_memory_crosses_into_wasm():
    engine = rt.Engine()
    store = rt.Store(engine)
    mem = rt.Memory(store, rt.MemoryType(rt.Limits(1, 3), is_64=True))
    assert mem.type(store).is_64
    m = rt.Module(engine, """(module (import "" "m" (memory i64 1))
        (func (export "put") (param i64) (i64.store (local.get 0) (i64.const -1)))
        (func (export "pages") (result i64) (memory.size)))""")
    inst = rt.Instance(store, m, [mem])
    inst.exports(store)["put"](store, 16)
    assert mem.read(store, 16, 24) == b"\xff" * 8
    assert mem.grow(store, 2) == 1
    assert inst.exports(store)["pages"](store) == 3
    with pytest.raises(rt.WasmtimeError):
        mem.grow(store, 1)


TABLE_WAT = """(module
  (type $t (func (result i32)))
  (table $a i64 4 10 funcref)
  (table $b 2 funcref)
  (func $f1 (result i32) (i32.const 11))
  (func $f2 (result i32) (i32.const 22))
  (elem (table $a) (i64.const 1) func $f1 $f2)
  (elem $e func $f2 $f1)
  (func (export "size") (result i64) (table.size $a))
  (func (export "call") (param i64) (result i32) (call_indirect $a (type $t) (local.get 0)))
  (func (export "isnull") (param i64) (result i32) (ref.is_null (table.get $a (local.get 0))))
  (func (export "set") (param i64) (table.set $a (local.get 0) (ref.func $f2)))
  (func (export "grow") (param i64) (result i64) (table.grow $a (ref.null func) (local.get 0)))
  (func (export "fill") (param i64 i64) (table.fill $a (local.get 0) (ref.func $f1) (local.get 1)))
  (func (export "copy") (param i32 i64 i32)
    (table.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy2") (param i64 i32 i32)
    (table.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i64) (table.init $a $e (local.get 0) (i32.const 0) (i32.const 2)))
  (func (export "callb") (param i32) (result i32) (call_indirect $b (type $t) (local.get 0)))
)"""

TABLE_CALLS = [
    ("size", ()), ("call", (1,)), ("call", (2,)), ("call", (0,)), ("call", (4,)), ("call", (-1,)),
    ("isnull", (0,)), ("isnull", (3,)), ("set", (3,)), ("call", (3,)), ("isnull", (1 << 40,)),
    ("grow", (2,)), ("size", ()), ("grow", (-1,)), ("grow", (100,)), ("fill", (4, 2)),
    ("call", (5,)), ("fill", (5, -1)), ("copy", (0, 1, 2)), ("callb", (1,)), ("copy", (0, -1, 1)),
    ("copy2", (0, 0, 2)), ("call", (0,)), ("init", (4,)), ("call", (4,)), ("init", (5,)),
    ("init", (-3,))]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_64_bit_tables_as_wasmtime(strategy):
    got = as_wasmtime(TABLE_WAT, TABLE_CALLS, strategy)
    assert got[1:3] == [11, 22]


def test_a_table_import_must_match_its_index_type():
    engine = rt.Engine()
    store = rt.Store(engine)
    exporter = rt.Instance(store, rt.Module(engine, '(module (table (export "t") i64 1 funcref))'), [])
    table = exporter.exports(store)["t"]
    rt.Instance(store, rt.Module(engine, '(module (import "" "t" (table i64 1 funcref)))'), [table])
    with pytest.raises(rt.WasmtimeError, match="incompatible import type"):
        rt.Instance(store, rt.Module(engine, '(module (import "" "t" (table 1 funcref)))'), [table])


@pytest.mark.parametrize("wat", [
    "(module (table i64 4 funcref) (func) (elem (i64.const 1) func 0))",
    "(module (table i64 4 funcref) (func) (elem (i64.const 3) func 0 0))",
    '(module (memory i64 1) (data (i64.const 8) "ab"))',
])
def test_instantiation_fuel_with_64_bit_tables_and_memories_as_wasmtime(wat):
    def spent(api) -> int:
        config = api.Config()
        config.consume_fuel = True
        engine = api.Engine(config)
        store = api.Store(engine)
        store.set_fuel(10_000)
        try:
            api.Instance(store, api.Module(engine, wat), [])
        except api.Trap:
            pass
        return 10_000 - store.get_fuel()
    assert spent(rt) == spent(wasmtime)
