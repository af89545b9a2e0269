"""What the host gives for a component import, made a frame's item: a
host function becomes a ``ComponentFunc`` of the import's declared type, a
host instance a dict of such, a host resource its ``ResourceType``.

The host's definitions are duck-typed here (``func``/``raw``, ``ty``,
``module`` attributes: the API's ``HostFuncDef``, ``HostResourceDef``,
``HostModuleDef``), since runtime/ does not import the API.

A definition that does not fit raises ``ImportMismatch`` with Wasmtime's
chain of causes (``instance export `x` has the wrong type``, then ``function
implementation is missing`` or ``expected function found resource``);
instantiation words the whole error as Wasmtime does.
"""
from __future__ import annotations

from typing import Any, List, Optional

from ..syntax import component as C
from ..syntax import component_types as T


class ImportMismatch(Exception):
    """Why a definition does not fit an import: the causes, outermost first."""

    def __init__(self, *causes: str) -> None:
        super().__init__(causes[-1] if causes else "")
        self.causes: List[str] = list(causes)


def _is_host_func(given: Any) -> bool:
    return hasattr(given, "raw") and hasattr(given, "func")


def _is_host_resource(given: Any) -> bool:
    return hasattr(given, "ty") and hasattr(given, "dtor")


def _is_host_module(given: Any) -> bool:
    return hasattr(given, "module") and not isinstance(given, dict)


def found_kind(given: Any) -> str:
    """What a definition is, in Wasmtime's words (``expected ... found X``)."""
    from .component_instance import ComponentFunc
    if _is_host_func(given) or isinstance(given, ComponentFunc):
        return "func"
    if _is_host_resource(given) or isinstance(given, T.ResourceType):
        return "resource"
    if isinstance(given, dict):
        return "instance"
    if _is_host_module(given):
        return "module"
    return type(given).__name__


def expected_kind(declared: Any) -> str:
    """What an import (or an instance's export) of type ``declared`` is."""
    from .component_instance import TypeScope
    if isinstance(declared, T.FuncType):
        return "function"
    if isinstance(declared, TypeScope):
        return ("instance" if isinstance(declared.definition, C.InstanceTypeDef)
                else "component")
    if declared is None or isinstance(declared, T.ResourceType):
        return "resource"
    return "module"


def _host_resource(frame: Any, given: Any) -> T.ResourceType:
    """The resource type of a host resource definition; its destructor
    (``dtor(store, rep)``, as wasmtime-py calls it) is what the instances of
    this instantiation run when they drop an owned handle of the type."""
    if given.dtor is not None:
        dtor, store = given.dtor, frame.env.store
        frame.env.host_dtors[given.ty] = lambda rep: dtor(store, rep)
    return given.ty


def adapt_given(frame: Any, declared: Optional[Any], given: Any, name: str) -> Any:
    """``given`` as the item an import of type ``declared`` holds
    (``declared`` None: a ``(sub resource)`` import)."""
    from .component_instance import ComponentFunc
    expected = expected_kind(declared)
    found = found_kind(given)
    if found not in ("func", "resource", "instance", "module"):
        return given              # an item of another frame (nested instantiation)
    if (expected, found) not in (("function", "func"), ("resource", "resource"),
                                 ("instance", "instance"), ("module", "module")):
        raise ImportMismatch(f"expected {expected} found {found}")
    if _is_host_func(given):
        _check_host_type(getattr(given, "type", None), declared)
        fn = given.func
        if given.raw:
            return ComponentFunc(declared, fn, host_reps=True)
        store = frame.env.store
        return ComponentFunc(declared, lambda *args: fn(store, *args))
    if _is_host_resource(given):
        return _host_resource(frame, given)
    if _is_host_module(given):
        return given.module
    if isinstance(given, dict):
        return _adapt_instance(frame, declared, given, name)
    return given


def _check_host_type(host: Optional[T.FuncType], declared: T.FuncType) -> None:
    """A host function of a declared type links only to an import of that
    type (parameter names aside), with Wasmtime's causes when it does not."""
    if host is None:
        return
    for what, have, want in (("parameters", [t for _, t in host.params],
                              [t for _, t in declared.params]),
                             ("results", [] if host.result is None else [host.result],
                              [] if declared.result is None else [declared.result])):
        if have == want:
            continue
        if len(have) != len(want):
            detail = f"expected {len(have)}-tuple, found {len(want)}-tuple"
        else:
            h, w = next((h, w) for h, w in zip(have, want) if h != w)
            detail = f"expected `{h!r}` found `{w!r}`"
        raise ImportMismatch(f"type mismatch with {what}", detail)


def _adapt_instance(frame: Any, declared: Any, given: dict, name: str) -> dict:
    """A dict of definitions as an instance of type ``declared``: each
    export adapted; a missing function or ``(sub resource)`` is a mismatch
    (a missing nested instance is an empty one; value type exports need
    nothing)."""
    from .component_instance import TypeScope, _scope_exports
    plain = {k: (_host_resource(frame, v) if _is_host_resource(v) else v)
             for k, v in given.items()}
    missing: List[str] = []
    types = _scope_exports(declared, plain, missing)
    out = {}
    for export, t in types.items():
        item = given.get(export)
        try:
            if export in missing:
                raise ImportMismatch("resource implementation is missing" if item is None
                                     else f"expected resource found {found_kind(item)}")
            if isinstance(t, (T.ResourceType, T.ValType)):    # a type export
                out[export] = t
            elif isinstance(t, T.FuncType):
                if item is None:
                    raise ImportMismatch("function implementation is missing")
                out[export] = adapt_given(frame, t, item, f"{name}#{export}")
            elif isinstance(t, TypeScope):
                out[export] = adapt_given(frame, t, {} if item is None else item,
                                          f"{name}#{export}")
            elif _is_host_module(item):      # a core module the linker defines
                out[export] = item.module
            else:
                out[export] = item
        except ImportMismatch as e:
            raise ImportMismatch(f"instance export `{export}` has the wrong type",
                                 *e.causes) from None
    return out
