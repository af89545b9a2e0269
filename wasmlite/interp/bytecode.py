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
"""
from __future__ import annotations

import bisect
import ctypes
import struct
from typing import Callable, Optional

from ..compile.fuel_sizes import SIZED, charged_up_front
from ..compile.interrupts import FLUSH_BEFORE, FUEL_FREE
from ..compile.vmcontext import VMContextLayout
from ..syntax.instructions import OP_BY_NAME
from ..syntax.module import Func, Module
from ..syntax.types import FuncType, ValType

_MASK = (1 << 64) - 1
_BLOCKS = frozenset(OP_BY_NAME[n] for n in ("block", "loop", "if"))


class _Frame:
    __slots__ = ("kind", "height", "np", "nr", "fixups", "header", "else_fix", "has_else")

    def __init__(self, kind: str, height: int, np_: int, nr: int) -> None:
        self.kind = kind
        self.height = height          # operand height below the block's params
        self.np = np_
        self.nr = nr
        self.fixups: list[int] = []   # words that get this block's end address
        self.header = -1              # loop: word index of the header
        self.else_fix = -1
        self.has_else = False


class Code:
    """A function's code words, with the positions of absolute targets."""

    __slots__ = ("words", "targets", "max_height", "osr_loops", "sites")

    def __init__(self, words: list[int], targets: list[int], max_height: int,
                 osr_loops: int = 0, sites: Optional[list] = None) -> None:
        self.osr_loops = osr_loops
        # (word index where an instruction starts, its wasm byte offset),
        # ascending: what a trap's ip means (offset_at)
        self.sites: list[tuple[int, int]] = sites or []
        self.words = words
        self.targets = targets        # word positions holding a word *index*
        self.max_height = max_height

    def offset_at(self, word: int) -> Optional[int]:
        """The wasm byte offset of the instruction whose code holds ``word``."""
        k = bisect.bisect_right(self.sites, (word, 1 << 64)) - 1
        return self.sites[k][1] if k >= 0 else None

    def place(self) -> ctypes.Array:
        """The words in native memory, targets made absolute."""
        arr = (ctypes.c_uint64 * max(len(self.words), 1))(*self.words)
        base = ctypes.addressof(arr)
        for pos in self.targets:
            arr[pos] = base + 8 * self.words[pos]
        return arr


class Predecoder:
    """Pre-decodes the functions of one module for one engine setting."""

    def __init__(self, module: Module, interp, layout: VMContextLayout,
                 desc_address: Callable[[int], int], out_stub: Callable[[FuncType], int],
                 consume_fuel: bool, epoch_interruption: bool) -> None:
        self.module = module
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
        self.header = a["x_header" + ("_fuel" if consume_fuel else "")
                        + ("_epoch" if epoch_interruption else "")]
        self.forms, self.plain_forms, self.fused, self.thens = interp.tables(consume_fuel)
        if consume_fuel:
            # the forms that write the frame's fuel back (handlers.py)
            for name in ("x_call", "x_call_ref", "x_call_indirect", "x_return",
                         "x_unreachable"):
                self.h[name] = a[name + "_fuel"]

    def _arity(self, bt) -> tuple[int, int]:
        if bt is None:
            return 0, 0
        if isinstance(bt, ValType):
            return 0, 1
        ft = self.types[bt]
        return len(ft.params), len(ft.results)

    def function(self, index: int, func: Func) -> Code:
        ft = self.func_types[index]
        nlocals = len(ft.params) + len(func.locals)
        words: list[int] = []
        targets: list[int] = []
        emit = words.append
        h = self.h
        forms = self.forms
        lay = self.layout
        fuel = self.fuel
        pending = 0
        height = 0
        max_h = 0
        frames = [_Frame("func", 0, 0, len(ft.results))]
        osr_loops = 0       # OSR numbers of eligible loops (compile/translate.py)
        # the last (<= 2) local.get / const instructions emitted since the
        # last label or other instruction: (word index, "L"|"C", immediate)
        recent: list[tuple[int, str, int]] = []
        fused = self.fused
        thens = self.thens
        # the op just emitted, if a local.set or br_if may join it:
        # (word index, op name, sources, its immediates after the handler)
        last_op = None
        sites: list[tuple[int, int]] = [(0, func.body_offset)]   # entry checks

        def site(at: int, offset: int) -> None:
            # an instruction starts at word ``at``; drop what fusion removed
            while sites and sites[-1][0] >= at:
                sites.pop()
            sites.append((at, offset))
        last_offset = 0
        dead = False
        dead_depth = 0

        def target_word(f: _Frame) -> None:
            # the address of frame f's label: a loop's header, else its end
            targets.append(len(words))
            if f.kind == "loop":
                emit(f.header)
            else:
                f.fixups.append(len(words))
                emit(0)

        def branch_args(f: _Frame) -> tuple[int, int]:
            arity = f.np if f.kind == "loop" else f.nr
            return 16 * (nlocals + f.height), arity

        if fuel:
            emit(h["x_entry_fuel"])
        if self.epoch:
            emit(h["x_entry_epoch"])
        # bulk/grow sizes Wasmtime charges with the instruction (the rest
        # after the operation, in the op's fuel handler): compile/fuel_sizes.py
        upfront = charged_up_front(self.module, func, ft) if fuel else {}
        # bytes each memory can ever have (None: memory64)
        mem_bytes = [None if m.is64 else (65536 if m.limits.max is None else m.limits.max) * 65536
                     for m in self.module.all_mems()] if fuel else []
        for pos, ins in enumerate(func.body):
            op = ins.op
            name = op.name
            if dead:
                if op in _BLOCKS:
                    dead_depth += 1
                    continue
                if name == "end":
                    if dead_depth:
                        dead_depth -= 1
                        continue
                elif name == "else" and not dead_depth:
                    pass
                else:
                    continue
            if fuel and not dead:      # a dead else/end charges nothing, as compiled
                if op not in FUEL_FREE:
                    pending += 1
                if op in FLUSH_BEFORE and pending:
                    emit(h["x_fuel"])
                    emit(pending)
                    pending = 0
            site(len(words), ins.offset)
            if last_op is not None and name in ("local.set", "br_if"):
                start, lname, lsrcs, limms = last_op
                last_op = None
                if name == "local.set" and (lname, lsrcs, "set") in thens:
                    del words[start:]
                    site(start, last_offset)
                    emit(thens[(lname, lsrcs, "set")])
                    words.extend(limms)
                    emit(16 * ins.imm)
                    height -= 1
                    recent.clear()
                    continue
                if name == "br_if" and not fuel and (lname, lsrcs, "br") in thens:
                    del words[start:]
                    site(start, last_offset)
                    emit(thens[(lname, lsrcs, "br")])
                    words.extend(limms)
                    height -= 1
                    f = frames[-1 - ins.imm]
                    dst, arity = branch_args(f)
                    target_word(f)
                    emit(dst)
                    emit(arity)
                    recent.clear()
                    continue
            last_op = None
            if fuel and op.imm in ("memarg", "memarg_lane") and op.natural_align is not None:
                # an access past the memory's declared maximum can never be
                # in bounds: Wasmtime writes fuel back before it traps
                bound = mem_bytes[ins.imm[2]] if ins.imm[2] < len(mem_bytes) else None
                if bound is not None and ins.imm[1] + (1 << op.natural_align) > bound:
                    if pending:
                        emit(h["x_fuel"])
                        emit(pending)
                        pending = 0
                    emit(h["x_spill"])
                    recent.clear()
                    last_op = None
            form = forms.get(name)
            if form is not None and fuel and op in SIZED:
                if pos in upfront:
                    pending += upfront[pos]
                    form = self.plain_forms[name]
                elif pending:
                    # what the block spent so far reaches the store first,
                    # as the compiler's flush before the per-unit charge
                    emit(h["x_fuel"])
                    emit(pending)
                    pending = 0
            if form is not None:
                addr, f = form
                # fold the local.get / constants just emitted into the op
                # (never across a label: ``recent`` is cleared at each)
                srcs, operands = "", []
                if recent and fused and f.nparams <= 2:
                    last = recent[-1]
                    if (f.nparams == 2 and len(recent) == 2 and recent[0][1] == "L"
                            and (name, "L" + last[1]) in fused):
                        srcs = "L" + last[1]
                        operands = [recent[0], last]
                    elif f.nparams == 2 and (name, "S" + last[1]) in fused:
                        srcs = "S" + last[1]
                        operands = [last]
                    elif f.nparams == 1 and last[1] == "L" and (name, "L") in fused:
                        srcs = "L"
                        operands = [last]
                start = operands[0][0] if srcs else len(words)
                if srcs:
                    del words[start:]
                    site(start, ins.offset)
                    emit(fused[(name, srcs)])
                    for op_ in operands:
                        emit(op_[2])
                else:
                    emit(addr)
                recent.clear()
                for imm in f.imms:
                    emit(imm.value(ins, lay) & _MASK)
                last_op = (start, name, srcs or "S" * f.nparams, words[start + 1:])
                last_offset = ins.offset
                height += f.nresults - f.nparams
                if height > max_h:
                    max_h = height
                continue
            if name == "local.get":
                if len(recent) == 2:
                    del recent[0]
                recent.append((len(words), "L", 16 * ins.imm))
                emit(h["x_local_get"])
                emit(16 * ins.imm)
                height += 1
                if height > max_h:
                    max_h = height
                continue
            elif name == "local.set":
                emit(h["x_local_set"])
                emit(16 * ins.imm)
                height -= 1
            elif name == "local.tee":
                emit(h["x_local_tee"])
                emit(16 * ins.imm)
            elif name in ("i32.const", "i64.const", "f32.const", "f64.const"):
                if len(recent) == 2:
                    del recent[0]
                recent.append((len(words), "C", ins.imm & _MASK))
                emit(h["x_const"])
                emit(ins.imm & _MASK)
                height += 1
                if height > max_h:
                    max_h = height
                continue
            elif name == "ref.null":
                emit(h["x_const"])
                emit(0)
                height += 1
            elif name == "v128.const":
                lo, hi = struct.unpack("<QQ", bytes(ins.imm))
                emit(h["x_const128"])
                emit(lo)
                emit(hi)
                height += 1
            elif name == "global.get":
                emit(h["x_global_get"])
                emit(lay.global_(ins.imm))
                height += 1
            elif name == "global.set":
                emit(h["x_global_set"])
                emit(lay.global_(ins.imm))
                height -= 1
            elif name == "drop":
                emit(h["x_drop"])
                height -= 1
            elif name in ("select", "select_t"):
                emit(h["x_select"])
                height -= 2
            elif name == "i8x16.shuffle":
                lo, hi = struct.unpack("<QQ", bytes(ins.imm))
                emit(h["x_shuffle"])
                emit(lo)
                emit(hi)
                height -= 1
            elif name == "nop":
                pass
            elif name == "block":
                np_, nr = self._arity(ins.imm)
                frames.append(_Frame("block", height - np_, np_, nr))
            elif name == "loop":
                np_, nr = self._arity(ins.imm)
                f = _Frame("loop", height - np_, np_, nr)
                f.header = len(words)
                emit(self.header)
                # an OSR point, numbered as compile/translate.py numbers them
                if height == 0 and np_ == 0 and not any(fr.kind == "loop" for fr in frames):
                    emit(osr_loops)
                    osr_loops += 1
                else:
                    emit(_MASK)          # -1: no OSR entry here
                frames.append(f)
            elif name == "if":
                np_, nr = self._arity(ins.imm)
                height -= 1
                f = _Frame("if", height - np_, np_, nr)
                emit(h["x_if"])
                f.else_fix = len(words)
                targets.append(len(words))
                emit(0)
                frames.append(f)
            elif name == "else":
                f = frames[-1]
                if not dead:
                    emit(h["x_jump"])
                    target_word(f)
                words[f.else_fix] = len(words)
                f.has_else = True
                height = f.height + f.np
                dead = False
            elif name == "end":
                f = frames.pop()
                if f.kind == "if" and not f.has_else:
                    words[f.else_fix] = len(words)
                for pos in f.fixups:
                    words[pos] = len(words)
                height = f.height + f.nr
                if height > max_h:
                    max_h = height
                dead = False
                if f.kind == "func":
                    emit(h["x_return"])
                    emit(f.nr)
                    break
            elif name == "br":
                f = frames[-1 - ins.imm]
                dst, arity = branch_args(f)
                if height - arity == f.height:
                    emit(h["x_jump"])
                    target_word(f)
                else:
                    emit(h["x_br"])
                    target_word(f)
                    emit(dst)
                    emit(arity)
                dead = True
            elif name == "br_if":
                height -= 1
                f = frames[-1 - ins.imm]
                dst, arity = branch_args(f)
                emit(h["x_br_if"])
                target_word(f)
                emit(dst)
                emit(arity)
            elif name == "br_table":
                height -= 1
                labels, default = ins.imm
                emit(h["x_br_table"])
                emit(len(labels))
                for d in (*labels, default):
                    f = frames[-1 - d]
                    dst, arity = branch_args(f)
                    target_word(f)
                    emit(dst)
                    emit(arity)
                dead = True
            elif name == "return":
                emit(h["x_return"])
                emit(len(ft.results))
                dead = True
            elif name == "unreachable":
                emit(h["x_unreachable"])
                dead = True
            elif name == "call":
                cft = self.func_types[ins.imm]
                np_, nr = len(cft.params), len(cft.results)
                if ins.imm < self.nimported:
                    emit(h["x_call_ref"])
                    emit(lay.func(ins.imm))
                    emit(self.out_stub(cft))
                else:
                    emit(h["x_call"])
                    emit(self.desc_address(ins.imm))
                emit(16 * np_)
                emit(16 * nr)
                height += nr - np_
            elif name == "call_indirect":
                type_idx, table_idx = ins.imm
                cft = self.types[type_idx]
                np_, nr = len(cft.params), len(cft.results)
                emit(h["x_call_indirect"])
                emit(lay.table(table_idx))
                emit(lay.sig(type_idx))
                emit(self.out_stub(cft))
                emit(16 * np_)
                emit(16 * nr)
                height += nr - np_ - 1
            else:
                from ..compile.translate import CompileError
                raise CompileError(f"the interpreter cannot run {name}")
            recent.clear()
            if height > max_h:
                max_h = height
            if dead:
                dead_depth = 0
        return Code(words, targets, max_h, osr_loops, sites)
