"""``syntax.Module`` -> binary format, in the canonical minimal encoding.

Empty sections are left out, LEB128 integers take their shortest form,
element segments use the shortest of the eight forms that can express them,
and local declarations are grouped into runs. Custom sections go back after
the section recorded in ``Custom.after``; a name section is generated from
``Module.names`` unless a raw "name" custom section is present (a decoded
module keeps its raw one, so re-encoding it is byte-exact).
"""
from __future__ import annotations

from typing import Optional

from ..syntax.instructions import END, REF_FUNC
from ..syntax.module import Custom, Data, Elem, Func, Import, Module
from ..syntax.types import (FUNCREF, FUNCREF_NON_NULL, ArrayType, ExternKind, GlobalType, Limits,
                            MemoryType, PackedType, StructType, TableType)
from .decode import MAGIC, SECTION_RANK, VERSION, read_bodies
from .instr_encode import encode_expr, valtype_bytes
from .leb128 import write_unsigned as u32
from .names import encode_names

# Non-custom section ids in the order they must appear.
SECTION_ORDER = sorted(SECTION_RANK, key=SECTION_RANK.__getitem__)


def encode_module(module: Module) -> bytes:
    """Encode ``module`` to its binary form."""
    read_bodies(module.funcs)           # a decoded module's, all at once
    code, code_uses_data = _code_section(module.funcs)
    data_count = module.data_count
    if data_count is None and code_uses_data:
        data_count = len(module.datas)     # memory.init / data.drop need it
    payloads = {
        1: _type_section(module),
        2: _vec(module.imports, _import),
        3: _vec(module.funcs, lambda f: u32(f.type_idx)),
        4: _vec(list(enumerate(module.tables)), lambda it: _table(module, *it)),
        5: _vec(module.mems, _memory_type),
        13: _vec(getattr(module, "tags", []), _tag_type),
        6: _vec(module.globals, lambda g: _global_type(g.type) + _expr(g.init)),
        7: _vec(module.exports, lambda e: _name(e.name) + bytes((int(e.kind),))
                + u32(e.index)),
        8: None if module.start is None else u32(module.start),
        9: _vec(module.elems, _elem),
        12: None if data_count is None else u32(data_count),
        10: code,
        11: _vec(module.datas, _data),
    }

    customs: dict[int, list[Custom]] = {}
    for c in module.customs:
        known = c.after == 0 or c.after in SECTION_RANK
        customs.setdefault(c.after if known else -1, []).append(c)
    out = bytearray(MAGIC + VERSION)
    for c in customs.pop(0, ()):
        _section(out, 0, _name(c.name) + c.data)
    for sid in SECTION_ORDER:
        payload = payloads[sid]
        if payload is not None:
            _section(out, sid, payload)
        for c in customs.pop(sid, ()):
            _section(out, 0, _name(c.name) + c.data)
    for c in customs.pop(-1, ()):               # unknown positions: at the end
        _section(out, 0, _name(c.name) + c.data)
    if module.names is not None and not any(c.name == "name"
                                            for c in module.customs):
        _section(out, 0, _name("name") + encode_names(module.names))
    return bytes(out)


def _section(out: bytearray, sid: int, payload: bytes) -> None:
    out.append(sid)
    out += u32(len(payload))
    out += payload


def _vec(items: list, encode_item) -> Optional[bytes]:
    """A vector section payload, or None for an empty (omitted) section."""
    if not items:
        return None
    out = bytearray(u32(len(items)))
    for item in items:
        out += encode_item(item)
    return bytes(out)


def _name(name: str) -> bytes:
    raw = name.encode("utf-8")
    return u32(len(raw)) + raw


def _expr(expr: list) -> bytes:
    out = bytearray()
    encode_expr(out, expr)
    return bytes(out)


# ------------------------------------------------------------------ types

def _type_section(module: Module) -> Optional[bytes]:
    """Rec groups: the explicit ones as 0x4E and their subtypes (even with
    one type or none, as they were written), every other type alone."""
    types = module.types
    groups = list(getattr(module, "rec_groups", None) or ())
    if not types and not groups:
        return None
    subs = getattr(module, "subtypes", None) or {}
    out = bytearray()
    n = pos = 0
    for start, count in groups + [(len(types), None)]:
        while pos < start:
            out += _sub_type(types[pos], subs.get(pos))
            pos += 1
            n += 1
        if count is None:
            break
        out += b"\x4e" + u32(count)
        for i in range(start, start + count):
            out += _sub_type(types[i], subs.get(i))
        pos = start + count
        n += 1
    return u32(n) + bytes(out)


def _sub_type(t, sub) -> bytes:
    """A composite type, with 0x50 (sub) / 0x4F (sub final) and its
    supertype before it where the module declares one (``Module.subtypes``
    has an entry: a decoded ``sub final`` without supertype keeps its form)."""
    comp = _comp_type(t)
    if sub is None:
        return comp
    supers = b"\x00" if sub.supertype is None else b"\x01" + u32(sub.supertype)
    return (b"\x4f" if sub.final else b"\x50") + supers + comp


def _field_type(f) -> bytes:
    st = f.storage
    return (bytes((st.code,)) if isinstance(st, PackedType) else valtype_bytes(st)) + (
        b"\x01" if f.mutable else b"\x00")


def _comp_type(t) -> bytes:
    if isinstance(t, StructType):
        return b"\x5f" + u32(len(t.fields)) + b"".join(map(_field_type, t.fields))
    if isinstance(t, ArrayType):
        return b"\x5e" + _field_type(t.field)
    return _func_type(t)


def _func_type(ft) -> bytes:
    return (b"\x60" + u32(len(ft.params)) + b"".join(map(valtype_bytes, ft.params))
            + u32(len(ft.results)) + b"".join(map(valtype_bytes, ft.results)))


def _limits(lim: Limits, flags: int = 0) -> bytes:
    # (a 64-bit index type's limits are u64: the LEB128 is the same)
    if lim.max is None:
        return u32(flags) + u32(lim.min)
    return u32(flags | 1) + u32(lim.min) + u32(lim.max)


def _table_type(tt: TableType) -> bytes:
    return valtype_bytes(tt.elem) + _limits(tt.limits, 4 if tt.is64 else 0)


def _table(module: Module, index: int, tt: TableType) -> bytes:
    """A defined table; one with an initializer expression in the Wasm 3.0
    form 0x40 0x00 tabletype expr."""
    init = getattr(module, "table_inits", {}).get(index)
    if init is None:
        return _table_type(tt)
    return b"\x40\x00" + _table_type(tt) + _expr(init)


def _memory_type(mt: MemoryType) -> bytes:
    # flag bits beyond "has max": 2 = shared (threads), 4 = 64-bit (memory64),
    # 8 = a page size follows (custom-page-sizes)
    log2 = getattr(mt, "page_size_log2", 16)
    flags = (2 if mt.shared else 0) | (4 if mt.is64 else 0) | (8 if log2 != 16 else 0)
    return _limits(mt.limits, flags) + (u32(log2) if log2 != 16 else b"")


def _tag_type(type_idx: int) -> bytes:
    # attribute 0: an exception (the only kind of tag there is)
    return b"\x00" + u32(type_idx)


def _global_type(gt: GlobalType) -> bytes:
    return valtype_bytes(gt.valtype) + bytes((1 if gt.mutable else 0,))


def _import(imp: Import) -> bytes:
    head = _name(imp.module) + _name(imp.name) + bytes((int(imp.kind),))
    kind = imp.kind
    if kind == ExternKind.FUNC:
        return head + u32(imp.desc)
    if kind == ExternKind.TABLE:
        return head + _table_type(imp.desc)
    if kind == ExternKind.MEMORY:
        return head + _memory_type(imp.desc)
    if kind == ExternKind.GLOBAL:
        return head + _global_type(imp.desc)
    if kind == ExternKind.TAG:
        return head + _tag_type(imp.desc)
    raise ValueError(f"cannot encode an import of kind {kind!r}")


# --------------------------------------------------------------- segments

def _func_index(expr: list) -> Optional[int]:
    """The function index if ``expr`` is exactly ``ref.func i; end``."""
    if len(expr) == 2 and expr[0].op is REF_FUNC and expr[1].op is END:
        return expr[0].imm
    return None


def _elem(seg: Elem) -> bytes:
    # function indices (forms 0-3) mean a segment of (ref func) in Wasm
    # 3.0: only such a segment is written as indices, any other type keeps
    # its expressions, so decoding gives the type back
    indices = None
    if seg.type is FUNCREF_NON_NULL:
        indices = [_func_index(e) for e in seg.init]
        if any(i is None for i in indices):
            indices = None
    flags = _elem_form(seg, indices is not None)
    if flags & 4:
        indices = None

    out = bytearray(u32(flags))
    if seg.mode == "active":
        if flags & 2:
            out += u32(seg.table)
        out += _expr(seg.offset)
    if flags & 3:                      # element kind / type is explicit
        out += b"\x00" if indices is not None else valtype_bytes(seg.type)
    if indices is not None:
        out += u32(len(indices))
        for i in indices:
            out += u32(i)
    else:
        out += u32(len(seg.init))
        for e in seg.init:
            encode_expr(out, e)
    return bytes(out)


def _elem_form(seg: Elem, as_indices: bool) -> int:
    """The segment's flags: its recorded form if that can express it, else
    the shortest form that can."""
    table0 = seg.table == 0
    if seg.mode == "passive":
        index_forms, expr_forms = [1], [5]
    elif seg.mode == "declarative":
        index_forms, expr_forms = [3], [7]
    elif seg.mode == "active":
        # forms 0/4 imply table 0 and (ref func)/funcref; 2/6 name both
        index_forms = [0, 2] if table0 else [2]
        expr_forms = [4, 6] if table0 and seg.type is FUNCREF else [6]
    else:
        raise ValueError(f"unknown element segment mode {seg.mode!r}")
    allowed = (index_forms if as_indices else []) + expr_forms
    if seg.form in allowed:
        return seg.form
    return allowed[0]


def _data(seg: Data) -> bytes:
    if seg.mode == "passive":
        head = b"\x01"
    elif seg.mode == "active":
        head = (b"\x00" if seg.memory == 0 else b"\x02" + u32(seg.memory)) \
            + _expr(seg.offset)
    else:
        raise ValueError(f"unknown data segment mode {seg.mode!r}")
    return head + u32(len(seg.init)) + bytes(seg.init)


# ------------------------------------------------------------------- code

def _code_section(funcs: list[Func]) -> tuple[Optional[bytes], bool]:
    """The code section payload (None without functions) and whether any
    body uses a data index."""
    if not funcs:
        return None, False
    out = bytearray(u32(len(funcs)))
    uses_data = False
    body = bytearray()
    for f in funcs:
        body.clear()
        _locals(body, f.locals)
        uses_data |= encode_expr(body, f.body)
        out += u32(len(body))
        out += body
    return bytes(out), uses_data


def _locals(out: bytearray, types: list) -> None:
    """Locals as (count, type) runs of equal consecutive types."""
    runs: list[list] = []
    for t in types:
        if runs and runs[-1][1] is t:
            runs[-1][0] += 1
        else:
            runs.append([1, t])
    out += u32(len(runs))
    for n, t in runs:
        out += u32(n)
        out += valtype_bytes(t)
