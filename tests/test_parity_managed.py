"""wasmlite-side checks of the API parity work (issue 12): close()/with,
pickling, externref release, Config properties, perfmap, unsupported names.
What can be compared with wasmtime-py directly is in test_parity_wasmtime.py."""
import gc
import os
import pickle
import subprocess
import sys

import pytest

import wasmlite as wt
from wasmlite import (Config, Engine, FuncType, Limits, Linker, MemoryType, Module, Store,
                      ValType, WasiConfig, WasmtimeError)

SQUARE = '(module $m (func $sq (export "sq") (param i32) (result i32) local.get 0 local.get 0 i32.mul))'
TABLE = ('(module (table (export "t") 2 externref) (global (export "g") (mut externref) (ref.null extern))'
         ' (func (export "put") (param externref) i32.const 0 local.get 0 table.set)'
         ' (func (export "clear") i32.const 0 ref.null extern table.set))')


def _cheap_engine(**settings) -> Engine:
    config = Config()
    config.cranelift_opt_level = "none"
    for name, value in settings.items():
        setattr(config, name, value)
    return Engine(config)


# -- close() and with --------------------------------------------------------------

def test_every_managed_object_closes_and_works_in_with():
    objects = [Config(), Engine(), Store(), Module(Engine(), SQUARE), Linker(Engine()),
               WasiConfig(), ValType.i32(), FuncType([], []), MemoryType(Limits(1, None)),
               wt.TableType(ValType.funcref(), Limits(1, None)),
               wt.GlobalType(ValType.i32(), False)]
    for obj in objects:
        assert isinstance(obj, wt.Managed), type(obj).__name__
        with obj as same:
            assert same is obj
        obj.close()                      # twice is fine


def test_closed_objects_raise_value_error():
    engine = _cheap_engine()
    module = Module(engine, SQUARE)
    store = Store(engine)
    sq = wt.Instance(store, module, []).exports(store)["sq"]
    assert sq(store, 3) == 9
    linker = Linker(engine)
    ty = FuncType([ValType.i32()], [])
    with store:
        pass
    module.close()
    linker.close()
    ty.close()
    for use in (lambda: sq(store, 3), lambda: store.data(), lambda: store.gc(),
                lambda: wt.Instance(store, Module(engine, SQUARE), []),
                lambda: wt.Instance(Store(engine), module, []), lambda: module.exports,
                lambda: module.serialize(), lambda: linker.define_wasi(),
                lambda: ty.params, lambda: wt.Func(Store(engine), ty, lambda x: None)):
        with pytest.raises(ValueError, match="closed"):
            use()
    engine.close()
    for use in (lambda: Store(engine), lambda: Module(engine, SQUARE), lambda: Linker(engine)):
        with pytest.raises(ValueError, match="closed"):
            use()


def test_what_an_engine_made_keeps_working_after_it_closes():
    engine = _cheap_engine()
    module = Module(engine, SQUARE)
    store = Store(engine)
    engine.close()
    assert wt.Instance(store, module, []).exports(store)["sq"](store, 5) == 25


def test_caller_of_a_closed_store_is_refused():
    store = Store(_cheap_engine())
    seen = []

    def host(caller):
        seen.append(caller)
    f = wt.Func(store, FuncType([], []), host, access_caller=True)
    f(store)
    store.close()
    with pytest.raises(ValueError):
        f(store)


def test_closing_one_valtype_does_not_affect_another():
    a = ValType.i32()
    a.close()
    assert ValType.i32() == ValType.i32()
    assert str(ValType.i32()) == "i32"


# -- pickling ------------------------------------------------------------------------

def test_module_pickles_and_runs_in_another_process():
    module = Module(_cheap_engine(), SQUARE)
    data = pickle.dumps(module)
    copy = pickle.loads(data)
    store = Store(copy.engine)
    assert wt.Instance(store, copy, []).exports(store)["sq"](store, 12) == 144
    assert copy.name == "m"
    code = ("import pickle, sys, wasmlite as w; m = pickle.loads(sys.stdin.buffer.read());"
            "s = w.Store(m.engine); print(w.Instance(s, m, []).exports(s)['sq'](s, 11))")
    proc = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True,
                          timeout=120)
    assert proc.stdout.strip() == b"121", proc.stderr


def test_default_settings_module_unpickles_onto_the_default_store_engine():
    copy = pickle.loads(pickle.dumps(Module(Engine(), SQUARE)))
    store = Store()
    assert wt.Instance(store, copy, []).exports(store)["sq"](store, 4) == 16


def test_a_pickled_module_keeps_its_engines_strategy_and_proposal_settings():
    """The unpickled module's engine runs as the original did: a module
    compiled with deterministic relaxed SIMD and recompiled elsewhere must
    not silently give the host's results."""
    from wasmlite import Config
    cfg = Config()
    cfg.strategy = "interpreter"
    cfg.wasm_relaxed_simd_deterministic = True
    cfg.wasm_extended_const = False
    copy = pickle.loads(pickle.dumps(Module(Engine(cfg), SQUARE)))
    engine = copy._engine
    assert engine._rt.strategy == "interpreter"
    assert engine._relaxed_deterministic is True
    assert "extended_const" in engine._disabled_features
    store = Store(engine)
    assert wt.Instance(store, copy, []).exports(store)["sq"](store, 5) == 25


def test_unpickling_recompiles_when_the_native_code_does_not_fit(monkeypatch):
    import wasmlite.compile.cache as cache_format
    data = pickle.dumps(Module(_cheap_engine(consume_fuel=True), SQUARE))

    def refuse(*args, **kwargs):
        raise WasmtimeError("compiled for another machine")
    monkeypatch.setattr(cache_format, "deserialize", refuse)
    copy = pickle.loads(data)
    store = Store(copy.engine)
    store.set_fuel(1000)                 # fuel setting carried over
    assert wt.Instance(store, copy, []).exports(store)["sq"](store, 6) == 36
    assert store.get_fuel() < 1000


def test_engine_and_store_refuse_to_pickle():
    with pytest.raises(TypeError, match="Engine cannot be pickled"):
        pickle.dumps(Engine())
    with pytest.raises(TypeError, match="Store cannot be pickled"):
        pickle.dumps(Store())


# -- externrefs -------------------------------------------------------------------

class Tracked:
    released = []

    def __init__(self, name):
        self.name = name

    def __del__(self):
        Tracked.released.append(self.name)


def _table_instance(store):
    return wt.Instance(store, Module(store.engine, TABLE), []).exports(store)


def test_store_gc_releases_only_unreachable_externrefs():
    Tracked.released.clear()
    store = Store(_cheap_engine())
    ex = _table_instance(store)
    ex["put"](store, Tracked("kept"))             # held by the table
    ex["g"].set_value(store, Tracked("global"))   # held by a global
    wt.Func(store, FuncType([ValType.externref()], []), lambda x: None)(store, Tracked("passed"))
    gc.collect()
    Tracked.released.clear()
    gc.collect()
    assert Tracked.released == []                 # the store still holds "passed"
    store.gc()
    gc.collect()
    assert Tracked.released == ["passed"]
    ex["clear"](store)
    store.gc()
    gc.collect()
    assert sorted(Tracked.released) == ["kept", "passed"]
    assert ex["g"].value(store).name == "global"


def test_externrefs_released_when_the_store_closes_or_is_collected():
    Tracked.released.clear()
    store = Store(_cheap_engine())
    _table_instance(store)["put"](store, Tracked("closed"))
    store.close()
    gc.collect()
    assert "closed" in Tracked.released
    store = Store(_cheap_engine())
    _table_instance(store)["put"](store, Tracked("collected"))
    gc.collect()
    assert "collected" not in Tracked.released
    del store
    gc.collect()
    assert "collected" in Tracked.released


def test_gc_inside_a_host_call_keeps_what_wasm_may_hold():
    gc.collect()
    Tracked.released.clear()
    store = Store(_cheap_engine())
    module = Module(store.engine, '(module (import "" "h" (func $h (param externref)))'
                    ' (func (export "f") (param externref) local.get 0 call $h))')

    def host(obj):
        store.gc()                                # wasm's frame holds obj: keep it
        assert obj.name == "live"
    f = wt.Instance(store, module, [wt.Func(store, FuncType([ValType.externref()], []),
                                            host)]).exports(store)["f"]
    f(store, Tracked("live"))
    gc.collect()
    assert Tracked.released == []


# -- Config ------------------------------------------------------------------------

WASMTIME_50_CONFIG = [
    "debug_info", "wasm_threads", "wasm_tail_call", "wasm_reference_types", "wasm_simd",
    "wasm_bulk_memory", "wasm_multi_value", "wasm_multi_memory", "wasm_memory64",
    "wasm_relaxed_simd", "wasm_relaxed_simd_deterministic", "wasm_component_model",
    "wasm_component_model_map", "wasm_component_model_implements", "wasm_exceptions",
    "wasm_function_references", "wasm_gc", "wasm_wide_arithmetic", "wasm_custom_page_sizes",
    "wasm_stack_switching", "strategy", "cranelift_debug_verifier", "cranelift_opt_level",
    "profiler", "cache", "epoch_interruption", "consume_fuel", "parallel_compilation",
    "shared_memory", "max_wasm_stack", "gc_support", "cranelift_nan_canonicalization",
    "memory_may_move", "memory_reservation", "memory_guard_size",
    "memory_reservation_for_growth", "native_unwind_info", "target", "macos_use_mach_ports",
    "signals_based_traps", "memory_init_cow", "cranelift_flag_enable", "cranelift_flag_set"]


@pytest.mark.parametrize("name", WASMTIME_50_CONFIG)
def test_config_has_every_wasmtime_50_property(name):
    assert hasattr(Config, name)


@pytest.mark.parametrize("name,value", [
    ("macos_use_mach_ports", True), ("memory_init_cow", False), ("signals_based_traps", False),
    ("native_unwind_info", False), ("gc_support", False), ("cranelift_debug_verifier", True),
    ("memory_may_move", False), ("memory_reservation", 1 << 32), ("memory_guard_size", 0),
    ("memory_reservation_for_growth", 1 << 20), ("cranelift_nan_canonicalization", False),
    ("wasm_component_model", False), ("shared_memory", False)])
def test_config_no_effect_settings_are_accepted_and_code_still_runs(name, value):
    config = Config()
    setattr(config, name, value)
    store = Store(Engine(config))
    assert wt.Instance(store, Module(store.engine, SQUARE), []).exports(store)["sq"](store, 3) == 9


@pytest.mark.parametrize("name,value", [
    ("profiler", "jitdump"),
    ("profiler", "vtune"), ("target", "aarch64-unknown-linux-gnu"),
    ("shared_memory", True)])
def test_config_settings_needing_more_work_say_not_supported(name, value):
    with pytest.raises(WasmtimeError, match="not supported"):
        setattr(Config(), name, value)


def test_config_target_accepts_the_host():
    import llvmlite.binding as llvm
    Config().target = llvm.get_process_triple()
    Config().target = "x86_64-linux-gnu" if llvm.get_process_triple().startswith("x86_64") \
        else llvm.get_process_triple()
    with pytest.raises(TypeError):
        Config().target = 5
    Config().cranelift_flag_enable("has_avx")
    Config().cranelift_flag_set("opt_level", "speed")


def test_engine_is_not_pulley():
    assert Engine().is_pulley() is False


def test_profiler_perfmap_names_every_function():
    path = f"/tmp/perf-{os.getpid()}.map"
    before = open(path).read() if os.path.exists(path) else ""
    config = Config()
    config.profiler = "perfmap"
    config.strategy = "cranelift"            # everything compiled before the first call
    module = Module(Engine(config), '(module $demo (func $one (export "one") (result i32)'
                    ' i32.const 1) (func $two (export "two") (result i32) i32.const 2))')
    added = open(path).read()[len(before):].splitlines()
    names = [line.split(" ", 2)[2] for line in added]
    assert names == ["wasm[demo]::function[0]::one", "wasm[demo]::function[1]::two"]
    start, size = (int(x, 16) for x in added[0].split(" ")[:2])
    assert start and size
    store = Store(module.engine)
    assert wt.Instance(store, module, []).exports(store)["two"](store) == 2


# -- names -------------------------------------------------------------------------

def test_later_proposals_raise_not_supported():
    with pytest.raises(WasmtimeError, match="not supported"):
        wt.SharedMemory(Engine(), MemoryType(Limits(1, 1), shared=True))


def test_tag_and_tag_type_check_their_arguments_as_wasmtime_py():
    # (exception handling is built: tests/test_exceptions.py runs them)
    tag_type = wt.TagType(FuncType([], []))
    assert tag_type.functype.params == [] and tag_type.functype.results == []
    with pytest.raises(TypeError):
        wt.Tag(Store(), None)
    with pytest.raises(TypeError):
        wt.TagType(None)


def test_storelike_names():
    assert wt.Storelike is not None
    with pytest.raises(TypeError):
        wt.StoreContext()


def test_memory_type_page_sizes():
    mt = MemoryType(Limits(1, None))
    assert (mt.page_size, mt.page_size_log2) == (65536, 16)
    one = MemoryType(Limits(3, None), page_size_log2=0)
    assert (one.page_size, one.page_size_log2) == (1, 0)
    assert one != MemoryType(Limits(3, None))
    with pytest.raises(WasmtimeError, match="2\\*\\*16 or 2\\*\\*0"):
        MemoryType(Limits(1, None), page_size_log2=3)
    store = Store()
    mem = wt.Memory(store, one)          # custom-page-sizes: sizes count bytes
    assert (mem.size(store), mem.data_len(store), mem.page_size(store)) == (3, 3, 1)


def test_memory_read_past_the_string_at_limit(monkeypatch):
    import wasmlite.memory as api_memory
    monkeypatch.setattr(api_memory, "_STRING_AT_MAX", 16)   # reads of >= 16 bytes: the big path
    store = Store(_cheap_engine())
    mem = wt.Memory(store, MemoryType(Limits(1, None)))
    mem.write(store, bytes(range(40)), 100)
    assert mem.read(store, 100, 140) == bytearray(range(40))
    assert mem.read(store, 100, 108) == bytearray(range(8))
    assert mem.read(store, 65530, 70000) == bytearray(6)
