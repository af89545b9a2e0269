"""Running one component call under wasmlite.component and wasmtime-py's
wasmtime.component and comparing what each gives (tests of component
values and resources, issue 15).

Values are written once in a neutral form (``R`` for a record, ``V`` for a
variant case, the rest plain Python) and made each runtime's own classes by
``to_runtime``; results come back through ``neutral``. An outcome is either
("ok", neutral value) or ("error", exception); two outcomes agree when both
are the same value, or both are errors of the same kind (a WasmtimeError of
each runtime, or the same Python exception class) whose key line (the last
non-empty line: a trap's cause after its backtrace) is the same.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable, Dict, Tuple

import wasmtime
import wasmtime.component

import wasmlite
import wasmlite.component

WORLD = Path(__file__).parent / "components" / "world"

RUNTIMES: Dict[str, Tuple[Any, Any]] = {
    "wasmlite": (wasmlite, wasmlite.component),
    "wasmtime": (wasmtime, wasmtime.component),
}


class R:
    """A record, neutral: its fields by name."""

    def __init__(self, **fields: Any) -> None:
        self.fields = fields

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, R) and self.fields == other.fields

    def __repr__(self) -> str:
        return "R(" + ", ".join(f"{k}={v!r}" for k, v in self.fields.items()) + ")"


class V:
    """A variant case carrying its tag, neutral."""

    def __init__(self, tag: str, payload: Any = None) -> None:
        self.tag = tag
        self.payload = payload

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, V) and (self.tag, self.payload) == (other.tag, other.payload)

    def __repr__(self) -> str:
        return f"V({self.tag!r}, {self.payload!r})"


class NaN:
    """A NaN result (NaN != NaN, so results hold this instead)."""

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, NaN)

    def __repr__(self) -> str:
        return "NaN"


class Handle:
    """A resource handle in a result: only whether it is owned."""

    def __init__(self, owned: bool) -> None:
        self.owned = owned

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Handle) and self.owned == other.owned

    def __repr__(self) -> str:
        return f"Handle(owned={self.owned})"


def to_runtime(value: Any, C: Any) -> Any:
    """The neutral ``value`` made of runtime module ``C``'s classes."""
    if isinstance(value, R):
        r = C.Record()
        for k, v in value.fields.items():
            setattr(r, k, to_runtime(v, C))
        return r
    if isinstance(value, V):
        return C.Variant(value.tag, to_runtime(value.payload, C))
    if isinstance(value, list):
        return [to_runtime(v, C) for v in value]
    if isinstance(value, tuple):
        return tuple(to_runtime(v, C) for v in value)
    return value


def neutral(value: Any) -> Any:
    """A runtime's result made neutral (comparable across runtimes)."""
    if isinstance(value, (wasmlite.component.Record, wasmtime.component.Record)):
        return R(**{k: neutral(v) for k, v in vars(value).items()})
    if isinstance(value, (wasmlite.component.Variant, wasmtime.component.Variant)):
        return V(value.tag, neutral(value.payload))
    if isinstance(value, list):
        return [neutral(v) for v in value]
    if isinstance(value, tuple):
        return tuple(neutral(v) for v in value)
    if isinstance(value, float) and math.isnan(value):
        return NaN()
    if isinstance(value, (wasmlite.component.ResourceAny, wasmtime.component.ResourceAny)):
        return Handle(value.owned)
    return value


def outcome(fn: Callable[[], Any]) -> Tuple[str, Any]:
    try:
        return ("ok", neutral(fn()))
    except Exception as e:          # noqa: BLE001 - the error is the outcome
        return ("error", e)


def key_line(e: BaseException) -> str:
    lines = [line.strip() for line in str(e).splitlines() if line.strip()]
    return lines[-1] if lines else ""


def error_kind(e: BaseException) -> str:
    """'WasmtimeError' for either runtime's WasmtimeError (what guest faults
    and refused ABI values raise), else the Python exception's class."""
    if isinstance(e, (wasmlite.WasmtimeError, wasmtime.WasmtimeError)):
        return "WasmtimeError"
    return type(e).__name__


def describe(o: Tuple[str, Any]) -> str:
    if o[0] == "ok":
        return f"ok {o[1]!r}"
    return f"{type(o[1]).__name__} ({error_kind(o[1])}): {key_line(o[1])!r}"


def assert_same(lite: Tuple[str, Any], wt: Tuple[str, Any]) -> None:
    """Both runtimes gave the same value, or the same kind of error with
    the same key line."""
    detail = f"wasmlite: {describe(lite)}\nwasmtime: {describe(wt)}"
    assert lite[0] == wt[0], detail
    if lite[0] == "ok":
        assert lite[1] == wt[1], detail
    else:
        assert error_kind(lite[1]) == error_kind(wt[1]), detail
        assert key_line(lite[1]) == key_line(wt[1]), detail
