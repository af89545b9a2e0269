"""Validator unit tests on hand-built modules (no decoder or parser needed)."""
from __future__ import annotations

import pytest

from wasmlite.errors import InvalidError
from wasmlite.syntax.instructions import OP_BY_NAME
from wasmlite.syntax.module import (Data, Elem, Export, Func, Global, Import,
                                    Instr, Module)
from wasmlite.syntax.types import (EXTERNREF, F32, F64, FUNCREF, I32, I64, V128,
                                   ExternKind, FuncType, GlobalType, Limits,
                                   MemoryType, TableType)
from wasmlite.valid.validate import validate_module


def I(name: str, imm=None) -> Instr:
    return Instr(OP_BY_NAME[name], imm)


def body(*items) -> list:
    """Instrs from names or (name, imm) pairs, with the final end added."""
    out = [I(x) if isinstance(x, str) else I(*x) for x in items]
    return out + [I("end")]


def module1(params=(), results=(), locals_=(), code=(), **kw) -> Module:
    """A module with one function of the given type and body."""
    types = kw.pop("types", [])
    types = [FuncType(tuple(params), tuple(results))] + types
    return Module(types=types, funcs=[Func(0, list(locals_), body(*code))], **kw)


def invalid(m: Module, text: str) -> str:
    with pytest.raises(InvalidError) as ei:
        validate_module(m)
    assert text in str(ei.value), str(ei.value)
    return str(ei.value)


MEM = [MemoryType(Limits(1))]
CONST0 = body(("i32.const", 0))


# -- function bodies: the basics ---------------------------------------------

def test_simple_function_info():
    m = module1((I32,), (I32,), [I64],
                [("local.get", 0), ("i32.const", 1), "i32.add",
                 ("block", I32), ("i32.const", 2), "end", "i32.add"])
    info = validate_module(m)
    f = info.funcs[0]
    assert f.type == FuncType((I32,), (I32,))
    assert f.locals == [I32, I64]
    assert f.max_stack == 2
    assert f.max_depth == 2
    assert f.block_types == {3: FuncType((), (I32,))}
    assert f.ends == {3: 5}
    assert info.func_types == [FuncType((I32,), (I32,))]


def test_operand_type_mismatch():
    invalid(module1((), (I32,), code=[("i64.const", 1), ("i32.const", 1), "i32.add"]),
            "type mismatch")


def test_stack_underflow():
    invalid(module1((), (I32,), code=[("i32.const", 1), "i32.add"]), "type mismatch")


def test_leftover_value_at_function_end():
    invalid(module1(code=[("i32.const", 1)]), "type mismatch")


def test_missing_result():
    invalid(module1((), (I32,)), "type mismatch")


def test_unknown_local():
    msg = invalid(module1((I32,), (), [F32], [("local.get", 2), "drop"]), "unknown local 2")
    assert "function 0" in msg


def test_local_set_type():
    invalid(module1((I32,), code=[("f32.const", 0), ("local.set", 0)]), "type mismatch")
    validate_module(module1((I32,), (I32,), code=[("i32.const", 0), ("local.tee", 0)]))


def test_unknown_global_and_immutable():
    invalid(module1(code=[("global.get", 0), "drop"]), "unknown global 0")
    g = Global(GlobalType(I32, False), CONST0)
    invalid(module1(code=[("i32.const", 1), ("global.set", 0)], globals=[g]),
            "global is immutable: cannot set an immutable global")
    g = Global(GlobalType(I32, True), CONST0)
    validate_module(module1(code=[("i32.const", 1), ("global.set", 0)], globals=[g]))


def test_unknown_function_and_call_typing():
    invalid(module1(code=[("call", 5)]), "unknown function 5")
    m = Module(types=[FuncType((I32, I64), (F32,)), FuncType((), ())],
               funcs=[Func(0, [], body(("f32.const", 0))),
                      Func(1, [], body(("i32.const", 1), ("i64.const", 2),
                                       ("call", 0), "drop"))])
    validate_module(m)
    m.funcs[1].body[1] = I("i32.const", 2)
    invalid(m, "type mismatch")


# -- control ---------------------------------------------------------------------

def test_block_with_params_multi_value():
    types = [FuncType((I32, I32), (I32, I64))]
    m = module1((), (I32, I64), code=[
        ("i32.const", 1), ("i32.const", 2), ("block", 1),
        "i32.add", ("i64.const", 3), "end"], types=types)
    info = validate_module(m)
    assert info.funcs[0].block_types[2] == types[0]


def test_unknown_block_type_index():
    invalid(module1(code=[("block", 7), "end"]), "unknown type")


def test_loop_label_carries_params():
    types = [FuncType((I32,), (I32,))]
    m = module1((), (I32,), code=[("i32.const", 1), ("loop", 1), "drop",
                                  ("i32.const", 0), ("br_if", 0), "end"], types=types)
    invalid(m, "type mismatch")     # br_if 0 to the loop needs an i32 operand
    m = module1((), (I32,), code=[("i32.const", 1), ("loop", 1),
                                  ("i32.const", 0), ("br_if", 0), "end"], types=types)
    validate_module(m)
    m = module1((), (I32,), code=[("i32.const", 1), ("loop", 1), ("br", 0), "end"],
                types=types)
    validate_module(m)


def test_if_without_else_must_keep_params():
    invalid(module1((), (I32,), code=[("i32.const", 1), ("if", I32), ("i32.const", 1),
                                      "end"]), "type mismatch")
    m = module1((), (I32,), code=[("i32.const", 1), ("if", I32), ("i32.const", 1),
                                  "else", ("i32.const", 2), "end"])
    info = validate_module(m)
    assert info.funcs[0].elses == {1: 3}
    assert info.funcs[0].ends == {1: 5}


def test_else_branch_types_checked():
    invalid(module1((), (I32,), code=[("i32.const", 1), ("if", I32), ("i32.const", 1),
                                      "else", ("f32.const", 2), "end"]), "type mismatch")


def test_unknown_label():
    invalid(module1(code=[("block", None), ("br", 2), "end"]), "unknown label")
    validate_module(module1(code=[("block", None), ("br", 1), "end"]))


def test_polymorphic_stack_after_unreachable():
    validate_module(module1((), (I32,), code=["unreachable", "i32.add"]))
    validate_module(module1((), (I32, F64), code=["unreachable", ("br", 0)]))
    invalid(module1((), (I32, F64), code=[("br", 0)]), "type mismatch")
    validate_module(module1((), (I32,), code=["unreachable", "select"]))
    # Unknown values still must agree with known ones.
    invalid(module1((), (I32,), code=["unreachable", ("f32.const", 0), "i32.add"]),
            "type mismatch")
    # A known value left in unreachable code above the results is an error.
    invalid(module1((), (), code=["unreachable", ("i32.const", 0)]), "type mismatch")


def test_select_types():
    m = module1((), (F64,), code=[("f64.const", 0), ("f64.const", 0),
                                  ("i32.const", 1), "select"])
    assert validate_module(m).funcs[0].select_types == {3: F64}
    invalid(module1((), (FUNCREF,), code=[("ref.null", FUNCREF), ("ref.null", FUNCREF),
                                          ("i32.const", 1), "select"]), "type mismatch")
    invalid(module1((), (I32,), code=[("i32.const", 0), ("i64.const", 0),
                                      ("i32.const", 1), "select"]), "type mismatch")
    validate_module(module1((), (FUNCREF,), code=[
        ("ref.null", FUNCREF), ("ref.null", FUNCREF), ("i32.const", 1),
        ("select_t", (FUNCREF,))]))
    invalid(module1(code=[("i32.const", 1), ("select_t", ())]), "invalid result arity")


def test_br_table():
    ok = module1((), (I32,), code=[("block", I32), ("i32.const", 1), ("i32.const", 0),
                                   ("br_table", ((0,), 1)), "end"])
    validate_module(ok)
    bad = module1((), (I32,), code=[("block", None), ("i32.const", 1), ("i32.const", 0),
                                    ("br_table", ((0,), 1)), "end", ("i32.const", 1)])
    invalid(bad, "type mismatch")
    invalid(module1(code=[("i32.const", 0), ("br_table", ((), 3))]), "unknown label")
    # Unknown operands satisfy targets of different types with one arity
    # (unreached-valid.wast "meet-bottom").
    validate_module(module1(code=[
        ("block", F64), ("block", F32), "unreachable", ("i32.const", 1),
        ("br_table", ((0, 1), 1)), "end", "drop", ("f64.const", 0), "end", "drop"]))
    invalid(module1(code=[
        ("block", F64), ("block", F32), ("f32.const", 0), ("i32.const", 1),
        ("br_table", ((0, 1), 1)), "end", "drop", ("f64.const", 0), "end", "drop"]),
        "type mismatch")


def test_return():
    validate_module(module1((), (I32,), code=[("i32.const", 1), "return"]))
    invalid(module1((), (I32,), code=[("i64.const", 1), "return"]), "type mismatch")


def test_deep_nesting_no_recursion():
    depth = 12000
    code = [("block", None)] * depth + ["end"] * depth
    info = validate_module(module1(code=code))
    assert info.funcs[0].max_depth == depth + 1


def test_malformed_bodies_raise_invalid():
    m = Module(types=[FuncType((), ())], funcs=[Func(0, [], [I("nop")])])
    invalid(m, "missing final end")
    m = Module(types=[FuncType((), ())], funcs=[Func(0, [], [I("else"), I("end")])])
    invalid(m, "else without if")
    m = Module(types=[FuncType((), ())], funcs=[Func(0, [], [I("end"), I("nop"), I("end")])])
    invalid(m, "after the final end")
    m = Module(types=[FuncType((), ())], funcs=[Func(0, [], [I("local.get", "x"), I("end")])])
    invalid(m, "malformed immediate")
    m = Module(types=[FuncType((), ())], funcs=[Func(0, [], [I("br", None), I("end")])])
    invalid(m, "unknown label")


# -- memory, tables, references ------------------------------------------------

def test_memory_instructions():
    code = [("i32.const", 0), ("i32.load", (2, 0, 0)), "drop"]
    invalid(module1(code=code), "unknown memory 0")
    validate_module(module1(code=code, mems=MEM))
    code = [("i32.const", 0), ("i32.load", (3, 0, 0)), "drop"]
    invalid(module1(code=code, mems=MEM), "alignment must not be larger than natural")
    invalid(module1(code=[("memory.size", 0), "drop"]), "unknown memory")


def test_bulk_memory_segments():
    code = [("i32.const", 0)] * 3 + [("memory.init", (0, 0))]
    invalid(module1(code=code, mems=MEM), "unknown data segment 0")
    validate_module(module1(code=code, mems=MEM, datas=[Data(b"x")]))
    invalid(module1(code=[("data.drop", 1)], datas=[Data(b"x")]), "unknown data segment 1")


def test_tables_and_elems():
    tabs = [TableType(FUNCREF, Limits(1)), TableType(EXTERNREF, Limits(1))]
    code = [("i32.const", 0)] * 3 + [("table.copy", (0, 1))]
    invalid(module1(code=code, tables=tabs), "type mismatch")
    invalid(module1(code=code[:3] + [("table.init", (4, 0))], tables=tabs),
            "unknown elem segment 4")
    elems = [Elem(EXTERNREF, [])]
    invalid(module1(code=code[:3] + [("table.init", (0, 0))], tables=tabs, elems=elems),
            "type mismatch")
    validate_module(module1(code=code[:3] + [("table.init", (0, 1))], tables=tabs,
                            elems=elems))
    invalid(module1(code=[("elem.drop", 0)]), "unknown elem segment 0")
    invalid(module1(code=[("i32.const", 0), ("table.get", 0), "drop"]), "unknown table")
    validate_module(module1((), (EXTERNREF,), code=[("i32.const", 0), ("table.get", 1)],
                            tables=tabs))
    invalid(module1(code=[("i32.const", 0), ("call_indirect", (0, 1))], tables=tabs),
            "type mismatch")
    invalid(module1(code=[("i32.const", 0), ("call_indirect", (3, 0))], tables=tabs),
            "unknown type")


def test_ref_func_needs_declaration():
    code = [("ref.func", 0), "drop"]
    invalid(module1(code=code), "undeclared function reference")
    m = module1(code=code, exports=[Export("f", ExternKind.FUNC, 0)])
    assert validate_module(m).refs == {0}
    m = module1(code=code, elems=[Elem(FUNCREF, [body(("ref.func", 0))],
                                       mode="declarative")])
    validate_module(m)
    invalid(module1(code=[("ref.func", 3), "drop"]), "unknown function 3")


def test_ref_is_null_needs_reference():
    invalid(module1((), (I32,), code=[("i32.const", 0), "ref.is_null"]), "type mismatch")
    validate_module(module1((), (I32,), code=[("ref.null", EXTERNREF), "ref.is_null"]))


def test_simd_lanes_and_shuffle():
    v = ("v128.const", bytes(16))
    validate_module(module1((), (I32,), code=[v, ("i8x16.extract_lane_s", 15)]))
    invalid(module1((), (I32,), code=[v, ("i8x16.extract_lane_s", 16)]), "invalid lane index")
    invalid(module1((), (I64,), code=[v, ("i64x2.extract_lane", 2)]), "invalid lane index")
    invalid(module1((), (V128,), code=[v, v, ("i8x16.shuffle", bytes([32] + [0] * 15))]),
            "invalid lane index")
    code = [("i32.const", 0), v, ("v128.load16_lane", (1, 0, 0, 8))]
    invalid(module1((), (V128,), code=code, mems=MEM), "invalid lane index")
    code = [("i32.const", 0), v, ("v128.load16_lane", (2, 0, 0, 7))]
    invalid(module1((), (V128,), code=code, mems=MEM), "alignment must not be larger")
    invalid(module1((), (V128,), code=[v, ("i32.const", 1), "i8x16.shl", "i8x16.neg",
                                       ("f32.const", 0), "i8x16.shl"]), "type mismatch")


# -- module level ------------------------------------------------------------------

def test_constant_expressions():
    def glob(init, t=I32, imports=()):
        return Module(globals=[Global(GlobalType(t), init)], imports=list(imports))
    validate_module(glob(CONST0))
    # extended constant expressions (Wasm 3.0): on unless the engine turns them off
    add = glob(body(("i32.const", 0), ("i32.const", 1), "i32.add"))
    validate_module(add)
    with pytest.raises(InvalidError, match="non-constant operator: i32.add"):
        validate_module(add, frozenset({"extended_const"}))
    invalid(glob(body("nop")), "constant expression required")
    invalid(glob(body(("i64.const", 0))), "type mismatch")
    invalid(glob(body()), "type mismatch")
    invalid(glob(body(("global.get", 0))), "unknown global 0")
    imp_const = Import("m", "g", ExternKind.GLOBAL, GlobalType(I32, False))
    imp_mut = Import("m", "g", ExternKind.GLOBAL, GlobalType(I32, True))
    validate_module(glob(body(("global.get", 0)), imports=[imp_const]))
    invalid(glob(body(("global.get", 0)), imports=[imp_mut]), "constant expression required")
    # Wasm 3.0: the globals defined before one are visible to its initializer
    # (Wasm 2.0: only the imported ones).
    m = Module(globals=[Global(GlobalType(I32), CONST0),
                        Global(GlobalType(I32), body(("global.get", 0)))])
    validate_module(m)
    with pytest.raises(InvalidError, match="unknown global 0"):
        validate_module(m, frozenset({"const_defined_globals"}))
    invalid(Module(globals=[Global(GlobalType(I32), body(("global.get", 1))),
                            Global(GlobalType(I32), CONST0)]), "unknown global 1")
    validate_module(glob(body(("ref.null", FUNCREF)), t=FUNCREF))
    invalid(glob(body(("ref.func", 0)), t=FUNCREF), "unknown function 0")


def test_limits():
    invalid(Module(mems=[MemoryType(Limits(2, 1))]),
            "size minimum must not be greater than maximum")
    invalid(Module(mems=[MemoryType(Limits(65537))]),
            "memory size must be at most 65536 pages (4GiB)")
    invalid(Module(mems=[MemoryType(Limits(0, 65537))]), "memory size must be at most")
    validate_module(Module(mems=[MemoryType(Limits(0, 65536))]))
    invalid(Module(tables=[TableType(FUNCREF, Limits(5, 4))]),
            "size minimum must not be greater than maximum")


def test_multiple_memories():
    # valid in Wasm 3.0; invalid with multi-memory turned off (Wasm 2.0)
    imp = Import("m", "mem", ExternKind.MEMORY, MemoryType(Limits(1)))
    off = frozenset({"multi_memory"})
    for m in (Module(imports=[imp], mems=MEM), Module(mems=MEM * 2)):
        assert "multi_memory" in validate_module(m).features
        with pytest.raises(InvalidError, match="multiple memories"):
            validate_module(m, off)
    assert "multi_memory" not in validate_module(Module(mems=MEM)).features


def test_exports():
    f = Func(0, [], body())
    m = Module(types=[FuncType((), ())], funcs=[f],
               exports=[Export("a", ExternKind.FUNC, 0), Export("a", ExternKind.FUNC, 0)])
    invalid(m, "duplicate export name")
    invalid(Module(exports=[Export("m", ExternKind.MEMORY, 0)]), "unknown memory 0")
    invalid(Module(exports=[Export("t", ExternKind.TABLE, 0)]), "unknown table 0")
    invalid(Module(exports=[Export("g", ExternKind.GLOBAL, 1)]), "unknown global 1")


def test_start_function():
    m = module1((I32,), start=0)
    invalid(m, "start function")
    invalid(Module(start=0), "unknown function 0")
    validate_module(module1(start=0))


def test_segments():
    invalid(Module(datas=[Data(b"", "active", 0, CONST0)]), "unknown memory 0")
    validate_module(Module(mems=MEM, datas=[Data(b"", "active", 0, CONST0)]))
    invalid(Module(mems=MEM, datas=[Data(b"", "active", 0, body(("i64.const", 0)))]),
            "type mismatch")
    invalid(Module(elems=[Elem(FUNCREF, [], "active", 0, CONST0)]), "unknown table 0")
    tabs = [TableType(EXTERNREF, Limits(1))]
    invalid(Module(tables=tabs, elems=[Elem(FUNCREF, [], "active", 0, CONST0)]),
            "type mismatch")
    invalid(Module(elems=[Elem(FUNCREF, [body(("ref.null", EXTERNREF))])]), "type mismatch")


def test_imports_and_info():
    m = Module(
        types=[FuncType((), ()), FuncType((I32,), ())],
        imports=[Import("m", "f", ExternKind.FUNC, 1),
                 Import("m", "g", ExternKind.GLOBAL, GlobalType(F32, True)),
                 Import("m", "t", ExternKind.TABLE, TableType(FUNCREF, Limits(1)))],
        funcs=[Func(0, [], body(("i32.const", 1), ("call", 0)))],
        globals=[Global(GlobalType(F64), body(("f64.const", 0)))])
    info = validate_module(m)
    assert info.func_types == [FuncType((I32,), ()), FuncType((), ())]
    assert info.func_type_idx == [1, 0]
    assert [g.valtype for g in info.globals] == [F32, F64]
    assert info.num_imported_funcs == 1 and info.num_imported_globals == 1
    assert info.num_imported_tables == 1 and len(info.tables) == 1
    m.imports[0].desc = 9
    invalid(m, "unknown type")


def test_not_a_module():
    with pytest.raises(TypeError):
        validate_module(b"\0asm")


def test_select_in_unreachable_code_has_no_type():
    m = module1((), (I32,), code=["unreachable", "select"])
    assert validate_module(m).funcs[0].select_types == {}
    m = module1((), (I32,), code=["unreachable", ("i32.const", 1), "select"])
    assert validate_module(m).funcs[0].select_types == {}   # i32 is the condition
    m = module1((), (I64,), code=["unreachable", ("i64.const", 1), ("i32.const", 1),
                                  "select"])
    assert validate_module(m).funcs[0].select_types == {3: I64}


def test_max_stack_counts_block_params():
    types = [FuncType((I32, I32), (I32,))]
    m = module1((), (I32,), code=[("i32.const", 1), ("i32.const", 2), ("block", 1),
                                  ("i64.const", 0), "drop", "i32.add", "end"],
                types=types)
    f = validate_module(m).funcs[0]
    assert f.max_stack == 3 and f.max_depth == 2
