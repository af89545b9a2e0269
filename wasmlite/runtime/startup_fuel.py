"""The fuel instantiation costs, as Wasmtime charges it.

Wasmtime runs a module's initialisation as one compiled, fuel-metered
function (its "module startup"), whenever the module has anything to
initialise that it cannot precompute. That function is charged like any
wasm function (compile/interrupts.py): 1 on entry with a check, one unit per
operator of every constant expression it evaluates, then per element / byte:

* a global initialised by anything but one ``*.const`` costs its operators
  (``ref.null``, ``ref.func``, ``global.get``, extended-constant arithmetic);
* an active element segment costs its offset's operators, its items'
  operators (0 for the function-index form) and 1 per element, charged up
  front when there are at most 128 elements, else after the segment is
  written and followed by a fuel check; a passive segment costs its items'
  operators; a declarative one nothing. Active function-index segments with
  an ``i32.const`` offset into a table the module defines, within its
  minimum size, are precomputed (free), until the first active segment that
  is not;
* an active data segment costs its offset's operators plus 1 per byte,
  charged after the copy and checked, unless the module's data is a memory
  image: every active segment has an ``i32.const`` offset into a memory the
  module defines, within its minimum size. Then data costs nothing, and if
  some byte is set, neither does anything charged up front and not yet
  checked when the data step is reached (what Wasmtime 50 does: those
  charges are dropped there). A segment with bytes into a memory of 1-byte
  pages (custom-page-sizes) makes the module's data no image. With several memories, an image that leaves
  a memory the module defines without bytes still costs the entry's 1;
* a table the module defines with an initializer (Wasm 3.0) costs the
  initializer's operators and 1 per element (its minimum size), unless the
  initializer is one ``ref.func`` (precomputed, free), up front or after
  the fill as an active segment's elements are; an active segment
  into such a table is not precomputed (nor any after it);
* Wasm GC's ``array.new`` / ``array.new_default`` in any constant
  expression cost 1 per element besides their operators (as in a
  function body): the instantiation counts them as it makes the arrays;
* a start function costs 1 for the call, then whatever the call costs.

Between these points the charges live in the startup function's register,
as in compiled code: only a fuel check (which traps with OUT_OF_FUEL when
nothing is left), the start call and the end write them to the store, so a
segment that traps out of bounds leaves the store's fuel as it was.
"""
from __future__ import annotations

from typing import Optional

from ..compile.fuel_sizes import STATIC_MAX
from ..errors import TrapCode
from ..syntax.module import Elem, Module
from ..syntax.types import ExternKind
from .trap import make_trap

_CONST_OPS = frozenset(("i32.const", "i64.const", "f32.const", "f64.const", "v128.const"))


def _ops(expr) -> int:
    """Operators of a constant expression (its ``end`` is free)."""
    return sum(1 for ins in expr if ins.op.name != "end")


def _single_const(expr, names=_CONST_OPS) -> bool:
    ops = [ins for ins in expr if ins.op.name != "end"]
    return len(ops) == 1 and ops[0].op.name in names


def _index_form(seg: Elem) -> bool:
    """Function indices rather than expressions (the binary flags; a segment
    from the text format counts as indices when every item is a ref.func)."""
    if seg.form is not None:
        return seg.form < 4
    return all(len(e) == 2 and e[0].op.name == "ref.func" for e in seg.init)


def memory_image(module: Module) -> bool:
    """Whether Wasmtime initialises this module's memories from an image
    (when there is no active data segment, trivially)."""
    active = [d for d in module.datas if d.mode == "active"]
    nimp = module.num_imported(ExternKind.MEMORY)
    mems = module.all_mems()
    for d in active:
        if d.memory < nimp or not _single_const(d.offset, ("i32.const", "i64.const")):
            return False
        if d.init and mems[d.memory].page_size_log2 != 16:
            return False            # (Wasmtime makes no image of 1-byte pages' bytes)
        offset = d.offset[0].imm & ((1 << 64) - 1)
        if offset + len(d.init) > mems[d.memory].limits.min << mems[d.memory].page_size_log2:
            return False
    return True


_PAGE = 4096


def paged_bytes(module: Module) -> int:
    """What Wasmtime charges for an image it copies in instead of mapping:
    with an imported memory beside the one the data goes to (multi-memory),
    it writes the image's 4 KiB pages, from the first page a segment
    touches to the last, per memory, 1 fuel per byte (measured against
    Wasmtime 50). 0 when it maps the image (or has none)."""
    if not module.num_imported(ExternKind.MEMORY) or not memory_image(module):
        return 0
    spans: dict[int, tuple[int, int]] = {}
    for d in module.datas:
        if d.mode != "active" or not d.init:
            continue
        lo = d.offset[0].imm & ((1 << 64) - 1)
        hi = lo + len(d.init)
        a, b = spans.get(d.memory, (lo, hi))
        spans[d.memory] = (min(a, lo), max(b, hi))
    return sum((-(-hi // _PAGE) - lo // _PAGE) * _PAGE for lo, hi in spans.values())


def _computed_tables(module: Module) -> set[int]:
    """The defined tables (module table indices) whose initializer runs in
    Wasmtime's startup function: all but a single ``ref.func``."""
    inits = getattr(module, "table_inits", None) or {}
    nimp = module.num_imported(ExternKind.TABLE)
    return {nimp + n for n, expr in inits.items() if not _single_const(expr, ("ref.func",))}


def _table_inits(module: Module) -> int:
    """What the tables' initializers cost (those Wasmtime cannot precompute)."""
    inits = getattr(module, "table_inits", None) or {}
    nimp = module.num_imported(ExternKind.TABLE)
    return sum(_ops(inits[t - nimp]) + module.tables[t - nimp].limits.min
               for t in _computed_tables(module))


def _precomputed(module: Module) -> set[int]:
    """Active element segments Wasmtime writes into the table up front."""
    nimp = module.num_imported(ExternKind.TABLE)
    tables = module.all_tables()
    computed = _computed_tables(module)      # (their segments wait for them)
    out: set[int] = set()
    for i, seg in enumerate(module.elems):
        if seg.mode != "active":
            continue
        if seg.table in computed:
            break
        # (an i64.const into a 64-bit table, table64, as well)
        const = "i64.const" if tables[seg.table].is64 else "i32.const"
        if seg.table < nimp or not _index_form(seg) or not _single_const(seg.offset, (const,)):
            break
        mask = (1 << 64) - 1 if tables[seg.table].is64 else 0xFFFFFFFF
        if (seg.offset[0].imm & mask) + len(seg.init) > tables[seg.table].limits.min:
            break               # out of bounds: left to the startup function, which traps
        out.add(i)
    return out


class StartupFuel:
    """The startup function's fuel register for one instantiation."""

    def __init__(self, store, module: Module) -> None:
        self.store = store
        self.module = module
        self.image = memory_image(module)
        # an image with bytes in it drops the pending charges
        self.drops = self.image and any(d.init for d in module.datas if d.mode == "active")
        self.precomputed = _precomputed(module)
        self.value = 0          # the register
        self.pending = 0        # charged up front, not yet in the register

    @staticmethod
    def needed(module: Module) -> bool:
        """Whether Wasmtime runs a startup function for ``module``."""
        if module.start is not None:
            return True
        if any(not _single_const(g.init) for g in module.globals) or _table_inits(module):
            return True
        pre = _precomputed(module)
        for i, seg in enumerate(module.elems):
            if seg.mode == "passive" or (seg.mode == "active" and i not in pre):
                return True
        if paged_bytes(module):
            return True
        if memory_image(module):
            # with several memories, an image that leaves a memory the
            # module defines without bytes still runs the startup function
            # (measured against Wasmtime 50: its entry charge, 1)
            nimp = module.num_imported(ExternKind.MEMORY)
            filled = {d.memory for d in module.datas if d.mode == "active" and d.init}
            return bool(filled) and any(m not in filled
                                        for m in range(nimp, len(module.all_mems())))
        return any(d.mode == "active" for d in module.datas)

    def _check(self) -> None:
        self.value -= self.pending
        self.pending = 0
        if self.value <= 0:
            self.store._fuel.value = self.value
            raise make_trap(TrapCode.OUT_OF_FUEL)

    def enter(self, array_elements: int = 0) -> None:
        """Entry: 1 and a check; the globals' and tables' initialisers, and
        the elements of the arrays constant expressions made."""
        self.value = self.store._fuel.value - 1
        self._check()
        self.pending += sum(_ops(g.init) for g in self.module.globals if not _single_const(g.init))
        self.pending += array_elements
        # the tables' initializers: as an element segment's items (up front
        # when few, else after the fill, checked)
        module = self.module
        inits = getattr(module, "table_inits", None) or {}
        nimp = module.num_imported(ExternKind.TABLE)
        for t in sorted(_computed_tables(module)):
            self.pending += _ops(inits[t - nimp])
            n = module.tables[t - nimp].limits.min
            if n <= STATIC_MAX:
                self.pending += n
            else:
                self.value -= n
                self._check()

    def elem_done(self, index: int) -> None:
        """After element segment ``index`` was evaluated (and, if active, written)."""
        seg = self.module.elems[index]
        if seg.mode == "declarative" or index in self.precomputed:
            return
        self.pending += 0 if _index_form(seg) else sum(_ops(e) for e in seg.init)
        if seg.mode != "active":
            return
        self.pending += _ops(seg.offset)
        n = len(seg.init)
        if n <= STATIC_MAX:
            self.pending += n
        else:
            self.value -= n
            self._check()

    def data_start(self) -> None:
        """Before the data segments: an image drops what is pending, or (an
        image Wasmtime copies in) costs its pages' bytes, checked."""
        paged = paged_bytes(self.module)
        if paged:
            self.value -= paged
            self._check()
        elif self.drops:
            self.pending = 0

    def data_done(self, index: int) -> None:
        """After active data segment ``index`` was copied."""
        if self.image:
            return
        seg = self.module.datas[index]
        self.pending += _ops(seg.offset)
        self.value -= len(seg.init)
        self._check()

    def finish(self, start_call: bool) -> None:
        """Before the start function's call (1 more), or at the end: the
        register goes back to the store."""
        self.value -= self.pending + (1 if start_call else 0)
        self.pending = 0
        self.store._fuel.value = self.value


def startup_fuel(store, module: Module) -> Optional[StartupFuel]:
    """A StartupFuel when the store's engine consumes fuel and Wasmtime
    would run a startup function for ``module``, else None."""
    if not getattr(store.engine, "consume_fuel", False) or not StartupFuel.needed(module):
        return None
    return StartupFuel(store, module)
