"""``Config.profiler = "perfmap"``: name wasm code for Linux ``perf``.

perf reads ``/tmp/perf-PID.map``: one ``START SIZE NAME`` line (hex start
and size) per JIT-compiled symbol. Each compiled function gets a line
``wasm[MODULE]::function[INDEX]::NAME`` (the module and function names
from the name section when there is one). A function's size is its
symbol's size in the object file when known, else the gap to the next code
address of its module (functions and trampolines are laid out in order);
the last one, whose end is not known, gets 16 bytes.

Code that arrives later gets its lines when it is installed: tier-up's
batches (tiering.py: the cheap code, then the full level's, each a line of
its own, at its own address) and OSR entries, named
``wasm[MODULE]::function[INDEX]::NAME::osr``.
"""
from __future__ import annotations

import bisect
import os
import threading

from ..syntax.types import ExternKind

__all__ = ["perfmap_path", "perfmap_lines", "write_perfmap", "library_functions",
           "library_lines", "write_lines", "module_symbols"]

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
    return library_lines(compiled.module, library, module_symbols(compiled), ptrs)


def module_symbols(compiled) -> list[str]:
    """The compiler's symbols of a CompiledModule's defined functions."""
    nimp = compiled.module.num_imported(ExternKind.FUNC)
    return [f"f{nimp + i}" for i in range(len(compiled.module.funcs))]


def _label(module, index: int, osr: bool) -> str:
    names = module.names
    module_name = names.module if names is not None and names.module else "<unknown>"
    func = names.funcs.get(index) if names is not None else None
    label = f"wasm[{module_name}]::function[{index}]"
    if func:
        label += f"::{func}"
    return label + "::osr" if osr else label


def library_functions(module, library, symbols: list[str],
                      starts: list[int]) -> list[tuple[str, int, int]]:
    """(name, start, size) of functions ``symbols`` (``f<index>`` or
    ``f<index>.osr``, as the compiler names them) of a code library, at
    ``starts``: a module's, or a tier-up batch's."""
    sizes = getattr(library, "func_sizes", None) or {}
    addresses = sorted({a for a in library.addresses if a})
    out = []
    for symbol, start in zip(symbols, starts):
        if not start:
            continue
        size = sizes.get(symbol)
        if not size:
            at = bisect.bisect_right(addresses, start)
            size = addresses[at] - start if at < len(addresses) else _LAST_SIZE
        index = int(symbol[1:].split(".")[0])
        out.append((_label(module, index, symbol.endswith(".osr")), start, max(size, 1)))
    return out


def library_lines(module, library, symbols: list[str], starts: list[int]) -> list[str]:
    """The map lines of ``library_functions``."""
    return [f"{start:x} {size:x} {name}\n"
            for name, start, size in library_functions(module, library, symbols, starts)]


def write_lines(lines: list[str]) -> None:
    """Append ``lines`` to this process's perf map."""
    if not lines:
        return
    with _lock, open(perfmap_path(), "a", encoding="utf-8") as f:
        f.writelines(lines)


def write_perfmap(compiled) -> None:
    """Append the lines of ``compiled`` to this process's perf map."""
    write_lines(perfmap_lines(compiled))
