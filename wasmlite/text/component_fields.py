"""The fields of a component in the text format: core modules, instances
and functions, nested components, instances, aliases, types, canonical
functions, imports, exports and the start function.

A mixin of ``ComponentParser`` (component_parse.py) over ``ParserBase``.
"""
from __future__ import annotations

from typing import Optional

from ..binary.encode import encode_module
from .component_bytes import (SEC_CANON, SEC_COMPONENT, SEC_CORE_INSTANCE, SEC_CORE_MODULE,
                              SEC_EXPORT, SEC_IMPORT, SEC_INSTANCE, SEC_START, SEC_TYPE,
                              SORT_BYTES, Ref, component_parts, name_bytes)
from .component_scope import (COMPONENT, COMPONENT_TYPE, CORE_SPACE_OF_WORD, INSTANCE_TYPE,
                              MODULE_TYPE, last_group)
from .component_typedefs import STRING_ENCODINGS
from .parse import parse_module_tokens

_CANON_BUILTINS = {"resource.new": b"\x02", "resource.drop": b"\x03", "resource.rep": b"\x04"}
# the handler of each field, by its keyword (after ``core`` for core ones)
_FIELDS = {"component": "field_component", "instance": "field_instance",
           "alias": "field_alias", "type": "field_type", "canon": "field_canon",
           "func": "field_func", "import": "field_import", "export": "field_export",
           "start": "field_start"}
_CORE_FIELDS = {"module": "field_core_module", "instance": "field_core_instance",
                "type": "field_core_type", "rec": "field_core_rec", "func": "field_core_func"}


class FieldsMixin:
    """Parsing of a component's fields (see the module docstring)."""

    def component(self, ident: Optional[str], start: int, end: int) -> object:
        """The parts of the component whose fields are ``[start, end)``."""
        scope = self.enter(COMPONENT, ident, start, end)
        try:
            self.fields(start, end)
            for name, space, idx in scope.trailing:
                self.begin()
                self.finish(SEC_EXPORT, [name, SORT_BYTES[space], idx, b"\x00"], space)
        finally:
            self.leave()
        return component_parts(scope)

    def fields(self, i: int, end: int) -> None:
        K, T = self.K, self.T
        while i < end:
            if K[i] != "(":
                raise self.unexpected(i)
            if K[i + 1] != "a":
                raise self.unexpected(i + 1)
            kw = T[i + 1]
            if kw == "core":
                word = T[i + 2] if K[i + 2] == "a" else None
                handler = _CORE_FIELDS.get(word)
                if handler is None:
                    raise self.unexpected(i + 2)
            else:
                handler = _FIELDS.get(kw)
                if handler is None:
                    raise self.unexpected(i + 1)
            getattr(self, handler)(i)
            i = self.M[i] + 1

    def inline_exports(self, j: int) -> tuple[list, int]:
        """``(export "name")*`` at ``j``: the names, and the index after them."""
        names = []
        while self.is_open(j, "export") and self.K[j + 2] == "s" and self.K[j + 3] == ")":
            names.append(self.extern_name(j + 2))
            j = self.expect_close(j + 3)
        return names, j

    def add_trailing(self, names: list, space: str, idx: Optional[int]) -> None:
        for name in names:
            self.scope.trailing.append((name, space, idx))

    def inline_import(self, j: int) -> tuple[Optional[bytes], int]:
        """``(import "name")`` at ``j``: the name, and the index after it
        (an import field, ``(import "name" desc)``, is no such sugar)."""
        if not (self.is_open(j, "import") and self.K[j + 2] == "s" and self.K[j + 3] == ")"):
            return None, j
        name = self.extern_name(j + 2)
        return name, self.expect_close(j + 3)

    def imported(self, imp: object, j: int, close: int, space: str,
                 ident: Optional[int]) -> Optional[int]:
        """The import a core module, component or instance field makes with
        an inline ``(import "name")`` (``imp``): its type a ``(type x)`` use,
        or written in place from ``j`` (then defined just before)."""
        if self.is_type_use(j):
            idx = self.ref(j + 2, "core type" if space == "core module" else "type")
            self.expect_at(self.expect_close(j + 3), close)
        elif space == "core module":
            idx = self.inline_module_type(j, close)
        else:
            self.begin()
            kind = COMPONENT_TYPE if space == "component" else INSTANCE_TYPE
            idx = self.finish(SEC_TYPE, self.type_scope(kind, None, j, close), "type")
        return self.finish(SEC_IMPORT, [imp, SORT_BYTES[space], idx], space, ident)

    # ------------------------------------------------------------ core fields

    def field_core_module(self, i: int) -> None:
        close = self.M[i]
        ident, j = self.opt_ident(i + 3)
        exports, j = self.inline_exports(j)
        imp, j = self.inline_import(j)
        self.begin()
        if imp is not None:
            out = self.imported(imp, j, close, "core module", ident)
        else:
            if self.K[j] == "a" and self.T[j] == "binary":
                data = self.strings(j + 1, close)
            else:
                # with a name section, as wasm-tools writes (backtraces name
                # the module and its functions from it)
                module = parse_module_tokens(self.toks, j, close,
                                             self.T[ident] if ident is not None else None,
                                             names=True)
                data = encode_module(module)
            out = self.finish(SEC_CORE_MODULE, data, "core module", ident)
        self.add_trailing(exports, "core module", out)

    def field_core_instance(self, i: int) -> None:
        close = self.M[i]
        ident, j = self.opt_ident(i + 3)
        self.begin()
        if self.is_open(j, "instantiate"):
            node = self.core_instantiate(j)
            self.expect_at(self.M[j] + 1, close)
        else:
            node = self.core_bundle(j, close)
        self.finish(SEC_CORE_INSTANCE, node, "core instance", ident)

    def core_instantiate(self, j: int) -> object:
        """``(instantiate m (with "name" (instance ...))*)``."""
        close = self.M[j]
        if self.is_open(j + 2, "module"):          # (module $i "name") ...
            module = self.item_ref(j + 4, self.M[j + 2], "core module")
            k = self.M[j + 2] + 1
        else:
            module = self.ref(j + 2, "core module")
            k = j + 3
        args = []
        while self.is_open(k, "with"):
            name = name_bytes(self.name(k + 2))
            g = k + 3
            if not self.is_open(g, "instance"):
                raise self.unexpected(g)
            g_close = self.M[g]
            if self.K[g + 2] in ("$", "a") and g + 3 == g_close:
                idx = self.ref(g + 2, "core instance")
            else:
                self.begin()
                idx = self.finish(SEC_CORE_INSTANCE, self.core_bundle(g + 2, g_close), "core instance")
            args.append([name, b"\x12", idx])
            k = self.expect_close(g_close + 1)
        self.expect_at(k, close)
        return [b"\x00", module, len(args), args]

    def core_bundle(self, j: int, close: int) -> object:
        """``(export "name" (sort x))*``: an instance of the core items named."""
        exports = []
        while j < close:
            if not self.is_open(j, "export"):
                raise self.unexpected(j)
            name = name_bytes(self.name(j + 2))
            g = j + 3
            if self.K[g] != "(" or self.K[g + 1] != "a":
                raise self.unexpected(g)
            space = CORE_SPACE_OF_WORD.get(self.T[g + 1])
            if space is None or space in ("core type", "core module", "core instance"):
                raise self.unexpected(g + 1)
            idx = self.item_ref(g + 2, self.M[g], space)
            exports.append([name, SORT_BYTES[space][1:], idx])
            j = self.expect_close(self.M[g] + 1)
        return [b"\x01", len(exports), exports]

    def field_core_func(self, i: int) -> None:
        """``(core func $id? (canon ...))`` or ``(core func $id? (alias core
        export ...))``."""
        close = self.M[i]
        ident, j = self.opt_ident(i + 3)
        if self.is_open(j, "alias"):
            self.expect_at(self.M[j] + 1, close)
            self.alias_item(j, "core func", ident)
            return
        if not self.is_open(j, "canon"):
            raise self.unexpected(j)
        self.expect_at(self.M[j] + 1, close)
        self.begin()
        node = self.canon_core(j + 2, self.M[j])
        self.finish(SEC_CANON, node, "core func", ident)

    def canon_core(self, j: int, close: int) -> object:
        """``lower f opts`` or a built-in (``resource.new t`` ...) up to
        ``close``: the canon parts of a core function."""
        K, T = self.K, self.T
        if K[j] != "a":
            raise self.unexpected(j)
        kw = T[j]
        if kw == "lower":
            f, k = self.component_item_ref(j + 1, "func")
            opts, k = self.canon_opts(k, close)
            self.expect_at(k, close)
            return [b"\x01\x00", f, opts]
        code = _CANON_BUILTINS.get(kw)
        if code is None:
            raise self.unexpected(j)
        if self.is_open(j + 1, "type"):
            t = self.ref(j + 3, "type")
            k = self.expect_close(j + 4)
        else:
            t, k = self.ref(j + 1, "type"), j + 2
        if code == b"\x03" and K[k] == "a" and T[k] == "async":
            code, k = b"\x07", k + 1
        self.expect_at(k, close)
        return [code, t]

    def canon_opts(self, k: int, close: int) -> tuple[object, int]:
        """Canonical options up to ``close`` (or the ``(func ...)`` /
        ``(core func ...)`` that ends a ``canon`` field)."""
        K, T = self.K, self.T
        opts = []
        while k < close:
            if K[k] == "a" and T[k] in STRING_ENCODINGS:
                opts.append(STRING_ENCODINGS[T[k]])
                k += 1
            elif K[k] == "a" and T[k] == "async":
                opts.append(b"\x06")
                k += 1
            elif self.is_open(k, "memory"):
                idx, g = self.core_item_ref(k + 2, "core memory", self.M[k])
                opts.append([b"\x03", idx])
                k = self.expect_close(g)
            elif K[k] == "(" and K[k + 1] == "a" and T[k + 1] in ("realloc", "post-return",
                                                                   "callback"):
                code = {"realloc": b"\x04", "post-return": b"\x05", "callback": b"\x07"}[T[k + 1]]
                idx, g = self.core_item_ref(k + 2, "core func", self.M[k])
                opts.append([code, idx])
                k = self.expect_close(g)
            else:
                break
        return [len(opts), opts], k

    # ------------------------------------------------------------ component fields

    def field_component(self, i: int) -> None:
        close = self.M[i]
        ident, j = self.opt_ident(i + 2)
        exports, j = self.inline_exports(j)
        imp, j = self.inline_import(j)
        self.begin()
        if imp is not None:
            out = self.imported(imp, j, close, "component", ident)
        else:
            if self.K[j] == "a" and self.T[j] == "binary":
                node = self.strings(j + 1, close)
            else:
                node = self.component(self.T[ident] if ident is not None else None, j, close)
            out = self.finish(SEC_COMPONENT, node, "component", ident)
        self.add_trailing(exports, "component", out)

    def field_instance(self, i: int) -> None:
        close = self.M[i]
        ident, j = self.opt_ident(i + 2)
        exports, j = self.inline_exports(j)
        imp, j = self.inline_import(j)
        if self.is_open(j, "alias") and imp is None:
            self.expect_at(self.M[j] + 1, close)
            self.add_trailing(exports, "instance", self.alias_item(j, "instance", ident))
            return
        self.begin()
        if imp is not None:
            out = self.imported(imp, j, close, "instance", ident)
        elif self.is_open(j, "instantiate"):
            node = self.instantiate(j)
            self.expect_at(self.M[j] + 1, close)
            out = self.finish(SEC_INSTANCE, node, "instance", ident)
        else:
            out = self.finish(SEC_INSTANCE, self.bundle(j, close), "instance", ident)
        self.add_trailing(exports, "instance", out)

    def instantiate(self, j: int) -> object:
        """``(instantiate c (with "name" sortidx)*)``."""
        close = self.M[j]
        comp, k = self.component_item_ref(j + 2, "component")
        args = []
        while self.is_open(k, "with"):
            name = name_bytes(self.name(k + 2))
            g = k + 3
            if self.is_open(g, "instance") and self.is_open(g + 2, "export"):
                self.begin()
                idx = self.finish(SEC_INSTANCE, self.bundle(g + 2, self.M[g]), "instance")
                sortidx, after = [SORT_BYTES["instance"], idx], self.M[g] + 1
            else:
                _space, sortidx, after = self.sort_ref(g)
            args.append([name, sortidx])
            k = self.expect_close(after)
        self.expect_at(k, close)
        return [b"\x00", comp, len(args), args]

    def bundle(self, j: int, close: int) -> object:
        """``(export "name" sortidx)*``: an instance of the items named."""
        exports = []
        while j < close:
            if not self.is_open(j, "export"):
                raise self.unexpected(j)
            name = self.extern_name(j + 2)
            _space, sortidx, k = self.sort_ref(j + 3)
            exports.append([name, sortidx])
            j = self.expect_close(k)
        return [b"\x01", len(exports), exports]

    def field_alias(self, i: int) -> None:
        """``(alias target (sort $id?))`` in a component or a type."""
        close = self.M[i]
        # the (sort $id?) group is the last one of the field
        g = last_group(self.K, self.M, i + 2, close)
        if g is None or self.M[g] != close - 1:
            raise self.unexpected(close if g is None else self.M[g] + 1)
        K, T = self.K, self.T
        if K[g + 1] != "a":
            raise self.unexpected(g + 1)
        if self.scope.kind == MODULE_TYPE:
            space, k = CORE_SPACE_OF_WORD.get(T[g + 1]), g + 2
        elif T[g + 1] == "core":
            space, k = CORE_SPACE_OF_WORD.get(T[g + 2]), g + 3
        else:
            space, k = {"func": "func", "value": "value", "type": "type",
                        "component": "component", "instance": "instance"}.get(T[g + 1]), g + 2
        if space is None:
            raise self.unexpected(g + 1)
        ident, k = self.opt_ident(k)
        self.expect_close(k)
        self.alias_item(i + 2, space, ident, target_end=g)

    def alias_item(self, j: int, space: str, ident: Optional[int],
                   target_end: Optional[int] = None) -> int:
        """The alias whose target starts at ``j`` (``export i "name"``,
        ``core export i "name"``, ``outer c x``), or ``(alias target)`` at
        ``j`` when ``target_end`` is None; returns its index."""
        if target_end is None:
            target_end = self.M[j]
            j += 2
        K, T = self.K, self.T
        self.begin()
        if K[j] == "a" and T[j] == "export":
            inst = self.ref(j + 1, "instance")
            name = name_bytes(self.name(j + 2))
            self.expect_at(j + 3, target_end)
            node = [SORT_BYTES[space], b"\x00", inst, name]
        elif K[j] == "a" and T[j] == "core" and T[j + 1] == "export":
            inst = self.ref(j + 2, "core instance")
            name = name_bytes(self.name(j + 3))
            self.expect_at(j + 4, target_end)
            node = [SORT_BYTES[space], b"\x01", inst, name]
        elif K[j] == "a" and T[j] == "outer":
            node = self.outer_alias(j + 1, space)
            self.expect_at(j + 3, target_end)
        else:
            raise self.unexpected(j)
        return self.finish(self.alias_code(), node, space, ident)

    def outer_alias(self, j: int, space: str) -> object:
        """``outer c x``: ``c`` a number of scopes out or a scope's ``$id``."""
        K, T = self.K, self.T
        if K[j] == "a" and K[j + 1] == "a":
            # both numbers: written as they are (the validator judges them)
            depth, idx = self.u32(j), self.u32(j + 1)
            if self.scope.kind == MODULE_TYPE:
                return [SORT_BYTES[space][1:], b"\x01", depth, idx]
            return [SORT_BYTES[space], b"\x02", depth, idx]
        if K[j] == "$":
            depth, outer = 0, self.scope
            while outer is not None and outer.id != T[j]:
                outer, depth = outer.parent, depth + 1
            if outer is None:
                raise self.error(j, f"outer component {T[j]} not found")
        else:
            depth = self.u32(j)
            outer = self.scope
            for _ in range(depth):
                outer = outer.parent if outer is not None else None
            if outer is None:
                raise self.error(j, f"outer count of {depth} is too large")
        if K[j + 1] == "$":
            if T[j + 1] not in outer.declared[space]:
                raise self.error(j + 1, f"unknown {space} {T[j + 1]}")
            idx = Ref(outer, space, T[j + 1], j + 1)
        else:
            idx = self.u32(j + 1)
        if self.scope.kind == MODULE_TYPE:
            return [SORT_BYTES[space][1:], b"\x01", depth, idx]
        return [SORT_BYTES[space], b"\x02", depth, idx]

    def field_type(self, i: int) -> None:
        """``(type $id? (export "name")* deftype)``."""
        close = self.M[i]
        ident, j = self.opt_ident(i + 2)
        exports, j = self.inline_exports(j)
        if exports and self.scope.kind != COMPONENT:
            raise self.unexpected(i + 2)
        self.begin()
        node = self.deftype(j, self.T[ident] if ident is not None else None)
        self.expect_at(j + 1 if self.K[j] == "a" else self.M[j] + 1, close)
        out = self.finish(self.type_code(), node, "type", ident)
        self.add_trailing(exports, "type", out)

    def field_canon(self, i: int) -> None:
        """``(canon lift f opts (func $id? typeuse))``, ``(canon lower f opts
        (core func $id?))``, ``(canon resource.new t (core func $id?))`` ..."""
        close = self.M[i]
        g = last_group(self.K, self.M, i + 2, close)
        if g is None or self.M[g] != close - 1:
            raise self.unexpected(close if g is None else self.M[g] + 1)
        K, T = self.K, self.T
        if K[i + 2] == "a" and T[i + 2] == "lift":
            if not self.is_open(g, "func"):
                raise self.unexpected(g)
            ident, k = self.opt_ident(g + 2)
            self.begin()
            f, j = self.core_item_ref(i + 3, "core func")
            opts, j = self.canon_opts(j, g)
            self.expect_at(j, g)
            ty = self.func_type_use(k, self.M[g])
            self.finish(SEC_CANON, [b"\x00\x00", f, opts, ty], "func", ident)
            return
        if not (self.is_open(g, "core") and T[g + 2] == "func"):
            raise self.unexpected(g)
        ident, k = self.opt_ident(g + 3)
        self.expect_close(k)
        self.begin()
        node = self.canon_core(i + 2, g)
        self.finish(SEC_CANON, node, "core func", ident)

    def field_func(self, i: int) -> None:
        """``(func $id? (export "name")* ...)``: an import, an alias, or a
        lifted core function."""
        close = self.M[i]
        ident, j = self.opt_ident(i + 2)
        exports, j = self.inline_exports(j)
        imp, j = self.inline_import(j)
        if imp is not None:
            self.begin()
            ty = self.func_type_use(j, close)
            out = self.finish(SEC_IMPORT, [imp, b"\x01", ty], "func", ident)
        elif self.is_open(j, "alias"):
            self.expect_at(self.M[j] + 1, close)
            out = self.alias_item(j, "func", ident)
        else:
            # typeuse, then (canon lift ...) as the last group
            g = last_group(self.K, self.M, j, close)
            if g is None or not (self.is_open(g, "canon") and self.M[g] == close - 1):
                raise self.unexpected(j if g is None else g)
            if not (self.K[g + 2] == "a" and self.T[g + 2] == "lift"):
                raise self.unexpected(g + 2)
            self.begin()
            ty = self.func_type_use(j, g)
            f, k = self.core_item_ref(g + 3, "core func")
            opts, k = self.canon_opts(k, self.M[g])
            self.expect_at(k, self.M[g])
            out = self.finish(SEC_CANON, [b"\x00\x00", f, opts, ty], "func", ident)
        self.add_trailing(exports, "func", out)

    def field_import(self, i: int) -> None:
        self.decl_extern(i, SEC_IMPORT)

    def field_export(self, i: int) -> None:
        """``(export $id? "name" sortidx externdesc?)``."""
        close = self.M[i]
        ident, j = self.opt_ident(i + 2)
        self.begin()
        name = self.extern_name(j)
        space, sortidx, j = self.sort_ref(j + 1)
        ascribed = b"\x00"
        if j < close:
            desc, _space, _ident, j = self.externdesc(j)
            ascribed = [b"\x01", desc]
        self.expect_at(j, close)
        self.finish(SEC_EXPORT, [name, sortidx, ascribed], space, ident)

    def field_start(self, i: int) -> None:
        """``(start f (value v)* (result (value $id?))*)``."""
        close = self.M[i]
        self.begin()
        f = self.ref(i + 2, "func")
        j = i + 3
        args = []
        while self.is_open(j, "value"):
            v, k = self.component_item_ref(j, "value")
            args.append(v)
            j = k
        results = []
        while self.is_open(j, "result"):
            if not self.is_open(j + 2, "value"):
                raise self.unexpected(j + 2)
            ident, k = self.opt_ident(j + 4)
            k = self.expect_close(k)
            results.append(ident)
            j = self.expect_close(k)
        self.expect_at(j, close)
        self.finish(SEC_START, [f, len(args), args, len(results)])
        for ident in results:
            # (wasm-tools gives a start result's $id no entry in the name section)
            self.bind("value", ident, named=False)
