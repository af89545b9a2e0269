"""``wasmlite wast``: run .wast scripts and say why each failing check failed.

A line per script with its tally, then its failures, one line each
(``FILE:LINE: why``): the first ``BRIEF_FAILURES`` shortened to
``BRIEF_WIDTH`` characters, or all of them in full with ``-v``. The last line
is the total, ``N passed, N failed, N skipped``.
"""
from __future__ import annotations

import sys
from typing import Callable, Optional, Sequence, TextIO

from .errors import WasmtimeError
from .launch import OptionError

BRIEF_FAILURES = 10
BRIEF_WIDTH = 160


def brief(failure: str, width: int = BRIEF_WIDTH) -> str:
    """A failure on one line of at most ``width`` characters."""
    line = " ".join(failure.split())
    return line if len(line) <= width else line[:width - 3] + "..."


def executor_factory(strategy: Optional[str] = None) -> Optional[Callable]:
    """What runs the scripts' modules: the runner's executor, with the
    strategy an Engine gets from ``Config.strategy = strategy`` (which also
    decides which names exist); without one, Config's default (auto), as
    ``wasmlite run``."""
    from .script.run import default_executor_factory
    make_executor = default_executor_factory()
    if make_executor is None:
        return make_executor
    from .engine import Config, Engine

    if strategy == "auto-early":
        # the test suite's mode: tiered, with every function compiled at its
        # first count (what tests/test_spec*.py run as a third strategy)
        return lambda: make_executor(strategy="auto-early")
    config = Config()
    if strategy is None:
        strategy = "auto"               # Config's default (write-only there)
    try:
        config.strategy = strategy
    except WasmtimeError as e:
        raise OptionError(f"--strategy {strategy}: {e}") from None
    # the runtime's name for it ("cranelift" runs as "llvm")
    chosen = getattr(Engine(config)._rt, "strategy", strategy)

    return lambda: make_executor(strategy=chosen)


def _unreadable(path: str) -> Optional[str]:
    """Why ``path`` cannot be read as a script, in words (None: it can)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return e.strerror or str(e)
    if data[:4] == b"\0asm":
        return "a binary module, not a .wast script"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"not valid UTF-8 (at byte {e.start:#x})"
    return None


def run_scripts(paths: Sequence[str], verbose: bool = False, strategy: Optional[str] = None,
                out: Optional[TextIO] = None, disabled: frozenset = frozenset()) -> int:
    """Run each script; exit status 1 if any check failed. ``disabled``: the
    features validation rejects (``-W NAME=n``)."""
    from .script.run import Outcome, run_file
    out = out or sys.stdout
    factory = executor_factory(strategy)
    total = Outcome()
    for path in paths:
        reason = _unreadable(path)
        if reason is not None:
            result = Outcome(failed=1, failures=[f"{path}: {reason}"])
        else:
            result = run_file(path, factory, disabled)
        print(f"{path}: {result.summary()}", file=out)
        shown = result.failures if verbose else result.failures[:BRIEF_FAILURES]
        for failure in shown:
            print(f"  {failure if verbose else brief(failure)}", file=out)
        hidden = len(result.failures) - len(shown)
        if hidden:
            print(f"  ... and {hidden} more (-v lists them all)", file=out)
        total += result
    print(total.summary(), file=out)
    return 1 if total.failed else 0
