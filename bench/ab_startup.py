"""Two or more source trees of wasmlite on start-up cases, on the same load:

    python bench/ab_startup.py REV_OR_DIR[,REV_OR_DIR...] [--reps 11]
                               [--cases wordfreq,hello,quickjs]

A tree is a git revision (``git archive``'d into a temporary directory) or
``.`` for the working tree (copied). Each tree is byte-compiled and gets its
interpreter library built once into a setup cache; every measured process
then starts with a fresh cache holding that library only, as
bench/startup.py does. Per repetition the trees run one after another, so a
change of load hits them alike; medians and minima of end-to-end wall time
are printed per tree. The cases are bench/startup.py's: ``wasmlite run`` of
bench/wasi/wordfreq.wasm and examples/hello_wasi.wasm, and its QuickJS
script through the API (startup.py's ``--child qjs``). This compares
wasmlite with itself; bench/startup.py compares it with wasmtime-py.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from startup import HELLO, QJS_SCRIPT, QJS_WASM, WORDFREQ, WORDS  # noqa: E402


def _tree(spec: str, tmp: Path) -> Path:
    """A byte-compiled copy of wasmlite/ from revision ``spec`` (``.``: the
    working tree); the directory to put on PYTHONPATH."""
    dest = Path(tempfile.mkdtemp(dir=tmp, prefix="tree-"))
    if spec == ".":
        shutil.copytree(ROOT / "wasmlite", dest / "wasmlite",
                        ignore=shutil.ignore_patterns("__pycache__"))
    else:
        arch = subprocess.run(["git", "-C", str(ROOT), "archive", spec, "wasmlite"],
                              capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=arch, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "wasmlite")],
                   env=_env(dest, dest), check=True)
    return dest


def _env(tree: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("STARTUP_STRATEGY", None)
    env["PYTHONPATH"] = str(tree)
    env["XDG_CACHE_HOME"] = str(cache)
    env["STARTUP_TIMES"] = str(cache / "times.json")
    return env


def _command(case: str) -> tuple[list[str], Path]:
    # -P: the working directory is not put first on sys.path (or
    # ``-m wasmlite`` run from the repository would import its own tree)
    run = [sys.executable, "-P", "-m", "wasmlite", "run"]
    if case == "wordfreq":
        return run + ["--dir", ".::.", str(WORDFREQ), WORDS], WORDFREQ.parent
    if case == "hello":
        return run + [str(HELLO), "Ada"], ROOT
    if case == "quickjs":
        if not QJS_WASM.exists():
            raise SystemExit(f"{QJS_WASM} is missing: run bench/startup.py --cases quickjs once")
        return [sys.executable, str(HERE / "startup.py"), "--child", "qjs", "wasmlite",
                str(QJS_WASM), QJS_SCRIPT], ROOT
    raise SystemExit(f"unknown case {case}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trees")
    ap.add_argument("--reps", type=int, default=11)
    ap.add_argument("--cases", default="wordfreq,hello,quickjs")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wl-ab-startup-"))
    try:
        specs = args.trees.split(",")
        trees = [_tree(s, tmp) for s in specs]
        libs = []
        for tree in trees:         # the interpreter library, once per tree
            setup = Path(tempfile.mkdtemp(dir=tmp, prefix="setup-"))
            subprocess.run([sys.executable, "-P", "-m", "wasmlite", "run", "--no-cache",
                            "--strategy", "interpreter", str(HELLO)],
                           env=_env(tree, setup), capture_output=True, check=True)
            libs.append(setup / "wasmlite" / "interp")
        print(f"load average {os.getloadavg()[0]:.1f}; {args.reps} processes per tree and case")
        for case in args.cases.split(","):
            cmd, cwd = _command(case)
            walls: list[list[float]] = [[] for _ in trees]
            for _ in range(args.reps):
                for k, tree in enumerate(trees):
                    cache = Path(tempfile.mkdtemp(dir=tmp, prefix="cache-"))
                    shutil.copytree(libs[k], cache / "wasmlite" / "interp")
                    t0 = time.perf_counter()
                    proc = subprocess.run(cmd, cwd=cwd, env=_env(tree, cache),
                                          capture_output=True)
                    walls[k].append(time.perf_counter() - t0)
                    if proc.returncode:
                        raise SystemExit(f"{specs[k]} {case}: exit {proc.returncode}: "
                                         + proc.stderr.decode(errors="replace")[-400:])
                    shutil.rmtree(cache)
            print(f"[{case}] end to end")
            base = statistics.median(walls[0])
            for spec, w in zip(specs, walls):
                med = statistics.median(w)
                print(f"  {spec:<14} median {1000 * med:7.1f} ms  min {1000 * min(w):7.1f} ms"
                      f"  {med / base:5.2f}x the first")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
