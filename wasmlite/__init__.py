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
from .wasi import DirPerms, FilePerms, WasiConfig

__all__ = ["WasmtimeError", "Trap", "TrapCode", "ExitTrap", "Frame",
           "Config", "Engine", "Store", "Module", "wat2wasm", "Instance",
           "InstanceExports", "InstancePre", "Linker", "Func", "Caller",
           "Memory", "Table", "Global", "Val", "ValType", "FuncType", "Limits",
           "MemoryType", "TableType", "GlobalType", "ImportType", "ExportType",
           "WasiConfig", "DirPerms", "FilePerms", "Managed", "Storelike",
           "StoreContext", "SharedMemory", "Tag", "TagType", "ThrownException"]
__version__ = "0.1.0"
