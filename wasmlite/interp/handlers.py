"""The interpreter's handlers as LLVM IR: one function per instruction form.

Every handler has the ABI of layout.py and ends by loading the next
instruction's handler from the code and ``musttail``-calling it, so the
interpreter's dispatch is one indirect jump per instruction and no handler
grows the native stack.

The semantics come from the compiler: a handler for a numeric, memory,
table, reference or SIMD instruction is made by running the compiler's own
lowering (compile/translate.py's ``NUMERIC`` templates and ``HANDLERS``) on
SSA values loaded from the operand slots, with the instruction's immediates
read from the code at run time where the compiler would bake them in. So
i32.div_s, f32.nearest or i8x16.swizzle are defined once, for both tiers.
What is written here is only what an interpreter does differently: operand
slots, locals, constants, branches, calls and the loop-header checks.
"""
from __future__ import annotations

from typing import Callable, NamedTuple, Optional

from ..compile import vmcontext as vm
from ..compile.lltypes import LLTYPE
from ..compile.memory import RUNTIME_HELPERS
from ..compile.numeric import INTRINSIC_DECLS
from ..compile.simd import simd_declarations
from ..compile.translate import HANDLERS, NUMERIC, FunctionTranslator
from ..errors import NULL_EXCEPTION_REFERENCE, NULL_FUNCTION_REFERENCE, TrapCode
from ..syntax.instructions import NAN_CANON_OPS, OP_BY_NAME, OPS, VARIANT_OPS, Op
from ..syntax.module import Func
from ..syntax.types import FuncType
from . import layout as L
from .gc_forms import SPLIT as GC_SPLIT
from .forms import (_IMM_RULES, CAST_TESTS, OWN_OPS, WIDE, WIDE_BASE, Form, Imm,  # noqa: F401
                    Lowered, handler_symbol, shape)

# the interpreter's halves of br_on_cast(_fail): the compiler's cast test
# (compile/gc_values.py cast_peek), then the interpreter's br_if
_CAST_LOWERINGS = {op: (lambda t, ins, f=fail, n=null: t.cast_peek(ins, f, n))
                   for (fail, null), op in CAST_TESTS.items()}

# the lowered instructions as the compiler defines them (forms.py)
# (a GC heap instruction runs as its variants, gc_forms.py: the WIDE ones)
LOWERED = Lowered((op.name for op in OPS if op in NUMERIC),
                  [op.name for op in (*OPS, *VARIANT_OPS) if op in HANDLERS
                   and op.name not in GC_SPLIT]
                  + [w.name for (op, _bits), w in WIDE.items() if op in HANDLERS]
                  + [op.name for op in _CAST_LOWERINGS])


def lowered_ops() -> list[Op]:
    return LOWERED.ops


def fused_sources(op: Op) -> tuple[str, ...]:
    return LOWERED.fused_sources(op)


def fused_then(op: Op) -> tuple[tuple[str, str], ...]:
    return LOWERED.fused_then(op)


def forms_for(symbols: set) -> dict:
    return LOWERED.forms_for(symbols)

ARGS = "ptr %ip, ptr %sp, ptr %fp, ptr %vmctx"
# the handlers at which Wasmtime writes fuel back: each has a fuel form
FUEL_SPILLING = ("x_call", "x_call_ref", "x_call_indirect", "x_call_indirect64",
                 "x_call_funcref", "x_return", "x_return1_32", "x_return1_64",
                 "x_unreachable", "x_return_call",
                 "x_return_call_ref", "x_return_call_indirect", "x_return_call_indirect64",
                 "x_return_call_funcref", "x_throw", "x_throw_ref", "x_rethrow")
V = "<2 x i64>"
# the local.get/set/tee/copy handlers by a scalar local's width: a value of
# a 4-byte type is loaded and stored as 4 bytes, of an 8-byte one as 8
LOCAL_WIDTHS = {32: "i32", 64: "i64"}


def _scalar_slot(bits: int):
    """IR that loads a ``bits``-wide scalar at a pointer as a whole slot
    value (``V``), zero-extended: one narrow vector load (vmovd / vmovq)."""
    ty = LOCAL_WIDTHS[bits]
    lanes = 128 // bits

    def load(ptr: str, out: str) -> list[str]:
        n = out[1:]
        return [f"%{n}.s = load {ty}, ptr {ptr}, align {bits // 8}",
                f"%{n}.v = insertelement <{lanes} x {ty}> zeroinitializer, {ty} %{n}.s, i32 0",
                f"{out} = bitcast <{lanes} x {ty}> %{n}.v to {V}"]
    return load
_STACK_OVERFLOW = int(TrapCode.STACK_OVERFLOW)
_INTERRUPT = int(TrapCode.INTERRUPT)
_OUT_OF_FUEL = int(TrapCode.OUT_OF_FUEL)
_TABLE_OOB = int(TrapCode.TABLE_OUT_OF_BOUNDS)
_NULL_CALL = int(TrapCode.INDIRECT_CALL_TO_NULL)
_BAD_SIG = int(TrapCode.BAD_SIGNATURE)
_UNREACHABLE = int(TrapCode.UNREACHABLE)

class _SymLayout:
    """What the compiler's lowering asks of a VMContextLayout, answered with
    the SSA names of immediates (memories are always at fixed offsets: the
    interpreter's handlers serve memory 0, the only one in Wasm 2.0)."""

    def __init__(self) -> None:
        self.builtins = 8

    def memory(self, index: int) -> int:
        return 16 + vm.POINTER_SIZE * index

    def table(self, index: int) -> str:
        return f"%imm.tab{index}"

    def data(self, index: int) -> str:
        return "%imm.data"

    def elem(self, index: int) -> str:
        return "%imm.elem"

    def func(self, index: int) -> str:
        return "%imm.func"


class _Ins:
    __slots__ = ("op", "imm")

    def __init__(self, op: Op, imm) -> None:
        self.op = op
        self.imm = imm


class _HandlerContext:
    """The part of compile/translate.ModuleContext the lowering reads."""

    def __init__(self, consume_fuel: bool) -> None:
        self.consume_fuel = consume_fuel
        self.epoch_interruption = False
        self.layout = _SymLayout()
        self.func_types = [FuncType((), ())]
        self.ret_types = ["void"]
        self.num_imported_funcs = 0
        self.intrinsics: set[str] = set()


class _Lowering(FunctionTranslator):
    """A FunctionTranslator over one instruction whose operands are loads
    from the operand slots."""

    def __init__(self, ctx: _HandlerContext) -> None:
        super().__init__(ctx, 0, Func(0, [], []))


def _imm_loads(imms: list) -> list[str]:
    lines = []
    for k, imm in enumerate(imms):
        lines.append(f"%imm.{imm.name}.p = getelementptr i8, ptr %ip, i64 {L.WORD * (k + 1)}")
        if imm.lltype == "i64":
            lines.append(f"%imm.{imm.name} = load i64, ptr %imm.{imm.name}.p")
        else:
            lines.append(f"%imm.{imm.name}.w = load i64, ptr %imm.{imm.name}.p")
            lines.append(f"%imm.{imm.name} = trunc i64 %imm.{imm.name}.w to {imm.lltype}")
    return lines


def dispatch(nwords: int, sp: str = "%sp", tag: str = "") -> list[str]:
    """Go to the instruction ``nwords`` words on, with operand pointer ``sp``."""
    return [f"%ip.n{tag} = getelementptr i8, ptr %ip, i64 {L.WORD * nwords}",
            f"%h.n{tag} = load ptr, ptr %ip.n{tag}",
            f"musttail call void %h.n{tag}(ptr %ip.n{tag}, ptr {sp}, ptr %fp, ptr %vmctx)",
            "ret void"]



def copy_slots(dst: str, src: str, nbytes: str, tag: str = "mv") -> list[str]:
    """Copy ``nbytes`` from ``src`` to ``dst`` (they may overlap): nothing
    when no bytes move or they are in place, one slot inline, else
    llvm.memmove (with a size known only at run time, a call into the C
    library: a call's arguments and result are most often one value)."""
    t = tag
    return [f"%{t}.z = icmp eq i64 {nbytes}, 0", f"%{t}.s = icmp eq ptr {dst}, {src}",
            f"%{t}.k = or i1 %{t}.z, %{t}.s",
            f"br i1 %{t}.k, label %{t}.e, label %{t}.n",
            f"{t}.n:", f"%{t}.one = icmp eq i64 {nbytes}, {L.SLOT}",
            f"br i1 %{t}.one, label %{t}.1, label %{t}.l",
            f"{t}.1:", f"%{t}.v = load {V}, ptr {src}, align 8",
            f"store {V} %{t}.v, ptr {dst}, align 8", f"br label %{t}.e",
            f"{t}.l:",
            f"call void @llvm.memmove.p0.p0.i64(ptr align 8 {dst}, ptr align 8 {src}, "
            f"i64 {nbytes}, i1 false)",
            f"br label %{t}.e", f"{t}.e:"]


def take_branch(target: str, dst: str, count: str, top: str) -> list[str]:
    """A taken branch: the top ``count`` values (below ``top``) move down to
    the label's slots (``dst``: their offset from fp), and the code goes on
    at ``target`` (an absolute code address). The common case moves nothing
    (a loop's back-edge; values already in place): it just jumps. A move is
    a sibling call of ``interp_move_go`` (memmove, then the jump): made
    here, llvm.memmove with a size known only at run time is a call into
    the C library, and the register saves around it landed on every taken
    branch (a loop back-edge called memmove on every iteration, to move
    no bytes)."""
    return [f"%dst = getelementptr i8, ptr %fp, i64 {dst}", f"%nb = shl i64 {count}, 4",
            "%from = sub i64 0, %nb", f"%srcp = getelementptr i8, ptr {top}, i64 %from",
            f"%t = inttoptr i64 {target} to ptr",
            "%mv.z = icmp eq i64 %nb, 0", "%mv.s = icmp eq ptr %dst, %srcp",
            "%mv.k = or i1 %mv.z, %mv.s",
            "br i1 %mv.k, label %mv.e, label %mv.l",
            "mv.e:", "%sp.t = getelementptr i8, ptr %dst, i64 %nb", "%h = load ptr, ptr %t",
            "musttail call void %h(ptr %t, ptr %sp.t, ptr %fp, ptr %vmctx)", "ret void",
            "mv.l:",
            "tail call void @interp_move_go(ptr %dst, ptr %srcp, i64 %nb, ptr %t, ptr %fp, "
            "ptr %vmctx)", "ret void"]


def _move_go() -> str:
    """take_branch's slow path (a function of its own, reached by a sibling
    call: no register saves in the branch handlers)."""
    return "\n".join([
        "define internal void @interp_move_go(ptr %dst, ptr %src, i64 %nb, ptr %t, ptr %fp, "
        "ptr %vmctx) noinline {",
        "entry:",
        "call void @llvm.memmove.p0.p0.i64(ptr align 8 %dst, ptr align 8 %src, i64 %nb, i1 false)",
        "%sp = getelementptr i8, ptr %dst, i64 %nb", "%h = load ptr, ptr %t",
        "tail call void %h(ptr %t, ptr %sp, ptr %fp, ptr %vmctx)", "ret void", "}"])


def zero_slots(dst: str, nbytes: str, tag: str = "zs") -> list[str]:
    """Zero ``nbytes`` at ``dst`` (no call when there is nothing to zero)."""
    t = tag
    return [f"%{t}.z = icmp eq i64 {nbytes}, 0",
            f"br i1 %{t}.z, label %{t}.e, label %{t}.l",
            f"{t}.l:", f"call void @llvm.memset.p0.i64(ptr align 16 {dst}, i8 0, i64 {nbytes}, i1 false)",
            f"br label %{t}.e", f"{t}.e:"]


def trap_block(code: int, label: Optional[str] = None, ip: str = "%ip") -> list[str]:
    """A block that records the trapping function and traps with ``code``
    at the instruction whose code starts at ``ip`` (a back-edge branch
    that runs its loop header's checks traps at the header's)."""
    lb = label or f"trap{code}"
    return [f"{lb}:",
            f"%{lb}.dp = getelementptr i8, ptr %fp, i64 {-L.FRAME_HEADER}",
            f"%{lb}.d = load ptr, ptr %{lb}.dp",
            f"%{lb}.fip = getelementptr i8, ptr %{lb}.d, i64 {L.IF_FUNC_INDEX}",
            f"%{lb}.fi = load i32, ptr %{lb}.fip",
            f"%{lb}.f = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_FUNC}",
            f"store i32 %{lb}.fi, ptr %{lb}.f",
            f"%{lb}.v = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_VMCTX}",
            f"store ptr %vmctx, ptr %{lb}.v",
            # where: this instruction's ip, tagged (runtime trap.py maps it
            # to a wasm offset through bytecode.Code.offset_at)
            f"%{lb}.ipi = ptrtoint ptr {ip} to i64",
            f"%{lb}.ipt = or i64 %{lb}.ipi, {1 << 63}",
            f"%{lb}.o = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_OFFSET}",
            f"store i64 %{lb}.ipt, ptr %{lb}.o",
            f"call void @wasmlite_trap(ptr %vmctx, i32 {code})",
            "unreachable"]


def _define(symbol: str, body: list[str], traps=(), trap_ip: str = "%ip") -> str:
    lines = [f"define internal void @{symbol}({ARGS}) {{", "entry:",
             "%limits = load ptr, ptr %vmctx"]
    lines += body
    for code in sorted(traps):
        lines += trap_block(code, ip=trap_ip)
    lines.append("}")
    return "\n".join(lines)


def _operand(i: int, ty: str, src: str) -> list[str]:
    """Lines that define ``%a{i}`` from a local (``L``: immediate = its byte
    offset from fp) or a constant (``C``: immediate = its bits)."""
    if src == "L":
        return [f"%a{i}.p = getelementptr i8, ptr %fp, i64 %imm.o{i}",
                f"%a{i} = load {ty}, ptr %a{i}.p, align 8"]
    if ty == "i64":
        return [f"%a{i} = add i64 %imm.o{i}, 0"]
    if ty == "double":
        return [f"%a{i} = bitcast i64 %imm.o{i} to double"]
    lines = [f"%a{i}.w = trunc i64 %imm.o{i} to i32"]
    if ty == "float":
        return lines + [f"%a{i} = bitcast i32 %a{i}.w to float"]
    return lines + [f"%a{i} = add i32 %a{i}.w, 0"]


def _lowered(op: Op, consume_fuel: bool, intrinsics: set, srcs: str = "",
             then: str = "") -> tuple[str, Form]:
    """The handler of ``op`` made from the compiler's lowering. ``srcs``
    (a superinstruction): per operand, ``S`` from the stack, ``L`` from a
    local, ``C`` a constant, each ``L``/``C`` an immediate before the op's own.
    ``then``: ``"set"`` stores the result into a local (one more immediate:
    its offset) instead of pushing it; ``"br"`` branches on it as br_if does
    (three more: target, label height offset, arity)."""
    ps, rs, imms, placeholder = shape(op)
    plain = "S" * len(ps)
    srcs = srcs or plain
    t = _Lowering(_HandlerContext(consume_fuel))
    # "a" + sources (a load, forms.ADDRESS_ADD): the address is an i32.add
    # of those, by the add's own lowering, whose result the load's takes
    via_add = srcs.startswith("a")
    osrcs = srcs[1:] if via_add else srcs
    ops_ = ("i32", "i32") if via_add else ps
    n_stack = osrcs.count("S")
    extra = [Imm(f"o{i}", "i64", None) for i, c in enumerate(osrcs) if c != "S"]
    loads = []
    k = 0
    for i, (ty, src) in enumerate(zip(ops_, osrcs)):
        if src == "S":
            loads.append(f"%a{i}.p = getelementptr i8, ptr %sp, i64 {-L.SLOT * (n_stack - k)}")
            loads.append(f"%a{i} = load {ty}, ptr %a{i}.p, align 8")
            k += 1
        else:
            loads += _operand(i, ty, src)
        t.stack.append((f"%a{i}", ty))
    if via_add:
        tmpl, _np, rty, add_traps, _nb = NUMERIC[OP_BY_NAME["i32.add"]]
        b = t.stack.pop()[0]
        a = t.stack.pop()[0]
        t.out.append(tmpl.format(r="%adr", n="adr", a=a, b=b))
        t.traps.update(add_traps)
        t.stack.append(("%adr", rty))
    np_ = n_stack
    all_imms = extra + imms
    # a wide form (forms.WIDE) runs its base op's lowering on a symbolic memory
    ins = _Ins(WIDE_BASE.get(op, op),
               placeholder(None) if op.imm is None else placeholder(_Probe()))
    num = NUMERIC.get(op)
    if num is not None:
        tmpl, nparams, rty, traps, _nb = num
        b = t.stack.pop()[0] if nparams == 2 else None
        a = t.stack.pop()[0]
        t.out.append(tmpl.format(r="%res", n="res", a=a, b=b))
        t.traps.update(traps)
        t.stack.append(("%res", rty))
    else:
        (HANDLERS.get(ins.op) or _CAST_LOWERINGS[ins.op])(t, ins)
    results = t.stack
    if len(results) != len(rs):
        raise AssertionError(f"{op.name}: lowering left {len(results)} values")
    body = _imm_loads(all_imms) + list(t.entry) + loads
    fuel = any("%fuel" in line for line in t.out)
    if fuel:
        # the function's fuel lives in its frame (layout.FH_FUEL); the
        # lowering writes %fuel.p, the store, where compiled code does
        body += [f"%fuel.p = getelementptr i8, ptr %limits, i64 {vm.LIMITS_FUEL}",
                 f"%fuel.fp = getelementptr i8, ptr %fp, i64 {L.FH_FUEL - L.FRAME_HEADER}",
                 "%fuel = alloca i64", "%fuel.in = load i64, ptr %fuel.fp",
                 "store i64 %fuel.in, ptr %fuel"]
    body.append("br label %start")
    body.append("start:")
    body += [x for x in t.out if x is not None]
    nw = 1 + len(all_imms)
    if then:
        (v, ty), = results
        body += [f"%then.p = getelementptr i8, ptr %ip, i64 {L.WORD * nw}",
                 "%then.i = load i64, ptr %then.p"]
        body.append(f"%sp.n = getelementptr i8, ptr %sp, i64 {-L.SLOT * np_}")
        if then == "set":
            body += ["%then.d = getelementptr i8, ptr %fp, i64 %then.i",
                     f"store {ty} {v}, ptr %then.d, align 8"]
            if fuel:
                body += ["%fuel.out = load i64, ptr %fuel", "store i64 %fuel.out, ptr %fuel.fp"]
            body += dispatch(nw + 1, "%sp.n")
        elif then == "brl":
            # a loop's back-edge (nothing to move): the header's checks
            # here, then on at the instruction after the header
            body += [f"%then.c = icmp ne {ty} {v}, 0",
                     "br i1 %then.c, label %take, label %fall",
                     "fall:"] + dispatch(nw + 1, "%sp.n", ".f") + [
                     "take:", "%t = inttoptr i64 %then.i to ptr"] + back_edge("%t", "%sp.n",
                                                                          False, False)
            if t.traps:
                raise AssertionError(f"{op.name}: a back-edge form of an op that traps")
            intrinsics.update(t.ctx.intrinsics)
            symbol = handler_symbol(op, consume_fuel, ("" if srcs == plain else srcs) + "_brl")
            return (_define(symbol, body, {_INTERRUPT}, "%t"),
                    Form(symbol, imms, len(ps), len(rs), placeholder))
        else:
            body += [f"%then.p1 = getelementptr i8, ptr %ip, i64 {L.WORD * (nw + 1)}",
                     "%then.dst = load i64, ptr %then.p1",
                     f"%then.p2 = getelementptr i8, ptr %ip, i64 {L.WORD * (nw + 2)}",
                     "%then.n = load i64, ptr %then.p2",
                     f"%then.c = icmp ne {ty} {v}, 0",
                     "br i1 %then.c, label %take, label %fall",
                     "fall:"] + dispatch(nw + 3, "%sp.n", ".f") + [
                     "take:"] + take_branch("%then.i", "%then.dst", "%then.n", "%sp.n")
        intrinsics.update(t.ctx.intrinsics)
        symbol = handler_symbol(op, consume_fuel, ("" if srcs == plain else srcs) + "_" + then)
        return _define(symbol, body, t.traps), Form(symbol, imms, len(ps), len(rs), placeholder)
    for j, (v, ty) in enumerate(results):
        body.append(f"%r{j}.p = getelementptr i8, ptr %sp, i64 {-L.SLOT * (np_ - j)}")
        body.append(f"store {ty} {v}, ptr %r{j}.p, align 8")
    if fuel:
        body += ["%fuel.out = load i64, ptr %fuel", "store i64 %fuel.out, ptr %fuel.fp"]
    delta = L.SLOT * (len(rs) - np_)
    if delta:
        body.append(f"%sp.n = getelementptr i8, ptr %sp, i64 {delta}")
    body += dispatch(nw, "%sp.n" if delta else "%sp")
    intrinsics.update(t.ctx.intrinsics)
    symbol = handler_symbol(op, consume_fuel, "" if srcs == plain else srcs)
    return _define(symbol, body, t.traps), Form(symbol, imms, len(ps), len(rs), placeholder)


class _Probe:
    """Stands for the instruction when a placeholder only needs its shape."""
    imm = (0, 0, 0, 0)


# ---------------------------------------------------------------- own forms
def _slot(name: str, base: str, offset) -> str:
    return f"%{name} = getelementptr i8, ptr {base}, i64 {offset}"


def own_handlers() -> dict[str, tuple[str, int]]:
    """The interpreter's own handlers: symbol -> (IR, immediate words)."""
    h: dict[str, tuple[str, int]] = {}

    def own(name: str, nimm: int, body: list[str], traps=()) -> None:
        h[name] = (_define(name, body, traps), nimm)

    imm = [f"%i{k}.p = getelementptr i8, ptr %ip, i64 {L.WORD * (k + 1)}" for k in range(6)]
    ld = [f"%i{k} = load i64, ptr %i{k}.p" for k in range(6)]

    def imms(n: int) -> list[str]:
        return [x for k in range(n) for x in (imm[k], ld[k])]

    # constants: one 8-byte immediate (i32/f32 use its low half), or two
    own("x_const", 1, imms(1) + ["store i64 %i0, ptr %sp, align 8",
                                 _slot("sp.n", "%sp", L.SLOT)] + dispatch(2, "%sp.n"))
    own("x_const128", 2, imms(2) + [
        "%v0 = insertelement <2 x i64> poison, i64 %i0, i32 0",
        "%v1 = insertelement <2 x i64> %v0, i64 %i1, i32 1",
        "store <2 x i64> %v1, ptr %sp, align 8", _slot("sp.n", "%sp", L.SLOT)] + dispatch(3, "%sp.n"))
    # locals: immediate = byte offset from fp
    own("x_local_get", 1, imms(1) + [
        "%src = getelementptr i8, ptr %fp, i64 %i0", f"%v = load {V}, ptr %src, align 8",
        f"store {V} %v, ptr %sp, align 8", _slot("sp.n", "%sp", L.SLOT)] + dispatch(2, "%sp.n"))
    own("x_local_set", 1, imms(1) + [
        _slot("sp.n", "%sp", -L.SLOT), f"%v = load {V}, ptr %sp.n, align 8",
        "%dst = getelementptr i8, ptr %fp, i64 %i0", f"store {V} %v, ptr %dst, align 8"]
        + dispatch(2, "%sp.n"))
    # local.get + local.set (i0 = from, i1 = to), constant + local.set
    # (i0 = its bits, i1 = the local; a scalar constant fills 8 bytes of the
    # slot, as x_const does)
    own("x_local_copy", 2, imms(2) + [
        "%src = getelementptr i8, ptr %fp, i64 %i0", f"%v = load {V}, ptr %src, align 8",
        "%dst = getelementptr i8, ptr %fp, i64 %i1", f"store {V} %v, ptr %dst, align 8"]
        + dispatch(3))
    own("x_local_set_const", 2, imms(2) + [
        "%dst = getelementptr i8, ptr %fp, i64 %i1", "store i64 %i0, ptr %dst, align 8"]
        + dispatch(3))
    own("x_local_tee", 1, imms(1) + [
        _slot("top", "%sp", -L.SLOT), f"%v = load {V}, ptr %top, align 8",
        "%dst = getelementptr i8, ptr %fp, i64 %i0", f"store {V} %v, ptr %dst, align 8"]
        + dispatch(2))
    # The same four for a scalar local (LOCAL_WIDTHS; the pre-decoder picks
    # them by the local's type, those above serve v128): they load only the
    # value's bytes and store the whole slot, the value zero-extended. Why:
    # an op stores its i32 result as 4 bytes, and a wider load of that slot
    # right after cannot take the value from the store buffer: it waits for
    # the store to reach the cache. A whole-slot store (one vector store, as
    # before) serves a load of any width after it. Measured on
    # bench/wasi/wordfreq.wasm in the interpreter (perf): the 16-byte
    # local.tee stalled so in 17% of all samples, local.set in 5%.
    for bits in LOCAL_WIDTHS:
        load = _scalar_slot(bits)
        own(f"x_local_get{bits}", 1, imms(1) + [
            "%src = getelementptr i8, ptr %fp, i64 %i0", *load("%src", "%w"),
            f"store {V} %w, ptr %sp, align 8", _slot("sp.n", "%sp", L.SLOT)]
            + dispatch(2, "%sp.n"))
        own(f"x_local_set{bits}", 1, imms(1) + [
            _slot("sp.n", "%sp", -L.SLOT), *load("%sp.n", "%w"),
            "%dst = getelementptr i8, ptr %fp, i64 %i0", f"store {V} %w, ptr %dst, align 8"]
            + dispatch(2, "%sp.n"))
        own(f"x_local_copy{bits}", 2, imms(2) + [
            "%src = getelementptr i8, ptr %fp, i64 %i0", *load("%src", "%w"),
            "%dst = getelementptr i8, ptr %fp, i64 %i1", f"store {V} %w, ptr %dst, align 8"]
            + dispatch(3))
        own(f"x_local_tee{bits}", 1, imms(1) + [
            _slot("top", "%sp", -L.SLOT), *load("%top", "%w"),
            "%dst = getelementptr i8, ptr %fp, i64 %i0", f"store {V} %w, ptr %dst, align 8"]
            + dispatch(2))
    # globals: immediate = offset of the cell pointer in the VMContext; a
    # cell is 16 bytes whatever its type, like a slot
    own("x_global_get", 1, imms(1) + [
        "%cp = getelementptr i8, ptr %vmctx, i64 %i0", "%cell = load ptr, ptr %cp",
        f"%v = load {V}, ptr %cell, align 8", f"store {V} %v, ptr %sp, align 8",
        _slot("sp.n", "%sp", L.SLOT)] + dispatch(2, "%sp.n"))
    own("x_global_set", 1, imms(1) + [
        "%cp = getelementptr i8, ptr %vmctx, i64 %i0", "%cell = load ptr, ptr %cp",
        _slot("sp.n", "%sp", -L.SLOT), f"%v = load {V}, ptr %sp.n, align 8",
        f"store {V} %v, ptr %cell, align 8"] + dispatch(2, "%sp.n"))
    # the same by a scalar global's width (as the locals' above)
    for bits in LOCAL_WIDTHS:
        load = _scalar_slot(bits)
        own(f"x_global_get{bits}", 1, imms(1) + [
            "%cp = getelementptr i8, ptr %vmctx, i64 %i0", "%cell = load ptr, ptr %cp",
            *load("%cell", "%w"), f"store {V} %w, ptr %sp, align 8",
            _slot("sp.n", "%sp", L.SLOT)] + dispatch(2, "%sp.n"))
        own(f"x_global_set{bits}", 1, imms(1) + [
            "%cp = getelementptr i8, ptr %vmctx, i64 %i0", "%cell = load ptr, ptr %cp",
            _slot("sp.n", "%sp", -L.SLOT), *load("%sp.n", "%w"),
            f"store {V} %w, ptr %cell, align 8"] + dispatch(2, "%sp.n"))
    own("x_drop", 0, [_slot("sp.n", "%sp", -L.SLOT)] + dispatch(1, "%sp.n"))
    own("x_select", 0, [
        _slot("cp", "%sp", -L.SLOT), "%c = load i32, ptr %cp, align 8",
        _slot("bp", "%sp", -2 * L.SLOT), _slot("ap", "%sp", -3 * L.SLOT),
        "%z = icmp eq i32 %c, 0", "%src = select i1 %z, ptr %bp, ptr %ap",
        f"%v = load {V}, ptr %src, align 8", f"store {V} %v, ptr %ap, align 8"]
        + dispatch(1, "%bp"))
    # branches. Targets are absolute code addresses; a branch that carries
    # values moves the top ``n`` slots down to ``fp + dst`` (the label's height)
    own("x_jump", 1, imms(1) + [
        "%t = inttoptr i64 %i0 to ptr", "%h = load ptr, ptr %t",
        "musttail call void %h(ptr %t, ptr %sp, ptr %fp, ptr %vmctx)", "ret void"])
    own("x_if", 1, imms(1) + [
        _slot("sp.n", "%sp", -L.SLOT), "%c = load i32, ptr %sp.n, align 8",
        "%z = icmp eq i32 %c, 0", "br i1 %z, label %else, label %then",
        "else:", "%t = inttoptr i64 %i0 to ptr", "%h = load ptr, ptr %t",
        "musttail call void %h(ptr %t, ptr %sp.n, ptr %fp, ptr %vmctx)", "ret void",
        "then:"] + dispatch(2, "%sp.n"))
    # i0 = target, i1 = destination offset, i2 = value count
    move = take_branch("%i0", "%i1", "%i2", "%top")
    own("x_br", 3, imms(3) + ["%top = getelementptr i8, ptr %sp, i64 0"] + move)
    # br_on_null: a null on top is dropped and the branch taken with the
    # values below it; else it stays and the code goes on
    own("x_br_on_null", 3, imms(3) + [
        _slot("top", "%sp", -L.SLOT), "%r = load i64, ptr %top, align 8",
        "%z = icmp eq i64 %r, 0", "br i1 %z, label %take, label %fall",
        "fall:"] + dispatch(4, "%sp", ".f") + ["take:"] + move)
    # br_on_non_null: a reference on top branches, carrying it; a null is
    # dropped and the code goes on
    own("x_br_on_non_null", 3, imms(3) + [
        _slot("ref", "%sp", -L.SLOT), "%r = load i64, ptr %ref, align 8",
        "%z = icmp eq i64 %r, 0", "br i1 %z, label %fall, label %take",
        "fall:"] + dispatch(4, "%ref", ".f") + ["take:", "%top = getelementptr i8, ptr %sp, i64 0"]
        + move)
    own("x_br_if", 3, imms(3) + [
        _slot("top", "%sp", -L.SLOT), "%c = load i32, ptr %top, align 8",
        "%z = icmp eq i32 %c, 0", "br i1 %z, label %fall, label %take",
        "fall:"] + dispatch(4, "%top", ".f") + ["take:"] + move)
    # br_table: i0 = number of targets; then (target, dst, n) per target,
    # the default last
    own("x_br_table", 1, imms(1) + [
        _slot("top", "%sp", -L.SLOT), "%x32 = load i32, ptr %top, align 8",
        "%x = zext i32 %x32 to i64", "%in = icmp ult i64 %x, %i0",
        "%k = select i1 %in, i64 %x, i64 %i0",
        "%e3 = mul i64 %k, 24", "%eo = add i64 %e3, 16",
        "%ent = getelementptr i8, ptr %ip, i64 %eo",
        "%i0.t = load i64, ptr %ent", "%i1p = getelementptr i8, ptr %ent, i64 8",
        "%i1 = load i64, ptr %i1p", "%i2p = getelementptr i8, ptr %ent, i64 16",
        "%i2 = load i64, ptr %i2p"] + take_branch("%i0.t", "%i1", "%i2", "%top"))
    # return: i0 = number of results, moved to fp[0..]
    own("x_return", 1, imms(1) + [
        "%nb = shl i64 %i0, 4", "%from = sub i64 0, %nb",
        "%src = getelementptr i8, ptr %sp, i64 %from"] + copy_slots("%fp", "%src", "%nb")
        + ["ret void"])
    # the return of a function with one scalar result (its width): the
    # same loads as the locals' above; the caller (interp_call) copies the
    # whole slot on
    for bits in LOCAL_WIDTHS:
        own(f"x_return1_{bits}", 1, [_slot("src", "%sp", -L.SLOT),
                                     *_scalar_slot(bits)("%src", "%w"),
                                     f"store {V} %w, ptr %fp, align 8", "ret void"])
    own("x_unreachable", 0, [f"br label %trap{_UNREACHABLE}"], {_UNREACHABLE})
    # calls. i0 = callee InterpFunc*, i1/i2 = params/results in bytes
    own("x_call", 3, imms(3) + _call_ip() + [
        "%desc = inttoptr i64 %i0 to ptr", "%from = sub i64 0, %i1",
        "%args = getelementptr i8, ptr %sp, i64 %from",
        f"%ccp = getelementptr i8, ptr %desc, i64 {L.IF_COMPILED}",
        "%cc = load atomic ptr, ptr %ccp monotonic, align 8",
        "%isc = icmp ne ptr %cc, null", "br i1 %isc, label %native, label %interp",
        "native:", f"%osp = getelementptr i8, ptr %desc, i64 {L.IF_OUT_STUB}",
        "%os = load ptr, ptr %osp", "call void %os(ptr %cc, ptr %vmctx, ptr %args)",
        "br label %done",
        "interp:", "call void @interp_call(ptr %desc, ptr %args, ptr %vmctx)", "br label %done",
        "done:", "%sp.n = getelementptr i8, ptr %args, i64 %i2"] + dispatch(4, "%sp.n"))
    # i0 = offset of the VMFuncRef in the VMContext, i1 = out-stub
    own("x_call_ref", 4, imms(4) + _call_ip() + [
        "%fr = getelementptr i8, ptr %vmctx, i64 %i0",
        "%code = load ptr, ptr %fr",
        f"%cvp = getelementptr i8, ptr %fr, i64 {vm.VMFUNCREF_VMCTX}",
        "%cv = load ptr, ptr %cvp", "%os = inttoptr i64 %i1 to ptr",
        "%from = sub i64 0, %i2", "%args = getelementptr i8, ptr %sp, i64 %from",
        "call void %os(ptr %code, ptr %cv, ptr %args)",
        "%sp.n = getelementptr i8, ptr %args, i64 %i3"] + dispatch(5, "%sp.n"))
    # i0 = VMTable* offset, i1 = signature-index offset, i2 = out-stub,
    # i3/i4 = params/results in bytes (the same checks as compiled code)
    for name, index in (("x_call_indirect", ["%x32 = load i32, ptr %top, align 8",
                                             "%x = zext i32 %x32 to i64"]),
                        # a 64-bit table (table64): the index is an i64
                        ("x_call_indirect64", ["%x = load i64, ptr %top, align 8"])):
        own(name, 5, imms(5) + _call_ip() + _indirect_entry(index) + [
            "ok:", "%code = load ptr, ptr %fr",
            f"%cvp = getelementptr i8, ptr %fr, i64 {vm.VMFUNCREF_VMCTX}",
            "%cv = load ptr, ptr %cvp", "%os = inttoptr i64 %i2 to ptr",
            "%from = sub i64 0, %i3", "%args = getelementptr i8, ptr %top, i64 %from",
            "call void %os(ptr %code, ptr %cv, ptr %args)",
            "%sp.n = getelementptr i8, ptr %args, i64 %i4"] + dispatch(6, "%sp.n"),
            {_TABLE_OOB, _NULL_CALL, _BAD_SIG})
    # call_ref: the VMFuncRef's address on top (typed by validation: only
    # null is checked); i0 = out-stub, i1/i2 = params/results in bytes
    own("x_call_funcref", 3, imms(3) + _call_ip() + [
        _slot("top", "%sp", -L.SLOT), "%fri = load i64, ptr %top, align 8",
        "%null = icmp eq i64 %fri, 0",
        f"br i1 %null, label %trap{NULL_FUNCTION_REFERENCE}, label %ok",
        "ok:", "%fr = inttoptr i64 %fri to ptr", "%code = load ptr, ptr %fr",
        f"%cvp = getelementptr i8, ptr %fr, i64 {vm.VMFUNCREF_VMCTX}",
        "%cv = load ptr, ptr %cvp", "%os = inttoptr i64 %i0 to ptr",
        "%from = sub i64 0, %i1", "%args = getelementptr i8, ptr %top, i64 %from",
        "call void %os(ptr %code, ptr %cv, ptr %args)",
        "%sp.n = getelementptr i8, ptr %args, i64 %i2"] + dispatch(4, "%sp.n"),
        {NULL_FUNCTION_REFERENCE})
    # exceptions (compile/exceptions.py has the whole story): throw's
    # i0 = the tag identity's VMContext offset, i1 = payload bytes
    pending = [f"%xb.p = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_VALUES}",
               "%xb = load ptr, ptr %xb.p"]
    throw = ["call void @wasmlite_throw(ptr %vmctx)", "unreachable"]
    own("x_throw", 2, imms(2) + _call_ip() + pending + [
        "%from = sub i64 0, %i1", "%src = getelementptr i8, ptr %sp, i64 %from",
        "call void @llvm.memcpy.p0.p0.i64(ptr align 8 %xb, ptr align 8 %src, i64 %i1, i1 false)",
        "%tgp = getelementptr i8, ptr %vmctx, i64 %i0", "%tg = load i64, ptr %tgp",
        f"%xt.p = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_TAG}",
        "store i64 %tg, ptr %xt.p",
        f"%xr.p = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_REF}",
        "store i64 0, ptr %xr.p"] + throw)

    def throw_exnref(src: list[str]) -> list[str]:
        # the exnref in %e made the exception in flight (null: a trap)
        # (no builtin call when it is the one in flight: compile/exceptions.py)
        return src + [
            "%z = icmp eq i64 %e, 0",
            f"br i1 %z, label %trap{NULL_EXCEPTION_REFERENCE}, label %ok",
            "ok:", f"%cur.p = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_REF}",
            "%cur = load i64, ptr %cur.p", "%same = icmp eq i64 %cur, %e",
            "br i1 %same, label %go, label %unbox",
            "unbox:", f"%bt.p = getelementptr i8, ptr %vmctx, i64 {vm.POINTER_SIZE}",
            "%bt = load ptr, ptr %bt.p",
            f"%ub.p = getelementptr i8, ptr %bt, i64 {vm.builtin_offset(vm.BUILTIN_EXN_UNBOX)}",
            "%ub = load ptr, ptr %ub.p", "%r = call i64 %ub(ptr %vmctx, i64 %e)",
            f"%bad = icmp eq i64 %r, {vm.BUILTIN_TRAP}", "br i1 %bad, label %raise, label %go",
            "raise:", "call void @wasmlite_raise(ptr %vmctx)", "unreachable",
            "go:"] + throw
    own("x_throw_ref", 0, _call_ip() + throw_exnref([
        _slot("top", "%sp", -L.SLOT), "%e = load i64, ptr %top, align 8"]),
        {NULL_EXCEPTION_REFERENCE})
    # legacy rethrow: i0 = the catch's exnref slot (byte offset from fp)
    own("x_rethrow", 1, imms(1) + _call_ip() + throw_exnref([
        "%ep = getelementptr i8, ptr %fp, i64 %i0", "%e = load i64, ptr %ep, align 8"]),
        {NULL_EXCEPTION_REFERENCE})
    # tail calls. An interpreted callee runs in this frame: its arguments
    # go to the frame's first slots and the handler returns to interp_call
    # with the callee marked in the header (_tail_to; interp_call loops), so
    # a chain of tail calls keeps one frame. Any other callee (compiled
    # code, host functions, other modules' stubs) is called through the out
    # stub and its results returned: one level, then that code's own tail
    # calls are jumps.
    def ret_results(nb: str) -> list[str]:
        return ["call void @llvm.memmove.p0.p0.i64(ptr align 8 %fp, ptr align 8 %args, "
                f"i64 {nb}, i1 false)", "ret void"]

    # i0 = callee InterpFunc* (this module), i1/i2 = params/results in bytes
    own("x_return_call", 3, imms(3) + _call_ip() + [
        "%desc = inttoptr i64 %i0 to ptr", "%from = sub i64 0, %i1",
        "%args = getelementptr i8, ptr %sp, i64 %from",
        f"%ccp = getelementptr i8, ptr %desc, i64 {L.IF_COMPILED}",
        "%cc = load atomic ptr, ptr %ccp monotonic, align 8"] + _run_compiled() + [
        "native:"] + _leave_handlers() + [
        f"%osp = getelementptr i8, ptr %desc, i64 {L.IF_OUT_STUB}",
        "%os = load ptr, ptr %osp", "call void %os(ptr %cc, ptr %vmctx, ptr %args)"]
        + ret_results("%i2") + ["interp:"] + _tail_to("%desc", "%vmctx", "%i1"))

    def tail_through(fr: str, os: str, ins: str, pb: str, rb: str) -> list[str]:
        """A tail call of the VMFuncRef at ``fr``: an interpreted function
        (its code the in stub ``ins`` of this signature, its vmctx a
        closure) that has not tiered up runs in this frame."""
        return [
            "%code = load ptr, ptr " + fr,
            f"%cvp = getelementptr i8, ptr {fr}, i64 {vm.VMFUNCREF_VMCTX}",
            "%cv = load ptr, ptr %cvp", f"%os = inttoptr i64 {os} to ptr",
            f"%from = sub i64 0, {pb}", "%args = getelementptr i8, ptr %top, i64 %from",
            f"%ins = inttoptr i64 {ins} to ptr", "%isi = icmp eq ptr %code, %ins",
            "br i1 %isi, label %closure, label %native",
            "closure:", f"%tdp = getelementptr i8, ptr %cv, i64 {L.CL_FUNC}",
            "%tdesc = load ptr, ptr %tdp", f"%tvp = getelementptr i8, ptr %cv, i64 {L.CL_VMCTX}",
            "%tvm = load ptr, ptr %tvp",
            f"%ccp = getelementptr i8, ptr %tdesc, i64 {L.IF_COMPILED}",
            "%cc = load atomic ptr, ptr %ccp monotonic, align 8"] + _run_compiled() + [
            "native:"] + _leave_handlers() + [
            "call void %os(ptr %code, ptr %cv, ptr %args)"] + ret_results(rb) + [
            "interp:"] + _tail_to("%tdesc", "%tvm", pb)

    # an import: i0 = offset of its VMFuncRef, i1 = out stub, i2/i3 =
    # params/results in bytes, i4 = in stub
    own("x_return_call_ref", 5, imms(5) + _call_ip() + [
        "%fr = getelementptr i8, ptr %vmctx, i64 %i0", "%top = getelementptr i8, ptr %sp, i64 0"]
        + tail_through("%fr", "%i1", "%i4", "%i2", "%i3"))
    # i0 = VMTable* offset, i1 = signature-index offset, i2 = out stub,
    # i3/i4 = params/results in bytes, i5 = in stub; call_indirect's checks
    for name, index in (("x_return_call_indirect", ["%x32 = load i32, ptr %top, align 8",
                                                    "%x = zext i32 %x32 to i64"]),
                        ("x_return_call_indirect64", ["%x = load i64, ptr %top, align 8"])):
        own(name, 6, imms(6) + _call_ip() + _indirect_entry(index) + [
            "ok:"] + tail_through("%fr", "%i2", "%i5", "%i3", "%i4"),
            {_TABLE_OOB, _NULL_CALL, _BAD_SIG})
    # return_call_ref: the VMFuncRef's address on top; i0 = out stub,
    # i1/i2 = params/results in bytes, i3 = in stub
    own("x_return_call_funcref", 4, imms(4) + _call_ip() + [
        _slot("top", "%sp", -L.SLOT), "%fri = load i64, ptr %top, align 8",
        "%null = icmp eq i64 %fri, 0",
        f"br i1 %null, label %trap{NULL_FUNCTION_REFERENCE}, label %ok",
        "ok:", "%fr = inttoptr i64 %fri to ptr"] + tail_through("%fr", "%i0", "%i3", "%i1", "%i2"),
        {NULL_FUNCTION_REFERENCE})
    # i8x16.shuffle: the 16 lane indices are two immediate words; the
    # compiler's shufflevector needs them constant, so here: a gather
    own("x_shuffle", 2, imms(2) + [
        _slot("bp", "%sp", -L.SLOT), _slot("ap", "%sp", -2 * L.SLOT),
        "%buf = alloca [32 x i8], align 16",
        f"%a = load {V}, ptr %ap, align 8", f"%b = load {V}, ptr %bp, align 8",
        f"store {V} %a, ptr %buf, align 16",
        "%bhi = getelementptr i8, ptr %buf, i64 16", f"store {V} %b, ptr %bhi, align 16",
        "%m0 = bitcast i64 %i0 to <8 x i8>", "%m1 = bitcast i64 %i1 to <8 x i8>",
        "%m = shufflevector <8 x i8> %m0, <8 x i8> %m1, <16 x i32> <"
        + ", ".join(f"i32 {k}" for k in range(16)) + ">"]
        + [x for k in range(16) for x in (
            f"%s{k} = extractelement <16 x i8> %m, i32 {k}",
            f"%s{k}.m = and i8 %s{k}, 31", f"%s{k}.x = zext i8 %s{k}.m to i64",
            f"%s{k}.p = getelementptr i8, ptr %buf, i64 %s{k}.x",
            f"%s{k}.v = load i8, ptr %s{k}.p",
            f"%o{k} = insertelement <16 x i8> {'poison' if k == 0 else f'%o{k - 1}'}, i8 %s{k}.v, i32 {k}")]
        + ["store <16 x i8> %o15, ptr %ap, align 8"] + dispatch(3, "%bp"))
    # fuel: i0 = the cost of the code since the last charge (the compiler's
    # per-block sums, compile/interrupts.py)
    fuel_p = f"%fp.f = getelementptr i8, ptr %limits, i64 {vm.LIMITS_FUEL}"
    ffuel = f"%ff.p = getelementptr i8, ptr %fp, i64 {L.FH_FUEL - L.FRAME_HEADER}"
    own("x_fuel", 1, imms(1) + [ffuel, "%f = load i64, ptr %ff.p", "%f1 = sub i64 %f, %i0",
                                "store i64 %f1, ptr %ff.p"] + dispatch(2))
    # function entry with fuel: the frame's fuel is the store's less 1 for
    # the call (not written back yet, as compiled code), then the check
    own("x_entry_fuel", 0, [fuel_p, ffuel, "%f = load i64, ptr %fp.f", "%f1 = sub i64 %f, 1",
                            "store i64 %f1, ptr %ff.p", "%c = icmp sle i64 %f1, 0",
                            "br i1 %c, label %spill, label %ok",
                            "spill:", "store i64 %f1, ptr %fp.f", f"br label %trap{_OUT_OF_FUEL}",
                            "ok:"]
        + dispatch(1), {_OUT_OF_FUEL})
    # fuel written back before an access that can never be in bounds
    own("x_spill", 0, [fuel_p, ffuel, "%f = load i64, ptr %ff.p", "store i64 %f, ptr %fp.f"]
        + dispatch(1))
    # the fuel forms of the handlers at which Wasmtime writes fuel back:
    # the frame's fuel to the store first; after a call, back from it
    for name in FUEL_SPILLING:
        text, n = h[name]
        h[name + "_fuel"] = (_with_fuel_spills(text, name + "_fuel"), n)
    own("x_entry_epoch", 0, _epoch_check() + dispatch(1), {_INTERRUPT})
    h["x_loop_hot"] = (_loop_hot(), 1)
    # loop headers: Ctrl-C always (as compiled loops), fuel and epoch when
    # the engine asks, and the hotness counter (loop_checks). A loop's
    # back-edge that moves no values runs its header's checks itself and
    # goes on after the header: x_jump_loop* (br), x_br_if_loop* (br_if),
    # and the tests' _brl forms (Lowered.fused_then); i0 = the header.
    for fuel in (False, True):
        for epoch in (False, True):
            sfx = ("_fuel" if fuel else "") + ("_epoch" if epoch else "")
            traps = {_INTERRUPT} | ({_OUT_OF_FUEL} if fuel else set())
            own("x_header" + sfx, 1, loop_checks("%ip", fuel, epoch) + dispatch(2), traps)
            h["x_jump_loop" + sfx] = (_define("x_jump_loop" + sfx, imms(1) + [
                "%t = inttoptr i64 %i0 to ptr"] + back_edge("%t", "%sp", fuel, epoch),
                traps, "%t"), 1)
            h["x_br_if_loop" + sfx] = (_define("x_br_if_loop" + sfx, imms(1) + [
                _slot("top", "%sp", -L.SLOT), "%c = load i32, ptr %top, align 8",
                "%z = icmp eq i32 %c, 0", "br i1 %z, label %fall, label %take",
                "fall:"] + dispatch(2, "%top", ".f") + [
                "take:", "%t = inttoptr i64 %i0 to ptr"] + back_edge("%t", "%top", fuel, epoch),
                traps, "%t"), 1)
    return h


def loop_checks(hdr: str, fuel: bool, epoch: bool, sp: str = "%sp") -> list[str]:
    """A loop header's checks (``hdr``: its code, whose immediate is the
    loop's OSR number): fuel and the epoch deadline when the engine asks,
    Ctrl-C always, the hotness counter, and the OSR entry once there is
    one. Traps go to the handler's trap blocks (made for the header's ip).
    Nothing here is a call that returns (the counter reaching 0 goes on in
    x_loop_hot, the OSR entry is a sibling call): a call on any path made
    LLVM save five registers on every run of the handler."""
    body = []
    if fuel:
        body += [f"%lc.fs = getelementptr i8, ptr %limits, i64 {vm.LIMITS_FUEL}",
                 f"%lc.ff = getelementptr i8, ptr %fp, i64 {L.FH_FUEL - L.FRAME_HEADER}",
                 "%lc.f = load i64, ptr %lc.ff", "%lc.fc = icmp sle i64 %lc.f, 0",
                 "br i1 %lc.fc, label %lc.fspill, label %lc.fok",
                 "lc.fspill:", "store i64 %lc.f, ptr %lc.fs", f"br label %trap{_OUT_OF_FUEL}",
                 "lc.fok:"]
    if epoch:
        body += _epoch_check()
    return body + [
        f"%lc.ipp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERRUPT_PTR}",
        "%lc.intr = load ptr, ptr %lc.ipp",
        "%lc.flag = load atomic i32, ptr %lc.intr monotonic, align 4",
        "%lc.ic = icmp ne i32 %lc.flag, 0",
        f"br i1 %lc.ic, label %trap{_INTERRUPT}, label %lc.cnt, !prof !0",
        "lc.cnt:",
        f"%cnt.dp = getelementptr i8, ptr %fp, i64 {-L.FRAME_HEADER}",
        "%cnt.d = load ptr, ptr %cnt.dp",
        f"%cnt.p = getelementptr i8, ptr %cnt.d, i64 {L.IF_COUNTER}",
        "%cnt.v = load i64, ptr %cnt.p", "%cnt.v1 = add i64 %cnt.v, 1",
        "store i64 %cnt.v1, ptr %cnt.p", "%cnt.hot = icmp eq i64 %cnt.v1, 0",
        "br i1 %cnt.hot, label %lc.hot, label %lc.go, !prof !0",
        "lc.hot:", f"musttail call void @x_loop_hot(ptr {hdr}, ptr {sp}, ptr %fp, ptr %vmctx)",
        "ret void",
        "lc.go:"] + _osr(hdr)


def _loop_hot() -> str:
    """A loop header's counter reached 0 (loop_checks, at ``ip`` = the
    header): tell the runtime (the back-edge bit set: a call stuck in a
    loop), then the OSR check and on after the header."""
    return _define("x_loop_hot", [
        f"%cnt.dp = getelementptr i8, ptr %fp, i64 {-L.FRAME_HEADER}",
        "%cnt.d = load ptr, ptr %cnt.dp",
        f"%cnt.hp = getelementptr i8, ptr %cnt.d, i64 {L.IF_HOT}",
        "%cnt.h = load ptr, ptr %cnt.hp", "%cnt.nh = icmp eq ptr %cnt.h, null",
        "br i1 %cnt.nh, label %cnt.go, label %cnt.call",
        "cnt.call:", "%cnt.di = ptrtoint ptr %cnt.d to i64", "%cnt.dl = or i64 %cnt.di, 1",
        "%cnt.dt = inttoptr i64 %cnt.dl to ptr", "call void %cnt.h(ptr %cnt.dt)",
        "br label %cnt.go", "cnt.go:"] + _osr("%ip") + dispatch(2))


def back_edge(hdr: str, sp: str, fuel: bool, epoch: bool) -> list[str]:
    """A taken back-edge to the loop header at ``hdr`` (a ptr), the
    operand stack at ``sp`` already the loop's: the header's checks, then
    on at the instruction after it (one dispatch less per iteration)."""
    return loop_checks(hdr, fuel, epoch, sp) + [
        f"%be.n = getelementptr i8, ptr {hdr}, i64 {2 * L.WORD}", "%be.h = load ptr, ptr %be.n",
        f"musttail call void %be.h(ptr %be.n, ptr {sp}, ptr %fp, ptr %vmctx)", "ret void"]


def _call_ip(ip: str = "%ip") -> list[str]:
    """Record the running call instruction in the frame header (backtraces:
    a frame's calling instruction; null while its OSR code runs)."""
    return [f"%cip.p = getelementptr i8, ptr %fp, i64 {L.FH_CALL_IP - L.FRAME_HEADER}",
            f"store ptr {ip}, ptr %cip.p"]


# below this much room left on the wasm stack, an interpreted tail call of a
# function that has compiled code runs it in the interpreter instead
TAIL_NATIVE_ROOM = 64 * 1024


def _run_compiled() -> list[str]:
    """Branch to %native when the tail callee has compiled code (%cc) and
    the stack has room, else to %interp. Calling the compiled code costs
    stack until it returns, and when it tail-calls back into interpreted
    code (a function of another module not tiered up yet: its in stub
    calls interp_call) and that code again into compiled code, every round
    costs more: so near the limit the chain goes on in the interpreter,
    in one frame, instead of overflowing."""
    return ["%rc.sp = call ptr @llvm.stacksave.p0()", "%rc.spi = ptrtoint ptr %rc.sp to i64",
            "%rc.lim = load i64, ptr %limits", "%rc.room = sub i64 %rc.spi, %rc.lim",
            f"%rc.ok = icmp ugt i64 %rc.room, {TAIL_NATIVE_ROOM}",
            "%rc.has = icmp ne ptr %cc, null", "%rc.go = and i1 %rc.has, %rc.ok",
            "br i1 %rc.go, label %native, label %interp"]


def _indirect_entry(index: list[str]) -> list[str]:
    """call_indirect's checks (x_call_indirect*, x_return_call_indirect*):
    ``index`` loads the table index %x from the top slot; i0 = the VMTable*
    offset, i1 = the expected signature's offset. Ends branching to %ok
    with the VMFuncRef in %fr, or at a trap (the compiler's checks)."""
    return [_slot("top", "%sp", -L.SLOT), *index,
            "%tp = getelementptr i8, ptr %vmctx, i64 %i0", "%tab = load ptr, ptr %tp",
            f"%lenp = getelementptr i8, ptr %tab, i64 {vm.VMTABLE_LENGTH}",
            "%len = load i64, ptr %lenp", "%oob = icmp uge i64 %x, %len",
            f"br i1 %oob, label %trap{_TABLE_OOB}, label %a",
            "a:", "%el = load ptr, ptr %tab", "%ep = getelementptr i64, ptr %el, i64 %x",
            "%fr = load ptr, ptr %ep", "%null = icmp eq ptr %fr, null",
            f"br i1 %null, label %trap{_NULL_CALL}, label %b",
            "b:", f"%sgp = getelementptr i8, ptr %fr, i64 {vm.VMFUNCREF_SIG}",
            "%sg = load i64, ptr %sgp", "%wp = getelementptr i8, ptr %vmctx, i64 %i1",
            "%w32 = load i32, ptr %wp", "%w = zext i32 %w32 to i64",
            "%bad = icmp ne i64 %sg, %w", "br i1 %bad, label %sub, label %ok"] + _sig_subtype()


def _sig_subtype() -> list[str]:
    """call_indirect's check when the signatures differ: the callee's may be
    a subtype of the expected one (Wasm GC), asked of the store (compile/
    translate.py does the same); otherwise the trap."""
    return ["sub:", f"%st.bp = getelementptr i8, ptr %vmctx, i64 {vm.POINTER_SIZE}",
            "%st.b = load ptr, ptr %st.bp",
            f"%st.fp = getelementptr i8, ptr %st.b, i64 {vm.builtin_offset(vm.BUILTIN_SIG_SUBTYPE)}",
            "%st.f = load ptr, ptr %st.fp", "%st.r = call i64 %st.f(ptr %vmctx, i64 %sg, i64 %w)",
            "%st.ok = icmp eq i64 %st.r, 1", f"br i1 %st.ok, label %ok, label %trap{_BAD_SIG}"]


def _leave_handlers() -> list[str]:
    """Before a tail call that runs its callee from the handler (compiled
    code, a host function): this frame's handler record, the innermost on
    the chain while its code runs, comes off, so the callee's exceptions
    go to the caller's handlers, as the frame is gone in the spec."""
    return [f"%lh.fp = getelementptr i8, ptr %fp, i64 {L.FH_FUNC - L.FRAME_HEADER}",
            "%lh.d = load ptr, ptr %lh.fp",
            f"%lh.tp = getelementptr i8, ptr %lh.d, i64 {L.IF_HANDLERS}",
            "%lh.t = load ptr, ptr %lh.tp", "%lh.no = icmp eq ptr %lh.t, null",
            "br i1 %lh.no, label %lh.done, label %lh.pop",
            "lh.pop:", f"%lh.hp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_HANDLERS}",
            "%lh.r = load ptr, ptr %lh.hp",
            f"%lh.pp = getelementptr i8, ptr %lh.r, i64 {vm.HREC_PREV}",
            "%lh.prev = load ptr, ptr %lh.pp", "store ptr %lh.prev, ptr %lh.hp",
            "br label %lh.done", "lh.done:"]


def _tail_to(desc: str, vmctx: str, nbytes: str) -> list[str]:
    """End a handler with a tail call of the interpreted function ``desc``
    (in the instance ``vmctx``): its ``nbytes`` of arguments, at %args,
    move to the frame's first slots, and interp_call takes it from there
    (layout.FH_TAIL_VMCTX). A chain of tail calls never grows the stack."""
    return ["call void @llvm.memmove.p0.p0.i64(ptr align 8 %fp, ptr align 8 %args, "
            f"i64 {nbytes}, i1 false)",
            f"%tl.f = getelementptr i8, ptr %fp, i64 {L.FH_FUNC - L.FRAME_HEADER}",
            f"%tl.i = ptrtoint ptr {desc} to i64", "%tl.m = or i64 %tl.i, 1",
            "store i64 %tl.m, ptr %tl.f",
            f"%tl.v = getelementptr i8, ptr %fp, i64 {L.FH_TAIL_VMCTX - L.FRAME_HEADER}",
            f"store ptr {vmctx}, ptr %tl.v", "ret void"]


def _with_fuel_spills(text: str, symbol: str) -> str:
    """``text`` (a handler's IR) renamed ``symbol``, writing the frame's fuel
    to the store on entry and reading it back after each call."""
    lines = text.split("\n")
    name = lines[0].split("@", 1)[1].split("(", 1)[0]
    lines[0] = lines[0].replace(f"@{name}(", f"@{symbol}(", 1)
    out = []
    k = 0
    for line in lines:
        out.append(line)
        if line.startswith("%limits = load ptr, ptr %vmctx") and k == 0:
            out += [f"%sf.p = getelementptr i8, ptr %fp, i64 {L.FH_FUEL - L.FRAME_HEADER}",
                    f"%sf.s = getelementptr i8, ptr %limits, i64 {vm.LIMITS_FUEL}",
                    "%sf.v = load i64, ptr %sf.p", "store i64 %sf.v, ptr %sf.s"]
            k = 1
        elif line.startswith("call void %os(") or line.startswith("call void @interp_call("):
            out += [f"%sf.r{k} = load i64, ptr %sf.s", f"store i64 %sf.r{k}, ptr %sf.p"]
            k += 1
    return "\n".join(out)


def _osr(hdr: str = "%ip") -> list[str]:
    """At a loop header (immediate: its OSR number, -1 if none): once the
    function's compiled OSR entry for it exists, finish the call there. The entry
    leaves the results in fp[0..], as x_return does."""
    return [f"%osr.ip = getelementptr i8, ptr {hdr}, i64 {L.WORD}",
            "%osr.k = load i64, ptr %osr.ip",
            "%osr.no = icmp slt i64 %osr.k, 0",
            "br i1 %osr.no, label %osr.stay, label %osr.look",
            "osr.look:",
            # a loop inside another has its own field: only a cheap-level
            # entry has such headers (layout.IF_OSR_NESTED)
            f"%osr.in = icmp uge i64 %osr.k, {L.OSR_NESTED}",
            f"%osr.at = select i1 %osr.in, i64 {L.IF_OSR_NESTED}, i64 {L.IF_OSR}",
            "%osr.fp = getelementptr i8, ptr %cnt.d, i64 %osr.at",
            "%osr.f = load atomic ptr, ptr %osr.fp monotonic, align 8",
            "%osr.none = icmp eq ptr %osr.f, null",
            "br i1 %osr.none, label %osr.stay, label %osr.go, !prof !0",
            "osr.go:",
            # (with fuel, the compiled code takes it from the frame header,
            # FH_FUEL: the store's is untouched, as no flush happens here)
            "%osr.k32 = trunc i64 %osr.k to i32"] + _call_ip("null") + [
            "tail call void %osr.f(ptr %vmctx, ptr %fp, i32 %osr.k32)",
            "ret void",
            "osr.stay:"]


def _epoch_check() -> list[str]:
    return [f"%ep.pp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EPOCH_PTR}",
            "%ep.p = load ptr, ptr %ep.pp",
            "%ep.e = load atomic i64, ptr %ep.p monotonic, align 8",
            f"%ep.dp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EPOCH_DEADLINE}",
            "%ep.d = load i64, ptr %ep.dp", "%ep.c = icmp uge i64 %ep.e, %ep.d",
            f"br i1 %ep.c, label %trap{_INTERRUPT}, label %ep.ok", "ep.ok:"]


def _count(step: int, desc: str = "", loop: bool = False) -> list[str]:
    """Bump the running function's hotness counter; tell the runtime once it
    reaches 0 (layout.IF_COUNTER starts at minus the threshold), passing
    the InterpFunc* with its low bit set when a loop's back-edge got it
    there (a call stuck in a loop: tier-up compiles its OSR entries first)."""
    lines = []
    if not desc:
        lines += [f"%cnt.dp = getelementptr i8, ptr %fp, i64 {-L.FRAME_HEADER}",
                  "%cnt.d = load ptr, ptr %cnt.dp"]
        desc = "%cnt.d"
    lines += [f"%cnt.p = getelementptr i8, ptr {desc}, i64 {L.IF_COUNTER}",
              "%cnt.v = load i64, ptr %cnt.p", f"%cnt.v1 = add i64 %cnt.v, {step}",
              "store i64 %cnt.v1, ptr %cnt.p", "%cnt.hot = icmp eq i64 %cnt.v1, 0",
              "br i1 %cnt.hot, label %cnt.tell, label %cnt.go, !prof !0",
              "cnt.tell:", f"%cnt.hp = getelementptr i8, ptr {desc}, i64 {L.IF_HOT}",
              "%cnt.h = load ptr, ptr %cnt.hp", "%cnt.nh = icmp eq ptr %cnt.h, null",
              "br i1 %cnt.nh, label %cnt.go, label %cnt.call",
              "cnt.call:"]
    if loop:
        lines += [f"%cnt.di = ptrtoint ptr {desc} to i64", "%cnt.dl = or i64 %cnt.di, 1",
                  "%cnt.dt = inttoptr i64 %cnt.dl to ptr", "call void %cnt.h(ptr %cnt.dt)"]
    else:
        lines.append(f"call void %cnt.h(ptr {desc})")
    lines += ["br label %cnt.go", "cnt.go:"]
    return lines


def _interp_call() -> str:
    """``void interp_call(InterpFunc*, slots*, vmctx)``: run an interpreted
    function whose arguments are in ``slots`` and leave its results there.
    The frame is an alloca here, checked against the stack limit first.

    Tail calls: when the function returns with a tail callee marked in its
    frame header (handlers' ``_tail_to``), the callee runs next in the same
    frame, its arguments already in the frame's first slots; a frame too
    small for it is given back and a bigger one allocated where it was
    (stackrestore, then alloca: the new one covers the old, and nothing
    between writes to the stack, so the arguments are still there to move).
    The frame so only grows to the biggest of the chain's functions."""
    return "\n".join([
        'define void @interp_call(ptr %desc0, ptr %args, ptr %vmctx0) "frame-pointer"="all" {',
        "entry:",
        "%ss = call ptr @llvm.stacksave.p0()",
        "br label %head",
        "head:",
        "%desc = phi ptr [ %desc0, %entry ], [ %tdesc, %tail ]",
        "%vmctx = phi ptr [ %vmctx0, %entry ], [ %tvm, %tail ]",
        "%src = phi ptr [ %args, %entry ], [ %fp.t, %tail ]",
        "%have = phi ptr [ null, %entry ], [ %frame, %tail ]",
        # what the frame in use can hold: it was allocated from %ss
        "%cap = phi i64 [ 0, %entry ], [ %capt, %tail ]",
        # first call: the runtime pre-decodes the function (bytecode.py)
        f"%code0p = getelementptr i8, ptr %desc, i64 {L.IF_CODE}",
        "%code0 = load atomic ptr, ptr %code0p acquire, align 8",
        "%nocode = icmp eq ptr %code0, null",
        "br i1 %nocode, label %decode, label %ready, !prof !0",
        "decode:",
        f"%lzp = getelementptr i8, ptr %desc, i64 {L.IF_LAZY}",
        "%lz = load ptr, ptr %lzp",
        "call void %lz(ptr %desc)",
        "br label %ready",
        "ready:",
        "%limits = load ptr, ptr %vmctx",
        "%lim = load i64, ptr %limits",
        f"%fbp = getelementptr i8, ptr %desc, i64 {L.IF_FRAME_BYTES}",
        "%fb = load i64, ptr %fbp",
        "%fits = icmp ule i64 %fb, %cap",
        "br i1 %fits, label %set, label %grow",
        "grow:",
        "call void @llvm.stackrestore.p0(ptr %ss)",
        "%spi = ptrtoint ptr %ss to i64",
        "%low = sub i64 %spi, %fb",
        "%under = icmp ult i64 %spi, %fb",
        "%ovf0 = icmp ult i64 %low, %lim",
        "%ovf = or i1 %under, %ovf0",
        "br i1 %ovf, label %overflow, label %ok, !prof !0",
        "ok:",
        "%nframe = alloca i8, i64 %fb, align 16",
        "br label %set",
        "set:",
        "%frame = phi ptr [ %nframe, %ok ], [ %have, %ready ]",
        "store ptr %desc, ptr %frame",
        # the chain of interpreter frames (backtraces, layout.FH_*)
        f"%itp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERP_TOP}",
        "%itprev = load ptr, ptr %itp",
        f"%fhl = getelementptr i8, ptr %frame, i64 {L.FH_LINK}", "store ptr %itprev, ptr %fhl",
        # (FH_CALL_IP is left unset: only a frame that made a call, or set
        # it null for its OSR entry, is ever read there; runtime/backtrace.py)
        "%nfp = call ptr @llvm.frameaddress.p0(i32 0)",
        f"%fhn = getelementptr i8, ptr %frame, i64 {L.FH_NATIVE_FP}", "store ptr %nfp, ptr %fhn",
        "store ptr %frame, ptr %itp",
        f"%fp = getelementptr i8, ptr %frame, i64 {L.FRAME_HEADER}",
        f"%npp = getelementptr i8, ptr %desc, i64 {L.IF_NPARAMS}",
        "%np32 = load i32, ptr %npp", "%np = zext i32 %np32 to i64", "%npb = shl i64 %np, 4",
        ] + copy_slots("%fp", "%src", "%npb", "pa") + [
        f"%nlp = getelementptr i8, ptr %desc, i64 {L.IF_NLOCALS}",
        "%nl32 = load i32, ptr %nlp", "%nl = zext i32 %nl32 to i64", "%nlb = shl i64 %nl, 4",
        "%zp = getelementptr i8, ptr %fp, i64 %npb", "%zb = sub i64 %nlb, %npb",
        ] + zero_slots("%zp", "%zb")
        + _count(1, "%desc") + [
        f"%codep = getelementptr i8, ptr %desc, i64 {L.IF_CODE}",
        "%code = load ptr, ptr %codep",
        "%h = load ptr, ptr %code",
        "%sp0 = getelementptr i8, ptr %fp, i64 %nlb",
        # a function with try blocks runs under a handler record (_guarded)
        f"%htp = getelementptr i8, ptr %desc, i64 {L.IF_HANDLERS}",
        "%ht = load ptr, ptr %htp",
        "%noh = icmp eq ptr %ht, null",
        "br i1 %noh, label %plain, label %guarded",
        "plain:",
        "call void %h(ptr %code, ptr %sp0, ptr %fp, ptr %vmctx)",
        "br label %after",
        # (a function of its own: its setjmp would make every interp_call's
        # native frame bigger, and the default stack hold fewer calls)
        "guarded:",
        "call void @interp_guarded(ptr %frame, i64 %fb, ptr %code, ptr %sp0, ptr %fp, "
        "ptr %vmctx, ptr %limits, ptr %itp, ptr %ht)",
        "br label %after",
        "after:",
        # (what is needed after the call is reloaded, from the frame's
        # header and %limits, rather than kept: every value live across it
        # is native stack in every interpreted call)
        f"%itp.r = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERP_TOP}",
        f"%fhl.r = getelementptr i8, ptr %frame, i64 {L.FH_LINK}",
        "%itprev.r = load ptr, ptr %fhl.r",
        "%fh0 = load i64, ptr %frame",
        "%fh0t = and i64 %fh0, 1",
        "%istail = icmp ne i64 %fh0t, 0",
        "br i1 %istail, label %tail, label %done, !prof !0",
        "tail:",
        "store ptr %itprev.r, ptr %itp.r",
        "%ssi = ptrtoint ptr %ss to i64", "%fri = ptrtoint ptr %frame to i64",
        "%capt = sub i64 %ssi, %fri",
        f"%fp.t = getelementptr i8, ptr %frame, i64 {L.FRAME_HEADER}",
        "%tdi = and i64 %fh0, -2",
        "%tdesc = inttoptr i64 %tdi to ptr",
        f"%tvp = getelementptr i8, ptr %frame, i64 {L.FH_TAIL_VMCTX}",
        "%tvm = load ptr, ptr %tvp",
        # a loop of tail calls has no loop header: Ctrl-C is checked here
        f"%ipp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERRUPT_PTR}",
        "%intr = load ptr, ptr %ipp",
        "%flag = load atomic i32, ptr %intr monotonic, align 4",
        "%ic = icmp ne i32 %flag, 0",
        "br i1 %ic, label %interrupt, label %head, !prof !0",
        "interrupt:",
        f"%tf.i = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_FUNC}",
        f"%tfi.p = getelementptr i8, ptr %tdesc, i64 {L.IF_FUNC_INDEX}",
        "%tfi = load i32, ptr %tfi.p",
        "store i32 %tfi, ptr %tf.i",
        f"%tv.i = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_VMCTX}",
        "store ptr %tvm, ptr %tv.i",
        f"call void @wasmlite_trap(ptr %tvm, i32 {_INTERRUPT})",
        "unreachable",
        "done:",
        "store ptr %itprev.r, ptr %itp.r",
        "%desc.r = inttoptr i64 %fh0 to ptr",
        f"%nrp = getelementptr i8, ptr %desc.r, i64 {L.IF_NRESULTS}",
        "%nr32 = load i32, ptr %nrp", "%nr = zext i32 %nr32 to i64", "%nrb = shl i64 %nr, 4",
        f"%fp.d = getelementptr i8, ptr %frame, i64 {L.FRAME_HEADER}",
        ] + copy_slots("%args", "%fp.d", "%nrb", "rs") + [
        "ret void",
        "overflow:",
        f"%fip = getelementptr i8, ptr %desc, i64 {L.IF_FUNC_INDEX}",
        "%fi = load i32, ptr %fip",
        f"%tf = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_FUNC}",
        "store i32 %fi, ptr %tf",
        f"%tv = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_VMCTX}",
        "store ptr %vmctx, ptr %tv",
        f"call void @wasmlite_trap(ptr %vmctx, i32 {_STACK_OVERFLOW})",
        "unreachable",
        "}"])


def _guarded() -> list[str]:
    """interp_call's run of a function with handlers: a handler record at
    the end of the frame, pushed and ``_setjmp``ed before the code runs (and
    again after each catch). A throw's landing scans the handler table
    (layout.HT_*) for the innermost entry whose code range holds the ip the
    frame recorded at its call or throw and whose tag matches (a delegate
    entry limits the scan to the tries around its label), copies the
    payload (and the exnref) to the label's slots and goes on at its
    target; with none, it throws on."""
    E = L.HT_WORDS * L.WORD
    fh = lambda off: off - L.FRAME_HEADER      # noqa: E731 - a header word from fp
    return ([
        "define internal void @interp_guarded(ptr %frame, i64 %fb, ptr %code, ptr %sp0, "
        'ptr %fp, ptr %vmctx, ptr %limits, ptr %itp, ptr %ht) noinline "frame-pointer"="all" {',
        "guarded:",
        f"%rec.o = sub i64 %fb, {vm.HREC_SIZE}",
        "%rec = getelementptr i8, ptr %frame, i64 %rec.o",
        f"%handp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_HANDLERS}",
        f"%rprevp = getelementptr i8, ptr %rec, i64 {vm.HREC_PREV}",
        "br label %arm",
        "arm:",
        "%aip = phi ptr [ %code, %guarded ], [ %lip, %resume ]",
        "%asp = phi ptr [ %sp0, %guarded ], [ %lsp, %resume ]",
        "%hprev = load ptr, ptr %handp",
        "store ptr %hprev, ptr %rprevp",
        "store ptr %rec, ptr %handp",
        "%sj = call i32 @_setjmp(ptr %rec) returns_twice",
        "%landed = icmp ne i32 %sj, 0",
        "br i1 %landed, label %land, label %run, !prof !0",
        "run:",
        "%ah = load ptr, ptr %aip",
        "call void %ah(ptr %aip, ptr %asp, ptr %fp, ptr %vmctx)",
        "store ptr %hprev, ptr %handp",
        "ret void",
        "land:",
        # popped; this frame is the innermost interpreter frame again, and
        # the fuel it keeps is what the store says now
        "store ptr %hprev, ptr %handp",
        "store ptr %frame, ptr %itp",
        f"%lfs = getelementptr i8, ptr %limits, i64 {vm.LIMITS_FUEL}",
        "%lfv = load i64, ptr %lfs",
        f"%lff = getelementptr i8, ptr %fp, i64 {fh(L.FH_FUEL)}",
        "store i64 %lfv, ptr %lff",
        f"%cipp = getelementptr i8, ptr %fp, i64 {fh(L.FH_CALL_IP)}",
        "%cipv = load ptr, ptr %cipp",
        "%cip = ptrtoint ptr %cipv to i64",
        f"%xtp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_TAG}",
        "%xtag = load i64, ptr %xtp",
        "%hn = load i64, ptr %ht",
        "br label %scan",
        "scan:",
        "%k = phi i64 [ 0, %land ], [ %k1, %next ]",
        "%maxd = phi i64 [ -1, %land ], [ %maxd1, %next ]",
        "%end = icmp uge i64 %k, %hn",
        "br i1 %end, label %nomatch, label %entry.k",
        "entry.k:",
        f"%eo = mul i64 %k, {E}",
        "%eo8 = add i64 %eo, 8",
        "%ent = getelementptr i8, ptr %ht, i64 %eo8"]
    + [x for i, n in enumerate(("start", "stop", "depth", "kind", "tag", "target", "dest",
                                "nv", "slot"))
       for x in (f"%e.{n}.p = getelementptr i8, ptr %ent, i64 {8 * i}",
                 f"%e.{n} = load i64, ptr %e.{n}.p")]
    + [
        "%in0 = icmp uge i64 %cip, %e.start",
        "%in1 = icmp ult i64 %cip, %e.stop",
        "%in2 = icmp ule i64 %e.depth, %maxd",
        "%in01 = and i1 %in0, %in1",
        "%in = and i1 %in01, %in2",
        "br i1 %in, label %kind, label %next",
        "kind:",
        f"%isdel = icmp eq i64 %e.kind, {L.HT_DELEGATE}",
        "br i1 %isdel, label %next, label %tagged",
        "tagged:",
        "%hastag = icmp ult i64 %e.kind, 2",
        "br i1 %hastag, label %cmptag, label %match",
        "cmptag:",
        "%tip = getelementptr i8, ptr %vmctx, i64 %e.tag",
        "%tid = load i64, ptr %tip",
        "%same = icmp eq i64 %tid, %xtag",
        "br i1 %same, label %match, label %next",
        "next:",
        "%isdel.n = phi i1 [ false, %entry.k ], [ true, %kind ], [ false, %cmptag ]",
        "%maxd1 = select i1 %isdel.n, i64 %e.target, i64 %maxd",
        "%k1 = add i64 %k, 1",
        "br label %scan",
        "match:",
        f"%xbp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_VALUES}",
        "%xb = load ptr, ptr %xbp",
        "%dst = getelementptr i8, ptr %fp, i64 %e.dest",
        "%nvb = shl i64 %e.nv, 4",
        "call void @llvm.memcpy.p0.p0.i64(ptr align 8 %dst, ptr align 8 %xb, i64 %nvb, i1 false)",
        "%isref0 = icmp eq i64 %e.kind, 1",
        "%isref1 = icmp eq i64 %e.kind, 3",
        "%isref = or i1 %isref0, %isref1",
        "%keep = icmp ne i64 %e.slot, -1",
        "%boxit = or i1 %isref, %keep",
        "br i1 %boxit, label %box, label %resume",
        "box:",
        f"%bt.p = getelementptr i8, ptr %vmctx, i64 {vm.POINTER_SIZE}",
        "%bt = load ptr, ptr %bt.p",
        f"%bx.p = getelementptr i8, ptr %bt, i64 {vm.builtin_offset(vm.BUILTIN_EXN_BOX)}",
        "%bx = load ptr, ptr %bx.p",
        "%exn = call i64 %bx(ptr %vmctx)",
        f"%bxbad = icmp eq i64 %exn, {vm.BUILTIN_TRAP}",
        "br i1 %bxbad, label %bxraise, label %boxed",
        "bxraise:",
        "call void @wasmlite_raise(ptr %vmctx)",
        "unreachable",
        "boxed:",
        "%refp = getelementptr i8, ptr %dst, i64 %nvb",
        "br i1 %isref, label %putref, label %putslot",
        "putref:",
        "store i64 %exn, ptr %refp, align 8",
        "br label %putslot",
        "putslot:",
        "br i1 %keep, label %putslot1, label %resume",
        "putslot1:",
        "%slp = getelementptr i8, ptr %fp, i64 %e.slot",
        "store i64 %exn, ptr %slp, align 8",
        "br label %resume",
        "resume:",
        "%rx = phi i1 [ false, %match ], [ %isref, %putslot ], [ %isref, %putslot1 ]",
        "%rxb = select i1 %rx, i64 16, i64 0",
        "%spo = add i64 %nvb, %rxb",
        "%lsp = getelementptr i8, ptr %dst, i64 %spo",
        "%lip = inttoptr i64 %e.target to ptr",
        "br label %arm",
        "nomatch:",
        "call void @wasmlite_throw(ptr %vmctx)",
        "unreachable", "}"])


class HandlerSet(NamedTuple):
    """The IR of every handler, and what the pre-decoder needs to know of
    each: ``forms[(op name, fuel)]`` for the lowered ones, ``own[symbol]``
    immediate counts for the rest. ``symbols``: the code table's order."""
    ir: str
    forms: dict
    own: dict
    symbols: list


def _add_forms(op: Op, lowered: Lowered, parts: list, symbols: list, forms: dict,
               intrinsics: set) -> None:
    """The handlers of lowered op ``op``: its plain form, its fuel form
    where the lowering charges fuel itself, its superinstructions."""
    plain, form = _lowered(op, False, intrinsics)
    parts.append(plain)
    forms[(op.name, False)] = form
    symbols.append(form.symbol)
    fueled, fform = _lowered(op, True, intrinsics)
    # a separate fuel form only where the lowering charges fuel itself
    has_fuel = fueled.replace("_fuel(", "(") != plain
    if has_fuel:
        parts.append(fueled)
        forms[(op.name, True)] = fform
        symbols.append(fform.symbol)
    else:
        forms[(op.name, True)] = form
    for srcs in lowered.fused_sources(op):
        text, sform = _lowered(op, False, intrinsics, srcs)
        parts.append(text)
        symbols.append(sform.symbol)
        forms[(op.name, False, srcs)] = sform
        if has_fuel:
            text, fsform = _lowered(op, True, intrinsics, srcs)
            parts.append(text)
            symbols.append(fsform.symbol)
            forms[(op.name, True, srcs)] = fsform
        else:
            forms[(op.name, True, srcs)] = sform
    for srcs, then in lowered.fused_then(op):
        text, tform = _lowered(op, False, intrinsics, srcs, then)
        parts.append(text)
        symbols.append(tform.symbol)
        forms[(op.name, False, srcs, then)] = tform
        forms[(op.name, True, srcs, then)] = tform


# Config.cranelift_nan_canonicalization: the canonicalizing variants of the
# float ops (compile/nan_canon.py), in a library of their own that only an
# engine asking for them builds and loads (library.py)
NAN_LOWERED = Lowered((op.name for op in NAN_CANON_OPS if op in NUMERIC),
                      [op.name for op in NAN_CANON_OPS if op in HANDLERS])


def generate_nan_canonical() -> HandlerSet:
    """The library of the canonicalizing float handlers (IR text)."""
    from ..compile import jit
    parts = [jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS]
    intrinsics: set[str] = set()
    forms: dict = {}
    symbols: list[str] = []
    for op in NAN_LOWERED.ops:
        _add_forms(op, NAN_LOWERED, parts, symbols, forms, intrinsics)
    parts.append(simd_declarations(intrinsics))
    return HandlerSet("\n".join(parts), forms, {}, symbols)


def generate() -> HandlerSet:
    """The whole handler library (IR text)."""
    from ..compile import jit
    parts = [jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS,
             ]
    intrinsics: set[str] = set()
    forms: dict = {}
    symbols: list[str] = []
    for op in lowered_ops():
        _add_forms(op, LOWERED, parts, symbols, forms, intrinsics)
    own = own_handlers()
    for name, (text, _n) in own.items():
        parts.append(text)
        symbols.append(name)
    parts.append(_interp_call())
    parts.append(_move_go())
    parts.append("\n".join(_guarded()))
    symbols.append("interp_call")
    parts.append(simd_declarations(intrinsics))
    return HandlerSet("\n".join(parts), forms, {k: n for k, (_t, n) in own.items()}, symbols)
