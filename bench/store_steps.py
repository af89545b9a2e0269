"""Where a fresh process's first ``Engine()`` + ``Store()`` goes, step by step.

    python bench/store_steps.py [--runs 5]

A byte-compiled copy of the working tree's ``wasmlite/`` gets a cache with
the interpreter's library built once; then each run is a fresh process that
wraps the steps of the first Store with ``perf_counter_ns`` and prints them
in microseconds. Steps nest: ``interpreter()`` holds ``library`` (both
images mapped) which holds ``key``; ``sigint`` holds ``interpreter()``; the
stack floor's step holds the first import of compile/loader.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, time
T = time.perf_counter_ns
import wasmlite as rt
from wasmlite.interp import library as L
from wasmlite.runtime import store as RS
acc = {}
def wrap(owner, name, label):
    f = getattr(owner, name)
    def timed(*a, **k):
        t = T()
        try:
            return f(*a, **k)
        finally:
            acc[label] = acc.get(label, 0) + T() - t
    setattr(owner, name, timed)
wrap(L, "_key_pair", "key")
wrap(L.Interpreter, "_library", "library")
wrap(L, "interpreter", "interpreter()")
wrap(RS, "prefill_stack_floor", "stack floor")
wrap(RS, "ensure_sigint_handler", "sigint")
wrap(RS, "_builtins_address", "builtins")
a = T(); e = rt.Engine(); b = T(); s = rt.Store(e); c = T()
acc["Engine()"] = b - a
acc["Store()"] = c - b
print(json.dumps({k: v // 1000 for k, v in acc.items()}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="wasmlite-store-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        subprocess.run(["cp", "-a", str(ROOT / "wasmlite"), str(src)], check=True)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPATH=str(src), XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(src / "wasmlite")],
                       env=env, check=True)
        subprocess.run([sys.executable, "-c", "import wasmlite as w; w.Store(w.Engine())"],
                       env=env, check=True, cwd=tmp)
        for _ in range(a.runs):
            out = subprocess.run([sys.executable, "-c", CHILD], env=env, cwd=tmp, check=True,
                                 capture_output=True, text=True).stdout
            print(out.strip())


if __name__ == "__main__":
    main()
