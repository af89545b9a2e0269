"""Validation: the WebAssembly 2.0 type checker.

``validate.py`` (module-level rules, ModuleInfo / FuncInfo), ``func.py``
(function bodies: operand and control stacks), ``func_bytes.py`` (the same
for a body still in the binary, read straight from its bytes), ``const.py``
(constant expressions).
"""
from .validate import FuncInfo, ModuleInfo, validate_module

__all__ = ["FuncInfo", "ModuleInfo", "validate_module"]
