"""``wasmlite run COMPONENT``: a ``wasi:cli/run`` component with WASI 0.2,
as ``wasmtime run`` runs one: the same WasiConfig as for modules (argv,
``--env``, ``--dir``, inherited stdio), exit status 0 when ``run`` returns
ok, 1 when it returns err, the program's own status when it calls
``wasi:cli/exit``."""
from __future__ import annotations

from typing import Any, Callable, Optional

from .errors import ExitTrap, Trap, WasmtimeError


def is_component_file(path: str) -> bool:
    """A component binary (layer 1 of the preamble) or text (``(component``
    after any comments), as ``wasmtime run`` accepts both."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head[:4] == b"\0asm":
        return head[4:8] == b"\x0d\x00\x01\x00"
    return _first_form(head.decode("utf-8", "replace")).startswith("(component")


def _first_form(text: str) -> str:
    """``text`` from its first character that is not blank or a comment."""
    while True:
        text = text.lstrip()
        if text.startswith(";;"):
            text = text.partition("\n")[2]
        elif text.startswith("(;"):
            depth, i = 1, 2
            while depth and i < len(text):
                if text.startswith("(;", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith(";)", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            text = text[i:]
        else:
            return text


def _run_export(instance: Any, store: Any) -> Any:
    """The ``run`` function of the component's ``wasi:cli/run@0.2.x`` export."""
    for name in instance._exports:
        if name.startswith("wasi:cli/run@0.2"):
            index = instance.get_export_index(store, "run", instance.get_export_index(store, name))
            func = instance.get_func(store, index) if index is not None else None
            if func is not None:
                return func
    raise WasmtimeError("no exported instance named `wasi:cli/run@0.2.0` found")


# what Wasmtime's CLI says it was doing when a component traps: nothing
# extra while instantiating (a core start function), this while in `run`
RUN_CONTEXT = "failed to invoke `run` function"


def run_component(path: str, engine: Any, wasi: Any, fuel: Any = None,
                  on_trap: Optional[Callable[[Trap, Optional[str]], int]] = None) -> int:
    """Runs the component at ``path``; returns the exit status. A trap goes
    to ``on_trap(trap, context)`` (Wasmtime's "what was being done" line, or
    None), whose answer is the status; without ``on_trap`` it propagates."""
    from .component import Component, Linker, Variant
    from .store import Store
    component = Component.from_file(engine, path)
    store = Store(engine)
    if fuel is not None:
        store.set_fuel(fuel)
    store.set_wasi(wasi)
    linker = Linker(engine)
    linker.add_wasip2()
    context: Optional[str] = None
    try:
        instance = linker.instantiate(store, component)
        run = _run_export(instance, store)
        context = RUN_CONTEXT
        result = run(store)
    except ExitTrap as e:
        return e.code
    except Trap as trap:
        if on_trap is None:
            raise
        return on_trap(trap, context)
    failed = isinstance(result, Variant) and result.tag == "err"
    return 1 if failed else 0
