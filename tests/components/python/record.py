"""Records what Wasmtime does with wordstats.wasm (the componentize-py
command in components.tar.xz) into wordstats_outcomes.json, the oracle of
tests/test_component_python.py.

Each scenario (argv, environment, stdin, the files of the directory
preopened as /data) runs under the `wasmtime run` CLI and under wasmtime-py
(wasmtime.component with Linker.add_wasip2); the two must agree, and the
outcome (stdout, stderr, exit status, the files afterwards, and how `run`
ended under the API) is written once.

    python tests/components/python/record.py [PATH/TO/wasmtime]
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any, Dict

import wasmtime
import wasmtime.component

HERE = Path(__file__).parent
ARCHIVE = HERE / "components.tar.xz"
OUTCOMES = HERE / "wordstats_outcomes.json"
WASMTIME_CLI = Path(wasmtime.__file__).parent.parent / "wasmtime_cli" / "wasmtime"

TEXT = ("The quick brown fox jumps over the lazy dog.\n"
        "The dog sleeps; the fox (quick, brown) runs!\n"
        "Ünïcödé wörds: naïve café, the end — \"the\" fox.\n")

SCENARIOS: Dict[str, Dict[str, Any]] = {
    # the whole program: argv, env, stdin, a config read and a report written
    "words": {
        "args": ["/data", "extra", "two words", "ünï"],
        "env": {"WS_NAME": "Ada", "WS_X": "1", "OTHER": "x"},
        "stdin": TEXT,
        "files": {"config.json": json.dumps({"title": "fox report", "top": 4, "status": 0})},
        "preopen": True,
    },
    # sys.exit(3) inside run: WASI 0.2's exit carries ok/err, so status 1
    "exit": {
        "args": ["/data"],
        "env": {"WS_EXIT_VIA": "sys.exit"},
        "stdin": "",
        "files": {"config.json": json.dumps({"title": "failing", "top": 2, "status": 3}),
                  "notes.txt": "kept\n"},
        "preopen": True,
    },
    # an uncaught Python exception (no /data preopened): componentize-py
    # prints the traceback and aborts, a trap (status 134)
    "trap": {
        "args": ["/nowhere"],
        "env": {},
        "stdin": "one line\n",
        "files": {},
        "preopen": False,
    },
}


def unpack(dest: Path) -> Path:
    with tarfile.open(ARCHIVE, "r:xz") as tar:
        tar.extractall(dest, filter="data")
    return dest


def lay_out(top: Path, scenario: Dict[str, Any]) -> Path:
    data = top / "data"
    data.mkdir(parents=True)
    for name, text in scenario["files"].items():
        (data / name).write_text(text, encoding="utf-8")
    (top / "stdin.txt").write_text(scenario["stdin"], encoding="utf-8")
    return data


def files_of(data: Path) -> Dict[str, str]:
    return {str(p.relative_to(data)): p.read_text(encoding="utf-8")
            for p in sorted(data.rglob("*")) if p.is_file()}


def run_cli(cli: Path, wasm: Path, top: Path, scenario: Dict[str, Any]) -> Dict[str, Any]:
    data = lay_out(top, scenario)
    cmd = [str(cli), "run"]
    if scenario["preopen"]:
        cmd += ["--dir", f"{data}::/data"]
    for k, v in scenario["env"].items():
        cmd += ["--env", f"{k}={v}"]
    cmd += [wasm.name, *scenario["args"]]
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUST_")}
    with open(top / "stdin.txt", "rb") as stdin:
        p = subprocess.run(cmd, cwd=wasm.parent, stdin=stdin, capture_output=True, env=env)
    return {"stdout": p.stdout.decode(), "stderr": p.stderr.decode(),
            "status": p.returncode, "files": files_of(data)}


def start_run(rt: Any, engine: Any, component: Any, argv0: str, top: Path,
              scenario: Dict[str, Any]) -> tuple:
    """(store, the wasi:cli/run function, the data folder) of ``component``
    instantiated under ``rt`` (the wasmtime or the wasmlite module), with
    scenario's files laid out under ``top`` and its stdio there."""
    data = lay_out(top, scenario)
    wasi = rt.WasiConfig()
    wasi.argv = [argv0, *scenario["args"]]
    wasi.env = list(scenario["env"].items())
    wasi.stdin_file = str(top / "stdin.txt")
    wasi.stdout_file = str(top / "stdout.txt")
    wasi.stderr_file = str(top / "stderr.txt")
    if scenario["preopen"]:
        wasi.preopen_dir(str(data), "/data")
    store = rt.Store(engine)
    store.set_wasi(wasi)
    linker = rt.component.Linker(engine)
    linker.add_wasip2()
    instance = linker.instantiate(store, component)
    run_index = instance.get_export_index(store, "wasi:cli/run@0.2.12")
    run = instance.get_func(store, instance.get_export_index(store, "run", run_index))
    return store, run, data


def run_api(wasm: Path, top: Path, scenario: Dict[str, Any]) -> Dict[str, Any]:
    """Under wasmtime-py: status 0/1 from run's result; a trap is reported
    as the key line of its message (what the test compares)."""
    engine = wasmtime.Engine()
    component = wasmtime.component.Component.from_file(engine, str(wasm))
    store, run, data = start_run(wasmtime, engine, component, wasm.name, top, scenario)
    trap = None
    try:
        result = run(store)
        failed = isinstance(result, wasmtime.component.Variant) and result.tag == "err"
        status, ended = (1, "returned err") if failed else (0, "returned ok")
    except wasmtime.ExitTrap as e:
        status, ended = e.code, f"exit {e.code}"
    except wasmtime.WasmtimeError as e:
        status, ended, trap = 134, "trap", str(e).strip().splitlines()[-1].strip()
    del store
    return {"stdout": (top / "stdout.txt").read_text(), "stderr": (top / "stderr.txt").read_text(),
            "status": status, "ended": ended, "trap": trap, "files": files_of(data)}


def trap_line(stderr: str) -> str:
    """The trap itself: the last line of the CLI's report."""
    return stderr.strip().splitlines()[-1].split(": ", 1)[1]


def python_part(stderr: str) -> str:
    """What the program wrote on stderr before the runtime's report."""
    return stderr.split("Error: failed to run main module", 1)[0]


def main() -> None:
    cli = Path(sys.argv[1]) if len(sys.argv) > 1 else WASMTIME_CLI
    version = subprocess.run([str(cli), "--version"], capture_output=True, text=True).stdout
    out: Dict[str, Any] = {
        "recorded_with": {"wasmtime_cli": version.strip(),
                          "wasmtime_py": importlib.metadata.version("wasmtime")},
        "scenarios": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        wasm = unpack(Path(tmp) / "wasm") / "wordstats.wasm"
        for name, scenario in SCENARIOS.items():
            got = run_cli(cli, wasm, Path(tmp) / f"{name}-cli", scenario)
            api = run_api(wasm, Path(tmp) / f"{name}-api", scenario)
            assert api["stdout"] == got["stdout"], (name, api["stdout"], got["stdout"])
            assert api["files"] == got["files"], name
            assert api["status"] == got["status"], (name, api["status"], got["status"])
            if got["status"] == 134:
                assert api["trap"] == trap_line(got["stderr"]), (name, api["trap"])
                assert python_part(api["stderr"]) == python_part(got["stderr"]), name
            else:
                assert api["stderr"] == got["stderr"], name
            # how `run` ended under the API: returned ok/err, `exit N` (ExitTrap), trap
            got["api_ended"] = api["ended"]
            out["scenarios"][name] = {"input": scenario, "wasmtime": got}
            print(f"{name}: status {got['status']}, {len(got['stdout'])} chars of stdout")
    OUTCOMES.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTCOMES}")


if __name__ == "__main__":
    main()
