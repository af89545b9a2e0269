"""Packaging and documentation: ``py.typed`` ships in the package, the
console script is the CLI's, the README's links resolve inside the
repository (docs/, not ../shared) and its layout table names paths that
exist; a test run without the spec suite says where it looked."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
README = (PROJECT / "README.md").read_text()


def test_py_typed_is_package_data(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(PROJECT / "pyproject.toml", src)
    shutil.copy(PROJECT / "README.md", src)
    shutil.copytree(PROJECT / "wasmlite", src / "wasmlite",
                    ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run([sys.executable, "-c", "from setuptools import setup; setup()", "-q",
                           "build_py", "--build-lib", str(tmp_path / "out")],
                          cwd=src, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "wasmlite" / "py.typed").is_file()
    assert (tmp_path / "out" / "wasmlite" / "cli.py").is_file()


def test_console_script_is_console_main():
    text = (PROJECT / "pyproject.toml").read_text()
    assert 'wasmlite = "wasmlite.cli:console_main"' in text
    import wasmlite.cli
    assert callable(wasmlite.cli.console_main)


def _links(markdown: str) -> list[str]:
    return re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", markdown)


def test_readme_links_stay_in_the_repository():
    links = [link for link in _links(README) if not link.startswith("http")]
    assert "docs/design.md" in links and "docs/api.md" in links and "docs/cli.md" in links
    for link in links:
        assert not link.startswith(".."), link
        if link != "docs/tiers.md":                # written with the tiers
            assert (PROJECT / link).exists(), link
    assert "../shared/DESIGN.md" not in README and "../shared/API.md" not in README


@pytest.mark.parametrize("doc", ["design.md", "api.md", "cli.md"])
def test_docs_links_resolve(doc):
    text = (PROJECT / "docs" / doc).read_text()
    for link in _links(text):
        if not link.startswith("http") and link != "tiers.md":
            assert (PROJECT / "docs" / link).exists(), link
    assert "../shared/DESIGN" not in text and "../shared/API" not in text


def test_readme_layout_table_is_true():
    table = README[README.index("## Layout"):]
    paths = re.findall(r"^\| `([^`]+)` \|", table, re.MULTILINE)
    assert len(paths) > 15
    for path in paths:
        if "*" in path:
            assert list(PROJECT.glob(path)), path
        else:
            assert (PROJECT / path.rstrip("/")).exists(), path
    # and every package folder and CLI module is in it
    listed = set(paths)
    for folder in (PROJECT / "wasmlite").iterdir():
        if folder.is_dir() and (folder / "__init__.py").exists() or folder.name == "interp":
            assert f"wasmlite/{folder.name}/" in listed, folder.name
    for module in ("cli.py", "cli_values.py", "cli_wast.py", "launch.py"):
        assert f"wasmlite/{module}" in listed


def test_cli_doc_covers_every_option():
    from wasmlite.cli import build_parser
    text = (PROJECT / "docs" / "cli.md").read_text()
    parser = build_parser()
    sub = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"][0]
    for name, p in sub.choices.items():
        assert f"## {name}" in text
        for action in p._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in text, f"{name} {option}"


def test_a_run_without_the_spec_suite_says_where_it_looked(tmp_path):
    missing = tmp_path / "no-spec"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(PROJECT / "tests" / "test_spec.py")],
                          cwd=PROJECT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "WASMLITE_SPEC_DIR": str(missing)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"spec suite not found under {missing / 'wasm-2.0'} (set WASMLITE_SPEC_DIR)" in proc.stdout
    assert "skipped" in proc.stdout.splitlines()[-1]
