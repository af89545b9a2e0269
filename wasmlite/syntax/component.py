"""The component (layer 1 of the component model) as data: what
``binary/component_decode.py`` produces and validation and instantiation read.

A component is an ORDERED list of definitions (``Component.definitions``),
not a set of sections: its index spaces interleave across sections (a type
alias, then a type that uses it, then an import of that type...), and each
definition appends to the index space of its sort in the order it appears.
``Component.index_space(sort)`` gives, for each index of one space, the
definition that made it; ``Component.spaces()`` all of them at once.

What each definition adds (one index unless said):

=====================================  ==========================================
definition                             index space
=====================================  ==========================================
CoreModule                             CORE_MODULE
CoreInstantiate, CoreInlineExports     CORE_INSTANCE
CoreTypeDef                            CORE_TYPE (a CoreRecGroup: one per member)
NestedComponent                        COMPONENT
Instantiate, InlineExports             INSTANCE
Alias                                  its ``sort``
TypeDef                                TYPE
CanonLift                              FUNC
CanonLower, CanonResource*, CanonBuiltin  CORE_FUNC
Start                                  VALUE (one per result)
Import                                 ``desc.sort``
Export                                 ``sort`` (a new index, aliasing the exported one)
ValueDef                               VALUE
=====================================  ==========================================

Type definitions here are *unresolved*: they refer to other types by index
in their own scope (a component, or a component/instance type's declarations).
Validation resolves them into ``syntax.component_types`` objects. A value
type reference (``ValTypeRef``) is an ``int`` (a type index) or a primitive
from ``component_types`` (``Bool()``, ``String()``, ...).

Nested core modules are kept as their raw bytes (``CoreModule.data``): the
ordinary pipeline (``wasmlite.Module(engine, data)``) decodes, validates,
caches and compiles them.

Custom sections carry no meaning, but the decoder keeps them and the section
layout (``Component.layout``) so the encoder can give back the same bytes.
"""
from __future__ import annotations

import enum
from ..records import field, record
from typing import Optional, Union

from .component_types import ValType
from .module import Import as CoreImport

# ----------------------------------------------------------------- sorts


class Sort(enum.Enum):
    """A sort: which index space an index is in. ``code`` is the binary
    encoding: core sorts are ``0x00`` followed by the core sort's byte."""

    CORE_FUNC = (0x00, 0x00)
    CORE_TABLE = (0x00, 0x01)
    CORE_MEMORY = (0x00, 0x02)
    CORE_GLOBAL = (0x00, 0x03)
    CORE_TAG = (0x00, 0x04)
    CORE_TYPE = (0x00, 0x10)
    CORE_MODULE = (0x00, 0x11)
    CORE_INSTANCE = (0x00, 0x12)
    FUNC = (0x01,)
    VALUE = (0x02,)
    TYPE = (0x03,)
    COMPONENT = (0x04,)
    INSTANCE = (0x05,)

    @property
    def code(self) -> tuple:
        return self.value

    @property
    def is_core(self) -> bool:
        return len(self.value) == 2

    @property
    def core_code(self) -> int:
        """The core sort byte (core sorts only)."""
        return self.value[1]

    @property
    def text(self) -> str:
        """The text format's name: ``core func``, ``instance``, ..."""
        return SORT_TEXT[self]

    def __repr__(self) -> str:
        return f"Sort.{self.name}"


SORT_TEXT = {
    Sort.CORE_FUNC: "core func", Sort.CORE_TABLE: "core table",
    Sort.CORE_MEMORY: "core memory", Sort.CORE_GLOBAL: "core global",
    Sort.CORE_TAG: "core tag", Sort.CORE_TYPE: "core type",
    Sort.CORE_MODULE: "core module", Sort.CORE_INSTANCE: "core instance",
    Sort.FUNC: "func", Sort.VALUE: "value", Sort.TYPE: "type",
    Sort.COMPONENT: "component", Sort.INSTANCE: "instance",
}
CORE_SORT_BY_BYTE = {s.core_code: s for s in Sort if s.is_core}
SORT_BY_BYTE = {s.value[0]: s for s in Sort if not s.is_core}

ValTypeRef = Union[int, ValType]
"""A value type as written: a type index, or a primitive type object."""


# ------------------------------------------------------- core definitions


@record(eq=True)
class CoreModule:
    """A nested core module: its whole binary (preamble included)."""
    data: bytes
    offset: int = field(default=0, compare=False)   # of the module's first byte
    sort = Sort.CORE_MODULE


@record(frozen=True)
class CoreInstantiateArg:
    """``(with "name" (instance i))``: a core instance given for an import module name."""
    name: str
    instance: int
    sort: Sort = Sort.CORE_INSTANCE     # the only sort allowed so far


@record(eq=True)
class CoreInstantiate:
    """``(core instance (instantiate module (with ...)*))``."""
    module: int
    args: tuple[CoreInstantiateArg, ...]
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_INSTANCE


@record(frozen=True)
class CoreInlineExport:
    name: str
    sort: Sort          # a core sort
    index: int


@record(eq=True)
class CoreInlineExports:
    """``(core instance (export "n" (func i))*)``: an instance made of
    existing core items."""
    exports: tuple[CoreInlineExport, ...]
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_INSTANCE


# core types ---------------------------------------------------------------

@record(frozen=True)
class CoreAliasOuter:
    """A module type's ``(alias outer ct idx (type))`` declaration."""
    sort: Sort
    count: int
    index: int


@record(frozen=True)
class CoreExportDecl:
    """A module type's ``(export "name" desc)``: desc as in a core import
    (``kind`` an ``ExternKind``; a function's ``desc`` is its type index)."""
    name: str
    kind: object
    desc: object


CoreModuleDecl = Union[CoreImport, "CoreTypeDef", "CoreRecGroup", CoreAliasOuter, CoreExportDecl]


@record(eq=True)
class CoreModuleType:
    """``(module decl*)``: a core module type, with its own type index space."""
    decls: tuple


@record(eq=True)
class CoreTypeDef:
    """One core type: a ``CoreModuleType``, or a core composite type (a
    ``syntax.types.FuncType``, ``StructType``, ``ArrayType``) with its
    ``subtype`` (``syntax.types.SubType``, None when written without ``sub``)."""
    type: object
    subtype: object = None
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_TYPE


@record(eq=True)
class CoreRecGroup:
    """``(rec ...)``: several core types, one index each."""
    types: tuple[CoreTypeDef, ...]
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_TYPE


# ----------------------------------------------------- component instances


@record(eq=True)
class NestedComponent:
    component: "Component"
    offset: int = field(default=0, compare=False)
    sort = Sort.COMPONENT


@record(frozen=True)
class InstantiateArg:
    """``(with "name" (sort i))``."""
    name: str
    sort: Sort
    index: int


@record(eq=True)
class Instantiate:
    """``(instance (instantiate component (with ...)*))``."""
    component: int
    args: tuple[InstantiateArg, ...]
    offset: int = field(default=0, compare=False)
    sort = Sort.INSTANCE


@record(frozen=True)
class InlineExport:
    name: str
    sort: Sort
    index: int
    name_prefix: int = field(default=0, compare=False)   # binary: 0x00 / 0x01 before the name


@record(eq=True)
class InlineExports:
    """``(instance (export "n" (func i))*)``."""
    exports: tuple[InlineExport, ...]
    offset: int = field(default=0, compare=False)
    sort = Sort.INSTANCE


# ----------------------------------------------------------------- aliases


@record(frozen=True)
class AliasExport:
    """``export i "name"``: what component instance ``i`` exports."""
    instance: int
    name: str


@record(frozen=True)
class AliasCoreExport:
    """``core export i "name"``: what core instance ``i`` exports."""
    instance: int
    name: str


@record(frozen=True)
class AliasOuter:
    """``outer count index``: index ``index`` of the enclosing component
    (or component/instance type) ``count`` levels out (0: this one)."""
    count: int
    index: int


@record(eq=True)
class Alias:
    sort: Sort
    target: Union[AliasExport, AliasCoreExport, AliasOuter]
    offset: int = field(default=0, compare=False)


# ---------------------------------------------------------- component types
# Value type definitions (defvaltype), unresolved.


@record(frozen=True)
class PrimDef:
    """A primitive given as a whole type definition (``(type u64)``)."""
    type: ValType


@record(frozen=True)
class RecordDef:
    fields: tuple[tuple[str, ValTypeRef], ...]


@record(frozen=True)
class VariantCaseDef:
    label: str
    type: Optional[ValTypeRef]
    refines: Optional[int] = None   # old encoding (0x01 u32): must be absent now


@record(frozen=True)
class VariantDef:
    cases: tuple[VariantCaseDef, ...]


@record(frozen=True)
class ListDef:
    element: ValTypeRef
    length: Optional[int] = None    # list<T, N> (fixed-length lists)


@record(frozen=True)
class TupleDef:
    elements: tuple[ValTypeRef, ...]


@record(frozen=True)
class FlagsDef:
    names: tuple[str, ...]


@record(frozen=True)
class EnumDef:
    names: tuple[str, ...]


@record(frozen=True)
class OptionDef:
    type: ValTypeRef


@record(frozen=True)
class ResultDef:
    ok: Optional[ValTypeRef]
    err: Optional[ValTypeRef]


@record(frozen=True)
class OwnDef:
    resource: int       # type index of a resource type


@record(frozen=True)
class BorrowDef:
    resource: int


@record(frozen=True)
class StreamDef:
    type: Optional[ValTypeRef]


@record(frozen=True)
class FutureDef:
    type: Optional[ValTypeRef]


@record(frozen=True)
class MapDef:
    """``map<K, V>`` (binary 0x63; Wasmtime: behind the map feature)."""
    key: ValTypeRef
    value: ValTypeRef


DefValType = Union[MapDef, PrimDef, RecordDef, VariantDef, ListDef, TupleDef, FlagsDef, EnumDef,
                   OptionDef, ResultDef, OwnDef, BorrowDef, StreamDef, FutureDef]
DEF_VAL_TYPES = (MapDef, PrimDef, RecordDef, VariantDef, ListDef, TupleDef, FlagsDef, EnumDef,
                 OptionDef, ResultDef, OwnDef, BorrowDef, StreamDef, FutureDef)


@record(frozen=True)
class FuncTypeDef:
    """``(func (param "a" T)* (result T)?)``; ``is_async``: ``(func async ...)``
    (binary 0x43)."""
    params: tuple[tuple[str, ValTypeRef], ...]
    result: Optional[ValTypeRef]
    is_async: bool = False


@record(frozen=True)
class ResourceDef:
    """``(resource (rep i32) (dtor f)?)``: dtor a core func index.
    ``is_async`` / ``callback``: the async form (binary 0x3e)."""
    rep: str = "i32"
    dtor: Optional[int] = None
    is_async: bool = False
    callback: Optional[int] = None


# extern descriptions ------------------------------------------------------


@record(frozen=True)
class ExternDesc:
    """What an import or export is and of which type (``externdesc``).

    * ``Sort.CORE_MODULE``: ``index`` a core type index (a module type)
    * ``Sort.FUNC``, ``Sort.INSTANCE``, ``Sort.COMPONENT``: ``index`` a type index
    * ``Sort.TYPE``: ``index`` the type of ``(eq index)``, or None for ``(sub resource)``
    * ``Sort.VALUE``: ``value_type`` (``(value T)``)
    """
    sort: Sort
    index: Optional[int] = None
    value_type: Optional[ValTypeRef] = None

    @property
    def is_sub_resource(self) -> bool:
        return self.sort is Sort.TYPE and self.index is None


@record(eq=True)
class Import:
    """``(import "name" desc)``; adds an index to ``desc.sort``'s space."""
    name: str
    desc: ExternDesc
    offset: int = field(default=0, compare=False)
    name_prefix: int = field(default=0, compare=False)

    @property
    def sort(self) -> Sort:
        return self.desc.sort


@record(eq=True)
class ExportDecl:
    """A component or instance type's ``(export "name" desc)``."""
    name: str
    desc: ExternDesc
    offset: int = field(default=0, compare=False)
    name_prefix: int = field(default=0, compare=False)

    @property
    def sort(self) -> Sort:
        return self.desc.sort


# A component type's declarations are CoreTypeDef/CoreRecGroup, TypeDef,
# Alias, Import (component types only) and ExportDecl, in order, in a type
# index space of their own (outer aliases reach the enclosing ones).
Decl = Union[CoreTypeDef, CoreRecGroup, "TypeDef", Alias, Import, ExportDecl]


@record(eq=True)
class ComponentTypeDef:
    """``(component decl*)``."""
    decls: tuple


@record(eq=True)
class InstanceTypeDef:
    """``(instance decl*)``."""
    decls: tuple


DefType = Union[DefValType, FuncTypeDef, ComponentTypeDef, InstanceTypeDef, ResourceDef]


@record(eq=True)
class TypeDef:
    """``(type deftype)``."""
    type: DefType
    offset: int = field(default=0, compare=False)
    sort = Sort.TYPE


# ------------------------------------------------------------------ canon

STRING_ENCODINGS = ("utf8", "utf16", "latin1+utf16")


@record(frozen=True)
class CanonOpt:
    """One canon option as written: ``kind`` one of ``utf8``, ``utf16``,
    ``latin1+utf16``, ``memory``, ``realloc``, ``post-return``, ``async``,
    ``callback``; ``index`` the core memory/func index of the last four."""
    kind: str
    index: Optional[int] = None


CANON_OPT_CODES = {"utf8": 0x00, "utf16": 0x01, "latin1+utf16": 0x02, "memory": 0x03,
                   "realloc": 0x04, "post-return": 0x05, "async": 0x06, "callback": 0x07}
CANON_OPT_WITH_INDEX = frozenset({"memory", "realloc", "post-return", "callback"})


class _CanonOptions:
    """Reading the options of a canon definition (the last one written
    wins; validation refuses duplicates and conflicts)."""
    options: tuple

    def _opt(self, kind: str) -> Optional[int]:
        for o in self.options:
            if o.kind == kind:
                return o.index
        return None

    @property
    def string_encoding(self) -> str:
        """``utf8`` unless an option says otherwise."""
        for o in self.options:
            if o.kind in STRING_ENCODINGS:
                return o.kind
        return "utf8"

    @property
    def memory(self) -> Optional[int]:
        return self._opt("memory")

    @property
    def realloc(self) -> Optional[int]:
        return self._opt("realloc")

    @property
    def post_return(self) -> Optional[int]:
        return self._opt("post-return")

    @property
    def callback(self) -> Optional[int]:
        return self._opt("callback")

    @property
    def is_async(self) -> bool:
        return any(o.kind == "async" for o in self.options)


@record(eq=True)
class CanonLift(_CanonOptions):
    """``(canon lift core_func opts (type type_index))``: a component func."""
    core_func: int
    options: tuple[CanonOpt, ...]
    type_index: int
    offset: int = field(default=0, compare=False)
    sort = Sort.FUNC


@record(eq=True)
class CanonLower(_CanonOptions):
    """``(canon lower func opts)``: a core func calling component func ``func``."""
    func: int
    options: tuple[CanonOpt, ...]
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_FUNC


@record(eq=True)
class CanonResourceNew:
    """``(canon resource.new T)``: core ``(func (param i32) (result i32))``."""
    resource: int       # type index
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_FUNC
    builtin = "resource.new"


@record(eq=True)
class CanonResourceDrop:
    """``(canon resource.drop T)``: core ``(func (param i32))``; ``is_async``
    is the ``async`` variant (binary 0x07)."""
    resource: int
    is_async: bool = False
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_FUNC
    builtin = "resource.drop"


@record(eq=True)
class CanonResourceRep:
    """``(canon resource.rep T)``: core ``(func (param i32) (result i32))``."""
    resource: int
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_FUNC
    builtin = "resource.rep"


# The async / thread / error-context built-ins: decoded (so a component
# using them reads, and validation can refuse it in Wasmtime's words) but
# not run. opcode -> (name, immediates): each immediate one of
#   "type"  a component type index        "opts"   canon options
#   "flag"  a 0x00/0x01 byte (async?/cancel?/shared?)
#   "core_type" a core type index         "table"  a core table index
#   "memory" a core memory index          "zero"   a reserved 0x00 byte
#   "results" a result list (0x00 valtype | 0x01 0x00)
#   "core_valtype" a core value type      "u32"    a u32
CANON_BUILTINS: dict[int, tuple[str, tuple[str, ...]]] = {
    0x05: ("task.cancel", ()),
    0x06: ("subtask.cancel", ("flag",)),
    0x08: ("backpressure.set", ()),
    0x09: ("task.return", ("results", "opts")),
    0x0A: ("context.get", ("core_valtype", "u32")),
    0x0B: ("context.set", ("core_valtype", "u32")),
    0x0C: ("thread.yield", ("flag",)),
    0x0D: ("subtask.drop", ()),
    0x0E: ("stream.new", ("type",)),
    0x0F: ("stream.read", ("type", "opts")),
    0x10: ("stream.write", ("type", "opts")),
    0x11: ("stream.cancel-read", ("type", "flag")),
    0x12: ("stream.cancel-write", ("type", "flag")),
    0x13: ("stream.drop-readable", ("type",)),
    0x14: ("stream.drop-writable", ("type",)),
    0x15: ("future.new", ("type",)),
    0x16: ("future.read", ("type", "opts")),
    0x17: ("future.write", ("type", "opts")),
    0x18: ("future.cancel-read", ("type", "flag")),
    0x19: ("future.cancel-write", ("type", "flag")),
    0x1A: ("future.drop-readable", ("type",)),
    0x1B: ("future.drop-writable", ("type",)),
    0x1C: ("error-context.new", ("opts",)),
    0x1D: ("error-context.debug-message", ("opts",)),
    0x1E: ("error-context.drop", ()),
    0x1F: ("waitable-set.new", ()),
    0x20: ("waitable-set.wait", ("flag", "memory")),
    0x21: ("waitable-set.poll", ("flag", "memory")),
    0x22: ("waitable-set.drop", ()),
    0x23: ("waitable.join", ()),
    0x24: ("backpressure.inc", ()),
    0x25: ("backpressure.dec", ()),
    0x26: ("thread.index", ()),
    0x27: ("thread.new-indirect", ("core_type", "table")),
    0x28: ("thread.resume-later", ()),
    0x29: ("thread.suspend", ("flag",)),
    0x2A: ("thread.suspend-then-resume", ("flag",)),
    0x2B: ("thread.yield-then-resume", ("flag",)),
    0x2C: ("thread.suspend-then-promote", ("flag",)),
    0x2D: ("thread.yield-then-promote", ("flag",)),
    0x40: ("thread.spawn-ref", ("flag", "core_type")),
    0x41: ("thread.spawn-indirect", ("flag", "core_type", "table")),
    0x42: ("thread.available-parallelism", ("flag",)),
}


@record(eq=True)
class CanonBuiltin:
    """Any other canon built-in (async, threads, error-context): ``opcode``
    its binary code, ``name`` as the text format spells it, ``immediates``
    in the order ``CANON_BUILTINS[opcode]`` lists (a "results" immediate is
    None or a ValTypeRef; "opts" a tuple of CanonOpt; "core_valtype" a
    ``syntax.types.ValType``)."""
    opcode: int
    name: str
    immediates: tuple
    offset: int = field(default=0, compare=False)
    sort = Sort.CORE_FUNC


Canon = Union[CanonLift, CanonLower, CanonResourceNew, CanonResourceDrop, CanonResourceRep,
              CanonBuiltin]


# ------------------------------------------------------ start, values, exports


@record(eq=True)
class Start:
    """``(start func (value arg)* (result (value))*)`` (values: not in the MVP
    that Wasmtime implements)."""
    func: int
    args: tuple[int, ...]
    results: int
    offset: int = field(default=0, compare=False)
    sort = Sort.VALUE


@record(eq=True)
class ValueDef:
    """A value section entry (🪙, unsupported by Wasmtime): kept as its type
    and the raw bytes of the value."""
    type: ValTypeRef
    data: bytes
    offset: int = field(default=0, compare=False)
    sort = Sort.VALUE


@record(eq=True)
class Export:
    """``(export "name" (sort index) desc?)``: exports index ``index`` of
    ``sort``'s space and adds a new index to that space, aliasing it;
    ``desc`` an optional ascribed type."""
    name: str
    sort: Sort
    index: int
    desc: Optional[ExternDesc] = None
    offset: int = field(default=0, compare=False)
    name_prefix: int = field(default=0, compare=False)


@record(eq=True)
class CustomSection:
    """A custom section (id 0): no meaning; kept for byte-exact re-encoding."""
    name: str
    data: bytes           # the payload after the name


Definition = Union[CoreModule, CoreInstantiate, CoreInlineExports, CoreTypeDef, CoreRecGroup,
                   NestedComponent, Instantiate, InlineExports, Alias, TypeDef, CanonLift,
                   CanonLower, CanonResourceNew, CanonResourceDrop, CanonResourceRep,
                   CanonBuiltin, Start, Import, Export, ValueDef]


# ------------------------------------------------------------- the component

# binary section ids
SECTION_CUSTOM = 0
SECTION_CORE_MODULE = 1
SECTION_CORE_INSTANCE = 2
SECTION_CORE_TYPE = 3
SECTION_COMPONENT = 4
SECTION_INSTANCE = 5
SECTION_ALIAS = 6
SECTION_TYPE = 7
SECTION_CANON = 8
SECTION_START = 9
SECTION_IMPORT = 10
SECTION_EXPORT = 11
SECTION_VALUE = 12


def section_of(d: object) -> int:
    """The binary section a definition is written in."""
    return _SECTION_BY_CLASS[type(d)]


_SECTION_BY_CLASS = {
    CoreModule: SECTION_CORE_MODULE, CoreInstantiate: SECTION_CORE_INSTANCE,
    CoreInlineExports: SECTION_CORE_INSTANCE, CoreTypeDef: SECTION_CORE_TYPE,
    CoreRecGroup: SECTION_CORE_TYPE, NestedComponent: SECTION_COMPONENT,
    Instantiate: SECTION_INSTANCE, InlineExports: SECTION_INSTANCE, Alias: SECTION_ALIAS,
    TypeDef: SECTION_TYPE, CanonLift: SECTION_CANON, CanonLower: SECTION_CANON,
    CanonResourceNew: SECTION_CANON, CanonResourceDrop: SECTION_CANON,
    CanonResourceRep: SECTION_CANON, CanonBuiltin: SECTION_CANON, Start: SECTION_START,
    Import: SECTION_IMPORT, Export: SECTION_EXPORT, ValueDef: SECTION_VALUE,
}


@record(frozen=True)
class SectionSpan:
    """One section of the binary as the decoder met it: ``id`` and how many
    definitions (in order) it held, or a custom section."""
    id: int
    count: int = 0
    custom: Optional[CustomSection] = None


def sort_of(d: object) -> Sort:
    """The index space a definition (or declaration) adds to."""
    return d.sort  # type: ignore[attr-defined]


def added_indices(d: object) -> int:
    """How many indices a definition adds to its sort's space."""
    if isinstance(d, CoreRecGroup):
        return len(d.types)
    if isinstance(d, Start):
        return d.results
    return 1


@record(eq=True)
class Component:
    """A component: its definitions in binary order. ``layout``: the
    sections as read (for the encoder; empty for a component built by
    hand, which the encoder lays out one section per run of definitions)."""
    definitions: list = field(default_factory=list)
    layout: list = field(default_factory=list, compare=False)
    customs: list = field(default_factory=list, compare=False)   # CustomSection, in order

    def spaces(self) -> dict[Sort, list]:
        """Every index space: sort -> the definition behind each index (a
        CoreRecGroup's members appear as their CoreTypeDef; a Start's
        results each as the Start)."""
        out: dict[Sort, list] = {s: [] for s in Sort}
        for d in self.definitions:
            if isinstance(d, CoreRecGroup):
                out[Sort.CORE_TYPE].extend(d.types)
            else:
                out[d.sort].extend([d] * added_indices(d))
        return out

    def index_space(self, sort: Sort) -> list:
        """The definitions behind each index of ``sort``'s space."""
        return self.spaces()[sort]

    @property
    def imports(self) -> list[Import]:
        return [d for d in self.definitions if isinstance(d, Import)]

    @property
    def exports(self) -> list[Export]:
        return [d for d in self.definitions if isinstance(d, Export)]

    @property
    def core_modules(self) -> list[CoreModule]:
        return [d for d in self.definitions if isinstance(d, CoreModule)]

