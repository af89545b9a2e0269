"""The WASI 0.2 host as the component linker sees it.

``wasip2_interfaces(ctx)`` gives, for each interface (named without its
version: ``wasi:io/streams``), a ``HostInterface``: its functions bound to
the context, keyed by their component-level names
(``get-arguments``, ``[method]output-stream.write``), and its resource
types, keyed by WIT name: those it defines and those it ``use``s (the
same ``ResourceType`` object in every interface that names it). Every
function's docstring gives its WIT signature; the function types
themselves are the component's (the linker resolves them from its
imports). ``interface_key`` maps an import name such as
``wasi:io/streams@0.2.12`` to these keys: any 0.2.x is accepted, as
Wasmtime accepts it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..syntax.component_types import ResourceType
from . import funcs_cli, funcs_clocks, funcs_filesystem, funcs_io, funcs_random, funcs_sockets
from .context import Wasi2Context
from .resources import RESOURCE_NAMES

__all__ = ["HostInterface", "wasip2_interfaces", "interface_key", "INTERFACE_NAMES"]

_MODULES = (funcs_io, funcs_cli, funcs_clocks, funcs_random, funcs_filesystem, funcs_sockets)

IMPLEMENTATIONS: dict[str, dict[str, Callable]] = {}
USES: dict[str, tuple[str, ...]] = {}
for _module in _MODULES:
    IMPLEMENTATIONS.update(_module.INTERFACES)
    USES.update(_module.USES)
INTERFACE_NAMES = tuple(IMPLEMENTATIONS)


@dataclass
class HostInterface:
    """One WASI interface's host side."""
    name: str
    funcs: dict[str, Callable] = field(default_factory=dict)
    resources: dict[str, ResourceType] = field(default_factory=dict)


def _bind(impl: Callable, ctx: Wasi2Context) -> Callable:
    """``impl`` with the context given: called with the WIT parameters."""
    def host_function(*args):
        return impl(ctx, *args)
    host_function.__name__ = impl.__name__
    host_function.__qualname__ = impl.__qualname__
    host_function.__doc__ = impl.__doc__
    host_function.__module__ = impl.__module__
    return host_function


def wasip2_interfaces(ctx: Wasi2Context) -> dict[str, HostInterface]:
    """Every WASI 0.2 interface this host implements, bound to ``ctx``."""
    if not isinstance(ctx, Wasi2Context):
        raise TypeError(f"expected a Wasi2Context, got {type(ctx).__name__}")
    out = {}
    for name, impls in IMPLEMENTATIONS.items():
        names = RESOURCE_NAMES.get(name, ()) + USES.get(name, ())
        out[name] = HostInterface(
            name, {fname: _bind(impl, ctx) for fname, impl in impls.items()},
            {r: ctx.types[r] for r in names})
    return out


_VERSIONED = re.compile(r"^(wasi:[a-z][a-z0-9-]*/[a-z][a-z0-9-]*)(?:@(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?)?$")


def interface_key(import_name: str) -> Optional[str]:
    """The key of ``import_name`` (``wasi:cli/stdout@0.2.3``) in
    ``wasip2_interfaces``' result, or None if this host does not provide
    it (an interface it lacks, or a version other than 0.2.x)."""
    m = _VERSIONED.match(import_name) if isinstance(import_name, str) else None
    if m is None:
        return None
    name, major, minor = m.group(1), m.group(2), m.group(3)
    if major is not None and (major, minor) != ("0", "2"):
        return None
    return name if name in IMPLEMENTATIONS else None
