"""Differential execution: a generated module (fuzz/gen.py) runs in wasmlite
and in wasmtime-py; every call's results or trap code, and the memory after
it, must agree.

    python -m fuzz.differential --count 2000 [--seed 0]

prints a line per divergence (seed and WAT kept under fuzz/out/) and a
summary; exits 1 if any module diverged or crashed the run.
"""
from __future__ import annotations

import argparse
import hashlib
import math
import os
import random
import sys
import time

import wasmtime

import wasmlite

from .gen import arguments, generate

OPT_LEVELS = ("none", "speed")


def _engine_wl(opt: str):
    cfg = wasmlite.Config()
    cfg.cranelift_opt_level = opt
    return wasmlite.Engine(cfg)


_ENGINES: dict = {}


def engines(opt: str):
    if opt not in _ENGINES:
        _ENGINES[opt] = (_engine_wl(opt), wasmtime.Engine())
    return _ENGINES[opt]


def _norm(v):
    if isinstance(v, float) and math.isnan(v):
        return "nan"
    if isinstance(v, float):
        return ("f", v, math.copysign(1.0, v))
    return v


def _outcome(rt, fn, store, args):
    try:
        r = fn(store, *args)
    except rt.Trap as e:
        return ("trap", e.trap_code.name if e.trap_code is not None else None)
    except rt.WasmtimeError as e:
        return ("error", str(e).splitlines()[0][:80])
    if not isinstance(r, list):
        r = [r]
    return ("ok", [_norm(x) for x in r])


def run_one(seed: int, calls_per_func: int = 3) -> list[str]:
    """Divergences (empty when both runtimes agree) for the module of ``seed``."""
    rng = random.Random(seed)
    wat, sigs = generate(rng)
    opt = OPT_LEVELS[seed % len(OPT_LEVELS)]
    ewl, ewt = engines(opt)
    binary = wasmtime.wat2wasm(wat)
    swt = wasmtime.Store(ewt)
    iwt = wasmtime.Instance(swt, wasmtime.Module(ewt, binary), [])
    swl = wasmlite.Store(ewl)
    try:
        iwl = wasmlite.Instance(swl, wasmlite.Module(ewl, binary), [])
    except wasmlite.WasmtimeError as e:
        return [f"seed {seed}: wasmlite refused a module wasmtime accepts: {e}"]
    xwt, xwl = iwt.exports(swt), iwl.exports(swl)
    problems = []
    for k, (params, _results) in enumerate(sigs):
        for _ in range(calls_per_func):
            args = arguments(rng, params)
            a = _outcome(wasmtime, xwt[f"f{k}"], swt, args)
            b = _outcome(wasmlite, xwl[f"f{k}"], swl, args)
            if a != b:
                problems.append(f"seed {seed} opt {opt}: f{k}{tuple(args)}: wasmtime {a}, wasmlite {b}")
            ma = hashlib.sha1(xwt["mem"].read(swt, 0, xwt["mem"].data_len(swt))).hexdigest()
            mb = hashlib.sha1(xwl["mem"].read(swl, 0, xwl["mem"].data_len(swl))).hexdigest()
            if ma != mb:
                problems.append(f"seed {seed} opt {opt}: memory differs after f{k}{tuple(args)}")
            if problems:
                return problems
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    os.makedirs(os.path.join(os.path.dirname(__file__), "out"), exist_ok=True)
    t0 = time.perf_counter()
    bad = calls = 0
    for seed in range(args.seed, args.seed + args.count):
        problems = run_one(seed)
        if problems:
            bad += 1
            wat, _ = generate(random.Random(seed))
            with open(os.path.join(os.path.dirname(__file__), "out", f"diverge-{seed}.wat"), "w") as f:
                f.write(wat + "\n;; " + "\n;; ".join(problems) + "\n")
            for p in problems:
                print(p, flush=True)
        if (seed - args.seed + 1) % 250 == 0:
            print(f"... {seed - args.seed + 1} modules, {bad} diverged, "
                  f"{time.perf_counter() - t0:.0f} s", flush=True)
    print(f"differential: {args.count} modules (seeds {args.seed}..{args.seed + args.count - 1}), "
          f"{bad} diverged, {time.perf_counter() - t0:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
