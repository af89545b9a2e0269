"""Record what the real ``wasmtime wast`` says of each script here (and of
tests/components/text/components.wast) in oracle.json, for
tests/test_component_wast_run.py, which must not run the CLI itself.

    python tests/components/wast/oracle.py [PATH-TO-WASMTIME]

(default: the CLI of the installed wasmtime-cli package, or `wasmtime` on
PATH). Per script: whether it passes, and for one that fails the line of
the failing check (wasmtime stops there) and its chain of causes.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = sorted(HERE.glob("*.wast")) + [HERE.parent / "text" / "components.wast"]


def default_cli() -> str:
    try:
        import wasmtime_cli                       # the pip package's binary
        found = Path(wasmtime_cli.__file__).parent / "wasmtime"
        if found.exists():
            return str(found)
    except ImportError:
        pass
    return shutil.which("wasmtime") or "wasmtime"


def outcome(cli: str, script: Path) -> dict:
    """Run one script (from its directory: wasmtime names it as given)."""
    proc = subprocess.run([cli, "wast", script.name], cwd=script.parent,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode == 0:
        return {"passes": True}
    text = proc.stderr.split("\nStack backtrace:")[0]
    line = re.search(r"failed directive on [^:\n]+:(\d+)", text)
    causes = [re.sub(r"^\s*\d+: ", "", c).strip()
              for c in re.split(r"\n\s*(?=\d+: )", text.split("Caused by:", 1)[-1])]
    return {"passes": False, "line": int(line.group(1)) if line else None,
            "causes": [c for c in causes if c]}


def main(argv: list[str]) -> int:
    cli = argv[1] if len(argv) > 1 else default_cli()
    version = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.strip()
    results = {}
    for script in SCRIPTS:
        key = script.relative_to(HERE.parent).as_posix()
        results[key] = outcome(cli, script)
        print(key, "passes" if results[key]["passes"] else f"fails at {results[key]['line']}")
    data = {"wasmtime": version, "command": "wasmtime wast SCRIPT", "scripts": results}
    (HERE / "oracle.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
