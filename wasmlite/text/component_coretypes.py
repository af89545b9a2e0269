"""Core types inside a component: ``(core type ...)``, ``(core rec ...)`` and
core module types with their declarations.

A mixin of ``ComponentParser``. The core type grammar itself (function,
struct, array and sub types, value types, table/memory/global types) is the
core text parser's: a ``ModuleParser`` over the same tokens, whose type
names are the scope's core types, parses each one; the core encoder's pieces
write it.
"""
from __future__ import annotations

from typing import Optional

from ..binary.encode import _global_type, _memory_type, _sub_type, _table_type
from ..syntax.types import ExternKind, FuncType, MemoryType
from .component_bytes import name_bytes
from .component_scope import MODULE_TYPE
from .parse import ModuleParser

_CORE_KIND = {"func": ExternKind.FUNC, "table": ExternKind.TABLE,
              "memory": ExternKind.MEMORY, "global": ExternKind.GLOBAL,
              "tag": ExternKind.TAG}


class CoreTypesMixin:
    """Parsing of core types in a component (see the module docstring)."""

    def core_helper(self) -> ModuleParser:
        """A core text parser whose type names are this scope's core types."""
        h = ModuleParser(self.toks, 0, 0)
        h.offset32 = False
        space = h.spaces["type"]
        space.names = {k: v for k, v in self.scope.names["core type"].items()
                       if isinstance(k, str)}
        space.count = self.scope.counts["core type"]
        return h

    def core_type_def(self, h: ModuleParser, i: int, in_rec: bool) -> tuple[bytes, object, int]:
        """The core type of the ``(type $id? ...)`` (or ``(core type ...)``
        when ``i`` is at ``core``) at ``i``: (bytes, the type, next index)."""
        n = len(h.types)
        end = h.type_def(i, in_rec)
        t = h.types[n]
        data = _sub_type(t, h.module.subtypes.get(n))
        if data[0] == 0x50 and not in_rec and self.scope.kind != MODULE_TYPE:
            # a non-final sub type alone where 0x50 would read as a module
            # type: the component binary puts 0x00 before it
            data = b"\x00" + data
        return data, t, end

    def field_core_type(self, i: int) -> None:
        """``(core type $id? (module ...) | core deftype)``."""
        ident = i + 3 if self.K[i + 3] == "$" else None
        j = i + 3 if ident is None else i + 4
        self.begin()
        if self.is_open(j, "module"):
            node = self.module_type(j + 2, self.M[j])
            self.expect_close(self.M[j] + 1)
            self.finish(self.core_type_code(), node, "core type", ident)
            return
        data, t, _ = self.core_type_def(self.core_helper(), i + 1, False)
        idx = self.finish(self.core_type_code(), data, "core type", ident)
        self.note_core_func_type(t, idx)

    def field_core_rec(self, i: int) -> None:
        """``(core rec (type ...)*)``: one rec group, each type an index."""
        h = self.core_helper()
        K, M = self.K, self.M
        j = i + 3
        idents = []
        while self.is_open(j, "type"):
            ident = j + 2 if K[j + 2] == "$" else None
            h.bind(h.spaces["type"], self.T[ident] if ident else None, j + 2)
            idents.append(ident)
            j = M[j] + 1
        self.expect_close(j)
        parts = []
        j = i + 3
        for _ in idents:
            data, _t, j = self.core_type_def(h, j, True)
            parts.append(data)
        self.begin()
        self.finish(self.core_type_code(), [b"\x4e", len(parts), parts])
        for ident in idents:
            self.bind("core type", ident)

    def note_core_func_type(self, t: object, idx: int) -> None:
        if self.scope.kind == MODULE_TYPE and type(t) is FuncType:
            self.scope.core_func_types.setdefault(t, idx)

    # ------------------------------------------------------------ module types

    def inline_module_type(self, j: int, close: int) -> int:
        """A core module type written inline (an import's): its own core
        type definition, put before the import; returns its index."""
        self.begin()
        return self.finish(self.core_type_code(), self.module_type(j, close), "core type")

    def module_type(self, j: int, close: int) -> object:
        """``(module decl*)``'s declarations from ``j`` to ``close``."""
        scope = self.enter(MODULE_TYPE, None, j, close)
        try:
            K, T = self.K, self.T
            while j < close:
                if K[j] != "(" or K[j + 1] != "a":
                    raise self.unexpected(j + 1 if K[j] == "(" else j)
                kw = T[j + 1]
                if kw == "type":
                    self.begin()
                    data, t, _ = self.core_type_def(self.core_helper(), j, False)
                    ident = j + 2 if K[j + 2] == "$" else None
                    self.note_core_func_type(t, self.finish(0x01, data, "core type", ident))
                elif kw == "import":
                    self.begin()
                    head = name_bytes(self.name(j + 2)) + name_bytes(self.name(j + 3))
                    desc, k = self.core_import_desc(j + 4)
                    self.expect_close(k)
                    self.finish(0x00, [head, desc])
                elif kw == "export":
                    self.begin()
                    head = name_bytes(self.name(j + 2))
                    desc, k = self.core_import_desc(j + 3)
                    self.expect_close(k)
                    self.finish(0x03, [head, desc])
                elif kw == "alias":
                    self.field_alias(j)
                else:
                    raise self.unexpected(j + 1)
                j = self.M[j] + 1
        finally:
            self.leave()
        decls = [[bytes((code,)), node] for code, node in scope.items]
        return [b"\x50", len(decls), decls]

    def core_import_desc(self, i: int) -> tuple[object, int]:
        """``(func $id? typeuse)`` / ``(table ...)`` / ``(memory ...)`` /
        ``(global ...)`` / ``(tag typeuse)`` in a module type."""
        K, T = self.K, self.T
        if K[i] != "(" or K[i + 1] != "a" or T[i + 1] not in _CORE_KIND:
            raise self.unexpected(i + 1 if K[i] == "(" else i)
        kind = _CORE_KIND[T[i + 1]]
        close = self.M[i]
        j = i + 3 if K[i + 2] == "$" else i + 2
        if kind in (ExternKind.FUNC, ExternKind.TAG):
            idx = self.core_type_use(j, close)
            node = [b"\x00", idx] if kind == ExternKind.FUNC else [b"\x04\x00", idx]
            return node, close + 1
        h = self.core_helper()
        shared = (kind == ExternKind.MEMORY and self.K[close - 1] == "a"
                  and self.T[close - 1] == "shared")
        if shared:
            # (memory min max shared): threads; the core parser has no word for it
            close -= 1
        desc, j = h.import_desc(kind, j)
        self.expect_at(j, close)
        if shared:
            desc = MemoryType(desc.limits, desc.is64, True, desc.page_size_log2)
            close += 1
        if kind == ExternKind.TABLE:
            return b"\x01" + _table_type(desc), close + 1
        if kind == ExternKind.MEMORY:
            return b"\x02" + _memory_type(desc), close + 1
        return b"\x03" + _global_type(desc), close + 1

    def core_type_use(self, j: int, close: int) -> object:
        """``(type x)`` (with the inline form after it, which names the same
        type) or an inline function type: reuses an equal function type the
        module type declares, else defines one before the declaration."""
        h = self.core_helper()
        explicit: Optional[object] = None
        if self.is_type_use(j):
            explicit = self.ref(j + 2, "core type")
            j = self.expect_close(j + 3)
        params, results, _names, k = h.func_type(j)
        self.expect_at(k, close)
        if explicit is not None:
            return explicit
        ft = FuncType(tuple(params), tuple(results))
        idx = self.scope.core_func_types.get(ft)
        if idx is not None:
            return idx
        # (a type made here is not reused by later inline uses: wasm-tools
        # reuses only types the module type declares itself)
        self.begin()
        return self.finish(0x01, _sub_type(ft, None), "core type")
