"""Instantiating and calling compiled modules (the runtime half).

Public runtime-level names (the public API wraps these):
``RuntimeEngine``, ``RuntimeStore``, ``instantiate``, ``RuntimeInstance``,
``invoke``, ``make_host_function``, ``create_memory`` / ``create_table`` /
``create_global``, and the export records ``ExportFunction``,
``ExportTable``, ``ExportMemory``, ``ExportGlobal``.
"""
from .call import call_plan, invoke
from .engine import RuntimeEngine
from .export import (ExportFunction, ExportGlobal, ExportMemory, ExportRecord,
                     ExportTable)
from .externals import create_global, create_memory, create_table
from .host import make_host_function
from .instance import RuntimeInstance, instantiate
from .store import RuntimeStore

__all__ = ["RuntimeEngine", "RuntimeStore", "RuntimeInstance", "instantiate",
           "invoke", "call_plan", "make_host_function", "create_memory", "create_table",
           "create_global", "ExportFunction", "ExportTable", "ExportMemory",
           "ExportGlobal", "ExportRecord"]
