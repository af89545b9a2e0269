"""A minimal stand-in runtime for testing the compiler on its own.

It fills a VMContext exactly as compile/vmcontext.py specifies (memories,
tables, globals, function refs, signature indices, segments, builtins) with
ctypes, and calls exported functions through the module's entry trampolines
with raw-bit values. No imports; a module is given as WAT text.
"""
from __future__ import annotations

import ctypes
import struct

import wasmtime

from wasmlite.binary.decode import decode_module
from wasmlite.compile import SignatureRegistry, compile_module
from wasmlite.compile import vmcontext as vm
from wasmlite.errors import Trap, TrapCode, TRAP_MESSAGES
from wasmlite.syntax.types import ExternKind, V128

ENTRY = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p,
                         ctypes.c_void_p, ctypes.c_void_p)
MEMORY_GROW = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_int32, ctypes.c_int64)
TABLE_GROW = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_void_p, ctypes.c_int32,
                              ctypes.c_int64, ctypes.c_int64)
MAX_TEST_PAGES = 64          # memory capacity reserved per memory (4 MiB)
MAX_TEST_TABLE = 4096


def f32_bits(x: float) -> int:
    return struct.unpack("<I", struct.pack("<f", x))[0]


def f64_bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


class Instance:
    def __init__(self, wat: str, opt_level: int = 2, signatures=None, max_stack: int = 0) -> None:
        self.module = decode_module(wasmtime.wat2wasm(wat))
        assert not self.module.imports, "the harness does not link imports"
        self.signatures = signatures if signatures is not None else SignatureRegistry()
        self.compiled = compile_module(self.module, None, self.signatures, opt_level)
        m, lay = self.module, self.compiled.layout
        self.keep = []
        self.limits = (ctypes.c_uint64 * (vm.VMRUNTIME_LIMITS_SIZE // 8))()
        self.limits[vm.LIMITS_MAX_WASM_STACK // 8] = max_stack
        self.interrupt = (ctypes.c_int32 * 2)()            # Ctrl-C {flag, active}
        self.limits[vm.LIMITS_INTERRUPT_PTR // 8] = ctypes.addressof(self.interrupt)
        self.vmctx = (ctypes.c_uint64 * (lay.size // 8 + 1))()
        w = self.vmctx
        w[0] = ctypes.addressof(self.limits)
        # builtins
        self._grow_cb = MEMORY_GROW(self._memory_grow)
        self._tgrow_cb = TABLE_GROW(self._table_grow)
        self.builtins = (ctypes.c_void_p * 2)(
            ctypes.cast(self._grow_cb, ctypes.c_void_p).value,
            ctypes.cast(self._tgrow_cb, ctypes.c_void_p).value)
        w[1] = ctypes.addressof(self.builtins)
        # memories
        self.mems = []
        for i, mt in enumerate(m.mems):
            buf = (ctypes.c_uint8 * (MAX_TEST_PAGES * 65536))()
            rec = (ctypes.c_uint64 * 2)(ctypes.addressof(buf), mt.limits.min * 65536)
            self.mems.append((buf, rec, mt.limits.max))
            w[lay.memory(i) // 8] = ctypes.addressof(rec)
        # tables
        self.tables = []
        for i, tt in enumerate(m.tables):
            elems = (ctypes.c_uint64 * MAX_TEST_TABLE)()
            rec = (ctypes.c_uint64 * 2)(ctypes.addressof(elems), tt.limits.min)
            self.tables.append((elems, rec, tt.limits.max))
            w[lay.table(i) // 8] = ctypes.addressof(rec)
        # signature indices (u32 each)
        for t, idx in enumerate(self.compiled.sig_indices):
            ctypes.c_uint32.from_address(ctypes.addressof(w) + lay.sig(t)).value = idx
        # functions
        ftypes = m.func_type_indices()
        for f in range(len(m.funcs)):
            off = lay.func(f) // 8
            w[off] = self.compiled.function_ptrs[f]
            w[off + 1] = ctypes.addressof(w)
            w[off + 2] = self.compiled.sig_indices[ftypes[f]]
        # globals
        self.cells = []
        for i, g in enumerate(m.globals):
            cell = (ctypes.c_uint64 * 2)()
            cell[0] = self._const(g.init) & (2**64 - 1)
            self.cells.append(cell)
            w[lay.global_(i) // 8] = ctypes.addressof(cell)
        # data segments
        for i, d in enumerate(m.datas):
            buf = ctypes.create_string_buffer(d.init, max(len(d.init), 1))
            self.keep.append(buf)
            w[lay.data(i) // 8] = ctypes.addressof(buf)
            w[lay.data(i) // 8 + 1] = len(d.init)
            if d.mode == "active":
                off = self._const(d.offset) & 0xFFFFFFFF
                mem_buf, rec, _ = self.mems[d.memory]
                assert off + len(d.init) <= rec[1], "data segment out of bounds"
                ctypes.memmove(ctypes.addressof(mem_buf) + off, d.init, len(d.init))
                w[lay.data(i) // 8 + 1] = 0
        # element segments
        for i, e in enumerate(m.elems):
            arr = (ctypes.c_uint64 * max(len(e.init), 1))(*[self._const(x) for x in e.init])
            self.keep.append(arr)
            w[lay.elem(i) // 8] = ctypes.addressof(arr)
            w[lay.elem(i) // 8 + 1] = len(e.init)
            if e.mode == "active":
                off = self._const(e.offset) & 0xFFFFFFFF
                elems, rec, _ = self.tables[e.table]
                assert off + len(e.init) <= rec[1], "elem segment out of bounds"
                for k in range(len(e.init)):
                    elems[off + k] = arr[k]
            if e.mode != "passive":
                w[lay.elem(i) // 8 + 1] = 0
        self.exports = {e.name: e for e in m.exports}
        if m.start is not None:
            self.call_index(m.start)

    def _const(self, expr) -> int:
        ins = expr[0]
        name = ins.op.name
        if name in ("i32.const", "f32.const"):
            return ins.imm & 0xFFFFFFFF
        if name in ("i64.const", "f64.const"):
            return ins.imm & (2**64 - 1)
        if name == "ref.null":
            return 0
        if name == "ref.func":
            return ctypes.addressof(self.vmctx) + self.compiled.layout.func(ins.imm)
        if name == "global.get":
            return self.cells[ins.imm][0]
        raise NotImplementedError(name)

    def _memory_grow(self, vmctx, idx, delta):
        _, rec, mx = self.mems[idx]
        old = rec[1] // 65536
        limit = min(MAX_TEST_PAGES, mx if mx is not None else 65536)
        if old + delta > limit:
            return -1
        rec[1] = (old + delta) * 65536
        return old

    def _table_grow(self, vmctx, idx, delta, init):
        elems, rec, mx = self.tables[idx]
        old = rec[1]
        limit = min(MAX_TEST_TABLE, mx if mx is not None else 2**32 - 1)
        if old + delta > limit:
            return -1
        for k in range(old, old + delta):
            elems[k] = init & (2**64 - 1)
        rec[1] = old + delta
        return old

    def memory(self, idx: int = 0) -> bytes:
        buf, rec, _ = self.mems[idx]
        return ctypes.string_at(ctypes.addressof(buf), rec[1])

    def call_index(self, f: int, *args: int):
        m = self.module
        ft = m.types[m.func_type_indices()[f]]
        nslots = vm.values_array_slots(ft)
        values = (ctypes.c_uint64 * nslots)()
        s = 0
        for t, a in zip(ft.params, args):
            if t is V128:
                values[s], values[s + 1] = a & (2**64 - 1), a >> 64
                s += 2
            else:
                values[s] = a & (2**64 - 1)
                s += 1
        entry = ENTRY(self.compiled.entry_trampoline_for(ft))
        status = entry(ctypes.addressof(self.vmctx), None, self.compiled.function_ptrs[f],
                       ctypes.addressof(values))
        if status:
            code = TrapCode(status - 1)
            raise Trap(TRAP_MESSAGES[code], code)
        out = []
        s = 0
        for t in ft.results:
            mask = (1 << (8 * t.size)) - 1 if t.size < 8 else 2**64 - 1
            out.append(values[s] & mask)
            s += 1
        return out[0] if len(out) == 1 else (tuple(out) or None)

    def __getattr__(self, name: str):
        exp = self.__dict__.get("exports", {}).get(name)
        if exp is None or exp.kind != ExternKind.FUNC:
            raise AttributeError(name)
        return lambda *args: self.call_index(exp.index, *args)

    def invoke(self, name: str, *args: int):
        return self.call_index(self.exports[name].index, *args)
