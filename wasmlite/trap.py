"""Traps: ``Trap``, ``TrapCode``, ``Frame`` and the wasm backtrace.

``Trap`` and ``TrapCode`` live in ``errors.py`` (every stage raises them);
this module adds the frames of a trap raised by wasm code: the runtime
reports the function index of each frame it knows of, innermost first, and
the names come from the module's name section (``0x1a - fac!fac``).
"""
from __future__ import annotations

from typing import Optional

from .errors import Trap, TrapCode

__all__ = ["Trap", "TrapCode", "Frame"]


class Frame:
    """One frame of a wasm backtrace."""

    __slots__ = ("func_index", "func_name", "module_name", "func_offset",
                 "module_offset")

    def __init__(self, func_index: int, func_name: Optional[str],
                 module_name: Optional[str], func_offset: int, module_offset: int) -> None:
        self.func_index = func_index
        self.func_name = func_name
        self.module_name = module_name
        self.func_offset = func_offset
        self.module_offset = module_offset

    def __str__(self) -> str:
        module = self.module_name if self.module_name is not None else "<unknown>"
        func = (self.func_name if self.func_name is not None
                else f"<wasm function {self.func_index}>")
        return f"{self.module_offset:>#8x} - {module}!{func}"

    def __repr__(self) -> str:
        return f"<Frame {self}>"


def frame_of(instance, func_index: int) -> Frame:
    """The Frame for function ``func_index`` of a runtime instance (offsets:
    where the function's body starts in the module binary)."""
    module = instance.module
    names = module.names
    nimp = len(instance.imported_funcs)
    offset = module.funcs[func_index - nimp].offset if func_index >= nimp else 0
    return Frame(func_index,
                 names.funcs.get(func_index) if names is not None else None,
                 names.module if names is not None else None,
                 0, offset)


def add_frames(exc: BaseException, store) -> None:
    """Give a trap raised by wasm code its backtrace (a Trap a host function
    raised keeps its own frames)."""
    if type(exc) is not Trap or exc.frames:
        return
    frames = getattr(exc, "wasm_frames", None)
    if not frames:
        return
    rt = store._rt
    out = []
    for vmctx, index in frames:
        instance = rt._instances.get(vmctx)
        if instance is not None:
            out.append(frame_of(instance, index))
    exc.frames = out
