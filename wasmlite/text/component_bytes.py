"""The component binary as a tree of parts, written out once all names are known.

The component text format lets a name be used before the definition that binds
it, and a definition's index depends on the aliases the parser inserts before
it; so the parser builds each item as a tree of parts and only ``flatten``
turns it into bytes, when every scope's index spaces are complete:

  ``bytes``   written as they are
  ``int``     a u32 (unsigned LEB128)
  ``Ref``     an index looked up by name in a scope at the end (unsigned, or
              signed 33-bit where the binary reads a value type)
  ``Sized``   its parts, preceded by their length in bytes (sections, nested
              modules and components)
  ``list``    its parts in order
"""
from __future__ import annotations

from typing import Optional

from ..binary.leb128 import write_signed, write_unsigned

# The sorts of the component model with their binary codes (Binary.md: sort
# and core:sort); the keys are the index spaces' names used everywhere here.
SORT_BYTES = {
    "core func": b"\x00\x00", "core table": b"\x00\x01", "core memory": b"\x00\x02",
    "core global": b"\x00\x03", "core tag": b"\x00\x04", "core type": b"\x00\x10",
    "core module": b"\x00\x11", "core instance": b"\x00\x12",
    "func": b"\x01", "value": b"\x02", "type": b"\x03", "component": b"\x04",
    "instance": b"\x05",
}
NAMESPACES = tuple(SORT_BYTES)


class Ref:
    """An index named ``key`` in ``space`` of ``scope``, resolved by flatten.

    ``key`` is an identifier (``$x``) or, for an alias the parser inserted,
    an object of its own. ``at`` is the token index for the error message."""

    __slots__ = ("scope", "space", "key", "at", "signed")

    def __init__(self, scope, space: str, key: object, at: int, signed: bool = False) -> None:
        self.scope = scope
        self.space = space
        self.key = key
        self.at = at
        self.signed = signed


class Sized:
    """Parts written with their byte length before them."""

    __slots__ = ("parts",)

    def __init__(self, parts) -> None:
        self.parts = parts


class UnresolvedName(Exception):
    """A ``Ref`` whose name no definition binds (the parser adds the position)."""

    def __init__(self, ref: Ref) -> None:
        super().__init__(ref.key)
        self.ref = ref


def s33(value: int) -> bytes:
    """A type index where the binary reads a value type (signed LEB128)."""
    return write_signed(value)


def name_bytes(name: str) -> bytes:
    raw = name.encode("utf-8")
    return write_unsigned(len(raw)) + raw


def flatten(node, out: Optional[bytearray] = None) -> bytearray:
    """Write ``node`` into ``out`` (a new bytearray if None) and return it."""
    if out is None:
        out = bytearray()
    stack = [node]
    # iterative, in order: nested types and components can be deep
    while stack:
        n = stack.pop()
        if isinstance(n, (bytes, bytearray)):
            out += n
        elif isinstance(n, int):
            out += write_unsigned(n)
        elif isinstance(n, list):
            stack.extend(reversed(n))
        elif isinstance(n, Ref):
            idx = n.scope.names[n.space].get(n.key)
            if idx is None:
                raise UnresolvedName(n)
            out += write_signed(idx) if n.signed else write_unsigned(idx)
        elif isinstance(n, Sized):
            body = flatten(n.parts)
            out += write_unsigned(len(body))
            out += body
        else:  # pragma: no cover - a parser bug, not an input error
            raise TypeError(f"not a part of a component binary: {n!r}")
    return out
