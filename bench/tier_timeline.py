"""The tier-up timeline of one ``wasmlite run``: when each function turned
hot and when each tier-up job ran, in ms from ``_start``'s beginning.

    python bench/tier_timeline.py [--strategy auto] [--dir H::G] FILE.wasm [ARGS...]

Runs ``wasmlite run --no-cache`` in this process with tiering.py's hot
callback and job methods wrapped (the program's own output is discarded),
then prints one line per event: ``hot F LOOP`` (function F's counter
passed the threshold; LOOP 1 when a back-edge did) and ``compile L funcs
osr wall cpu`` (a job at opt level L: its functions for new calls, its OSR
entries, wall and tier-up thread CPU ms). Example (bench/RESULTS.md):

    python bench/tier_timeline.py --dir /tmp/w::. bench/wasi/wordfreq.wasm 300000
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wasmlite import cli, launch  # noqa: E402
import wasmlite.tiering as tiering  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--strategy", default="auto")
    ap.add_argument("--dir", action="append", default=[])
    ap.add_argument("wasm")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    start = [0.0]
    events: list[tuple] = []

    def now() -> float:
        return (time.perf_counter() - start[0]) * 1e3 if start[0] else -1.0

    hot = tiering._TierUp.hot

    def timed_hot(self, desc):
        events.append((now(), f"hot {self.im.defined_index_of(desc & ~1)} {desc & 1}"))
        return hot(self, desc)

    compile_ = tiering._TierUp._compile

    def timed_compile(self, funcs, direct, osr, level, upgrade=False):
        t, c = now(), time.thread_time()
        try:
            return compile_(self, funcs, direct, osr, level, upgrade)
        finally:
            events.append((t, f"compile L{level} funcs={funcs} osr={osr} "
                              f"wall {now() - t:.0f} cpu {(time.thread_time() - c) * 1e3:.0f}"))

    call_start = launch._call_start

    def timed_start(*args, **kw):
        start[0] = time.perf_counter()
        try:
            return call_start(*args, **kw)
        finally:
            events.append((now(), "_start returned"))

    tiering._TierUp.hot = timed_hot
    tiering._TierUp._compile = timed_compile
    launch._call_start = timed_start
    exit_ = os._exit

    def report(code: int) -> None:
        for t, what in sorted(events, key=lambda e: e[0]):
            print(f"{t:8.0f}  {what}", file=sys.stderr)
        exit_(code)

    os._exit = report           # (the command ends with os._exit)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.argv = ["wasmlite", "run", "--no-cache", "--strategy", a.strategy,
                *[x for d in a.dir for x in ("--dir", d)], a.wasm, *a.args]
    cli.console_main()
    report(0)


if __name__ == "__main__":
    main()
