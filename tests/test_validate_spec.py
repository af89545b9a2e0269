"""The validator against the official 2.0 suite.

For every .wast file: every ``assert_invalid`` module must raise InvalidError
whose message contains the expected text, and every top-level ``(module ...)``
must validate. Modules go through the project's text parser and binary
decoder when those are available; until the text parser's script reader
exists, text modules are assembled with ``wasmtime.wat2wasm`` (a test-only
oracle) and decoded by the project's decoder.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import spec_files
from wasmlite.errors import InvalidError
from wasmlite.valid.validate import validate_module

wasmtime = pytest.importorskip("wasmtime")
from wasmlite.binary.decode import decode_module  # noqa: E402


# -- a minimal .wast splitter (top-level S-expressions) -------------------------

def _skip_block_comment(t: str, i: int) -> int:
    """Index after the (possibly nested) block comment opening at ``i``."""
    depth = 0
    n = len(t)
    while i < n:
        if t.startswith("(;", i):
            depth += 1
            i += 2
        elif t.startswith(";)", i):
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    return n


def _sexprs(t: str) -> list[str]:
    """Top-level parenthesized forms of ``t``, with comments blanked out."""
    out, n, i = [], len(t), 0
    depth, start = 0, 0
    buf: list[str] = []
    while i < n:
        if t.startswith("(;", i):
            i = _skip_block_comment(t, i)
            buf.append(" ")
            continue
        if t.startswith(";;", i):
            j = t.find("\n", i)
            i = n if j < 0 else j
            continue
        ch = t[i]
        if ch == '"':
            j = i + 1
            while t[j] != '"':
                j += 2 if t[j] == "\\" else 1
            buf.append(t[i:j + 1])
            i = j + 1
            continue
        if ch == "(":
            if depth == 0:
                buf = []
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                buf.append(ch)
                out.append("".join(buf))
                i += 1
                continue
        buf.append(ch)
        i += 1
    return out


_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _unescape(s: str) -> bytes:
    out = bytearray()
    i = 0
    simple = {"n": 10, "t": 9, "r": 13, '"': 34, "'": 39, "\\": 92}
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode()
            i += 1
        elif s[i + 1] in simple:
            out.append(simple[s[i + 1]])
            i += 2
        elif s[i + 1] == "u":
            j = s.index("}", i)
            out += chr(int(s[i + 3:j], 16)).encode()
            i = j + 1
        else:
            out.append(int(s[i + 1:i + 3], 16))
            i += 3
    return bytes(out)


def _module_bytes(text: str) -> bytes:
    head = re.match(r"\(module\s*(\$\S+\s*)?(binary|quote)?", text)
    kind = head.group(2)
    if kind == "binary":
        return b"".join(_unescape(s) for s in _STRING.findall(text[head.end():]))
    if kind == "quote":
        src = b"".join(_unescape(s) for s in _STRING.findall(text[head.end():]))
        return bytes(wasmtime.wat2wasm("(module " + src.decode() + ")"))
    return bytes(wasmtime.wat2wasm(text))


def _cases(path: Path):
    """(kind, module text, expected message) for the file's relevant commands."""
    for cmd in _sexprs(path.read_text()):
        if cmd.startswith("(assert_invalid"):
            inner = _sexprs(cmd[1:])[0]
            rest = cmd[cmd.index(inner) + len(inner):]
            expected = _STRING.findall(rest)[-1]
            yield "invalid", inner, expected
        elif re.match(r"\(module[\s)]", cmd):
            yield "valid", cmd, None


@pytest.mark.parametrize("path", spec_files(), ids=lambda p: p.stem)
def test_spec_validation(path: Path) -> None:
    failures = []
    for kind, text, expected in _cases(path):
        try:
            module = decode_module(_module_bytes(text))
        except Exception:
            # Not this test's subject: text the oracle assembler rejects, or
            # binaries meant to be malformed are checked by the decoder tests.
            if kind == "invalid":
                failures.append(("could not build", expected, text[:200]))
            continue
        try:
            validate_module(module)
            if kind == "invalid":
                failures.append(("accepted", expected, text[:200]))
        except InvalidError as e:
            if kind == "valid":
                failures.append(("rejected", str(e), text[:200]))
            elif expected not in str(e):
                failures.append(("wrong message", f"{expected!r} not in {str(e)!r}",
                                 text[:200]))
    assert not failures, "\n".join(map(repr, failures[:10]))
