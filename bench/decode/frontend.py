"""Front-end time of big real modules: decode_module and validate_module.

    python bench/decode/frontend.py [--reps N] [--profile] [--touch]
        [--module STRATEGY] [FILE.wasm ...]

Default modules: CPython 3.11 for WASI (``bench/out/python-3.11.3.wasm``,
fetched by ``bench/decode/run.py``) and QuickJS-NG's WASI reactor
(``bench/out/qjs-wasi-reactor/qjs-wasi-reactor.wasm``), whichever are on disk.
Times are wall clock (``time.perf_counter``), best of ``--reps`` runs, in one
process. ``--touch`` also times decode + validate + every function body
built (``binary.decode.read_bodies``, then ``len(f.body)`` for each): what a
consumer that needs every body (a whole-module compile) pays in all now that
bodies are decoded lazily; the interpreter builds a body at a function's
first call only. ``--profile`` runs one decode + validate under cProfile and
prints the top entries. ``--module interpreter`` (or auto, llvm) times
``wasmlite.Module()`` instead, as is and with ``parallel_compilation`` off
(no validation helper process: valid/parallel.py), alternating; the
interpreter strategy never reads the disk cache, auto and llvm may.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from wasmlite.binary.decode import decode_module  # noqa: E402

try:                                      # (trees from before lazy bodies)
    from wasmlite.binary.decode import read_bodies
except ImportError:                       # pragma: no cover
    def read_bodies(funcs) -> None:
        pass
from wasmlite.valid.validate import validate_module  # noqa: E402

DEFAULTS = [OUT / "python-3.11.3.wasm",
            OUT / "qjs-wasi-reactor" / "qjs-wasi-reactor.wasm"]


def _best(reps: int, fn) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def measure(path: Path, reps: int, touch: bool) -> None:
    data = path.read_bytes()
    t_dec, module = _best(reps, lambda: decode_module(data))
    t_val, _ = _best(reps, lambda: validate_module(module))
    line = (f"{path.name:<26} {len(data)/1e6:6.1f} MB {len(module.funcs):6d} funcs"
            f"  decode {t_dec:6.3f} s  validate {t_val:6.3f} s  total {t_dec + t_val:6.3f} s")
    if touch:
        def decode_and_touch():
            m = decode_module(data)
            validate_module(m)
            read_bodies(m.funcs)
            return sum(len(f.body) for f in m.funcs)
        t_all, n_instr = _best(reps, decode_and_touch)
        line += f"  +bodies {t_all:6.3f} s ({n_instr} instrs)"
    print(line, flush=True)


def measure_module(path: Path, reps: int, strategy: str) -> None:
    """``wasmlite.Module(engine, data)`` end to end (decode, validate and what
    the strategy does at load: the interpreter's descriptors, tier-up set-up),
    after a warm-up module has loaded the interpreter."""
    import wasmlite
    data = path.read_bytes()
    times = {}
    # parallel_compilation off: no validation helper process (valid/parallel.py);
    # the two settings alternate, so a change of load touches both alike
    engines = {}
    for parallel in (True, False):
        cfg = wasmlite.Config()
        cfg.strategy = strategy
        cfg.parallel_compilation = parallel
        engines[parallel] = wasmlite.Engine(cfg)
        wasmlite.Module(engines[parallel], b"\0asm\1\0\0\0")
        times[parallel] = float("inf")
    for _ in range(reps):
        for parallel, engine in engines.items():
            t0 = time.perf_counter()
            wasmlite.Module(engine, data)
            times[parallel] = min(times[parallel], time.perf_counter() - t0)
    print(f"{path.name:<26} Module() with strategy {strategy}: {times[True]:6.3f} s"
          f" (parallel_compilation off, no validation helper: {times[False]:6.3f} s)",
          flush=True)


def profile(path: Path) -> None:
    data = path.read_bytes()
    prof = cProfile.Profile()
    prof.enable()
    validate_module(decode_module(data))
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(15)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--touch", action="store_true")
    ap.add_argument("--module", metavar="STRATEGY",
                    help="time wasmlite.Module() with this strategy instead")
    ap.add_argument("files", nargs="*", type=Path)
    args = ap.parse_args()
    files = args.files or [p for p in DEFAULTS if p.exists()]
    if not files:
        print("no module found; run bench/decode/run.py once to fetch python.wasm")
        return 1
    print(f"best of {args.reps}")
    for path in files:
        if args.profile:
            profile(path)
        elif args.module:
            measure_module(path, args.reps, args.module)
        else:
            measure(path, args.reps, args.touch)
    return 0


if __name__ == "__main__":
    sys.exit(main())
