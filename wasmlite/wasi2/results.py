"""How a WASI 0.2 function ends: ``result<T, E>`` values and the errors
that become their ``err`` case.

Every ``result`` the host returns is ``Variant('ok', v)`` or
``Variant('err', e)`` (made here, by ``ok``/``err`` only, so the
representation can change in one place). Inside the implementations a
failure is raised, not returned: ``Failure(payload)`` ends the call with
``err(payload)``; the ``*_result`` decorators of the other modules turn
host errors (OSError, the preview-1 sandbox's WasiError) into payloads.
A trap (a guest mistake Wasmtime traps on) is a WasmtimeError instead.
"""
from __future__ import annotations

import functools
from typing import Any, Callable

from ..runtime.component_values import Variant

__all__ = ["ok", "err", "Failure", "fallible", "is_ok"]


def ok(value: Any = None) -> Variant:
    """The ``ok`` case of a ``result``."""
    return Variant("ok", value)


def err(payload: Any = None) -> Variant:
    """The ``err`` case of a ``result``."""
    return Variant("err", payload)


def is_ok(status: Any) -> bool:
    """Whether a guest-given ``result`` value is its ``ok`` case."""
    if not isinstance(status, Variant) or status.tag not in ("ok", "err"):
        raise TypeError(f"expected a result (Variant 'ok' or 'err'), got {status!r}")
    return status.tag == "ok"


class Failure(Exception):
    """Ends a call that returns ``result<T, E>`` with ``err(payload)``."""

    def __init__(self, payload: Any) -> None:
        super().__init__(payload)
        self.payload = payload


def fallible(convert: Callable[[BaseException], Any], *catch: type) -> Callable:
    """A decorator for an implementation returning ``result<T, E>``: its
    return value becomes ``ok(value)``, a Failure ``err(payload)``, and an
    exception of the ``catch`` classes ``err(convert(exc))``."""
    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def call(*args: Any) -> Variant:
            try:
                value = fn(*args)
            except Failure as e:
                return err(e.payload)
            except catch as e:             # noqa: B030 (a tuple of classes)
                return err(convert(e))
            return ok(value)
        call.fallible = True
        return call
    return wrap
