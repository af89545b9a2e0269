"""The WASI 0.2 test components (tests/components/, made by its build.sh
from the preview-1 programs in tests/wasi/) for the component model (issue
15). Until wasmlite runs components, Module() and `wasmlite run` refuse
them with Wasmtime's words, never a traceback."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import wasmlite as wl

COMPONENTS = sorted((Path(__file__).parent / "components").glob("*.wasm"))


def test_every_preview1_program_has_its_component():
    programs = {p.stem for p in (Path(__file__).parent / "wasi").glob("*.wasm")}
    assert programs and programs == {c.stem for c in COMPONENTS}
    for c in COMPONENTS:
        assert c.read_bytes()[:8] == b"\0asm\x0d\x00\x01\x00"     # component layer 1


@pytest.mark.parametrize("path", COMPONENTS[:2], ids=lambda p: p.stem)
def test_a_component_is_refused_clearly(path):
    with pytest.raises(wl.WasmtimeError, match="given a WebAssembly component"):
        wl.Module(wl.Engine(), path.read_bytes())
    p = subprocess.run([sys.executable, "-m", "wasmlite", "run", str(path)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 1
    assert "Traceback" not in p.stderr
    assert "given a WebAssembly component" in p.stderr
