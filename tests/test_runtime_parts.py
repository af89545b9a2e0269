"""Runtime pieces tested without the compiler: memories, tables, globals,
externref handles, import matching, VMContext contents, segments, builtins.

Modules are built from text by wasmtime-py's wat2wasm (a test-only oracle) and
decoded by our decoder; ``StandInCompiled`` replaces compile_module's result
(fake code addresses: nothing here executes wasm code).
"""
import ctypes
import gc
import struct

import pytest
import wasmtime

from wasmlite.binary.decode import decode_module
from wasmlite.compile import vmcontext as vm
from wasmlite.errors import LinkError, Trap, TrapCode
from wasmlite.runtime import (ExportFunction, ExportGlobal, ExportMemory,
                              ExportTable, RuntimeEngine, RuntimeStore,
                              create_global, create_memory, create_table,
                              instantiate)
from wasmlite.runtime.global_ import Global
from wasmlite.runtime.memory import Memory
from wasmlite.runtime.table import Table
from wasmlite.script.spectest import make_spectest
from wasmlite.syntax.types import (EXTERNREF, F32, FUNCREF, I32, V128,
                                   FuncType, GlobalType, Limits, MemoryType,
                                   TableType)


class StandInCompiled:
    """What compile_module returns, minus real code."""

    def __init__(self, module):
        self.module = module
        self.info = None
        self.layout = vm.VMContextLayout(module)
        self.function_ptrs = [0x1000 + 16 * i for i in range(len(module.funcs))]

    def entry_trampoline_for(self, functype):
        return 0xE000


def compiled(wat: str) -> StandInCompiled:
    return StandInCompiled(decode_module(wasmtime.wat2wasm(wat)))


class StandInEngine(RuntimeEngine):
    """Host trampolines are compiler output; a fake address is enough here."""

    def host_trampoline(self, functype):
        return 0xF000


@pytest.fixture
def store():
    return RuntimeStore(StandInEngine())


def word(inst, offset):
    return ctypes.c_uint64.from_address(inst.vmctx + offset).value


# ------------------------------------------------------------------ memory

def test_memory_grows_in_place_up_to_its_maximum():
    mem = Memory(MemoryType(Limits(1, 3)))
    base = mem.base
    assert mem.data_len == 65536
    assert mem.grow(1) == 1
    assert mem.grow(2) == -1          # 4 > max 3
    assert mem.grow(1) == 2
    assert mem.grow(0) == 3
    assert mem.base == base and mem.vm.base == base
    assert mem.vm.length_bytes == 3 * 65536
    mem.write(b"xyz", 3 * 65536 - 3)
    assert mem.read(3 * 65536 - 3, 3 * 65536) == bytearray(b"xyz")


def test_memory_without_maximum_stops_at_4gib():
    mem = Memory(MemoryType(Limits(0)))
    assert mem.data_len == 0
    assert mem.grow(65537) == -1
    assert mem.grow(1) == 0
    assert mem.read(0, 4) == bytearray(4)    # fresh pages are zero


def test_memory_python_access_is_bounds_checked():
    mem = Memory(MemoryType(Limits(1, 1)))
    with pytest.raises(Exception, match="out of bounds"):
        mem.write(b"ab", 65535)
    with pytest.raises(Exception, match="out of bounds"):
        mem.read(65000, 65537)
    with pytest.raises(Exception, match="out of bounds"):
        mem.buffer(16, 65530)
    buf = mem.buffer(4, 8)
    buf[0] = 7
    assert mem.read(8, 9) == bytearray(b"\x07")


def test_memory_reservations_are_released():
    # 300 x (4 GiB + guard) would exhaust a 47-bit address space if leaked.
    for _ in range(300):
        Memory(MemoryType(Limits(1)))
    gc.collect()


# ------------------------------------------------------------------ table

def test_table_grow_get_set_and_bounds():
    t = Table(TableType(FUNCREF, Limits(2, 5)))
    assert (t.size, t.get(0), t.get(1)) == (2, 0, 0)
    assert t.grow(2, 0xABC) == 2
    assert [t.get(i) for i in range(4)] == [0, 0, 0xABC, 0xABC]
    assert t.grow(2, 0) == -1
    assert t.vm.length == 4 and t.vm.elements == ctypes.addressof(t._array)
    t.set(3, 9)
    assert t.get(3) == 9
    with pytest.raises(Trap) as e:
        t.get(4)
    assert e.value.trap_code == TrapCode.TABLE_OUT_OF_BOUNDS
    assert "out of bounds table access" in e.value.message


def test_table_grow_many_times_keeps_contents():
    t = Table(TableType(EXTERNREF, Limits(0)))
    for i in range(1000):
        assert t.grow(1, i + 1) == i
    assert [t.get(i) for i in (0, 500, 999)] == [1, 501, 1000]
    assert t.grow(0xFFFF_FFFF, 0) == -1   # past 2**32-1 elements


# ------------------------------------------------------------------ global

def test_global_cells_keep_raw_bits():
    nan = 0x7FA00001                      # f32 signalling NaN with payload
    g = Global(GlobalType(F32, True), nan)
    assert g.get() == nan
    g.set(-1)
    assert g.get() == 0xFFFFFFFF
    v = Global(GlobalType(V128, True), (1 << 127) | 5)
    assert v.get() == (1 << 127) | 5
    assert ctypes.c_uint64.from_address(v.address + 8).value == 1 << 63


# ------------------------------------------------------------------ store

def test_externref_handles_preserve_identity(store):
    a, b = object(), [1]
    ha = store.extern_to_handle(a)
    assert ha != 0 and store.extern_to_handle(a) == ha
    assert store.extern_to_handle(b) != ha
    assert store.handle_to_extern(ha) is a
    assert store.extern_to_handle(None) == 0 and store.handle_to_extern(0) is None


def test_store_limits_hold_max_wasm_stack():
    s = RuntimeStore(RuntimeEngine(max_wasm_stack=123456))
    assert ctypes.c_uint64.from_address(
        s.limits_address + vm.LIMITS_MAX_WASM_STACK).value == 123456


# ------------------------------------------------------------------ instantiate

def test_vmctx_holds_the_layout(store):
    c = compiled("""(module
      (type $t (func (param i32)))
      (import "m" "f" (func $imp (type $t)))
      (memory 1) (table 3 funcref)
      (global (mut i64) (i64.const -2))
      (func $a (param i32)) (func $b (result i32) i32.const 0)
      (export "a" (func $a)) (export "mem" (memory 0)) (export "g" (global 0)))""")
    host = ExportFunction(code=0x7777, vmctx=0x8888, sig_index=store.engine.signatures
                          .register(FuncType((I32,), ())), functype=FuncType((I32,), ()),
                          funcref=0)
    inst = instantiate(store, c, [host])
    L = inst.layout
    assert word(inst, L.limits) == store.limits_address
    assert word(inst, L.builtins) == store.builtins_address
    assert word(inst, L.memory(0)) == inst.memories[0].address
    assert word(inst, L.table(0)) == inst.tables[0].address
    assert word(inst, L.global_(0)) == inst.globals[0].address
    assert inst.globals[0].get() == 2**64 - 2
    sig_t = store.engine.signatures.register(FuncType((I32,), ()))
    sig_b = store.engine.signatures.register(FuncType((), (I32,)))
    assert [word(inst, L.func(0) + k) for k in (0, 8, 16)] == [0x7777, 0x8888, sig_t]
    assert [word(inst, L.func(1) + k) for k in (0, 8, 16)] == [0x1000, inst.vmctx, sig_t]
    assert [word(inst, L.func(2) + k) for k in (0, 8, 16)] == [0x1010, inst.vmctx, sig_b]
    sigs = struct.unpack_from("<2I", ctypes.string_at(inst.vmctx + L.sig(0), 8))
    assert list(sigs) == [sig_t, sig_b]
    assert list(inst.exports) == ["a", "mem", "g"]
    a = inst.exports["a"]
    assert (a.code, a.vmctx, a.funcref) == (0x1000, inst.vmctx, inst.vmctx + L.func(1))
    assert store.function_of_funcref(a.funcref) is a
    assert store.function_of_funcref(inst.func_ref(0)) is host
    assert isinstance(inst.exports_by_index[1], ExportMemory)


def test_data_and_elem_segments_are_applied_then_dropped(store):
    c = compiled("""(module
      (memory 1) (table 4 funcref) (global $off i32 (i32.const 2))
      (func $f) (func $g)
      (data (i32.const 10) "hello") (data "passive!")
      (elem (global.get $off) func $g $f)
      (elem funcref (ref.func $f) (ref.null func))
      (elem declare func $g))""")
    inst = instantiate(store, c, [])
    assert inst.memories[0].read(10, 15) == bytearray(b"hello")
    t = inst.tables[0]
    assert [t.get(i) for i in range(4)] == [0, 0, inst.func_ref(1), inst.func_ref(0)]
    L = inst.layout
    assert word(inst, L.data(0) + 8) == 0                  # active: dropped
    assert word(inst, L.data(1) + 8) == 8                  # passive: kept
    assert ctypes.string_at(word(inst, L.data(1)), 8) == b"passive!"
    assert word(inst, L.elem(0) + 8) == 0
    assert word(inst, L.elem(1) + 8) == 2
    items = (ctypes.c_uint64 * 2).from_address(word(inst, L.elem(1)))
    assert list(items) == [inst.func_ref(0), 0]
    assert word(inst, L.elem(2) + 8) == 0                  # declarative: dropped


def test_partial_initialisation_leaves_earlier_segments(store):
    mem = create_memory(store, MemoryType(Limits(1)))
    tab = create_table(store, TableType(FUNCREF, Limits(3)))
    c = compiled("""(module
      (import "m" "mem" (memory 1)) (import "m" "tab" (table 3 funcref))
      (func $f)
      (elem (i32.const 0) func $f)
      (elem (i32.const 2) func $f $f)
      (data (i32.const 0) "never"))""")
    with pytest.raises(Trap) as e:
        instantiate(store, c, [mem, tab])
    assert "out of bounds table access" in e.value.message
    assert tab.table.get(0) != 0 and tab.table.get(2) == 0
    assert mem.memory.read(0, 5) == bytearray(5)           # data never ran
    # the failed instance's function stays resolvable from the shared table
    assert store.function_of_funcref(tab.table.get(0)).code == 0x1000

    c2 = compiled("""(module (import "m" "mem" (memory 1))
      (data (i32.const 0) "ok") (data (i32.const 65536) "") (data (i32.const 65535) "xy"))""")
    with pytest.raises(Trap, match="out of bounds memory access"):
        instantiate(store, c2, [mem])
    assert mem.memory.read(0, 2) == bytearray(b"ok")


def test_import_matching(store):
    spectest = make_spectest(store)
    sig = store.engine.signatures

    def link(wat, record):
        return instantiate(store, compiled(wat), [record])

    link('(module (import "s" "f" (func (param i32))))', spectest["print_i32"])
    link('(module (import "s" "t" (table 10 funcref)))', spectest["table"])
    link('(module (import "s" "t" (table 5 20 funcref)))', spectest["table"])
    link('(module (import "s" "m" (memory 1 2)))', spectest["memory"])
    link('(module (import "s" "g" (global i32)))', spectest["global_i32"])
    bad = [
        ('(module (import "s" "f" (func (param i64))))', spectest["print_i32"]),
        ('(module (import "s" "f" (func (param i32))))', spectest["global_i32"]),
        ('(module (import "s" "t" (table 11 funcref)))', spectest["table"]),
        ('(module (import "s" "t" (table 10 15 funcref)))', spectest["table"]),
        ('(module (import "s" "t" (table 10 externref)))', spectest["table"]),
        ('(module (import "s" "m" (memory 2)))', spectest["memory"]),
        ('(module (import "s" "m" (memory 1 1)))', spectest["memory"]),
        ('(module (import "s" "g" (global i64)))', spectest["global_i32"]),
        ('(module (import "s" "g" (global (mut i32))))', spectest["global_i32"]),
    ]
    for wat, record in bad:
        with pytest.raises(LinkError, match="incompatible import type"):
            link(wat, record)
    with pytest.raises(LinkError, match="unknown import"):
        link('(module (import "s" "nope" (func)))', None)
    # a grown memory satisfies a larger minimum (current size counts)
    assert spectest["memory"].memory.grow(1) == 1
    link('(module (import "s" "m" (memory 2)))', spectest["memory"])
    assert spectest["memory"].type.limits == Limits(2, 2)


def test_imported_globals_share_the_cell(store):
    g = create_global(store, GlobalType(I32, True), 5)
    inst = instantiate(store, compiled(
        '(module (import "m" "g" (global (mut i32))) (global i32 (global.get 0))'
        ' (export "g2" (global 1)))'), [g])
    assert word(inst, inst.layout.global_(0)) == g.global_.address
    assert inst.exports["g2"].global_.get() == 5


def test_spectest_contents(store):
    s = make_spectest(store)
    assert s["global_i32"].global_.get() == 666
    assert s["global_f64"].global_.get() == struct.unpack("<Q", struct.pack("<d", 666.6))[0]
    assert s["table"].type == TableType(FUNCREF, Limits(10, 20))
    assert s["memory"].type == MemoryType(Limits(1, 2))
    assert s["print_i32_f32"].functype == FuncType((I32, F32), ())
    assert isinstance(s["global_i64"], ExportGlobal) and isinstance(s["table"], ExportTable)


# ------------------------------------------------------------------ builtins

def test_builtins_grow_through_the_vmctx(store):
    inst = instantiate(store, compiled(
        "(module (memory 1 4) (table 1 externref))"), [])
    builtins = (ctypes.c_void_p * 2).from_address(word(inst, inst.layout.builtins))
    grow_mem = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_int32,
                                ctypes.c_int64)(builtins[vm.BUILTIN_MEMORY_GROW])
    grow_tab = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_int32,
                                ctypes.c_int64, ctypes.c_uint64)(builtins[vm.BUILTIN_TABLE_GROW])
    assert grow_mem(inst.vmctx, 0, 2) == 1
    assert grow_mem(inst.vmctx, 0, 2) == -1
    assert inst.memories[0].vm.length_bytes == 3 * 65536
    assert grow_tab(inst.vmctx, 0, 3, 42) == 1
    assert inst.tables[0].get(3) == 42
    # a failure inside a builtin becomes a trap request, never a crash
    assert grow_mem(inst.vmctx, 7, 1) == vm.BUILTIN_TRAP
    assert isinstance(store.pending_exception, IndexError)
    assert store.trap_code == vm.HOST_EXCEPTION


def test_store_limits_bound_growth_and_creation(store):
    store.max_memory_bytes = 2 * 65536
    store.max_table_elements = 3
    inst = instantiate(store, compiled("(module (memory 1) (table 1 funcref))"), [])
    assert store.memory_grow(inst.memories[0], 2) == -1
    assert store.memory_grow(inst.memories[0], 1) == 1
    assert store.table_grow(inst.tables[0], 3, 0) == -1
    assert store.table_grow(inst.tables[0], 2, 0) == 1
    with pytest.raises(Exception, match="exceeds memory limits"):
        instantiate(store, compiled("(module (memory 3))"), [])
    with pytest.raises(Exception, match="exceeds table limits"):
        create_table(store, TableType(FUNCREF, Limits(4)))


def test_bad_requests_raise_clear_errors(store):
    from wasmlite.errors import WasmtimeError
    from wasmlite.runtime import invoke
    inst = instantiate(store, compiled('(module (func (export "f") (param i32)))'), [])
    with pytest.raises(WasmtimeError, match="expected 1, got 2"):
        invoke(store, inst.exports["f"], [1, 2])
    with pytest.raises(WasmtimeError, match="not a function of this store"):
        store.function_of_funcref(0x10)
    assert store.function_of_funcref(0) is None
    with pytest.raises(LinkError, match="expected 1 imports, got 0"):
        instantiate(store, compiled('(module (import "a" "b" (func)))'), [])
    with pytest.raises(LinkError, match="incompatible import type"):
        instantiate(store, compiled('(module (import "a" "b" (func)))'), ["not a record"])


def test_segment_addresses_are_the_bytes_contents():
    """runtime/instance.py reads a bytes object's address from its id: the
    same address ctypes finds, for bytes of every size (the one-byte and
    empty ones CPython shares too); anything else goes through ctypes."""
    from wasmlite.runtime.instance import _bytes_address, _cast_address
    for data in (b"", b"x", b"ab", bytes(range(256)) * 40, b"\x00" * 5):
        assert _bytes_address(data) == _cast_address(data)
        if data:
            assert ctypes.string_at(_bytes_address(data), len(data)) == data


def test_data_segments_land_where_their_offsets_say(store):
    """Active segments at i32.const offsets (the fast path), one at a
    global's offset (eval_const), a passive one left for memory.init; a
    negative constant is an unsigned offset, out of bounds."""
    inst = instantiate(store, compiled("""(module (global $g i32 (i32.const 40)) (memory 1)
      (data (i32.const 0) "abc") (data (i32.const 65536) "") (data (global.get $g) "xyz")
      (data "pp") (data (i32.const 65533) "end"))"""), [])
    mem = inst.memories[0]
    assert mem.read(0, 3) == bytearray(b"abc") and mem.read(40, 43) == bytearray(b"xyz")
    assert mem.read(65533, 65536) == bytearray(b"end")
    L = inst.layout
    assert [word(inst, L.data(i) + 8) for i in range(5)] == [0, 0, 0, 2, 0]
    assert ctypes.string_at(word(inst, L.data(3)), 2) == b"pp"
    with pytest.raises(Trap) as e:
        instantiate(store, compiled('(module (memory 1) (data (i32.const -1) ""))'), [])
    assert "out of bounds memory access" in e.value.message
