"""What compiled code depends on outside wasmlite: llvmlite's build (and so
LLVM's) and the CPU LLVM compiles for, found without importing llvmlite.

Importing llvmlite.binding and starting LLVM cost a process ~35-80 ms, and
looking up a compiled module in a cache, or checking a serialized one, must
not pay that before it knows whether it will compile anything. llvmlite's
version file stands for its build (each llvmlite release pins one LLVM),
and the first CPU's model and feature flags in /proc/cpuinfo for what LLVM
sees as the host CPU (both come from CPUID, after the kernel's masking).
Where either cannot be read (no /proc, an unusual install), LLVM is asked.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import sys

_value: str = ""


def llvm_and_cpu() -> str:
    """A string that changes when llvmlite's build or the host CPU does."""
    global _value
    if not _value:
        try:
            _value = f"{_llvmlite_version()} {os.uname().machine} {sys.platform}\n{_cpu()}"
        except (OSError, StopIteration, AttributeError, TypeError):
            _value = _ask_llvm()
    return _value


def _llvmlite_version() -> str:
    spec = importlib.util.find_spec("llvmlite")
    folder = next(iter(spec.submodule_search_locations))
    with open(os.path.join(folder, "_version.py"), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:32]


def _cpu() -> str:
    """The first CPU's model and feature flags."""
    with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
        text = f.read().split("\n\n", 1)[0]
    keep = [line for line in text.splitlines()
            if line.split(":", 1)[0].strip() in ("vendor_id", "cpu family", "model", "model name",
                                                 "flags", "Features", "CPU implementer", "CPU part")]
    if not keep:
        raise OSError("no CPU description")
    return "\n".join(keep)


def _ask_llvm() -> str:
    import llvmlite
    import llvmlite.binding as llvm

    from . import jit
    return " ".join([llvmlite.__version__, ".".join(map(str, llvm.llvm_version_info)),
                     jit._init()["triple"], llvm.get_host_cpu_name(), jit.target_features()])
