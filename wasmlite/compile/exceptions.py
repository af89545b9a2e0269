"""Exception handling in compiled code: throw, throw_ref, try_table, and the
legacy try / catch / catch_all / delegate / rethrow.

How an exception travels (compile/vmcontext.py LIMITS_HANDLERS..):

* Every ``try_table`` (and legacy ``try``) pushes a *handler record* on the
  store's handler chain: a jmp_buf, the record below it and the interpreter
  frame top (``HREC_*``), then ``_setjmp``s. Each entry trampoline starts an
  empty chain for its activation and puts the outer one back on the way out,
  so the chain never reaches past a host function.
* ``throw`` writes the exception into the store (its tag's identity, 0 for
  its exnref, its payload in 16-byte slots) and calls ``wasmlite_throw``,
  which longjmps to the innermost record, or, when the activation has none,
  traps with ``EXCEPTION_THROWN``: the entry trampoline returns that status
  and the runtime raises it in Python (runtime/exceptions.py), or a host
  trampoline below throws it on into the wasm that called the host.
* The record's landing pops it, reloads what the longjmp skipped (the fuel
  local, the interpreter frame top), compares the tag with each catch
  clause's and branches to the clause's label with the payload (catch_ref:
  and the exnref, boxed by a builtin: a store handle as externrefs are), or
  throws on.
* Leaving a try body by its end or by a branch puts the chain back as it was
  at the branch target (``Frame.chain``: the chain in effect inside a frame).

Why setjmp per try and not unwind tables: traps already unwind with longjmp,
code lives in memory our own loader maps (no .eh_frame registration), and
the interpreter shares the same chain (interp/handlers.py). The price is
that a longjmp restores registers to what they were at the ``_setjmp``: a
wasm local changed inside the try body must be in memory. So a function with
handlers keeps its locals (and the fuel local) in allocas whose address
escapes into an empty asm statement, which stops LLVM from promoting them
to registers; values on the operand stack are SSA and never change, so they
survive the longjmp as they are.
"""
from __future__ import annotations

from ..errors import NULL_EXCEPTION_REFERENCE
from ..syntax.instructions import OP_BY_NAME
from . import vmcontext as vm
from .lltypes import LLTYPE

_CATCH_REF = (1, 3)         # catch_ref, catch_all_ref: the label gets the exnref too
_CATCH_ALL = (2, 3)

TRY_OPS = frozenset(OP_BY_NAME[n] for n in ("try_table", "try"))


def has_handlers(body) -> bool:
    """Whether a body pushes handler records (and so needs its locals in
    memory, see the module docstring)."""
    return any(ins.op in TRY_OPS for ins in body)


class ExceptionOps:
    """Mixin for FunctionTranslator: the exception instructions."""

    with_handlers = False

    # ------------------------------------------------------------ the chain
    def handlers_ptr(self) -> str:
        def make():
            self.entry.append(f"%hand.p = getelementptr i8, ptr %limits, i64 {vm.LIMITS_HANDLERS}")
            self.entry.append("%hand.entry = load ptr, ptr %hand.p")
            return "%hand.p"
        return self.hoisted("hand.p", make)

    def chain_after(self, depth: int):
        """The chain in effect once a branch to label ``depth`` is taken:
        inside a loop (its header), after a block's end: outside it."""
        frames = self.frames
        f = frames[-1 - depth]
        if f.kind == "loop" or f.kind == "func":
            return f.chain
        return frames[-2 - depth].chain

    def edge_to(self, depth: int, vals: list) -> str:
        """The label a branch to ``depth`` carrying ``vals`` jumps to: the
        frame's own, or, when the branch leaves a try body, an edge block
        that first puts the chain back."""
        f = self.frames[-1 - depth]
        target = self.chain_after(depth)
        if target is None or target == self.frames[-1].chain:
            f.incoming.append((self.cur, vals))
            return f.label
        lbl = f"{self.tmp()}.x"
        self.edge_blocks += [f"{lbl}:", f"store ptr {target}, ptr %hand.p",
                             f"br label %{f.label}"]
        f.incoming.append((lbl, vals))
        return lbl

    def restore_chain_for_return(self) -> None:
        if self.with_handlers and self.frames[-1].chain != self.frames[0].chain:
            self.out.append(f"store ptr {self.frames[0].chain}, ptr %hand.p")

    # ------------------------------------------------------------ throwing
    def tag_identity(self, index: int) -> str:
        return self.vmctx_field(f"tag{index}", self.ctx.layout.tag(index), "i64")

    def _store_pending(self, tag: int, vals: list) -> None:
        out = self.out
        r = self.tmp()
        types = self.ctx.tag_types[tag].params
        out.append(f"%{r}.bp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_VALUES}")
        out.append(f"%{r}.b = load ptr, ptr %{r}.bp")
        for i, (v, t) in enumerate(zip(vals, types)):
            out.append(f"%{r}.v{i} = getelementptr i8, ptr %{r}.b, i64 {vm.EXN_SLOT * i}")
            out.append(f"store {LLTYPE[t]} {v}, ptr %{r}.v{i}, align 8")
        out.append(f"%{r}.tp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_TAG}")
        out.append(f"store i64 {self.tag_identity(tag)}, ptr %{r}.tp")
        out.append(f"%{r}.rp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_REF}")
        out.append(f"store i64 0, ptr %{r}.rp")

    def _throw_pending(self) -> None:
        """Throw the store's pending exception (never returns)."""
        if self.ctx.consume_fuel:
            self.fuel_spill()
        self.out.append(self.call_site())
        self.out.append("call void @wasmlite_throw(ptr %vmctx)")
        self.out.append("unreachable")
        self.dead = True

    def op_throw(self, ins) -> None:
        n = len(self.ctx.tag_types[ins.imm].params)
        self._store_pending(ins.imm, self.pop_vals(n))
        self._throw_pending()

    def _unbox(self, exn: str) -> None:
        """Make exnref ``exn`` the pending exception. When it is the one in
        flight already (a catch_ref's exnref thrown on: nothing has thrown
        since, or the store's exnref would be another), no builtin call."""
        fn = self.builtin(vm.BUILTIN_EXN_UNBOX)
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.cp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_REF}")
        out.append(f"%{r}.cur = load i64, ptr %{r}.cp")
        out.append(f"%{r}.same = icmp eq i64 %{r}.cur, {exn}")
        out.append(f"br i1 %{r}.same, label %{r}.done, label %{r}.call")
        out.append(f"{r}.call:")
        self.cur = f"{r}.call"
        out.append(f"%{r}.r = call i64 {fn}(ptr %vmctx, i64 {exn})")
        self._check_builtin_trap(r)
        out.append(f"br label %{r}.done")
        out.append(f"{r}.done:")
        self.cur = f"{r}.done"

    def op_throw_ref(self, ins) -> None:
        exn = self.stack.pop()[0]
        r = self.tmp()
        out = self.out
        if self.ctx.consume_fuel:
            self.fuel_spill()
        out.append(f"%{r}.z = icmp eq i64 {exn}, 0")
        out.append(f"br i1 %{r}.z, label {self.trap_to(NULL_EXCEPTION_REFERENCE)}, label %{r}.ok")
        out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"
        self._unbox(exn)
        self._throw_pending()

    # ------------------------------------------------------------ try
    def _push_record(self, name: str) -> str:
        """Push a handler record and setjmp; the current block becomes the
        try body, ``%{name}.land`` the landing. The chain below it."""
        hp = self.handlers_ptr()
        self.entry.append(f"%{name}.rec = alloca [{vm.HREC_SIZE} x i8], align 16")
        out = self.out
        out += [f"%{name}.prev = load ptr, ptr {hp}",
                f"%{name}.pp = getelementptr i8, ptr %{name}.rec, i64 {vm.HREC_PREV}",
                f"store ptr %{name}.prev, ptr %{name}.pp",
                f"%{name}.itp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_INTERP_TOP}",
                f"%{name}.it = load ptr, ptr %{name}.itp",
                f"store ptr %{name}.rec, ptr {hp}",
                f"%{name}.s = call i32 @_setjmp(ptr %{name}.rec) returns_twice",
                f"%{name}.c = icmp ne i32 %{name}.s, 0",
                f"br i1 %{name}.c, label %{name}.land, label %{name}.body, !prof !0",
                f"{name}.land:",
                # popped; the interpreter frames the longjmp skipped are gone
                f"store ptr %{name}.prev, ptr {hp}",
                f"store ptr %{name}.it, ptr %{name}.itp"]
        self.cur = f"{name}.land"
        if self.ctx.consume_fuel:
            self.fuel_reload()
        tagp = self.hoisted("exn.tagp", lambda: self.entry.append(
            f"%exn.tagp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_TAG}") or "%exn.tagp")
        out.append(f"%{name}.tag = load i64, ptr {tagp}")
        return f"%{name}.prev"

    def _payload(self, r: str, tag: int) -> list:
        """Load the pending exception's payload (tag ``tag``'s params)."""
        out = self.out
        types = self.ctx.tag_types[tag].params
        out.append(f"%{r}.bp = getelementptr i8, ptr %limits, i64 {vm.LIMITS_EXN_VALUES}")
        out.append(f"%{r}.b = load ptr, ptr %{r}.bp")
        vals = []
        for i, t in enumerate(types):
            lt = LLTYPE[t]
            out.append(f"%{r}.v{i}.a = getelementptr i8, ptr %{r}.b, i64 {vm.EXN_SLOT * i}")
            out.append(f"%{r}.v{i} = load {lt}, ptr %{r}.v{i}.a, align 8")
            vals.append((f"%{r}.v{i}", lt))
        return vals

    def _box(self, r: str) -> str:
        fn = self.builtin(vm.BUILTIN_EXN_BOX)
        self.out.append(f"%{r}.r = call i64 {fn}(ptr %vmctx)")
        self._check_builtin_trap(r)
        return f"%{r}.r"

    def _match_chain(self, name: str, tags: list) -> int:
        """Branch to ``%{name}.k{k}`` for the first clause k whose tag (None:
        any) is the pending exception's (a try_table's clauses, a legacy
        try's catches); falls through when none is. How many clauses can
        be reached: a catch-all ends the chain."""
        out = self.out
        for k, tag in enumerate(tags):
            if tag is None:
                out.append(f"br label %{name}.k{k}")
                return k + 1
            out.append(f"%{name}.m{k} = icmp eq i64 %{name}.tag, {self.tag_identity(tag)}")
            out.append(f"br i1 %{name}.m{k}, label %{name}.k{k}, label %{name}.n{k}")
            out.append(f"{name}.n{k}:")
        self._rethrow_here()
        return len(tags)

    def op_try_table(self, ins) -> None:
        bt, catches = ins.imm
        params, results = self.ctx.block_type(bt)
        name = self.tmp()
        prev = self._push_record(name)
        reached = self._match_chain(
            name, [None if c.kind in _CATCH_ALL else c.tag for c in catches])
        for k, c in enumerate(catches[:reached]):
            # clause k: its values to its label (counted outside the try_table)
            self.out.append(f"{name}.k{k}:")
            self.cur = f"{name}.k{k}"
            vals = [] if c.kind in _CATCH_ALL else [v for v, _ in self._payload(f"{name}.k{k}", c.tag)]
            if c.kind in _CATCH_REF:
                vals.append(self._box(f"{name}.x{k}"))
            self.out.append(f"br label %{self.edge_to(c.label, vals)}")
        self.out.append(f"{name}.body:")
        self.cur = f"{name}.body"
        f = self.new_frame("try_table", params, results, f"b{name}",
                           len(self.stack) - len(params))
        f.chain = f"%{name}.rec"
        f.prev = prev
        self.frames.append(f)

    def _rethrow_here(self) -> None:
        self.out.append(self.call_site())
        self.out.append("call void @wasmlite_throw(ptr %vmctx)")
        self.out.append("unreachable")

    def end_try_body(self, f) -> None:
        """The fallthrough out of a try body (its end, or a legacy catch):
        the record is popped."""
        if not self.dead:
            self.out.append(f"store ptr {f.prev}, ptr %hand.p")

    # ------------------------------------------------------------ legacy try
    def op_try(self, ins) -> None:
        params, results = self.ctx.block_type(ins.imm)
        name = self.tmp()
        prev = self._push_record(name)
        f = self.new_frame("try", params, results, f"b{name}", len(self.stack) - len(params))
        f.land_slot = len(self.out)
        self.out.append(None)          # the dispatch, once the catches are known
        self.out.append(f"{name}.body:")
        self.cur = f"{name}.body"
        f.chain = f"%{name}.rec"
        f.prev = prev
        f.name = name
        f.catches = []
        f.needs_exn = False
        self.frames.append(f)

    def _legacy_clause(self, ins, tag) -> None:
        f = self.frames[-1]
        out = self.out
        if f.kind == "try":
            self.end_try_body(f)
            f.kind = "catch"
            f.chain = self.frames[-2].chain
        if not self.dead:
            f.incoming.append((self.cur, self.top_vals(len(f.results))))
            out.append(f"br label %{f.label}")
        del self.stack[f.height:]
        k = len(f.catches)
        f.catches.append(tag)
        lbl = f"{f.name}.k{k}"
        out.append(f"{lbl}:")
        self.cur = lbl
        self.dead = False
        if tag is not None:
            self.stack.extend(self._payload(f"{f.name}.p{k}", tag))

    def op_catch(self, ins) -> None:
        self._legacy_clause(ins, ins.imm)

    def op_catch_all(self, ins) -> None:
        self._legacy_clause(ins, None)

    def finish_legacy(self, f, delegate_chain=None) -> None:
        """Write a legacy try's dispatch into its placeholder: the catches
        in order, else throw on (after a delegate: from the chain of the
        label it names)."""
        name = f.name
        body, cur, dead = self.out, self.cur, self.dead
        self.out = lines = []
        if f.needs_exn:
            self._box(f"{name}.e")
            lines.append(f"%{name}.exn = add i64 %{name}.e.r, 0")
        if delegate_chain is not None:      # (a delegating try has no catches)
            lines.append(f"store ptr {delegate_chain}, ptr %hand.p")
        self._match_chain(name, f.catches)
        body[f.land_slot] = "\n".join(lines)
        self.out, self.cur, self.dead = body, cur, dead

    def op_delegate(self, ins) -> None:
        f = self.frames[-1]
        self.end_try_body(f)
        # the exception goes on as if thrown inside the frame the label names
        # (counted from the try's enclosing frame)
        target = self.frames[-2 - ins.imm]
        self.finish_legacy(f, target.chain)
        f.kind = "block"
        self.op_end(ins)

    def op_rethrow(self, ins) -> None:
        f = self.frames[-1 - ins.imm]
        f.needs_exn = True
        self._unbox(f"%{f.name}.exn")
        self._throw_pending()

