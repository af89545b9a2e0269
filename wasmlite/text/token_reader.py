"""Readers of single tokens, shared by the text parsers (core modules,
components, scripts).

``TokenReader`` is a mixin over the lexer's parallel token lists: the class
using it sets ``toks`` (a ``lexer.Tokens``), ``K`` and ``T`` (its kinds and
texts) and defines ``unexpected(i)`` (what a parser says of a token its
grammar does not allow differs: the core parser knows operator names).
Errors carry ``line:col`` through the token's source.
"""
from __future__ import annotations

from typing import Any, Callable

from ..errors import TextParseError
from .lexer import Tokens, decode_name, decode_string
from .numbers import parse_nat

_U32_MAX = 0xFFFFFFFF


class TokenReader:
    """Token helpers (see the module docstring)."""

    toks: Tokens
    K: list
    T: list
    # what an index or u32 immediate over 2^32-1 is called: the core text
    # format's words are wabt's/the spec interpreter's ("i32 constant"),
    # the component format's wasm-tools' ("u32 constant")
    u32_range_message = "u32 constant out of range"

    def error(self, i: int, message: str) -> TextParseError:
        """An error at token ``i`` (at the end of the text past the last)."""
        toks = self.toks
        if i >= len(toks.pos):
            return toks.source.error(len(toks.source.text), message)
        return toks.source.error(toks.pos[i], message)

    def expect_close(self, i: int) -> int:
        if self.K[i] != ")":
            raise self.unexpected(i)
        return i + 1

    def is_open(self, i: int, word: str) -> bool:
        """``(word`` at ``i``."""
        return self.K[i] == "(" and self.K[i + 1] == "a" and self.T[i + 1] == word

    def is_index(self, i: int) -> bool:
        """A ``$name`` or a number at ``i``."""
        k = self.K[i]
        return k == "$" or (k == "a" and parse_nat(self.T[i]) is not None)

    def u32(self, i: int) -> int:
        v = parse_nat(self.T[i]) if self.K[i] == "a" else None
        if v is None:
            raise self.unexpected(i)
        if v > _U32_MAX:
            raise self.error(i, self.u32_range_message)
        return v

    def string(self, i: int) -> bytes:
        """A string literal's bytes."""
        return self._literal(i, decode_string)

    def strings(self, j: int, close: int) -> bytes:
        """The bytes of the string literals from ``j`` up to ``close`` (a
        binary module's or a quoted one's), joined."""
        parts = []
        while j < close:
            parts.append(self.string(j))
            j += 1
        return b"".join(parts)

    def name(self, i: int) -> str:
        """A string literal that must be UTF-8 (a name)."""
        return self._literal(i, decode_name)

    def _literal(self, i: int, decode: Callable[[str], Any]) -> Any:
        if self.K[i] != "s":
            raise self.unexpected(i)
        try:
            return decode(self.T[i])
        except ValueError as e:
            raise self.error(i, str(e)) from None
