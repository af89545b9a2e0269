"""A wasm module that re-exports every WASI function, so tests can make raw
WASI calls (any bytes, any pointers) under wasmlite and wasmtime-py alike.

``Probe(rt, config_fn)``: ``rt`` is the ``wasmlite`` or ``wasmtime`` module,
``config_fn(cfg)`` fills in the WasiConfig. ``p.call(name, *args)`` returns
the errno; ``p.put(bytes)`` copies bytes into a scratch area and returns
their address; ``p.u32(addr)`` / ``p.u64`` / ``p.get(addr, n)`` read back.
"""
from __future__ import annotations

import struct

from wasmlite.wasi import MODULE, SIGNATURES

_T = {"i": "i32", "I": "i64"}


def probe_wat() -> str:
    lines = ["(module"]
    for name, params in SIGNATURES.items():
        ps = " ".join(_T[p] for p in params)
        res = "" if name == "proc_exit" else "(result i32)"
        lines.append(f'  (import "{MODULE}" "{name}" (func ${name} (param {ps}) {res}))')
    for name, params in SIGNATURES.items():
        ps = " ".join(_T[p] for p in params)
        res = "" if name == "proc_exit" else "(result i32)"
        gets = " ".join(f"(local.get {i})" for i in range(len(params)))
        lines.append(f'  (func (export "{name}") (param {ps}) {res} (call ${name} {gets}))')
    lines.append('  (memory (export "memory") 2))')
    return "\n".join(lines)


SCRATCH = 4096        # strings and structs go here; results at OUT
OUT = 1024


class Probe:
    def __init__(self, rt, config_fn) -> None:
        self.rt = rt
        engine = rt.Engine()
        self.store = rt.Store(engine)
        linker = rt.Linker(engine)
        linker.define_wasi()
        cfg = rt.WasiConfig()
        config_fn(cfg)
        self.store.set_wasi(cfg)
        module = rt.Module(engine, probe_wat())
        self.inst = linker.instantiate(self.store, module)
        self.exports = self.inst.exports(self.store)
        self.mem = self.exports["memory"]
        self.next = SCRATCH

    def call(self, name, *args):
        return self.exports[name](self.store, *args)

    def put(self, data: bytes | str) -> int:
        if isinstance(data, str):
            data = data.encode()
        addr = self.next
        self.mem.write(self.store, data, addr)
        self.next += (len(data) + 15) & ~7
        return addr

    def path(self, text: str) -> tuple[int, int]:
        b = text.encode()
        return self.put(b), len(b)

    def get(self, addr: int, n: int) -> bytes:
        return bytes(self.mem.read(self.store, addr, addr + n))

    def u32(self, addr: int = OUT) -> int:
        return struct.unpack("<I", self.get(addr, 4))[0]

    def u64(self, addr: int = OUT) -> int:
        return struct.unpack("<Q", self.get(addr, 8))[0]

    def open(self, dirfd: int, path: str, oflags=0, rights=(1 << 30) - 1, fdflags=0,
             follow=1) -> tuple[int, int]:
        """path_open: (errno, new fd or -1)."""
        p, n = self.path(path)
        err = self.call("path_open", dirfd, follow, p, n, oflags, rights, rights, fdflags, OUT)
        return err, (self.u32() if err == 0 else -1)
