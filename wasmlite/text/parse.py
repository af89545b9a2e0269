"""WAT text → ``syntax.Module``.

Two passes over the fields of one module, like the spec's identifier
contexts: the first pass registers every ``$id`` (and parses explicit
``type`` definitions, which reference nothing), the second builds each field
in text order, resolving names and creating the implicit types of inline
type uses at the end of the type list, as the spec prescribes.

Function bodies are parsed by ``body.py`` into flat instruction lists.
"""
from __future__ import annotations

from typing import Optional

from ..errors import TextParseError
from ..syntax import instructions as ins
from ..syntax.module import (Data, Elem, Export, Func, Global, Import, Instr,
                             Module)
from ..syntax.types import (EXNREF, EXTERNREF, FUNCREF, NULLEXNREF, FUNCREF_NON_NULL, HEAP_CODES,
                            VALTYPE_BY_NAME, ExternKind,
                            FuncType, GlobalType, Limits, MemoryType, PACKED_BY_NAME,
                            ArrayType, FieldType, StructType, SubType,
                            TableType, ValType, PAGE_SIZE, ref_type)
from .body import BodyParser
from .keywords import is_known_word
from .lexer import (Tokens, reserved_message,
                    tokenize)
from .numbers import parse_nat
from .token_reader import TokenReader

_KIND_BY_WORD = {"func": ExternKind.FUNC, "table": ExternKind.TABLE,
                 "memory": ExternKind.MEMORY, "global": ExternKind.GLOBAL,
                 "tag": ExternKind.TAG}
_KIND_NOUN = {ExternKind.FUNC: "function", ExternKind.TABLE: "table",
              ExternKind.MEMORY: "memory", ExternKind.GLOBAL: "global",
              ExternKind.TAG: "tag"}
_REFTYPES = {"funcref": FUNCREF, "externref": EXTERNREF, "exnref": EXNREF,
             # the bottom types' shorthands: (ref null nofunc), (ref null
             # noextern), (ref null noexn)
             "nullfuncref": ref_type("nofunc"), "nullexternref": ref_type("noextern"),
             "nullexnref": NULLEXNREF,
             # Wasm GC's
             "anyref": ref_type("any"), "eqref": ref_type("eq"), "i31ref": ref_type("i31"),
             "structref": ref_type("struct"), "arrayref": ref_type("array"),
             "nullref": ref_type("none")}
_U32_MAX = 0xFFFFFFFF


class Space:
    """One index space: names bound so far and the next index."""

    __slots__ = ("word", "what", "names", "count")

    def __init__(self, word: str, what: str) -> None:
        self.word = word          # keyword, as in "duplicate func $f"
        self.what = what          # noun, as in "unknown function $f"
        self.names: dict[str, int] = {}
        self.count = 0


class ModuleParser(BodyParser, TokenReader):
    """Parses the module fields in tokens ``[start, end)``."""

    u32_range_message = "i32 constant out of range"

    def __init__(self, toks: Tokens, start: int, end: int) -> None:
        self.toks = toks
        self.K = toks.kind
        self.T = toks.text
        self.M = toks.match
        self.start = start
        self.end = end
        self.module = Module()
        self.types: list[FuncType] = self.module.types
        self.type_index: dict[FuncType, int] = {}
        self.spaces = {w: Space(w, what) for w, what in (
            ("type", "type"), ("func", "function"), ("table", "table"),
            ("memory", "memory"), ("global", "global"), ("tag", "tag"),
            ("elem", "elem segment"), ("data", "data segment"))}
        self.uses_data_count = False
        # struct field names per type index ((field $x t)): struct.get $t $x
        self.field_names: dict[int, dict[str, int]] = {}
        # the type and rec fields, parsed once every type name is bound (a
        # rec group's types may name later ones)
        self.type_fields: list[int] = []
        self.n_imports = {k: 0 for k in ExternKind}
        self.scan_error: Optional[TextParseError] = None

    # ------------------------------------------------------------ errors

    def unexpected(self, i: int, limit: Optional[int] = None) -> TextParseError:
        """The error for a token the grammar does not allow at ``i``."""
        if i >= len(self.toks.pos) or (limit is not None and i >= limit):
            return self.error(i, "unexpected end")
        k, t = self.K[i], self.T[i]
        if k == "r":
            return self.error(i, reserved_message(t))
        if k == "a" and not is_known_word(t):
            return self.error(i, f"unknown operator {t}")
        return self.error(i, f"unexpected token {t}")

    # ------------------------------------------------------------ small pieces

    def opt_id(self, i: int) -> tuple[Optional[str], int]:
        if self.K[i] == "$":
            return self.T[i], i + 1
        return None, i

    def bind(self, space: Space, name: Optional[str], i: int) -> int:
        """Give the next index of ``space`` to ``name``; return the index."""
        idx = space.count
        if name is not None:
            if name in space.names:
                raise self.error(i, f"duplicate {space.word} {name}")
            space.names[name] = idx
        space.count += 1
        return idx

    def index(self, i: int, space: Space) -> int:
        """An index or ``$name`` reference into ``space`` at token ``i``."""
        k = self.K[i]
        if k == "$":
            idx = space.names.get(self.T[i])
            if idx is None:
                raise self.error(i, f"unknown {space.what} {self.T[i]}")
            return idx
        if k == "a":
            v = parse_nat(self.T[i])
            if v is not None:
                if v > _U32_MAX:
                    raise self.error(i, self.u32_range_message)
                return v
        raise self.unexpected(i)

    def valtype(self, i: int) -> ValType:
        t = VALTYPE_BY_NAME.get(self.T[i]) or _REFTYPES.get(self.T[i]) if self.K[i] == "a" else None
        if t is None:
            raise self.unexpected(i)
        return t

    def reftype(self, i: int) -> ValType:
        t = _REFTYPES.get(self.T[i]) if self.K[i] == "a" else None
        if t is None:
            raise self.unexpected(i)
        return t

    def is_valtype(self, i: int) -> bool:
        """A value type starts at ``i``: a keyword or ``(ref ...)``."""
        return self.K[i] == "a" or self.is_open(i, "ref")

    def heaptype(self, i: int) -> object:
        """``func`` / ``extern`` / ``nofunc`` / ``noextern`` / ``exn`` /
        ``noexn`` or a type index."""
        if self.K[i] == "a" and self.T[i] in HEAP_CODES:
            return self.T[i]
        return self.index(i, self.spaces["type"])

    def valtype_at(self, i: int) -> tuple[ValType, int]:
        """A value type at ``i`` (one token, or ``(ref null? ht)``) and the
        index after it."""
        if self.is_open(i, "ref"):
            j = i + 2
            nullable = self.K[j] == "a" and self.T[j] == "null"
            if nullable:
                j += 1
            heap = self.heaptype(j)
            return ref_type(heap, nullable), self.expect_close(j + 1)
        return self.valtype(i), i + 1

    def reftype_at(self, i: int) -> tuple[ValType, int]:
        if self.is_open(i, "ref"):
            return self.valtype_at(i)
        return self.reftype(i), i + 1

    def is_reftype(self, i: int) -> bool:
        return (self.K[i] == "a" and self.T[i] in _REFTYPES) or self.is_open(i, "ref")

    def valtypes(self, j: int, out: list) -> int:
        """Value types from ``j`` up to the next ``)``, appended to ``out``."""
        while self.is_valtype(j):
            t, j = self.valtype_at(j)
            out.append(t)
        return j

    def limits(self, i: int, is64: bool = False) -> tuple[Limits, int]:
        """``min max?``: u32s, or u64s for a 64-bit index type."""
        read = self.u64 if is64 else self.u32
        lo = read(i)
        i += 1
        hi = None
        if self.K[i] == "a" and parse_nat(self.T[i]) is not None:
            hi = read(i)
            i += 1
        return Limits(lo, hi), i

    def u64(self, i: int) -> int:
        v = parse_nat(self.T[i]) if self.K[i] == "a" else None
        if v is None:
            raise self.unexpected(i)
        if v > 0xFFFF_FFFF_FFFF_FFFF:
            raise self.error(i, "i64 constant out of range")
        return v

    def page_size(self, i: int) -> tuple[Optional[int], int]:
        """An optional ``(pagesize N)`` (custom-page-sizes): log2 of N
        (None without one). N must be 1 or 65536."""
        if not self.is_open(i, "pagesize"):
            return None, i
        n = parse_nat(self.T[i + 2]) if self.K[i + 2] == "a" else None
        if n is None:
            raise self.unexpected(i + 2)
        if n <= 0 or n & (n - 1) or n.bit_length() - 1 not in (0, 16):
            raise self.error(i + 2, "invalid custom page size")
        return n.bit_length() - 1, self.expect_close(i + 3)

    def address_type(self, i: int) -> tuple[bool, int]:
        """An optional ``i32`` / ``i64`` before limits (memory64): is it 64-bit."""
        if self.K[i] == "a" and self.T[i] in ("i32", "i64"):
            return self.T[i] == "i64", i + 1
        return False, i

    # ------------------------------------------------------------ types

    def intern_type(self, ft: FuncType) -> int:
        """Index of the first type equal to ``ft``; appended if none."""
        idx = self.type_index.get(ft)
        if idx is None:
            idx = len(self.types)
            self.types.append(ft)
            self.type_index[ft] = idx
        return idx

    def func_type(self, i: int, allow_names: bool = True
                  ) -> tuple[list[ValType], list[ValType], list[Optional[str]], int]:
        """``(param ...)* (result ...)*`` from ``i``: params, results, param
        names (None where unnamed) and the index after them."""
        K, T = self.K, self.T
        params: list[ValType] = []
        names: list[Optional[str]] = []
        results: list[ValType] = []
        while K[i] == "(" and T[i + 1] == "param":
            j = i + 2
            if K[j] == "$":
                if not allow_names:
                    raise self.unexpected(j)
                names.append(T[j])
                t, j = self.valtype_at(j + 1)
                params.append(t)
            else:
                n = len(params)
                j = self.valtypes(j, params)
                names += [None] * (len(params) - n)
            i = self.expect_close(j)
        while K[i] == "(" and T[i + 1] == "result":
            i = self.expect_close(self.valtypes(i + 2, results))
        if self.is_open(i, "param"):            # params must come first
            raise self.unexpected(i + 1)
        return params, results, names, i

    def type_use(self, i: int, allow_names: bool = True
                 ) -> tuple[int, int, list[Optional[str]], int]:
        """A type use: (type index, number of params, param names, next i).

        With both ``(type x)`` and inline declarations they must agree
        ("inline function type"); without ``(type x)`` the inline type is
        looked up or appended to the type list."""
        explicit = None
        if self.is_open(i, "type"):
            explicit = self.index(i + 2, self.spaces["type"])
            i = self.expect_close(i + 3)
        at = i
        params, results, names, i = self.func_type(i, allow_names)
        if explicit is None:
            return self.intern_type(FuncType(tuple(params), tuple(results))), len(params), names, i
        if explicit < len(self.types) and type(self.types[explicit]) is not FuncType:
            # (a struct or array type: the validator says it is no function type)
            return explicit, 0, [], i
        if explicit < len(self.types):
            declared = self.types[explicit]
            if i != at:
                if declared != FuncType(tuple(params), tuple(results)):
                    raise self.error(at, "inline function type")
            else:
                names = [None] * len(declared.params)
            return explicit, len(declared.params), names, i
        if i != at:       # inline types cannot be checked against nothing
            raise self.error(at - 2, f"unknown type {explicit}")
        # unknown numeric type index: the validator reports it
        return explicit, len(params), names, i

    def add_import(self, imp: Import) -> None:
        self.module.imports.append(imp)
        self.n_imports[imp.kind] += 1

    # ------------------------------------------------------------ pass 1

    def scan(self) -> list[tuple[str, int]]:
        """Register every field's ``$id``; parse explicit types. Returns the
        fields as (keyword, index of their '(') in text order."""
        fields: list[tuple[str, int]] = []
        try:
            self.scan_fields(fields, self.start)
            self.parse_types()
        except TextParseError as e:
            # report it after the fields before it, so errors come in text order
            self.scan_error = e
        return fields

    def scan_fields(self, fields: list, i: int) -> None:
        K, T, M = self.K, self.T, self.M
        first_def: Optional[ExternKind] = None
        while i < self.end:
            if K[i] != "(":
                raise self.unexpected(i)
            if K[i + 1] != "a":
                raise self.unexpected(i + 1)
            kw = T[i + 1]
            close = M[i]
            if kw == "type" or kw == "rec":
                self.scan_type(i)
            elif kw in _KIND_BY_WORD:
                kind = _KIND_BY_WORD[kw]
                name, j = self.opt_id(i + 2)
                while self.is_open(j, "export"):
                    j = M[j] + 1
                if self.is_open(j, "import"):
                    if first_def is not None:
                        raise self.error(i, f"import after {_KIND_NOUN[first_def]}")
                elif first_def is None:
                    first_def = kind
                self.bind(self.spaces[kw], name, i + 2)
            elif kw == "import":
                j = i + 2
                while j < close and K[j] == "s":
                    j += 1
                if j > i + 4:       # (import "module" "name" desc): two names
                    raise self.unexpected(i + 4)
                if K[j] != "(" or T[j + 1] not in _KIND_BY_WORD:
                    raise self.unexpected(j + 1 if K[j] == "(" else j)
                if first_def is not None:
                    raise self.error(i, f"import after {_KIND_NOUN[first_def]}")
                name, _ = self.opt_id(j + 2)
                self.bind(self.spaces[T[j + 1]], name, j + 2)
            elif kw in ("elem", "data"):
                name, _ = self.opt_id(i + 2)
                self.bind(self.spaces[kw], name, i + 2)
            elif kw not in ("export", "start"):
                raise self.unexpected(i + 1)
            fields.append((kw, i))
            i = close + 1

    def scan_type(self, i: int) -> None:
        """Bind the name of a ``type`` field, or of each type of a ``rec``
        field; the types are parsed by ``parse_types``."""
        T, M = self.T, self.M
        self.type_fields.append(i)
        if T[i + 1] == "rec":
            j = i + 2
            while self.is_open(j, "type"):
                name, _ = self.opt_id(j + 2)
                self.bind(self.spaces["type"], name, j + 2)
                j = M[j] + 1
            self.expect_close(j)
            return
        name, _ = self.opt_id(i + 2)
        self.bind(self.spaces["type"], name, i + 2)

    def parse_types(self) -> None:
        m = self.module
        for i in self.type_fields:
            if self.T[i + 1] == "rec":
                start = len(self.types)
                j = i + 2
                while self.is_open(j, "type"):
                    j = self.type_def(j, True)
                m.rec_groups.append((start, len(self.types) - start))
                t = self.types[start] if len(self.types) == start + 1 else None
                if type(t) is FuncType and start not in m.subtypes:
                    # (rec (type (func ...))) is the plain type: named by type uses
                    self.type_index.setdefault(t, start)
            else:
                self.type_def(i, False)

    def type_def(self, i: int, in_rec: bool) -> int:
        """``(type $id? subtype)`` at ``i``; returns the index after it."""
        K, T = self.K, self.T
        idx = len(self.types)
        _name, j = self.opt_id(i + 2)
        sub = None
        if self.is_open(j, "sub"):
            k = j + 2
            final = K[k] == "a" and T[k] == "final"
            if final:
                k += 1
            sup = None
            if self.is_index(k):
                sup = self.index(k, self.spaces["type"])
                k += 1
            sub = SubType(final, sup)
            t, k = self.comp_type(k, idx)
            j = self.expect_close(k)
        else:
            t, j = self.comp_type(j, idx)
        end = self.expect_close(j)
        if sub is not None and sub != SubType():
            self.module.subtypes[idx] = sub
        elif type(t) is FuncType and not in_rec:
            # a plain function type: what an inline type use may name
            self.type_index.setdefault(t, idx)
        self.types.append(t)
        return end

    def comp_type(self, j: int, idx: int):
        """``(func ...)``, ``(struct ...)`` or ``(array ...)`` at ``j``: the
        composite type and the index after it."""
        K, T = self.K, self.T
        if self.is_open(j, "func"):
            k = j + 2
            if K[k] == "$":       # (func $name ...) is allowed and ignored
                k += 1
            params, results, _, k = self.func_type(k)
            return FuncType(tuple(params), tuple(results)), self.expect_close(k)
        if self.is_open(j, "struct"):
            k = j + 2
            fields: list[FieldType] = []
            names: dict[str, int] = {}
            while self.is_open(k, "field"):
                k += 2
                if K[k] == "$":
                    if T[k] in names:
                        raise self.error(k, f"duplicate field {T[k]}")
                    names[T[k]] = len(fields)
                    f, k = self.field_type(k + 1)
                    fields.append(f)
                else:
                    while K[k] != ")":
                        f, k = self.field_type(k)
                        fields.append(f)
                k = self.expect_close(k)
            if names:
                self.field_names[idx] = names
            return StructType(tuple(fields)), self.expect_close(k)
        if self.is_open(j, "array"):
            f, k = self.field_type(j + 2)
            return ArrayType(f), self.expect_close(k)
        raise self.unexpected(j + 1 if self.K[j] == "(" else j)

    def field_type(self, k: int) -> tuple[FieldType, int]:
        """``storagetype`` or ``(mut storagetype)``."""
        if self.is_open(k, "mut"):
            st, k = self.storage_type(k + 2)
            return FieldType(st, True), self.expect_close(k)
        st, k = self.storage_type(k)
        return FieldType(st, False), k

    def storage_type(self, k: int):
        if self.K[k] == "a" and self.T[k] in PACKED_BY_NAME:
            return PACKED_BY_NAME[self.T[k]], k + 1
        return self.valtype_at(k)

    # ------------------------------------------------------------ pass 2

    def parse(self) -> Module:
        fields = self.scan()
        # explicit types were appended during the scan; nothing new yet
        handlers = {"import": self.field_import, "func": self.field_func,
                    "table": self.field_table, "memory": self.field_memory,
                    "global": self.field_global, "export": self.field_export,
                    "start": self.field_start, "elem": self.field_elem,
                    "data": self.field_data, "tag": self.field_tag}
        for kw, i in fields:
            if kw != "type" and kw != "rec":
                handlers[kw](i)
        if self.scan_error is not None:
            raise self.scan_error
        if self.uses_data_count:
            self.module.data_count = len(self.module.datas)
        return self.module

    def inline_exports(self, i: int, kind: ExternKind, idx: int) -> int:
        while self.is_open(i, "export"):
            name = self.name(i + 2)
            self.module.exports.append(Export(name, kind, idx))
            i = self.expect_close(i + 3)
        return i

    def inline_import(self, i: int) -> tuple[Optional[tuple[str, str]], int]:
        if not self.is_open(i, "import"):
            return None, i
        mod = self.name(i + 2)
        nm = self.name(i + 3)
        return (mod, nm), self.expect_close(i + 4)

    def field_import(self, i: int) -> None:
        mod = self.name(i + 2)
        nm = self.name(i + 3)
        j = i + 4
        kw = self.T[j + 1]
        kind = _KIND_BY_WORD[kw]
        _, k = self.opt_id(j + 2)
        desc, k = self.import_desc(kind, k)
        k = self.expect_close(k)
        self.expect_close(k)
        self.add_import(Import(mod, nm, kind, desc))

    def import_desc(self, kind: ExternKind, i: int):
        if kind == ExternKind.FUNC or kind == ExternKind.TAG:
            tidx, _, _, i = self.type_use(i)
            return tidx, i
        if kind == ExternKind.TABLE:
            is64, i = self.address_type(i)
            # (3.0 reads a 32-bit table's limits as u64s too: validation says
            # "table size"; 2.0 asserts "i32 constant out of range")
            lim, i = self.limits(i, is64 or not self.offset32)
            et, i = self.reftype_at(i)
            return TableType(et, lim, is64), i
        if kind == ExternKind.MEMORY:
            is64, i = self.address_type(i)
            # (3.0 reads a 32-bit memory's limits as u64s too: validation
            # says "memory size"; 2.0 asserts "i32 constant out of range")
            lim, i = self.limits(i, is64 or not self.offset32)
            log2, i = self.page_size(i)
            return MemoryType(lim, is64, page_size_log2=16 if log2 is None else log2), i
        gt, i = self.global_type(i)
        return gt, i

    def global_type(self, i: int) -> tuple[GlobalType, int]:
        if self.is_open(i, "mut"):
            t, j = self.valtype_at(i + 2)
            return GlobalType(t, True), self.expect_close(j)
        t, i = self.valtype_at(i)
        return GlobalType(t, False), i

    def field_func(self, i: int) -> None:
        close = self.M[i]
        _, j = self.opt_id(i + 2)
        idx = self.n_imports[ExternKind.FUNC] + len(self.module.funcs)
        j = self.inline_exports(j, ExternKind.FUNC, idx)
        imp, j = self.inline_import(j)
        if imp is not None:
            tidx, _, _, j = self.type_use(j)
            self.expect_close(j)
            self.add_import(Import(imp[0], imp[1], ExternKind.FUNC, tidx))
            return
        tidx, nparams, pnames, j = self.type_use(j)
        local_names: dict[str, int] = {}
        for n, pname in enumerate(pnames):
            if pname is not None:
                if pname in local_names:
                    raise self.error(j, f"duplicate local {pname}")
                local_names[pname] = n
        locals_: list[ValType] = []
        K, T = self.K, self.T
        while K[j] == "(" and T[j + 1] == "local":
            k = j + 2
            if K[k] == "$":
                if T[k] in local_names:
                    raise self.error(k, f"duplicate local {T[k]}")
                local_names[T[k]] = nparams + len(locals_)
                t, k = self.valtype_at(k + 1)
                locals_.append(t)
            else:
                k = self.valtypes(k, locals_)
            j = self.expect_close(k)
        body = self.parse_body(j, close, local_names)
        self.module.funcs.append(Func(tidx, locals_, body))

    def field_tag(self, i: int) -> None:
        """``(tag $id? (export ..)* (import ..)? typeuse)``: a tag's type is
        a function type (validation requires it to have no results)."""
        _, j = self.opt_id(i + 2)
        idx = self.n_imports[ExternKind.TAG] + len(self.module.tags)
        j = self.inline_exports(j, ExternKind.TAG, idx)
        imp, j = self.inline_import(j)
        tidx, _, _, j = self.type_use(j)
        self.expect_close(j)
        if imp is not None:
            self.add_import(Import(imp[0], imp[1], ExternKind.TAG, tidx))
        else:
            self.module.tags.append(tidx)

    def field_table(self, i: int) -> None:
        close = self.M[i]
        _, j = self.opt_id(i + 2)
        idx = self.n_imports[ExternKind.TABLE] + len(self.module.tables)
        j = self.inline_exports(j, ExternKind.TABLE, idx)
        imp, j = self.inline_import(j)
        is64, j = self.address_type(j)
        if self.is_reftype(j):
            # (table reftype (elem ...)): size from the element list
            et, j = self.reftype_at(j)
            j -= 1      # (the element list starts right after the type)
            if not self.is_open(j + 1, "elem"):
                raise self.unexpected(j + 1)
            # function indices into a funcref table: a segment of (ref func),
            # as (elem func ...) (and as wat2wasm encodes it); into a typed
            # table, of the table's type
            bare = self.K[j + 3] != "("
            seg_type = FUNCREF_NON_NULL if bare and et is FUNCREF else et
            inits, _ = self.elem_list(j + 3, self.M[j + 1], et, allow_bare=True)
            self.expect_close(self.M[j + 1] + 1)
            n = len(inits)
            self.module.tables.append(TableType(et, Limits(n, n), is64))
            offset = [Instr(ins.OP_BY_NAME["i64.const"] if is64 else ins.I32_CONST, 0),
                      Instr(ins.END)]
            self.module.elems.append(Elem(seg_type, inits, "active", idx, offset))
            return
        lim, j = self.limits(j, is64 or not self.offset32)
        et, j = self.reftype_at(j)
        tt = TableType(et, lim, is64)
        if imp is not None:
            self.expect_close(j)
            self.add_import(Import(imp[0], imp[1], ExternKind.TABLE, tt))
        else:
            if j < close:
                # Wasm 3.0: an initializer expression for every element
                self.module.table_inits[len(self.module.tables)] = self.parse_expr(j, close)
            self.module.tables.append(tt)

    def field_memory(self, i: int) -> None:
        _, j = self.opt_id(i + 2)
        idx = self.n_imports[ExternKind.MEMORY] + len(self.module.mems)
        j = self.inline_exports(j, ExternKind.MEMORY, idx)
        imp, j = self.inline_import(j)
        is64, j = self.address_type(j)
        log2, j = self.page_size(j)
        if imp is None and self.is_open(j, "data"):
            log2 = 16 if log2 is None else log2
            data = bytearray()
            k = j + 2
            while self.K[k] == "s":
                data += self.string(k)
                k += 1
            k = self.expect_close(k)
            self.expect_close(k)
            size = 1 << log2
            pages = (len(data) + size - 1) // size
            self.module.mems.append(MemoryType(Limits(pages, pages), is64, page_size_log2=log2))
            offset = [Instr(ins.OP_BY_NAME["i64.const"] if is64 else ins.I32_CONST, 0), Instr(ins.END)]
            self.module.datas.append(Data(bytes(data), "active", idx, offset))
            return
        if log2 is not None:
            raise self.unexpected(j)     # (pagesize) comes after the limits
        lim, j = self.limits(j, is64 or not self.offset32)
        log2, j = self.page_size(j)
        self.expect_close(j)
        mt = MemoryType(lim, is64, page_size_log2=16 if log2 is None else log2)
        if imp is not None:
            self.add_import(Import(imp[0], imp[1], ExternKind.MEMORY, mt))
        else:
            self.module.mems.append(mt)

    def field_global(self, i: int) -> None:
        close = self.M[i]
        _, j = self.opt_id(i + 2)
        idx = self.n_imports[ExternKind.GLOBAL] + len(self.module.globals)
        j = self.inline_exports(j, ExternKind.GLOBAL, idx)
        imp, j = self.inline_import(j)
        gt, j = self.global_type(j)
        if imp is not None:
            self.expect_close(j)
            self.add_import(Import(imp[0], imp[1], ExternKind.GLOBAL, gt))
            return
        self.module.globals.append(Global(gt, self.parse_expr(j, close)))

    def field_export(self, i: int) -> None:
        name = self.name(i + 2)
        j = i + 3
        if self.K[j] != "(" or self.T[j + 1] not in _KIND_BY_WORD:
            raise self.unexpected(j + 1 if self.K[j] == "(" else j)
        kw = self.T[j + 1]
        idx = self.index(j + 2, self.spaces[kw])
        k = self.expect_close(j + 3)
        self.expect_close(k)
        self.module.exports.append(Export(name, _KIND_BY_WORD[kw], idx))

    def field_start(self, i: int) -> None:
        if self.module.start is not None:
            raise self.error(i, "multiple start sections")
        self.module.start = self.index(i + 2, self.spaces["func"])
        self.expect_close(i + 3)

    def offset_expr(self, i: int) -> tuple[list[Instr], int]:
        """``(offset instr*)`` or one folded instruction; returns after it."""
        close = self.M[i]
        if self.T[i + 1] == "offset" and self.K[i + 1] == "a":
            return self.parse_expr(i + 2, close), close + 1
        return self.parse_expr(i, close + 1), close + 1

    def field_elem(self, i: int) -> None:
        close = self.M[i]
        K, T = self.K, self.T
        _, j = self.opt_id(i + 2)
        mode, table, offset = "passive", 0, None
        if K[j] == "a" and T[j] == "declare":
            mode = "declarative"
            j += 1
        else:
            if self.is_open(j, "table"):
                table = self.index(j + 2, self.spaces["table"])
                j = self.expect_close(j + 3)
                if K[j] != "(":
                    raise self.unexpected(j)
            elif self.is_index(j) and K[j + 1] == "(":
                table = self.index(j, self.spaces["table"])   # legacy `elem 0 (offset)`
                j += 1
            if K[j] == "(" and not self.is_open(j, "ref"):     # (ref ...): the type
                offset, j = self.offset_expr(j)
                mode = "active"
        et = FUNCREF
        form = None
        if self.is_reftype(j):
            et, j = self.reftype_at(j)
            inits, j = self.elem_list(j, close, et, allow_bare=False)
            # expressions, as written (the binary flags with bit 2 set)
            form = {"passive": 5, "declarative": 7}.get(
                mode, 4 if table == 0 and et is FUNCREF else 6)
        elif K[j] == "a" and T[j] == "func":
            # function indices: Wasm 3.0 types the segment (ref func)
            et = FUNCREF_NON_NULL
            inits, j = self.elem_list(j + 1, close, et, allow_bare=True, only_bare=True)
        elif mode == "active":
            et = FUNCREF_NON_NULL
            inits, j = self.elem_list(j, close, et, allow_bare=True, only_bare=True)
        else:
            raise self.unexpected(j)
        self.expect_close(j)
        self.module.elems.append(Elem(et, inits, mode, table, offset, form=form))

    def elem_list(self, i: int, close: int, et: ValType, allow_bare: bool,
                  only_bare: bool = False) -> tuple[list[list[Instr]], int]:
        """Element initializers up to ``close``: function indices (when
        ``allow_bare``) or ``(item instr*)`` / single folded instructions."""
        K = self.K
        inits: list[list[Instr]] = []
        funcs = self.spaces["func"]
        end = Instr(ins.END)
        while i < close:
            if K[i] == "(" and not only_bare:
                c = self.M[i]
                if self.T[i + 1] == "item" and K[i + 1] == "a":
                    inits.append(self.parse_expr(i + 2, c))
                else:
                    inits.append(self.parse_expr(i, c + 1))
                i = c + 1
            elif allow_bare and K[i] in ("a", "$"):
                inits.append([Instr(ins.REF_FUNC, self.index(i, funcs)), end])
                i += 1
            else:
                raise self.unexpected(i)
        return inits, i

    def field_data(self, i: int) -> None:
        K = self.K
        _, j = self.opt_id(i + 2)
        mode, mem, offset = "passive", 0, None
        if self.is_open(j, "memory"):
            mem = self.index(j + 2, self.spaces["memory"])
            j = self.expect_close(j + 3)
            if K[j] != "(":
                raise self.unexpected(j)
        elif self.is_index(j) and K[j + 1] == "(":
            mem = self.index(j, self.spaces["memory"])    # legacy `data 0 (offset)`
            j += 1
        if K[j] == "(":
            offset, j = self.offset_expr(j)
            mode = "active"
        data = bytearray()
        while K[j] == "s":
            data += self.string(j)
            j += 1
        self.expect_close(j)
        self.module.datas.append(Data(bytes(data), mode, mem, offset))


def add_sentinels(toks: Tokens) -> None:
    """Pad the token lists so lookahead past the last token never raises
    IndexError; the pads sit beyond ``pos`` so errors there say "end"."""
    toks.kind.extend((")",) * 8)
    toks.text.extend(("",) * 8)


def _module_range(toks: Tokens) -> tuple[int, int, Optional[str]]:
    """Field range of a text that is ``(module $id? field*)`` or bare fields."""
    K, T = toks.kind, toks.text
    n = len(K)
    if n >= 2 and K[0] == "(" and K[1] == "a" and T[1] == "module" and toks.match[0] == n - 1:
        start = 2
        mid = None
        if K[2] == "$":
            mid = T[2]
            start = 3
        return start, n - 1, mid
    return 0, n, None


def parse_module(text: str, disabled: frozenset = frozenset()) -> Module:
    """Parse a whole text module (``(module ...)`` or bare fields).

    ``disabled`` may hold "offset64": memarg offsets and alignments are then
    u32 as in Wasm 2.0, and a larger one is malformed ("i32 constant out of
    range") rather than left to validation."""
    toks = tokenize(text)
    start, end, mid = _module_range(toks)
    add_sentinels(toks)
    parser = ModuleParser(toks, start, end)
    parser.offset32 = "offset64" in disabled
    module = parser.parse()
    module.id = mid
    return module


def parse_module_tokens(toks: Tokens, start: int, end: int,
                        module_id: Optional[str] = None, names: bool = False) -> Module:
    """Parse the fields in ``toks[start:end]`` (used by the script parser).
    ``names``: give the module a name section of its id and its functions'
    (as wasm-tools writes one: for a component's nested core module)."""
    parser = ModuleParser(toks, start, end)
    module = parser.parse()
    module.id = module_id
    if names:
        funcs = {i: n[1:] for n, i in parser.spaces["func"].names.items()}
        if module_id is not None or funcs:
            from ..syntax.module import NameSection
            module.names = NameSection(module=module_id[1:] if module_id else None,
                                       funcs=funcs)
    return module
