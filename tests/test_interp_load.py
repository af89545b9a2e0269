"""Loading the interpreter at start-up: the cached libraries' symbol index
(compile/loader.py SymbolIndex), a damaged cache file rebuilt, ops found by
name (interp/forms.py Lowered), the main thread's stack floor without
pthread_getattr_np (runtime/stack_floor.py) and the prewritten runners of
numeric signatures (func.py)."""
import ctypes
import platform
import sys
import threading

import pytest

import wasmlite as rt
from wasmlite import func as api_func
from wasmlite.compile import jit
from wasmlite.compile import loader as image
from wasmlite.compile import vmcontext as vm
from wasmlite.interp import forms
from wasmlite.interp import library
from wasmlite.interp.library import interpreter
from wasmlite.runtime import stack_floor

x86_64_linux = pytest.mark.skipif(
    not (sys.platform.startswith("linux") and platform.machine() in ("x86_64", "AMD64")),
    reason="loader.py places x86-64 ELF objects only (elsewhere LLVM links them)")

_IR = """
@counter = global i64 0
define i64 @bump(i64 %by) noinline {
  %old = load i64, ptr @counter
  %new = add i64 %old, %by
  store i64 %new, ptr @counter
  ret i64 %new
}
define i64 @twice(i64 %x) {
  %b = call i64 @bump(i64 %x)
  %r = add i64 %b, %b
  ret i64 %r
}
@table = constant [3 x ptr] [ptr @bump, ptr @twice, ptr @counter]
"""
NAMES = ["bump", "twice", "counter"]


def _prelinked():
    pre = image.link(jit.compile_object_here(jit.module_header() + _IR, 1), "table", 3)
    pre.names = list(NAMES)
    pre.extra = {"what": "test", "n": 3}
    return pre


def test_symbol_index_finds_every_name_and_only_those():
    names = [f"h_op_{i}" for i in range(300)] + ["dup", "dup"]
    offsets = list(range(8, 8 * 303, 8))
    data = image.SymbolIndex.to_bytes(names, offsets)
    index = image.SymbolIndex(data, 1 << 20, 1 << 16)
    for name, off in zip(names[:300], offsets):
        assert index[name] == (1 << 20) + off and name in index
    assert index["dup"] == (1 << 20) + offsets[-1]          # the last one wins, as in a dict
    assert len(index) == 301
    for missing in ("h_op_300", "", "h_op_", "dupe", "h_op_1\0"):
        assert missing not in index and index.get(missing) is None
        with pytest.raises(KeyError):
            index[missing]
    assert 17 not in index and index.get("é") is None
    assert dict(index.items()) == {**{n: (1 << 20) + o for n, o in zip(names, offsets)}}
    with pytest.raises(image.UnsupportedObject):
        image.SymbolIndex(b"\x03\0\0\0\0\0\0\0", 0, 4096)      # 3 slots: not a power of two


@x86_64_linux
def test_a_mapped_image_finds_its_symbols_by_name(tmp_path):
    pre = _prelinked()
    path = tmp_path / "lib.img"
    path.write_bytes(pre.to_bytes())
    lib, extra = image.map_file(str(path))
    assert extra == {"what": "test", "n": 3}
    placed = image.place(pre)            # (the same object, relocated in memory)
    for k, name in enumerate(NAMES):
        assert lib.symbols[name] - lib.base == placed.addresses[k] - placed.base
        assert lib.table_entry(k) == lib.symbols[name]
    assert lib.addresses == [lib.symbols[n] for n in NAMES]
    twice = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(lib.symbols["twice"])
    assert twice(3) == 6 and twice(1) == 8
    assert ctypes.c_int64.from_address(lib.symbols["counter"]).value == 4
    lib.release()
    placed.release()


@x86_64_linux
def test_a_damaged_or_truncated_image_is_refused(tmp_path):
    data = _prelinked().to_bytes()
    path = tmp_path / "lib.img"
    head = len(image.Prelinked.MAGIC) + 8
    n = int.from_bytes(data[len(image.Prelinked.MAGIC):len(image.Prelinked.MAGIC) + 4], "little")

    def flipped(at: int) -> bytes:
        return data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1:]

    for bad in (data[:head - 2], data[:head + 20], data[:len(data) - 4096],
                b"WLIMG4\n" + bytes(64), flipped(head + 5), flipped(head + n - 3),
                flipped(len(image.Prelinked.MAGIC) + 1), flipped(len(image.Prelinked.MAGIC) + 5)):
        path.write_bytes(bad)
        with pytest.raises(image.UnsupportedObject):
            image.map_file(str(path))


class _Lib(library.Interpreter):
    """An Interpreter whose __init__ loads nothing: to call _library alone."""

    def __init__(self) -> None:
        self.build_seconds, self.from_cache = 0.0, True


def _tiny_ir():
    return "\n".join([jit.module_header(), _IR.replace("@table = constant [3 x ptr] "
                                                         "[ptr @bump, ptr @twice, ptr @counter]",
                                                         "")]), list(NAMES), {"own": {}}


def _works(syms) -> bool:
    twice = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(syms["twice"])
    before = ctypes.c_int64.from_address(syms["counter"]).value
    return twice(5) == 2 * (before + 5)


@x86_64_linux
def test_a_damaged_library_in_the_cache_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = _Lib()
    _lib, syms, _extra = first._library("tiny", "wasmlite_test_tiny", 1, _tiny_ir)
    assert not first.from_cache and _works(syms)
    path = library.cache_directory() / f"tiny-{library._key()}.img"
    assert path.exists()
    again = _Lib()
    _lib, syms, extra = again._library("tiny", "wasmlite_test_tiny", 1, _tiny_ir)
    assert again.from_cache and isinstance(syms, image.SymbolIndex) and _works(syms)
    assert extra["key"] == library._key_text()
    data = path.read_bytes()
    head = len(image.Prelinked.MAGIC) + 8
    other = _prelinked()            # the right format, another build's key text
    other.extra = {"key": "another build", "own": {}}
    for bad in (b"", data[:100], data[:len(data) // 2],
                data[:head + 40] + bytes([data[head + 40] ^ 4]) + data[head + 41:],
                other.to_bytes()):
        path.write_bytes(bad)
        it = _Lib()
        _lib, syms, _extra = it._library("tiny", "wasmlite_test_tiny", 1, _tiny_ir)
        assert not it.from_cache and _works(syms)
        it = _Lib()             # and what it wrote is loaded next time
        _lib, syms, _extra = it._library("tiny", "wasmlite_test_tiny", 1, _tiny_ir)
        assert it.from_cache and _works(syms)


def test_interpreter_addresses_are_those_of_its_libraries():
    it = interpreter()
    handlers, stubs = it.libraries
    for name in ("interp_call", "x_unreachable", "on_sigint", "h_i32_add", "h_i32_add_LL_set"):
        a = it.address[name]
        assert a == it.address.get(name) and name in it.address
        assert any(lib.base <= a < lib.base + lib.size for lib in (handlers, stubs))
    assert "h_i32_add" in it.symbols and "no_such_handler" not in it.symbols
    assert it.address.get("no_such_handler") is None
    every = dict(it.address.items())
    assert every["interp_call"] == it.interp_call
    assert set(handlers.addresses) | set(stubs.addresses) == set(every.values())
    # the prebuilt stubs of a shape, one at a time or all at once
    from wasmlite.interp.stubs import shape_code
    from wasmlite.syntax.types import I32, FuncType
    ft = FuncType((I32, I32), (I32,))
    assert it.prebuilt_for(ft) == it.prebuilt[shape_code(ft)]
    # the own handlers' addresses came with the header: the index agrees
    if isinstance(it.address._handlers, image.SymbolIndex):
        for name in it.own:
            assert it.address[name] == it.address._handlers[name], name


def test_lowered_finds_an_op_as_the_full_list_does():
    it = interpreter()
    lowered = it._lowered
    by_name = {op.name: op for op in lowered.ops}
    assert len(by_name) == len(lowered.ops)         # the names are unique
    names = set(by_name) | set(forms.OWN_OPS) | {op.name for op in forms.OPS} | {"nope", ""}
    fresh = forms.Lowered(sorted(lowered.numeric), sorted(set(by_name) - lowered.numeric))
    for name in sorted(names):
        assert lowered.op(name) is by_name.get(name), name
        assert fresh.op(name) is by_name.get(name), name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_the_form_rows_give_what_the_symbol_lookups_give():
    """The op tables' fill reads each op's handler addresses from the rows
    written at the build (library._form_rows): for every lowered op, with
    and without fuel, the same forms and addresses as looking each
    handler's symbol up."""
    it = interpreter()
    assert it._rows is not None
    rows, checked = it._rows, 0

    def described(found):
        return {k: (f.symbol, f.nparams, f.nresults, len(f.imms), address)
                for k, (f, address) in found.items()}

    it._rows = None
    try:
        slow_add = described(it.placed_forms("i32.add", True))
    finally:
        it._rows = rows

    for name in it._lowered.numeric | {op.name for op in it._lowered.ops}:
        for fuel in (False, True):
            fast = described(it.placed_forms(name, fuel))
            it._rows = None
            try:
                slow = described(it.placed_forms(name, fuel))
            finally:
                it._rows = rows
            assert fast == slow, (name, fuel)
            checked += bool(fast)
    assert checked > 1000
    # a row that does not fit the op's variants is not used: the lookups answer
    full = rows.row
    rows.row = lambda name: (full(name) or [])[:-2]
    try:
        assert described(it.placed_forms("i32.add", True)) == slow_add
    finally:
        del rows.row


def test_the_main_thread_floor_is_the_one_glibc_gives():
    found = stack_floor.main_thread_floor()
    limit = (ctypes.c_uint64 * 2)()
    libc = ctypes.CDLL(None)
    libc.getrlimit(3, limit)
    if found is None:
        assert not 0 < limit[0] <= stack_floor._MAX_RLIMIT or platform.libc_ver()[0] != "glibc"
        return
    libc.pthread_self.restype = ctypes.c_ulong
    attr = ctypes.create_string_buffer(512)
    assert libc.pthread_getattr_np(ctypes.c_ulong(libc.pthread_self()), attr) == 0
    lo, size = ctypes.c_void_p(), ctypes.c_size_t()
    libc.pthread_attr_getstack(attr, ctypes.byref(lo), ctypes.byref(size))
    libc.pthread_attr_destroy(attr)
    assert found == (libc.pthread_self(), lo.value + min(size.value >> 2, vm.STACK_FLOOR_MARGIN))
    # another thread's floor is left to the trampoline
    other = []
    t = threading.Thread(target=lambda: other.append(stack_floor.main_thread_floor()))
    t.start()
    t.join()
    assert other == [None]
    # a new store has it before its first call
    store = rt.Store()
    at = store._rt.limits_address
    assert ctypes.c_uint64.from_address(at + vm.LIMITS_STACK_THREAD).value == found[0]
    assert ctypes.c_uint64.from_address(at + vm.LIMITS_STACK_FLOOR).value == found[1]


NUMBERS = """(module
  (func (export "none"))
  (func (export "one") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "mix") (param i32 i64 f32 f64) (result f64)
    (f64.add (f64.add (f64.convert_i32_s (local.get 0)) (f64.convert_i64_s (local.get 1)))
             (f64.add (f64.promote_f32 (local.get 2)) (local.get 3))))
  (func (export "f32") (param f32 f32 f32) (result f32)
    (f32.add (local.get 0) (f32.mul (local.get 1) (local.get 2))))
  (func (export "five") (param i32 i32 i32 i32 i32) (result i32) (local.get 4))
  (func (export "two") (param i64 i64) (result i64 i64) (local.get 1) (local.get 0)))"""


def _outcomes(monkeypatch, prewritten: bool):
    if not prewritten:
        monkeypatch.setattr(api_func, "_scalar_maker", lambda ft: None)
    monkeypatch.setattr(api_func, "_signatures", {})
    store = rt.Store()
    ex = rt.Instance(store, rt.Module(store.engine, NUMBERS), []).exports(store)
    other = rt.Store(store.engine)
    calls = [("none", ()), ("one", (21,)), ("one", (2**31 + 5,)), ("one", (True,)), ("one", (1.5,)),
             ("one", ()), ("one", (1, 2)), ("mix", (1, -2, 0.5, 1e100)), ("mix", (1, 2, 3, 4.5)),
             ("mix", (1, 2, "x", 4.0)), ("f32", (1.1, 2.2, 3.3)), ("five", (1, 2, 3, 4, 5)),
             ("two", (1, 2))]
    out = []
    for name, args in calls:
        for s in (store, other):
            try:
                r = ex[name](s, *args)
                out.append((name, args, "ok", r, type(r).__name__))
            except Exception as exc:  # noqa: BLE001 - the outcome is compared
                out.append((name, args, type(exc).__name__, str(exc)))
    return out


def test_prewritten_runners_behave_as_the_generated_ones(monkeypatch):
    with monkeypatch.context() as m:
        generated = _outcomes(m, prewritten=False)
    with monkeypatch.context() as m:
        prewritten = _outcomes(m, prewritten=True)
    assert prewritten == generated
    assert ("one", (21,), "ok", 42, "int") in prewritten
    assert api_func._scalar_maker(rt.FuncType([rt.ValType.i32()] * 5, [])._inner) is None
    assert api_func._scalar_maker(rt.FuncType([rt.ValType.externref()], [])._inner) is None
