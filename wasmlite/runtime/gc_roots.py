"""Where a store's GC roots are (the collector: runtime/gc_collect.py).

Exact places: globals, tables and element segments not yet dropped of
every instance (and those the host made), the exception in flight and the
exception objects (exnrefs) the store holds. Conservative ones: while wasm
of the store runs on this thread (the collection then starts inside a
builtin or a host function), every word of the native stack from here up to
the outermost entry trampoline's frame, and the registers. That range holds
the frames of both tiers (the interpreter's value slots live in its native
frames) and whatever callee-saved registers wasm had when it called out.

Every word is only a candidate: the collector keeps an object when a word
points into it, and ignores the rest.
"""
from __future__ import annotations

import ctypes
import os
from typing import Iterator

from ..compile import vmcontext as vm
from .memory import _libc

_MACHINE = os.uname().machine
_getcontext = getattr(_libc, "getcontext", None)
if _getcontext is not None:
    _getcontext.restype = ctypes.c_int
    _getcontext.argtypes = [ctypes.c_void_p]

# where getcontext() puts the stack pointer in a ucontext_t (glibc):
# x86-64: uc_mcontext.gregs[REG_RSP] (gregs at 40, REG_RSP = 15);
# aarch64: uc_mcontext.sp (mcontext at 176: fault_address, regs[31], sp)
_SP_OFFSET = {"x86_64": 40 + 15 * 8, "aarch64": 176 + 8 + 31 * 8}.get(_MACHINE)
_UCONTEXT_BYTES = 4096          # more than either ucontext_t


def _u64(address: int) -> int:
    return ctypes.c_uint64.from_address(address).value


def _outermost_entry_fp(limits: int) -> int:
    """The frame of the outermost active entry trampoline (0: none is)."""
    jb = _u64(limits + vm.LIMITS_JMPBUF)
    top = 0
    while jb:
        act = jb + vm.JMPBUF_ACT
        top = max(top, _u64(act + vm.ACT_ENTRY_FP))
        jb = _u64(act + vm.ACT_PREV)
    return top


class StackScan:
    """The registers (as getcontext saved them) and the native stack range
    of this thread's wasm activations: ``ranges`` of (address, words) for
    the collector to read in place. Keep the object until the scan is done
    (it owns the register buffer)."""

    def __init__(self, limits: int) -> None:
        self.ranges: list[tuple[int, int]] = []
        top = _outermost_entry_fp(limits)
        if not top:
            return
        if _getcontext is None or _SP_OFFSET is None:
            raise RuntimeError(f"the GC cannot scan the stack on {_MACHINE}")
        self._ctx = ctx = (ctypes.c_uint64 * (_UCONTEXT_BYTES // 8))()
        if _getcontext(ctx) != 0:
            raise RuntimeError("getcontext failed: the GC cannot scan the stack")
        sp = ctx[_SP_OFFSET // 8] & ~7
        if not 0 < sp < top or top - sp > 1 << 30:
            raise RuntimeError("the GC found no sane stack range to scan")
        end = top + 16                   # the entry's saved frame pointer and return
        self.ranges = [(ctypes.addressof(ctx), len(ctx)), (sp, (end - sp) // 8)]


def _wasm_ref(t) -> bool:
    """Whether values of type ``t`` may hold a GC reference or a store
    handle (plain funcref tables are skipped: their words are code
    records)."""
    return t.is_ref and not (type(t.heap) is str and t.top.heap == "func")


def store_roots(rt) -> Iterator[int]:
    """Every candidate root word of RuntimeStore ``rt`` but the stack's
    (StackScan)."""
    from .externref_gc import tables_and_globals
    tables, globals_, segments = tables_and_globals(rt, _wasm_ref)
    for array, length in segments:
        yield from array[:length]
    for g in globals_:
        yield g.get()
    for t in tables:
        yield from t._array[:t.size]
    yield from rt.exceptions.root_words()
    for obj in rt._extern_objects:
        values = getattr(obj, "values", None) if type(obj).__name__ == "Exn" else None
        if values:
            yield from (v & ((1 << 64) - 1) for v in values)
