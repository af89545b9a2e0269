"""``Func`` of ``wasmlite.component``: a component function of an
instance, called with Python values as wasmtime-py 50 does."""
from __future__ import annotations

from typing import Any, Callable

from ..errors import Trap, WasmtimeError
from ..runtime.component_trap import ComponentTrap
from ..store import store_of, wrong_store
from ..syntax.component_types import FuncType

__all__ = ["Func"]


def as_component_error(trap: Trap) -> ComponentTrap:
    """A core wasm trap as the WasmtimeError a component call raises: the
    same cause, code and backtrace."""
    error = ComponentTrap(trap.cause, trap.trap_code, trap.frames)
    error.__traceback__ = trap.__traceback__
    return error


class Func:
    """An exported component function: ``func(store, *params)`` lowers the
    Python values, runs the callee, lifts its result (None for none)."""

    __slots__ = ("_store", "_type", "_call", "_post_return")

    def __init__(self) -> None:
        raise WasmtimeError("Cannot directly construct a `Func`")

    @classmethod
    def _make(cls, store: Any, ty: FuncType, call: Callable, post_return: Callable) -> "Func":
        f = cls.__new__(cls)
        f._store = store
        f._type = ty
        f._call = call
        f._post_return = post_return
        return f

    def __call__(self, store: Any, *params: Any) -> Any:
        if store_of(store) is not self._store:
            raise wrong_store()
        if len(params) != len(self._type.params):
            raise TypeError("wrong number of parameters provided: given %s, expected %s"
                            % (len(params), len(self._type.params)))
        try:
            return self._call(*params)
        except Trap as e:
            if isinstance(e, WasmtimeError):
                raise
            # wasmtime-py raises a trap of a component call as WasmtimeError
            # (not Trap): the same trap, made one, so `except WasmtimeError`
            # catches it as it does there
            raise as_component_error(e) from None

    def post_return(self, store: Any) -> None:
        """Kept for wasmtime-py's API: the call runs post-return itself."""
        if store_of(store) is not self._store:
            raise wrong_store()
        self._post_return()

    def type(self, store: Any) -> FuncType:
        if store_of(store) is not self._store:
            raise wrong_store()
        return self._type
