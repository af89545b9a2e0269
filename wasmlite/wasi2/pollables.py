"""wasi:io/poll's pollables and the wait behind ``poll`` and ``block``.

A pollable asks its source how it becomes ready: ``READY`` (now),
``NEVER``, a ``Deadline`` on the host's monotonic clock, or a host file
descriptor that becomes readable (inherited stdin). Waiting computes the
nearest deadline and sleeps in ``select`` on the descriptors until then:
no busy loop, and a Ctrl-C interrupts it.
"""
from __future__ import annotations

import select
import time
from typing import Callable, Optional, Sequence, Union

from ..errors import WasmtimeError
from .resources import HostResource

__all__ = ["READY", "NEVER", "Deadline", "FdReadable", "Pollable", "wait", "ready_now"]

READY = "ready"
NEVER = "never"

# the longest single sleep: select() refuses a timeout too large for a timeval
_MAX_SLEEP = 86400.0


class Deadline:
    """Ready once ``time.monotonic_ns()`` reaches ``ns``."""
    __slots__ = ("ns",)

    def __init__(self, ns: int) -> None:
        self.ns = ns


class FdReadable:
    """Ready when the host descriptor ``fd`` has data (or end of file)."""
    __slots__ = ("fd",)

    def __init__(self, fd: int) -> None:
        self.fd = fd


Readiness = Union[str, Deadline, FdReadable]


class Pollable(HostResource):
    """A pollable: ``readiness()`` says how its source becomes ready.
    ``parent`` is the stream or socket it watches (a child of it)."""

    __slots__ = ("readiness",)

    def __init__(self, readiness: Callable[[], Readiness],
                 parent: Optional[HostResource] = None) -> None:
        super().__init__(parent)
        self.readiness = readiness


def always_ready() -> Readiness:
    return READY


def _readable(fds: list[int], timeout: Optional[float]) -> set[int]:
    if not fds:
        if timeout is None:
            # only never-ready pollables: wait forever, as Wasmtime does
            # (interruptible: select returns on a signal, Python raises)
            while True:
                select.select([], [], [], _MAX_SLEEP)
        if timeout > 0:
            select.select([], [], [], timeout)
        return set()
    try:
        ready, _, _ = select.select(fds, [], [], timeout)
    except (OSError, ValueError):
        return set(fds)          # a closed or odd descriptor: report it ready, as an error would be
    return set(ready)


def ready_now(pollable: Pollable) -> bool:
    """``[method]pollable.ready``: ready without waiting?"""
    return bool(wait([pollable], block=False))


def wait(pollables: Sequence[Pollable], block: bool = True) -> list[int]:
    """The indices of the ready pollables, waiting until one is (unless
    ``block`` is False). Several ready at once are all reported."""
    if not pollables:
        raise WasmtimeError("empty poll list")
    if len(pollables) > 0xFFFF_FFFF:
        raise WasmtimeError("poll list too long: its indices do not fit in u32")
    while True:
        now = time.monotonic_ns()
        ready: list[int] = []
        fds: dict[int, list[int]] = {}
        nearest: Optional[int] = None
        for i, p in enumerate(pollables):
            if not isinstance(p, Pollable):
                raise TypeError(f"poll takes pollables, got {type(p).__name__}")
            how = p.readiness()
            if how == READY:
                ready.append(i)
            elif isinstance(how, Deadline):
                if how.ns <= now:
                    ready.append(i)
                elif nearest is None or how.ns < nearest:
                    nearest = how.ns
            elif isinstance(how, FdReadable):
                fds.setdefault(how.fd, []).append(i)
        if ready or not block:
            if fds:
                for fd in _readable(list(fds), 0):
                    ready.extend(fds[fd])
            return sorted(ready)
        timeout = None if nearest is None else min((nearest - now) / 1e9, _MAX_SLEEP)
        readable = _readable(list(fds), timeout)
        if readable:
            return sorted(i for fd in readable for i in fds[fd])
        # woke at (or before) the nearest deadline: look again
