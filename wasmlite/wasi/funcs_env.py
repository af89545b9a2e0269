"""args_*, environ_*, clock_*, random_get, proc_*, sched_yield, sock_*."""
from __future__ import annotations

import os
import time

from ..errors import ExitTrap, WasmtimeError
from .errno import EBADF, EFAULT, ENOTSOCK, ENOTSUP, SUCCESS, WasiError
from .memory import U32, U64, write_bytes
from .witx import MONOTONIC, REALTIME


def _strings_get(m, strings, ptrs, buf) -> int:
    for s in strings:
        U32.pack_into(m, ptrs, buf)
        write_bytes(m, buf, s + b"\0")
        ptrs += 4
        buf += len(s) + 1
    return SUCCESS


def _sizes_get(m, strings, count_ptr, size_ptr) -> int:
    U32.pack_into(m, count_ptr, len(strings))
    U32.pack_into(m, size_ptr, sum(len(s) + 1 for s in strings))
    return SUCCESS


def args_get(ctx, m, argv, argv_buf):
    return _strings_get(m, ctx.args, argv, argv_buf)


def args_sizes_get(ctx, m, argc, argv_buf_size):
    return _sizes_get(m, ctx.args, argc, argv_buf_size)


def environ_get(ctx, m, environ, environ_buf):
    return _strings_get(m, ctx.env, environ, environ_buf)


def environ_sizes_get(ctx, m, count, size):
    return _sizes_get(m, ctx.env, count, size)


def _clock(clock_id: int) -> int:
    # clock_id names a clock (witx.py checked it on the way in)
    if clock_id == REALTIME:
        return time.time_ns()
    if clock_id == MONOTONIC:
        return time.monotonic_ns()
    raise WasiError(EBADF)              # Wasmtime offers neither CPU clock


def clock_res_get(ctx, m, clock_id, resolution):
    if clock_id == REALTIME:
        res = time.get_clock_info("time").resolution
    elif clock_id == MONOTONIC:
        res = time.get_clock_info("monotonic").resolution
    else:
        _clock(clock_id)
    U64.pack_into(m, resolution, max(1, int(res * 1e9)))
    return SUCCESS


def clock_time_get(ctx, m, clock_id, precision, out):
    U64.pack_into(m, out, _clock(clock_id))
    return SUCCESS


def random_get(ctx, m, buf, n):
    if buf + n > len(m):
        raise WasiError(EFAULT)
    if n:
        m[buf:buf + n] = os.urandom(n)
    return SUCCESS


def proc_exit(ctx, m, code):
    if code >= 126:
        # as Wasmtime: statuses a shell would read as signals are refused
        raise WasmtimeError("exit with invalid exit status outside of [0..126)")
    ctx.exit_code = code
    raise ExitTrap(code)


def proc_raise(ctx, m, sig):
    raise WasiError(ENOTSUP)            # sig names a signal (witx.py checked it)


def sched_yield(ctx, m):
    os.sched_yield() if hasattr(os, "sched_yield") else None
    return SUCCESS


def _sock(ctx, fd):
    ctx.get(fd)                          # EBADF for a closed descriptor
    raise WasiError(ENOTSOCK)


def sock_accept(ctx, m, fd, flags, out):
    return _sock(ctx, fd)


def sock_recv(ctx, m, fd, ri_data, ri_data_len, ri_flags, ro_datalen, ro_flags):
    return _sock(ctx, fd)


def sock_send(ctx, m, fd, si_data, si_data_len, si_flags, so_datalen):
    return _sock(ctx, fd)


def sock_shutdown(ctx, m, fd, how):
    return _sock(ctx, fd)



