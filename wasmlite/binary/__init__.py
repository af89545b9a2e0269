"""The binary format: ``decode_module(bytes) -> Module`` and its reverse."""
from .decode import decode_module
from .encode import encode_module

__all__ = ["decode_module", "encode_module"]
