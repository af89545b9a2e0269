"""Serialized compiled modules (compile/cache.py): round trips run the same,
in this process and in a fresh one; damaged or foreign bytes are refused."""
import json
import struct
import subprocess
import sys

import pytest
import wasmtime

from wasmlite.binary.decode import decode_module
from wasmlite.compile import compile_module
from wasmlite.compile.cache import MAGIC, DiskCache, _split, deserialize, serialize
from wasmlite.errors import Trap, TrapCode, WasmtimeError
from wasmlite.runtime import RuntimeEngine, RuntimeStore, instantiate, invoke
from wasmlite.valid.validate import validate_module

WAT = """(module $m
  (type $bin (func (param i32 i32) (result i32)))
  (memory (export "mem") 1)
  (table 3 funcref)
  (global $g (mut i32) (i32.const 40))
  (elem (i32.const 0) $add $sub)
  (data (i32.const 100) "\\2a\\00\\00\\00")
  (data "abcd")
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32.sub (local.get 0) (local.get 1)))
  (func (export "apply") (param i32 i32 i32) (result i32)
    (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "loadg") (result i32)
    (global.set $g (i32.add (global.get $g) (i32.load (i32.const 100))))
    (global.get $g))
  (func $crash (export "crash") (param i32) (result i32)
    (i32.div_u (i32.const 1) (local.get 0)))
  (func (export "copy") (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 4))))
"""
ENGINE = RuntimeEngine(opt_level=1)


def compiled(wat=WAT, opt_level=1):
    module = decode_module(wasmtime.wat2wasm(wat))
    return compile_module(module, validate_module(module), ENGINE.signatures, opt_level)


def exercise(cm):
    store = RuntimeStore(ENGINE)
    inst = instantiate(store, cm, [])
    ex = inst.exports
    out = [invoke(store, ex["apply"], [0, 7, 5])[0], invoke(store, ex["apply"], [1, 7, 5])[0],
           invoke(store, ex["loadg"], [])[0], invoke(store, ex["loadg"], [])[0]]
    invoke(store, ex["copy"], [])
    out.append(bytes(ex["mem"].memory.read(0, 4)) if hasattr(ex["mem"], "memory") else None)
    with pytest.raises(Trap) as ei:
        invoke(store, ex["crash"], [0])
    out.append(ei.value.trap_code)
    with pytest.raises(Trap) as ei:
        invoke(store, ex["apply"], [2, 1, 1])
    out.append(ei.value.trap_code)
    return out


@pytest.mark.parametrize("opt_level", [0, 2])
def test_round_trip_runs_the_same(opt_level):
    cm = compiled(opt_level=opt_level)
    data = serialize(cm)
    assert data.startswith(MAGIC)
    again = deserialize(data, ENGINE.signatures)
    expected = exercise(cm)
    assert expected[:4] == [12, 2, 82, 124]
    assert expected[-2:] == [TrapCode.INTEGER_DIVISION_BY_ZERO, TrapCode.INDIRECT_CALL_TO_NULL]
    assert exercise(again) == expected
    assert again.opt_level == opt_level
    # the structure survives, function bodies do not travel (they are compiled)
    assert [e.name for e in again.module.exports] == [e.name for e in cm.module.exports]
    assert [f.offset for f in again.module.funcs] == [f.offset for f in cm.module.funcs]
    assert again.module.names == cm.module.names
    assert len(data) < 4 * len(cm.library.object_code) + 4096
    # serializing the deserialized module gives the same bytes
    assert serialize(again) == data


def test_deserialized_code_runs_in_a_fresh_process(tmp_path):
    path = tmp_path / "m.cwasm"
    path.write_bytes(serialize(compiled()))
    script = f"""
from wasmlite.compile.cache import deserialize
from wasmlite.runtime import RuntimeEngine, RuntimeStore, instantiate, invoke
engine = RuntimeEngine(opt_level=1)
cm = deserialize(open({str(path)!r}, "rb").read(), engine.signatures)
store = RuntimeStore(engine)
inst = instantiate(store, cm, [])
print(invoke(store, inst.exports["apply"], [1, 50, 8])[0], invoke(store, inst.exports["loadg"], [])[0])
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.split() == ["42", "82"], proc.stderr


def test_damaged_bytes_are_refused():
    data = serialize(compiled())
    with pytest.raises(WasmtimeError, match="bad magic"):
        deserialize(b"\0asm" + data[4:], ENGINE.signatures)
    for cut in (len(MAGIC), len(MAGIC) + 3, len(MAGIC) + 40, len(data) // 2, len(data) - 1):
        with pytest.raises(WasmtimeError):
            deserialize(data[:cut], ENGINE.signatures)
    with pytest.raises(WasmtimeError):
        deserialize(data + b"x", ENGINE.signatures)
    # a module from another LLVM build or CPU (compile/identity.py): one
    # character of that part of the fingerprint changed
    key = data.index(b"llvm+cpu")
    at = key + next(i for i, c in enumerate(data[key + 8:key + 40]) if chr(c).isalnum()) + 8
    assert at < 2000
    foreign = data[:at] + bytes([data[at] ^ 1]) + data[at + 1:]
    with pytest.raises(WasmtimeError, match="different wasmlite"):
        deserialize(foreign, ENGINE.signatures)
    with pytest.raises(TypeError):
        deserialize("text", ENGINE.signatures)
    # a right header over broken object code, or naming a missing code table
    start = len(data) - len(_split(data)[2])          # where the object code begins
    with pytest.raises(WasmtimeError, match="corrupt"):
        deserialize(data[:start] + bytes(64) + data[start + 64:], ENGINE.signatures)
    symbol = json.loads(data[len(MAGIC) + 4:len(MAGIC) + 4 + struct.unpack_from(
        "<I", data, len(MAGIC))[0]])["symbol"].encode()
    renamed = data.replace(symbol, b"x" * len(symbol))      # header and object alike
    with pytest.raises(WasmtimeError, match="corrupt"):
        deserialize(renamed.replace(b"x" * len(symbol), symbol, 1), ENGINE.signatures)


def test_disk_cache_keys_and_atomic_entries(tmp_path):
    cache = DiskCache(tmp_path / "cache")
    wasm = wasmtime.wat2wasm(WAT)
    k1, k2 = cache.key(wasm, "opt=1"), cache.key(wasm, "opt=2")
    assert k1 != k2 and cache.key(wasm, "opt=1") == k1
    # several settings, the bytes hashed once: the same keys
    assert cache.keys(wasm, "opt=1", "opt=2", "opt=1") == [k1, k2, k1]
    # where the bytes end and the settings begin is part of the key
    assert cache.key(wasm + b"x", "opt=1") != cache.key(wasm, "xopt=1")
    assert cache.key(wasm[:-1], "opt=1") != k1
    assert cache.get(k1) is None
    data = serialize(compiled(WAT))
    cache.put(k1, data)
    assert cache.get(k1) == data
    assert not [p for p in (tmp_path / "cache").rglob(".tmp-*")]
    # an unwritable directory is a slower cache, not an error
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    DiskCache(blocked).put(k1, data)
    assert DiskCache(blocked).get(k1) is None


def test_compiler_digest_is_kept_under_the_sources_stamp(tmp_path, monkeypatch):
    """The compiler-source digest in the fingerprint is read from the cache
    folder while the files' names, sizes and mtimes match, and recomputed
    from the text when they do not."""
    from wasmlite.compile import cache as cache_mod
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    digest = cache_mod._compiler_digest()
    memos = list((tmp_path / "wasmlite").glob("compiler-*"))
    assert len(memos) == 1 and len(digest) == 32
    stamp = memos[0].read_text().rpartition("\n")[0]
    memos[0].write_text(stamp + "\n" + "f" * 32)
    assert cache_mod._compiler_digest() == "f" * 32         # the memo is what is used
    memos[0].write_text("other " + stamp + "\n" + "f" * 32)
    assert cache_mod._compiler_digest() == digest           # a stale stamp is not
    (tmp_path / "wasmlite" / "compiler-00000000").write_text("old\n" + "0" * 32)
    memos[0].unlink()
    assert cache_mod._compiler_digest() == digest
    assert [p.name for p in (tmp_path / "wasmlite").glob("compiler-*")] == [memos[0].name]


def test_a_damaged_disk_cache_entry_reads_as_a_miss(tmp_path):
    """A flipped bit anywhere in an entry (its machine code included) makes
    it a miss, not code to run: every file ends with a checksum."""
    cache = DiskCache(tmp_path / "cache")
    key = cache.key(wasmtime.wat2wasm(WAT), "opt=2")
    data = serialize(compiled(WAT))
    cache.put(key, data)
    path = tmp_path / "cache" / key[:2] / key
    raw = path.read_bytes()
    assert cache.get(key) == data and len(raw) == len(data) + 4
    for at in (0, len(raw) // 2, len(raw) - 5, len(raw) - 1):
        path.write_bytes(raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1:])
        assert cache.get(key) is None, at
    path.write_bytes(raw[:3])
    assert cache.get(key) is None
