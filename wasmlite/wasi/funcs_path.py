"""path_*: opening, creating, removing, renaming, linking and stat-ing by
path, always inside a preopened directory (sandbox.resolve)."""
from __future__ import annotations

import os
import stat as _stat

from .config import DirPerms, FilePerms
from .errno import (EBADF, EINVAL, EISDIR, ENOTDIR, ENOTEMPTY, ENOTSUP, EPERM, SUCCESS,
                    WasiError)
from .fdtable import DIRECTORY, Entry, filetype_of_mode
from .funcs_fd import check_fst_flags, filestat_bytes, utime_args, write_filestat
from .memory import U32
from .sandbox import resolve
from .witx import (APPEND, DSYNC, NONBLOCK, O_CREAT, O_DIRECTORY, O_EXCL, O_TRUNC, R, RSYNC,
                   SYMLINK_FOLLOW, SYNC)


def _dir(ctx, fd) -> Entry:
    """A directory descriptor (EBADF for anything else, as Wasmtime)."""
    e = ctx.get(fd)
    if e.kind != "dir":
        raise WasiError(EBADF)
    return e


def _resolve(d: Entry, text: str, follow=False):
    """(host path, components below the preopen) of ``text`` in ``d``."""
    return resolve(d.root, d.rel, text, follow)


def _path(ctx, g, fd, ptr, n, follow=False, charged=True):
    """(directory entry, host path, components below its preopen, the
    guest's path): the descriptor is looked at before the path is read."""
    d = _dir(ctx, fd)
    text = g.read_str(ptr, n, charged)
    host, rel = _resolve(d, text, follow)
    return d, host, rel, text


def _mutate(d: Entry) -> None:
    if not d.dir_perms & DirPerms.WRITE_ONLY:
        raise WasiError(EPERM)


def _read_dir(d: Entry) -> None:
    if not d.dir_perms & DirPerms.READ_ONLY:
        raise WasiError(EPERM)


def path_open(ctx, g, fd, dirflags, path, path_len, oflags, rights_base,
              rights_inheriting, fdflags, opened):
    # the flags and rights hold only defined bits (witx.py checked them);
    # as Wasmtime, the path is read before the descriptor is looked at
    text = g.read_str(path, path_len)
    d = ctx.get(fd)
    if d.kind != "dir":
        raise WasiError(ENOTDIR if d.kind == "file" else EBADF)
    if fdflags & (DSYNC | RSYNC | SYNC):
        # as Wasmtime: synchronous I/O is not supported, whatever the path names
        raise WasiError(ENOTSUP)
    host, rel = _resolve(d, text, bool(dirflags & SYMLINK_FOLLOW))
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
    # as in Wasmtime, a result that cannot be written leaves the descriptor open
    g.result(U32, opened, ctx.push(e), "write fd")
    return SUCCESS


def path_create_directory(ctx, g, fd, path, path_len):
    d, host, _, _ = _path(ctx, g, fd, path, path_len)
    _mutate(d)
    os.mkdir(host.rstrip("/") or host, 0o777)
    return SUCCESS


def path_remove_directory(ctx, g, fd, path, path_len):
    d, host, rel, text = _path(ctx, g, fd, path, path_len)
    _mutate(d)
    last = text.rstrip("/").rsplit("/", 1)[-1]
    if last == "." or not rel:
        raise WasiError(EINVAL)         # as rmdir("x/."); never the preopen itself
    if last == "..":
        raise WasiError(ENOTEMPTY)
    os.rmdir(host)
    return SUCCESS


def path_unlink_file(ctx, g, fd, path, path_len):
    d, host, _, _ = _path(ctx, g, fd, path, path_len, charged=False)
    _mutate(d)
    if host.endswith("/"):
        raise WasiError(ENOTDIR if not os.path.isdir(host) else EISDIR)
    if os.path.isdir(host) and not os.path.islink(host):
        raise WasiError(EISDIR)
    os.unlink(host)
    return SUCCESS


def path_filestat_get(ctx, g, fd, flags, path, path_len, out):
    d, host, _, _ = _path(ctx, g, fd, path, path_len, bool(flags & SYMLINK_FOLLOW))
    _read_dir(d)
    st = os.stat(host, follow_symlinks=False)
    write_filestat(g, out, *filestat_bytes(st))
    return SUCCESS


def path_filestat_set_times(ctx, g, fd, flags, path, path_len, atim, mtim, fst_flags):
    check_fst_flags(fst_flags)          # as Wasmtime: before the descriptor
    d, host, _, _ = _path(ctx, g, fd, path, path_len, bool(flags & SYMLINK_FOLLOW))
    _mutate(d)
    ns = utime_args(lambda: os.stat(host, follow_symlinks=False), atim, mtim, fst_flags)
    os.utime(host, ns=ns, follow_symlinks=False)
    return SUCCESS


def _two_paths(ctx, g, fd1, ptr1, len1, fd2, ptr2, len2, follow1=False):
    """Both descriptors, then both paths, in Wasmtime's order:
    (entry, host path) for each."""
    d1, d2 = _dir(ctx, fd1), _dir(ctx, fd2)
    text1 = g.read_str(ptr1, len1)
    text2 = g.read_str(ptr2, len2)
    return (d1, _resolve(d1, text1, follow1)[0]), (d2, _resolve(d2, text2)[0])


def path_link(ctx, g, old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len):
    (od, src), (nd, dst) = _two_paths(ctx, g, old_fd, old_path, old_len, new_fd, new_path,
                                      new_len, bool(old_flags & SYMLINK_FOLLOW))
    _mutate(nd)
    if dst.endswith("/") or src.endswith("/"):
        raise WasiError(ENOTDIR if not os.path.isdir(src) else EPERM)
    os.link(src, dst, follow_symlinks=False)
    return SUCCESS


def path_rename(ctx, g, fd, old_path, old_len, new_fd, new_path, new_len):
    (od, src), (nd, dst) = _two_paths(ctx, g, fd, old_path, old_len, new_fd, new_path,
                                      new_len)
    _mutate(od)
    _mutate(nd)
    os.rename(src, dst)
    return SUCCESS


def path_symlink(ctx, g, old_path, old_len, fd, new_path, new_len):
    d = _dir(ctx, fd)
    target = g.read_str(old_path, old_len)
    dst = _resolve(d, g.read_str(new_path, new_len))[0]
    _mutate(d)
    if target.startswith("/"):
        raise WasiError(EPERM)
    if "\0" in target:
        raise WasiError(EINVAL)
    if dst.endswith("/"):
        raise WasiError(ENOTDIR if not os.path.exists(dst) else EINVAL)
    os.symlink(target, dst)
    return SUCCESS


def path_readlink(ctx, g, fd, path, path_len, buf, buf_len, bufused):
    d, host, _, _ = _path(ctx, g, fd, path, path_len)
    _read_dir(d)
    target = os.fsencode(os.readlink(host))
    if target.startswith(b"/"):
        raise WasiError(EPERM)          # as Wasmtime: never reveal a host path
    target = target[:buf_len]
    g.write_bytes(buf, target)
    g.result(U32, bufused, len(target), "write size")
    return SUCCESS
