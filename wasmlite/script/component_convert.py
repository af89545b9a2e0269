"""A script's component values (``text.script.ComponentValue``, and
``Const`` for f32/f64 inside them) against the Python values wasmlite's
component API takes and gives (``runtime/component_values.py``), by type.

The Python form of a variant, option or result depends on its type: it is a
``Variant`` only when its cases' Python classes overlap, and the payload
itself otherwise (wasmtime-py's rule, which the canonical ABI's codecs keep).
So both directions here walk the value together with its resolved type.

Matching follows Wasmtime's wast (``wasmtime_wast::component::match_val``):
the kinds must agree (a ``u32.const`` never matches an ``s32``), lists and
tuples must have the same length, flags compare as sets, floats by their
bits; records are compared field by field over the shorter of the two, as
Wasmtime does (its length check compares the expected record with itself).
"""
from __future__ import annotations

import struct
from typing import Any, Optional

from ..errors import WasmtimeError
from ..syntax import component_types as T
from ..syntax.types import F32 as CORE_F32, F64 as CORE_F64
from ..runtime.component_resources import ResourceAny, ResourceHost
from ..runtime.component_values import Record, Variant
from ..text.script import ComponentValue, Const

__all__ = ["ValueMismatch", "kind_of_type", "kind_of_value", "to_python", "match"]

_INT_KINDS = {T.U8: "u8", T.S8: "s8", T.U16: "u16", T.S16: "s16", T.U32: "u32",
              T.S32: "s32", T.U64: "u64", T.S64: "s64"}
_SIMPLE_KINDS = {**_INT_KINDS, T.Bool: "bool", T.F32: "f32", T.F64: "f64", T.Char: "char",
                 T.String: "string", T.ListType: "list", T.RecordType: "record",
                 T.TupleType: "tuple", T.VariantType: "variant", T.EnumType: "enum",
                 T.OptionType: "option", T.ResultType: "result", T.FlagsType: "flags",
                 T.OwnType: "resource", T.BorrowType: "resource"}


class ValueMismatch(WasmtimeError):
    """A script value that the parameter's type cannot take (Wasmtime's
    type check of a call's arguments: the call fails, as a trap would)."""


def kind_of_type(t: Any) -> str:
    """The word Wasmtime uses for values of type ``t`` (``u32``, ``list``...)."""
    return _SIMPLE_KINDS.get(type(t), type(t).__name__)


def kind_of_value(v: Any) -> str:
    """The word for a script value's kind (f32/f64 are ``Const``s)."""
    if isinstance(v, ComponentValue):
        return v.kind
    if isinstance(v, Const) and v.type in (CORE_F32, CORE_F64):
        return "f32" if v.type is CORE_F32 else "f64"
    return "core value"


# -- the Python classes a type's values have (the codecs' ``classes``) --------------

def _classes(t: Any) -> frozenset:
    cls = type(t)
    if cls in _INT_KINDS:
        return frozenset((int,))
    if cls is T.Bool:
        return frozenset((bool,))
    if cls is T.F32 or cls is T.F64:
        return frozenset((float,))
    if cls in (T.Char, T.String, T.EnumType):
        return frozenset((str,))
    if cls is T.ListType:
        return frozenset((bytes,)) if type(t.element) is T.U8 else frozenset((list,))
    if cls is T.RecordType:
        return frozenset((Record,))
    if cls is T.TupleType:
        return frozenset((tuple,))
    if cls is T.FlagsType:
        return frozenset((set,))
    if cls in (T.OwnType, T.BorrowType):
        return frozenset((ResourceAny, ResourceHost))
    if cls in (T.VariantType, T.OptionType, T.ResultType):
        if _tagged(t):
            return frozenset((Variant,))
        return frozenset().union(*(_case_classes(p) for _, p in _cases(t)))
    return frozenset((object,))


def _case_classes(payload: Any) -> frozenset:
    return frozenset((object,)) if payload is None else _classes(payload)


def _cases(t: Any) -> list:
    """(label, payload type or None) of a variant, option or result."""
    cls = type(t)
    if cls is T.VariantType:
        return list(t.cases)
    if cls is T.OptionType:
        return [("none", None), ("some", t.payload)]
    return [("ok", t.ok), ("err", t.err)]


def _tagged(t: Any) -> bool:
    """Whether values of this variant/option/result are ``Variant``s: two
    of its cases' Python classes overlap."""
    seen: set = set()
    for _, payload in _cases(t):
        case = _case_classes(payload)
        if case & seen:
            return True
        seen |= case
    return False


# -- script value -> Python value ---------------------------------------------------

def _mismatch(t: Any, v: Any) -> ValueMismatch:
    return ValueMismatch(f"type mismatch: expected {kind_of_type(t)}, found {kind_of_value(v)}")


def _float(v: Any, t: Any) -> float:
    if type(t) is T.F32:
        return struct.unpack("<f", struct.pack("<I", v.value))[0]
    return struct.unpack("<d", struct.pack("<Q", v.value))[0]


def to_python(v: Any, t: Any) -> Any:
    """The Python value the API takes for script value ``v`` as type ``t``
    (ValueMismatch when ``v`` is not of that type)."""
    kind = kind_of_type(t)
    if kind_of_value(v) != kind:
        raise _mismatch(t, v)
    if kind in ("f32", "f64"):
        return _float(v, t)
    value = v.value
    cls = type(t)
    if cls is T.ListType:
        items = [to_python(x, t.element) for x in value]
        return bytes(items) if type(t.element) is T.U8 else items
    if cls is T.TupleType:
        if len(value) != len(t.elements):
            raise ValueMismatch(f"type mismatch: expected a {len(t.elements)}-tuple, "
                                f"found a {len(value)}-tuple")
        return tuple(to_python(x, e) for x, e in zip(value, t.elements))
    if cls is T.RecordType:
        names = [n for n, _ in value]
        if names != [n for n, _ in t.fields]:
            raise ValueMismatch(f"type mismatch: expected record fields "
                                f"{[n for n, _ in t.fields]}, found {names}")
        return Record(**{n.replace("-", "_"): to_python(x, ft)
                         for (n, x), (_, ft) in zip(value, t.fields)})
    if cls is T.EnumType:
        if value not in t.names:
            raise ValueMismatch(f"enum case `{value}` not found")
        return value
    if cls is T.FlagsType:
        for name in value:
            if name not in t.names:
                raise ValueMismatch(f"flag `{name}` not found")
        return set(value)
    if cls in (T.VariantType, T.OptionType, T.ResultType):
        return _case_to_python(v, t)
    return value            # bool, integers, char, string


def _case_to_python(v: ComponentValue, t: Any) -> Any:
    cls = type(t)
    if cls is T.OptionType:
        label, payload = ("none", None) if v.value is None else ("some", v.value)
    else:
        label, payload = v.value
    cases = dict(_cases(t))
    if label not in cases:
        raise ValueMismatch(f"unknown variant case `{label}`")
    ptype = cases[label]
    if (ptype is None) != (payload is None):
        raise ValueMismatch(f"case `{label}` " + ("has no payload" if ptype is None
                                                  else "needs a payload"))
    py = None if payload is None else to_python(payload, ptype)
    return Variant(label, py) if _tagged(t) else py


# -- Python result vs expected script value -------------------------------------------

def match(expected: Any, t: Any, actual: Any) -> Optional[str]:
    """None when the lifted ``actual`` (of type ``t``) is the script value
    ``expected``; otherwise why not, in Wasmtime's words."""
    want, got = kind_of_value(expected), kind_of_type(t)
    if want != got:
        return f"expected `{want}` got `{got}`"
    cls = type(t)
    if want in ("f32", "f64"):
        bits = struct.unpack("<I", struct.pack("<f", actual))[0] if want == "f32" else \
            struct.unpack("<Q", struct.pack("<d", actual))[0]
        return None if bits == expected.value else \
            f"expected {want} bits {expected.value:#x}, got {bits:#x} ({actual!r})"
    value = expected.value
    if cls is T.ListType:
        items = list(actual)
        if len(items) != len(value):
            return f"expected {len(value)} values got {len(items)}"
        return _each(value, [t.element] * len(items), items, "list element")
    if cls is T.TupleType:
        if len(actual) != len(value):
            return f"expected {len(value)}-tuple, found {len(actual)}-tuple"
        return _each(value, t.elements, actual, "tuple element")
    if cls is T.RecordType:
        # zipped, as Wasmtime's matcher (which never compares the lengths)
        for (e_name, e_val), (a_name, ft) in zip(value, t.fields):
            if e_name != a_name:
                return f"expected field `{e_name}` got `{a_name}`"
            why = match(e_val, ft, getattr(actual, a_name.replace("-", "_")))
            if why is not None:
                return f"failed to match field `{e_name}`: {why}"
        return None
    if cls is T.FlagsType:
        if set(value) == set(actual):
            return None
        return f"expected flags {sorted(set(value))} actual {sorted(set(actual))}"
    if cls is T.EnumType:
        return None if actual == value else f"expected discriminant `{value}` got `{actual}`"
    if cls in (T.VariantType, T.OptionType, T.ResultType):
        return _match_case(expected, t, actual)
    if actual == value and type(actual) is type(value):
        return None
    return f"expected {value!r} actual {actual!r}"


def _each(expected: list, types: Any, actual: Any, what: str) -> Optional[str]:
    for i, (e, et, a) in enumerate(zip(expected, types, actual)):
        why = match(e, et, a)
        if why is not None:
            return f"failed to match {what} {i}: {why}"
    return None


def _case_of(t: Any, actual: Any) -> tuple:
    """(label, payload type, payload) of a lifted variant/option/result."""
    cases = _cases(t)
    if _tagged(t):
        return actual.tag, dict(cases)[actual.tag], actual.payload
    for label, ptype in cases:
        # lifted values have exactly their type's class (bool is not an int here)
        if ptype is None:
            if actual is None:
                return label, None, None
        elif type(actual) in _classes(ptype):
            return label, ptype, actual
    raise WasmtimeError(f"lifted value {actual!r} is no case of {t!r}")


def _match_case(expected: ComponentValue, t: Any, actual: Any) -> Optional[str]:
    label, ptype, payload = _case_of(t, actual)
    if type(t) is T.OptionType:
        want = "none" if expected.value is None else "some"
        if want != label:
            return f"expected `{want}`, found `{label}`"
        return None if expected.value is None else match(expected.value, ptype, payload)
    e_label, e_payload = expected.value
    if e_label != label:
        if type(t) is T.ResultType:
            return f"expected `{e_label}`, found `{label}`"
        return f"expected discriminant `{e_label}` got `{label}`"
    if e_payload is None and ptype is None:
        return None
    if e_payload is None:
        return f"unexpected payload for case `{label}`"
    if ptype is None:
        return f"expected payload for case `{label}`"
    why = match(e_payload, ptype, payload)
    return None if why is None else f"failed to match case `{label}`: {why}"
