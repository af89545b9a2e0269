"""Wasm GC values that need no heap: i31 references, ref.eq, casts to the
abstract heap types, and the any/extern conversions (both tiers: the
interpreter's handlers are made from these lowerings, interp/forms.py).

Every reference is an i64 in generated code. In the ``any`` hierarchy:

* 0 is null;
* an i31 is ``(value << 1) | 1``: odd, so it never looks like an address,
  and ``ref.eq`` of two i31s is a comparison of their bits;
* an externref made an anyref (``any.convert_extern``) is its store handle
  shifted left 2, tagged ``0b10`` (handles are small integers: one must not
  read as an i31 or as an object);
* heap objects (structs, arrays: not built yet) will be 8-byte aligned
  addresses, tagged ``0b00``.

The other way, ``extern.convert_any`` of a value that is no converted
externref makes an externref that carries the any value itself, tagged with
bit 62 (``ANY_IN_EXTERN``; Python sees it as a ``GcRef``, runtime/gc_values),
so converting back gives the same bits: both conversions are bit operations,
no call into the runtime.
"""
from __future__ import annotations

from typing import Optional

from . import vmcontext as vm
from ..errors import NULL_I31_REFERENCE, TrapCode
from ..syntax.types import ValType

EXTERN_TAG = 2                  # low two bits of an externref made an anyref
ANY_IN_EXTERN = 1 << 62         # an externref that carries an any value

# ref.test / ref.cast targets, as an immediate the interpreter reads (the
# compiler's lowering gets the same number as a constant and LLVM folds it);
# a module's own types: CONCRETE_FUNC (function types) or CONCRETE_OBJECT
# (struct and array types), with the type's engine index and finality
HEAP_CODES = {"any": 1, "eq": 2, "i31": 3, "struct": 4, "array": 5, "none": 6,
              "func": 7, "nofunc": 8, "extern": 9, "noextern": 10, "exn": 11, "noexn": 12}
CONCRETE_FUNC = 13
CONCRETE_OBJECT = 14
_CAST_FAILURE = int(TrapCode.CAST_FAILURE)
_TRUE_TOPS = (HEAP_CODES["any"], HEAP_CODES["func"], HEAP_CODES["extern"], HEAP_CODES["exn"])


def cast_target(module, t: ValType) -> tuple[int, Optional[int], bool]:
    """(code, type index or None, final) of the target reference type ``t``
    of a cast in ``module``."""
    heap = t.heap
    if isinstance(heap, str):
        return HEAP_CODES[heap], None, True
    if type(heap) is int:
        kind = module.types[heap].kind
        final = module.subtype(heap).final
        return (CONCRETE_FUNC if kind == "func" else CONCRETE_OBJECT), heap, final
    from ..errors import CompileError
    raise CompileError(f"cannot cast to {t}")


def heap_code(t: ValType) -> int:
    """The code of an abstract target heap type."""
    return HEAP_CODES[t.heap]


class GcValueOps:
    """Mixin for FunctionTranslator (methods named ``op_*`` are registered
    by ``handlers()``)."""

    def op_ref_i31(self, ins) -> None:
        a = self.stack.pop()[0]
        r = self.tmp()
        self.out += [f"%{r}.m = and i32 {a}, 2147483647", f"%{r}.z = zext i32 %{r}.m to i64",
                     f"%{r}.s = shl i64 %{r}.z, 1", f"%{r} = or i64 %{r}.s, 1"]
        self.stack.append((f"%{r}", "i64"))

    def _i31_get(self, signed: bool) -> None:
        a = self.stack.pop()[0]
        r = self.tmp()
        out = self.out
        out.append(f"%{r}.z = icmp eq i64 {a}, 0")
        out.append(f"br i1 %{r}.z, label {self.trap_to(NULL_I31_REFERENCE)}, label %{r}.ok")
        out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"
        if signed:      # bit 31 of the value (63 once shifted) is its sign
            out += [f"%{r}.h = shl i64 {a}, 32", f"%{r}.v = ashr i64 %{r}.h, 33"]
        else:
            out.append(f"%{r}.v = lshr i64 {a}, 1")
        out.append(f"%{r} = trunc i64 %{r}.v to i32")
        self.stack.append((f"%{r}", "i32"))

    def op_i31_get_s(self, ins) -> None:
        self._i31_get(True)

    def op_i31_get_u(self, ins) -> None:
        self._i31_get(False)

    def op_ref_eq(self, ins) -> None:
        b = self.stack.pop()[0]
        a = self.stack.pop()[0]
        r = self.tmp()
        self.out += [f"%{r}.c = icmp eq i64 {a}, {b}", f"%{r} = zext i1 %{r}.c to i32"]
        self.stack.append((f"%{r}", "i32"))

    # -- casts -------------------------------------------------------------------
    def cast_test(self, v: str, target, nullable: bool) -> str:
        """An i1: whether reference ``v`` is of the target type: a ValType
        when compiling; in an interpreter handler, its immediates (SSA
        names of the code, the VMContext offset of the expected type's
        engine index, and whether that type is final: cast_target)."""
        r = self.tmp()
        out = self.out
        if isinstance(target, ValType):
            code, idx, final = cast_target(self.ctx.module, target)
            code_s, fin_s = str(code), ("true" if final else "false")
            expected = self.hoisted(("sig", idx), lambda: self._load_sig(idx)) \
                if idx is not None else "0"
            loads = code in (CONCRETE_FUNC, CONCRETE_OBJECT, HEAP_CODES["struct"],
                             HEAP_CODES["array"])
        else:
            code_s, sig_off, fin = target
            out += [f"%{r}.fin = icmp ne i32 {fin}, 0",
                    f"%{r}.xp = getelementptr i8, ptr %vmctx, i64 {sig_off}",
                    f"%{r}.xw = load i32, ptr %{r}.xp", f"%{r}.x = zext i32 %{r}.xw to i64"]
            fin_s, expected, loads = f"%{r}.fin", f"%{r}.x", True

        def is_code(name: str, c: int) -> str:
            out.append(f"%{r}.is{name} = icmp eq i32 {code_s}, {c}")
            return f"%{r}.is{name}"

        out += [f"%{r}.nn = icmp ne i64 {v}, 0", f"%{r}.lo = and i64 {v}, 3",
                f"%{r}.lo0 = icmp eq i64 %{r}.lo, 0", f"%{r}.b0 = and i64 {v}, 1",
                f"%{r}.i31v = icmp ne i64 %{r}.b0, 0",
                f"%{r}.obj = and i1 %{r}.nn, %{r}.lo0"]
        # without looking inside: the tops hold for every non-null value;
        # eq for i31s and objects, i31 for i31s; the bottoms for none
        tops = [is_code(f"t{c}", c) for c in _TRUE_TOPS]
        out += [f"%{r}.tp0 = or i1 {tops[0]}, {tops[1]}", f"%{r}.tp1 = or i1 {tops[2]}, {tops[3]}",
                f"%{r}.top = or i1 %{r}.tp0, %{r}.tp1"]
        eq, i31 = is_code("eq", HEAP_CODES["eq"]), is_code("i31", HEAP_CODES["i31"])
        out += [f"%{r}.eqv = or i1 %{r}.i31v, %{r}.obj", f"%{r}.e1 = and i1 {eq}, %{r}.eqv",
                f"%{r}.e2 = and i1 {i31}, %{r}.i31v", f"%{r}.e3 = or i1 %{r}.e1, %{r}.e2",
                f"%{r}.e4 = or i1 %{r}.e3, %{r}.top", f"%{r}.quick = and i1 %{r}.e4, %{r}.nn"]
        hit = f"%{r}.quick"
        if loads:
            # struct, array and concrete types: the object's header (a
            # funcref's signature), when the value is an object at all
            isf = is_code("f", CONCRETE_FUNC)
            iss, isa = is_code("s", HEAP_CODES["struct"]), is_code("a", HEAP_CODES["array"])
            out += [f"%{r}.isc0 = icmp eq i32 {code_s}, {CONCRETE_OBJECT}",
                    f"%{r}.isc = or i1 %{r}.isc0, {isf}",
                    f"%{r}.sa = or i1 {iss}, {isa}", f"%{r}.need0 = or i1 %{r}.sa, %{r}.isc",
                    f"%{r}.need = and i1 %{r}.need0, %{r}.obj",
                    f"br i1 %{r}.need, label %{r}.ld, label %{r}.join"]
            before = self.cur
            out += [f"{r}.ld:", f"%{r}.ha = add i64 {v}, 0",
                    f"%{r}.fa = add i64 {v}, {vm.VMFUNCREF_SIG}",
                    f"%{r}.aa = select i1 {isf}, i64 %{r}.fa, i64 %{r}.ha",
                    f"%{r}.p = inttoptr i64 %{r}.aa to ptr", f"%{r}.w = load i64, ptr %{r}.p",
                    f"%{r}.wt = and i64 %{r}.w, 4294967295",
                    f"%{r}.tid = select i1 {isf}, i64 %{r}.w, i64 %{r}.wt",
                    f"%{r}.af = and i64 %{r}.w, {vm.GC_ARRAY_FLAG}",
                    f"%{r}.arr = icmp ne i64 %{r}.af, 0", f"%{r}.str = xor i1 %{r}.arr, true",
                    f"%{r}.k0 = and i1 {iss}, %{r}.str", f"%{r}.k1 = and i1 {isa}, %{r}.arr",
                    f"%{r}.kind = or i1 %{r}.k0, %{r}.k1",
                    f"%{r}.same = icmp eq i64 %{r}.tid, {expected}",
                    f"%{r}.nf = xor i1 {fin_s}, true", f"%{r}.ns = xor i1 %{r}.same, true",
                    f"%{r}.sl0 = and i1 %{r}.isc, %{r}.ns", f"%{r}.slow = and i1 %{r}.sl0, %{r}.nf",
                    f"%{r}.cfast = select i1 %{r}.isc, i1 %{r}.same, i1 %{r}.kind",
                    f"br i1 %{r}.slow, label %{r}.sub, label %{r}.ldj"]
            fn = self.builtin(vm.BUILTIN_SIG_SUBTYPE)
            out += [f"{r}.sub:",
                    f"%{r}.st = call i64 {fn}(ptr %vmctx, i64 %{r}.tid, i64 {expected})",
                    f"%{r}.isub = icmp eq i64 %{r}.st, 1", f"br label %{r}.ldj",
                    f"{r}.ldj:",
                    f"%{r}.lres = phi i1 [%{r}.cfast, %{r}.ld], [%{r}.isub, %{r}.sub]",
                    f"br label %{r}.join", f"{r}.join:",
                    f"%{r}.hit = phi i1 [%{r}.quick, %{before}], [%{r}.lres, %{r}.ldj]"]
            self.cur = f"{r}.join"
            hit = f"%{r}.hit"
        if nullable:
            out += [f"%{r}.nul = xor i1 %{r}.nn, true", f"%{r} = or i1 {hit}, %{r}.nul"]
        else:
            out.append(f"%{r} = and i1 {hit}, true")
        return f"%{r}"

    def _ref_test(self, ins, nullable: bool) -> None:
        v = self.stack.pop()[0]
        ok = self.cast_test(v, ins.imm, nullable)
        r = self.tmp()
        self.out.append(f"%{r} = zext i1 {ok} to i32")
        self.stack.append((f"%{r}", "i32"))

    def op_ref_test(self, ins) -> None:
        self._ref_test(ins, False)

    def op_ref_test_null(self, ins) -> None:
        self._ref_test(ins, True)

    def _ref_cast(self, ins, nullable: bool) -> None:
        v = self.stack[-1][0]
        ok = self.cast_test(v, ins.imm, nullable)
        r = self.tmp()
        self.out.append(f"br i1 {ok}, label %{r}.ok, label {self.trap_to(_CAST_FAILURE)}")
        self.out.append(f"{r}.ok:")
        self.cur = f"{r}.ok"

    def op_ref_cast(self, ins) -> None:
        self._ref_cast(ins, False)

    def op_ref_cast_null(self, ins) -> None:
        self._ref_cast(ins, True)

    def _br_on_cast(self, ins, fail: bool) -> None:
        # the reference stays on the stack either way (the branch carries it)
        label, _source, target = ins.imm
        ok = self.cast_test(self.stack[-1][0], target, target.nullable)
        self.branch_when(f"{'eq' if fail else 'ne'} i1 {ok}, false", label)

    def op_br_on_cast(self, ins) -> None:
        self._br_on_cast(ins, False)

    def op_br_on_cast_fail(self, ins) -> None:
        self._br_on_cast(ins, True)

    def cast_peek(self, ins, fail: bool, nullable: bool) -> None:
        """The interpreter's half of br_on_cast(_fail) (interp/forms.py
        CAST_TESTS): whether to branch, pushed as an i32 above the
        reference, for its br_if."""
        ok = self.cast_test(self.stack[-1][0], ins.imm, nullable)
        r = self.tmp()
        self.out += [f"%{r}.b = xor i1 {ok}, {'true' if fail else 'false'}",
                     f"%{r} = zext i1 %{r}.b to i32"]
        self.stack.append((f"%{r}", "i32"))

    # -- any <-> extern ----------------------------------------------------------
    def op_any_convert_extern(self, ins) -> None:
        # an externref that carries an any value gives it back; any other
        # (non-null) handle is tagged
        a = self.stack.pop()[0]
        r = self.tmp()
        self.out += [f"%{r}.in = and i64 {a}, {ANY_IN_EXTERN}",
                     f"%{r}.isany = icmp ne i64 %{r}.in, 0",
                     f"%{r}.back = xor i64 {a}, {ANY_IN_EXTERN}",
                     f"%{r}.sh = shl i64 {a}, 2", f"%{r}.tag = or i64 %{r}.sh, {EXTERN_TAG}",
                     f"%{r}.nn = icmp ne i64 {a}, 0",
                     f"%{r}.t = select i1 %{r}.nn, i64 %{r}.tag, i64 0",
                     f"%{r} = select i1 %{r}.isany, i64 %{r}.back, i64 %{r}.t"]
        self.stack.append((f"%{r}", "i64"))

    def op_extern_convert_any(self, ins) -> None:
        a = self.stack.pop()[0]
        r = self.tmp()
        self.out += [f"%{r}.b = and i64 {a}, 3", f"%{r}.isext = icmp eq i64 %{r}.b, {EXTERN_TAG}",
                     f"%{r}.h = lshr i64 {a}, 2",
                     f"%{r}.wrap = or i64 {a}, {ANY_IN_EXTERN}",
                     f"%{r}.nn = icmp ne i64 {a}, 0",
                     f"%{r}.w = select i1 %{r}.nn, i64 %{r}.wrap, i64 0",
                     f"%{r} = select i1 %{r}.isext, i64 %{r}.h, i64 %{r}.w"]
        self.stack.append((f"%{r}", "i64"))

    @classmethod
    def handlers(cls) -> dict:
        from ..syntax.instructions import OP_BY_NAME
        names = ("ref.i31", "i31.get_s", "i31.get_u", "ref.eq", "ref.test", "ref.test_null",
                 "ref.cast", "ref.cast_null", "any.convert_extern", "extern.convert_any",
                 "br_on_cast", "br_on_cast_fail")
        return {OP_BY_NAME[n]: getattr(cls, "op_" + n.replace(".", "_"))
                for n in names}
