"""Wasm GC values through the Python API: GcRef results and arguments,
host functions taking and returning them, tables and globals of GC types,
and the checks that keep a reference from being used where it is no
object of the store (another store's, or one made up from bits)."""
from __future__ import annotations

import pytest

import wasmlite as wl
from wasmlite.runtime.gc_values import GcRef

STRATEGIES = ("llvm", "interpreter")

WAT = """
(module
  (type $s (struct (field i32)))
  (import "host" "echo" (func $echo (param anyref) (result anyref)))
  (global (export "g") (mut anyref) (ref.null any))
  (table (export "t") 2 anyref)
  (func (export "mk") (param i32) (result anyref) (struct.new $s (local.get 0)))
  (func (export "get") (param anyref) (result i32)
    (struct.get $s 0 (ref.cast (ref $s) (local.get 0))))
  (func (export "through_host") (param i32) (result i32)
    (struct.get $s 0 (ref.cast (ref $s) (call $echo (struct.new $s (local.get 0))))))
  (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
  (func (export "is_struct") (param anyref) (result i32) (ref.test (ref $s) (local.get 0)))
)
"""


def _instance(strategy: str, echo=lambda x: x):
    config = wl.Config()
    config.strategy = strategy
    engine = wl.Engine(config)
    store = wl.Store(engine)
    ft = wl.FuncType([wl.ValType.anyref()], [wl.ValType.anyref()])
    inst = wl.Instance(store, wl.Module(engine, WAT), [wl.Func(store, ft, echo)])
    return store, inst.exports(store)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_objects_round_trip_through_python(strategy):
    store, x = _instance(strategy)
    r = x["mk"](store, 42)
    assert isinstance(r, GcRef) and r.i31 is None
    assert x["get"](store, r) == 42
    assert x["is_struct"](store, r) == 1
    assert x["is_struct"](store, None) == 0
    i = x["i31"](store, 7)
    assert isinstance(i, GcRef) and i.i31 == 7
    assert x["is_struct"](store, i) == 0


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_host_functions_take_and_return_gc_values(strategy):
    seen = []

    def echo(v):
        seen.append(v)
        return v

    store, x = _instance(strategy, echo)
    assert x["through_host"](store, 9) == 9
    assert isinstance(seen[0], GcRef)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_globals_and_tables_hold_gc_values(strategy):
    store, x = _instance(strategy)
    r = x["mk"](store, 5)
    x["g"].set_value(store, r)
    x["t"].set(store, 1, r)
    del r
    store.gc()
    assert x["get"](store, x["g"].value(store)) == 5
    assert x["get"](store, x["t"].get(store, 1)) == 5


def test_references_of_another_store_or_made_up_are_refused():
    store, x = _instance("llvm")
    other, y = _instance("llvm")
    r = x["mk"](store, 1)
    with pytest.raises(wl.WasmtimeError, match="does not belong to this store"):
        y["get"](other, r)
    with pytest.raises(wl.WasmtimeError, match="does not belong to this store"):
        x["get"](store, GcRef(0x1000_0000_1000))     # bits, not an object it gave out
    with pytest.raises(TypeError):
        x["get"](store, 5)
    assert x["get"](store, r) == 1


def test_a_typed_reference_result_is_a_gc_value():
    """(ref $struct) results cross as GcRefs (not as funcrefs: the type
    index names a struct type of the module)."""
    wat = '(module (type $s (struct)) (func (export "s") (result (ref $s)) (struct.new $s))' \
          ' (func (export "n") (result (ref null $s)) (ref.null $s)))'
    e = wl.Engine()
    s = wl.Store(e)
    y = wl.Instance(s, wl.Module(e, wat), []).exports(s)
    assert isinstance(y["s"](s), GcRef)
    assert y["n"](s) is None


def test_cli_prints_gc_results_as_the_wasmtime_cli(tmp_path):
    import subprocess
    import sys
    wat = tmp_path / "refs.wat"
    wat.write_text('(module (type $s (struct)) (func (export "s") (result (ref $s)) (struct.new $s))'
                   ' (func (export "n") (result anyref) (ref.null any))'
                   ' (func (export "i") (result i31ref) (ref.i31 (i32.const 1))))')
    out = [subprocess.run([sys.executable, "-m", "wasmlite", "run", "--invoke", f, str(wat)],
                          capture_output=True, text=True).stdout.strip() for f in "sni"]
    assert out == ["<anyref>", "<null anyref>", "<anyref>"]
