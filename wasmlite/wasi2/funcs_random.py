"""wasi:random/{random, insecure, insecure-seed}."""
from __future__ import annotations

import os

from ..errors import WasmtimeError

# a list's length is a u32 in the canonical ABI: a longer one cannot be
# given to the guest, so it is refused before it is made
MAX_LIST = 0xFFFF_FFFF
U64_MAX = (1 << 64) - 1


def _length(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= U64_MAX:
        raise TypeError(f"len must be a u64, got {value!r}")
    if value > MAX_LIST:
        raise WasmtimeError(f"cannot return {value} random bytes: a list holds at most "
                            f"{MAX_LIST}")
    return value


def get_random_bytes(ctx, length: int) -> bytes:
    """``get-random-bytes: func(len: u64) -> list<u8>`` (the OS's CSPRNG)"""
    return os.urandom(_length(length))


def get_random_u64(ctx) -> int:
    """``get-random-u64: func() -> u64``"""
    return int.from_bytes(os.urandom(8), "little")


def get_insecure_random_bytes(ctx, length: int) -> bytes:
    """``get-insecure-random-bytes: func(len: u64) -> list<u8>``"""
    n = _length(length)
    return ctx.insecure_random.getrandbits(8 * n).to_bytes(n, "little") if n else b""


def get_insecure_random_u64(ctx) -> int:
    """``get-insecure-random-u64: func() -> u64``"""
    return ctx.insecure_random.getrandbits(64)


def insecure_seed(ctx) -> tuple[int, int]:
    """``insecure-seed: func() -> tuple<u64, u64>`` (the same for the
    context's whole life, as Wasmtime's)"""
    return ctx.insecure_seed


INTERFACES = {
    "wasi:random/random": {
        "get-random-bytes": get_random_bytes,
        "get-random-u64": get_random_u64,
    },
    "wasi:random/insecure": {
        "get-insecure-random-bytes": get_insecure_random_bytes,
        "get-insecure-random-u64": get_insecure_random_u64,
    },
    "wasi:random/insecure-seed": {"insecure-seed": insecure_seed},
}

USES: dict = {}
