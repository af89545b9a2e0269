"""What happens when native wasm code arrives: a module compiled or loaded,
a tier-up batch or OSR entries installed. Profilers and debuggers are told
(Config.profiler = "perfmap": perfmap.py; Config.debug_info: gdbjit.py);
nothing is done, and nothing imported, for an engine that asks for neither."""
from __future__ import annotations

from typing import Any

__all__ = ["wanted", "code_arrived", "module_compiled", "trampolines_arrived",
           "interpreter_arrived"]


def wanted(rt: Any) -> bool:
    """Whether engine ``rt`` wants to hear of new code at all."""
    return getattr(rt, "profiler", "none") == "perfmap" or getattr(rt, "debug_info", False)


def code_arrived(rt: Any, module: Any, library: Any, symbols: list[str],
                 starts: list[int]) -> None:
    """Functions ``symbols`` (``f<index>``, ``f<index>.osr``) of code
    library ``library`` of ``module`` are at ``starts`` (before they run)."""
    if not wanted(rt):
        return
    from .perfmap import library_functions, write_lines
    functions = library_functions(module, library, symbols, starts)
    if getattr(rt, "profiler", "none") == "perfmap":
        write_lines([f"{start:x} {size:x} {name}\n" for name, start, size in functions])
    if getattr(rt, "debug_info", False):
        from .gdbjit import register_library
        register_library(library, functions)


def module_compiled(rt: Any, compiled: Any) -> None:
    """A CompiledModule (compiled now, or loaded from bytes) is ready."""
    if not wanted(rt) or getattr(compiled, "library", None) is None:
        return
    from .perfmap import module_symbols
    symbols, starts = module_symbols(compiled), list(compiled.function_ptrs)
    if getattr(rt, "debug_info", False):
        # the debugger unwinds through entry trampolines too: name them
        from .perfmap import library_functions
        from .gdbjit import register_library
        functions = library_functions(compiled.module, compiled.library, symbols, starts)
        # (the k-th distinct signature's trampoline is symbol entry<k>)
        sizes = getattr(compiled.library, "func_sizes", None) or {}
        for k, ((name, a, gap), sym) in enumerate(zip(_sized(compiled.library, [
                (f"wasm entry trampoline {ft}", a)
                for ft, a in compiled.entry_trampolines.items()]),
                [f"entry{k}" for k in range(len(compiled.entry_trampolines))])):
            functions.append((name, a, sizes.get(sym) or gap))
        register_library(compiled.library, functions)
    if getattr(rt, "profiler", "none") == "perfmap":
        from .perfmap import library_lines, write_lines
        write_lines(library_lines(compiled.module, compiled.library, symbols, starts))


def _sized(library: Any, named: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """(name, address, size): each size the gap to the next code address
    of ``library`` (16 bytes for the last)."""
    import bisect
    addresses = sorted({a for a in library.addresses if a})
    out = []
    for name, a in named:
        at = bisect.bisect_right(addresses, a)
        out.append((name, a, addresses[at] - a if at < len(addresses) else 16))
    return out


def trampolines_arrived(rt: Any, library: Any, named: list[tuple[str, int]]) -> None:
    """Host or entry trampolines (``named``: (name, address)) of a library
    of their own: named for the debugger."""
    if getattr(rt, "debug_info", False):
        from .gdbjit import register_library
        register_library(library, _sized(library, named))


_interpreter_announced = False


def interpreter_arrived(rt: Any) -> None:
    """The interpreter's libraries (handlers, stubs), once per process,
    for an engine with debug_info: the debugger names interpreter frames
    (``wasmlite::interp_call``, ``wasmlite::h_i32_add``...)."""
    global _interpreter_announced
    if not getattr(rt, "debug_info", False) or _interpreter_announced:
        return
    _interpreter_announced = True
    from ..interp.library import interpreter
    from .gdbjit import register_library
    it = interpreter()
    by_library: dict[int, list[tuple[str, int]]] = {}
    for lib in it.libraries:
        own = set(lib.addresses)
        by_library[id(lib)] = [(f"wasmlite::{s}", a) for s, a in it.address.items()
                               if a in own]
    for lib in it.libraries:
        register_library(lib, _sized(lib, by_library[id(lib)]))
