"""Constant expressions (global initializers, segment offsets and elements).

Wasm 3.0 allows ``t.const``, ``ref.null``, ``ref.func``, ``global.get`` of
any immutable global in scope (imported, or defined before the global being
initialised), and the extended-constant arithmetic ``i32/i64.add/sub/mul``.
There is no control flow, so typing is a straight pass over a value stack.
"""
from __future__ import annotations

from typing import Optional

from ..errors import InvalidError
from ..syntax.instructions import (CONST_OPS, END, EXTENDED_CONST_OPS, GC, GC_CONST_OPS,
                                   GLOBAL_GET, REF_FUNC, REF_NULL)
from ..syntax.types import (ANYREF, EXTERNREF, FUNCREF, I32, ArrayType, GlobalType, PackedType,
                            StructType, ValType, matches, ref_type, unpacked)

__all__ = ["check_const", "EXTENDED_CONST", "DEFINED_GLOBALS"]

# Feature names for ``disabled`` (and ModuleInfo.features), one per new form
# as Wasmtime gates them: the arithmetic is the extended-const proposal
# (Config.wasm_extended_const = False; Wasmtime's wording, then ours);
# global.get of a global the module defines came with GC in Wasmtime, which
# wasmlite cannot turn off, so only the 2.0 suite disables it (2.0: the
# context of a constant expression holds only the imported globals).
EXTENDED_CONST = "extended_const"
DEFINED_GLOBALS = "const_defined_globals"
_DISABLED = "extended constant expressions support is not enabled"


def check_const(expr: list, expected: ValType, globals_: list[GlobalType],
                num_funcs: int, num_imported_globals: Optional[int] = None,
                disabled: frozenset = frozenset(), used: Optional[set] = None,
                func_type_idx: Optional[list] = None, canon: Optional[list] = None,
                types: Optional[list] = None) -> None:
    """Check ``expr`` is a constant expression of type ``expected``.

    ``globals_`` are the globals a constant expression may read: for a
    global's initializer the imported ones and those defined before it, for
    a segment all of them. The first ``num_imported_globals`` of them are
    imports (None: all are). ``num_funcs`` bounds ``ref.func`` indices.
    ``disabled`` holds EXTENDED_CONST and/or DEFINED_GLOBALS for the forms
    turned off; ``used`` gets the name of each form ``expr`` uses.
    ``func_type_idx`` (each function's type index) makes ``ref.func`` a
    typed (ref $t), as Wasm 3.0 types it; ``canon`` (canonical_types) lets
    equal function types match. ``types`` (the module's types) types GC's
    allocations (struct.new, array.new*...), constant in Wasm 3.0.
    """
    if not expr or expr[-1].op is not END:
        raise InvalidError("malformed constant expression: missing end")
    n_imported = len(globals_) if num_imported_globals is None else num_imported_globals
    no_arith, no_defined = EXTENDED_CONST in disabled, DEFINED_GLOBALS in disabled
    # First: is every instruction allowed (the reference interpreter checks
    # this before typing, so "constant expression required" and "unknown
    # global" win over a type mismatch).
    body = expr[:-1]
    for ins in body:
        op = ins.op
        if op in EXTENDED_CONST_OPS:
            if no_arith:
                raise InvalidError("constant expression required: non-constant operator:"
                                   f" {op.name} ({_DISABLED})")
            if used is not None:
                used.add(EXTENDED_CONST)
        elif op in GC_CONST_OPS:
            if GC in disabled:
                raise InvalidError("constant expression required: gc support is not enabled")
            if used is not None:
                used.add(GC)
        elif op not in CONST_OPS or op is END:
            raise InvalidError("constant expression required")
        elif op is GLOBAL_GET:
            x = ins.imm
            if not isinstance(x, int) or not 0 <= x < len(globals_):
                raise InvalidError(f"unknown global {x}")
            if globals_[x].mutable:
                raise InvalidError("constant expression required")
            if x >= n_imported:
                if no_defined:
                    raise InvalidError(f"unknown global {x}: a constant expression reads "
                                       "only imported globals in Wasm 2.0")
                if used is not None:
                    used.add(DEFINED_GLOBALS)
    stack: list[ValType] = []
    for ins in body:
        op = ins.op
        if op is GLOBAL_GET:
            stack.append(globals_[ins.imm].valtype)
        elif op is REF_FUNC:
            x = ins.imm
            if not isinstance(x, int) or not 0 <= x < num_funcs:
                raise InvalidError(f"unknown function {x}")
            stack.append(FUNCREF if func_type_idx is None else ref_type(func_type_idx[x], False))
        elif op is REF_NULL:
            if not isinstance(ins.imm, ValType) or not ins.imm.is_ref:
                raise InvalidError(f"malformed reference type {ins.imm!r}")
            stack.append(ins.imm)
        elif op in EXTENDED_CONST_OPS:   # [t t] -> [t], t from its table row
            t = op.results[0]
            if len(stack) < 2 or stack[-1] is not t or stack[-2] is not t:
                got = "[" + " ".join(s.name for s in stack[-2:]) + "]"
                raise InvalidError(f"type mismatch: {op.name} expects [{t} {t}], got {got}")
            stack.pop()
        elif op in GC_CONST_OPS:
            _gc_const(ins, stack, types or [], canon)
        else:                        # t.const: its table row says what it pushes
            stack.append(op.results[0])
    if len(stack) != 1 or not matches(stack[0], expected, canon):
        got = "[" + " ".join(t.name for t in stack) + "]"
        raise InvalidError(f"type mismatch: constant expression must be [{expected}], got {got}")


def _pop(stack: list, want: ValType, canon: Optional[list], what: str) -> ValType:
    if not stack or not matches(stack[-1], want, canon):
        got = stack[-1].name if stack else "nothing"
        raise InvalidError(f"type mismatch: {what} expects {want}, got {got}")
    return stack.pop()


def _gc_type(types: list, x: object, kind: type, what: str):
    if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < len(types):
        raise InvalidError(f"unknown type {x}")
    if type(types[x]) is not kind:
        raise InvalidError(f"type mismatch: type {x} is not {what} type")
    return types[x]


def _gc_const(ins, stack: list, types: list, canon: Optional[list]) -> None:
    """Type one of GC's constant instructions on ``stack`` (as valid/gc.py
    types them in bodies)."""
    name, x = ins.op.name, ins.imm
    if name == "ref.i31":
        _pop(stack, I32, canon, name)
        stack.append(ref_type("i31", False))
    elif name == "any.convert_extern" or name == "extern.convert_any":
        t = _pop(stack, EXTERNREF if name[0] == "a" else ANYREF, canon, name)
        stack.append(ref_type("any" if name[0] == "a" else "extern", t.nullable))
    elif name.startswith("struct."):
        st = _gc_type(types, x, StructType, "a struct")
        if name == "struct.new":
            for f in reversed(st.fields):
                _pop(stack, unpacked(f.storage), canon, name)
        elif not all(isinstance(f.storage, PackedType) or f.storage.defaultable
                     for f in st.fields):
            raise InvalidError("type mismatch: struct.new_default of a non-defaultable field")
        stack.append(ref_type(x, False))
    else:
        idx, n = x if name == "array.new_fixed" else (x, None)
        at = _gc_type(types, idx, ArrayType, "an array")
        elem = unpacked(at.field.storage)
        if name == "array.new_fixed":
            for _ in range(n):
                _pop(stack, elem, canon, name)
        else:
            _pop(stack, I32, canon, name)
            if name == "array.new":
                _pop(stack, elem, canon, name)
            elif not (isinstance(at.field.storage, PackedType) or at.field.storage.defaultable):
                raise InvalidError("type mismatch: array.new_default of a non-defaultable type")
        stack.append(ref_type(idx, False))
