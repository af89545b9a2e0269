"""``Module`` (a compiled module) and ``wat2wasm``.

Text is turned into a binary first (as wasmtime does), with a name section
made from the text's ``$ids``, so that byte offsets and function names in
trap backtraces mean the same thing for text and binary input.

A Module pickles: it carries its serialized native code (``serialize``), and
unpickling in a process whose engine settings or machine differ from the
fingerprint in those bytes recompiles from the wasm binary it also carries
(``_unpickle``). ``close()`` stops the Module from being instantiated or
inspected; instances made from it keep working.
"""
from __future__ import annotations

import os
from typing import Any, Union

from .binary import decode_module, encode_module
from . import tiering
from .engine import Engine, shared_engine
from .errors import WasmtimeError
from .managed import Managed
from .syntax.module import Module as SyntaxModule
from .syntax.module import NameSection
from .syntax.types import ExternKind
from .types import ExportType, ImportType, wrap_externtype
from .valid import validate_module
from .valid import parallel as _parallel

__all__ = ["Module", "wat2wasm"]

_WASM_MAGIC = b"\x00asm"


def _cache_format():
    """compile/cache.py (imports the compiler: only for caches and
    serialization)."""
    from .compile import cache
    return cache


def _parse_wat(text: str) -> SyntaxModule:
    # the text front end is imported by the first text module (~10 ms)
    from .text.lexer import tokenize
    from .text.parse import ModuleParser, _module_range, add_sentinels
    toks = tokenize(text)
    start, end, mid = _module_range(toks)
    add_sentinels(toks)
    parser = ModuleParser(toks, start, end)
    module = parser.parse()
    funcs = {i: n[1:] for n, i in parser.spaces["func"].names.items()}
    if mid is not None or funcs:
        module.names = NameSection(module=mid[1:] if mid else None, funcs=funcs)
    return module


def wat2wasm(wat: Union[str, bytes]) -> bytearray:
    """The binary of a text module (names from ``$ids`` in a name section),
    as a bytearray like wasmtime-py's. A binary passed in is returned
    unchanged (copied)."""
    return bytearray(_wat2wasm(wat))


def _wat2wasm(wat: Union[str, bytes]) -> bytes:
    if isinstance(wat, (bytes, bytearray, memoryview)):
        wat = bytes(wat)
        if wat[:4] == _WASM_MAGIC:
            return wat
        try:
            wat = wat.decode("utf-8")
        except UnicodeDecodeError:
            raise WasmtimeError("input is neither a wasm binary nor UTF-8 text") from None
    elif not isinstance(wat, str):
        raise TypeError(f"expected str or bytes, got {type(wat).__name__}")
    return encode_module(_parse_wat(wat))


def _to_wasm(wasm: object) -> bytes:
    """The binary of ``wasm`` (text is converted). Like wasmtime-py, bytes
    that are empty or start with a NUL byte are a binary: ``b""`` is an
    unexpected end of file, not an empty text module."""
    if isinstance(wasm, str):
        return _wat2wasm(wasm)
    if isinstance(wasm, (bytes, bytearray, memoryview)):
        wasm = bytes(wasm)
        return wasm if wasm[:1] in (b"", b"\0") else _wat2wasm(wasm)
    raise TypeError(f"expected wasm bytes or text, got {type(wasm).__name__}")


def _code_settings(rt) -> str:
    """What besides the bytes decides the compiled code (the cache key)."""
    settings = f"opt={rt.opt_level},fuel={int(rt.consume_fuel)},epoch={int(rt.epoch_interruption)}"
    if getattr(rt, "nan_canonicalization", False):      # other code for float ops
        settings += ",nan=canonical"
    return settings


def _relaxed_deterministic(syntax) -> None:
    """Put in place of each relaxed SIMD op whose result depends on the host
    the op that gives Wasmtime's deterministic choice (the same stack
    effect, so what validation computed still holds). Every tier and the
    compile workers read these bodies, so all of them see the swap."""
    from .syntax.instructions import RELAXED_DETERMINISTIC as swap
    for f in syntax.funcs:
        for ins in f.body:
            d = swap.get(ins.op)
            if d is not None:
                ins.op = d


def _check_engine(engine: object) -> Engine:
    if not isinstance(engine, Engine):
        raise TypeError(f"expected an Engine, got {type(engine).__name__}")
    engine._check_open()
    return engine


def _unpickle(settings: tuple, serialized: bytes, binary: bytes) -> "Module":
    """A pickled Module in this process, on this process's shared engine
    for the original engine's settings (``Store()`` uses the one for the
    default settings): its native code if the fingerprint in ``serialized``
    matches this process, else compiled again from ``binary``."""
    engine = shared_engine(settings)
    try:
        return Module.deserialize(engine, serialized)
    except WasmtimeError:
        module = Module.__new__(Module)
        module._init(engine, binary)
        return module


def _has_type_refs(valtypes) -> bool:
    """Whether a reference among ``valtypes`` names a type by index."""
    return any(getattr(t, "is_ref", False) and type(t.heap) is int for t in valtypes)


class Module(Managed):
    """``Module(engine, wasm)``: decode, validate and compile to native code."""

    def __init__(self, engine: Engine, wasm: Union[bytes, str]) -> None:
        engine = _check_engine(engine)
        self._init(engine, _to_wasm(wasm))

    @property
    def _compiled(self):
        self._check_open()
        return self.__compiled

    @_compiled.setter
    def _compiled(self, compiled) -> None:
        self.__compiled = compiled

    def _release(self) -> None:
        self.__compiled = None      # _syntax stays: instances made earlier read it

    def __reduce__(self):
        self._check_open()
        return (_unpickle, (self._engine._settings(), bytes(self.serialize()),
                            encode_module(self._syntax)))

    @property
    def engine(self) -> Engine:
        """The Engine this module was compiled for (a wasmlite addition: an
        unpickled module's engine is the one to make its Stores with)."""
        return self._engine

    @classmethod
    def _from_decoded(cls, engine: Engine, binary: bytes, syntax: Any = None) -> "Module":
        """A module from ``binary``, already decoded into ``syntax`` when
        that is not None (a component's core module, decoded while the
        component was validated)."""
        self = cls.__new__(cls)
        self._init(engine, binary, syntax)
        return self

    def _init(self, engine: Engine, binary: bytes, decoded: Any = None) -> None:
        rt = engine._rt
        self._engine = engine
        cache = engine._cache if rt.strategy != "interpreter" else None
        if cache is not None:
            settings = _code_settings(rt)
            # a cached module skips validation: one validated with other
            # proposals turned off must not be found
            settings += ",off=" + "+".join(sorted(engine._disabled_features))
            if engine._relaxed_deterministic:     # other code for relaxed SIMD
                settings += ",relaxed=deterministic"
            key, tiered_key = cache.keys(binary, settings, settings + ",tiered")
            data = cache.get(key)
            if data is not None:
                try:
                    self._adopt(_cache_format().deserialize(data, rt.signatures))
                    return
                except WasmtimeError:
                    pass              # stale or damaged: compile and replace it
        keep = trusted = kept = None
        if cache is not None and rt.strategy == "auto":
            from .compile.tier_cache import TieredEntry, trusted_features
            keep = TieredEntry(cache, tiered_key)
            # tier-up code kept by an earlier run of this binary, whose
            # bodies that run validated under these settings: they are
            # not checked again (CPython for WASI: ~1 s), as a cached
            # whole module's are not
            kept = keep.peek()
            trusted = trusted_features(kept)
        helper = None
        if decoded is None and trusted is None and engine._jobs is None \
                and len(binary) >= _parallel.HELPER_MIN_BYTES:
            # a big module's bodies: half of them validated by a helper
            # process (started now, it decodes while this process does)
            helper = _parallel.start_helper(binary, engine._disabled_features)
        try:
            # trusted bytes were decoded whole before: their bodies are not
            # scanned again either (CPython for WASI: most of its decode)
            syntax = decoded if decoded is not None else decode_module(
                binary, unchecked_bodies=trusted is not None)
            info = validate_module(syntax, engine._disabled_features, trusted, helper)
        finally:
            if helper is not None:
                helper.close()
        if keep is not None and kept is None:
            keep.vouch(info.features)   # no entry yet: the next run trusts these bodies
        if engine._relaxed_deterministic and "relaxed_simd" in info.features:
            _relaxed_deterministic(syntax)
        on_native = None
        if cache is not None:
            def on_native(compiled, cache=cache, key=key) -> None:
                # tier-up compiled the whole module: the next run starts with it
                cache.put(key, _cache_format().serialize(compiled))
        self._adopt(tiering.prepare(syntax, info, rt, jobs=engine._jobs, on_native=on_native,
                                    keep=keep))
        if cache is not None and getattr(self._compiled, "tier", "llvm") == "llvm":
            cache.put(key, _cache_format().serialize(self._compiled))

    def _adopt(self, compiled) -> None:
        rt = self._engine._rt
        if (compiled.consume_fuel, compiled.epoch_interruption) != (
                rt.consume_fuel, rt.epoch_interruption):
            raise WasmtimeError("module was compiled with other fuel or epoch settings"
                                " than this engine's")
        if bool(getattr(compiled, "nan_canonicalization", False)) != rt.nan_canonicalization:
            raise WasmtimeError("module was compiled with another "
                                "cranelift_nan_canonicalization setting than this engine's")
        self._compiled = compiled
        self._syntax = compiled.module
        if getattr(compiled, "tier", "llvm") == "llvm":
            # perf maps, GDB's JIT interface (interpreted code: when tier-up
            # installs some, tiering.py)
            from .runtime.code_events import module_compiled
            module_compiled(rt, compiled)

    @classmethod
    def from_file(cls, engine: Engine, path: Union[str, os.PathLike]) -> "Module":
        """A module from a ``.wasm`` or ``.wat`` file."""
        with open(path, "rb") as f:
            return cls(engine, f.read())

    @staticmethod
    def validate(engine: Engine, wasm: Union[bytes, bytearray]) -> None:
        """Raise WasmtimeError unless the binary ``wasm`` is a valid module
        (TypeError for text, as in wasmtime-py)."""
        _check_engine(engine)
        if not isinstance(wasm, (bytes, bytearray)):
            raise TypeError(f"expected wasm bytes, got {type(wasm).__name__}")
        validate_module(decode_module(bytes(wasm)),
                        engine._disabled_features)

    # -- types -------------------------------------------------------------

    def _extern_type(self, kind: ExternKind, desc_or_index):
        """The public type of an import or export, in canonical form: a
        reference to one of the module's own types names that type itself,
        not an index (a host function or tag made from it then matches the
        module's, as another module's would)."""
        self._check_open()
        m = self._syntax
        if kind == ExternKind.FUNC or kind == ExternKind.TAG:
            ft = m.types[desc_or_index]
            deftype = None
            if _has_type_refs(ft.valtypes()) or getattr(m, "rec_groups", None) \
                    or getattr(m, "subtypes", None):
                from .syntax.types import canonical_types
                c = canonical_types(m)[desc_or_index]
                ft = getattr(c, "composite", c)
                deftype = c if c is not ft else None
            if kind == ExternKind.TAG:      # a tag's type is its function type's
                from .tag import TagType
                out = TagType._wrap(ft)
            else:
                out = wrap_externtype(ft)
            if deftype is not None:         # (a host function made from it has it)
                out._deftype = deftype
            return out
        vt = getattr(desc_or_index, "elem", None) or getattr(desc_or_index, "valtype", None)
        if vt is not None and _has_type_refs((vt,)):
            from .records import replace
            from .syntax.types import canonical_types, canonical_valtype
            vt = canonical_valtype(vt, canonical_types(m))
            field = "elem" if hasattr(desc_or_index, "elem") else "valtype"
            desc_or_index = replace(desc_or_index, **{field: vt})
        return wrap_externtype(desc_or_index)

    @property
    def imports(self) -> list[ImportType]:
        self._check_open()
        return [ImportType(i.module, i.name, self._extern_type(i.kind, i.desc))
                for i in self._syntax.imports]

    @property
    def exports(self) -> list[ExportType]:
        self._check_open()
        m = self._syntax
        spaces = {ExternKind.FUNC: [m.types[t] for t in m.func_type_indices()],
                  ExternKind.TABLE: m.all_tables(), ExternKind.MEMORY: m.all_mems(),
                  ExternKind.GLOBAL: m.all_globals(), ExternKind.TAG: m.tag_type_indices()}
        return [ExportType(e.name, self._extern_type(ExternKind.TAG, spaces[e.kind][e.index])
                           if e.kind == ExternKind.TAG
                           else wrap_externtype(spaces[e.kind][e.index]))
                for e in m.exports]

    @property
    def name(self):
        """The module name from the name section, or None."""
        self._check_open()
        names = self._syntax.names
        return names.module if names is not None else None

    # -- serialization -------------------------------------------------------

    def serialize(self) -> bytearray:
        """The compiled module as a bytearray (native code included), for
        ``Module.deserialize`` in this or another process on the same
        machine, wasmlite and LLVM (compile/cache.py)."""
        native = tiering.native(self._compiled, self._engine._rt, self._engine._jobs)
        return bytearray(_cache_format().serialize(native))

    @classmethod
    def deserialize(cls, engine: Engine, encoded: Union[bytes, bytearray]) -> "Module":
        """A module from ``serialize``'s bytes, without compiling. Like
        Wasmtime's, this loads machine code: only pass bytes you trust."""
        engine = _check_engine(engine)
        if not isinstance(encoded, (bytes, bytearray)):
            raise TypeError(f"expected bytes, got {type(encoded).__name__}")
        module = cls.__new__(cls)
        module._engine = engine
        module._adopt(_cache_format().deserialize(bytes(encoded), engine._rt.signatures))
        return module

    @classmethod
    def deserialize_file(cls, engine: Engine, path: Union[str, os.PathLike]) -> "Module":
        """``deserialize`` of a file's bytes; a file that cannot be read is
        a WasmtimeError, as in wasmtime-py (which reads it in the C API)."""
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            raise WasmtimeError(f"failed to read {os.fspath(path)}: "
                                f"{e.strerror or e}") from None
        return cls.deserialize(engine, data)
