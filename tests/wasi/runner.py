"""Run a WASI program under wasmlite or wasmtime-py (same code, ``rt`` is
the module) and collect what it did: stdout, stderr, exit status and the
files left in its preopened directory."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

HERE = Path(__file__).resolve().parent


@dataclass
class Outcome:
    stdout: bytes
    stderr: bytes
    status: object              # int exit status, or "trap"
    files: dict = field(default_factory=dict)   # relative path -> bytes / "<dir>" / "-> target"


def snapshot(root: Path) -> dict:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            if p.is_symlink():
                out[rel] = "-> " + os.readlink(p)
            elif p.is_dir():
                out[rel] = "<dir>"
            else:
                out[rel] = p.read_bytes()
    return out


_modules: dict = {}


def run(rt, wasm: str, args=(), env=(), stdin: Optional[bytes] = None,
        workdir: Optional[Path] = None, scratch: Optional[Path] = None,
        guest_dir: str = ".", config: Optional[Callable] = None,
        preopen_args=()) -> Outcome:
    """Run ``tests/wasi/{wasm}`` with argv ``[wasm, *args]``; ``workdir``
    (if given) is preopened as ``guest_dir``; ``scratch`` holds the stdio
    files."""
    engine_key = (rt.__name__, wasm)
    if engine_key not in _modules:
        cfg = rt.Config()
        if rt.__name__ == "wasmlite":
            cfg.cranelift_opt_level = "none"      # the cheap LLVM tier keeps tests fast
        engine = rt.Engine(cfg)
        path = wasm if os.path.isabs(wasm) else str(HERE / wasm)
        _modules[engine_key] = (engine, rt.Module.from_file(engine, path))
    engine, module = _modules[engine_key]
    scratch.mkdir(parents=True, exist_ok=True)
    cfg = rt.WasiConfig()
    cfg.argv = [wasm.rsplit("/", 1)[-1].removesuffix(".wasm")] + list(args)
    cfg.env = [list(kv) for kv in env]
    if stdin is not None:
        (scratch / "stdin").write_bytes(stdin)
        cfg.stdin_file = str(scratch / "stdin")
    cfg.stdout_file = str(scratch / "stdout")
    cfg.stderr_file = str(scratch / "stderr")
    if workdir is not None:
        cfg.preopen_dir(str(workdir), guest_dir, *preopen_args)
    if config is not None:
        config(cfg)
    store = rt.Store(engine)
    store.set_wasi(cfg)
    linker = rt.Linker(engine)
    linker.define_wasi()
    status: object = 0
    try:
        instance = linker.instantiate(store, module)
        instance.exports(store)["_start"](store)
    except rt.ExitTrap as e:
        status = e.code
    except rt.Trap:
        status = "trap"
    except rt.WasmtimeError as e:
        # wasmtime-py reports some traps (e.g. abort's unreachable) this way
        status = "trap" if "wasm trap" in str(e) or "unreachable" in str(e) else "error"
    del store
    return Outcome((scratch / "stdout").read_bytes(), (scratch / "stderr").read_bytes(),
                   status, snapshot(workdir) if workdir is not None else {})
