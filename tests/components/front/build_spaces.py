"""Write spaces.json: how many indices each index space of each WASI test
component has, read off ``wasm-tools print`` (its ``(;N;)`` index
comments on the top-level definitions). Run by build.sh."""
import json
import pathlib
import re
import subprocess

SORT_RE = re.compile(r"^  \((core func|core instance|core module|core memory|core table|"
                     r"core global|core type|func|instance|type|component|alias)\b(.*)")
INDEX_RE = re.compile(r"\(;(\d+);\)")
ALIAS_SORT_RE = re.compile(r"\((core func|core memory|core table|core global|core type|"
                           r"core module|core instance|func|instance|type|component) "
                           r"[^()]*(?:\(@name [^()]*\) )?\(;(\d+);\)\)+$")
EXPORT_RE = re.compile(r'^  \(export [^(]*\(;(\d+);\) "[^"]*" \((\w+) ')
here = pathlib.Path(__file__).parent
out = {}
for path in sorted(here.parent.glob("*.wasm")):
    text = subprocess.run(["wasm-tools", "print", str(path)], check=True,
                          capture_output=True, text=True).stdout
    counts: dict = {}
    for line in text.splitlines():
        m = EXPORT_RE.match(line)
        if m:
            sort, idx = m.group(2), int(m.group(1))
        else:
            m = SORT_RE.match(line)
            if not m:
                continue
            sort = m.group(1)
            if sort == "alias":
                a = ALIAS_SORT_RE.search(line)
                sort, idx = a.group(1), int(a.group(2))
            else:
                idx = int(INDEX_RE.search(line).group(1))
        counts[sort] = max(counts.get(sort, 0), idx + 1)
    out[path.name] = counts
(here / "spaces.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
print(f"wrote {here / 'spaces.json'}")
