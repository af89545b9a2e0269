"""The native layouts shared by generated code and the runtime.

This is the ONE place that defines them. The compiler (compile/) bakes these
offsets into the code it emits; the runtime (runtime/) allocates and fills the
structures with ctypes using the same numbers. All structures are little-endian,
pointers and u64 are 8 bytes (x86-64 / aarch64 Linux).

Deviations from / precisions of the compiler-runtime contract
-------------------------------------------------------------
* Reference values (funcref and externref) are ONE type in generated code: an
  ``i64``. A funcref is the address of a ``VMFuncRef`` (0 = null), an externref
  a runtime handle (0 = null). Table elements are 8 bytes either way.
* Every data segment and every element segment of the module has a slot in
  the VMContext (indexed by segment index, not only passive ones). The runtime
  sets the ``len`` of active and declarative segments to 0 after instantiation
  (the spec drops them), so generated code treats them uniformly.
* Element segment slots point at an array of u64 table-element values (for
  funcref segments: addresses of VMFuncRefs, 0 for ref.null; for externref:
  handles). ``table.init`` copies them with memmove.
* ``VMRuntimeLimits.max_wasm_stack`` (bytes) is read by the entry trampoline
  when it sets the stack limit; the runtime must fill it (Config.max_wasm_stack,
  default ``DEFAULT_MAX_WASM_STACK``). A value of 0 means the default.
* Builtins (function pointers the runtime fills, called by generated code with
  the C ABI; ``vmctx`` is the calling instance's VMContext):
    - ``memory_grow(ptr vmctx, i32 mem_index, i64 delta_pages) -> i64``:
      old size in pages, or -1 on failure. It must update the VMMemory
      (base and length_bytes) before returning; generated code reloads both
      after the call.
    - ``table_grow(ptr vmctx, i32 table_index, i64 delta, i64 init_bits)
      -> i64``: old length, or -1. It must update the VMTable.
  Builtins may request a trap by returning ``BUILTIN_TRAP`` (-2) after storing
  the trap code in ``VMRuntimeLimits.trap_code``; generated code then traps.
* Trap status from the entry trampoline: 0 = returned normally; otherwise
  ``trap_code + 1`` where ``trap_code`` is the value stored in
  ``VMRuntimeLimits.trap_code`` — a ``wasmlite.errors.TrapCode`` value, or
  ``HOST_EXCEPTION`` (a host function raised; the runtime holds the Python
  exception and re-raises it).
* Host trampolines: ``VMHostContext`` starts with ``{VMRuntimeLimits* limits;
  callback}``; the rest (from offset ``HOSTCTX_RUNTIME_DATA``) belongs to the
  runtime. The callback is ``i32 cb(VMHostContext*, u64* values)``: args are
  in ``values`` on entry (8 bytes a slot, v128 two slots), results are written
  back from slot 0. A non-zero status ``s`` makes the trampoline store ``s-1``
  into ``trap_code`` and longjmp to the innermost entry; so the runtime returns
  ``HOST_EXCEPTION + 1`` when the Python callable raised, or ``TrapCode + 1``
  to raise a specific wasm trap.
* Both VMContext and VMHostContext hold the ``VMRuntimeLimits*`` at offset 0,
  so an entry trampoline can call either kind of callee.

Function ABI
------------
Every wasm function (and every host trampoline) has the native C-ABI
signature ``ret f(ptr vmctx, params...)``: i32->i32, i64->i64, f32->float,
f64->double, v128-><2 x i64>, funcref/externref->i64. No result: void; one
result: the value; several: an LLVM literal struct of them (LLVM demotes big
structs to an sret pointer by itself, consistently on both sides).

Entry trampoline: ``i32 entry(ptr callee_vmctx, ptr caller_vmctx, ptr code,
ptr values)`` — see the module docstring of trampolines.py.
"""
from __future__ import annotations

from ..syntax.module import Module
from ..syntax.types import ExternKind, FuncType, ValType, V128

POINTER_SIZE = 8

# ---------------------------------------------------------------- VMRuntimeLimits
LIMITS_STACK_LIMIT = 0      # u64: lowest allowed stack address; 0 = not set
LIMITS_JMPBUF = 8           # void*: innermost active entry's jmp_buf
LIMITS_TRAP_CODE = 16       # u32
LIMITS_FUEL = 24            # i64: fuel left (code compiled with consume_fuel)
LIMITS_EPOCH_DEADLINE = 32  # u64: the epoch at which code traps (epoch_interruption)
LIMITS_MAX_WASM_STACK = 40  # u64 bytes of native stack wasm may use
LIMITS_TRAP_VMCTX = 48      # void*: VMContext of the function that trapped last
LIMITS_TRAP_FUNC = 56       # u32: its function index (written with trap_code)
LIMITS_EPOCH_PTR = 64       # u64*: the engine's epoch counter
LIMITS_INTERRUPT_PTR = 72   # i32[2]*: Ctrl-C {flag, active entries} (runtime/interrupt.py)
LIMITS_STACK_THREAD = 80    # u64: pthread_t whose stack LIMITS_STACK_FLOOR is
LIMITS_STACK_FLOOR = 88     # u64: lowest address wasm may reach on that thread
LIMITS_TRAP_OFFSET = 96     # u64: where in that function: a wasm byte offset, or
                            # an interpreter ip with bit 63 set (trap.py)
LIMITS_EXIT_FP = 104        # void*: frame of the host trampoline calling Python now
LIMITS_INTERP_TOP = 112     # void*: innermost interpreter frame (interp/layout.py FH_*)
LIMITS_BACKTRACE = 120      # u64*: buffer the trap routine fills (runtime/backtrace.py)
# exception handling (compile/exceptions.py): the handler chain of the running
# activation (each entry trampoline starts an empty one), and the exception
# being thrown: its tag's identity, its exnref handle once it has one (0
# before), and its payload (EXN_SLOT bytes a value, as interpreter slots)
LIMITS_HANDLERS = 128       # void*: innermost handler record (HREC_*), or null
LIMITS_EXN_TAG = 136        # u64: identity (address) of the thrown exception's tag
LIMITS_EXN_REF = 144        # u64: its exnref handle, 0 until boxed
LIMITS_EXN_VALUES = 152     # u8*: its payload, EXN_SLOT bytes a value
# Wasm GC: the store's GC heap hands out one allocation area at a time
# (runtime/gc_heap.py); generated code bumps NEXT and calls the gc_alloc
# builtin when an object does not fit below LIMIT (both 0: no area yet)
LIMITS_GC_NEXT = 160        # u64: next free byte of the current area
LIMITS_GC_LIMIT = 168       # u64: its end
VMRUNTIME_LIMITS_SIZE = 176

# a handler record: a jmp_buf a throw longjmps to, then what the landing
# puts back (the chain below it, the interpreter frames the longjmp skipped)
HREC_JMPBUF = 0
HREC_PREV = 320
HREC_INTERP_TOP = 328
HREC_SIZE = 336
EXN_SLOT = 16

# An entry trampoline's activation record, at the end of its jmp_buf area
# (compile/trampolines.py): what the trap routine's stack walk follows
JMPBUF_ACT = 480            # its offset in the entry's 512-byte jmp_buf area
ACT_PREV = 0                # the previous activation's jmp_buf (LIMITS_JMPBUF)
ACT_ENTRY_FP = 8            # the entry trampoline's frame pointer: the walk stops there
ACT_EXIT_FP = 16            # LIMITS_EXIT_FP at entry: where the outer activation resumes
ACT_INTERP_TOP = 24         # LIMITS_INTERP_TOP at entry (put back after a trap)
ACT_SIZE = 32

# the trap routine's buffer: [n native, n interp, native records (fp, return
# address), interp records (frame, InterpFunc*, ip at call)]
# the interpreter frame header words the walk reads (interp/layout.py FH_*)
INTERP_FH_LINK = 8
INTERP_FH_CALL_IP = 16
INTERP_FH_NATIVE_FP = 24
BT_NATIVE_CAP = 256
BT_INTERP_CAP = 64
BT_WORDS = 2 + 2 * BT_NATIVE_CAP + 3 * BT_INTERP_CAP

# Of a thread's stack, this much (or a quarter of a smaller stack) is kept
# below wasm for the host functions it calls (see trampolines.py)
STACK_FLOOR_MARGIN = 256 * 1024

DEFAULT_MAX_WASM_STACK = 512 * 1024

# trap_code value meaning "a host function raised a Python exception"
HOST_EXCEPTION = 255
# trap_code of a wasm exception no handler of the activation caught: the
# entry trampoline returns it; a host callback returns it (status + 1) to
# have the host trampoline throw the store's pending exception into wasm
EXCEPTION_THROWN = 254
# a builtin's return value asking generated code to trap with limits.trap_code
BUILTIN_TRAP = -2

# ---------------------------------------------------------------- VMBuiltins
BUILTIN_MEMORY_GROW = 0     # i64 (ptr vmctx, i32 mem, i64 delta)
BUILTIN_TABLE_GROW = 1      # i64 (ptr vmctx, i32 table, i64 delta, i64 init)
BUILTIN_EXN_BOX = 2         # i64 (ptr vmctx): the pending exception's exnref
BUILTIN_EXN_UNBOX = 3       # i64 (ptr vmctx, i64 exnref): make it the pending one
BUILTIN_SIG_SUBTYPE = 4     # i64 (ptr vmctx, i64 actual, i64 expected): 1 if the
                            # signature actual is a subtype of expected (Wasm GC), else 0
BUILTIN_GC_ALLOC = 5        # i64 (ptr vmctx, i64 size): address of ``size`` bytes
                            # (8-aligned, not zeroed) of the GC heap, after collecting
                            # or growing it if need be; BUILTIN_TRAP (trap code
                            # ALLOCATION_TOO_LARGE) when the heap's limit is reached
BUILTIN_NAMES = ("memory_grow", "table_grow", "exn_box", "exn_unbox", "sig_subtype",
                 "gc_alloc")
VMBUILTINS_SIZE = POINTER_SIZE * len(BUILTIN_NAMES)


def builtin_offset(index: int) -> int:
    return index * POINTER_SIZE


# ---------------------------------------------------------------- VMMemory
VMMEMORY_BASE = 0           # u8*
VMMEMORY_LENGTH = 8         # u64 length in bytes
VMMEMORY_PAGE_LOG2 = 16     # u64 log2 of the page size (16; 0: custom-page-sizes)
VMMEMORY_SIZE = 24

# ---------------------------------------------------------------- VMTable
VMTABLE_ELEMENTS = 0        # u64* (void**)
VMTABLE_LENGTH = 8          # u64 number of elements
VMTABLE_SIZE = 16
TABLE_ELEMENT_SIZE = 8

# ---------------------------------------------------------------- VMFuncRef
VMFUNCREF_CODE = 0          # void*: native code with the wasm ABI
VMFUNCREF_VMCTX = 8         # void*: VMContext or VMHostContext to pass
VMFUNCREF_SIG = 16          # u64: engine-wide signature index
VMFUNCREF_SIZE = 24

# ---------------------------------------------------------------- globals
GLOBAL_CELL_SIZE = 16       # value bits, little-endian (v128 fills it)

# ---------------------------------------------------------------- segments
SEGMENT_PTR = 0             # data: u8*; elem: u64*
SEGMENT_LEN = 8             # data: bytes; elem: elements (0 = dropped)
SEGMENT_SIZE = 16

# ---------------------------------------------------------------- GC objects
# Every object of the GC heap (Wasm GC structs and arrays) starts with a
# header word; a reference to it is its address (8-aligned, so its low bits
# are 0b00: compile/gc_values.py has the other encodings of the any
# hierarchy). Generated code writes the whole object (header and every
# field) right after allocating it, before anything can collect.
GC_HEADER = 0               # u64: bits 0-31 the engine-wide type index (the
                            # VMContext's sig of the object's type), bit 32 the
                            # collector's, bit 33 GC_ARRAY_FLAG; 0 in bits 0-31: a
                            # free block of (header >> 32) bytes (the collector's)
GC_ARRAY_FLAG = 1 << 33
GC_STRUCT_FIELDS = 8        # first struct field
GC_ARRAY_LENGTH = 8         # u32 element count (the rest of the word is 0)
GC_ARRAY_DATA = 16          # first array element; elements packed at storage size
GC_ALIGN = 8                # object sizes are rounded up to this


def gc_storage_size(storage) -> int:
    """Bytes an array element of ``storage`` type takes: i8 1, i16 2,
    i32/f32 4, v128 16, everything else (i64, f64, references) 8."""
    size = getattr(storage, "size", None)          # PackedType
    if size is not None:
        return size
    name = str(storage)
    return {"i32": 4, "f32": 4, "v128": 16}.get(name, 8)


def gc_struct_layout(struct_type) -> tuple[list[int], int]:
    """Offsets of a StructType's fields and the object's size: each field
    in a slot of 8 bytes (16 for a v128), packed fields stored in the low
    bytes of theirs."""
    offsets, off = [], GC_STRUCT_FIELDS
    for f in struct_type.fields:
        offsets.append(off)
        off += 16 if gc_storage_size(f.storage) == 16 else 8
    return offsets, off


def gc_array_size(elem_size: int, length: int) -> int:
    """Bytes of an array object of ``length`` elements of ``elem_size``."""
    return GC_ARRAY_DATA + ((elem_size * length + GC_ALIGN - 1) & ~(GC_ALIGN - 1))


# ---------------------------------------------------------------- VMHostContext
HOSTCTX_LIMITS = 0          # VMRuntimeLimits*
HOSTCTX_CALLBACK = 8        # i32 (*)(VMHostContext*, u64*)
HOSTCTX_RUNTIME_DATA = 16   # first byte the runtime may use freely

# ---------------------------------------------------------------- values
VALUE_SLOT_SIZE = 8


def value_slots(t: ValType) -> int:
    """Number of 8-byte slots a value takes in a values array."""
    return 2 if t is V128 else 1


def values_slots(types) -> int:
    return sum(2 if t is V128 else 1 for t in types)


def values_array_slots(ft: FuncType) -> int:
    """Slots the ``values`` array for an entry/host call must have (>= 1)."""
    return max(values_slots(ft.params), values_slots(ft.results), 1)


class VMContextLayout:
    """Byte offsets inside the VMContext of an instance of ``module``.

    Order: limits ptr, builtins ptr, memories (ptr each), tables (ptr each),
    globals (ptr each), functions (inline VMFuncRef each, imports first),
    signature indices of the module's types (u32 each, padded to 8), data
    segments, element segments, tags (a pointer each, imports first: the
    tag's identity, compared by a catch).
    """

    __slots__ = ("num_memories", "num_tables", "num_globals", "num_funcs",
                 "num_imported_funcs", "num_types", "num_datas", "num_elems",
                 "limits", "builtins", "memories_start", "tables_start",
                 "globals_start", "funcs_start", "sigs_start", "datas_start",
                 "elems_start", "num_tags", "tags_start", "size", "module")

    def __init__(self, module: Module) -> None:
        self.module = module          # (what a cast's type index names: gc_values.py)
        self.num_memories = len(module.all_mems())
        self.num_tables = len(module.all_tables())
        self.num_globals = len(module.all_globals())
        self.num_imported_funcs = module.num_imported(ExternKind.FUNC)
        self.num_funcs = self.num_imported_funcs + len(module.funcs)
        self.num_types = len(module.types)
        self.num_datas = len(module.datas)
        self.num_elems = len(module.elems)
        self.num_tags = len(module.tag_type_indices())

        self.limits = 0
        self.builtins = 8
        off = 16
        self.memories_start = off
        off += POINTER_SIZE * self.num_memories
        self.tables_start = off
        off += POINTER_SIZE * self.num_tables
        self.globals_start = off
        off += POINTER_SIZE * self.num_globals
        self.funcs_start = off
        off += VMFUNCREF_SIZE * self.num_funcs
        self.sigs_start = off
        off += 4 * self.num_types
        off = (off + 7) & ~7
        self.datas_start = off
        off += SEGMENT_SIZE * self.num_datas
        self.elems_start = off
        off += SEGMENT_SIZE * self.num_elems
        self.tags_start = off
        off += POINTER_SIZE * self.num_tags
        self.size = max(off, 16)

    def memory(self, index: int) -> int:
        """Offset of the ``VMMemory*`` of memory ``index``."""
        return self.memories_start + POINTER_SIZE * index

    def table(self, index: int) -> int:
        """Offset of the ``VMTable*`` of table ``index``."""
        return self.tables_start + POINTER_SIZE * index

    def global_(self, index: int) -> int:
        """Offset of the pointer to the 16-byte cell of global ``index``."""
        return self.globals_start + POINTER_SIZE * index

    def func(self, index: int) -> int:
        """Offset of the inline ``VMFuncRef`` of function ``index``."""
        return self.funcs_start + VMFUNCREF_SIZE * index

    def sig(self, type_index: int) -> int:
        """Offset of the u32 engine-wide signature index of type ``type_index``."""
        return self.sigs_start + 4 * type_index

    def data(self, index: int) -> int:
        """Offset of ``{u8* ptr; u64 len}`` of data segment ``index``."""
        return self.datas_start + SEGMENT_SIZE * index

    def elem(self, index: int) -> int:
        """Offset of ``{u64* ptr; u64 len}`` of element segment ``index``."""
        return self.elems_start + SEGMENT_SIZE * index

    def tag(self, index: int) -> int:
        """Offset of the identity (a unique address) of tag ``index``."""
        return self.tags_start + POINTER_SIZE * index

    def __repr__(self) -> str:
        return (f"VMContextLayout(size={self.size}, memories={self.num_memories}, "
                f"tables={self.num_tables}, globals={self.num_globals}, "
                f"funcs={self.num_funcs}, types={self.num_types})")
