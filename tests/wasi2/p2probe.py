"""The WASI 0.2 probe (probe.wit) answered two ways: by Wasmtime, running
probe.wasm through wasmtime-py's component API (``WasmtimeProbe``), and
by wasmlite's host functions called directly (``HostProbe``, the same
calls as probe.wat makes, the answers encoded the same way). Both take
``config_fn(cfg)`` filling in their runtime's WasiConfig, and have
``call(export, *args) -> int``; ``decode`` reads an answer."""
from __future__ import annotations

from pathlib import Path

from wasmlite.runtime.component_values import Record, Variant
from wasmlite.wasi import WasiConfig
from wasmlite.wasi2 import Wasi2Context, wasip2_interfaces
from wasmlite.wasi2.error_codes import FS_ERROR_CODES, SOCKET_ERROR_CODES

PROBE = Path(__file__).resolve().parent / "probe.wasm"
DESCRIPTOR_TYPES = ("unknown", "block-device", "character-device", "directory", "fifo",
                    "symbolic-link", "regular-file", "socket")
PATH_FLAGS = ("symlink-follow",)
OPEN_FLAGS = ("create", "directory", "exclusive", "truncate")
DESCRIPTOR_FLAGS = ("read", "write", "file-integrity-sync", "data-integrity-sync",
                    "requested-write-sync", "mutate-directory")
ERR = 1 << 32


def decode(value: int, codes=FS_ERROR_CODES) -> tuple:
    """("ok", payload) or ("err", error-code name / "closed" / "no-code")."""
    if value < ERR:
        return ("ok", value)
    low = value - ERR
    return ("err", "closed" if low == 0x100 else "no-code" if low == 0x1FF else codes[low])


class WasmtimeProbe:
    def __init__(self, config_fn) -> None:
        import wasmtime
        from wasmtime.component import Component, Linker
        engine = wasmtime.Engine()
        self.store = wasmtime.Store(engine)
        cfg = wasmtime.WasiConfig()
        config_fn(cfg)
        self.store.set_wasi(cfg)
        linker = Linker(engine)
        linker.add_wasip2()
        self.instance = linker.instantiate(self.store, Component.from_file(engine, str(PROBE)))
        self.funcs: dict = {}

    def call(self, name: str, *args) -> int:
        f = self.funcs.get(name)
        if f is None:
            f = self.funcs[name] = self.instance.get_func(self.store, name)
        return f(self.store, *args)


def _bits(value: int, names: tuple) -> set:
    return {n for i, n in enumerate(names) if value >> i & 1}


class HostProbe:
    """probe.wat's calls, made on wasmlite's host functions."""

    def __init__(self, config_fn) -> None:
        cfg = WasiConfig()
        config_fn(cfg)
        self.ctx = Wasi2Context.from_config(cfg)
        ifs = wasip2_interfaces(self.ctx)
        self.fs = ifs["wasi:filesystem/types"].funcs
        self.io = ifs["wasi:io/streams"].funcs
        self.pre = ifs["wasi:filesystem/preopens"].funcs
        self.cli = {**ifs["wasi:cli/stdin"].funcs, **ifs["wasi:cli/stdout"].funcs,
                    **ifs["wasi:cli/stderr"].funcs}
        self.net_funcs = {**ifs["wasi:sockets/instance-network"].funcs,
                          **ifs["wasi:sockets/tcp-create-socket"].funcs,
                          **ifs["wasi:sockets/tcp"].funcs,
                          **ifs["wasi:sockets/udp-create-socket"].funcs,
                          **ifs["wasi:sockets/udp"].funcs,
                          **ifs["wasi:sockets/ip-name-lookup"].funcs}
        self.handles: dict[int, object] = {}
        self.net = self.tcp = self.udp = None

    def close(self) -> None:
        for rep in self.handles.values():
            rep.drop()
        self.ctx.close()

    def _handle(self, rep) -> int:
        n = len(self.handles) + 1
        self.handles[n] = rep
        return n

    @staticmethod
    def _err(code: str, codes=FS_ERROR_CODES) -> int:
        return ERR | codes.index(code)

    def _r(self, result: Variant, ok=lambda v: 0, codes=FS_ERROR_CODES) -> int:
        assert result.tag in ("ok", "err"), result
        return ok(result.payload) if result.tag == "ok" else self._err(result.payload, codes)

    def _stream_err(self, e: Variant) -> int:
        if e.tag == "closed":
            return ERR | 0x100
        code = self.fs["filesystem-error-code"](e.payload)
        e.payload.drop()
        return ERR | 0x1FF if code is None else self._err(code)

    def call(self, name: str, *args) -> int:
        return getattr(self, name.replace("-", "_"))(*args)

    def preopen(self) -> int:
        (d, _), *_ = self.pre["get-directories"]()
        return self._handle(d)

    def open_at(self, fd, pf, path, of, df):
        r = self.fs["[method]descriptor.open-at"](self.handles[fd], _bits(pf, PATH_FLAGS), path,
                                                  _bits(of, OPEN_FLAGS), _bits(df, DESCRIPTOR_FLAGS))
        return self._r(r, self._handle)

    def stat_at(self, fd, pf, path):
        r = self.fs["[method]descriptor.stat-at"](self.handles[fd], _bits(pf, PATH_FLAGS), path)
        return self._r(r, lambda st: DESCRIPTOR_TYPES.index(st.type))

    def readlink_at(self, fd, path):
        return self._r(self.fs["[method]descriptor.readlink-at"](self.handles[fd], path),
                       lambda t: len(t.encode()))

    def _path_op(self, op, fd, path):
        return self._r(self.fs[f"[method]descriptor.{op}"](self.handles[fd], path))

    def create_directory_at(self, fd, path):
        return self._path_op("create-directory-at", fd, path)

    def remove_directory_at(self, fd, path):
        return self._path_op("remove-directory-at", fd, path)

    def unlink_file_at(self, fd, path):
        return self._path_op("unlink-file-at", fd, path)

    def symlink_at(self, fd, old, new):
        return self._r(self.fs["[method]descriptor.symlink-at"](self.handles[fd], old, new))

    def rename_at(self, fd, old, fd2, new):
        return self._r(self.fs["[method]descriptor.rename-at"](self.handles[fd], old,
                                                               self.handles[fd2], new))

    def link_at(self, fd, pf, old, fd2, new):
        return self._r(self.fs["[method]descriptor.link-at"](
            self.handles[fd], _bits(pf, PATH_FLAGS), old, self.handles[fd2], new))

    def get_flags(self, fd):
        return self._r(self.fs["[method]descriptor.get-flags"](self.handles[fd]),
                       lambda f: sum(1 << DESCRIPTOR_FLAGS.index(n) for n in f))

    def get_type(self, fd):
        return self._r(self.fs["[method]descriptor.get-type"](self.handles[fd]),
                       DESCRIPTOR_TYPES.index)

    def read(self, fd, length, offset):
        return self._r(self.fs["[method]descriptor.read"](self.handles[fd], length, offset),
                       lambda r: 2 * len(r[0]) + r[1])

    def write(self, fd, data, offset):
        return self._r(self.fs["[method]descriptor.write"](self.handles[fd], data, offset),
                       lambda n: n)

    def read_via_stream(self, fd, offset):
        return self._r(self.fs["[method]descriptor.read-via-stream"](self.handles[fd], offset),
                       self._handle)

    def write_via_stream(self, fd, offset):
        return self._r(self.fs["[method]descriptor.write-via-stream"](self.handles[fd], offset),
                       self._handle)

    def append_via_stream(self, fd):
        return self._r(self.fs["[method]descriptor.append-via-stream"](self.handles[fd]),
                       self._handle)

    def set_size(self, fd, size):
        return self._r(self.fs["[method]descriptor.set-size"](self.handles[fd], size))

    def read_directory(self, fd):
        r = self.fs["[method]descriptor.read-directory"](self.handles[fd])
        if r.tag == "err":
            return self._err(r.payload)
        stream, count = r.payload, 0
        try:
            while True:
                e = self.fs["[method]directory-entry-stream.read-directory-entry"](stream)
                if e.tag == "err":
                    return self._err(e.payload)
                if e.payload is None:
                    return count
                assert isinstance(e.payload, Record)
                count += 1
        finally:
            stream.drop()

    def stream_read(self, s, length):
        r = self.io["[method]input-stream.blocking-read"](self.handles[s], length)
        return len(r.payload) if r.tag == "ok" else self._stream_err(r.payload)

    def stream_check_write(self, s):
        r = self.io["[method]output-stream.check-write"](self.handles[s])
        return r.payload if r.tag == "ok" else self._stream_err(r.payload)

    def stream_write(self, s, data):
        r = self.io["[method]output-stream.blocking-write-and-flush"](self.handles[s], data)
        return 0 if r.tag == "ok" else self._stream_err(r.payload)

    _V4 = Variant("ipv4", Record(port=8080, address=(127, 0, 0, 1)))
    _V4_ANY_PORT = Variant("ipv4", Record(port=0, address=(127, 0, 0, 1)))
    _V6 = Variant("ipv6", Record(port=8080, flow_info=0, address=(0, 0, 0, 0, 0, 0, 0, 1),
                                 scope_id=0))

    def sockets(self, op):
        f = self.net_funcs
        # as probe.wat: the network, and the sockets where they can be made
        if self.net is None:
            self.net = f["instance-network"]()
        if self.tcp is None and op != 1:
            self._created(f["create-tcp-socket"]("ipv4"), "tcp")
        if self.udp is None and op != 18:
            self._created(f["create-udp-socket"]("ipv4"), "udp")
        t, u = self.tcp, self.udp
        sock = lambda r: self._r(r, lambda v: 0, SOCKET_ERROR_CODES)   # noqa: E731
        calls = {
            1: lambda: self._created(f["create-tcp-socket"]("ipv4"), "tcp"),
            2: lambda: sock(f["[method]tcp-socket.start-bind"](t, self.net, self._V4)),
            3: lambda: sock(f["[method]tcp-socket.finish-bind"](t)),
            4: lambda: sock(f["[method]tcp-socket.start-connect"](t, self.net, self._V4)),
            5: lambda: sock(f["[method]tcp-socket.finish-connect"](t)),
            6: lambda: sock(f["[method]tcp-socket.start-listen"](t)),
            7: lambda: sock(f["[method]tcp-socket.finish-listen"](t)),
            8: lambda: sock(f["[method]tcp-socket.accept"](t)),
            9: lambda: sock(f["[method]tcp-socket.local-address"](t)),
            10: lambda: sock(f["[method]tcp-socket.shutdown"](t, "both")),
            11: lambda: sock(f["[method]tcp-socket.set-keep-alive-count"](t, 0)),
            12: lambda: sock(f["[method]tcp-socket.set-hop-limit"](t, 0)),
            13: lambda: sock(f["[method]tcp-socket.set-listen-backlog-size"](t, 0)),
            14: lambda: sock(f["[method]tcp-socket.set-receive-buffer-size"](t, 0)),
            15: lambda: int(f["[method]tcp-socket.is-listening"](t)),
            16: lambda: self._r(f["[method]tcp-socket.keep-alive-enabled"](t), int,
                                SOCKET_ERROR_CODES),
            17: lambda: sock(f["[method]tcp-socket.set-keep-alive-idle-time"](t, 0)),
            18: lambda: self._created(f["create-udp-socket"]("ipv4"), "udp"),
            19: lambda: sock(f["[method]udp-socket.start-bind"](u, self.net, self._V4_ANY_PORT)),
            20: lambda: sock(f["[method]udp-socket.stream"](u, None)),
            21: lambda: sock(f["[method]udp-socket.local-address"](u)),
            22: lambda: sock(f["[method]udp-socket.set-unicast-hop-limit"](u, 0)),
            23: lambda: sock(f["resolve-addresses"](self.net, "localhost")),
            24: lambda: sock(f["[method]tcp-socket.start-bind"](t, self.net, self._V6)),
            25: lambda: sock(f["create-tcp-socket"]("ipv6")),
        }
        if op == 0:
            f["instance-network"]()
            return 0
        return calls[op]()

    def _created(self, result: Variant, which: str) -> int:
        if result.tag == "ok":
            setattr(self, which, result.payload)
        return self._r(result, lambda rep: 0, SOCKET_ERROR_CODES)


def _timestamp(kind: int, seconds: int) -> Variant:
    if kind == 0:
        return Variant("no-change")
    if kind == 1:
        return Variant("now")
    return Variant("timestamp", Record(seconds=seconds, nanoseconds=0))


ADVICE = ("normal", "sequential", "random", "will-need", "dont-need", "no-reuse")


class _More:
    """HostProbe's answers to the descriptor and stdio exports below."""

    def stat(self, fd):
        return self._r(self.fs["[method]descriptor.stat"](self.handles[fd]),
                       lambda st: st.size * 8 + DESCRIPTOR_TYPES.index(st.type))

    def mtime_at(self, fd, pf, path):
        return self._r(self.fs["[method]descriptor.stat-at"](self.handles[fd],
                                                             _bits(pf, PATH_FLAGS), path),
                       lambda st: st.data_modification_timestamp.seconds)

    def set_times_at(self, fd, pf, path, ak, a, mk, m):
        return self._r(self.fs["[method]descriptor.set-times-at"](
            self.handles[fd], _bits(pf, PATH_FLAGS), path, _timestamp(ak, a), _timestamp(mk, m)))

    def sync(self, fd):
        return self._r(self.fs["[method]descriptor.sync"](self.handles[fd]))

    def sync_data(self, fd):
        return self._r(self.fs["[method]descriptor.sync-data"](self.handles[fd]))

    def advise(self, fd, offset, length, advice):
        return self._r(self.fs["[method]descriptor.advise"](self.handles[fd], offset, length,
                                                            ADVICE[advice]))

    def same(self, a, b):
        return int(self.fs["[method]descriptor.is-same-object"](self.handles[a], self.handles[b]))

    def stdin_read(self, length):
        s = self.cli["get-stdin"]()
        r = self.io["[method]input-stream.blocking-read"](s, length)
        return len(r.payload) if r.tag == "ok" else self._stream_err(r.payload)

    def _stdio(self, which):
        return self.cli["get-stdout" if which == 1 else "get-stderr"]()

    def stdio_check_write(self, which):
        r = self.io["[method]output-stream.check-write"](self._stdio(which))
        return r.payload if r.tag == "ok" else self._stream_err(r.payload)

    def stdio_write(self, which, data):
        r = self.io["[method]output-stream.blocking-write-and-flush"](self._stdio(which), data)
        return 0 if r.tag == "ok" else self._stream_err(r.payload)


for _name, _fn in vars(_More).items():
    if not _name.startswith("__"):
        setattr(HostProbe, _name, _fn)
