"""Write types.json: the import and export types wasmtime-py reports for
the WASI test components (tests/components/*.wasm) and the valid/ cases, the oracle the
validator's type resolution is compared with. Run by build.sh."""
import json
import pathlib
import sys

import wasmtime
import wasmtime.component

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from type_dump import dump  # noqa: E402

here = pathlib.Path(__file__).parent
engine = wasmtime.Engine()
out = {}
for path in sorted(here.parent.glob("*.wasm")) + sorted(here.glob("valid/*.wasm")):
    ty = wasmtime.component.Component(engine, path.read_bytes()).type
    key = path.name if path.parent == here.parent else f"valid/{path.name}"
    out[key] = dump(ty.imports(engine), ty.exports(engine), engine)
(here / "types.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
print(f"wrote {here / 'types.json'} ({len(out)} components)")
