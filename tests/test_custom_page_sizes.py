"""Custom page sizes (the custom-page-sizes proposal): memories with 1-byte
pages, declared in a module (``(memory 3 (pagesize 1))``, binary limits
flag bit 3 with the page size's log2 after the limits) or made from Python
(``MemoryType(limits, page_size_log2=0)``). memory.size, memory.grow, the
limits, bounds, fuel and store limits count such pages, in every tier,
side by side with wasmtime-py 50 (Config.wasm_custom_page_sizes, off by
default there and here)."""
from __future__ import annotations

import pytest
import wasmtime

import wasmlite as wl
from conftest import strategy_engine
from wasmlite.binary.decode import decode_module
from wasmlite.binary.encode import encode_module

STRATEGIES = ("llvm", "llvm-none", "interpreter", "auto-early")

# memory 0 has 1-byte pages (the interpreter's plain forms), memory 1 too
# beside a 64 KiB memory 2 (multi-memory: the wide forms), memory 3 is a
# 64-bit memory of 1-byte pages
WAT = """(module
  (memory $m (export "m") 3 10 (pagesize 1))
  (memory $b (export "b") 5 (pagesize 1))
  (memory $k (export "k") 1 2)
  (memory $w (export "w") i64 2 100 (pagesize 1))
  (data (memory $m) (i32.const 0) "ab")
  (data $d "xyz")
  (func (export "size") (result i32) (memory.size $m))
  (func (export "grow") (param i32) (result i32) (memory.grow $m (local.get 0)))
  (func (export "load8") (param i32) (result i32) (i32.load8_u $m (local.get 0)))
  (func (export "load16") (param i32) (result i32) (i32.load16_u $m (local.get 0)))
  (func (export "load32") (param i32) (result i32) (i32.load $m (local.get 0)))
  (func (export "store8") (param i32 i32) (i32.store8 $m (local.get 0) (local.get 1)))
  (func (export "fill") (param i32 i32 i32)
    (memory.fill $m (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32)
    (memory.copy $m $m (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32)
    (memory.init $m $d (local.get 0) (local.get 1) (local.get 2)))
  (func (export "b_size") (result i32) (memory.size $b))
  (func (export "b_grow") (param i32) (result i32) (memory.grow $b (local.get 0)))
  (func (export "b_load") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
  (func (export "k_size") (result i32) (memory.size $k))
  (func (export "k_grow") (param i32) (result i32) (memory.grow $k (local.get 0)))
  (func (export "w_size") (result i64) (memory.size $w))
  (func (export "w_grow") (param i64) (result i64) (memory.grow $w (local.get 0)))
  (func (export "w_load") (param i64) (result i32) (i32.load8_u $w (local.get 0)))
  (func (export "w_store") (param i64 i32) (i32.store8 $w (local.get 0) (local.get 1)))
  (func (export "loop_grow") (param i32) (result i32) (local i32)
    ;; a hot loop (tier-up, OSR under auto): grow by one byte at a time
    (loop $l
      (drop (memory.grow $b (i32.const 1)))
      (i32.store8 $b (i32.sub (memory.size $b) (i32.const 1)) (local.get 1))
      (br_if $l (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1)))
                          (local.get 0))))
    (memory.size $b))
)"""

CALLS = [
    ("size",), ("load8", 0), ("load8", 1), ("load8", 2), ("load8", 3), ("load16", 1),
    ("load16", 2), ("load32", 0), ("store8", 2, 9), ("load8", 2), ("store8", 3, 9),
    ("fill", 0, 7, 3), ("fill", 1, 7, 3), ("fill", 3, 7, 0), ("fill", 4, 7, 0),
    ("copy", 0, 1, 2), ("copy", 1, 0, 3), ("init", 0, 0, 3), ("init", 1, 0, 3),
    ("grow", 2), ("size",), ("load32", 1), ("load32", 2), ("grow", 5), ("size",),
    ("grow", 1), ("grow", 0), ("size",), ("load8", 9), ("load8", 10),
    ("b_size",), ("b_grow", 65536), ("b_size",), ("b_load", 65540), ("b_load", 65541),
    ("k_size",), ("k_grow", 1), ("k_size",), ("k_grow", 1),
    ("w_size",), ("w_grow", 3), ("w_size",), ("w_store", 4, 5), ("w_load", 4),
    ("w_load", 5), ("w_grow", 96), ("w_grow", 0), ("w_load", 99), ("w_load", 100),
    ("loop_grow", 3000), ("b_load", 65541 + 2999), ("b_load", 65541 + 3000),
]


def _outcome(fn, store, args, trap_type):
    try:
        return ("ok", fn(store, *args))
    except trap_type as e:
        return ("trap", str(e).split("\n")[0].replace("wasm trap: ", ""))


def _theirs(fuel: bool = False) -> list:
    config = wasmtime.Config()
    config.wasm_custom_page_sizes = True
    config.consume_fuel = fuel
    store = wasmtime.Store(wasmtime.Engine(config))
    if fuel:
        store.set_fuel(10**9)
    ex = wasmtime.Instance(store, wasmtime.Module(store.engine, WAT), []).exports(store)
    out = []
    for name, *args in CALLS:
        out.append((name, *_outcome(ex[name], store, args, wasmtime.Trap)))
        if fuel:
            out.append(store.get_fuel())
    out.append(_memories(ex, store))
    return out


def _memories(ex, store) -> list:
    out = []
    for name in ("m", "b", "k", "w"):
        mem = ex[name]
        ty = mem.type(store)
        out.append((name, mem.size(store), mem.data_len(store), ty.page_size,
                    ty.page_size_log2, ty.limits.min, ty.limits.max, ty.is_64))
    out.append(bytes(ex["m"].read(store, 0, 10)))
    return out


def _engine(strategy: str, **settings) -> wl.Engine:
    return strategy_engine(strategy, wasm_custom_page_sizes=True, **settings)


def _ours(strategy: str, fuel: bool = False) -> list:
    engine = _engine(strategy, consume_fuel=fuel)
    store = wl.Store(engine)
    if fuel:
        store.set_fuel(10**9)
    ex = wl.Instance(store, wl.Module(engine, wl.wat2wasm(WAT)), []).exports(store)
    out = []
    for name, *args in CALLS:
        out.append((name, *_outcome(ex[name], store, args, wl.Trap)))
        if fuel:
            out.append(store.get_fuel())
    out.append(_memories(ex, store))
    return out


_EXPECTED: dict = {}


@pytest.mark.parametrize("fuel", [False, True], ids=["plain", "fuel"])
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_module_memories_match_wasmtime(strategy, fuel):
    if fuel not in _EXPECTED:
        _EXPECTED[fuel] = _theirs(fuel)
    want = _EXPECTED[fuel]
    got = _ours(strategy, fuel)
    for k, (g, w) in enumerate(zip(got, want)):
        assert g == w, f"step {k} ({CALLS[k // (2 if fuel else 1)] if k < len(CALLS) * (1 + fuel) else 'memories'}): {g} != {w}"
    assert len(got) == len(want)


def test_off_by_default_as_in_wasmtime():
    wat = "(module (memory 1 (pagesize 1)))"
    with pytest.raises(wasmtime.WasmtimeError, match="custom page sizes proposal must be enabled"):
        wasmtime.Module(wasmtime.Engine(), wat)
    with pytest.raises(wl.WasmtimeError, match="custom page sizes proposal must be enabled"):
        wl.Module(wl.Engine(), wat)
    config = wl.Config()
    config.wasm_custom_page_sizes = True
    config.wasm_custom_page_sizes = False
    with pytest.raises(wl.WasmtimeError, match="custom page sizes proposal must be enabled"):
        wl.Module(wl.Engine(config), wat)
    with pytest.raises(TypeError):
        wl.Config().wasm_custom_page_sizes = 1
    wl.Module(_engine("llvm"), wat)
    wl.Module(_engine("interpreter"), "(module (memory 1 (pagesize 65536)))")


@pytest.mark.parametrize("text,message", [
    ("(module (memory 1 (pagesize 2)))", "invalid custom page size"),
    ("(module (memory 1 (pagesize 3)))", "invalid custom page size"),
    ("(module (memory 0x1_0000_0000 (pagesize 1)))", "memory size must be at most"),
    ("(module (memory 2 1 (pagesize 1)))", "size minimum must not be greater than maximum"),
    ("(module (memory i64 0x1_0000_0000_0001 (pagesize 65536)))", "memory size must be at most"),
])
def test_invalid_types(text, message):
    config = wasmtime.Config()
    config.wasm_custom_page_sizes = True
    with pytest.raises(wasmtime.WasmtimeError, match=message):
        wasmtime.Module(wasmtime.Engine(config), text)
    with pytest.raises(wl.WasmtimeError, match=message):
        wl.Module(_engine("llvm"), text)


@pytest.mark.parametrize("text", [
    "(module (memory 0xFFFF_FFFF (pagesize 1)))",
    "(module (memory 65536 (pagesize 65536)))",
    "(module (memory i64 0xFFFF_FFFF_FFFF_FFFF (pagesize 1)))",
    '(module (memory (export "m") (pagesize 1) (data "abcde")))',
    '(module (import "a" "m" (memory 3 (pagesize 1))))',
])
def test_valid_types(text):
    wl.Module.validate(_engine("llvm"), wl.wat2wasm(text))


@pytest.mark.parametrize("log2,ok", [(0, True), (16, True), (4, False), (17, False), (64, False)])
def test_binary_page_size(log2, ok):
    # memory section: one memory, flags 0x08 (page size follows), min 1
    log = bytes([log2]) if log2 < 0x80 else bytes([0x80 | (log2 & 0x7F), log2 >> 7])
    body = bytes([1, 0x08, 1]) + log
    binary = b"\0asm\x01\0\0\0" + bytes([5, len(body)]) + body
    config = wasmtime.Config()
    config.wasm_custom_page_sizes = True
    if ok:
        wasmtime.Module(wasmtime.Engine(config), binary)
        module = wl.Module(_engine("interpreter"), binary)
        assert module.exports == []
        # our encoder writes the page size back the same way
        m = decode_module(binary)
        assert m.mems[0].page_size_log2 == log2
        assert decode_module(encode_module(m)).mems[0].page_size_log2 == log2
    else:
        with pytest.raises(wasmtime.WasmtimeError, match="invalid custom page size"):
            wasmtime.Module(wasmtime.Engine(config), binary)
        with pytest.raises(wl.WasmtimeError, match="invalid custom page size"):
            wl.Module(_engine("interpreter"), binary)


def _link(w, engine, mem, text):
    store = mem[0]
    try:
        w.Instance(store, w.Module(engine, text), [mem[1]])
        return "ok"
    except w.WasmtimeError as e:
        return "page size" if "page size" in str(e) else "limits"


def test_imports_match_page_sizes():
    config = wasmtime.Config()
    config.wasm_custom_page_sizes = True
    tengine = wasmtime.Engine(config)
    engine = _engine("interpreter")
    for mt_args in ((3, 0), (3, 16)):
        n, log2 = mt_args
        tstore, store = wasmtime.Store(tengine), wl.Store(engine)
        tmem = wasmtime.Memory(tstore, wasmtime.MemoryType(wasmtime.Limits(n, None),
                                                           page_size_log2=log2))
        mem = wl.Memory(store, wl.MemoryType(wl.Limits(n, None), page_size_log2=log2))
        for text in ('(module (import "a" "m" (memory 1)))',
                     '(module (import "a" "m" (memory 3 (pagesize 1))))',
                     '(module (import "a" "m" (memory 4 (pagesize 1))))'):
            assert _link(wl, engine, (store, mem), text) == \
                _link(wasmtime, tengine, (tstore, tmem), text), (mt_args, text)


def _api(w, store) -> list:
    out = []
    mt = w.MemoryType(w.Limits(3, None), page_size_log2=0)
    out.append((mt.page_size, mt.page_size_log2, mt.limits.min, mt.limits.max))
    mem = w.Memory(store, mt)
    out.append((mem.size(store), mem.data_len(store), mem.type(store).page_size))
    out.append(mem.grow(store, 5))
    out.append((mem.size(store), mem.data_len(store), mem.type(store).limits.min))
    mem.write(store, b"hello", 3)
    out.append(bytes(mem.read(store, 0, 100)))
    try:
        mem.write(store, b"toolong", 4)
    except IndexError:
        out.append("IndexError")
    try:
        mem.grow(store, 1 << 33)
    except w.WasmtimeError:
        out.append("grow refused")
    m64 = w.Memory(store, w.MemoryType(w.Limits(3, None), is_64=True, page_size_log2=0))
    out.append((m64.size(store), m64.type(store).is_64, m64.grow(store, 1 << 20),
                m64.data_len(store)))
    for args in (dict(page_size_log2=4), dict(page_size_log2=0, is_64=False)):
        try:
            w.MemoryType(w.Limits(1 << 32, None), **args)
        except w.WasmtimeError as e:
            out.append(str(e).split(";")[0])
    try:
        w.MemoryType(w.Limits(1, 1 << 32), page_size_log2=0)
    except w.WasmtimeError as e:
        out.append(str(e))
    out.append(w.MemoryType(w.Limits(2**32 - 1, None), page_size_log2=0).limits.min)
    # a store limit counts bytes
    return out


def test_api_memories_match_wasmtime():
    assert _api(wl, wl.Store()) == _api(wasmtime, wasmtime.Store())


def _limited(w, engine) -> list:
    store = w.Store(engine)
    store.set_limits(memory_size=1000)
    ex = w.Instance(store, w.Module(engine, '(module (memory 3 (pagesize 1)) (func (export "g")'
                                           ' (param i32) (result i32) (memory.grow (local.get 0))))'),
                    []).exports(store)
    return [ex["g"](store, 900), ex["g"](store, 97), ex["g"](store, 1), ex["g"](store, 0)]


@pytest.mark.parametrize("strategy", ["llvm", "interpreter"])
def test_store_limits_count_bytes(strategy):
    config = wasmtime.Config()
    config.wasm_custom_page_sizes = True
    assert _limited(wl, _engine(strategy)) == _limited(wasmtime, wasmtime.Engine(config))


def test_serialized_and_pickled_modules_keep_page_sizes():
    import pickle
    engine = _engine("llvm")
    module = wl.Module(engine, WAT)
    for copy in (wl.Module.deserialize(engine, module.serialize()),
                 pickle.loads(pickle.dumps(module))):
        store = wl.Store(copy.engine)
        ex = wl.Instance(store, copy, []).exports(store)
        assert ex["size"](store) == 3
        assert ex["m"].type(store).page_size == 1
        assert ex["grow"](store, 4) == 3


def test_binary_flag_off_by_default():
    """A binary with limits flag 0x08: Module() with the proposal off says
    what Wasmtime says; the spec suites' decoding (off too) reads the flag
    as malformed, as Wasm 3.0 does."""
    from wasmlite.errors import MalformedError
    from wasmlite.syntax.instructions import OFF_BY_DEFAULT
    binary = b"\0asm\x01\0\0\0" + bytes([5, 4, 1, 0x08, 1, 0])
    with pytest.raises(wasmtime.WasmtimeError, match="custom page sizes proposal must be enabled"):
        wasmtime.Module(wasmtime.Engine(), binary)
    with pytest.raises(wl.WasmtimeError, match="custom page sizes proposal must be enabled"):
        wl.Module(wl.Engine(), binary)
    with pytest.raises(MalformedError, match="malformed limits flags"):
        decode_module(binary, OFF_BY_DEFAULT)
    assert decode_module(binary).mems[0].page_size_log2 == 0


def test_cli_w_option(tmp_path):
    import subprocess
    import sys
    path = tmp_path / "p.wat"
    path.write_text('(module (memory 3 (pagesize 1)) (func (export "f") (result i32)'
                    ' (drop (memory.grow (i32.const 2))) (memory.size)))')
    run = [sys.executable, "-m", "wasmlite", "run"]
    off = subprocess.run(run + ["--invoke", "f", str(path)], capture_output=True, text=True,
                         timeout=300)
    assert off.returncode != 0 and "custom page sizes proposal" in off.stderr
    on = subprocess.run(run + ["-W", "custom-page-sizes", "--invoke", "f", str(path)],
                        capture_output=True, text=True, timeout=300)
    assert on.returncode == 0, on.stderr
    assert on.stdout.strip() == "5"


_STARTUP = ['(data (i32.const 0) "ab")', '(data (i32.const 1) "")', '(data (i32.const 5) "")',
            '(data (i32.const 1) "") (data (i32.const 0) "ab")', '(data (global.get 0) "")',
            '(data (global.get 0) "a")', '(data (memory 1) (i32.const 0) "ab") (data (i32.const 1) "")',
            '(data (memory 1) (i32.const 0) "ab") (data (i32.const 1) "a")',
            '(data (memory 1) (i32.const 0) "") (data (i32.const 1) "")',
            '(data (memory 1) (i32.const 0) "ab")', '(data (i32.const 0) "ab") (data (i32.const 4) "")',
            '(data (i32.const 0) "ab") (data (i32.const 2) "c")', '(data "ab")']


def _startup_fuel(w, engine) -> list:
    out = []
    for d in _STARTUP:
        store = w.Store(engine)
        store.set_fuel(100_000)
        wat = f'(module (global i32 (i32.const 1)) (memory 3 (pagesize 1)) (memory 1) {d})'
        try:
            w.Instance(store, w.Module(engine, wat), [])
            out.append((d, 100_000 - store.get_fuel()))
        except w.Trap:
            out.append((d, "trap", 100_000 - store.get_fuel()))
    return out


@pytest.mark.parametrize("strategy", ["llvm", "interpreter"])
def test_instantiation_fuel_matches_wasmtime(strategy):
    """Wasmtime makes no memory image of bytes for 1-byte pages: their
    segments cost their offsets and bytes; empty ones do not stop an image."""
    config = wasmtime.Config()
    config.wasm_custom_page_sizes = True
    config.consume_fuel = True
    assert _startup_fuel(wl, _engine(strategy, consume_fuel=True)) == \
        _startup_fuel(wasmtime, wasmtime.Engine(config))
