"""Public type objects: ValType, FuncType, Limits, MemoryType, TableType,
GlobalType, ImportType, ExportType (wasmtime-py's ``_types`` surface).

Each wraps the immutable ``syntax.types`` value it stands for (``_inner``),
so converting to what the runtime takes is an attribute load. Like
wasmtime-py's, every type object except Limits is Managed: ``close()`` and
``with``; a closed one raises ValueError wherever it is used. Every call
(``ValType.i32()``, ``FuncType.params``, ...) makes new objects, so closing
one never affects another.
"""
from __future__ import annotations

from typing import Iterable, Optional, Union

from .errors import WasmtimeError
from .managed import Managed, closed_error
from .syntax import types as S

__all__ = ["ValType", "FuncType", "Limits", "MemoryType", "TableType",
           "GlobalType", "ImportType", "ExportType"]

_U32_MAX = 2**32 - 1


class _TypeObject(Managed):
    """A Managed wrapper of one syntax-level type: ``_inner`` raises
    ValueError once the object is closed."""

    __slots__ = ("_raw",)

    @property
    def _inner(self):
        raw = self._raw
        if raw is None:
            raise closed_error(self)
        return raw

    @_inner.setter
    def _inner(self, value) -> None:
        self._raw = value

    def _release(self) -> None:
        self._raw = None

    @classmethod
    def _wrap(cls, inner):
        obj = cls.__new__(cls)
        obj._raw = inner
        return obj

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other._inner == self._inner

    def __hash__(self) -> int:
        return hash(self._inner)


class ValType(_TypeObject):
    """A value type; make one with ``ValType.i32()`` etc."""

    __slots__ = ()

    def __init__(self) -> None:
        raise WasmtimeError("cannot construct directly: use ValType.i32(), "
                            "ValType.i64(), ...")

    @classmethod
    def _wrap(cls, inner):
        # as wasmtime-py (through the C API) sees them: a typed reference,
        # (ref $t) or (ref null func), is a funcref (externref)
        obj = cls.__new__(cls)
        obj._raw = inner.top if isinstance(inner, S.ValType) else inner
        return obj

    @staticmethod
    def i32() -> "ValType":
        return ValType._wrap(S.I32)

    @staticmethod
    def i64() -> "ValType":
        return ValType._wrap(S.I64)

    @staticmethod
    def f32() -> "ValType":
        return ValType._wrap(S.F32)

    @staticmethod
    def f64() -> "ValType":
        return ValType._wrap(S.F64)

    @staticmethod
    def v128() -> "ValType":
        return ValType._wrap(S.V128)

    @staticmethod
    def funcref() -> "ValType":
        return ValType._wrap(S.FUNCREF)

    @staticmethod
    def externref() -> "ValType":
        return ValType._wrap(S.EXTERNREF)

    # Wasm GC's abstract reference types (beyond wasmtime-py 50, which has
    # none of them): values cross as GcRef objects (or None)
    @staticmethod
    def anyref() -> "ValType":
        return ValType._wrap(S.ANYREF)

    @staticmethod
    def eqref() -> "ValType":
        return ValType._wrap(S.ref_type("eq"))

    @staticmethod
    def i31ref() -> "ValType":
        return ValType._wrap(S.ref_type("i31"))

    @staticmethod
    def structref() -> "ValType":
        return ValType._wrap(S.ref_type("struct"))

    @staticmethod
    def arrayref() -> "ValType":
        return ValType._wrap(S.ref_type("array"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ValType) and other._inner is self._inner

    def __hash__(self) -> int:
        return hash(self._inner.name)

    def __str__(self) -> str:
        return self._inner.name

    __repr__ = __str__


def wrap_valtype(t: S.ValType) -> ValType:
    return ValType._wrap(t)


def _inner_valtype(t: object, what: str = "ValType") -> S.ValType:
    if not isinstance(t, ValType):
        raise TypeError(f"expected {what}, got {type(t).__name__}")
    return t._inner


class FuncType(_TypeObject):
    """``FuncType(params, results)``: lists of ValType."""

    __slots__ = ("_deftype",)     # (a Wasm GC canonical type of its own: module.py)

    def __init__(self, params: Iterable[ValType], results: Iterable[ValType]) -> None:
        if isinstance(params, ValType) or isinstance(results, ValType):
            raise TypeError("FuncType params and results must be lists of ValType")
        self._raw = S.FuncType(tuple(_inner_valtype(p) for p in params),
                               tuple(_inner_valtype(r) for r in results))

    @property
    def params(self) -> list[ValType]:
        return [ValType._wrap(t) for t in self._inner.params]

    @property
    def results(self) -> list[ValType]:
        return [ValType._wrap(t) for t in self._inner.results]

    def __str__(self) -> str:
        parts = ["func"]
        if self._inner.params:
            parts.append(f"(param {' '.join(t.name for t in self._inner.params)})")
        if self._inner.results:
            parts.append(f"(result {' '.join(t.name for t in self._inner.results)})")
        return f"({' '.join(parts)})"

    def __repr__(self) -> str:
        return f"FuncType({self.params!r}, {self.results!r})"


def _check_u32(value: object, what: str) -> int:
    if type(value) is bool or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
    if not 0 <= value <= 2**64 - 1:
        raise WasmtimeError(f"{what} out of range: {value}")
    return int(value)


class Limits:
    """``Limits(min, max=None)``: sizes in pages or elements."""

    __slots__ = ("min", "max")

    def __init__(self, min: int, max: Optional[int] = None) -> None:
        self.min = _check_u32(min, "limits minimum")
        self.max = None if max is None else _check_u32(max, "limits maximum")

    @classmethod
    def _wrap(cls, inner: S.Limits) -> "Limits":
        return cls(inner.min, inner.max)

    def _to_inner(self) -> S.Limits:
        return S.Limits(self.min, self.max)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Limits) and (self.min, self.max) == (other.min, other.max)

    def __hash__(self) -> int:
        return hash((self.min, self.max))

    def __repr__(self) -> str:
        return f"Limits({self.min}, {self.max})"


def _check_limits(limits: object) -> Limits:
    if not isinstance(limits, Limits):
        raise TypeError(f"expected Limits, got {type(limits).__name__}")
    if limits.max is not None and limits.max < limits.min:
        raise WasmtimeError("maximum size cannot be smaller than the minimum size")
    return limits


class MemoryType(_TypeObject):
    """``MemoryType(limits, is_64=False, shared=False, page_size_log2=16)``;
    limits in pages. ``page_size_log2`` is 16 (64 KiB pages) or 0 (1-byte
    pages, the custom-page-sizes proposal)."""

    __slots__ = ()

    def __init__(self, limits: Limits, is_64: bool = False, shared: bool = False,
                 page_size_log2: int = 16) -> None:
        if not isinstance(page_size_log2, int):
            raise TypeError("page_size_log2 must be an int")
        limits = _check_limits(limits)
        # (the limits are checked first, as wasmtime-py does)
        if page_size_log2 == 16:
            bound = (2**48 if is_64 else S.MAX_PAGES_32)
        else:
            bound = ((1 << 64) - 1 if is_64 else (1 << 32) - 1) >> max(0, page_size_log2)
        for n in (limits.min, limits.max):
            if n is not None and n > bound:
                which = "minimum" if n == limits.min else "maximum"
                # (wasmtime-py's words differ by page size)
                raise WasmtimeError(f"{which} size is too large for this memory type's "
                                    "index type" if page_size_log2 == 16 else
                                    f"{which} size too large")
        if page_size_log2 not in (0, 16):
            raise WasmtimeError(
                f"page size must be 2**16 or 2**0, but was given 2**{page_size_log2}"
                "; note that future Wasm extensions might allow any power of two page "
                "size, but only 2**16 and 2**0 are currently valid")
        inner = S.MemoryType(limits._to_inner(), bool(is_64), bool(shared), page_size_log2)
        if shared and limits.max is None:
            raise WasmtimeError("shared memories must have a maximum size")
        self._raw = inner

    @property
    def page_size_log2(self) -> int:
        self._check_open()
        return self._inner.page_size_log2

    @property
    def page_size(self) -> int:
        """Bytes per page: 65536, or 1 for a custom-page-sizes type."""
        return 1 << self.page_size_log2

    @property
    def limits(self) -> Limits:
        return Limits._wrap(self._inner.limits)

    @property
    def is_64(self) -> bool:
        return self._inner.is64

    @property
    def is_shared(self) -> bool:
        return self._inner.shared

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MemoryType) and other._inner == self._inner

    def __hash__(self) -> int:
        return hash(self._inner)

    def __repr__(self) -> str:
        return f"MemoryType({self.limits!r})"


class TableType(_TypeObject):
    """``TableType(valtype, limits)``: a table of funcref or externref."""

    __slots__ = ()

    def __init__(self, valtype: ValType, limits: Limits) -> None:
        elem = _inner_valtype(valtype)
        limits = _check_limits(limits)
        if not elem.is_ref:
            raise WasmtimeError(f"table element type must be a reference type, not {elem}")
        for n in (limits.min, limits.max):
            if n is not None and n > _U32_MAX:
                raise WasmtimeError("table size must be at most 2**32-1 elements")
        self._raw = S.TableType(elem, limits._to_inner())

    @property
    def element(self) -> ValType:
        return ValType._wrap(self._inner.elem)

    @property
    def limits(self) -> Limits:
        return Limits._wrap(self._inner.limits)

    def __repr__(self) -> str:
        return f"TableType({self.element!r}, {self.limits!r})"


class GlobalType(_TypeObject):
    """``GlobalType(valtype, mutable)``."""

    __slots__ = ()

    def __init__(self, valtype: ValType, mutable: bool) -> None:
        self._raw = S.GlobalType(_inner_valtype(valtype), bool(mutable))

    @property
    def content(self) -> ValType:
        return ValType._wrap(self._inner.valtype)

    @property
    def mutable(self) -> bool:
        return self._inner.mutable

    def __repr__(self) -> str:
        return f"GlobalType({self.content!r}, {self.mutable})"


ExternType = Union[FuncType, TableType, MemoryType, GlobalType, "TagType"]


def wrap_externtype(inner) -> ExternType:
    """The public type object of a syntax-level extern type."""
    if isinstance(inner, S.FuncType):
        return FuncType._wrap(inner)
    if isinstance(inner, S.MemoryType):
        return MemoryType._wrap(inner)
    if isinstance(inner, S.TableType):
        return TableType._wrap(inner)
    if isinstance(inner, S.GlobalType):
        return GlobalType._wrap(inner)
    raise WasmtimeError(f"unsupported extern type {inner!r}")


class ImportType(_TypeObject):
    """One import of a module: ``.module``, ``.name``, ``.type``."""

    __slots__ = ()

    def __init__(self, module: str, name: str, type: ExternType) -> None:
        self._raw = (module, name, type)

    @property
    def module(self) -> str:
        return self._inner[0]

    @property
    def name(self) -> str:
        return self._inner[1]

    @property
    def type(self) -> ExternType:
        return self._inner[2]

    def __repr__(self) -> str:
        return f"ImportType({self.module!r}, {self.name!r}, {self.type!r})"


class ExportType(_TypeObject):
    """One export of a module: ``.name``, ``.type``."""

    __slots__ = ()

    def __init__(self, name: str, type: ExternType) -> None:
        self._raw = (name, type)

    @property
    def name(self) -> str:
        return self._inner[0]

    @property
    def type(self) -> ExternType:
        return self._inner[1]

    def __repr__(self) -> str:
        return f"ExportType({self.name!r}, {self.type!r})"
