"""The official 3.0 spec suite (``../shared/spec/wasm-3.0``, its ``legacy/``
folder too), one test per .wast file and strategy, run as tests/test_spec.py
runs the 2.0 files: each file in a child process of its own (all strategies
there, one after the other), through ``wasmlite.script.run.run_file`` and the
``Executor`` with the strategy.

Only some files pass today: most stop at the first Wasm 3.0 construct not
built yet (GC types, typed function references, memory64, multiple memories,
exceptions, ...). So the parametrized test covers the files in ``PASSING``,
a regression test: each must keep passing with 0 failed and 0 skipped. The
summary test runs the rest too, without failing, and conftest.py's
``pytest_terminal_summary`` prints how many files pass per strategy and
which are left (labelled where they use GC types). A file that starts
passing is added to ``PASSING`` by whoever makes it pass (the summary names
such files)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SPEC_ROOT
from test_spec import STRATEGIES

SPEC_3_0 = SPEC_ROOT / "wasm-3.0"
SPEC_3_0_MISSING = f"3.0 spec suite not found under {SPEC_3_0} (set WASMLITE_SPEC_DIR)"


def spec3_files() -> list[Path]:
    """The 3.0 suite's scripts, subfolders included (none where it is absent)."""
    return sorted(SPEC_3_0.rglob("*.wast"))


def _name(path: Path) -> str:
    return path.relative_to(SPEC_3_0).as_posix()


FILES = spec3_files()

# The files that pass with 0 failed and 0 skipped, per strategy. Measured on
# 2026-12-01 (commit 68c0b7f) by running every file of the 3.0 suite under
# each strategy; re-measure with
#     for s in llvm interpreter auto-early; do
#       python -m wasmlite wast --strategy $s ../shared/spec/wasm-3.0/*.wast \
#         ../shared/spec/wasm-3.0/legacy/*.wast | grep ' 0 failed, 0 skipped'
#     done
# (or read the summary this module prints at the end of a run). The three
# sets are the same today; give a strategy a set of its own when they differ.
_PASSING_TODAY = frozenset({
    # memory64 (13 files)
    "address64.wast", "align64.wast", "binary_leb128_64.wast", "bulk64.wast",
    "endianness64.wast", "float_memory64.wast", "load64.wast", "memory_copy64.wast",
    "memory_fill64.wast", "memory_grow64.wast", "memory_init64.wast",
    "memory_redundancy64.wast", "memory_trap64.wast", "memory64.wast", "memory.wast",
    # 3.0's binary limits (u64) and memarg flags
    "binary.wast", "binary-leb128.wast", "table.wast", "align.wast",
    # table64 (10 files)
    "call_indirect64.wast", "table64.wast", "table_copy64.wast", "table_copy_mixed.wast",
    "table_fill64.wast", "table_get64.wast", "table_grow64.wast", "table_set64.wast",
    "table_size64.wast", "memory64-imports.wast",
    # multi-memory (41 files)
    "address0.wast", "address1.wast", "align0.wast", "binary0.wast", "data0.wast",
    "data1.wast", "data_drop0.wast", "exports0.wast", "float_exprs0.wast", "float_exprs1.wast",
    "float_memory0.wast", "imports0.wast", "imports1.wast", "imports2.wast", "imports3.wast",
    "imports4.wast", "linking0.wast", "linking1.wast", "linking2.wast", "linking3.wast",
    "load0.wast", "load1.wast", "load2.wast", "memory-multi.wast", "memory_copy0.wast",
    "memory_copy1.wast", "memory_fill0.wast", "memory_init0.wast", "memory_size0.wast",
    "memory_size1.wast", "memory_size2.wast", "memory_size_import.wast", "memory_trap0.wast",
    "memory_trap1.wast", "simd_memory-multi.wast", "start0.wast", "store0.wast", "store1.wast",
    "store2.wast", "traps0.wast", "memory_grow.wast",
    "address.wast", "annotations.wast", "block.wast", "br.wast", "bulk.wast", "call.wast", "call_indirect.wast",
    "comments.wast", "const.wast", "conversions.wast", "custom.wast", "data.wast",
    "endianness.wast",
    "f32.wast", "f32_bitwise.wast", "f32_cmp.wast", "f64.wast", "f64_bitwise.wast",
    "f64_cmp.wast", "fac.wast", "float_exprs.wast", "float_literals.wast",
    "float_memory.wast", "float_misc.wast", "forward.wast", "func_ptrs.wast",
    "i16x8_relaxed_q15mulr_s.wast", "i32.wast", "id.wast", "i32x4_relaxed_trunc.wast", "i64.wast",
    "i8x16_relaxed_swizzle.wast", "if.wast", "inline-module.wast", "int_exprs.wast",
    "int_literals.wast", "labels.wast", "left-to-right.wast", "load.wast",
    "local_get.wast", "local_set.wast", "loop.wast", "memory_copy.wast",
    "memory_fill.wast", "memory_init.wast", "memory_redundancy.wast", "memory_size.wast",
    "memory_size3.wast", "memory_trap.wast", "names.wast", "nop.wast",
    "obsolete-keywords.wast", "ref_func.wast", "relaxed_dot_product.wast",
    "relaxed_laneselect.wast", "relaxed_madd_nmadd.wast", "relaxed_min_max.wast",
    "return.wast", "simd_address.wast", "simd_align.wast", "simd_bit_shift.wast", "simd_bitwise.wast",
    "simd_boolean.wast", "simd_const.wast", "simd_conversions.wast", "simd_f32x4.wast",
    "simd_f32x4_arith.wast", "simd_f32x4_cmp.wast", "simd_f32x4_pmin_pmax.wast",
    "simd_f32x4_rounding.wast", "simd_f64x2.wast", "simd_f64x2_arith.wast",
    "simd_f64x2_cmp.wast", "simd_f64x2_pmin_pmax.wast", "simd_f64x2_rounding.wast",
    "simd_i16x8_arith.wast", "simd_i16x8_arith2.wast", "simd_i16x8_cmp.wast",
    "simd_i16x8_extadd_pairwise_i8x16.wast", "simd_i16x8_extmul_i8x16.wast",
    "simd_i16x8_q15mulr_sat_s.wast", "simd_i16x8_sat_arith.wast", "simd_i32x4_arith.wast",
    "simd_i32x4_arith2.wast", "simd_i32x4_cmp.wast", "simd_i32x4_dot_i16x8.wast",
    "simd_i32x4_extadd_pairwise_i16x8.wast", "simd_i32x4_extmul_i16x8.wast",
    "simd_i32x4_trunc_sat_f32x4.wast", "simd_i32x4_trunc_sat_f64x2.wast",
    "simd_i64x2_arith.wast", "simd_i64x2_arith2.wast", "simd_i64x2_cmp.wast",
    "simd_i64x2_extmul_i32x4.wast", "simd_i8x16_arith.wast", "simd_i8x16_arith2.wast",
    "simd_i8x16_cmp.wast", "simd_i8x16_sat_arith.wast", "simd_int_to_int_extend.wast", "simd_lane.wast",
    "simd_linking.wast", "simd_load.wast", "simd_load16_lane.wast",
    "simd_load32_lane.wast", "simd_load64_lane.wast", "simd_load8_lane.wast",
    "simd_load_extend.wast", "simd_load_splat.wast", "simd_load_zero.wast",
    "simd_select.wast", "simd_splat.wast", "simd_store.wast", "simd_store16_lane.wast",
    "simd_store32_lane.wast", "simd_store64_lane.wast", "simd_store8_lane.wast",
    "skip-stack-guard-page.wast", "stack.wast", "start.wast", "store.wast", "switch.wast",
    "table_copy.wast", "table_fill.wast", "table_get.wast", "table_grow.wast",
    "table_set.wast", "table_size.wast", "token.wast", "traps.wast", "type.wast",
    "unreachable.wast", "unwind.wast", "utf8-custom-section-id.wast",
    "utf8-import-field.wast", "utf8-import-module.wast", "utf8-invalid-encoding.wast",})
# typed function references (measured 2026-12-01 under the three strategies)
_PASSING_TODAY |= frozenset({
    "br_if.wast", "br_on_non_null.wast", "br_on_null.wast", "br_table.wast", "call_ref.wast",
    "elem.wast", "func.wast", "global.wast", "linking.wast", "local_init.wast",
    "local_tee.wast", "ref.wast", "ref_as_non_null.wast", "ref_is_null.wast", "select.wast",
    "table-sub.wast", "unreached-invalid.wast", "unreached-valid.wast"})
# exception handling (tags, throw, throw_ref, try_table, the legacy try)
_PASSING_TODAY |= frozenset({
    "throw.wast", "throw_ref.wast", "legacy/throw.wast", "legacy/rethrow.wast",
    "exports.wast", "imports.wast", "instance.wast",
    # (these three tail-call from try bodies too)
    "try_table.wast", "legacy/try_catch.wast", "legacy/try_delegate.wast"})
# tail calls
_PASSING_TODAY |= frozenset({
    "return_call.wast", "return_call_indirect.wast", "return_call_ref.wast"})
# Wasm GC's front end (types, canonicalization, import subtyping; measured
# 2026-12-01 under the three strategies)
_PASSING_TODAY |= frozenset({
    "binary-gc.wast", "ref_null.wast", "tag.wast", "type-canon.wast",
    "type-equivalence.wast", "type-rec.wast",
    # GC values without a heap: i31, casts to abstract types (compile/gc_values.py)
    "i31.wast"})
# Wasm GC's heap instructions (compile/gc_objects.py; the other struct and
# array files wait for struct.new / array.new in constant expressions)
_PASSING_TODAY |= frozenset({"array_new_data.wast", "ref_eq.wast"})
PASSING: dict[str, frozenset[str]] = {s: _PASSING_TODAY for s in STRATEGIES}

# test_spec.py's child, but it also reports the skipped checks (that one
# reports passed and failed only)
_CHILD = """
import functools, json, sys
from wasmlite.script.execute import Executor
from wasmlite.script.run import run_file
out = {}
for strategy in sys.argv[2:]:
    o = run_file(sys.argv[1], functools.partial(Executor, strategy=strategy))
    out[strategy] = {"passed": o.passed, "failed": o.failed, "skipped": o.skipped,
                     "failures": o.failures[:30]}
print(json.dumps(out))
"""
_results: dict[str, dict] = {}


def _run(path: Path) -> dict:
    """{strategy: {passed, failed, skipped, failures}}, or {"error": ...} where
    the child crashed or hung (the runner itself should never do that)."""
    key = str(path)
    if key not in _results:
        try:
            proc = subprocess.run([sys.executable, "-c", _CHILD, key, *STRATEGIES],
                                  capture_output=True, text=True, timeout=900)
        except subprocess.TimeoutExpired:
            _results[key] = {"error": "timed out after 900 s"}
        else:
            if proc.returncode != 0:
                _results[key] = {"error": f"exit {proc.returncode}: {proc.stderr[-3000:]}"}
            else:
                _results[key] = json.loads(proc.stdout.strip().splitlines()[-1])
    return _results[key]


def _passes(result: dict, strategy: str) -> bool:
    r = result.get(strategy)
    return r is not None and r["failed"] == 0 and r["skipped"] == 0 and r["passed"] > 0


_CASES = [pytest.param(p, s, id=f"{_name(p)[:-5]}-{s}")
          for p in FILES for s in STRATEGIES if _name(p) in PASSING[s]]
if not FILES:   # skipped with the path looked for, not as an empty parameter set
    _CASES = [pytest.param(None, None, id="missing",
                           marks=pytest.mark.skip(reason=SPEC_3_0_MISSING))]


@pytest.mark.parametrize("path,strategy", _CASES)
def test_spec3_file(path, strategy):
    result = _run(path)
    assert "error" not in result, result.get("error")
    r = result[strategy]
    assert r["failed"] == 0, "\n".join(r["failures"])
    assert r["skipped"] == 0, f"{r['skipped']} checks skipped"
    assert r["passed"] > 0


def test_passing_files_exist():
    """A name in PASSING that is not in the suite (renamed upstream, a typo)
    would silently test nothing."""
    if not SPEC_3_0.is_dir():
        pytest.skip(SPEC_3_0_MISSING)
    names = {_name(p) for p in FILES}
    for strategy in STRATEGIES:
        assert PASSING[strategy] <= names, sorted(PASSING[strategy] - names)


# --------------------------------------------------------------- summary

# GC types and instructions (a text scan, comments left out, is enough to
# label a file): struct/array/i31 instructions and types, the abstract heap
# types any/eq/none, rec groups and subtypes, casts.
_GC = re.compile(r"""
    \b(?:struct|array|i31)\.[a-z_]+          # struct.new, array.get, i31.get_s
  | \bref\.(?:i31|test|cast|eq)\b
  | \bbr_on_cast(?:_fail)?\b
  | \b(?:any\.convert_extern|extern\.convert_any)\b
  | \((?:struct|array|rec|sub)\b             # type definitions
  | \b(?:anyref|eqref|structref|arrayref|i31ref|nullref)\b
  | \(ref\s+(?:null\s+)?(?:any|eq|struct|array|i31|none)\b
""", re.VERBOSE)
_COMMENT = re.compile(r";;[^\n]*|\(;.*?;\)", re.DOTALL)


def uses_gc(path: Path) -> bool:
    if "gc" in path.name:                    # binary-gc.wast: modules as bytes
        return True
    text = path.read_text(encoding="utf-8", errors="replace")
    return _GC.search(_COMMENT.sub(" ", text)) is not None


# filled by test_summary, printed by conftest.py's pytest_terminal_summary
summary_lines: list[str] = []


def test_summary():
    """Run every 3.0 file (those already run above come from the cache) and
    say how many pass per strategy and which are left. Never fails: the
    regression test above is the one that asserts."""
    if not SPEC_3_0.is_dir():
        pytest.skip(SPEC_3_0_MISSING)
    results = {_name(p): _run(p) for p in FILES}
    lines = []
    for strategy in STRATEGIES:
        ok = {n for n, r in results.items() if _passes(r, strategy)}
        lines.append(f"{strategy}: {len(ok)} of {len(results)} files pass")
        new = sorted(ok - PASSING[strategy])
        if new:
            lines.append(f"  passing now, add to PASSING[{strategy!r}] in"
                         f" tests/test_spec3.py: {' '.join(new)}")
    left = sorted(n for n, r in results.items()
                  if not all(_passes(r, s) for s in STRATEGIES))
    crashed = sorted(n for n, r in results.items() if "error" in r)
    gc = [n for n in left if uses_gc(SPEC_3_0 / n)]
    other = [n for n in left if n not in gc]
    lines.append(f"left (failing under some strategy): {len(left)}")
    lines.append(f"  using GC types ({len(gc)}): {' '.join(gc)}")
    lines.append(f"  without GC types ({len(other)}): {' '.join(other)}")
    if crashed:
        lines.append(f"  the runner crashed or hung on: {' '.join(crashed)}")
    summary_lines[:] = lines
