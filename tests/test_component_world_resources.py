"""Resources across the component boundary (issue 15), each step made
under wasmlite.component and wasmtime-py's wasmtime.component and compared
(component_parity.py):

- a resource the guest defines (values.wasm's ``res.counter``: constructor,
  methods, statics, its destructor logging what it ends), dropped in every
  order, by the host, by the guest, borrowed then dropped, dropped twice;
- a resource the host defines (``host.logger``, and at a component's root
  as wasmtime-py's documentation examples have it: ``ResourceType.host``,
  ``LinkerInstance.add_resource`` with a destructor, ``ResourceHost.own``
  and ``borrow``, ``ResourceAny.to_host`` / ``ResourceHost.to_any``).
"""
from __future__ import annotations

import itertools

import pytest

from component_parity import (RUNTIMES, WORLD, Handle, assert_same, error_kind, key_line,
                              outcome)
from component_world import LOGGER_TYPE, World, counter_value, dropped, engine_for, new_counter


def same(make, fn, expect=...):
    """``fn(w)`` on ``make(runtime)`` for each runtime: the same outcome
    (and ``expect`` when given). Returns the wasmlite outcome."""
    got = {rt: outcome(lambda: fn(make(rt))) for rt in RUNTIMES}
    assert_same(got["wasmlite"], got["wasmtime"])
    if expect is not ...:
        assert got["wasmlite"] == ("ok", expect), got["wasmlite"]
    return got["wasmlite"]


# -- the guest's resource ---------------------------------------------------------------

def test_constructor_methods_statics():
    def run(w):
        c = new_counter(w, 5)
        w.call("res", "[method]counter.add", c, 3)
        d = w.call("res", "[static]counter.make", 10)
        return (c.owned, counter_value(w, c), counter_value(w, d),
                w.call("res", "[static]counter.sum", c, d),
                w.call("res", "[static]counter.sum", c, c), w.call("res", "peek", d),
                c.type == d.type, dropped(w))
    same(World, run, (True, 8, 10, 18, 16, 10, True, []))


def test_host_drop_runs_the_guest_destructor():
    def run(w):
        c = new_counter(w, 7)
        c.drop(w.store)
        return dropped(w)
    same(World, run, [7])


def test_guest_drop_moves_the_handle():
    """take() receives the own handle and drops it in the guest: the host's
    ResourceAny is spent (ValueError 'already closed' for any use)."""
    def run(w):
        c = new_counter(w, 7)
        return w.call("res", "[static]counter.take", c), dropped(w)
    same(World, run, (7, [7]))

    def use_after(w):
        c = new_counter(w, 7)
        w.call("res", "[static]counter.take", c)
        return counter_value(w, c)
    got = same(World, use_after)
    assert got[0] == "error" and isinstance(got[1], ValueError)

    def drop_after(w):
        c = new_counter(w, 7)
        w.call("res", "[static]counter.take", c)
        c.drop(w.store)
    got = same(World, drop_after)
    assert got[0] == "error" and isinstance(got[1], ValueError)


def test_double_drop_is_an_error():
    def run(w):
        c = new_counter(w, 1)
        c.drop(w.store)
        c.drop(w.store)
    got = same(World, run)
    assert got[0] == "error" and error_kind(got[1]) == "WasmtimeError"
    assert "unknown handle index" in key_line(got[1])

    def borrow_after_drop(w):
        c = new_counter(w, 1)
        c.drop(w.store)
        return counter_value(w, c)
    got = same(World, borrow_after_drop)
    assert got[0] == "error" and "unknown handle index" in key_line(got[1])


def test_borrow_then_drop():
    """Borrows lent to calls end with the calls: the owner can be dropped
    afterwards, and only then does the destructor run."""
    def run(w):
        a, b = new_counter(w, 1), new_counter(w, 2)
        seen = [w.call("res", "[static]counter.sum", a, b), w.call("res", "peek", a),
                dropped(w)]
        b.drop(w.store)
        seen.append(dropped(w))
        a.drop(w.store)
        seen.append(dropped(w))
        return seen
    same(World, run, [3, 1, [], [2], [2, 1]])


DROPS = {
    "host": lambda w, c: c.drop(w.store),
    "take": lambda w, c: w.call("res", "[static]counter.take", c),
    "list": lambda w, c: w.call("res", "drop-counters", [c]),
    "moved-back": lambda w, c: w.call("res", "echo-counter", c).drop(w.store),
}


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))),
                         ids=lambda o: "".join(map(str, o)))
def test_drop_in_every_order(order):
    """Three counters, dropped in ``order`` by each combination of ways
    (the host, the guest's take, the guest dropping a list, the host after
    the handle went into the guest and back): the destructor sees them in
    that order, and the instance's handles are all gone."""
    worlds = {rt: World(rt) for rt in RUNTIMES}
    for ways in itertools.product(sorted(DROPS), repeat=3):
        def run(w):
            w.call("res", "clear-dropped")
            cs = [new_counter(w, 10 + i) for i in range(3)]
            for i, way in zip(order, ways):
                DROPS[way](w, cs[i])
            return dropped(w)
        same(worlds.get, run, [10 + i for i in order])


def test_drop_a_list_of_handles():
    def run(w):
        cs = [new_counter(w, i) for i in range(1, 6)]
        back = w.call("res", "counters", cs)
        values = [counter_value(w, c) for c in back]
        w.call("res", "drop-counters", [back[4], back[0], back[2]])
        first = dropped(w)
        back[1].drop(w.store)
        back[3].drop(w.store)
        return values, first, dropped(w)
    same(World, run, ([1, 2, 3, 4, 5], [5, 1, 3], [5, 1, 3, 2, 4]))


def test_options_of_handles():
    def run(w):
        c = new_counter(w, 4)
        back = w.call("res", "maybe-counter", c)
        return w.call("res", "maybe-counter", None), counter_value(w, back)
    same(World, run, (None, 4))


def test_many_handles_dropped_in_reverse():
    def run(w):
        cs = [new_counter(w, i) for i in range(500)]
        for c in reversed(cs):
            c.drop(w.store)
        # freed indices are reused: new handles work as before
        again = [new_counter(w, 1000 + i) for i in range(3)]
        return dropped(w) == list(range(499, -1, -1)), [counter_value(w, c) for c in again]
    same(World, run, (True, [1000, 1001, 1002]))


def test_handle_misuse_is_refused():
    def same_handle_twice(w):
        c = new_counter(w, 1)
        return w.call("res", "counters", [c, c])
    got = same(World, same_handle_twice)
    assert got[0] == "error" and isinstance(got[1], ValueError)

    def other_store(w):
        c = new_counter(w, 1)
        return counter_value(World(w.runtime), c)
    got = same(World, other_store)
    assert got[0] == "error" and "mismatched resource types" in key_line(got[1])

    def logger_for_counter(w):
        return counter_value(w, w.call("calls", "make-logger", "p"))
    got = same(World, logger_for_counter)
    assert got[0] == "error" and "mismatched resource types" in key_line(got[1])

    got = same(World, lambda w: counter_value(w, w.C.ResourceHost.own(1, LOGGER_TYPE)))
    assert got[0] == "error" and "mismatched resource types" in key_line(got[1])

    got = same(World, lambda w: new_counter(w, 1).to_host(w.store))
    assert got[0] == "error" and "resource type mismatch" in key_line(got[1])
    got = same(World, lambda w: w.call("res", "[static]counter.take", 5))
    assert got[0] == "error" and isinstance(got[1], TypeError)


def test_a_failed_call_gives_the_handles_back():
    """A call whose arguments fail to lower half way (the same own handle
    twice in a list) leaves the first one usable in wasmlite: lowering is
    undone. (wasmtime-py has spent it by then: 'already closed'.)"""
    w = World("wasmlite")
    c = new_counter(w, 3)
    with pytest.raises(ValueError, match="already closed"):
        w.call("res", "counters", [c, c])
    assert counter_value(w, c) == 3
    c.drop(w.store)
    assert dropped(w) == [3]


# -- the host's resource in values.wasm ---------------------------------------------------

def test_host_resource_made_through_the_guest():
    """make-logger: the guest calls the host's constructor (which answers a
    ResourceHost.own) and returns the own handle to the host."""
    def run(w):
        log = w.call("calls", "make-logger", "pre")
        host = log.to_host(w.store)
        return (log.owned, log.type == w.C.ResourceType.host(LOGGER_TYPE), host.rep,
                host.type, host.owned)
    same(World, run, (True, True, 1, LOGGER_TYPE, True))


def test_host_resource_methods_through_the_guest():
    def run(w):
        log = w.call("calls", "make-logger", "pre")
        return (w.call("calls", "log-via", log, "msg"), w.call("calls", "prefix-via", log),
                w.received, w.logger_drops)
    same(World, run, (6, "pre", [("log", (1, "msg"))], []))


def test_host_destructor_runs_on_guest_drop():
    def run(w):
        log = w.call("calls", "make-logger", "a")
        w.call("calls", "drop-logger", log)
        during = w.call("calls", "new-and-log", "bc", "def")
        return during, w.logger_drops
    same(World, run, (5, [1, 2]))


def test_host_destructor_runs_on_host_drop():
    """A handle the host got from the guest carries the linker's
    destructor; one made by ResourceHost.to_any carries none."""
    def run(w):
        log = w.call("calls", "make-logger", "a")
        log.drop(w.store)
        made = w.C.ResourceHost.own(5, LOGGER_TYPE).to_any(w.store)
        made.drop(w.store)
        return w.logger_drops
    same(World, run, [1])


def test_host_resource_through_a_host_import():
    def run(w):
        log = w.call("calls", "make-logger", "p")
        back = w.call("calls", "via-logger", log)
        return back.owned, w.received, w.call("calls", "log-via", back, "xy")
    same(World, run, (True, [("logger", Handle(True)), ("log", (1, "xy"))], 3))


def test_resource_host_values_for_parameters():
    def own_in(w):
        w.loggers[42] = "x"
        w.call("calls", "drop-logger", w.C.ResourceHost.own(42, LOGGER_TYPE))
        return w.logger_drops
    same(World, own_in, [42])

    def borrow_in(w):
        w.loggers[1] = "abc"
        return (w.call("calls", "log-via", w.C.ResourceHost.borrow(1, LOGGER_TYPE), "x"),
                w.call("calls", "log-via", w.C.ResourceHost.own(1, LOGGER_TYPE), "yz"),
                w.logger_drops)
    same(World, borrow_in, (4, 5, []))

    for bad in ((lambda C: C.ResourceHost.own(42, LOGGER_TYPE + 1)),
                (lambda C: C.ResourceHost.borrow(42, LOGGER_TYPE)),
                (lambda C: C.ResourceHost.borrow(42, LOGGER_TYPE).to_any)):
        def run(w):
            value = bad(w.C)
            if not isinstance(value, w.C.ResourceHost):
                value = value(w.store)
            return w.call("calls", "drop-logger", value)
        got = same(World, run)
        assert got[0] == "error" and error_kind(got[1]) == "WasmtimeError"


def test_borrow_kept_past_the_call_traps():
    """log-leak returns without dropping the borrowed handle it was lent:
    a trap, and the instance cannot be entered again."""
    def run(w):
        log = w.call("calls", "make-logger", "p")
        return w.call("calls", "log-leak", log)
    got = same(World, run)
    assert got[0] == "error" and "borrow handles still remain" in key_line(got[1])

    def after(w):
        try:
            run(w)
        except Exception:
            pass
        return w.call("echo", "echo-u8", 1)
    got = same(World, after)
    assert "cannot enter component instance" in key_line(got[1])


def test_resource_any_and_resource_host():
    """wasmtime-py's documented round trip: ResourceHost.own(...).to_any,
    back with to_host (which takes an owned handle out of the host table),
    and to_any again."""
    def run(w):
        C, store = w.C, w.store
        r1 = C.ResourceHost.own(42, 1)
        r2 = r1.to_any(store)
        r3 = r2.to_host(store)
        seen = [r2.type == C.ResourceType.host(1), r2.type == C.ResourceType.host(2),
                r2.owned, r3.owned, r3.rep, r3.type]
        seen.append(outcome(lambda: r2.drop(store))[0])
        r4 = r3.to_any(store)
        r4.drop(store)
        seen.append(outcome(lambda: r4.drop(store))[0])
        b = C.ResourceHost.borrow(84, 2)
        seen += [b.owned, b.rep, b.type]
        ba = b.to_any(store)
        seen += [ba.owned, ba.to_host(store).rep, ba.to_host(store).rep]
        return seen
    same(World, run, [True, False, True, True, 42, 1, "error", "error", False, 84, 2,
                      False, 84, 84])


def test_resource_types_compare_by_key():
    for rt, (_, C) in RUNTIMES.items():
        assert C.ResourceType.host(1) == C.ResourceType.host(1), rt
        assert C.ResourceType.host(1) != C.ResourceType.host(2), rt


def test_direct_construction_is_refused():
    for rt, (wt, C) in RUNTIMES.items():
        for cls in (C.ResourceAny, C.ResourceHost, C.Func, C.Instance, C.LinkerInstance):
            with pytest.raises(wt.WasmtimeError):
                cls()


# -- host resources at a component's root (text/host_resource.wat) -------------------------

class Root:
    """text/NAME.wasm with its root imports defined in the style of
    wasmtime-py's documentation: host resource ``t`` = ResourceType.host(2)
    with a destructor, and host functions mk / peek / give (or dropped)."""

    def __init__(self, runtime: str, name: str = "host_resource",
                 dtor_raises: bool = False, text: bool = False) -> None:
        wt, C = RUNTIMES[runtime]
        self.C = C
        engine = engine_for(runtime)
        self.store = wt.Store(engine)
        self.log = []
        self.kept = None
        linker = C.Linker(engine)
        with linker.root() as root:
            if name == "host_resource":
                def dtor(store, rep):
                    self.log.append(("dtor", rep))
                    if dtor_raises:
                        raise RuntimeError("oh no")
                root.add_resource("t", C.ResourceType.host(2), dtor)
                root.add_func("mk", lambda store, n: C.ResourceHost.own(n, 2))
                root.add_func("peek", self._peek)
                root.add_func("give", self._give)
            else:
                root.add_func("dropped", lambda store, rep: self.log.append(("dropped", rep)))
        if text:        # the component text format, as wasmtime-py's examples give it
            data = (WORLD / "text" / f"{name}.wat").read_text()
        else:
            data = (WORLD / "text" / f"{name}.wasm").read_bytes()
        self.instance = linker.instantiate(self.store, C.Component(engine, data))

    def _peek(self, store, r):
        self.log.append(("peek", r.owned))
        self.kept = r
        return r.to_host(store).rep

    def _give(self, store, r):
        self.log.append(("give", r.owned))
        self.kept = r

    def __call__(self, name, *args):
        return self.instance.get_func(self.store, name)(self.store, *args)


def test_root_host_resource_made_lent_given():
    def run(w):
        r = w("make", 5)
        seen = [r.owned, w("peek", r), w("make-and-peek", 7)]
        w("give", r)
        seen.append(w.kept.to_host(w.store).rep)
        return seen, w.log
    same(Root, run, ([True, 5, 7, 5], [("peek", False), ("peek", False), ("dtor", 7),
                                       ("give", True)]))


@pytest.mark.parametrize("name", ["host_resource", "guest_resource"])
def test_root_components_from_their_text(name):
    """Component(engine, text): the same component as its binary."""
    def run(w):
        r = w("make", 4) if name == "host_resource" else w("new", 4)
        w("drop", r)
        return w.log
    expect = [("dtor", 4)] if name == "host_resource" else [("dropped", 4)]
    same(lambda rt: Root(rt, name, text=True), run, expect)


def test_root_host_resource_destructor():
    same(Root, lambda w: (w("drop", w("make", 5)), w.log), (None, [("dtor", 5)]))
    same(Root, lambda w: (w("make", 6).drop(w.store), w.log), (None, [("dtor", 6)]))
    same(Root, lambda w: (w("make-and-drop", 7), w.log), (None, [("dtor", 7)]))
    same(Root, lambda w: (w("drop", w.C.ResourceHost.own(3, 2)), w.log), (None, [("dtor", 3)]))

    def kept_own(w):
        w("give", w("make", 8))
        w.kept.drop(w.store)
        return w.log
    same(Root, kept_own, [("give", True), ("dtor", 8)])


def test_root_host_resource_misuse():
    got = same(Root, lambda w: w("drop", w.C.ResourceHost.own(3, 1)))
    assert got[0] == "error" and "mismatched resource types" in key_line(got[1])
    got = same(Root, lambda w: w("drop-twice", w("make", 5)))
    assert got[0] == "error" and "unknown handle index" in key_line(got[1])

    def moved(w):
        r = w("make", 5)
        w("drop", r)
        w("drop", r)
    got = same(Root, moved)
    assert got[0] == "error" and isinstance(got[1], ValueError)
    got = same(Root, lambda w: w("drop", 3))
    assert got[0] == "error" and isinstance(got[1], TypeError)


def test_borrow_given_to_the_host_ends_with_the_call():
    """The borrow a host function was lent is no handle once it returns."""
    def run(w):
        r = w("make", 5)
        w("peek", r)
        return w.kept.to_host(w.store)
    got = same(Root, run)
    assert got[0] == "error" and error_kind(got[1]) == "WasmtimeError"


def test_a_python_value_for_a_borrow():
    """Refused with a TypeError. (wasmtime-py's message says 'for Own type'
    for a borrow too; wasmlite says Borrow.)"""
    got = {rt: outcome(lambda: Root(rt)("peek", 3)) for rt in RUNTIMES}
    for rt, o in got.items():
        assert o[0] == "error" and isinstance(o[1], TypeError), rt
        assert "expected ResourceAny or ResourceHost" in str(o[1]), rt


def test_exception_in_a_host_destructor_reaches_the_caller():
    for fn in (lambda w: w("drop", w("make", 5)), lambda w: w("make", 5).drop(w.store)):
        got = same(lambda rt: Root(rt, dtor_raises=True), fn)
        assert got[0] == "error" and type(got[1]) is RuntimeError and str(got[1]) == "oh no"


# -- a guest resource at a component's root (text/guest_resource.wat) ----------------------

def guest(rt):
    return Root(rt, "guest_resource")


def test_root_guest_resource():
    def run(w):
        r = w("new", 100)
        seen = [r.owned, w("borrow-rep", r), w("rep-of", w("new", 77))]
        kept = w("keep", r)
        seen.append(w("borrow-rep", kept))
        kept.drop(w.store)
        w("drop", w("new", 5))
        return seen, w.log
    same(guest, run, ([True, 100, 77, 100], [("dropped", 100), ("dropped", 5)]))

    got = same(guest, lambda w: w("new", 1).to_host(w.store))
    assert got[0] == "error" and "resource type mismatch" in key_line(got[1])
    got = same(guest, lambda w: w("drop", w.C.ResourceHost.own(1, 1)))
    assert got[0] == "error" and "mismatched resource types" in key_line(got[1])


def test_two_instances_have_distinct_resource_types():
    """A resource type a component defines is new in each instance."""
    for rt in RUNTIMES:
        a, b = guest(rt), guest(rt)
        ra, rb, rc = a("new", 1), b("new", 2), a("new", 3)
        assert ra.type != rb.type and ra.type == rc.type, rt
