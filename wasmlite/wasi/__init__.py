"""WASI preview 1 (``wasi_snapshot_preview1``) on the public host-function API.

``define_wasi(linker)`` defines every function of the snapshot as a host
function taking a Caller; each call finds the store's WasiContext (made by
``Store.set_wasi``) and the calling instance's ``memory`` (a memory.Guest),
runs the implementation and returns its errno, or raises Wasmtime's error
for a pointer it refuses. Modules, one job each:

- config.py   WasiConfig, DirPerms, FilePerms
- fdtable.py  the per-store context: argv, environment, descriptor table
- sandbox.py  resolving guest paths inside a preopened directory
- memory.py   guest memory with Wasmtime's rules for pointers and lengths
              (bounds, alignment, the per-call budget)
- errno.py    WASI errno values, host OSError -> errno
- witx.py     the flags and enum types; converting arguments to them (a trap
              when one does not convert, as in Wasmtime)
- funcs_env.py, funcs_fd.py, funcs_path.py, funcs_poll.py  the functions
"""
from __future__ import annotations

from . import funcs_env, funcs_fd, funcs_path, funcs_poll
from .config import DirPerms, FilePerms, WasiConfig
from .errno import WasiError, from_oserror
from .fdtable import WasiContext
from .memory import GuestError
from .witx import CONVERTED, call_error, check_arguments

__all__ = ["WasiConfig", "DirPerms", "FilePerms", "WasiContext", "define_wasi",
           "SIGNATURES", "MODULE"]

MODULE = "wasi_snapshot_preview1"

# name -> parameter types (every function but proc_exit returns an i32 errno)
SIGNATURES: dict[str, str] = {
    "args_get": "ii", "args_sizes_get": "ii", "environ_get": "ii", "environ_sizes_get": "ii",
    "clock_res_get": "ii", "clock_time_get": "iIi",
    "fd_advise": "iIIi", "fd_allocate": "iII", "fd_close": "i", "fd_datasync": "i",
    "fd_fdstat_get": "ii", "fd_fdstat_set_flags": "ii", "fd_fdstat_set_rights": "iII",
    "fd_filestat_get": "ii", "fd_filestat_set_size": "iI", "fd_filestat_set_times": "iIIi",
    "fd_pread": "iiiIi", "fd_prestat_get": "ii", "fd_prestat_dir_name": "iii",
    "fd_pwrite": "iiiIi", "fd_read": "iiii", "fd_readdir": "iiiIi", "fd_renumber": "ii",
    "fd_seek": "iIii", "fd_sync": "i", "fd_tell": "ii", "fd_write": "iiii",
    "path_create_directory": "iii", "path_filestat_get": "iiiii",
    "path_filestat_set_times": "iiiiIIi", "path_link": "iiiiiii",
    "path_open": "iiiiiIIii", "path_readlink": "iiiiii", "path_remove_directory": "iii",
    "path_rename": "iiiiii", "path_symlink": "iiiii", "path_unlink_file": "iii",
    "poll_oneoff": "iiii", "proc_exit": "i", "proc_raise": "i", "sched_yield": "",
    "random_get": "ii", "sock_accept": "iii", "sock_recv": "iiiiii", "sock_send": "iiiii",
    "sock_shutdown": "ii",
}

_IMPLS = {}
for _mod in (funcs_env, funcs_fd, funcs_path, funcs_poll):
    for _name in SIGNATURES:
        if hasattr(_mod, _name):
            _IMPLS[_name] = getattr(_mod, _name)
assert set(_IMPLS) == set(SIGNATURES), set(SIGNATURES) - set(_IMPLS)

_MASK = {"i": 0xFFFF_FFFF, "I": 0xFFFF_FFFF_FFFF_FFFF}
_and = int.__and__


def _host_function(impl, params: str):
    """The Caller-taking host function around ``impl(ctx, guest, *args)``."""
    masks = tuple(_MASK[p] for p in params)
    name = impl.__name__
    converts = name in CONVERTED

    def context(caller):
        """The store's WasiContext and the calling instance's memory, or
        the error Wasmtime gives for a missing one."""
        store = caller._store
        ctx = getattr(store, "_wasi", None) if store is not None else None
        if ctx is None:
            raise call_error([f"{MODULE}::{name} called in a store without WASI "
                              "(call Store.set_wasi first)"])
        inst = caller._instance
        rec = inst.exports.get("memory") if inst is not None else None
        memory = getattr(rec, "memory", None)
        if memory is None:
            raise call_error(["missing required memory export"])
        return ctx, memory

    def host(caller, *args):
        try:
            # the common case in one go; anything missing: context() says what
            ctx = caller._store._wasi
            memory = caller._instance.exports["memory"].memory
        except (AttributeError, KeyError):
            ctx = None
        if ctx is None or memory is None:
            ctx, memory = context(caller)
        g = ctx.guest(memory)
        # WASI's pointers and sizes are unsigned
        args = tuple(map(_and, args, masks))
        if converts:
            # flags and enum arguments, before anything else looks at them
            check_arguments(name, params, args)
        try:
            return impl(ctx, g, *args)
        except WasiError as e:
            return e.errno
        except OSError as e:
            return from_oserror(e)
        except GuestError as e:
            # Wasmtime traps on a guest pointer it refuses (memory.py)
            raise call_error(e.chain(name)) from None
    host.__name__ = host.__qualname__ = name
    return host


def define_wasi(linker) -> None:
    """Define every ``wasi_snapshot_preview1`` function in ``linker``."""
    from ..types import FuncType, ValType
    i32, i64 = ValType.i32(), ValType.i64()
    for name, params in SIGNATURES.items():
        ty = FuncType([i32 if p == "i" else i64 for p in params],
                      [] if name == "proc_exit" else [i32])
        linker.define_func(MODULE, name, ty, _host_function(_IMPLS[name], params),
                           access_caller=True)
