"""Per-signature native glue between the interpreter and the wasm ABI.

For each distinct signature of a module, generated with the module (never on
the call path), in one LLVM module:

* ``entry`` — the entry trampoline (compile/trampolines.py), as for compiled
  code: Python calls every function through it;
* ``in`` — ``ret in(ptr closure, params...)``: the wasm ABI of an
  interpreted function. Its VMFuncRef passes a closure (layout.CL_*) as the
  vmctx. If the function has tiered up (``IF_COMPILED`` set) it tail-calls
  that code with the instance's vmctx; otherwise it spills the arguments to
  slots and runs ``interp_call``;
* ``out`` — ``void out(ptr code, ptr vmctx, ptr slots)``: the interpreter
  calling anything with the wasm ABI (imports, host functions, call_indirect,
  tiered-up code): arguments from 16-byte slots, results back into them.
"""
from __future__ import annotations

from ..compile.lltypes import LLTYPE, param_list, ret_type, wasm_cc
from ..compile.trampolines import FRAME_POINTER, entry_trampoline, host_trampoline
from ..compile.trampolines import _load_values, _results_of, _store_values
from ..syntax.types import F32, F64, I32, I64, V128, FuncType
from . import layout as L


def _slots(types) -> list[int]:
    """The interpreter's 16-byte slot offsets of ``types`` (layout.SLOT)."""
    return [L.SLOT * i for i in range(len(types))]


def _load_slots(lines: list[str], types, base: str, prefix: str) -> list[str]:
    return _load_values(lines, types, base, prefix, _slots(types))


def _store_slots(lines: list[str], types, vals, base: str, prefix: str) -> None:
    _store_values(lines, types, vals, base, prefix, _slots(types))


def out_stub(name: str, ft: FuncType) -> str:
    rt = ret_type(ft.results)
    lines = [f"define void @{name}(ptr %code, ptr %cv, ptr %slots) {FRAME_POINTER} {{", "entry:"]
    args = _load_slots(lines, ft.params, "%slots", "a")
    text = "".join(f", {LLTYPE[t]} {a}" for t, a in zip(ft.params, args))
    if ft.results:
        lines.append(f"%r = call {wasm_cc(ft)} {rt} %code(ptr %cv{text})")
        _store_slots(lines, ft.results, _results_of(lines, ft, "%r"), "%slots", "o")
    else:
        lines.append(f"call {wasm_cc(ft)} void %code(ptr %cv{text})")
    lines += ["ret void", "}"]
    return "\n".join(lines)


def in_stub(name: str, ft: FuncType) -> str:
    rt = ret_type(ft.results)
    params = [f"%p{i}" for i in range(len(ft.params))]
    typed = "".join(f", {LLTYPE[t]} {p}" for t, p in zip(ft.params, params))
    n = max(len(ft.params), len(ft.results), 1)
    fast = [f"define {wasm_cc(ft)} {rt} @{name}({param_list(ft, 'ptr %cl')}) {FRAME_POINTER} {{", "entry:",
            f"%vp = getelementptr i8, ptr %cl, i64 {L.CL_VMCTX}", "%vmctx = load ptr, ptr %vp",
            f"%dp = getelementptr i8, ptr %cl, i64 {L.CL_FUNC}", "%desc = load ptr, ptr %dp",
            f"%ccp = getelementptr i8, ptr %desc, i64 {L.IF_COMPILED}",
            "%cc = load atomic ptr, ptr %ccp monotonic, align 8",
            "%isc = icmp ne ptr %cc, null", "br i1 %isc, label %native, label %interp",
            "native:"]
    # a jump (tailcc: a tail call in tail position is one), so compiled
    # code tail-calling a function that tiered up keeps constant stack
    if ft.results:
        fast += [f"%rn = tail call {wasm_cc(ft)} {rt} %cc(ptr %vmctx{typed})", f"ret {rt} %rn"]
    else:
        fast += [f"tail call {wasm_cc(ft)} void %cc(ptr %vmctx{typed})", "ret void"]
    fast.append("interp:")
    if ft.results:
        fast += [f"%ri = call {rt} @{name}.slow(ptr %desc, ptr %vmctx{typed})", f"ret {rt} %ri"]
    else:
        fast += [f"call void @{name}.slow(ptr %desc, ptr %vmctx{typed})", "ret void"]
    fast.append("}")
    slow = [f"define internal {rt} @{name}.slow({param_list(ft, 'ptr %desc, ptr %vmctx')}) noinline {FRAME_POINTER} {{",
            "entry:", f"%buf = alloca [{2 * n} x i64], align 16"]
    _store_slots(slow, ft.params, params, "%buf", "a")
    slow += [f"%runp = getelementptr i8, ptr %desc, i64 {L.IF_RUNNER}", "%run = load ptr, ptr %runp",
             "call void %run(ptr %desc, ptr %buf, ptr %vmctx)"]
    if not ft.results:
        slow.append("ret void")
    else:
        vals = _load_slots(slow, ft.results, "%buf", "r")
        if len(vals) == 1:
            slow.append(f"ret {rt} {vals[0]}")
        else:
            agg = "undef"
            for i, (t, v) in enumerate(zip(ft.results, vals)):
                slow.append(f"%agg{i} = insertvalue {rt} {agg}, {LLTYPE[t]} {v}, {i}")
                agg = f"%agg{i}"
            slow.append(f"ret {rt} {agg}")
    slow.append("}")
    return "\n".join(fast + slow)


# The System V x86-64 and Linux AArch64 calling conventions pass an i32 in the same
# register (or 8-byte stack slot) as an i64, and an f32 in the same vector
# register as an f64; and every stub here only moves values between
# registers and 8- or 16-byte slots, never computes with them. So one stub
# serves every signature of the same ABI shape: i32 as i64, f32 as f64. The
# upper half of a slot or register then holds whatever was there, and
# nothing reads it: every consumer of an i32 or f32 (handlers, compiled
# code, Python's values array) reads 4 bytes.
_ABI_CLASS = {I32: I64, F32: F64}


def abi_type(ft: FuncType) -> FuncType:
    """The signature whose stubs serve ``ft`` (i32 as i64, f32 as f64).
    Several results stay as they are: LLVM may return them in memory, laid
    out as a struct of their real sizes."""
    shape = _shapes.get(ft)
    if shape is None:
        results = ft.results
        # (a typed reference, (ref $t), is its top's shape: the same i64, and
        # a shape that means the same in every module)
        if len(results) == 1:
            results = (_ABI_CLASS.get(results[0], results[0].top),)
        shape = _shapes[ft] = FuncType(tuple(_ABI_CLASS.get(t, t.top) for t in ft.params),
                                       results)
    return shape


_shapes: dict[FuncType, FuncType] = {}
_codes: dict[FuncType, str] = {}


def shape_code(ft: FuncType) -> str:
    """``abi_type(ft)`` as a short string ("i64,f64->i64"): what the
    interpreter's library lists its prebuilt stubs by, so that loading it
    builds no FuncType."""
    code = _codes.get(ft)
    if code is None:
        shape = abi_type(ft)
        code = _codes[ft] = (",".join(t.name for t in shape.params) + "->"
                             + ",".join(t.name for t in shape.results))
    return code


def common_signatures() -> list[FuncType]:
    """ABI shapes (``abi_type``) whose stubs (and host trampolines) are
    built into the interpreter's library, so that most modules start without
    LLVM: any mix of integers and floats up to 5 params; 6 to 8 params all
    integers but one, or all floats; integers only up to 20; vectors with
    up to 2 params; zero or one result. That covers every signature of
    hello_wasi, wordfreq and QuickJS, and all but one of CPython for WASI's
    118 (tests/test_tiers.py checks the bundled examples)."""
    from itertools import product

    from ..wasi import SIGNATURES
    seen: dict[FuncType, None] = {}

    def add(ps, rs) -> None:
        seen.setdefault(abi_type(FuncType(tuple(ps), tuple(rs))), None)

    scalar_results = ((), (I64,), (F64,))
    for n in range(6):
        for ps in product((I64, F64), repeat=n):
            for rs in scalar_results:
                add(ps, rs)
    for n in range(6, 21):
        for rs in scalar_results:
            add((I64,) * n, rs)
    for n in range(6, 9):               # one float anywhere, or all floats
        for k in range(n):
            for rs in scalar_results:
                add((I64,) * k + (F64,) + (I64,) * (n - k - 1), rs)
                add((F64,) * n, rs)
    for n in range(3):
        for ps in product((I64, F64, V128), repeat=n):
            for rs in scalar_results + ((V128,),):
                add(ps, rs)
    for name, params in SIGNATURES.items():
        add((I32 if c == "i" else I64 for c in params), () if name == "proc_exit" else (I32,))
    return list(seen)


def common_stubs_ir(sigs: list[FuncType]) -> tuple[list[str], list[str]]:
    """(IR parts, symbols) of the prebuilt stubs: per signature k, ``c{k}e``
    (entry), ``c{k}i`` (in), ``c{k}o`` (out), ``c{k}h`` (host trampoline)."""
    parts, names = [], []
    for k, ft in enumerate(sigs):
        parts += [entry_trampoline(f"c{k}e", ft), in_stub(f"c{k}i", ft),
                  out_stub(f"c{k}o", ft), host_trampoline(f"c{k}h", ft)]
        names += [f"c{k}e", f"c{k}i", f"c{k}o", f"c{k}h"]
    return parts, names
