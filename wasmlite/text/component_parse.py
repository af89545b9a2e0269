"""Component WAT (the component model's text format) → component binary.

``parse_component(text)`` gives the bytes ``wasm-tools parse`` gives for
the same text: the same sections in the same order, the same index of every
definition, and the same ``component-name`` custom section. A nested core
module gets a ``name`` section of its id and its functions' (wasm-tools
also names locals, types and the rest); not written: custom sections from
annotations such as ``(@producers ...)`` (annotations are dropped).

The text is resolved in one pass per scope, as wasm-tools does:

* every field is parsed in order into items (component_bytes parts), and an
  item's index is the count of its index space when it is appended;
* sugar becomes items of its own, put before the item that uses it: an
  inline type (``(list (tuple u8 u8))``, an import's ``(func (param ...))``),
  an inline alias (``(func $i "name")``), an instance of inline exports
  (``(with "m" (instance (export ...)))``); an inline export
  (``(func (export "f") ...)``) becomes an export after all the fields;
* a name not defined in the scope but in an enclosing one (only types,
  core types, core modules, components) is reached by an ``alias outer`` put
  before the item, a new one for every use;
* names are looked up when the tree is written, so a name may be used before
  its definition (the validator then refuses the index, as for wasm-tools).

Nested ``(core module ...)`` are parsed by the core text parser.
"""
from __future__ import annotations

import re
from typing import Optional

from .component_base import ParserBase
from .component_bytes import UnresolvedName, flatten
from .component_coretypes import CoreTypesMixin
from .component_fields import FieldsMixin
from .component_typedefs import TypeDefsMixin
from .lexer import Tokens, tokenize
from .parse import add_sentinels


class ComponentParser(FieldsMixin, TypeDefsMixin, CoreTypesMixin, ParserBase):
    """Parses one component: the fields (component_fields.py), the
    component types (component_typedefs.py) and core types
    (component_coretypes.py), over tokens, scopes and references
    (component_base.py)."""


def _component_range(toks: Tokens) -> tuple[int, int, Optional[str]]:
    """The field range of a text that is ``(component $id? field*)``."""
    K, T = toks.kind, toks.text
    n = len(toks.pos)
    if n == 0:
        raise toks.source.error(0, "unexpected end: expected (component ...)")
    if not (K[0] == "(" and K[1] == "a" and T[1] == "component"):
        raise toks.source.error(toks.pos[0] if K[0] != "(" or n < 2 else toks.pos[1],
                                "expected (component ...)")
    if toks.match.get(0) != n - 1:
        at = toks.match.get(0, 0) + 1
        raise toks.source.error(toks.pos[min(at, n - 1)], "unexpected token after the component")
    if K[2] == "$":
        return 3, n - 1, T[2]
    return 2, n - 1, None


def parse_component_tokens(toks: Tokens, start: int, end: int,
                           ident: Optional[str] = None) -> bytes:
    """The binary of the component whose fields are ``toks[start:end]``
    (``add_sentinels`` must have been called); ``binary "..."`` strings are
    taken as they are."""
    parser = ComponentParser(toks)
    if toks.kind[start] == "a" and toks.text[start] == "binary":
        return parser.strings(start + 1, end)
    try:
        parts = parser.component(ident, start, end)
        return bytes(flatten(parts))
    except UnresolvedName as e:
        raise parser.error(e.ref.at, f"unknown {e.ref.space} {e.ref.key}") from None
    except RecursionError:
        raise parser.error(start, "component nested too deeply") from None


_SPACE_RE = re.compile(r"[ \t\n\r]*")
_COMPONENT_HEAD_RE = re.compile(r"\([ \t\n\r]*component(?![^ \t\n\r()])")


def is_component_text(text: str) -> bool:
    """Whether ``text`` starts (after blanks and comments) with
    ``(component``: a component, not a module, for wat2wasm-like callers."""
    pos = 0
    while True:
        pos = _SPACE_RE.match(text, pos).end()
        if text.startswith(";;", pos):
            end = text.find("\n", pos)
            if end < 0:
                return False
            pos = end
        elif text.startswith("(;", pos):
            depth = 0
            while True:
                o, c = text.find("(;", pos), text.find(";)", pos)
                if c < 0:
                    return False            # unclosed: the parser says so
                if 0 <= o < c:
                    depth, pos = depth + 1, o + 2
                else:
                    depth, pos = depth - 1, c + 2
                    if depth == 0:
                        break
        else:
            return _COMPONENT_HEAD_RE.match(text, pos) is not None


def parse_component(text: str, name: str = "") -> bytes:
    """Component WAT text → the component binary (see the module docstring).

    Raises TextParseError (``line:col: message``) for malformed text."""
    toks = tokenize(text, name)
    start, end, ident = _component_range(toks)
    add_sentinels(toks)
    return parse_component_tokens(toks, start, end, ident)

