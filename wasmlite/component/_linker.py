"""``Linker`` and ``LinkerInstance`` of ``wasmlite.component``, as in
wasmtime-py 50: a tree of named definitions (host functions, host resource
types, core modules, nested instances) that component imports are resolved
against at instantiation.

Names are stored as given; an import name carrying a version
(``wasi:cli/environment@0.2.12``) also matches a definition of another
0.2.x version of the same interface, as Wasmtime's semver matching does.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Optional, Union

from ..errors import WasmtimeError
from ..runtime.component_trap import ComponentTrap
from ..syntax.component_types import ComponentInstanceType, FuncType, ResourceType

__all__ = ["Linker", "LinkerInstance", "HostFuncDef", "HostResourceDef", "HostModuleDef"]


class HostFuncDef:
    """A Python function defined for a component function import.

    ``raw`` marks the WASI host's functions: they take no store argument
    and see host resources as their reps; an API user's function is called
    as wasmtime-py calls it, ``func(store, *args)``. ``type``: the
    function's component type when the host declares one (the .wast
    runner's host items, as Wasmtime's typed ``func_wrap``): an import of
    another type does not link; None (the API's): any import type."""
    __slots__ = ("func", "raw", "type")

    def __init__(self, func: Callable, raw: bool = False,
                 type: Optional[FuncType] = None) -> None:   # noqa: A002 - as the API names it
        self.func = func
        self.raw = raw
        self.type = type


class HostResourceDef:
    """A host resource type defined under a name, with its destructor
    (``dtor(store, rep)`` as in wasmtime-py, or None)."""
    __slots__ = ("ty", "dtor")

    def __init__(self, ty: ResourceType, dtor: Optional[Callable]) -> None:
        self.ty = ty
        self.dtor = dtor


class HostModuleDef:
    """A core module defined for a ``(core module)`` import."""
    __slots__ = ("module",)

    def __init__(self, module: Any) -> None:
        self.module = module


def _check_name(name: object) -> str:
    if not isinstance(name, str):
        raise TypeError(f"expected a str name, got {type(name).__name__}")
    return name


def unversioned(name: str) -> str:
    """``wasi:io/streams@0.2.12`` -> ``wasi:io/streams@0.2``: the key under
    which semver-compatible versions meet (major.minor for 0.x, major
    otherwise, as Cargo's and Wasmtime's compatibility rule)."""
    base, at, version = name.partition("@")
    if not at:
        return name
    parts = version.split("-", 1)[0].split("+", 1)[0].split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return name
    major, minor, _patch = parts
    return f"{base}@{major}" if major != "0" else f"{base}@0.{minor}"


class LinkerInstance:
    """A level of the linker's name tree (the root, or an instance under a
    name). Unlike wasmtime-py, a parent stays usable while a child exists:
    nothing here borrows the linker, so there is nothing to lock."""

    def __init__(self) -> None:
        raise WasmtimeError("Cannot directly construct a `LinkerInstance`")

    @classmethod
    def _make(cls, linker: "Linker", items: Dict[str, Any]) -> "LinkerInstance":
        self = cls.__new__(cls)
        self._linker = linker
        self._items = items
        return self

    def __enter__(self) -> "LinkerInstance":
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def close(self) -> None:
        return None

    def _define(self, name: str, item: Any) -> None:
        name = _check_name(name)
        if name in self._items and not self._linker._allow_shadowing:
            raise WasmtimeError(f"map entry `{name}` defined twice")
        self._items[name] = item

    def add_instance(self, name: str) -> "LinkerInstance":
        """The instance named ``name`` (made if new; adding to an existing
        one extends it, as Wasmtime's ``LinkerInstance::instance`` does)."""
        name = _check_name(name)
        found = self._items.get(name)
        if isinstance(found, dict):
            return LinkerInstance._make(self._linker, found)
        child: Dict[str, Any] = {}
        self._define(name, child)
        return LinkerInstance._make(self._linker, child)

    def add_func(self, name: str, func: Callable) -> None:
        """Defines ``func(store, *args) -> result`` for a function import."""
        if not callable(func):
            raise TypeError("expected a callable for the host function")
        self._define(name, HostFuncDef(func))

    def add_resource(self, name: str, ty: ResourceType, dtor: Optional[Callable]) -> None:
        """Defines the host resource type ``ty`` under ``name``;
        ``dtor(store, rep)`` runs when a guest drops an owned handle."""
        if not isinstance(ty, ResourceType):
            raise TypeError(f"expected a ResourceType, got {type(ty).__name__}")
        if dtor is not None and not callable(dtor):
            raise TypeError("expected a callable destructor")
        self._define(name, HostResourceDef(ty, dtor))

    def add_module(self, name: str, module: Any) -> None:
        from ..module import Module
        if not isinstance(module, Module):
            raise TypeError(f"expected a Module, got {type(module).__name__}")
        self._define(name, HostModuleDef(module))


def _trapping_func(path: str) -> Callable:
    def unknown_import(store: Any, *args: Any) -> None:
        raise ComponentTrap(f"unknown import: `{path}` has not been defined")
    return unknown_import


def _define_unknown(items: Dict[str, Any], name: str, ty: Any, path: str) -> None:
    """Defines ``name`` (an import of extern type ``ty``) in ``items`` unless
    something is there already (by this name or a compatible version)."""
    found = items.get(name)
    if found is None:
        key = unversioned(name)
        found = next((v for k, v in items.items() if unversioned(k) == key), None)
    if isinstance(ty, FuncType):
        if found is None:
            items[name] = HostFuncDef(_trapping_func(path))
    elif isinstance(ty, ComponentInstanceType):
        if found is None:
            found = items[name] = {}
        if isinstance(found, dict):
            for export, ety in ty.export_list:
                _define_unknown(found, export, ety, f"{path}#{export}")
    elif isinstance(ty, ResourceType):
        if found is None:
            items[name] = HostResourceDef(ResourceType(name), None)
    # value types need no definition; modules and components cannot be made up


class Linker:
    """``Linker(engine)``: where a component's imports come from."""

    def __init__(self, engine: Any) -> None:
        from ..engine import Engine
        if not isinstance(engine, Engine):
            raise TypeError(f"expected an Engine, got {type(engine).__name__}")
        self.engine = engine
        self._allow_shadowing = False
        self._root: Dict[str, Any] = {}
        self._wasip2 = False

    @property
    def allow_shadowing(self) -> bool:
        return self._allow_shadowing

    @allow_shadowing.setter
    def allow_shadowing(self, allow: bool) -> None:
        """``linker.allow_shadowing = True``, as in wasmtime-py (a setting,
        not a method): later definitions then replace earlier ones."""
        self._allow_shadowing = bool(allow)

    def root(self) -> LinkerInstance:
        return LinkerInstance._make(self, self._root)

    def add_wasip2(self) -> None:
        """Defines WASI 0.2 (wasi:cli, io, clocks, random, filesystem,
        sockets) for the store's ``WasiConfig`` at instantiation."""
        self._wasip2 = True

    def add_wasi_http(self) -> None:
        raise WasmtimeError("wasi:http is not supported by wasmlite")

    def define_unknown_imports_as_traps(self, component: Any) -> None:
        """Defines every import of ``component`` this linker has nothing for:
        a function that traps when called (``unknown import: `NAME` has not
        been defined``), a fresh resource type, an instance of such."""
        from ._component import Component
        if not isinstance(component, Component):
            raise TypeError(f"expected a Component, got {type(component).__name__}")
        for name, ty in component.type.import_list:
            _define_unknown(self._root, name, ty, name)

    def _lookup(self, path: tuple) -> Any:
        """The definition at ``path`` (names from the root), matching
        versioned names by compatibility; None when absent."""
        items: Any = self._root
        for name in path:
            if not isinstance(items, dict):
                return None
            found = items.get(name)
            if found is None:
                key = unversioned(name)
                for other, item in items.items():
                    if unversioned(other) == key:
                        found = item
                        break
            if found is None:
                return None
            items = found
        return items

    def instantiate(self, store: Any, component: Any) -> Any:
        from ._component import Component
        from ._instance import instantiate
        if not isinstance(component, Component):
            raise TypeError(f"expected a Component, got {type(component).__name__}")
        return instantiate(self, store, component)
