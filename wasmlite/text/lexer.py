"""Tokens of the WebAssembly text format (and of .wast scripts).

One regular expression splits the text; tokens are kept in parallel lists
(kind, text, start offset) rather than objects, because a .wast suite has
millions of them. Token kinds:

  ``(`` ``)``   parentheses
  ``s``         a string literal (text includes the quotes; decode lazily)
  ``$``         an identifier ``$name``
  ``a``         an atom: keyword or number (idchars not starting with ``$``)
  ``r``         a reserved token (e.g. ``0$x``, ``"a"x``): an error wherever
                the parser meets it, reported there so errors come in order

``match[i]`` gives, for a ``(`` at index i, the index of its ``)``; the
parser uses it to skip whole fields in its first pass.

Two Wasm 3.0 pieces are settled here, so that no parser sees them:
quoted identifiers ``$"..."`` are kept as ``$`` plus the name they denote
(``$"a"`` and ``$a`` are one identifier), and annotations ``(@id ...)``
(branch hints among them) are dropped with everything inside them, wherever
they stand, like comments.

Line and column are computed from the offset only when an error is raised.
"""
from __future__ import annotations

import bisect
import re

from ..errors import TextParseError

_IDCHARS = r"0-9A-Za-z!#$%&'*+\-./:<=>?@\\^_`|~"
_STRING = r'"(?:[^"\\]|\\.)*"'

# 3.0 makes these reserved token characters too (a token holding one is an
# error where the grammar meets it, but annotations may hold them); ';' only
# where it does not start a line comment. Group 3 leaves them out so that
# the common token pays nothing for them: a token that goes on with one is
# re-read whole with _RESERVED_TOKEN_RE.
_RESERVED_CHARS = ",;[]{}"
_RESERVED_TOKEN = rf"(?:[{_IDCHARS},\[\]{{}}]+|;(?!;)|{_STRING})+"
_TOKEN_RE = re.compile(
    r"[ \t\n\r]*(?:"
    r"(\()(?!;)"                                       # 1 (
    r"|(\))"                                           # 2 )
    rf"|((?:[{_IDCHARS}]+|{_STRING})+)"                # 3 atom / string / id
    r"|(;;[^\n\r]*)"                                     # 4 line comment
    r"|(\(;)"                                          # 5 block comment
    r"|(\Z)"                                           # 6 end of text
    rf"|({_RESERVED_TOKEN})"                           # 7 reserved token
    r")", re.S)
_RESERVED_TOKEN_RE = re.compile(_RESERVED_TOKEN, re.S)
_STRING_RE = re.compile(_STRING, re.S)
# what may follow "(@": the annotation's id, a name or a string
_ANNOTATION_ID_RE = re.compile(rf"@(?:([{_IDCHARS}]+)|({_STRING}))?", re.S)
_STRING_CHAR_RE = re.compile(r'\\(?:u\{([0-9a-fA-F](?:_?[0-9a-fA-F])*)\}|([0-9a-fA-F]{2})|(.))|([\x00-\x1f\x7f])', re.S)
_SIMPLE_ESCAPES = {"t": b"\t", "n": b"\n", "r": b"\r", '"': b'"', "'": b"'", "\\": b"\\"}


class Source:
    """The text being parsed, for turning offsets into ``line:col``."""

    __slots__ = ("text", "name", "_lines")

    def __init__(self, text: str, name: str = "") -> None:
        self.text = text
        self.name = name
        self._lines: list[int] | None = None

    def line_col(self, pos: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._lines, pos)
        start = self._lines[line - 1] if line else 0
        return line + 1, pos - start + 1

    def error(self, pos: int, message: str) -> TextParseError:
        line, col = self.line_col(pos)
        where = f"{self.name}:" if self.name else ""
        return TextParseError(f"{where}{line}:{col}: {message}")


class Tokens:
    """The token lists of one text: ``kind``, ``text``, ``pos``, ``match``."""

    __slots__ = ("source", "kind", "text", "pos", "match")

    def __init__(self, source: Source) -> None:
        self.source = source
        self.kind: list[str] = []
        self.text: list[str] = []
        self.pos: list[int] = []
        self.match: dict[int, int] = {}


def _skip_block_comment(text: str, start: int, src: Source) -> int:
    """Offset just past the block comment opening at ``start`` (they nest)."""
    depth = 0
    i = start
    while True:
        o = text.find("(;", i)
        c = text.find(";)", i)
        if c < 0:
            raise src.error(start, "unclosed comment")
        if 0 <= o < c:
            depth += 1
            i = o + 2
        else:
            depth -= 1
            i = c + 2
            if depth == 0:
                return i


def _annotation_id(text: str, pos: int, start: int, src: Source) -> int:
    """Offset past the id of the annotation whose "(@" is at ``start``
    (``pos`` is at the '@'); the id must be a non-empty name or string."""
    m = _ANNOTATION_ID_RE.match(text, pos)
    name, quoted = m.group(1), m.group(2)
    if quoted is not None:
        try:
            name = decode_string(quoted).decode("utf-8")
        except UnicodeDecodeError:
            raise src.error(start, "malformed UTF-8 encoding") from None
        except ValueError:
            # a string with a raw control character is no string: the '@'
            # stands alone
            name = ""
    if not name:
        raise src.error(start, "empty annotation id")
    return m.end()


def _quoted_id(tok: str) -> tuple[str, str]:
    """A ``$"..."`` token → (kind, text): ``("$", "$" + name)`` for a valid
    identifier, so that it compares equal to the same name written plain;
    ``"r"`` (an error where the parser meets it, see ``reserved_message``)
    for anything else."""
    body = tok[1:]
    if not _STRING_RE.fullmatch(body):
        return "r", tok
    try:
        name = decode_string(body).decode("utf-8")
    except ValueError:
        return "r", tok
    if not name:
        return "r", tok
    return "$", "$" + name


def reserved_message(tok: str) -> str:
    """The error for a reserved token ``tok`` where the grammar meets it."""
    if tok.startswith("$"):
        rest = tok[1:]
        if not rest:
            return "empty identifier"
        if _STRING_RE.fullmatch(rest):
            try:
                name = decode_string(rest)
            except ValueError:
                # a raw control character: not a string, so "$" is bare
                return "empty identifier"
            try:
                name.decode("utf-8")
            except UnicodeDecodeError:
                return "malformed UTF-8 encoding"
            if not name:
                return "empty identifier"
    return f"unknown operator {tok}"


def tokenize(text: str, name: str = "") -> Tokens:
    """Split ``text`` into tokens; raises TextParseError on a character that
    starts no token, an unclosed string or comment, or unbalanced parens."""
    src = Source(text, name)
    toks = Tokens(src)
    kinds, texts, poss, match = toks.kind, toks.text, toks.pos, toks.match
    stack: list[int] = []
    pos = 0
    n = len(text)
    token_match = _TOKEN_RE.match
    # inside an annotation: how many of its parens are open (0: outside);
    # its tokens are lexed as any others (so strings, comments and illegal
    # characters are found) and then dropped
    annotation = 0
    annotation_at = 0
    while True:
        m = token_match(text, pos)
        if m is None:
            p = pos
            while p < n and text[p] in " \t\n\r":
                p += 1
            ch = text[p]
            if ch == '"':
                raise src.error(p, "unclosed string literal")
            if "\udc80" <= ch <= "\udcff":
                # a byte that is not UTF-8 (quoted modules keep it this way)
                raise src.error(p, "malformed UTF-8 encoding")
            if annotation:
                raise src.error(p, f"illegal character {ch!r}")
            raise src.error(p, f"malformed operator: unexpected character {ch!r}")
        g = m.lastindex
        pos = m.end()
        if g == 3 and pos < n and text[pos] in _RESERVED_CHARS and not text.startswith(";;", pos):
            start = m.start(3)
            m = _RESERVED_TOKEN_RE.match(text, start)
            pos = m.end()
            if not annotation:
                kinds.append("r")
                texts.append(m.group())
                poss.append(start)
            continue
        if g == 7:
            if not annotation:
                kinds.append("r")
                texts.append(m.group(7))
                poss.append(m.start(7))
            continue
        if annotation:
            if g == 1:
                annotation += 1
            elif g == 2:
                annotation -= 1
            elif g == 5:
                pos = _skip_block_comment(text, m.start(5), src)
            elif g == 6:
                raise src.error(annotation_at, "unclosed annotation")
            continue
        if g == 3:
            tok = m.group(3)
            c = tok[0]
            if c == "$" and tok[1:2] == '"':
                kind, tok = _quoted_id(tok)
            elif '"' in tok:
                kind = "s" if c == '"' and _STRING_RE.fullmatch(tok) else "r"
            elif c == "$":
                kind = "$" if len(tok) > 1 else "r"
            else:
                kind = "a"
            kinds.append(kind)
            texts.append(tok)
            poss.append(m.start(3))
        elif g == 1:
            if text.startswith("@", pos):
                annotation_at = m.start(1)
                pos = _annotation_id(text, pos, annotation_at, src)
                annotation = 1
                continue
            stack.append(len(kinds))
            kinds.append("(")
            texts.append("(")
            poss.append(m.start(1))
        elif g == 2:
            if stack:     # a stray ')' stays a token: the parser reports it in order
                match[stack.pop()] = len(kinds)
            kinds.append(")")
            texts.append(")")
            poss.append(m.start(2))
        elif g == 5:
            pos = _skip_block_comment(text, m.start(5), src)
        elif g == 6:
            break
        # g == 4: line comment, nothing to keep
    if stack:
        raise src.error(poss[stack[-1]], "unexpected end: unclosed '('")
    return toks


def decode_string(tok: str) -> bytes:
    """The bytes a string literal denotes (``tok`` includes the quotes).

    Raises ValueError with the reference interpreter's wording."""
    body = tok[1:-1]
    if "\\" not in body and body.isprintable():
        return body.encode("utf-8")
    out = bytearray()
    last = 0
    for m in _STRING_CHAR_RE.finditer(body):
        out += body[last:m.start()].encode("utf-8", "surrogatepass")
        last = m.end()
        uni, hexb, simple, ctrl = m.groups()
        if ctrl is not None:
            raise ValueError("illegal control character in string")
        if hexb is not None:
            out.append(int(hexb, 16))
        elif uni is not None:
            cp = int(uni.replace("_", ""), 16)
            if cp >= 0x110000 or 0xD800 <= cp < 0xE000:
                raise ValueError("malformed UTF-8 encoding: invalid code point in \\u{...}")
            out += chr(cp).encode("utf-8")
        else:
            esc = _SIMPLE_ESCAPES.get(simple)
            if esc is None:
                raise ValueError(f"illegal escape \\{simple}")
            out += esc
    out += body[last:].encode("utf-8", "surrogatepass")
    return bytes(out)


def decode_name(tok: str) -> str:
    """A string literal that must be valid UTF-8 (import/export names)."""
    data = decode_string(tok)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("malformed UTF-8 encoding") from None
