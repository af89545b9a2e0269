"""Names of wasmtime-py whose proposals wasmlite does not implement yet:
``SharedMemory`` (threads).

They exist so that code importing them, or testing ``isinstance`` against
them, keeps working; making one raises a WasmtimeError that says so, instead
of the AttributeError a missing name would give.
"""
from __future__ import annotations

from typing import Any, NoReturn

from .errors import WasmtimeError
from .managed import Managed

__all__ = ["SharedMemory"]


def _unsupported(name: str, proposal: str) -> NoReturn:
    raise WasmtimeError(f"{name} is not supported by wasmlite yet: it needs the "
                        f"{proposal} proposal, which comes in a later version")


class SharedMemory(Managed):
    """A memory shared between threads (threads proposal): not supported yet."""

    def __init__(self, engine: Any, ty: Any) -> None:
        _unsupported("SharedMemory", "threads")

