"""Wasm GC's heap instructions: struct.new/get/set and the array.* family
(a mixin of FunctionTranslator; the interpreter's handlers are made from
these same lowerings, interp/gc_forms.py).

Objects follow the layout of compile/vmcontext.py ("GC objects"): a header
word (the engine-wide type index the VMContext holds for the type, plus
GC_ARRAY_FLAG for arrays), then the struct's 8- or 16-byte field slots, or
the array's length word and its elements packed at their storage size. A
reference is the object's address, an i64 (null: 0).

Allocation (``gc_alloc``, the one helper every allocating op uses) bumps
``limits.gc_next`` inline and calls the runtime's ``gc_alloc`` builtin only
when the current area is full. The heap is not zeroed and a collector may
run inside that builtin, so each op writes the header and every field or
element right after it allocates, with no call in between (the collector
finds roots by scanning the native stack: references stay plain i64s).

Every lowering reads its immediates through a ``GcImm``: numbers when
compiling a function (``gc_imm_of``), the SSA names of the handler's
immediate words in an interpreter handler, so both tiers run the same IR.
"""
from __future__ import annotations

from typing import Any, Optional, Union

from ..errors import NULL_ARRAY_REFERENCE, NULL_STRUCT_REFERENCE, TrapCode
from . import vmcontext as vm
from .memory import TBAA_GC

_ARRAY_OOB = int(TrapCode.ARRAY_OUT_OF_BOUNDS)
_MEM_OOB = int(TrapCode.MEMORY_OUT_OF_BOUNDS)
_TABLE_OOB = int(TrapCode.TABLE_OUT_OF_BOUNDS)
_TOO_LARGE = int(TrapCode.ALLOCATION_TOO_LARGE)

# storage kind -> (LLVM type in the heap, bytes, LLVM type of the value);
# references are "i64" (an address, a funcref's VMFuncRef*, a handle)
KINDS = {"i8": ("i8", 1, "i32"), "i16": ("i16", 2, "i32"), "i32": ("i32", 4, "i32"),
         "i64": ("i64", 8, "i64"), "f32": ("float", 4, "float"),
         "f64": ("double", 8, "double"), "v128": ("<2 x i64>", 16, "<2 x i64>")}
# array data bytes past this trap with ALLOCATION_TOO_LARGE before anything
# is called: no heap holds them (the default one is 1 GiB), and the size
# computation stays far from overflow
MAX_ARRAY_BYTES = 1 << 32

Ssa = Union[int, str]       # a number baked into compiled code, or an SSA name


def storage_kind(storage: Any) -> str:
    """The KINDS key of a field's storage type (ValType or PackedType)."""
    name = str(storage)
    return name if name in KINDS else "i64"


class GcImm:
    """What a heap instruction's lowering needs of its immediates. ``kind``:
    the field's or element's storage kind; ``offset``: a struct field's
    byte offset (an array.new_fixed element's, in an init step);
    ``signed``: get_s (True) / get_u (False) / neither (None); ``size``: a
    struct's object size; ``sig``: the VMContext offset of the type's
    engine-wide index; ``esize``: an array element's bytes; ``count``:
    array.new_fixed's length; ``seg``: the VMContext offset of the data or
    element segment. ``step``: the interpreter splits struct.new and
    array.new_fixed (its operands are many): ``"alloc"`` allocates and
    leaves the object on top of the field values, each ``"init"`` stores
    the value under it (compiled code: None, the whole instruction);
    ``fields``: a struct's (kind, offset) per field, which the
    interpreter's pre-decoder makes its init steps of."""

    __slots__ = ("kind", "offset", "signed", "size", "sig", "esize", "count", "seg", "step",
                 "fields")

    def __init__(self, kind: str = "i64", offset: Ssa = 0, signed: Optional[bool] = None,
                 size: Ssa = 0, sig: Ssa = 0, esize: Ssa = 0, count: Ssa = 0, seg: Ssa = 0,
                 step: Optional[str] = None) -> None:
        self.kind, self.offset, self.signed, self.size = kind, offset, signed, size
        self.sig, self.esize, self.count, self.seg, self.step = sig, esize, count, seg, step
        self.fields: tuple = ()

    def __repr__(self) -> str:
        return f"GcImm({', '.join(f'{k}={getattr(self, k)!r}' for k in self.__slots__)})"


def gc_imm_of(name: str, imm: Any, types: list, layout: Any) -> GcImm:
    """The GcImm of heap instruction ``name`` with its wasm immediate
    ``imm``, from the module's types and VMContext layout."""
    if name.startswith("struct."):
        t = imm[0] if isinstance(imm, tuple) else imm
        st = types[t]
        offsets, size = vm.gc_struct_layout(st)
        g = GcImm(size=size, sig=layout.sig(t))
        g.fields = tuple((storage_kind(f.storage), off) for f, off in zip(st.fields, offsets))
        if isinstance(imm, tuple):
            f = imm[1]
            g.kind, g.offset = storage_kind(st.fields[f].storage), offsets[f]
            g.signed = {"struct.get_s": True, "struct.get_u": False}.get(name)
        return g
    if name == "array.len":
        return GcImm()
    t = imm[0] if isinstance(imm, tuple) else imm
    storage = types[t].field.storage
    g = GcImm(kind=storage_kind(storage), sig=layout.sig(t), esize=vm.gc_storage_size(storage))
    g.signed = {"array.get_s": True, "array.get_u": False}.get(name)
    if name == "array.new_fixed":
        g.count = imm[1]
    elif name in ("array.new_data", "array.init_data"):
        g.seg = layout.data(imm[1])
    elif name in ("array.new_elem", "array.init_elem"):
        g.seg = layout.elem(imm[1])
    return g


def _align(esize: Ssa) -> int:
    """The alignment an element of ``esize`` bytes has in an 8-aligned object."""
    return min(esize, 8) if isinstance(esize, int) else 1


class GcObjectOps:
    """Mixin for FunctionTranslator (methods named ``op_*`` are registered
    by ``handlers()``)."""

    def gc_imm(self, ins) -> GcImm:
        imm = ins.imm
        if isinstance(imm, GcImm):
            return imm
        return gc_imm_of(ins.op.name, imm, self.ctx.types, self.ctx.layout)

    # -- pieces every op uses ----------------------------------------------------
    def _gc_nonnull(self, r: str, ref: str, code: int) -> str:
        """Trap with ``code`` when ``ref`` is null; the object's pointer."""
        out = self.out
        out.append(f"%{r}.null = icmp eq i64 {ref}, 0")
        out.append(f"br i1 %{r}.null, label {self.trap_to(code)}, label %{r}.nn, !prof !0")
        out.append(f"{r}.nn:")
        self.cur = f"{r}.nn"
        out.append(f"%{r}.obj = inttoptr i64 {ref} to ptr")
        return f"%{r}.obj"

    def _gc_at(self, r: str, obj: str, offset: Ssa) -> str:
        self.out.append(f"%{r} = getelementptr i8, ptr {obj}, i64 {offset}")
        return f"%{r}"

    def _gc_sig(self, sig: Ssa) -> str:
        """The type's engine-wide index as i64 (the VMContext holds it)."""
        tag = sig if isinstance(sig, int) else sig.replace("%", "").replace(".", "_")
        s = self.vmctx_field(f"gcsig{tag}", sig, "i32")
        r = self.tmp()
        self.out.append(f"%{r} = zext i32 {s} to i64")
        return f"%{r}"

    def gc_alloc(self, size: str, sig: Ssa, array: bool) -> tuple[str, str]:
        """Allocate ``size`` bytes (an i64 SSA value or constant, a multiple
        of 8) and write the header: (reference, pointer). Bump inline; the
        gc_alloc builtin when the area is full (it may trap: BUILTIN_TRAP)."""
        r = self.tmp()
        out = self.out
        hdr = self._gc_sig(sig)
        out.append(f"%{r}.np = getelementptr i8, ptr %limits, i64 {vm.LIMITS_GC_NEXT}")
        out.append(f"%{r}.lp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_GC_LIMIT}")
        out.append(f"%{r}.n = load i64, ptr %{r}.np")
        out.append(f"%{r}.l = load i64, ptr %{r}.lp")
        out.append(f"%{r}.e = add i64 %{r}.n, {size}")
        out.append(f"%{r}.full = icmp ugt i64 %{r}.e, %{r}.l")
        out.append(f"br i1 %{r}.full, label %{r}.slow, label %{r}.fast, !prof !0")
        out.append(f"{r}.fast:")
        out.append(f"store i64 %{r}.e, ptr %{r}.np")
        out.append(f"br label %{r}.done")
        out.append(f"{r}.slow:")
        fn = self.builtin(vm.BUILTIN_GC_ALLOC)
        out.append(f"%{r}.r = call i64 {fn}(ptr %vmctx, i64 {size})")
        # BUILTIN_TRAP: a full heap traps from here, as the size guard does
        # (a trap block: the backtrace starts at this instruction); anything
        # else (a Python exception in the builtin) is raised as it is
        out.append(f"%{r}.t = icmp eq i64 %{r}.r, {vm.BUILTIN_TRAP}")
        out.append(f"br i1 %{r}.t, label %{r}.why, label %{r}.ok, !prof !0")
        out.append(f"{r}.why:")
        out.append(f"%{r}.cp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_CODE}")
        out.append(f"%{r}.c = load i32, ptr %{r}.cp")
        out.append(f"%{r}.full2 = icmp eq i32 %{r}.c, {_TOO_LARGE}")
        out.append(f"br i1 %{r}.full2, label {self.trap_to(_TOO_LARGE)}, label %{r}.raise")
        out.append(f"{r}.raise:")
        out.append("call void @wasmlite_raise(ptr %vmctx)")
        out.append("unreachable")
        out.append(f"{r}.ok:")
        out.append(f"br label %{r}.done")
        out.append(f"{r}.done:")
        self.cur = f"{r}.done"
        out.append(f"%{r} = phi i64 [ %{r}.n, %{r}.fast ], [ %{r}.r, %{r}.ok ]")
        out.append(f"%{r}.obj = inttoptr i64 %{r} to ptr")
        if array:
            out.append(f"%{r}.h = or i64 {hdr}, {vm.GC_ARRAY_FLAG}")
            hdr = f"%{r}.h"
        out.append(f"store i64 {hdr}, ptr %{r}.obj, align 8{TBAA_GC}")
        return f"%{r}", f"%{r}.obj"

    # -- structs -----------------------------------------------------------------
    def _slot_store(self, r: str, p: str, v: str, kind: str) -> None:
        """Store a field value into its whole slot: packed and 32-bit
        values zero-extended, so no byte of an object is left unwritten."""
        out = self.out
        if kind in ("i8", "i16"):
            out.append(f"%{r}.m = and i32 {v}, {(1 << (8 * KINDS[kind][1])) - 1}")
            v, kind = f"%{r}.m", "i32"
        if kind == "f32":
            out.append(f"%{r}.b = bitcast float {v} to i32")
            v, kind = f"%{r}.b", "i32"
        if kind == "i32":
            out.append(f"%{r}.z = zext i32 {v} to i64")
            v, kind = f"%{r}.z", "i64"
        out.append(f"store {KINDS[kind][0]} {v}, ptr {p}, align 8{TBAA_GC}")

    def _load(self, r: str, p: str, kind: str, signed: Optional[bool], align: int) -> str:
        """Load a field or element; a packed one extended to i32."""
        mem, _size, vt = KINDS[kind]
        if mem == vt:
            self.out.append(f"%{r} = load {mem}, ptr {p}, align {align}{TBAA_GC}")
            return f"%{r}"
        self.out.append(f"%{r}.v = load {mem}, ptr {p}, align {align}{TBAA_GC}")
        self.out.append(f"%{r} = {'sext' if signed else 'zext'} {mem} %{r}.v to {vt}")
        return f"%{r}"

    def op_struct_new(self, ins) -> None:
        g = self.gc_imm(ins)
        st = self.stack
        if g.step == "init":                  # (interpreter) value, object -> object
            ref = st.pop()[0]
            v = st.pop()[0]
            r = self.tmp()
            self.out.append(f"%{r}.p = inttoptr i64 {ref} to ptr")
            p = self._gc_at(f"{r}.f", f"%{r}.p", g.offset)
            self._slot_store(r, p, v, g.kind)
            st.append((ref, "i64"))
            return
        if g.step == "alloc":                 # (interpreter) the fields stay below
            ref, _obj = self.gc_alloc(str(g.size), g.sig, False)
            st.append((ref, "i64"))
            return
        fields = self.ctx.types[ins.imm].fields
        vals = self.pop_vals(len(fields))
        offsets, size = vm.gc_struct_layout(self.ctx.types[ins.imm])
        ref, obj = self.gc_alloc(str(size), g.sig, False)
        r = self.tmp()
        for k, (f, v) in enumerate(zip(fields, vals)):
            p = self._gc_at(f"{r}.f{k}", obj, offsets[k])
            self._slot_store(f"{r}.s{k}", p, v, storage_kind(f.storage))
        st.append((ref, "i64"))

    def op_struct_new_default(self, ins) -> None:
        g = self.gc_imm(ins)
        ref, obj = self.gc_alloc(str(g.size), g.sig, False)
        r = self.tmp()
        p = self._gc_at(f"{r}.f", obj, vm.GC_STRUCT_FIELDS)
        self.out.append(f"%{r}.n = sub i64 {g.size}, {vm.GC_STRUCT_FIELDS}")
        self.out.append(f"call void @llvm.memset.p0.i64(ptr align 8 {p}, i8 0, i64 %{r}.n, i1 false)")
        self.stack.append((ref, "i64"))

    def _struct_get(self, ins) -> None:
        g = self.gc_imm(ins)
        ref = self.stack.pop()[0]
        r = self.tmp()
        obj = self._gc_nonnull(r, ref, NULL_STRUCT_REFERENCE)
        p = self._gc_at(f"{r}.f", obj, g.offset)
        v = self._load(f"{r}.v", p, g.kind, g.signed, 8)
        self.stack.append((v, KINDS[g.kind][2]))

    op_struct_get = op_struct_get_s = op_struct_get_u = _struct_get

    def op_struct_set(self, ins) -> None:
        g = self.gc_imm(ins)
        v = self.stack.pop()[0]
        ref = self.stack.pop()[0]
        r = self.tmp()
        obj = self._gc_nonnull(r, ref, NULL_STRUCT_REFERENCE)
        p = self._gc_at(f"{r}.f", obj, g.offset)
        self._slot_store(r, p, v, g.kind)

    # -- arrays: allocation ------------------------------------------------------
    def _array_alloc(self, n32: str, g: GcImm) -> tuple[str, str, str]:
        """A new array of ``n32`` (i32) elements, header and length written
        (and its last word zeroed, so the padding after the elements is
        too): (reference, pointer to element 0, data bytes as i64)."""
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.n = zext i32 {n32} to i64")
        out.append(f"%{r}.bytes = mul i64 %{r}.n, {g.esize}")
        out.append(f"%{r}.big = icmp ugt i64 %{r}.bytes, {MAX_ARRAY_BYTES}")
        out.append(f"br i1 %{r}.big, label {self.trap_to(_TOO_LARGE)}, label %{r}.sz, !prof !0")
        out.append(f"{r}.sz:")
        self.cur = f"{r}.sz"
        out.append(f"%{r}.s0 = add i64 %{r}.bytes, {vm.GC_ARRAY_DATA + vm.GC_ALIGN - 1}")
        out.append(f"%{r}.size = and i64 %{r}.s0, {-vm.GC_ALIGN}")
        ref, obj = self.gc_alloc(f"%{r}.size", g.sig, True)
        # the last word first: for an empty array it is the length word
        out.append(f"%{r}.lw = sub i64 %{r}.size, 8")
        last = self._gc_at(f"{r}.lp", obj, f"%{r}.lw")
        out.append(f"store i64 0, ptr {last}, align 8{TBAA_GC}")
        lenp = self._gc_at(f"{r}.len", obj, vm.GC_ARRAY_LENGTH)
        out.append(f"store i64 %{r}.n, ptr {lenp}, align 8{TBAA_GC}")
        data = self._gc_at(f"{r}.data", obj, vm.GC_ARRAY_DATA)
        return ref, data, f"%{r}.bytes"

    def _elem_ptr(self, r: str, data: str, i64: str, esize: Ssa) -> str:
        self.out.append(f"%{r}.off = mul i64 {i64}, {esize}")
        return self._gc_at(r, data, f"%{r}.off")

    def _elem_store(self, r: str, p: str, v: str, kind: str, esize: Ssa) -> None:
        mem, _size, vt = KINDS[kind]
        if mem != vt:
            self.out.append(f"%{r}.t = trunc i32 {v} to {mem}")
            v = f"%{r}.t"
        self.out.append(f"store {mem} {v}, ptr {p}, align {_align(esize)}{TBAA_GC}")

    def _fill(self, data: str, start64: str, n64: str, v: str, g: GcImm) -> None:
        """Store ``v`` into elements start .. start + n - 1 (a loop LLVM may
        turn into a memset or vector stores)."""
        r = self.tmp()
        out = self.out
        pre = self.cur
        out.append(f"br label %{r}.hd")
        out.append(f"{r}.hd:")
        out.append(f"%{r}.i = phi i64 [ 0, %{pre} ], [ %{r}.i1, %{r}.body ]")
        out.append(f"%{r}.more = icmp ult i64 %{r}.i, {n64}")
        out.append(f"br i1 %{r}.more, label %{r}.body, label %{r}.end")
        out.append(f"{r}.body:")
        out.append(f"%{r}.k = add i64 {start64}, %{r}.i")
        p = self._elem_ptr(f"{r}.p", data, f"%{r}.k", g.esize)
        self._elem_store(f"{r}.s", p, v, g.kind, g.esize)
        out.append(f"%{r}.i1 = add i64 %{r}.i, 1")
        out.append(f"br label %{r}.hd")
        out.append(f"{r}.end:")
        self.cur = f"{r}.end"

    def op_array_new(self, ins) -> None:
        g = self.gc_imm(ins)
        n = self.stack.pop()[0]
        v = self.stack.pop()[0]
        ref, data, _bytes = self._array_alloc(n, g)
        r = self.tmp()
        self.out.append(f"%{r}.n = zext i32 {n} to i64")
        self._fill(data, "0", f"%{r}.n", v, g)
        self.fuel_per_unit(ins, f"%{r}.n")
        self.stack.append((ref, "i64"))

    def op_array_new_default(self, ins) -> None:
        g = self.gc_imm(ins)
        n = self.stack.pop()[0]
        ref, data, nbytes = self._array_alloc(n, g)
        r = self.tmp()
        self.out.append(f"call void @llvm.memset.p0.i64(ptr align 8 {data}, i8 0, i64 {nbytes}, i1 false)")
        self.out.append(f"%{r}.n = zext i32 {n} to i64")
        self.fuel_per_unit(ins, f"%{r}.n")
        self.stack.append((ref, "i64"))

    def op_array_new_fixed(self, ins) -> None:
        g = self.gc_imm(ins)
        st = self.stack
        r = self.tmp()
        if g.step == "init":                  # (interpreter) value, array -> array
            ref = st.pop()[0]
            v = st.pop()[0]
            self.out.append(f"%{r}.o = inttoptr i64 {ref} to ptr")
            p = self._gc_at(f"{r}.p", f"%{r}.o", g.offset)
            self._elem_store(r, p, v, g.kind, g.esize)
            st.append((ref, "i64"))
            return
        count = g.count
        ref, data, _bytes = self._array_alloc(
            count if isinstance(count, str) else str(count & 0xFFFFFFFF), g)
        if g.step == "alloc":                 # (interpreter) the values stay below
            st.append((ref, "i64"))
            return
        vals = self.pop_vals(count)
        for k, v in enumerate(vals):
            p = self._gc_at(f"{r}.p{k}", data, k * g.esize)
            self._elem_store(f"{r}.s{k}", p, v, g.kind, g.esize)
        st.append((ref, "i64"))

    def _segment_range(self, r: str, s32: str, count64: str, g: GcImm,
                       trap: int) -> str:
        """Trap unless s + count <= the segment's length (a dropped one's is
        0); a pointer to its byte or element s."""
        out = self.out
        segp, segl = self._segment(r, g.seg)
        out.append(f"%{r}.s = zext i32 {s32} to i64")
        self.check_range(f"{r}.cs", f"%{r}.s", count64, segl, trap)
        out.append(f"%{r}.sb = load ptr, ptr {segp}")
        if trap == _TABLE_OOB:
            out.append(f"%{r}.sp = getelementptr i64, ptr %{r}.sb, i64 %{r}.s")
        else:
            out.append(f"%{r}.sp = getelementptr i8, ptr %{r}.sb, i64 %{r}.s")
        return f"%{r}.sp"

    def _array_new_segment(self, ins, trap: int) -> None:
        """array.new_data / array.new_elem: ``n`` elements from offset ``s``
        of the segment (bytes of a data segment, u64 items of an element
        segment), bounds checked first."""
        g = self.gc_imm(ins)
        n = self.stack.pop()[0]
        s = self.stack.pop()[0]
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.n = zext i32 {n} to i64")
        count = f"%{r}.n"
        if trap == _MEM_OOB:                # a data segment counts bytes
            out.append(f"%{r}.nb = mul i64 %{r}.n, {g.esize}")
            count = f"%{r}.nb"
        src = self._segment_range(r, s, count, g, trap)
        ref, data, nbytes = self._array_alloc(n, g)
        align = "" if trap == _MEM_OOB else "align 8 "
        out.append(f"call void @llvm.memmove.p0.p0.i64(ptr align 8 {data}, ptr {align}{src},"
                   f" i64 {nbytes}, i1 false)")
        self.fuel_per_unit(ins, f"%{r}.n")
        self.stack.append((ref, "i64"))

    def op_array_new_data(self, ins) -> None:
        self._array_new_segment(ins, _MEM_OOB)

    def op_array_new_elem(self, ins) -> None:
        self._array_new_segment(ins, _TABLE_OOB)

    # -- arrays: access ----------------------------------------------------------
    def _array(self, r: str, ref: str) -> tuple[str, str]:
        """Trap on null; (pointer to element 0, the length as i64)."""
        obj = self._gc_nonnull(r, ref, NULL_ARRAY_REFERENCE)
        lenp = self._gc_at(f"{r}.lp", obj, vm.GC_ARRAY_LENGTH)
        self.out.append(f"%{r}.len32 = load i32, ptr {lenp}, align 8{TBAA_GC}")
        self.out.append(f"%{r}.len = zext i32 %{r}.len32 to i64")
        return self._gc_at(f"{r}.data", obj, vm.GC_ARRAY_DATA), f"%{r}.len"

    def _array_range(self, r: str, start32: str, n64: str, len64: str) -> str:
        """Trap unless start + n <= len (i64s, no wrap): start as i64."""
        out = self.out
        out.append(f"%{r}.st = zext i32 {start32} to i64")
        out.append(f"%{r}.end = add i64 %{r}.st, {n64}")
        out.append(f"%{r}.oob = icmp ugt i64 %{r}.end, {len64}")
        out.append(f"br i1 %{r}.oob, label {self.trap_to(_ARRAY_OOB)}, label %{r}.in, !prof !0")
        out.append(f"{r}.in:")
        self.cur = f"{r}.in"
        return f"%{r}.st"

    def _array_get(self, ins) -> None:
        g = self.gc_imm(ins)
        i = self.stack.pop()[0]
        ref = self.stack.pop()[0]
        r = self.tmp()
        data, len64 = self._array(r, ref)
        i64 = self._array_range(f"{r}.b", i, "1", len64)
        p = self._elem_ptr(f"{r}.p", data, i64, g.esize)
        v = self._load(f"{r}.v", p, g.kind, g.signed, _align(g.esize))
        self.stack.append((v, KINDS[g.kind][2]))

    op_array_get = op_array_get_s = op_array_get_u = _array_get

    def op_array_set(self, ins) -> None:
        g = self.gc_imm(ins)
        v = self.stack.pop()[0]
        i = self.stack.pop()[0]
        ref = self.stack.pop()[0]
        r = self.tmp()
        data, len64 = self._array(r, ref)
        i64 = self._array_range(f"{r}.b", i, "1", len64)
        p = self._elem_ptr(f"{r}.p", data, i64, g.esize)
        self._elem_store(f"{r}.s", p, v, g.kind, g.esize)

    def op_array_len(self, ins) -> None:
        ref = self.stack.pop()[0]
        r = self.tmp()
        obj = self._gc_nonnull(r, ref, NULL_ARRAY_REFERENCE)
        lenp = self._gc_at(f"{r}.lp", obj, vm.GC_ARRAY_LENGTH)
        self.out.append(f"%{r} = load i32, ptr {lenp}, align 8{TBAA_GC}")
        self.stack.append((f"%{r}", "i32"))

    def op_array_fill(self, ins) -> None:
        g = self.gc_imm(ins)
        st = self.stack
        n = st.pop()[0]
        v = st.pop()[0]
        d = st.pop()[0]
        ref = st.pop()[0]
        r = self.tmp()
        data, len64 = self._array(r, ref)
        self.out.append(f"%{r}.n = zext i32 {n} to i64")
        d64 = self._array_range(f"{r}.b", d, f"%{r}.n", len64)
        self._fill(data, d64, f"%{r}.n", v, g)
        self.fuel_per_unit(ins, f"%{r}.n")

    def op_array_copy(self, ins) -> None:
        g = self.gc_imm(ins)
        st = self.stack
        n = st.pop()[0]
        s = st.pop()[0]
        src = st.pop()[0]
        d = st.pop()[0]
        dst = st.pop()[0]
        r = self.tmp()
        out = self.out
        # the spec's order: the destination, then the source, each null
        # first; then the destination's range, then the source's
        ddata, dlen = self._array(f"{r}.d", dst)
        sdata, slen = self._array(f"{r}.s", src)
        out.append(f"%{r}.n = zext i32 {n} to i64")
        d64 = self._array_range(f"{r}.db", d, f"%{r}.n", dlen)
        s64 = self._array_range(f"{r}.sb", s, f"%{r}.n", slen)
        dp = self._elem_ptr(f"{r}.dp", ddata, d64, g.esize)
        sp = self._elem_ptr(f"{r}.sp", sdata, s64, g.esize)
        out.append(f"%{r}.nb = mul i64 %{r}.n, {g.esize}")
        out.append(f"call void @llvm.memmove.p0.p0.i64(ptr {dp}, ptr {sp}, i64 %{r}.nb, i1 false)")
        self.fuel_per_unit(ins, f"%{r}.n")

    def _array_init(self, ins, trap: int) -> None:
        g = self.gc_imm(ins)
        st = self.stack
        n = st.pop()[0]
        s = st.pop()[0]
        d = st.pop()[0]
        ref = st.pop()[0]
        r = self.tmp()
        out = self.out
        data, len64 = self._array(r, ref)
        out.append(f"%{r}.n = zext i32 {n} to i64")
        d64 = self._array_range(f"{r}.b", d, f"%{r}.n", len64)
        esize = 8 if trap == _TABLE_OOB else g.esize
        out.append(f"%{r}.nb = mul i64 %{r}.n, {esize}")
        src = self._segment_range(f"{r}.g", s, f"%{r}.nb" if trap == _MEM_OOB else f"%{r}.n",
                                  g, trap)
        dp = self._elem_ptr(f"{r}.dp", data, d64, esize)
        out.append(f"call void @llvm.memmove.p0.p0.i64(ptr {dp}, ptr {src}, i64 %{r}.nb, i1 false)")
        self.fuel_per_unit(ins, f"%{r}.n")

    def op_array_init_data(self, ins) -> None:
        self._array_init(ins, _MEM_OOB)

    def op_array_init_elem(self, ins) -> None:
        self._array_init(ins, _TABLE_OOB)

    @classmethod
    def handlers(cls) -> dict:
        from ..syntax.instructions import OP_BY_NAME
        return {OP_BY_NAME[n]: getattr(cls, "op_" + n.replace(".", "_")) for n in HEAP_OPS}


# the instructions lowered here
HEAP_OPS = ("struct.new", "struct.new_default", "struct.get", "struct.get_s", "struct.get_u",
            "struct.set", "array.new", "array.new_default", "array.new_fixed",
            "array.new_data", "array.new_elem", "array.get", "array.get_s", "array.get_u",
            "array.set", "array.len", "array.fill", "array.copy", "array.init_data",
            "array.init_elem")
