"""Differential fuzzing of function-body validation against wasmtime.

Random bodies are built mostly type-directed (so that many are valid) with
random faults mixed in; each is checked by our validator (as a hand-built
syntax.Module) and by wasmtime (from WAT text printed here). Both must agree
on valid / invalid. A second test only checks that random garbage never
escapes as anything but InvalidError.
"""
from __future__ import annotations

import os
import random

import pytest

from wasmlite.errors import InvalidError
from wasmlite.syntax.instructions import OP_BY_NAME, OPS
from wasmlite.syntax.module import (Data, Elem, Export, Func, Global, Instr,
                                    Module)
from wasmlite.syntax.types import (EXTERNREF, F32, F64, FUNCREF, I32, I64, V128,
                                   ExternKind, FuncType, GlobalType, Limits,
                                   MemoryType, TableType)
from wasmlite.valid.validate import validate_module

wasmtime = pytest.importorskip("wasmtime")

VALTYPES = [I32, I64, F32, F64, V128, FUNCREF, EXTERNREF]
TYPES = [FuncType((I32,), (I32,)), FuncType((), ()), FuncType((I64, I32), (F32,)),
         FuncType((I32, I32), (I32, I32)), FuncType((), (F64, V128))]
TABLES = [TableType(FUNCREF, Limits(1)), TableType(EXTERNREF, Limits(1))]
GLOBALS = [GlobalType(I32, True), GlobalType(F64, False), GlobalType(EXTERNREF, True)]
FIXED = [op for op in OPS if op.params is not None]   # fixed stack signature
E = OP_BY_NAME


def _skeleton_wat(func_type: int, locals_: list, body_wat: str) -> str:
    types = "".join(
        f"(type (func (param {' '.join(map(str, t.params))})"
        f" (result {' '.join(map(str, t.results))})))" for t in TYPES)
    return (f"(module {types}"
            "(memory 1) (table 1 funcref) (table 1 externref)"
            "(global (mut i32) (i32.const 0)) (global f64 (f64.const 0))"
            "(global (mut externref) (ref.null extern))"
            "(elem func 0) (elem externref (ref.null extern)) (data \"x\")"
            f"(func (type {func_type}) (local {' '.join(map(str, locals_))}) {body_wat})"
            "(export \"f\" (func 0)))")


def _skeleton(func_type: int, locals_: list, body: list) -> Module:
    const0 = [Instr(E["i32.const"], 0), Instr(E["end"])]
    return Module(
        types=list(TYPES), mems=[MemoryType(Limits(1))], tables=list(TABLES),
        globals=[Global(GLOBALS[0], const0),
                 Global(GLOBALS[1], [Instr(E["f64.const"], 0), Instr(E["end"])]),
                 Global(GLOBALS[2], [Instr(E["ref.null"], EXTERNREF), Instr(E["end"])])],
        elems=[Elem(FUNCREF, [[Instr(E["ref.func"], 0), Instr(E["end"])]]),
               Elem(EXTERNREF, [[Instr(E["ref.null"], EXTERNREF), Instr(E["end"])]])],
        datas=[Data(b"x")], funcs=[Func(func_type, list(locals_), body)],
        exports=[Export("f", ExternKind.FUNC, 0)])


def _heap(t) -> str:
    return "func" if t is FUNCREF else "extern"


def _wat(ins: Instr) -> str:
    """One flat instruction in WAT."""
    op, imm, k = ins.op, ins.imm, ins.op.imm
    name = op.name
    if k is None:
        return name
    if k == "block":
        if imm is None:
            return name
        if isinstance(imm, int):
            return f"{name} (type {imm})"
        return f"{name} (result {imm})"
    if k == "br_table":
        return f"br_table {' '.join(map(str, imm[0] + (imm[1],)))}"
    if k == "call_indirect":
        return f"call_indirect {imm[1]} (type {imm[0]})"
    if k == "memarg":
        return f"{name} offset={imm[1]} align={1 << imm[0]}"
    if k == "memarg_lane":
        return f"{name} offset={imm[1]} align={1 << imm[0]} {imm[3]}"
    if k == "v128":
        return "v128.const i64x2 0 0"
    if k == "select_t":
        return f"select (result {' '.join(map(str, imm))})"
    if k == "heaptype":
        return f"ref.null {_heap(imm)}"
    if k == "shuffle":
        return f"{name} {' '.join(map(str, imm))}"
    if k == "mem":
        return name
    if k == "memory.init":
        return f"memory.init {imm[0]}"
    if k == "memory.copy":
        return name
    if k == "table.init":
        return f"table.init {imm[1]} {imm[0]}"
    if k == "table.copy":
        return f"table.copy {imm[0]} {imm[1]}"
    if k == "select_t":
        return name
    return f"{name} {imm}"


class _Gen:
    """Type-directed random body generator (approximate: faults allowed)."""

    def __init__(self, rnd: random.Random, locals_: list, results: tuple) -> None:
        self.r = rnd
        self.locals = locals_
        self.results = results

    def imm(self, op):
        r = self.r.randrange
        k = op.imm
        if k is None:
            return None
        if k == "memarg":
            return (self.r.choice([op.natural_align, 0, op.natural_align + (r(8) == 0)]), r(4), 0)
        if k == "memarg_lane":
            return (op.natural_align, 0, 0, r(18 >> op.natural_align))
        if k == "lane":
            n = int(op.name.split(".")[0].split("x")[1])
            return r(n + (r(8) == 0))
        if k in ("i32", "i64", "f32", "f64"):
            return r(5)
        if k == "v128":
            return bytes(16)
        if k == "shuffle":
            return bytes(r(33) for _ in range(16))
        if k == "mem":
            return 0
        if k == "data":
            return r(2)
        if k == "elem":
            return r(2)
        if k in ("memory.init",):
            return (r(2), 0)
        if k == "memory.copy":
            return (0, 0)
        if k in ("table.init", "table.copy"):
            return (r(2), r(2))
        if k == "table":
            return r(2)
        raise KeyError(k)

    def body(self, n: int) -> list:
        rnd = self.r
        stack: list = []            # simulated operand types of the open block
        ctrl: list = []             # (outer stack, block results) per open block
        out: list = []
        E_ = E

        def close(results) -> None:
            # Usually leave exactly the results; sometimes leave a fault.
            if rnd.random() < 0.9:
                out.extend(Instr(E_["drop"]) for _ in stack)
                out.extend(self.push(t) for t in results)

        for _ in range(n):
            roll = rnd.random()
            if roll < 0.08 and len(ctrl) < 5:
                bt = rnd.choice([None, rnd.choice(VALTYPES), rnd.randrange(len(TYPES))])
                ft = (FuncType((), ()) if bt is None else
                      FuncType((), (bt,)) if not isinstance(bt, int) else TYPES[bt])
                out.extend(self.push(t) for t in ft.params)
                op = rnd.choice(["block", "loop", "if"])
                if op == "if":
                    out.append(Instr(E_["i32.const"], 1))
                out.append(Instr(E_[op], bt))
                ctrl.append((stack, list(ft.results)))
                stack = list(ft.params)
                continue
            if roll < 0.14 and ctrl:
                outer, results = ctrl.pop()
                close(results)
                out.append(Instr(E_["end"]))
                stack = outer + results
                continue
            if roll < 0.22:
                t = rnd.choice(VALTYPES)
                out.append(self.push(t))
                stack.append(t)
                continue
            if roll < 0.40:
                stack = self.special(stack, out)
                continue
            cands = [op for op in FIXED
                     if len(op.params) <= len(stack)
                     and list(op.params) == stack[len(stack) - len(op.params):]]
            if cands and rnd.random() < 0.95:
                op = rnd.choice(cands)
                del stack[len(stack) - len(op.params):]
            else:
                op = rnd.choice(FIXED)
            out.append(Instr(op, self.imm(op)))
            stack.extend(op.results)
        while ctrl:
            outer, results = ctrl.pop()
            close(results)
            out.append(Instr(E_["end"]))
            stack = outer + results
        close(self.results)
        out.append(Instr(E_["end"]))
        return out

    def special(self, stack: list, out: list) -> list:
        """Append one specially-typed instruction; return the new stack."""
        rnd = self.r
        r = rnd.randrange
        top = stack[-1] if stack else None
        name = rnd.choice(["local.get", "local.set", "local.tee", "drop", "select",
                           "global.get", "global.set", "br", "br_if", "br_table",
                           "return", "unreachable", "ref.is_null", "table.get",
                           "table.set", "table.size", "table.grow", "table.fill",
                           "call", "call_indirect", "ref.func", "select_t"])
        nl = len(self.locals)
        if name == "local.get" and nl:
            x = r(nl)
            out.append(Instr(E[name], x))
            return stack + [self.locals[x]]
        if name in ("local.set", "local.tee"):
            fits = [x for x in range(nl) if self.locals[x] is top]
            x = rnd.choice(fits) if fits and rnd.random() < 0.9 else r(nl + 1)
            out.append(Instr(E[name], x))
            return stack[:-1] + ([top] if name == "local.tee" else [])
        if name == "drop":
            out.append(Instr(E[name]))
            return stack[:-1]
        if name == "select_t":
            t = top if top is not None and rnd.random() < 0.8 else rnd.choice(VALTYPES)
            out.extend([Instr(E["local.get" if False else "i32.const"], 0),
                        Instr(E["select_t"], (t,))])
            return stack[:-2]
        if name == "select":
            out.extend([Instr(E["i32.const"], 0), Instr(E["select"])])
            return stack[:-1]
        if name == "global.get":
            x = r(3)
            out.append(Instr(E[name], x))
            return stack + [GLOBALS[x].valtype]
        if name == "global.set":
            out.append(Instr(E[name], r(3)))
            return stack[:-1]
        if name in ("br", "br_if", "br_table", "return", "unreachable"):
            if name in ("br_if", "br_table"):
                out.append(Instr(E["i32.const"], 0))
            out.append(self._branch(name))
            return stack if name == "br_if" else []
        if name == "ref.is_null":
            out.append(Instr(E[name]))
            return stack[:-1] + [I32]
        if name == "call":
            out.append(Instr(E[name], 0))
            return []
        if name == "call_indirect":
            out.extend([Instr(E["i32.const"], 0), Instr(E[name], (r(len(TYPES)), r(2)))])
            return []
        if name == "ref.func":
            out.append(Instr(E[name], r(2)))
            return stack + [FUNCREF]
        tab = r(2)
        if name == "table.size":
            out.append(Instr(E[name], tab))
            return stack + [I32]
        out.append(Instr(E[name], tab))
        return []

    def _branch(self, name: str) -> Instr:
        r = self.r.randrange
        imm = {"br": r(3), "br_if": r(3),
               "br_table": (tuple(r(3) for _ in range(r(3))), r(3))}.get(name)
        return Instr(E[name], imm)

    def push(self, t) -> Instr:
        if t.is_ref:
            return Instr(E["ref.null"], t)
        if t is V128:
            return Instr(E["v128.const"], bytes(16))
        return Instr(E[f"{t.name}.const"], 1)


def _wasmtime_accepts(engine, wat: str) -> bool:
    try:
        wasm = wasmtime.wat2wasm(wat)
    except Exception:
        return None
    try:
        wasmtime.Module.validate(engine, wasm)
        return True
    except Exception:
        return False


def test_differential_against_wasmtime():
    rnd = random.Random(int(os.environ.get("WASMLITE_FUZZ_SEED", "20240607")))
    engine = wasmtime.Engine()
    counts = {True: 0, False: 0}
    disagreements = []
    for _ in range(int(os.environ.get("WASMLITE_FUZZ_N", "3000"))):
        ft = rnd.randrange(len(TYPES))
        locals_ = [rnd.choice(VALTYPES) for _ in range(rnd.randrange(3))]
        all_locals = list(TYPES[ft].params) + locals_
        body = _Gen(rnd, all_locals, TYPES[ft].results).body(rnd.randrange(1, 25))
        wat = _skeleton_wat(ft, locals_, " ".join(_wat(i) for i in body[:-1]))
        theirs = _wasmtime_accepts(engine, wat)
        if theirs is None:
            continue
        try:
            validate_module(_skeleton(ft, locals_, body))
            ours, why = True, ""
        except InvalidError as e:
            ours, why = False, str(e)
        counts[ours] += 1
        if ours != theirs:
            disagreements.append((ours, why, wat))
    assert not disagreements, "\n".join(map(repr, disagreements[:5]))
    # The generator must exercise both outcomes substantially.
    assert counts[True] > 200 and counts[False] > 200, counts


def test_random_garbage_only_raises_invalid():
    rnd = random.Random(7)
    ops = [op for op in OPS]
    for _ in range(3000):
        body = []
        for _ in range(rnd.randrange(1, 20)):
            op = rnd.choice(ops)
            imm = rnd.choice([None, 0, 1, 5, -1, (0, 0), (0, 0, 0), (0, 0, 0, 0),
                              ((0,), 0), (I32,), I32, FUNCREF, bytes(16), "x"])
            body.append(Instr(op, imm))
        body.append(Instr(E["end"]))
        try:
            validate_module(_skeleton(rnd.randrange(len(TYPES)), [], body))
        except InvalidError:
            pass
