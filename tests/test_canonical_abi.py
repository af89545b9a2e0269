"""The canonical ABI (runtime/canonical_abi.py and its codecs) against real
linear memory: a core module in WAT exports its memory and a bump
``cabi_realloc``; ``lift_func`` calls its functions with Python values,
``lower_func`` makes the host functions it imports.

Round trips go Python -> lift_func's lowering -> wasm function ``g`` ->
imported host function (lower_func's lifting) -> the Python callee ->
lower_func's lowering -> back through ``g`` -> lift_func's lifting, flat or
through memory as the type decides. Layouts are checked byte by byte
against the spec's rules worked out by hand, and lifting is checked from
bytes written into memory directly.
"""
from __future__ import annotations

import math
import struct

import pytest

import wasmlite
from wasmlite.errors import Trap, WasmtimeError
from wasmlite.runtime.canonical_abi import CanonOptions, core_functype, lift_func, lower_func
from wasmlite.runtime.component_resources import (ComponentInstanceState, ResourceAny,
                                                  ResourceHost, resource_drop_func,
                                                  resource_new_func, resource_rep_func)
from wasmlite.runtime.component_values import Record, Variant
from wasmlite.syntax.component_layout import flatten_functype
from wasmlite.syntax.component_types import (
    Bool, BorrowType, Char, EnumType, F32, F64, FlagsType, FuncType, ListType, OptionType,
    OwnType, RecordType, ResourceType, ResultType, S8, S16, S32, S64, String, TupleType, U8,
    U16, U32, U64, VariantType)

ENGINE = wasmlite.Engine()

# Memory map of the test module: 16..255 hand-written data, 256..511 the
# forwarder's return area, 512..767 the realloc log (16 calls of 4 i32s),
# the bump allocator from 1024 (growing the memory as needed).
RETAREA = 256
LOG = 512
CORE = '''
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 1024))
  (global $nlog (mut i32) (i32.const 0))
  (func (export "reallocs") (result i32) global.get $nlog)
  (func (export "cabi_realloc") (param $old i32) (param $osz i32) (param $al i32) (param $nsz i32)
                                (result i32)
    (local $p i32) (local $end i32) (local $have i32) (local $log i32)
    (if (i32.lt_u (global.get $nlog) (i32.const 16))
      (then
        (local.set $log (i32.add (i32.const 512) (i32.shl (global.get $nlog) (i32.const 4))))
        (i32.store (local.get $log) (local.get $old))
        (i32.store offset=4 (local.get $log) (local.get $osz))
        (i32.store offset=8 (local.get $log) (local.get $al))
        (i32.store offset=12 (local.get $log) (local.get $nsz))))
    (global.set $nlog (i32.add (global.get $nlog) (i32.const 1)))
    (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $al) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get $al))))
    (local.set $end (i32.add (local.get $p) (local.get $nsz)))
    (local.set $have (i32.mul (memory.size) (i32.const 65536)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then (drop (memory.grow (i32.div_u (i32.add (i32.sub (local.get $end) (local.get $have))
                                                   (i32.const 65535)) (i32.const 65536))))))
    (global.set $bump (local.get $end))
    (if (local.get $old)
      (then (memory.copy (local.get $p) (local.get $old)
              (select (local.get $osz) (local.get $nsz) (i32.lt_u (local.get $osz) (local.get $nsz))))))
    (local.get $p))
  (func (export "ret16") (result i32) i32.const 16)
  (func (export "id") (param i32) (result i32) local.get 0)
  (func (export "id-f32") (param f32) (result f32) local.get 0)
'''


def _sig(ft) -> str:
    params = " ".join(t.name for t in ft.params)
    results = " ".join(t.name for t in ft.results)
    return f"(param {params}) (result {results})"


class Guest:
    """A core instance of CORE + ``body``, with host functions made by
    lower_func imported as ("host", name) and the resource built-ins of a
    guest-defined resource type ``R`` as ("abi", "r-new" / "r-rep" /
    "r-drop"); ``R``'s destructor is the export "dtor" when there is one."""

    def __init__(self, body: str = "", imports=(), encoding: str = "utf8",
                 post_return: str | None = None, host_reps: bool = True,
                 resources=()) -> None:
        self.store = store = wasmlite.Store(ENGINE)
        self.state = ComponentInstanceState("guest")
        self.R = ResourceType("r", instance=self.state)
        cores: dict = {}
        funcs, decls = [], []
        for name, ft, _ in imports:
            sft = core_functype(ft, "lower")
            funcs.append(wasmlite.Func(store, wasmlite.FuncType._wrap(sft),
                                       (lambda n: lambda *a: cores[n](*a))(name)))
            decls.append(f'(import "host" "{name}" (func ${name} {_sig(sft)}))')
        for prefix, rt in (("r", self.R),) + tuple(resources):
            for name, (sft, fn) in ((f"{prefix}-new", resource_new_func(self.state, rt)),
                                    (f"{prefix}-rep", resource_rep_func(self.state, rt)),
                                    (f"{prefix}-drop", resource_drop_func(self.state, rt, store))):
                funcs.append(wasmlite.Func(store, wasmlite.FuncType._wrap(sft), fn))
                decls.append(f'(import "abi" "{name}" (func ${name} {_sig(sft)}))')
        wat = f"(module {' '.join(decls)} {CORE} {body})"
        self.instance = wasmlite.Instance(store, wasmlite.Module(ENGINE, wat), funcs)
        self.ex = ex = self.instance.exports(store)
        self.memory = ex["memory"]
        post = ex[post_return] if post_return else None
        self.opts = CanonOptions(store, ex["memory"], ex["cabi_realloc"], post, encoding,
                                 self.state)
        for name, ft, callee in imports:
            cores[name] = lower_func(ft, callee, self.opts, host_reps)[1]
        if "dtor" in ex:
            self.R.dtor = ex["dtor"]

    def lift(self, export: str, ft: FuncType):
        return lift_func(ft, self.ex[export], self.opts)

    def call(self, export: str, *args):
        return self.ex[export](self.store, *args)

    def write(self, data: bytes, at: int) -> None:
        self.memory.write(self.store, data, at)

    def read(self, start: int, n: int) -> bytes:
        return bytes(self.memory.read(self.store, start, start + n))

    def realloc_log(self) -> list:
        n = min(self.call("reallocs"), 16)
        return [struct.unpack_from("<4I", self.read(LOG + 16 * i, 16)) for i in range(n)]


def forwarder(ft: FuncType) -> str:
    """WAT of export "g", ft lifted, calling import "f", ft lowered."""
    lp, lr = flatten_functype(ft, "lift")
    wp, _ = flatten_functype(ft, "lower")
    body = " ".join(f"local.get {i}" for i in range(len(lp)))
    if len(wp) > len(lp):       # the result comes back through the return area
        body += f" i32.const {RETAREA} call $f i32.const {RETAREA}"
    else:
        body += " call $f"
    return (f'(func (export "g") (param {" ".join(lp)}) (result {" ".join(lr)}) {body})')


def echo(ft: FuncType, callee, **guest_args):
    """The lifted "g" of a Guest whose import "f" is ``callee`` lowered."""
    guest = Guest(forwarder(ft), [("f", ft, callee)], **guest_args)
    return guest.lift("g", ft), guest


def unary(t) -> FuncType:
    return FuncType((("x", t),), t)


def identity_echo(t, **guest_args):
    seen = []

    def callee(x):
        seen.append(x)
        return x
    f, guest = echo(unary(t), callee, **guest_args)
    return f, seen, guest


# -- round trips -----------------------------------------------------------------------

REC = RecordType((("a", U8()), ("b-c", U32()), ("d", String())))
VAR = VariantType((("i", S32()), ("f", F32()), ("s", String()), ("none", None)))
NESTED = OptionType(OptionType(ResultType(ListType(String()), VariantType(
    (("x", TupleType((U16(), Char()))), ("y", None))))))
FLAGS32 = FlagsType(tuple(f"f{i}" for i in range(32)))
FLAGS40 = FlagsType(tuple(f"g{i}" for i in range(40)))

ROUND_TRIPS = [
    (Bool(), True), (Bool(), False),
    (U8(), 255), (S8(), -128), (U16(), 65535), (S16(), -32768),
    (U32(), 2**32 - 1), (S32(), -2**31), (U64(), 2**64 - 1), (S64(), -2**63),
    (F32(), 1.5), (F32(), -math.inf), (F64(), 1e300), (F64(), -0.0),
    (Char(), "a"), (Char(), "\U0010ffff"), (Char(), "é"),
    (String(), ""), (String(), "hello"), (String(), "héllo wörld ✓ \U0001f600"),
    (ListType(U8()), b""), (ListType(U8()), bytes(range(256))),
    (ListType(U32()), [0, 1, 2**32 - 1]), (ListType(S16()), [-1, 2, -32768]),
    (ListType(S64()), [-2**63, 2**63 - 1]), (ListType(F64()), [1.5, -2.25, math.inf]),
    (ListType(F32()), [0.5, -8.0]), (ListType(Bool()), [True, False, True]),
    (ListType(Char()), ["a", "é", "\U0001f600"]), (ListType(String()), ["a", "", "bcd"]),
    (ListType(ListType(U8())), [b"x", b"", b"yz"]),
    (ListType(TupleType((U8(), U64()))), [(1, 2), (3, 2**64 - 1)]),
    (REC, Record(a=7, b_c=2**31, d="dee")),
    (TupleType((U8(), String(), F64())), (1, "x", 2.0)),
    (TupleType(()), ()),
    (VAR, 5), (VAR, 2.5), (VAR, "text"), (VAR, None),
    (EnumType(("red", "green", "blue-ish")), "blue-ish"),
    (OptionType(U32()), None), (OptionType(U32()), 9),
    (OptionType(String()), "s"),
    (ResultType(U32(), String()), 3), (ResultType(U32(), String()), "bad"),
    (ResultType(String(), String()), Variant("ok", "fine")),
    (ResultType(String(), String()), Variant("err", "oops")),
    (ResultType(None, None), Variant("ok")), (ResultType(None, None), Variant("err")),
    (ResultType(None, String()), None), (ResultType(None, String()), "e"),
    # option<option<result<list<string>, variant{x(tuple<u16, char>), y}>>>: the
    # inner option's cases overlap (none and the untagged result both take
    # None), so it is tagged; the outer one's do not (None / a Variant)
    (NESTED, None),
    (NESTED, Variant("none")),
    (NESTED, Variant("some", ["p", "q"])),
    (NESTED, Variant("some", (65535, "z"))),
    (NESTED, Variant("some", None)),
    (FlagsType(()), set()),
    (FlagsType(("a", "b-c", "d")), {"a", "d"}),
    (FLAGS32, {"f0", "f31"}), (FLAGS40, {"g0", "g31", "g32", "g39"}), (FLAGS40, set()),
    (ListType(U8(), 3), [1, 2, 3]),
    (TupleType(tuple([U32()] * 20)), tuple(range(20))),        # 20 flat values: spilled
    (ListType(VAR), [1, 2.0, "s", None]),
]


def _same(a, b) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("t,value", ROUND_TRIPS, ids=lambda x: repr(x)[:40])
def test_round_trip(t, value):
    f, seen, _ = identity_echo(t)
    result = f(value)
    assert _same(result, value), result
    assert _same(seen[0], value), seen    # what the host callee received


@pytest.mark.parametrize("encoding", ["utf8", "utf16", "latin1+utf16"])
@pytest.mark.parametrize("s", ["", "plain ascii", "latin-1: é ü ÿ", "bmp: ✓ ž",
                               "astral: \U0001f600 \U00010000", "é" * 1000])
def test_strings_in_every_encoding(encoding, s):
    f, seen, _ = identity_echo(String(), encoding=encoding)
    assert f(s) == s
    assert seen == [s]


@pytest.mark.parametrize("encoding", ["utf8", "utf16", "latin1+utf16"])
def test_megabyte_strings_and_lists(encoding):
    big = ("abcdefgh" * 131072)[:2**20 - 1] + "é"           # 1 MiB of characters
    f, _, guest = identity_echo(String(), encoding=encoding)
    assert f(big) == big
    assert guest.memory.size(guest.store) > 16                # the memory grew on the way
    g, _, _ = identity_echo(ListType(U8()))
    blob = bytes(range(256)) * 4096
    assert g(blob) == blob
    h, _, _ = identity_echo(ListType(U32()))
    numbers = list(range(2**18))
    assert h(numbers) == numbers


def test_integers_wrap_as_in_wasmtime_py():
    f, seen, _ = identity_echo(U8())
    assert f(300) == 44 and f(-1) == 255 and f(True) == 1
    g, _, _ = identity_echo(S8())
    assert g(200) == -56
    h, _, guest = identity_echo(ListType(U32()))
    assert h([-1, 2**32]) == [2**32 - 1, 0]
    before = guest.call("reallocs")
    assert h([-1] * 100 + [True]) == [2**32 - 1] * 100 + [1]      # the bulk path
    assert guest.call("reallocs") - before == 2          # one each way, wrapping or not
    k, _, _ = identity_echo(ListType(S8()))
    assert k([255, -1, 128]) == [-1, -1, -128] and k([200] * 70) == [-56] * 70


def test_f32_rounds_and_overflows_to_infinity():
    f, _, _ = identity_echo(F32())
    assert f(0.1) == struct.unpack("<f", struct.pack("<f", 0.1))[0]
    assert f(1e300) == math.inf and f(-1e300) == -math.inf
    g, _, _ = identity_echo(ListType(F32()))
    assert g([1e300]) == [math.inf]


def _bits(x: float, fmt: str) -> int:
    return struct.unpack("<" + fmt.upper().replace("F", "I").replace("D", "Q"),
                         struct.pack("<" + fmt, x))[0]


def test_nan_canonicalized_both_ways():
    payload_nan = struct.unpack("<d", struct.pack("<Q", 0xFFF8_0000_0000_1234))[0]
    f, seen, guest = identity_echo(TupleType(tuple([F64()] * 17)))   # spilled to memory
    out = f(tuple([payload_nan] * 17))
    assert _bits(seen[0][0], "d") == 0x7FF8_0000_0000_0000
    assert all(_bits(x, "d") == 0x7FF8_0000_0000_0000 for x in out)
    # passed flat to the guest as the canonical NaN
    bits = Guest('(func (export "bits") (param f64) (result i64) local.get 0 i64.reinterpret_f64)'
                 '(func (export "bits32") (param f32) (result i32) local.get 0 i32.reinterpret_f32)')
    assert bits.lift("bits", FuncType((("x", F64()),), U64()))(payload_nan) == 0x7FF8 << 48
    assert bits.lift("bits32", FuncType((("x", F32()),), U32()))(payload_nan) == 0x7FC00000
    # stored in memory as the canonical NaN
    g, seen32, _ = identity_echo(ListType(F32()))
    assert _bits(g([payload_nan, 1.0])[0], "f") == 0x7FC00000
    assert _bits(seen32[0][0], "f") == 0x7FC00000
    # lifted from memory: a NaN with a payload comes out canonical
    guest.write(struct.pack("<II", 64, 2) + b"\0" * 40 + struct.pack("<II", 0xFFC0_1234, 0x7F80_0001), 16)
    ret = guest.lift("ret16", FuncType((), ListType(F32())))
    assert [_bits(x, "f") for x in ret()] == [0x7FC00000, 0x7FC00000]


# -- layouts in memory, byte by byte ----------------------------------------------------

def _spilled_params(t, value, guest=None):
    """The bytes lift_func stores for a 17-flat-param call (t, then 16 u8s)
    whose core function just returns its pointer's first u32."""
    ptypes = (("x", t),) + tuple((f"p{i}", U8()) for i in range(16))
    guest = guest or Guest('(func (export "grab") (param i32) (result i32) local.get 0)')
    ptr = guest.lift("grab", FuncType(ptypes, U32()))(value, *range(16))
    return guest, ptr


def test_record_layout_in_memory():
    t = RecordType((("a", U8()), ("b", U32()), ("c", U16()), ("d", U64()), ("e", Bool())))
    guest, ptr = _spilled_params(t, Record(a=1, b=2, c=3, d=4, e=True))
    assert ptr % 8 == 0
    # a@0, pad, b@4, c@8, pad, d@16, e@24; the record is 32 bytes, the u8s follow
    raw = guest.read(ptr, 40)
    assert raw[0] == 1 and raw[4:8] == b"\2\0\0\0" and raw[8:10] == b"\3\0"
    assert raw[16:24] == struct.pack("<Q", 4) and raw[24] == 1
    assert raw[32:40] == bytes(range(8))


def test_variant_layout_in_memory():
    t = VariantType((("a", U8()), ("b", U64()), ("c", String())))
    guest, ptr = _spilled_params(t, Variant("b", 2**40))
    raw = guest.read(ptr, 24)
    assert raw[0] == 1                                   # discriminant u8
    assert raw[8:16] == struct.pack("<Q", 2**40)         # payload at 8 (u64's alignment)
    assert raw[16:24] == bytes(range(8))                 # size 16
    guest2, ptr2 = _spilled_params(t, Variant("c", "hey"))
    raw2 = guest2.read(ptr2, 16)
    sptr, slen = struct.unpack_from("<II", raw2, 8)
    assert raw2[0] == 2 and slen == 3 and guest2.read(sptr, 3) == b"hey"


def test_flags_layouts():
    guest, ptr = _spilled_params(FlagsType(tuple("abcdefghi")), {"a", "i"})
    assert guest.read(ptr, 2) == b"\x01\x01"             # 9 flags: a u16
    guest, ptr = _spilled_params(FLAGS40, {"g0", "g33"})
    assert guest.read(ptr, 8) == struct.pack("<II", 1, 2)     # 40 flags: two u32s
    guest, ptr = _spilled_params(FLAGS32, {"f31"})
    assert guest.read(ptr, 4) == struct.pack("<I", 1 << 31)


def test_flat_flags_and_variant_joining():
    # 40 flags flatten to two i32s, a variant of f32 / u64 joins to i64
    seen = []

    def callee(x, y):
        seen.append((x, y))
        return None
    ft = FuncType((("x", FLAGS40), ("y", VariantType((("f", F32()), ("u", U64()))))), None)
    f, guest = echo(ft, callee)
    assert flatten_functype(ft, "lower") == (["i32", "i32", "i32", "i64"], [])
    f({"g39", "g1"}, 0.25)
    f(set(), 2**64 - 1)
    assert seen == [({"g39", "g1"}, 0.25), (set(), 2**64 - 1)]


# -- lifting from what the guest wrote --------------------------------------------------

def _ret16(guest, t):
    return guest.lift("ret16", FuncType((), t))


def test_lift_string_from_memory():
    guest = Guest()
    guest.write(struct.pack("<II", 100, 5), 16)
    guest.write(b"h\xc3\xa9llo", 100)
    assert _ret16(guest, String())() == "héll"          # 5 bytes: h, é (2), l, l


@pytest.mark.parametrize("data,message", [
    (b"\xff\xfe", "invalid utf-8 sequence of 1 bytes from index 0"),
    (b"ab\xe2\x82", "incomplete utf-8 byte sequence from index 2"),
    (b"a\xc3(", "invalid utf-8 sequence of 1 bytes from index 1"),
])
def test_invalid_utf8_traps(data, message):
    guest = Guest()
    guest.write(struct.pack("<II", 100, len(data)), 16)
    guest.write(data, 100)
    with pytest.raises(Trap, match=message) as info:
        _ret16(guest, String())()
    assert isinstance(info.value, WasmtimeError)          # as wasmtime-py raises it


@pytest.mark.parametrize("units,message", [
    (b"a\x00\x00\xd8", "unpaired surrogate found: d800"),       # a lone high surrogate
    (b"a\x00\x00\xdc", "unpaired surrogate found: dc00"),       # a lone low surrogate
    (b"\x00\xd8a\x00", "unpaired surrogate found: d800"),       # high, then not a low
])
def test_invalid_utf16_traps(units, message):
    guest = Guest(encoding="utf16")
    guest.write(struct.pack("<II", 100, 2), 16)
    guest.write(units, 100)
    with pytest.raises(Trap, match=message):
        _ret16(guest, String())()


def test_latin1_utf16_tagged_length():
    guest = Guest(encoding="latin1+utf16")
    guest.write(struct.pack("<II", 100, 3), 16)
    guest.write(b"\xe9t\xe9", 100)
    assert _ret16(guest, String())() == "été"            # untagged: Latin-1
    guest2 = Guest(encoding="latin1+utf16")
    guest2.write(struct.pack("<II", 100, 2 | 1 << 31), 16)
    guest2.write("✓é".encode("utf-16-le"), 100)
    assert _ret16(guest2, String())() == "✓é"            # bit 31: UTF-16 code units


def test_latin1_utf16_realloc_protocol():
    guest = Guest('(func (export "take") (param i32 i32))', encoding="latin1+utf16")
    f = guest.lift("take", FuncType((("s", String()),), None))
    f("é" * 3)
    (old, osz, al, nsz), (old2, osz2, al2, nsz2) = guest.realloc_log()
    assert (old, osz, al, nsz) == (0, 0, 2, 6)           # 6 = the string's UTF-8 length
    assert old2 != 0
    assert (osz2, al2, nsz2) == (6, 2, 3)                # shrunk to the Latin-1 length
    f("✓")
    log = guest.realloc_log()[2:]
    assert log[0] == (0, 0, 2, 3)                        # Latin-1 tried first
    assert log[1][1:] == (3, 2, 6)                       # grown to UTF-16's worst case
    assert log[2][1:] == (6, 2, 2)                       # shrunk to one code unit
    assert len(log) == 3


@pytest.mark.parametrize("encoding,units", [("utf8", 5), ("utf16", 4), ("latin1+utf16", 4)])
def test_string_passed_to_the_guest(encoding, units):
    seen = []

    def callee(ptr, n):
        seen.append((ptr, n))
    guest = Guest('(func (export "g") (param i32 i32) local.get 0 local.get 1 call $h)',
                  [("h", FuncType((("p", U32()), ("n", U32())), None), callee)],
                  encoding=encoding)
    guest.lift("g", FuncType((("s", String()),), None))("✓é")
    ptr, n = seen[0]
    if encoding == "utf8":
        assert n == 5 and guest.read(ptr, 5) == "✓é".encode()
    else:
        assert n & 0x7FFFFFFF == 2 and guest.read(ptr, 4) == "✓é".encode("utf-16-le")
        assert (n >> 31) == (encoding == "latin1+utf16")


@pytest.mark.parametrize("code", [0xD800, 0xDFFF, 0x110000, 0xFFFFFFFF])
def test_invalid_char_traps(code):
    guest = Guest()
    with pytest.raises(Trap, match="converted integer out of range for `char`"):
        guest.lift("id", FuncType((("x", U32()),), Char()))(code)
    guest2 = Guest()
    guest2.write(struct.pack("<III", 100, 1, 0) + b"\0" * 72 + struct.pack("<I", code), 16)
    with pytest.raises(Trap, match="converted integer out of range for `char`"):
        _ret16(guest2, ListType(Char()))()


def test_surrogate_char_from_python_is_refused():
    f, _, _ = identity_echo(Char())
    with pytest.raises(ValueError):
        f("\ud800")
    with pytest.raises(TypeError, match="single-character"):
        f("ab")


def test_bool_lifts_any_nonzero_as_true():
    guest = Guest()
    assert guest.lift("id", FuncType((("x", U32()),), Bool()))(2) is True
    assert guest.lift("id", FuncType((("x", U32()),), Bool()))(0) is False


@pytest.mark.parametrize("t,ptr,length,message", [
    (ListType(U32()), 102, 1, "list pointer is not aligned"),
    (ListType(U32()), 65532, 2, "list pointer/length out of bounds of memory"),
    (ListType(U32()), 0, 2**30, "list pointer/length out of bounds of memory"),
    (ListType(U8()), 65535, 2, "list pointer/length out of bounds of memory"),
    (ListType(String()), 101, 1, "list pointer is not aligned"),
    (String(), 65530, 10, "string pointer/length out of bounds of memory"),
    (String(), 2**32 - 1, 2, "string pointer/length out of bounds of memory"),
])
def test_bad_ranges_trap(t, ptr, length, message):
    guest = Guest()
    guest.write(struct.pack("<II", ptr, length), 16)
    with pytest.raises(Trap, match=message):
        _ret16(guest, t)()


def test_misaligned_utf16_string_traps():
    guest = Guest(encoding="utf16")
    guest.write(struct.pack("<II", 101, 1), 16)
    with pytest.raises(Trap, match="string pointer not aligned to 2"):
        _ret16(guest, String())()


def test_misaligned_and_out_of_bounds_return_pointers_trap():
    guest = Guest('(func (export "odd") (result i32) i32.const 18)'
                  '(func (export "far") (result i32) i32.const 65532)')
    with pytest.raises(Trap, match="return pointer not aligned"):
        guest.lift("odd", FuncType((), String()))()
    with pytest.raises(Trap, match="pointer out of bounds of memory"):
        Guest('(func (export "far") (result i32) i32.const 65532)').lift(
            "far", FuncType((), String()))()


def test_invalid_discriminants_trap():
    guest = Guest()
    with pytest.raises(Trap, match=r"discriminant 3 out of range \[0..3\)"):
        guest.lift("id", FuncType((("x", U32()),), EnumType(("a", "b", "c"))))(3)
    guest2 = Guest()
    guest2.write(bytes([2]) + b"\0" * 11, 16)
    with pytest.raises(Trap, match=r"discriminant 2 out of range \[0..2\)"):
        _ret16(guest2, OptionType(String()))()


def test_lower_func_checks_the_guests_pointers():
    # a guest passing a list outside its memory to a host function
    got = []
    guest = Guest('(func (export "call") (param i32 i32) local.get 0 local.get 1 call $h)',
                  [("h", FuncType((("l", ListType(U16())),), None), got.append)])
    with pytest.raises(Trap, match="list pointer is not aligned"):
        guest.call("call", 1, 1)
    with pytest.raises(Trap, match="list pointer/length out of bounds of memory"):
        guest.call("call", 0, 2**31)
    guest.write(struct.pack("<3H", 1, 2, 3), 200)
    guest.call("call", 200, 3)
    assert got == [[1, 2, 3]]


def test_realloc_results_are_checked():
    body = ('(global $r (mut i32) (i32.const 0))'
            '(func (export "set") (param i32) local.get 0 global.set $r)'
            '(func (export "bad_realloc") (param i32 i32 i32 i32) (result i32) global.get $r)'
            '(func (export "take") (param i32 i32))')
    guest = Guest(body)
    opts = CanonOptions(guest.store, guest.memory, guest.ex["bad_realloc"], None, "utf8",
                        guest.state)
    f = lift_func(FuncType((("l", ListType(U32())),), None), guest.ex["take"], opts)
    guest.call("set", 2)
    with pytest.raises(Trap, match="realloc return: result not aligned"):
        f([1])
    guest2 = Guest(body)
    opts2 = CanonOptions(guest2.store, guest2.memory, guest2.ex["bad_realloc"], None, "utf8",
                         guest2.state)
    g = lift_func(FuncType((("l", ListType(U32())),), None), guest2.ex["take"], opts2)
    guest2.call("set", 65536 - 4)
    with pytest.raises(Trap, match="realloc return: beyond end of memory"):
        g([1, 2])


def test_spilled_params_reach_the_host_function():
    seen = []
    ptypes = tuple((f"p{i}", U64()) for i in range(15))    # 15 i64s + a string: 17 flat
    ft = FuncType(ptypes + (("s", String()),), String())
    f, guest = echo(ft, lambda *a: seen.append(a) or a[-1] * 2)
    assert flatten_functype(ft, "lower") == (["i32", "i32"], [])
    assert f(*range(15), "ab") == "abab"
    assert seen == [tuple(range(15)) + ("ab",)]


# -- Python values of the wrong kind ------------------------------------------------------

@pytest.mark.parametrize("t,value,error,message", [
    (U32(), 1.0, TypeError, "expected int for U32 type"),
    (Bool(), 1, TypeError, "expected bool for Bool type"),
    (F32(), 1, TypeError, "expected float for F32 type"),
    (String(), b"x", TypeError, "expected string type"),
    (ListType(U8()), [1], TypeError, "expected bytes value"),
    (ListType(U32()), (1,), TypeError, "expected list value"),
    (ListType(U32()), [1.5], TypeError, "expected int for U32 type"),
    (ListType(F64()), [1], TypeError, "expected float for F64 type"),
    (ListType(F32()), [1.0] * 99 + [1], TypeError, "expected float for F32 type"),
    (ListType(U16()), [1] * 99 + ["x"], TypeError, "expected int for U16 type"),
    (TupleType((U8(), U8())), (1,), TypeError, "tuple length mismatch"),
    (TupleType((U8(),)), [1], TypeError, "expected tuple type"),
    (EnumType(("a", "b")), "c", WasmtimeError, "enum variant name `c` is not valid"),
    (EnumType(("a",)), 0, TypeError, "expected str type"),
    (FlagsType(("a",)), {"z"}, WasmtimeError, "unknown flag: `z`"),
    (FlagsType(("a",)), ["a"], TypeError, "expected set type for Flags type"),
    (FlagsType(("a",)), {1}, TypeError, "expected set of strings"),
    (OptionType(U32()), "x", ValueError, "value not valid for this variant"),
    (ResultType(String(), String()), "x", TypeError, "expected Variant type"),
    (ResultType(String(), String()), Variant("maybe", "x"), ValueError, "value not valid"),
    (REC, Record(a=1, d="x"), AttributeError, "b_c"),
    (OwnType(ResourceType("x")), 5, TypeError, "expected ResourceAny or ResourceHost"),
])
def test_wrong_python_values(t, value, error, message):
    f, seen, guest = identity_echo(t, host_reps=False)
    with pytest.raises(error, match=message):
        f(value)
    assert seen == []
    # a Python error while lowering leaves the instance usable
    assert guest.lift("id", FuncType((("x", U32()),), U32()))(7) == 7


def test_wrong_number_of_arguments():
    f, _, _ = identity_echo(U32())
    with pytest.raises(TypeError, match="given 0, expected 1"):
        f()
    with pytest.raises(TypeError, match="given 2, expected 1"):
        f(1, 2)


def test_record_fields_by_wit_name_too():
    f, _, _ = identity_echo(REC)

    class Plain:
        pass
    v = Plain()
    v.a, v.d = 1, "x"
    setattr(v, "b-c", 5)             # wasmtime-py names the attribute as WIT does
    assert f(v) == Record(a=1, b_c=5, d="x")


def test_host_function_result_type_errors():
    f, _ = echo(unary(String()), lambda s: 5)
    with pytest.raises(TypeError, match="expected string type"):
        f("x")
    g, _ = echo(FuncType((("x", U32()),), None), lambda x: 1)
    with pytest.raises(WasmtimeError, match="produced results"):
        g(1)


# -- post-return, entering and leaving ------------------------------------------------------

def test_post_return_runs_once_per_call_with_the_core_result():
    body = ('(global $posts (mut i32) (i32.const 0)) (global $last (mut i32) (i32.const 0))'
            '(func (export "post") (param i32) (global.set $posts (i32.add (global.get $posts) '
            '(i32.const 1))) (global.set $last (local.get 0)))'
            '(func (export "posts") (result i32) global.get $posts)'
            '(func (export "last") (result i32) global.get $last)')
    guest = Guest(body, post_return="post")
    guest.write(struct.pack("<II", 100, 2) + b"\0" * 76 + b"ok", 16)
    f = _ret16(guest, String())
    assert f() == "ok" and f() == "ok"
    assert guest.call("posts") == 2 and guest.call("last") == 16


def test_reentering_a_running_instance_traps():
    holder = {}
    guest = Guest(forwarder(unary(U32())), [("f", unary(U32()), lambda x: holder["g"](x))])
    holder["g"] = g = guest.lift("g", unary(U32()))
    with pytest.raises(Trap, match="cannot enter component instance"):
        g(1)
    # and after a trap the instance stays unenterable, as in Wasmtime
    with pytest.raises(Trap, match="cannot enter component instance"):
        guest.lift("id", unary(U32()))(1)


def test_realloc_calling_out_of_the_instance_traps():
    body = ('(func (export "leaky_realloc") (param i32 i32 i32 i32) (result i32) '
            'i32.const 1 call $h drop i32.const 2048)'
            '(func (export "take") (param i32 i32))')
    guest = Guest(body, [("h", unary(U32()), lambda x: x)])
    opts = CanonOptions(guest.store, guest.memory, guest.ex["leaky_realloc"], None, "utf8",
                        guest.state)
    f = lift_func(FuncType((("s", String()),), None), guest.ex["take"], opts)
    with pytest.raises(Trap, match="cannot leave component instance"):
        f("x")


# -- resources ------------------------------------------------------------------------------

RES_BODY = '''
  (global $ndtor (mut i32) (i32.const 0))
  (global $kept (mut i32) (i32.const 0))
  (func (export "dtor") (param i32)
    (i32.store (i32.add (i32.const 800) (i32.shl (global.get $ndtor) (i32.const 2))) (local.get 0))
    (global.set $ndtor (i32.add (global.get $ndtor) (i32.const 1))))
  (func (export "ndtor") (result i32) global.get $ndtor)
  (func (export "new") (param i32) (result i32) local.get 0 call $r-new)
  (func (export "rep") (param i32) (result i32) local.get 0 call $r-rep)
  (func (export "drop") (param i32) local.get 0 call $r-drop)
  (func (export "keep") (param i32) (result i32) local.get 0 global.set $kept local.get 0)
  (func (export "kept") (result i32) global.get $kept)
'''


def dtor_log(guest) -> list:
    n = guest.call("ndtor")
    return list(struct.unpack(f"<{n}I", guest.read(800, 4 * n)))


def test_handles_start_at_1_and_reuse_the_last_freed():
    guest = Guest(RES_BODY)
    a, b, c = guest.call("new", 10), guest.call("new", 11), guest.call("new", 12)
    assert (a, b, c) == (1, 2, 3)
    guest.call("drop", b)
    guest.call("drop", a)
    assert guest.call("new", 13) == a and guest.call("new", 14) == b
    assert guest.call("rep", a) == 13 and guest.call("rep", c) == 12
    assert dtor_log(guest) == [11, 10]
    with pytest.raises(Trap, match="unknown handle index 0"):
        guest.call("rep", 0)
    with pytest.raises(Trap, match="unknown handle index 9"):
        guest.call("drop", 9)


def test_guest_resource_through_the_host():
    guest = Guest(RES_BODY)
    R = guest.R
    make = guest.lift("new", FuncType((("rep", U32()),), OwnType(R)))
    rep_of = guest.lift("id", FuncType((("x", BorrowType(R)),), U32()))
    consume = guest.lift("rep", FuncType((("x", OwnType(R)),), U32()))
    keep = guest.lift("keep", FuncType((("x", OwnType(R)),), U32()))
    a = make(42)
    assert isinstance(a, ResourceAny) and a.owned and a.type is R
    assert rep_of(a) == 42          # the defining instance sees a borrow as its rep
    assert rep_of(a) == 42          # lending does not move it
    b = make(7)
    assert consume(b) == 7          # moved into the guest
    with pytest.raises(ValueError, match="already closed"):
        rep_of(b)
    with pytest.raises(ValueError, match="already closed"):
        b.drop(guest.store)
    with pytest.raises(WasmtimeError, match="resource type mismatch"):
        a.to_host(guest.store)
    a.drop(guest.store)
    assert dtor_log(guest) == [42]
    with pytest.raises(Trap, match="unknown handle index"):
        a.drop(guest.store)
    assert dtor_log(guest) == [42]  # the destructor ran once
    c = make(9)
    h = keep(c)
    guest.call("drop", h)           # the guest drops what it was given
    assert dtor_log(guest) == [42, 9]


def test_resource_of_another_type_is_refused():
    guest = Guest(RES_BODY)
    other = ResourceType("other", instance=ComponentInstanceState())
    make = guest.lift("new", FuncType((("rep", U32()),), OwnType(guest.R)))
    take_other = guest.lift("id", FuncType((("x", BorrowType(other)),), U32()))
    with pytest.raises(WasmtimeError, match="mismatched resource types"):
        take_other(make(1))
    with pytest.raises(WasmtimeError, match="mismatched resource types"):
        take_other(ResourceHost.own(1, 5))


def test_borrow_lent_to_a_guest_must_be_dropped_before_it_returns():
    # H is defined by another instance: the guest is given borrow handles
    H = ResourceType("h", instance=ComponentInstanceState("other"))
    body = RES_BODY + '''
      (func (export "use-and-drop") (param i32) (result i32)
        (call $h-drop (local.get 0)) (local.get 0))
      (func (export "use-and-keep") (param i32) (result i32) local.get 0)'''
    guest = Guest(body, resources=[("h", H)])
    ft = FuncType((("x", BorrowType(H)),), U32())
    assert guest.lift("use-and-drop", ft)(_host_any(guest, H, 5)) == 1
    assert guest.lift("use-and-drop", ft)(_host_any(guest, H, 6)) == 1   # index 1 again
    with pytest.raises(Trap, match="borrow handles still remain at the end of the call"):
        guest.lift("use-and-keep", ft)(_host_any(guest, H, 7))


def _host_any(guest, rt, rep):
    """A ResourceAny of a resource ``rt`` the host holds."""
    from wasmlite.runtime.component_resources import HandleElem, host_table
    table = host_table(guest.store)
    return ResourceAny._new(rt, table, table.add(HandleElem(rep, True)), True)


def test_host_resources_as_reps():
    """A host-defined type (instance None): host functions see its reps,
    any Python object, and its destructor runs once when the guest drops."""
    H = ResourceType("file")
    log = []
    H.dtor = lambda f: log.append(("dtor", f.name))

    class File:
        def __init__(self, name):
            self.name = name
    body = '''
      (func (export "run") (result i32)
        (local $a i32) (local $b i32)
        (local.set $a (call $open (i32.const 100) (i32.const 1)))
        (local.set $b (call $open (i32.const 101) (i32.const 1)))
        (drop (call $size (local.get $a)))
        (drop (call $size (local.get $b)))
        (call $close (local.get $b))
        (call $h-drop (local.get $a))
        (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b)))
      (func (export "drop") (param i32) local.get 0 call $h-drop)'''
    guest = Guest(body, [
        ("open", FuncType((("name", String()),), OwnType(H)), lambda name: File(name)),
        ("size", FuncType((("f", BorrowType(H)),), U32()),
         lambda f: log.append(("size", f.name)) or 3),
        ("close", FuncType((("f", OwnType(H)),), None), lambda f: log.append(("close", f.name))),
    ], resources=[("h", H)])
    guest.write(b"ab", 100)
    assert guest.call("run") == 12                    # handles 1 and 2
    assert log == [("size", "a"), ("size", "b"), ("close", "b"), ("dtor", "a")]
    with pytest.raises(Trap, match="unknown handle index 1"):
        guest.call("drop", 1)
    assert len(log) == 4


def test_own_cannot_be_dropped_while_lent():
    H = ResourceType("thing")
    drops = []
    H.dtor = drops.append
    holder = {}

    def inspect(thing):
        # while the guest's own handle is lent to this call, it cannot be dropped
        with pytest.raises(Trap, match="cannot remove owned resource while borrowed"):
            holder["drop"](1)
        return 1
    guest = Guest()
    _, holder["drop"] = resource_drop_func(guest.state, H, guest.store)
    new = lower_func(FuncType((), OwnType(H)), lambda: "T", guest.opts)[1]
    look = lower_func(FuncType((("t", BorrowType(H)),), U32()), inspect, guest.opts)[1]
    take = lower_func(FuncType((("t", OwnType(H)),), None), lambda t: drops.append(("taken", t)),
                      guest.opts)[1]
    h = new()
    assert look(h) == 1
    assert drops == []
    # after the call the lend is over: moving it out works
    take(h)
    assert drops == [("taken", "T")]


def test_guest_resource_borrowed_by_a_host_function():
    """A guest-defined resource reaches a host function as a ResourceAny
    borrow, valid during the call only; the own handle is lent meanwhile."""
    kept = []

    def callee(r):
        assert isinstance(r, ResourceAny) and not r.owned
        kept.append(r)
        return 5
    guest = Guest(RES_BODY)
    look = lower_func(FuncType((("r", BorrowType(guest.R)),), U32()), callee, guest.opts)[1]
    h = guest.call("new", 77)
    assert look(h) == 5
    with pytest.raises(Trap, match="unknown handle index"):
        kept[0].drop(guest.store)             # the borrow ended with the call
    guest.call("drop", h)                     # the lend ended too
    assert dtor_log(guest) == [77]


def test_lifting_own_from_a_borrow_handle_traps():
    H = ResourceType("h", instance=ComponentInstanceState("other"))
    guest = Guest()
    state = guest.state
    from wasmlite.runtime.component_resources import HandleElem
    i = state.table(H).add(HandleElem(3, False))
    take = lower_func(FuncType((("t", OwnType(H)),), None), lambda t: None, guest.opts)[1]
    with pytest.raises(Trap, match="cannot lift own resource from a borrow"):
        take(i)


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 0, 2), (2, 0, 1)])
def test_destructors_run_once_in_any_drop_order(order):
    guest = Guest(RES_BODY)
    R = guest.R
    make = guest.lift("new", FuncType((("rep", U32()),), OwnType(R)))
    keep = guest.lift("keep", FuncType((("x", OwnType(R)),), U32()))
    held = [make(100 + k) for k in range(3)]
    # resource 1 goes back to the guest first; the others stay with the host
    guest_handle = keep(held[1])
    for k in order:
        if k == 1:
            guest.call("drop", guest_handle)
        else:
            held[k].drop(guest.store)
    assert dtor_log(guest) == [100 + k for k in order]
    for k in (0, 2):
        with pytest.raises(Trap):
            held[k].drop(guest.store)
    with pytest.raises(Trap):
        guest.call("drop", guest_handle)
    assert sorted(dtor_log(guest)) == [100, 101, 102]


def test_failed_lowering_gives_the_resource_back():
    guest = Guest(RES_BODY + '(func (export "two") (param i32 i32) (result i32) local.get 0)')
    R = guest.R
    make = guest.lift("new", FuncType((("rep", U32()),), OwnType(R)))
    two = guest.lift("two", FuncType((("r", OwnType(R)), ("n", U32())), U32()))
    a = make(5)
    with pytest.raises(TypeError):
        two(a, "not a number")
    assert a.owned                         # not moved: the call never happened
    assert len(guest.state.table(R)) == 0  # and the guest's handle was taken back
    assert guest.lift("rep", FuncType((("x", OwnType(R)),), U32()))(a) == 5


def test_resource_host_values():
    h = ResourceHost.own(2**32 + 5, 3)
    assert (h.rep, h.type, h.owned) == (5, 3, True)
    b = ResourceHost.borrow(1, 3)
    assert not b.owned
    store = wasmlite.Store(ENGINE)
    a = h.to_any(store)
    assert a.owned and a.type is ResourceType.host(3)
    back = a.to_host(store)
    assert (back.rep, back.type, back.owned) == (5, 3, True)
    assert not b.to_any(store).owned
    with pytest.raises(WasmtimeError):
        ResourceAny()
    with pytest.raises(WasmtimeError):
        ResourceHost()
    with pytest.raises(TypeError):
        ResourceHost.own("x", 1)


def test_host_resource_returned_to_python_by_the_guest():
    """An own of a host type the guest got from a host function, handed back
    to Python by an export: a ResourceAny whose to_host gives the rep."""
    H = ResourceType.host(7)
    body = ('(func (export "make") (result i32) call $mk)'
            '(func (export "give") (param i32) (result i32) local.get 0)')
    guest = Guest(body, [("mk", FuncType((), OwnType(H)), lambda: ResourceHost.own(55, 7))])
    with pytest.raises(Trap, match="unknown handle index 2"):
        guest.lift("give", FuncType((("h", U32()),), OwnType(H)))(guest.call("make") + 1)
    fresh = Guest(body, [("mk", FuncType((), OwnType(H)), lambda: ResourceHost.own(55, 7))])
    r = fresh.lift("give", FuncType((("h", U32()),), OwnType(H)))(fresh.call("make"))
    assert isinstance(r, ResourceAny) and r.type is H
    host = r.to_host(fresh.store)
    assert (host.rep, host.type, host.owned) == (55, 7, True)
    # to_host took the owned handle out of the host table, as in Wasmtime
    with pytest.raises(WasmtimeError, match="unknown handle index"):
        r.drop(fresh.store)
    # and it goes back in as a borrow of the same type
    peek = fresh.lift("give", FuncType((("h", BorrowType(H)),), U32()))
    with pytest.raises(Trap, match="borrow handles still remain"):
        peek(host)               # the guest kept the borrow handle it was given
