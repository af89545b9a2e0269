"""The "name" custom section: module, function and local names.

Decoding is forgiving by design: the spec makes the name section optional
metadata, so a malformed one yields ``None`` and the module still decodes.
"""
from __future__ import annotations

from typing import Optional

from ..errors import MalformedError
from ..syntax.module import NameSection
from .leb128 import read_unsigned, write_unsigned

_MODULE, _FUNCS, _LOCALS = 0, 1, 2


def decode_names(payload: bytes) -> Optional[NameSection]:
    """Parse a name section's payload; None if it is malformed."""
    try:
        return _decode(payload)
    except (MalformedError, IndexError, UnicodeDecodeError, ValueError):
        return None


def _decode(data: bytes) -> NameSection:
    names = NameSection()
    pos = 0
    end = len(data)
    while pos < end:
        sub_id = data[pos]
        size, pos = read_unsigned(data, pos + 1, 32)
        sub_end = pos + size
        if sub_end > end:
            raise ValueError("name subsection out of bounds")
        if sub_id == _MODULE:
            names.module, pos = _name(data, pos, sub_end)
        elif sub_id == _FUNCS:
            names.funcs, pos = _name_map(data, pos, sub_end)
        elif sub_id == _LOCALS:
            count, pos = read_unsigned(data, pos, 32)
            if count > sub_end - pos:
                raise ValueError("local name count out of bounds")
            locals_: dict[int, dict[int, str]] = {}
            for _ in range(count):
                func, pos = read_unsigned(data, pos, 32)
                locals_[func], pos = _name_map(data, pos, sub_end)
            names.locals = locals_
        else:
            pos = sub_end           # other subsections (labels, types...): skip
        if pos != sub_end:
            raise ValueError("name subsection size mismatch")
    return names


def _name(data: bytes, pos: int, limit: int) -> tuple[str, int]:
    n, pos = read_unsigned(data, pos, 32)
    if pos + n > limit:
        raise ValueError("name out of bounds")
    return bytes(data[pos:pos + n]).decode("utf-8"), pos + n


def _name_map(data: bytes, pos: int, limit: int) -> tuple[dict[int, str], int]:
    count, pos = read_unsigned(data, pos, 32)
    if count > limit - pos:
        raise ValueError("name map count out of bounds")
    result: dict[int, str] = {}
    for _ in range(count):
        idx, pos = read_unsigned(data, pos, 32)
        result[idx], pos = _name(data, pos, limit)
    return result, pos


# ------------------------------------------------------------------ encoding

def encode_names(names: NameSection) -> bytes:
    """The payload of a name section (without the section's own name)."""
    out = bytearray()
    if names.module is not None:
        _subsection(out, _MODULE, _enc_name(names.module))
    if names.funcs:
        _subsection(out, _FUNCS, _enc_name_map(names.funcs))
    if names.locals:
        body = bytearray(write_unsigned(len(names.locals)))
        for func in sorted(names.locals):
            body += write_unsigned(func)
            body += _enc_name_map(names.locals[func])
        _subsection(out, _LOCALS, bytes(body))
    return bytes(out)


def _subsection(out: bytearray, sub_id: int, body: bytes) -> None:
    out.append(sub_id)
    out += write_unsigned(len(body))
    out += body


def _enc_name(name: str) -> bytes:
    raw = name.encode("utf-8")
    return write_unsigned(len(raw)) + raw


def _enc_name_map(mapping: dict[int, str]) -> bytes:
    out = bytearray(write_unsigned(len(mapping)))
    for idx in sorted(mapping):
        out += write_unsigned(idx)
        out += _enc_name(mapping[idx])
    return bytes(out)
