"""compile/loader.py: object code placed without LLVM's linker (the
interpreter's libraries and every compiled module), and a process that
only interprets never importing llvmlite."""
import ctypes
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from wasmlite.compile import jit
from wasmlite.compile import loader as image

ROOT = Path(__file__).resolve().parent.parent

x86_64_linux = pytest.mark.skipif(
    not (sys.platform.startswith("linux") and platform.machine() in ("x86_64", "AMD64")),
    reason="loader.py places x86-64 ELF objects only (elsewhere LLVM links them)")

# what the loader must handle: a preemptible global (GOT), a writable
# global (.bss), constants (.rodata), calls between functions, a call into
# libc (a stub: libc is far away), and a table of pointers (absolute words)
_IR = """
@counter = global i64 0
@limits = constant [4 x i64] [i64 3, i64 5, i64 7, i64 11]
declare ptr @memset(ptr, i32, i64)
define i64 @bump(i64 %by) noinline {
  %old = load i64, ptr @counter
  %new = add i64 %old, %by
  store i64 %new, ptr @counter
  ret i64 %new
}
define i64 @pick(i64 %i) {
  %p = getelementptr [4 x i64], ptr @limits, i64 0, i64 %i
  %v = load i64, ptr %p
  %b = call i64 @bump(i64 %v)
  ret i64 %b
}
define void @fill(ptr %dst, i64 %n) {
  call ptr @memset(ptr %dst, i32 171, i64 %n)
  ret void
}
@table = constant [4 x ptr] [ptr @bump, ptr @pick, ptr @fill, ptr @counter]
"""


def _object() -> bytes:
    return jit.compile_object_here(jit.module_header() + _IR, 2)


@x86_64_linux
def test_placed_code_runs_with_its_data_and_libc():
    pre = image.link(_object(), "table", 4)
    # what the cache stores is what it loads
    pre = image.Prelinked.from_bytes(pre.to_bytes())
    a = image.place(pre)
    b = image.place(pre)         # two placements are independent
    for lib in (a, b):
        bump, pick, fill, counter = lib.addresses
        assert lib.base <= bump < lib.base + lib.size
        c_bump = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(bump)
        c_pick = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(pick)
        assert c_bump(2) == 2
        assert c_pick(3) == 13          # 2 + limits[3]
        assert ctypes.c_int64.from_address(counter).value == 13
        buf = (ctypes.c_uint8 * 64)()
        ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int64)(fill)(ctypes.addressof(buf), 40)
        assert list(buf[:41]) == [171] * 40 + [0]


@x86_64_linux
def test_a_cached_image_is_mapped_from_its_file(tmp_path):
    pre = image.link(_object(), "table", 4)
    pre.extra = {"symbols": ["bump", "pick", "fill", "counter"]}
    path = tmp_path / "lib.img"
    path.write_bytes(pre.to_bytes())
    lib, extra = image.map_file(str(path))
    assert extra == pre.extra
    bump, pick, _fill, counter = lib.addresses
    assert ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(pick)(1) == 5
    assert ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(bump)(1) == 6
    # the mapping is private: the file is not written through it
    assert path.read_bytes() == pre.to_bytes()
    # a truncated file is refused, not mapped (reading past its end would
    # be SIGBUS)
    path.write_bytes(pre.to_bytes()[:-4096])
    with pytest.raises(image.UnsupportedObject):
        image.map_file(str(path))


@x86_64_linux
def test_code_pages_are_not_writable():
    lib = image.load(_object(), "table", 4)
    bump = lib.addresses[0]
    maps = Path("/proc/self/maps").read_text().splitlines()
    for line in maps:
        lo, hi = (int(x, 16) for x in line.split()[0].split("-"))
        if lo <= bump < hi:
            assert line.split()[1].startswith("r-x"), line
            break
    else:
        pytest.fail("code address not mapped")


def test_what_it_cannot_place_is_refused():
    with pytest.raises(image.UnsupportedObject):
        image.link(b"\x7fELF" + bytes(60), "table", 1)
    with pytest.raises(image.UnsupportedObject):
        image.link(b"not an object at all", "table", 1)
    elf = bytearray(_object())
    elf[0x12:0x14] = (183).to_bytes(2, "little")      # EM_AARCH64
    with pytest.raises(image.UnsupportedObject):
        image.link(bytes(elf), "table", 4)
    with pytest.raises(image.UnsupportedObject):
        image.link(_object(), "no_such_table", 4)
    with pytest.raises(image.UnsupportedObject):
        image.Prelinked.from_bytes(b"garbage")


@x86_64_linux
def test_an_interpreting_process_never_imports_llvmlite(tmp_path):
    """With the interpreter in the cache, a module runs (host calls, a
    trap, Ctrl-C's handler in place) without llvmlite in the process."""
    script = """
import sys, json
import wasmlite as rt
engine = rt.Engine(rt.Config())
store = rt.Store(engine)
m = rt.Module(engine, '''(module (import "h" "f" (func $f (param i32) (result i32)))
  (func (export "run") (param i32) (result i32) (call $f (local.get 0)))
  (func (export "boom") unreachable))''')
f = rt.Func(store, rt.FuncType([rt.ValType.i32()], [rt.ValType.i32()]), lambda x: x * 3)
inst = rt.Instance(store, m, [f])
out = inst.exports(store)["run"](store, 14)
try:
    inst.exports(store)["boom"](store)
    trapped = False
except rt.Trap:
    trapped = True
print(json.dumps([out, trapped, "llvmlite.binding" in sys.modules]))
"""
    env = dict(os.environ, XDG_CACHE_HOME=os.environ.get("XDG_CACHE_HOME")
               or str(Path.home() / ".cache"))
    run = lambda: subprocess.run([sys.executable, "-c", script], capture_output=True,  # noqa: E731
                                 text=True, cwd=ROOT, env=env, timeout=300)
    first = run()           # builds the interpreter if this cache lacks it
    assert first.returncode == 0, first.stderr
    second = run()
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == [42, True, False]


# two parts of one library: each calls the other, and only the second
# holds the table (a module compiled in parts by worker processes)
_PART_A = """
declare i64 @twice(i64)
define i64 @add_one_twice(i64 %x) noinline {
  %y = add i64 %x, 1
  %z = call i64 @twice(i64 %y)
  ret i64 %z
}
"""
_PART_B = """
declare i64 @add_one_twice(i64)
@seen = global i64 0
define i64 @twice(i64 %x) noinline {
  store i64 %x, ptr @seen
  %y = shl i64 %x, 1
  ret i64 %y
}
define i64 @entry(i64 %x) {
  %r = call i64 @add_one_twice(i64 %x)
  ret i64 %r
}
@parts_table = constant [2 x ptr] [ptr @entry, ptr @seen]
"""


@x86_64_linux
def test_objects_of_one_library_link_to_each_other():
    a = jit.compile_object_here(jit.module_header() + _PART_A, 2)
    b = jit.compile_object_here(jit.module_header() + _PART_B, 2)
    lib = jit.link_object(jit.pack_objects([a, b]), "parts_table", 2)
    assert type(lib._owner) is image.NativeImage      # not LLVM's linker
    entry, seen = lib.addresses
    assert ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(entry)(20) == 42
    assert ctypes.c_int64.from_address(seen).value == 21


def _mapped(address: int) -> bool:
    for line in Path("/proc/self/maps").read_text().splitlines():
        lo, hi = (int(x, 16) for x in line.split()[0].split("-"))
        if lo <= address < hi:
            return True
    return False


@x86_64_linux
def test_a_compiled_modules_code_is_placed_here_and_unmapped_with_it():
    import gc
    import wasmlite as rt
    config = rt.Config()
    config.strategy = "llvm"
    engine = rt.Engine(config)
    store = rt.Store(engine)
    module = rt.Module(engine, """(module (func (export "f") (param i64) (result i64)
        (i64.mul (local.get 0) (i64.const 7))))""")
    lib = module._compiled.library
    assert rt.Instance(store, module, []).exports(store)["f"](store, 6) == 42
    assert lib is not None and type(lib._owner) is image.NativeImage
    code = lib.addresses[0]
    assert _mapped(code)
    del lib, module, store
    gc.collect()
    assert not _mapped(code)


@x86_64_linux
def test_memory_that_cannot_be_mapped_is_a_memory_error(monkeypatch):
    libc = image._c_library()
    monkeypatch.setattr(libc, "mmap", lambda *a: image._MAP_FAILED)
    with pytest.raises(MemoryError):
        jit.link_object(_object(), "table", 4)


@x86_64_linux
def test_an_interpreted_gc_program_never_imports_the_compiler(tmp_path):
    """Wasm GC in the interpreter (objects, casts, collections) loads
    neither llvmlite nor the compiler's translator: the collector's native
    half comes from the interpreter's library."""
    script = """
import sys, json
import wasmlite as rt
engine = rt.Engine(rt.Config())
store = rt.Store(engine)
m = rt.Module(engine, '''(module (type $p (struct (field i32) (field (ref null $p))))
  (func (export "run") (param $n i32) (result i32) (local $l (ref null $p)) (local $s i32)
    (loop $b (local.set $l (struct.new $p (local.get $n) (local.get $l)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br_if $b (local.get $n)))
    (block $e (loop $w (br_if $e (ref.is_null (local.get $l)))
      (local.set $s (i32.add (local.get $s) (struct.get $p 0 (ref.cast (ref $p) (local.get $l)))))
      (local.set $l (struct.get $p 1 (local.get $l))) (br $w)))
    (local.get $s)))''')
inst = rt.Instance(store, m, [])
out = inst.exports(store)["run"](store, 1000)
store.gc()
print(json.dumps([out, "llvmlite.binding" in sys.modules, "wasmlite.compile.translate" in sys.modules]))
"""
    env = dict(os.environ, XDG_CACHE_HOME=os.environ.get("XDG_CACHE_HOME")
               or str(Path.home() / ".cache"))
    run = lambda: subprocess.run([sys.executable, "-c", script], capture_output=True,  # noqa: E731
                                 text=True, cwd=ROOT, env=env, timeout=300)
    first = run()           # builds the interpreter if this cache lacks it
    assert first.returncode == 0, first.stderr
    second = run()
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == [500500, False, False]
