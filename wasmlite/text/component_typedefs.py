"""Component types in the text format: value types, defined value types,
function, resource, instance and component types, and extern descriptions.

A mixin of ``ComponentParser`` (component_parse.py), which gives the token
helpers, the scopes and ``begin``/``finish``. An anonymous type written
inline where the binary wants a type index (``(list (tuple u8 u8))``, an
import's ``(func (param ...))``) becomes a type definition of its own, put
just before the definition that uses it, as wasm-tools does.
"""
from __future__ import annotations

from typing import Optional

from .component_bytes import SORT_BYTES, name_bytes, s33
from .component_scope import COMPONENT_TYPE, INSTANCE_TYPE, SPACE_OF_WORD, CORE_SPACE_OF_WORD

PRIMITIVES = {
    "bool": 0x7F, "s8": 0x7E, "u8": 0x7D, "s16": 0x7C, "u16": 0x7B, "s32": 0x7A,
    "u32": 0x79, "s64": 0x78, "u64": 0x77, "f32": 0x76, "f64": 0x75, "float32": 0x76,
    "float64": 0x75, "char": 0x74, "string": 0x73, "error-context": 0x64,
}
STRING_ENCODINGS = {"string-encoding=utf8": b"\x00", "string-encoding=utf16": b"\x01",
                    "string-encoding=latin1+utf16": b"\x02"}


class TypeDefsMixin:
    """Parsing of component types (see the module docstring)."""

    # ------------------------------------------------------------ value types

    def labelled_valtypes(self, j: int, word: str) -> tuple[list, int]:
        """``(word "label" valtype)*`` from ``j`` (a record's fields, a
        function's params): their encodings and the index after them."""
        out = []
        while self.is_open(j, word):
            label = self.name(j + 2)
            t, k = self.valtype(j + 3)
            out.append([name_bytes(label), t])
            j = self.expect_close(k)
        return out, j

    def valtype(self, i: int) -> tuple[object, int]:
        """A value type at ``i``: a primitive, a type index (signed LEB128,
        as the binary reads it) or an inline defined type."""
        K, T = self.K, self.T
        if K[i] == "a" and T[i] in PRIMITIVES:
            return bytes((PRIMITIVES[T[i]],)), i + 1
        if K[i] in ("$", "a") and self.is_index(i):
            return self.ref(i, "type", signed=True), i + 1
        if K[i] == "(":
            self.begin()
            node = self.defvaltype(i)
            idx = self.finish(self.type_code(), node, "type")
            return s33(idx), self.M[i] + 1
        raise self.unexpected(i)

    def opt_valtype(self, i: int, close: int) -> tuple[object, int]:
        """``valtype?`` before ``close``: 0x00, or 0x01 and the type."""
        if i >= close:
            return b"\x00", i
        t, i = self.valtype(i)
        return [b"\x01", t], i

    def defvaltype(self, i: int) -> object:
        """A defined value type in parentheses at ``i`` (its parts)."""
        K, T = self.K, self.T
        if K[i] != "(" or K[i + 1] != "a":
            raise self.unexpected(i + 1 if K[i] == "(" else i)
        kw = T[i + 1]
        close = self.M[i]
        j = i + 2
        if kw == "record":
            fields, j = self.labelled_valtypes(j, "field")
            self.expect_at(j, close)
            return [b"\x72", len(fields), fields]
        if kw == "variant":
            cases = []
            while self.is_open(j, "case"):
                k = j + 2
                if K[k] == "$":
                    k += 1
                label = self.name(k)
                c_close = self.M[j]
                k += 1
                t = b"\x00"
                if k < c_close and not self.is_open(k, "refines"):
                    t, k = self.opt_valtype(k, c_close)
                refines = b"\x00"
                if self.is_open(k, "refines"):
                    refines = [b"\x01", self.case_index(k + 2, cases)]
                    k = self.expect_close(k + 3)
                cases.append([name_bytes(label), t, refines])
                j = self.expect_close(k)
            self.expect_at(j, close)
            return [b"\x71", len(cases), cases]
        if kw == "list":
            t, j = self.valtype(j)
            if j < close:
                n = self.u32(j)
                self.expect_at(j + 1, close)
                return [b"\x67", t, n]
            self.expect_at(j, close)
            return [b"\x70", t]
        if kw == "tuple":
            ts = []
            while j < close:
                t, j = self.valtype(j)
                ts.append(t)
            return [b"\x6f", len(ts), ts]
        if kw in ("flags", "enum"):
            labels = []
            while j < close:
                labels.append(name_bytes(self.name(j)))
                j += 1
            return [b"\x6e" if kw == "flags" else b"\x6d", len(labels), labels]
        if kw == "option":
            t, j = self.valtype(j)
            self.expect_at(j, close)
            return [b"\x6b", t]
        if kw == "result":
            ok = b"\x00"
            if j < close and not self.is_open(j, "error"):
                t, j = self.valtype(j)
                ok = [b"\x01", t]
            err = b"\x00"
            if self.is_open(j, "error"):
                t, k = self.valtype(j + 2)
                err = [b"\x01", t]
                j = self.expect_close(k)
            self.expect_at(j, close)
            return [b"\x6a", ok, err]
        if kw in ("own", "borrow"):
            idx = self.ref(j, "type")
            self.expect_at(j + 1, close)
            return [b"\x69" if kw == "own" else b"\x68", idx]
        if kw in ("stream", "future"):
            t, j = self.opt_valtype(j, close)
            self.expect_at(j, close)
            return [b"\x66" if kw == "stream" else b"\x65", t]
        if kw == "map":
            k_t, j = self.valtype(j)
            v_t, j = self.valtype(j)
            self.expect_at(j, close)
            return [b"\x63", k_t, v_t]
        raise self.unexpected(i + 1)

    def case_index(self, i: int, cases: list) -> object:
        """The case a ``(refines x)`` names: a number, or a case's ``$id``
        among those before it (kept by the caller)."""
        if self.K[i] == "a":
            return self.u32(i)
        raise self.error(i, "refines by case name is not supported")

    # ------------------------------------------------------------ type definitions

    def deftype(self, i: int, ident: object) -> object:
        """The type after ``(type $id?`` at ``i``: a primitive, a defined
        value type, or a function, resource, component or instance type."""
        K, T = self.K, self.T
        if K[i] == "a" and T[i] in PRIMITIVES:
            return bytes((PRIMITIVES[T[i]],))
        if K[i] != "(" or K[i + 1] != "a":
            raise self.unexpected(i + 1 if K[i] == "(" else i)
        kw = T[i + 1]
        close = self.M[i]
        if kw == "func":
            return self.functype(i + 2, close)
        if kw == "resource":
            return self.resourcetype(i + 2, close)
        if kw == "component":
            return self.type_scope(COMPONENT_TYPE, ident, i + 2, close)
        if kw == "instance":
            return self.type_scope(INSTANCE_TYPE, ident, i + 2, close)
        return self.defvaltype(i)

    def functype(self, j: int, close: int) -> object:
        """``async? (param "name" valtype)* (result valtype)?`` up to ``close``."""
        K, T = self.K, self.T
        tag = b"\x40"
        if K[j] == "a" and T[j] == "async":
            tag = b"\x43"
            j += 1
        params, j = self.labelled_valtypes(j, "param")
        result = b"\x01\x00"
        if self.is_open(j, "result"):
            t, k = self.valtype(j + 2)
            result = [b"\x00", t]
            j = self.expect_close(k)
        self.expect_at(j, close)
        return [tag, len(params), params, result]

    def resourcetype(self, j: int, close: int) -> object:
        """``(rep i32) (dtor corefunc)?`` up to ``close``."""
        if not self.is_open(j, "rep"):
            raise self.unexpected(j)
        if not (self.K[j + 2] == "a" and self.T[j + 2] == "i32"):
            raise self.unexpected(j + 2)
        j = self.expect_close(j + 3)
        dtor = b"\x00"
        if self.is_open(j, "dtor"):
            f, k = self.core_item_ref(j + 2, "core func", self.M[j])
            dtor = [b"\x01", f]
            j = self.expect_close(k)
        self.expect_at(j, close)
        return [b"\x3f\x7f", dtor]

    def type_scope(self, kind: str, ident: object, j: int, close: int) -> object:
        """A component or instance type: its declarations in a scope of
        their own."""
        scope = self.enter(kind, ident if isinstance(ident, str) else None, j, close)
        try:
            self.type_decls(j, close)
        finally:
            self.leave()
        decls = [[bytes((code,)), node] for code, node in scope.items]
        return [b"\x41" if kind == COMPONENT_TYPE else b"\x42", len(decls), decls]

    def type_decls(self, j: int, close: int) -> None:
        K, T = self.K, self.T
        kind = self.scope.kind
        while j < close:
            if K[j] != "(" or K[j + 1] != "a":
                raise self.unexpected(j + 1 if K[j] == "(" else j)
            kw = T[j + 1]
            if kw == "core" and T[j + 2] == "type" and K[j + 2] == "a":
                self.field_core_type(j)
            elif kw == "type":
                self.field_type(j)
            elif kw == "alias":
                self.field_alias(j)
            elif kw == "export":
                self.decl_extern(j, 0x04)
            elif kw == "import" and kind == COMPONENT_TYPE:
                self.decl_extern(j, 0x03)
            else:
                raise self.unexpected(j + 1)
            j = self.M[j] + 1

    def decl_extern(self, i: int, code: int) -> None:
        """``(import "name" externdesc)`` or ``(export "name" externdesc)``
        (an export inside a type); ``code`` is the section (10, a
        component's imports) or the declaration byte (0x03 import, 0x04
        export)."""
        self.begin()
        name = self.extern_name(i + 2)
        desc, space, ident, j = self.externdesc(i + 3)
        self.expect_close(j)
        self.finish(code, [name, desc], space, ident)

    def extern_name(self, i: int) -> bytes:
        """An import or export name (importname'/exportname': 0x00 and the
        string)."""
        return b"\x00" + name_bytes(self.name(i))

    # ------------------------------------------------------------ extern descriptions

    def externdesc(self, i: int) -> tuple[object, str, object, int]:
        """``(sort $id? ...)`` at ``i``: (parts, index space, id token index
        or None, index after it)."""
        K = self.K
        if K[i] != "(" or K[i + 1] != "a":
            raise self.unexpected(i + 1 if K[i] == "(" else i)
        close = self.M[i]
        word = self.T[i + 1]
        if word == "core":
            if self.T[i + 2] != "module":
                raise self.unexpected(i + 2)
            space, j = "core module", i + 3
        else:
            space, j = SPACE_OF_WORD.get(word), i + 2
            if space is None:
                raise self.unexpected(i + 1)
        ident = None
        if K[j] == "$":
            ident = j
            j += 1
        if space == "core module":
            if self.is_type_use(j):
                idx = self.ref(j + 2, "core type")
                self.expect_at(self.expect_close(j + 3), close)
            else:
                idx = self.inline_module_type(j, close)
            node = [b"\x00\x11", idx]
        elif space == "func":
            node = [b"\x01", self.func_type_use(j, close)]
        elif space in ("component", "instance"):
            if self.is_type_use(j):
                idx = self.ref(j + 2, "type")
                self.expect_at(self.expect_close(j + 3), close)
            else:
                self.begin()
                kind = COMPONENT_TYPE if space == "component" else INSTANCE_TYPE
                idx = self.finish(self.type_code(), self.type_scope(kind, None, j, close), "type")
            node = [b"\x04" if space == "component" else b"\x05", idx]
        elif space == "type":
            node = self.type_bound(j, close)
        else:  # value: wasm-tools writes the value type alone after 0x02
            if self.is_type_use(j):
                t, k = self.ref(j + 2, "type", signed=True), self.expect_close(j + 3)
            else:
                t, k = self.valtype(j)
            self.expect_at(k, close)
            node = [b"\x02", t]
        return node, space, ident, close + 1

    def type_bound(self, j: int, close: int) -> object:
        """``(eq x)`` or ``(sub resource)``."""
        if self.is_open(j, "eq"):
            node = [b"\x03\x00", self.ref(j + 2, "type")]
            self.expect_at(self.expect_close(j + 3), close)
            return node
        if self.is_open(j, "sub"):
            if not (self.K[j + 2] == "a" and self.T[j + 2] == "resource"):
                raise self.unexpected(j + 2)
            self.expect_at(self.expect_close(j + 3), close)
            return b"\x03\x01"
        raise self.unexpected(j)

    def func_type_use(self, j: int, close: int) -> object:
        """``(type x)`` or an inline function type up to ``close``: the type
        index (an inline type becomes a definition of its own)."""
        if self.is_type_use(j):
            idx = self.ref(j + 2, "type")
            self.expect_at(self.expect_close(j + 3), close)
            return idx
        self.begin()
        return self.finish(self.type_code(), self.functype(j, close), "type")

    # ------------------------------------------------------------ item references

    def item_ref(self, j: int, close: int, space: str) -> object:
        """The index inside ``(sort ...)`` from ``j`` to ``close``: ``x``, or
        ``$i "name" ...``, the inline alias of an instance's export (a chain
        of aliases through nested instances)."""
        K = self.K
        if K[j + 1] != "s":
            idx = self.ref(j, space)
            self.expect_at(j + 1, close)
            return idx
        # core items come from core instances, but a core module is a
        # component instance's export
        core = space.startswith("core ") and space != "core module"
        inst = self.ref(j, "core instance" if core else "instance")
        j += 1
        while j < close:
            name = self.name(j)
            last = j + 1 >= close
            target = space if last else ("core instance" if core else "instance")
            self.begin()
            if core:
                node = [SORT_BYTES[target], b"\x01", inst, name_bytes(name)]
            else:
                node = [SORT_BYTES[target], b"\x00", inst, name_bytes(name)]
            inst = self.finish(self.alias_code(), node, target)
            j += 1
        return inst

    def sort_ref(self, j: int) -> tuple[str, object, int]:
        """``(sort x)`` / ``(sort $i "name")`` / ``(core module x)`` at ``j``:
        (index space, sortidx parts, index after it)."""
        K, T = self.K, self.T
        if K[j] != "(" or K[j + 1] != "a":
            raise self.unexpected(j + 1 if K[j] == "(" else j)
        if T[j + 1] == "core":
            space, k = CORE_SPACE_OF_WORD.get(T[j + 2]), j + 3
            if space not in ("core module",):
                raise self.unexpected(j + 2)
        else:
            space, k = SPACE_OF_WORD.get(T[j + 1]), j + 2
            if space is None:
                raise self.unexpected(j + 1)
        close = self.M[j]
        idx = self.item_ref(k, close, space)
        return space, [SORT_BYTES[space], idx], close + 1

    def core_item_ref(self, j: int, space: str,
                      close: Optional[int] = None) -> tuple[object, int]:
        """A core item where the grammar implies its sort: ``x`` or
        ``(core sort x)`` / ``(core sort $i "name")``; (index, next).

        Also the forms wasm-tools reads only with
        WAST_STRICT_COMPONENT_INDICES=0, which Wasmtime's scripts write:
        ``(sort x)`` / ``(sort $i "name")`` without ``core``, and, when the
        reference is all that is left before ``close``, ``$i "name"``
        (``(memory $i "mem")``)."""
        K, T = self.K, self.T
        word = space[5:]
        if K[j] == "(":
            g_close = self.M[j]
            if K[j + 1] == "a" and T[j + 1] == "core" and T[j + 2] == word:
                return self.item_ref(j + 3, g_close, space), g_close + 1
            if K[j + 1] == "a" and T[j + 1] == word:
                return self.item_ref(j + 2, g_close, space), g_close + 1
            raise self.unexpected(j + 1)
        if close is not None and K[j + 1] == "s":
            return self.item_ref(j, close, space), close
        return self.ref(j, space), j + 1

    def component_item_ref(self, j: int, space: str) -> tuple[object, int]:
        """A component item where the grammar implies its sort: ``x`` or
        ``(sort x)`` / ``(sort $i "name")``; (index, next)."""
        K, T = self.K, self.T
        if K[j] == "(":
            if not (K[j + 1] == "a" and T[j + 1] == space):
                raise self.unexpected(j + 1)
            close = self.M[j]
            return self.item_ref(j + 2, close, space), close + 1
        return self.ref(j, space), j + 1
