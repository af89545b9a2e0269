"""Module validation: the WebAssembly 2.0 type checker.

``validate_module(module)`` checks a ``syntax.Module`` and returns a
``ModuleInfo`` with everything the checker learned, so that the compiler and
the runtime never re-derive it (resolved index spaces, block types, the type
of every untyped ``select``, stack and control-depth bounds, ...). It raises
``InvalidError`` with the reference interpreter's wording (the spec tests'
``assert_invalid`` texts are substrings of our messages).

The order of checks follows the reference interpreter, so a module with
several faults reports the same one: imports, function types, globals,
tables, memories, element segments, data segments, function bodies, start,
exports, and finally the single-memory rule of Wasm 2.0.

Function bodies are checked in ``func.py`` and constant expressions in
``const.py``; a body the decoder left in the binary (``LazyFunc``) is checked
from its bytes by ``func_bytes.py``, which falls back to ``func.py`` (and its
error messages) whenever it does not accept the body itself.
"""
from __future__ import annotations

from ..records import field, record
from collections.abc import Sequence
from typing import Any, Optional

from ..binary.decode import MAX_STRUCT_FIELDS, LazyFunc
from ..gc_pause import gc_paused
from ..errors import InvalidError
from ..syntax.instructions import END, OP_BY_NAME, REF_FUNC
from ..syntax.module import Module
from ..syntax.types import (EXNREF, I32, I64, MAX_PAGES_32, MAX_PAGES_64, MAX_TABLE_SIZE, ExternKind,
                            FuncType, GlobalType, Limits, MemoryType, TableType,
                            FUNCREF_NON_NULL, GC_HEAPS, ArrayType, StructType, ValType, canonical_composite,
                            canonical_types, composite_matches, iter_rec_groups, matches)
from .const import check_const
from ..syntax.instructions import EXCEPTIONS
from .func import (FUNCTION_REFERENCES, GC, GC_DISABLED, _Ctx, check_function, check_valtype,
                   func_type_at)
from .func_bytes import check_function_bytes

__all__ = ["FuncInfo", "ModuleInfo", "validate_module"]

I32_CONST = OP_BY_NAME["i32.const"]


@record
class FuncInfo:
    """What validation learned about one *defined* function.

    ``type``          its FuncType.
    ``type_idx``      its index in ``Module.types``.
    ``locals``        params followed by declared locals (local index space).
    ``max_stack``     maximum operand stack height anywhere in the body
                      (values, counted across all nested blocks).
    ``max_depth``     maximum control stack depth, the function frame
                      counting as 1.
    ``block_types``   body index of each block/loop/if -> its resolved
                      FuncType (params, results), whatever the immediate was.
    ``select_types``  body index of each untyped ``select`` -> the type of
                      its operands; absent only for selects in unreachable code
                      whose operand type is unknown.
    ``ends``          body index of each block/loop/if -> index of its ``end``.
    ``elses``         body index of each ``if`` that has an ``else`` -> index
                      of that ``else``.
    ``num_instrs``    how many instructions the body has (``len(body)``,
                      without decoding a body the decoder left in the binary).
    ``catches``       body index of each legacy ``try`` that has handlers ->
                      body indices of its ``catch`` / ``catch_all``, in
                      order. (try_table and try are in ``block_types`` and
                      ``ends`` as blocks are; a ``try ... delegate`` has its
                      ``delegate``'s index in ``ends``: it ends the block.)
    """

    type: FuncType
    type_idx: int
    locals: list[ValType]
    max_stack: int = 0
    max_depth: int = 1
    block_types: dict[int, FuncType] = field(default_factory=dict)
    select_types: dict[int, ValType] = field(default_factory=dict)
    ends: dict[int, int] = field(default_factory=dict)
    elses: dict[int, int] = field(default_factory=dict)
    num_instrs: int = 0
    catches: dict[int, list[int]] = field(default_factory=dict)


@record
class ModuleInfo:
    """Module-level facts, every index space with its imports first.

    ``funcs``            one FuncInfo per defined function (module.funcs order;
                         made as read when the bodies were trusted,
                         ``validate_module``'s ``trusted_features``).
    ``func_types``       FuncType of every function in the function index space.
    ``func_type_idx``    type index of every function in the index space.
    ``refs``             declared function references (C.refs): functions
                         named by ref.func outside function bodies, in element
                         segments or exports; only these may be ``ref.func``'d
                         inside bodies.
    ``globals``          GlobalType of every global (index space).
    ``tables``           TableType of every table (index space).
    ``mems``             MemoryType of every memory (index space).
    ``elem_types``       reference type of each element segment.
    ``num_datas``        number of data segments.
    ``num_imported_*``   how many of each index space are imports.
    ``start``            start function index or None.
    ``features``         the Op.feature names bodies use, of those an
                         engine can turn off (func._FEATURE_WORDS; "gc"
                         also where only GC types appear, outside bodies), and
                         those of 3.0's constant expressions a module uses
                         (const.EXTENDED_CONST, const.DEFINED_GLOBALS).
    """

    types: list[FuncType]
    funcs: list[FuncInfo]
    func_types: list[FuncType]
    func_type_idx: list[int]
    refs: set[int]
    globals: list[GlobalType]
    tables: list[TableType]
    mems: list[MemoryType]
    elem_types: list[ValType]
    num_datas: int
    num_imported_funcs: int
    num_imported_tables: int
    num_imported_mems: int
    num_imported_globals: int
    start: Optional[int] = None
    features: frozenset = frozenset()
    # exception handling: FuncType of every tag (index space, imports
    # first), their type indices, and how many are imports
    tags: list[FuncType] = field(default_factory=list)
    tag_type_idx: list[int] = field(default_factory=list)
    num_imported_tags: int = 0


# -- small pieces ---------------------------------------------------------------

MAX_SUBTYPING_DEPTH = 63


def _is_gc(t: ValType) -> bool:
    """A reference to one of GC's abstract heap types."""
    return t.is_ref and type(t.heap) is str and t.heap in GC_HEAPS


def _check_declared_subtype(n: int, sup: int, types: list, subtypes: dict,
                            canon: list) -> None:
    """Type ``n`` may declare ``sup`` its supertype: ``sup`` is not final
    and ``n``'s composite type matches its (the reference interpreter's
    "sub type" for both)."""
    s = subtypes.get(sup)
    if s is None or s.final:
        raise InvalidError(f"sub type {n} does not match super type {sup}: "
                           f"type {sup} is final")
    if not composite_matches(canonical_composite(canon[n]), canonical_composite(canon[sup])):
        raise InvalidError(f"sub type {n} does not match super type {sup}")


def _check_type_index(idx: object, types: list[FuncType]) -> FuncType:
    """A function's type index: it exists and names a function type."""
    if not isinstance(idx, int) or not 0 <= idx < len(types):
        raise InvalidError(f"unknown type {idx}")
    return func_type_at(types, idx)


def _check_limits(lim: Limits, bound: int, too_big: str) -> None:
    if not 0 <= lim.min <= bound:
        raise InvalidError(too_big)
    if lim.max is not None:
        if not 0 <= lim.max <= bound:
            raise InvalidError(too_big)
        if lim.min > lim.max:
            raise InvalidError("size minimum must not be greater than maximum")


def _check_table_type(tt: TableType, ntypes: int, typed: bool = True,
                      disabled: frozenset = frozenset()) -> None:
    if not isinstance(tt.elem, ValType) or not tt.elem.is_ref:
        raise InvalidError(f"malformed table element type {tt.elem!r}")
    check_valtype(tt.elem, ntypes, typed)
    if tt.is64:                 # table64 comes with memory64, as in Wasmtime
        if "memory64" in disabled:
            raise InvalidError("memory64 is not enabled: 64-bit tables")
        _check_limits(tt.limits, 2**64 - 1, "table size must be at most 2^64-1")
        return
    _check_limits(tt.limits, MAX_TABLE_SIZE, "table size must be at most 2^32-1")


def _check_memory_type(mt: MemoryType, disabled: frozenset = frozenset()) -> None:
    if mt.page_size_log2 != 16:
        # custom-page-sizes (off by default, as in Wasmtime)
        if "custom_page_sizes" in disabled:
            raise InvalidError("the custom page sizes proposal must be enabled to "
                               "customize a memory's page size")
        if mt.is64 and "memory64" in disabled:
            raise InvalidError("memory64 is not enabled")
        if mt.shared:
            raise InvalidError("shared memories (threads) are not enabled")
        _check_limits(mt.limits, mt.max_pages,
                      f"memory size must be at most {mt.max_pages:#x} 1-byte pages")
        return
    if mt.is64:
        if "memory64" in disabled:
            raise InvalidError("memory64 is not enabled")
        _check_limits(mt.limits, MAX_PAGES_64, "memory size must be at most 2^48 pages")
        return
    if mt.shared:
        raise InvalidError("shared memories (threads) are not enabled")
    _check_limits(mt.limits, MAX_PAGES_32,
                  "memory size must be at most 65536 pages (4GiB)")


def _is_exn(t: ValType) -> bool:
    return t.is_ref and t.top is EXNREF


def _check_tag_type(idx: object, types: list[FuncType], disabled: frozenset) -> FuncType:
    """A tag's type: a function type without results (its params are what
    an exception of it carries)."""
    if EXCEPTIONS in disabled:
        raise InvalidError("exceptions support is not enabled: tags")
    ft = _check_type_index(idx, types)
    if ft.results:
        raise InvalidError("non-empty tag result type")
    return ft


def _check_global_type(gt: GlobalType, ntypes: int, typed: bool = True) -> None:
    if not isinstance(gt.valtype, ValType):
        raise InvalidError(f"malformed global type {gt.valtype!r}")
    check_valtype(gt.valtype, ntypes, typed)


def _declared_refs(module: Module) -> set[int]:
    """C.refs: function indices mentioned outside function bodies."""
    refs: set[int] = set()
    for g in module.globals:
        refs.update(i.imm for i in g.init if i.op is REF_FUNC)
    # (a Wasm 3.0 table initializer is outside the bodies too)
    for expr in (getattr(module, "table_inits", None) or {}).values():
        refs.update(i.imm for i in expr if i.op is REF_FUNC)
    for e in module.elems:
        for expr in e.init:
            refs.update(i.imm for i in expr if i.op is REF_FUNC)
    refs.update(x.index for x in module.exports if x.kind == ExternKind.FUNC)
    return refs


_EXPORT_SPACES = {
    ExternKind.FUNC: "function", ExternKind.TABLE: "table",
    ExternKind.MEMORY: "memory", ExternKind.GLOBAL: "global", ExternKind.TAG: "tag",
}


# -- the module -----------------------------------------------------------------

def _func_info(ctx: _Ctx, module: Module, n: int, typed: bool) -> FuncInfo:
    """Validate defined function ``n``'s locals and body in ``ctx``."""
    f = module.funcs[n]
    types = ctx.types
    n_imp_funcs = len(ctx.func_type_idx) - len(module.funcs)
    ft = types[f.type_idx]
    locals_ = list(ft.params) + list(f.locals)
    for t in f.locals:
        if t.is_ref and (type(t.heap) is int or not t.nullable):
            try:
                check_valtype(t, len(types), typed)
            except InvalidError as e:
                raise InvalidError(f"{e.args[0]} in function {n_imp_funcs + n}") from None
    # a body still in the binary is checked from its bytes; when that
    # checker gives up (an invalid body, say), check_function decides
    # and words the error
    unread = f.unread_body() if isinstance(f, LazyFunc) else None
    r = None if unread is None else check_function_bytes(ctx, ft, locals_, *unread)
    if r is None:
        try:
            r = check_function(ctx, ft, locals_, f.body)
        except InvalidError as e:
            raise InvalidError(f"{e.args[0]} in function {n_imp_funcs + n}") from None
    return FuncInfo(ft, f.type_idx, locals_, r.max_stack, r.max_depth,
                    r.block_types, r.select_types, r.ends, r.elses,
                    r.num_instrs, r.catches)


class _LazyFuncInfos(Sequence):
    """ModuleInfo.funcs of a module whose bodies are trusted valid: each
    FuncInfo is made (its body checked) when first read."""

    def __init__(self, ctx: _Ctx, module: Module, typed: bool) -> None:
        self._ctx, self._module, self._typed = ctx, module, typed
        self._infos: list = [None] * len(module.funcs)

    def __len__(self) -> int:
        return len(self._infos)

    def __getitem__(self, n):
        if isinstance(n, slice):
            return [self[k] for k in range(*n.indices(len(self)))]
        info = self._infos[n]
        if info is None:
            info = self._infos[n] = _func_info(self._ctx, self._module,
                                               range(len(self))[n], self._typed)
        return info

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, Sequence)) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


def validate_module(module: Module, disabled: frozenset = frozenset(),
                    trusted_features: Optional[frozenset] = None,
                    helper: Any = None, top_down: Any = None) -> ModuleInfo:
    """Validate ``module`` per Wasm 2.0; return what the compiler needs.
    ``disabled``: the ``Op.feature`` names whose instructions are invalid
    (features the engine's Config turned off). ``trusted_features``: the
    bodies are known valid under the same settings (a run before this one
    validated this very binary, module.py's disk cache) and used these
    features; they are then not checked here, only when their FuncInfo is
    first read.

    ``helper``: a valid/parallel.py BodyHelper validating the same binary's
    bodies from the top down in another process; bodies are validated here
    from the first up to where it got. ``top_down``: ``(report, every)``, the
    helper's own side: bodies validated from the last down, ``report(low,
    features)`` told every ``every`` bodies, and at the first body that does
    not validate (of those above it).

    Raises InvalidError (message contains the spec's wording) on failure.
    """
    if not isinstance(module, Module):
        raise TypeError(f"expected a syntax.Module, got {type(module).__name__}")
    with gc_paused():
        return _validate(module, disabled, trusted_features, helper, top_down)


def _bodies_meeting(ctx: _Ctx, module: Module, typed: bool, helper: Any) -> "_LazyFuncInfos":
    """FuncInfos of the bodies, validated here from the first up while the
    helper process goes from the last down, until the two meet; the
    helper's features join ``ctx.used``. The first invalid body in order
    raises here, as without a helper (valid/parallel.py)."""
    infos = _LazyFuncInfos(ctx, module, typed)
    n = len(module.funcs)
    i = 0
    while i < helper.low(n):
        infos._infos[i] = _func_info(ctx, module, i, typed)
        i += 1
    low, used = helper.finish(n)
    # (the helper may have got further down meanwhile: never below i)
    while i < low:
        infos._infos[i] = _func_info(ctx, module, i, typed)
        i += 1
    ctx.used |= used
    return infos


def _bodies_top_down(ctx: _Ctx, module: Module, typed: bool, top_down: Any) -> None:
    """The helper process's side of ``_bodies_meeting``."""
    report, every = top_down
    n = len(module.funcs)
    for j in range(n - 1, -1, -1):
        try:
            _func_info(ctx, module, j, typed)
        except Exception:   # noqa: BLE001 - the parent meets it and says what it is
            report(j + 1, ctx.used)
            return
        if (n - j) % every == 0:
            report(j, ctx.used)
    report(0, ctx.used)


def _validate(module: Module, disabled: frozenset = frozenset(),
              trusted_features: Optional[frozenset] = None, helper: Any = None,
              top_down: Any = None) -> ModuleInfo:
    types = module.types
    ntypes = len(types)
    typed = FUNCTION_REFERENCES not in disabled     # Config.wasm_function_references
    gc = GC not in disabled                       # Config.wasm_gc
    subtypes = getattr(module, "subtypes", None) or {}
    rec_groups = getattr(module, "rec_groups", None) or []
    if not gc and (rec_groups or subtypes):
        raise InvalidError(f"{GC_DISABLED}: rec / sub types")
    for start, count in iter_rec_groups(ntypes, rec_groups):
        for n in range(start, start + count):
            t = types[n]
            if not isinstance(t, (FuncType, StructType, ArrayType)):
                raise InvalidError(f"malformed type {t!r}")
            if not gc and type(t) is not FuncType:
                raise InvalidError(f"{GC_DISABLED}: {t.kind} types")
            if type(t) is StructType and len(t.fields) > MAX_STRUCT_FIELDS:
                # (the decoder's limit, for modules made from text)
                raise InvalidError("struct fields size is out of bounds")
            # a type may name the types of its rec group and those before it
            # (without GC: only those before it, each a group of its own)
            for v in t.valtypes():
                check_valtype(v, start + count if gc else n, typed, gc)
            sup = subtypes.get(n)
            if sup is not None and sup.supertype is not None:
                if not isinstance(sup.supertype, int) or not 0 <= sup.supertype < n:
                    raise InvalidError(f"unknown type {sup.supertype}")
    canon = canonical_types(module)
    depth: dict[int, int] = {}
    for n in sorted(subtypes):
        sup = subtypes[n].supertype
        if sup is not None:
            # Wasmtime's (wasmparser's) limit on the depth of a hierarchy
            d = depth[n] = depth.get(sup, 0) + 1
            if d > MAX_SUBTYPING_DEPTH:
                raise InvalidError(f"sub type hierarchy too deep: found depth {d}, "
                                   f"cannot exceed depth {MAX_SUBTYPING_DEPTH}")
            _check_declared_subtype(n, sup, types, subtypes, canon)

    # Imports (they open each index space).
    func_type_idx: list[int] = []
    tables: list[TableType] = []
    mems: list[MemoryType] = []
    globals_: list[GlobalType] = []
    tag_type_idx: list[int] = []
    for imp in module.imports:
        kind, desc = imp.kind, imp.desc
        if kind == ExternKind.FUNC:
            _check_type_index(desc, types)
            func_type_idx.append(desc)
        elif kind == ExternKind.TABLE:
            _check_table_type(desc, ntypes, typed, disabled)
            tables.append(desc)
        elif kind == ExternKind.MEMORY:
            _check_memory_type(desc, disabled)
            mems.append(desc)
        elif kind == ExternKind.GLOBAL:
            _check_global_type(desc, ntypes, typed)
            globals_.append(desc)
        elif kind == ExternKind.TAG:
            _check_tag_type(desc, types, disabled)
            tag_type_idx.append(desc)
        else:
            raise InvalidError(f"unsupported import kind {kind!r}")
    n_imp_funcs, n_imp_tables = len(func_type_idx), len(tables)
    n_imp_mems, n_imp_globals = len(mems), len(globals_)
    n_imp_tags = len(tag_type_idx)

    for f in module.funcs:
        _check_type_index(f.type_idx, types)
        func_type_idx.append(f.type_idx)
    func_types = [types[i] for i in func_type_idx]
    num_funcs = len(func_types)

    # A global's initializer sees the imported globals and those defined
    # before it (Wasm 3.0); segments see them all. ``const_used`` collects
    # the extended forms used, for ModuleInfo.features.
    const_used: set = set()
    for g in module.globals:
        _check_global_type(g.type, ntypes, typed)
        check_const(g.init, g.type.valtype, globals_, num_funcs, n_imp_globals,
                    disabled, const_used, func_type_idx, canon, types)
        globals_.append(g.type)

    table_inits = getattr(module, "table_inits", None) or {}
    for n, tt in enumerate(module.tables):
        _check_table_type(tt, ntypes, typed, disabled)
        init = table_inits.get(n)
        if init is not None:
            # (tables come before globals: only imported ones exist yet)
            check_const(init, tt.elem, globals_[:n_imp_globals], num_funcs, n_imp_globals,
                        disabled, const_used, func_type_idx, canon, types)
        elif not tt.elem.nullable:
            raise InvalidError(f"type mismatch: a table of {tt.elem} needs an initializer")
        tables.append(tt)
    for mt in module.mems:
        _check_memory_type(mt, disabled)
        mems.append(mt)
    for t in getattr(module, "tags", ()):
        _check_tag_type(t, types, disabled)
        tag_type_idx.append(t)
    tags = [types[t] for t in tag_type_idx]

    elem_types: list[ValType] = []
    for e in module.elems:
        if not isinstance(e.type, ValType) or not e.type.is_ref:
            raise InvalidError(f"malformed element type {e.type!r}")
        # (a segment of function indices is (ref func) whatever the setting)
        check_valtype(e.type, ntypes, typed or e.type is FUNCREF_NON_NULL)
        for expr in e.init:
            check_const(expr, e.type, globals_, num_funcs, n_imp_globals,
                        disabled, const_used, func_type_idx, canon, types)
        if e.mode == "active":
            if not isinstance(e.table, int) or not 0 <= e.table < len(tables):
                raise InvalidError(f"unknown table {e.table}")
            if e.offset is None:
                raise InvalidError("malformed element segment: active without offset")
            check_const(e.offset, I64 if tables[e.table].is64 else I32, globals_, num_funcs,
                        n_imp_globals,
                        disabled, const_used)
            if not matches(e.type, tables[e.table].elem, canon):
                raise InvalidError(f"type mismatch: element segment of {e.type} "
                                   f"for a table of {tables[e.table].elem}")
        elif e.mode not in ("passive", "declarative"):
            raise InvalidError(f"malformed element segment mode {e.mode!r}")
        elem_types.append(e.type)

    for d in module.datas:
        if d.mode == "active":
            if not isinstance(d.memory, int) or not 0 <= d.memory < len(mems):
                raise InvalidError(f"unknown memory {d.memory}")
            offset = d.offset
            if offset is None:
                raise InvalidError("malformed data segment: active without offset")
            # the usual offset, an i32.const, without the general check
            # (CPython has 42,695 segments)
            if mems[d.memory].is64:          # memory64: an i64 offset
                check_const(offset, I64, globals_, num_funcs, n_imp_globals,
                            disabled, const_used)
            elif not (len(offset) == 2 and offset[0].op is I32_CONST
                      and offset[1].op is END):
                check_const(offset, I32, globals_, num_funcs, n_imp_globals,
                            disabled, const_used)
        elif d.mode != "passive":
            raise InvalidError(f"malformed data segment mode {d.mode!r}")

    # exception references outside bodies: exception handling's (as in
    # bodies, func.note_exnref); a 2.0 module pays one pass over its types
    exn_types = any(_is_exn(t) for ft in types for t in ft.valtypes()) or any(
        _is_exn(g.valtype) for g in globals_) or any(_is_exn(t.elem) for t in tables) or any(
        _is_exn(t) for t in elem_types) or any(
        _is_exn(t) for f in module.funcs for t in f.locals)
    if exn_types and EXCEPTIONS in disabled:
        raise InvalidError("exceptions support is not enabled: exnref")

    # GC's types outside bodies (bodies note their GC instructions in
    # ctx.used): the tiers learn from ModuleInfo.features that the module
    # needs GC, as they do for exceptions
    gc_types = bool(rec_groups or subtypes) or any(
        type(t) is not FuncType or any(_is_gc(v) for v in t.valtypes()) for t in types) or any(
        _is_gc(g.valtype) for g in globals_) or any(
        _is_gc(t.elem) for t in tables) or any(_is_gc(t) for t in elem_types) or any(
        _is_gc(t) for f in module.funcs for t in f.locals)
    if gc_types and not gc:
        raise InvalidError(f"{GC_DISABLED}: GC reference types")

    refs = _declared_refs(module)
    ctx = _Ctx(types, func_types, globals_, tables, mems, elem_types,
               len(module.datas), refs)
    ctx.disabled = frozenset(disabled)
    ctx.canon = canon
    ctx.func_type_idx = func_type_idx
    ctx.tags = tags
    if exn_types or tags:
        ctx.used.add(EXCEPTIONS)
    if gc_types:
        ctx.used.add(GC)
    if top_down is not None:
        _bodies_top_down(ctx, module, typed, top_down)
        infos: Any = _LazyFuncInfos(ctx, module, typed)
    elif trusted_features is None and helper is not None:
        infos = _bodies_meeting(ctx, module, typed, helper)
    elif trusted_features is None:
        infos = [_func_info(ctx, module, n, typed) for n in range(len(module.funcs))]
    else:
        # the bodies were validated by an earlier run (the caller's word:
        # the disk cache); each FuncInfo is made when first asked for
        infos = _LazyFuncInfos(ctx, module, typed)
        ctx.used |= set(trusted_features)

    if module.start is not None:
        s = module.start
        if not isinstance(s, int) or not 0 <= s < num_funcs:
            raise InvalidError(f"unknown function {s}")
        st = func_types[s]
        if st.params or st.results:
            raise InvalidError(f"start function must have type [] -> [], has {st}")

    spaces = {ExternKind.FUNC: num_funcs, ExternKind.TABLE: len(tables),
              ExternKind.MEMORY: len(mems), ExternKind.GLOBAL: len(globals_),
              ExternKind.TAG: len(tags)}
    names: set[str] = set()
    for x in module.exports:
        space = _EXPORT_SPACES.get(x.kind)
        if x.kind == ExternKind.TAG and EXCEPTIONS in disabled:
            raise InvalidError("exceptions support is not enabled: tags")
        if space is None:
            raise InvalidError(f"unsupported export kind {x.kind!r}")
        if not isinstance(x.index, int) or not 0 <= x.index < spaces[x.kind]:
            raise InvalidError(f"unknown {space} {x.index}")
        if x.name in names:
            raise InvalidError(f"duplicate export name {x.name!r}")
        names.add(x.name)

    if len(mems) > 1 and "multi_memory" in disabled:
        raise InvalidError("multiple memories are not enabled")

    return ModuleInfo(
        types=list(types), funcs=infos, func_types=func_types,
        func_type_idx=func_type_idx, refs=refs, globals=globals_,
        tables=tables, mems=mems, elem_types=elem_types,
        num_datas=len(module.datas), num_imported_funcs=n_imp_funcs,
        num_imported_tables=n_imp_tables, num_imported_mems=n_imp_mems,
        num_imported_globals=n_imp_globals, start=module.start,
        tags=tags, tag_type_idx=tag_type_idx, num_imported_tags=n_imp_tags,
        features=frozenset(ctx.used | const_used | (
            {"multi_memory"} if len(mems) > 1 else set()) | (
            {"memory64"} if any(m.is64 for m in mems) or any(t.is64 for t in tables)
            else set())))
