"""A store's WASI context: argv, environment and the descriptor table.

Descriptors are per store. 0, 1, 2 are the standard streams, then one per
preopened directory. A freed number is reused before a new one is taken,
the lowest first.
"""
from __future__ import annotations

import os
import stat as _stat
import sys
from typing import Optional

from ..errors import WasmtimeError
from .config import DirPerms, FilePerms, Stdio, WasiConfig
from .errno import EBADF, WasiError
from .memory import HOSTCALL_BUDGET, Guest, view_of

# filetype
UNKNOWN, BLOCK_DEVICE, CHARACTER_DEVICE, DIRECTORY, REGULAR_FILE = 0, 1, 2, 3, 4
SOCKET_DGRAM, SOCKET_STREAM, SYMBOLIC_LINK = 5, 6, 7


def filetype_of_mode(mode: int) -> int:
    if _stat.S_ISREG(mode):
        return REGULAR_FILE
    if _stat.S_ISDIR(mode):
        return DIRECTORY
    if _stat.S_ISLNK(mode):
        return SYMBOLIC_LINK
    if _stat.S_ISCHR(mode):
        return CHARACTER_DEVICE
    if _stat.S_ISBLK(mode):
        return BLOCK_DEVICE
    if _stat.S_ISSOCK(mode):
        return SOCKET_STREAM
    return UNKNOWN


class Entry:
    """One open descriptor.

    ``kind``: "stdin" / "stdout" / "stderr" (a stream: ``stdio`` says
    where it goes, ``hostfd`` is set for inherited or file streams),
    "file" (``hostfd`` open on a host file), or "dir" (``root`` is its
    preopen's host path, ``rel`` its components below it).
    """

    __slots__ = ("kind", "hostfd", "stdio", "filetype", "fdflags", "readable",
                 "writable", "root", "rel", "preopen_name", "dir_perms", "file_perms",
                 "owns_fd")

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.hostfd: Optional[int] = None
        self.stdio: Optional[Stdio] = None
        self.filetype = UNKNOWN
        self.fdflags = 0
        self.readable = False
        self.writable = False
        self.root = ""
        self.rel: tuple[str, ...] = ()
        self.preopen_name: Optional[bytes] = None
        self.dir_perms = DirPerms.READ_WRITE
        self.file_perms = FilePerms.READ_WRITE
        self.owns_fd = False

    @property
    def host_path(self) -> str:
        return os.path.join(self.root, *self.rel)

    def close(self) -> None:
        if self.owns_fd and self.hostfd is not None:
            try:
                os.close(self.hostfd)
            except OSError:
                pass
        self.hostfd = None


def _stream(kind: str, cfg: Stdio) -> Entry:
    e = Entry(kind)
    e.stdio = cfg
    e.readable = kind == "stdin"
    e.writable = kind != "stdin"
    if cfg.kind == "inherit":
        e.hostfd = {"stdin": 0, "stdout": 1, "stderr": 2}[kind]
        try:
            e.filetype = filetype_of_mode(os.fstat(e.hostfd).st_mode)
        except OSError:
            e.filetype = UNKNOWN
        if e.filetype == REGULAR_FILE or e.filetype == DIRECTORY:
            e.filetype = UNKNOWN
    elif cfg.kind == "file":
        flags = os.O_RDONLY if kind == "stdin" else os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        try:
            e.hostfd = os.open(cfg.path, flags | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise WasmtimeError(f"failed to open {kind} file {cfg.path!r}: {exc.strerror}") from None
        e.owns_fd = True
        e.filetype = UNKNOWN
    else:
        e.filetype = UNKNOWN
    return e


def stdio_entry(kind: str, cfg: Stdio) -> Entry:
    """The entry of standard stream ``kind`` ("stdin", "stdout", "stderr")
    as ``cfg`` configures it; WASI 0.2's stdio (wasi2/) is made by it too."""
    return _stream(kind, cfg)


def duplicate_stream(e: Entry) -> Entry:
    """Another entry on the same stream as ``e``: a file stream gets a
    duplicate of its descriptor (``os.dup``: one open file, one offset),
    so both write on in turn and neither truncates what the other wrote,
    and each may be closed alone."""
    twin = Entry(e.kind)
    twin.stdio = e.stdio
    twin.filetype = e.filetype
    twin.fdflags = e.fdflags
    twin.readable = e.readable
    twin.writable = e.writable
    if e.owns_fd and e.hostfd is not None:
        twin.hostfd = os.dup(e.hostfd)
        twin.owns_fd = True
    else:
        twin.hostfd = e.hostfd           # inherited 0/1/2, or none (null, custom)
    return twin


class WasiContext:
    """What ``Store.set_wasi(config)`` gives a store."""

    def __init__(self, config: WasiConfig) -> None:
        if not isinstance(config, WasiConfig):
            raise TypeError(f"expected a WasiConfig, got {type(config).__name__}")
        config._check_open()
        self.args = [a.encode("utf-8") for a in config._argv]
        self.env = [(k.encode("utf-8"), v.encode("utf-8")) for k, v in config._env]
        self.fds: dict[int, Entry] = {}
        self.exit_code: Optional[int] = None
        self._mem = None
        self._mem_len = -1
        self._guest = Guest(memoryview(b""))
        try:
            self.fds[0] = _stream("stdin", config._stdin)
            self.fds[1] = _stream("stdout", config._stdout)
            self.fds[2] = _stream("stderr", config._stderr)
            # the same streams for the store's WASI 0.2 context, if it gets
            # one (taken by take_stdio_for_wasi2): made now, before the guest
            # can close or renumber 0, 1, 2. Opening the files again would
            # truncate what was written here, and write at an offset of its own.
            self._stdio_for_wasi2: Optional[tuple] = None
            self._stdio_for_wasi2 = tuple(duplicate_stream(self.fds[fd]) for fd in (0, 1, 2))
            for p in config._preopens:
                e = Entry("dir")
                e.hostfd = os.open(p.host_path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
                e.owns_fd = True
                e.filetype = DIRECTORY
                e.readable = True
                e.root = p.host_path
                e.preopen_name = p.guest_path.encode("utf-8")
                e.dir_perms = p.dir_perms
                e.file_perms = p.file_perms
                self.fds[len(self.fds)] = e
        except OSError as exc:
            self.close()
            raise WasmtimeError(f"failed to set up WASI: {exc}") from None
        except BaseException:
            self.close()
            raise
        config._consumed = True

    # -- descriptors -------------------------------------------------------------

    def get(self, fd: int) -> Entry:
        e = self.fds.get(fd)
        if e is None:
            raise WasiError(EBADF)
        return e

    def push(self, entry: Entry) -> int:
        """Give ``entry`` the lowest free descriptor number."""
        fd = 0
        fds = self.fds
        while fd in fds:
            fd += 1
        fds[fd] = entry
        return fd

    def remove(self, fd: int) -> Entry:
        e = self.fds.pop(fd, None)
        if e is None:
            raise WasiError(EBADF)
        return e

    def take_stdio_for_wasi2(self) -> Optional[tuple]:
        """(stdin, stdout, stderr) entries on this context's standard
        streams, for the store's Wasi2Context, which then owns them; None
        once taken or closed."""
        stdio, self._stdio_for_wasi2 = getattr(self, "_stdio_for_wasi2", None), None
        return stdio

    def close(self) -> None:
        for e in self.fds.values():
            e.close()
        self.fds.clear()
        for e in self.take_stdio_for_wasi2() or ():
            e.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    # -- guest memory ----------------------------------------------------------

    def guest(self, memory) -> Guest:
        """The runtime memory ``memory`` at its current size, for one call
        (its budget full)."""
        n = memory.data_len
        if memory is not self._mem or n != self._mem_len:
            self._guest = Guest(view_of(memory.base, n))
            self._mem = memory
            self._mem_len = n
        g = self._guest
        g.budget = HOSTCALL_BUDGET
        return g

    # -- output to streams ---------------------------------------------------

    @staticmethod
    def write_stream(entry: Entry, data: bytes) -> int:
        cfg = entry.stdio
        if cfg.kind == "null":
            return len(data)
        if cfg.kind == "custom":
            r = cfg.callback(data)
            return len(data) if r is None else int(r)
        if entry.hostfd in (1, 2) and cfg.kind == "inherit":
            stream = sys.stdout if entry.hostfd == 1 else sys.stderr
            try:
                stream.flush()
            except Exception:
                pass
        if not data:
            return 0
        done = os.write(entry.hostfd, data)
        if done < len(data):            # a short write: the rest goes after
            view = memoryview(data)
            while done < len(data):
                done += os.write(entry.hostfd, view[done:])
        return done
