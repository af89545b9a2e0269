"""``Instance`` of ``wasmlite.component`` and the instantiation behind
``Linker.instantiate``."""
from __future__ import annotations

from typing import Any, Optional, Union

from ..errors import WasmtimeError
from ..store import store_of, wrong_store
from ._component import ExportIndex
from ._func import Func

__all__ = ["Instance", "instantiate"]


class Instance:
    """A component instance: its exports by name or ExportIndex."""

    def __init__(self) -> None:
        raise WasmtimeError("Cannot directly construct an `Instance`")

    @classmethod
    def _make(cls, store: Any, exports: dict) -> "Instance":
        self = cls.__new__(cls)
        self._store = store
        self._exports = exports
        return self

    def _item(self, path: tuple) -> Any:
        item: Any = self._exports
        for name in path:
            if not isinstance(item, dict) or name not in item:
                return None
            item = item[name]
        return item

    def get_export_index(self, store: Any, name: str,
                         instance: Optional[ExportIndex] = None) -> Optional[ExportIndex]:
        if store_of(store) is not self._store:
            raise wrong_store()
        path = (instance.path if instance else ()) + (name,)
        return ExportIndex(path) if self._item(path) is not None else None

    def get_func(self, store: Any, index: Union[ExportIndex, str]) -> Optional[Func]:
        from ..runtime.component_instance import ComponentFunc
        if store_of(store) is not self._store:
            raise wrong_store()
        if isinstance(index, str):
            path: tuple = (index,)
        elif isinstance(index, ExportIndex):
            path = index.path
        else:
            raise TypeError(f"expected a str or ExportIndex, got {type(index).__name__}")
        item = self._item(path)
        if not isinstance(item, ComponentFunc):
            return None
        return Func._make(self._store, item.type, item.call,
                          item.post_return or (lambda: None))


def _wasip2_definitions(linker: Any, store: Any) -> dict:
    """The WASI 0.2 host's interfaces as linker definitions for ``store``
    (its WasiConfig), each under ``NAME@0.2.0`` (semver matching finds it
    for any 0.2.x import)."""
    from ..wasi2.host import Wasi2Context, wasip2_interfaces
    from ._linker import HostFuncDef, HostResourceDef
    ctx = getattr(store, "_wasi2", None)
    if ctx is None:
        config = getattr(store, "_wasi_config", None)
        if config is None:
            from ..wasi import WasiConfig
            config = WasiConfig()       # no set_wasi: no args, no stdio, no files
        wasi = getattr(store, "_wasi", None)     # the preview-1 context's stdio, shared
        stdio = wasi.take_stdio_for_wasi2() if wasi is not None else None
        ctx = store._wasi2 = Wasi2Context.from_config(config, stdio)
    out = {}
    for name, iface in wasip2_interfaces(ctx).items():
        items: dict = {}
        for rname, rty in iface.resources.items():
            items[rname] = HostResourceDef(rty, None)
        for fname, fn in iface.funcs.items():
            items[fname] = HostFuncDef(fn, raw=True)
        out[f"{name}@0.2.0"] = items
    return out


def instantiate(linker: Any, store: Any, component: Any) -> Instance:
    from ..runtime.component_instance import Imports, instantiate_component
    s = store_of(store)
    extra = _wasip2_definitions(linker, s) if linker._wasip2 else {}

    def lookup(name: str) -> Any:
        found = linker._lookup((name,))
        if found is None and extra:
            from ._linker import unversioned
            key = unversioned(name)
            for other, item in extra.items():
                if unversioned(other) == key:
                    return item
        return found

    frame = instantiate_component(s, component._syntax, component._modules, Imports(lookup))
    return Instance._make(s, frame.exports)
