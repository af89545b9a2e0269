"""``Func`` (wasm or host function) and ``Caller``.

Calls cross the boundary through code generated once per signature (and
cached per FuncType): a *runner* that checks and stores the Python arguments
straight into typed fields over the entry trampoline's values array, makes
one ctypes call and reads typed results back; and a *host callback* that
reads the host trampoline's values as typed fields, calls the Python
function and stores its results. Everything a call needs (the ctypes
function, the values views, vmctx and code address) is bound when the Func
object is made, so ``func(store, *args)`` does a fixed amount of work.
"""
from __future__ import annotations

import ctypes
import threading
from typing import Any, Callable, Optional

from .compile.vmcontext import HOSTCTX_RUNTIME_DATA
from .errors import WasmtimeError
from .managed import closed_error
from .runtime import ExportFunction, call_plan, make_host_function
from .runtime.host import host_raised
from .runtime.trap import raise_for_status
from .store import Store, store_of, wrong_store
from .syntax import types as S
from .trap import add_frames
from .types import FuncType
from .value import (any_of_raw, from_raw, func_of_raw, normalize, to_anyref, to_exnref,
                    to_externref, to_f32, to_f64, to_funcref, to_i32, to_i64, to_raw, to_v128)

__all__ = ["Func", "Caller"]

_M64 = 2**64 - 1

# -- typed views of a values array ---------------------------------------------

_CTYPE = {S.I32: ctypes.c_int32, S.I64: ctypes.c_int64, S.F32: ctypes.c_float,
          S.F64: ctypes.c_double, S.FUNCREF: ctypes.c_uint64,
          S.EXTERNREF: ctypes.c_uint64, S.EXNREF: ctypes.c_uint64, S.ANYREF: ctypes.c_uint64}


def _struct_for(types, prefix: str) -> type:
    """A ctypes Structure with one typed field per value at its 8-byte slot
    (``{prefix}{i}``; v128 as ``{prefix}{i}l`` / ``{prefix}{i}h``)."""
    fields = []
    for i, t in enumerate(types):
        if t is S.V128:
            fields += [(f"{prefix}{i}l", ctypes.c_uint64), (f"{prefix}{i}h", ctypes.c_uint64)]
        else:
            fields.append((f"{prefix}{i}", _CTYPE[t.top]))
            if t.size == 4:
                fields.append((f"_pad{i}", ctypes.c_uint32))
    return type(f"Values_{prefix}", (ctypes.Structure,), {"_fields_": fields})


# -- per-signature code ------------------------------------------------------------

def _store_value(lines: list[str], indent: str, t, src: str, dst: str) -> None:
    """Lines storing Python value ``src`` of type ``t`` into field ``dst``."""
    if not t.nullable:
        # (ref $t) / (ref func): wasm code relies on never seeing null here
        lines += [f"{indent}if {src} is None:",
                  f"{indent}    raise TypeError('None passed for a non-nullable {t}')"]
    t = t.top       # a typed reference crosses as its abstract type
    if t is S.I32 or t is S.I64:
        # a ctypes integer field wraps any int to its width, as wasmtime-py
        # wraps arguments; the slow path checks and unwraps everything else
        conv = "to_i32" if t is S.I32 else "to_i64"
        lines += [f"{indent}if type({src}) is int:",
                  f"{indent}    {dst} = {src}",
                  f"{indent}else:",
                  f"{indent}    {dst} = {conv}({src})"]
    elif t is S.F32 or t is S.F64:
        conv = "to_f32" if t is S.F32 else "to_f64"
        lines += [f"{indent}{dst} = {src} if type({src}) is float else {conv}({src})"]
    elif t is S.V128:
        lines += [f"{indent}_x = to_v128({src})",
                  f"{indent}{dst}l = _x & M64",
                  f"{indent}{dst}h = _x >> 64"]
    elif t is S.FUNCREF:
        lines += [f"{indent}{dst} = to_funcref({src}, S)"]
    elif t is S.EXNREF:
        lines += [f"{indent}{dst} = to_exnref({src}, S)"]
    elif t is S.ANYREF:
        lines += [f"{indent}{dst} = to_anyref({src}, S)"]
    else:
        lines += [f"{indent}{dst} = to_externref({src}, S)"]


def _load_value(t, src: str) -> str:
    """Expression for the Python value of field ``src`` of type ``t``."""
    t = t.top       # a typed funcref reaches Python as a Func
    if t is S.V128:
        return f"({src}l | ({src}h << 64))"
    if t is S.FUNCREF:
        return f"func_of_raw({src}, S)"
    if t is S.EXTERNREF or t is S.EXNREF:      # (an exnref: a store handle too)
        return f"RT.handle_to_extern({src})"
    if t is S.ANYREF:
        return f"any_of_raw({src}, S)"
    return src


_GLOBALS = {"to_i32": to_i32, "to_i64": to_i64, "to_f32": to_f32, "to_f64": to_f64,
            "to_v128": to_v128, "to_funcref": to_funcref, "to_externref": to_externref,
            "to_exnref": to_exnref, "to_anyref": to_anyref, "any_of_raw": any_of_raw,
            "func_of_raw": func_of_raw, "M64": _M64, "WasmtimeError": WasmtimeError,
            "store_of": store_of, "wrong_store": wrong_store, "closed_error": closed_error,
            "host_raised": host_raised}


def _arity_message(given: int, expected: int) -> str:
    which = "few" if given < expected else "many"
    return f"too {which} parameters provided: given {given}, expected {expected}"


def _compile(source: str, name: str) -> Callable:
    namespace = dict(_GLOBALS)
    namespace["arity_message"] = _arity_message
    exec(compile(source, f"<wasmlite {name}>", "exec"), namespace)
    return namespace[name]


def _runner_source(ft: S.FuncType) -> str:
    """``make(call, address, P, R, vmctx, code, lock, S, RT, fail) -> run``;
    ``run(store, args)`` calls the wasm function with Python arguments."""
    n = len(ft.params)
    lines = ["def make(call, address, P, R, vmctx, code, lock, S, RT, fail):",
             "    def run(store, args):",
             "        if store is not S:",
             "            if store_of(store) is not S:",
             "                raise wrong_store()",
             "        elif S._closed:",
             "            raise closed_error(S)",
             f"        if len(args) != {n}:",
             f"            raise WasmtimeError(arity_message(len(args), {n}))"]
    if n:
        names = [f"a{i}" for i in range(n)]
        lines.append(f"        {', '.join(names)}, = args")
    # the values array is shared by the functions of one signature and
    # instance: pack, call and unpack under the store's (re-entrant) lock
    lines.append("        with lock:")
    for i, t in enumerate(ft.params):
        _store_value(lines, "            ", t, f"a{i}", f"P.a{i}")
    lines += ["            status = call(vmctx, 0, code, address)",
              "            if status:",
              "                fail(status)"]
    results = [_load_value(t, f"R.r{i}") for i, t in enumerate(ft.results)]
    if not results:
        lines.append("        return None")
    elif len(results) == 1:
        lines.append(f"            return {results[0]}")
    else:
        lines.append(f"            return [{', '.join(results)}]")
    lines.append("    return run")
    return "\n".join(lines)


def _host_source(ft: S.FuncType, access_caller: bool) -> str:
    """``make(fn, PT, RT_, S, RT, new_caller) -> cb``; ``cb(hostctx,
    address) -> status`` is the Python side of the host trampoline."""
    args = [_load_value(t, f"p.a{i}") for i, t in enumerate(ft.params)]
    lines = ["def make(fn, PT, RTYPE, S, RT, new_caller):",
             "    def cb(ctx, address):",
             "        try:"]
    if args:
        lines.append("            p = PT.from_address(address)")
    if access_caller:
        lines += ["            caller = new_caller(ctx)",
                  "            try:",
                  f"                r = fn({', '.join(['caller'] + args)})",
                  "            finally:",
                  "                caller._store = None"]
    else:
        lines.append(f"            r = fn({', '.join(args)})")
    nres = len(ft.results)
    if nres == 0:
        lines += ["            if r is not None:",
                  "                raise WasmtimeError(\"callback produced results when it shouldn't\")"]
    else:
        lines.append("            q = RTYPE.from_address(address)")
        if nres == 1:
            _store_value(lines, "            ", ft.results[0], "r", "q.r0")
        else:
            lines += ["            if type(r) is not list and type(r) is not tuple:",
                      f"                raise TypeError('a host function with {nres} results must "
                      "return a list or tuple, got %s' % type(r).__name__)",
                      f"            if len(r) != {nres}:",
                      "                raise WasmtimeError('callback produced wrong number of results')"]
            for i, t in enumerate(ft.results):
                lines.append(f"            x{i} = r[{i}]")
                _store_value(lines, "            ", t, f"x{i}", f"q.r{i}")
    lines += ["            return 0",
              "        except BaseException as exc:  # re-raised by the entry's caller",
              "            return host_raised(RT, exc)",
              "    return cb"]
    return "\n".join(lines)


# Signatures of at most four numbers and at most one number back (most
# exports) take one of these prewritten runners instead of generated code:
# the same statements as ``_runner_source`` makes for them, with each
# parameter's type test and conversion bound as closure variables.
# Compiling a generated runner cost a process's first call of each such
# signature ~0.3-0.5 ms.
_SCALAR = {S.I32: (int, to_i32), S.I64: (int, to_i64), S.F32: (float, to_f32),
           S.F64: (float, to_f64)}


def _check_call(store, S, args, n: int) -> None:
    if store is not S:
        if store_of(store) is not S:
            raise wrong_store()
    elif S._closed:
        raise closed_error(S)
    if len(args) != n:
        raise WasmtimeError(_arity_message(len(args), n))


def _scalar0(call, address, P, R, vmctx, code, lock, S, fail, one):
    def run(store, args):
        if store is not S or S._closed or args:
            _check_call(store, S, args, 0)
        with lock:
            status = call(vmctx, 0, code, address)
            if status:
                fail(status)
            return R.r0 if one else None
    return run


def _scalar1(call, address, P, R, vmctx, code, lock, S, fail, one, k0, c0):
    def run(store, args):
        if store is not S or S._closed or len(args) != 1:
            _check_call(store, S, args, 1)
        a0, = args
        with lock:
            P.a0 = a0 if type(a0) is k0 else c0(a0)
            status = call(vmctx, 0, code, address)
            if status:
                fail(status)
            return R.r0 if one else None
    return run


def _scalar2(call, address, P, R, vmctx, code, lock, S, fail, one, k0, c0, k1, c1):
    def run(store, args):
        if store is not S or S._closed or len(args) != 2:
            _check_call(store, S, args, 2)
        a0, a1 = args
        with lock:
            P.a0 = a0 if type(a0) is k0 else c0(a0)
            P.a1 = a1 if type(a1) is k1 else c1(a1)
            status = call(vmctx, 0, code, address)
            if status:
                fail(status)
            return R.r0 if one else None
    return run


def _scalar3(call, address, P, R, vmctx, code, lock, S, fail, one, k0, c0, k1, c1, k2, c2):
    def run(store, args):
        if store is not S or S._closed or len(args) != 3:
            _check_call(store, S, args, 3)
        a0, a1, a2 = args
        with lock:
            P.a0 = a0 if type(a0) is k0 else c0(a0)
            P.a1 = a1 if type(a1) is k1 else c1(a1)
            P.a2 = a2 if type(a2) is k2 else c2(a2)
            status = call(vmctx, 0, code, address)
            if status:
                fail(status)
            return R.r0 if one else None
    return run


def _scalar4(call, address, P, R, vmctx, code, lock, S, fail, one, k0, c0, k1, c1, k2, c2,
             k3, c3):
    def run(store, args):
        if store is not S or S._closed or len(args) != 4:
            _check_call(store, S, args, 4)
        a0, a1, a2, a3 = args
        with lock:
            P.a0 = a0 if type(a0) is k0 else c0(a0)
            P.a1 = a1 if type(a1) is k1 else c1(a1)
            P.a2 = a2 if type(a2) is k2 else c2(a2)
            P.a3 = a3 if type(a3) is k3 else c3(a3)
            status = call(vmctx, 0, code, address)
            if status:
                fail(status)
            return R.r0 if one else None
    return run


_SCALAR_RUNNERS = (_scalar0, _scalar1, _scalar2, _scalar3, _scalar4)


def _scalar_maker(ft: S.FuncType) -> Optional[Callable]:
    """A maker as ``_runner_source``'s for ``ft`` from a prewritten runner,
    or None when ``ft`` is not numbers in, at most one number out."""
    if len(ft.params) >= len(_SCALAR_RUNNERS) or len(ft.results) > 1 or not all(
            t in _SCALAR for t in (*ft.params, *ft.results)):
        return None
    body = _SCALAR_RUNNERS[len(ft.params)]
    bound = [x for t in ft.params for x in _SCALAR[t]]
    one = bool(ft.results)

    def make(call, address, P, R, vmctx, code, lock, S, RT, fail):
        return body(call, address, P, R, vmctx, code, lock, S, fail, one, *bound)
    return make


class _Signature:
    """Everything generated for one FuncType (shared by all engines: it is
    pure code and ctypes types, no state). Each maker is compiled the first
    time it is needed: a signature is usually only called, or only
    implemented by the host, and each compile costs ~0.3 ms of start-up."""

    __slots__ = ("ft", "params_struct", "results_struct", "_makers")

    def __init__(self, ft: S.FuncType) -> None:
        self.ft = ft
        self.params_struct = _struct_for(ft.params, "a")
        self.results_struct = _struct_for(ft.results, "r")
        self._makers: dict[str, Callable] = {}

    def _maker(self, kind: str) -> Callable:
        make = self._makers.get(kind)
        if make is None:
            with _signatures_lock:
                make = self._makers.get(kind)
                if make is None:
                    make = _scalar_maker(self.ft) if kind == "runner" else None
                    if make is None:
                        source = (_runner_source(self.ft) if kind == "runner"
                                  else _host_source(self.ft, kind == "host_caller"))
                        make = _compile(source, "make")
                    self._makers[kind] = make
        return make

    @property
    def make_runner(self) -> Callable:
        return self._maker("runner")

    @property
    def make_host(self) -> Callable:
        return self._maker("host")

    @property
    def make_host_caller(self) -> Callable:
        return self._maker("host_caller")


_signatures: dict[S.FuncType, _Signature] = {}
_signatures_lock = threading.Lock()


def _signature(ft: S.FuncType) -> _Signature:
    sig = _signatures.get(ft)
    if sig is None:
        with _signatures_lock:
            sig = _signatures.get(ft)
            if sig is None:
                sig = _signatures[ft] = _Signature(ft)
    return sig


# -- Func -----------------------------------------------------------------------

def _results_out(results: list, count: int):
    if count == 0:
        return None
    if count == 1:
        return results[0]
    return results


class Func:
    """A function: ``Func(store, ty, callable, access_caller=False)`` makes a
    host function; instances hand out their wasm functions as Funcs too."""

    __slots__ = ("_record", "_store", "_run", "__weakref__")

    def __init__(self, store, ty: FuncType, func: Callable,
                 access_caller: bool = False) -> None:
        store = store_of(store)
        if not isinstance(ty, FuncType):
            raise TypeError(f"expected a FuncType, got {type(ty).__name__}")
        if not callable(func):
            raise TypeError("expected a callable for the host function")
        self._store = store
        self._record = _host_record(store, ty._inner, func, bool(access_caller),
                                    getattr(ty, "_deftype", None))
        self._run = self._record.api_run = _host_runner(store, self._record, func,
                                                        bool(access_caller))

    @classmethod
    def _wrap(cls, store: Store, record: ExportFunction) -> "Func":
        """The Func of a runtime function record of ``store``."""
        f = cls.__new__(cls)
        f._store = store
        f._record = record
        api = getattr(record, "api_run", None)
        if api is None:
            if record.entry is None:
                api = _host_runner(store, record, record.api_callable, record.api_caller)
            else:
                api = _wasm_runner(store, record)
            record.api_run = api
        f._run = api
        return f

    def type(self, store) -> FuncType:
        if store_of(store) is not self._store:
            raise wrong_store()
        return FuncType._wrap(self._record.functype)

    def param_arity(self) -> int:
        return len(self._record.functype.params)

    def result_arity(self) -> int:
        return len(self._record.functype.results)

    def __call__(self, store, *params: Any) -> Any:
        return self._run(store, params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Func) and other._record is self._record

    def __hash__(self) -> int:
        return id(self._record)

    def __repr__(self) -> str:
        return f"<wasmlite.Func {self._record.functype}>"


def _wasm_runner(store: Store, record: ExportFunction) -> Callable:
    rt = store._rt
    plan = call_plan(rt, record)
    sig = _signature(record.functype)
    params = sig.params_struct.from_buffer(plan.values)
    results = sig.results_struct.from_buffer(plan.values)

    def fail(status: int) -> None:
        try:
            raise_for_status(rt, status)
        except BaseException as exc:
            add_frames(exc, store)
            raise

    return sig.make_runner(plan.call, plan.values_address, params, results,
                           record.vmctx, record.code, rt.lock, store, rt, fail)


def _new_caller(store: Store) -> Callable[[int], "Caller"]:
    rt = store._rt
    instances = rt._instances
    read = ctypes.c_uint64.from_address

    def new_caller(hostctx: int) -> Caller:
        return Caller(store, instances.get(read(hostctx + HOSTCTX_RUNTIME_DATA).value))
    return new_caller


def _host_record(store: Store, ft: S.FuncType, func: Callable,
                 access_caller: bool, deftype=None) -> ExportFunction:
    rt = store._rt
    sig = _signature(ft)
    make = sig.make_host_caller if access_caller else sig.make_host
    native = make(func, sig.params_struct, sig.results_struct, store, rt,
                  _new_caller(store))

    def raw_callback(raw_args: list[int]) -> list[int]:
        # calls that do not cross native code (e.g. an imported start function)
        args = [from_raw(t, a, store) for t, a in zip(ft.params, raw_args)]
        if access_caller:
            args.insert(0, Caller(store, None))
        return _raw_results(ft, func(*args), store)

    record = make_host_function(rt, ft, raw_callback, native=native, deftype=deftype)
    record.api_callable = func
    record.api_caller = access_caller
    return record


def _raw_results(ft: S.FuncType, r: Any, store: Store) -> list[int]:
    n = len(ft.results)
    if n == 0:
        if r is not None:
            raise WasmtimeError("callback produced results when it shouldn't")
        return []
    if n == 1:
        r = [r]
    elif type(r) is not list and type(r) is not tuple:
        raise TypeError(f"a host function with {n} results must return a list or "
                        f"tuple, got {type(r).__name__}")
    if len(r) != n:
        raise WasmtimeError("callback produced wrong number of results")
    return [to_raw(t, x, store) for t, x in zip(ft.results, r)]


def _host_runner(store: Store, record: ExportFunction, func: Callable,
                 access_caller: bool) -> Callable:
    """Calling a host function from Python: the same checks and conversions
    as a call from wasm, without native code in between."""
    ft = record.functype
    params, nparams = ft.params, len(ft.params)

    def run(storelike, args) -> Any:
        if store_of(storelike) is not store:
            raise wrong_store()
        if len(args) != nparams:
            raise WasmtimeError(_arity_message(len(args), nparams))
        values = [normalize(t, a, store) for t, a in zip(params, args)]
        if access_caller:
            caller = Caller(store, None)
            try:
                r = func(caller, *values)
            finally:
                caller._store = None
        else:
            r = func(*values)
        raw = _raw_results(ft, r, store)
        return _results_out([from_raw(t, b, store) for t, b in zip(ft.results, raw)],
                            len(ft.results))
    return run


# -- Caller ------------------------------------------------------------------------

class Caller:
    """What a host function made with ``access_caller=True`` receives first:
    the calling instance's exports (``caller["memory"]``, ``caller.get``),
    and a stand-in for the store. Valid only during that call."""

    __slots__ = ("_store", "_instance")

    def __init__(self, store: Store, instance: Optional[Any]) -> None:
        self._store = store
        self._instance = instance

    def _resolve_store(self) -> Store:
        store = self._store
        if store is None:
            raise WasmtimeError("a Caller is only valid during the host call it was given to")
        return store

    def get(self, name: str):
        """The calling instance's export ``name``, or None."""
        store = self._resolve_store()
        if not isinstance(name, str):
            raise TypeError("export name must be a str")
        if self._instance is None:
            return None
        record = self._instance.exports.get(name)
        if record is None:
            return None
        from .extern import wrap_extern
        return wrap_extern(store, record)

    def __getitem__(self, name: str):
        item = self.get(name)
        if item is None:
            raise KeyError(name)
        return item
