"""2,000 cycles of Store + Module + Instance + call + drop keep resident
memory flat: code memory, linear memory reservations, host callbacks and
stores are all released."""
import gc
import os

import pytest

import wasmlite as wt

from api_support import cheap_engine

WAT = """
(module
  (import "" "h" (func $h (param i32) (result i32)))
  (memory (export "memory") 1)
  (table 1 funcref)
  (global (mut i32) (i32.const 0))
  (func $f (export "f") (param i32) (result i32)
    (i32.store (i32.const 0) (local.get 0))
    (call $h (i32.load (i32.const 0))))
  (elem (i32.const 0) $f))
"""

_PAGE_OF_DATA = b"x" * 65536
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def cycle(engine, i: int) -> None:
    store = wt.Store(engine)
    module = wt.Module(engine, WAT)
    h = wt.Func(store, wt.FuncType([wt.ValType.i32()], [wt.ValType.i32()]), lambda x: x + 1)
    ex = wt.Instance(store, module, [h]).exports(store)
    assert ex["f"](store, i) == i + 1
    ex["memory"].write(store, _PAGE_OF_DATA, 0)     # commit the whole page


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc/self/statm")
def test_resident_memory_stays_flat():
    engine = cheap_engine()
    for i in range(200):            # warm up: caches, allocator arenas, LLVM state
        cycle(engine, i)
    gc.collect()
    before = rss_bytes()
    for i in range(2000):
        cycle(engine, i)
    gc.collect()
    grown = rss_bytes() - before
    # a leaked memory (64 KiB written per cycle) would be 125 MiB here, a
    # leaked store or instance with its code several times that; the bound
    # leaves room for allocator noise and ~4 KB/module that the JIT keeps
    assert grown < 40 * 1024 * 1024, f"resident memory grew by {grown / 2**20:.1f} MiB"
