"""Scopes of the component text format: a component, a component type, an
instance type or a core module type, each with its own index spaces.

Before a scope's fields are parsed, ``declared_names`` finds every ``$id``
they bind, per index space. A name used inside the scope is the scope's own
when it is declared there, even further down (as wasm-tools resolves it);
otherwise it is looked up in the enclosing scopes and reached through an
``alias outer`` the parser inserts.

Items are appended in their final order, so an item's index is known when it
is appended; ``Scope.pending`` collects the outer aliases a field needs, to
be appended just before it.
"""
from __future__ import annotations

from typing import Optional

from .component_bytes import NAMESPACES

COMPONENT, COMPONENT_TYPE, INSTANCE_TYPE, MODULE_TYPE = (
    "component", "component type", "instance type", "module type")

# the index space a sort keyword names, with and without ``core``
SPACE_OF_WORD = {"func": "func", "value": "value", "type": "type",
                 "component": "component", "instance": "instance"}
CORE_SPACE_OF_WORD = {"func": "core func", "table": "core table", "memory": "core memory",
                      "global": "core global", "tag": "core tag", "type": "core type",
                      "module": "core module", "instance": "core instance"}


class Scope:
    """One scope's index spaces and the items defined in it so far."""

    def __init__(self, kind: str, ident: Optional[str], parent: Optional["Scope"],
                 declared: dict[str, set]) -> None:
        self.kind = kind
        self.id = ident
        self.parent = parent
        self.declared = declared
        self.names: dict[str, dict] = {ns: {} for ns in NAMESPACES}
        self.counts: dict[str, int] = {ns: 0 for ns in NAMESPACES}
        # identifier per index, for the component-name section
        self.named: dict[str, dict[int, str]] = {ns: {} for ns in NAMESPACES}
        # (section id or declaration byte, parts)
        self.items: list[tuple[int, object]] = []
        # one list per field being parsed: the aliases to put before it
        self.pending: list[list] = []
        # inline exports, which wasm-tools puts after the scope's fields
        self.trailing: list = []
        # a module type's function types by value (inline type uses reuse one)
        self.core_func_types: dict = {}


def _space_of_group(K: list, T: list, i: int, core_scope: bool) -> tuple[Optional[str], int]:
    """For a ``(sort $id? ...)`` or ``(core sort $id? ...)`` group at ``i``:
    the index space it names and the token index where an ``$id`` may be."""
    if K[i] != "(" or K[i + 1] != "a":
        return None, i
    word = T[i + 1]
    if word == "core":
        return CORE_SPACE_OF_WORD.get(T[i + 2]), i + 3
    table = CORE_SPACE_OF_WORD if core_scope else SPACE_OF_WORD
    return table.get(word), i + 2


def last_group(K: list, M: dict, i: int, close: int) -> Optional[int]:
    """The '(' of the last parenthesized group directly inside ``[i, close)``."""
    last = None
    while i < close:
        if K[i] == "(":
            last = i
            i = M.get(i, close) + 1
        else:
            i += 1
    return last


def declared_names(K: list, T: list, M: dict, start: int, end: int,
                   kind: str) -> dict[str, set]:
    """The identifiers the fields (or declarations) in ``[start, end)``
    bind, per index space. Malformed fields are skipped: the parser reports
    them in order."""
    out: dict[str, set] = {ns: set() for ns in NAMESPACES}
    core_scope = kind == MODULE_TYPE

    def add(space: Optional[str], j: int) -> None:
        if space is not None and K[j] == "$":
            out[space].add(T[j])

    i = start
    while i < end:
        if K[i] != "(" or i not in M:
            i += 1
            continue
        close = M[i]
        kw = T[i + 1] if K[i + 1] == "a" else ""
        if kw == "core":
            word = T[i + 2]
            if word == "rec":
                j = i + 3
                while j < close and K[j] == "(" and T[j + 1] == "type":
                    add("core type", j + 2)
                    j = M.get(j, close) + 1
            else:
                add(CORE_SPACE_OF_WORD.get(word), i + 3)
        elif kw in ("component", "instance", "func", "value"):
            add(SPACE_OF_WORD[kw], i + 2)
        elif kw == "type":
            add("core type" if core_scope else "type", i + 2)
        elif kw in ("alias", "canon"):
            g = last_group(K, M, i + 2, close)
            if g is not None:
                space, j = _space_of_group(K, T, g, core_scope)
                add(space, j)
        elif kw in ("import", "export"):
            j = i + 2
            ident = None
            if K[j] == "$":            # (export $id "name" sortidx)
                ident = j
                j += 1
            while j < close and K[j] == "s":
                j += 1
            space, at = _space_of_group(K, T, j, core_scope)
            if ident is not None:
                add(space, ident)
            elif not (kw == "export" and kind == COMPONENT):
                add(space, at)          # an import's, or a type's export's, $id
        elif kw == "start":
            j = i + 3
            while j < close:
                if K[j] == "(" and T[j + 1] == "result" and K[j + 2] == "(":
                    add("value", j + 4)
                j = M.get(j, j) + 1 if K[j] == "(" else j + 1
        i = close + 1
    return out
