"""``wasmlite run COMPONENT``: a ``wasi:cli/run`` component with WASI 0.2,
as ``wasmtime run`` runs one: the same WasiConfig as for modules (argv,
``--env``, ``--dir``, inherited stdio), exit status 0 when ``run`` returns
ok, 1 when it returns err, the program's own status when it calls
``wasi:cli/exit``."""
from __future__ import annotations

from typing import Any

from .errors import ExitTrap, Trap, WasmtimeError


class RunTrap(Exception):
    """A trap in the component's ``run``: Wasmtime's CLI reports it as
    ``failed to invoke `run` function`` (``context``) before the trap."""

    def __init__(self, trap: Trap) -> None:
        super().__init__(str(trap))
        self.trap = trap
        self.context = "failed to invoke `run` function"


def is_component_file(path: str) -> bool:
    with open(path, "rb") as f:
        head = f.read(8)
    return head[:4] == b"\0asm" and head[4:8] == b"\x0d\x00\x01\x00"


def _run_export(instance: Any, store: Any) -> Any:
    """The ``run`` function of the component's ``wasi:cli/run@0.2.x`` export."""
    for name in instance._exports:
        if name.startswith("wasi:cli/run@0.2"):
            index = instance.get_export_index(store, "run", instance.get_export_index(store, name))
            func = instance.get_func(store, index) if index is not None else None
            if func is not None:
                return func
    raise WasmtimeError("no exported instance named `wasi:cli/run@0.2.0` found")


def run_component(path: str, engine: Any, wasi: Any, fuel: Any = None) -> int:
    """Runs the component at ``path``; returns the exit status. A trap
    propagates (the caller reports it): while instantiating as it is, in
    ``run`` as a RunTrap."""
    from .component import Component, Linker, Variant
    from .store import Store
    component = Component.from_file(engine, path)
    store = Store(engine)
    if fuel is not None:
        store.set_fuel(fuel)
    store.set_wasi(wasi)
    linker = Linker(engine)
    linker.add_wasip2()
    instance = linker.instantiate(store, component)
    run = _run_export(instance, store)
    try:
        result = run(store)
    except ExitTrap as e:
        return e.code
    except Trap as e:
        raise RunTrap(e) from None
    failed = isinstance(result, Variant) and result.tag == "err"
    return 1 if failed else 0
