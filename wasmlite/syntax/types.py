"""WebAssembly types as plain immutable data.

Value types are interned singletons so that every stage can compare them with
``is`` and use them as dict keys cheaply.
"""
from __future__ import annotations

from dataclasses import dataclass
import enum
from typing import Optional


class ValType:
    """A value type. Use the module constants (I32, I64, ...), never construct."""

    __slots__ = ("name", "code", "size", "is_ref", "is_num")

    def __init__(self, name: str, code: int, size: int, is_ref: bool = False) -> None:
        self.name = name          # text-format name, e.g. "i32"
        self.code = code          # binary encoding byte
        self.size = size          # bytes in linear memory / value slots
        self.is_ref = is_ref
        self.is_num = not is_ref and name != "v128"

    def __repr__(self) -> str:
        return self.name

    __str__ = __repr__

    def __reduce__(self):  # keep singletons across pickling (compile cache)
        return (valtype_by_name, (self.name,))


I32 = ValType("i32", 0x7F, 4)
I64 = ValType("i64", 0x7E, 8)
F32 = ValType("f32", 0x7D, 4)
F64 = ValType("f64", 0x7C, 8)
V128 = ValType("v128", 0x7B, 16)
FUNCREF = ValType("funcref", 0x70, 8, is_ref=True)
EXTERNREF = ValType("externref", 0x6F, 8, is_ref=True)

ALL_VALTYPES = (I32, I64, F32, F64, V128, FUNCREF, EXTERNREF)
VALTYPE_BY_CODE = {t.code: t for t in ALL_VALTYPES}
VALTYPE_BY_NAME = {t.name: t for t in ALL_VALTYPES}
# Heap types as they appear after ref.null (binary and text).
REFTYPE_BY_HEAPCODE = {0x70: FUNCREF, 0x6F: EXTERNREF}
REFTYPE_BY_HEAPNAME = {"func": FUNCREF, "extern": EXTERNREF}


def valtype_by_name(name: str) -> ValType:
    return VALTYPE_BY_NAME[name]


@dataclass(frozen=True)
class FuncType:
    params: tuple[ValType, ...]
    results: tuple[ValType, ...]

    def __str__(self) -> str:
        p = " ".join(map(str, self.params))
        r = " ".join(map(str, self.results))
        return f"(func (param {p}) (result {r}))"


@dataclass(frozen=True)
class Limits:
    min: int
    max: Optional[int] = None


@dataclass(frozen=True)
class TableType:
    elem: ValType              # FUNCREF or EXTERNREF
    limits: Limits


@dataclass(frozen=True)
class MemoryType:
    limits: Limits
    is64: bool = False
    shared: bool = False


@dataclass(frozen=True)
class GlobalType:
    valtype: ValType
    mutable: bool = False


class ExternKind(enum.IntEnum):
    """Binary codes of import/export kinds (TAG reserved for exceptions)."""

    FUNC = 0
    TABLE = 1
    MEMORY = 2
    GLOBAL = 3
    TAG = 4


PAGE_SIZE = 65536
MAX_PAGES_32 = 65536          # 4 GiB
MAX_TABLE_SIZE = 2**32 - 1
