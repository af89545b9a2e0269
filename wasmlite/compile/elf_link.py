"""Lay ELF x86-64 relocatable objects out and relocate them for base
address 0 (``link``): the half of loader.py that runs when code is built
(the interpreter's libraries once per machine, a compiled module), apart
from the half that maps what was built, which every interpreting process
imports. loader.py's docstring describes the whole.
"""
from __future__ import annotations

import struct
from array import array

from .loader import _PAGE, _STUB, Prelinked, UnsupportedObject, _round

_ET_REL, _EM_X86_64 = 1, 62
_SHT_PROGBITS, _SHT_SYMTAB, _SHT_RELA, _SHT_NOBITS = 1, 2, 4, 8
_SHF_WRITE, _SHF_ALLOC, _SHF_EXECINSTR, _SHF_TLS = 0x1, 0x2, 0x4, 0x400
_SHN_UNDEF, _SHN_ABS, _SHN_COMMON = 0, 0xFFF1, 0xFFF2
_STB_GLOBAL, _STB_WEAK = 1, 2
# x86-64 relocation kinds (System V psABI): S symbol, A addend, P place,
# G the symbol's GOT slot
_R_64, _R_PC32, _R_PLT32, _R_GOTPCREL, _R_32, _R_32S, _R_PC64 = 1, 2, 4, 9, 10, 11, 24
_R_GOTPCRELX, _R_REX_GOTPCRELX = 41, 42
_SKIPPED = (".eh_frame",)               # nothing unwinds through this code


class _Object:
    """One ELF x86-64 relocatable object, parsed: its section headers and
    names, symbols and relocation tables."""

    def __init__(self, obj: bytes) -> None:
        if obj[:4] != b"\x7fELF" or len(obj) < 64 or obj[4] != 2 or obj[5] != 1:
            raise UnsupportedObject("not a little-endian ELF64 object")
        e_type, e_machine = struct.unpack_from("<HH", obj, 0x10)
        if e_type != _ET_REL or e_machine != _EM_X86_64:
            raise UnsupportedObject("not an x86-64 relocatable object")
        try:
            (shoff,) = struct.unpack_from("<Q", obj, 0x28)
            shentsize, shnum, shstrndx = struct.unpack_from("<HHH", obj, 0x3A)
            self.secs = [struct.unpack_from("<IIQQQQIIQQ", obj, shoff + i * shentsize)
                         for i in range(shnum)]
            strbase = self.secs[shstrndx][4]

            def cstr(at: int) -> str:
                return obj[at:obj.index(b"\0", at)].decode()

            self.names = [cstr(strbase + s[0]) for s in self.secs]
            symtab = next((s for s in self.secs if s[1] == _SHT_SYMTAB), None)
            if symtab is None:
                raise UnsupportedObject("no symbol table")
            symstr = self.secs[symtab[6]][4]
            self.syms = list(struct.iter_unpack("<IBBHQQ", obj[symtab[4]:symtab[4] + symtab[5]]))
            self.sym_names = [cstr(symstr + s[0]) if s[0] else "" for s in self.syms]
            self.relas = [(sec, list(struct.iter_unpack("<QQq", obj[sec[4]:sec[4] + sec[5]])))
                          for sec in self.secs if sec[1] == _SHT_RELA]
        except (struct.error, ValueError, IndexError, UnicodeDecodeError):
            raise UnsupportedObject("malformed ELF object") from None
        self.data = obj


def link(objs, table_symbol: str, count: int) -> Prelinked:
    """Lay ``objs`` (one object file's bytes, or a list of them that make
    one library: a module compiled in parts) out and apply their
    relocations for base address 0; the global ``table_symbol`` (in one of
    them) must be an array of ``count`` pointers (as for jit.link_object).
    A symbol one object leaves undefined is another's global, else an
    external (the C library). Raises UnsupportedObject for what it cannot
    place."""
    if isinstance(objs, (bytes, bytearray, memoryview)):
        objs = [bytes(objs)]
    parsed = [_Object(o) for o in objs]

    # global definitions across the objects: name -> (object, symbol)
    defined: dict[str, tuple[int, int]] = {}
    for oi, ob in enumerate(parsed):
        for k, s in enumerate(ob.syms):
            if s[1] >> 4 in (_STB_GLOBAL, _STB_WEAK) and s[3] != _SHN_UNDEF and ob.sym_names[k]:
                if s[3] == _SHN_COMMON:
                    raise UnsupportedObject("common symbol")
                defined.setdefault(ob.sym_names[k], (oi, k))

    def target(oi: int, k: int):
        """What symbol k of object oi names: ("at", object, symbol) or
        ("ext", name)."""
        s = parsed[oi].syms[k]
        if s[3] != _SHN_UNDEF:
            return ("at", oi, k)
        name = parsed[oi].sym_names[k]
        if name in defined:
            return ("at",) + defined[name]
        if not name:
            raise UnsupportedObject("undefined unnamed symbol")
        return ("ext", name)

    # the allocated sections in three groups: code, read-only, writable
    # (.data.rel.ro is written only by relocation, so read-only after)
    groups: dict[str, list[tuple[int, int]]] = {"x": [], "r": [], "w": []}
    for oi, ob in enumerate(parsed):
        for i, (_n, kind, flags, *_rest) in enumerate(ob.secs):
            if not flags & _SHF_ALLOC or kind not in (_SHT_PROGBITS, _SHT_NOBITS) or \
                    ob.names[i].startswith(_SKIPPED):
                continue
            if flags & _SHF_TLS:
                raise UnsupportedObject("thread-local section")
            ro = ob.names[i].startswith(".data.rel.ro")
            g = "x" if flags & _SHF_EXECINSTR else "w" if flags & _SHF_WRITE and not ro else "r"
            groups[g].append((oi, i))

    # externals (a jump stub each) and the symbols reached through a GOT
    # slot (externals, and globals LLVM treats as preemptible): one slot each
    # (the relocations of sections not loaded, .eh_frame's, are skipped;
    # each object's symbols are resolved once: ``targets``)
    loaded = {(oi, i) for g in groups.values() for oi, i in g}
    externals: list[str] = []
    ext_index: dict[str, int] = {}
    got_slot: dict[tuple, int] = {}
    targets: list[dict[int, tuple]] = []
    for oi, ob in enumerate(parsed):
        resolved: dict[int, tuple] = {}
        targets.append(resolved)
        for sec, rows in ob.relas:
            if (oi, sec[7]) not in loaded:
                continue
            for _o, info, _a in rows:
                k = info >> 32
                t = resolved.get(k)
                if t is None:
                    t = resolved[k] = target(oi, k)
                    if t[0] == "ext" and t[1] not in ext_index:
                        ext_index[t[1]] = len(externals)
                        externals.append(t[1])
                if info & 0xFFFFFFFF in (_R_GOTPCREL, _R_GOTPCRELX, _R_REX_GOTPCRELX):
                    got_slot.setdefault(t, len(got_slot))

    offset: dict[tuple[int, int], int] = {}
    at = 0
    bounds = []
    for g in ("x", "r", "w"):
        start = at
        for oi, i in groups[g]:
            sec = parsed[oi].secs[i]
            at = _round(at, max(sec[8], 1))
            offset[(oi, i)] = at
            at += sec[5]
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
    end = 0
    for (oi, i), o in offset.items():
        sec = parsed[oi].secs[i]
        if sec[1] == _SHT_PROGBITS:
            image[o:o + sec[5]] = parsed[oi].data[sec[4]:sec[4] + sec[5]]
            end = max(end, o + sec[5])
    fixups = array("I")
    ext_rows = [[name, stubs_at + _STUB * k, -1] for k, name in enumerate(externals)]
    for k in range(len(externals)):
        image[stubs_at + _STUB * k:stubs_at + _STUB * k + 8] = b"\xff\x25\x02\x00\x00\x00\x90\x90"

    def address(t) -> int:
        """A target's address at base 0 (an external's: its stub)."""
        if t[0] == "ext":
            return stubs_at + _STUB * ext_index[t[1]]
        _tag, oi, k = t
        _st_name, _info, _other, shndx, value, _size = parsed[oi].syms[k]
        if shndx == _SHN_ABS:
            raise UnsupportedObject("absolute symbol")
        if (oi, shndx) not in offset:
            raise UnsupportedObject("relocation against an unloaded section "
                                    f"{parsed[oi].names[shndx]!r}")
        return offset[(oi, shndx)] + value

    for t, slot in got_slot.items():
        where = got_at + 8 * slot
        if t[0] == "ext":
            ext_rows[ext_index[t[1]]][2] = where
        else:
            struct.pack_into("<Q", image, where, address(t))
            fixups.append(where)

    pack_into = struct.pack_into
    for oi, ob in enumerate(parsed):
        resolved = targets[oi]
        addrs = {k: address(t) for k, t in resolved.items()}
        for sec, rows in ob.relas:
            if (oi, sec[7]) not in offset:
                continue
            here = offset[(oi, sec[7])]
            for r_offset, r_info, addend in rows:
                kind = r_info & 0xFFFFFFFF
                p = here + r_offset
                if kind == _R_PLT32 or kind == _R_PC32:         # the most frequent
                    v = addrs[r_info >> 32] + addend - p
                elif kind == _R_64:
                    pack_into("<Q", image, p, addrs[r_info >> 32] + addend)
                    fixups.append(p)
                    continue
                elif kind == _R_PC64:
                    pack_into("<q", image, p, addrs[r_info >> 32] + addend - p)
                    continue
                elif kind in (_R_GOTPCREL, _R_GOTPCRELX, _R_REX_GOTPCRELX):
                    v = got_at + 8 * got_slot[resolved[r_info >> 32]] + addend - p
                else:               # absolute 32-bit ones need a low base
                    raise UnsupportedObject(f"relocation kind {kind}")
                if not -2**31 <= v < 2**31:
                    raise UnsupportedObject("displacement out of range")
                pack_into("<i", image, p, v)

    if table_symbol not in defined:
        raise UnsupportedObject(f"no symbol {table_symbol!r}")
    table = address(("at",) + defined[table_symbol])
    if any(f % 8 for f in fixups):
        raise UnsupportedObject("unaligned absolute relocation")
    end = max(end, stubs_at + _STUB * len(externals), got_at + 8 * len(got_slot))
    return Prelinked(bytes(image[:end]), size, bounds, fixups,
                     [tuple(r) for r in ext_rows], table, count)
