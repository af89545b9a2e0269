"""``wasmlite`` command line: run | wast | wat2wasm.

(``compile FILE -o FILE.cwasm`` waits for a serialized form of native code.)
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional

from .errors import WasmtimeError


def _cmd_wast(args: argparse.Namespace) -> int:
    from .script.run import main as run_wast
    return run_wast(args.files, verbose=args.verbose)


def _cmd_wat2wasm(args: argparse.Namespace) -> int:
    from .binary.encode import encode_module
    from .text.parse import parse_module
    from .valid.validate import validate_module

    with open(args.input, encoding="utf-8") as f:
        module = parse_module(f.read())
    if not args.no_check:
        validate_module(module)
    data = encode_module(module)
    out = args.output or args.input.rsplit(".", 1)[0] + ".wasm"
    with open(out, "wb") as f:
        f.write(data)
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from .launch import run_module
    return run_module(args.file, args.args, invoke_name=args.invoke, dirs=args.dir,
                      env=args.env, fuel=args.fuel, opt_level=args.opt_level,
                      allow_precompiled=args.allow_precompiled)


def _cmd_compile(args: argparse.Namespace) -> int:
    from .engine import Config, Engine
    from .module import Module

    config = Config()
    config.cranelift_opt_level = args.opt_level
    if args.fuel:
        config.consume_fuel = True
    if args.epoch_interruption:
        config.epoch_interruption = True
    data = Module.from_file(Engine(config), args.input).serialize()
    out = args.output or args.input.rsplit(".", 1)[0] + ".cwasm"
    with open(out, "wb") as f:
        f.write(data)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wasmlite",
        description="A WebAssembly runtime that compiles wasm to native code through LLVM.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run a WebAssembly module (.wasm or .wat), with WASI")
    p.add_argument("--invoke", metavar="NAME",
                   help="call this export with ARGS and print its results, one per line")
    p.add_argument("--dir", metavar="HOST[::GUEST]", action="append", default=[],
                   help="give the program the host directory HOST, seen as GUEST")
    p.add_argument("--env", metavar="KEY[=VALUE]", action="append", default=[],
                   help="set an environment variable (KEY alone: the host's value)")
    p.add_argument("--fuel", metavar="N", type=int,
                   help="run with N units of fuel (needs fuel metering)")
    p.add_argument("--opt-level", choices=["none", "speed", "speed_and_size"],
                   help="LLVM optimization: none is the cheap tier (default: speed)")
    p.add_argument("--allow-precompiled", action="store_true",
                   help="accept a module from `wasmlite compile` (native code: trust it first)")
    p.add_argument("file")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(handler=_cmd_run)

    p = sub.add_parser("compile", help="compile a module to native code (.cwasm) ahead of time")
    p.add_argument("input")
    p.add_argument("-o", "--output", help="default: INPUT with the extension .cwasm")
    p.add_argument("--opt-level", choices=["none", "speed", "speed_and_size"], default="speed")
    p.add_argument("--fuel", action="store_true",
                   help="compile with fuel checks (for `run --fuel`)")
    p.add_argument("--epoch-interruption", action="store_true")
    p.set_defaults(handler=_cmd_compile)

    p = sub.add_parser("wast", help="run .wast spec scripts")
    p.add_argument("files", nargs="+")
    p.add_argument("-v", "--verbose", action="store_true", help="list every failure")
    p.set_defaults(handler=_cmd_wast)

    p = sub.add_parser("wat2wasm", help="translate the text format to a binary module")
    p.add_argument("input")
    p.add_argument("-o", "--output")
    p.add_argument("--no-check", action="store_true", help="do not validate")
    p.set_defaults(handler=_cmd_wat2wasm)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except WasmtimeError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
