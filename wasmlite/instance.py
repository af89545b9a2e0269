"""``Instance`` and its exports mapping."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Iterator, Optional, Sequence

from .errors import WasmtimeError
from .extern import Extern, record_of, wrap_extern
from .module import Module
from .runtime import instantiate
from .store import Store, check_store, store_of
from .runtime.exceptions import ThrownException
from .trap import add_frames

__all__ = ["Instance", "InstanceExports"]


class InstanceExports(Mapping):
    """Export name -> Func / Memory / Table / Global, in export order;
    ``.by_index`` lists them by export index."""

    def __init__(self, store: Store, runtime_instance) -> None:
        self._items = {name: wrap_extern(store, record)
                       for name, record in runtime_instance.exports.items()}
        # one object per export (export names are unique)
        self.by_index = tuple(self._items[e.name]
                              for e in runtime_instance.module.exports)

    def __getitem__(self, name: str) -> Extern:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __repr__(self) -> str:
        return f"<InstanceExports {list(self._items)}>"


def _instantiate(store: Store, module: Module, records: list):
    """Instantiate ``module`` in ``store`` with the import records, counting
    the new instance, memories and tables against the store's limits."""
    if module._engine is not store._engine:
        raise WasmtimeError("cannot instantiate a module of another engine in this store")
    syntax = module._syntax
    store._reserve(instances=1, tables=len(syntax.tables), memories=len(syntax.mems))
    try:
        return instantiate(store._rt, module._compiled, records)
    except ThrownException as exc:
        # as wasmtime-py: an exception out of the start function is an
        # error, not a Trap, at instantiation (the exception is its cause)
        add_frames(exc, store)
        raise WasmtimeError(str(exc)) from exc
    except BaseException as exc:
        add_frames(exc, store)
        raise


class Instance:
    """``Instance(store, module, imports)``: imports in the module's order."""

    __slots__ = ("_store", "_instance", "_exports", "__weakref__")

    def __init__(self, store, module: Module, imports: Sequence[Extern]) -> None:
        store = store_of(store)
        if not isinstance(module, Module):
            raise TypeError(f"expected a Module, got {type(module).__name__}")
        if isinstance(imports, (str, bytes)) or not hasattr(imports, "__iter__"):
            raise TypeError("imports must be a list of Func, Memory, Table or Global")
        module._check_open()
        imports = list(imports)
        # item types first (TypeError), then the count, as in wasmtime-py
        records = [record_of(item, store) for item in imports]
        expected = len(module._syntax.imports)
        if len(imports) != expected:
            raise WasmtimeError(f"expected {expected} imports, found {len(imports)}")
        self._init(store, _instantiate(store, module, records))

    def _init(self, store: Store, runtime_instance) -> None:
        self._store = store
        self._instance = runtime_instance
        self._exports: Optional[InstanceExports] = None

    @classmethod
    def _wrap(cls, store: Store, runtime_instance) -> "Instance":
        inst = cls.__new__(cls)
        inst._init(store, runtime_instance)
        return inst

    def exports(self, store) -> InstanceExports:
        check_store(store, self._store)
        if self._exports is None:
            self._exports = InstanceExports(self._store, self._instance)
        return self._exports
