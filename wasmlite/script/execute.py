"""What the .wast runner needs from the runtime: compile, link by name,
instantiate, invoke and read globals, all on raw value bits."""
from __future__ import annotations

from typing import Any

from ..tiering import prepare
from ..errors import LinkError, WasmtimeError
from ..runtime import (ExportFunction, ExportGlobal, RuntimeEngine,
                       RuntimeInstance, RuntimeStore, instantiate, invoke)
from ..syntax.module import Module
from ..compile.gc_values import EXTERN_TAG
from ..syntax.types import ANYREF, EXTERNREF
from .spectest import make_spectest


class _Extern:
    """The host object a script's ``ref.extern N`` stands for."""

    __slots__ = ("n",)

    def __init__(self, n: int) -> None:
        self.n = n

    def __repr__(self) -> str:
        return f"ref.extern {self.n}"


class Executor:
    """One engine and store per script, like the reference interpreter."""

    def __init__(self, opt_level: int = 1, strategy: str = "llvm") -> None:
        self.engine = RuntimeEngine(opt_level=opt_level)
        self._strategy = strategy
        self._components = None         # a ComponentExecutor, at the first component
        # "auto-early": tiered, every function compiled at its first count
        # and loops entering OSR at their first back-edge (a test setting)
        self.engine.strategy = "auto" if strategy == "auto-early" else strategy
        self.engine.tier_early = strategy == "auto-early"
        self.store = RuntimeStore(self.engine)
        self.registry: dict[str, dict[str, Any]] = {"spectest": make_spectest(self.store)}
        self._externs: dict[int, _Extern] = {}

    def _extern(self, n: int) -> _Extern:
        obj = self._externs.get(n)
        if obj is None:
            obj = self._externs[n] = _Extern(n)
        return obj

    def instantiate(self, module: Module, info) -> RuntimeInstance:
        return self.instantiate_compiled(module, self.compile(module, info))

    def compile(self, module: Module, info) -> Any:
        """The runnable form of a validated module (instantiable many times)."""
        return prepare(module, info, self.engine)

    def instantiate_compiled(self, module: Module, compiled: Any) -> RuntimeInstance:
        """A new instance of ``compiled``, its imports looked up by name."""
        imports = []
        for imp in module.imports:
            exports = self.registry.get(imp.module)
            if exports is None or imp.name not in exports:
                raise LinkError(f"unknown import {imp.module}::{imp.name}")
            imports.append(exports[imp.name])
        return instantiate(self.store, compiled, imports)

    def fork(self) -> "Executor":
        """An executor for a script thread: the same engine and store (wasm
        of one store runs one thread at a time), a registry of its own."""
        child = Executor.__new__(Executor)
        child.__dict__.update(self.__dict__)
        child.registry = dict(self.registry)
        return child

    def register(self, name: str, instance: RuntimeInstance) -> None:
        self.registry[name] = instance.exports

    def _export(self, instance: RuntimeInstance, name: str, kind: type):
        record = instance.exports.get(name)
        if not isinstance(record, kind):
            raise WasmtimeError(f"no exported {kind.__name__} named {name!r}")
        return record

    def invoke(self, instance: RuntimeInstance, name: str, args: list) -> list[int]:
        func = self._export(instance, name, ExportFunction)
        raw = []
        for a in args:
            if a.type is EXTERNREF and a.value is not None:
                raw.append(self.store.extern_to_handle(self._extern(a.value)))
            elif a.type is ANYREF and a.value is not None:
                # (ref.host N): the host object as an anyref (compile/gc_values.py)
                handle = self.store.extern_to_handle(self._extern(a.value))
                raw.append((handle << 2) | EXTERN_TAG)
            else:
                raw.append(0 if a.value is None else a.value)
        return invoke(self.store, func, raw)

    def get(self, instance: RuntimeInstance, name: str) -> int:
        return self._export(instance, name, ExportGlobal).global_.get()

    # -- components (execute_component.py) ------------------------------------

    def _component_executor(self):
        if self._components is None:
            from .execute_component import ComponentExecutor
            self._components = ComponentExecutor(self._strategy, self.engine.opt_level)
        return self._components

    def instantiate_component(self, data: bytes) -> Any:
        """A new instance of the component binary ``data`` (a ComponentRun),
        in a store of its own."""
        return self._component_executor().instantiate(data)

    def register_component(self, name: str, run: Any) -> None:
        """Components instantiated later may import ``run``'s core modules and
        resource types from an instance named ``name``."""
        self._component_executor().register(name, run)

    def invoke_component(self, run: Any, name: str, args: list) -> list:
        """``[(type, Python value)]`` of calling export ``name`` with
        component values ``args``."""
        return self._component_executor().invoke(run, name, args)

    def host_matches(self, bits: int, n: int) -> bool:
        """Whether anyref bits are host object ``n`` made an anyref."""
        return bits & 3 == EXTERN_TAG and self.extern_matches(bits >> 2, n)

    def extern_matches(self, handle: int, n: int) -> bool:
        return self.store.handle_to_extern(handle) is self._extern(n)
