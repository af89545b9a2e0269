"""The interpreter's superinstructions (interp/bytecode.py, interp/forms.py)
against compiled code: each pattern's results, traps (code, message,
backtrace offsets) and fuel agree with the llvm strategy, and the
pre-decoder really made the superinstruction (so each case runs it):

* a loop back-edge with its header's checks (``x_jump_loop*``,
  ``x_br_if_loop*``, the tests' ``_brl`` forms);
* a deferred local.get (``LS`` forms of binary ops, stores, ``LS_set``),
  and where it must not be deferred (the local set or teed in between, a
  call, a label);
* a load of an i32.add just before it (``_a*`` forms);
* an integer test right before an ``if`` (its negation's ``_br`` form),
  and float tests into a ``br_if`` (never negated: NaN);
* an ``LC`` store; local.set of a local.get or of a constant.
"""
from __future__ import annotations

import pytest

import wasmlite as wl

WAT = """(module
  (memory (export "mem") 1)
  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\f0\\f1\\f2\\f3\\f4\\f5\\f6\\f7")
  (func $id (param i32) (result i32) (local.get 0))
  ;; back-edges: a test into br_if, a bare br_if, a br; with nested loops
  (func (export "brl") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $s))
  (func (export "brif") (param $n i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (local.get $n)))
      (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l))
    (local.get $s))
  (func (export "jump") (param $n i32) (result i32) (local $s i32)
    (block $out (loop $l
      (br_if $out (i32.eqz (local.get $n)))
      (local.set $s (i32.xor (i32.mul (local.get $s) (i32.const 31)) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $s))
  (func (export "nested") (param $n i32) (result i64) (local $i i32) (local $j i32) (local $s i64)
    (loop $li
      (local.set $j (i32.const 0))
      (loop $lj
        (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.mul (local.get $i) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $lj (i32.ne (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $li (i32.lt_s (local.get $i) (local.get $n))))
    (local.get $s))
  ;; a loop parameter carried by the back-edge, in place: folded
  (func (export "carry_in_place") (param $n i32) (result i32)
    (i32.const 7)
    (loop $l (param i32) (result i32)
      (i32.add (i32.const 3))
      (local.tee $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l)))
  ;; ... with a value under it, so it moves: not folded
  (func (export "carry") (param $n i32) (result i32) (local $t i32)
    (i32.const 7)
    (loop $l (param i32) (result i32)
      (local.set $t)
      (i32.const 99)
      (i32.add (local.get $t) (i32.const 3))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))
      (local.set $t) (drop) (local.get $t)))
  ;; deferred local.get: non-commutative ops, the first operand a local
  (func (export "ls_sub") (param $a i32) (param $b i32) (result i32)
    (i32.sub (local.get $a) (i32.mul (local.get $b) (i32.const 3))))
  (func (export "ls_div") (param $a f64) (param $b f64) (result f64)
    (f64.div (local.get $a) (f64.add (local.get $b) (f64.const 0.5))))
  (func (export "ls_divs") (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (i32.sub (local.get $b) (i32.const 1))))
  (func (export "ls_set") (param $a i64) (param $b i64) (result i64) (local $r i64)
    (local.set $r (i64.shl (local.get $a) (i64.and (local.get $b) (i64.const 63))))
    (local.get $r))
  (func (export "ls_store") (param $p i32) (param $v i32) (result i32)
    (i32.store (local.get $p) (i32.add (local.get $v) (i32.const 1)))
    (i64.store offset=8 (local.get $p) (i64.extend_i32_s (local.get $v)))
    (i32.load (local.get $p)))
  ;; the local changes between its local.get and the op: no deferral
  (func (export "set_between") (param $a i32) (param $b i32) (result i32)
    (local.get $a)
    (local.set $a (i32.const 1000))
    (i32.sub (i32.add (local.get $b) (local.get $a))))
  (func (export "tee_between") (param $a i32) (param $b i32) (result i32)
    (local.get $a)
    (local.tee $a (i32.mul (local.get $b) (i32.const 2)))
    (i32.sub))
  (func (export "call_between") (param $a i32) (param $b i32) (result i32)
    (i32.sub (local.get $a) (call $id (local.get $b))))
  (func (export "block_between") (param $a i32) (param $b i32) (result i32)
    (i32.sub (local.get $a) (block (result i32) (local.get $b))))
  ;; loads of an add
  (func (export "a_ll") (param $p i32) (param $q i32) (result i32)
    (i32.load (i32.add (local.get $p) (local.get $q))))
  (func (export "a_lc") (param $p i32) (result i32)
    (i32.load8_s (i32.add (local.get $p) (i32.const 9))))
  (func (export "a_sc") (param $p i32) (result i32)
    (i32.load16_u (i32.add (i32.mul (local.get $p) (i32.const 2)) (i32.const 1))))
  (func (export "a_ss") (param $p i32) (param $q i32) (result i64)
    (i64.load (i32.add (i32.shl (local.get $p) (i32.const 1)) (i32.shl (local.get $q) (i32.const 1)))))
  (func (export "a_ls") (param $p i32) (param $q i32) (result f64)
    (f64.load offset=0 (i32.add (local.get $p) (i32.shl (local.get $q) (i32.const 3)))))
  ;; a test before an if
  (func (export "if_lt") (param $a i32) (param $b i32) (result i32)
    (if (result i32) (i32.lt_s (local.get $a) (local.get $b))
      (then (i32.const 1)) (else (i32.const 2))))
  (func (export "if_geu") (param $a i64) (result i32)
    (if (result i32) (i64.ge_u (local.get $a) (i64.const 100))
      (then (i32.const 10)) (else (i32.const 20))))
  (func (export "if_eqz") (param $a i32) (result i32) (local $r i32)
    (if (i32.eqz (local.get $a)) (then (local.set $r (i32.const 5))))
    (local.get $r))
  (func (export "if_eqz64") (param $a i64) (result i32)
    (if (result i32) (i64.eqz (i64.and (local.get $a) (i64.const 1)))
      (then (i32.const 0)) (else (i32.const 1))))
  (func (export "if_param") (param $a i32) (result i32)
    (i32.const 40)
    (if (param i32) (result i32) (i32.gt_u (local.get $a) (i32.const 3))
      (then (i32.add (i32.const 2))) (else (i32.sub (i32.const 2)))))
  ;; local.set of a local.get / of a constant
  (func (export "copies") (param $a i32) (param $b f64) (result f64)
    (local $c i32) (local $d f64) (local $e i64) (local $f f32)
    (local.set $c (local.get $a))
    (local.set $d (f64.const -2.5))
    (local.set $e (i64.const -9))
    (local.set $f (f32.const 0.75))
    (f64.add (f64.add (local.get $d) (local.get $b))
             (f64.add (f64.promote_f32 (local.get $f))
                      (f64.convert_i64_s (i64.add (local.get $e) (i64.extend_i32_s (local.get $c)))))))
  ;; float tests into a branch; an if on a float test (not negated: NaN)
  (func (export "fbr") (param $a f64) (param $b f64) (result i32)
    (block $t (br_if $t (f64.lt (local.get $a) (local.get $b))) (return (i32.const 0)))
    (i32.const 1))
  (func (export "fbr32") (param $x f32) (result i32)
    (block $t (br_if $t (f32.ge (local.get $x) (f32.const 0.5))) (return (i32.const 0)))
    (i32.const 1))
  (func (export "fif") (param $a f64) (param $b f64) (result i32)
    (if (result i32) (f64.lt (local.get $a) (local.get $b)) (then (i32.const 1)) (else (i32.const 2))))
  ;; an LC store
  (func (export "lc_store") (param $p i32) (result i32)
    (i32.store8 (local.get $p) (i32.const 255))
    (i32.load8_u (local.get $p)))
)"""

I32 = [0, 1, 2, 3, 5, 99, 100, 101, -1, -7, 0x7FFFFFFF, -0x80000000]
CASES = [
    ("brl", [[1], [2], [5], [1000]]),
    ("brif", [[1], [3], [500]]),
    ("jump", [[0], [1], [4], [300]]),
    ("nested", [[1], [3], [40]]),
    ("carry_in_place", [[1], [4], [50]]),
    ("carry", [[1], [4], [50]]),
    ("ls_sub", [[a, b] for a in (0, 5, -9, 0x7FFFFFFF) for b in (0, 1, -3)]),
    ("ls_div", [[1.5, 2.0], [-3.0, -0.25], [0.0, 2.0], [7.0, 1e300], [1.0, -0.5]]),
    ("ls_divs", [[7, 3], [-8, 0], [5, 1], [-0x80000000, 0], [-0x80000000, 2]]),
    ("ls_set", [[1, 3], [-1, 63], [5, 64], [0x123456789, 100]]),
    ("ls_store", [[0, 5], [100, -2], [65532, 1], [65528, 1], [65530, 9]]),
    ("set_between", [[10, 3], [-4, 8]]),
    ("tee_between", [[10, 3], [-4, 8]]),
    ("call_between", [[10, 3], [-4, 8]]),
    ("block_between", [[10, 3], [-4, 8]]),
    ("a_ll", [[0, 0], [1, 2], [4, 8], [65532, 0], [65533, 0], [-1, 1], [0x7FFFFFFF, 0x7FFFFFFF]]),
    ("a_lc", [[0], [6], [65526], [65527], [-9]]),
    ("a_sc", [[0], [3], [32766], [32767], [-1]]),
    ("a_ss", [[0, 0], [1, 3], [16380, 16380], [16381, 16381]]),
    ("a_ls", [[0, 0], [8, 0], [0, 8191], [8, 8191], [1, 8191]]),
    ("if_lt", [[a, b] for a in (-2, 0, 3) for b in (-2, 0, 3)]),
    ("if_geu", [[0], [99], [100], [101], [-1]]),
    ("if_eqz", [[0], [1], [-1]]),
    ("if_eqz64", [[0], [1], [2], [-1]]),
    ("if_param", [[0], [3], [4], [-1]]),
    ("lc_store", [[0], [65535], [65536]]),
    ("copies", [[0, 1.5], [-7, 0.25], [0x7FFFFFFF, -3.0]]),
    ("fbr", [[1.0, 2.0], [2.0, 1.0], [1.0, 1.0], [float("nan"), 1.0], [1.0, float("nan")]]),
    ("fbr32", [[0.25], [0.5], [7.0], [float("nan")]]),
    ("fif", [[1.0, 2.0], [2.0, 1.0], [float("nan"), 1.0]]),
]

# the superinstructions each function's code must hold (no fuel, no epochs)
EXPECTED = {
    "brl": ["h_i32_lt_u_LL_brl"], "brif": ["x_br_if_loop"], "jump": ["x_jump_loop"],
    "nested": ["h_i32_ne_LL_brl", "h_i32_lt_s_LL_brl"], "carry_in_place": ["x_br_if_loop"],
    "carry": ["x_br_if"],
    "ls_sub": ["h_i32_sub_LS"], "ls_div": ["h_f64_div_LS"], "ls_divs": ["h_i32_div_s_LS"],
    "ls_set": ["h_i64_shl_LS_set"], "ls_store": ["h_i32_store_LS", "h_i64_store_LS"],
    "a_ll": ["h_i32_load_aLL"], "a_lc": ["h_i32_load8_s_aLC"], "a_sc": ["h_i32_load16_u_aSC"],
    "a_ss": ["h_i64_load_aSS"], "a_ls": ["h_f64_load_aLS"],
    "if_lt": ["h_i32_ge_s_LL_br"], "if_geu": ["h_i64_lt_u_LC_br"], "if_eqz": ["h_i32_ne_LC_br"],
    "if_eqz64": ["h_i64_ne_SC_br"], "if_param": ["h_i32_le_u_LC_br"],
    "lc_store": ["h_i32_store8_LC"], "copies": ["x_local_copy32", "x_local_set_const"],
    "fbr": ["h_f64_lt_LL_br"], "fbr32": ["h_f32_ge_LC_br"], "fif": ["x_if"],
}
# ... and must not hold: the local changed, or a label / call came between
ABSENT = {"set_between": "_LS", "tee_between": "_LS", "call_between": "_LS",
          "block_between": "_LS", "carry": "_loop"}


def _engine(strategy: str, fuel: bool = False, epoch: bool = False) -> wl.Engine:
    cfg = wl.Config()
    cfg.strategy = strategy
    cfg.consume_fuel = fuel
    cfg.epoch_interruption = epoch
    return wl.Engine(cfg)


def _outcome(store, f, args):
    try:
        return ("ok", f(store, *args))
    except wl.Trap as e:
        frames = [(fr.func_index, fr.func_offset, fr.module_offset) for fr in e.frames or []]
        return ("trap", str(e.trap_code), e.message, frames)


def _run(strategy: str, fuel=None, epoch: bool = False):
    eng = _engine(strategy, fuel is not None, epoch)
    module = wl.Module(eng, WAT)
    out = {}
    for name, arglists in CASES:
        for args in arglists:
            store = wl.Store(eng)
            if fuel is not None:
                store.set_fuel(fuel)
            if epoch:
                store.set_epoch_deadline(1 << 40)
            inst = wl.Instance(store, module, [])
            x = inst.exports(store)
            r = _outcome(store, x[name], args)
            mem = bytes(x["mem"].read(store, 0, 64)) + bytes(x["mem"].read(store, 65472, 65536))
            out[(name, tuple(args))] = (r, mem, store.get_fuel() if fuel is not None else None)
    return out


@pytest.mark.parametrize("fuel", [None, 10_000_000, 40, 200])
def test_superinstructions_agree_with_compiled_code(fuel):
    """Results, traps (code, message, backtrace offsets), memory and fuel
    left (ample, and budgets that run out in the middle of the loops)."""
    want = _run("llvm", fuel)
    got = _run("interpreter", fuel)
    for key in want:
        assert got[key] == want[key], key


def test_superinstructions_agree_with_epochs():
    assert _run("interpreter", epoch=True) == _run("llvm", epoch=True)


def _code_symbols(fuel: bool = False, epoch: bool = False) -> dict[str, list[str]]:
    """Each exported function's handler symbols, in code order."""
    eng = _engine("interpreter", fuel, epoch)
    module = wl.Module(eng, WAT)
    im = module._compiled
    it = im.interp
    rev = {a: s for s, a in it.address.items()}
    names = {}
    for e in im.module.exports:
        if e.kind.name == "FUNC":
            names[e.index - im.nimported] = e.name
    out = {}
    for i, name in names.items():
        code = im._pre.function(im.nimported + i, im.module.funcs[i])
        out[name] = [rev[w] for w in code.words if w in rev]
    return out


def test_the_pre_decoder_makes_the_superinstructions():
    syms = _code_symbols()
    for name, wanted in EXPECTED.items():
        for sym in wanted:
            assert sym in syms[name], (name, sym, syms[name])
    for name, part in ABSENT.items():
        assert not any(part in s for s in syms[name]), (name, syms[name])
    # a back-edge folded into the branch leaves the header for the loop's entry
    assert syms["brl"].count("x_header") == 1


def test_back_edges_with_fuel_and_epochs_keep_their_checks():
    """With fuel or epochs the tests' _brl forms (no such checks) are not
    used; the own back-edge forms of that setting are."""
    fuel = _code_symbols(fuel=True)
    assert "x_br_if_loop_fuel" in fuel["brl"] and "x_jump_loop_fuel" in fuel["jump"]
    epoch = _code_symbols(epoch=True)
    assert "x_jump_loop_epoch" in epoch["jump"] and "x_br_if_loop_epoch" in epoch["brif"]
    for syms in (fuel, epoch):
        assert not any(s.endswith("_brl") for v in syms.values() for s in v)


def test_an_epoch_interrupts_a_folded_back_edge_at_the_loop():
    """The interrupt trap of a back-edge that runs its header's checks is
    reported where compiled code reports it (the loop)."""
    spin = """(module (func (export "spin") (local $i i32)
      (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $l))))"""
    out = []
    for strategy in ("interpreter", "llvm"):
        eng = _engine(strategy, epoch=True)
        store = wl.Store(eng)
        store.set_epoch_deadline(1)
        x = wl.Instance(store, wl.Module(eng, spin), []).exports(store)
        eng.increment_epoch()
        out.append(_outcome(store, x["spin"], []))
    assert out[0][1] == str(wl.TrapCode.INTERRUPT)
    assert out[0] == out[1]


# Locals, globals and a single result by their type's width (handlers.py
# LOCAL_WIDTHS): a scalar moves only its own bytes (and writes the whole
# slot), a v128 all 16
WIDTHS_WAT = """(module
  (global $g32 (mut i32) (i32.const 7))
  (global $g64 (mut i64) (i64.const -1))
  (global $gf (mut f32) (f32.const 1.5))
  (global $gv (mut v128) (v128.const i32x4 1 2 3 4))
  (func (export "i64s") (param $a i64) (param $b i32) (result i64) (local $c i64) (local $d i32)
    (local.set $c (local.get $a))
    (local.set $d (local.tee $b (i32.add (local.get $b) (i32.const 1))))
    (global.set $g32 (i32.add (global.get $g32) (local.get $d)))
    (global.set $g64 (i64.xor (global.get $g64) (local.get $c)))
    (i64.add (global.get $g64) (i64.extend_i32_u (global.get $g32))))
  (func (export "nan32") (param $x i32) (result i32) (local $f f32)
    (local.set $f (f32.reinterpret_i32 (local.get $x)))
    (global.set $gf (local.get $f))
    (i32.reinterpret_f32 (global.get $gf)))
  (func (export "nan64") (param $x i64) (result i64) (local $f f64) (local $g f64)
    (local.set $g (local.tee $f (f64.reinterpret_i64 (local.get $x))))
    (i64.reinterpret_f64 (local.get $g)))
  (func (export "vec") (param $x i32) (result i32) (local $v v128) (local $w v128)
    (local.set $v (i32x4.replace_lane 2 (global.get $gv) (local.get $x)))
    (local.set $w (local.get $v))
    (global.set $gv (i32x4.add (local.tee $v (local.get $w)) (global.get $gv)))
    (i32.add (i32x4.extract_lane 2 (global.get $gv)) (i32x4.extract_lane 3 (local.get $v))))
  (func (export "ref") (param $r externref) (result externref) (local $s externref)
    (local.set $s (local.get $r))
    (local.get $s)))"""

WIDTH_CASES = [("i64s", [-0x123456789ABCDEF, 5]), ("i64s", [0x7FFFFFFFFFFFFFFF, -1]),
               ("nan32", [0x7FA00001]), ("nan32", [-1]), ("nan64", [0x7FF4000000000001]),
               ("nan64", [-2]), ("vec", [0x55AA55AA]), ("vec", [-3])]


def test_locals_globals_and_results_by_width_agree_with_compiled_code():
    out = {}
    for strategy in ("llvm", "interpreter"):
        store = wl.Store(_engine(strategy))
        x = wl.Instance(store, wl.Module(store.engine, WIDTHS_WAT), []).exports(store)
        out[strategy] = [_outcome(store, x[name], args) for name, args in WIDTH_CASES]
        token = object()
        out[strategy].append(x["ref"](store, token) is token)
    assert out["interpreter"] == out["llvm"]
    assert out["interpreter"][-1] is True


def test_the_pre_decoder_picks_each_local_and_global_by_its_width():
    eng = _engine("interpreter")
    im = wl.Module(eng, WIDTHS_WAT)._compiled
    rev = {a: s for s, a in im.interp.address.items()}
    syms = {}
    for e in im.module.exports:
        code = im._pre.function(e.index, im.module.funcs[e.index - im.nimported])
        syms[e.name] = [rev[w] for w in code.words if w in rev]
    assert {"x_local_tee32", "x_global_get32", "x_global_set32", "x_global_get64",
            "x_global_set64", "x_return1_64"} <= set(syms["i64s"])
    assert "x_local_copy64" in syms["i64s"]          # local.set $c (local.get $a)
    assert {"x_global_set32", "x_global_get32", "x_return1_32"} <= set(syms["nan32"])
    assert {"x_local_tee64", "x_local_set64"} <= set(syms["nan64"])
    # v128 moves all 16 bytes: the width-less handlers
    assert {"x_global_get", "x_global_set", "x_local_set", "x_local_copy",
            "x_local_tee"} <= set(syms["vec"])
    # (only the i32 parameter's get is a scalar one)
    assert not any(s.endswith(("32", "64")) and s.startswith(
        ("x_local_set", "x_local_tee", "x_local_copy", "x_global")) for s in syms["vec"])
    assert "x_local_copy64" in syms["ref"] and "x_return1_64" in syms["ref"]
