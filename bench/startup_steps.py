"""The one-function start-up step by step, trees side by side.

    python bench/startup_steps.py --commit 08f29fe --commit HEAD [--runs 21]

For each ``--commit`` (a git revision; ``--commit worktree`` for the working
tree) a byte-compiled copy of ``wasmlite/`` (``git archive``, as
bench/startup.py makes it) gets its own cache with the interpreter's
library built once. Then fresh processes run the one-function module
(bench/startup.py's ``one`` case) in turn, one per tree and one of
wasmtime-py per round, ``--runs`` rounds: alternating, so a change in the
machine's load touches every tree alike. Each child times its own steps
with ``time.perf_counter_ns`` (``import``, ``Engine()``+``Store()``,
``Module()``, ``Instance()``, the first ``exports``, the first call, and all
steps from ``Engine()`` on); the parent times the whole process. Medians
are printed, with the load average before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
T = time.perf_counter_ns
t0 = T()
if sys.argv[1] == "wasmlite":
    import wasmlite as rt
else:
    import wasmtime as rt
t1 = T()
ONE = bytes.fromhex("0061736d0100000001070160027f7f017f030201000707010361646400000a09"
                    "010700200020016a0b")
cfg = rt.Config()
a = T(); engine = rt.Engine(cfg); store = rt.Store(engine); b = T()
module = rt.Module(engine, ONE); c = T()
inst = rt.Instance(store, module, []); d = T()
add = inst.exports(store)["add"]; e = T()
assert add(store, 2, 3) == 5
f = T()
print(json.dumps({"import": t1 - t0, "Engine+Store": b - a, "Module": c - b,
                  "Instance": d - c, "exports": e - d, "call": f - e, "steps": f - a}))
"""
STEPS = ["import", "Engine+Store", "Module", "Instance", "exports", "call", "steps", "process"]


def prepare(rev: str, tmp: Path) -> tuple[str, dict[str, str]]:
    """A byte-compiled copy of ``rev``'s wasmlite/ and its seeded cache:
    (label, the environment its children run with)."""
    src = Path(tempfile.mkdtemp(dir=tmp, prefix="src-"))
    if rev == "worktree":
        subprocess.run(["cp", "-r", str(ROOT / "wasmlite"), str(src)], check=True)
        label = "worktree"
    else:
        label = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.strip()
        archive = subprocess.run(["git", "archive", rev, "wasmlite"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(src)
    env["XDG_CACHE_HOME"] = str(Path(tempfile.mkdtemp(dir=tmp, prefix="cache-")))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(src / "wasmlite")], env=env,
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", "from wasmlite.interp.library import interpreter; "
                    "interpreter()"], env=env, check=True, cwd=tmp)
    return label, env


def run(runtime: str, env: dict[str, str], cwd: Path) -> dict[str, float]:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD, runtime], env=env, cwd=cwd,
                         capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"{runtime} child failed:\n{out.stderr}")
    times = {k: v / 1e6 for k, v in json.loads(out.stdout).items()}
    times["process"] = wall * 1e3
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--commit", action="append", required=True,
                    help="a tree to measure (repeat; 'worktree' for the working tree)")
    ap.add_argument("--runs", type=int, default=21, help="rounds of fresh processes")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="wasmlite-steps-") as d:
        tmp = Path(d)
        trees = [prepare(rev, tmp) for rev in args.commit]
        base_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        sides = trees + [("wasmtime-py", base_env)]
        samples: dict[str, list[dict[str, float]]] = {label: [] for label, _ in sides}
        load0 = os.getloadavg()[0]
        for _ in range(args.runs):
            for label, env in sides:
                samples[label].append(run("wasmtime" if label == "wasmtime-py" else "wasmlite",
                                          env, tmp))
        load1 = os.getloadavg()[0]
    print(f"median of {args.runs} alternating fresh processes per tree (ms); "
          f"load average {load0:.1f} before, {load1:.1f} after")
    print(f"{'':14s}" + "".join(f"{s:>14s}" for s in STEPS))
    for label, rows in samples.items():
        print(f"{label:14s}" + "".join(f"{statistics.median(r[s] for r in rows):14.2f}"
                                       for s in STEPS))


if __name__ == "__main__":
    main()
