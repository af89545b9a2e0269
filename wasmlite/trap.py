"""Traps: ``Trap``, ``TrapCode``, ``Frame`` and the wasm backtrace.

``Trap`` and ``TrapCode`` live in ``errors.py`` (every stage raises them);
this module adds the frames of a trap raised by wasm code: the runtime
reports the function index of each frame it knows of, innermost first, and
the names come from the module's name section (``0x1a - fac!fac``).
"""
from __future__ import annotations

from typing import Optional

from .demangle import demangle
from .errors import Trap, TrapCode
from .syntax.types import ExternKind

__all__ = ["Trap", "TrapCode", "Frame"]


# a frame whose instruction is not known (Wasmtime's, for a stack overflow
# caught at function entry): usize::MAX, printed without an offset
UNKNOWN_OFFSET = (1 << 64) - 1
_IP_TAG = 1 << 63


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
        func = (demangle(self.func_name) if self.func_name is not None
                else f"<wasm function {self.func_index}>")
        if self.module_offset == UNKNOWN_OFFSET:
            return f"{module}!{func}"
        return f"{self.module_offset:>#8x} - {module}!{func}"

    def __repr__(self) -> str:
        return f"<Frame {self}>"


def module_frame(module, compiled, func_index: int, where: Optional[int]) -> Frame:
    """The Frame of function ``func_index`` of a syntax module at ``where``:
    an instruction's byte offset in the binary, an interpreter ip tagged
    with bit 63 (resolved through ``compiled``, the InterpModule), or None
    (not known)."""
    names = module.names
    nimp = module.num_imported(ExternKind.FUNC)
    func = module.funcs[func_index - nimp] if func_index >= nimp else None
    if where is not None and where & _IP_TAG and where != UNKNOWN_OFFSET:
        lookup = getattr(compiled, "wasm_offset", None)
        where = (lookup(func_index - nimp, where & ~_IP_TAG)
                 if lookup is not None and func is not None else None)
    if where is None or func is None:
        func_offset = module_offset = UNKNOWN_OFFSET
    else:
        module_offset = where + module.binary_offset
        func_offset = where - func.body_offset
    return Frame(func_index,
                 names.funcs.get(func_index) if names is not None else None,
                 names.module if names is not None else None,
                 func_offset, module_offset)


def frame_of(instance, func_index: int, where: Optional[int] = None) -> Frame:
    """The Frame for function ``func_index`` of a runtime instance."""
    return module_frame(instance.module, instance.compiled, func_index, where)


def add_frames(exc: BaseException, store) -> None:
    """Give a trap raised by wasm code its backtrace (a Trap a host function
    raised keeps its own frames): ``exc.wasm_frames`` (runtime/trap.py),
    innermost first, as ("site", vmctx, func_index, where) for the trapping
    function, then ("code", module, ...) and ("interp", InterpModule, ...)
    for the frames the stack walk found."""
    if not isinstance(exc, Trap) or exc.frames:     # (ThrownException too)
        return
    frames = getattr(exc, "wasm_frames", None)
    if not frames:
        return
    rt = store._rt
    out = []
    for kind, owner, index, where in frames:
        if len(out) == MAX_FRAMES:
            break
        if kind == "site":
            instance = rt._instances.get(owner)
            if instance is None:
                continue
            if exc.trap_code is TrapCode.STACK_OVERFLOW:
                where = None           # caught at function entry: no instruction
            out.append(frame_of(instance, index, where))
        elif kind == "code":
            out.append(module_frame(owner, None, index, where))
        else:                          # "interp": owner is the InterpModule
            out.append(module_frame(owner.module, owner, index, where))
    exc.frames = out


# wasmtime-py reports the innermost 20 frames
MAX_FRAMES = 20
