"""Rust's v0 symbol mangling (``_R...``) read back as Wasmtime's backtraces
print it (the non-alternate form: a crate shows its disambiguator as
``name[hex]``), e.g. ``_RNvNtCs1wwIxjb0Jwr_22wasi_snapshot_preview16macros11assert_fail``
-> ``wasi_snapshot_preview1[11c22894596c3421]::macros::assert_fail``.

Covered: crate roots, nested paths (closures and shims as
``{closure#0}``), inherent and trait impls (``<T>``, ``<T as Trait>``),
generic arguments, back references, and the types that appear in them
(basic types, references, raw pointers, slices, arrays, tuples; integer,
bool and char constants), Punycode identifiers. Anything else
(bound lifetimes, fn pointers, dyn types, a bad Punycode name) makes ``demangle_v0`` answer None, and
the caller shows the name as it is: never a wrong name.
"""
from __future__ import annotations

import unicodedata
from typing import Optional

_BASIC = {
    "a": "i8", "b": "bool", "c": "char", "d": "f64", "e": "str", "f": "f32", "h": "u8",
    "i": "isize", "j": "usize", "l": "i32", "m": "u32", "n": "i128", "o": "u128",
    "s": "i16", "t": "u16", "u": "()", "v": "...", "x": "i64", "y": "u64", "z": "!",
    "p": "_",
}
_UNSIGNED = {"h", "t", "m", "y", "o", "j"}
_INTEGERS = _UNSIGNED | {"a", "s", "l", "x", "n", "i"}
_DIGITS62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_NAMESPACES = {"C": "closure", "S": "shim"}
_MAX_DEPTH = 100
_CHAR_ESCAPES = {0: "\\0", 9: "\\t", 10: "\\n", 13: "\\r", 0x27: "\\'", 0x5c: "\\\\"}


class _Unsupported(Exception):
    """A form this reader does not cover (or a malformed symbol)."""


def _punycode(encoded: str) -> str:
    """A non-ASCII identifier: Punycode with its last ``_`` for ``-``. Only
    one that decodes and encodes back to itself is taken (Rust shows a bad
    one as ``punycode{..}``; this reader gives up instead)."""
    basic, sep, deltas = encoded.rpartition("_")
    text = f"{basic}-{deltas}" if sep else encoded
    try:
        name = text.encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        raise _Unsupported("punycode") from None
    if name.encode("punycode") != text.encode("ascii"):
        raise _Unsupported("punycode")
    return name


class _Reader:
    def __init__(self, s: str, pos: int = 0, depth: int = 0) -> None:
        self.s = s
        self.pos = pos
        self.depth = depth
        if depth > _MAX_DEPTH:
            raise _Unsupported("too deep")

    def peek(self) -> str:
        return self.s[self.pos] if self.pos < len(self.s) else ""

    def next(self) -> str:
        c = self.peek()
        if not c:
            raise _Unsupported("end of symbol")
        self.pos += 1
        return c

    def eat(self, c: str) -> bool:
        if self.peek() == c:
            self.pos += 1
            return True
        return False

    def base62(self) -> int:
        """``_`` is 0, ``<digits>_`` the digits' value plus one."""
        if self.eat("_"):
            return 0
        value = 0
        while not self.eat("_"):
            c = self.next()
            if c not in _DIGITS62:
                raise _Unsupported("bad base-62 digit")
            value = value * 62 + _DIGITS62.index(c)
        return value + 1

    def opt_base62(self, tag: str) -> int:
        return self.base62() + 1 if self.eat(tag) else 0

    def decimal(self) -> int:
        start = self.pos
        while self.peek().isdigit():
            self.pos += 1
        if start == self.pos:
            raise _Unsupported("expected a number")
        return int(self.s[start:self.pos])

    def ident(self) -> tuple[int, str]:
        """(disambiguator, name)."""
        dis = self.opt_base62("s")
        punycode = self.eat("u")
        n = self.decimal()
        self.eat("_")            # separates a name that starts with a digit or _
        if self.pos + n > len(self.s):
            raise _Unsupported("name past the end")
        name = self.s[self.pos:self.pos + n]
        self.pos += n
        return dis, _punycode(name) if punycode else name

    def backref(self) -> "_Reader":
        target = self.base62()
        if target >= self.pos - 1:
            raise _Unsupported("backref forward")
        return _Reader(self.s, target, self.depth + 1)

    # -- paths -------------------------------------------------------------

    def path(self, in_value: bool) -> str:
        tag = self.next()
        if tag == "C":
            dis, name = self.ident()
            return f"{name}[{dis:x}]"
        if tag == "N":
            ns = self.next()
            prefix = self.path(in_value)
            dis, name = self.ident()
            if ns.islower():
                return f"{prefix}::{name}" if name else prefix
            label = _NAMESPACES.get(ns, ns)
            inner = f"{label}:{name}" if name else label
            return f"{prefix}::{{{inner}#{dis}}}"
        if tag == "M":
            self.opt_base62("s")
            self.skip_path()     # the impl's own path: not shown
            return f"<{self.type()}>"
        if tag == "X":
            self.opt_base62("s")
            self.skip_path()
            self_type = self.type()
            return f"<{self_type} as {self.path(False)}>"
        if tag == "Y":
            self_type = self.type()
            return f"<{self_type} as {self.path(False)}>"
        if tag == "I":
            prefix = self.path(in_value)
            args = []
            while not self.eat("E"):
                args.append(self.generic_arg())
            return f"{prefix}{'::' if in_value else ''}<{', '.join(args)}>"
        if tag == "B":
            return self.backref().path(in_value)
        raise _Unsupported(f"path {tag!r}")

    def skip_path(self) -> None:
        self.path(False)

    def generic_arg(self) -> str:
        if self.eat("L"):
            self.erased_lifetime()
            return "'_"
        if self.eat("K"):
            return self.const()
        return self.type()

    def erased_lifetime(self) -> None:
        """``L_``, the erased lifetime (shown as nothing, or ``'_``); a bound
        one (``'a``) needs binders, not covered."""
        if self.base62() != 0:
            raise _Unsupported("bound lifetime")

    # -- types -------------------------------------------------------------

    def type(self) -> str:
        c = self.peek()
        if c in _BASIC:
            self.pos += 1
            return _BASIC[c]
        self.pos += 1
        if c in "RQ":
            if self.eat("L"):
                self.erased_lifetime()
            return ("&" if c == "R" else "&mut ") + self.type()
        if c in "PO":
            return ("*const " if c == "P" else "*mut ") + self.type()
        if c == "S":
            return f"[{self.type()}]"
        if c == "A":
            element = self.type()
            return f"[{element}; {self.const()}]"
        if c == "T":
            items = []
            while not self.eat("E"):
                items.append(self.type())
            return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
        if c == "B":
            return self.backref().type()
        if c in "CNMXYI":
            self.pos -= 1
            return self.path(False)
        raise _Unsupported(f"type {c!r}")

    def const(self) -> str:
        """An integer or bool constant, as Rust prints one: ``4usize``,
        ``-3i32``, ``true``."""
        if self.eat("B"):
            return self.backref().const()
        ty = self.next()
        if ty == "p":
            return "_"
        if ty not in _INTEGERS and ty not in "bc":
            raise _Unsupported("constant")
        negative = ty in _INTEGERS and ty not in _UNSIGNED and self.eat("n")
        start = self.pos
        while self.peek() and self.peek() != "_":
            if self.peek() not in "0123456789abcdef":
                raise _Unsupported("constant")
            self.pos += 1
        digits = self.s[start:self.pos]
        self.next()
        value = int(digits, 16) if digits else 0
        if ty == "b":
            if value > 1:
                raise _Unsupported("constant")
            return "true" if value else "false"
        if ty == "c":
            # as Rust's Debug shows a char: a named escape, itself when
            # printable, else \u{hex} (Python's idea of printable stands in
            # for Rust's; they differ only on rare characters)
            text = _CHAR_ESCAPES.get(value)
            if text is None:
                if value > 0x10FFFF or 0xD800 <= value < 0xE000:
                    raise _Unsupported("char constant")
                text = chr(value)
                if not text.isprintable() or unicodedata.category(text) in ("Mn", "Me"):
                    text = f"\\u{{{value:x}}}"
            return f"'{text}'"
        return f"{'-' if negative else ''}{value}{_BASIC[ty]}"


def demangle_v0(name: str) -> Optional[str]:
    """The v0-mangled ``name`` (``_R...``) as Rust prints it, or None if it
    is not one this reader covers."""
    if not name.startswith("_R"):
        return None
    body, dot, suffix = name[2:].partition(".")
    reader = _Reader(body)
    try:
        if reader.peek().isdigit():
            raise _Unsupported("encoding version")
        out = reader.path(True)
        if reader.pos < len(body):
            reader.path(False)            # the instantiating crate: not shown
        if reader.pos != len(body):
            raise _Unsupported("trailing characters")
    except (_Unsupported, RecursionError):
        return None
    if suffix.startswith("llvm.") and all(c in "0123456789ABCDEFabcdef@" for c in suffix[5:]):
        return out                        # ThinLTO's suffix: Rust leaves it out
    return out + (dot + suffix if dot else "")
