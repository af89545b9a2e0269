"""``Config`` and ``Engine``.

Every property of wasmtime-py 50's Config exists. Settings wasmlite
implements are kept; settings it does not implement raise WasmtimeError when
set to a value that would need them (never silently ignored); settings that
mean nothing for wasmlite's design are accepted and documented as having no
effect (see ``_NO_EFFECT``). Like wasmtime-py, Config properties are
write-only, wrong Python types raise TypeError, and a Config is consumed
(closed) by the Engine made from it.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Optional, Union

from .compile.cache_dir import default_cache_directory
from .compile.vmcontext import DEFAULT_MAX_WASM_STACK
from .errors import WasmtimeError
from .managed import Managed
from .syntax.instructions import OFF_BY_DEFAULT
from .runtime import RuntimeEngine

__all__ = ["Config", "Engine"]

# cranelift_opt_level -> LLVM tier (compile/jit.py): "none" is the cheap tier
_OPT_LEVELS = {"none": 1, "speed": 2, "speed_and_size": 2}

# Wasm 2.0 proposals: on, and cannot be turned off.
_ALWAYS_ON = ("wasm_simd", "wasm_bulk_memory", "wasm_multi_value", "wasm_reference_types")
# Later proposals: off, and cannot be turned on yet.
_NOT_SUPPORTED = ("wasm_threads",
                  "wasm_component_model", "wasm_component_model_map",
                  "wasm_component_model_implements", "wasm_wide_arithmetic",
                  "wasm_stack_switching", "shared_memory")
# Accepted (type-checked) and without effect, because of how wasmlite works:
# - macos_use_mach_ports: wasmlite runs on Linux and traps without signals;
# - memory_init_cow: data segments are copied into fresh zeroed pages;
# - signals_based_traps: generated code checks bounds, stack and arithmetic
#   explicitly and never relies on a signal handler, so either value holds;
# - native_unwind_info: traps unwind with longjmp, not with unwind tables;
# - gc_support: GC support is always built into wasmlite; Config.wasm_gc decides;
# - cranelift_debug_verifier: LLVM's IR verifier already runs on every module.
_NO_EFFECT_BOOLS = ("macos_use_mach_ports", "memory_init_cow", "signals_based_traps",
                    "native_unwind_info", "gc_support", "cranelift_debug_verifier")
# Sizes accepted (non-negative ints) and without effect: each memory
# reserves its whole maximum up front with a fixed guard region and never
# moves, so there is nothing to tune (memory_may_move is a bool of the same
# family).
_NO_EFFECT_SIZES = ("memory_reservation", "memory_guard_size",
                    "memory_reservation_for_growth")
_PROFILERS = ("none", "perfmap", "jitdump", "vtune")


def _native_stack_room() -> Optional[int]:
    """Bytes of a thread's native stack wasm may be allowed to use: the
    smaller of RLIMIT_STACK and threading.stack_size(), less 1 MiB for the
    Python frames below; None when unknown or unlimited."""
    try:
        import resource
        import threading
        soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    except (ImportError, ValueError, OSError):
        return None
    sizes = [s for s in (soft, threading.stack_size()) if s and s > 0
             and s != resource.RLIM_INFINITY]
    if not sizes:
        return None
    return max(min(sizes) - (1 << 20), 64 * 1024)


def _cache_dir_from_config(path) -> Optional[Path]:
    """The cache directory a Wasmtime-style TOML cache config names."""
    import tomllib
    try:
        with open(path, "rb") as f:
            config = tomllib.load(f)
    except OSError as e:
        raise WasmtimeError(f"cannot read cache config {path}: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise WasmtimeError(f"invalid cache config {path}: {e}") from None
    section = config.get("cache", {})
    if not isinstance(section, dict) or section.get("enabled", True) is False:
        return None
    directory = section.get("directory")
    if directory is None:
        return default_cache_directory()
    if not isinstance(directory, str):
        raise WasmtimeError(f"invalid cache config {path}: directory must be a string")
    return Path(os.path.expanduser(directory))


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected a bool")
    return value


def _host_triple() -> str:
    import llvmlite.binding as llvm
    return llvm.get_process_triple()


def _same_target(triple: str, host: str) -> bool:
    """Whether ``triple`` names the host (vendor parts may differ:
    x86_64-linux-gnu and x86_64-unknown-linux-gnu are the same target)."""
    def key(t: str) -> tuple[str, str]:
        parts = t.split("-")
        arch = parts[0]
        rest = [p for p in parts[1:] if p not in ("unknown", "pc")]
        return arch, "-".join(rest)
    return key(triple) == key(host)


def _always_on(name: str):
    def setter(self, value: bool) -> None:
        self._check_open()
        if not _bool(value):
            raise WasmtimeError(f"{name} = False is not supported: wasmlite always "
                                f"implements this part of WebAssembly 2.0")
    return property(None, setter, doc=f"{name}: always True in wasmlite")


def _not_supported(name: str):
    def setter(self, value: bool) -> None:
        self._check_open()
        if _bool(value):
            raise WasmtimeError(f"{name} = True is not supported by wasmlite yet")
    return property(None, setter, doc=f"{name}: only False is supported")


def _proposal(name: str, feature: Union[str, tuple[str, ...]], doc: str):
    """A proposal wasmlite implements (on by default unless Config starts
    with its feature disabled): False adds ``feature`` (a name, or several)
    to the set validation rejects (``validate_module(module, disabled)``)."""
    features = frozenset((feature,) if isinstance(feature, str) else feature)

    def setter(self, value: bool) -> None:
        self._check_open()
        if _bool(value):
            self._disabled_features -= features
        else:
            self._disabled_features |= features
    return property(None, setter, doc=f"{name}: {doc}")


def _no_effect_bool(name: str):
    def setter(self, value: bool) -> None:
        self._check_open()
        _bool(value)
    return property(None, setter, doc=f"{name}: accepted, no effect in wasmlite")


def _no_effect_size(name: str):
    def setter(self, value: int) -> None:
        self._check_open()
        if not isinstance(value, int):
            raise TypeError("expected an int")
        if value < 0:
            raise WasmtimeError(f"{name} must not be negative")
    return property(None, setter, doc=f"{name}: accepted, no effect in wasmlite")


# Config.strategy values -> what the runtime does (tiering.py)
STRATEGIES = {"auto": "auto", "interpreter": "interpreter", "llvm": "llvm",
              "cranelift": "llvm"}


class Config(Managed):
    """Compilation and runtime settings for an Engine."""

    def __init__(self) -> None:
        self._strategy = "auto"
        self._opt_level = 2
        self._max_wasm_stack = DEFAULT_MAX_WASM_STACK
        self._consume_fuel = False
        self._epoch_interruption = False
        self._parallel = True
        self._cache_dir: Optional[Path] = None
        self._profiler = "none"
        # Op.feature names validation rejects (a proposal turned off; those
        # off by default, as in Wasmtime: custom page sizes)
        self._disabled_features: frozenset[str] = OFF_BY_DEFAULT
        self._relaxed_deterministic = False
        self._nan_canonicalization = False
        self._debug_info = False

    for _name in _ALWAYS_ON:
        locals()[_name] = _always_on(_name)
    for _name in _NOT_SUPPORTED:
        locals()[_name] = _not_supported(_name)
    for _name in _NO_EFFECT_BOOLS + ("memory_may_move",):
        locals()[_name] = _no_effect_bool(_name)
    for _name in _NO_EFFECT_SIZES:
        locals()[_name] = _no_effect_size(_name)
    del _name

    wasm_relaxed_simd = _proposal(
        "wasm_relaxed_simd", "relaxed_simd",
        "Relaxed SIMD (on by default, as in Wasmtime); False makes validation reject its"
        " instructions.")
    wasm_function_references = _proposal(
        "wasm_function_references", "function_references",
        "Typed function references (on by default, as in Wasmtime): (ref null? $t) and"
        " non-nullable types, call_ref, ref.as_non_null, br_on_null, br_on_non_null;"
        " False makes validation reject them.")
    wasm_tail_call = _proposal(
        "wasm_tail_call", "tail_call",
        "Tail calls (on by default, as in Wasmtime): return_call, return_call_indirect"
        " and return_call_ref, which reuse the caller's frame; False makes validation"
        " reject them.")
    wasm_multi_memory = _proposal(
        "wasm_multi_memory", "multi_memory",
        "Several memories per module (on by default, as in Wasmtime); False makes"
        " validation reject a second memory.")
    wasm_memory64 = _proposal(
        "wasm_memory64", "memory64",
        "Memories with a 64-bit index type (on by default, as in Wasmtime); False makes"
        " validation reject them and 64-bit tables (table64), which come with it.")
    wasm_exceptions = _proposal(
        "wasm_exceptions", ("exceptions", "legacy_exceptions"),
        "Exception handling (on by default, as in Wasmtime): tags, exnref, throw,"
        " throw_ref, try_table, and the legacy proposal's try/catch/delegate/rethrow;"
        " False makes validation reject them (\"exceptions support is not enabled\").")
    wasm_gc = _proposal(
        "wasm_gc", "gc",
        "Wasm GC (on by default, as in Wasmtime): rec groups, sub / sub final types,"
        " struct and array types, the any / eq / i31 / struct / array / none heap types"
        " and the struct.*, array.*, ref.i31, i31.get_*, ref.test, ref.cast, br_on_cast*,"
        " ref.eq and any/extern conversion instructions; False makes validation reject"
        " them (\"gc support is not enabled\"). (The runtime of GC objects is still being"
        " built: modules that only declare GC types run; GC instructions do not yet.)")
    wasm_custom_page_sizes = _proposal(
        "wasm_custom_page_sizes", "custom_page_sizes",
        "Custom page sizes (off by default, as in Wasmtime): memories declared with"
        " (pagesize 1), whose limits, memory.size and memory.grow count bytes; False"
        " makes validation reject them. A MemoryType(page_size_log2=0) memory made from"
        " Python works either way, as in wasmtime-py.")
    wasm_extended_const = _proposal(
        "wasm_extended_const", "extended_const",
        "Extended constant expressions (on by default, as in Wasmtime): i32/i64 add, sub"
        " and mul in constant expressions; False makes validation reject them. (global.get"
        " of a global the module defines stays valid: Wasmtime ties it to wasm_gc, which"
        " is on there.)")

    @property
    def wasm_relaxed_simd_deterministic(self):
        raise AttributeError("wasm_relaxed_simd_deterministic is write-only")

    @wasm_relaxed_simd_deterministic.setter
    def wasm_relaxed_simd_deterministic(self, value: bool) -> None:
        """True: relaxed SIMD ops give the deterministic results Wasmtime
        documents, the same on every host; False (default): what the host's
        instructions give (compile/simd.py, "relaxed SIMD")."""
        self._check_open()
        self._relaxed_deterministic = _bool(value)

    @property
    def debug_info(self):
        raise AttributeError("debug_info is write-only")

    @debug_info.setter
    def debug_info(self, value: bool) -> None:
        """True: compiled wasm code (and code tier-up installs later) is
        registered with GDB's JIT interface, so gdb names wasm functions in
        backtraces (``wasm[MODULE]::function[INDEX]::NAME``; symbols only, no
        DWARF line tables; runtime/gdbjit.py). An Engine made from it raises
        WasmtimeError where the process has no JIT interface to use."""
        self._check_open()
        self._debug_info = _bool(value)

    @property
    def cranelift_nan_canonicalization(self):
        raise AttributeError("cranelift_nan_canonicalization is write-only")

    @cranelift_nan_canonicalization.setter
    def cranelift_nan_canonicalization(self, value: bool) -> None:
        """True: every float operation that can produce a NaN produces the
        canonical one (f32 0x7fc00000, f64 0x7ff8000000000000, per lane for
        vectors), in every tier, as Wasmtime's canonicalization does; False
        (default): the NaN the hardware gives (compile/nan_canon.py)."""
        self._check_open()
        self._nan_canonicalization = _bool(value)

    @property
    def target(self):
        raise AttributeError("target is write-only")

    @target.setter
    def target(self, triple: str) -> None:
        """The host's target triple is accepted; cross-compiling for another
        target is not supported yet (WasmtimeError)."""
        self._check_open()
        if not isinstance(triple, str):
            raise TypeError("expected a str")
        host = _host_triple()
        if not _same_target(triple, host):
            raise WasmtimeError(f"cross-compiling for target `{triple}` is not supported "
                                f"by wasmlite yet (this host is `{host}`)")

    def cranelift_flag_enable(self, flag: str) -> None:
        """Accepted and ignored: wasmlite compiles with LLVM, for the host CPU."""
        self._check_open()
        if not isinstance(flag, str):
            raise TypeError("expected a str")

    def cranelift_flag_set(self, key: str, value: str) -> None:
        """Accepted and ignored: wasmlite compiles with LLVM, for the host CPU."""
        self._check_open()
        if not isinstance(key, str):
            raise TypeError("expected a str for key")
        if not isinstance(value, str):
            raise TypeError("expected a str for value")

    @property
    def consume_fuel(self):
        raise AttributeError("consume_fuel is write-only")

    @consume_fuel.setter
    def consume_fuel(self, value: bool) -> None:
        """Code counts the instructions it runs against ``Store.set_fuel``
        and traps with OUT_OF_FUEL when none is left."""
        self._check_open()
        self._consume_fuel = _bool(value)

    @property
    def epoch_interruption(self):
        raise AttributeError("epoch_interruption is write-only")

    @epoch_interruption.setter
    def epoch_interruption(self, value: bool) -> None:
        """Code checks the engine's epoch against the store's deadline
        (``Store.set_epoch_deadline``) and traps with INTERRUPT. Any value
        is taken for its truth, as wasmtime-py does."""
        self._check_open()
        self._epoch_interruption = bool(value)

    @property
    def cranelift_opt_level(self):
        raise AttributeError("cranelift_opt_level is write-only")

    @cranelift_opt_level.setter
    def cranelift_opt_level(self, value: str) -> None:
        self._check_open()
        if value not in _OPT_LEVELS:
            raise WasmtimeError(f"unknown opt level: {value}")
        self._opt_level = _OPT_LEVELS[value]

    @property
    def max_wasm_stack(self):
        raise AttributeError("max_wasm_stack is write-only")

    @max_wasm_stack.setter
    def max_wasm_stack(self, value: int) -> None:
        self._check_open()
        if not isinstance(value, int):
            raise TypeError("expected an int")
        if value <= 0:
            raise WasmtimeError("max_wasm_stack must be positive")
        room = _native_stack_room()
        if room is not None and value > room:
            # wasm runs on the calling thread's stack: a limit past its end
            # would turn deep recursion into a crash instead of a trap
            raise WasmtimeError(f"max_wasm_stack of {value} bytes exceeds the "
                                f"{room} bytes this process's thread stacks allow")
        self._max_wasm_stack = value

    @property
    def strategy(self):
        raise AttributeError("strategy is write-only")

    @strategy.setter
    def strategy(self, value: str) -> None:
        """"auto" (default): start in the interpreter, compile hot code with
        LLVM in the background; "interpreter": the interpreter only; "llvm"
        (or wasmtime-py's "cranelift"): every function compiled at
        ``cranelift_opt_level`` before the first call (see docs/tiers.md)."""
        self._check_open()
        if not isinstance(value, str):
            raise TypeError(f"expected a str, got {type(value).__name__}")
        if value not in STRATEGIES:
            raise WasmtimeError(f"unsupported compilation strategy: {value}")
        self._strategy = STRATEGIES[value]

    @property
    def parallel_compilation(self):
        raise AttributeError("parallel_compilation is write-only")

    @parallel_compilation.setter
    def parallel_compilation(self, value: bool) -> None:
        """True (default): big modules compile in worker processes, one per
        CPU; False: every module compiles in this process."""
        self._check_open()
        self._parallel = _bool(value)

    @property
    def cache(self):
        raise AttributeError("cache is write-only")

    @cache.setter
    def cache(self, value) -> None:
        """True: compiled code is cached on disk (``$XDG_CACHE_HOME/wasmlite``);
        a path: a TOML file like Wasmtime's (``[cache]`` with ``enabled``
        and ``directory``). False raises, as in wasmtime-py (caching is off
        unless asked for)."""
        self._check_open()
        if value is False:
            raise WasmtimeError("caching cannot be explicitly disabled")
        elif value is True:
            self._cache_dir = default_cache_directory()
        elif isinstance(value, (str, os.PathLike)):
            self._cache_dir = _cache_dir_from_config(value)
        else:
            raise TypeError("expected string or bool")

    @property
    def profiler(self):
        raise AttributeError("profiler is write-only")

    @profiler.setter
    def profiler(self, value: str) -> None:
        """"none", or "perfmap": every compiled function gets a line in
        ``/tmp/perf-PID.map`` so ``perf`` names wasm code (code that tier-up
        installs later and OSR entries too, when they arrive). "jitdump" and
        "vtune" are not supported yet (WasmtimeError)."""
        self._check_open()
        if value not in _PROFILERS:
            raise WasmtimeError(f"unknown profiler: {value}")
        if value not in ("none", "perfmap"):
            raise WasmtimeError(f"profiler {value!r} is not supported by wasmlite yet "
                                f"(\"perfmap\" is)")
        self._profiler = value


class Engine(Managed):
    """Compilation environment shared by modules and stores. Closing it
    stops new Stores, Modules and Linkers from using it; what was already
    made with it keeps working, as in wasmtime-py."""

    def __init__(self, config: Optional[Config] = None) -> None:
        if config is None:
            config = Config()
        elif not isinstance(config, Config):
            raise TypeError(f"expected a Config, got {type(config).__name__}")
        config._check_open()
        config.close()                  # consumed, as in wasmtime-py
        self._rt = RuntimeEngine(opt_level=config._opt_level,
                                 max_wasm_stack=config._max_wasm_stack,
                                 consume_fuel=config._consume_fuel,
                                 epoch_interruption=config._epoch_interruption)
        self._rt.strategy = config._strategy
        self._rt.nan_canonicalization = config._nan_canonicalization
        self._rt.profiler = config._profiler     # (tier-up's code gets perf map lines too)
        self._rt.debug_info = config._debug_info
        if config._debug_info:
            from .runtime.gdbjit import available
            if not available():
                raise WasmtimeError("debug_info: this process has no GDB JIT interface to "
                                    "register code with (llvmlite's libllvmlite.so defines "
                                    "it; its symbol table was not found)")
            if config._strategy != "llvm":
                from .runtime.code_events import interpreter_arrived
                interpreter_arrived(self._rt)
        self._cache = None
        if config._cache_dir:
            from .compile.cache import DiskCache     # the compiler: only with a cache
            self._cache = DiskCache(config._cache_dir)
        # worker processes for big modules (None: compile_module decides)
        self._jobs = None if config._parallel else 1
        self._profiler = config._profiler
        self._disabled_features = config._disabled_features
        self._relaxed_deterministic = config._relaxed_deterministic

    def _settings(self) -> tuple:
        """What decides the code this engine compiles and how it runs
        (``shared_engine`` makes an engine from it)."""
        rt = self._rt
        return (rt.opt_level, rt.max_wasm_stack, rt.consume_fuel, rt.epoch_interruption,
                self._jobs is None, getattr(rt, "strategy", "auto"),
                tuple(sorted(self._disabled_features)), self._relaxed_deterministic,
                rt.nan_canonicalization)

    def __reduce__(self):
        raise TypeError("an Engine cannot be pickled: make a new Engine in the other "
                        "process (a Module pickles and is recompiled or reloaded there)")

    def is_pulley(self) -> bool:
        """Whether code runs on Wasmtime's Pulley interpreter: never here."""
        self._check_open()
        return False

    def increment_epoch(self) -> None:
        """Advance the epoch counter; wasm running in any thread of a store
        whose deadline it reaches traps with INTERRUPT (with
        ``Config.epoch_interruption``)."""
        self._check_open()
        self._rt.increment_epoch()


_shared_engines: dict[tuple, Engine] = {}
_shared_lock = threading.Lock()
_DEFAULT_SETTINGS: Optional[tuple] = None


def _engine_from_settings(settings: tuple) -> Engine:
    # (the last four were added later: a pickle made before has five)
    opt_level, max_wasm_stack, consume_fuel, epoch_interruption, parallel, *rest = settings
    strategy, disabled, deterministic, nan = (list(rest)
                                              + ["auto", (), False, False][len(rest):])[:4]
    config = Config()
    config._opt_level = opt_level
    config._max_wasm_stack = max_wasm_stack
    config._consume_fuel = consume_fuel
    config._epoch_interruption = epoch_interruption
    config._parallel = parallel
    config._strategy = strategy
    config._disabled_features = frozenset(disabled)
    config._relaxed_deterministic = bool(deterministic)
    config._nan_canonicalization = bool(nan)
    return Engine(config)


def shared_engine(settings: Optional[tuple] = None) -> Engine:
    """This process's Engine for ``settings`` (``Engine._settings()``; None:
    the default Config's), made once: ``Store()`` without an engine uses
    the default one, and unpickled Modules the one of their settings."""
    global _DEFAULT_SETTINGS
    with _shared_lock:
        if settings is None:
            if _DEFAULT_SETTINGS is None:
                engine = Engine()
                _DEFAULT_SETTINGS = engine._settings()
                _shared_engines.setdefault(_DEFAULT_SETTINGS, engine)
            settings = _DEFAULT_SETTINGS
        engine = _shared_engines.get(settings)
        if engine is None or engine._is_closed:
            engine = _shared_engines[settings] = _engine_from_settings(settings)
        return engine
