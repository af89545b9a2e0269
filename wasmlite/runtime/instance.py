"""Instantiation: linking imports, building the VMContext, segments, start.

``instantiate(store, compiled, imports)`` follows the spec's instantiation
algorithm (Wasm 2.0):

1. match every import against its declared type (``LinkError``);
2. allocate memories, tables and globals (global initialisers see the globals
   before them), fill the VMContext per ``compile/vmcontext.py``;
3. evaluate every element segment's items, then apply the active element
   segments in order as ``table.init`` + ``elem.drop``, then the active data
   segments as ``memory.init`` + ``data.drop``; declarative segments are
   dropped. An out-of-bounds segment traps, leaving earlier segments applied
   (observable through imported tables and memories);
4. run the start function.

A trap in steps 3-4 raises ``Trap``; the instance stays registered in the
store, because functions it already wrote into shared tables remain callable.
"""
from __future__ import annotations

import ctypes
import struct
from typing import Optional, Sequence

from ..compile import vmcontext as vm
from ..errors import LinkError, TrapCode, WasmtimeError
from ..syntax.instructions import REF_FUNC
from ..syntax.module import Module
from ..syntax.types import (ExternKind, GlobalType, Limits, TableType, canonical_types,
                            canonical_valtype, is_subtype, matches)
from .call import invoke
from .const_eval import eval_const
from .gc_objects import ConstHeap
from .exceptions import RuntimeTag
from .export import (ExportFunction, ExportGlobal, ExportMemory, ExportRecord,
                     ExportTable, ExportTag)
from .global_ import Global
from .memory import Memory
from .startup_fuel import startup_fuel
from .table import Table
from .trap import make_trap

_KIND_NAMES = {ExternKind.FUNC: "func", ExternKind.TABLE: "table",
               ExternKind.MEMORY: "memory", ExternKind.GLOBAL: "global",
               ExternKind.TAG: "tag"}
_RECORD_KIND = {ExportFunction: ExternKind.FUNC, ExportTable: ExternKind.TABLE,
                ExportMemory: ExternKind.MEMORY, ExportGlobal: ExternKind.GLOBAL,
                ExportTag: ExternKind.TAG}


class RuntimeInstance:
    """A module instance: its VMContext, its externals and its exports."""

    def __init__(self, store, compiled) -> None:
        self.store = store
        self.compiled = compiled
        self.module: Module = compiled.module
        self.layout: vm.VMContextLayout = compiled.layout
        self._vmctx_words = (ctypes.c_uint64 * (self.layout.size // 8 + 1))()
        self.vmctx: int = ctypes.addressof(self._vmctx_words)
        self.memories: list[Memory] = []
        self.tables: list[Table] = []
        self.globals: list[Global] = []
        self.tags: list[RuntimeTag] = []
        self.imported_funcs: list[ExportFunction] = []
        self.type_sigs: list[int] = []
        self.func_type_idx: list[int] = self.module.func_type_indices()
        self.exports: dict[str, ExportRecord] = {}
        self.exports_by_index: list[ExportRecord] = []
        self._functions: dict[int, ExportFunction] = {}
        self._entries: dict[int, int] = {}     # type index -> entry trampoline
        self.call_plans: dict[tuple, object] = {}  # (entry trampoline, functype) -> call.CallPlan
        # VMHostContexts of imported host functions (see _fill_vmctx)
        self.host_contexts: list[object] = []
        # element segments' u64 arrays, kept alive for table.init
        self._segment_arrays: list[object] = []
        # (code, vmctx) of each defined function; native memory the
        # compiled form made for this instance (interpreter closures)
        self.func_refs: list[tuple[int, int]] = []
        self.keep_alive: list[object] = []

    # -- functions --------------------------------------------------------------

    def func_ref(self, index: int) -> int:
        """The funcref bits of function ``index``: its VMFuncRef in the vmctx."""
        return self.vmctx + self.layout.func(index)

    def func_index_of_funcref(self, funcref: int) -> Optional[int]:
        offset = funcref - self.vmctx - self.layout.funcs_start
        if offset < 0 or offset % vm.VMFUNCREF_SIZE:
            return None
        index = offset // vm.VMFUNCREF_SIZE
        return index if index < self.layout.num_funcs else None

    def function(self, index: int) -> ExportFunction:
        """The record of function ``index`` of the function index space."""
        record = self._functions.get(index)
        if record is not None:
            return record
        nimp = len(self.imported_funcs)
        if index < nimp:
            return self.imported_funcs[index]
        type_idx = self.func_type_idx[index]
        functype = self.module.types[type_idx]
        entry = self._entries.get(type_idx)
        if entry is None:
            entry = self._entries[type_idx] = self.compiled.entry_trampoline_for(functype)
        code, vmctx = self.func_refs[index - nimp]
        if any(t.is_ref and type(t.heap) is int for t in functype.valtypes()):
            # what Python sees: references to the module's types name them
            # (a (ref $struct) result is an anyref, not a funcref)
            c = canonical_types(self.module)[type_idx]
            functype = getattr(c, "composite", c)
        record = ExportFunction(
            code=code, vmctx=vmctx,
            sig_index=self.type_sigs[type_idx], functype=functype,
            funcref=self.func_ref(index), entry=entry, owner=self)
        self._functions[index] = record
        return record

    def global_value(self, index: int) -> int:
        return self.globals[index].get()

    # -- exports ------------------------------------------------------------------

    def _export_record(self, kind: ExternKind, index: int) -> ExportRecord:
        if kind == ExternKind.FUNC:
            return self.function(index)
        if kind == ExternKind.TABLE:
            return ExportTable(self.tables[index])
        if kind == ExternKind.MEMORY:
            return ExportMemory(self.memories[index])
        if kind == ExternKind.GLOBAL:
            return ExportGlobal(self.globals[index])
        if kind == ExternKind.TAG:
            return ExportTag(self.tags[index])
        raise LinkError(f"unsupported export kind {kind!r}")


# ------------------------------------------------------------------ linking

def _incompatible(imp, detail: str) -> LinkError:
    return LinkError(f"incompatible import type for `{imp.module}::{imp.name}`: {detail}")


def _limits_match(actual_min: int, actual_max: Optional[int], wanted: Limits) -> bool:
    if actual_min < wanted.min:
        return False
    if wanted.max is None:
        return True
    return actual_max is not None and actual_max <= wanted.max


def check_import(module: Module, imp, record, signatures, store=None, canon=None) -> None:
    """Raise LinkError unless ``record`` may satisfy import ``imp``.
    ``canon``: the module's canonical types when the caller has them (made
    once per instantiation: CPython's core module has thousands of imports)."""
    if canon is None:
        canon = canonical_types(module)
    if record is None:
        raise LinkError(f"unknown import: `{imp.module}::{imp.name}` has not been defined")
    kind = _RECORD_KIND.get(type(record))
    if kind != imp.kind:
        raise _incompatible(imp, f"expected {_KIND_NAMES.get(imp.kind, imp.kind)}, "
                                 f"found {_KIND_NAMES.get(kind, type(record).__name__)}")
    if kind == ExternKind.FUNC:
        # A function of another store would trap through that store's jmp_buf
        # chain, not ours: refuse it (records of unknown origin pass).
        owner_store = getattr(record.owner, "store", store)
        if store is not None and owner_store is not store:
            raise LinkError(f"import `{imp.module}::{imp.name}` belongs to another store")
        # signatures are registered in canonical form (typed references
        # name the function type itself, not a module's index)
        want = canon[imp.desc]
        if record.sig_index != signatures.register(want) and not _sig_subtype(
                signatures, record.sig_index, want):
            raise _incompatible(imp, f"expected {want}, found {record.functype}")
    elif kind == ExternKind.TABLE:
        want, table = imp.desc, record.table
        # element types are invariant (a table can be written); a runtime
        # table's type is in canonical form already
        elem = canonical_valtype(want.elem, canon)
        if table.type.elem is not elem or table.type.is64 != want.is64 or not _limits_match(
                table.size, table.type.limits.max, want.limits):
            raise _incompatible(imp, "table types do not match")
    elif kind == ExternKind.MEMORY:
        want, memory = imp.desc, record.memory
        if memory.type.is64 != want.is64 or not _limits_match(
                memory.pages, memory.type.limits.max, want.limits):
            raise _incompatible(imp, "memory types do not match")
        if memory.type.page_size_log2 != want.page_size_log2:     # (after the limits, as Wasmtime)
            raise _incompatible(imp, f"memory types incompatible: expected a memory with a "
                                     f"page size of {1 << want.page_size_log2}, but received "
                                     f"a memory with a page size of "
                                     f"{1 << memory.type.page_size_log2}")
    elif kind == ExternKind.TAG:
        # tag types must be the same function type (canonical: across modules)
        want = canon[imp.desc]
        if record.tag.canonical != want:
            raise _incompatible(imp, f"expected tag {want}, found {record.tag.functype}")
    else:
        want, have = imp.desc, record.global_.type
        vt = canonical_valtype(want.valtype, canon)
        # an immutable global may be of a subtype; a mutable one is invariant
        ok = have.valtype is vt if want.mutable else matches(have.valtype, vt)
        if not ok or have.mutable != want.mutable:
            raise _incompatible(imp, f"expected {want}, found {have}")


def _sig_subtype(signatures, sig_index: int, want) -> bool:
    """A function of a declared subtype of the import's type matches it
    (Wasm GC: the registered canonical types carry their supertypes)."""
    try:
        have = signatures.lookup(sig_index)
    except (KeyError, AttributeError):
        return False
    return is_subtype(have, want)


# ------------------------------------------------------------------ instantiation

def instantiate(store, compiled, imports: Sequence[Optional[ExportRecord]]):
    """Link, allocate, initialise and start an instance of ``compiled``."""
    module: Module = compiled.module
    signatures = store.engine.signatures
    if getattr(compiled, "signatures", signatures) is not signatures:
        # call_indirect compares engine-wide indices: they must be the same ones
        raise WasmtimeError("cannot instantiate a module compiled for another engine")
    if len(imports) != len(module.imports):
        raise LinkError(f"expected {len(module.imports)} imports, got {len(imports)}")
    canon = canonical_types(module)
    for imp, record in zip(module.imports, imports):
        check_import(module, imp, record, signatures, store, canon)

    inst = RuntimeInstance(store, compiled)
    inst.type_sigs = [signatures.register(t) for t in canon]
    # Wasm GC objects of constant expressions (pinned until they are stored)
    if compiled_has_gc_types(compiled):
        store.gc_heap.register_types(inst.type_sigs)
    gc = ConstHeap(store.gc_heap, inst.type_sigs, signatures.lookup)
    try:
        for record in imports:
            if isinstance(record, ExportFunction):
                inst.imported_funcs.append(record)
            elif isinstance(record, ExportTable):
                inst.tables.append(record.table)
            elif isinstance(record, ExportMemory):
                inst.memories.append(record.memory)
            elif isinstance(record, ExportTag):
                inst.tags.append(record.tag)
            else:
                inst.globals.append(record.global_)
        for type_idx in getattr(module, "tags", ()):
            inst.tags.append(RuntimeTag(canon[type_idx]))
        for tag in inst.tags:
            store.exceptions.register(tag)
        for memtype in module.mems:
            store.check_new_memory(memtype.limits.min, memtype.page_size_log2)
            inst.memories.append(Memory(memtype))
        # runtime tables and globals carry canonical types: another module that
        # imports them compares its own (canonical) types with them
        # (the globals first, as Wasmtime: which of two failing initializers
        # reports its error; a table's may read only imported globals)
        for g in module.globals:
            value = eval_const(g.init, inst.global_value, inst.func_ref, gc)
            gt = GlobalType(canonical_valtype(g.type.valtype, canon), g.type.mutable)
            inst.globals.append(Global(gt, value))
        table_inits = getattr(module, "table_inits", None) or {}
        for n, tabletype in enumerate(module.tables):
            store.check_new_table(tabletype.limits.min)
            init = table_inits.get(n)
            # a Wasm 3.0 table initializer: every element starts as its value
            # (it may read only imported globals, which exist already)
            value = 0 if init is None else eval_const(init, inst.global_value, inst.func_ref,
                                                      gc)
            tt = TableType(canonical_valtype(tabletype.elem, canon), tabletype.limits, tabletype.is64)
            inst.tables.append(Table(tt, value))

        _fill_vmctx(inst)
        store.register_instance(inst)
        _setup_segments(inst, gc)
    finally:
        gc.release()     # what it made is in globals, tables, segments now (or garbage)

    for i, export in enumerate(module.exports):
        record = inst._export_record(export.kind, export.index)
        inst.exports[export.name] = record
        inst.exports_by_index.append(record)

    fuel = startup_fuel(store, module)      # Wasmtime's instantiation fuel
    _apply_segments(inst, fuel, gc.array_elements)
    if fuel is not None:
        fuel.finish(start_call=module.start is not None)
    if module.start is not None:
        invoke(store, inst.function(module.start), [])
    return inst


def compiled_has_gc_types(compiled) -> bool:
    """Whether the module declares struct or array types (worked out once
    per compiled module)."""
    has = getattr(compiled, "_has_gc_types", None)
    if has is None:
        has = any(t.kind != "func" for t in compiled.module.types)
        try:
            compiled._has_gc_types = has
        except AttributeError:          # (a compiled module with slots)
            pass
    return has


def _fill_vmctx(inst: RuntimeInstance) -> None:
    layout, store = inst.layout, inst.store
    words = inst._vmctx_words
    words[layout.limits // 8] = store.limits_address
    words[layout.builtins // 8] = store.builtins_address
    for i, mem in enumerate(inst.memories):
        words[layout.memory(i) // 8] = mem.address
    for i, table in enumerate(inst.tables):
        words[layout.table(i) // 8] = table.address
    for i, g in enumerate(inst.globals):
        words[layout.global_(i) // 8] = g.address
    for i, tag in enumerate(inst.tags):
        words[layout.tag(i) // 8] = tag.address

    # Function references: imports copy the exporter's VMFuncRef; defined
    # functions point at their code with this instance's vmctx. An imported
    # host function gets a VMHostContext of its own in this instance, whose
    # runtime word holds this vmctx: its callback learns who called it (the
    # public API's Caller).
    funcs: list[int] = []
    for record in inst.imported_funcs:
        vmctx = record.vmctx
        if record.entry is None and record.host_callback is not None:
            hostctx = (ctypes.c_uint64 * 3)(
                store.limits_address,
                ctypes.c_uint64.from_address(record.vmctx + vm.HOSTCTX_CALLBACK).value,
                inst.vmctx)
            inst.host_contexts.append(hostctx)
            vmctx = ctypes.addressof(hostctx)
        funcs += (record.code, vmctx, record.sig_index)
    sigs, type_idx = inst.type_sigs, inst.func_type_idx
    nimp = len(inst.imported_funcs)
    refs = getattr(inst.compiled, "function_refs", None)
    # compiled code runs with this instance's vmctx; the interpreter's
    # functions with a closure of their own (interp/module.py)
    inst.func_refs = (refs(inst) if refs is not None
                      else [(code, inst.vmctx) for code in inst.compiled.function_ptrs])
    for i, (code, vmctx) in enumerate(inst.func_refs):
        funcs += (code, vmctx, sigs[type_idx[nimp + i]])
    start = layout.funcs_start // 8
    words[start:start + len(funcs)] = funcs

    if sigs:
        view = memoryview(words).cast("B")
        struct.pack_into(f"<{len(sigs)}I", view, layout.sigs_start, *sigs)
        view.release()


def _cast_address(data: bytes) -> int:
    return ctypes.cast(ctypes.c_char_p(data), ctypes.c_void_p).value or 0


# A bytes object's contents sit at a fixed offset from the object in
# CPython (PyBytesObject's ob_sval): its id plus that offset is the address
# ctypes finds, for a tenth of the cost (CPython for WASI has 42,695 data
# segments). Checked here once; elsewhere ctypes asks.
_BYTES_DATA = ctypes.sizeof(ctypes.c_ssize_t) * 4
_probe = b"wasmlite"
if _cast_address(_probe) == id(_probe) + _BYTES_DATA:
    def _bytes_address(data: bytes) -> int:
        return id(data) + _BYTES_DATA if type(data) is bytes else _cast_address(data)
else:                           # pragma: no cover - another object layout
    _bytes_address = _cast_address
del _probe


def _setup_segments(inst: RuntimeInstance, gc=None) -> None:
    """Point the VMContext's segment slots at each segment's contents.

    Element items are evaluated here, all of them before any is applied,
    as the spec orders it.
    """
    words, layout, module = inst._vmctx_words, inst.layout, inst.module
    slot = layout.data(0) // 8
    step = vm.SEGMENT_SIZE // 8
    address = _bytes_address
    for data in module.datas:
        # the module's bytes object is immutable and outlives the instance
        init = data.init
        words[slot] = address(init) if init else 0
        words[slot + 1] = len(init)
        slot += step
    func_ref, global_value = inst.func_ref, inst.global_value
    for i, elem in enumerate(module.elems):
        # most items are `ref.func i; end`: skip the general evaluator for them
        items = [func_ref(e[0].imm) if len(e) == 2 and e[0].op is REF_FUNC
                 else eval_const(e, global_value, func_ref, gc) for e in elem.init]
        array = (ctypes.c_uint64 * max(len(items), 1))(*items)
        inst._segment_arrays.append(array)
        slot = layout.elem(i) // 8
        words[slot] = ctypes.addressof(array)
        words[slot + 1] = len(items)


def _apply_segments(inst: RuntimeInstance, fuel=None, array_elements: int = 0) -> None:
    words, layout, module = inst._vmctx_words, inst.layout, inst.module
    if fuel is not None:
        fuel.enter(array_elements)
    for i, elem in enumerate(module.elems):
        slot = layout.elem(i) // 8
        if elem.mode == "active":
            offset = eval_const(elem.offset, inst.global_value, inst.func_ref)
            array = inst._segment_arrays[i]
            inst.tables[elem.table].init_from(offset, array[:len(elem.init)])
        if elem.mode != "passive":
            words[slot + 1] = 0          # elem.drop
        if fuel is not None:
            fuel.elem_done(i)
    if fuel is not None:
        fuel.data_start()
    memories, first = inst.memories, layout.data(0) // 8 + 1
    step = vm.SEGMENT_SIZE // 8
    memmove = ctypes.memmove
    for i, data in enumerate(module.datas):
        if data.mode != "active":
            continue
        offset = eval_const(data.offset, inst.global_value, inst.func_ref)
        memory = memories[data.memory]
        init = data.init
        n = len(init)
        if offset + n > memory.data_len:
            raise make_trap(TrapCode.MEMORY_OUT_OF_BOUNDS)
        if n:
            memmove(memory.base + offset, init, n)
        words[first + step * i] = 0         # data.drop
        if fuel is not None:
            fuel.data_done(i)
