"""What Python holds for a Wasm GC value that has no Python form of its own
(compile/gc_values.py has the encoding): an i31 or another any value that
reached Python inside an externref (``extern.convert_any``), or an anyref /
eqref / i31ref result. It keeps the raw bits, so giving it back to wasm
gives back the same reference (heap objects will need it kept alive too)."""
from __future__ import annotations

from typing import Optional


class GcRef:
    """A reference of the ``any`` hierarchy held by Python."""

    __slots__ = ("bits",)

    def __init__(self, bits: int) -> None:
        self.bits = bits

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
