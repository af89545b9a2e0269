"""What a component in a script can import from the host: the definitions
Wasmtime's wast gives its component linker (``link_component_spectest``),
so Wasmtime's component scripts link here too.

- ``host-return-two: func() -> u32`` at the root;
- instance ``host``: ``return-three``, ``nested`` (an instance with
  ``return-four``), ``return-hi: func() -> string``, the core module
  ``simple-module`` (global ``g`` = 100, ``f() -> i32`` = 101), and the
  host resource types ``resource1``, ``resource2`` and ``resource1-again``
  (the same type as ``resource1``) with ``resource1``'s functions:
  ``[constructor]resource1(rep: u32)``, ``[static]resource1.assert(r, rep)``
  (the rep of an own handle), ``[static]resource1.last-drop`` /
  ``[static]resource1.drops`` (what the guests' drops of owned resource1
  handles did, counted per script as Wasmtime counts per linker),
  ``[method]resource1.simple(self, rep)``, ``take-borrow``, ``take-own``.

Wasmtime's asserting host functions panic on a wrong argument; here they
fail the call with a WasmtimeError. Its async-only functions
(``never-return``, ``host-echo-u32`` ...) are not defined.
"""
from __future__ import annotations

from typing import Any

from ..errors import WasmtimeError
from ..syntax import component_types as T

# The host keys of the two resource types (``ResourceType.host(key)``): any
# numbers a script's own host code would not pick
RESOURCE1_KEY = 0x5EC7_0001
RESOURCE2_KEY = 0x5EC7_0002

_SIMPLE_MODULE = """(module
  (global (export "g") i32 i32.const 100)
  (func (export "f") (result i32) i32.const 101))"""


class _Drops:
    """How many owned resource1 handles the guests dropped, the last rep."""

    def __init__(self) -> None:
        self.count = 0
        self.last = 0

    def dropped(self, store: Any, rep: Any) -> None:
        self.count += 1
        self.last = rep


def _check(ok: bool, what: str) -> None:
    if not ok:
        raise WasmtimeError(f"spectest host: {what}")


def _rep(store: Any, handle: Any, owned: bool) -> int:
    """The rep of a resource1 handle the host was given (an owned one is the
    host's now: it leaves the host table without running a destructor, as
    a ``Resource<T>`` Wasmtime's host takes)."""
    _check(handle.owned == owned, f"expected {'an own' if owned else 'a borrow'} handle")
    return handle.to_host(store).rep


def _func(inst: Any, name: str, params: tuple, result: Any, fn: Any) -> None:
    """Define ``fn`` in linker instance ``inst`` with its component type (as
    Wasmtime's typed host functions: an import of another type does not
    link)."""
    from ..component._linker import HostFuncDef
    ty = T.FuncType(tuple((f"p{i}", t) for i, t in enumerate(params)), result)
    inst._define(name, HostFuncDef(fn, type=ty))


def define_component_spectest(linker: Any, engine: Any, state: dict,
                              skip: frozenset = frozenset()) -> None:
    """Define the host's items (see the module's docstring) in ``linker``,
    a ``wasmlite.component.Linker`` of ``engine``, but none of the root
    names in ``skip``. ``state``: kept across the linkers of one script
    (the compiled module, the drop counts); empty the first time."""
    from ..component import ResourceHost
    from ..module import Module
    u32, none = T.U32(), None
    root = linker.root()
    if "host-return-two" not in skip:
        _func(root, "host-return-two", (), u32, lambda store: 2)
    if "host" in skip:
        return
    host = root.add_instance("host")
    _func(host, "return-three", (), u32, lambda store: 3)
    _func(host.add_instance("nested"), "return-four", (), u32, lambda store: 4)
    _func(host, "return-hi", (), T.String(), lambda store: "hi")
    if "module" not in state:
        state["module"] = Module(engine, _SIMPLE_MODULE)
        state["drops"] = _Drops()
    host.add_module("simple-module", state["module"])

    drops = state["drops"]
    resource1 = T.ResourceType.host(RESOURCE1_KEY)
    host.add_resource("resource1", resource1, drops.dropped)
    host.add_resource("resource2", T.ResourceType.host(RESOURCE2_KEY), None)
    host.add_resource("resource1-again", resource1, None)
    own, borrow = T.OwnType(resource1), T.BorrowType(resource1)

    def assert_rep(store: Any, handle: Any, rep: int) -> None:
        _check(_rep(store, handle, True) == rep, f"resource1.assert: rep is not {rep}")

    def simple(store: Any, handle: Any, rep: int) -> None:
        _check(_rep(store, handle, False) == rep, f"resource1.simple: rep is not {rep}")

    def take_borrow(store: Any, a: Any, b: Any) -> None:
        _check(not a.owned and not b.owned, "take-borrow: expected two borrows")

    def take_own(store: Any, a: Any, b: Any) -> None:
        _check(not a.owned and b.owned, "take-own: expected a borrow and an own")
        b.to_host(store)         # the host's now, as for assert

    _func(host, "[constructor]resource1", (u32,), own,
          lambda store, rep: ResourceHost.own(rep, RESOURCE1_KEY))
    _func(host, "[static]resource1.assert", (own, u32), none, assert_rep)
    _func(host, "[static]resource1.last-drop", (), u32, lambda store: drops.last)
    _func(host, "[static]resource1.drops", (), u32, lambda store: drops.count)
    _func(host, "[method]resource1.simple", (borrow, u32), none, simple)
    _func(host, "[method]resource1.take-borrow", (borrow, borrow), none, take_borrow)
    _func(host, "[method]resource1.take-own", (borrow, own), none, take_own)
