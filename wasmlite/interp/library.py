"""The interpreter's native code: built with LLVM once per machine and
wasmlite version, kept on disk, loaded once per process.

Two libraries, each one object file in the cache:

* the handlers (handlers.py), at -O2: they are the interpreter's hot code;
* the prebuilt stubs of common signatures (stubs.common_signatures), at the
  cheap tier: entry trampolines, in/out stubs and host trampolines that most
  modules and every WASI import use, so they start without LLVM.

The cache key is the compiler's fingerprint (compile/cache.py: wasmlite,
LLVM, CPU, the compiler's source) plus the interpreter's own source, so a
change to any op's lowering rebuilds it. A small JSON file beside each
object lists its symbols: loading needs no IR generation. The files live
under the user's cache directory (``$XDG_CACHE_HOME/wasmlite/interp``)
whatever ``Config.cache`` says: they are part of the runtime, not of a
module. A terminal shows a one-line note while they are built.
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Optional

from ..compile import jit

_HANDLERS = "wasmlite_interp_handlers"
_STUBS = "wasmlite_interp_stubs"
_lock = threading.Lock()
_loaded: Optional["Interpreter"] = None
HANDLERS_OPT_LEVEL = 2      # hot code: worth the full pipeline once
STUBS_OPT_LEVEL = 1


class Interpreter:
    """The loaded libraries: ``address[symbol]``, the pre-decoder's ``forms``
    and ``own`` tables, ``interp_call`` and ``prebuilt[functype]`` =
    (entry, in, out, host) stub addresses."""

    def __init__(self) -> None:
        from .handlers import forms_for, own_handlers
        from .stubs import common_signatures
        t0 = time.perf_counter()
        self._tables: dict = {}
        self.build_seconds = 0.0
        self.from_cache = True
        handlers, hsyms = self._library("handlers", _HANDLERS, HANDLERS_OPT_LEVEL, _handlers_ir)
        common = common_signatures()
        stubs, ssyms = self._library("stubs", _STUBS, STUBS_OPT_LEVEL, lambda: _stubs_ir(common))
        self.libraries = (handlers, stubs)
        self.address = dict(zip(hsyms, handlers.addresses))
        self.address.update(zip(ssyms, stubs.addresses))
        self.forms = forms_for(set(hsyms))
        self.own = {name: n for name, (_text, n) in own_handlers().items()}
        self.interp_call = self.address["interp_call"]
        a = self.address
        self.prebuilt = {ft: (a[f"c{k}e"], a[f"c{k}i"], a[f"c{k}o"], a[f"c{k}h"])
                         for k, ft in enumerate(common)}
        # the code of a function that could not be pre-decoded: it traps
        self._unsupported = (ctypes.c_uint64 * 1)(a["x_unreachable"])
        self.unsupported_code = ctypes.addressof(self._unsupported)
        self.load_seconds = time.perf_counter() - t0 - self.build_seconds

    def tables(self, consume_fuel: bool) -> tuple[dict, dict, dict, dict]:
        """The pre-decoder's lookup tables for one fuel setting (made once):
        op -> (handler, Form); the same without fuel; (op, sources) ->
        superinstruction; (op, sources, then) -> superinstruction."""
        t = self._tables.get(consume_fuel)
        if t is None:
            a, forms = self.address, self.forms
            t = ({k[0]: (a[f.symbol], f) for k, f in forms.items()
                  if len(k) == 2 and k[1] == consume_fuel},
                 {k[0]: (a[f.symbol], f) for k, f in forms.items() if len(k) == 2 and not k[1]},
                 {(k[0], k[2]): a[f.symbol] for k, f in forms.items()
                  if len(k) == 3 and k[1] == consume_fuel},
                 {(k[0], k[2], k[3]): a[f.symbol] for k, f in forms.items()
                  if len(k) == 4 and k[1] == consume_fuel})
            self._tables[consume_fuel] = t
        return t

    def _library(self, name: str, symbol: str, level: int,
                 make_ir: Callable[[], tuple[str, list[str]]]) -> tuple[jit.CodeLibrary, list[str]]:
        base = cache_directory() / f"{name}-{_key()}"
        obj_path, syms_path = base.with_suffix(".o"), base.with_suffix(".json")
        try:
            obj = obj_path.read_bytes()
            syms = json.loads(syms_path.read_text())
            return jit.link_object(obj, symbol, len(syms)), syms
        except (OSError, ValueError, Exception):  # noqa: BLE001 - rebuilt below
            pass
        note = sys.stderr.isatty()
        if note:
            sys.stderr.write(f"wasmlite: building the interpreter's {name} "
                             "(once per machine and version)...")
            sys.stderr.flush()
        t0 = time.perf_counter()
        ir, syms = make_ir()
        table = ", ".join(f"ptr @{s}" for s in syms)
        ir += f"\n@{symbol} = constant [{len(syms)} x ptr] [{table}]"
        obj = jit.compile_object_here(ir, level)
        seconds = time.perf_counter() - t0
        self.build_seconds += seconds
        self.from_cache = False
        if note:
            sys.stderr.write(f" {seconds:.1f} s\n")
        _save(obj_path, obj)
        _save(syms_path, json.dumps(syms).encode())
        _drop_stale(base.parent, name, base.name)
        return jit.link_object(obj, symbol, len(syms)), syms


def _handlers_ir() -> tuple[str, list[str]]:
    from .handlers import generate
    hs = generate()
    return hs.ir, hs.symbols


def _stubs_ir(common) -> tuple[str, list[str]]:
    from ..compile.memory import RUNTIME_HELPERS
    from ..compile.numeric import INTRINSIC_DECLS
    from .stubs import common_stubs_ir
    parts, names = common_stubs_ir(common)
    return "\n".join([jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS, *parts]), names


_key_value: Optional[str] = None


def _key() -> str:
    """Fingerprint of what the libraries are made from."""
    global _key_value
    if _key_value is None:
        from ..compile.cache import fingerprint
        h = hashlib.sha256(fingerprint().encode())
        here = Path(__file__).resolve().parent
        for p in sorted(here.glob("*.py")) + [here.parent / "wasi" / "__init__.py"]:
            h.update(p.name.encode() + b"\0" + p.read_bytes())
        _key_value = h.hexdigest()[:32]
    return _key_value


def cache_directory() -> Path:
    from ..compile.cache import default_cache_directory
    return default_cache_directory() / "interp"


def _save(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass            # not writable: every process builds its own


def _drop_stale(folder: Path, name: str, keep: str) -> None:
    """Remove the libraries other versions built (one set stays per machine)."""
    try:
        for p in folder.glob(f"{name}-*"):
            if p.stem != keep:
                p.unlink()
    except OSError:
        pass


def interpreter() -> Interpreter:
    """The interpreter of this process (built or loaded on first use)."""
    global _loaded
    it = _loaded
    if it is not None:
        return it
    with _lock:
        if _loaded is None:
            _loaded = Interpreter()
        return _loaded
