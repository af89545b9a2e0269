"""Binary format -> ``syntax.component.Component`` (component model layer 1).

The preamble is ``\\0asm``, version 0x0d 0x00, layer 0x01 0x00. Then
sections, in any order and any number: each appends its definitions, in
order, to ``Component.definitions`` (see syntax/component.py for why the
order is the meaning).

Every read is bounded by the end of the section being read: a section
whose contents end early or run over reports where, in the words of
wasmparser (what Wasmtime says): ``unexpected end-of-file (at offset
0x..)``, ``invalid leading byte (0x..) for ... (at offset 0x..)``. Nested
core modules are not decoded here (``CoreModule.data`` keeps their bytes for
the core pipeline); nested components are, recursively.
"""
from __future__ import annotations

from typing import Callable, Optional

from ..errors import MalformedError
from ..syntax import component as ast
from ..syntax.component_types import PRIMITIVE_BY_CODE
from ..syntax.module import Import as CoreImport
from ..syntax.types import ExternKind
from .decode import _Decoder as _CoreDecoder
from .instr_decode import read_valtype as read_core_valtype
from .leb128 import read_signed, read_u32

MAGIC = b"\x00asm"
COMPONENT_VERSION = b"\x0d\x00"
COMPONENT_LAYER = b"\x01\x00"
PREAMBLE = MAGIC + COMPONENT_VERSION + COMPONENT_LAYER

# Nesting limit for components and types inside types (wasmparser's own
# limits are of this order): deeper input is refused, not a RecursionError.
MAX_NESTING = 100


def is_component(data: bytes) -> bool:
    """Whether ``data`` starts like a component (magic, then layer 1),
    whatever its version: cheap, reads 8 bytes."""
    return (isinstance(data, (bytes, bytearray, memoryview)) and len(data) >= 8
            and bytes(data[:4]) == MAGIC and bytes(data[6:8]) == COMPONENT_LAYER)


def decode_component(data: bytes) -> ast.Component:
    """Decode a component binary; raise MalformedError (what and at which
    offset) if it is not well formed."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    elif not isinstance(data, bytes):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    reader = _Reader(data, 0, len(data), 0)
    return reader.component()


def _eof(offset: int) -> MalformedError:
    return MalformedError(f"unexpected end-of-file (at offset {offset:#x})")


class _Reader:
    """Reads ``data[pos:end]``; offsets in messages are of the whole binary."""

    def __init__(self, data: bytes, pos: int, end: int, depth: int) -> None:
        self.data = data
        self.pos = pos
        self.end = end
        self.depth = depth

    # ------------------------------------------------------------ primitives

    def fail(self, message: str, at: Optional[int] = None) -> MalformedError:
        return MalformedError(f"{message} (at offset {self.pos if at is None else at:#x})")

    def leading(self, b: int, what: str, at: int) -> MalformedError:
        return self.fail(f"invalid leading byte ({b:#x}) for {what}", at)

    def byte(self) -> int:
        if self.pos >= self.end:
            raise _eof(self.pos)
        b = self.data[self.pos]
        self.pos += 1
        return b

    def peek(self) -> int:
        if self.pos >= self.end:
            raise _eof(self.pos)
        return self.data[self.pos]

    def _leb(self, read: Callable) -> int:
        start = self.pos
        try:
            value, pos = read(self.data, self.pos)
        except IndexError:
            raise _eof(len(self.data)) from None
        except MalformedError as e:
            if self._runs_past_end(start):
                raise _eof(self.end) from None
            raise self.fail(str(e).split(" (at offset")[0], start) from None
        if pos > self.end:
            raise _eof(self.end)
        self.pos = pos
        return value

    def _runs_past_end(self, start: int) -> bool:
        """Whether the LEB at ``start`` has no last byte before ``end``."""
        for i in range(start, min(self.end, start + 10)):
            if self.data[i] < 0x80:
                return False
        return start + 10 > self.end

    def u32(self) -> int:
        return self._leb(read_u32)

    def s33(self) -> int:
        return self._leb(lambda d, p: read_signed(d, p, 33))

    def raw(self, n: int) -> bytes:
        if n > self.end - self.pos:
            raise _eof(self.end)
        out = self.data[self.pos:self.pos + n]
        self.pos += n
        return out

    def count(self, what: str) -> int:
        """A vector's length: no more items than bytes left (each takes at
        least one), so a huge count fails at once instead of looping."""
        at = self.pos
        n = self.u32()
        if n > self.end - self.pos:
            raise self.fail(f"{what} count is out of bounds", at)
        return n

    def vec(self, read_item: Callable[[], object], what: str = "vector") -> tuple:
        return tuple(read_item() for _ in range(self.count(what)))

    def name(self) -> str:
        at = self.pos
        raw = self.raw(self.u32())
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise self.fail("malformed UTF-8 encoding", at) from None

    def extern_name(self) -> tuple[str, int]:
        """``importname'`` / ``exportname'``: a 0x00 (or legacy 0x01) then
        the name; returns (name, prefix byte)."""
        at = self.pos
        prefix = self.byte()
        if prefix not in (0x00, 0x01):
            raise self.leading(prefix, "component external name", at)
        return self.name(), prefix

    def flag(self, what: str) -> bool:
        at = self.pos
        b = self.byte()
        if b > 1:
            raise self.leading(b, what, at)
        return b == 1

    def optional(self, read: Callable[[], object], what: str):
        """``<T>?``: 0x00 (absent) or 0x01 then T."""
        return read() if self.flag(what) else None

    # ------------------------------------------------------------ component

    def component(self) -> ast.Component:
        self.preamble()
        comp = ast.Component()
        while self.pos < self.end:
            section_at = self.pos
            sid = self.byte()
            size = self.u32()
            start = self.pos
            if size > self.end - start:
                raise self.fail("section too large", section_at)
            body = _Reader(self.data, start, start + size, self.depth)
            before = len(comp.definitions)
            if sid == ast.SECTION_CUSTOM:
                custom = body.custom()
                comp.customs.append(custom)
                comp.layout.append(ast.SectionSpan(sid, 0, custom))
            elif sid == ast.SECTION_CORE_MODULE:
                comp.definitions.append(ast.CoreModule(body.raw(size), start))
            elif sid == ast.SECTION_COMPONENT:
                if self.depth + 1 > MAX_NESTING:
                    raise self.fail("components nested too deeply", section_at)
                nested = _Reader(self.data, start, start + size, self.depth + 1).component()
                body.pos = body.end
                comp.definitions.append(ast.NestedComponent(nested, start))
            elif sid in body.SECTION_ITEMS:
                read_item, what = body.SECTION_ITEMS[sid]
                for _ in range(body.count(what)):
                    item = read_item(body)
                    comp.definitions.append(item)
            elif sid == ast.SECTION_START:
                comp.definitions.append(body.start())
            else:
                raise self.fail(f"unknown section id {sid:#x}" if sid < 0x80 else
                                f"malformed section id: {sid:#x}", section_at)
            if body.pos != body.end:
                raise self.fail("section size mismatch: unexpected data at the end of the"
                                " section", body.pos)
            self.pos = start + size
            if sid != ast.SECTION_CUSTOM:
                comp.layout.append(ast.SectionSpan(sid, len(comp.definitions) - before))
        return comp

    def preamble(self) -> None:
        at = self.pos
        if self.end - at < 4:
            raise _eof(self.end)
        if self.data[at:at + 4] != MAGIC:
            raise self.fail("magic header not detected: bad magic number", at)
        if self.end - at < 8:
            raise _eof(self.end)
        version = self.data[at + 4:at + 6]
        layer = self.data[at + 6:at + 8]
        if layer != COMPONENT_LAYER or version != COMPONENT_VERSION:
            v = int.from_bytes(version, "little")
            l_ = int.from_bytes(layer, "little")
            if l_ == 0:
                raise self.fail("expected a WebAssembly component but was given a core"
                                " WebAssembly module", at + 4)
            raise self.fail(f"unknown binary version and encoding combination: {v:#x}"
                            f" and {l_:#x}", at + 4)
        self.pos = at + 8

    def custom(self) -> ast.CustomSection:
        name = self.name()
        return ast.CustomSection(name, self.raw(self.end - self.pos))

    # -------------------------------------------------------- core instances

    def core_instance(self) -> object:
        at = self.pos
        b = self.byte()
        if b == 0x00:
            module = self.u32()
            args = self.vec(self.core_instantiate_arg, "core instantiation arguments")
            return ast.CoreInstantiate(module, args, at)
        if b == 0x01:
            return ast.CoreInlineExports(self.vec(self.core_inline_export, "core exports"), at)
        raise self.leading(b, "core instance", at)

    def core_instantiate_arg(self) -> ast.CoreInstantiateArg:
        name = self.name()
        at = self.pos
        b = self.byte()
        if b != 0x12:
            raise self.leading(b, "core instantiation argument kind", at)
        return ast.CoreInstantiateArg(name, self.u32())

    def core_sort(self) -> ast.Sort:
        at = self.pos
        b = self.byte()
        sort = ast.CORE_SORT_BY_BYTE.get(b)
        if sort is None:
            raise self.leading(b, "core sort", at)
        return sort

    def core_inline_export(self) -> ast.CoreInlineExport:
        name = self.name()
        sort = self.core_sort()
        return ast.CoreInlineExport(name, sort, self.u32())

    # ---------------------------------------------------- component instances

    def sort(self) -> ast.Sort:
        at = self.pos
        b = self.byte()
        if b == 0x00:
            return self.core_sort()
        sort = ast.SORT_BY_BYTE.get(b)
        if sort is None:
            raise self.leading(b, "component sort", at)
        return sort

    def instance(self) -> object:
        at = self.pos
        b = self.byte()
        if b == 0x00:
            comp = self.u32()
            return ast.Instantiate(comp, self.vec(self.instantiate_arg,
                                                  "instantiation arguments"), at)
        if b == 0x01:
            return ast.InlineExports(self.vec(self.inline_export, "instance exports"), at)
        raise self.leading(b, "instance", at)

    def instantiate_arg(self) -> ast.InstantiateArg:
        name = self.name()
        sort = self.sort()
        return ast.InstantiateArg(name, sort, self.u32())

    def inline_export(self) -> ast.InlineExport:
        name, prefix = self.extern_name()
        sort = self.sort()
        return ast.InlineExport(name, sort, self.u32(), prefix)

    # ---------------------------------------------------------------- aliases

    def alias(self) -> ast.Alias:
        at = self.pos
        sort = self.sort()
        tat = self.pos
        b = self.byte()
        if b == 0x00:
            target: object = ast.AliasExport(self.u32(), self.name())
        elif b == 0x01:
            target = ast.AliasCoreExport(self.u32(), self.name())
        elif b == 0x02:
            count = self.u32()
            target = ast.AliasOuter(count, self.u32())
        else:
            raise self.leading(b, "alias", tat)
        return ast.Alias(sort, target, at)

    # ------------------------------------------------------------ core types

    def core_type(self) -> object:
        """A core type section entry (or a type declaration): a module type
        (0x50), a rec group (0x4e) or a single (sub)type."""
        at = self.pos
        b = self.peek()
        if b == 0x50:
            self.pos += 1
            return ast.CoreTypeDef(self.module_type(), None, at)
        if b == 0x4E:
            self.pos += 1
            members = []
            for _ in range(self.count("rec group types")):
                members.append(self.core_sub_type())
            return ast.CoreRecGroup(tuple(members), at)
        return self.core_sub_type()

    def _core(self) -> _CoreDecoder:
        core = _CoreDecoder(self.data)
        core.pos = self.pos
        return core

    def _core_done(self, core: _CoreDecoder) -> None:
        if core.pos > self.end:
            raise _eof(self.end)
        self.pos = core.pos

    def _core_call(self, fn: Callable[[_CoreDecoder], object]) -> object:
        """Run one of the core decoder's readers here (its IndexError: the
        binary ended)."""
        core = self._core()
        try:
            result = fn(core)
        except IndexError:
            raise _eof(min(self.end, len(self.data))) from None
        self._core_done(core)
        return result

    def core_sub_type(self) -> ast.CoreTypeDef:
        at = self.pos

        def read(core: _CoreDecoder):
            core.sub_type()
            return core.module.types[-1], core.module.subtypes.get(0)
        if self.peek() == 0x50:
            # inside a component 0x50 is a module type: a GC "sub" type
            # must be written in a rec group to be one
            raise self.fail("module types cannot be nested", at)
        ctype, sub = self._core_call(read)
        return ast.CoreTypeDef(ctype, sub, at)

    def module_type(self) -> ast.CoreModuleType:
        return ast.CoreModuleType(self.vec(self.module_decl, "module type declarations"))

    def module_decl(self) -> object:
        at = self.pos
        b = self.byte()
        if b == 0x00:
            return self._core_call(lambda core: core.import_())
        if b == 0x01:
            if self.peek() == 0x50:
                raise self.fail("module types cannot be nested", self.pos)
            return self.core_type()
        if b == 0x02:
            sort = self.core_sort()
            tat = self.pos
            t = self.byte()
            if t != 0x01:
                raise self.leading(t, "core alias", tat)
            count = self.u32()
            return ast.CoreAliasOuter(sort, count, self.u32())
        if b == 0x03:
            name = self.name()
            imp = self._core_call(lambda core: _core_import_desc(core))
            return ast.CoreExportDecl(name, imp.kind, imp.desc)
        raise self.leading(b, "module type declaration", at)

    # ------------------------------------------------------- component types

    def valtype(self) -> ast.ValTypeRef:
        at = self.pos
        b = self.peek()
        prim = PRIMITIVE_BY_CODE.get(b)
        if prim is not None:
            self.pos += 1
            return prim()
        idx = self.s33()
        if idx < 0:
            raise self.leading(b, "component value type", at)
        return idx

    def type_def(self) -> ast.TypeDef:
        at = self.pos
        if self.depth > MAX_NESTING:
            raise self.fail("types nested too deeply", at)
        self.depth += 1
        try:
            return ast.TypeDef(self.def_type(), at)
        finally:
            self.depth -= 1

    def def_type(self) -> object:
        at = self.pos
        b = self.peek()
        if b in (0x40, 0x43):
            self.pos += 1
            params = self.vec(self.label_valtype, "function parameters")
            return ast.FuncTypeDef(params, self.result_list(), b == 0x43)
        if b == 0x41:
            self.pos += 1
            return ast.ComponentTypeDef(self.vec(self.component_decl, "component type"
                                                 " declarations"))
        if b == 0x42:
            self.pos += 1
            return ast.InstanceTypeDef(self.vec(self.instance_decl, "instance type"
                                                " declarations"))
        if b in (0x3F, 0x3E):
            self.pos += 1
            rat = self.pos
            rep = self.byte()
            if rep != 0x7F:
                raise self.leading(rep, "resource representation type", rat)
            dtor = self.optional(self.u32, "resource destructor")
            callback = None
            if b == 0x3E:
                callback = self.optional(self.u32, "resource destructor callback")
            return ast.ResourceDef("i32", dtor, b == 0x3E, callback)
        return self.def_val_type(at)

    def result_list(self) -> Optional[ast.ValTypeRef]:
        at = self.pos
        b = self.byte()
        if b == 0x00:
            return self.valtype()
        if b == 0x01:
            zat = self.pos
            if self.byte() != 0x00:
                raise self.fail("named results are no longer supported", zat)
            return None
        raise self.leading(b, "component function results", at)

    def label_valtype(self) -> tuple:
        name = self.name()
        return name, self.valtype()

    def def_val_type(self, at: int) -> object:
        b = self.byte()
        prim = PRIMITIVE_BY_CODE.get(b)
        if prim is not None:
            return ast.PrimDef(prim())
        if b == 0x72:
            return ast.RecordDef(self.vec(self.label_valtype, "record fields"))
        if b == 0x71:
            return ast.VariantDef(self.vec(self.variant_case, "variant cases"))
        if b == 0x70:
            return ast.ListDef(self.valtype())
        if b == 0x67:
            element = self.valtype()
            return ast.ListDef(element, self.u32())
        if b == 0x6F:
            return ast.TupleDef(self.vec(self.valtype, "tuple types"))
        if b == 0x6E:
            return ast.FlagsDef(self.vec(self.name, "flag names"))
        if b == 0x6D:
            return ast.EnumDef(self.vec(self.name, "enum cases"))
        if b == 0x6B:
            return ast.OptionDef(self.valtype())
        if b == 0x6A:
            ok = self.optional(self.valtype, "optional result type")
            return ast.ResultDef(ok, self.optional(self.valtype, "optional error type"))
        if b == 0x69:
            return ast.OwnDef(self.u32())
        if b == 0x68:
            return ast.BorrowDef(self.u32())
        if b == 0x66:
            return ast.StreamDef(self.optional(self.valtype, "stream payload type"))
        if b == 0x65:
            return ast.FutureDef(self.optional(self.valtype, "future payload type"))
        if b == 0x63:
            key = self.valtype()
            return ast.MapDef(key, self.valtype())
        raise self.leading(b, "component defined type", at)

    def variant_case(self) -> ast.VariantCaseDef:
        label = self.name()
        t = self.optional(self.valtype, "variant case type")
        at = self.pos
        b = self.byte()
        if b == 0x00:
            return ast.VariantCaseDef(label, t)
        if b == 0x01:
            return ast.VariantCaseDef(label, t, self.u32())
        raise self.leading(b, "variant case refines", at)

    def component_decl(self) -> object:
        if self.peek() == 0x03:
            at = self.pos
            self.pos += 1
            name, prefix = self.extern_name()
            return ast.Import(name, self.extern_desc(), at, prefix)
        return self.instance_decl("component type declaration")

    def instance_decl(self, what: str = "instance type declaration") -> object:
        at = self.pos
        b = self.byte()
        if b == 0x00:
            return self.core_type()
        if b == 0x01:
            return self.type_def()
        if b == 0x02:
            return self.alias()
        if b == 0x04:
            eat = self.pos
            name, prefix = self.extern_name()
            return ast.ExportDecl(name, self.extern_desc(), eat, prefix)
        raise self.leading(b, what, at)

    def extern_desc(self) -> ast.ExternDesc:
        at = self.pos
        b = self.byte()
        if b == 0x00:
            cat = self.pos
            c = self.byte()
            if c != 0x11:
                raise self.leading(c, "component external kind", cat)
            return ast.ExternDesc(ast.Sort.CORE_MODULE, self.u32())
        if b == 0x01:
            return ast.ExternDesc(ast.Sort.FUNC, self.u32())
        if b == 0x02:
            return ast.ExternDesc(ast.Sort.VALUE, None, self.valtype())
        if b == 0x03:
            bat = self.pos
            bound = self.byte()
            if bound == 0x00:
                return ast.ExternDesc(ast.Sort.TYPE, self.u32())
            if bound == 0x01:
                return ast.ExternDesc(ast.Sort.TYPE, None)
            raise self.leading(bound, "type bound", bat)
        if b == 0x04:
            return ast.ExternDesc(ast.Sort.COMPONENT, self.u32())
        if b == 0x05:
            return ast.ExternDesc(ast.Sort.INSTANCE, self.u32())
        raise self.leading(b, "component external kind", at)

    # ------------------------------------------------------------------ canon

    def canon_opt(self) -> ast.CanonOpt:
        at = self.pos
        b = self.byte()
        for kind, code in ast.CANON_OPT_CODES.items():
            if code == b:
                if kind in ast.CANON_OPT_WITH_INDEX:
                    return ast.CanonOpt(kind, self.u32())
                return ast.CanonOpt(kind)
        raise self.leading(b, "canonical option", at)

    def canon_opts(self) -> tuple:
        return self.vec(self.canon_opt, "canonical options")

    def canon(self) -> object:
        at = self.pos
        b = self.byte()
        if b == 0x00 or b == 0x01:
            sat = self.pos
            s = self.byte()
            if s != 0x00:
                raise self.leading(s, "canonical function " + ("lift" if b == 0 else "lower"),
                                   sat)
            f = self.u32()
            opts = self.canon_opts()
            if b == 0x00:
                return ast.CanonLift(f, opts, self.u32(), at)
            return ast.CanonLower(f, opts, at)
        if b == 0x02:
            return ast.CanonResourceNew(self.u32(), at)
        if b == 0x03:
            return ast.CanonResourceDrop(self.u32(), False, at)
        if b == 0x07:
            return ast.CanonResourceDrop(self.u32(), True, at)
        if b == 0x04:
            return ast.CanonResourceRep(self.u32(), at)
        builtin = ast.CANON_BUILTINS.get(b)
        if builtin is None:
            raise self.leading(b, "canonical function", at)
        name, layout = builtin
        return ast.CanonBuiltin(b, name, tuple(self.canon_immediate(k, name) for k in layout),
                                at)

    def canon_immediate(self, kind: str, name: str) -> object:
        if kind in ("type", "core_type", "table", "memory", "u32"):
            return self.u32()
        if kind == "opts":
            return self.canon_opts()
        if kind == "flag":
            return self.flag(f"`{name}` flag")
        if kind == "zero":
            at = self.pos
            if self.byte() != 0x00:
                raise self.fail(f"reserved byte of `{name}` is not zero", at)
            return 0
        if kind == "results":
            return self.result_list()
        if kind == "core_valtype":
            def read(core: _CoreDecoder):
                t, core.pos = read_core_valtype(core.data, core.pos)
                return t
            return self._core_call(read)
        raise AssertionError(kind)

    # ------------------------------------------------- start, imports, exports

    def start(self) -> ast.Start:
        at = self.pos
        func = self.u32()
        args = self.vec(self.u32, "start arguments")
        return ast.Start(func, args, self.u32(), at)

    def import_(self) -> ast.Import:
        at = self.pos
        name, prefix = self.extern_name()
        return ast.Import(name, self.extern_desc(), at, prefix)

    def export(self) -> ast.Export:
        at = self.pos
        name, prefix = self.extern_name()
        sort = self.sort()
        index = self.u32()
        desc = self.optional(self.extern_desc, "export type ascription")
        return ast.Export(name, sort, index, desc, at, prefix)

    def value(self) -> ast.ValueDef:
        at = self.pos
        t = self.valtype()
        return ast.ValueDef(t, self.raw(self.u32()), at)

    SECTION_ITEMS: dict = {
        ast.SECTION_CORE_INSTANCE: (core_instance, "core instances"),
        ast.SECTION_CORE_TYPE: (core_type, "core types"),
        ast.SECTION_INSTANCE: (instance, "instances"),
        ast.SECTION_ALIAS: (alias, "aliases"),
        ast.SECTION_TYPE: (type_def, "types"),
        ast.SECTION_CANON: (canon, "canonical functions"),
        ast.SECTION_IMPORT: (import_, "imports"),
        ast.SECTION_EXPORT: (export, "exports"),
        ast.SECTION_VALUE: (value, "values"),
    }


def _core_import_desc(core: _CoreDecoder) -> CoreImport:
    """A module type's export declaration: a core import description
    without the two names (an Import with empty names carries it)."""
    kind = core.data[core.pos]
    core.pos += 1
    if kind == 0:
        desc: object = core.u32()
    elif kind == 1:
        desc = core.table_type()
    elif kind == 2:
        desc = core.memory_type()
    elif kind == 3:
        desc = core.global_type()
    elif kind == 4:
        desc = core.tag_type()
    else:
        raise MalformedError(f"invalid leading byte ({kind:#x}) for external kind"
                             f" (at offset {core.pos - 1:#x})")
    return CoreImport("", "", ExternKind(kind), desc)
