"""Every numeric instruction compared against wasmtime-py on edge values.

Floats cross the boundary as integer bit patterns (reinterpret inside the
wasm) so both engines see and return exact payloads. Traps must agree in
kind; NaN results must be NaNs (quiet unless the op is a bit operation);
everything else must be bit-identical.
"""
from __future__ import annotations

import itertools
import struct

import pytest
import wasmtime

from test_compile_support import Instance

from wasmlite.errors import Trap, TrapCode
from wasmlite.syntax.instructions import OPS

F32_EDGES = [0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x7FA00001, 0x3F000000, 0xBF000000,
             0x3FC00000, 0x40200000, 0xC0200000, 0x7F800000, 0xFF800000, 0x7FC00000,
             0xFFC00000, 0x00000001, 0x7F7FFFFF, 0x4F000000, 0xCF000000,
             0x4EFFFFFF, 0xCF000001, 0x4F800000, 0x4F7FFFFF, 0x5F000000, 0xDF000000,
             0x5F800000, 0xBF7FFFFF, 0x3F7FFFFF, 0x7149F2CA]
F64_EDGES = [0, 1 << 63, 0x3FF0000000000000, 0xBFF0000000000000, 0x7FF4000000000001,
             0x3FE0000000000000,
             0x3FF8000000000000, 0x4004000000000000, 0xC004000000000000,
             0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000,
             0xFFF8000000000000, 1, 0x7FEFFFFFFFFFFFFF]
F64_EDGES += [struct.unpack("<Q", struct.pack("<d", x))[0] for x in (
    2.0**31, -2.0**31, 2147483647.9, -2147483648.9, -2147483649.0, 4294967295.9,
    4294967296.0, -0.9, 2.0**63, -2.0**63, 9223372036854774784.0, 2.0**64,
    18446744073709549568.0, 1e300, -1e-300)]
I32_EDGES = [0, 1, 2, 3, 31, 32, 33, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF,
             0xFFFFFFFE, 0x12345678, 0x0000FF80, 0x00008000]
I64_EDGES = [0, 1, 2, 63, 64, 65, 0x7FFFFFFFFFFFFFFF, 1 << 63, (1 << 63) + 1,
             2**64 - 1, 2**64 - 2, 0x123456789ABCDEF0, 0xFFFFFFFF, 0x80000000, 0x7FFFFFFF]

INT_OF = {"i32": "i32", "i64": "i64", "f32": "i32", "f64": "i64"}
EDGES = {"i32": I32_EDGES, "i64": I64_EDGES, "f32": F32_EDGES, "f64": F64_EDGES}
# binary ops use a smaller set so the cross product stays fast
PAIR_EDGES = {k: v[:12] + v[-3:] for k, v in EDGES.items()}
BITWISE_FLOAT = {"abs", "neg", "copysign"}


def _numeric_ops():
    ops = []
    for op in OPS:
        if op.prefix == 0xFD or op.params is None or op.imm is not None or not op.results:
            continue
        if not op.params or op.name.startswith(("memory", "table")):
            continue
        ops.append(op)
    return ops


NUMERIC_OPS = _numeric_ops()


def _fname(op) -> str:
    return op.name.replace(".", "_")


def _module_text() -> str:
    funcs = []
    for op in NUMERIC_OPS:
        params = " ".join(INT_OF[t.name] for t in op.params)
        args = []
        for i, t in enumerate(op.params):
            get = f"(local.get {i})"
            args.append(f"({t.name}.reinterpret_{INT_OF[t.name]} {get})" if t.name[0] == "f" else get)
        body = f"({op.name} {' '.join(args)})"
        r = op.results[0].name
        if r[0] == "f":
            body = f"({INT_OF[r]}.reinterpret_{r} {body})"
        funcs.append(f'(func (export "{_fname(op)}") (param {params}) (result {INT_OF[r]}) {body})')
    return "(module\n" + "\n".join(funcs) + ")"


@pytest.fixture(scope="module", params=[1, 2], ids=["O1", "O2"])
def engines(request):
    text = _module_text()
    store = wasmtime.Store()
    oracle = wasmtime.Instance(store, wasmtime.Module(store.engine, text), [])
    return Instance(text, opt_level=request.param), oracle.exports(store), store


def _signed(v: int, bits: int) -> int:
    return v - (1 << bits) if v >= 1 << (bits - 1) else v


def _is_nan(bits: int, ty: str) -> bool:
    if ty == "f32":
        return (bits & 0x7F800000) == 0x7F800000 and bits & 0x7FFFFF
    return (bits & 0x7FF0000000000000) == 0x7FF0000000000000 and bits & 0xFFFFFFFFFFFFF


def _quiet(bits: int, ty: str) -> bool:
    return bool(bits & (0x400000 if ty == "f32" else 0x8000000000000))


@pytest.mark.parametrize("op", NUMERIC_OPS, ids=lambda o: o.name)
def test_matches_wasmtime(engines, op):
    ours, theirs, store = engines
    name = _fname(op)
    ptypes = [t.name for t in op.params]
    rty = op.results[0].name
    sets = [EDGES[ptypes[0]]] if len(ptypes) == 1 else [PAIR_EDGES[t] for t in ptypes]
    oracle = theirs[name]
    bits = 32 if INT_OF[rty] == "i32" else 64
    for args in itertools.product(*sets):
        wargs = [_signed(a, 32 if INT_OF[t] == "i32" else 64) for a, t in zip(args, ptypes)]
        try:
            want = oracle(store, *wargs) & ((1 << bits) - 1)
            want_trap = None
        except wasmtime.Trap as e:
            want_trap = e.trap_code
        try:
            got = ours.invoke(name, *args)
            got_trap = None
        except Trap as e:
            got_trap = e.trap_code
        ctx = f"{op.name}{tuple(hex(a) for a in args)}"
        if want_trap is not None or got_trap is not None:
            assert got_trap is not None and want_trap is not None, ctx
            assert int(got_trap) == want_trap.value, ctx
            continue
        if rty[0] == "f" and _is_nan(want, rty) and op.name.split(".")[1] not in BITWISE_FLOAT:
            assert _is_nan(got, rty) and _quiet(got, rty), f"{ctx}: {got:#x}"
        else:
            assert got == want, f"{ctx}: got {got:#x}, want {want:#x}"


def test_every_numeric_op_is_covered():
    names = {op.name for op in NUMERIC_OPS}
    assert len(names) >= 120
    assert {"i32.trunc_f64_s", "i64.trunc_sat_f32_u", "f32.nearest", "i64.rotr",
            "i32.extend8_s", "f64.copysign"} <= names
    assert TrapCode.BAD_CONVERSION_TO_INTEGER  # codes used above come from errors
