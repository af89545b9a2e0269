"""WASI errno values and the mapping from host errors.

``WasiError(errno)`` is raised inside the WASI functions and becomes the
function's return value; host ``OSError``s are translated by name (WASI's
errno names are POSIX's without the leading E).
"""
from __future__ import annotations

import errno as _host

# wasi_snapshot_preview1 errno, in numbering order (0 = success)
_NAMES = """SUCCESS 2BIG ACCES ADDRINUSE ADDRNOTAVAIL AFNOSUPPORT AGAIN ALREADY BADF
BADMSG BUSY CANCELED CHILD CONNABORTED CONNREFUSED CONNRESET DEADLK DESTADDRREQ DOM
DQUOT EXIST FAULT FBIG HOSTUNREACH IDRM ILSEQ INPROGRESS INTR INVAL IO ISCONN ISDIR
LOOP MFILE MLINK MSGSIZE MULTIHOP NAMETOOLONG NETDOWN NETRESET NETUNREACH NFILE
NOBUFS NODEV NOENT NOEXEC NOLCK NOLINK NOMEM NOMSG NOPROTOOPT NOSPC NOSYS NOTCONN
NOTDIR NOTEMPTY NOTRECOVERABLE NOTSOCK NOTSUP NOTTY NXIO OVERFLOW OWNERDEAD PERM
PIPE PROTO PROTONOSUPPORT PROTOTYPE RANGE ROFS SPIPE SRCH STALE TIMEDOUT TXTBSY XDEV
NOTCAPABLE""".split()
CODES: dict[str, int] = {name: i for i, name in enumerate(_NAMES)}

SUCCESS = 0
E2BIG = CODES["2BIG"]
EACCES = CODES["ACCES"]
EAGAIN = CODES["AGAIN"]
EBADF = CODES["BADF"]
EEXIST = CODES["EXIST"]
EFAULT = CODES["FAULT"]
EFBIG = CODES["FBIG"]
EILSEQ = CODES["ILSEQ"]
EINVAL = CODES["INVAL"]
EIO = CODES["IO"]
EISDIR = CODES["ISDIR"]
ELOOP = CODES["LOOP"]
ENAMETOOLONG = CODES["NAMETOOLONG"]
ENOENT = CODES["NOENT"]
ENOMEM = CODES["NOMEM"]
ENOSYS = CODES["NOSYS"]
ENOTDIR = CODES["NOTDIR"]
ENOTEMPTY = CODES["NOTEMPTY"]
ENOTSOCK = CODES["NOTSOCK"]
ENOTSUP = CODES["NOTSUP"]
EOVERFLOW = CODES["OVERFLOW"]
EPERM = CODES["PERM"]
ESPIPE = CODES["SPIPE"]
EXDEV = CODES["XDEV"]
ENOTCAPABLE = CODES["NOTCAPABLE"]


class WasiError(Exception):
    """Ends a WASI call with ``errno`` as its result."""

    __slots__ = ("errno",)

    def __init__(self, errno: int) -> None:
        self.errno = errno


_ALIASES = {"EWOULDBLOCK": EAGAIN, "EOPNOTSUPP": ENOTSUP, "EDEADLOCK": CODES["DEADLK"]}


def _host_table() -> dict[int, int]:
    table = {}
    for code, name in _host.errorcode.items():
        wasi = _ALIASES.get(name, CODES.get(name[1:]))
        table[code] = EIO if wasi is None else wasi
    for name, wasi in _ALIASES.items():
        code = getattr(_host, name, None)
        if code is not None:
            table[code] = wasi
    return table


_FROM_HOST = _host_table()


def from_oserror(exc: OSError) -> int:
    """The WASI errno for a host error (EIO for one WASI has no name for)."""
    return _FROM_HOST.get(exc.errno, EIO) if exc.errno else EIO
