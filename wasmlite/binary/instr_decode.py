"""Decoding instruction sequences (function bodies and constant expressions).

This is the hot path of decoding a large module, so it is one flat loop:
one list lookup per opcode byte gives the instruction's row and a small
integer naming how to read its immediates (precomputed from the row's ``imm``
kind in ``syntax.instructions``), and an if-chain ordered by how common each
kind is reads them, with the one-byte LEB128 case inlined.

Structured instructions stay flat (block/loop/if/else/end markers); a list of
open blocks replaces recursion, so nesting depth costs nothing but memory.
The error wording follows the reference interpreter: a misplaced ``else``
surfaces as "END opcode expected", unknown opcodes as "illegal opcode".
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from ..errors import MalformedError
from ..syntax.instructions import EXCEPTIONS, LEGACY_EXCEPTIONS, OPS, Op
from ..syntax.module import CATCH_ALL, CATCH_ALL_REF, Catch, Instr
from ..syntax.types import (HEAP_BY_CODE, REFTYPE_BY_HEAPCODE, VALTYPE_BY_CODE,
                            ValType, ref_type)
from .leb128 import read_signed, read_unsigned

# How to read each immediate kind. Plain u32 indices share one code.
K_NONE, K_IDX, K_I32, K_MEMARG, K_BLOCK, K_END, K_ELSE, K_I64, K_F32, \
    K_F64, K_BR_TABLE, K_CALL_INDIRECT, K_ZERO, K_SELECT_T, K_HEAPTYPE, \
    K_DATA, K_MEMORY_INIT, K_MEMORY_COPY, K_IDX_PAIR, K_BYTES16, K_LANE, \
    K_MEMARG_LANE, K_PREFIX, K_ILLEGAL = range(24)
# Exception handling: kinds of their own, so that neither the scan's fast
# run nor the inline paths take them (the decoder checks each is enabled,
# and catch / catch_all / delegate are structure, like else and end)
K_THROW, K_THROW_REF, K_RETHROW, K_TRY_TABLE, K_TRY, K_CATCH, K_CATCH_ALL, \
    K_DELEGATE = range(24, 32)
# Wasm GC's immediates (only under the 0xFB prefix, so never in the one-byte
# table where kinds >= K_THROW mean exception handling)
K_ARRAY_DATA, K_REFTYPE, K_REFTYPE_NULL, K_BR_ON_CAST = range(32, 36)
_EXN_KINDS = {"throw": K_THROW, "throw_ref": K_THROW_REF, "rethrow": K_RETHROW,
              "try_table": K_TRY_TABLE, "try": K_TRY, "catch": K_CATCH,
              "catch_all": K_CATCH_ALL, "delegate": K_DELEGATE}
# open-block states of decode_expr / scan_expr besides True (an if that may
# still have an else) and False (a block, loop, try_table, an if after its
# else or a try after its catch_all: only end closes them)
_TRY_OPEN = 2            # a try before any catch: catch, catch_all, delegate
_TRY_CAUGHT = 3          # a try after a catch: catch, catch_all

_KIND_CODE = {
    None: K_NONE, "label": K_IDX, "func": K_IDX, "local": K_IDX,
    "global": K_IDX, "table": K_IDX, "elem": K_IDX, "type": K_IDX, "data": K_DATA,
    "mem": K_ZERO, "i32": K_I32, "i64": K_I64, "f32": K_F32, "f64": K_F64,
    "memarg": K_MEMARG, "block": K_BLOCK, "br_table": K_BR_TABLE,
    "call_indirect": K_CALL_INDIRECT, "select_t": K_SELECT_T,
    "heaptype": K_HEAPTYPE, "memory.init": K_MEMORY_INIT,
    "memory.copy": K_MEMORY_COPY, "table.init": K_IDX_PAIR,
    "table.copy": K_IDX_PAIR, "v128": K_BYTES16, "shuffle": K_BYTES16,
    "lane": K_LANE, "memarg_lane": K_MEMARG_LANE,
    "struct_field": K_IDX_PAIR, "array_fixed": K_IDX_PAIR, "array_elem": K_IDX_PAIR,
    "array_copy": K_IDX_PAIR, "array_data": K_ARRAY_DATA, "br_on_cast": K_BR_ON_CAST,
}


def _entry(op: Op) -> tuple[Op, int]:
    if op.name == "end":
        return op, K_END
    if op.name == "else":
        return op, K_ELSE
    if op.name in _EXN_KINDS:
        return op, _EXN_KINDS[op.name]
    if op.imm == "reftype":           # ref.test / ref.cast: the opcode says null
        return op, K_REFTYPE_NULL if op.name.endswith("_null") else K_REFTYPE
    # a row whose immediate kind this decoder does not know yet (a later
    # proposal) decodes as an illegal opcode rather than breaking the import
    return op, _KIND_CODE.get(op.imm, K_ILLEGAL)


# one-byte opcodes: a 256-entry list (faster than a dict) of (Op, kind), with
# (None, K_ILLEGAL) for unassigned bytes; prefixed opcodes:
# prefix byte -> {sub-opcode: (Op, kind)}
ONE_BYTE: list = [(None, K_ILLEGAL)] * 256
PREFIXED: dict[int, dict[int, tuple[Op, int]]] = {}
for _op in OPS:
    if _op.prefix is None:
        ONE_BYTE[_op.code] = _entry(_op)
    else:
        PREFIXED.setdefault(_op.prefix, {})[_op.code] = _entry(_op)
for _prefix in PREFIXED:
    ONE_BYTE[_prefix] = (None, K_PREFIX)

# memarg flags: the alignment exponent; 2.0 has no flag bits above it;
# 3.0's bit 6 says a memory index follows
_MAX_ALIGN_FLAGS = 32
_MEM_INDEX_FLAG = 64


def malformed(msg: str, pos: int) -> MalformedError:
    return MalformedError(f"{msg} (at offset {pos:#x})")


def read_type_code(data: bytes, pos: int, codes: dict, what: str):
    """A type code: one byte in practice, an s7 LEB128 in the spec (so a
    continuation bit is "integer representation too long")."""
    b = data[pos]
    t = codes.get(b)
    if t is None:
        if b & 0x80:
            read_signed(data, pos, 7)      # raises: too long for an s7
        raise malformed(f"malformed {what}", pos)
    return t, pos + 1


def read_heaptype(data: bytes, pos: int) -> tuple[object, int]:
    """A heap type: an abstract one's byte, or an s33 type index (>= 0)."""
    heap = HEAP_BY_CODE.get(data[pos])
    if heap is not None:
        return heap, pos + 1
    idx, end = read_signed(data, pos, 33)
    if idx < 0:         # (a value type's byte, say: the spec suite's words)
        raise malformed("malformed reference type", pos)
    return idx, end


def _read_ref(data: bytes, pos: int) -> Optional[tuple[ValType, int]]:
    """A reference type in any of its forms, or None when ``pos`` holds
    none: the shorthand byte of a nullable abstract one, or 0x63/0x64 (ref
    null / ref) and a heap type (typed function references, Wasm 3.0)."""
    b = data[pos]
    if b == 0x63 or b == 0x64:
        heap, end = read_heaptype(data, pos + 1)
        return ref_type(heap, b == 0x63), end
    heap = HEAP_BY_CODE.get(b)
    if heap is not None:
        return ref_type(heap), pos + 1
    return None


def read_valtype(data: bytes, pos: int) -> tuple[ValType, int]:
    t = VALTYPE_BY_CODE.get(data[pos])
    if t is not None:
        return t, pos + 1
    r = _read_ref(data, pos)
    if r is not None:
        return r
    return read_type_code(data, pos, VALTYPE_BY_CODE, "value type")


def read_reftype(data: bytes, pos: int) -> tuple[ValType, int]:
    r = _read_ref(data, pos)
    if r is not None:
        return r
    return read_type_code(data, pos, REFTYPE_BY_HEAPCODE, "reference type")


def _read_blocktype(data: bytes, pos: int):
    b = data[pos]
    if b == 0x40:
        return None, pos + 1
    if b & 0xC0 == 0x40:               # a one-byte negative: a value type
        return read_valtype(data, pos)
    idx, end = read_signed(data, pos, 33)
    if idx < 0:
        raise malformed("malformed block type", pos)
    return idx, end


def _check_end(data: bytes, pos: int, n: int) -> None:
    if pos + n > len(data):
        raise IndexError           # the decoder reports "unexpected end"


class ExprState:
    """What decoding expressions learns about the module as a whole."""

    __slots__ = ("uses_data_index", "multi_memory", "exceptions", "legacy_exceptions")

    def __init__(self, multi_memory: bool = True, exceptions: bool = True,
                 legacy_exceptions: bool = True) -> None:
        self.uses_data_index = False    # memory.init / data.drop seen
        # Wasm 3.0 (multi-memory): memory instructions carry a memory index
        # (a memarg flag bit says one follows); Wasm 2.0 requires a zero byte
        self.multi_memory = multi_memory
        # exception handling (3.0's and the legacy proposal's opcodes); off,
        # they are illegal opcodes, as Wasm 2.0 reads them
        self.exceptions = exceptions
        self.legacy_exceptions = legacy_exceptions


def _check_enabled(op: Op, b: int, pos: int, state: ExprState) -> None:
    """An exception-handling opcode is an illegal one where the decoder was
    asked to read without its proposal (Wasm 2.0)."""
    on = state.exceptions if op.feature == EXCEPTIONS else state.legacy_exceptions
    if not on:
        raise malformed(f"illegal opcode {b:02x}", pos)


def _exn_structure(kind: int, open_blocks: list) -> bool:
    """Track try / catch / catch_all / delegate in ``open_blocks`` (as else
    is tracked); returns False when the instruction is out of place. Only
    called for those kinds and try_table, a plain block."""
    if kind == K_TRY_TABLE:
        open_blocks.append(False)
        return True
    if kind == K_TRY:
        open_blocks.append(_TRY_OPEN)
        return True
    if not open_blocks:
        return False
    top = open_blocks[-1]
    if kind == K_DELEGATE:               # closes a try that has no catch
        if top != _TRY_OPEN:
            return False
        open_blocks.pop()
        return True
    if top != _TRY_OPEN and top != _TRY_CAUGHT:
        return False
    open_blocks[-1] = _TRY_CAUGHT if kind == K_CATCH else False
    return True


def decode_expr(data: bytes, pos: int, state: ExprState) -> tuple[list, int]:
    """Decode instructions from ``pos`` through the ``end`` that closes the
    expression; return the flat list (ending with that ``end``) and the
    position after it. Reading past ``data`` raises IndexError.

    The kinds that dominate real code (indices, no immediate, i32.const,
    memargs, block structure) are read inline; the rest, and every prefixed
    instruction, go through ``read_immediate``."""
    table = ONE_BYTE
    new = Instr
    out: list = []
    append = out.append
    open_blocks: list = []         # per open block: True if an `if` awaiting else
    push = open_blocks.append
    pop = open_blocks.pop
    while True:
        start = pos
        b = data[pos]
        pos += 1
        op, kind = table[b]
        if kind == K_IDX:
            x = data[pos]
            if x < 0x80:
                pos += 1
            else:
                x, pos = read_unsigned(data, pos, 32)
            append(new(op, x, start))
        elif kind == K_NONE:
            append(new(op, None, start))
        elif kind == K_I32:
            x = data[pos]
            if x < 0x40:
                pos += 1
            else:
                x, pos = read_signed(data, pos, 32)
            append(new(op, x, start))
        elif kind == K_MEMARG:
            align = data[pos]
            offset = data[pos + 1]
            if align < _MAX_ALIGN_FLAGS and offset < 0x80:
                pos += 2
                append(new(op, (align, offset, 0), start))
            else:
                imm, pos = _read_memarg(data, pos, state)
                append(new(op, imm, start))
        elif kind == K_END:
            append(new(op, None, start))
            if not open_blocks:
                return out, pos
            pop()
        elif kind == K_BLOCK:
            bt = data[pos]
            if bt == 0x40:
                bt = None
                pos += 1
            else:
                bt, pos = _read_blocktype(data, pos)
            append(new(op, bt, start))
            push(b == 0x04)
        elif kind == K_ELSE:
            if not open_blocks or open_blocks[-1] is not True:
                raise malformed("END opcode expected", start)
            open_blocks[-1] = False
            append(new(op, None, start))
        elif kind >= K_THROW:                # exception handling
            _check_enabled(op, b, start, state)
            if kind >= K_TRY_TABLE and not _exn_structure(kind, open_blocks):
                raise malformed(f"END opcode expected ({op.name} outside a try block)", start)
            imm, pos = read_immediate(kind, data, pos, state)
            append(new(op, imm, start))
        elif kind == K_PREFIX:
            sub = data[pos]
            if sub < 0x80:
                pos += 1
            else:
                sub, pos = read_unsigned(data, pos, 32)
            entry = PREFIXED[b].get(sub)
            if entry is None:
                raise malformed(f"illegal opcode {b:02x} {sub:02x}", start)
            op, kind = entry
            imm, pos = read_immediate(kind, data, pos, state)
            append(new(op, imm, start))
        elif kind == K_ILLEGAL:
            raise malformed(f"illegal opcode {b:02x}", start)
        else:
            imm, pos = read_immediate(kind, data, pos, state)
            append(new(op, imm, start))


# ------------------------------------------------------- checking without building
#
# A big module's bodies are checked for well-formedness when it is decoded,
# but turned into Instr lists only when something reads them (decode.py's
# LazyFunc). The check is a regular expression that skips a run of
# instructions with simple immediates in C, then one step in Python for the
# next instruction with structure (block, if, else, end), a vector, a prefix,
# or any immediate the expression does not take (a multi-byte alignment, a
# truncated one...). The expression accepts exactly the encodings the readers
# above accept (LEB128 lengths and unused bits included), so the scan can only
# be more cautious than decode_expr, never less; when it gives up, decode_expr
# decides, with its own error message.

def _byte_class(codes) -> bytes:
    return b"[" + b"".join(b"\\x%02x" % c for c in sorted(codes)) + b"]"


# u32: up to 5 bytes, the 5th with 4 value bits; s32: the 5th byte's unused
# bits copy the sign (0x00-0x07 or 0x78-0x7f); s64: up to 10 bytes, the 10th
# 0x00 or 0x7f (leb128.py's limits)
_LEB_U32 = (rb"(?:[\x00-\x7f]|[\x80-\xff][\x00-\x7f]|[\x80-\xff]{2}[\x00-\x7f]"
            rb"|[\x80-\xff]{3}[\x00-\x7f]|[\x80-\xff]{4}[\x00-\x0f])")
_LEB_S32 = (rb"(?:[\x00-\x7f]|[\x80-\xff][\x00-\x7f]|[\x80-\xff]{2}[\x00-\x7f]"
            rb"|[\x80-\xff]{3}[\x00-\x7f]|[\x80-\xff]{4}[\x00-\x07\x78-\x7f])")
_LEB_S64 = rb"(?:[\x80-\xff]{0,8}[\x00-\x7f]|[\x80-\xff]{9}[\x00\x7f])"
_SIMPLE_IMMEDIATES = [        # most frequent first: alternatives are tried in order
    (K_IDX, _LEB_U32),
    (K_MEMARG, rb"[\x00-\x1f]" + _LEB_U32),      # one-byte flags below 32
    (K_I32, _LEB_S32),
    (K_NONE, b""),
    (K_I64, _LEB_S64),
    (K_F32, rb"[\x00-\xff]{4}"),
    (K_F64, rb"[\x00-\xff]{8}"),
    (K_CALL_INDIRECT, _LEB_U32 + _LEB_U32),
    (K_ZERO, rb"\x00"),
    (K_HEAPTYPE, _byte_class(REFTYPE_BY_HEAPCODE)),
]
_BLOCKTYPE_BYTES = frozenset([0x40, *VALTYPE_BY_CODE])
# (compiled at the first scan: ~3.4 ms a process, binary/decode.py's
# SCAN_MIN_CODE_BYTES)
_simple_run: Any = None


def _simple_run_match() -> Callable:
    """The scan's pattern's ``match``, compiled at the first scan.
    Possessive: the encoding is a prefix code, so the longest run is the
    only one."""
    global _simple_run
    if _simple_run is None:
        import re
        _simple_run = re.compile(b"(?:" + b"|".join(
            _byte_class([b for b, (_op, k) in enumerate(ONE_BYTE) if k == kind]) + imm
            for kind, imm in _SIMPLE_IMMEDIATES) + b")*+")
    return _simple_run.match


def scan_expr(data: bytes, pos: int, state: ExprState) -> int:
    """Check that the instructions from ``pos`` through the ``end`` closing
    the expression are well formed, without building them; return the
    position after that ``end``, or -1 when the scan cannot tell (then
    ``decode_expr`` decides, and words the error). Sets
    ``state.uses_data_index`` as decode_expr would."""
    run = _simple_run_match()
    table = ONE_BYTE
    open_blocks: list = []         # as in decode_expr
    try:
        while True:
            pos = run(data, pos).end()
            b = data[pos]
            pos += 1
            if b == 0x0B:
                if not open_blocks:
                    return pos
                open_blocks.pop()
                continue
            kind = table[b][1]
            if kind == K_BLOCK:
                if data[pos] in _BLOCKTYPE_BYTES:
                    pos += 1
                else:
                    pos = _read_blocktype(data, pos)[1]
                open_blocks.append(b == 0x04)
            elif kind == K_ELSE:
                if not open_blocks or open_blocks[-1] is not True:
                    return -1
                open_blocks[-1] = False
            elif kind >= K_THROW:            # exception handling
                _check_enabled(table[b][0], b, pos - 1, state)
                if kind >= K_TRY_TABLE and not _exn_structure(kind, open_blocks):
                    return -1
                pos = read_immediate(kind, data, pos, state)[1]
            elif kind == K_PREFIX:
                sub, pos = read_unsigned(data, pos, 32)
                entry = PREFIXED[b].get(sub)
                if entry is None:
                    return -1
                pos = read_immediate(entry[1], data, pos, state)[1]
            elif kind == K_ILLEGAL:
                return -1
            else:                      # any other kind, exactly as decode_expr reads it
                pos = read_immediate(kind, data, pos, state)[1]
    except (IndexError, MalformedError):
        return -1


def decode_instr(data: bytes, pos: int, state: ExprState) -> tuple[Instr, int]:
    """One instruction that is not block, loop, if, else or end, from a body
    that ``scan_expr`` accepted (the validator's path for rare instructions)."""
    b = data[pos]
    op, kind = ONE_BYTE[b]
    if kind == K_PREFIX:
        sub, end = read_unsigned(data, pos + 1, 32)
        op, kind = PREFIXED[b][sub]
    else:
        end = pos + 1
    imm, end = read_immediate(kind, data, end, state)
    return Instr(op, imm, pos), end


def read_immediate(kind: int, data: bytes, pos: int, state: ExprState):
    """Read the immediates of any kind but the structural ones (block, else,
    end); return ``(imm, new_pos)``."""
    if kind == K_NONE:
        return None, pos
    if kind == K_IDX:
        return read_unsigned(data, pos, 32)
    if kind == K_I32:
        return read_signed(data, pos, 32)
    if kind == K_I64:
        return read_signed(data, pos, 64)
    if kind == K_F32:
        _check_end(data, pos, 4)
        return int.from_bytes(data[pos:pos + 4], "little"), pos + 4
    if kind == K_F64:
        _check_end(data, pos, 8)
        return int.from_bytes(data[pos:pos + 8], "little"), pos + 8
    if kind == K_MEMARG:
        return _read_memarg(data, pos, state)
    if kind == K_MEMARG_LANE:
        (align, offset, mem), pos = _read_memarg(data, pos, state)
        return (align, offset, mem, data[pos]), pos + 1
    if kind == K_BR_TABLE:
        n, pos = _read_len(data, pos)
        targets = []
        for _ in range(n):
            x, pos = read_unsigned(data, pos, 32)
            targets.append(x)
        default, pos = read_unsigned(data, pos, 32)
        return (tuple(targets), default), pos
    if kind == K_CALL_INDIRECT or kind == K_IDX_PAIR:
        x, pos = read_unsigned(data, pos, 32)
        y, pos = read_unsigned(data, pos, 32)
        return (x, y), pos
    if kind == K_ZERO:
        if state.multi_memory:
            return read_unsigned(data, pos, 32)
        return 0, _read_zero(data, pos)
    if kind == K_SELECT_T:
        n, pos = _read_len(data, pos)
        types = []
        for _ in range(n):
            t, pos = read_valtype(data, pos)
            types.append(t)
        return tuple(types), pos
    if kind == K_HEAPTYPE:
        heap, pos = read_heaptype(data, pos)
        return ref_type(heap), pos
    if kind == K_DATA:
        state.uses_data_index = True
        return read_unsigned(data, pos, 32)
    if kind == K_MEMORY_INIT:
        state.uses_data_index = True
        x, pos = read_unsigned(data, pos, 32)
        if state.multi_memory:
            mem, pos = read_unsigned(data, pos, 32)
            return (x, mem), pos
        return (x, 0), _read_zero(data, pos)
    if kind == K_MEMORY_COPY:
        if state.multi_memory:
            dst, pos = read_unsigned(data, pos, 32)
            src, pos = read_unsigned(data, pos, 32)
            return (dst, src), pos
        return (0, 0), _read_zero(data, _read_zero(data, pos))
    if kind == K_BYTES16:
        _check_end(data, pos, 16)
        return data[pos:pos + 16], pos + 16
    if kind == K_LANE:
        return data[pos], pos + 1
    if kind == K_THROW or kind == K_RETHROW or kind == K_CATCH or kind == K_DELEGATE:
        return read_unsigned(data, pos, 32)
    if kind == K_THROW_REF or kind == K_CATCH_ALL:
        return None, pos
    if kind == K_TRY:
        return _read_blocktype(data, pos)
    if kind == K_TRY_TABLE:
        bt, pos = _read_blocktype(data, pos)
        n, pos = _read_len(data, pos)
        catches = []
        for _ in range(n):
            at = pos
            code = data[pos]
            if code > CATCH_ALL_REF:
                raise malformed("malformed catch clause", at)
            pos += 1
            tag = None
            if code < CATCH_ALL:
                tag, pos = read_unsigned(data, pos, 32)
            label, pos = read_unsigned(data, pos, 32)
            catches.append(Catch(code, tag, label))
        return (bt, tuple(catches)), pos
    if kind == K_ARRAY_DATA:
        state.uses_data_index = True
        x, pos = read_unsigned(data, pos, 32)
        y, pos = read_unsigned(data, pos, 32)
        return (x, y), pos
    if kind == K_REFTYPE or kind == K_REFTYPE_NULL:
        heap, pos = read_heaptype(data, pos)
        return ref_type(heap, kind == K_REFTYPE_NULL), pos
    if kind == K_BR_ON_CAST:
        at = pos
        flags = data[pos]
        if flags > 3:
            raise malformed("malformed br_on_cast flags", at)
        label, pos = read_unsigned(data, pos + 1, 32)
        h1, pos = read_heaptype(data, pos)
        h2, pos = read_heaptype(data, pos)
        return (label, ref_type(h1, bool(flags & 1)), ref_type(h2, bool(flags & 2))), pos
    raise AssertionError(f"unhandled immediate kind {kind}")  # pragma: no cover


def _read_memarg(data: bytes, pos: int,
                 state: ExprState) -> tuple[tuple[int, int, int], int]:
    """(alignment exponent, offset, memory index). Wasm 3.0: flags below
    2^6 are the alignment; 2^6 set says a memory index follows; the offset
    is a u64 (validation checks it against the memory's index type)."""
    flags, pos = read_unsigned(data, pos, 32)
    mem = 0
    if not state.multi_memory:
        if flags >= _MAX_ALIGN_FLAGS:
            raise malformed("malformed memop flags", pos - 1)
        offset, pos = read_unsigned(data, pos, 32)
        return (flags, offset, 0), pos
    if flags >= 2 * _MEM_INDEX_FLAG:
        raise malformed("malformed memop flags", pos - 1)
    if flags & _MEM_INDEX_FLAG:
        flags -= _MEM_INDEX_FLAG
        mem, pos = read_unsigned(data, pos, 32)
    offset, pos = read_unsigned(data, pos, 64)
    return (flags, offset, mem), pos


def _read_zero(data: bytes, pos: int) -> int:
    """A reserved byte that Wasm 2.0 requires to be exactly 0x00 (a memory
    index in later proposals); returns the position after it."""
    if data[pos] != 0:
        raise malformed("zero byte expected", pos)
    return pos + 1


def _read_len(data: bytes, pos: int) -> tuple[int, int]:
    """A vector length: a u32 no larger than the bytes left (counted from
    the length itself, as the reference interpreter does)."""
    n, end = read_unsigned(data, pos, 32)
    if n > len(data) - pos:
        raise malformed("length out of bounds", pos)
    return n, end
