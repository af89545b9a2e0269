"""Shared fixtures: where the spec suite lives.

``WASMLITE_SPEC_DIR`` names the suite's root (the folder holding
``wasm-2.0/``); it defaults to ``../shared/spec`` beside the project. Where it
is absent the spec-suite tests are skipped with that reason, the run's
summary says which path was looked for, and the project's own unit tests
still run.
"""
import gc
import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SPEC_ROOT = Path(os.environ.get("WASMLITE_SPEC_DIR") or PROJECT.parent / "shared" / "spec")
SPEC_2_0 = SPEC_ROOT / "wasm-2.0"
SPEC_MISSING = f"spec suite not found under {SPEC_2_0} (set WASMLITE_SPEC_DIR)"


def strategy_engine(strategy: str, **settings):
    """A wasmlite Engine for a test strategy name: "llvm", "llvm-none" (at
    opt level none), "interpreter", "auto", or "auto-early" (auto with every
    function tiering up at its first count and OSR at the first back-edge);
    ``settings`` are Config attributes."""
    import wasmlite as wl
    config = wl.Config()
    config.strategy = {"llvm-none": "llvm", "auto-early": "auto"}.get(strategy, strategy)
    if strategy == "llvm-none":
        config.cranelift_opt_level = "none"
    for name, value in settings.items():
        setattr(config, name, value)
    engine = wl.Engine(config)
    if strategy == "auto-early":
        engine._rt.tier_early = True
    return engine


@pytest.fixture
def frozen_heap():
    """Freeze what earlier tests left on the heap for the length of one test.
    ``gc.collect()`` walks every tracked object, so late in the full suite
    each collect costs seconds: a test that collects in a loop (the leak
    tests) took 300 s there and 2 s alone. Objects the test makes are
    collected as usual; the frozen ones go back to the collector after it."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# for tests that read the whole suite rather than one parametrized file
needs_spec = pytest.mark.skipif(not SPEC_2_0.is_dir(), reason=SPEC_MISSING)


def spec_files(pattern: str = "*.wast") -> list[Path]:
    """The 2.0 suite's scripts (none where it is absent: pytest then skips
    the parametrized test as an empty parameter set)."""
    return sorted(SPEC_2_0.glob(pattern))


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    if not SPEC_2_0.is_dir():
        pytest.skip(SPEC_MISSING)
    return SPEC_2_0


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Say in every run's summary (not only under -rs) why the spec-suite
    tests did not run: the parametrized ones skip as an empty parameter set,
    whose own reason does not name the path."""
    spec3 = sys.modules.get("test_spec3")
    if spec3 is not None and not spec3.SPEC_3_0.is_dir():
        terminalreporter.write_sep("-", "wasm 3.0 spec suite")
        terminalreporter.write_line(f"{spec3.SPEC_3_0_MISSING}: its tests were skipped")
    if SPEC_2_0.is_dir():
        return
    skipped = len(terminalreporter.stats.get("skipped", []))
    terminalreporter.write_sep("-", "spec suite")
    terminalreporter.write_line(f"{SPEC_MISSING}: its tests were skipped"
                                f" ({skipped} skipped in this run)")


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch) -> Path:
    """XDG_CACHE_HOME in a temporary folder (and in child processes), so
    that code cached by default (``wasmlite run``) never lands in the real
    home; returns the folder wasmlite caches into."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path / "xdg-cache" / "wasmlite"
