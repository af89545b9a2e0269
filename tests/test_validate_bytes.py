"""The front end's fast paths against its exact ones.

A decoded body stays in the binary (``LazyFunc``): the decoder's
``scan_expr`` checks it is well formed without building it, and the
validator's ``check_function_bytes`` type-checks it from the bytes. Both may
give up (then ``decode_expr`` / ``check_function`` decide and word the
error), but neither may accept what the exact path rejects, and an accepted
body must give the same FuncResult. Checked here on every module of the 2.0
spec suite (valid and ``assert_invalid`` ones, re-encoded), on the
validator fuzzer's random bodies, on mutated bodies, on LEB128 encodings at
their limits, and on the big real modules when bench/out has them.
"""
from __future__ import annotations

import copy
from wasmlite.records import replace
import pickle
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import PROJECT, spec_files
from wasmlite.binary import instr_decode
from wasmlite.binary.decode import LazyFunc, decode_module, read_bodies
from wasmlite.binary.encode import encode_module
from wasmlite.binary.instr_decode import ExprState, decode_expr, scan_expr
from wasmlite.binary.leb128 import read_signed, read_unsigned
from wasmlite.errors import InvalidError, MalformedError, WasmtimeError
from wasmlite.syntax.module import Func
from wasmlite.text.parse import parse_module
from wasmlite.text.script import AssertInvalid, ModuleCmd, parse_script
from wasmlite.valid.func import _Ctx, check_function
from wasmlite.valid.func_bytes import check_function_bytes
from wasmlite.valid.validate import validate_module
from wasmlite.binary import decode


@pytest.fixture(autouse=True)
def _scan_every_code_section(monkeypatch):
    """Every module here, however small, has its bodies scanned and left in
    the binary (the path of real programs' code sections: small ones are
    decoded at once, binary/decode.py SCAN_MIN_CODE_BYTES)."""
    monkeypatch.setattr(decode, "SCAN_MIN_CODE_BYTES", 0)


def _outcome(module):
    try:
        return "ok", validate_module(module)
    except InvalidError as e:
        return "invalid", str(e)


def _scanned(data: bytes):
    """``data`` decoded with every body scanned and left in the binary,
    however small its code section (binary/decode.py SCAN_MIN_CODE_BYTES):
    what compare_binary checks, from any test module."""
    kept = decode.SCAN_MIN_CODE_BYTES
    decode.SCAN_MIN_CODE_BYTES = 0
    try:
        return decode_module(data)
    finally:
        decode.SCAN_MIN_CODE_BYTES = kept


def compare_binary(data: bytes) -> int:
    """Decode ``data``; validate it with bodies left in the binary and with
    every body decoded; the outcomes must be identical. Then, function by
    function, check_function_bytes must agree with check_function. Returns
    how many bodies the byte checker accepted."""
    try:
        lazy = _scanned(data)
    except MalformedError:
        return 0
    eager = decode_module(data)
    for f in eager.funcs:
        f.body                               # decodes it: the list path
    assert _outcome(lazy) == _outcome(eager)
    # per function (invalid bodies too), in the context validate_module
    # would build if the module-level checks passed
    lazy = _scanned(data)
    try:
        ctx = _module_ctx(eager)
    except (InvalidError, IndexError):
        return 0
    accepted = 0
    for f, g in zip(lazy.funcs, eager.funcs):
        if not isinstance(f, LazyFunc) or f.unread_body() is None:
            continue
        ft = lazy.types[f.type_idx]
        locals_ = list(ft.params) + list(f.locals)
        fast = check_function_bytes(ctx, ft, locals_, *f.unread_body())
        try:
            exact = check_function(ctx, ft, locals_, g.body)
        except InvalidError:
            exact = None
        if fast is not None:
            assert exact is not None, "the byte checker accepted an invalid body"
            for slot in type(exact).__slots__:
                assert getattr(fast, slot) == getattr(exact, slot), slot
            accepted += 1
    assert lazy == eager
    return accepted


def _module_ctx(module) -> _Ctx:
    """What check_function sees, built as validate_module builds it but
    without checking the bodies (so invalid bodies are compared too)."""
    from wasmlite.syntax.types import ExternKind
    from wasmlite.valid.validate import _declared_refs
    types = module.types
    func_types = [types[i.desc] for i in module.imports if i.kind == ExternKind.FUNC]
    for f in module.funcs:
        if not 0 <= f.type_idx < len(types):
            raise InvalidError("unknown type")
        func_types.append(types[f.type_idx])
    ctx = _Ctx(types, func_types, module.all_globals(), module.all_tables(),
               module.all_mems(), [e.type for e in module.elems],
               len(module.datas), _declared_refs(module))
    ctx.tags = [types[t] for t in module.tag_type_indices() if 0 <= t < len(types)]
    return ctx


# ------------------------------------------------------------ the spec suite

def _binaries(path: Path):
    for cmd in parse_script(path.read_text(), str(path)):
        mod = cmd.module if isinstance(cmd, AssertInvalid) else cmd
        if not isinstance(mod, ModuleCmd):
            continue
        if mod.kind == "binary":
            yield mod.source
            continue
        try:
            m = mod.module if mod.kind == "text" else parse_module(mod.source)
            yield encode_module(m)
        except (WasmtimeError, ValueError, TypeError, KeyError, AttributeError):
            continue               # not encodable as it stands: nothing to compare


@pytest.mark.parametrize("path", spec_files(), ids=lambda p: p.stem)
def test_spec_modules_fast_paths_agree(path: Path) -> None:
    for data in _binaries(path):
        compare_binary(data)


# --------------------------------------------------------------- fuzzed bodies

def test_fuzzed_bodies_fast_paths_agree() -> None:
    """The validator fuzzer's random bodies (a third of them invalid), as
    binaries: both paths must agree on each, and the byte checker must
    accept most of the valid ones itself."""
    from test_validate_fuzz import TYPES, VALTYPES, _Gen, _skeleton
    rnd = random.Random(20261201)
    accepted = valid = 0
    for _ in range(1500):
        ft = rnd.randrange(len(TYPES))
        locals_ = [rnd.choice(VALTYPES) for _ in range(rnd.randrange(3))]
        all_locals = list(TYPES[ft].params) + locals_
        body = _Gen(rnd, all_locals, TYPES[ft].results).body(rnd.randrange(1, 25))
        try:
            data = encode_module(_skeleton(ft, locals_, body))
        except (WasmtimeError, ValueError, TypeError, KeyError, AttributeError):
            continue
        accepted += compare_binary(data)
        valid += _outcome(decode_module(data))[0] == "ok"
    assert valid > 150 and accepted >= valid * 0.9, (valid, accepted)


def _bodies(data: bytes):
    """(start of the first instruction, end) of each body in ``data``."""
    m = decode_module(data)
    for f in m.funcs:
        if isinstance(f, LazyFunc) and f.unread_body() is not None:
            yield f.unread_body()[1]


def test_mutated_bodies_scan_never_accepts_more() -> None:
    """Random byte changes inside bodies: whenever scan_expr accepts, the
    exact decoder accepts too and ends at the same byte."""
    from test_validate_fuzz import TYPES, _Gen, _skeleton
    rnd = random.Random(5)
    checked = 0
    for _ in range(400):
        ft = rnd.randrange(len(TYPES))
        body = _Gen(rnd, list(TYPES[ft].params), TYPES[ft].results).body(rnd.randrange(1, 30))
        try:
            data = encode_module(_skeleton(ft, [], body))
        except (WasmtimeError, ValueError, TypeError, KeyError, AttributeError):
            continue
        for start in _bodies(data):
            for _ in range(20):
                mutant = bytearray(data)
                for _ in range(rnd.randrange(1, 4)):
                    at = start + rnd.randrange(len(data) - start)
                    mutant[at] = rnd.choice([0x00, 0x0B, 0x05, 0x02, 0x04, 0x40, 0x7F,
                                             0x80, 0xFF, 0xFC, 0xFD, 0x41, 0x28,
                                             rnd.randrange(256)])
                mutant = bytes(mutant)
                s1, s2 = ExprState(), ExprState()
                end = scan_expr(mutant, start, s1)
                if end < 0:
                    continue
                body2, end2 = decode_expr(mutant, start, s2)    # must not raise
                assert end2 == end and s1.uses_data_index == s2.uses_data_index
                checked += 1
    assert checked > 1000


# ------------------------------------------------------------- LEB128 limits

def _fullmatch(pattern: bytes, b: bytes) -> bool:
    return re.fullmatch(pattern, b) is not None


def _reads(reader, b: bytes, bits: int) -> bool:
    try:
        return reader(b, 0, bits)[1] == len(b)
    except (MalformedError, IndexError):
        return False


_LEB_BYTES = st.lists(st.sampled_from([0x00, 0x01, 0x07, 0x08, 0x0F, 0x10, 0x3F, 0x40,
                                       0x70, 0x77, 0x78, 0x7E, 0x7F, 0x80, 0x81, 0xFF]),
                      min_size=1, max_size=11).map(bytes)


@settings(max_examples=1000, deadline=None)
@given(_LEB_BYTES)
def test_scan_leb128_patterns_are_the_readers(b: bytes) -> None:
    assert _fullmatch(instr_decode._LEB_U32, b) == _reads(read_unsigned, b, 32)
    assert _fullmatch(instr_decode._LEB_S32, b) == _reads(read_signed, b, 32)
    assert _fullmatch(instr_decode._LEB_S64, b) == _reads(read_signed, b, 64)


# --------------------------------------------------------- LazyFunc is a Func

def test_lazy_func_behaves_as_func() -> None:
    m = parse_module("(module (func (param i32) (result i32) (local i64)"
                     " local.get 0 i32.const 1 i32.add))")
    data = encode_module(m)
    d = decode_module(data)
    f = d.funcs[0]
    assert isinstance(f, LazyFunc) and f.unread_body() is not None
    assert validate_module(d).funcs[0].max_stack == 2        # from the bytes
    assert f.unread_body() is not None
    assert d == decode_module(data)
    # copied and pickled as a plain Func (never with the whole binary)
    plain = copy.copy(f)
    assert type(plain) is Func and plain == f and f == plain      # either side
    assert replace(f, type_idx=0) == f
    unpickled = pickle.loads(pickle.dumps(f))
    assert type(unpickled) is Func and repr(unpickled) == repr(plain)
    assert len(pickle.dumps(f)) < len(data) * 20
    assert [i.op.name for i in f.body] == ["local.get", "i32.const", "i32.add", "end"]
    assert f.unread_body() is None           # read now: validate uses the list
    f.body = f.body[-1:]
    with pytest.raises(InvalidError, match="type mismatch"):
        validate_module(d)
    again = decode_module(data)
    read_bodies(again.funcs)
    assert again.funcs[0].unread_body() is None and again == decode_module(data)
    assert encode_module(decode_module(data)) == data


# -------------------------------------------------------------- big modules

_BIG = [PROJECT / "bench" / "out" / "qjs-wasi-reactor" / "qjs-wasi-reactor.wasm",
        PROJECT / "bench" / "out" / "python-3.11.3.wasm"]


@pytest.mark.parametrize("path", _BIG, ids=lambda p: p.stem)
def test_big_modules_fast_paths_agree(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not there (bench/decode/run.py fetches it)")
    accepted = compare_binary(path.read_bytes())
    assert accepted == len(decode_module(path.read_bytes()).funcs)



def test_a_small_code_section_is_decoded_at_once_and_a_big_one_scanned(monkeypatch) -> None:
    """Below SCAN_MIN_CODE_BYTES of code the bodies come decoded (plain
    Funcs: no pattern to compile for a tiny module); from it on they stay in
    the binary. Both decode and validate alike."""
    body = " ".join(["local.get 0 i32.const 1 i32.add local.set 0"] * 20)
    wat = "(module " + "".join(f"(func (param i32) {body})" for _ in range(40)) + ")"
    data = encode_module(parse_module(wat))
    monkeypatch.setattr(decode, "SCAN_MIN_CODE_BYTES", len(data) // 2)
    big = decode_module(data)
    monkeypatch.setattr(decode, "SCAN_MIN_CODE_BYTES", len(data) * 2)
    small = decode_module(data)
    assert all(type(f) is Func and len(f.body) == 81 for f in small.funcs)
    assert all(isinstance(f, LazyFunc) and f.unread_body() is not None for f in big.funcs)
    assert small == big
    assert _outcome(small) == _outcome(big)
    # the default: a one-function module decoded, hello_wasi scanned
    monkeypatch.undo()
    tiny = decode_module(encode_module(parse_module("(module (func))")))
    assert type(tiny.funcs[0]) is Func
    hello = decode_module((PROJECT / "examples" / "hello_wasi.wasm").read_bytes())
    assert all(isinstance(f, LazyFunc) for f in hello.funcs)
