"""WAVE, the WebAssembly Value Encoding, as ``wasmtime run --invoke
'name(args)' COMPONENT`` reads a call and writes values: the syntax half
(tokens, the call, untyped value trees; writing strings and chars). What
the values mean for a parameter's type is cli_component_values.py.

As Wasmtime's CLI reads it (its messages, spans in bytes of the call's
UTF-8):

- numbers ``-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`` and ``-inf``
  (no ``+``, hex, ``_``, ``.5`` or ``5.``); ``inf`` and ``nan`` are words;
- ``'c'`` chars and ``"..."`` strings with the escapes ``\\\\ \\' \\" \\n \\r \\t``
  and ``\\u{hex}``;
- labels: words of ``[a-z][a-z0-9]*`` or ``[A-Z][A-Z0-9]*`` joined by
  ``-``, ``%`` before one to use a keyword as a label (``%true``);
- ``[a, b]`` lists and ``(a, b)`` tuples (commas between, one after the
  last allowed); ``{x: 1, y: 2}`` records and ``{a, b}`` flags (the commas
  may be left out); ``case`` or ``case(payload)`` for variants, enums,
  options, results, bools.

A call is ``name(params)``: ``name`` a function, or ``interface.name``
(``test:values/echo.echo-u8``) with the interface's version, if it has
one, after the name (``wasi:cli/run.run@0.2.0``), then nothing but blanks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

__all__ = ["WaveSyntaxError", "Node", "Call", "parse_call", "decode_text", "quote_string",
           "quote_char"]

Span = Tuple[int, int]


class WaveSyntaxError(Exception):
    """The call does not read as WAVE: ``message at a..b``."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(f"{message} at {span[0]}..{span[1]}")
        self.span = span


@dataclass
class Node:
    """An untyped value. ``kind``: "number", "char", "string" (``text``: the
    token, quotes included), "label" (``text``: the name, ``escaped`` if
    written with ``%``; ``items``: its payload, if any), "list", "tuple",
    "record" (``fields``), "flags" (``text`` of each in ``names``)."""
    kind: str
    span: Span
    text: str = ""
    escaped: bool = False
    items: List["Node"] = field(default_factory=list)
    fields: List[Tuple[str, "Node"]] = field(default_factory=list)
    names: List[str] = field(default_factory=list)


@dataclass
class Call:
    name: str                # [interface.]func, as written
    name_span: Span
    params: List[Node]
    close_span: Span         # the call's ')'
    version: Optional[str] = None    # the interface's, after the function's name


_WORD = r"(?:[a-z][a-z0-9]*|[A-Z][A-Z0-9]*)"
_LABEL = re.compile(rf"%?{_WORD}(?:-{_WORD})*")
_NUMBER = re.compile(r"-inf(?![a-zA-Z0-9])|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_ESCAPE = r"""\\(?:[\\"'nrt]|u\{[0-9a-fA-F]+\})"""
_STRING_ITEM = re.compile(rf"""[^"\\]|{_ESCAPE}""")
_CHAR_ITEM = re.compile(rf"""[^'\\]|{_ESCAPE}""")
_PUNCT = {"(": "ParenOpen", ")": "ParenClose", "[": "BracketOpen", "]": "BracketClose",
          "{": "BraceOpen", "}": "BraceClose", ":": "Colon", ",": "Comma"}
_BLANKS = " \t\n\r"
# [interface.]func[@version]: the interface as the component names it, less
# its version, which comes after the function (wasi:cli/run.run@0.2.0)
_NAME_CHARS = re.compile(r"[A-Za-z0-9:/@.+%-]*")
_QUALIFIED = re.compile(r"[A-Za-z0-9:/%-]+\.(?=%?[a-zA-Z])")
_SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
                     r"(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")


@dataclass
class _Token:
    kind: str               # LabelOrKeyword, Number, Char, String, or a _PUNCT name
    start: int              # character offsets; spans are given in bytes
    end: int


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        # byte offset of each character offset (UTF-8), for spans
        self._bytes = [0]
        for ch in text:
            self._bytes.append(self._bytes[-1] + len(ch.encode("utf-8", "surrogatepass")))

    def span(self, start: int, end: int) -> Span:
        return (self._bytes[start], self._bytes[end])

    def end_span(self) -> Span:
        return self.span(len(self.text), len(self.text))

    def skip_blanks(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _BLANKS:
            self.pos += 1

    def _quoted(self, quote: str, item: "re.Pattern") -> _Token:
        start, i, n = self.pos, self.pos + 1, 0
        text = self.text
        while i < len(text) and text[i] != quote:
            m = item.match(text, i)
            if m is None:                   # a bad escape: the token ends there
                raise WaveSyntaxError("invalid token", self.span(start, max(i, start + 1)))
            i, n = m.end(), n + 1
        if i >= len(text) or (quote == "'" and n != 1):
            whole = i < len(text) and n > 1          # '' ends at its first quote
            raise WaveSyntaxError("invalid token", self.span(start, i + 1 if whole else start + 1))
        self.pos = i + 1
        return _Token("Char" if quote == "'" else "String", start, self.pos)

    def next(self) -> Optional[_Token]:
        """The next token, or None at the end."""
        self.skip_blanks()
        text, start = self.text, self.pos
        if start >= len(text):
            return None
        c = text[start]
        if c in _PUNCT:
            self.pos += 1
            return _Token(_PUNCT[c], start, start + 1)
        if c == '"':
            return self._quoted('"', _STRING_ITEM)
        if c == "'":
            return self._quoted("'", _CHAR_ITEM)
        m = _NUMBER.match(text, start)
        if m is not None and m.end() > start and (c != "-" or m.end() > start + 1):
            self.pos = m.end()
            return _Token("Number", start, self.pos)
        m = _LABEL.match(text, start)
        if m is not None:
            self.pos = m.end()
            return _Token("LabelOrKeyword", start, self.pos)
        raise WaveSyntaxError("invalid token", self.span(start, start + 1))


class _Parser:
    def __init__(self, text: str) -> None:
        self.lexer = _Lexer(text)
        self.text = text
        self.peeked: Optional[_Token] = None
        self.peeked_valid = False

    def peek(self) -> Optional[_Token]:
        if not self.peeked_valid:
            self.peeked = self.lexer.next()
            self.peeked_valid = True
        return self.peeked

    def take(self) -> _Token:
        tok = self.peek()
        if tok is None:
            raise WaveSyntaxError("unexpected end of input", self.lexer.end_span())
        self.peeked_valid = False
        return tok

    def span(self, tok: _Token) -> Span:
        return self.lexer.span(tok.start, tok.end)

    def unexpected(self, tok: _Token) -> WaveSyntaxError:
        return WaveSyntaxError(f"unexpected token: {tok.kind}", self.span(tok))

    def expect(self, kind: str) -> _Token:
        tok = self.take()
        if tok.kind != kind:
            raise self.unexpected(tok)
        return tok

    def value(self) -> Node:
        tok = self.take()
        kind = tok.kind
        text = self.text[tok.start:tok.end]
        if kind == "Number":
            return Node("number", self.span(tok), text)
        if kind in ("Char", "String"):
            return Node(kind.lower(), self.span(tok), text)
        if kind == "LabelOrKeyword":
            node = Node("label", self.span(tok), text.lstrip("%"), text.startswith("%"))
            nxt = self.peek()
            if nxt is not None and nxt.kind == "ParenOpen":
                self.take()
                node.items = [self.value()]
                close = self.expect("ParenClose")
                node.span = (node.span[0], self.span(close)[1])
            return node
        if kind == "BracketOpen":
            items, close = self.sequence("BracketClose")
            return Node("list", (self.span(tok)[0], self.span(close)[1]), items=items)
        if kind == "ParenOpen":
            items, close = self.sequence("ParenClose")
            return Node("tuple", (self.span(tok)[0], self.span(close)[1]), items=items)
        if kind == "BraceOpen":
            return self.braces(tok)
        raise self.unexpected(tok)

    def sequence(self, close_kind: str) -> tuple[list, _Token]:
        """Values separated by commas (one after the last allowed) up to
        ``close_kind``."""
        items: list = []
        while True:
            tok = self.peek()
            if tok is not None and tok.kind == close_kind:
                return items, self.take()
            items.append(self.value())
            tok = self.take()
            if tok.kind == close_kind:
                return items, tok
            if tok.kind != "Comma":
                raise self.unexpected(tok)

    def braces(self, open_tok: _Token) -> Node:
        """``{}``, ``{a, b}`` (flags) or ``{x: 1, y: 2}`` (a record); the
        commas may be left out."""
        fields: list = []
        names: list = []
        seen: set = set()
        while True:
            tok = self.take()
            if tok.kind == "BraceClose":
                break
            if tok.kind != "LabelOrKeyword":
                raise self.unexpected(tok)
            label = self.text[tok.start:tok.end].lstrip("%")
            if not names and (fields or self.peek_kind() == "Colon"):
                self.expect("Colon")
                if label in seen:
                    raise WaveSyntaxError(f'duplicate field: "{label}"', self.span(tok))
                fields.append((label, self.value()))
            else:
                if label in seen:
                    raise WaveSyntaxError(f'duplicate flag: "{label}"', self.span(tok))
                names.append(label)
            seen.add(label)
            if self.peek_kind() == "Comma":
                self.take()
        span = (self.span(open_tok)[0], self.span(tok)[1])
        if fields:
            return Node("record", span, fields=fields)
        return Node("flags", span, names=names)

    def peek_kind(self) -> Optional[str]:
        tok = self.peek()
        return tok.kind if tok is not None else None


def parse_call(text: str) -> Call:
    """``name(params)`` read as WAVE; WaveSyntaxError if it does not read."""
    p = _Parser(text)
    lexer = p.lexer
    lexer.skip_blanks()
    start = lexer.pos
    head = _NAME_CHARS.match(text, start)
    if head.end() < len(text) and text[head.end()] not in "(" + _BLANKS:
        raise WaveSyntaxError("invalid token", lexer.span(head.end(), head.end() + 1))
    qualified = _QUALIFIED.match(text, start)
    if qualified is not None:
        lexer.pos = qualified.end()
    else:
        at = text.find("@", start, head.end())
        m = _SEMVER.match(text, at + 1) if at > 0 and ":" in text[start:at] else None
        if m is not None and m.end() < head.end():      # pkg:iface@1.2.3.func: the
            raise WaveSyntaxError("invalid token",      # version comes after func
                                  lexer.span(m.end(), m.end() + 1))
    name_tok = p.take()
    if name_tok.kind != "LabelOrKeyword" or text[name_tok.start] == "%":
        if text[name_tok.start] == "%":
            raise WaveSyntaxError("invalid token", lexer.span(name_tok.start, name_tok.start + 1))
        raise p.unexpected(name_tok)
    name = text[start:name_tok.end]
    version = None
    if text.startswith("@", lexer.pos):
        at = lexer.pos
        m = _SEMVER.match(text, at + 1)
        if m is None or (m.end() < len(text) and text[m.end()] not in "(" + _BLANKS):
            end = head.end() if at + 1 < len(text) and text[at + 1].isdigit() else at + 1
            raise WaveSyntaxError("invalid token", lexer.span(start if end > at + 1 else at,
                                                              end))
        version = m.group(0)
        lexer.pos = m.end()
        p.peeked_valid = False
    p.expect("ParenOpen")
    params, close = p.sequence("ParenClose")
    trailing = p.peek()
    if trailing is not None:
        raise WaveSyntaxError("trailing characters after value", p.span(trailing))
    return Call(name, lexer.span(start, name_tok.end), params, p.span(close), version)


# -- text: decoding and writing -----------------------------------------------------

class EscapeError(Exception):
    """A ``\\u{..}`` that is not a character, at ``offset`` (characters into
    the token)."""

    def __init__(self, offset: int) -> None:
        super().__init__("invalid character escape")
        self.offset = offset


_SIMPLE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t"}


def decode_text(token: str) -> str:
    """The characters a char or string token (quotes included) stands for;
    EscapeError for an escape of no character (a surrogate, past U+10FFFF)."""
    out = []
    i, end = 1, len(token) - 1
    while i < end:
        c = token[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = token[i + 1]
        if e in _SIMPLE:
            out.append(_SIMPLE[e])
            i += 2
            continue
        close = token.index("}", i)
        code = int(token[i + 3:close], 16)
        if code > 0x10FFFF or 0xD800 <= code < 0xE000:
            raise EscapeError(i)
        out.append(chr(code))
        i = close + 1
    return "".join(out)


_WRITE_ESCAPES = {"\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r",
                  "\t": "\\t"}


def _write_char(c: str) -> str:
    esc = _WRITE_ESCAPES.get(c)
    if esc is not None:
        return esc
    # as Rust's escape_debug: what is not printable (Python's test stands in
    # for Rust's; they differ only on rare characters) or extends a grapheme
    if not c.isprintable() or _extends_grapheme(c):
        return f"\\u{{{ord(c):x}}}"
    return c


def _extends_grapheme(c: str) -> bool:
    import unicodedata
    return unicodedata.category(c) in ("Mn", "Me")


def quote_string(s: str) -> str:
    return '"' + "".join(_write_char(c) for c in s) + '"'


def quote_char(c: str) -> str:
    return "'" + _write_char(c) + "'"
