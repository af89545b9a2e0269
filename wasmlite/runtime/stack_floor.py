"""The main thread's stack floor, computed the way the entry trampoline
computes it (compile/trampolines.py), without ``pthread_getattr_np``.

The trampoline caches, per store and thread, the lowest address wasm may
reach on the calling thread: the bottom of its stack plus a margin. For
the process's initial thread glibc's ``pthread_getattr_np`` finds that
bottom by reading all of /proc/self/maps (~0.3 ms at a store's first call,
the kernel writing a line per mapping), then takes ``RLIMIT_STACK`` below
the top of the mapping that holds ``__libc_stack_end``. That top is also
where the kernel put the program's file name (``AT_EXECFN``) when it set
the stack up: the name, its NUL and one null pointer end exactly there. So
a store made on the main thread gets the same numbers from
``getauxval``, ``__libc_stack_end`` and ``getrlimit`` (~20 µs), written into
its limits block before any entry; a store first entered on another thread
still asks glibc. Where a step does not hold exactly (not glibc on x86-64
Linux, the name not ending at a page boundary, an unlimited or very large
RLIMIT_STACK, under which glibc also trims the size to the mapping below
the stack), nothing is written and the trampoline asks glibc as before.
tests/test_interp_load.py checks the numbers against ``pthread_getattr_np``.
"""
from __future__ import annotations

import ctypes
import os
import sys
import threading
from typing import Optional

from ..compile import vmcontext as vm

_AT_EXECFN = 31
_RLIMIT_STACK = 3          # Linux, every architecture
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
# below this the kernel keeps every mapping it places itself out of the
# stack's reach (mmap_base sits at least 128 MiB below the stack's top)
_MAX_RLIMIT = 64 << 20
_cache: dict = {}


def main_thread_floor() -> Optional[tuple[int, int]]:
    """(pthread_self(), floor) for the calling thread if it is the main
    thread and the floor is known exactly, else None."""
    if threading.current_thread() is not threading.main_thread() or \
            not sys.platform.startswith("linux"):
        return None
    try:
        from ..compile.loader import _c_library
        libc = _c_library()
        # getrlimit through ctypes: the resource module is a shared library
        # to load (~0.2 ms)
        limit = (ctypes.c_uint64 * 2)()
        if libc.getrlimit(_RLIMIT_STACK, limit) != 0:
            return None
    except Exception:  # noqa: BLE001 - no libc, not Linux: the trampoline asks
        return None
    soft = limit[0]
    if not 0 < soft <= _MAX_RLIMIT:          # (RLIM_INFINITY is ~0)
        return None
    found = _cache.get(soft)
    if found is None:
        found = _cache[soft] = _compute(soft) or (0, 0)
    return found if found[0] else None


def _compute(soft: int) -> Optional[tuple[int, int]]:
    try:
        from ..compile.loader import _c_library
        libc = _c_library()
        libc.getauxval.restype = ctypes.c_ulong
        libc.getauxval.argtypes = [ctypes.c_ulong]
        libc.pthread_self.restype = ctypes.c_ulong
        execfn = libc.getauxval(_AT_EXECFN)
        stack_end = ctypes.c_void_p.in_dll(libc, "__libc_stack_end").value or 0
        if not execfn or not stack_end:
            return None
        top = execfn + len(ctypes.string_at(execfn)) + 1 + 8
        if top % _PAGE or not stack_end < top <= stack_end + soft:
            return None
        # glibc's pthread_getattr_np for the initial thread, step by step
        stackaddr = (stack_end & -_PAGE) + _PAGE
        size = (soft - (top - stackaddr)) & -_PAGE
        if size <= 0:
            return None
        lo = stackaddr - size
        margin = min(size >> 2, vm.STACK_FLOOR_MARGIN)     # as the trampoline
        return libc.pthread_self(), lo + margin
    except Exception:  # noqa: BLE001 - a symbol missing (not glibc): the trampoline asks
        return None


def prefill(limits_address: int) -> None:
    """Write the main thread's floor into a new store's limits block (when
    called on the main thread and the floor is known)."""
    found = main_thread_floor()
    if found is not None:
        thread, floor = found
        ctypes.c_uint64.from_address(limits_address + vm.LIMITS_STACK_FLOOR).value = floor
        ctypes.c_uint64.from_address(limits_address + vm.LIMITS_STACK_THREAD).value = thread
