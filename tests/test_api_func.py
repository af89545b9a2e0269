"""Func: calling wasm from Python and Python from wasm (public API).

Behaviour from wasmtime-py's documentation and API.md; where wasmtime-py can
run the same program it is used as a differential oracle.
"""
import math

import pytest

import wasmlite as wt
from wasmlite import Func, FuncType, Trap, TrapCode, Val, ValType, WasmtimeError

from api_support import cheap_engine, instance

I32, I64, F32, F64 = ValType.i32(), ValType.i64(), ValType.f32(), ValType.f64()
EXTERNREF, FUNCREF = ValType.externref(), ValType.funcref()

ENGINE = cheap_engine()

WAT = """
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "add64") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func (export "fadd") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
  (func (export "dadd") (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
  (func (export "none"))
  (func (export "swap") (param i32 i64) (result i64 i32) local.get 1 local.get 0)
  (func (export "id_ext") (param externref) (result externref) local.get 0)
  (func (export "id_func") (param funcref) (result funcref) local.get 0)
  (func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0)))
  (func (export "v128") (param v128) (result v128) local.get 0)
)
"""


@pytest.fixture
def store():
    return wt.Store(ENGINE)


@pytest.fixture
def ex(store):
    return instance(store, WAT)


def test_results_bare_list_none(store, ex):
    assert ex["add"](store, 2, 3) == 5
    assert ex["swap"](store, 7, -8) == [-8, 7]
    assert ex["none"](store) is None


def test_integer_results_are_signed(store, ex):
    assert ex["add"](store, 2**31 - 1, 1) == -2**31
    assert ex["add"](store, 2**32 - 1, 0) == -1
    assert ex["add64"](store, 2**64 - 1, 0) == -1
    assert ex["add64"](store, 2**63 - 1, 1) == -2**63


def test_floats(store, ex):
    assert ex["dadd"](store, 1.25, 2.5) == 3.75
    assert ex["fadd"](store, 0.1, 0.2) == pytest.approx(0.3, rel=1e-6)
    assert math.isnan(ex["dadd"](store, math.nan, 1.0))
    assert ex["dadd"](store, 1, 2) == 3.0          # ints are accepted for floats
    assert ex["fadd"](store, math.inf, 1.0) == math.inf


def test_v128(store, ex):
    x = (1 << 127) | 12345
    assert ex["v128"](store, x) == x


def test_vals_accepted_as_arguments(store, ex):
    assert ex["add"](store, Val.i32(2), Val.i32(5)) == 7
    assert ex["add64"](store, Val.i64(-1), 1) == 0
    with pytest.raises(TypeError, match="wrong type of `Val`"):
        ex["add"](store, Val.i64(2), 5)


@pytest.mark.parametrize("args", [(1,), (), (1, 2, 3)])
def test_wrong_argument_count(store, ex, args):
    with pytest.raises(WasmtimeError, match="parameters provided"):
        ex["add"](store, *args)


@pytest.mark.parametrize("bad", [1.0, "1", None, [1], b"1"])
def test_wrong_python_types_raise_type_error(store, ex, bad):
    with pytest.raises(TypeError):
        ex["add"](store, bad, 1)
    with pytest.raises(TypeError):
        ex["add64"](store, 1, bad)


@pytest.mark.parametrize("bad", ["1.0", None, [1.0]])
def test_wrong_float_types(store, ex, bad):
    with pytest.raises(TypeError):
        ex["dadd"](store, bad, 1.0)


@pytest.mark.parametrize("func,value,wrapped", [
    ("add", 2**32, 0), ("add", -2**31 - 1, 2**31 - 1), ("add", 2**40 + 5, 5),
    ("add64", 2**64, 0), ("add64", -2**63 - 1, 2**63 - 1)])
def test_integers_wrapped_as_wasmtime_py(store, ex, func, value, wrapped):
    assert ex[func](store, value, 0) == wrapped


def test_bool_is_an_int(store, ex):
    assert ex["add"](store, True, True) == 2


def test_externref_identity(store, ex):
    obj = object()
    assert ex["id_ext"](store, obj) is obj
    assert ex["id_ext"](store, None) is None
    assert ex["is_null"](store, None) == 1
    assert ex["is_null"](store, obj) == 0
    assert ex["id_ext"](store, Val.externref(obj)) is obj
    lst = [1, 2]
    assert ex["id_ext"](store, lst) is lst


def test_funcref_round_trip_and_equality(store, ex):
    add = ex["add"]
    back = ex["id_func"](store, add)
    assert back == add
    assert hash(back) == hash(add)
    assert back(store, 1, 2) == 3
    assert ex["id_func"](store, None) is None
    host = Func(store, FuncType([], [I32]), lambda: 42)
    back = ex["id_func"](store, host)
    assert back == host and back(store) == 42
    assert ex["add"] is ex["add"]            # exports are cached objects
    assert ex["add"] != ex["add64"]
    with pytest.raises(TypeError):
        ex["id_func"](store, 3)


def test_func_type_and_arity(store, ex):
    assert ex["swap"].type(store) == FuncType([I32, I64], [I64, I32])
    assert ex["swap"].param_arity() == 2 and ex["swap"].result_arity() == 2


def test_func_of_another_store(store, ex):
    other = wt.Store(ENGINE)
    with pytest.raises(WasmtimeError, match="wrong store"):
        ex["add"](other, 1, 2)
    with pytest.raises(WasmtimeError):
        ex["id_func"](store, Func(other, FuncType([], []), lambda: None))
    with pytest.raises(TypeError):
        ex["add"]("store", 1, 2)


# -- host functions -------------------------------------------------------------

CALL_HOST = """
(module
  (import "" "h" (func $h (param i32) (result i32)))
  (func (export "call") (param i32) (result i32) (call $h (local.get 0))))
"""


def test_host_function_from_wasm_and_python(store):
    seen = []

    def h(x):
        seen.append(x)
        return x * 2
    f = Func(store, FuncType([I32], [I32]), h)
    ex = instance(store, CALL_HOST, [f])
    assert ex["call"](store, 21) == 42
    assert ex["call"](store, -1) == -2
    assert f(store, 5) == 10
    assert f(store, 2**32 - 1) == -2          # the host sees the signed value
    assert seen == [21, -1, 5, -1]


def test_host_function_argument_checks(store):
    f = Func(store, FuncType([I32], [I32]), lambda x: x)
    with pytest.raises(WasmtimeError):
        f(store)
    with pytest.raises(TypeError):
        f(store, 1.5)
    with pytest.raises(TypeError):
        Func(store, FuncType([], []), 3)
    with pytest.raises(TypeError):
        Func(store, "not a type", lambda: None)
    with pytest.raises(TypeError):
        Func("not a store", FuncType([], []), lambda: None)


def test_host_results_converted_and_checked(store):
    def make(result, results=(I32,)):
        f = Func(store, FuncType([I32], list(results)), lambda x: result)
        return instance(store, CALL_HOST if len(results) == 1 else MULTI_HOST, [f])
    assert make(Val.i32(4))["call"](store, 0) == 4
    assert make(2**32 - 1)["call"](store, 0) == -1
    for bad in (1.5, None, "x", [1]):
        with pytest.raises(TypeError):
            make(bad)["call"](store, 0)
    assert make(2**40)["call"](store, 0) == 0          # wrapped, as in wasmtime-py
    with pytest.raises(TypeError):
        make(Val.i64(1))["call"](store, 0)


MULTI_HOST = """
(module
  (import "" "h" (func $h (param i32) (result i32 i64 f64)))
  (func (export "call") (param i32) (result i32 i64 f64) (call $h (local.get 0))))
"""


def test_host_multi_value(store):
    f = Func(store, FuncType([I32], [I32, I64, F64]), lambda x: (x, -x, x / 2))
    ex = instance(store, MULTI_HOST, [f])
    assert ex["call"](store, 3) == [3, -3, 1.5]
    g = Func(store, FuncType([I32], [I32, I64, F64]), lambda x: [1, 2])
    with pytest.raises(WasmtimeError, match="wrong number of results"):
        instance(store, MULTI_HOST, [g])["call"](store, 3)
    h = Func(store, FuncType([I32], [I32, I64, F64]), lambda x: 5)
    with pytest.raises(TypeError):
        instance(store, MULTI_HOST, [h])["call"](store, 3)


def test_host_returning_value_when_none_expected(store):
    f = Func(store, FuncType([], []), lambda: 5)
    ex = instance(store, '(module (import "" "" (func $f)) (func (export "g") call $f))', [f])
    with pytest.raises(WasmtimeError, match="results"):
        ex["g"](store)


class Boom(Exception):
    pass


@pytest.mark.parametrize("exc_type", [Boom, ValueError, KeyboardInterrupt, SystemExit,
                                      RecursionError])
def test_host_exception_comes_out_as_the_same_object(store, exc_type):
    exc = exc_type("from the host")

    def h(x):
        raise exc
    ex = instance(store, CALL_HOST, [Func(store, FuncType([I32], [I32]), h)])
    with pytest.raises(exc_type) as info:
        ex["call"](store, 1)
    assert info.value is exc
    # the store is usable afterwards
    ok = instance(store, CALL_HOST, [Func(store, FuncType([I32], [I32]), lambda x: x)])
    assert ok["call"](store, 9) == 9


def test_trap_raised_by_host_is_a_trap(store):
    def h(x):
        raise Trap("my trap")
    ex = instance(store, CALL_HOST, [Func(store, FuncType([I32], [I32]), h)])
    with pytest.raises(Trap) as info:
        ex["call"](store, 1)
    assert info.value.message == "my trap"
    assert "my trap" in str(info.value)


def test_reentrancy(store):
    wat = """
    (module
      (import "" "h" (func $h (param i32) (result i32)))
      (func (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $h (i32.sub (local.get 0) (i32.const 1))))))))
    """
    box = {}

    def h(n):
        return box["down"](store, n)
    f = Func(store, FuncType([I32], [I32]), h)
    box["down"] = instance(store, wat, [f])["down"]
    assert box["down"](store, 100) == 100


def test_reentrant_trap_lands_in_its_own_frame(store):
    wat = """
    (module
      (import "" "h" (func $h (param i32) (result i32)))
      (func (export "f") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then unreachable)
          (else (call $h (i32.sub (local.get 0) (i32.const 1)))))))
    """
    box = {}
    caught = []

    def h(n):
        try:
            return box["f"](store, n)
        except Trap as t:
            caught.append(t.trap_code)
            return 77
    box["f"] = instance(store, wat, [Func(store, FuncType([I32], [I32]), h)])["f"]
    assert box["f"](store, 3) == 77
    assert caught == [TrapCode.UNREACHABLE]


def test_caller_sees_the_calling_instance(store):
    wat = """
    (module
      (import "" "h" (func $h (param i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 8) "hello")
      (func (export "call") (param i32) (result i32) (call $h (local.get 0)))
      (func (export "nine") (result i32) i32.const 9))
    """
    seen = {}

    def h(caller, n):
        mem = caller["memory"]
        seen["bytes"] = mem.read(caller, 8, 8 + n)
        seen["nine"] = caller.get("nine")(caller)
        seen["missing"] = caller.get("nope")
        with pytest.raises(KeyError):
            caller["nope"]
        seen["caller"] = caller
        return n
    f = Func(store, FuncType([I32], [I32]), h, access_caller=True)
    assert instance(store, wat, [f])["call"](store, 5) == 5
    assert seen["bytes"] == b"hello" and seen["nine"] == 9 and seen["missing"] is None
    # a Caller is only valid during its call
    with pytest.raises(WasmtimeError):
        seen["caller"].get("memory")


def test_caller_of_two_instances_importing_one_host_function(store):
    wat = """
    (module (import "" "h" (func $h (result i32))) (global (export "id") i32 (i32.const {n}))
      (func (export "call") (result i32) call $h))
    """
    f = Func(store, FuncType([], [I32]), lambda caller: caller["id"].value(caller),
             access_caller=True)
    a = instance(store, wat.format(n=1), [f])
    b = instance(store, wat.format(n=2), [f])
    assert (a["call"](store), b["call"](store), a["call"](store)) == (1, 2, 1)
    # called straight from Python there is no calling instance
    assert Func(store, FuncType([], [I32]), lambda c: 0 if c.get("id") is None else 1,
                access_caller=True)(store) == 0


def test_host_externref_and_funcref_params(store):
    wat = """
    (module
      (import "" "h" (func $h (param externref funcref) (result externref)))
      (func $f (export "f") (result i32) i32.const 5)
      (elem declare func $f)
      (func (export "call") (param externref) (result externref)
        (call $h (local.get 0) (ref.func $f))))
    """
    seen = []

    def h(obj, func):
        seen.append(func)
        return obj
    ex = instance(store, wat, [Func(store, FuncType([EXTERNREF, FUNCREF], [EXTERNREF]), h)])
    marker = object()
    assert ex["call"](store, marker) is marker
    assert seen[0] == ex["f"] and seen[0](store) == 5


# -- any arity -------------------------------------------------------------------

N = 1000


def test_1000_params_python_to_wasm(store):
    body = " ".join(f"(local.get {i}) i64.add" for i in range(1, N))
    wat = f'(module (func (export "sum") (param {"i64 " * N}) (result i64) local.get 0 {body}))'
    ex = instance(store, wat)
    args = list(range(-500, 500))
    assert ex["sum"](store, *args) == sum(args)
    with pytest.raises(WasmtimeError):
        ex["sum"](store, *args[:-1])


def test_1000_results_wasm_to_python(store):
    consts = " ".join(f"(i32.const {i - 500})" for i in range(N))
    ex = instance(store, f'(module (func (export "many") (result {"i32 " * N}) {consts}))')
    assert ex["many"](store) == list(range(-500, 500))


def test_1000_params_wasm_to_host(store):
    got = []

    def h(*args):
        got.append(args)
        return sum(args)
    f = Func(store, FuncType([I32] * N, [I64]), h)
    consts = " ".join(f"(i32.const {i})" for i in range(N))
    wat = (f'(module (import "" "h" (func $h (param {"i32 " * N}) (result i64))) '
           f'(func (export "call") (result i64) {consts} call $h))')
    assert instance(store, wat, [f])["call"](store) == sum(range(N))
    assert got == [tuple(range(N))]
    assert f(store, *range(N)) == sum(range(N))


def test_1000_results_host_to_wasm(store):
    f = Func(store, FuncType([], [F64] * N), lambda: [i / 2 for i in range(N)])
    wat = (f'(module (import "" "h" (func $h (result {"f64 " * N}))) '
           f'(func (export "call") (result {"f64 " * N}) call $h))')
    assert instance(store, wat, [f])["call"](store) == [i / 2 for i in range(N)]


# -- differential against wasmtime-py ----------------------------------------------

EDGE_I32 = [0, 1, -1, 2**31 - 1, -2**31, 2**32 - 1, 12345]
EDGE_I64 = [0, 1, -1, 2**63 - 1, -2**63, 2**64 - 1]
EDGE_F = [0.0, -0.0, 1.5, -2.25, 1e30, 3.4e38, math.inf, -math.inf, 1e-45]


def test_differential_against_wasmtime(store, ex):
    wasmtime = pytest.importorskip("wasmtime")
    ws = wasmtime.Store()
    wex = wasmtime.Instance(ws, wasmtime.Module(ws.engine, WAT), []).exports(ws)
    for a in EDGE_I32:
        for b in EDGE_I32:
            if not (-2**31 <= a < 2**32 and -2**31 <= b < 2**32):
                continue
            assert ex["add"](store, a, b) == wex["add"](ws, a, b)
    for a in EDGE_I64:
        for b in EDGE_I64:
            assert ex["add64"](store, a, b) == wex["add64"](ws, a, b)
    for a in EDGE_F:
        for b in EDGE_F:
            for name in ("fadd", "dadd"):
                ours, theirs = ex[name](store, a, b), wex[name](ws, a, b)
                assert ours == theirs or (math.isnan(ours) and math.isnan(theirs))
    assert ex["swap"](store, -5, 2**63) == wex["swap"](ws, -5, 2**63)


def test_calls_from_threads_do_not_mix_arguments(store, ex):
    import threading
    add = ex["add"]
    errors = []

    def work(k):
        for i in range(2000):
            if add(store, k, i) != k + i:
                errors.append((k, i))
    threads = [threading.Thread(target=work, args=(k * 100000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_deep_reentrancy_with_a_bigger_wasm_stack():
    import sys
    config = wt.Config()
    config.cranelift_opt_level = "none"
    config.max_wasm_stack = 6 << 20
    store = wt.Store(wt.Engine(config))
    wat = """
    (module
      (import "" "h" (func $h (param i32) (result i32)))
      (func (export "down") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (i32.const 1) (call $h (i32.sub (local.get 0) (i32.const 1))))))))
    """
    box = {}
    f = Func(store, FuncType([I32], [I32]), lambda n: box["down"](store, n))
    box["down"] = instance(store, wat, [f])["down"]
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20000))
    try:
        assert box["down"](store, 1000) == 1000
        # far deeper: a stack-overflow trap, never a crash
        with pytest.raises(Trap) as info:
            box["down"](store, 100000)
        assert info.value.trap_code == TrapCode.STACK_OVERFLOW
    finally:
        sys.setrecursionlimit(limit)


def test_max_wasm_stack_beyond_the_thread_stack_is_refused():
    with pytest.raises(WasmtimeError):
        wt.Config().max_wasm_stack = 1 << 40
