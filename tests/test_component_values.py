"""Component values crossing the canonical ABI (issue 15): every WIT value
type of tests/components/world/values.wasm echoed by the guest alone and
through a host import, the same call made under wasmlite.component and
wasmtime-py's wasmtime.component, the results compared (component_parity.py)
and checked against what was sent.

Also at the edges: empty and 1 MB strings and lists, strings in each string
encoding with invalid UTF-8 / UTF-16 made by the guest, 32 flags (33 are
refused), nested variants, wrong Python arguments (TypeError / ValueError
as wasmtime-py raises them), and a guest that answers wrong on purpose
(bad.wasm: every refused value traps in both runtimes with the same words).
"""
from __future__ import annotations

import math
import random
import struct

import pytest

from component_parity import (NaN, R, RUNTIMES, V, WORLD, assert_same, error_kind,
                              key_line, neutral, outcome)
from component_world import World, component, engine_for

INF = float("inf")
NAN = float("nan")
MISSING = object()


class X:
    """A value sent, and what comes back when that is not the value itself."""

    def __init__(self, sent, back=MISSING):
        self.sent = sent
        self.back = sent if back is MISSING else back


def f32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


MIXED1 = R(a=255, b=2**64 - 1, c="héllo", d=[0, 65535], e=1.5, f="😀", g=True, h=-0.5)
MIXED2 = R(a=0, b=0, c="", d=[], e=None, f="\0", g=False, h=0.0)

# name -> values; each value is sent to echo-NAME and via-NAME
ECHO_CASES = {
    "bool": [True, False],
    "s8": [0, -1, -128, 127], "s16": [-32768, 32767], "s32": [-2**31, 2**31 - 1],
    "s64": [-2**63, 2**63 - 1, 0], "u8": [0, 255], "u16": [0, 65535],
    "u32": [0, 2**32 - 1], "u64": [0, 2**64 - 1],
    "f32": [0.0, 1.5, -2.25, INF, -INF, X(NAN, NaN()), X(0.1, f32(0.1)),
            3.4028234663852886e38, 1.401298464324817e-45, X(1e39, INF)],
    "f64": [0.1, -0.0, INF, X(NAN, NaN()), 5e-324, 1.7976931348623157e308],
    "char": ["a", "\0", "é", "€", "😀", "\U0010ffff", "\ud7ff", "\ue000"],
    "string": ["", "hello", "héllo wörld €😀", "\0", "a" * 1000],
    "bytes": [b"", b"\x00\xff", bytes(range(256))],
    "strings": [[], [""], ["a", "", "ü€😀"]],
    "u32s": [[], [0, 2**32 - 1], list(range(1000))],
    "s64s": [[-2**63, 0, 2**63 - 1]],
    "f32s": [[1.5, -0.0, INF, -INF], X([NAN, 1.0], [NaN(), 1.0])],
    "f64s": [[0.1, 5e-324], X([NAN], [NaN()])],
    "bools": [[True, False, True], []],
    "chars": [["a", "😀", "\U0010ffff", "\0"]],
    "points": [[], [R(x=1, y=2), R(x=-3, y=4)]],
    "mixeds": [[MIXED1, MIXED2]],
    "string-lists": [[], [[]], [["a"], [], ["b", "c€"]]],
    "shapes": [[V("circle", 1.5), V("empty"), V("label", "x"), V("rect", R(x=0, y=0)),
                V("big", 1)]],
    "point": [R(x=-2**31, y=2**31 - 1)],
    "mixed": [MIXED1, MIXED2],
    "wide": [R(**{f"f{i}": i * 15 % 256 for i in range(17)})],
    "tuple": [(0, "", 0.0), (255, "x€", -1.5)],
    "tuple1": [(True,), (False,)],
    # shape's cases need tags (f32 and f64 are both float); their flat
    # values join to i32, i64, i32
    "shape": [V("circle", 1.5), X(V("circle", NAN), V("circle", NaN())), V("rect", R(x=1, y=-1)),
              V("empty"), V("label", "hi"), V("big", 2**64 - 1), V("precise", 0.1)],
    "inner": [5, 0, 2**32 - 1, "text", None],
    # nested variants: outer's cases need tags, and so do maybe's (an
    # option<inner>, inner taking None too); either's (a result<inner,
    # shape>) do not, and its ok case (inner) takes any value first
    "outer": [V("wrap", 5), V("wrap", "t"), V("wrap", None), V("maybe", V("none")),
              V("maybe", V("some", 7)), V("maybe", V("some", None)), V("either", 3),
              V("either", "x"), V("either", None), V("leaf")],
    "numbers": [V("i", -128), V("f", -1.5), V("d", 1e300), V("l", -2**63), V("f", INF)],
    "plain": [V("first"), V("second"), V("third")],
    "color": ["red", "green", "blue"],
    "many": ["c0", "c255", "c256", "c299"],
    "option-u32": [None, 0, 2**32 - 1],
    "option-string": [None, "", "x€"],
    "option-option": [V("none"), V("some", None), V("some", 5)],
    # option<option<option<u8>>>: the outer option's cases need no tag, the
    # inner ones do
    "option-option-option": [None, V("none"), V("some", None), V("some", 3)],
    "option-point": [None, R(x=1, y=2)],
    "result-empty": [V("ok"), V("err")],
    "result-ok": [5, None],
    "result-err": [None, "e", ""],
    "result-both": [V("ok", "a"), V("err", "")],
    "result-mixed": [7, 2**64 - 1, 2.5],
    "result-nested": [3, None],
    "flags1": [set(), {"b0"}],
    "flags8": [set(), {"b0", "b7"}, {f"b{i}" for i in range(8)}],
    "flags16": [{"b8"}, {f"b{i}" for i in range(16)}],
    "flags32": [set(), {f"b{i}" for i in range(32)}, {"b31"}, {"b0", "b15", "b16", "b31"}],
}

CASES = [(name, i, v if isinstance(v, X) else X(v))
         for name, values in ECHO_CASES.items() for i, v in enumerate(values)]


@pytest.fixture(scope="module")
def worlds():
    """values.wasm instantiated under each runtime (shared by the value
    tests: an echo leaves nothing behind)."""
    return {rt: World(rt) for rt in RUNTIMES}


@pytest.fixture
def fresh():
    """values.wasm newly instantiated under each runtime, for tests that may
    leave an instance unenterable."""
    return {rt: World(rt) for rt in RUNTIMES}


def same(worlds, fn, expect=MISSING):
    """``fn(world)`` under both runtimes: the same outcome, and ``expect``
    (neutral) when given. Returns the wasmlite outcome."""
    lite = outcome(lambda: fn(worlds["wasmlite"]))
    wt = outcome(lambda: fn(worlds["wasmtime"]))
    assert_same(lite, wt)
    if expect is not MISSING:
        assert lite == ("ok", expect), lite
    return lite


def test_every_echo_type_has_cases():
    from component_world import echo_names
    assert set(echo_names()) == set(ECHO_CASES)


@pytest.mark.parametrize("name,i,x", CASES, ids=[f"{n}-{i}" for n, i, _ in CASES])
def test_echo_by_the_guest(worlds, name, i, x):
    same(worlds, lambda w: w.call("echo", f"echo-{name}", x.sent), x.back)


@pytest.mark.parametrize("name,i,x", CASES, ids=[f"{n}-{i}" for n, i, _ in CASES])
def test_echo_through_the_host(worlds, name, i, x):
    """The guest lowers the value into a host call (the host sees it as it
    was sent) and lowers the host's answer back out."""
    same(worlds, lambda w: w.call("calls", f"via-{name}", x.sent), x.back)
    for w in worlds.values():
        assert w.received[-1] == (name, x.back)


def test_negative_zero_keeps_its_sign(worlds):
    for rt, w in worlds.items():
        for fn in ("echo-f32", "echo-f64"):
            assert math.copysign(1.0, w.call("echo", fn, -0.0)) == -1.0, (rt, fn)
        assert math.copysign(1.0, w.call("calls", "via-f64", -0.0)) == -1.0, rt


def test_several_params_and_spilled_params(worlds):
    """combine takes five params (flat); nine-strings' 18 flat params and
    echo-wide's 17 pass through memory."""
    same(worlds, lambda w: w.call("echo", "combine", 7, -2**63, "€", [1, 2], 0.5),
         (7, -2**63, "€", [1, 2], 0.5))
    same(worlds, lambda w: w.call("echo", "combine", 0, 0, "", [], None), (0, 0, "", [], None))
    nine = [f"s{i}" * i for i in range(9)]
    same(worlds, lambda w: w.call("echo", "nine-strings", *nine), nine)


def test_functions_without_results(worlds):
    same(worlds, lambda w: w.call("echo", "nothing"), None)
    same(worlds, lambda w: w.call("echo", "ignore", "x", ["a", "b"]), None)


# -- sizes: empty and 1 MB -----------------------------------------------------------

MB = 1 << 20


def _random_bytes(n: int) -> bytes:
    return random.Random(15).randbytes(n)


BIG_CASES = {
    "string": ["", "a" * MB, "é" * (MB // 2), "😀" * (MB // 4), "a€😀" * (MB // 8)],
    "bytes": [b"", _random_bytes(MB)],
    "u32s": [[], list(range(MB // 4))],
    "strings": [[], [""] * 1000, ["x" * 1000] * 1000],
    "f64s": [[float(i) for i in range(MB // 8)]],
    "points": [[R(x=i, y=-i) for i in range(MB // 64)]],     # 128 KiB: wasmtime-py is slow here
}
BIG = [(n, i, v) for n, vs in BIG_CASES.items() for i, v in enumerate(vs)]


@pytest.mark.parametrize("name,i,value", BIG, ids=[f"{n}-{i}" for n, i, _ in BIG])
def test_empty_and_1mb_values(worlds, name, i, value):
    expect = neutral(value)
    same(worlds, lambda w: w.call("echo", f"echo-{name}", value), expect)
    same(worlds, lambda w: w.call("calls", f"via-{name}", value), expect)


def test_1mb_lengths_seen_by_the_guest(worlds):
    """The guest's own view of what was lowered: the UTF-8 byte length, the
    list length, a sum over the elements."""
    same(worlds, lambda w: w.call("echo", "string-len", "é" * (MB // 2)), MB)
    same(worlds, lambda w: w.call("echo", "string-len", "😀" * (MB // 4)), MB)
    same(worlds, lambda w: w.call("echo", "bytes-len", bytes(MB)), MB)
    same(worlds, lambda w: w.call("echo", "u32s-sum", list(range(MB // 4))),
         sum(range(MB // 4)) & 0xFFFFFFFF)
    same(worlds, lambda w: w.call("echo", "string-len", ""), 0)
    same(worlds, lambda w: w.call("echo", "string-and-list", "hello" * 10, list(range(100))), 150)


# -- Python values the ABI refuses ----------------------------------------------------

BAD_ARGS = [
    ("u8", "x"), ("u8", 1.0), ("s64", None), ("bool", 1), ("bool", None), ("f32", 1),
    ("f64", "1.0"), ("char", "ab"), ("char", ""), ("char", 65), ("string", b"x"),
    ("string", None), ("bytes", "x"), ("bytes", [1, 2]),
    ("u32s", (1, 2)), ("u32s", [1, "x"]), ("u32s", [1, None]), ("f64s", [1]),
    ("bools", [1]), ("chars", ["ab"]), ("strings", ["a", 1]), ("strings", "ab"),
    ("point", object()), ("point", R(x=1)), ("point", R(x=1, y="2")), ("tuple", (1, "x")),
    ("tuple", [1, "x", 1.0]), ("tuple", (1, 2, 3.0)), ("tuple1", True),
    ("color", "purple"), ("color", 0), ("many", "c300"),
    ("flags8", {"zz"}), ("flags8", {1}), ("flags8", ["b0"]), ("flags8", "b0"),
    ("shape", 1.5), ("shape", V("nope")), ("shape", V("circle", "x")),
    ("shape", V("rect", 1)), ("inner", 1.5), ("inner", b"x"), ("outer", 5),
    ("outer", V("either", V("rect", R(x=1, y=2)))),
    ("option-u32", "x"), ("option-u32", 1.5), ("option-option", 5), ("option-option", None),
    ("result-both", "a"), ("result-empty", None), ("result-nested", "blue"),
    ("result-mixed", "x"), ("numbers", V("i", 1.5)), ("plain", "first"),
    ("mixeds", [MIXED1, 5]), ("wide", R(f0=1)),
]


@pytest.mark.parametrize("name,value", BAD_ARGS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(BAD_ARGS)])
def test_wrong_python_values_are_refused_alike(fresh, name, value):
    """The same exception class and message as wasmtime-py. wasmlite's
    instance stays usable afterwards (wasmtime's cannot be entered again
    after an error its Rust side finds, such as an unknown enum name)."""
    got = same(fresh, lambda w: w.call("echo", f"echo-{name}", value))
    assert got[0] == "error"
    lite = fresh["wasmlite"]
    assert lite.call("echo", "echo-u8", 3) == 3
    with pytest.raises(type(got[1])):
        lite.call("calls", f"via-{name}", value)
    assert lite.call("calls", "via-u8", 3) == 3


def test_bytearray_and_frozenset_are_taken_too():
    """wasmlite takes a bytearray for list<u8> and a frozenset for flags
    (wasmtime-py wants bytes and set: anything it takes, wasmlite takes)."""
    w = World("wasmlite")
    assert w.call("echo", "echo-bytes", bytearray(b"ab")) == b"ab"
    assert w.call("calls", "via-flags8", frozenset({"b1"})) == {"b1"}


def test_surrogates_in_python_strings(worlds):
    """A lone surrogate is no Unicode scalar value: no string holds one
    (UnicodeEncodeError, a ValueError, as in wasmtime-py)."""
    for fn, value in (("echo-string", "a\udfffb"), ("echo-strings", ["\ud800"])):
        got = same(worlds, lambda w: w.call("echo", fn, value))
        assert got[0] == "error" and isinstance(got[1], ValueError), fn


@pytest.mark.parametrize("fn,value", [("echo-char", "\ud800"), ("echo-chars", ["a", "\udc00"]),
                                      ("via-char", "\udfff")])
def test_surrogates_as_chars(fn, value):
    """No char holds a surrogate either: a ValueError. (wasmtime-py 50
    aborts the process on this one, a panic in its C API, so wasmlite alone
    is checked.)"""
    w = World("wasmlite")
    interface = "calls" if fn.startswith("via") else "echo"
    with pytest.raises(ValueError, match="surrogate"):
        w.call(interface, fn, value)
    assert w.call("echo", "echo-char", "a") == "a"


INT_WRAPS = [("u8", 256), ("u8", -1), ("s8", 200), ("s8", -129), ("u16", 2**16 + 5),
             ("s16", 40000), ("u32", -1), ("u32", 2**32), ("s32", 2**31), ("u64", -1),
             ("s64", 2**63), ("u8", True)]


@pytest.mark.parametrize("name,value", INT_WRAPS, ids=[f"{n}-{v}" for n, v in INT_WRAPS])
def test_integers_out_of_range(fresh, name, value):
    """wasmtime-py takes an int of any size and keeps its low bits."""
    same(fresh, lambda w: w.call("echo", f"echo-{name}", value))
    same(fresh, lambda w: w.call("calls", f"via-{name}", value))


def test_wrong_number_of_arguments(fresh):
    worlds = fresh
    same(worlds, lambda w: w.call("echo", "echo-u8"))
    same(worlds, lambda w: w.call("echo", "echo-u8", 1, 2))
    same(worlds, lambda w: w.call("echo", "combine", 1))


HOST_ANSWERS = [("u8", "x"), ("string", 5), ("point", 3), ("color", "purple"),
                ("option-u32", 1.5), ("flags8", {"nope"}), ("bytes", [1]), ("char", "ab"),
                ("u8", 300), ("f32", 1)]


@pytest.mark.parametrize("name,answer", HOST_ANSWERS,
                         ids=[f"{n}-{i}" for i, (n, _) in enumerate(HOST_ANSWERS)])
def test_host_answers_of_the_wrong_type(fresh, name, answer):
    """A host function returning a value its result type refuses: the call
    fails as in wasmtime-py (its exception reaches the caller), and the
    instance, left in the middle of a call, cannot be entered again."""
    for w in fresh.values():
        w.overrides[name] = lambda store, x: answer
    sent = ECHO_CASES[name][0]
    same(fresh, lambda w: w.call("calls", f"via-{name}", sent.sent if isinstance(sent, X) else sent))
    same(fresh, lambda w: w.call("echo", "echo-u8", 3))


def test_host_exception_reaches_the_caller(fresh):
    def boom(store, x):
        raise RuntimeError("oh no")
    for w in fresh.values():
        w.overrides["string"] = boom
    got = same(fresh, lambda w: w.call("calls", "via-string", "x"))
    assert got[0] == "error" and type(got[1]) is RuntimeError and str(got[1]) == "oh no"


# -- flags past 32 ------------------------------------------------------------------------

def test_33_flags_are_refused():
    data = (WORLD / "text" / "flags33.wasm").read_bytes()
    results = {}
    for rt, (_, C) in RUNTIMES.items():
        results[rt] = outcome(lambda: C.Component(engine_for(rt), data))
    assert_same(results["wasmlite"], results["wasmtime"])
    assert results["wasmlite"][0] == "error"
    assert "cannot have more than 32 flags" in key_line(results["wasmlite"][1])


# -- strings in each encoding ------------------------------------------------------------

class StringsWorld:
    """strings_ENCODING.wasm with its host-* imports echoing."""

    def __init__(self, runtime: str, encoding: str) -> None:
        wt, C = RUNTIMES[runtime]
        self.C = C
        engine = engine_for(runtime)
        self.store = wt.Store(engine)
        self.received = []
        linker = C.Linker(engine)
        with linker.root() as root:
            with root.add_instance("test:strings/host") as host:
                for name in ("string", "strings", "option-string", "result-both"):
                    host.add_func(f"host-{name}", self._echo)
        self.instance = linker.instantiate(self.store,
                                           component(runtime, engine, f"strings_{encoding}"))

    def _echo(self, store, x):
        self.received.append(neutral(x))
        return x

    def call(self, name, *args):
        inst, store = self.instance, self.store
        idx = inst.get_export_index(store, "test:strings/echo")
        f = inst.get_func(store, inst.get_export_index(store, name, idx))
        from component_parity import to_runtime
        return f(store, *[to_runtime(a, self.C) for a in args])


ENCODINGS = ("utf8", "utf16", "latin1")


@pytest.fixture(scope="module", params=ENCODINGS)
def strings(request):
    return {rt: StringsWorld(rt, request.param) for rt in RUNTIMES}


STRINGS = ["", "abc", "é", "ÿ" * 3, "€", "😀", "a😀b", "\0", "é€", "latin1 then 😀",
           "x" * 1000, "ÿ" * 1000 + "€"]


@pytest.mark.parametrize("s", STRINGS, ids=range(len(STRINGS)))
def test_strings_in_each_encoding(strings, s):
    same(strings, lambda w: w.call("echo-string", s), s)
    same(strings, lambda w: w.call("via-string", s), s)
    same(strings, lambda w: w.call("echo-strings", [s, s[::-1]]), [s, s[::-1]])
    same(strings, lambda w: w.call("via-option-string", s), s)
    same(strings, lambda w: w.call("via-result-both", V("err", s)), V("err", s))
    for w in strings.values():
        assert w.received[-1] == V("err", s)


@pytest.mark.parametrize("s", ["", "a", "é", "€", "😀", "ÿ€", "a" * 100],
                         ids=range(7))
def test_string_length_as_the_guest_sees_it(strings, s):
    """The flat length: UTF-8 bytes, UTF-16 code units, or for
    latin1+utf16 latin1 bytes (or UTF-16 code units with bit 31 set)."""
    same(strings, lambda w: w.call("string-len", s))


@pytest.mark.parametrize("s", ["a" * MB, "é" * MB, "😀" * (MB // 2), "ÿ" * MB + "€"],
                         ids=["ascii", "latin1", "astral", "latin1-then-not"])
def test_1mb_strings_in_each_encoding(strings, s):
    same(strings, lambda w: w.call("echo-string", s), s)
    same(strings, lambda w: w.call("via-string", s), s)


def _raw(encoding: str, data: bytes, length: int = None, at: int = 40000):
    """What raw-string returns for ``data`` poked at ``at``, as a function
    of a StringsWorld."""
    if length is None:
        length = len(data) // 2 if encoding == "utf16" else len(data)

    def run(w):
        w.call("poke", at, data)
        return w.call("raw-string", at, length)
    return run


INVALID_UTF8 = [b"\xff", b"\xc3", b"a\xc3(", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80",
                b"\xe2\x82", b"\x80"]
VALID_UTF8 = [b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\x00", b"\xef\xbb\xbf"]


@pytest.fixture(scope="module")
def utf8():
    return {rt: StringsWorld(rt, "utf8") for rt in RUNTIMES}


@pytest.mark.parametrize("data", INVALID_UTF8 + VALID_UTF8, ids=lambda d: d.hex())
def test_utf8_from_the_guest(data):
    """Invalid UTF-8 from the guest traps (and the instance cannot be
    entered again); valid UTF-8 reads as it should."""
    w = {rt: StringsWorld(rt, "utf8") for rt in RUNTIMES}
    got = same(w, _raw("utf8", data))
    if data in VALID_UTF8:
        assert got == ("ok", data.decode("utf-8"))
    else:
        assert got[0] == "error" and error_kind(got[1]) == "WasmtimeError"
        same(w, lambda x: x.call("string-len", "a"))      # cannot enter now


UTF16 = [("unpaired-high", "\x00\xd8a\x00"), ("unpaired-low", "\x00\xdc"),
         ("high-at-end", "a\x00\x00\xd8"), ("two-highs", "\x00\xd8\x00\xd8"),
         ("pair", "=\xd8\x00\xde"), ("bmp", "\xac\x20"), ("nul", "\x00\x00")]


@pytest.mark.parametrize("name,data", UTF16, ids=[n for n, _ in UTF16])
def test_utf16_from_the_guest(name, data):
    data = data.encode("latin-1")
    w = {rt: StringsWorld(rt, "utf16") for rt in RUNTIMES}
    got = same(w, _raw("utf16", data))
    if name in ("pair", "bmp", "nul"):
        assert got == ("ok", data.decode("utf-16-le"))
    else:
        assert got[0] == "error"


@pytest.mark.parametrize("encoding,ptr,length", [
    ("utf16", 40001, 1), ("utf16", 65534, 2), ("utf16", 0xFFFFFFF0, 4),
    ("utf16", 40000, 0x7FFFFFFF), ("utf8", 65530, 100), ("utf8", 0xFFFFFFFF, 1),
    ("latin1", 65530, 100), ("latin1", 40001, 1 | 1 << 31), ("latin1", 65534, 2 | 1 << 31),
    ("utf8", 65536, 0), ("utf16", 65536, 0)])
def test_strings_out_of_bounds_or_misaligned(encoding, ptr, length):
    w = {rt: StringsWorld(rt, encoding) for rt in RUNTIMES}
    same(w, lambda x: x.call("raw-string", ptr, length))


@pytest.mark.parametrize("data,length,expect", [
    (b"\xe9t\xe9", 3, "été"), (b"\xff", 1, "ÿ"), (b"\xac\x20", 1 | 1 << 31, "€"),
    (b"\x00\xd8", 1 | 1 << 31, None), (b"a\x00", 1 | 1 << 31, "a")],
    ids=["latin1", "latin1-ff", "utf16-tagged", "tagged-surrogate", "tagged-ascii"])
def test_latin1_utf16_from_the_guest(data, length, expect):
    w = {rt: StringsWorld(rt, "latin1") for rt in RUNTIMES}
    got = same(w, _raw("latin1", data, length))
    if expect is None:
        assert got[0] == "error"
    else:
        assert got == ("ok", expect)


# -- a guest that answers wrong -------------------------------------------------------

BAD = ["bad-char", "bad-char-big", "bad-chars", "bad-list-align", "bad-list-oob",
       "bad-list-len", "bad-string-oob", "bad-retptr-oob", "bad-retptr-align", "bad-option",
       "bad-result", "bad-shape", "bad-shapes", "bad-enum", "bad-enums", "bad-handle",
       "bad-handle-zero", "trap"]
# what the canonical ABI reads leniently, in both runtimes
LENIENT = {"bad-bool": True, "bad-bools": [True], "bad-pair": R(a=1, b=True),
           "bad-flags": {"x", "y", "z"}, "bad-flags-list": [set()], "bad-u8": 255}


class BadWorld:
    def __init__(self, runtime: str) -> None:
        wt, C = RUNTIMES[runtime]
        engine = engine_for(runtime)
        self.store = wt.Store(engine)
        self.instance = C.Linker(engine).instantiate(self.store, component(runtime, engine, "bad"))

    def call(self, name, *args):
        inst, store = self.instance, self.store
        idx = inst.get_export_index(store, "test:bad/bad")
        return inst.get_func(store, inst.get_export_index(store, name, idx))(store, *args)


def bad_worlds():
    return {rt: BadWorld(rt) for rt in RUNTIMES}


@pytest.mark.parametrize("name", BAD)
def test_wrong_answers_trap(name):
    """Each is a WasmtimeError in both runtimes with the same cause; the
    instance cannot be entered afterwards."""
    w = bad_worlds()
    got = same(w, lambda x: x.call(name))
    assert got[0] == "error" and error_kind(got[1]) == "WasmtimeError"
    after = same(w, lambda x: x.call("ok"))
    assert after[0] == "error" and "cannot enter component instance" in key_line(after[1])


@pytest.mark.parametrize("name", sorted(LENIENT))
def test_values_read_leniently(name):
    """A bool byte of 2 is true, flag bits past the names are ignored, a u8
    keeps its low 8 bits of the i32."""
    same(bad_worlds(), lambda x: x.call(name), LENIENT[name])


@pytest.mark.parametrize("mode", [1, 2, 3], ids=["misaligned", "out-of-bounds", "traps"])
@pytest.mark.parametrize("fn,arg", [("take-string", "hello"), ("take-u32s", [1, 2]),
                                    ("take-strings", ["a", "b"])])
def test_a_wrong_realloc(mode, fn, arg):
    """realloc answering a misaligned or out-of-bounds pointer, or trapping,
    while the host lowers a string or list into the guest. (A string's
    bytes need no alignment: a misaligned pointer is fine for one.)"""
    w = bad_worlds()
    same(w, lambda x: x.call("realloc-mode", mode), None)
    same(w, lambda x: x.call(fn, arg))


def test_core_trap_is_a_wasmtime_error():
    """wasmtime-py raises a trap inside a component call as WasmtimeError
    (not Trap); code catching WasmtimeError catches it in wasmlite too, with
    the same backtrace text."""
    import wasmlite
    w = BadWorld("wasmlite")
    with pytest.raises(wasmlite.WasmtimeError) as info:
        w.call("trap")
    assert "wasm trap: wasm `unreachable` instruction executed" in str(info.value)
    assert str(info.value).startswith("error while executing at wasm backtrace:")


# -- function types ---------------------------------------------------------------------

def type_shape(t):
    """A value type of either runtime as nested tuples of class names and
    parts (wasmtime-py's lists and wasmlite's tuples alike)."""
    if t is None:
        return None
    name = type(t).__name__
    parts = {"ListType": ("element",), "RecordType": ("fields",), "TupleType": ("elements",),
             "VariantType": ("cases",), "EnumType": ("names",), "OptionType": ("payload",),
             "ResultType": ("ok", "err"), "FlagsType": ("names",), "OwnType": (),
             "BorrowType": ()}.get(name)
    if parts is None:
        return name

    def shape(x):
        if isinstance(x, (list, tuple)):
            return tuple(shape(e) for e in x)
        return x if isinstance(x, str) else type_shape(x)
    return (name,) + tuple(shape(getattr(t, p)) for p in parts)


def func_names():
    from component_world import echo_names
    names = [("echo", f"echo-{n}") for n in echo_names()]
    names += [("calls", f"via-{n}") for n in echo_names()]
    names += [("echo", n) for n in ("combine", "nine-strings", "string-len", "string-and-list",
                                    "nothing", "ignore")]
    names += [("res", n) for n in ("[constructor]counter", "[method]counter.get",
                                   "[method]counter.add", "[static]counter.sum",
                                   "[static]counter.take", "counters", "maybe-counter")]
    names += [("calls", n) for n in ("make-logger", "log-via", "drop-logger", "via-logger")]
    return names


def test_function_types_match(worlds):
    """Func.type(store): the same parameter names and types, the same
    result, for every kind of type (structurally: wasmtime-py answers lists
    where wasmlite's types hold tuples)."""
    for interface, name in func_names():
        shapes = {}
        for rt, w in worlds.items():
            ft = w.func(interface, name).type(w.store)
            shapes[rt] = ([(n, type_shape(t)) for n, t in ft.params], type_shape(ft.result))
        assert shapes["wasmlite"] == shapes["wasmtime"], name


def test_post_return_after_a_call(worlds):
    """wasmtime-py's examples call post_return after each call; Wasmtime 50
    runs it with the call, so it is a no-op, before or after."""
    def run(w):
        f = w.func("echo", "echo-string")
        out = [f(w.store, "a")]
        f.post_return(w.store)
        out.append(f(w.store, "b"))
        f.post_return(w.store)
        f.post_return(w.store)
        return out
    same(worlds, run, ["a", "b"])
