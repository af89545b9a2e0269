"""Instruction sequences of the text format → flat ``Instr`` lists.

Folded and plain instructions are parsed by one loop with an explicit stack
of open folded forms, so nesting depth costs heap, not Python recursion
(bodies can nest 10,000 blocks deep). A folded ``(op imm* operand*)`` emits
its operands first and ``op`` when its ``)`` is reached; a folded
``(if cond* (then ...) (else ...))`` emits the conditions, then ``if``.

``BodyParser`` is a mixin of ``parse.ModuleParser``: it uses the module's
index spaces, type interning and token helpers.
"""
from __future__ import annotations

from typing import Optional

from ..syntax import instructions as ins
from ..syntax.module import CATCH_NAMES, Catch, Instr
from ..syntax.types import HEAP_CODES, FuncType, ref_type
from .keywords import TEXT_OPS
from .numbers import F32_FORMAT, F64_FORMAT, parse_float, parse_int, parse_nat

_END = ins.END
_ELSE = ins.ELSE
_SELECT = ins.OP_BY_NAME["select"]
_SELECT_T = ins.OP_BY_NAME["select_t"]
_TRY_TABLE = ins.TRY_TABLE
_TRY = ins.TRY
_CATCH = ins.CATCH
_CATCH_ALL = ins.CATCH_ALL
_DELEGATE = ins.DELEGATE
# the legacy try's clauses: only inside a try, never folded on their own
_TRY_CLAUSES = frozenset((_CATCH, _CATCH_ALL, _DELEGATE))
# try_table's clause keywords -> Catch.kind
_CATCH_KINDS = {name: kind for kind, name in enumerate(CATCH_NAMES)}
_U32_MAX = 0xFFFFFFFF
_U64_MAX = 0xFFFFFFFFFFFFFFFF

# label states: a plain block/loop, a plain `if` before / after its `else`,
# a label opened by a folded form (closed by its `)`), and a plain legacy
# `try` before any catch / after a catch / after its catch_all
_PLAIN, _PLAIN_IF, _PLAIN_ELSE, _FOLDED, _PLAIN_TRY, _PLAIN_CATCH, _PLAIN_CATCH_ALL = range(7)
# folded frame kinds: operands of an op, conditions of an `if`, the clauses
# of a legacy `(try ...)` (those three take no plain instructions), contents,
# and the arms of a (try ...): (do ...), (catch ...) / (catch_all ...)
_OP, _IF, _TRY_FORM, _BLOCK, _THEN, _ELSE_ARM, _DO, _CATCH_ARM = range(8)
# a (try ...) frame's state (slot 4): before (do ...), after it, after a
# (catch ...), after (catch_all ...), after (delegate l) (its label is gone)
_T_START, _T_DO, _T_CATCH, _T_CATCH_ALL, _T_DELEGATED = range(5)

# v128 shapes: (lane count, lane bits, float format or None)
SHAPES = {"i8x16": (16, 8, None), "i16x8": (8, 16, None), "i32x4": (4, 32, None),
          "i64x2": (2, 64, None), "f32x4": (4, 32, F32_FORMAT), "f64x2": (2, 64, F64_FORMAT)}


# A lane index that is no u8: the 3.0 suite's wording (it reads the index as
# an i8 constant) and then the 2.0 suite's; the runner matches a substring
_BAD_LANE = "i8 constant out of range: malformed lane index"


def looks_numeric(atom: str) -> bool:
    """Is ``atom`` meant as a lane literal (anything but an instruction
    name, so that malformed literals are counted and then reported)?"""
    return atom not in TEXT_OPS


def lane_value(text: str, bits: int, fmt) -> int:
    """One v128 lane literal as unsigned bits; None if not a literal of the
    lane type; OverflowError if out of range."""
    if fmt is not None:
        return parse_float(text, fmt)
    v = parse_int(text, bits)
    return None if v is None else v & ((1 << bits) - 1)


class BodyParser:
    """Instruction parsing; expects the attributes of ``ModuleParser``."""

    locals: dict[str, int]
    # True: memarg offset=/align= are u32 as in Wasm 2.0 (parse_module's
    # ``disabled`` holds "offset64"); False: u64 as in Wasm 3.0
    offset32: bool = False

    # ------------------------------------------------------------ entry points

    def parse_body(self, i: int, end: int, local_names: dict[str, int]) -> list[Instr]:
        self.locals = local_names
        out = self.instrs(i, end)
        out.append(Instr(_END))
        return out

    def parse_expr(self, i: int, end: int) -> list[Instr]:
        """A constant (or any) expression in tokens ``[i, end)``."""
        self.locals = {}
        out = self.instrs(i, end)
        out.append(Instr(_END))
        return out

    # ------------------------------------------------------------ the loop

    def instrs(self, i: int, end: int) -> list[Instr]:
        K, T, M = self.K, self.T, self.M
        ops = TEXT_OPS
        out: list[Instr] = []
        labels: list[list] = []      # [name or None, state]
        frames: list[list] = []      # [close index, kind, instr, label, if-arm]
        while True:
            if frames:
                fr = frames[-1]
                if i == fr[0]:
                    frames.pop()
                    kind = fr[1]
                    if kind == _OP:
                        out.append(fr[2])
                    elif kind == _IF:
                        if fr[4] == 0:           # `(if ...)` without `(then ...)`
                            raise self.unexpected(i)
                        labels.pop()
                        out.append(Instr(_END))
                    elif kind == _TRY_FORM:
                        if fr[4] == _T_START:    # `(try ...)` without `(do ...)`
                            raise self.unexpected(i)
                        if fr[4] != _T_DELEGATED:   # delegate ended it already
                            labels.pop()
                            out.append(Instr(_END))
                    else:
                        if labels[-1][1] != _FOLDED:   # plain block left open
                            raise self.unexpected(i)
                        if kind == _BLOCK:
                            labels.pop()
                            out.append(Instr(_END))
                        elif kind == _DO or kind == _CATCH_ARM:
                            frames[-1][4] = fr[3]    # the (try ...)'s next state
                        else:
                            frames[-1][4] = 1 if kind == _THEN else 2
                    i += 1
                    continue
            elif i >= end:
                break
            k = K[i]
            if k == "a":
                if frames and frames[-1][1] <= _TRY_FORM:   # operands must be folded
                    raise self.unexpected(i)
                name = T[i]
                op = ops.get(name)
                if op is None:
                    raise self.unexpected(i)
                if op.imm == "block":
                    label, i = self.opt_id(i + 1)
                    bt, i = self.block_type(i)
                    out.append(Instr(op, bt))
                    labels.append([label, _PLAIN_IF if name == "if" else
                                   _PLAIN_TRY if op is _TRY else _PLAIN])
                elif op is _TRY_TABLE:
                    label, i = self.opt_id(i + 1)
                    imm, i = self.try_table_imm(i, labels)
                    out.append(Instr(op, imm))
                    labels.append([label, _PLAIN])
                elif op in _TRY_CLAUSES:
                    i = self.plain_try_clause(op, i, labels, out)
                elif op is _ELSE:
                    if not labels or labels[-1][1] != _PLAIN_IF:
                        raise self.unexpected(i)
                    i = self.end_label(i + 1, labels[-1][0])
                    labels[-1][1] = _PLAIN_ELSE
                    out.append(Instr(op))
                elif op is _END:
                    if not labels or labels[-1][1] == _FOLDED:
                        raise self.unexpected(i)
                    i = self.end_label(i + 1, labels.pop()[0])
                    out.append(Instr(op))
                elif op.imm is None and op is not _SELECT:
                    out.append(Instr(op))
                    i += 1
                else:
                    instr, i = self.plain_op(op, i + 1, labels)
                    out.append(instr)
            elif k == "(":
                kw = T[i + 1]
                if K[i + 1] != "a":
                    raise self.unexpected(i + 1)
                if frames and frames[-1][1] == _IF:
                    fr = frames[-1]
                    if kw == "then":
                        if fr[4] != 0:
                            raise self.unexpected(i + 1)
                        out.append(fr[2])
                        labels.append([fr[3], _FOLDED])
                        frames.append([M[i], _THEN, None, None, 0])
                        i += 2
                        continue
                    if kw == "else" and fr[4] == 1:
                        out.append(Instr(_ELSE))
                        frames.append([M[i], _ELSE_ARM, None, None, 0])
                        i += 2
                        continue
                    if fr[4] != 0:
                        raise self.unexpected(i + 1)
                if frames and frames[-1][1] == _TRY_FORM:
                    i = self.folded_try_clause(kw, i, labels, frames, out)
                    continue
                op = ops.get(kw)
                if op is None or op is _ELSE or op is _END or op in _TRY_CLAUSES:
                    raise self.unexpected(i + 1)
                close = M[i]
                if op is _TRY_TABLE:
                    label, j = self.opt_id(i + 2)
                    imm, j = self.try_table_imm(j, labels)
                    out.append(Instr(op, imm))
                    labels.append([label, _FOLDED])
                    frames.append([close, _BLOCK, None, None, 0])
                    i = j
                elif op.imm == "block":
                    label, j = self.opt_id(i + 2)
                    bt, j = self.block_type(j)
                    if kw == "if":
                        frames.append([close, _IF, Instr(op, bt), label, 0])
                    elif op is _TRY:
                        out.append(Instr(op, bt))
                        labels.append([label, _FOLDED])
                        frames.append([close, _TRY_FORM, None, label, _T_START])
                    else:
                        out.append(Instr(op, bt))
                        labels.append([label, _FOLDED])
                        frames.append([close, _BLOCK, None, None, 0])
                    i = j
                else:
                    instr, i = self.plain_op(op, i + 2, labels)
                    if i == close:           # a leaf: no operands to wait for
                        out.append(instr)
                        i += 1
                    else:
                        frames.append([close, _OP, instr, None, 0])
            else:
                raise self.unexpected(i, end)
        if labels:
            raise self.unexpected(i, end)
        return out

    # ------------------------------------------------------------ exceptions

    def try_table_imm(self, i: int, labels: list) -> tuple[tuple, int]:
        """``blocktype (catch x l)* ...`` of a try_table: (blocktype, clauses)
        and the index after them. The clauses' labels are resolved before
        the try_table's own label is in scope, as their depths count."""
        K, T = self.K, self.T
        bt, i = self.block_type(i)
        catches = []
        while K[i] == "(" and K[i + 1] == "a" and T[i + 1] in _CATCH_KINDS:
            kind = _CATCH_KINDS[T[i + 1]]
            j = i + 2
            tag = None
            if kind < 2:                         # catch, catch_ref: a tag first
                tag = self.index(j, self.spaces["tag"])
                j += 1
            catches.append(Catch(kind, tag, self.label(j, labels)))
            i = self.expect_close(j + 1)
        if self.is_open(i, "param") or self.is_open(i, "result") or self.is_open(i, "type"):
            raise self.unexpected(i + 1)         # the type comes before the clauses
        return (bt, tuple(catches)), i

    def plain_try_clause(self, op, i: int, labels: list, out: list) -> int:
        """Plain ``catch x`` / ``catch_all`` / ``delegate l`` of a legacy
        ``try`` (each with an optional repeat of the try's label)."""
        top = labels[-1] if labels else None
        if op is _DELEGATE:
            if top is None or top[1] != _PLAIN_TRY:
                raise self.unexpected(i)
            labels.pop()          # its label counts from outside the try
            out.append(Instr(op, self.label(i + 1, labels)))
            return i + 2
        if top is None or top[1] not in (_PLAIN_TRY, _PLAIN_CATCH):
            raise self.unexpected(i)
        i += 1
        if op is _CATCH:
            if self.K[i] == "$" and self.is_index(i + 1):     # catch $label $tag
                i = self.end_label(i, top[0])
            out.append(Instr(op, self.index(i, self.spaces["tag"])))
            i += 1
            top[1] = _PLAIN_CATCH
        else:
            i = self.end_label(i, top[0])
            out.append(Instr(op))
            top[1] = _PLAIN_CATCH_ALL
        return i

    def folded_try_clause(self, kw: str, i: int, labels: list, frames: list,
                          out: list) -> int:
        """A ``(do ...)``, ``(catch x ...)``, ``(catch_all ...)`` or
        ``(delegate l)`` inside a folded legacy ``(try ...)``."""
        fr = frames[-1]
        state = fr[4]
        if kw == "do" and state == _T_START:
            frames.append([self.M[i], _DO, None, _T_DO, 0])
            return i + 2
        if kw == "catch" and state in (_T_DO, _T_CATCH):
            out.append(Instr(_CATCH, self.index(i + 2, self.spaces["tag"])))
            frames.append([self.M[i], _CATCH_ARM, None, _T_CATCH, 0])
            return i + 3
        if kw == "catch_all" and state in (_T_DO, _T_CATCH):
            out.append(Instr(_CATCH_ALL))
            frames.append([self.M[i], _CATCH_ARM, None, _T_CATCH_ALL, 0])
            return i + 2
        if kw == "delegate" and state == _T_DO:
            labels.pop()          # its label counts from outside the try
            out.append(Instr(_DELEGATE, self.label(i + 2, labels)))
            fr[4] = _T_DELEGATED
            return self.expect_close(i + 3)
        raise self.unexpected(i + 1)

    def end_label(self, i: int, label: Optional[str]) -> int:
        """Optional ``$id`` after ``end``/``else``; must repeat the label."""
        if self.K[i] == "$":
            if self.T[i] != label:
                raise self.error(i, f"mismatching label {self.T[i]}")
            return i + 1
        return i

    def block_type(self, i: int):
        """``(type x)? (param t*)* (result t*)*`` → None | ValType | type index."""
        explicit = None
        if self.is_open(i, "type"):
            explicit = self.index(i + 2, self.spaces["type"])
            i = self.expect_close(i + 3)
        at = i
        params, results, _, i = self.func_type(i, allow_names=False)
        if explicit is not None:
            if i != at:
                if explicit >= len(self.types):
                    raise self.error(at - 2, f"unknown type {explicit}")
                if self.types[explicit] != FuncType(tuple(params), tuple(results)):
                    raise self.error(at, "inline function type")
            return explicit, i
        if not params and len(results) <= 1:
            return (results[0] if results else None), i
        return self.intern_type(FuncType(tuple(params), tuple(results))), i

    # ------------------------------------------------------------ immediates

    def plain_op(self, op, i: int, labels: list) -> tuple[Instr, int]:
        kind = op.imm
        if kind is None:
            if op is _SELECT and self.is_open(i, "result"):
                types = []
                while self.is_open(i, "result"):
                    i = self.expect_close(self.valtypes(i + 2, types))
                return Instr(_SELECT_T, tuple(types)), i
            return Instr(op), i
        if kind == "memarg":
            imm, i = self.memarg(i, op.natural_align, self.is_index(i))
        elif kind == "memarg_lane":
            # memidx? memarg laneidx: a lone integer is the lane
            K, T = self.K, self.T
            has_mem = K[i] == "$" or (self.is_index(i) and K[i + 1] == "a" and (
                parse_nat(T[i + 1]) is not None or T[i + 1].startswith(("offset=", "align="))))
            imm, i = self.memarg(i, op.natural_align, has_mem)
            imm = imm + (self.lane(i),)
            i += 1
        else:
            if kind == "memory.init" or kind == "data" or kind == "array_data":
                # the binary form of these needs a data count section
                self.uses_data_count = True
            imm, i = self._IMM[kind](self, i, labels)
            if kind == "reftype" and imm.nullable:
                # ref.test / ref.cast of a nullable type: its own opcode
                op = ins.OP_BY_NAME[op.name + "_null"]
        return Instr(op, imm), i

    def label(self, i: int, labels: list) -> int:
        if self.K[i] == "$":
            name = self.T[i]
            for d in range(len(labels) - 1, -1, -1):
                if labels[d][0] == name:
                    return len(labels) - 1 - d
            raise self.error(i, f"unknown label {name}")
        return self.u32(i)

    def _imm_label(self, i, labels):
        return self.label(i, labels), i + 1

    def _imm_br_table(self, i, labels):
        K, T = self.K, self.T
        targets = []
        while K[i] == "$" or (K[i] == "a" and parse_nat(T[i]) is not None):
            targets.append(self.label(i, labels))
            i += 1
        if not targets:
            raise self.unexpected(i)
        return (tuple(targets[:-1]), targets[-1]), i

    def _imm_func(self, i, labels):
        return self.index(i, self.spaces["func"]), i + 1

    def _imm_call_indirect(self, i, labels):
        table = 0
        if self.is_index(i):
            table = self.index(i, self.spaces["table"])
            i += 1
        tidx, _, _, i = self.type_use(i, allow_names=False)
        return (tidx, table), i

    def _imm_local(self, i, labels):
        if self.K[i] == "$":
            idx = self.locals.get(self.T[i])
            if idx is None:
                raise self.error(i, f"unknown local {self.T[i]}")
            return idx, i + 1
        return self.u32(i), i + 1

    def _space_imm(space):
        def imm(self, i, labels):
            return self.index(i, self.spaces[space]), i + 1
        return imm

    def _optional_space_imm(space):
        def imm(self, i, labels):
            if self.is_index(i):
                return self.index(i, self.spaces[space]), i + 1
            return 0, i
        return imm

    def memarg(self, i: int, natural: int,
               has_mem: bool = False) -> tuple[tuple[int, int, int], int]:
        """``memidx? offset=? align=?`` (the memory index: multi-memory)."""
        K, T = self.K, self.T
        mem = 0
        if has_mem:
            mem = self.index(i, self.spaces["memory"])
            i += 1
        offset = 0
        align = natural
        if K[i] == "a" and T[i].startswith("offset="):
            v = parse_nat(T[i][7:])
            if v is None:
                raise self.unexpected(i)
            # Wasm 3.0: a u64; validation rejects one too large for the
            # memory's index type ("offset out of range"). Wasm 2.0 read a
            # u32 here (the 2.0 suite asserts "i32 constant" as malformed)
            if v > _U64_MAX:
                raise self.error(i, "i64 constant out of range")
            if v > _U32_MAX and self.offset32:
                raise self.error(i, "i32 constant out of range")
            offset = v
            i += 1
        if K[i] == "a" and T[i].startswith("align="):
            v = parse_nat(T[i][6:])
            if v is None:
                raise self.unexpected(i)
            if v == 0 or v & (v - 1):
                raise self.error(i, "alignment must be a power of two")
            if v > (_U32_MAX if self.offset32 else _U64_MAX):
                raise self.error(i, "i32 constant out of range" if self.offset32
                                 else "i64 constant out of range")
            align = v.bit_length() - 1
            i += 1
        return (align, offset, mem), i

    def _imm_int(bits):
        def imm(self, i, labels):
            if self.K[i] != "a":
                raise self.unexpected(i)
            try:
                v = parse_int(self.T[i], bits)
            except OverflowError:
                raise self.error(i, "constant out of range") from None
            if v is None:
                raise self.unexpected(i)
            return v, i + 1
        return imm

    def _imm_float(fmt):
        def imm(self, i, labels):
            if self.K[i] != "a":
                raise self.unexpected(i)
            try:
                v = parse_float(self.T[i], fmt)
            except OverflowError:
                raise self.error(i, "constant out of range") from None
            if v is None:
                raise self.unexpected(i)
            return v, i + 1
        return imm

    def _imm_v128(self, i, labels):
        K, T = self.K, self.T
        shape = SHAPES.get(T[i]) if K[i] == "a" else None
        if shape is None:
            raise self.unexpected(i)
        count, bits, fmt = shape
        j = i + 1
        while K[j] == "a" and looks_numeric(T[j]):
            j += 1
        if j - (i + 1) != count:
            raise self.error(i, "wrong number of lane literals")
        value = 0
        for n in range(count):
            t = i + 1 + n
            try:
                lane = lane_value(T[t], bits, fmt)
            except OverflowError:
                raise self.error(t, "constant out of range") from None
            if lane is None:
                raise self.unexpected(t)
            value |= lane << (n * bits)
        return value.to_bytes(16, "little"), j

    def _imm_heaptype(self, i, labels):
        if not (self.is_index(i) or (self.K[i] == "a" and self.T[i] in HEAP_CODES)):
            raise self.unexpected(i)
        return ref_type(self.heaptype(i)), i + 1

    def _imm_memory_init(self, i, labels):
        if self.is_index(i) and self.is_index(i + 1):   # memory.init mem data
            mem = self.index(i, self.spaces["memory"])
            return (self.index(i + 1, self.spaces["data"]), mem), i + 2
        return (self.index(i, self.spaces["data"]), 0), i + 1

    def _imm_table_init(self, i, labels):
        if self.is_index(i) and self.is_index(i + 1):   # table.init table elem
            table = self.index(i, self.spaces["table"])
            return (self.index(i + 1, self.spaces["elem"]), table), i + 2
        return (self.index(i, self.spaces["elem"]), 0), i + 1

    def _pair_imm(space):
        def imm(self, i, labels):
            if self.is_index(i):
                a = self.index(i, self.spaces[space])
                b = self.index(i + 1, self.spaces[space])
                return (a, b), i + 2
            return (0, 0), i
        return imm

    def _imm_struct_field(self, i, labels):
        """``typeidx fieldidx``; the field by its ``$name`` in that type."""
        x = self.index(i, self.spaces["type"])
        if self.K[i + 1] == "$":
            y = self.field_names.get(x, {}).get(self.T[i + 1])
            if y is None:
                raise self.error(i + 1, f"unknown field {self.T[i + 1]}")
            return (x, y), i + 2
        return (x, self.u32(i + 1)), i + 2

    def _imm_array_fixed(self, i, labels):
        return (self.index(i, self.spaces["type"]), self.u32(i + 1)), i + 2

    def _type_and(space):
        def imm(self, i, labels):
            return (self.index(i, self.spaces["type"]),
                    self.index(i + 1, self.spaces[space])), i + 2
        return imm

    def _imm_reftype(self, i, labels):
        return self.reftype_at(i)

    def _imm_br_on_cast(self, i, labels):
        label = self.label(i, labels)
        t1, j = self.reftype_at(i + 1)
        t2, j = self.reftype_at(j)
        return (label, t1, t2), j

    def lane(self, i: int) -> int:
        v = parse_nat(self.T[i]) if self.K[i] == "a" else None
        if v is None:
            raise self.unexpected(i)
        if v > 255:
            raise self.error(i, _BAD_LANE)
        return v

    def _imm_lane(self, i, labels):
        return self.lane(i), i + 1

    def _imm_shuffle(self, i, labels):
        K, T = self.K, self.T
        j = i
        while K[j] == "a" and looks_numeric(T[j]):
            j += 1
        if j - i != 16:
            raise self.error(i, "invalid lane length")
        lanes = []
        for t in range(i, j):
            if parse_nat(T[t]) is None:
                raise self.error(t, _BAD_LANE)
            lanes.append(self.lane(t))
        return bytes(lanes), j

    _IMM = {
        "label": _imm_label,
        "br_table": _imm_br_table,
        "func": _imm_func,
        "call_indirect": _imm_call_indirect,
        "local": _imm_local,
        "global": _space_imm("global"),
        "elem": _space_imm("elem"),
        "data": _space_imm("data"),
        "table": _optional_space_imm("table"),
        "mem": _optional_space_imm("memory"),
        "i32": _imm_int(32),
        "i64": _imm_int(64),
        "f32": _imm_float(F32_FORMAT),
        "f64": _imm_float(F64_FORMAT),
        "v128": _imm_v128,
        "heaptype": _imm_heaptype,
        "type": _space_imm("type"),
        "memory.init": _imm_memory_init,
        "memory.copy": _pair_imm("memory"),
        "table.init": _imm_table_init,
        "table.copy": _pair_imm("table"),
        "lane": _imm_lane,
        "shuffle": _imm_shuffle,
        "tag": _space_imm("tag"),
        "struct_field": _imm_struct_field,
        "array_fixed": _imm_array_fixed,
        "array_data": _type_and("data"),
        "array_elem": _type_and("elem"),
        "array_copy": _type_and("type"),
        "reftype": _imm_reftype,
        "br_on_cast": _imm_br_on_cast,
    }
