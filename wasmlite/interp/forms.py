"""What the pre-decoder knows of each lowered instruction's handlers: their
symbols, immediates and operand counts (``Form``), without the IR that
defines them (handlers.py) or the compiler's lowering it runs.

The first pre-decode of every process needs this, the IR generator only
the one-time build: apart, a process that interprets never imports the
compiler (compile/translate.py and what it pulls in: ~10 ms). Which
instructions are lowered, and which of those are numeric (the compiler's
``NUMERIC`` templates; the rest its ``HANDLERS``), is the compiler's
knowledge: the handler library records the two name lists when it is built
(library.py) and ``Lowered`` takes them from there.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..compile.lltypes import LLTYPE
from ..syntax.instructions import (NAN_CANON_OPS, OP_BY_NAME, OPS, VARIANT_BY_NAME, VARIANT_OPS, Op,
                                  memory_signature)
from ..syntax.types import I32, I64

# Stack effects of the instructions whose effect the table leaves to the
# validator (references are i64 in generated code, see compile/vmcontext.py)
_SPECIAL_SIGS = {
    "table.get": (("i32",), ("i64",)), "table.set": (("i32", "i64"), ()),
    "table.grow": (("i64", "i32"), ("i32",)), "table.fill": (("i32", "i64", "i32"), ()),
    "table.size": ((), ("i32",)), "ref.is_null": (("i64",), ("i32",)),
    "ref.func": ((), ("i64",)), "ref.as_non_null": (("i64",), ("i64",)),
    # Wasm GC values without a heap (compile/gc_values.py)
    "ref.i31": (("i32",), ("i64",)), "i31.get_s": (("i64",), ("i32",)),
    "i31.get_u": (("i64",), ("i32",)), "ref.eq": (("i64", "i64"), ("i32",)),
    "ref.test": (("i64",), ("i32",)), "ref.test_null": (("i64",), ("i32",)),
    "ref.cast": (("i64",), ("i64",)), "ref.cast_null": (("i64",), ("i64",)),
    "any.convert_extern": (("i64",), ("i64",)), "extern.convert_any": (("i64",), ("i64",)),
}


# Imm and Form are plain classes, not NamedTuples: this module is imported
# at every process's first use of the interpreter, and making the two
# NamedTuple classes cost ~0.6 ms of it.
class Imm:
    """An immediate word of a handler: its SSA name in the handler, its LLVM
    type there, and how the pre-decoder computes it from the instruction and
    the module's VMContextLayout."""

    __slots__ = ("name", "lltype", "value")

    def __init__(self, name: str, lltype: str, value: Optional[Callable]) -> None:
        self.name, self.lltype, self.value = name, lltype, value

    def __repr__(self) -> str:
        return f"Imm({self.name!r}, {self.lltype!r})"


def _imm(name: str, value: Callable, lltype: str = "i64") -> Imm:
    return Imm(name, lltype, value)


_OFF = _imm("off", lambda ins, lay: ins.imm[1])
# Placeholder immediates the compiler's lowering sees (strings are SSA names)
_IMM_RULES: dict[str, tuple[list[Imm], Callable]] = {
    "memarg": ([_OFF], lambda ins: (ins.imm[0], "%imm.off", 0)),
    "memarg_lane": ([_OFF, _imm("lane", lambda ins, lay: ins.imm[3], "i32")],
                    lambda ins: (ins.imm[0], "%imm.off", 0, "%imm.lane")),
    "lane": ([_imm("lane", lambda ins, lay: ins.imm, "i32")], lambda ins: "%imm.lane"),
    "mem": ([], lambda ins: 0),
    "memory.copy": ([], lambda ins: (0, 0)),
    "memory.init": ([_imm("data", lambda ins, lay: lay.data(ins.imm[0]))], lambda ins: (0, 0)),
    "data": ([_imm("data", lambda ins, lay: lay.data(ins.imm))], lambda ins: 0),
    "elem": ([_imm("elem", lambda ins, lay: lay.elem(ins.imm))], lambda ins: 0),
    "table": ([_imm("tab0", lambda ins, lay: lay.table(ins.imm))], lambda ins: 0),
    "table.copy": ([_imm("tab0", lambda ins, lay: lay.table(ins.imm[0])),
                    _imm("tab1", lambda ins, lay: lay.table(ins.imm[1]))], lambda ins: (0, 1)),
    "table.init": ([_imm("elem", lambda ins, lay: lay.elem(ins.imm[0])),
                    _imm("tab0", lambda ins, lay: lay.table(ins.imm[1]))], lambda ins: (0, 0)),
    "func": ([_imm("func", lambda ins, lay: lay.func(ins.imm))], lambda ins: 0),
}


# ref.test / ref.cast, and the tests of br_on_cast(_fail): the target type's
# code, the VMContext offset of its engine index (a module's own type) and
# whether it is final (compile/gc_values.py cast_target)
def _cast_imm(which: int, target: Callable) -> Imm:
    def value(ins, lay):
        from ..compile.gc_values import cast_target
        code, idx, final = cast_target(lay.module, target(ins))
        return (code, lay.sig(idx) if idx is not None else 0, int(final))[which]
    return _imm(("ht", "sig", "fin")[which], value, "i64" if which == 1 else "i32")


def _cast_rule(target: Callable) -> tuple[list, Callable]:
    return ([_cast_imm(k, target) for k in range(3)],
            lambda ins: ("%imm.ht", "%imm.sig", "%imm.fin"))


_IMM_RULES["reftype"] = _cast_rule(lambda ins: ins.imm)
_IMM_RULES["br_on_cast"] = _cast_rule(lambda ins: ins.imm[2])

# br_on_cast / br_on_cast_fail run as a test that leaves the reference and
# pushes whether to branch, then the interpreter's br_if (bytecode.py): no
# branch form of their own. One op per (fail?, target nullable?).
CAST_TESTS: dict[tuple[bool, bool], Op] = {}
for _fail in (False, True):
    for _null in (False, True):
        _name = "br_on_cast" + ("_fail" if _fail else "") + ".test" + ("_null" if _null else "")
        CAST_TESTS[(_fail, _null)] = Op(_name, 0xFB, 0x18 + _fail, "br_on_cast", None, None,
                                        "gc", None)
        _SPECIAL_SIGS[_name] = (("i64",), ("i64", "i32"))

def _symbolic(offset: str, index: str = "", is64: bool = False):
    from ..compile.memory import SymbolicMemory      # (only when building handlers)
    return SymbolicMemory(offset, index, is64)


# The memory instructions' wide forms (multi-memory, memory64): the memory
# is an immediate, its VMMemory*'s offset in the VMContext (and its index
# where memory.grow's builtin needs it), and the form is made for its index
# type (``bits``: "32", "64", or for memory.copy the destination's and the
# source's, "64_32"...). A 32-bit memory 0 keeps the plain forms (a fixed
# offset, and superinstructions); the pre-decoder uses these for the rest.
def _wide_rule(kind: str, bits: str) -> tuple[list, Callable]:
    """The plain form's immediates, then the memory's (its VMMemory*'s
    offset; memory.grow's index too; memory.copy's second), and a
    placeholder with a SymbolicMemory where the plain one has index 0."""
    is64 = [b == "64" for b in bits.split("_")]
    base = _IMM_RULES[kind][0]
    mem = _imm("mem", lambda ins, lay: lay.memory(ins.imm[2]))
    if kind == "memarg":
        return base + [mem], lambda ins: (ins.imm[0], "%imm.off",
                                          _symbolic("%imm.mem", "", is64[0]))
    if kind == "memarg_lane":
        return base + [mem], lambda ins: (ins.imm[0], "%imm.off",
                                          _symbolic("%imm.mem", "", is64[0]), "%imm.lane")
    if kind == "mem":
        return (base + [_imm("mem", lambda ins, lay: lay.memory(ins.imm)),
                        _imm("memi", lambda ins, lay: ins.imm, "i32")],
                lambda ins: _symbolic("%imm.mem", "%imm.memi", is64[0]))
    if kind == "memory.copy":
        return (base + [_imm("mem", lambda ins, lay: lay.memory(ins.imm[0])),
                        _imm("mem1", lambda ins, lay: lay.memory(ins.imm[1]))],
                lambda ins: (_symbolic("%imm.mem", "", is64[0]),
                             _symbolic("%imm.mem1", "", is64[1])))
    return (base + [_imm("mem", lambda ins, lay: lay.memory(ins.imm[1]))],   # memory.init
            lambda ins: (0, _symbolic("%imm.mem", "", is64[0])))


_WIDE_KINDS = ("memarg", "memarg_lane", "mem", "memory.copy", "memory.init")


def _bit_choices(op: Op) -> tuple[str, ...]:
    return ("32_32", "32_64", "64_32", "64_64") if op.imm == "memory.copy" else ("32", "64")


# (base op, bits) -> its wide form; and each wide form -> its base op
WIDE: dict[tuple, Op] = {}
for _op in OPS:
    if _op.imm in _WIDE_KINDS:
        for _bits in _bit_choices(_op):
            _kind = f"wide{_bits}:{_op.imm}"
            _IMM_RULES[_kind] = _wide_rule(_op.imm, _bits)
            _ps, _rs = memory_signature(_op, [b == "64" for b in _bits.split("_")])
            WIDE[(_op, _bits)] = Op(f"{_op.name}.m{_bits}", _op.prefix, _op.code, _kind, _ps,
                                    _rs, _op.feature, _op.natural_align)
WIDE_BASE: dict[Op, Op] = {w: op for (op, _b), w in WIDE.items()}


# Table instructions on 64-bit tables (table64): tables are immediates in
# every form already (the VMTable*'s offset), so only the index type
# differs: a ``.t64`` form (``.t64_32``... for table.copy) of each.
def _sym_table(slot: int, is64: bool):
    from ..compile.memory import SymbolicTable
    return SymbolicTable(slot, is64)


def _sym_index(ssa: str, is64: bool):
    from ..compile.memory import SymbolicIndex
    return SymbolicIndex(ssa, is64)


_TABLE_KINDS = ("table", "table.copy", "table.init")
# table.grow passes its table index to the runtime builtin
_TABLE_GROW_RULE = ([_imm("idx", lambda ins, lay: ins.imm, "i32")], lambda ins: "%imm.idx")
for _op in OPS:
    if _op.imm not in _TABLE_KINDS:
        continue
    for _bits in (("64_32", "32_64", "64_64") if _op.imm == "table.copy" else ("64",)):
        _w = [b == "64" for b in _bits.split("_")]
        _kind = f"wide{_bits}:{_op.imm}:{_op.name}"
        # the plain form's immediates; the placeholder says the index type
        if _op.name == "table.grow":
            _IMM_RULES[_kind] = (_TABLE_GROW_RULE[0],
                                 lambda ins, w=_w: _sym_index("%imm.idx", w[0]))
        elif _op.imm == "table":
            _IMM_RULES[_kind] = (_IMM_RULES["table"][0], lambda ins, w=_w: _sym_table(0, w[0]))
        elif _op.imm == "table.copy":
            _IMM_RULES[_kind] = (_IMM_RULES["table.copy"][0],
                                 lambda ins, w=_w: (_sym_table(0, w[0]), _sym_table(1, w[1])))
        else:                                                   # table.init
            _IMM_RULES[_kind] = (_IMM_RULES["table.init"][0],
                                 lambda ins, w=_w: (0, _sym_table(0, w[0])))
        _name = f"{_op.name}.t{_bits}"
        if _op.name in _SPECIAL_SIGS:
            _ps, _rs = _SPECIAL_SIGS[_op.name]
            _SPECIAL_SIGS[_name] = (
                tuple("i64" if (k == 0 or (_op.name == "table.fill" and k == 2)
                                or (_op.name == "table.grow" and k == 1)) else t
                      for k, t in enumerate(_ps)),
                tuple("i64" if _op.name in ("table.size", "table.grow") else t for t in _rs))
            _params, _results = _op.params, _op.results
        elif _op.imm == "table.copy":
            _params = (I64 if _w[0] else I32, I64 if _w[1] else I32, I64 if all(_w) else I32)
            _results = ()
        else:                                                   # table.init
            _params, _results = (I64, I32, I32), ()
        WIDE[(_op, "t" + _bits)] = Op(_name, _op.prefix, _op.code, _kind, _params, _results,
                                       _op.feature, _op.natural_align)
WIDE_BASE.update({w: op for (op, _b), w in WIDE.items()})


def wide_form(op: Op, imm, mem64: list[bool],
              table64: Optional[list[bool]] = None) -> Optional[Op]:
    """The wide form an instruction of ``op`` needs (None: the plain one):
    one naming a memory other than 0, or a 64-bit memory or table.
    ``mem64`` / ``table64``: per memory / table, whether it is 64-bit."""
    kind = op.imm
    if kind in _TABLE_KINDS:
        if not table64:
            return None
        if kind == "table.copy":
            d, s_ = table64[imm[0]], table64[imm[1]]
            if not (d or s_):
                return None
            return WIDE[(op, "t" + ("64" if d else "32") + "_" + ("64" if s_ else "32"))]
        t = imm if kind == "table" else imm[1]
        return WIDE[(op, "t64")] if table64[t] else None
    if kind not in _WIDE_KINDS:
        return None
    if kind == "memory.copy":
        d, s_ = imm
        if d == 0 and s_ == 0 and not mem64[0]:
            return None
        return WIDE[(op, ("64" if mem64[d] else "32") + "_" + ("64" if mem64[s_] else "32"))]
    m = imm if kind == "mem" else imm[1] if kind == "memory.init" else imm[2]
    if m == 0 and not mem64[0]:
        return None
    return WIDE[(op, "64" if mem64[m] else "32")]




NO_FORM = 0xFFFFFFFF    # a form row's offset of a fuel form the op does not have


class Form:
    """One handler: its symbol, its immediates, and for the compiler-made
    ones, the operand/result counts (the pre-decoder tracks the height)."""

    __slots__ = ("symbol", "imms", "nparams", "nresults", "placeholder")

    def __init__(self, symbol: str, imms: list, nparams: int, nresults: int,
                 placeholder: Optional[Callable]) -> None:
        self.symbol, self.imms, self.nparams = symbol, imms, nparams
        self.nresults, self.placeholder = nresults, placeholder

    def __repr__(self) -> str:
        return f"Form({self.symbol!r}, {self.nparams} -> {self.nresults})"


# the instructions the interpreter handles itself (the rest: lowered)
OWN_OPS = frozenset((
    "unreachable", "nop", "block", "loop", "if", "else", "end", "br", "br_if", "br_table",
    "return", "call", "call_indirect", "drop", "select", "select_t", "local.get",
    "local.set", "local.tee", "global.get", "global.set", "i32.const", "i64.const",
    "f32.const", "f64.const", "v128.const", "ref.null", "i8x16.shuffle",
    "br_on_null", "br_on_non_null", "call_ref", "return_call", "return_call_indirect",
    "return_call_ref", "br_on_cast", "br_on_cast_fail",
    # exceptions: the interpreter's own handlers and handler table (bytecode.py)
    "throw", "throw_ref", "try_table", "try", "catch", "catch_all", "delegate", "rethrow"))



def shape(op: Op) -> tuple[tuple, tuple, list, Callable]:
    """(param lltypes, result lltypes, immediates, placeholder) of a lowered op."""
    if op.name in _SPECIAL_SIGS:
        ps, rs = _SPECIAL_SIGS[op.name]
    else:
        ps = tuple(LLTYPE[t] for t in op.params)
        rs = tuple(LLTYPE[t] for t in op.results)
    if op.name == "table.grow":
        imms, placeholder = _TABLE_GROW_RULE
    elif op.imm is None:
        imms, placeholder = [], (lambda ins: None)
    else:
        imms, placeholder = _IMM_RULES[op.imm]
    return ps, rs, imms, placeholder


def handler_symbol(op: Op, consume_fuel: bool, srcs: str = "") -> str:
    return ("h_" + op.name.replace(".", "_") + (f"_{srcs}" if srcs else "")
            + ("_fuel" if consume_fuel else ""))


# loads whose address may be an i32.add of these sources ("a" + sources)
# folded into them (the add's lowering, then the load's): base + index or
# base + offset, where a C compiler could not put the offset in the memarg
ADDRESS_ADD = ("aSS", "aLL", "aLS", "aLC", "aSC")
ADDRESS_LOADS = frozenset(("i32.load", "i64.load", "f32.load", "f64.load", "i32.load8_u",
                           "i32.load8_s", "i32.load16_u", "i32.load16_s"))


_FLOAT_TESTS = ("eq", "ne", "lt", "gt", "le", "ge")


def _scalar(op: Op) -> bool:
    return op.name.split(".")[0] in ("i32", "i64", "f32", "f64")


def _is_test(op: Op) -> bool:
    tail = op.name.split(".", 1)[1]
    return tail in ("eqz", "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u",
                    "ge_s", "ge_u")


class Lowered:
    """The lowered instructions, from the names of the numeric ones and of
    the others (the compiler's NUMERIC and HANDLERS)."""

    def __init__(self, numeric, handled) -> None:
        self.numeric = frozenset(numeric)
        self._lowered = self.numeric | frozenset(handled)
        self._ops: Optional[list[Op]] = None
        self._rest: Optional[dict[str, Op]] = None

    @property
    def ops(self) -> list[Op]:
        """Every lowered op (with the variant rows relaxed SIMD's
        deterministic mode puts in, and those of NaN canonicalization:
        interp/library.py). Made when first asked: the interpreter's
        start-up asks ``op`` a name at a time (listing ~740 ops cost ~0.25 ms)."""
        if self._ops is None:
            lowered = self._lowered
            self._ops = [op for op in (*OPS, *VARIANT_OPS, *NAN_CANON_OPS, *WIDE.values(),
                                       *CAST_TESTS.values())
                         if op.name not in OWN_OPS and op.name in lowered]
        return self._ops

    def op(self, name: str) -> Optional[Op]:
        """The op called ``name`` if the handlers lower it, else None (the
        names of ``ops`` are unique: tests/test_interp_load.py)."""
        if name in OWN_OPS or name not in self._lowered:
            return None
        op = OP_BY_NAME.get(name) or VARIANT_BY_NAME.get(name)
        if op is None:
            rest = self._rest
            if rest is None:
                rest = self._rest = {op.name: op for op in (
                    *OPS, *VARIANT_OPS, *NAN_CANON_OPS, *WIDE.values(), *CAST_TESTS.values())}
            op = rest.get(name)
        return op

    def fused_then(self, op: Op) -> tuple[tuple[str, str], ...]:
        """(operand sources, then) superinstructions ending in a local.set or
        a br_if: binary numeric ops into a local; integer tests into a branch
        (``br``), or into a loop's back-edge (``brl``)."""
        if op.name not in self.numeric or len(op.results) != 1:
            return ()
        forms: tuple = ()
        if len(op.params) == 2:
            forms += tuple((s_, "set") for s_ in ("SS", "LL", "SL", "SC", "LC"))
            if _scalar(op):
                forms += (("LS", "set"),)
        if op.name.split(".")[0] in ("i32", "i64") and _is_test(op):
            srcs = ("SS", "LL", "SL", "SC", "LC") if len(op.params) == 2 else ("S", "L")
            forms += tuple((s_, "br") for s_ in srcs)
            # into a loop's back-edge, with its header's checks (handlers'
            # back_edge; not with fuel or epochs: those keep the header)
            forms += tuple((s_, "brl") for s_ in srcs)
        elif op.name.split(".")[0] in ("f32", "f64") and op.name.split(".")[1] in _FLOAT_TESTS:
            # float tests into a branch (mandelbrot's escape test); no
            # back-edge forms, and an if never runs as the negation: with a
            # NaN, not less is not greater-or-equal
            forms += tuple((s_, "br") for s_ in ("SS", "LL", "SL", "SC", "LC"))
        return forms

    def fused_sources(self, op: Op) -> tuple[str, ...]:
        """The superinstructions of ``op``: operand-source patterns the
        pre-decoder folds ``local.get`` / constants into (bytecode.py)."""
        numeric = op.name in self.numeric
        if numeric and len(op.params) == 2:
            # LS: the first operand a local.get before the code of the
            # second (bytecode.py defers it; scalar ops only)
            return ("LL", "SL", "SC", "LC") + (("LS",) if _scalar(op) else ())
        if numeric and len(op.params) == 1:
            return ("L",)
        if op.imm == "memarg" and op.name != "memory.size" and op.prefix is None:
            if len(op.params) == 1:
                # loads: the address from a local; or an i32.add right before
                return ("L",) + (ADDRESS_ADD if op.name in ADDRESS_LOADS else ())
            if len(op.params) == 2:
                return ("LL", "SL", "SC", "LC", "LS")     # stores
        return ()

    def forms_for(self, symbols) -> dict:
        """``HandlerSet.forms`` from the symbols a built library has."""
        forms = {}
        for op in self.ops:
            forms.update(self.forms_of(op, symbols))
        return forms

    def variants(self, op: Op) -> list[tuple[tuple, str]]:
        """(key rest, symbol without ``_fuel``) of each handler of ``op``,
        in a fixed order: the plain form, its superinstructions, those into
        a local.set or a branch (the order of the built library's form
        rows: interp/library.py)."""
        np_ = len(shape(op)[0])
        base = "h_" + op.name.replace(".", "_")
        plain = "S" * np_
        out: list[tuple[tuple, str]] = [((), base)]
        out += [((srcs,), f"{base}_{srcs}") for srcs in self.fused_sources(op)]
        out += [((srcs, then), f"{base}_{'' if srcs == plain else srcs}_{then}")
                for srcs, then in self.fused_then(op)]
        return out

    def forms_of(self, op: Op, symbols) -> dict:
        """The forms of one op, keyed as in ``HandlerSet.forms``. The
        interpreter asks an op at a time (library.py), the first time the
        pre-decoder meets it: describing all ~2,600 forms at start-up cost
        a small module's start-up ~4 ms."""
        forms = {}
        ps, rs, imms, placeholder = shape(op)
        np_, nr = len(ps), len(rs)
        name = op.name
        for rest, sym in self.variants(op):
            form = Form(sym, imms, np_, nr, placeholder)
            forms[(name, False, *rest)] = form
            fsym = sym + "_fuel"
            forms[(name, True, *rest)] = (Form(fsym, imms, np_, nr, placeholder)
                                          if fsym in symbols else form)
        return forms

    def placed_forms(self, op: Op, row, base: int, fuel: bool) -> Optional[dict]:
        """``forms_of``'s entries for fuel setting ``fuel`` and, with fuel,
        also those without (what the interpreter's op tables take), each
        with its handler's address: (Form, address). ``row``: the handler
        offsets in the image at ``base`` of each of ``variants``, plain
        then fuel (NO_FORM: the op has no fuel form of its own, its plain
        one serves), written when the library was built (library.py); no
        symbol is looked up. None when ``row`` does not have an entry pair
        for each variant."""
        variants = self.variants(op)
        if len(row) != 2 * len(variants):
            return None
        forms = {}
        ps, rs, imms, placeholder = shape(op)
        np_, nr = len(ps), len(rs)
        name = op.name
        for j, (rest, sym) in enumerate(variants):
            form = (Form(sym, imms, np_, nr, placeholder), base + row[2 * j])
            forms[(name, False, *rest)] = form
            if fuel:
                off = row[2 * j + 1]
                forms[(name, True, *rest)] = (
                    (Form(sym + "_fuel", imms, np_, nr, placeholder), base + off)
                    if off != NO_FORM else form)
        return forms


# Wasm GC's heap instructions: their variants (struct.get.i32...) join WIDE
from . import gc_forms  # noqa: E402,F401
