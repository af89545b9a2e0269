"""Calling a function from Python with raw-bit values.

A wasm function is called through the entry trampoline its module emitted for
its signature: ``i32 entry(callee_vmctx, caller_vmctx, code, u64* values)``.
Everything that depends only on the trampoline (the ctypes prototype, the
values array, how to pack and unpack values) is built once per trampoline and
instance and cached in a ``CallPlan`` that the function record points at; its ``run`` is
straight-line Python generated for the signature, so a call costs an
attribute load, a few item stores, one ctypes call and a few item loads.

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
    """How to call one entry trampoline (one signature of one module) in one
    store: the ctypes function, the values array, and ``run``, a function
    made for this signature (straight-line packing and unpacking, no loops)."""

    __slots__ = ("call", "values", "values32", "values_address", "nparams",
                 "functype", "_run", "_store")

    def __init__(self, entry: int, functype: FuncType, store) -> None:
        self.call = _ENTRY_PROTO(entry)
        self.functype = functype
        self.values = (ctypes.c_uint64 * values_array_slots(functype))()
        self.values_address = ctypes.addressof(self.values)
        # the same slots seen as u32 pairs: slot i's low half is values32[2i]
        self.values32 = (ctypes.c_uint32 * (2 * len(self.values))).from_buffer(self.values)
        self.nparams = len(functype.params)
        self._run = None
        self._store = store

    @property
    def run(self):
        """``run(vmctx, code, args) -> results``, generated on first use
        (the API's Func makes its own, func.py: compiling both cost every
        new signature ~0.3 ms more)."""
        run = self._run
        if run is None:
            run = self._run = _make_runner(self, self._store)
        return run


# Signatures up to this many values get generated straight-line code; longer
# ones (rare) loop.
_STRAIGHT_LINE_MAX = 64


def _make_runner(plan: CallPlan, store):
    """``run(vmctx, code, args) -> results`` for ``plan``'s signature."""
    ft = plan.functype
    if len(ft.params) + len(ft.results) > _STRAIGHT_LINE_MAX:
        return _generic_runner(plan, store)
    lines = ["def run(vmctx, code, args):",
             f"    if len(args) != {len(ft.params)}:",
             f"        raise WasmtimeError('wrong number of arguments: expected "
             f"{len(ft.params)}, got %d' % len(args))"]
    # pack, call and unpack under the store lock: the values array is shared
    # by every thread calling this signature in this store
    lines.append("    with lock:")
    if ft.params:
        names = [f"a{i}" for i in range(len(ft.params))]
        lines.append(f"        {', '.join(names)}{',' if len(names) == 1 else ''} = args")
        slot = 0
        for name, t in zip(names, ft.params):
            if t is V128:
                lines.append(f"        v[{slot}] = {name} & M; v[{slot + 1}] = ({name} >> 64) & M")
                slot += 2
            else:
                lines.append(f"        v[{slot}] = {name}")
                slot += 1
    lines += ["        status = call(vmctx, 0, code, address)",
              "        if status:",
              "            raise_for_status(store, status)"]
    results, slot = [], 0
    for t in ft.results:
        if t is V128:
            results.append(f"v[{slot}] | (v[{slot + 1}] << 64)")
            slot += 2
        elif t.size == 4:       # the trampoline stores 4 bytes: read the low half
            results.append(f"v32[{2 * slot}]")
            slot += 1
        else:
            results.append(f"v[{slot}]")
            slot += 1
    lines.append(f"        return [{', '.join(results)}]")
    namespace = {"v": plan.values, "v32": plan.values32, "M": _MASK64,
                 "call": plan.call, "address": plan.values_address,
                 "lock": store.lock, "store": store,
                 "raise_for_status": raise_for_status, "WasmtimeError": WasmtimeError}
    exec("\n".join(lines), namespace)
    return namespace["run"]


def _generic_runner(plan: CallPlan, store):
    """Packing and unpacking in loops, for signatures with very many values."""
    params, results = plan.functype.params, plan.functype.results
    values, call, address = plan.values, plan.call, plan.values_address

    def run(vmctx: int, code: int, args: list[int]) -> list[int]:
        if len(args) != len(params):
            raise WasmtimeError(
                f"wrong number of arguments: expected {len(params)}, got {len(args)}")
        with store.lock:
            slot = 0
            for t, a in zip(params, args):
                values[slot] = a & _MASK64
                if t is V128:
                    values[slot + 1] = (a >> 64) & _MASK64
                    slot += 2
                else:
                    slot += 1
            status = call(vmctx, 0, code, address)
            if status:
                raise_for_status(store, status)
            out, slot = [], 0
            for t in results:
                if t is V128:
                    out.append(values[slot] | (values[slot + 1] << 64))
                    slot += 2
                else:
                    out.append(values[slot] & _mask_for(t))
                    slot += 1
            return out
    return run


def invoke(store, func: ExportFunction, args: list[int]) -> list[int]:
    """Call ``func`` with raw-bit ``args``; its raw-bit results.

    A trap raises ``Trap``; a Python exception raised by a host function on
    the way is re-raised unchanged. One thread at a time runs wasm code of a
    store (``store.lock``, re-entrant): the jmp_buf chain and stack limit in
    VMRuntimeLimits are per store, and ctypes releases the GIL.
    """
    plan = func.call_plan
    if plan is None:
        if func.entry is None:
            return _invoke_host(func, args)
        plan = func.call_plan = _plan_for(store, func)
    return plan.run(func.vmctx, func.code, args)


def call_plan(store, func: ExportFunction) -> CallPlan:
    """The CallPlan of wasm function ``func`` (made and cached on first
    request), for callers that pack the values array themselves."""
    plan = func.call_plan
    if plan is None:
        if func.entry is None:
            raise WasmtimeError("a host function has no entry trampoline plan")
        plan = func.call_plan = _plan_for(store, func)
    return plan


def _plan_for(store, func: ExportFunction) -> CallPlan:
    """The CallPlan of ``func``'s trampoline, shared by the functions of one
    signature in one instance (the owner keeps the cache; a plan belongs to a
    store because its values array is per store)."""
    plans = getattr(func.owner, "call_plans", None)
    if plans is None:
        return CallPlan(func.entry, func.functype, store)
    # keyed by signature too: one trampoline serves all the signatures of
    # its ABI shape (interp/stubs.py abi_type), the plan unpacks one
    key = (func.entry, func.functype)
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = CallPlan(func.entry, func.functype, store)
    return plan


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
