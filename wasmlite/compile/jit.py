"""LLVM IR text -> optimized object code -> code memory (llvmlite LLJIT).

Each compiled module (or host trampoline) is ONE JIT library exporting ONE
symbol: an array of code pointers. The library's ResourceTracker is kept by
the CompiledModule, so the code is freed when the last reference to it goes
away.

Freeing a library's code does not free its JITDylib: LLVM keeps every dylib
(about 10 KiB each) until its LLJIT is destroyed. So libraries go into an
LLJIT *generation* of at most ``_LIBRARIES_PER_LLJIT``; then a new LLJIT
(0.4 ms to create) takes over. Each tracker holds its LLJIT (a C++
shared_ptr), so an old generation lives exactly as long as its last library,
and loading and dropping modules forever keeps memory flat.

Optimization levels: 2 (default) runs LLVM's O2 pipeline and codegen (3: O3);
1 is the cheap tier: SROA + instcombine + simplifycfg with fast codegen
(FastISel) -- measured ~10x cheaper than 2; 0 only SROA (locals become
registers) with fast codegen.
"""
from __future__ import annotations

import atexit
import ctypes
import itertools
import os
import struct
import sys
import threading
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future

# subprocess, queue and concurrent.futures (~9 ms of imports, logging and
# locale among them) are imported by the worker processes' code that needs
# them: linking cached code (the compile cache, tier-up's kept batches)
# never starts a worker


class _LLVM:
    """llvmlite.binding, imported at its first use: a process that only
    interprets (interp/, whose code is loaded by compile/loader.py) never
    pays the ~35 ms import. The first attribute read swaps the real module
    into this module's globals."""

    def __getattr__(self, name: str):
        import llvmlite.binding as binding
        globals()["llvm"] = binding
        return getattr(binding, name)


llvm = _LLVM()
from ..errors import WasmtimeError

_lock = threading.Lock()
_state: dict = {}
_counter = itertools.count()
_LIBRARIES_PER_LLJIT = 64

# Host CPU features we compile without. AVX-VNNI: LLVM's x86 backend fuses
# pmaddwd + paddd (i32x4.dot_i16x8_s + i32x4.add) into vpdpwssd, which turns
# a reduction's accumulator into a chain of 4-5-cycle instructions; on znver5
# the dot_i16 SIMD kernel ran 3x slower with it (bench/RESULTS.md). wasm 2.0
# has no instruction that needs VNNI, and nothing else measured got slower.
DISABLED_FEATURES = ("avxvnni", "avx512vnni")


def target_features() -> str:
    """The feature string of the host CPU, less ``DISABLED_FEATURES``."""
    features = llvm.get_host_cpu_features()
    for name in DISABLED_FEATURES:
        if name in features:
            features[name] = False
    return features.flatten()


def _init() -> dict:
    """Initialize LLVM, the host target machines and the shared LLJIT once."""
    with _lock:
        if not _state:
            llvm.initialize_native_target()
            llvm.initialize_native_asmprinter()
            target = llvm.Target.from_default_triple()
            cpu = llvm.get_host_cpu_name()
            features = target_features()
            tms = {lvl: target.create_target_machine(cpu=cpu, features=features, opt=lvl,
                                                     reloc="pic", codemodel="default")
                   for lvl in (0, 1, 2, 3)}
            _state["tms"] = tms
            _state["lljit"] = llvm.create_lljit_compiler(tms[2])
            _state["lljit_uses"] = 0
            _state["triple"] = tms[2].triple
            _state["layout"] = str(tms[2].target_data)
        return _state


def module_header() -> str:
    s = _init()
    return f'target triple = "{s["triple"]}"\ntarget datalayout = "{s["layout"]}"\n'


def new_symbol(prefix: str) -> str:
    """A process-unique symbol / library name."""
    return f"{prefix}_{next(_counter)}"


class CodeLibrary:
    """Code memory of one library; freed when this object is collected.
    ``owner`` is what holds the code: a loader.NativeImage (unmapped then)
    or an LLJIT ResourceTracker. ``object_code`` is the object it was
    linked from (what the compile cache stores)."""

    def __init__(self, owner, addresses: list[int]) -> None:
        self._owner = owner
        if hasattr(owner, "release"):
            # not at exit: a daemon thread may still be running the code
            weakref.finalize(self, owner.release).atexit = False
        self.object_code = b""
        self.callsites: list[tuple[int, int]] = []    # (stack-map ID, offset)
        self.func_sizes: dict[str, int] = {}           # function symbol -> bytes
        self.addresses: list[int] = [a or 0 for a in addresses]


def _codegen_level(opt_level: int) -> int:
    # LLVM's optimizing codegen costs ~5 ms for a small function with a loop;
    # the cheap tiers use FastISel and the fast register allocator
    return 0 if opt_level <= 1 else min(opt_level, 3)


def _pass_builder(opt_level: int):
    """A NEW PassBuilder for every run: llvmlite's run registers
    StandardInstrumentations callbacks into the builder that point at objects
    freed when the run ends, so a reused builder calls dangling callbacks
    (measured: each reuse got slower, 17 ms -> 37 ms per module after 1,000).
    A fresh one costs ~1 KiB of memory LLVM never returns at the cheap tiers
    and ~100 KiB with the full -O2 pipeline."""
    s = _init()
    level = _codegen_level(opt_level)
    pto = llvm.create_pipeline_tuning_options(speed_level=min(opt_level, 3) if opt_level > 1 else 0)
    return llvm.create_pass_builder(s["tms"][level], pto)


# how a tail call (compile/translate.py, interp/stubs.py) reads in the IR
TAIL_CALL_MARK = " tail call tailcc "


def optimize(mod, opt_level: int, tail_calls: bool = False) -> None:
    """``tail_calls``: the IR has tail calls (return_call*), which the cheap
    tiers' codegen (FastISel, CodeGenOptLevel::None) makes jumps only where
    the ``ret`` follows the call in its block; SimplifyCFG merges returns
    into one block (the call then branches to it), so it is left out."""
    pb = _pass_builder(opt_level)
    if opt_level <= 1:
        pm = llvm.create_new_module_pass_manager()
        pm.add_sroa_pass()
        if opt_level == 1:
            pm.add_instruction_combine_pass()
            if not tail_calls:
                pm.add_simplify_cfg_pass()
        pm.run(mod, pb)
    else:
        pb.getModulePassManager().run(mod, pb)


def _lljit():
    """The LLJIT of the current generation (call with ``_lock`` held)."""
    s = _state
    if s["lljit_uses"] >= _LIBRARIES_PER_LLJIT:
        s["lljit"] = llvm.create_lljit_compiler(s["tms"][2])
        s["lljit_uses"] = 0
    s["lljit_uses"] += 1
    return s["lljit"]


# LLVM's full -O2 pipeline, as llvmlite runs it, keeps ~100 KiB of memory
# per run that it never gives back (building the pipeline and the
# instrumentation each run registers); the cheap tiers keep ~1 KiB. So a
# process compiles its first few -O2 modules itself (no worker start-up for a
# script that loads one module) and hands the rest to a worker process that
# is replaced every ``_WORKER_RECYCLE`` compiles: loading and dropping
# modules forever stays flat at any opt level.
_IN_PROCESS_O2_BUDGET = 24
_WORKER_RECYCLE = 200
_in_worker = False


def compile_object(ir_text: str, opt_level: int = 2) -> bytes:
    """Object code of ``ir_text`` (in this process, or -O2 past the budget
    in a recycled worker process)."""
    if opt_level >= 2 and not _in_worker:
        s = _init()
        with _lock:
            used = s.get("o2_in_process", 0)
            s["o2_in_process"] = used + 1
        if used >= _IN_PROCESS_O2_BUDGET:
            try:
                return worker_pool(1).submit(ir_text, opt_level).result()
            except WorkerStartError:
                pass              # no subprocesses here: compile in-process
    return compile_object_here(ir_text, opt_level)


def compile_object_here(ir_text: str, opt_level: int = 2) -> bytes:
    """Parse, verify, optimize and emit ``ir_text`` as relocatable object
    code, in this process."""
    s = _init()
    try:
        mod = llvm.parse_assembly(ir_text)
        mod.verify()
    except RuntimeError as e:
        raise WasmtimeError(f"internal compiler error: generated IR is invalid: {e}") from e
    optimize(mod, opt_level, TAIL_CALL_MARK in ir_text)
    return s["tms"][_codegen_level(opt_level)].emit_object(mod)


# Several object files of one library travel (compile cache, serialize) as
# one blob: this magic, u32 count, then u64 length + bytes for each. A blob
# without it is a single object file (ELF starts with 0x7f "ELF").
_OBJECTS_MAGIC = b"WLOBJS\0\0"


def pack_objects(objs: list[bytes]) -> bytes:
    """One bytes value for ``objs`` (a lone object stays as it is)."""
    if len(objs) == 1:
        return objs[0]
    parts = [_OBJECTS_MAGIC, struct.pack("<I", len(objs))]
    for o in objs:
        parts += [struct.pack("<Q", len(o)), o]
    return b"".join(parts)


def unpack_objects(blob: bytes) -> list[bytes]:
    if not blob.startswith(_OBJECTS_MAGIC):
        return [blob]
    try:
        pos = len(_OBJECTS_MAGIC)
        (n,) = struct.unpack_from("<I", blob, pos)
        pos += 4
        objs = []
        for _ in range(n):
            (k,) = struct.unpack_from("<Q", blob, pos)
            objs.append(blob[pos + 8:pos + 8 + k])
            if len(objs[-1]) != k:
                raise ValueError
            pos += 8 + k
    except (struct.error, ValueError):
        raise WasmtimeError("corrupt object code") from None
    return objs


# Link with loader.py (no LLVM). False sends every library through LLVM's
# JIT linker (tests compare the two).
OWN_LOADER = True


def link_object(obj: bytes, table_symbol: str, count: int) -> CodeLibrary:
    """Load object code into code memory; ``table_symbol`` must name a global
    array of ``count`` pointers in it. ``obj`` is one object file or several
    packed by ``pack_objects``: they are linked into ONE library, so the
    code of a module compiled in parts still lives and dies together.

    loader.py places it (x86-64 ELF: every object LLVM emits here); what it
    cannot place goes through LLVM's JIT linker, in a JITDylib of a fresh
    name (so the same object, say from the compile cache, can be linked
    any number of times). A failure to map memory is a MemoryError."""
    objs = unpack_objects(obj)
    library = None
    if OWN_LOADER:
        from . import loader
        try:
            image = loader.load(objs, table_symbol, count)
        except loader.UnsupportedObject:
            pass
        else:
            library = CodeLibrary(image, image.addresses)
    if library is None:
        _init()
        builder = llvm.JITLibraryBuilder()
        for o in objs:
            builder.add_object_img(o)
        with _lock:
            tracker = (builder.add_current_process().export_symbol(table_symbol)
                       .link(_lljit(), new_symbol("lib")))
        table = tracker[table_symbol]
        library = CodeLibrary(tracker, (ctypes.c_void_p * count).from_address(table)
                              if count else [])
    library.object_code = obj
    # where its calls return to, for backtraces (callsites.py)
    from .callsites import read_object
    for o in objs:
        records, sizes = read_object(o)
        library.callsites += records
        library.func_sizes.update(sizes)
    return library


def build_library(ir_text: str, table_symbol: str, count: int, opt_level: int = 2) -> CodeLibrary:
    """compile_object + link_object."""
    return link_object(compile_object(ir_text, opt_level), table_symbol, count)


# ---------------------------------------------------------------- workers
# llvmlite serializes every LLVM call behind one lock, so compiling in threads
# does not run in parallel: big modules are compiled in parts by worker
# PROCESSES (plain subprocesses speaking a pipe protocol, not multiprocessing:
# no re-import of the user's __main__, no fork of a threaded process). A
# worker runs ``compile_object`` on IR text and sends back object code; it
# exits when its stdin closes (so with its parent). Workers are started on
# first use and closed after ``_WORKER_IDLE_SECONDS`` without work (an idle
# worker holds ~100 MB), to be started again when needed.
_WORKER_IDLE_SECONDS = 30.0

_REQUEST = struct.Struct("<iQ")      # opt level, IR text length
_REPLY = struct.Struct("<BQ")        # status (0 ok, 1 error), payload length


# LLVM options of the workers that compile huge functions. GVN's
# MemoryDependence-based load elimination is superlinear on huge CFGs:
# CPython's eval loop (36,505 wasm instructions) spent 32 s of its 67 s in
# GVN at -O2 and compiled in 31 s instead of 137 s without it (the rest of
# the O2 pipeline, EarlyCSE and LICM on MemorySSA still remove redundant and
# invariant loads). Options are process-global in LLVM, hence a worker of
# its own.
HUGE_FUNCTION_OPTIONS = ("-enable-gvn-memdep=false",)


class WorkerStartError(WasmtimeError):
    """A compile worker process could not be started."""


def _worker_main() -> None:
    """A compile worker's loop (``python -c`` entry point); its arguments
    are LLVM command-line options for this process."""
    global _in_worker
    _in_worker = True
    for option in sys.argv[1:]:
        llvm.set_option("wasmlite-worker", option)
    inp = sys.stdin.buffer
    out = sys.stdout.buffer
    sys.stdout = sys.stderr          # nothing else may write to the protocol pipe
    while True:
        head = inp.read(_REQUEST.size)
        if len(head) < _REQUEST.size:
            return
        level, n = _REQUEST.unpack(head)
        text = inp.read(n).decode()
        try:
            payload, status = compile_object(text, level), 0
        except Exception as e:       # reported to the parent, which raises it
            payload, status = str(e).encode(), 1
        out.write(_REPLY.pack(status, len(payload)))
        out.write(payload)
        out.flush()


class WorkerDied(WasmtimeError):
    """A compile worker could not be started or went away."""


class _Worker:
    def __init__(self, options: tuple[str, ...] = ()) -> None:
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "") if env.get("PYTHONPATH") else root
        import subprocess
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-c",
                 "from wasmlite.compile.jit import _worker_main; _worker_main()", *options],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                env=env, close_fds=True)
        except OSError as e:
            raise WorkerStartError(f"cannot start a compile worker process: {e}") from None
        self.compiles = 0

    def compile(self, text: str, level: int) -> bytes:
        data = text.encode()
        try:
            self.proc.stdin.write(_REQUEST.pack(level, len(data)))
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
            head = self.proc.stdout.read(_REPLY.size)
            if len(head) < _REPLY.size:
                raise OSError("no reply")
            status, n = _REPLY.unpack(head)
            payload = self.proc.stdout.read(n)
            if len(payload) != n:
                raise OSError("short reply")
        except OSError as e:
            self.close()
            raise WorkerDied(f"compile worker process died ({e})") from None
        if status:
            raise WasmtimeError(payload.decode(errors="replace"))
        return payload

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        import subprocess
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class WorkerPool:
    """``submit(ir_text, opt_level)`` -> Future of object code, run by up to
    ``size`` worker processes (one feeder thread each; the threads only move
    bytes through pipes, so they do not contend for the GIL or LLVM's lock)."""

    def __init__(self, options: tuple[str, ...] = ()) -> None:
        import queue
        self.options = options
        self._queue: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()

    def ensure(self, size: int) -> None:
        with self._lock:
            while len(self._threads) < size:
                t = threading.Thread(target=self._run, name="wasmlite-compile-feeder", daemon=True)
                self._threads.append(t)
                t.start()

    def submit(self, text: str, level: int) -> Future:
        from concurrent.futures import Future
        fut: Future = Future()
        self._queue.put((fut, text, level))
        return fut

    def _retire(self, worker: "_Worker") -> None:
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
        worker.close()

    def _run(self) -> None:
        import queue
        worker = None
        while True:
            try:
                item = self._queue.get(timeout=_WORKER_IDLE_SECONDS)
            except queue.Empty:
                if worker is not None:
                    self._retire(worker)
                    worker = None
                continue
            if item is None:
                break
            fut, text, level = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                if worker is not None and worker.compiles >= _WORKER_RECYCLE:
                    self._retire(worker)      # frees what LLVM kept (see compile_object)
                    worker = None
                if worker is None or not worker.alive():
                    worker = _Worker(self.options)
                    with self._lock:
                        self._workers.append(worker)
                worker.compiles += 1
                fut.set_result(worker.compile(text, level))
            except BaseException as e:       # noqa: BLE001 -- handed to the waiter
                fut.set_exception(e)
        if worker is not None:
            worker.close()

    def shutdown(self) -> None:
        with self._lock:
            threads, self._threads = self._threads, []
            workers, self._workers = self._workers, []
        for _ in threads:
            self._queue.put(None)
        for t in threads:
            t.join(timeout=10)
        for w in workers:
            if w.alive():
                w.close()


_pools: dict[tuple[str, ...], WorkerPool] = {}


def worker_pool(size: int, options: tuple[str, ...] = ()) -> WorkerPool:
    """The process-wide pool of workers started with LLVM ``options``, with
    at least ``size`` workers."""
    with _lock:
        pool = _pools.get(options)
        if pool is None:
            pool = _pools[options] = WorkerPool(options)
            atexit.register(pool.shutdown)
    pool.ensure(size)
    return pool
