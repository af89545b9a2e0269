"""Where wasmlite keeps what it compiled: ``$XDG_CACHE_HOME/wasmlite``.

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
