"""Config.cranelift_nan_canonicalization: with it on, every float operation
that can produce a NaN gives the canonical one (f32 0x7fc00000, f64
0x7ff8000000000000, per lane), bit for bit as wasmtime-py with the same
setting, in every tier: compiled at both opt levels, the interpreter
(plain handlers and superinstructions), auto with tier-up and OSR. The
setting is part of the serialized module and the cache key."""
from __future__ import annotations

import pickle

import pytest
import wasmtime

import wasmlite as wl
from conftest import strategy_engine
from test_simd import M64, VECTORS, _args, _wrapper
from wasmlite.syntax.instructions import NAN_CANON, OP_BY_NAME, OPS
from wasmlite.syntax.types import F32, F64, V128

STRATEGIES = ("llvm", "llvm-none", "interpreter", "auto-early")
M32 = (1 << 32) - 1

# scalar float ops with one float result (the canonicalized ones and the
# bit operations that must keep NaN payloads)
SCALAR = [op for op in OPS if op.prefix is None and op.results and len(op.results) == 1
          and op.results[0] in (F32, F64) and all(t in (F32, F64) for t in op.params)
          and op.params]
# SIMD float arithmetic (lane-wise, v128 -> v128)
SIMD = [op for op in OPS if op.results and op.name.split(".")[0] in ("f32x4", "f64x2")
        and op.results == (V128,) and op.params and all(t is V128 for t in op.params)
        and op.imm is None and op.name.split(".")[1] not in (
            "eq", "ne", "lt", "gt", "le", "ge")]
SIMD += [OP_BY_NAME["f32x4.demote_f64x2_zero"], OP_BY_NAME["f64x2.promote_low_f32x4"]]
SIMD = list(dict.fromkeys(SIMD))

F32_BITS = [0x7FA00001, 0xFFC00005, 0x7FC00000, 0xFFC00000, 0x7F800001, 0x7F800000,
            0xFF800000, 0x3F800000, 0xBF800000, 0x00000000, 0x80000000, 0x40490FDB]
F64_BITS = [0x7FF4000000000001, 0xFFF8000000000005, 0x7FF8000000000000, 0xFFF8000000000000,
            0x7FF0000000000000, 0xFFF0000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
            0, 1 << 63, 0x400921FB54442D18]


def _image(t) -> tuple[str, str]:
    return ("i32", "f32") if t is F32 else ("i64", "f64")


def _scalar_wrapper(k: int, op) -> str:
    params = " ".join(f"(param {_image(t)[0]})" for t in op.params)
    args = " ".join(f"({_image(t)[1]}.reinterpret_{_image(t)[0]} (local.get {i}))"
                    for i, t in enumerate(op.params))
    it, ft = _image(op.results[0])
    return (f'(func (export "s{k}") {params} (result {it}) '
            f'({it}.reinterpret_{ft} ({op.name} {args})))')


# superinstructions: operands from locals and constants, results into locals
_FUSED = """
(func (export "fused32") (param i32 i32) (result i32) (local f32 f32 f32)
  (local.set 2 (f32.reinterpret_i32 (local.get 0)))
  (local.set 3 (f32.reinterpret_i32 (local.get 1)))
  (local.set 4 (f32.add (local.get 2) (local.get 3)))
  (if (i32.eqz (i32.and (local.get 0) (i32.const 1)))
    (then (local.set 4 (f32.mul (local.get 4) (f32.const 1)))))
  (local.set 4 (f32.sub (local.get 4) (local.get 2)))
  (local.set 4 (f32.sqrt (local.get 4)))
  (i32.reinterpret_f32 (f32.div (local.get 4) (f32.const 1))))
(func (export "fused64") (param i64 i64) (result i64) (local f64 f64)
  (local.set 2 (f64.reinterpret_i64 (local.get 0)))
  (local.set 3 (f64.reinterpret_i64 (local.get 1)))
  (local.set 2 (f64.max (local.get 2) (local.get 3)))
  (i64.reinterpret_f64 (f64.add (local.get 2) (f64.const 0))))
(func (export "loop") (param i32 i32) (result i32) (local f32 i32)
  ;; a hot loop: tier-up and OSR under auto
  (local.set 2 (f32.reinterpret_i32 (local.get 0)))
  (loop $l
    (local.set 2 (f32.add (local.get 2) (f32.const 0)))
    (local.set 2 (f32.nearest (f32.mul (local.get 2) (f32.const 1))))
    (br_if $l (i32.lt_u (local.tee 3 (i32.add (local.get 3) (i32.const 1)))
                        (local.get 1))))
  (i32.reinterpret_f32 (local.get 2)))
"""


def _wat() -> str:
    return ("(module\n" + "\n".join(_scalar_wrapper(k, op) for k, op in enumerate(SCALAR))
            + "\n" + "\n".join(_wrapper(k, op) for k, op in enumerate(SIMD))
            + _FUSED + ")")


def _signed(v: int, bits: int) -> int:
    return v - (1 << bits) if v >> (bits - 1) else v


def _scalar_cases(op):
    pool = F32_BITS if op.params[0] is F32 else F64_BITS
    if len(op.params) == 1:
        return [(a,) for a in pool]
    return [(a, b) for a in pool for b in pool[::3]]


def _simd_cases(op):
    if len(op.params) == 1:
        return [(a,) for a in VECTORS]
    if len(op.params) == 2:
        return [(a, b) for a in VECTORS for b in VECTORS[::2]]
    return [(a, b, c) for a in VECTORS[:6] for b in VECTORS[4:10] for c in VECTORS[::3]]


_THEIRS: dict = {}


def _theirs(canon: bool):
    if canon not in _THEIRS:
        config = wasmtime.Config()
        config.cranelift_nan_canonicalization = canon
        store = wasmtime.Store(wasmtime.Engine(config))
        inst = wasmtime.Instance(store, wasmtime.Module(store.engine, _wat()), [])
        _THEIRS[canon] = inst.exports(store), store
    return _THEIRS[canon]


def _engine(strategy: str, canon: bool = True) -> wl.Engine:
    return strategy_engine(strategy, cranelift_nan_canonicalization=canon)


def _ours(strategy: str, canon: bool = True):
    engine = _engine(strategy, canon)
    store = wl.Store(engine)
    # from the binary, so the interpreter reads its bodies lazily
    module = wl.Module(engine, wl.wat2wasm(_wat()))
    return wl.Instance(store, module, []).exports(store), store


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_scalar_ops_match_wasmtime(strategy):
    exports, tstore = _theirs(True)
    ours, store = _ours(strategy)
    checked = 0
    for k, op in enumerate(SCALAR):
        bits = 32 if op.results[0] is F32 else 64
        pbits = 32 if op.params[0] is F32 else 64
        for vals in _scalar_cases(op):
            args = [_signed(v, pbits) for v in vals]
            want = exports[f"s{k}"](tstore, *args) & ((1 << bits) - 1)
            got = ours[f"s{k}"](store, *args) & ((1 << bits) - 1)
            assert got == want, f"{op.name}{tuple(hex(v) for v in vals)}: {got:#x} != {want:#x}"
            checked += 1
    assert checked > 500


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_simd_ops_match_wasmtime(strategy):
    exports, tstore = _theirs(True)
    ours, store = _ours(strategy)
    for k, op in enumerate(SIMD):
        for vals in _simd_cases(op):
            _unused, a = _args(op, vals)
            got, want = ours[f"f{k}"](store, *a), exports[f"f{k}"](tstore, *a)
            got = (got[0] & M64) | ((got[1] & M64) << 64)
            want = (want[0] & M64) | ((want[1] & M64) << 64)
            assert got == want, f"{op.name}{tuple(hex(v) for v in vals)}: {got:#x} != {want:#x}"


FUSED_CASES = [(0x7FA00001, 0x3F800000), (0x3F800000, 0x7FA00001), (0x7F800000, 0xFF800000),
               (0xBF800000, 0x00000000), (0x40000000, 0x3F800000), (0xFFC00005, 0xFFC00005),
               (0x3F800001, 0xC0000000)]


@pytest.mark.parametrize("canon", [True, False], ids=["canonical", "default"])
@pytest.mark.parametrize("strategy", STRATEGIES)
def test_superinstructions_and_tier_up(strategy, canon):
    exports, tstore = _theirs(canon)
    ours, store = _ours(strategy, canon)
    for a, b in FUSED_CASES:
        want = exports["fused32"](tstore, _signed(a, 32), _signed(b, 32)) & M32
        got = ours["fused32"](store, _signed(a, 32), _signed(b, 32)) & M32
        if canon:
            assert got == want, f"fused32({a:#x}, {b:#x}): {got:#x} != {want:#x}"
        else:       # without it only NaN-ness is specified
            assert (got & 0x7FFFFFFF > 0x7F800000) == (want & 0x7FFFFFFF > 0x7F800000)
    for a, b in [(0x7FF4000000000001, 0x3FF0000000000000), (0xFFF8000000000005, 0)]:
        got = ours["fused64"](store, _signed(a, 64), _signed(b, 64)) & M64
        want = exports["fused64"](tstore, _signed(a, 64), _signed(b, 64)) & M64
        assert got == want if canon else got >> 52 & 0x7FF == 0x7FF
    for a in (0x7FA00001, 0xFFC00005, 0x3FC00000):
        got = ours["loop"](store, _signed(a, 32), 20_000) & M32
        want = exports["loop"](tstore, _signed(a, 32), 20_000) & M32
        if canon or a == 0x3FC00000:
            assert got == want, f"loop({a:#x}): {got:#x} != {want:#x}"


def test_every_canonicalized_op_is_tested():
    tested = {op.name for op in SCALAR + SIMD}
    assert {op.name for op in NAN_CANON} <= tested


def test_config_property():
    config = wl.Config()
    config.cranelift_nan_canonicalization = True
    config.cranelift_nan_canonicalization = False
    with pytest.raises(TypeError):
        config.cranelift_nan_canonicalization = 1
    with pytest.raises(AttributeError):
        config.cranelift_nan_canonicalization


_ADD = ('(module (func (export "f") (param i32) (result i32) (i32.reinterpret_f32 '
        '(f32.add (f32.reinterpret_i32 (local.get 0)) (f32.const 1)))))')


def _add(engine: wl.Engine, module: wl.Module) -> int:
    store = wl.Store(engine)
    return wl.Instance(store, module, []).exports(store)["f"](store, 0x7FA00001) & M32


def test_serialized_modules_keep_their_setting():
    on, off = _engine("llvm", True), _engine("llvm", False)
    data_on = wl.Module(on, _ADD).serialize()
    data_off = wl.Module(off, _ADD).serialize()
    assert _add(on, wl.Module.deserialize(on, data_on)) == 0x7FC00000
    assert _add(off, wl.Module.deserialize(off, data_off)) == 0x7FE00001
    with pytest.raises(wl.WasmtimeError, match="cranelift_nan_canonicalization"):
        wl.Module.deserialize(off, data_on)
    with pytest.raises(wl.WasmtimeError, match="cranelift_nan_canonicalization"):
        wl.Module.deserialize(on, data_off)


@pytest.mark.parametrize("strategy", ["llvm", "interpreter", "auto"])
def test_pickled_module_keeps_its_setting(strategy):
    engine = _engine(strategy, True)
    module = pickle.loads(pickle.dumps(wl.Module(engine, _ADD)))
    assert _add(module.engine, module) == 0x7FC00000


def test_cache_entries_are_per_setting(tmp_path):
    toml = tmp_path / "cache.toml"
    toml.write_text(f'[cache]\nenabled = true\ndirectory = "{tmp_path / "c"}"\n')
    results = []
    for canon in (False, True, False, True):
        config = wl.Config()
        config.strategy = "llvm"
        config.cache = str(toml)
        config.cranelift_nan_canonicalization = canon
        engine = wl.Engine(config)
        results.append(_add(engine, wl.Module(engine, _ADD)))
    assert results == [0x7FE00001, 0x7FC00000, 0x7FE00001, 0x7FC00000]
    assert len([p for p in (tmp_path / "c").rglob("*") if p.is_file()]) == 2


def test_relaxed_deterministic_min_max_canonicalize():
    """Deterministic relaxed min/max are min/max, canonicalized as they are."""
    ops = [OP_BY_NAME[n] for n in ("f32x4.relaxed_min", "f32x4.relaxed_max",
                                   "f64x2.relaxed_min", "f64x2.relaxed_max")]
    wat = "(module\n" + "\n".join(_wrapper(k, op) for k, op in enumerate(ops)) + ")"
    config = wasmtime.Config()
    config.cranelift_nan_canonicalization = True
    config.wasm_relaxed_simd_deterministic = True
    tstore = wasmtime.Store(wasmtime.Engine(config))
    theirs = wasmtime.Instance(tstore, wasmtime.Module(tstore.engine, wat), []).exports(tstore)
    for strategy in ("llvm", "interpreter"):
        config = wl.Config()
        config.strategy = strategy
        config.cranelift_nan_canonicalization = True
        config.wasm_relaxed_simd_deterministic = True
        store = wl.Store(wl.Engine(config))
        ours = wl.Instance(store, wl.Module(store.engine, wat), []).exports(store)
        for k, op in enumerate(ops):
            for vals in _simd_cases(op):
                _unused, a = _args(op, vals)
                got, want = ours[f"f{k}"](store, *a), theirs[f"f{k}"](tstore, *a)
                assert [x & M64 for x in got] == [x & M64 for x in want], op.name


def test_off_the_interpreter_loads_no_canonicalizing_handlers():
    """The canonicalizing handlers are a library of their own, loaded only
    when an engine asks: an interpreter that never canonicalizes starts as
    before."""
    import subprocess
    import sys
    code = ("import wasmlite as wl\n"
            "from wasmlite.interp.library import interpreter\n"
            "c = wl.Config(); c.strategy = 'interpreter'; e = wl.Engine(c); s = wl.Store(e)\n"
            f"i = wl.Instance(s, wl.Module(e, {_ADD!r}), []).exports(s)\n"
            "i['f'](s, 1)\n"
            "assert interpreter()._nan is None\n"
            "c = wl.Config(); c.strategy = 'interpreter'\n"
            "c.cranelift_nan_canonicalization = True; e = wl.Engine(c); s = wl.Store(e)\n"
            f"i = wl.Instance(s, wl.Module(e, {_ADD!r}), []).exports(s)\n"
            "assert i['f'](s, 0x7fa00001) & 0xffffffff == 0x7fc00000\n"
            "assert interpreter()._nan is not None\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


@pytest.mark.parametrize("options,expected", [([], "-4194304"),
                                              (["-W", "nan-canonicalization"], "2143289344"),
                                              (["-W", "nan-canonicalization=n"], "-4194304")])
def test_cli_w_option(tmp_path, options, expected):
    """``-W nan-canonicalization`` as wasmtime's CLI spells it (sqrt(-1):
    x86's default NaN 0xffc00000, canonical 0x7fc00000)."""
    import subprocess
    import sys
    path = tmp_path / "n.wat"
    path.write_text('(module (func (export "f") (result i32) '
                    '(i32.reinterpret_f32 (f32.sqrt (f32.const -1)))))')
    out = subprocess.run([sys.executable, "-m", "wasmlite", "run", *options, "--invoke", "f",
                          str(path)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected
