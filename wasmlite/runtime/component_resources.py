"""Resource handles: the component model's per-instance handle tables, the
``resource.new`` / ``resource.rep`` / ``resource.drop`` built-ins, and the
Python objects that stand for handles on the host side (``ResourceAny``,
``ResourceHost``, as wasmtime-py 50 has them).

As in the spec's canonical ABI (``HandleTables``, ``HandleElem``): each
component instance has one table per resource type; an element is an
``own`` handle (with a count of the borrows lent from it) or a ``borrow``
handle (with the call scope it was lent for). Index 0 is never a handle;
freed indices are reused last-freed first. A borrow handed to a callee must
be dropped before that call returns; an ``own`` handle cannot be moved or
dropped while it is lent.

The host has a table of its own per store (``host_table``): a
``ResourceAny`` is an index into it, as in Wasmtime.

Representations: a resource type the component defines has an i32 rep; a
type the host defines (``ResourceType.instance is None``) may have any
Python object as its rep (the WASI host keeps its file objects there).
"""
from __future__ import annotations

from typing import Any, Callable, Optional, Tuple

from ..errors import WasmtimeError
from ..syntax import types as S
from ..syntax.component_types import ResourceType
from .component_trap import abi_trap, cannot_enter

__all__ = ["HandleElem", "HandleTable", "CallScope", "ComponentInstanceState",
           "ResourceAny", "ResourceHost", "host_table", "resource_new", "resource_rep",
           "resource_drop", "resource_new_func", "resource_rep_func", "resource_drop_func",
           "defines", "run_dtor"]

_M32 = 0xFFFFFFFF
# the spec's Table.MAX_LENGTH: a table never holds more elements
MAX_HANDLES = 2**28 - 1


class HandleElem:
    """One handle: its resource's rep, whether it owns it, the call scope a
    borrow was lent for, and how many borrows are lent from an own."""
    __slots__ = ("rep", "own", "scope", "lend_count")

    def __init__(self, rep: Any, own: bool, scope: Optional["CallScope"] = None) -> None:
        self.rep = rep
        self.own = own
        self.scope = scope
        self.lend_count = 0


class HandleTable:
    """The handles of one resource type in one instance (or the host's)."""
    __slots__ = ("array", "free")

    def __init__(self) -> None:
        self.array: list = [None]       # index 0 is never a valid handle
        self.free: list = []

    def add(self, elem: HandleElem) -> int:
        free = self.free
        if free:
            i = free.pop()
            self.array[i] = elem
            return i
        i = len(self.array)
        if i > MAX_HANDLES:
            raise abi_trap("resource table has no free slots")
        self.array.append(elem)
        return i

    def get(self, i: int) -> HandleElem:
        array = self.array
        if 0 <= i < len(array):
            elem = array[i]
            if elem is not None:
                return elem
        raise abi_trap(f"unknown handle index {i}")

    def remove(self, i: int) -> HandleElem:
        elem = self.get(i)
        self.array[i] = None
        self.free.append(i)
        return elem

    def put_back(self, i: int, elem: HandleElem) -> None:
        """Undo ``remove(i)`` (a call whose arguments failed to lower)."""
        if self.array[i] is None:
            self.free.remove(i)
            self.array[i] = elem

    def __len__(self) -> int:
        return len(self.array) - 1 - len(self.free)


class CallScope:
    """The bookkeeping of one call across the component boundary.

    Into a component (``canon lift``): ``borrow_count`` counts the borrow
    handles lent to the callee; each must be dropped before the call ends.
    Out of a component (``canon lower``): ``lenders`` are the own handles a
    borrow was taken from (their lend counts drop when the call ends) and
    ``host_borrows`` the host-side borrows made for the callee, which end
    with the call. ``undo`` reverts what lowering arguments did, if it
    fails half way (a Python value of the wrong type)."""
    __slots__ = ("borrow_count", "lenders", "host_borrows", "undo")

    def __init__(self) -> None:
        self.borrow_count = 0
        self.lenders: list = []
        self.host_borrows: list = []
        self.undo: list = []

    def exit_export(self) -> None:
        if self.borrow_count:
            raise abi_trap("borrow handles still remain at the end of the call")

    def exit_import(self) -> None:
        for h in self.lenders:
            h.lend_count -= 1
        for table, i, elem in self.host_borrows:
            if table.array[i] is elem:
                table.remove(i)

    def rollback(self) -> None:
        for action in reversed(self.undo):
            action()
        self.undo.clear()


class ComponentInstanceState:
    """What the canonical ABI keeps per component instance: its handle
    tables (one per resource type) and the spec's ``may_enter`` (false while
    the instance runs an export or after it trapped: entering it again
    traps) and ``may_leave`` (false while values are lowered into it: a
    ``realloc`` calling out of the instance traps).

    ``host_dtors``: the destructors the host defined for the host resource
    types this instance imports (ResourceType -> ``dtor(rep)``), as the
    linker gave them; as in Wasmtime, one runs when the instance drops an
    owned handle of such a type, or the host drops one it got from it."""
    __slots__ = ("tables", "may_enter", "may_leave", "name", "host_dtors", "__weakref__")

    def __init__(self, name: str = "") -> None:
        self.tables: dict = {}
        self.may_enter = True
        self.may_leave = True
        self.name = name
        self.host_dtors: dict = {}

    def table(self, rt: ResourceType) -> HandleTable:
        table = self.tables.get(rt)
        if table is None:
            table = self.tables[rt] = HandleTable()
        return table


def _state_of(instance: Any) -> Optional[ComponentInstanceState]:
    if instance is None or isinstance(instance, ComponentInstanceState):
        return instance
    return getattr(instance, "abi_state", None)


def defines(state: ComponentInstanceState, rt: ResourceType) -> bool:
    """Whether ``state``'s instance is the one that defines ``rt`` (it then
    sees its borrows as reps, not handles). ``rt.instance`` is the defining
    instance's ComponentInstanceState, or an object whose ``abi_state`` is."""
    return _state_of(rt.instance) is state


def run_dtor(rt: ResourceType, rep: Any, store: Any,
             caller: Optional[ComponentInstanceState] = None) -> None:
    """Run ``rt``'s destructor on ``rep``: a core wasm function of the
    defining instance (``dtor(store, rep)``), a Python callable
    (``dtor(rep)``), the host's destructor for a host type that ``caller``
    imports, or nothing."""
    dtor = rt.dtor
    if dtor is None and caller is not None:
        dtor = caller.host_dtors.get(rt)
    if dtor is None:
        return
    impl = _state_of(rt.instance)
    if impl is not None and impl is not caller and not impl.may_enter:
        raise cannot_enter()
    if hasattr(dtor, "param_arity"):      # a wasmlite Func: the defining instance's code
        dtor(store, rep)
    else:
        dtor(rep)


# -- the built-ins -------------------------------------------------------------------

def resource_new(state: ComponentInstanceState, rt: ResourceType, rep: Any) -> int:
    """``canon resource.new``: a new own handle for ``rep``."""
    return state.table(rt).add(HandleElem(rep, True))


def resource_rep(state: ComponentInstanceState, rt: ResourceType, i: int) -> Any:
    """``canon resource.rep``: the rep behind handle ``i``."""
    return state.table(rt).get(i).rep


def resource_drop(state: ComponentInstanceState, rt: ResourceType, i: int, store: Any) -> None:
    """``canon resource.drop``: end handle ``i``; an own one runs the dtor,
    a borrow one ends its lend."""
    table = state.table(rt)
    h = table.get(i)
    if h.own:
        if h.lend_count:
            raise abi_trap("cannot remove owned resource while borrowed")
        table.remove(i)
        run_dtor(rt, h.rep, store, state)
    else:
        table.remove(i)
        if h.scope is not None:
            h.scope.borrow_count -= 1


_I32_TO_I32 = S.FuncType((S.I32,), (S.I32,))
_I32_TO_NONE = S.FuncType((S.I32,), ())


def resource_new_func(state: ComponentInstanceState,
                      rt: ResourceType) -> Tuple[S.FuncType, Callable]:
    """The core function ``canon resource.new`` makes: (i32 rep) -> i32."""
    table_of = state.table

    def new(rep: int) -> int:
        return table_of(rt).add(HandleElem(rep & _M32, True))
    return _I32_TO_I32, new


def resource_rep_func(state: ComponentInstanceState,
                      rt: ResourceType) -> Tuple[S.FuncType, Callable]:
    """The core function ``canon resource.rep`` makes: (i32 handle) -> i32."""
    def rep(i: int) -> int:
        return state.table(rt).get(i & _M32).rep
    return _I32_TO_I32, rep


def resource_drop_func(state: ComponentInstanceState, rt: ResourceType,
                       store: Any) -> Tuple[S.FuncType, Callable]:
    """The core function ``canon resource.drop`` makes: (i32 handle) -> ()."""
    def drop(i: int) -> None:
        resource_drop(state, rt, i & _M32, store)
    return _I32_TO_NONE, drop


# -- the host side ---------------------------------------------------------------------

def _resolve(store: Any) -> Any:
    resolve = getattr(type(store), "_resolve_store", None)
    return resolve(store) if resolve is not None else store


def host_table(store: Any) -> HandleTable:
    """The host's handle table in ``store`` (a Store or Caller), made on
    first use; it lives on the runtime store."""
    rt = getattr(_resolve(store), "_rt", None)
    if rt is None:
        raise TypeError(f"expected a Store, got {type(store).__name__}")
    table = getattr(rt, "component_host_handles", None)
    if table is None:
        table = rt.component_host_handles = HandleTable()
    return table


def _closed() -> ValueError:
    return ValueError("already closed")


class ResourceAny:
    """A resource handle held by the host: an index into the store's host
    table (``type``, ``owned``; ``drop(store)`` ends it, running the
    destructor of an owned one). Passing an owned one as an ``own``
    argument moves it: using it afterwards raises ValueError, as in
    wasmtime-py."""
    __slots__ = ("_ty", "_table", "_index", "_owned", "_moved", "_dtor", "__weakref__")

    def __init__(self) -> None:
        raise WasmtimeError("Cannot directly construct a `ResourceAny`")

    @classmethod
    def _new(cls, ty: ResourceType, table: HandleTable, index: int,
             owned: bool, dtor: Optional[Callable] = None) -> "ResourceAny":
        """``dtor``: the host's destructor (``dtor(rep)``) of a host-defined
        type, for a handle lifted out of an instance that imports the type
        (one made by ``ResourceHost.to_any`` has none, as in Wasmtime)."""
        r = cls.__new__(cls)
        r._ty = ty
        r._table = table
        r._index = index
        r._owned = owned
        r._moved = False
        r._dtor = dtor
        return r

    def _elem(self) -> HandleElem:
        if self._moved:
            raise _closed()
        return self._table.get(self._index)

    @property
    def type(self) -> ResourceType:
        if self._moved:
            raise _closed()
        return self._ty

    @property
    def owned(self) -> bool:
        if self._moved:
            raise _closed()
        return self._owned

    def drop(self, store: Any) -> None:
        """End this handle; an owned one runs its type's destructor."""
        h = self._elem()
        if h.own and h.lend_count:
            raise abi_trap("cannot remove owned resource while borrowed")
        self._table.remove(self._index)
        if h.own:
            if self._dtor is not None:
                self._dtor(h.rep)
            else:
                run_dtor(self._ty, h.rep, store, None)

    def to_host(self, store: Any) -> "ResourceHost":
        """This handle as a ResourceHost: WasmtimeError unless its type is
        one the host defines. An owned handle leaves the host table (the
        ResourceHost owns the resource now, as in Wasmtime: dropping this
        handle afterwards is an unknown handle); a borrow stays."""
        h = self._elem()
        if self._ty.instance is not None:
            raise WasmtimeError("resource type mismatch")
        if h.own:
            if h.lend_count:
                raise abi_trap("cannot remove owned resource while borrowed")
            self._table.remove(self._index)
        return ResourceHost._new(h.rep, self._ty.host_key, h.own,
                                 None if self._ty.host_key is not None else self._ty)

    def __repr__(self) -> str:
        state = "moved" if self._moved else ("own" if self._owned else "borrow")
        return f"<ResourceAny {self._ty!r} {state} #{self._index}>"


def _u32(value: Any, what: str) -> int:
    if not isinstance(value, int):
        raise TypeError(f"a ResourceHost's {what} is an int, not {type(value).__name__}")
    return int(value) & _M32


class ResourceHost:
    """A resource the host defines, by value: ``rep`` and ``type`` (ints, as
    in wasmtime-py: the type is ``ResourceType.host(type)``) and ``owned``."""
    __slots__ = ("_rep", "_type", "_owned", "_rt")

    def __init__(self) -> None:
        raise WasmtimeError("Cannot directly construct a `ResourceHost`")

    @classmethod
    def _new(cls, rep: Any, ty: Optional[int], owned: bool,
             rt: Optional[ResourceType] = None) -> "ResourceHost":
        r = cls.__new__(cls)
        r._rep = rep
        r._type = ty
        r._owned = owned
        r._rt = rt          # set when made from a handle of a type without a host key
        return r

    @classmethod
    def own(cls, rep: int, ty: int) -> "ResourceHost":
        return cls._new(_u32(rep, "rep"), _u32(ty, "type"), True)

    @classmethod
    def borrow(cls, rep: int, ty: int) -> "ResourceHost":
        return cls._new(_u32(rep, "rep"), _u32(ty, "type"), False)

    @property
    def rep(self) -> Any:
        return self._rep

    @property
    def type(self) -> Optional[int]:
        return self._type

    @property
    def owned(self) -> bool:
        return self._owned

    def resource_type(self) -> ResourceType:
        """The ResourceType this resource has: ``ResourceType.host(type)``."""
        rt = self._rt
        return rt if rt is not None else ResourceType.host(self._type)

    def to_any(self, store: Any) -> ResourceAny:
        """This resource as a handle in the store's host table."""
        table = host_table(store)
        index = table.add(HandleElem(self._rep, self._owned))
        return ResourceAny._new(self.resource_type(), table, index, self._owned)

    def __repr__(self) -> str:
        return f"<ResourceHost type={self._type} rep={self._rep!r} " \
               f"{'own' if self._owned else 'borrow'}>"
