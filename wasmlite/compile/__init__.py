"""Compiler: validated syntax.Module -> native code via LLVM (llvmlite).

Public entry points:
  compile_module(module, info=None, signatures=None, opt_level=2) -> CompiledModule
  HostTrampolines(signatures=None, opt_level=2).get(functype) -> HostTrampoline
  SignatureRegistry, VMContextLayout (layout contract in vmcontext.py)
"""
import importlib

# where each public name lives; imported on first use (PEP 562) so that
# importing one submodule (say compile.vmcontext, for the interpreter) does
# not import the whole compiler and LLVM with it
_EXPORTS = {"compile_module": "module", "module_ir": "module", "CompiledModule": "module",
            "HostTrampolines": "module", "HostTrampoline": "trampolines",
            "compile_host_trampoline": "trampolines", "SignatureRegistry": "signatures",
            "CompileError": "translate", "VMContextLayout": "vmcontext"}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    where = _EXPORTS.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{where}", __name__), name)
    globals()[name] = value
    return value
