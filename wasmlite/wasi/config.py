"""``WasiConfig``, ``DirPerms``, ``FilePerms``: what a store's WASI context
is made from (argv, environment, stdio, preopened directories).

Assignments check what they can at once, as wasmtime-py does: a stdin file
that cannot be opened, or an output file in a missing directory, raises
WasmtimeError at assignment. A config is consumed (closed) by
``Store.set_wasi``; like every Managed object it has ``close()`` and works
in ``with``, and using it once closed raises ValueError, as in wasmtime-py.
"""
from __future__ import annotations

import enum
import os
from typing import Callable, Iterable, Optional, Union

from ..errors import WasmtimeError
from ..managed import Managed

__all__ = ["WasiConfig", "DirPerms", "FilePerms"]

PathLike = Union[str, bytes, "os.PathLike[str]"]


class DirPerms(enum.IntFlag):
    """What the guest may do to a preopened directory tree's directories:
    READ (list, open, stat) and MUTATE (create, remove, rename, link)."""

    READ_ONLY = 1
    WRITE_ONLY = 2
    READ_WRITE = 3


class FilePerms(enum.IntFlag):
    """The most a guest may open a file under a preopened directory for."""

    READ_ONLY = 1
    WRITE_ONLY = 2
    READ_WRITE = 3


def _fspath(path: PathLike, what: str) -> str:
    try:
        p = os.fspath(path)
    except TypeError:
        raise TypeError(f"{what} must be a str, bytes or os.PathLike, "
                        f"got {type(path).__name__}") from None
    return os.fsdecode(p)


def _strings(values: Iterable, what: str) -> list[str]:
    out = []
    for v in values:
        if not isinstance(v, str):
            raise TypeError(f"{what} must be strings, got {type(v).__name__}")
        if "\0" in v:
            raise WasmtimeError(f"{what} may not contain NUL characters")
        out.append(v)
    return out


class Stdio:
    """Where one standard stream goes: ``kind`` is "null", "inherit",
    "file" (``path``) or "custom" (``callback``)."""

    __slots__ = ("kind", "path", "callback")

    def __init__(self, kind: str = "null", path: Optional[str] = None,
                 callback: Optional[Callable[[bytes], object]] = None) -> None:
        self.kind = kind
        self.path = path
        self.callback = callback


class Preopen:
    __slots__ = ("host_path", "guest_path", "dir_perms", "file_perms")

    def __init__(self, host_path: str, guest_path: str, dir_perms: DirPerms,
                 file_perms: FilePerms) -> None:
        self.host_path = host_path
        self.guest_path = guest_path
        self.dir_perms = dir_perms
        self.file_perms = file_perms


def _setter(name: str, doc: str) -> property:
    def fail(self):
        raise AttributeError(f"WasiConfig.{name} is write-only")
    return property(fail, getattr(WasiConfig, f"_set_{name}"), doc=doc)


class WasiConfig(Managed):
    """``WasiConfig()``: argv, environment, stdio and preopened directories
    for a WASI program (nothing is inherited unless asked for)."""

    def __init__(self) -> None:
        self._argv: list[str] = []
        self._env: list[tuple[str, str]] = []
        self._stdin = Stdio()
        self._stdout = Stdio()
        self._stderr = Stdio()
        self._preopens: list[Preopen] = []

    @property
    def _consumed(self) -> bool:
        """Given to a store already (the same as closed)."""
        return self._is_closed

    @_consumed.setter
    def _consumed(self, value: bool) -> None:
        if value:
            self.close()

    # -- argv and environment ---------------------------------------------

    def _set_argv(self, argv: Iterable[str]) -> None:
        self._check_open()
        if isinstance(argv, (str, bytes)):
            raise TypeError("argv must be a list of str")
        self._argv = _strings(argv, "argv")

    def inherit_argv(self) -> None:
        import sys
        self._check_open()
        self._argv = list(sys.argv)

    def _set_env(self, pairs: Iterable[Iterable[str]]) -> None:
        self._check_open()
        env = []
        for pair in pairs:
            key, value = _strings(pair, "env keys and values")
            env.append((key, value))
        self._env = env

    def inherit_env(self) -> None:
        self._check_open()
        self._env = list(os.environ.items())

    # -- stdio ---------------------------------------------------------------

    def _set_stdin_file(self, path: PathLike) -> None:
        self._check_open()
        p = _fspath(path, "stdin_file")
        if not os.path.isfile(p) or not os.access(p, os.R_OK):
            raise WasmtimeError(f"failed to set stdin file: cannot read {p!r}")
        self._stdin = Stdio("file", os.path.abspath(p))

    def inherit_stdin(self) -> None:
        self._check_open()
        self._stdin = Stdio("inherit")

    def _output_file(self, path: PathLike, which: str) -> Stdio:
        self._check_open()
        p = _fspath(path, f"{which}_file")
        try:
            fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        except OSError as e:
            raise WasmtimeError(f"failed to set {which} file: {e.strerror}: {p!r}") from None
        os.close(fd)
        return Stdio("file", os.path.abspath(p))

    def _set_stdout_file(self, path: PathLike) -> None:
        self._stdout = self._output_file(path, "stdout")

    def _set_stderr_file(self, path: PathLike) -> None:
        self._stderr = self._output_file(path, "stderr")

    def _set_stdout_custom(self, callback: Callable[[bytes], object]) -> None:
        self._check_open()
        if not callable(callback):
            raise TypeError("stdout_custom must be callable")
        self._stdout = Stdio("custom", callback=callback)

    def _set_stderr_custom(self, callback: Callable[[bytes], object]) -> None:
        self._check_open()
        if not callable(callback):
            raise TypeError("stderr_custom must be callable")
        self._stderr = Stdio("custom", callback=callback)

    def inherit_stdout(self) -> None:
        self._check_open()
        self._stdout = Stdio("inherit")

    def inherit_stderr(self) -> None:
        self._check_open()
        self._stderr = Stdio("inherit")

    # -- preopened directories -------------------------------------------------

    def preopen_dir(self, path: PathLike, guest_path: str,
                    dir_perms: Union[DirPerms, bool] = DirPerms.READ_WRITE,
                    file_perms: FilePerms = FilePerms.READ_WRITE, *,
                    fs_mutable: Optional[bool] = None) -> None:
        """Give the guest the host directory ``path`` as ``guest_path``.

        ``dir_perms``/``file_perms`` as in API.md; a bool in their place
        (or ``fs_mutable=``) is wasmtime-py 50's spelling: False means
        read-only directories and files.
        """
        self._check_open()
        host = _fspath(path, "path")
        if not isinstance(guest_path, str):
            raise TypeError("guest_path must be a str")
        if isinstance(dir_perms, bool) and fs_mutable is None:
            fs_mutable, dir_perms = dir_perms, DirPerms.READ_WRITE
        if fs_mutable is not None:
            dir_perms = DirPerms.READ_WRITE if fs_mutable else DirPerms.READ_ONLY
            file_perms = FilePerms.READ_WRITE if fs_mutable else FilePerms.READ_ONLY
        if not isinstance(dir_perms, DirPerms) or not isinstance(file_perms, FilePerms):
            raise TypeError("dir_perms must be a DirPerms and file_perms a FilePerms")
        if not os.path.isdir(host):
            raise WasmtimeError(f"failed to add preopen dir: {host!r} is not a directory")
        self._preopens.append(Preopen(os.path.realpath(host), guest_path,
                                      dir_perms, file_perms))


WasiConfig.argv = _setter("argv", "the program's arguments, argv[0] first")
WasiConfig.env = _setter("env", "environment variables as [key, value] pairs")
WasiConfig.stdin_file = _setter("stdin_file", "read standard input from this file")
WasiConfig.stdout_file = _setter("stdout_file", "write standard output to this file (truncated)")
WasiConfig.stderr_file = _setter("stderr_file", "write standard error to this file (truncated)")
WasiConfig.stdout_custom = _setter("stdout_custom", "call this with each write to stdout")
WasiConfig.stderr_custom = _setter("stderr_custom", "call this with each write to stderr")
