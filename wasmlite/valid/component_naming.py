"""The component model's naming rule for imports and exports.

A component's imports and exports must describe themselves: every record,
variant, enum or flags type, and every resource behind an ``own``/``borrow``,
that an imported or exported item's type mentions must itself have been
imported or exported under a name (so that WIT, bindings generators and the
host can name it). Tuples, lists, options and results need no name of their
own, only their parts do. An import may use only imported types; an export
may use imported and exported ones. Wasmtime (wasmparser) refuses what
breaks the rule with "func not valid to be used as export" and kin.

Which type an index stands for matters here, not only its structure: the
type a ``(type (record ...))`` definition makes and the one its export
``(export $e "e" (type $r))`` makes are the same value type but different
*names*: only ``$e`` is exported. The resolved types of
``syntax.component_types`` compare structurally, so the validator keeps a
``TypeId`` beside each type, function, instance and component index: an
identity object with the kind of the type and the ``TypeId``s of its parts.
"""
from __future__ import annotations

from typing import Optional

from ..syntax.component import Sort

__all__ = ["TypeId", "PRIM", "NamedTypes", "alias_of", "bind", "entry", "remap"]

# TypeId kinds
PRIMITIVE = "primitive"    # bool ... string: named by definition
NOMINAL = "nominal"        # record, variant, enum, flags: must be named themselves
ANONYMOUS = "anonymous"    # list, tuple, option, result: their parts must be named
HANDLE = "handle"          # own/borrow: parts = (the resource's TypeId,)
RESOURCE = "resource"
FUNC = "func"              # parts = param types then the result type
INSTANCE = "instance"      # parts = (name, Sort, TypeId) exports, in order
COMPONENT = "component"    # parts = (imports, exports), each as INSTANCE's parts
OPAQUE = "opaque"          # anything the rule never looks into (modules)


class TypeId:
    """One type's identity for the naming rule (compared with ``is``)."""
    __slots__ = ("kind", "parts")

    def __init__(self, kind: str, parts: tuple = ()) -> None:
        self.kind = kind
        self.parts = parts

    def __repr__(self) -> str:
        return f"TypeId({self.kind}@{id(self):x})"


PRIM = TypeId(PRIMITIVE)
OPAQUE_ID = TypeId(OPAQUE)


def alias_of(t: TypeId) -> TypeId:
    """A new name for ``t``: what a type import ``(eq T)`` or a type export
    makes (the same type, a different identity)."""
    return TypeId(t.kind, t.parts)


def entry(instance: TypeId, name: str) -> Optional[TypeId]:
    """The TypeId of an instance's export ``name``."""
    for n, _, t in instance.parts:
        if n == name:
            return t
    return None


def _named(t: TypeId, names: set, ok: set) -> bool:
    """Whether value type ``t``, used inside another type, is named. ``ok``:
    anonymous types already found named in this check (types share parts;
    the names only grow while a check runs, so a yes stays a yes)."""
    k = t.kind
    if k is NOMINAL:
        return t in names
    if k is HANDLE:
        return t.parts[0] in names
    if k is ANONYMOUS:
        if t in ok:
            return True
        if all(_named(p, names, ok) for p in t.parts):
            ok.add(t)
            return True
        return False
    return True


def _contents_named(t: TypeId, names: set, ok: set) -> bool:
    """Whether everything type ``t`` refers to one layer down is named (``t``
    itself is being given a name)."""
    k = t.kind
    if k is NOMINAL or k is ANONYMOUS or k is FUNC:
        return all(_named(p, names, ok) for p in t.parts)
    if k is HANDLE:
        return t.parts[0] in names
    if k is INSTANCE:
        # an instance type given as a type (not an instance): its exports
        # are checked against what is named outside it, even where they use
        # its own type exports (Wasmtime 50's wasmparser; newer wasm-tools
        # let those count)
        return all(_contents_named(p, names, ok) if s is Sort.TYPE
                   else _admit(s, p, names, (), ok) for _, s, p in t.parts)
    return True


def _admit(sort: Sort, t: TypeId, names: set, into: tuple, ok: set) -> bool:
    """Check an item of ``sort`` and TypeId ``t`` against ``names``; the
    types it gives names to go into each set of ``into``, in order, so an
    instance's later exports may use its earlier type exports."""
    if sort is Sort.TYPE:
        if not _contents_named(t, names, ok):
            return False
        for s in into:
            s.add(t)
        return True
    if sort is Sort.INSTANCE:
        return all(_admit(s, p, names, into, ok) for _, s, p in t.parts)
    if sort is Sort.FUNC:
        return all(_named(p, names, ok) for p in t.parts)
    return True         # components and modules stand alone


class NamedTypes:
    """The types one component (or component type) has named so far: by its
    imports (usable by imports and exports) and by its exports."""
    __slots__ = ("imported", "exported")

    def __init__(self) -> None:
        self.imported: set = set()
        self.exported: set = set()

    def admit(self, sort: Sort, t: TypeId, importing: bool) -> bool:
        """Whether an import (``importing``) or export of ``sort`` and
        TypeId ``t`` mentions only named types; if so, the types it names
        are recorded."""
        if importing:
            return _admit(sort, t, self.imported, (self.imported, self.exported), set())
        return _admit(sort, t, self.exported, (self.exported,), set())


def bind(expected: TypeId, actual: Optional[TypeId], sort: Sort, mapping: dict) -> None:
    """Map the TypeIds an import of a component names (``expected``: its
    type imports, also those inside imported instances) to those of the
    instantiation argument given for it."""
    if actual is None:
        return
    if sort is Sort.TYPE:
        mapping[expected] = actual
    elif sort is Sort.INSTANCE:
        for name, s, t in expected.parts:
            bind(t, entry(actual, name), s, mapping)


def remap(t: TypeId, mapping: dict, memo: dict) -> TypeId:
    """``t`` as an instantiation sees it: imported names replaced by the
    arguments' (``mapping``), every other resource made fresh (each
    instantiation defines its own), whatever contains either made anew;
    ``memo`` keeps one image per TypeId across an instantiation."""
    found = mapping.get(t)
    if found is not None:
        return found
    found = memo.get(t)
    if found is not None:
        return found
    k = t.kind
    if k is RESOURCE:
        new = TypeId(RESOURCE)
    elif k is INSTANCE:
        new = _remade(t, _remap_entries(t.parts, mapping, memo))
    elif k is COMPONENT:
        new = _remade(t, tuple(_remap_entries(e, mapping, memo) for e in t.parts))
    else:
        new = _remade(t, tuple(remap(p, mapping, memo) for p in t.parts))
    memo[t] = new
    return new


def _remap_entries(entries: tuple, mapping: dict, memo: dict) -> tuple:
    """(name, sort, TypeId) entries remapped; ``entries`` itself if none changes."""
    new = tuple((n, s, remap(p, mapping, memo)) for n, s, p in entries)
    return entries if all(a[2] is b[2] for a, b in zip(new, entries)) else new


def _remade(t: TypeId, parts: tuple) -> TypeId:
    """``t``, or a new TypeId of its kind if any of its parts changed."""
    return t if all(a is b for a, b in zip(parts, t.parts)) else TypeId(t.kind, parts)
