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

from typing import Union

from ..errors import NULL_I31_REFERENCE, TrapCode
from ..syntax.types import ValType

EXTERN_TAG = 2                  # low two bits of an externref made an anyref
ANY_IN_EXTERN = 1 << 62         # an externref that carries an any value

# ref.test / ref.cast targets, as an immediate the interpreter reads (the
# compiler's lowering gets the same number as a constant and LLVM folds it)
HEAP_CODES = {"any": 1, "eq": 2, "i31": 3, "struct": 4, "array": 5, "none": 6,
              "func": 7, "nofunc": 8, "extern": 9, "noextern": 10, "exn": 11, "noexn": 12}
_CAST_FAILURE = int(TrapCode.CAST_FAILURE)


def heap_code(t: ValType) -> int:
    """The target code of reference type ``t`` (abstract heap types only:
    no object of a concrete struct or array type exists yet)."""
    code = HEAP_CODES.get(t.heap) if isinstance(t.heap, str) else None
    if code is None:
        from .translate import CompileError
        raise CompileError(f"casts to concrete types ({t}) are not supported yet")
    return code


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
    def cast_test(self, v: str, target: Union[ValType, str], nullable: bool) -> str:
        """An i1: whether reference ``v`` is of the target type (a ValType
        when compiling; the interpreter's immediate, an SSA i32, in a
        handler)."""
        r = self.tmp()
        code = str(heap_code(target)) if isinstance(target, ValType) else target
        low1 = f"%{r}.l1"          # an i31 (a converted externref is any only)
        out = self.out
        out += [f"%{r}.nn = icmp ne i64 {v}, 0",
                f"%{r}.b0 = and i64 {v}, 1", f"{low1} = icmp ne i64 %{r}.b0, 0"]
        # non-null: any / func / extern / exn all hold; eq and i31 hold for
        # i31s (objects: not yet); struct, array and the bottoms never
        out += [f"%{r}.any = icmp eq i32 {code}, {HEAP_CODES['any']}",
                f"%{r}.top0 = icmp eq i32 {code}, {HEAP_CODES['func']}",
                f"%{r}.top1 = icmp eq i32 {code}, {HEAP_CODES['extern']}",
                f"%{r}.top2 = icmp eq i32 {code}, {HEAP_CODES['exn']}",
                f"%{r}.t0 = or i1 %{r}.any, %{r}.top0", f"%{r}.t1 = or i1 %{r}.t0, %{r}.top1",
                f"%{r}.top = or i1 %{r}.t1, %{r}.top2",
                f"%{r}.eq = icmp eq i32 {code}, {HEAP_CODES['eq']}",
                f"%{r}.i31 = icmp eq i32 {code}, {HEAP_CODES['i31']}",
                f"%{r}.ei = or i1 %{r}.eq, %{r}.i31",
                f"%{r}.ei31 = and i1 %{r}.ei, {low1}",
                f"%{r}.hit0 = or i1 %{r}.top, %{r}.ei31",
                f"%{r}.hit = and i1 %{r}.hit0, %{r}.nn"]
        if nullable:
            out += [f"%{r}.nul = xor i1 %{r}.nn, true", f"%{r} = or i1 %{r}.hit, %{r}.nul"]
        else:
            out.append(f"%{r} = and i1 %{r}.hit, true")
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
                 "ref.cast", "ref.cast_null", "any.convert_extern", "extern.convert_any")
        return {OP_BY_NAME[n]: getattr(cls, "op_" + n.replace(".", "_"))
                for n in names}
