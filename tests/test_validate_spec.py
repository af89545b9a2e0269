"""The validator against the official 2.0 suite, through the project's own
script reader, text parser and binary decoder.

For every .wast file: every ``assert_invalid`` module must raise InvalidError
whose message contains the expected text, and every top-level module command
must validate. Suite totals (2.0): 2146 assert_invalid, 1599 modules.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from conftest import needs_spec, spec_files
from wasmlite.binary.decode import decode_module
from wasmlite.errors import InvalidError
from wasmlite.syntax.module import Module
from wasmlite.text.parse import parse_module
from wasmlite.text.script import AssertInvalid, ModuleCmd, parse_script
from wasmlite.valid.validate import validate_module


@lru_cache(maxsize=None)
def _commands(path: Path) -> list:
    return parse_script(path.read_text(), str(path))


def _build(cmd: ModuleCmd) -> Module:
    if cmd.kind == "text":
        return cmd.module
    if cmd.kind == "binary":
        return decode_module(cmd.source, _DISABLED)
    return parse_module(cmd.source)          # "quote"


# 2.0's rules: extended constant expressions (3.0) make valid what the 2.0
# suite asserts invalid (global.get of a defined global), so they are off
_DISABLED = frozenset({"extended_const", "const_defined_globals", "multi_memory", "memory64",
                       "exceptions", "legacy_exceptions", "gc"})


@pytest.mark.parametrize("path", spec_files(), ids=lambda p: p.stem)
def test_spec_validation(path: Path) -> None:
    failures = []
    for cmd in _commands(path):
        if isinstance(cmd, AssertInvalid):
            module = _build(cmd.module)
            try:
                validate_module(module, _DISABLED)
                failures.append((cmd.line, "accepted", cmd.message))
            except InvalidError as e:
                if cmd.message not in str(e):
                    failures.append((cmd.line, "wrong message",
                                     f"{cmd.message!r} not in {str(e)!r}"))
        elif isinstance(cmd, ModuleCmd):
            try:
                validate_module(_build(cmd), _DISABLED)
            except InvalidError as e:
                failures.append((cmd.line, "rejected a valid module", str(e)))
    assert not failures, "\n".join(map(repr, failures[:10]))


@needs_spec
def test_spec_suite_totals() -> None:
    """Guards against the test silently checking less than the suite."""
    n_invalid = n_modules = 0
    for path in spec_files():
        for cmd in _commands(path):
            n_invalid += isinstance(cmd, AssertInvalid)
            n_modules += isinstance(cmd, ModuleCmd)
    assert n_invalid == 2146
    assert n_modules >= 1599
