"""Ctrl-C stops running wasm.

While wasm runs, the GIL is released and Python's own SIGINT handler can only
trip a flag that Python looks at once the wasm call returns -- which a
runaway loop never does. So wasmlite puts a small native handler of its own
in front of Python's (generated with LLVM; no C compiler needed):

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
import ctypes.util
import signal
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


def _handler_library():
    """The native handler (compiled once per process)."""
    lib = _state.get("library")
    if lib is None:
        from ..compile import jit
        flag, active = INTERRUPT_BLOCK_ADDRESS, INTERRUPT_BLOCK_ADDRESS + 4
        prev = ctypes.addressof(_PREVIOUS)
        symbol = jit.new_symbol("wasmlite_sigint")
        text = jit.module_header() + f"""
define void @on_sigint(i32 %sig) nounwind {{
entry:
  %active = load atomic i32, ptr inttoptr (i64 {active} to ptr) seq_cst, align 4
  %busy = icmp ne i32 %active, 0
  br i1 %busy, label %set, label %chain
set:
  store atomic i32 1, ptr inttoptr (i64 {flag} to ptr) seq_cst, align 4
  br label %chain
chain:
  %prev = load ptr, ptr inttoptr (i64 {prev} to ptr)
  %h = ptrtoint ptr %prev to i64
  %real = icmp ugt i64 %h, 1
  br i1 %real, label %call, label %done
call:
  call void %prev(i32 %sig)
  br label %done
done:
  ret void
}}
@{symbol} = constant [1 x ptr] [ptr @on_sigint]
"""
        lib = _state["library"] = jit.build_library(text, symbol, 1, opt_level=1)
    return lib


def ensure_sigint_handler() -> None:
    """Put the native handler in front of Python's SIGINT handler (main
    thread, Linux only; a no-op when it is already there)."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return
    with _lock:
        try:
            libc = _state.get("libc")
            if libc is None:
                libc = _state["libc"] = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6",
                                                    use_errno=True)
            current = ctypes.create_string_buffer(_SIGACTION_SIZE)
            if libc.sigaction(signal.SIGINT, None, current) != 0:
                return
            handler = ctypes.c_void_p.from_buffer(current).value or 0
            ours = _handler_library().addresses[0]
            flags = ctypes.c_int.from_buffer(current, _SA_FLAGS_OFFSET).value
            if handler == ours or handler in (_SIG_DFL, _SIG_IGN) or flags & _SA_SIGINFO:
                return
            _PREVIOUS.value = handler
            ctypes.c_void_p.from_buffer(current).value = ours
            libc.sigaction(signal.SIGINT, current, None)
        except (OSError, AttributeError):
            return          # no Ctrl-C support here; wasm still runs


def deliver_pending_signals() -> None:
    """Run Python's pending signal handlers now (after an INTERRUPT trap):
    a KeyboardInterrupt from Ctrl-C is raised from here."""
    ctypes.pythonapi.PyErr_CheckSignals()
