"""``wasmlite run COMPONENT``: a ``wasi:cli/run`` component with WASI 0.2,
as ``wasmtime run`` runs one: the same WasiConfig as for modules (argv,
``--env``, ``--dir``, inherited stdio), exit status 0 when ``run`` returns
ok, 1 when it returns err, the program's own status when it calls
``wasi:cli/exit``. ``--invoke 'name(args)'`` calls one export instead,
its arguments and result in WAVE (cli_wave.py, cli_component_values.py).
"""
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
    from .text.component_parse import is_component_text
    return is_component_text(head.decode("utf-8", "replace"))


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


def _instantiate(path: str, engine: Any, wasi: Any, fuel: Any, trap_unknown: bool,
                 component: Any = None):
    """(store, instance, component) of the component at ``path`` (or
    ``component``, loaded already) with WASI 0.2; imports nothing provides
    trap when called if ``trap_unknown`` (``-W unknown-imports-trap``), else
    are an error here."""
    from .component import Component, Linker
    from .store import Store
    if component is None:
        component = Component.from_file(engine, path)
    store = Store(engine)
    if fuel is not None:
        store.set_fuel(fuel)
    store.set_wasi(wasi)
    linker = Linker(engine)
    linker.add_wasip2()
    if trap_unknown:
        linker.define_unknown_imports_as_traps(component)
    return store, linker.instantiate(store, component), component


def run_component(path: str, engine: Any, wasi: Any, fuel: Any = None,
                  on_trap: Optional[Callable[[Trap, Optional[str]], int]] = None,
                  trap_unknown: bool = False) -> int:
    """Runs the component at ``path``; returns the exit status. A trap goes
    to ``on_trap(trap, context)`` (Wasmtime's "what was being done" line, or
    None), whose answer is the status; without ``on_trap`` it propagates."""
    from . import launch
    from .component import Variant
    context: Optional[str] = None
    if launch.own_process:
        launch._pause_collector()       # as for a module (launch.py)
    try:
        try:
            store, instance, _ = _instantiate(path, engine, wasi, fuel, trap_unknown)
        finally:
            if launch.own_process:
                launch._freeze_module_objects()
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


# -- --invoke 'name(args)' ------------------------------------------------------------

SYNTAX_HELP = "See https://docs.wasmtime.dev/cli-options.html#run for syntax"


class InvokeError(Exception):
    """``--invoke`` could not be done: ``causes`` as Wasmtime prints them."""

    def __init__(self, *causes: str) -> None:
        super().__init__(causes[-1])
        self.causes = list(causes)


def _same_interface(export: str, iface: str, version: Optional[str]) -> bool:
    """Whether the instance export ``export`` is ``iface`` (at a version
    compatible with ``version``, if given: the same major, or for 0.x the
    same minor, as Wasmtime's linker matches them)."""
    if version is None:
        return export == iface
    name, at, have = export.partition("@")
    if name != iface or not at:
        return False
    want_parts = version.split("+")[0].split("-")[0].split(".")
    have_parts = have.split("+")[0].split("-")[0].split(".")
    if len(have_parts) != 3 or "-" in version or "-" in have:
        return have == version
    if want_parts[0] != "0":
        return have_parts[0] == want_parts[0]
    if want_parts[1] != "0":
        return have_parts[:2] == want_parts[:2]
    return have_parts == want_parts


def find_export_func(component: Any, engine: Any, name: str,
                     version: Optional[str] = None) -> tuple:
    """The path (export names from the root) and FuncType of the function
    ``name`` calls: ``interface.func`` (``version``: the interface's), or a
    bare name looked for at the root and in every exported instance (it
    must be found once)."""
    from .syntax.component_types import ComponentInstanceType, FuncType
    exports = dict(component.type.export_list)
    found = []
    if "." in name:
        iface, func = name.rsplit(".", 1)
        for export, inner in exports.items():
            if isinstance(inner, ComponentInstanceType) and \
                    _same_interface(export, iface, version):
                ty = dict(inner.export_list).get(func)
                if isinstance(ty, FuncType):
                    found.append(((export, func), ty))
    elif version is not None:
        raise InvokeError(f"parsing `{name}@{version}` as a wit item name",
                          "trailing tokens in item name specifier")
    else:
        if isinstance(exports.get(name), FuncType):
            found.append(((name,), exports[name]))
        for iface, inner in exports.items():
            if isinstance(inner, ComponentInstanceType):
                ty = dict(inner.export_list).get(name)
                if isinstance(ty, FuncType):
                    found.append(((iface, name), ty))
    if not found:
        shown = name if version is None else f"{name}@{version}"
        raise InvokeError(f"No exported func named `{shown}` in component.")
    if len(found) > 1:
        where = ", ".join("`" + ".".join(p) + "`" for p, _ in found)
        raise InvokeError(f"Multiple exports named `{name}`: {where}; name the interface")
    return found[0]


def _params(call: Any, ty: Any, text: str) -> list:
    """The call's parameters as Python values of the function's types."""
    from .cli_component_values import BadValue, to_python
    context = f'while interpreting parameters in invoke "{text}"'
    want = len(ty.params)

    def bad(message, span):
        return InvokeError(context, f"invalid params: {message} at {span[0]}..{span[1]}")
    if want and not call.params:
        raise bad(f"no params provided, but {want} required", call.name_span)
    if len(call.params) > want:
        raise bad("more param(s) than expected", call.params[want].span)
    if len(call.params) < want:
        raise bad("missing required param(s)", call.close_span)
    try:
        return [to_python(node, pty) for node, (_, pty) in zip(call.params, ty.params)]
    except BadValue as e:
        raise InvokeError(context, *e.lines) from None


def invoke_component(path: str, engine: Any, wasi: Any, call_text: str, out: Any,
                     report: Callable[[list], None],
                     on_trap: Callable[[Trap, Optional[str]], int], fuel: Any = None,
                     trap_unknown: bool = False, component: Any = None) -> int:
    """``wasmtime run --invoke 'name(args)' COMPONENT``: the call read as
    WAVE, made, its result printed as WAVE (``()`` for none); returns the
    exit status. A call that cannot be made goes to ``report(causes)``
    (status 1), a trap to ``on_trap``. ``component``: the one at ``path``,
    loaded already."""
    from .cli_wave import WaveSyntaxError, parse_call
    try:
        call = parse_call(call_text)
    except WaveSyntaxError as e:
        report([f"Failed to parse invoke '{call_text}': {SYNTAX_HELP}", str(e)])
        return 1
    try:
        store, instance, component = _instantiate(path, engine, wasi, fuel, trap_unknown,
                                                  component)
    except ExitTrap as e:
        return e.code
    except Trap as trap:
        return on_trap(trap, None)
    return call_export(store, instance, component, call, call_text, out, report, on_trap)


def call_export(store: Any, instance: Any, component: Any, call: Any, call_text: str,
                out: Any, report: Callable[[list], None],
                on_trap: Callable[[Trap, Optional[str]], int]) -> int:
    """The parsed ``call`` (cli_wave.Call) made on ``instance``; as
    ``invoke_component``."""
    from .cli_component_values import BadValue, to_wave
    try:
        where, ty = find_export_func(component, component.engine, call.name, call.version)
        params = _params(call, ty, call_text)
        index = None
        for name in where:
            index = instance.get_export_index(store, name, index)
        try:
            result = instance.get_func(store, index)(store, *params)
        except ExitTrap as e:
            return e.code
        except Trap as trap:
            return on_trap(trap, None)
        text = "()" if ty.result is None else to_wave(result, ty.result)
    except InvokeError as e:
        report(e.causes)
        return 1
    except BadValue as e:                 # a result this reader cannot place
        report(e.lines)
        return 1
    print(text, file=out)
    return 0
