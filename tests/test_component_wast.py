"""Components in .wast scripts: ``(component ...)`` wherever a script has a
module, decided by decoding and validation (binary/component_decode.py,
valid/component.py) and handed to the executor's
``instantiate_component(bytes)`` when it has one.

tests/components/text/components.wast is accepted as a whole by wasm-tools
wast (tests/components/text/build.sh checks it).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from wasmlite.errors import TextParseError
from wasmlite.script.run import run_file
from wasmlite.text.component_parse import parse_component
from wasmlite.syntax.types import F32
from wasmlite.text.script import (ComponentCmd, ComponentInstance, ComponentValue, Const,
                                  parse_script)

SCRIPT = Path(__file__).parent / "components" / "text" / "components.wast"


def test_front_end_alone_decides_every_check_but_instantiation() -> None:
    out = run_file(SCRIPT, None)
    assert out.failures == []
    # (component instance $d $D) needs an executor
    assert (out.passed, out.failed, out.skipped) == (11, 0, 1)


class _Recorder:
    """An executor whose components are the bytes it was given."""

    def __init__(self) -> None:
        self.given: list[bytes] = []

    def instantiate_component(self, data: bytes) -> object:
        self.given.append(data)
        return ("instance", len(self.given))


def test_components_are_handed_to_instantiate_component() -> None:
    recorder = _Recorder()
    out = run_file(SCRIPT, lambda: recorder)
    assert out.failures == []
    assert (out.passed, out.failed, out.skipped) == (12, 0, 0)
    text = SCRIPT.read_text()
    first = text[text.index("(component $C"):text.index("(component definition")]
    definition = '(component $D (import "f" (func)))'
    # $C, then $D's bytes for (component instance $d $D) (a definition is
    # not instantiated), the binary one, the quoted one
    assert recorder.given[0] == parse_component(first)
    assert recorder.given[1][:8] == b"\x00asm\x0d\x00\x01\x00"
    assert recorder.given[1] == parse_component(definition)
    assert recorder.given[2] == b"\x00asm\x0d\x00\x01\x00"
    assert recorder.given[3] == parse_component('(component (type u8)(export "t" (type 0)))')
    assert len(recorder.given) == 4


def test_an_executor_without_components_skips_them() -> None:
    out = run_file(SCRIPT, object)
    assert out.failures == []
    # $C, the instance, the binary and the quoted component
    assert (out.passed, out.failed, out.skipped) == (8, 0, 4)


@pytest.mark.parametrize("script, failure", [
    ('(assert_invalid (component (type u8)) "x")',
     "expected InvalidError 'x', module accepted"),
    ('(assert_malformed (component (type u8)) "x")',
     "expected MalformedError 'x', module accepted"),
    ('(assert_malformed (component quote "(type (lisst u8))") "wrong words")',
     "MalformedError '1:19: unexpected token lisst', expected 'wrong words'"),
    ('(component (type u8) (type (own 0)))',
     "unexpected InvalidError: type index 0 is not a resource type"),
])
def test_component_checks_can_fail(tmp_path: Path, script: str, failure: str) -> None:
    path = tmp_path / "t.wast"
    path.write_text(script)
    out = run_file(path, None)
    assert out.failed == 1
    assert failure in out.failures[0]


def test_script_commands_for_components() -> None:
    cmds = parse_script(
        '(component definition $D (type u8))\n'
        '(component instance $i $D)\n'
        '(assert_malformed (component (type (lisst u8))) "unexpected token")\n'
        '(assert_return (invoke $i "f" (u8.const 255) (s64.const -9223372036854775808)\n'
        '  (str.const "hi") (char.const "\\u{1f600}") (bool.const false)\n'
        '  (list.const (u32.const 1) (f32.const 1.5))\n'
        '  (record.const (field "a" enum.const "e") (field "b" f32.const 2))\n'
        '  (variant.const "v") (variant.const "w" (option.none))\n'
        '  (option.some (tuple.const (s8.const -1))) (result.ok) (result.err (flags.const "x" "y")))\n'
        '  (u32.const 7))\n')
    d, inst, malformed, ret = cmds
    assert isinstance(d, ComponentCmd) and d.definition and d.id == "$D" and d.kind == "text"
    assert d.binary == parse_component("(component $D (type u8))")
    assert inst == ComponentInstance(2, "$i", "$D")
    # text that does not parse is kept for the runner, which reports it
    assert malformed.module.kind == "quote"
    assert malformed.module.source == "(component (type (lisst u8)))"
    V = ComponentValue
    args = ret.action.args
    assert args[:5] == [V("u8", 255), V("s64", -(1 << 63)), V("string", "hi"),
                        V("char", "\U0001f600"), V("bool", False)]
    assert args[5].kind == "list" and args[5].value[0] == V("u32", 1)
    assert args[6:] == [V("record", [("a", V("enum", "e")), ("b", Const(F32, 0x40000000))]),
                        V("variant", ("v", None)),
                        V("variant", ("w", V("option", None))),
                        V("option", V("tuple", [V("s8", -1)])), V("result", ("ok", None)),
                        V("result", ("err", V("flags", ["x", "y"])))]
    assert ret.expected == [V("u32", 7)]


@pytest.mark.parametrize("script, message", [
    ('(invoke "f" (u8.const 256))', "1:23: constant out of range"),
    ('(invoke "f" (s8.const -129))', "1:23: constant out of range"),
    ('(invoke "f" (char.const "ab"))', "1:25: a char.const is one character"),
    ('(invoke "f" (bool.const 1))', "1:25: unexpected token 1"),
    ('\n(component (type (list $t)))', "2:24: unknown type $t"),
    # a field's value has no parentheses in Wasmtime's scripts
    ('(invoke "f" (record.const (field "a" (u32.const 1))))',
     "1:38: expected a [type].const expression"),
    ('(invoke "f" (record.const (field "a" i32.const 1)))',
     "1:38: expected a [type].const expression"),
])
def test_script_errors_for_components(script: str, message: str) -> None:
    with pytest.raises(TextParseError) as info:
        parse_script(script)
    assert str(info.value) == message


def test_checks_on_a_component_not_instantiated_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "t.wast"
    path.write_text('(component $c (type u8))\n'
                    '(assert_return (invoke "f" (u32.const 1)) (u32.const 2))\n'
                    '(assert_return (invoke $c "f"))\n'
                    '(component definition $d (type u8))\n'
                    '(component instance $e $d)\n'
                    '(invoke $e "g")\n')
    out = run_file(path, object)
    assert out.failures == []
    assert (out.passed, out.failed, out.skipped) == (1, 0, 5)
