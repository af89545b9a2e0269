"""syntax/component_layout.py: the canonical ABI's sizes, alignments and
flat forms, each expected value worked out by hand from CanonicalABI.md."""
import pytest

from wasmlite.syntax.component_layout import (alignment, discriminant_size, elem_size,
                                              flags_size, flatten_functype, flatten_type,
                                              record_offsets, variant_payload_offset)
from wasmlite.syntax.component_types import (
    Bool, BorrowType, Char, EnumType, F32, F64, FlagsType, FuncType, ListType, OptionType,
    OwnType, RecordType, ResourceType, ResultType, S8, S64, String, TupleType, U8, U16,
    U32, U64, VariantType)

R = ResourceType("r")


def flags(n):
    return FlagsType(tuple(f"f{i}" for i in range(n)))


@pytest.mark.parametrize("t,size,align,flat", [
    (Bool(), 1, 1, ["i32"]), (S8(), 1, 1, ["i32"]), (U16(), 2, 2, ["i32"]),
    (U32(), 4, 4, ["i32"]), (S64(), 8, 8, ["i64"]), (F32(), 4, 4, ["f32"]),
    (F64(), 8, 8, ["f64"]), (Char(), 4, 4, ["i32"]),
    (String(), 8, 4, ["i32", "i32"]), (ListType(U64()), 8, 4, ["i32", "i32"]),
    (ListType(U16(), 3), 6, 2, ["i32"] * 3),
    (ListType(TupleType((U8(), F64())), 2), 32, 8, ["i32", "f64"] * 2),
    # u8 @0, u32 @4, u8 @8: 9 bytes, padded to 12
    (RecordType((("a", U8()), ("b", U32()), ("c", U8()))), 12, 4, ["i32"] * 3),
    (TupleType((U16(), U8())), 4, 2, ["i32", "i32"]),
    (TupleType(()), 0, 1, []),
    (OptionType(U8()), 2, 1, ["i32", "i32"]),
    (OptionType(U64()), 16, 8, ["i32", "i64"]),
    (OptionType(String()), 12, 4, ["i32", "i32", "i32"]),
    # disc u8, payload at 8 (u64), 8 + max(8, 8) = 16
    (ResultType(U64(), String()), 16, 8, ["i32", "i64", "i32"]),
    (ResultType(None, None), 1, 1, ["i32"]),
    # f32 / u32 join to i32, then i32 / f64 to i64
    (VariantType((("a", F32()), ("b", U32()), ("c", F64()))), 16, 8, ["i32", "i64"]),
    (VariantType((("a", F32()), ("b", F32()))), 8, 4, ["i32", "f32"]),
    (VariantType((("a", TupleType((U8(), F32()))), ("b", F64()))), 16, 8,
     ["i32", "i64", "f32"]),
    (EnumType(tuple(str(i) for i in range(256))), 1, 1, ["i32"]),
    (EnumType(tuple(str(i) for i in range(257))), 2, 2, ["i32"]),
    (flags(0), 0, 1, []), (flags(8), 1, 1, ["i32"]), (flags(9), 2, 2, ["i32"]),
    (flags(16), 2, 2, ["i32"]), (flags(17), 4, 4, ["i32"]), (flags(32), 4, 4, ["i32"]),
    (flags(33), 8, 4, ["i32", "i32"]), (flags(64), 8, 4, ["i32", "i32"]),
    (flags(65), 12, 4, ["i32"] * 3),
    (OwnType(R), 4, 4, ["i32"]), (BorrowType(R), 4, 4, ["i32"]),
])
def test_layout(t, size, align, flat):
    assert elem_size(t) == size
    assert alignment(t) == align
    assert flatten_type(t) == flat


def test_offsets():
    t = RecordType((("a", U8()), ("b", U64()), ("c", U16()), ("d", String())))
    assert record_offsets(t) == (0, 8, 16, 20, 28)
    assert elem_size(t) == 32
    assert variant_payload_offset(OptionType(U64())) == 8
    assert variant_payload_offset(OptionType(U16())) == 2
    assert variant_payload_offset(EnumType(("a",))) == 1


def test_discriminant_and_flags_sizes():
    assert [discriminant_size(n) for n in (1, 256, 257, 65536, 65537)] == [1, 1, 2, 2, 4]
    assert [flags_size(n) for n in (0, 1, 8, 9, 16, 17, 32, 33, 96)] == \
        [0, 1, 1, 2, 2, 4, 4, 8, 12]
    with pytest.raises(ValueError):
        discriminant_size(0)


def _ft(params, result=None):
    return FuncType(tuple((f"p{i}", t) for i, t in enumerate(params)), result)


def test_functype_flat_and_spilled():
    assert flatten_functype(_ft([U32(), String()], U8()), "lift") == (["i32"] * 3, ["i32"])
    sixteen = _ft([U64()] * 16)
    assert flatten_functype(sixteen, "lift") == (["i64"] * 16, [])
    # 17 flat params: one pointer to them
    assert flatten_functype(_ft([U64()] * 17), "lift") == (["i32"], [])
    assert flatten_functype(_ft([U64()] * 15 + [String()]), "lower") == (["i32"], [])
    # a result of more than one flat value: returned by pointer (lift), or
    # stored where an extra parameter says (lower)
    assert flatten_functype(_ft([U8()], String()), "lift") == (["i32"], ["i32"])
    assert flatten_functype(_ft([U8()], String()), "lower") == (["i32", "i32"], [])
    assert flatten_functype(_ft([U64()] * 17, String()), "lower") == (["i32", "i32"], [])
    assert flatten_functype(_ft([], TupleType(())), "lift") == ([], [])
    with pytest.raises(ValueError):
        flatten_functype(sixteen, "sideways")


def test_memoized_and_structural():
    a = RecordType((("x", ListType(U8())),))
    b = RecordType((("x", ListType(U8())),))
    assert a == b and elem_size(a) == elem_size(b) == 8
    # a fresh list each time: callers may modify it
    flat = flatten_type(a)
    flat.append("f64")
    assert flatten_type(b) == ["i32", "i32"]
