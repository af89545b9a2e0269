"""``wasmlite.component``: the component model API of wasmtime-py 50's
``wasmtime.component`` (``import wasmlite.component as component``).

The type classes are the resolved types of ``syntax/component_types.py``;
values are as ``runtime/component_values.py`` describes."""
from ..syntax.component_types import (Bool, BorrowType, Char, ComponentInstanceType,
                                      ComponentType, EnumType, ErrorContext, F32, F64,
                                      FlagsType, FuncType, FutureType, ListType, ModuleType,
                                      OptionType, OwnType, RecordType, ResourceType, ResultType,
                                      S8, S16, S32, S64, StreamType, String, TupleType, U8, U16,
                                      U32, U64, ValType, VariantType)
from ..runtime.component_resources import ResourceAny, ResourceHost
from ..runtime.component_values import Record, Variant
from ._component import Component, ExportIndex
from ._func import Func
from ._instance import Instance
from ._linker import Linker, LinkerInstance

__all__ = ["Bool", "BorrowType", "Char", "Component", "ComponentInstanceType", "ComponentType",
           "EnumType", "ErrorContext", "ExportIndex", "F32", "F64", "FlagsType", "Func",
           "FuncType", "FutureType", "Instance", "Linker", "LinkerInstance", "ListType",
           "ModuleType", "OptionType", "OwnType", "Record", "RecordType", "ResourceAny",
           "ResourceHost", "ResourceType", "ResultType", "S8", "S16", "S32", "S64",
           "StreamType", "String", "TupleType", "U8", "U16", "U32", "U64", "ValType",
           "Variant", "VariantType"]
