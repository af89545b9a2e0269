"""``Config`` and ``Engine``.

Settings wasmlite implements are kept; settings it does not implement raise
WasmtimeError when set to a value that would need them (never silently
ignored). Like wasmtime-py, Config properties are write-only and a Config is
consumed by the Engine made from it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from .compile.cache import DiskCache, default_cache_directory
from .compile.vmcontext import DEFAULT_MAX_WASM_STACK
from .errors import WasmtimeError
from .runtime import RuntimeEngine

__all__ = ["Config", "Engine"]

# cranelift_opt_level -> LLVM tier (compile/jit.py): "none" is the cheap tier
_OPT_LEVELS = {"none": 1, "speed": 2, "speed_and_size": 2}

# Wasm 2.0 proposals: on, and cannot be turned off.
_ALWAYS_ON = ("wasm_simd", "wasm_bulk_memory", "wasm_multi_value", "wasm_reference_types")
# Later proposals: off, and cannot be turned on yet.
_NOT_SUPPORTED = ("wasm_tail_call", "wasm_multi_memory", "wasm_memory64",
                  "wasm_relaxed_simd", "wasm_relaxed_simd_deterministic",
                  "wasm_exceptions", "wasm_threads", "wasm_gc",
                  "wasm_function_references", "wasm_extended_const", "debug_info")


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
            raise WasmtimeError(f"{name} = True is not supported by wasmlite")
    return property(None, setter, doc=f"{name}: only False is supported")


class Config:
    """Compilation and runtime settings for an Engine."""

    def __init__(self) -> None:
        self._opt_level = 2
        self._max_wasm_stack = DEFAULT_MAX_WASM_STACK
        self._consume_fuel = False
        self._epoch_interruption = False
        self._parallel = True
        self._cache_dir: Optional[Path] = None
        self._consumed = False

    def _check_open(self) -> None:
        if self._consumed:
            raise WasmtimeError("this Config was already used to create an Engine")

    for _name in _ALWAYS_ON:
        locals()[_name] = _always_on(_name)
    for _name in _NOT_SUPPORTED:
        locals()[_name] = _not_supported(_name)
    del _name

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
        (``Store.set_epoch_deadline``) and traps with INTERRUPT."""
        self._check_open()
        self._epoch_interruption = _bool(value)

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
        if type(value) is bool or not isinstance(value, int):
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
        self._check_open()
        if value not in ("auto", "cranelift"):
            raise WasmtimeError(f"unsupported compilation strategy: {value}")

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
        and ``directory``); False: no cache."""
        self._check_open()
        if value is False:
            self._cache_dir = None
        elif value is True:
            self._cache_dir = default_cache_directory()
        elif isinstance(value, (str, os.PathLike)):
            self._cache_dir = _cache_dir_from_config(value)
        else:
            raise TypeError("expected True, False or a config path")

    @property
    def profiler(self):
        raise AttributeError("profiler is write-only")

    @profiler.setter
    def profiler(self, value: str) -> None:
        self._check_open()
        if value != "none":
            raise WasmtimeError(f"unsupported profiler: {value}")


class Engine:
    """Compilation environment shared by modules and stores."""

    def __init__(self, config: Optional[Config] = None) -> None:
        if config is None:
            config = Config()
        elif not isinstance(config, Config):
            raise TypeError(f"expected a Config, got {type(config).__name__}")
        config._check_open()
        config._consumed = True
        self._rt = RuntimeEngine(opt_level=config._opt_level,
                                 max_wasm_stack=config._max_wasm_stack,
                                 consume_fuel=config._consume_fuel,
                                 epoch_interruption=config._epoch_interruption)
        self._cache = DiskCache(config._cache_dir) if config._cache_dir else None
        # worker processes for big modules (None: compile_module decides)
        self._jobs = None if config._parallel else 1

    def increment_epoch(self) -> None:
        """Advance the epoch counter; wasm running in any thread of a store
        whose deadline it reaches traps with INTERRUPT (with
        ``Config.epoch_interruption``)."""
        self._rt.increment_epoch()
