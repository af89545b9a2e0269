"""args_*, environ_*, clock_*, random_get, proc_*, sched_yield, sock_*."""
from __future__ import annotations

import os
import time

from ..errors import ExitTrap
from .errno import EBADF, ENOTSOCK, ENOTSUP, SUCCESS, WasiError
from .memory import U32, U64
from .witx import MONOTONIC, REALTIME, call_error

# the most random_get gives at once (Wasmtime's limit; more is an error)
RANDOM_LIMIT = 64 << 20


def _strings_get(g, strings, ptrs, buf) -> int:
    """Each string's address at ``ptrs`` then its parts at ``buf`` and a
    NUL, written one after the other as Wasmtime writes them (so a string
    that runs off the end leaves the ones before it written)."""
    for parts in strings:
        g.store(U32, ptrs, buf)
        ptrs += 4
        for part in parts:
            g.write_bytes(buf, part)
            buf += len(part)
        g.write_bytes(buf, b"\0")
        buf += 1
    return SUCCESS


def _sizes_get(g, strings, count_ptr, size_ptr) -> int:
    # as Wasmtime, the second result is written first
    g.result(U32, size_ptr, sum(sum(len(p) for p in parts) + 1 for parts in strings),
             "write size")
    g.result(U32, count_ptr, len(strings), "write size")
    return SUCCESS


def _args(ctx):
    return [(a,) for a in ctx.args]


def _environ(ctx):
    return [(k, b"=", v) for k, v in ctx.env]


def args_get(ctx, g, argv, argv_buf):
    return _strings_get(g, _args(ctx), argv, argv_buf)


def args_sizes_get(ctx, g, argc, argv_buf_size):
    return _sizes_get(g, _args(ctx), argc, argv_buf_size)


def environ_get(ctx, g, environ, environ_buf):
    return _strings_get(g, _environ(ctx), environ, environ_buf)


def environ_sizes_get(ctx, g, count, size):
    return _sizes_get(g, _environ(ctx), count, size)


def _clock(clock_id: int) -> int:
    # clock_id names a clock (witx.py checked it on the way in)
    if clock_id == REALTIME:
        return time.time_ns()
    if clock_id == MONOTONIC:
        return time.monotonic_ns()
    raise WasiError(EBADF)              # Wasmtime offers neither CPU clock


def clock_res_get(ctx, g, clock_id, resolution):
    if clock_id == REALTIME:
        res = time.get_clock_info("time").resolution
    elif clock_id == MONOTONIC:
        res = time.get_clock_info("monotonic").resolution
    else:
        _clock(clock_id)
    g.result(U64, resolution, max(1, int(res * 1e9)), "write timestamp")
    return SUCCESS


def clock_time_get(ctx, g, clock_id, precision, out):
    g.result(U64, out, _clock(clock_id), "write timestamp")
    return SUCCESS


def random_get(ctx, g, buf, n):
    if n > RANDOM_LIMIT:
        raise call_error(["failed to call `get-random-bytes`",
                          f"requested len {n} exceeds limit {RANDOM_LIMIT}"])
    g.write_bytes(buf, os.urandom(n))
    return SUCCESS


def proc_exit(ctx, g, code):
    if code >= 126:
        # as Wasmtime: statuses a shell would read as signals are refused
        raise call_error(["exit with invalid exit status outside of [0..126)"])
    ctx.exit_code = code
    raise ExitTrap(code)


def proc_raise(ctx, g, sig):
    raise WasiError(ENOTSUP)            # sig names a signal (witx.py checked it)


def sched_yield(ctx, g):
    os.sched_yield() if hasattr(os, "sched_yield") else None
    return SUCCESS


def _sock(ctx, fd):
    ctx.get(fd)                          # EBADF for a closed descriptor
    raise WasiError(ENOTSOCK)


def sock_accept(ctx, g, fd, flags, out):
    return _sock(ctx, fd)


def sock_recv(ctx, g, fd, ri_data, ri_data_len, ri_flags, ro_datalen, ro_flags):
    return _sock(ctx, fd)


def sock_send(ctx, g, fd, si_data, si_data_len, si_flags, so_datalen):
    return _sock(ctx, fd)


def sock_shutdown(ctx, g, fd, how):
    return _sock(ctx, fd)



