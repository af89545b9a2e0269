"""``syntax.component.Component`` -> binary format.

LEB128 integers take their shortest form. A decoded component keeps its
section layout (``Component.layout``: which definitions shared a section,
where the custom sections were), and the encoder follows it, so
``encode_component(decode_component(b)) == b`` for any binary written with
minimal LEB128s (what wasm-tools and wit-component write). A component built
by hand (or one whose definitions no longer match its layout) gets one
section per run of definitions of the same section.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..syntax import component as ast
from ..syntax.component_types import PRIMITIVE_BY_CODE
from .component_decode import PREAMBLE
from .encode import _global_type, _import, _memory_type, _sub_type, _table_type, _tag_type
from .instr_encode import valtype_bytes
from .leb128 import write_signed
from .leb128 import write_unsigned as u32
from ..syntax.types import ExternKind

_PRIM_CODE = {cls: code for code, cls in PRIMITIVE_BY_CODE.items()}


def encode_component(component: ast.Component) -> bytes:
    """The binary of ``component`` (see the module docstring for layout)."""
    out = bytearray(PREAMBLE)
    defs = list(component.definitions)
    for sid, chunk in _sections(component, defs):
        if sid == ast.SECTION_CUSTOM:
            _section(out, sid, _name(chunk.name) + chunk.data)
        elif sid == ast.SECTION_CORE_MODULE:
            _section(out, sid, chunk[0].data)
        elif sid == ast.SECTION_COMPONENT:
            _section(out, sid, encode_component(chunk[0].component))
        elif sid == ast.SECTION_START:
            _section(out, sid, _start(chunk[0]))
        else:
            payload = bytearray(u32(len(chunk)))
            for d in chunk:
                payload += _definition(d)
            _section(out, sid, bytes(payload))
    return bytes(out)


def _sections(component: ast.Component, defs: list) -> list:
    """(section id, definitions or a CustomSection) in binary order."""
    layout = component.layout
    if layout and _layout_fits(layout, defs):
        out = []
        i = 0
        for span in layout:
            if span.custom is not None:
                out.append((ast.SECTION_CUSTOM, span.custom))
            else:
                out.append((span.id, defs[i:i + span.count]))
                i += span.count
        return out
    out = []
    for d in defs:
        sid = ast.section_of(d)
        single = sid in (ast.SECTION_CORE_MODULE, ast.SECTION_COMPONENT, ast.SECTION_START)
        if out and out[-1][0] == sid and not single:
            out[-1][1].append(d)
        else:
            out.append((sid, [d]))
    for c in component.customs:
        out.append((ast.SECTION_CUSTOM, c))
    return out


def _layout_fits(layout: list, defs: list) -> bool:
    i = 0
    for span in layout:
        if span.custom is not None:
            continue
        chunk = defs[i:i + span.count]
        if len(chunk) != span.count or any(ast.section_of(d) != span.id for d in chunk):
            return False
        if span.id in (ast.SECTION_CORE_MODULE, ast.SECTION_COMPONENT,
                       ast.SECTION_START) and span.count != 1:
            return False
        i += span.count
    return i == len(defs)


def _section(out: bytearray, sid: int, payload: bytes) -> None:
    out.append(sid)
    out += u32(len(payload))
    out += payload


def _name(name: str) -> bytes:
    raw = name.encode("utf-8")
    return u32(len(raw)) + raw


def _extern_name(name: str, prefix: int) -> bytes:
    return bytes((prefix,)) + _name(name)


def _vec(items, encode: Callable[[object], bytes]) -> bytes:
    return u32(len(items)) + b"".join(encode(x) for x in items)


def _optional(x, encode: Callable[[object], bytes]) -> bytes:
    return b"\x00" if x is None else b"\x01" + encode(x)


def _sort(s: ast.Sort) -> bytes:
    return bytes(s.code)


def _definition(d: object) -> bytes:
    return _ENCODERS[type(d)](d)


# --------------------------------------------------------------- instances

def _core_instantiate(d: ast.CoreInstantiate) -> bytes:
    return b"\x00" + u32(d.module) + _vec(
        d.args, lambda a: _name(a.name) + b"\x12" + u32(a.instance))


def _core_inline_exports(d: ast.CoreInlineExports) -> bytes:
    return b"\x01" + _vec(
        d.exports, lambda e: _name(e.name) + bytes((e.sort.core_code,)) + u32(e.index))


def _instantiate(d: ast.Instantiate) -> bytes:
    return b"\x00" + u32(d.component) + _vec(
        d.args, lambda a: _name(a.name) + _sort(a.sort) + u32(a.index))


def _inline_exports(d: ast.InlineExports) -> bytes:
    return b"\x01" + _vec(d.exports, lambda e: _extern_name(e.name, e.name_prefix)
                          + _sort(e.sort) + u32(e.index))


def _alias(d: ast.Alias) -> bytes:
    t = d.target
    if isinstance(t, ast.AliasExport):
        target = b"\x00" + u32(t.instance) + _name(t.name)
    elif isinstance(t, ast.AliasCoreExport):
        target = b"\x01" + u32(t.instance) + _name(t.name)
    else:
        target = b"\x02" + u32(t.count) + u32(t.index)
    return _sort(d.sort) + target


# -------------------------------------------------------------- core types

def _core_type(d: object) -> bytes:
    if isinstance(d, ast.CoreRecGroup):
        return b"\x4e" + _vec(d.types, lambda t: _sub_type(t.type, t.subtype))
    if isinstance(d.type, ast.CoreModuleType):
        return b"\x50" + _vec(d.type.decls, _module_decl)
    return _sub_type(d.type, d.subtype)


def _module_decl(d: object) -> bytes:
    if isinstance(d, ast.CoreAliasOuter):
        return b"\x02" + bytes((d.sort.core_code,)) + b"\x01" + u32(d.count) + u32(d.index)
    if isinstance(d, ast.CoreExportDecl):
        return b"\x03" + _name(d.name) + _core_desc(d.kind, d.desc)
    if isinstance(d, (ast.CoreTypeDef, ast.CoreRecGroup)):
        return b"\x01" + _core_type(d)
    return b"\x00" + _import(d)


def _core_desc(kind, desc) -> bytes:
    head = bytes((int(kind),))
    if kind == ExternKind.FUNC:
        return head + u32(desc)
    if kind == ExternKind.TABLE:
        return head + _table_type(desc)
    if kind == ExternKind.MEMORY:
        return head + _memory_type(desc)
    if kind == ExternKind.GLOBAL:
        return head + _global_type(desc)
    return head + _tag_type(desc)


# ---------------------------------------------------------- component types

def _valtype(t: ast.ValTypeRef) -> bytes:
    if isinstance(t, int):
        return write_signed(t)
    return bytes((_PRIM_CODE[type(t)],))


def _label_valtype(lt: tuple) -> bytes:
    return _name(lt[0]) + _valtype(lt[1])


def _result_list(t: Optional[ast.ValTypeRef]) -> bytes:
    return b"\x01\x00" if t is None else b"\x00" + _valtype(t)


def _type_def(d: ast.TypeDef) -> bytes:
    return _def_type(d.type)


def _def_type(t: object) -> bytes:
    if isinstance(t, ast.FuncTypeDef):
        return (b"\x43" if t.is_async else b"\x40") + _vec(t.params, _label_valtype) \
            + _result_list(t.result)
    if isinstance(t, ast.ComponentTypeDef):
        return b"\x41" + _vec(t.decls, _decl)
    if isinstance(t, ast.InstanceTypeDef):
        return b"\x42" + _vec(t.decls, _decl)
    if isinstance(t, ast.ResourceDef):
        out = (b"\x3e" if t.is_async else b"\x3f") + b"\x7f" + _optional(t.dtor, u32)
        if t.is_async:
            out += _optional(t.callback, u32)
        return out
    return _def_val_type(t)


def _def_val_type(t: object) -> bytes:
    if isinstance(t, ast.PrimDef):
        return bytes((_PRIM_CODE[type(t.type)],))
    if isinstance(t, ast.RecordDef):
        return b"\x72" + _vec(t.fields, _label_valtype)
    if isinstance(t, ast.VariantDef):
        return b"\x71" + _vec(t.cases, _variant_case)
    if isinstance(t, ast.ListDef):
        if t.length is not None:
            return b"\x67" + _valtype(t.element) + u32(t.length)
        return b"\x70" + _valtype(t.element)
    if isinstance(t, ast.TupleDef):
        return b"\x6f" + _vec(t.elements, _valtype)
    if isinstance(t, ast.FlagsDef):
        return b"\x6e" + _vec(t.names, _name)
    if isinstance(t, ast.EnumDef):
        return b"\x6d" + _vec(t.names, _name)
    if isinstance(t, ast.OptionDef):
        return b"\x6b" + _valtype(t.type)
    if isinstance(t, ast.ResultDef):
        return b"\x6a" + _optional(t.ok, _valtype) + _optional(t.err, _valtype)
    if isinstance(t, ast.OwnDef):
        return b"\x69" + u32(t.resource)
    if isinstance(t, ast.BorrowDef):
        return b"\x68" + u32(t.resource)
    if isinstance(t, ast.StreamDef):
        return b"\x66" + _optional(t.type, _valtype)
    if isinstance(t, ast.FutureDef):
        return b"\x65" + _optional(t.type, _valtype)
    if isinstance(t, ast.MapDef):
        return b"\x63" + _valtype(t.key) + _valtype(t.value)
    raise TypeError(f"not a component type definition: {t!r}")


def _variant_case(c: ast.VariantCaseDef) -> bytes:
    out = _name(c.label) + _optional(c.type, _valtype)
    return out + (b"\x00" if c.refines is None else b"\x01" + u32(c.refines))


def _decl(d: object) -> bytes:
    if isinstance(d, ast.Import):
        return b"\x03" + _import_def(d)
    if isinstance(d, (ast.CoreTypeDef, ast.CoreRecGroup)):
        return b"\x00" + _core_type(d)
    if isinstance(d, ast.TypeDef):
        return b"\x01" + _type_def(d)
    if isinstance(d, ast.Alias):
        return b"\x02" + _alias(d)
    if isinstance(d, ast.ExportDecl):
        return b"\x04" + _extern_name(d.name, d.name_prefix) + _extern_desc(d.desc)
    raise TypeError(f"not a type declaration: {d!r}")


def _extern_desc(e: ast.ExternDesc) -> bytes:
    s = e.sort
    if s is ast.Sort.CORE_MODULE:
        return b"\x00\x11" + u32(e.index)
    if s is ast.Sort.VALUE:
        return b"\x02" + _valtype(e.value_type)
    if s is ast.Sort.TYPE:
        return b"\x03\x01" if e.index is None else b"\x03\x00" + u32(e.index)
    return _sort(s) + u32(e.index)


# ------------------------------------------------------------------ canon

def _canon_opts(opts: tuple) -> bytes:
    return _vec(opts, lambda o: bytes((ast.CANON_OPT_CODES[o.kind],))
                + (u32(o.index) if o.kind in ast.CANON_OPT_WITH_INDEX else b""))


def _canon_lift(d: ast.CanonLift) -> bytes:
    return b"\x00\x00" + u32(d.core_func) + _canon_opts(d.options) + u32(d.type_index)


def _canon_lower(d: ast.CanonLower) -> bytes:
    return b"\x01\x00" + u32(d.func) + _canon_opts(d.options)


def _canon_builtin(d: ast.CanonBuiltin) -> bytes:
    out = bytearray((d.opcode,))
    for kind, value in zip(ast.CANON_BUILTINS[d.opcode][1], d.immediates):
        if kind == "opts":
            out += _canon_opts(value)
        elif kind == "flag":
            out.append(1 if value else 0)
        elif kind == "zero":
            out.append(0)
        elif kind == "results":
            out += _result_list(value)
        elif kind == "core_valtype":
            out += valtype_bytes(value)
        else:
            out += u32(value)
    return bytes(out)


# ------------------------------------------------------- imports, exports

def _import_def(d: ast.Import) -> bytes:
    return _extern_name(d.name, d.name_prefix) + _extern_desc(d.desc)


def _export(d: ast.Export) -> bytes:
    return (_extern_name(d.name, d.name_prefix) + _sort(d.sort) + u32(d.index)
            + _optional(d.desc, _extern_desc))


def _start(d: ast.Start) -> bytes:
    return u32(d.func) + _vec(d.args, u32) + u32(d.results)


def _value(d: ast.ValueDef) -> bytes:
    return _valtype(d.type) + u32(len(d.data)) + d.data


_ENCODERS: dict = {
    ast.CoreInstantiate: _core_instantiate,
    ast.CoreInlineExports: _core_inline_exports,
    ast.CoreTypeDef: _core_type,
    ast.CoreRecGroup: _core_type,
    ast.Instantiate: _instantiate,
    ast.InlineExports: _inline_exports,
    ast.Alias: _alias,
    ast.TypeDef: _type_def,
    ast.CanonLift: _canon_lift,
    ast.CanonLower: _canon_lower,
    ast.CanonResourceNew: lambda d: b"\x02" + u32(d.resource),
    ast.CanonResourceDrop: lambda d: (b"\x07" if d.is_async else b"\x03") + u32(d.resource),
    ast.CanonResourceRep: lambda d: b"\x04" + u32(d.resource),
    ast.CanonBuiltin: _canon_builtin,
    ast.Import: _import_def,
    ast.Export: _export,
    ast.ValueDef: _value,
}
