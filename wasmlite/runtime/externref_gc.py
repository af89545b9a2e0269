"""Releasing a store's externref (and exnref) objects (``Store.gc()`` and ``Store.close()``).

An externref is a handle into the store's ``_extern_objects`` list; the
list keeps the Python object alive. Wasm can hold a handle only in a table,
a global, a passive element segment not yet dropped, or (while it runs) its
locals and operand stack. ``collect`` keeps the handles in the first three
and those live GC objects hold (runtime/gc_heap.py), and frees the rest
when no wasm of the store is running; a freed slot is
never reused, so a handle missed by a future root (a bug) reads as null
instead of naming another object. ``release_all`` frees every object.
"""
from __future__ import annotations

from typing import Iterable

from ..syntax.types import EXNREF, EXTERNREF

# the reference types whose values are store handles (exnrefs are too:
# runtime/exceptions.py)
_HANDLES = (EXTERNREF, EXNREF)

__all__ = ["collect", "release_all", "live_handles"]


def tables_and_globals(rt, holds) -> tuple[list, list, list]:
    """The store's tables and globals (its instances' and those the host
    made), and its element segments not yet dropped as (u64 array, length),
    each only where ``holds(reference type)`` says its values matter."""
    tables, globals_, segments = {}, {}, []
    for inst in list(rt._instances.values()):
        for t in inst.tables:
            tables[id(t)] = t
        for g in inst.globals:
            globals_[id(g)] = g
        words, layout = inst._vmctx_words, inst.layout
        for i, elem in enumerate(inst.module.elems):
            if i >= len(inst._segment_arrays) or not holds(elem.type):
                continue
            length = words[layout.elem(i) // 8 + 1]      # 0 once dropped
            segments.append((inst._segment_arrays[i], length))
    for item in rt.keepalive:
        kind = type(item).__name__
        if kind == "Table":
            tables[id(item)] = item
        elif kind == "Global":
            globals_[id(item)] = item
    return ([t for t in tables.values() if holds(t.type.elem)],
            [g for g in globals_.values() if holds(g.type.valtype)], segments)


def _holds_handles(t) -> bool:
    # ((ref extern) and (ref null extern) hold handles too: .top)
    return t.top in _HANDLES


def live_handles(rt) -> set[int]:
    """Every externref handle a table, global or live element segment of
    the store holds."""
    live: set[int] = set()
    tables, globals_, segments = tables_and_globals(rt, _holds_handles)
    for t in tables:
        live.update(t._array[:t.size])
    for g in globals_:
        live.add(g.get())
    for array, length in segments:
        live.update(array[:length])
    live.discard(0)
    return live


def _free(rt, handles: Iterable[int]) -> None:
    objects, index = rt._extern_objects, rt._extern_handles
    for h in handles:
        obj = objects[h]
        if obj is not None:
            index.pop(id(obj), None)
            objects[h] = None


def _running_here(rt) -> bool:
    is_owned = getattr(rt.lock, "_is_owned", None)
    return bool(is_owned()) if is_owned is not None else False


def collect(rt) -> int:
    """Collect the store's GC heap, then free the externref objects wasm
    can no longer reach; how many."""
    heap = rt.gc_heap
    with rt.lock:             # no other thread's wasm runs in this store meanwhile
        if heap.base:
            heap.collect()    # (sound while wasm runs here too: it scans the stack)
    if _running_here(rt) or not heap.handles_complete:
        return 0              # wasm frames below us may hold handles in locals
    with rt.lock:
        live = live_handles(rt) | heap.held_handles
        dead = [h for h in range(1, len(rt._extern_objects))
                if h not in live and rt._extern_objects[h] is not None]
        _free(rt, dead)
        return len(dead)


def release_all(rt) -> None:
    """Free every externref object of the store (it is being closed)."""
    _free(rt, range(1, len(rt._extern_objects)))
