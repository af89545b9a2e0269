"""LEB128 integers: reading with the spec's exact limits, and minimal writing.

Readers take the whole binary and a position and return ``(value, new_pos)``.
They index ``data`` directly, so reading past the end raises ``IndexError``;
the decoder turns that into the spec's "unexpected end" error at one place
instead of checking bounds on every byte of the hot path.

The limits follow the reference interpreter: an N-bit integer takes at most
ceil(N/7) bytes ("integer representation too long" beyond that), and the
unused bits of the last byte must be zero (unsigned) or copies of the sign
bit (signed), else "integer too large".
"""
from __future__ import annotations

from ..errors import MalformedError

TOO_LONG = "integer representation too long"
TOO_LARGE = "integer too large"


def read_unsigned(data: bytes, pos: int, bits: int) -> tuple[int, int]:
    """Read an unsigned LEB128 integer of at most ``bits`` bits."""
    result = 0
    shift = 0
    left = bits                      # value bits still allowed
    while True:
        if left <= 0:
            raise MalformedError(f"{TOO_LONG} (at offset {pos})")
        b = data[pos]
        if left < 7 and (b & 0x7F) >> left:
            raise MalformedError(f"{TOO_LARGE} (at offset {pos})")
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7
        left -= 7


def read_signed(data: bytes, pos: int, bits: int) -> tuple[int, int]:
    """Read a signed LEB128 integer of at most ``bits`` bits."""
    result = 0
    shift = 0
    left = bits
    while True:
        if left <= 0:
            raise MalformedError(f"{TOO_LONG} (at offset {pos})")
        b = data[pos]
        if left < 7:
            # the sign bit and every unused bit above it must agree
            mask = (-1 << (left - 1)) & 0x7F
            high = b & mask
            if high != 0 and high != mask:
                raise MalformedError(f"{TOO_LARGE} (at offset {pos})")
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            if b & 0x40:
                result -= 1 << shift
            return result, pos
        left -= 7


def read_u32(data: bytes, pos: int) -> tuple[int, int]:
    b = data[pos]
    if b < 0x80:                     # one-byte fast path: most indices
        return b, pos + 1
    return read_unsigned(data, pos, 32)


def read_s32(data: bytes, pos: int) -> tuple[int, int]:
    b = data[pos]
    if b < 0x40:
        return b, pos + 1
    return read_signed(data, pos, 32)


def read_s33(data: bytes, pos: int) -> tuple[int, int]:
    return read_signed(data, pos, 33)


def read_s64(data: bytes, pos: int) -> tuple[int, int]:
    b = data[pos]
    if b < 0x40:
        return b, pos + 1
    return read_signed(data, pos, 64)


# ------------------------------------------------------------------ writing

def write_unsigned(value: int) -> bytes:
    """Minimal unsigned LEB128 encoding of ``value`` (>= 0)."""
    if value < 0:
        raise ValueError(f"negative value {value} for an unsigned LEB128")
    if value < 0x80:
        return bytes((value,))
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7
        if value:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def write_signed(value: int) -> bytes:
    """Minimal signed LEB128 encoding of ``value``."""
    if -0x40 <= value < 0x40:
        return bytes((value & 0x7F,))
    out = bytearray()
    while True:
        b = value & 0x7F
        value >>= 7               # arithmetic shift keeps the sign
        if (value == 0 and not b & 0x40) or (value == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)
