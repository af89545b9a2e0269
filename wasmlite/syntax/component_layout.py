"""The canonical ABI's layout of component value types: alignment, size in
linear memory, and the flat (core value) form, as CanonicalABI.md defines
them (``alignment``, ``elem_size``, ``flatten_type``, ``flatten_functype``).

Pure functions of ``syntax/component_types.py``'s types, memoized per type
(types are hashable and compare structurally, so equal types share one
entry). The validator uses them to type ``canon lift``/``canon lower``; the
canonical ABI (``runtime/canonical_abi.py``) uses them to build its per-type
lifting and lowering closures.

Core value types are named by their text-format names: ``'i32'``, ``'i64'``,
``'f32'``, ``'f64'``.

The specialized types are laid out as the spec despecializes them: a tuple
as a record of its elements, an enum as a variant without payloads, an
option as ``variant { none, some(T) }``, a result as
``variant { ok(T?), error(E?) }``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

from .component_types import (
    Bool, BorrowType, Char, EnumType, ErrorContext, F32, F64, FlagsType,
    FuncType, FutureType, ListType, OptionType, OwnType, RecordType,
    ResultType, S8, S16, S32, S64, StreamType, String, TupleType, U8, U16,
    U32, U64, ValType, VariantType,
)

MAX_FLAT_PARAMS = 16
MAX_FLAT_RESULTS = 1

# Sizes (= alignments) of the primitives in linear memory.
_PRIM_SIZE = {Bool: 1, S8: 1, U8: 1, S16: 2, U16: 2, S32: 4, U32: 4,
              S64: 8, U64: 8, F32: 4, F64: 8, Char: 4, ErrorContext: 4}
_PRIM_FLAT = {Bool: "i32", S8: "i32", U8: "i32", S16: "i32", U16: "i32",
              S32: "i32", U32: "i32", S64: "i64", U64: "i64", F32: "f32",
              F64: "f64", Char: "i32", ErrorContext: "i32"}

# The despecialized form of a variant-like type: its case payload types,
# in case order (None for a case without payload).
Cases = Tuple[Optional[ValType], ...]


def align_to(offset: int, align: int) -> int:
    """``offset`` rounded up to a multiple of ``align`` (a power of two)."""
    return (offset + align - 1) & -align


def variant_cases(t: ValType) -> Cases:
    """The payload types of a variant, enum, option or result, in case
    order (the discriminant of a value is its case's index here)."""
    cls = type(t)
    if cls is VariantType:
        return tuple(p for _, p in t.cases)
    if cls is EnumType:
        return (None,) * len(t.names)
    if cls is OptionType:
        return (None, t.payload)
    if cls is ResultType:
        return (t.ok, t.err)
    raise TypeError(f"not a variant-like type: {t!r}")


def record_types(t: ValType) -> Tuple[ValType, ...]:
    """The field types of a record or tuple, in order."""
    if type(t) is RecordType:
        return tuple(ft for _, ft in t.fields)
    if type(t) is TupleType:
        return tuple(t.elements)
    raise TypeError(f"not a record-like type: {t!r}")


def discriminant_size(ncases: int) -> int:
    """Bytes of a variant's discriminant: u8 up to 256 cases, u16 up to
    65536, else u32 (the spec's ``discriminant_type``)."""
    if ncases <= 0 or ncases >= 1 << 32:
        raise ValueError(f"a variant has 1 to 2**32-1 cases, not {ncases}")
    if ncases <= 1 << 8:
        return 1
    if ncases <= 1 << 16:
        return 2
    return 4


def flags_i32_count(nflags: int) -> int:
    """How many i32s hold ``nflags`` flags, 32 to an i32."""
    return (nflags + 31) // 32


def flags_size(nflags: int) -> int:
    """Bytes of a flags value in memory: 1, 2 or 4 up to 32 flags, then
    4 per 32 flags (0 for no flags)."""
    if nflags == 0:
        return 0
    if nflags <= 8:
        return 1
    if nflags <= 16:
        return 2
    return 4 * flags_i32_count(nflags)


def _is_variant_like(t: ValType) -> bool:
    return type(t) in (VariantType, EnumType, OptionType, ResultType)


@lru_cache(maxsize=None)
def alignment(t: ValType) -> int:
    """The alignment in bytes of ``t`` in linear memory."""
    cls = type(t)
    size = _PRIM_SIZE.get(cls)
    if size is not None:
        return size
    if cls is String:
        return 4
    if cls is ListType:
        return alignment(t.element) if t.length is not None else 4
    if cls is RecordType or cls is TupleType:
        return max((alignment(ft) for ft in record_types(t)), default=1)
    if _is_variant_like(t):
        cases = variant_cases(t)
        return max(discriminant_size(len(cases)), max_case_alignment(cases))
    if cls is FlagsType:
        n = len(t.names)
        return 1 if n <= 8 else 2 if n <= 16 else 4
    if cls in (OwnType, BorrowType, StreamType, FutureType):
        return 4
    raise TypeError(f"no canonical ABI layout for {t!r}")


def max_case_alignment(cases: Cases) -> int:
    return max((alignment(c) for c in cases if c is not None), default=1)


@lru_cache(maxsize=None)
def elem_size(t: ValType) -> int:
    """The size in bytes of ``t`` in linear memory (a multiple of its
    alignment)."""
    cls = type(t)
    size = _PRIM_SIZE.get(cls)
    if size is not None:
        return size
    if cls is String:
        return 8
    if cls is ListType:
        return t.length * elem_size(t.element) if t.length is not None else 8
    if cls is RecordType or cls is TupleType:
        return align_to(record_offsets(t)[-1], alignment(t))
    if _is_variant_like(t):
        cases = variant_cases(t)
        s = variant_payload_offset(t)
        s += max((elem_size(c) for c in cases if c is not None), default=0)
        return align_to(s, alignment(t))
    if cls is FlagsType:
        return flags_size(len(t.names))
    if cls in (OwnType, BorrowType, StreamType, FutureType):
        return 4
    raise TypeError(f"no canonical ABI layout for {t!r}")


@lru_cache(maxsize=None)
def record_offsets(t: ValType) -> Tuple[int, ...]:
    """Byte offsets of a record's (or tuple's) fields, then the end of the
    last field (before the final padding): ``len(fields) + 1`` numbers."""
    offsets = []
    s = 0
    for ft in record_types(t):
        s = align_to(s, alignment(ft))
        offsets.append(s)
        s += elem_size(ft)
    offsets.append(s)
    return tuple(offsets)


@lru_cache(maxsize=None)
def variant_payload_offset(t: ValType) -> int:
    """Byte offset of a variant-like value's payload: after the
    discriminant, aligned to the most aligned case."""
    cases = variant_cases(t)
    return align_to(discriminant_size(len(cases)), max_case_alignment(cases))


def join(a: str, b: str) -> str:
    """The core type two variant cases' flat values share at one position."""
    if a == b:
        return a
    if {a, b} == {"i32", "f32"}:
        return "i32"
    return "i64"


@lru_cache(maxsize=None)
def _flatten(t: ValType) -> Tuple[str, ...]:
    cls = type(t)
    flat = _PRIM_FLAT.get(cls)
    if flat is not None:
        return (flat,)
    if cls is String:
        return ("i32", "i32")
    if cls is ListType:
        if t.length is not None:
            return _flatten(t.element) * t.length
        return ("i32", "i32")
    if cls is RecordType or cls is TupleType:
        out: Tuple[str, ...] = ()
        for ft in record_types(t):
            out += _flatten(ft)
        return out
    if _is_variant_like(t):
        cases = variant_cases(t)
        joined: List[str] = []
        for c in cases:
            if c is None:
                continue
            for i, ct in enumerate(_flatten(c)):
                if i < len(joined):
                    joined[i] = join(joined[i], ct)
                else:
                    joined.append(ct)
        return ("i32",) + tuple(joined)
    if cls is FlagsType:
        return ("i32",) * flags_i32_count(len(t.names))
    if cls in (OwnType, BorrowType, StreamType, FutureType):
        return ("i32",)
    raise TypeError(f"no canonical ABI layout for {t!r}")


def flatten_type(t: ValType) -> List[str]:
    """The core value types ``t`` flattens to (a fresh list)."""
    return list(_flatten(t))


def flatten_types(ts: Sequence[ValType]) -> List[str]:
    out: List[str] = []
    for t in ts:
        out.extend(_flatten(t))
    return out


@lru_cache(maxsize=None)
def _flatten_functype(ft: FuncType, context: str) -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    if context not in ("lift", "lower"):
        raise ValueError(f"context is 'lift' or 'lower', not {context!r}")
    params = tuple(flatten_types([t for _, t in ft.params]))
    results = _flatten(ft.result) if ft.result is not None else ()
    if len(params) > MAX_FLAT_PARAMS:
        params = ("i32",)          # one pointer to the params in memory
    if len(results) > MAX_FLAT_RESULTS:
        if context == "lift":
            results = ("i32",)     # the callee returns a pointer to them
        else:
            params += ("i32",)     # the caller passes where to store them
            results = ()
    return params, results


def flatten_functype(ft: FuncType, context: str) -> Tuple[List[str], List[str]]:
    """The core signature (params, results) of a component function type:
    ``context`` is ``'lift'`` (the core function a ``canon lift`` wraps) or
    ``'lower'`` (the core function a ``canon lower`` makes).

    More than 16 flat params become one i32 pointer to them in memory; a
    result of more than one flat value is returned through memory: by an
    i32 result pointing to it (``'lift'``) or an extra i32 param saying
    where to store it (``'lower'``)."""
    params, results = _flatten_functype(ft, context)
    return list(params), list(results)


def params_spill(ft: FuncType) -> bool:
    """Whether ``ft``'s params pass through memory (more than 16 flat)."""
    return len(flatten_types([t for _, t in ft.params])) > MAX_FLAT_PARAMS


def result_spills(ft: FuncType) -> bool:
    """Whether ``ft``'s result passes through memory (more than 1 flat)."""
    return ft.result is not None and len(_flatten(ft.result)) > MAX_FLAT_RESULTS
