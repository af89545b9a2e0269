"""Runtime-level store state: everything one store's instances share.

A store owns its ``VMRuntimeLimits`` (the native block generated code reaches
through every VMContext: stack limit, jmp_buf chain, trap code), the builtin
function table generated code calls, the externref handle table, the Python
exception a host function raised (to re-raise it to the wasm caller's caller),
and every instance, memory, table, global and host function created in it:
the store keeps them alive, as in the spec's store.
"""
from __future__ import annotations

import bisect
import ctypes
import threading
import weakref
from typing import Any, Optional

from ..compile import vmcontext as vm
from .engine import RuntimeEngine
from ..compile.gc_values import ANY_IN_EXTERN
from .exceptions import ExceptionState
from .gc_heap import GcHeap
from .gc_values import GcRef
from .interrupt import INTERRUPT_BLOCK_ADDRESS, ensure_sigint_handler
from .stack_floor import prefill as prefill_stack_floor

_BUILTIN_MEMORY_GROW = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_int32,
                                        ctypes.c_int64)
_BUILTIN_TABLE_GROW = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_int32,
                                       ctypes.c_int64, ctypes.c_uint64)
_BUILTIN_EXN_BOX = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p)
_BUILTIN_EXN_UNBOX = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_uint64)
_BUILTIN_SIG_SUBTYPE = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_uint64,
                                        ctypes.c_uint64)
_BUILTIN_GC_ALLOC = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_int64)


# One builtin table serves every store of the process. Generated code calls
# builtin k as ``builtins[k](vmctx, ...)``, and word 0 of every VMContext
# points at its store's limits block (vmcontext.py), so the six callbacks
# find their store from that address (``_stores_by_limits``). Six callbacks
# per store cost a fresh process's first Store ~0.25 ms (libffi's closures
# and their code pages) and every later one ~20 us.
_stores_by_limits: dict[int, "weakref.ref[RuntimeStore]"] = {}
_builtins_lock = threading.Lock()
_builtins: Optional[tuple[int, tuple]] = None     # (table address, what it holds)


def _store_at(vmctx: int) -> "Optional[RuntimeStore]":
    ref = _stores_by_limits.get(ctypes.c_uint64.from_address(vmctx).value)
    return ref() if ref is not None else None


def _no_store(vmctx: int) -> int:
    """A builtin called with a VMContext of no live store (never seen: a
    store outlives every call into its code): a trap, not a crash."""
    limits = ctypes.c_uint64.from_address(vmctx).value
    if limits:
        ctypes.c_uint32.from_address(limits + vm.LIMITS_TRAP_CODE).value = vm.HOST_EXCEPTION
    return vm.BUILTIN_TRAP


def _dispatching(method: str):
    """Builtin callback that calls RuntimeStore ``method`` on the store
    whose code called it."""
    def builtin(vmctx, *args):
        s = _store_at(vmctx)
        return getattr(s, method)(vmctx, *args) if s is not None else _no_store(vmctx)
    return builtin


# the callback types in vmcontext.BUILTIN_NAMES order; builtin NAME is
# RuntimeStore._NAME
_BUILTIN_TYPES = (_BUILTIN_MEMORY_GROW, _BUILTIN_TABLE_GROW, _BUILTIN_EXN_BOX,
                  _BUILTIN_EXN_UNBOX, _BUILTIN_SIG_SUBTYPE, _BUILTIN_GC_ALLOC)


def _builtins_address() -> int:
    """The process's builtin table (made with the first store)."""
    global _builtins
    made = _builtins
    if made is None:
        with _builtins_lock:
            if _builtins is None:
                funcs = tuple(kind(_dispatching(f"_{name}"))
                              for kind, name in zip(_BUILTIN_TYPES, vm.BUILTIN_NAMES, strict=True))
                table = (ctypes.c_void_p * len(vm.BUILTIN_NAMES))(
                    *[ctypes.cast(f, ctypes.c_void_p).value for f in funcs])
                _builtins = (ctypes.addressof(table), (funcs, table))
            made = _builtins
    return made[0]


def _forget_store(limits: int, ref: "weakref.ref[RuntimeStore]") -> None:
    # (a newer store may have the same limits address by now: keep its entry)
    if _stores_by_limits.get(limits) is ref:
        del _stores_by_limits[limits]


def gc_out_of_memory(size: int) -> str:
    return f"GC heap out of memory: no capacity for allocation of {size} bytes"


def _store_roots(rt):
    from .gc_roots import store_roots      # (only once a collection runs)
    return store_roots(rt)


class RuntimeStore:
    """Per-store runtime state (not the public ``Store``; that wraps this)."""

    def __init__(self, engine: RuntimeEngine) -> None:
        self.engine = engine
        # held while wasm code of this store runs (see call.invoke)
        self.lock = threading.RLock()
        self._limits = (ctypes.c_uint64 * (vm.VMRUNTIME_LIMITS_SIZE // 8))()
        self.limits_address: int = ctypes.addressof(self._limits)
        ctypes.c_uint64.from_address(
            self.limits_address + vm.LIMITS_MAX_WASM_STACK).value = engine.max_wasm_stack
        ctypes.c_uint64.from_address(
            self.limits_address + vm.LIMITS_EPOCH_PTR).value = engine.epoch_address
        ctypes.c_uint64.from_address(
            self.limits_address + vm.LIMITS_INTERRUPT_PTR).value = INTERRUPT_BLOCK_ADDRESS
        # what the trap routine's stack walk fills (runtime/backtrace.py)
        self.backtrace_buffer = (ctypes.c_uint64 * vm.BT_WORDS)()
        ctypes.c_uint64.from_address(self.limits_address + vm.LIMITS_BACKTRACE).value = \
            ctypes.addressof(self.backtrace_buffer)
        # the main thread's stack floor, known without pthread_getattr_np's
        # read of /proc/self/maps at the first call (stack_floor.py)
        prefill_stack_floor(self.limits_address)
        ensure_sigint_handler(with_interpreter=getattr(engine, "strategy", "llvm") != "llvm")
        # fuel and the epoch deadline start at 0, as in Wasmtime: code
        # compiled to check them traps until the embedder grants some
        self._fuel = ctypes.c_int64.from_address(self.limits_address + vm.LIMITS_FUEL)
        self._epoch_deadline = ctypes.c_uint64.from_address(
            self.limits_address + vm.LIMITS_EPOCH_DEADLINE)

        # The builtins are the process's (``_builtins_address``): they find
        # this store from the limits block its VMContexts point at.
        self.builtins_address: int = _builtins_address()
        limits = self.limits_address
        _stores_by_limits[limits] = weakref.ref(self, lambda r, k=limits: _forget_store(k, r))

        # Wasm GC's objects (runtime/gc_heap.py): reserved at the first one
        self.gc_heap = GcHeap(self.limits_address, engine.signatures.lookup,
                              with_interpreter=getattr(engine, "strategy", "llvm") != "llvm")
        weakref.finalize(self, self.gc_heap.free)
        me = weakref.ref(self)
        self.gc_heap.find_roots = lambda: _store_roots(me())

        # tags and the exception in flight (runtime/exceptions.py)
        self.exceptions = ExceptionState(self.limits_address)

        # externref: handle (>= 1) <-> Python object, identity preserved.
        # exnrefs are handles of the same table (their objects are Exn).
        self._extern_objects: list[Any] = [None]
        self._extern_handles: dict[int, int] = {}

        # A host function's Python exception, waiting for the entry that the
        # trap unwinds to.
        self.pending_exception: Optional[BaseException] = None

        # vmctx address -> instance, and sorted vmctx ranges to map a funcref
        # address back to the instance function it names.
        self._instances: dict[int, Any] = {}
        self._vmctx_starts: list[int] = []
        self._vmctx_instances: list[Any] = []
        self.host_functions: dict[int, Any] = {}   # funcref address -> ExportFunction
        self.keepalive: list[Any] = []             # memories, tables, globals, ...

        # Store.set_limits: None = unlimited. Growing past a limit fails
        # (-1) like growing past a declared maximum; creating past it raises.
        self.max_memory_bytes: Optional[int] = None
        self.max_table_elements: Optional[int] = None
        # the public Store (a weakref; store.py sets it)
        self.public = lambda: None

    # -- native state ---------------------------------------------------------

    @property
    def trap_code(self) -> int:
        return ctypes.c_uint32.from_address(self.limits_address + vm.LIMITS_TRAP_CODE).value

    @trap_code.setter
    def trap_code(self, code: int) -> None:
        ctypes.c_uint32.from_address(self.limits_address + vm.LIMITS_TRAP_CODE).value = code

    # -- externref handles ---------------------------------------------------

    # -- fuel and epochs (read by code compiled with those checks) -----------

    @property
    def fuel(self) -> int:
        """Fuel left; code may overdraw between checks, which reads as 0."""
        return max(self._fuel.value, 0)

    @fuel.setter
    def fuel(self, value: int) -> None:
        if not 0 <= value < 1 << 63:
            raise ValueError("fuel must be between 0 and 2**63 - 1")
        self._fuel.value = value

    def set_epoch_deadline(self, ticks_after_current: int) -> None:
        """Trap once the engine's epoch reaches current + ``ticks``."""
        if ticks_after_current < 0:
            raise ValueError("the epoch deadline must not be negative")
        self._epoch_deadline.value = min(self.engine.epoch + ticks_after_current, (1 << 64) - 1)

    def extern_to_handle(self, obj: Any) -> int:
        """The raw bits of ``obj`` as an externref (None is null, 0)."""
        if obj is None:
            return 0
        if type(obj) is GcRef:          # an any value carried by an externref
            if not obj.belongs_to(self.gc_heap):
                from ..errors import WasmtimeError
                raise WasmtimeError("GC reference does not belong to this store")
            return obj.bits | ANY_IN_EXTERN
        handle = self._extern_handles.get(id(obj))
        if handle is None:
            handle = len(self._extern_objects)
            self._extern_objects.append(obj)   # keeps id(obj) from being reused
            self._extern_handles[id(obj)] = handle
        return handle

    def handle_to_extern(self, handle: int) -> Any:
        """The Python object an externref's raw bits stand for."""
        if handle == 0:
            return None
        if handle & ANY_IN_EXTERN:
            return GcRef(handle ^ ANY_IN_EXTERN, self.gc_heap)
        try:
            return self._extern_objects[handle]
        except IndexError:
            from ..errors import WasmtimeError
            raise WasmtimeError(f"unknown externref handle {handle}") from None

    # -- instances and functions ---------------------------------------------

    def register_instance(self, instance: Any) -> None:
        """Keep ``instance`` alive and findable by its vmctx address."""
        self._instances[instance.vmctx] = instance
        i = bisect.bisect(self._vmctx_starts, instance.vmctx)
        self._vmctx_starts.insert(i, instance.vmctx)
        self._vmctx_instances.insert(i, instance)

    def instance_of(self, vmctx: int) -> Any:
        return self._instances[vmctx]

    def function_of_funcref(self, funcref: int):
        """The ExportFunction named by a funcref's raw bits (None for null)."""
        if funcref == 0:
            return None
        record = self.host_functions.get(funcref)
        if record is not None:
            return record
        i = bisect.bisect(self._vmctx_starts, funcref) - 1
        if i >= 0:
            inst = self._vmctx_instances[i]
            index = inst.func_index_of_funcref(funcref)
            if index is not None:
                return inst.function(index)
        from ..errors import WasmtimeError
        raise WasmtimeError(f"funcref 0x{funcref:x} is not a function of this store")

    # -- builtins (called from generated code; must never raise) -------------

    def _builtin_failed(self, exc: BaseException) -> int:
        self.pending_exception = exc
        self.trap_code = vm.HOST_EXCEPTION
        return vm.BUILTIN_TRAP

    def memory_grow(self, memory, delta: int) -> int:
        """Grow ``memory`` by ``delta`` pages within the store's limits."""
        limit = self.max_memory_bytes
        if limit is not None and delta > 0 and (
                memory.pages + delta) << memory.page_log2 > limit:
            return -1
        return memory.grow(delta)

    def table_grow(self, table, delta: int, init: int) -> int:
        """Grow ``table`` by ``delta`` elements within the store's limits."""
        limit = self.max_table_elements
        if limit is not None and delta > 0 and table.size + delta > limit:
            return -1
        return table.grow(delta, init)

    def check_new_memory(self, min_pages: int, page_size_log2: int = 16) -> None:
        limit = self.max_memory_bytes
        if limit is not None and min_pages << page_size_log2 > limit:
            from ..errors import WasmtimeError
            raise WasmtimeError(
                f"memory minimum size of {min_pages} pages exceeds memory limits")

    def check_new_table(self, min_elements: int) -> None:
        limit = self.max_table_elements
        if limit is not None and min_elements > limit:
            from ..errors import WasmtimeError
            raise WasmtimeError(
                f"table minimum size of {min_elements} elements exceeds table limits")

    def _memory_grow(self, vmctx: int, index: int, delta: int) -> int:
        try:
            return self.memory_grow(self._instances[vmctx].memories[index], delta)
        except BaseException as exc:  # noqa: BLE001 - becomes a trap
            return self._builtin_failed(exc)

    def _sig_subtype(self, vmctx: int, actual: int, expected: int) -> int:
        # call_indirect's slow path: only reached when the indices differ
        try:
            return int(self.engine.signatures.is_subtype(actual, expected))
        except BaseException as exc:  # noqa: BLE001 - becomes a trap
            return self._builtin_failed(exc)

    def _gc_alloc(self, vmctx: int, size: int) -> int:
        try:
            if size >= 1 << 32:         # Wasmtime's limit of one object, whatever is free
                from ..errors import TrapCode
                self.trap_code = int(TrapCode.ALLOCATION_TOO_LARGE)
                return vm.BUILTIN_TRAP
            address = self.gc_heap.slow_alloc(size)
            if address:
                return address
            # the heap is full even after collecting: as Wasmtime, an error
            # (not a trap) reaches the caller
            from ..errors import WasmtimeError
            raise WasmtimeError(gc_out_of_memory(size))
        except BaseException as exc:  # noqa: BLE001 - becomes a trap
            return self._builtin_failed(exc)

    def _exn_box(self, vmctx: int) -> int:
        try:
            return self.exceptions.box(self)
        except BaseException as exc:  # noqa: BLE001 - becomes a trap
            return self._builtin_failed(exc)

    def _exn_unbox(self, vmctx: int, handle: int) -> int:
        try:
            self.exceptions.unbox(self, handle)
            return 0
        except BaseException as exc:  # noqa: BLE001 - becomes a trap
            return self._builtin_failed(exc)

    def _table_grow(self, vmctx: int, index: int, delta: int, init: int) -> int:
        try:
            return self.table_grow(self._instances[vmctx].tables[index], delta, init)
        except BaseException as exc:  # noqa: BLE001 - becomes a trap
            return self._builtin_failed(exc)
