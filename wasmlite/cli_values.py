"""Values on the command line: ``run --invoke`` arguments and results,
read and written as Wasmtime's CLI (``wasmtime run --invoke``) does.

Arguments follow Rust's ``str::parse``: an integer is decimal with an
optional sign (``+5``, ``-1``, ``007``), or hexadecimal after ``0x``/``0X``
with the sign after the prefix (``0x10`` is 16, ``0x-1`` is -1, ``-0x10`` is
an error). It must fit the parameter's *signed* type: for an i32,
``2147483648`` and ``0xffffffff`` are "number too large to fit in target
type", nothing wraps. No spaces, no ``_``, no ``0b``/``0o``. A float is
decimal (``1.5``, ``.5``, ``5.``, ``1e3``) or ``inf``/``infinity``/``nan``
in any case, rounded once to the parameter's type (``1e40`` is inf for an
f32); hexadecimal floats are not accepted. v128 and reference parameters
cannot be given on the command line.

Results are printed as Rust's ``Display``: integers signed, floats as the
shortest decimal that reads back as the same value and never in exponent
form (``1000``, ``-0``, ``0.0000001``, ``NaN``, ``inf``), a v128 as one
unsigned 128-bit decimal integer, references as ``<funcref>``,
``<null funcref>``, ``<externref>``, ``<null externref>``, and so for
``anyref`` (every Wasm GC reference) and ``exnref``, as the wasmtime CLI.
"""
from __future__ import annotations

import math
import re
import struct
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .errors import WasmtimeError
from .syntax.types import EXTERNREF, F32, F64, FUNCREF, I32, I64, V128, ValType

_INT_BITS = {I32: 32, I64: 64}
_DIGITS = {10: frozenset("0123456789"), 16: frozenset("0123456789abcdefABCDEF")}
_FLOAT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
_SPECIAL = re.compile(r"[+-]?(inf|infinity|nan)\Z", re.IGNORECASE)


class ArgumentError(WasmtimeError):
    """A command-line argument that does not parse as its parameter's type."""


def _parse_int(text: str, bits: int) -> int:
    body, radix = (text[2:], 16) if text[:2] in ("0x", "0X") else (text, 10)
    if not body:
        raise ArgumentError("cannot parse integer from empty string")
    digits = body[1:] if body[0] in "+-" else body
    if not digits or not set(digits) <= _DIGITS[radix]:
        raise ArgumentError("invalid digit found in string")
    value = int(body, radix)
    if value >= 1 << (bits - 1):
        raise ArgumentError("number too large to fit in target type")
    if value < -(1 << (bits - 1)):
        raise ArgumentError("number too small to fit in target type")
    return value


def round_to_f32(text: str) -> float:
    """The f32 nearest to the decimal ``text`` (ties to even), rounded once:
    going through the nearest f64 first can land on a tie that is not one."""
    wide = float(text)
    if wide == 0.0 or math.isinf(wide):
        return wide
    exact = abs(Fraction(text))
    exp = exact.numerator.bit_length() - exact.denominator.bit_length()
    if Fraction(2) ** exp > exact:
        exp -= 1                                    # now 2**exp <= exact < 2**(exp+1)
    exp = max(exp, -126)                            # subnormals share the least exponent
    scaled = exact / Fraction(2) ** (exp - 23)      # the significand, 24 bits and a fraction
    mantissa = round(scaled)                        # Fraction rounds half to even
    value = math.ldexp(mantissa, exp - 23)
    if value >= 2.0 ** 128:
        value = math.inf
    return math.copysign(value, wide)


def _parse_float(text: str, ty: ValType) -> float:
    if not text:
        raise ArgumentError("cannot parse float from empty string")
    special = _SPECIAL.match(text)
    if special:
        value = math.nan if special.group(1).lower() == "nan" else math.inf
        return -value if text[0] == "-" else value
    if not _FLOAT.match(text):
        raise ArgumentError("invalid float literal")
    return round_to_f32(text) if ty is F32 else float(text)


def parse_arg(text: str, ty: ValType) -> Any:
    """A command-line argument as the Python value of a ``ty`` parameter."""
    try:
        if ty in _INT_BITS:
            return _parse_int(text, _INT_BITS[ty])
        if ty is F32 or ty is F64:
            return _parse_float(text, ty)
    except ArgumentError as e:
        raise ArgumentError(f"failed to parse argument {text!r} as {ty}: {e}") from None
    raise ArgumentError(f"unsupported argument type {_type_text(ty)}")


def _type_text(ty: ValType) -> str:
    if ty is FUNCREF:
        return "(ref null func)"
    if ty is EXTERNREF:
        return "(ref null extern)"
    return str(ty)


def _shortest_f32(x: float) -> str:
    """The shortest decimal (in e-notation) that reads back as the f32 ``x``."""
    for digits in range(1, 10):
        text = f"{x:.{digits - 1}e}"
        try:
            if struct.unpack("<f", struct.pack("<f", float(text)))[0] == x:
                return text
        except OverflowError:         # rounded up past the largest f32
            continue
    return repr(x)


def format_float(x: float, ty: ValType) -> str:
    """A float result as Rust's Display writes it (no exponent, ``NaN``, ``inf``)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    shortest = _shortest_f32(x) if ty is F32 else repr(x)
    return format(Decimal(shortest).normalize(), "f")


def format_result(value: Any, ty: ValType) -> str:
    """One result of ``--invoke``, from the Python value the API returned."""
    if ty in _INT_BITS:
        return str(value)
    if ty is F32 or ty is F64:
        return format_float(value, ty)
    if ty is V128:
        return str(value & ((1 << 128) - 1))
    # by hierarchy, as the wasmtime CLI: a typed or GC reference prints as
    # its top (funcref, externref, anyref, exnref)
    kind = {"func": "funcref", "extern": "externref", "any": "anyref",
            "exn": "exnref"}.get(ty.top.heap, "externref")
    return f"<null {kind}>" if value is None else f"<{kind}>"
