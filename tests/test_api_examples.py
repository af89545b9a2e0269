"""The examples under examples/ run, and (where their output does not
quote runtime-specific messages) print what they print under wasmtime-py."""
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.py"))
SAME_OUTPUT = {"gcd.py", "hello.py", "linking.py", "multi.py"}


def _run(source: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True,
                          cwd=cwd, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_examples_exist():
    names = {p.name for p in EXAMPLES}
    assert {"gcd.py", "hello.py", "linking.py", "memory.py", "multi.py"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(path):
    source = path.read_text()
    assert "import wasmlite as wasmtime" in source
    assert "import wasmtime" not in source.replace("import wasmlite as wasmtime", "")
    out = _run(source, path.parent)
    assert out.strip()
    if path.name in SAME_OUTPUT:
        pytest.importorskip("wasmtime")
        theirs = _run(source.replace("import wasmlite as wasmtime", "import wasmtime"),
                      path.parent)
        assert out == theirs
