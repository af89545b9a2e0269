"""Text format and .wast scripts: wasmlite/text/.

The spec suite is the main oracle: every script parses, every
``assert_malformed (module quote ...)`` fails with the expected wording, and
every text module parses to the same module as wasmtime's wat2wasm followed
by our binary decoder.
"""
from __future__ import annotations

import collections
import struct
from pathlib import Path

import pytest

from wasmlite.errors import TextParseError
from wasmlite.syntax.instructions import OP_BY_NAME
from wasmlite.syntax.types import (EXTERNREF, F32, F64, FUNCREF, I32, I64,
                                   V128, FuncType)
from wasmlite.text import script as S
from wasmlite.text.lexer import decode_string, tokenize
from wasmlite.text.numbers import f32_bits, f64_bits, parse_int
from wasmlite.text.parse import parse_module

from conftest import needs_spec, spec_files

SPEC_FILES = spec_files()


@pytest.fixture(scope="module")
def scripts() -> dict[str, list]:
    return {f.name: S.parse_script(f.read_text(encoding="utf-8"), str(f))
            for f in SPEC_FILES}


def _module_cmds(commands):
    """Every ModuleCmd in a script, with whether it is asserted malformed."""
    for cmd in commands:
        if isinstance(cmd, S.ModuleCmd):
            yield cmd, False
        elif isinstance(cmd, S.AssertTrap):
            if isinstance(cmd.action_or_module, S.ModuleCmd):
                yield cmd.action_or_module, False
        elif isinstance(getattr(cmd, "module", None), S.ModuleCmd):
            yield cmd.module, isinstance(cmd, S.AssertMalformed)


# ---------------------------------------------------------------- the suite

@needs_spec
def test_every_script_parses_with_plausible_totals(scripts):
    counts = collections.Counter(type(c).__name__ for cmds in scripts.values()
                                 for c in cmds)
    assert len(scripts) == 148
    # totals of the Wasm 2.0 suite (comments and strings excluded)
    assert counts["AssertReturn"] == 45734
    assert counts["AssertTrap"] == 2442
    assert counts["AssertInvalid"] == 2146
    assert counts["AssertMalformed"] == 1810
    assert counts["AssertUnlinkable"] == 83
    assert counts["AssertExhaustion"] == 15
    assert counts["Register"] == 22
    assert counts["ModuleCmd"] == 1599
    kinds = collections.Counter(m.kind for cmds in scripts.values()
                                for m, _ in _module_cmds(cmds))
    assert kinds["binary"] == 788 and kinds["quote"] == 1092
    for cmds in scripts.values():
        for c in cmds:
            assert isinstance(c.line, int) and c.line > 0


@needs_spec
def test_malformed_quoted_modules_report_the_spec_wording(scripts):
    failures = []
    checked = 0
    for name, cmds in scripts.items():
        for cmd in cmds:
            if isinstance(cmd, S.AssertMalformed) and cmd.module.kind == "quote":
                checked += 1
                try:
                    # 2.0's text: memarg offsets are u32 (3.0 reads u64)
                    parse_module(cmd.module.source, frozenset({"offset64"}))
                except TextParseError as e:
                    if cmd.message not in str(e):
                        failures.append(f"{name}:{cmd.line}: {e} (want {cmd.message!r})")
                else:
                    failures.append(f"{name}:{cmd.line}: accepted (want {cmd.message!r})")
    assert checked == 1091
    assert failures == []


@needs_spec
def test_well_formed_quoted_modules_parse(scripts):
    n = 0
    for cmds in scripts.values():
        for m, malformed in _module_cmds(cmds):
            if m.kind == "quote" and not malformed:
                parse_module(m.source)
                n += 1
    assert n > 0


@needs_spec
def test_text_modules_round_trip_through_the_binary_format(scripts):
    """text -> syntax -> binary -> decode -> encode gives identical bytes."""
    from wasmlite.binary.decode import decode_module
    from wasmlite.binary.encode import encode_module
    checked = 0
    for name, cmds in scripts.items():
        for m, malformed in _module_cmds(cmds):
            if malformed or m.kind == "binary":
                continue
            module = m.module if m.kind == "text" else parse_module(m.source)
            first = encode_module(module)
            assert encode_module(decode_module(first)) == first, f"{name}:{m.line}"
            checked += 1
    assert checked > 3700


def _normal(m, body):
    """Instructions with type indices replaced by the types they denote
    (the type section's order may differ), short block types folded."""
    out = []
    for ins in body:
        imm = ins.imm
        if ins.op.imm == "block" and isinstance(imm, int) and imm < len(m.types):
            ft = m.types[imm]
            imm = ft if ft.params or len(ft.results) > 1 else (ft.results or (None,))[0]
        elif ins.op.name == "call_indirect" and imm[0] < len(m.types):
            imm = (m.types[imm[0]], imm[1])
        out.append((ins.op.name, imm))
    return out


def _comparable(m):
    t = m.types
    return {
        "functypes": [t[i] if i < len(t) else i for i in m.func_type_indices()],
        "imports": [(i.module, i.name, i.kind,
                     t[i.desc] if i.kind == 0 and i.desc < len(t) else i.desc)
                    for i in m.imports],
        "exports": [(e.name, e.kind, e.index) for e in m.exports],
        "funcs": [(f.locals, _normal(m, f.body)) for f in m.funcs],
        "tables": m.tables, "mems": m.mems, "start": m.start,
        "globals": [(g.type, _normal(m, g.init)) for g in m.globals],
        "elems": [(e.type, [_normal(m, x) for x in e.init], e.mode, e.table,
                   e.offset and _normal(m, e.offset)) for e in m.elems],
        "datas": [(d.init, d.mode, d.memory, d.offset and _normal(m, d.offset))
                  for d in m.datas],
        "data_count": m.data_count,
    }


def _module_texts(path: Path):
    """(line, text) of each top-level or nested `(module ...)` in a script."""
    text = path.read_text(encoding="utf-8")
    toks = tokenize(text)
    for i, t in enumerate(toks.text):
        if t == "module" and i and toks.kind[i - 1] == "(":
            start = toks.pos[i - 1]
            end = toks.pos[toks.match[i - 1]] + 1
            yield toks.source.line_col(start)[0], text[start:end]


@needs_spec
def test_text_modules_match_wat2wasm_and_the_decoder(scripts):
    wasmtime = pytest.importorskip("wasmtime")
    decode = pytest.importorskip("wasmlite.binary.decode").decode_module
    compared = 0
    diffs = []
    for path in SPEC_FILES:
        by_line = {}
        for line, src in _module_texts(path):
            by_line.setdefault(line, src)
        for m, malformed in _module_cmds(scripts[path.name]):
            if malformed or m.kind == "binary":
                continue
            if m.kind == "quote":
                src, mine = m.source, parse_module(m.source)
            else:
                src, mine = by_line.get(m.line), m.module
                if src is None:          # a script of bare module fields
                    src = path.read_text(encoding="utf-8")
            try:
                theirs = decode(bytes(wasmtime.wat2wasm(src)))
            except Exception:             # wat2wasm's own limits (names.wast)
                continue
            a, b = _comparable(mine), _comparable(theirs)
            compared += 1
            if a != b:
                keys = [k for k in a if a[k] != b[k]]
                diffs.append(f"{path.name}:{m.line}: {keys}")
    assert compared > 3700
    assert diffs == []


@needs_spec
def test_float_literals_of_const_wast_match_their_expected_bits(scripts):
    """const.wast pairs each literal with the exactly representable value it
    must round to; the module side and the expected side must agree."""
    pairs = 0
    cmds = scripts["const.wast"]
    for cmd, nxt in zip(cmds, cmds[1:]):
        if (isinstance(cmd, S.ModuleCmd) and cmd.kind == "text"
                and isinstance(nxt, S.AssertReturn) and cmd.module.funcs):
            body = cmd.module.funcs[0].body
            if body[0].op.name in ("f32.const", "f64.const"):
                assert body[0].imm == nxt.expected[0].value, cmd.line
                pairs += 1
    assert pairs >= 300


# ---------------------------------------------------------------- numbers

def _f32(x: float) -> int:
    return struct.unpack("<I", struct.pack("<f", x))[0]


def _f64(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


@pytest.mark.parametrize("text, bits", [
    ("0.1", _f32(0.1)),
    ("-1.5e3", _f32(-1500.0)),
    ("0x1p-149", 1),                       # smallest subnormal
    ("0x1p-150", 0),                       # halfway to it: ties to even (0)
    ("0x1.000002p-150", 1),
    ("0x1.fffffep127", 0x7F7FFFFF),
    ("340282356779733661637539395458142568447", 0x7F7FFFFF),
    ("1.000000059604644775390625", 0x3F800000),      # midpoint, even below
    ("1.00000005960464477539062500001", 0x3F800001),
    # rounds to an f32 midpoint as an f64: double rounding would give 1.0
    ("1.0000000596046447753906250000000001", 0x3F800001),
    ("1.000000178813934326171875", 0x3F800002),      # midpoint, even above
    ("+0x1.00000100000000000p-50", 0x26800000),
    ("0x1.00000100000000001p-50", 0x26800001),
    ("1_000.000_1", _f32(1000.0001)),
    ("0x1P+2", _f32(4.0)),
    ("-0", 0x80000000),
    ("inf", 0x7F800000),
    ("-inf", 0xFF800000),
    ("nan", 0x7FC00000),
    ("-nan:0x7fffff", 0xFFFFFFFF),
    ("nan:0x1", 0x7F800001),
])
def test_f32_literals(text, bits):
    assert f32_bits(text) == bits


@pytest.mark.parametrize("text, bits", [
    ("0.1", _f64(0.1)),
    ("2.2250738585072012e-308", 0x0010000000000000),
    ("0x1p-1074", 1),
    ("0x1p-1075", 0),
    ("0x1.0000000000001p-1075", 1),
    ("0x1.fffffffffffff7ffp1023", 0x7FEFFFFFFFFFFFFF),
    ("1e-400", 0),
    ("nan:0x8000000000000", 0x7FF8000000000000),
    ("-0x0.0p0", 0x8000000000000000),
])
def test_f64_literals(text, bits):
    assert f64_bits(text) == bits


@pytest.mark.parametrize("text", ["0x1p128", "1e39", "340282356779733661637539395458142568448",
                                  "nan:0x0", "nan:0x800000"])
def test_f32_out_of_range(text):
    with pytest.raises(OverflowError):
        f32_bits(text)


@pytest.mark.parametrize("text", ["0x1p1024", "1e309", "nan:0x10000000000000"])
def test_f64_out_of_range(text):
    with pytest.raises(OverflowError):
        f64_bits(text)


@pytest.mark.parametrize("text", ["", ".5", "1.e", "0x", "1__0", "_1", "0x.p1", "infinity", "nan:1"])
def test_not_float_literals(text):
    assert f32_bits(text) is None


def test_integer_literals_are_stored_signed():
    assert parse_int("0xffffffff", 32) == -1
    assert parse_int("-0x8000_0000", 32) == -2**31
    assert parse_int("+42", 32) == 42
    assert parse_int("18446744073709551615", 64) == -1
    for bad in ("0x1_0000_0000", "-2147483649"):
        with pytest.raises(OverflowError):
            parse_int(bad, 32)
    assert parse_int("1.0", 32) is None


# ---------------------------------------------------------------- lexer

def test_strings_escapes_and_utf8():
    assert decode_string(r'"a\t\n\r\"\'\\\41\u{1F600}"') == (
        b"a\t\n\r\"'\\A" + "\U0001F600".encode())
    with pytest.raises(ValueError, match="malformed UTF-8"):
        decode_string(r'"\u{D800}"')
    with pytest.raises(TextParseError, match="malformed UTF-8 encoding"):
        parse_module(r'(func (export "\ff"))')


def test_comments_nest_and_errors_carry_line_and_column():
    m = parse_module("(module (; outer (; inner ;) still ;) (func) ;; line\n)")
    assert len(m.funcs) == 1
    with pytest.raises(TextParseError, match=r"^3:5: unknown operator i32\.bogus"):
        parse_module("(module\n  (func\n    i32.bogus))")
    with pytest.raises(TextParseError, match="unclosed comment"):
        parse_module("(module (; never closed")


# ---------------------------------------------------------------- modules

def _ops(body):
    return [i.op.name for i in body]


def test_folded_if_flattens_conditions_first_and_labels_resolve():
    m = parse_module("""(module (func $f (param $p i32) (result i32)
        (block $out (result i32)
          (if $l (result i32) (local.get $p)
            (then (br $out (i32.const 1)))
            (else (br_if $l (i32.const 2) (local.get $p)) (i32.const 3))))))""")
    body = m.funcs[0].body
    names = _ops(body)
    assert names == ["block", "local.get", "if", "i32.const", "br", "else",
                     "i32.const", "local.get", "br_if", "i32.const", "end", "end", "end"]
    br = body[names.index("br")]
    br_if = body[names.index("br_if")]
    assert br.imm == 1 and br_if.imm == 0


def test_implicit_types_are_appended_after_explicit_ones():
    m = parse_module("""(module
        (func (param i64))
        (type $a (func (param i32)))
        (func (param i32))
        (func (result f32) (block (param f32) (result f32 f32) (unreachable)) (unreachable)))""")
    assert m.types == [FuncType((I32,), ()), FuncType((I64,), ()),
                       FuncType((), (F32,)), FuncType((F32,), (F32, F32))]
    assert [f.type_idx for f in m.funcs] == [1, 0, 2]
    assert m.funcs[2].body[0].imm == 3


def test_inline_type_must_agree_with_type_use():
    with pytest.raises(TextParseError, match="inline function type"):
        parse_module("(type $t (func (param i32))) (func (type $t) (param i64))")


def test_deep_nesting_needs_no_recursion():
    depth = 10_000
    folded = "(func " + "(block " * depth + ")" * depth + ")"
    assert _ops(parse_module(folded).funcs[0].body).count("block") == depth
    plain = "(func " + "block " * depth + "end " * depth + ")"
    assert len(parse_module(plain).funcs[0].body) == 2 * depth + 1


def test_abbreviations_tables_memories_imports_exports():
    m = parse_module("""(module
        (import "m" "g" (global $g (mut i32)))
        (func $f (import "m" "f") (param i32))
        (table $t (export "t") funcref (elem $f $h))
        (memory (export "mem") (data "ab" "c"))
        (func $h (export "h") (export "h2"))
        (global (export "g2") i64 (i64.const -1))
        (elem declare func $h)
        (elem (table $t) (offset (i32.const 1)) funcref (ref.null func) (item ref.func $f))
        (data (memory 0) (i32.const 8) "\\00\\ff"))""")
    assert [(i.module, i.name) for i in m.imports] == [("m", "g"), ("m", "f")]
    assert m.tables[0].limits.min == m.tables[0].limits.max == 2
    assert m.mems[0].limits.min == 1 and m.datas[0].init == b"abc"
    assert [(e.name, e.index) for e in m.exports] == [
        ("t", 0), ("mem", 0), ("h", 1), ("h2", 1), ("g2", 1)]
    assert [e.mode for e in m.elems] == ["active", "declarative", "active"]
    assert m.elems[2].init[0][0].op is OP_BY_NAME["ref.null"]
    assert m.datas[1].init == b"\x00\xff" and m.datas[1].offset[0].imm == 8


def test_memarg_simd_and_select_immediates():
    m = parse_module("""(module (memory 1) (func (param v128) (result v128)
        (drop (i64.load16_s offset=0x10 align=1 (i32.const 0)))
        (drop (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0)))
        (v128.load8_lane offset=3 15 (i32.const 0) (local.get 0))
        (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
          (v128.const i16x8 -1 2 3 4 5 6 7 0xffff) (local.get 0))
        drop))""")
    body = m.funcs[0].body
    imms = {i.op.name: i.imm for i in body}
    assert imms["i64.load16_s"] == (0, 16, 0)
    assert imms["select_t"] == (I32,)
    assert imms["v128.load8_lane"] == (0, 3, 0, 15)
    assert imms["i8x16.shuffle"] == bytes(range(15)) + b"\x1f"
    assert imms["v128.const"] == struct.pack("<8H", 0xFFFF, 2, 3, 4, 5, 6, 7, 0xFFFF)
    with pytest.raises(TextParseError, match="alignment"):
        parse_module("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))")


@pytest.mark.parametrize("text, message", [
    ("(func (local $x i32) (local $x i64))", "duplicate local"),
    ("(func $f) (func $f)", "duplicate func"),
    ("(func br $nowhere)", "unknown label"),
    ("(func call $nowhere)", "unknown function"),
    ("(func block $a end $b)", "mismatching label"),
    ("(func) (import \"\" \"\" (func))", "import after function"),
    ("(func (i32.const 4294967296) drop)", "constant out of range"),
    ("(func (i32.const 0x1g) drop)", "unknown operator"),
    ("(func (nop) (local i32))", "unexpected token"),
    ("(func (block", "unexpected end"),
    ("(func (f32.const nan:canonical) drop)", "unexpected token"),
])
def test_malformed_text(text, message):
    with pytest.raises(TextParseError, match=message):
        parse_module(text)


def test_numeric_out_of_range_indices_are_left_to_the_validator():
    m = parse_module("(func call 7 local.get 9 br 3)")
    assert [i.imm for i in m.funcs[0].body[:3]] == [7, 9, 3]


# ---------------------------------------------------------------- scripts

def test_script_values_are_raw_bits_and_patterns():
    cmds = S.parse_script(r'''
      (module $M (func (export "f") (param i32) (result i32) (local.get 0)))
      (module $B binary "\00asm" "\01\00\00\00")
      (module quote "(func)")
      (register "reg" $M)
      (assert_return (invoke $M "f" (i32.const -1)) (i32.const 0xffffffff))
      (assert_return (invoke "g" (f32.const -0.0) (ref.null extern) (ref.extern 7))
                     (f64.const nan:canonical) (ref.func) (ref.extern 7)
                     (v128.const f32x4 1 nan:arithmetic 0 -0)
                     (v128.const i64x2 -1 1))
      (assert_trap (invoke "f") "unreachable")
      (assert_trap (module (func (unreachable)) (start 0)) "unreachable")
      (assert_malformed (module quote "(func") "unexpected end")
      (get $M "g")
    ''', "inline.wast")
    mod, binary, quote, reg, ret1, ret2, trap, trap_mod, mal, get = cmds
    assert mod.id == "$M" and mod.kind == "text" and mod.module.id == "$M"
    assert binary.kind == "binary" and binary.source == b"\x00asm\x01\x00\x00\x00"
    assert quote.kind == "quote" and quote.source == "(func)" and quote.module is None
    assert reg == S.Register(reg.line, "reg", "$M")
    assert ret1.action.module_id == "$M" and ret1.action.args == [S.Const(I32, 0xFFFFFFFF)]
    assert ret1.expected == [S.Const(I32, 0xFFFFFFFF)]
    assert ret2.action.args == [S.Const(F32, 0x80000000), S.Const(EXTERNREF, None),
                                S.Const(EXTERNREF, 7)]
    nan, ref, ext, v128p, v128c = ret2.expected
    assert nan == S.NanPattern(F64, "canonical")
    assert ref == S.RefPattern(FUNCREF, "nonnull") and ext == S.Const(EXTERNREF, 7)
    assert v128p.shape == "f32x4" and v128p.lanes[1] == S.NanPattern(F32, "arithmetic")
    assert v128p.lanes[3] == S.Const(F32, 0x80000000)
    assert v128c == S.Const(V128, (1 << 64) | (2**64 - 1))
    assert isinstance(trap.action_or_module, S.Invoke) and trap.message == "unreachable"
    assert trap_mod.action_or_module.module.start == 0
    assert mal.module.kind == "quote" and mal.message == "unexpected end"
    assert get == S.Get(get.line, "$M", "g")
    assert [c.line for c in cmds] == [2, 3, 4, 5, 6, 7, 11, 12, 13, 14]


def test_script_errors_name_the_file():
    with pytest.raises(TextParseError, match=r"^bad\.wast:1:2: unknown operator frobnicate"):
        S.parse_script("(frobnicate)", "bad.wast")
    with pytest.raises(TextParseError, match=r"^bad\.wast:2:2: unexpected token"):
        S.parse_script("(module)\n(func)", "bad.wast")
    with pytest.raises(TextParseError, match="bad.wast:1:"):
        S.parse_script("(assert_return (invoke \"f\" (i64.const 0x1_0000_0000_0000_0000)))",
                       "bad.wast")


def test_malformed_text_module_in_a_script_is_handed_on_as_source():
    (cmd,) = S.parse_script('(assert_malformed (module (func i32.bogus)) "unknown operator")')
    assert cmd.module.kind == "quote" and cmd.module.module is None
    with pytest.raises(TextParseError, match="unknown operator"):
        parse_module(cmd.module.source)


def test_memarg_offsets_are_u64_and_validation_bounds_them():
    # Wasm 3.0: offset= is a u64 in text; a 32-bit memory takes < 2^32
    # (validation, "offset out of range"); 2.0's text read a u32 (malformed)
    from wasmlite.errors import InvalidError
    from wasmlite.valid.validate import validate_module
    src = "(memory 1) (func (drop (i32.load offset={} (i32.const 0))))"
    validate_module(parse_module(src.format(2**32 - 1)))
    for off in (2**32, 2**64 - 1):
        m = parse_module(src.format(off))
        assert m.funcs[0].body[1].imm[1] == off
        with pytest.raises(InvalidError, match="offset out of range"):
            validate_module(m)
        with pytest.raises(TextParseError, match="i32 constant out of range"):
            parse_module(src.format(off), frozenset({"offset64"}))
    with pytest.raises(TextParseError, match="i64 constant out of range"):
        parse_module(src.format(2**64))
    m = parse_module("(memory 1) (func (drop (i32.load align=1099511627776 (i32.const 0))))")
    with pytest.raises(InvalidError, match="alignment must not be larger than natural"):
        validate_module(m)
