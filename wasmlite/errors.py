"""Exception types shared by every stage of the pipeline.

They live in one leaf module so that the decoder, validator, compiler and
runtime can raise the same classes the public API exports, without any stage
importing a stage to its right.
"""
from __future__ import annotations

import enum


class WasmtimeError(Exception):
    """Every failure the runtime reports (decode, validation, link, ...)."""


class MalformedError(WasmtimeError):
    """The bytes or text are not a well-formed module (spec: *malformed*)."""


class TextParseError(MalformedError):
    """A text-format error; the message carries ``line:column``."""


class InvalidError(WasmtimeError):
    """The module is well formed but fails validation (spec: *invalid*)."""


class LinkError(WasmtimeError):
    """Imports do not match (spec: *unlinkable*)."""


class TrapCode(enum.IntEnum):
    """Same numbering as wasmtime-py's ``TrapCode``."""

    STACK_OVERFLOW = 0
    MEMORY_OUT_OF_BOUNDS = 1
    HEAP_MISALIGNED = 2
    TABLE_OUT_OF_BOUNDS = 3
    INDIRECT_CALL_TO_NULL = 4
    BAD_SIGNATURE = 5
    INTEGER_OVERFLOW = 6
    INTEGER_DIVISION_BY_ZERO = 7
    BAD_CONVERSION_TO_INTEGER = 8
    UNREACHABLE = 9
    INTERRUPT = 10
    OUT_OF_FUEL = 11
    ATOMIC_WAIT_NON_SHARED_MEMORY = 12
    NULL_REFERENCE = 13


# The spec test suite's wording for each trap code. TABLE_OUT_OF_BOUNDS
# carries both spec wordings, as wasmtime does: call_indirect past the end
# says "undefined element", table.get/set/init say "out of bounds table access".
TRAP_MESSAGES: dict[TrapCode, str] = {
    TrapCode.STACK_OVERFLOW: "call stack exhausted",
    TrapCode.MEMORY_OUT_OF_BOUNDS: "out of bounds memory access",
    TrapCode.HEAP_MISALIGNED: "misaligned memory access",
    TrapCode.TABLE_OUT_OF_BOUNDS: "undefined element: out of bounds table access",
    TrapCode.INDIRECT_CALL_TO_NULL: "uninitialized element",
    TrapCode.BAD_SIGNATURE: "indirect call type mismatch",
    TrapCode.INTEGER_OVERFLOW: "integer overflow",
    TrapCode.INTEGER_DIVISION_BY_ZERO: "integer divide by zero",
    TrapCode.BAD_CONVERSION_TO_INTEGER: "invalid conversion to integer",
    TrapCode.UNREACHABLE: "unreachable",
    TrapCode.INTERRUPT: "interrupt",
    TrapCode.OUT_OF_FUEL: "all fuel consumed by WebAssembly",
    TrapCode.ATOMIC_WAIT_NON_SHARED_MEMORY: "atomic wait on non-shared memory",
    TrapCode.NULL_REFERENCE: "null reference",
}


class Trap(WasmtimeError):
    """A WebAssembly trap: ``.message``, ``.trap_code``, ``.frames``."""

    def __init__(self, message: str, trap_code: TrapCode | None = None,
                 frames: list | None = None) -> None:
        self.message = message
        self.trap_code = trap_code
        self.frames = list(frames or [])
        super().__init__(message)

    def __str__(self) -> str:
        if not self.frames:
            return self.message
        # Wasmtime's layout: the backtrace, then the cause
        lines = ["error while executing at wasm backtrace:"]
        for i, f in enumerate(self.frames):
            lines.append(f"{i:>5}: {f}")
        cause = self.message if self.trap_code is None else f"wasm trap: {self.message}"
        lines += ["", "Caused by:", f"    {cause}"]
        return "\n".join(lines)


class ExitTrap(WasmtimeError):
    """WASI ``proc_exit``: ``.code`` is the exit status."""

    def __init__(self, code: int) -> None:
        self.code = code
        super().__init__(f"Exited with i32 exit status {code}")
