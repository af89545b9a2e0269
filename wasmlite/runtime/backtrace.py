"""A trap's wasm call chain, from what the trap routine left in the store's
backtrace buffer (compile/memory.py ``_BACKTRACE_WALK``).

The buffer holds the native frames of the rbp chain as (frame pointer,
return address) and the interpreter's frames as (frame, InterpFunc*, ip of
the call it is making). A return address that is a wasm call site
(compile/callsites.py) is a compiled frame; the rest (trampolines, stubs,
handlers, interp_call) are not wasm frames and are dropped. Compiled and
interpreted frames live on the same native stack, so sorting them by
address puts them in call order, innermost first.
"""
from __future__ import annotations

from typing import Any

from ..compile import callsites
from ..compile import vmcontext as vm
from ..interp.module import module_of_desc

IP_TAG = 1 << 63     # runtime/trap.py: an interpreter ip, not a wasm offset


def walked(store: Any, skip_innermost_interp: bool) -> list[tuple]:
    """The frames the last trap's walk found, innermost first, as
    ``("code", module, func_index, wasm_offset)`` or ``("interp",
    InterpModule, func_index, tagged ip)``; the buffer is emptied.
    ``skip_innermost_interp``: the innermost interpreter frame trapped
    itself (its trap site is reported apart)."""
    buf = getattr(store, "backtrace_buffer", None)
    if buf is None:
        return []
    n_native = min(buf[0], vm.BT_NATIVE_CAP)
    n_interp = min(buf[1], vm.BT_INTERP_CAP)
    buf[0] = buf[1] = 0
    found: list[tuple[int, tuple]] = []
    # record 0 is the trap routine's own frame: its caller is the trapping
    # function, which the trap site names
    for k in range(1, n_native):
        hit = callsites.lookup(buf[3 + 2 * k])
        if hit is not None:
            found.append((buf[2 + 2 * k], ("code",) + hit))
    limit = None
    if n_native == vm.BT_NATIVE_CAP and found:
        limit = buf[2 + 2 * (n_native - 1)]    # interpreter frames past this: unordered
    base = 2 + 2 * vm.BT_NATIVE_CAP
    for k in range(n_interp):
        frame, desc, ip = buf[base + 3 * k], buf[base + 3 * k + 1], buf[base + 3 * k + 2]
        if k == 0 and skip_innermost_interp:
            continue
        if not ip or (limit is not None and frame > limit):
            continue        # running its OSR entry (whose frames are compiled ones)
        owner = module_of_desc(desc)
        if owner is None:
            continue
        im, i = owner
        found.append((frame, ("interp", im, im.nimported + i, ip | IP_TAG)))
    found.sort(key=lambda e: e[0])
    return [e for _a, e in found]
