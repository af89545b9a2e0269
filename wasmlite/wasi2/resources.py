"""The WASI 0.2 resource types and the base of their representations.

A handle the guest holds is, on the host side, a Python object (its
*rep*) of a ``HostResource`` subclass; the canonical ABI gives the
implementations that object for ``own``/``borrow`` parameters and takes a
returned one as the rep of a new handle. When the guest drops the handle,
the type's destructor calls ``rep.drop()``.

Some reps are *children* of another (a stream's pollable, a socket's
streams): as in Wasmtime, dropping a parent while a child lives traps
("resource has children").
"""
from __future__ import annotations

from typing import Any, Optional

from ..errors import WasmtimeError
from ..syntax.component_types import ResourceType

__all__ = ["HostResource", "ResourceTypes", "RESOURCE_NAMES"]


class HostResource:
    """Base of every rep. ``parent``, if given, is kept alive (and may not
    be dropped) until this one is dropped."""

    __slots__ = ("_children", "_parent", "dropped")

    def __init__(self, parent: Optional["HostResource"] = None) -> None:
        self._children = 0
        self._parent = parent
        self.dropped = False
        if parent is not None:
            parent._children += 1

    def drop(self) -> None:
        """The guest dropped its handle: release what this rep holds."""
        if self.dropped:
            return
        if self._children:
            raise WasmtimeError("resource has children")
        self.dropped = True
        parent, self._parent = self._parent, None
        if parent is not None:
            parent._children -= 1
        self._release()

    def _release(self) -> None:
        """Free host state (subclasses override)."""


def _drop(rep: Any) -> None:
    """The destructor of every WASI resource type."""
    if not isinstance(rep, HostResource):
        raise WasmtimeError(f"not a WASI resource: {type(rep).__name__}")
    rep.drop()


# interface -> the resource types it defines
RESOURCE_NAMES: dict[str, tuple[str, ...]] = {
    "wasi:io/error": ("error",),
    "wasi:io/poll": ("pollable",),
    "wasi:io/streams": ("input-stream", "output-stream"),
    "wasi:cli/terminal-input": ("terminal-input",),
    "wasi:cli/terminal-output": ("terminal-output",),
    "wasi:filesystem/types": ("descriptor", "directory-entry-stream"),
    "wasi:sockets/network": ("network",),
    "wasi:sockets/ip-name-lookup": ("resolve-address-stream",),
    "wasi:sockets/tcp": ("tcp-socket",),
    "wasi:sockets/udp": ("udp-socket", "incoming-datagram-stream", "outgoing-datagram-stream"),
}


class ResourceTypes:
    """One ``ResourceType`` per WASI resource, made once per context: the
    same object wherever an interface defines or ``use``s the type."""

    def __init__(self) -> None:
        self.by_name: dict[str, ResourceType] = {}
        for names in RESOURCE_NAMES.values():
            for name in names:
                self.by_name[name] = ResourceType(name, dtor=_drop)

    def __getitem__(self, name: str) -> ResourceType:
        return self.by_name[name]
