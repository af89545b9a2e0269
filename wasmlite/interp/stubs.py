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

from ..compile.lltypes import LLTYPE, param_list, ret_type
from ..compile.trampolines import FRAME_POINTER, entry_trampoline, host_trampoline
from ..compile.trampolines import _load_values, _results_of, _store_values
from ..syntax.types import F32, F64, I32, I64, FuncType
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
        lines.append(f"%r = call {rt} %code(ptr %cv{text})")
        _store_slots(lines, ft.results, _results_of(lines, ft, "%r"), "%slots", "o")
    else:
        lines.append(f"call void %code(ptr %cv{text})")
    lines += ["ret void", "}"]
    return "\n".join(lines)


def in_stub(name: str, ft: FuncType) -> str:
    rt = ret_type(ft.results)
    params = [f"%p{i}" for i in range(len(ft.params))]
    typed = "".join(f", {LLTYPE[t]} {p}" for t, p in zip(ft.params, params))
    n = max(len(ft.params), len(ft.results), 1)
    fast = [f"define {rt} @{name}({param_list(ft, 'ptr %cl')}) {FRAME_POINTER} {{", "entry:",
            f"%vp = getelementptr i8, ptr %cl, i64 {L.CL_VMCTX}", "%vmctx = load ptr, ptr %vp",
            f"%dp = getelementptr i8, ptr %cl, i64 {L.CL_FUNC}", "%desc = load ptr, ptr %dp",
            f"%ccp = getelementptr i8, ptr %desc, i64 {L.IF_COMPILED}",
            "%cc = load atomic ptr, ptr %ccp monotonic, align 8",
            "%isc = icmp ne ptr %cc, null", "br i1 %isc, label %native, label %interp",
            "native:"]
    if ft.results:
        fast += [f"%rn = tail call {rt} %cc(ptr %vmctx{typed})", f"ret {rt} %rn"]
    else:
        fast += [f"tail call void %cc(ptr %vmctx{typed})", "ret void"]
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


def stubs_ir(sigs: list[FuncType], symbol: str) -> str:
    """IR of every stub of ``sigs``; ``@symbol`` lists, per signature, the
    entry, in and out stubs (3k, 3k+1, 3k+2)."""
    from ..compile import jit
    from ..compile.memory import RUNTIME_HELPERS
    from ..compile.numeric import INTRINSIC_DECLS
    parts = [jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS]
    names = []
    for k, ft in enumerate(sigs):
        parts.append(entry_trampoline(f"entry{k}", ft))
        parts.append(in_stub(f"in{k}", ft))
        parts.append(out_stub(f"out{k}", ft))
        names += [f"entry{k}", f"in{k}", f"out{k}"]
    body = ", ".join(f"ptr @{n}" for n in names)
    parts.append(f"@{symbol} = constant [{len(names)} x ptr] [{body}]")
    return "\n".join(parts)


def common_signatures() -> list[FuncType]:
    """Signatures whose stubs (and host trampolines) are built into the
    interpreter's library, so most modules and every WASI import start
    without LLVM: up to two params of any number type with zero or one
    result, i32-only signatures up to 8 params, and WASI preview 1's."""
    from itertools import product

    from ..wasi import SIGNATURES
    nums = (I32, I64, F32, F64)
    results = ((), (I32,), (I64,), (F32,), (F64,))
    seen: dict[FuncType, None] = {}
    for n in range(3):
        for ps in product(nums, repeat=n):
            for rs in results:
                seen.setdefault(FuncType(tuple(ps), rs), None)
    for n in range(3, 9):
        for rs in ((), (I32,), (I64,)):
            seen.setdefault(FuncType((I32,) * n, rs), None)
    for name, params in SIGNATURES.items():
        ps = tuple(I32 if c == "i" else I64 for c in params)
        seen.setdefault(FuncType(ps, () if name == "proc_exit" else (I32,)), None)
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
