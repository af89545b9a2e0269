"""The interpreter's native code: built with LLVM once per machine and
wasmlite version, kept on disk, loaded once per process.

Two libraries, each one object file in the cache:

* the handlers (handlers.py), at -O2: they are the interpreter's hot code;
* the prebuilt stubs of common signatures (stubs.common_signatures), at the
  cheap tier: entry trampolines, in/out stubs and host trampolines that most
  modules and every WASI import use, so they start without LLVM; and
  Ctrl-C's native handler (runtime/interrupt.py).

and a third that only an engine with Config.cranelift_nan_canonicalization
loads (``Interpreter.nan_canonical_library``): the canonicalizing variants
of the float handlers (compile/nan_canon.py).

Loading places the objects with compile/loader.py, not LLVM's JIT linker: a process
that only interprets never imports llvmlite.

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
import os
import sys
import threading
import time
import weakref
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from ..compile.cache_dir import drop_stale, save_atomic
from ..compile.name_lookup import NameLookup


_HANDLERS = "wasmlite_interp_handlers"
_STUBS = "wasmlite_interp_stubs"
_NAN = "wasmlite_interp_nan"
_lock = threading.Lock()
_loaded: Optional["Interpreter"] = None
HANDLERS_OPT_LEVEL = 2      # hot code: worth the full pipeline once
STUBS_OPT_LEVEL = 1


class Interpreter:
    """The loaded libraries: ``address[symbol]``, the pre-decoder's ``forms``
    and ``own`` tables, ``interp_call`` and ``prebuilt[shape code]`` =
    (entry, in, out, host) stub addresses."""

    def __init__(self) -> None:
        t0 = time.perf_counter()
        self._tables: dict = {}
        self.build_seconds = 0.0
        self.from_cache = True
        handlers, hsyms, hextra = self._library("handlers", _HANDLERS, HANDLERS_OPT_LEVEL,
                                                _handlers_ir)
        stubs, ssyms, sextra = self._library("stubs", _STUBS, STUBS_OPT_LEVEL, _stubs_ir)
        self.libraries = (handlers, stubs)
        if not self.from_cache:
            both = set(dict(hsyms.items())) & set(dict(ssyms.items()))
            if both:
                raise RuntimeError(f"symbols in both interpreter libraries: {sorted(both)[:5]}")
        # name -> address over both libraries, looked up in their files'
        # symbol indexes as the pre-decoder asks (loader.SymbolIndex)
        self.address = _Addresses(hsyms, ssyms)
        preload = hextra.get("preload")
        if isinstance(preload, dict) and getattr(handlers, "symbols", None) is not None:
            self.address.preload(handlers.base, preload)
        self.symbols = hsyms                 # the handlers' (``in``)
        self.own: dict[str, int] = hextra["own"]
        from .forms import Lowered
        self._lowered = Lowered(hextra["numeric"], hextra["handled"])
        # each lowered op's handler offsets, written at the build
        # (_form_rows): the op tables' fill looks no symbol up
        self._rows = _Rows(hextra, handlers.base) if "rows" in hextra else None
        self.interp_call = self.address["interp_call"]
        # shape code (stubs.shape_code) -> (entry, in, out, host): the
        # stubs library's first symbols, four per shape (stubs.common_stubs_ir)
        self._stubs = stubs
        # shape code -> k (its stubs are table entries 4k..4k+3)
        self._shapes: dict[str, int] = sextra["shapes"]
        # the code of a function that could not be pre-decoded: it traps
        self._unsupported = (ctypes.c_uint64 * 1)(self.address["x_unreachable"])
        self.unsupported_code = ctypes.addressof(self._unsupported)
        self.load_seconds = time.perf_counter() - t0 - self.build_seconds
        self._nan: Optional[tuple[Mapping, object]] = None
        self._nan_lock = threading.Lock()

    @property
    def prebuilt(self) -> dict[str, tuple[int, int, int, int]]:
        """shape code -> (entry, in, out, host) of every prebuilt shape."""
        e = self._stubs.table_entry
        return {code: tuple(e(4 * k + j) for j in range(4)) for code, k in self._shapes.items()}

    def prebuilt_for(self, ft) -> Optional[tuple[int, int, int, int]]:
        """(entry, in, out, host) stubs that serve signature ``ft``, or None
        (stubs.abi_type: one stub serves all signatures of its ABI shape)."""
        from .stubs import shape_code
        k = self._shapes.get(shape_code(ft))
        if k is None:
            return None
        return self._stubs.table_entries(4 * k, 4)

    def stubs_for(self, shapes: list) -> tuple[list[tuple[int, int, int]], Any]:
        """(entry, in, out) stubs of each of ``shapes`` (stubs.abi_type
        signatures no prebuilt stub serves), and what holds their code (the
        caller keeps it: unmapped when collected). Each shape's stubs are
        built once per machine into the interpreter's cache folder, as its
        own libraries are: CPython for WASI has one such shape, and every
        Module() of it started LLVM for it (~70 ms)."""
        from ..compile.cache import _blake2b
        from .stubs import shape_code
        images, out = [], []
        for ft in shapes:
            code = shape_code(ft)
            tag = _blake2b()(code.encode(), digest_size=8).hexdigest()
            build_seconds, from_cache = self.build_seconds, self.from_cache
            try:
                lib, _syms, extra = self._library(
                    f"xstub{tag}", f"wasmlite_xstub_{tag}", STUBS_OPT_LEVEL,
                    lambda ft=ft, code=code: _shape_stubs_ir(ft, code), note=False)
            finally:      # (the interpreter's own build and load, as they were)
                self.build_seconds, self.from_cache = build_seconds, from_cache
            if extra.get("shape") != code:          # another shape's file
                for held in images + [lib]:
                    if hasattr(held, "release"):
                        held.release()
                from ..errors import WasmtimeError
                raise WasmtimeError(f"the interpreter's stub file for {code} holds "
                                    f"{extra.get('shape')}: delete {cache_directory()}")
            images.append(lib)
            out.append(lib.table_entries(0, 3))
        return out, _Images(images)

    def tables(self, consume_fuel: bool,
               nan_canonical: bool = False) -> tuple[dict, dict, dict, dict]:
        """The pre-decoder's lookup tables for one fuel setting (made once,
        filled an op at a time as the pre-decoder asks: ``_OpTables``):
        op -> (handler, Form); the same without fuel; (op, sources) ->
        superinstruction; (op, sources, then) -> superinstruction. With
        ``nan_canonical`` the float ops that canonicalize NaNs map to their
        variants' handlers (``nan_canonical_library``)."""
        key = (consume_fuel, nan_canonical)
        t = self._tables.get(key)
        if t is None:
            t = self._tables[key] = _OpTables(self, consume_fuel, nan_canonical).tables
        return t

    def nan_canonical_library(self) -> tuple[Mapping, object]:
        """(symbol -> address, their ``Lowered``) of the canonicalizing
        float handlers (Config.cranelift_nan_canonicalization;
        compile/nan_canon.py): a third library, built once per machine and
        loaded the first time an engine of this process asks, so the
        interpreter of every other engine starts as before."""
        with self._nan_lock:
            if self._nan is None:
                lib, syms, extra = self._library("nanhandlers", _NAN, HANDLERS_OPT_LEVEL,
                                                 _nan_handlers_ir)
                self.libraries += (lib,)
                from .forms import Lowered
                self._nan = (syms, (Lowered(extra["numeric"], extra["handled"]), syms))
            return self._nan

    def forms_of(self, name: str) -> dict:
        """The forms of the op called ``name`` ({} for an op the handlers
        do not lower: control, own handlers, unknown names)."""
        op = self._lowered.op(name)
        return self._lowered.forms_of(op, self.symbols) if op is not None else {}

    def placed_forms(self, name: str, fuel: bool) -> dict:
        """``forms_of(name)``'s entries of fuel setting ``fuel`` (and with
        fuel, those without too), each as (Form, handler address)."""
        op = self._lowered.op(name)
        if op is None:
            return {}
        if self._rows is not None:
            row = self._rows.row(name)
            found = (self._lowered.placed_forms(op, row, self._rows.base, fuel)
                     if row is not None else None)
            if found is not None:
                return found
        a = self.address
        return {k: (f, a[f.symbol]) for k, f in self._lowered.forms_of(op, self.symbols).items()
                if k[1] == fuel or not k[1]}

    def _library(self, name: str, symbol: str, level: int,
                 make_ir: Callable[[], tuple[str, list[str], dict]], note: bool = True
                 ) -> tuple[object, Mapping[str, int], dict]:
        """Load library ``name`` from the cache, or build and store it:
        (its code, its symbols' addresses by name, the extra data
        ``make_ir`` gave). The cache holds it prelinked (``.img``, mapped by
        compile/loader.py: no LLVM in the process; its symbols in the file's
        index) or, where the loader cannot place it (not x86-64 ELF), as an
        object (``.o``) and a JSON file for LLVM's JIT linker. A file that
        cannot be used (missing, truncated, damaged) is built again."""
        from ..compile import loader as image
        stem = _stem(name)
        try:
            try:
                lib, extra = image.map_file(stem + ".img")
            except FileNotFoundError:
                pass
            else:
                if lib.symbols is not None and extra.get("key") == _key_text():
                    return lib, lib.symbols, extra
                lib.release()       # another build's (a checksum collision) or old
            if os.path.exists(stem + ".o"):
                import json
                from ..compile import jit
                with open(stem + ".json", encoding="utf-8") as f:
                    extra = json.load(f)
                if extra.get("key") != _key_text():
                    raise ValueError("another build's library")
                syms = extra["symbols"]
                with open(stem + ".o", "rb") as f:
                    lib = jit.link_object(f.read(), symbol, len(syms))
                return lib, dict(zip(syms, lib.addresses)), extra
        except Exception:  # noqa: BLE001 - missing or unusable: rebuilt below
            pass
        base = Path(stem)
        img_path, obj_path = base.with_suffix(".img"), base.with_suffix(".o")
        json_path = base.with_suffix(".json")
        from ..compile import jit
        note = note and sys.stderr.isatty()
        if note:
            sys.stderr.write(f"wasmlite: building the interpreter's {name} "
                             "(once per machine and version)...")
            sys.stderr.flush()
        t0 = time.perf_counter()
        ir, syms, extra = make_ir()
        extra = dict(extra, key=_key_text())
        table = ", ".join(f"ptr @{s}" for s in syms)
        ir += f"\n@{symbol} = constant [{len(syms)} x ptr] [{table}]"
        obj = jit.compile_object_here(ir, level)
        try:
            pre: Optional[image.Prelinked] = image.link(obj, symbol, len(syms))
            pre.names = syms
            # the offsets of the names every module's pre-decoder asks
            # (``preload``: the own handlers), ready in the header: looked
            # up one by one they cost a fresh process ~0.1 ms
            want = set(extra.get("preload", ()))
            if want:
                import struct
                words = struct.unpack_from(f"<{len(syms)}Q", pre.image, pre.table)
                extra = dict(extra, preload={n: w for n, w in zip(syms, words) if n in want},
                             **_form_rows(extra, dict(zip(syms, words))))
            pre.extra = extra
        except image.UnsupportedObject:
            pre = None
        seconds = time.perf_counter() - t0
        self.build_seconds += seconds
        self.from_cache = False
        if note:
            sys.stderr.write(f" {seconds:.1f} s\n")
        # (not writable: every process builds its own)
        if pre is not None:
            save_atomic(img_path, pre.to_bytes())
        else:
            import json
            save_atomic(obj_path, obj)
            save_atomic(json_path, json.dumps(dict(extra, symbols=syms)).encode())
        drop_stale(base.parent, name, base.name)
        lib = image.place(pre) if pre is not None else jit.link_object(obj, symbol, len(syms))
        return lib, dict(zip(syms, lib.addresses)), extra


class _Addresses(NameLookup):
    """``Interpreter.address``: symbol -> address over the handlers and the
    stubs (no name is in both: checked when they are built)."""

    __slots__ = ("_handlers", "_stubs", "_found")

    def __init__(self, handlers: Mapping[str, int], stubs: Mapping[str, int]) -> None:
        self._handlers, self._stubs = handlers, stubs
        # what was looked up (each module's pre-decoder asks the same ~60
        # names; a race only finds one twice)
        self._found: dict[str, int] = {}

    def preload(self, base: int, offsets: dict[str, int]) -> None:
        """Take the addresses of ``offsets`` (name -> offset from ``base``,
        the handlers' image, written into its header when it was built)."""
        found = self._found
        for name, off in offsets.items():
            found[name] = base + off

    def get(self, name: str, default=None):
        a = self._found.get(name)
        if a is None:
            a = self._handlers.get(name)
            if a is None:
                a = self._stubs.get(name)
                if a is None:
                    return default
            self._found[name] = a
        return a

    def items(self) -> list[tuple[str, int]]:
        both = dict(self._handlers.items())
        both.update(self._stubs.items())
        return list(both.items())


class _Table(dict):
    """A dict that asks its ``_OpTables`` to fill in an op's entries the
    first time a key of that op is looked up (``[]``, ``in``, ``get``)."""

    def __init__(self, owner: "_OpTables") -> None:
        super().__init__()
        self._owner = owner

    def _fill(self, key) -> None:
        self._owner.fill(key if isinstance(key, str) else key[0])

    def __missing__(self, key):
        self._fill(key)
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def __contains__(self, key) -> bool:
        if dict.__contains__(self, key):
            return True
        self._fill(key)
        return dict.__contains__(self, key)

    def get(self, key, default=None):
        return self[key] if key in self else default


class _OpTables:
    """The four tables of ``Interpreter.tables`` for one fuel setting."""

    def __init__(self, it: Interpreter, consume_fuel: bool, nan_canonical: bool = False) -> None:
        self.it, self.fuel = it, consume_fuel
        # op name -> its canonicalizing variant's (NaN canonicalization)
        self.variants: dict[str, str] = {}
        if nan_canonical:
            from ..syntax.instructions import NAN_CANON
            self.variants = {op.name: v.name for op, v in NAN_CANON.items()}
        self.done: set[str] = set()
        self.lock = threading.Lock()
        self.tables = (_Table(self), _Table(self), _Table(self), _Table(self))

    def fill(self, name: str) -> None:
        """Add op ``name``'s entries (once; another thread asking meanwhile
        waits for all of them)."""
        if name in self.done:
            return
        with self.lock:
            if name in self.done:
                return
            a, fuel = self.it.address, self.fuel
            forms, plain, fused, thens = self.tables
            variant = self.variants.get(name)
            if variant is None:
                found = self.it.placed_forms(name, fuel)
            else:
                # the variant's forms, under the op's name
                a, (lowered, symbols) = self.it.nan_canonical_library()
                op = lowered.op(variant)
                found = {} if op is None else {
                    (name, *k[1:]): (f, a[f.symbol])
                    for k, f in lowered.forms_of(op, symbols).items()}
            for k, (f, address) in found.items():
                if len(k) == 2:
                    if k[1] == fuel:
                        dict.__setitem__(forms, k[0], (address, f))
                    if not k[1]:
                        dict.__setitem__(plain, k[0], (address, f))
                elif k[1] == fuel:
                    dict.__setitem__(fused if len(k) == 3 else thens, (k[0], *k[2:]), address)
            self.done.add(name)


def _form_rows(extra: dict, offsets: Mapping[str, int]) -> dict:
    """What the handlers' image keeps of its forms (``_Rows``): for each
    lowered op, in the order of ``extra``'s ``numeric`` then ``handled``
    names, the image offset of each of its variants (forms.Lowered.variants)
    and of that variant's fuel form (forms.NO_FORM: none). Made from the same
    ``variants`` the pre-decoder's tables read, once at the build."""
    from array import array
    from .forms import NO_FORM, Lowered
    lowered = Lowered(extra["numeric"], extra["handled"])
    rows, at = array("I"), array("I")
    for name in (*extra["numeric"], *extra["handled"]):
        op = lowered.op(name)
        variants = lowered.variants(op) if op is not None else []
        if any(sym not in offsets for _rest, sym in variants):
            at.append(NO_FORM)      # (not built: the op tables look its symbols up)
            continue
        at.append(len(rows))
        rows.append(len(variants))
        for _rest, sym in variants:
            rows.append(offsets[sym])
            rows.append(offsets.get(sym + "_fuel", NO_FORM))
    return {"rows": rows.tobytes(), "row_at": at.tobytes()}


class _Rows:
    """The handlers' form rows (``_form_rows``) of a loaded image at ``base``."""

    def __init__(self, extra: dict, base: int) -> None:
        from array import array
        self.base = base
        self._rows = array("I", extra["rows"])
        self._at = array("I", extra["row_at"])
        self._names = (*extra["numeric"], *extra["handled"])
        self._index: Optional[dict[str, int]] = None

    def row(self, name: str) -> Optional[list[int]]:
        """The offsets of op ``name``'s variants, plain and fuel in turn
        (forms.NO_FORM for a missing fuel form), or None for a name the
        library does not list."""
        index = self._index
        if index is None:
            index = self._index = {n: i for i, n in enumerate(self._names)}
        i = index.get(name)
        if i is None or i >= len(self._at) or self._at[i] >= len(self._rows):
            return None
        start = self._at[i]
        n = self._rows[start]
        return self._rows[start + 1:start + 1 + 2 * n].tolist()


def _handlers_ir() -> tuple[str, list[str], dict]:
    from .handlers import LOWERED, generate, own_handlers
    hs = generate()
    # what the pre-decoder needs of the handlers without importing them
    # (forms.py): the own handlers' word counts, the lowered ops' names
    own = own_handlers()
    return hs.ir, hs.symbols, {"own": {name: n for name, (_t, n) in own.items()},
                               "preload": sorted(own),
                               "numeric": sorted(LOWERED.numeric),
                               "handled": sorted(op.name for op in LOWERED.ops
                                                 if op.name not in LOWERED.numeric)}


def _nan_handlers_ir() -> tuple[str, list[str], dict]:
    from .handlers import NAN_LOWERED, generate_nan_canonical
    hs = generate_nan_canonical()
    return hs.ir, hs.symbols, {"numeric": sorted(NAN_LOWERED.numeric),
                               "handled": sorted(op.name for op in NAN_LOWERED.ops
                                                 if op.name not in NAN_LOWERED.numeric)}


class _Images:
    """Mapped images a module's code needs: unmapped when it is collected
    (not at exit: a daemon thread may still be running the code)."""

    def __init__(self, images: list) -> None:
        self.images = images
        for image in images:
            if hasattr(image, "release"):
                weakref.finalize(self, image.release).atexit = False


def _shape_stubs_ir(ft, code: str) -> tuple[str, list[str], dict]:
    """The entry, in and out stubs of one ABI shape (stubs_for)."""
    from ..compile import jit
    from ..compile.memory import RUNTIME_HELPERS
    from ..compile.numeric import INTRINSIC_DECLS
    from .stubs import entry_trampoline, in_stub, out_stub
    parts = [jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS,
             entry_trampoline("entry0", ft), in_stub("in0", ft), out_stub("out0", ft)]
    return "\n".join(parts), ["entry0", "in0", "out0"], {"shape": code}


def _stubs_ir() -> tuple[str, list[str], dict]:
    from ..compile import jit
    from ..compile.memory import RUNTIME_HELPERS
    from ..compile.numeric import INTRINSIC_DECLS
    from ..runtime.gc_native import GC_IR, GC_SYMBOLS
    from ..runtime.interrupt import SIGINT_IR, SIGINT_SYMBOLS
    from .stubs import common_signatures, common_stubs_ir, shape_code
    common = common_signatures()
    parts, names = common_stubs_ir(common)
    parts.append(SIGINT_IR)             # Ctrl-C's native handler (runtime/interrupt.py)
    names += SIGINT_SYMBOLS
    parts.append(GC_IR)                 # the collector's native half (runtime/gc_native.py)
    names += GC_SYMBOLS
    ir = "\n".join([jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS, *parts])
    return ir, names, {"shapes": {shape_code(ft): k for k, ft in enumerate(common)}}


_key_value: Optional[tuple[str, str]] = None


def _key() -> str:
    """The libraries' name in the cache: a 64-bit checksum of
    ``_key_text()`` (the text itself, stored in each library's file and
    compared at load, makes a match exact)."""
    return _key_pair()[0]


def _key_text() -> str:
    """What the libraries are made from: wasmlite's version and source (the
    compiler's lowering and the interpreter's own), LLVM's build and the
    CPU. Computed without importing llvmlite (~35 ms a process;
    compile/identity.py) or a hash module (hashlib loads OpenSSL). The
    source files count by name, size and modification time, as Python's own
    bytecode cache does (hashing their text cost ~1.5 ms a process)."""
    return _key_pair()[1]


def _key_pair() -> tuple[str, str]:
    global _key_value
    if _key_value is None:
        import zlib
        from .. import __version__
        from ..compile.identity import llvm_and_cpu, source_stamps
        parts = [__version__, os.uname().machine]
        here = os.path.dirname(os.path.abspath(__file__))
        package = os.path.dirname(here)
        for d in (here, os.path.join(package, "compile")):
            parts += source_stamps(d)
        for sub, name in (("wasi", "__init__.py"), ("runtime", "interrupt.py"),
                          ("runtime", "gc_native.py")):
            st = os.stat(os.path.join(package, sub, name))
            parts.append(f"{name} {st.st_size} {st.st_mtime_ns}")
        parts.append(llvm_and_cpu())
        text = "\n".join(parts)
        data = text.encode()
        _key_value = (f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}", text)
    return _key_value


def cache_directory() -> Path:
    return Path(_folder())


def _stem(name: str) -> str:
    """Library ``name``'s path in the cache without its suffix (strings:
    Path costs ~50 µs)."""
    return os.path.join(_folder(), f"{name}-{_key()}")


def _folder() -> str:
    """cache_directory() as a string."""
    from ..compile.cache_dir import default_cache_folder
    return os.path.join(default_cache_folder(), "interp")


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


def interpreter_if_ready() -> Optional[Interpreter]:
    """The interpreter when it costs no build: already loaded in this
    process, or both its libraries in the disk cache (a few ms to map);
    else None. The llvm strategy takes host trampolines from it, instead of
    compiling one LLVM module per WASI signature (0.7 s for wordfreq), but
    never builds it for that."""
    if _loaded is not None:
        return _loaded
    try:
        ready = all(os.path.exists(_stem(name) + ".img") for name in ("handlers", "stubs"))
    except Exception:  # noqa: BLE001 - no usable cache: not ready
        return None
    return interpreter() if ready else None
