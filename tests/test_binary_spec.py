"""The binary decoder and encoder against the official 2.0 spec suite.

Every ``(module binary ...)`` of the suite is extracted with a tiny
s-expression reader (kept here so these tests do not depend on the text
parser): those under ``assert_malformed`` must fail with the spec's message,
all others must decode, and all must survive an encode/decode round trip.
The suite's text modules, compiled by wasmtime's wat2wasm, must re-encode to
the exact same bytes.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from conftest import needs_spec, spec_files
from wasmlite.binary.decode import decode_module

# the 2.0 suite's binary rules: zero bytes where 3.0 has memory indices,
# limits flags as a varuint1, no exception handling (its opcodes, the tag
# section and import kind 4 are malformed)
_V2 = frozenset({"multi_memory", "memory64", "exceptions", "legacy_exceptions"})
from wasmlite.binary.encode import encode_module
from wasmlite.errors import MalformedError

# ------------------------------------------------------------- wast reading

_TOKEN = re.compile(r';;[^\n]*|\(|\)|"(?:[^"\\]|\\.)*"|[^\s()";]+|\s+', re.S)


class _SList(list):
    """A parenthesized form, remembering its span in the source."""
    start = end = 0


def read_sexprs(text: str) -> list:
    stack = [_SList()]
    i, n = 0, len(text)
    while i < n:
        if text.startswith("(;", i):                 # nested block comment
            depth, i = 1, i + 2
            while depth:
                if text.startswith("(;", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith(";)", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
            continue
        m = _TOKEN.match(text, i)
        tok, i = m.group(0), m.end()
        if tok == "(":
            form = _SList()
            form.start = i - 1
            stack.append(form)
        elif tok == ")":
            form = stack.pop()
            form.end = i
            stack[-1].append(form)
        elif not (tok[0].isspace() or tok.startswith(";;")):
            stack[-1].append(tok)
    return stack[0]


_ESCAPES = {"n": 10, "t": 9, "r": 13, '"': 34, "'": 39, "\\": 92}


def string_bytes(tok: str) -> bytes:
    """The bytes of a wast string literal."""
    s, out, i = tok[1:-1], bytearray(), 0
    while i < len(s):
        if s[i] != "\\":
            j = s.find("\\", i)
            j = len(s) if j < 0 else j
            out += s[i:j].encode()
            i = j
        elif s[i + 1] in _ESCAPES:
            out.append(_ESCAPES[s[i + 1]])
            i += 2
        elif s[i + 1] == "u":
            j = s.index("}", i)
            out += chr(int(s[i + 3:j], 16)).encode()
            i = j + 1
        else:
            out.append(int(s[i + 1:i + 3], 16))
            i += 3
    return bytes(out)


def _module_parts(form: list) -> list:
    rest = form[1:]
    if rest and isinstance(rest[0], str) and rest[0].startswith("$"):
        rest = rest[1:]
    return rest


def _binary_of(form) -> bytes | None:
    if not (isinstance(form, list) and form and form[0] == "module"):
        return None
    rest = _module_parts(form)
    if rest and rest[0] == "binary":
        return b"".join(string_bytes(t) for t in rest[1:])
    return None


@lru_cache(maxsize=None)
def wast_binary_modules(path) -> list[tuple[str | None, bytes]]:
    """(expected malformed message or None, bytes) per binary module."""
    found = []
    for form in read_sexprs(path.read_text()):
        if not isinstance(form, list) or not form:
            continue
        if form[0] == "assert_malformed":
            b = _binary_of(form[1])
            if b is not None:
                found.append((string_bytes(form[2]).decode(), b))
            continue
        b = _binary_of(form)
        if b is not None:
            found.append((None, b))
        for sub in form[1:]:      # assert_invalid / assert_unlinkable ...
            b = _binary_of(sub)
            if b is not None:
                found.append((None, b))
    return found


@lru_cache(maxsize=None)
def wast_text_modules(path) -> list[str]:
    text = path.read_text()
    out = []
    for form in read_sexprs(text):
        if isinstance(form, list) and form and form[0] == "module":
            rest = _module_parts(form)
            if not (rest and rest[0] in ("binary", "quote")):
                out.append(text[form.start:form.end])
    return out


FILES = spec_files()
BINARY_FILES = [p for p in FILES if wast_binary_modules(p)]


def _normalized(m):
    """Drop what legitimately changes when bytes are re-encoded minimally:
    function offsets and where customs sat relative to omitted sections."""
    for f in m.funcs:
        f.offset = 0
    for c in m.customs:
        c.after = 0
    return m


# -------------------------------------------------------------------- tests

@needs_spec
def test_extractor_finds_the_suite():
    total = sum(len(wast_binary_modules(p)) for p in FILES)
    malformed = sum(1 for p in FILES for e, _ in wast_binary_modules(p) if e)
    assert total > 750 and malformed > 650


@pytest.mark.parametrize("path", BINARY_FILES, ids=[p.stem for p in BINARY_FILES])
def test_spec_binary_modules(path):
    failures = []
    for expected, data in wast_binary_modules(path):
        try:
            decode_module(data, _V2)
            got = None
        except MalformedError as e:
            got = str(e)
        if expected is None and got is not None:
            failures.append(f"should decode: {data[:40]!r}...: {got}")
        elif expected is not None and (got is None or expected not in got):
            failures.append(f"expected {expected!r}, got {got!r}: {data[:40]!r}")
    assert not failures, "\n".join(failures[:20])


@pytest.mark.parametrize("path", BINARY_FILES, ids=[p.stem for p in BINARY_FILES])
def test_spec_binary_round_trip(path):
    for expected, data in wast_binary_modules(path):
        if expected is not None:
            continue
        m = decode_module(data)
        encoded = encode_module(m)
        again = decode_module(encoded)
        assert encode_module(again) == encoded     # canonical: a fixed point
        assert _normalized(again) == _normalized(m)


@needs_spec
def test_wat2wasm_output_round_trips_byte_exact():
    wasmtime = pytest.importorskip("wasmtime")
    checked = 0
    for path in FILES:
        for src in wast_text_modules(path):
            try:
                data = wasmtime.wat2wasm(src)
            except Exception:
                continue         # a module wasmtime's text parser rejects
            m = decode_module(data, _V2)
            assert encode_module(m) == data, f"{path.name}: {src[:80]}"
            checked += 1
    assert checked > 1400
