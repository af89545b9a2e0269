"""``Module`` (a compiled module) and ``wat2wasm``.

Text is turned into a binary first (as wasmtime does), with a name section
made from the text's ``$ids``, so that byte offsets and function names in
trap backtraces mean the same thing for text and binary input.
"""
from __future__ import annotations

import os
from typing import Union

from .binary import decode_module, encode_module
from .compile import compile_module
from .engine import Engine
from .errors import WasmtimeError
from .syntax.module import Module as SyntaxModule
from .syntax.module import NameSection
from .syntax.types import ExternKind
from .text.lexer import tokenize
from .text.parse import ModuleParser, _module_range, add_sentinels
from .types import ExportType, ImportType, wrap_externtype
from .valid import validate_module

__all__ = ["Module", "wat2wasm"]

_SERIALIZED_MAGIC = b"wasmlite-serialized-module\x00v1\x00"
_WASM_MAGIC = b"\x00asm"


def _parse_wat(text: str) -> SyntaxModule:
    toks = tokenize(text)
    start, end, mid = _module_range(toks)
    add_sentinels(toks)
    parser = ModuleParser(toks, start, end)
    module = parser.parse()
    funcs = {i: n[1:] for n, i in parser.spaces["func"].names.items()}
    if mid is not None or funcs:
        module.names = NameSection(module=mid[1:] if mid else None, funcs=funcs)
    return module


def wat2wasm(wat: Union[str, bytes]) -> bytes:
    """The binary of a text module (names from ``$ids`` in a name section).
    A binary passed in is returned unchanged."""
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
    if isinstance(wasm, str):
        return wat2wasm(wasm)
    if isinstance(wasm, (bytes, bytearray, memoryview)):
        wasm = bytes(wasm)
        return wasm if wasm[:4] == _WASM_MAGIC else wat2wasm(wasm)
    raise TypeError(f"expected wasm bytes or text, got {type(wasm).__name__}")


def _check_engine(engine: object) -> Engine:
    if not isinstance(engine, Engine):
        raise TypeError(f"expected an Engine, got {type(engine).__name__}")
    return engine


class Module:
    """``Module(engine, wasm)``: decode, validate and compile to native code."""

    def __init__(self, engine: Engine, wasm: Union[bytes, str]) -> None:
        engine = _check_engine(engine)
        self._init(engine, _to_wasm(wasm))

    def _init(self, engine: Engine, binary: bytes) -> None:
        syntax = decode_module(binary)
        info = validate_module(syntax)
        rt = engine._rt
        self._engine = engine
        self._binary = binary
        self._syntax = syntax
        self._compiled = compile_module(syntax, info, rt.signatures, rt.opt_level)

    @classmethod
    def from_file(cls, engine: Engine, path: Union[str, os.PathLike]) -> "Module":
        """A module from a ``.wasm`` or ``.wat`` file."""
        with open(path, "rb") as f:
            return cls(engine, f.read())

    @staticmethod
    def validate(engine: Engine, wasm: Union[bytes, str]) -> None:
        """Raise WasmtimeError unless ``wasm`` is a valid module."""
        _check_engine(engine)
        validate_module(decode_module(_to_wasm(wasm)))

    # -- types -------------------------------------------------------------

    def _extern_type(self, kind: ExternKind, desc_or_index):
        m = self._syntax
        if kind == ExternKind.FUNC:
            return wrap_externtype(m.types[desc_or_index])
        return wrap_externtype(desc_or_index)

    @property
    def imports(self) -> list[ImportType]:
        return [ImportType(i.module, i.name, self._extern_type(i.kind, i.desc))
                for i in self._syntax.imports]

    @property
    def exports(self) -> list[ExportType]:
        m = self._syntax
        spaces = {ExternKind.FUNC: [m.types[t] for t in m.func_type_indices()],
                  ExternKind.TABLE: m.all_tables(), ExternKind.MEMORY: m.all_mems(),
                  ExternKind.GLOBAL: m.all_globals()}
        return [ExportType(e.name, wrap_externtype(spaces[e.kind][e.index]))
                for e in m.exports]

    @property
    def name(self):
        """The module name from the name section, or None."""
        names = self._syntax.names
        return names.module if names is not None else None

    # -- serialization -------------------------------------------------------

    def serialize(self) -> bytes:
        """Bytes that ``Module.deserialize`` turns back into this module.

        They hold the module's binary: deserializing compiles it again (a
        cache of native code is future work).
        """
        return _SERIALIZED_MAGIC + self._binary

    @classmethod
    def deserialize(cls, engine: Engine, encoded: Union[bytes, bytearray]) -> "Module":
        engine = _check_engine(engine)
        if not isinstance(encoded, (bytes, bytearray, memoryview)):
            raise TypeError(f"expected bytes, got {type(encoded).__name__}")
        encoded = bytes(encoded)
        if not encoded.startswith(_SERIALIZED_MAGIC):
            raise WasmtimeError("bytes are not a module serialized by wasmlite")
        module = cls.__new__(cls)
        module._init(engine, encoded[len(_SERIALIZED_MAGIC):])
        return module

    @classmethod
    def deserialize_file(cls, engine: Engine, path: Union[str, os.PathLike]) -> "Module":
        with open(path, "rb") as f:
            return cls.deserialize(engine, f.read())
