"""The GC heap's collector (runtime/gc_heap.py, gc_collect.py, gc_roots.py):
garbage is reclaimed in bounded memory, cycles go, and objects held only by
compiled frames, interpreter frames, host code (GcRef), globals, tables or
a host call in progress survive collections, in every strategy.

How a test sees a wrongly freed object: freed space is reused by the next
allocations, so after the collections it fills the heap with fresh
objects holding other values, then reads the held object's fields back.
"""
from __future__ import annotations

import gc as python_gc
import weakref

import pytest

import wasmlite as wl
from conftest import strategy_engine

STRATEGIES = ("llvm", "interpreter", "auto-early")

WAT = """
(module
  (type $pair (struct (field $a (mut i32)) (field $next (mut (ref null $pair)))))
  (type $box (struct (field $x externref)))
  (type $bytes (array (mut i8)))
  (import "host" "call" (func $host (param anyref) (result anyref)))
  (global $keep (mut (ref null $pair)) (ref.null $pair))
  (global $box (mut (ref null $box)) (ref.null $box))
  (table $t 4 anyref)

  ;; garbage: n short-lived pairs (and a byte array every 64), each
  ;; holding tag; the newest one's value back
  (func $churn (export "churn") (param $n i32) (param $tag i32) (result i32)
    (local $p (ref null $pair)) (local $i i32)
    (loop $l
      (local.set $p (struct.new $pair (local.get $tag) (local.get $p)))
      (if (i32.eqz (i32.and (local.get $i) (i32.const 63)))
        (then (local.set $p (struct.new $pair (local.get $tag) (ref.null $pair)))
              (drop (array.new $bytes (local.get $tag) (i32.const 200)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (struct.get $pair $a (local.get $p)))

  ;; a list of n pairs a0, a0+1, ... held by a local only, across churn;
  ;; the sum of its values after
  (func $list (param $n i32) (param $a0 i32) (result (ref null $pair))
    (local $p (ref null $pair)) (local $i i32)
    (block $e (loop $l
      (br_if $e (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $p (struct.new $pair (i32.add (local.get $a0) (local.get $i)) (local.get $p)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $p))
  (func $sum (export "sum") (param $p (ref null $pair)) (result i32)
    (local $s i32)
    (block $e (loop $l
      (br_if $e (ref.is_null (local.get $p)))
      (local.set $s (i32.add (local.get $s) (struct.get $pair $a (local.get $p))))
      (local.set $p (struct.get $pair $next (local.get $p)))
      (br $l)))
    (local.get $s))
  (func (export "held_by_frame") (param $n i32) (result i32)
    (local $p (ref null $pair))
    (local.set $p (call $list (local.get $n) (i32.const 1)))
    (drop (call $churn (i32.const 300000) (i32.const 7)))
    (call $sum (local.get $p)))
  (func (export "make_list") (param $n i32) (result anyref)
    (call $list (local.get $n) (i32.const 1)))
  (func (export "sum_any") (param anyref) (result i32)
    (call $sum (ref.cast (ref null $pair) (local.get 0))))

  ;; across a host call: the list stays in this frame while the host runs
  (func (export "held_across_host") (param $n i32) (result i32)
    (local $p (ref null $pair))
    (local.set $p (call $list (local.get $n) (i32.const 1)))
    (drop (call $host (ref.null any)))
    (call $sum (local.get $p)))

  ;; a cycle of two pairs in a global, then dropped
  (func (export "make_cycle")
    (local $a (ref $pair)) (local $b (ref $pair))
    (local.set $a (struct.new $pair (i32.const 1) (ref.null $pair)))
    (local.set $b (struct.new $pair (i32.const 2) (local.get $a)))
    (struct.set $pair $next (local.get $a) (local.get $b))
    (global.set $keep (local.get $a)))
  (func (export "drop_keep") (global.set $keep (ref.null $pair)))
  (func (export "keep_list") (param $n i32) (global.set $keep (call $list (local.get $n) (i32.const 1))))
  (func (export "sum_keep") (result i32) (call $sum (global.get $keep)))
  (func (export "table_list") (param $n i32)
    (table.set $t (i32.const 2) (call $list (local.get $n) (i32.const 1))))
  (func (export "sum_table") (result i32)
    (call $sum (ref.cast (ref null $pair) (table.get $t (i32.const 2)))))

  ;; an externref inside a GC object
  (func (export "box") (param externref) (global.set $box (struct.new $box (local.get 0))))
  (func (export "unbox") (result externref) (struct.get $box $x (global.get $box)))
  (func (export "drop_box") (global.set $box (ref.null $box)))

  (func (export "big") (param $n i32) (result i32)
    (array.len (array.new_default $bytes (local.get $n))))
)
"""


def _setup(strategy: str, host=None):
    engine = strategy_engine(strategy)
    store = wl.Store(engine)
    module = wl.Module(engine, WAT)
    anyref = wl.ValType.anyref()
    ft = wl.FuncType([anyref], [anyref])
    f = wl.Func(store, ft, host or (lambda x: x))
    inst = wl.Instance(store, module, [f])
    return store, inst.exports(store), store._rt.gc_heap


def _expected(n: int) -> int:
    return n * (n + 1) // 2


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_garbage_is_reclaimed_in_bounded_memory(strategy):
    store, x, heap = _setup(strategy)
    # ~60 MB allocated in short-lived objects, a few KB live at any time
    for round_ in range(5):
        assert x["churn"](store, 250_000, round_) == round_
    assert heap.collections >= 3
    assert heap.top - heap.base < 24 << 20


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_roots_held_only_by_wasm_frames_survive(strategy):
    store, x, heap = _setup(strategy)
    assert x["held_by_frame"](store, 500) == _expected(500)
    assert heap.collections >= 1


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_roots_held_only_by_host_code_survive(strategy):
    store, x, heap = _setup(strategy)
    ref = x["make_list"](store, 300)
    for _ in range(3):
        x["churn"](store, 300_000, 9)
    assert heap.collections >= 1
    assert x["sum_any"](store, ref) == _expected(300)
    del ref
    python_gc.collect()
    store.gc()
    assert not heap.pins


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_collection_during_a_host_call(strategy):
    box = {}

    def host(arg):
        box["store"].gc()                         # the frame below holds the list
        box["x"]["churn"](box["store"], 300_000, 5)   # and more collections inside
        return None

    store, x, heap = _setup(strategy, host)
    box.update(store=store, x=x)
    before = heap.collections
    assert x["held_across_host"](store, 400) == _expected(400)
    assert heap.collections >= before + 2


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_globals_and_tables_are_roots(strategy):
    store, x, heap = _setup(strategy)
    x["keep_list"](store, 200)
    x["table_list"](store, 100)
    x["churn"](store, 300_000, 3)
    store.gc()
    assert x["sum_keep"](store) == _expected(200)
    assert x["sum_table"](store) == _expected(100)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_cycles_are_collected(strategy):
    store, x, heap = _setup(strategy)
    store.gc()
    base = heap.live_bytes
    x["make_cycle"](store)
    store.gc()
    assert heap.live_bytes == base + 2 * 24       # two pairs: header + two fields
    x["drop_keep"](store)
    store.gc()
    assert heap.live_bytes == base


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_externrefs_inside_gc_objects_are_released(strategy):
    store, x, heap = _setup(strategy)

    class Payload:
        pass

    obj = Payload()
    alive = weakref.ref(obj)
    x["box"](store, obj)
    del obj
    python_gc.collect()
    store.gc()
    assert alive() is not None                    # the struct in the global holds it
    assert x["unbox"](store) is alive()
    x["drop_box"](store)
    store.gc()
    python_gc.collect()
    assert alive() is None


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_a_full_heap_is_an_error_not_a_crash(strategy):
    store, x, heap = _setup(strategy)
    store.set_limits(memory_size=8 << 20)
    assert x["big"](store, 1 << 20) == 1 << 20
    # beyond the store's limit: Wasmtime's error (not a trap), after collecting
    with pytest.raises(wl.WasmtimeError, match="GC heap out of memory"):
        x["big"](store, 64 << 20)
    # the store still works, and collects what it can
    assert x["churn"](store, 100_000, 4) == 4


EXN_WAT = """
(module
  (type $s (struct (field i32)))
  (type $b (array (mut i8)))
  (func $rethrow (import "h" "r"))
  (tag $t (export "t") (param anyref))
  (func (export "throw") (param i32) (throw $t (struct.new $s (local.get 0))))
  (func (export "churn") (local $i i32)
    (loop $l (drop (array.new $b (i32.const 7) (i32.const 100)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 200000)))))
  (func (export "catch") (result i32)
    (block $h (result anyref)
      (try_table (catch $t $h) (call $rethrow)) (return (i32.const -1)))
    (struct.get $s 0 (ref.cast (ref $s)))))
"""


@pytest.mark.parametrize("strategy", ("llvm", "interpreter"))
def test_a_wasm_exception_python_holds_keeps_its_payload(strategy):
    """A ThrownException's GC payload survives collections while Python
    holds the exception, and is whole when it is thrown back into wasm."""
    config = wl.Config()
    config.strategy = strategy
    engine = wl.Engine(config)
    store = wl.Store(engine)
    held = {}

    def rethrow():
        raise held["exc"]

    inst = wl.Instance(store, wl.Module(engine, EXN_WAT),
                       [wl.Func(store, wl.FuncType([], []), rethrow)])
    x = inst.exports(store)
    with pytest.raises(wl.ThrownException) as e:
        x["throw"](store, 77)
    held["exc"] = e.value
    with pytest.raises(wl.ThrownException):
        x["throw"](store, 5)          # the exception buffer forgets the first one
    for _ in range(3):
        x["churn"](store)
    store.gc()
    assert store._rt.gc_heap.collections >= 2
    assert x["catch"](store) == 77
