"""``Config.profiler = "perfmap"``: name wasm code for Linux ``perf``.

perf reads ``/tmp/perf-PID.map``: one ``START SIZE NAME`` line (hex start
and size) per JIT-compiled symbol. Each compiled function gets a line
``wasm[MODULE]::function[INDEX]::NAME`` (the module and function names
from the name section when there is one). A function's size is the gap to
the next code address of its module (functions and trampolines are laid
out in order); the last one, whose end is not known, gets 16 bytes.
"""
from __future__ import annotations

import bisect
import os
import threading

from ..syntax.types import ExternKind

__all__ = ["perfmap_path", "perfmap_lines", "write_perfmap"]

_LAST_SIZE = 16
_lock = threading.Lock()


def perfmap_path(pid: int | None = None) -> str:
    return f"/tmp/perf-{os.getpid() if pid is None else pid}.map"


def perfmap_lines(compiled) -> list[str]:
    """The map lines of a CompiledModule's defined functions (none for a
    module that has no native code yet, e.g. one run by the interpreter)."""
    ptrs = getattr(compiled, "function_ptrs", None)
    library = getattr(compiled, "library", None)
    if not ptrs or library is None:
        return []
    module = compiled.module
    names = module.names
    module_name = (names.module if names is not None and names.module else "<unknown>")
    nimp = module.num_imported(ExternKind.FUNC)
    addresses = sorted({a for a in library.addresses if a})
    lines = []
    for i, start in enumerate(ptrs):
        if not start:
            continue
        index = nimp + i
        at = bisect.bisect_right(addresses, start)
        size = addresses[at] - start if at < len(addresses) else _LAST_SIZE
        func = names.funcs.get(index) if names is not None else None
        label = f"wasm[{module_name}]::function[{index}]"
        if func:
            label += f"::{func}"
        lines.append(f"{start:x} {max(size, 1):x} {label}\n")
    return lines


def write_perfmap(compiled) -> None:
    """Append the lines of ``compiled`` to this process's perf map."""
    lines = perfmap_lines(compiled)
    if not lines:
        return
    with _lock, open(perfmap_path(), "a", encoding="utf-8") as f:
        f.writelines(lines)
