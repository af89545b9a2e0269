"""``Component`` of ``wasmlite.component``: a component's binary (or
text) decoded and validated, its core modules compiled through the normal
pipeline (so every tier, the cache and ``serialize`` apply to them)."""
from __future__ import annotations

import os
import pickle
from typing import Any, Dict, Optional, Union

from ..errors import WasmtimeError
from ..records import replace
from ..syntax.component_types import ComponentType

__all__ = ["Component", "ExportIndex"]

_SERIALIZED_MAGIC = b"wasmlite-component\x00\x01"


class ExportIndex:
    """A path to an export (names from the component's root)."""
    __slots__ = ("path",)

    def __init__(self, path: tuple) -> None:
        self.path = path

    def __repr__(self) -> str:
        return f"ExportIndex({'/'.join(self.path)})"


def _core_modules(component: Any) -> list:
    """Every nested core module of ``component`` and its components."""
    from ..syntax import component as C
    out = []
    for d in component.definitions:
        if isinstance(d, C.CoreModule):
            out.append(d)
        elif isinstance(d, C.NestedComponent):
            out.extend(_core_modules(d.component))
    return out


class Component:
    """``Component(engine, wasm)``: ``wasm`` the binary (bytes) or the
    component text format (str)."""

    def __init__(self, engine: Any, wasm: Union[str, bytes, bytearray]) -> None:
        from ..engine import Engine
        if not isinstance(engine, Engine):
            raise TypeError(f"expected an Engine, got {type(engine).__name__}")
        if isinstance(wasm, str):
            from ..text.component_parse import parse_component
            wasm = parse_component(wasm)
        elif isinstance(wasm, (bytearray, memoryview)):
            wasm = bytes(wasm)
        elif not isinstance(wasm, bytes):
            raise TypeError(f"expected bytes or str, got {type(wasm).__name__}")
        self._init(engine, wasm, None)

    def _init(self, engine: Any, wasm: bytes, serialized: Optional[list]) -> None:
        from ..binary.component_decode import decode_component
        from ..module import Module
        self.engine = engine
        self._bytes = wasm
        self._syntax = decode_component(wasm)
        from ..valid.component import validate_component
        decoded: Dict[int, Any] = {}
        self._info = validate_component(self._syntax, decoded)
        if any(isinstance(t, ComponentType) for _, t in self._info.type.import_list):
            # nothing could give one (no linker defines components): Wasmtime
            # refuses such a component when it is loaded
            raise WasmtimeError("root-level component imports are not supported")
        self._type = replace(self._info.type, root=True)
        cores = _core_modules(self._syntax)
        if serialized is not None:
            compiled = [Module.deserialize(engine, s) for s in serialized]
        else:
            compiled = [Module._from_decoded(engine, c.data, decoded.pop(id(c), None))
                        for c in cores]
        for core, module in zip(cores, compiled):
            # backtraces give offsets in the component binary, as Wasmtime's do
            module._syntax.binary_offset = core.offset
        self._modules: Dict[int, Any] = {id(c): m for c, m in zip(cores, compiled)}
        self._compiled = compiled

    @classmethod
    def from_file(cls, engine: Any, path: Union[str, bytes, os.PathLike]) -> "Component":
        with open(path, "rb") as f:
            data = f.read()
        if data[:4] != b"\0asm":
            return cls(engine, data.decode("utf-8"))
        return cls(engine, data)

    def serialize(self) -> bytearray:
        """This component with its core modules' native code (load it with
        ``Component.deserialize`` in the same wasmlite and machine)."""
        payload = pickle.dumps((self._bytes, [bytes(m.serialize()) for m in self._compiled]))
        return bytearray(_SERIALIZED_MAGIC + payload)

    @classmethod
    def deserialize(cls, engine: Any, encoded: Union[bytes, bytearray]) -> "Component":
        encoded = bytes(encoded)
        if not encoded.startswith(_SERIALIZED_MAGIC):
            raise WasmtimeError("not a serialized wasmlite component")
        try:
            wasm, modules = pickle.loads(encoded[len(_SERIALIZED_MAGIC):])
        except Exception as e:     # a damaged file: say so, never unpickle garbage silently
            raise WasmtimeError(f"damaged serialized component: {e}") from None
        self = cls.__new__(cls)
        self._init(engine, wasm, modules)
        return self

    @classmethod
    def deserialize_file(cls, engine: Any, path: str) -> "Component":
        with open(path, "rb") as f:
            return cls.deserialize(engine, f.read())

    def get_export_index(self, name: str, instance: Optional[ExportIndex] = None
                         ) -> Optional[ExportIndex]:
        names = {d.name for d in self._syntax.exports} if instance is None else None
        if names is not None and name not in names:
            return None
        return ExportIndex((instance.path if instance else ()) + (name,))

    @property
    def type(self) -> Any:
        """The component's ``ComponentType`` (``imports(engine)``,
        ``exports(engine)``: name -> ComponentExtern, whose ``ty`` is the type)."""
        return self._type
