"""Component scripts run: ``wasmlite wast`` instantiates the components of
tests/components/wast/*.wast, invokes their exports with component values
and checks results and traps as ``wasmtime wast`` does.

tests/components/wast/oracle.json is what wasmtime wast said of each script
(oracle.py records it): whether it passes, and where and why it fails. Each
script must come out the same here, in every strategy, through the runner
and through the command. The fail_*.wast scripts fail on purpose, each at
one check; wasmtime stops there, wasmlite runs the check after it too.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from wasmlite.cli import main
from wasmlite.script.execute import Executor
from wasmlite.script.run import run_file
from wasmlite.text.component_parse import parse_component
from wasmlite.text.script import parse_script

ROOT = Path(__file__).parent / "components"
ORACLE = json.loads((ROOT / "wast" / "oracle.json").read_text())["scripts"]
SCRIPTS = sorted(ORACLE)
STRATEGIES = ["interpreter", "llvm", "auto-early"]

# what both wasmtime and wasmlite say of each deliberate failure
FAILURE_WORDS = {
    "wast/fail_value.wast": "didn't match",
    "wast/fail_kind.wast": "expected `s32` got `u32`",
    "wast/fail_nested.wast": "failed to match field `b-c`",
    "wast/fail_resource.wast": "expected `u32` got `resource`",
    "wast/fail_no_trap.wast": "expected trap",
    "wast/fail_named.wast": "no item named `named::add` found",
    "text/components.wast": "component imports function `f`, but a matching "
                            "implementation was not found in the linker",
}


def _failure_line(failure: str) -> int:
    return int(re.match(r"[^:]+:(\d+): ", failure).group(1))


def test_the_oracle_covers_every_script() -> None:
    here = {p.relative_to(ROOT).as_posix() for p in (ROOT / "wast").glob("*.wast")}
    assert here | {"text/components.wast"} == set(ORACLE)
    assert {k for k, v in ORACLE.items() if not v["passes"]} == set(FAILURE_WORDS)


@pytest.mark.parametrize("strategy", STRATEGIES)
@pytest.mark.parametrize("script", SCRIPTS)
def test_script_comes_out_as_in_wasmtime(script: str, strategy: str) -> None:
    path = ROOT / script
    commands = parse_script(path.read_text(), str(path))
    out = run_file(path, functools.partial(Executor, strategy=strategy))
    expected = ORACLE[script]
    assert out.skipped == 0
    if expected["passes"]:
        assert out.failures == []
        assert out.passed == len(commands)
        return
    # one check fails, where wasmtime stopped, for the reason it gave; the
    # runner goes on with the rest
    assert len(out.failures) == 1 and out.failed == 1, out.failures
    assert _failure_line(out.failures[0]) == expected["line"]
    words = FAILURE_WORDS[script]
    assert words in out.failures[0]
    assert any(words in cause for cause in expected["causes"])
    assert out.passed == len(commands) - 1


@pytest.mark.parametrize("strategy", ["interpreter", "llvm"])
def test_the_command_reports_the_same(capsys, strategy: str) -> None:
    paths = [str(ROOT / s) for s in SCRIPTS]
    status = main(["wast", "-v", "--strategy", strategy, *paths])
    out = capsys.readouterr().out
    assert status == 1                      # the deliberate failures
    failing_lines = {}
    for line in out.splitlines():
        m = re.match(r"  (.+\.wast):(\d+): ", line)
        if m:
            failing_lines[Path(m.group(1)).relative_to(ROOT).as_posix()] = int(m.group(2))
    assert failing_lines == {s: v["line"] for s, v in ORACLE.items() if not v["passes"]}
    for script, expected in ORACLE.items():
        summary = next(line for line in out.splitlines() if line.startswith(str(ROOT / script)))
        assert summary.endswith(" 0 skipped")
        assert (" 0 failed," in summary) == expected["passes"]


COMPONENT = ('(component (core module $m (func (export "f") (result i32) i32.const 7))'
             ' (core instance $i (instantiate $m))'
             ' (func (export "f") (result u32) (canon lift (core func $i "f"))))')


@pytest.mark.parametrize("strategy, tier", [("interpreter", "interpreter"), ("llvm", "llvm"),
                                            ("auto-early", "interpreter")])
def test_components_run_in_the_scripts_strategy(strategy: str, tier: str) -> None:
    ex = Executor(strategy=strategy)
    run = ex.instantiate_component(parse_component(COMPONENT))
    (module,) = run.component._compiled
    assert getattr(module._compiled, "tier", "llvm") == tier
    assert [v for _, v in ex.invoke_component(run, "f", [])] == [7]


def test_each_component_instance_has_a_store_of_its_own() -> None:
    ex = Executor(strategy="interpreter")
    data = parse_component(COMPONENT)
    a, b = ex.instantiate_component(data), ex.instantiate_component(data)
    assert a.store is not b.store
    assert a.component is b.component         # compiled once


@pytest.mark.parametrize("script, failure", [
    # a core value where a component function takes component values
    ('(invoke "f" (i32.const 1))', "expected component function, found other argument"),
    ('(assert_return (invoke "f") (i32.const 7))',
     "expected component value found other value"),
    ('(assert_return (invoke "f"))', "expected 0 results found 1"),
    ('(get "f")', "no global named `f`"),
    ('(register "x")', "register not implemented for components"),
    ('(invoke "g")', "no func named `g` found"),
])
def test_what_wasmtime_refuses_on_components_fails(tmp_path: Path, script: str,
                                                   failure: str) -> None:
    path = tmp_path / "t.wast"
    path.write_text(f"{COMPONENT}\n{script}\n")
    out = run_file(path, functools.partial(Executor, strategy="interpreter"))
    assert out.passed == 1 and out.failed == 1
    assert failure in out.failures[0]


def test_a_core_function_refuses_component_values(tmp_path: Path) -> None:
    path = tmp_path / "t.wast"
    path.write_text('(module (func (export "f") (param i32)))\n(invoke "f" (u32.const 1))\n')
    out = run_file(path, functools.partial(Executor, strategy="interpreter"))
    assert out.failed == 1
    assert "expected core function, found other argument" in out.failures[0]
