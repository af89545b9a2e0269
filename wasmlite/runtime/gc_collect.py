"""The GC heap's collector: non-moving mark-sweep. runtime/gc_heap.py owns
the heap and its allocation; gc_roots.py finds the roots; gc_native.py is
the native code that walks, marks and sweeps; this module drives one
collection and keeps the type table the native code reads.

Why this design:

* Non-moving, so that roots may be found conservatively. Compiled code
  keeps references in registers and LLVM-chosen stack slots, where no stack
  map says which word is one; the interpreter's value slots hold untyped
  words too. Any word of a wasm activation's native stack (or of a register
  when the collection starts) that points into an object keeps that object,
  which is sound as long as objects never move. A copying collector (what
  Wasmtime's default, a Cheney semi-space one, is) would need exact stack
  maps in every tier, and LLVM's statepoints would cost every call site.
* Objects inside the heap are traced exactly: the type table says which
  fields hold references. Only the stack is conservative, so a stale word
  there keeps at most what it points into.
* Sweeping coalesces dead runs into free blocks (a header of type index 0
  and the block's size); the allocator reuses the big ones as areas to bump
  in, so generated code's inline allocation stays a bump.
* Native: a collection touches every object; in Python it cost ~1 us an
  object (a 250,000-object heap: 0.3 s a collection), in native code ~5 ns.

One collection: walk the heap once (every object and free block starts
with a header that gives its size) to set the object-start bitmap that
conservative words are looked up in, mark from the roots, then sweep in
address order.
"""
from __future__ import annotations

import ctypes
from typing import Iterable

from ..compile import vmcontext as vm
from . import gc_native as N

# what a reference field holds, for tracing
REF_ANY = 0         # an any-hierarchy value: object, i31, or tagged externref
REF_EXTERN = 1      # an externref: a store handle, or an any value (ANY_IN_EXTERN)
REF_HANDLE = 2      # an exnref: a store handle

_MARK_STACK = 1 << 16
_HANDLES = 1 << 14


def _ref_kind(storage) -> int:
    """REF_* for a field of ``storage`` type, or -1 when it holds no
    reference the collector follows (numbers, funcrefs)."""
    if not getattr(storage, "is_ref", False):
        return -1
    top = storage.top.heap
    if top == "any":
        return REF_ANY
    if top == "extern":
        return REF_EXTERN
    if top == "exn":
        return REF_HANDLE
    return -1


class TypeTable:
    """The native type table (gc_native.py's layout), indexed by engine
    type index, grown as types are registered (only between collections)."""

    def __init__(self) -> None:
        self.size = 0
        self._table = (ctypes.c_uint64 * 2)()
        self._keep: list = []             # the structs' reference lists
        self.known: set[int] = set()

    @property
    def address(self) -> int:
        return ctypes.addressof(self._table)

    def register(self, tid: int, deftype) -> None:
        """Describe engine type ``tid`` (a canonical struct or array type)."""
        if tid in self.known:
            return
        if tid >= self.size:
            n = max(2 * self.size, tid + 16)
            table = (ctypes.c_uint64 * (2 * n))()
            ctypes.memmove(table, self._table, ctypes.sizeof(self._table))
            self._table, self.size = table, n
        comp = deftype.composite
        if comp.kind == "array":
            kind = _ref_kind(comp.field.storage)
            flags = N.INFO_KNOWN | N.INFO_ARRAY | ((kind + 1) << 8)
            word0 = flags | (vm.gc_storage_size(comp.field.storage) << 32)
            refs = 0
        else:
            offsets, size = vm.gc_struct_layout(comp)
            entries = [off | (k << 24) for off, f in zip(offsets, comp.fields)
                       if (k := _ref_kind(f.storage)) >= 0]
            word0 = N.INFO_KNOWN | (size << 32)
            refs = 0
            if entries:
                arr = (ctypes.c_uint32 * (len(entries) + 1))(len(entries), *entries)
                self._keep.append(arr)
                refs = ctypes.addressof(arr)
        self._table[2 * tid] = word0
        self._table[2 * tid + 1] = refs
        self.known.add(tid)


class Collector:
    """The native context and buffers of one heap's collections."""

    def __init__(self, bitmap: int) -> None:
        self.ctx = (ctypes.c_uint64 * N.CTX_WORDS)()
        self._stack = (ctypes.c_uint64 * _MARK_STACK)()
        self._handles = (ctypes.c_uint64 * _HANDLES)()
        self.bitmap = bitmap

    def collect(self, base: int, end: int, types: TypeTable, words: Iterable[int],
                ranges: list[tuple[int, int]], with_interpreter: bool,
                min_hole: int) -> tuple[int, int, int, set, bool]:
        """Mark from ``words`` and the memory ``ranges`` (address, words),
        sweep [base, end): (live bytes, first linked hole, start of the
        free run that ends the heap, store handles live objects hold,
        whether that set is complete)."""
        walk, mark, sweep = N.functions(with_interpreter)
        c = self.ctx
        w = lambda off, v: c.__setitem__(off // 8, v)   # noqa: E731
        w(N.CTX_BASE, base)
        w(N.CTX_END, end)
        w(N.CTX_BITMAP, self.bitmap)
        w(N.CTX_INFOS, types.address)
        w(N.CTX_NINFOS, types.size)
        w(N.CTX_STACK, ctypes.addressof(self._stack))
        w(N.CTX_STACK_CAP, _MARK_STACK)
        w(N.CTX_STACK_LEN, 0)
        w(N.CTX_OVERFLOW, 0)
        w(N.CTX_HANDLES, ctypes.addressof(self._handles))
        w(N.CTX_HANDLES_CAP, _HANDLES)
        w(N.CTX_HANDLES_LEN, 0)
        w(N.CTX_MIN_HOLE, min_hole)
        ctx = ctypes.addressof(c)
        bad = walk(ctx)
        if bad:
            raise RuntimeError(f"corrupt GC heap: an unreadable block at 0x{bad:x}")
        roots = (ctypes.c_uint64 * 0)()
        words = [x & 0xFFFFFFFFFFFFFFFF for x in words if x]
        if words:
            roots = (ctypes.c_uint64 * len(words))(*words)
            mark(ctx, ctypes.addressof(roots), len(words))
        for address, n in ranges:
            mark(ctx, address, n)
        live = sweep(ctx)
        n = c[N.CTX_HANDLES_LEN // 8]
        complete = n <= _HANDLES
        handles = set(self._handles[:min(n, _HANDLES)])
        # tagged externrefs among the exact roots (anyref tables, globals)
        handles.update(x >> 2 for x in words if x & 3 == 2 and x < 1 << 40)
        return live, c[N.CTX_FREE_HEAD // 8], c[N.CTX_TAIL // 8], handles, complete
