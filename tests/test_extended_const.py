"""Extended constant expressions (Wasm 3.0): i32/i64 add, sub and mul, and
global.get of any immutable global in scope (imported, or defined before the
global being initialised; every global for a segment), in global
initializers, element offsets and items and data offsets.

Checked through every stage: the text and binary formats (against
wasmtime's wat2wasm), validation and its messages, the values the API and
wasm code see under each strategy, instantiation fuel against wasmtime-py,
and ``Config.wasm_extended_const = False``."""
from __future__ import annotations

import subprocess
import sys

import pytest
import wasmtime

import wasmlite
from wasmlite.binary.decode import decode_module
from wasmlite.binary.encode import encode_module
from wasmlite.errors import InvalidError
from wasmlite.valid.validate import validate_module
from api_support import wasmtime_cli

STRATEGIES = ("llvm", "interpreter", "auto")


def _engine(mod, strategy: str | None = None, fuel: bool = False, **flags):
    config = mod.Config()
    if strategy is not None:
        config.strategy = strategy
    config.consume_fuel = fuel
    for name, value in flags.items():
        setattr(config, name, value)
    return mod.Engine(config)


def _validate(wat: str, disabled: frozenset = frozenset()):
    return validate_module(decode_module(wasmlite.wat2wasm(wat)), disabled)


# -- validation ---------------------------------------------------------------

VALID = {
    "add": '(module (global i32 (i32.add (i32.const 1) (i32.const 2))))',
    "flat": '(module (global i64 i64.const 2 i64.const 5 i64.sub i64.const 3 i64.mul))',
    "defined": '(module (global $a i32 (i32.const 5)) (global i32 (global.get $a)))',
    "imported": '(module (global $i (import "m" "g") i64)'
                ' (global i64 (i64.mul (global.get $i) (global.get $i))))',
    "data": '(module (memory 1) (global $a i32 (i32.const 5))'
            ' (data (i32.add (global.get $a) (i32.const 3)) "x"))',
    "elem offset": '(module (table 4 funcref) (func $f) (global $a i32 (i32.const 1))'
                   ' (elem (i32.mul (global.get $a) (i32.const 2)) $f))',
    "elem item": '(module (table 4 funcref) (func $f) (global $r funcref (ref.func $f))'
                 ' (elem (i32.const 0) funcref (global.get $r)))',
    # a segment sees every global, the ones after a global.get's user too
    "segment sees all": '(module (memory 1) (data (global.get 0) "x")'
                        ' (global i32 (i32.const 1)))',
}

INVALID = {
    "forward": ('(module (global i32 (global.get 1)) (global i32 (i32.const 0)))',
                "unknown global 1"),
    "self": ('(module (global i32 (global.get 0)))', "unknown global 0"),
    "mutable defined": ('(module (global $a (mut i32) (i32.const 0))'
                        ' (global i32 (global.get $a)))', "constant expression required"),
    "mutable import": ('(module (global $a (import "m" "g") (mut i32))'
                       ' (global i32 (global.get $a)))', "constant expression required"),
    "div": ('(module (global i32 (i32.div_u (i32.const 1) (i32.const 1))))',
            "constant expression required"),
    "f32 add": ('(module (global f32 (f32.add (f32.const 1) (f32.const 1))))',
                "constant expression required"),
    "operand type": ('(module (global i32 (i32.add (i64.const 1) (i32.const 1))))',
                     "type mismatch"),
    "one operand": ('(module (global i32 i32.const 1 i32.add))', "type mismatch"),
    "result type": ('(module (global i64 (i32.add (i32.const 1) (i32.const 1))))',
                    "type mismatch"),
    "two values": ('(module (global i32 i32.const 1 i32.const 2 i32.const 3 i32.add))',
                   "type mismatch"),
    "data offset i64": ('(module (memory 1) (data (i64.add (i64.const 0) (i64.const 0)) ""))',
                        "type mismatch"),
    # not allowed comes first, as in the reference interpreter
    "required before type": ('(module (global i32 (i32.add (i64.const 1) (i32.eqz (i32.const 1)))))',
                             "constant expression required"),
}


@pytest.mark.parametrize("name", VALID)
def test_valid(name):
    info = _validate(VALID[name])
    # each uses a 3.0 form, and ModuleInfo.features says which
    assert info.features & {"extended_const", "const_defined_globals"}


def test_features_say_which_forms_a_module_uses():
    assert "extended_const" in _validate(VALID["add"]).features
    assert _validate(VALID["defined"]).features == {"const_defined_globals"}
    # an imported global was readable in 2.0 already
    plain = '(module (global $i (import "m" "g") i32) (global i32 (global.get $i)))'
    assert not _validate(plain).features & {"extended_const", "const_defined_globals"}


@pytest.mark.parametrize("name", INVALID)
def test_invalid(name):
    wat, message = INVALID[name]
    with pytest.raises(InvalidError, match=message):
        _validate(wat)


@pytest.mark.parametrize("name", ["forward", "mutable defined", "div", "operand type",
                                  "one operand"])
def test_invalid_wasmtime_agrees(name):
    with pytest.raises(wasmtime.WasmtimeError):
        wasmtime.Module(wasmtime.Engine(), INVALID[name][0])
    with pytest.raises(wasmlite.WasmtimeError):
        wasmlite.Module(wasmlite.Engine(), INVALID[name][0])


# -- text and binary ----------------------------------------------------------

ROUND = ('(module (memory 1) (table 4 funcref) (func $f)'
         ' (global $a i32 (i32.const 5))'
         ' (global $b i64 (i64.mul (i64.const 3) (i64.sub (i64.const 10) (i64.const 3))))'
         ' (global $c i32 (i32.add (global.get $a) (i32.const 1)))'
         ' (elem (i32.sub (global.get $c) (i32.const 5)) $f)'
         ' (data (i32.mul (global.get $a) (i32.const 2)) "hi"))')


def _without_custom_sections(binary: bytes) -> bytes:
    """The binary without its custom sections (the name sections differ)."""
    out, pos = bytearray(binary[:8]), 8
    while pos < len(binary):
        start, size, shift = pos, 0, 0
        pos += 1
        while True:
            byte = binary[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                break
        if binary[start] != 0:
            out += binary[start:pos + size]
        pos += size
    return bytes(out)


def test_binary_same_as_wasmtime():
    ours = bytes(wasmlite.wat2wasm(ROUND))
    theirs = bytes(wasmtime.wat2wasm(ROUND))
    assert _without_custom_sections(ours) == _without_custom_sections(theirs)
    assert encode_module(decode_module(theirs)) == theirs


# -- values: the API and wasm code, per strategy -------------------------------

VALUES = """(module
  (import "m" "base" (global $base i32))
  (import "m" "big" (global $big i64))
  (global $a i32 (i32.const 5))
  (global $b (export "b") i32 (i32.add (global.get $base) (global.get $a)))
  (global $c (export "c") i32 (i32.sub (i32.mul (global.get $b) (i32.const 3)) (i32.const 1)))
  (global $wrap (export "wrap") i32 (i32.mul (i32.const 0x10000) (i32.const 0x10000)))
  (global $neg (export "neg") i32 (i32.sub (i32.const 0) (i32.const 7)))
  (global $w64 (export "w64") i64 (i64.mul (global.get $big) (i64.const 4)))
  (global $d64 (export "d64") i64 (i64.sub (global.get $big) (i64.const 1)))
  (global $fr funcref (ref.func $seven))
  (memory (export "mem") 1)
  (table 8 funcref)
  (func $seven (result i32) (i32.const 7))
  (func $eight (result i32) (i32.const 8))
  (elem (i32.add (global.get $b) (i32.const -10)) funcref (global.get $fr) (ref.func $eight))
  (data (i32.mul (global.get $a) (i32.const 4)) "\\2a\\00\\00\\00")
  (func (export "get_c") (result i32) (global.get $c))
  (func (export "get_w64") (result i64) (global.get $w64))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
)"""

BASE, BIG = 6, 0x4000_0000_0000_0001
EXPECTED_GLOBALS = {"b": 11, "c": 32, "wrap": 0, "neg": -7,
                    "w64": (BIG * 4 + 2**63) % 2**64 - 2**63, "d64": BIG - 1}


def _instance(mod, engine, wat=VALUES):
    store = mod.Store(engine)
    module = mod.Module(engine, wat)
    imports = [mod.Global(store, mod.GlobalType(mod.ValType.i32(), False), mod.Val.i32(BASE)),
               mod.Global(store, mod.GlobalType(mod.ValType.i64(), False), mod.Val.i64(BIG))]
    return store, mod.Instance(store, module, imports)


def _observe(mod, engine) -> dict:
    store, inst = _instance(mod, engine)
    ex = inst.exports(store)
    out = {k: ex[k].value(store) for k in EXPECTED_GLOBALS}
    out["get_c"] = ex["get_c"](store)
    out["get_w64"] = ex["get_w64"](store)
    out["call1"] = ex["call"](store, 1)     # offset b - 10 = 1: $seven, then $eight
    out["call2"] = ex["call"](store, 2)
    out["load20"] = ex["load"](store, 20)
    return out


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_values_api_and_code(strategy):
    got = _observe(wasmlite, _engine(wasmlite, strategy))
    assert {k: got[k] for k in EXPECTED_GLOBALS} == EXPECTED_GLOBALS
    assert got["get_c"] == 32 and got["get_w64"] == EXPECTED_GLOBALS["w64"]
    assert (got["call1"], got["call2"], got["load20"]) == (7, 8, 42)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_values_same_as_wasmtime(strategy):
    assert _observe(wasmlite, _engine(wasmlite, strategy)) == _observe(wasmtime, wasmtime.Engine())


def test_defined_after_is_unknown():
    bad = VALUES.replace("(global $fr funcref",
                         '(global $f f64 (global.get $fc)) (global $fc f64 (f64.const 0))'
                         ' (global $fr funcref')
    for mod in (wasmlite, wasmtime):
        with pytest.raises(mod.WasmtimeError, match="unknown global"):
            mod.Module(mod.Engine(), bad)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_segment_out_of_bounds_traps(strategy):
    # the offset wraps to 0xFFFFFFFF: out of bounds, as in Wasmtime
    wat = '(module (memory 1) (data (i32.sub (i32.const 0) (i32.const 1)) "ab"))'
    for mod, engine in ((wasmlite, _engine(wasmlite, strategy)), (wasmtime, wasmtime.Engine())):
        with pytest.raises(mod.Trap, match="out of bounds"):
            mod.Instance(mod.Store(engine), mod.Module(engine, wat), [])


# -- instantiation fuel against wasmtime-py ------------------------------------

FUEL_MODULES = {
    "global add": '(module (global (export "g") i32 (i32.add (i32.const 1) (i32.const 2))))',
    "global chain": '(module (global $a i32 (i32.const 5))'
                    ' (global i64 (i64.mul (i64.const 3) (i64.const 7)))'
                    ' (global (export "g") i32 (i32.sub (global.get $a) (i32.const 9))))',
    "global.get defined": '(module (global $a i32 (i32.const 5))'
                          ' (global (export "g") i32 (global.get $a)))',
    "data offset": '(module (memory 1) (global $a i32 (i32.const 5))'
                   ' (data (i32.add (global.get $a) (i32.const 3)) "abcd"))',
    "data const add": '(module (memory 1) (data (i32.add (i32.const 4) (i32.const 4)) "abcd"))',
    "elem offset": '(module (table 4 funcref) (func $f) (global $a i32 (i32.const 1))'
                   ' (elem (i32.add (global.get $a) (i32.const 1)) $f))',
    "elem const add": '(module (table 4 funcref) (func $f)'
                      ' (elem (i32.add (i32.const 1) (i32.const 2)) $f))',
    "elem items": '(module (table 4 funcref) (func $f) (global $r funcref (ref.func $f))'
                  ' (elem (i32.const 0) funcref (global.get $r) (ref.func $f)))',
    "data out of bounds": '(module (memory 1) (data (i32.sub (i32.const 0) (i32.const 1)) "ab"))',
}


def _fuel_after(mod, engine, wat: str, fuel: int):
    store = mod.Store(engine)
    store.set_fuel(fuel)
    module = mod.Module(engine, wat)
    try:
        mod.Instance(store, module, [])
        outcome = "ok"
    except mod.Trap as e:
        outcome = "out of fuel" if "fuel" in str(e) else "trap"
    return outcome, store.get_fuel()


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("name", FUEL_MODULES)
def test_instantiation_fuel_same_as_wasmtime(name, strategy):
    wat = FUEL_MODULES[name]
    ours, theirs = _engine(wasmlite, strategy, fuel=True), _engine(wasmtime, fuel=True)
    for fuel in (1000, 1, 2, 3, 5, 9):
        assert _fuel_after(wasmlite, ours, wat, fuel) == _fuel_after(wasmtime, theirs, wat, fuel), fuel


# a global initialised by arithmetic or a global.get is not a size Wasmtime
# knows when compiling: memory.fill's size is charged after the fill and
# checked at once, so the store after it does not run when fuel runs out
SIZED = """(module (memory (export "m") 1)
  (global $c i32 (i32.const 5)) (global $d i32 (i32.add (i32.const 4) (i32.const 1)))
  (global $n i32 {init})
  (func (export "run") (memory.fill (i32.const 100) (i32.const 0) (global.get $n))
    (i32.store (i32.const 0) (i32.const 1)) (loop (nop))))"""


def _sized_run(mod, engine, wat: str, fuel: int):
    store = mod.Store(engine)
    store.set_fuel(1000)
    inst = mod.Instance(store, mod.Module(engine, wat), [])
    store.set_fuel(fuel)
    try:
        inst.exports(store)["run"](store)
        outcome = "ok"
    except mod.Trap:
        outcome = "trap"
    return outcome, inst.exports(store)["m"].data_ptr(store)[0]


@pytest.mark.parametrize("strategy", ("llvm", "interpreter"))
@pytest.mark.parametrize("init", ["(i32.const 5)", "(i32.add (i32.const 2) (i32.const 3))",
                                  "(global.get $c)", "(global.get $d)"])
def test_global_sizes_fuel_same_as_wasmtime(init, strategy):
    wat = SIZED.format(init=init)
    ours, theirs = _engine(wasmlite, strategy, fuel=True), _engine(wasmtime, fuel=True)
    got = [_sized_run(wasmlite, ours, wat, f) for f in range(1, 16)]
    assert got == [_sized_run(wasmtime, theirs, wat, f) for f in range(1, 16)]


# -- Config.wasm_extended_const ------------------------------------------------

def test_config_default_on():
    engine = _engine(wasmlite, wasm_extended_const=True)
    wasmlite.Module(engine, VALID["add"])
    wasmlite.Module(engine, VALID["defined"])


@pytest.mark.parametrize("name", ["add", "flat", "data", "elem offset", "imported"])
def test_config_off_rejects_arithmetic(name):
    engine = _engine(wasmlite, wasm_extended_const=False)
    message = ("constant expression required: non-constant operator: i[36][24].(add|sub|mul)"
               r" \(extended constant expressions support is not enabled\)")
    with pytest.raises(wasmlite.WasmtimeError, match=message):
        wasmlite.Module(engine, VALID[name])
    with pytest.raises(wasmlite.WasmtimeError, match="not enabled"):
        wasmlite.Module.validate(engine, wasmlite.wat2wasm(VALID[name]))


@pytest.mark.parametrize("name", ["defined", "elem item", "segment sees all"])
def test_config_off_keeps_defined_globals(name):
    # Wasmtime's extended-const=n leaves these to GC (on there)
    wasmlite.Module(_engine(wasmlite, wasm_extended_const=False), VALID[name])


def test_2_0_rules_reject_defined_globals():
    # what the 2.0 suite runs with (tests/test_spec.py)
    disabled = frozenset({"extended_const", "const_defined_globals"})
    for name in ("defined", "elem item", "segment sees all"):
        with pytest.raises(InvalidError, match="unknown global"):
            _validate(VALID[name], disabled)


_CLI_WAT = ('(module (global $a i32 (i32.const 5)) (global $b i32 (i32.mul (global.get $a)'
            ' (i32.const 3))) (func (export "f") (result i32) (global.get $b)))')


@pytest.mark.parametrize("options", [[], ["-W", "extended-const"], ["-W", "extended-const=n"]])
def test_cli_w_extended_const_as_wasmtime_run(tmp_path, options):
    path = tmp_path / "ec.wat"
    path.write_text(_CLI_WAT)
    ours = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--no-cache", *options,
                           "--invoke", "f", str(path)], capture_output=True, text=True,
                          timeout=300)
    if options[-1:] == ["extended-const=n"]:
        assert ours.returncode != 0
        assert "non-constant operator: i32.mul" in ours.stderr
    else:
        assert ours.returncode == 0, ours.stderr
        assert ours.stdout.split() == ["15"]
    exe = wasmtime_cli()
    if exe:
        theirs = subprocess.run([exe, "run", *options, "--invoke", "f", str(path)],
                                capture_output=True, text=True, timeout=300)
        assert (theirs.returncode == 0) == (ours.returncode == 0)
        assert theirs.stdout.split() == ours.stdout.split()
        if theirs.returncode:
            assert "non-constant operator: i32.mul" in theirs.stderr


def test_config_off_keeps_imported_globals():
    engine = _engine(wasmlite, wasm_extended_const=False)
    store = wasmlite.Store(engine)
    wat = ('(module (global $i (import "m" "g") i32) (global (export "g") i32 (global.get $i))'
           ' (memory 1) (data (global.get $i) "x"))')
    g = wasmlite.Global(store, wasmlite.GlobalType(wasmlite.ValType.i32(), False),
                        wasmlite.Val.i32(3))
    inst = wasmlite.Instance(store, wasmlite.Module(engine, wat), [g])
    assert inst.exports(store)["g"].value(store) == 3


def test_config_back_on():
    config = wasmlite.Config()
    config.wasm_extended_const = False
    config.wasm_extended_const = True
    wasmlite.Module(wasmlite.Engine(config), VALID["add"])


def test_config_is_write_only_like_wasmtime():
    with pytest.raises(AttributeError):
        wasmlite.Config().wasm_extended_const
