"""ONE table of every WebAssembly instruction.

Each row (an ``Op``) gives the text name, the binary encoding, the kind of
immediates, the stack effect for instructions whose effect is fixed, and the
feature (proposal) that introduced it. The decoder, encoder, text parser,
validator and compiler all read this table; adding an instruction of a later
proposal is one row here plus its semantics in the compiler.

Immediate kinds and the Python shape of ``Instr.imm`` for each:

  ``None``          no immediate; imm is None
  ``"block"``       block type: None | ValType | int (type index)
  ``"label"``       int (relative depth)
  ``"br_table"``    (tuple[int, ...] targets, int default)
  ``"func"``        int function index
  ``"call_indirect"`` (type index, table index)
  ``"type"``        int type index (call_ref)
  ``"local"`` / ``"global"`` / ``"table"`` / ``"elem"`` / ``"data"`` / ``"mem"``
                    int index
  ``"memarg"``      (align_log2, offset, memory index)
  ``"i32"`` / ``"i64"``  int, signed (two's complement range of the type)
  ``"f32"`` / ``"f64"``  int, the raw IEEE bit pattern (keeps NaN payloads)
  ``"v128"``        bytes, 16 little-endian bytes
  ``"select_t"``    tuple[ValType, ...]
  ``"heaptype"``    ValType (a nullable reference type) — the type ref.null makes
  ``"memory.init"`` (data index, memory index)
  ``"memory.copy"`` (destination memory, source memory)
  ``"table.init"``  (element index, table index)
  ``"table.copy"``  (destination table, source table)
  ``"lane"``        int lane index
  ``"memarg_lane"`` (align_log2, offset, memory index, lane)
  ``"shuffle"``     bytes, 16 lane indices
  ``"tag"``         int tag index (throw; the legacy catch)
  ``"struct_field"`` (type index, field index): struct.get/_s/_u, struct.set
  ``"array_fixed"`` (type index, number of operands): array.new_fixed
  ``"array_data"``  (type index, data index): array.new_data, array.init_data
  ``"array_elem"``  (type index, element index): array.new_elem, array.init_elem
  ``"array_copy"``  (destination type index, source type index)
  ``"reftype"``     ValType, the target reference type of ref.test / ref.cast
                    (nullable for the _null rows, codes 21 and 23)
  ``"br_on_cast"``  (label, from ValType, to ValType): br_on_cast(_fail); the
                    binary's cast flags are the two types' nullability
  (struct.new/new_default, array.new/new_default/get/get_s/get_u/set/fill
  take ``"type"``, a type index)
  ``"try_table"``   (block type as for "block", tuple[module.Catch, ...]):
                    the catch clauses in order, each (kind, tag or None,
                    label); labels count from outside the try_table

Exception handling (Wasm 3.0, feature "exceptions"): ``throw``, ``throw_ref``,
``try_table ... end``. The legacy proposal (feature "legacy_exceptions")
stays flat like block/if/else/end: ``try bt`` opens a block, each ``catch x``
/ ``catch_all`` starts a new segment of it (like ``else``), and it closes
with ``end``, or with ``delegate l``, which ENDS the try block itself (no
``end`` follows); ``rethrow l`` names a catch / catch_all block.

Binary encoding: ``prefix`` is None for one-byte opcodes, or 0xFB / 0xFC / 0xFD,
followed by ``code`` as an unsigned LEB128.

``params``/``results`` are tuples of ValType for instructions with a fixed
stack effect; ``None`` marks instructions the validator types specially
(control, locals, globals, select, calls, references, tables...).

``natural_align`` is log2 of the access width for memory instructions.
"""
from __future__ import annotations

from typing import Optional

from .types import F32, F64, I32, I64, V128


class Op:
    __slots__ = ("name", "prefix", "code", "imm", "params", "results",
                 "feature", "natural_align")

    def __init__(self, name: str, prefix: Optional[int], code: int,
                 imm: Optional[str], params, results, feature: str,
                 natural_align: Optional[int] = None) -> None:
        self.name = name
        self.prefix = prefix
        self.code = code
        self.imm = imm
        self.params = params
        self.results = results
        self.feature = feature
        self.natural_align = natural_align

    def __repr__(self) -> str:
        return f"<Op {self.name}>"


_T = {"i": I32, "I": I64, "f": F32, "F": F64, "v": V128}


def _sig(s: Optional[str]):
    """'ii:i' -> ((I32, I32), (I32,)); None stays None (special typing)."""
    if s is None:
        return None, None
    p, r = s.split(":")
    return tuple(_T[c] for c in p), tuple(_T[c] for c in r)


OPS: list[Op] = []


def _op(name, prefix, code, imm=None, sig=None, feature="mvp", align=None):
    params, results = _sig(sig)
    OPS.append(Op(name, prefix, code, imm, params, results, feature, align))


# ---------------------------------------------------------------- control
_op("unreachable", None, 0x00)
_op("nop", None, 0x01, sig=":")
_op("block", None, 0x02, "block")
_op("loop", None, 0x03, "block")
_op("if", None, 0x04, "block")
_op("else", None, 0x05)
_op("try", None, 0x06, "block", feature="legacy_exceptions")
_op("catch", None, 0x07, "tag", feature="legacy_exceptions")
_op("throw", None, 0x08, "tag", feature="exceptions")
_op("rethrow", None, 0x09, "label", feature="legacy_exceptions")
_op("throw_ref", None, 0x0A, feature="exceptions")
_op("end", None, 0x0B)
_op("br", None, 0x0C, "label")
_op("br_if", None, 0x0D, "label")
_op("br_table", None, 0x0E, "br_table")
_op("return", None, 0x0F)
_op("call", None, 0x10, "func")
_op("call_indirect", None, 0x11, "call_indirect")
_op("return_call", None, 0x12, "func", feature="tail_call")
_op("return_call_indirect", None, 0x13, "call_indirect", feature="tail_call")
_op("call_ref", None, 0x14, "type", feature="function_references")
_op("return_call_ref", None, 0x15, "type", feature="tail_call")
_op("delegate", None, 0x18, "label", feature="legacy_exceptions")
_op("catch_all", None, 0x19, feature="legacy_exceptions")
# ---------------------------------------------------------------- parametric
_op("drop", None, 0x1A)
_op("select", None, 0x1B)
_op("select_t", None, 0x1C, "select_t", feature="reference_types")  # text: "select (result t)"
_op("try_table", None, 0x1F, "try_table", feature="exceptions")
# ---------------------------------------------------------------- variables
_op("local.get", None, 0x20, "local")
_op("local.set", None, 0x21, "local")
_op("local.tee", None, 0x22, "local")
_op("global.get", None, 0x23, "global")
_op("global.set", None, 0x24, "global")
_op("table.get", None, 0x25, "table", feature="reference_types")
_op("table.set", None, 0x26, "table", feature="reference_types")
# ---------------------------------------------------------------- memory
for _name, _code, _sg, _al in [
    ("i32.load", 0x28, "i:i", 2), ("i64.load", 0x29, "i:I", 3),
    ("f32.load", 0x2A, "i:f", 2), ("f64.load", 0x2B, "i:F", 3),
    ("i32.load8_s", 0x2C, "i:i", 0), ("i32.load8_u", 0x2D, "i:i", 0),
    ("i32.load16_s", 0x2E, "i:i", 1), ("i32.load16_u", 0x2F, "i:i", 1),
    ("i64.load8_s", 0x30, "i:I", 0), ("i64.load8_u", 0x31, "i:I", 0),
    ("i64.load16_s", 0x32, "i:I", 1), ("i64.load16_u", 0x33, "i:I", 1),
    ("i64.load32_s", 0x34, "i:I", 2), ("i64.load32_u", 0x35, "i:I", 2),
    ("i32.store", 0x36, "ii:", 2), ("i64.store", 0x37, "iI:", 3),
    ("f32.store", 0x38, "if:", 2), ("f64.store", 0x39, "iF:", 3),
    ("i32.store8", 0x3A, "ii:", 0), ("i32.store16", 0x3B, "ii:", 1),
    ("i64.store8", 0x3C, "iI:", 0), ("i64.store16", 0x3D, "iI:", 1),
    ("i64.store32", 0x3E, "iI:", 2),
]:
    _op(_name, None, _code, "memarg", _sg, align=_al)
_op("memory.size", None, 0x3F, "mem", ":i")
_op("memory.grow", None, 0x40, "mem", "i:i")
# ---------------------------------------------------------------- constants
_op("i32.const", None, 0x41, "i32", ":i")
_op("i64.const", None, 0x42, "i64", ":I")
_op("f32.const", None, 0x43, "f32", ":f")
_op("f64.const", None, 0x44, "f64", ":F")


def _family(start: int, prefix_name: str, names: str, sig: str,
            prefix: Optional[int] = None, feature: str = "mvp") -> None:
    """Consecutive opcodes sharing one signature."""
    for i, n in enumerate(names.split()):
        if n != "-":
            _op(f"{prefix_name}.{n}", prefix, start + i, None, sig, feature)


# ---------------------------------------------------------------- numeric
_family(0x45, "i32", "eqz", "i:i")
_family(0x46, "i32", "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u", "ii:i")
_family(0x50, "i64", "eqz", "I:i")
_family(0x51, "i64", "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u", "II:i")
_family(0x5B, "f32", "eq ne lt gt le ge", "ff:i")
_family(0x61, "f64", "eq ne lt gt le ge", "FF:i")
_family(0x67, "i32", "clz ctz popcnt", "i:i")
_family(0x6A, "i32", "add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr", "ii:i")
_family(0x79, "i64", "clz ctz popcnt", "I:I")
_family(0x7C, "i64", "add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr", "II:I")
_family(0x8B, "f32", "abs neg ceil floor trunc nearest sqrt", "f:f")
_family(0x92, "f32", "add sub mul div min max copysign", "ff:f")
_family(0x99, "f64", "abs neg ceil floor trunc nearest sqrt", "F:F")
_family(0xA0, "f64", "add sub mul div min max copysign", "FF:F")
for _name, _code, _sg in [
    ("i32.wrap_i64", 0xA7, "I:i"),
    ("i32.trunc_f32_s", 0xA8, "f:i"), ("i32.trunc_f32_u", 0xA9, "f:i"),
    ("i32.trunc_f64_s", 0xAA, "F:i"), ("i32.trunc_f64_u", 0xAB, "F:i"),
    ("i64.extend_i32_s", 0xAC, "i:I"), ("i64.extend_i32_u", 0xAD, "i:I"),
    ("i64.trunc_f32_s", 0xAE, "f:I"), ("i64.trunc_f32_u", 0xAF, "f:I"),
    ("i64.trunc_f64_s", 0xB0, "F:I"), ("i64.trunc_f64_u", 0xB1, "F:I"),
    ("f32.convert_i32_s", 0xB2, "i:f"), ("f32.convert_i32_u", 0xB3, "i:f"),
    ("f32.convert_i64_s", 0xB4, "I:f"), ("f32.convert_i64_u", 0xB5, "I:f"),
    ("f32.demote_f64", 0xB6, "F:f"),
    ("f64.convert_i32_s", 0xB7, "i:F"), ("f64.convert_i32_u", 0xB8, "i:F"),
    ("f64.convert_i64_s", 0xB9, "I:F"), ("f64.convert_i64_u", 0xBA, "I:F"),
    ("f64.promote_f32", 0xBB, "f:F"),
    ("i32.reinterpret_f32", 0xBC, "f:i"), ("i64.reinterpret_f64", 0xBD, "F:I"),
    ("f32.reinterpret_i32", 0xBE, "i:f"), ("f64.reinterpret_i64", 0xBF, "I:F"),
]:
    _op(_name, None, _code, None, _sg)
# sign extension
_family(0xC0, "i32", "extend8_s extend16_s", "i:i", feature="sign_extension")
_family(0xC2, "i64", "extend8_s extend16_s extend32_s", "I:I", feature="sign_extension")
# ---------------------------------------------------------------- references
_op("ref.null", None, 0xD0, "heaptype", feature="reference_types")
_op("ref.is_null", None, 0xD1, feature="reference_types")
_op("ref.func", None, 0xD2, "func", feature="reference_types")
_op("ref.eq", None, 0xD3, feature="gc")
_op("ref.as_non_null", None, 0xD4, feature="function_references")
_op("br_on_null", None, 0xD5, "label", feature="function_references")
_op("br_on_non_null", None, 0xD6, "label", feature="function_references")

# ---------------------------------------------------------------- 0xFC prefix
FC = 0xFC
for _i, (_name, _sg) in enumerate([
    ("i32.trunc_sat_f32_s", "f:i"), ("i32.trunc_sat_f32_u", "f:i"),
    ("i32.trunc_sat_f64_s", "F:i"), ("i32.trunc_sat_f64_u", "F:i"),
    ("i64.trunc_sat_f32_s", "f:I"), ("i64.trunc_sat_f32_u", "f:I"),
    ("i64.trunc_sat_f64_s", "F:I"), ("i64.trunc_sat_f64_u", "F:I"),
]):
    _op(_name, FC, _i, None, _sg, feature="saturating_float_to_int")
_op("memory.init", FC, 8, "memory.init", "iii:", feature="bulk_memory")
_op("data.drop", FC, 9, "data", ":", feature="bulk_memory")
_op("memory.copy", FC, 10, "memory.copy", "iii:", feature="bulk_memory")
_op("memory.fill", FC, 11, "mem", "iii:", feature="bulk_memory")
_op("table.init", FC, 12, "table.init", "iii:", feature="bulk_memory")
_op("elem.drop", FC, 13, "elem", ":", feature="bulk_memory")
_op("table.copy", FC, 14, "table.copy", "iii:", feature="bulk_memory")
_op("table.grow", FC, 15, "table", feature="reference_types")
_op("table.size", FC, 16, "table", ":i", feature="reference_types")
_op("table.fill", FC, 17, "table", feature="reference_types")

# ---------------------------------------------------------------- 0xFB GC
# Wasm GC (feature "gc", Config.wasm_gc). Every one is typed by the
# validator (params None). ref.test / ref.cast have one row per opcode: the
# _null rows are the text's ``ref.test (ref null ht)``; both take the target
# reference type as their immediate (a ValType whose nullability is the
# opcode's).
FB = 0xFB
for _i, (_name, _imm) in enumerate([
    ("struct.new", "type"), ("struct.new_default", "type"),
    ("struct.get", "struct_field"), ("struct.get_s", "struct_field"),
    ("struct.get_u", "struct_field"), ("struct.set", "struct_field"),
    ("array.new", "type"), ("array.new_default", "type"),
    ("array.new_fixed", "array_fixed"), ("array.new_data", "array_data"),
    ("array.new_elem", "array_elem"), ("array.get", "type"), ("array.get_s", "type"),
    ("array.get_u", "type"), ("array.set", "type"), ("array.len", None),
    ("array.fill", "type"), ("array.copy", "array_copy"),
    ("array.init_data", "array_data"), ("array.init_elem", "array_elem"),
    ("ref.test", "reftype"), ("ref.test_null", "reftype"),
    ("ref.cast", "reftype"), ("ref.cast_null", "reftype"),
    ("br_on_cast", "br_on_cast"), ("br_on_cast_fail", "br_on_cast"),
    ("any.convert_extern", None), ("extern.convert_any", None),
    ("ref.i31", None), ("i31.get_s", None), ("i31.get_u", None),
]):
    _op(_name, FB, _i, _imm, feature="gc")

# ---------------------------------------------------------------- 0xFD SIMD
FD = 0xFD


def _simd(code: int, name: str, sig: Optional[str], imm: Optional[str] = None,
          align: Optional[int] = None) -> None:
    _op(name, FD, code, imm, sig, "simd", align)


for _code, _name, _al in [
    (0, "v128.load", 4),
    (1, "v128.load8x8_s", 3), (2, "v128.load8x8_u", 3),
    (3, "v128.load16x4_s", 3), (4, "v128.load16x4_u", 3),
    (5, "v128.load32x2_s", 3), (6, "v128.load32x2_u", 3),
    (7, "v128.load8_splat", 0), (8, "v128.load16_splat", 1),
    (9, "v128.load32_splat", 2), (10, "v128.load64_splat", 3),
    (92, "v128.load32_zero", 2), (93, "v128.load64_zero", 3),
]:
    _simd(_code, _name, "i:v", "memarg", _al)
_simd(11, "v128.store", "iv:", "memarg", 4)
_simd(12, "v128.const", ":v", "v128")
_simd(13, "i8x16.shuffle", "vv:v", "shuffle")
_simd(14, "i8x16.swizzle", "vv:v")
for _i, (_shape, _s) in enumerate([("i8x16", "i"), ("i16x8", "i"), ("i32x4", "i"),
                                   ("i64x2", "I"), ("f32x4", "f"), ("f64x2", "F")]):
    _simd(15 + _i, f"{_shape}.splat", f"{_s}:v")
for _code, _name, _sg in [
    (21, "i8x16.extract_lane_s", "v:i"), (22, "i8x16.extract_lane_u", "v:i"),
    (23, "i8x16.replace_lane", "vi:v"),
    (24, "i16x8.extract_lane_s", "v:i"), (25, "i16x8.extract_lane_u", "v:i"),
    (26, "i16x8.replace_lane", "vi:v"),
    (27, "i32x4.extract_lane", "v:i"), (28, "i32x4.replace_lane", "vi:v"),
    (29, "i64x2.extract_lane", "v:I"), (30, "i64x2.replace_lane", "vI:v"),
    (31, "f32x4.extract_lane", "v:f"), (32, "f32x4.replace_lane", "vf:v"),
    (33, "f64x2.extract_lane", "v:F"), (34, "f64x2.replace_lane", "vF:v"),
]:
    _simd(_code, _name, _sg, "lane")
_ICMP = "eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u".split()
_FCMP = "eq ne lt gt le ge".split()
for _start, _shape in [(35, "i8x16"), (45, "i16x8"), (55, "i32x4")]:
    for _i, _n in enumerate(_ICMP):
        _simd(_start + _i, f"{_shape}.{_n}", "vv:v")
for _i, _n in enumerate(_FCMP):
    _simd(65 + _i, f"f32x4.{_n}", "vv:v")
    _simd(71 + _i, f"f64x2.{_n}", "vv:v")
_simd(77, "v128.not", "v:v")
_simd(78, "v128.and", "vv:v")
_simd(79, "v128.andnot", "vv:v")
_simd(80, "v128.or", "vv:v")
_simd(81, "v128.xor", "vv:v")
_simd(82, "v128.bitselect", "vvv:v")
_simd(83, "v128.any_true", "v:i")
for _i, (_n, _al) in enumerate([("8", 0), ("16", 1), ("32", 2), ("64", 3)]):
    _simd(84 + _i, f"v128.load{_n}_lane", "iv:v", "memarg_lane", _al)
    _simd(88 + _i, f"v128.store{_n}_lane", "iv:", "memarg_lane", _al)
_simd(94, "f32x4.demote_f64x2_zero", "v:v")
_simd(95, "f64x2.promote_low_f32x4", "v:v")

# The rest of the SIMD space: (code, name, signature). Shifts take an i32.
_SIMD_REST = """
96 i8x16.abs v:v | 97 i8x16.neg v:v | 98 i8x16.popcnt v:v | 99 i8x16.all_true v:i
100 i8x16.bitmask v:i | 101 i8x16.narrow_i16x8_s vv:v | 102 i8x16.narrow_i16x8_u vv:v
103 f32x4.ceil v:v | 104 f32x4.floor v:v | 105 f32x4.trunc v:v | 106 f32x4.nearest v:v
107 i8x16.shl vi:v | 108 i8x16.shr_s vi:v | 109 i8x16.shr_u vi:v
110 i8x16.add vv:v | 111 i8x16.add_sat_s vv:v | 112 i8x16.add_sat_u vv:v
113 i8x16.sub vv:v | 114 i8x16.sub_sat_s vv:v | 115 i8x16.sub_sat_u vv:v
116 f64x2.ceil v:v | 117 f64x2.floor v:v
118 i8x16.min_s vv:v | 119 i8x16.min_u vv:v | 120 i8x16.max_s vv:v | 121 i8x16.max_u vv:v
122 f64x2.trunc v:v | 123 i8x16.avgr_u vv:v
124 i16x8.extadd_pairwise_i8x16_s v:v | 125 i16x8.extadd_pairwise_i8x16_u v:v
126 i32x4.extadd_pairwise_i16x8_s v:v | 127 i32x4.extadd_pairwise_i16x8_u v:v
128 i16x8.abs v:v | 129 i16x8.neg v:v | 130 i16x8.q15mulr_sat_s vv:v
131 i16x8.all_true v:i | 132 i16x8.bitmask v:i
133 i16x8.narrow_i32x4_s vv:v | 134 i16x8.narrow_i32x4_u vv:v
135 i16x8.extend_low_i8x16_s v:v | 136 i16x8.extend_high_i8x16_s v:v
137 i16x8.extend_low_i8x16_u v:v | 138 i16x8.extend_high_i8x16_u v:v
139 i16x8.shl vi:v | 140 i16x8.shr_s vi:v | 141 i16x8.shr_u vi:v
142 i16x8.add vv:v | 143 i16x8.add_sat_s vv:v | 144 i16x8.add_sat_u vv:v
145 i16x8.sub vv:v | 146 i16x8.sub_sat_s vv:v | 147 i16x8.sub_sat_u vv:v
148 f64x2.nearest v:v | 149 i16x8.mul vv:v
150 i16x8.min_s vv:v | 151 i16x8.min_u vv:v | 152 i16x8.max_s vv:v | 153 i16x8.max_u vv:v
155 i16x8.avgr_u vv:v
156 i16x8.extmul_low_i8x16_s vv:v | 157 i16x8.extmul_high_i8x16_s vv:v
158 i16x8.extmul_low_i8x16_u vv:v | 159 i16x8.extmul_high_i8x16_u vv:v
160 i32x4.abs v:v | 161 i32x4.neg v:v | 163 i32x4.all_true v:i | 164 i32x4.bitmask v:i
167 i32x4.extend_low_i16x8_s v:v | 168 i32x4.extend_high_i16x8_s v:v
169 i32x4.extend_low_i16x8_u v:v | 170 i32x4.extend_high_i16x8_u v:v
171 i32x4.shl vi:v | 172 i32x4.shr_s vi:v | 173 i32x4.shr_u vi:v
174 i32x4.add vv:v | 177 i32x4.sub vv:v | 181 i32x4.mul vv:v
182 i32x4.min_s vv:v | 183 i32x4.min_u vv:v | 184 i32x4.max_s vv:v | 185 i32x4.max_u vv:v
186 i32x4.dot_i16x8_s vv:v
188 i32x4.extmul_low_i16x8_s vv:v | 189 i32x4.extmul_high_i16x8_s vv:v
190 i32x4.extmul_low_i16x8_u vv:v | 191 i32x4.extmul_high_i16x8_u vv:v
192 i64x2.abs v:v | 193 i64x2.neg v:v | 195 i64x2.all_true v:i | 196 i64x2.bitmask v:i
199 i64x2.extend_low_i32x4_s v:v | 200 i64x2.extend_high_i32x4_s v:v
201 i64x2.extend_low_i32x4_u v:v | 202 i64x2.extend_high_i32x4_u v:v
203 i64x2.shl vi:v | 204 i64x2.shr_s vi:v | 205 i64x2.shr_u vi:v
206 i64x2.add vv:v | 209 i64x2.sub vv:v | 213 i64x2.mul vv:v
214 i64x2.eq vv:v | 215 i64x2.ne vv:v | 216 i64x2.lt_s vv:v | 217 i64x2.gt_s vv:v
218 i64x2.le_s vv:v | 219 i64x2.ge_s vv:v
220 i64x2.extmul_low_i32x4_s vv:v | 221 i64x2.extmul_high_i32x4_s vv:v
222 i64x2.extmul_low_i32x4_u vv:v | 223 i64x2.extmul_high_i32x4_u vv:v
224 f32x4.abs v:v | 225 f32x4.neg v:v | 227 f32x4.sqrt v:v
228 f32x4.add vv:v | 229 f32x4.sub vv:v | 230 f32x4.mul vv:v | 231 f32x4.div vv:v
232 f32x4.min vv:v | 233 f32x4.max vv:v | 234 f32x4.pmin vv:v | 235 f32x4.pmax vv:v
236 f64x2.abs v:v | 237 f64x2.neg v:v | 239 f64x2.sqrt v:v
240 f64x2.add vv:v | 241 f64x2.sub vv:v | 242 f64x2.mul vv:v | 243 f64x2.div vv:v
244 f64x2.min vv:v | 245 f64x2.max vv:v | 246 f64x2.pmin vv:v | 247 f64x2.pmax vv:v
248 i32x4.trunc_sat_f32x4_s v:v | 249 i32x4.trunc_sat_f32x4_u v:v
250 f32x4.convert_i32x4_s v:v | 251 f32x4.convert_i32x4_u v:v
252 i32x4.trunc_sat_f64x2_s_zero v:v | 253 i32x4.trunc_sat_f64x2_u_zero v:v
254 f64x2.convert_low_i32x4_s v:v | 255 f64x2.convert_low_i32x4_u v:v
"""
for _entry in _SIMD_REST.replace("\n", "|").split("|"):
    if _entry.strip():
        _c, _n, _s = _entry.split()
        _simd(int(_c), _n, _s)

# Relaxed SIMD (Wasm 3.0): results the spec lets vary by hardware; feature
# "relaxed_simd", so Config.wasm_relaxed_simd = False can reject them.
_RELAXED = """
0x100 i8x16.relaxed_swizzle vv:v
0x101 i32x4.relaxed_trunc_f32x4_s v:v | 0x102 i32x4.relaxed_trunc_f32x4_u v:v
0x103 i32x4.relaxed_trunc_f64x2_s_zero v:v | 0x104 i32x4.relaxed_trunc_f64x2_u_zero v:v
0x105 f32x4.relaxed_madd vvv:v | 0x106 f32x4.relaxed_nmadd vvv:v
0x107 f64x2.relaxed_madd vvv:v | 0x108 f64x2.relaxed_nmadd vvv:v
0x109 i8x16.relaxed_laneselect vvv:v | 0x10A i16x8.relaxed_laneselect vvv:v
0x10B i32x4.relaxed_laneselect vvv:v | 0x10C i64x2.relaxed_laneselect vvv:v
0x10D f32x4.relaxed_min vv:v | 0x10E f32x4.relaxed_max vv:v
0x10F f64x2.relaxed_min vv:v | 0x110 f64x2.relaxed_max vv:v
0x111 i16x8.relaxed_q15mulr_s vv:v
0x112 i16x8.relaxed_dot_i8x16_i7x16_s vv:v | 0x113 i32x4.relaxed_dot_i8x16_i7x16_add_s vvv:v
"""
for _entry in _RELAXED.replace("\n", "|").split("|"):
    if _entry.strip():
        _c, _n, _s = _entry.split()
        _op(_n, FD, int(_c, 16), None, _s, "relaxed_simd")

# ---------------------------------------------------------------- indexes
OP_BY_NAME: dict[str, Op] = {op.name: op for op in OPS}

# Config.wasm_relaxed_simd_deterministic: each relaxed op whose default
# (hardware) result may differ from the deterministic one Wasmtime documents
# -> the op that gives that one, put in its place after validation. Two have
# no 2.0 twin: variant rows, outside OPS (never decoded, parsed or validated:
# only the compilers and the interpreter's handlers know them), with the
# relaxed op's encoding so a module still encodes as it was read.
VARIANT_OPS: list[Op] = [
    Op(f"{_n}.deterministic", FD, OP_BY_NAME[_r].code, None, OP_BY_NAME[_r].params,
       OP_BY_NAME[_r].results, "relaxed_simd")
    for _n, _r in (("i16x8.dot_i8x16_i7x16_s", "i16x8.relaxed_dot_i8x16_i7x16_s"),
                   ("i32x4.dot_i8x16_i7x16_add_s", "i32x4.relaxed_dot_i8x16_i7x16_add_s"))]
VARIANT_BY_NAME: dict[str, Op] = {op.name: op for op in VARIANT_OPS}
RELAXED_DETERMINISTIC: dict[Op, Op] = {OP_BY_NAME[_r]: (OP_BY_NAME.get(_d) or VARIANT_BY_NAME[_d])
                                       for _r, _d in (
    ("i8x16.relaxed_swizzle", "i8x16.swizzle"),
    ("i32x4.relaxed_trunc_f32x4_s", "i32x4.trunc_sat_f32x4_s"),
    ("i32x4.relaxed_trunc_f64x2_s_zero", "i32x4.trunc_sat_f64x2_s_zero"),
    ("i8x16.relaxed_laneselect", "v128.bitselect"),
    ("i32x4.relaxed_laneselect", "v128.bitselect"),
    ("i64x2.relaxed_laneselect", "v128.bitselect"),
    ("f32x4.relaxed_min", "f32x4.min"), ("f32x4.relaxed_max", "f32x4.max"),
    ("f64x2.relaxed_min", "f64x2.min"), ("f64x2.relaxed_max", "f64x2.max"),
    ("i16x8.relaxed_q15mulr_s", "i16x8.q15mulr_sat_s"),
    ("i16x8.relaxed_dot_i8x16_i7x16_s", "i16x8.dot_i8x16_i7x16_s.deterministic"),
    ("i32x4.relaxed_dot_i8x16_i7x16_add_s", "i32x4.dot_i8x16_i7x16_add_s.deterministic"))}
# Config.cranelift_nan_canonicalization: the float operations whose NaN
# results come out as the canonical NaN (f32 0x7fc00000, f64
# 0x7ff8000000000000; each lane of a vector), as Wasmtime's canonicalization
# does them (checked against wasmtime-py 50: not abs/neg/copysign, which are
# bit operations, nor pmin/pmax and the relaxed min/max, which choose an
# operand). Each has a variant row ``NAME.canon`` (outside OPS, as the rows
# above) whose lowering is the op's own followed by the canonicalization
# (compile/nan_canon.py); the compilers and the interpreter's pre-decoder
# use the variants in place of the ops when the engine asks.
_NAN_CANON_NAMES = tuple(
    [f"{p}.{o}" for p in ("f32", "f64") for o in
     ("add", "sub", "mul", "div", "min", "max", "sqrt", "ceil", "floor", "trunc", "nearest")]
    + ["f32.demote_f64", "f64.promote_f32"]
    + [f"{p}.{o}" for p in ("f32x4", "f64x2") for o in
       ("add", "sub", "mul", "div", "min", "max", "sqrt", "ceil", "floor", "trunc", "nearest",
        "relaxed_madd", "relaxed_nmadd")]
    + ["f32x4.demote_f64x2_zero", "f64x2.promote_low_f32x4"])
NAN_CANON_OPS: list[Op] = [
    Op(f"{_n}.canon", OP_BY_NAME[_n].prefix, OP_BY_NAME[_n].code, None, OP_BY_NAME[_n].params,
       OP_BY_NAME[_n].results, OP_BY_NAME[_n].feature) for _n in _NAN_CANON_NAMES]
NAN_CANON: dict[Op, Op] = {OP_BY_NAME[_n]: _v for _n, _v in zip(_NAN_CANON_NAMES, NAN_CANON_OPS)}
# one-byte opcodes: code -> Op; prefixed: (prefix, code) -> Op
OP_BY_CODE: dict[int, Op] = {op.code: op for op in OPS if op.prefix is None}
OP_BY_PREFIXED: dict[tuple[int, int], Op] = {
    (op.prefix, op.code): op for op in OPS if op.prefix is not None}
PREFIXES = frozenset(op.prefix for op in OPS if op.prefix is not None)

assert len(OP_BY_NAME) == len(OPS), "duplicate instruction name"
assert len(OP_BY_CODE) + len(OP_BY_PREFIXED) == len(OPS), "duplicate opcode"

# Frequently needed rows, so stages need not look them up by name.
END = OP_BY_NAME["end"]
ELSE = OP_BY_NAME["else"]
REF_FUNC = OP_BY_NAME["ref.func"]
REF_NULL = OP_BY_NAME["ref.null"]
GLOBAL_GET = OP_BY_NAME["global.get"]
I32_CONST = OP_BY_NAME["i32.const"]
TRY_TABLE = OP_BY_NAME["try_table"]
TRY = OP_BY_NAME["try"]
CATCH = OP_BY_NAME["catch"]
CATCH_ALL = OP_BY_NAME["catch_all"]
DELEGATE = OP_BY_NAME["delegate"]
GC = "gc"               # the Op.feature name of Wasm GC (Config.wasm_gc)
# the Op.feature names of exception handling (Config.wasm_exceptions)
EXCEPTIONS = "exceptions"
LEGACY_EXCEPTIONS = "legacy_exceptions"
# the feature name of custom page sizes (Config.wasm_custom_page_sizes), and
# the features a Config and a script run leave off unless asked, as Wasmtime
# does (the spec suites read limits flag 0x08 as malformed)
CUSTOM_PAGE_SIZES = "custom_page_sizes"
OFF_BY_DEFAULT = frozenset((CUSTOM_PAGE_SIZES,))

def memory_signature(op: Op, is64: list) -> tuple[tuple, tuple]:
    """(params, results) of memory instruction ``op`` on memories of these
    index types (memory64: one flag per memory it names; addresses, sizes
    and lengths are i64 on a 64-bit memory, and a copy's length only
    between two). The validator and the interpreter's wide forms both
    type the instructions from here."""
    ps, rs = tuple(op.params), tuple(op.results)
    kind = op.imm
    if kind in ("memarg", "memarg_lane"):
        return ((I64,) + ps[1:] if is64[0] else ps), rs
    if kind == "mem" and is64[0]:
        return {"memory.size": ((), (I64,)), "memory.grow": ((I64,), (I64,)),
                "memory.fill": ((I64, I32, I64), ())}[op.name]
    if kind == "memory.copy":
        d, s_ = is64
        return (I64 if d else I32, I64 if s_ else I32, I64 if d and s_ else I32), ()
    if kind == "memory.init" and is64[0]:
        return (I64, I32, I32), ()
    return ps, rs


# Instructions allowed in constant expressions (Wasm 2.0).
CONST_OPS = frozenset(OP_BY_NAME[n] for n in (
    "i32.const", "i64.const", "f32.const", "f64.const", "v128.const",
    "ref.null", "ref.func", "global.get", "end"))
# ... and the arithmetic of extended constant expressions (Wasm 3.0).
EXTENDED_CONST_OPS = frozenset(OP_BY_NAME[n] for n in (
    "i32.add", "i32.sub", "i32.mul", "i64.add", "i64.sub", "i64.mul"))
# ... and Wasm GC's allocations and conversions (Wasm 3.0)
GC_CONST_OPS = frozenset(OP_BY_NAME[n] for n in (
    "struct.new", "struct.new_default", "array.new", "array.new_default",
    "array.new_fixed", "ref.i31", "any.convert_extern", "extern.convert_any"))
