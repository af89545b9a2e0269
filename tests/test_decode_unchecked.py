"""Bytes a cache entry vouches for are decoded without the body scan
(module.py, ``decode_module(unchecked_bodies=True)``): each body is read
when first asked for. For every module of the 3.0 suite that decodes, the
bodies read that way are the ones the checked decode gives."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from conftest import SPEC_ROOT
from wasmlite.binary.decode import decode_module
from wasmlite.binary.encode import encode_module
from wasmlite.errors import WasmtimeError
from wasmlite.text.parse import parse_module
from wasmlite.text.script import ModuleCmd, parse_script

SPEC_3_0 = SPEC_ROOT / "wasm-3.0"


@lru_cache(maxsize=None)
def _binaries(path: Path) -> list[tuple[int, bytes]]:
    out = []
    for cmd in parse_script(path.read_text(), str(path)):
        if not isinstance(cmd, ModuleCmd) or getattr(cmd, "component", False):
            continue
        try:
            if cmd.kind == "binary":
                out.append((cmd.line, bytes(cmd.source)))
            else:
                module = cmd.module if cmd.kind == "text" else parse_module(cmd.source)
                out.append((cmd.line, encode_module(module)))
        except (WasmtimeError, TypeError, ValueError, AttributeError):
            continue
    return out


def _bodies(module) -> list:
    return [(f.type_idx, list(f.locals), [(i.op, i.imm, i.offset) for i in f.body])
            for f in module.funcs]


@pytest.mark.skipif(not SPEC_3_0.is_dir(), reason="the 3.0 spec suite is not there")
@pytest.mark.parametrize("path", sorted(SPEC_3_0.glob("*.wast")), ids=lambda p: p.stem)
def test_unchecked_bodies_read_as_the_checked_decode_gives(path: Path) -> None:
    compared = 0
    for line, wasm in _binaries(path):
        try:
            checked = decode_module(wasm)
        except WasmtimeError:
            continue                    # malformed: never vouched for
        unchecked = decode_module(wasm, unchecked_bodies=True)
        assert _bodies(unchecked) == _bodies(checked), (path.name, line)
        assert unchecked.datas == checked.datas and unchecked.exports == checked.exports
        compared += 1
    # (a script of only malformed or component modules compares none)
    assert compared or not _binaries(path) or path.stem.startswith(("binary", "custom"))
