"""Exception types shared by every stage of the pipeline.

They live in one leaf module so that the decoder, validator, compiler and
runtime can raise the same classes the public API exports, without any stage
importing a stage to its right.
"""
from __future__ import annotations

import enum


class WasmtimeError(Exception):
    """Every failure the runtime reports (decode, validation, link, ...)."""


class CompileError(WasmtimeError):
    """The compiler (or the interpreter's pre-decoder) could not translate a
    function (unsupported or invalid). Here, not in compile/translate.py,
    so that refusing one does not import the compiler."""


class MalformedError(WasmtimeError):
    """The bytes or text are not a well-formed module (spec: *malformed*)."""


class TextParseError(MalformedError):
    """A text-format error; the message carries ``line:column``."""


class InvalidError(WasmtimeError):
    """The module is well formed but fails validation (spec: *invalid*)."""


class LinkError(WasmtimeError):
    """Imports do not match (spec: *unlinkable*)."""


class TrapCode(enum.Enum):
    """Same members, numbering, ``str`` and ``repr`` as wasmtime-py's
    ``TrapCode`` (a plain Enum: ``str(TrapCode.UNREACHABLE)`` is
    ``"TrapCode.UNREACHABLE"``). ``int(code)`` gives the number, which is
    what generated code stores."""

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
    # later proposals and the component model: never raised by wasmlite yet
    ARRAY_OUT_OF_BOUNDS = 14
    ALLOCATION_TOO_LARGE = 15
    CAST_FAILURE = 16
    CANNOT_ENTER_COMPONENT = 17
    NO_ASYNC_RESULT = 18
    UNHANDLED_TAG = 19
    CONTINUATION_ALREADY_CONSUMED = 20
    DISABLED_OPCODE = 21
    ASYNC_DEADLOCK = 22
    CANNOT_LEAVE_COMPONENT = 23
    CANNOT_BLOCK_SYNC_TASK = 24
    INVALID_CHAR = 25
    DEBUG_ASSERT_STRING_ENCODING_FINISHED = 26
    DEBUG_ASSERT_EQUAL_CODE_UNITS = 27
    DEBUG_ASSERT_POINTER_ALIGNED = 28
    DEBUG_ASSERT_UPPER_BITS_UNSET = 29
    STRING_OUT_OF_BOUNDS = 30
    LIST_OUT_OF_BOUNDS = 31
    INVALID_DISCRIMINANT = 32
    UNALIGNED_POINTER = 33
    TASK_CANCEL_NOT_CANCELLED = 34
    TASK_CANCEL_OR_RETURN_TWICE = 35
    SUBTASK_CANCEL_AFTER_TERMINAL = 36
    TASK_RETURN_INVALID = 37
    WAITABLE_SET_DROP_HAS_WAITERS = 38
    SUBTASK_DROP_NOT_RESOLVED = 39
    THREAD_NEW_INDIRECT_INVALID_TYPE = 40
    THREAD_NEW_INDIRECT_UNINITIALIZED = 41
    BACKPRESSURE_OVERFLOW = 42
    UNSUPPORTED_CALLBACK_CODE = 43
    CANNOT_RESUME_THREAD = 44
    CONCURRENT_FUTURE_STREAM_OP = 45
    REFERENCE_COUNT_OVERFLOW = 46
    STREAM_OP_TOO_BIG = 47
    WAITABLE_SYNC_AND_ASYNC = 48
    UNCAUGHT_EXCEPTION = 49

    def __int__(self) -> int:
        return self.value

    __index__ = __int__


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
    TrapCode.UNREACHABLE: "wasm `unreachable` instruction executed",
    TrapCode.INTERRUPT: "interrupt",
    TrapCode.OUT_OF_FUEL: "all fuel consumed by WebAssembly",
    TrapCode.ATOMIC_WAIT_NON_SHARED_MEMORY: "atomic wait on non-shared memory",
    TrapCode.NULL_REFERENCE: "null reference",
    TrapCode.CAST_FAILURE: "cast failure",
    TrapCode.ARRAY_OUT_OF_BOUNDS: "out of bounds array access",
    TrapCode.ALLOCATION_TOO_LARGE: "allocation size too large",
}

# Null references the spec suite words by what was null: Wasmtime's
# NULL_REFERENCE each. Generated code traps with these status codes (outside
# TrapCode's numbers); the runtime raises TrapCode.NULL_REFERENCE with the
# message (runtime/trap.py).
NULL_FUNCTION_REFERENCE = 64        # call_ref, return_call_ref
NULL_EXCEPTION_REFERENCE = 65       # throw_ref
NULL_I31_REFERENCE = 66             # i31.get_s / i31.get_u
NULL_STRUCT_REFERENCE = 67          # struct.get / struct.set
NULL_ARRAY_REFERENCE = 68           # array.get / set / len / fill / copy / init_*
NULL_REFERENCE_MESSAGES = {NULL_FUNCTION_REFERENCE: "null function reference",
                           NULL_EXCEPTION_REFERENCE: "null exception reference",
                           NULL_I31_REFERENCE: "null i31 reference",
                           NULL_STRUCT_REFERENCE: "null structure reference",
                           NULL_ARRAY_REFERENCE: "null array reference"}


def format_backtrace(frames: list, cause: str) -> str:
    """Wasmtime's layout: the numbered backtrace, then the cause."""
    lines = ["error while executing at wasm backtrace:"]
    for i, f in enumerate(frames):
        lines.append(f"{i:>5}: {f}")
    lines += ["", "Caused by:", f"    {cause}"]
    return "\n".join(lines)


class Trap(Exception):
    """A WebAssembly trap: ``.message``, ``.trap_code``, ``.frames``. As in
    wasmtime-py it derives from Exception, not from WasmtimeError, and a trap
    raised by wasm code reads as Wasmtime prints it: ``.message`` and
    ``str()`` are the numbered backtrace, then ``wasm trap: <cause>``."""

    def __init__(self, message: str, trap_code: TrapCode | None = None,
                 frames: list | None = None) -> None:
        self.cause = message          # the trap's own words, without the backtrace
        self.trap_code = trap_code
        self.frames = list(frames or [])
        super().__init__(message)

    @property
    def message(self) -> str:
        return str(self)

    def __str__(self) -> str:
        if not self.frames:
            return self.cause
        cause = self.cause if self.trap_code is None else f"wasm trap: {self.cause}"
        return format_backtrace(self.frames, cause) + "\n"


class ExitTrap(WasmtimeError):
    """WASI ``proc_exit``: ``.code`` is the exit status. A WasmtimeError,
    as in wasmtime-py; its text is wasmtime's (``Exited with i32 exit
    status N``, after the backtrace when it has ``frames``)."""

    def __init__(self, code: int) -> None:
        self.code = code
        self.frames: list = []
        super().__init__(f"Exited with i32 exit status {code}")

    def __str__(self) -> str:
        message = f"Exited with i32 exit status {self.code}"
        return format_backtrace(self.frames, message) if self.frames else message
