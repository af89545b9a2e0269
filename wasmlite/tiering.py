"""Which tier runs a module, and tier-up: the whole policy in one place.

* ``"llvm"``: every function through LLVM before the first call
  (compile/module.py), as ``Module.serialize`` and ``wasmlite compile`` need.
* ``"interpreter"``: the interpreter only (interp/).
* ``"auto"`` (default): the interpreter first. A function's counter (1 per
  call, 1 per loop back-edge, interp/handlers.py) that passes
  ``HOT_THRESHOLD`` calls ``_TierUp.hot``; a background thread then compiles
  with LLVM at the engine's opt level (worker processes for big batches,
  compile/jit.py) and swaps the code in: later calls of a function run its
  compiled code (one pointer store, interp/module.py). A small module is
  compiled whole (direct calls inside it); a big one in batches of its hot
  functions (direct calls inside a batch, the rest through VMFuncRefs).
  A hot function with loops also gets an OSR entry (compile/translate.py's
  ``osr`` variant): a call already running in the interpreter moves into
  compiled code at its next loop header.

The thresholds are here and nowhere else.
"""
from __future__ import annotations

import atexit
import ctypes
import itertools
import math
import os
import threading
import time
from typing import Any, Callable, Optional

import sys
from typing import TYPE_CHECKING

from .syntax.module import Module

if TYPE_CHECKING:
    import queue
    from .compile.tier_cache import TieredEntry
    from .compile.translate import ModuleContext

# The compiler (compile/, LLVM) is imported where tier-up first needs it:
# a program that never gets hot never loads it (~30 ms of imports).

# counter units (calls + loop back-edges) before a function is compiled
HOT_THRESHOLD = 10_000
# a module with less code than this is compiled whole when a function turns
# hot; a bigger one in batches of its hot functions (a whole libc-sized
# module at -O2 took both cores for seconds while the program ran)
WHOLE_MODULE_INSTRS = 5_000
# A hot function is compiled twice: first at this cheap level (LLVM's fast
# instruction selector and register allocator), then at the module's own
# level in the background, whose code replaces it. Measured on wordfreq
# (bench/wasi, 23k instructions, one core): the cheap level builds in 36 us
# per instruction against 170 at -O2, and runs 3x slower than -O2 but 3.5x
# faster than the interpreter; a batch of 3,000 hot instructions took 1.8 s
# at -O2 alone, longer than the whole program in the interpreter. OSR entries
# too: a cheap entry first, which hands its call over to the full level's
# entry at a loop header once that arrives (compile/translate.py
# osr_hand_over).
CHEAP_LEVEL = 1
# for how long after a batch's cheap code came tier-up looks for a sign that
# a call of a function a back-edge made hot still loops in the interpreter
# (its counter moves: compiled code does not count) before it compiles the
# function's cheap OSR entry or drops it (_cheap_osr). On wordfreq most
# functions hot by a back-edge are called often and loop briefly per call.
OSR_LOOK = 0.008
# A tier-up job for functions hot by their calls waits while pre-decoding
# new functions keeps the program busier than FRONT_END_BUSY (the fraction
# of the last ~10 ms, InterpModule.recent_decode_load), and at most
# FRONT_END_PATIENCE. Pre-decoding and translating to LLVM IR are both
# Python and share the GIL: while a program is still meeting new code (its
# start-up), every millisecond the tier-up thread translates is one its
# pre-decode waits, for code that a short program never runs long enough to
# use. A job with a function hot by its back-edges (a call stuck in a loop,
# or an OSR entry) does not wait: that loop is the program's work now.
# Measured (bench/ab_startup.py, fresh processes, medians): a QuickJS script
# (bench/startup.py's) 500 -> 454 ms end to end; wordfreq, whose main loop
# turns hot during its first burst of pre-decoding, 387 ms when every job
# waited, 369 ms as here and without any wait.
FRONT_END_BUSY = 0.25
FRONT_END_PATIENCE = 0.25
# WASMLITE_TIER_EARLY=1 (a test setting): every function tiers up at its
# first count, compiled synchronously, so the first back-edge enters OSR
# (the full level's OSR entries alone come in the background, so a cheap
# entry's hand-over runs too)
FORCE_EARLY = os.environ.get("WASMLITE_TIER_EARLY") == "1"

_HOT_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_void_p)


def _nan(rt: Any) -> bool:
    """Whether engine ``rt`` wants canonical NaNs (compile/nan_canon.py)."""
    return bool(getattr(rt, "nan_canonicalization", False))


def prepare(module: Module, info: Any, rt: Any, jobs: Optional[int] = None,
            on_native: Optional[Callable[[Any], None]] = None,
            keep: "Optional[TieredEntry]" = None) -> Any:
    """The runnable form of a validated module for engine ``rt``.
    ``on_native(compiled)``: told when tier-up has compiled the whole module
    (the disk cache keeps it for the next run). ``keep``: where each
    tier-up batch is kept, and where the batches of an earlier run are found
    (installed before the first call)."""
    strategy = getattr(rt, "strategy", "llvm")
    if strategy == "llvm":
        from .compile import compile_module
        return compile_module(module, info, rt.signatures, rt.opt_level, jobs=jobs,
                              consume_fuel=rt.consume_fuel,
                              epoch_interruption=rt.epoch_interruption,
                              nan_canonicalization=_nan(rt))
    from .interp.module import InterpModule
    tiered = strategy == "auto"
    early = getattr(rt, "tier_early", False) or FORCE_EARLY
    threshold = (1 if early else HOT_THRESHOLD) if tiered else None
    im = InterpModule(module, info, rt.signatures, consume_fuel=rt.consume_fuel,
                      epoch_interruption=rt.epoch_interruption, opt_level=rt.opt_level,
                      hot_threshold=threshold, nan_canonicalization=_nan(rt))
    if tiered and module.funcs:
        _TierUp(im, rt, jobs, on_native, early, keep)
    return im


def native(compiled: Any, rt: Any, jobs: Optional[int] = None) -> Any:
    """Full native code of a module (what ``Module.serialize`` and
    ``wasmlite compile`` carry): ``compiled`` itself when it is LLVM code,
    else every function compiled now (kept, so a second call is free)."""
    if getattr(compiled, "tier", "llvm") == "llvm":
        return compiled
    full = getattr(compiled, "full_native", None)
    if full is None:
        from .compile import compile_module
        full = compile_module(compiled.module, compiled.info, rt.signatures, rt.opt_level,
                              jobs=jobs, consume_fuel=rt.consume_fuel,
                              epoch_interruption=rt.epoch_interruption,
                              nan_canonicalization=_nan(rt))
        compiled.full_native = full
    return full


# ---------------------------------------------------------------- the worker
# jobs by priority (then order): cheap code for new calls first, then the
# full level's OSR entries, then full-level code and the cache's copy
_queue: "Optional[queue.PriorityQueue[tuple[int, int, Callable[[], None]]]]" = None


def _jobs() -> "queue.PriorityQueue[tuple[int, int, Callable[[], None]]]":
    """The job queue, made with the first job (importing queue, and heapq
    with it, cost every process ~1.5-2 ms)."""
    global _queue
    q = _queue
    if q is None:
        with _worker_lock:
            if _queue is None:
                import queue
                _queue = queue.PriorityQueue()
            q = _queue
    return q
_order = itertools.count()
CHEAP, OSR, FULL, CACHE = range(4)
_worker_lock = threading.Lock()
_worker: Optional[threading.Thread] = None
_idle = threading.Condition()
_unfinished = 0              # jobs queued or running
# Exit. The tier-up thread is a daemon: at exit it may be in the middle of a
# job, and LLVM used by a thread while the process tears LLVM down crashes
# (seen: segfaults and LLVM assertions after the program's output was
# complete). So every LLVM call of the thread runs under _llvm_lock; at exit
# _shutdown (registered last, so it runs first) stops new work, ends the
# compile worker processes (a compile nobody will use is not waited for)
# and takes the lock for good: the exit waits for at most one batch.
_llvm_lock = threading.RLock()
_stopping = False


class _Stopped(Exception):
    pass


def _shutdown() -> None:
    global _stopping
    _stopping = True
    # never imported: no workers (or the tier-up thread is importing it
    # now: none yet either)
    pools = getattr(sys.modules.get("wasmlite.compile.jit"), "_pools", None) or {}
    for pool in list(pools.values()):
        for w in list(pool._workers):
            try:
                w.proc.kill()
            except Exception:  # noqa: BLE001 - already gone
                pass
    _llvm_lock.acquire()     # never released: no background LLVM past here


def _submit(job: Callable[[], None], priority: int = CHEAP) -> None:
    global _worker, _unfinished
    if _stopping:
        return
    with _idle:
        _unfinished += 1
    _jobs().put((priority, next(_order), job))
    with _worker_lock:
        if _worker is None or not _worker.is_alive():
            _worker = threading.Thread(target=_work, name="wasmlite-tier-up", daemon=True)
            _worker.start()
        atexit.unregister(_shutdown)
        atexit.register(_shutdown)      # the last registered runs first


def _work() -> None:
    global _unfinished
    while True:
        _, _, job = _jobs().get()
        try:
            job()
        except Exception:       # noqa: BLE001 - a failed tier-up leaves tier 0 running
            pass
        finally:
            with _idle:
                _unfinished -= 1
                _idle.notify_all()


def drain() -> None:
    """Wait until no tier-up job is queued or running, including jobs that
    running jobs queue in turn (tests, benchmarks)."""
    with _idle:
        while _unfinished:
            _idle.wait()


def _small_module(funcs: list) -> bool:
    """Whether the module is small enough to compile whole (fewer than
    ~WHOLE_MODULE_INSTRS instructions). Bodies are decoded lazily
    (binary/decode.py) and counting instructions would decode them all
    (~45 ms for hello_wasi, seconds for CPython), so where the functions'
    binary offsets are known the code's span in bytes decides, at the
    measured ~2 bytes per instruction."""
    offsets = [f.offset for f in funcs if f.offset]
    if len(offsets) == len(funcs) and len(offsets) > 1:
        return max(offsets) - min(offsets) < 2 * WHOLE_MODULE_INSTRS
    return sum(len(f.body) for f in funcs) < WHOLE_MODULE_INSTRS


class _TierUp:
    """The tier-up state of one InterpModule (it holds this object through
    its hot callback)."""

    def __init__(self, im: Any, rt: Any, jobs: Optional[int],
                 on_native: Optional[Callable[[Any], None]], early: bool = False,
                 keep: "Optional[TieredEntry]" = None) -> None:
        self.early = early
        self.im = im
        self.rt = rt
        self.jobs = jobs
        self.on_native = on_native
        self.lock = threading.Lock()
        self.pending: list[int] = []       # hot, not yet compiled
        self.queued = False
        self.done: set[int] = set()
        self.osr_done: set[int] = set()
        self.looping: set[int] = set()      # pending functions a back-edge made hot
        self.whole = _small_module(im.module.funcs)
        self.whole_done = False
        self.keep = keep
        self.kept: list = []                # tier_cache.KeptBatch, what keep holds
        self.keep_lock = threading.Lock()
        im.set_hot_callback(_HOT_CALLBACK(self.hot))
        if keep is not None:
            self._adopt_kept(keep)

    def _adopt_kept(self, keep: "TieredEntry") -> None:
        """Install the batches an earlier run kept (before any call: no
        frame of these functions is in the interpreter yet); functions kept
        at the cheap level get the full level's code in the background, as
        their batch would have in that run. A kept entry that cannot be used
        is ignored (tier-up then compiles as if there were none, and its
        batches replace it)."""
        data = keep.get()
        if not data:
            return
        from .compile import tier_cache
        im = self.im
        first = im.nimported
        batches = tier_cache.unpack(data, first, first + len(im.module.funcs))
        if not batches:
            return
        from .compile import jit
        linked = []
        try:
            for b in batches:
                linked.append((b, jit.link_object(b.obj, b.symbol, len(b.names))))
        except Exception:   # noqa: BLE001 - damaged code: compiled again instead
            return
        installs = [[lib.addresses[b.names.index(f"f{f}")] for f in b.funcs] for b, lib in linked]
        if not all(all(installs_of) for installs_of in installs):
            return          # a code table with a hole: nothing of it is run
        full = im.opt_level
        for (b, lib), addresses in zip(linked, installs):
            self._arrived(lib, b.names)
            defined = [f - first for f in b.funcs]
            for i, address in zip(defined, addresses):
                im.install(i, address)
            self.done.update(defined)
            if b.level < full:
                direct = {first + i for i in defined}
                self._later(lambda d=defined, c=direct: self._compile(d, c, [], full), FULL)
        self.kept = batches
        if self.whole:
            # a whole module's only batch with functions is the whole module
            self.whole_done = True
            if self.on_native is not None:
                self._later(self._native_for_cache, CACHE)

    def hot(self, desc: int) -> None:
        """Called from the interpreter (any thread, the GIL taken by ctypes)
        when a function's counter passes the threshold; the low bit of
        ``desc`` is set when a loop back-edge did (handlers._count). Never
        raises."""
        try:
            looping = desc & 1
            i = self.im.defined_index_of(desc & ~1)
            with self.lock:
                # a compiled function can still be hot in a frame that
                # entered it before: its loops then want their OSR entries
                if i in self.pending or (i in self.done and (
                        i in self.osr_done or not self.im.osr_loops[i])):
                    return
                self.pending.append(i)
                if looping:
                    self.looping.add(i)
                start = not self.queued
                self.queued = True
            if self.early:
                self.run()
            elif start:
                _submit(self.run)
        except BaseException:   # noqa: BLE001 - native code called us: never raise into it
            pass

    def _front_end_quiet(self) -> None:
        """Wait while the program is busy pre-decoding new functions (see
        FRONT_END_BUSY); never in the early test mode."""
        if self.early:
            return
        from .interp.module import LOAD_TAU
        im = self.im
        give_up = time.monotonic() + FRONT_END_PATIENCE
        while not _stopping:
            load = im.recent_decode_load()
            now = time.monotonic()
            if load <= FRONT_END_BUSY or now >= give_up:
                return
            # until the load decays below the bar, unless more decoding
            # comes meanwhile (then again)
            time.sleep(min(max(LOAD_TAU * math.log(load / FRONT_END_BUSY), 0.001),
                           give_up - now))

    def run(self) -> None:
        # (read without the lock: a back-edge that turns hot meanwhile only
        # means this batch waited when it need not have)
        if not self.looping:
            self._front_end_quiet()
        with self.lock:
            batch = list(self.pending)
            looping = self.looping
            self.pending = []
            self.looping = set()
            self.queued = False
        if not batch:
            return
        im = self.im
        full = im.opt_level
        # OSR entries only where a back-edge made the function hot: a call
        # stuck in a loop. One hot by its calls gets compiled code for new
        # calls; if a running call of it loops long later, its back-edges
        # make it hot again (``hot``) and it gets its entries then.
        osr = [i for i in batch if i in looping and im.osr_loops[i]
               and i not in self.osr_done]
        self.osr_done.update(osr)
        funcs: list[int] = []
        direct: Optional[set] = set()
        if self.whole and not self.whole_done:
            self.whole_done = True
            funcs, direct = list(range(len(im.module.funcs))), None
        elif not self.whole:
            funcs = [i for i in batch if i not in self.done]
            direct = {im.nimported + i for i in funcs}
        # The new calls' code at the cheap level now (tens of ms), then the
        # full level's in the background. Stuck loops get cheap OSR entries,
        # which hand their call over to the full level's entry at a loop
        # header once that is installed (translate.py osr_hand_over): a loop
        # leaves the interpreter after a cheap compile and still ends in -O2
        # code. Measured on bench/wasi/wordfreq.wasm: -O2 entries first kept
        # main's loop (695 instructions, 0.2-0.4 s at -O2) and every cheap
        # batch behind it waiting in the interpreter. The cheap entries come
        # with the functions when only stuck loops turned hot (one long
        # kernel call) or in the early test mode (whose caller waits in the
        # hot callback), else as the next job, for the functions a call of
        # which still loops in the interpreter then (_cheap_osr): on
        # wordfreq most functions hot by a back-edge are called often and
        # loop briefly, and their entries were half of a batch's compile.
        cheap = min(CHEAP_LEVEL, full)
        upgrade = full > cheap
        together = self.early or all(i in looping for i in batch)
        self._compile(funcs, direct, osr if together else [], cheap, upgrade=upgrade)
        with self.lock:
            self.done.update(funcs)
        # In a small module (compiled whole, fast) the full level's OSR
        # entries come after its code for new calls: a stuck call there is
        # often short too (a kernel called in a loop, whose first call turned
        # it hot), and _full_osr then finds it returned and compiles nothing.
        # Measured on bench/kernels called 100 times: the -O2 code for the
        # 99 later calls came 80-100 ms sooner (load 2.4).
        osr_after = bool(self.whole and funcs)
        if osr and not together:
            since = time.monotonic()
            counts = {i: im.counter(i) for i in osr}
            self._later(lambda: self._cheap_osr(osr, counts, since, cheap, full, osr_after),
                        CHEAP)
        if upgrade and funcs:
            self._later(lambda: self._compile(funcs, direct, [], full), FULL)
        if osr and together:
            self._osr_came(osr, cheap, full, osr_after)
        if funcs and self.whole and self.on_native is not None:
            self._later(self._native_for_cache, CACHE)

    def _cheap_osr(self, osr: list[int], counts: dict[int, int], since: float,
                   cheap: int, full: int, osr_after: bool) -> None:
        """Cheap OSR entries for the functions of ``osr`` whose counter
        moved since ``since`` (``counts``): a call of theirs still loops in
        the interpreter (new calls run compiled code, which does not count)."""
        im = self.im
        deadline = since + OSR_LOOK
        while True:
            stuck = [i for i in osr if im.counter(i) != counts[i]]
            if stuck or time.monotonic() > deadline:
                break
            time.sleep(0.001)
        dropped = [i for i in osr if i not in stuck]
        with self.lock:
            self.osr_done.difference_update(dropped)
        for i in dropped:       # a frame of it that loops later tells again
            im.rearm(i, HOT_THRESHOLD)
        if stuck:
            self._compile([], set(), stuck, cheap, upgrade=full > cheap)
            self._osr_came(stuck, cheap, full, osr_after)

    def _osr_came(self, osr: list[int], cheap: int, full: int, osr_after: bool) -> None:
        """Cheap OSR entries of ``osr`` installed: the full level's next,
        one function a job (a cheap batch that turns hot meanwhile waits
        for one function's -O2, not all of them)."""
        if full > cheap:
            for i in osr:
                self._later(lambda i=i: self._full_osr(i, full), FULL if osr_after else OSR,
                            background=True)

    def _full_osr(self, i: int, level: int) -> None:
        """The full level's OSR entry of function ``i``, unless the call
        stuck in its loop needs none any more: it entered the cheap entry and
        has returned (new calls run compiled code). One that has not entered
        yet may still loop in the interpreter, on its way to an OSR header
        (bench/kernels/sieve.wat's first inner loop runs ~1 s there), so it
        gets one. Measured on bench/kernels called 100 times (~2 ms a call):
        the first call's -O2 OSR entry, compiled for nothing, made the -O2
        code of the other 99 wait 40-100 ms."""
        entered, running = self.im.osr_calls(i)
        if running or not entered:
            self._compile([], set(), [i], level)

    def _later(self, job: Callable[[], None], priority: int, background: bool = False) -> None:
        """Background work after a batch (now, in the early test mode,
        unless ``background``: the full level's OSR entries, so that in that
        mode too a cheap entry runs first and hands over once they arrive)."""
        if self.early and not background:
            job()
        else:
            _submit(job, priority)

    def _native_for_cache(self) -> None:
        """Whole-module code with entry trampolines (what the disk cache
        stores), compiled after the tier-up code is running."""
        im = self.im
        from .compile import compile_module
        with _llvm_lock:
            if _stopping:
                return
            compiled = compile_module(im.module, im.info, self.rt.signatures, im.opt_level,
                                      jobs=self.jobs, consume_fuel=im.consume_fuel,
                                      epoch_interruption=im.epoch_interruption,
                                      nan_canonicalization=im.nan_canonicalization)
        im.full_native = compiled
        self.on_native(compiled)
        if self.keep is not None:
            with self.keep_lock:
                self.keep.drop()        # the whole module's code serves instead
                self.keep = None

    def _compile(self, funcs: list[int], direct: Optional[set], osr: list[int],
                 level: int, upgrade: bool = False) -> None:
        """One LLVM module at opt level ``level``: defined functions
        ``funcs`` (calls to ``direct`` ones are direct; None: all) and the
        OSR entries of ``osr`` (``upgrade``: entries that hand over to a
        later one); installed when built."""
        if not funcs and not osr:
            return
        from .compile.translate import translate_function
        if not osr:
            self._front_end_quiet()
        im = self.im
        first = im.nimported
        ctx = self._context(direct)
        ctx.osr_upgrade = upgrade
        ctx.osr_nested = level <= CHEAP_LEVEL
        texts = [translate_function(ctx, first + i, im.module.funcs[i]) for i in funcs]
        texts += [translate_function(ctx, first + i, im.module.funcs[i], osr=True) for i in osr]
        names = [f"f{first + i}" for i in funcs] + [f"f{first + i}.osr" for i in osr]
        addrs = self._library(ctx, texts, names, level)
        # OSR entries first: a function's compiled entry never waits on them
        for i, a in zip(osr, addrs[len(funcs):]):
            im.install_osr(i, a, nested=ctx.osr_nested)
        for i, a in zip(funcs, addrs):
            im.install(i, a)
            if i in self.osr_done or not im.osr_loops[i]:
                continue
            # hot by its calls: a frame of it that entered the interpreter
            # before may still loop for long; its back-edges tell again
            im.rearm(i, HOT_THRESHOLD if not self.early else 1)

    def _context(self, direct: Optional[set]) -> ModuleContext:
        from .compile.translate import ModuleContext
        im = self.im
        ctx = ModuleContext(im.module, im.consume_fuel, im.epoch_interruption,
                            im.nan_canonicalization)
        ctx.direct_calls = direct
        return ctx

    def _library(self, ctx: ModuleContext, texts: list[str], names: list[str],
                 level: int) -> list[int]:
        from .compile import jit
        from .compile.memory import RUNTIME_HELPERS
        from .compile.numeric import INTRINSIC_DECLS
        from .compile.simd import simd_declarations
        symbol = jit.new_symbol("wasmlite_tier")
        table = ", ".join(f"ptr @{n}" for n in names)
        ir = "\n".join([jit.module_header(), INTRINSIC_DECLS, RUNTIME_HELPERS, *texts,
                        simd_declarations(ctx.intrinsics),
                        f"@{symbol} = constant [{len(names)} x ptr] [{table}]"])
        with _llvm_lock:        # exit waits for this batch, then no more
            if _stopping:
                raise _Stopped
            lib = jit.build_library(ir, symbol, len(names), level)
        self._arrived(lib, names)
        self._keep_batch(level, symbol, names, lib)
        return lib.addresses

    def _arrived(self, lib: Any, names: list[str]) -> None:
        """A code library of this module's tier-up, before its code is
        installed: kept alive with the module, its call sites known to
        backtraces, told to perf maps and GDB."""
        from .compile import callsites
        self.im.tiered.append(lib)
        # call sites for backtraces: names are f{index} or f{index}.osr
        callsites.register(lib, self.im.module, {
            (int(n[1:].split(".")[0]), n.endswith(".osr")): a
            for n, a in zip(names, lib.addresses)})
        from .runtime.code_events import code_arrived
        code_arrived(self.rt, self.im.module, lib, names, lib.addresses)

    def _keep_batch(self, level: int, symbol: str, names: list[str], lib: Any) -> None:
        """Keep a batch's code for the next run (with the cache on): its
        functions for new calls; OSR entries only serve calls running now."""
        funcs = [int(n[1:]) for n in names if not n.endswith(".osr")]
        if self.keep is None or not funcs or not lib.object_code:
            return
        from .compile import tier_cache
        with self.keep_lock:
            if self.keep is None:
                return
            try:
                self.kept = tier_cache.merge(
                    self.kept, tier_cache.KeptBatch(level, symbol, names, funcs, lib.object_code))
                # (with the features validation found: the next run
                # trusts the bodies, tier_cache.trusted_features)
                self.keep.put(tier_cache.pack(self.kept, getattr(self.im.info, "features", None)))
            except Exception:   # noqa: BLE001 - not kept: the batch still runs
                pass
