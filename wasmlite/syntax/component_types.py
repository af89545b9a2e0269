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

from dataclasses import dataclass
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


@dataclass(frozen=True, eq=True)
class ListType(ValType):
    """``list<element>``; ``length`` set for a fixed-length list
    (``list<T, N>``)."""
    element: ValType
    length: Optional[int] = None


@dataclass(frozen=True, eq=True)
class RecordType(ValType):
    fields: Tuple[Tuple[str, ValType], ...]


@dataclass(frozen=True, eq=True)
class TupleType(ValType):
    elements: Tuple[ValType, ...]


@dataclass(frozen=True, eq=True)
class VariantType(ValType):
    """Cases in order: (label, payload type or None)."""
    cases: Tuple[Tuple[str, Optional[ValType]], ...]


@dataclass(frozen=True, eq=True)
class EnumType(ValType):
    names: Tuple[str, ...]


@dataclass(frozen=True, eq=True)
class OptionType(ValType):
    payload: ValType


@dataclass(frozen=True, eq=True)
class ResultType(ValType):
    ok: Optional[ValType]
    err: Optional[ValType]


@dataclass(frozen=True, eq=True)
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


@dataclass(frozen=True, eq=True)
class OwnType(ValType):
    ty: ResourceType


@dataclass(frozen=True, eq=True)
class BorrowType(ValType):
    ty: ResourceType


@dataclass(frozen=True, eq=True)
class FuncType:
    """A component function type: named params, at most one result."""
    params: Tuple[Tuple[str, ValType], ...]
    result: Optional[ValType] = None


@dataclass(frozen=True, eq=True)
class StreamType(ValType):
    """``stream<T>`` (async): typed only, never lifted here."""
    payload: Optional[ValType]


@dataclass(frozen=True, eq=True)
class FutureType(ValType):
    """``future<T>`` (async): typed only, never lifted here."""
    payload: Optional[ValType]


AnyValType = Union[_Prim, ListType, RecordType, TupleType, VariantType, EnumType,
                   OptionType, ResultType, FlagsType, OwnType, BorrowType]
