"""Module, wat2wasm, Instance, InstanceExports, Linker, InstancePre."""
import pytest

import wasmlite as wt
from wasmlite import (ExportType, Func, FuncType, Global, GlobalType, ImportType,
                      Instance, Limits, Linker, Memory, MemoryType, Module, Table,
                      TableType, Trap, ValType, WasmtimeError)

from api_support import cheap_engine

I32 = ValType.i32()
ENGINE = cheap_engine()

WAT = """
(module $m
  (import "env" "f" (func (param i32) (result i32)))
  (import "env" "mem" (memory 1))
  (import "env" "tab" (table 1 funcref))
  (import "env" "g" (global (mut i64)))
  (func (export "call") (param i32) (result i32) (call 0 (local.get 0)))
  (table (export "t2") 4 externref)
  (global (export "g2") f64 (f64.const 1.5))
  (export "mem" (memory 0)))
"""


def test_module_from_text_and_binary():
    module = Module(ENGINE, WAT)
    binary = wt.wat2wasm(WAT)
    assert binary[:4] == b"\0asm"
    assert Module(ENGINE, binary).name == "m"
    assert Module(ENGINE, bytearray(binary)).name == "m"
    assert module.name == "m"
    assert Module(ENGINE, "(module)").name is None


def test_module_imports_and_exports_types():
    module = Module(ENGINE, WAT)
    imports = module.imports
    assert all(isinstance(i, ImportType) for i in imports)
    assert [(i.module, i.name) for i in imports] == [
        ("env", "f"), ("env", "mem"), ("env", "tab"), ("env", "g")]
    assert imports[0].type == FuncType([I32], [I32])
    assert imports[1].type == MemoryType(Limits(1))
    assert imports[2].type == TableType(ValType.funcref(), Limits(1))
    assert imports[3].type == GlobalType(ValType.i64(), True)
    exports = module.exports
    assert all(isinstance(e, ExportType) for e in exports)
    assert [e.name for e in exports] == ["call", "t2", "g2", "mem"]
    assert exports[0].type == FuncType([I32], [I32])
    assert exports[1].type.element == ValType.externref()
    assert exports[1].type.limits == Limits(4)
    assert exports[2].type.content == ValType.f64()
    assert exports[3].type == MemoryType(Limits(1))


def test_module_errors():
    with pytest.raises(WasmtimeError):
        Module(ENGINE, b"\0asm\x02\0\0\0")          # bad version
    with pytest.raises(WasmtimeError):
        Module(ENGINE, "(module (func (result i32)))")   # invalid: no result
    with pytest.raises(WasmtimeError):
        Module(ENGINE, "(module (func $f (oops)))")      # text syntax
    with pytest.raises(TypeError):
        Module(ENGINE, 42)
    with pytest.raises(TypeError):
        Module("engine", "(module)")


def test_validate():
    with pytest.raises(TypeError):             # binary only, as in wasmtime-py
        Module.validate(ENGINE, "(module (func))")
    Module.validate(ENGINE, wt.wat2wasm("(module (func))"))
    with pytest.raises(WasmtimeError):
        Module.validate(ENGINE, wt.wat2wasm("(module (func (result i32)))"))
    with pytest.raises(WasmtimeError):
        Module.validate(ENGINE, b"not wasm at all\xff")


def test_from_file(tmp_path):
    (tmp_path / "a.wat").write_text('(module (func (export "f") (result i32) i32.const 4))')
    (tmp_path / "a.wasm").write_bytes(wt.wat2wasm('(module (func (export "g")))'))
    assert [e.name for e in Module.from_file(ENGINE, tmp_path / "a.wat").exports] == ["f"]
    assert [e.name for e in Module.from_file(ENGINE, str(tmp_path / "a.wasm")).exports] == ["g"]
    with pytest.raises(FileNotFoundError):
        Module.from_file(ENGINE, tmp_path / "missing.wasm")


def test_serialize_round_trip(tmp_path):
    module = Module(ENGINE, '(module (func (export "f") (result i32) i32.const 4))')
    data = module.serialize()
    store = wt.Store(ENGINE)
    again = Module.deserialize(ENGINE, data)
    assert Instance(store, again, []).exports(store)["f"](store) == 4
    (tmp_path / "m.bin").write_bytes(data)
    again = Module.deserialize_file(ENGINE, tmp_path / "m.bin")
    assert [e.name for e in again.exports] == ["f"]
    with pytest.raises(WasmtimeError):
        Module.deserialize(ENGINE, b"\0asm\1\0\0\0")


def test_wat2wasm():
    binary = wt.wat2wasm('(module (func (export "f")))')
    wasmtime = pytest.importorskip("wasmtime")
    # wasmtime accepts what we produce
    wasmtime.Module(wasmtime.Engine(), binary)
    assert wt.wat2wasm(binary) == binary
    with pytest.raises(WasmtimeError):
        wt.wat2wasm("(module (func")
    with pytest.raises(TypeError):
        wt.wat2wasm(3)


def _imports(store):
    return [Func(store, FuncType([I32], [I32]), lambda x: x + 1),
            Memory(store, MemoryType(Limits(1))),
            Table(store, TableType(ValType.funcref(), Limits(1)), None),
            Global(store, GlobalType(ValType.i64(), True), 0)]


def test_instance_exports_mapping():
    store = wt.Store(ENGINE)
    module = Module(ENGINE, WAT)
    imports = _imports(store)
    ex = Instance(store, module, imports).exports(store)
    assert list(ex) == ["call", "t2", "g2", "mem"]
    assert len(ex) == 4
    assert "call" in ex and "nope" not in ex
    assert ex.get("nope") is None
    assert isinstance(ex["call"], Func) and isinstance(ex["mem"], Memory)
    assert isinstance(ex["t2"], Table) and isinstance(ex["g2"], Global)
    assert ex.by_index[0] is ex["call"] and len(ex.by_index) == 4
    assert ex["call"](store, 1) == 2
    assert ex["mem"] == imports[1]        # the imported memory re-exported
    with pytest.raises(KeyError):
        ex["nope"]
    assert dict(ex.items())["g2"].value(store) == 1.5


def test_instance_errors():
    store = wt.Store(ENGINE)
    module = Module(ENGINE, WAT)
    imports = _imports(store)
    with pytest.raises(WasmtimeError, match="expected 4 imports"):
        Instance(store, module, imports[:3])
    with pytest.raises(TypeError):
        Instance(store, module, imports[:3] + [5])
    with pytest.raises(WasmtimeError, match="incompatible import"):
        Instance(store, module, [imports[1], imports[0]] + imports[2:])
    bad_func = Func(store, FuncType([], []), lambda: None)
    with pytest.raises(WasmtimeError, match="incompatible import"):
        Instance(store, module, [bad_func] + imports[1:])
    bad_global = Global(store, GlobalType(ValType.i64(), False), 0)
    with pytest.raises(WasmtimeError):
        Instance(store, module, imports[:3] + [bad_global])
    other = wt.Store(ENGINE)
    with pytest.raises(WasmtimeError, match="wrong store"):
        Instance(other, module, imports)
    with pytest.raises(TypeError):
        Instance(store, "module", [])
    with pytest.raises(WasmtimeError):
        Instance(wt.Store(), module, [])        # module of another engine


def test_start_function_and_instantiation_trap():
    store = wt.Store(ENGINE)
    calls = []
    f = Func(store, FuncType([], []), lambda: calls.append(1))
    Instance(store, Module(ENGINE, '(module (import "" "" (func $f)) (start $f))'), [f])
    assert calls == [1]
    with pytest.raises(Trap):
        Instance(store, Module(ENGINE, "(module (func $s unreachable) (start $s))"), [])
    with pytest.raises(Trap):
        Instance(store, Module(ENGINE, '(module (memory 1) (data (i32.const 65535) "ab"))'), [])


def test_store_instance_and_memory_limits():
    store = wt.Store(ENGINE)
    store.set_limits(instances=1)
    Instance(store, Module(ENGINE, "(module)"), [])
    with pytest.raises(WasmtimeError):
        Instance(store, Module(ENGINE, "(module)"), [])
    store = wt.Store(ENGINE)
    store.set_limits(memory_size=2 * 65536)
    mem = Memory(store, MemoryType(Limits(1)))
    assert mem.grow(store, 1) == 1
    with pytest.raises(WasmtimeError):
        mem.grow(store, 1)
    with pytest.raises(WasmtimeError):
        Memory(store, MemoryType(Limits(3)))
    ex = Instance(store, Module(ENGINE, """(module (memory (export "m") 1)
        (func (export "grow") (result i32) (memory.grow (i32.const 5))))"""), []).exports(store)
    assert ex["grow"](store) == -1
    store = wt.Store(ENGINE)
    store.set_limits(table_elements=3, memories=1, tables=1)
    # as in Wasmtime, the counts are of what instances define: memories and
    # tables the host makes are not counted
    Memory(store, MemoryType(Limits(0)))
    Memory(store, MemoryType(Limits(0)))
    table = Table(store, TableType(ValType.funcref(), Limits(2)), None)
    Table(store, TableType(ValType.funcref(), Limits(1)), None)
    with pytest.raises(WasmtimeError):
        table.grow(store, 2, None)
    Instance(store, Module(ENGINE, "(module (memory 0) (table 0 funcref))"), [])
    with pytest.raises(WasmtimeError, match="memory count too high at 2"):
        Instance(store, Module(ENGINE, "(module (memory 0))"), [])
    with pytest.raises(WasmtimeError, match="table count too high at 2"):
        Instance(store, Module(ENGINE, "(module (table 0 funcref))"), [])


# -- Linker ------------------------------------------------------------------------

USER = """
(module
  (import "host" "double" (func $d (param i32) (result i32)))
  (import "lib" "add1" (func $a (param i32) (result i32)))
  (func (export "run") (param i32) (result i32) (call $a (call $d (local.get 0)))))
"""
LIB = '(module (func (export "add1") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))'


def test_linker_links_two_modules_and_host_functions():
    store = wt.Store(ENGINE)
    linker = Linker(ENGINE)
    assert linker.engine is ENGINE
    linker.define_func("host", "double", FuncType([I32], [I32]), lambda x: 2 * x)
    lib = linker.instantiate(store, Module(ENGINE, LIB))
    linker.define_instance(store, "lib", lib)
    run = linker.instantiate(store, Module(ENGINE, USER)).exports(store)["run"]
    assert run(store, 5) == 11
    assert linker.get(store, "lib", "add1")(store, 1) == 2
    assert linker.get(store, "host", "double")(store, 4) == 8
    # define_func functions work in every store
    other = wt.Store(ENGINE)
    linker2 = Linker(ENGINE)
    linker2.define_func("host", "double", FuncType([I32], [I32]), lambda x: 2 * x)
    linker2.define_module(other, "lib", Module(ENGINE, LIB))
    assert linker2.instantiate(other, Module(ENGINE, USER)).exports(other)["run"](other, 1) == 3


def test_linker_define_and_shadowing():
    store = wt.Store(ENGINE)
    linker = Linker(ENGINE)
    f = Func(store, FuncType([I32], [I32]), lambda x: x)
    linker.define(store, "host", "double", f)
    with pytest.raises(WasmtimeError, match="defined twice"):
        linker.define(store, "host", "double", f)
    with pytest.raises(WasmtimeError, match="defined twice"):
        linker.define_func("host", "double", FuncType([I32], [I32]), lambda x: x)
    linker.allow_shadowing = True
    linker.define_func("host", "double", FuncType([I32], [I32]), lambda x: 3 * x)
    linker.define_module(store, "lib", Module(ENGINE, LIB))
    assert linker.instantiate(store, Module(ENGINE, USER)).exports(store)["run"](store, 2) == 7
    with pytest.raises(TypeError):
        linker.define(store, "a", "b", 3)
    linker.allow_shadowing = 0                # taken for its truth, as wasmtime-py
    assert linker.allow_shadowing is False
    linker.allow_shadowing = True
    with pytest.raises(TypeError):
        linker.define_func("a", "b", "type", print)
    with pytest.raises(TypeError):
        linker.define_func("a", "b", FuncType([], []), None)
    with pytest.raises(TypeError):
        Linker("engine")


def test_linker_errors():
    store = wt.Store(ENGINE)
    linker = Linker(ENGINE)
    with pytest.raises(WasmtimeError, match="unknown import"):
        linker.instantiate(store, Module(ENGINE, USER))
    with pytest.raises(WasmtimeError, match="unknown import"):
        linker.instantiate_pre(Module(ENGINE, USER))
    with pytest.raises(WasmtimeError):
        linker.get(store, "nope", "nope")
    linker.define_func("host", "double", FuncType([], []), lambda: None)
    linker.define_module(store, "lib", Module(ENGINE, LIB))
    with pytest.raises(WasmtimeError, match="incompatible import"):
        linker.instantiate(store, Module(ENGINE, USER))
    other = wt.Store(ENGINE)
    with pytest.raises(WasmtimeError):
        linker.get(other, "lib", "add1")     # an instance of another store


def test_instance_pre():
    linker = Linker(ENGINE)
    linker.define_func("host", "double", FuncType([I32], [I32]), lambda x: 2 * x)
    linker.define_func("lib", "add1", FuncType([I32], [I32]), lambda x: x + 1)
    pre = linker.instantiate_pre(Module(ENGINE, USER))
    for _ in range(2):
        store = wt.Store(ENGINE)
        assert pre.instantiate(store).exports(store)["run"](store, 10) == 21


def test_get_default():
    store = wt.Store(ENGINE)
    linker = Linker(ENGINE)
    noop = linker.get_default(store, "nothing")
    assert noop(store) is None
    linker.define_module(store, "cmd", Module(ENGINE, '(module (func (export "") (result i32) i32.const 3))'))
    assert linker.get_default(store, "cmd")(store) == 3


def test_unknown_imports_as_traps_and_defaults():
    store = wt.Store(ENGINE)
    wat = """(module (import "x" "f" (func $f (param i32) (result i32 f64 externref)))
              (func (export "call") (result i32 f64 externref) (call $f (i32.const 1))))"""
    module = Module(ENGINE, wat)
    linker = Linker(ENGINE)
    linker.define_unknown_imports_as_traps(module)
    with pytest.raises(WasmtimeError, match="unknown import"):   # not a Trap, as in wasmtime-py
        linker.instantiate(store, module).exports(store)["call"](store)
    linker = Linker(ENGINE)
    linker.define_unknown_imports_as_default_values(store, module)
    assert linker.instantiate(store, module).exports(store)["call"](store) == [0, 0.0, None]


def test_define_module_calls_initialize():
    store = wt.Store(ENGINE)
    linker = Linker(ENGINE)
    linker.define_module(store, "r", Module(ENGINE, """(module (global $g (mut i32) (i32.const 0))
        (func (export "_initialize") (global.set $g (i32.const 7)))
        (func (export "get") (result i32) global.get $g))"""))
    assert linker.get(store, "r", "get")(store) == 7


@pytest.mark.parametrize("strategy", ["interpreter", "llvm"])
def test_the_shared_builtins_reach_the_store_whose_code_calls_them(strategy):
    # every store's code calls one process-wide builtin table
    # (runtime/store.py); each call must land in its own store: here
    # memory.grow meets the limit of the store it runs in, not another's
    from wasmlite.runtime import store as runtime_store
    cfg = wt.Config()
    cfg.strategy = strategy
    engine = wt.Engine(cfg)
    module = Module(engine, """(module (memory (export "m") 1)
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))""")
    limited, free = wt.Store(engine), wt.Store(engine)
    limited.set_limits(memory_size=2 * 65536)
    a = Instance(limited, module, []).exports(limited)
    b = Instance(free, module, []).exports(free)
    for _ in range(2):          # interleaved, both ways
        assert a["grow"](limited, 3) == -1
        assert b["grow"](free, 1) in (1, 2)
    assert a["grow"](limited, 1) == 1
    assert a["m"].size(limited) == 2 and b["m"].size(free) == 3
    assert limited._rt.builtins_address == free._rt.builtins_address
    # a store that is gone leaves no entry behind
    limits = free._rt.limits_address
    assert runtime_store._stores_by_limits[limits]() is free._rt
    del b, free
    import gc
    gc.collect()
    ref = runtime_store._stores_by_limits.get(limits)
    assert ref is None or ref() is not None      # (or a newer store has the address)
