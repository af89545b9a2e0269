"""Number literals of the text format: integers and IEEE floats as raw bits.

Floats are converted exactly: the literal denotes a rational number and the
result is that number rounded to nearest-even in the target format (never
through a second rounding, which would be wrong for f32). Every function
returns ``None`` when the token is not a literal of the requested kind and
raises ``OverflowError`` when it is one but its value is out of range; the
parser turns both into ``TextParseError`` with the right wording.
"""
from __future__ import annotations

import re
import struct
from typing import Optional

_DEC = r"[0-9](?:_?[0-9])*"
_HEX = r"[0-9a-fA-F](?:_?[0-9a-fA-F])*"

NAT_RE = re.compile(rf"0x({_HEX})|({_DEC})")
INT_RE = re.compile(rf"([+-]?)(?:0x({_HEX})|({_DEC}))")
FLOAT_RE = re.compile(
    rf"([+-]?)(?:"
    rf"0x({_HEX})(?:\.({_HEX})?)?(?:[pP]([+-]?{_DEC}))?"   # hex float
    rf"|({_DEC})(?:\.({_DEC})?)?(?:[eE]([+-]?{_DEC}))?"     # decimal float
    rf"|(inf)|nan(?::0x({_HEX}))?)")                         # inf / nan

# (mantissa bits, exponent bits) of each float format
F32_FORMAT = (23, 8)
F64_FORMAT = (52, 11)


def _digits(s: str) -> str:
    return s.replace("_", "") if "_" in s else s


def parse_nat(text: str) -> Optional[int]:
    """An unsigned literal (decimal or 0x hex), or None."""
    m = NAT_RE.fullmatch(text)
    if m is None:
        return None
    h, d = m.groups()
    return int(_digits(h), 16) if h is not None else int(_digits(d))


def parse_int(text: str, bits: int) -> Optional[int]:
    """An iN literal as a SIGNED int; accepts -2^(N-1) .. 2^N-1.

    None if not an integer literal; OverflowError if out of range.
    """
    if text.isdigit() and text.isascii():       # the common case, no regex
        sign, v = "", int(text)
    else:
        m = INT_RE.fullmatch(text)
        if m is None:
            return None
        sign, h, d = m.groups()
        v = int(_digits(h), 16) if h is not None else int(_digits(d))
    if sign == "-":
        if v > 1 << (bits - 1):
            raise OverflowError("constant out of range")
        return -v
    if v >= 1 << bits:
        raise OverflowError("constant out of range")
    return v - (1 << bits) if v >= 1 << (bits - 1) else v


def round_rational(num: int, den: int, fmt: tuple[int, int]) -> Optional[int]:
    """Bits (without sign) of the positive rational num/den rounded to
    nearest-even in the format ``fmt``; None if it rounds to infinity."""
    mbits, ebits = fmt
    bias = (1 << (ebits - 1)) - 1
    emin = 1 - bias
    # e = floor(log2(num/den)): start from the bit-length estimate, fix by one
    e = num.bit_length() - den.bit_length()
    if (num << -e if e < 0 else num) < (den << e if e > 0 else den):
        e -= 1
    if e < emin:
        e = emin          # subnormal: fixed exponent, fewer significant bits
    shift = mbits - e     # scale so the significand is an integer
    if shift >= 0:
        n, d = num << shift, den
    else:
        n, d = num, den << -shift
    q, r = divmod(n, d)
    twice = r << 1
    if twice > d or (twice == d and q & 1):
        q += 1
    if q >> (mbits + 1):  # rounding carried into the next binade
        q >>= 1
        e += 1
    if q >> mbits == 0:   # subnormal (or zero)
        return q
    biased = e + bias
    if biased >= (1 << ebits) - 1:
        return None
    return (biased << mbits) | (q & ((1 << mbits) - 1))


def _f32_midpoint_risk(d: float) -> bool:
    """True where rounding the f64 ``d`` to f32 may differ from rounding the
    exact literal: ``d`` exactly halfway between two f32s, or outside the
    f32 normal range where struct's conversion overflows or denormalizes."""
    a = abs(d)
    if a < 1.1754943508222875e-38 or a >= 1.7014118346046923e+38:
        return True
    bits = struct.unpack("<Q", struct.pack("<d", d))[0]
    return bits & 0x1FFFFFFF == 0x10000000


def _exact_decimal(mant: int, exp10: int, fmt: tuple[int, int]) -> Optional[int]:
    ndig = len(str(mant))
    if exp10 + ndig > 400:          # far beyond any finite float
        return None
    if exp10 + ndig < -400:         # far below the smallest subnormal
        return 0
    if exp10 >= 0:
        return round_rational(mant * 10 ** exp10, 1, fmt)
    return round_rational(mant, 10 ** -exp10, fmt)


def parse_float(text: str, fmt: tuple[int, int]) -> Optional[int]:
    """A float literal as the raw bit pattern of ``fmt`` (F32_FORMAT or
    F64_FORMAT); None if not a float literal; OverflowError if its value
    rounds to infinity or its NaN payload is out of range."""
    m = FLOAT_RE.fullmatch(text)
    if m is None:
        return None
    sign, hint, hfrac, hexp, dint, dfrac, dexp, inf, payload = m.groups()
    mbits, ebits = fmt
    sign_bit = (1 << (mbits + ebits)) if sign == "-" else 0
    exp_all = ((1 << ebits) - 1) << mbits
    if inf is not None:
        return sign_bit | exp_all
    if hint is None and dint is None:   # nan
        if payload is None:
            return sign_bit | exp_all | (1 << (mbits - 1))
        p = int(_digits(payload), 16)
        if p == 0 or p >> mbits:
            raise OverflowError("constant out of range")
        return sign_bit | exp_all | p
    if hint is not None:
        frac = _digits(hfrac) if hfrac else ""
        mant = int(_digits(hint) + frac, 16)
        exp2 = (int(_digits(hexp)) if hexp else 0) - 4 * len(frac)
        if mant == 0:
            return sign_bit
        top = mant.bit_length() + exp2
        if top > 2000:
            raise OverflowError("constant out of range")
        if top < -2000:
            return sign_bit
        bits = (round_rational(mant << exp2, 1, fmt) if exp2 >= 0
                else round_rational(mant, 1 << -exp2, fmt))
    else:
        frac = _digits(dfrac) if dfrac else ""
        mant = int(_digits(dint) + frac)
        exp10 = (int(_digits(dexp)) if dexp else 0) - len(frac)
        if mant == 0:
            return sign_bit
        bits = _decimal_bits(mant, exp10, fmt)
    if bits is None:
        raise OverflowError("constant out of range")
    return sign_bit | bits


def _decimal_bits(mant: int, exp10: int, fmt: tuple[int, int]) -> Optional[int]:
    # Python's float() rounds decimal strings correctly to f64; reuse it
    # where that is exactly right and fall back to integer arithmetic.
    if -400 < exp10 < 400:
        d = float(f"{mant}e{exp10}")
        if fmt is F64_FORMAT:
            if d == float("inf"):
                return None
            return struct.unpack("<Q", struct.pack("<d", d))[0]
        if d != float("inf") and not _f32_midpoint_risk(d):
            return struct.unpack("<I", struct.pack("<f", d))[0]
    return _exact_decimal(mant, exp10, fmt)


def f32_bits(text: str) -> Optional[int]:
    return parse_float(text, F32_FORMAT)


def f64_bits(text: str) -> Optional[int]:
    return parse_float(text, F64_FORMAT)
