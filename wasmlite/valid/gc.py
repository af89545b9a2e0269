"""Type checking of Wasm GC's instructions (struct.*, array.*, ref.test,
ref.cast, br_on_cast*, i31, ref.eq, the extern/any conversions).

One handler per instruction, of the shape ``func.HANDLERS`` takes
(checker, instr, body index); ``func.py`` registers them. The rules and
the words of the errors follow the spec's validation section and the
reference interpreter ("type mismatch", "immutable field", "unknown type",
"field is packed"...).
"""
from __future__ import annotations

from typing import Any

from ..errors import InvalidError
from ..syntax.types import (ANYREF, EQREF, EXTERNREF, I31REF, I32, ArrayType, PackedType,
                            StructType, ValType, heap_kind, matches, ref_type, storage_matches,
                            unpacked)

__all__ = ["GC_HANDLERS", "heap_top"]

_ARRAYREF_NULL = ref_type("array")
_ABSTRACT_TOP = {"any": "any", "eq": "any", "i31": "any", "struct": "any", "array": "any",
                 "none": "any", "func": "func", "nofunc": "func", "extern": "extern",
                 "noextern": "extern", "exn": "exn", "noexn": "exn"}


def _need_gc(c) -> None:
    from .func import GC, GC_DISABLED    # (func.py imports this module)
    if GC in c.ctx.disabled:
        raise InvalidError(GC_DISABLED)
    c.ctx.used.add(GC)


def heap_top(heap: object, canon: Any) -> Any:
    """The top of ``heap``'s hierarchy ("any", "func", "extern", "exn"), a
    type index resolved through the module's canonical types; None for the
    bottom of the unreachable stack (it goes with every hierarchy)."""
    if heap == "bot":
        return None
    if type(heap) is str:
        return _ABSTRACT_TOP[heap]
    if type(heap) is int:
        heap = canon[heap] if canon is not None and heap < len(canon) else None
        if heap is None:
            return "func"
    k = heap_kind(heap)
    return "func" if k == "func" else "any"


def _deftype(c, x: Any, kind: type, what: str):
    """Type index ``x``'s composite type, which must be of class ``kind``."""
    types = c.ctx.types
    if isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < len(types):
        raise InvalidError(f"unknown type {x}")
    t = types[x]
    if type(t) is not kind:
        raise InvalidError(f"type mismatch: type {x} is not {what} type")
    return t


def _check_reftype(c, t: Any) -> None:
    from .func import check_valtype
    if not isinstance(t, ValType) or not t.is_ref:
        raise InvalidError(f"malformed reference type {t!r}")
    check_valtype(t, len(c.ctx.types))


def _field(st: StructType, x: int, y: Any):
    if isinstance(y, bool) or not isinstance(y, int) or not 0 <= y < len(st.fields):
        raise InvalidError(f"unknown field {y}")
    return st.fields[y]


def _defaultable(storage: object) -> bool:
    return isinstance(storage, PackedType) or storage.defaultable


def _h_struct_new(c, ins, i: int) -> None:
    _need_gc(c)
    st = _deftype(c, ins.imm, StructType, "a struct")
    c.pop_vals([unpacked(f.storage) for f in st.fields])
    c.stack.append(ref_type(ins.imm, False))


def _h_struct_new_default(c, ins, i: int) -> None:
    _need_gc(c)
    st = _deftype(c, ins.imm, StructType, "a struct")
    for f in st.fields:
        if not _defaultable(f.storage):
            raise InvalidError(f"type mismatch: field of type {f.storage} is not defaultable")
    c.stack.append(ref_type(ins.imm, False))


def _struct_get(packed: bool):
    def h(c, ins, i: int) -> None:
        _need_gc(c)
        x, y = ins.imm
        f = _field(_deftype(c, x, StructType, "a struct"), x, y)
        if isinstance(f.storage, PackedType) != packed:
            raise InvalidError("type mismatch: field is packed" if not packed
                               else "type mismatch: field is not packed")
        c.pop(ref_type(x, True))
        c.stack.append(unpacked(f.storage))
    return h


def _h_struct_set(c, ins, i: int) -> None:
    _need_gc(c)
    x, y = ins.imm
    f = _field(_deftype(c, x, StructType, "a struct"), x, y)
    if not f.mutable:
        raise InvalidError("immutable field")
    c.pop(unpacked(f.storage))
    c.pop(ref_type(x, True))


def _array(c, x: Any) -> ArrayType:
    return _deftype(c, x, ArrayType, "an array")


def _h_array_new(c, ins, i: int) -> None:
    _need_gc(c)
    at = _array(c, ins.imm)
    c.pop(I32)
    c.pop(unpacked(at.field.storage))
    c.stack.append(ref_type(ins.imm, False))


def _h_array_new_default(c, ins, i: int) -> None:
    _need_gc(c)
    at = _array(c, ins.imm)
    if not _defaultable(at.field.storage):
        raise InvalidError(f"type mismatch: array of {at.field.storage} is not defaultable")
    c.pop(I32)
    c.stack.append(ref_type(ins.imm, False))


def _pop_n(c, t: ValType, n: int) -> None:
    """Pop ``n`` operands of type ``t`` without building a list of ``n``
    (array.new_fixed's n is a u32: in unreachable code all but the few on
    the stack are Unknown, found at once)."""
    from .func import F_HEIGHT, F_UNREACH
    frame = c.ctrls[-1]
    have = len(c.stack) - frame[F_HEIGHT]
    if n > have and not frame[F_UNREACH]:
        raise InvalidError(f"type mismatch: array.new_fixed expects {n} operands of {t} "
                           f"but the stack has {have}")
    for _ in range(min(n, have)):
        c.pop(t)


def _h_array_new_fixed(c, ins, i: int) -> None:
    _need_gc(c)
    x, n = ins.imm
    at = _array(c, x)
    _pop_n(c, unpacked(at.field.storage), n)
    c.stack.append(ref_type(x, False))


def _data_elem_of(c, at: ArrayType, d: Any) -> None:
    """array.new_data / init_data: a numeric or vector element type and a
    data segment that exists."""
    st = at.field.storage
    if isinstance(st, ValType) and st.is_ref:
        raise InvalidError("array type is not numeric or vector")
    if isinstance(d, bool) or not isinstance(d, int) or not 0 <= d < c.ctx.num_datas:
        raise InvalidError(f"unknown data segment {d}")


def _elem_of(c, at: ArrayType, e: Any) -> None:
    """array.new_elem / init_elem: the segment's type matches the element's."""
    types = c.ctx.elem_types
    if isinstance(e, bool) or not isinstance(e, int) or not 0 <= e < len(types):
        raise InvalidError(f"unknown elem segment {e}")
    if not storage_matches(types[e], at.field.storage, c.ctx.canon):
        raise InvalidError(f"type mismatch: element segment of {types[e]} for an array of "
                           f"{at.field.storage}")


def _h_array_new_data(c, ins, i: int) -> None:
    _need_gc(c)
    x, d = ins.imm
    _data_elem_of(c, _array(c, x), d)
    c.pop_vals([I32, I32])
    c.stack.append(ref_type(x, False))


def _h_array_new_elem(c, ins, i: int) -> None:
    _need_gc(c)
    x, e = ins.imm
    _elem_of(c, _array(c, x), e)
    c.pop_vals([I32, I32])
    c.stack.append(ref_type(x, False))


def _array_get(packed: bool):
    def h(c, ins, i: int) -> None:
        _need_gc(c)
        at = _array(c, ins.imm)
        if isinstance(at.field.storage, PackedType) != packed:
            raise InvalidError("type mismatch: array is packed" if not packed
                               else "type mismatch: array is not packed")
        c.pop(I32)
        c.pop(ref_type(ins.imm, True))
        c.stack.append(unpacked(at.field.storage))
    return h


def _mutable_array(c, x: Any) -> ArrayType:
    at = _array(c, x)
    if not at.field.mutable:
        raise InvalidError("immutable array")
    return at


def _h_array_set(c, ins, i: int) -> None:
    _need_gc(c)
    at = _mutable_array(c, ins.imm)
    c.pop(unpacked(at.field.storage))
    c.pop(I32)
    c.pop(ref_type(ins.imm, True))


def _h_array_len(c, ins, i: int) -> None:
    _need_gc(c)
    c.pop(_ARRAYREF_NULL)
    c.stack.append(I32)


def _h_array_fill(c, ins, i: int) -> None:
    _need_gc(c)
    at = _mutable_array(c, ins.imm)
    c.pop(I32)
    c.pop(unpacked(at.field.storage))
    c.pop(I32)
    c.pop(ref_type(ins.imm, True))


def _h_array_copy(c, ins, i: int) -> None:
    _need_gc(c)
    x, y = ins.imm
    dst = _mutable_array(c, x)
    src = _array(c, y)
    if not storage_matches(src.field.storage, dst.field.storage, c.ctx.canon):
        raise InvalidError("array types do not match")
    c.pop(I32)
    c.pop(I32)
    c.pop(ref_type(y, True))
    c.pop(I32)
    c.pop(ref_type(x, True))


def _h_array_init_data(c, ins, i: int) -> None:
    _need_gc(c)
    x, d = ins.imm
    _data_elem_of(c, _mutable_array(c, x), d)
    c.pop_vals([I32, I32, I32])
    c.pop(ref_type(x, True))


def _h_array_init_elem(c, ins, i: int) -> None:
    _need_gc(c)
    x, e = ins.imm
    _elem_of(c, _mutable_array(c, x), e)
    c.pop_vals([I32, I32, I32])
    c.pop(ref_type(x, True))


def _pop_same_hierarchy(c, rt: ValType) -> ValType:
    """Pop a reference of ``rt``'s hierarchy (ref.test / ref.cast: the
    operand may be any reference with the same top)."""
    t = c.pop_ref()
    canon = c.ctx.canon
    top = heap_top(t.heap, canon)
    if top is not None and top != heap_top(rt.heap, canon):
        raise InvalidError(f"type mismatch: expected a reference of {rt}'s hierarchy "
                           f"but got {t}")
    return t


def _h_ref_test(c, ins, i: int) -> None:
    _need_gc(c)
    _check_reftype(c, ins.imm)
    _pop_same_hierarchy(c, ins.imm)
    c.stack.append(I32)


def _h_ref_cast(c, ins, i: int) -> None:
    _need_gc(c)
    _check_reftype(c, ins.imm)
    _pop_same_hierarchy(c, ins.imm)
    c.stack.append(ins.imm)


def _diff(rt1: ValType, rt2: ValType) -> ValType:
    """rt1 \\ rt2: what is left of rt1 when rt2's values are taken out
    (only nullness can be taken out)."""
    return ref_type(rt1.heap, rt1.nullable and not rt2.nullable)


def _br_on_cast(fail: bool):
    def h(c, ins, i: int) -> None:
        _need_gc(c)
        label, rt1, rt2 = ins.imm
        _check_reftype(c, rt1)
        _check_reftype(c, rt2)
        canon = c.ctx.canon
        if not matches(rt2, rt1, canon):
            raise InvalidError(f"type mismatch: cast to {rt2} is not within {rt1}")
        types = c.label(label)
        if not types or not types[-1].is_ref:
            raise InvalidError(f"type mismatch: {ins.op.name} needs a label ending in "
                               "a reference")
        branch = _diff(rt1, rt2) if fail else rt2
        if not matches(branch, types[-1], canon):
            raise InvalidError(f"type mismatch: expected {types[-1]} but got {branch}")
        c.pop(rt1)
        rest = types[:-1]
        c.pop_vals(rest)
        c.stack.extend(rest)
        c.stack.append(rt2 if fail else _diff(rt1, rt2))
    return h


def _convert(src_top: ValType, dst_heap: str):
    def h(c, ins, i: int) -> None:
        _need_gc(c)
        t = c.pop(src_top)
        nullable = True if t is None else t.nullable
        c.stack.append(ref_type(dst_heap, nullable))
    return h


def _h_ref_i31(c, ins, i: int) -> None:
    _need_gc(c)
    c.pop(I32)
    c.stack.append(ref_type("i31", False))


def _h_i31_get(c, ins, i: int) -> None:
    _need_gc(c)
    c.pop(I31REF)
    c.stack.append(I32)


def _h_ref_eq(c, ins, i: int) -> None:
    _need_gc(c)
    c.pop(EQREF)
    c.pop(EQREF)
    c.stack.append(I32)


GC_HANDLERS = {
    "struct.new": _h_struct_new, "struct.new_default": _h_struct_new_default,
    "struct.get": _struct_get(False), "struct.get_s": _struct_get(True),
    "struct.get_u": _struct_get(True), "struct.set": _h_struct_set,
    "array.new": _h_array_new, "array.new_default": _h_array_new_default,
    "array.new_fixed": _h_array_new_fixed, "array.new_data": _h_array_new_data,
    "array.new_elem": _h_array_new_elem, "array.get": _array_get(False),
    "array.get_s": _array_get(True), "array.get_u": _array_get(True),
    "array.set": _h_array_set, "array.len": _h_array_len, "array.fill": _h_array_fill,
    "array.copy": _h_array_copy, "array.init_data": _h_array_init_data,
    "array.init_elem": _h_array_init_elem,
    "ref.test": _h_ref_test, "ref.test_null": _h_ref_test,
    "ref.cast": _h_ref_cast, "ref.cast_null": _h_ref_cast,
    "br_on_cast": _br_on_cast(False), "br_on_cast_fail": _br_on_cast(True),
    "any.convert_extern": _convert(EXTERNREF, "any"),
    "extern.convert_any": _convert(ANYREF, "extern"),
    "ref.i31": _h_ref_i31, "i31.get_s": _h_i31_get, "i31.get_u": _h_i31_get,
    "ref.eq": _h_ref_eq,
}
