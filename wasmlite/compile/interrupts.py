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

Epoch interruption: on function entry and at loop headers, the engine's
epoch counter (``*limits.epoch_ptr``, bumped by ``Engine.increment_epoch``
from any thread) is compared with ``limits.epoch_deadline``; reaching it
traps with INTERRUPT.
"""
from __future__ import annotations

from ..errors import TrapCode
from ..syntax.instructions import OP_BY_NAME
from . import vmcontext as vm

_OUT_OF_FUEL = int(TrapCode.OUT_OF_FUEL)
_INTERRUPT = int(TrapCode.INTERRUPT)

FUEL_FREE = frozenset(OP_BY_NAME[n] for n in (
    "nop", "drop", "block", "loop", "end", "else", "unreachable", "return"))
# the cost of everything before these is charged before they branch or call
FLUSH_BEFORE = frozenset(OP_BY_NAME[n] for n in (
    "loop", "if", "else", "end", "br", "br_if", "br_table", "return",
    "call", "call_indirect"))


class InterruptOps:
    """Mixin for FunctionTranslator: the fuel local and the checks."""

    fuel_pending = 0

    def _limits_field(self, offset: int) -> str:
        r = self.tmp()
        self.out.append(f"%{r} = getelementptr i8, ptr %limits, i64 {offset}")
        return f"%{r}"

    def fuel_entry_lines(self) -> list[str]:
        """Entry-block lines: the local takes the store's fuel, less the
        call's own cost of 1, and traps when nothing is left."""
        return [
            "%fuel = alloca i64",
            f"%fuel.p = getelementptr i8, ptr %limits, i64 {vm.LIMITS_FUEL}",
            "%fuel.in = load i64, ptr %fuel.p",
            "%fuel.0 = sub i64 %fuel.in, 1",
            "store i64 %fuel.0, ptr %fuel",
            "store i64 %fuel.0, ptr %fuel.p",
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
