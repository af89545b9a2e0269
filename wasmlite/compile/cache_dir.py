"""Where wasmlite keeps what it compiled: ``$XDG_CACHE_HOME/wasmlite``.

Its own module so that finding the directory (the interpreter's library,
the CLI, Config.cache) imports nothing of the compiler.
"""
from __future__ import annotations

import os
from pathlib import Path


def default_cache_directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wasmlite"
