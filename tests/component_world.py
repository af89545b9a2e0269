"""One runtime's instance of tests/components/world/values.wasm (a WIT
world of every value type, see its gen.py) with the host side the world
imports defined as a user of wasmtime-py would define it: a Python function
per ``host-*`` import and the host resource ``logger``.

``World(runtime)`` works the same for "wasmlite" and "wasmtime"; the tests
call both and compare (component_parity.py).
"""
from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

from component_parity import RUNTIMES, WORLD, neutral, to_runtime

LOGGER_TYPE = 7          # the host resource logger is ResourceType.host(7)

_COMPONENTS: Dict[tuple, Any] = {}


def component(runtime: str, engine: Any, name: str) -> Any:
    """``name``.wasm compiled for ``engine`` (once per engine)."""
    key = (runtime, id(engine), name)
    if key not in _COMPONENTS:
        _, C = RUNTIMES[runtime]
        _COMPONENTS[key] = (engine, C.Component(engine, (WORLD / f"{name}.wasm").read_bytes()))
    return _COMPONENTS[key][1]


_ENGINES: Dict[str, Any] = {}


def engine_for(runtime: str) -> Any:
    if runtime not in _ENGINES:
        wt, _ = RUNTIMES[runtime]
        _ENGINES[runtime] = wt.Engine()
    return _ENGINES[runtime]


def echo_names() -> List[str]:
    """The ``echo-*`` functions of values.wit (whose types are in its text)."""
    names = []
    for line in (WORLD / "values.wit").read_text().splitlines():
        line = line.strip()
        if line.startswith("echo-") and ": func(x:" in line:
            names.append(line.split(":")[0][len("echo-"):])
    return names


class World:
    """values.wasm instantiated in a new store of ``runtime``.

    ``received``: what each host function was called with (neutral values),
    in order; ``overrides[name]``: a function answering ``host-NAME``
    instead of echoing; loggers are reps 1, 2, ... with their prefixes in
    ``loggers``; ``logger_drops`` the reps whose destructor ran."""

    def __init__(self, runtime: str, component_name: str = "values") -> None:
        self.runtime = runtime
        self.wt, self.C = RUNTIMES[runtime]
        self.engine = engine_for(runtime)
        self.store = self.wt.Store(self.engine)
        self.received: List[tuple] = []
        self.overrides: Dict[str, Callable] = {}
        self.loggers: Dict[int, str] = {}
        self.logger_drops: List[int] = []
        self.linker = self.C.Linker(self.engine)
        self.define_host(self.linker)
        self.instance = self.linker.instantiate(self.store,
                                                component(runtime, self.engine, component_name))

    # -- the host side ---------------------------------------------------------------

    def _host_echo(self, name: str) -> Callable:
        def host(store: Any, x: Any) -> Any:
            self.received.append((name, neutral(x)))
            override = self.overrides.get(name)
            return override(store, x) if override is not None else x
        return host

    def define_host(self, linker: Any) -> None:
        C = self.C
        with linker.root() as root:
            with root.add_instance("test:values/host") as host:
                for name in echo_names():
                    host.add_func(f"host-{name}", self._host_echo(name))
                host.add_resource("logger", C.ResourceType.host(LOGGER_TYPE), self._drop_logger)
                host.add_func("[constructor]logger", self._new_logger)
                host.add_func("[method]logger.log", self._log)
                host.add_func("[method]logger.prefix", self._prefix)
                host.add_func("host-logger", self._host_echo("logger"))

    def _drop_logger(self, store: Any, rep: int) -> None:
        self.logger_drops.append(rep)

    def _new_logger(self, store: Any, prefix: str) -> Any:
        rep = len(self.loggers) + 1
        self.loggers[rep] = prefix
        return self.C.ResourceHost.own(rep, LOGGER_TYPE)

    def _log(self, store: Any, this: Any, msg: str) -> int:
        assert not this.owned
        rep = this.to_host(store).rep
        self.received.append(("log", (rep, msg)))
        return len(self.loggers[rep]) + len(msg)

    def _prefix(self, store: Any, this: Any) -> str:
        return self.loggers[this.to_host(store).rep]

    # -- calling the guest -----------------------------------------------------------

    def func(self, interface: str, name: str) -> Any:
        inst, store = self.instance, self.store
        idx = inst.get_export_index(store, f"test:values/{interface}")
        assert idx is not None, interface
        fidx = inst.get_export_index(store, name, idx)
        assert fidx is not None, name
        f = inst.get_func(store, fidx)
        assert f is not None, name
        return f

    def call(self, interface: str, name: str, *args: Any) -> Any:
        """Calls an export with neutral arguments; returns the raw result."""
        f = self.func(interface, name)
        return f(self.store, *[to_runtime(a, self.C) for a in args])


def new_counter(world: World, start: int) -> Any:
    return world.call("res", "[constructor]counter", start)


def counter_value(world: World, counter: Any) -> int:
    return world.call("res", "[method]counter.get", counter)


def dropped(world: World) -> Optional[list]:
    return world.call("res", "dropped")
