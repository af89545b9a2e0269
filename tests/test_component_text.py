"""The component text format: parse_component against wasm-tools parse.

tests/components/text/*.wat are small components covering the text format's
constructs, each with the binary wasm-tools parse writes for it (NAME.wasm);
wasi/*.wat are wasm-tools print of two of the WASI components of
tests/components/ with wasm-tools parse of that text (rebuild all:
tests/components/text/build.sh).

The bytes are compared with the custom sections left out, at every level:
the nested core modules' "name" sections come from wasm-tools only (the
core encoder writes none from text), and so do the custom sections of
annotations like (@producers ...), which the lexer drops. The
component-name sections are compared on their own for the small texts,
whose identifiers wasm-tools names exactly as written.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from wasmlite.binary.leb128 import read_unsigned, write_unsigned
from wasmlite.errors import TextParseError
from wasmlite.text.component_parse import parse_component

HERE = Path(__file__).parent / "components" / "text"
SMALL = sorted(HERE.glob("*.wat"))
WASI = sorted((HERE / "wasi").glob("*.wat"))
COMPONENT_LAYER = b"\x0d\x00\x01\x00"


def sections(data: bytes):
    """(id, payload) of each section of a module or component binary."""
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = read_unsigned(data, pos + 1, 32)
        yield sid, data[pos:pos + size]
        pos += size


def without_customs(data: bytes) -> bytes:
    """The binary with every custom section removed, also inside nested
    modules and components."""
    out = bytearray(data[:8])
    for sid, body in sections(data):
        if sid == 0:
            continue
        if data[4:8] == COMPONENT_LAYER and sid in (1, 4):
            body = without_customs(body)
        out += bytes((sid,)) + write_unsigned(len(body)) + body
    return bytes(out)


def component_names(data: bytes, path: str = "") -> list:
    """The component-name sections of a component and of the components
    nested in it, with where each one is."""
    found = []
    n = 0
    for sid, body in sections(data):
        if sid == 0 and body.startswith(b"\x0ecomponent-name"):
            found.append((path, body))
        elif sid == 4:
            found += component_names(body, f"{path}/{n}")
            n += 1
    return found


@pytest.mark.parametrize("wat", SMALL, ids=lambda p: p.stem)
def test_small_components_match_wasm_tools(wat: Path) -> None:
    expected = wat.with_suffix(".wasm").read_bytes()
    got = parse_component(wat.read_text(), wat.name)
    assert got[:8] == b"\x00asm" + COMPONENT_LAYER
    assert without_customs(got) == without_customs(expected)
    assert component_names(got) == component_names(expected)


@pytest.mark.parametrize("wat", WASI, ids=lambda p: p.stem)
def test_printed_wasi_components_match_wasm_tools(wat: Path) -> None:
    expected = wat.with_suffix(".wasm").read_bytes()
    got = parse_component(wat.read_text(), wat.name)
    assert without_customs(got) == without_customs(expected)


def test_the_oracles_cover_the_constructs() -> None:
    """Every construct the parser knows appears in some committed text (so
    the oracle comparison above exercises it)."""
    text = "\n".join(p.read_text() for p in SMALL)
    for construct in ["(core module", "(core instance", "(instantiate", "(with",
                      "(canon lift", "(canon lower", "resource.new", "resource.drop",
                      "resource.rep", "(alias export", "(alias core export", "(alias outer",
                      "(record", "(variant", "(enum", "(flags", "(option", "(result",
                      "(tuple", "(list", "(own", "(borrow", "(resource (rep i32) (dtor",
                      "(type $it (instance", "(type $ct (component", "(core type", "(core rec",
                      "(start", "(import", "(export", "(sub resource)", "(eq",
                      "string-encoding=utf16", "string-encoding=latin1+utf16",
                      "(post-return", "(realloc", "(memory", "@0.2.0", "(stream", "(future",
                      "error-context", "(value", "(import \"i\")", "(export \"u\")"]:
        assert construct in text, construct


@pytest.mark.parametrize("text, message", [
    ("(module)", "1:2: expected (component ...)"),
    ("(component) (component)", "1:13: unexpected token after the component"),
    ("(component (type (list $t)))", "1:24: unknown type $t"),
    ("(component (type $t u8)\n (type $t u8))", "2:8: duplicate type $t"),
    ("(component (type (lisst u8)))", "1:19: unexpected token lisst"),
    ("(component (export \"a\" (func $f)))", "1:30: unknown func $f"),
    ("(component (func (alias export $i \"x\")))", "1:32: unknown instance $i"),
    ("(component (alias outer 3 $t (type)))", "1:25: outer count of 3 is too large"),
    # (two numbers are written as they are: the validator judges them)
    ("(component (alias outer $nope 0 (type)))", "1:25: outer component $nope not found"),
    ("(component (core func (canon lower (func 0) (memory $m))))",
     "1:53: unknown core memory $m"),
    # a name of an enclosing scope that no outer alias can reach
    ("(component (import \"f\" (func $f)) (component (export \"g\" (func $f))))",
     "1:64: unknown func $f"),
    ("(component (core module (func (result i32) i32.const)))", "1:53: unexpected token )"),
    ("(component (import \"\\ff\" (func)))", "1:20: malformed UTF-8 encoding"),
    ("(component (type u32 u32))", "1:22: unexpected token u32"),
    ("(component (type (record (field \"a\"))))", "1:36: unexpected token )"),
    ("(component", "1:1: unexpected end: unclosed '('"),
])
def test_errors_name_the_place(text: str, message: str) -> None:
    with pytest.raises(TextParseError) as info:
        parse_component(text)
    assert str(info.value) == message


def test_errors_carry_the_file_name() -> None:
    with pytest.raises(TextParseError, match=r"^c\.wat:1:24: unknown type \$t$"):
        parse_component("(component (type (list $t)))", "c.wat")


_TOKEN = re.compile(r'\(|\)|"(?:[^"\\]|\\.)*"|[^\s()"]+')
_WORDS = ["(", ")", "$x", "0", "7", '"a"', "func", "core", "type", "export", "import",
          "alias", "outer", "instance", "with", "u32", "list", "record", "module", "canon",
          "lift", "lower", "(core", "(func", "(type", "(memory", '(export "x")', "sub",
          "resource", "eq", "4294967296", "component", "(instance", "(with"]


def test_mangled_texts_raise_only_text_errors() -> None:
    """Deleting, inserting and replacing tokens of the committed texts gives
    either a component or a TextParseError, never another exception."""
    rnd = random.Random(15)
    texts = [re.sub(r";;[^\n]*", "", p.read_text()) for p in SMALL]
    parsed = 0
    for _ in range(400):
        toks = _TOKEN.findall(rnd.choice(texts))
        for _ in range(rnd.randint(1, 3)):
            k = rnd.randrange(len(toks))
            op = rnd.random()
            if op < 0.35:
                del toks[k]
            elif op < 0.7:
                toks.insert(k, rnd.choice(_WORDS))
            elif op < 0.9:
                toks[k] = rnd.choice(_WORDS)
            else:
                toks = toks[:max(k, 1)]
        try:
            parse_component(" ".join(toks))
            parsed += 1
        except TextParseError:
            pass
    assert parsed < 400          # (the mutations do break texts)


def test_wat2wasm_translates_a_component(capsys, tmp_path: Path) -> None:
    from wasmlite.cli import main
    wat = HERE / "resources.wat"
    out = tmp_path / "r.wasm"
    assert main(["wat2wasm", str(wat), "-o", str(out)]) == 0
    assert out.read_bytes() == parse_component(wat.read_text())
    bad = tmp_path / "bad.wat"
    bad.write_text(";; a comment first\n(component\n (type (list $t)))")
    assert main(["wat2wasm", str(bad), "-o", str(out)]) == 1
    assert f"{bad}:3:14: unknown type $t" in capsys.readouterr().err
    invalid = tmp_path / "invalid.wat"
    invalid.write_text("(component (type u8) (type (own 0)))")
    assert main(["wat2wasm", str(invalid), "-o", str(out)]) == 1
    assert "not a resource type" in capsys.readouterr().err
    assert main(["wat2wasm", "--no-check", str(invalid), "-o", str(out)]) == 0


@pytest.mark.parametrize("text, is_component", [
    ("(component)", True), ("  ;; c\n (; a (; b ;) ;) ( component $c)", True),
    ("(module)", False), ("(componentx)", False), ("(func)", False), (";; only", False),
    ("(; unclosed", False),
])
def test_is_component_text(text: str, is_component: bool) -> None:
    from wasmlite.text.component_parse import is_component_text
    assert is_component_text(text) is is_component
