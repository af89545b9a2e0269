"""GC objects made by the runtime rather than by generated code: the
``struct.new`` / ``array.new*`` of constant expressions (global
initializers, element segments, table initializers). The layout is
compile/vmcontext.py's, the same generated code writes.
"""
from __future__ import annotations

import ctypes

from ..compile import vmcontext as vm

_STORE = {1: ctypes.c_uint8, 2: ctypes.c_uint16, 4: ctypes.c_uint32, 8: ctypes.c_uint64}
_M64 = (1 << 64) - 1
# an array bigger than this cannot be made (Wasmtime: "allocation size too large")
_MAX_ARRAY_BYTES = 1 << 32


def _put(address: int, size: int, bits: int) -> None:
    if size == 16:
        ctypes.c_uint64.from_address(address).value = bits & _M64
        ctypes.c_uint64.from_address(address + 8).value = (bits >> 64) & _M64
    else:
        _STORE[size].from_address(address).value = bits & ((1 << (8 * size)) - 1)


def _out_of_memory(size: int):
    from ..errors import WasmtimeError
    from .store import gc_out_of_memory
    return WasmtimeError(gc_out_of_memory(size))


def _too_large(storage, n: int) -> None:
    """Wasmtime's rule: an array whose size (in its own layout: 32-bit
    references, a 16-byte header) needs more than 32 bits traps; one that
    merely does not fit is an error (``_allocate``)."""
    elem = 4 if getattr(storage, "is_ref", False) else vm.gc_storage_size(storage)
    if 16 + elem * n >= _MAX_ARRAY_BYTES:
        from ..errors import Trap, TrapCode
        raise Trap("allocation size too large", TrapCode.ALLOCATION_TOO_LARGE)


def _allocate(heap, size: int) -> int:
    address = heap.allocate(size) if size < _MAX_ARRAY_BYTES else 0
    if not address:
        raise _out_of_memory(size)
    return address


class ConstHeap:
    """Makes the objects of one instantiation's constant expressions. Each
    stays pinned until ``release()``: until then it may be held only by the
    evaluator's Python stack, which no collection sees."""

    def __init__(self, heap, sigs: list[int], lookup) -> None:
        self.heap = heap
        self.sigs = sigs              # module type index -> engine type index
        self.lookup = lookup          # engine type index -> canonical DefType
        self._made: list[int] = []
        # elements of array.new / array.new_default (Wasmtime's fuel: 1 each)
        self.array_elements = 0

    def _composite(self, typeidx: int):
        return self.lookup(self.sigs[typeidx]).composite

    def struct_new(self, typeidx: int, values: list[int]) -> int:
        """A struct of type ``typeidx`` with fields ``values`` (raw bits)."""
        st = self._composite(typeidx)
        offsets, size = vm.gc_struct_layout(st)
        obj = _allocate(self.heap, size)
        ctypes.c_uint64.from_address(obj).value = self.sigs[typeidx]
        for off, f, v in zip(offsets, st.fields, values):
            width = vm.gc_storage_size(f.storage)
            # a narrow field in the low bytes of its 8-byte slot, the rest 0
            _put(obj + off, 16 if width == 16 else 8, v & ((1 << (8 * width)) - 1))
        return self._keep(obj)

    def struct_default(self, typeidx: int) -> int:
        return self.struct_new(typeidx, [0] * len(self._composite(typeidx).fields))

    def _array(self, typeidx: int, n: int) -> tuple[int, int]:
        """A zeroed array of ``n`` elements of type ``typeidx``, pinned:
        (its data's address, an element's size)."""
        storage = self._composite(typeidx).field.storage
        _too_large(storage, n)
        elem = vm.gc_storage_size(storage)
        size = vm.gc_array_size(elem, n)
        obj = self._keep(_allocate(self.heap, size))
        ctypes.c_uint64.from_address(obj).value = self.sigs[typeidx] | vm.GC_ARRAY_FLAG
        ctypes.c_uint64.from_address(obj + vm.GC_ARRAY_LENGTH).value = n
        ctypes.memset(obj + vm.GC_ARRAY_DATA, 0, size - vm.GC_ARRAY_DATA)
        return obj, elem

    def array_new(self, typeidx: int, values: list[int]) -> int:
        """An array of type ``typeidx`` with elements ``values`` (array.new_fixed)."""
        obj, elem = self._array(typeidx, len(values))
        for i, v in enumerate(values):
            _put(obj + vm.GC_ARRAY_DATA + i * elem, elem, v)
        return obj

    def array_repeat(self, typeidx: int, value: int, n: int) -> int:
        """An array of ``n`` elements ``value`` (array.new, array.new_default)."""
        obj, elem = self._array(typeidx, n)
        self.array_elements += n
        data = obj + vm.GC_ARRAY_DATA
        if value and n:          # one element, then doubling copies
            _put(data, elem, value)
            done, total = elem, elem * n
            while done < total:
                step = min(done, total - done)
                ctypes.memmove(data + done, data, step)
                done += step
        return obj

    def field_count(self, typeidx: int) -> int:
        return len(self._composite(typeidx).fields)

    def _keep(self, obj: int) -> int:
        self.heap.pin(obj)
        self._made.append(obj)
        return obj

    def release(self) -> None:
        """The instance holds what it keeps now (globals, segments, tables)."""
        for obj in self._made:
            self.heap.unpin(obj)
        self._made.clear()
