"""Path resolution inside a preopened directory.

A guest path is resolved one component at a time against the host path of
a directory descriptor, expanding symbolic links as it goes, so the result
names a host path that is provably inside the preopen. Refused as Wasmtime
(cap-std) refuses them, with EPERM: absolute paths, ``..`` past the
directory descriptor's root, and symbolic links whose target is absolute
or climbs out. A directory opened below a preopen is a root of its own
(funcs_path.path_open), as in cap-std: ``..`` from it is refused even where
the preopen would allow it.
"""
from __future__ import annotations

import os

from .errno import ELOOP, ENOENT, ENOTDIR, EPERM, EINVAL, ENAMETOOLONG, WasiError

MAX_SYMLINKS = 40


def resolve(root: str, base: tuple[str, ...], path: str, follow: bool) -> tuple[str, tuple[str, ...]]:
    """Resolve ``path`` relative to the directory ``root``/``base``
    (``base`` is the directory's components below its preopen ``root``).

    Returns the host path and its components below ``root``. The final
    component is a symbolic link's own name unless ``follow``. A trailing
    slash requires a directory (and follows a final link)."""
    if "\0" in path:
        raise WasiError(EINVAL)
    if path.startswith("/"):
        raise WasiError(EPERM)
    if path == "":
        raise WasiError(ENOENT)
    if len(path) > 4096:
        raise WasiError(ENAMETOOLONG)
    trailing = path.endswith("/")
    if trailing:
        follow = True
    pending = path.split("/")
    pending.reverse()                       # pop() takes the next component
    stack = list(base)
    links = 0
    while pending:
        part = pending.pop()
        if part in ("", "."):
            continue
        last = not any(p not in ("", ".") for p in pending)
        if part == "..":
            _check_dir(root, stack)
            if not stack:
                raise WasiError(EPERM)
            stack.pop()
            continue
        host = os.path.join(root, *stack, part)
        if (follow or not last) and os.path.islink(host):
            links += 1
            if links > MAX_SYMLINKS:
                raise WasiError(ELOOP)
            target = os.readlink(host)
            if target.startswith("/"):
                raise WasiError(EPERM)
            _check_dir(root, stack)
            more = target.split("/")
            more.reverse()
            pending.extend(more)
            continue
        if not last:
            _check_dir(root, stack + [part])
        stack.append(part)
    host = os.path.join(root, *stack)
    if trailing:
        host += "/"
    return host, tuple(stack)


def _check_dir(root: str, stack: list[str]) -> None:
    """A path component used as a directory must be one."""
    p = os.path.join(root, *stack)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise WasiError(ENOENT) from None
    except NotADirectoryError:
        raise WasiError(ENOTDIR) from None
    import stat as _stat
    if not _stat.S_ISDIR(st.st_mode):
        raise WasiError(ENOTDIR)
