"""A pre-decoded function's Instr list is dropped once its interpreter code
is made (interp/bytecode.py Code.hold_func_for_body): the body is read
again from the binary when a trap's sites or tier-up ask, and gives the
same wasm offsets as while it was kept. Tier-up waits while a program still
pre-decodes new code most of the time (tiering.py FRONT_END_BUSY)."""
from __future__ import annotations

import time

import pytest

import wasmlite as wl
from wasmlite import tiering
from wasmlite.binary.decode import LazyFunc
from wasmlite.binary import decode


@pytest.fixture(autouse=True)
def _scan_every_code_section(monkeypatch):
    """Every module here, however small, has its bodies scanned and left in
    the binary (the path of real programs' code sections: small ones are
    decoded at once, binary/decode.py SCAN_MIN_CODE_BYTES)."""
    monkeypatch.setattr(decode, "SCAN_MIN_CODE_BYTES", 0)

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


def _tier_up(im) -> "tiering._TierUp":
    t = tiering._TierUp.__new__(tiering._TierUp)
    t.early = False
    t.im = im
    return t


def _interp_module(busy_for: float):
    """A real InterpModule whose decode load is as if it had just spent
    ``busy_for`` seconds of the last few milliseconds pre-decoding."""
    engine = _engine("interpreter")
    module = wl.Module(engine, wl.wat2wasm(WAT))
    im = module._compiled
    im.decode_load, im.decoded_at = busy_for, time.monotonic()
    return im


def test_the_decode_load_follows_pre_decoding():
    engine = _engine("interpreter")
    module = wl.Module(engine, wl.wat2wasm(WAT))
    im = module._compiled
    assert im.recent_decode_load() == 0.0
    store = wl.Store(engine)
    wl.Instance(store, module, []).exports(store)["outer"](store, 0)
    just_after = im.recent_decode_load()
    assert just_after > 0
    time.sleep(0.1)                 # ten time constants later: ~nothing
    assert im.recent_decode_load() < just_after / 100


def test_tier_up_waits_while_pre_decoding_keeps_the_program_busy():
    t0 = time.monotonic()
    _tier_up(_interp_module(0.0))._front_end_quiet()        # idle: no wait
    assert time.monotonic() - t0 < 0.005
    t0 = time.monotonic()
    # 8 ms of the last 10: waits until the load decays below the bar,
    # ~10 ms * ln(0.8 / 0.25)
    _tier_up(_interp_module(0.008))._front_end_quiet()
    assert 0.008 <= time.monotonic() - t0 < tiering.FRONT_END_PATIENCE


def test_tier_up_waits_no_longer_than_its_patience():
    class Busy:                     # pre-decodes all the time
        def recent_decode_load(self) -> float:
            return 1.0
    t0 = time.monotonic()
    _tier_up(Busy())._front_end_quiet()
    waited = time.monotonic() - t0
    assert tiering.FRONT_END_PATIENCE * 0.9 <= waited < tiering.FRONT_END_PATIENCE + 0.5
