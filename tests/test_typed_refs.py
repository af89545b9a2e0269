"""Typed function references (Wasm 3.0's function-references proposal):
(ref null? ht) value types in text and binary, subtyping and local
initialization in validation, ref.as_non_null / br_on_null /
br_on_non_null / call_ref and table initializers in both tiers, and what
crosses modules and the API."""
from __future__ import annotations

import pytest

import wasmlite as wl
from conftest import strategy_engine
from wasmlite.binary.decode import decode_module
from wasmlite.binary.encode import encode_module
from wasmlite.errors import InvalidError, TrapCode
from wasmlite.syntax import types as S
from wasmlite.text.parse import parse_module
from wasmlite.valid import validate_module

STRATEGIES = ("llvm", "interpreter", "auto-early")

MODULE = """
(module
  (type $ii (func (param i32) (result i32)))
  (type $v (func))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (table $t 3 (ref $ii) (ref.func $inc))
  (table $n 2 (ref null $ii))
  (global $g (mut (ref null $ii)) (ref.null $ii))
  (global $fixed (ref $ii) (ref.func $dbl))
  (elem declare func $inc $dbl)

  (func (export "call") (param $f (ref $ii)) (param i32) (result i32)
    (call_ref $ii (local.get 1) (local.get $f)))
  (func (export "call-inc") (param i32) (result i32)
    (call_ref $ii (local.get 0) (ref.func $inc)))
  (func (export "call-table") (param i32 i32) (result i32)
    (call_ref $ii (local.get 1) (table.get $t (local.get 0))))
  (func (export "call-null") (result i32)
    (call_ref $ii (i32.const 0) (ref.null $ii)))
  (func (export "call-global") (param i32) (result i32)
    (call_ref $ii (local.get 0) (global.get $g)))
  (func (export "set-global")
    (global.set $g (global.get $fixed)))
  (func (export "as-non-null") (param i32) (result i32)
    (call_ref $ii (i32.const 10)
      (ref.as_non_null (select (result (ref null $ii))
        (ref.func $dbl) (ref.null $ii) (local.get 0)))))
  (func (export "on-null") (param i32) (result i32)
    (block $null
      (return (call_ref $ii (i32.const 5)
        (br_on_null $null (table.get $n (local.get 0))))))
    (i32.const -1))
  (func (export "on-non-null") (param i32) (result i32) (local $k (ref $ii))
    (block $l (result (ref $ii))
      (br_on_non_null $l (table.get $n (local.get 0)))
      (return (i32.const -2)))
    (local.set $k)
    (call_ref $ii (i32.const 7) (local.get $k)))
  (func (export "fill") (param i32)
    (table.set $n (local.get 0) (ref.func $dbl)))
  (func (export "get") (result (ref $ii)) (global.get $fixed))
  (func (export "local-init") (param i32) (result i32)
    (local $x (ref $ii))
    (local.set $x (ref.func $inc))
    (call_ref $ii (local.get 0) (local.get $x)))
)
"""


engine = strategy_engine


def instance(strategy: str, wat: str = MODULE):
    eng = engine(strategy)
    store = wl.Store(eng)
    module = wl.Module(eng, wat)
    return store, wl.Instance(store, module, []).exports(store)


# -- text and binary ------------------------------------------------------------

def test_reference_types_are_interned_with_their_shorthands():
    assert S.ref_type("func") is S.FUNCREF
    assert S.ref_type("extern") is S.EXTERNREF
    nn = S.ref_type(0, False)
    assert nn is S.ref_type(0, False) and not nn.nullable and nn.top is S.FUNCREF
    assert str(nn) == "(ref 0)" and str(S.ref_type(0)) == "(ref null 0)"
    assert S.ref_type("extern", False).top is S.EXTERNREF


def test_text_binary_round_trip():
    m = parse_module(MODULE)
    ii = m.types[0]
    assert m.tables[0].elem is S.ref_type(0, False)
    assert m.tables[1].elem is S.ref_type(0, True)
    assert list(m.table_inits) == [0]
    assert m.globals[1].type.valtype is S.ref_type(0, False)
    assert ii.params == (S.I32,)
    wasm = encode_module(m)
    m2 = decode_module(wasm)
    assert m2.tables == m.tables and m2.table_inits == m.table_inits
    assert [g.type for g in m2.globals] == [g.type for g in m.globals]
    assert [f.body for f in m2.funcs] == [f.body for f in m.funcs]
    assert [f.locals for f in m2.funcs] == [f.locals for f in m.funcs]
    assert encode_module(m2) == wasm
    validate_module(m2)


def test_binary_forms():
    # (ref 0) is 0x64 0x00, (ref null func) the funcref byte; a table with an
    # initializer is 0x40 0x00 tabletype expr
    m = parse_module('(module (type (func)) (func $f) (elem declare func $f)'
                     ' (table 1 (ref 0) (ref.func $f)) (global (ref null func) (ref.null func)))')
    wasm = encode_module(m)
    assert b"\x04\x0a\x01\x40\x00\x64\x00\x00\x01\xd2\x00\x0b" in wasm
    assert b"\x06\x06\x01\x70\x00\xd0\x70\x0b" in wasm
    # an s33 type index as heap type, several bytes long
    data = decode_module(bytes.fromhex("0061736d01000000") + b"\x01\x06\x01\x60\x01\x63\x00\x00")
    assert data.types[0].params == (S.ref_type(0, True),)


def test_elem_of_function_indices_is_non_null():
    m = parse_module("(module (table 1 (ref func) (ref.func 0)) (func)"
                     " (elem (i32.const 0) 0))")
    assert m.elems[0].type is S.FUNCREF_NON_NULL
    validate_module(m)
    assert decode_module(encode_module(m)).elems[0].type is S.FUNCREF_NON_NULL


# -- validation ---------------------------------------------------------------------

def _invalid(wat: str, words: str) -> None:
    with pytest.raises(InvalidError, match=words):
        validate_module(parse_module(wat))


def test_subtyping_accepts_narrower_references():
    validate_module(parse_module("""(module (type $t (func))
      (func $f (type $t)) (elem declare func $f)
      (func (param funcref))
      (func (result funcref) (ref.func $f))
      (func (result (ref null $t)) (ref.func $f))
      (func (result (ref func)) (ref.func $f))
      (func (param (ref $t)) (call 1 (local.get 0))))"""))


def test_validation_errors():
    _invalid("(module (type $t (func)) (func (result (ref $t)) (ref.null $t)))",
             "type mismatch")
    _invalid("(module (type $t (func)) (func (param funcref) (call_ref $t (local.get 0))))",
             "type mismatch")
    _invalid("(module (func (param i32) (drop (ref.as_non_null (local.get 0)))))",
             "type mismatch")
    _invalid("(module (type $t (func)) (table 1 (ref $t)))", "type mismatch")
    _invalid("(module (func (param funcref) (block (br_on_non_null 0 (local.get 0)))))",
             "type mismatch")
    _invalid("(module (func (result funcref) (ref.null 3)))", "unknown type")
    _invalid("(module (type (func (param (ref 1)))) (type (func)))", "unknown type")


def test_non_nullable_locals_must_be_set_first():
    _invalid("(module (func (local (ref func)) (drop (local.get 0))))", "uninitialized local")
    # what a block sets counts until its end only
    _invalid("""(module (func $f) (elem declare func $f) (func (local $x (ref func))
      (block (local.set $x (ref.func $f))) (drop (local.get $x))))""", "uninitialized local")
    validate_module(parse_module("""(module (func $f) (elem declare func $f)
      (func (local $x (ref func)) (local.set $x (ref.func $f))
        (block (drop (local.get $x)))))"""))


# -- both tiers ---------------------------------------------------------------------

@pytest.mark.parametrize("strategy", STRATEGIES)
def test_calls_and_branches(strategy):
    store, ex = instance(strategy)
    inc = ex["call-inc"]
    assert inc(store, 41) == 42
    assert ex["call-table"](store, 2, 9) == 10
    assert ex["as-non-null"](store, 1) == 20
    assert ex["local-init"](store, 1) == 2
    assert ex["on-null"](store, 0) == -1
    assert ex["on-non-null"](store, 1) == -2
    ex["fill"](store, 1)
    assert ex["on-null"](store, 1) == 10
    assert ex["on-non-null"](store, 1) == 14
    ex["set-global"](store)
    assert ex["call-global"](store, 4) == 8
    # a typed funcref crossing into Python is a Func, and can come back
    f = ex["get"](store)
    assert isinstance(f, wl.Func) and f(store, 21) == 42
    assert ex["call"](store, f, 3) == 6


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_traps(strategy):
    store, ex = instance(strategy)
    with pytest.raises(wl.Trap) as e:
        ex["call-null"](store)
    assert "null function reference" in str(e.value)
    assert e.value.trap_code is TrapCode.NULL_REFERENCE
    with pytest.raises(wl.Trap) as e:
        ex["as-non-null"](store, 0)
    assert "null reference" in str(e.value)
    assert e.value.trap_code is TrapCode.NULL_REFERENCE
    with pytest.raises(wl.Trap) as e:
        ex["call-global"](store, 1)       # the global starts null
    assert e.value.trap_code is TrapCode.NULL_REFERENCE


def _fuel_left(strategy: str) -> list:
    cfg = wl.Config()
    cfg.strategy = strategy
    cfg.consume_fuel = True
    eng = wl.Engine(cfg)
    store = wl.Store(eng)
    store.set_fuel(10_000)
    ex = wl.Instance(store, wl.Module(eng, MODULE), []).exports(store)
    ex["fill"](store, 0)
    left = []
    for name, args in (("call-inc", (1,)), ("on-null", (0,)), ("on-non-null", (1,)),
                       ("on-non-null", (0,))):
        ex[name](store, *args)
        left.append(store.get_fuel())
    with pytest.raises(wl.Trap):
        ex["call-null"](store)
    left.append(store.get_fuel())
    return left


def test_fuel_is_the_same_in_both_tiers():
    # the interpreter charges as the compiler does (compile/interrupts.py),
    # the new branches and call_ref flushing the block's cost before them
    left = _fuel_left("llvm")
    assert left == sorted(left, reverse=True) and left[-1] < 10_000
    assert _fuel_left("interpreter") == left


# -- across modules -----------------------------------------------------------------

@pytest.mark.parametrize("strategy", ("llvm", "interpreter"))
def test_types_match_across_modules_by_structure(strategy):
    eng = engine(strategy)
    store = wl.Store(eng)
    a = wl.Instance(store, wl.Module(eng, """(module
      (type $ii (func (param i32) (result i32)))
      (func $sq (type $ii) (i32.mul (local.get 0) (local.get 0)))
      (global (export "g") (ref $ii) (ref.func $sq))
      (table (export "t") 1 (ref $ii) (ref.func $sq))
      (func (export "sq") (type $ii) (call $sq (local.get 0))))"""), []).exports(store)
    # the same function type at another index, and a type naming it
    b_wat = """(module
      (type (func))
      (type $ii (func (param i32) (result i32)))
      (type $take (func (param (ref $ii)) (result i32)))
      (import "a" "g" (global $g (ref null $ii)))
      (import "a" "t" (table $t 1 (ref $ii)))
      (func (export "via-global") (param i32) (result i32)
        (call_ref $ii (local.get 0) (global.get $g)))
      (func (export "via-table") (param i32) (result i32)
        (call_indirect $t (type $ii) (local.get 0) (i32.const 0))))"""
    b = wl.Instance(store, wl.Module(eng, b_wat), [a["g"], a["t"]]).exports(store)
    assert b["via-global"](store, 7) == 49
    assert b["via-table"](store, 5) == 25
    # a mutable global or a table of another element type does not link
    bad = """(module (type $v (func)) (import "a" "t" (table 1 (ref $v))))"""
    with pytest.raises(wl.WasmtimeError, match="incompatible import"):
        wl.Instance(store, wl.Module(eng, bad), [a["t"]])


def test_config_turns_function_references_off():
    cfg = wl.Config()
    cfg.wasm_function_references = False
    eng = wl.Engine(cfg)
    for wat, words in [
            ("(module (type $t (func)) (func (param (ref null $t))))", "index reference types"),
            ("(module (func (param (ref func))))", "non-nullable types"),
            ("(module (func (param funcref) (drop (ref.as_non_null (local.get 0)))))",
             "function references support is not enabled")]:
        with pytest.raises(wl.WasmtimeError, match=words):
            wl.Module(eng, wat)
    # what Wasm 2.0 has stays valid, function indices in segments included
    wl.Module(eng, "(module (func $f) (table 1 funcref) (elem (i32.const 0) $f)"
                   " (func (result funcref) (ref.func $f)))")
    cfg = wl.Config()
    cfg.wasm_function_references = True
    wl.Module(wl.Engine(cfg), MODULE)


@pytest.mark.parametrize("strategy", ("llvm", "interpreter"))
def test_results_traps_and_fuel_match_wasmtime_py(strategy):
    wt = pytest.importorskip("wasmtime")
    runs = {}
    for name, lib in (("wasmtime", wt), ("wasmlite", wl)):
        cfg = lib.Config()
        cfg.consume_fuel = True
        if lib is wl:
            cfg.strategy = strategy
        eng = lib.Engine(cfg)
        store = lib.Store(eng)
        store.set_fuel(10_000)
        ex = lib.Instance(store, lib.Module(eng, MODULE), []).exports(store)
        out = []
        for export, args in (("fill", (0,)), ("call-inc", (1,)), ("call-table", (1, 4)),
                             ("on-null", (0,)), ("on-null", (1,)), ("on-non-null", (0,)),
                             ("on-non-null", (1,)), ("as-non-null", (1,)),
                             ("local-init", (9,)), ("call-null", ()), ("as-non-null", (0,)),
                             ("call-global", (3,))):
            try:
                out.append(ex[export](store, *args))
            except lib.Trap as e:
                out.append(e.trap_code.name)
            out.append(store.get_fuel())
        runs[name] = out
    assert runs["wasmlite"] == runs["wasmtime"]


def test_python_cannot_pass_null_for_a_non_nullable_reference():
    store, ex = instance("interpreter")
    with pytest.raises(TypeError, match="non-nullable"):
        ex["call"](store, None, 1)


def test_non_nullable_globals_and_tables_refuse_none_from_python():
    store, ex = instance("interpreter", """(module
      (type $v (func)) (func $f (type $v)) (elem declare func $f)
      (global (export "g") (mut (ref $v)) (ref.func $f))
      (table (export "t") 2 (ref $v) (ref.func $f)))""")
    g, t = ex["g"], ex["t"]
    assert isinstance(g.value(store), wl.Func) and isinstance(t.get(store, 1), wl.Func)
    with pytest.raises(TypeError, match="non-nullable"):
        g.set_value(store, None)
    with pytest.raises(TypeError, match="non-nullable"):
        t.set(store, 0, None)
    with pytest.raises(TypeError, match="non-nullable"):
        t.grow(store, 1, None)
    t.set(store, 0, t.get(store, 1))
    assert t.size(store) == 2


def test_bottom_reference_types():
    m = parse_module("""(module (func (result nullfuncref) (ref.null nofunc))
      (func (result funcref) (ref.null nofunc))
      (func (param (ref null noextern)) (result externref) (local.get 0)))""")
    validate_module(m)
    assert m.types[0].results == (S.ref_type("nofunc"),)
    assert decode_module(encode_module(m)).types == m.types
    _invalid("(module (func (result externref) (ref.null nofunc)))", "type mismatch")


@pytest.mark.parametrize("strategy", ("llvm", "interpreter"))
def test_serialized_module_keeps_its_typed_references(strategy):
    # the types pickle as the interned reference types (ValType.__reduce__),
    # the table initializer with the module
    eng = engine(strategy)
    module = wl.Module.deserialize(eng, wl.Module(eng, MODULE).serialize())
    store = wl.Store(eng)
    ex = wl.Instance(store, module, []).exports(store)
    assert ex["call-table"](store, 0, 5) == 6
    assert ex["local-init"](store, 3) == 4


FUEL_SIZED = """(module (type $t (func (param i32) (result i32))) (memory 1)
 (func $g (type $t) (i32.add (local.get 0) (i32.const 1))) (elem declare func $g)
 (table $n 1 (ref null $t))
 (func (export "f") (param i32) (result i32)
   (memory.fill (i32.const 0) (i32.const 7) (i32.const 8))
   (block $null (result i32)
     (br_on_null $null (i32.const 3) (table.get $n (i32.const 0)))
     (drop) (drop) (i32.const 0))
   (drop)
   (block $l (result i32 (ref $t))
     (br_on_non_null $l (i32.const 5) (ref.func $g)) (unreachable))
   (call_ref $t)
   (ref.as_non_null (ref.func $g)) (drop)
   (memory.fill (i32.const 0) (i32.const 7) (i32.const 16))
   (i32.add (local.get 0))))"""


@pytest.mark.parametrize("strategy", ("llvm", "interpreter"))
def test_fuel_of_sized_bulk_ops_beside_typed_reference_ops(strategy):
    # compile/fuel_sizes.py walks the body for bulk sizes known up front; it
    # once stopped at call_ref and the br_on_* ops (a CompileError)
    wasmtime = pytest.importorskip("wasmtime")
    cfg = wl.Config()
    cfg.consume_fuel = True
    cfg.strategy = strategy
    eng = wl.Engine(cfg)
    store = wl.Store(eng)
    store.set_fuel(1000)
    ex = wl.Instance(store, wl.Module(eng, FUEL_SIZED), []).exports(store)
    got = (ex["f"](store, 10), store.get_fuel())
    wcfg = wasmtime.Config()
    wcfg.consume_fuel = True
    wstore = wasmtime.Store(wasmtime.Engine(wcfg))
    wstore.set_fuel(1000)
    wex = wasmtime.Instance(wstore, wasmtime.Module(wstore.engine, FUEL_SIZED), []).exports(wstore)
    assert got == (wex["f"](wstore, 10), wstore.get_fuel()) == (16, 951)
