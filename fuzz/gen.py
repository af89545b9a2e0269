"""Random valid wasm modules (WAT text) for differential execution.

``generate(rng)`` builds a module from a ``random.Random``: a memory, a
funcref table, mutable globals and a handful of functions over i32/i64/f32/
f64 whose bodies are type-directed random expressions: constants at the
edges, locals, globals, every integer and float operator that cannot expose
NaN bits (no reinterpret, no float stores, copysign only from a constant
sign: NaN signs and payloads are nondeterministic in wasm), conversions including the trapping ones,
if/else, blocks with br_if, bounded loops, loads and stores (in and out of
bounds), memory.size/grow, calls to earlier functions (so no unbounded
recursion), call_indirect through the table (null, out-of-bounds and
signature-mismatch traps), select, unreachable. Every function is exported;
``arguments(rng, params)`` gives interesting argument tuples.

``Generator(rng, bulk=True)`` adds the instructions Wasmtime charges fuel per
unit for (memory.fill/copy/init, table.fill/copy/init, memory.grow,
table.grow on a second table) with sizes that are constants around 128
(Wasmtime's limit for charging up front), constants kept in locals, and
computed values; ``bulk=False`` (the default) draws exactly the modules it
always did.
"""
from __future__ import annotations

import random
import struct

TYPES = ("i32", "i64", "f32", "f64")
INT_EDGES = {
    "i32": [0, 1, -1, 2, 7, 31, 32, 33, 0x7fffffff, -0x80000000, 0x10000, 65535, 65536,
            -2, 255, 0x12345678],
    "i64": [0, 1, -1, 63, 64, 65, 0x7fffffffffffffff, -0x8000000000000000, 0xffffffff,
            0x100000000, -0x100000000, 65536, 0x123456789abcdef],
}
FLOAT_EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, -2.5, 3.75, 1e10, -1e10, 2147483647.0,
               2147483648.0, -2147483649.0, 4294967296.0, 9.2e18, -9.3e18, 1e-40,
               float("inf"), float("-inf"), float("nan"), 123456.789]

IUN = ["clz", "ctz", "popcnt", "eqz*"]
IBIN = ["add", "sub", "mul", "div_s", "div_u", "rem_s", "rem_u", "and", "or", "xor",
        "shl", "shr_s", "shr_u", "rotl", "rotr"]
ICMP = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"]
FUN = ["abs", "neg", "ceil", "floor", "trunc", "nearest", "sqrt"]
FBIN = ["add", "sub", "mul", "div", "min", "max", "copysign"]
FCMP = ["eq", "ne", "lt", "gt", "le", "ge"]


def _float_text(x: float, t: str) -> str:
    if x != x:
        return "nan"
    if x in (float("inf"), float("-inf")):
        return "inf" if x > 0 else "-inf"
    if t == "f32":
        x = struct.unpack("<f", struct.pack("<f", x))[0] if abs(x) < 3.4e38 else x
    return repr(x) if abs(x) < 3.4e38 or t == "f64" else ("inf" if x > 0 else "-inf")


class _Func:
    def __init__(self, index: int, params: list[str], results: list[str]) -> None:
        self.index = index
        self.params = params
        self.results = results
        self.locals: list[str] = []
        self.counters: set[int] = set()     # loop counters: never set but by their loop
        self.indirect = False               # calls through the table (directly or not)


class Generator:
    def __init__(self, rng: random.Random, max_depth: int = 5, bulk: bool = False) -> None:
        self.bulk = bulk
        self.rng = rng
        self.max_depth = max_depth
        self.funcs: list[_Func] = []
        self.globals = [("i32", 0), ("i64", 1), ("f32", 2), ("f64", 3)]
        self.types: list[tuple] = []
        self.mem_pages = rng.choice([1, 1, 1, 2])
        self.mem_max = rng.choice([None, self.mem_pages, self.mem_pages + 2])
        self.table_size = rng.choice([2, 4, 8])

    # -- helpers ----------------------------------------------------------
    def const(self, t: str) -> str:
        r = self.rng
        if t in ("i32", "i64"):
            bits = 32 if t == "i32" else 64
            v = r.choice(INT_EDGES[t]) if r.random() < 0.6 else r.randrange(-(1 << (bits - 1)), 1 << (bits - 1))
            return f"({t}.const {v})"
        v = r.choice(FLOAT_EDGES) if r.random() < 0.7 else r.uniform(-1e6, 1e6)
        return f"({t}.const {_float_text(v, t)})"

    def type_index(self, params: tuple, results: tuple) -> int:
        key = (params, results)
        if key not in self.types:
            self.types.append(key)
        return self.types.index(key)

    # -- expressions --------------------------------------------------------
    def expr(self, t: str, d: int) -> str:
        r = self.rng
        f = self.cur
        if d >= self.max_depth or r.random() < 0.15:
            locs = [i for i, lt in enumerate(f.params + f.locals) if lt == t]
            if locs and r.random() < 0.6:
                return f"(local.get {r.choice(locs)})"
            if r.random() < 0.2:
                return f"(global.get {[g for g in self.globals if g[0] == t][0][1]})"
            return self.const(t)
        choices = [self.e_arith] * 6 + [self.e_if, self.e_block, self.e_load, self.e_load,
                                         self.e_call, self.e_call, self.e_select,
                                         self.e_tee, self.e_convert, self.e_convert,
                                         self.e_loop, self.e_seq]
        if r.random() < 0.5:
            choices.append(self.e_call_indirect)
        if t == "i32":
            choices += [self.e_cmp, self.e_cmp, self.e_memsize]
        return r.choice(choices)(t, d + 1)

    def e_arith(self, t: str, d: int) -> str:
        r = self.rng
        if t in ("i32", "i64"):
            if r.random() < 0.25:
                op = r.choice(IUN)
                if op == "eqz*":
                    return f"({t}.extend_i32_u (i32.eqz {self.expr('i32', d)}))" if t == "i64" \
                        else f"(i32.eqz {self.expr(r.choice(['i32', 'i64']) if False else 'i32', d)})"
                return f"({t}.{op} {self.expr(t, d)})"
            if r.random() < 0.1:
                ext = r.choice(["extend8_s", "extend16_s"] + (["extend32_s"] if t == "i64" else []))
                return f"({t}.{ext} {self.expr(t, d)})"
            op = r.choice(IBIN + ["add", "sub", "mul", "xor", "and", "or", "shl", "shr_u"])
            return f"({t}.{op} {self.expr(t, d)} {self.expr(t, d)})"
        if r.random() < 0.3:
            return f"({t}.{r.choice(FUN)} {self.expr(t, d)})"
        op = r.choice(FBIN)
        if op == "copysign":
            # the sign of a NaN is nondeterministic in wasm (x86 makes 0/0
            # negative, LLVM folds it positive): copy the sign of a constant
            sign = r.choice(["-0.0", "0.0", "-1.5", "2.0", "-inf"])
            return f"({t}.copysign {self.expr(t, d)} ({t}.const {sign}))"
        return f"({t}.{op} {self.expr(t, d)} {self.expr(t, d)})"

    def e_cmp(self, t: str, d: int) -> str:
        r = self.rng
        a = r.choice(TYPES)
        if a in ("i32", "i64"):
            if r.random() < 0.15:
                return f"({a}.eqz {self.expr(a, d)})"
            return f"({a}.{r.choice(ICMP)} {self.expr(a, d)} {self.expr(a, d)})"
        return f"({a}.{r.choice(FCMP)} {self.expr(a, d)} {self.expr(a, d)})"

    def e_convert(self, t: str, d: int) -> str:
        r = self.rng
        if t == "i32":
            opts = [("i32.wrap_i64", "i64")] + [
                (f"i32.trunc{sat}_{f}_{s}", f) for f in ("f32", "f64") for s in "su"
                for sat in ("", "_sat")]
        elif t == "i64":
            opts = [("i64.extend_i32_s", "i32"), ("i64.extend_i32_u", "i32")] + [
                (f"i64.trunc{sat}_{f}_{s}", f) for f in ("f32", "f64") for s in "su"
                for sat in ("", "_sat")]
        elif t == "f32":
            opts = [(f"f32.convert_{i}_{s}", i) for i in ("i32", "i64") for s in "su"] + [
                ("f32.demote_f64", "f64")]
        else:
            opts = [(f"f64.convert_{i}_{s}", i) for i in ("i32", "i64") for s in "su"] + [
                ("f64.promote_f32", "f32")]
        op, src = r.choice(opts)
        return f"({op} {self.expr(src, d)})"

    def e_if(self, t: str, d: int) -> str:
        r = self.rng
        then = self.expr(t, d)
        els = self.expr(t, d) if r.random() < 0.9 else "(unreachable)"
        if r.random() < 0.5:
            then, els = els, then
        return f"(if (result {t}) {self.expr('i32', d)} (then {then}) (else {els}))"

    def e_block(self, t: str, d: int) -> str:
        # (block (result t) (drop (br_if 0 v cond)) v2)
        return (f"(block (result {t}) (drop (br_if 0 {self.expr(t, d)} {self.expr('i32', d)}))"
                f" {self.stmt(d)} {self.expr(t, d)})")

    def e_seq(self, t: str, d: int) -> str:
        return f"(block (result {t}) {self.stmt(d)} {self.expr(t, d)})"

    def e_loop(self, t: str, d: int) -> str:
        # a bounded loop: a fresh i32 local counts down from a small number
        f = self.cur
        f.locals.append("i32")
        c = len(f.params) + len(f.locals) - 1
        f.counters.add(c)
        n = self.rng.randrange(0, 6)
        return (f"(block (result {t}) (local.set {c} (i32.const {n}))"
                f" (loop $L{c} {self.stmt(d)}"
                f" (br_if $L{c} (i32.gt_s (local.tee {c} (i32.sub (local.get {c}) (i32.const 1)))"
                f" (i32.const 0)))) {self.expr(t, d)})")

    def address(self, d: int) -> str:
        r = self.rng
        limit = self.mem_pages * 65536
        x = r.random()
        if x < 0.85:
            return f"(i32.and {self.expr('i32', d)} (i32.const {r.choice([255, 1023, 4095, 32767])}))"
        if x < 0.95:
            return f"(i32.const {r.choice([0, 8, limit - 8, limit - 4, limit - 1, limit, limit + 16, -1])})"
        return self.expr("i32", d)

    def e_load(self, t: str, d: int) -> str:
        r = self.rng
        ops = {"i32": ["i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"],
               "i64": ["i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u",
                       "i64.load32_s", "i64.load32_u"],
               "f32": ["f32.load"], "f64": ["f64.load"]}[t]
        off = r.choice([0, 0, 0, 0, 0, 1, 4, 100, 1000, 65536])
        return f"({r.choice(ops)} offset={off} {self.address(d)})"

    def e_memsize(self, t: str, d: int) -> str:
        if self.rng.random() < 0.5:
            return "(memory.size)"
        return f"(memory.grow (i32.and {self.expr('i32', d)} (i32.const 3)))"

    def e_select(self, t: str, d: int) -> str:
        return f"(select {self.expr(t, d)} {self.expr(t, d)} {self.expr('i32', d)})"

    def e_tee(self, t: str, d: int) -> str:
        f = self.cur
        locs = [i for i, lt in enumerate(f.params + f.locals) if lt == t and i not in f.counters]
        if not locs:
            f.locals.append(t)
            locs = [len(f.params) + len(f.locals) - 1]
        return f"(local.tee {self.rng.choice(locs)} {self.expr(t, d)})"

    def callees(self, t: str) -> list[_Func]:
        return [g for g in self.funcs if g.results == [t]]

    def e_call(self, t: str, d: int) -> str:
        cands = self.callees(t)
        if not cands:
            return self.e_arith(t, d)
        g = self.rng.choice(cands)
        self.cur.indirect |= g.indirect
        args = " ".join(self.expr(p, d) for p in g.params)
        return f"(call {g.index} {args})"

    def e_call_indirect(self, t: str, d: int) -> str:
        r = self.rng
        cands = self.callees(t)
        if cands and r.random() < 0.8:
            g = r.choice(cands)
            params = tuple(g.params)
        else:
            params = tuple(r.choice(TYPES) for _ in range(r.randrange(3)))
        ti = self.type_index(params, (t,))
        self.cur.indirect = True
        args = " ".join(self.expr(p, d) for p in params)
        idx = (f"(i32.const {r.randrange(self.table_size + 1)})" if r.random() < 0.8
               else self.expr("i32", d))
        return f"(call_indirect (type {ti}) {args} {idx})"

    # -- statements -----------------------------------------------------------
    def stmt(self, d: int) -> str:
        r = self.rng
        x = r.random()
        if x < 0.35:
            t = r.choice(["i32", "i64"])
            ops = {"i32": ["i32.store", "i32.store8", "i32.store16"],
                   "i64": ["i64.store", "i64.store8", "i64.store16", "i64.store32"]}[t]
            off = r.choice([0, 0, 0, 2, 8, 1000, 65535])
            return f"({r.choice(ops)} offset={off} {self.address(d)} {self.expr(t, d)})"
        if x < 0.5:
            t = r.choice(TYPES)
            if t in ("f32", "f64"):      # NaN bits must not reach globals read back
                t = "i64"
            g = [gg for gg in self.globals if gg[0] == t][0][1]
            return f"(global.set {g} {self.expr(t, d)})"
        if x < 0.6:
            f = self.cur
            t = r.choice(TYPES)
            locs = [i for i, lt in enumerate(f.params + f.locals)
                    if lt == t and i not in f.counters]
            if locs:
                return f"(local.set {r.choice(locs)} {self.expr(t, d)})"
        if x < 0.7:
            return f"(drop {self.expr(r.choice(TYPES), d)})"
        if x < 0.75:
            return (f"(memory.fill {self.address(d)} {self.expr('i32', d)}"
                    f" (i32.and {self.expr('i32', d)} (i32.const 255)))")
        if x < 0.8:
            return (f"(memory.copy {self.address(d)} {self.address(d)}"
                    f" (i32.and {self.expr('i32', d)} (i32.const 511)))")
        if x < 0.81:
            return f"(if {self.expr('i32', d)} (then (unreachable)))"
        if self.bulk and x < 0.97:
            return self.bulk_stmt(d)
        return "(nop)"

    # sizes near Wasmtime's up-front limit (128) and on both sides of it
    SIZES = (0, 1, 2, 3, 5, 64, 127, 128, 129, 130, 200, 300, 1000, 70000, -1)

    def size(self, d: int, mask: int) -> str:
        """A bulk or grow size: a constant, a constant through a local, a
        local as it is, or a computed value."""
        r = self.rng
        x = r.random()
        if x < 0.35:
            return f"(i32.const {r.choice(self.SIZES)})"
        f = self.cur
        if x < 0.6:
            locs = [i for i, lt in enumerate(f.params + f.locals)
                    if lt == "i32" and i not in f.counters]
            if not locs:
                f.locals.append("i32")
                locs = [len(f.params) + len(f.locals) - 1]
            loc = r.choice(locs)
            if x < 0.5:
                return f"(local.tee {loc} (i32.const {r.choice(self.SIZES)}))"
            return f"(local.get {loc})"
        return f"(i32.and {self.expr('i32', d)} (i32.const {mask}))"

    def bulk_stmt(self, d: int) -> str:
        r = self.rng
        k = r.randrange(9)
        if k == 0:
            return f"(memory.fill {self.address(d)} {self.expr('i32', d)} {self.size(d, 1023)})"
        if k == 1:
            return f"(memory.copy {self.address(d)} {self.address(d)} {self.size(d, 1023)})"
        if k == 2:
            return f"(memory.init 1 {self.address(d)} {self.size(d, 255)} {self.size(d, 511)})"
        if k == 3:
            return f"(drop (memory.grow {self.size(d, 3)}))"
        if k == 4:
            return f"(table.fill 1 {self.size(d, 63)} (ref.null func) {self.size(d, 255)})"
        if k == 5:
            return f"(table.copy 1 1 {self.size(d, 63)} {self.size(d, 63)} {self.size(d, 255)})"
        if k == 6:
            return f"(table.init 1 $bulk {self.size(d, 63)} {self.size(d, 255)} {self.size(d, 255)})"
        if k == 7:
            return f"(drop (table.grow 1 (ref.null func) {self.size(d, 255)}))"
        return r.choice(["(data.drop 1)", "(elem.drop $bulk)", "(nop)"])

    # -- module ------------------------------------------------------------
    def module(self) -> tuple[str, list[tuple[list[str], list[str]]]]:
        r = self.rng
        nfuncs = r.randrange(1, 6)
        bodies = []
        for i in range(nfuncs):
            params = [r.choice(TYPES) for _ in range(r.randrange(4))]
            results = [r.choice(TYPES)]
            f = _Func(i, params, results)
            self.cur = f
            self.type_index(tuple(params), tuple(results))
            body = " ".join([self.stmt(1) for _ in range(r.randrange(3))]
                            + [self.expr(results[0], 0)])
            bodies.append((f, body))
            self.funcs.append(f)
        parts = ["(module"]
        for params, results in self.types:
            parts.append(f"  (type (func (param {' '.join(params)}) (result {' '.join(results)})))")
        mx = "" if self.mem_max is None else f" {self.mem_max}"
        parts.append(f"  (memory (export \"mem\") {self.mem_pages}{mx})")
        parts.append(f"  (table {self.table_size} funcref)")
        parts.append("  (global (mut i32) (i32.const 12345)) (global (mut i64) (i64.const -7))"
                     " (global (mut f32) (f32.const 1.5)) (global (mut f64) (f64.const -2.25))")
        for f, body in bodies:
            ti = self.type_index(tuple(f.params), tuple(f.results))
            locs = f" (local {' '.join(f.locals)})" if f.locals else ""
            parts.append(f"  (func (export \"f{f.index}\") (type {ti}){locs}\n    {body})")
        # some table slots filled (the rest stay null)
        # (only functions that make no indirect calls: no recursion)
        leaves = [f.index for f in self.funcs if not f.indirect]
        filled = sorted(r.sample(range(self.table_size), r.randrange(self.table_size + 1)))
        for slot in filled if leaves else ():
            parts.append(f"  (elem (i32.const {slot}) func {r.choice(leaves)})")
        data = bytes(r.randrange(256) for _ in range(r.randrange(0, 40)))
        esc = "".join(f"\\{b:02x}" for b in data)
        parts.append(f"  (data (i32.const {r.choice([0, 16, 1000])}) \"{esc}\")")
        if self.bulk:
            # table 1, passive data 1 and passive element segment $bulk for
            # the bulk instructions
            parts.append(f"  (table {r.choice([0, 16, 64, 200])} {r.choice([300, 2000])} funcref)")
            n = r.choice([0, 100, 300])
            parts.append(f"  (data \"{'x' * n}\")")
            parts.append(f"  (elem $bulk func {' '.join(['0'] * r.choice([0, 128, 129, 200]))})")
        parts.append(")")
        # the type section must list every type before it is used: types are
        # appended while generating, so they are emitted first above
        sigs = [(f.params, f.results) for f in self.funcs]
        return "\n".join(parts), sigs


def generate(rng: random.Random, bulk: bool = False) -> tuple[str, list[tuple[list[str], list[str]]]]:
    """(WAT text, [(params, results)] of exported functions f0, f1, ...)."""
    return Generator(rng, bulk=bulk).module()


def arguments(rng: random.Random, params: list[str]) -> list:
    out = []
    for t in params:
        if t in ("i32", "i64"):
            bits = 32 if t == "i32" else 64
            out.append(rng.choice(INT_EDGES[t]) if rng.random() < 0.6
                       else rng.randrange(-(1 << (bits - 1)), 1 << (bits - 1)))
        else:
            v = rng.choice(FLOAT_EDGES) if rng.random() < 0.6 else rng.uniform(-1e9, 1e9)
            if t == "f32" and abs(v) < 3.4e38:
                v = struct.unpack("<f", struct.pack("<f", v))[0]
            out.append(v)
    return out
