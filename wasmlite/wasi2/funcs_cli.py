"""wasi:cli/{environment, exit, stdin, stdout, stderr, terminal-*}."""
from __future__ import annotations

import os
from typing import Optional

from ..errors import ExitTrap
from .resources import HostResource
from .results import is_ok
from .streams import StdinStream, StdioOutputStream


class TerminalInput(HostResource):
    """wasi:cli/terminal-input's ``terminal-input`` (no methods)."""
    __slots__ = ()


class TerminalOutput(HostResource):
    """wasi:cli/terminal-output's ``terminal-output`` (no methods)."""
    __slots__ = ()


def get_environment(ctx) -> list[tuple[str, str]]:
    """``get-environment: func() -> list<tuple<string, string>>``"""
    return [(k, v) for k, v in ctx.env]


def get_arguments(ctx) -> list[str]:
    """``get-arguments: func() -> list<string>``"""
    return list(ctx.args)


def initial_cwd(ctx) -> Optional[str]:
    """``initial-cwd: func() -> option<string>`` (none, as Wasmtime by default)"""
    return None


def _exit(ctx, code: int) -> None:
    ctx.exit_code = code
    raise ExitTrap(code)


def exit_program(ctx, status) -> None:
    """``exit: func(status: result)``: ends the program with status 0
    (ok) or 1 (err), raising preview 1's ExitTrap."""
    _exit(ctx, 0 if is_ok(status) else 1)


def exit_with_code(ctx, status_code: int) -> None:
    """``exit-with-code: func(status-code: u8)`` (unstable in 0.2)"""
    if not isinstance(status_code, int) or isinstance(status_code, bool) \
            or not 0 <= status_code <= 255:
        raise TypeError(f"status-code must be a u8, got {status_code!r}")
    _exit(ctx, status_code)


def get_stdin(ctx) -> StdinStream:
    """``get-stdin: func() -> input-stream``"""
    return StdinStream(ctx.stdin)


def get_stdout(ctx) -> StdioOutputStream:
    """``get-stdout: func() -> output-stream``"""
    return StdioOutputStream(ctx.stdout)


def get_stderr(ctx) -> StdioOutputStream:
    """``get-stderr: func() -> output-stream``"""
    return StdioOutputStream(ctx.stderr)


def _is_terminal(entry) -> bool:
    if entry.stdio.kind != "inherit" or entry.hostfd is None:
        return False
    try:
        return os.isatty(entry.hostfd)
    except OSError:
        return False


def get_terminal_stdin(ctx) -> Optional[TerminalInput]:
    """``get-terminal-stdin: func() -> option<terminal-input>``: some when
    stdin is inherited and a terminal"""
    return TerminalInput() if _is_terminal(ctx.stdin) else None


def get_terminal_stdout(ctx) -> Optional[TerminalOutput]:
    """``get-terminal-stdout: func() -> option<terminal-output>``"""
    return TerminalOutput() if _is_terminal(ctx.stdout) else None


def get_terminal_stderr(ctx) -> Optional[TerminalOutput]:
    """``get-terminal-stderr: func() -> option<terminal-output>``"""
    return TerminalOutput() if _is_terminal(ctx.stderr) else None


INTERFACES = {
    "wasi:cli/environment": {
        "get-environment": get_environment,
        "get-arguments": get_arguments,
        "initial-cwd": initial_cwd,
    },
    "wasi:cli/exit": {"exit": exit_program, "exit-with-code": exit_with_code},
    "wasi:cli/stdin": {"get-stdin": get_stdin},
    "wasi:cli/stdout": {"get-stdout": get_stdout},
    "wasi:cli/stderr": {"get-stderr": get_stderr},
    "wasi:cli/terminal-input": {},
    "wasi:cli/terminal-output": {},
    "wasi:cli/terminal-stdin": {"get-terminal-stdin": get_terminal_stdin},
    "wasi:cli/terminal-stdout": {"get-terminal-stdout": get_terminal_stdout},
    "wasi:cli/terminal-stderr": {"get-terminal-stderr": get_terminal_stderr},
}

USES = {
    "wasi:cli/stdin": ("input-stream",),
    "wasi:cli/stdout": ("output-stream",),
    "wasi:cli/stderr": ("output-stream",),
    "wasi:cli/terminal-stdin": ("terminal-input",),
    "wasi:cli/terminal-stdout": ("terminal-output",),
    "wasi:cli/terminal-stderr": ("terminal-output",),
}
