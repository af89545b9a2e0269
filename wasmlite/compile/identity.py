"""What compiled code depends on outside wasmlite: llvmlite's build (and so
LLVM's) and the CPU LLVM compiles for, found without importing llvmlite.

Importing llvmlite.binding and starting LLVM cost a process ~35-80 ms, and
looking up a compiled module in a cache, or checking a serialized one, must
not pay that before it knows whether it will compile anything. llvmlite's
version file stands for its build (each llvmlite release pins one LLVM),
and the first CPU's model and feature flags in /proc/cpuinfo for what LLVM
sees as the host CPU (both come from CPUID, after the kernel's masking).
Where either cannot be read (no /proc, an unusual install), LLVM is asked.
What it depends on inside wasmlite, its source files, counts by
``source_stamps``.
"""
from __future__ import annotations

import os
import sys

_value: str = ""


def source_stamps(folder: str) -> list[str]:
    """``name size mtime_ns`` of each ``.py`` file of ``folder``, by name: a
    change of the source shows, without reading it (as Python's bytecode
    cache trusts the same). os.scandir, not Path.glob (glob compiles a
    regex: ~1 ms), nor listdir + os.stat (~0.1 ms more)."""
    with os.scandir(folder) as found:
        entries = sorted((e.name, e) for e in found if e.name.endswith(".py"))
    out = []
    for name, e in entries:
        st = e.stat()
        out.append(f"{name} {st.st_size} {st.st_mtime_ns}")
    return out


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
    """llvmlite's version file by size and modification time, as
    source_stamps counts wasmlite's files: another release, or the same
    one installed again, writes it anew (a stat, against ~60 µs to read
    and checksum it)."""
    st = os.stat(os.path.join(_llvmlite_folder(), "_version.py"))
    return f"{st.st_size}-{st.st_mtime_ns}"


def _llvmlite_folder() -> str:
    """Where ``import llvmlite`` finds the package: the first entry of
    sys.path that holds it as a regular package (importlib.util.find_spec
    only where that is not so: its import and search cost ~0.4 ms)."""
    mod = sys.modules.get("llvmlite")
    if mod is not None and getattr(mod, "__file__", None):
        return os.path.dirname(mod.__file__)
    for entry in sys.path:
        folder = os.path.join(entry or os.getcwd(), "llvmlite")
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            return folder
        if os.path.exists(folder) or os.path.exists(folder + ".py"):
            break           # something else answers to the name: ask importlib
    import importlib.util
    spec = importlib.util.find_spec("llvmlite")
    return next(iter(spec.submodule_search_locations))


def _cpu() -> str:
    """The first CPU's model and feature flags (read up to the end of its
    block only: the kernel makes /proc/cpuinfo a CPU at a time, each with a
    frequency sample)."""
    fd = os.open("/proc/cpuinfo", os.O_RDONLY)
    try:
        data = b""
        while b"\n\n" not in data:
            chunk = os.read(fd, 1 << 14)
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    text = data.decode("utf-8", "replace").split("\n\n", 1)[0]
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
