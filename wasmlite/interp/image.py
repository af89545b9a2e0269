"""Load a relocatable object file into executable memory without LLVM.

The interpreter's libraries (library.py) are object files LLVM builds once
per machine. Linking them through LLVM's JIT cost ~10 ms each and needed
llvmlite imported (~35 ms more) in every process: most of what a small
module's start-up cost. Their code is simple to place: LLVM emits few
relocation kinds for x86-64's small code model. So, once, at build time,
``link`` lays the allocated sections out (code; constants and GOT slots;
data), applies every relocation for base address 0 and keeps a list of
the 8-byte words that need the base added (``Prelinked``, what the cache
stores). At load, ``place`` maps it, adds the base to those words, points
the externals at the C library and protects the pages: code read+execute,
constants read-only, data read+write (~0.5 ms).

Calls to the C library (memcpy, longjmp, pthread_*) may land further away
than a 32-bit displacement reaches, so each external symbol gets a jump
stub inside the mapping (``jmp *[rip+2]`` and its address).

Only ELF x86-64 relocatable objects are handled. ``link`` raises
``UnsupportedObject`` for anything else (another architecture or format,
a relocation kind not handled here, a displacement out of range): the
caller then links through LLVM as before. Images are never unmapped: the
interpreter lives as long as the process.
"""
from __future__ import annotations

import ctypes
import json
import os
import struct
import sys
from array import array
from typing import Optional

_ET_REL, _EM_X86_64 = 1, 62
_SHT_PROGBITS, _SHT_SYMTAB, _SHT_RELA, _SHT_NOBITS = 1, 2, 4, 8
_SHF_WRITE, _SHF_ALLOC, _SHF_EXECINSTR = 0x1, 0x2, 0x4
_SHN_UNDEF, _SHN_ABS = 0, 0xFFF1
# x86-64 relocation kinds (System V psABI): S symbol, A addend, P place,
# G the symbol's GOT slot
_R_64, _R_PC32, _R_PLT32, _R_GOTPCREL, _R_32, _R_32S, _R_PC64 = 1, 2, 4, 9, 10, 11, 24
_R_GOTPCRELX, _R_REX_GOTPCRELX = 41, 42
_PAGE = 4096
_PROT_READ, _PROT_WRITE, _PROT_EXEC = 1, 2, 4
_MAP_PRIVATE, _MAP_ANONYMOUS = 0x02, 0x20
_MAP_FAILED = (1 << 64) - 1                  # (void *) -1
_STUB = 16                              # jmp *[rip+2]; 2 pad bytes; address
_SKIPPED = (".eh_frame",)               # nothing unwinds through this code


class UnsupportedObject(Exception):
    """The object is not one this loader places (the caller falls back)."""


class NativeImage:
    """One loaded object: ``addresses`` is the pointer table its
    ``table_symbol`` held."""

    def __init__(self, base: int, size: int, addresses: list[int]) -> None:
        self.base = base
        self.size = size
        self.addresses = addresses
        self.callsites: list[tuple[int, int]] = []     # as jit.CodeLibrary (none here)
        self.func_sizes: dict[str, int] = {}


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
        _libc = lib
    return _libc


def _external(name: str) -> int:
    """The address of a C library function the code calls: from the process
    (libc is loaded), else libm (LLVM may call fmod, nearbyint...)."""
    global _libm
    try:
        return ctypes.cast(getattr(_c_library(), name), ctypes.c_void_p).value or 0
    except AttributeError:
        pass
    try:
        if _libm is None:
            _libm = ctypes.CDLL("libm.so.6")
        return ctypes.cast(getattr(_libm, name), ctypes.c_void_p).value or 0
    except (OSError, AttributeError):
        raise UnsupportedObject(f"unknown external symbol {name!r}") from None


def _round(n: int, a: int) -> int:
    return (n + a - 1) // a * a if a > 1 else n


class Prelinked:
    """An object laid out and relocated for any base address: ``image`` (the
    mapping's bytes at base 0), the page ``bounds`` of its code, constants
    and data, the 8-byte ``fixups`` that get the base added, the
    ``externals`` (name, stub offset, GOT slot offset or -1) filled at
    load, and where ``table_symbol``'s pointers are."""

    MAGIC = b"WLIMG3\n"

    def __init__(self, image: bytes, size: int, bounds: list[tuple[int, int]],
                 fixups: array, externals: list[tuple[str, int, int]], table: int,
                 count: int, extra: Optional[dict] = None) -> None:
        self.image, self.size, self.bounds = image, size, bounds
        self.fixups, self.externals, self.table, self.count = fixups, externals, table, count
        self.extra = extra or {}            # the caller's own JSON-able data

    def runs(self) -> list[list[int]]:
        """The fixups as [first word, count] runs of consecutive words
        (mostly one: the pointer table), each applied as one slice."""
        runs: list[list[int]] = []
        for f in sorted(set(self.fixups)):
            w = f >> 3
            if runs and runs[-1][0] + runs[-1][1] == w:
                runs[-1][1] += 1
            else:
                runs.append([w, 1])
        return runs

    def to_bytes(self) -> bytes:
        """The file: magic, header length, JSON header (with the fixups as
        runs), then at a page boundary the whole mapping (``size`` bytes,
        zeros past the code) so that ``map_file`` maps it straight from
        disk."""
        head = {"size": self.size, "bounds": self.bounds, "externals": self.externals,
                "table": self.table, "count": self.count, "runs": self.runs(),
                "extra": self.extra, "image_at": 0}
        for _ in range(2):      # the offset's own digits may move the page
            text = json.dumps(head).encode()
            at = _round(len(self.MAGIC) + 4 + len(text), _PAGE)
            head["image_at"] = at
        text = json.dumps(head).encode()
        front = b"".join([self.MAGIC, struct.pack("<I", len(text)), text])
        if len(front) > head["image_at"]:
            raise UnsupportedObject("header does not fit")
        body = self.image + bytes(self.size - len(self.image))
        return front + bytes(head["image_at"] - len(front)) + body

    @classmethod
    def _header(cls, data: bytes) -> dict:
        if not data.startswith(cls.MAGIC):
            raise UnsupportedObject("not a prelinked image")
        at = len(cls.MAGIC)
        (n,) = struct.unpack_from("<I", data, at)
        if at + 4 + n > len(data):
            raise UnsupportedObject("truncated image header")
        return json.loads(data[at + 4:at + 4 + n])

    @classmethod
    def from_bytes(cls, data: bytes) -> "Prelinked":
        head = cls._header(data)
        fixups = array("I", [8 * w for lo, n in head["runs"] for w in range(lo, lo + n)])
        image = data[head["image_at"]:head["image_at"] + head["size"]]
        if len(image) != head["size"]:
            raise UnsupportedObject("truncated image")
        return cls(image, head["size"], [tuple(b) for b in head["bounds"]], fixups,
                   [tuple(e) for e in head["externals"]], head["table"], head["count"],
                   head["extra"])


def link(obj: bytes, table_symbol: str, count: int) -> Prelinked:
    """Lay ``obj`` out and apply its relocations for base address 0; its
    global ``table_symbol`` must be an array of ``count`` pointers (as for
    jit.link_object). Raises UnsupportedObject for what it cannot place."""
    if obj[:4] != b"\x7fELF" or obj[4] != 2 or obj[5] != 1:
        raise UnsupportedObject("not a little-endian ELF64 object")
    e_type, e_machine = struct.unpack_from("<HH", obj, 0x10)
    if e_type != _ET_REL or e_machine != _EM_X86_64:
        raise UnsupportedObject("not an x86-64 relocatable object")
    (shoff,) = struct.unpack_from("<Q", obj, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", obj, 0x3A)
    secs = [struct.unpack_from("<IIQQQQIIQQ", obj, shoff + i * shentsize) for i in range(shnum)]
    strbase = secs[shstrndx][4]

    def cstr(at: int) -> str:
        return obj[at:obj.index(b"\0", at)].decode()

    names = [cstr(strbase + s[0]) for s in secs]
    symtab = next((s for s in secs if s[1] == _SHT_SYMTAB), None)
    if symtab is None:
        raise UnsupportedObject("no symbol table")
    symstr = secs[symtab[6]][4]
    syms = list(struct.iter_unpack("<IBBHQQ", obj[symtab[4]:symtab[4] + symtab[5]]))
    sym_names = [cstr(symstr + s[0]) if s[0] else "" for s in syms]
    externals = sorted({sym_names[k] for k, s in enumerate(syms) if s[3] == _SHN_UNDEF and s[0]})
    ext_index = {name: k for k, name in enumerate(externals)}

    # the allocated sections in three groups: code, read-only, writable
    # (.data.rel.ro is written only by relocation, so read-only after)
    groups: dict[str, list[int]] = {"x": [], "r": [], "w": []}
    for i, (_n, kind, flags, *_rest) in enumerate(secs):
        if not flags & _SHF_ALLOC or kind not in (_SHT_PROGBITS, _SHT_NOBITS) or \
                names[i].startswith(_SKIPPED):
            continue
        ro = names[i].startswith(".data.rel.ro")
        groups["x" if flags & _SHF_EXECINSTR else "w" if flags & _SHF_WRITE and not ro else "r"].append(i)

    # symbols reached through a GOT slot (externals, and globals LLVM
    # treats as preemptible): one slot each
    relas = [(sec, list(struct.iter_unpack("<QQq", obj[sec[4]:sec[4] + sec[5]])))
             for sec in secs if sec[1] == _SHT_RELA]
    got_slot: dict[int, int] = {}
    for _sec, rows in relas:
        for _o, info, _a in rows:
            if info & 0xFFFFFFFF in (_R_GOTPCREL, _R_GOTPCRELX, _R_REX_GOTPCRELX):
                got_slot.setdefault(info >> 32, len(got_slot))

    offset: dict[int, int] = {}
    at = 0
    bounds = []
    for g in ("x", "r", "w"):
        start = at
        for i in groups[g]:
            at = _round(at, max(secs[i][8], 1))
            offset[i] = at
            at += secs[i][5]
        if g == "x":            # the externals' jump stubs
            at = _round(at, _STUB)
            stubs_at = at
            at += _STUB * len(externals)
        elif g == "r":
            at = _round(at, 8)
            got_at = at
            at += 8 * len(got_slot)
        at = _round(at, _PAGE)
        bounds.append((start, at))
    size = max(at, _PAGE)

    image = bytearray(size)
    for i, o in offset.items():
        if secs[i][1] == _SHT_PROGBITS:
            image[o:o + secs[i][5]] = obj[secs[i][4]:secs[i][4] + secs[i][5]]
    fixups = array("I")
    ext_rows = [[name, stubs_at + _STUB * k, -1] for k, name in enumerate(externals)]
    for k, _name in enumerate(externals):
        image[stubs_at + _STUB * k:stubs_at + _STUB * k + 8] = b"\xff\x25\x02\x00\x00\x00\x90\x90"

    def symbol_address(k: int) -> int:
        """Symbol k's address at base 0 (an external's: its stub)."""
        _st_name, _info, _other, shndx, value, _size = syms[k]
        if shndx == _SHN_UNDEF:
            return stubs_at + _STUB * ext_index[sym_names[k]]
        if shndx == _SHN_ABS:
            raise UnsupportedObject("absolute symbol")
        if shndx not in offset:
            raise UnsupportedObject(f"relocation against unloaded section {names[shndx]!r}")
        return offset[shndx] + value

    for k, slot in got_slot.items():
        where = got_at + 8 * slot
        if syms[k][3] == _SHN_UNDEF:
            ext_rows[ext_index[sym_names[k]]][2] = where
        else:
            struct.pack_into("<Q", image, where, symbol_address(k))
            fixups.append(where)

    for sec, rows in relas:
        if sec[7] not in offset:
            continue
        here = offset[sec[7]]
        for r_offset, r_info, addend in rows:
            kind, k = r_info & 0xFFFFFFFF, r_info >> 32
            s = symbol_address(k)
            p = here + r_offset
            if kind == _R_64:
                struct.pack_into("<Q", image, p, s + addend)
                fixups.append(p)
                continue
            if kind == _R_PC64:
                struct.pack_into("<q", image, p, s + addend - p)
                continue
            if kind in (_R_PC32, _R_PLT32):
                v = s + addend - p
            elif kind in (_R_GOTPCREL, _R_GOTPCRELX, _R_REX_GOTPCRELX):
                v = got_at + 8 * got_slot[k] + addend - p
            else:               # absolute 32-bit ones need a low base
                raise UnsupportedObject(f"relocation kind {kind}")
            if not -2**31 <= v < 2**31:
                raise UnsupportedObject("displacement out of range")
            struct.pack_into("<i", image, p, v)

    table = next((offset[s[3]] + s[4] for k, s in enumerate(syms)
                  if sym_names[k] == table_symbol and s[3] in offset), None)
    if table is None:
        raise UnsupportedObject(f"no symbol {table_symbol!r}")
    if any(f % 8 for f in fixups):
        raise UnsupportedObject("unaligned absolute relocation")
    end = max((o + secs[i][5] for i, o in offset.items() if secs[i][1] == _SHT_PROGBITS), default=0)
    end = max(end, stubs_at + _STUB * len(externals), got_at + 8 * len(got_slot))
    return Prelinked(bytes(image[:end]), size, bounds, fixups,
                     [tuple(r) for r in ext_rows], table, count)


def place(pre: Prelinked) -> NativeImage:
    """Map a prelinked image held in memory (copied into fresh pages)."""
    libc = _c_library()
    base = libc.mmap(None, pre.size, _PROT_READ | _PROT_WRITE, _MAP_PRIVATE | _MAP_ANONYMOUS,
                     -1, 0)
    if base in (None, _MAP_FAILED):
        raise MemoryError("mmap failed for the interpreter's code")
    ctypes.memmove(base, pre.image, len(pre.image))
    return _finish(base, pre.size, pre.bounds, pre.runs(), pre.externals, pre.table, pre.count)


def map_file(path: str) -> tuple[NativeImage, dict]:
    """Map a file ``Prelinked.to_bytes`` wrote, straight from disk (private
    copy-on-write pages: only the few the fixups touch are copied), and
    the ``extra`` data stored with it. ~0.2 ms for the interpreter's
    libraries, against ~1.5 ms to read and copy them."""
    fd = os.open(path, os.O_RDONLY)
    try:
        first = os.pread(fd, 1 << 16, 0)
        head = Prelinked._header(first)
        at, size = head["image_at"], head["size"]
        if at % _PAGE or os.fstat(fd).st_size < at + size:
            raise UnsupportedObject("truncated image")
        base = _c_library().mmap(None, size, _PROT_READ | _PROT_WRITE, _MAP_PRIVATE, fd, at)
        if base in (None, _MAP_FAILED):
            raise MemoryError("mmap failed for the interpreter's code")
    finally:
        os.close(fd)
    lib = _finish(base, size, [tuple(b) for b in head["bounds"]], head["runs"],
                  [tuple(e) for e in head["externals"]], head["table"], head["count"])
    return lib, head["extra"]


def _finish(base: int, size: int, bounds, runs, externals, table: int,
            count: int) -> NativeImage:
    """Add the base to the absolute words, point the stubs and GOT slots at
    the C library, protect the pages."""
    words = (ctypes.c_uint64 * (size // 8)).from_address(base)
    for lo, n in runs:          # a slice each, read and written by ctypes in C
        words[lo:lo + n] = [w + base for w in words[lo:lo + n]]
    for name, stub, slot in externals:
        target = _external(name)
        words[(stub + 8) >> 3] = target
        if slot >= 0:
            words[slot >> 3] = target
    t = table >> 3
    addresses = words[t:t + count]
    libc = _c_library()
    for (start, end), prot in zip(bounds, (_PROT_READ | _PROT_EXEC, _PROT_READ,
                                           _PROT_READ | _PROT_WRITE)):
        if end > start and libc.mprotect(base + start, end - start, prot) != 0:
            raise OSError(ctypes.get_errno(), "mprotect failed for the interpreter's code")
    return NativeImage(base, size, addresses)


def load(obj: bytes, table_symbol: str, count: int) -> NativeImage:
    """link + place."""
    return place(link(obj, table_symbol, count))
