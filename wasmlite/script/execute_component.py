"""What the .wast runner needs to run components: compile, instantiate
(with the host's items and what named components registered), invoke
exports with a script's component values.

As in Wasmtime's wast: every component instance has a store of its own;
its imports come from one component linker per script, holding the host's
definitions (``component_spectest``) and, for each component instance
given a name (``(component $A ...)``, ``(component instance $A $C)``), its
exported core modules and resource types under that name (Wasmtime does
not put a component's functions there: they cannot cross stores).

Components go through the public API (``wasmlite.component``), with an
Engine of the script's strategy, so their core modules run in the same tier
as the script's own modules.
"""
from __future__ import annotations

from typing import Any, Dict, Optional

from ..errors import Trap, WasmtimeError
from ..syntax import component_types as T
from .component_convert import ValueMismatch, to_python
from .component_spectest import define_component_spectest

__all__ = ["ComponentRun", "ComponentExecutor", "NoSuchExport"]


class NoSuchExport(LookupError):
    """An action names what the instance does not export (the script is
    wrong: a failed check, never a trap)."""


class ComponentRun:
    """One component instance of a script: its store, the instance, and the
    component it was made of."""
    __slots__ = ("store", "instance", "component")

    def __init__(self, store: Any, instance: Any, component: Any) -> None:
        self.store = store
        self.instance = instance
        self.component = component


class ComponentExecutor:
    """The components of one script (``strategy`` and ``opt_level`` as the
    script's Executor has them; "auto-early" is tiered with every function
    compiled at its first count)."""

    def __init__(self, strategy: str = "llvm", opt_level: int = 1) -> None:
        from ..engine import Config, Engine
        config = Config()
        config.strategy = "auto" if strategy == "auto-early" else strategy
        # the same optimization level as the script's core modules get
        config._opt_level = opt_level
        self.engine = Engine(config)
        self.engine._rt.tier_early = strategy == "auto-early"
        self._components: Dict[bytes, Any] = {}
        # name -> {export name: core Module or ResourceType}
        self._registered: Dict[str, Dict[str, Any]] = {}
        self._spectest_state: Optional[dict] = None

    def compile(self, data: bytes) -> Any:
        """The ``wasmlite.component.Component`` of ``data`` (compiled once)."""
        from ..component import Component
        component = self._components.get(data)
        if component is None:
            component = self._components[data] = Component(self.engine, data)
        return component

    def _linker(self) -> Any:
        """A linker with the host's items and the registered instances (made
        per instantiation: a name registered again replaces the old one
        whole, as Wasmtime's linker does with shadowing allowed)."""
        from ..component import Linker
        linker = Linker(self.engine)
        linker.allow_shadowing = True
        if self._spectest_state is None:
            self._spectest_state = {}
        define_component_spectest(linker, self.engine, self._spectest_state,
                                  skip=frozenset(self._registered))
        root = linker.root()
        for name, items in self._registered.items():
            inst = root.add_instance(name)
            for export, item in items.items():
                if isinstance(item, T.ResourceType):
                    inst.add_resource(export, item, None)
                else:
                    inst.add_module(export, item)
        return linker

    def instantiate(self, data: bytes) -> ComponentRun:
        from ..store import Store
        component = self.compile(data)
        store = Store(self.engine)
        instance = self._linker().instantiate(store, component)
        return ComponentRun(store, instance, component)

    def register(self, name: str, run: ComponentRun) -> None:
        """Make ``run``'s exported core modules and resource types importable
        from an instance named ``name``."""
        from ..module import Module
        items: Dict[str, Any] = {}
        for export in dict(run.component.type.export_list):
            item = run.instance._item((export,))
            if isinstance(item, (T.ResourceType, Module)):
                items[export] = item
        self._registered[name] = items

    def invoke(self, run: ComponentRun, name: str, args: list) -> list:
        """Call export ``name`` with script values ``args``: its result as
        ``[(type, Python value)]`` (``[]`` for none). A call that fails
        raises WasmtimeError (a trap is a ComponentTrap, which is one)."""
        func = run.instance.get_func(run.store, name)
        if func is None:
            raise NoSuchExport(f"no func named `{name}` found")
        ty = func.type(run.store)
        if len(args) != len(ty.params):
            raise WasmtimeError(f"expected {len(ty.params)} argument(s), got {len(args)}")
        values = [to_python(a, t) for a, (_, t) in zip(args, ty.params)]
        try:
            result = func(run.store, *values)
        except (TypeError, ValueError) as e:
            # a Python value the ABI refused (an ambiguous variant case...):
            # the call's type check failed, as Wasmtime reports it
            raise ValueMismatch(f"type mismatch: {e}") from None
        except Trap as e:
            if isinstance(e, WasmtimeError):
                raise
            raise WasmtimeError(str(e)) from e
        return [] if ty.result is None else [(ty.result, result)]
