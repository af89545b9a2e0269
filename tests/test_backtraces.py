"""Trap backtraces side by side with wasmtime-py: the same programs run in
both, and every observable of the trap (type, str, message, trap_code, each
frame's index, names and offsets) must be equal, in every tier and opt
level, including frames through host functions and mixes of interpreted and
compiled code."""
import subprocess
import sys

import pytest
import wasmtime

import wasmlite

# (strategy, cranelift_opt_level)
TIERS = [("llvm", "none"), ("llvm", "speed"), ("llvm", "speed_and_size"),
         ("interpreter", "speed"), ("auto", "speed")]

WAT = r"""
(module $m
  (import "host" "call_back" (func $call_back (param i32)))
  (memory 1)
  (table 4 funcref)
  (type $ii (func (param i32) (result i32)))
  (elem (i32.const 0) $inner $mid $twice)
  (global $n (mut i32) (i32.const 0))
  (func $inner (param i32) (result i32)
    local.get 0
    i32.const 0
    i32.div_s)
  (func $mid (param i32) (result i32)
    nop
    local.get 0
    call $inner
    i32.const 1
    i32.add)
  (func $twice (param i32) (result i32 i32)
    local.get 0 call $mid local.get 0)
  (func (export "chain") (result i32)
    i32.const 5
    call $mid)
  (func (export "indirect") (result i32)
    i32.const 7
    i32.const 1
    call_indirect (type $ii))
  (func (export "multi") (result i32)
    i32.const 3 call $twice i32.add)
  (func $u (export "u") nop unreachable)
  (func (export "via_host") (param i32) nop local.get 0 call $call_back)
  (func $deep (export "deep") (param i32)
    local.get 0
    if
      local.get 0 i32.const 1 i32.sub call $deep
    else
      ;; a write first: Cranelift would turn a bare `else unreachable` into
      ;; a conditional trap and report the `if` (an optimizer detail)
      i32.const 1 global.set $n
      unreachable
    end)
  (func $rec (export "rec") (param i32) (result i32)
    local.get 0 i32.const 1 i32.add call $rec)
  (func (export "oob") (result i32) i32.const 0 i32.load offset=70000)
  (func $spin (export "spin") (param i32)
    (loop $l
      local.get 0 i32.const 1 i32.sub local.tee 0
      br_if $l)
    i32.const 9 call $inner drop)
)
"""


def trap_info(mod, strategy: str, opt: str, export: str, *args, nested=None):
    """Run ``export`` under ``mod`` (wasmtime or wasmlite); the trap's
    observables. ``nested``: what the host function calls back into."""
    cfg = mod.Config()
    cfg.cranelift_opt_level = opt
    if mod is wasmlite:
        cfg.strategy = strategy
    store = mod.Store(mod.Engine(cfg))
    module = mod.Module(store.engine, WAT)
    box = {}

    def call_back(x):
        if nested is not None:
            box["e"][nested](store, *([x] if nested in ("deep", "via_host") else []))

    host = mod.Func(store, mod.FuncType([mod.ValType.i32()], []), call_back)
    inst = mod.Instance(store, module, [host])
    box["e"] = inst.exports(store)
    with pytest.raises(Exception) as info:
        box["e"][export](store, *args)
    e = info.value
    frames = [(f.func_index, f.func_name, f.module_name, f.func_offset, f.module_offset)
              for f in getattr(e, "frames", None) or []]
    return (type(e).__name__, str(e), getattr(e, "message", None),
            str(getattr(e, "trap_code", None)), frames)


CALLS = [("chain",), ("indirect",), ("multi",), ("u",), ("deep", 30), ("deep", 3),
         ("rec", 0), ("oob",), ("spin", 10)]


@pytest.mark.parametrize("call", CALLS, ids=lambda c: "-".join(map(str, c)))
@pytest.mark.parametrize("tier", TIERS, ids=lambda t: "-".join(t))
def test_trap_matches_wasmtime(tier, call):
    theirs = trap_info(wasmtime, *tier, *call)
    ours = trap_info(wasmlite, *tier, *call)
    if call[0] == "oob":
        # Wasmtime adds a cause line of its signal handler ("memory fault at
        # wasm address ...") that wasmlite does not print; the rest agrees
        assert ours[4] == theirs[4] and ours[3] == theirs[3]
        return
    assert ours == theirs


@pytest.mark.parametrize("nested", ["u", "deep", "via_host"])
@pytest.mark.parametrize("tier", TIERS, ids=lambda t: "-".join(t))
def test_frames_through_host_functions(tier, nested):
    """wasm -> Python -> wasm: the inner trap has the outer wasm frames too,
    and the same Trap object reaches the outer caller (as in wasmtime-py)."""
    args = (4,)
    assert trap_info(wasmlite, *tier, "via_host", *args, nested=nested) == \
        trap_info(wasmtime, *tier, "via_host", *args, nested=nested)


def test_frames_across_interpreted_and_compiled_modules():
    """auto: an interpreted module calls a compiled one through an import,
    which traps: the frames of both kinds, in order."""
    lib = '(module $lib (func $boom (export "boom") (param i32) nop unreachable))'
    app = """(module $app
      (import "lib" "boom" (func $boom (param i32)))
      (func $a (param i32) local.get 0 call $boom)
      (func (export "go") i32.const 1 call $a))"""

    def run(mod, lib_strategy, app_strategy):
        eng = mod.Engine()
        store = mod.Store(eng)
        if mod is wasmlite:
            eng._rt.strategy = lib_strategy      # per module, as tests/test_tiers.py
        x = mod.Instance(store, mod.Module(eng, lib), []).exports(store)
        if mod is wasmlite:
            eng._rt.strategy = app_strategy
        y = mod.Instance(store, mod.Module(eng, app), [x["boom"]]).exports(store)
        with pytest.raises(mod.Trap) as info:
            y["go"](store)
        return str(info.value), [(f.func_index, f.func_name, f.module_name, f.func_offset,
                                  f.module_offset) for f in info.value.frames]

    theirs = run(wasmtime, None, None)
    for pair in [("llvm", "interpreter"), ("interpreter", "llvm"),
                 ("interpreter", "interpreter"), ("llvm", "llvm")]:
        assert run(wasmlite, *pair) == theirs, pair


def test_host_raised_trap_and_exception_keep_their_own_shape():
    for mod in (wasmtime, wasmlite):
        store = mod.Store()
        ft = mod.FuncType([], [])

        def raise_trap():
            raise mod.Trap("custom")

        def raise_value():
            raise ValueError("boom")
        wat = '(module (import "" "f" (func $f)) (func (export "go") call $f))'
        m = mod.Module(store.engine, wat)
        for fn, kind in ((raise_trap, mod.Trap), (raise_value, ValueError)):
            go = mod.Instance(store, m, [mod.Func(store, ft, fn)]).exports(store)["go"]
            with pytest.raises(kind) as info:
                go(store)
            assert str(info.value) in ("custom", "boom")
            assert getattr(info.value, "frames", []) == []


def test_osr_frame_is_not_reported_twice():
    """auto: a loop that moved into compiled code (OSR) calls a trapping
    function: one frame per wasm frame, as the compiled tier reports."""
    wat = """(module $o
      (global $g (mut i32) (i32.const 0))
      (func $check (param i32) local.get 0 i32.eqz if i32.const 1 global.set $g unreachable end)
      (func (export "run") (param i32)
        (loop $l
          local.get 0 i32.const 1 i32.sub local.tee 0
          call $check
          local.get 0 br_if $l)))"""
    cfg = wasmlite.Config()
    cfg.strategy = "auto"
    store = wasmlite.Store(wasmlite.Engine(cfg))
    run = wasmlite.Instance(store, wasmlite.Module(store.engine, wat), []).exports(store)["run"]
    with pytest.raises(wasmlite.Trap) as info:
        run(store, 3_000_000)
    ref = wasmtime.Store()
    wrun = wasmtime.Instance(ref, wasmtime.Module(ref.engine, wat), []).exports(ref)["run"]
    with pytest.raises(wasmtime.Trap) as winfo:
        wrun(ref, 3_000_000)
    assert str(info.value) == str(winfo.value)


def test_cli_trap_report_lists_every_frame(tmp_path):
    wat = WAT.replace('(import "host" "call_back" (func $call_back (param i32)))', "")
    wat = wat.replace("nop local.get 0 call $call_back", "nop")
    path = tmp_path / "chain.wat"
    path.write_text(wat)
    store = wasmtime.Store()
    chain = wasmtime.Instance(store, wasmtime.Module(store.engine, wat), []).exports(store)["chain"]
    with pytest.raises(wasmtime.Trap) as info:
        chain(store)
    expected = [ln for ln in str(info.value).splitlines() if " - " in ln]
    assert len(expected) == 3
    out = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--invoke", "chain",
                          str(path)], capture_output=True, text=True)
    assert out.returncode == 134
    lines = out.stderr.splitlines()
    assert [ln for ln in lines if " - " in ln] == expected
    assert "    2: wasm trap: integer divide by zero" in lines


DEMANGLED = ["v", "i", "x", "z", "Pi", "PKc", "ab", "main", "_ZN3foo3barE", "_Z3fooi",
             "_Z3barv", "u", "Dn", "_ZN3foo3bar17h0123456789abcdefE", "K", "__original_main",
             # Rust v0 (the WASI preview-1 adapter's names): crate hashes, impls,
             # trait impls with generics, back references, closures, types
             "_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail",
             "_RNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB5_5State3ptr",
             "_RNvNvMs8_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtB7_5State3new12cabi_realloc",
             "_RNvXs4_Cs1wwIxjb0Jwr_22wasi_snapshot_preview1NtNtCs9YX7DM3Gg5f_6wasip113lib_generated"
             "5ErrnoINtNtCskGMzdWn1DGZ_4core7convert4FromNtNtNtNtNtB5_8bindings4wasi10filesystem"
             "5types9ErrorCodeE4from",
             "_RINvNtCskGMzdWn1DGZ_4core3ptr9drop_glueNtNtCs1wwIxjb0Jwr_22wasi_snapshot_preview1"
             "11descriptors10DescriptorEBF_",
             "_RNCNvCsd_5crate4main0", "_RNCNvCsd_5crate4mains_0", "_RNSNvCs_5crate1f6vtable",
             "_RINvCsd_5crate1fTRhQmSyAhj4_PaOlTEuzEE", "_RINvCsd_5crate1fKj4_Klnf_Kb0_KpE",
             "_RINvCsd_5crate1fKb2_E", "_RINvCsd_5crate1fKhFF_E", "_RINvCsd_5crate1fKc41_E",
             "_RINvCsd_5crate1fKc5c_E", "_RINvCsd_5crate1fKc27_E", "_RINvCsd_5crate1fKca_E",
             "_RINvCsd_5crate1fKc22_E", "_RINvCsd_5crate1fKce9_E", "_RINvCsd_5crate1fKc301_E", "_RINvCsd_5crate1fKc7_E", "_RINvCsd_5crate1fKc1f600_E",
             "_RNvCs_5crate1f.llvm.1234", "_RNvCs_5crate1f.cold",
             "_RNvCs_5crate1f.llvm.xyz",
             "_RNvCsd_5crateu8gdel_5qa", "_RNvCsd_5crateu8Fe_gia9i", "_RNvCsd_5crateu4zs9h",
             "_RNvCsd_5crateu4abcd", "_RINvCsd_5crate1fRL_hL_E", "_RNvCsd_5crate"]


def test_frame_names_are_shown_demangled_as_wasmtime_shows_them():
    funcs = "".join(f'(func ${n} (export "e{k}") unreachable)' for k, n in enumerate(DEMANGLED))
    wat = f"(module $m {funcs})"
    shown = {}
    for mod in (wasmtime, wasmlite):
        store = mod.Store()
        ex = mod.Instance(store, mod.Module(store.engine, wat), []).exports(store)
        for k, name in enumerate(DEMANGLED):
            with pytest.raises(mod.Trap) as info:
                ex[f"e{k}"](store)
            assert info.value.frames[0].func_name == name
            shown.setdefault(name, []).append(str(info.value).splitlines()[1])
    for name, (theirs, ours) in shown.items():
        assert ours == theirs, name


def test_a_library_collected_while_call_sites_are_registered_does_not_deadlock():
    """A finalizer can run inside callsites.register (its allocations can
    start a collection while it holds the lock): forgetting must not take
    the lock. This hung the test suite once."""
    import threading

    from wasmlite.compile import callsites

    def forget_under_the_lock():
        with callsites._lock:
            callsites._forget([1 << 60])      # what a finalizer does
    t = threading.Thread(target=forget_under_the_lock, daemon=True)
    t.start()
    t.join(10)
    assert not t.is_alive()
    assert callsites.lookup(1 << 60) is None  # drained, nothing registered there
