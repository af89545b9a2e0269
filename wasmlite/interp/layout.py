"""The interpreter's native structures, defined once for the handler
generator (handlers.py), the per-signature stubs (stubs.py) and the Python
side that fills them (module.py).

Handler ABI (every handler, so each can ``musttail`` into the next)::

    void handler(ptr ip, ptr sp, ptr fp, ptr vmctx)

* ``ip``: the instruction being run: a u64 word holding the handler's
  address, followed by its immediates (u64 words);
* ``sp``: the next free operand slot; ``fp``: slot 0 of the frame (local 0);
* ``vmctx``: the instance's VMContext (compile/vmcontext.py), so handlers
  made from the compiler's lowering find memories, tables and globals where
  compiled code does.

Every value takes one 16-byte slot (a v128 fits; an i32 uses the low 4
bytes, little-endian). A frame is ``FRAME_HEADER`` bytes (the InterpFunc
pointer of the running function, for traps and tier-up counters), then the
locals (parameters first), then the operand stack; its size is fixed per
function, since validation fixes the stack height at every instruction.
Frames are allocated on the native stack by ``interp_call``, so
``max_wasm_stack`` counts interpreter frames exactly as it counts compiled
ones.
"""
from __future__ import annotations

from ..compile import vmcontext as vm

SLOT = 16
FRAME_HEADER = 48          # [InterpFunc*, caller frame, ip at a call, native fp,
                           #  fuel, tail call's vmctx]
# the header's words (offsets from the frame's start, i.e. fp - FRAME_HEADER),
# for backtraces (runtime/backtrace.py):
FH_FUNC = 0                # InterpFunc* of the running function
FH_LINK = 8                # the next outer interpreter frame (VMRuntimeLimits'
                           # chain, compile/vmcontext.py LIMITS_INTERP_TOP)
FH_CALL_IP = 16            # ip of the call instruction running, set by x_call*
FH_NATIVE_FP = 24          # interp_call's frame pointer (the native walk resumes there)
FH_FUEL = 32               # with consume_fuel: the function's fuel, as compiled code
                           # keeps it in a register: written to the store only
                           # where Wasmtime writes it (calls, returns, unreachable,
                           # call_indirect, fuel-check traps), read back after calls
FH_TAIL_VMCTX = 40         # a tail call (x_return_call*) returns to interp_call with
                           # the callee's InterpFunc* | 1 in FH_FUNC, its vmctx
                           # here and its arguments in the frame's first slots:
                           # interp_call runs the callee in the same frame
assert (FH_LINK, FH_CALL_IP, FH_NATIVE_FP) == (vm.INTERP_FH_LINK, vm.INTERP_FH_CALL_IP,
                                               vm.INTERP_FH_NATIVE_FP)
WORD = 8

# ---------------------------------------------------------------- InterpFunc
# one per defined function of a module (module-level: instances share it)
IF_CODE = 0                # u64*: the pre-decoded code (first word: a handler)
IF_COMPILED = 8            # void*: tier-up code (wasm ABI), 0 until it arrives
IF_OUT_STUB = 16           # void out(code, vmctx, slots*) of its signature
IF_NPARAMS = 24            # u32
IF_NRESULTS = 28           # u32
IF_NLOCALS = 32            # u32: params + declared locals
IF_FUNC_INDEX = 36         # u32: index in the function index space
IF_FRAME_BYTES = 40        # u64: header + locals + max stack height, in bytes
IF_COUNTER = 48            # i64: hotness (calls and loop back-edges)
IF_HOT = 56                # void hot(InterpFunc*): called once the counter passes 0
IF_RUNNER = 64             # void interp_call(InterpFunc*, slots*, vmctx)
IF_MODULE = 72             # u64: the module's id (the runtime's, for tier-up)
IF_OSR = 80                # void osr(vmctx, fp, i32 k): enter compiled code at
                           # eligible loop k (compile/translate.py), 0 until tier-up
IF_LAZY = 88               # void lazy(InterpFunc*): pre-decodes the function on
                           # its first call (IF_CODE is 0 until then)
IF_HANDLERS = 96           # u64*: the function's handler table (HT_*), 0 if it has
                           # no try: interp_call then pushes no handler record
IF_OSR_ACTIVE = 104        # u64: calls that entered its OSR entries (high 32 bits)
                           # and those running there now (low 32; each entry counts
                           # itself in and out, a trap leaves it high): tier-up
                           # compiles a full-level entry only for a call that needs it
OSR_ENTERED = 1 << 32
IF_OSR_NESTED = 112        # void osr(vmctx, fp, i32 k) for the loops inside other
                           # loops (k >= OSR_NESTED): the cheap level's entry,
                           # which has them (the full level's has only the
                           # outermost; it hands over there), 0 until it exists
INTERP_FUNC_SIZE = 120
# OSR numbers: outermost loops 0, 1, ... (every entry has them); loops
# inside another loop OSR_NESTED + 0, 1, ... (only cheap-level entries)
OSR_NESTED = 1 << 16

# ---------------------------------------------------------------- handler table
# Made by the pre-decoder (bytecode.py) after the code words: [n, then n
# entries of HT_WORDS words], innermost try first. A throw lands in the
# interp_call of the nearest function with handlers; it scans the entries
# whose [start, end) code range holds the frame's FH_CALL_IP.
HT_START = 0               # first code word of the try body (an address)
HT_END = 1                 # past its last (an address)
HT_DEPTH = 2               # the try's control depth (the function's frame is 0)
HT_KIND = 3                # 0 catch, 1 catch_ref, 2 catch_all, 3 catch_all_ref, 4 delegate
HT_TAG = 4                 # VMContext offset of the tag's identity
HT_TARGET = 5              # where the code goes on (an address); delegate: the
                           # depth whose tries may take the exception still
HT_DEST = 6                # byte offset from fp of the label's first slot
HT_NVALUES = 7             # payload values copied there
HT_EXN_SLOT = 8            # byte offset from fp that keeps the exnref for a legacy
                           # rethrow, or all ones
HT_WORDS = 9
HT_DELEGATE = 4
HT_NONE = (1 << 64) - 1
# a function with handlers has a handler record (compile/vmcontext.py HREC_*)
# at the end of its frame

# ---------------------------------------------------------------- closure
# one per defined function per instance: what a VMFuncRef of an interpreted
# function passes as its vmctx. Offset 0 holds the VMRuntimeLimits*, as in a
# VMContext and a VMHostContext, so entry trampolines treat it alike.
CL_LIMITS = 0
CL_VMCTX = 8
CL_FUNC = 16               # InterpFunc*
CLOSURE_SIZE = 24
