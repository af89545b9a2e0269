"""The interpreter's pre-decoder alone: every function of a module, timed.

    python bench/predecode.py [--fuel] [--epoch] [--repeat N] [--profile] [FILE.wasm ...]
    python bench/predecode.py --compare OLD_BYTECODE.py [--all-settings] [FILE.wasm ...]
    python bench/predecode.py --against OLD_BYTECODE.py [--fuel] [--repeat N] [FILE.wasm ...]
    python bench/predecode.py --run '-c print(1+1)' [--against OLD.py] bench/out/python-3.11.3.wasm

Decodes and validates each module (not timed), makes its ``InterpModule``
as the ``interpreter`` strategy does, then pre-decodes every defined
function with that module's ``Predecoder`` (``interp/bytecode.py``, what
``InterpModule.decode`` runs on a function's first call) and places the
code in native memory. Prints functions/s, µs per function and µs per wasm
instruction (best of ``--repeat`` rounds; the cyclic GC runs as it does in
a real run). Defaults: CPython for WASI and QuickJS-NG's reactor from
bench/out/ (not committed: bench/startup.py fetches them).

``--compare`` loads another version of interp/bytecode.py (e.g. from
``git show REV:wasmlite/interp/bytecode.py > /tmp/old.py``) as a module
of this package and checks that it produces the very same code for every
function (words, targets, frame height, OSR loops, trap sites);
``--all-settings`` does so with and without fuel and epochs; a ``.wast``
file given to ``--compare`` stands for every valid module in it (the spec
suite: ``../shared/spec/wasm-2.0/*.wast``). ``--against``
times that version and this one in alternate rounds of the same process
(fair under a changing load on a shared machine). ``--run ARGS`` first runs
the WASI program's ``_start`` with those arguments in the interpreter (as
``wasmlite run --strategy interpreter`` would) and then times only the
functions that run pre-decoded, as they were: what the pre-decoder costs
that program's start-up; it also prints the time the run spent in
``InterpModule.decode`` (lazy body reads from the binary included).
"""
from __future__ import annotations

import argparse
import cProfile
import importlib.util
import os
import pstats
import shlex
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from wasmlite.binary.decode import decode_module  # noqa: E402
from wasmlite.interp.module import InterpModule  # noqa: E402
from wasmlite.valid.validate import validate_module  # noqa: E402

DEFAULT = [HERE / "out" / "python-3.11.3.wasm",
           HERE / "out" / "qjs-wasi-reactor" / "qjs-wasi-reactor.wasm"]


def load(path: Path) -> tuple[Any, Any]:
    data = path.read_bytes()
    if path.suffix == ".wat":
        import wasmtime
        data = wasmtime.wat2wasm(data.decode())
    module = decode_module(data)
    return module, validate_module(module)


def interp_module(module: Any, info: Any, fuel: bool, epoch: bool) -> InterpModule:
    return InterpModule(module, info, consume_fuel=fuel, epoch_interruption=epoch)


def ran(path: Path, args: list[str], fuel: bool, epoch: bool) -> tuple[InterpModule, list[int]]:
    """Run the program's _start with argv ``args`` in the interpreter; its
    InterpModule and the defined functions the run pre-decoded."""
    import wasmlite
    made: list[InterpModule] = []
    spent = [0.0]
    decode = InterpModule.decode

    def timed(self: InterpModule, i: int) -> None:
        t0 = time.perf_counter()
        decode(self, i)
        spent[0] += time.perf_counter() - t0
        if not made:
            made.append(self)
    InterpModule.decode = timed          # type: ignore[method-assign]
    try:
        cfg = wasmlite.Config()
        cfg.strategy = "interpreter"
        cfg.consume_fuel = fuel
        cfg.epoch_interruption = epoch
        engine = wasmlite.Engine(cfg)
        store = wasmlite.Store(engine)
        if fuel:
            store.set_fuel(1 << 62)
        if epoch:
            store.set_epoch_deadline(1 << 62)
        wasi = wasmlite.WasiConfig()
        wasi.argv = [path.name, *args]
        wasi.inherit_stdout()
        wasi.inherit_stderr()
        store.set_wasi(wasi)
        linker = wasmlite.Linker(engine)
        linker.define_wasi()
        t0 = time.perf_counter()
        inst = linker.instantiate(store, wasmlite.Module.from_file(engine, str(path)))
        try:
            inst.exports(store)["_start"](store)
        except wasmlite.ExitTrap:
            pass
        total = time.perf_counter() - t0
    finally:
        InterpModule.decode = decode     # type: ignore[method-assign]
    im = made[0]
    done = [i for i, c in enumerate(im._code) if c is not None]
    print(f"{path.name} {' '.join(args)}: Module() to exit {total:.2f} s, of which"
          f" {spent[0]:.2f} s pre-decoding {len(done)} functions (InterpModule.decode)")
    return im, done


def round_(im: InterpModule, pre: Any = None, select: Any = None) -> float:
    """Seconds to pre-decode and place every defined function (or those in
    ``select``) once (with ``pre``, another Predecoder of the same module)."""
    pre, funcs, base = pre or im._pre, im.module.funcs, im.nimported
    chosen = range(len(funcs)) if select is None else select
    t0 = time.perf_counter()
    for i in chosen:
        pre.function(base + i, funcs[i]).place()
    return time.perf_counter() - t0


def prepared(path: Path, fuel: bool, epoch: bool,
             run: Any) -> tuple[InterpModule, Any, list[int]]:
    if run is not None:
        im, select = ran(path, run, fuel, epoch)
        return im, select, select
    module, info = load(path)
    im = interp_module(module, info, fuel, epoch)
    return im, None, list(range(len(module.funcs)))


def timing(path: Path, fuel: bool, epoch: bool, repeat: int, profile: bool,
           run: Any = None) -> None:
    im, select, chosen = prepared(path, fuel, epoch, run)
    nfuncs = len(chosen)
    ninstr = sum(len(im.module.funcs[i].body) for i in chosen)
    if profile:
        prof = cProfile.Profile()
        prof.enable()
        round_(im, select=select)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)
        return
    best = min(round_(im, select=select) for _ in range(repeat))
    print(f"{path.name}: {nfuncs} functions, {ninstr} instructions, fuel={fuel} epoch={epoch}:"
          f" {best:.3f} s, {nfuncs / best:,.0f} functions/s, {best / nfuncs * 1e6:.0f} us/function,"
          f" {best / ninstr * 1e6:.3f} us/instruction (best of {repeat};"
          f" load {os.getloadavg()[0]:.2f})")


def against(path: Path, ref: Any, fuel: bool, epoch: bool, repeat: int, run: Any = None) -> None:
    im, select, chosen = prepared(path, fuel, epoch, run)
    p = im._pre
    old = ref.Predecoder(im.module, im.interp, im.layout, p.desc_address, p.out_stub, fuel, epoch)
    ninstr = sum(len(im.module.funcs[i].body) for i in chosen)
    t_old, t_new = [], []
    for _ in range(repeat):
        t_old.append(round_(im, old, select))
        t_new.append(round_(im, None, select))
    a, b = min(t_old), min(t_new)
    print(f"{path.name}: {len(chosen)} functions, {ninstr} instructions, fuel={fuel}"
          f" epoch={epoch}: reference {a:.3f} s ({a / ninstr * 1e6:.3f} us/instruction),"
          f" this tree {b:.3f} s ({b / ninstr * 1e6:.3f} us/instruction): {a / b:.2f}x"
          f" (best of {repeat} alternate rounds; load {os.getloadavg()[0]:.2f})")


def load_reference(path: Path) -> Any:
    # a module of this package, so its relative imports resolve
    spec = importlib.util.spec_from_file_location("wasmlite.interp._bytecode_reference", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def wast_modules(path: Path) -> list[Any]:
    """The modules of a .wast script that decode and validate."""
    from wasmlite.script.run import load_module
    from wasmlite.text.script import ModuleCmd, parse_script
    out = []
    for cmd in parse_script(path.read_text(), str(path)):
        if isinstance(cmd, ModuleCmd):
            try:
                module = load_module(cmd)
                validate_module(module)
            except Exception:       # noqa: BLE001 - not a module to run
                continue
            out.append(module)
    return out


def compare(path: Path, ref: Any, settings: list[tuple[bool, bool]]) -> int:
    if path.suffix == ".wast":
        modules = wast_modules(path)
        bad = sum(compare_module(m, f"{path.name}#{k}", ref, settings, quiet=True)
                  for k, m in enumerate(modules))
        print(f"{path.name}: {len(modules)} modules, {sum(len(m.funcs) for m in modules)}"
              f" functions x {len(settings)} settings compared, {bad} differ")
        return bad
    module, _info = load(path)
    return compare_module(module, path.name, ref, settings)


def compare_module(module: Any, name: str, ref: Any, settings: list[tuple[bool, bool]],
                   quiet: bool = False) -> int:
    from wasmlite.compile.vmcontext import VMContextLayout
    from wasmlite.interp.bytecode import Predecoder
    from wasmlite.interp.library import interpreter
    from wasmlite.syntax.types import ExternKind
    it = interpreter()
    layout = VMContextLayout(module)
    nimported = module.num_imported(ExternKind.FUNC)
    bad = 0
    for fuel, epoch in settings:
        # stand-ins for the module's InterpFunc records and out stubs: the
        # same callables for both versions
        def desc(index: int) -> int:
            return 0x10000 + 64 * index

        def out_stub(ft: Any) -> int:
            return 0x20000 + len(ft.params) * 97 + len(ft.results)

        pre = Predecoder(module, it, layout, desc, out_stub, fuel, epoch)
        old = ref.Predecoder(module, it, layout, desc, out_stub, fuel, epoch)
        for i, func in enumerate(module.funcs):
            try:
                b = old.function(nimported + i, func)
            except Exception as e:          # noqa: BLE001 - the new one must fail alike
                try:
                    pre.function(nimported + i, func)
                except Exception as e2:     # noqa: BLE001
                    if type(e2) is type(e) and str(e2) == str(e):
                        continue
                bad += 1
                print(f"  {name} function {i} (fuel={fuel} epoch={epoch}): reference raised {e!r}")
                continue
            a = pre.function(nimported + i, func)
            got = (list(a.words), list(a.targets), a.max_height, a.osr_loops, list(a.sites))
            want = (list(b.words), list(b.targets), b.max_height, b.osr_loops, list(b.sites))
            if got != want:
                bad += 1
                if bad <= 5:
                    names = ("words", "targets", "max_height", "osr_loops", "sites")
                    what = [n for n, x, y in zip(names, got, want) if x != y]
                    print(f"  {name} function {i} (fuel={fuel} epoch={epoch}) differs in {what}")
        if not quiet:
            print(f"{name}: fuel={fuel} epoch={epoch}: {len(module.funcs)} functions compared,"
                  f" {bad} differ so far")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--fuel", action="store_true")
    ap.add_argument("--epoch", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--compare", type=Path, default=None)
    ap.add_argument("--all-settings", action="store_true")
    ap.add_argument("--against", type=Path, default=None)
    ap.add_argument("--run", default=None, metavar="ARGS",
                    help="time the functions a run of _start with these arguments pre-decodes")
    args = ap.parse_args()
    files = args.files or [p for p in DEFAULT if p.exists()]
    if args.compare is not None:
        ref = load_reference(args.compare)
        settings = ([(f, e) for f in (False, True) for e in (False, True)]
                    if args.all_settings else [(args.fuel, args.epoch)])
        return 1 if sum(compare(p, ref, settings) for p in files) else 0
    run = shlex.split(args.run) if args.run is not None else None
    if args.against is not None:
        ref = load_reference(args.against)
        for p in files:
            against(p, ref, args.fuel, args.epoch, args.repeat, run)
        return 0
    for p in files:
        timing(p, args.fuel, args.epoch, args.repeat, args.profile, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
