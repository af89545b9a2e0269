"""fd_*: reading, writing, seeking and describing open descriptors."""
from __future__ import annotations

import fcntl
import os

from .errno import (EBADF, EINVAL, ENAMETOOLONG, ENOTDIR, ENOTSUP, EPERM, ESPIPE,
                    SUCCESS, WasiError)
from .fdtable import DIRECTORY, filetype_of_mode
from .memory import FDSTAT, FILESTAT, PRESTAT, U32, U64
from .witx import (ALL_RIGHTS, APPEND, ATIM, ATIM_NOW, MTIM, MTIM_NOW, NONBLOCK, R,
                   SEEK_CUR, SEEK_END, SEEK_SET)
import struct

# structs are written field by field (memory.py's layouts): padding bytes
# are left as they were, as Wasmtime leaves them; a dirent is a byte array
DIRENT = struct.Struct("<QQIBxxx")            # d_next, d_ino, d_namlen, d_type

# the rights fd_fdstat_get reports, as Wasmtime reports them: a directory's
# base and inheriting rights, a file's are all rights but reading or writing
# when it is not open for that, a stream's just reading or writing
DIR_RIGHTS = sum(R[n] for n in (
    "PATH_CREATE_DIRECTORY PATH_CREATE_FILE PATH_LINK_SOURCE PATH_LINK_TARGET PATH_OPEN "
    "FD_READDIR PATH_READLINK PATH_RENAME_SOURCE PATH_RENAME_TARGET PATH_FILESTAT_GET "
    "PATH_FILESTAT_SET_TIMES FD_FILESTAT_GET FD_FILESTAT_SET_TIMES PATH_SYMLINK "
    "PATH_REMOVE_DIRECTORY PATH_UNLINK_FILE").split())
DIR_INHERITING = ALL_RIGHTS & ~(R["PATH_FILESTAT_SET_SIZE"] | R["SOCK_SHUTDOWN"]
                                | R["SOCK_ACCEPT"])


def write_filestat(g, ptr, dev, ino, filetype, nlink, size, atim, mtim, ctim) -> None:
    g.put(FILESTAT, ptr, (dev, ino, filetype, nlink, size, atim, mtim, ctim), "write filestat")


def _file(ctx, fd):
    """A descriptor that is not a directory (EBADF for a directory)."""
    e = ctx.get(fd)
    if e.kind == "dir":
        raise WasiError(EBADF)
    return e


# The I/O functions take the first non-empty iovec (memory.first_iovec)
# before they look at the descriptor, and check its bounds where Wasmtime
# does: a write's buffer before the bytes go out; fd_read's (a file) before
# reading; fd_pread's, and a stream's read, only for the bytes read.

def _stream_or_file(ctx, fd, way: str):
    """The descriptor of fd_read ("readable") or fd_write ("writable"): a
    file, or a standard stream going that way (EBADF otherwise)."""
    e = ctx.get(fd)
    if e.kind == "dir" or e.kind != "file" and not getattr(e, way):
        raise WasiError(EBADF)
    return e


def fd_write(ctx, g, fd, iovs, iovs_len, nwritten):
    buf, size = g.first_iovec(iovs, iovs_len)
    e = _stream_or_file(ctx, fd, "writable")
    data = g.span(buf, size).tobytes()
    if e.kind == "file":
        if not e.writable:
            raise WasiError(EBADF)
        n = os.write(e.hostfd, data) if data else 0
    else:
        n = ctx.write_stream(e, data)
    g.result(U32, nwritten, n, "write size")
    return SUCCESS


def _positioned(ctx, fd, stream_kinds: tuple[str, ...]):
    """The file of a pread/pwrite: a regular file; the standard stream
    ``stream_kinds`` (stdin for pread, stdout/stderr for pwrite) are ESPIPE,
    anything else EBADF."""
    e = ctx.get(fd)
    if e.kind == "file":
        return e
    if e.kind in stream_kinds:
        raise WasiError(ESPIPE)
    raise WasiError(EBADF)


def _host_offset(offset: int) -> int:
    if offset >= 1 << 63:
        raise WasiError(EINVAL)         # beyond any host file offset (off_t)
    return offset


def fd_pwrite(ctx, g, fd, iovs, iovs_len, offset, nwritten):
    buf, size = g.first_iovec(iovs, iovs_len)
    e = _positioned(ctx, fd, ("stdout", "stderr"))
    data = g.span(buf, size).tobytes()
    offset = _host_offset(offset)
    if not e.writable:
        raise WasiError(EBADF)
    n = os.pwrite(e.hostfd, data, offset) if data else 0
    g.result(U32, nwritten, n, "write size")
    return SUCCESS


def _read_stream(e, size: int) -> bytes:
    if e.stdio.kind in ("null", "custom") or e.hostfd is None:
        return b""
    return os.read(e.hostfd, size)


def fd_read(ctx, g, fd, iovs, iovs_len, nread):
    buf, size = g.first_iovec(iovs, iovs_len)
    e = _stream_or_file(ctx, fd, "readable")
    if e.kind == "file":
        into = g.span(buf, size)
        if not e.readable:
            raise WasiError(EBADF)
        n = os.readv(e.hostfd, [into]) if size else 0
    else:
        data = _read_stream(e, size) if size else b""
        n = len(data)
        g.write_bytes(buf, data)
    g.result(U32, nread, n, "write size")
    return SUCCESS


def fd_pread(ctx, g, fd, iovs, iovs_len, offset, nread):
    buf, size = g.first_iovec(iovs, iovs_len)
    e = _positioned(ctx, fd, ("stdin",))
    offset = _host_offset(offset)
    if not e.readable:
        raise WasiError(EBADF)
    data = os.pread(e.hostfd, size, offset) if size else b""
    g.write_bytes(buf, data)
    g.result(U32, nread, len(data), "write size")
    return SUCCESS


def fd_seek(ctx, g, fd, offset, whence, newoffset):
    e = _file(ctx, fd)
    if e.kind != "file":
        raise WasiError(ESPIPE)
    if offset >= 1 << 63:
        offset -= 1 << 64               # the offset is signed
    # whence was checked on the way in (witx.py)
    host = {SEEK_SET: os.SEEK_SET, SEEK_CUR: os.SEEK_CUR, SEEK_END: os.SEEK_END}[whence]
    pos = os.lseek(e.hostfd, offset, host)
    g.result(U64, newoffset, pos, "write filesize")
    return SUCCESS


def fd_tell(ctx, g, fd, out):
    e = _file(ctx, fd)
    if e.kind != "file":
        raise WasiError(ESPIPE)
    g.result(U64, out, os.lseek(e.hostfd, 0, os.SEEK_CUR), "write filesize")
    return SUCCESS


def fd_close(ctx, g, fd):
    ctx.remove(fd).close()
    return SUCCESS


def fd_renumber(ctx, g, fd, to):
    e = ctx.get(fd)
    ctx.get(to)
    if fd != to:
        ctx.fds.pop(to).close()
        ctx.fds[to] = ctx.fds.pop(fd)
    del e
    return SUCCESS


def _rights(e) -> tuple[int, int]:
    if e.kind == "dir":
        return DIR_RIGHTS, DIR_INHERITING
    if e.kind != "file":
        r = R["FD_READ"] if e.readable else R["FD_WRITE"]
        return r, r
    base = ALL_RIGHTS
    if not e.readable:
        base &= ~R["FD_READ"]
    if not e.writable:
        base &= ~R["FD_WRITE"]
    return base, base


def fd_fdstat_get(ctx, g, fd, out):
    e = ctx.get(fd)
    base, inheriting = _rights(e)
    g.put(FDSTAT, out, (e.filetype, e.fdflags, base, inheriting), "write fdstat")
    return SUCCESS


def fd_fdstat_set_flags(ctx, g, fd, flags):
    e = ctx.get(fd)
    if e.kind != "file":
        raise WasiError(EBADF)
    if flags & ~(APPEND | NONBLOCK):
        raise WasiError(EINVAL)         # defined flags (witx.py) a file cannot change
    host = fcntl.fcntl(e.hostfd, fcntl.F_GETFL)
    host &= ~(os.O_APPEND | os.O_NONBLOCK)
    if flags & APPEND:
        host |= os.O_APPEND
    if flags & NONBLOCK:
        host |= os.O_NONBLOCK
    fcntl.fcntl(e.hostfd, fcntl.F_SETFL, host)
    e.fdflags = (e.fdflags & ~(APPEND | NONBLOCK)) | flags
    return SUCCESS


def fd_fdstat_set_rights(ctx, g, fd, base, inheriting):
    ctx.get(fd)
    raise WasiError(ENOTSUP)


def fd_advise(ctx, g, fd, offset, length, advice):
    # advice was checked on the way in (witx.py)
    e = _file(ctx, fd)
    if e.kind != "file":
        raise WasiError(EBADF)
    if length >= 1 << 63:
        raise WasiError(EINVAL)         # as Wasmtime: a length is signed to the host
    return SUCCESS


def fd_allocate(ctx, g, fd, offset, length):
    _file(ctx, fd)
    raise WasiError(ENOTSUP)


def fd_datasync(ctx, g, fd):
    e = ctx.get(fd)
    if e.kind == "file":
        os.fdatasync(e.hostfd)
    elif e.kind != "dir":
        raise WasiError(EBADF)
    return SUCCESS


def fd_sync(ctx, g, fd):
    e = ctx.get(fd)
    if e.kind == "file":
        os.fsync(e.hostfd)
    elif e.kind != "dir":
        raise WasiError(EBADF)
    return SUCCESS


def filestat_bytes(st, filetype=None) -> tuple:
    # as Wasmtime, whose filesystem is one device to the guest: dev is 1
    return (1, st.st_ino, filetype_of_mode(st.st_mode) if filetype is None else filetype,
            st.st_nlink, st.st_size, st.st_atime_ns, st.st_mtime_ns, st.st_ctime_ns)


def fd_filestat_get(ctx, g, fd, out):
    e = ctx.get(fd)
    if e.kind in ("file", "dir"):
        write_filestat(g, out, *filestat_bytes(os.fstat(e.hostfd)))
    else:
        write_filestat(g, out, 0, 0, e.filetype, 0, 0, 0, 0, 0)
    return SUCCESS


def fd_filestat_set_size(ctx, g, fd, size):
    e = _file(ctx, fd)
    if e.kind != "file":
        raise WasiError(EBADF)
    if not e.file_perms & 2:
        raise WasiError(EPERM)
    if not e.writable:
        raise WasiError(EINVAL)
    if size >= 1 << 63:
        raise WasiError(EINVAL)         # beyond any host file size (off_t)
    os.ftruncate(e.hostfd, size)
    return SUCCESS


def check_fst_flags(flags: int) -> None:
    # only defined bits arrive (witx.py); a time both given and "now" is refused
    if (flags & ATIM and flags & ATIM_NOW) or (flags & MTIM and flags & MTIM_NOW):
        raise WasiError(EINVAL)


def utime_args(st_now, atim, mtim, flags):
    """``os.utime``'s ns pair for fst flags."""
    check_fst_flags(flags)
    import time
    now = time.time_ns()
    st = st_now()
    a = atim if flags & ATIM else now if flags & ATIM_NOW else st.st_atime_ns
    mt = mtim if flags & MTIM else now if flags & MTIM_NOW else st.st_mtime_ns
    return a, mt


def fd_filestat_set_times(ctx, g, fd, atim, mtim, flags):
    e = ctx.get(fd)
    if e.kind not in ("file", "dir"):
        raise WasiError(EBADF)
    check_fst_flags(flags)
    if e.kind == "file" and not e.file_perms & 2 or e.kind == "dir" and not e.dir_perms & 2:
        raise WasiError(EPERM)
    ns = utime_args(lambda: os.fstat(e.hostfd), atim, mtim, flags)
    os.utime(e.hostfd, ns=ns)
    return SUCCESS


def fd_prestat_get(ctx, g, fd, out):
    e = ctx.get(fd)
    if e.preopen_name is None:
        raise WasiError(EBADF)
    g.put(PRESTAT, out, (0, len(e.preopen_name)), "write prestat")
    return SUCCESS


def fd_prestat_dir_name(ctx, g, fd, path, path_len):
    e = ctx.get(fd)
    if e.preopen_name is None:
        raise WasiError(ENOTDIR)        # as Wasmtime: any open descriptor not preopened
    name = e.preopen_name
    if len(name) > path_len:
        raise WasiError(ENAMETOOLONG)
    g.write_bytes(path, name)
    return SUCCESS


def fd_readdir(ctx, g, fd, buf, buf_len, cookie, bufused):
    e = ctx.get(fd)
    if e.kind != "dir":
        raise WasiError(EBADF)
    if not e.dir_perms & 1:
        raise WasiError(EPERM)
    st = os.fstat(e.hostfd)
    entries = [(b".", st.st_ino, DIRECTORY)]
    try:
        parent = os.stat(os.path.dirname(e.host_path.rstrip("/")) or "/")
        entries.append((b"..", parent.st_ino, DIRECTORY))
    except OSError:
        entries.append((b"..", 0, DIRECTORY))
    with os.scandir(e.hostfd) as it:
        for d in it:
            try:
                ft = filetype_of_mode(d.stat(follow_symlinks=False).st_mode)
            except OSError:
                ft = 0
            entries.append((os.fsencode(d.name), d.inode(), ft))
    # each dirent then its name, written as they come (a buffer past the
    # end of memory fails at the first write that does not fit), cut at
    # ``buf_len``
    cap = buf_len
    for i in range(cookie, len(entries)):
        name, ino, ft = entries[i]
        for part in (DIRENT.pack(i + 1, ino, len(name), ft), name):
            part = part[:cap]
            g.write_bytes(buf, part)
            buf += len(part)
            cap -= len(part)
            if cap == 0:
                break
        if cap == 0:
            break
    g.result(U32, bufused, buf_len - cap, "write size")
    return SUCCESS
