"""Typed export records: one small record per kind of external.

An instance hands these out for its exports and takes them as imports; the
public API wraps them. Nothing asks "is this a function?" at call time: the
record's class is its kind (DESIGN.md point 1).
"""
from __future__ import annotations

from ..records import field, record
from typing import Any, Callable, Optional, Union

from ..syntax.types import ExternKind, FuncType, GlobalType, MemoryType, TableType
from .exceptions import RuntimeTag
from .global_ import Global
from .memory import Memory
from .table import Table


@record(eq=False)
class ExportFunction:
    """A callable function: wasm-defined or a host function.

    ``code``/``vmctx``/``sig_index`` are exactly what a ``VMFuncRef`` holds;
    ``funcref`` is the address of a ``VMFuncRef`` describing this function
    (the raw bits of the function as a funcref value). ``entry`` is the entry
    trampoline for ``functype`` in the code memory that holds ``code`` (None
    for a host function, which Python calls directly). ``owner`` keeps that
    code memory and vmctx alive as long as the record is.
    """

    code: int
    vmctx: int
    sig_index: int
    functype: FuncType
    funcref: int
    entry: Optional[int] = None
    owner: Any = field(default=None, repr=False)
    host_callback: Optional[Callable[[list[int]], list[int]]] = field(default=None, repr=False)
    # call.CallPlan, filled in by the first invoke (a cache, not a field of
    # the function's identity)
    call_plan: Any = field(default=None, repr=False, compare=False)

    kind = ExternKind.FUNC


@record(eq=False)
class ExportTable:
    table: Table
    kind = ExternKind.TABLE

    @property
    def type(self) -> TableType:
        """The current type: minimum is the current size (import matching)."""
        t = self.table.type
        return TableType(t.elem, type(t.limits)(self.table.size, t.limits.max), t.is64)


@record(eq=False)
class ExportMemory:
    memory: Memory
    kind = ExternKind.MEMORY

    @property
    def type(self) -> MemoryType:
        """The current type: minimum is the current size (import matching)."""
        t = self.memory.type
        return MemoryType(type(t.limits)(self.memory.pages, t.limits.max), t.is64, t.shared,
                          t.page_size_log2)


@record(eq=False)
class ExportGlobal:
    global_: Global
    kind = ExternKind.GLOBAL

    @property
    def type(self) -> GlobalType:
        return self.global_.type


@record(eq=False)
class ExportTag:
    tag: RuntimeTag
    kind = ExternKind.TAG

    @property
    def type(self) -> FuncType:
        return self.tag.functype


ExportRecord = Union[ExportFunction, ExportTable, ExportMemory, ExportGlobal, ExportTag]
