"""Linear memory as the canonical ABI reads and writes it: one memoryview
over the memory's current bytes, and the guest's ``realloc``.

The view is a plain ``memoryview`` (format ``B``) over the memory's mapped
bytes, so loads and stores are ``struct.unpack_from`` / slice assignments
into it, bounds-checked by the view itself: nothing outside the memory is
ever touched. A memory's base never moves (runtime/memory.py reserves its
whole range up front) and it only grows, so the view stays valid and only
needs remaking, longer, after wasm code ran (``refresh``, a length compare
when nothing changed).

This reads the runtime memory behind the API ``Memory`` (``Memory._memory``:
``base``, ``pages``, ``page_log2``), and calls ``realloc`` through the API
``Func``'s bound runner (``Func._run(store, args)``: one Python frame less
than ``Func.__call__`` per call); both are wasmlite-internal accessors, used
because this runs on every component call.
"""
from __future__ import annotations

import ctypes
from typing import Any, Callable

from .component_trap import abi_trap

_M32 = 0xFFFFFFFF


class MemoryView:
    """``mv``: a memoryview over the whole current memory."""
    __slots__ = ("_rm", "_len", "mv")

    def __init__(self, memory: Any) -> None:
        # an API Memory, or the runtime memory itself
        self._rm = getattr(memory, "_memory", memory)
        self._len = -1
        self.mv = memoryview(b"")
        self.refresh()

    def refresh(self) -> memoryview:
        """The view, remade if the memory grew since the last call."""
        rm = self._rm
        n = rm.pages << rm.page_log2
        if n != self._len:
            self.mv = memoryview((ctypes.c_ubyte * n).from_address(rm.base)).cast("B")
            self._len = n
        return self.mv


def func_runner(func: Any) -> Callable:
    """``run(store, args_tuple)`` for a wasmlite Func: its bound runner when
    it has one, else its ``__call__``."""
    run = getattr(func, "_run", None)
    if run is not None:
        return run
    return lambda store, args: func(store, *args)


def make_realloc(store: Any, func: Any, view: MemoryView) -> Callable[[int, int, int, int], int]:
    """``realloc(old, old_size, align, new_size) -> ptr``: calls the guest's
    ``realloc`` and checks what it returns (aligned, and ``new_size`` bytes
    inside the memory), in Wasmtime's words."""
    run = func_runner(func)

    def realloc(old: int, old_size: int, align: int, new_size: int) -> int:
        ptr = run(store, (old, old_size, align, new_size)) & _M32
        if ptr & (align - 1):
            raise abi_trap("realloc return: result not aligned")
        # within the length the view has: in bounds (a memory only grows),
        # and the view reaches it; past it, the memory may have grown
        if ptr + new_size > view._len and ptr + new_size > len(view.refresh()):
            raise abi_trap("realloc return: beyond end of memory")
        return ptr
    return realloc


def no_realloc(old: int, old_size: int, align: int, new_size: int) -> int:
    raise abi_trap("the canonical option `realloc` is required to pass this value")


def no_memory() -> Any:
    raise abi_trap("the canonical option `memory` is required to pass this value")
