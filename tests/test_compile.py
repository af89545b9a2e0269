"""The compiler on its own: modules compiled and run through the stand-in
runtime of test_compile_support (raw-bit values, entry trampolines)."""
from __future__ import annotations

import ctypes
import gc

import pytest

from test_compile_support import Instance, f32_bits, f64_bits

from wasmlite.binary.decode import decode_module
from wasmlite.compile import (SignatureRegistry, compile_host_trampoline,
                              compile_module, module_ir)
from wasmlite.compile import vmcontext as vm
from wasmlite.errors import Trap, TrapCode
from wasmlite.syntax.instructions import OP_BY_NAME
from wasmlite.syntax.module import Export, Func, Instr, Module
from wasmlite.syntax.types import F32, F64, I32, I64, ExternKind, FuncType

import wasmtime

M32 = 0xFFFFFFFF


def trap_code(fn, *args) -> TrapCode:
    with pytest.raises(Trap) as ei:
        fn(*args)
    return ei.value.trap_code


# ---------------------------------------------------------------- control flow
CONTROL = """(module
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "sum") (param i32) (result i32) (local i32)
    (block (loop (br_if 1 (i32.eqz (local.get 0)))
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br 0)))
    (local.get 1))
  (func (export "swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
  (func (export "multi_block") (param i32) (result i32)
    (block (param i32) (result i32 i32) (local.get 0) (i32.const 10)) (i32.sub))
  (func (export "loop_params") (param i32) (result i32)
    ;; counts down with the counter carried as a loop parameter
    (local.get 0)
    (loop (param i32) (result i32)
      (i32.sub (i32.const 1))
      (br_if 0 (i32.gt_s (local.tee 0) (i32.const 0)) (local.get 0))
    ))
  (func (export "table") (param i32) (result i32)
    (block (result i32) (block (result i32) (block (result i32)
      (br_table 0 1 2 (i32.const 100) (local.get 0)))
      (i32.add (i32.const 1))) (i32.add (i32.const 2))))
  (func (export "early") (param i32) (result i32)
    (if (local.get 0) (then (return (i32.const 7))))
    (i32.const 9))
  (func (export "sel") (param i32 f64 f64) (result f64)
    (select (local.get 1) (local.get 2) (local.get 0)))
  (func (export "dead") (result i32)
    (block (result i32) (br 0 (i32.const 3)) (i32.const 4) (drop) (unreachable)))
  (func (export "unreach") (unreachable))
  (func $runaway (export "runaway") (call $runaway))
  (func $even (export "even") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
      (else (call $odd (i32.sub (local.get 0) (i32.const 1))))))
  (func $odd (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (call $even (i32.sub (local.get 0) (i32.const 1))))))
)"""


@pytest.fixture(scope="module", params=[0, 1, 2])
def control(request):
    return Instance(CONTROL, opt_level=request.param)


def test_recursion_and_loops(control):
    assert control.fac(20) == 2432902008176640000
    assert control.sum(100) == 5050
    assert control.even(1001) == 0
    assert control.even(1000) == 1


def test_multi_value(control):
    assert control.swap(5, 2**63) == (2**63, 5)
    assert control.multi_block(25) == 15
    assert control.loop_params(10) == 0


def test_br_table_and_return(control):
    assert [control.table(i) for i in (0, 1, 2, 3, 2**32 - 1)] == [103, 102, 100, 100, 100]
    assert control.early(1) == 7
    assert control.early(0) == 9


def test_select_and_dead_code(control):
    assert control.sel(1, f64_bits(1.5), f64_bits(2.5)) == f64_bits(1.5)
    assert control.sel(0, f64_bits(1.5), f64_bits(2.5)) == f64_bits(2.5)
    assert control.dead() == 3


def test_traps(control):
    assert trap_code(control.unreach) == TrapCode.UNREACHABLE
    assert trap_code(control.runaway) == TrapCode.STACK_OVERFLOW
    # the entry trampoline restored the stack limit and jmp_buf chain
    assert control.limits[vm.LIMITS_STACK_LIMIT // 8] == 0
    assert control.limits[vm.LIMITS_JMPBUF // 8] == 0
    assert control.fac(5) == 120


def test_deep_nesting_compiles():
    depth = 3000
    wat = ("(module (func (export \"f\") (result i32) " + "(block (result i32) " * depth
           + "(i32.const 42)" + ")" * depth + "))")
    assert Instance(wat, opt_level=0).f() == 42


# ---------------------------------------------------------------- memory
MEMORY = """(module
  (memory 1 4)
  (data (i32.const 8) "\\01\\02\\03\\04\\05\\06\\07\\08")
  (data $p "hello")
  (func (export "ld8s") (param i32) (result i32) (i32.load8_s (local.get 0)))
  (func (export "ld16u") (param i32) (result i32) (i32.load16_u offset=1 (local.get 0)))
  (func (export "ld64") (param i32) (result i64) (i64.load offset=8 (local.get 0)))
  (func (export "ld32s64") (param i32) (result i64) (i64.load32_s (local.get 0)))
  (func (export "ldf32") (param i32) (result f32) (f32.load (local.get 0)))
  (func (export "st") (param i32 i64) (i64.store32 offset=4 (local.get 0) (local.get 1)))
  (func (export "stf64") (param i32 f64) (f64.store (local.get 0) (local.get 1)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (memory.init $p (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (data.drop $p))
)"""


def test_loads_and_stores():
    m = Instance(MEMORY)
    assert m.ld64(0) == 0x0807060504030201
    assert m.ld16u(8) == 0x0302
    m.st(16, 0x1_8000_00FF)
    assert m.ld32s64(20) == (-0x7FFFFF01) & (2**64 - 1)
    assert m.ld8s(20) == M32         # 0xFF sign-extended
    # an f32 NaN payload survives a load bit-exactly
    m.st(28, 0x7FA00001)
    assert m.ldf32(32) == 0x7FA00001
    m.stf64(40, f64_bits(-0.0))
    assert m.ld64(32) == f64_bits(-0.0)


def test_bounds_use_current_length():
    m = Instance(MEMORY)
    assert m.ld16u(65533) == 0
    for addr in (65534, 65535, M32):
        assert trap_code(m.ld16u, addr) == TrapCode.MEMORY_OUT_OF_BOUNDS
    assert trap_code(m.ld64, 65536 - 15) == TrapCode.MEMORY_OUT_OF_BOUNDS
    assert m.size() == 1
    assert m.grow(1) == 1
    assert m.size() == 2
    assert m.ld16u(65534) == 0
    assert m.grow(10) == M32         # beyond max 4: -1
    assert m.grow(0) == 2


def test_bulk_memory():
    m = Instance(MEMORY)
    m.fill(100, 0xAB, 4)
    assert m.memory()[100:105] == b"\xab\xab\xab\xab\x00"
    m.copy(101, 100, 4)                   # overlapping: memmove
    assert m.memory()[100:106] == b"\xab" * 5 + b"\x00"
    m.init(200, 1, 4)
    assert m.memory()[200:204] == b"ello"
    m.fill(65536, 0, 0)                   # zero length at the end is fine
    assert trap_code(m.fill, 65537, 0, 0) == TrapCode.MEMORY_OUT_OF_BOUNDS
    assert trap_code(m.copy, 0, 65530, 7) == TrapCode.MEMORY_OUT_OF_BOUNDS
    assert trap_code(m.init, 0, 2, 4) == TrapCode.MEMORY_OUT_OF_BOUNDS
    m.drop()
    m.init(0, 0, 0)
    assert trap_code(m.init, 0, 0, 1) == TrapCode.MEMORY_OUT_OF_BOUNDS
    # nothing was written by the trapping fill
    assert m.memory()[65530:] == bytes(6)


# ---------------------------------------------------------------- tables and calls
TABLES = """(module
  (type $ii (func (param i32) (result i32)))
  (table $t 4 10 funcref)
  (table $x 2 externref)
  (elem (table $t) (i32.const 0) func $inc $dbl)
  (elem $pe funcref (ref.func $inc) (ref.null func) (ref.func $three))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (func $three (result i32) (i32.const 3))
  (func (export "call") (param i32 i32) (result i32)
    (call_indirect $t (type $ii) (local.get 1) (local.get 0)))
  (func (export "size") (result i32) (table.size $t))
  (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
  (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $t (local.get 0))))
  (func (export "set_inc") (param i32) (table.set $t (local.get 0) (ref.func $inc)))
  (func (export "fill") (param i32 i32) (table.fill $t (local.get 0) (ref.func $dbl) (local.get 1)))
  (func (export "copy") (param i32 i32 i32) (table.copy $t $t (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init") (param i32 i32 i32) (table.init $t $pe (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop") (elem.drop $pe))
  (func (export "xset") (param i32 externref) (table.set $x (local.get 0) (local.get 1)))
  (func (export "xget") (param i32) (result externref) (table.get $x (local.get 0)))
  (global $g (mut i64) (i64.const -5))
  (global $h f32 (f32.const nan:0x200000))
  (func (export "gadd") (param i64) (result i64)
    (global.set $g (i64.add (global.get $g) (local.get 0))) (global.get $g))
  (func (export "h") (result f32) (global.get $h))
)"""


def test_call_indirect():
    t = Instance(TABLES)
    assert t.call(0, 41) == 42
    assert t.call(1, 21) == 42
    assert trap_code(t.call, 2, 0) == TrapCode.INDIRECT_CALL_TO_NULL
    assert trap_code(t.call, 4, 0) == TrapCode.TABLE_OUT_OF_BOUNDS
    assert trap_code(t.call, M32, 0) == TrapCode.TABLE_OUT_OF_BOUNDS
    t.init(2, 2, 1)                            # $three: wrong signature
    assert trap_code(t.call, 2, 0) == TrapCode.BAD_SIGNATURE


def test_table_ops():
    t = Instance(TABLES)
    assert t.size() == 4
    assert t.grow(3) == 4 and t.size() == 7
    assert t.grow(100) == M32
    assert t.is_null(5) == 1 and t.is_null(0) == 0
    t.set_inc(5)
    assert t.call(5, 1) == 2
    t.fill(2, 3)
    assert [t.call(i, 5) for i in (2, 3, 4)] == [10, 10, 10]
    assert trap_code(t.fill, 6, 2) == TrapCode.TABLE_OUT_OF_BOUNDS
    t.copy(0, 4, 2)                              # 4,5 -> 0,1: dbl, inc
    assert t.call(0, 5) == 10 and t.call(1, 5) == 6
    t.init(0, 0, 2)
    assert t.call(0, 5) == 6 and t.is_null(1) == 1
    t.drop()
    assert trap_code(t.init, 0, 0, 1) == TrapCode.TABLE_OUT_OF_BOUNDS
    assert trap_code(t.is_null, 7) == TrapCode.TABLE_OUT_OF_BOUNDS
    t.xset(1, 0xDEADBEEF12345)
    assert t.xget(1) == 0xDEADBEEF12345 and t.xget(0) == 0


def test_globals():
    t = Instance(TABLES)
    assert t.gadd(2) == (-3) & (2**64 - 1)
    assert t.gadd(3) == 0
    assert t.h() == 0x7FA00000                # signalling NaN constant kept exactly


# ---------------------------------------------------------------- trampolines
def _three_signature_module(n: int) -> Module:
    sigs = [FuncType((I32,), (I32,)), FuncType((F64, I64), (F64,)), FuncType((), ())]
    get = OP_BY_NAME["local.get"]
    end = OP_BY_NAME["end"]
    funcs = []
    for i in range(n):
        t = i % 3
        body = [Instr(get, 0)] if t in (0, 1) else []
        funcs.append(Func(t, [], body + [Instr(end)]))
    exports = [Export(f"f{i}", ExternKind.FUNC, i) for i in range(n)]
    return Module(types=sigs, funcs=funcs, exports=exports)


def test_one_entry_trampoline_per_signature():
    m = _three_signature_module(200)
    text, sigs = module_ir(m)
    assert text.count("define i32 @entry") == 3
    cm = compile_module(m, None, SignatureRegistry(), opt_level=0)
    assert len(cm.entry_trampolines) == 3
    assert len(set(cm.function_ptrs)) == 200
    # duplicate structural types share one trampoline too
    m.types.append(FuncType((I32,), (I32,)))
    assert len(module_ir(m)[1]) == 3


def test_signature_registry_is_shared():
    reg = SignatureRegistry()
    a = Instance("(module (func (export \"f\") (param i32) (result i32) (local.get 0)))",
                 signatures=reg)
    b = Instance("(module (type (func (param f32))) (type (func (param i32) (result i32)))"
                 " (func (export \"g\") (type 1) (local.get 0)))", signatures=reg)
    assert a.compiled.sig_indices[0] == b.compiled.sig_indices[1]
    assert b.compiled.sig_indices[0] != b.compiled.sig_indices[1]


HOST_CB = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint64))


def test_host_trampoline_calls_back_and_traps():
    ft = FuncType((I32, F64, I64), (I64, F32))
    tramp = compile_host_trampoline(ft, opt_level=1)
    seen = []

    def cb(ctx, values):
        seen.append((values[0] & M32, values[1], values[2]))
        if values[0] & M32 == 99:
            return vm.HOST_EXCEPTION + 1
        values[0] = values[2] + 1
        values[1] = 0x7FA00000
        return 0

    callback = HOST_CB(cb)
    limits = (ctypes.c_uint64 * (vm.VMRUNTIME_LIMITS_SIZE // 8))()
    hostctx = (ctypes.c_uint64 * 4)(ctypes.addressof(limits),
                                     ctypes.cast(callback, ctypes.c_void_p).value)
    entry = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p,
                             ctypes.c_void_p, ctypes.c_void_p)(tramp.entry_address)
    values = (ctypes.c_uint64 * 3)(7, f64_bits(2.5), 2**64 - 2)
    assert entry(ctypes.addressof(hostctx), None, tramp.address, ctypes.addressof(values)) == 0
    assert seen == [(7, f64_bits(2.5), 2**64 - 2)]
    assert values[0] == 2**64 - 1 and values[1] & M32 == 0x7FA00000
    values[0] = 99
    status = entry(ctypes.addressof(hostctx), None, tramp.address, ctypes.addressof(values))
    assert status == vm.HOST_EXCEPTION + 1
    assert limits[vm.LIMITS_JMPBUF // 8] == 0


def test_simd_compiles():
    # SIMD is lowered since issue 4 (tests/test_simd.py covers it)
    wat = ('(module (func (export "f") (result i32)'
           ' (i32x4.extract_lane 1 (v128.const i32x4 1 2 3 4))))')
    assert Instance(wat).f() == 2


def test_code_is_freed_with_module():
    import weakref
    cm = compile_module(_three_signature_module(3), opt_level=0)
    ref = weakref.ref(cm.library)
    del cm
    gc.collect()
    assert ref() is None
