"""poll_oneoff: wait for clock deadlines and descriptor readiness.

Subscriptions are checked in order before any wait, and the first bad one
ends the call with its errno, as in Wasmtime: an unknown event type or a
clock other than realtime/monotonic is EINVAL, a descriptor that is not
open, is a directory, or is a stream going the other way is EBADF. Bits of
the clock flags beyond ``abstime`` are ignored (Wasmtime ignores them too).
A regular file is ready either way, whatever it was opened for."""
from __future__ import annotations

import os
import select
import struct
import time

from .errno import EBADF, EFAULT, EINVAL, SUCCESS, WasiError
from .memory import U32
from .witx import (ABSTIME, EVENT_CLOCK as CLOCK, EVENT_FD_READ as FD_READ,
                   EVENT_FD_WRITE as FD_WRITE, MONOTONIC, REALTIME)

SUBSCRIPTION = struct.Struct("<QB7xIxxxxQQH6x")   # userdata, tag, clock id|fd, timeout, precision, flags
EVENT = struct.Struct("<QHB5xQH6x")               # userdata, error, type, nbytes, flags


def poll_oneoff(ctx, m, in_ptr, out_ptr, nsubscriptions, nevents):
    if nsubscriptions == 0:
        raise WasiError(EINVAL)
    if in_ptr + 48 * nsubscriptions > len(m) or out_ptr + 32 * nsubscriptions > len(m):
        raise WasiError(EFAULT)
    subs = [SUBSCRIPTION.unpack_from(m, in_ptr + 48 * i) for i in range(nsubscriptions)]
    events = []            # (userdata, error, type, nbytes)
    clocks = []            # (delay_ns, userdata)
    waits = []             # (host fd, userdata, type) for streams that may block
    for userdata, tag, ident, timeout, _precision, flags in subs:
        if tag == CLOCK:
            if ident == REALTIME:
                now = time.time_ns()
            elif ident == MONOTONIC:
                now = time.monotonic_ns()
            else:
                raise WasiError(EINVAL)
            delay = timeout - now if flags & ABSTIME else timeout
            clocks.append((max(0, delay), userdata))
        elif tag in (FD_READ, FD_WRITE):
            e = ctx.fds.get(ident)
            if e is None or e.kind == "dir" or e.kind != "file" and not (
                    e.readable if tag == FD_READ else e.writable):
                raise WasiError(EBADF)
            if e.kind == "file":
                nbytes = 0
                if tag == FD_READ:
                    try:
                        nbytes = max(0, os.fstat(e.hostfd).st_size
                                     - os.lseek(e.hostfd, 0, os.SEEK_CUR))
                    except OSError:
                        nbytes = 0
                events.append((userdata, 0, tag, nbytes))
            elif e.stdio.kind == "inherit" and tag == FD_READ:
                waits.append((e.hostfd, userdata, tag))
            else:
                events.append((userdata, 0, tag, 0))
        else:
            raise WasiError(EINVAL)
    if not events:
        delay = min((d for d, _ in clocks), default=None)
        if waits:
            ready, _, _ = select.select([w[0] for w in waits], [], [],
                                        None if delay is None else delay / 1e9)
            for hostfd, userdata, tag in waits:
                if hostfd in ready:
                    events.append((userdata, 0, tag, 1))
        elif delay:
            time.sleep(delay / 1e9)
        if not events:
            events = [(u, 0, CLOCK, 0) for d, u in clocks if d <= (delay or 0)]
    else:
        events += [(u, 0, CLOCK, 0) for d, u in clocks if d == 0]
    for i, (userdata, error, tag, nbytes) in enumerate(events):
        EVENT.pack_into(m, out_ptr + 32 * i, userdata, error, tag, nbytes, 0)
    U32.pack_into(m, nevents, len(events))
    return SUCCESS
