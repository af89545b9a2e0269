"""Globals: a 16-byte cell holding the value's raw bits, little-endian.

Generated code reads and writes the cell through a pointer in the VMContext;
an instance that imports a global points at the exporter's cell, so both see
every write.
"""
from __future__ import annotations

import ctypes

from ..syntax.types import V128, GlobalType

_MASK64 = (1 << 64) - 1
_WIDTH_MASK = {4: (1 << 32) - 1, 8: _MASK64, 16: (1 << 128) - 1}


class Global:
    """One global cell (defined by an instance or created by the host)."""

    __slots__ = ("type", "_cell", "address", "_mask")

    def __init__(self, globaltype: GlobalType, value: int = 0) -> None:
        self.type = globaltype
        self._cell = (ctypes.c_uint64 * 2)()
        self.address: int = ctypes.addressof(self._cell)
        self._mask = _WIDTH_MASK[globaltype.valtype.size]
        self.set(value)

    def get(self) -> int:
        """The raw bits (unsigned) of the value."""
        cell = self._cell
        if self.type.valtype is V128:
            return cell[0] | (cell[1] << 64)
        return cell[0] & self._mask

    def set(self, value: int) -> None:
        bits = value & self._mask
        self._cell[0] = bits & _MASK64
        self._cell[1] = bits >> 64
