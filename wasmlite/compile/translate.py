"""Translate one wasm function body into LLVM IR text.

The body is a flat instruction list; we walk it once with a typed value stack
of SSA operands (strings) and a stack of control frames — no recursion, so
10,000 nested blocks cost nothing special.

* Locals live in allocas (LLVM's SROA turns them into registers); block
  results and loop parameters are phi nodes built when the block's end (or the
  loop's end, for its header) is reached, when all incoming edges are known.
* Constants are pushed as literal operands, not instructions.
* Code after br/br_table/return/unreachable is skipped up to the matching
  else/end (only nesting depth is tracked there).
* Each trap kind has one shared block per function that calls the module's
  ``wasmlite_trap`` routine (it stores the code and longjmps).

Memory, table and bulk instructions are in memory.py, SIMD in simd.py and
simd_memory.py (mixins).
"""
from __future__ import annotations

import re
from typing import Optional

from ..errors import NULL_FUNCTION_REFERENCE, CompileError, TrapCode  # noqa: F401 (CompileError: its old home)
from ..syntax.instructions import OP_BY_NAME, OPS
from ..syntax.module import Func, Module
from ..syntax.types import ExternKind, FuncType, ValType
from . import vmcontext as vm
from .lltypes import (LLTYPE, TAILCC, ZERO, can_tail_call, f32_literal, f64_literal,
                      param_list, ret_type, wasm_cc)
from .exceptions import ExceptionOps, has_handlers
from .gc_values import GcValueOps
from .gc_objects import GcObjectOps
from .interrupts import FLUSH_BEFORE, FUEL_FREE, InterruptOps
from .memory import TBAA_GLOBAL, MemoryOps
from .nan_canon import add_variants
from .numeric import TEMPLATES
from .simd import SimdOps
from .simd_memory import SimdMemoryOps

# Backtraces: frame pointers for the trap routine's stack walk, and no
# inlining of one wasm function into another (a call site's stack map names
# one function; an inlined callee would hide its caller's frame)
_FN_ATTRS = 'noinline "frame-pointer"="all"'
_OSR_BIT = 1 << 63


def backtrace_id(func_index: int, wasm_offset: int, osr: bool = False) -> int:
    """A call site's stack-map ID (signed i64): its function, whether it is
    the function's OSR entry, and the call's byte offset in the binary."""
    v = (_OSR_BIT if osr else 0) | (func_index << 32) | (wasm_offset & 0xFFFFFFFF)
    return v - (1 << 64) if v & _OSR_BIT else v


def split_backtrace_id(v: int) -> tuple[int, int, bool]:
    """(func_index, wasm_offset, osr) of a stack-map ID."""
    v &= (1 << 64) - 1
    return (v >> 32) & 0x7FFFFFFF, v & 0xFFFFFFFF, bool(v & _OSR_BIT)


_TRAP_LABEL = re.compile(r"%trap(\d+)(?![\d.])")
_STACK_OVERFLOW = int(TrapCode.STACK_OVERFLOW)
_UNREACHABLE = int(TrapCode.UNREACHABLE)
_TABLE_OOB = int(TrapCode.TABLE_OUT_OF_BOUNDS)
_NULL_CALL = int(TrapCode.INDIRECT_CALL_TO_NULL)
_BAD_SIG = int(TrapCode.BAD_SIGNATURE)
_NULL_REF = int(TrapCode.NULL_REFERENCE)
_NULL_FUNCREF = NULL_FUNCTION_REFERENCE


# Numeric instructions: Op -> (template, nparams, result lltype, traps, new_block)
NUMERIC: dict = {}
for _op in OPS:
    _t = TEMPLATES.get(_op.name)
    if _t is not None:
        NUMERIC[_op] = (_t[0], len(_op.params), LLTYPE[_op.results[0]], _t[1], _t[2])


class Frame:
    """A control frame: ``label`` is the branch target (end label, or the
    header for a loop); ``incoming`` the (predecessor label, values) edges."""

    __slots__ = ("kind", "params", "results", "label", "height", "incoming",
                 "else_label", "param_vals", "has_else", "phis", "phi_slot",
                 # exception handling (exceptions.py): the handler chain in
                 # effect inside the frame; a try's record below it, name,
                 # catches, whether a rethrow needs its exnref, dispatch slot
                 "chain", "prev", "name", "catches", "needs_exn", "land_slot")

    def __init__(self, kind, params, results, label, height):
        self.kind = kind
        self.params = params
        self.results = results
        self.label = label
        self.height = height
        self.incoming = []
        self.else_label = None
        self.param_vals = None
        self.has_else = False
        self.phis = None
        self.phi_slot = -1
        self.chain = None


class ModuleContext:
    """What every function translator needs to know about the module."""

    def __init__(self, module: Module, consume_fuel: bool = False,
                 epoch_interruption: bool = False, nan_canonicalization: bool = False) -> None:
        self.module = module
        # the checks generated code carries (interrupts.py)
        self.consume_fuel = consume_fuel
        self.epoch_interruption = epoch_interruption
        # canonical NaNs from every float operation (nan_canon.py)
        self.nan_canonicalization = nan_canonicalization
        self.layout = vm.VMContextLayout(module)
        self.types = module.types
        self.func_types: list[FuncType] = [module.types[i] for i in module.func_type_indices()]
        self.tag_types: list[FuncType] = [module.types[i] for i in module.tag_type_indices()]
        self.num_imported_funcs = module.num_imported(ExternKind.FUNC)
        self.global_lltypes = [LLTYPE[g.valtype] for g in module.all_globals()]
        # LLVM spelling of each function's return type, by function index
        self.ret_types = [ret_type(ft.results) for ft in self.func_types]
        self._block_types: dict = {}
        self.intrinsics: set[str] = set()   # llvm.* names SIMD code called (declared once)
        # defined functions called directly (None: all of them); the others
        # through their VMFuncRef, as imports are (a tier-up batch, tiering.py)
        self.direct_calls: Optional[set] = None
        # OSR variants that hand over to a better entry (tiering.py: the
        # cheap level's entries, until the full level's arrive)
        self.osr_upgrade = False
        # OSR variants with entries at loops inside other loops too (the
        # cheap level's: op_loop)
        self.osr_nested = False

    def may_have_subtypes(self, type_idx: int) -> bool:
        """Whether a function of another type may pass a check for type
        ``type_idx`` (Wasm GC: a type not declared final)."""
        sub = getattr(self.module, "subtypes", {}).get(type_idx)
        return sub is not None and not sub.final

    def block_type(self, bt) -> tuple[list[str], list[str]]:
        """(param lltypes, result lltypes) of a block type immediate."""
        r = self._block_types.get(bt)
        if r is None:
            if bt is None:
                r = ([], [])
            elif isinstance(bt, ValType):
                r = ([], [LLTYPE[bt]])
            else:
                ft = self.types[bt]
                r = ([LLTYPE[t] for t in ft.params], [LLTYPE[t] for t in ft.results])
            self._block_types[bt] = r
        return r


class FunctionTranslator(MemoryOps, SimdOps, SimdMemoryOps, InterruptOps, ExceptionOps,
                         GcValueOps, GcObjectOps):
    """Translates defined function ``index`` of the module to one ``define``."""

    # An OSR variant (``osr=True``) is the function entered at one of its
    # loop headers from the interpreter: ``void @f<i>.osr(ptr vmctx, ptr fp,
    # i32 k)`` loads every local from the interpreter's frame slots (fp, 16
    # bytes each), jumps to eligible loop k (a loop entered with an empty
    # operand stack and no params, numbered in body order, as
    # interp/bytecode.py numbers them) and stores its results into the
    # slots instead of returning them.
    osr = False

    def __init__(self, ctx: ModuleContext, index: int, func: Func, osr: bool = False) -> None:
        self.osr = osr
        self.osr_headers: list[str] = []
        self.osr_nested_headers: list[str] = []     # numbered from OSR_NESTED
        self.ctx = ctx
        self.index = index
        self.func = func
        self.ft = ctx.func_types[index]
        self.out: list = []          # body lines (None = loop phi placeholder)
        self.entry: list[str] = []   # loads hoisted into the entry block
        self.cache: dict = {}
        self.stack: list = []        # (operand, lltype)
        self.frames: list[Frame] = []
        self.cur = "start"
        self.n = 0
        self.traps: set[int] = set()
        self.sites: list[tuple[int, int]] = []   # per trap site: (code, wasm offset)
        self.dead = False
        self.func_results = [LLTYPE[t] for t in self.ft.results]
        self.local_types = [LLTYPE[t] for t in self.ft.params] + [LLTYPE[t] for t in func.locals]
        self.edge_blocks: list[str] = []     # branches that leave a try body (exceptions.py)
        self.with_handlers = has_handlers(func.body)

    # ------------------------------------------------------------ helpers
    def tmp(self) -> str:
        n = self.n
        self.n = n + 1
        return f"t{n}"

    def pop_vals(self, k: int) -> list[str]:
        if k == 0:
            return []
        st = self.stack
        vals = [v for v, _ in st[-k:]]
        del st[-k:]
        return vals

    def top_vals(self, k: int) -> list[str]:
        if k == 0:
            return []
        return [v for v, _ in self.stack[-k:]]

    def hoisted(self, key, make) -> str:
        """An SSA value computed once in the entry block (pointers that never
        change for the life of an instance)."""
        v = self.cache.get(key)
        if v is None:
            v = make()
            self.cache[key] = v
        return v

    def vmctx_field(self, name: str, offset: int, lltype: str = "ptr") -> str:
        """Load a constant field of the VMContext once, in the entry block."""
        def make():
            self.entry.append(f"%{name}.a = getelementptr i8, ptr %vmctx, i64 {offset}")
            self.entry.append(f"%{name} = load {lltype}, ptr %{name}.a")
            return f"%{name}"
        return self.hoisted(name, make)

    def opaque(self, value: str, lltype: str) -> str:
        """``value`` hidden from the optimizer behind an empty inline asm.

        LLVM folds x-0.0, x*1.0, x/-1.0, fptrunc(fpext x)... to x or fneg x,
        which passes a signalling NaN through unquieted; wasm requires an
        arithmetic NaN from every float arithmetic operation."""
        it = "i32" if lltype == "float" else "i64"
        r = self.tmp()
        self.out.append(f"%{r}.i = bitcast {lltype} {value} to {it}")
        self.out.append(f'%{r}.o = call {it} asm "", "=r,0"({it} %{r}.i)')
        self.out.append(f"%{r} = bitcast {it} %{r}.o to {lltype}")
        return f"%{r}"

    def trap_to(self, code: int) -> str:
        self.traps.add(code)
        return f"%trap{code}"

    def mark_sites(self, start: int, offset: int) -> None:
        """Give the trap branches emitted since ``out[start]`` a block of
        their own that records ``offset`` (the trapping instruction's byte
        offset in the binary) before the shared trap block, so a trap's
        innermost frame points at its instruction."""
        out = self.out
        sites = self.sites

        def site(m) -> str:
            sites.append((int(m.group(1)), offset))
            return f"%trap{m.group(1)}.s{len(sites) - 1}"
        for i in range(start, len(out)):
            line = out[i]
            if line is not None and "%trap" in line:
                out[i] = _TRAP_LABEL.sub(site, line)

    # ------------------------------------------------------------ driver
    def translate(self) -> str:
        ft = self.ft
        ctx = self.ctx
        out = self.out
        params, results = [LLTYPE[t] for t in ft.params], [LLTYPE[t] for t in ft.results]
        self.frames.append(Frame("func", params, results, "exit", 0))
        if self.with_handlers:
            self.handlers_ptr()
            self.frames[0].chain = "%hand.entry"
        if getattr(ctx, "nan_canonicalization", False):
            numeric, handlers = NUMERIC_CANON, HANDLERS_CANON
        else:
            numeric, handlers = NUMERIC, HANDLERS
        stack = self.stack
        block_ops = _BLOCK_OPS
        fold_guarded = _FOLD_GUARDED
        fuel = ctx.consume_fuel
        epoch = ctx.epoch_interruption
        if fuel:
            lines = self.fuel_entry_lines()
            if self.osr:
                # the interpreter charged the call already, and keeps its
                # fuel in the frame header (interp/layout.py FH_FUEL): the
                # local starts from there, and the store is left as it is
                # until this code writes it back, as if no tier changed
                from ..interp.layout import FH_FUEL, FRAME_HEADER
                lines = [x.replace("%fuel.in, 1", "%fuel.in, 0") for x in lines]
                frame = f"%fuel.fh = getelementptr i8, ptr %osrfp, i64 {FH_FUEL - FRAME_HEADER}"
                lines = [x for x in lines if not x.startswith("%fuel.in = ")]
                lines[1:1] = [frame, "%fuel.in = load i64, ptr %fuel.fh"]
            self.entry.extend(lines)
            self.fuel_check()
        if epoch:
            self.entry.extend(self.epoch_entry_lines())
            self.epoch_check()
        self.mark_sites(0, self.func.body_offset)    # entry checks: the body's start
        for ins in self.func.body:
            op = ins.op
            if self.dead:
                # skipped code: only follow nesting to find our else/end
                if op in block_ops:
                    self.dead_depth += 1
                elif op is _END or op is _DELEGATE:
                    if self.dead_depth:
                        self.dead_depth -= 1
                    else:
                        handlers[op](self, ins)
                elif op in _SEGMENT_OPS and not self.dead_depth:
                    handlers[op](self, ins)
                continue
            t = numeric.get(op)
            if t is not None:
                tmpl, np_, rty, traps, nb = t
                n = self.n
                self.n = n + 1
                name = f"t{n}"
                if np_ == 2:
                    b = stack.pop()[0]
                    a = stack.pop()[0]
                    if op in fold_guarded:
                        if a in _IDENTITY_LITERALS:
                            a = self.opaque(a, rty)
                        if b in _IDENTITY_LITERALS:
                            b = self.opaque(b, rty)
                else:
                    a = stack.pop()[0]
                    b = None
                if fuel:
                    self.fuel_pending += 1
                out.append(tmpl.format(r="%" + name, n=name, a=a, b=b))
                if traps:
                    self.traps.update(traps)
                    self.mark_sites(len(out) - 1, ins.offset)
                if nb:
                    self.cur = nb.format(n=name)
                stack.append(("%" + name, rty))
                continue
            h = handlers.get(op)
            if h is None:
                if op.prefix == 0xFD:
                    raise CompileError(f"SIMD instruction {op.name} is not supported yet")
                raise CompileError(f"instruction {op.name} is not supported")
            if fuel:
                if op not in FUEL_FREE:
                    self.fuel_pending += 1
                if op in FLUSH_BEFORE:
                    self.fuel_flush()
            start = len(out)
            self.ins_offset = ins.offset
            h(self, ins)
            if op is _LOOP:
                if fuel:
                    self.fuel_check()
                if epoch:
                    self.epoch_check()
                self.ctrl_c_check()
                if self.osr_here is not None:
                    if ctx.osr_upgrade:
                        self.osr_hand_over(self.osr_here)
                    self.osr_here = None
            self.mark_sites(start, ins.offset)
            if not self.frames:
                break
        return self.assemble()

    dead_depth = 0

    def assemble(self) -> str:
        ft = self.ft
        lt = self.local_types
        np_ = len(ft.params)
        if self.osr:
            lines = [f"define internal void @f{self.index}.osr(ptr %vmctx, ptr %osrfp, i32 %osrk) {_FN_ATTRS} {{",
                     "entry:"]
            for i, t in enumerate(lt):
                lines.append(f"%l{i} = alloca {t}")
            for i, t in enumerate(lt):
                lines.append(f"%o{i}.p = getelementptr i8, ptr %osrfp, i64 {16 * i}")
                lines.append(f"%o{i} = load {t}, ptr %o{i}.p, align 8")
                lines.append(f"store {t} %o{i}, ptr %l{i}")
            # counted in InterpFunc.osr_active (entered, running) until it
            # returns or hands over
            from ..interp.layout import FH_FUNC, FRAME_HEADER, IF_OSR_ACTIVE, OSR_ENTERED
            lines += [f"%osr.d.p = getelementptr i8, ptr %osrfp, i64 {FH_FUNC - FRAME_HEADER}",
                      "%osr.d = load ptr, ptr %osr.d.p",
                      f"%osr.act = getelementptr i8, ptr %osr.d, i64 {IF_OSR_ACTIVE}",
                      f"%osr.act.in = atomicrmw add ptr %osr.act, i64 {OSR_ENTERED + 1} monotonic"]
        else:
            lines = [f"define internal {wasm_cc(ft)} {self.ctx.ret_types[self.index]} @f{self.index}({param_list(ft)}) {_FN_ATTRS} {{",
                     "entry:"]
            for i, t in enumerate(lt):
                lines.append(f"%l{i} = alloca {t}")
            for i in range(np_):
                lines.append(f"store {lt[i]} %p{i}, ptr %l{i}")
            for i in range(np_, len(lt)):
                lines.append(f"store {lt[i]} {ZERO[lt[i]]}, ptr %l{i}")
        lines.append("%limits = load ptr, ptr %vmctx")
        lines.extend(self.entry)
        if self.with_handlers:
            # locals a try body changes must be in memory when a throw
            # longjmps to its landing (exceptions.py): escaped, never promoted
            for name in [f"%l{i}" for i in range(len(lt))] + (
                    ["%fuel"] if self.ctx.consume_fuel else []):
                lines.append(f'call void asm sideeffect "", "r,~{{memory}}"(ptr {name})')
        # stack-limit check: the entry trampoline sets limits.stack_limit
        lines.append("%stack_limit = load i64, ptr %limits")
        lines.append("%sp.p = call ptr @llvm.stacksave.p0()")
        lines.append("%sp = ptrtoint ptr %sp.p to i64")
        lines.append("%overflow = icmp ult i64 %sp, %stack_limit")
        first = "osr.dispatch" if self.osr else "start"
        lines.append(f"br i1 %overflow, label %trap{_STACK_OVERFLOW}, label %{first}, !prof !0")
        self.traps.add(_STACK_OVERFLOW)
        if self.osr:
            from ..interp.layout import OSR_NESTED
            cases = " ".join([f"i32 {k}, label %{h}" for k, h in enumerate(self.osr_headers)] + [
                f"i32 {OSR_NESTED + k}, label %{h}" for k, h in enumerate(self.osr_nested_headers)])
            lines += ["osr.dispatch:", f"switch i32 %osrk, label %osr.none [ {cases} ]",
                      "osr.none:", "unreachable"]
        lines.append("start:")
        lines.extend(x for x in self.out if x is not None)
        lines.extend(self.edge_blocks)
        for k, (code, offset) in enumerate(self.sites):
            lines.append(f"trap{code}.s{k}:")
            lines.append(f"%trap{code}.s{k}.o = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_OFFSET}")
            lines.append(f"store i64 {offset}, ptr %trap{code}.s{k}.o")
            lines.append(f"br label %trap{code}")
        for code in sorted(self.traps):
            lines.append(f"trap{code}:")
            # where it trapped, for the backtrace (vmcontext.LIMITS_TRAP_*)
            lines.append(f"%trap{code}.f = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_FUNC}")
            lines.append(f"store i32 {self.index}, ptr %trap{code}.f")
            lines.append(f"%trap{code}.v = getelementptr i8, ptr %limits, i64 {vm.LIMITS_TRAP_VMCTX}")
            lines.append(f"store ptr %vmctx, ptr %trap{code}.v")
            lines.append(f"call void @wasmlite_trap(ptr %vmctx, i32 {code})")
            lines.append("unreachable")
        lines.append("}")
        return "\n".join(lines)

    # ------------------------------------------------------------ control
    def emit_return(self, vals: list[str]) -> None:
        results = self.func_results
        out = self.out
        if self.ctx.consume_fuel:
            self.fuel_spill()
        if self.osr:
            for i, (v, t) in enumerate(zip(vals, results)):
                out.append(f"%osr.r{self.n}.{i} = getelementptr i8, ptr %osrfp, i64 {16 * i}")
                out.append(f"store {t} {v}, ptr %osr.r{self.n}.{i}, align 8")
            out.append(f"%osr.r{self.n}.out = atomicrmw sub ptr %osr.act, i64 1 monotonic")
            self.n += 1
            out.append("ret void")
        elif not results:
            out.append("ret void")
        elif len(results) == 1:
            out.append(f"ret {results[0]} {vals[0]}")
        else:
            rt = self.ctx.ret_types[self.index]
            agg = "undef"
            name = self.tmp()
            for i, (v, t) in enumerate(zip(vals, results)):
                out.append(f"%{name}.{i} = insertvalue {rt} {agg}, {t} {v}, {i}")
                agg = f"%{name}.{i}"
            out.append(f"ret {rt} {agg}")

    def new_frame(self, kind: str, params, results, label: str, height: int) -> Frame:
        f = Frame(kind, params, results, label, height)
        f.chain = self.frames[-1].chain
        return f

    def op_block(self, ins) -> None:
        params, results = self.ctx.block_type(ins.imm)
        self.frames.append(self.new_frame("block", params, results, f"b{self.tmp()}",
                                          len(self.stack) - len(params)))

    def op_loop(self, ins) -> None:
        params, results = self.ctx.block_type(ins.imm)
        name = self.tmp()
        header = f"L{name}"
        f = self.new_frame("loop", params, results, header, len(self.stack) - len(params))
        # OSR points: loops entered with an empty stack, numbered as the
        # interpreter numbers them (interp/bytecode.py). Loops outside any
        # other loop in every entry; those inside another one only in
        # cheap-level entries (``ctx.osr_nested``): an entry into a nested
        # loop makes the nest irreducible, which LLVM leaves unoptimized, so
        # the full level's entry has none, and the cheap one hands over to
        # it at an outermost header. A call stuck in a long inner loop
        # (bench/kernels/sieve.wat's first, ~1 s in the interpreter) so
        # leaves the interpreter without waiting for its outer loop's turn.
        if self.osr and not self.stack and not params and not self.with_handlers:
            if not any(fr.kind == "loop" for fr in self.frames):
                self.osr_headers.append(header)
                self.osr_here = len(self.osr_headers) - 1
            elif self.ctx.osr_nested:
                self.osr_nested_headers.append(header)
        out = self.out
        out.append(f"br label %{header}")
        out.append(f"{header}:")
        if params:
            f.incoming.append((self.cur, self.pop_vals(len(params))))
            f.phis = [f"%{header}.p{i}" for i in range(len(params))]
            f.phi_slot = len(out)
            out.append(None)   # phis written at the loop's end
            self.stack.extend(zip(f.phis, params))
        self.cur = header
        self.frames.append(f)

    osr_here: Optional[int] = None      # the loop just opened is OSR header k

    def osr_hand_over(self, k: int) -> None:
        """At OSR header ``k`` of a cheap-level entry: once the function's
        entry (InterpFunc.osr) is another one, the full level's, put the
        locals (and the fuel) back into the interpreter frame's slots, as the
        interpreter had them, and finish the call there (a tail call: the
        frame is replaced, the backtrace unchanged). The checks above already
        ran; the new entry runs them again at the same header, and they
        charge nothing."""
        from ..interp.layout import FH_FUEL, FRAME_HEADER, IF_OSR
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.p = getelementptr i8, ptr %osr.d, i64 {IF_OSR}")
        out.append(f"%{r}.f = load atomic ptr, ptr %{r}.p monotonic, align 8")
        out.append(f"%{r}.c = icmp ne ptr %{r}.f, @f{self.index}.osr")
        out.append(f"br i1 %{r}.c, label %{r}.go, label %{r}.stay, !prof !0")
        out.append(f"{r}.go:")
        for i, t in enumerate(self.local_types):
            out.append(f"%{r}.l{i} = load {t}, ptr %l{i}")
            out.append(f"%{r}.s{i} = getelementptr i8, ptr %osrfp, i64 {16 * i}")
            out.append(f"store {t} %{r}.l{i}, ptr %{r}.s{i}, align 8")
        if self.ctx.consume_fuel:
            out.append(f"%{r}.fuel = load i64, ptr %fuel")
            out.append(f"%{r}.fh = getelementptr i8, ptr %osrfp, i64 {FH_FUEL - FRAME_HEADER}")
            out.append(f"store i64 %{r}.fuel, ptr %{r}.fh")
        out.append(f"%{r}.out = atomicrmw sub ptr %osr.act, i64 1 monotonic")
        out.append(f"musttail call void %{r}.f(ptr %vmctx, ptr %osrfp, i32 {k})")
        out.append("ret void")
        out.append(f"{r}.stay:")
        self.cur = f"{r}.stay"

    def op_if(self, ins) -> None:
        params, results = self.ctx.block_type(ins.imm)
        c = self.stack.pop()[0]
        name = self.tmp()
        f = self.new_frame("if", params, results, f"e{name}", len(self.stack) - len(params))
        f.else_label = f"{name}.else"
        f.param_vals = list(self.stack[len(self.stack) - len(params):])
        out = self.out
        out.append(f"%{name}.c = icmp ne i32 {c}, 0")
        out.append(f"br i1 %{name}.c, label %{name}.then, label %{name}.else")
        out.append(f"{name}.then:")
        self.cur = f"{name}.then"
        self.frames.append(f)

    def op_else(self, ins) -> None:
        f = self.frames[-1]
        if not self.dead:
            f.incoming.append((self.cur, self.top_vals(len(f.results))))
            self.out.append(f"br label %{f.label}")
        del self.stack[f.height:]
        self.stack.extend(f.param_vals)
        self.out.append(f"{f.else_label}:")
        self.cur = f.else_label
        self.dead = False
        f.has_else = True

    def op_end(self, ins) -> None:
        f = self.frames.pop()
        if f.kind in ("try_table", "try"):
            self.end_try_body(f)
        if f.kind in ("try", "catch"):
            self.finish_legacy(f)
        out = self.out
        stack = self.stack
        if f.kind == "loop":
            if f.phis:
                phis = []
                for i, (p, t) in enumerate(zip(f.phis, f.params)):
                    edges = ", ".join(f"[ {vals[i]}, %{lbl} ]" for lbl, vals in f.incoming)
                    phis.append(f"{p} = phi {t} {edges}")
                out[f.phi_slot] = "\n".join(phis)
            if self.dead:
                del stack[f.height:]
            return
        if f.kind == "if" and not f.has_else:
            # the implicit else passes the block's params through to the end
            if not self.dead:
                f.incoming.append((self.cur, self.top_vals(len(f.results))))
                out.append(f"br label %{f.label}")
            out.append(f"{f.else_label}:")
            out.append(f"br label %{f.label}")
            f.incoming.append((f.else_label, [v for v, _ in f.param_vals]))
            self.dead = True
        if not self.dead:
            if not f.incoming:
                # only the fallthrough reaches the end: stay in this block
                if f.kind == "func":
                    self.emit_return(self.top_vals(len(f.results)))
                return
            f.incoming.append((self.cur, self.top_vals(len(f.results))))
            out.append(f"br label %{f.label}")
        del stack[f.height:]
        if not f.incoming:
            self.dead = True        # nothing reaches the end
            return
        out.append(f"{f.label}:")
        self.cur = f.label
        self.dead = False
        results = f.results
        if len(f.incoming) == 1:
            vals = f.incoming[0][1]
        else:
            vals = []
            for i, t in enumerate(results):
                edges = ", ".join(f"[ {v[i]}, %{lbl} ]" for lbl, v in f.incoming)
                out.append(f"%{f.label}.r{i} = phi {t} {edges}")
                vals.append(f"%{f.label}.r{i}")
        stack.extend(zip(vals, results))
        if f.kind == "func":
            self.emit_return(vals)

    def branch_edge(self, depth: int) -> tuple[str, Frame]:
        """Record an edge from the current block to frame ``depth`` and
        return its target label."""
        f = self.frames[-1 - depth]
        arity = len(f.params) if f.kind == "loop" else len(f.results)
        if self.with_handlers:
            return self.edge_to(depth, self.top_vals(arity))
        f.incoming.append((self.cur, self.top_vals(arity)))
        return f.label

    def op_br(self, ins) -> None:
        label = self.branch_edge(ins.imm)
        self.out.append(f"br label %{label}")
        self.dead = True

    def branch_when(self, test: str, depth: int) -> None:
        """Branch to label ``depth`` when ``icmp test`` holds, else go on;
        the stack as it stands is what the label gets (br_if, br_on_null,
        br_on_non_null)."""
        label = self.branch_edge(depth)
        name = self.tmp()
        out = self.out
        out.append(f"%{name}.c = icmp {test}")
        out.append(f"br i1 %{name}.c, label %{label}, label %{name}.f")
        out.append(f"{name}.f:")
        self.cur = f"{name}.f"

    def op_br_if(self, ins) -> None:
        c = self.stack.pop()[0]
        self.branch_when(f"ne i32 {c}, 0", ins.imm)

    def op_br_table(self, ins) -> None:
        targets, default = ins.imm
        idx = self.stack.pop()[0]
        name = self.tmp()
        out = self.out
        labels: dict[int, str] = {}
        # every distinct target gets its own edge block when values flow, so
        # each phi sees one entry per predecessor
        pre = []
        for d in (*targets, default):
            if d in labels:
                continue
            f = self.frames[-1 - d]
            arity = len(f.params) if f.kind == "loop" else len(f.results)
            if self.with_handlers:
                labels[d] = self.edge_to(d, self.top_vals(arity))
            elif arity:
                lbl = f"{name}.d{d}"
                pre.append(f"{lbl}:")
                pre.append(f"br label %{f.label}")
                f.incoming.append((lbl, self.top_vals(arity)))
                labels[d] = lbl
            else:
                f.incoming.append((self.cur, []))
                labels[d] = f.label
        cases = " ".join(f"i32 {i}, label %{labels[d]}" for i, d in enumerate(targets))
        out.append(f"switch i32 {idx}, label %{labels[default]} [ {cases} ]")
        out.extend(pre)
        self.dead = True

    def op_return(self, ins) -> None:
        self.restore_chain_for_return()
        self.emit_return(self.top_vals(len(self.func_results)))
        self.dead = True

    def op_unreachable(self, ins) -> None:
        if self.ctx.consume_fuel:
            self.fuel_spill()    # as Wasmtime: the store sees what was spent (interrupts.py)
        self.out.append(f"br label {self.trap_to(_UNREACHABLE)}")
        self.dead = True

    def op_nop(self, ins) -> None:
        pass

    # ------------------------------------------------------------ calls
    def emit_call(self, callee: str, ft: FuncType, vmctx: str, tail: bool = False) -> None:
        """A call of ``callee`` (wasm ABI); ``tail``: a return_call*, the
        callee's results are this function's."""
        np_ = len(ft.params)
        st = self.stack
        args = st[len(st) - np_:] if np_ else []
        if np_:
            del st[-np_:]
        arg_text = "".join(f", {t} {v}" for v, t in args)
        results = ft.results
        rt = ret_type(results)
        out = self.out
        fuel = self.ctx.consume_fuel
        if fuel:
            self.fuel_spill()
        if tail:
            # this frame's handlers are gone before its callee runs
            self.restore_chain_for_return()
        cc = wasm_cc(ft)
        if (tail and not self.osr and can_tail_call(results) and cc == TAILCC
                and wasm_cc(self.ft) == TAILCC):
            # a jump: the callee's frame replaces this one (no stack map: no
            # return address into this function is left). ``tail`` and not
            # ``musttail``: tailcc makes every tail call in tail position a
            # jump, and LLVM 22's x86 musttail lowering does not move the
            # return address for a callee with more stack arguments (it
            # jumps with the arguments unwritten). A loop of tail calls has
            # no loop header, so Ctrl-C is checked here.
            self.ctrl_c_check()
            if results:
                name = self.tmp()
                out.append(f"%{name} = tail call {cc} {rt} {callee}(ptr {vmctx}{arg_text})")
                out.append(f"ret {rt} %{name}")
            else:
                out.append(f"tail call {cc} void {callee}(ptr {vmctx}{arg_text})")
                out.append("ret void")
            self.dead = True
            return
        out.append(self.call_site())
        if tail:
            # an OSR entry returns through the interpreter's frame, big
            # results are returned through memory, and a jump between
            # calling conventions (lltypes.wasm_cc) is none: a call, then a
            # return
            self._call_then_return(callee, ft, vmctx, arg_text, cc)
            return
        if not results:
            out.append(f"notail call {cc} void {callee}(ptr {vmctx}{arg_text})")
            if fuel:
                self.fuel_reload()
            return
        name = self.tmp()
        out.append(f"%{name} = notail call {cc} {rt} {callee}(ptr {vmctx}{arg_text})")
        if fuel:
            self.fuel_reload()
        if len(results) == 1:
            st.append((f"%{name}", rt))
        else:
            for i, t in enumerate(results):
                lt = LLTYPE[t]
                out.append(f"%{name}.{i} = extractvalue {rt} %{name}, {i}")
                st.append((f"%{name}.{i}", lt))

    def _call_then_return(self, callee: str, ft: FuncType, vmctx: str, arg_text: str,
                          cc: str) -> None:
        rt = ret_type(ft.results)
        out = self.out
        vals = []
        if not ft.results:
            out.append(f"notail call {cc} void {callee}(ptr {vmctx}{arg_text})")
        else:
            name = self.tmp()
            out.append(f"%{name} = notail call {cc} {rt} {callee}(ptr {vmctx}{arg_text})")
            if len(ft.results) == 1:
                vals = [f"%{name}"]
            else:
                for i in range(len(ft.results)):
                    out.append(f"%{name}.{i} = extractvalue {rt} %{name}, {i}")
                    vals.append(f"%{name}.{i}")
        if self.ctx.consume_fuel:
            self.fuel_reload()
        self.emit_return(vals)
        self.dead = True

    ins_offset = 0

    def call_site(self) -> str:
        """A stack map just before a call (it emits no code): LLVM records
        its offset, so a trap's stack walk maps a return address to the last
        stack map before it, i.e. to this function and instruction
        (compile/callsites.py; the ID is ``backtrace_id``). Before, not
        after: after a call LLVM knows never returns, it would be deleted."""
        return (f"call void (i64, i32, ...) @llvm.experimental.stackmap("
                f"i64 {backtrace_id(self.index, self.ins_offset, self.osr)}, i32 0)")

    def op_call(self, ins, tail: bool = False) -> None:
        idx = ins.imm
        ctx = self.ctx
        ft = ctx.func_types[idx]
        if idx >= ctx.num_imported_funcs and (ctx.direct_calls is None or idx in ctx.direct_calls):
            self.emit_call(f"@f{idx}", ft, "%vmctx", tail)
        else:
            off = ctx.layout.func(idx)
            code = self.vmctx_field(f"imp{idx}.code", off + vm.VMFUNCREF_CODE)
            vmc = self.vmctx_field(f"imp{idx}.vmctx", off + vm.VMFUNCREF_VMCTX)
            self.emit_call(code, ft, vmc, tail)

    # tail calls: the call's checks and traps as for the plain call, then a
    # jump instead of a call (emit_call)
    def op_return_call(self, ins) -> None:
        self.op_call(ins, True)

    def op_return_call_indirect(self, ins) -> None:
        self.op_call_indirect(ins, True)

    def op_return_call_ref(self, ins) -> None:
        self.op_call_ref(ins, True)

    def op_call_indirect(self, ins, tail: bool = False) -> None:
        type_idx, table_idx = ins.imm
        ft = self.ctx.types[type_idx]
        i = self.stack.pop()[0]
        tab, lenp = self.table_ptrs(table_idx)
        sig = self.hoisted(("sig", type_idx), lambda: self._load_sig(type_idx))
        if self.ctx.consume_fuel:
            self.fuel_spill()    # as Wasmtime: before the checks, so their traps see it
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.len = load i64, ptr {lenp}")
        if self.table_is64(table_idx):                  # table64: an i64 index
            out.append(f"%{r}.i = add i64 {i}, 0")
        else:
            out.append(f"%{r}.i = zext i32 {i} to i64")
        out.append(f"%{r}.oob = icmp uge i64 %{r}.i, %{r}.len")
        out.append(f"br i1 %{r}.oob, label {self.trap_to(_TABLE_OOB)}, label %{r}.a")
        out.append(f"{r}.a:")
        out.append(f"%{r}.el = load ptr, ptr {tab}")
        out.append(f"%{r}.ep = getelementptr i64, ptr %{r}.el, i64 %{r}.i")
        out.append(f"%{r}.fr = load ptr, ptr %{r}.ep")
        out.append(f"%{r}.null = icmp eq ptr %{r}.fr, null")
        out.append(f"br i1 %{r}.null, label {self.trap_to(_NULL_CALL)}, label %{r}.b")
        out.append(f"{r}.b:")
        out.append(f"%{r}.sp = getelementptr i8, ptr %{r}.fr, i64 {vm.VMFUNCREF_SIG}")
        out.append(f"%{r}.sig = load i64, ptr %{r}.sp")
        out.append(f"%{r}.bad = icmp ne i64 %{r}.sig, {sig}")
        if self.ctx.may_have_subtypes(type_idx):
            # Wasm GC: a callee of a subtype of a non-final type is fine;
            # the store answers (the interpreter's handlers do the same)
            fn = self.builtin(vm.BUILTIN_SIG_SUBTYPE)
            out.append(f"br i1 %{r}.bad, label %{r}.sub, label %{r}.ok, !prof !0")
            out.append(f"{r}.sub:")
            out.append(f"%{r}.st = call i64 {fn}(ptr %vmctx, i64 %{r}.sig, i64 {sig})")
            out.append(f"%{r}.isub = icmp eq i64 %{r}.st, 1")
            out.append(f"br i1 %{r}.isub, label %{r}.ok, label {self.trap_to(_BAD_SIG)}")
        else:
            out.append(f"br i1 %{r}.bad, label {self.trap_to(_BAD_SIG)}, label %{r}.ok")
        out.append(f"{r}.ok:")
        out.append(f"%{r}.code = load ptr, ptr %{r}.fr")
        out.append(f"%{r}.vp = getelementptr i8, ptr %{r}.fr, i64 {vm.VMFUNCREF_VMCTX}")
        out.append(f"%{r}.vmctx = load ptr, ptr %{r}.vp")
        self.cur = f"{r}.ok"
        self.emit_call(f"%{r}.code", ft, f"%{r}.vmctx", tail)

    def _load_sig(self, type_idx: int) -> str:
        off = self.ctx.layout.sig(type_idx)
        e = self.entry
        e.append(f"%sig{type_idx}.a = getelementptr i8, ptr %vmctx, i64 {off}")
        e.append(f"%sig{type_idx}.w = load i32, ptr %sig{type_idx}.a")
        e.append(f"%sig{type_idx} = zext i32 %sig{type_idx}.w to i64")
        return f"%sig{type_idx}"

    # ------------------------------------------------------------ parametric
    def op_drop(self, ins) -> None:
        self.stack.pop()

    def op_select(self, ins) -> None:
        st = self.stack
        c = st.pop()[0]
        b = st.pop()[0]
        a, t = st.pop()
        r = self.tmp()
        self.out.append(f"%{r}.c = icmp ne i32 {c}, 0")
        self.out.append(f"%{r} = select i1 %{r}.c, {t} {a}, {t} {b}")
        st.append((f"%{r}", t))

    # ------------------------------------------------------------ variables
    def op_local_get(self, ins) -> None:
        i = ins.imm
        t = self.local_types[i]
        n = self.n
        self.n = n + 1
        self.out.append(f"%t{n} = load {t}, ptr %l{i}")
        self.stack.append((f"%t{n}", t))

    def op_local_set(self, ins) -> None:
        i = ins.imm
        v = self.stack.pop()[0]
        self.out.append(f"store {self.local_types[i]} {v}, ptr %l{i}")

    def op_local_tee(self, ins) -> None:
        i = ins.imm
        self.out.append(f"store {self.local_types[i]} {self.stack[-1][0]}, ptr %l{i}")

    def global_cell(self, idx: int) -> str:
        return self.vmctx_field(f"g{idx}", self.ctx.layout.global_(idx))

    def op_global_get(self, ins) -> None:
        idx = ins.imm
        cell = self.global_cell(idx)
        t = self.ctx.global_lltypes[idx]
        r = self.tmp()
        self.out.append(f"%{r} = load {t}, ptr {cell}, align 8{TBAA_GLOBAL}")
        self.stack.append((f"%{r}", t))

    def op_global_set(self, ins) -> None:
        idx = ins.imm
        cell = self.global_cell(idx)
        v = self.stack.pop()[0]
        self.out.append(f"store {self.ctx.global_lltypes[idx]} {v}, ptr {cell}, align 8{TBAA_GLOBAL}")

    # ------------------------------------------------------------ constants
    def op_i32_const(self, ins) -> None:
        self.stack.append((str(ins.imm), "i32"))

    def op_i64_const(self, ins) -> None:
        self.stack.append((str(ins.imm), "i64"))

    def op_f32_const(self, ins) -> None:
        self.stack.append((f32_literal(ins.imm), "float"))

    def op_f64_const(self, ins) -> None:
        self.stack.append((f64_literal(ins.imm), "double"))

    # ------------------------------------------------------------ references
    def op_ref_null(self, ins) -> None:
        self.stack.append(("0", "i64"))

    def op_ref_is_null(self, ins) -> None:
        a = self.stack.pop()[0]
        r = self.tmp()
        self.out.append(f"%{r}.c = icmp eq i64 {a}, 0")
        self.out.append(f"%{r} = zext i1 %{r}.c to i32")
        self.stack.append((f"%{r}", "i32"))

    def op_ref_as_non_null(self, ins) -> None:
        a = self.stack[-1][0]
        r = self.tmp()
        self.out.append(f"%{r}.z = icmp eq i64 {a}, 0")
        self.out.append(f"br i1 %{r}.z, label {self.trap_to(_NULL_REF)}, label %{r}.ok")
        self.out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"

    def op_br_on_null(self, ins) -> None:
        # null: drop it and branch with what is below; else keep it, go on
        a = self.stack.pop()[0]
        self.branch_when(f"eq i64 {a}, 0", ins.imm)
        self.stack.append((a, "i64"))

    def op_br_on_non_null(self, ins) -> None:
        # non-null: branch carrying it; null: drop it and go on
        a = self.stack[-1][0]
        self.branch_when(f"ne i64 {a}, 0", ins.imm)
        self.stack.pop()

    def op_call_ref(self, ins, tail: bool = False) -> None:
        # the operand is the address of a VMFuncRef, its type checked by
        # validation: only null needs a check (Wasmtime: a null reference)
        ft = self.ctx.types[ins.imm]
        f = self.stack.pop()[0]
        if self.ctx.consume_fuel:
            self.fuel_spill()    # as call_indirect: before the check's trap
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.z = icmp eq i64 {f}, 0")
        out.append(f"br i1 %{r}.z, label {self.trap_to(_NULL_FUNCREF)}, label %{r}.ok")
        out.append(f"{r}.ok:")
        out.append(f"%{r}.fr = inttoptr i64 {f} to ptr")
        out.append(f"%{r}.code = load ptr, ptr %{r}.fr")
        out.append(f"%{r}.vp = getelementptr i8, ptr %{r}.fr, i64 {vm.VMFUNCREF_VMCTX}")
        out.append(f"%{r}.vmctx = load ptr, ptr %{r}.vp")
        self.cur = f"{r}.ok"
        self.emit_call(f"%{r}.code", ft, f"%{r}.vmctx", tail)

    def op_ref_func(self, ins) -> None:
        off = self.ctx.layout.func(ins.imm)
        r = self.tmp()
        self.out.append(f"%{r}.p = getelementptr i8, ptr %vmctx, i64 {off}")
        self.out.append(f"%{r} = ptrtoint ptr %{r}.p to i64")
        self.stack.append((f"%{r}", "i64"))


# float arithmetic whose identity folds must be blocked (see opaque())
_FOLD_GUARDED = frozenset(OP_BY_NAME[f"{p}.{o}"] for p in ("f32", "f64")
                          for o in ("add", "sub", "mul", "div"))
_IDENTITY_LITERALS = frozenset(f32_literal(b) for b in (0, 0x80000000, 0x3F800000, 0xBF800000))
_END = OP_BY_NAME["end"]
_LOOP = OP_BY_NAME["loop"]
_ELSE = OP_BY_NAME["else"]
_BLOCK_OPS = frozenset(OP_BY_NAME[n] for n in ("block", "loop", "if", "try_table", "try"))
_DELEGATE = OP_BY_NAME["delegate"]
# at depth 0 of skipped code these start a live segment of the frame
_SEGMENT_OPS = frozenset(OP_BY_NAME[n] for n in ("else", "catch", "catch_all"))

HANDLERS = {}
for _name, _meth in [
    ("block", "op_block"), ("loop", "op_loop"), ("if", "op_if"), ("else", "op_else"),
    ("end", "op_end"), ("br", "op_br"), ("br_if", "op_br_if"), ("br_table", "op_br_table"),
    ("return", "op_return"), ("unreachable", "op_unreachable"), ("nop", "op_nop"),
    ("call", "op_call"), ("call_indirect", "op_call_indirect"),
    ("drop", "op_drop"), ("select", "op_select"), ("select_t", "op_select"),
    ("local.get", "op_local_get"), ("local.set", "op_local_set"), ("local.tee", "op_local_tee"),
    ("global.get", "op_global_get"), ("global.set", "op_global_set"),
    ("i32.const", "op_i32_const"), ("i64.const", "op_i64_const"),
    ("f32.const", "op_f32_const"), ("f64.const", "op_f64_const"),
    ("ref.null", "op_ref_null"), ("ref.is_null", "op_ref_is_null"), ("ref.func", "op_ref_func"),
    ("ref.as_non_null", "op_ref_as_non_null"), ("br_on_null", "op_br_on_null"),
    ("br_on_non_null", "op_br_on_non_null"), ("call_ref", "op_call_ref"),
    ("throw", "op_throw"), ("throw_ref", "op_throw_ref"), ("try_table", "op_try_table"),
    ("try", "op_try"), ("catch", "op_catch"), ("catch_all", "op_catch_all"),
    ("delegate", "op_delegate"), ("rethrow", "op_rethrow"),
    ("return_call", "op_return_call"), ("return_call_indirect", "op_return_call_indirect"),
    ("return_call_ref", "op_return_call_ref"),
]:
    HANDLERS[OP_BY_NAME[_name]] = getattr(FunctionTranslator, _meth)
HANDLERS.update(MemoryOps.handlers())
HANDLERS.update(GcValueOps.handlers())
HANDLERS.update(GcObjectOps.handlers())
HANDLERS.update(SimdOps.handlers())
HANDLERS.update(SimdMemoryOps.handlers())
# Config.cranelift_nan_canonicalization (nan_canon.py): the variants' lowerings,
# and the tables a translator of a canonicalizing engine reads instead
NUMERIC_CANON, HANDLERS_CANON = add_variants(NUMERIC, HANDLERS)


def translate_function(ctx: ModuleContext, index: int, func: Func, osr: bool = False) -> str:
    """IR text of defined function ``index`` (function index space), or of
    its OSR variant."""
    try:
        return FunctionTranslator(ctx, index, func, osr).translate()
    except CompileError:
        raise
    except (IndexError, KeyError, TypeError, ValueError) as e:
        # only reachable for a module that skipped validation
        raise CompileError(f"cannot compile function {index}: invalid body ({e!r})") from e
