"""Where wasmlite keeps what it compiled: ``$XDG_CACHE_HOME/wasmlite``, and
how the files kept there beside the entries are written and retired (the
interpreter's libraries, the compiler-source digest).

Its own module so that finding the directory (the interpreter's library,
the CLI, Config.cache) imports nothing of the compiler.
"""
from __future__ import annotations

import os
from pathlib import Path


def default_cache_directory() -> Path:
    return Path(default_cache_folder())


def default_cache_folder() -> str:
    """default_cache_directory() as a string (no Path: the interpreter's
    load asks it at every start)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "wasmlite")


def save_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``path`` whole or not at all (a reader never sees half a file);
    a folder that is not writable is not an error: the caller computes what
    it would have read again next time."""
    import tempfile
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


def drop_stale(folder: str | os.PathLike, prefix: str, keep: str) -> None:
    """Remove the files ``prefix-*`` of ``folder`` whose name without its
    suffix is not ``keep``: what other versions of wasmlite left (one set
    stays per machine)."""
    try:
        for name in os.listdir(folder):
            if name.startswith(prefix + "-") and os.path.splitext(name)[0] != keep:
                os.unlink(os.path.join(folder, name))
    except OSError:
        pass
