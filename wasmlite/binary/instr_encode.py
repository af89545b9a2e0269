"""Encoding flat instruction lists (the reverse of ``instr_decode``).

Each row of the instruction table is precomputed into its opcode bytes and
immediate kind; encoding is then one dict lookup and one byte-string append
per instruction plus the immediates, always in their minimal LEB128 form.
"""
from __future__ import annotations

from .instr_decode import (K_BLOCK, K_BR_TABLE, K_BYTES16, K_CALL_INDIRECT,
                           K_CATCH, K_CATCH_ALL, K_DATA, K_DELEGATE, K_ELSE, K_END,
                           K_F32, K_F64, K_HEAPTYPE, K_I32, K_I64, K_IDX, K_IDX_PAIR,
                           K_ILLEGAL, K_LANE, K_MEMARG, K_MEMARG_LANE, K_MEMORY_COPY,
                           K_MEMORY_INIT, K_NONE, K_RETHROW, K_SELECT_T, K_THROW,
                           K_THROW_REF, K_TRY, K_TRY_TABLE, K_ZERO, ONE_BYTE, PREFIXED,
                           K_ARRAY_DATA, K_BR_ON_CAST, K_REFTYPE, K_REFTYPE_NULL)
from ..syntax.types import HEAP_CODES
from .leb128 import write_signed, write_unsigned

# Op -> (opcode bytes, immediate kind), for every row the decoder knows
_ENCODING: dict = {}
for _entry in ONE_BYTE:
    if _entry[0] is not None and _entry[1] != K_ILLEGAL:
        _ENCODING[_entry[0]] = (bytes((_entry[0].code,)), _entry[1])
for _prefix, _table in PREFIXED.items():
    for _code, (_op, _kind) in _table.items():
        if _kind != K_ILLEGAL:
            _ENCODING[_op] = (bytes((_prefix,)) + write_unsigned(_code), _kind)

_NO_IMMEDIATE = (K_NONE, K_END, K_ELSE, K_THROW_REF, K_CATCH_ALL)
# exception handling's kinds with one u32 immediate (tag or label)
_ONE_INDEX = (K_THROW, K_RETHROW, K_CATCH, K_DELEGATE)
# flags bit of a memarg that says a memory index follows (multi-memory)
_MEMARG_HAS_MEMORY = 0x40


def encode_expr(out: bytearray, expr: list) -> bool:
    """Append the encoding of ``expr`` to ``out``. Returns whether it uses a
    data index (memory.init / data.drop), which requires a data count
    section."""
    table = _ENCODING
    u32 = write_unsigned
    uses_data = False
    for ins in expr:
        try:
            opbytes, kind = table[ins.op]
        except KeyError:
            raise ValueError(f"cannot encode instruction {ins.op!r}") from None
        out += opbytes
        if kind in _NO_IMMEDIATE:
            continue
        imm = ins.imm
        if kind == K_IDX:
            if 0 <= imm < 0x80:
                out.append(imm)
            else:
                out += u32(imm)
        elif kind == K_I32 or kind == K_I64:
            out += write_signed(imm)
        elif kind == K_MEMARG or kind == K_MEMARG_LANE:
            _memarg(out, imm)
            if kind == K_MEMARG_LANE:
                out.append(imm[3])
        elif kind == K_BLOCK or kind == K_TRY:
            _blocktype(out, imm)
        elif kind == K_F32:
            out += imm.to_bytes(4, "little")
        elif kind == K_F64:
            out += imm.to_bytes(8, "little")
        elif kind == K_BR_TABLE:
            targets, default = imm
            out += u32(len(targets))
            for t in targets:
                out += u32(t)
            out += u32(default)
        elif kind == K_CALL_INDIRECT or kind == K_IDX_PAIR \
                or kind == K_MEMORY_COPY:
            out += u32(imm[0])
            out += u32(imm[1])
        elif kind == K_ZERO:
            out += u32(imm)
        elif kind == K_DATA:
            uses_data = True
            out += u32(imm)
        elif kind == K_MEMORY_INIT:
            uses_data = True
            out += u32(imm[0])
            out += u32(imm[1])
        elif kind == K_SELECT_T:
            out += u32(len(imm))
            for t in imm:
                out += valtype_bytes(t)
        elif kind == K_HEAPTYPE:
            out += heaptype_bytes(imm.heap)
        elif kind == K_BYTES16:
            if len(imm) != 16:
                raise ValueError(f"{ins.op.name} needs 16 bytes, got {len(imm)}")
            out += imm
        elif kind == K_LANE:
            out.append(imm)
        elif kind in _ONE_INDEX:
            out += u32(imm)
        elif kind == K_TRY_TABLE:
            bt, catches = imm
            _blocktype(out, bt)
            out += u32(len(catches))
            for c in catches:
                out.append(c.kind)
                if c.kind < 2:               # catch, catch_ref: a tag index
                    out += u32(c.tag)
                out += u32(c.label)
        elif kind == K_ARRAY_DATA:
            uses_data = True
            out += u32(imm[0])
            out += u32(imm[1])
        elif kind == K_REFTYPE or kind == K_REFTYPE_NULL:
            out += heaptype_bytes(imm.heap)
        elif kind == K_BR_ON_CAST:
            label, t1, t2 = imm
            out.append(int(t1.nullable) | 2 * int(t2.nullable))
            out += u32(label)
            out += heaptype_bytes(t1.heap)
            out += heaptype_bytes(t2.heap)
        else:  # pragma: no cover - every kind of the table is handled above
            raise AssertionError(f"unhandled immediate kind {kind} of {ins.op}")
    return uses_data


def _blocktype(out: bytearray, bt) -> None:
    if bt is None:
        out.append(0x40)
    elif isinstance(bt, int):
        out += write_signed(bt)
    else:
        out += valtype_bytes(bt)


def heaptype_bytes(heap: object) -> bytes:
    """An abstract heap type's byte, or a type index as an s33."""
    if type(heap) is int:
        return write_signed(heap)
    try:
        return bytes((HEAP_CODES[heap],))
    except (KeyError, TypeError):
        raise ValueError(f"cannot encode heap type {heap!r}") from None


def valtype_bytes(t) -> bytes:
    """A value type: one byte, or (ref null? ht) as 0x63/0x64 and its heap
    type (the shorthand byte where a nullable abstract one has one)."""
    if t.code == 0x63 or t.code == 0x64:
        return bytes((t.code,)) + heaptype_bytes(t.heap)
    return bytes((t.code,))


def _memarg(out: bytearray, imm: tuple) -> None:
    align, offset, memory = imm[0], imm[1], imm[2]
    if memory:
        out += write_unsigned(align | _MEMARG_HAS_MEMORY)
        out += write_unsigned(memory)
    else:
        out += write_unsigned(align)
    out += write_unsigned(offset)
