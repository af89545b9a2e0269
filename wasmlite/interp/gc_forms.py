"""The interpreter's forms of Wasm GC's heap instructions (struct.*, array.*).

A heap instruction's stack effect and code depend on its type: the storage
kind of the field or element it touches, the struct's size, how many
operands struct.new takes. A handler is built once per machine, for no
module in particular, so the pre-decoder rewrites each heap instruction
(``gc_rewrite``) into *variants* whose handlers are made from the
compiler's lowering (compile/gc_objects.py) like every other lowered op:

* one variant per storage kind where the kind decides the LLVM types
  (``struct.get.i32``, ``array.set.i8``, ``array.fill.v128``...);
* one ``.gc`` variant where only sizes differ, which are then immediates
  (``array.copy.gc``: the element size; ``array.new_data.gc``...);
* struct.new and array.new_fixed take any number of operands, so each
  becomes an allocation (``struct.new.alloc``: the object pushed above its
  field values) then one *init step* per value, last first
  (``struct.new.init_i64``: value, object -> object), which the
  pre-decoder emits with the allocation as part of its instruction
  (``init_steps``: no fuel of their own, no trap site). Nothing between
  the allocation and the last step calls into the runtime.

Each variant is a ``forms.WIDE`` entry whose base is the wasm instruction
(``forms.WIDE_BASE``), so it counts fuel as the instruction does. The
rewrite keeps one instruction per instruction (positions, as fuel_sizes.py
gives them, stay). The immediates are read from the
rewritten instruction's ``GcImm``, whose numbers ``gc_imm_of`` took from
the module's types and VMContext layout.
"""
from __future__ import annotations

from typing import Any, Callable

from ..compile.gc_objects import KINDS, GcImm, gc_imm_of
from ..compile.vmcontext import GC_ARRAY_DATA
from ..syntax.instructions import OP_BY_NAME, Op
from ..syntax.module import Instr
from .forms import _IMM_RULES, _SPECIAL_SIGS, WIDE, WIDE_BASE, Imm

_PACKED = ("i8", "i16")        # the storage kinds read with get_s / get_u

# the heap instructions the pre-decoder rewrites (array.len, whose handler
# needs no type, is lowered as it is)
SPLIT = frozenset((
    "struct.new", "struct.new_default", "struct.get", "struct.get_s", "struct.get_u",
    "struct.set", "array.new", "array.new_default", "array.new_fixed", "array.new_data",
    "array.new_elem", "array.get", "array.get_s", "array.get_u", "array.set", "array.fill",
    "array.copy", "array.init_data", "array.init_elem"))
_SPLIT_OPS = frozenset(OP_BY_NAME[n] for n in SPLIT)
_SPECIAL_SIGS["array.len"] = (("i64",), ("i32",))

VARIANTS: dict[str, Op] = {}


def _variant(base: str, suffix: str, imms: list, placeholder: Callable,
             params: tuple, results: tuple) -> None:
    op = OP_BY_NAME[base]
    name = f"{base}.{suffix}"
    kind = f"gc:{name}"
    _IMM_RULES[kind] = (imms, placeholder)
    _SPECIAL_SIGS[name] = (params, results)
    v = Op(name, op.prefix, op.code, kind, None, None, op.feature)
    WIDE[(op, kind)] = v
    WIDE_BASE[v] = op
    VARIANTS[name] = v


def _imm(name: str, attr: str, lltype: str = "i64") -> Imm:
    return Imm(name, lltype, lambda ins, lay: getattr(ins.imm, attr))


_OFF, _SIZE, _SIG = _imm("off", "offset"), _imm("gsize", "size"), _imm("gsig", "sig")
_ESIZE, _SEG = _imm("gesize", "esize"), _imm("gseg", "seg")
_COUNT = _imm("gcount", "count", "i32")


def _register() -> None:
    R = "i64"       # a reference
    _variant("struct.new", "alloc", [_SIZE, _SIG],
             lambda ins: GcImm(size="%imm.gsize", sig="%imm.gsig", step="alloc"), (), (R,))
    _variant("struct.new_default", "gc", [_SIZE, _SIG],
             lambda ins: GcImm(size="%imm.gsize", sig="%imm.gsig"), (), (R,))
    _variant("array.new_default", "gc", [_ESIZE, _SIG],
             lambda ins: GcImm(esize="%imm.gesize", sig="%imm.gsig"), ("i32",), (R,))
    _variant("array.new_fixed", "alloc", [_COUNT, _ESIZE, _SIG],
             lambda ins: GcImm(count="%imm.gcount", esize="%imm.gesize", sig="%imm.gsig",
                                 step="alloc"), (), (R,))
    _variant("array.new_data", "gc", [_ESIZE, _SIG, _SEG],
             lambda ins: GcImm(esize="%imm.gesize", sig="%imm.gsig", seg="%imm.gseg"),
             ("i32", "i32"), (R,))
    _variant("array.new_elem", "gc", [_SIG, _SEG],
             lambda ins: GcImm(esize=8, sig="%imm.gsig", seg="%imm.gseg"),
             ("i32", "i32"), (R,))
    _variant("array.copy", "gc", [_ESIZE], lambda ins: GcImm(esize="%imm.gesize"),
             (R, "i32", R, "i32", "i32"), ())
    _variant("array.init_data", "gc", [_ESIZE, _SEG],
             lambda ins: GcImm(esize="%imm.gesize", seg="%imm.gseg"), (R, "i32", "i32", "i32"), ())
    _variant("array.init_elem", "gc", [_SEG], lambda ins: GcImm(esize=8, seg="%imm.gseg"),
             (R, "i32", "i32", "i32"), ())
    for k, (_mem, es, vt) in KINDS.items():
        def kimm(k=k, es=es, **kw) -> Callable:
            return lambda ins: GcImm(kind=k, esize=es, **kw)
        _variant("struct.new", f"init_{k}", [_OFF], kimm(offset="%imm.off", step="init"),
                 (vt, R), (R,))
        _variant("array.new_fixed", f"init_{k}", [_OFF], kimm(offset="%imm.off", step="init"),
                 (vt, R), (R,))
        _variant("struct.set", k, [_OFF], kimm(offset="%imm.off"), (R, vt), ())
        _variant("array.new", k, [_SIG], kimm(sig="%imm.gsig"), (vt, "i32"), (R,))
        _variant("array.set", k, [], kimm(), (R, "i32", vt), ())
        _variant("array.fill", k, [], kimm(), (R, "i32", vt, "i32"), ())
        if k not in _PACKED:
            _variant("struct.get", k, [_OFF], kimm(offset="%imm.off"), (R,), (vt,))
            _variant("array.get", k, [], kimm(), (R, "i32"), (vt,))
        else:
            for sx, signed in (("_s", True), ("_u", False)):
                _variant("struct.get" + sx, k, [_OFF], kimm(offset="%imm.off", signed=signed),
                         (R,), (vt,))
                _variant("array.get" + sx, k, [], kimm(signed=signed), (R, "i32"), (vt,))


_register()


def has_heap_ops(body: list) -> bool:
    return any(ins.op in _SPLIT_OPS for ins in body)


def gc_rewrite(body: list, types: list, layout: Any) -> list:
    """``body`` with every heap instruction as its variant (same offset;
    struct.new and array.new_fixed as their allocation: ``init_steps``
    gives the steps that follow it)."""
    out: list = []
    imms: dict = {}         # (op, imm) -> GcImm: a body reads the same fields again
    for ins in body:
        op = ins.op
        if op not in _SPLIT_OPS:
            out.append(ins)
            continue
        name = op.name
        g = imms.get((op, ins.imm))
        if g is None:
            g = imms[(op, ins.imm)] = gc_imm_of(name, ins.imm, types, layout)
        if name in ("struct.new", "array.new_fixed"):
            out.append(Instr(VARIANTS[f"{name}.alloc"], g, ins.offset))
        elif name in _SIZES_ONLY:
            out.append(Instr(VARIANTS[f"{name}.gc"], g, ins.offset))
        else:
            out.append(Instr(VARIANTS[f"{name}.{g.kind}"], g, ins.offset))
    return out


_SIZES_ONLY = frozenset(("struct.new_default", "array.new_default", "array.new_data",
                         "array.new_elem", "array.copy", "array.init_data", "array.init_elem"))


def init_steps(ins: Any) -> list[tuple[Op, int]]:
    """The init steps after a struct.new / array.new_fixed allocation
    (``ins``, rewritten): (variant, offset) per value, the last value's
    first. Made only for reachable code: array.new_fixed's count is a u32,
    and in dead code nothing bounds it."""
    g = ins.imm
    if ins.op is VARIANTS["struct.new.alloc"]:
        return [(VARIANTS[f"struct.new.init_{k}"], off) for k, off in reversed(g.fields)]
    step = VARIANTS[f"array.new_fixed.init_{g.kind}"]
    return [(step, GC_ARRAY_DATA + k * g.esize) for k in reversed(range(g.count))]


INIT_STEPS_AFTER = frozenset((VARIANTS["struct.new.alloc"], VARIANTS["array.new_fixed.alloc"]))
