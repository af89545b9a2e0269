"""The binary format: ``decode_module(bytes) -> Module`` and its reverse."""
from .decode import decode_module


def encode_module(module):
    """encode.py's ``encode_module`` (imported at the first use: the
    encoder's tables cost every process ~1-2 ms of import, and running a
    binary module never encodes one)."""
    from .encode import encode_module as encode
    return encode(module)

__all__ = ["decode_module", "encode_module"]
