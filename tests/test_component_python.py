"""Python programs as components (componentize-py: CPython and the app in
one ~18 MB component, tests/components/python/): they run under wasmlite as
under Wasmtime.

- wordstats.wasm, a `wasi:cli/command`: under `wasmlite run` (a subprocess)
  and under wasmlite.component with Linker.add_wasip2, each scenario's
  stdout, stderr, exit status and files match what record.py recorded from
  the `wasmtime run` CLI and wasmtime-py (wordstats_outcomes.json).
- greeter.wasm, a custom world (greeter_wit/greeter.wit): each export
  called through wasmlite.component and wasmtime.component side by side.
"""
from __future__ import annotations

import importlib.util
import json
import math
import re
import zlib
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import pytest
import wasmtime
import wasmtime.component

import wasmlite
import wasmlite.component
from component_parity import assert_same, describe, outcome, to_runtime

HERE = Path(__file__).resolve().parent / "components" / "python"
_spec = importlib.util.spec_from_file_location("cpy_record", HERE / "record.py")
record = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(record)

OUTCOMES: Dict[str, Any] = json.loads(record.OUTCOMES.read_text(encoding="utf-8"))["scenarios"]


@pytest.fixture(scope="module")
def wasm_dir(tmp_path_factory) -> Path:
    """The two components, unpacked from components.tar.xz."""
    return record.unpack(tmp_path_factory.mktemp("cpy-wasm"))


def frame_names(stderr: str) -> list:
    """The functions of a trap report's backtrace, without their offsets
    (wasmlite's are offsets in the core module, Wasmtime's in the file)."""
    return re.findall(r"^\s*\d+: +0x[0-9a-f]+ - (.*)$", stderr, re.M)


def assert_stderr_matches(got: str, expected: Dict[str, Any]) -> None:
    want = expected["stderr"]
    if expected["status"] != 134:
        assert got == want
        return
    # a trap: the program's own words, then Wasmtime's report of it
    assert record.python_part(got) == record.python_part(want)
    assert record.trap_line(got) == record.trap_line(want)
    assert "    0: failed to invoke `run` function" in got.splitlines()
    assert frame_names(got) == frame_names(want) and frame_names(got)


# -- wordstats: `wasmlite run` ------------------------------------------------

@pytest.mark.parametrize("name", list(OUTCOMES))
def test_wasmlite_run_matches_wasmtime_run(wasm_dir, tmp_path, name):
    scenario, expected = OUTCOMES[name]["input"], OUTCOMES[name]["wasmtime"]
    data = record.lay_out(tmp_path, scenario)
    cmd = [sys.executable, "-m", "wasmlite", "run"]
    if scenario["preopen"]:
        cmd += ["--dir", f"{data}::/data"]
    for k, v in scenario["env"].items():
        cmd += ["--env", f"{k}={v}"]
    # the full path: the guest's argv[0] is its base name, as under `wasmtime run`
    cmd += [str(wasm_dir / "wordstats.wasm"), *scenario["args"]]
    with open(tmp_path / "stdin.txt", "rb") as stdin:
        p = subprocess.run(cmd, cwd=tmp_path, stdin=stdin, capture_output=True, timeout=300)
    stdout, stderr = p.stdout.decode(), p.stderr.decode()
    assert (p.returncode, stdout) == (expected["status"], expected["stdout"]), stderr
    assert_stderr_matches(stderr, expected)
    assert record.files_of(data) == expected["files"]


# -- wordstats: the API -------------------------------------------------------

@pytest.fixture(scope="module")
def wordstats(wasm_dir):
    engine = wasmlite.Engine()
    return engine, wasmlite.component.Component.from_file(engine, str(wasm_dir / "wordstats.wasm"))


@pytest.mark.parametrize("name", list(OUTCOMES))
def test_api_run_matches_wasmtime(wordstats, tmp_path, name):
    scenario, expected = OUTCOMES[name]["input"], OUTCOMES[name]["wasmtime"]
    engine, component = wordstats
    store, run, data = record.start_run(wasmlite, engine, component, "wordstats.wasm",
                                        tmp_path, scenario)
    ended = expected["api_ended"]
    if ended == "trap":
        with pytest.raises(wasmlite.Trap) as e:
            run(store)
        assert not isinstance(e.value, wasmlite.ExitTrap)
        assert str(e.value).strip().splitlines()[-1].strip() == record.trap_line(expected["stderr"])
        assert frame_names(str(e.value)) == frame_names(expected["stderr"])
    elif ended.startswith("exit "):
        with pytest.raises(wasmlite.ExitTrap) as e:
            run(store)
        assert f"exit {e.value.code}" == ended
    else:
        result = run(store)
        assert isinstance(result, wasmlite.component.Variant)
        assert f"returned {result.tag}" == ended
    assert (tmp_path / "stdout.txt").read_text() == expected["stdout"]
    stderr = (tmp_path / "stderr.txt").read_text()
    assert record.python_part(stderr) == record.python_part(expected["stderr"])
    assert record.files_of(data) == expected["files"]


# -- greeter: custom exports side by side ---------------------------------------

RUNTIMES = {"wasmlite": (wasmlite, wasmlite.component), "wasmtime": (wasmtime, wasmtime.component)}


class Greeter:
    """One runtime's instance of greeter.wasm (WASI stubbed: no imports)."""

    def __init__(self, rt: Any, C: Any, path: Path, component: Any = None) -> None:
        self.C = C
        self.engine = component[0] if component else rt.Engine()
        self.component = component[1] if component else C.Component.from_file(self.engine, str(path))
        self.store = rt.Store(self.engine)
        self.instance = C.Linker(self.engine).instantiate(self.store, self.component)

    def func(self, name: str) -> Any:
        return self.instance.get_func(self.store, self.instance.get_export_index(self.store, name))

    def call(self, name: str, *args: Any) -> Any:
        f = self.func(name)
        result = f(self.store, *(to_runtime(a, self.C) for a in args))
        f.post_return(self.store)
        return result


@pytest.fixture(scope="module")
def greeter_components(wasm_dir):
    """Each runtime's compiled greeter (compiling is the slow part)."""
    out = {}
    for name, (rt, C) in RUNTIMES.items():
        engine = rt.Engine()
        out[name] = (engine, C.Component.from_file(engine, str(wasm_dir / "greeter.wasm")))
    return out


@pytest.fixture(scope="module")
def greeters(greeter_components, wasm_dir):
    """Instances shared by the calls that leave them usable."""
    return {name: Greeter(rt, C, wasm_dir / "greeter.wasm", greeter_components[name])
            for name, (rt, C) in RUNTIMES.items()}


@pytest.fixture
def fresh_greeters(greeter_components, wasm_dir):
    """New instances, for calls after which Wasmtime's cannot be entered."""
    return {name: Greeter(rt, C, wasm_dir / "greeter.wasm", greeter_components[name])
            for name, (rt, C) in RUNTIMES.items()}


CALLS = [
    ("greet", ["Ada"]),
    ("greet", ["Ünïcödé 🦀"]),
    ("greet-styled", ["Ada", "grumpy", {"shout", "exclaim"}]),
    ("greet-styled", ["Bo", "sleepy", set()]),
    ("greet-styled", ["Cy", "cheerful", {"polite", "exclaim", "shout"}]),
    ("word-stats", ["the quick brown fox jumps"]),
    ("word-stats", [""]),
    ("sort-words", [["pear", "Apple", "fig", "banana"], False]),
    ("sort-words", [["pear", "Apple", "fig", "banana"], True]),
    ("sort-words", [[], False]),
    ("divide", [7, 2]),
    ("divide", [-7, 2]),
    ("divide", [2**63 - 1, -1]),
    ("divide", [7, 0]),
    ("first-long", [["a", "abcd", "abcdef"], 3]),
    ("first-long", [["a", "b"], 3]),
    ("area", [2.0]),
    ("area", [(2.0, 3.5)]),
    ("area", [None]),
    ("checksum", [b"hello, world"]),
    ("checksum", [bytes(range(256)) * 40]),
    # out of s64's range: wasmtime-py wraps it (ctypes), and so does wasmlite
    ("divide", [2**63, 1]),
]

# refused before the guest runs: wrong Python values
BAD_CALLS = [
    ("greet", [42]),
    ("greet", ["a", "b"]),
    ("greet-styled", ["Ada", "furious", set()]),
    ("greet-styled", ["Ada", "grumpy", {"loud"}]),
    ("sort-words", [["ok", 3], False]),
]


@pytest.mark.parametrize("name,args", CALLS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(CALLS)])
def test_greeter_export_matches_wasmtime(greeters, name, args):
    got = {rt: outcome(lambda: g.call(name, *args)) for rt, g in greeters.items()}
    assert_same(got["wasmlite"], got["wasmtime"])


@pytest.mark.parametrize("name,args", BAD_CALLS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(BAD_CALLS)])
def test_greeter_refuses_wrong_values_as_wasmtime(fresh_greeters, name, args):
    got = {rt: outcome(lambda: g.call(name, *args)) for rt, g in fresh_greeters.items()}
    assert got["wasmlite"][0] == "error"
    assert_same(got["wasmlite"], got["wasmtime"])


def test_greeter_values_are_what_the_python_code_computes(greeters):
    """The calls return real answers (the comparison above could pass on two
    equal wrong ones)."""
    g = greeters["wasmlite"]
    assert g.call("greet", "Ada") == "Hello, Ada! (3 characters)"
    assert g.call("greet-styled", "Ada", "grumpy", {"shout", "exclaim"}) == "OH. IT'S YOU, ADA!"
    stats = g.call("word-stats", "the quick brown fox jumps")
    assert (stats.words, stats.longest, stats.lengths) == (5, "quick", [3, 5, 5, 3, 5])
    assert getattr(stats, "mean-length") == stats.mean_length == pytest.approx(4.2)
    assert math.isnan(g.call("word-stats", "").mean_length)
    assert g.call("sort-words", ["pear", "Apple", "fig"], False) == ["Apple", "fig", "pear"]
    assert g.call("divide", -7, 2) == -4
    assert g.call("divide", 7, 0) == "cannot divide 7 by zero"
    assert g.call("first-long", ["a", "abcd"], 3) == "abcd"
    assert g.call("first-long", ["a"], 3) is None
    assert g.call("area", 2.0) == pytest.approx(math.pi * 4)
    assert g.call("area", (2.0, 3.5)) == 7.0
    assert g.call("checksum", b"hello, world") == (zlib.crc32(b"hello, world"), sum(b"hello, world") % 256)


@pytest.mark.parametrize("name,args,frame", [
    ("fail", ["boom"], "libc.so!stat"),
    ("divide", [-2**63, -1], "componentize_py_runtime.wasm!wit_dylib_pop_s64"),
])
def test_greeter_python_errors_trap_and_poison_the_instance_alike(fresh_greeters, name, args, frame):
    """`fail` raises a Python exception (componentize-py's runtime then
    reaches a stubbed WASI import); -2**63 // -1 does not fit the s64 result
    (its runtime panics): a trap with the same frames in both runtimes, after
    which neither lets the instance be entered again."""
    errors = {}
    for rt, g in fresh_greeters.items():
        with pytest.raises(RUNTIMES[rt][0].WasmtimeError) as e:
            g.call(name, *args)
        errors[rt] = str(e.value)
    lite, wt = errors["wasmlite"], errors["wasmtime"]
    assert lite.strip().splitlines()[-1] == wt.strip().splitlines()[-1] == \
        "    wasm trap: wasm `unreachable` instruction executed"
    assert frame_names(lite) == frame_names(wt) and frame in frame_names(lite)
    again = {rt: outcome(lambda: g.call("greet", "again")) for rt, g in fresh_greeters.items()}
    assert_same(again["wasmlite"], again["wasmtime"])
    assert "cannot enter component instance" in describe(again["wasmlite"])


def test_greeter_export_types_match_wasmtime(greeters):
    """The exports' parameter names and result kinds, as each runtime
    reports them (Func.type)."""
    def shape(g: Greeter, name: str) -> Any:
        ft = g.func(name).type(g.store)
        result = ft.result
        return ([p for p, _ in ft.params], type(result).__name__ if result is not None else None)
    for name in ("greet", "greet-styled", "word-stats", "sort-words", "divide",
                 "first-long", "area", "checksum", "fail"):
        assert shape(greeters["wasmlite"], name) == shape(greeters["wasmtime"], name), name


def test_record_results_keep_wit_field_names_as_wasmtime_py(greeters):
    got = {rt: vars(g.call("word-stats", "a bb")) for rt, g in greeters.items()}
    assert got["wasmlite"] == got["wasmtime"] == \
        {"words": 2, "longest": "bb", "lengths": [1, 2], "mean-length": 1.5}



EQ_TYPE_IMPORT = """(component
  (type (enum "cheerful" "grumpy"))
  (import "mood" (type $mood (eq 0)))
  (core module $m (func (export "f") (param i32) (result i32) local.get 0))
  (core instance $i (instantiate $m))
  (func (export "echo") (param "m" $mood) (result $mood) (canon lift (core func $i "f"))))"""


@pytest.mark.parametrize("rt", list(RUNTIMES))
def test_type_import_with_an_eq_bound_needs_nothing_from_the_linker(rt):
    """How componentize-py imports a world's own types (greeter.wasm's
    `mood`, `stats`, ...): `(import "mood" (type (eq 0)))` is that type, and
    an empty linker instantiates the component."""
    core, C = RUNTIMES[rt]
    engine = core.Engine()
    store = core.Store(engine)
    instance = C.Linker(engine).instantiate(store, C.Component(engine, EQ_TYPE_IMPORT))
    echo = instance.get_func(store, instance.get_export_index(store, "echo"))
    assert echo(store, "grumpy") == "grumpy"
