"""wasmlite: a WebAssembly runtime compiling to native code through LLVM.

The public names mirror the ``wasmtime`` Python package.
"""
from .errors import ExitTrap, Trap, TrapCode, WasmtimeError

__all__ = ["WasmtimeError", "Trap", "TrapCode", "ExitTrap"]
__version__ = "0.1.0"
