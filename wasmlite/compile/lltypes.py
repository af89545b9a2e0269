"""How wasm value types look in the generated LLVM IR (the function ABI)."""
from __future__ import annotations

import struct

from ..syntax.types import (ANYREF, EXNREF, EXTERNREF, F32, F64, FUNCREF, I32, I64, V128,
                            FuncType, ValType)

# References (funcref: address of a VMFuncRef; externref and exnref: runtime
# handles) are all plain i64 so tables and values need no casts.
class _ByType(dict):
    """A dict by value type in which every reference type (typed ones,
    (ref $t), (ref null func)...: interned on demand) is its top's entry."""

    def __missing__(self, t: ValType) -> str:
        if isinstance(t, ValType) and t.is_ref:
            return self[t.top]
        raise KeyError(t)


LLTYPE: dict[ValType, str] = _ByType({
    I32: "i32", I64: "i64", F32: "float", F64: "double",
    V128: "<2 x i64>", FUNCREF: "i64", EXTERNREF: "i64", EXNREF: "i64",
    ANYREF: "i64",        # Wasm GC's internal references (any ... none)
})

ZERO: dict[str, str] = {
    "i32": "0", "i64": "0", "float": "0.0", "double": "0.0",
    "<2 x i64>": "zeroinitializer",
}


# The calling convention of every function with the wasm ABI (compiled
# functions, host trampolines, the interpreter's in stubs) and of every call
# through it (calls in compiled code, entry trampolines, out stubs), by
# signature (``wasm_cc``). tailcc is the C convention's registers plus
# guaranteed tail calls: a ``tail call tailcc`` in tail position is a jump
# even to a callee of another signature (the callee pops its own stack
# arguments), which is what return_call needs. Everything with a wasm-ABI
# pointer of a signature must agree on it: a ccc call of a tailcc function
# is undefined behaviour.
TAILCC = "tailcc"


def wasm_cc(ft: FuncType) -> str:
    """The calling convention of wasm-ABI functions of type ``ft``: tailcc,
    except where LLVM 22 gets tailcc wrong. Measured: with a v128 passed on
    the stack (a float or vector parameter past the eighth: xmm0-7 take the
    first eight) and the stack arguments ending 8 bytes past a 16-byte
    boundary, the callee pops 16 bytes less than its caller counts (e.g.
    v128 then f64 on the stack: ret $24, the caller re-adjusts by 40), and
    the caller returns to a wrong address. Those signatures keep the C
    convention, and tail calls of them are calls and returns."""
    n = 0
    for t in ft.params:
        lt = LLTYPE[t]
        if lt in ("float", "double", "<2 x i64>"):
            if n >= 8 and lt == "<2 x i64>":
                return "ccc"
            n += 1
    return TAILCC


def can_tail_call(results) -> bool:
    """Whether a tail call returning ``results`` can be a jump on this
    target: LLVM returns at most 3 integers (rax, rdx, rcx) and 4 float or
    vector values (xmm0-3) in registers; a bigger result is returned
    through memory, which a jump cannot do (measured with LLVM 22: a
    ``musttail`` one is a fatal error), so such a return_call stays a
    call and a return."""
    ints = sum(1 for t in results if LLTYPE[t] in ("i32", "i64"))
    return ints <= 3 and len(results) - ints <= 4


def ret_type(results) -> str:
    """LLVM return type for a result list: void, the type, or a literal struct."""
    if not results:
        return "void"
    if len(results) == 1:
        return LLTYPE[results[0]]
    return "{ " + ", ".join(LLTYPE[t] for t in results) + " }"


def param_list(ft: FuncType, first: str = "ptr %vmctx") -> str:
    """Parameter list of a definition with params named %p0, %p1, ..."""
    parts = [first]
    parts += [f"{LLTYPE[t]} %p{i}" for i, t in enumerate(ft.params)]
    return ", ".join(parts)


def f32_literal(bits: int) -> str:
    """An exact f32 constant operand. LLVM writes float constants as the hex
    of the equal double; a NaN would lose its payload that way, so NaNs are a
    constant bitcast of the integer image instead."""
    bits &= 0xFFFFFFFF
    if (bits & 0x7F800000) == 0x7F800000 and (bits & 0x007FFFFF):
        return f"bitcast (i32 {bits - (1 << 32) if bits >= 1 << 31 else bits} to float)"
    x = struct.unpack("<f", struct.pack("<I", bits))[0]
    return "0x%016X" % struct.unpack("<Q", struct.pack("<d", x))[0]


def f64_literal(bits: int) -> str:
    """LLVM's hex double form is the exact bit pattern (NaN payloads kept)."""
    return "0x%016X" % (bits & 0xFFFFFFFFFFFFFFFF)
