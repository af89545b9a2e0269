"""wasi:clocks/{monotonic-clock, wall-clock}.

The monotonic clock counts from the context's creation (as Wasmtime's);
its pollables are deadlines on the host's monotonic clock.
"""
from __future__ import annotations

import time

from ..runtime.component_values import Record
from .pollables import NEVER, READY, Deadline, Pollable

U64_MAX = (1 << 64) - 1


def _u64(value, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= U64_MAX:
        raise TypeError(f"{what} must be a u64, got {value!r}")
    return value


def _resolution_ns(clock: int) -> int:
    try:
        return max(1, round(time.clock_getres(clock) * 1e9))
    except (OSError, AttributeError):
        return 1


def monotonic_now(ctx) -> int:
    """``now: func() -> instant`` (ns since the context was made)"""
    return ctx.now()


def monotonic_resolution(ctx) -> int:
    """``resolution: func() -> duration``"""
    return _resolution_ns(time.CLOCK_MONOTONIC)


def _deadline_pollable(ctx, delay_ns: int) -> Pollable:
    if delay_ns <= 0:
        return Pollable(lambda: READY)
    if delay_ns > U64_MAX:                   # cannot be reached: wait forever, as Wasmtime
        return Pollable(lambda: NEVER)
    deadline = Deadline(time.monotonic_ns() + delay_ns)
    return Pollable(lambda: deadline)


def subscribe_instant(ctx, when: int) -> Pollable:
    """``subscribe-instant: func(when: instant) -> pollable``: ready once
    ``now()`` reaches ``when`` (at once for an instant past)"""
    return _deadline_pollable(ctx, _u64(when, "when") - ctx.now())


def subscribe_duration(ctx, when: int) -> Pollable:
    """``subscribe-duration: func(when: duration) -> pollable``"""
    return _deadline_pollable(ctx, _u64(when, "when"))


def _datetime(ns: int) -> Record:
    seconds, nanoseconds = divmod(ns, 1_000_000_000)
    return Record(seconds=seconds, nanoseconds=nanoseconds)


def wall_now(ctx) -> Record:
    """``now: func() -> datetime``"""
    return _datetime(time.time_ns())


def wall_resolution(ctx) -> Record:
    """``resolution: func() -> datetime``"""
    return _datetime(_resolution_ns(time.CLOCK_REALTIME))


INTERFACES = {
    "wasi:clocks/monotonic-clock": {
        "now": monotonic_now,
        "resolution": monotonic_resolution,
        "subscribe-instant": subscribe_instant,
        "subscribe-duration": subscribe_duration,
    },
    "wasi:clocks/wall-clock": {"now": wall_now, "resolution": wall_resolution},
}

USES = {"wasi:clocks/monotonic-clock": ("pollable",)}
