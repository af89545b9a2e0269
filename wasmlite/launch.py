"""``wasmlite run``: load a module file, instantiate it and call an export.

Like ``wasmtime run``: ``--invoke NAME`` calls that export with the command
line's arguments (parsed by the export's parameter types) and prints each
result on its own line; without it, the module is instantiated (its start
function runs) and ``_start`` -- or else the default export ``""`` -- is
called when present. A trap prints its message on stderr and exits with 134
(128 + SIGABRT), the status Wasmtime's CLI uses for traps.

Modules with imports cannot be linked until WASI lands; they fail with
Wasmtime's "unknown import" wording rather than a Python traceback.
"""
from __future__ import annotations

import math
import struct
import sys
from pathlib import Path
from typing import Optional, Sequence, TextIO

from .binary.decode import decode_module
from .compile import compile_module
from .errors import LinkError, Trap, WasmtimeError
from .runtime import ExportFunction, RuntimeEngine, RuntimeStore, instantiate, invoke
from .syntax.module import Module
from .syntax.types import F32, F64, I32, I64, ValType
from .text.parse import parse_module
from .valid.validate import validate_module

TRAP_EXIT_STATUS = 134


def load_module_file(path: str | Path) -> Module:
    """A .wasm (by its magic number) or .wat file as a syntax.Module."""
    data = Path(path).read_bytes()
    if data[:4] == b"\0asm":
        return decode_module(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise WasmtimeError(f"{path}: neither a wasm binary nor UTF-8 text") from None
    return parse_module(text)


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


def run_module(path: str, args: Sequence[str], invoke_name: Optional[str] = None,
               out: Optional[TextIO] = None, err: Optional[TextIO] = None,
               opt_level: int = 2) -> int:
    """The ``run`` command; returns the process exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    module = load_module_file(path)
    info = validate_module(module)
    if module.imports:
        imp = module.imports[0]
        raise LinkError(f"unknown import: `{imp.module}::{imp.name}` has not been defined")
    if invoke_name is None and args:
        raise WasmtimeError("arguments need --invoke NAME (WASI programs are not supported yet)")
    engine = RuntimeEngine(opt_level=opt_level)
    store = RuntimeStore(engine)
    compiled = compile_module(module, info, engine.signatures, opt_level)
    try:
        instance = instantiate(store, compiled, [])
        if invoke_name is None:
            for name in ("_start", ""):
                func = instance.exports.get(name)
                if isinstance(func, ExportFunction):
                    if func.functype.params or func.functype.results:
                        raise WasmtimeError(f"export {name!r} must take and return nothing")
                    invoke(store, func, [])
                    break
            return 0
        func = instance.exports.get(invoke_name)
        if not isinstance(func, ExportFunction):
            raise WasmtimeError(f"failed to find a function export named `{invoke_name}`")
        params, results = func.functype.params, func.functype.results
        if len(args) != len(params):
            raise WasmtimeError(f"export `{invoke_name}` takes {len(params)} arguments,"
                                f" {len(args)} given")
        raw = invoke(store, func, [parse_arg(a, t) for a, t in zip(args, params)])
    except Trap as trap:
        print(f"Error: failed to run main module `{path}`\n\nCaused by:\n    wasm trap: {trap}",
              file=err)
        return TRAP_EXIT_STATUS
    for bits, ty in zip(raw, results):
        print(format_result(bits, ty), file=out)
    return 0
