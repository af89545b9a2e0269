"""Multi-memory (Wasm 3.0): memory indices in the text and binary formats,
validation, and every memory instruction on memories other than 0 in both
tiers, against wasmtime-py (which enables multi-memory by default)."""
import pytest
import wasmtime

import wasmlite as rt
from test_memory64 import as_wasmtime
from wasmlite.binary.decode import decode_module
from wasmlite.errors import MalformedError

STRATEGIES = ("llvm", "interpreter", "auto")

WAT = """(module
  (memory $a 1) (memory $b 2 4) (memory $c 1)
  (data (memory $b) (i32.const 8) "\\2a\\00\\00\\00")
  (data $later "\\07\\08")
  (func (export "size") (result i32) (i32.add (memory.size $a) (memory.size $b)))
  (func (export "ld") (param i32) (result i32) (i32.load8_u $b (local.get 0)))
  (func (export "ld16") (param i32) (result i32) (i32.load16_s $c offset=1 (local.get 0)))
  (func (export "st") (param i32 i32) (i32.store $b offset=4 (local.get 0) (local.get 1)))
  (func (export "ld0") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow $b (local.get 0)))
  (func (export "copy") (memory.copy $a $b (i32.const 0) (i32.const 8) (i32.const 4)))
  (func (export "fill") (memory.fill $b (i32.const 100) (i32.const 7) (i32.const 3)))
  (func (export "init") (memory.init $c $later (i32.const 20) (i32.const 0) (i32.const 2)))
  (func (export "ldc") (param i32) (result i32) (i32.load8_u $c (local.get 0)))
  (func (export "lane") (param i32) (result i32)
    (i8x16.extract_lane_u 1 (v128.load8_lane $b 1 (local.get 0) (v128.const i64x2 0 0))))
  (func (export "vst") (param i32) (v128.store $c (local.get 0) (v128.const i32x4 1 2 3 4)))
)"""

# (export, args) in order: each sees the effects of the ones before
CALLS = [("size", ()), ("ld", (8,)), ("st", (0, 0x01020304)), ("ld", (5,)), ("ld0", (0,)),
         ("grow", (1,)), ("size", ()), ("grow", (5,)), ("copy", ()), ("ld0", (0,)),
         ("fill", ()), ("ld", (101,)), ("init", ()), ("ldc", (21,)), ("ld16", (19,)),
         ("lane", (100,)), ("vst", (32,)), ("ldc", (36,)),
         ("ld", (3 * 65536,)), ("ldc", (65536,)), ("ld16", (65534,)), ("vst", (65530,))]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_memory_instruction_on_other_memories_as_wasmtime(strategy):
    got = as_wasmtime(WAT, CALLS, strategy)
    # the memories are separate, and exported memories show it
    assert got[1] == 42 and got[0] == 3 and got[6] == 4


def test_each_memory_is_exported_with_its_own_size():
    engine = rt.Engine()
    store = rt.Store(engine)
    m = rt.Module(engine, """(module (memory (export "a") 1) (memory (export "b") 3 5)
        (func (export "put") (i32.store8 1 (i32.const 70000) (i32.const 9))))""")
    inst = rt.Instance(store, m, [])
    ex = inst.exports(store)
    ex["put"](store)
    assert ex["a"].size(store) == 1 and ex["b"].size(store) == 3
    assert ex["b"].read(store, 70000, 70001) == b"\x09"
    assert ex["a"].read(store, 0, 4) == bytes(4)
    assert ex["b"].type(store).limits.max == 5


def test_a_memory_index_in_the_binary_format():
    wasm = rt.wat2wasm(WAT)
    # the memarg of `i32.load8_u $b` sets flag bit 6 and carries index 1
    assert bytes([0x2D, 0x40, 0x01, 0x00]) in wasm
    module = decode_module(bytes(wasm))
    assert len(module.mems) == 3
    # Wasm 2.0's rule (what the 2.0 suite asserts): the byte must be zero
    grow1 = bytes.fromhex("0061736d01000000010401600000030201000503010000"
                          "0a09010700410040011a0b")
    with pytest.raises(MalformedError, match="zero byte expected"):
        decode_module(grow1, frozenset({"multi_memory"}))
    with pytest.raises(rt.WasmtimeError, match="unknown memory 1"):
        rt.Module(rt.Engine(), grow1)


def test_turning_multi_memory_off_rejects_a_second_memory():
    config = rt.Config()
    config.wasm_multi_memory = False
    engine = rt.Engine(config)
    rt.Module(engine, "(module (memory 1))")
    with pytest.raises(rt.WasmtimeError, match="multiple memories"):
        rt.Module(engine, "(module (memory 1) (memory 1))")
    rt.Module(rt.Engine(), "(module (memory 1) (memory 1))")      # on by default


def test_lane_or_memory_index_in_text():
    # a lone integer after a lane op is the lane; two: memory, then lane
    one = rt.wat2wasm("(module (memory 1) (memory 1) (func (result v128)"
                      " (v128.load8_lane 1 (i32.const 0) (v128.const i64x2 0 0))))")
    two = rt.wat2wasm("(module (memory 1) (memory 1) (func (result v128)"
                      " (v128.load8_lane 1 1 (i32.const 0) (v128.const i64x2 0 0))))")
    assert one != two
    b1 = decode_module(bytes(one)).funcs[0].body
    b2 = decode_module(bytes(two)).funcs[0].body
    lane1 = [i for i in b1 if i.op.name == "v128.load8_lane"][0].imm
    lane2 = [i for i in b2 if i.op.name == "v128.load8_lane"][0].imm
    assert (lane1[2], lane1[3]) == (0, 1)
    assert (lane2[2], lane2[3]) == (1, 1)


# instantiation's fuel with several memories (Wasmtime maps an image only
# when every memory it initialises is the module's own and gets bytes)
FUEL_MODULES = [
    '(module (memory 0) (memory 1) (data (memory 1) (i32.const 0) "ab"))',
    '(module (memory 1) (memory 1) (data (memory 0) (i32.const 0) "ab"))',
    '(module (memory 1) (memory 1) (data (memory 0) (i32.const 0) "ab")'
    ' (data (memory 1) (i32.const 0) "ab"))',
    '(module (memory 1) (memory 1) (data (memory 1) (i32.const 0) ""))',
    '(module (memory 1) (memory 1) (data (memory 1) (i32.const 0) "a")'
    ' (data (memory 0) (i32.const 0) "\\00"))',
    '(module (import "" "m" (memory 0)) (memory 10) (data (memory 1) (i32.const 185502) "abcdefgh"))',
    '(module (import "" "m" (memory 0)) (memory 10) (data (memory 1) (i32.const 4095) "ab"))',
    '(module (import "" "m" (memory 0)) (memory 10) (data (memory 1) (i32.const 0) "ab")'
    ' (data (memory 1) (i32.const 8192) "ab"))',
    '(module (import "" "m" (memory 1)) (memory 10) (data (memory 0) (i32.const 0) "ab"))',
]


def _fuel_spent(api, wat: str) -> int:
    config = api.Config()
    config.consume_fuel = True
    engine = api.Engine(config)
    store = api.Store(engine)
    store.set_fuel(1_000_000)
    module = api.Module(engine, wat)
    imports = [api.Memory(store, imp.type) for imp in module.imports]
    api.Instance(store, module, imports)
    return 1_000_000 - store.get_fuel()


@pytest.mark.parametrize("wat", FUEL_MODULES)
def test_instantiation_fuel_with_several_memories_as_wasmtime(wat):
    assert _fuel_spent(rt, wat) == _fuel_spent(wasmtime, wat)
