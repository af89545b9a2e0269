"""WebAssembly types as plain immutable data.

Value types are interned singletons so that every stage can compare them with
``is`` and use them as dict keys cheaply.
"""
from __future__ import annotations

from ..records import record
import enum
from typing import NamedTuple, Optional, Union


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
# extern, noexn its bottom; any ... none: GC's internal references)
HEAP_CODES = {"func": 0x70, "extern": 0x6F, "nofunc": 0x73, "noextern": 0x72,
              "exn": 0x69, "noexn": 0x74,
              "any": 0x6E, "eq": 0x6D, "i31": 0x6C, "struct": 0x6B, "array": 0x6A,
              "none": 0x71}
HEAP_BY_CODE = {c: h for h, c in HEAP_CODES.items()}
# the abstract heap types Wasm GC adds (Config.wasm_gc = False rejects them)
GC_HEAPS = frozenset({"any", "eq", "i31", "struct", "array", "none"})
_SHORTHANDS = {"func": "funcref", "extern": "externref", "nofunc": "nullfuncref",
               "noextern": "nullexternref", "exn": "exnref", "noexn": "nullexnref",
               "any": "anyref", "eq": "eqref", "i31": "i31ref", "struct": "structref",
               "array": "arrayref", "none": "nullref"}
# each abstract heap type's top: what a value of it is represented as
_TOP_HEAP = {"extern": "extern", "noextern": "extern", "exn": "exn", "noexn": "exn",
             "any": "any", "eq": "any", "i31": "any", "struct": "any", "array": "any",
             "none": "any"}
_REF_TYPES: dict[tuple[object, bool], ValType] = {}


def ref_type(heap: object, nullable: bool = True) -> ValType:
    """The interned reference type ``(ref null? heap)``."""
    key = (heap, nullable)
    t = _REF_TYPES.get(key)
    if t is None:
        if isinstance(heap, bool) or not isinstance(heap, (str, int, FuncType, DefType,
                                                                RecRef)):
            raise TypeError(f"not a heap type: {heap!r}")
        if nullable and heap in _SHORTHANDS:
            name, code = _SHORTHANDS[heap], HEAP_CODES[heap]
        else:
            name = f"(ref {'null ' if nullable else ''}{heap})"
            code = 0x63 if nullable else 0x64
        t = ValType(name, code, 8, is_ref=True, nullable=nullable, heap=heap)
        t = _REF_TYPES.setdefault(key, t)
        t.top = _REF_TYPES.get((_heap_top(heap), True), t)
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


def _heap_top(heap: object) -> str:
    """The abstract top of a heap type's hierarchy ("func", "extern", "exn",
    "any"); a module's type index counts as "func" (which it names is the
    module's business: canonical types know their kind)."""
    if type(heap) is str:
        return _TOP_HEAP.get(heap, "func")
    if isinstance(heap, DefType):
        return "func" if heap.kind == "func" else "any"
    return "func"


# ------------------------------------------------------------ composite types

class PackedType:
    """A packed storage type of a struct or array field (i8, i16): stored in
    that many bytes, read as an i32 (struct.get_s/_u...)."""

    __slots__ = ("name", "code", "size")

    def __init__(self, name: str, code: int, size: int) -> None:
        self.name, self.code, self.size = name, code, size

    is_ref = False
    is_num = False

    def __repr__(self) -> str:
        return self.name

    __str__ = __repr__

    def __reduce__(self):
        return (packed_by_name, (self.name,))


I8 = PackedType("i8", 0x78, 1)
I16 = PackedType("i16", 0x77, 2)
PACKED_BY_CODE = {0x78: I8, 0x77: I16}
PACKED_BY_NAME = {"i8": I8, "i16": I16}


def packed_by_name(name: str) -> PackedType:
    return PACKED_BY_NAME[name]


StorageType = Union[ValType, PackedType]


def unpacked(t: StorageType) -> ValType:
    """The value type a field of storage type ``t`` is read as (i32 for a
    packed one)."""
    return I32 if isinstance(t, PackedType) else t


@record(frozen=True)
class FieldType:
    """A struct field or an array's element: its storage and mutability."""

    storage: StorageType
    mutable: bool = False

    def __str__(self) -> str:
        return f"(mut {self.storage})" if self.mutable else str(self.storage)


@record(frozen=True)
class FuncType:
    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    kind = "func"

    def __str__(self) -> str:
        p = " ".join(map(str, self.params))
        r = " ".join(map(str, self.results))
        return f"(func (param {p}) (result {r}))"

    def valtypes(self) -> tuple:
        return (*self.params, *self.results)

    def map_heaps(self, f) -> "FuncType":
        return FuncType(tuple(_map_vt(t, f) for t in self.params),
                        tuple(_map_vt(t, f) for t in self.results))


@record(frozen=True)
class StructType:
    """A struct type (Wasm GC): its fields in order."""

    fields: tuple[FieldType, ...]

    kind = "struct"

    def __str__(self) -> str:
        return "(struct" + "".join(f" (field {f})" for f in self.fields) + ")"

    def valtypes(self) -> tuple:
        return tuple(f.storage for f in self.fields if isinstance(f.storage, ValType))

    def map_heaps(self, f) -> "StructType":
        return StructType(tuple(FieldType(_map_vt(x.storage, f), x.mutable)
                                for x in self.fields))


@record(frozen=True)
class ArrayType:
    """An array type (Wasm GC): the type of its elements."""

    field: FieldType

    kind = "array"

    def __str__(self) -> str:
        return f"(array {self.field})"

    def valtypes(self) -> tuple:
        s = self.field.storage
        return (s,) if isinstance(s, ValType) else ()

    def map_heaps(self, f) -> "ArrayType":
        return ArrayType(FieldType(_map_vt(self.field.storage, f), self.field.mutable))


CompositeType = Union[FuncType, StructType, ArrayType]


def _map_vt(t, f):
    """``t`` with its heap replaced by ``f(heap)`` when that heap is a
    type index or a position in a rec group (what canonicalization rewrites)."""
    if isinstance(t, ValType) and t.is_ref and (type(t.heap) is int or type(t.heap) is RecRef):
        return ref_type(f(t.heap), t.nullable)
    return t


class SubType(NamedTuple):
    """The sub/final facts of one type index (``Module.subtypes``): whether
    it is final and its declared supertype (a type index of the module, or
    None). A type without an entry is final without supertype."""

    final: bool = True
    supertype: Optional[int] = None


PLAIN_SUBTYPE = SubType()


# ------------------------------------------------------------ canonical types
#
# Canonical identity is iso-recursive (Wasm 3.0, GC): a type is its rec
# group plus its position in it. A group's canonical key is the tuple of its
# entries (final, supertype, composite) in which a reference to a type of
# the same group is a RecRef (its position) and one to an earlier type is
# that type's canonical object. Keys are interned, so two modules that write
# the same group get the very same CanonGroup and DefType objects, and
# comparing canonical types is ``is`` / ``==``.
#
# A non-recursive final function type without supertype, alone in its
# group, canonicalizes to a plain FuncType (structural equality is its
# identity then): what wasmlite did before GC, so signatures, caches and
# tables of such types are unchanged.

class RecRef(NamedTuple):
    """A reference to the ``index``-th type of the rec group being defined
    (only inside canonical group keys)."""

    index: int

    def __str__(self) -> str:
        return f"rec.{self.index}"


class CanonGroup:
    """An interned canonical rec group: ``entries`` is its key, a tuple of
    (final, supertype, composite) with supertype None, a RecRef or a
    canonical type; ``defs`` its DefType objects, one per position."""

    __slots__ = ("entries", "defs", "__weakref__")

    def __init__(self, entries: tuple) -> None:
        self.entries = entries
        self.defs = tuple(DefType(self, i) for i in range(len(entries)))

    def __reduce__(self):
        return (intern_group, (self.entries,))

    def __repr__(self) -> str:
        return "(rec " + " ".join(map(str, self.defs)) + ")"


_GROUPS: dict[tuple, CanonGroup] = {}


def intern_group(entries: tuple) -> CanonGroup:
    """The one CanonGroup with these entries."""
    g = _GROUPS.get(entries)
    if g is None:
        g = _GROUPS.setdefault(entries, CanonGroup(entries))
    return g


class DefType:
    """A canonical defined type other than a plain FuncType: position
    ``index`` of canonical group ``group``. Interned (one object per group
    position), hashable, usable as ``ValType.heap``.

    ``kind`` is "func", "struct" or "array"; ``final``; ``supertype`` the
    canonical declared supertype (a DefType) or None; ``composite`` the
    FuncType / StructType / ArrayType with every reference in canonical form
    (positions of the group unrolled to their DefTypes); ``chain`` the type
    itself followed by its supertypes up to the root, so ``b in a.chain``
    (or ``a.chain[len(a.chain) - 1 - b.depth] is b``) says a <: b;
    ``depth`` = len(chain) - 1."""

    __slots__ = ("group", "index", "_composite", "_chain")

    def __init__(self, group: CanonGroup, index: int) -> None:
        self.group = group
        self.index = index
        self._composite = None
        self._chain = None

    @property
    def kind(self) -> str:
        return type(self.group.entries[self.index][2]).kind

    @property
    def final(self) -> bool:
        return self.group.entries[self.index][0]

    @property
    def supertype(self) -> "Optional[DefType]":
        s = self.group.entries[self.index][1]
        return self.group.defs[s.index] if type(s) is RecRef else s

    @property
    def composite(self) -> CompositeType:
        c = self._composite
        if c is None:
            defs = self.group.defs
            c = self._composite = self.group.entries[self.index][2].map_heaps(
                lambda h: defs[h.index])
        return c

    @property
    def chain(self) -> tuple:
        c = self._chain
        if c is None:
            # a loop, not recursion (validation bounds the depth to 63, but
            # the chain is built before that check too)
            up = [self]
            s = self.supertype
            while s is not None and s._chain is None:
                up.append(s)
                s = s.supertype
            tail = () if s is None else s._chain
            for d in reversed(up):
                tail = d._chain = (d,) + tail
            c = tail
        return c

    @property
    def depth(self) -> int:
        return len(self.chain) - 1

    # A function DefType reads as a FuncType where only the signature
    # matters (stubs, trampolines, tags, host calls): its params and results
    # with canonical references.
    @property
    def params(self) -> tuple:
        c = self.composite
        if type(c) is not FuncType:
            raise AttributeError(f"{self} is not a function type")
        return c.params

    @property
    def results(self) -> tuple:
        c = self.composite
        if type(c) is not FuncType:
            raise AttributeError(f"{self} is not a function type")
        return c.results

    def __reduce__(self):
        return (_group_def, (self.group, self.index))

    def __repr__(self) -> str:
        n = len(self.group.entries)
        return f"{self.kind}#{id(self.group) & 0xFFFFFF:x}" + (f".{self.index}" if n > 1 else "")

    __str__ = __repr__


def _group_def(group: CanonGroup, index: int) -> DefType:
    return group.defs[index]


CanonicalType = Union[FuncType, DefType]


def heap_kind(h: object) -> Optional[str]:
    """"func", "struct" or "array" for a canonical defined type, else None."""
    if isinstance(h, DefType):
        return h.kind
    if isinstance(h, FuncType):
        return "func"
    return None


def canonical_composite(h: object) -> CompositeType:
    """The composite type of canonical type ``h`` (references canonical)."""
    return h if isinstance(h, FuncType) else h.composite


_ABSTRACT_UP = {  # abstract heap type -> the abstract ones above it (itself too)
    "any": {"any"}, "eq": {"eq", "any"}, "i31": {"i31", "eq", "any"},
    "struct": {"struct", "eq", "any"}, "array": {"array", "eq", "any"},
    "none": {"none", "i31", "struct", "array", "eq", "any"},
    "func": {"func"}, "nofunc": {"nofunc", "func"},
    "extern": {"extern"}, "noextern": {"noextern", "extern"},
    "exn": {"exn"}, "noexn": {"noexn", "exn"},
}
_KIND_UP = {"func": {"func"}, "struct": {"struct", "eq", "any"},
            "array": {"array", "eq", "any"}}
_BOTTOM_OF_KIND = {"func": "nofunc", "struct": "none", "array": "none"}


def is_subtype(a: object, b: object) -> bool:
    """Canonical heap type ``a`` is a subtype of ``b``: both abstract
    names ("any", "func", ...), plain FuncTypes or DefTypes (or "bot", the
    unreachable stack's). What ref.test / ref.cast and call_indirect ask at
    run time across modules, and what validation asks once type indices
    are resolved."""
    if a is b or a == b or a == "bot":
        return True
    ta, tb = type(a) is str, type(b) is str
    if ta and tb:
        return b in _ABSTRACT_UP.get(a, ())
    if tb:                                  # concrete <: abstract
        k = heap_kind(a)
        return k is not None and b in _KIND_UP[k]
    kb = heap_kind(b)
    if kb is None:
        return False
    if ta:                                  # a bottom <: concrete
        return a == _BOTTOM_OF_KIND[kb]
    if isinstance(a, DefType):
        return b in a.chain
    return False                            # a plain FuncType has no supertypes


def heap_matches(a: object, b: object, canon: "Optional[list]" = None) -> bool:
    """Heap type ``a`` is a subtype of ``b``. Type indices are resolved
    through ``canon`` (the module's ``canonical_types``) when given, so
    indices of equivalent types match and declared supertypes count."""
    if a == b or a == "bot":
        return True
    if canon is not None:
        if type(a) is int and a < len(canon):
            a = canon[a]
        if type(b) is int and b < len(canon):
            b = canon[b]
    elif type(a) is int or type(b) is int:
        # without the module's types only the abstract facts are known: a
        # type index counts as a function type (what 3.0 without GC had)
        if b == "func":
            return a == "nofunc" or type(a) is int or heap_kind(a) == "func"
        return a == "nofunc" and (type(b) is int or heap_kind(b) == "func")
    return is_subtype(a, b)


def matches(a: "ValType", b: "ValType", canon: "Optional[list]" = None) -> bool:
    """Value type ``a`` is a subtype of ``b`` (equal, or references with
    (ref $t) <: (ref func) <: (ref null func), non-null <: nullable)."""
    if a is b:
        return True
    if not (a.is_ref and b.is_ref) or (a.nullable and not b.nullable):
        return False
    return heap_matches(a.heap, b.heap, canon)


def storage_matches(a: object, b: object, canon: "Optional[list]" = None) -> bool:
    """Storage type ``a`` matches ``b``: equal packed types, or matching
    value types."""
    if isinstance(a, PackedType) or isinstance(b, PackedType):
        return a is b
    return matches(a, b, canon)


def field_matches(a: FieldType, b: FieldType, canon: "Optional[list]" = None) -> bool:
    """A field of type ``a`` may stand for one of type ``b``: the same
    mutability; an immutable one covariant, a mutable one invariant."""
    if a.mutable != b.mutable:
        return False
    if a.mutable:
        return storage_matches(a.storage, b.storage, canon) and storage_matches(
            b.storage, a.storage, canon)
    return storage_matches(a.storage, b.storage, canon)


def composite_matches(a: object, b: object, canon: "Optional[list]" = None) -> bool:
    """Composite type ``a`` matches ``b`` (what a declared supertype needs):
    functions contravariant in params and covariant in results, structs
    with ``b``'s fields as a prefix, arrays by their element field."""
    if type(a) is not type(b):
        return False
    if type(a) is FuncType:
        return (len(a.params) == len(b.params) and len(a.results) == len(b.results)
                and all(matches(y, x, canon) for x, y in zip(a.params, b.params))
                and all(matches(x, y, canon) for x, y in zip(a.results, b.results)))
    if type(a) is StructType:
        return len(a.fields) >= len(b.fields) and all(
            field_matches(x, y, canon) for x, y in zip(a.fields, b.fields))
    return field_matches(a.field, b.field, canon)


def canonical_valtype(t: "ValType", canon: list) -> "ValType":
    """``t`` with a type-index heap replaced by the canonical type it names."""
    if t.is_ref and type(t.heap) is int:
        if t.heap >= len(canon):
            raise IndexError(t.heap)
        return ref_type(canon[t.heap], t.nullable)
    return t


def canonical_types(types: object) -> list:
    """Every type index's canonical type (a plain FuncType or a DefType):
    what may be compared with another module's types. ``types`` is a Module
    (its ``types``, ``rec_groups`` and ``subtypes``) or a list of composite
    types, each then final in a group of its own. A type may name the types
    of its own group and those before; naming a later one raises IndexError
    (validation reports "unknown type" first)."""
    if isinstance(types, list) or isinstance(types, tuple):
        tlist, groups, subs, module = list(types), None, None, None
    else:
        module = types
        tlist = types.types     # (a Module unpickled from before GC lacks the rest)
        groups = getattr(types, "rec_groups", None)
        subs = getattr(types, "subtypes", None)
    if not groups and not subs:
        if all(type(t) is FuncType for t in tlist) and not any(
                v.is_ref and type(v.heap) is int for ft in tlist
                for v in (*ft.params, *ft.results)):
            return tlist
    # A module's canonical types are asked for again and again (each import
    # check, instantiation, the tiers): kept on the module, under a key of
    # what they are made of (composite types are immutable, so their ids do)
    key = None
    if module is not None:
        key = (tuple(map(id, tlist)), tuple(groups or ()), tuple((subs or {}).items()))
        cached = module.__dict__.get("_canonical_cache")
        if cached is not None and cached[0] == key:
            return list(cached[1])
    out = _canonicalize(tlist, groups, subs)
    if key is not None:
        # (the types themselves are kept too, so that their ids stay theirs)
        module.__dict__["_canonical_cache"] = (key, tuple(out), tuple(tlist))
    return out


def _canonicalize(tlist: list, groups: "Optional[list]", subs: "Optional[dict]") -> list:
    out: list = []
    n = len(tlist)
    for start, count in iter_rec_groups(n, groups):
        end = start + count

        def f(h, start=start, end=end):
            if h >= end or h < 0:
                raise IndexError(h)
            return RecRef(h - start) if h >= start else out[h]
        entries = []
        recursive = False
        for i in range(start, end):
            sub = (subs or {}).get(i, PLAIN_SUBTYPE)
            sup = None if sub.supertype is None else f(sub.supertype)
            comp = tlist[i].map_heaps(f)
            if not recursive:
                recursive = any(v.is_ref and type(v.heap) is RecRef for v in comp.valtypes())
            entries.append((bool(sub.final), sup, comp))
        if (count == 1 and not recursive and entries[0][0] and entries[0][1] is None
                and type(entries[0][2]) is FuncType):
            out.append(entries[0][2])
        else:
            out.extend(intern_group(tuple(entries)).defs)
    return out


def iter_rec_groups(ntypes: int, groups: "Optional[list]"):
    """(start, count) of every rec group of a module of ``ntypes`` types,
    in order: the declared ones (``Module.rec_groups``) and a group of one
    for every type outside them (empty declared groups are skipped)."""
    pos = 0
    for start, count in groups or ():
        while pos < start:
            yield pos, 1
            pos += 1
        if count:
            yield start, count
        pos = start + count
    while pos < ntypes:
        yield pos, 1
        pos += 1


@record(frozen=True)
class Limits:
    min: int
    max: Optional[int] = None


@record(frozen=True)
class TableType:
    elem: ValType              # FUNCREF or EXTERNREF
    limits: Limits
    is64: bool = False         # table64 (memory64 proposal): i64 indices


@record(frozen=True)
class MemoryType:
    limits: Limits
    is64: bool = False
    shared: bool = False
    # custom-page-sizes: log2 of the page size, 16 (64 KiB) or 0 (1 byte);
    # limits, memory.size and memory.grow count pages of this size
    page_size_log2: int = 16

    @property
    def max_pages(self) -> int:
        """The most pages the index type allows: 4 GiB (less a byte with
        1-byte pages: the size stays a u32) or 2^64 bytes' worth."""
        if self.is64:
            return MAX_PAGES_64 if self.page_size_log2 == 16 else (1 << 64) - 1
        return MAX_PAGES_32 if self.page_size_log2 == 16 else (1 << 32) - 1


@record(frozen=True)
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

# GC's top first, so that every reference type of its hierarchy finds it
ANYREF = ref_type("any")
EQREF = ref_type("eq")
I31REF = ref_type("i31")
STRUCTREF = ref_type("struct")
ARRAYREF = ref_type("array")
NULLREF = ref_type("none")
