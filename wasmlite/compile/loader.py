"""Load relocatable object files into executable memory without LLVM.

Every library of native code wasmlite makes (a compiled module, its
trampolines, the interpreter's handlers and stubs) is an ELF object LLVM
emits. LLVM's JIT linker (RuntimeDyld under llvmlite's LLJIT) placed them
at first, but it costs ~10 ms and the llvmlite import per process, keeps
~10 KiB per library until its LLJIT dies, and when it cannot map memory it
aborts the whole process ("LLVM ERROR: Unable to allocate section
memory!"): the test suite's process died that way, in a tier-up linking in
the background. The code is simple to place: LLVM emits few relocation
kinds for x86-64's small code model. So ``link`` lays the allocated
sections of one or more objects out (code; constants and GOT slots; data),
resolves the symbols between them, applies every relocation for base
address 0 and keeps a list of the 8-byte words that need the base added
(``Prelinked``, what the interpreter's cache stores). ``place`` maps it,
adds the base to those words, points the externals at the C library and
protects the pages: code read+execute, constants read-only, data
read+write. A mapping that fails is a MemoryError, never an abort.

Calls to the C library (memcpy, longjmp, fmod) may land further away than
a 32-bit displacement reaches, so each external symbol gets a jump stub
inside the mapping (``jmp *[rip+2]`` and its address).

Only ELF x86-64 relocatable objects are handled. ``link`` raises
``UnsupportedObject`` for anything else (another architecture or format,
a relocation kind not handled here, thread-local data, a displacement out
of range): the caller then links through LLVM (jit.py). ``NativeImage.release``
unmaps an image; jit.py releases a module's code with the module, the
interpreter's images live as long as the process.
"""
from __future__ import annotations

import ctypes
import marshal
import os
import struct
import sys
import zlib
from zlib import crc32
from array import array
from typing import Optional

from .name_lookup import NameLookup

_PAGE = 4096
_PROT_READ, _PROT_WRITE, _PROT_EXEC = 1, 2, 4
_MAP_PRIVATE, _MAP_ANONYMOUS = 0x02, 0x20
_MAP_FAILED = (1 << 64) - 1                  # (void *) -1
_STUB = 16                              # jmp *[rip+2]; 2 pad bytes; address


class UnsupportedObject(Exception):
    """The object is not one this loader places (the caller falls back)."""


class NativeImage:
    """One loaded object: ``addresses`` is the pointer table its
    ``table_symbol`` held; ``symbols`` (a SymbolIndex, or None) finds one
    entry by name. An image mapped with its index (``map_file``) leaves the
    table's words as they were at base 0 (nothing in the code reads the
    table; adding the base to ~1,600 words cost ~0.3 ms a library) and
    makes ``addresses`` only when asked."""

    def __init__(self, base: int, size: int, addresses: Optional[list[int]],
                 table: int = -1, count: int = 0,
                 symbols: Optional["SymbolIndex"] = None) -> None:
        self.base = base
        self.size = size
        self._addresses = addresses
        self._table, self._count = table, count     # (with addresses None)
        self.symbols = symbols
        self.callsites: list[tuple[int, int]] = []     # as jit.CodeLibrary (none here)
        self.func_sizes: dict[str, int] = {}

    @property
    def addresses(self) -> list[int]:
        if self._addresses is None:
            t, base = self._table >> 3, self.base
            words = (ctypes.c_uint64 * self._count).from_address(base + 8 * t)
            self._addresses = [base + w for w in words]
        return self._addresses

    def table_entries(self, i: int, n: int) -> tuple[int, ...]:
        """``addresses[i:i + n]`` as a tuple, without making the whole list."""
        if self._addresses is not None:
            return tuple(self._addresses[i:i + n])
        if not 0 <= i <= i + n <= self._count:
            raise IndexError(i)
        base = self.base
        words = (ctypes.c_uint64 * n).from_address(base + (self._table & ~7) + 8 * i)
        return tuple([base + w for w in words])

    def table_entry(self, i: int) -> int:
        """``addresses[i]`` without making the whole list."""
        if self._addresses is not None:
            return self._addresses[i]
        if not 0 <= i < self._count:
            raise IndexError(i)
        return self.base + ctypes.c_uint64.from_address(
            self.base + (self._table & ~7) + 8 * i).value

    def release(self) -> None:
        """Unmap the image (no code in it may run, or be about to)."""
        if self.size:
            _c_library().munmap(self.base, self.size)
            self.size = 0


_libc = None
_libm = None


def _c_library():
    global _libc
    if _libc is None:
        if not sys.platform.startswith("linux"):
            raise UnsupportedObject("not Linux")
        lib = ctypes.CDLL(None, use_errno=True)
        lib.mmap.restype = ctypes.c_void_p
        lib.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                             ctypes.c_int, ctypes.c_long]
        lib.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        lib.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
        _libc = lib
    return _libc


def _external(name: str) -> int:
    """The address of a C library function the code calls: from the process
    (libc is loaded), else libm (LLVM may call fmod, nearbyint...)."""
    global _libm
    # (in_dll: the symbol's address without making a foreign function
    # object, a quarter of the cost)
    try:
        return ctypes.addressof(ctypes.c_char.in_dll(_c_library(), name))
    except ValueError:
        pass
    try:
        if _libm is None:
            _libm = ctypes.CDLL("libm.so.6")
        return ctypes.addressof(ctypes.c_char.in_dll(_libm, name))
    except (OSError, ValueError):
        raise UnsupportedObject(f"unknown external symbol {name!r}") from None


def _round(n: int, a: int) -> int:
    return (n + a - 1) // a * a if a > 1 else n


class Prelinked:
    """An object laid out and relocated for any base address: ``image`` (the
    mapping's bytes at base 0), the page ``bounds`` of its code, constants
    and data, the 8-byte ``fixups`` that get the base added, the
    ``externals`` (name, stub offset, GOT slot offset or -1) filled at
    load, and where ``table_symbol``'s pointers are. ``names``, when the
    caller gives them (one per table entry), go into the file as a
    SymbolIndex."""

    MAGIC = b"WLIMG4\n"

    def __init__(self, image: bytes, size: int, bounds: list[tuple[int, int]],
                 fixups: array, externals: list[tuple[str, int, int]], table: int,
                 count: int, extra: Optional[dict] = None) -> None:
        self.image, self.size, self.bounds = image, size, bounds
        self.fixups, self.externals, self.table, self.count = fixups, externals, table, count
        self.extra = extra or {}            # the caller's own data (marshal-able)
        self.names: Optional[list[str]] = None

    def runs(self, skip_table: bool = False) -> list[list[int]]:
        """The fixups as [first word, count] runs of consecutive words
        (mostly one: the pointer table), each applied as one slice; with
        ``skip_table``, without the table's words."""
        runs: list[list[int]] = []
        lo, hi = self.table, self.table + 8 * self.count
        for f in sorted(set(self.fixups)):
            if skip_table and lo <= f < hi:
                continue
            w = f >> 3
            if runs and runs[-1][0] + runs[-1][1] == w:
                runs[-1][1] += 1
            else:
                runs.append([w, 1])
        return runs

    def to_bytes(self) -> bytes:
        """The file: magic, header length, the header's CRC-32, the header
        (marshal: no json import in the process that loads it), the
        SymbolIndex of ``names`` if given, then at a page boundary the whole
        mapping (``size`` bytes, zeros past the code) so that ``map_file``
        maps it straight from disk. With an index the table keeps its base-0
        words (``NativeImage``)."""
        index = b""
        if self.names is not None:
            if len(self.names) != self.count:
                raise ValueError("one name per table entry")
            t = self.table
            offsets = struct.unpack_from(f"<{self.count}Q", self.image, t)
            index = SymbolIndex.to_bytes(self.names, offsets)
        head = {"size": self.size, "bounds": self.bounds, "externals": self.externals,
                "table": self.table, "count": self.count,
                "runs": self.runs(skip_table=bool(index)), "extra": self.extra,
                "index": len(index), "image_at": 0}
        for _ in range(2):      # the offset's own digits may move the page
            text = marshal.dumps(head)
            at = _round(_FRONT + len(text) + len(index), _PAGE)
            head["image_at"] = at
        text = marshal.dumps(head) + index
        front = b"".join([self.MAGIC, struct.pack("<II", len(text), zlib.crc32(text)), text])
        if len(front) > head["image_at"]:
            raise UnsupportedObject("header does not fit")
        body = self.image + bytes(self.size - len(self.image))
        return front + bytes(head["image_at"] - len(front)) + body

    @classmethod
    def _header(cls, data: bytes, fd: int = -1) -> tuple[dict, bytes, int]:
        """The header, the bytes that hold the index and where in them it
        starts (-1: no index). ``data`` is the file's first bytes; when the
        header runs past them it is read from ``fd`` whole, in one read of
        its exact length (reading a guessed prefix, then the rest, and
        joining the two cost the handlers' ~90 KB header 0.1-0.3 ms more in
        a fresh process: every new page of a copy is a page fault)."""
        if not data.startswith(cls.MAGIC):
            raise UnsupportedObject("not a prelinked image")
        if len(data) < _FRONT:
            raise UnsupportedObject("truncated image header")
        n, crc = struct.unpack_from("<II", data, len(cls.MAGIC))
        if len(data) < _FRONT + n and fd >= 0:
            data = os.pread(fd, _FRONT + n, 0)
        text = memoryview(data)[_FRONT:_FRONT + n]      # (no copies of ~60 KB)
        if len(text) != n or zlib.crc32(text) != crc:
            raise UnsupportedObject("truncated or damaged image header")
        try:
            head = marshal.loads(text)      # (reads the header, leaves the index)
            k = head["index"]
            if not isinstance(k, int) or not 0 <= k <= n:
                raise ValueError("index length")
        except (ValueError, EOFError, TypeError, KeyError) as exc:
            raise UnsupportedObject(f"malformed image header ({exc})") from None
        return head, data, _FRONT + n - k if k else -1

    @classmethod
    def from_bytes(cls, data: bytes) -> "Prelinked":
        head, _data, index_at = cls._header(data)
        if index_at >= 0:
            raise UnsupportedObject("an image with a symbol index is only mapped (map_file)")
        fixups = array("I", [8 * w for lo, n in head["runs"] for w in range(lo, lo + n)])
        image = data[head["image_at"]:head["image_at"] + head["size"]]
        if len(image) != head["size"]:
            raise UnsupportedObject("truncated image")
        return cls(image, head["size"], [tuple(b) for b in head["bounds"]], fixups,
                   [tuple(e) for e in head["externals"]], head["table"], head["count"],
                   head["extra"])


_FRONT = len(Prelinked.MAGIC) + 8       # magic, header length, header CRC-32


class SymbolIndex(NameLookup):
    """name -> address of a mapped image's table entries, read from bytes
    written when the image was built (``to_bytes``): a hash table (CRC-32
    of the name, linear probing, at most half full) of records (the
    entry's offset at base 0, the name). Nothing is parsed at load and a
    lookup costs about a microsecond: the interpreter's two libraries have
    ~3,000 symbols, of which a small module's first call looks up a few
    dozen (a dict of them all cost ~0.5 ms a process). Read-only, so
    threads share it."""

    __slots__ = ("_base", "_size", "_mask", "_slots", "_records", "_at", "count")

    def __init__(self, data: bytes, base: int, size: int, at: int = 0) -> None:
        """The index written at offset ``at`` of ``data`` (which it keeps:
        an image's header bytes, not a copy of their index)."""
        try:
            if at < 0:
                raise ValueError
            nslots, self.count = struct.unpack_from("<II", data, at)
            if nslots < 1 or nslots & (nslots - 1) or len(data) < at + 8 + 4 * nslots:
                raise ValueError
            self._slots = memoryview(data)[at + 8:at + 8 + 4 * nslots].cast("I")
        except (struct.error, ValueError, TypeError):
            raise UnsupportedObject("malformed symbol index") from None
        self._records = data
        self._at = at + 8 + 4 * nslots          # the first record
        self._base, self._size, self._mask = base, size, nslots - 1

    @staticmethod
    def to_bytes(names, offsets) -> bytes:
        nslots = 1 << max(3, (2 * len(names)).bit_length())
        slots = array("I", bytes(4 * nslots))
        if slots.itemsize != 4:
            raise UnsupportedObject("no 32-bit array type")
        records = bytearray()
        where: dict[str, int] = {}
        for name, off in zip(names, offsets):
            b = name.encode()
            if len(b) > 255 or not 0 <= off < 1 << 32:
                raise UnsupportedObject(f"symbol {name!r} does not fit the index")
            if name in where:           # the last one wins, as in a dict
                struct.pack_into("<I", records, where[name], off)
                continue
            h = zlib.crc32(b) & (nslots - 1)
            while slots[h]:
                h = (h + 1) & (nslots - 1)
            slots[h] = len(records) + 1
            where[name] = len(records)
            records += struct.pack("<IB", off, len(b)) + b
        return struct.pack("<II", nslots, len(where)) + slots.tobytes() + bytes(records)

    def get(self, name: str, default=None):
        try:
            b = name.encode()
        except (AttributeError, UnicodeEncodeError):
            return default
        slots, records, mask = self._slots, self._records, self._mask
        h = crc32(b) & mask
        n = len(b)
        first = self._at - 1        # (slot entries count records from 1)
        while True:
            e = slots[h]
            if not e:
                return default
            at = first + e
            if at + 5 > len(records):
                raise UnsupportedObject(f"symbol index entry of {name!r} outside the index")
            if records[at + 4] == n and records.startswith(b, at + 5):
                break
            h = (h + 1) & mask
        off = int.from_bytes(records[at:at + 4], "little")
        if off >= self._size:
            raise UnsupportedObject(f"symbol {name!r} points outside its image")
        return self._base + off

    def __len__(self) -> int:
        return self.count

    def items(self) -> list[tuple[str, int]]:
        """Every (name, address), in the order they were written."""
        out, r, at = [], self._records, self._at
        while at + 5 <= len(r):
            n = r[at + 4]
            off = int.from_bytes(r[at:at + 4], "little")
            out.append((r[at + 5:at + 5 + n].decode(), self._base + off))
            at += 5 + n
        return out

    def keys(self) -> list[str]:
        return [k for k, _ in self.items()]

    def __iter__(self):
        return iter(self.keys())


def link(objs, table_symbol: str, count: int) -> Prelinked:
    """Lay ``objs`` (one object file's bytes, or a list of them that make
    one library) out and relocate them for base address 0 (elf_link.py:
    only a build or a compile needs it, so a process that maps cached
    images does not import it)."""
    from .elf_link import link as link_objects
    return link_objects(objs, table_symbol, count)


def place(pre: Prelinked) -> NativeImage:
    """Map a prelinked image held in memory (copied into fresh pages)."""
    libc = _c_library()
    base = libc.mmap(None, pre.size, _PROT_READ | _PROT_WRITE, _MAP_PRIVATE | _MAP_ANONYMOUS,
                     -1, 0)
    if base in (None, _MAP_FAILED):
        raise MemoryError(f"cannot map {pre.size} bytes for native code")
    try:
        ctypes.memmove(base, pre.image, len(pre.image))
        return _finish(base, pre.size, pre.bounds, pre.runs(), pre.externals, pre.table,
                       pre.count)
    except BaseException:
        libc.munmap(base, pre.size)
        raise


def map_file(path: str) -> tuple[NativeImage, dict]:
    """Map a file ``Prelinked.to_bytes`` wrote, straight from disk (private
    copy-on-write pages: only the few the fixups touch are copied), and
    the ``extra`` data stored with it. ~0.2 ms for the interpreter's
    libraries, against ~1.5 ms to read and copy them. A file that is
    truncated or whose header is damaged is refused (UnsupportedObject)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        head, data, index_at = Prelinked._header(os.pread(fd, _FRONT, 0), fd)
        at, size = head["image_at"], head["size"]
        if at % _PAGE or os.fstat(fd).st_size < at + size:
            raise UnsupportedObject("truncated image")
        base = _c_library().mmap(None, size, _PROT_READ | _PROT_WRITE, _MAP_PRIVATE, fd, at)
        if base in (None, _MAP_FAILED):
            raise MemoryError(f"cannot map {size} bytes for native code")
    finally:
        os.close(fd)
    try:
        lib = _finish(base, size, head["bounds"], head["runs"], head["externals"],
                      head["table"], head["count"],
                      SymbolIndex(data, base, size, index_at) if index_at >= 0 else None)
    except BaseException:
        _c_library().munmap(base, size)
        raise
    return lib, head["extra"]


def _finish(base: int, size: int, bounds, runs, externals, table: int,
            count: int, symbols: Optional[SymbolIndex] = None) -> NativeImage:
    """Add the base to the absolute words, point the stubs and GOT slots at
    the C library, protect the pages. With ``symbols`` the table's words
    stay at base 0 (the runs leave them out: ``Prelinked.to_bytes``)."""
    if not 0 <= table <= size - 8 * count:
        raise UnsupportedObject("table outside the image")
    # (views of just the words written: an array type of the image's size
    # is a new ctypes type per library, ~25 µs each)
    u64 = ctypes.c_uint64
    for lo, n in runs:          # a slice each, read and written by ctypes in C
        if lo < 0 or n < 1 or 8 * (lo + n) > size:
            raise UnsupportedObject("fixup outside the image")
        run = (u64 * n).from_address(base + 8 * lo)
        run[:] = [w + base for w in run]
    for name, stub, slot in externals:
        target = _external(name)
        for at in ((stub + 8) & ~7, slot & ~7 if slot >= 0 else -1):
            if at >= 0:
                if at + 8 > size:
                    raise UnsupportedObject("external slot outside the image")
                u64.from_address(base + at).value = target
    libc = _c_library()
    for (start, end), prot in zip(bounds, (_PROT_READ | _PROT_EXEC, _PROT_READ,
                                           _PROT_READ | _PROT_WRITE)):
        if end > start and libc.mprotect(base + start, end - start, prot) != 0:
            raise MemoryError(f"cannot protect native code (errno {ctypes.get_errno()})")
    if symbols is not None:
        return NativeImage(base, size, None, table, count, symbols)
    table_words = (u64 * count).from_address(base + (table & ~7))[:] if count else []
    return NativeImage(base, size, table_words)


def load(objs, table_symbol: str, count: int) -> NativeImage:
    """link + place."""
    return place(link(objs, table_symbol, count))
