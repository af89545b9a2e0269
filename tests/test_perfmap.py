"""Config.profiler = "perfmap": code that arrives after Module() gets its
/tmp/perf-PID.map lines too: tier-up batches (the cheap level's and the full
level's code, each at its own address) and OSR entries, with their symbol
sizes, so perf names every native wasm frame whatever the tier."""
from __future__ import annotations

import os

import wasmlite as wl
from wasmlite import tiering
from wasmlite.runtime.perfmap import perfmap_path

WAT = """(module $tiered
  (func $hot (export "hot") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (br_if $l (i32.gt_s (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
                          (i32.const 0))))
    (local.get 1))
  (func $leaf (export "leaf") (result i32) (i32.const 7)))"""


def _added_lines(run) -> list[tuple[int, int, str]]:
    path = perfmap_path()
    # Tier-up jobs of earlier engines in this process (an -O2 OSR entry, say)
    # write their lines when they finish; let them finish outside the window.
    tiering.drain()
    before = os.path.getsize(path) if os.path.exists(path) else 0
    run()
    tiering.drain()
    with open(path, encoding="utf-8") as f:
        f.seek(before)
        lines = f.read().splitlines()
    out = []
    for line in lines:
        start, size, name = line.split(" ", 2)
        out.append((int(start, 16), int(size, 16), name))
    return out


def _run(strategy: str, profiler: str = "perfmap"):
    config = wl.Config()
    config.strategy = strategy
    config.profiler = profiler
    engine = wl.Engine(config)
    engine._rt.tier_early = True          # tier-up at the first count, synchronously
    store = wl.Store(engine)
    ex = wl.Instance(store, wl.Module(engine, WAT), []).exports(store)
    assert ex["hot"](store, 1000) == 500500
    assert ex["leaf"](store) == 7
    assert ex["hot"](store, 10) == 55


def test_tier_up_and_osr_code_get_lines():
    lines = _added_lines(lambda: _run("auto"))
    names = [n for _s, _z, n in lines]
    # the cheap batch and the full level's: two lines per function, each
    # at its own address; the loop's OSR entry
    assert names.count("wasm[tiered]::function[0]::hot") == 2
    assert names.count("wasm[tiered]::function[1]::leaf") == 2
    assert "wasm[tiered]::function[0]::hot::osr" in names
    starts = [s for s, _z, _n in lines]
    assert len(set(starts)) == len(starts) and all(starts)
    for start, size, name in lines:
        assert 0 < size < 1 << 16, name
    # no two lines overlap
    spans = sorted((s, s + z) for s, z, _n in lines)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_interpreter_and_profiler_off_write_nothing():
    assert _added_lines(lambda: _run("interpreter")) == []
    assert _added_lines(lambda: _run("auto", "none")) == []
