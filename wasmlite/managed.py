"""``Managed``: ``close()`` and ``with`` for the objects wasmtime-py frees
explicitly (Engine, Store, Module, Linker, Config, WasiConfig, the types).

Closing releases what the object holds (``_release``) and marks it closed;
using a closed object raises ValueError, as wasmtime-py does. Closing twice
does nothing. Objects wasmlite holds in Python are also released by the
garbage collector, so closing is optional, as it is in wasmtime-py.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Managed", "closed_error"]


def closed_error(obj: object) -> ValueError:
    """The error for using ``obj`` after ``close()``."""
    return ValueError(f"already closed: this {type(obj).__name__} was closed "
                      f"and can no longer be used")


class Managed:
    """Base of every closable API object."""

    __slots__ = ("_closed",)

    def _release(self) -> None:
        """Drop what the object holds; subclasses override it."""

    @property
    def _is_closed(self) -> bool:
        """True once ``close()`` ran."""
        try:
            return self._closed
        except AttributeError:
            return False

    def close(self) -> None:
        """Release this object; using it afterwards raises ValueError."""
        if self._is_closed:
            return
        self._closed = True
        self._release()

    def _check_open(self) -> None:
        if self._is_closed:
            raise closed_error(self)

    def __enter__(self) -> Any:
        self._check_open()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
