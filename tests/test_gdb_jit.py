"""Config.debug_info: compiled wasm code, the code tier-up installs later,
entry and host trampolines and the interpreter's own code are registered
with GDB's JIT interface (runtime/gdbjit.py), so gdb names wasm functions
in a backtrace through wasm, and entries go away with their code."""
from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import textwrap

import pytest

import wasmlite as wl
from wasmlite.runtime import gdbjit

PROGRAM = textwrap.dedent('''
    import os, signal, sys
    import wasmlite as wl
    config = wl.Config()
    config.strategy = sys.argv[1]
    config.debug_info = True
    engine = wl.Engine(config)
    engine._rt.tier_early = True          # auto: tier-up at the first count
    store = wl.Store(engine)

    def stop():
        os.kill(os.getpid(), signal.SIGTRAP)       # gdb stops here

    module = wl.Module(engine, """(module $demo
      (import "host" "stop" (func $stop))
      (func $inner (export "inner") (param i32) (result i32) (local i32)
        (loop $l (local.set 1 (i32.add (local.get 1) (local.get 0)))
          (br_if $l (i32.gt_s (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
                              (i32.const 0))))
        (if (i32.eq (local.get 1) (i32.const 55)) (then (call $stop)))
        (local.get 1))
      (func $outer (export "outer") (result i32)
        (i32.add (call $inner (i32.const 10)) (i32.const 1))))""")
    ex = wl.Instance(store, module, [wl.Func(store, wl.FuncType([], []), stop)]).exports(store)
    ex["inner"](store, 3)
    ex["inner"](store, 4)
    print("result", ex["outer"](store), flush=True)
''')


def _list_length() -> int:
    descriptor, _register = gdbjit._interface
    n, entry = 0, descriptor.first_entry
    while entry:
        n += 1
        entry = entry.contents.next
    return n


@pytest.mark.skipif(shutil.which("gdb") is None, reason="gdb is not installed")
@pytest.mark.parametrize("strategy", ["llvm", "auto"])
def test_gdb_names_wasm_frames(tmp_path, strategy):
    script = tmp_path / "prog.py"
    script.write_text(PROGRAM)
    out = subprocess.run(
        ["gdb", "-q", "-batch", "-nx", "-ex", "set debuginfod enabled off",
         "-ex", "set auto-load safe-path /", "-ex", "run", "-ex", "bt 40", "-ex", "continue",
         "--args", sys.executable, str(script), strategy],
        capture_output=True, text=True, timeout=300)
    frames = [line for line in out.stdout.splitlines() if line.startswith("#")]
    names = " ".join(frames)
    if "SIGTRAP" not in out.stdout and not frames:
        pytest.skip(f"gdb could not run the program here: {out.stderr[-300:]}")
    # innermost first: the host trampoline, then the wasm frames by name
    inner = next(k for k, f in enumerate(frames) if "wasm[demo]::function[1]::inner" in f)
    assert "wasm[demo]::function[2]::outer" in frames[inner + 1], names
    assert "wasm host trampoline" in names or "wasmlite::" in names, names
    if strategy == "llvm":
        assert "wasm entry trampoline (func (param ) (result i32))" in frames[inner + 2], names
    assert "result 56" in out.stdout


def test_entries_follow_their_code():
    config = wl.Config()
    config.strategy = "llvm"
    config.debug_info = True
    engine = wl.Engine(config)
    gc.collect()
    before = _list_length()
    module = wl.Module(engine, '(module $m (func $f (export "f") (result i32) i32.const 1))')
    assert _list_length() == before + 1
    descriptor, _register = gdbjit._interface
    image = ctypes_bytes(descriptor.first_entry.contents)
    assert image[:4] == b"\x7fELF" and b"wasm[m]::function[0]::f" in image
    del module
    gc.collect()
    assert _list_length() == before
    # without the setting nothing is registered
    plain = wl.Config()
    plain.strategy = "llvm"
    module = wl.Module(wl.Engine(plain), '(module (func (export "f")))')
    assert _list_length() == before
    del module


def ctypes_bytes(entry) -> bytes:
    import ctypes
    return ctypes.string_at(entry.symfile_addr, entry.symfile_size)


@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf is not installed")
def test_the_object_is_well_formed(tmp_path):
    code = bytes(range(64))
    image = gdbjit.elf_image([("wasm[x]::function[0]::a", 0x10000, 32),
                              ("wasm[x]::function[1]", 0x10020, 32)], code, 0x10000)
    path = tmp_path / "jit.o"
    path.write_bytes(image)
    out = subprocess.run(["readelf", "-W", "-S", "-s", str(path)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and "Error" not in out.stderr, out.stderr
    assert "wasm[x]::function[0]::a" in out.stdout and "wasm[x]::function[1]" in out.stdout
    assert "0000000000010000" in out.stdout and ".text" in out.stdout


def test_config_property():
    config = wl.Config()
    config.debug_info = False
    config.debug_info = True
    with pytest.raises(TypeError):
        config.debug_info = 1
    with pytest.raises(AttributeError):
        config.debug_info
