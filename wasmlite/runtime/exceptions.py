"""Tags and exceptions at run time (the native side: compile/exceptions.py).

A tag instance is a few bytes of native memory whose address is its
identity: a VMContext holds that address for each of its tags (imports: the
exporter's), and a catch compares addresses. An exception in flight lives in
the store's VMRuntimeLimits (tag identity, exnref handle or 0, a payload
buffer of 16-byte slots). It becomes a Python object (``Exn``) only when
something needs one: an exnref (catch_ref, legacy rethrow: a store handle,
as externrefs are), or the embedder, when no handler of the activation
caught it: then Python sees ``ThrownException``, a Trap carrying it, and a
host function that lets that exception through throws it on into the wasm
that called it.
"""
from __future__ import annotations

import ctypes
from typing import Any, Optional

from ..compile import vmcontext as vm
from ..errors import Trap
from ..syntax.types import V128

_MASK64 = (1 << 64) - 1
# the payload buffer's first size, in slots; it grows to the biggest tag
# a store instantiates
_FIRST_SLOTS = 16


class RuntimeTag:
    """A tag instance: its payload's types (a canonical FuncType, no results)
    and its identity, an address no other live tag has."""

    __slots__ = ("functype", "canonical", "_cell", "address", "__weakref__")

    def __init__(self, functype, canonical=None) -> None:
        # (given a Wasm GC DefType, its function type; ``canonical``, what
        # an import of a tag compares, is the DefType then)
        self.canonical = canonical or functype
        self.functype = getattr(functype, "composite", functype)
        self._cell = ctypes.c_uint64(0)
        self.address: int = ctypes.addressof(self._cell)

    def __repr__(self) -> str:
        return f"RuntimeTag({self.functype})"


class Exn:
    """An exception object: its tag and its payload as raw bits (i32s in
    the low 32 bits, v128 as one 128-bit int)."""

    __slots__ = ("tag", "values", "keep")

    def __init__(self, tag: RuntimeTag, values: list[int], keep: tuple = ()) -> None:
        self.tag = tag
        self.values = values
        # GcRefs of the payload's GC objects: pinned while the exception
        # object lives (Python may hold it, then throw it back into wasm)
        self.keep = keep

    def __repr__(self) -> str:
        return f"Exn({self.tag!r}, {self.values!r})"


# how the public API shows a tag and a payload (wasmlite/tag.py sets it):
# runtime code never imports the API
PUBLIC_VIEW: Any = None


class ThrownException(Trap):
    """A wasm exception no handler caught. Like Wasmtime's, it reads
    ``thrown Wasm exception`` (after the backtrace) and has no trap code.
    ``.tag`` (a Tag) and ``.values`` (the payload as Python values) say
    which; ``.exn`` is the runtime's exception object. Raised out of a host
    function, it is thrown on into the wasm that called it."""

    def __init__(self, exn: Exn, store: Any, frames: Optional[list] = None) -> None:
        super().__init__("thrown Wasm exception", None, frames)
        self.exn = exn
        self.store = store

    @property
    def tag(self) -> Any:
        return PUBLIC_VIEW.tag(self)

    @property
    def values(self) -> list:
        return PUBLIC_VIEW.values(self)


class ExceptionState:
    """A store's half of exception handling: its tags by identity, the
    payload buffer generated code writes, and the two builtins."""

    def __init__(self, limits_address: int) -> None:
        self._limits = limits_address
        self._tag_cell = ctypes.c_uint64.from_address(limits_address + vm.LIMITS_EXN_TAG)
        self._ref_cell = ctypes.c_uint64.from_address(limits_address + vm.LIMITS_EXN_REF)
        self._buf_cell = ctypes.c_uint64.from_address(limits_address + vm.LIMITS_EXN_VALUES)
        self.tags: dict[int, RuntimeTag] = {}      # identity -> tag (kept alive)
        self._buffer = None
        self._slots = 0
        self.ensure_slots(_FIRST_SLOTS)

    def ensure_slots(self, n: int) -> None:
        """Make the payload buffer hold ``n`` values (at instantiation: no
        exception is in flight between a throw and its landing then)."""
        if n <= self._slots:
            return
        buf = (ctypes.c_uint64 * (2 * n))()
        if self._buffer is not None:
            ctypes.memmove(buf, self._buffer, ctypes.sizeof(self._buffer))
        self._buffer, self._slots = buf, n
        self._buf_cell.value = ctypes.addressof(buf)

    def root_words(self) -> list[int]:
        """The payload buffer's words: GC roots while an exception is in
        flight (harmless stale candidates otherwise)."""
        return list(self._buffer) if self._tag_cell.value else []

    def register(self, tag: RuntimeTag) -> None:
        self.tags[tag.address] = tag
        self.ensure_slots(len(tag.functype.params))

    # -- the exception in flight --------------------------------------------

    def pending(self, store) -> Exn:
        """The exception in flight as an object (the one its exnref names,
        when it has one)."""
        ref = self._ref_cell.value
        if ref:
            exn = store.handle_to_extern(ref)
            if isinstance(exn, Exn):
                return exn
        tag = self.tags[self._tag_cell.value]
        buf, values, keep = self._buffer, [], []
        for i, t in enumerate(tag.functype.params):
            lo, hi = buf[2 * i], buf[2 * i + 1]
            if t is V128:
                values.append(lo | (hi << 64))
            elif t.size == 4:
                values.append(lo & 0xFFFFFFFF)
            else:
                values.append(lo)
                if t.is_ref and lo and t.top.heap in ("any", "extern"):
                    from .gc_values import GcRef
                    keep.append(GcRef(lo & ~(1 << 62), store.gc_heap))
        return Exn(tag, values, tuple(keep))

    def set_pending(self, store, exn: Exn, handle: int = 0) -> None:
        """Make ``exn`` the exception in flight (a throw from the host, a
        throw_ref)."""
        if exn.tag.address not in self.tags:
            self.register(exn.tag)
        buf = self._buffer
        for i, (t, v) in enumerate(zip(exn.tag.functype.params, exn.values)):
            buf[2 * i] = v & _MASK64
            buf[2 * i + 1] = (v >> 64) & _MASK64 if t is V128 else 0
        self._tag_cell.value = exn.tag.address
        self._ref_cell.value = handle

    # -- builtins (generated code calls them; they must never raise) --------

    def box(self, store) -> int:
        """``exn_box``: the exnref of the exception in flight."""
        ref = self._ref_cell.value
        if ref:
            return ref
        handle = store.extern_to_handle(self.pending(store))
        self._ref_cell.value = handle
        return handle

    def unbox(self, store, handle: int) -> None:
        """``exn_unbox``: make the exception exnref ``handle`` names the
        one in flight."""
        exn = store.handle_to_extern(handle)
        if not isinstance(exn, Exn):
            raise Trap(f"exnref handle {handle} names no exception")
        self.set_pending(store, exn, handle)


def thrown(store, frames: Optional[list] = None) -> ThrownException:
    """The Python exception for the exception in flight that left wasm."""
    return ThrownException(store.exceptions.pending(store), store, frames)
