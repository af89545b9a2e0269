"""Types, values, Config and Engine of the public API (wasmtime-py's
documented behaviour)."""
import pytest

import wasmlite as wt
from wasmlite import (Config, Engine, FuncType, GlobalType, Limits, MemoryType,
                      TableType, Val, ValType, WasmtimeError)


def test_valtypes_equality_and_str():
    names = {"i32": ValType.i32(), "i64": ValType.i64(), "f32": ValType.f32(),
             "f64": ValType.f64(), "v128": ValType.v128(),
             "funcref": ValType.funcref(), "externref": ValType.externref()}
    for name, t in names.items():
        assert str(t) == name
        assert t == getattr(ValType, name)()
    assert ValType.i32() != ValType.i64()
    assert ValType.i32() != "i32"
    assert len({ValType.i32(), ValType.i32(), ValType.f64()}) == 2


def test_valtype_cannot_be_built_directly():
    with pytest.raises(WasmtimeError, match="cannot construct directly"):   # as wasmtime-py
        ValType()
    with pytest.raises(TypeError):
        ValType("i32")


def test_functype():
    ft = FuncType([ValType.i32(), ValType.f64()], [ValType.i64()])
    assert ft.params == [ValType.i32(), ValType.f64()]
    assert ft.results == [ValType.i64()]
    assert ft == FuncType([ValType.i32(), ValType.f64()], [ValType.i64()])
    assert ft != FuncType([], [])
    assert str(ft) == "(func (param i32 f64) (result i64))"
    assert str(FuncType([], [])) == "(func)"


@pytest.mark.parametrize("params", [[1], ["i32"], [None], ValType.i32()])
def test_functype_rejects_non_valtypes(params):
    with pytest.raises(TypeError):
        FuncType(params, [])


def test_limits_and_memory_type():
    lim = Limits(1, 2)
    assert (lim.min, lim.max) == (1, 2)
    assert Limits(3).max is None
    assert lim == Limits(1, 2) and lim != Limits(1, None)
    mt = MemoryType(Limits(1, 5))
    assert mt.limits == Limits(1, 5)
    assert mt.is_64 is False and mt.is_shared is False
    assert MemoryType(Limits(1, 2), is_64=True).is_64 is True


@pytest.mark.parametrize("limits", [Limits(2, 1), Limits(65537), Limits(0, 70000)])
def test_memory_type_errors(limits):
    with pytest.raises(WasmtimeError):
        MemoryType(limits)


def test_limits_type_errors():
    with pytest.raises(TypeError):
        Limits("1")
    with pytest.raises(TypeError):
        Limits(1, 2.0)
    with pytest.raises(TypeError):
        MemoryType((1, 2))


def test_table_and_global_types():
    tt = TableType(ValType.funcref(), Limits(1, 10))
    assert tt.element == ValType.funcref() and tt.limits == Limits(1, 10)
    assert TableType(ValType.externref(), Limits(0)).element == ValType.externref()
    with pytest.raises(WasmtimeError):
        TableType(ValType.i32(), Limits(1))
    with pytest.raises(WasmtimeError):
        TableType(ValType.funcref(), Limits(5, 1))
    gt = GlobalType(ValType.f32(), True)
    assert gt.content == ValType.f32() and gt.mutable is True
    assert GlobalType(ValType.i64(), False).mutable is False
    with pytest.raises(TypeError):
        GlobalType("i32", True)


def test_val_constructors_and_accessors():
    v = Val.i32(5)
    assert v.value == 5 and v.type == ValType.i32()
    assert v.as_i32() == 5 and v.as_i64() is None and v.as_f64() is None
    assert Val.i64(-1).as_i64() == -1
    assert Val.f32(1.5).as_f32() == 1.5
    assert Val.f64(2.5).as_f64() == 2.5
    assert Val.f32(1.1).value == pytest.approx(1.1)
    obj = object()
    assert Val.externref(obj).value is obj
    assert Val.externref(obj).as_externref() is obj
    assert Val.funcref(None).value is None
    assert Val.ref_null(ValType.funcref()).type == ValType.funcref()
    assert Val.ref_null(ValType.externref()).value is None
    assert Val.i32(5) == Val.i32(5) and Val.i32(5) != Val.i64(5)


def test_val_errors():
    with pytest.raises(TypeError):
        Val.i32(1.0)
    with pytest.raises(TypeError):
        Val.f64("1")
    with pytest.raises(TypeError):
        Val.f32(1)                      # an int is not a float, as in wasmtime-py
    assert Val.i32(2**32).value == 0    # wrapped, as in wasmtime-py
    assert Val.i64(-2**63 - 1).value == 2**63 - 1
    with pytest.raises(WasmtimeError):
        Val.ref_null(ValType.i32())
    with pytest.raises(TypeError):
        Val.funcref(3)


def test_config_write_only_settings():
    c = Config()
    c.cranelift_opt_level = "none"
    c.cranelift_opt_level = "speed"
    c.cranelift_opt_level = "speed_and_size"
    c.max_wasm_stack = 1 << 20
    c.wasm_simd = True
    c.wasm_bulk_memory = True
    c.wasm_multi_value = True
    c.wasm_reference_types = True
    c.wasm_tail_call = False
    c.consume_fuel = False
    c.epoch_interruption = False
    c.parallel_compilation = True
    c.strategy = "auto"
    c.profiler = "none"
    c.debug_info = False
    with pytest.raises(AttributeError):
        c.cranelift_opt_level


@pytest.mark.parametrize("name,value", [
    ("cranelift_opt_level", "fastest"), ("wasm_threads", True),
    ("wasm_simd", False), ("wasm_reference_types", False),
    ("cache", "/nonexistent/cache-config.toml"), ("strategy", "winch"), ("profiler", "jitdump"),
    ("cache", False),
    ("max_wasm_stack", 0)])
def test_config_unsupported_settings_raise(name, value):
    with pytest.raises(WasmtimeError):
        setattr(Config(), name, value)


@pytest.mark.parametrize("name,value", [("wasm_simd", 1), ("consume_fuel", "yes"),
                                        ("max_wasm_stack", 1.5), ("cache", 3)])
def test_config_wrong_python_types(name, value):
    with pytest.raises(TypeError):
        setattr(Config(), name, value)


def test_engine_consumes_config():
    c = Config()
    Engine(c)
    with pytest.raises(ValueError, match="closed"):   # consumed, as in wasmtime-py
        Engine(c)
    with pytest.raises(ValueError, match="closed"):
        c.cranelift_opt_level = "none"
    with pytest.raises(TypeError):
        Engine("config")
    Engine().increment_epoch()


def test_store_basics():
    engine = Engine()
    data = {"x": 1}
    store = wt.Store(engine, data)
    assert store.engine is engine
    assert store.data() is data
    assert wt.Store().data() is None
    with pytest.raises(TypeError):
        wt.Store("engine")
    with pytest.raises(WasmtimeError):
        store.set_fuel(10)
    with pytest.raises(WasmtimeError):
        store.get_fuel()
    store.set_epoch_deadline(1)
    store.gc()
    with pytest.raises(TypeError):
        store.set_limits(memory_size="1")


def test_public_names():
    for name in ["WasmtimeError", "Trap", "TrapCode", "ExitTrap", "Frame", "Config",
                 "Engine", "Store", "Module", "wat2wasm", "Instance", "Linker",
                 "InstancePre", "Func", "Caller", "Memory", "Table", "Global", "Val",
                 "ValType", "FuncType", "Limits", "MemoryType", "TableType",
                 "GlobalType", "ImportType", "ExportType"]:
        assert hasattr(wt, name), name
    assert not issubclass(wt.Trap, wt.WasmtimeError)   # as in wasmtime-py
    assert issubclass(wt.Trap, Exception)
    assert issubclass(wt.ExitTrap, wt.WasmtimeError)


def test_trap_code_numbering_matches_wasmtime():
    wasmtime = pytest.importorskip("wasmtime")
    for code in wt.TrapCode:     # the codes API.md lists; wasmtime has more
        assert wasmtime.TrapCode[code.name].value == code.value
