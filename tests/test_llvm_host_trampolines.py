"""Under the llvm strategy, host trampolines come from the interpreter's
library when that costs no build (loaded, or cached on disk), and are
compiled otherwise: the strategy never builds the interpreter for them."""
from __future__ import annotations

import os
import subprocess
import sys

import wasmlite as wl
from wasmlite.interp.library import interpreter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _llvm_engine() -> wl.Engine:
    cfg = wl.Config()
    cfg.strategy = "llvm"
    return wl.Engine(cfg)


def test_a_loaded_interpreter_lends_its_host_trampolines():
    ft = wl.FuncType([wl.ValType.i32(), wl.ValType.i64()], [wl.ValType.i32()])
    expected = interpreter().prebuilt_for(ft._inner)[3]
    assert _llvm_engine()._rt.host_trampoline(ft._inner) == expected
    # and the host function works through it from compiled code
    eng = _llvm_engine()
    store = wl.Store(eng)
    f = wl.Func(store, ft, lambda a, b: a + b)
    x = wl.Instance(store, wl.Module(eng, """(module
      (import "" "f" (func $f (param i32 i64) (result i32)))
      (func (export "g") (result i32) (call $f (i32.const 40) (i64.const 2))))"""), [f]).exports(store)
    assert x["g"](store) == 42


def test_without_a_cached_interpreter_llvm_compiles_them_and_builds_nothing(tmp_path):
    code = """if True:
        import wasmlite as wl
        from wasmlite.interp import library
        cfg = wl.Config(); cfg.strategy = "llvm"
        eng = wl.Engine(cfg)
        linker = wl.Linker(eng)
        linker.define_wasi()
        store = wl.Store(eng)
        store.set_wasi(wl.WasiConfig())
        m = wl.Module(eng, '(module (import "wasi_snapshot_preview1" "proc_exit" (func (param i32))))')
        linker.instantiate(store, m)
        print(library._loaded is None)
    """
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), PYTHONPATH=ROOT)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"
    assert not (tmp_path / "wasmlite" / "interp").exists()
