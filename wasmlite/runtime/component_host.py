"""What the host gives for a component import, made a frame's item: a
host function becomes a ``ComponentFunc`` of the import's declared type, a
host instance a dict of such, a host resource its ``ResourceType``.

The host's definitions are duck-typed here (``func``/``raw``, ``ty``,
``module`` attributes: the API's ``HostFuncDef``, ``HostResourceDef``,
``HostModuleDef``), since runtime/ does not import the API."""
from __future__ import annotations

from typing import Any, Optional

from ..errors import WasmtimeError
from ..syntax import component_types as T


def _is_host_resource(given: Any) -> bool:
    return hasattr(given, "ty") and hasattr(given, "dtor")


def _host_resource(frame: Any, given: Any) -> T.ResourceType:
    """The resource type of a host resource definition; its destructor
    (``dtor(store, rep)``, as wasmtime-py calls it) is what the instances of
    this instantiation run when they drop an owned handle of the type."""
    if given.dtor is not None:
        dtor, store = given.dtor, frame.env.store
        frame.env.host_dtors[given.ty] = lambda rep: dtor(store, rep)
    return given.ty


def adapt_given(frame: Any, declared: Optional[Any], given: Any, name: str) -> Any:
    """``given`` as the item an import of type ``declared`` holds."""
    from .component_instance import ComponentFunc, TypeScope, _scope_exports
    if hasattr(given, "raw") and hasattr(given, "func"):          # a host function
        if not isinstance(declared, T.FuncType):
            raise WasmtimeError(f"import `{name}` is not a function, but a host "
                                f"function was defined for it")
        fn = given.func
        if given.raw:
            return ComponentFunc(declared, fn, host_reps=True)
        store = frame.env.store
        return ComponentFunc(declared, lambda *args: fn(store, *args))
    if _is_host_resource(given):
        return _host_resource(frame, given)
    if hasattr(given, "module") and not isinstance(given, dict):   # a core module
        return given.module
    if isinstance(given, dict):
        if not isinstance(declared, TypeScope):
            raise WasmtimeError(f"import `{name}` is not an instance, but an instance "
                                f"was defined for it")
        plain = {k: (_host_resource(frame, v) if _is_host_resource(v) else v)
                 for k, v in given.items()}
        types = _scope_exports(declared, plain)
        out = {}
        for export, t in types.items():
            item = given.get(export)
            if item is None and not isinstance(t, (T.ResourceType, T.ValType)):
                raise WasmtimeError(
                    f"component imports instance `{name}`, but a matching implementation "
                    f"was not found in the linker: instance export `{export}` has the "
                    f"wrong type: missing")
            if isinstance(t, (T.ResourceType, T.ValType)):    # a type export
                out[export] = t
            elif isinstance(t, T.FuncType):
                out[export] = adapt_given(frame, t, item, f"{name}#{export}")
            elif isinstance(t, TypeScope):
                out[export] = adapt_given(frame, t, item, f"{name}#{export}")
            else:
                out[export] = item
        return out
    return given                  # an item of another frame (nested instantiation)
