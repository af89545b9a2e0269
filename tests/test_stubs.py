"""interp/stubs.py: one prebuilt stub serves every signature of its ABI
shape (i32 as i64, f32 as f64), so common programs start without LLVM."""
from pathlib import Path

import pytest

import wasmlite as rt
from wasmlite.binary import decode_module
from wasmlite.interp.library import interpreter
from wasmlite.interp.module import distinct_types
from wasmlite.interp.stubs import abi_type
from wasmlite.syntax.types import F32, F64, I32, I64, FuncType

ROOT = Path(__file__).resolve().parent.parent

# exports and imports of one ABI shape, (int) -> float and (float, int) ->
# int, in every width: each call must unpack its own type
WAT = """(module
  (import "h" "f32" (func $hf32 (param f32 i32) (result i32)))
  (import "h" "f64" (func $hf64 (param f64 i64) (result i64)))
  (func (export "r32") (param i32) (result f32) (f32.convert_i32_s (local.get 0)))
  (func (export "r64") (param i32) (result f64) (f64.convert_i32_s (local.get 0)))
  (func (export "r64w") (param i64) (result f64) (f64.convert_i64_s (local.get 0)))
  (func (export "c32") (param f32 i32) (result i32) (call $hf32 (local.get 0) (local.get 1)))
  (func (export "c64") (param f64 i64) (result i64) (call $hf64 (local.get 0) (local.get 1)))
  (func (export "neg") (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "bits") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
  (func (export "big") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 3))))"""


@pytest.mark.parametrize("strategy", ["interpreter", "auto", "llvm"])
@pytest.mark.parametrize("order", [1, -1])
def test_signatures_sharing_a_stub_keep_their_types(strategy, order):
    cfg = rt.Config()
    cfg.strategy = strategy
    engine = rt.Engine(cfg)
    store = rt.Store(engine)
    f32, f64, i32, i64 = (rt.ValType.f32(), rt.ValType.f64(), rt.ValType.i32(), rt.ValType.i64())
    hf32 = rt.Func(store, rt.FuncType([f32, i32], [i32]), lambda x, n: int(x * 2) + n)
    hf64 = rt.Func(store, rt.FuncType([f64, i64], [i64]), lambda x, n: int(x * 4) + n)
    inst = rt.Instance(store, rt.Module(engine, WAT), [hf32, hf64])
    ex = inst.exports(store)
    calls = [("r32", (-7,), -7.0), ("r64", (-7,), -7.0), ("r64w", (-(2**40),), float(-(2**40))),
             ("c32", (1.5, -1), 2), ("c64", (2.25, 2**40), 9 + 2**40),
             ("neg", (5,), -5), ("neg", (-(2**31),), -(2**31)), ("big", (2**61,), 3 * 2**61),
             ("bits", (1.5,), 0x3FC00000), ("bits", (-0.0,), -(2**31))]
    for _ in range(2):
        for name, args, want in calls[::order]:
            got = ex[name](store, *args)
            assert got == want and type(got) is type(want), (name, args, got, want)


def test_abi_shape():
    assert abi_type(FuncType((I32, F32), (I32,))) == FuncType((I64, F64), (I64,))
    assert abi_type(FuncType((I64, F64), ())) == FuncType((I64, F64), ())
    # several results stay exact: LLVM may return them in memory
    assert abi_type(FuncType((I32,), (I32, F32))) == FuncType((I64,), (I32, F32))


@pytest.mark.parametrize("wasm", ["examples/hello_wasi.wasm", "bench/wasi/wordfreq.wasm"])
def test_bundled_programs_need_no_stubs_of_their_own(wasm):
    module = decode_module((ROOT / wasm).read_bytes())
    it = interpreter()
    missing = [ft for ft in distinct_types(module) if it.prebuilt_for(ft) is None]
    assert missing == []


# CPython for WASI's one shape without a prebuilt stub, as an export, an
# import and a call_indirect target, and one with two results
ODD = """(module
  (type $odd (func (param i64 f64 f64 f64 f64 i64 i64) (result f64)))
  (import "h" "odd" (func $hodd (type $odd)))
  (table 1 funcref) (elem (i32.const 0) $sum)
  (func $sum (export "sum") (type $odd)
    (f64.add (f64.add (f64.convert_i64_s (local.get 0)) (f64.mul (local.get 1) (local.get 2)))
             (f64.add (f64.sub (local.get 3) (local.get 4))
                      (f64.convert_i64_s (i64.sub (local.get 5) (local.get 6))))))
  (func (export "via_host") (param i64) (result f64)
    (call $hodd (local.get 0) (f64.const 1.5) (f64.const 2) (f64.const 10) (f64.const 4)
                (i64.const 9) (i64.const 2)))
  (func (export "via_table") (param i64) (result f64)
    (call_indirect (type $odd) (local.get 0) (f64.const 1.5) (f64.const 2) (f64.const 10)
                   (f64.const 4) (i64.const 9) (i64.const 2) (i32.const 0)))
  (func (export "two") (param f64 i64 f64 i64 f64 i64 f64) (result i64 f64)
    (i64.add (local.get 1) (local.get 3)) (f64.add (local.get 0) (local.get 6))))"""


@pytest.mark.parametrize("strategy", ["interpreter", "auto", "llvm"])
def test_shapes_without_a_prebuilt_stub_get_theirs(strategy):
    """Their stubs are built once into the interpreter's cache folder and
    mapped by each module (no LLVM at Module() when they are there); every
    crossing agrees, and each module's mapping goes with it."""
    import gc
    cfg = rt.Config()
    cfg.strategy = strategy
    engine = rt.Engine(cfg)
    f64, i64 = rt.ValType.f64(), rt.ValType.i64()
    odd = rt.FuncType([i64, f64, f64, f64, f64, i64, i64], [f64])
    want = 7 + 1.5 * 2 + (10 - 4) + (9 - 2)
    for _ in range(2):          # the second module maps the stubs the first built
        store = rt.Store(engine)
        host = rt.Func(store, odd, lambda a, b, c, d, e, f, g: a + b * c + (d - e) + (f - g))
        module = rt.Module(engine, ODD)
        ex = rt.Instance(store, module, [host]).exports(store)
        assert ex["sum"](store, 7, 1.5, 2.0, 10.0, 4.0, 9, 2) == want
        assert ex["via_host"](store, 7) == want and ex["via_table"](store, 7) == want
        assert ex["two"](store, 0.5, 3, 9.0, 4, 9.0, 5, 0.25) == [7, 0.75]
    if strategy == "llvm":
        return
    it = interpreter()
    assert [ft for ft in distinct_types(module._syntax) if it.prebuilt_for(ft) is None]
    held = module._compiled.stub_library
    assert len(held.images) == 2 and all(image.size for image in held.images)
    from wasmlite.interp.library import cache_directory
    assert len(list(cache_directory().glob("xstub*"))) >= 2
    images = held.images
    del module, ex, store, host, held
    gc.collect()
    assert all(image.size == 0 for image in images), "a module's stubs outlived it"


def test_a_stub_file_of_another_shape_is_a_clear_error(monkeypatch):
    """A stub file found under a shape's name must hold that shape (only a
    64-bit name collision could break it): otherwise a WasmtimeError names
    the folder, and nothing stays mapped."""
    from wasmlite.errors import WasmtimeError
    it = interpreter()
    real, mapped = it._library, []

    def other(*a, **k):
        lib, syms, extra = real(*a, **k)
        mapped.append(lib)
        return lib, syms, dict(extra, shape="i64->")
    monkeypatch.setattr(it, "_library", other)
    odd = FuncType((I64, F64, F64, F64, F64, I64, I64), (F64,))
    with pytest.raises(WasmtimeError, match="stub file for .* holds i64->"):
        it.stubs_for([odd])
    assert mapped and all(getattr(lib, "size", 0) == 0 for lib in mapped)
