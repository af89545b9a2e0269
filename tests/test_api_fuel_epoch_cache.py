"""Config.consume_fuel / epoch_interruption / cache and Module.serialize
through the public API, against wasmtime-py where it has the same thing."""
import subprocess
import sys
import threading

import pytest
import wasmtime

import wasmlite as wt
from wasmlite import WasmtimeError

WAT = """(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "spin") (loop $l (br $l))))"""


def engine_with(lib, **settings):
    cfg = lib.Config()
    for k, v in settings.items():
        setattr(cfg, k, v)
    return lib.Engine(cfg)


_engine_with = engine_with


def test_tiered_code_is_cached_for_the_next_run(tmp_path, monkeypatch):
    """auto: no code is stored until tier-up compiled the module (Module()
    stores only that the bodies validated: compile/tier_cache.py vouch);
    then the next Module of the same bytes starts with that code."""
    from wasmlite import tiering
    monkeypatch.setattr(tiering, "HOT_THRESHOLD", 5)
    directory = tmp_path / "c"
    config = tmp_path / "cache.toml"
    config.write_text(f'[cache]\nenabled = true\ndirectory = "{directory}"\n')
    engine = engine_with(wt, cache=str(config))
    first = wt.Module(engine, WAT)
    assert type(first._compiled).__name__ == "InterpModule"
    from wasmlite.compile import tier_cache
    from wasmlite.compile.cache import DiskCache
    (vouched,) = [p for p in directory.rglob("*") if p.is_file()]
    data = DiskCache(directory).get(vouched.name)
    assert tier_cache.trusted_features(data) == frozenset()
    assert tier_cache.unpack(data, 0, 2) == []          # no code in it
    store = wt.Store(engine)
    assert wt.Instance(store, first, []).exports(store)["fib"](store, 15) == 610
    tiering.drain()
    assert len([p for p in directory.rglob("*") if p.is_file()]) == 1
    second = wt.Module(engine_with(wt, cache=str(config)), WAT)
    assert type(second._compiled).__name__ == "CompiledModule"


def test_fuel_through_the_api_matches_wasmtime():
    for n in (0, 1, 5, 12):
        got = []
        for lib in (wt, wasmtime):
            engine = engine_with(lib, consume_fuel=True)
            store = lib.Store(engine)
            store.set_fuel(100_000)
            fib = lib.Instance(store, lib.Module(engine, WAT), []).exports(store)["fib"]
            got.append((fib(store, n), store.get_fuel()))
        assert got[0] == got[1]


def test_out_of_fuel_is_a_trap_and_the_store_refills():
    engine = engine_with(wt, consume_fuel=True)
    store = wt.Store(engine)
    exports = wt.Instance(store, wt.Module(engine, WAT), []).exports(store)
    store.set_fuel(10_000)
    with pytest.raises(wt.Trap) as ei:
        exports["spin"](store)
    assert ei.value.trap_code == wt.TrapCode.OUT_OF_FUEL
    assert store.get_fuel() == 0
    store.set_fuel(1_000)
    assert exports["fib"](store, 6) == 8
    with pytest.raises(TypeError):
        store.set_fuel(1.5)
    with pytest.raises(WasmtimeError):
        store.set_fuel(-1)


def test_fuel_and_epochs_need_their_config():
    store = wt.Store()
    with pytest.raises(WasmtimeError, match="fuel is not configured"):
        store.set_fuel(1)
    with pytest.raises(WasmtimeError, match="fuel is not configured"):
        store.get_fuel()
    store.set_epoch_deadline(-1)     # accepted (a u64: never reached), as in wasmtime-py


def test_another_thread_interrupts_a_runaway_loop():
    engine = engine_with(wt, epoch_interruption=True)
    store = wt.Store(engine)
    exports = wt.Instance(store, wt.Module(engine, WAT), []).exports(store)
    with pytest.raises(wt.Trap):                  # no deadline set yet: like wasmtime
        exports["fib"](store, 1)
    store.set_epoch_deadline(1)
    assert exports["fib"](store, 10) == 55
    timer = threading.Timer(0.2, engine.increment_epoch)
    timer.start()
    with pytest.raises(wt.Trap) as ei:
        exports["spin"](store)
    timer.join()
    assert ei.value.trap_code == wt.TrapCode.INTERRUPT
    store.set_epoch_deadline(5)
    assert exports["fib"](store, 10) == 55


def test_serialize_round_trip_skips_compiling_and_keeps_settings(tmp_path):
    engine = engine_with(wt, consume_fuel=True)
    data = wt.Module(engine, WAT).serialize()
    module = wt.Module.deserialize(engine, data)
    store = wt.Store(engine)
    store.set_fuel(1000)
    assert wt.Instance(store, module, []).exports(store)["fib"](store, 7) == 13
    assert [e.name for e in module.exports] == ["fib", "spin"]
    with pytest.raises(WasmtimeError, match="fuel or epoch"):
        wt.Module.deserialize(wt.Engine(), data)   # code with fuel checks, engine without
    path = tmp_path / "fib.cwasm"
    path.write_bytes(wt.Module(wt.Engine(), WAT).serialize())
    script = ("import wasmlite as wt; e = wt.Engine(); s = wt.Store(e);"
              f"m = wt.Module.deserialize_file(e, {str(path)!r});"
              "print(wt.Instance(s, m, []).exports(s)['fib'](s, 20))")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.strip() == "6765", proc.stderr


def test_disk_cache_from_a_config_file(tmp_path):
    directory = tmp_path / "cache dir"
    config = tmp_path / "cache.toml"
    config.write_text(f'[cache]\nenabled = true\ndirectory = "{directory}"\n')

    def engine_with(lib, **settings):      # every function compiled up front
        return _engine_with(lib, strategy="llvm", **settings)

    first = wt.Module(engine_with(wt, cache=str(config)), WAT)
    entries = [p for p in directory.rglob("*") if p.is_file()]
    assert len(entries) == 1
    engine = engine_with(wt, cache=str(config))
    second = wt.Module(engine, WAT)             # loaded from the cache
    assert [p for p in directory.rglob("*") if p.is_file()] == entries
    store = wt.Store(engine)
    assert wt.Instance(store, second, []).exports(store)["fib"](store, 15) == 610
    # a damaged entry is recompiled and replaced, never trusted
    entries[0].write_bytes(b"WASMLITE-CWASM\0\0garbage")
    third = wt.Module(engine_with(wt, cache=str(config)), WAT)
    assert entries[0].read_bytes()[:16] == b"WASMLITE-CWASM\0\0"
    assert len(entries[0].read_bytes()) > 100
    # other settings are other entries
    wt.Module(engine_with(wt, cache=str(config), consume_fuel=True), WAT)
    assert len([p for p in directory.rglob("*") if p.is_file()]) == 2
    del first, third
    bad = tmp_path / "bad.toml"
    bad.write_text("[cache\n")
    with pytest.raises(WasmtimeError, match="invalid cache config"):
        engine_with(wt, cache=str(bad))


def test_parallel_compilation_setting_reaches_the_compiler(monkeypatch):
    # tiering.py imports the compiler where it calls it: the spy goes on
    # the package attribute it imports
    import wasmlite.compile as api_module
    seen = []
    real = api_module.compile_module

    def spy(*args, **kwargs):
        seen.append(kwargs.get("jobs"))
        return real(*args, **kwargs)

    monkeypatch.setattr(api_module, "compile_module", spy)
    # (strategy llvm: compiled when the Module is made, not when it turns hot)
    wt.Module(engine_with(wt, parallel_compilation=False, strategy="llvm"), WAT)
    wt.Module(engine_with(wt, parallel_compilation=True, strategy="llvm"), WAT)
    wt.Module(engine_with(wt, strategy="llvm"), WAT)
    assert seen == [1, None, None]        # None: big modules use worker processes
