"""With the cache on, the code tier-up compiled in batches is kept, and the
next Module of the same bytes starts with it (issue 11, "keep what was
compiled"): a big module's whole-module entry needs every function
compiled, which its run rarely lives to see (compile/tier_cache.py)."""
import ctypes
import subprocess
import sys

import pytest

import wasmlite as wl
from wasmlite import tiering
from wasmlite.compile import tier_cache
from wasmlite.compile.cache import DiskCache
from wasmlite.interp import layout as L

WAT = """(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2)) (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "cold") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))"""


@pytest.fixture
def batched(monkeypatch):
    """Every module tiers up in batches, as a big one does; hot early."""
    monkeypatch.setattr(tiering, "HOT_THRESHOLD", 5)
    monkeypatch.setattr(tiering, "WHOLE_MODULE_INSTRS", 0)


def _engine(tmp_path, **settings) -> wl.Engine:
    config = tmp_path / "cache.toml"
    config.write_text(f'[cache]\nenabled = true\ndirectory = "{tmp_path / "c"}"\n')
    cfg = wl.Config()
    cfg.cache = str(config)
    for k, v in settings.items():
        setattr(cfg, k, v)
    return wl.Engine(cfg)


def _entries(tmp_path) -> list:
    return sorted(p for p in (tmp_path / "c").glob("??/*") if not p.name.startswith(".tmp-"))


def _read(tmp_path, entry) -> bytes:
    """An entry's bytes as the cache gives them (its checksum checked and
    taken off)."""
    data = DiskCache(tmp_path / "c").get(entry.name)
    assert data is not None, "the entry does not pass its checksum"
    return data


def _compiled(module: wl.Module, defined_index: int) -> int:
    im = module._compiled
    return ctypes.c_uint64.from_address(im.desc_address(defined_index) + L.IF_COMPILED).value


def _first_run(tmp_path, **settings) -> None:
    engine = _engine(tmp_path, **settings)
    module = wl.Module(engine, WAT)
    store = wl.Store(engine)
    if settings.get("consume_fuel"):
        store.set_fuel(10**9)
    assert wl.Instance(store, module, []).exports(store)["fib"](store, 20) == 6765
    tiering.drain()


def test_hot_batches_are_kept_and_the_next_module_starts_with_them(tmp_path, batched):
    _first_run(tmp_path)
    assert len(_entries(tmp_path)) == 1, "the tiered entry was not written"
    second = wl.Module(_engine(tmp_path), WAT)
    assert type(second._compiled).__name__ == "InterpModule"
    # before any call: fib's code is in place, the cold function's is not
    assert _compiled(second, 0) and not _compiled(second, 1)
    store = wl.Store(second.engine)
    exports = wl.Instance(store, second, []).exports(store)
    assert exports["fib"](store, 21) == 10946 and exports["cold"](store, 7) == 21


def test_kept_code_ends_at_the_full_level(tmp_path, batched):
    """The first run keeps the cheap batch, then its -O2 upgrade; a function
    answers to the full level's batch alone."""
    _first_run(tmp_path)
    (entry,) = _entries(tmp_path)
    kept = tier_cache.unpack(_read(tmp_path, entry), 0, 2)
    # the default opt level ("speed") is LLVM's -O2
    assert kept and [(b.level, b.funcs) for b in kept] == [(2, [0])]


def test_a_kept_cheap_batch_is_upgraded_in_the_next_run(tmp_path, batched):
    _first_run(tmp_path)
    (entry,) = _entries(tmp_path)
    kept = tier_cache.unpack(_read(tmp_path, entry), 0, 2)
    # as if the first run had ended before its -O2 compile: cheap code only
    cheap = tier_cache.KeptBatch(tiering.CHEAP_LEVEL, kept[0].symbol, kept[0].names,
                                 kept[0].funcs, kept[0].obj)
    DiskCache(tmp_path / "c").put(entry.name, tier_cache.pack([cheap]))
    second = wl.Module(_engine(tmp_path), WAT)
    first_code = _compiled(second, 0)
    assert first_code
    tiering.drain()
    assert _compiled(second, 0) != first_code, "the cheap code was not replaced"
    (entry,) = _entries(tmp_path)
    assert [b.level for b in tier_cache.unpack(_read(tmp_path, entry), 0, 2)] == [2]


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x10]) + data[at + 1:]


@pytest.mark.parametrize("damage", ["empty", "garbage", "truncated", "bit in the header",
                                    "bit in the code"])
def test_a_damaged_tiered_entry_is_compiled_again(tmp_path, batched, damage):
    _first_run(tmp_path)
    (entry,) = _entries(tmp_path)
    data = entry.read_bytes()
    entry.write_bytes({"empty": b"", "garbage": b"WASMLITE-TIERED\0garbage",
                       "truncated": data[:-100],
                       "bit in the header": _flip(data, 40),
                       "bit in the code": _flip(data, len(data) - 200)}[damage])
    second = wl.Module(_engine(tmp_path), WAT)
    assert not _compiled(second, 0)
    store = wl.Store(second.engine)
    assert wl.Instance(store, second, []).exports(store)["fib"](store, 20) == 6765
    tiering.drain()
    (entry,) = _entries(tmp_path)
    assert tier_cache.unpack(_read(tmp_path, entry), 0, 2), "the damaged entry was not replaced"


def test_code_kept_for_other_settings_is_not_used(tmp_path, batched):
    _first_run(tmp_path, consume_fuel=True)
    second = wl.Module(_engine(tmp_path), WAT)
    assert not _compiled(second, 0)


def test_an_entry_naming_functions_the_module_lacks_is_refused(tmp_path, batched):
    _first_run(tmp_path)
    (entry,) = _entries(tmp_path)
    assert tier_cache.unpack(_read(tmp_path, entry), 0, 2)
    assert tier_cache.unpack(_read(tmp_path, entry), 1, 2) is None     # f0 is an import there
    assert tier_cache.unpack(_read(tmp_path, entry), 0, 0) is None


def test_merge_keeps_the_newest_of_the_highest_level():
    a = tier_cache.KeptBatch(1, "a", ["f1", "f2", "f2.osr"], [1, 2], b"A")
    b = tier_cache.KeptBatch(2, "b", ["f2"], [2], b"B")
    c = tier_cache.KeptBatch(1, "c", ["f2", "f3"], [2, 3], b"C")
    kept = tier_cache.merge(tier_cache.merge([a], b), c)
    # f2's full-level code stays; the cheap batch c answers for f3 only
    assert [(k.symbol, k.funcs) for k in kept] == [("a", [1]), ("b", [2]), ("c", [3])]
    d = tier_cache.KeptBatch(2, "d", ["f1", "f3"], [1, 3], b"D")
    assert [(k.symbol, k.funcs) for k in tier_cache.merge(kept, d)] == [("b", [2]), ("d", [1, 3])]


def test_the_next_process_starts_with_the_kept_code(tmp_path):
    """Two processes: the second's Module has fib compiled before its
    first call, from what the first kept."""
    script = f"""
import ctypes, sys
import wasmlite as wl
from wasmlite import tiering
from wasmlite.interp import layout as L
tiering.HOT_THRESHOLD = 5
tiering.WHOLE_MODULE_INSTRS = 0
open({str(tmp_path / 'cache.toml')!r}, 'w').write('[cache]\\nenabled = true\\ndirectory = "{tmp_path / 'c'}"\\n')
cfg = wl.Config(); cfg.cache = {str(tmp_path / 'cache.toml')!r}
engine = wl.Engine(cfg)
m = wl.Module(engine, {WAT!r})
before = ctypes.c_uint64.from_address(m._compiled.desc_address(0) + L.IF_COMPILED).value
s = wl.Store(engine)
print(bool(before), wl.Instance(s, m, []).exports(s)["fib"](s, 20))
tiering.drain()
"""
    outs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=300) for _ in range(2)]
    assert [o.stdout for o in outs] == ["False 6765\n", "True 6765\n"], [o.stderr for o in outs]


MIXED = """(module
  (type $bin (func (param i32 i32) (result i32)))
  (type $un (func (param i32) (result i32)))
  (type $pt (struct (field (mut i32)) (field i64)))
  (tag $e (param i32))
  (table 4 funcref)
  (elem (i32.const 0) $add $sub $neg)
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func $neg (type $un) (i32.sub (i32.const 0) (local.get 0)))
  (func (export "ci") (param i32 i32 i32) (result i32)
    (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "gc") (param i32) (result i32) (local $p (ref null $pt))
    (local.set $p (struct.new $pt (local.get 0) (i64.const 7)))
    (struct.set $pt 0 (local.get $p) (i32.add (struct.get $pt 0 (local.get $p)) (i32.const 1)))
    (i32.add (struct.get $pt 0 (local.get $p)) (i32.wrap_i64 (struct.get $pt 1 (local.get $p)))))
  (func $thrower (param i32) (if (i32.gt_s (local.get 0) (i32.const 5)) (then (throw $e (local.get 0)))))
  (func (export "ex") (param i32) (result i32)
    (block $h (result i32)
      (try_table (catch $e $h) (call $thrower (local.get 0)))
      (i32.const -1))))"""


def _mixed_results(engine: wl.Engine, module: wl.Module) -> list:
    store = wl.Store(engine)
    e = wl.Instance(store, module, []).exports(store)
    out = [(e["ci"](store, k % 2, 10, 3), e["gc"](store, k), e["ex"](store, k)) for k in range(12)]
    with pytest.raises(wl.Trap) as trap:
        e["ci"](store, 2, 1, 1)         # $neg: another type
    return out + [str(trap.value)]


def test_kept_code_agrees_in_an_engine_with_other_type_ids(tmp_path, batched):
    """call_indirect's type check, GC structs, exceptions and a trap's
    backtrace from kept code, in an engine that numbered other types first,
    agree with the llvm strategy's."""
    first = _engine(tmp_path)
    _mixed_results(first, wl.Module(first, MIXED))
    tiering.drain()
    second = _engine(tmp_path)
    wl.Module(second, "(module (type (func (param f64 f64 f64))) (type (func (result i64 i64)))"
                      " (func (type 0)) (func (type 1) i64.const 1 i64.const 2))")
    kept = wl.Module(second, MIXED)
    assert all(_compiled(kept, i) for i in (0, 1, 3, 4, 6)), "the hot functions were not kept"
    cfg = wl.Config()
    cfg.strategy = "llvm"
    llvm = wl.Engine(cfg)
    assert _mixed_results(second, kept) == _mixed_results(llvm, wl.Module(llvm, MIXED))


def _bodies_checked(monkeypatch) -> list:
    """The defined functions whose bodies validation checks from now on."""
    from wasmlite.valid import validate
    checked: list = []
    real = validate._func_info

    def counted(ctx, module, n, typed):
        checked.append(n)
        return real(ctx, module, n, typed)

    monkeypatch.setattr(validate, "_func_info", counted)
    return checked


def test_the_next_module_trusts_the_bodies_the_first_run_validated(tmp_path, batched,
                                                                    monkeypatch):
    """A tiered entry records that its run validated the module's bodies
    (and the features they use): the next Module of the same bytes and
    settings does not check them again, as Wasmtime does not re-validate a
    cached module, and runs the same."""
    _first_run(tmp_path)
    data = _read(tmp_path, _entries(tmp_path)[0])
    assert tier_cache.trusted_features(data) == frozenset()
    from wasmlite.valid.validate import validate_module
    expected = validate_module(wl.Module(wl.Engine(), WAT)._syntax).funcs
    checked = _bodies_checked(monkeypatch)
    second = wl.Module(_engine(tmp_path), WAT)
    assert checked == []
    info = second._compiled.info
    assert info.features == frozenset()
    # a FuncInfo asked for is made then, and is what validation gives
    assert info.funcs[1] == expected[1]
    assert checked == [1] and len(info.funcs) == 2
    store = wl.Store(second.engine)
    exports = wl.Instance(store, second, []).exports(store)
    assert exports["fib"](store, 21) == 10946 and exports["cold"](store, 7) == 21
    # other settings (another key), or no cache: checked as ever
    checked.clear()
    wl.Module(_engine(tmp_path, consume_fuel=True), WAT)
    assert sorted(checked) == [0, 1]
    checked.clear()
    wl.Module(wl.Engine(), WAT)
    assert sorted(checked) == [0, 1]


def test_a_tiered_entry_of_another_validator_is_not_trusted(tmp_path, batched, monkeypatch):
    _first_run(tmp_path)
    data = _read(tmp_path, _entries(tmp_path)[0])
    monkeypatch.setattr(tier_cache, "validator_stamp", lambda: "00000000")
    assert tier_cache.trusted_features(data) is None
    checked = _bodies_checked(monkeypatch)
    wl.Module(_engine(tmp_path), WAT)
    assert sorted(checked) == [0, 1]


def test_trusted_features_refuses_what_is_not_a_validated_entry() -> None:
    batch = tier_cache.KeptBatch(1, "t", ["f0"], [0], b"\x7fELF")
    assert tier_cache.trusted_features(tier_cache.pack([batch])) is None   # not recorded
    packed = tier_cache.pack([batch], frozenset({"gc", "exceptions"}))
    assert tier_cache.trusted_features(packed) == frozenset({"gc", "exceptions"})
    assert tier_cache.unpack(packed, 0, 1)[0].funcs == [0]      # batches read as before
    for bad in (None, b"", packed[:20], packed.replace(b'"features"', b'"featurez"'),
                packed.replace(b"\"gc\"", b"7   ")):
        assert tier_cache.trusted_features(bad) is None


def test_trusted_bodies_give_the_funcinfos_validation_gives() -> None:
    """validate_module with ``trusted_features``: module-level checks as
    ever, each body's FuncInfo made when read, equal to the eager one."""
    from wasmlite.binary.decode import decode_module
    from wasmlite.errors import InvalidError
    from wasmlite.valid.validate import validate_module
    data = wl.wat2wasm(WAT)
    eager = validate_module(decode_module(data))
    lazy = validate_module(decode_module(data), trusted_features=frozenset({"gc"}))
    assert "gc" in lazy.features and "gc" not in eager.features
    assert len(lazy.funcs) == 2 and lazy.funcs[-1] == eager.funcs[1]
    assert lazy.funcs[0:2] == eager.funcs and list(lazy.funcs) == eager.funcs
    # a module-level error is still found (an export of a function it lacks)
    bad = wl.wat2wasm('(module (func) (export "f" (func 0)))').replace(b"\x00\x00\x0a", b"\x00\x07\x0a")
    with pytest.raises(InvalidError, match="unknown function"):
        validate_module(decode_module(bad), trusted_features=frozenset())


def _bodies_decoded(monkeypatch) -> list:
    """The body decodes (decode_expr) and scans Module() makes from now on."""
    from wasmlite.binary import decode
    seen: list = []
    for name in ("decode_expr", "scan_expr"):
        real = getattr(decode, name)

        def counted(*a, real=real, name=name, **k):
            seen.append(name)
            return real(*a, **k)
        monkeypatch.setattr(decode, name, counted)
    return seen


def test_a_run_without_hot_code_still_vouches_for_the_bodies(tmp_path, monkeypatch):
    """A short run keeps no tier-up batch (QuickJS's script), yet its
    Module() validated every body: the entry it leaves says so, and the
    next Module() of the same bytes neither validates nor decodes them
    (they are read when first called) and runs the same."""
    first = wl.Module(_engine(tmp_path), WAT)
    store = wl.Store(first.engine)
    assert wl.Instance(store, first, []).exports(store)["cold"](store, 5) == 15
    tiering.drain()
    (entry,) = _entries(tmp_path)
    data = _read(tmp_path, entry)
    assert tier_cache.trusted_features(data) == frozenset()
    assert tier_cache.unpack(data, 0, 2) == []
    checked = _bodies_checked(monkeypatch)
    decoded = _bodies_decoded(monkeypatch)
    second = wl.Module(_engine(tmp_path), WAT)
    assert checked == [] and decoded == []
    store = wl.Store(second.engine)
    exports = wl.Instance(store, second, []).exports(store)
    assert exports["fib"](store, 10) == 55 and exports["cold"](store, 7) == 21
    # without the entry's word, as before: every body decoded and validated
    decoded.clear()
    wl.Module(_engine(tmp_path, consume_fuel=True), WAT)
    assert sorted(checked) == [0, 1] and decoded == ["decode_expr", "decode_expr"]


def test_the_stamp_covers_the_decoder_too(monkeypatch):
    """A trusted entry skips the decoder's body checks as well as the
    validator's: a change to either folder's sources changes the stamp."""
    from wasmlite.compile import identity

    def stamp_with(changed: str) -> str:
        monkeypatch.setattr(tier_cache, "_stamp", None)
        monkeypatch.setattr(identity, "source_stamps",
                            lambda folder: [folder + (" new" if folder.endswith(changed) else "")])
        return tier_cache.validator_stamp()

    base = stamp_with("nothing")
    assert len({base, stamp_with("valid"), stamp_with("binary"), stamp_with("syntax")}) == 4
