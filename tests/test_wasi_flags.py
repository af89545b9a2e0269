"""Flags and enum arguments of WASI preview 1, side by side with wasmtime-py.

Wasmtime converts every flags or enum argument to its witx type before the
function looks at anything else, and an argument that does not convert
(a bit outside the type's flags, a value past an enum's cases, a value too
wide for the type) is an error raised out of the call, not an errno.
poll_oneoff's subscriptions are read from memory and answered with an
errno. Each probe calls one function on a fresh instance (a preopened
directory at fd 3, ``f.txt`` open for reading and writing at fd 4) and
compares the outcome: the errno, or the exception's class and its message
chain (Wasmtime puts a wasm backtrace before the chain; a wasmlite host
function has none to give). wasmlite runs under both strategies.
"""
from __future__ import annotations

import struct

import pytest
import wasmtime

import wasmlite

import wasi_probe

# the functions probed, with their wasm parameter types
SIGNATURES = {
    "clock_res_get": "ii", "clock_time_get": "iIi",
    "fd_advise": "iIIi", "fd_fdstat_set_flags": "ii", "fd_fdstat_set_rights": "iII",
    "fd_filestat_set_size": "iI", "fd_filestat_set_times": "iIIi", "fd_seek": "iIii",
    "path_filestat_get": "iiiii", "path_filestat_set_times": "iiiiIIi",
    "path_link": "iiiiiii", "path_open": "iiiiiIIii", "poll_oneoff": "iiii",
    "proc_raise": "i", "sock_accept": "iii", "sock_recv": "iiiiii", "sock_send": "iiiii",
    "sock_shutdown": "ii",
}


def _wat() -> str:
    lines = ["(module"]
    for name, params in SIGNATURES.items():
        ps = " ".join("i32" if p == "i" else "i64" for p in params)
        lines.append(f'(import "wasi_snapshot_preview1" "{name}" '
                     f'(func ${name} (param {ps}) (result i32)))')
    lines.append('(memory (export "memory") 1)')
    lines.append('(data (i32.const 1024) "f.txt")')
    lines.append('(data (i32.const 1100) "g.txt")')
    for name, params in SIGNATURES.items():
        ps = " ".join("i32" if p == "i" else "i64" for p in params)
        gets = " ".join(f"(local.get {i})" for i in range(len(params)))
        lines.append(f'(func (export "{name}") (param {ps}) (result i32) (call ${name} {gets}))')
    return "\n".join(lines) + ")"


WAT = _wat()
DIR, FILE, NOFD = 3, 4, 99
PATH, PATH_LEN, NEW_PATH = 1024, 5, 1100
ALL_RIGHTS = (1 << 30) - 1
M32 = 0xFFFF_FFFF

# (function, arguments); -1 is all bits set (wasm values are signed)
PROBES = [
    # path_open(fd, lookupflags, path, len, oflags, rights base, inheriting, fdflags, out)
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 0, 0, 0, 0)),
    ("path_open", (DIR, 1, PATH, PATH_LEN, 0, 0, 0, 0, 0)),                  # symlink_follow
    ("path_open", (DIR, 2, PATH, PATH_LEN, 0, 0, 0, 0, 0)),
    ("path_open", (DIR, 0x8000_0000, PATH, PATH_LEN, 0, 0, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0xF & ~1, 0, 0, 0, 0)),           # valid oflags: errno
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0x10, 0, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0x8000, 0, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0x10000, 0, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, -1, 0, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, ALL_RIGHTS, ALL_RIGHTS, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 1 << 30, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 0, 1 << 30, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 1 << 40, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 1 << 62, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, -1, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 0, -1, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 0x40, 0, 0x1F, 0)),            # every fdflag
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 0, 0, 0x20, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 0, 0, 0x10000, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 0, 0, -1, 0)),
    # which argument is reported: the first in parameter order, before the
    # descriptor or the path is looked at
    ("path_open", (NOFD, 0, PATH, PATH_LEN, 0x10, 0, 0, 0, 0)),
    ("path_open", (FILE, 0, PATH, PATH_LEN, 0x10, 0, 0, 0, 0)),
    ("path_open", (DIR, 0, 0x7FFF_FFFF, PATH_LEN, 0x10, 0, 0, 0, -1)),
    ("path_open", (DIR, 2, PATH, PATH_LEN, 0x10, 0, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0x10, 1 << 40, 0, 0, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 1 << 40, -1, 0x20, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, -1, 1 << 40, 0x20, 0)),
    ("path_open", (DIR, 0, PATH, PATH_LEN, 0, 0, 1 << 40, 0x20, 0)),
    # fd_seek(fd, offset, whence, out)
    ("fd_seek", (FILE, 0, 2, 0)),
    ("fd_seek", (FILE, 0, 3, 0)),
    ("fd_seek", (FILE, 0, 256, 0)),
    ("fd_seek", (FILE, 0, -1, 0)),
    ("fd_seek", (NOFD, 0, 3, 0)),
    ("fd_seek", (NOFD, 0, 0, 0)),
    # fd_advise(fd, offset, len, advice)
    ("fd_advise", (FILE, 0, 0, 5)),
    ("fd_advise", (FILE, 0, 0, 6)),
    ("fd_advise", (FILE, 0, 0, 256)),
    ("fd_advise", (FILE, 0, 0, -1)),
    ("fd_advise", (DIR, 0, 0, 6)),
    ("fd_advise", (FILE, 0, 1 << 63, 0)),          # a length past i64: EINVAL
    ("fd_advise", (FILE, 1 << 63, 0, 0)),          # an offset is not checked
    ("fd_advise", (DIR, 0, 1 << 63, 0)),
    # fd_fdstat_set_flags(fd, fdflags)
    ("fd_fdstat_set_flags", (FILE, 1)),
    ("fd_fdstat_set_flags", (FILE, 2)),            # defined, but not settable: EINVAL
    ("fd_fdstat_set_flags", (FILE, 0x20)),
    ("fd_fdstat_set_flags", (FILE, 0x10000)),
    ("fd_fdstat_set_flags", (FILE, -1)),
    ("fd_fdstat_set_flags", (NOFD, 0x20)),
    # fd_fdstat_set_rights(fd, base, inheriting)
    ("fd_fdstat_set_rights", (FILE, ALL_RIGHTS, ALL_RIGHTS)),
    ("fd_fdstat_set_rights", (FILE, 1 << 30, 0)),
    ("fd_fdstat_set_rights", (FILE, 0, 1 << 30)),
    ("fd_fdstat_set_rights", (FILE, -1, 0)),
    ("fd_fdstat_set_rights", (NOFD, 1 << 30, 0)),
    # fd_filestat_set_size(fd, size)
    ("fd_filestat_set_size", (FILE, 1 << 63)),
    ("fd_filestat_set_size", (FILE, -1)),
    ("fd_filestat_set_size", (DIR, 1 << 63)),
    # fd_filestat_set_times(fd, atim, mtim, fstflags)
    ("fd_filestat_set_times", (FILE, 0, 0, 0xF & ~3)),
    ("fd_filestat_set_times", (FILE, 0, 0, 3)),    # atim and atim_now: EINVAL
    ("fd_filestat_set_times", (FILE, 0, 0, 0x10)),
    ("fd_filestat_set_times", (FILE, 0, 0, 0x10000)),
    ("fd_filestat_set_times", (FILE, 0, 0, -1)),
    ("fd_filestat_set_times", (NOFD, 0, 0, 0x10)),
    # path_filestat_get(fd, lookupflags, path, len, out)
    ("path_filestat_get", (DIR, 1, PATH, PATH_LEN, 0)),
    ("path_filestat_get", (DIR, 2, PATH, PATH_LEN, 0)),
    ("path_filestat_get", (DIR, -1, PATH, PATH_LEN, 0)),
    ("path_filestat_get", (NOFD, 2, PATH, PATH_LEN, 0)),
    # path_filestat_set_times(fd, lookupflags, path, len, atim, mtim, fstflags)
    ("path_filestat_set_times", (DIR, 0, PATH, PATH_LEN, 0, 0, 0)),
    ("path_filestat_set_times", (DIR, 2, PATH, PATH_LEN, 0, 0, 0)),
    ("path_filestat_set_times", (DIR, 0, PATH, PATH_LEN, 0, 0, 0x10)),
    ("path_filestat_set_times", (DIR, 2, PATH, PATH_LEN, 0, 0, 0x10)),
    ("path_filestat_set_times", (DIR, 0, PATH, PATH_LEN, 0, 0, 12)),
    # path_link(old fd, lookupflags, old path, len, new fd, new path, len)
    ("path_link", (DIR, 0, PATH, PATH_LEN, DIR, NEW_PATH, PATH_LEN)),
    ("path_link", (DIR, 2, PATH, PATH_LEN, DIR, NEW_PATH, PATH_LEN)),
    ("path_link", (NOFD, 2, PATH, PATH_LEN, DIR, NEW_PATH, PATH_LEN)),
    # clocks: realtime and monotonic work, the CPU clocks are EBADF
    ("clock_res_get", (1, 0)),
    ("clock_res_get", (2, 0)),
    ("clock_res_get", (4, 0)),
    ("clock_res_get", (-1, 0)),
    ("clock_time_get", (3, 0, 0)),
    ("clock_time_get", (4, 0, 0)),
    ("clock_time_get", (4, 0, 0x7FFF_FFFF)),
    # proc_raise(signal): 0 ... 30 are signals (and not supported)
    ("proc_raise", (0,)),
    ("proc_raise", (30,)),
    ("proc_raise", (31,)),
    ("proc_raise", (256,)),
    ("proc_raise", (-1,)),
    # sockets: not sockets (ENOTSOCK), but the flags convert first
    ("sock_accept", (FILE, 0x1F & ~0, 0)),
    ("sock_accept", (FILE, 0x20, 0)),
    ("sock_accept", (NOFD, 0x20, 0)),
    ("sock_recv", (FILE, 0, 0, 3, 0, 0)),
    ("sock_recv", (FILE, 0, 0, 4, 0, 0)),
    ("sock_recv", (FILE, 0, 0, 0x10000, 0, 0)),
    ("sock_recv", (NOFD, 0, 0, 4, 0, 0)),
    ("sock_send", (FILE, 0, 0, 0xFFFF, 0)),        # siflags: a plain u16
    ("sock_send", (FILE, 0, 0, 0x10000, 0)),
    ("sock_send", (FILE, 0, 0, -1, 0)),
    ("sock_shutdown", (FILE, 3)),
    ("sock_shutdown", (FILE, 4)),
    ("sock_shutdown", (FILE, 256)),
    ("sock_shutdown", (NOFD, 4)),
]

CLOCK, FD_READ, FD_WRITE = 0, 1, 2


_sub = wasi_probe.subscription


# descriptors beyond fd 4: 5 is f.txt read-only, 6 write-only
POLL_PROBES = [
    [_sub(7, CLOCK, 1)],
    [_sub(7, CLOCK, 0, 5, flags=1)],                   # realtime, abstime in the past
    [_sub(7, CLOCK, 1, flags=0x8000)],                 # undefined clock flags: EINVAL
    [_sub(7, CLOCK, 1, flags=0xFFFE)],
    [_sub(7, 3, 1)],                                   # no such event type
    [_sub(7, 255, 1)],
    [_sub(7, CLOCK, 2)],                               # a CPU clock
    [_sub(7, CLOCK, 4)],                               # no such clock
    [_sub(7, CLOCK, M32)],
    [_sub(7, FD_READ, FILE)],
    [_sub(7, FD_WRITE, FILE)],
    [_sub(7, FD_READ, 6)],                             # a file is ready either way
    [_sub(7, FD_WRITE, 5)],
    [_sub(7, FD_READ, NOFD)],
    [_sub(7, FD_READ, DIR)],
    [_sub(7, FD_WRITE, DIR)],
    [_sub(7, FD_READ, 1)],                             # stdout read, stdin written
    [_sub(7, FD_WRITE, 0)],
    [_sub(1, CLOCK, 1), _sub(2, CLOCK, 0)],
    # the first bad subscription decides, before any waiting
    [_sub(1, CLOCK, 1), _sub(2, 3, 1)],
    [_sub(1, FD_READ, NOFD), _sub(2, 3, 1)],
    [_sub(1, 3, 1), _sub(2, FD_READ, NOFD)],
    [_sub(1, CLOCK, 2), _sub(2, FD_READ, NOFD)],
    [_sub(1, FD_READ, NOFD), _sub(2, CLOCK, 2)],
    [_sub(1, CLOCK, 1, 10 ** 10), _sub(2, CLOCK, 4)],  # 10 s, never waited for
    [_sub(1, CLOCK, 1, 10 ** 10), _sub(2, FD_WRITE, DIR)],
    [_sub(1, CLOCK, 4), _sub(2, FD_READ, FILE)],
]


@pytest.fixture(scope="module")
def sides():
    return wasi_probe.sides(wasmtime, wasmlite, WAT)


def _tree(top) -> None:
    (top / "f.txt").write_text("hello")


def _answers(side: wasi_probe.Side, tmp_path, probe) -> tuple:
    name, args = probe
    top = tmp_path / f"{id(side)}"
    top.mkdir()
    _tree(top)
    store, x = side.instance(top)
    return side.outcome(store, x, name, args)


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: f"{p[0]}{p[1]}")
def test_flags_and_enum_arguments_as_wasmtime(sides, tmp_path, probe):
    want = _answers(sides["wasmtime"], tmp_path, probe)
    assert _answers(sides["interpreter"], tmp_path, probe) == want
    assert _answers(sides["llvm"], tmp_path, probe) == want


def test_the_probes_cover_errors_errnos_and_success(sides, tmp_path):
    """What the comparison shows: each kind of Wasmtime answer occurs, with
    each wording (flag, enum, too small, too large)."""
    outcomes = []
    for i, probe in enumerate(PROBES):
        (tmp_path / str(i)).mkdir()
        outcomes.append(_answers(sides["wasmtime"], tmp_path / str(i), probe))
    assert ("errno", 0) in outcomes
    assert {o[1] for o in outcomes if o[0] == "errno"} > {0}
    words = " ".join(o[2][0] for o in outcomes if o[0] == "error")
    for text in ("Invalid flag value Oflags", "Invalid flag value Rights",
                 "Invalid enum value Whence", "at convert u16", "NegOverflow",
                 "PosOverflow"):
        assert text in words


def _poll(side: wasi_probe.Side, top, subs) -> tuple:
    store, x = side.instance(top)
    mem = x["memory"]
    mem.write(store, b"".join(subs), 2048)
    got = side.outcome(store, x, "poll_oneoff", (2048, 4096, len(subs), 8))
    if got == ("errno", 0):
        n = struct.unpack("<I", bytes(mem.read(store, 8, 12)))[0]
        events = [struct.unpack("<QHB", bytes(mem.read(store, 4096 + 32 * i, 4107 + 32 * i)))
                  for i in range(n)]
        got += (sorted(events),)
    return got


@pytest.mark.parametrize("subs", POLL_PROBES, ids=lambda s: "-".join(
    f"{b[8]}:{struct.unpack_from('<I', b, 16)[0]}" for b in s))
def test_poll_oneoff_subscriptions_as_wasmtime(sides, tmp_path, subs):
    _tree(tmp_path)
    want = _poll(sides["wasmtime"], tmp_path, subs)
    assert _poll(sides["interpreter"], tmp_path, subs) == want
    assert _poll(sides["llvm"], tmp_path, subs) == want


@pytest.mark.parametrize("strategy", ["interpreter", "llvm"])
def test_the_instance_is_usable_after_a_conversion_error(sides, tmp_path, strategy):
    _tree(tmp_path)
    for side in (sides["wasmtime"], sides[strategy]):
        store, x = side.instance(tmp_path)
        with pytest.raises(side.rt.WasmtimeError, match="Invalid flag value Oflags"):
            x["path_open"](store, DIR, 0, PATH, PATH_LEN, 0x10, 0, 0, 0, 0)
        assert x["fd_seek"](store, FILE, 0, 2, 0) == 0
        assert x["path_open"](store, DIR, 0, PATH, PATH_LEN, 0, 2, 0, 0, 0) == 0
