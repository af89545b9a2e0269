"""Exception handling's front end (Wasm 3.0 and the legacy proposal): the
syntax, the binary format both ways, the text format, validation and
Config.wasm_exceptions. The runtime is not covered here.

Oracles: the committed outputs of ``wasm-tools`` in tests/exceptions/
(rebuild with tests/exceptions/build.sh; these tests never run wasm-tools),
and the spec suite's exception files (tests/test_spec3.py runs them whole).
"""
from __future__ import annotations

from pathlib import Path

import pytest

import wasmlite
from wasmlite.binary.decode import decode_module
from wasmlite.binary.encode import encode_module
from wasmlite.errors import InvalidError, MalformedError, TextParseError, WasmtimeError
from wasmlite.syntax import instructions as ins
from wasmlite.syntax.module import CATCH, CATCH_ALL, CATCH_ALL_REF, CATCH_REF, Catch, Module
from wasmlite.syntax.types import (EXNREF, EXNREF_NON_NULL, EXTERNREF, FUNCREF, NULLEXNREF,
                                   ExternKind, matches, ref_type)
from wasmlite.text.parse import parse_module
from wasmlite.valid import validate_module

from test_validate_bytes import compare_binary

DATA = Path(__file__).parent / "exceptions"
HEADER = b"\x00asm\x01\x00\x00\x00"
V2 = frozenset({"exceptions", "legacy_exceptions"})      # 2.0's reading


def _stripped(m: Module) -> bytes:
    """The binary without its custom sections (wasm-tools writes a name
    section from the $ids; wasmlite's text parser keeps none)."""
    m.customs = []
    m.names = None
    return encode_module(m)


def _body(text: str) -> list:
    return parse_module(text).funcs[-1].body


def _names(body: list) -> list[str]:
    return [i.op.name for i in body]


# ------------------------------------------------------------------ types

def test_exnref_types_and_subtyping() -> None:
    assert EXNREF is ref_type("exn") and EXNREF.name == "exnref" and EXNREF.code == 0x69
    assert NULLEXNREF is ref_type("noexn") and NULLEXNREF.code == 0x74
    assert str(EXNREF_NON_NULL) == "(ref exn)" and EXNREF_NON_NULL.top is EXNREF
    assert NULLEXNREF.top is EXNREF
    assert matches(NULLEXNREF, EXNREF) and matches(EXNREF_NON_NULL, EXNREF)
    assert matches(ref_type("noexn", False), EXNREF_NON_NULL)
    assert not matches(EXNREF, EXNREF_NON_NULL)
    for other in (FUNCREF, EXTERNREF, ref_type("nofunc"), ref_type("noextern"), ref_type(0)):
        assert not matches(EXNREF, other) and not matches(other, EXNREF)
        assert not matches(NULLEXNREF, other) and not matches(other, NULLEXNREF)


def test_rows() -> None:
    rows = {n: (ins.OP_BY_NAME[n].code, ins.OP_BY_NAME[n].imm, ins.OP_BY_NAME[n].feature)
            for n in ("throw", "throw_ref", "try_table", "try", "catch", "catch_all",
                      "delegate", "rethrow")}
    assert rows == {
        "throw": (0x08, "tag", "exceptions"), "throw_ref": (0x0A, None, "exceptions"),
        "try_table": (0x1F, "try_table", "exceptions"),
        "try": (0x06, "block", "legacy_exceptions"),
        "catch": (0x07, "tag", "legacy_exceptions"),
        "catch_all": (0x19, None, "legacy_exceptions"),
        "delegate": (0x18, "label", "legacy_exceptions"),
        "rethrow": (0x09, "label", "legacy_exceptions")}


# ------------------------------------------------- text and binary, both ways

@pytest.mark.parametrize("name", ["tags", "try_table", "legacy"])
def test_same_binary_as_wasm_tools(name: str) -> None:
    """wasmlite's text parser and encoder give wasm-tools's bytes; its
    decoder and encoder give them back exactly; wasm-tools's printed text
    parses to the same module again."""
    binary = (DATA / f"{name}.wasm").read_bytes()
    decoded = decode_module(binary)
    assert encode_module(decoded) == binary                       # byte-exact
    validate_module(decoded)
    reference = _stripped(decode_module(binary))
    assert _stripped(parse_module((DATA / f"{name}.wat").read_text())) == reference
    assert _stripped(parse_module((DATA / f"{name}.print.wat").read_text())) == reference


def test_tags_decoded() -> None:
    m = decode_module((DATA / "tags.wasm").read_bytes())
    assert [(i.name, i.kind, i.desc) for i in m.imports] == [
        ("t0", ExternKind.TAG, 1), ("t1", ExternKind.TAG, 0)]
    assert m.tags == [2, 3, 0, 4]
    assert m.tag_type_indices() == [1, 0, 2, 3, 0, 4]
    assert [(x.name, x.kind, x.index) for x in m.exports] == [
        ("e1", ExternKind.TAG, 3), ("e3a", ExternKind.TAG, 5), ("e3b", ExternKind.TAG, 5),
        ("imported", ExternKind.TAG, 0)]
    assert m.globals[0].type.valtype is EXNREF and m.globals[1].type.valtype is NULLEXNREF
    info = validate_module(m)
    assert info.num_imported_tags == 2 and info.tag_type_idx == [1, 0, 2, 3, 0, 4]
    assert [ft.params for ft in info.tags][:2] == [(wasmlite.syntax.types.F32,),
                                                 m.types[0].params]


def test_tag_section_sits_between_memory_and_global() -> None:
    m = parse_module("(memory 1) (tag) (global i32 (i32.const 0))")
    ids = []
    data = encode_module(m)
    pos = 8
    while pos < len(data):
        ids.append(data[pos])
        pos += 2 + data[pos + 1]
    assert ids[ids.index(5):ids.index(6) + 1] == [5, 13, 6]
    assert data[data.index(bytes([13, 3, 1])):][:5] == bytes([13, 3, 1, 0x00, 0])  # attr 0, type 0
    wrong = HEADER + b"\x01\x04\x01\x60\x00\x00" + b"\x06\x06\x01\x7f\x00\x41\x00\x0b" \
        + b"\x0d\x03\x01\x00\x00"                                   # tag after global
    with pytest.raises(MalformedError, match="unexpected content after last section"):
        decode_module(wrong)


TEXT_CASES = {
    "throw": ("(tag $e (param i32)) (func (throw $e (i32.const 1)))",
              ["i32.const", "throw", "end"]),
    "throw_ref": ("(func (param exnref) (throw_ref (local.get 0)))",
                  ["local.get", "throw_ref", "end"]),
    "try_table folded": ("(tag $e) (func (block $l (try_table (catch $e $l) (nop))))",
                         ["block", "try_table", "nop", "end", "end", "end"]),
    "try_table flat": ("(tag $e) (func block $l try_table $t (catch_all $l) nop end $t end)",
                       ["block", "try_table", "nop", "end", "end", "end"]),
    "try plain": ("(tag $e) (func try $t catch $e catch_all end $t)",
                  ["try", "catch", "catch_all", "end", "end"]),
    "try folded": ("(tag $e (param i32)) (func (try (do (nop)) (catch $e (drop)) (catch_all)))",
                   ["try", "nop", "catch", "drop", "catch_all", "end", "end"]),
    "delegate plain": ("(func block $b try delegate $b end)",
                       ["block", "try", "delegate", "end", "end"]),
    "delegate folded": ("(func (block $b (try (do) (delegate $b))))",
                        ["block", "try", "delegate", "end", "end"]),
    "rethrow": ("(func (try $t (do) (catch_all (rethrow $t))))",
                ["try", "catch_all", "rethrow", "end", "end"]),
    "catch with a label": ("(tag $e) (func try $t catch $t $e end)",
                           ["try", "catch", "end", "end"]),
}


@pytest.mark.parametrize("case", sorted(TEXT_CASES))
def test_text_round_trip(case: str) -> None:
    text, names = TEXT_CASES[case]
    m = parse_module(text)
    validate_module(m)
    assert _names(m.funcs[-1].body) == names
    data = encode_module(m)
    back = decode_module(data)
    assert back.funcs[-1].body == m.funcs[-1].body        # op and immediates
    assert encode_module(back) == data
    validate_module(back)


def test_text_immediates() -> None:
    body = _body("(tag $a) (tag $b (param i32)) (func (result i32)"
                 " (block $x (result i32 exnref) (block $y (result i32)"
                 " (try_table (result i32) (catch $b $y) (catch_ref $b $x) (catch_all 1)"
                 " (catch_all_ref $x) (i32.const 1)))) (unreachable))")
    tt = body[2]
    assert tt.op is ins.TRY_TABLE
    bt, catches = tt.imm
    assert catches == (Catch(CATCH, 1, 0), Catch(CATCH_REF, 1, 1), Catch(CATCH_ALL, None, 1),
                       Catch(CATCH_ALL_REF, None, 1))
    # delegate and rethrow depths: delegate counts from outside its try
    body = _body("(func (block $o (try $t (do (try (do) (delegate $o))) (catch_all (rethrow $t)))))")
    assert [(i.op.name, i.imm) for i in body if i.op.name in ("delegate", "rethrow")] == [
        ("delegate", 1), ("rethrow", 0)]
    assert _body("(tag $e) (func (ref.null exn) (drop) (ref.null noexn) (drop))")[0].imm is EXNREF
    assert _body("(func (result (ref null noexn)) (ref.null noexn))")[0].imm is NULLEXNREF


@pytest.mark.parametrize("text, message", [
    ("(func (catch_all))", "unexpected token"),
    ("(tag $e) (func (catch $e))", "unexpected token"),
    ("(func catch_all)", "unexpected token"),
    ("(func (delegate 0))", "unexpected token"),
    ("(func (try (do) (catch_all) (catch_all)))", "unexpected token"),
    ("(tag $e) (func (try (do) (catch $e) (delegate 0)))", "unexpected token"),
    ("(func (try (do) (catch_all) (delegate 0)))", "unexpected token"),
    ("(func (try (do) (delegate) (delegate 0)))", "unexpected token"),
    ("(func (try))", "unexpected token"),
    ("(func (try (nop)))", "unexpected token"),
    ("(func try catch_all catch_all end)", "unexpected token"),
    ("(tag $e) (func try catch_all catch $e end)", "unexpected token"),
    ("(func try nop catch_all delegate 0)", "unexpected token"),
    ("(func (throw $nope))", "unknown tag $nope"),
    ("(func (try_table (catch_all $nope)))", "unknown label $nope"),
    ("(func (block (try_table (catch_all 0) (result i32))))", "unexpected token"),
    ("(func (try (do) (delegate $nope)))", "unknown label $nope"),
    ("(tag $t) (tag $t)", "duplicate tag $t"),
    ("(func) (import \"m\" \"t\" (tag))", "import after function"),
])
def test_text_errors(text: str, message: str) -> None:
    with pytest.raises(TextParseError) as e:
        parse_module(text)
    assert message in str(e.value)


# ------------------------------------------------------------- binary errors

TAG_TYPE = b"\x01\x04\x01\x60\x00\x00"


def _func(body: bytes, tags: int = 1) -> bytes:
    """One function of type [] -> [] with ``body`` (locals included), after
    ``tags`` tags of that type."""
    tag_sec = b"\x0d" + bytes([1 + 2 * tags, tags]) + b"\x00\x00" * tags if tags else b""
    return (HEADER + TAG_TYPE + b"\x03\x02\x01\x00" + tag_sec
            + b"\x0a" + bytes([len(body) + 2, 1, len(body)]) + body)


@pytest.mark.parametrize("data, message", [
    (HEADER + TAG_TYPE + b"\x0d\x03\x01\x01\x00", "malformed tag attribute"),
    (HEADER + b"\x02\x05\x01\x00\x00\x04\x01", "malformed tag attribute"),
    (_func(b"\x00\x1f\x40\x01\x04\x00\x0b\x0b"), "malformed catch clause"),
    (_func(b"\x00\x07\x00\x0b"), "END opcode expected"),             # catch outside try
    (_func(b"\x00\x19\x0b"), "END opcode expected"),                 # catch_all outside try
    (_func(b"\x00\x18\x00\x0b"), "END opcode expected"),             # delegate outside try
    (_func(b"\x00\x06\x40\x07\x00\x18\x00\x0b"), "END opcode expected"),  # delegate after catch
    (_func(b"\x00\x06\x40\x19\x19\x0b\x0b"), "END opcode expected"),  # two catch_alls
    (_func(b"\x00\x06\x40\x19\x07\x00\x0b\x0b"), "END opcode expected"),  # catch after catch_all
    (_func(b"\x00\x04\x40\x07\x00\x0b\x0b"), "END opcode expected"),  # catch in an if
    (_func(b"\x00\x06\x40\x05\x0b\x0b"), "END opcode expected"),      # else in a try
    (HEADER + b"\x07\x05\x01\x01x\x05\x00", "malformed export kind"),
    (HEADER + b"\x02\x04\x01\x00\x00\x05", "malformed import kind"),
])
def test_binary_errors(data: bytes, message: str) -> None:
    with pytest.raises(MalformedError) as e:
        decode_module(data)
    assert message in str(e.value)


def test_delegate_closes_the_block() -> None:
    # try delegate 0, then the function's end: no end of its own
    m = decode_module(_func(b"\x00\x06\x40\x01\x18\x00\x0b"))
    assert _names(m.funcs[0].body) == ["try", "nop", "delegate", "end"]
    info = validate_module(m)
    assert info.funcs[0].ends == {0: 2}
    # an extra end would close the function early
    with pytest.raises(MalformedError):
        decode_module(_func(b"\x00\x06\x40\x18\x00\x0b\x0b"))


@pytest.mark.parametrize("data, message", [
    (HEADER + TAG_TYPE + b"\x0d\x03\x01\x00\x00", "malformed section id"),
    (HEADER + TAG_TYPE + b"\x02\x06\x01\x00\x00\x04\x00\x00", "malformed import kind"),
    (HEADER + b"\x07\x05\x01\x01x\x04\x00", "malformed export kind"),
    (_func(b"\x00\x08\x00\x0b", tags=0), "illegal opcode 08"),
    (_func(b"\x00\x0a\x0b", tags=0), "illegal opcode 0a"),
    (_func(b"\x00\x1f\x40\x00\x0b\x0b", tags=0), "illegal opcode 1f"),
    (_func(b"\x00\x06\x40\x0b\x0b", tags=0), "illegal opcode 06"),
    (_func(b"\x00\x19\x0b", tags=0), "illegal opcode 19"),
])
def test_wasm_2_reads_them_as_malformed(data: bytes, message: str) -> None:
    with pytest.raises(MalformedError) as e:
        decode_module(data, V2)
    assert message in str(e.value)


def test_wasm_2_reading_of_only_the_legacy_opcodes() -> None:
    # legacy off, 3.0 on: try is illegal, try_table is not
    decode_module(_func(b"\x00\x1f\x40\x00\x0b\x0b"), frozenset({"legacy_exceptions"}))
    with pytest.raises(MalformedError, match="illegal opcode 06"):
        decode_module(_func(b"\x00\x06\x40\x0b\x0b"), frozenset({"legacy_exceptions"}))


# ---------------------------------------------------------------- validation

@pytest.mark.parametrize("text, message", [
    ("(tag (result i32))", "non-empty tag result type"),
    ("(import \"\" \"\" (tag (param i32) (result i32)))", "non-empty tag result type"),
    ("(tag (type 5))", "unknown type 5"),
    ("(export \"t\" (tag 0))", "unknown tag 0"),
    ("(func (throw 0))", "unknown tag 0"),
    ("(tag (param i32)) (func (throw 0))",
     "type mismatch: instruction requires [i32] but stack has []"),
    ("(tag (param i32)) (func (i64.const 5) (throw 0))",
     "type mismatch: instruction requires [i32] but stack has [i64]"),
    ("(func (throw_ref))", "type mismatch"),
    ("(func (param externref) (throw_ref (local.get 0)))", "type mismatch"),
    ("(func (result i32) (try_table (result i32)))", "type mismatch"),
    ("(tag) (func (try_table (catch_ref 0 0)))", "type mismatch"),
    ("(tag) (func (result exnref) (try_table (catch 0 0)) (unreachable))", "type mismatch"),
    ("(func (try_table (catch_all_ref 0)))", "type mismatch"),
    ("(func (result exnref) (try_table (catch_all 0)) (unreachable))", "type mismatch"),
    ("(tag (param i64)) (func (result i32 exnref)"
     " (try_table (result i32) (catch_ref 0 0) (i32.const 42)))", "type mismatch"),
    ("(type $t (func)) (tag $e (param (ref null $t))) (func (result (ref $t))"
     " (block $l (result (ref $t)) (try_table (catch $e $l)) (unreachable)))", "type mismatch"),
    ("(tag) (func (try_table (catch 1 0)))", "unknown tag 1"),
    ("(func (try_table (catch_all 1)))", "unknown label 1"),
    ("(func (rethrow 0))", "invalid rethrow label"),
    ("(func (block (rethrow 0)))", "invalid rethrow label"),
    ("(func (try (do (rethrow 0)) (delegate 0)))", "invalid rethrow label"),
    ("(tag) (func (try (do) (catch 0 (rethrow 1))))", "invalid rethrow label"),
    ("(func (rethrow 1))", "unknown label 1"),
    ("(func (try (do) (delegate 1)))", "unknown label"),
    ("(func (result i32) (try (result i32) (do)))",
     "type mismatch: instruction requires [i32] but stack has []"),
    ("(func (result i32) (try (result i32) (do (i64.const 42))))",
     "type mismatch: instruction requires [i32] but stack has [i64]"),
    ("(tag) (func (try (do) (catch 0 (i32.const 42))))",
     "type mismatch: block requires [] but stack has [i32]"),
    ("(tag (param i64)) (func (result i32) (try (result i32) (do (i32.const 42)) (catch 0)))",
     "type mismatch: instruction requires [i32] but stack has [i64]"),
    ("(func (try (do) (catch_all (i32.const 42))))",
     "type mismatch: block requires [] but stack has [i32]"),
    ("(func (try (do) (catch 0)))", "unknown tag 0"),
])
def test_validation_errors(text: str, message: str) -> None:
    m = parse_module(text)
    with pytest.raises(InvalidError) as e:
        validate_module(m)
    assert message in str(e.value)
    # the same from the binary, the body checked from its bytes first
    with pytest.raises(InvalidError) as e:
        validate_module(decode_module(encode_module(m)))
    assert message in str(e.value)


@pytest.mark.parametrize("text", [
    # subtyping: a (ref exn) and a nullexnref where an exnref is wanted
    "(func (result exnref) (block $l (result exnref) (try_table (catch_all_ref $l))"
    " (unreachable)))",
    "(tag $e (param nullexnref)) (func (param exnref) (result exnref) (local.get 0)"
    " (block $l (param exnref) (result exnref) (try_table (param exnref) (catch $e $l) (drop)"
    " (throw $e (ref.null noexn))) (unreachable)))",
    # throw and throw_ref are stack-polymorphic
    "(tag) (func (result i32 f64) (throw 0))",
    "(func (param exnref) (result i64) (throw_ref (local.get 0)))",
    # a catch's segment starts with the tag's params, typed as the try's results
    "(tag (param i32)) (func (result i32) (try (result i32) (do (i32.const 1)) (catch 0)))",
    # delegate to the function's own label; rethrow from a nested block in a catch
    "(func (try (do) (delegate 0)))",
    "(tag) (func (try (do) (catch 0 (block (rethrow 1))) (catch_all (rethrow 0))))",
    # a loop's label takes its params
    "(tag (param i32)) (func (i32.const 0) (loop $l (param i32) (drop)"
    " (try_table (catch 0 $l) (unreachable))))",
    # non-nullable locals set in a try's segment count only in it
    "(tag) (func (local (ref exn)) (block $l (result (ref exn)) (try_table (catch_all_ref $l)"
    " (throw 0)) (unreachable)) (local.set 0))",
])
def test_valid(text: str) -> None:
    m = parse_module(text)
    validate_module(m)
    validate_module(decode_module(encode_module(m)))
    assert compare_binary(encode_module(m)) >= 0


def test_uninitialized_local_after_a_catch() -> None:
    with pytest.raises(InvalidError, match="uninitialized local"):
        validate_module(parse_module(
            "(tag) (func (param exnref) (local (ref exn)) (try (do"
            " (local.set 1 (ref.as_non_null (local.get 0)))) (catch 0 (local.get 1) (drop))))"))


def test_func_info_for_the_compiler() -> None:
    m = parse_module((DATA / "legacy.wat").read_text())
    info = validate_module(m)
    handlers = info.funcs[0]
    # try at 0: catch at 2 and 3, catch_all at 5, end at 7
    assert _names(m.funcs[0].body)[:8] == ["try", "throw", "catch", "catch", "i32.const",
                                          "catch_all", "i32.const", "end"]
    assert handlers.catches == {0: [2, 3, 5]}
    assert handlers.ends[0] == 7
    assert handlers.block_types[0].results == (wasmlite.syntax.types.I32,)
    delegate = info.funcs[2]
    body = m.funcs[2].body
    for start, end in delegate.ends.items():
        assert body[end].op.name == ("delegate" if body[start].op.name == "try"
                                     and not delegate.catches.get(start) and
                                     body[end].op.name == "delegate" else "end")
    assert sum(body[e].op is ins.DELEGATE for e in delegate.ends.values()) == 3
    tt = validate_module(parse_module((DATA / "try_table.wat").read_text()))
    body = parse_module((DATA / "try_table.wat").read_text()).funcs[0].body
    assert body[1].op is ins.TRY_TABLE and tt.funcs[0].ends[1] == 4
    assert tt.funcs[0].block_types[1].results == (wasmlite.syntax.types.I32,)


@pytest.mark.parametrize("name, accepted", [
    # tags.wat's function has non-null params, try_table.wat's 4th an
    # exnref block type: the byte checker leaves both to func.py
    ("tags", 0), ("try_table", 7), ("legacy", 4)])
def test_byte_checker_agrees(name: str, accepted: int) -> None:
    """func_bytes checks these bodies itself (all it does not leave to
    func.py) and finds what func.py finds."""
    assert compare_binary((DATA / f"{name}.wasm").read_bytes()) == accepted


EXNREF_USES = [
    "(func (param exnref))", "(func (local nullexnref))", "(global exnref (ref.null exn))",
    "(table 1 exnref)", "(func (result i32) (ref.is_null (ref.null exn)))",
    "(func (block (result exnref) (ref.null noexn)) (drop))",
    "(func (result i32) (ref.null noexn) (ref.null exn) (i32.const 1) (select (result exnref))"
    " (ref.is_null))",
    "(type (func (result (ref exn))))",
]


@pytest.mark.parametrize("text", EXNREF_USES)
def test_exnref_is_exception_handling(text: str) -> None:
    """An exception reference anywhere belongs to the proposal: noted in
    the features (the tiers see it) and rejected when it is turned off."""
    m = parse_module(text)
    assert "exceptions" in validate_module(m).features
    with pytest.raises(InvalidError, match="exceptions support is not enabled: exnref"):
        validate_module(m, frozenset({"exceptions"}))
    with pytest.raises(InvalidError, match="exceptions support is not enabled: exnref"):
        validate_module(decode_module(encode_module(m)), frozenset({"exceptions"}))


def test_features() -> None:
    info = validate_module(parse_module((DATA / "legacy.wat").read_text()))
    assert {"exceptions", "legacy_exceptions"} <= info.features
    info = validate_module(parse_module("(tag) (func (block (try_table (catch_all 0))))"))
    assert "exceptions" in info.features and "legacy_exceptions" not in info.features


# -------------------------------------------------------- Config.wasm_exceptions

@pytest.mark.parametrize("text", [
    "(tag)", "(import \"m\" \"t\" (tag))", "(func (block (try_table (catch_all 0))))",
    "(func (param exnref) (throw_ref (local.get 0)))", "(func (try (do)))",
])
def test_config_wasm_exceptions_false_rejects(text: str) -> None:
    config = wasmlite.Config()
    config.wasm_exceptions = False
    engine = wasmlite.Engine(config)
    binary = encode_module(parse_module(text))
    with pytest.raises(WasmtimeError, match="exceptions support is not enabled"):
        wasmlite.Module.validate(engine, binary)
    with pytest.raises(WasmtimeError, match="exceptions support is not enabled"):
        wasmlite.Module(engine, binary)
    on = wasmlite.Config()
    on.wasm_exceptions = False
    on.wasm_exceptions = True                      # back on
    wasmlite.Module.validate(wasmlite.Engine(on), binary)
    wasmlite.Module.validate(wasmlite.Engine(), binary)  # on by default


def test_cli_w_exceptions_n(tmp_path) -> None:
    """``wasmlite run -W exceptions=n`` as ``wasmtime run -W exceptions=n``."""
    import subprocess
    import sys
    path = tmp_path / "t.wat"
    path.write_text('(module (tag) (func (export "f")))')
    proc = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--no-cache",
                           "-W", "exceptions=n", "--invoke", "f", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0 and "exceptions support is not enabled" in proc.stderr


def test_running_them_is_a_clean_error_or_works() -> None:
    """Until the runtime supports them, a module using them fails with a
    WasmtimeError, never a crash; once it does, it runs."""
    store = wasmlite.Store()
    try:
        module = wasmlite.Module(store.engine, "(module (tag $e) (func (export \"f\")"
                                 " (block $l (try_table (catch $e $l) (throw $e)))))")
        instance = wasmlite.Instance(store, module, [])
        instance.exports(store)["f"](store)
    except WasmtimeError as e:
        assert "not supported" in str(e)


SPEC_FILES = ["try_table.wast", "throw.wast", "throw_ref.wast", "instance.wast",
              "legacy/try_catch.wast", "legacy/try_delegate.wast", "legacy/rethrow.wast",
              "legacy/throw.wast"]


@pytest.mark.parametrize("name", SPEC_FILES)
def test_spec_modules_fast_paths_agree(name: str) -> None:
    """Every module of the suite's exception files, valid and invalid: the
    byte checker and func.py agree (test_validate_bytes.compare_binary)."""
    from conftest import SPEC_ROOT
    from test_validate_bytes import _binaries
    path = SPEC_ROOT / "wasm-3.0" / name
    if not path.is_file():
        pytest.skip(f"{path} not found")
    try:
        binaries = list(_binaries(path))
    except TextParseError as e:           # (return_call: the tail-call rows)
        pytest.skip(f"script not readable yet: {e}")
    assert binaries
    for data in binaries:
        compare_binary(data)
