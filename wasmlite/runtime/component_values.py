"""Component values as Python holds them, as wasmtime-py's
``wasmtime.component`` represents them (the canonical ABI lifts into these
and lowers from them; the API re-exports them):

- bool, the integers, f32/f64 (float), char (a 1-character str), string (str);
- list: a Python list (``list<u8>``: bytes; bytes/bytearray accepted);
- record: a ``Record`` with one attribute per field, named as WIT spells
  it (``getattr(r, "mean-length")``, as in wasmtime-py); ``r.mean_length``
  reads that field too, and records compare equal whichever spelling made them;
- tuple: a Python tuple;
- variant, option, result: a ``Variant(tag, payload)`` when the cases'
  Python classes overlap; otherwise the payload itself (option: None or the
  value); enum: the case's name (str); flags: a set of names;
- own/borrow: a resource object of the API (ResourceAny / ResourceHost).

``Case(tag, payload)``, a wasmlite addition, names a case outright for any
variant, option or result (tagged or not).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


class Record:
    """A record value: its fields are attributes."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)

    def __getattr__(self, name: str) -> Any:
        # Only reached when `name` is not an attribute: `mean_length` for the
        # field WIT spells `mean-length` (WIT names never hold `_`).
        if "_" in name:
            fields = self.__dict__
            wit = name.replace("_", "-")
            if wit in fields:
                return fields[wit]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute {name!r}")

    def _by_wit_name(self) -> dict:
        return {k.replace("_", "-"): v for k, v in self.__dict__.items()}

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return self._by_wit_name() == other._by_wit_name()

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"Record({inner})"


@dataclass
class Variant:
    """A case of a variant (or option/result) whose cases need a tag."""
    tag: str
    payload: Optional[Any] = None


@dataclass
class Case(Variant):
    """A case named outright, taken for any variant, option or result
    whether or not its values carry a tag (a wasmlite addition: the
    command line's values use it, so no value's case is guessed from its
    Python class)."""
