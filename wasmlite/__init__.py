"""wasmlite: a WebAssembly runtime compiling to native code through LLVM.

The public names mirror the ``wasmtime`` Python package (core API): a
program written against wasmtime-py runs after ``import wasmlite as
wasmtime``.
"""
from .engine import Config, Engine
from .errors import ExitTrap, Trap, TrapCode, WasmtimeError
from .func import Caller, Func
from .global_ import Global
from .instance import Instance, InstanceExports
from .linker import InstancePre, Linker
from .managed import Managed
from .memory import Memory
from .module import Module, wat2wasm
from .store import Store, StoreContext, Storelike
from .table import Table
from .trap import Frame
from .types import (ExportType, FuncType, GlobalType, ImportType, Limits,
                    MemoryType, TableType, ValType)
from .unsupported import SharedMemory
from .tag import Tag, TagType, ThrownException
from .value import Val

__all__ = ["WasmtimeError", "Trap", "TrapCode", "ExitTrap", "Frame",
           "Config", "Engine", "Store", "Module", "wat2wasm", "Instance",
           "InstanceExports", "InstancePre", "Linker", "Func", "Caller",
           "Memory", "Table", "Global", "Val", "ValType", "FuncType", "Limits",
           "MemoryType", "TableType", "GlobalType", "ImportType", "ExportType",
           "WasiConfig", "DirPerms", "FilePerms", "Managed", "Storelike",
           "StoreContext", "SharedMemory", "Tag", "TagType", "ThrownException"]
__version__ = "0.1.0"

# WASI preview 1 is a package of its own (~5 ms of imports in a fresh
# process): loaded when a program first asks for one of its names, so that
# embedding a module without WASI never pays for it (PEP 562)
_WASI_NAMES = ("WasiConfig", "DirPerms", "FilePerms")


def __getattr__(name: str):
    if name in _WASI_NAMES:
        from . import wasi
        value = getattr(wasi, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list:
    return sorted(set(globals()) | set(_WASI_NAMES))
