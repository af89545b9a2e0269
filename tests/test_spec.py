"""The official 2.0 spec suite, one test per .wast file and strategy,
through the same runner as ``wasmlite wast``: every function compiled with
LLVM first (``llvm``), the interpreter alone (``interpreter``), and tiered
with tier-up forced early (``auto-early``: every function compiled at its
first count, loops entering OSR at their first back-edge)."""
import functools

import pytest

from conftest import spec_files
from wasmlite.script.execute import Executor
from wasmlite.script.run import run_file

FILES = spec_files()
STRATEGIES = ("llvm", "interpreter", "auto-early")


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_spec_file(path, strategy):
    outcome = run_file(path, functools.partial(Executor, strategy=strategy))
    assert outcome.failed == 0, "\n".join(outcome.failures[:30])
    assert outcome.passed > 0
