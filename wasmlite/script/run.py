"""The .wast script runner: ``wasmlite wast FILE...``.

Every module command and assertion counts as one check. Checks that need
execution are run through ``Executor`` (the runtime) when it is available and
reported as skipped when it is not, so the front end can be measured alone.
"""
from __future__ import annotations

import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..binary.component_decode import decode_component
from ..binary.decode import decode_module
from ..runtime.exceptions import ThrownException
from ..errors import InvalidError, MalformedError, Trap, WasmtimeError
from ..syntax.module import Module
from ..syntax.instructions import OFF_BY_DEFAULT
from ..syntax.types import ANYREF, EXTERNREF, F32, F64, FUNCREF, V128
from ..text import script as S
from ..text.component_parse import parse_component
from ..text.parse import parse_module
from ..valid.component import validate_component
from ..valid.validate import validate_module


@dataclass
class Outcome:
    """The tally of one script (or of several, added together)."""

    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)

    def __iadd__(self, other: "Outcome") -> "Outcome":
        self.passed += other.passed
        self.failed += other.failed
        self.skipped += other.skipped
        self.failures += other.failures
        return self

    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


class Skip(Exception):
    """A check that cannot be decided without a part not yet built."""


class CheckFailed(Exception):
    """A check whose outcome differs from what the script expects."""


# the instance of a component that was not instantiated (no component
# runtime): what uses it is skipped, not failed
_NOT_RUN = object()


class _Component:
    """A component instance of the script: what the executor's
    ``instantiate_component`` made (its actions go to ``invoke_component``)."""
    __slots__ = ("run",)

    def __init__(self, run: object) -> None:
        self.run = run


class _ComponentResults(list):
    """The results of a component function: ``(type, Python value)`` pairs."""


def _bare(name: str) -> str:
    """A script name as Wasmtime's wast names it (without the ``$``)."""
    return name[1:] if name.startswith("$") else name


def load_module(cmd: "S.ModuleCmd", disabled: frozenset = frozenset()) -> Module:
    """Text, binary or quoted module → syntax.Module (malformed → raises).
    ``disabled``: as parse_module's, for a quoted module."""
    if cmd.kind == "text":
        return cmd.module
    if cmd.kind == "binary":
        return decode_module(cmd.source, disabled)
    return parse_module(cmd.source, disabled)


def load_component(cmd: "S.ComponentCmd") -> bytes:
    """A script's component → its bytes (a quoted one is parsed now:
    malformed text raises TextParseError)."""
    if cmd.kind == "quote":
        return parse_component(cmd.source)
    return cmd.binary


def check_component(data: bytes):
    """Decode and validate a component binary (MalformedError /
    InvalidError); returns the decoded component."""
    component = decode_component(data)
    validate_component(component)
    return component


# --------------------------------------------------------------- results

def _lanes(bits: int, shape: str) -> list[int]:
    width = 128 // int(shape[4:] if shape[3] == "x" else shape[3:])
    count = 128 // width
    mask = (1 << width) - 1
    return [(bits >> (i * width)) & mask for i in range(count)]


def _is_nan(bits: int, ty) -> bool:
    if ty is F32:
        return (bits & 0x7F800000) == 0x7F800000 and bits & 0x007FFFFF != 0
    return (bits & 0x7FF0000000000000) == 0x7FF0000000000000 and bits & 0xFFFFFFFFFFFFF != 0


_GC_KINDS = ("struct", "array", "i31", "eq", "any")


def _gc_kind(bits: int, heap: str) -> bool:
    """Whether the raw bits of a non-null any-hierarchy reference are of
    abstract heap type ``heap`` (compile/gc_values.py's encoding; an object
    says in its header whether it is an array)."""
    if heap == "any":
        return True
    if heap in ("i31", "eq") and bits & 1:
        return True
    if bits & 3 or heap == "i31":
        return False
    if heap == "eq":
        return True
    import ctypes
    from ..compile.vmcontext import GC_ARRAY_FLAG
    is_array = bool(ctypes.c_uint64.from_address(bits).value & GC_ARRAY_FLAG)
    return is_array == (heap == "array")


def _nan_matches(bits: int, pattern: "S.NanPattern") -> bool:
    """canonical: only the quiet bit set in the payload; arithmetic: quiet bit set."""
    if pattern.type is F32:
        quiet, magnitude = 0x7FC00000, bits & 0x7FFFFFFF
    else:
        quiet, magnitude = 0x7FF8000000000000, bits & 0x7FFFFFFFFFFFFFFF
    if pattern.kind == "canonical":
        return magnitude == quiet
    return _is_nan(bits, pattern.type) and (magnitude & quiet) == quiet


def _describe(bits, ty) -> str:
    if bits is None or ty is None:
        return repr(bits)
    if ty is F32:
        return f"f32 {struct.unpack('<f', struct.pack('<I', bits))[0]!r} (0x{bits:08x})"
    if ty is F64:
        return f"f64 {struct.unpack('<d', struct.pack('<Q', bits))[0]!r} (0x{bits:016x})"
    if ty is V128:
        return f"v128 0x{bits:032x}"
    return f"{ty} {bits!r}"


# --------------------------------------------------------------- runner

class ScriptRunner:
    """Runs the commands of one script in order, keeping its named modules."""

    def __init__(self, filename: str, executor_factory: Optional[Callable] = None,
                 disabled: frozenset = frozenset()) -> None:
        self.filename = filename
        # features validation rejects (validate_module's ``disabled``): the
        # 2.0 suite turns off the 3.0 ones that make valid what 2.0 rejects
        self.disabled = disabled
        self.outcome = Outcome()
        self.executor = None
        self.executor_error: Optional[str] = None
        if executor_factory is not None:
            self.executor = executor_factory()
        self.instances: dict[Optional[str], object] = {}  # id (None = last) -> instance
        # every module command's module, for ``(module instance ...)``:
        # id (None = last) -> (module, info, compiled form or None till needed)
        self.definitions: dict[Optional[str], list] = {}
        self.threads: dict[Optional[str], tuple] = {}     # (thread ...) still running
        # ``(component definition ...)`` and every component command's bytes,
        # for ``(component instance ...)``: id (None = last) -> bytes
        self.component_definitions: dict[Optional[str], bytes] = {}

    # -- bookkeeping ---------------------------------------------------------

    def _check(self, line: int, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Skip:
            self.outcome.skipped += 1
        except CheckFailed as e:
            self.outcome.failed += 1
            self.outcome.failures.append(f"{self.filename}:{line}: {e}")
        except RecursionError as e:  # never let one command end the script
            self.outcome.failed += 1
            self.outcome.failures.append(f"{self.filename}:{line}: recursion: {e}")
        except (WasmtimeError, Exception) as e:  # noqa: BLE001 - report, go on
            self.outcome.failed += 1
            self.outcome.failures.append(
                f"{self.filename}:{line}: unexpected {type(e).__name__}: {e}")
        else:
            self.outcome.passed += 1

    def _need_executor(self):
        if self.executor is None:
            raise Skip()
        return self.executor

    def _instance(self, module_id: Optional[str]):
        self._need_executor()
        inst = self.instances.get(module_id)
        if inst is _NOT_RUN:
            raise Skip()        # a component no executor could instantiate
        if inst is None:
            raise CheckFailed(f"no instance of module {module_id or '(current)'}")
        return inst

    # -- commands ------------------------------------------------------------

    def run(self, commands: list) -> Outcome:
        handlers = {
            S.ModuleCmd: self._module,
            S.ModuleInstance: self._module_instance,
            S.Register: self._register,
            S.Invoke: self._action_cmd,
            S.Get: self._action_cmd,
            S.AssertReturn: self._assert_return,
            S.AssertTrap: self._assert_trap,
            S.AssertExhaustion: self._assert_exhaustion,
            S.AssertException: self._assert_exception,
            S.AssertMalformed: self._assert_malformed,
            S.AssertInvalid: self._assert_invalid,
            S.AssertUnlinkable: self._assert_unlinkable,
            S.AssertUninstantiable: self._assert_uninstantiable,
            S.ComponentCmd: self._component,
            S.ComponentInstance: self._component_instance,
            S.Thread: self._thread,
            S.Wait: self._wait,
        }
        for cmd in commands:
            handler = handlers[type(cmd)]
            self._check(cmd.line, lambda: handler(cmd))
        return self.outcome

    def _define(self, cmd: "S.ModuleCmd"):
        """Decode/parse, validate and (if possible) instantiate a module."""
        module = load_module(cmd, self.disabled)
        info = validate_module(module, self.disabled)
        return module, info

    def _module(self, cmd: "S.ModuleCmd") -> None:
        if cmd.definition:
            # a definition is compiled, never instantiated here: it may ask
            # for more than a store can give (memory.wast's 65536 pages)
            self.definitions[None] = None
            if cmd.id is not None:
                self.definitions[cmd.id] = None
            module, info = self._define(cmd)
            entry = [module, info, None]
            if self.executor is not None:
                entry[2] = self.executor.compile(module, info)
            self.definitions[None] = entry
            if cmd.id is not None:
                self.definitions[cmd.id] = entry
            return
        # Forget the previous instance first: if this one fails, later
        # commands must not silently run against the old one.
        self.instances[None] = None
        if cmd.id is not None:
            self.instances[cmd.id] = None
        module, info = self._define(cmd)
        entry = [module, info, None]
        self.definitions[None] = entry
        if cmd.id is not None:
            self.definitions[cmd.id] = entry
        if self.executor is None:
            return  # decided: well formed and valid
        entry[2] = compiled = self.executor.compile(module, info)
        inst = self.executor.instantiate_compiled(module, compiled)
        self._named(cmd.id, inst)

    # -- components ----------------------------------------------------------
    # Decoding and validation decide a component command on their own; an
    # instance needs the executor's ``instantiate_component(bytes)`` (the
    # component runtime's entry point): without one, what needs it is skipped.

    def _component_instantiator(self, name: Optional[str] = "") -> Callable:
        """The executor's ``instantiate_component``; without one, Skip, and
        the instance this command would have made (current, and ``name``
        when given) is one the checks using it skip over."""
        ex = self.executor
        instantiate = getattr(ex, "instantiate_component", None)
        if instantiate is None:
            if name != "":
                self.instances[None] = _NOT_RUN
                if name is not None:
                    self.instances[name] = _NOT_RUN
            raise Skip()
        return instantiate

    def _component(self, cmd: "S.ComponentCmd") -> None:
        if not cmd.definition:
            # forget the previous instance first, as for a module
            self.instances[None] = None
            if cmd.id is not None:
                self.instances[cmd.id] = None
        data = load_component(cmd)
        check_component(data)
        self.component_definitions[None] = data
        if cmd.id is not None:
            self.component_definitions[cmd.id] = data
        if cmd.definition or self.executor is None:
            return  # decided: well formed and valid
        self._named_component(cmd.id, self._component_instantiator(cmd.id)(data))

    def _component_instance(self, cmd: "S.ComponentInstance") -> None:
        self.instances[None] = None
        if cmd.id is not None:
            self.instances[cmd.id] = None
        data = self.component_definitions.get(cmd.component_id)
        if data is None:
            raise CheckFailed(f"no component {cmd.component_id or '(current)'} to instantiate")
        self._need_executor()
        self._named_component(cmd.id, self._component_instantiator(cmd.id)(data))

    def _named_component(self, name: Optional[str], run: object) -> None:
        """The component instance ``run`` is the current instance; under a
        name, the script's, and (as in Wasmtime's wast) its core modules and
        resource types are importable from an instance of that name."""
        inst = _Component(run)
        self.instances[None] = inst
        if name is not None:
            self.instances[name] = inst
            register = getattr(self.executor, "register_component", None)
            if register is not None:
                register(_bare(name), run)

    def _named(self, name: Optional[str], inst) -> None:
        """``inst`` is the current instance, and under its name both the
        script's and (Wasmtime's wast convention) importable: its name
        without the ``$`` is a module name imports can use, as after a
        ``register``."""
        self.instances[None] = inst
        if name is not None:
            self.instances[name] = inst
            self.executor.register(name[1:] if name.startswith("$") else name, inst)

    def _thread(self, cmd: "S.Thread") -> None:
        """Run the thread's commands on a Python thread, with a runner that
        sees the shared instances and registers into a registry of its own
        (the threads proposal's scripts); ``wait`` collects its checks."""
        import threading
        ex = self._need_executor()
        child = ScriptRunner(self.filename, None, self.disabled)
        child.executor = ex.fork()
        for name in cmd.shared:
            inst = self.instances.get(name)
            if inst is None:
                raise CheckFailed(f"thread {cmd.id}: no instance {name} to share")
            child.instances[name] = inst
        worker = threading.Thread(target=child.run, args=(cmd.commands,), daemon=True,
                                  name=f"wast thread {cmd.id}")
        self.threads[cmd.id] = (worker, child)
        worker.start()

    def _wait(self, cmd: "S.Wait") -> None:
        entry = self.threads.pop(cmd.id, None)
        if entry is None:
            raise CheckFailed(f"no thread {cmd.id} to wait for")
        worker, child = entry
        worker.join()
        # the thread's own checks count as the script's
        self.outcome += child.outcome

    def _module_instance(self, cmd: "S.ModuleInstance") -> None:
        self.instances[None] = None
        if cmd.id is not None:
            self.instances[cmd.id] = None
        entry = self.definitions.get(cmd.module_id)
        if entry is None:
            raise CheckFailed(f"no module {cmd.module_id or '(current)'} to instantiate")
        ex = self._need_executor()
        module, info, compiled = entry
        if compiled is None:
            entry[2] = compiled = ex.compile(module, info)
        # each instance command makes new state (instantiation is generative)
        inst = ex.instantiate_compiled(module, compiled)
        self._named(cmd.id, inst)

    def _register(self, cmd: "S.Register") -> None:
        ex = self._need_executor()
        inst = self._instance(cmd.module_id)
        if isinstance(inst, _Component):
            # as Wasmtime's wast: a named component registers its modules
            # and resource types itself; ``register`` is for core instances
            raise CheckFailed("register not implemented for components")
        ex.register(cmd.name, inst)

    def _do(self, action):
        ex = self._need_executor()
        inst = self._instance(action.module_id)
        if isinstance(inst, _Component):
            return self._do_component(ex, inst, action)
        if isinstance(action, S.Invoke):
            for a in action.args:
                if isinstance(a, S.ComponentValue):
                    raise CheckFailed(f"expected core function, found other argument {a}")
            return ex.invoke(inst, action.name, action.args)
        return [ex.get(inst, action.name)]

    def _do_component(self, ex, inst: _Component, action) -> "_ComponentResults":
        """An action on a component instance, as Wasmtime's wast has them:
        only on the current instance (it looks named ones up among core
        instances), only ``invoke``, with component values only."""
        from .execute_component import NoSuchExport
        if action.module_id is not None:
            raise CheckFailed(f"no item named `{_bare(action.module_id)}::{action.name}` found")
        if isinstance(action, S.Get):
            raise CheckFailed(f"no global named `{action.name}`")
        for a in action.args:
            if not isinstance(a, S.ComponentValue):
                raise CheckFailed(f"expected component function, found other argument {a}")
        try:
            return _ComponentResults(ex.invoke_component(inst.run, action.name, action.args))
        except NoSuchExport as e:
            raise CheckFailed(str(e)) from None

    def _action_cmd(self, action) -> None:
        self._do(action)

    def _assert_return(self, cmd: "S.AssertReturn") -> None:
        try:
            results = self._do(cmd.action)
        except Trap as e:
            raise CheckFailed(f"unexpected trap: {e.cause}") from None
        if isinstance(results, _ComponentResults):
            self._component_results(results, cmd.expected)
            return
        if len(results) != len(cmd.expected):
            raise CheckFailed(f"expected {len(cmd.expected)} results, got {len(results)}")
        for i, (got, want) in enumerate(zip(results, cmd.expected)):
            if not self._matches(got, want):
                raise CheckFailed(
                    f"result {i}: got {_describe(got, getattr(want, 'type', None))},"
                    f" expected {want}")

    @staticmethod
    def _component_results(results: "_ComponentResults", expected: list) -> None:
        """Compare as Wasmtime's wast does (component_convert.match)."""
        from .component_convert import match
        if len(results) != len(expected):
            raise CheckFailed(f"expected {len(expected)} results found {len(results)}")
        for i, ((ty, got), want) in enumerate(zip(results, expected)):
            if not isinstance(want, S.ComponentValue):
                raise CheckFailed(f"expected component value found other value {want}")
            why = match(want, ty, got)
            if why is not None:
                raise CheckFailed(f"result {i} didn't match: {why}")

    def _matches(self, got, want) -> bool:
        if isinstance(want, S.EitherPattern):
            return any(self._matches(got, w) for w in want.alternatives)
        if isinstance(want, S.NanPattern):
            return _nan_matches(got, want)
        if isinstance(want, S.V128Pattern):
            lanes = _lanes(got, want.shape)
            return all(self._matches(g, w) for g, w in zip(lanes, want.lanes))
        if isinstance(want, S.RefPattern):
            if want.kind == "null":
                return got == 0 or got is None
            if got == 0 or got is None:
                return False
            heap = getattr(want.type, "heap", None)
            return _gc_kind(got, heap) if heap in _GC_KINDS else True
        # Const
        if want.type is EXTERNREF or want.type is FUNCREF:
            if want.value is None:
                return got == 0 or got is None
            return self.executor.extern_matches(got, want.value)
        if want.type is ANYREF:
            if want.value is None:
                return got == 0 or got is None
            return self.executor.host_matches(got, want.value)
        if want.type.is_num or want.type is V128:
            return got == want.value
        return got == want.value

    def _assert_trap(self, cmd: "S.AssertTrap") -> None:
        target = cmd.action_or_module
        if isinstance(target, S.ComponentCmd):
            data = load_component(target)
            check_component(data)
            instantiate = self._component_instantiator()
            self._expect_component_error(lambda: instantiate(data), cmd.message)
            return
        if isinstance(target, S.ModuleCmd):
            module, info = self._define(target)
            ex = self._need_executor()
            run = lambda: ex.instantiate(module, info)  # noqa: E731
        elif self._is_component_action(target):
            self._expect_component_error(lambda: self._do(target), cmd.message)
            return
        else:
            run = lambda: self._do(target)  # noqa: E731
        self._expect_trap(run, cmd.message)

    def _is_component_action(self, action) -> bool:
        return isinstance(self.instances.get(action.module_id), _Component)

    def _expect_trap(self, run: Callable, message: str) -> None:
        try:
            run()
        except Trap as e:
            # the reference interpreter appends details ("uninitialized
            # element 2"); a message that is their leading words matches
            if message not in e.cause and not message.startswith(e.cause + " "):
                raise CheckFailed(f"trap {e.cause!r}, expected {message!r}") from None
            return
        raise CheckFailed(f"expected trap {message!r}, got a result")

    @staticmethod
    def _expect_component_error(run: Callable, message: str) -> None:
        """A component's instantiation or call fails with ``message`` in its
        text: as in Wasmtime's wast, any error of it counts (a trap, a
        failed ABI check, arguments of the wrong type, a link error), and
        the message is matched anywhere in what the error says."""
        try:
            run()
        except (Trap, WasmtimeError) as e:
            text = str(e)
            if isinstance(e, Trap) and e.cause not in text:
                text = f"{e.cause}\n{text}"
            if message not in text:
                raise CheckFailed(f"error {brief_text(text)!r}, expected {message!r}") from None
            return
        raise CheckFailed(f"expected trap {message!r}, got a result")

    def _assert_exhaustion(self, cmd: "S.AssertExhaustion") -> None:
        self._expect_trap(lambda: self._do(cmd.action), cmd.message)

    def _assert_exception(self, cmd: "S.AssertException") -> None:
        # An uncaught Wasm exception reaches the host as ThrownException (a
        # Trap without a trap code, as Wasmtime's); any other trap is not one
        try:
            self._do(cmd.action)
        except ThrownException:
            return
        except Trap as e:
            raise CheckFailed(f"trap {e.cause!r}, expected an uncaught exception") from None
        raise CheckFailed("expected an uncaught exception, got a result")

    def _expect_error(self, fn: Callable, kind: type, message: str) -> None:
        try:
            fn()
        except kind as e:
            if message not in str(e):
                raise CheckFailed(
                    f"{kind.__name__} {str(e)!r}, expected {message!r}") from None
            return
        except WasmtimeError as e:
            raise CheckFailed(
                f"expected {kind.__name__} {message!r}, got {type(e).__name__}: {e}") from None
        raise CheckFailed(f"expected {kind.__name__} {message!r}, module accepted")

    def _assert_malformed(self, cmd: "S.AssertMalformed") -> None:
        if isinstance(cmd.module, S.ComponentCmd):
            # text that does not parse, or bytes that do not decode
            self._expect_error(lambda: decode_component(load_component(cmd.module)),
                               MalformedError, cmd.message)
            return
        self._expect_error(lambda: load_module(cmd.module, self.disabled), MalformedError, cmd.message)

    def _assert_invalid(self, cmd: "S.AssertInvalid") -> None:
        if isinstance(cmd.module, S.ComponentCmd):
            component = decode_component(load_component(cmd.module))  # must be well formed
            self._expect_error(lambda: validate_component(component), InvalidError, cmd.message)
            return
        module = load_module(cmd.module, self.disabled)  # must be well formed
        self._expect_error(lambda: validate_module(module, self.disabled), InvalidError,
                           cmd.message)

    def _assert_unlinkable(self, cmd: "S.AssertUnlinkable") -> None:
        if isinstance(cmd.module, S.ComponentCmd):
            data = load_component(cmd.module)
            check_component(data)
            instantiate = self._component_instantiator()
            self._expect_error(lambda: instantiate(data), WasmtimeError, cmd.message)
            return
        module, info = self._define(cmd.module)
        ex = self._need_executor()
        self._expect_error(lambda: ex.instantiate(module, info), WasmtimeError, cmd.message)

    def _assert_uninstantiable(self, cmd: "S.AssertUninstantiable") -> None:
        if isinstance(cmd.module, S.ComponentCmd):
            data = load_component(cmd.module)
            check_component(data)
            instantiate = self._component_instantiator()
            self._expect_component_error(lambda: instantiate(data), cmd.message)
            return
        module, info = self._define(cmd.module)
        ex = self._need_executor()
        self._expect_trap(lambda: ex.instantiate(module, info), cmd.message)


def brief_text(text: str) -> str:
    """An error's text on one line (a backtrace and its causes joined)."""
    return " ".join(text.split())


def default_executor_factory() -> Optional[Callable]:
    """The runtime's executor, or None while the runtime is not built."""
    try:
        from .execute import Executor
    except ImportError:
        return None
    return Executor


def run_file(path: str | Path, executor_factory: Optional[Callable] = None,
             disabled: frozenset = OFF_BY_DEFAULT) -> Outcome:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        commands = S.parse_script(text, str(path))
    except (OSError, UnicodeDecodeError, WasmtimeError) as e:
        out = Outcome(failed=1)
        out.failures.append(f"{path}: cannot read script: {e}")
        return out
    return ScriptRunner(str(path), executor_factory, disabled).run(commands)


def main(paths: list[str], verbose: bool = False, out=None) -> int:
    """Run each script; print a line per file and the total. Exit status 1 on failure."""
    out = out or sys.stdout       # looked up per call: the stream may be replaced
    factory = default_executor_factory()
    total = Outcome()
    for p in paths:
        result = run_file(p, factory)
        print(f"{p}: {result.summary()}", file=out)
        if verbose:
            for f in result.failures:
                print(f"  {f}", file=out)
        total += result
    print(total.summary(), file=out)
    return 1 if total.failed else 0

