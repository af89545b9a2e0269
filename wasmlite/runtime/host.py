"""Host functions: Python callables that wasm code can call.

A host function is a ``VMFuncRef`` like any other: ``code`` is the engine's
host trampoline for its signature (native code with the wasm function ABI),
``vmctx`` a ``VMHostContext {VMRuntimeLimits* limits; callback}``. The
trampoline spills the arguments into a u64 array and calls ``callback(ctx,
values)``, a ctypes CFUNCTYPE made here. A Python exception inside is kept in
the store and reported as status ``HOST_EXCEPTION + 1``: the trampoline then
traps (longjmp to the innermost entry, in native code only) and the entry's
Python caller re-raises the very same exception object.
"""
from __future__ import annotations

import ctypes
from typing import Callable, Optional

from ..compile import vmcontext as vm
from ..syntax.types import V128, FuncType
from .exceptions import ThrownException
from .export import ExportFunction

HOST_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p)
_MASK64 = (1 << 64) - 1
_HOST_EXCEPTION_STATUS = vm.HOST_EXCEPTION + 1
_EXCEPTION_STATUS = vm.EXCEPTION_THROWN + 1


class HostFunctionError(TypeError):
    """A host callback returned the wrong number or kind of values."""


# Signatures up to this many values get a generated straight-line callback.
_STRAIGHT_LINE_MAX = 64


def _arity_error(got: int, want: int) -> HostFunctionError:
    return HostFunctionError(f"host function returned {got} values, expected {want}")


def _make_native_callback(store, functype: FuncType, callback):
    """The Python side of the host trampoline: ``cb(ctx, values) -> status``.

    Arguments are read from ``values`` (8-byte slots, v128 two), results
    written back from slot 0; any exception is kept in the store and
    reported as ``HOST_EXCEPTION + 1``. Generated per signature so that the
    common case has no loops.
    """
    params, results = functype.params, functype.results
    array_type = ctypes.c_uint64 * vm.values_array_slots(functype)
    if len(params) + len(results) > _STRAIGHT_LINE_MAX:
        return _generic_native_callback(store, functype, callback, array_type)
    args, slot = [], 0
    for t in params:
        if t is V128:
            args.append(f"v[{slot}] | (v[{slot + 1}] << 64)")
            slot += 2
        else:       # narrow values: the trampoline may leave stale upper bytes
            args.append(f"v[{slot}] & 0xFFFFFFFF" if t.size == 4 else f"v[{slot}]")
            slot += 1
    lines = ["def native_callback(ctx, address):",
             "    try:",
             "        v = array_type.from_address(address)",
             f"        r = callback([{', '.join(args)}])"]
    if results:
        lines += ["        if type(r) is not list:",
                  "            r = list(r)",
                  f"        if len(r) != {len(results)}:",
                  f"            raise arity_error(len(r), {len(results)})"]
        slot = 0
        for i, t in enumerate(results):
            lines.append(f"        v[{slot}] = r[{i}] & M")
            if t is V128:
                lines.append(f"        v[{slot + 1}] = (r[{i}] >> 64) & M")
                slot += 2
            else:
                slot += 1
    else:
        lines += ["        if r is not None and len(r) != 0:",
                  "            raise arity_error(len(r), 0)"]
    lines += ["        return 0",
              "    except BaseException as exc:  # re-raised by the entry's caller",
              "        return raised(store, exc)"]
    namespace = {"array_type": array_type, "callback": callback, "store": store,
                 "M": _MASK64, "raised": host_raised,
                 "arity_error": _arity_error}
    exec("\n".join(lines), namespace)
    return namespace["native_callback"]


def _generic_native_callback(store, functype: FuncType, callback, array_type):
    """The same in loops, for signatures with very many values."""
    params, results = functype.params, functype.results

    def native_callback(ctx: int, address: int) -> int:
        try:
            v = array_type.from_address(address)
            args, slot = [], 0
            for t in params:
                if t is V128:
                    args.append(v[slot] | (v[slot + 1] << 64))
                    slot += 2
                else:
                    args.append(v[slot] & ((1 << (8 * t.size)) - 1))
                    slot += 1
            r = list(callback(args))
            if len(r) != len(results):
                raise _arity_error(len(r), len(results))
            slot = 0
            for t, x in zip(results, r):
                v[slot] = x & _MASK64
                if t is V128:
                    v[slot + 1] = (x >> 64) & _MASK64
                    slot += 2
                else:
                    slot += 1
            return 0
        except BaseException as exc:  # noqa: BLE001 - re-raised by the entry's caller
            return host_raised(store, exc)
    return native_callback


def host_raised(store, exc: BaseException) -> int:
    """The status a host callback returns for ``exc``: a wasm exception of
    this store is thrown on into the calling wasm (the host trampoline
    throws the store's exception in flight); anything else waits in the
    store for the entry the trap unwinds to."""
    if isinstance(exc, ThrownException) and exc.store is store:
        store.exceptions.set_pending(store, exc.exn, store.extern_to_handle(exc.exn))
        return _EXCEPTION_STATUS
    store.pending_exception = exc
    return _HOST_EXCEPTION_STATUS


class HostFunctionOwner:
    """What a host function record keeps alive: its store (whose limits the
    context points at), the ctypes callback and the native structs."""

    __slots__ = ("store", "cfunc", "hostctx", "funcref")

    def __init__(self, store, cfunc, hostctx, funcref) -> None:
        self.store = store
        self.cfunc = cfunc
        self.hostctx = hostctx
        self.funcref = funcref


def make_host_function(store, functype: FuncType,
                       callback: Callable[[list[int]], list[int]],
                       native: Optional[Callable[[int, int], int]] = None,
                       deftype=None) -> ExportFunction:
    """A function record calling ``callback(raw_args) -> raw_results``.

    The native trampoline comes from the engine (one per signature, compiled
    now if this is the first host function of that signature, never at call
    time); the store keeps the ctypes callback and contexts alive.

    ``native``, if given, is used as the Python side of the host trampoline
    instead of one generated around ``callback``: ``native(hostctx,
    values_address) -> status`` with the contract of ``_make_native_callback``
    (the public API passes one that converts straight to Python values).
    ``callback`` still serves calls that do not go through native code.
    ``deftype``: the Wasm GC canonical type the function has, when it is
    not the plain ``functype``.
    """
    if not callable(callback):
        raise TypeError("host function callback must be callable")
    code = store.engine.host_trampoline(functype)
    # (a module's function type in a rec group, or not final: a canonical
    # DefType of its own, which the public FuncType of that import carries)
    sig_index = store.engine.signatures.register(deftype or functype)
    if native is None:
        native = _make_native_callback(store, functype, callback)
    cfunc = HOST_CALLBACK(native)
    hostctx = (ctypes.c_uint64 * 3)(store.limits_address,
                                     ctypes.cast(cfunc, ctypes.c_void_p).value, 0)
    hostctx_address = ctypes.addressof(hostctx)
    funcref = (ctypes.c_uint64 * 3)(code, hostctx_address, sig_index)
    record = ExportFunction(code=code, vmctx=hostctx_address, sig_index=sig_index,
                            functype=functype, funcref=ctypes.addressof(funcref),
                            entry=None, owner=HostFunctionOwner(store, cfunc, hostctx, funcref),
                            host_callback=callback)
    store.host_functions[record.funcref] = record
    store.keepalive.append(record)
    return record
