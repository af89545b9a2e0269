"""A big module's function bodies validated by two processes at once.

``Module()`` validates every body before it returns (an invalid module fails
there, as in Wasmtime), and body validation is most of a big module's
``Module()``: CPython for WASI's 10,621 bodies took 1.23 s of its 1.65 s on
one core (decode 0.40 s), QuickJS's 1,512 took 0.34 of 0.45 s, while the
machine's other core idled. Python threads would take turns under the GIL,
so a helper *process* does half of the work:

* ``start_helper`` (called before the decode) starts ``python -c
  _helper_main`` and writes it the binary and the disabled features from a
  thread, so the decode here does not wait for the child to read.
* The helper decodes the same bytes, checks the module-level rules as
  ``_validate`` does here, then validates bodies from the last one down,
  writing how far down it got (``low L FEATURES``: bodies L..n-1 are valid
  and used those features) every few bodies. At the first body it cannot
  validate it reports the ones above it and stops.
* This process validates from the first body up, for as long as its index is
  below the helper's ``low``, then kills the helper. Bodies the helper
  vouched for get their FuncInfo when first read (validate.py
  ``_LazyFuncInfos``, as for a module the disk cache vouches for; the tiers
  read only ModuleInfo.features).

Errors are those of validating every body in order here: the helper never
reports an error, it only stops above a body it could not validate, and
this process then reaches that body and raises (or, with an earlier invalid
body, raises that one first). A helper that cannot start, dies, or decodes
another number of functions (a different wasmlite on its path) vouches for
nothing, and this process validates the rest itself.
"""
from __future__ import annotations

import os
import struct
import sys
import threading
from typing import Any, Optional

# (json, subprocess: imported where a helper is used; module.py imports
# this module for HELPER_MIN_BYTES)

# a binary this big has enough bodies to pay for a helper process (~0.1 s to
# start and import wasmlite, then the decode again): QuickJS's 1.5 MB
# Module() 0.45 -> 0.32 s; below ~1 MB the helper is ready when this
# process has nearly finished
HELPER_MIN_BYTES = 1 << 20
# the helper reports its progress every this many bodies
_REPORT_EVERY = 16

_HEADER = struct.Struct("<IQ")       # length of the JSON settings, of the binary


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _idle_core() -> bool:
    """Whether a core is likely free for the helper: two or more, and a
    one-minute load average below all of them but half a core (this
    process, busy, counts ~1). On a busy machine the helper's decode is
    extra work that takes the core this process needs: measured while the
    test suite ran on both cores, CPython's Module() took 1.60 s with a
    helper and 1.26 s without."""
    cores = _cores()
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True         # (no load average: Windows) the cores alone say
    return load < cores - 0.5


class BodyHelper:
    """The parent's side of one helper process."""

    def __init__(self, proc: Any) -> None:
        self.proc = proc
        self.nfuncs = -1                    # as the helper decoded them
        # (low, features): bodies low.. are valid; one tuple, replaced whole
        self.state: tuple[int, frozenset] = (sys.maxsize, frozenset())
        self._reader = threading.Thread(target=self._read, name="wasmlite-validate",
                                        daemon=True)
        self._reader.start()

    def _read(self) -> None:
        import json
        try:
            for line in self.proc.stdout:
                word, _, rest = line.decode().partition(" ")
                if word == "n":
                    self.nfuncs = int(rest)
                elif word == "low":
                    low, _, feats = rest.partition(" ")
                    self.state = (int(low), frozenset(json.loads(feats)))
        except (OSError, ValueError):
            pass                # a helper that garbles vouches for what it said so far

    def low(self, nfuncs: int) -> int:
        """The first body the helper vouches for (``nfuncs``: none)."""
        if self.nfuncs != nfuncs:
            return nfuncs
        return min(self.state[0], nfuncs)

    def finish(self, nfuncs: int) -> tuple[int, frozenset]:
        """Stop the helper; (low, features of the bodies from low on)."""
        self.close()
        if self.nfuncs != nfuncs:
            return nfuncs, frozenset()
        low, feats = self.state
        return min(low, nfuncs), feats

    def close(self) -> None:
        """End the helper (it holds nothing that needs a clean exit)."""
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait()
        except OSError:
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except OSError:
                pass


def start_helper(binary: bytes, disabled: frozenset) -> Optional[BodyHelper]:
    """A helper validating ``binary``'s bodies from the top, or None where
    one does not pay (small module, one core) or cannot start."""
    if len(binary) < HELPER_MIN_BYTES or not _idle_core():
        return None
    import subprocess
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        # -P: not the working directory first on sys.path (another wasmlite there)
        proc = subprocess.Popen(
            [sys.executable, "-P", "-c",
             "from wasmlite.valid.parallel import _helper_main; _helper_main()",
             str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, close_fds=True)
    except (OSError, ValueError):
        return None
    import json
    settings = json.dumps(sorted(disabled)).encode()

    def feed() -> None:
        try:
            proc.stdin.write(_HEADER.pack(len(settings), len(binary)))
            proc.stdin.write(settings)
            proc.stdin.write(binary)
            proc.stdin.flush()
        except (OSError, ValueError):
            pass                # the helper ended (or was ended): nothing to feed
    try:
        threading.Thread(target=feed, name="wasmlite-validate-feed", daemon=True).start()
        return BodyHelper(proc)
    except RuntimeError:        # no new threads (the interpreter is shutting down)
        proc.kill()
        proc.wait()
        return None


def _helper_main() -> None:
    """The helper process: read the settings and the binary, decode, check
    the module-level rules and report bodies valid from the top down."""
    import json
    _die_with_parent()
    inp = sys.stdin.buffer
    out = sys.stdout.buffer
    head = inp.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return
    nsettings, nbinary = _HEADER.unpack(head)
    disabled = frozenset(json.loads(inp.read(nsettings)))
    binary = inp.read(nbinary)
    if len(binary) != nbinary:
        return
    from ..binary.decode import decode_module
    from .validate import validate_module
    # (bodies unscanned: the parent's decode checks them, and one that is
    # malformed fails there before anything the helper says is used)
    module = decode_module(binary, unchecked_bodies=True)
    nfuncs = len(module.funcs)
    out.write(f"n {nfuncs}\n".encode())
    out.flush()

    def report(low: int, used: set) -> None:
        out.write(f"low {low} {json.dumps(sorted(used))}\n".encode())
        out.flush()
    # (anything invalid outside the bodies: the parent finds it too)
    validate_module(module, disabled, top_down=(report, _REPORT_EVERY))


def _die_with_parent() -> None:
    """On Linux, have the kernel end the helper when the process that
    started it ends (say by ``os._exit`` on Ctrl-C mid-``Module()``): it
    never reads its stdin again, so it would not notice until it reports."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)       # PR_SET_PDEATHSIG
        if sys.argv[1:] and os.getppid() != int(sys.argv[1]):
            os._exit(0)             # the parent was gone before that
    except (OSError, AttributeError, ValueError):
        pass
