"""Memory, Table and Global from Python (public API)."""
import ctypes
import gc
import math

import pytest

import wasmlite as wt
from wasmlite import (Func, FuncType, Global, GlobalType, Limits, Memory, MemoryType,
                      Table, TableType, Val, ValType, WasmtimeError)

from api_support import cheap_engine, instance

ENGINE = cheap_engine()
I32 = ValType.i32()


@pytest.fixture
def store():
    return wt.Store(ENGINE)


MEM_WAT = """
(module
  (memory (export "memory") 1 4)
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "size") (result i32) memory.size))
"""


def test_memory_sizes_and_grow(store):
    ex = instance(store, MEM_WAT)
    mem = ex["memory"]
    assert mem.size(store) == 1 and mem.data_len(store) == 65536
    assert mem.page_size(store) == 65536 and mem.page_size_log2(store) == 16
    assert mem.type(store) == MemoryType(Limits(1, 4))
    assert mem.grow(store, 2) == 1
    assert mem.size(store) == 3 and ex["size"](store) == 3
    assert mem.grow(store, 0) == 3
    with pytest.raises(WasmtimeError, match="failed to grow"):
        mem.grow(store, 2)
    with pytest.raises(WasmtimeError):
        mem.grow(store, -1)
    with pytest.raises(TypeError):
        mem.grow(store, 1.0)


def test_memory_read_write_shared_with_wasm(store):
    ex = instance(store, MEM_WAT)
    mem = ex["memory"]
    assert mem.write(store, b"hello", 100) == 5
    assert ex["load"](store, 101) == ord("e")
    ex["store"](store, 200, 0x41)
    assert mem.read(store, 200, 201) == bytearray(b"A")
    assert isinstance(mem.read(store, 0, 4), bytearray)
    assert mem.read(store, 100, 105) == b"hello"
    assert len(mem.read(store)) == 65536
    assert mem.read(store, -3) == bytearray(3)          # from the end, as slices do
    assert mem.read(store, 10, 5) == bytearray()
    assert mem.write(store, bytearray(b"xy"), 0) == 2
    assert mem.write(store, memoryview(b"z"), 2) == 1
    assert mem.write(store, [1, 2, 3], 3) == 3
    assert mem.read(store, 0, 6) == b"xyz\x01\x02\x03"
    assert mem.write(store, b"end", -3) == 3
    assert mem.read(store, -3) == b"end"


@pytest.mark.parametrize("start,stop,expected", [
    (65530, 65540, 6), (0, 65537, 65536), (70000, None, 0), (-70000, 5, 5)])
def test_memory_out_of_range_read_clamps_like_a_slice(store, start, stop, expected):
    mem = instance(store, MEM_WAT)["memory"]       # as wasmtime-py's read does
    data = mem.read(store, start, stop)
    assert type(data) is bytearray and len(data) == expected


@pytest.mark.parametrize("start", [65534, 65536, 2**40])
def test_memory_out_of_range_write_raises(store, start):
    mem = instance(store, MEM_WAT)["memory"]
    with pytest.raises(IndexError) as info:       # a plain IndexError, as in wasmtime-py
        mem.write(store, b"abc", start)
    assert not isinstance(info.value, WasmtimeError)
    assert mem.read(store, 65533) == bytearray(3)     # nothing written


def test_memory_write_start_is_read_like_a_slice_start(store):
    mem = instance(store, MEM_WAT)["memory"]
    assert mem.write(store, b"abc", -70000) == 3      # clamped to 0, as in wasmtime-py
    assert mem.read(store, 0, 3) == b"abc"
    assert mem.write(store, b"", 10) == 0
    with pytest.raises(IndexError):
        mem.write(store, b"", 65536)                  # a start at the end is out of range


def test_memory_write_type_errors(store):
    mem = instance(store, MEM_WAT)["memory"]
    with pytest.raises(TypeError):
        mem.write(store, "text", 0)
    with pytest.raises(TypeError):
        mem.write(store, b"x", 1.5)
    with pytest.raises(TypeError):
        mem.read(store, "0")


def test_data_ptr_and_buffer_are_zero_copy(store):
    ex = instance(store, MEM_WAT)
    mem = ex["memory"]
    ptr = mem.data_ptr(store)
    assert isinstance(ptr, ctypes.POINTER(ctypes.c_ubyte))
    ptr[7] = 99
    assert ex["load"](store, 7) == 99
    buf = mem.get_buffer_ptr(store)
    assert len(buf) == 65536
    view = memoryview(buf).cast("B")
    ex["store"](store, 8, 42)
    assert view[8] == 42
    view[9] = 43
    assert ex["load"](store, 9) == 43
    part = mem.get_buffer_ptr(store, 10, 5)
    assert len(part) == 10
    part[0] = 1
    assert ex["load"](store, 5) == 1
    with pytest.raises(IndexError):
        mem.get_buffer_ptr(store, 10, 65530)
    with pytest.raises(IndexError):
        mem.get_buffer_ptr(store, -1)


def test_buffer_stays_valid_after_grow_and_store_drop():
    store = wt.Store(ENGINE)
    ex = instance(store, MEM_WAT)
    mem = ex["memory"]
    buf = mem.get_buffer_ptr(store)
    view = memoryview(buf).cast("B")
    mem.grow(store, 2)
    ex["store"](store, 3, 17)
    assert view[3] == 17                       # the base does not move on grow
    big = mem.get_buffer_ptr(store)
    assert len(big) == 3 * 65536
    big[3 * 65536 - 1] = 5
    assert ex["load"](store, 3 * 65536 - 1) == 5
    del store, ex, mem
    gc.collect()
    view[0] = 1                                # the buffer keeps the memory mapped
    assert view[0] == 1


def test_numpy_view(store):
    np = pytest.importorskip("numpy")
    ex = instance(store, MEM_WAT)
    mem = ex["memory"]
    arr = np.frombuffer(mem.get_buffer_ptr(store), dtype=np.uint8)
    arr[20:24] = [1, 2, 3, 4]
    assert ex["load"](store, 22) == 3
    words = np.frombuffer(mem.get_buffer_ptr(store, 16, 32), dtype=np.uint32)
    words[0] = 0x01020304
    assert ex["load"](store, 32) == 4


def test_host_memory(store):
    mem = Memory(store, MemoryType(Limits(1, 2)))
    ex = instance(store, '(module (import "" "m" (memory 1)) (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))', [mem])
    mem.write(store, b"\x09", 4)
    assert ex["load"](store, 4) == 9
    assert mem.grow(store, 1) == 1
    with pytest.raises(WasmtimeError):          # shared memories: not yet
        Memory(store, MemoryType(Limits(1, 1), shared=True))
    assert Memory(store, MemoryType(Limits(1), is_64=True)).size(store) == 1
    with pytest.raises(TypeError):
        Memory(store, Limits(1))
    with pytest.raises(WasmtimeError):
        mem.size(wt.Store(ENGINE))


# -- tables --------------------------------------------------------------------

TABLE_WAT = """
(module
  (table (export "t") 2 10 funcref)
  (table (export "e") 2 externref)
  (func $f (export "f") (result i32) i32.const 7)
  (elem (i32.const 1) $f)
  (type $v (func (result i32)))
  (func (export "call") (param i32) (result i32) (call_indirect (type $v) (local.get 0)))
  (func (export "get_e") (param i32) (result externref) (table.get 1 (local.get 0))))
"""


def test_table_get_set_grow(store):
    ex = instance(store, TABLE_WAT)
    t = ex["t"]
    assert t.size(store) == 2
    assert t.type(store) == TableType(ValType.funcref(), Limits(2, 10))
    null = t.get(store, 0)                # a null Val, as in wasmtime-py
    assert isinstance(null, Val) and null.value is None and null.type == ValType.funcref()
    assert t.get(store, 1) == ex["f"]
    assert t.get(store, 2) is None                     # past the end
    host = Func(store, FuncType([], [I32]), lambda: 11)
    t.set(store, 0, host)
    assert t.get(store, 0) == host
    assert ex["call"](store, 0) == 11
    t.set(store, 0, None)
    with pytest.raises(wt.Trap):
        ex["call"](store, 0)
    assert t.grow(store, 3, ex["f"]) == 2
    assert t.size(store) == 5 and ex["call"](store, 4) == 7
    with pytest.raises(WasmtimeError, match="failed to grow"):
        t.grow(store, 100, None)
    with pytest.raises(WasmtimeError):
        t.set(store, 5, None)
    with pytest.raises(TypeError):
        t.set(store, 0, 3)
    with pytest.raises(TypeError):
        t.get(store, "0")


def test_externref_table_identity(store):
    ex = instance(store, TABLE_WAT)
    e = ex["e"]
    obj = {"payload": 1}
    e.set(store, 0, obj)
    assert e.get(store, 0) is obj
    assert ex["get_e"](store, 0) is obj
    table = Table(store, TableType(ValType.externref(), Limits(3)), "init")
    assert [table.get(store, i) for i in range(3)] == ["init"] * 3
    assert table.grow(store, 1, obj) == 3 and table.get(store, 3) is obj


def test_host_table_shared_with_wasm(store):
    table = Table(store, TableType(ValType.funcref(), Limits(1)), None)
    wat = """(module (import "" "t" (table 1 funcref)) (type $v (func (result i32)))
              (func (export "call") (result i32) (call_indirect (type $v) (i32.const 0))))"""
    ex = instance(store, wat, [table])
    table.set(store, 0, Func(store, FuncType([], [I32]), lambda: 5))
    assert ex["call"](store) == 5
    table.set(store, 0, Func(store, FuncType([], []), lambda: None))
    with pytest.raises(wt.Trap) as info:
        ex["call"](store)
    assert info.value.trap_code == wt.TrapCode.BAD_SIGNATURE


# -- globals ---------------------------------------------------------------------

GLOBAL_WAT = """
(module
  (global (export "c") i32 (i32.const -5))
  (global $m (export "m") (mut i64) (i64.const 1))
  (global (export "f") (mut f32) (f32.const 1.5))
  (global (export "e") (mut externref) (ref.null extern))
  (func (export "get_m") (result i64) global.get $m))
"""


def test_globals(store):
    ex = instance(store, GLOBAL_WAT)
    assert ex["c"].value(store) == -5
    assert ex["c"].type(store) == GlobalType(I32, False)
    with pytest.raises(WasmtimeError, match="immutable"):
        ex["c"].set_value(store, 1)
    ex["m"].set_value(store, 2**64 - 1)
    assert ex["m"].value(store) == -1 and ex["get_m"](store) == -1
    ex["m"].set_value(store, wt.Val.i64(3))
    assert ex["get_m"](store) == 3
    with pytest.raises(TypeError):
        ex["m"].set_value(store, 1.5)
    with pytest.raises(TypeError):                 # as in wasmtime-py
        ex["m"].set_value(store, wt.Val.i32(1))
    ex["f"].set_value(store, 0.1)
    assert ex["f"].value(store) == pytest.approx(0.1) and ex["f"].value(store) != 0.1
    obj = object()
    ex["e"].set_value(store, obj)
    assert ex["e"].value(store) is obj


def test_host_globals(store):
    g = Global(store, GlobalType(ValType.f64(), True), math.pi)
    assert g.value(store) == math.pi
    ex = instance(store, '(module (import "" "g" (global $g (mut f64))) (func (export "get") (result f64) global.get $g) (func (export "set") (param f64) (global.set $g (local.get 0))))', [g])
    ex["set"](store, 2.5)
    assert g.value(store) == 2.5
    g.set_value(store, 4.0)
    assert ex["get"](store) == 4.0
    f = Func(store, FuncType([], []), lambda: None)
    fg = Global(store, GlobalType(ValType.funcref(), True), f)
    assert fg.value(store) == f
    with pytest.raises(TypeError):
        Global(store, GlobalType(I32, True), "x")
    assert Global(store, GlobalType(I32, True), 2**32).value(store) == 0  # wrapped
    with pytest.raises(TypeError):
        Global(store, I32, 1)
