"""Bounded fuzzing (the long runs are fuzz/differential.py and
fuzz/mutate.py, see fuzz/README.md):

* differential execution: hypothesis picks seeds of fuzz/gen.py's random
  valid modules (arithmetic, conversions, control flow, loads/stores,
  memory.grow/fill/copy, direct and indirect calls, traps); wasmlite and
  wasmtime-py must agree on every result, trap code and the memory after
  every call;
* mutated binaries through the public API (validate, compile, instantiate
  under limits and fuel, call): only WasmtimeError, in a child process so a
  crash fails the test instead of pytest.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("wasmtime")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from fuzz.differential import run_one  # noqa: E402


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_generated_modules_agree_with_wasmtime(seed):
    assert run_one(seed) == []


def test_mutated_binaries_only_raise_wasmtime_error(tmp_path):
    progress = tmp_path / "progress"
    proc = subprocess.run([sys.executable, "-m", "fuzz.mutate", "--worker", "7", "4000", "2",
                           str(progress)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (f"case {progress.read_text().strip()} crashed "
                                  f"(status {proc.returncode}):\n{proc.stderr[-3000:]}")
    count, valid, compiled = map(int, proc.stdout.split()[-3:])
    assert count == 4000 and valid > 50 and compiled > 20
