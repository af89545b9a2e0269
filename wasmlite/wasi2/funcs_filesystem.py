"""wasi:filesystem/{types, preopens}.

Each function checks what Wasmtime 49 checks, in its order (the kind of
descriptor, then the preopen's permissions, then the path), and the host
errors become error-codes as Wasmtime's do (error_codes.py); the answers
are compared with Wasmtime's in tests/test_wasi2_host.py. Paths are
resolved by the preview-1 sandbox, so they are refused and allowed as
preview 1's path_* functions refuse and allow them, with Wasmtime's rules:
a directory opened below a preopen is a root of its own, and readlink-at
refuses to reveal an absolute link target.
"""
from __future__ import annotations

import os
import stat as _stat
import time
from typing import Any, Optional

from ..errors import WasmtimeError
from ..runtime.component_values import Record, Variant
from ..wasi.errno import WasiError
from ..wasi.sandbox import resolve
from .descriptors import READ, WRITE, Descriptor, DirectoryEntryStream
from .error_codes import FS_ERROR_CODES, fs_code
from .metadata import birth_ns, descriptor_stat, descriptor_type, metadata_hash
from .results import Failure, fallible
from .streams import MAX_READ, FileInputStream, FileOutputStream, IoError, SharedFd

fs_result = fallible(fs_code, OSError, WasiError, OverflowError)

PATH_FLAGS = frozenset({"symlink-follow"})
OPEN_FLAGS = frozenset({"create", "directory", "exclusive", "truncate"})
DESCRIPTOR_FLAGS = frozenset({"read", "write", "file-integrity-sync", "data-integrity-sync",
                              "requested-write-sync", "mutate-directory"})
_SYNC_FLAGS = frozenset({"file-integrity-sync", "data-integrity-sync", "requested-write-sync"})
_ADVICE = {"normal": "POSIX_FADV_NORMAL", "sequential": "POSIX_FADV_SEQUENTIAL",
           "random": "POSIX_FADV_RANDOM", "will-need": "POSIX_FADV_WILLNEED",
           "dont-need": "POSIX_FADV_DONTNEED", "no-reuse": "POSIX_FADV_NOREUSE"}
U64_MAX = (1 << 64) - 1


# -- argument checks -------------------------------------------------------------

def _descriptor(rep: Any) -> Descriptor:
    if not isinstance(rep, Descriptor):
        raise TypeError(f"expected a descriptor, got {type(rep).__name__}")
    return rep


def _dir(rep: Any) -> Descriptor:
    d = _descriptor(rep)
    if d.kind != "dir":
        raise Failure("not-directory")
    return d


def _file(rep: Any, directory: str = "bad-descriptor") -> Descriptor:
    """A file descriptor; a directory fails with ``directory`` (Wasmtime
    says ``is-directory`` for read-via-stream, ``bad-descriptor`` else)."""
    d = _descriptor(rep)
    if d.kind != "file":
        raise Failure(directory)
    return d


def _flags(value: Any, names: frozenset, what: str) -> frozenset:
    if not isinstance(value, (set, frozenset)) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{what} must be a set of flag names, got {value!r}")
    unknown = set(value) - names
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(sorted(unknown))}")
    return frozenset(value)


def _u64(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= U64_MAX:
        raise TypeError(f"{what} must be a u64, got {value!r}")
    return value


def _resolve(d: Descriptor, path: Any, follow: bool) -> tuple[str, tuple[str, ...]]:
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, got {type(path).__name__}")
    return resolve(d.root, d.rel, path, follow)


def _follows(path_flags: Any) -> bool:
    return "symlink-follow" in _flags(path_flags, PATH_FLAGS, "path-flags")


def _timestamp(value: Any) -> Optional[int]:
    """ns since the epoch for a ``new-timestamp`` (None: no change)."""
    if not isinstance(value, Variant):
        raise TypeError(f"expected a new-timestamp Variant, got {value!r}")
    if value.tag == "no-change":
        return None
    if value.tag == "now":
        return time.time_ns()
    if value.tag == "timestamp" and isinstance(value.payload, Record):
        t = value.payload
        return _u64(t.seconds, "seconds") * 1_000_000_000 + t.nanoseconds
    raise ValueError(f"not a new-timestamp: {value!r}")


def _set_times(target, atim: Any, mtim: Any, current) -> None:
    """Set the times of ``target`` (a host fd, or a path, not following a
    final link); ``current()`` stats it for a time left unchanged."""
    a, m = _timestamp(atim), _timestamp(mtim)
    if a is None or m is None:
        st = current()
        if a is None and m is None:
            return
        a = st.st_atime_ns if a is None else a
        m = st.st_mtime_ns if m is None else m
    if isinstance(target, int):
        os.utime(target, ns=(a, m))
    else:
        os.utime(target, ns=(a, m), follow_symlinks=False)


def _check_utf8(text: str) -> str:
    """A host name the guest can be given (a component string is UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Failure("illegal-byte-sequence") from None
    return text


# -- descriptor: the file's data -----------------------------------------------------

@fs_result
def read_via_stream(ctx, descriptor, offset: int) -> FileInputStream:
    """``[method]descriptor.read-via-stream: func(offset: filesize) -> result<input-stream, error-code>``"""
    f = _file(descriptor, "is-directory")
    if not f.can_read_file():
        raise Failure("not-permitted")
    return FileInputStream(f.shared, _u64(offset, "offset"))


@fs_result
def write_via_stream(ctx, descriptor, offset: int) -> FileOutputStream:
    """``[method]descriptor.write-via-stream: func(offset: filesize) -> result<output-stream, error-code>``"""
    f = _file(descriptor)
    if not f.can_write_file():
        raise Failure("not-permitted")
    return FileOutputStream(f.shared, _u64(offset, "offset"))


@fs_result
def append_via_stream(ctx, descriptor) -> FileOutputStream:
    """``[method]descriptor.append-via-stream: func() -> result<output-stream, error-code>``"""
    f = _file(descriptor)
    if not f.can_write_file():
        raise Failure("not-permitted")
    return FileOutputStream(f.shared, None)


@fs_result
def advise(ctx, descriptor, offset: int, length: int, advice: str) -> None:
    """``[method]descriptor.advise: func(offset: filesize, length: filesize, advice: advice) -> result<_, error-code>``"""
    f = _file(descriptor)
    if advice not in _ADVICE:
        raise ValueError(f"not an advice: {advice!r}")
    how = getattr(os, _ADVICE[advice], None)
    if how is not None and hasattr(os, "posix_fadvise"):
        os.posix_fadvise(f.fd, _u64(offset, "offset"), _u64(length, "length"), how)


@fs_result
def sync_data(ctx, descriptor) -> None:
    """``[method]descriptor.sync-data: func() -> result<_, error-code>``"""
    os.fdatasync(_descriptor(descriptor).fd)


@fs_result
def sync(ctx, descriptor) -> None:
    """``[method]descriptor.sync: func() -> result<_, error-code>``"""
    os.fsync(_descriptor(descriptor).fd)


@fs_result
def get_flags(ctx, descriptor) -> set[str]:
    """``[method]descriptor.get-flags: func() -> result<descriptor-flags, error-code>``"""
    d = _descriptor(descriptor)
    d.fd                                    # a descriptor closed under the guest fails here
    flags = set()
    if d.open_mode & READ:
        flags.add("read")
    if d.open_mode & WRITE:
        flags.add("mutate-directory" if d.kind == "dir" else "write")
    return flags


@fs_result
def get_type(ctx, descriptor) -> str:
    """``[method]descriptor.get-type: func() -> result<descriptor-type, error-code>``"""
    d = _descriptor(descriptor)
    if d.kind == "dir":
        return "directory"
    return descriptor_type(os.fstat(d.fd).st_mode)


@fs_result
def set_size(ctx, descriptor, size: int) -> None:
    """``[method]descriptor.set-size: func(size: filesize) -> result<_, error-code>``"""
    f = _file(descriptor)
    if not f.can_write_file():
        raise Failure("not-permitted")
    os.ftruncate(f.fd, _u64(size, "size"))


@fs_result
def set_times(ctx, descriptor, data_access_timestamp, data_modification_timestamp) -> None:
    """``[method]descriptor.set-times: func(data-access-timestamp: new-timestamp, data-modification-timestamp: new-timestamp) -> result<_, error-code>``"""
    d = _descriptor(descriptor)
    if not (d.can_write_file() if d.kind == "file" else d.can_mutate_dir()):
        raise Failure("not-permitted")
    _set_times(d.fd, data_access_timestamp, data_modification_timestamp,
               lambda: os.fstat(d.fd))


@fs_result
def read(ctx, descriptor, length: int, offset: int) -> tuple[bytes, bool]:
    """``[method]descriptor.read: func(length: filesize, offset: filesize) -> result<tuple<list<u8>, bool>, error-code>``
    (at most 64 KiB; the bool is true at the end of the file)"""
    f = _file(descriptor)
    if not f.can_read_file():
        raise Failure("not-permitted")
    data = os.pread(f.fd, min(_u64(length, "length"), MAX_READ), _u64(offset, "offset"))
    return data, not data


@fs_result
def write(ctx, descriptor, buffer: bytes, offset: int) -> int:
    """``[method]descriptor.write: func(buffer: list<u8>, offset: filesize) -> result<filesize, error-code>``"""
    f = _file(descriptor)
    if not f.can_write_file():
        raise Failure("not-permitted")
    if not isinstance(buffer, (bytes, bytearray, memoryview)):
        raise TypeError(f"buffer must be bytes, got {type(buffer).__name__}")
    return os.pwrite(f.fd, buffer, _u64(offset, "offset"))


@fs_result
def stat(ctx, descriptor) -> Record:
    """``[method]descriptor.stat: func() -> result<descriptor-stat, error-code>``"""
    d = _descriptor(descriptor)
    fd = d.fd
    return descriptor_stat(os.fstat(fd), birth_ns(fd))


def is_same_object(ctx, descriptor, other) -> bool:
    """``[method]descriptor.is-same-object: func(other: borrow<descriptor>) -> bool``"""
    try:
        a, b = os.fstat(_descriptor(descriptor).fd), os.fstat(_descriptor(other).fd)
    except OSError as exc:                  # no result to report it in: Wasmtime traps
        raise WasmtimeError(f"is-same-object: {exc}") from None
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


@fs_result
def metadata_hash_of(ctx, descriptor) -> Record:
    """``[method]descriptor.metadata-hash: func() -> result<metadata-hash-value, error-code>``"""
    return metadata_hash(os.fstat(_descriptor(descriptor).fd))


# -- descriptor: directories -------------------------------------------------------

@fs_result
def read_directory(ctx, descriptor) -> DirectoryEntryStream:
    """``[method]descriptor.read-directory: func() -> result<directory-entry-stream, error-code>``
    (the entries but ``.`` and ``..``, in the host's order)"""
    d = _dir(descriptor)
    if not d.can_read_dir():
        raise Failure("not-permitted")
    entries: list = []
    with os.scandir(d.fd) as it:
        for entry in it:
            try:
                kind = descriptor_type(entry.stat(follow_symlinks=False).st_mode)
                entries.append(Record(type=kind, name=_check_utf8(entry.name)))
            except OSError as exc:
                entries.append(fs_code(exc))
            except Failure as exc:
                entries.append(exc.payload)
    return DirectoryEntryStream(entries)


@fs_result
def read_directory_entry(ctx, stream) -> Optional[Record]:
    """``[method]directory-entry-stream.read-directory-entry: func() -> result<option<directory-entry>, error-code>``"""
    if not isinstance(stream, DirectoryEntryStream):
        raise TypeError(f"expected a directory-entry-stream, got {type(stream).__name__}")
    entry = stream.take()
    if isinstance(entry, str):
        raise Failure(entry)
    return entry


@fs_result
def create_directory_at(ctx, descriptor, path: str) -> None:
    """``[method]descriptor.create-directory-at: func(path: string) -> result<_, error-code>``"""
    d = _dir(descriptor)
    if not d.can_mutate_dir():
        raise Failure("not-permitted")
    host, _ = _resolve(d, path, False)
    os.mkdir(host.rstrip("/") or host, 0o777)


@fs_result
def stat_at(ctx, descriptor, path_flags, path: str) -> Record:
    """``[method]descriptor.stat-at: func(path-flags: path-flags, path: string) -> result<descriptor-stat, error-code>``"""
    d = _dir(descriptor)
    follow = _follows(path_flags)
    if not d.can_read_dir():
        raise Failure("not-permitted")
    host, _ = _resolve(d, path, follow)
    return descriptor_stat(os.stat(host, follow_symlinks=False), birth_ns(host))


@fs_result
def set_times_at(ctx, descriptor, path_flags, path: str, data_access_timestamp,
                 data_modification_timestamp) -> None:
    """``[method]descriptor.set-times-at: func(path-flags: path-flags, path: string, data-access-timestamp: new-timestamp, data-modification-timestamp: new-timestamp) -> result<_, error-code>``"""
    d = _dir(descriptor)
    follow = _follows(path_flags)
    if not d.can_mutate_dir():
        raise Failure("not-permitted")
    host, _ = _resolve(d, path, follow)
    _set_times(host, data_access_timestamp, data_modification_timestamp,
               lambda: os.stat(host, follow_symlinks=False))


@fs_result
def link_at(ctx, descriptor, old_path_flags, old_path: str, new_descriptor,
            new_path: str) -> None:
    """``[method]descriptor.link-at: func(old-path-flags: path-flags, old-path: string, new-descriptor: borrow<descriptor>, new-path: string) -> result<_, error-code>``"""
    old_dir, new_dir = _dir(descriptor), _dir(new_descriptor)
    follow = _follows(old_path_flags)
    if not old_dir.can_mutate_dir() or not new_dir.can_mutate_dir():
        raise Failure("not-permitted")
    if follow:
        raise Failure("invalid")
    if (old_dir.dir_perms, old_dir.file_perms) != (new_dir.dir_perms, new_dir.file_perms):
        raise Failure("not-permitted")
    src, _ = _resolve(old_dir, old_path, False)
    dst, _ = _resolve(new_dir, new_path, False)
    if dst.endswith("/") or src.endswith("/"):
        raise Failure("not-directory" if not os.path.isdir(src) else "not-permitted")
    os.link(src, dst, follow_symlinks=False)


@fs_result
def open_at(ctx, descriptor, path_flags, path: str, open_flags, flags) -> Descriptor:
    """``[method]descriptor.open-at: func(path-flags: path-flags, path: string, open-flags: open-flags, %flags: descriptor-flags) -> result<descriptor, error-code>``"""
    d = _dir(descriptor)
    follow = _follows(path_flags)
    oflags = _flags(open_flags, OPEN_FLAGS, "open-flags")
    dflags = _flags(flags, DESCRIPTOR_FLAGS, "descriptor-flags")
    if not d.can_read_dir():
        raise Failure("not-permitted")
    if "directory" in oflags and oflags & {"create", "exclusive", "truncate"}:
        raise Failure("invalid")
    if not d.can_mutate_dir() and (oflags & {"create", "truncate"} or "write" in dflags):
        raise Failure("not-permitted")
    host_flags = os.O_CLOEXEC | os.O_NOFOLLOW
    mode = 0
    if "create" in oflags:
        host_flags |= os.O_CREAT | (os.O_EXCL if "exclusive" in oflags else 0)
        mode |= WRITE
    if "truncate" in oflags:
        host_flags |= os.O_TRUNC
        mode |= WRITE
    if "read" in dflags:
        mode |= READ
    # a descriptor not opened to write is opened to read: its permissions
    # then decide what it may do
    mode |= WRITE if "write" in dflags else READ
    if dflags & _SYNC_FLAGS:
        raise Failure("unsupported")
    if mode & WRITE and not d.can_write_file():
        raise Failure("not-permitted")
    host, rel = _resolve(d, path, follow)
    host_flags |= (os.O_RDWR if mode == READ | WRITE else
                   os.O_WRONLY if mode == WRITE else os.O_RDONLY)
    fd = os.open(host, host_flags, 0o666)
    try:
        is_dir = _stat.S_ISDIR(os.fstat(fd).st_mode)
    except BaseException:
        os.close(fd)
        raise
    if not is_dir and "directory" in oflags:
        os.close(fd)
        raise Failure("not-directory")
    # a directory opened here is a new root, as in Wasmtime (cap-std): its
    # paths cannot climb above it, not even to where its opener could reach
    return Descriptor("dir" if is_dir else "file", SharedFd(fd), os.path.join(d.root, *rel),
                      (), d.dir_perms, d.file_perms, mode)


@fs_result
def readlink_at(ctx, descriptor, path: str) -> str:
    """``[method]descriptor.readlink-at: func(path: string) -> result<string, error-code>``
    (a link to an absolute path is refused, as Wasmtime refuses it)"""
    d = _dir(descriptor)
    if not d.can_read_dir():
        raise Failure("not-permitted")
    host, _ = _resolve(d, path, False)
    target = os.readlink(host)
    if target.startswith("/"):
        raise Failure("not-permitted")
    return _check_utf8(target)


@fs_result
def remove_directory_at(ctx, descriptor, path: str) -> None:
    """``[method]descriptor.remove-directory-at: func(path: string) -> result<_, error-code>``"""
    d = _dir(descriptor)
    if not d.can_mutate_dir():
        raise Failure("not-permitted")
    host, rel = _resolve(d, path, False)
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if last == "." or not rel:
        raise Failure("invalid")            # as rmdir("x/."); never the preopen itself
    if last == "..":
        raise Failure("not-empty")
    os.rmdir(host)


@fs_result
def rename_at(ctx, descriptor, old_path: str, new_descriptor, new_path: str) -> None:
    """``[method]descriptor.rename-at: func(old-path: string, new-descriptor: borrow<descriptor>, new-path: string) -> result<_, error-code>``"""
    old_dir, new_dir = _dir(descriptor), _dir(new_descriptor)
    if not old_dir.can_mutate_dir() or not new_dir.can_mutate_dir():
        raise Failure("not-permitted")
    if (old_dir.dir_perms, old_dir.file_perms) != (new_dir.dir_perms, new_dir.file_perms):
        raise Failure("not-permitted")
    src, _ = _resolve(old_dir, old_path, False)
    dst, _ = _resolve(new_dir, new_path, False)
    os.rename(src, dst)


@fs_result
def symlink_at(ctx, descriptor, old_path: str, new_path: str) -> None:
    """``[method]descriptor.symlink-at: func(old-path: string, new-path: string) -> result<_, error-code>``
    (a link to an absolute path is refused)"""
    d = _dir(descriptor)
    if not d.can_mutate_dir():
        raise Failure("not-permitted")
    if not isinstance(old_path, str):
        raise TypeError(f"old-path must be a str, got {type(old_path).__name__}")
    dst, _ = _resolve(d, new_path, False)
    if old_path.startswith("/"):
        raise Failure("not-permitted")
    if "\0" in old_path:
        raise Failure("invalid")
    if dst.endswith("/"):
        raise Failure("not-directory" if not os.path.exists(dst) else "invalid")
    os.symlink(old_path, dst)


@fs_result
def unlink_file_at(ctx, descriptor, path: str) -> None:
    """``[method]descriptor.unlink-file-at: func(path: string) -> result<_, error-code>``"""
    d = _dir(descriptor)
    if not d.can_mutate_dir():
        raise Failure("not-permitted")
    host, _ = _resolve(d, path, False)
    if host.endswith("/"):
        raise Failure("not-directory" if not os.path.isdir(host) else "is-directory")
    if os.path.isdir(host) and not os.path.islink(host):
        raise Failure("is-directory")
    os.unlink(host)


@fs_result
def metadata_hash_at(ctx, descriptor, path_flags, path: str) -> Record:
    """``[method]descriptor.metadata-hash-at: func(path-flags: path-flags, path: string) -> result<metadata-hash-value, error-code>``"""
    d = _dir(descriptor)
    host, _ = _resolve(d, path, _follows(path_flags))
    return metadata_hash(os.stat(host, follow_symlinks=False))


def filesystem_error_code(ctx, error) -> Optional[str]:
    """``filesystem-error-code: func(err: borrow<error>) -> option<error-code>``:
    the error-code of a stream error that came from the host's I/O"""
    if not isinstance(error, IoError):
        raise TypeError(f"expected an error, got {type(error).__name__}")
    if isinstance(error.exc, OSError):
        code = fs_code(error.exc)
        return code if code in FS_ERROR_CODES else None
    return None


# -- wasi:filesystem/preopens ----------------------------------------------------

def get_directories(ctx) -> list[tuple[Descriptor, str]]:
    """``get-directories: func() -> list<tuple<descriptor, string>>``
    (new descriptors on the preopens, each call)"""
    return [(p.descriptor(), p.guest_path) for p in ctx.preopens]


INTERFACES = {
    "wasi:filesystem/types": {
        "[method]descriptor.read-via-stream": read_via_stream,
        "[method]descriptor.write-via-stream": write_via_stream,
        "[method]descriptor.append-via-stream": append_via_stream,
        "[method]descriptor.advise": advise,
        "[method]descriptor.sync-data": sync_data,
        "[method]descriptor.get-flags": get_flags,
        "[method]descriptor.get-type": get_type,
        "[method]descriptor.set-size": set_size,
        "[method]descriptor.set-times": set_times,
        "[method]descriptor.read": read,
        "[method]descriptor.write": write,
        "[method]descriptor.read-directory": read_directory,
        "[method]descriptor.sync": sync,
        "[method]descriptor.create-directory-at": create_directory_at,
        "[method]descriptor.stat": stat,
        "[method]descriptor.stat-at": stat_at,
        "[method]descriptor.set-times-at": set_times_at,
        "[method]descriptor.link-at": link_at,
        "[method]descriptor.open-at": open_at,
        "[method]descriptor.readlink-at": readlink_at,
        "[method]descriptor.remove-directory-at": remove_directory_at,
        "[method]descriptor.rename-at": rename_at,
        "[method]descriptor.symlink-at": symlink_at,
        "[method]descriptor.unlink-file-at": unlink_file_at,
        "[method]descriptor.is-same-object": is_same_object,
        "[method]descriptor.metadata-hash": metadata_hash_of,
        "[method]descriptor.metadata-hash-at": metadata_hash_at,
        "[method]directory-entry-stream.read-directory-entry": read_directory_entry,
        "filesystem-error-code": filesystem_error_code,
    },
    "wasi:filesystem/preopens": {"get-directories": get_directories},
}

USES = {
    "wasi:filesystem/types": ("input-stream", "output-stream", "error"),
    "wasi:filesystem/preopens": ("descriptor",),
}
