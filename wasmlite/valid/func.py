"""Type checking of one function body (the spec appendix's validation
algorithm: an operand stack and a control stack).

The body is a flat list of ``Instr`` (block/loop/if/else/end markers), so the
checker is one loop over it; nesting depth never turns into Python recursion.

Operand stack entries are ``ValType`` singletons, or ``None`` for the spec's
*Unknown* type, which only appears in unreachable code (after ``unreachable``,
``br``, ``br_table``, ``return``), where the stack is polymorphic.

Dispatch per instruction, fastest first:
  * local.get, inline (the most frequent instruction);
  * ``GENERIC[op]``: instructions with a fixed stack signature in the
    instruction table (numeric, memory, SIMD, bulk memory ...), typed from
    ``op.params`` / ``op.results``, plus an optional immediate check
    (memory index and alignment -- inlined for loads/stores --, lane index,
    segment indices); ``call`` reuses this path with the callee's signature;
  * local.set / local.tee, br_if, block / loop / if / else / end, inline;
  * ``HANDLERS[op]``: one small function per remaining special instruction.
Fast paths compare the top of the stack with a list slice; when that fails
(or the stack is polymorphic) the spec's pop-one-by-one path decides and
words the error.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..errors import InvalidError
from ..syntax import instructions as ins_table
from ..syntax.instructions import (EXCEPTIONS, LEGACY_EXCEPTIONS, OP_BY_NAME, OPS, Op,
                                   memory_signature)
from ..syntax.module import CATCH, CATCH_ALL, CATCH_ALL_REF, CATCH_NAMES, CATCH_REF
from ..syntax.types import (BOT_REF, EXNREF, EXNREF_NON_NULL, FUNCREF, GC_HEAPS, I32, I64,
                            FuncType, PackedType, ValType, matches, ref_type)

__all__ = ["FuncResult", "check_function", "block_signature"]

# -- control frame layout (a list, indexed by these constants, for speed) ----
_U32_MAX = 0xFFFFFFFF   # the largest memarg offset a 32-bit memory takes

F_KIND = 0       # "func" | "block" | "loop" | "if" | "else" | "try_table"
                 # | "try" | "catch" | "catch_all" (legacy exceptions)
F_PARAMS = 1     # list[ValType]
F_RESULTS = 2    # list[ValType]
F_HEIGHT = 3     # operand stack height at entry (after popping the params)
F_UNREACH = 4    # bool: the rest of this frame is unreachable
F_START = 5      # body index of the block/loop/if instruction (-1 for func)
F_LABEL = 6      # list[ValType]: what a branch to this frame carries

_EMPTY_FT = FuncType((), ())


class _Ctx:
    """What a function body may refer to (a view of the module context)."""

    __slots__ = ("types", "func_types", "globals", "tables", "mems",
                 "elem_types", "num_datas", "refs", "bt_cache", "call_sigs",
                 "disabled", "used", "canon", "func_type_idx", "mem64", "table64",
                 "tags")

    def __init__(self, types, func_types, globals_, tables, mems, elem_types,
                 num_datas, refs) -> None:
        self.types: list[FuncType] = types
        self.func_types: list[FuncType] = func_types
        self.globals = globals_            # list[GlobalType]
        self.tables = tables               # list[TableType]
        self.mems = mems                   # list[MemoryType]
        # per memory, whether its index type is i64 (memory64); None when
        # none is, so 32-bit modules pay nothing for it
        self.mem64: Optional[list[bool]] = ([m.is64 for m in mems]
                                            if any(m.is64 for m in mems) else None)
        # the same for tables (table64)
        self.table64: Optional[list[bool]] = ([t.is64 for t in tables]
                                              if any(t.is64 for t in tables) else None)
        self.elem_types: list[ValType] = elem_types
        self.num_datas: int = num_datas
        self.refs: set[int] = refs
        # block type immediate -> (FuncType, params list, results list)
        self.bt_cache: dict[Any, tuple] = {}
        # per function index: a GENERIC-shaped entry typing ``call``
        # (signatures are shared, so build one entry per distinct FuncType)
        by_type: dict[FuncType, tuple] = {}
        for ft in func_types:
            if ft not in by_type:
                by_type[ft] = (list(ft.params), len(ft.params), list(ft.results), None)
        self.call_sigs: list[tuple] = [by_type[ft] for ft in func_types]
        # Op.feature names the engine turned off (Config.wasm_relaxed_simd...)
        self.disabled: frozenset[str] = frozenset()
        # the Op.feature names (of _FEATURE_WORDS) the bodies use
        self.used: set[str] = set()
        # the types made comparable (syntax.types.canonical_types): type
        # indices of equal function types match; and each function's type
        # index, what ref.func's (ref $t) names (validate.py sets both)
        self.canon: Optional[list] = None
        self.func_type_idx: Optional[list[int]] = None
        # the FuncType of every tag (index space, imports first; validate.py)
        self.tags: list[FuncType] = []


# Op.feature / disabled name of typed function references (Config.
# wasm_function_references = False), and what Wasmtime says then
FUNCTION_REFERENCES = "function_references"


# Op.feature / disabled name of Wasm GC (Config.wasm_gc = False), and the
# words of its errors then
GC = "gc"
GC_DISABLED = "gc support is not enabled"


def check_valtype(t: object, ntypes: int, typed: bool = True, gc: bool = True) -> None:
    """``t`` is a value type whose type index, if any, names a type;
    ``typed`` False (function references turned off): only funcref and
    externref among the references, in Wasmtime's words; ``gc`` False: no
    GC heap types (any, eq, i31, struct, array, none)."""
    if not isinstance(t, ValType):
        if isinstance(t, PackedType):
            return              # (only a field's valtypes() get here)
        raise InvalidError(f"malformed value type {t!r}")
    if t.is_ref:
        if not gc and type(t.heap) is str and t.heap in GC_HEAPS:
            raise InvalidError(f"{GC_DISABLED}: {t}")
        if not typed:
            if type(t.heap) is int:
                raise InvalidError("function references required for index reference types")
            if not t.nullable:
                raise InvalidError("function references required for non-nullable types")
        if type(t.heap) is int and not 0 <= t.heap < ntypes:
            raise InvalidError(f"unknown type {t.heap}")


def func_type_at(types: list, idx: int) -> FuncType:
    """Type ``idx`` (which exists), which must be a function type (Wasm GC
    types may be structs and arrays)."""
    t = types[idx]
    if type(t) is not FuncType:
        raise InvalidError(f"type mismatch: type {idx} is not a function type")
    return t


def note_exnref(ctx: "_Ctx") -> None:
    """An exception reference type is used (it belongs to exception
    handling: rejected when the engine turned that off, else noted in the
    features, so that the tiers know the module needs it)."""
    if EXCEPTIONS in ctx.disabled:
        raise InvalidError("exceptions support is not enabled: exnref")
    ctx.used.add(EXCEPTIONS)


def _need_function_references(c: "_Checker") -> None:
    if FUNCTION_REFERENCES in c.ctx.disabled:
        raise InvalidError("function references support is not enabled")


def block_signature(ctx: _Ctx, bt) -> tuple:
    """Resolve a block type immediate to (FuncType, params, results)."""
    cached = ctx.bt_cache.get(bt)
    if cached is not None:
        return cached
    if bt is None:
        ft = _EMPTY_FT
    elif isinstance(bt, ValType):
        check_valtype(bt, len(ctx.types), FUNCTION_REFERENCES not in ctx.disabled,
                      GC not in ctx.disabled)
        if bt.top is EXNREF:
            note_exnref(ctx)
        ft = FuncType((), (bt,))
    elif isinstance(bt, int) and not isinstance(bt, bool):
        if not 0 <= bt < len(ctx.types):
            raise InvalidError(f"unknown type {bt}")
        ft = func_type_at(ctx.types, bt)
    else:
        raise InvalidError(f"malformed block type {bt!r}")
    res = (ft, list(ft.params), list(ft.results))
    ctx.bt_cache[bt] = res
    return res


class FuncResult:
    """What checking one body found (validate.py wraps it into FuncInfo)."""

    __slots__ = ("max_stack", "max_depth", "block_types", "select_types",
                 "ends", "elses", "num_instrs", "catches")

    def __init__(self) -> None:
        self.num_instrs = 0
        self.max_stack = 0
        self.max_depth = 0
        self.block_types: dict[int, FuncType] = {}
        self.select_types: dict[int, ValType] = {}
        self.ends: dict[int, int] = {}
        self.elses: dict[int, int] = {}
        # legacy try -> body indices of its catch / catch_all, in order
        self.catches: dict[int, list[int]] = {}


def _fmt(types) -> str:
    return "[" + " ".join("_" if t is None else t.name for t in types) + "]"


class _Checker:
    """Mutable state of one body check; handlers receive it."""

    __slots__ = ("ctx", "stack", "ctrls", "locals", "res")

    def __init__(self, ctx: _Ctx, locals_: list[ValType], res: FuncResult) -> None:
        self.ctx = ctx
        self.stack: list[Optional[ValType]] = []
        self.ctrls: list[list] = []
        self.locals = locals_
        self.res = res

    # -- the spec algorithm's primitives (slow paths) ------------------------

    def pop(self, expect: Optional[ValType]) -> Optional[ValType]:
        stack = self.stack
        frame = self.ctrls[-1]
        if len(stack) == frame[F_HEIGHT]:
            if frame[F_UNREACH]:
                return None           # Unknown: the polymorphic stack
            want = "a value" if expect is None else str(expect)
            raise InvalidError(f"type mismatch: expected {want} but the stack is empty")
        actual = stack.pop()
        if expect is None or actual is None:
            return actual
        if actual is not expect and not matches(actual, expect, self.ctx.canon):
            raise InvalidError(f"type mismatch: expected {expect} but got {actual}")
        return actual

    def pop_ref(self) -> ValType:
        """Pop a reference; Unknown (unreachable code) gives the bottom
        reference type, as the spec's pop of a polymorphic stack does."""
        t = self.pop(None)
        if t is None:
            return BOT_REF
        if not t.is_ref:
            raise InvalidError(f"type mismatch: expected a reference but got {t}")
        return t

    def pop_vals(self, types: list) -> None:
        """Pop ``types`` (last one on top); fast when the stack plainly has them."""
        stack = self.stack
        n = len(types)
        if not n:
            return
        h = len(stack)
        if h - n >= self.ctrls[-1][F_HEIGHT] and stack[h - n:] == types:
            del stack[h - n:]
            return
        have = stack[max(self.ctrls[-1][F_HEIGHT], h - n):]
        try:
            for t in reversed(types):
                self.pop(t)
        except InvalidError:
            raise InvalidError(f"type mismatch: instruction requires {_fmt(types)} "
                               f"but stack has {_fmt(have)}") from None

    def set_unreachable(self) -> None:
        frame = self.ctrls[-1]
        del self.stack[frame[F_HEIGHT]:]
        frame[F_UNREACH] = True

    def label(self, depth: Any) -> list:
        ctrls = self.ctrls
        if not isinstance(depth, int) or not 0 <= depth < len(ctrls):
            raise InvalidError(f"unknown label {depth}")
        return ctrls[-1 - depth][F_LABEL]


# -- immediate checks for fixed-signature instructions -------------------------

def _check_index(kind: str, idx: Any, count: int) -> None:
    if not isinstance(idx, int) or not 0 <= idx < count:
        raise InvalidError(f"unknown {kind} {idx}")


_MEM_KINDS = ("memarg", "memarg_lane", "mem", "memory.copy", "memory.init")
_TABLE_KINDS = ("table", "table.copy", "table.init")


def mem64_signature(op, imm, mem64: list[bool], plist: list, rlist: list) -> tuple[list, list]:
    """The operand and result types of a memory instruction whose memory
    may be 64-bit (instructions.memory_signature, for the memories ``imm``
    names: it has been checked, the indices exist)."""
    kind = op.imm
    mems = ((imm[2],) if kind in ("memarg", "memarg_lane") else (imm,) if kind == "mem"
            else imm if kind == "memory.copy" else (imm[1],))
    wide = [mem64[m] for m in mems]
    if not any(wide):
        return plist, rlist
    ps, rs = memory_signature(op, wide)
    return list(ps), list(rs)


def table64_signature(op, imm, table64: list[bool], plist: list,
                      rlist: list) -> tuple[list, list]:
    """The types of table.size / table.copy / table.init whose tables may
    be 64-bit (table64), as mem64_signature does for memories."""
    if op.imm == "table":                                 # table.size
        return plist, ([I64] if table64[imm] else rlist)
    if op.imm == "table.copy":
        d, s_ = table64[imm[0]], table64[imm[1]]
        return [I64 if d else I32, I64 if s_ else I32, I64 if d and s_ else I32], rlist
    if table64[imm[1]]:                                   # table.init
        return [I64, I32, I32], rlist
    return plist, rlist


def _index_type(c: _Checker, table: int) -> ValType:
    """A table's index type (i64 for table64)."""
    t64 = c.ctx.table64
    return I64 if t64 is not None and t64[table] else I32


def _chk_memarg(c: _Checker, ins) -> None:
    align, _offset, mem = ins.imm[0], ins.imm[1], ins.imm[2]
    _check_index("memory", mem, len(c.ctx.mems))
    if align > ins.op.natural_align:
        raise InvalidError("alignment must not be larger than natural")
    if _offset > _U32_MAX and not c.ctx.mems[mem].is64:
        raise InvalidError("offset out of range")


def _chk_memarg_lane(c: _Checker, ins) -> None:
    _chk_memarg(c, ins)
    lane = ins.imm[3]
    if not 0 <= lane < 16 >> ins.op.natural_align:
        raise InvalidError(f"invalid lane index {lane}")


def _lane_checker(lanes: int) -> Callable:
    def check(c: _Checker, ins) -> None:
        if not isinstance(ins.imm, int) or not 0 <= ins.imm < lanes:
            raise InvalidError(f"invalid lane index {ins.imm}")
    return check


def _chk_shuffle(c: _Checker, ins) -> None:
    lanes = ins.imm
    if len(lanes) != 16 or any(b >= 32 for b in lanes):
        raise InvalidError("invalid lane index")


def _chk_mem(c: _Checker, ins) -> None:
    _check_index("memory", ins.imm, len(c.ctx.mems))


def _chk_data(c: _Checker, ins) -> None:
    _check_index("data segment", ins.imm, c.ctx.num_datas)


def _chk_memory_init(c: _Checker, ins) -> None:
    data, mem = ins.imm
    _check_index("memory", mem, len(c.ctx.mems))
    _check_index("data segment", data, c.ctx.num_datas)


def _chk_memory_copy(c: _Checker, ins) -> None:
    dst, src = ins.imm
    _check_index("memory", dst, len(c.ctx.mems))
    _check_index("memory", src, len(c.ctx.mems))


def _chk_table(c: _Checker, ins) -> None:
    _check_index("table", ins.imm, len(c.ctx.tables))


def _chk_elem(c: _Checker, ins) -> None:
    _check_index("elem segment", ins.imm, len(c.ctx.elem_types))


def _chk_table_init(c: _Checker, ins) -> None:
    elem, table = ins.imm
    _check_index("table", table, len(c.ctx.tables))
    _check_index("elem segment", elem, len(c.ctx.elem_types))
    if not matches(c.ctx.elem_types[elem], c.ctx.tables[table].elem, c.ctx.canon):
        raise InvalidError("type mismatch: element segment type does not match table")


def _chk_table_copy(c: _Checker, ins) -> None:
    dst, src = ins.imm
    tables = c.ctx.tables
    _check_index("table", dst, len(tables))
    _check_index("table", src, len(tables))
    if not matches(tables[src].elem, tables[dst].elem, c.ctx.canon):
        raise InvalidError("type mismatch: table element types differ")


_IMM_CHECKS: dict[Optional[str], Optional[Callable]] = {
    None: None, "i32": None, "i64": None, "f32": None, "f64": None,
    "v128": None,
    "memarg": _chk_memarg, "memarg_lane": _chk_memarg_lane,
    "shuffle": _chk_shuffle, "mem": _chk_mem, "data": _chk_data,
    "memory.init": _chk_memory_init, "memory.copy": _chk_memory_copy,
    "table": _chk_table, "elem": _chk_elem, "table.init": _chk_table_init,
    "table.copy": _chk_table_copy,
}


# Features an engine can turn off, as Wasmtime's validator words them.
_FEATURE_WORDS = {"relaxed_simd": "relaxed SIMD", EXCEPTIONS: "exceptions",
                  LEGACY_EXCEPTIONS: "legacy exceptions", "gc": "gc"}


def _feature_checker(feature: str, check: Optional[Callable]) -> Callable:
    """``check``, after rejecting the instruction when the engine turned its
    feature off (the generic tables are shared, so the test is per use)."""
    words = _FEATURE_WORDS[feature]

    def chk(c: _Checker, ins) -> None:
        if feature in c.ctx.disabled:
            raise InvalidError(f"{words} support is not enabled")
        c.ctx.used.add(feature)
        if check is not None:
            check(c, ins)
    return chk


def _generic_entry(op: Op):
    """(params list, n params, results list, immediate check) or None."""
    if op.params is None:
        return None
    if op.feature in _FEATURE_WORDS:
        check = _feature_checker(op.feature, _IMM_CHECKS[op.imm])
    elif op.imm == "lane":
        shape = op.name.split(".")[0]              # e.g. "i8x16"
        check = _lane_checker(int(shape.split("x")[1]))
    else:
        check = _IMM_CHECKS[op.imm]
    return (list(op.params), len(op.params), list(op.results), check)


GENERIC: dict[Op, tuple] = {}
for _op in OPS:
    _e = _generic_entry(_op)
    if _e is not None:
        GENERIC[_op] = _e


# -- handlers for the remaining special instructions ---------------------------

def _h_unreachable(c: _Checker, ins, i: int) -> None:
    c.set_unreachable()


def _h_br(c: _Checker, ins, i: int) -> None:
    c.pop_vals(c.label(ins.imm))
    c.set_unreachable()


def _h_br_table(c: _Checker, ins, i: int) -> None:
    targets, default = ins.imm
    c.pop(I32)
    default_types = c.label(default)
    arity = len(default_types)
    stack = c.stack
    for t in targets:
        types = c.label(t)
        if len(types) != arity:
            raise InvalidError("type mismatch: br_table targets have different arities")
        # Pop the label's types and push back what was popped (Unknown stays
        # Unknown), so every target is checked against the same operands.
        popped = []
        for ty in reversed(types):
            popped.append(c.pop(ty))
        popped.reverse()
        stack.extend(popped)
    c.pop_vals(default_types)
    c.set_unreachable()


def _h_return(c: _Checker, ins, i: int) -> None:
    c.pop_vals(c.ctrls[0][F_LABEL])
    c.set_unreachable()


def _h_call_indirect(c: _Checker, ins, i: int) -> None:
    type_idx, table = ins.imm
    ctx = c.ctx
    _check_index("table", table, len(ctx.tables))
    _check_index("type", type_idx, len(ctx.types))
    if not matches(ctx.tables[table].elem, FUNCREF, ctx.canon):
        raise InvalidError("type mismatch: call_indirect needs a table of funcref")
    ft = func_type_at(ctx.types, type_idx)
    c.pop(_index_type(c, table))
    c.pop_vals(list(ft.params))
    c.stack.extend(ft.results)


def _h_drop(c: _Checker, ins, i: int) -> None:
    c.pop(None)


def _h_select(c: _Checker, ins, i: int) -> None:
    c.pop(I32)
    t1 = c.pop(None)
    t2 = c.pop(None)
    # Untyped select is only for numeric and vector types in Wasm 2.0.
    if (t1 is not None and t1.is_ref) or (t2 is not None and t2.is_ref):
        raise InvalidError("type mismatch: select without type needs numeric or vector operands")
    if t1 is not None and t2 is not None and t1 is not t2:
        raise InvalidError(f"type mismatch: select operands {t2} and {t1} differ")
    t = t2 if t1 is None else t1
    if t is not None:
        c.res.select_types[i] = t
    c.stack.append(t)


def _h_select_t(c: _Checker, ins, i: int) -> None:
    types = ins.imm
    if len(types) != 1:
        raise InvalidError("invalid result arity")
    t = types[0]
    check_valtype(t, len(c.ctx.types), FUNCTION_REFERENCES not in c.ctx.disabled,
                  GC not in c.ctx.disabled)
    if t.top is EXNREF:
        note_exnref(c.ctx)
    c.pop(I32)
    c.pop(t)
    c.pop(t)
    c.stack.append(t)


def _global(c: _Checker, x: Any):
    _check_index("global", x, len(c.ctx.globals))
    return c.ctx.globals[x]


def _h_global_get(c: _Checker, ins, i: int) -> None:
    c.stack.append(_global(c, ins.imm).valtype)


def _h_global_set(c: _Checker, ins, i: int) -> None:
    g = _global(c, ins.imm)
    if not g.mutable:
        # Wasmtime's (and the 2.0 suite's) words, then the 3.0 suite's
        raise InvalidError("global is immutable: cannot set an immutable global")
    c.pop(g.valtype)


def _table_elem(c: _Checker, x: Any) -> ValType:
    _check_index("table", x, len(c.ctx.tables))
    return c.ctx.tables[x].elem


def _h_table_get(c: _Checker, ins, i: int) -> None:
    t = _table_elem(c, ins.imm)
    c.pop(_index_type(c, ins.imm))
    c.stack.append(t)


def _h_table_set(c: _Checker, ins, i: int) -> None:
    t = _table_elem(c, ins.imm)
    c.pop(t)
    c.pop(_index_type(c, ins.imm))


def _h_table_grow(c: _Checker, ins, i: int) -> None:
    t = _table_elem(c, ins.imm)
    at = _index_type(c, ins.imm)
    c.pop(at)
    c.pop(t)
    c.stack.append(at)


def _h_table_fill(c: _Checker, ins, i: int) -> None:
    t = _table_elem(c, ins.imm)
    at = _index_type(c, ins.imm)
    c.pop(at)
    c.pop(t)
    c.pop(at)


def _h_ref_null(c: _Checker, ins, i: int) -> None:
    t = ins.imm
    if not isinstance(t, ValType) or not t.is_ref:
        raise InvalidError(f"malformed reference type {t!r}")
    check_valtype(t, len(c.ctx.types), FUNCTION_REFERENCES not in c.ctx.disabled,
                  GC not in c.ctx.disabled)
    if t.top is EXNREF:
        note_exnref(c.ctx)
    c.stack.append(t)


def _h_ref_is_null(c: _Checker, ins, i: int) -> None:
    t = c.pop(None)
    if t is not None and not t.is_ref:
        raise InvalidError(f"type mismatch: ref.is_null needs a reference, got {t}")
    c.stack.append(I32)


def _h_ref_func(c: _Checker, ins, i: int) -> None:
    x = ins.imm
    _check_index("function", x, len(c.ctx.func_types))
    if x not in c.ctx.refs:
        raise InvalidError(f"undeclared function reference {x}")
    # Wasm 3.0: a typed reference to the function's own type
    idx = c.ctx.func_type_idx
    c.stack.append(FUNCREF if idx is None else ref_type(idx[x], False))


def _h_ref_as_non_null(c: _Checker, ins, i: int) -> None:
    _need_function_references(c)
    t = c.pop_ref()
    c.stack.append(ref_type(t.heap, False) if t is not BOT_REF else t)


def _h_br_on_null(c: _Checker, ins, i: int) -> None:
    # [t* (ref null ht)] -> [t* (ref ht)], branching with t* on null
    _need_function_references(c)
    types = c.label(ins.imm)
    t = c.pop_ref()
    c.pop_vals(types)
    c.stack.extend(types)
    c.stack.append(ref_type(t.heap, False) if t is not BOT_REF else t)


def _h_br_on_non_null(c: _Checker, ins, i: int) -> None:
    # [t* (ref null ht)] -> [t*], branching with t* (ref ht) on non-null:
    # the label's last type takes the reference
    _need_function_references(c)
    types = c.label(ins.imm)
    if not types or not types[-1].is_ref:
        raise InvalidError("type mismatch: br_on_non_null needs a label ending in a reference")
    t = c.pop_ref()
    nn = ref_type(t.heap, False) if t is not BOT_REF else t
    if not matches(nn, types[-1], c.ctx.canon):
        raise InvalidError(f"type mismatch: expected {types[-1]} but got {nn}")
    rest = types[:-1]
    c.pop_vals(rest)
    c.stack.extend(rest)


def _h_call_ref(c: _Checker, ins, i: int) -> None:
    _need_function_references(c)
    x = ins.imm
    _check_index("type", x, len(c.ctx.types))
    ft = func_type_at(c.ctx.types, x)
    c.pop(ref_type(x, True))
    c.pop_vals(list(ft.params))
    c.stack.extend(ft.results)


# -- exception handling ----------------------------------------------------------

def need_feature(c: "_Checker", feature: str) -> None:
    """Reject an instruction of a proposal the engine turned off
    (Config.wasm_exceptions = False); else note the feature as used."""
    if feature in c.ctx.disabled:
        raise InvalidError(f"{_FEATURE_WORDS[feature]} support is not enabled")
    c.ctx.used.add(feature)


def _tag(c: _Checker, x: Any) -> FuncType:
    _check_index("tag", x, len(c.ctx.tags))
    return c.ctx.tags[x]


def _h_throw(c: _Checker, ins, i: int) -> None:
    need_feature(c, EXCEPTIONS)
    c.pop_vals(list(_tag(c, ins.imm).params))
    c.set_unreachable()


def _h_throw_ref(c: _Checker, ins, i: int) -> None:
    need_feature(c, EXCEPTIONS)
    c.pop(EXNREF)
    c.set_unreachable()


def _h_rethrow(c: _Checker, ins, i: int) -> None:
    need_feature(c, LEGACY_EXCEPTIONS)
    x = ins.imm
    if not isinstance(x, int) or not 0 <= x < len(c.ctrls):
        raise InvalidError(f"unknown label {x}")
    if c.ctrls[-1 - x][F_KIND] not in ("catch", "catch_all"):
        raise InvalidError("invalid rethrow label")
    c.set_unreachable()


def check_catches(c: _Checker, catches: Any) -> None:
    """try_table's clauses: what each hands its label (the tag's params,
    then an exnref for the _ref forms) must match the label's types. Labels
    count from outside the try_table (its frame is not pushed yet)."""
    for clause in catches:
        kind, tag, label = clause
        types = c.label(label)
        if kind == CATCH or kind == CATCH_REF:
            have = list(_tag(c, tag).params)
            if kind == CATCH_REF:
                have.append(EXNREF_NON_NULL)
        elif kind == CATCH_ALL:
            have = []
        elif kind == CATCH_ALL_REF:
            have = [EXNREF_NON_NULL]
        else:
            raise InvalidError(f"malformed catch clause kind {kind!r}")
        canon = c.ctx.canon
        if len(have) != len(types) or not all(
                matches(a, b, canon) for a, b in zip(have, types)):
            raise InvalidError(f"type mismatch: {CATCH_NAMES[kind]} gives {_fmt(have)}"
                               f" but its label needs {_fmt(types)}")


# Op.feature / disabled name of tail calls (Config.wasm_tail_call = False)
TAIL_CALL = "tail_call"


def _tail_call(c: _Checker, ft: FuncType) -> None:
    """The end of a return_call*: the callee's results become the caller's,
    so they must match them (subtyping), and nothing follows."""
    caller = c.ctrls[0][F_RESULTS]
    canon = c.ctx.canon
    if len(ft.results) != len(caller) or not all(
            matches(r, t, canon) for r, t in zip(ft.results, caller)):
        raise InvalidError(f"type mismatch: tail call returns {_fmt(list(ft.results))} "
                           f"but the function returns {_fmt(caller)}")
    c.pop_vals(list(ft.params))
    c.set_unreachable()


def _need_tail_call(c: _Checker) -> None:
    if TAIL_CALL in c.ctx.disabled:
        raise InvalidError("tail calls support is not enabled")


def _h_return_call(c: _Checker, ins, i: int) -> None:
    _need_tail_call(c)
    x = ins.imm
    if not 0 <= x < len(c.ctx.func_types):
        raise InvalidError(f"unknown function {x}")
    _tail_call(c, c.ctx.func_types[x])


def _h_return_call_indirect(c: _Checker, ins, i: int) -> None:
    _need_tail_call(c)
    type_idx, table = ins.imm
    ctx = c.ctx
    _check_index("table", table, len(ctx.tables))
    _check_index("type", type_idx, len(ctx.types))
    if not matches(ctx.tables[table].elem, FUNCREF, ctx.canon):
        raise InvalidError("type mismatch: return_call_indirect needs a table of funcref")
    c.pop(_index_type(c, table))
    _tail_call(c, func_type_at(ctx.types, type_idx))


def _h_return_call_ref(c: _Checker, ins, i: int) -> None:
    _need_tail_call(c)
    _need_function_references(c)
    x = ins.imm
    _check_index("type", x, len(c.ctx.types))
    c.pop(ref_type(x, True))
    _tail_call(c, func_type_at(c.ctx.types, x))


HANDLERS: dict[Op, Callable] = {OP_BY_NAME[name]: fn for name, fn in [
    ("unreachable", _h_unreachable), ("br", _h_br),
    ("br_table", _h_br_table), ("return", _h_return),
    ("call_indirect", _h_call_indirect), ("drop", _h_drop),
    ("select", _h_select), ("select_t", _h_select_t),
    ("global.get", _h_global_get), ("global.set", _h_global_set),
    ("table.get", _h_table_get), ("table.set", _h_table_set),
    ("table.grow", _h_table_grow), ("table.fill", _h_table_fill),
    ("ref.null", _h_ref_null), ("ref.is_null", _h_ref_is_null),
    ("ref.func", _h_ref_func), ("ref.as_non_null", _h_ref_as_non_null),
    ("br_on_null", _h_br_on_null), ("br_on_non_null", _h_br_on_non_null),
    ("call_ref", _h_call_ref),
    ("throw", _h_throw), ("throw_ref", _h_throw_ref), ("rethrow", _h_rethrow),
    ("return_call", _h_return_call), ("return_call_indirect", _h_return_call_indirect),
    ("return_call_ref", _h_return_call_ref),
]}

from .gc import GC_HANDLERS  # noqa: E402 (gc.py reads this module's names at call time)
HANDLERS.update({OP_BY_NAME[name]: fn for name, fn in GC_HANDLERS.items()})

_BLOCK = OP_BY_NAME["block"]
_LOOP = OP_BY_NAME["loop"]
_IF = OP_BY_NAME["if"]
_ELSE = ins_table.ELSE
_END = ins_table.END
_LOCAL_GET = OP_BY_NAME["local.get"]
_CALL = OP_BY_NAME["call"]
_BR_IF = OP_BY_NAME["br_if"]
_LOCAL_SET = OP_BY_NAME["local.set"]
_LOCAL_TEE = OP_BY_NAME["local.tee"]
# exception handling's structure: checked inline, as block/else/end are
_TRY_TABLE = ins_table.TRY_TABLE
_TRY = ins_table.TRY
_CATCH = ins_table.CATCH
_CATCH_ALL = ins_table.CATCH_ALL
_DELEGATE = ins_table.DELEGATE
_EXN_BLOCKS = frozenset((_TRY_TABLE, _TRY, _CATCH, _CATCH_ALL, _DELEGATE))

_covered = set(GENERIC) | set(HANDLERS) | _EXN_BLOCKS | {
    _BLOCK, _LOOP, _IF, _ELSE, _END, _LOCAL_GET, _LOCAL_SET, _LOCAL_TEE, _CALL, _BR_IF}
assert _covered == set(OPS), f"untyped instructions: {set(OPS) - _covered}"


def exn_block(c: _Checker, ins, i: int) -> None:
    """try_table, try, catch, catch_all or delegate at body index ``i``:
    the control-stack work block / else / end do for the others. Shared by
    check_function and func_bytes.check_function_bytes, which then take
    the new frame's height from ``c.ctrls[-1]``."""
    op = ins.op
    ctrls = c.ctrls
    stack = c.stack
    res = c.res
    if op is _TRY_TABLE or op is _TRY:
        # a block; try_table's clauses first, in the context outside it
        need_feature(c, op.feature)
        if op is _TRY_TABLE:
            bt, catches = ins.imm
            check_catches(c, catches)
        else:
            bt = ins.imm
        bft, plist, rlist = block_signature(c.ctx, bt)
        res.block_types[i] = bft
        c.pop_vals(plist)
        ctrls.append([op.name, plist, rlist, len(stack), False, i, rlist])
        stack.extend(plist)
    elif op is _DELEGATE:
        # ends the try (no catch before it); the label counts from outside
        # the try, the function's own included
        need_feature(c, LEGACY_EXCEPTIONS)
        if ctrls[-1][F_KIND] != "try":
            raise InvalidError("malformed body: delegate without try")
        frame = _pop_ctrl(c)
        c.label(ins.imm)
        res.ends[frame[F_START]] = i
        stack.extend(frame[F_RESULTS])
    else:
        # catch / catch_all: a new segment of the try, as else is of an if,
        # starting with the tag's params
        need_feature(c, LEGACY_EXCEPTIONS)
        if ctrls[-1][F_KIND] not in ("try", "catch"):
            raise InvalidError(f"malformed body: {op.name} without try")
        params = _tag(c, ins.imm).params if op is _CATCH else ()
        frame = _pop_ctrl(c)
        res.catches.setdefault(frame[F_START], []).append(i)
        frame[F_KIND] = op.name
        frame[F_UNREACH] = False
        ctrls.append(frame)
        stack.extend(params)


def _pop_ctrl(c: _Checker) -> list:
    """The spec's pop_ctrl: the frame's results must be exactly what is left."""
    frame = c.ctrls[-1]
    stack = c.stack
    results = frame[F_RESULTS]
    height = frame[F_HEIGHT]
    if not (len(stack) == height + len(results) and stack[height:] == results):
        c.pop_vals(results)
        if len(stack) != height:
            raise InvalidError(f"type mismatch: block requires {_fmt(results)} "
                               f"but stack has {_fmt(stack[height:])}")
    del stack[height:]
    c.ctrls.pop()
    return frame


def check_function(ctx: _Ctx, ft: FuncType, locals_: list[ValType],
                   body: list) -> FuncResult:
    """Type-check one body; raise InvalidError naming the instruction."""
    res = FuncResult()
    c = _Checker(ctx, locals_, res)
    stack = c.stack
    ctrls = c.ctrls
    results = list(ft.results)
    ctrls.append(["func", [], results, 0, False, -1, results])
    nlocals = len(locals_)
    call_sigs = ctx.call_sigs
    nmems = len(ctx.mems)
    mem64 = ctx.mem64
    table64 = ctx.table64
    nfuncs = len(call_sigs)
    generic = GENERIC
    handlers = HANDLERS
    block_types = res.block_types
    max_stack = 0
    max_depth = 1
    height = 0            # stack height of the innermost frame
    i = -1
    ins = None
    n_body = len(body)
    # Non-defaultable locals (non-nullable references, Wasm 3.0) must be set
    # before they are read; what a block sets counts only until its end
    # (the spec's per-frame init sets): ``sets[-1]`` lists the locals the
    # innermost frame initialized. Nothing to track in most functions.
    uninit = {x for x in range(len(ft.params), nlocals) if not locals_[x].nullable}
    track = bool(uninit)
    sets: list[list[int]] = [[]]
    try:
        for i, ins in enumerate(body):
            op = ins.op
            if op is _LOCAL_GET:                  # the most frequent instruction
                x = ins.imm
                if not 0 <= x < nlocals:
                    raise InvalidError(f"unknown local {x}")
                if track and x in uninit:
                    raise InvalidError(f"uninitialized local {x}")
                stack.append(locals_[x])
                if len(stack) > max_stack:
                    max_stack = len(stack)
                continue
            g = generic.get(op)
            if g is None and op is _CALL:         # typed like a generic op
                x = ins.imm
                if not 0 <= x < nfuncs:
                    raise InvalidError(f"unknown function {x}")
                g = call_sigs[x]
            if g is not None:
                plist, n, rlist, check = g
                if check is not None:
                    if check is _chk_memarg:      # loads/stores: inline
                        imm = ins.imm
                        if not 0 <= imm[2] < nmems:
                            raise InvalidError(f"unknown memory {imm[2]}")
                        if imm[0] > op.natural_align:
                            raise InvalidError("alignment must not be larger than natural")
                        if imm[1] > _U32_MAX and not ctx.mems[imm[2]].is64:
                            raise InvalidError("offset out of range")
                    else:
                        check(c, ins)
                    if mem64 is not None and op.imm in _MEM_KINDS:
                        plist, rlist = mem64_signature(op, ins.imm, mem64, plist, rlist)
                        n = len(plist)
                    elif table64 is not None and op.imm in _TABLE_KINDS:
                        plist, rlist = table64_signature(op, ins.imm, table64, plist, rlist)
                        n = len(plist)
                if n:
                    h = len(stack)
                    if h - n >= height and stack[h - n:] == plist:
                        del stack[h - n:]
                    else:
                        c.pop_vals(plist)
                if rlist:
                    stack.extend(rlist)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
                continue
            if op is _LOCAL_SET or op is _LOCAL_TEE:
                x = ins.imm
                if not 0 <= x < nlocals:
                    raise InvalidError(f"unknown local {x}")
                t = locals_[x]
                if track and x in uninit:
                    uninit.discard(x)
                    sets[-1].append(x)
                if len(stack) > height and stack[-1] is t:
                    if op is _LOCAL_SET:
                        stack.pop()
                else:
                    c.pop(t)
                    if op is _LOCAL_TEE:
                        # (in unreachable code the pop may have taken nothing)
                        stack.append(t)
                        if len(stack) > max_stack:
                            max_stack = len(stack)
                continue
            if op is _BR_IF:
                x = ins.imm
                if not 0 <= x < len(ctrls):
                    raise InvalidError(f"unknown label {x}")
                types = ctrls[-1 - x][F_LABEL]
                h = len(stack) - 1 - len(types)
                if h >= height and stack[-1] is I32 and stack[h:-1] == types:
                    stack.pop()
                else:
                    c.pop(I32)
                    c.pop_vals(types)
                    stack.extend(types)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
                continue
            if op is _BLOCK or op is _LOOP or op is _IF:
                bft, plist, rlist = block_signature(ctx, ins.imm)
                block_types[i] = bft
                if op is _IF:
                    c.pop(I32)
                n = len(plist)
                if n:
                    h = len(stack)
                    if h - n >= height and stack[h - n:] == plist:
                        del stack[h - n:]
                    else:
                        c.pop_vals(plist)
                height = len(stack)
                ctrls.append([op.name, plist, rlist, height, False, i,
                              plist if op is _LOOP else rlist])
                if track:
                    sets.append([])
                stack.extend(plist)
                if len(ctrls) > max_depth:
                    max_depth = len(ctrls)
                if len(stack) > max_stack:
                    max_stack = len(stack)
                continue
            if op is _END:
                frame = _pop_ctrl(c)
                if track:
                    uninit.update(sets.pop())
                kind = frame[F_KIND]
                if kind == "if" and frame[F_PARAMS] != frame[F_RESULTS]:
                    raise InvalidError("type mismatch: if without else must "
                                       "leave its params as its results")
                if kind == "func":
                    if i != n_body - 1:
                        raise InvalidError("malformed body: instructions after the final end")
                    break
                res.ends[frame[F_START]] = i
                stack.extend(frame[F_RESULTS])
                height = ctrls[-1][F_HEIGHT]
                if len(stack) > max_stack:
                    max_stack = len(stack)
                continue
            if op is _ELSE:
                if ctrls[-1][F_KIND] != "if":
                    raise InvalidError("malformed body: else without if")
                frame = _pop_ctrl(c)
                if track:
                    uninit.update(sets[-1])
                    sets[-1] = []
                res.elses[frame[F_START]] = i
                frame[F_KIND] = "else"
                frame[F_UNREACH] = False
                height = frame[F_HEIGHT]
                ctrls.append(frame)
                stack.extend(frame[F_PARAMS])
                continue
            if op in _EXN_BLOCKS:
                exn_block(c, ins, i)
                if track:                 # as block / else / end do
                    if op is _TRY_TABLE or op is _TRY:
                        sets.append([])
                    elif op is _DELEGATE:
                        uninit.update(sets.pop())
                    else:
                        uninit.update(sets[-1])
                        sets[-1] = []
                height = ctrls[-1][F_HEIGHT]
                if len(ctrls) > max_depth:
                    max_depth = len(ctrls)
                if len(stack) > max_stack:
                    max_stack = len(stack)
                continue
            handler = handlers.get(op)
            if handler is None:
                raise InvalidError(f"unknown instruction {op!r}")
            handler(c, ins, i)
            if len(stack) > max_stack:
                max_stack = len(stack)
        else:
            raise InvalidError("malformed body: missing final end")
    except InvalidError as e:
        where = "" if ins is None else f" (at instruction {i}: {ins.op.name})"
        raise InvalidError(f"{e.args[0]}{where}") from None
    except (TypeError, ValueError, AttributeError, IndexError) as e:
        # A hand-built Instr with immediates of the wrong shape.
        raise InvalidError(f"malformed immediate at instruction {i}: {ins!r} ({e})") from None
    res.max_stack = max_stack
    res.max_depth = max_depth
    res.num_instrs = n_body
    return res
