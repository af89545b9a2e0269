"""Mutated and truncated binaries: wasmlite may accept one or raise
WasmtimeError (or, running it, Trap), never anything else, and never crash
or hang the process.

    python -m fuzz.mutate --count 100000 [--seed 0] [--compile-every 10]

Seeds are modules from fuzz/gen.py plus a few hand-written ones covering
every section; each case flips bits, replaces, inserts or deletes bytes,
truncates, or splices in LEB128 extremes. Every case is decoded and
validated (Module.validate); every ``--compile-every``-th one that validates
is also compiled, instantiated (with a fuel budget if supported, under store
limits) and its functions without parameters called. Cases run in worker
processes so a crash is caught: the crashing input is saved under
fuzz/out/ and the run fails.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")

EXTRA_SEEDS = [
    """(module (type $t (func (param i32) (result i32)))
      (import "env" "f" (func $imp (type $t))) (import "env" "g" (global (mut i64)))
      (memory (export "mem") 1 2) (table 2 funcref) (global $h f32 (f32.const 1.5))
      (func $f (export "f") (type $t) (local i64 f64 v128)
        (block (result i32) (loop (br_if 1 (local.get 0) (i32.const 7))
          (br_table 0 1 (local.get 0))) (i32.const 0))
        (drop (v128.const i32x4 1 2 3 4)) (call_indirect (type $t) (i32.const 1) (i32.const 0)))
      (elem (i32.const 0) $f) (elem declare func $f) (data (i32.const 8) "hello") (data "p")
      (func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop 1)) (start 2))""",
    """(module (table $t 4 externref) (func (export "g") (result i64)
        (i64.add (i64.const -1234567890123) (i64.extend_i32_s (i32.const -5))))
      (func (param externref) (table.set $t (i32.const 0) (local.get 0))
        (drop (table.grow $t (ref.null extern) (i32.const 1)))
        (drop (f64x2.extract_lane 1 (f64x2.splat (f64.const 2.5))))))""",
]

LEBS = [b"\xff\xff\xff\xff\x0f", b"\x80\x80\x80\x80\x80\x00", b"\xff\xff\xff\xff\x7f",
        b"\x00", b"\x7f", b"\x80\x01", b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"]


def seeds() -> list[bytes]:
    import wasmtime
    from .gen import generate
    out = [wasmtime.wat2wasm(src) for src in EXTRA_SEEDS]
    out += [wasmtime.wat2wasm(generate(random.Random(s))[0]) for s in range(40)]
    return out


def mutate(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.choice([1, 1, 1, 2, 3, 8])):
        k = rng.randrange(7)
        if not b:
            b = bytearray(b"\x00asm\x01\x00\x00\x00")
        i = rng.randrange(len(b))
        if k == 0:
            b[i] ^= 1 << rng.randrange(8)
        elif k == 1:
            b[i] = rng.choice([0, 1, 0x7f, 0x80, 0xff, rng.randrange(256)])
        elif k == 2:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 5)))
        elif k == 3:
            del b[i:i + rng.randrange(1, 9)]
        elif k == 4:
            b = b[:max(8, i)] if rng.random() < 0.7 else b[:i]
        elif k == 5:
            b[i:i + rng.randrange(1, 3)] = rng.choice(LEBS)
        else:       # duplicate a slice (sections twice, bodies repeated)
            j = rng.randrange(len(b))
            b[j:j] = b[i:i + rng.randrange(1, 32)]
    return bytes(b)


def worker(seed: int, count: int, compile_every: int, progress: str) -> None:
    import wasmlite
    from wasmlite import Trap, WasmtimeError
    try:
        cfg = wasmlite.Config()
        cfg.consume_fuel = True
        cfg.cranelift_opt_level = "none"
        engine = wasmlite.Engine(cfg)
        fuel = True
    except WasmtimeError:
        cfg = wasmlite.Config()
        cfg.cranelift_opt_level = "none"
        engine, fuel = wasmlite.Engine(cfg), False
    rng = random.Random(seed)
    pool = seeds()
    valid = compiled = 0
    with open(progress, "w") as prog:
        for n in range(count):
            data = mutate(rng, rng.choice(pool))
            prog.seek(0)
            prog.write(f"{n:10d}\n")
            prog.flush()
            try:
                wasmlite.Module.validate(engine, data)
            except WasmtimeError:
                continue
            valid += 1
            if valid % compile_every:
                continue
            compiled += 1
            try:
                module = wasmlite.Module(engine, data)
                if module.imports:
                    continue
                store = wasmlite.Store(engine)
                store.set_limits(memory_size=1 << 24, table_elements=10_000)
                if fuel:
                    store.set_fuel(100_000)
                exports = wasmlite.Instance(store, module, []).exports(store)
                for item in exports.values() if hasattr(exports, "values") else []:
                    if isinstance(item, wasmlite.Func) and not item.type(store).params and fuel:
                        try:
                            item(store)
                        except (WasmtimeError, Trap):   # Trap is not a WasmtimeError
                            pass
            except (WasmtimeError, Trap):               # e.g. a start function's trap
                pass
    print(f"{count} {valid} {compiled}")


def replay(seed: int, index: int) -> bytes:
    rng = random.Random(seed)
    pool = seeds()
    for _ in range(index):
        mutate(rng, rng.choice(pool))
    return mutate(rng, rng.choice(pool))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--chunk", type=int, default=5000)
    ap.add_argument("--compile-every", type=int, default=10)
    ap.add_argument("--worker", nargs=4, type=str, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        seed, count, every, progress = args.worker
        worker(int(seed), int(count), int(every), progress)
        return 0
    os.makedirs(OUT, exist_ok=True)
    t0 = time.perf_counter()
    total = valid = compiled = crashes = 0
    chunk_seed = args.seed
    while total < args.count:
        n = min(args.chunk, args.count - total)
        progress = os.path.join(OUT, f"progress-{os.getpid()}")
        root = os.path.dirname(HERE)
        proc = subprocess.run([sys.executable, "-m", "fuzz.mutate", "--worker", str(chunk_seed),
                               str(n), str(args.compile_every), progress],
                              cwd=root, capture_output=True, text=True, timeout=3600)
        if proc.returncode == 0:
            c, v, k = map(int, proc.stdout.split()[-3:])
            valid += v
            compiled += k
        else:
            crashes += 1
            index = int(open(progress).read().strip() or 0)
            data = replay(chunk_seed, index)
            path = os.path.join(OUT, f"crash-{chunk_seed}-{index}.wasm")
            with open(path, "wb") as f:
                f.write(data)
            print(f"CRASH (status {proc.returncode}) chunk seed {chunk_seed} case {index}: "
                  f"saved {path}\n{proc.stderr[-2000:]}", flush=True)
        total += n
        chunk_seed += 1
        print(f"... {total} binaries, {valid} valid, {compiled} compiled+run, {crashes} crashes, "
              f"{time.perf_counter() - t0:.0f} s", flush=True)
    print(f"mutate: {total} binaries, {valid} validated, {compiled} compiled and run, "
          f"{crashes} crashes (non-WasmtimeError exceptions count as crashes), "
          f"{time.perf_counter() - t0:.0f} s")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
