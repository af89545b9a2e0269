"""The side-by-side harness of the WASI preview-1 probe tests
(test_wasi_flags.py, test_wasi_pointers.py): one probe module compiled once
per runtime and strategy, instantiated over a fresh preopened directory, a
call's outcome as an errno or as an error's class and message chain."""
from __future__ import annotations

import re
import struct
from typing import Any, Optional

DIR = 3                                 # the preopened directory's fd
ALL_RIGHTS = (1 << 30) - 1
PATH = 1024                             # where the probe modules keep "f.txt"


def error_chain(text: str) -> list[str]:
    """An error's message chain, outermost first, without Wasmtime's wasm
    backtrace (which comes first when there is one)."""
    if text.startswith("error while executing at wasm backtrace:"):
        text = text.split("\n\n", 1)[1]
        head, rest = "", text
    else:
        head, _, rest = text.partition("\n\n")
    causes = rest.split("Caused by:\n", 1)[1] if "Caused by:\n" in rest else ""
    chain = [head] if head else []
    chain += [re.sub(r"^\s*(\d+: )?", "", line) for line in causes.splitlines() if line.strip()]
    return chain


class Side:
    """One runtime (and strategy), compiling the probe module ``wat`` once;
    ``argv``/``env`` for the WASI context of each instance."""

    def __init__(self, rt: Any, wat: str, strategy: Optional[str] = None,
                 argv: Optional[list] = None, env: Optional[list] = None) -> None:
        self.rt = rt
        config = rt.Config()
        if strategy:
            config.strategy = strategy
        self.engine = rt.Engine(config)
        self.module = rt.Module(self.engine, wat)
        self.argv, self.env = argv, env

    def instance(self, top) -> tuple:
        """(store, exports) over directory ``top``, with f.txt open as fd 4
        (read and write), 5 (read only) and 6 (write only)."""
        rt = self.rt
        store = rt.Store(self.engine)
        cfg = rt.WasiConfig()
        if self.argv is not None:
            cfg.argv = self.argv
        if self.env is not None:
            cfg.env = self.env
        cfg.preopen_dir(str(top), ".")
        store.set_wasi(cfg)
        linker = rt.Linker(self.engine)
        linker.define_wasi()
        x = linker.instantiate(store, self.module).exports(store)
        for base in (ALL_RIGHTS, 2, 64):
            assert x["path_open"](store, DIR, 0, PATH, 5, 0, base, base, 0, 0) == 0
        return store, x

    def outcome(self, store: Any, x: Any, name: str, args: tuple) -> tuple:
        try:
            return ("errno", x[name](store, *args))
        except Exception as e:  # noqa: BLE001 - compared between runtimes
            return ("error", type(e).__name__, error_chain(str(e)))


def sides(wasmtime: Any, wasmlite: Any, wat: str, **kw: Any) -> dict:
    """wasmtime-py and wasmlite's two strategies."""
    return {"wasmtime": Side(wasmtime, wat, **kw),
            "interpreter": Side(wasmlite, wat, "interpreter", **kw),
            "llvm": Side(wasmlite, wat, "llvm", **kw)}


def subscription(userdata: int, tag: int, ident: int, timeout: int = 0, flags: int = 0) -> bytes:
    """A poll_oneoff subscription: userdata, tag; then the clock id (or fd),
    timeout, precision and clock flags at 16, 24, 32 and 40."""
    b = bytearray(48)
    struct.pack_into("<QB", b, 0, userdata, tag)
    struct.pack_into("<I4xQQH", b, 16, ident, timeout, 0, flags)
    return bytes(b)
