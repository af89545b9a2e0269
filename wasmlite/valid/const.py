"""Constant expressions (global initializers, segment offsets and elements).

Wasm 2.0 allows only ``t.const``, ``ref.null``, ``ref.func`` and
``global.get`` of an *imported immutable* global; every instruction pushes
exactly one value, so typing is a single pass without a control stack.
"""
from __future__ import annotations

from ..errors import InvalidError
from ..syntax.instructions import CONST_OPS, END, GLOBAL_GET, REF_FUNC, REF_NULL
from ..syntax.types import FUNCREF, GlobalType, ValType

__all__ = ["check_const"]


def check_const(expr: list, expected: ValType, globals_: list[GlobalType],
                num_funcs: int) -> None:
    """Check ``expr`` is a constant expression of type ``expected``.

    ``globals_`` are the globals a constant expression may read (the imported
    ones in Wasm 2.0); ``num_funcs`` bounds ``ref.func`` indices.
    """
    if not expr or expr[-1].op is not END:
        raise InvalidError("malformed constant expression: missing end")
    # First: is every instruction allowed (the reference interpreter checks
    # this before typing, so "constant expression required" wins).
    stack: list[ValType] = []
    for ins in expr[:-1]:
        op = ins.op
        if op not in CONST_OPS or op is END:
            raise InvalidError("constant expression required")
        if op is GLOBAL_GET:
            x = ins.imm
            if not isinstance(x, int) or not 0 <= x < len(globals_):
                raise InvalidError(f"unknown global {x}")
            g = globals_[x]
            if g.mutable:
                raise InvalidError("constant expression required")
            stack.append(g.valtype)
        elif op is REF_FUNC:
            x = ins.imm
            if not isinstance(x, int) or not 0 <= x < num_funcs:
                raise InvalidError(f"unknown function {x}")
            stack.append(FUNCREF)
        elif op is REF_NULL:
            if not isinstance(ins.imm, ValType) or not ins.imm.is_ref:
                raise InvalidError(f"malformed reference type {ins.imm!r}")
            stack.append(ins.imm)
        else:                        # t.const: its table row says what it pushes
            stack.append(op.results[0])
    if len(stack) != 1 or stack[0] is not expected:
        got = "[" + " ".join(t.name for t in stack) + "]"
        raise InvalidError(f"type mismatch: constant expression must be [{expected}], got {got}")
