"""``Config.cranelift_nan_canonicalization``: deterministic NaN bits.

With it on, every float operation that can produce a NaN produces the
canonical one: f32 ``0x7fc00000``, f64 ``0x7ff8000000000000``, per lane for
vectors (positive, quiet, no payload: what Wasmtime gives). The operations
are syntax.instructions.NAN_CANON; each has a variant row (``f32.add.canon``)
whose lowering is made here from the op's own lowering (the NUMERIC template
or the HANDLERS method), followed by

    x' = opaque(x); select(fcmp uno x', x'), canonical NaN, x'

The empty asm (``opaque``) keeps LLVM from reasoning about ``x``: without
it, LLVM knows ``sqrt(a)`` is a NaN exactly when ``a < 0`` or ``a`` is NaN
and that the select then picks *a* NaN either way, and drops the
canonicalization (seen at -O2). It costs no instruction (the value stays in
its vector register).

Both tiers get the variants from here: the compiler's translator swaps its
tables for ``NUMERIC_CANON`` / ``HANDLERS_CANON`` (the same tables with the
variants' lowerings under the ops' keys, so nothing is looked up per
instruction), and the interpreter builds the variants' handlers as a
library of their own, made only when an engine first asks for them
(interp/library.py), which the pre-decoder then uses for the ops.
"""
from __future__ import annotations

import os

from ..syntax.instructions import NAN_CANON, Op

# the canonical NaNs as LLVM spells float constants (a float is written as
# the double of the same value: 0x7FF8... is f32 0x7fc00000)
CANONICAL_NAN = "0x7FF8000000000000"
_VECTORS = {"f32x4": ("<4 x float>", "float", 4), "f64x2": ("<2 x double>", "double", 2)}


def _vreg() -> str:
    """The inline-asm constraint of a vector (and float) register."""
    # (os.uname, not platform: its import costs the tier-up thread ~2-3 ms)
    machine = os.uname().machine if hasattr(os, "uname") else ""
    return "w" if machine in ("aarch64", "arm64") else "x"


def canonicalizing_template(template: str, lltype: str) -> str:
    """A NUMERIC template (compile/numeric.py) whose result, when a NaN,
    is the canonical NaN: the template's own result line renamed, then the
    check. ``lltype``: the result's ("float" or "double")."""
    lines = template.split("\n")
    defs = [k for k, line in enumerate(lines) if line.startswith("{r} = ")]
    if len(defs) != 1:
        raise AssertionError(f"template defines its result {len(defs)} times")
    k = defs[0]
    lines[k] = "{r}.cn0 = " + lines[k][len("{r} = "):]
    c = _vreg()
    lines += [f'{{r}}.cn1 = call {lltype} asm "", "={c},0"({lltype} {{r}}.cn0)',
              f"{{r}}.cn2 = fcmp uno {lltype} {{r}}.cn1, 0.0",
              f"{{r}} = select i1 {{r}}.cn2, {lltype} {CANONICAL_NAN}, {lltype} {{r}}.cn1"]
    return "\n".join(lines)


def _canonicalizing_handler(base, shape: str):
    """A HANDLERS method: ``base`` (the op's own), then each NaN lane of
    the v128 it pushed made the canonical NaN."""
    vty, ety, n = _VECTORS[shape]
    nan = f"<{', '.join([f'{ety} {CANONICAL_NAN}'] * n)}>"

    def handler(self, ins) -> None:
        base(self, ins)
        v = self._vopaque(self.stack.pop()[0])
        f = self._as(v, vty)
        u = self._emit(f"fcmp uno {vty} {f}, {f}")
        self._push(self._emit(f"select <{n} x i1> {u}, {vty} {nan}, {vty} {f}"), vty)
    return handler


def add_variants(numeric: dict, handlers: dict) -> tuple[dict, dict]:
    """Register each variant's lowering in ``numeric`` / ``handlers`` (the
    compiler's tables, which the interpreter's handler generator reads too)
    and return the two tables a canonicalizing translator uses: the same,
    with each op's entry replaced by its variant's."""
    numeric_canon, handlers_canon = dict(numeric), dict(handlers)
    for op, variant in NAN_CANON.items():
        t = numeric.get(op)
        if t is not None:
            tmpl, nparams, rty, traps, nb = t
            numeric[variant] = (canonicalizing_template(tmpl, rty), nparams, rty, traps, nb)
            numeric_canon[op] = numeric[variant]
        else:
            handlers[variant] = _canonicalizing_handler(handlers[op], op.name.split(".")[0])
            handlers_canon[op] = handlers[variant]
    return numeric_canon, handlers_canon


def variant_of(op: Op) -> Op:
    """The canonicalizing variant of ``op`` (``op`` itself if it has none)."""
    return NAN_CANON.get(op, op)
