"""Instantiating a component: its definitions run in order, each filling
one index space of a frame (one frame per component instance).

What the spaces hold at run time:

- core spaces: the core API's objects (``Func``, ``Memory``, ``Table``,
  ``Global``, ``Tag``); core modules are compiled ``Module``s; a core
  instance is a mapping name -> core object (``CoreExports`` for an
  instantiated module, a dict for inline exports);
- ``FUNC``: a ``ComponentFunc`` (its resolved type and a Python callable
  taking and returning component values);
- ``INSTANCE``: a dict name -> item (a ComponentFunc, a resolved type, a
  dict for a nested instance, a core module);
- ``TYPE``: resolved types (``syntax.component_types``); a resource type
  defined here is a fresh ``ResourceType`` per frame, so two instances of
  one component have distinct resource types, as the model requires;
  component and instance types stay as their definitions (``TypeScope``),
  resolved against what is actually given when an import needs them;
- ``COMPONENT``: a ``ComponentClosure`` (the nested component's syntax and
  the frame it was defined in, for outer aliases).

The canonical ABI (``canonical_abi``) makes the functions that cross:
``canon lift`` wraps a core function as a ComponentFunc, ``canon lower``
a ComponentFunc as a core host function.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Callable, Dict, Iterator, Optional

from ..errors import WasmtimeError
from ..syntax import component as C
from ..syntax import component_types as T

__all__ = ["ComponentFunc", "Frame", "instantiate_component", "Imports"]


class ComponentFunc:
    """A component function: ``call(*values) -> value`` and its type.
    ``host_reps``: the callee is the WASI host, which sees host resources as
    their reps (the ABI's lowering needs to know)."""
    __slots__ = ("type", "call", "host_reps", "post_return")

    def __init__(self, ty: T.FuncType, call: Callable, host_reps: bool = False,
                 post_return: Optional[Callable] = None) -> None:
        self.type = ty
        self.call = call
        self.host_reps = host_reps
        self.post_return = post_return


class TypeScope:
    """A component or instance type definition with the frame whose types
    its outer aliases see."""
    __slots__ = ("definition", "frame")

    def __init__(self, definition: Any, frame: "Frame") -> None:
        self.definition = definition
        self.frame = frame


class ComponentClosure:
    __slots__ = ("component", "frame")

    def __init__(self, component: C.Component, frame: Optional["Frame"]) -> None:
        self.component = component
        self.frame = frame


class Imports:
    """Where a frame's imports come from: ``lookup(name)`` the item given
    for an import name (None if missing)."""

    def __init__(self, lookup: Callable[[str], Any]) -> None:
        self.lookup = lookup


def _link_error(message: str) -> WasmtimeError:
    return WasmtimeError(message)


class Frame:
    """One component instance being built: its index spaces and state."""

    def __init__(self, env: "Environment", component: C.Component,
                 parent: Optional["Frame"], modules: Dict[int, Any]) -> None:
        self.env = env
        self.component = component
        self.parent = parent
        self.modules = modules              # id(CoreModule) -> compiled Module
        self.spaces: Dict[C.Sort, list] = {s: [] for s in C.Sort}
        self.exports: Dict[str, Any] = {}
        from .component_resources import ComponentInstanceState
        self.state = ComponentInstanceState()
        # the host's destructors of imported host resource types: one table
        # for every instance of this instantiation (a nested instance can be
        # given the type too)
        self.state.host_dtors = env.host_dtors

    # -- index spaces -------------------------------------------------------

    def get(self, sort: C.Sort, index: int) -> Any:
        space = self.spaces[sort]
        if not 0 <= index < len(space):
            raise _link_error(f"{sort.text} index {index} out of bounds")
        return space[index]

    def push(self, sort: C.Sort, item: Any) -> None:
        self.spaces[sort].append(item)

    def outer(self, count: int) -> "Frame":
        frame: Optional[Frame] = self
        for _ in range(count):
            frame = frame.parent if frame is not None else None
        if frame is None:
            raise _link_error("outer alias reaches past the outermost component")
        return frame

    # -- types -----------------------------------------------------------------

    def valtype(self, ref: Any) -> T.ValType:
        """A value type reference (an index, or a primitive) resolved."""
        if isinstance(ref, int):
            t = self.get(C.Sort.TYPE, ref)
            if not isinstance(t, T.ValType):
                raise _link_error(f"type index {ref} is not a value type ({t!r})")
            return t
        return ref

    def resolve(self, d: Any) -> Any:
        """A type definition resolved in this frame."""
        v = self.valtype
        opt = lambda r: None if r is None else v(r)   # noqa: E731
        if isinstance(d, C.PrimDef):
            return d.type
        if isinstance(d, C.RecordDef):
            return T.RecordType(tuple((n, v(t)) for n, t in d.fields))
        if isinstance(d, C.VariantDef):
            return T.VariantType(tuple((c.label, opt(c.type)) for c in d.cases))
        if isinstance(d, C.ListDef):
            return T.ListType(v(d.element), d.length)
        if isinstance(d, C.TupleDef):
            return T.TupleType(tuple(v(t) for t in d.elements))
        if isinstance(d, C.FlagsDef):
            return T.FlagsType(tuple(d.names))
        if isinstance(d, C.EnumDef):
            return T.EnumType(tuple(d.names))
        if isinstance(d, C.OptionDef):
            return T.OptionType(v(d.type))
        if isinstance(d, C.ResultDef):
            return T.ResultType(opt(d.ok), opt(d.err))
        if isinstance(d, (C.OwnDef, C.BorrowDef)):
            r = self.get(C.Sort.TYPE, d.resource)
            if not isinstance(r, T.ResourceType):
                raise _link_error(f"type index {d.resource} is not a resource type")
            return T.OwnType(r) if isinstance(d, C.OwnDef) else T.BorrowType(r)
        if isinstance(d, C.FuncTypeDef):
            if d.is_async:
                raise _link_error("async component functions are not supported")
            return T.FuncType(tuple((n, v(t)) for n, t in d.params), opt(d.result))
        if isinstance(d, C.ResourceDef):
            return self._new_resource(d)
        if isinstance(d, (C.ComponentTypeDef, C.InstanceTypeDef)):
            return TypeScope(d, self)
        if isinstance(d, (C.StreamDef, C.FutureDef)):
            raise _link_error("streams and futures (async) are not supported")
        raise _link_error(f"unsupported type definition {type(d).__name__}")

    def _new_resource(self, d: C.ResourceDef) -> T.ResourceType:
        if d.is_async:
            raise _link_error("async resource destructors are not supported")
        dtor = None if d.dtor is None else self.get(C.Sort.CORE_FUNC, d.dtor)
        return T.ResourceType(f"resource{len(self.spaces[C.Sort.TYPE])}", dtor=dtor,
                              instance=self.state)


class Environment:
    """What every frame of one instantiation shares: the store, and the
    host's destructors of the host resource types it imports
    (``host_dtors``: ResourceType -> ``dtor(rep)``)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.host_dtors: Dict[T.ResourceType, Callable] = {}


# -- the type an import is given as -------------------------------------------

def _scope_exports(scope: TypeScope, given: Dict[str, Any],
                   missing: Optional[list] = None) -> Dict[str, Any]:
    """Resolve an instance type's export declarations against the items
    ``given`` for it: a ``(sub resource)`` export is the given resource type,
    a function export gets its declared type (with those resources). Returns
    name -> resolved type (FuncType, ValType, ResourceType, TypeScope).
    ``missing`` (when given) collects the ``(sub resource)`` exports nothing
    was given for (they resolve to a placeholder type)."""
    frame = _DeclFrame(scope.frame)
    out: Dict[str, Any] = {}
    for decl in scope.definition.decls:
        if isinstance(decl, C.TypeDef):
            frame.push(C.Sort.TYPE, frame.resolve(decl.type))
        elif isinstance(decl, C.Alias):
            frame.alias(decl, given)
        elif isinstance(decl, (C.CoreTypeDef, C.CoreRecGroup)):
            frame.push(C.Sort.CORE_TYPE, decl)
        elif isinstance(decl, (C.ExportDecl, C.Import)):
            desc = decl.desc
            if desc.sort is C.Sort.TYPE:
                if desc.index is None:      # (sub resource): what is given
                    item = given.get(decl.name) if isinstance(decl, C.ExportDecl) else None
                    if not isinstance(item, T.ResourceType):
                        item = T.ResourceType(decl.name)
                        if missing is not None and isinstance(decl, C.ExportDecl):
                            missing.append(decl.name)
                    t = item
                else:
                    t = frame.get(C.Sort.TYPE, desc.index)
                frame.push(C.Sort.TYPE, t)
                out[decl.name] = t
            elif desc.sort in (C.Sort.FUNC, C.Sort.INSTANCE, C.Sort.COMPONENT):
                t = frame.get(C.Sort.TYPE, desc.index)
                frame.push(desc.sort, t)
                out[decl.name] = t
            else:
                frame.push(desc.sort, desc)
                out[decl.name] = desc
    return out


class _DeclFrame(Frame):
    """The type index space of a component/instance type's declarations:
    resolves like a frame, outer aliases reach the defining frame."""

    def __init__(self, outer: Frame) -> None:      # noqa: super not called on purpose
        self.parent = outer
        self.spaces = {s: [] for s in C.Sort}
        self.state = outer.state

    def alias(self, decl: C.Alias, given: Dict[str, Any]) -> None:
        target = decl.target
        if isinstance(target, C.AliasOuter):
            self.push(decl.sort, self.outer(target.count).get(decl.sort, target.index))
        elif isinstance(target, C.AliasExport):
            inst = self.get(C.Sort.INSTANCE, target.instance)
            if not isinstance(inst, dict) or target.name not in inst:
                raise _link_error(f"no export `{target.name}` to alias")
            self.push(decl.sort, inst[target.name])
        else:
            raise _link_error("core export alias in a type declaration")


# -- instantiation -----------------------------------------------------------------

def instantiate_component(store: Any, component: C.Component, modules: Dict[int, Any],
                          imports: Imports, parent: Optional[Frame] = None,
                          env: Optional[Environment] = None) -> Frame:
    """Run ``component``'s definitions in a new frame and return it (its
    ``exports``: name -> item). ``modules`` maps id(CoreModule) to the
    compiled core module."""
    env = env or Environment(store)
    frame = Frame(env, component, parent, modules)
    for d in component.definitions:
        _DEFINE[type(d)](frame, d, imports)
    return frame


def _core_module(frame: Frame, d: C.CoreModule, imports: Imports) -> None:
    frame.push(C.Sort.CORE_MODULE, frame.modules[id(d)])


def _core_instantiate(frame: Frame, d: C.CoreInstantiate, imports: Imports) -> None:
    from ..instance import Instance
    module = frame.get(C.Sort.CORE_MODULE, d.module)
    args = {a.name: frame.get(C.Sort.CORE_INSTANCE, a.instance) for a in d.args}
    externs = []
    for imp in module.imports:
        given = args.get(imp.module)
        if given is None or imp.name not in given:
            raise _link_error(f"core instance has no `{imp.module}` `{imp.name}` to import")
        externs.append(given[imp.name])
    instance = Instance(frame.env.store, module, externs)
    frame.push(C.Sort.CORE_INSTANCE, CoreExports(frame.env.store, instance._instance))


class CoreExports(Mapping):
    """A core instance's exports (name -> Func, Memory, ...), each made the
    first time it is looked up, then kept: CPython's core module exports
    thousands, of which a component aliases a few dozen."""

    def __init__(self, store: Any, runtime_instance: Any) -> None:
        self._store = store
        self._records = runtime_instance.exports
        self._made: Dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        item = self._made.get(name)
        if item is None:
            from ..extern import wrap_extern
            item = self._made[name] = wrap_extern(self._store, self._records[name])
        return item

    def __contains__(self, name: object) -> bool:
        return name in self._records

    def __iter__(self) -> Iterator[str]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)


def _core_inline(frame: Frame, d: C.CoreInlineExports, imports: Imports) -> None:
    frame.push(C.Sort.CORE_INSTANCE,
               {e.name: frame.get(e.sort, e.index) for e in d.exports})


def _core_type(frame: Frame, d: Any, imports: Imports) -> None:
    for _ in range(C.added_indices(d)):
        frame.push(C.Sort.CORE_TYPE, d)


def _nested(frame: Frame, d: C.NestedComponent, imports: Imports) -> None:
    frame.push(C.Sort.COMPONENT, ComponentClosure(d.component, frame))


def _instantiate(frame: Frame, d: C.Instantiate, imports: Imports) -> None:
    closure = frame.get(C.Sort.COMPONENT, d.component)
    args = {a.name: frame.get(a.sort, a.index) for a in d.args}
    child = instantiate_component(frame.env.store, closure.component, frame.modules,
                                  Imports(args.get), closure.frame, frame.env)
    frame.push(C.Sort.INSTANCE, child.exports)


def _inline(frame: Frame, d: C.InlineExports, imports: Imports) -> None:
    frame.push(C.Sort.INSTANCE, {e.name: frame.get(e.sort, e.index) for e in d.exports})


def _alias(frame: Frame, d: C.Alias, imports: Imports) -> None:
    t = d.target
    if isinstance(t, C.AliasCoreExport):
        inst = frame.get(C.Sort.CORE_INSTANCE, t.instance)
        if t.name not in inst:
            raise _link_error(f"core instance {t.instance} has no export `{t.name}`")
        frame.push(d.sort, inst[t.name])
    elif isinstance(t, C.AliasExport):
        inst = frame.get(C.Sort.INSTANCE, t.instance)
        if t.name not in inst:
            raise _link_error(f"instance {t.instance} has no export `{t.name}`")
        frame.push(d.sort, inst[t.name])
    else:
        frame.push(d.sort, frame.outer(t.count).get(d.sort, t.index))


def _typedef(frame: Frame, d: C.TypeDef, imports: Imports) -> None:
    frame.push(C.Sort.TYPE, frame.resolve(d.type))


def _options(frame: Frame, d: Any) -> Any:
    from .canonical_abi import CanonOptions
    memory = None if d.memory is None else frame.get(C.Sort.CORE_MEMORY, d.memory)
    realloc = None if d.realloc is None else frame.get(C.Sort.CORE_FUNC, d.realloc)
    post = None if d.post_return is None else frame.get(C.Sort.CORE_FUNC, d.post_return)
    return CanonOptions(frame.env.store, memory, realloc, post, d.string_encoding,
                        frame.state)


def _canon_lift(frame: Frame, d: C.CanonLift, imports: Imports) -> None:
    from .canonical_abi import lift_func
    if d.is_async:
        raise _link_error("async lifted functions are not supported")
    ty = frame.get(C.Sort.TYPE, d.type_index)
    if not isinstance(ty, T.FuncType):
        raise _link_error(f"type index {d.type_index} is not a function type")
    core = frame.get(C.Sort.CORE_FUNC, d.core_func)
    opts = _options(frame, d)
    call = lift_func(ty, core, opts)
    frame.push(C.Sort.FUNC, ComponentFunc(ty, call))


def _canon_lower(frame: Frame, d: C.CanonLower, imports: Imports) -> None:
    from ..func import Func
    from ..types import FuncType as CoreFuncType
    from .canonical_abi import lower_func
    if d.is_async:
        raise _link_error("async lowered functions are not supported")
    callee = frame.get(C.Sort.FUNC, d.func)
    if not isinstance(callee, ComponentFunc):
        raise _link_error(f"func index {d.func} is not a component function")
    opts = _options(frame, d)
    core_type, host = lower_func(callee.type, callee.call, opts, host_reps=callee.host_reps,
                                 tag_all=callee.host_reps)
    frame.push(C.Sort.CORE_FUNC, Func(frame.env.store, CoreFuncType._wrap(core_type), host))


def _canon_resource(frame: Frame, d: Any, imports: Imports) -> None:
    from ..func import Func
    from ..types import FuncType as CoreFuncType
    from . import component_resources as R
    ty = frame.get(C.Sort.TYPE, d.resource)
    if not isinstance(ty, T.ResourceType):
        raise _link_error(f"type index {d.resource} is not a resource type")
    state = frame.state
    if isinstance(d, C.CanonResourceNew):
        core, fn = R.resource_new_func(state, ty)
    elif isinstance(d, C.CanonResourceRep):
        core, fn = R.resource_rep_func(state, ty)
    else:
        core, fn = R.resource_drop_func(state, ty, frame.env.store)
    frame.push(C.Sort.CORE_FUNC, Func(frame.env.store, CoreFuncType._wrap(core), fn))


def _canon_builtin(frame: Frame, d: C.CanonBuiltin, imports: Imports) -> None:
    raise _link_error(f"`canon {d.name}` (async, threads) is not supported")


def _start(frame: Frame, d: C.Start, imports: Imports) -> None:
    raise _link_error("component start functions (values) are not supported")


def _value(frame: Frame, d: C.ValueDef, imports: Imports) -> None:
    raise _link_error("component values are not supported")


def _import(frame: Frame, d: C.Import, imports: Imports) -> None:
    from .component_host import ImportMismatch
    kind = _kind(d.desc.sort)
    if d.desc.sort is C.Sort.TYPE and d.desc.index is not None:
        # `(type (eq T))` is T itself, as in Wasmtime: the host has nothing
        # to give (componentize-py imports a world's own types this way).
        frame.push(C.Sort.TYPE, frame.get(C.Sort.TYPE, d.desc.index))
        return
    given = imports.lookup(d.name)
    try:
        if given is None:
            if d.desc.sort is not C.Sort.INSTANCE:
                raise ImportMismatch(f"{kind} implementation is missing")
            given = {}          # as in Wasmtime: what an empty instance satisfies
        item = _as_import(frame, d.desc, given, d.name)
    except ImportMismatch as e:
        raise _import_error(kind, d.name, e.causes) from None
    frame.push(d.desc.sort, item)


def _import_error(kind: str, name: str, causes: list) -> WasmtimeError:
    """Wasmtime's words for an import the linker has no fitting definition
    for: the import, then its chain of causes."""
    if len(causes) == 1:
        chain = f"    {causes[0]}"
    else:
        chain = "\n".join(f"    {i}: {c}" for i, c in enumerate(causes))
    return _link_error(f"component imports {kind} `{name}`, but a matching implementation "
                       f"was not found in the linker\n\nCaused by:\n{chain}\n")


def _kind(sort: C.Sort) -> str:
    return {C.Sort.FUNC: "function", C.Sort.INSTANCE: "instance",
            C.Sort.TYPE: "resource", C.Sort.COMPONENT: "component",
            C.Sort.CORE_MODULE: "module"}.get(sort, sort.text)


def _as_import(frame: Frame, desc: C.ExternDesc, given: Any, name: str) -> Any:
    """The item ``given`` for an import of ``desc``, made what the frame's
    space holds (a host definition becomes a ComponentFunc typed by the
    import's declared type, a host instance a dict of such)."""
    from .component_host import adapt_given
    sort = desc.sort
    if sort is C.Sort.TYPE:
        if desc.index is None:
            t = adapt_given(frame, None, given, name)
            if not isinstance(t, T.ResourceType):
                raise _link_error(f"import `{name}` expects a resource type")
            return t
        return frame.get(C.Sort.TYPE, desc.index)
    declared = frame.get(C.Sort.TYPE, desc.index) if desc.index is not None else None
    return adapt_given(frame, declared, given, name)


_DEFINE: Dict[type, Callable] = {
    C.CoreModule: _core_module, C.CoreInstantiate: _core_instantiate,
    C.CoreInlineExports: _core_inline, C.CoreTypeDef: _core_type,
    C.CoreRecGroup: _core_type, C.NestedComponent: _nested,
    C.Instantiate: _instantiate, C.InlineExports: _inline, C.Alias: _alias,
    C.TypeDef: _typedef, C.CanonLift: _canon_lift, C.CanonLower: _canon_lower,
    C.CanonResourceNew: _canon_resource, C.CanonResourceDrop: _canon_resource,
    C.CanonResourceRep: _canon_resource, C.CanonBuiltin: _canon_builtin,
    C.Start: _start, C.ValueDef: _value, C.Import: _import,
}


def _export(frame: Frame, d: C.Export, imports: Imports) -> None:
    item = frame.get(d.sort, d.index)
    frame.push(d.sort, item)
    frame.exports[d.name] = item


_DEFINE[C.Export] = _export
