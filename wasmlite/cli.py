"""The ``wasmlite`` command: run | compile | wast | wat2wasm.

What can reach ``main`` and what the user sees (one line on stderr, never
a traceback; tests/test_cli_errors.py has a test for each):

===========================  =================================================
exception                    where from -> what ``main`` prints, exit status
===========================  =================================================
SystemExit (argparse)        a bad command line -> usage and the problem, 2
KeyboardInterrupt            Ctrl-C while compiling or running (a running
                             program's INTERRUPT trap becomes one too)
                             -> ``wasmlite: interrupted``, 130; inside one
                             long native call the command's watchdog thread
                             does the same (``_watch_ctrl_c``)
OptionError                  a bad option value (``--dir``, ``--env``,
                             ``--strategy``) -> ``error: MESSAGE``, 1
WasmtimeError and kin        the module: malformed (binary or text, text as
                             ``FILE:LINE:COL: message``), invalid, unlinkable,
                             a bad ``--invoke`` argument, a damaged ``.cwasm``
                             -> ``error: FILE: message``, 1
OSError                      a file that cannot be read or written (missing,
                             a directory, no permission)
                             -> ``error: FILE: No such file or directory``, 1
BrokenPipeError              stdout closed early (``| head``) -> nothing, 141
RecursionError, MemoryError  input nested too deeply or too big for this
                             process -> ``error: FILE: ...``, 1
any other Exception          a bug in wasmlite -> ``error: internal error:
                             ...``, 70 (``WASMLITE_TRACEBACK=1`` re-raises it)
===========================  =================================================

Traps and ``proc_exit`` are the program's outcome, not errors: ``run``
returns 134 after Wasmtime's trap report, or the exit status.
UnicodeDecodeError never gets here: text is decoded where it is read, with a
WasmtimeError that says "not valid UTF-8".
"""
from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import threading
import time
from typing import Callable, Optional

from .errors import WasmtimeError
from .launch import OptionError

INTERRUPTED = 130          # 128 + SIGINT, what a shell reports for Ctrl-C
BROKEN_PIPE = 141          # 128 + SIGPIPE
INTERNAL_ERROR = 70        # EX_SOFTWARE
STRATEGIES = ("auto", "interpreter", "llvm", "cranelift")
OPT_LEVELS = ("none", "speed", "speed_and_size")

_interrupted = False       # set by main, read by console_main
_INTERRUPTED_LINE = "wasmlite: interrupted"
_CTRL_C_GRACE_SECONDS = 0.2
_exit_claim = threading.Lock()    # main or the watchdog: who prints the line and exits
_watchdog = False                 # console_main started _watch_ctrl_c


def _read_text(path: str) -> str:
    """A text file, decoded here so a binary or non-UTF-8 file is an error
    in words rather than a UnicodeDecodeError."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\0asm":
        raise WasmtimeError("this is a binary module already, not the text format")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise WasmtimeError(f"input was not valid UTF-8 (at byte {e.start:#x})") from None


def _cmd_wat2wasm(args: argparse.Namespace) -> int:
    from .binary.encode import encode_module
    from .text.component_parse import is_component_text, parse_component
    from .text.parse import parse_module
    from .valid.validate import validate_module

    text = _read_text(args.input)
    if is_component_text(text):
        # a component (the component model's text format), as wasm-tools parse
        data = parse_component(text)
        if not args.no_check:
            from .binary.component_decode import decode_component
            from .valid.component import validate_component
            validate_component(decode_component(data))
    else:
        module = parse_module(text)
        if not args.no_check:
            validate_module(module)
        data = encode_module(module)
    out = args.output or args.input.rsplit(".", 1)[0] + ".wasm"
    with open(out, "wb") as f:
        f.write(data)
    return 0


def _split_run_args(args: argparse.Namespace) -> None:
    if not args.file:
        args.parser.error("the following arguments are required: FILE")
    args.file, args.args = args.file[0], args.file[1:]


def _cmd_run(args: argparse.Namespace) -> int:
    from .launch import run_module
    return run_module(args.file, args.args, invoke_name=args.invoke, dirs=args.dir,
                      env=args.env, fuel=args.fuel, opt_level=args.opt_level,
                      allow_precompiled=args.allow_precompiled, strategy=args.strategy,
                      cache=not args.no_cache, wasm=args.wasm)


def _cmd_compile(args: argparse.Namespace) -> int:
    from .engine import Config, Engine
    from .module import Module

    from .compile.cache import MAGIC
    with open(args.input, "rb") as f:
        if f.read(len(MAGIC)) == MAGIC:
            raise WasmtimeError("this is a .cwasm, compiled already")
    config = Config()
    config.cranelift_opt_level = args.opt_level
    if args.fuel:
        config.consume_fuel = True
    if args.epoch_interruption:
        config.epoch_interruption = True
    for name, value in args.wasm:
        setattr(config, name, value)
    data = Module.from_file(Engine(config), args.input).serialize()
    out = args.output or args.input.rsplit(".", 1)[0] + ".cwasm"
    with open(out, "wb") as f:
        f.write(data)
    return 0


def _cmd_wast(args: argparse.Namespace) -> int:
    from .cli_wast import run_scripts
    return run_scripts(args.files, verbose=args.verbose, strategy=args.strategy,
                       disabled=_disabled_by(args.wasm))


def _disabled_by(options: list) -> frozenset:
    """The features validation rejects after ``-W`` options (the scripts'
    modules are checked with them, as Module() is with a Config's)."""
    from .engine import Config
    config = Config()
    for prop, value in options:
        if prop in ("wasm_relaxed_simd_deterministic", "cranelift_nan_canonicalization"):
            name = next(k for k, v in WASM_OPTIONS.items() if v == prop)
            raise OptionError(f"-W {name}: not an option of wast")
        setattr(config, prop, value)
    return config._disabled_features


# ------------------------------------------------------------------ parser

MAX_FUEL = 2**63 - 1       # what Store.set_fuel takes


def _fuel(text: str) -> int:
    try:
        value = int(text, 10)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    if value > MAX_FUEL:
        raise argparse.ArgumentTypeError(f"at most 2**63 - 1 units of fuel, got {text}")
    return value


def _version() -> str:
    import llvmlite
    from llvmlite import binding as llvm

    from . import __version__
    llvm_version = ".".join(map(str, llvm.llvm_version_info))
    return f"wasmlite {__version__} (llvmlite {llvmlite.__version__}, LLVM {llvm_version})"


class _VersionAction(argparse.Action):
    """``--version``, computed only when asked (it loads LLVM)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(_version())
        parser.exit()


# -W options, as Wasmtime's CLI names them -> Config property
WASM_OPTIONS = {"relaxed-simd": "wasm_relaxed_simd",
                "relaxed-simd-deterministic": "wasm_relaxed_simd_deterministic",
                "nan-canonicalization": "cranelift_nan_canonicalization",
                "extended-const": "wasm_extended_const",
                "multi-memory": "wasm_multi_memory",
                "memory64": "wasm_memory64",
                "custom-page-sizes": "wasm_custom_page_sizes",
                "exceptions": "wasm_exceptions",
                "tail-call": "wasm_tail_call",
                "function-references": "wasm_function_references",
                "gc": "wasm_gc",
                # not a Config property: how `run` links (launch.LINK_OPTIONS)
                "unknown-imports-trap": "unknown_imports_trap"}


def _wasm_option(text: str) -> tuple[str, bool]:
    """``-W NAME[=y|n]`` -> (Config property, value); NAME alone is y."""
    name, eq, value = text.partition("=")
    if name not in WASM_OPTIONS:
        raise argparse.ArgumentTypeError(
            f"unknown -W option {name!r} (known: {', '.join(WASM_OPTIONS)})")
    flags = {"y": True, "yes": True, "true": True, "n": False, "no": False, "false": False}
    if eq and value not in flags:
        raise argparse.ArgumentTypeError(f"-W {name}: expected y or n, got {value!r}")
    return WASM_OPTIONS[name], flags[value] if eq else True


def _add_wasm_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-W", dest="wasm", metavar="NAME[=y|n]", type=_wasm_option,
                   action="append", default=[],
                   help="turn a WebAssembly feature on or off, as wasmtime's -W does:"
                        " relaxed-simd (default y), relaxed-simd-deterministic (default n),"
                        " nan-canonicalization (default n),"
                        " extended-const (default y), multi-memory (default y), memory64"
                        " (default y), custom-page-sizes (default n), exceptions (default y),"
                        " tail-call (default y),"
                        " function-references (default y), gc (default y);"
                        " for run: unknown-imports-trap (default n: an import nothing"
                        " provides is an error; y: a function that traps when called)")


def _add_strategy(p: argparse.ArgumentParser) -> None:
    p.add_argument("--strategy", choices=STRATEGIES, metavar="{" + ",".join(STRATEGIES) + "}",
                   help="how wasm code runs: auto (the default), interpreter, llvm (all code"
                        " compiled before it runs) or cranelift (Wasmtime's name for"
                        " compiled code)")


def _add_run(sub) -> None:
    p = sub.add_parser(
        "run", help="run a WebAssembly module (.wasm, .wat or .cwasm), with WASI",
        usage="wasmlite run [options] FILE [ARGS ...]",
        description="Run a module with WASI preview 1, as `wasmtime run` does. Without"
                    " --invoke it calls _start; with --invoke it calls that export with ARGS"
                    " and prints its results. Options go before FILE: everything after FILE"
                    " is ARGS.")
    p.add_argument("--invoke", metavar="NAME",
                   help="call this export with ARGS and print its results, one per line;"
                        " for a component, a call in WAVE: 'name(arg, ...)' or"
                        " 'interface.name(...)' (ARGS are then the program's arguments)")
    p.add_argument("--dir", metavar="HOST[::GUEST]", action="append", default=[],
                   help="give the program the host directory HOST, seen as GUEST (repeatable)")
    p.add_argument("--env", metavar="KEY[=VALUE]", action="append", default=[],
                   help="set an environment variable; KEY alone passes the host's value"
                        " (repeatable)")
    p.add_argument("--fuel", metavar="N", type=_fuel,
                   help="give the program N units of fuel; running out is a trap")
    p.add_argument("--opt-level", choices=OPT_LEVELS,
                   help="LLVM optimization of compiled code: none is the cheap tier"
                        " (default: speed)")
    _add_strategy(p)
    _add_wasm_options(p)
    p.add_argument("--no-cache", action="store_true",
                   help="do not use the on-disk cache of compiled code"
                        " ($XDG_CACHE_HOME/wasmlite, used by default)")
    p.add_argument("--allow-precompiled", action="store_true",
                   help="accept a .cwasm from `wasmlite compile` (native code: trust it first)")
    # one REMAINDER positional: argparse would call a second one (ARGS)
    # required when FILE is missing; split into FILE and ARGS in _cmd_run
    p.add_argument("file", metavar="FILE [ARGS ...]", nargs=argparse.REMAINDER,
                   help="the module (.wasm, .wat or .cwasm), then the program's arguments"
                        " (with --invoke: the function's arguments)")
    p.set_defaults(handler=_cmd_run, subject="file", parser=p)


def _add_compile(sub) -> None:
    p = sub.add_parser("compile", help="compile a module to native code (.cwasm) ahead of time",
                       description="Compile a module to a .cwasm file: native code for this"
                                   " machine, this wasmlite and this LLVM.")
    p.add_argument("input", metavar="FILE", help="the module: .wasm or .wat")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="where to write the .cwasm (default: FILE with the extension .cwasm)")
    p.add_argument("--opt-level", choices=OPT_LEVELS, default="speed",
                   help="LLVM optimization (default: speed)")
    p.add_argument("--fuel", action="store_true",
                   help="compile with fuel checks (needed by `run --fuel`)")
    p.add_argument("--epoch-interruption", action="store_true",
                   help="compile with epoch deadline checks")
    _add_wasm_options(p)
    p.set_defaults(handler=_cmd_compile, subject="input")


def _add_wast(sub) -> None:
    p = sub.add_parser("wast", help="run .wast spec scripts",
                       description="Run .wast scripts: a line per file, why each failing"
                                   " check failed, and the total.")
    p.add_argument("files", metavar="FILE", nargs="+", help="a .wast script")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="list every failure in full (default: the first few, one line each)")
    choices = (*STRATEGIES, "auto-early")
    p.add_argument("--strategy", choices=choices, metavar="{" + ",".join(choices) + "}",
                   help="how wasm code runs: as `run --strategy`, or auto-early (tiered,"
                        " every function compiled at its first count: what the test suite"
                        " runs as its third strategy)")
    _add_wasm_options(p)
    p.set_defaults(handler=_cmd_wast, subject=None)


def _add_wat2wasm(sub) -> None:
    p = sub.add_parser("wat2wasm", help="translate the text format to a binary module",
                       description="Translate a .wat file (a module, or a component of"
                                   " the component model) to a .wasm binary (validated"
                                   " unless --no-check).")
    p.add_argument("input", metavar="FILE", help="the text module (.wat)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="where to write the binary (default: FILE with the extension .wasm)")
    p.add_argument("--no-check", action="store_true", help="do not validate the module")
    p.set_defaults(handler=_cmd_wat2wasm, subject="input")


_COMMANDS = {"run": _add_run, "compile": _add_compile, "wast": _add_wast,
             "wat2wasm": _add_wat2wasm}


def build_parser(command: Optional[str] = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command`` (one of _COMMANDS), only
    that subcommand's. Every parser argparse makes asks gettext for its
    help texts, and the first ask imports locale: the whole tree cost each
    ``wasmlite run`` ~10 ms of its start, one subcommand ~4 ms. Its help,
    usage and errors read the same either way (``prog`` is "wasmlite
    run")."""
    parser = argparse.ArgumentParser(
        prog="wasmlite",
        description="A WebAssembly runtime that compiles wasm to native code through LLVM.")
    parser.add_argument("--version", action=_VersionAction,
                        help="print the versions of wasmlite, llvmlite and LLVM, and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, add in _COMMANDS.items():
        if command is None or name == command:
            add(sub)
    return parser


# ------------------------------------------------------------------ errors

_POSITION = re.compile(r"\d+:\d+: ")


def _one_line(message: str) -> str:
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def _about(subject: Optional[str], message: str) -> str:
    """``message`` named after the file it is about: ``FILE:LINE:COL: ...``
    for a text position, ``FILE: ...`` otherwise."""
    message = _one_line(message)
    if not subject or message.startswith(subject):
        return message
    if _POSITION.match(message):
        return f"{subject}:{message}"
    return f"{subject}: {message}"


def _os_error(e: OSError) -> str:
    reason = e.strerror or str(e)
    return f"{e.filename}: {reason}" if e.filename else reason


def _report(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _announce_interrupt() -> None:
    """Print the Ctrl-C line, unless the watchdog already does (and exits)."""
    if not _watchdog or _exit_claim.acquire(blocking=False):
        print(_INTERRUPTED_LINE, file=sys.stderr)
    else:
        time.sleep(60)                      # the watchdog's os._exit ends this


def main(argv: Optional[list[str]] = None) -> int:
    """The command line; returns the exit status (see the table above)."""
    global _interrupted
    _interrupted = False
    subject = None
    try:
        words = sys.argv[1:] if argv is None else argv
        # a subcommand first: only its parser (anything else: the whole tree,
        # for the top level's help and errors)
        first = words[0] if words else None
        args = build_parser(first if first in _COMMANDS else None).parse_args(words)
        if args.handler is _cmd_run:
            _split_run_args(args)
        subject = getattr(args, args.subject) if args.subject else None
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except KeyboardInterrupt:
        _interrupted = True
        _announce_interrupt()
        return INTERRUPTED
    except OptionError as e:
        _report(_one_line(str(e)))
    except WasmtimeError as e:
        _report(_about(subject, str(e)))
    except BrokenPipeError:
        return BROKEN_PIPE
    except OSError as e:
        _report(_os_error(e))
    except RecursionError:
        _report(_about(subject, "input nested too deeply"))
    except MemoryError:
        _report(_about(subject, "out of memory"))
    except Exception as e:  # noqa: BLE001 -- a bug, reported in one line
        if os.environ.get("WASMLITE_TRACEBACK"):
            raise
        _report(f"internal error: {type(e).__name__}: {_one_line(str(e))} (a wasmlite bug;"
                " WASMLITE_TRACEBACK=1 shows where)")
        return INTERNAL_ERROR
    return 1


def _watch_ctrl_c() -> None:
    """Make Ctrl-C end the command at once even while the main thread is
    inside one long native call (LLVM building code), where Python raises
    KeyboardInterrupt only when the call returns. Python's signal handler
    also writes the signal's number to a wakeup fd; a thread reading it
    gives the main thread ``_CTRL_C_GRACE_SECONDS`` to stop by itself, then
    prints the line and exits. Only for the command: it needs the main
    thread and owns the process's exit."""
    global _watchdog
    rfd, wfd = os.pipe()
    os.set_blocking(wfd, False)
    try:
        signal.set_wakeup_fd(wfd, warn_on_full_buffer=False)
    except (ValueError, OSError):
        os.close(rfd)
        os.close(wfd)
        return
    _watchdog = True

    def watch() -> None:
        while True:
            data = os.read(rfd, 64)
            if not data:
                return
            if signal.SIGINT in data:
                time.sleep(_CTRL_C_GRACE_SECONDS)
                if _exit_claim.acquire(blocking=False):
                    os.write(2, (_INTERRUPTED_LINE + "\n").encode())
                    os._exit(INTERRUPTED)
    threading.Thread(target=watch, name="wasmlite-ctrl-c", daemon=True).start()


def console_main() -> None:
    """The ``wasmlite`` executable and ``python -m wasmlite``: ``main``,
    then exit at once (``os._exit``, once stdout and stderr are flushed):
    what a command writes is written by the time ``main`` returns, and the
    normal exit would first wait for background work nobody will use: a
    tier-up batch LLVM is compiling (seconds at -O2), compile workers
    finishing their part, Python freeing every object of a big module."""
    global _interrupted
    _watch_ctrl_c()
    from . import launch
    launch.own_process = True
    try:
        status = main()
    except KeyboardInterrupt:             # in the instant before main's handler
        _interrupted = True
        _announce_interrupt()
        status = INTERRUPTED
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        status = BROKEN_PIPE if status == 0 else status
    os._exit(status)
