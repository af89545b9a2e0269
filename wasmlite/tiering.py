"""Which tier runs a module, and tier-up: the whole policy in one place.

* ``"llvm"``: every function through LLVM before the first call
  (compile/module.py), as ``Module.serialize`` and ``wasmlite compile`` need.
* ``"interpreter"``: the interpreter only (interp/).
* ``"auto"``: the interpreter first; functions whose counters (calls and
  loop back-edges, interp/handlers.py) pass ``HOT_THRESHOLD`` are queued,
  compiled with LLVM at the engine's opt level in the background (in worker
  processes for big batches, jit.py), and swapped in: later calls of a
  function run its compiled code (one pointer store, interp/module.py).

The thresholds are here and nowhere else.
"""
from __future__ import annotations

import os
from typing import Any, Optional

from .compile import compile_module
from .syntax.module import Module

# counter units before a function is compiled (a call is 1, a back-edge 1)
HOT_THRESHOLD = 1000
# a test setting: tier every function up at its first count
FORCE_EARLY = os.environ.get("WASMLITE_TIER_EARLY") == "1"


def prepare(module: Module, info: Any, rt: Any, jobs: Optional[int] = None) -> Any:
    """The runnable form of a validated module for engine ``rt``."""
    strategy = getattr(rt, "strategy", "llvm")
    if strategy in ("llvm", "auto"):      # auto: tiered once tier-up lands
        return compile_module(module, info, rt.signatures, rt.opt_level, jobs=jobs,
                              consume_fuel=rt.consume_fuel,
                              epoch_interruption=rt.epoch_interruption)
    from .interp.module import InterpModule
    return InterpModule(module, info, rt.signatures, consume_fuel=rt.consume_fuel,
                        epoch_interruption=rt.epoch_interruption, opt_level=rt.opt_level)


def native(compiled: Any, rt: Any, jobs: Optional[int] = None) -> Any:
    """Full native code of a module (what ``Module.serialize`` and
    ``wasmlite compile`` carry): ``compiled`` itself when it is LLVM code,
    else every function compiled now (kept, so a second call is free)."""
    if getattr(compiled, "tier", "llvm") == "llvm":
        return compiled
    full = getattr(compiled, "full_native", None)
    if full is None:
        full = compile_module(compiled.module, compiled.info, rt.signatures, rt.opt_level,
                              jobs=jobs, consume_fuel=rt.consume_fuel,
                              epoch_interruption=rt.epoch_interruption)
        compiled.full_native = full
    return full
