"""Unit tests of the binary format: LEB128, decoding details the spec suite
does not pin down (offsets, names, immediates' Python shapes, segment forms,
limits) and the encoder's choices (canonical forms, customs, name section)."""
from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wasmlite.binary.decode import decode_module
from wasmlite.binary.encode import encode_module
from wasmlite.binary.names import encode_names
from wasmlite.binary.leb128 import (read_signed, read_unsigned, write_signed,
                                    write_unsigned)
from wasmlite.errors import MalformedError, WasmtimeError
from wasmlite.syntax.instructions import OP_BY_NAME
from wasmlite.syntax.module import (Custom, Data, Export, Func, Instr,
                                    Module, NameSection)
from wasmlite.syntax.types import (EXTERNREF, F32, FUNCREF, FUNCREF_NON_NULL, I32, I64, V128,
                                   ExternKind, FuncType)

wasmtime = pytest.importorskip("wasmtime")
wat2wasm = wasmtime.wat2wasm

HEADER = b"\x00asm\x01\x00\x00\x00"


def I(name, imm=None):
    return Instr(OP_BY_NAME[name], imm)


def section(sid: int, payload: bytes) -> bytes:
    return bytes((sid,)) + write_unsigned(len(payload)) + payload


def malformed(data: bytes) -> str:
    with pytest.raises(MalformedError) as info:
        decode_module(data)
    return str(info.value)


# ------------------------------------------------------------------ LEB128

@given(st.integers(0, 2**32 - 1))
def test_unsigned_leb_round_trip(n):
    enc = write_unsigned(n)
    assert read_unsigned(enc, 0, 32) == (n, len(enc))
    assert len(enc) == max(1, -(-n.bit_length() // 7))     # minimal


@given(st.integers(-2**63, 2**63 - 1))
def test_signed_leb_round_trip(n):
    enc = write_signed(n)
    assert read_signed(enc, 0, 64) == (n, len(enc))
    # minimal: one byte less would not hold the value with its sign bit
    significant = (n if n >= 0 else ~n).bit_length() + 1
    assert len(enc) == -(-significant // 7)


@pytest.mark.parametrize("data, bits, value", [
    (b"\x80\x80\x80\x80\x0f", 32, 0xF0000000),
    (b"\xff\xff\xff\xff\x0f", 32, 2**32 - 1),
    (b"\x80\x00", 32, 0),                       # padded zero is allowed
    (b"\x01", 1, 1),
])
def test_unsigned_leb_limits_accept(data, bits, value):
    assert read_unsigned(data, 0, bits)[0] == value


@pytest.mark.parametrize("data, bits, message", [
    (b"\xff\xff\xff\xff\x1f", 32, "integer too large"),
    (b"\x80\x80\x80\x80\x80\x00", 32, "integer representation too long"),
    (b"\x02", 1, "integer too large"),
    (b"\x81\x00", 1, "integer representation too long"),
])
def test_unsigned_leb_limits_reject(data, bits, message):
    with pytest.raises(MalformedError, match=message):
        read_unsigned(data, 0, bits)


@pytest.mark.parametrize("data, bits, value", [
    (b"\xff\xff\xff\xff\x7f", 32, -1),
    (b"\x80\x80\x80\x80\x78", 32, -2**31),
    (b"\xff\xff\xff\xff\x07", 32, 2**31 - 1),
    (b"\x7f", 64, -1),
    (b"\xff\xff\xff\xff\x0f", 33, 2**32 - 1),
    (b"\x80\x80\x80\x80\x70", 33, -2**32),
])
def test_signed_leb_limits_accept(data, bits, value):
    assert read_signed(data, 0, bits)[0] == value


@pytest.mark.parametrize("data, bits, message", [
    (b"\xff\xff\xff\xff\x4f", 32, "integer too large"),     # unused bits mix
    (b"\x80\x80\x80\x80\x08", 32, "integer too large"),
    (b"\xff\xff\xff\xff\xff\x7f", 32, "integer representation too long"),
    (b"\x80\x80\x80\x80\x80\x80\x80\x80\x80\x02", 64, "integer too large"),
    (b"\x80\x80\x80\x80\x10", 33, "integer too large"),
])
def test_signed_leb_limits_reject(data, bits, message):
    with pytest.raises(MalformedError, match=message):
        read_signed(data, 0, bits)


# ------------------------------------------------------------ module header

@pytest.mark.parametrize("data, message", [
    (b"", "unexpected end"),
    (b"\x00as", "unexpected end"),
    (b"\x00asX\x01\x00\x00\x00", "magic header not detected"),
    (b"\x00asm\x01\x00", "unexpected end"),
    (b"\x00asm\x02\x00\x00\x00", "unknown binary version"),
    (HEADER + b"\x0e\x00", "malformed section id"),   # (13 is the tag section)
    (HEADER + b"\x01\x05\x00", "length out of bounds"),
])
def test_header_and_section_errors(data, message):
    assert message in malformed(data)


def test_errors_are_wasmtime_errors_and_accept_buffers():
    assert issubclass(MalformedError, WasmtimeError)
    assert decode_module(bytearray(HEADER)) == Module()
    assert decode_module(memoryview(HEADER)) == Module()
    with pytest.raises(TypeError):
        decode_module("\0asm")


# ---------------------------------------------------------------- decoding

FAC = """(module $fac_mod
  (func $fac (export "fac") (param $n i64) (result i64) (local $acc i64)
    (local.set $acc (i64.const 1))
    (block $done (loop $again
      (br_if $done (i64.eqz (local.get $n)))
      (local.set $acc (i64.mul (local.get $acc) (local.get $n)))
      (local.set $n (i64.sub (local.get $n) (i64.const 1)))
      (br $again)))
    (local.get $acc)))"""


def test_offsets_point_into_the_whole_binary():
    data = wat2wasm(FAC)
    m = decode_module(data)
    (f,) = m.funcs
    size, body_start = read_unsigned(data, f.offset, 32)
    for ins in f.body:
        assert data[ins.offset] == ins.op.code
    assert f.body[0].offset == body_start + 3     # after 1 local group (3 bytes)
    assert f.body[-1].offset == body_start + size - 1        # the final end
    assert f.locals == [I64]


def test_name_section_parsed_and_raw_custom_kept():
    m = decode_module(wat2wasm(FAC))
    assert m.names == NameSection("fac_mod", {0: "fac"}, {0: {0: "n", 1: "acc"}})
    assert [c.name for c in m.customs] == ["name"]
    assert m.customs[0].after == 10          # after the code section


def test_malformed_name_section_is_ignored():
    data = HEADER + section(0, b"\x04name" + b"\x01\x05\x01\x00\x09ab")
    m = decode_module(data)
    assert m.names is None
    assert m.customs == [Custom("name", b"\x01\x05\x01\x00\x09ab", 0)]


def test_custom_sections_remember_their_place():
    types = section(1, b"\x01\x60\x00\x00")
    data = (HEADER + section(0, b"\x01a") + types + section(0, b"\x01b1")
            + section(0, b"\x01c"))
    m = decode_module(data)
    assert [(c.name, c.data, c.after) for c in m.customs] == [
        ("a", b"", 0), ("b", b"1", 1), ("c", b"", 1)]
    assert encode_module(m) == data


def test_immediate_shapes():
    m = decode_module(wat2wasm("""(module
      (type $t (func (param i32) (result i32)))
      (table $tab 2 funcref) (table $ext 1 externref) (memory 1)
      (elem $e func $f) (data $d "hi")
      (func $f (type $t)
        (drop (f32.const nan:0x200001)) (drop (f64.const -0x1p-1074))
        (drop (i64.const -9223372036854775808))
        (drop (v128.const i32x4 1 2 3 4))
        (drop (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
                (v128.const i64x2 0 0) (v128.const i64x2 0 0)))
        (drop (i32x4.extract_lane 3 (v128.const i64x2 0 0)))
        (drop (v128.load8_lane offset=3 align=1 5 (i32.const 0) (v128.const i64x2 0 0)))
        (drop (i64.load32_u offset=7 align=2 (i32.const 0)))
        (drop (select (result i32) (i32.const 1) (i32.const 2) (i32.const 3)))
        (drop (ref.null extern))
        (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0))
        (table.init $tab $e (i32.const 0) (i32.const 0) (i32.const 0))
        (table.copy $tab $tab (i32.const 0) (i32.const 0) (i32.const 0))
        (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))
        (drop (memory.grow (memory.size)))
        (drop (call_indirect $tab (type $t) (i32.const 0) (i32.const 0)))
        (block $b (br_table 0 $b 0 (local.get 0)))
        (local.get 0)))"""))
    imms = {}
    for ins in m.funcs[0].body:
        imms.setdefault(ins.op.name, ins.imm)
    assert imms["f32.const"] == 0x7FA00001
    assert imms["f64.const"] == 0x8000000000000001
    assert imms["i64.const"] == -2**63
    assert imms["v128.const"] == struct.pack("<4i", 1, 2, 3, 4)
    assert imms["i8x16.shuffle"] == bytes(range(16))
    assert imms["i32x4.extract_lane"] == 3
    assert imms["v128.load8_lane"] == (0, 3, 0, 5)
    assert imms["i64.load32_u"] == (1, 7, 0)          # align=2: log2 1
    assert imms["select_t"] == (I32,)
    assert imms["ref.null"] is EXTERNREF
    assert imms["memory.init"] == (0, 0)
    assert imms["table.init"] == (0, 0)
    assert imms["table.copy"] == (0, 0)
    assert imms["memory.copy"] == (0, 0)
    assert imms["memory.size"] == 0 and imms["memory.grow"] == 0
    assert imms["call_indirect"] == (0, 0)
    assert imms["br_table"] == ((0, 0), 0)
    assert imms["block"] is None
    assert m.data_count == 1


def test_block_types():
    m = decode_module(wat2wasm("""(module (type (func (param i32) (result i32 i32)))
      (func (result i64) (block (result i64) (i64.const 1))
        (drop) (i32.const 1) (block (type 0) (param i32) (result i32 i32)
        (i32.const 2)) (drop) (drop) (i64.const 3)))"""))
    blocks = [i.imm for i in m.funcs[0].body if i.op.name == "block"]
    assert blocks == [I64, 0]


ELEM_FORMS = """(module
  (table $t0 2 funcref) (table $t1 2 externref) (func $f)
  (elem (i32.const 0) $f)                                     ;; form 0
  (elem func $f)                                              ;; form 1
  (elem (table $t0) (i32.const 1) func $f)                    ;; form 2
  (elem declare func $f)                                      ;; form 3
  (elem (i32.const 0) funcref (ref.func $f) (ref.null func))  ;; form 4
  (elem funcref (ref.null func))                              ;; form 5
  (elem (table $t1) (i32.const 0) externref (ref.null extern));; form 6
  (elem declare funcref (ref.func $f))                        ;; form 7
)"""


def test_all_element_segment_forms():
    data = wat2wasm(ELEM_FORMS)
    m = decode_module(data)
    got = [(e.form, e.mode, e.table, e.type, [x[0].op.name for x in e.init])
           for e in m.elems]
    # function indices (forms 0-3) make a segment of (ref func) (Wasm 3.0)
    assert got == [
        (0, "active", 0, FUNCREF_NON_NULL, ["ref.func"]),
        (1, "passive", 0, FUNCREF_NON_NULL, ["ref.func"]),
        (2, "active", 0, FUNCREF_NON_NULL, ["ref.func"]),
        (3, "declarative", 0, FUNCREF_NON_NULL, ["ref.func"]),
        (4, "active", 0, FUNCREF, ["ref.func", "ref.null"]),
        (5, "passive", 0, FUNCREF, ["ref.null"]),
        (6, "active", 1, EXTERNREF, ["ref.null"]),
        (7, "declarative", 0, FUNCREF, ["ref.func"]),
    ]
    assert m.elems[0].init == [[I("ref.func", 0), I("end")]]
    assert m.elems[0].offset == [I("i32.const", 0), I("end")]
    assert encode_module(m) == data
    # without a recorded form the encoder picks the shortest one
    for e in m.elems:
        e.form = None
    shortest = decode_module(encode_module(m))
    # (a funcref segment keeps its expressions: as indices it would decode
    # as (ref func))
    assert [e.form for e in shortest.elems] == [0, 1, 0, 3, 4, 5, 6, 7]
    assert shortest.elems == m.elems


def test_data_segment_forms():
    mem = section(5, b"\x01\x00\x01")
    data = HEADER + mem + section(11, b"\x03" + b"\x00\x41\x01\x0b\x01a"
                                  + b"\x01\x02bc" + b"\x02\x00\x41\x02\x0b\x00")
    m = decode_module(data)
    assert m.datas == [Data(b"a", "active", 0, [I("i32.const", 1), I("end")]),
                       Data(b"bc", "passive"),
                       Data(b"", "active", 0, [I("i32.const", 2), I("end")])]
    assert decode_module(encode_module(m)).datas == m.datas
    bad = HEADER + mem + section(11, b"\x01\x03\x00")
    assert "malformed data segment kind" in malformed(bad)


def _one_func(body: bytes, locals_: bytes = b"\x00") -> bytes:
    code = locals_ + body
    return (HEADER + section(1, b"\x01\x60\x00\x00") + section(3, b"\x01\x00")
            + section(10, b"\x01" + write_unsigned(len(code)) + code))


def test_locals_limit():
    ok = decode_module(_one_func(b"\x0b", b"\x02\x10\x7f\x03\x7e"))
    assert ok.funcs[0].locals == [I32] * 16 + [I64] * 3
    assert "too many locals" in malformed(
        _one_func(b"\x0b", b"\x01" + write_unsigned(60_000) + b"\x7f"))


@pytest.mark.parametrize("body, message", [
    (b"\x05\x0b", "END opcode expected"),               # else outside if
    (b"\x04\x40\x05\x05\x0b\x0b", "END opcode expected"),  # two elses
    (b"\x27\x0b", "illegal opcode"),                   # (0x06 is the legacy try)
    (b"\xfc\x12\x0b", "illegal opcode"),
    (b"\xfd\x9a\x01\x0b", "illegal opcode"),             # unassigned SIMD
    (b"\x28\x80\x01\x00\x0b", "malformed memop flags"),   # flags past 3.0's bit 6
    (b"\x28\x40", "unexpected end"),                     # bit 6: a memory index follows
    (b"\x02\x40", "unexpected end"),
    (b"\x43\x00\x00", "unexpected end"),
    (b"\xd0\x7f\x0b", "malformed reference type"),
])
def test_instruction_errors(body, message):
    assert message in malformed(_one_func(body))


def test_deep_nesting_has_no_recursion():
    depth = 10_000
    body = b"\x02\x40" * depth + b"\x0b" * depth + b"\x0b"
    m = decode_module(_one_func(body))
    assert len(m.funcs[0].body) == 2 * depth + 1
    assert decode_module(encode_module(m)) == m


# ---------------------------------------------------------------- encoding

def test_encoder_is_canonical_and_groups_locals():
    m = Module(types=[FuncType((I32,), (I32,))],
               funcs=[Func(0, [I32, I32, F32, I32, V128],
                           [I("local.get", 0), I("i32.const", -1000000),
                            I("i32.add"), I("end")])],
               exports=[Export("f", ExternKind.FUNC, 0)])
    data = encode_module(m)
    assert data == wat2wasm("""(module (func (export "f") (param i32) (result i32)
        (local i32 i32 f32 i32 v128)
        (i32.add (local.get 0) (i32.const -1000000))))""")
    assert decode_module(data) == Module(
        types=m.types, funcs=[Func(0, m.funcs[0].locals, m.funcs[0].body,
                                   decode_module(data).funcs[0].offset)],
        exports=m.exports)


def test_encoder_generates_name_section_from_names():
    m = decode_module(wat2wasm(FAC))
    raw = m.customs.pop()                        # drop the raw "name" custom
    regenerated = encode_module(m)
    assert decode_module(regenerated).names == m.names
    # module, function and local names come back; label names (not kept
    # in NameSection) are dropped
    assert regenerated.endswith(b"\x04name" + encode_names(m.names))
    assert raw.data.startswith(encode_names(m.names))
    m.names = NameSection(module="other")
    m.customs.append(raw)                        # a raw one wins
    assert decode_module(encode_module(m)).names.module == "fac_mod"


def test_encoder_adds_data_count_when_code_needs_it():
    m = Module(mems=[], datas=[Data(b"x")],
               types=[FuncType((), ())],
               funcs=[Func(0, [], [I("data.drop", 0), I("end")])])
    again = decode_module(encode_module(m))
    assert again.data_count == 1
    m.funcs[0].body = [I("end")]
    assert decode_module(encode_module(m)).data_count is None


def test_data_count_consistency():
    dc = section(12, b"\x02")
    assert "inconsistent lengths" in malformed(
        HEADER + dc + section(11, b"\x01\x01\x00"))
    drop = _one_func(b"\xfc\x09\x00\x0b")
    assert "data count section required" in malformed(drop)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "(i32.const {n})", "(i64.const {n})", "(f64.const {n})", "(f32.const {n})",
    "(global.get $g)", "(memory.size)"]), min_size=1, max_size=8),
    st.integers(-2**31, 2**31 - 1))
def test_generated_modules_round_trip_exactly(exprs, n):
    body = " ".join(f"(drop {e.format(n=n)})" for e in exprs)
    src = f"""(module (memory 1) (global $g (mut i32) (i32.const {n}))
      (func (export "run") (param i64) {body}))"""
    data = wat2wasm(src)
    assert encode_module(decode_module(data)) == data
