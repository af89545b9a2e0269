"""Tier-up code kept for the next run: the bytes of a module's tiered
entry in the disk cache.

A module tiered up in batches (tiering.py) never has all of its code
compiled in one run: its whole-module entry (cache.py) waits for a compile
of every function, which a big module's run rarely lives to see. So each
batch that tier-up links is kept too, under a second key of the same
module, and the next run's tier-up installs the kept batches before the
first call (``_TierUp._adopt_kept``): its hot functions start compiled.

    b"WASMLITE-TIERED\\0"       magic
    u32 header length, header  JSON: fingerprint (cache.py's), and per batch:
                               opt level, code table symbol, the table's
                               names (f<index>, f<index>.osr), the
                               functions it still answers for, object size
    each batch's object code, in the header's order

A function answers to its newest batch of the highest level: a cheap batch
stays only for the functions no full-level one has compiled since. As with
cache.py, the object code is machine code that will run: the entry is
trusted as the cache directory is (DiskCache's checksum of every entry
turns a damaged file into a miss).
"""
from __future__ import annotations

import json
import re
import struct
from typing import Optional

MAGIC = b"WASMLITE-TIERED\0"
_NAME = re.compile(r"f(\d+)(\.osr)?")


class TieredEntry:
    """A module's tiered entry in a DiskCache (tier-up's ``keep``): ``get``
    the bytes kept, ``put`` new ones, ``drop`` them once the whole
    module's code is kept instead."""

    def __init__(self, cache, key: str) -> None:
        self.cache, self.key = cache, key
        self._peeked: Optional[bytes] = None

    def peek(self) -> Optional[bytes]:
        """The bytes kept, held for the next ``get`` (Module() reads the
        entry before tier-up installs it: one read of the file)."""
        if self._peeked is None:
            self._peeked = self.cache.get(self.key)
        return self._peeked

    def get(self) -> Optional[bytes]:
        data, self._peeked = self._peeked, None
        return data if data is not None else self.cache.get(self.key)

    def put(self, data: bytes) -> None:
        self._peeked = None
        self.cache.put(self.key, data)

    def vouch(self, features: frozenset) -> None:
        """Record, with no code yet, that this run validated the module's
        bodies (``features``: what they use): the next Module() of the same
        bytes and settings trusts them even when tier-up never keeps a
        batch (a short run: QuickJS's script), and tier-up's first batch
        replaces the entry. What it wrote is what ``get`` gives next."""
        data = pack([], features)
        self.cache.put(self.key, data)
        self._peeked = data

    def drop(self) -> None:
        self._peeked = None
        self.cache.delete(self.key)


class KeptBatch:
    """One tier-up batch's object code and what it installs: ``funcs`` are
    module function indices (imports first) whose ``f<index>`` entries in
    the table ``names`` serve new calls."""

    __slots__ = ("level", "symbol", "names", "funcs", "obj")

    def __init__(self, level: int, symbol: str, names: list[str], funcs: list[int],
                 obj: bytes) -> None:
        self.level = level
        self.symbol = symbol
        self.names = names
        self.funcs = funcs
        self.obj = obj


def merge(kept: list[KeptBatch], new: KeptBatch) -> list[KeptBatch]:
    """``kept`` with ``new`` added: each function then answers to the newest
    batch of the highest level that compiled it; batches left answering for
    nothing are dropped."""
    best: dict[int, KeptBatch] = {}
    for b in [*kept, new]:
        for f in b.funcs:
            old = best.get(f)
            if old is None or b.level >= old.level:
                best[f] = b
    out = []
    for b in [*kept, new]:
        mine = [f for f in b.funcs if best[f] is b]
        if mine:
            out.append(KeptBatch(b.level, b.symbol, b.names, mine, b.obj))
    return out


def pack(kept: list[KeptBatch], features: Optional[frozenset] = None) -> bytes:
    """The entry of ``kept``; ``features``: the module's ModuleInfo.features
    (its bodies validated in this process, with the validator's source
    stamp: the next run may skip their checks, ``trusted_features``)."""
    from .cache import fingerprint
    head: dict = {
        "fingerprint": fingerprint(),
        "batches": [{"level": b.level, "symbol": b.symbol, "names": b.names,
                     "funcs": b.funcs, "size": len(b.obj)} for b in kept]}
    if features is not None:
        head["validated"] = {"by": validator_stamp(), "features": sorted(features)}
    header = json.dumps(head).encode()
    return b"".join([MAGIC, struct.pack("<I", len(header)), header, *(b.obj for b in kept)])


def unpack(data: bytes, first: int, end: int) -> Optional[list[KeptBatch]]:
    """The batches of an entry made by ``pack`` for a module whose defined
    functions have indices ``first`` to ``end - 1``, or None for one that is
    damaged, of another wasmlite, LLVM or CPU, or names a function the
    module does not define (it is then compiled again, and the entry
    replaced)."""
    from .cache import fingerprint
    try:
        if not data.startswith(MAGIC):
            return None
        pos = len(MAGIC)
        (n,) = struct.unpack_from("<I", data, pos)
        header = json.loads(bytes(data[pos + 4:pos + 4 + n]))
        pos += 4 + n
        if header.get("fingerprint") != fingerprint():
            return None
        out = []
        for b in header["batches"]:
            names = [str(x) for x in b["names"]]
            funcs = [int(f) for f in b["funcs"]]
            size = int(b["size"])
            if not names or size <= 0 or not all(map(_NAME.fullmatch, names)) \
                    or any(not first <= f < end or f"f{f}" not in names for f in funcs):
                return None
            obj = bytes(data[pos:pos + size])
            if len(obj) != size:
                return None
            pos += size
            out.append(KeptBatch(int(b["level"]), str(b["symbol"]), names, funcs, obj))
        if pos != len(data):
            return None
        return out
    except (ValueError, KeyError, TypeError, AttributeError, struct.error, UnicodeDecodeError):
        return None


_stamp: Optional[str] = None


def validator_stamp() -> str:
    """The source files of the validator and of the decoder (whose body
    scan a trusted entry also skips: module.py) by name, size and
    modification time (identity.source_stamps), as a checksum: a changed
    validator or decoder does not trust what an older one accepted."""
    global _stamp
    if _stamp is None:
        import os
        import zlib
        from .identity import source_stamps
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        stamps = []
        for folder in ("valid", "binary", "syntax"):
            stamps += [folder] + source_stamps(os.path.join(package, folder))
        _stamp = f"{zlib.crc32(chr(10).join(stamps).encode()):08x}"
    return _stamp


def trusted_features(data: Optional[bytes]) -> Optional[frozenset]:
    """The features recorded in an entry made by ``pack`` for a module whose
    bodies this wasmlite's validator accepted, under the settings the
    entry's key stands for (module.py): then the bodies need no checks
    again, as a whole-module entry's do not (cache.py). None for no such
    entry, one of another wasmlite, LLVM, CPU or validator, or damage."""
    from .cache import fingerprint
    try:
        if not data or not data.startswith(MAGIC):
            return None
        pos = len(MAGIC)
        (n,) = struct.unpack_from("<I", data, pos)
        header = json.loads(bytes(data[pos + 4:pos + 4 + n]))
        validated = header.get("validated")
        if header.get("fingerprint") != fingerprint() or not isinstance(validated, dict) \
                or validated.get("by") != validator_stamp():
            return None
        features = validated["features"]
        if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
            return None
        return frozenset(features)
    except (ValueError, KeyError, TypeError, AttributeError, struct.error, UnicodeDecodeError):
        return None
