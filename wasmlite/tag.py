"""``Tag`` and ``TagType``: exception tags, as wasmtime-py 50 has them, and
``ThrownException``, the Trap a wasm exception nothing caught becomes."""
from __future__ import annotations

from typing import Any

from .runtime import exceptions as _exceptions
from .runtime.exceptions import RuntimeTag, ThrownException
from .runtime.export import ExportTag
from .store import check_store, store_of
from .types import FuncType, _TypeObject

__all__ = ["Tag", "TagType", "ThrownException"]


class TagType(_TypeObject):
    """``TagType(functype)``: a tag's payload is the function type's params
    (it must have no results)."""

    __slots__ = ("_deftype",)     # (a Wasm GC canonical type of its own: module.py)

    def __init__(self, functype: FuncType) -> None:
        if not isinstance(functype, FuncType):
            raise TypeError("expected a FuncType")
        if functype._inner.results:
            from .errors import WasmtimeError
            raise WasmtimeError("a tag's function type must have no results")
        self._raw = functype._inner

    @property
    def functype(self) -> FuncType:
        """The function type that describes the tag's payload."""
        return FuncType._wrap(self._inner)

    def __repr__(self) -> str:
        return f"TagType({self.functype})"


class Tag:
    """``Tag(store, TagType)``: a host-defined tag; or a tag an instance
    exports. Two tags are the same tag when ``eq`` says so."""

    __slots__ = ("_record", "_store", "__weakref__")

    def __init__(self, store, ty: TagType) -> None:
        store = store_of(store)
        if not isinstance(ty, TagType):
            raise TypeError("expected a TagType")
        tag = RuntimeTag(ty._inner, getattr(ty, "_deftype", None))
        store._rt.exceptions.register(tag)
        self._store = store
        self._record = ExportTag(tag)

    @classmethod
    def _wrap(cls, store, record: ExportTag) -> "Tag":
        t = cls.__new__(cls)
        t._store, t._record = store, record
        return t

    def type(self, store) -> TagType:
        check_store(store, self._store)
        return TagType._wrap(self._record.tag.functype)

    def eq(self, store, other: "Tag") -> bool:
        """Whether ``other`` is the same tag (same definition)."""
        check_store(store, self._store)
        return isinstance(other, Tag) and other._record.tag is self._record.tag

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tag) and other._record.tag is self._record.tag

    def __hash__(self) -> int:
        return id(self._record.tag)


class _PublicView:
    """What ThrownException.tag / .values show (runtime/exceptions.py)."""

    @staticmethod
    def tag(exc: ThrownException) -> Tag:
        return Tag._wrap(exc.store.public(), ExportTag(exc.exn.tag))

    @staticmethod
    def values(exc: ThrownException) -> list[Any]:
        from .value import from_raw
        exn, store = exc.exn, exc.store.public()
        return [from_raw(t, v, store) for t, v in zip(exn.tag.functype.params, exn.values)]


_exceptions.PUBLIC_VIEW = _PublicView
