"""Entry (Python -> wasm) and host (wasm -> Python) trampolines, as IR text.

Entry trampoline, one per distinct signature, same LLVM module as the code:

    i32 entry(ptr callee_vmctx, ptr caller_vmctx, ptr code, ptr values)

1. reads ``limits = *(VMRuntimeLimits**)callee_vmctx`` (offset 0 of both a
   VMContext and a VMHostContext);
2. pushes a stack-allocated jmp_buf on the store's chain (saving the previous
   ``limits.jmpbuf``) and calls ``_setjmp``;
3. if ``limits.stack_limit`` is 0, sets it to (this frame's address -
   ``limits.max_wasm_stack``), but never below the calling thread's stack
   floor (the lowest address of its stack plus a margin for host calls,
   from ``pthread_getattr_np``, cached in the limits block per thread; a
   store made on the main thread has it already: runtime/stack_floor.py), and
   puts 0 back on exit, so nested entries (wasm -> host -> wasm) share the
   outermost limit. The floor keeps a max_wasm_stack larger than a thread's
   stack (``threading.stack_size``) a trap instead of a crash;
4. loads the arguments from ``values`` (8-byte slots, v128 two slots), calls
   ``code(callee_vmctx, args...)``, stores the results from slot 0;
5. returns 0, or after a trap ``limits.trap_code + 1``.

Host trampoline, one per signature (engine-cached, see jit.HostTrampolines):
wasm ABI ``ret host(ptr hostctx, params...)``; spills the args to a stack
array, calls ``i32 cb(hostctx, values)`` (the runtime's CFUNCTYPE stored at
``hostctx+8``), and on status s != 0 stores ``s - 1`` into ``trap_code`` and
longjmps to the innermost entry (status ``EXCEPTION_THROWN + 1``: throws the
store's pending wasm exception instead); otherwise loads and returns the results.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from ..syntax.types import FuncType, V128
from . import vmcontext as vm
from .lltypes import LLTYPE, param_list, ret_type, wasm_cc

# glibc's jmp_buf is 200 bytes on x86-64 and 312 on aarch64; keep headroom.
JMPBUF_BYTES = 512
assert vm.JMPBUF_ACT + vm.ACT_SIZE <= JMPBUF_BYTES
# every frame a trap's stack walk passes keeps a frame pointer (memory.py)
FRAME_POINTER = '"frame-pointer"="all"'


def _slot_offsets(types) -> list[int]:
    offs, o = [], 0
    for t in types:
        offs.append(o * vm.VALUE_SLOT_SIZE)
        o += 2 if t is V128 else 1
    return offs


def _load_values(lines: list[str], types, src: str, prefix: str, offsets=None) -> list[str]:
    """Load ``types`` from ``src`` (at ``offsets``: default, the values
    array's 8-byte slots; the interpreter passes its 16-byte ones)."""
    names = []
    for i, (t, off) in enumerate(zip(types, offsets or _slot_offsets(types))):
        lt = LLTYPE[t]
        lines.append(f"  %{prefix}{i}.a = getelementptr i8, ptr {src}, i64 {off}")
        lines.append(f"  %{prefix}{i} = load {lt}, ptr %{prefix}{i}.a, align 8")
        names.append(f"%{prefix}{i}")
    return names


def _store_values(lines: list[str], types, vals: list[str], dst: str, prefix: str,
                  offsets=None) -> None:
    for i, (t, v, off) in enumerate(zip(types, vals, offsets or _slot_offsets(types))):
        lines.append(f"  %{prefix}{i}.a = getelementptr i8, ptr {dst}, i64 {off}")
        lines.append(f"  store {LLTYPE[t]} {v}, ptr %{prefix}{i}.a, align 8")


def _results_of(lines: list[str], ft: FuncType, call_value: str) -> list[str]:
    """SSA names of the results of a call that returned ``call_value``."""
    if len(ft.results) == 1:
        return [call_value]
    rt = ret_type(ft.results)
    names = []
    for i in range(len(ft.results)):
        lines.append(f"  %res{i} = extractvalue {rt} {call_value}, {i}")
        names.append(f"%res{i}")
    return names


def entry_trampoline(name: str, ft: FuncType) -> str:
    """IR of the entry trampoline ``@name`` for signature ``ft``."""
    rt = ret_type(ft.results)
    L = [f'define i32 @{name}(ptr %callee, ptr %caller, ptr %code, ptr %values) {FRAME_POINTER} {{',
         "entry:",
         f"  %jb = alloca [{JMPBUF_BYTES // 8} x i64], align 16",
         "  %attr = alloca [16 x i64], align 16",     # pthread_attr_t (56 bytes)
         "  %stk.lo = alloca i64, align 8",
         "  %stk.size = alloca i64, align 8",
         "  %limits = load ptr, ptr %callee",
         f"  %ipp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERRUPT_PTR}",
         "  %ip = load ptr, ptr %ipp",
         "  %noip = icmp eq ptr %ip, null",
         "  %active = getelementptr i8, ptr %ip, i64 4",
         f"  %jbslot = getelementptr i8, ptr %limits, i64 {vm.LIMITS_JMPBUF}",
         "  %prevjb = load ptr, ptr %jbslot",
         # this activation's exception handlers start empty (exceptions.py)
         f"  %handp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_HANDLERS}",
         "  %prevh = load ptr, ptr %handp",
         "  store ptr null, ptr %handp",
         "  %sl = load i64, ptr %limits",
         "  %unset = icmp eq i64 %sl, 0",
         "  br i1 %unset, label %setlimit, label %go",
         "setlimit:",
         f"  %maxp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_MAX_WASM_STACK}",
         "  %max = load i64, ptr %maxp",
         "  %max0 = icmp eq i64 %max, 0",
         f"  %maxv = select i1 %max0, i64 {vm.DEFAULT_MAX_WASM_STACK}, i64 %max",
         "  %sp = ptrtoint ptr %jb to i64",
         "  %under = icmp ult i64 %sp, %maxv",
         "  %lim0 = sub i64 %sp, %maxv",
         "  %lim1 = select i1 %under, i64 1, i64 %lim0",
         f"  %thrp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_STACK_THREAD}",
         f"  %floorp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_STACK_FLOOR}",
         "  %thr = load i64, ptr %thrp",
         "  %self = call i64 @pthread_self()",
         "  %same = icmp eq i64 %thr, %self",
         "  br i1 %same, label %havefloor, label %getattr",
         "getattr:",   # first outermost entry of this store on this thread
         "  store i64 0, ptr %floorp",
         "  store i64 %self, ptr %thrp",
         "  %garc = call i32 @pthread_getattr_np(i64 %self, ptr %attr)",
         "  %gaok = icmp eq i32 %garc, 0",
         "  br i1 %gaok, label %getstack, label %havefloor",
         "getstack:",
         "  %gsrc = call i32 @pthread_attr_getstack(ptr %attr, ptr %stk.lo, ptr %stk.size)",
         "  %gdrc = call i32 @pthread_attr_destroy(ptr %attr)",
         "  %gsok = icmp eq i32 %gsrc, 0",
         "  br i1 %gsok, label %setfloor, label %havefloor",
         "setfloor:",
         "  %lo = load i64, ptr %stk.lo",
         "  %size = load i64, ptr %stk.size",
         "  %quarter = lshr i64 %size, 2",
         f"  %mbig = icmp ugt i64 %quarter, {vm.STACK_FLOOR_MARGIN}",
         f"  %margin = select i1 %mbig, i64 {vm.STACK_FLOOR_MARGIN}, i64 %quarter",
         "  %floor0 = add i64 %lo, %margin",
         "  store i64 %floor0, ptr %floorp",
         "  br label %havefloor",
         "havefloor:",
         "  %floor = load i64, ptr %floorp",
         "  %abovefloor = icmp ugt i64 %lim1, %floor",
         "  %lim = select i1 %abovefloor, i64 %lim1, i64 %floor",
         "  store i64 %lim, ptr %limits",
         # an outermost activation: count it for the Ctrl-C handler; the
         # first one after all wasm stopped clears a stale Ctrl-C flag
         "  br i1 %noip, label %go, label %enter",
         "enter:",
         "  %was = atomicrmw add ptr %active, i32 1 seq_cst",
         "  %first = icmp eq i32 %was, 0",
         "  br i1 %first, label %clear, label %go",
         "clear:",
         "  store atomic i32 0, ptr %ip seq_cst, align 4",
         "  br label %go",
         "go:",
         # the activation record the trap routine's stack walk follows
         f"  %act = getelementptr i8, ptr %jb, i64 {vm.JMPBUF_ACT}",
         "  store ptr %prevjb, ptr %act",
         "  %efp = call ptr @llvm.frameaddress.p0(i32 0)",
         f"  %act.e = getelementptr i8, ptr %act, i64 {vm.ACT_ENTRY_FP}",
         "  store ptr %efp, ptr %act.e",
         f"  %xfpp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXIT_FP}",
         "  %xfp = load ptr, ptr %xfpp",
         f"  %act.x = getelementptr i8, ptr %act, i64 {vm.ACT_EXIT_FP}",
         "  store ptr %xfp, ptr %act.x",
         f"  %itopp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERP_TOP}",
         "  %itop = load ptr, ptr %itopp",
         "  store ptr %jb, ptr %jbslot",
         "  %s = call i32 @_setjmp(ptr %jb) returns_twice",
         "  %trapped = icmp ne i32 %s, 0",
         "  br i1 %trapped, label %trap, label %call",
         "call:"]
    args = _load_values(L, ft.params, "%values", "a")
    arg_text = "".join(f", {LLTYPE[t]} {a}" for t, a in zip(ft.params, args))
    if ft.results:
        L.append(f"  %r = call {wasm_cc(ft)} {rt} %code(ptr %callee{arg_text})")
        _store_values(L, ft.results, _results_of(L, ft, "%r"), "%values", "o")
    else:
        L.append(f"  call {wasm_cc(ft)} void %code(ptr %callee{arg_text})")
    L += ["  store ptr %prevjb, ptr %jbslot",
          "  store ptr %prevh, ptr %handp",
          "  br i1 %unset, label %reset_ok, label %done_ok",
          "reset_ok:",
          "  store i64 0, ptr %limits",
          "  br i1 %noip, label %done_ok, label %leave_ok",
          "leave_ok:",
          "  %left_ok = atomicrmw sub ptr %active, i32 1 seq_cst",
          "  br label %done_ok",
          "done_ok:",
          "  ret i32 0",
          "trap:",
          "  store ptr %prevjb, ptr %jbslot",
          "  store ptr %prevh, ptr %handp",
          "  store ptr %itop, ptr %itopp",      # interpreter frames the longjmp skipped
          "  br i1 %unset, label %reset_trap, label %done_trap",
          "reset_trap:",
          "  store i64 0, ptr %limits",
          "  br i1 %noip, label %done_trap, label %leave_trap",
          "leave_trap:",
          "  %left_trap = atomicrmw sub ptr %active, i32 1 seq_cst",
          "  br label %done_trap",
          "done_trap:",
          f"  %tcp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_CODE}",
          "  %tc = load i32, ptr %tcp",
          "  %status = add i32 %tc, 1",
          "  ret i32 %status",
          "}"]
    return "\n".join(L)


def host_trampoline(name: str, ft: FuncType) -> str:
    """IR of the host trampoline ``@name`` (wasm ABI) for signature ``ft``."""
    rt = ret_type(ft.results)
    slots = vm.values_array_slots(ft)
    L = [f"define {wasm_cc(ft)} {rt} @{name}({param_list(ft, 'ptr %hctx')}) {FRAME_POINTER} {{",
         "entry:",
         f"  %vals = alloca [{slots} x i64], align 16"]
    _store_values(L, ft.params, [f"%p{i}" for i in range(len(ft.params))], "%vals", "a")
    L += [f"  %cbp = getelementptr i8, ptr %hctx, i64 {vm.HOSTCTX_CALLBACK}",
          "  %cb = load ptr, ptr %cbp",
          # where the stack walk of a trap inside the callback goes on
          "  %hlim = load ptr, ptr %hctx",
          f"  %xfpp = getelementptr i8, ptr %hlim, i64 {vm.LIMITS_EXIT_FP}",
          "  %xprev = load ptr, ptr %xfpp",
          "  %hfp = call ptr @llvm.frameaddress.p0(i32 0)",
          "  store ptr %hfp, ptr %xfpp",
          "  %s = call i32 %cb(ptr %hctx, ptr %vals)",
          "  store ptr %xprev, ptr %xfpp",
          "  %bad = icmp ne i32 %s, 0",
          "  br i1 %bad, label %trap, label %ok",
          "trap:",
          "  %code = sub i32 %s, 1",
          # the callback let a wasm exception through: throw it on in wasm
          f"  %exn = icmp eq i32 %code, {vm.EXCEPTION_THROWN}",
          "  br i1 %exn, label %throw, label %fail",
          "throw:",
          "  call void @wasmlite_throw(ptr %hctx)",
          "  unreachable",
          "fail:",
          "  call void @wasmlite_trap(ptr %hctx, i32 %code)",
          "  unreachable",
          "ok:"]
    if not ft.results:
        L.append("  ret void")
    else:
        vals = _load_values(L, ft.results, "%vals", "r")
        if len(vals) == 1:
            L.append(f"  ret {rt} {vals[0]}")
        else:
            agg = "undef"
            for i, (t, v) in enumerate(zip(ft.results, vals)):
                L.append(f"  %agg{i} = insertvalue {rt} {agg}, {LLTYPE[t]} {v}, {i}")
                agg = f"%agg{i}"
            L.append(f"  ret {rt} {agg}")
    L.append("}")
    return "\n".join(L)


class HostTrampoline(NamedTuple):
    """``address``: the host trampoline (wasm ABI, vmctx = VMHostContext*);
    ``library``: keeps its code alive; ``entry_address``: an entry trampoline
    of the same signature, so Python can call anything of this signature
    even when no module provides one. Unpacks as (address, library)."""

    address: int
    library: Any
    entry_address: int
    functype: FuncType


def compile_host_trampoline(functype: FuncType, opt_level: int = 2) -> HostTrampoline:
    """Compile the host and entry trampolines of ``functype`` (one library)."""
    from .memory import RUNTIME_HELPERS
    from .numeric import INTRINSIC_DECLS
    from . import jit           # here: the IR builders above need no LLVM
    symbol = jit.new_symbol("wasmlite_host")
    text = "\n".join([jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS,
                      host_trampoline("host", functype), entry_trampoline("entry", functype),
                      f"@{symbol} = constant [2 x ptr] [ptr @host, ptr @entry]"])
    lib = jit.build_library(text, symbol, 2, opt_level)
    return HostTrampoline(lib.addresses[0], lib, lib.addresses[1], functype)
