"""wasi:filesystem's descriptors and directory-entry streams.

A directory descriptor is a host directory that is a sandbox root: every
path given to it is resolved by the preview-1 sandbox (wasi/sandbox.py)
against ``root`` (and ``rel``, its components below root, always empty
here), so a guest stays inside the way it does in preview 1: no ``..``
past the root, no absolute paths, no symbolic link leading out. As in
Wasmtime (cap-std), a directory opened through a preopen is a root of
its own: its paths cannot climb back into the rest of the preopen. The
permissions are the preopen's DirPerms/FilePerms, inherited by
everything opened below it.
"""
from __future__ import annotations

from typing import Optional

from ..wasi.config import DirPerms, FilePerms
from .resources import HostResource
from .streams import SharedFd

__all__ = ["Descriptor", "DirectoryEntryStream", "READ", "WRITE"]

# open modes (what the host descriptor was opened for)
READ, WRITE = 1, 2


class Descriptor(HostResource):
    """A ``descriptor``: ``kind`` is "dir" or "file"."""

    __slots__ = ("kind", "shared", "root", "rel", "dir_perms", "file_perms", "open_mode")

    def __init__(self, kind: str, shared: SharedFd, root: str, rel: tuple[str, ...],
                 dir_perms: int, file_perms: int, open_mode: int) -> None:
        super().__init__()
        self.kind = kind
        self.shared = shared
        self.root = root
        self.rel = rel
        self.dir_perms = int(dir_perms)
        self.file_perms = int(file_perms)
        self.open_mode = open_mode

    @property
    def fd(self) -> int:
        fd = self.shared.fd
        if fd is None:                      # the context was closed under it
            raise OSError(9, "Bad file descriptor")
        return fd

    def can_read_dir(self) -> bool:
        return bool(self.dir_perms & DirPerms.READ_ONLY)

    def can_mutate_dir(self) -> bool:
        return bool(self.dir_perms & DirPerms.WRITE_ONLY)

    def can_read_file(self) -> bool:
        return bool(self.file_perms & FilePerms.READ_ONLY)

    def can_write_file(self) -> bool:
        return bool(self.file_perms & FilePerms.WRITE_ONLY)

    def _release(self) -> None:
        self.shared.release()


class DirectoryEntryStream(HostResource):
    """``read-directory``'s entries, read at once (as Wasmtime does):
    each a ``directory-entry`` Record or the error-code that entry gave."""

    __slots__ = ("entries", "next")

    def __init__(self, entries: list) -> None:
        super().__init__()
        self.entries = entries
        self.next = 0

    def take(self) -> Optional[object]:
        if self.next >= len(self.entries):
            return None
        entry = self.entries[self.next]
        self.next += 1
        return entry
