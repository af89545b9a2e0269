"""poll_oneoff: wait for clock deadlines and descriptor readiness.

As in Wasmtime: the subscriptions are charged to the call's budget (64
bytes each, memory.py) and then read one at a time, each checked as it is
read, and the first bad one ends the call before any wait: an unknown
event type or clock, clock flags beyond ``abstime``, or a clock other than
realtime/monotonic are EINVAL; a descriptor that is not open, is a
directory, or is a stream going the other way is EBADF. After the wait
each ready subscription is read again and its event written, in
subscription order, field by field (events that overlap the subscriptions
see what the earlier events wrote). A regular file is ready either way,
whatever it was opened for, and when one is, no clock is reported (not
even one already due). A descriptor's event says ``nbytes`` 1 (a file at
its end: 1 and the hangup flag), a clock's 0.
"""
from __future__ import annotations

import os
import select
import time

from .errno import EBADF, EINVAL, SUCCESS, WasiError
from .memory import EVENT, U8, U16, U32, U64
from .witx import (ABSTIME, EVENT_CLOCK as CLOCK, EVENT_FD_READ as FD_READ,
                   EVENT_FD_WRITE as FD_WRITE, MONOTONIC, REALTIME)

SUBSCRIPTION_SIZE, EVENT_SIZE = 48, 32
SUBSCRIPTION_CHARGE = 64        # what Wasmtime charges the budget per subscription
HANGUP = 1                      # eventrwflags


def _read_subscription(g, ptr: int) -> tuple:
    """(userdata, tag, clock id or fd, timeout, flags), read field by field
    as Wasmtime reads it; a bad tag, clock or flag is EINVAL."""
    userdata = g.load(U64, ptr)
    tag = g.load(U8, ptr + 8)
    if tag == CLOCK:
        ident = g.load(U32, ptr + 16)
        if ident > 3:
            raise WasiError(EINVAL)
        timeout = g.load(U64, ptr + 24)
        g.load(U64, ptr + 32)                      # precision, unused
        flags = g.load(U16, ptr + 40)
        if flags & ~ABSTIME:
            raise WasiError(EINVAL)
        return userdata, tag, ident, timeout, flags
    if tag in (FD_READ, FD_WRITE):
        return userdata, tag, g.load(U32, ptr + 16), 0, 0
    raise WasiError(EINVAL)


def _stream_entry(ctx, tag: int, fd: int):
    """The descriptor of an fd subscription (EBADF unless a file, or a
    stream going the subscription's way)."""
    e = ctx.fds.get(fd)
    if e is None or e.kind == "dir" or e.kind != "file" and not (
            e.readable if tag == FD_READ else e.writable):
        raise WasiError(EBADF)
    return e


def _event(ctx, sub: tuple) -> tuple:
    """The event of a ready subscription (userdata, error, type, nbytes, flags)."""
    userdata, tag, ident, _timeout, _flags = sub
    if tag == CLOCK:
        return userdata, 0, CLOCK, 0, 0
    e = _stream_entry(ctx, tag, ident)
    flags = 0
    if tag == FD_READ and e.kind == "file":
        try:
            left = os.fstat(e.hostfd).st_size - os.lseek(e.hostfd, 0, os.SEEK_CUR)
        except OSError:
            left = 0
        flags = HANGUP if left <= 0 else 0
    return userdata, 0, tag, 1, flags


def poll_oneoff(ctx, g, in_ptr, out_ptr, nsubscriptions, nevents):
    if nsubscriptions == 0:
        raise WasiError(EINVAL)
    g.charge(SUBSCRIPTION_CHARGE * nsubscriptions)
    clocks = []            # (delay_ns, index)
    waits = []             # (host fd, index) for streams that may block
    ready = []             # indices ready at once
    for i in range(nsubscriptions):
        userdata, tag, ident, timeout, flags = _read_subscription(
            g, in_ptr + SUBSCRIPTION_SIZE * i)
        if tag == CLOCK:
            if ident == REALTIME:
                now = time.time_ns()
            elif ident == MONOTONIC:
                now = time.monotonic_ns()
            else:
                raise WasiError(EINVAL)
            delay = timeout - now if flags & ABSTIME else timeout
            clocks.append((max(0, delay), i))
        else:
            e = _stream_entry(ctx, tag, ident)
            if e.kind != "file" and e.stdio.kind == "inherit" and tag == FD_READ:
                waits.append((e.hostfd, i))
            else:
                ready.append(i)
    if not ready:
        delay = min((d for d, _ in clocks), default=None)
        if waits:
            fds, _, _ = select.select([w[0] for w in waits], [], [],
                                      None if delay is None else delay / 1e9)
            ready = [i for hostfd, i in waits if hostfd in fds]
        elif delay:
            time.sleep(delay / 1e9)
        if not ready:
            ready = [i for d, i in clocks if d <= (delay or 0)]
    # (with a descriptor ready at once, as in Wasmtime, no clock is: not
    # even one already due)
    count = 0
    for i in sorted(ready):
        sub = _read_subscription(g, in_ptr + SUBSCRIPTION_SIZE * i)
        g.put(EVENT, out_ptr + EVENT_SIZE * count, _event(ctx, sub))
        count += 1
    g.result(U32, nevents, count, "write size")
    return SUCCESS
