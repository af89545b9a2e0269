"""Evaluating constant expressions at instantiation time, to raw bits.

Constant expressions initialise globals and give segment offsets and element
items. They are validated already (valid/const.py: Wasm 3.0's extended
constant arithmetic, i32/i64 add, sub, mul, wrapping, and global.get of any
earlier immutable global); this only computes. A global's initializer runs
while only the globals before it exist, which is all it may read.
"""
from __future__ import annotations

from typing import Callable

from ..errors import WasmtimeError
from ..syntax.instructions import END, I32_CONST

_M32 = (1 << 32) - 1
_M64 = (1 << 64) - 1

_ARITH = {
    "i32.add": (lambda a, b: a + b, _M32), "i32.sub": (lambda a, b: a - b, _M32),
    "i32.mul": (lambda a, b: a * b, _M32), "i64.add": (lambda a, b: a + b, _M64),
    "i64.sub": (lambda a, b: a - b, _M64), "i64.mul": (lambda a, b: a * b, _M64),
}


def _any_of_extern(h: int) -> int:
    from ..compile.gc_values import ANY_IN_EXTERN, EXTERN_TAG
    if h & ANY_IN_EXTERN:
        return h ^ ANY_IN_EXTERN
    return (h << 2) | EXTERN_TAG if h else 0


def _extern_of_any(v: int) -> int:
    from ..compile.gc_values import ANY_IN_EXTERN, EXTERN_TAG
    if v & 3 == EXTERN_TAG:
        return v >> 2
    return v | ANY_IN_EXTERN if v else 0


def _gc_op(name: str, imm, stack: list[int], gc) -> bool:
    """Wasm GC's allocating constant instructions (runtime/gc_objects.py
    makes the objects); False for any other instruction."""
    if gc is None or not name.startswith(("struct.new", "array.new")):
        return False
    if name == "struct.new":
        n = gc.field_count(imm)
        values = stack[len(stack) - n:] if n else []
        del stack[len(stack) - n:]
        stack.append(gc.struct_new(imm, values))
    elif name == "struct.new_default":
        stack.append(gc.struct_default(imm))
    elif name == "array.new":
        n = stack.pop()
        stack.append(gc.array_repeat(imm, stack.pop(), n))
    elif name == "array.new_default":
        stack.append(gc.array_repeat(imm, 0, stack.pop()))
    elif name == "array.new_fixed":
        typeidx, n = imm
        values = stack[len(stack) - n:] if n else []
        del stack[len(stack) - n:]
        stack.append(gc.array_new(typeidx, values))
    else:
        return False
    return True


def eval_const(expr: list, global_value: Callable[[int], int],
               func_ref: Callable[[int], int], gc=None) -> int:
    """The raw bits of the single value ``expr`` leaves on the stack.

    ``global_value(i)`` gives the raw bits of global ``i``; ``func_ref(i)``
    the funcref bits (VMFuncRef address) of function ``i``; ``gc`` (a
    runtime/gc_objects.ConstHeap) makes Wasm GC objects.
    """
    if len(expr) == 2 and expr[0].op is I32_CONST and expr[1].op is END:
        # the common form (data and element offsets: CPython for WASI has
        # 42,695 segments), without the general loop
        return expr[0].imm & _M32
    stack: list[int] = []
    for instr in expr:
        name = instr.op.name
        if name == "end":
            break
        if name == "i32.const" or name == "f32.const":
            stack.append(instr.imm & _M32)
        elif name == "i64.const" or name == "f64.const":
            stack.append(instr.imm & _M64)
        elif name == "v128.const":
            stack.append(int.from_bytes(instr.imm, "little"))
        elif name == "ref.null":
            stack.append(0)
        elif name == "ref.func":
            stack.append(func_ref(instr.imm))
        elif name == "global.get":
            stack.append(global_value(instr.imm))
        elif name == "ref.i31":             # Wasm GC (compile/gc_values.py's encoding)
            stack.append((((stack.pop() & 0x7FFFFFFF) << 1) | 1))
        elif name == "any.convert_extern":
            stack.append(_any_of_extern(stack.pop()))
        elif name == "extern.convert_any":
            stack.append(_extern_of_any(stack.pop()))
        elif _gc_op(name, instr.imm, stack, gc):
            pass
        elif name in _ARITH:
            fn, mask = _ARITH[name]
            b = stack.pop()
            a = stack.pop()
            stack.append(fn(a, b) & mask)
        else:
            raise WasmtimeError(f"instruction {name} is not allowed in a constant expression")
    if len(stack) != 1:
        raise WasmtimeError("constant expression must leave exactly one value")
    return stack[0]
