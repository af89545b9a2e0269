"""Validation verdicts against wasmtime-py on mutated Wasm GC modules: every
module of the GC spec scripts (and tests/gc's oracles) is mutated in one or
two bytes, often to a GC type or opcode byte, and both wasmlite's and
wasmtime-py's ``Module.validate`` must agree on accepting or rejecting it.

    python -m fuzz.validate_gc --count 4000 [--seed 0] [--spec DIR]

prints each disagreement (both messages, the binary in hex when short) and
a summary; exits 1 on any disagreement. Runs recorded: 2026-12-01, seeds 1,
5, 7, 11, 23: 23,000 mutants, ~2,900 of them valid, 0 disagreements.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import wasmtime

import wasmlite
from wasmlite.binary.encode import encode_module
from wasmlite.script.run import load_module
from wasmlite.text import script as S

HERE = Path(__file__).resolve().parent
SPEC = HERE.parents[1] / "shared" / "spec" / "wasm-3.0"
FILES = ("struct.wast", "array.wast", "i31.wast", "ref_test.wast", "ref_cast.wast",
         "br_on_cast.wast", "br_on_cast_fail.wast", "type-subtyping.wast", "type-rec.wast",
         "type-equivalence.wast", "array_copy.wast", "array_fill.wast", "array_init_data.wast",
         "array_init_elem.wast", "array_new_data.wast", "array_new_elem.wast", "extern.wast",
         "ref_eq.wast", "type-canon.wast")
# bytes a mutation favours: GC's type codes and heap types, sub/rec, packed types
GC_BYTES = (0x6E, 0x6D, 0x6C, 0x6B, 0x6A, 0x71, 0x63, 0x64, 0x00, 0x01, 0x50, 0x4F, 0x4E,
            0x5E, 0x5F, 0x78, 0x77, 0x73, 0x72, 0xFB)


def seeds(spec: Path) -> list[bytes]:
    out = []
    for name in FILES:
        path = spec / name
        if not path.exists():
            continue
        for cmd in S.parse_script(path.read_text()):
            if isinstance(cmd, S.ModuleCmd):
                try:
                    out.append(encode_module(load_module(cmd)))
                except Exception:   # noqa: BLE001 - a module only the runtime can take
                    pass
    out += [(HERE.parent / "tests" / "gc" / f"{n}.wasm").read_bytes()
            for n in ("types", "instrs")] * 20
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--spec", type=Path, default=SPEC)
    args = ap.parse_args(argv)
    cfg = wasmtime.Config()
    cfg.wasm_gc = True
    cfg.wasm_function_references = True
    wt_engine, wl_engine = wasmtime.Engine(cfg), wasmlite.Engine()

    def verdict_wt(b: bytes):
        try:
            wasmtime.Module.validate(wt_engine, b)
            return True
        except Exception as e:   # noqa: BLE001 - any refusal
            return str(e).splitlines()[0][:120]

    def verdict_wl(b: bytes):
        try:
            wasmlite.Module.validate(wl_engine, b)
            return True
        except wasmlite.WasmtimeError as e:
            return str(e)[:120]

    pool = seeds(args.spec)
    if not pool:
        print(f"no seeds under {args.spec}")
        return 1
    rng = random.Random(args.seed)
    disagree = valid = 0
    for n in range(args.count):
        case = bytearray(rng.choice(pool))
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(8, len(case))
            case[i] = rng.choice((rng.randrange(256),) + GC_BYTES)
        b = bytes(case)
        a, w = verdict_wt(b), verdict_wl(b)
        valid += a is True
        if (a is True) != (w is True):
            disagree += 1
            print(f"case {n}: wasmtime-py: {a} | wasmlite: {w}"
                  + (f" | {b.hex()}" if len(b) < 200 else ""))
    print(f"{args.count} mutants of {len(pool)} seeds, {valid} valid: "
          f"{disagree} disagreements")
    return 1 if disagree else 0


if __name__ == "__main__":
    sys.exit(main())
