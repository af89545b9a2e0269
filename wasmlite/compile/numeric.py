"""LLVM IR templates for the numeric instructions (fixed stack signature).

Each entry maps an instruction name to ``(template, trap_codes, new_block)``:

* ``template`` is IR text formatted with ``r`` (the result SSA name, e.g.
  ``%t12``), ``n`` (the same without ``%``, for labels and derived names),
  ``a``/``b`` (operands). Derived temporaries are named ``{r}.x`` so one
  counter value covers a whole template.
* ``trap_codes``: TrapCodes the template branches to (``label %trapN``); the
  translator emits one shared trap block per code per function.
* ``new_block``: suffix of the basic block the template ends in (``{n}.ok``),
  or None when it does not branch.

Operand and result types come from the instruction table (syntax/instructions),
so they are not repeated here.

Wasm semantics encoded here (and why):
* shifts mask the count (LLVM's shifts are poison past the width);
* rem_s of INT_MIN by -1 is 0: dividing by 1 instead avoids the x86 fault;
* abs/neg/copysign are bit operations so NaN payloads survive;
* min/max use llvm.minimum/maximum (NaN-propagating, -0 < +0), nearest is
  llvm.roundeven;
* trapping float->int truncations check NaN ("invalid conversion") and the
  exact representable range ("integer overflow") before fptosi/fptoui.
"""
from __future__ import annotations

from ..errors import TrapCode

_OVF = int(TrapCode.INTEGER_OVERFLOW)
_DIV0 = int(TrapCode.INTEGER_DIVISION_BY_ZERO)
_CONV = int(TrapCode.BAD_CONVERSION_TO_INTEGER)

LLTYPE_OF_PREFIX = {"i32": "i32", "i64": "i64", "f32": "float", "f64": "double"}
INT_BITS = {"i32": 32, "i64": 64}
FLOAT_INT = {"f32": ("i32", 32), "f64": ("i64", 64)}


def _hex_double(x: float) -> str:
    import struct
    return "0x%016X" % struct.unpack("<Q", struct.pack("<d", x))[0]


TEMPLATES: dict[str, tuple[str, tuple[int, ...], str | None]] = {}


def _t(name: str, template: str, traps: tuple[int, ...] = (), new_block: str | None = None) -> None:
    TEMPLATES[name] = (template.strip().replace("\n    ", "\n"), traps, new_block)


def _build() -> None:
    for p in ("i32", "i64"):
        t = p
        bits = INT_BITS[p]
        int_min = -(1 << (bits - 1))
        _t(f"{p}.eqz", f"{{r}}.c = icmp eq {t} {{a}}, 0\n{{r}} = zext i1 {{r}}.c to i32")
        for op, cond in (("eq", "eq"), ("ne", "ne"), ("lt_s", "slt"), ("lt_u", "ult"),
                         ("gt_s", "sgt"), ("gt_u", "ugt"), ("le_s", "sle"), ("le_u", "ule"),
                         ("ge_s", "sge"), ("ge_u", "uge")):
            _t(f"{p}.{op}", f"{{r}}.c = icmp {cond} {t} {{a}}, {{b}}\n{{r}} = zext i1 {{r}}.c to i32")
        _t(f"{p}.clz", f"{{r}} = call {t} @llvm.ctlz.{t}({t} {{a}}, i1 false)")
        _t(f"{p}.ctz", f"{{r}} = call {t} @llvm.cttz.{t}({t} {{a}}, i1 false)")
        _t(f"{p}.popcnt", f"{{r}} = call {t} @llvm.ctpop.{t}({t} {{a}})")
        for op in ("add", "sub", "mul", "and", "or", "xor"):
            _t(f"{p}.{op}", f"{{r}} = {op} {t} {{a}}, {{b}}")
        for op, ins in (("shl", "shl"), ("shr_s", "ashr"), ("shr_u", "lshr")):
            _t(f"{p}.{op}", f"{{r}}.m = and {t} {{b}}, {bits - 1}\n{{r}} = {ins} {t} {{a}}, {{r}}.m")
        _t(f"{p}.rotl", f"{{r}} = call {t} @llvm.fshl.{t}({t} {{a}}, {t} {{a}}, {t} {{b}})")
        _t(f"{p}.rotr", f"{{r}} = call {t} @llvm.fshr.{t}({t} {{a}}, {t} {{a}}, {t} {{b}})")
        _t(f"{p}.div_s", f"""
    {{r}}.z = icmp eq {t} {{b}}, 0
    br i1 {{r}}.z, label %trap{_DIV0}, label %{{n}}.a
    {{n}}.a:
    {{r}}.m = icmp eq {t} {{a}}, {int_min}
    {{r}}.n = icmp eq {t} {{b}}, -1
    {{r}}.o = and i1 {{r}}.m, {{r}}.n
    br i1 {{r}}.o, label %trap{_OVF}, label %{{n}}.ok
    {{n}}.ok:
    {{r}} = sdiv {t} {{a}}, {{b}}""", (_DIV0, _OVF), "{n}.ok")
        for op, ins in (("div_u", "udiv"), ("rem_u", "urem")):
            _t(f"{p}.{op}", f"""
    {{r}}.z = icmp eq {t} {{b}}, 0
    br i1 {{r}}.z, label %trap{_DIV0}, label %{{n}}.ok
    {{n}}.ok:
    {{r}} = {ins} {t} {{a}}, {{b}}""", (_DIV0,), "{n}.ok")
        _t(f"{p}.rem_s", f"""
    {{r}}.z = icmp eq {t} {{b}}, 0
    br i1 {{r}}.z, label %trap{_DIV0}, label %{{n}}.ok
    {{n}}.ok:
    {{r}}.n = icmp eq {t} {{b}}, -1
    {{r}}.d = select i1 {{r}}.n, {t} 1, {t} {{b}}
    {{r}} = srem {t} {{a}}, {{r}}.d""", (_DIV0,), "{n}.ok")

    _t("i32.extend8_s", "{r}.t = trunc i32 {a} to i8\n{r} = sext i8 {r}.t to i32")
    _t("i32.extend16_s", "{r}.t = trunc i32 {a} to i16\n{r} = sext i16 {r}.t to i32")
    _t("i64.extend8_s", "{r}.t = trunc i64 {a} to i8\n{r} = sext i8 {r}.t to i64")
    _t("i64.extend16_s", "{r}.t = trunc i64 {a} to i16\n{r} = sext i16 {r}.t to i64")
    _t("i64.extend32_s", "{r}.t = trunc i64 {a} to i32\n{r} = sext i32 {r}.t to i64")
    _t("i32.wrap_i64", "{r} = trunc i64 {a} to i32")
    _t("i64.extend_i32_s", "{r} = sext i32 {a} to i64")
    _t("i64.extend_i32_u", "{r} = zext i32 {a} to i64")

    for p in ("f32", "f64"):
        t = LLTYPE_OF_PREFIX[p]
        it, bits = FLOAT_INT[p]
        sign = 1 << (bits - 1)
        for op, cond in (("eq", "oeq"), ("ne", "une"), ("lt", "olt"), ("gt", "ogt"),
                         ("le", "ole"), ("ge", "oge")):
            _t(f"{p}.{op}", f"{{r}}.c = fcmp {cond} {t} {{a}}, {{b}}\n{{r}} = zext i1 {{r}}.c to i32")
        for op in ("add", "sub", "mul", "div"):
            _t(f"{p}.{op}", f"{{r}} = f{op} {t} {{a}}, {{b}}")
        # llvm.minimum/maximum may hand back a signalling NaN operand as is;
        # wasm wants an arithmetic (quiet) NaN, which an fadd of them gives
        for op, intr in (("min", "minimum"), ("max", "maximum")):
            _t(f"{p}.{op}", f"{{r}}.m = call {t} @llvm.{intr}.{p}({t} {{a}}, {t} {{b}})\n"
                            f"{{r}}.u = fcmp uno {t} {{a}}, {{b}}\n{{r}}.q = fadd {t} {{a}}, {{b}}\n"
                            f"{{r}} = select i1 {{r}}.u, {t} {{r}}.q, {t} {{r}}.m")
        for op, intr in (("ceil", "ceil"), ("floor", "floor"), ("trunc", "trunc"),
                         ("nearest", "roundeven"), ("sqrt", "sqrt")):
            _t(f"{p}.{op}", f"{{r}} = call {t} @llvm.{intr}.{p}({t} {{a}})")
        # sign-bit operations on the integer image keep NaN payloads exact
        _t(f"{p}.abs", f"{{r}}.i = bitcast {t} {{a}} to {it}\n"
                       f"{{r}}.j = and {it} {{r}}.i, {sign - 1}\n{{r}} = bitcast {it} {{r}}.j to {t}")
        _t(f"{p}.neg", f"{{r}}.i = bitcast {t} {{a}} to {it}\n"
                       f"{{r}}.j = xor {it} {{r}}.i, {_signed(sign, bits)}\n{{r}} = bitcast {it} {{r}}.j to {t}")
        _t(f"{p}.copysign",
           f"{{r}}.i = bitcast {t} {{a}} to {it}\n{{r}}.k = bitcast {t} {{b}} to {it}\n"
           f"{{r}}.m = and {it} {{r}}.i, {sign - 1}\n{{r}}.s = and {it} {{r}}.k, {_signed(sign, bits)}\n"
           f"{{r}}.j = or {it} {{r}}.m, {{r}}.s\n{{r}} = bitcast {it} {{r}}.j to {t}")
        _t(f"{p}.reinterpret_{it}",
           f"{{r}} = bitcast {it} {{a}} to {t}")
        _t(f"{it}.reinterpret_{p}", f"{{r}} = bitcast {t} {{a}} to {it}")
        for src in ("i32", "i64"):
            _t(f"{p}.convert_{src}_s", f"{{r}} = sitofp {src} {{a}} to {t}")
            _t(f"{p}.convert_{src}_u", f"{{r}} = uitofp {src} {{a}} to {t}")
        for dst in ("i32", "i64"):
            dbits = INT_BITS[dst]
            for sgn in ("s", "u"):
                intr = "fptosi" if sgn == "s" else "fptoui"
                _t(f"{dst}.trunc_sat_{p}_{sgn}",
                   f"{{r}} = call {dst} @llvm.{intr}.sat.{dst}.{p}({t} {{a}})")
                lo, lo_cmp, hi = _trunc_range(p, dbits, sgn == "s")
                _t(f"{dst}.trunc_{p}_{sgn}", f"""
    {{r}}.nan = fcmp uno {t} {{a}}, {{a}}
    br i1 {{r}}.nan, label %trap{_CONV}, label %{{n}}.a
    {{n}}.a:
    {{r}}.lo = fcmp {lo_cmp} {t} {{a}}, {lo}
    {{r}}.hi = fcmp olt {t} {{a}}, {hi}
    {{r}}.in = and i1 {{r}}.lo, {{r}}.hi
    br i1 {{r}}.in, label %{{n}}.ok, label %trap{_OVF}
    {{n}}.ok:
    {{r}} = {intr} {t} {{a}} to {dst}""", (_CONV, _OVF), "{n}.ok")
    # the empty asm stops LLVM folding fptrunc(fpext x) to x (a signalling
    # NaN must come out quiet)
    _t("f32.demote_f64", '{r}.i = bitcast double {a} to i64\n'
                         '{r}.o = call i64 asm "", "=r,0"(i64 {r}.i)\n'
                         '{r}.d = bitcast i64 {r}.o to double\n'
                         '{r} = fptrunc double {r}.d to float')
    _t("f64.promote_f32", "{r} = fpext float {a} to double")


def _signed(v: int, bits: int) -> int:
    """LLVM integer literals are signed: print the sign bit as a negative."""
    return v - (1 << bits) if v >= 1 << (bits - 1) else v


def _trunc_range(p: str, bits: int, signed: bool) -> tuple[str, str, str]:
    """(lower bound literal, fcmp predicate for x vs it, upper bound literal)
    such that trunc(x) fits the integer type exactly when both hold.

    The lower bound is exclusive at -2^(N-1)-1 (resp. -1) when that value is a
    float of the source type; otherwise -2^(N-1) itself is the smallest float
    that truncates in range and the bound is inclusive."""
    if signed:
        lo_excl = -(2.0 ** (bits - 1)) - 1
        hi = 2.0 ** (bits - 1)
        if p == "f64" and bits == 32:
            lo, cmp = lo_excl, "ogt"        # -2147483649.0 is a double
        else:
            lo, cmp = -(2.0 ** (bits - 1)), "oge"
    else:
        lo, cmp, hi = -1.0, "ogt", 2.0 ** bits
    return _hex_double(lo), cmp, _hex_double(hi)


_build()

# Intrinsics the templates (and translate.py) call; declared in every module.
INTRINSIC_DECLS = "\n".join(
    [f"declare {t} @llvm.{n}.{t}({t}, i1)" for t in ("i32", "i64") for n in ("ctlz", "cttz")]
    + [f"declare {t} @llvm.ctpop.{t}({t})" for t in ("i32", "i64")]
    + [f"declare {t} @llvm.{n}.{t}({t}, {t}, {t})" for t in ("i32", "i64") for n in ("fshl", "fshr")]
    + [f"declare {t} @llvm.{n}.{p}({t}, {t})" for p, t in (("f32", "float"), ("f64", "double"))
       for n in ("minimum", "maximum")]
    + [f"declare {t} @llvm.{n}.{p}({t})" for p, t in (("f32", "float"), ("f64", "double"))
       for n in ("ceil", "floor", "trunc", "roundeven", "sqrt")]
    + [f"declare {d} @llvm.{n}.sat.{d}.{p}({t})" for p, t in (("f32", "float"), ("f64", "double"))
       for d in ("i32", "i64") for n in ("fptosi", "fptoui")]
    + ["declare ptr @llvm.frameaddress.p0(i32)",                 # backtraces
       "declare void @llvm.experimental.stackmap(i64, i32, ...)",
       "declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)",
       "declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)",
       "declare {i64, i1} @llvm.uadd.with.overflow.i64(i64, i64)",   # memory64 bounds
       "declare ptr @llvm.stacksave.p0()",
       "declare i32 @_setjmp(ptr) returns_twice",
       "declare void @longjmp(ptr, i32) noreturn nounwind",
       # the entry trampoline's stack floor (the thread's stack bounds)
       "declare i64 @pthread_self()",
       "declare i32 @pthread_getattr_np(i64, ptr)",
       "declare i32 @pthread_attr_getstack(ptr, ptr, ptr)",
       "declare i32 @pthread_attr_destroy(ptr)"])
