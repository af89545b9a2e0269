"""Public type objects: ValType, FuncType, Limits, MemoryType, TableType,
GlobalType, ImportType, ExportType (wasmtime-py's ``_types`` surface).

Each wraps the immutable ``syntax.types`` value it stands for (``_inner``),
so converting to what the runtime takes is an attribute load.
"""
from __future__ import annotations

from typing import Iterable, Optional, Union

from .errors import WasmtimeError
from .syntax import types as S

__all__ = ["ValType", "FuncType", "Limits", "MemoryType", "TableType",
           "GlobalType", "ImportType", "ExportType"]

_U32_MAX = 2**32 - 1


class ValType:
    """A value type; make one with ``ValType.i32()`` etc."""

    __slots__ = ("_inner",)

    def __init__(self, inner: S.ValType) -> None:
        if not isinstance(inner, S.ValType):
            raise TypeError("use ValType.i32(), ValType.i64(), ... to make a ValType")
        self._inner = inner

    @staticmethod
    def i32() -> "ValType":
        return _VALTYPES[S.I32]

    @staticmethod
    def i64() -> "ValType":
        return _VALTYPES[S.I64]

    @staticmethod
    def f32() -> "ValType":
        return _VALTYPES[S.F32]

    @staticmethod
    def f64() -> "ValType":
        return _VALTYPES[S.F64]

    @staticmethod
    def v128() -> "ValType":
        return _VALTYPES[S.V128]

    @staticmethod
    def funcref() -> "ValType":
        return _VALTYPES[S.FUNCREF]

    @staticmethod
    def externref() -> "ValType":
        return _VALTYPES[S.EXTERNREF]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ValType) and other._inner is self._inner

    def __hash__(self) -> int:
        return hash(self._inner.name)

    def __str__(self) -> str:
        return self._inner.name

    __repr__ = __str__


_VALTYPES = {t: ValType(t) for t in S.ALL_VALTYPES}


def wrap_valtype(t: S.ValType) -> ValType:
    return _VALTYPES[t]


def _inner_valtype(t: object, what: str = "ValType") -> S.ValType:
    if not isinstance(t, ValType):
        raise TypeError(f"expected {what}, got {type(t).__name__}")
    return t._inner


class FuncType:
    """``FuncType(params, results)``: lists of ValType."""

    __slots__ = ("_inner",)

    def __init__(self, params: Iterable[ValType], results: Iterable[ValType]) -> None:
        if isinstance(params, ValType) or isinstance(results, ValType):
            raise TypeError("FuncType params and results must be lists of ValType")
        self._inner = S.FuncType(tuple(_inner_valtype(p) for p in params),
                                 tuple(_inner_valtype(r) for r in results))

    @classmethod
    def _wrap(cls, inner: S.FuncType) -> "FuncType":
        ft = cls.__new__(cls)
        ft._inner = inner
        return ft

    @property
    def params(self) -> list[ValType]:
        return [_VALTYPES[t] for t in self._inner.params]

    @property
    def results(self) -> list[ValType]:
        return [_VALTYPES[t] for t in self._inner.results]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FuncType) and other._inner == self._inner

    def __hash__(self) -> int:
        return hash(self._inner)

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


class MemoryType:
    """``MemoryType(limits, is_64=False, shared=False)``; limits in pages."""

    __slots__ = ("_inner",)

    def __init__(self, limits: Limits, is_64: bool = False, shared: bool = False) -> None:
        limits = _check_limits(limits)
        bound = 2**48 if is_64 else S.MAX_PAGES_32
        for n in (limits.min, limits.max):
            if n is not None and n > bound:
                raise WasmtimeError("minimum size is too large for this memory type's "
                                    "index type" if n == limits.min else
                                    "maximum size is too large for this memory type's "
                                    "index type")
        if shared and limits.max is None:
            raise WasmtimeError("shared memories must have a maximum size")
        self._inner = S.MemoryType(limits._to_inner(), bool(is_64), bool(shared))

    @classmethod
    def _wrap(cls, inner: S.MemoryType) -> "MemoryType":
        mt = cls.__new__(cls)
        mt._inner = inner
        return mt

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


class TableType:
    """``TableType(valtype, limits)``: a table of funcref or externref."""

    __slots__ = ("_inner",)

    def __init__(self, valtype: ValType, limits: Limits) -> None:
        elem = _inner_valtype(valtype)
        limits = _check_limits(limits)
        if not elem.is_ref:
            raise WasmtimeError(f"table element type must be a reference type, not {elem}")
        for n in (limits.min, limits.max):
            if n is not None and n > _U32_MAX:
                raise WasmtimeError("table size must be at most 2**32-1 elements")
        self._inner = S.TableType(elem, limits._to_inner())

    @classmethod
    def _wrap(cls, inner: S.TableType) -> "TableType":
        tt = cls.__new__(cls)
        tt._inner = inner
        return tt

    @property
    def element(self) -> ValType:
        return _VALTYPES[self._inner.elem]

    @property
    def limits(self) -> Limits:
        return Limits._wrap(self._inner.limits)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TableType) and other._inner == self._inner

    def __hash__(self) -> int:
        return hash(self._inner)

    def __repr__(self) -> str:
        return f"TableType({self.element!r}, {self.limits!r})"


class GlobalType:
    """``GlobalType(valtype, mutable)``."""

    __slots__ = ("_inner",)

    def __init__(self, valtype: ValType, mutable: bool) -> None:
        self._inner = S.GlobalType(_inner_valtype(valtype), bool(mutable))

    @classmethod
    def _wrap(cls, inner: S.GlobalType) -> "GlobalType":
        gt = cls.__new__(cls)
        gt._inner = inner
        return gt

    @property
    def content(self) -> ValType:
        return _VALTYPES[self._inner.valtype]

    @property
    def mutable(self) -> bool:
        return self._inner.mutable

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GlobalType) and other._inner == self._inner

    def __hash__(self) -> int:
        return hash(self._inner)

    def __repr__(self) -> str:
        return f"GlobalType({self.content!r}, {self.mutable})"


ExternType = Union[FuncType, TableType, MemoryType, GlobalType]


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


class ImportType:
    """One import of a module: ``.module``, ``.name``, ``.type``."""

    __slots__ = ("module", "name", "type")

    def __init__(self, module: str, name: str, type: ExternType) -> None:
        self.module = module
        self.name = name
        self.type = type

    def __repr__(self) -> str:
        return f"ImportType({self.module!r}, {self.name!r}, {self.type!r})"


class ExportType:
    """One export of a module: ``.name``, ``.type``."""

    __slots__ = ("name", "type")

    def __init__(self, name: str, type: ExternType) -> None:
        self.name = name
        self.type = type

    def __repr__(self) -> str:
        return f"ExportType({self.name!r}, {self.type!r})"
