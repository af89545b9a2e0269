"""Component validation and type resolution.

``validate_component(component)`` checks a decoded ``syntax.component.Component``
against the component model's rules and resolves every type it uses into
``syntax.component_types`` objects. It returns a ``ComponentInfo``: the
component's imports and exports by name with their resolved extern types,
the resolved type behind every index of every index space, and for each
``canon`` definition its function type and options. ``InvalidError`` (or
``MalformedError`` from a nested core module that does not decode) says
what is wrong and at which offset, in wasmparser's words (what Wasmtime
says) where we check what it checks.

Resources: validation makes ONE placeholder ``ResourceType`` for each
resource type definition ``(type (resource ...))`` and for each resource a
type import brings in (``(import "r" (type (sub resource)))``, and each
``(sub resource)`` export of an imported instance). Instantiation maps them
to fresh per-instance types with ``component_types.substitute``.

Imports and exports must name the types they mention (records, variants,
enums, flags and resources imported or exported under a name:
``component_naming``); the validator keeps a naming identity (``TypeId``)
beside each type, function, instance and component index for that rule.

Everything Wasmtime cannot run here is refused with the words Wasmtime
uses when the feature is off: async (``(func async)``, ``stream``,
``future``, the ``async``/``callback`` options, the task/waitable/stream
built-ins), threads, ``error-context``, fixed-length lists, maps, values
and ``start``.

Nested core modules are decoded (not validated: ``wasmlite.Module`` does
that when the lead compiles them) for their import and export types.
"""
from __future__ import annotations

from ..records import field, record
from typing import Any, Optional

from ..binary.decode import decode_module
from ..errors import InvalidError
from ..syntax import component as ast
from ..syntax import component_types as ct
from ..syntax.component import Sort
from ..syntax.component_layout import MAX_FLAT_PARAMS, MAX_FLAT_RESULTS, flatten_functype, flatten_types
from ..syntax.types import F32, F64, I32, I64, ExternKind, FuncType as CoreFuncType
from . import component_naming as naming
from .component_names import check_label, label_key, parse_extern_name
from .component_subtype import core_mismatch, extern_sort, mismatch, sort_word

__all__ = ["CanonInfo", "ComponentInfo", "CoreInstanceType", "validate_component"]

_CORE_BY_NAME = {"i32": I32, "i64": I64, "f32": F32, "f64": F64}
_KIND_OF_SORT = {Sort.CORE_FUNC: ExternKind.FUNC, Sort.CORE_TABLE: ExternKind.TABLE,
                 Sort.CORE_MEMORY: ExternKind.MEMORY, Sort.CORE_GLOBAL: ExternKind.GLOBAL,
                 Sort.CORE_TAG: ExternKind.TAG}
_CORE_KIND_WORD = {ExternKind.FUNC: "function", ExternKind.TABLE: "table",
                   ExternKind.MEMORY: "memory", ExternKind.GLOBAL: "global",
                   ExternKind.TAG: "tag"}
_SPACE_WORD = {Sort.CORE_FUNC: "core function", Sort.CORE_TABLE: "core table",
               Sort.CORE_MEMORY: "core memory", Sort.CORE_GLOBAL: "core global",
               Sort.CORE_TAG: "core tag", Sort.CORE_TYPE: "core type",
               Sort.CORE_MODULE: "module", Sort.CORE_INSTANCE: "core instance",
               Sort.FUNC: "function", Sort.VALUE: "value", Sort.TYPE: "type",
               Sort.COMPONENT: "component", Sort.INSTANCE: "instance"}
_REALLOC_TYPE = CoreFuncType((I32, I32, I32, I32), (I32,))
_ASYNC = "the component model async feature"


# ------------------------------------------------------------------ results


@record(frozen=True)
class CoreInstanceType:
    """A core instance's exports: name -> (ExternKind, core type)."""
    exports: dict

    def __hash__(self) -> int:
        return hash(tuple(self.exports))


@record
class CanonInfo:
    """A canon definition, resolved. ``kind``: ``lift``, ``lower``,
    ``resource.new``, ``resource.drop``, ``resource.rep``. ``func_type``:
    the component function type (lift: the type given; lower: the lowered
    function's); ``core_type``: the core function's (lift: the flattened
    type the lifted core function has; the others: the type of the core
    function they make). Option indices are core memory / core func
    indices of the component."""
    kind: str
    core_type: CoreFuncType
    func_type: Optional[ct.FuncType] = None
    string_encoding: str = "utf8"
    memory: Optional[int] = None
    realloc: Optional[int] = None
    post_return: Optional[int] = None
    resource: Optional[ct.ResourceType] = None
    core_func: Optional[int] = None     # lift: the core func lifted
    func: Optional[int] = None          # lower: the component func lowered


@record
class ResourceDefInfo:
    """A ``(type (resource (rep i32) (dtor f)?))`` definition."""
    resource: ct.ResourceType
    dtor: Optional[int]                 # core func index
    definition: int                     # position in Component.definitions


@record
class InstantiationInfo:
    """An ``(instance (instantiate c ...))``: ``mapping`` takes the nested
    component's resource placeholders (its imported ones: to the
    arguments'; its defined ones: to fresh ones made here) to those of this
    component; ``type`` is the instance's resolved type."""
    component: int
    mapping: dict
    type: ct.ComponentInstanceType


@record
class ComponentInfo:
    """What validation learned about a component (see the module docstring).

    ``spaces[sort][i]`` is the resolved type of index ``i``: a core
    ``FuncType`` (CORE_FUNC), Table/Memory/GlobalType, a core type or
    ``ModuleType`` (CORE_TYPE), ``ModuleType`` (CORE_MODULE),
    ``CoreInstanceType``, a component ``FuncType`` (FUNC), a value /
    resource / func / component / instance type (TYPE), ``ComponentType``
    (COMPONENT), ``ComponentInstanceType`` (INSTANCE).
    The dicts keyed by int are keyed by position in ``component.definitions``."""
    component: ast.Component
    type: ct.ComponentType
    spaces: dict
    canons: dict = field(default_factory=dict)
    nested: dict = field(default_factory=dict)           # NestedComponent -> ComponentInfo
    instantiations: dict = field(default_factory=dict)   # Instantiate -> InstantiationInfo
    core_modules: dict = field(default_factory=dict)     # CoreModule -> ModuleType
    resource_defs: dict = field(default_factory=dict)    # TypeDef -> ResourceDefInfo
    imported_resources: list = field(default_factory=list)
    defined_resources: list = field(default_factory=list)

    @property
    def imports(self) -> dict:
        """name -> resolved extern type, in order."""
        return dict(self.type.import_list)

    @property
    def exports(self) -> dict:
        return dict(self.type.export_list)


def validate_component(component: ast.Component,
                       decoded: Optional[dict] = None) -> ComponentInfo:
    """Validate ``component``; raise InvalidError if it breaks a rule.
    ``decoded``, when given, receives each nested core module as decoded
    here (id of its ``CoreModule`` -> syntax Module), so that compiling it
    need not decode its bytes again (CPython's core module: ~0.5 s)."""
    return _Validator(component, None, decoded).run()


# ------------------------------------------------------------------ scopes


class _Scope:
    """One scope's index spaces: a component's, or a component or instance
    type's declarations (``kind`` "component", "component-type",
    "instance-type"). Outer aliases count scopes outward from here."""

    def __init__(self, kind: str, parent: Optional["_Scope"]) -> None:
        self.kind = kind
        self.parent = parent
        self.spaces: dict = {s: [] for s in Sort}
        self.import_names: dict = {}
        self.export_names: dict = {}
        self.imports: list = []
        self.exports: list = []
        self.imported_resources: list = []   # placeholders imports introduce
        self.created_resources: list = []    # placeholders made here (defined, fresh)
        self.local_resources: list = []      # (type (resource)) definitions here
        self.resource_labels: dict = {}      # plain import/export name -> ResourceType
        self.exported_resources: list = []
        # the naming rule's identities, beside spaces (component_naming)
        self.tids: dict = {s: [] for s in _NAMED_SORTS}
        self.import_tids: list = []          # (name, sort, TypeId) in order
        self.export_tids: list = []
        self.named = naming.NamedTypes()

    def outer(self, count: int) -> Optional["_Scope"]:
        s: Optional[_Scope] = self
        for _ in range(count):
            s = s.parent if s is not None else None
        return s

    def crosses_component(self, count: int) -> bool:
        """Whether an outer alias ``count`` out leaves a concrete component."""
        s: Optional[_Scope] = self
        for _ in range(count):
            if s is None:
                return False
            if s.kind == "component":
                return True
            s = s.parent
        return False


# the index spaces whose items have a TypeId (the rest never reach a
# component's imports and exports, or as modules always may)
_NAMED_SORTS = (Sort.TYPE, Sort.FUNC, Sort.INSTANCE, Sort.COMPONENT)


def _has(rs: list, r: ct.ResourceType) -> bool:
    return any(x is r for x in rs)


# --------------------------------------------------------------- validator


class _Validator:
    def __init__(self, component: ast.Component, parent: Optional[_Scope],
                 decoded: Optional[dict] = None) -> None:
        self.component = component
        self.decoded = decoded
        self.scope = _Scope("component", parent)
        self.at = 0
        self.sizes: dict = {}      # id(value type) -> (size, depth, type)

    def error(self, message: str, at: Optional[int] = None) -> InvalidError:
        return InvalidError(f"{message} (at offset {self.at if at is None else at:#x})")

    # ----------------------------------------------------------------- run

    def run(self) -> ComponentInfo:
        sc = self.scope
        info = ComponentInfo(self.component, ct.ComponentType((), ()), sc.spaces)
        self.info = info
        for position, d in enumerate(self.component.definitions):
            self.at = getattr(d, "offset", 0)
            self.position = position
            self.definition(d, sc)
        info.imported_resources = list(sc.imported_resources)
        info.defined_resources = list(sc.created_resources)
        info.type = ct.ComponentType(tuple(sc.imports), tuple(sc.exports),
                                     tuple(sc.imported_resources), tuple(sc.created_resources))
        return info

    def definition(self, d: object, sc: _Scope) -> None:
        cls = type(d)
        if cls is ast.CoreModule:
            mt = self.module_type_of(d)
            self.info.core_modules[self.position] = mt
            sc.spaces[Sort.CORE_MODULE].append(mt)
        elif cls is ast.CoreInstantiate:
            sc.spaces[Sort.CORE_INSTANCE].append(self.core_instantiate(d, sc))
        elif cls is ast.CoreInlineExports:
            sc.spaces[Sort.CORE_INSTANCE].append(self.core_inline_exports(d, sc))
        elif cls is ast.CoreTypeDef or cls is ast.CoreRecGroup:
            self.core_type_def(d, sc)
        elif cls is ast.NestedComponent:
            nested = _Validator(d.component, sc, self.decoded)
            ninfo = nested.run()
            self.info.nested[self.position] = ninfo
            inner = nested.scope
            self.add(sc, Sort.COMPONENT, ninfo.type, naming.TypeId(
                naming.COMPONENT, (tuple(inner.import_tids), tuple(inner.export_tids))))
        elif cls is ast.Instantiate:
            self.add(sc, Sort.INSTANCE, *self.instantiate(d, sc))
        elif cls is ast.InlineExports:
            self.add(sc, Sort.INSTANCE, *self.inline_exports(d, sc))
        elif cls is ast.Alias:
            self.alias(d, sc)
        elif cls is ast.TypeDef:
            self.add(sc, Sort.TYPE, *self.type_def(d, sc))
        elif cls is ast.CanonLift:
            self.canon_lift(d, sc)
        elif cls is ast.CanonLower:
            self.canon_lower(d, sc)
        elif cls in (ast.CanonResourceNew, ast.CanonResourceDrop, ast.CanonResourceRep):
            self.canon_resource(d, sc)
        elif cls is ast.CanonBuiltin:
            raise self.error(f"`{d.name}` requires {_builtin_feature(d.name)}")
        elif cls is ast.Import:
            self.declare(d, sc, True)
        elif cls is ast.Export:
            self.export(d, sc)
        elif cls is ast.Start or cls is ast.ValueDef:
            raise self.error("support for component model `value`s is not enabled")
        else:
            raise self.error(f"unknown definition {cls.__name__}")

    # -------------------------------------------------------------- indices

    def get(self, sc: _Scope, sort: Sort, index: int) -> Any:
        space = sc.spaces[sort]
        if not 0 <= index < len(space):
            word = _SPACE_WORD[sort]
            short = word[5:] if word.startswith("core ") else word
            raise self.error(f"unknown {word} {index}: {short} index out of bounds")
        return space[index]

    def tid(self, sc: _Scope, sort: Sort, index: int) -> naming.TypeId:
        """The TypeId of an index already checked to be in bounds."""
        return sc.tids[sort][index] if sort in sc.tids else naming.OPAQUE_ID

    def ref_tid(self, ref: ast.ValTypeRef, sc: _Scope) -> naming.TypeId:
        return sc.tids[Sort.TYPE][ref] if isinstance(ref, int) else naming.PRIM

    def get_type(self, sc: _Scope, index: int) -> Any:
        space = sc.spaces[Sort.TYPE]
        if not 0 <= index < len(space):
            raise self.error(f"unknown type {index}: type index out of bounds")
        return space[index]

    # ----------------------------------------------------------- core modules

    def module_type_of(self, d: ast.CoreModule) -> ct.ModuleType:
        """The import and export types of a nested core module (its indices
        checked here; the rest of its validation is wasmlite.Module's)."""
        m = decode_module(d.data)
        if self.decoded is not None:
            self.decoded[id(d)] = m
        types = m.types

        def func_type(idx: int) -> CoreFuncType:
            t = types[idx] if 0 <= idx < len(types) else None
            if not isinstance(t, CoreFuncType):
                raise self.error(f"core module: type index {idx} is not a function type")
            return t
        spaces: dict = {k: [] for k in ExternKind}
        imports = []
        for imp in m.imports:
            k = imp.kind
            t = func_type(imp.desc) if k in (ExternKind.FUNC, ExternKind.TAG) else imp.desc
            spaces[k].append(t)
            imports.append((imp.module, imp.name, k, t))
        spaces[ExternKind.FUNC] += [func_type(f.type_idx) for f in m.funcs]
        spaces[ExternKind.TABLE] += list(m.tables)
        spaces[ExternKind.MEMORY] += list(m.mems)
        spaces[ExternKind.GLOBAL] += [g.type for g in m.globals]
        spaces[ExternKind.TAG] += [func_type(t) for t in m.tags]
        exports = []
        for e in m.exports:
            space = spaces[e.kind]
            if not 0 <= e.index < len(space):
                word = _CORE_KIND_WORD[e.kind]
                raise self.error(f"core module: unknown {word} {e.index}: exported {word}"
                                 " index out of bounds")
            exports.append((e.name, e.kind, space[e.index]))
        return ct.ModuleType(tuple(imports), tuple(exports))

    # --------------------------------------------------------- core instances

    def core_instantiate(self, d: ast.CoreInstantiate, sc: _Scope) -> CoreInstanceType:
        mt = self.get(sc, Sort.CORE_MODULE, d.module)
        args: dict = {}
        for a in d.args:
            if a.name in args:
                raise self.error(f"duplicate module instantiation argument named `{a.name}`")
            args[a.name] = self.get(sc, Sort.CORE_INSTANCE, a.instance)
        for module, name, kind, t in mt.import_list:
            inst = args.get(module)
            if inst is None:
                raise self.error(f"missing module instantiation argument named `{module}`")
            given = inst.exports.get(name)
            if given is None:
                raise self.error(f"module instantiation argument `{module}` does not export an"
                                 f" item named `{name}`")
            why = core_mismatch(given, (kind, t))
            if why:
                raise self.error(f"type mismatch for export `{name}` of module instantiation"
                                 f" argument `{module}`\n{why}")
        return CoreInstanceType({n: (k, t) for n, k, t in mt.export_list})

    def core_inline_exports(self, d: ast.CoreInlineExports, sc: _Scope) -> CoreInstanceType:
        exports: dict = {}
        for e in d.exports:
            if e.name in exports:
                raise self.error(f"duplicate instantiation export name `{e.name}` already"
                                 " defined")
            kind = _KIND_OF_SORT.get(e.sort)
            if kind is None:
                raise self.error(f"a core instance cannot export a {e.sort.text}")
            exports[e.name] = (kind, self.get(sc, e.sort, e.index))
        return CoreInstanceType(exports)

    # -------------------------------------------------------------- core types

    def core_type_def(self, d: object, sc: _Scope) -> None:
        members = d.types if isinstance(d, ast.CoreRecGroup) else (d,)
        for t in members:
            if isinstance(t.type, ast.CoreModuleType):
                sc.spaces[Sort.CORE_TYPE].append(self.core_module_type(t.type, sc))
            else:
                sc.spaces[Sort.CORE_TYPE].append(t.type)

    def core_module_type(self, mt: ast.CoreModuleType, sc: _Scope) -> ct.ModuleType:
        types: list = []
        imports = []
        exports = []
        names: set = set()
        for decl in mt.decls:
            if isinstance(decl, (ast.CoreTypeDef, ast.CoreRecGroup)):
                members = decl.types if isinstance(decl, ast.CoreRecGroup) else (decl,)
                for t in members:
                    if isinstance(t.type, ast.CoreModuleType):
                        raise self.error("module types cannot be nested")
                    types.append(t.type)
            elif isinstance(decl, ast.CoreAliasOuter):
                if decl.sort is not Sort.CORE_TYPE:
                    raise self.error("only type aliases are allowed in module types")
                if decl.count != 1:
                    raise self.error(f"invalid outer alias count of {decl.count}")
                t = self.get(sc, Sort.CORE_TYPE, decl.index)
                if isinstance(t, ct.ModuleType):
                    raise self.error("cannot alias a module type into a module type")
                types.append(t)
            elif isinstance(decl, ast.CoreExportDecl):
                if decl.name in names:
                    raise self.error(f"duplicate export name `{decl.name}`")
                names.add(decl.name)
                exports.append((decl.name, decl.kind, self.core_desc(decl.kind, decl.desc,
                                                                     types)))
            else:
                imports.append((decl.module, decl.name, decl.kind,
                                self.core_desc(decl.kind, decl.desc, types)))
        return ct.ModuleType(tuple(imports), tuple(exports))

    def core_desc(self, kind: ExternKind, desc: Any, types: list) -> Any:
        if kind == ExternKind.FUNC or kind == ExternKind.TAG:
            if not 0 <= desc < len(types):
                raise self.error(f"unknown type {desc}: type index out of bounds")
            t = types[desc]
            if not isinstance(t, CoreFuncType):
                raise self.error(f"type index {desc} is not a function type")
            return t
        return desc

    # ---------------------------------------------------------------- types

    def type_def(self, d: ast.TypeDef, sc: _Scope) -> tuple:
        """A type definition: (resolved type, its TypeId)."""
        t = d.type
        if isinstance(t, ast.ResourceDef):
            return self.resource_def(t, sc), naming.TypeId(naming.RESOURCE)
        if isinstance(t, ast.FuncTypeDef):
            ft = self.func_type(t, sc)
            refs = [v for _, v in t.params] + ([] if t.result is None else [t.result])
            return ft, naming.TypeId(naming.FUNC, tuple(self.ref_tid(v, sc) for v in refs))
        if isinstance(t, ast.ComponentTypeDef):
            return self.component_type(t, sc)
        if isinstance(t, ast.InstanceTypeDef):
            return self.instance_type(t, sc)
        return self.def_val_type(t, sc), self.val_type_tid(t, sc)

    def val_type_tid(self, t: object, sc: _Scope) -> naming.TypeId:
        """The TypeId of a value type definition (already resolved)."""
        cls = type(t)
        if cls is ast.PrimDef:
            return naming.PRIM
        if cls is ast.OwnDef or cls is ast.BorrowDef:
            return naming.TypeId(naming.HANDLE, (sc.tids[Sort.TYPE][t.resource],))
        if cls is ast.RecordDef:
            kind, refs = naming.NOMINAL, [v for _, v in t.fields]
        elif cls is ast.VariantDef:
            kind, refs = naming.NOMINAL, [c.type for c in t.cases if c.type is not None]
        elif cls is ast.FlagsDef or cls is ast.EnumDef:
            kind, refs = naming.NOMINAL, []
        elif cls is ast.ListDef or cls is ast.OptionDef:
            kind, refs = naming.ANONYMOUS, [t.element if cls is ast.ListDef else t.type]
        elif cls is ast.TupleDef:
            kind, refs = naming.ANONYMOUS, list(t.elements)
        else:
            kind, refs = naming.ANONYMOUS, [r for r in (t.ok, t.err) if r is not None]
        return naming.TypeId(kind, tuple(self.ref_tid(v, sc) for v in refs))

    def resource_def(self, t: ast.ResourceDef, sc: _Scope) -> ct.ResourceType:
        if sc.kind != "component":
            raise self.error("resources can only be defined within a concrete component")
        if t.is_async:
            raise self.error(f"async resource destructors require {_ASYNC}")
        if t.dtor is not None:
            f = self.get(sc, Sort.CORE_FUNC, t.dtor)
            if f != CoreFuncType((I32,), ()):
                raise self.error(f"core function {t.dtor} has wrong signature for a destructor")
        r = ct.ResourceType("")
        sc.local_resources.append(r)
        sc.created_resources.append(r)
        self.info.resource_defs[self.position] = ResourceDefInfo(r, t.dtor, self.position)
        return r

    def valtype(self, ref: ast.ValTypeRef, sc: _Scope) -> ct.ValType:
        if not isinstance(ref, int):
            return self.primitive(ref)
        t = self.get_type(sc, ref)
        if not isinstance(t, ct.ValType):
            raise self.error(f"type index {ref} is not a defined type")
        return t

    def primitive(self, p: ct.ValType) -> ct.ValType:
        if isinstance(p, ct.ErrorContext):
            raise self.error("`error-context` requires the component model error-context"
                             " feature")
        return p

    def labels(self, names, what: str, previous: str = "") -> None:
        seen: dict = {}
        for n in names:
            try:
                check_label(n)
            except ValueError as e:
                raise self.error(f"{what} name `{n}` is not a valid label: {e}") from None
            k = label_key(n)
            if k in seen:
                raise self.error(f"{what} name `{n}` conflicts with previous {previous or what}"
                                 f" name `{seen[k]}`")
            seen[k] = n

    def def_val_type(self, t: object, sc: _Scope) -> ct.ValType:
        """A value type definition, resolved; its effective size and depth
        bounded (types only refer back, but a chain of them can nest
        deeply or, sharing parts, grow exponentially)."""
        resolved = self._def_val_type(t, sc)
        size, depth = self.measure(resolved)
        if size > MAX_TYPE_SIZE:
            raise self.error(f"effective type size exceeds the limit of {MAX_TYPE_SIZE}")
        if depth > MAX_TYPE_DEPTH:
            raise self.error("type nesting is too deep")
        return resolved

    def measure(self, t: Any) -> tuple:
        """(effective size, depth) of a resolved value type, from its parts'
        (each part was measured when it was defined)."""
        known = self.sizes.get(id(t))
        if known is not None:
            return known[0], known[1]
        parts = [p for p in _parts(t) if p is not None]
        size, depth = 1, 1
        for p in parts:
            ps, pd = self.measure(p)
            size += ps
            depth = max(depth, pd + 1)
        self.sizes[id(t)] = (size, depth, t)     # (t: keeps the id valid)
        return size, depth

    def _def_val_type(self, t: object, sc: _Scope) -> ct.ValType:
        cls = type(t)
        if cls is ast.PrimDef:
            return self.primitive(t.type)
        if cls is ast.RecordDef:
            if not t.fields:
                raise self.error("record type must have at least one field")
            self.labels([n for n, _ in t.fields], "record field", "field")
            return ct.RecordType(tuple((n, self.valtype(v, sc)) for n, v in t.fields))
        if cls is ast.VariantDef:
            if not t.cases:
                raise self.error("variant type must have at least one case")
            self.labels([c.label for c in t.cases], "variant case", "case")
            for c in t.cases:
                if c.refines is not None:
                    raise self.error("variant case refines is not supported")
            return ct.VariantType(tuple(
                (c.label, None if c.type is None else self.valtype(c.type, sc))
                for c in t.cases))
        if cls is ast.ListDef:
            if t.length is not None:
                raise self.error("Fixed-length lists require the component model fixed-length"
                                 " lists feature")
            return ct.ListType(self.valtype(t.element, sc))
        if cls is ast.TupleDef:
            if not t.elements:
                raise self.error("tuple type must have at least one type")
            return ct.TupleType(tuple(self.valtype(v, sc) for v in t.elements))
        if cls is ast.FlagsDef:
            if not t.names:
                raise self.error("flags must have at least one entry")
            if len(t.names) > 32:
                raise self.error("cannot have more than 32 flags")
            self.labels(t.names, "flag")
            return ct.FlagsType(tuple(t.names))
        if cls is ast.EnumDef:
            if not t.names:
                raise self.error("enum type must have at least one variant")
            self.labels(t.names, "enum tag", "tag")
            return ct.EnumType(tuple(t.names))
        if cls is ast.OptionDef:
            return ct.OptionType(self.valtype(t.type, sc))
        if cls is ast.ResultDef:
            return ct.ResultType(None if t.ok is None else self.valtype(t.ok, sc),
                                 None if t.err is None else self.valtype(t.err, sc))
        if cls is ast.OwnDef or cls is ast.BorrowDef:
            r = self.get_type(sc, t.resource)
            if not isinstance(r, ct.ResourceType):
                raise self.error(f"type index {t.resource} is not a resource type")
            return ct.OwnType(r) if cls is ast.OwnDef else ct.BorrowType(r)
        if cls is ast.StreamDef:
            raise self.error(f"`stream` requires {_ASYNC}")
        if cls is ast.FutureDef:
            raise self.error(f"`future` requires {_ASYNC}")
        if cls is ast.MapDef:
            raise self.error("Maps require the component model map feature")
        raise self.error(f"unknown type definition {cls.__name__}")

    def func_type(self, t: ast.FuncTypeDef, sc: _Scope) -> ct.FuncType:
        if t.is_async:
            raise self.error(f"async component functions require {_ASYNC}")
        self.labels([n for n, _ in t.params], "function parameter", "parameter")
        params = tuple((n, self.valtype(v, sc)) for n, v in t.params)
        result = None if t.result is None else self.valtype(t.result, sc)
        if result is not None and _contains_borrow(result):
            raise self.error("function result cannot contain a `borrow` type")
        return ct.FuncType(params, result)

    def instance_type(self, t: ast.InstanceTypeDef, sc: _Scope) -> tuple:
        inner = _Scope("instance-type", sc)
        for decl in t.decls:
            self.decl(decl, inner)
        return (ct.ComponentInstanceType(tuple(inner.exports), tuple(inner.created_resources)),
                naming.TypeId(naming.INSTANCE, tuple(inner.export_tids)))

    def component_type(self, t: ast.ComponentTypeDef, sc: _Scope) -> tuple:
        inner = _Scope("component-type", sc)
        for decl in t.decls:
            self.decl(decl, inner)
        return (ct.ComponentType(tuple(inner.imports), tuple(inner.exports),
                                 tuple(inner.imported_resources),
                                 tuple(inner.created_resources)),
                naming.TypeId(naming.COMPONENT,
                              (tuple(inner.import_tids), tuple(inner.export_tids))))

    def decl(self, decl: object, sc: _Scope) -> None:
        """One declaration of a component or instance type (errors inside a
        type are reported at the type's offset, as wasmparser does)."""
        if isinstance(decl, (ast.CoreTypeDef, ast.CoreRecGroup)):
            self.core_type_def(decl, sc)
        elif isinstance(decl, ast.TypeDef):
            self.add(sc, Sort.TYPE, *self.type_def(decl, sc))
        elif isinstance(decl, ast.Alias):
            allowed = (Sort.TYPE, Sort.INSTANCE) if not isinstance(decl.target, ast.AliasOuter) \
                else (Sort.TYPE, Sort.CORE_TYPE, Sort.INSTANCE)
            if decl.sort not in allowed:
                raise self.error("aliases in a component or instance type may only refer to"
                                 " types or instances")
            self.alias(decl, sc)
        elif isinstance(decl, ast.Import):
            self.declare(decl, sc, True)
        elif isinstance(decl, ast.ExportDecl):
            self.declare(decl, sc, False)
        else:
            raise self.error(f"unknown declaration {type(decl).__name__}")

    # ------------------------------------------------------ extern types

    def extern_type(self, desc: ast.ExternDesc, sc: _Scope, name: str,
                    importing: bool) -> Any:
        """The extern type an import/export declaration gives: instance and
        component types are instantiated here (their own abstract resources
        made fresh, recorded in the scope: imported for an import, created
        for an export declaration)."""
        s = desc.sort
        if s is Sort.CORE_MODULE:
            t = self.get(sc, Sort.CORE_TYPE, desc.index)
            if not isinstance(t, ct.ModuleType):
                raise self.error(f"core type index {desc.index} is not a module type")
            return t
        if s is Sort.FUNC:
            t = self.get_type(sc, desc.index)
            if not isinstance(t, ct.FuncType):
                raise self.error(f"type index {desc.index} is not a function type")
            return t
        if s is Sort.INSTANCE or s is Sort.COMPONENT:
            t = self.get_type(sc, desc.index)
            want = ct.ComponentInstanceType if s is Sort.INSTANCE else ct.ComponentType
            if not isinstance(t, want):
                word = "an instance" if s is Sort.INSTANCE else "a component"
                raise self.error(f"type index {desc.index} is not {word} type")
            return self.freshen(t, sc, importing)
        if s is Sort.TYPE:
            if desc.index is None:
                r = ct.ResourceType(name)
                (sc.imported_resources if importing else sc.created_resources).append(r)
                return r
            t = self.get_type(sc, desc.index)
            return t if isinstance(t, (ct.ValType, ct.ResourceType)) else ct.TypeItem(t)
        raise self.error("support for component model `value`s is not enabled")

    def freshen(self, t: Any, sc: _Scope, importing: bool) -> Any:
        """Instantiate an instance/component type's own abstract resources."""
        if isinstance(t, ct.ComponentType):
            return t        # (its resources are made at each instantiation)
        own = t.defined_resources
        if not own:
            return _strip(t)
        mapping = {r: ct.ResourceType(r.name) for r in own}
        (sc.imported_resources if importing else sc.created_resources).extend(mapping.values())
        return _strip(ct.substitute(t, mapping))

    # ---------------------------------------------------------------- names

    def check_name(self, name: str, sc: _Scope, is_import: bool, t: Any) -> None:
        word = "import" if is_import else "export"
        try:
            parsed = parse_extern_name(name, is_import)
        except ValueError as e:
            raise self.error(f"{word} name `{name}` is not a valid extern name\n{e}") from None
        names = sc.import_names if is_import else sc.export_names
        key = parsed.key
        if key in names:
            raise self.error(f"{word} name `{name}` conflicts with previous name"
                             f" `{names[key]}`")
        names[key] = name
        if parsed.kind in ("constructor", "method", "static"):
            self.check_resource_func(name, parsed, sc, t, word, is_import)
        if parsed.kind == "label" and isinstance(t, ct.ResourceType):
            sc.resource_labels[(is_import, name)] = t

    def check_resource_func(self, name: str, parsed: Any, sc: _Scope, t: Any, word: str,
                            is_import: bool) -> None:
        def bad(why: str) -> InvalidError:
            return self.error(f"{word} name `{name}` is not valid\n{why}")
        if not isinstance(t, ct.FuncType):
            raise bad("only functions can have annotated names")

        def check_resource(handle: Any) -> None:
            want = sc.resource_labels.get((is_import, parsed.resource))
            if want is not None and handle.ty is not want:
                raise bad("function does not match expected resource name"
                          f" `{parsed.resource}`")
        if parsed.kind == "constructor":
            r = t.result
            if isinstance(r, ct.ResultType):
                r = r.ok
            if not isinstance(r, ct.OwnType):
                raise bad("function should return `(own $T)` or `(result (own $T))`")
            check_resource(r)
        elif parsed.kind == "method":
            if not t.params:
                raise bad("function should have at least one argument")
            pname, ptype = t.params[0]
            if pname != "self":
                raise bad("function should have a first argument called `self`")
            if not isinstance(ptype, ct.BorrowType):
                raise bad("function should take a first argument of `borrow<T>`")
            check_resource(ptype)
        if (is_import, parsed.resource) not in sc.resource_labels:
            raise bad(f"resource used in function does not have a name in this context:"
                      f" `{parsed.resource}`")

    # -------------------------------------------------------------- imports

    def declare(self, d: Any, sc: _Scope, importing: bool) -> None:
        """An import, or an export declaration of a component or instance
        type: both declare a name and the type of what it stands for."""
        t = self.extern_type(d.desc, sc, d.name, importing)
        tid = self.extern_tid(d.desc, sc)
        self.check_named(d.desc.sort, tid, sc, importing)
        self.check_name(d.name, sc, importing, t)
        (sc.imports if importing else sc.exports).append((d.name, t))
        (sc.import_tids if importing else sc.export_tids).append((d.name, d.desc.sort, tid))
        self.add(sc, d.desc.sort, t, tid)

    def add(self, sc: _Scope, sort: Sort, t: Any, tid: Optional[naming.TypeId] = None) -> None:
        """Append an item to its index space (with its TypeId, for the
        spaces that keep one)."""
        if sort is Sort.TYPE and isinstance(t, ct.TypeItem):
            t = t.type
        sc.spaces[sort].append(t)
        tids = sc.tids.get(sort)
        if tids is not None:
            tids.append(naming.OPAQUE_ID if tid is None else tid)

    def extern_tid(self, desc: ast.ExternDesc, sc: _Scope) -> naming.TypeId:
        """The TypeId of what an import/export declaration describes (its
        type already checked by extern_type): a type import or export names
        a new identity."""
        if desc.sort is Sort.TYPE:
            if desc.index is None:
                return naming.TypeId(naming.RESOURCE)
            return naming.alias_of(sc.tids[Sort.TYPE][desc.index])
        if desc.sort in (Sort.FUNC, Sort.INSTANCE, Sort.COMPONENT):
            return sc.tids[Sort.TYPE][desc.index]
        return naming.OPAQUE_ID

    def check_named(self, sort: Sort, tid: naming.TypeId, sc: _Scope, importing: bool) -> None:
        """The naming rule (component_naming): every record, variant, enum,
        flags or resource an import or export mentions has been imported (or,
        for an export, exported) under a name. Instance types' declarations
        are exempt until the type is used."""
        if sc.kind != "instance-type" and not sc.named.admit(sort, tid, importing):
            raise self.error(f"{sort_word(sort)} not valid to be used as"
                             f" {'import' if importing else 'export'}")

    # -------------------------------------------------------------- exports

    def item_type(self, sc: _Scope, sort: Sort, index: int, what: str) -> Any:
        if sort.is_core and sort is not Sort.CORE_MODULE:
            raise self.error(f"{what} of a {sort.text} is not supported: only core modules"
                             " can be exported from a component")
        if sort is Sort.VALUE:
            raise self.error("support for component model `value`s is not enabled")
        t = self.get(sc, sort, index)
        if sort is Sort.TYPE and not isinstance(t, (ct.ValType, ct.ResourceType)):
            return ct.TypeItem(t)
        return t

    def export(self, d: ast.Export, sc: _Scope) -> None:
        t = self.item_type(sc, d.sort, d.index, "an export")
        tid = self.tid(sc, d.sort, d.index)
        if d.sort is Sort.TYPE:
            tid = naming.alias_of(tid)
        if d.desc is not None:
            if d.desc.sort is not d.sort:
                raise self.error("ascribed type of export is not compatible with item's type"
                                 f"\nexpected {sort_word(d.desc.sort)}, found"
                                 f" {sort_word(d.sort)}")
            if d.desc.is_sub_resource:
                if not isinstance(t, ct.ResourceType):
                    raise self.error("ascribed type of export is not compatible with item's"
                                     " type\nexpected resource")
                ascribed: Any = t
            else:
                ascribed = self.extern_type(d.desc, sc, d.name, False)
                why = mismatch(t, ascribed)
                if why:
                    raise self.error("ascribed type of export is not compatible with item's"
                                     f" type\n{why}")
            t = ascribed
            if not d.desc.is_sub_resource:
                tid = self.extern_tid(d.desc, sc)
        self.check_named(d.sort, tid, sc, False)
        self.check_name(d.name, sc, False, t)
        sc.exports.append((d.name, t))
        sc.export_tids.append((d.name, d.sort, tid))
        if isinstance(t, ct.ResourceType):
            sc.exported_resources.append(t)
            if not t.name:
                t.name = d.name     # (for messages)
        self.add(sc, d.sort, t, tid)

    # ------------------------------------------------------ component instances

    def instantiate(self, d: ast.Instantiate, sc: _Scope) -> tuple:
        """An instantiation: (its instance type, its TypeId)."""
        ctype = self.get(sc, Sort.COMPONENT, d.component)
        args: dict = {}
        arg_tids: dict = {}
        for a in d.args:
            key = a.name
            if key in args:
                raise self.error(f"instantiation argument `{a.name}` conflicts with previous"
                                 f" argument `{a.name}`")
            args[key] = (a.sort, self.item_type(sc, a.sort, a.index, "an instantiation"
                                                " argument"))
            arg_tids[key] = self.tid(sc, a.sort, a.index)
        mapping: dict = {}
        for name, expected in ctype.import_list:
            given = args.get(name)
            if given is None:
                raise self.error(f"missing import named `{name}`")
            sort, actual = given
            expected = ct.substitute(expected, mapping)
            _bind(actual, expected, ctype.imported_resources, mapping)
            expected = ct.substitute(expected, mapping)
            why = mismatch(actual, expected)
            if why:
                raise self.error(f"type mismatch for import `{name}`\n{why}")
        for r in ctype.defined_resources:
            fresh = ct.ResourceType(r.name)
            mapping[r] = fresh
            sc.created_resources.append(fresh)
        for r in ctype.imported_resources:
            if r not in mapping:
                raise self.error(f"missing import named `{r.name}`")
        itype = ct.ComponentInstanceType(tuple(
            (n, ct.substitute(t, mapping)) for n, t in ctype.export_list))
        self.info.instantiations[self.position] = InstantiationInfo(d.component, mapping, itype)
        # the instance's TypeId: the component's exports, with the names its
        # imports gave replaced by the arguments' and its resources made fresh
        ctid = self.tid(sc, Sort.COMPONENT, d.component)
        renames: dict = {}
        for name, sort, expected in ctid.parts[0]:
            naming.bind(expected, arg_tids.get(name), sort, renames)
        exports = naming.remap(naming.TypeId(naming.INSTANCE, ctid.parts[1]), renames, {})
        return itype, exports

    def inline_exports(self, d: ast.InlineExports, sc: _Scope) -> tuple:
        """An instance of exports given inline: (its type, its TypeId; the
        items keep theirs)."""
        names: dict = {}
        exports = []
        tids = []
        for e in d.exports:
            t = self.item_type(sc, e.sort, e.index, "an instance export")
            try:
                parsed = parse_extern_name(e.name, False)
            except ValueError as err:
                raise self.error(f"export name `{e.name}` is not a valid extern name"
                                 f"\n{err}") from None
            if parsed.key in names:
                raise self.error(f"export name `{e.name}` conflicts with previous name"
                                 f" `{names[parsed.key]}`")
            names[parsed.key] = e.name
            exports.append((e.name, t))
            tids.append((e.name, e.sort, self.tid(sc, e.sort, e.index)))
        return (ct.ComponentInstanceType(tuple(exports)),
                naming.TypeId(naming.INSTANCE, tuple(tids)))

    # ---------------------------------------------------------------- aliases

    def alias(self, d: ast.Alias, sc: _Scope) -> None:
        t = d.target
        s = d.sort
        if isinstance(t, ast.AliasExport):
            if s.is_core and s is not Sort.CORE_MODULE:
                raise self.error(f"cannot alias a {s.text} from a component instance")
            inst = self.get(sc, Sort.INSTANCE, t.instance)
            found = dict(inst.export_list).get(t.name, _MISSING)
            if found is _MISSING:
                raise self.error(f"instance {t.instance} has no export named `{t.name}`")
            if extern_sort(found) is not s:
                raise self.error(f"export `{t.name}` for instance {t.instance} is not a"
                                 f" {sort_word(s)}")
            self.add(sc, s, found, naming.entry(self.tid(sc, Sort.INSTANCE, t.instance),
                                                t.name))
        elif isinstance(t, ast.AliasCoreExport):
            kind = _KIND_OF_SORT.get(s)
            if kind is None:
                raise self.error(f"cannot alias a {s.text} from a core instance")
            inst = self.get(sc, Sort.CORE_INSTANCE, t.instance)
            found = inst.exports.get(t.name)
            if found is None:
                raise self.error(f"core instance {t.instance} has no export named `{t.name}`")
            if found[0] != kind:
                raise self.error(f"export `{t.name}` for core instance {t.instance} is not a"
                                 f" {_CORE_KIND_WORD[kind]}")
            sc.spaces[s].append(found[1])
        else:
            if s not in (Sort.TYPE, Sort.CORE_TYPE, Sort.CORE_MODULE, Sort.COMPONENT):
                raise self.error("outer aliases can only be of types, modules and components")
            target = sc.outer(t.count)
            if target is None:
                raise self.error(f"invalid outer alias count of {t.count}")
            item = self.get(target, s, t.index)
            if s is Sort.TYPE and sc.crosses_component(t.count) and ct.resources_in(item):
                raise self.error("cannot alias outer type which transitively refers to"
                                 " resources not defined in the current component")
            self.add(sc, s, item, self.tid(target, s, t.index))

    # ------------------------------------------------------------------ canon

    def options(self, d: Any, sc: _Scope, lowering: bool) -> dict:
        """Check a canon definition's options: no duplicates or conflicts,
        indices in bounds, realloc's and post-return's signatures."""
        enc = None
        seen: dict = {}
        for o in d.options:
            if o.kind in ast.STRING_ENCODINGS:
                if enc is not None:
                    raise self.error(f"canonical encoding option `{enc}` conflicts with option"
                                     f" `{o.kind}`")
                enc = o.kind
                continue
            if o.kind in seen:
                raise self.error(f"canonical option `{o.kind}` is specified more than once")
            seen[o.kind] = o.index
            if o.kind in ("async", "callback"):
                raise self.error(f"canonical option `{o.kind}` requires {_ASYNC}")
        opts = {"string_encoding": enc or "utf8", "memory": seen.get("memory"),
                "realloc": seen.get("realloc"), "post_return": seen.get("post-return")}
        if opts["memory"] is not None:
            mt = self.get(sc, Sort.CORE_MEMORY, opts["memory"])
            if getattr(mt, "is64", False):
                raise self.error("canonical ABI memory is not a 32-bit linear memory")
        if opts["realloc"] is not None:
            if self.get(sc, Sort.CORE_FUNC, opts["realloc"]) != _REALLOC_TYPE:
                raise self.error("canonical option `realloc` uses a core function with an"
                                 " incorrect signature")
        if opts["post_return"] is not None:
            if lowering:
                raise self.error("canonical option `post-return` cannot be specified for"
                                 " lowerings")
            self.get(sc, Sort.CORE_FUNC, opts["post_return"])
        return opts

    def require(self, opts: dict, ft: ct.FuncType, lift: bool) -> None:
        params = [t for _, t in ft.params]
        param_ptr = any(map(_contains_pointer, params))
        result_ptr = ft.result is not None and _contains_pointer(ft.result)
        params_spill = len(flatten_types(params)) > MAX_FLAT_PARAMS
        result_spill = ft.result is not None and \
            len(flatten_types([ft.result])) > MAX_FLAT_RESULTS
        memory = param_ptr or result_ptr or params_spill or result_spill
        realloc = (param_ptr or params_spill) if lift else result_ptr
        if memory and opts["memory"] is None:
            raise self.error("canonical option `memory` is required")
        if realloc and opts["realloc"] is None:
            raise self.error("canonical option `realloc` is required")

    def canon_lift(self, d: ast.CanonLift, sc: _Scope) -> None:
        core = self.get(sc, Sort.CORE_FUNC, d.core_func)
        ft = self.get_type(sc, d.type_index)
        if not isinstance(ft, ct.FuncType):
            raise self.error(f"type index {d.type_index} is not a function type")
        opts = self.options(d, sc, False)
        self.require(opts, ft, True)
        params, results = flatten_functype(ft, "lift")
        want = CoreFuncType(tuple(_CORE_BY_NAME[p] for p in params),
                            tuple(_CORE_BY_NAME[r] for r in results))
        if core.params != want.params:
            raise self.error(f"lowered parameter types `{_debug(want.params)}` do not match"
                             f" parameter types `{_debug(core.params)}` of core function"
                             f" {d.core_func}")
        if core.results != want.results:
            raise self.error(f"lowered result types `{_debug(want.results)}` do not match"
                             f" result types `{_debug(core.results)}` of core function"
                             f" {d.core_func}")
        if opts["post_return"] is not None:
            pr = sc.spaces[Sort.CORE_FUNC][opts["post_return"]]
            if pr != CoreFuncType(want.results, ()):
                raise self.error("canonical option `post-return` uses a core function with an"
                                 " incorrect signature")
        self.info_canon(CanonInfo("lift", want, ft, core_func=d.core_func, **opts), sc)
        self.add(sc, Sort.FUNC, ft, sc.tids[Sort.TYPE][d.type_index])

    def canon_lower(self, d: ast.CanonLower, sc: _Scope) -> None:
        ft = self.get(sc, Sort.FUNC, d.func)
        opts = self.options(d, sc, True)
        self.require(opts, ft, False)
        params, results = flatten_functype(ft, "lower")
        core = CoreFuncType(tuple(_CORE_BY_NAME[p] for p in params),
                            tuple(_CORE_BY_NAME[r] for r in results))
        self.info_canon(CanonInfo("lower", core, ft, func=d.func, **opts), sc)
        sc.spaces[Sort.CORE_FUNC].append(core)

    def canon_resource(self, d: Any, sc: _Scope) -> None:
        r = self.get_type(sc, d.resource)
        if not isinstance(r, ct.ResourceType):
            raise self.error(f"type index {d.resource} is not a resource type")
        kind = d.builtin
        if isinstance(d, ast.CanonResourceDrop):
            if d.is_async:
                raise self.error(f"`resource.drop async` requires {_ASYNC}")
            core = CoreFuncType((I32,), ())
        else:
            if not _has(sc.local_resources, r):
                raise self.error(f"type {d.resource} is not a local resource")
            core = CoreFuncType((I32,), (I32,))
        self.info_canon(CanonInfo(kind, core, resource=r), sc)
        sc.spaces[Sort.CORE_FUNC].append(core)

    def info_canon(self, c: CanonInfo, sc: _Scope) -> None:
        self.info.canons[self.position] = c


_MISSING = object()
# wasmparser's limit on a type's effective size; and a depth bound that keeps
# the recursive walks over types (substitute, flattening) well inside
# Python's stack
MAX_TYPE_SIZE = 1_000_000
MAX_TYPE_DEPTH = 100


def _parts(t: Any) -> list:
    cls = type(t)
    if cls is ct.ListType:
        return [t.element]
    if cls is ct.RecordType:
        return [v for _, v in t.fields]
    if cls is ct.VariantType:
        return [v for _, v in t.cases]
    if cls is ct.TupleType:
        return list(t.elements)
    if cls is ct.OptionType:
        return [t.payload]
    if cls is ct.ResultType:
        return [t.ok, t.err]
    return []


def _builtin_feature(name: str) -> str:
    if name.startswith("error-context"):
        return "the component model error-context feature"
    if name.startswith("thread."):
        if name in ("thread.yield",):
            return _ASYNC
        return "the component model threading feature"
    return _ASYNC


def _debug(ts: tuple) -> str:
    return "[" + ", ".join(t.name.upper() for t in ts) + "]"


def _strip(t: Any) -> Any:
    """An instantiated type: its abstract resources are concrete now."""
    if isinstance(t, ct.ComponentInstanceType) and t.defined_resources:
        return ct.ComponentInstanceType(t.export_list)
    return t


def _bind(actual: Any, expected: Any, imported: tuple, mapping: dict) -> None:
    """Bind the expected type's still-unbound imported resources to the
    resources ``actual`` has in the same places (type exports of
    instances, type imports)."""
    if isinstance(expected, ct.ResourceType):
        if _has(list(imported), expected) and expected not in mapping and \
                isinstance(actual, ct.ResourceType):
            mapping[expected] = actual
        return
    if isinstance(expected, ct.ComponentInstanceType) and \
            isinstance(actual, ct.ComponentInstanceType):
        have = dict(actual.export_list)
        for name, et in expected.export_list:
            if name in have:
                _bind(have[name], ct.substitute(et, mapping), imported, mapping)


def _contains_borrow(t: Any) -> bool:
    return any(True for _ in _walk(t, ct.BorrowType))


def _contains_pointer(t: Any) -> bool:
    """Whether lifting or lowering ``t`` touches memory (strings, lists)."""
    return any(True for _ in _walk(t, (ct.String, ct.ListType)))


def _walk(t: Any, kinds):
    if isinstance(t, kinds):
        yield t
        return
    cls = type(t)
    if cls is ct.ListType:
        yield from _walk(t.element, kinds)
    elif cls is ct.RecordType:
        for _, v in t.fields:
            yield from _walk(v, kinds)
    elif cls is ct.VariantType:
        for _, v in t.cases:
            if v is not None:
                yield from _walk(v, kinds)
    elif cls is ct.TupleType:
        for v in t.elements:
            yield from _walk(v, kinds)
    elif cls is ct.OptionType:
        yield from _walk(t.payload, kinds)
    elif cls is ct.ResultType:
        for v in (t.ok, t.err):
            if v is not None:
                yield from _walk(v, kinds)
