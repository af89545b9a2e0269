"""The flags and enum types of ``wasi_snapshot_preview1`` (its witx), and
the conversion every call's arguments go through first.

Wasmtime converts each flags or enum argument to its witx type before the
function runs (before the descriptor is looked up, before guest memory is
read), in parameter order, and a value that does not convert is a trap,
not an errno. As measured with wasmtime-py 50:

- the integer must fit the type's width, read as *signed* from the wasm
  value: an i32 with bit 31 set, or an i64 with bit 63 set, is
  ``Int conversion error: TryFromIntError(NegOverflow)``; an i32 above
  the width's maximum (0x10000 for a u16) is ``...(PosOverflow)``;
- then a flags value may have only its defined bits (``Invalid flag value
  Oflags``) and an enum value must name a case (``Invalid enum value
  Whence``).

``siflags`` is a plain u16 in the witx (no flags are defined), so only its
width is checked and Wasmtime names it ``u16``. Struct fields read from
memory (poll_oneoff's subscriptions) are not converted this way: that
function checks them itself and answers with an errno.
"""
from __future__ import annotations

from ..records import record
from typing import Optional

from ..errors import WasmtimeError


@record(frozen=True)
class WitxInt:
    """A witx integer type an argument converts to: ``bits`` wide; a flags
    type has ``mask`` (its defined bits), an enum ``cases`` (how many)."""

    name: str
    bits: int
    mask: Optional[int] = None
    cases: Optional[int] = None


# --- flags: the bit of each flag, then the type ---------------------------

# rights (u64): bit i is the i-th name
RIGHT_NAMES = (
    "FD_DATASYNC FD_READ FD_SEEK FD_FDSTAT_SET_FLAGS FD_SYNC FD_TELL FD_WRITE FD_ADVISE "
    "FD_ALLOCATE PATH_CREATE_DIRECTORY PATH_CREATE_FILE PATH_LINK_SOURCE PATH_LINK_TARGET "
    "PATH_OPEN FD_READDIR PATH_READLINK PATH_RENAME_SOURCE PATH_RENAME_TARGET "
    "PATH_FILESTAT_GET PATH_FILESTAT_SET_SIZE PATH_FILESTAT_SET_TIMES FD_FILESTAT_GET "
    "FD_FILESTAT_SET_SIZE FD_FILESTAT_SET_TIMES PATH_SYMLINK PATH_REMOVE_DIRECTORY "
    "PATH_UNLINK_FILE POLL_FD_READWRITE SOCK_SHUTDOWN SOCK_ACCEPT").split()
R: dict[str, int] = {name: 1 << i for i, name in enumerate(RIGHT_NAMES)}
ALL_RIGHTS = (1 << len(RIGHT_NAMES)) - 1

# fdflags (u16)
APPEND, DSYNC, NONBLOCK, RSYNC, SYNC = 1, 2, 4, 8, 16
# oflags (u16)
O_CREAT, O_DIRECTORY, O_EXCL, O_TRUNC = 1, 2, 4, 8
# lookupflags (u32)
SYMLINK_FOLLOW = 1
# fstflags (u16)
ATIM, ATIM_NOW, MTIM, MTIM_NOW = 1, 2, 4, 8
# riflags (u16), sdflags (u8)
RECV_PEEK, RECV_WAITALL = 1, 2
SHUT_RD, SHUT_WR = 1, 2
# subclockflags (u16, a subscription field)
ABSTIME = 1

RIGHTS = WitxInt("Rights", 64, mask=ALL_RIGHTS)
FDFLAGS = WitxInt("Fdflags", 16, mask=APPEND | DSYNC | NONBLOCK | RSYNC | SYNC)
OFLAGS = WitxInt("Oflags", 16, mask=O_CREAT | O_DIRECTORY | O_EXCL | O_TRUNC)
LOOKUPFLAGS = WitxInt("Lookupflags", 32, mask=SYMLINK_FOLLOW)
FSTFLAGS = WitxInt("Fstflags", 16, mask=ATIM | ATIM_NOW | MTIM | MTIM_NOW)
RIFLAGS = WitxInt("Riflags", 16, mask=RECV_PEEK | RECV_WAITALL)
SDFLAGS = WitxInt("Sdflags", 8, mask=SHUT_RD | SHUT_WR)
SIFLAGS = WitxInt("u16", 16)

# --- enums: the cases, then the type --------------------------------------

SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2
REALTIME, MONOTONIC, PROCESS_CPUTIME, THREAD_CPUTIME = 0, 1, 2, 3
# eventtype (u8, a subscription field)
EVENT_CLOCK, EVENT_FD_READ, EVENT_FD_WRITE = 0, 1, 2

WHENCE = WitxInt("Whence", 8, cases=3)
ADVICE = WitxInt("Advice", 8, cases=6)       # normal ... noreuse
CLOCKID = WitxInt("Clockid", 32, cases=4)
SIGNAL = WitxInt("Signal", 8, cases=31)      # none, hup ... sys

# function -> (parameter index, type) for each argument Wasmtime converts,
# in parameter order (the first that fails is the one reported)
CONVERTED: dict[str, tuple[tuple[int, WitxInt], ...]] = {
    "clock_res_get": ((0, CLOCKID),),
    "clock_time_get": ((0, CLOCKID),),
    "fd_advise": ((3, ADVICE),),
    "fd_fdstat_set_flags": ((1, FDFLAGS),),
    "fd_fdstat_set_rights": ((1, RIGHTS), (2, RIGHTS)),
    "fd_filestat_set_times": ((3, FSTFLAGS),),
    "fd_seek": ((2, WHENCE),),
    "path_filestat_get": ((1, LOOKUPFLAGS),),
    "path_filestat_set_times": ((1, LOOKUPFLAGS), (6, FSTFLAGS)),
    "path_link": ((1, LOOKUPFLAGS),),
    "path_open": ((1, LOOKUPFLAGS), (4, OFLAGS), (5, RIGHTS), (6, RIGHTS), (7, FDFLAGS)),
    "proc_raise": ((0, SIGNAL),),
    "sock_accept": ((1, FDFLAGS),),
    "sock_recv": ((3, RIFLAGS),),
    "sock_send": ((3, SIFLAGS),),
    "sock_shutdown": ((1, SDFLAGS),),
}


def conversion_error(func: str, ty: WitxInt, value: int,
                     wasm_bits: int) -> Optional[list[str]]:
    """Why ``value`` (an argument of ``func``, the unsigned bits of a wasm
    value ``wasm_bits`` wide) does not convert to ``ty``, worded as Wasmtime
    words it (the error's chain, outermost first); None when it converts."""
    if value >> (wasm_bits - 1):
        causes = ["Int conversion error: TryFromIntError(NegOverflow)",
                  "number too small to fit in target type"]
    elif value >> ty.bits:
        causes = ["Int conversion error: TryFromIntError(PosOverflow)",
                  "number too large to fit in target type"]
    elif ty.mask is not None and value & ~ty.mask:
        causes = [f"Invalid flag value {ty.name}"]
    elif ty.cases is not None and value >= ty.cases:
        causes = [f"Invalid enum value {ty.name}"]
    else:
        return None
    return [f"In func wasi_snapshot_preview1::{func} at convert {ty.name}: {causes[0]}"] + causes


def call_error(chain: list[str]) -> WasmtimeError:
    """The error a WASI call raises where Wasmtime's fails with an error
    rather than an errno: its message is ``chain`` as Wasmtime prints it,
    and ``.wasi_chain`` keeps the chain (``wasmlite run`` reports it as
    ``wasmtime run`` does)."""
    error = WasmtimeError(format_chain(chain))
    error.wasi_chain = list(chain)
    return error


def format_chain(chain: list[str]) -> str:
    """An error chain as Wasmtime prints one (anyhow's layout): the
    outermost message, then its causes, numbered when there are several.
    Wasmtime puts the wasm backtrace first; a host function here has none
    to give."""
    text = chain[0]
    causes = chain[1:]
    if len(causes) == 1:
        text += f"\n\nCaused by:\n    {causes[0]}"
    elif causes:
        text += "\n\nCaused by:\n" + "\n".join(f"{i:>5}: {c}" for i, c in enumerate(causes))
    return text


def check_arguments(func: str, params: str, args: tuple) -> None:
    """Raise Wasmtime's error for the first of ``func``'s flags or enum
    arguments that does not convert (``params``: its "i"/"I" signature,
    ``args`` the unsigned values)."""
    for index, ty in CONVERTED.get(func, ()):
        why = conversion_error(func, ty, args[index], 64 if params[index] == "I" else 32)
        if why is not None:
            raise call_error(why)
