"""The 15 WASI cases of tests/test_wasi.py's CASES as `run` command lines
for a WASI 0.2 component (tests/components/NAME.wasm), and how one run's
outcome is written down. Shared by record.py (which runs them under the
real `wasmtime run`) and tests/test_component_cli.py (which runs them under
`wasmlite run` and compares), so both run exactly the same thing.

Every run has its current directory in tests/components and names the
program by its bare file name (``exit_code.wasm``): argv[0] and the
``failed to run main module `exit_code.wasm``` line of a trap then read the
same on any machine. The case's preopened directory is a fresh temporary
``work`` directory (set up as the case says) given as ``--dir WORK::.``.
"""
from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

TESTS = Path(__file__).resolve().parents[2]
COMPONENTS = TESTS / "components"
RECORD = Path(__file__).resolve().parent / "wasmtime_run.json"

sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS / "wasi"))
from test_wasi import CASES  # noqa: E402
import runner  # noqa: E402

# Host variables that change what Wasmtime's CLI prints: RUST_BACKTRACE=1
# adds the host's (Rust) stack to an error, the WASMTIME_* ones add detail
# or logging. Neither runtime sees them in a run: they are not the case's.
NOISY_ENV = ("RUST_BACKTRACE", "RUST_LIB_BACKTRACE", "WASMTIME_BACKTRACE_DETAILS",
             "WASMTIME_LOG", "RUST_LOG")

# outputs longer than this are written down by size and digest (plus their
# first and last bytes, to read a difference by): big_output's 2.6 MB
INLINE_LIMIT = 64 * 1024
EDGE = 200


def perms_note(name: str) -> Optional[str]:
    """Why this case's command line is not quite its API form, or None.
    ``wasmtime run --dir`` has no permissions: every preopen is read-write
    (DirPerms/FilePerms exist only in the embedding API)."""
    preopen = CASES[name][5]
    if preopen:
        return (f"the API case preopens with perms {list(preopen)!r}; `wasmtime run --dir`"
                " cannot express preopen permissions, so the CLI run is read-write")
    return None


def command(name: str, work: Path) -> list[str]:
    """The arguments after ``run`` for case ``name``."""
    wasm, args, env, _stdin, _setup, _preopen, _ = CASES[name]
    line = ["--dir", f"{work}::."]
    for key, value in env:
        line += ["--env", f"{key}={value}"]
    return line + [wasm, *args]


def prepare(name: str, top: Path) -> Path:
    """A fresh ``top/work`` set up for case ``name`` (``top`` may hold what
    the case puts beside it, e.g. sandbox's outside.txt)."""
    setup = CASES[name][4]
    work = top / "work"
    work.mkdir(parents=True)
    if setup:
        setup(top, work)
    return work


def stdin_of(name: str) -> Optional[bytes]:
    """The case's stdin; None means the API case configures none (wasmtime-py's
    default: an empty, closed stdin), run as stdin from /dev/null."""
    return CASES[name][3]


def clean_env() -> dict:
    env = dict(os.environ)
    for key in NOISY_ENV:
        env.pop(key, None)
    return env


def run(argv0: list[str], name: str, top: Path, env: Optional[dict] = None,
        timeout: float = 300) -> dict:
    """Run case ``name`` with the runtime command ``argv0`` (e.g.
    ``[wasmtime, "run"]``) in a fresh ``top``; what happened, as written
    down by ``outcome``."""
    work = prepare(name, top)
    stdin = stdin_of(name)
    proc = subprocess.run([*argv0, *command(name, work)], cwd=COMPONENTS,
                          input=stdin, stdin=subprocess.DEVNULL if stdin is None else None,
                          capture_output=True, env=env if env is not None else clean_env(),
                          timeout=timeout)
    return outcome(proc.stdout, proc.stderr, proc.returncode, top, work)


def normalise(data: bytes, top: Path, work: Path) -> bytes:
    """The one thing that differs from run to run in what a program prints:
    the temporary directories' paths (none of the 15 cases prints them
    today; an error naming its --dir would)."""
    return data.replace(str(work).encode(), b"{work}").replace(str(top).encode(), b"{top}")


def encode(data: bytes) -> Any:
    """Bytes for JSON: text when it is UTF-8 and short, else base64; past
    INLINE_LIMIT only size, sha256 and the ends."""
    if len(data) > INLINE_LIMIT:
        return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                "head": data[:EDGE].decode("utf-8", "replace"),
                "tail": data[-EDGE:].decode("utf-8", "replace")}
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode("ascii")}


def _files(root: Path) -> dict:
    return {rel: (value if isinstance(value, str) and (value == "<dir>" or value.startswith("-> "))
                  else encode(value))
            for rel, value in sorted(runner.snapshot(root).items())}


def outcome(stdout: bytes, stderr: bytes, status: int, top: Path, work: Path) -> dict:
    """stdout, stderr, exit status, the files left in the preopened
    directory (path -> contents, "<dir>", or "-> target" for a symlink) and
    those left beside it in ``top`` (where an escape would write)."""
    beside = {rel: v for rel, v in _files(top).items()
              if rel != "work" and not rel.startswith("work/")}
    return {"stdout": encode(normalise(stdout, top, work)),
            "stderr": encode(normalise(stderr, top, work)),
            "status": status, "files": _files(work), "beside": beside}


def wasmtime_cli(argv: list[str]) -> Optional[tuple[str, str]]:
    """The recorders' oracle: (path, ``--version`` line) of the wasmtime CLI
    named by argv[1], $WASMTIME or PATH; None (and a message) without one."""
    import shutil
    wasmtime = argv[1] if len(argv) > 1 else os.environ.get("WASMTIME") or shutil.which("wasmtime")
    if not wasmtime:
        print("no wasmtime CLI: pass its path or set WASMTIME", file=sys.stderr)
        return None
    version = subprocess.run([wasmtime, "--version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    return wasmtime, version
