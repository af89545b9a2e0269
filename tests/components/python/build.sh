#!/bin/sh
# Rebuilds components.tar.xz: two componentize-py components (CPython 3.14
# and the app bundled into one component, ~18 MB each), xz-compressed
# together (they share most of their bytes: ~5 MB for both).
#
#   wordstats.wasm  wordstats.py as a `wasi:cli/command@0.2.12` component
#   greeter.wasm    greeter.py exporting the custom world greeter_wit/greeter.wit,
#                   WASI stubbed out (--stub-wasi: it imports nothing)
#
# componentize-py 0.25.1 bundles no WASI WIT: `-w wasi:cli/command@0.2.12`
# needs the WASI packages given with -d, one -d per package (io, clocks,
# filesystem, random and sockets before cli, which includes them). They come
# from jco's npm package, which ships WASI 0.2.12's WIT in lib/wit/builtin/.
#
# Needs: pip, npm. Then run record.py (with the wasmtime CLI and wasmtime-py)
# to re-record wordstats_outcomes.json.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

pip install -q componentize-py==0.25.1
(cd "$work" && npm pack -q @bytecodealliance/jco@1.35.0 >/dev/null && tar xzf bytecodealliance-jco-1.35.0.tgz)
wasi="$work/package/lib/wit/builtin/0.2.12"

cp "$here/wordstats.py" "$here/greeter.py" "$work/"
cd "$work"
export PYTHONDONTWRITEBYTECODE=1
componentize-py -d "$wasi/wasi-io" -d "$wasi/wasi-clocks" -d "$wasi/wasi-filesystem" \
    -d "$wasi/wasi-random" -d "$wasi/wasi-sockets" -d "$wasi/wasi-cli" \
    -w wasi:cli/command@0.2.12 componentize -p "$work" wordstats -o wordstats.wasm
componentize-py -d "$here/greeter_wit" -w greeter componentize --stub-wasi -p "$work" greeter \
    -o greeter.wasm

python3 - "$here/components.tar.xz" wordstats.wasm greeter.wasm <<'PY'
import lzma, sys, tarfile
out, *names = sys.argv[1:]
with tarfile.open(out, "w:xz", preset=9 | lzma.PRESET_EXTREME) as tar:
    for name in names:
        info = tar.gettarinfo(name)
        info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
        with open(name, "rb") as f:
            tar.addfile(info, f)
PY
ls -l "$here/components.tar.xz"
