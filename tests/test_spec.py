"""The official 2.0 spec suite, one test per .wast file, through the same
runner as ``wasmlite wast``."""
import pytest

from conftest import spec_files
from wasmlite.script.run import default_executor_factory, run_file

FILES = spec_files()


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_spec_file(path):
    outcome = run_file(path, default_executor_factory())
    assert outcome.failed == 0, "\n".join(outcome.failures[:30])
    assert outcome.passed > 0
