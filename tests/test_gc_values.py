"""Wasm GC values that need no heap, in every tier: i31 references,
ref.eq, ref.test / ref.cast to abstract heap types, any <-> extern
conversions (compile/gc_values.py), and how Python holds them (GcRef)."""
from __future__ import annotations

import pytest

import wasmlite as wl
from wasmlite.runtime.gc_values import GcRef

STRATEGIES = ["llvm", "interpreter", "auto"]

WAT = """(module
  (func (export "i31") (param i32) (result i32 i32)
    (i31.get_s (ref.i31 (local.get 0))) (i31.get_u (ref.i31 (local.get 0))))
  (func (export "get-null") (result i32) (i31.get_u (ref.null i31)))
  (func (export "eq") (param i32 i32) (result i32)
    (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 1))))
  (func (export "eq-null") (result i32) (ref.eq (ref.null eq) (ref.null none)))
  (func (export "test") (param i32) (result i32 i32 i32 i32 i32 i32)
    (local $a anyref)
    (local.set $a (if (result anyref) (local.get 0) (then (ref.i31 (i32.const 5)))
                                              (else (ref.null any))))
    (ref.test (ref i31) (local.get $a)) (ref.test (ref null i31) (local.get $a))
    (ref.test (ref eq) (local.get $a)) (ref.test (ref any) (local.get $a))
    (ref.test (ref struct) (local.get $a)) (ref.test (ref none) (local.get $a)))
  (func (export "cast") (param i32) (result i32)
    (i31.get_s (ref.cast (ref i31) (if (result anyref) (local.get 0)
      (then (ref.i31 (i32.const -7))) (else (ref.null any))))))
  (func (export "cast-extern") (param externref) (result i32)
    (ref.test (ref i31) (any.convert_extern (local.get 0))))
  (func (export "round") (param externref) (result externref)
    (extern.convert_any (any.convert_extern (local.get 0))))
  (func (export "out") (param i32) (result externref)
    (extern.convert_any (ref.i31 (local.get 0))))
  (func (export "back") (param externref) (result i32)
    (i31.get_u (ref.cast i31ref (any.convert_extern (local.get 0)))))
  (func (export "any") (param i32) (result anyref) (ref.i31 (local.get 0)))
  (func (export "take") (param anyref) (result i32) (ref.test (ref i31) (local.get 0)))
  (global $g (export "g") i31ref (ref.i31 (i32.const 0x40000001)))
)"""


def make(strategy):
    cfg = wl.Config()
    cfg.strategy = strategy
    eng = wl.Engine(cfg)
    store = wl.Store(eng)
    return store, wl.Instance(store, wl.Module(eng, WAT), []).exports(store)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_i31_and_ref_eq(strategy):
    store, x = make(strategy)
    # 31 bits: the top bit of the i32 is dropped, get_s sign-extends bit 30
    assert x["i31"](store, 0x7FFFFFFF) == [-1, 0x7FFFFFFF]
    assert x["i31"](store, -2) == [-2, 0x7FFFFFFE]
    assert x["i31"](store, 0x40000000) == [-0x40000000, 0x40000000]
    assert x["i31"](store, 0x80000005) == [5, 5]
    with pytest.raises(wl.Trap, match="null i31 reference"):
        x["get-null"](store)
    assert x["eq"](store, 3, 3) == 1 and x["eq"](store, 3, 4) == 0
    assert x["eq"](store, 1, 1 | 0x80000000) == 1      # the same 31 bits
    assert x["eq-null"](store) == 1


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_casts_to_abstract_types(strategy):
    store, x = make(strategy)
    assert x["test"](store, 1) == [1, 1, 1, 1, 0, 0]
    assert x["test"](store, 0) == [0, 1, 0, 0, 0, 0]
    assert x["cast"](store, 1) == -7
    with pytest.raises(wl.Trap, match="cast failure") as info:
        x["cast"](store, 0)
    assert info.value.trap_code is wl.TrapCode.CAST_FAILURE


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_any_and_extern_conversions(strategy):
    store, x = make(strategy)
    obj = object()
    assert x["round"](store, obj) is obj            # extern -> any -> extern: the same
    assert x["round"](store, None) is None
    assert x["cast-extern"](store, obj) == 0        # a host object is no i31
    out = x["out"](store, 77)                       # an i31 made an externref
    assert isinstance(out, GcRef) and out.i31 == 77
    assert x["back"](store, out) == 77              # and back: the same i31
    assert x["cast-extern"](store, out) == 1
    got = x["any"](store, 12)
    assert isinstance(got, GcRef) and got.i31 == 12 and got == x["any"](store, 12)
    assert x["take"](store, got) == 1 and x["take"](store, None) == 0
    with pytest.raises(TypeError):
        x["take"](store, 5)
    assert x["g"].value(store).i31 == 0x40000001


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_call_indirect_accepts_a_subtype(strategy):
    """call_indirect of a non-final type runs a function of a declared
    subtype (the store's registry answers when the indices differ); an
    unrelated or super type still traps."""
    cfg = wl.Config()
    cfg.strategy = strategy
    eng = wl.Engine(cfg)
    store = wl.Store(eng)
    x = wl.Instance(store, wl.Module(eng, """(module
      (type $t1 (sub (func (result i32))))
      (type $t2 (sub $t1 (func (result i32))))
      (type $t3 (sub (func (param i32) (result i32))))
      (func $f1 (type $t1) (i32.const 1))
      (func $f2 (type $t2) (i32.const 2))
      (table funcref (elem $f1 $f2))
      (func (export "as-t1") (param i32) (result i32) (call_indirect (type $t1) (local.get 0)))
      (func (export "as-t2") (param i32) (result i32) (call_indirect (type $t2) (local.get 0)))
      (func (export "as-t3") (param i32) (result i32)
        (call_indirect (type $t3) (i32.const 5) (local.get 0))))"""),
        []).exports(store)
    assert x["as-t1"](store, 0) == 1 and x["as-t1"](store, 1) == 2
    assert x["as-t2"](store, 1) == 2
    for name, k in (("as-t2", 0), ("as-t3", 0), ("as-t3", 1)):
        with pytest.raises(wl.Trap, match="indirect call type mismatch"):
            x[name](store, k)
