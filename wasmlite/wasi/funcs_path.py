"""path_*: opening, creating, removing, renaming, linking and stat-ing by
path, always inside a preopened directory (sandbox.resolve)."""
from __future__ import annotations

import os
import stat as _stat

from .config import DirPerms, FilePerms
from .errno import (EBADF, EINVAL, EISDIR, ENOTDIR, ENOTEMPTY, ENOTSUP, EPERM, SUCCESS,
                    WasiError)
from .fdtable import DIRECTORY, Entry, filetype_of_mode
from .funcs_fd import filestat_bytes, utime_args, write_filestat
from .memory import U32, read_str, write_bytes
from .sandbox import resolve
from .witx import (APPEND, DSYNC, NONBLOCK, O_CREAT, O_DIRECTORY, O_EXCL, O_TRUNC, R, RSYNC,
                   SYMLINK_FOLLOW, SYNC)


def _dir(ctx, fd) -> Entry:
    e = ctx.get(fd)
    if e.kind != "dir":
        raise WasiError(ENOTDIR if e.kind == "file" else EBADF)
    return e


def _path(ctx, m, fd, ptr, n, follow=False):
    """(directory entry, host path, components below its preopen)."""
    d = _dir(ctx, fd)
    text = read_str(m, ptr, n)
    host, rel = resolve(d.root, d.rel, text, follow)
    return d, host, rel


def _mutate(d: Entry) -> None:
    if not d.dir_perms & DirPerms.WRITE_ONLY:
        raise WasiError(EPERM)


def _read_dir(d: Entry) -> None:
    if not d.dir_perms & DirPerms.READ_ONLY:
        raise WasiError(EPERM)


def path_open(ctx, m, fd, dirflags, path, path_len, oflags, rights_base,
              rights_inheriting, fdflags, opened):
    # the flags and rights hold only defined bits (witx.py checked them)
    d = _dir(ctx, fd)
    text = read_str(m, path, path_len)
    if fdflags & (DSYNC | RSYNC | SYNC):
        # as Wasmtime: synchronous I/O is not supported, whatever the path names
        raise WasiError(ENOTSUP)
    host, rel = resolve(d.root, d.rel, text, bool(dirflags & SYMLINK_FOLLOW))
    read = bool(rights_base & (R["FD_READ"] | R["FD_READDIR"]))
    write = bool(rights_base & (R["FD_WRITE"] | R["FD_ALLOCATE"] | R["FD_FILESTAT_SET_SIZE"])) \
        or bool(fdflags & APPEND) or bool(oflags & O_TRUNC)
    if oflags & O_CREAT:
        _mutate(d)
    if write and not d.file_perms & FilePerms.WRITE_ONLY:
        raise WasiError(EPERM)
    if read and not d.file_perms & FilePerms.READ_ONLY and not oflags & O_DIRECTORY:
        raise WasiError(EPERM)
    if oflags & O_DIRECTORY and write:
        raise WasiError(EISDIR if not oflags & (O_CREAT | O_EXCL | O_TRUNC) else EINVAL)
    flags = os.O_CLOEXEC | os.O_NOFOLLOW
    flags |= os.O_RDWR if read and write else os.O_WRONLY if write else os.O_RDONLY
    if oflags & O_CREAT:
        flags |= os.O_CREAT
    if oflags & O_EXCL:
        flags |= os.O_EXCL
    if oflags & O_TRUNC:
        flags |= os.O_TRUNC
    if oflags & O_DIRECTORY:
        flags |= os.O_DIRECTORY
    if fdflags & APPEND:
        flags |= os.O_APPEND
    if fdflags & NONBLOCK:
        flags |= os.O_NONBLOCK
    hostfd = os.open(host, flags, 0o666)
    try:
        st = os.fstat(hostfd)
    except BaseException:
        os.close(hostfd)
        raise
    e = Entry("dir" if _stat.S_ISDIR(st.st_mode) else "file")
    e.hostfd = hostfd
    e.owns_fd = True
    e.root = d.root
    e.dir_perms = d.dir_perms
    e.file_perms = d.file_perms
    if e.kind == "dir":
        e.filetype = DIRECTORY
        # a root of its own, as in Wasmtime (cap-std): ``..`` from it and
        # links climbing out of it are refused even inside the preopen
        e.root = os.path.join(d.root, *rel)
        e.readable = True
    else:
        e.filetype = filetype_of_mode(st.st_mode)
        e.readable = read or not write
        e.writable = write
        e.fdflags = fdflags & (APPEND | NONBLOCK)
    new = ctx.push(e)
    try:
        U32.pack_into(m, opened, new)
    except BaseException:
        ctx.remove(new).close()
        raise
    return SUCCESS


def path_create_directory(ctx, m, fd, path, path_len):
    d, host, _ = _path(ctx, m, fd, path, path_len)
    _mutate(d)
    os.mkdir(host.rstrip("/") or host, 0o777)
    return SUCCESS


def path_remove_directory(ctx, m, fd, path, path_len):
    d, host, rel = _path(ctx, m, fd, path, path_len)
    _mutate(d)
    last = read_str(m, path, path_len).rstrip("/").rsplit("/", 1)[-1]
    if last == "." or not rel:
        raise WasiError(EINVAL)         # as rmdir("x/."); never the preopen itself
    if last == "..":
        raise WasiError(ENOTEMPTY)
    os.rmdir(host)
    return SUCCESS


def path_unlink_file(ctx, m, fd, path, path_len):
    d, host, _ = _path(ctx, m, fd, path, path_len)
    _mutate(d)
    if host.endswith("/"):
        raise WasiError(ENOTDIR if not os.path.isdir(host) else EISDIR)
    if os.path.isdir(host) and not os.path.islink(host):
        raise WasiError(EISDIR)
    os.unlink(host)
    return SUCCESS


def path_filestat_get(ctx, m, fd, flags, path, path_len, out):
    d, host, _ = _path(ctx, m, fd, path, path_len, bool(flags & SYMLINK_FOLLOW))
    _read_dir(d)
    st = os.stat(host, follow_symlinks=False)
    write_filestat(m, out, *filestat_bytes(st))
    return SUCCESS


def path_filestat_set_times(ctx, m, fd, flags, path, path_len, atim, mtim, fst_flags):
    d, host, _ = _path(ctx, m, fd, path, path_len, bool(flags & SYMLINK_FOLLOW))
    _mutate(d)
    ns = utime_args(lambda: os.stat(host, follow_symlinks=False), atim, mtim, fst_flags)
    os.utime(host, ns=ns, follow_symlinks=False)
    return SUCCESS


def path_link(ctx, m, old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len):
    od, src, _ = _path(ctx, m, old_fd, old_path, old_len, bool(old_flags & SYMLINK_FOLLOW))
    nd, dst, _ = _path(ctx, m, new_fd, new_path, new_len)
    _mutate(nd)
    if dst.endswith("/") or src.endswith("/"):
        raise WasiError(ENOTDIR if not os.path.isdir(src) else EPERM)
    os.link(src, dst, follow_symlinks=False)
    return SUCCESS


def path_rename(ctx, m, fd, old_path, old_len, new_fd, new_path, new_len):
    od, src, _ = _path(ctx, m, fd, old_path, old_len)
    nd, dst, _ = _path(ctx, m, new_fd, new_path, new_len)
    _mutate(od)
    _mutate(nd)
    os.rename(src, dst)
    return SUCCESS


def path_symlink(ctx, m, old_path, old_len, fd, new_path, new_len):
    target = read_str(m, old_path, old_len)
    d, dst, _ = _path(ctx, m, fd, new_path, new_len)
    _mutate(d)
    if target.startswith("/"):
        raise WasiError(EPERM)
    if dst.endswith("/"):
        raise WasiError(ENOTDIR if not os.path.exists(dst) else EINVAL)
    os.symlink(target, dst)
    return SUCCESS


def path_readlink(ctx, m, fd, path, path_len, buf, buf_len, bufused):
    d, host, _ = _path(ctx, m, fd, path, path_len)
    _read_dir(d)
    target = os.fsencode(os.readlink(host))
    if target.startswith(b"/"):
        raise WasiError(EPERM)          # as Wasmtime: never reveal a host path
    target = target[:buf_len]
    write_bytes(m, buf, target)
    U32.pack_into(m, bufused, len(target))
    return SUCCESS
