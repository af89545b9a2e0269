"""Memory, table and bulk-memory instructions (a mixin of FunctionTranslator).

Bounds are checked against the CURRENT length (loaded at every access,
since memory.grow / table.grow may change it): the effective address is
``zext(i32 addr) + offset`` computed in i64, and ``addr + offset + size`` must
not exceed the length. Bulk operations check their whole range first, so a
zero-length operation past the end traps too, as the spec requires.

Alias information (TBAA, the ``!tbaa`` tags below) tells LLVM that an access
to linear memory never touches a VMMemory record (base, length) or a global's
cell, which live outside every linear memory. So the length load is CSE'd
across stores and hoisted out of loops that do not call; a call (memory.grow
is a call to a builtin, and any callee may grow a shared memory) carries no
tag and still invalidates it. The base never moves (memories are reserved up
front, runtime/memory.py), so it is loaded once per function, in the entry
block.
"""
from __future__ import annotations

from ..errors import TrapCode
from ..syntax.instructions import OP_BY_NAME
from . import vmcontext as vm

_MEM_OOB = int(TrapCode.MEMORY_OUT_OF_BOUNDS)
_TABLE_OOB = int(TrapCode.TABLE_OUT_OF_BOUNDS)

# name -> (access type, bytes, extension to the value type, value type)
LOADS = {
    "i32.load": ("i32", 4, None, "i32"), "i64.load": ("i64", 8, None, "i64"),
    "f32.load": ("float", 4, None, "float"), "f64.load": ("double", 8, None, "double"),
    "i32.load8_s": ("i8", 1, "sext", "i32"), "i32.load8_u": ("i8", 1, "zext", "i32"),
    "i32.load16_s": ("i16", 2, "sext", "i32"), "i32.load16_u": ("i16", 2, "zext", "i32"),
    "i64.load8_s": ("i8", 1, "sext", "i64"), "i64.load8_u": ("i8", 1, "zext", "i64"),
    "i64.load16_s": ("i16", 2, "sext", "i64"), "i64.load16_u": ("i16", 2, "zext", "i64"),
    "i64.load32_s": ("i32", 4, "sext", "i64"), "i64.load32_u": ("i32", 4, "zext", "i64"),
}
# name -> (access type, bytes, value type)
STORES = {
    "i32.store": ("i32", 4, "i32"), "i64.store": ("i64", 8, "i64"),
    "f32.store": ("float", 4, "float"), "f64.store": ("double", 8, "double"),
    "i32.store8": ("i8", 1, "i32"), "i32.store16": ("i16", 2, "i32"),
    "i64.store8": ("i8", 1, "i64"), "i64.store16": ("i16", 2, "i64"),
    "i64.store32": ("i32", 4, "i64"),
}
_LOAD_BY_OP = {OP_BY_NAME[k]: v for k, v in LOADS.items()}
_STORE_BY_OP = {OP_BY_NAME[k]: v for k, v in STORES.items()}


# TBAA access tags (the nodes are defined in RUNTIME_HELPERS): one type for
# every linear-memory access whatever its LLVM type (wasm memory is untyped),
# one for the VMMemory records, one for global cells, one for GC objects. Siblings under one root
# never alias; untagged accesses (calls, memmove, locals...) alias everything.
TBAA_MEM = ", !tbaa !3"
TBAA_VMMEM = ", !tbaa !5"
TBAA_GLOBAL = ", !tbaa !7"
TBAA_GC = ", !tbaa !11"        # Wasm GC objects (compile/gc_objects.py)
TBAA_METADATA = """!1 = !{!"wasmlite tbaa"}
!2 = !{!"wasm linear memory", !1, i64 0}
!3 = !{!2, !2, i64 0}
!4 = !{!"VMMemory", !1, i64 0}
!5 = !{!4, !4, i64 0}
!6 = !{!"wasm global", !1, i64 0}
!7 = !{!6, !6, i64 0}
!8 = !{i64 16}
!9 = !{i64 8}
!10 = !{!"wasm gc heap", !1, i64 0}
!11 = !{!10, !10, i64 0}
"""


class SymbolicMemory:
    """A memory the interpreter's handler learns at run time (multi-memory):
    ``offset`` is the SSA name of the immediate holding its VMMemory*'s
    offset in the VMContext, ``index`` that of its index (memory.grow's
    builtin takes it), ``is64`` its index type. Compiled code names its
    memories by number instead."""

    __slots__ = ("offset", "index", "is64")

    def __init__(self, offset: str, index: str = "", is64: bool = False) -> None:
        self.offset, self.index, self.is64 = offset, index, is64


class SymbolicTable(int):
    """A table of an interpreter handler (table64): the int says which
    immediate holds its VMTable*'s offset (``%imm.tab0`` / ``%imm.tab1``,
    interp/handlers.py), ``is64`` its index type."""

    def __new__(cls, slot: int, is64: bool) -> "SymbolicTable":
        t = int.__new__(cls, slot)
        t.is64 = is64
        return t


class SymbolicIndex(str):
    """table.grow's table index in an interpreter handler (an SSA name),
    with the table's index type."""

    def __new__(cls, ssa: str, is64: bool) -> "SymbolicIndex":
        t = str.__new__(cls, ssa)
        t.is64 = is64
        return t


def _mem_name(idx) -> str:
    """The SSA stem of a memory's hoisted pointers."""
    return f"mem{idx}" if isinstance(idx, int) else f"mem{idx.offset[1:].replace('.', '_')}"


class MemoryOps:
    """Methods named ``op_*`` are registered by ``handlers()``."""

    # ------------------------------------------------------------ pointers
    def mem_ptrs(self, idx) -> tuple[str, str]:
        """(VMMemory*, pointer to its length field), loaded once per function.
        ``idx``: a memory index, or a SymbolicMemory (interpreter handlers)."""
        name = _mem_name(idx)
        where = idx.offset if isinstance(idx, SymbolicMemory) else self.ctx.layout.memory(idx)

        def record():
            # the VMMemory record is always there: dereferenceable lets LLVM
            # hoist length loads out of loops whose header may exit (checks)
            self.entry.append(f"%{name}.a = getelementptr i8, ptr %vmctx, i64 {where}")
            self.entry.append(f"%{name} = load ptr, ptr %{name}.a, !dereferenceable !8, !align !9")
            return f"%{name}"
        m = self.hoisted(name, record)

        def make():
            self.entry.append(f"%{name}.lenp = getelementptr i8, ptr {m}, i64 {vm.VMMEMORY_LENGTH}")
            return f"%{name}.lenp"
        return m, self.hoisted(name + ".lenp", make)

    def mem_base(self, idx) -> str:
        """The base of memory ``idx``: it never moves, so one load per function."""
        m, _ = self.mem_ptrs(idx)
        name = _mem_name(idx)

        def make():
            self.entry.append(f"%{name}.base = load ptr, ptr {m}{TBAA_VMMEM}")
            return f"%{name}.base"
        return self.hoisted(f"{name}.base", make)

    def table_ptrs(self, idx: int) -> tuple[str, str]:
        """(VMTable*, pointer to its length field), loaded once per function."""
        name = f"tab{idx}"
        t = self.vmctx_field(name, self.ctx.layout.table(idx))

        def make():
            self.entry.append(f"%{name}.lenp = getelementptr i8, ptr {t}, i64 {vm.VMTABLE_LENGTH}")
            return f"%{name}.lenp"
        return t, self.hoisted(name + ".lenp", make)

    def builtin(self, index: int) -> str:
        b = self.vmctx_field("builtins", self.ctx.layout.builtins)
        return self.hoisted(f"builtin{index}", lambda: self._load_builtin(b, index))

    def _load_builtin(self, b: str, index: int) -> str:
        self.entry.append(f"%builtin{index}.a = getelementptr i8, ptr {b}, i64 {vm.builtin_offset(index)}")
        self.entry.append(f"%builtin{index} = load ptr, ptr %builtin{index}.a")
        return f"%builtin{index}"

    def mem_is64(self, idx) -> bool:
        """Whether memory ``idx`` has a 64-bit index type (memory64)."""
        if isinstance(idx, SymbolicMemory):
            return idx.is64
        mems = self.cache.get("mem64")
        if mems is None:
            module = getattr(self.ctx, "module", None)
            mems = self.cache["mem64"] = [m.is64 for m in module.all_mems()] if module else []
        return idx < len(mems) and mems[idx]

    def mem_page_log2(self, idx) -> "int | None":
        """log2 of memory ``idx``'s page size (custom-page-sizes: 16 or 0),
        or None when only the running code can know it (an interpreter
        handler, which serves every memory: it reads the VMMemory's)."""
        if isinstance(idx, SymbolicMemory):
            return None
        module = getattr(self.ctx, "module", None)
        if module is None:
            return None
        mems = self.cache.get("mem.log2")
        if mems is None:
            mems = self.cache["mem.log2"] = [m.page_size_log2 for m in module.all_mems()]
        return mems[idx] if idx < len(mems) else 16

    def table_is64(self, idx) -> bool:
        """Whether table ``idx`` has a 64-bit index type (table64)."""
        flag = getattr(idx, "is64", None)
        if flag is not None:
            return flag
        if not isinstance(idx, int):        # an interpreter handler's plain form
            return False
        tabs = self.cache.get("table64")
        if tabs is None:
            module = getattr(self.ctx, "module", None)
            tabs = self.cache["table64"] = ([t.is64 for t in module.all_tables()]
                                            if module else [])
        return idx < len(tabs) and tabs[idx]

    def _as_i64(self, name: str, v: str, is64: bool) -> str:
        """An address or length operand as i64 (a 32-bit one zero-extended)."""
        if is64:
            return v
        self.out.append(f"%{name} = zext i32 {v} to i64")
        return f"%{name}"

    def check_range(self, r: str, start64: str, count64: str, lenp: str, trap: int,
                    scale: int = 1, wide: bool = False) -> None:
        """Trap unless start + count <= *lenp (all i64). ``wide``: the
        operands are full u64s (memory64), so the sum may wrap, which traps
        too; else both are zero-extended u32s and cannot."""
        out = self.out
        tag = TBAA_VMMEM if trap == _MEM_OOB and lenp.startswith("%mem") else ""
        out.append(f"%{r}.len = load i64, ptr {lenp}{tag}")
        if wide:
            out.append(f"%{r}.sum = call {{i64, i1}} @llvm.uadd.with.overflow.i64(i64 {start64}, i64 {count64})")
            out.append(f"%{r}.end = extractvalue {{i64, i1}} %{r}.sum, 0")
            out.append(f"%{r}.wrap = extractvalue {{i64, i1}} %{r}.sum, 1")
            out.append(f"%{r}.past = icmp ugt i64 %{r}.end, %{r}.len")
            out.append(f"%{r}.oob = or i1 %{r}.wrap, %{r}.past")
        else:
            out.append(f"%{r}.end = add i64 {start64}, {count64}")
            out.append(f"%{r}.oob = icmp ugt i64 %{r}.end, %{r}.len")
        out.append(f"br i1 %{r}.oob, label {self.trap_to(trap)}, label %{r}.ok")
        out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"

    # ------------------------------------------------------------ load/store
    def _address(self, r: str, addr: str, offset: int, size: int, mem: int) -> str:
        """Bounds-check an access and return the host pointer (SSA name)."""
        _, lenp = self.mem_ptrs(mem)
        base = self.mem_base(mem)
        out = self.out
        if self.mem_is64(mem):
            # memory64: a u64 address; ea + offset + size may wrap (a trap)
            if isinstance(offset, int) and offset >= 1 << 63:
                offset -= 1 << 64               # the same bits, as LLVM reads i64
            out.append(f"%{r}.a1 = call {{i64, i1}} @llvm.uadd.with.overflow.i64(i64 {addr}, i64 {offset})")
            out.append(f"%{r}.at = extractvalue {{i64, i1}} %{r}.a1, 0")
            out.append(f"%{r}.w1 = extractvalue {{i64, i1}} %{r}.a1, 1")
            out.append(f"%{r}.a2 = call {{i64, i1}} @llvm.uadd.with.overflow.i64(i64 %{r}.at, i64 {size})")
            out.append(f"%{r}.end = extractvalue {{i64, i1}} %{r}.a2, 0")
            out.append(f"%{r}.w2 = extractvalue {{i64, i1}} %{r}.a2, 1")
            out.append(f"%{r}.len = load i64, ptr {lenp}{TBAA_VMMEM}")
            out.append(f"%{r}.past = icmp ugt i64 %{r}.end, %{r}.len")
            out.append(f"%{r}.w = or i1 %{r}.w1, %{r}.w2")
            out.append(f"%{r}.oob = or i1 %{r}.w, %{r}.past")
            out.append(f"br i1 %{r}.oob, label {self.trap_to(_MEM_OOB)}, label %{r}.ok")
            out.append(f"{r}.ok:")
            self.cur = f"{r}.ok"
            out.append(f"%{r}.p = getelementptr i8, ptr {base}, i64 %{r}.at")
            return f"%{r}.p"
        out.append(f"%{r}.ea = zext i32 {addr} to i64")
        # ea + k > len, as ea > len - k: signed, exact (ea < 2^32, len <=
        # 2^32, k <= 2^32 + 16) and len - k is loop-invariant where len is
        out.append(f"%{r}.len = load i64, ptr {lenp}{TBAA_VMMEM}")
        if isinstance(offset, str):
            # an SSA name: the interpreter's handlers read the offset at run
            # time (interp/handlers.py); the same check, in two steps
            out.append(f"%{r}.lim0 = sub i64 %{r}.len, {size}")
            out.append(f"%{r}.lim = sub i64 %{r}.lim0, {offset}")
        else:
            out.append(f"%{r}.lim = sub i64 %{r}.len, {offset + size}")
        out.append(f"%{r}.oob = icmp sgt i64 %{r}.ea, %{r}.lim")
        out.append(f"br i1 %{r}.oob, label {self.trap_to(_MEM_OOB)}, label %{r}.ok")
        out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"
        out.append(f"%{r}.p0 = getelementptr i8, ptr {base}, i64 %{r}.ea")
        if offset:
            out.append(f"%{r}.p = getelementptr i8, ptr %{r}.p0, i64 {offset}")
            return f"%{r}.p"
        return f"%{r}.p0"

    def op_load(self, ins) -> None:
        at, size, ext, vt = _LOAD_BY_OP[ins.op]
        _, offset, mem = ins.imm
        addr = self.stack.pop()[0]
        r = self.tmp()
        self.fuel_before_access(offset, size, mem)
        p = self._address(r, addr, offset, size, mem)
        if ext is None:
            self.out.append(f"%{r} = load {at}, ptr {p}, align 1{TBAA_MEM}")
        else:
            self.out.append(f"%{r}.v = load {at}, ptr {p}, align 1{TBAA_MEM}")
            self.out.append(f"%{r} = {ext} {at} %{r}.v to {vt}")
        self.stack.append((f"%{r}", vt))

    def op_store(self, ins) -> None:
        at, size, vt = _STORE_BY_OP[ins.op]
        _, offset, mem = ins.imm
        v = self.stack.pop()[0]
        addr = self.stack.pop()[0]
        r = self.tmp()
        self.fuel_before_access(offset, size, mem)
        p = self._address(r, addr, offset, size, mem)
        if at != vt:
            self.out.append(f"%{r}.v = trunc {vt} {v} to {at}")
            v = f"%{r}.v"
        self.out.append(f"store {at} {v}, ptr {p}, align 1{TBAA_MEM}")

    # ------------------------------------------------------------ memory
    def op_memory_size(self, ins) -> None:
        m, lenp = self.mem_ptrs(ins.imm)
        r = self.tmp()
        self.out.append(f"%{r}.len = load i64, ptr {lenp}{TBAA_VMMEM}")
        # pages of the memory's size (custom-page-sizes: 64 KiB or 1 byte)
        shift = self.mem_page_log2(ins.imm)
        if shift is None:
            self.out.append(f"%{r}.shp = getelementptr i8, ptr {m}, i64 {vm.VMMEMORY_PAGE_LOG2}")
            self.out.append(f"%{r}.sh = load i64, ptr %{r}.shp{TBAA_VMMEM}")
            shift = f"%{r}.sh"
        if self.mem_is64(ins.imm):
            self.out.append(f"%{r} = lshr i64 %{r}.len, {shift}")
            self.stack.append((f"%{r}", "i64"))
            return
        self.out.append(f"%{r}.pg = lshr i64 %{r}.len, {shift}")
        self.out.append(f"%{r} = trunc i64 %{r}.pg to i32")
        self.stack.append((f"%{r}", "i32"))

    def op_memory_grow(self, ins) -> None:
        delta = self.stack.pop()[0]
        fn = self.builtin(vm.BUILTIN_MEMORY_GROW)
        r = self.tmp()
        out = self.out
        is64 = self.mem_is64(ins.imm)
        d = self._as_i64(f"{r}.d", delta, is64)
        mem = ins.imm.index if isinstance(ins.imm, SymbolicMemory) else ins.imm
        out.append(f"%{r}.r = call i64 {fn}(ptr %vmctx, i32 {mem}, i64 {d})")
        self._check_builtin_trap(r)
        self.fuel_per_unit(ins, d, f"%{r}.r")
        if is64:                    # the old size in pages, or -1, as i64
            self.stack.append((f"%{r}.r", "i64"))
            return
        out.append(f"%{r} = trunc i64 %{r}.r to i32")
        self.stack.append((f"%{r}", "i32"))

    def _check_builtin_trap(self, r: str) -> None:
        out = self.out
        out.append(f"%{r}.t = icmp eq i64 %{r}.r, {vm.BUILTIN_TRAP}")
        out.append(f"br i1 %{r}.t, label %{r}.raise, label %{r}.ok, !prof !0")
        out.append(f"{r}.raise:")
        out.append("call void @wasmlite_raise(ptr %vmctx)")
        out.append("unreachable")
        out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"

    def op_memory_fill(self, ins) -> None:
        st = self.stack
        n = st.pop()[0]
        val = st.pop()[0]
        d = st.pop()[0]
        m, lenp = self.mem_ptrs(ins.imm)
        r = self.tmp()
        out = self.out
        is64 = self.mem_is64(ins.imm)
        d64 = self._as_i64(f"{r}.d", d, is64)
        n64 = self._as_i64(f"{r}.n", n, is64)
        self.check_range(r, d64, n64, lenp, _MEM_OOB, wide=is64)
        out.append(f"%{r}.p = getelementptr i8, ptr {self.mem_base(ins.imm)}, i64 {d64}")
        out.append(f"%{r}.v = trunc i32 {val} to i8")
        out.append(f"call void @llvm.memset.p0.i64(ptr %{r}.p, i8 %{r}.v, i64 {n64}, i1 false){TBAA_MEM}")
        self.fuel_per_unit(ins, n64)

    def op_memory_copy(self, ins) -> None:
        dm, sm = ins.imm
        st = self.stack
        n = st.pop()[0]
        s = st.pop()[0]
        d = st.pop()[0]
        dmem, dlen = self.mem_ptrs(dm)
        smem, slen = self.mem_ptrs(sm)
        r = self.tmp()
        out = self.out
        d64s, s64s = self.mem_is64(dm), self.mem_is64(sm)
        wide = d64s or s64s
        d64 = self._as_i64(f"{r}.d", d, d64s)
        s64 = self._as_i64(f"{r}.s", s, s64s)
        n64 = self._as_i64(f"{r}.n", n, d64s and s64s)     # i64 only between two 64-bit
        self.check_range(f"{r}.cs", s64, n64, slen, _MEM_OOB, wide=wide)
        self.check_range(f"{r}.cd", d64, n64, dlen, _MEM_OOB, wide=wide)
        out.append(f"%{r}.dp = getelementptr i8, ptr {self.mem_base(dm)}, i64 {d64}")
        out.append(f"%{r}.sp = getelementptr i8, ptr {self.mem_base(sm)}, i64 {s64}")
        out.append(f"call void @llvm.memmove.p0.p0.i64(ptr %{r}.dp, ptr %{r}.sp, i64 {n64}, i1 false){TBAA_MEM}")
        self.fuel_per_unit(ins, n64)

    def _segment(self, r: str, offset: int) -> tuple[str, str]:
        """(pointer to the segment's ptr field, pointer to its len field)."""
        self.out.append(f"%{r}.seg = getelementptr i8, ptr %vmctx, i64 {offset}")
        self.out.append(f"%{r}.segl = getelementptr i8, ptr %{r}.seg, i64 {vm.SEGMENT_LEN}")
        return f"%{r}.seg", f"%{r}.segl"

    def op_memory_init(self, ins) -> None:
        seg, mem = ins.imm
        st = self.stack
        n = st.pop()[0]
        s = st.pop()[0]
        d = st.pop()[0]
        m, lenp = self.mem_ptrs(mem)
        r = self.tmp()
        out = self.out
        segp, segl = self._segment(r, self.ctx.layout.data(seg))
        is64 = self.mem_is64(mem)
        d64 = self._as_i64(f"{r}.d", d, is64)
        out.append(f"%{r}.s = zext i32 {s} to i64")
        out.append(f"%{r}.n = zext i32 {n} to i64")
        self.check_range(f"{r}.cs", f"%{r}.s", f"%{r}.n", segl, _MEM_OOB)
        self.check_range(f"{r}.cd", d64, f"%{r}.n", lenp, _MEM_OOB, wide=is64)
        out.append(f"%{r}.dp = getelementptr i8, ptr {self.mem_base(mem)}, i64 {d64}")
        out.append(f"%{r}.sb = load ptr, ptr {segp}")
        out.append(f"%{r}.sp = getelementptr i8, ptr %{r}.sb, i64 %{r}.s")
        out.append(f"call void @llvm.memmove.p0.p0.i64(ptr %{r}.dp, ptr %{r}.sp, i64 %{r}.n, i1 false)")
        self.fuel_per_unit(ins, f"%{r}.n")

    def op_data_drop(self, ins) -> None:
        r = self.tmp()
        _, segl = self._segment(r, self.ctx.layout.data(ins.imm))
        self.out.append(f"store i64 0, ptr {segl}")

    # ------------------------------------------------------------ tables
    def _table_slot(self, r: str, tab: str, i64idx: str) -> str:
        self.out.append(f"%{r}.el = load ptr, ptr {tab}")
        self.out.append(f"%{r}.ep = getelementptr i64, ptr %{r}.el, i64 {i64idx}")
        return f"%{r}.ep"

    def op_table_get(self, ins) -> None:
        i = self.stack.pop()[0]
        tab, lenp = self.table_ptrs(ins.imm)
        r = self.tmp()
        is64 = self.table_is64(ins.imm)
        i64 = self._as_i64(f"{r}.i", i, is64)
        self.check_range(r, i64, "1", lenp, _TABLE_OOB, wide=is64)
        p = self._table_slot(r, tab, i64)
        self.out.append(f"%{r} = load i64, ptr {p}")
        self.stack.append((f"%{r}", "i64"))

    def op_table_set(self, ins) -> None:
        v = self.stack.pop()[0]
        i = self.stack.pop()[0]
        tab, lenp = self.table_ptrs(ins.imm)
        r = self.tmp()
        is64 = self.table_is64(ins.imm)
        i64 = self._as_i64(f"{r}.i", i, is64)
        self.check_range(r, i64, "1", lenp, _TABLE_OOB, wide=is64)
        p = self._table_slot(r, tab, i64)
        self.out.append(f"store i64 {v}, ptr {p}")

    def op_table_size(self, ins) -> None:
        _, lenp = self.table_ptrs(ins.imm)
        r = self.tmp()
        self.out.append(f"%{r}.len = load i64, ptr {lenp}")
        if self.table_is64(ins.imm):
            self.stack.append((f"%{r}.len", "i64"))
            return
        self.out.append(f"%{r} = trunc i64 %{r}.len to i32")
        self.stack.append((f"%{r}", "i32"))

    def op_table_grow(self, ins) -> None:
        n = self.stack.pop()[0]
        init = self.stack.pop()[0]
        fn = self.builtin(vm.BUILTIN_TABLE_GROW)
        r = self.tmp()
        out = self.out
        is64 = self.table_is64(ins.imm)
        d = self._as_i64(f"{r}.d", n, is64)
        out.append(f"%{r}.r = call i64 {fn}(ptr %vmctx, i32 {ins.imm}, i64 {d}, i64 {init})")
        self._check_builtin_trap(r)
        self.fuel_per_unit(ins, d, f"%{r}.r")
        if is64:
            self.stack.append((f"%{r}.r", "i64"))
            return
        out.append(f"%{r} = trunc i64 %{r}.r to i32")
        self.stack.append((f"%{r}", "i32"))

    def op_table_fill(self, ins) -> None:
        st = self.stack
        n = st.pop()[0]
        val = st.pop()[0]
        i = st.pop()[0]
        tab, lenp = self.table_ptrs(ins.imm)
        r = self.tmp()
        out = self.out
        is64 = self.table_is64(ins.imm)
        i64 = self._as_i64(f"{r}.i", i, is64)
        n64 = self._as_i64(f"{r}.n", n, is64)
        self.check_range(r, i64, n64, lenp, _TABLE_OOB, wide=is64)
        p = self._table_slot(r, tab, i64)
        out.append(f"call void @wasmlite_fill64(ptr {p}, i64 {val}, i64 {n64})")
        self.fuel_per_unit(ins, n64)

    def op_table_copy(self, ins) -> None:
        dt, stab = ins.imm
        st = self.stack
        n = st.pop()[0]
        s = st.pop()[0]
        d = st.pop()[0]
        dtab, dlen = self.table_ptrs(dt)
        stb, slen = self.table_ptrs(stab)
        r = self.tmp()
        out = self.out
        d64s, s64s = self.table_is64(dt), self.table_is64(stab)
        wide = d64s or s64s
        d64 = self._as_i64(f"{r}.d", d, d64s)
        s64 = self._as_i64(f"{r}.s", s, s64s)
        n64 = self._as_i64(f"{r}.n", n, d64s and s64s)
        self.check_range(f"{r}.cs", s64, n64, slen, _TABLE_OOB, wide=wide)
        self.check_range(f"{r}.cd", d64, n64, dlen, _TABLE_OOB, wide=wide)
        dp = self._table_slot(f"{r}.dt", dtab, d64)
        sp = self._table_slot(f"{r}.st", stb, s64)
        out.append(f"%{r}.bytes = shl i64 {n64}, 3")
        out.append(f"call void @llvm.memmove.p0.p0.i64(ptr {dp}, ptr {sp}, i64 %{r}.bytes, i1 false)")
        self.fuel_per_unit(ins, n64)

    def op_table_init(self, ins) -> None:
        seg, table = ins.imm
        st = self.stack
        n = st.pop()[0]
        s = st.pop()[0]
        d = st.pop()[0]
        tab, lenp = self.table_ptrs(table)
        r = self.tmp()
        out = self.out
        segp, segl = self._segment(r, self.ctx.layout.elem(seg))
        is64 = self.table_is64(table)
        d64 = self._as_i64(f"{r}.d", d, is64)
        out.append(f"%{r}.s = zext i32 {s} to i64")
        out.append(f"%{r}.n = zext i32 {n} to i64")
        self.check_range(f"{r}.cs", f"%{r}.s", f"%{r}.n", segl, _TABLE_OOB)
        self.check_range(f"{r}.cd", d64, f"%{r}.n", lenp, _TABLE_OOB, wide=is64)
        dp = self._table_slot(f"{r}.dt", tab, d64)
        out.append(f"%{r}.sb = load ptr, ptr {segp}")
        out.append(f"%{r}.sp = getelementptr i64, ptr %{r}.sb, i64 %{r}.s")
        out.append(f"%{r}.bytes = shl i64 %{r}.n, 3")
        out.append(f"call void @llvm.memmove.p0.p0.i64(ptr {dp}, ptr %{r}.sp, i64 %{r}.bytes, i1 false)")
        self.fuel_per_unit(ins, f"%{r}.n")

    def op_elem_drop(self, ins) -> None:
        r = self.tmp()
        _, segl = self._segment(r, self.ctx.layout.elem(ins.imm))
        self.out.append(f"store i64 0, ptr {segl}")

    @classmethod
    def handlers(cls) -> dict:
        h = {}
        for op in _LOAD_BY_OP:
            h[op] = cls.op_load
        for op in _STORE_BY_OP:
            h[op] = cls.op_store
        for name in ("memory.size", "memory.grow", "memory.fill", "memory.copy",
                     "memory.init", "data.drop", "table.get", "table.set", "table.size",
                     "table.grow", "table.fill", "table.copy", "table.init", "elem.drop"):
            h[OP_BY_NAME[name]] = getattr(cls, "op_" + name.replace(".", "_"))
        return h


# The trap routine's stack walk (backtraces, runtime/backtrace.py reads the
# buffer): before it longjmps, it copies (frame pointer, return address) of
# every native frame of the rbp chain, activation by activation (an entry
# trampoline's record says where its part of the stack ends and where the
# host trampoline that called out to Python left the outer part), and the
# chain of interpreter frames. Interpreter handlers keep no frame pointer, so
# where the chain breaks, or would jump over an interp_call frame, it goes on
# from that interp_call's frame pointer (saved in the interpreter frame).
# Only reads stack words between a frame and its activation's entry.
_BACKTRACE_WALK = f"""walk:
  %fp0 = call ptr @llvm.frameaddress.p0(i32 0)
  %jbp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_JMPBUF}
  %jb0 = load ptr, ptr %jbp
  %itp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERP_TOP}
  %it0 = load ptr, ptr %itp
  br label %iloop
iloop:
  %ic = phi ptr [ %it0, %walk ], [ %inext, %ibody ]
  %ik = phi i64 [ 0, %walk ], [ %ik1, %ibody ]
  %iend = icmp eq ptr %ic, null
  %ifull = icmp uge i64 %ik, {vm.BT_INTERP_CAP}
  %istop = or i1 %iend, %ifull
  br i1 %istop, label %idone, label %ibody
ibody:
  %irx = mul i64 %ik, 3
  %iry = add i64 %irx, {2 + 2 * vm.BT_NATIVE_CAP}
  %irec = getelementptr i64, ptr %buf, i64 %iry
  %icv = ptrtoint ptr %ic to i64
  store i64 %icv, ptr %irec
  %ifn = load i64, ptr %ic
  %irec1 = getelementptr i64, ptr %irec, i64 1
  store i64 %ifn, ptr %irec1
  %icipp = getelementptr i8, ptr %ic, i64 {vm.INTERP_FH_CALL_IP}
  %icip = load i64, ptr %icipp
  %irec2 = getelementptr i64, ptr %irec, i64 2
  store i64 %icip, ptr %irec2
  %ilinkp = getelementptr i8, ptr %ic, i64 {vm.INTERP_FH_LINK}
  %inext = load ptr, ptr %ilinkp
  %ik1 = add i64 %ik, 1
  br label %iloop
idone:
  %nip = getelementptr i64, ptr %buf, i64 1
  store i64 %ik, ptr %nip
  br label %act
act:
  %f.a = phi ptr [ %fp0, %idone ], [ %xfp, %nextact ]
  %jb = phi ptr [ %jb0, %idone ], [ %pjb, %nextact ]
  %n.a = phi i64 [ 0, %idone ], [ %n, %nextact ]
  %it.a = phi ptr [ %it0, %idone ], [ %it, %nextact ]
  %nojb = icmp eq ptr %jb, null
  br i1 %nojb, label %finish, label %seg
seg:
  %rec = getelementptr i8, ptr %jb, i64 {vm.JMPBUF_ACT}
  %stopp = getelementptr i8, ptr %rec, i64 {vm.ACT_ENTRY_FP}
  %stop = load i64, ptr %stopp
  br label %step
step:
  %f = phi ptr [ %f.a, %seg ], [ %nf, %adv.done ]
  %n = phi i64 [ %n.a, %seg ], [ %n1, %adv.done ]
  %it = phi ptr [ %it.a, %seg ], [ %it2, %adv.done ]
  %fi = ptrtoint ptr %f to i64
  %f.nz = icmp ne i64 %fi, 0
  %f.in = icmp ult i64 %fi, %stop
  %f.al = and i64 %fi, 7
  %f.ok = icmp eq i64 %f.al, 0
  %c1 = and i1 %f.nz, %f.in
  %c2 = and i1 %c1, %f.ok
  %full = icmp uge i64 %n, {vm.BT_NATIVE_CAP}
  %room = xor i1 %full, true
  %c3 = and i1 %c2, %room
  br i1 %c3, label %record, label %segend
record:
  %ri = shl i64 %n, 1
  %rj = add i64 %ri, 2
  %r0 = getelementptr i64, ptr %buf, i64 %rj
  store i64 %fi, ptr %r0
  %retp = getelementptr i8, ptr %f, i64 8
  %ret = load i64, ptr %retp
  %r1 = getelementptr i64, ptr %r0, i64 1
  store i64 %ret, ptr %r1
  %n1 = add i64 %n, 1
  %nfw = load i64, ptr %f
  br label %adv
adv:
  %itc = phi ptr [ %it, %record ], [ %itn, %adv.next ]
  %itnull = icmp eq ptr %itc, null
  br i1 %itnull, label %adv.done, label %adv.chk
adv.chk:
  %itnfpp = getelementptr i8, ptr %itc, i64 {vm.INTERP_FH_NATIVE_FP}
  %itnfp = load i64, ptr %itnfpp
  %behind = icmp ule i64 %itnfp, %fi
  br i1 %behind, label %adv.next, label %adv.done
adv.next:
  %itlp = getelementptr i8, ptr %itc, i64 {vm.INTERP_FH_LINK}
  %itn = load ptr, ptr %itlp
  br label %adv
adv.done:
  %it2 = phi ptr [ null, %adv ], [ %itc, %adv.chk ]
  %inf = phi i64 [ 0, %adv ], [ %itnfp, %adv.chk ]
  %bad0 = icmp ule i64 %nfw, %fi
  %bad1 = icmp uge i64 %nfw, %stop
  %bad = or i1 %bad0, %bad1
  %has0 = icmp ne i64 %inf, 0
  %here = icmp ult i64 %inf, %stop
  %has = and i1 %has0, %here
  %skips = icmp ugt i64 %nfw, %inf
  %jump = and i1 %has, %skips
  %useit0 = or i1 %bad, %jump
  %useit = and i1 %useit0, %has
  %nfa = select i1 %useit, i64 %inf, i64 %nfw
  %nohas = xor i1 %has, true
  %dead = and i1 %bad, %nohas
  %nfb = select i1 %dead, i64 0, i64 %nfa
  %nf = inttoptr i64 %nfb to ptr
  br label %step
segend:
  %xfpp = getelementptr i8, ptr %rec, i64 {vm.ACT_EXIT_FP}
  %xfp = load ptr, ptr %xfpp
  %pjbp = getelementptr i8, ptr %rec, i64 {vm.ACT_PREV}
  %pjb = load ptr, ptr %pjbp
  %noexit = icmp eq ptr %xfp, null
  %over = or i1 %noexit, %full
  br i1 %over, label %finish, label %nextact
nextact:
  br label %act
finish:
  %n.f = phi i64 [ %n.a, %act ], [ %n, %segend ]
  store i64 %n.f, ptr %buf
  br label %raise"""


# Helpers every module defines (internal; unused ones are dropped by LLVM).
RUNTIME_HELPERS = f"""
define internal void @wasmlite_raise(ptr %vmctx) cold noreturn nounwind {{
  %limits = load ptr, ptr %vmctx
  %jbp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_JMPBUF}
  %jb = load ptr, ptr %jbp
  call void @longjmp(ptr %jb, i32 1)
  unreachable
}}
define internal void @wasmlite_trap(ptr %vmctx, i32 %code) cold noreturn nounwind "frame-pointer"="all" {{
entry:
  %limits = load ptr, ptr %vmctx
  %tc = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_CODE}
  store i32 %code, ptr %tc
  %bufp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_BACKTRACE}
  %buf = load ptr, ptr %bufp
  %nobuf = icmp eq ptr %buf, null
  br i1 %nobuf, label %raise, label %walk
""" + _BACKTRACE_WALK + f"""
raise:
  call void @wasmlite_raise(ptr %vmctx)
  unreachable
}}
; throw the store's pending exception: to the innermost handler record of
; this activation, or out of it as a trap (compile/exceptions.py)
define internal void @wasmlite_throw(ptr %vmctx) cold noreturn nounwind "frame-pointer"="all" {{
entry:
  %limits = load ptr, ptr %vmctx
  %hp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_HANDLERS}
  %h = load ptr, ptr %hp
  %none = icmp eq ptr %h, null
  br i1 %none, label %out, label %jump
jump:
  call void @longjmp(ptr %h, i32 1)
  unreachable
out:
  call void @wasmlite_trap(ptr %vmctx, i32 {vm.EXCEPTION_THROWN})
  unreachable
}}
define internal void @wasmlite_fill64(ptr %p, i64 %v, i64 %n) nounwind {{
entry:
  %z = icmp eq i64 %n, 0
  br i1 %z, label %done, label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %i1, %loop ]
  %q = getelementptr i64, ptr %p, i64 %i
  store i64 %v, ptr %q
  %i1 = add i64 %i, 1
  %c = icmp ult i64 %i1, %n
  br i1 %c, label %loop, label %done
done:
  ret void
}}
!0 = !{{!"branch_weights", i32 1, i32 1048576}}
""" + TBAA_METADATA
