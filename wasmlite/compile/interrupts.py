"""Fuel, epoch and Ctrl-C checks in generated code.

Only modules compiled with ``consume_fuel`` / ``epoch_interruption`` carry
the first two; without, generated code has no trace of either. The Ctrl-C
check (one load and branch per loop iteration, runtime/interrupt.py) is
always there: no loop may outlive a KeyboardInterrupt.

Fuel follows Wasmtime's accounting, so ``Store.get_fuel()`` agrees with
wasmtime-py after any call that returns: entering a function costs 1, every
executed instruction 1, except ``nop``, ``drop``, ``block``, ``loop``,
``end``, ``else``, ``unreachable`` and ``return`` (free). Remaining fuel lives
in ``limits.fuel`` between calls and in a local (``%fuel``, an alloca that
LLVM keeps in a register) inside a function: the translator adds up the cost
of straight-line code in Python and subtracts it once per basic block, writes
the local back before calls and returns, and reloads it after calls. Like
Wasmtime, fuel is *checked* (trap when none is left: remaining <= 0) only on
function entry and at loop headers, so straight-line code may overdraw; the
store then reports 0.

Bulk and grow instructions (``memory.fill/copy/init``, ``table.fill/copy/init``,
``memory.grow``, ``table.grow``) cost, besides their own 1, one unit per
byte, element or page, as in Wasmtime: a size known at compile time and at
most 128 (fuel_sizes.py decides, from the wasm alone) is charged up front
with the instruction, even when a grow fails; any other size is charged
after the operation succeeded (a failing grow and a trapping bulk operation
pay nothing for their size), and then fuel is checked: the work is done and
the instruction traps with OUT_OF_FUEL when the store is then empty
(``fuel_per_unit``).

Traps: as in Wasmtime, the store sees a function's spending only when the
local is written back: before calls, returns and ``unreachable``, before a
load or store that can never be in bounds (``fuel_before_access``), and in a
fuel check's trap. Any other trap (out of bounds, division by zero, a bulk
operation's bounds...) loses what the function spent since its last
write-back, entry cost included.

Epoch interruption: on function entry and at loop headers, the engine's
epoch counter (``*limits.epoch_ptr``, bumped by ``Engine.increment_epoch``
from any thread) is compared with ``limits.epoch_deadline``; reaching it
traps with INTERRUPT.
"""
from __future__ import annotations

from typing import Optional

from ..errors import TrapCode
from ..syntax.instructions import OP_BY_NAME
from . import vmcontext as vm
from .fuel_sizes import SIZED, charged_up_front

_OUT_OF_FUEL = int(TrapCode.OUT_OF_FUEL)
_INTERRUPT = int(TrapCode.INTERRUPT)

FUEL_FREE = frozenset(OP_BY_NAME[n] for n in (
    "nop", "drop", "block", "loop", "end", "else", "unreachable", "return"))
# bulk and grow instructions: a size not charged up front is charged after
# the operation, once the cost of everything before it is (fuel_per_unit)
FUEL_PER_UNIT = SIZED
# the cost of everything before these is charged before they branch or call
FLUSH_BEFORE = frozenset(OP_BY_NAME[n] for n in (
    "loop", "if", "else", "end", "br", "br_if", "br_table", "return",
    "call", "call_indirect", "unreachable", "br_on_null", "br_on_non_null", "call_ref",
    "throw", "throw_ref", "rethrow", "try_table", "try", "catch", "catch_all", "delegate",
    "return_call", "return_call_indirect", "return_call_ref", "br_on_cast", "br_on_cast_fail"))


class InterruptOps:
    """Mixin for FunctionTranslator: the fuel local and the checks."""

    fuel_pending = 0

    def _limits_field(self, offset: int) -> str:
        r = self.tmp()
        self.out.append(f"%{r} = getelementptr i8, ptr %limits, i64 {offset}")
        return f"%{r}"

    def fuel_entry_lines(self) -> list[str]:
        """Entry-block lines: the local takes the store's fuel, less the
        call's own cost of 1 (the check follows). Like Wasmtime, the store
        sees it only when the local is written back: a trap before that
        (out of bounds, division by zero...) leaves the store as the caller
        left it."""
        return [
            "%fuel = alloca i64",
            f"%fuel.p = getelementptr i8, ptr %limits, i64 {vm.LIMITS_FUEL}",
            "%fuel.in = load i64, ptr %fuel.p",
            "%fuel.0 = sub i64 %fuel.in, 1",
            "store i64 %fuel.0, ptr %fuel",
        ]

    def fuel_flush(self) -> None:
        """Charge the instructions counted since the last flush."""
        k = self.fuel_pending
        if k:
            self.fuel_pending = 0
            r = self.tmp()
            self.out.append(f"%{r}.o = load i64, ptr %fuel")
            self.out.append(f"%{r} = sub i64 %{r}.o, {k}")
            self.out.append(f"store i64 %{r}, ptr %fuel")

    def fuel_spill(self) -> None:
        """The local back into the store (before calls and returns)."""
        r = self.tmp()
        self.out.append(f"%{r} = load i64, ptr %fuel")
        self.out.append(f"store i64 %{r}, ptr %fuel.p")

    def fuel_reload(self) -> None:
        """After a call: the callee (or a host function) changed it."""
        r = self.tmp()
        self.out.append(f"%{r} = load i64, ptr %fuel.p")
        self.out.append(f"store i64 %{r}, ptr %fuel")

    def fuel_check(self) -> None:
        """Trap when no fuel is left (a loop header)."""
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.v = load i64, ptr %fuel")
        out.append(f"%{r}.c = icmp sle i64 %{r}.v, 0")
        out.append(f"br i1 %{r}.c, label %{r}.spill, label %{r}.ok, !prof !0")
        # the trap's block writes the local back, so the store sees it spent
        out.append(f"{r}.spill:")
        out.append(f"store i64 %{r}.v, ptr %fuel.p")
        out.append(f"br label {self.trap_to(_OUT_OF_FUEL)}")
        out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"

    def fuel_static_size(self, ins) -> Optional[int]:
        """The size of bulk/grow instruction ``ins`` of this function when it
        is charged up front (known and <= STATIC_MAX, fuel_sizes.py), else
        None. A lone instruction (the interpreter's handlers) is None: its
        per-instruction handler charges after the operation."""
        sizes = self.cache.get("fuel.sizes")
        if sizes is None:
            body = self.func.body
            found = charged_up_front(self.ctx.module, self.func, self.ft) if body else {}
            sizes = self.cache["fuel.sizes"] = {id(body[i]): k for i, k in found.items()}
        return sizes.get(id(ins))

    def fuel_per_unit(self, ins, count64: str, grown: Optional[str] = None) -> None:
        """After a bulk/grow operation: charge ``count64`` (i64 SSA value)
        units, Wasmtime's way. ``grown`` is a grow's i64 result: a failed
        grow (-1) charges nothing and is not checked."""
        if not self.ctx.consume_fuel:
            return
        k = self.fuel_static_size(ins)
        if k is not None:
            self.fuel_pending += k
            return
        self.fuel_flush()
        r = self.tmp()
        out = self.out
        ok = None
        if grown is not None:
            ok = f"%{r}.g"
            out.append(f"{ok} = icmp ne i64 {grown}, -1")
        out.append(f"%{r}.o = load i64, ptr %fuel")
        if ok is None:
            out.append(f"%{r}.v = sub i64 %{r}.o, {count64}")
        else:
            out.append(f"%{r}.k = select i1 {ok}, i64 {count64}, i64 0")
            out.append(f"%{r}.v = sub i64 %{r}.o, %{r}.k")
        out.append(f"store i64 %{r}.v, ptr %fuel")
        out.append(f"%{r}.e = icmp sle i64 %{r}.v, 0")
        if ok is None:
            cond = f"%{r}.e"
        else:
            out.append(f"%{r}.c = and i1 %{r}.e, {ok}")
            cond = f"%{r}.c"
        out.append(f"br i1 {cond}, label %{r}.spill, label %{r}.ok, !prof !0")
        out.append(f"{r}.spill:")
        out.append(f"store i64 %{r}.v, ptr %fuel.p")
        out.append(f"br label {self.trap_to(_OUT_OF_FUEL)}")
        out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"

    def fuel_before_access(self, offset, size: int, mem: int) -> None:
        """Before a load or store: one whose ``offset + size`` passes the
        memory's declared maximum can never be in bounds, and Wasmtime
        compiles it to a trap that writes fuel back first; so do we (the
        bounds check then traps as usual)."""
        if not self.ctx.consume_fuel or not isinstance(offset, int):
            return
        bounds = self.cache.get("fuel.mem_max")
        if bounds is None:
            module = getattr(self.ctx, "module", None)
            mems = module.all_mems() if module is not None else []
            # bytes a memory can ever have (None: memory64, not handled)
            bounds = self.cache["fuel.mem_max"] = [
                None if m.is64 else (m.max_pages if m.limits.max is None else m.limits.max)
                << m.page_size_log2
                for m in mems]
        bound = bounds[mem] if mem < len(bounds) else None
        if bound is not None and offset + size > bound:
            self.fuel_flush()
            self.fuel_spill()

    def ctrl_c_check(self) -> None:
        """Trap with INTERRUPT when Ctrl-C was pressed (runtime/interrupt.py):
        every loop header, whatever the settings, so no loop outlives it."""
        ip = self.hoisted("interrupt_ptr", self._interrupt_ptr)
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.f = load atomic i32, ptr {ip} monotonic, align 4")
        out.append(f"%{r}.c = icmp ne i32 %{r}.f, 0")
        self._trap_unless_ok(r, _INTERRUPT)

    def _trap_unless_ok(self, r: str, code: int) -> None:
        """Branch to trap ``code`` when ``%{r}.c`` holds (rarely); go on in ``{r}.ok``."""
        self.out.append(f"br i1 %{r}.c, label {self.trap_to(code)}, label %{r}.ok, !prof !0")
        self.out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"

    def _interrupt_ptr(self) -> str:
        self.entry.append(f"%intr.pp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERRUPT_PTR}")
        self.entry.append("%intr.p = load ptr, ptr %intr.pp")
        return "%intr.p"

    def epoch_entry_lines(self) -> list[str]:
        return [
            f"%epoch.pp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EPOCH_PTR}",
            "%epoch.p = load ptr, ptr %epoch.pp",
            f"%epoch.dp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EPOCH_DEADLINE}",
        ]

    def epoch_check(self) -> None:
        """Trap with INTERRUPT once the engine's epoch reaches the deadline."""
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.e = load atomic i64, ptr %epoch.p monotonic, align 8")
        out.append(f"%{r}.d = load i64, ptr %epoch.dp")
        out.append(f"%{r}.c = icmp uge i64 %{r}.e, %{r}.d")
        self._trap_unless_ok(r, _INTERRUPT)
