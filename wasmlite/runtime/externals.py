"""Creating memories, tables and globals from the host (not by an instance).

The store keeps each new external alive; the returned export record is what
an instance imports or the public API wraps.
"""
from __future__ import annotations

from ..syntax.types import GlobalType, MemoryType, TableType
from .export import ExportGlobal, ExportMemory, ExportTable
from .global_ import Global
from .memory import Memory
from .table import Table


def create_memory(store, memtype: MemoryType) -> ExportMemory:
    store.check_new_memory(memtype.limits.min, memtype.page_size_log2)
    memory = Memory(memtype)
    store.keepalive.append(memory)
    return ExportMemory(memory)


def create_table(store, tabletype: TableType, init: int = 0) -> ExportTable:
    """A table of ``limits.min`` elements set to ``init`` (raw bits)."""
    store.check_new_table(tabletype.limits.min)
    table = Table(tabletype, init)
    store.keepalive.append(table)
    return ExportTable(table)


def create_global(store, globaltype: GlobalType, value: int) -> ExportGlobal:
    """A global holding ``value`` (raw bits)."""
    g = Global(globaltype, value)
    store.keepalive.append(g)
    return ExportGlobal(g)
