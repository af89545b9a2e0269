"""SIMD: the generated machine code, edge cases, and every lane-wise SIMD
instruction compared against wasmtime-py.

v128 values cross the wasmtime-py boundary as two i64 halves (wrappers
build the vector with i64x2.replace_lane and take it apart with
extract_lane), so both engines see exact bits. Through wasmlite's own
runtime v128 values are passed as 128-bit integers.
"""
from __future__ import annotations

import struct

import pytest
import wasmtime
import llvmlite.binding as llvm

from wasmlite.binary.decode import decode_module
from wasmlite.compile import compile_module, jit, module_ir
from wasmlite.compile import simd
from wasmlite.errors import Trap, TrapCode
from wasmlite.runtime import (RuntimeEngine, RuntimeStore, instantiate, invoke,
                              make_host_function)
from wasmlite.syntax.instructions import OPS
from wasmlite.syntax.types import FuncType, V128

M64 = (1 << 64) - 1
M128 = (1 << 128) - 1


def lanes_to_v128(lanes, bits: int) -> int:
    m = (1 << bits) - 1
    return sum((x & m) << (i * bits) for i, x in enumerate(lanes))


def v128_lanes(v: int, bits: int) -> list[int]:
    m = (1 << bits) - 1
    return [(v >> (i * bits)) & m for i in range(128 // bits)]


def f32(x: float) -> int:
    return struct.unpack("<I", struct.pack("<f", x))[0]


def f64(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


class Runner:
    """A module instantiated in wasmlite's runtime; ``r.name(*args)`` calls
    an export with raw bits and returns its single result (or a list)."""

    def __init__(self, wat: str, opt_level: int = 2, imports=()) -> None:
        self.engine = RuntimeEngine(opt_level=opt_level)
        self.store = RuntimeStore(self.engine)
        self.module = decode_module(wasmtime.wat2wasm(wat))
        compiled = compile_module(self.module, None, self.engine.signatures, opt_level)
        self.instance = instantiate(self.store, compiled, list(imports))

    def __getattr__(self, name: str):
        rec = self.__dict__["instance"].exports[name]

        def call(*args):
            out = invoke(self.store, rec, list(args))
            return out[0] if len(out) == 1 else out
        return call


def assembly(wat: str) -> str:
    """x86/aarch64 assembly of a module's functions at opt level 2."""
    text, _ = module_ir(decode_module(wasmtime.wat2wasm(wat)))
    mod = llvm.parse_assembly(text)
    jit.optimize(mod, 2)
    return jit._init()["tms"][2].emit_assembly(mod)


x86 = pytest.mark.skipif(not jit._init()["triple"].startswith("x86_64"),
                         reason="checks x86 SSE instruction names")


# ---------------------------------------------------------------- machine code
KERNELS = """(module (memory 1)
  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $acc v128)
    (block (loop
      (br_if 1 (i32.eqz (local.get $n)))
      (local.set $acc (i32x4.add (local.get $acc)
        (i32x4.dot_i16x8_s (v128.load (local.get $a)) (v128.load (local.get $b)))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 16)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br 0)))
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
             (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
  (func (export "mul") (param v128 v128) (result v128) (i32x4.mul (local.get 0) (local.get 1)))
  (func (export "avg") (param v128 v128) (result v128) (i8x16.avgr_u (local.get 0) (local.get 1)))
  (func (export "mask") (param v128) (result i32) (i8x16.bitmask (local.get 0)))
  (func (export "swz") (param v128 v128) (result v128) (i8x16.swizzle (local.get 0) (local.get 1)))
  (func (export "sat") (param v128 v128) (result v128) (i8x16.add_sat_s (local.get 0) (local.get 1)))
  (func (export "fadd") (param v128 v128) (result v128) (f32x4.add (local.get 0) (local.get 1)))
  (func (export "fsqrt") (param v128) (result v128) (f64x2.sqrt (local.get 0)))
  (func (export "narrow") (param v128 v128) (result v128)
    (i8x16.narrow_i16x8_s (local.get 0) (local.get 1)))
)"""


@x86
def test_kernels_use_sse_vector_instructions():
    asm = assembly(KERNELS)
    # alternatives: what AVX-512 VNNI / BW hosts get instead
    for ins in (("pmaddwd", "vpdpwssd"), "paddd", "pmulld", "pavgb", "pmovmskb", "pshufb",
                "paddsb", "addps", "sqrtpd", ("packsswb", "vpmovswb")):
        alts = (ins,) if isinstance(ins, str) else ins
        assert any(a in asm for a in alts), f"{ins} not in the generated code"


@x86
def test_dot_kernel_is_a_vector_loop():
    asm = assembly(KERNELS)
    body = asm.split("f0:")[1].split(".Lfunc_end")[0]
    # the loop works on whole vectors: no per-lane multiplies
    assert "pmaddwd" in body or "vpdpwssd" in body
    assert "imul" not in body


def test_dot_kernel_result():
    r = Runner(KERNELS.replace("(memory 1)", """(memory 1)
      (func (export "fill") (param $n i32)
        (local $i i32)
        (block (loop (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
          (i32.store16 (i32.shl (local.get $i) (i32.const 1)) (i32.sub (local.get $i) (i32.const 7)))
          (i32.store16 (i32.add (i32.const 1024) (i32.shl (local.get $i) (i32.const 1)))
                       (i32.mul (local.get $i) (i32.const 3)))
          (local.set $i (i32.add (local.get $i) (i32.const 1))) (br 0))))"""))
    r.fill(32)
    want = sum((i - 7) * (3 * i) for i in range(32))
    assert r.dot(0, 1024, 4) == want & 0xFFFFFFFF
    assert r.dot(0, 1024, 0) == 0


# ---------------------------------------------------------------- edge cases
EDGE = """(module (memory 1)
  (global $g (mut v128) (v128.const i32x4 1 2 3 4))
  (func (export "swizzle") (param v128 v128) (result v128) (i8x16.swizzle (local.get 0) (local.get 1)))
  (func (export "shl8") (param v128 i32) (result v128) (i8x16.shl (local.get 0) (local.get 1)))
  (func (export "shr_s16") (param v128 i32) (result v128) (i16x8.shr_s (local.get 0) (local.get 1)))
  (func (export "shr_u32") (param v128 i32) (result v128) (i32x4.shr_u (local.get 0) (local.get 1)))
  (func (export "shr_s64") (param v128 i32) (result v128) (i64x2.shr_s (local.get 0) (local.get 1)))
  (func (export "mul_one") (param v128) (result v128)
    (f32x4.mul (local.get 0) (f32x4.splat (f32.const 1))))
  (func (export "add_negzero") (param v128) (result v128)
    (f32x4.add (local.get 0) (v128.const f32x4 -0 -0 -0 -0)))
  (func (export "div_one64") (param v128) (result v128)
    (f64x2.div (local.get 0) (v128.const f64x2 1 1)))
  (func (export "min") (param v128 v128) (result v128) (f32x4.min (local.get 0) (local.get 1)))
  (func (export "pmin") (param v128 v128) (result v128) (f32x4.pmin (local.get 0) (local.get 1)))
  (func (export "pmax") (param v128 v128) (result v128) (f32x4.pmax (local.get 0) (local.get 1)))
  (func (export "neg") (param v128) (result v128) (f32x4.neg (local.get 0)))
  (func (export "round_trip") (param v128) (result v128)
    (f32x4.demote_f64x2_zero (f64x2.promote_low_f32x4 (local.get 0))))
  (func (export "trunc_sat_s") (param v128) (result v128) (i32x4.trunc_sat_f32x4_s (local.get 0)))
  (func (export "trunc_sat_u") (param v128) (result v128) (i32x4.trunc_sat_f32x4_u (local.get 0)))
  (func (export "q15") (param v128 v128) (result v128) (i16x8.q15mulr_sat_s (local.get 0) (local.get 1)))
  (func (export "narrow_u") (param v128 v128) (result v128)
    (i8x16.narrow_i16x8_u (local.get 0) (local.get 1)))
  (func (export "bitmask16") (param v128) (result i32) (i16x8.bitmask (local.get 0)))
  (func (export "all_true") (param v128) (result i32) (i32x4.all_true (local.get 0)))
  (func (export "any_true") (param v128) (result i32) (v128.any_true (local.get 0)))
  (func (export "g_get") (result v128) (global.get $g))
  (func (export "g_set") (param v128) (global.set $g (local.get 0)))
  (func (export "sel") (param v128 v128 i32) (result v128)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func (export "blk") (param v128 i32) (result v128 i32)
    (block (result v128) (br_if 0 (local.get 0) (local.get 1)) (drop) (v128.const i64x2 7 8))
    (local.get 1))
  (func (export "vload") (param i32) (result v128) (v128.load offset=1 (local.get 0)))
  (func (export "vstore") (param i32 v128) (v128.store (local.get 0) (local.get 1)))
  (func (export "load64_splat") (param i32) (result v128) (v128.load64_splat (local.get 0)))
  (func (export "store8_lane") (param i32 v128) (v128.store8_lane 15 (local.get 0) (local.get 1)))
  (func (export "load8_lane") (param i32 v128) (result v128)
    (v128.load8_lane 3 (local.get 0) (local.get 1)))
)"""


@pytest.fixture(scope="module", params=[0, 2], ids=["O0", "O2"])
def edge(request):
    return Runner(EDGE, opt_level=request.param)


SWIZZLE_IDX = [0, 15, 16, 17, 0x7F, 0x80, 0xFF, 1, 31, 32, 0x8F, 0x70, 5, 0x10, 14, 0xF0]


def _swizzle_want(a: int, s: int) -> int:
    al, sl = v128_lanes(a, 8), v128_lanes(s, 8)
    return lanes_to_v128([al[i] if i < 16 else 0 for i in sl], 8)


def test_swizzle_out_of_range_lanes_are_zero(edge):
    a = lanes_to_v128(range(0xA0, 0xB0), 8)
    s = lanes_to_v128(SWIZZLE_IDX, 8)
    assert edge.swizzle(a, s) == _swizzle_want(a, s)


def test_swizzle_portable_lowering(monkeypatch):
    # the per-lane form used where pshufb is unavailable
    monkeypatch.setitem(simd._TARGET, "pshufb", False)
    r = Runner("""(module (func (export "swizzle") (param v128 v128) (result v128)
                  (i8x16.swizzle (local.get 0) (local.get 1))))""", opt_level=1)
    a = lanes_to_v128(range(0x30, 0x40), 8)
    for idx in (SWIZZLE_IDX, list(range(15, -1, -1)), [16] * 16):
        s = lanes_to_v128(idx, 8)
        assert r.swizzle(a, s) == _swizzle_want(a, s)


@pytest.mark.parametrize("count", [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 0xFFFFFFFF])
def test_shift_counts_modulo_lane_width(edge, count):
    a8 = lanes_to_v128([0x81, 0x7F, 0xFF, 1] * 4, 8)
    assert edge.shl8(a8, count) == lanes_to_v128([(x << (count % 8)) for x in v128_lanes(a8, 8)], 8)
    a16 = lanes_to_v128([0x8001, 0x7FFF, 0xFFFF, 1] * 2, 16)
    want = [(x - (1 << 16) if x >> 15 else x) >> (count % 16) for x in v128_lanes(a16, 16)]
    assert edge.shr_s16(a16, count) == lanes_to_v128(want, 16)
    a32 = lanes_to_v128([0x80000001, 0x7FFFFFFF, 0xFFFFFFFF, 1], 32)
    assert edge.shr_u32(a32, count) == lanes_to_v128([x >> (count % 32) for x in v128_lanes(a32, 32)], 32)
    a64 = lanes_to_v128([1 << 63, 12345], 64)
    want = [(x - (1 << 64) if x >> 63 else x) >> (count % 64) for x in v128_lanes(a64, 64)]
    assert edge.shr_s64(a64, count) == lanes_to_v128(want, 64)


SNAN32, QNAN32 = 0x7FA00001, 0x7FC00000


def _quiet32(x: int) -> bool:
    return (x & 0x7F800000) == 0x7F800000 and bool(x & 0x00400000)


def test_identity_folds_do_not_pass_signalling_nans(edge):
    a = lanes_to_v128([SNAN32, 0xFFA00001, f32(2.5), f32(-0.0)], 32)
    for fn in (edge.mul_one, edge.add_negzero):
        out = v128_lanes(fn(a), 32)
        assert _quiet32(out[0]) and _quiet32(out[1]), [hex(x) for x in out]
        assert out[2] == f32(2.5)
    out = v128_lanes(edge.div_one64(lanes_to_v128([0x7FF0000000000001, f64(3.0)], 64)), 64)
    assert out[0] & (1 << 51) and out[1] == f64(3.0)
    out = v128_lanes(edge.round_trip(a), 32)
    assert _quiet32(out[0]) and _quiet32(out[1]) and out[2:] == [0, 0]


def test_min_propagates_quiet_nan_and_orders_zeros(edge):
    a = lanes_to_v128([SNAN32, f32(1.0), f32(-0.0), f32(0.0)], 32)
    b = lanes_to_v128([f32(1.0), SNAN32, f32(0.0), f32(-0.0)], 32)
    out = v128_lanes(edge.min(a, b), 32)
    assert _quiet32(out[0]) and _quiet32(out[1])
    assert out[2:] == [f32(-0.0), f32(-0.0)]


def test_pmin_pmax_return_an_operand_unchanged(edge):
    a = lanes_to_v128([SNAN32, f32(1.0), f32(-0.0), f32(3.0)], 32)
    b = lanes_to_v128([f32(1.0), SNAN32, f32(0.0), f32(2.0)], 32)
    # pmin = b < a ? b : a ; pmax = a < b ? b : a (NaN compares false)
    assert v128_lanes(edge.pmin(a, b), 32) == [SNAN32, f32(1.0), f32(-0.0), f32(2.0)]
    assert v128_lanes(edge.pmax(a, b), 32) == [SNAN32, f32(1.0), f32(-0.0), f32(3.0)]


def test_neg_keeps_nan_payload(edge):
    a = lanes_to_v128([SNAN32, QNAN32, f32(0.0), f32(-1.5)], 32)
    assert v128_lanes(edge.neg(a), 32) == [SNAN32 | 1 << 31, QNAN32 | 1 << 31, 1 << 31, f32(1.5)]


def test_trunc_sat(edge):
    a = lanes_to_v128([QNAN32, 0x7F800000, 0xFF800000, f32(-1.9)], 32)
    assert v128_lanes(edge.trunc_sat_s(a), 32) == [0, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF]
    assert v128_lanes(edge.trunc_sat_u(a), 32) == [0, 0xFFFFFFFF, 0, 0]


def test_integer_saturation_edges(edge):
    m = lanes_to_v128([0x8000] * 8, 16)
    assert v128_lanes(edge.q15(m, m), 16) == [0x7FFF] * 8
    a = lanes_to_v128([-1, 0, 255, 256, 0x7FFF, 0x8000, 128, 127], 16)
    assert v128_lanes(edge.narrow_u(a, a), 8) == [0, 0, 255, 255, 255, 0, 128, 127] * 2


def test_boolean_reductions(edge):
    assert edge.bitmask16(lanes_to_v128([0x8000, 1, 0xFFFF, 0, 0, 0, 0, 0x8001], 16)) == 0b10000101
    assert edge.all_true(lanes_to_v128([1, 2, 3, 0x80000000], 32)) == 1
    assert edge.all_true(lanes_to_v128([1, 2, 0, 4], 32)) == 0
    assert edge.any_true(1 << 127) == 1
    assert edge.any_true(0) == 0


def test_v128_through_globals_select_blocks(edge):
    assert edge.g_get() == lanes_to_v128([1, 2, 3, 4], 32)
    big = (0xDEADBEEF << 96) | 0x0123456789ABCDEF
    edge.g_set(big)
    assert edge.g_get() == big
    assert edge.sel(big, 5, 1) == big
    assert edge.sel(big, 5, 0) == 5
    assert edge.blk(big, 1) == [big, 1]
    assert edge.blk(big, 0) == [lanes_to_v128([7, 8], 64), 0]


def test_loads_stores_are_bounds_checked(edge):
    v = lanes_to_v128(range(16), 8)
    edge.vstore(65536 - 16, v)
    assert edge.vload(65536 - 17) == v
    with pytest.raises(Trap) as e:
        edge.vload(65536 - 16)          # offset 1 makes the last byte 65536
    assert e.value.trap_code == TrapCode.MEMORY_OUT_OF_BOUNDS
    with pytest.raises(Trap):
        edge.vstore(65536 - 15, v)
    assert edge.load64_splat(65536 - 8) == lanes_to_v128([0x0F0E0D0C0B0A0908] * 2, 64)
    with pytest.raises(Trap):
        edge.load64_splat(65536 - 7)
    edge.store8_lane(65535, lanes_to_v128([0] * 15 + [0xAB], 8))
    assert v128_lanes(edge.load8_lane(65535, 0), 8)[3] == 0xAB
    with pytest.raises(Trap):
        edge.store8_lane(65536, 0)


def test_host_function_with_v128_params_and_results():
    engine = RuntimeEngine(opt_level=1)
    store = RuntimeStore(engine)
    ft = FuncType((V128, V128), (V128,))
    seen = []

    def host(args):
        a, b = args
        seen.append((a, b))
        return [(a ^ b) & M128]
    hf = make_host_function(store, ft, host)
    module = decode_module(wasmtime.wat2wasm("""(module
      (import "h" "xor" (func $x (param v128 v128) (result v128)))
      (func (export "f") (param v128) (result v128)
        (i32x4.add (call $x (local.get 0) (v128.const i64x2 -1 0)) (v128.const i32x4 1 1 1 1))))"""))
    inst = instantiate(store, compile_module(module, None, engine.signatures, 1), [hf])
    a = (0x1122334455667788 << 64) | 0x99AABBCCDDEEFF00
    out = invoke(store, inst.exports["f"], [a])[0]
    assert seen == [(a, M64)]
    assert out == lanes_to_v128([x + 1 for x in v128_lanes(a ^ M64, 32)], 32)


# ---------------------------------------------------------------- differential
def _v(lanes, bits):
    return lanes_to_v128(lanes, bits)


VECTORS = [
    0,
    M128,
    _v([0, 1, 0x7F, 0x80, 0xFF, 0xFE, 2, 3, 0x10, 0x0F, 0x40, 0xC0, 0x55, 0xAA, 0x81, 0x7E], 8),
    _v([0, 1, 0x7FFF, 0x8000, 0xFFFF, 0x8001, 0x4000, 0xC000], 16),
    _v([0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 1], 32),
    _v([1 << 63, (1 << 63) - 1], 64),
    _v([f32(1.5), f32(-2.5), SNAN32, f32(-0.0)], 32),
    _v([0x7F800000, 0xFF800000, f32(3e9), f32(-3e9)], 32),
    _v([f32(0.5), f32(-0.5), 0xFFC00000, 1], 32),
    _v([0x7FF4000000000001, f64(-4.5)], 64),
    _v([f64(2.0 ** 31), f64(-2.0 ** 40)], 64),
    _v([f64(0.0), 0xFFF8000000000000], 64),
]
SHIFTS = [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 0xFFFFFFFF]
# results that are float lanes (NaN lanes compared loosely)
FLOAT_BITS = {"f32x4": 32, "f64x2": 64}
EXACT_FLOAT = ("abs", "neg", "pmin", "pmax", "splat", "replace_lane")


def _simd_ops():
    ops = []
    for op in OPS:
        if op.prefix != 0xFD or op.imm is not None or op.params is None:
            continue
        if any(t is not V128 for t in op.params[:1]) or op.name == "v128.const":
            continue
        if op.feature == "relaxed_simd":
            # tests/test_relaxed_simd.py compares these with wasmtime-py, in
            # both of its modes (x86's min/max pass a signalling NaN through)
            continue
        ops.append(op)
    return ops


SIMD_OPS = _simd_ops()


def _wrapper(k: int, op) -> str:
    params, args = [], []
    n = 0
    for t in op.params:
        if t is V128:
            params += ["i64", "i64"]
            args.append(f"(i64x2.replace_lane 1 (i64x2.splat (local.get {n})) (local.get {n + 1}))")
            n += 2
        else:
            params.append("i32")
            args.append(f"(local.get {n})")
            n += 1
    body = f"({op.name} {' '.join(args)})"
    if op.results[0] is V128:
        res = "i64 i64"
        body = (f"(local.set {n} {body}) (i64x2.extract_lane 0 (local.get {n}))"
                f" (i64x2.extract_lane 1 (local.get {n}))")
    else:
        res = "i32"
    return f'(func (export "f{k}") (param {" ".join(params)}) (result {res}) (local v128) {body})'


@pytest.fixture(scope="module", params=[1, 2], ids=["O1", "O2"])
def engines(request):
    wat = "(module\n" + "\n".join(_wrapper(k, op) for k, op in enumerate(SIMD_OPS)) + ")"
    ours = Runner(wat, opt_level=request.param)
    store = wasmtime.Store()
    theirs = wasmtime.Instance(store, wasmtime.Module(store.engine, wat), []).exports(store)
    return ours, theirs, store


def _signed64(x: int) -> int:
    return x - (1 << 64) if x >> 63 else x


def _args(op, vals):
    out_ours, out_theirs = [], []
    for t, v in zip(op.params, vals):
        if t is V128:
            lo, hi = v & M64, v >> 64
            out_ours += [lo, hi]
            out_theirs += [_signed64(lo), _signed64(hi)]
        else:
            out_ours.append(v)
            out_theirs.append(v - (1 << 32) if v >> 31 else v)
    return out_ours, out_theirs


def _same(op, got: int, want: int) -> bool:
    shape, name = op.name.split(".", 1)
    bits = FLOAT_BITS.get(shape)
    if bits is None or op.results[0] is not V128 or name[:2] in ("eq", "ne", "lt", "gt", "le", "ge") \
            or name in EXACT_FLOAT:
        return got == want
    exp = ((1 << (bits - 1)) - 1) ^ ((1 << (bits - 1 - (8 if bits == 32 else 11))) - 1)
    quiet = 1 << (bits - (10 if bits == 32 else 13))
    for g, w in zip(v128_lanes(got, bits), v128_lanes(want, bits)):
        w_nan = (w & exp) == exp and w & (quiet * 2 - 1)
        if w_nan:
            g_nan = (g & exp) == exp and g & (quiet * 2 - 1)
            if not (g_nan and g & quiet):
                return False
        elif g != w:
            return False
    return True


@pytest.mark.parametrize("k", range(len(SIMD_OPS)), ids=[op.name for op in SIMD_OPS])
def test_matches_wasmtime(engines, k):
    ours, theirs, store = engines
    op = SIMD_OPS[k]
    f_ours, f_theirs = getattr(ours, f"f{k}"), theirs[f"f{k}"]
    if len(op.params) == 1:
        cases = [(a,) for a in VECTORS]
    elif op.params[1] is not V128:
        cases = [(a, s) for a in VECTORS[:8] for s in SHIFTS]
    elif len(op.params) == 2:
        cases = [(a, b) for a in VECTORS for b in VECTORS[::2]]
    else:
        cases = [(a, b, c) for a in VECTORS[:4] for b in VECTORS[4:8] for c in VECTORS[::3]]
    for vals in cases:
        a_ours, a_theirs = _args(op, vals)
        got, want = f_ours(*a_ours), f_theirs(store, *a_theirs)
        if op.results[0] is V128:
            got = got[0] | (got[1] << 64)
            want = (want[0] & M64) | ((want[1] & M64) << 64)
        else:
            want &= 0xFFFFFFFF
        assert _same(op, got, want), f"{op.name}{tuple(hex(v) for v in vals)}: {got:#x} != {want:#x}"


def test_only_identity_constants_are_hidden_from_the_optimizer():
    # x * 0.5 cannot fold to x: the constant stays a plain operand (so it
    # can be hoisted / folded into the instruction's memory operand)
    half, one = (module_ir(decode_module(wasmtime.wat2wasm(
        f'(module (func (param v128) (result v128) (f32x4.mul (local.get 0) {c})))')))[0]
        for c in ("(f32x4.splat (f32.const 0.5))", "(v128.const f32x4 2 1 3 4)"))
    body = [ir.split("@f0(")[1].split("\n}")[0] for ir in (half, one)]
    assert " asm " not in body[0]
    assert " asm " in body[1]


def test_v128_loop_params_calls_and_call_indirect():
    r = Runner("""(module
      (type $vv (func (param v128) (result v128)))
      (table 2 funcref) (elem (i32.const 0) $inc $dbl)
      (func $inc (type $vv) (i32x4.add (local.get 0) (v128.const i32x4 1 1 1 1)))
      (func $dbl (type $vv) (i32x4.shl (local.get 0) (i32.const 1)))
      (func (export "run") (param v128 i32 i32) (result v128)
        ;; the vector is a loop parameter; each pass calls through the table
        (local.get 0)
        (loop (param v128) (result v128)
          (call_indirect (type $vv) (local.get 2))
          (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))
          (br_if 0)))
      (func (export "direct") (param v128) (result v128 v128)
        (call $inc (local.get 0)) (call $dbl (local.get 0))))""", opt_level=1)
    v = lanes_to_v128([1, 2, 3, 0xFFFFFFFF], 32)
    assert r.run(v, 3, 0) == lanes_to_v128([4, 5, 6, 2], 32)
    assert r.run(v, 2, 1) == lanes_to_v128([4, 8, 12, 0xFFFFFFFC], 32)
    assert r.direct(v) == [lanes_to_v128([2, 3, 4, 0], 32), lanes_to_v128([2, 4, 6, 0xFFFFFFFE], 32)]
