"""``Table``: a table of funcref or externref values."""
from __future__ import annotations

from typing import Any

from .errors import WasmtimeError
from .runtime import ExportTable, create_table
from .runtime.table import table_trap
from .store import check_store, store_of
from .value import Val, from_raw, to_raw
from .types import TableType

__all__ = ["Table"]


def _int(value: object, what: str) -> int:
    if type(value) is bool or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    return int(value)


class Table:
    """``Table(store, TableType, init)``, or a table an instance exports."""

    __slots__ = ("_record", "_store", "_table", "__weakref__")

    def __init__(self, store, ty: TableType, init: Any) -> None:
        store = store_of(store)
        if not isinstance(ty, TableType):
            raise TypeError(f"expected a TableType, got {type(ty).__name__}")
        raw = to_raw(ty._inner.elem, init, store)
        self._init(store, create_table(store._rt, ty._inner, raw))

    def _init(self, store, record: ExportTable) -> None:
        self._store = store
        self._record = record
        self._table = record.table

    @classmethod
    def _wrap(cls, store, record: ExportTable) -> "Table":
        t = cls.__new__(cls)
        t._init(store, record)
        return t

    def _tab(self, store):
        check_store(store, self._store)
        return self._table

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Table) and other._table is self._table

    def __hash__(self) -> int:
        return id(self._table)

    def type(self, store) -> TableType:
        """The declared type: its minimum stays the declared one after
        ``grow``, as in wasmtime-py (``size`` is the current size)."""
        return TableType._wrap(self._tab(store).type)

    def size(self, store) -> int:
        return self._tab(store).size

    def grow(self, store, delta: int, init: Any) -> int:
        """Grow by ``delta`` elements set to ``init``; the old size."""
        table = self._tab(store)
        delta = _int(delta, "delta")
        raw = to_raw(table.type.elem, init, self._store)
        if delta < 0:
            raise WasmtimeError("cannot grow by negative amount")
        # under the store lock: growing may move the elements, which wasm
        # of this store running on another thread must not see mid-call
        with self._store._rt.lock:
            old = self._store._rt.table_grow(table, delta, raw)
        if old < 0:
            raise WasmtimeError(f"failed to grow table by `{delta}`")
        return old

    def get(self, store, idx: int) -> Any:
        """Element ``idx``: a Func, an externref's object, or for a null
        reference a null ``Val`` of the table's element type; None past the
        end. All as in wasmtime-py."""
        table = self._tab(store)
        idx = _int(idx, "index")
        if not 0 <= idx < table.size:
            return None
        t = table.type.elem
        value = from_raw(t, table.get(idx), self._store)
        return Val(t, None) if value is None else value

    def set(self, store, idx: int, val: Any) -> None:
        """Set element ``idx`` (WasmtimeError past the end)."""
        table = self._tab(store)
        idx = _int(idx, "index")
        raw = to_raw(table.type.elem, val, self._store)
        if not 0 <= idx < table.size:
            trap = table_trap()
            raise WasmtimeError(f"wasm trap: {trap.message}")
        table.set(idx, raw)
