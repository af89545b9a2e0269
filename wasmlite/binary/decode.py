"""Binary format -> ``syntax.Module`` (WebAssembly 2.0).

Every read is bounded by the end of the whole binary, not by the end of the
current section, and each section (and function body) checks afterwards that
it consumed exactly its declared size. That is how the reference interpreter
reads, and it decides which error a broken binary reports ("section size
mismatch" vs "unexpected end ..."), so the messages match the spec tests.

Reading past the end raises IndexError deep inside the readers; it is turned
into one MalformedError here, which keeps bounds checks off the hot path.
A binary that ends too early is reported in Wasmtime's words first,
``unexpected end-of-file (at offset 0x..)``, followed by the spec's name for
the case ("unexpected end of section or function", "length out of bounds"),
which the spec tests look for.

Function bodies are checked for well-formedness here, every one of them, but
not built: ``instr_decode.scan_expr`` checks a body without making Instr
objects, and the Func is a ``LazyFunc`` that decodes its body the first time
something reads ``Func.body`` (the validator checks it from the bytes
instead; the interpreter pre-decodes a function at its first call). A body
the scan cannot vouch for is decoded at once by ``decode_expr``, which raises
the spec's error. CPython for WASI (2.2 million instructions) decodes in
about a sixth of the time it took to build every Instr.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Optional

from ..errors import MalformedError
from ..gc_pause import gc_paused
from ..records import fields
from ..syntax.instructions import END, OP_BY_NAME, REF_FUNC
from ..syntax.module import (Custom, Data, Elem, Export, Expr, Func, Global,
                             Import, Instr, Module)
from ..syntax.types import (FUNCREF, FUNCREF_NON_NULL, PACKED_BY_CODE, ArrayType, ExternKind,
                            FieldType, FuncType, GlobalType, Limits, MemoryType, StructType,
                            SubType, TableType, ValType)
from .instr_decode import (ExprState, decode_expr, malformed, read_reftype,
                           read_type_code, read_valtype, scan_expr)
from .leb128 import read_u32, read_unsigned
from .names import decode_names

MAGIC = b"\x00asm"
VERSION = b"\x01\x00\x00\x00"

# Non-custom sections must appear in this order, at most once each
# (the data count section, id 12, sits between elements and code; the tag
# section, id 13, between memories and globals).
SECTION_RANK = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10,
                12: 11, 10: 12, 11: 13}
MAX_SECTION_ID = 13
TAG_SECTION = 13
_FUNC_TYPE_CODE = {0x60: "func"}

# Implementation limit on a function's declared locals (wasmparser's and
# Wasmtime's limit); the spec's own limit is 2**32 - 1, far beyond memory.
MAX_FUNCTION_LOCALS = 50_000
# and on a struct type's fields (Wasm GC)
MAX_STRUCT_FIELDS = 10_000
# A code section of fewer bytes has its bodies decoded at once instead of
# scanned and left in the binary (LazyFunc): the scan's pattern costs ~3.4 ms
# to compile in a process (instr_decode._simple_run_match), what decoding
# ~7 KB of code costs, and a module that small is run in whole soon anyway.
SCAN_MIN_CODE_BYTES = 8192


_I32_CONST = OP_BY_NAME["i32.const"]
# Func's fields that take part in ==, for LazyFunc.__eq__
_COMPARED = tuple(f.name for f in fields(Func) if f.compare)
_body_lock = threading.Lock()


class LazyFunc(Func):
    """A decoded function whose body stays in the binary until something
    reads ``body``. The decoder has checked that the body is well formed, so
    reading it cannot fail; the validator checks it straight from the bytes
    (``unread_body``) and never needs the Instr list. A big module's
    interpreter pre-decodes a function at its first call, so most bodies of
    CPython or QuickJS are never built at all. Otherwise a Func: equal to a
    Func with the same fields, pickled and copied as one."""

    # while unread: (binary, position of the first instruction)
    _source: Optional[tuple[bytes, int]] = None
    _body: Optional[Expr] = None
    # once read from the binary (and not set since): where it was read, so
    # that release_body can put it back
    _origin: Optional[tuple[bytes, int]] = None

    @classmethod
    def unread(cls, locals_: list[ValType], data: bytes, pos: int,
               offset: int, body_offset: int) -> "LazyFunc":
        f = cls.__new__(cls)
        f.type_idx = -1
        f.locals = locals_
        f.offset = offset
        f.body_offset = body_offset
        f._source = (data, pos)
        return f

    @property  # type: ignore[override]
    def body(self) -> Expr:
        body = self._body
        if body is None:
            # two threads may ask at once; no GC pass in the middle of a
            # body (read_bodies pauses it across many bodies)
            with _body_lock, gc_paused():
                body = self._body
                if body is None:
                    data, pos = self._source        # type: ignore[misc]
                    body = decode_expr(data, pos, ExprState())[0]
                    self._body = body
                    self._origin = self._source
                    self._source = None
        return body

    @body.setter
    def body(self, value: Expr) -> None:
        self._body = value
        self._source = self._origin = None

    def release_body(self) -> bool:
        """Drop the Instr list read from the binary, which ``body`` reads
        again if asked; False (nothing dropped) for a body set by hand. The
        interpreter's pre-decoder needs a body once: kept, a big program's
        Instrs (161k for a QuickJS script) would live as long as the module
        and the cyclic GC would walk them again and again, and once more at
        exit (that script: 554 -> 450 ms end to end with them dropped)."""
        with _body_lock:
            if self._origin is None:
                return False
            self._source, self._body, self._origin = self._origin, None, None
            return True

    def unread_body(self) -> Optional[tuple[bytes, int]]:
        """(binary, position of the first instruction) while ``body`` has not
        been read or set, else None."""
        return self._source

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Func):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in _COMPARED)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple]:
        return (Func, (self.type_idx, self.locals, self.body, self.offset, self.body_offset))


def read_bodies(funcs: list[Func]) -> None:
    """Decode now every body still in the binary, with the cyclic GC paused
    once for all of them. For a consumer that reads every body (a whole
    module compiled, encoded): read one by one, CPython's 2.2 million Instr
    objects cost ~3 s of full collections on top of ~1 s of decoding."""
    with gc_paused():
        for f in funcs:
            if isinstance(f, LazyFunc):
                f.body


def decode_module(data: bytes, disabled: frozenset = frozenset(),
                  unchecked_bodies: bool = False) -> Module:
    """Decode a binary module; raise MalformedError if it is not well formed.
    ``disabled``: "multi_memory" reads memory instructions as Wasm 2.0 does
    (a zero byte where 3.0 has a memory index), "memory64" limits as 2.0
    does (a varuint1 flag): what the 2.0 suite asserts. "exceptions" (and
    "legacy_exceptions") make the tag section, tag imports and exports and
    the exception-handling opcodes malformed, as 2.0 reads them;
    "custom_page_sizes" limits flag 0x08, as 3.0 reads it (``Module()``
    decodes with everything on and lets validation refuse a page size, in
    Wasmtime's words, when its engine has the proposal off).
    ``unchecked_bodies``: function bodies are left in the binary unscanned
    (each a LazyFunc, read up to its declared size): only where they are
    known to be well formed, by valid/parallel.py's helper (its parent's
    decode checks them) and by module.py for bytes a cache entry vouches
    for (compile/tier_cache.py trusted_features)."""
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    elif not isinstance(data, bytes):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    _check_header(data)
    decoder = _Decoder(data, "multi_memory" not in disabled, "memory64" not in disabled,
                       "exceptions" not in disabled, "legacy_exceptions" not in disabled,
                       "custom_page_sizes" not in disabled)
    decoder.unchecked_bodies = unchecked_bodies
    try:
        with gc_paused():
            return decoder.run()
    except IndexError:
        raise end_of_file(len(data), "unexpected end of section or function") from None


def end_of_file(offset: int, spec_words: str = "") -> MalformedError:
    """The binary ended at ``offset`` before what it declared was read."""
    message = f"unexpected end-of-file (at offset {offset:#x})"
    return MalformedError(f"{message}: {spec_words}" if spec_words else message)


def _check_header(data: bytes) -> None:
    if len(data) < 4:
        raise end_of_file(0)
    if data[:4] != MAGIC:
        raise MalformedError("magic header not detected")
    if len(data) < 8:
        raise end_of_file(4)
    if data[4:8] != VERSION:
        if data[4:8] == b"\x0d\x00\x01\x00":     # the component model's layer 1
            raise MalformedError("expected a WebAssembly module but was given a WebAssembly"
                                 " component (use wasmlite.component.Component)")
        raise MalformedError("unknown binary version")


class _Decoder:
    """One pass over the sections; ``pos`` is the read position."""

    def __init__(self, data: bytes, multi_memory: bool = True, memory64: bool = True,
                 exceptions: bool = True, legacy_exceptions: bool = True,
                 custom_page_sizes: bool = True) -> None:
        self.data = data
        self.memory64 = memory64          # Wasm 3.0's limits (else 2.0's)
        self.custom_page_sizes = custom_page_sizes     # limits flag 0x08 (else malformed)
        self.exceptions = exceptions      # tags (else 2.0's malformed ids/kinds)
        self.pos = 8
        self.section_end = len(data)       # of the section being read
        self.scan_bodies = True             # code_section: scan, or decode at once
        self.unchecked_bodies = False       # code_section: neither (decode_module)
        self.module = Module()
        self.func_type_idxs: list[int] = []
        self.bodies: list[Func] = []      # type_idx filled in at the end
        # what function bodies use
        self.code_state = ExprState(multi_memory, exceptions, legacy_exceptions)
        self.readers: dict[int, Callable[[], None]] = {
            1: self.type_section, 2: self.import_section,
            3: self.function_section, 4: self.table_section,
            5: self.memory_section, 6: self.global_section,
            7: self.export_section, 8: self.start_section,
            9: self.element_section, 10: self.code_section,
            11: self.data_section, 12: self.data_count_section,
            13: self.tag_section,
        }

    # ------------------------------------------------------------ primitives

    def u32(self) -> int:
        x, self.pos = read_u32(self.data, self.pos)
        return x

    def byte(self) -> int:
        b = self.data[self.pos]
        self.pos += 1
        return b

    def length(self) -> int:
        """A u32 length or count, no larger than the bytes left."""
        start = self.pos
        n = self.u32()
        if n > len(self.data) - start:
            raise end_of_file(self.pos, f"length out of bounds (a length at offset {start:#x})")
        return n

    def raw_bytes(self, n: int) -> bytes:
        end = self.pos + n
        if end > len(self.data):
            raise IndexError
        raw = self.data[self.pos:end]
        self.pos = end
        return raw

    def name(self) -> str:
        start = self.pos
        raw = self.raw_bytes(self.length())
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise malformed("malformed UTF-8 encoding", start) from None

    def vec(self, read_item: Callable[[], object]) -> list:
        return [read_item() for _ in range(self.length())]

    def valtype(self):
        t, self.pos = read_valtype(self.data, self.pos)
        return t

    def reftype(self):
        t, self.pos = read_reftype(self.data, self.pos)
        return t

    def limits_flags(self, allowed: int) -> int:
        """Wasm 3.0: one byte, bit 0 a maximum follows, bit 1 shared, bit 2
        a 64-bit index type; anything outside ``allowed`` is malformed.
        Wasm 2.0 ("memory64" disabled: what its suite asserts) read a
        varuint1."""
        if not self.memory64:
            flags, self.pos = read_unsigned(self.data, self.pos, 1)
            return flags
        flags = self.byte()
        if flags & ~allowed:
            raise malformed("malformed limits flags", self.pos - 1)
        return flags

    def limits(self, flags: int = 0) -> Limits:
        # Wasm 3.0 reads every limit as a u64 (validation bounds a 32-bit
        # index type's: "memory size", "table size"); 2.0 as a u32
        bits = 64 if flags & 4 or self.memory64 else 32
        lo, self.pos = read_unsigned(self.data, self.pos, bits)
        hi = None
        if flags & 1:
            hi, self.pos = read_unsigned(self.data, self.pos, bits)
        return Limits(lo, hi)

    def table_type(self) -> TableType:
        elem = self.reftype()
        flags = self.limits_flags(0b101)
        return TableType(elem, self.limits(flags), bool(flags & 4))

    def memory_type(self) -> MemoryType:
        # bit 3 (custom-page-sizes): the page size's log2 follows, a u32
        flags = self.limits_flags(0b1111 if self.custom_page_sizes else 0b111)
        limits = self.limits(flags)
        log2 = 16
        if flags & 8:
            at = self.pos
            log2, self.pos = read_unsigned(self.data, self.pos, 32)
            if log2 not in (0, 16):
                raise malformed("invalid custom page size", at)
        return MemoryType(limits, is64=bool(flags & 4), shared=bool(flags & 2),
                          page_size_log2=log2)

    def tag_type(self) -> int:
        """A tag: attribute 0 (an exception; no other is defined), then the
        index of its function type."""
        if self.byte() != 0x00:
            raise malformed("malformed tag attribute", self.pos - 1)
        return self.u32()

    def tag_section(self) -> None:
        self.module.tags = self.vec(self.tag_type)

    def global_type(self) -> GlobalType:
        t = self.valtype()
        mut = self.byte()
        if mut > 1:
            raise malformed("malformed mutability", self.pos - 1)
        return GlobalType(t, mut == 1)

    def const_expr(self) -> list:
        # constant expressions decode like bodies; validation checks constness
        start = self.pos
        try:
            expr, self.pos = decode_expr(self.data, start, self.const_state())
        except MalformedError as e:
            if self._runs_past_section(start):
                raise self._past_section(e) from None
            raise
        return expr

    def const_state(self) -> ExprState:
        """A constant expression's: it reads exception-handling opcodes as
        bodies do (a 2.0 one reading on into the next section must meet
        the illegal opcode the 2.0 suite asserts)."""
        st = self.code_state
        return ExprState(True, st.exceptions, st.legacy_exceptions)

    def _runs_past_section(self, start: int) -> bool:
        """Whether the expression at ``start`` has no end inside its section
        (only asked on the error path: it decodes the expression again)."""
        try:
            decode_expr(self.data[start:self.section_end], 0, self.const_state())
        except IndexError:
            return True
        except MalformedError:
            pass
        return False

    def _past_section(self, read_on: MalformedError) -> MalformedError:
        # The 3.0 suite's wording (binary.wast: a global's initializer with
        # no end); the 2.0 suite asserts what reading on into the next
        # section finds ("illegal opcode"), which is said too, as the runner
        # matches a substring
        message = (f"unexpected end of section or function: constant expression"
                   f" runs past the end of its section (at offset {self.section_end:#x})")
        return MalformedError(f"{message}; read on: {read_on}")

    # --------------------------------------------------------------- module

    def run(self) -> Module:
        data = self.data
        end = len(data)
        m = self.module
        last_rank = 0
        prev_id = 0                  # last non-custom section, for Custom.after
        while self.pos < end:
            sid = data[self.pos]
            if sid > MAX_SECTION_ID or (sid == TAG_SECTION and not self.exceptions):
                raise malformed("malformed section id", self.pos)
            if sid:
                rank = SECTION_RANK[sid]
                if rank <= last_rank:
                    raise malformed("unexpected content after last section",
                                    self.pos)
                last_rank = rank
            self.pos += 1
            size = self.length()
            start = self.pos
            self.section_end = start + size
            if sid == 0:
                self.custom_section(start + size, prev_id)
            else:
                self.readers[sid]()
                prev_id = sid
            if self.pos != start + size:
                raise malformed("section size mismatch", start)

        if len(self.func_type_idxs) != len(self.bodies):
            raise MalformedError(
                "function and code section have inconsistent lengths")
        if m.data_count is not None and m.data_count != len(m.datas):
            raise MalformedError(
                "data count and data section have inconsistent lengths")
        if m.data_count is None and self.code_state.uses_data_index:
            raise MalformedError("data count section required")
        for func, type_idx in zip(self.bodies, self.func_type_idxs):
            func.type_idx = type_idx
        m.funcs = self.bodies
        return m

    # ------------------------------------------------------------- sections

    def custom_section(self, section_end: int, prev_id: int) -> None:
        name = self.name()
        if section_end > len(self.data):
            raise end_of_file(len(self.data), "unexpected end of section or function")
        if section_end < self.pos:           # the name ran past the declared size
            raise malformed("unexpected end of section or function", section_end)
        payload = self.data[self.pos:section_end]
        self.pos = section_end
        self.module.customs.append(Custom(name, payload, prev_id))
        if name == "name" and self.module.names is None:
            self.module.names = decode_names(payload)

    def type_section(self) -> None:
        """Wasm 3.0: a vector of rec groups, each 0x4E and its subtypes, or
        one subtype alone (a group of one, not recorded in ``rec_groups``)."""
        m = self.module
        for _ in range(self.length()):
            if self.data[self.pos] == 0x4E:
                self.pos += 1
                start, count = len(m.types), self.length()
                m.rec_groups.append((start, count))
                for _ in range(count):
                    self.sub_type()
            else:
                self.sub_type()

    def sub_type(self) -> None:
        """0x50 (sub) / 0x4F (sub final), the supertype indices and a
        composite type, or the composite type alone (final, no supertype)."""
        m = self.module
        b = self.data[self.pos]
        if b == 0x50 or b == 0x4F:
            self.pos += 1
            supers = self.vec(self.u32)
            if len(supers) > 1:
                # (the binary allows a vector; Wasm 3.0 allows one at most,
                # and SubType holds one: refused here, in wasm-tools' words)
                raise malformed("multiple supertypes not supported", self.pos)
            m.subtypes[len(m.types)] = SubType(b == 0x4F, supers[0] if supers else None)
        m.types.append(self.comp_type())

    def comp_type(self):
        b = self.data[self.pos]
        if b == 0x5F:
            self.pos += 1
            at = self.pos
            n = self.length()
            if n > MAX_STRUCT_FIELDS:           # Wasmtime's (wasmparser's) limit
                raise malformed("struct fields size is out of bounds", at)
            return StructType(tuple(self.field_type() for _ in range(n)))
        if b == 0x5E:
            self.pos += 1
            return ArrayType(self.field_type())
        return self.func_type()

    def field_type(self) -> FieldType:
        t = PACKED_BY_CODE.get(self.data[self.pos])
        if t is not None:
            self.pos += 1
        else:
            t = self.valtype()
        mut = self.data[self.pos]
        if mut > 1:
            raise malformed("malformed mutability", self.pos)
        self.pos += 1
        return FieldType(t, mut == 1)

    def func_type(self) -> FuncType:
        read_type_code(self.data, self.pos, _FUNC_TYPE_CODE, "function type")
        self.pos += 1
        params = tuple(self.vec(self.valtype))
        results = tuple(self.vec(self.valtype))
        return FuncType(params, results)

    def import_section(self) -> None:
        self.module.imports = self.vec(self.import_)

    def import_(self) -> Import:
        module = self.name()
        name = self.name()
        kind = self.byte()
        if kind == 0:
            desc = self.u32()
        elif kind == 1:
            desc = self.table_type()
        elif kind == 2:
            desc = self.memory_type()
        elif kind == 3:
            desc = self.global_type()
        elif kind == 4 and self.exceptions:
            desc = self.tag_type()
        else:
            raise malformed("malformed import kind", self.pos - 1)
        return Import(module, name, ExternKind(kind), desc)

    def function_section(self) -> None:
        self.func_type_idxs = self.vec(self.u32)

    def table_section(self) -> None:
        tables: list[TableType] = []
        inits: dict[int, list] = {}
        for i in range(self.length()):
            if self.data[self.pos] == 0x40:
                # Wasm 3.0: 0x40 0x00 tabletype expr, a table whose elements
                # start as the expression's value instead of null
                if self.data[self.pos + 1] != 0x00:
                    raise malformed("malformed table type", self.pos + 1)
                self.pos += 2
                tables.append(self.table_type())
                inits[i] = self.const_expr()
            else:
                tables.append(self.table_type())
        self.module.tables = tables
        self.module.table_inits = inits

    def memory_section(self) -> None:
        self.module.mems = self.vec(self.memory_type)

    def global_section(self) -> None:
        self.module.globals = self.vec(self.global_)

    def global_(self) -> Global:
        gt = self.global_type()
        return Global(gt, self.const_expr())

    def export_section(self) -> None:
        self.module.exports = self.vec(self.export)

    def export(self) -> Export:
        name = self.name()
        kind = self.byte()
        if kind > (4 if self.exceptions else 3):
            raise malformed("malformed export kind", self.pos - 1)
        return Export(name, ExternKind(kind), self.u32())

    def start_section(self) -> None:
        self.module.start = self.u32()

    def element_section(self) -> None:
        self.module.elems = self.vec(self.elem)

    def elem(self) -> Elem:
        flag_pos = self.pos
        flags = self.u32()
        if flags > 7:
            raise malformed("malformed elements segment kind", flag_pos)
        uses_exprs = bool(flags & 4)
        table = 0
        offset: Optional[list] = None
        if flags & 1:
            mode = "declarative" if flags & 2 else "passive"
        else:
            mode = "active"
            if flags & 2:
                table = self.u32()
            offset = self.const_expr()
        # function indices make a segment of (ref func) (Wasm 3.0), form 4's
        # expressions one of funcref
        if flags & 3 == 0:           # forms 0 and 4: type implicit
            etype = FUNCREF if uses_exprs else FUNCREF_NON_NULL
        elif uses_exprs:
            etype = self.reftype()
        else:
            if self.byte() != 0x00:
                raise malformed("malformed element kind", self.pos - 1)
            etype = FUNCREF_NON_NULL
        if uses_exprs:
            init = self.vec(self.const_expr)
        else:
            init = self.vec(self.elem_func_index)
        return Elem(etype, init, mode, table, offset, form=flags)

    def elem_func_index(self) -> list:
        at = self.pos
        return [Instr(REF_FUNC, self.u32(), at), Instr(END, None, self.pos)]

    def data_count_section(self) -> None:
        self.module.data_count = self.u32()

    def code_section(self) -> None:
        # a small section is decoded at once: scanning costs more there
        self.scan_bodies = self.section_end - self.pos >= SCAN_MIN_CODE_BYTES
        self.bodies = self.vec(self.code)

    def code(self) -> Func:
        func_offset = self.pos
        size = self.length()
        start = self.pos
        locals_ = self.locals()
        body_pos = self.pos
        if self.unchecked_bodies:
            self.pos = start + size
            return LazyFunc.unread(locals_, self.data, body_pos, func_offset, start)
        if self.scan_bodies and scan_expr(self.data, body_pos, self.code_state) == start + size:
            self.pos = start + size
            return LazyFunc.unread(locals_, self.data, body_pos, func_offset, start)
        # the exact decoder: the error the spec words, or (when the scan was
        # only cautious) the body itself
        body, self.pos = decode_expr(self.data, body_pos, self.code_state)
        if self.pos != start + size:
            raise malformed("section size mismatch", start)
        return Func(-1, locals_, body, func_offset, start)

    def locals(self) -> list:
        start = self.pos
        groups = [(self.u32(), self.valtype()) for _ in range(self.length())]
        total = sum(n for n, _ in groups)
        if total >= 2**32:
            raise malformed("too many locals", start)
        if total > MAX_FUNCTION_LOCALS:
            raise malformed(f"too many locals: {total} exceeds the "
                            f"implementation limit {MAX_FUNCTION_LOCALS}", start)
        result: list = []
        for n, t in groups:
            result += [t] * n
        return result

    def data_section(self) -> None:
        data = self.data
        size = len(data)
        count = self.length()
        datas: list[Data] = []
        append = datas.append
        new_instr = Instr
        pos = self.pos
        for _ in range(count):
            # The common form (CPython has 42,695 segments): active in memory
            # 0 at an i32.const offset of 1-4 LEB128 bytes (every such
            # encoding is a valid s32), then end. Anything else, and anything
            # out of bounds, goes to data_segment, which words the errors.
            if data[pos] == 0 and data[pos + 1] == 0x41:
                p = pos + 2
                b = data[p]
                value = b & 0x7F
                shift = 7
                while b & 0x80 and shift < 28:
                    p += 1
                    b = data[p]
                    value |= (b & 0x7F) << shift
                    shift += 7
                if b < 0x80 and data[p + 1] == 0x0B:
                    if b & 0x40:
                        value -= 1 << shift
                    p += 1                       # at the end
                    n = data[p + 1]
                    if n < 0x80:
                        q = p + 2
                    else:
                        n, q = read_u32(data, p + 1)
                    if n <= size - (p + 1) and q + n <= size:
                        append(Data(data[q:q + n], "active", 0,
                                    [new_instr(_I32_CONST, value, pos + 1),
                                     new_instr(END, None, p)]))
                        pos = q + n
                        continue
            self.pos = pos
            append(self.data_segment())
            pos = self.pos
        self.pos = pos
        self.module.datas = datas

    def data_segment(self) -> Data:
        flag_pos = self.pos
        flags = self.u32()
        if flags == 1:
            return Data(self.raw_bytes(self.length()), "passive")
        if flags > 2:
            raise malformed("malformed data segment kind", flag_pos)
        memory = self.u32() if flags == 2 else 0
        offset = self.const_expr()
        return Data(self.raw_bytes(self.length()), "active", memory, offset)
