"""Shared fixtures: where the spec suite lives (``../shared/spec`` beside the project)."""
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SPEC_ROOT = PROJECT.parent / "shared" / "spec"
SPEC_2_0 = SPEC_ROOT / "wasm-2.0"


def spec_files(pattern: str = "*.wast") -> list[Path]:
    """The 2.0 suite's scripts; an empty list is an error, not a skip."""
    files = sorted(SPEC_2_0.glob(pattern))
    assert files, f"spec suite not found under {SPEC_2_0}"
    return files


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    assert SPEC_2_0.is_dir(), f"spec suite not found under {SPEC_2_0}"
    return SPEC_2_0
