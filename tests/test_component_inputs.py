"""The WASI 0.2 test components (tests/components/, made by its build.sh
from the preview-1 programs in tests/wasi/) for the component model (issue
15). Module() refuses them with Wasmtime's words; test_component_wasi.py
runs them."""
from __future__ import annotations

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
def test_module_refuses_a_component_clearly(path):
    """Module() takes core modules only (wasmlite.component.Component takes
    components), as in wasmtime-py."""
    with pytest.raises(wl.WasmtimeError, match="given a WebAssembly component"):
        wl.Module(wl.Engine(), path.read_bytes())
