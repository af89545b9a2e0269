"""A real Python program built into a `wasi:cli/command` component by
componentize-py (see build.sh): it reads its argv and environment, counts the
words of stdin, reads a JSON config from a preopened directory, writes a JSON
report there (through a temporary file and a rename), lists the directory,
reaches for a file outside the sandbox, and exits with the status the config
asks for. Everything it prints is deterministic, so the outcome under
wasmlite can be compared with the one recorded under Wasmtime."""
import collections
import hashlib
import json
import os
import sys
import time

from wit_world import exports
from componentize_py_types import Err


def count_words(text: str) -> collections.Counter:
    words = (w.strip(".,;:!?\"'()").lower() for w in text.split())
    return collections.Counter(w for w in words if w)


def run_program() -> int:
    args = sys.argv[1:]
    data_dir = args[0] if args else "/data"
    print(f"argv: {sys.argv!r}")
    print(f"hello, {os.environ.get('WS_NAME', 'nobody')}; "
          f"{sum(1 for k in os.environ if k.startswith('WS_'))} WS_ variables")

    text = sys.stdin.read()
    counts = count_words(text)
    print(f"stdin: {len(text.splitlines())} lines, {sum(counts.values())} words, "
          f"{len(text)} chars, {len(text.encode())} bytes")

    with open(os.path.join(data_dir, "config.json"), encoding="utf-8") as f:
        config = json.load(f)
    top = counts.most_common()
    top.sort(key=lambda kv: (-kv[1], kv[0]))
    top = top[: config["top"]]
    for word, n in top:
        print(f"  {n:3d} {word}")

    report = {
        "title": config["title"],
        "args": args[1:],
        "lines": len(text.splitlines()),
        "words": sum(counts.values()),
        "distinct": len(counts),
        "top": top,
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "mean_word_length": round(sum(len(w) * n for w, n in counts.items())
                                  / max(1, sum(counts.values())), 3),
    }
    out_dir = os.path.join(data_dir, "out")
    os.makedirs(out_dir, exist_ok=True)
    partial = os.path.join(out_dir, "report.json.tmp")
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2, sort_keys=True)
        f.write("\n")
    os.rename(partial, os.path.join(out_dir, "report.json"))
    size = os.stat(os.path.join(out_dir, "report.json")).st_size
    print(f"wrote out/report.json ({size} bytes)")
    print(f"listing: {sorted(os.listdir(data_dir))}")

    try:
        open("/etc/passwd").close()
        print("sandbox: /etc/passwd is readable", file=sys.stderr)
    except OSError as e:
        print(f"sandbox: cannot open /etc/passwd ({type(e).__name__})", file=sys.stderr)

    start = time.monotonic()
    print(f"clock: {time.time() > 1.6e9 and time.monotonic() >= start}, "
          f"random: {len(set(os.urandom(16))) > 1}")
    print(f"done: {config['title']}", file=sys.stderr)
    return int(config.get("status", 0))


class Run(exports.Run):
    def run(self) -> None:
        status = run_program()
        sys.stdout.flush()
        sys.stderr.flush()
        how = os.environ.get("WS_EXIT_VIA", "err")
        if status and how == "sys.exit":
            sys.exit(status)
        if status and how == "os._exit":
            os._exit(status)
        if status:
            raise Err(None)
