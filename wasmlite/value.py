"""Values: ``Val`` and the conversions between Python values and raw bits.

Python side: ``int`` for i32/i64, wrapped to the type's width as
wasmtime-py wraps it (``2**32`` is 0 as an i32, ``2**31`` is ``-2**31``;
values and results are signed), ``float`` for f32/f64 (an int is taken
too in calls, globals and tables; ``Val.f32``/``Val.f64`` want a float, as
in wasmtime-py), ``int`` for v128 (128 bits), ``Func`` or None for funcref,
any object (None is null) for externref; a ``Val`` is accepted wherever a
value is. Runtime side: raw bits as the runtime stores them (unsigned ints;
a funcref is a VMFuncRef address, an externref a store handle).

Wrong Python types, and a Val of another wasm type, raise TypeError; a v128
out of range or a Func of another store raise WasmtimeError.
"""
from __future__ import annotations

import struct
from typing import Any

from .errors import WasmtimeError
from .syntax import types as S
from .types import ValType, _inner_valtype, wrap_valtype

__all__ = ["Val"]

I32_MIN, I32_MAX = -2**31, 2**32 - 1
I64_MIN, I64_MAX = -2**63, 2**64 - 1
_M32, _M64, _M128 = 2**32 - 1, 2**64 - 1, 2**128 - 1
_F32 = struct.Struct("<f")
_F64 = struct.Struct("<d")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")


def _signed(bits: int, width: int) -> int:
    bits &= (1 << width) - 1
    return bits - (1 << width) if bits >> (width - 1) else bits


def _int_arg(value: Any) -> int:
    if not isinstance(value, int):
        raise TypeError("expected an integer")
    return int(value)


def _float_arg(value: Any) -> float:
    if not isinstance(value, float):
        raise TypeError("expected a float")
    return float(value)


class Val:
    """A typed wasm value: ``Val.i32(5)``, ``Val.externref(obj)``, ..."""

    __slots__ = ("_type", "_value")

    def __init__(self, type: S.ValType, value: Any) -> None:
        self._type = type
        self._value = value

    @staticmethod
    def i32(value: int) -> "Val":
        """An i32; any int, wrapped to 32 bits and kept signed."""
        return Val(S.I32, _signed(_int_arg(value), 32))

    @staticmethod
    def i64(value: int) -> "Val":
        """An i64; any int, wrapped to 64 bits and kept signed."""
        return Val(S.I64, _signed(_int_arg(value), 64))

    @staticmethod
    def f32(value: float) -> "Val":
        """An f32 (the float rounded to single precision)."""
        return Val(S.F32, _F32.unpack(_F32.pack(_float_arg(value)))[0])

    @staticmethod
    def f64(value: float) -> "Val":
        return Val(S.F64, _float_arg(value))

    @staticmethod
    def v128(value: int) -> "Val":
        return Val(S.V128, to_v128(value))

    @staticmethod
    def externref(value: Any) -> "Val":
        if isinstance(value, Val):
            raise TypeError("a Val cannot be the payload of an externref")
        return Val(S.EXTERNREF, value)

    @staticmethod
    def funcref(value: Any) -> "Val":
        from .func import Func
        if value is not None and not isinstance(value, Func):
            raise TypeError(f"expected a Func or None, got {type(value).__name__}")
        return Val(S.FUNCREF, value)

    @staticmethod
    def ref_null(ty: ValType) -> "Val":
        t = _inner_valtype(ty)
        if not t.is_ref:
            raise WasmtimeError(f"ref_null needs a reference type, not {t}")
        return Val(t, None)

    @property
    def value(self) -> Any:
        return self._value

    @property
    def type(self) -> ValType:
        return wrap_valtype(self._type)

    def _as(self, t: S.ValType) -> Any:
        return self._value if self._type is t else None

    def as_i32(self):
        return self._as(S.I32)

    def as_i64(self):
        return self._as(S.I64)

    def as_f32(self):
        return self._as(S.F32)

    def as_f64(self):
        return self._as(S.F64)

    def as_v128(self):
        return self._as(S.V128)

    def as_externref(self):
        return self._as(S.EXTERNREF)

    def as_funcref(self):
        return self._as(S.FUNCREF)

    def __eq__(self, other: object) -> Any:
        """As in wasmtime-py: a Val equals a Val of the same type and value,
        and a plain value equal to its own (``Val.i32(3) == 3``)."""
        if isinstance(other, Val):
            return self._type is other._type and self._value == other._value
        return self._value == other

    __hash__ = None  # type: ignore[assignment]  # unhashable, as in wasmtime-py

    def __repr__(self) -> str:
        return f"Val.{self._type.name}({self._value!r})"


# -- Python value -> checked Python value (the slow paths of generated code) --

def _unwrap(value: Any, t: S.ValType) -> Any:
    if type(value) is Val:
        if value._type is not t:
            raise TypeError(f"wrong type of `Val` provided: expected {t}, got {value._type}")
        return value._value
    return value


def _int_for(value: Any, t: S.ValType) -> int:
    value = _unwrap(value, t)
    if not isinstance(value, int):
        raise TypeError(f"expected an int for {t}, got {type(value).__name__} {value!r}")
    return int(value)


def _int_in(value: Any, t: S.ValType, lo: int, hi: int) -> int:
    value = _int_for(value, t)
    if not lo <= value <= hi:
        raise WasmtimeError(f"integer {value} out of range for {t}")
    return value


def to_i32(value: Any) -> int:
    """An i32 argument, signed, wrapped to 32 bits as wasmtime-py does."""
    return _signed(_int_for(value, S.I32), 32)


def to_i64(value: Any) -> int:
    """An i64 argument, signed, wrapped to 64 bits as wasmtime-py does."""
    return _signed(_int_for(value, S.I64), 64)


def _float(value: Any, t: S.ValType) -> float:
    value = _unwrap(value, t)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise WasmtimeError(f"integer {value} is too large for {t}") from None
    raise TypeError(f"expected a float for {t}, got {type(value).__name__} {value!r}")


def to_f32(value: Any) -> float:
    return _float(value, S.F32)


def to_f64(value: Any) -> float:
    return _float(value, S.F64)


def to_v128(value: Any) -> int:
    return _int_in(value, S.V128, -2**127, _M128) & _M128


def to_funcref(value: Any, store) -> int:
    """Raw bits of a funcref argument (a Func of ``store``, or None)."""
    value = _unwrap(value, S.FUNCREF)
    if value is None:
        return 0
    from .func import Func
    if not isinstance(value, Func):
        raise TypeError(f"expected a Func or None for funcref, got {type(value).__name__}")
    if value._store is not store:
        raise WasmtimeError("a Func of another store cannot be used here")
    return value._record.funcref


def to_externref(value: Any, store) -> int:
    """Raw bits (a store handle) of an externref argument."""
    if type(value) is Val:
        value = _unwrap(value, S.EXTERNREF)
    return store._rt.extern_to_handle(value)


def to_exnref(value: Any, store) -> int:
    """Raw bits (a store handle) of an exnref argument: an exception object
    wasm made (``ThrownException.exn``, or an exnref a function returned), or
    None."""
    from .runtime.exceptions import Exn
    if type(value) is Val:
        value = value.value
    if value is not None and not isinstance(value, Exn):
        raise TypeError(f"expected an exception object (exnref) or None, "
                        f"got {type(value).__name__}")
    return store._rt.extern_to_handle(value)


def to_anyref(value: Any, store=None) -> int:
    """Raw bits of an anyref / eqref / i31ref argument: a GcRef wasm gave
    out (of ``store``'s heap), or None."""
    from .runtime.gc_values import GcRef
    if type(value) is Val:
        value = value.value
    if value is None:
        return 0
    if not isinstance(value, GcRef):
        raise TypeError(f"expected a GC reference (anyref) or None, got {type(value).__name__}")
    if store is not None and not value.belongs_to(store._rt.gc_heap):
        raise WasmtimeError("GC reference does not belong to this store")
    return value.bits


def any_of_raw(bits: int, store=None) -> Any:
    """The Python value of an anyref's raw bits: None, or a GcRef (which
    keeps the object it names alive)."""
    if not bits:
        return None
    from .runtime.gc_values import GcRef
    return GcRef(bits, store._rt.gc_heap if store is not None else None)


# -- raw bits <-> Python value, by type (globals, tables, slow paths) --------

def to_raw(t: S.ValType, value: Any, store) -> int:
    """The unsigned raw bits of ``value`` as a ``t``."""
    if not t.nullable and (value is None or (type(value) is Val and value.value is None)):
        # a (ref $t) global or table: wasm code relies on never reading null
        raise TypeError(f"None is not a value of the non-nullable {t}")
    t = t.top       # typed references: as their abstract type
    if t is S.I32:
        return to_i32(value) & _M32
    if t is S.I64:
        return to_i64(value) & _M64
    if t is S.F32:
        return _U32.unpack(_F32.pack(to_f32(value)))[0]
    if t is S.F64:
        return _U64.unpack(_F64.pack(to_f64(value)))[0]
    if t is S.V128:
        return to_v128(value)
    if t is S.FUNCREF:
        return to_funcref(value, store)
    if t is S.EXTERNREF:
        return to_externref(value, store)
    if t is S.EXNREF:
        return to_exnref(value, store)
    if t is S.ANYREF:
        return to_anyref(value, store)
    raise WasmtimeError(f"unsupported value type {t}")


def from_raw(t: S.ValType, bits: int, store) -> Any:
    """The Python value of raw bits ``bits`` of type ``t`` (ints signed)."""
    t = t.top       # a typed funcref: a Func
    if t is S.I32:
        bits &= _M32
        return bits - (1 << 32) if bits >> 31 else bits
    if t is S.I64:
        bits &= _M64
        return bits - (1 << 64) if bits >> 63 else bits
    if t is S.F32:
        return _F32.unpack(_U32.pack(bits & _M32))[0]
    if t is S.F64:
        return _F64.unpack(_U64.pack(bits & _M64))[0]
    if t is S.V128:
        return bits & _M128
    if t is S.FUNCREF:
        return func_of_raw(bits, store)
    if t is S.EXTERNREF or t is S.EXNREF:
        return store._rt.handle_to_extern(bits)
    if t is S.ANYREF:
        return any_of_raw(bits, store)
    raise WasmtimeError(f"unsupported value type {t}")


def func_of_raw(bits: int, store):
    """The Func a funcref's raw bits name in ``store`` (None for null)."""
    if not bits:
        return None
    from .func import Func
    return Func._wrap(store, store._rt.function_of_funcref(bits))


def normalize(t: S.ValType, value: Any, store) -> Any:
    """``value`` as wasm would hand it back: checked, ints signed, f32 rounded."""
    return from_raw(t, to_raw(t, value, store), store)
