"""A pre-decoded function's Instr list is dropped once its interpreter code
is made (interp/bytecode.py Code.hold_func_for_body): the body is read
again from the binary when a trap's sites or tier-up ask, and gives the
same wasm offsets as while it was kept. Tier-up waits while a program still
pre-decodes new code (tiering.py FRONT_END_QUIET)."""
from __future__ import annotations

import time

import pytest

import wasmlite as wl
from wasmlite import tiering
from wasmlite.binary.decode import LazyFunc

WAT = """(module
  (memory 1)
  (func $work (export "work") (param i32) (result i32)
    (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (i32.load (local.get 0))))
      (br_if $l (i32.ne (local.tee 0 (i32.add (local.get 0) (i32.const 4096)))
                        (i32.const 65536))))
    (local.get 1))
  (func (export "outer") (param i32) (result i32) (call $work (local.get 0))))"""


def _engine(strategy: str) -> wl.Engine:
    config = wl.Config()
    config.strategy = strategy
    return wl.Engine(config)


def _frames(strategy: str):
    engine = _engine(strategy)
    binary = wl.wat2wasm(WAT)
    module = wl.Module(engine, binary)
    store = wl.Store(engine)
    ex = wl.Instance(store, module, []).exports(store)
    assert ex["outer"](store, 0) == 0
    funcs = module._syntax.funcs
    if strategy == "interpreter":
        assert all(isinstance(f, LazyFunc) for f in funcs)
        # both ran, and neither keeps its Instr list
        assert funcs[0]._body is None and funcs[1]._body is None
        assert funcs[0].unread_body() is not None
    with pytest.raises(wl.Trap) as info:
        ex["outer"](store, 4)          # 4 + k*4096 never equals 65536: out of bounds
    frames = [(f.func_index, f.func_offset, f.module_offset) for f in info.value.frames]
    return frames, funcs


def test_a_released_body_gives_the_same_trap_offsets_as_compiled_code():
    interp, funcs = _frames("interpreter")
    compiled, _ = _frames("llvm")
    assert interp == compiled
    assert [i for i, _f, _m in interp] == [0, 1]
    assert all(m > 0 for _i, _f, m in interp)
    # the sites read the body again, and it stays read
    assert funcs[0]._body is not None


def test_a_body_set_by_hand_is_not_dropped():
    f = LazyFunc.unread([], b"\x0b", 0, 0, 0)
    assert f.body[-1].op.name == "end"
    assert f.release_body() is True and f._body is None and f.unread_body() is not None
    f.body = list(f.body)
    assert f.release_body() is False and f._body is not None


class _Im:
    decoded_at = 0.0


def _tier_up(decoded_ago: float) -> "tiering._TierUp":
    t = tiering._TierUp.__new__(tiering._TierUp)
    t.early = False
    t.im = _Im()
    t.im.decoded_at = time.monotonic() - decoded_ago
    return t


def test_tier_up_waits_while_new_code_is_pre_decoded():
    t0 = time.monotonic()
    _tier_up(1.0)._front_end_quiet()            # quiet for a second: no wait
    assert time.monotonic() - t0 < tiering.FRONT_END_QUIET
    t0 = time.monotonic()
    _tier_up(0.0)._front_end_quiet()            # just now: waits for the quiet
    assert time.monotonic() - t0 >= tiering.FRONT_END_QUIET * 0.9


def test_tier_up_waits_no_longer_than_its_patience():
    t = _tier_up(0.0)

    class Busy:                                  # pre-decodes all the time
        @property
        def decoded_at(self):
            return time.monotonic()
    t.im = Busy()
    t0 = time.monotonic()
    t._front_end_quiet()
    waited = time.monotonic() - t0
    assert tiering.FRONT_END_PATIENCE * 0.9 <= waited < tiering.FRONT_END_PATIENCE + 0.5
