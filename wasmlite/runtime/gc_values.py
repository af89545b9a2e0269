"""What Python holds for a Wasm GC value that has no Python form of its own
(compile/gc_values.py has the encoding): an i31, a struct or array of the
store's GC heap, or another any value, reached Python as an anyref / eqref /
structref... result or inside an externref (``extern.convert_any``). It
keeps the raw bits, so giving it back to wasm gives back the same
reference, and while it lives the object it names is a root of its heap
(runtime/gc_heap.py's pins): the collector neither frees nor reuses it."""
from __future__ import annotations

from typing import Any, Optional


class GcRef:
    """A reference of the ``any`` hierarchy held by Python."""

    __slots__ = ("bits", "_heap")

    def __init__(self, bits: int, heap: Any = None) -> None:
        self.bits = bits
        self._heap = None
        if heap is not None and not bits & 3 and heap.contains(bits):
            heap.pin(bits)
            self._heap = heap

    def __del__(self) -> None:
        heap = self._heap
        if heap is not None:
            self._heap = None
            heap.unpin(self.bits)

    def belongs_to(self, heap: Any) -> bool:
        """Whether wasm of ``heap``'s store may be given this reference: an
        object only if this GcRef came from that heap (one of another store,
        or one made up from bits, would be a wild pointer); an i31 or an
        externref made an anyref from anywhere."""
        if self.bits and not self.bits & 3:
            return self._heap is heap
        return True

    @property
    def i31(self) -> Optional[int]:
        """The i31's value (unsigned, 31 bits), or None for another reference."""
        return (self.bits >> 1) & 0x7FFFFFFF if self.bits & 1 else None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GcRef) and other.bits == self.bits

    def __hash__(self) -> int:
        return hash(self.bits)

    def __repr__(self) -> str:
        i = self.i31
        return f"GcRef(i31 {i})" if i is not None else f"GcRef(0x{self.bits:x})"
