"""The ``spectest`` host module the spec test scripts import.

Same contents as the reference interpreter's ``spectest``: print functions
(which print nothing here, so test output stays clean), four constant globals
holding 666 / 666.6, a funcref table of 10..20 elements and a memory of 1..2
pages.
"""
from __future__ import annotations

import struct

from ..runtime.export import ExportRecord
from ..runtime.externals import create_global, create_memory, create_table
from ..runtime.host import make_host_function
from ..syntax.types import (F32, F64, FUNCREF, I32, I64, FuncType, GlobalType,
                            Limits, MemoryType, TableType)

_PRINTS = {
    "print": (),
    "print_i32": (I32,),
    "print_i64": (I64,),
    "print_f32": (F32,),
    "print_f64": (F64,),
    "print_i32_f32": (I32, F32),
    "print_f64_f64": (F64, F64),
}


def _ignore(args: list[int]) -> list[int]:
    return []


def make_spectest(store) -> dict[str, ExportRecord]:
    """The spectest module's exports, created in ``store``."""
    exports: dict[str, ExportRecord] = {}
    for name, params in _PRINTS.items():
        exports[name] = make_host_function(store, FuncType(params, ()), _ignore)
    f32_bits = struct.unpack("<I", struct.pack("<f", 666.6))[0]
    f64_bits = struct.unpack("<Q", struct.pack("<d", 666.6))[0]
    exports["global_i32"] = create_global(store, GlobalType(I32, False), 666)
    exports["global_i64"] = create_global(store, GlobalType(I64, False), 666)
    exports["global_f32"] = create_global(store, GlobalType(F32, False), f32_bits)
    exports["global_f64"] = create_global(store, GlobalType(F64, False), f64_bits)
    exports["table"] = create_table(store, TableType(FUNCREF, Limits(10, 20)))
    exports["table64"] = create_table(store, TableType(FUNCREF, Limits(10, 20), True))
    exports["memory"] = create_memory(store, MemoryType(Limits(1, 2)))
    return exports
