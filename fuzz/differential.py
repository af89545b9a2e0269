"""Differential execution: a generated module (fuzz/gen.py) runs in wasmlite
and in wasmtime-py; every call's results or trap code, and the memory after
it, must agree.

    python -m fuzz.differential --count 2000 [--seed 0] [--fuel]

With ``--fuel`` the modules also use the bulk and grow instructions
(``generate(rng, bulk=True)``) and both sides consume fuel: each call gets a
budget (ample, or tight enough to run out in the middle), and
``Store.get_fuel()`` after instantiation and after every call must agree too.

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
from typing import Optional

import wasmtime

import wasmlite

from .gen import arguments, generate

OPT_LEVELS = ("none", "speed")


def _engine_wl(opt: str, fuel: bool = False, strategy: Optional[str] = None):
    cfg = wasmlite.Config()
    cfg.cranelift_opt_level = opt
    cfg.consume_fuel = fuel
    if strategy:
        cfg.strategy = strategy
    return wasmlite.Engine(cfg)


def _engine_wt(fuel: bool):
    cfg = wasmtime.Config()
    cfg.consume_fuel = fuel
    return wasmtime.Engine(cfg)


_ENGINES: dict = {}


def engines(opt: str, fuel: bool = False, strategy: Optional[str] = None):
    key = (opt, fuel, strategy)
    if key not in _ENGINES:
        _ENGINES[key] = (_engine_wl(opt, fuel, strategy), _engine_wt(fuel))
    return _ENGINES[key]


def _budget(rng: random.Random) -> int:
    """Fuel for one call: mostly ample, often tight (out of fuel mid-way)."""
    return rng.choice((10**7, 10**7, rng.randrange(1, 60), rng.randrange(60, 3000)))


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


def run_one(seed: int, calls_per_func: int = 3, fuel: bool = False,
            strategy: Optional[str] = None) -> list[str]:
    """Divergences (empty when both runtimes agree) for the module of ``seed``."""
    rng = random.Random(seed)
    wat, sigs = generate(rng, bulk=fuel)
    opt = OPT_LEVELS[seed % len(OPT_LEVELS)]
    ewl, ewt = engines(opt, fuel, strategy)
    binary = wasmtime.wat2wasm(wat)
    swt = wasmtime.Store(ewt)
    swl = wasmlite.Store(ewl)
    if fuel:
        budget = _budget(rng)
        swt.set_fuel(budget)
        swl.set_fuel(budget)
        for st in (swt, swl):       # grows to any size: keep memories small
            st.set_limits(memory_size=8 << 20, table_elements=100_000)
    outcome = []
    for rt, eng, st in ((wasmtime, ewt, swt), (wasmlite, ewl, swl)):
        try:
            outcome.append(rt.Instance(st, rt.Module(eng, binary), []))
        except (rt.Trap, rt.WasmtimeError) as e:
            outcome.append(("failed", _trap_name(e)))
    iwt, iwl = outcome
    if isinstance(iwt, tuple) or isinstance(iwl, tuple):
        a = iwt if isinstance(iwt, tuple) else "instantiated"
        b = iwl if isinstance(iwl, tuple) else "instantiated"
        if a != b:
            return [f"seed {seed}: instantiation: wasmtime {a}, wasmlite {b}"]
        return []
    if fuel and swt.get_fuel() != swl.get_fuel():
        return [f"seed {seed} opt {opt}: fuel after instantiation: wasmtime {swt.get_fuel()}, "
                f"wasmlite {swl.get_fuel()}"]
    xwt, xwl = iwt.exports(swt), iwl.exports(swl)
    problems = []
    for k, (params, _results) in enumerate(sigs):
        for _ in range(calls_per_func):
            args = arguments(rng, params)
            if fuel:
                budget = _budget(rng)
                swt.set_fuel(budget)
                swl.set_fuel(budget)
            a = _outcome(wasmtime, xwt[f"f{k}"], swt, args)
            b = _outcome(wasmlite, xwl[f"f{k}"], swl, args)
            if a != b:
                problems.append(f"seed {seed} opt {opt}: f{k}{tuple(args)}: wasmtime {a}, wasmlite {b}")
            elif fuel and swt.get_fuel() != swl.get_fuel():
                problems.append(f"seed {seed} opt {opt}: f{k}{tuple(args)} -> {a[0]}: fuel "
                                f"wasmtime {swt.get_fuel()}, wasmlite {swl.get_fuel()}")
            ma = hashlib.sha1(xwt["mem"].read(swt, 0, xwt["mem"].data_len(swt))).hexdigest()
            mb = hashlib.sha1(xwl["mem"].read(swl, 0, xwl["mem"].data_len(swl))).hexdigest()
            if ma != mb:
                problems.append(f"seed {seed} opt {opt}: memory differs after f{k}{tuple(args)}")
            if problems:
                return problems
    return problems


def _trap_name(e: BaseException) -> str:
    code = getattr(e, "trap_code", None)
    return code.name if code is not None else type(e).__name__


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--fuel", action="store_true",
                    help="bulk/grow instructions, fuel consumed and compared")
    ap.add_argument("--strategy", default=None, choices=("llvm", "interpreter", "auto"))
    args = ap.parse_args(argv)
    os.makedirs(os.path.join(os.path.dirname(__file__), "out"), exist_ok=True)
    t0 = time.perf_counter()
    bad = calls = 0
    for seed in range(args.seed, args.seed + args.count):
        problems = run_one(seed, fuel=args.fuel, strategy=args.strategy)
        if problems:
            bad += 1
            wat, _ = generate(random.Random(seed), bulk=args.fuel)
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
