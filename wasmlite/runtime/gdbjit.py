"""``Config.debug_info``: wasm code registered with GDB's JIT interface.

GDB (and LLDB, which reads the same interface) learns of JIT code through
two symbols of the process: a descriptor ``__jit_debug_descriptor``
(version, action, the entry acted on, a list of entries, each an in-memory
object file) and an empty function ``__jit_debug_register_code``, on which
the debugger keeps a breakpoint: a JIT links an entry into the list, sets
the action and calls the function. Both must be in a real shared object
(the debugger finds them by name in the objfiles it loaded), and wasmlite's
code is placed by its own loader, not by ``dlopen``: so wasmlite uses the
pair that LLVM's JIT defines in llvmlite's ``libllvmlite.so`` (file-local
symbols of its ``.symtab``; their addresses are the library's load address,
from ``dladdr``, plus their values), as LLVM's own JIT would.

Each code library (a compiled module, a tier-up batch, OSR entries) gets
an object file of its own, made here: an ELF executable whose ``.text`` is
a copy of the library's code at its run-time address and whose symbols are
its functions, named as in perf maps (``wasm[MODULE]::function[INDEX]::NAME``,
``...::osr`` for OSR entries), so ``bt``, ``info symbol`` and ``disassemble``
in gdb name wasm functions. There is no DWARF (no wasm line tables or
locals). An entry is unregistered when its library's code is freed.
"""
from __future__ import annotations

import ctypes
import mmap
import os
import platform
import struct
import threading
import weakref
from typing import Optional

__all__ = ["available", "register_library", "elf_image"]

_JIT_NOACTION, _JIT_REGISTER, _JIT_UNREGISTER = 0, 1, 2


class _Entry(ctypes.Structure):
    pass


_Entry._fields_ = [("next", ctypes.POINTER(_Entry)), ("prev", ctypes.POINTER(_Entry)),
                   ("symfile_addr", ctypes.c_void_p), ("symfile_size", ctypes.c_uint64)]


class _Descriptor(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("action_flag", ctypes.c_uint32),
                ("relevant_entry", ctypes.POINTER(_Entry)),
                ("first_entry", ctypes.POINTER(_Entry))]


class _DlInfo(ctypes.Structure):
    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p),
                ("dli_sname", ctypes.c_char_p), ("dli_saddr", ctypes.c_void_p)]


_lock = threading.Lock()
_interface: Optional[tuple] = None          # (descriptor, register function), once found
_searched = False


def _local_symbols(path: str, names: tuple[bytes, ...]) -> dict[bytes, int]:
    """The values of ``names`` in the ELF file's ``.symtab`` (locals too)."""
    found: dict[bytes, int] = {}
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        if m[:4] != b"\x7fELF" or m[4] != 2:
            return found
        shoff, = struct.unpack_from("<Q", m, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", m, 0x3A)
        for k in range(shnum):
            sh = shoff + k * shentsize
            sh_type, = struct.unpack_from("<I", m, sh + 4)
            if sh_type != 2:                                   # SHT_SYMTAB
                continue
            off, size, link = (*struct.unpack_from("<QQ", m, sh + 0x18),
                               struct.unpack_from("<I", m, sh + 0x28)[0])
            str_off, str_size = struct.unpack_from("<QQ", m, shoff + link * shentsize + 0x18)
            strtab = m[str_off:str_off + str_size]
            symtab = m[off:off + size]
            for name in names:
                at = strtab.find(b"\0" + name + b"\0")
                if at < 0:
                    continue
                key = struct.pack("<I", at + 1)
                pos = symtab.find(key)
                while pos >= 0:
                    if pos % 24 == 0:
                        found[name], = struct.unpack_from("<Q", symtab, pos + 8)
                        break
                    pos = symtab.find(key, pos + 1)
    return found


def _find() -> Optional[tuple]:
    """(descriptor, register function) of llvmlite's LLVM, or None."""
    try:
        import llvmlite.binding as llvm
        from llvmlite.binding import ffi
        path = os.path.join(os.path.dirname(llvm.__file__), "libllvmlite.so")
        if not os.path.exists(path):
            return None
        probe = ctypes.cast(ffi.lib._lib.LLVMPY_CreateMCJITCompiler, ctypes.c_void_p).value
        libc = ctypes.CDLL(None)
        info = _DlInfo()
        if not libc.dladdr(ctypes.c_void_p(probe), ctypes.byref(info)) or not info.dli_fbase:
            return None
        syms = _local_symbols(path, (b"__jit_debug_descriptor", b"__jit_debug_register_code"))
    except (ImportError, AttributeError, OSError, ValueError, struct.error):
        return None
    if len(syms) != 2:
        return None
    base = info.dli_fbase
    descriptor = _Descriptor.from_address(base + syms[b"__jit_debug_descriptor"])
    if descriptor.version not in (0, 1):
        return None
    register = ctypes.CFUNCTYPE(None)(base + syms[b"__jit_debug_register_code"])
    return descriptor, register


def available() -> bool:
    """Whether this process has a GDB JIT interface wasmlite can use."""
    global _interface, _searched
    with _lock:
        if not _searched:
            _interface = _find()
            _searched = True
        return _interface is not None


_MACHINE = {"x86_64": 62, "AMD64": 62, "aarch64": 183, "arm64": 183}


def elf_image(functions: list[tuple[str, int, int]], code: bytes, text_addr: int) -> bytes:
    """An ELF64 executable naming ``functions`` ((name, address, size)):
    ``.text`` holds ``code`` at ``text_addr``; ``.symtab`` a global
    function symbol per function."""
    strtab = bytearray(b"\0")
    symbols = [bytes(24)]
    for name, addr, size in functions:
        symbols.append(struct.pack("<IBBHQQ", len(strtab), 0x12, 0, 1, addr, size))
        strtab += name.encode("utf-8", "replace") + b"\0"
    shstrtab = b"\0.text\0.symtab\0.strtab\0.shstrtab\0"
    symtab = b"".join(symbols)
    parts = [code, symtab, bytes(strtab), shstrtab]
    offsets = []
    pos = 64
    for p in parts:
        pos = (pos + 15) & ~15
        offsets.append(pos)
        pos += len(p)
    shoff = (pos + 7) & ~7
    sections = [bytes(64),
                # .text: PROGBITS, ALLOC | EXECINSTR
                struct.pack("<IIQQQQIIQQ", 1, 1, 6, text_addr, offsets[0], len(code), 0, 0, 16, 0),
                # .symtab: link .strtab, info = first global (1)
                struct.pack("<IIQQQQIIQQ", 7, 2, 0, 0, offsets[1], len(symtab), 3, 1, 8, 24),
                struct.pack("<IIQQQQIIQQ", 15, 3, 0, 0, offsets[2], len(strtab), 0, 0, 1, 0),
                struct.pack("<IIQQQQIIQQ", 23, 3, 0, 0, offsets[3], len(shstrtab), 0, 0, 1, 0)]
    header = (b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
              + struct.pack("<HHIQQQIHHHHHH", 2, _MACHINE.get(platform.machine(), 62), 1, 0, 0,
                            shoff, 0, 64, 56, 0, 64, len(sections), 4))
    out = bytearray(header)
    for off, p in zip(offsets, parts):
        out += bytes(off - len(out)) + p
    out += bytes(shoff - len(out))
    for s in sections:
        out += s
    return bytes(out)


class _Registered:
    """One entry in the debugger's list (kept alive while registered)."""

    __slots__ = ("entry", "image")

    def __init__(self, image: bytes) -> None:
        self.image = ctypes.create_string_buffer(image, len(image))
        self.entry = _Entry(None, None, ctypes.addressof(self.image), len(image))


def _link(reg: _Registered) -> None:
    descriptor, register = _interface            # type: ignore[misc]
    with _lock:
        entry = ctypes.pointer(reg.entry)
        first = descriptor.first_entry
        reg.entry.next = first
        if first:
            first.contents.prev = entry
        descriptor.first_entry = entry
        descriptor.relevant_entry = entry
        descriptor.version = 1
        descriptor.action_flag = _JIT_REGISTER
        register()
        descriptor.action_flag = _JIT_NOACTION


def _unlink(reg: _Registered) -> None:
    try:
        descriptor, register = _interface        # type: ignore[misc]
        with _lock:
            entry = ctypes.pointer(reg.entry)
            nxt, prev = reg.entry.next, reg.entry.prev
            if prev:
                prev.contents.next = nxt
            else:
                descriptor.first_entry = nxt
            if nxt:
                nxt.contents.prev = prev
            descriptor.relevant_entry = entry
            descriptor.action_flag = _JIT_UNREGISTER
            register()
            descriptor.action_flag = _JIT_NOACTION
    except Exception:      # noqa: BLE001 - at interpreter exit ctypes may be gone
        pass


def register_library(library, functions: list[tuple[str, int, int]]) -> None:
    """Tell the debugger about ``library``'s ``functions`` ((name, address,
    size)); unregistered when the library is collected (its code freed)."""
    functions = [f for f in functions if f[1] and f[2]]
    if not functions or not available():
        return
    lo = min(a for _n, a, _s in functions)
    hi = max(a + s for _n, a, s in functions)
    code = ctypes.string_at(lo, hi - lo)
    reg = _Registered(elf_image(functions, code, lo))
    _link(reg)
    weakref.finalize(library, _unlink, reg)
