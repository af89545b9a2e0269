"""Serialized compiled modules: the bytes behind ``Module.serialize``, the
``.cwasm`` files of ``wasmlite compile`` and the on-disk compile cache.

A serialized module is the object code LLVM emitted plus the module's
structure, so loading it skips the LLVM pipeline (the expensive part) and
only links::

    b"WASMLITE-CWASM\\0\\0"      magic
    u32 header length, header  JSON: fingerprint, opt level, table symbol,
                               code pointer count, function body offsets
    u64 length, module bytes   the module re-encoded by our own encoder with
                               every function body replaced by ``unreachable``
                               (bodies are compiled; the rest -- types,
                               imports, exports, segments, names -- is what
                               instantiation reads)
    u64 length, object code

No pickle: decoding a serialized module goes through the same decoder as any
module. The object code, though, is machine code that will run: like
Wasmtime's ``Module.deserialize``, only load bytes you produced or trust.
The fingerprint (wasmlite's version, llvmlite's build, the host CPU's model
and features (identity.py), a hash of the compiler's own source) must match
this process exactly; anything else is refused with a WasmtimeError.
"""
from __future__ import annotations

import json
import os
import re
import struct
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any, Optional

from ..binary.decode import decode_module
from ..errors import WasmtimeError
from ..records import replace
from ..syntax.instructions import OP_BY_NAME
from ..syntax.module import Func, Instr, Module

MAGIC = b"WASMLITE-CWASM\0\0"
_STUB_BODY = [Instr(OP_BY_NAME["unreachable"]), Instr(OP_BY_NAME["end"])]
_fingerprint: Optional[str] = None


def fingerprint() -> str:
    """What compiled code depends on besides the module itself: wasmlite's
    version and compiler source, llvmlite's build and the host CPU
    (identity.py: no LLVM started to know it)."""
    global _fingerprint
    if _fingerprint is None:
        from .. import __version__
        from .identity import llvm_and_cpu
        _fingerprint = json.dumps({
            "wasmlite": __version__, "llvm+cpu": llvm_and_cpu(),
            "compiler": _compiler_digest()}, sort_keys=True)
    return _fingerprint


def _blake2b() -> Any:
    """blake2b from CPython's built-in _blake2: hashlib loads OpenSSL first
    (~2.5 ms of every ``wasmlite run``)."""
    try:
        from _blake2 import blake2b
    except ImportError:                 # a build without the built-in hashes
        from hashlib import blake2b
    return blake2b


def _compiler_digest() -> str:
    """A digest of the compiler's own source (a layout or ABI change
    invalidates code even when the version number stays the same). Hashing
    the text costs ~3.5 ms a process, so the digest is kept in the cache
    folder under the files' stamps (identity.source_stamps); the text is
    read only when those change."""
    import zlib
    from .cache_dir import default_cache_folder, drop_stale, save_atomic
    from .identity import source_stamps
    here = os.path.dirname(os.path.abspath(__file__))
    stamp = "\n".join(source_stamps(here))
    memo = os.path.join(default_cache_folder(), f"compiler-{zlib.crc32(stamp.encode()):08x}")
    try:
        with open(memo) as f:
            kept_stamp, _, digest = f.read().rpartition("\n")
        if kept_stamp == stamp and len(digest) == 32:
            return digest
    except OSError:
        pass
    h = _blake2b()(digest_size=16)
    for line in stamp.split("\n"):
        name = line.split(" ", 1)[0]
        with open(os.path.join(here, name), "rb") as f:
            h.update(name.encode() + b"\0" + f.read())
    digest = h.hexdigest()
    save_atomic(memo, (stamp + "\n" + digest).encode())
    # one memo a machine: those of other versions of the source go
    drop_stale(os.path.dirname(memo), "compiler", os.path.basename(memo))
    return digest


def serialize(compiled: Any) -> bytes:
    """Bytes that ``deserialize`` turns back into ``compiled``'s equal."""
    module: Module = compiled.module
    stub = replace(module, funcs=[Func(f.type_idx, f.locals, _STUB_BODY, f.offset, f.body_offset)
                                  for f in module.funcs])
    header = json.dumps({
        "fingerprint": fingerprint(), "opt_level": compiled.opt_level,
        "consume_fuel": compiled.consume_fuel,
        "epoch_interruption": compiled.epoch_interruption,
        "nan_canonicalization": bool(getattr(compiled, "nan_canonicalization", False)),
        "symbol": compiled.table_symbol, "count": len(compiled.library.addresses),
        "offsets": [f.offset for f in module.funcs]}).encode()
    from ..binary.encode import encode_module
    wasm = encode_module(stub)
    obj = compiled.library.object_code
    return b"".join([MAGIC, struct.pack("<I", len(header)), header,
                     struct.pack("<Q", len(wasm)), wasm, struct.pack("<Q", len(obj)), obj])


def _split(data: bytes) -> tuple[dict, bytes, bytes]:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if not data.startswith(MAGIC):
        raise WasmtimeError("not a serialized wasmlite module (bad magic)")
    # the reasons say what is wrong with the file, not what the JSON or
    # struct decoder said about it
    try:
        pos = len(MAGIC)
        (n,) = struct.unpack_from("<I", data, pos)
        if pos + 4 + n > len(data):
            raise ValueError("it is truncated")
        try:
            header = json.loads(data[pos + 4:pos + 4 + n])
        except (ValueError, UnicodeDecodeError):
            raise ValueError("its header is damaged") from None
        pos += 4 + n
        (n,) = struct.unpack_from("<Q", data, pos)
        wasm = data[pos + 8:pos + 8 + n]
        pos += 8 + n
        (n,) = struct.unpack_from("<Q", data, pos)
        obj = data[pos + 8:pos + 8 + n]
        if len(obj) != n:
            raise ValueError("it is truncated")
        if pos + 8 + n != len(data):
            raise ValueError("it has bytes after its end")
    except struct.error:
        raise WasmtimeError("corrupt serialized module: it is truncated") from None
    except ValueError as e:
        raise WasmtimeError(f"corrupt serialized module: {e}") from None
    if not isinstance(header, dict) or header.get("fingerprint") != fingerprint():
        raise WasmtimeError("serialized module was compiled by a different wasmlite,"
                            " LLVM or CPU; compile it again")
    return header, wasm, obj


def deserialize(data: bytes, signatures: Any) -> Any:
    """A CompiledModule from ``serialize``'s bytes, linked into code memory."""
    from .module import CompiledModule
    header, wasm, obj = _split(data)
    try:
        module = decode_module(wasm)
    except WasmtimeError as e:
        raise WasmtimeError(f"corrupt serialized module: its module part is damaged ({e})") from None
    try:
        offsets, symbol, count = header["offsets"], header["symbol"], header["count"]
        opt_level = header["opt_level"]
        if len(offsets) != len(module.funcs):
            raise ValueError("function count mismatch")
        for f, off in zip(module.funcs, offsets):
            f.offset = int(off)
        from . import jit
        library = jit.link_object(obj, str(symbol), int(count))
    except (KeyError, TypeError, ValueError):
        raise WasmtimeError("corrupt serialized module: its header is damaged") from None
    except RuntimeError:
        # LLVM refused the object code or found no code table
        raise WasmtimeError("corrupt serialized module: its native code is damaged") from None
    return CompiledModule(module, None, library, signatures, symbol, opt_level,
                          bool(header.get("consume_fuel")),
                          bool(header.get("epoch_interruption")),
                          bool(header.get("nan_canonicalization")))


DEFAULT_CACHE_BYTES = 512 * 1024 * 1024   # Wasmtime's default soft limit for its cache
_STALE_TEMP_SECONDS = 3600.0               # a .tmp- file this old is a writer that died
# entries are DIR/ab/abcdef... (sha256 hex); other files under DIR are not ours
_KEY_FOLDER = re.compile(r"[0-9a-f]{2}")
_KEY = re.compile(r"[0-9a-f]{64}")


class DiskCache:
    """Serialized modules on disk, keyed by the wasm bytes, the opt level and
    the fingerprint. Writes are atomic (rename), so concurrent processes
    never read half a file; a corrupt or stale entry is recompiled. Each
    file ends with a CRC-32 of the entry: a damaged file (a flipped bit in
    its machine code) reads as a miss, never as code to run.

    The cache holds at most ``max_bytes`` of entries: after each write,
    entries are deleted least recently used first until it fits again
    (files under the directory that are not entries are left alone). Use is the
    file's mtime, set by every ``get`` (atime is often not kept by the file
    system); an entry bigger than the whole cap is not written at all."""

    def __init__(self, directory: str | os.PathLike, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.directory = Path(directory)
        self.max_bytes = max_bytes

    def key(self, wasm: bytes, settings: str) -> str:
        """``settings``: everything besides the bytes that shapes the code
        (opt level, fuel and epoch checks), spelled by the caller."""
        return self.keys(wasm, settings)[0]

    def keys(self, wasm: bytes, *settings: str) -> list[str]:
        """``key`` for each of ``settings``, the bytes hashed once (CPython
        for WASI: 20 MB, ~25 ms a pass; Module() asks for two keys)."""
        h = _blake2b()(fingerprint().encode(), digest_size=32)
        h.update(b"\0" + len(wasm).to_bytes(8, "little"))
        h.update(wasm)
        out = []
        for s in settings:
            k = h.copy()
            k.update(b"\0" + s.encode())
            out.append(k.hexdigest())
        return out

    def get(self, key: str) -> Optional[bytes]:
        path = self.directory / key[:2] / key
        try:
            data = path.read_bytes()
        except OSError:
            return None
        if len(data) < 4 or zlib.crc32(memoryview(data)[:-4]) != \
                struct.unpack_from("<I", data, len(data) - 4)[0]:
            return None                   # damaged: compiled again, and replaced
        try:
            os.utime(path)                # used now: last in line for eviction
        except OSError:
            pass
        return data[:-4]

    def put(self, key: str, data: bytes) -> None:
        data = data + struct.pack("<I", zlib.crc32(data))
        if len(data) > self.max_bytes:
            return
        folder = self.directory / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, folder / key)
        except OSError:
            return        # a cache that cannot be written is only a slower cache
        self.evict()

    def delete(self, key: str) -> None:
        """Forget entry ``key`` (gone already: nothing to do)."""
        _unlink(self.directory / key[:2] / key)

    def entries(self) -> list[tuple[float, int, Path]]:
        """(last use, size, path) of every entry, least recently used first;
        leftovers of writers that died are deleted on the way."""
        found = []
        now = time.time()
        try:
            folders = [d for d in os.scandir(self.directory)
                       if _KEY_FOLDER.fullmatch(d.name) and d.is_dir(follow_symlinks=False)]
        except OSError:
            return []
        for folder in folders:
            try:
                files = list(os.scandir(folder.path))
            except OSError:
                continue
            for f in files:
                try:
                    st = f.stat(follow_symlinks=False)
                except OSError:
                    continue                  # evicted by another process meanwhile
                if f.name.startswith(".tmp-"):
                    if now - st.st_mtime > _STALE_TEMP_SECONDS:
                        _unlink(f.path)
                    continue
                if not _KEY.fullmatch(f.name):
                    continue                  # not an entry of this cache
                found.append((st.st_mtime, st.st_size, Path(f.path)))
        found.sort()
        return found

    def evict(self) -> None:
        """Delete least recently used entries until the cache fits its cap."""
        entries = self.entries()
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= self.max_bytes:
                break
            _unlink(path)
            total -= size


def _unlink(path: str | os.PathLike) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass              # gone already (another process evicted it) or not ours


from .cache_dir import default_cache_directory  # noqa: E402,F401 - part of this module's API
