"""Wrapping the runtime's typed export records in public objects.

The record's class is its kind (DESIGN.md point 1): one table from record
class to public class, no "is this a function?" questions at call time.
"""
from __future__ import annotations

from typing import Any, Union

from .func import Func
from .global_ import Global
from .memory import Memory
from .runtime import ExportFunction, ExportGlobal, ExportMemory, ExportTable
from .runtime.export import ExportTag
from .table import Table
from .tag import Tag

__all__ = ["Extern", "wrap_extern", "record_of"]

Extern = Union[Func, Memory, Table, Global, Tag]

_WRAPPERS = {ExportFunction: Func._wrap, ExportMemory: Memory._wrap,
             ExportTable: Table._wrap, ExportGlobal: Global._wrap, ExportTag: Tag._wrap}
_EXTERN_CLASSES = (Func, Memory, Table, Global, Tag)


def wrap_extern(store, record) -> Extern:
    return _WRAPPERS[type(record)](store, record)


def record_of(item: Any, store):
    """The runtime record of a public extern of ``store`` (TypeError for
    anything that is not an extern, WasmtimeError for another store's)."""
    if not isinstance(item, _EXTERN_CLASSES):
        raise TypeError(f"expected a Func, Global, Memory, Table or Tag, "
                        f"got {type(item).__name__}")
    if item._store is not store:
        from .store import wrong_store
        raise wrong_store()
    return item._record
