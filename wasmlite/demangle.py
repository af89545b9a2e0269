"""Function names as Wasmtime prints them in a backtrace.

Wasmtime shows a frame's name demangled: Rust's legacy mangling and the
Itanium C++ ABI (``_ZN3foo3barE`` -> ``foo::bar``, ``_Z3fooi`` ->
``foo(int)``), and, since a C++ demangler also reads a bare type, a name
that happens to spell a builtin type (``i`` -> ``int``, ``Pi`` -> ``int*``).
This covers those common forms, and Rust's v0 scheme (``_R...``,
demangle_rust_v0.py); anything else (templates, substitutions) is printed
as it is. ``Frame.func_name`` itself is never
changed.
"""
from __future__ import annotations

from typing import Optional


_BUILTIN = {
    "v": "void", "w": "wchar_t", "b": "bool", "c": "char", "a": "signed char",
    "h": "unsigned char", "s": "short", "t": "unsigned short", "i": "int",
    "j": "unsigned int", "l": "long", "m": "unsigned long", "x": "long long",
    "y": "unsigned long long", "n": "__int128", "o": "unsigned __int128", "f": "float",
    "d": "double", "e": "long double", "g": "__float128", "z": "...",
    "Dn": "std::nullptr_t", "Di": "char32_t", "Ds": "char16_t", "Du": "char8_t",
}
_QUALIFIERS = {"P": "*", "R": "&", "O": "&&"}


def _type(s: str, i: int) -> tuple[Optional[str], int]:
    """One builtin type (with pointer/reference/const prefixes) at s[i]."""
    suffix = ""
    while i < len(s) and s[i] in "PROK":
        suffix = (" const" if s[i] == "K" else _QUALIFIERS[s[i]]) + suffix
        i += 1
    for width in (2, 1):
        name = _BUILTIN.get(s[i:i + width])
        if name is not None and i + width <= len(s):
            return name + suffix, i + width
    return None, i


def _source_name(s: str, i: int) -> tuple[Optional[str], int]:
    j = i
    while j < len(s) and s[j].isdigit():
        j += 1
    if j == i:
        return None, i
    n = int(s[i:j])
    if n == 0 or j + n > len(s):
        return None, i
    return s[j:j + n], j + n


def _params(s: str, i: int) -> Optional[str]:
    """``(T, U)`` from the rest of an encoding, or None if it is not that."""
    types = []
    while i < len(s):
        t, i2 = _type(s, i)
        if t is None:
            return None
        types.append(t)
        i = i2
    return "()" if types == ["void"] else "(" + ", ".join(types) + ")"


def _mangled(s: str) -> Optional[str]:
    if s.startswith("_ZN"):
        i, parts = 3, []
        while i < len(s) and s[i] != "E":
            part, i2 = _source_name(s, i)
            if part is None:
                return None
            parts.append(part)
            i = i2
        if i >= len(s) or not parts:
            return None
        name, rest = "::".join(parts), s[i + 1:]
    elif s.startswith("_Z"):
        name, i = _source_name(s, 2)
        if name is None:
            return None
        rest = s[i:]
    else:
        return None
    if not rest:
        return name
    params = _params(rest, 0)
    return None if params is None else name + params


def demangle(name: str) -> str:
    """``name`` as Wasmtime's backtrace shows it."""
    if name.startswith("_R"):
        # (imported for the first such name: it and unicodedata cost every
        # process ~1-2 ms of import)
        from .demangle_rust_v0 import demangle_v0
        out = demangle_v0(name)
    else:
        out = _mangled(name)
    if out is not None:
        return out
    t, end = _type(name, 0)
    if t is not None and end == len(name):
        return t
    return name
