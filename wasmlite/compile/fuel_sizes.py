"""Which bulk and grow instructions have a size Wasmtime knows when compiling.

Wasmtime charges ``memory.fill/copy/init``, ``table.fill/copy/init``,
``memory.grow`` and ``table.grow`` one unit of fuel per byte, element or page
(interrupts.py). A size it knows at compile time and that is at most
``STATIC_MAX`` is charged up front with the instruction, like the
instruction's own unit (so a failing grow still pays); any other size is
charged only once the operation has succeeded, followed by a fuel check.

"Knows" is Cranelift's view while translating: the size operand is an
``iconst`` once SSA variables are resolved. ``static_sizes`` reproduces that
from the wasm body alone, so every tier takes the same decision:

* ``i32.const k`` is known; so is ``global.get`` of an immutable global
  defined with an ``i32.const`` initializer, and a non-parameter local never
  written (zero);
* a local holds what was last stored in it on every path: where paths meet
  (the end of a block, if or loop that several edges reach), a local or a
  block result stays known only when every edge brings the very same value
  (the same ``i32.const`` instruction); an operation on values (``i32.add``,
  ``select``...) is never known;
* inside a loop, a local read before being written in that loop is not known
  (the loop header is not sealed while its body is translated); after the
  loop it is known again when no back edge changed it -- but only if the
  loop read it. A local a loop with back edges never read is not known
  after the loop: Cranelift first looks it up there, through the sealed
  header, and gets a block parameter. (Measured against Wasmtime 50 with a
  fuel budget that runs out just after the sized instruction: fuzz seed
  700337, tests/test_fuel_wasmtime.py.)
"""
from __future__ import annotations

from typing import Optional

from ..syntax.instructions import OP_BY_NAME
from ..syntax.module import Func, Module
from ..syntax.types import I32, ExternKind, FuncType, ValType

# the largest known size charged up front (larger ones: after the operation)
STATIC_MAX = 128

# the instructions whose last operand is a size Wasmtime charges fuel for
SIZED = frozenset(OP_BY_NAME[n] for n in (
    "memory.fill", "memory.copy", "memory.init", "memory.grow",
    "table.fill", "table.copy", "table.init", "table.grow",
    # Wasm GC: one unit per array element (measured against wasmtime-py 50:
    # array.new_fixed and the struct ops cost only their 1)
    "array.new", "array.new_default", "array.new_data", "array.new_elem",
    "array.fill", "array.copy", "array.init_data", "array.init_elem"))

_N = {name: OP_BY_NAME[name] for name in (
    "block", "loop", "if", "else", "end", "br", "br_if", "br_table", "return",
    "unreachable", "call", "call_indirect", "drop", "select", "select_t",
    "local.get", "local.set", "local.tee", "global.get", "global.set",
    "i32.const", "table.get", "table.set", "table.size", "table.grow",
    "table.fill", "ref.null", "ref.is_null", "ref.func", "return_call",
    "return_call_indirect", "return_call_ref", "call_ref", "br_on_null", "br_on_non_null",
    "ref.as_non_null", "try_table", "try", "catch", "catch_all", "delegate", "throw",
    "throw_ref", "rethrow", "br_on_cast", "br_on_cast_fail")}
# block-like: a frame; a try's catch edges come from anywhere in its body,
# so what they carry (and every local) is unknown there
_OPENS = frozenset(_N[n] for n in ("block", "loop", "if", "try_table", "try"))
_THROWS = frozenset(_N[n] for n in ("throw", "throw_ref", "rethrow"))
# the tail calls end their block as return does
_TAIL_CALLS = frozenset(_N[n] for n in ("return_call", "return_call_indirect",
                                         "return_call_ref"))
_SPECIAL_EFFECT = {   # (pops, pushes) of the rows the table leaves to the validator
    _N["table.get"]: (1, 1), _N["table.set"]: (2, 0), _N["table.grow"]: (2, 1),
    _N["table.fill"]: (3, 0), _N["ref.null"]: (0, 1), _N["ref.is_null"]: (1, 1),
    _N["ref.func"]: (0, 1), _N["table.size"]: (0, 1), _N["ref.as_non_null"]: (1, 1)}


class _Const:
    """One ``i32.const`` (or zero local, or constant global): identity matters."""

    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value & 0xFFFFFFFF


class _Param:
    """A loop header's value of a local while the loop is translated; once the
    loop ends it may turn out to be one incoming value (``alias``). ``used``:
    read inside the loop (Cranelift made the header parameter then);
    ``entry``: the local's value where the loop began."""

    __slots__ = ("alias", "used", "entry", "ended")

    def __init__(self, entry) -> None:
        self.alias = None
        self.used = False
        self.entry = entry
        self.ended = False


def _use(v) -> None:
    """A read of value ``v``: the loop headers the lookup passes through."""
    while isinstance(v, _Param) and v.alias is None and not v.used:
        v.used = True
        if not v.ended:
            return          # its loop's end looks further (the entry edge)
        v = v.entry


def _resolve(v):
    while isinstance(v, _Param) and v.alias is not None:
        v = v.alias
    return v


class _Frame:
    __slots__ = ("kind", "nparams", "nresults", "height", "entry_locals",
                 "entry_vals", "incoming", "back", "params")

    def __init__(self, kind, nparams, nresults, height, entry_locals, entry_vals):
        self.kind = kind
        self.nparams = nparams
        self.nresults = nresults
        self.height = height
        self.entry_locals = entry_locals      # locals when the frame began
        self.entry_vals = entry_vals          # block params (if: for the else)
        self.incoming: list = []              # (locals, result values) edges to the end
        self.back: list = []                  # loop: locals on back edges
        self.params: list = []                # loop: the header's _Param per local


def _merge(values: list):
    """One value for several edges: the common one, else unknown (None)."""
    first = _resolve(values[0])
    for v in values[1:]:
        if _resolve(v) is not first:
            return None
    return first


def static_sizes(module: Module, func: Func, ft: FuncType) -> dict[int, int]:
    """``{index in func.body: size}`` for each instruction of SIZED whose size
    operand Wasmtime knows at compile time (u32 value)."""
    body = func.body
    if not any(ins.op in SIZED for ins in body):
        return {}
    types = module.types
    func_types = [types[i] for i in module.func_type_indices()]
    nimported_globals = module.num_imported(ExternKind.GLOBAL)
    const_globals: dict[int, _Const] = {}
    for gi, g in enumerate(module.globals):
        init = g.init
        if (not g.type.mutable and g.type.valtype == I32 and len(init) >= 1
                and init[0].op is _N["i32.const"] and (len(init) == 1 or init[1].op is _N["end"])):
            const_globals[nimported_globals + gi] = _Const(init[0].imm)

    def block_arity(bt) -> tuple[int, int]:
        if bt is None:
            return 0, 0
        if isinstance(bt, ValType):
            return 0, 1
        t = types[bt]
        return len(t.params), len(t.results)

    tag_types = module.tag_type_indices()
    nparams = len(ft.params)
    locals_: list = [None] * nparams + [_Const(0) for _ in func.locals]
    stack: list = []
    frames = [_Frame("func", 0, len(ft.results), 0, None, [])]
    dead = False
    dead_depth = 0
    out: dict[int, int] = {}

    def top(n: int) -> list:
        """The top ``n`` values (padded: never short)."""
        vals = stack[max(len(stack) - n, 0):] if n else []
        return [None] * (n - len(vals)) + vals

    def edge(depth: int) -> None:
        f = frames[-1 - depth]
        if f.kind == "loop":
            f.back.append(list(locals_))
        else:
            f.incoming.append((list(locals_), top(f.nresults)))

    def pop(k: int) -> None:
        # (tolerant: a stack effect modelled wrong only loses precision)
        if k:
            del stack[max(len(stack) - k, 0):]

    for i, ins in enumerate(body):
        op = ins.op
        if dead:
            if op in _OPENS:
                dead_depth += 1
                continue
            if (op is _N["end"] or op is _N["delegate"]) and dead_depth:
                dead_depth -= 1
                continue
            if not (op is _N["end"] or op is _N["delegate"] or (
                    op in (_N["else"], _N["catch"], _N["catch_all"]) and not dead_depth)):
                continue
        if op in SIZED and not dead:
            v = _resolve(stack[-1]) if stack else None
            if isinstance(v, _Const):
                out[i] = v.value
        if op is _N["i32.const"]:
            stack.append(_Const(ins.imm))
        elif op is _N["local.get"]:
            # (a loop header's _Param stays unknown until its loop ends)
            v = locals_[ins.imm]
            _use(v)
            stack.append(v)
        elif op is _N["local.set"]:
            locals_[ins.imm] = stack.pop() if stack else None
        elif op is _N["local.tee"]:
            locals_[ins.imm] = stack[-1] if stack else None
        elif op is _N["global.get"]:
            stack.append(const_globals.get(ins.imm))
        elif op in _OPENS:
            if op is _N["if"]:
                pop(1)
            if op is _N["try_table"]:
                for c in ins.imm[1]:        # a throw anywhere in the body
                    f = frames[-1 - c.label]
                    unknown = [None] * len(locals_)
                    if f.kind == "loop":
                        f.back.append(unknown)
                    else:
                        f.incoming.append((unknown, [None] * f.nresults))
            np_, nr = block_arity(ins.imm[0] if op is _N["try_table"] else ins.imm)
            height = len(stack) - np_
            f = _Frame(op.name, np_, nr, height, list(locals_), list(stack[height:]))
            if op is _N["loop"]:
                f.params = [_Param(v) for v in locals_]
                locals_[:] = f.params
                stack[height:] = [None] * np_
            frames.append(f)
        elif op is _N["else"]:
            f = frames[-1]
            if not dead:
                f.incoming.append((list(locals_), top(f.nresults)))
            del stack[f.height:]
            stack.extend(f.entry_vals)
            locals_[:] = f.entry_locals
            f.kind = "else"
            dead = False
        elif op is _N["catch"] or op is _N["catch_all"]:
            # a legacy catch: entered from anywhere in the try body
            f = frames[-1]
            if not dead:
                f.incoming.append((list(locals_), top(f.nresults)))
            del stack[f.height:]
            if op is _N["catch"]:
                stack.extend([None] * len(types[tag_types[ins.imm]].params))
            locals_[:] = [None] * len(locals_)
            f.kind = "catch"
            dead = False
        elif op is _N["end"] or op is _N["delegate"]:
            f = frames.pop()
            if f.kind == "loop":
                # the header is sealed: a local no back edge changed is the
                # value it had on entry, if the loop read it (or nothing
                # branches back); else it stays a parameter: unknown
                for j, p in enumerate(f.params):
                    p.ended = True
                    if not (p.used or not f.back):
                        continue
                    m = _merge([f.entry_locals[j]] + [b[j] for b in f.back
                                                      if _resolve(b[j]) is not p])
                    if m is not None and m is not p:
                        p.alias = m
                    if p.used:      # sealing looked it up through the entry edge
                        _use(f.entry_locals[j])
                if dead:            # what follows the loop is dead too
                    del stack[f.height:]
                continue
            if f.kind == "if":      # no else: the params pass through
                vals = list(f.entry_vals)
                f.incoming.append((list(f.entry_locals), [None] * (f.nresults - len(vals)) + vals))
            if not dead:
                f.incoming.append((list(locals_), top(f.nresults)))
            del stack[f.height:]
            if not f.incoming:
                dead = True
                stack.extend([None] * f.nresults)
                continue
            dead = False
            edges = f.incoming
            locals_[:] = [_merge([e[0][j] for e in edges]) for j in range(len(locals_))]
            stack.extend(_merge([e[1][k] for e in edges]) for k in range(f.nresults))
            if not frames:
                break
        elif op is _N["br"]:
            edge(ins.imm)
            dead = True
        elif op is _N["br_if"]:
            pop(1)
            edge(ins.imm)
        elif op is _N["br_table"]:
            pop(1)
            targets, default = ins.imm
            for d in set(targets) | {default}:
                edge(d)
            dead = True
        elif op is _N["return"] or op is _N["unreachable"] or op in _TAIL_CALLS \
                or op in _THROWS:
            dead = True
        elif op is _N["br_on_cast"] or op is _N["br_on_cast_fail"]:
            # the reference stays, and goes with the branch too
            pop(1)
            stack.append(None)
            edge(ins.imm[0])
        elif op is _N["br_on_null"]:
            # the reference off, the label's values below it branch; a
            # non-null reference stays
            pop(1)
            edge(ins.imm)
            stack.append(None)
        elif op is _N["br_on_non_null"]:
            # the branch carries the reference on top of the label's values;
            # a null one is dropped
            edge(ins.imm)
            pop(1)
        elif op is _N["call_ref"]:
            t = types[ins.imm]
            pop(len(t.params) + 1)
            stack.extend([None] * len(t.results))
        elif op is _N["call"]:
            t = func_types[ins.imm]
            pop(len(t.params))
            stack.extend([None] * len(t.results))
        elif op is _N["call_indirect"]:
            t = types[ins.imm[0]]
            pop(len(t.params) + 1)
            stack.extend([None] * len(t.results))
        elif op is _N["drop"]:
            pop(1)
        elif op is _N["select"] or op is _N["select_t"]:
            pop(3)
            stack.append(None)
        elif op is _N["global.set"]:
            pop(1)
        elif op in _SPECIAL_EFFECT:
            p, r = _SPECIAL_EFFECT[op]
            pop(p)
            stack.extend([None] * r)
        elif op.params is None:
            effect = _gc_effect(op.name, ins.imm, types)
            if effect is None:
                return {}   # a row not modelled here: nothing is known
            pop(effect[0])
            stack.extend([None] * effect[1])
        else:
            pop(len(op.params))
            stack.extend([None] * len(op.results))
    return out


# (pops, pushes) of the Wasm GC rows whose effect does not depend on a type
_GC_EFFECT = {
    "struct.new_default": (0, 1), "struct.get": (1, 1), "struct.get_s": (1, 1),
    "struct.get_u": (1, 1), "struct.set": (2, 0), "array.new": (2, 1),
    "array.new_default": (1, 1), "array.new_data": (2, 1), "array.new_elem": (2, 1),
    "array.get": (2, 1), "array.get_s": (2, 1), "array.get_u": (2, 1), "array.set": (3, 0),
    "array.len": (1, 1), "array.fill": (4, 0), "array.copy": (5, 0),
    "array.init_data": (4, 0), "array.init_elem": (4, 0), "ref.i31": (1, 1),
    "i31.get_s": (1, 1), "i31.get_u": (1, 1), "ref.eq": (2, 1), "ref.test": (1, 1),
    "ref.test_null": (1, 1), "ref.cast": (1, 1), "ref.cast_null": (1, 1),
    "any.convert_extern": (1, 1), "extern.convert_any": (1, 1)}


def _gc_effect(name: str, imm, types) -> Optional[tuple[int, int]]:
    """(pops, pushes) of a Wasm GC instruction, None for one not modelled
    (br_on_cast*: a branch)."""
    if name == "struct.new":
        return len(types[imm].fields), 1
    if name == "array.new_fixed":
        return imm[1], 1
    return _GC_EFFECT.get(name)


def charged_up_front(module: Module, func: Func, ft: FuncType) -> dict[int, int]:
    """``{index in func.body: size}`` of the SIZED instructions whose size
    is charged with the instruction (known, at most STATIC_MAX); every other
    SIZED instruction charges after its operation (interrupts.fuel_per_unit)."""
    return {i: k for i, k in static_sizes(module, func, ft).items() if k <= STATIC_MAX}
