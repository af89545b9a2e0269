"""``Linker``: instantiating modules by import name, and ``InstancePre``.

A definition is either an external of one store (``define``,
``define_instance``, ``define_module``) or a host function of the engine
(``define_func``), which gets its native trampoline when it is defined and
becomes one Func per store that instantiates through this linker.

A Linker is Managed: ``close()`` drops its definitions, and every later
use raises ValueError.
"""
from __future__ import annotations

import weakref
from typing import Any, Callable, Optional

from .engine import Engine
from .errors import WasmtimeError
from .extern import Extern, record_of
from .func import Func
from .instance import Instance, _instantiate
from .managed import Managed
from .module import Module
from .store import Store, store_of, wrong_store
from .syntax import types as S
from .syntax.types import ExternKind
from .types import FuncType

__all__ = ["Linker", "InstancePre"]


class _HostDefinition:
    """A ``define_func`` function: one Func per store, made on first use."""

    __slots__ = ("ty", "func", "access_caller", "per_store")

    def __init__(self, ty: FuncType, func: Callable, access_caller: bool) -> None:
        self.ty = ty
        self.func = func
        self.access_caller = access_caller
        self.per_store: "weakref.WeakKeyDictionary[Store, Func]" = weakref.WeakKeyDictionary()

    def in_store(self, store: Store) -> Func:
        f = self.per_store.get(store)
        if f is None:
            f = self.per_store[store] = Func(store, self.ty, self.func, self.access_caller)
        return f


def _check_name(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, got {type(value).__name__}")
    return value


def _default_value(t: S.ValType) -> Any:
    if t is S.F32 or t is S.F64:
        return 0.0
    if t.is_ref:
        return None
    return 0


class Linker(Managed):
    """``Linker(engine)``."""

    def __init__(self, engine: Engine) -> None:
        if not isinstance(engine, Engine):
            raise TypeError(f"expected an Engine, got {type(engine).__name__}")
        engine._check_open()
        self._engine = engine
        self._defs: dict[tuple[str, str], Any] = {}
        self.allow_shadowing = False

    def _release(self) -> None:
        self._defs = {}

    @property
    def engine(self) -> Engine:
        return self._engine

    @property
    def allow_shadowing(self) -> bool:
        return self._allow_shadowing

    @allow_shadowing.setter
    def allow_shadowing(self, value: bool) -> None:
        """Any value, taken for its truth, as wasmtime-py does."""
        self._check_open()
        self._allow_shadowing = bool(value)

    # -- definitions -------------------------------------------------------------

    def _insert(self, module: str, name: str, item: Any) -> None:
        key = (_check_name(module, "module name"), _check_name(name, "name"))
        if key in self._defs and not self._allow_shadowing:
            raise WasmtimeError(f"import of `{module}::{name}` defined twice")
        self._defs[key] = item

    def define(self, store, module: str, name: str, item: Extern) -> None:
        self._check_open()
        store = store_of(store)
        if store._engine is not self._engine:
            raise WasmtimeError("the store belongs to another engine than this linker")
        record_of(item, store)           # an extern of this store
        self._insert(module, name, item)

    def define_func(self, module: str, name: str, ty: FuncType, func: Callable,
                    access_caller: bool = False) -> None:
        self._check_open()
        if not isinstance(ty, FuncType):
            raise TypeError(f"expected a FuncType, got {type(ty).__name__}")
        if not callable(func):
            raise TypeError("expected a callable for the host function")
        # the native trampoline now, not at instantiation or call time
        self._engine._rt.host_trampoline(ty._inner)
        self._insert(module, name, _HostDefinition(ty, func, bool(access_caller)))

    def define_instance(self, store, name: str, instance: Instance) -> None:
        self._check_open()
        store = store_of(store)
        if not isinstance(instance, Instance):
            raise TypeError(f"expected an Instance, got {type(instance).__name__}")
        _check_name(name, "name")
        for export_name, item in instance.exports(store).items():
            self.define(store, name, export_name, item)

    def define_module(self, store, name: str, module: Module) -> None:
        """Instantiate ``module`` now (calling its ``_initialize`` export if
        it has one) and define its exports under ``name``."""
        self._check_open()
        store = store_of(store)
        if not isinstance(module, Module):
            raise TypeError(f"expected a Module, got {type(module).__name__}")
        instance = self.instantiate(store, module)
        init = instance.exports(store).get("_initialize")
        if isinstance(init, Func):
            init(store)
        self.define_instance(store, name, instance)

    def define_wasi(self) -> None:
        """Define every ``wasi_snapshot_preview1`` function (wasi/)."""
        self._check_open()
        from .wasi import define_wasi
        define_wasi(self)

    def define_unknown_imports_as_traps(self, module: Module) -> None:
        """Define every undefined function import of ``module`` as a
        function that traps when called."""
        self._check_open()
        for imp, ty in self._undefined_funcs(module):
            message = f"unknown import: `{imp.module}::{imp.name}` has not been defined"

            def trap(*args, _message=message):
                raise WasmtimeError(_message)     # not a Trap, as in wasmtime-py
            self._insert(imp.module, imp.name, _HostDefinition(ty, trap, False))

    def define_unknown_imports_as_default_values(self, store, module: Module) -> None:
        """Define every undefined function import of ``module`` as a
        function returning zeros (null references)."""
        self._check_open()
        store = store_of(store)
        for imp, ty in self._undefined_funcs(module):
            defaults = [_default_value(t) for t in ty._inner.results]
            result = (None if not defaults else defaults[0] if len(defaults) == 1
                      else defaults)
            self.define(store, imp.module, imp.name,
                        Func(store, ty, lambda *args, _r=result: _r))

    def _undefined_funcs(self, module: Module):
        if not isinstance(module, Module):
            raise TypeError(f"expected a Module, got {type(module).__name__}")
        syntax = module._syntax
        for imp in syntax.imports:
            if imp.kind == ExternKind.FUNC and (imp.module, imp.name) not in self._defs:
                yield imp, FuncType._wrap(syntax.types[imp.desc])

    # -- lookups and instantiation -------------------------------------------------

    def _resolve(self, store: Store, item: Any) -> Extern:
        if type(item) is _HostDefinition:
            return item.in_store(store)
        if item._store is not store:
            raise wrong_store()
        return item

    def _check_defined(self, module: Module) -> None:
        for imp in module._syntax.imports:
            if (imp.module, imp.name) not in self._defs:
                raise WasmtimeError(
                    f"unknown import: `{imp.module}::{imp.name}` has not been defined")

    def instantiate(self, store, module: Module) -> Instance:
        self._check_open()
        store = store_of(store)
        if not isinstance(module, Module):
            raise TypeError(f"expected a Module, got {type(module).__name__}")
        self._check_defined(module)
        records = [record_of(self._resolve(store, self._defs[(imp.module, imp.name)]), store)
                   for imp in module._syntax.imports]
        return Instance._wrap(store, _instantiate(store, module, records))

    def instantiate_pre(self, module: Module) -> "InstancePre":
        self._check_open()
        if not isinstance(module, Module):
            raise TypeError(f"expected a Module, got {type(module).__name__}")
        self._check_defined(module)
        return InstancePre(self, module)

    def get(self, store, module: str, name: str) -> Extern:
        self._check_open()
        store = store_of(store)
        item = self._defs.get((_check_name(module, "module name"), _check_name(name, "name")))
        if item is None:
            raise WasmtimeError(f"item `{module}::{name}` not defined in linker")
        return self._resolve(store, item)

    def get_default(self, store, name: str) -> Func:
        """Module ``name``'s default export: the function exported as ""
        (or ``_start``); a function doing nothing if it has neither."""
        self._check_open()
        store = store_of(store)
        _check_name(name, "name")
        for export in ("", "_start"):
            item = self._defs.get((name, export))
            if item is not None:
                func = self._resolve(store, item)
                if not isinstance(func, Func):
                    raise WasmtimeError(f"default export of `{name}` is not a function")
                return func
        return Func(store, FuncType([], []), lambda: None)


class InstancePre:
    """A module whose imports a Linker resolves: ``.instantiate(store)``."""

    def __init__(self, linker: Linker, module: Module) -> None:
        self._linker = linker
        self._module = module

    def instantiate(self, store) -> Instance:
        return self._linker.instantiate(store, self._module)
