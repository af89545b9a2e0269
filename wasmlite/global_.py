"""``Global``: a global variable."""
from __future__ import annotations

from typing import Any

from .errors import WasmtimeError
from .runtime import ExportGlobal, create_global
from .store import check_store, store_of
from .value import Val
from .types import GlobalType
from .value import from_raw, to_raw

__all__ = ["Global"]


class Global:
    """``Global(store, GlobalType, value)``, or a global an instance exports."""

    __slots__ = ("_record", "_store", "_global", "__weakref__")

    def __init__(self, store, ty: GlobalType, val: Any) -> None:
        store = store_of(store)
        if not isinstance(ty, GlobalType):
            raise TypeError(f"expected a GlobalType, got {type(ty).__name__}")
        raw = to_raw(ty._inner.valtype, val, store)
        self._init(store, create_global(store._rt, ty._inner, raw))

    def _init(self, store, record: ExportGlobal) -> None:
        self._store = store
        self._record = record
        self._global = record.global_

    @classmethod
    def _wrap(cls, store, record: ExportGlobal) -> "Global":
        g = cls.__new__(cls)
        g._init(store, record)
        return g

    def _glob(self, store):
        check_store(store, self._store)
        return self._global

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Global) and other._global is self._global

    def __hash__(self) -> int:
        return id(self._global)

    def type(self, store) -> GlobalType:
        return GlobalType._wrap(self._glob(store).type)

    def value(self, store) -> Any:
        """The value; a null reference is a null ``Val`` of the global's
        type (not None), as in wasmtime-py."""
        g = self._glob(store)
        t = g.type.valtype
        value = from_raw(t, g.get(), self._store)
        return Val(t, None) if value is None else value

    def set_value(self, store, val: Any) -> None:
        g = self._glob(store)
        raw = to_raw(g.type.valtype, val, self._store)
        if not g.type.mutable:
            raise WasmtimeError("immutable global cannot be set")
        g.set(raw)
