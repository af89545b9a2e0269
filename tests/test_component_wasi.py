"""WASI 0.2 components (tests/components/: the C programs of tests/wasi
wrapped by the preview-1 adapter) run under wasmlite.component as under
wasmtime-py's wasmtime.component (Linker.add_wasip2): stdout, stderr, exit
status and the files left in the preopened directory; and under
`wasmlite run` with the same outcome."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime
import wasmtime.component

import wasmlite
import wasmlite.component

sys.path.insert(0, str(Path(__file__).resolve().parent / "wasi"))
import runner  # noqa: E402
from test_wasi import CASES  # noqa: E402

COMPONENTS = Path(__file__).resolve().parent / "components"
_loaded: dict = {}


def run_component(rt, name: str, top: Path) -> runner.Outcome:
    """Case ``name`` of test_wasi.CASES, as a component under runtime ``rt``
    (wasmlite or wasmtime)."""
    wasm, args, env, stdin, setup, preopen, _ = CASES[name]
    work = top / "work"
    work.mkdir(parents=True)
    if setup:
        setup(top, work)
    scratch = top / "stdio"
    scratch.mkdir()
    key = (rt.__name__, wasm)
    if key not in _loaded:
        engine = rt.Engine()
        _loaded[key] = (engine, rt.component.Component.from_file(engine, str(COMPONENTS / wasm)))
    engine, component = _loaded[key]
    cfg = rt.WasiConfig()
    cfg.argv = [wasm.removesuffix(".wasm")] + list(args)
    cfg.env = [list(kv) for kv in env]
    if stdin is not None:
        (scratch / "stdin").write_bytes(stdin)
        cfg.stdin_file = str(scratch / "stdin")
    cfg.stdout_file = str(scratch / "stdout")
    cfg.stderr_file = str(scratch / "stderr")
    cfg.preopen_dir(str(work), ".", *preopen)
    store = rt.Store(engine)
    store.set_wasi(cfg)
    linker = rt.component.Linker(engine)
    linker.add_wasip2()
    status: object = 0
    try:
        instance = linker.instantiate(store, component)
        index = instance.get_export_index(store, "wasi:cli/run@0.2.12")
        run = instance.get_func(store, instance.get_export_index(store, "run", index))
        result = run(store)
        status = 0 if result == rt.component.Variant("ok") else 1
    except rt.ExitTrap as e:
        status = e.code
    except (rt.Trap, rt.WasmtimeError):      # wasmtime-py reports a component's trap as
        status = "trap"                        # a WasmtimeError ("wasm trap: ...")
    del store
    return runner.Outcome((scratch / "stdout").read_bytes(), (scratch / "stderr").read_bytes(),
                          status, runner.snapshot(work))


@pytest.mark.parametrize("name", CASES)
def test_component_matches_wasmtime(name, tmp_path):
    ours = run_component(wasmlite, name, tmp_path / "wl")
    theirs = run_component(wasmtime, name, tmp_path / "wt")
    assert ours.stdout == theirs.stdout
    assert ours.stderr == theirs.stderr
    assert ours.status == theirs.status
    assert ours.files == theirs.files


def test_cli_runs_a_component(tmp_path):
    """`wasmlite run` of a component: argv, --env, stdout, exit status 1
    for a nonzero return (WASI 0.2's exit carries only ok/err)."""
    p = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--env", "GREETING=hi",
                        str(COMPONENTS / "args_env.wasm"), "one", "two"],
                       capture_output=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert b"one" in p.stdout and b"two" in p.stdout and b"GREETING=hi" in p.stdout
    p = subprocess.run([sys.executable, "-m", "wasmlite", "run",
                        str(COMPONENTS / "exit_code.wasm"), "3"], capture_output=True, timeout=300)
    assert p.returncode == 1 and b"Traceback" not in p.stderr


def _trap_text(rt, wasm: str, args: list) -> str:
    engine = rt.Engine()
    component = rt.component.Component.from_file(engine, str(COMPONENTS / wasm))
    cfg = rt.WasiConfig()
    cfg.argv = [wasm, *args]
    store = rt.Store(engine)
    store.set_wasi(cfg)
    linker = rt.component.Linker(engine)
    linker.add_wasip2()
    instance = linker.instantiate(store, component)
    run = instance.get_func(store, instance.get_export_index(
        store, "run", instance.get_export_index(store, "wasi:cli/run@0.2.12")))
    with pytest.raises((rt.Trap, rt.WasmtimeError)) as info:
        run(store)
    return str(info.value)


@pytest.mark.parametrize("wasm, args", [("exit_code.wasm", ["1", "abort"]),
                                        ("big_output.wasm", ["10"])])
def test_component_trap_reads_as_wasmtimes(wasm, args):
    """A trap in a component's core code: the backtrace's offsets count from
    the start of the component binary and the adapter's Rust (v0) names are
    demangled, as wasmtime-py shows them. (big_output's 1 MiB write trips
    an adapter assertion in both runtimes: the program's own doing.)"""
    ours = _trap_text(wasmlite, wasm, args)
    assert ours == _trap_text(wasmtime, wasm, args)
    assert "wasm trap: wasm `unreachable` instruction executed" in ours


WASI_MODULES = Path(__file__).resolve().parent / "wasi"


def _one_store_output(rt, steps: str, top: Path) -> tuple[bytes, bytes]:
    """Programs run one after another in ONE store with one WasiConfig
    (stdout_file, stderr_file, stdin_file): "c" args_env as a component,
    "m" exit_code as a preview-1 module, "C" exit_code as a component;
    "i" instantiates all the components first, then runs them."""
    top.mkdir()
    (top / "in").write_bytes(b"unread\n")
    engine = rt.Engine()
    cfg = rt.WasiConfig()
    cfg.argv = ["prog", "0"]
    cfg.stdout_file = str(top / "out")
    cfg.stderr_file = str(top / "err")
    cfg.stdin_file = str(top / "in")
    store = rt.Store(engine)
    store.set_wasi(cfg)

    def component(wasm):
        linker = rt.component.Linker(engine)
        linker.add_wasip2()
        instance = linker.instantiate(
            store, rt.component.Component.from_file(engine, str(COMPONENTS / wasm)))
        run = instance.get_func(store, instance.get_export_index(
            store, "run", instance.get_export_index(store, "wasi:cli/run@0.2.12")))
        return lambda: run(store)

    def module():
        linker = rt.Linker(engine)
        linker.define_wasi()
        instance = linker.instantiate(store, rt.Module.from_file(
            engine, str(WASI_MODULES / "exit_code.wasm")))
        instance.exports(store)["_start"](store)

    if steps.startswith("i"):
        runs = [component("args_env.wasm" if s == "c" else "exit_code.wasm") for s in steps[1:]]
        for run in runs:
            run()
    else:
        for s in steps:
            if s == "m":
                module()
            else:
                component("args_env.wasm" if s == "c" else "exit_code.wasm")()
    store = None            # closes the streams (the closures above share the name)
    return (top / "out").read_bytes(), (top / "err").read_bytes()


@pytest.mark.parametrize("steps", ["cC", "icC", "mc", "cm", "cmC", "mcm"])
def test_programs_in_one_store_share_its_stdio(steps, tmp_path):
    """A store's preview-1 context and its WASI 0.2 one are one set of
    standard streams, as in wasmtime-py: each program's output follows the
    one before (nothing truncated or overwritten when the WASI 0.2 side is
    first used, whatever ran before)."""
    ours = _one_store_output(wasmlite, steps, tmp_path / "wl")
    theirs = _one_store_output(wasmtime, steps, tmp_path / "wt")
    assert ours == theirs
    prints = {"c": b"argc=2\n", "C": b"exiting with 0 via return\n",
              "m": b"exiting with 0 via return\n"}
    expected = [prints[s] for s in steps.lstrip("i")]
    assert ours[0].count(b"exiting with 0") == sum(p.startswith(b"exiting") for p in expected)
    assert ours[0].startswith(expected[0])
