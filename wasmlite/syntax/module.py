"""The module as data: what the decoder and text parser produce and every
later stage reads.

Function bodies and constant expressions are *flat* lists of ``Instr``, exactly
as in the binary format: structured instructions appear as ``block`` / ``loop``
/ ``if`` / ``else`` / ``end`` markers and every expression ends with its own
``end``. Folded text instructions are flattened by the parser.
"""
from __future__ import annotations

from ..records import field, record
from typing import Any, NamedTuple, Optional, Union

from .types import (PLAIN_SUBTYPE, CompositeType, ExternKind, FuncType, GlobalType,
                    MemoryType, SubType, TableType, ValType, iter_rec_groups)


class Instr:
    """One instruction: ``op`` is its row in ``instructions.OPS``; ``imm`` its
    immediates in the shape that row's ``imm`` kind documents; ``offset`` the
    byte offset of the opcode in the whole binary (0 when built from text)."""

    __slots__ = ("op", "imm", "offset")

    def __init__(self, op: "Any", imm: Any = None, offset: int = 0) -> None:
        self.op = op
        self.imm = imm
        self.offset = offset

    def __repr__(self) -> str:
        return self.op.name if self.imm is None else f"{self.op.name} {self.imm!r}"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Instr) and self.op is other.op
                and self.imm == other.imm)

    def __hash__(self) -> int:
        return hash((self.op.name, repr(self.imm)))


Expr = list  # list[Instr], always ending with an ``end`` Instr

# Block type immediate: None (no result), a ValType (one result), or an int
# (index into Module.types for multi-value / params).
BlockType = Union[None, ValType, int]



class Catch(NamedTuple):
    """One catch clause of ``try_table`` (exception handling): ``kind`` is its
    binary code (CATCH, CATCH_REF, CATCH_ALL, CATCH_ALL_REF), ``tag`` the tag
    index (None for the catch_all forms), ``label`` the relative depth of the
    branch target, counted from outside the try_table (its own label is not
    in scope of its clauses)."""

    kind: int
    tag: Optional[int]
    label: int


CATCH, CATCH_REF, CATCH_ALL, CATCH_ALL_REF = range(4)
CATCH_NAMES = ("catch", "catch_ref", "catch_all", "catch_all_ref")

# FUNC and TAG: a type index; the others: the type
ImportDesc = Union[int, TableType, MemoryType, GlobalType]


@record
class Import:
    module: str
    name: str
    kind: ExternKind
    desc: ImportDesc        # FUNC, TAG: type index; others: the type


@record
class Export:
    name: str
    kind: ExternKind
    index: int


@record
class Func:
    type_idx: int
    locals: list[ValType]   # declared locals only (params come from the type)
    body: Expr
    # byte offset of the function body (its size LEB) in the binary; for
    # backtraces ("0x1a - fac!fac").
    offset: int = 0
    # byte offset of its locals (just after the size): where Wasmtime counts
    # a frame's func_offset from (where it came from, not what it is: equal
    # modules may have it differ)
    body_offset: int = field(default=0, compare=False)


@record
class Global:
    type: GlobalType
    init: Expr


@record
class Elem:
    type: ValType               # FUNCREF or EXTERNREF
    init: list[Expr]            # one constant expression per element
    mode: str = "passive"       # "passive" | "active" | "declarative"
    table: int = 0
    offset: Optional[Expr] = None
    # binary form (flags 0-7) the segment was decoded from, so re-encoding
    # is byte-exact; None lets the encoder pick the shortest form.
    form: Optional[int] = field(default=None, compare=False)


@record
class Data:
    init: bytes
    mode: str = "passive"       # "passive" | "active"
    memory: int = 0
    offset: Optional[Expr] = None


@record
class Custom:
    name: str
    data: bytes
    # Where it sat in the binary: id of the preceding non-custom section
    # (0 = before all), so the encoder can put it back in the same place.
    after: int = 0


@record
class NameSection:
    module: Optional[str] = None
    funcs: dict[int, str] = field(default_factory=dict)
    locals: dict[int, dict[int, str]] = field(default_factory=dict)


@record
class Module:
    # one composite type (FuncType, or GC's StructType / ArrayType) per type
    # index; heaps inside name type indices of this module
    types: list[CompositeType] = field(default_factory=list)
    imports: list[Import] = field(default_factory=list)
    funcs: list[Func] = field(default_factory=list)
    tables: list[TableType] = field(default_factory=list)
    mems: list[MemoryType] = field(default_factory=list)
    globals: list[Global] = field(default_factory=list)
    exports: list[Export] = field(default_factory=list)
    start: Optional[int] = None
    elems: list[Elem] = field(default_factory=list)
    datas: list[Data] = field(default_factory=list)
    data_count: Optional[int] = None
    # initializer expressions of defined tables (by index into ``tables``),
    # Wasm 3.0's (table n (ref $t) expr); a table without one starts null
    table_inits: dict[int, Expr] = field(default_factory=dict)
    # defined tags (exception handling): the type index of each, a function
    # type without results (its params are what an exception carries)
    tags: list[int] = field(default_factory=list)
    customs: list[Custom] = field(default_factory=list)
    names: Optional[NameSection] = None
    # Wasm GC's type facts, with defaults that mean what a module without
    # them says: ``rec_groups`` the explicit rec groups as (first type
    # index, count), in order (a type outside them is a group of its own;
    # (rec) with one or no type is kept so the binary re-encodes as it was);
    # ``subtypes`` the sub / sub final declarations by type index (absent:
    # final, no supertype)
    rec_groups: list[tuple[int, int]] = field(default_factory=list)
    subtypes: dict[int, SubType] = field(default_factory=dict)
    # text-format module id ($name), used by the .wast runner; not encoded
    id: Optional[str] = None
    # where this module's bytes start in the file it came from: 0 for a
    # module file, the core module's position inside a component binary
    # (Wasmtime's backtrace offsets count from the start of that file)
    binary_offset: int = field(default=0, compare=False)

    # -- GC type facts --------------------------------------------------------

    def subtype(self, idx: int) -> SubType:
        """Final flag and declared supertype of type ``idx``."""
        return self.subtypes.get(idx, PLAIN_SUBTYPE)

    def rec_group_of(self, idx: int) -> tuple[int, int]:
        """(start, count) of the rec group type ``idx`` is in."""
        for start, count in self.rec_groups:
            if start <= idx < start + count:
                return start, count
        return idx, 1

    def all_rec_groups(self) -> list[tuple[int, int]]:
        """Every rec group, the implicit ones of one type included."""
        return list(iter_rec_groups(len(self.types), self.rec_groups))

    # -- index spaces (imports come first in each) --------------------------

    def imports_of(self, kind: ExternKind) -> list[Import]:
        return [i for i in self.imports if i.kind == kind]

    def func_type_indices(self) -> list[int]:
        """Type index of every function in the function index space."""
        return ([i.desc for i in self.imports if i.kind == ExternKind.FUNC]
                + [f.type_idx for f in self.funcs])

    def all_tables(self) -> list[TableType]:
        return ([i.desc for i in self.imports if i.kind == ExternKind.TABLE]
                + list(self.tables))

    def all_mems(self) -> list[MemoryType]:
        return ([i.desc for i in self.imports if i.kind == ExternKind.MEMORY]
                + list(self.mems))

    def all_globals(self) -> list[GlobalType]:
        return ([i.desc for i in self.imports if i.kind == ExternKind.GLOBAL]
                + [g.type for g in self.globals])

    def tag_type_indices(self) -> list[int]:
        """Type index of every tag in the tag index space."""
        return ([i.desc for i in self.imports if i.kind == ExternKind.TAG]
                + list(self.tags))

    def num_imported(self, kind: ExternKind) -> int:
        return sum(1 for i in self.imports if i.kind == kind)
