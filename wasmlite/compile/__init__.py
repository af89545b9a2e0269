"""Compiler: validated syntax.Module -> native code via LLVM (llvmlite).

Public entry points:
  compile_module(module, info=None, signatures=None, opt_level=2) -> CompiledModule
  HostTrampolines(signatures=None, opt_level=2).get(functype) -> HostTrampoline
  SignatureRegistry, VMContextLayout (layout contract in vmcontext.py)
"""
from .module import CompiledModule, HostTrampolines, compile_module, module_ir
from .trampolines import HostTrampoline, compile_host_trampoline
from .signatures import SignatureRegistry
from .translate import CompileError
from .vmcontext import VMContextLayout

__all__ = ["compile_module", "module_ir", "CompiledModule", "HostTrampoline",
           "HostTrampolines", "SignatureRegistry", "VMContextLayout", "CompileError"]
