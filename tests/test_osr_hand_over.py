"""OSR in two steps (tiering.py, compile/translate.py ``osr_hand_over``): a
loop stuck in the interpreter first moves into a cheap-level OSR entry; once
the full level's entry is installed, the cheap code puts its locals (and
fuel) back into the interpreter frame and tail-calls the new entry at the
same loop header. Nothing of this may show: the result, the fuel left and a
trap's backtrace are those of the llvm strategy running the same loop.

The loop asks the host whether to go on; the host watches the function's
OSR entry (InterpFunc.osr) change from the cheap entry to the full one, and
stops a fixed number of iterations later, so every run crosses the
hand-over whatever the tier-up thread's speed (20 s cap)."""
from __future__ import annotations

import bisect
import ctypes
import time

import pytest

import wasmlite as wl
from wasmlite import tiering
from wasmlite.compile import callsites
from wasmlite.interp import layout as L

# every kind of local changes each iteration and reaches the result, so a
# local lost or mistyped in the hand-over changes the answer
LOOP = """(module
  (import "host" "go_on" (func $go_on (param i32) (result i32)))
  (func $boom unreachable)
  (func (export "spin") (param $n i32) (result i64)
    (local $i i32) (local $a i64) (local $f f32) (local $d f64) (local $v v128) (local $go i32)
    (if (local.get $n) (then       ;; spin(0) only counts the call
      (loop $l
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $a (i64.add (i64.mul (local.get $a) (i64.const 31))
                               (i64.extend_i32_u (local.get $i))))
        (local.set $f (f32.add (local.get $f) (f32.const 0.5)))
        (local.set $d (f64.mul (f64.add (local.get $d) (f64.const 1.25)) (f64.const 0.999)))
        (local.set $v (i32x4.add (local.get $v) (i32x4.splat (local.get $i))))
        (local.set $go (call $go_on (local.get $i)))
        (if (i32.eq (local.get $go) (i32.const 2)) (then (call $boom)))
        (br_if $l (local.get $go)))))
    (i64.add
      (i64.add (local.get $a) (i64.extend_i32_u (i32.reinterpret_f32 (local.get $f))))
      (i64.add (i64.reinterpret_f64 (local.get $d))
               (i64.extend_i32_u (i32x4.extract_lane 3 (local.get $v)))))))"""

AFTER = 200          # iterations run after the full level's entry is installed
FUEL = 50_000_000


class Watch:
    """The host's go_on: the OSR entries the function had, and when to stop."""

    def __init__(self, im, defined_index: int) -> None:
        self.slot = ctypes.c_uint64.from_address(im.desc_address(defined_index) + L.IF_OSR)
        self.calls = lambda: im.osr_calls(defined_index)
        self.active = lambda: self.calls()[1]
        self.active_seen: set[int] = set()
        self.entries: list[int] = []
        self.stop_at = None
        self.deadline = time.monotonic() + 20

    def __call__(self, i: int) -> int:
        entry = self.slot.value
        self.active_seen.add(self.active())
        if entry and (not self.entries or self.entries[-1] != entry):
            self.entries.append(entry)
            if len(self.entries) == 2:
                self.stop_at = i + AFTER
        if self.stop_at is None and time.monotonic() > self.deadline:
            self.stop_at = i
        return int(self.stop_at is None or i < self.stop_at)


def _host(store: wl.Store, go_on) -> wl.Func:
    return wl.Func(store, wl.FuncType([wl.ValType.i32()], [wl.ValType.i32()]), go_on)


def _store(strategy: str, fuel: bool, epoch: bool = False) -> wl.Store:
    cfg = wl.Config()
    cfg.strategy = strategy
    cfg.consume_fuel = fuel
    cfg.epoch_interruption = epoch
    store = wl.Store(wl.Engine(cfg))
    if fuel:
        store.set_fuel(FUEL)
    if epoch:
        store.set_epoch_deadline(1)
    return store


def _auto_run(monkeypatch, fuel: bool, go_on_wrap=None, epoch: bool = False):
    """spin in auto mode: hot by its loop, so cheap entry, then full entry."""
    monkeypatch.setattr(tiering, "HOT_THRESHOLD", 500)
    store = _store("auto", fuel, epoch)
    eng = store.engine
    module = wl.Module(eng, LOOP)
    watch = Watch(module._compiled, 1)     # spin: defined function 1
    go_on = watch if go_on_wrap is None else go_on_wrap(watch)
    spin = wl.Instance(store, module, [_host(store, go_on)]).exports(store)["spin"]
    return store, spin, watch


def _llvm_run(fuel: bool, iterations: int):
    """The same call under the llvm strategy, stopping at the same iteration."""
    store = _store("llvm", fuel)
    x = wl.Instance(store, wl.Module(store.engine, LOOP),
                    [_host(store, lambda i: int(i < iterations))]).exports(store)
    r = x["spin"](store, 1)
    return r, (store.get_fuel() if fuel else None)


@pytest.mark.parametrize("fuel,epoch", [(False, False), (True, False), (True, True)],
                         ids=["plain", "fuel", "fuel-epoch"])
def test_a_cheap_osr_entry_hands_over_to_the_full_one_unseen(monkeypatch, fuel, epoch):
    store, spin, watch = _auto_run(monkeypatch, fuel, epoch=epoch)
    result = spin(store, 1)
    tiering.drain()
    assert len(watch.entries) == 2, f"OSR entries seen while looping: {watch.entries}"
    assert watch.stop_at is not None
    # the call counted itself in OSR code while it ran there, and out: it
    # entered twice (the cheap entry, the full one by the hand-over)
    assert 1 in watch.active_seen and watch.active() == 0
    assert watch.calls() == (2, 0)
    expected, fuel_left = _llvm_run(fuel, watch.stop_at)
    assert result == expected
    if fuel:
        assert store.get_fuel() == fuel_left


def test_an_epoch_interrupts_the_loop_after_the_hand_over(monkeypatch):
    """The full entry, entered by the hand-over, still checks the epoch at
    its loop header: the host bumps the engine's epoch once the full entry
    is installed and the loop traps with INTERRUPT instead of ending."""
    holder = {}

    def bumping(watch: Watch):
        def go_on(i: int) -> int:
            if watch(i) and len(watch.entries) == 2:
                holder["store"].engine.increment_epoch()
            return 1
        return go_on
    store, spin, watch = _auto_run(monkeypatch, False, bumping, epoch=True)
    holder["store"] = store
    with pytest.raises(wl.Trap) as ei:
        spin(store, 1)
    tiering.drain()
    assert len(watch.entries) == 2
    assert ei.value.trap_code == wl.TrapCode.INTERRUPT


def test_after_the_hand_over_the_full_entry_runs_and_backtraces_as_one_frame(monkeypatch):
    """A trap in a callee after the hand-over: the compiled frame under it
    is the full level's OSR entry (the backtrace walk finds its call site in
    that function's code, not in the cheap one's), and spin shows once (the
    cheap frame was replaced, not called)."""
    starts_hit: list[int] = []
    real_lookup = callsites.lookup

    def lookup(ret: int):
        hit = real_lookup(ret)
        if hit is not None:
            i = bisect.bisect_right(callsites._starts, ret) - 1
            starts_hit.append(callsites._starts[i])
        return hit
    monkeypatch.setattr(callsites, "lookup", lookup)

    def trapping(watch: Watch):
        return lambda i: 1 if watch(i) else 2      # 2: spin calls $boom
    store, spin, watch = _auto_run(monkeypatch, False, trapping)
    with pytest.raises(wl.Trap) as ei:
        spin(store, 1)
    tiering.drain()
    assert len(watch.entries) == 2
    cheap, full = watch.entries
    assert full in starts_hit and cheap not in starts_hit
    assert ei.value.trap_code == wl.TrapCode.UNREACHABLE
    names = [f.func_index for f in ei.value.frames]
    assert names == [1, 2], names            # $boom, then spin once


# A loop nest whose inner loop runs long the first time: the call gets hot
# there, far from the outer loop's header. The cheap entry has OSR headers
# at nested loops too (layout.IF_OSR_NESTED), so the call leaves the
# interpreter inside the inner loop, and hands over to the full entry (which
# has only the outer header) when it next reaches the outer loop.
NEST = """(module
  (import "host" "inner" (func $inner (param i32) (result i32)))
  (import "host" "outer" (func $outer (param i32) (result i32)))
  (func (export "nest") (result i64)
    (local $i i32) (local $j i32) (local $a i64) (local $d f64)
    (loop $o
      (loop $in
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (local.set $a (i64.add (i64.mul (local.get $a) (i64.const 31))
                               (i64.extend_i32_u (i32.add (local.get $i) (local.get $j)))))
        (local.set $d (f64.mul (f64.add (local.get $d) (f64.const 1.25)) (f64.const 0.999)))
        (br_if $in (call $inner (local.get $j))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $o (call $outer (local.get $i))))
    (i64.add (local.get $a) (i64.reinterpret_f64 (local.get $d)))))"""


class NestWatch:
    """The host of NEST in auto mode: the first inner run goes on until the
    call runs in OSR code (``calls()``'s running count) and AFTER more
    iterations; later ones are INNER long. The outer loop goes on until the
    full entry is installed (IF_OSR no longer the cheap entry of
    IF_OSR_NESTED) and 20 more outer iterations. ``stops``: the inner calls
    that said stop, so an llvm run replays the same."""
    INNER = 40

    def __init__(self, im, defined_index: int) -> None:
        base = im.desc_address(defined_index)
        self.entry = ctypes.c_uint64.from_address(base + L.IF_OSR)
        self.nested = ctypes.c_uint64.from_address(base + L.IF_OSR_NESTED)
        self.calls = lambda: im.osr_calls(defined_index)
        self.n = 0
        self.stops: list[int] = []
        self.first_stop = None
        self.in_osr_first_run = False
        self.outer_stop = None
        self.deadline = time.monotonic() + 20

    def inner(self, j: int) -> int:
        self.n += 1
        if not self.stops:              # the first inner run
            if self.first_stop is None and (self.calls()[1] or time.monotonic() > self.deadline):
                self.in_osr_first_run = bool(self.calls()[1])
                self.first_stop = self.n + AFTER
            go = self.first_stop is None or self.n < self.first_stop
        else:
            go = self.n < self.stops[-1] + self.INNER
        if not go:
            self.stops.append(self.n)
        return int(go)

    def outer(self, i: int) -> int:
        full = self.entry.value and self.entry.value != self.nested.value
        if self.outer_stop is None and (full or time.monotonic() > self.deadline):
            self.outer_stop = i + 20
        return int(self.outer_stop is None or i < self.outer_stop)


@pytest.mark.parametrize("fuel", [False, True], ids=["plain", "fuel"])
def test_a_call_stuck_in_an_inner_loop_enters_the_cheap_entry_there(monkeypatch, fuel):
    monkeypatch.setattr(tiering, "HOT_THRESHOLD", 500)
    store = _store("auto", fuel)
    module = wl.Module(store.engine, NEST)
    watch = NestWatch(module._compiled, 0)
    ty = wl.FuncType([wl.ValType.i32()], [wl.ValType.i32()])
    nest = wl.Instance(store, module, [wl.Func(store, ty, watch.inner),
                                       wl.Func(store, ty, watch.outer)]).exports(store)["nest"]
    result = nest(store)
    tiering.drain()
    # OSR code ran during the first inner run: the call never reached the
    # outer header before (without nested entries it stays interpreted)
    assert watch.in_osr_first_run
    assert watch.outer_stop is not None and watch.outer_stop > 20, "the full entry never came"
    # entered twice: the cheap entry at the inner header, the full one by
    # the hand-over at the outer header
    assert watch.calls() == (2, 0)

    stops = list(watch.stops)
    outer_stop = watch.outer_stop
    ref = _store("llvm", fuel)
    count = [0]

    def inner(j: int) -> int:
        count[0] += 1
        return int(count[0] not in stops)
    x = wl.Instance(ref, wl.Module(ref.engine, NEST),
                    [wl.Func(ref, ty, inner),
                     wl.Func(ref, ty, lambda i: int(i < outer_stop))]).exports(ref)
    assert result == x["nest"](ref)
    if fuel:
        assert store.get_fuel() == ref.get_fuel()
