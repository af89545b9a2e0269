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
from typing import Callable

from ..compile import vmcontext as vm
from ..syntax.types import V128, FuncType
from .export import ExportFunction

HOST_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p)
_MASK64 = (1 << 64) - 1
_HOST_EXCEPTION_STATUS = vm.HOST_EXCEPTION + 1


class HostFunctionError(TypeError):
    """A host callback returned the wrong number or kind of values."""


def _unpacker(functype: FuncType):
    """values address -> list of raw-bit arguments."""
    params = functype.params
    nslots = vm.values_array_slots(functype)
    array_type = ctypes.c_uint64 * nslots
    n = len(params)
    if V128 not in params:
        masks = [(1 << (8 * t.size)) - 1 for t in params]
        if all(m == _MASK64 for m in masks):
            return lambda address: array_type.from_address(address)[:n]

        def unpack_narrow(address: int) -> list[int]:
            return [v & m for v, m in zip(array_type.from_address(address)[:n], masks)]
        return unpack_narrow

    def unpack_v128(address: int) -> list[int]:
        values = array_type.from_address(address)
        out, slot = [], 0
        for t in params:
            if t is V128:
                out.append(values[slot] | (values[slot + 1] << 64))
                slot += 2
            else:
                out.append(values[slot] & ((1 << (8 * t.size)) - 1))
                slot += 1
        return out
    return unpack_v128


def _packer(functype: FuncType):
    """(values address, raw-bit results) -> None, checking the arity."""
    results_types = functype.results
    nslots = vm.values_array_slots(functype)
    array_type = ctypes.c_uint64 * nslots
    n = len(results_types)
    has_v128 = V128 in results_types

    def pack(address: int, results) -> None:
        results = list(results)
        if len(results) != n:
            raise HostFunctionError(
                f"host function returned {len(results)} values, expected {n}")
        values = array_type.from_address(address)
        if not has_v128:
            values[:n] = [r & _MASK64 for r in results]
            return
        slot = 0
        for t, r in zip(results_types, results):
            values[slot] = r & _MASK64
            if t is V128:
                values[slot + 1] = (r >> 64) & _MASK64
                slot += 2
            else:
                slot += 1
    return pack


def make_host_function(store, functype: FuncType,
                       callback: Callable[[list[int]], list[int]]) -> ExportFunction:
    """A function record calling ``callback(raw_args) -> raw_results``.

    The native trampoline comes from the engine (one per signature, compiled
    now if this is the first host function of that signature, never at call
    time); the store keeps the ctypes callback and contexts alive.
    """
    if not callable(callback):
        raise TypeError("host function callback must be callable")
    code = store.engine.host_trampoline(functype)
    sig_index = store.engine.signatures.register(functype)
    unpack = _unpacker(functype)
    pack = _packer(functype)

    def native_callback(ctx: int, values: int) -> int:
        try:
            pack(values, callback(unpack(values)))
            return 0
        except BaseException as exc:  # noqa: BLE001 - re-raised by the entry's caller
            store.pending_exception = exc
            return _HOST_EXCEPTION_STATUS

    cfunc = HOST_CALLBACK(native_callback)
    hostctx = (ctypes.c_uint64 * 3)(store.limits_address,
                                     ctypes.cast(cfunc, ctypes.c_void_p).value, 0)
    hostctx_address = ctypes.addressof(hostctx)
    funcref = (ctypes.c_uint64 * 3)(code, hostctx_address, sig_index)
    record = ExportFunction(code=code, vmctx=hostctx_address, sig_index=sig_index,
                            functype=functype, funcref=ctypes.addressof(funcref),
                            entry=None, owner=(cfunc, hostctx, funcref),
                            host_callback=callback)
    store.host_functions[record.funcref] = record
    store.keepalive.append(record)
    return record
