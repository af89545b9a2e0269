"""Wasm 3.0 text format and script pieces: quoted identifiers ``$"..."``,
annotations ``(@id ...)``, ``(module definition ...)`` / ``(module instance
...)`` and the 3.0 result patterns ``(ref.null)``, ``(ref.func N)``.

The 3.0 suite's id.wast, annotations.wast and instance.wast are the oracles
these follow (tests/test_spec3.py runs them); the cases here pin each rule
down on its own, with the wording the suite expects."""
from __future__ import annotations

import functools

import pytest

from wasmlite.errors import TextParseError
from wasmlite.script.execute import Executor
from wasmlite.script.run import run_file
from wasmlite.syntax.types import FUNCREF, I32
from wasmlite.text import script as S
from wasmlite.text.lexer import tokenize
from wasmlite.text.parse import parse_module


# ------------------------------------------------------------ quoted ids

def test_quoted_id_is_the_same_identifier_as_the_plain_one():
    toks = tokenize('$"a" $a $"\\41B" $"\\u{41}\\u{42}" $" x "')
    assert toks.kind == ["$"] * 5
    assert toks.text == ["$a", "$a", "$AB", "$AB", "$ x "]
    # resolved both ways: a definition named one way, used the other
    m = parse_module('(func $"fi") (func (call $fi)) (func $fh) (func (call $"fh"))'
                     ' (func block $"l1" (br $l1) end $"l1")')
    assert len(m.funcs) == 5


def test_quoted_id_duplicates_and_unknowns_use_the_name():
    with pytest.raises(TextParseError, match=r"duplicate func \$a"):
        parse_module('(func $a) (func $"a")')
    with pytest.raises(TextParseError, match=r"unknown function \$b c"):
        parse_module('(func (call $"b c"))')


@pytest.mark.parametrize("text, message", [
    ("(func $)", "empty identifier"),
    ('(func $"")', "empty identifier"),
    ('(func $ "a")', "empty identifier"),
    ('(func $"a\nb")', "empty identifier"),     # a raw control character: no string
    ('(func $"a\tb")', "empty identifier"),
    ('(func $"\\ef")', "malformed UTF-8"),
    ('(func $(@a))', "empty identifier"),
    ('(func $"a"x)', "unknown operator"),
])
def test_malformed_identifiers(text, message):
    with pytest.raises(TextParseError, match=message):
        parse_module(text)


# ------------------------------------------------------------ annotations

def test_annotations_are_dropped_wherever_they_stand():
    plain = tokenize('(module $m (func (export "f") (result i32) (i32.const 1)))')
    annotated = tokenize(
        '((@a) module (@a) $m (@x y "z" ( nested (@in) ) ;; )\n (; ) ;) )'
        ' (func (@metadata.code.branch_hint "\\00") (export "f") (@a , ; ] [ }} ({) )'
        ' (result i32) (@"quoted id" 1) (i32.const 1)))')
    assert annotated.kind == plain.kind and annotated.text == plain.text
    # the parens inside an annotation are not the module's
    assert annotated.match[0] == len(annotated.kind) - 1
    assert parse_module('(@a) (func) (@b (c))').funcs


@pytest.mark.parametrize("text, message", [
    ("(@a \x00)", "illegal character"),
    ("(@a \x7f)", "illegal character"),
    ("(@a Heiße)", "illegal character"),
    ("(@a \udc80)", "malformed UTF-8 encoding"),     # a byte that is not UTF-8
    ("( @a)", "unknown operator"),
    ("((@a)@b)", "unknown operator"),
    ("(@)", "empty annotation id"),
    ("(@ x)", "empty annotation id"),
    ("(@(@a)x)", "empty annotation id"),
    ('(@"")', "empty annotation id"),
    ('(@"\n")', "empty annotation id"),
    ('(@"\\ef")', "malformed UTF-8"),
    ("(@x ", "unclosed annotation"),
    ("(@x (y (z))", "unclosed annotation"),
    ("(@x (@y )", "unclosed annotation"),
    ("(@x))", "unexpected token"),
    ('(@x "', "unclosed string"),
])
def test_malformed_annotations(text, message):
    with pytest.raises(TextParseError, match=message):
        parse_module(text)


def test_whitespace_and_comments_inside_annotations_are_fine():
    for text in ("(@a \t)", "(@a \n)", "(@a \r)", "(@a (;c;) ;; x)\n)"):
        assert parse_module(text).funcs == []


def test_reserved_characters_are_errors_outside_annotations():
    with pytest.raises(TextParseError, match=r"unknown operator a,b"):
        parse_module("(func a,b)")
    # ';;' still starts a comment right after a token
    assert len(parse_module("(func nop;; comment\n)").funcs) == 1


# ------------------------------------------------------------ script commands

def test_module_definition_and_instance_parse():
    cmds = S.parse_script('(module definition $M (func))\n'
                          '(module definition binary "\\00asm\\01\\00\\00\\00")\n'
                          '(module instance $I $M)\n(module instance $J)\n')
    d, b, i, j = cmds
    assert d.definition and d.id == "$M" and d.kind == "text" and len(d.module.funcs) == 1
    assert b.definition and b.kind == "binary" and b.id is None
    assert i == S.ModuleInstance(3, "$I", "$M")
    assert j == S.ModuleInstance(4, "$J", None)


def test_result_patterns_of_3_0():
    (cmd,) = S.parse_script('(assert_return (invoke "f") (ref.null) (ref.func 3)'
                            ' (ref.func) (ref.null any) (ref.extern))')
    assert cmd.expected[:3] == [S.RefPattern(None, "null"), S.RefPattern(FUNCREF, "nonnull"),
                                S.RefPattern(FUNCREF, "nonnull")]
    assert cmd.expected[3] == S.RefPattern(None, "null")


INSTANCES = '''
(module definition $M
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "bump") (result i32)
    (global.set 0 (i32.add (global.get 0) (i32.const 1))) (global.get 0)))
(module definition $Big (memory 65536))
(module instance $I1 $M)
(module instance $I2 $M)
(assert_return (invoke $I1 "bump") (i32.const 1))
(assert_return (invoke $I1 "bump") (i32.const 2))
(assert_return (invoke $I2 "bump") (i32.const 1))
(assert_return (get $I2 "g") (i32.const 1))
(assert_return (get "g") (i32.const 1))
(register "I1" $I1)
(module
  (import "I1" "g" (global (mut i32)))
  (table 2 funcref) (elem (i32.const 1) $f)
  (func $f)
  (func (export "g") (result i32) (global.get 0))
  (func (export "null") (result funcref) (ref.null func))
  (func (export "fn") (result funcref) (table.get 0 (i32.const 1))))
(assert_return (invoke "g") (i32.const 2))
(assert_return (invoke "null") (ref.null))
(assert_return (invoke "fn") (ref.func))
(assert_return (invoke "fn") (ref.func 0))
(module instance $again)
(assert_return (invoke "g") (i32.const 2))
'''


@pytest.mark.parametrize("strategy", ["interpreter", "llvm"])
def test_module_instances_are_generative(tmp_path, strategy):
    path = tmp_path / "instances.wast"
    path.write_text(INSTANCES)
    out = run_file(path, functools.partial(Executor, strategy=strategy))
    assert (out.failed, out.skipped) == (0, 0), out.failures
    assert out.passed == 17


def test_instance_of_an_unknown_module_fails(tmp_path):
    path = tmp_path / "bad.wast"
    path.write_text('(module instance $I $Nope)\n(assert_return (invoke $I "f"))\n')
    out = run_file(path, functools.partial(Executor, strategy="interpreter"))
    assert out.failed == 2
    assert "no module $Nope" in out.failures[0]


def test_a_wrong_result_pattern_still_fails(tmp_path):
    path = tmp_path / "bad.wast"
    path.write_text('(module (func (export "n") (result funcref) (ref.null func)))\n'
                    '(assert_return (invoke "n") (ref.func))\n'
                    '(module (func $f) (elem declare func $f)'
                    ' (func (export "f") (result funcref) (ref.func $f)))\n'
                    '(assert_return (invoke "f") (ref.null))\n')
    out = run_file(path, functools.partial(Executor, strategy="interpreter"))
    assert (out.passed, out.failed) == (2, 2)


def test_assert_exception_parses_and_a_result_or_a_trap_is_no_exception(tmp_path):
    (cmd,) = S.parse_script('(assert_exception (invoke $M "f" (i32.const 1)))')
    assert cmd == S.AssertException(1, S.Invoke(1, "$M", "f", [S.Const(I32, 1)]))
    path = tmp_path / "exc.wast"
    path.write_text('(module (func (export "ok")) (func (export "trap") unreachable))\n'
                    '(assert_exception (invoke "ok"))\n(assert_exception (invoke "trap"))\n')
    out = run_file(path, functools.partial(Executor, strategy="interpreter"))
    assert (out.passed, out.failed) == (1, 2)
    assert "got a result" in out.failures[0] and "expected an uncaught exception" in out.failures[1]


@pytest.mark.parametrize("text", [
    "(func (result i32) (i8x16.extract_lane_s 256 (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0)))",
    "(func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15.0"
    " (v128.const i64x2 0 0) (v128.const i64x2 0 0)))",
    "(func (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 256"
    " (v128.const i64x2 0 0) (v128.const i64x2 0 0)))",
])
def test_bad_lane_index_has_both_suites_words(text):
    # 3.0's simd_lane.wast says "i8 constant out of range", 2.0's "malformed
    # lane index", for the same modules
    with pytest.raises(TextParseError) as e:
        parse_module(text)
    assert "i8 constant out of range" in str(e.value)
    assert "malformed lane index" in str(e.value)


def test_quoted_and_binary_definitions_instantiate(tmp_path):
    # (module (func (export "f") (result i32) i32.const 7)) in binary
    binary = ('\\00asm\\01\\00\\00\\00\\01\\05\\01\\60\\00\\01\\7f\\03\\02\\01\\00'
              '\\07\\05\\01\\01f\\00\\00\\0a\\06\\01\\04\\00\\41\\07\\0b')
    path = tmp_path / "defs.wast"
    path.write_text(f'(module definition $Q quote "(func (export \\"f\\") (result i32) i32.const 5)")\n'
                    f'(module definition $B binary "{binary}")\n'
                    '(module instance $q $Q)\n(module instance $b $B)\n'
                    '(assert_return (invoke $q "f") (i32.const 5))\n'
                    '(assert_return (invoke $b "f") (i32.const 7))\n'
                    # a definition is not an instance: the current one stays $b
                    '(module definition (func (export "f") (result i32) i32.const 9))\n'
                    '(assert_return (invoke "f") (i32.const 7))\n')
    out = run_file(path, functools.partial(Executor, strategy="interpreter"))
    assert (out.passed, out.failed, out.skipped) == (8, 0, 0), out.failures
