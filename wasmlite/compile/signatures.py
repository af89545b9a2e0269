"""Engine-wide signature indices.

``call_indirect`` compares the signature index stored in a VMFuncRef with the
index of the expected type, so every module and host function of one engine
must draw its indices from the same registry. The registry is passed to whoever
needs it (compiler, runtime); it is not a global.
"""
from __future__ import annotations

import threading

from ..syntax.types import FuncType, is_subtype


class SignatureRegistry:
    """Maps canonical types (``syntax.types.canonical_types``: structurally
    equal plain FuncTypes, or Wasm GC's interned DefTypes) to one small int
    index (>= 1, so that 0 never names a signature)."""

    def __init__(self) -> None:
        self._index: dict[FuncType, int] = {}
        self._types: list[FuncType] = []
        self._lock = threading.Lock()

    def register(self, ft: FuncType) -> int:
        """Index of ``ft``, assigning a new one the first time it is seen."""
        idx = self._index.get(ft)
        if idx is not None:
            return idx
        with self._lock:
            idx = self._index.get(ft)
            if idx is None:
                self._types.append(ft)
                idx = len(self._types)
                self._index[ft] = idx
            return idx

    __getitem__ = register

    def lookup(self, index: int) -> FuncType:
        """The FuncType registered under ``index``."""
        if not 1 <= index <= len(self._types):
            raise KeyError(index)
        return self._types[index - 1]

    def is_subtype(self, sub: int, sup: int) -> bool:
        """The type registered under ``sub`` is a subtype of the one under
        ``sup`` (Wasm GC: declared supertypes; equal indices always are):
        what call_indirect of a non-final type and ref.cast need beyond
        comparing indices."""
        return sub == sup or is_subtype(self.lookup(sub), self.lookup(sup))

    def __len__(self) -> int:
        return len(self._types)

    def __contains__(self, ft: object) -> bool:
        return ft in self._index
