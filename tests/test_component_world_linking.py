"""Linking a component's imports (issue 15), under wasmlite.component and
wasmtime-py's wasmtime.component side by side: what is missing or of the
wrong kind is refused with Wasmtime's words (the whole message compared),
an instance of types alone needs no definition, definitions shadow only
when allowed, and define_unknown_imports_as_traps fills the rest with
functions that trap when called.
"""
from __future__ import annotations

import pytest

from component_parity import RUNTIMES, WORLD, assert_same, key_line, outcome
from component_world import LOGGER_TYPE, component, engine_for


def attempt(define, name="values"):
    """Instantiate tests/components/world/NAME.wasm after ``define(C,
    root)`` under each runtime: {runtime: outcome}; the error messages
    compared whole."""
    got = {}
    for rt, (wt, C) in RUNTIMES.items():
        engine = engine_for(rt)
        linker = C.Linker(engine)
        with linker.root() as root:
            define(C, root)
        got[rt] = outcome(lambda: linker.instantiate(wt.Store(engine),
                                                     component(rt, engine, name))
                          and "instantiated")
    assert_same(got["wasmlite"], got["wasmtime"])
    if got["wasmlite"][0] == "error":
        assert str(got["wasmlite"][1]) == str(got["wasmtime"][1])
    return got["wasmlite"]


def nothing(C, root):
    pass


def logger_only(C, root):
    with root.add_instance("test:values/host") as host:
        host.add_resource("logger", C.ResourceType.host(LOGGER_TYPE), None)


def func_for_resource(C, root):
    with root.add_instance("test:values/host") as host:
        host.add_func("logger", lambda store: None)


def func_for_instance(C, root):
    root.add_func("test:values/host", lambda store: None)


@pytest.mark.parametrize("define", [nothing, logger_only, func_for_resource, func_for_instance],
                         ids=lambda f: f.__name__)
def test_a_missing_or_wrong_definition(define):
    got = attempt(define)
    assert got[0] == "error"
    assert "but a matching implementation was not found in the linker" in str(got[1])


def root_resource_missing(C, root):
    root.add_func("mk", lambda store, n: None)


def root_func_missing(C, root):
    root.add_resource("t", C.ResourceType.host(2), None)


def root_resource_for_func(C, root):
    root.add_resource("t", C.ResourceType.host(2), None)
    root.add_resource("mk", C.ResourceType.host(2), None)


@pytest.mark.parametrize("define", [root_resource_missing, root_func_missing,
                                    root_resource_for_func], ids=lambda f: f.__name__)
def test_root_imports(define):
    got = attempt(define, "text/host_resource")
    assert got[0] == "error"


def test_an_instance_of_types_alone_needs_no_definition():
    """values.wasm imports test:values/defs (records, variants, ... only):
    the linker need not define it."""
    from component_world import echo_names

    def everything_but_defs(C, root):
        with root.add_instance("test:values/host") as host:
            for name in echo_names():
                host.add_func(f"host-{name}", lambda store, x: x)
            host.add_resource("logger", C.ResourceType.host(LOGGER_TYPE), None)
            for f in ("[constructor]logger", "[method]logger.log", "[method]logger.prefix",
                      "host-logger"):
                host.add_func(f, lambda store, *args: None)
    assert attempt(everything_but_defs)[0] == "ok"


@pytest.mark.parametrize("kind", ["func", "resource", "module"])
def test_defined_twice(kind):
    for rt, (wt, C) in RUNTIMES.items():
        engine = engine_for(rt)

        def define(root):
            if kind == "func":
                root.add_func("x", lambda store: None)
            elif kind == "resource":
                root.add_resource("x", C.ResourceType.host(1), None)
            else:
                root.add_module("x", wt.Module(engine, "(module)"))
        linker = C.Linker(engine)
        with linker.root() as root:
            define(root)
        with linker.root() as root:
            with pytest.raises(wt.WasmtimeError, match="map entry `x` defined twice"):
                define(root)
        linker.allow_shadowing = True
        with linker.root() as root:
            define(root)


def test_an_instance_added_again_is_extended():
    """add_instance of a name already holding an instance gives that
    instance (Wasmtime 50), whose definitions stay; a function there is
    defined twice."""
    for rt, (wt, C) in RUNTIMES.items():
        linker = C.Linker(engine_for(rt))
        with linker.root() as root:
            with root.add_instance("x") as x:
                x.add_func("f", lambda store: None)
            with root.add_instance("x") as x:
                x.add_func("g", lambda store: None)
                with pytest.raises(wt.WasmtimeError, match="map entry `f` defined twice"):
                    x.add_func("f", lambda store: None)
            root.add_func("h", lambda store: None)
            with pytest.raises(wt.WasmtimeError, match="map entry `h` defined twice"):
                root.add_instance("h")


def test_the_later_definition_shadows():
    """With allow_shadowing, the definition made last is the one used."""
    def define(C, root, answer):
        with root.add_instance("test:values/host") as host:
            host.add_func("host-u8", lambda store, x: answer)
    for rt, (wt, C) in RUNTIMES.items():
        engine = engine_for(rt)
        linker = C.Linker(engine)
        linker.allow_shadowing = True
        with linker.root() as root:
            define(C, root, 1)
        with linker.root() as root:
            define(C, root, 2)
        linker.define_unknown_imports_as_traps(component(rt, engine, "values"))
        store = wt.Store(engine)
        inst = linker.instantiate(store, component(rt, engine, "values"))
        idx = inst.get_export_index(store, "test:values/calls")
        f = inst.get_func(store, inst.get_export_index(store, "via-u8", idx))
        assert f(store, 9) == 2, rt


def test_unknown_imports_as_traps():
    """Instantiation succeeds; the guest's own functions work; a call that
    reaches an undefined import traps with Wasmtime's words, and the
    instance cannot be entered afterwards. What was defined stays."""
    worlds = {}
    for rt, (wt, C) in RUNTIMES.items():
        engine = engine_for(rt)
        linker = C.Linker(engine)
        with linker.root() as root:
            with root.add_instance("test:values/host") as host:
                host.add_func("host-u16", lambda store, x: x + 1)
        comp = component(rt, engine, "values")
        linker.define_unknown_imports_as_traps(comp)
        store = wt.Store(engine)
        worlds[rt] = (store, linker.instantiate(store, comp))

    def call(rt, interface, name, *args):
        store, inst = worlds[rt]
        idx = inst.get_export_index(store, f"test:values/{interface}")
        return inst.get_func(store, inst.get_export_index(store, name, idx))(store, *args)

    def same(*args):
        got = {rt: outcome(lambda: call(rt, *args)) for rt in RUNTIMES}
        assert_same(got["wasmlite"], got["wasmtime"])
        return got["wasmlite"]
    assert same("echo", "echo-u8", 7) == ("ok", 7)
    assert same("calls", "via-u16", 7) == ("ok", 8)
    got = same("calls", "via-u8", 7)
    assert got[0] == "error"
    assert key_line(got[1]) == "unknown import: `test:values/host#host-u8` has not been defined"
    got = same("echo", "echo-u8", 7)
    assert "cannot enter component instance" in key_line(got[1])


def test_unknown_imports_as_traps_needs_a_component():
    for rt, (wt, C) in RUNTIMES.items():
        with pytest.raises((TypeError, AttributeError)):
            C.Linker(engine_for(rt)).define_unknown_imports_as_traps("values.wasm")


def test_host_resource_of_the_wrong_kind_at_the_root():
    got = attempt(lambda C, root: root.add_func("t", lambda store: None), "text/host_resource")
    assert got[0] == "error" and "expected resource found func" in str(got[1])
    assert (WORLD / "text" / "host_resource.wasm").exists()
