"""WASI 0.2 (the component-model WASI) as Python functions over component
values, for the component linker. The sandbox is preview 1's: the same
WasiConfig gives a component the same arguments, environment, stdio and
preopened directories, with the same path rules. Modules, one job each:

- host.py          the entry point: ``wasip2_interfaces(ctx)``, ``interface_key``
- context.py       ``Wasi2Context.from_config(config)``, one per store
- resources.py     the resource types; ``HostResource``, the base of every rep
- results.py       ``ok``/``err``: how ``result`` values are made
- error_codes.py   host errors -> filesystem and sockets error-codes (Wasmtime's)
- streams.py       input/output streams, wasi:io/error's error
- pollables.py     pollables and the wait behind poll
- descriptors.py   filesystem descriptors, directory-entry streams
- metadata.py      stat records, birth times, metadata hashes (as Wasmtime)
- funcs_io.py, funcs_cli.py, funcs_clocks.py, funcs_random.py,
  funcs_filesystem.py, funcs_sockets.py   the interfaces' functions
"""
from __future__ import annotations

from .context import Wasi2Context
from .host import INTERFACE_NAMES, HostInterface, interface_key, wasip2_interfaces
from .results import err, ok

__all__ = ["Wasi2Context", "HostInterface", "wasip2_interfaces", "interface_key",
           "INTERFACE_NAMES", "ok", "err"]
