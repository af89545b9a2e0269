"""Pre-decoding: a validated function body -> the interpreter's code.

One pass over the instruction list, tracking the operand-stack height (fixed
at every instruction by validation) and the control frames, as the compiler
does. Out comes a list of u64 words: per instruction the address of its
handler and its immediates (handlers.py). ``block``, ``loop``, ``end`` and
``nop`` vanish; branches become jumps to absolute code addresses with the
label's height and arity, so no handler ever searches for a label. Dead code
after ``br``/``return``/``unreachable`` is skipped as the compiler skips it.

Fuel follows the compiler's accounting to the unit (compile/interrupts.py):
the same instructions are free, the cost of straight-line code is charged
in one ``x_fuel`` word pair before the same instructions, and the checks sit
at function entry and loop headers.

Speed: this runs on every function's first call, so for a big program it
is start-up time (CPython for WASI pre-decodes ~1,750 functions to print
one line). Everything an instruction's row decides (its kind, handler,
superinstructions, stack effect, fuel class) is worked out once per process
and fuel setting, in an ``_OpInfo`` record (``_op_table``); the loop tests
small integer kinds, most common first. Per instruction it allocates
nothing it can avoid: the two foldable operands are plain locals, a fold
rewrites the words in place, a frame's branch fixups chain through the
code words, a call's words are cached per callee, and trap sites are one
word index per instruction, made into (word, offset) pairs only when a
trap asks (``Code.offset_at``). bench/predecode.py measures it.
"""
from __future__ import annotations

import bisect
import struct
from array import array
from typing import Any, Callable, Optional

from ..binary.decode import LazyFunc
from ..compile.fuel_sizes import SIZED, charged_up_front
from ..compile.interrupts import FLUSH_BEFORE, FUEL_FREE
from ..compile.vmcontext import VMContextLayout
from ..compile.exceptions import has_handlers
from .forms import CAST_TESTS, WIDE_BASE, wide_form
from .gc_forms import INIT_STEPS_AFTER, gc_rewrite, init_steps
from .layout import HT_DELEGATE as _HT_DELEGATE
from .layout import OSR_NESTED as _OSR_NESTED
from ..syntax.instructions import OP_BY_NAME

_LEGACY_TRY = OP_BY_NAME.get("try")
from ..syntax.module import Func, Instr, Module
from ..syntax.types import FuncType, ValType

_MASK = (1 << 64) - 1
# a value type's size -> the suffix of the handlers that move a value of it
# by its width (handlers.LOCAL_WIDTHS; v128: the width-less ones)
_WIDTH_SUFFIX = {4: "32", 8: "64", 16: ""}
_SLOT_MASK = (1 << 20) - 1      # a deferred local.get's slot, in its entry's low bits

# instruction kinds, in the order the main loop tests them (how common
# each is in compiled C: local.get ~24%, constants ~16%, lowered ops ~30%)
(_GET, _CONST, _FORM, _TEE, _SET, _BR_IF, _END, _BLOCK, _CALL, _BR, _IF, _LOOP,
 _ELSE, _DROP, _SELECT, _GLOBAL_GET, _GLOBAL_SET, _RETURN, _UNREACHABLE,
 _BR_TABLE, _CALL_INDIRECT, _REF_NULL, _V128_CONST, _SHUFFLE, _NOP,
 _BR_ON_NULL, _BR_ON_NON_NULL, _CALL_REF, _RETURN_CALL, _RETURN_CALL_INDIRECT,
 _RETURN_CALL_REF, _TRY_TABLE, _TRY, _CATCH, _DELEGATE, _THROW, _THROW_REF, _RETHROW,
 _BR_ON_CAST, _UNSUPPORTED) = range(40)
UNSUPPORTED = _UNSUPPORTED      # the kind of a row the interpreter cannot run
_OWN_KINDS = {
    "local.get": _GET, "i32.const": _CONST, "i64.const": _CONST, "f32.const": _CONST,
    "f64.const": _CONST, "local.tee": _TEE, "local.set": _SET, "br_if": _BR_IF,
    "end": _END, "block": _BLOCK, "call": _CALL, "br": _BR, "if": _IF, "loop": _LOOP,
    "else": _ELSE, "drop": _DROP, "select": _SELECT, "select_t": _SELECT,
    "global.get": _GLOBAL_GET, "global.set": _GLOBAL_SET, "return": _RETURN,
    "unreachable": _UNREACHABLE, "br_table": _BR_TABLE, "call_indirect": _CALL_INDIRECT,
    "ref.null": _REF_NULL, "v128.const": _V128_CONST, "i8x16.shuffle": _SHUFFLE, "nop": _NOP,
    "br_on_null": _BR_ON_NULL, "br_on_non_null": _BR_ON_NON_NULL, "call_ref": _CALL_REF,
    "return_call": _RETURN_CALL, "return_call_indirect": _RETURN_CALL_INDIRECT,
    "return_call_ref": _RETURN_CALL_REF,
    "try_table": _TRY_TABLE, "try": _TRY, "catch": _CATCH, "catch_all": _CATCH,
    "delegate": _DELEGATE, "throw": _THROW, "throw_ref": _THROW_REF, "rethrow": _RETHROW,
    "br_on_cast": _BR_ON_CAST, "br_on_cast_fail": _BR_ON_CAST}

def _label_words(words: list, target, f: list) -> None:
    """A conditional branch's label words after its handler word: the
    destination (a loop's header; else chained into the frame's end fixups),
    the label's height and arity (frame layout below). br_if and br_table
    write theirs inline: they are the hot ones."""
    n = len(words)
    target(n)
    if f[0] == _F_LOOP:
        words.append(f[5])
    else:
        words.append(f[4])
        f[4] = n
    words.append(f[7])
    words.append(f[8])


# control frames: [kind, height below the params, nparams, nresults, the
# last word that gets the frame's end address (-1: none yet; each such word
# holds the previous one until the end: a chain through the code, no list),
# loop header word, if: the else word, a branch's destination slot offset,
# a branch's arity]
_F_FUNC, _F_BLOCK, _F_LOOP, _F_IF, _F_ELSE = range(5)

# The local.get / constants emitted since the last label or other
# instruction that an op may fold in, as one small integer: in base 3, the
# one before the last (0 none) and the last (1 a local.get, 2 a constant),
# so 0 none, 1 L, 2 C, 4 LL, 5 LC, 7 CL, 8 CC. Each such instruction is
# two words, right before the op's.
_AFTER_GET = tuple(r % 3 * 3 + 1 for r in range(9))
_AFTER_CONST = tuple(r % 3 * 3 + 2 for r in range(9))


# an integer test's negation: ``test; if`` runs as the negation's branch to the else
_NEGATED = {"eq": "ne", "ne": "eq", "lt_s": "ge_s", "ge_s": "lt_s", "lt_u": "ge_u",
            "ge_u": "lt_u", "gt_s": "le_s", "le_s": "gt_s", "gt_u": "le_u", "le_u": "gt_u"}


class _OpInfo:
    """What the pre-decoder needs of one instruction row, for one fuel setting."""

    __slots__ = ("kind", "name", "addr", "nparams", "delta", "imms", "plain", "folds",
                 "tset", "tbr", "tbrl", "ls", "via_add", "sized", "plain_addr", "spill", "cost", "flush", "opens",
                 "steps")

    def __init__(self, op: Any, kind: int) -> None:
        self.kind = kind
        self.name = op.name
        self.addr = 0
        self.nparams = 0
        self.delta = 0              # height change of a lowered op
        self.imms: tuple = ()       # Imm.value of each immediate word
        self.plain = ""             # operand sources when nothing is folded
        # per recent pattern (_AFTER_GET): None, or the superinstruction
        # (handlers.fused_sources) that folds them, its sources, and how
        # many words before the op the folded ones start
        self.folds: tuple = (None,) * 9
        self.tset: Optional[dict] = None    # sources -> op-into-local.set
        self.tbr: Optional[dict] = None     # sources -> test-into-br_if
        self.tbrl: Optional[dict] = None    # sources -> test-into-loop-back-edge
        self.ls = 0                 # the LS superinstruction (a deferred local.get)
        self.via_add: Optional[dict] = None     # add sources -> load of that add
        base = WIDE_BASE.get(op, op)        # a wide form counts fuel as its op
        self.sized = base in SIZED
        self.plain_addr = 0         # the SIZED op's handler without per-unit charge
        self.spill = 0              # bytes an access touches (fuel: past-maximum check)
        self.cost = 0 if base in FUEL_FREE else 1
        # a GC allocation that its init steps follow (gc_forms.init_steps)
        self.steps = op in INIT_STEPS_AFTER
        self.flush = base in FLUSH_BEFORE
        self.opens = op.name in ("block", "loop", "if", "try_table", "try")


class _OpTable:
    """``ops``: Op -> _OpInfo for one interpreter and fuel setting (a plain
    dict: the loop's lookup is the fastest there is), each record made by
    ``info`` the first time a body has that op (a module uses a few dozen
    rows of the ~440)."""

    def __init__(self, interp: Any, consume_fuel: bool, nan_canonical: bool = False) -> None:
        self.ops: dict[Any, _OpInfo] = {}
        self.fuel = consume_fuel
        self.forms, self.plain_forms, self.fused, self.thens = interp.tables(consume_fuel,
                                                                             nan_canonical)

    def info(self, op: Any) -> _OpInfo:
        name = op.name
        form = self.forms.get(name)
        if form is None:
            info = _OpInfo(op, _OWN_KINDS.get(name, _UNSUPPORTED))
            self.ops[op] = info
            return info
        info = _OpInfo(op, _FORM)
        addr, f = form
        fused, thens = self.fused, self.thens
        info.addr = addr
        info.nparams = f.nparams
        info.delta = f.nresults - f.nparams
        info.imms = tuple(imm.value for imm in f.imms)
        info.plain = "S" * f.nparams
        folds: list = [None] * 9
        # (a bulk/grow op folds nothing: a fuel flush may come before it)
        for rec in (1, 2, 4, 5, 7, 8) if not info.sized else ():
            last = "L" if rec % 3 == 1 else "C"
            if f.nparams == 2:
                # both operands when the first is a local, else the second
                a = fused.get((name, "L" + last)) if rec // 3 == 1 else None
                if a is not None:
                    folds[rec] = (a, "L" + last, 4)
                elif fused.get((name, "S" + last)) is not None:
                    folds[rec] = (fused[(name, "S" + last)], "S" + last, 2)
            elif f.nparams == 1 and last == "L" and fused.get((name, "L")) is not None:
                folds[rec] = (fused[(name, "L")], "L", 2)
        info.folds = tuple(folds)
        if f.nparams == 2 and not info.sized:
            info.ls = fused.get((name, "LS")) or 0
        if f.nparams == 1:
            via = {s: fused[(name, "a" + s)] for s in ("SS", "LL", "LS", "LC", "SC")
                   if (name, "a" + s) in fused}
            info.via_add = via or None
        srcs = (info.plain, "L", "LL", "LC", "SL", "SC", "LS")     # what lo_srcs can be
        tset = {s: thens[(name, s, "set")] for s in srcs if (name, s, "set") in thens}
        tbr = {s: thens[(name, s, "br")] for s in srcs if (name, s, "br") in thens}
        info.tset = tset or None
        # a test folded into br_if would skip br_if's fuel flush
        info.tbr = None if self.fuel else (tbr or None)
        tbrl = {s: thens[(name, s, "brl")] for s in srcs if (name, s, "brl") in thens}
        info.tbrl = None if self.fuel else (tbrl or None)
        if info.sized and name in self.plain_forms:
            info.plain_addr = self.plain_forms[name][0]
        if (op.imm or "").split(":")[-1] in ("memarg", "memarg_lane") and \
                op.natural_align is not None:
            info.spill = 1 << op.natural_align
        self.ops[op] = info
        return info


_tables: dict[tuple[int, bool, bool], tuple[Any, _OpTable]] = {}


def _op_table(interp: Any, consume_fuel: bool, nan_canonical: bool = False) -> _OpTable:
    """The op table of ``interp``, a fuel setting and a NaN setting (one
    per process: the interpreter lives as long as the process)."""
    key = (id(interp), consume_fuel, nan_canonical)
    hit = _tables.get(key)
    if hit is None or hit[0] is not interp:
        hit = _tables[key] = (interp, _OpTable(interp, consume_fuel, nan_canonical))
    return hit[1]


class Code:
    """A function's code words, with the positions of absolute targets."""

    __slots__ = ("words", "targets", "max_height", "osr_loops", "nwords", "_sites",
                 "_starts", "_body", "_entry_offset", "handlers_at", "extra_locals")
    # handlers_at: the handler table's first word (-1: the function has no
    # try); extra_locals: the hidden slots after the locals (a legacy
    # catch's exnref, for rethrow)

    def __init__(self, words: list[int], targets: list[int], max_height: int,
                 osr_loops: int = 0, sites: Optional[list] = None) -> None:
        self.osr_loops = osr_loops
        self.words: Optional[list[int]] = words
        self.nwords = len(words)
        self.targets = targets        # word positions holding a word *index*
        self.max_height = max_height
        self._sites: Optional[tuple[list[int], list[int]]] = (
            [w for w, _ in sites or ()], [o for _, o in sites or ()])
        self._starts: Optional[list[int]] = None
        self._body: Any = None      # the Instr list, or the LazyFunc that reads it
        self._entry_offset = 0
        self.handlers_at, self.extra_locals = -1, 0

    @classmethod
    def _made(cls, words: list[int], targets: list[int], max_height: int, osr_loops: int,
              starts: list[int], body: list, entry_offset: int) -> "Code":
        """The pre-decoder's result: ``starts[i]`` is the word where body
        instruction ``i`` starts (-1: skipped, or folded into another one);
        the sites are made from it on first use (a trap, a backtrace)."""
        code = cls.__new__(cls)
        code.words, code.targets, code.max_height = words, targets, max_height
        code.nwords = len(words)
        code.osr_loops = osr_loops
        code._sites = None
        code._starts, code._body, code._entry_offset = starts, body, entry_offset
        code.handlers_at, code.extra_locals = -1, 0
        return code

    def hold_func_for_body(self, func: Func) -> None:
        """Let ``func`` drop its Instr list if this code was made from it
        unchanged (no rewrite for wide memories or GC); the sites read it
        again from ``func`` if a trap or backtrace ever asks."""
        body = self._body
        if body is not None and isinstance(func, LazyFunc) and body is func.body \
                and func.release_body():
            self._body = func

    def _site_lists(self) -> tuple[list[int], list[int]]:
        sites = self._sites
        if sites is None:
            body, starts = self._body, self._starts
            if body is None or starts is None:
                return self._sites      # another thread made them just now
            if isinstance(body, LazyFunc):
                body = body.body
            # as if each instruction recorded (start, offset) as it was
            # emitted, a later one at the same word (or before it: a fold)
            # replacing what it covers
            sw, so = [0], [self._entry_offset]      # the entry checks
            for ins, w in zip(body, starts):
                if w < 0:
                    continue
                while sw and sw[-1] >= w:
                    sw.pop()
                    so.pop()
                sw.append(w)
                so.append(ins.offset)
            sites = self._sites = (sw, so)
            self._starts = self._body = None
        return sites

    @property
    def sites(self) -> list[tuple[int, int]]:
        """(word index where an instruction starts, its wasm byte offset),
        ascending: what a trap's ip means (offset_at)."""
        sw, so = self._site_lists()
        return list(zip(sw, so))

    def offset_at(self, word: int) -> Optional[int]:
        """The wasm byte offset of the instruction whose code holds ``word``."""
        sw, so = self._site_lists()
        k = bisect.bisect_right(sw, word) - 1
        return so[k] if k >= 0 else None

    def place(self) -> array:
        """The words as native memory (an ``array('Q')``: it must stay alive,
        and never be resized, while the code may run), targets made
        absolute. The Code keeps no words after (``nwords`` stays)."""
        words = self.words
        if words is None:
            raise ValueError("code already placed")
        a = array("Q")
        try:
            a.fromlist(words or [0])    # sized once, unlike array("Q", words)
        except OverflowError:       # a word out of u64 range: stored as ctypes would
            a.fromlist([w & _MASK for w in words])
        base = a.buffer_info()[0]
        for pos in self.targets:
            a[pos] = base + 8 * a[pos]
        self.words = None
        return a


def _widened(body: list, mem64: list[bool], table64: Optional[list[bool]]) -> list:
    """``body`` with each instruction on a memory other than 0, or on a
    64-bit memory or table, given its wide form (same immediates and
    offset)."""
    out = list(body)
    for k, ins in enumerate(body):
        w = wide_form(ins.op, ins.imm, mem64, table64)
        if w is not None:
            out[k] = Instr(w, ins.imm, ins.offset)
    return out


class _Tries:
    """One body's try blocks while it is pre-decoded: each open try's facts
    (by its frame's id), the handler table's entries so far, the end word
    of each frame a catch branches to (``wanted`` ones), and the next
    hidden slot for a legacy try's exnref."""

    __slots__ = ("tries", "entries", "ends", "wanted", "next_slot")

    def __init__(self, first_slot: int) -> None:
        self.tries: dict[int, dict] = {}
        self.entries: list[list] = []
        self.ends: dict[int, int] = {}
        self.wanted: set[int] = set()
        self.next_slot = first_slot


class Predecoder:
    """Pre-decodes the functions of one module for one engine setting."""

    def __init__(self, module: Module, interp, layout: VMContextLayout,
                 desc_address: Callable[[int], int], out_stub: Callable[[FuncType], int],
                 consume_fuel: bool, epoch_interruption: bool,
                 in_stub: Optional[Callable[[FuncType], int]] = None,
                 exceptions: bool = True, gc: bool = False,
                 nan_canonical: bool = False) -> None:
        self.module = module
        # whether the module's bodies may have GC heap instructions, which
        # are rewritten into the interpreter's variants (gc_forms.py)
        self.gc = gc
        # whether the module's bodies may have try blocks (ModuleInfo.features)
        self.exceptions = exceptions
        # the in stub of a signature: a tail call through a VMFuncRef whose
        # code is it reaches an interpreted function (handlers' tail_through);
        # without: 0, which no VMFuncRef holds, so such calls go out and back
        self.in_stub = in_stub if in_stub is not None else (lambda ft: 0)
        self.it = interp
        self.layout = layout
        self.desc_address = desc_address
        self.out_stub = out_stub
        self.fuel = consume_fuel
        self.epoch = epoch_interruption
        self.types = module.types
        self.func_types = [module.types[i] for i in module.func_type_indices()]
        from ..syntax.types import ExternKind
        self.nimported = module.num_imported(ExternKind.FUNC)
        a = interp.address
        self.h = {name: a[name] for name in interp.own}
        sfx = ("_fuel" if consume_fuel else "") + ("_epoch" if epoch_interruption else "")
        self.header = a["x_header" + sfx]
        # a loop's back-edges that move no values run the header's checks
        # themselves (handlers.back_edge); the tests' _brl forms have no
        # fuel or epoch checks: with those, a test into a back-edge stays a
        # _br form and the header runs
        self.jump_loop, self.br_if_loop = a["x_jump_loop" + sfx], a["x_br_if_loop" + sfx]
        self.test_back_edges = not (consume_fuel or epoch_interruption)
        if consume_fuel:
            # the forms that write the frame's fuel back (handlers.py)
            from .handlers import FUEL_SPILLING
            for name in FUEL_SPILLING:
                self.h[name] = a[name + "_fuel"]
        self.ops = _op_table(interp, consume_fuel, nan_canonical)
        # a local's (get, set, tee, copy) handlers by its type's size: the
        # scalar ones move only its bytes (handlers.LOCAL_WIDTHS)
        self._local_handlers = {
            size: tuple(self.h[f"x_local_{k}{bits}"] for k in ("get", "set", "tee", "copy"))
            for size, bits in _WIDTH_SUFFIX.items()}
        # the same of each global (get, set), and the return of one result
        by_size = {size: (self.h[f"x_global_get{bits}"], self.h[f"x_global_set{bits}"])
                   for size, bits in _WIDTH_SUFFIX.items()}
        self._global_handlers = [by_size[g.valtype.size] for g in module.all_globals()]
        self._return1 = {size: self.h[f"x_return1_{bits}"]
                         for size, bits in _WIDTH_SUFFIX.items() if bits}
        # several memories, or 64-bit ones: instructions on one other than a
        # 32-bit memory 0 take their wide forms (forms.WIDE)
        self.mem64 = [m.is64 for m in module.all_mems()]
        tables64 = [t.is64 for t in module.all_tables()]
        self.table64 = tables64 if any(tables64) else None
        self.wide_memory = len(self.mem64) > 1 or any(self.mem64) or self.table64 is not None
        # bytes each memory can ever have (None: memory64)
        self.mem_bytes = [None if m.is64 else (m.max_pages if m.limits.max is None
                                               else m.limits.max) << m.page_size_log2
                          for m in module.all_mems()] if consume_fuel else []
        # the words of a call, per callee / (type, table): the same in every function
        self._calls: dict[int, tuple[tuple[int, ...], int]] = {}
        self._indirect: dict[tuple[int, int], tuple[tuple[int, ...], int]] = {}
        self._arities: dict[Any, tuple[int, int]] = {}

    def _arity(self, bt) -> tuple[int, int]:
        if bt is None:
            return 0, 0
        if isinstance(bt, ValType):
            return 0, 1
        ft = self.types[bt]
        return len(ft.params), len(ft.results)

    def _call_words(self, index: int) -> tuple[tuple[int, ...], int]:
        cft = self.func_types[index]
        np_, nr = len(cft.params), len(cft.results)
        if index < self.nimported:
            w: tuple[int, ...] = (self.h["x_call_ref"], self.layout.func(index),
                                  self.out_stub(cft), 16 * np_, 16 * nr)
        else:
            w = (self.h["x_call"], self.desc_address(index), 16 * np_, 16 * nr)
        self._calls[index] = (w, nr - np_)
        return w, nr - np_

    def _indirect_words(self, imm: tuple[int, int]) -> tuple[tuple[int, ...], int]:
        type_idx, table_idx = imm
        cft = self.types[type_idx]
        np_, nr = len(cft.params), len(cft.results)
        lay = self.layout
        # (a 64-bit table's index is an i64 operand)
        name = "x_call_indirect64" if self.table64 and self.table64[table_idx] else "x_call_indirect"
        w = (self.h[name], lay.table(table_idx), lay.sig(type_idx),
             self.out_stub(cft), 16 * np_, 16 * nr)
        self._indirect[imm] = (w, nr - np_ - 1)
        return w, nr - np_ - 1

    def _tail_call_words(self, k: int, imm: Any) -> tuple[int, ...]:
        """The words of a return_call* (handlers.py: x_return_call*)."""
        h = self.h
        lay = self.layout
        if k == _RETURN_CALL:
            cft = self.func_types[imm]
            pb, rb = 16 * len(cft.params), 16 * len(cft.results)
            if imm < self.nimported:
                return (h["x_return_call_ref"], lay.func(imm), self.out_stub(cft), pb, rb,
                        self.in_stub(cft))
            return (h["x_return_call"], self.desc_address(imm), pb, rb)
        if k == _RETURN_CALL_INDIRECT:
            type_idx, table_idx = imm
            cft = self.types[type_idx]
            name = ("x_return_call_indirect64" if self.table64 and self.table64[table_idx]
                    else "x_return_call_indirect")
            return (h[name], lay.table(table_idx), lay.sig(type_idx), self.out_stub(cft),
                    16 * len(cft.params), 16 * len(cft.results), self.in_stub(cft))
        cft = self.types[imm]
        return (h["x_return_call_funcref"], self.out_stub(cft), 16 * len(cft.params),
                16 * len(cft.results), self.in_stub(cft))

    def function(self, index: int, func: Func) -> Code:
        ft = self.func_types[index]
        nresults = len(ft.results)
        body = func.body
        # exceptions: the try blocks' catch entries (the handler table), and
        # one hidden slot per legacy try after the locals, for its exnref
        # (a body is scanned for them only in a module that uses them)
        with_handlers = self.exceptions and has_handlers(body)
        nlegacy = sum(1 for ins in body if ins.op is _LEGACY_TRY) if with_handlers else 0
        nlocals = len(ft.params) + len(func.locals) + nlegacy
        tr = _Tries(nlocals - nlegacy)
        tries, entries, ends, wanted = tr.tries, tr.entries, tr.ends, tr.wanted
        words: list[int] = []
        targets: list[int] = []
        emit = words.append
        target = targets.append
        h = self.h
        # the local handlers by each local's width (handlers.LOCAL_WIDTHS)
        by_size = self._local_handlers
        lh = [by_size[t.size] for t in ft.params]
        lh += [by_size[t.size] for t in func.locals]
        local_gets = [x[0] for x in lh]
        local_sets = [x[1] for x in lh]
        local_tees = [x[2] for x in lh]
        local_copies = [x[3] for x in lh]
        x_const, x_br_if, x_jump, x_br = h["x_const"], h["x_br_if"], h["x_jump"], h["x_br"]
        x_fuel = h["x_fuel"]
        x_jump_loop, x_br_if_loop = self.jump_loop, self.br_if_loop
        x_set_const = h["x_local_set_const"]
        global_handlers = self._global_handlers
        x_return = (self._return1.get(ft.results[0].size, h["x_return"]) if nresults == 1
                    else h["x_return"])
        test_back_edges = self.test_back_edges
        ops = self.ops.ops
        calls = self._calls
        arities = self._arities
        lay = self.layout
        fuel = self.fuel
        pending = 0
        height = 0
        max_h = 0
        frames: list[list] = [[_F_FUNC, 0, 0, nresults, -1, -1, -1, 16 * nlocals, nresults]]
        nloops = 0          # open loops (an OSR point is outside every loop)
        osr_loops = 0       # OSR numbers of eligible loops (compile/translate.py)
        nested_loops = 0    # and of those inside another loop (layout.OSR_NESTED)
        # the local.get / constants an op may fold in (_AFTER_GET)
        rec = 0
        after_get, after_const = _AFTER_GET, _AFTER_CONST
        # the local.gets whose value is still on the stack, untouched, with
        # only straight-line code after it (no label, branch or call): per
        # entry its body position << 20 | its slot (one int: no tuple per
        # local.get). An op whose first operand is one (an ``LS`` form)
        # reads the local itself: its local.get's words go (``_defer``).
        defer: list = []
        defer_get = defer.append
        slot_mask = _SLOT_MASK
        # the lowered op just emitted, which a local.set or br_if right after
        # it may join: the body position after it, its first and past-last
        # word, folded sources, _OpInfo
        lo_next = -1
        lo_start = lo_end = 0
        lo_srcs = ""
        lo_info: Any = None
        # trap sites: where each instruction starts (Code makes the sites
        # of it when a trap asks: most code never traps)
        if self.wide_memory:
            body = _widened(body, self.mem64, self.table64)
        if self.gc:
            body = gc_rewrite(body, self.types, lay)
        starts = [-1] * len(body)
        dead = False
        dead_depth = 0
        upfront: Optional[dict[int, int]] = None

        if fuel:
            emit(h["x_entry_fuel"])
        if self.epoch:
            emit(h["x_entry_epoch"])
        for pos, ins in enumerate(body):
            try:
                info = ops[ins.op]
            except KeyError:
                info = self.ops.info(ins.op)
            k = info.kind
            if dead:
                if info.opens:
                    dead_depth += 1
                    continue
                if k == _END or k == _DELEGATE:
                    if dead_depth:
                        dead_depth -= 1
                        continue
                elif (k != _ELSE and k != _CATCH) or dead_depth:
                    continue
            elif fuel:          # a dead else/end charges nothing, as compiled
                pending += info.cost
                if info.flush and pending:
                    emit(x_fuel)
                    emit(pending)
                    pending = 0
            n = starts[pos] = len(words)

            if k == _GET:
                imm = 16 * ins.imm
                rec = after_get[rec]
                if height < slot_mask:
                    defer_get(pos << 20 | height)
                emit(local_gets[ins.imm])
                emit(imm)
                height += 1
                if height > max_h:
                    max_h = height
                continue
            if k == _CONST:
                imm = ins.imm
                if imm < 0:
                    imm &= _MASK
                rec = after_const[rec]
                emit(x_const)
                emit(imm)
                height += 1
                if height > max_h:
                    max_h = height
                continue
            if k == _FORM:
                addr = info.addr
                if fuel:
                    if info.spill:
                        # an access past the memory's declared maximum can never
                        # be in bounds: Wasmtime writes fuel back before it traps
                        mem = ins.imm[2]
                        bound = self.mem_bytes[mem] if mem < len(self.mem_bytes) else None
                        if bound is not None and ins.imm[1] + info.spill > bound:
                            if pending:
                                emit(x_fuel)
                                emit(pending)
                                pending = 0
                            emit(h["x_spill"])
                            rec = 0
                    if info.sized:
                        # bulk/grow sizes Wasmtime charges with the instruction
                        # (the rest after the operation, in the op's fuel
                        # handler): compile/fuel_sizes.py
                        if upfront is None:
                            upfront = charged_up_front(self.module, func, ft)
                        if pos in upfront:
                            pending += upfront[pos]
                            addr = info.plain_addr
                        elif pending:
                            # what the block spent so far reaches the store
                            # first, as the compiler's flush before the
                            # per-unit charge
                            emit(x_fuel)
                            emit(pending)
                            pending = 0
                # fold the local.get / constants just emitted into the op
                # (never across a label: rec is cleared at each)
                srcs = info.plain
                fold = info.folds[rec] if rec else None
                rec = 0
                if fold is not None:
                    a, srcs, back = fold
                    start = n - back
                    words[start] = a
                    # the folded instructions' sites go: the op starts there
                    starts[pos - 1] = -1
                    if back == 4:
                        del words[start + 2]    # [get, x, get|const, y] -> [a, x, y]
                        starts[pos - 2] = -1
                    starts[pos] = start         # [get|const, y] -> [a, y]
                elif info.via_add is not None and lo_next == pos and len(words) == lo_end \
                        and lo_info.name == "i32.add" and lo_srcs in info.via_add:
                    # a load of the i32.add just emitted: one handler, at the
                    # add's words, trapping as the load (the add cannot)
                    start = lo_start
                    words[start] = info.via_add[lo_srcs]
                    starts[pos - 1] = -1
                    starts[pos] = start
                    srcs = "a" + lo_srcs
                else:
                    start = len(words)
                    emit(addr)
                if defer:
                    # the operands' slots are consumed: their entries go
                    low = height - info.nparams
                    while defer and defer[-1] & slot_mask > low:
                        defer.pop()
                    if defer and defer[-1] & slot_mask == low:
                        g = defer.pop() >> 20
                        if fold is None and info.ls:
                            start = self._defer(words, starts, body, g, pos, info.ls)
                            srcs = "LS"
                imms = info.imms
                if imms:
                    for value in imms:
                        emit(value(ins, lay) & _MASK)
                height += info.delta
                if height > max_h:
                    max_h = height
                if info.steps:
                    # struct.new / array.new_fixed: the values under the
                    # object go into it, last first (value, obj -> obj)
                    for step, off in init_steps(ins):
                        emit((ops.get(step) or self.ops.info(step)).addr)
                        emit(off)
                        height -= 1
                lo_next = pos + 1
                lo_start = start
                lo_end = len(words)
                lo_srcs = srcs
                lo_info = info
                continue
            last = rec % 3          # 1: a local.get just before, 2: a constant
            rec = 0
            if defer:
                if k == _SET or k == _TEE:
                    # the top slot is consumed, the local may change
                    low = height - 1
                    while defer and defer[-1] & slot_mask >= low:
                        defer.pop()
                    x = ins.imm
                    for g in defer:
                        if body[g >> 20].imm == x:
                            defer[:] = [g for g in defer if body[g >> 20].imm != x]
                            break
                else:
                    defer.clear()
            if _TRY_TABLE <= k <= _RETHROW:
                if k == _DELEGATE:
                    # the try ends here; its throws go on from the label's try
                    f = frames[-1]
                    ti = tries[id(f)]
                    entries.append([ti["start"], len(words), ti["depth"], _HT_DELEGATE, 0,
                                    len(frames) - 2 - ins.imm, 0, 0, None])
                    k = _END
                else:
                    height, dead = self._exception_op(k, ins, frames, tr, words, target,
                                                      nlocals, height, dead)
                    if height > max_h:
                        max_h = height
                    if dead:
                        dead_depth = 0
                    continue
            if k == _TEE:
                emit(local_tees[ins.imm])
                emit(16 * ins.imm)
            elif k == _SET:
                height -= 1
                if lo_next == pos and lo_info.tset is not None:
                    a = lo_info.tset.get(lo_srcs)
                    if a is not None:
                        self._join(words, lo_start, lo_end, a)
                        emit(16 * ins.imm)
                        starts[pos] = -1        # part of the op before it
                        continue
                if last:
                    # local.get / a constant right before: one handler
                    # ([get|const, x] -> [copy|set_const, x, dst])
                    words[-2] = local_copies[ins.imm] if last == 1 else x_set_const
                    emit(16 * ins.imm)
                    starts[pos] = -1
                    continue
                emit(local_sets[ins.imm])
                emit(16 * ins.imm)
            elif k == _BR_IF:
                height -= 1
                f = frames[-1 - ins.imm]
                if f[0] == _F_LOOP and height - f[8] == f[1]:
                    # a back-edge that moves nothing: with its loop's header
                    # checks (the header stays for entry, OSR and traps)
                    test = lo_next == pos and lo_info.tbr is not None and \
                        lo_info.tbr.get(lo_srcs) is not None
                    a = (lo_info.tbrl or {}).get(lo_srcs) if test and test_back_edges else None
                    if a is not None:
                        self._join(words, lo_start, lo_end, a)
                        starts[pos] = -1
                        target(len(words))
                        emit(f[5])
                        continue
                    if not test:
                        emit(x_br_if_loop)
                        target(len(words))
                        emit(f[5])
                        continue
                if lo_next == pos and lo_info.tbr is not None:
                    a = lo_info.tbr.get(lo_srcs)
                    if a is not None:
                        self._join(words, lo_start, lo_end, a)
                        starts[pos] = -1
                    else:
                        emit(x_br_if)
                else:
                    emit(x_br_if)
                # the label's address: a loop's header, else its end
                n = len(words)
                target(n)
                if f[0] == _F_LOOP:
                    emit(f[5])
                else:
                    emit(f[4])
                    f[4] = n
                emit(f[7])
                emit(f[8])
            elif k == _END:
                f = frames.pop()
                fk = f[0]
                n = len(words)
                if wanted and id(f) in wanted:
                    ends[id(f)] = n
                if tries:
                    ti = tries.pop(id(f), None)
                    if ti is not None and not ti["legacy"]:
                        for c, tf, nv in ti["catches"]:
                            entries.append([ti["start"], n, ti["depth"], c.kind,
                                            0 if c.tag is None else lay.tag(c.tag), tf,
                                            tf[7], nv, None])
                if fk == _F_IF:
                    words[f[6]] = n
                elif fk == _F_LOOP:
                    nloops -= 1
                p = f[4]
                while p >= 0:
                    words[p], p = n, words[p]
                height = f[1] + f[3]
                if height > max_h:
                    max_h = height
                dead = False
                if fk == _F_FUNC:
                    emit(x_return)
                    emit(f[3])
                    break
            elif k == _BLOCK:
                bt = ins.imm
                ar = arities.get(bt)
                if ar is None:
                    ar = arities[bt] = self._arity(bt)
                np_, nr = ar
                fh = height - np_
                frames.append([_F_BLOCK, fh, np_, nr, -1, -1, -1, 16 * (nlocals + fh), nr])
            elif k == _CALL:
                c = calls.get(ins.imm)
                if c is None:
                    c = self._call_words(ins.imm)
                words += c[0]
                height += c[1]
            elif k == _BR:
                f = frames[-1 - ins.imm]
                jump = height - f[8] == f[1]
                if jump and f[0] == _F_LOOP:
                    emit(x_jump_loop)       # a back-edge: with the header's checks
                    target(len(words))
                    emit(f[5])
                    dead = True
                    dead_depth = 0
                    continue
                emit(x_jump if jump else x_br)
                n = len(words)
                target(n)
                if f[0] == _F_LOOP:
                    emit(f[5])
                else:
                    emit(f[4])
                    f[4] = n
                if not jump:
                    emit(f[7])
                    emit(f[8])
                dead = True
            elif k == _IF:
                bt = ins.imm
                ar = arities.get(bt)
                if ar is None:
                    ar = arities[bt] = self._arity(bt)
                np_, nr = ar
                height -= 1
                fh = height - np_
                neg = None
                if lo_next == pos and lo_info.tbr is not None and len(words) == lo_end:
                    neg = self._negated_test(lo_info.name, lo_srcs)
                if neg is not None:
                    # an integer test right before: its negation's branch
                    # form jumps to the else (nothing moves: the if's params
                    # stay where they are), one dispatch for both
                    a, zero = neg
                    words[lo_start] = a
                    if zero:
                        emit(0)             # eqz: ne with a constant 0
                    starts[pos] = -1
                    target(len(words))
                    frames.append([_F_IF, fh, np_, nr, -1, -1, len(words), 16 * (nlocals + fh), nr])
                    emit(0)
                    emit(16 * (nlocals + height))
                    emit(0)
                    continue
                emit(h["x_if"])
                target(len(words))
                frames.append([_F_IF, fh, np_, nr, -1, -1, len(words), 16 * (nlocals + fh), nr])
                emit(0)
            elif k == _LOOP:
                bt = ins.imm
                ar = arities.get(bt)
                if ar is None:
                    ar = arities[bt] = self._arity(bt)
                np_, nr = ar
                fh = height - np_
                frames.append([_F_LOOP, fh, np_, nr, -1, len(words), -1, 16 * (nlocals + fh), np_])
                emit(self.header)
                # an OSR point, numbered as compile/translate.py numbers them
                if height == 0 and np_ == 0 and not with_handlers:
                    if nloops:      # only cheap-level entries have these
                        emit(_OSR_NESTED + nested_loops)
                        nested_loops += 1
                    else:
                        emit(osr_loops)
                        osr_loops += 1
                else:
                    emit(_MASK)          # -1: no OSR entry here
                nloops += 1
            elif k == _ELSE:
                f = frames[-1]
                if not dead:
                    emit(x_jump)
                    n = len(words)
                    target(n)
                    emit(f[4])
                    f[4] = n
                words[f[6]] = len(words)
                f[0] = _F_ELSE
                height = f[1] + f[2]
                dead = False
            elif k == _DROP:
                emit(h["x_drop"])
                height -= 1
            elif k == _SELECT:
                emit(h["x_select"])
                height -= 2
            elif k == _GLOBAL_GET:
                emit(global_handlers[ins.imm][0])
                emit(lay.global_(ins.imm))
                height += 1
            elif k == _GLOBAL_SET:
                emit(global_handlers[ins.imm][1])
                emit(lay.global_(ins.imm))
                height -= 1
            elif k == _RETURN:
                emit(x_return)
                emit(nresults)
                dead = True
            elif k == _UNREACHABLE:
                emit(h["x_unreachable"])
                dead = True
            elif k == _BR_TABLE:
                height -= 1
                labels, default = ins.imm
                emit(h["x_br_table"])
                emit(len(labels))
                for d in (*labels, default):
                    f = frames[-1 - d]
                    n = len(words)
                    target(n)
                    if f[0] == _F_LOOP:
                        emit(f[5])
                    else:
                        emit(f[4])
                        f[4] = n
                    emit(f[7])
                    emit(f[8])
                dead = True
            elif k == _CALL_INDIRECT:
                c = self._indirect.get(ins.imm)
                if c is None:
                    c = self._indirect_words(ins.imm)
                words += c[0]
                height += c[1]
            elif k == _REF_NULL:
                emit(x_const)
                emit(0)
                height += 1
            elif k == _BR_ON_NULL or k == _BR_ON_NON_NULL:
                # as br_if, the reference in the condition's place; the
                # label's values are below it (br_on_null) or end with it
                emit(h["x_br_on_null" if k == _BR_ON_NULL else "x_br_on_non_null"])
                _label_words(words, target, frames[-1 - ins.imm])
                if k == _BR_ON_NON_NULL:
                    height -= 1
            elif k == _BR_ON_CAST:
                # the cast's test pushes whether to branch (forms.CAST_TESTS),
                # then br_if's words: the reference is the label's last value
                test = self.ops.info(CAST_TESTS[(ins.op.name == "br_on_cast_fail",
                                                 ins.imm[2].nullable)])
                emit(test.addr)
                for value in test.imms:
                    emit(value(ins, lay) & _MASK)
                if height + 1 > max_h:
                    max_h = height + 1
                emit(x_br_if)
                _label_words(words, target, frames[-1 - ins.imm[0]])
            elif k == _CALL_REF:
                cft = self.types[ins.imm]
                np_, nr = len(cft.params), len(cft.results)
                emit(h["x_call_funcref"])
                emit(self.out_stub(cft))
                emit(16 * np_)
                emit(16 * nr)
                height += nr - np_ - 1
            elif k == _V128_CONST:
                lo, hi = struct.unpack("<QQ", bytes(ins.imm))
                emit(h["x_const128"])
                emit(lo)
                emit(hi)
                height += 1
            elif k == _SHUFFLE:
                lo, hi = struct.unpack("<QQ", bytes(ins.imm))
                emit(h["x_shuffle"])
                emit(lo)
                emit(hi)
                height -= 1
            elif k == _NOP:
                pass
            elif k == _RETURN_CALL or k == _RETURN_CALL_INDIRECT or k == _RETURN_CALL_REF:
                words += self._tail_call_words(k, ins.imm)
                dead = True
            else:
                from ..errors import CompileError
                raise CompileError(f"the interpreter cannot run {info.name}")
            if height > max_h:
                max_h = height
            if dead:
                dead_depth = 0
        code = Code._made(words, targets, max_h, osr_loops, starts, body, func.body_offset)
        if with_handlers:
            code.extra_locals = nlegacy
            code.handlers_at = self._handler_table(words, target, entries, ends)
        return code

    def _exception_op(self, k: int, ins: Instr, frames: list, tr: "_Tries", words: list,
                      target, nlocals: int, height: int, dead: bool) -> tuple[int, bool]:
        """throw, throw_ref, rethrow, try_table, try, catch, catch_all (not
        the common path: kept out of the main loop). The height after, and
        whether the code after is dead."""
        h, lay, emit = self.h, self.layout, words.append
        tries, entries = tr.tries, tr.entries
        if k == _TRY_TABLE or k == _TRY:
            bt = ins.imm[0] if k == _TRY_TABLE else ins.imm
            np_, nr = self._arity(bt)
            fh = height - np_
            f = [_F_BLOCK, fh, np_, nr, -1, -1, -1, 16 * (nlocals + fh), nr]
            ti = {"start": len(words), "depth": len(frames), "legacy": k == _TRY}
            if k == _TRY_TABLE:
                catches = []
                for c in ins.imm[1]:
                    tf = frames[-1 - c.label]       # labels count from outside
                    tr.wanted.add(id(tf))
                    nv = 0 if c.tag is None else len(self._tag_types()[c.tag].params)
                    catches.append((c, tf, nv))
                ti["catches"] = catches
            else:
                # the legacy tries' hidden slots follow the declared locals
                ti.update(slot=16 * tr.next_slot, needs=False, body_end=None)
                tr.next_slot += 1
            tries[id(f)] = ti
            frames.append(f)
            return height, False
        if k == _CATCH:
            f = frames[-1]
            ti = tries[id(f)]
            if ti["body_end"] is None:
                ti["body_end"] = len(words)
            if not dead:
                emit(h["x_jump"])
                n = len(words)
                target(n)
                emit(f[4])
                f[4] = n
            tag = ins.imm if ins.op.name == "catch" else None
            nv = 0 if tag is None else len(self._tag_types()[tag].params)
            entries.append([ti["start"], ti["body_end"], ti["depth"], 0 if tag is not None else 2,
                            0 if tag is None else lay.tag(tag), len(words), f[7], nv, ti])
            return f[1] + nv, False
        if k == _THROW:
            nv = len(self._tag_types()[ins.imm].params)
            emit(h["x_throw"])
            emit(lay.tag(ins.imm))
            emit(16 * nv)
            return height - nv, True
        if k == _THROW_REF:
            emit(h["x_throw_ref"])
            return height - 1, True
        ti = tries[id(frames[-1 - ins.imm])]        # rethrow: the catch's kept exnref
        ti["needs"] = True
        emit(h["x_rethrow"])
        emit(ti["slot"])
        return height, True

    def _tag_types(self) -> list:
        types = getattr(self, "_tags", None)
        if types is None:
            types = self._tags = [self.types[i] for i in self.module.tag_type_indices()]
        return types

    @staticmethod
    def _handler_table(words: list, target, entries: list, ends: dict) -> int:
        """Append the handler table (layout.HT_*) to the code; its first word."""
        at = len(words)
        emit = words.append
        emit(len(entries))
        for start, end, depth, kind, tag, tgt, dest, nv, slot in entries:
            target(len(words))
            emit(start)
            target(len(words))
            emit(end)
            emit(depth)
            emit(kind)
            emit(tag)
            if kind == _HT_DELEGATE:
                emit(tgt)
            else:
                target(len(words))
                emit(tgt if isinstance(tgt, int) else
                     (tgt[5] if tgt[0] == _F_LOOP else ends[id(tgt)]))
            emit(dest)
            emit(nv)
            emit(slot["slot"] if isinstance(slot, dict) and slot["needs"] else _MASK)
        return at

    def _negated_test(self, name: str, srcs: str) -> Optional[tuple[int, bool]]:
        """The branch form (``_br``) of the negation of integer test ``name``
        with operand sources ``srcs``, and whether it takes one more
        immediate, a constant 0 (eqz: ``ne`` against 0); None if none."""
        ty, _dot, test = name.partition(".")
        if ty != "i32" and ty != "i64":
            return None
        if test == "eqz":
            other, srcs, zero = "ne", srcs + "C", True
        else:
            other, zero = _NEGATED.get(test), False
            if other is None:
                return None
        op = OP_BY_NAME.get(f"{ty}.{other}")
        if op is None:
            return None
        info = self.ops.ops.get(op) or self.ops.info(op)
        a = info.tbr.get(srcs) if info.tbr is not None else None
        return None if a is None else (a, zero)

    @staticmethod
    def _defer(words: list[int], starts: list[int], body: list, gpos: int, pos: int,
               handler: int) -> int:
        """The op at body ``pos``, just emitted (its handler word last),
        becomes ``handler``, an ``LS`` form reading its first operand from
        the local that the local.get at body ``gpos`` pushed: its two words
        go, and the code after it moves down (straight-line code, so no
        branch target or label is in it; only the sites shift). Returns
        where the op now starts."""
        w, off = starts[gpos], 16 * body[gpos].imm
        del words[-1]
        del words[w:w + 2]
        starts[gpos] = -1
        for p in range(gpos + 1, pos):
            if starts[p] > w:
                starts[p] -= 2
        start = len(words)
        starts[pos] = start
        words.append(handler)
        words.append(off)
        return start

    @staticmethod
    def _join(words: list[int], start: int, end: int, handler: int) -> None:
        """The op at words[start:end] becomes superinstruction ``handler``
        (same immediates and folded operands), which the caller extends."""
        if len(words) == end:
            words[start] = handler
        else:           # words emitted since (none today): they go
            imms = words[start + 1:end]
            del words[start:]
            words.append(handler)
            words.extend(imms)
