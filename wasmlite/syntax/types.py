"""WebAssembly types as plain immutable data.

Value types are interned singletons so that every stage can compare them with
``is`` and use them as dict keys cheaply.
"""
from __future__ import annotations

from dataclasses import dataclass
import enum
from typing import Optional


class ValType:
    """A value type. Use the module constants (I32, I64, ...) or ``ref_type``,
    never construct.

    Reference types carry ``nullable`` and ``heap``: "func", "extern",
    "nofunc", "noextern", "exn", "noexn" (abstract heap types), an int (a type index of the
    module the type appears in: typed function references), or a FuncType
    (the same reference made module-independent by ``canonical_types``, for
    what crosses modules: signatures, imports, tables and globals at run
    time). ``top`` is the abstract type a value is represented as (FUNCREF,
    EXTERNREF or EXNREF for references, the type itself otherwise): generated code
    and the API see only that."""

    __slots__ = ("name", "code", "size", "is_ref", "is_num", "nullable", "heap", "top")

    def __init__(self, name: str, code: int, size: int, is_ref: bool = False,
                 nullable: bool = True, heap: object = None) -> None:
        self.name = name          # text-format name, e.g. "i32"
        self.code = code          # binary encoding byte (0x63/0x64: a prefix)
        self.size = size          # bytes in linear memory / value slots
        self.is_ref = is_ref
        self.is_num = not is_ref and name != "v128"
        self.nullable = nullable
        self.heap = heap
        self.top = self

    @property
    def defaultable(self) -> bool:
        """Whether a local of this type starts with a default value (every
        type but a non-nullable reference)."""
        return self.nullable

    def __repr__(self) -> str:
        return self.name

    __str__ = __repr__

    def __reduce__(self):  # keep singletons across pickling (compile cache)
        if self.is_ref:
            return (ref_type, (self.heap, self.nullable))
        return (valtype_by_name, (self.name,))


I32 = ValType("i32", 0x7F, 4)
I64 = ValType("i64", 0x7E, 8)
F32 = ValType("f32", 0x7D, 4)
F64 = ValType("f64", 0x7C, 8)
V128 = ValType("v128", 0x7B, 16)

# Abstract heap types: binary code, shorthand name of the nullable reference
# (exn / noexn: exception handling, Wasm 3.0; exn is unrelated to func and
# extern, noexn its bottom)
HEAP_CODES = {"func": 0x70, "extern": 0x6F, "nofunc": 0x73, "noextern": 0x72,
              "exn": 0x69, "noexn": 0x74}
HEAP_BY_CODE = {c: h for h, c in HEAP_CODES.items()}
_SHORTHANDS = {"func": "funcref", "extern": "externref", "nofunc": "nullfuncref",
               "noextern": "nullexternref", "exn": "exnref", "noexn": "nullexnref"}
# each abstract heap type's top: what a value of it is represented as
_TOP_HEAP = {"extern": "extern", "noextern": "extern", "exn": "exn", "noexn": "exn"}
_REF_TYPES: dict[tuple[object, bool], ValType] = {}


def ref_type(heap: object, nullable: bool = True) -> ValType:
    """The interned reference type ``(ref null? heap)``."""
    key = (heap, nullable)
    t = _REF_TYPES.get(key)
    if t is None:
        if isinstance(heap, bool) or not isinstance(heap, (str, int, FuncType)):
            raise TypeError(f"not a heap type: {heap!r}")
        if nullable and heap in _SHORTHANDS:
            name, code = _SHORTHANDS[heap], HEAP_CODES[heap]
        else:
            name = f"(ref {'null ' if nullable else ''}{heap})"
            code = 0x63 if nullable else 0x64
        t = ValType(name, code, 8, is_ref=True, nullable=nullable, heap=heap)
        t = _REF_TYPES.setdefault(key, t)
        t.top = _REF_TYPES.get((_TOP_HEAP.get(heap, "func") if type(heap) is str else "func",
                                True), t)
    return t


FUNCREF = ValType("funcref", 0x70, 8, is_ref=True, heap="func")
EXTERNREF = ValType("externref", 0x6F, 8, is_ref=True, heap="extern")
_REF_TYPES[("func", True)] = FUNCREF
_REF_TYPES[("extern", True)] = EXTERNREF
# What unreachable code's polymorphic stack gives a reference instruction
# (ref.as_non_null / br_on_null of Unknown): below every reference type.
BOT_REF = ValType("(ref bot)", 0x64, 8, is_ref=True, nullable=False, heap="bot")

ALL_VALTYPES = (I32, I64, F32, F64, V128, FUNCREF, EXTERNREF)
VALTYPE_BY_CODE = {t.code: t for t in ALL_VALTYPES}
VALTYPE_BY_NAME = {t.name: t for t in ALL_VALTYPES}
# Heap types as they appear after ref.null (binary and text).
REFTYPE_BY_HEAPCODE = {0x70: FUNCREF, 0x6F: EXTERNREF}
REFTYPE_BY_HEAPNAME = {"func": FUNCREF, "extern": EXTERNREF}


def valtype_by_name(name: str) -> ValType:
    return VALTYPE_BY_NAME[name]


def _is_func_heap(h: object) -> bool:
    return type(h) is int or isinstance(h, FuncType)


def heap_matches(a: object, b: object, canon: "Optional[list]" = None) -> bool:
    """Heap type ``a`` is a subtype of ``b``. Type indices are resolved
    through ``canon`` (the module's ``canonical_types``) when given, so two
    indices of equal function types match, as Wasm 3.0's type equivalence
    says (without rec groups: structural equality)."""
    if a == b or a == "bot":
        return True
    if canon is not None:
        if type(a) is int and a < len(canon):
            a = canon[a]
        if type(b) is int and b < len(canon):
            b = canon[b]
        if a == b:
            return True
    if b == "func":
        return a == "nofunc" or _is_func_heap(a)
    if b == "extern":
        return a == "noextern"
    if b == "exn":
        return a == "noexn"
    if a == "nofunc":
        return _is_func_heap(b)
    return False


def matches(a: "ValType", b: "ValType", canon: "Optional[list]" = None) -> bool:
    """Value type ``a`` is a subtype of ``b`` (equal, or references with
    (ref $t) <: (ref func) <: (ref null func), non-null <: nullable)."""
    if a is b:
        return True
    if not (a.is_ref and b.is_ref) or (a.nullable and not b.nullable):
        return False
    return heap_matches(a.heap, b.heap, canon)


def canonical_valtype(t: "ValType", canon: list) -> "ValType":
    """``t`` with a type-index heap replaced by the function type it names."""
    if t.is_ref and type(t.heap) is int:
        if t.heap >= len(canon):
            raise IndexError(t.heap)
        return ref_type(canon[t.heap], t.nullable)
    return t


def canonical_types(types: "list[FuncType]") -> "list[FuncType]":
    """The module's types with every type index inside them replaced by the
    function type it names: what may be compared with another module's
    types. A type may name only the types before it (each its own rec
    group, as Wasm 3.0 reads a module without rec groups); one naming
    itself or a later type raises IndexError (recursive types are GC's)."""
    if not any(type(t.heap) is int for ft in types for t in (*ft.params, *ft.results)):
        return types
    out: list[FuncType] = []
    for ft in types:
        out.append(FuncType(tuple(canonical_valtype(t, out) for t in ft.params),
                            tuple(canonical_valtype(t, out) for t in ft.results)))
    return out


@dataclass(frozen=True)
class FuncType:
    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    def __str__(self) -> str:
        p = " ".join(map(str, self.params))
        r = " ".join(map(str, self.results))
        return f"(func (param {p}) (result {r}))"


@dataclass(frozen=True)
class Limits:
    min: int
    max: Optional[int] = None


@dataclass(frozen=True)
class TableType:
    elem: ValType              # FUNCREF or EXTERNREF
    limits: Limits
    is64: bool = False         # table64 (memory64 proposal): i64 indices


@dataclass(frozen=True)
class MemoryType:
    limits: Limits
    is64: bool = False
    shared: bool = False


@dataclass(frozen=True)
class GlobalType:
    valtype: ValType
    mutable: bool = False


class ExternKind(enum.IntEnum):
    """Binary codes of import/export kinds (TAG reserved for exceptions)."""

    FUNC = 0
    TABLE = 1
    MEMORY = 2
    GLOBAL = 3
    TAG = 4


PAGE_SIZE = 65536
MAX_PAGES_32 = 65536          # 4 GiB
MAX_PAGES_64 = 1 << 48        # memory64: 2^48 pages (2^64 bytes)
MAX_TABLE_SIZE = 2**32 - 1

# The type of an element segment of function indices (Wasm 3.0: non-null)
FUNCREF_NON_NULL = ref_type("func", False)

# exception references (Wasm 3.0 exception handling): what throw_ref takes
# and catch_ref / catch_all_ref hand to their label
EXNREF = ref_type("exn")
NULLEXNREF = ref_type("noexn")
EXNREF_NON_NULL = ref_type("exn", False)
