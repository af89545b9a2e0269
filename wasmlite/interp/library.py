"""The interpreter's native code: built with LLVM once per machine and
wasmlite version, kept on disk, loaded once per process.

The cache key is the compiler's fingerprint (compile/cache.py: wasmlite,
LLVM, CPU, the compiler's source) plus a hash of the interpreter's source,
so a change to any op's lowering rebuilds the handlers. The object file
lives under the user's cache directory (``$XDG_CACHE_HOME/wasmlite/interp``)
whatever ``Config.cache`` says: it is part of the runtime, not of a module.
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

from ..compile import jit
from .handlers import HandlerSet, generate

_SYMBOL = "wasmlite_interp_handlers"
_lock = threading.Lock()
_loaded: Optional["Interpreter"] = None
# the handlers are hot code: the full pipeline is worth its one-time cost
BUILD_OPT_LEVEL = 2


class Interpreter:
    """The loaded handler library: ``address[symbol]`` of every handler,
    ``forms``/``own`` from handlers.HandlerSet, ``interp_call``."""

    def __init__(self, hs: HandlerSet, library: jit.CodeLibrary, build_seconds: float,
                 from_cache: bool) -> None:
        self.forms = hs.forms
        self.own = hs.own
        self.library = library
        self.address = dict(zip(hs.symbols, library.addresses))
        self.interp_call = self.address["interp_call"]
        self.build_seconds = build_seconds
        self.from_cache = from_cache


def _key(ir: str) -> str:
    from ..compile.cache import fingerprint
    h = hashlib.sha256(fingerprint().encode())
    h.update(ir.encode())
    return h.hexdigest()[:40]


def cache_path(ir: str) -> Path:
    from ..compile.cache import default_cache_directory
    return default_cache_directory() / "interp" / f"handlers-{_key(ir)}.o"


def _table_ir(symbols: list[str]) -> str:
    body = ", ".join(f"ptr @{s}" for s in symbols)
    return f"@{_SYMBOL} = constant [{len(symbols)} x ptr] [{body}]"


def _save(path: Path, obj: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(obj)
        os.replace(tmp, path)
    except OSError:
        pass            # not writable: every process builds its own


def interpreter() -> Interpreter:
    """The interpreter of this process (built or loaded on first use)."""
    global _loaded
    it = _loaded
    if it is not None:
        return it
    with _lock:
        if _loaded is None:
            _loaded = _load()
        return _loaded


def _load() -> Interpreter:
    hs = generate()
    ir = hs.ir + "\n" + _table_ir(hs.symbols)
    path = cache_path(ir)
    count = len(hs.symbols)
    try:
        obj = path.read_bytes()
    except OSError:
        obj = None
    if obj is not None:
        try:
            return Interpreter(hs, jit.link_object(obj, _SYMBOL, count), 0.0, True)
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt
            pass
    note = sys.stderr.isatty()
    if note:
        sys.stderr.write("wasmlite: building the interpreter (once per machine and version)...")
        sys.stderr.flush()
    t0 = time.perf_counter()
    obj = jit.compile_object_here(ir, BUILD_OPT_LEVEL)
    seconds = time.perf_counter() - t0
    if note:
        sys.stderr.write(f" {seconds:.1f} s\n")
    _save(path, obj)
    return Interpreter(hs, jit.link_object(obj, _SYMBOL, count), seconds, False)
