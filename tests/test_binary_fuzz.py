"""Garbage in, MalformedError out: truncated, bit-flipped and byte-replaced
versions of valid binaries must either decode or raise MalformedError —
never IndexError, struct.error, RecursionError, UnicodeDecodeError... And
whatever decodes must encode and decode back to the same module."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wasmlite.binary.decode import decode_module
from wasmlite.binary.encode import encode_module
from wasmlite.binary.leb128 import read_unsigned
from wasmlite.errors import MalformedError

wasmtime = pytest.importorskip("wasmtime")

SEED_SOURCES = [
    """(module $m (type $t (func (param i32) (result i32)))
      (import "env" "f" (func $imp (type $t)))
      (import "env" "g" (global $g (mut i64)))
      (import "env" "t" (table 1 10 funcref))
      (memory (export "mem") 1 2) (global $h f32 (f32.const 1.5))
      (func $f (export "f") (type $t) (local i64 f64 v128)
        (block (result i32) (loop (br_if 1 (local.get 0) (i32.const 7))
          (if (i32.eqz (local.get 0)) (then (br 1)) (else (nop)))
          (br_table 0 1 (local.get 0)))
          (i32.const 0))
        (i32.store offset=4 (local.get 0) (i32.const 3))
        (drop (call_indirect (type $t) (i32.const 1) (i32.const 0)))
        (drop (v128.const i32x4 1 2 3 4))
        (drop (select (local.get 0) (i32.const 2) (i32.const 1))))
      (elem (i32.const 0) $f) (elem declare func $f)
      (data (i32.const 8) "hello") (data "passive")
      (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1))
        (data.drop 1) (memory.fill (i32.const 0) (i32.const 0) (i32.const 0)))
      (start 2))""",
    """(module (table $t 4 externref) (func $g (result i64)
        (i64.add (i64.const -1234567890123) (i64.extend_i32_s (i32.const -5))))
      (func (param externref) (table.set $t (i32.const 0) (local.get 0))
        (drop (table.grow $t (ref.null extern) (i32.const 1)))
        (drop (f64x2.extract_lane 1 (f64x2.splat (f64.const 2.5)))))
      (elem (table $t) (i32.const 0) externref (ref.null extern))
      (export "g" (func $g)))""",
]


@pytest.fixture(scope="module")
def seeds() -> list[bytes]:
    return [wasmtime.wat2wasm(src) for src in SEED_SOURCES]


def _check(data: bytes) -> None:
    try:
        m = decode_module(data)
    except MalformedError:
        return
    encoded = encode_module(m)          # anything decoded must re-encode...
    again = decode_module(encoded)      # ...to a binary that decodes
    for mod in (m, again):
        for f in mod.funcs:
            f.offset = 0                # minimal LEBs may move bodies
        for c in mod.customs:
            c.after = 0
    assert again == m


def test_seeds_are_valid(seeds):
    for data in seeds:
        assert encode_module(decode_module(data)) == data


def _section_ends(data: bytes) -> set[int]:
    ends, pos = {8}, 8
    while pos < len(data):
        size, pos = read_unsigned(data, pos + 1, 32)
        pos += size
        ends.add(pos)
    return ends


def test_every_truncation(seeds):
    """A cut inside a section is malformed; a cut between sections may
    still be well formed (or fail a cross-section count check)."""
    for data in seeds:
        boundaries = _section_ends(data)
        for n in range(len(data)):
            if n in boundaries:
                _check(data[:n])
            else:
                with pytest.raises(MalformedError):
                    decode_module(data[:n])


def test_random_mutations(seeds):
    rng = random.Random(20240601)
    for _ in range(4000):
        data = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(data))
            if rng.random() < 0.6:
                data[i] ^= 1 << rng.randrange(8)
            else:
                data[i] = rng.randrange(256)
        _check(bytes(data))


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_hypothesis_mutations(seeds, data):
    blob = bytearray(data.draw(st.sampled_from(seeds)))
    edits = data.draw(st.lists(st.tuples(
        st.integers(0, len(blob) - 1), st.integers(0, 255),
        st.sampled_from(["set", "insert", "delete"])), min_size=1, max_size=4))
    for pos, value, how in edits:
        pos = min(pos, len(blob) - 1)
        if how == "set":
            blob[pos] = value
        elif how == "insert":
            blob.insert(pos, value)
        elif len(blob) > 9:
            del blob[pos]
    cut = data.draw(st.integers(8, len(blob)))
    _check(bytes(blob[:cut]))
