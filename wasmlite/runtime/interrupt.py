"""Ctrl-C stops running wasm.

While wasm runs, the GIL is released and Python's own SIGINT handler can only
trip a flag that Python looks at once the wasm call returns -- which a
runaway loop never does. So wasmlite puts a small native handler of its own
in front of Python's (generated with LLVM; no C compiler needed; see
``SIGINT_IR``):

* a process-wide block of two i32: ``flag`` and ``active`` (how many
  outermost wasm activations are running, counted by the entry trampolines);
* on SIGINT the native handler sets ``flag`` if any wasm is running, then
  calls Python's handler exactly as before;
* generated code checks ``flag`` at every loop header (through
  ``limits.interrupt_ptr``) and traps with INTERRUPT; the first outermost
  entry after all wasm has stopped clears it;
* an INTERRUPT trap asks Python to run its pending signal handlers
  (``PyErr_CheckSignals``), so on the main thread the caller gets the
  ``KeyboardInterrupt`` itself, exactly where a pure-Python loop would.

The handler is installed lazily, from the main thread, when a store is
created, and only over a real Python handler (never over SIG_DFL/SIG_IGN);
if Python's handler was replaced since, it is put back in front of the new
one. It keeps the previous action's flags (no SA_RESTART is added, so
blocking calls still see EINTR). Wasm running in other threads traps with
INTERRUPT on Ctrl-C too: Ctrl-C means stop.
"""
from __future__ import annotations

import ctypes
import sys
import threading

INTERRUPT_BLOCK = (ctypes.c_int32 * 2)()        # [flag, active]
INTERRUPT_BLOCK_ADDRESS: int = ctypes.addressof(INTERRUPT_BLOCK)
_PREVIOUS = ctypes.c_void_p(0)                  # the handler we chain to
_state: dict = {}
_lock = threading.Lock()

# struct sigaction (Linux, glibc): handler, 128-byte mask, int flags, restorer
_SIGACTION_SIZE = 152
_SA_FLAGS_OFFSET = 136
_SA_SIGINFO = 4
_SIG_DFL, _SIG_IGN = 0, 1
_SIGINT = 2             # Linux's number on every architecture (the signal module
                        # costs ~1 ms to import and this runs on Linux only)


# The handler reads the block and the chained handler through two globals
# that the loader fills (rather than addresses baked into the code), so the
# same object serves every process: the interpreter's prebuilt library
# (interp/library.py) carries it, and a process without the interpreter
# compiles it once.
SIGINT_SYMBOLS = ("on_sigint", "wasmlite_sigint_block", "wasmlite_sigint_prev")
SIGINT_IR = """
@wasmlite_sigint_block = global ptr null
@wasmlite_sigint_prev = global ptr null
define void @on_sigint(i32 %sig) nounwind {
entry:
  %block = load ptr, ptr @wasmlite_sigint_block
  %active_p = getelementptr i8, ptr %block, i64 4
  %active = load atomic i32, ptr %active_p seq_cst, align 4
  %busy = icmp ne i32 %active, 0
  br i1 %busy, label %set, label %chain
set:
  store atomic i32 1, ptr %block seq_cst, align 4
  br label %chain
chain:
  %prev_p = load ptr, ptr @wasmlite_sigint_prev
  %prev = load ptr, ptr %prev_p
  %h = ptrtoint ptr %prev to i64
  %real = icmp ugt i64 %h, 1
  br i1 %real, label %call, label %done
call:
  call void %prev(i32 %sig)
  br label %done
done:
  ret void
}
"""


def _handler_address(with_interpreter: bool) -> int:
    """The native handler's address, its globals filled (once per process):
    from the interpreter's library when this process uses the interpreter,
    else compiled here."""
    address = _state.get("handler")
    if address is None:
        if with_interpreter:
            from ..interp.library import interpreter
            a = interpreter().address
            handler, block, prev = (a[s] for s in SIGINT_SYMBOLS)
        else:
            from ..compile import jit
            symbol = jit.new_symbol("wasmlite_sigint")
            table = ", ".join(f"ptr @{s}" for s in SIGINT_SYMBOLS)
            text = (jit.module_header() + SIGINT_IR +
                    f"@{symbol} = constant [3 x ptr] [{table}]\n")
            lib = _state["library"] = jit.build_library(text, symbol, 3, opt_level=1)
            handler, block, prev = lib.addresses
        ctypes.c_void_p.from_address(block).value = INTERRUPT_BLOCK_ADDRESS
        ctypes.c_void_p.from_address(prev).value = ctypes.addressof(_PREVIOUS)
        address = _state["handler"] = handler
    return address


def ensure_sigint_handler(with_interpreter: bool = False) -> None:
    """Put the native handler in front of Python's SIGINT handler (main
    thread, Linux only; a no-op when it is already there). With
    ``with_interpreter`` the handler comes from the interpreter's library
    (no LLVM run in the process)."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return
    with _lock:
        try:
            libc = _state.get("libc")
            if libc is None:
                # the process's own symbols include libc's (find_library
                # would run ldconfig in a subprocess: ~2 ms); the loader's
                # handle of them serves (one CDLL a process)
                from ..compile.loader import _c_library
                libc = _state["libc"] = _c_library()
            current = ctypes.create_string_buffer(_SIGACTION_SIZE)
            if libc.sigaction(_SIGINT, None, current) != 0:
                return
            handler = ctypes.c_void_p.from_buffer(current).value or 0
            ours = _handler_address(with_interpreter)
            flags = ctypes.c_int.from_buffer(current, _SA_FLAGS_OFFSET).value
            if handler == ours or handler in (_SIG_DFL, _SIG_IGN) or flags & _SA_SIGINFO:
                return
            _PREVIOUS.value = handler
            ctypes.c_void_p.from_buffer(current).value = ours
            libc.sigaction(_SIGINT, current, None)
        except Exception:  # noqa: BLE001 - no libc to ask (not glibc, not Linux)
            return          # no Ctrl-C support here; wasm still runs


def deliver_pending_signals() -> None:
    """Run Python's pending signal handlers now (after an INTERRUPT trap):
    a KeyboardInterrupt from Ctrl-C is raised from here."""
    ctypes.pythonapi.PyErr_CheckSignals()
