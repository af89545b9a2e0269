"""Per-file tallies of the GC spec scripts, split by kind of check:
assert_malformed / assert_invalid (the front end's) and the rest (the
runtime's). Usage: PYTHONPATH=. python tests/gc/tally.py [FILE.wast...]
(default: the GC files of ../shared/spec/wasm-3.0)."""
from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

from wasmlite.script.execute import Executor
from wasmlite.script.run import run_file
from wasmlite.text import script as S

SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec" / "wasm-3.0"
GC_FILES = ["array.wast", "array_copy.wast", "array_fill.wast", "array_init_data.wast",
            "array_init_elem.wast", "array_new_data.wast", "array_new_elem.wast",
            "struct.wast", "i31.wast", "ref_test.wast", "ref_cast.wast", "ref_eq.wast",
            "br_on_cast.wast", "br_on_cast_fail.wast", "extern.wast", "binary-gc.wast",
            "type-canon.wast", "type-equivalence.wast", "type-rec.wast",
            "type-subtyping.wast", "tag.wast", "ref_null.wast", "table_init.wast",
            "table_init64.wast"]


def tally(path: Path) -> str:
    text = path.read_text()
    cmds = S.parse_script(text)
    front = {c.line for c in cmds if isinstance(c, (S.AssertMalformed, S.AssertInvalid))}
    out = run_file(str(path), functools.partial(Executor, strategy="interpreter"))
    failed_lines = set()
    for f in out.failures:
        m = re.match(r"[^:]*:(\d+):", f)
        if m:
            failed_lines.add(int(m.group(1)))
    ff = len(front & failed_lines)
    rest_total = out.passed + out.failed - len(front)
    rf = out.failed - ff
    return (f"{path.name}: malformed/invalid {len(front) - ff}/{len(front)}, "
            f"other {rest_total - rf}/{rest_total}")


if __name__ == "__main__":
    files = [Path(a) for a in sys.argv[1:]] or [SPEC / f for f in GC_FILES]
    for p in files:
        print(tally(p), flush=True)
