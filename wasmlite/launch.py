"""``wasmlite run``: run a WebAssembly module like ``wasmtime run``.

Built on the public API (Engine, Module, Linker with WASI, Store). The
module gets WASI: argv is the file name then the command line's ARGS,
stdin/stdout/stderr are inherited, ``--dir HOST[::GUEST]`` preopens a
directory and ``--env K=V`` sets a variable (``--env K`` passes the host's).
Without ``--invoke`` the command's ``_start`` (or default export ``""``) is
called; ``--invoke NAME`` calls that export with ARGS parsed by its
parameter types and prints each result on its own line. ``proc_exit(n)``
ends the run with status n; a trap prints its message on stderr and exits
with 134 (128 + SIGABRT), the status Wasmtime's CLI uses for traps; a WASI
call that fails with an error (a pointer Wasmtime refuses, say) prints
Wasmtime's report of it and exits with 1.
Arguments and results are read and written as Wasmtime's CLI does
(``cli_values.py``). Compiled code is cached on disk unless ``cache`` is
False (as ``wasmtime run`` caches by default).
"""
from __future__ import annotations

import os
import sys
import time
from typing import Any, Optional, Sequence, TextIO

from .runtime.exceptions import ThrownException
from .errors import ExitTrap, Trap, TrapCode, WasmtimeError

TRAP_EXIT_STATUS = 134


class OptionError(WasmtimeError):
    """A bad option value (``--dir``, ``--env``, ``--strategy``): not about the module."""


def _parse_env(items: Sequence[str]) -> list[tuple[str, str]]:
    env = []
    for item in items:
        key, eq, value = item.partition("=")
        if not key:
            raise OptionError(f"--env {item!r}: expected KEY=VALUE or KEY")
        if not eq:
            if key not in os.environ:
                continue                     # as wasmtime: an unset variable is skipped
            value = os.environ[key]
        env.append((key, value))
    return env


def _parse_dir(spec: str) -> tuple[str, str]:
    host, sep, guest = spec.partition("::")
    return host, (guest if sep else host)


def _compile(engine, path: str, err: TextIO, allow_precompiled: bool = False):
    """Module.from_file, announcing long compiles on a terminal; a file of
    ``wasmlite compile`` (native code) only with ``allow_precompiled``."""
    from .compile.cache import MAGIC
    from .module import Module
    with open(path, "rb") as f:
        precompiled = f.read(len(MAGIC)) == MAGIC
    if precompiled:
        if not allow_precompiled:
            raise WasmtimeError(f"{path} is a precompiled module (native code): run it with"
                                " --allow-precompiled if you trust where it came from")
        return Module.deserialize_file(engine, path)
    size = os.path.getsize(path)
    up_front = getattr(engine._rt, "strategy", "llvm") == "llvm"    # no tiers: all now
    loud = up_front and size > (1 << 20) and getattr(err, "isatty", lambda: False)()
    if loud:
        print(f"wasmlite: compiling {path} ({size / 1e6:.1f} MB) to native code...",
              file=err, flush=True)
    t0 = time.perf_counter()
    module = Module.from_file(engine, path)
    if loud:
        print(f"wasmlite: compiled in {time.perf_counter() - t0:.1f} s", file=err, flush=True)
    return module


# -W options that say how `run` links, not how the engine compiles
LINK_OPTIONS = ("unknown_imports_trap",)


def _config(opt_level: Optional[str], fuel: Optional[int], strategy: Optional[str],
            cache: bool, wasm: Sequence[tuple[str, bool]] = ()):
    from .engine import Config
    config = Config()
    for name, value in wasm:         # -W: (Config property, value)
        if name not in LINK_OPTIONS:
            setattr(config, name, value)
    if strategy is not None:
        try:
            config.strategy = strategy       # Config decides which strategies exist
        except WasmtimeError as e:
            raise OptionError(f"--strategy {strategy}: {e}") from None
    if opt_level is not None:
        config.cranelift_opt_level = opt_level
    if fuel is not None:
        config.consume_fuel = True
    if cache:
        config.cache = True
    return config


def _wasi(path: str, args: Sequence[str], invoke: bool, dirs: Sequence[str],
          env: Sequence[str]):
    from .wasi import WasiConfig
    wasi = WasiConfig()
    # argv[0] is the file's base name, as in `wasmtime run` (which keeps the
    # host's directories out of the guest's sight)
    name = os.path.basename(path) or path
    wasi.argv = [name] if invoke else [name, *args]
    wasi.env = _parse_env(env)
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    for spec in dirs:
        host, guest = _parse_dir(spec)
        if not os.path.isdir(host):
            reason = "no such directory" if not os.path.exists(host) else "not a directory"
            raise OptionError(f"--dir {host}: {reason}")
        wasi.preopen_dir(host, guest)
    return wasi


def _call_start(store, exports) -> None:
    from .func import Func
    for name in ("_start", ""):
        func = exports.get(name)
        if isinstance(func, Func):
            ty = func.type(store)
            if ty.params or ty.results:
                raise WasmtimeError(f"export {name!r} must take and return nothing")
            func(store)
            return


def _invoke(store, exports, name: str, args: Sequence[str], err: TextIO) -> list[str]:
    """Call export ``name`` with ``args``; its results as text, one per value."""
    from .func import Func
    # the value parser (decimal, fractions: ~2 ms) only for --invoke
    from .cli_values import format_result, parse_arg
    init = exports.get("_initialize")
    if isinstance(init, Func):
        init(store)
    func = exports.get(name)
    if not isinstance(func, Func):
        raise WasmtimeError(f"no func export named `{name}` found")
    ty = func.type(store)
    params = [t._inner for t in ty.params]
    results = [t._inner for t in ty.results]
    if len(args) < len(params):
        raise WasmtimeError(f"not enough arguments for `{name}`")
    if len(args) > len(params):                  # wasmtime ignores them too
        print(f"warning: `{name}` takes {len(params)} arguments; ignoring the other"
              f" {len(args) - len(params)}", file=err)
    values: Any = func(store, *[parse_arg(a, t) for a, t in zip(args, params)])
    if len(results) == 1:
        values = [values]
    return [format_result(v, t) for v, t in zip(values or [], results)]


def _trap_cause(trap: Trap) -> str:
    """The trap's own words, ``wasm trap: ...``, without its backtrace."""
    text = str(trap).rstrip()
    if "Caused by:" in text:
        return text.rsplit("Caused by:", 1)[1].strip()
    if trap.trap_code is not None and not text.startswith("wasm trap:"):
        return f"wasm trap: {text}"
    return text


def error_report(path: str, causes: Sequence[str], err: TextIO) -> None:
    """Wasmtime's CLI report of an error while running ``path``: its chain
    of causes, numbered when there are several."""
    lines = [f"Error: failed to run main module `{path}`", "", "Caused by:"]
    if len(causes) == 1:
        lines.append(f"    {causes[0]}")
    else:
        lines += [f"    {n}: {cause}" for n, cause in enumerate(causes)]
    print("\n".join(lines) + "\n", file=err)


def _trap_report(path: str, trap: Trap, context: Optional[str], err: TextIO,
                 component: bool = False) -> int:
    """Wasmtime's CLI report of a trap: what was being done (if it says),
    the backtrace (frame lines as Wasmtime prints them), the trap; status 134."""
    if trap.trap_code is TrapCode.INTERRUPT:
        raise KeyboardInterrupt          # Ctrl-C seen by wasm running off the main thread
    causes = [context] if context is not None else []
    if trap.frames:
        causes.append("error while executing at wasm backtrace:\n" + "\n".join(
            f"{i:>5}: {frame}" for i, frame in enumerate(trap.frames)))
    causes.append(_trap_cause(trap))
    error_report(path, causes, err)
    # an uncaught wasm exception is an error, not a trap, to Wasmtime's CLI;
    # so is a component's failed host call (an unknown import called, a
    # canonical ABI check), which has no trap code
    if isinstance(trap, ThrownException) or (component and trap.trap_code is None):
        return 1
    return TRAP_EXIT_STATUS


def _call_error_report(path: str, error: WasmtimeError, context: str, err: TextIO) -> int:
    """Wasmtime's CLI report of a WASI call that failed with an error (a
    pointer it refuses, an argument that does not convert, a bad exit
    status): what was being done, then the call's error chain; status 1.
    Wasmtime puts the wasm backtrace between the two; a wasmlite host
    function has none to give."""
    causes = [context] + list(error.wasi_chain)
    lines = [f"Error: failed to run main module `{path}`", "", "Caused by:"]
    lines += [f"    {n}: {cause}" for n, cause in enumerate(causes)]
    print("\n".join(lines) + "\n", file=err)
    return 1


# True when the process is the ``wasmlite`` command's own (cli.console_main),
# so process-wide settings are ours to make
own_process = False


def _pause_collector() -> None:
    """No cyclic GC while the module loads (``_freeze_module_objects``
    resumes it): what loading allocates lives until the exit."""
    import gc
    gc.disable()


def _freeze_module_objects() -> None:
    """Move every object alive now (the module and its validation records:
    they live until the exit) out of the cyclic GC's sight
    (gc.freeze), so that the collections the run triggers scan only what it
    allocates, and turn the collector back on. Only in the command's own
    process: a library must not change its host's collector. Measured on
    CPython for WASI's ``-c "print(1+1)"``: the collector ran ~200 times
    for ~300 ms in all, walking the module's records again and again (one
    collection of the objects that survived loading took 73 ms)."""
    import gc
    gc.freeze()
    gc.enable()


def run_module(path: str, args: Sequence[str], invoke_name: Optional[str] = None,
               out: Optional[TextIO] = None, err: Optional[TextIO] = None,
               dirs: Sequence[str] = (), env: Sequence[str] = (),
               fuel: Optional[int] = None, opt_level: Optional[str] = None,
               allow_precompiled: bool = False, strategy: Optional[str] = None,
               cache: bool = False, wasm: Sequence[tuple[str, bool]] = ()) -> int:
    """The ``run`` command; returns the process exit status. Errors before
    the module runs raise WasmtimeError (or OSError for its file);
    KeyboardInterrupt passes through."""
    from .engine import Engine
    from .linker import Linker
    from .store import Store

    out = out or sys.stdout
    err = err or sys.stderr
    engine = Engine(_config(opt_level, fuel, strategy, cache, wasm))
    trap_unknown = dict(wasm).get("unknown_imports_trap", False)     # the last -W says
    from .launch_component import invoke_component, is_component_file, run_component
    component = is_component_file(path)
    # a component's --invoke names its call in WAVE: ARGS stay the program's
    wasi = _wasi(path, args, invoke_name is not None and not component, dirs, env)
    if component:
        def on_trap(trap, context):
            return _trap_report(path, trap, context, err, component=True)
        try:
            if invoke_name is not None:
                return invoke_component(path, engine, wasi, invoke_name, out,
                                        lambda causes: error_report(path, causes, err),
                                        on_trap, fuel, trap_unknown)
            return run_component(path, engine, wasi, fuel, on_trap, trap_unknown)
        finally:
            try:
                sys.stdout.flush()
            except Exception:
                pass
    if own_process:
        _pause_collector()
    try:
        module = _compile(engine, path, err, allow_precompiled)
    finally:
        if own_process:
            _freeze_module_objects()
    store = Store(engine)
    if fuel is not None:
        store.set_fuel(fuel)
    store.set_wasi(wasi)
    linker = Linker(engine)
    linker.define_wasi()
    if trap_unknown:
        linker.define_unknown_imports_as_traps(module)
    context = f'failed to instantiate "{path}"'
    try:
        try:
            exports = linker.instantiate(store, module).exports(store)
            if own_process:
                _freeze_module_objects()        # and the instance's
            if invoke_name is None:
                context = "failed to invoke command default"
                _call_start(store, exports)
                return 0
            context = f"failed to invoke `{invoke_name}`"
            lines = _invoke(store, exports, invoke_name, args, err)
        finally:
            try:
                sys.stdout.flush()
            except Exception:
                pass
    except ExitTrap as e:
        return e.code
    except Trap as trap:
        return _trap_report(path, trap, context, err)
    except WasmtimeError as e:
        if getattr(e, "wasi_chain", None) is None:
            raise
        return _call_error_report(path, e, context, err)
    for line in lines:
        print(line, file=out)
    return 0
