"""The component text parser's foundation: tokens, errors, scopes and
references.

``ParserBase`` is what the grammar mixins (component_fields.py,
component_typedefs.py, component_coretypes.py) build on: token helpers
(``token_reader.TokenReader``, shared with the core text parser), the scope
stack, ``begin``/``finish`` (an item and the outer aliases it needs, appended in
order, its index given), and ``ref`` (a name resolved as wasm-tools
resolves it: the scope's own, or an enclosing scope's through an inserted
``alias outer``).
"""
from __future__ import annotations

from typing import Optional

from ..errors import TextParseError
from .component_bytes import SEC_ALIAS, SEC_CORE_TYPE, SEC_TYPE, SORT_BYTES, Ref, s33
from .component_scope import COMPONENT, MODULE_TYPE, Scope, declared_names
from .lexer import Tokens, reserved_message
from .token_reader import TokenReader

# index spaces an outer alias can reach (Explainer.md: outer aliases are
# restricted to types, modules and components)
_OUTER_SPACES = frozenset({"type", "core type", "core module", "component"})


class ParserBase(TokenReader):
    """Tokens, scopes and references (see the module docstring)."""

    def __init__(self, toks: Tokens) -> None:
        self.toks = toks
        self.K = toks.kind
        self.T = toks.text
        self.M = toks.match
        self.scope: Optional[Scope] = None

    # ------------------------------------------------------------ errors and tokens

    def unexpected(self, i: int) -> TextParseError:
        if i >= len(self.toks.pos):
            return self.error(i, "unexpected end")
        k, t = self.K[i], self.T[i]
        if k == "r":
            return self.error(i, reserved_message(t))
        if k == ")":
            return self.error(i, "unexpected token )")
        return self.error(i, f"unexpected token {t}")

    def expect_at(self, i: int, close: int) -> None:
        """Nothing more before ``close``."""
        if i != close:
            raise self.unexpected(i)

    def is_type_use(self, i: int) -> bool:
        """``(type x)`` at ``i`` (not a ``(type $id ...)`` definition)."""
        return self.is_open(i, "type") and self.M[i] == i + 3

    def opt_ident(self, i: int) -> tuple[Optional[int], int]:
        """The token index of a ``$id`` at ``i`` (or None) and the next index."""
        if self.K[i] == "$":
            return i, i + 1
        return None, i

    # ------------------------------------------------------------ scopes and items

    def enter(self, kind: str, ident: Optional[str], start: int, end: int) -> Scope:
        declared = declared_names(self.K, self.T, self.M, start, end, kind)
        self.scope = Scope(kind, ident, self.scope, declared)
        return self.scope

    def leave(self) -> None:
        self.scope = self.scope.parent

    def begin(self) -> None:
        """A new item starts: outer aliases it needs collect until finish."""
        self.scope.pending.append([])

    def finish(self, code: int, node: object, space: Optional[str] = None,
               ident: Optional[int] = None) -> Optional[int]:
        """Append the item begun last (after the aliases it needs); returns
        its index in ``space`` (None if it defines nothing)."""
        scope = self.scope
        for a_code, a_node, a_space, key in scope.pending.pop():
            scope.items.append((a_code, a_node))
            scope.names[a_space][key] = scope.counts[a_space]
            scope.counts[a_space] += 1
        scope.items.append((code, node))
        if space is None:
            return None
        return self.bind(space, ident)

    def bind(self, space: str, ident: Optional[int], named: bool = True) -> int:
        """Give the next index of ``space`` (to the ``$id`` at token ``ident``;
        in the component-name section too when ``named``)."""
        scope = self.scope
        idx = scope.counts[space]
        scope.counts[space] = idx + 1
        if ident is not None:
            name = self.T[ident]
            if name in scope.names[space]:
                raise self.error(ident, f"duplicate {space} {name}")
            scope.names[space][name] = idx
            if scope.kind == COMPONENT and named:
                scope.named[space][idx] = name[1:]
        return idx

    def ref(self, i: int, space: str, signed: bool = False) -> object:
        """A reference at token ``i`` into ``space``: a number as it is, a
        name of this scope, or a name of an enclosing scope through a new
        outer alias."""
        K = self.K
        if K[i] == "a":
            v = self.u32(i)
            return s33(v) if signed else v
        if K[i] != "$":
            raise self.unexpected(i)
        name = self.T[i]
        scope = self.scope
        if name in scope.declared[space]:
            return Ref(scope, space, name, i, signed)
        outer, depth = scope.parent, 1
        while outer is not None and name not in outer.declared[space]:
            outer, depth = outer.parent, depth + 1
        if outer is None or space not in _OUTER_SPACES:
            raise self.error(i, f"unknown {space} {name}")
        key = object()
        scope.pending[-1].append(
            (self.alias_code(), self.outer_alias_node(space, depth, Ref(outer, space, name, i)),
             space, key))
        return Ref(scope, space, key, i, signed)

    def outer_alias_node(self, space: str, depth: int, idx: object) -> object:
        if self.scope.kind == MODULE_TYPE:
            # core:alias: the core sort, 0x01 outer
            return [SORT_BYTES[space][1:], b"\x01", depth, idx]
        return [SORT_BYTES[space], b"\x02", depth, idx]

    def type_code(self) -> int:
        return SEC_TYPE if self.scope.kind == COMPONENT else 0x01

    def core_type_code(self) -> int:
        if self.scope.kind == COMPONENT:
            return SEC_CORE_TYPE
        return 0x01 if self.scope.kind == MODULE_TYPE else 0x00

    def alias_code(self) -> int:
        return SEC_ALIAS if self.scope.kind == COMPONENT else 0x02
