"""The error-code enums of wasi:filesystem and wasi:sockets, and which
case a host failure becomes, as Wasmtime chooses them.

Filesystem: a host errno Wasmtime names becomes that case, any other
``io`` (so EXDEV, EROFS, EDQUOT, ENOSYS ... are ``io`` in Wasmtime too).
The preview-1 sandbox (wasi/sandbox.py) raises preview-1 errnos; they
are translated by name through the same table, so an escape is
``not-permitted`` here exactly where preview 1 says EPERM.
Sockets: Wasmtime's own table (EPERM and EACCES are ``access-denied``).
"""
from __future__ import annotations

import errno as _host

from ..wasi.errno import CODES as _P1_CODES
from ..wasi.errno import WasiError

FS_ERROR_CODES = (
    "access", "would-block", "already", "bad-descriptor", "busy", "deadlock", "quota",
    "exist", "file-too-large", "illegal-byte-sequence", "in-progress", "interrupted",
    "invalid", "io", "is-directory", "loop", "too-many-links", "message-size",
    "name-too-long", "no-device", "no-entry", "no-lock", "insufficient-memory",
    "insufficient-space", "not-directory", "not-empty", "not-recoverable", "unsupported",
    "no-tty", "no-such-device", "overflow", "not-permitted", "pipe", "read-only",
    "invalid-seek", "text-file-busy", "cross-device")

# host errno name -> filesystem error-code (Wasmtime's from_raw_os_error)
_FS_BY_ERRNO_NAME = {
    "EPIPE": "pipe", "EPERM": "not-permitted", "ENOENT": "no-entry",
    "ENOMEM": "insufficient-memory", "EIO": "io", "EBADF": "bad-descriptor",
    "EBUSY": "busy", "EACCES": "access", "ENOTDIR": "not-directory",
    "EISDIR": "is-directory", "EINVAL": "invalid", "EEXIST": "exist",
    "EFBIG": "file-too-large", "ENOSPC": "insufficient-space", "ESPIPE": "invalid-seek",
    "EMLINK": "too-many-links", "ENAMETOOLONG": "name-too-long", "ENOTEMPTY": "not-empty",
    "ELOOP": "loop", "EOVERFLOW": "overflow", "EILSEQ": "illegal-byte-sequence",
    "ENOTSUP": "unsupported", "EOPNOTSUPP": "unsupported", "EALREADY": "already",
    "EINPROGRESS": "in-progress", "EINTR": "interrupted",
}
_FS_BY_ERRNO = {getattr(_host, name): code for name, code in _FS_BY_ERRNO_NAME.items()
                if hasattr(_host, name)}
_P1_NAME = {number: name for name, number in _P1_CODES.items()}

SOCKET_ERROR_CODES = (
    "unknown", "access-denied", "not-supported", "invalid-argument", "out-of-memory",
    "timeout", "concurrency-conflict", "not-in-progress", "would-block", "invalid-state",
    "new-socket-limit", "address-not-bindable", "address-in-use", "remote-unreachable",
    "connection-refused", "connection-reset", "connection-aborted", "datagram-too-large",
    "name-unresolvable", "temporary-resolver-failure", "permanent-resolver-failure")

_SOCKET_BY_ERRNO_NAME = {
    "EPERM": "access-denied", "EACCES": "access-denied", "EADDRINUSE": "address-in-use",
    "EADDRNOTAVAIL": "address-not-bindable", "ETIMEDOUT": "timeout",
    "ECONNREFUSED": "connection-refused", "ECONNRESET": "connection-reset",
    "ECONNABORTED": "connection-aborted", "EINVAL": "invalid-argument",
    "EHOSTUNREACH": "remote-unreachable", "EHOSTDOWN": "remote-unreachable",
    "ENETDOWN": "remote-unreachable", "ENETUNREACH": "remote-unreachable",
    "ENONET": "remote-unreachable", "EISCONN": "invalid-state", "ENOTCONN": "invalid-state",
    "EDESTADDRREQ": "invalid-state", "EMSGSIZE": "datagram-too-large",
    "ENOMEM": "out-of-memory", "ENOBUFS": "out-of-memory", "EOPNOTSUPP": "not-supported",
    "ENOPROTOOPT": "not-supported", "EPFNOSUPPORT": "not-supported",
    "EPROTONOSUPPORT": "not-supported", "EPROTOTYPE": "not-supported",
    "ESOCKTNOSUPPORT": "not-supported", "EAFNOSUPPORT": "not-supported",
}
_SOCKET_BY_ERRNO = {getattr(_host, name): code for name, code in _SOCKET_BY_ERRNO_NAME.items()
                    if hasattr(_host, name)}


def fs_code_of_errno(number: int) -> str:
    """The filesystem error-code for a host errno (``io`` if unnamed)."""
    return _FS_BY_ERRNO.get(number, "io")


def fs_code(exc: BaseException) -> str:
    """The filesystem error-code for a host OSError, a preview-1 WasiError
    (from the sandbox's path resolution) or a too-large offset."""
    if isinstance(exc, WasiError):
        name = _P1_NAME.get(exc.errno)
        number = getattr(_host, "E" + name, None) if name else None
        return "io" if number is None else fs_code_of_errno(number)
    if isinstance(exc, OSError):
        return fs_code_of_errno(exc.errno) if exc.errno else "io"
    if isinstance(exc, (OverflowError, ValueError)):
        return "invalid"                # an offset or time the host cannot take
    raise TypeError(f"no filesystem error-code for {exc!r}")


def socket_code(exc: BaseException) -> str:
    """The sockets error-code for a host OSError (``unknown`` if unnamed)."""
    if isinstance(exc, OSError) and exc.errno:
        return _SOCKET_BY_ERRNO.get(exc.errno, "unknown")
    if isinstance(exc, PermissionError):
        return "access-denied"
    if isinstance(exc, (OverflowError, ValueError)):
        return "invalid-argument"
    return "unknown"
