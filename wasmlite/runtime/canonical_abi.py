"""The canonical ABI's two function adapters: ``canon lift`` (a component
function made of a core function: ``lift_func``) and ``canon lower`` (a
core function made of a component function: ``lower_func``), with the
canonical options they share (``CanonOptions``).

Everything that depends on the function's type is decided when the adapter
is made: the codec of each parameter and of the result (abi_codecs.py),
whether parameters or result pass through memory (more than 16 flat
parameters, more than 1 flat result), the offsets. A call then lowers,
calls, lifts, with no type dispatch.

Calls keep the spec's rules: an instance that is running an export (or
that trapped) cannot be entered again (``may_enter``; wasmtime's
"cannot enter component instance", after a trap too, as in Wasmtime); a
``realloc`` running while values are lowered into its instance cannot call
out of it (``may_leave``); a borrow handle lent to a callee must be dropped
before it returns; own handles borrowed by a call are released when it
returns. ``post-return`` runs at the end of every call, as Wasmtime 50 (and
wasmtime-py's ``Func.__call__``) does: ``post_return`` of the API has
nothing left to do.
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Tuple

from ..errors import Trap, WasmtimeError
from ..syntax import types as S
from ..syntax.component_layout import (MAX_FLAT_PARAMS, alignment, elem_size,
                                       flatten_functype, record_offsets)
from ..syntax.component_types import (BorrowType, FuncType, ListType, OptionType, OwnType,
                                      RecordType, ResultType, String, TupleType,
                                      VariantType)
from .abi_codecs import CodecBuilder
from .abi_memory import MemoryView, func_runner, make_realloc, no_realloc
from .abi_strings import ENCODINGS
from .component_resources import CallScope, ComponentInstanceState
from .component_trap import abi_trap, cannot_enter, cannot_leave

__all__ = ["CanonOptions", "lift_func", "lower_func", "core_functype"]

_M32 = 0xFFFFFFFF
_CORE = {"i32": S.I32, "i64": S.I64, "f32": S.F32, "f64": S.F64}


class CanonOptions:
    """The canonical options of one ``canon lift`` / ``canon lower`` (and
    the instance they belong to).

    ``store``: the wasmlite Store; ``memory``: a wasmlite ``Memory`` (or
    None); ``realloc`` / ``post_return``: wasmlite ``Func``s (or None);
    ``string_encoding``: 'utf8', 'utf16' or 'latin1+utf16';
    ``instance_state``: the instance's ComponentInstanceState (handle
    tables, may_enter / may_leave), shared by every canon of the instance
    (a new one when None)."""

    def __init__(self, store: Any, memory: Any = None, realloc: Any = None,
                 post_return: Any = None, string_encoding: str = "utf8",
                 instance_state: Optional[ComponentInstanceState] = None) -> None:
        if string_encoding not in ENCODINGS:
            raise ValueError(f"string_encoding is one of {', '.join(ENCODINGS)}, "
                             f"not {string_encoding!r}")
        if realloc is not None and memory is None:
            raise WasmtimeError("the canonical option `realloc` needs `memory`")
        self.store = store
        self.memory = memory
        self.view = MemoryView(memory) if memory is not None else None
        self.realloc = (make_realloc(store, realloc, self.view) if realloc is not None
                        else no_realloc)
        self.post_return = post_return
        self.string_encoding = string_encoding
        self.instance_state = (instance_state if instance_state is not None
                               else ComponentInstanceState())
        self.scope: Optional[CallScope] = None      # the call running now
        self._builders: dict = {}

    def codecs(self, host_reps: bool, tag_all: bool = False) -> CodecBuilder:
        key = (host_reps, tag_all)
        builder = self._builders.get(key)
        if builder is None:
            builder = self._builders[key] = CodecBuilder(self, host_reps, tag_all)
        return builder


def core_functype(ft: FuncType, context: str) -> S.FuncType:
    """The core function type of ``ft`` lifted (``'lift'``) or lowered
    (``'lower'``), as a syntax-level core FuncType."""
    params, results = flatten_functype(ft, context)
    return S.FuncType(tuple(_CORE[p] for p in params), tuple(_CORE[r] for r in results))


def _spill_layout(types: list) -> Tuple[int, int, list]:
    """(alignment, size, field offsets) of the tuple of ``types`` in memory."""
    tt = TupleType(tuple(types))
    return alignment(tt), elem_size(tt), list(record_offsets(tt)[:-1])


def _need_view(opts: CanonOptions) -> MemoryView:
    if opts.view is None:
        raise WasmtimeError("the canonical option `memory` is required for a function "
                            "whose values pass through memory")
    return opts.view


def _mentions(t: Any, pred: Callable[[Any], bool]) -> bool:
    """Whether ``pred`` holds for ``t`` or a type inside it."""
    if t is None:
        return False
    if pred(t):
        return True
    cls = type(t)
    if cls is ListType:
        return _mentions(t.element, pred)
    if cls is RecordType:
        return any(_mentions(ft, pred) for _, ft in t.fields)
    if cls is TupleType:
        return any(_mentions(et, pred) for et in t.elements)
    if cls is VariantType:
        return any(_mentions(ct, pred) for _, ct in t.cases)
    if cls is OptionType:
        return _mentions(t.payload, pred)
    if cls is ResultType:
        return _mentions(t.ok, pred) or _mentions(t.err, pred)
    return False


def _is_handle(t: Any) -> bool:
    return type(t) is OwnType or type(t) is BorrowType


def _in_memory(t: Any) -> bool:
    """A type whose values live in linear memory, even when passed flat."""
    return type(t) is String or (type(t) is ListType and t.length is None)


def _check_range(mv: memoryview, ptr: int, align: int, size: int, what: str) -> None:
    if ptr & (align - 1):
        raise abi_trap(f"{what} not aligned")
    if ptr + size > len(mv):
        raise abi_trap("pointer out of bounds of memory")


# -- canon lift ---------------------------------------------------------------------

def lift_func(ft: FuncType, core: Any, opts: CanonOptions) -> Callable[..., Any]:
    """The component function ``canon lift`` makes of core function
    ``core`` (a wasmlite Func): ``fn(*values) -> value``, called with Python
    values (TypeError for the wrong number), returning the Python value of
    the result (None without one). Resources come back as ResourceAny."""
    builder = opts.codecs(False)
    ptypes = [t for _, t in ft.params]
    pcodecs = [builder.get(t) for t in ptypes]
    rcodec = builder.get(ft.result) if ft.result is not None else None
    nparams = len(pcodecs)
    store = opts.store
    state = opts.instance_state
    view = opts.view
    run_core = func_runner(core)
    post = func_runner(opts.post_return) if opts.post_return is not None else None
    core_params, core_results = flatten_functype(ft, "lift")
    has_core_result = bool(core_results)

    # -- arguments: flat, or a tuple in memory obtained from realloc
    spilled = sum(c.nflat for c in pcodecs) > MAX_FLAT_PARAMS
    if spilled:
        _need_view(opts)
        realloc = opts.realloc
        palign, psize, poffsets = _spill_layout(ptypes)
        stores = [(c.store, off) for c, off in zip(pcodecs, poffsets)]

        def lower_args(args):
            ptr = realloc(0, 0, palign, psize)
            for (store_param, off), a in zip(stores, args):
                store_param(a, ptr + off)
            return [ptr]
    elif nparams == 1 and pcodecs[0].lower1 is not None:
        lower1 = pcodecs[0].lower1

        def lower_args(args):
            return (lower1(args[0]),)
    elif nparams == 2 and pcodecs[0].lower1 is not None and pcodecs[1].lower1 is not None:
        lower_a, lower_b = pcodecs[0].lower1, pcodecs[1].lower1

        def lower_args(args):
            return (lower_a(args[0]), lower_b(args[1]))
    elif nparams == 1:
        lower0 = pcodecs[0].lower

        def lower_args(args):
            out: list = []
            lower0(args[0], out)
            return out
    elif nparams == 2:
        lower0, lower1 = pcodecs[0].lower, pcodecs[1].lower

        def lower_args(args):
            out: list = []
            lower0(args[0], out)
            lower1(args[1], out)
            return out
    else:
        lowers = [c.lower for c in pcodecs]

        def lower_args(args):
            out: list = []
            for lower_param, a in zip(lowers, args):
                lower_param(a, out)
            return out

    # -- the result: none, flat, or in memory at the pointer the core returns
    if rcodec is None:
        def lift_result(raw):
            return None
    elif rcodec.nflat <= 1:
        lift_flat = rcodec.lift

        def lift_result(raw):
            return lift_flat((raw,), 0)
    else:
        _need_view(opts)
        ralign, rsize, load = rcodec.align, rcodec.size, rcodec.load

        def lift_result(raw):
            ptr = raw & _M32
            mv = view.mv
            _check_range(mv, ptr, ralign, rsize, "return pointer")
            return load(mv, ptr)

    # what a call needs beyond lower, call, lift: decided here, once
    all_types = ptypes + ([ft.result] if ft.result is not None else [])
    uses_handles = any(_mentions(t, _is_handle) for t in all_types)
    lowering_reallocs = spilled or any(_mentions(t, _in_memory) for t in ptypes)
    result_in_memory = rcodec is not None and (rcodec.nflat > 1 or
                                                _mentions(ft.result, _in_memory))
    refresh = view.refresh if (view is not None and result_in_memory) else None
    arity_error = ("wrong number of parameters provided: given {}, "
                   f"expected {nparams}")

    if uses_handles:
        def call(*args: Any) -> Any:
            if len(args) != nparams:
                raise TypeError(arity_error.format(len(args)))
            if not state.may_enter:
                raise cannot_enter()
            state.may_enter = False
            scope = CallScope()
            outer, opts.scope = opts.scope, scope
            try:
                state.may_leave = False
                try:
                    flat = lower_args(args)
                except Trap:
                    raise               # the instance stays unenterable, as after any trap
                except BaseException:
                    # a Python value of the wrong kind: undo, and the instance is usable
                    scope.rollback()
                    state.may_enter = True
                    raise
                finally:
                    state.may_leave = True
                scope.undo = []
                raw = run_core(store, flat)
                if refresh is not None:
                    refresh()
                result = lift_result(raw)
                if post is not None:
                    post(store, (raw,) if has_core_result else ())
                scope.exit_export()
            finally:
                opts.scope = outer
            state.may_enter = True
            return result
    else:
        # no handles: no call scope to keep; realloc may not call out while
        # the arguments are lowered
        def call(*args: Any) -> Any:
            if len(args) != nparams:
                raise TypeError(arity_error.format(len(args)))
            if not state.may_enter:
                raise cannot_enter()
            state.may_enter = False
            if lowering_reallocs:
                state.may_leave = False
                try:
                    flat = lower_args(args)
                except Trap:
                    raise
                except BaseException:
                    state.may_enter = True
                    raise
                finally:
                    state.may_leave = True
            else:
                try:
                    flat = lower_args(args)
                except BaseException:
                    state.may_enter = True
                    raise
            raw = run_core(store, flat)
            if refresh is not None:
                refresh()
            result = lift_result(raw)
            if post is not None:
                post(store, (raw,) if has_core_result else ())
            state.may_enter = True
            return result

    call.__name__ = "component_func"
    call.functype = ft              # for the API and error messages
    return call


# -- canon lower ---------------------------------------------------------------------

def lower_func(ft: FuncType, callee: Callable[..., Any], opts: CanonOptions,
               host_reps: bool = True, tag_all: bool = False
               ) -> Tuple[S.FuncType, Callable[..., Any]]:
    """What ``canon lower`` makes of component function ``callee``: the
    core function type (syntax-level; ``wasmlite.FuncType._wrap`` makes the
    API's) and ``core(*core_args) -> core result`` (for a wasmlite host
    Func: i32s arrive as ints, the result is one value or None). It lifts
    the core arguments into Python values, calls ``callee(*values)`` and
    lowers what it returns (into the caller's return pointer when the
    result passes through memory).

    ``host_reps``: a resource of a host-defined type (``instance is None``)
    reaches ``callee`` as its rep (any Python object), and ``callee`` may
    return an ``own`` of such a type as its rep; guest-defined resources
    reach it as ResourceAny (valid only during the call when borrowed). With
    ``host_reps=False`` every resource is a ResourceAny, as in wasmtime-py.
    ``tag_all``: every variant and result is a ``Variant`` (the WASI host's
    convention)."""
    builder = opts.codecs(host_reps, tag_all)
    ptypes = [t for _, t in ft.params]
    pcodecs = [builder.get(t) for t in ptypes]
    rcodec = builder.get(ft.result) if ft.result is not None else None
    state = opts.instance_state
    view = opts.view
    functype = core_functype(ft, "lower")

    all_types = ptypes + ([ft.result] if ft.result is not None else [])
    uses_handles = any(_mentions(t, _is_handle) for t in all_types)
    args_in_memory = any(_mentions(t, _in_memory) for t in ptypes)

    # -- arguments: flat, or a pointer to a tuple in memory
    if sum(c.nflat for c in pcodecs) > MAX_FLAT_PARAMS:
        _need_view(opts)
        palign, psize, poffsets = _spill_layout(ptypes)
        loads = [(c.load, off) for c, off in zip(pcodecs, poffsets)]

        def lift_args(core_args):
            ptr = core_args[0] & _M32
            mv = view.refresh()
            _check_range(mv, ptr, palign, psize, "pointer")
            return [load(mv, ptr + off) for load, off in loads]
    else:
        offsets, k = [], 0
        for c in pcodecs:
            offsets.append(k)
            k += c.nflat
        lifts = [(c.lift, off) for c, off in zip(pcodecs, offsets)]
        refresh = view.refresh if (view is not None and args_in_memory) else None
        if refresh is None and len(lifts) == 1:
            lift0 = lifts[0][0]

            def lift_args(core_args):
                return (lift0(core_args, 0),)
        elif refresh is None:
            def lift_args(core_args):
                return [lift_param(core_args, off) for lift_param, off in lifts]
        else:
            def lift_args(core_args):
                refresh()
                return [lift_param(core_args, off) for lift_param, off in lifts]

    # -- the result: none, one flat value, or stored at the return pointer
    if rcodec is None:
        def lower_result(r, core_args):
            if r is not None:
                raise WasmtimeError("callback produced results when it shouldn't")
            return None
    elif rcodec.nflat <= 1:
        lower_flat = rcodec.lower

        def lower_result(r, core_args):
            out: list = []
            lower_flat(r, out)
            return out[0] if out else None
    else:
        _need_view(opts)
        ralign, rsize, store_result = rcodec.align, rcodec.size, rcodec.store

        def lower_result(r, core_args):
            retptr = core_args[-1] & _M32
            _check_range(view.refresh(), retptr, ralign, rsize, "return pointer")
            store_result(r, retptr)
            return None
    # the result's lowering may call realloc (which may not call out) and
    # write memory the callee may have grown
    result_reallocs = rcodec is not None and (rcodec.nflat > 1 or
                                              _mentions(ft.result, _in_memory))
    refresh_view = view.refresh if view is not None else None

    # one core function per shape, chosen here so that a call tests nothing
    # it need not: the general one (a call scope for handles; the result's
    # lowering guarded, after a fresh view, where it may realloc), then the
    # two common flat ones without either
    if uses_handles or result_reallocs:
        def core(*core_args: Any) -> Any:
            if not state.may_leave:
                raise cannot_leave()
            if uses_handles:
                scope = CallScope()
                outer, opts.scope = opts.scope, scope
            try:
                args = lift_args(core_args)
                could_enter, state.may_enter = state.may_enter, False
                try:
                    r = callee(*args)
                    if refresh_view is not None:
                        refresh_view()
                    state.may_leave = False
                    try:
                        return lower_result(r, core_args)
                    finally:
                        state.may_leave = True
                finally:
                    state.may_enter = could_enter
            finally:
                if uses_handles:
                    scope.exit_import()
                    opts.scope = outer
    elif rcodec is not None and rcodec.lower1 is not None:
        lower1 = rcodec.lower1

        def core(*core_args: Any) -> Any:
            if not state.may_leave:
                raise cannot_leave()
            args = lift_args(core_args)
            could_enter, state.may_enter = state.may_enter, False
            try:
                return lower1(callee(*args))
            finally:
                state.may_enter = could_enter
    else:
        def core(*core_args: Any) -> Any:
            if not state.may_leave:
                raise cannot_leave()
            args = lift_args(core_args)
            could_enter, state.may_enter = state.may_enter, False
            try:
                return lower_result(callee(*args), core_args)
            finally:
                state.may_enter = could_enter

    core.__name__ = "lowered_component_func"
    return functype, core
