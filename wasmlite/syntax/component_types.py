"""The component model's types, resolved: what a component's type indices
mean once its type definitions are read.

This file is the contract the component stages share: the decoder and
validator (``binary/component_decode.py``, ``valid/component.py``) produce
these objects, the canonical ABI (``runtime/canonical_abi.py``) lifts and
lowers by them, the WASI 0.2 host (``wasi2/``) and the API
(``wasmlite.component``, whose ``ListType``, ``RecordType``, ... *are* these
classes) read them.

Value types compare structurally (``==``, hashable), as the component model's
type equality does; a resource type is an identity: two ``ResourceType``
objects are the same type only if they are the same object (a component's
``(type (resource ...))`` makes a fresh one per instantiation; the host makes
one per ``ResourceType.host(n)`` key).
"""
from __future__ import annotations

from ..records import field, record
from typing import Any, Optional, Tuple, Union


class ValType:
    """Base of every component value type."""
    __slots__ = ()


class _Prim(ValType):
    """A primitive type; each class has one meaning, instances are equal."""
    __slots__ = ()
    name = ""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self).__name__)

    def __repr__(self) -> str:
        return self.name


class Bool(_Prim):
    name = "bool"


class S8(_Prim):
    name = "s8"


class U8(_Prim):
    name = "u8"


class S16(_Prim):
    name = "s16"


class U16(_Prim):
    name = "u16"


class S32(_Prim):
    name = "s32"


class U32(_Prim):
    name = "u32"


class S64(_Prim):
    name = "s64"


class U64(_Prim):
    name = "u64"


class F32(_Prim):
    name = "f32"


class F64(_Prim):
    name = "f64"


class Char(_Prim):
    name = "char"


class String(_Prim):
    name = "string"


class ErrorContext(_Prim):
    name = "error-context"


# The binary encoding's primitive value type bytes (0x7f bool ... 0x73 string,
# 0x64 error-context), for the decoder and encoder.
PRIMITIVE_BY_CODE = {
    0x7F: Bool, 0x7E: S8, 0x7D: U8, 0x7C: S16, 0x7B: U16, 0x7A: S32,
    0x79: U32, 0x78: S64, 0x77: U64, 0x76: F32, 0x75: F64, 0x74: Char,
    0x73: String, 0x64: ErrorContext,
}
PRIMITIVE_BY_NAME = {cls.name: cls for cls in PRIMITIVE_BY_CODE.values()}


@record(frozen=True, eq=True)
class ListType(ValType):
    """``list<element>``; ``length`` set for a fixed-length list
    (``list<T, N>``)."""
    element: ValType
    length: Optional[int] = None


@record(frozen=True, eq=True)
class RecordType(ValType):
    fields: Tuple[Tuple[str, ValType], ...]


@record(frozen=True, eq=True)
class TupleType(ValType):
    elements: Tuple[ValType, ...]


@record(frozen=True, eq=True)
class VariantType(ValType):
    """Cases in order: (label, payload type or None)."""
    cases: Tuple[Tuple[str, Optional[ValType]], ...]


@record(frozen=True, eq=True)
class EnumType(ValType):
    names: Tuple[str, ...]


@record(frozen=True, eq=True)
class OptionType(ValType):
    payload: ValType


@record(frozen=True, eq=True)
class ResultType(ValType):
    ok: Optional[ValType]
    err: Optional[ValType]


@record(frozen=True, eq=True)
class FlagsType(ValType):
    names: Tuple[str, ...]


class ResourceType:
    """A resource type: an identity, compared with ``is``.

    ``host_key`` is set for a type the host defines (``ResourceType.host(n)``
    of the API: equal keys give the same object, see ``host``); ``dtor`` is
    what ``resource.drop`` of an owned handle runs: a core function of the
    defining instance (called with the rep), a Python callable, or None.
    ``name`` is for messages only."""
    __slots__ = ("name", "host_key", "dtor", "instance", "__weakref__")

    _host_types: dict = {}

    def __init__(self, name: str = "", host_key: Optional[int] = None,
                 dtor: Any = None, instance: Any = None) -> None:
        self.name = name
        self.host_key = host_key
        self.dtor = dtor
        self.instance = instance   # the component instance defining it, if any

    @classmethod
    def host(cls, key: int) -> "ResourceType":
        """The host resource type numbered ``key`` (one object per key)."""
        if not isinstance(key, int) or isinstance(key, bool):
            raise TypeError("a host resource type's key is an int")
        found = cls._host_types.get(key)
        if found is None:
            found = cls._host_types[key] = cls(f"host-{key}", host_key=key)
        return found

    def __repr__(self) -> str:
        return f"ResourceType({self.name or id(self)})"


@record(frozen=True, eq=True)
class OwnType(ValType):
    ty: ResourceType


@record(frozen=True, eq=True)
class BorrowType(ValType):
    ty: ResourceType


@record(frozen=True, eq=True)
class FuncType:
    """A component function type: named params, at most one result."""
    params: Tuple[Tuple[str, ValType], ...]
    result: Optional[ValType] = None


@record(frozen=True, eq=True)
class StreamType(ValType):
    """``stream<T>`` (async): typed only, never lifted here."""
    payload: Optional[ValType]


@record(frozen=True, eq=True)
class FutureType(ValType):
    """``future<T>`` (async): typed only, never lifted here."""
    payload: Optional[ValType]


AnyValType = Union[_Prim, ListType, RecordType, TupleType, VariantType, EnumType,
                   OptionType, ResultType, FlagsType, OwnType, BorrowType]


# --------------------------------------------------------------------------
# Extern types: what a component's imports and exports are, resolved (added
# for the validator; named as wasmtime-py's ``wasmtime.component`` names the
# same things, so the API can make them its own).
#
# An extern type is a ``FuncType`` (a component function), a
# ``ComponentInstanceType``, a ``ComponentType``, a ``ModuleType`` (a core
# module), a ``ResourceType`` (a resource type import/export) or a value
# type (a type import/export ``(eq T)`` of a value type); ``TypeItem`` wraps
# any other type given as a *type* (a function type exported as a type),
# which would otherwise read as an item of that type.


@record(frozen=True, eq=True)
class TypeItem:
    """A type import/export whose type is not a value or resource type
    (e.g. ``(export "f" (type (eq $functype)))``)."""
    type: Any


class ComponentExtern:
    """One import or export of a component or component instance type, as
    wasmtime-py's ``ComponentExtern``: ``ty`` is its extern type (above).
    ``implements`` and ``external_id`` name what newer component names can
    say (``[implements=<...>]``); no name this implementation decodes says
    it, so both are None, as wasmtime-py reports for plain names."""
    __slots__ = ("ty",)

    def __init__(self, ty: Any) -> None:
        self.ty = ty

    @property
    def implements(self) -> Optional[str]:
        return None

    @property
    def external_id(self) -> Optional[str]:
        return None

    def is_implements(self, s: str) -> bool:
        """Whether this item implements interface ``s``."""
        if not isinstance(s, str):
            raise TypeError("an interface name is a str")
        return self.implements == s

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ComponentExtern) and self.ty == other.ty

    def __hash__(self) -> int:
        return hash(self.ty)

    def __repr__(self) -> str:
        return f"ComponentExtern({self.ty!r})"


def _externs(items: "Tuple[Tuple[str, Any], ...]",
             skip_values: bool = False) -> "dict[str, ComponentExtern]":
    """The API's view of an import or export list: a type given as a type
    (``TypeItem``: a function, instance or component type) is that type,
    as wasmtime-py shows it; ``skip_values`` leaves value-type items out."""
    return {name: ComponentExtern(t.type if isinstance(t, TypeItem) else t)
            for name, t in items if not (skip_values and isinstance(t, ValType))}


@record(frozen=True, eq=True)
class ComponentInstanceType:
    """A component instance's type: its exports, in order.

    ``defined_resources``: the abstract resource types this type itself
    declares (its ``(export "r" (type (sub resource)))``): each use of the
    type (an import of it) stands for *some* resources, so validation makes
    them fresh there (``substitute``)."""
    export_list: Tuple[Tuple[str, Any], ...]
    defined_resources: Tuple[ResourceType, ...] = field(default=(), compare=False)

    def exports(self, engine: Any = None) -> "dict[str, ComponentExtern]":
        """name -> ComponentExtern (its ``ty``: the extern type), as
        wasmtime-py's ``exports(engine)``."""
        return _externs(self.export_list)


@record(frozen=True, eq=True)
class ComponentType:
    """A component's type: its imports and exports, in order.

    ``imported_resources``: the resource types its imports introduce (each
    ``(import "r" (type (sub resource)))``, also inside imported instances):
    instantiation binds them to the arguments' resources.
    ``defined_resources``: the resource types it creates (its own
    ``(type (resource ...))`` definitions, and those its own instantiations
    made): each instantiation makes them fresh."""
    import_list: Tuple[Tuple[str, Any], ...]
    export_list: Tuple[Tuple[str, Any], ...]
    imported_resources: Tuple[ResourceType, ...] = field(default=(), compare=False)
    defined_resources: Tuple[ResourceType, ...] = field(default=(), compare=False)
    # the type of a whole component file (``Component.type``): wasmtime-py
    # lists no value-type imports of it (``(import "t" (type (eq ...)))``)
    root: bool = field(default=False, compare=False)

    def imports(self, engine: Any = None) -> "dict[str, ComponentExtern]":
        """name -> ComponentExtern (its ``ty``: the extern type), as
        wasmtime-py's ``imports(engine)``."""
        return _externs(self.import_list, skip_values=self.root)

    def exports(self, engine: Any = None) -> "dict[str, ComponentExtern]":
        """name -> ComponentExtern, as ``imports``."""
        return _externs(self.export_list)


@record(frozen=True, eq=True)
class ModuleType:
    """A core module's type: ``import_list`` (module, name, core extern
    type), ``export_list`` (name, core extern type); core extern types are
    ``syntax.types``' FuncType (a function, or a tag's), TableType,
    MemoryType, GlobalType, with an ``ExternKind`` saying which:
    entries are (module, name, kind, type) and (name, kind, type)."""
    import_list: Tuple[Tuple[str, str, Any, Any], ...]
    export_list: Tuple[Tuple[str, Any, Any], ...]

    def __hash__(self) -> int:   # (core Limits are mutable: hash by names)
        return hash((tuple(i[:2] for i in self.import_list),
                     tuple(e[0] for e in self.export_list)))


def substitute(t: Any, mapping: "dict[ResourceType, ResourceType]") -> Any:
    """``t`` with every resource type in ``mapping`` replaced by its image
    (``t`` itself when nothing in it changes). Works on value types,
    ``FuncType``, the extern types above and ``ResourceType`` itself;
    ``defined_resources`` / ``imported_resources`` are mapped too."""
    if not mapping:
        return t
    return _subst(t, mapping)


def _subst(t: Any, m: dict) -> Any:
    if isinstance(t, ResourceType):
        return m.get(t, t)
    if isinstance(t, _Prim) or t is None:
        return t
    cls = type(t)
    if cls is OwnType or cls is BorrowType:
        r = m.get(t.ty, t.ty)
        return t if r is t.ty else cls(r)
    if cls is ListType:
        e = _subst(t.element, m)
        return t if e is t.element else ListType(e, t.length)
    if cls is RecordType:
        fields = tuple((n, _subst(v, m)) for n, v in t.fields)
        return t if _same(fields, t.fields) else RecordType(fields)
    if cls is TupleType:
        els = tuple(_subst(v, m) for v in t.elements)
        return t if _same_items(els, t.elements) else TupleType(els)
    if cls is VariantType:
        cases = tuple((n, _subst(v, m)) for n, v in t.cases)
        return t if _same(cases, t.cases) else VariantType(cases)
    if cls is OptionType:
        p = _subst(t.payload, m)
        return t if p is t.payload else OptionType(p)
    if cls is ResultType:
        ok, err = _subst(t.ok, m), _subst(t.err, m)
        return t if ok is t.ok and err is t.err else ResultType(ok, err)
    if cls is StreamType or cls is FutureType:
        p = _subst(t.payload, m)
        return t if p is t.payload else cls(p)
    if cls is FuncType:
        params = tuple((n, _subst(v, m)) for n, v in t.params)
        r = _subst(t.result, m)
        return t if _same(params, t.params) and r is t.result else FuncType(params, r)
    if cls is TypeItem:
        inner = _subst(t.type, m)
        return t if inner is t.type else TypeItem(inner)
    if cls is ComponentInstanceType:
        exports = tuple((n, _subst(v, m)) for n, v in t.export_list)
        defined = tuple(m.get(r, r) for r in t.defined_resources)
        if _same(exports, t.export_list) and _same_items(defined, t.defined_resources):
            return t
        return ComponentInstanceType(exports, defined)
    if cls is ComponentType:
        imports = tuple((n, _subst(v, m)) for n, v in t.import_list)
        exports = tuple((n, _subst(v, m)) for n, v in t.export_list)
        imported = tuple(m.get(r, r) for r in t.imported_resources)
        defined = tuple(m.get(r, r) for r in t.defined_resources)
        if (_same(imports, t.import_list) and _same(exports, t.export_list)
                and _same_items(imported, t.imported_resources)
                and _same_items(defined, t.defined_resources)):
            return t
        return ComponentType(imports, exports, imported, defined)
    return t          # value types without resources, ModuleType, ...


def _same(new: tuple, old: tuple) -> bool:
    return all(a[1] is b[1] for a, b in zip(new, old))


def _same_items(new: tuple, old: tuple) -> bool:
    return all(a is b for a, b in zip(new, old))


def resources_in(t: Any, out: Optional[list] = None) -> list:
    """The resource types ``t`` mentions (each once, in order of first
    mention): in handles, in function, instance and component types."""
    if out is None:
        out = []
    if isinstance(t, ResourceType):
        if not any(r is t for r in out):
            out.append(t)
        return out
    cls = type(t)
    if cls is OwnType or cls is BorrowType:
        return resources_in(t.ty, out)
    if cls is ListType:
        return resources_in(t.element, out)
    if cls is RecordType or cls is VariantType:
        for _, v in (t.fields if cls is RecordType else t.cases):
            if v is not None:
                resources_in(v, out)
    elif cls is TupleType:
        for v in t.elements:
            resources_in(v, out)
    elif cls is OptionType or cls is StreamType or cls is FutureType:
        if t.payload is not None:
            resources_in(t.payload, out)
    elif cls is ResultType:
        for v in (t.ok, t.err):
            if v is not None:
                resources_in(v, out)
    elif cls is FuncType:
        for _, v in t.params:
            resources_in(v, out)
        if t.result is not None:
            resources_in(t.result, out)
    elif cls is TypeItem:
        resources_in(t.type, out)
    elif cls is ComponentInstanceType:
        for _, v in t.export_list:
            resources_in(v, out)
    elif cls is ComponentType:
        for _, v in t.import_list + t.export_list:
            resources_in(v, out)
    return out
