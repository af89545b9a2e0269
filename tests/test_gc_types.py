"""Wasm GC's front end: types, rec groups and sub/final, iso-recursive
canonicalization across modules, subtyping, the binary and text formats of
the types and instructions, validation, and Config.wasm_gc.

The oracles in tests/gc/ are wasm-tools's binaries of the .wat there
(rebuild: tests/gc/build.sh); nothing here runs wasm-tools.
"""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import wasmlite
from wasmlite.binary.decode import decode_module
from wasmlite.binary.encode import encode_module
from wasmlite.errors import InvalidError, MalformedError
from wasmlite.syntax.instructions import OP_BY_NAME
from wasmlite.syntax.types import (ANYREF, EQREF, I8, I16, I32, ArrayType, DefType,
                                   FieldType, FuncType, StructType, SubType, canonical_types,
                                   is_subtype, matches, ref_type)
from wasmlite.text.parse import parse_module
from wasmlite.valid.validate import validate_module

GC_DIR = Path(__file__).parent / "gc"


def canon(text: str) -> list:
    m = parse_module(text)
    validate_module(m)
    return canonical_types(m)


def invalid(text: str) -> str:
    with pytest.raises(InvalidError) as e:
        validate_module(parse_module(text))
    return str(e.value)


# ---------------------------------------------------------------- types as data

def test_types_as_data():
    m = parse_module("""(module
      (type $p (struct (field $x i32) (field (mut i8))))
      (rec (type $a (sub (array (mut i16)))) (type $b (sub final $a (array (mut i16)))))
      (type (func)))""")
    assert m.types[0] == StructType((FieldType(I32, False), FieldType(I8, True)))
    assert m.types[1] == ArrayType(FieldType(I16, True))
    assert m.types[3] == FuncType((), ())
    assert m.rec_groups == [(1, 2)]
    assert m.subtypes == {1: SubType(False, None), 2: SubType(True, 1)}
    # defaults: final, no supertype, a group of its own
    assert m.subtype(0) == SubType(True, None) and m.rec_group_of(0) == (0, 1)
    assert m.rec_group_of(2) == (1, 2)
    assert m.all_rec_groups() == [(0, 1), (1, 2), (3, 1)]


def test_module_without_gc_is_unchanged():
    m = parse_module("(module (type (func (param i32))) (func (type 0)))")
    assert m.rec_groups == [] and m.subtypes == {}
    assert canonical_types(m) is m.types        # the plain list, as before GC


# ---------------------------------------------------------------- binary & text

@pytest.mark.parametrize("name", ["types", "instrs"])
def test_text_to_binary_matches_wasm_tools(name):
    ours = encode_module(parse_module((GC_DIR / f"{name}.wat").read_text()))
    oracle = (GC_DIR / f"{name}.wasm").read_bytes()
    # wasm-tools adds a name section; compare everything else
    stripped = decode_module(oracle)
    stripped.customs, stripped.names = [], None
    assert ours == encode_module(stripped)


@pytest.mark.parametrize("name", ["types", "instrs"])
def test_wasm_tools_printed_text_parses_to_the_same_binary(name):
    # wasm-tools prints what it decoded (flat instructions, its own names)
    ours = encode_module(parse_module((GC_DIR / f"{name}.print.wat").read_text()))
    stripped = decode_module((GC_DIR / f"{name}.wasm").read_bytes())
    stripped.customs, stripped.names = [], None
    assert ours == encode_module(stripped)


@pytest.mark.parametrize("name", ["types", "instrs"])
def test_binary_round_trip(name):
    oracle = (GC_DIR / f"{name}.wasm").read_bytes()
    m = decode_module(oracle)
    validate_module(m)
    assert encode_module(m) == oracle


def test_every_gc_instruction_round_trips():
    m = parse_module((GC_DIR / "instrs.wat").read_text())
    m2 = decode_module(encode_module(m))
    assert [f.body for f in m2.funcs] == [f.body for f in m.funcs]
    assert [g.init for g in m2.globals] == [g.init for g in m.globals]
    names = {i.op.name for f in m2.funcs for i in f.body} | {
        i.op.name for g in m2.globals for i in g.init}
    gc_ops = {op.name for op in OP_BY_NAME.values() if op.feature == "gc"}
    assert gc_ops - names == set()


def test_instruction_immediates():
    m = parse_module((GC_DIR / "instrs.wat").read_text())
    body = {}
    for ins in m.funcs[0].body:
        body.setdefault(ins.op.name, ins.imm)
    assert body["struct.get_u"] == (0, 2)
    assert body["struct.get"] == (0, 0)
    assert body["array.new_fixed"] == (1, 3)
    assert body["array.new_data"] == (2, 0)
    assert body["array.copy"] == (2, 2)
    assert body["ref.test"] == ref_type(4, False)
    assert body["ref.test_null"] == ref_type(5, True)
    label, t1, t2 = body["br_on_cast"]
    assert (label, t1, t2) == (0, ANYREF, ref_type(4, False))
    assert body["br_on_cast_fail"][2] == ref_type(5, True)


def test_binary_codes():
    # (rec (type (sub (struct (field (mut i8)))))), abstract heap codes
    data = (b"\0asm\1\0\0\0" + b"\x01\x0c\x02" + b"\x4e\x01\x50\x00\x5f\x01\x78\x01"
            + b"\x5e\x6e\x00")
    m = decode_module(data)
    assert m.rec_groups == [(0, 1)]
    assert m.subtypes == {0: SubType(False, None)}
    assert m.types == [StructType((FieldType(I8, True),)), ArrayType(FieldType(ANYREF))]
    assert encode_module(m) == data
    with pytest.raises(MalformedError, match="malformed mutability"):
        decode_module(b"\0asm\1\0\0\0\x01\x04\x01\x5e\x78\x02")


def test_text_errors():
    with pytest.raises(wasmlite.WasmtimeError, match="duplicate field"):
        parse_module("(module (type (struct (field $x i32) (field $x i32))))")
    with pytest.raises(wasmlite.WasmtimeError, match="unknown field"):
        parse_module("(module (type $s (struct (field $x i32)))"
                     " (func (param (ref $s)) (drop (struct.get $s $y (local.get 0)))))")


# ---------------------------------------------------------------- canonicalization

def test_plain_function_types_stay_functypes():
    c = canon("(module (type (func (param i32))) (rec (type (func))) (type (sub final (func))))")
    assert c == [FuncType((I32,), ()), FuncType((), ()), FuncType((), ())]
    assert all(type(t) is FuncType for t in c)


def test_gc_types_get_interned_deftypes():
    c = canon("""(module (type (sub (func))) (type (struct))
                  (type $r (func (param (ref $r)))))""")
    assert all(isinstance(t, DefType) for t in c)
    assert [t.kind for t in c] == ["func", "struct", "func"]
    # a recursive function type: its param names itself
    assert c[2].composite.params == (ref_type(c[2], False),)
    assert c[2].params == c[2].composite.params


def test_equal_rec_groups_across_modules_are_identical():
    a = canon("""(module (type (func))
      (rec (type $n (struct (field (ref null $n)) (field (ref $f)))) (type $f (func))))""")
    b = canon("""(module
      (rec (type $n (struct (field (ref null $n)) (field (ref $f)))) (type $f (func))))""")
    assert a[1] is b[0] and a[2] is b[1]
    assert a[1] is not a[2]


def test_iso_recursive_inequalities():
    a = canon("(module (rec (type (struct)) (type (struct (field i32)))))")
    b = canon("(module (rec (type (struct (field i32))) (type (struct))))")
    c = canon("(module (type (struct)) (type (struct (field i32))))")
    d = canon("(module (rec (type (sub (struct))) (type (struct (field i32)))))")
    # same structures, another position / grouping / finality: other types
    assert a[0] is not b[1] and a[1] is not b[0]
    assert a[0] is not c[0] and a[1] is not c[1]
    assert a[0] is not d[0]
    # within one module two equal singleton groups are one type
    e = canon("(module (type (struct (field i32))) (type (struct (field i32))))")
    assert e[0] is e[1] is c[1]


def test_canonical_types_pickle_to_the_same_objects():
    c = canon("(module (rec (type $a (struct (field (ref null $b)))) (type $b (sub (array i8)))))")
    assert pickle.loads(pickle.dumps(c[0])) is c[0]
    assert pickle.loads(pickle.dumps(ref_type(c[1]))) is ref_type(c[1])


# ---------------------------------------------------------------- subtyping

def test_abstract_lattice():
    assert is_subtype("none", "i31") and is_subtype("i31", "eq") and is_subtype("eq", "any")
    assert is_subtype("struct", "any") and is_subtype("array", "eq")
    assert not is_subtype("any", "eq") and not is_subtype("i31", "struct")
    assert is_subtype("nofunc", "func") and not is_subtype("none", "func")
    assert not is_subtype("func", "any") and not is_subtype("extern", "any")
    assert matches(ref_type("none", False), EQREF) and not matches(EQREF, ref_type("eq", False))


def test_concrete_subtyping_across_modules():
    a = canon("""(module (type $t (sub (struct)))
                 (type $u (sub $t (struct (field i32)))) (type $f (sub (func))))""")
    b = canon("""(module (type $t (sub (struct)))
                 (type $u (sub $t (struct (field i32))))
                 (type $v (sub $u (struct (field i32) (field i64)))))""")
    t, u, f = a
    assert b[0] is t and b[1] is u
    v = b[2]
    assert is_subtype(v, t) and is_subtype(v, u) and not is_subtype(t, v)
    assert v.supertype is u and v.chain == (v, u, t) and v.depth == 2
    assert is_subtype(v, "struct") and is_subtype(v, "eq") and is_subtype("none", v)
    assert not is_subtype(v, "array") and not is_subtype("nofunc", v)
    assert is_subtype(f, "func") and is_subtype("nofunc", f) and not is_subtype(f, "any")
    # a plain function type is final: nothing but itself below it
    ft = FuncType((), ())
    assert is_subtype(ft, "func") and not is_subtype(ft, f) and not is_subtype(f, ft)
    assert is_subtype("nofunc", ft)


def test_validation_uses_subtyping():
    validate_module(parse_module("""(module
      (type $t (sub (struct))) (type $u (sub $t (struct (field i32))))
      (func (param (ref $u)) (result (ref null $t) eqref anyref)
        (local.get 0) (local.get 0) (local.get 0)))"""))
    assert "type mismatch" in invalid("""(module
      (type $t (sub (struct))) (type $u (sub $t (struct (field i32))))
      (func (param (ref $t)) (result (ref $u)) (local.get 0)))""")


# ---------------------------------------------------------------- validation

def test_declared_supertypes():
    assert "sub type" in invalid("(module (type $t (func)) (type (sub $t (func))))")
    assert "sub type" in invalid(
        "(module (type $t (sub (struct (field i32)))) (type (sub $t (struct (field i64)))))")
    assert "sub type" in invalid(
        "(module (type $t (sub (struct (field (mut i32))))) "
        "(type (sub $t (struct (field i32)))))")
    assert "unknown type" in invalid("(module (rec (type (sub 1 (struct))) (type (sub (struct)))))")
    assert "unknown type" in invalid("(module (type (func (param (ref 1)))) (type (func)))")
    # inside a rec group a type may name a later one
    validate_module(parse_module(
        "(module (rec (type (func (param (ref 1)))) (type (struct (field (ref 0))))))"))


def test_instruction_messages():
    s = "(type $s (struct (field i32) (field (mut i8)))) (type $a (array i32))"
    assert "immutable field" in invalid(
        f"(module {s} (func (param (ref $s)) (struct.set $s 0 (local.get 0) (i32.const 1))))")
    assert "type mismatch" in invalid(
        f"(module {s} (func (param (ref $s)) (drop (struct.get $s 1 (local.get 0)))))")
    assert "immutable array" in invalid(
        f"(module {s} (func (param (ref $a)) "
        "(array.set $a (local.get 0) (i32.const 0) (i32.const 1))))")
    assert "unknown field" in invalid(
        f"(module {s} (func (param (ref $s)) (drop (struct.get $s 5 (local.get 0)))))")
    assert "type mismatch" in invalid(f"(module {s} (func (drop (struct.new $a))))")
    assert "type mismatch" in invalid(
        "(module (func (param externref) (result i32) (ref.test i31ref (local.get 0))))")
    assert "type mismatch" in invalid(
        "(module (func (param funcref) (result i32) (ref.eq (local.get 0) (local.get 0))))")
    assert "type mismatch" in invalid(f"(module {s} (func (type $s)))")


def test_constant_expressions():
    validate_module(parse_module("""(module (type $s (struct (field i32) (field i8)))
      (type $a (array (mut i16)))
      (global (ref $s) (struct.new $s (i32.const 1) (i32.const 2)))
      (global (ref $a) (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
      (global (ref i31) (ref.i31 (i32.const 1)))
      (global anyref (any.convert_extern (ref.null extern))))"""))
    assert "type mismatch" in invalid(
        "(module (type $s (struct (field i32))) (global (ref $s) (struct.new $s (i64.const 1))))")
    assert "constant expression required" in invalid(
        "(module (type $s (struct (field i32))) (global (ref null $s) (ref.null $s))"
        " (global i32 (struct.get $s 0 (global.get 0))))")


def test_func_bytes_and_func_agree():
    """A body checked from its bytes (func_bytes.py) and one checked as an
    Instr list (func.py) give the same verdicts on GC code."""
    for name in ("types", "instrs"):
        data = (GC_DIR / f"{name}.wasm").read_bytes()
        a = validate_module(decode_module(data))            # bodies still in the binary
        m = decode_module(data)
        for f in m.funcs:
            f.body = list(f.body)                          # read: checked by func.py
        b = validate_module(m)
        assert [x.max_stack for x in a.funcs] == [x.max_stack for x in b.funcs]


# ---------------------------------------------------------------- Config.wasm_gc & runtime

def test_config_wasm_gc_off_rejects_gc():
    config = wasmlite.Config()
    config.wasm_gc = False
    engine = wasmlite.Engine(config)
    for text in ["(module (type (struct)))", "(module (func (param anyref)))",
                 "(module (rec (type (func)) (type (func))))",
                 "(module (type (sub (func))))",
                 "(module (func (result i32) (i31.get_s (ref.i31 (i32.const 1)))))",
                 "(module (global (ref i31) (ref.i31 (i32.const 0))))",
                 "(module (func (block (result anyref) (ref.null any)) drop))",
                 "(module (func (select (result eqref) (ref.null eq) (ref.null eq)"
                 " (i32.const 0)) drop))"]:
        with pytest.raises(wasmlite.WasmtimeError, match="gc support is not enabled"):
            wasmlite.Module(engine, text)
    wasmlite.Module(engine, "(module (func (param funcref)))")       # 2.0 is fine
    config = wasmlite.Config()
    config.wasm_gc = True
    wasmlite.Module(wasmlite.Engine(config), "(module (type (struct)))")


@pytest.mark.parametrize("strategy", ["interpreter", "llvm"])
def test_module_declaring_gc_types_runs(strategy):
    config = wasmlite.Config()
    config.strategy = strategy
    engine = wasmlite.Engine(config)
    store = wasmlite.Store(engine)
    module = wasmlite.Module(engine, """(module
      (rec (type $node (struct (field (ref null $node)))) (type $f (func (result i32))))
      (type $t (sub (struct (field i32))))
      (global (mut (ref null $node)) (ref.null $node))
      (table 1 funcref) (elem (i32.const 0) $one)
      (func $one (type $f) (i32.const 1))
      (func (export "f") (type $f)
        (i32.add (i32.const 41) (call_indirect (type $f) (i32.const 0)))))""")
    f = wasmlite.Instance(store, module, []).exports(store)["f"]
    assert f(store) == 42


def test_import_of_a_function_subtype_links():
    config = wasmlite.Config()
    config.strategy = "interpreter"
    engine = wasmlite.Engine(config)
    store = wasmlite.Store(engine)
    types = "(type $t (sub (func (result i32)))) (type $u (sub $t (func (result i32))))"
    exporter = wasmlite.Module(engine, f"""(module {types}
      (func (export "f") (type $u) (i32.const 7)))""")
    inst = wasmlite.Instance(store, exporter, [])
    f = inst.exports(store)["f"]
    importer = wasmlite.Module(engine, f"""(module {types}
      (import "m" "f" (func $f (type $t)))
      (func (export "g") (result i32) (call $f)))""")
    g = wasmlite.Instance(store, importer, [f]).exports(store)["g"]
    assert g(store) == 7
    # the other way round (a supertype for a subtype) does not link
    other = wasmlite.Module(engine, f"""(module {types}
      (func (export "f") (type $t) (i32.const 7)))""")
    ft = wasmlite.Instance(store, other, []).exports(store)["f"]
    needs_u = wasmlite.Module(engine, f"(module {types} (import \"m\" \"f\" (func (type $u))))")
    with pytest.raises(wasmlite.WasmtimeError, match="incompatible import type"):
        wasmlite.Instance(store, needs_u, [ft])


def test_cli_w_gc_n(tmp_path):
    """``wasmlite run -W gc=n`` as ``wasmtime run -W gc=n``."""
    import subprocess
    import sys
    path = tmp_path / "t.wat"
    path.write_text('(module (type (struct)) (func (export "f")))')
    proc = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--no-cache",
                           "-W", "gc=n", "--invoke", "f", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0 and "gc support is not enabled" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--no-cache",
                           "--invoke", "f", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


def test_features_say_gc():
    """ModuleInfo.features names "gc" where a module has GC types or
    instructions, so that the tiers know it needs the GC runtime."""
    def features(text):
        return validate_module(parse_module(text)).features
    assert "gc" in features("(module (type (struct)))")
    assert "gc" in features("(module (global anyref (ref.null any)))")
    assert "gc" in features("(module (func (drop (ref.i31 (i32.const 0)))))")
    assert "gc" not in features("(module (type (func)) (func (param funcref)))")


def test_table_initializer_declares_function_references():
    """C.refs takes in a table's initializer (wasm-tools agrees): a body may
    ref.func a function only a table initializer names."""
    validate_module(parse_module(
        "(module (table 1 funcref (ref.func 0)) (func (drop (ref.func 0))))"))


def test_array_new_fixed_with_a_huge_count_is_checked_at_once():
    """n is a u32: unreachable code may name 2^32 - 1 operands (wasm-tools
    accepts it), which must not cost 2^32 steps or a list that long."""
    validate_module(parse_module("(module (type $a (array i32))"
                                 " (func unreachable (array.new_fixed $a 4294967295) drop))"))
    assert "type mismatch" in invalid("(module (type $a (array i32))"
                                      " (func (array.new_fixed $a 4294967295) drop))")
    assert "type mismatch" in invalid("(module (type $a (array i32))"
                                      " (func (i64.const 0) (array.new_fixed $a 1) drop))")


def test_subtyping_depth_limit():
    """Wasmtime's limit: a hierarchy 63 deep is valid, 64 is not."""
    def chain(n):
        return ("(module (type $t0 (sub (struct))) " + " ".join(
            f"(type $t{i} (sub $t{i - 1} (struct)))" for i in range(1, n + 1)) + ")")
    c = canon(chain(63))
    assert c[63].depth == 63 and is_subtype(c[63], c[0])
    assert "sub type hierarchy too deep" in invalid(chain(64))


def test_struct_field_limit():
    """Wasmtime's limit of 10,000 fields, in the binary and from text."""
    def struct(n):
        return "(module (type (struct " + "(field i32) " * n + ")))"
    validate_module(parse_module(struct(10_000)))
    assert "struct fields size is out of bounds" in invalid(struct(10_001))
    with pytest.raises(MalformedError, match="struct fields size is out of bounds"):
        decode_module(encode_module(parse_module(struct(10_001))))


def test_signature_registry_subtyping():
    from wasmlite.compile.signatures import SignatureRegistry
    reg = SignatureRegistry()
    t, u, f = canon("(module (type $t (sub (func))) (type $u (sub $t (func))) (type (func)))")
    it, iu, i_f = reg.register(t), reg.register(u), reg.register(f)
    assert len({it, iu, i_f}) == 3
    assert reg.is_subtype(iu, it) and reg.is_subtype(it, it)
    assert not reg.is_subtype(it, iu) and not reg.is_subtype(i_f, it)
    assert reg.lookup(iu) is u and u.params == () and u.results == ()
