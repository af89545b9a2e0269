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
