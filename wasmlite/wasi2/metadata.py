"""What wasi:filesystem reports about a file, computed as Wasmtime does.

- ``descriptor-stat``'s status-change timestamp is the file's *birth*
  time in Wasmtime (cap-std's ``created()``, from statx), absent where the
  file system keeps none; ``birth_ns`` reads it with statx(2).
- ``metadata-hash`` is Rust's default hasher (SipHash-1-3, zero keys) of
  the (device, inode) pair, the upper half that xor pi's bits, so the
  inode numbers a preview-1 program sees through the adapter match.
"""
from __future__ import annotations

import ctypes
import os
import stat as _stat
import struct
from typing import Optional, Union

from ..runtime.component_values import Record

__all__ = ["birth_ns", "metadata_hash", "descriptor_type", "datetime", "siphash13"]

_AT_FDCWD = -100
_AT_SYMLINK_NOFOLLOW = 0x100
_AT_EMPTY_PATH = 0x1000
_STATX_BTIME = 0x800


class _Timestamp(ctypes.Structure):
    _fields_ = [("sec", ctypes.c_int64), ("nsec", ctypes.c_uint32), ("_pad", ctypes.c_int32)]


class _Statx(ctypes.Structure):
    _fields_ = [("mask", ctypes.c_uint32), ("blksize", ctypes.c_uint32),
                ("attributes", ctypes.c_uint64), ("nlink", ctypes.c_uint32),
                ("uid", ctypes.c_uint32), ("gid", ctypes.c_uint32), ("mode", ctypes.c_uint16),
                ("_pad", ctypes.c_uint16), ("ino", ctypes.c_uint64), ("size", ctypes.c_uint64),
                ("blocks", ctypes.c_uint64), ("attributes_mask", ctypes.c_uint64),
                ("atime", _Timestamp), ("btime", _Timestamp), ("ctime", _Timestamp),
                ("mtime", _Timestamp), ("rest", ctypes.c_uint64 * 18)]


def _load_statx():
    try:
        fn = ctypes.CDLL(None, use_errno=True).statx
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_uint,
                   ctypes.POINTER(_Statx)]
    fn.restype = ctypes.c_int
    return fn


_statx = _load_statx()


def birth_ns(target: Union[int, str], follow: bool = False) -> Optional[int]:
    """The birth time (ns since the epoch) of an open descriptor or a host
    path, or None where the system does not keep one."""
    if _statx is None:
        return None
    buf = _Statx()
    if isinstance(target, int):
        rc = _statx(target, b"", _AT_EMPTY_PATH, _STATX_BTIME, ctypes.byref(buf))
    else:
        flags = 0 if follow else _AT_SYMLINK_NOFOLLOW
        rc = _statx(_AT_FDCWD, os.fsencode(target), flags, _STATX_BTIME, ctypes.byref(buf))
    if rc != 0 or not buf.mask & _STATX_BTIME:
        return None
    return buf.btime.sec * 1_000_000_000 + buf.btime.nsec


_M64 = (1 << 64) - 1


def _rotl(x: int, b: int) -> int:
    return ((x << b) | (x >> (64 - b))) & _M64


def siphash13(data: bytes, k0: int = 0, k1: int = 0) -> int:
    """SipHash-1-3 of ``data`` (Rust's ``DefaultHasher`` with zero keys)."""
    v0 = k0 ^ 0x736F6D6570736575
    v1 = k1 ^ 0x646F72616E646F6D
    v2 = k0 ^ 0x6C7967656E657261
    v3 = k1 ^ 0x7465646279746573

    def rounds(n: int) -> None:
        nonlocal v0, v1, v2, v3
        for _ in range(n):
            v0 = (v0 + v1) & _M64
            v1 = _rotl(v1, 13) ^ v0
            v0 = _rotl(v0, 32)
            v2 = (v2 + v3) & _M64
            v3 = _rotl(v3, 16) ^ v2
            v0 = (v0 + v3) & _M64
            v3 = _rotl(v3, 21) ^ v0
            v2 = (v2 + v1) & _M64
            v1 = _rotl(v1, 17) ^ v2
            v2 = _rotl(v2, 32)

    n = len(data)
    whole = n - n % 8
    for i in range(0, whole, 8):
        m = struct.unpack_from("<Q", data, i)[0]
        v3 ^= m
        rounds(1)
        v0 ^= m
    last = (n & 0xFF) << 56
    for i, byte in enumerate(data[whole:]):
        last |= byte << (8 * i)
    v3 ^= last
    rounds(1)
    v0 ^= last
    v2 ^= 0xFF
    rounds(3)
    return v0 ^ v1 ^ v2 ^ v3


_PI_BITS = 4614256656552045848      # the f64 nearest pi, as an integer


def metadata_hash(st: os.stat_result) -> Record:
    """``metadata-hash-value`` of a file, as Wasmtime computes it."""
    lower = siphash13(struct.pack("<QQ", st.st_dev & _M64, st.st_ino & _M64))
    return Record(lower=lower, upper=lower ^ _PI_BITS)


def descriptor_type(mode: int) -> str:
    """The ``descriptor-type`` of a file mode (Wasmtime reports fifos and
    sockets as ``unknown``)."""
    if _stat.S_ISDIR(mode):
        return "directory"
    if _stat.S_ISLNK(mode):
        return "symbolic-link"
    if _stat.S_ISREG(mode):
        return "regular-file"
    if _stat.S_ISBLK(mode):
        return "block-device"
    if _stat.S_ISCHR(mode):
        return "character-device"
    return "unknown"


def datetime(ns: Optional[int]) -> Optional[Record]:
    """A wall-clock ``datetime`` for ns since the epoch (None before it,
    as Wasmtime cannot represent those)."""
    if ns is None or ns < 0:
        return None
    seconds, nanoseconds = divmod(ns, 1_000_000_000)
    return Record(seconds=seconds, nanoseconds=nanoseconds)


def descriptor_stat(st: os.stat_result, birth: Optional[int]) -> Record:
    """``descriptor-stat`` of a host stat (and birth time)."""
    return Record(type=descriptor_type(st.st_mode), link_count=st.st_nlink, size=st.st_size,
                  data_access_timestamp=datetime(st.st_atime_ns),
                  data_modification_timestamp=datetime(st.st_mtime_ns),
                  status_change_timestamp=datetime(birth))
