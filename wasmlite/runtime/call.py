"""Calling a function from Python with raw-bit values.

A wasm function is called through the entry trampoline its module emitted for
its signature: ``i32 entry(callee_vmctx, caller_vmctx, code, u64* values)``.
Everything that depends only on the trampoline (the ctypes prototype, the
values array, how to pack and unpack values) is built once per trampoline and
store and cached in a ``CallPlan``, so that a call costs a dict lookup, a slice
assignment, one ctypes call and a slice read.

Re-entrancy (wasm -> host -> wasm of the same signature) may reuse the same
values array: the trampoline reads all arguments before calling the callee and
writes results only after it returns, so the nesting never overlaps.
"""
from __future__ import annotations

import ctypes

from ..compile.vmcontext import values_array_slots
from ..errors import WasmtimeError
from ..syntax.types import V128, FuncType
from .export import ExportFunction
from .trap import raise_for_status

_ENTRY_PROTO = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p,
                                ctypes.c_void_p, ctypes.c_void_p)
_MASK64 = (1 << 64) - 1


def _mask_for(t) -> int:
    return (1 << (8 * t.size)) - 1


class CallPlan:
    """How to call one entry trampoline (one signature of one module)."""

    __slots__ = ("call", "values", "values32", "values_address", "nparams",
                 "nresults", "has_v128", "result_masks", "all_narrow", "functype")

    def __init__(self, entry: int, functype: FuncType) -> None:
        self.call = _ENTRY_PROTO(entry)
        self.functype = functype
        self.values = (ctypes.c_uint64 * values_array_slots(functype))()
        self.values_address = ctypes.addressof(self.values)
        # the same slots seen as u32 pairs: slot i's low half is values32[2i]
        self.values32 = (ctypes.c_uint32 * (2 * len(self.values))).from_buffer(self.values)
        self.nparams = len(functype.params)
        self.nresults = len(functype.results)
        self.has_v128 = V128 in functype.params or V128 in functype.results
        masks = tuple(_mask_for(t) for t in functype.results)
        # Only narrow results need masking (the slot may hold stale bits above).
        self.result_masks = masks if any(m != _MASK64 for m in masks) else None
        self.all_narrow = bool(masks) and all(m == 0xFFFFFFFF for m in masks)

    def pack_slow(self, args: list[int]) -> None:
        """Arguments into slots when a v128 takes two of them."""
        values = self.values
        slot = 0
        for t, a in zip(self.functype.params, args):
            if t is V128:
                values[slot] = a & _MASK64
                values[slot + 1] = (a >> 64) & _MASK64
                slot += 2
            else:
                values[slot] = a & _MASK64
                slot += 1

    def unpack_slow(self) -> list[int]:
        values = self.values
        out = []
        slot = 0
        for t in self.functype.results:
            if t is V128:
                out.append(values[slot] | (values[slot + 1] << 64))
                slot += 2
            else:
                out.append(values[slot] & _mask_for(t))
                slot += 1
        return out


def invoke(store, func: ExportFunction, args: list[int]) -> list[int]:
    """Call ``func`` with raw-bit ``args``; its raw-bit results.

    A trap raises ``Trap``; a Python exception raised by a host function on
    the way is re-raised unchanged.
    """
    entry = func.entry
    if entry is None:
        return _invoke_host(func, args)
    plan = store.call_plans.get(entry)
    # (identity check: a freed module's trampoline address may be reused)
    if plan is None or plan.functype is not func.functype:
        plan = store.call_plans[entry] = CallPlan(entry, func.functype)
    if len(args) != plan.nparams:
        raise WasmtimeError(
            f"wrong number of arguments: expected {plan.nparams}, got {len(args)}")
    if plan.has_v128:
        plan.pack_slow(args)
    elif args:
        plan.values[:plan.nparams] = args
    # One thread at a time per store: the jmp_buf chain and stack limit in
    # VMRuntimeLimits are per store, and ctypes releases the GIL. Re-entry
    # from a host function on the same thread is fine (re-entrant lock).
    with store.lock:
        status = plan.call(func.vmctx, 0, func.code, plan.values_address)
    if status:
        raise_for_status(store, status)
    if plan.has_v128:
        return plan.unpack_slow()
    masks = plan.result_masks
    if masks is None:
        return plan.values[:plan.nresults]
    if plan.all_narrow:   # i32/f32 results: the low halves of the slots
        return plan.values32[0:2 * plan.nresults:2]
    return [r & m for r, m in zip(plan.values[:plan.nresults], masks)]


def _invoke_host(func: ExportFunction, args: list[int]) -> list[int]:
    """A host function called from Python: no native code in between."""
    if len(args) != len(func.functype.params):
        raise WasmtimeError(f"wrong number of arguments: expected "
                            f"{len(func.functype.params)}, got {len(args)}")
    results = list(func.host_callback(list(args)))
    if len(results) != len(func.functype.results):
        raise WasmtimeError(f"host function returned {len(results)} values, "
                            f"expected {len(func.functype.results)}")
    return results
