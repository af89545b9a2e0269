"""``wasmlite run``: run a WebAssembly module like ``wasmtime run``.

Built on the public API (Engine, Module, Linker with WASI, Store). The
module gets WASI: argv is the file name then the command line's ARGS,
stdin/stdout/stderr are inherited, ``--dir HOST[::GUEST]`` preopens a
directory and ``--env K=V`` sets a variable (``--env K`` passes the host's).
Without ``--invoke`` the command's ``_start`` (or default export ``""``) is
called; ``--invoke NAME`` calls that export with ARGS parsed by its
parameter types and prints each result on its own line. ``proc_exit(n)``
ends the run with status n; a trap prints its message on stderr and exits
with 134 (128 + SIGABRT), the status Wasmtime's CLI uses for traps.
"""
from __future__ import annotations

import math
import os
import struct
import sys
import time
from typing import Optional, Sequence, TextIO

from .errors import ExitTrap, Trap, WasmtimeError
from .syntax.types import F32, F64, I32, I64, ValType

TRAP_EXIT_STATUS = 134


def parse_arg(text: str, ty: ValType) -> int:
    """A command-line argument as the raw bits of a value of type ``ty``."""
    try:
        if ty is I32 or ty is I64:
            bits = 32 if ty is I32 else 64
            v = int(text, 0)
            if not -(1 << (bits - 1)) <= v < (1 << bits):
                raise ValueError
            return v & ((1 << bits) - 1)
        if ty is F32:
            return struct.unpack("<I", struct.pack("<f", float(text)))[0]
        if ty is F64:
            return struct.unpack("<Q", struct.pack("<d", float(text)))[0]
    except (ValueError, OverflowError):
        raise WasmtimeError(f"failed to parse argument {text!r} as {ty}") from None
    raise WasmtimeError(f"cannot pass a {ty} argument from the command line")


def _float_text(x: float, digits: int, bits: Optional[int] = None) -> str:
    """Shortest decimal that reads back as the same value (Rust's Display
    spelling for NaN and infinities)."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if bits is None:
        return repr(x)
    for p in range(1, digits + 1):
        s = f"{x:.{p}g}"
        if struct.unpack("<I", struct.pack("<f", float(s)))[0] == bits:
            return repr(float(s))
    return repr(x)


def format_result(bits: int, ty: ValType) -> str:
    """One result as ``wasmtime run --invoke`` prints it."""
    if ty is I32:
        return str(bits - (1 << 32) if bits >= 1 << 31 else bits)
    if ty is I64:
        return str(bits - (1 << 64) if bits >= 1 << 63 else bits)
    if ty is F32:
        return _float_text(struct.unpack("<f", struct.pack("<I", bits))[0], 9, bits)
    if ty is F64:
        return _float_text(struct.unpack("<d", struct.pack("<Q", bits))[0], 17)
    if ty.is_ref:
        return "null" if not bits else f"<{ty}>"
    return f"0x{bits:032x}"


def _parse_env(items: Sequence[str]) -> list[tuple[str, str]]:
    env = []
    for item in items:
        key, eq, value = item.partition("=")
        if not key:
            raise WasmtimeError(f"--env {item!r}: expected KEY=VALUE or KEY")
        if not eq:
            if key not in os.environ:
                continue                     # as wasmtime: an unset variable is skipped
            value = os.environ[key]
        env.append((key, value))
    return env


def _parse_dir(spec: str) -> tuple[str, str]:
    host, sep, guest = spec.partition("::")
    return host, (guest if sep else host)


def _to_python(bits: int, ty: ValType):
    if ty is I32:
        return bits - (1 << 32) if bits >= 1 << 31 else bits
    if ty is I64:
        return bits - (1 << 64) if bits >= 1 << 63 else bits
    if ty is F32:
        return struct.unpack("<f", struct.pack("<I", bits))[0]
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def _to_bits(value, ty: ValType) -> int:
    if ty is I32:
        return value & 0xFFFF_FFFF
    if ty is I64:
        return value & 0xFFFF_FFFF_FFFF_FFFF
    if ty is F32:
        return struct.unpack("<I", struct.pack("<f", value))[0]
    if ty is F64:
        return struct.unpack("<Q", struct.pack("<d", value))[0]
    return 0 if value is None else 1


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
    loud = size > (1 << 20) and getattr(err, "isatty", lambda: False)()
    if loud:
        print(f"wasmlite: compiling {path} ({size / 1e6:.1f} MB) to native code...",
              file=err, flush=True)
    t0 = time.perf_counter()
    module = Module.from_file(engine, path)
    if loud:
        print(f"wasmlite: compiled in {time.perf_counter() - t0:.1f} s", file=err, flush=True)
    return module


def run_module(path: str, args: Sequence[str], invoke_name: Optional[str] = None,
               out: Optional[TextIO] = None, err: Optional[TextIO] = None,
               dirs: Sequence[str] = (), env: Sequence[str] = (),
               fuel: Optional[int] = None, opt_level: Optional[str] = None,
               allow_precompiled: bool = False) -> int:
    """The ``run`` command; returns the process exit status."""
    from .engine import Config, Engine
    from .func import Func
    from .linker import Linker
    from .store import Store
    from .wasi import WasiConfig

    out = out or sys.stdout
    err = err or sys.stderr
    config = Config()
    if opt_level is not None:
        config.cranelift_opt_level = opt_level
    if fuel is not None:
        config.consume_fuel = True
    engine = Engine(config)
    wasi = WasiConfig()
    wasi.argv = [path, *args] if invoke_name is None else [path]
    wasi.env = _parse_env(env)
    wasi.inherit_stdin()
    wasi.inherit_stdout()
    wasi.inherit_stderr()
    for spec in dirs:
        host, guest = _parse_dir(spec)
        wasi.preopen_dir(host, guest)
    module = _compile(engine, path, err, allow_precompiled)
    store = Store(engine)
    if fuel is not None:
        store.set_fuel(fuel)
    store.set_wasi(wasi)
    linker = Linker(engine)
    linker.define_wasi()
    try:
        try:
            instance = linker.instantiate(store, module)
            exports = instance.exports(store)
            if invoke_name is None:
                for name in ("_start", ""):
                    func = exports.get(name)
                    if isinstance(func, Func):
                        ty = func.type(store)
                        if ty.params or ty.results:
                            raise WasmtimeError(f"export {name!r} must take and return nothing")
                        func(store)
                        break
                return 0
            init = exports.get("_initialize")
            if isinstance(init, Func):
                init(store)
            func = exports.get(invoke_name)
            if not isinstance(func, Func):
                raise WasmtimeError(f"failed to find a function export named `{invoke_name}`")
            ty = func.type(store)
            params = [t._inner for t in ty.params]
            results = [t._inner for t in ty.results]
            if len(args) != len(params):
                raise WasmtimeError(f"export `{invoke_name}` takes {len(params)} arguments,"
                                    f" {len(args)} given")
            values = func(store, *[_to_python(parse_arg(a, t), t) for a, t in zip(args, params)])
        finally:
            try:
                sys.stdout.flush()
            except Exception:
                pass
    except ExitTrap as e:
        return e.code
    except Trap as trap:
        # str(trap) is Wasmtime's "error while executing at wasm backtrace:
        # ... Caused by: wasm trap: ..." when there are frames
        cause = str(trap) if trap.frames else f"wasm trap: {trap.message}"
        cause = cause.rstrip().replace("\n", "\n    ")
        print(f"Error: failed to run main module `{path}`\n\nCaused by:\n    {cause}", file=err)
        return TRAP_EXIT_STATUS
    if len(results) == 1:
        values = [values]
    for value, ty in zip(values or [], results):
        print(format_result(_to_bits(value, ty), ty), file=out)
    return 0
