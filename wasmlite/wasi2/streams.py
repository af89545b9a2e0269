"""wasi:io/streams' input and output streams, and wasi:io/error's error.

Streams here never buffer: ``write`` writes at once (so ``flush`` has
nothing left to do but report an earlier failure), and ``check-write``
reports the most one ``write`` may carry: 64 KiB, Wasmtime's budget for
files and the standard streams alike. A read returns at most 64 KiB
(Wasmtime's MAX_READ_SIZE_ALLOC). Files are always ready; only inherited
stdin can make a reader wait.

A failed operation raises ``StreamClosed`` or ``StreamFailed(oserror)``;
funcs_io.py turns them into the ``stream-error`` variant.
"""
from __future__ import annotations

import errno as _errno
import os
import select
from typing import Optional

from ..errors import WasmtimeError
from ..wasi.fdtable import Entry, WasiContext
from .pollables import READY, FdReadable, Readiness
from .resources import HostResource

__all__ = ["MAX_READ", "BLOCKING_LIMIT", "StreamClosed", "StreamFailed", "IoError",
           "InputStream", "OutputStream", "StdinStream", "StdioOutputStream",
           "FileInputStream", "FileOutputStream", "SharedFd"]

MAX_READ = 64 * 1024
WRITE_BUDGET = 64 * 1024
BLOCKING_LIMIT = 4096          # blocking-write-and-flush's most, as the spec allows


class StreamClosed(Exception):
    """The stream is closed (end of input, or an output that failed before)."""


class StreamFailed(Exception):
    """The last operation failed with ``exc`` (an OSError)."""

    def __init__(self, exc: BaseException) -> None:
        super().__init__(exc)
        self.exc = exc


class SharedFd:
    """A host descriptor shared by a filesystem descriptor and the streams
    made from it; closed when the last of them lets go."""

    __slots__ = ("fd", "refs")

    def __init__(self, fd: int) -> None:
        self.fd: Optional[int] = fd
        self.refs = 1

    def acquire(self) -> "SharedFd":
        self.refs += 1
        return self

    def release(self) -> None:
        self.refs -= 1
        if self.refs <= 0:
            self._close()

    def _close(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            try:
                os.close(fd)
            except OSError:
                pass

    def __del__(self) -> None:
        # nothing holds it any more (handles never dropped, say at the end
        # of a store): the host descriptor goes with it
        self._close()


# Rust's io::ErrorKind names, for to-debug-string in Wasmtime's words
_KINDS = {
    "ENOENT": "NotFound", "EACCES": "PermissionDenied", "EPERM": "PermissionDenied",
    "EPIPE": "BrokenPipe", "EEXIST": "AlreadyExists", "EAGAIN": "WouldBlock",
    "EINVAL": "InvalidInput", "EINTR": "Interrupted", "ENOTDIR": "NotADirectory",
    "EISDIR": "IsADirectory", "ENOSPC": "StorageFull", "ESPIPE": "NotSeekable",
    "EROFS": "ReadOnlyFilesystem", "EFBIG": "FileTooLarge", "ENOTEMPTY": "DirectoryNotEmpty",
    "ECONNRESET": "ConnectionReset", "ENOMEM": "OutOfMemory",
}


class IoError(HostResource):
    """wasi:io/error's ``error``: what made a stream operation fail."""

    __slots__ = ("exc",)

    def __init__(self, exc: BaseException) -> None:
        super().__init__()
        self.exc = exc

    def debug_string(self) -> str:
        e = self.exc
        if isinstance(e, OSError) and e.errno:
            kind = _KINDS.get(_errno.errorcode.get(e.errno, ""), "Uncategorized")
            return f'Os {{ code: {e.errno}, kind: {kind}, message: "{os.strerror(e.errno)}" }}'
        return str(e)


class InputStream(HostResource):
    """Base: ``read`` returns what is available now (maybe nothing),
    ``blocking_read`` waits for at least one byte."""

    __slots__ = ()

    def read(self, n: int) -> bytes:
        raise NotImplementedError

    def blocking_read(self, n: int) -> bytes:
        return self.read(n)

    def readiness(self) -> Readiness:
        return READY


class OutputStream(HostResource):
    """Base: ``check_write`` is the budget of the next ``write``."""

    __slots__ = ()
    budget = WRITE_BUDGET

    def check_write(self) -> int:
        return self.budget

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def flush(self) -> None:
        pass

    def readiness(self) -> Readiness:
        return READY

    def _check_budget(self, data: bytes) -> None:
        if len(data) > self.budget:
            # the guest must ask check-write first; Wasmtime traps on this
            raise WasmtimeError("write exceeded budget")


class StdinStream(InputStream):
    """The guest's stdin: WasiConfig's stdin (nothing, a file, or the
    process's own, inherited)."""

    __slots__ = ("entry",)

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def _fd(self) -> int:
        e = self.entry
        if e.stdio.kind not in ("inherit", "file") or e.hostfd is None:
            raise StreamClosed()
        return e.hostfd

    def read(self, n: int) -> bytes:
        fd = self._fd()
        if n == 0:
            return b""
        if self.entry.stdio.kind == "inherit":
            try:
                ready, _, _ = select.select([fd], [], [], 0)
            except (OSError, ValueError):
                ready = [fd]
            if not ready:
                return b""              # nothing typed yet
        return self._read(fd, n)

    def blocking_read(self, n: int) -> bytes:
        fd = self._fd()
        return self._read(fd, n) if n else b""

    @staticmethod
    def _read(fd: int, n: int) -> bytes:
        try:
            data = os.read(fd, min(n, MAX_READ))
        except OSError as exc:
            raise StreamFailed(exc) from None
        if not data:
            raise StreamClosed()
        return data

    def readiness(self) -> Readiness:
        e = self.entry
        if e.stdio.kind == "inherit" and e.hostfd is not None:
            return FdReadable(e.hostfd)
        return READY


class StdioOutputStream(OutputStream):
    """The guest's stdout or stderr, going where WasiConfig says (nowhere,
    a file, a Python callback, or the process's own), as in preview 1."""

    __slots__ = ("entry",)

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def write(self, data: bytes) -> None:
        self._check_budget(data)
        e = self.entry
        if e.stdio.kind in ("inherit", "file") and e.hostfd is None:
            raise StreamClosed()
        if not data:
            return
        try:
            WasiContext.write_stream(e, bytes(data))
        except OSError as exc:
            raise StreamFailed(exc) from None


class FileInputStream(InputStream):
    """``read-via-stream``: reads a file from an offset on."""

    __slots__ = ("shared", "position")

    def __init__(self, shared: SharedFd, position: int) -> None:
        super().__init__()
        self.shared = shared.acquire()
        self.position = position

    def read(self, n: int) -> bytes:
        fd = self.shared.fd
        if fd is None:
            raise StreamClosed()
        if n == 0:
            return b""
        try:
            data = os.pread(fd, min(n, MAX_READ), self.position)
        except (OSError, OverflowError) as exc:
            raise StreamFailed(exc if isinstance(exc, OSError)
                               else OSError(_errno.EINVAL, os.strerror(_errno.EINVAL))) from None
        if not data:
            raise StreamClosed()
        self.position += len(data)
        return data

    def _release(self) -> None:
        self.shared.release()


class FileOutputStream(OutputStream):
    """``write-via-stream`` (from an offset on) or ``append-via-stream``
    (``position`` None). As Wasmtime's, a failed write is reported by the
    next check-write or flush, and the stream is closed from then on."""

    __slots__ = ("shared", "position", "failed", "closed")

    def __init__(self, shared: SharedFd, position: Optional[int]) -> None:
        super().__init__()
        self.shared = shared.acquire()
        self.position = position
        self.failed: Optional[BaseException] = None
        self.closed = False

    def _report(self) -> None:
        if self.failed is not None:
            exc, self.failed = self.failed, None
            self.closed = True
            raise StreamFailed(exc)
        if self.closed or self.shared.fd is None:
            raise StreamClosed()

    def check_write(self) -> int:
        self._report()
        return self.budget

    def flush(self) -> None:
        self._report()

    def write(self, data: bytes) -> None:
        if self.closed or self.shared.fd is None:
            raise StreamClosed()
        if self.failed is not None:
            raise WasmtimeError("write not permitted: check_write not called first")
        self._check_budget(data)
        if not data:
            return
        try:
            self._write_all(memoryview(bytes(data)))
        except OSError as exc:
            self.failed = exc
        except OverflowError:
            self.failed = OSError(_errno.EINVAL, os.strerror(_errno.EINVAL))

    def _write_all(self, view: memoryview) -> None:
        fd = self.shared.fd
        while len(view):
            if self.position is None:
                n = _append(fd, view)
            else:
                n = os.pwrite(fd, view, self.position)
                self.position += n
            view = view[n:]

    def _release(self) -> None:
        self.shared.release()


def _append(fd: int, data: memoryview) -> int:
    """Write at the end of the file whatever its descriptor's mode."""
    flag = getattr(os, "RWF_APPEND", None)
    if flag is not None:
        try:
            return os.pwritev(fd, [data], 0, flag)
        except OSError as exc:
            if exc.errno not in (_errno.ENOSYS, _errno.ENOTSUP, _errno.EOPNOTSUPP, _errno.EINVAL):
                raise
    import fcntl
    old = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, old | os.O_APPEND)
    try:
        return os.write(fd, data)
    finally:
        fcntl.fcntl(fd, fcntl.F_SETFL, old)
