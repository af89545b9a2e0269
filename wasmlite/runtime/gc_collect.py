"""The GC heap's collector: non-moving mark-sweep (runtime/gc_heap.py owns
the heap; runtime/gc_roots.py finds the roots).

Why this design:

* Non-moving, so that roots may be found conservatively. Compiled code
  keeps references in registers and LLVM-chosen stack slots, where no stack
  map says which word is one; the interpreter's value slots hold untyped
  words too. Any word of a wasm activation's native stack (or of a register
  when the collection starts) that points into an object keeps that object,
  which is sound as long as objects never move. A copying collector (what
  Wasmtime's default, a Cheney semi-space one, is) would need exact stack
  maps in every tier.
* Objects inside the heap are traced exactly: their types (the engine's
  registry) say which fields hold references.
* Sweeping coalesces dead runs into free blocks (a header of type index 0
  and the block's size); the allocator reuses the big ones as areas to
  bump in, so generated code's inline allocation stays a bump.

One collection: walk the heap once to list the objects (every object and
free block starts with a header that gives its size), mark from the roots,
then sweep in address order.
"""
from __future__ import annotations

import bisect
from typing import Callable, Iterable

from ..compile import vmcontext as vm
from ..compile.gc_values import ANY_IN_EXTERN, EXTERN_TAG

_TYPE_MASK = 0xFFFFFFFF
_ARRAY = vm.GC_ARRAY_FLAG

# what a reference field holds, for tracing (TypeInfo.refs)
REF_ANY = 0         # an any-hierarchy value: object, i31, or tagged externref
REF_EXTERN = 1      # an externref: a store handle, or an any value (ANY_IN_EXTERN)
REF_HANDLE = 2      # an exnref: a store handle


class TypeInfo:
    """What the collector needs of one struct or array type."""

    __slots__ = ("is_array", "size", "elem_size", "refs", "elem_ref")

    def __init__(self, is_array: bool, size: int, elem_size: int,
                 refs: tuple, elem_ref: int) -> None:
        self.is_array = is_array
        self.size = size              # structs: the object's size
        self.elem_size = elem_size    # arrays: one element's
        self.refs = refs              # structs: ((offset, REF_*), ...)
        self.elem_ref = elem_ref      # arrays: REF_* of the elements, or -1


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


def type_info(deftype) -> TypeInfo:
    """The TypeInfo of a canonical struct or array type (a DefType)."""
    comp = deftype.composite
    if comp.kind == "array":
        storage = comp.field.storage
        return TypeInfo(True, 0, vm.gc_storage_size(storage), (), _ref_kind(storage))
    offsets, size = vm.gc_struct_layout(comp)
    refs = tuple((off, k) for off, f in zip(offsets, comp.fields)
                 if (k := _ref_kind(f.storage)) >= 0)
    return TypeInfo(False, size, 0, refs, -1)


class Collection:
    """One mark-sweep over ``words`` (a memoryview of the heap as u64s,
    from ``base``; ``end`` is where handed-out space stops)."""

    def __init__(self, words, base: int, end: int,
                 info: Callable[[int], TypeInfo]) -> None:
        self.words = words
        self.base = base
        self.end = end
        self.info = info
        self.starts: list[int] = []       # object addresses, ascending
        self.sizes: list[int] = []
        self.marked: set[int] = set()
        self.handles: set[int] = set()    # store handles live objects hold
        self._work: list[int] = []

    # -- 1. what is where ---------------------------------------------------------

    def walk(self) -> None:
        words, base, info = self.words, self.base, self.info
        starts, sizes = self.starts, self.sizes
        addr, end = base, self.end
        while addr < end:
            i = (addr - base) >> 3
            header = words[i]
            tid = header & _TYPE_MASK
            if tid == 0:
                size = header >> 32
                if size <= 0:
                    raise RuntimeError(f"corrupt GC heap: empty block at 0x{addr:x}")
            else:
                t = info(tid)
                if t.is_array:
                    n = words[i + 1] & _TYPE_MASK
                    size = vm.gc_array_size(t.elem_size, n)
                else:
                    size = t.size
                starts.append(addr)
                sizes.append(size)
            addr += size

    # -- 2. mark ---------------------------------------------------------------

    def root(self, word: int) -> None:
        """A word that may be a reference (conservative: it may also be any
        other number, or point inside an object)."""
        if word & ANY_IN_EXTERN:
            word ^= ANY_IN_EXTERN
        if word & 7 or not self.base <= word < self.end:
            if word & 3 == EXTERN_TAG and word < 1 << 40:
                self.handles.add(word >> 2)
            return
        i = bisect.bisect_right(self.starts, word) - 1
        if i >= 0 and word < self.starts[i] + self.sizes[i]:
            self._mark(self.starts[i])

    def roots(self, words: Iterable[int]) -> None:
        lo, hi = self.base, self.end
        for w in words:
            if w and (lo <= (w & ~ANY_IN_EXTERN) < hi or w & 3 == EXTERN_TAG):
                self.root(w)

    def _mark(self, obj: int) -> None:
        if obj not in self.marked:
            self.marked.add(obj)
            self._work.append(obj)

    def _field(self, value: int, kind: int) -> None:
        if not value:
            return
        if kind == REF_ANY:
            if value & 3 == 0:
                self._mark_exact(value)
            elif value & 3 == EXTERN_TAG:
                self.handles.add(value >> 2)
        elif kind == REF_EXTERN:
            if value & ANY_IN_EXTERN:
                self._field(value ^ ANY_IN_EXTERN, REF_ANY)
            else:
                self.handles.add(value)
        else:
            self.handles.add(value)

    def _mark_exact(self, obj: int) -> None:
        if obj in self.marked:
            return
        i = bisect.bisect_left(self.starts, obj)
        if i < len(self.starts) and self.starts[i] == obj:
            self.marked.add(obj)
            self._work.append(obj)

    def trace(self) -> None:
        words, base, info, work = self.words, self.base, self.info, self._work
        while work:
            obj = work.pop()
            i = (obj - base) >> 3
            t = info(words[i] & _TYPE_MASK)
            if t.is_array:
                kind = t.elem_ref
                if kind < 0:
                    continue
                n = words[i + 1] & _TYPE_MASK
                first = i + vm.GC_ARRAY_DATA // 8
                for value in words[first:first + n]:
                    if value:
                        self._field(value, kind)
            else:
                for off, kind in t.refs:
                    value = words[i + (off >> 3)]
                    if value:
                        self._field(value, kind)

    # -- 3. sweep -----------------------------------------------------------------

    def sweep(self) -> tuple[list[tuple[int, int]], int]:
        """Free every unmarked object: write a free block over each run of
        dead space; the runs (start, end) in address order, and the live
        bytes."""
        words, base = self.words, self.base
        marked = self.marked
        holes: list[tuple[int, int]] = []
        live = 0
        free_from = base
        for obj, size in zip(self.starts, self.sizes):
            if obj in marked:
                if obj > free_from:
                    holes.append((free_from, obj))
                free_from = obj + size
                live += size
        if self.end > free_from:
            holes.append((free_from, self.end))
        for start, stop in holes:
            _write_free(words, base, start, stop)
        return holes, live


_MAX_FREE_BLOCK = 1 << 31


def _write_free(words, base: int, start: int, stop: int) -> None:
    """Free-block headers over [start, stop) (one per 2 GiB at most: the
    size field is 32 bits)."""
    while start < stop:
        size = min(stop - start, _MAX_FREE_BLOCK)
        words[(start - base) >> 3] = size << 32
        start += size


write_free = _write_free
