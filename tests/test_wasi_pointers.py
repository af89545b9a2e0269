"""Pointer and length arguments of WASI preview 1, side by side with wasmtime-py.

Every function that takes a pointer or a length is probed with pointers
out of bounds, misaligned, ending exactly at the end of memory, wild with a
zero length, huge lengths, buffers overlapping each other or the results,
and the order in which Wasmtime looks at them against the descriptor and
the other arguments. Each probe calls one function on a fresh instance
(fd 3 a preopened directory holding ``f.txt`` ("hello"), ``d/`` and the
symlink ``l`` -> ``f.txt``; fd 4 ``f.txt`` open for reading and writing,
fd 5 read-only, fd 6 write-only) after writing its setup into memory, and
compares the outcome: the errno, or the exception's class and its message
chain (without Wasmtime's wasm backtrace, which a wasmlite host function
has none to give), and the bytes of memory the probe names (what was
written before an error). wasmlite runs under both strategies.

Wasmtime's rules these show (wasmlite/wasi/memory.py holds them): a region
must end within memory (a read of 0 bytes too; a write of 0 bytes is never
refused); scalars are aligned, checked after bounds; structs are written
field by field; results are written after the work is done, and an error
then says ``In func wasi_snapshot_preview1::F at write T``; each call may
take at most 128 MiB of guest data into the host, and past that it is
ENOMEM (48).
"""
from __future__ import annotations

import os
import struct

import pytest
import wasmtime

import wasmlite

import wasi_probe
from wasmlite.wasi import SIGNATURES


def _wat() -> str:
    lines = ["(module"]
    for name, params in SIGNATURES.items():
        ps = " ".join("i32" if p == "i" else "i64" for p in params)
        res = "" if name == "proc_exit" else "(result i32)"
        lines.append(f'(import "wasi_snapshot_preview1" "{name}" '
                     f'(func ${name} (param {ps}) {res}))')
    lines.append('(memory (export "memory") 1)')
    lines.append('(data (i32.const 1024) "f.txt")')
    lines.append('(data (i32.const 1100) "g.txt")')
    lines.append('(data (i32.const 1200) "l")')
    for name, params in SIGNATURES.items():
        ps = " ".join("i32" if p == "i" else "i64" for p in params)
        gets = " ".join(f"(local.get {i})" for i in range(len(params)))
        res = "" if name == "proc_exit" else "(result i32)"
        lines.append(f'(func (export "{name}") (param {ps}) {res} (call ${name} {gets}))')
    lines.append('(func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))')
    return "\n".join(lines) + ")"


WAT = _wat()
M = 65536                          # the memory's size
DIR, FILE, RO, WO, NOFD = 3, 4, 5, 6, 99
PATH, NEW, LINK = 1024, 1100, 1200    # "f.txt", "g.txt", "l"
ALL_RIGHTS = (1 << 30) - 1
BUDGET = 128 << 20
BAD_UTF8, NUL = b"\xff\xfe", b"a\x00b"
IOVS = 2048                        # where a probe's iovecs or subscriptions go
END = (M - 64, M)                  # memory windows compared after a probe
LOW = (0, 64)


def iov(*pairs) -> bytes:
    return b"".join(struct.pack("<II", buf, n) for buf, n in pairs)


sub = wasi_probe.subscription


CLOCK, FD_READ, FD_WRITE = 0, 1, 2


class P:
    """A probe: ``func(*args)`` after writing ``data`` at ``at`` (and
    seeking fd 4 to ``seek``); ``window``: the memory compared after."""

    def __init__(self, func, args, data=b"", at=IOVS, window=None, seek=None) -> None:
        self.func, self.args, self.data, self.at = func, args, data, at
        self.window, self.seek = window, seek

    def __repr__(self) -> str:
        extra = f"+{self.data[:16].hex()}@{self.at}" if self.data else ""
        return f"{self.func}{self.args}{extra}"


PROBES = [
    # -- argv and environment: each pointer, then each string's bytes and its NUL
    P("args_get", (1, 100), window=LOW),                 # argv misaligned
    P("args_get", (0, M - 3), window=END),               # "prog" runs off
    P("args_get", (M - 8, 100), window=END),             # the third pointer runs off
    P("args_get", (0, M - 9), window=END),               # the last NUL runs off
    P("args_get", (0, M - 10), window=END),              # ends exactly at the end
    P("args_get", (0, -1), window=LOW),
    P("args_get", (-4, 100), window=LOW),
    P("args_get", (M - 12, M - 10), window=END),         # pointers and strings overlap
    P("args_sizes_get", (1, 0)), P("args_sizes_get", (0, 1)),
    P("args_sizes_get", (M - 2, 0)), P("args_sizes_get", (0, M)),
    P("args_sizes_get", (-1, 0)),
    P("args_sizes_get", (0, 0), window=(0, 8)),           # both results at one address
    P("args_sizes_get", (0, 2), window=(0, 8)),           # the second result first
    P("args_sizes_get", (2, 0), window=(0, 8)),
    P("environ_get", (1, 100), window=LOW),
    P("environ_get", (0, M - 3), window=END),            # "K=V" fits, its NUL does not
    P("environ_get", (0, M - 4), window=END),
    P("environ_get", (0, M - 2), window=END),            # "V" runs off
    P("environ_get", (M - 4, M - 8), window=END),
    P("environ_sizes_get", (M, 0)), P("environ_sizes_get", (0, 1)),
    P("environ_sizes_get", (0, 0), window=(0, 8)),
    # -- clocks: the errno before the result
    P("clock_res_get", (0, 1)), P("clock_res_get", (0, 4)), P("clock_res_get", (0, M - 4)),
    P("clock_res_get", (1, M - 8)), P("clock_res_get", (2, 1)), P("clock_res_get", (1, -1)),
    P("clock_time_get", (1, 0, 4)), P("clock_time_get", (1, 0, M - 4)),
    P("clock_time_get", (0, 0, M)), P("clock_time_get", (2, 0, 1)),
    # -- descriptor results: structs field by field
    P("fd_fdstat_get", (FILE, 1)), P("fd_fdstat_get", (FILE, 2)),
    P("fd_fdstat_get", (FILE, M - 2), window=(M - 8, M)),
    P("fd_fdstat_get", (FILE, M - 8), window=(M - 8, M)),
    P("fd_fdstat_get", (FILE, M - 16), window=(M - 16, M)),
    P("fd_fdstat_get", (FILE, M - 24), window=(M - 24, M)),
    P("fd_fdstat_get", (DIR, M - 24), window=(M - 24, M)),
    P("fd_fdstat_get", (1, M - 20)), P("fd_fdstat_get", (NOFD, 1)),
    P("fd_filestat_get", (FILE, 1)), P("fd_filestat_get", (FILE, M - 8), window=(M - 8, M)),
    P("fd_filestat_get", (1, M - 24), window=(M - 24, M)),
    P("fd_filestat_get", (1, M - 40), window=(M - 40, M)),
    P("fd_filestat_get", (1, M - 64), window=(M - 64, M)),
    P("fd_filestat_get", (1, 4)), P("fd_filestat_get", (NOFD, 1)),
    P("fd_prestat_get", (DIR, 1)), P("fd_prestat_get", (DIR, 2), window=(0, 8)),
    P("fd_prestat_get", (DIR, M - 4), window=(M - 8, M)),
    P("fd_prestat_get", (DIR, M - 8), window=(M - 8, M)),
    P("fd_prestat_get", (FILE, 1)), P("fd_prestat_get", (0, -1)),
    # padding is left as it was
    P("fd_prestat_get", (DIR, 4096), b"\xaa" * 8, 4096, (4096, 4104)),
    P("fd_fdstat_get", (1, 4096), b"\xaa" * 24, 4096, (4096, 4120)),
    P("fd_filestat_get", (1, 4096), b"\xaa" * 64, 4096, (4096, 4160)),
    P("poll_oneoff", (4096, 4096, 1, 100), sub(7, FD_READ, FILE) + b"\xaa" * 16, 4096,
      (4096, 4160)),
    P("fd_prestat_dir_name", (DIR, M - 1, 1), window=END),
    P("fd_prestat_dir_name", (DIR, M, 1)), P("fd_prestat_dir_name", (DIR, M, 0)),
    P("fd_prestat_dir_name", (DIR, -1, 100)), P("fd_prestat_dir_name", (DIR, 1, 0)),
    P("fd_prestat_dir_name", (FILE, M, 1)), P("fd_prestat_dir_name", (0, M, 1)),
    P("fd_prestat_dir_name", (NOFD, M, 1)),
    P("fd_seek", (FILE, 0, 0, 4)), P("fd_seek", (FILE, 0, 0, M - 4)),
    P("fd_seek", (FILE, 3, 0, M - 8), window=(M - 8, M)),
    P("fd_seek", (1, 0, 0, -1)), P("fd_seek", (NOFD, 0, 0, 1)),
    P("fd_tell", (FILE, 4)), P("fd_tell", (FILE, M)), P("fd_tell", (1, -1)),
    # -- fd_read: the first non-empty iovec, before the descriptor; its buffer
    #    checked (whole) before the read
    P("fd_read", (FILE, 0, 0, M - 2)), P("fd_read", (FILE, 0, 0, 1)),
    P("fd_read", (FILE, -1, 0, 0)), P("fd_read", (FILE, M, 0, 0)),
    P("fd_read", (FILE, M - 4, 1, 0)),                   # the entry's length runs off
    P("fd_read", (FILE, 2, 1, 0)),                       # a misaligned entry
    P("fd_read", (FILE, IOVS, 10000, 0)),                # empty entries up to the end
    P("fd_read", (FILE, IOVS, 2, 100), iov((0, 0), (M, 4))),
    P("fd_read", (FILE, IOVS, 2, 100), iov((M - 4, 4), (0, 1 << 28)), window=(M - 8, M)),
    P("fd_read", (FILE, IOVS, 1, 100), iov((M - 2, 10))),
    P("fd_read", (FILE, IOVS, 1, 100), iov((M, 4)), seek=5),   # at the end of the file
    P("fd_read", (FILE, IOVS, 1, 100), iov((IOVS, 8)), window=(IOVS, IOVS + 8)),
    P("fd_read", (FILE, IOVS, 1, 100), iov((96, 8)), window=(96, 104)),   # over nread
    P("fd_read", (NOFD, M, 1, 0)), P("fd_read", (NOFD, 1, 1, 0)), P("fd_read", (NOFD, 0, 1, 1)),
    P("fd_read", (NOFD, IOVS, 1, 100), iov((M, 4))),
    P("fd_read", (DIR, IOVS, 1, 100), iov((M, 4))),
    P("fd_read", (1, IOVS, 1, 100), iov((M, 4))),
    P("fd_read", (0, IOVS, 1, 100), iov((M + 1, 4))),   # stdin gives nothing: no check
    P("fd_read", (WO, IOVS, 1, 100), iov((0, 4))),
    P("fd_read", (WO, IOVS, 1, 100), iov((M, 4))),
    # -- fd_pread: the offset, then the bytes read are checked
    P("fd_pread", (FILE, 0, 0, 0, M - 2)),
    P("fd_pread", (FILE, IOVS, 1, 100, 100), iov((M, 4))),    # past the end: nothing read
    P("fd_pread", (FILE, IOVS, 1, 0, 100), iov((M - 2, 10))),
    P("fd_pread", (FILE, IOVS, 1, 3, 100), iov((M - 2, 10)), window=(M - 4, M)),
    P("fd_pread", (FILE, IOVS, 1, 3, 100), iov((M - 1, 10))),
    P("fd_pread", (FILE, IOVS, 1, -1, 100), iov((M, 4))),
    P("fd_pread", (FILE, 0, 0, -1, 0)), P("fd_pread", (1, 0, 0, 0, 100)),
    P("fd_pread", (0, 0, 0, 0, 100)), P("fd_pread", (DIR, 0, 0, 0, 100)),
    P("fd_pread", (NOFD, M, 1, 0, 0)), P("fd_pread", (1, M, 1, 0, 0)),
    P("fd_pread", (WO, IOVS, 1, 0, 100), iov((0, 4))),
    # -- fd_write / fd_pwrite: the buffer is checked before the bytes go out
    P("fd_write", (FILE, 0, 0, M - 2)), P("fd_write", (FILE, 0, 0, -1)),
    P("fd_write", (FILE, IOVS, 2, 100), iov((0, 4), (M, 4))),   # only the first is used
    P("fd_write", (FILE, M - 8, 2, 100), iov((0, 4)), at=M - 8),
    P("fd_write", (FILE, IOVS, 1, 100), iov((M - 2, 4))),
    P("fd_write", (FILE, IOVS, 1, 100), iov((M - 4, 4))),
    P("fd_write", (1, IOVS, 1, 100), iov((M - 2, 4))),
    P("fd_write", (1, IOVS, 1, 100), iov((0, M))),
    P("fd_write", (0, IOVS, 1, 100), iov((M, 4))), P("fd_write", (DIR, IOVS, 1, 100), iov((M, 4))),
    P("fd_write", (NOFD, IOVS, 1, 100), iov((M, 4))), P("fd_write", (NOFD, M, 1, 0)),
    P("fd_write", (RO, IOVS, 1, 100), iov((0, 4))), P("fd_write", (RO, IOVS, 1, 100), iov((M, 4))),
    P("fd_pwrite", (FILE, 0, 0, 0, 1)),
    P("fd_pwrite", (FILE, IOVS, 1, 0, 100), iov((M - 2, 4))),
    P("fd_pwrite", (FILE, IOVS, 1, -1, 100), iov((M, 4))),
    P("fd_pwrite", (FILE, 0, 0, -1, 0)), P("fd_pwrite", (1, IOVS, 1, 0, 100), iov((M, 4))),
    P("fd_pwrite", (0, 0, 0, 0, 100)), P("fd_pwrite", (NOFD, M, 1, 0, 0)),
    P("fd_pwrite", (RO, IOVS, 1, 0, 100), iov((0, 4))),
    # -- the budget: iovec arrays are charged 8 bytes an entry, then the
    #    buffer used, before their bounds are looked at
    P("fd_read", (FILE, 0, -1, 0)), P("fd_read", (FILE, 0, 1 << 29, 0)),
    P("fd_read", (NOFD, 0, -1, 0)), P("fd_write", (NOFD, IOVS, 1, 100), iov((0, 1 << 28))),
    P("fd_read", (FILE, IOVS, 1 << 24, 0)), P("fd_read", (FILE, IOVS, (1 << 24) + 1, 0)),
    P("fd_read", (FILE, IOVS, (BUDGET - 120) // 8, 0), iov((M + 8, 120))),
    P("fd_read", (FILE, IOVS, (BUDGET - 120) // 8 + 1, 0), iov((M + 8, 120))),
    P("fd_write", (FILE, IOVS, 1, 100), iov((0, BUDGET - 8))),
    P("fd_write", (FILE, IOVS, 1, 100), iov((0, BUDGET - 7))),
    P("fd_write", (FILE, IOVS, 1 << 24, 100), iov((0, 1))),
    P("fd_pread", (FILE, IOVS, 1, 0, 100), iov((0, BUDGET))),
    P("fd_pwrite", (FILE, IOVS, 1, 0, 100), iov((0, BUDGET))),
    P("sock_recv", (FILE, 0, -1, 0, -1, -1)), P("sock_send", (FILE, 0, -1, 0, -1)),
    P("sock_accept", (FILE, 0, 1)), P("sock_accept", (NOFD, 0, -1)),
    # -- fd_readdir: dirents and names written as they come, never the
    #    buffer as a whole
    P("fd_readdir", (DIR, M, 0, 0, 0)), P("fd_readdir", (DIR, M + 1, 0, 0, 0)),
    P("fd_readdir", (DIR, M - 10, 20, 0, 0)), P("fd_readdir", (DIR, M - 24, 24, 0, 0)),
    P("fd_readdir", (DIR, M - 23, 100, 0, 0)), P("fd_readdir", (DIR, M - 30, 100, 0, 0)),
    P("fd_readdir", (DIR, -1, 0, 0, 0)), P("fd_readdir", (DIR, -1, 1, 0, 0)),
    P("fd_readdir", (DIR, 0, -1, 0, 200)), P("fd_readdir", (DIR, 100, 1 << 28, 0, 0)),
    P("fd_readdir", (DIR, 1, 10, 0, 0)), P("fd_readdir", (DIR, 0, 100, 2, M)),
    P("fd_readdir", (DIR, 0, 100, 0, 1)), P("fd_readdir", (DIR, M, 100, 100, 200)),
    P("fd_readdir", (FILE, M, 10, 0, 0)), P("fd_readdir", (NOFD, -1, 1, 0, 0)),
    # -- paths: the descriptor, then the string (charged, bounds, UTF-8);
    #    path_open reads its path first
    P("path_create_directory", (DIR, M, 0)), P("path_create_directory", (DIR, M + 1, 0)),
    P("path_create_directory", (NOFD, M + 1, 0)), P("path_create_directory", (NOFD, 0, -1)),
    P("path_create_directory", (FILE, M + 1, 0)), P("path_create_directory", (DIR, 0, -1)),
    P("path_create_directory", (DIR, 0, BUDGET)), P("path_create_directory", (DIR, 0, BUDGET + 1)),
    P("path_create_directory", (DIR, M - 1, 2)),
    P("path_create_directory", (DIR, IOVS, 2), BAD_UTF8),
    P("path_create_directory", (DIR, IOVS, 3), NUL),
    P("path_open", (DIR, 0, M + 1, 0, 0, 0, 0, 0, 0)),
    P("path_open", (NOFD, 0, M + 1, 0, 0, 0, 0, 0, 0)),
    P("path_open", (NOFD, 0, 0, -1, 0, 0, 0, 0, 0)),
    P("path_open", (NOFD, 0, IOVS, 2, 0, 0, 0, 0, 0), BAD_UTF8),
    P("path_open", (FILE, 0, M + 1, 0, 0, 0, 0, 0, 0)),
    P("path_open", (FILE, 0, PATH, 5, 0, 0, 0, 0, 0)),
    P("path_open", (DIR, 0, PATH, 5, 0, 0, 0, 2, -1)),
    P("path_open", (NOFD, 0, PATH, 5, 0, 0, 0, 2, 0)),
    P("path_open", (DIR, 0, M - 1, 2, 0, 0, 0, 0, 0)),
    P("path_open", (DIR, 0, IOVS, 3, 0, 0, 0, 0, 0), NUL),
    P("path_open", (DIR, 0, PATH, 5, 0, 0, 0, 0, 1)),
    P("path_open", (DIR, 0, PATH, 5, 0, 0, 0, 0, M - 2)),
    P("path_open", (DIR, 0, PATH, 5, 0, 0, 0, 0, M - 4), window=END),
    P("path_filestat_get", (DIR, 0, PATH, 5, 1)), P("path_filestat_get", (DIR, 0, PATH, 5, M - 8)),
    P("path_filestat_get", (NOFD, 0, M + 1, 0, 0)), P("path_filestat_get", (DIR, 0, M + 1, 0, 0)),
    P("path_filestat_get", (FILE, 0, PATH, 5, 0)), P("path_filestat_get", (DIR, 0, PATH, -1, 0)),
    P("path_filestat_get", (DIR, 0, IOVS, 2, 0), BAD_UTF8),
    P("path_filestat_get", (NOFD, 0, PATH, 5, 1)),
    P("path_filestat_set_times", (NOFD, 0, M + 1, 0, 0, 0, 0)),
    P("path_filestat_set_times", (DIR, 0, M + 1, 0, 0, 0, 3)),
    P("path_filestat_set_times", (NOFD, 0, 0, -1, 0, 0, 3)),
    P("path_filestat_set_times", (DIR, 0, M + 1, 0, 0, 0, 0)),
    P("path_filestat_set_times", (DIR, 0, 0, BUDGET + 1, 0, 0, 0)),
    P("path_link", (DIR, 0, M + 1, 0, NOFD, NEW, 5)),
    P("path_link", (DIR, 0, PATH, 5, DIR, M + 1, 0)),
    P("path_link", (DIR, 0, M + 1, 0, DIR, 0, -1)),
    P("path_link", (DIR, 0, 0, -1, DIR, M + 1, 0)),
    P("path_link", (DIR, 0, PATH, 5, DIR, 0, -1)),
    P("path_link", (DIR, 0, IOVS, 2, DIR, NEW, 5), BAD_UTF8),
    P("path_link", (FILE, 0, PATH, 5, DIR, NEW, 5)),
    P("path_rename", (DIR, M + 1, 0, NOFD, NEW, 5)),
    P("path_rename", (DIR, PATH, 5, DIR, M + 1, 0)),
    P("path_rename", (DIR, 0, -1, DIR, M + 1, 0)),
    P("path_rename", (DIR, M + 1, 0, DIR, 0, -1)),
    P("path_symlink", (M + 1, 0, NOFD, NEW, 5)), P("path_symlink", (PATH, 5, DIR, M + 1, 0)),
    P("path_symlink", (M + 1, 0, DIR, 0, -1)), P("path_symlink", (0, -1, DIR, M + 1, 0)),
    P("path_symlink", (IOVS, 2, DIR, NEW, 5), BAD_UTF8),
    P("path_symlink", (IOVS, 3, DIR, NEW, 5), NUL),
    P("path_symlink", (PATH, 5, FILE, NEW, 5)),
    P("path_unlink_file", (DIR, M + 1, 0)), P("path_unlink_file", (NOFD, M + 1, 0)),
    P("path_unlink_file", (DIR, 0, -1)), P("path_unlink_file", (FILE, M + 1, 0)),
    P("path_unlink_file", (DIR, 0, BUDGET + 1)),        # its path is not charged
    P("path_remove_directory", (DIR, M + 1, 0)), P("path_remove_directory", (NOFD, M + 1, 0)),
    P("path_remove_directory", (DIR, 0, (1 << 31))),
    P("path_readlink", (DIR, LINK, 1, 0, 100, 200), window=(0, 8)),
    P("path_readlink", (DIR, LINK, 1, M - 3, 100, 200)),
    P("path_readlink", (DIR, LINK, 1, M - 3, 3, 200), window=END),
    P("path_readlink", (DIR, LINK, 1, M + 1, 0, 200)),
    P("path_readlink", (DIR, LINK, 1, 0, 100, 1)), P("path_readlink", (DIR, LINK, 1, 0, 100, M)),
    P("path_readlink", (DIR, LINK, 1, 196, 100, 200), window=(196, 204)),   # over bufused
    P("path_readlink", (DIR, M + 1, 0, 0, 0, 0)), P("path_readlink", (NOFD, M + 1, 0, 0, 0, 0)),
    P("path_readlink", (DIR, 0, BUDGET + 1, 0, 0, 0)), P("path_readlink", (DIR, 0, BUDGET, 0, 0, 0)),
    P("path_readlink", (DIR, PATH, 5, M + 5, 100, 1)),
    # -- random_get: Wasmtime's 64 MiB limit, then the buffer
    P("random_get", (M - 4, 4)), P("random_get", (M - 3, 4)), P("random_get", (M, 0)),
    P("random_get", (M + 1, 0)), P("random_get", (-1, 0)), P("random_get", (M, 1)),
    P("random_get", (0, 64 << 20)), P("random_get", (0, (64 << 20) + 1)), P("random_get", (0, -1)),
    # -- poll_oneoff: subscriptions charged 64 bytes each, then read one by
    #    one; events written after the wait, in subscription order
    P("poll_oneoff", (IOVS, 4096, 0, -1)), P("poll_oneoff", (0, 0, -1, 0)),
    P("poll_oneoff", (IOVS, 4096, (1 << 21) + 1, 0)), P("poll_oneoff", (IOVS, 4096, 1 << 21, 0)),
    P("poll_oneoff", (IOVS, 4096, 1, 1)), P("poll_oneoff", (IOVS, 4096, 1, M)),
    P("poll_oneoff", (IOVS + 1, 4096, 1, 0)), P("poll_oneoff", (IOVS, 4097, 1, 0)),
    P("poll_oneoff", (M - 47, 4096, 1, 0)), P("poll_oneoff", (M - 48, 4096, 2, 0)),
    P("poll_oneoff", (IOVS, M - 31, 1, 0)), P("poll_oneoff", (IOVS, -1, 2, 0)),
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, CLOCK, 1), window=(4096, 4128)),
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, FD_READ, FILE), window=(4096, 4128)),
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, FD_WRITE, FILE), window=(4096, 4128)),
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, FD_READ, FILE), window=(4096, 4128), seek=5),
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, FD_READ, 0), window=(4096, 4128)),
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, FD_WRITE, 1), window=(4096, 4128)),
    P("poll_oneoff", (IOVS, 4096, 2, 100), sub(7, FD_WRITE, 1) + sub(8, CLOCK, 1),
      window=(4096, 4160)),
    P("poll_oneoff", (IOVS, 4096, 2, 100), sub(7, CLOCK, 1, 10 ** 7) + sub(8, CLOCK, 1),
      window=(4096, 4160)),
    P("poll_oneoff", (IOVS, 4096, 2, 100), sub(7, CLOCK, 1) + sub(8, CLOCK, 0, 0, 1),
      window=(4096, 4160)),
    # with more than one descriptor, the standard streams (Wasmtime's file
    # streams are read in the background: which is ready first varies)
    P("poll_oneoff", (IOVS, IOVS + 48, 2, 100), sub(7, FD_WRITE, 1) + sub(8, FD_WRITE, 2),
      window=(IOVS, IOVS + 112)),                       # event 0 overwrites sub 1
    P("poll_oneoff", (IOVS, IOVS, 2, 100), sub(7, FD_WRITE, 1) + sub(8, FD_READ, 0),
      window=(IOVS, IOVS + 96)),
    P("poll_oneoff", (IOVS, M - 40, 1, 100), sub(7, FD_READ, FILE), window=(M - 40, M)),
    P("poll_oneoff", (IOVS, M - 32, 2, 100), sub(7, FD_WRITE, 1) + sub(8, FD_WRITE, 2),
      window=(M - 32, M)),
    P("poll_oneoff", (IOVS, M - 24, 1, 100), sub(7, FD_READ, FILE), window=(M - 24, M)),
    P("poll_oneoff", (M - 24, 4096, 1, 100), sub(7, FD_READ, FILE)[:24], at=M - 24),
    P("poll_oneoff", (M - 40, 4096, 1, 100), sub(7, CLOCK, 1)[:40], at=M - 40),
    P("poll_oneoff", (M - 40, 4096, 1, 100), sub(7, 5, 1)[:40], at=M - 40),
    P("poll_oneoff", (M - 40, 4096, 1, 100), sub(7, CLOCK, 9)[:40], at=M - 40),
    P("poll_oneoff", (IOVS, 4096, 2, 100), sub(7, FD_READ, NOFD) + sub(8, FD_READ, FILE)),
    P("poll_oneoff", (IOVS, 4096, 2, 100), sub(7, FD_READ, FILE) + sub(8, FD_READ, M)),
    P("poll_oneoff", (IOVS, -1, 2, 100), sub(7, 3, 1) + sub(8, FD_READ, FILE)),
    P("poll_oneoff", (M - 48, 4096, 2, 100), sub(7, FD_READ, NOFD), at=M - 48),
    # clock flags beyond abstime are refused (EINVAL), abstime is not
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, CLOCK, 1, 0, 2)),
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, CLOCK, 1, 0, 0x8000)),
    P("poll_oneoff", (IOVS, 4096, 1, 100), sub(7, CLOCK, 0, 0, 1), window=(4096, 4128)),
]


@pytest.fixture(scope="module")
def sides():
    return wasi_probe.sides(wasmtime, wasmlite, WAT, argv=["prog", "a", "bc"], env=[("K", "V")])


def _tree(top) -> None:
    (top / "f.txt").write_text("hello")
    (top / "d").mkdir()
    os.symlink("f.txt", top / "l")


def _answers(side: wasi_probe.Side, tmp_path, probe: P) -> tuple:
    top = tmp_path / f"{id(side)}"
    top.mkdir()
    _tree(top)
    store, x = side.instance(top)
    memory = x["memory"]
    if probe.data:
        memory.write(store, probe.data, probe.at)
    if probe.seek is not None:
        assert x["fd_seek"](store, FILE, probe.seek, 0, 200) == 0
    got = side.outcome(store, x, probe.func, probe.args)
    if probe.window:
        got += (bytes(memory.read(store, *probe.window)),)
    return got


@pytest.mark.parametrize("probe", PROBES, ids=repr)
def test_pointer_arguments_as_wasmtime(sides, tmp_path, probe):
    want = _answers(sides["wasmtime"], tmp_path, probe)
    assert _answers(sides["interpreter"], tmp_path, probe) == want
    assert _answers(sides["llvm"], tmp_path, probe) == want


def test_the_probes_cover_each_kind_of_answer(sides, tmp_path):
    """What the comparison shows: every wording Wasmtime uses for a
    pointer, the errnos that stand in for a trap, and probes that work."""
    outcomes = []
    for i, probe in enumerate(PROBES):
        (tmp_path / str(i)).mkdir()
        outcomes.append(_answers(sides["wasmtime"], tmp_path / str(i), probe))
    errnos = {o[1] for o in outcomes if o[0] == "errno"}
    assert {0, 8, 25, 28, 37, 48, 54, 57, 70} <= errnos
    words = "\n".join(" | ".join(o[2]) for o in outcomes if o[0] == "error")
    for text in ("Pointer out of bounds: Region { start: 65536, len: 4 }",
                 "Pointer not aligned to 8", "Pointer not aligned to 2",
                 "In func wasi_snapshot_preview1::fd_read at write size",
                 "at write fd", "at write fdstat", "at write filestat", "at write prestat",
                 "at write timestamp", "at write filesize",
                 "requested len 67108865 exceeds limit 67108864"):
        assert text in words, text


# the budget across two strings, with memory to hold the first
BIG_PROBES = [
    P("path_link", (DIR, 0, 0, 0x3000000, DIR, 0, 0x5000001)),      # 48 MiB + 80 MiB + 1
    P("path_link", (DIR, 0, 0, 0x3000000, DIR, 0, 0x5000000)),      # exactly 128 MiB: bounds
    P("path_rename", (DIR, 0, 0x3000000, DIR, 0, 0x5000001)),
]


@pytest.mark.parametrize("probe", BIG_PROBES, ids=repr)
def test_the_budget_is_per_call_across_its_strings(sides, tmp_path, probe):
    answers = []
    for key in ("wasmtime", "interpreter", "llvm"):
        top = tmp_path / key
        top.mkdir()
        _tree(top)
        store, x = sides[key].instance(top)
        assert x["grow"](store, 800) == 1               # 50 MiB more
        answers.append(sides[key].outcome(store, x, probe.func, probe.args))
        # the next call has its budget again
        answers.append(sides[key].outcome(store, x, "path_create_directory",
                                          (DIR, 0, 0x5000000)))
    assert answers[2:4] == answers[0:2] and answers[4:6] == answers[0:2]


@pytest.mark.parametrize("strategy", ["interpreter", "llvm"])
def test_a_result_that_cannot_be_written_leaves_the_work_done(sides, tmp_path, strategy):
    """As in Wasmtime: path_open opened the file before its result failed
    to be written, and the descriptor stays open; fd_read moved the file's
    position. The instance goes on working."""
    answers = []
    for key in ("wasmtime", strategy):
        top = tmp_path / key
        top.mkdir()
        _tree(top)
        side = sides[key]
        store, x = side.instance(top)
        got = [side.outcome(store, x, "path_open", (DIR, 0, PATH, 5, 0, 2, 2, 0, M)),
               side.outcome(store, x, "path_open", (DIR, 0, PATH, 5, 0, 2, 2, 0, 0)),
               bytes(x["memory"].read(store, 0, 4))]
        x["memory"].write(store, iov((3000, 2)), IOVS)
        got += [side.outcome(store, x, "fd_read", (FILE, IOVS, 1, M)),
                side.outcome(store, x, "fd_read", (FILE, IOVS, 1, 100)),
                bytes(x["memory"].read(store, 3000, 3002))]
        answers.append(got)
    assert answers[1] == answers[0]
    assert answers[0][2] == struct.pack("<I", 8)        # 7 is the one left open
    assert answers[0][5] == b"ll"


# ``wasmtime run`` (49) on modules whose _start (or an --invoke'd export, or
# the start function) makes a WASI call Wasmtime refuses: its report, with
# the wasm backtrace cause left out (wasmlite's host functions have none)
CLI_CASES = {
    "fd_write": ("(drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) "
                 "(i32.const 65536)))", [
                     "0: failed to invoke command default",
                     "1: In func wasi_snapshot_preview1::fd_write at write size: Pointer out "
                     "of bounds: Region { start: 65536, len: 4 }",
                     "2: Pointer out of bounds: Region { start: 65536, len: 4 }"]),
    "fd_seek": ("(drop (call $fd_seek (i32.const 1) (i64.const 0) (i32.const 9) "
                "(i32.const 0)))", [
                    "0: failed to invoke command default",
                    "1: In func wasi_snapshot_preview1::fd_seek at convert Whence: Invalid enum "
                    "value Whence",
                    "2: Invalid enum value Whence"]),
    "proc_exit": ("(call $proc_exit (i32.const 200))", [
        "0: failed to invoke command default",
        "1: exit with invalid exit status outside of [0..126)"]),
}

CLI_IMPORTS = """
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)"""


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_wasmlite_run_reports_a_refused_wasi_call_as_wasmtime_run(tmp_path, capsys, case):
    from wasmlite.cli import main
    body, causes = CLI_CASES[case]
    path = tmp_path / "prog.wat"
    path.write_text(f'(module {CLI_IMPORTS}\n  (func (export "_start") {body}))')
    status = main(["run", "--no-cache", str(path)])
    err = capsys.readouterr().err
    assert status == 1
    assert err.splitlines() == [f"Error: failed to run main module `{path}`", "", "Caused by:"] + [
        f"    {c}" for c in causes] + [""]


def test_wasmlite_run_reports_it_from_invoke_and_the_start_function(tmp_path, capsys):
    from wasmlite.cli import main
    body = CLI_CASES["fd_write"][0]
    invoked = tmp_path / "inv.wat"
    invoked.write_text(f'(module {CLI_IMPORTS}\n  (func (export "f") {body}))')
    assert main(["run", "--no-cache", "--invoke", "f", str(invoked)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[:4] == [f"Error: failed to run main module `{invoked}`", "", "Caused by:",
                         "    0: failed to invoke `f`"]
    started = tmp_path / "start.wat"
    started.write_text(f'(module {CLI_IMPORTS}\n  (func $s {body}) (start $s))')
    assert main(["run", "--no-cache", str(started)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[:4] == [f"Error: failed to run main module `{started}`", "", "Caused by:",
                         f'    0: failed to instantiate "{started}"']
    assert lines[-2:] == ["    2: Pointer out of bounds: Region { start: 65536, len: 4 }", ""]
