"""Component values on the command line: a WAVE value tree (cli_wave.py)
read as a parameter of a given type, giving the Python value the API's
component functions take, and a returned Python value written as WAVE,
both as ``wasmtime run --invoke`` does (its messages and spans).

Python values are wasmtime-py's (runtime/component_values.py), except that
every variant, option and result value made here is a ``Case``: named
outright, so the canonical ABI never has to guess its case from its Python
class (which for some types it cannot: ``result<option<u8>, color>``'s
``err(red)`` reads as an ``ok``). A returned value is wasmtime-py's
(a ``Variant`` only when its cases' Python classes overlap,
``value_classes``, else its payload itself), read by its whole shape.
"""
from __future__ import annotations

import math
from typing import Any

from .cli_values import format_float, round_to_f32
from .cli_wave import EscapeError, Node, decode_text, quote_char, quote_string
from .runtime.component_values import Case, Record, Variant
from .syntax import types as core_types
from .syntax.component_types import (Bool, BorrowType, Char, EnumType, F32, F64, FlagsType,
                                     ListType, OptionType, OwnType, RecordType, ResultType,
                                     S8, S16, S32, S64, String, TupleType, U8, U16, U32, U64,
                                     ValType, VariantType)

__all__ = ["BadValue", "conforms", "to_python", "to_wave", "value_classes"]

_INT_RANGES = {S8: (-(1 << 7), 1 << 7), S16: (-(1 << 15), 1 << 15),
               S32: (-(1 << 31), 1 << 31), S64: (-(1 << 63), 1 << 63),
               U8: (0, 1 << 8), U16: (0, 1 << 16), U32: (0, 1 << 32), U64: (0, 1 << 64)}
_UNSIGNED = (U8, U16, U32, U64)


class BadValue(Exception):
    """A parameter that does not fit its type: ``lines`` are the causes as
    Wasmtime prints them (``invalid value type at a..b``; or ``error
    converting Wasm value: WHY at a..b`` then ``WHY``)."""

    def __init__(self, *lines: str) -> None:
        super().__init__(lines[0])
        self.lines = list(lines)


def _at(node: Node) -> str:
    return f"at {node.span[0]}..{node.span[1]}"


def _wrong_kind(node: Node) -> BadValue:
    return BadValue(f"invalid value type {_at(node)}")


def _converting(node: Node, why: str) -> BadValue:
    return BadValue(f"error converting Wasm value: {why} {_at(node)}", why)


# -- Python classes: when a variant's values carry a tag --------------------------

def value_classes(t: Any) -> frozenset:
    """The Python classes of ``t``'s values (wasmtime-py's representation)."""
    cls = type(t)
    if cls is Bool:
        return frozenset((bool,))
    if cls in _INT_RANGES:
        return frozenset((int,))
    if cls in (F32, F64):
        return frozenset((float,))
    if cls in (Char, String, EnumType):
        return frozenset((str,))
    if cls is ListType:
        return frozenset((bytes,)) if type(t.element) is U8 else frozenset((list,))
    if cls is RecordType:
        return frozenset((Record,))
    if cls is TupleType:
        return frozenset((tuple,))
    if cls is FlagsType:
        return frozenset((set,))
    if cls in (VariantType, OptionType, ResultType):
        payloads = _payloads(t)
        if _tagged(payloads):
            return frozenset((Variant,))
        return frozenset().union(*[frozenset((object,)) if p is None else value_classes(p)
                                   for p in payloads])
    return frozenset((object,))


def _payloads(t: Any) -> list:
    cls = type(t)
    if cls is VariantType:
        return [p for _, p in t.cases]
    if cls is OptionType:
        return [None, t.payload]
    return [t.ok, t.err]


def _labels(t: Any) -> list:
    cls = type(t)
    if cls is VariantType:
        return [name for name, _ in t.cases]
    if cls is OptionType:
        return ["none", "some"]
    return ["ok", "err"]


def _tagged(payloads: list) -> bool:
    seen: set = set()
    for p in payloads:
        case = {object} if p is None else set(value_classes(p))
        if case & seen:
            return True
        seen |= case
    return False


def conforms(value: Any, t: Any) -> bool:
    """Whether the Python value ``value`` is one of ``t``'s, all through."""
    cls = type(t)
    if cls is Bool:
        return type(value) is bool
    if cls in _INT_RANGES:
        lo, hi = _INT_RANGES[cls]
        return type(value) is int and lo <= value < hi
    if cls in (F32, F64):
        return type(value) is float
    if cls is Char:
        return type(value) is str and len(value) == 1
    if cls is String:
        return type(value) is str
    if cls is ListType:
        if type(t.element) is U8:
            return isinstance(value, (bytes, bytearray))
        return type(value) is list and all(conforms(v, t.element) for v in value)
    if cls is TupleType:
        return (type(value) is tuple and len(value) == len(t.elements)
                and all(conforms(v, et) for v, et in zip(value, t.elements)))
    if cls is RecordType:
        return isinstance(value, Record) and all(
            hasattr(value, n.replace("-", "_"))
            and conforms(getattr(value, n.replace("-", "_")), ft) for n, ft in t.fields)
    if cls is FlagsType:
        return isinstance(value, set) and value <= set(t.names)
    if cls is EnumType:
        return value in t.names
    if cls in (VariantType, OptionType, ResultType):
        return bool(_cases_of(t, value))
    return True                                     # resources: not checked here


def _cases_of(t: Any, value: Any) -> list:
    """[(case index, payload)] of the cases ``value`` may be of."""
    payloads = _payloads(t)
    if _tagged(payloads):
        if not isinstance(value, Variant) or value.tag not in _labels(t):
            return []
        k = _labels(t).index(value.tag)
        p = payloads[k]
        ok = value.payload is None if p is None else conforms(value.payload, p)
        return [(k, value.payload)] if ok else []
    return [(k, value) for k, p in enumerate(payloads)
            if (value is None if p is None else conforms(value, p))]


def _case_of(t: Any, value: Any) -> tuple[int, Any]:
    """(case index, payload) of a returned variant-like value: the one case
    it is of (read by its whole shape, not only its Python class: an
    untagged payload can be any value when a case's payload has a
    no-payload case)."""
    cases = _cases_of(t, value)
    if len(cases) != 1:
        raise BadValue(f"cannot tell which case of {t} the value {value!r} is")
    return cases[0]


def _make_case(t: Any, k: int, payload: Any) -> Case:
    """Case ``k`` of ``t`` with ``payload``, named outright (``Case``): the
    canonical ABI takes it by its tag, never guessing by Python class."""
    return Case(_labels(t)[k], payload)


# -- reading -----------------------------------------------------------------------

def _text(node: Node) -> str:
    try:
        return decode_text(node.text)
    except EscapeError as e:
        start = node.span[0] + len(node.text[:e.offset].encode("utf-8"))
        raise BadValue(f"invalid character escape at {start}..{start + 1}") from None


def _number(node: Node, t: Any) -> Any:
    text = node.text
    cls = type(t)
    if cls in _INT_RANGES:
        lo, hi = _INT_RANGES[cls]
        if any(c in text for c in ".eEi") or (cls in _UNSIGNED and text.startswith("-")):
            raise BadValue(f"invalid value {_at(node)}")
        value = int(text)
        if not lo <= value < hi:
            raise BadValue(f"invalid value {_at(node)}")
        return value
    if text == "-inf":
        return -math.inf
    return round_to_f32(text) if type(t) is F32 else float(text)


def _keyword(node: Node, word: str) -> bool:
    return node.kind == "label" and not node.escaped and node.text == word


def _case(node: Node, t: Any, labels: list, payloads: list) -> Any:
    if node.kind != "label":
        raise _wrong_kind(node)
    if node.text not in labels:
        raise _converting(node, f'unknown case "{node.text}"')
    k = labels.index(node.text)
    if payloads[k] is None:
        if node.items:
            raise _converting(node, f'unexpected payload for "{node.text}" case')
        return _make_case(t, k, None)
    if not node.items:
        raise _converting(node, f'missing payload for "{node.text}" case')
    return _make_case(t, k, to_python(node.items[0], payloads[k]))


def to_python(node: Node, t: ValType) -> Any:
    """The Python value of WAVE ``node`` as a ``t``; BadValue if it is
    not one."""
    cls = type(t)
    kind = node.kind
    if cls is Bool:
        if _keyword(node, "true") and not node.items:
            return True
        if _keyword(node, "false") and not node.items:
            return False
        raise _wrong_kind(node)
    if cls in _INT_RANGES or cls in (F32, F64):
        if kind == "number":
            return _number(node, t)
        if cls in (F32, F64) and not node.items:
            if _keyword(node, "inf"):
                return math.inf
            if _keyword(node, "nan"):
                return math.nan
        raise _wrong_kind(node)
    if cls is Char:
        if kind != "char":
            raise _wrong_kind(node)
        return _text(node)
    if cls is String:
        if kind != "string":
            raise _wrong_kind(node)
        return _text(node)
    if cls is ListType:
        if kind != "list":
            raise _wrong_kind(node)
        items = [to_python(item, t.element) for item in node.items]
        return bytes(items) if type(t.element) is U8 else items
    if cls is TupleType:
        if kind != "tuple":
            raise _wrong_kind(node)
        if len(node.items) != len(t.elements):
            raise _converting(node, f"expected {len(t.elements)} tuple elements;"
                                    f" got {len(node.items)}")
        return tuple(to_python(item, et) for item, et in zip(node.items, t.elements))
    if cls is RecordType:
        if kind != "record":
            raise _wrong_kind(node)
        given = dict(node.fields)
        values = {}
        for name, ft in t.fields:                   # a field the type lacks is ignored
            if name in given:
                values[name.replace("-", "_")] = to_python(given[name], ft)
            elif type(ft) is OptionType:
                values[name.replace("-", "_")] = _make_case(ft, 0, None)
            else:
                raise _converting(node, f'missing field "{name}"')
        return Record(**values)
    if cls is FlagsType:
        if kind != "flags":
            raise _wrong_kind(node)
        unknown = [n for n in node.names if n not in t.names]
        if unknown:
            raise _converting(node, f"expected a flags {{ {', '.join(t.names)} }};"
                                    f" got {{{', '.join(node.names)}}}")
        return set(node.names)
    if cls is EnumType:
        if kind != "label" or node.items:
            raise _wrong_kind(node)
        if node.text not in t.names:
            raise _converting(node, f"expected a enum {{ {', '.join(t.names)} }};"
                                    f" got {node.text}")
        return node.text
    if cls is VariantType:
        return _case(node, t, _labels(t), _payloads(t))
    if cls is ResultType:
        if kind != "label" or node.escaped or node.text not in ("ok", "err"):
            raise _wrong_kind(node)
        return _case(node, t, ["ok", "err"], [t.ok, t.err])
    if cls is OptionType:
        if _keyword(node, "none") and not node.items:
            return _make_case(t, 0, None)
        if _keyword(node, "some") and node.items:
            return _make_case(t, 1, to_python(node.items[0], t.payload))
        if type(t.payload) is OptionType:     # some(...) may be left out, but once only
            raise _wrong_kind(node)
        return _make_case(t, 1, to_python(node, t.payload))
    if cls in (OwnType, BorrowType):
        raise _wrong_kind(node)                 # a resource cannot be written down
    raise _wrong_kind(node)


# -- writing -----------------------------------------------------------------------

def _label(name: str) -> str:
    return f"%{name}" if name in ("true", "false", "inf", "nan", "some", "none", "ok",
                                  "err") else name


def to_wave(value: Any, t: Any) -> str:
    """The Python value ``value`` of a ``t`` written as WAVE."""
    cls = type(t)
    if cls is Bool:
        return "true" if value else "false"
    if cls in _INT_RANGES:
        return str(int(value))
    if cls in (F32, F64):
        if math.isnan(value):
            return "nan"
        return format_float(value, core_types.F32 if cls is F32 else core_types.F64)
    if cls is Char:
        return quote_char(value)
    if cls is String:
        return quote_string(value)
    if cls is ListType:
        return "[" + ", ".join(to_wave(v, t.element) for v in value) + "]"
    if cls is TupleType:
        return "(" + ", ".join(to_wave(v, et) for v, et in zip(value, t.elements)) + ")"
    if cls is RecordType:
        parts = []
        for name, ft in t.fields:
            v = getattr(value, name.replace("-", "_"))
            if type(ft) is OptionType and _case_of(ft, v)[0] == 0:
                continue                            # a none field is left out
            parts.append(f"{_label(name)}: {to_wave(v, ft)}")
        return "{" + ", ".join(parts) + "}"
    if cls is FlagsType:
        return "{" + ", ".join(_label(n) for n in t.names if n in value) + "}"
    if cls is EnumType:
        return _label(value)
    if cls in (VariantType, OptionType, ResultType):
        k, payload = _case_of(t, value)
        label = _labels(t)[k]
        label = label if cls is not VariantType else _label(label)
        p = _payloads(t)[k]
        return label if p is None else f"{label}({to_wave(payload, p)})"
    return repr(value)                              # resources: not written by the CLI
