"""Record what the real `wasmtime run --invoke` does with each call of
invoke_cases.py into wasmtime_invoke.json beside this file;
tests/test_component_invoke.py replays them under wasmlite. Run it again
after changing the calls or the Wasmtime release:

    python tests/components/cli/record_invoke.py [WASMTIME]

WASMTIME: as for record.py. Each run has its current directory where the
component is and names it by its bare file name (so its messages read the
same anywhere); RUST_BACKTRACE and kin are unset (cli_cases.NOISY_ENV).
Nothing is normalised.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cli_cases  # noqa: E402
import invoke_cases  # noqa: E402

RECORD = HERE / "wasmtime_invoke.json"


def main(argv: list[str]) -> int:
    found = cli_cases.wasmtime_cli(argv)
    if found is None:
        return 2
    wasmtime, version = found
    cases = []
    for component, call, args in invoke_cases.CASES:
        where = cli_cases.COMPONENTS / component
        p = subprocess.run([wasmtime, "run", *invoke_cases.flags(component), "--invoke", call,
                            where.name, *args], cwd=where.parent, capture_output=True,
                           stdin=subprocess.DEVNULL, env=cli_cases.clean_env(), timeout=60)
        cases.append({"component": component, "call": call, "args": args,
                      "stdout": p.stdout.decode("utf-8"), "stderr": p.stderr.decode("utf-8"),
                      "status": p.returncode})
    RECORD.write_text(json.dumps({"wasmtime": version, "made_by": "tests/components/cli/"
                                  "record_invoke.py", "cases": cases},
                                 indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {RECORD} ({len(cases)} calls)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
