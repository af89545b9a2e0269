"""Where compiled code's calls return to: the table a trap's backtrace reads.

translate.py puts an ``llvm.experimental.stackmap`` (no live values, no
code) just before every call a wasm function makes, with an ID naming the
function and the call instruction (``translate.backtrace_id``). LLVM writes
the offset of that point from the function's start into the object's
``.llvm_stackmaps`` section; ``read_object`` reads it, and the functions'
sizes from the symbol table, from the ELF object bytes. Once a library is
linked, ``register`` ties those offsets to the functions' addresses,
process-wide, and ``lookup`` maps a return address found by the trap
routine's stack walk (memory.py) to the last stack map before it in the
function that holds it: (module, function index, wasm byte offset). Nothing
of this runs unless a trap happens, except the parse at link time.
"""
from __future__ import annotations

import bisect
import collections
import struct
import threading
import weakref
from typing import Any, Iterable, Optional

_SECTION = b".llvm_stackmaps"
_SHT_SYMTAB = 2


def read_object(obj: bytes) -> tuple[list[tuple[int, int]], dict[str, int]]:
    """``([(id, offset in its function)], {function symbol: size})`` of an
    ELF64 little-endian object: its stack maps and the sizes of its
    functions (empty for anything else)."""
    if obj[:4] != b"\x7fELF" or len(obj) < 64:
        return [], {}
    shoff, = struct.unpack_from("<Q", obj, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", obj, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", obj, shoff + i * shentsize)
                for i in range(shnum)]

    def name_at(table: int, at: int) -> bytes:
        off = sections[table][4] + at
        return obj[off:obj.index(b"\0", off)]
    records: list[tuple[int, int]] = []
    sizes: dict[str, int] = {}
    for sh in sections:
        name, kind, _f, _a, off, size, link, _i, _al, entsize = sh
        if name_at(shstrndx, name) == _SECTION:
            records = _parse(obj[off:off + size])
        elif kind == _SHT_SYMTAB and entsize:
            for pos in range(off, off + size, entsize):
                st_name, info, _o, _sh, _v, st_size = struct.unpack_from("<IBBHQQ", obj, pos)
                if info & 0xF == 2 and st_size:      # STT_FUNC
                    sizes[name_at(link, st_name).decode("latin-1")] = st_size
    return records, sizes


def _parse(data: bytes) -> list[tuple[int, int]]:
    """LLVM's stack map format, version 3."""
    if not data or data[0] != 3:
        return []
    nfuncs, nconsts, nrecords = struct.unpack_from("<III", data, 4)
    pos = 16 + 24 * nfuncs + 8 * nconsts
    out = []
    for _ in range(nrecords):
        rid, offset, _r, nlocs = struct.unpack_from("<qIHH", data, pos)
        pos += 16 + 12 * nlocs
        pos = (pos + 7) & ~7
        _pad, nlive = struct.unpack_from("<HH", data, pos)
        pos += 4 + 4 * nlive
        pos = (pos + 7) & ~7
        out.append((rid, offset))
    return out


class _Function:
    __slots__ = ("module", "func_index", "size", "native", "wasm")

    def __init__(self, module: Any, func_index: int, size: int,
                 sites: list[tuple[int, int]]) -> None:
        self.module = module
        self.func_index = func_index
        self.size = size
        sites.sort()
        self.native = [n for n, _w in sites]
        self.wasm = [w for _n, w in sites]


_lock = threading.Lock()
_starts: list[int] = []
_functions: dict[int, _Function] = {}
# libraries collected, whose functions are still to be forgotten: their
# finalizers only append here (a finalizer may run inside ``register``,
# whose allocations can start a collection while it holds _lock; taking
# _lock there deadlocked). Drained under _lock before every use.
_collected: collections.deque = collections.deque()


def register(library: Any, module: Any, starts: dict[tuple[int, bool], int]) -> None:
    """Make ``library``'s call sites known: ``starts[(func_index, osr)]`` is
    the address of that function (or of its OSR entry) in the library;
    ``library.callsites`` holds the stack maps and ``library.func_sizes``
    the functions' sizes. Forgotten when the library is collected."""
    from .translate import split_backtrace_id
    by_func: dict[tuple[int, bool], list[tuple[int, int]]] = {}
    sizes = getattr(library, "func_sizes", {})
    for rid, offset in getattr(library, "callsites", ()):
        index, wasm, osr = split_backtrace_id(rid)
        by_func.setdefault((index, osr), []).append((offset, wasm))
    added = []
    with _lock:
        _drain()
        for key, sites in by_func.items():
            start = starts.get(key)
            size = sizes.get(f"f{key[0]}" + (".osr" if key[1] else ""))
            if not start or not size or start in _functions:
                continue
            _functions[start] = _Function(module, key[0], size, sites)
            bisect.insort(_starts, start)
            added.append(start)
    if added:
        weakref.finalize(library, _forget, added)


def _forget(starts: Iterable[int]) -> None:
    _collected.append(starts)


def _drain() -> None:
    """Forget the functions of collected libraries (call with _lock held)."""
    while _collected:
        for s in _collected.popleft():
            if _functions.pop(s, None) is not None:
                i = bisect.bisect_left(_starts, s)
                if i < len(_starts) and _starts[i] == s:
                    del _starts[i]


def lookup(ret: int) -> Optional[tuple[Any, int, int]]:
    """(syntax module, function index, wasm offset of the call) of the call
    that returns to address ``ret``, or None if it is in no wasm function."""
    with _lock:
        _drain()
        i = bisect.bisect_right(_starts, ret) - 1
        if i < 0:
            return None
        start = _starts[i]
        fn = _functions[start]
    rel = ret - start
    if rel >= fn.size:
        return None
    # strictly before: the next call's stack map may sit at this very address
    j = bisect.bisect_left(fn.native, rel) - 1
    if j < 0:
        return None
    return fn.module, fn.func_index, fn.wasm[j]
