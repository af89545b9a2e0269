"""Guest memory as the WASI functions see it: a memoryview over the calling
instance's exported ``memory``, rebuilt only when the memory grows.

Every access is bounds-checked (struct raises past the end; byte ranges are
checked here) and turns into EFAULT, never a touch outside the memory.
WASI pointers are unsigned: the caller masks every i32/i64 argument first.
"""
from __future__ import annotations

import ctypes
import struct

from .errno import EFAULT, EILSEQ, WasiError

U8 = struct.Struct("<B")
U16 = struct.Struct("<H")
U32 = struct.Struct("<I")
U64 = struct.Struct("<Q")
IOVEC = struct.Struct("<II")


def view_of(base: int, length: int) -> memoryview:
    """A writable byte view of ``length`` bytes at ``base``."""
    if length == 0:
        return memoryview(bytearray())
    return memoryview((ctypes.c_ubyte * length).from_address(base)).cast("B")


def read_bytes(m: memoryview, ptr: int, n: int) -> bytes:
    if ptr + n > len(m):
        raise WasiError(EFAULT)
    return m[ptr:ptr + n].tobytes()


def write_bytes(m: memoryview, ptr: int, data: bytes) -> None:
    end = ptr + len(data)
    if end > len(m):
        raise WasiError(EFAULT)
    m[ptr:end] = data


def read_str(m: memoryview, ptr: int, n: int) -> str:
    try:
        return read_bytes(m, ptr, n).decode("utf-8")
    except UnicodeDecodeError:
        raise WasiError(EILSEQ) from None


def iovecs(m: memoryview, ptr: int, count: int) -> list[tuple[int, int]]:
    """The (buffer, length) pairs of an iovec array, each checked."""
    end = ptr + 8 * count
    if end > len(m):
        raise WasiError(EFAULT)
    vecs = list(IOVEC.iter_unpack(m[ptr:end])) if count else []
    size = len(m)
    for buf, n in vecs:
        if buf + n > size:
            raise WasiError(EFAULT)
    return vecs


def gather(m: memoryview, vecs: list[tuple[int, int]]) -> bytes:
    """The bytes of the buffers ``vecs`` describe, concatenated."""
    if len(vecs) == 1:
        buf, n = vecs[0]
        return m[buf:buf + n].tobytes()
    return b"".join([m[buf:buf + n] for buf, n in vecs])


def scatter(m: memoryview, vecs: list[tuple[int, int]], data: bytes) -> None:
    """Spread ``data`` over the buffers ``vecs`` describe, in order."""
    pos = 0
    for buf, n in vecs:
        chunk = data[pos:pos + n]
        if not chunk:
            break
        m[buf:buf + len(chunk)] = chunk
        pos += len(chunk)
