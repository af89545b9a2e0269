"""``Wasi2Context``: a store's WASI 0.2 state, made from its WasiConfig.

The same configuration gives a WASI 0.2 program what it gives a preview-1
program: the same argv and environment, the same standard streams (in a
store with a preview-1 context, its very streams: one file offset, opened
and truncated once), and the same
preopened directories with the same permissions. It also holds what WASI
0.2 adds: the resource types, the clocks' origin, the insecure random
seed, and the network policy (none allowed, as wasmtime-py's WasiConfig
allows none and has no way to grant any).
"""
from __future__ import annotations

import os
import random
import time
from typing import Optional

from ..errors import WasmtimeError
from ..wasi.config import DirPerms, WasiConfig
from ..wasi.fdtable import Entry, stdio_entry
from .descriptors import READ, WRITE, Descriptor
from .resources import ResourceTypes
from .streams import SharedFd

__all__ = ["Wasi2Context", "NetworkPolicy", "Preopen2"]


class NetworkPolicy:
    """Which network uses are allowed. By default none, as in wasmtime-py
    and ``wasmtime run`` (without ``-S tcp``/``-S udp``/``-S
    allow-ip-name-lookup``): creating a TCP or UDP socket fails with
    ``access-denied``, a name lookup with ``permanent-resolver-failure``.
    An embedder may allow making sockets; binding or connecting one is
    still refused for every address (``access-denied``), so no network
    traffic is ever possible through this host."""

    def __init__(self) -> None:
        self.allow_tcp = False
        self.allow_udp = False
        self.allow_ip_name_lookup = False


class Preopen2:
    """A preopened directory: its host descriptor, shared by every
    descriptor ``get-directories`` hands out for it."""

    __slots__ = ("shared", "host_path", "guest_path", "dir_perms", "file_perms")

    def __init__(self, shared: SharedFd, host_path: str, guest_path: str,
                 dir_perms: int, file_perms: int) -> None:
        self.shared = shared
        self.host_path = host_path
        self.guest_path = guest_path
        self.dir_perms = dir_perms
        self.file_perms = file_perms

    def descriptor(self) -> Descriptor:
        """A new descriptor on this preopen (Wasmtime: opened for reading,
        and for writing if the directory may be mutated)."""
        mode = (READ if self.dir_perms & DirPerms.READ_ONLY else 0) \
            | (WRITE if self.dir_perms & DirPerms.WRITE_ONLY else 0)
        return Descriptor("dir", self.shared.acquire(), self.host_path, (),
                          self.dir_perms, self.file_perms, mode)


class Wasi2Context:
    """What a store's WASI 0.2 host functions work on (one per store)."""

    def __init__(self, args: list[str], env: list[tuple[str, str]], stdin: Entry,
                 stdout: Entry, stderr: Entry, preopens: list[Preopen2]) -> None:
        self.args = list(args)
        self.env = list(env)
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.preopens = preopens
        self.types = ResourceTypes()
        self.network = NetworkPolicy()
        self.monotonic_origin = time.monotonic_ns()
        seed = int.from_bytes(os.urandom(16), "little")
        self.insecure_seed = (seed & 0xFFFF_FFFF_FFFF_FFFF, seed >> 64)
        self.insecure_random = random.Random(os.urandom(32))
        self.exit_code: Optional[int] = None
        self._closed = False

    @classmethod
    def from_config(cls, config: WasiConfig, stdio: Optional[tuple] = None) -> "Wasi2Context":
        """The context ``config`` describes. The config is read, not
        consumed (Store.set_wasi consumes it), so this may be called on a
        config already given to a store. ``stdio``, if given, is the
        (stdin, stdout, stderr) entries to use, taken over (a store's
        preview-1 context's streams, so the two share them as in Wasmtime);
        else the streams are opened as ``config`` says."""
        if not isinstance(config, WasiConfig):
            raise TypeError(f"expected a WasiConfig, got {type(config).__name__}")
        opened: list = list(stdio or ())
        try:
            if stdio is None:
                stdio = []
                for kind, cfg in (("stdin", config._stdin), ("stdout", config._stdout),
                                  ("stderr", config._stderr)):
                    stdio.append(stdio_entry(kind, cfg))
                    opened.append(stdio[-1])
            preopens = []
            for p in config._preopens:
                fd = os.open(p.host_path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
                shared = SharedFd(fd)
                opened.append(shared)
                preopens.append(Preopen2(shared, p.host_path, p.guest_path,
                                         int(p.dir_perms), int(p.file_perms)))
        except BaseException as exc:
            for thing in opened:
                thing.close() if isinstance(thing, Entry) else thing.release()
            if isinstance(exc, OSError):
                raise WasmtimeError(f"failed to set up WASI: {exc}") from None
            raise
        return cls(list(config._argv), list(config._env), *stdio, preopens)

    def now(self) -> int:
        """monotonic-clock's now: ns since this context was made."""
        return time.monotonic_ns() - self.monotonic_origin

    def close(self) -> None:
        """Close the standard streams' files and the preopens (descriptors
        the guest still holds keep theirs until dropped)."""
        if self._closed:
            return
        self._closed = True
        for e in (self.stdin, self.stdout, self.stderr):
            e.close()
        for p in self.preopens:
            p.shared.release()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass
