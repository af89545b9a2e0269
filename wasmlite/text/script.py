""".wast scripts → a list of commands.

The whole script is tokenized once; text modules are parsed straight from
the script's tokens. ``module quote`` and ``module binary`` keep their source
(text or bytes) for the runner, so their errors surface where the script
asserts them. Values are raw bits (see ``Const``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from ..errors import TextParseError
from ..syntax.module import Module
from ..syntax.types import (ref_type, EXTERNREF, F32, F64, FUNCREF, I32, I64, V128,
                            ValType)
from .body import SHAPES, lane_value, looks_numeric
from .lexer import Tokens, tokenize
from .numbers import F32_FORMAT, F64_FORMAT, parse_float, parse_int, parse_nat
from .component_parse import parse_component_tokens
from .parse import ModuleParser, add_sentinels
from .token_reader import TokenReader


@dataclass
class Const:
    """A value as raw bits: i32/i64 unsigned, f32/f64 bit pattern, v128 the
    16 bytes read little-endian, references an int or None (null)."""
    type: ValType
    value: Optional[int]


@dataclass
class NanPattern:
    type: ValType                 # F32 or F64
    kind: str                     # "canonical" | "arithmetic"


@dataclass
class V128Pattern:
    shape: str                    # "i8x16" ... "f64x2"
    lanes: list                   # Const | NanPattern per lane


@dataclass
class RefPattern:
    type: Optional[ValType]       # FUNCREF, EXTERNREF; None: any reference
    kind: str = "nonnull"         # "nonnull" | "null"


@dataclass
class EitherPattern:
    """``(either r1 r2 ...)``: any one of the alternatives matches (relaxed
    SIMD's results may differ between hosts)."""
    alternatives: list            # Const | NanPattern | V128Pattern | RefPattern

    @property
    def type(self) -> ValType:
        return self.alternatives[0].type


Expected = Union[Const, NanPattern, V128Pattern, RefPattern, EitherPattern]


@dataclass
class ModuleCmd:
    line: int
    id: Optional[str]
    kind: str                     # "text" | "binary" | "quote"
    module: Optional[Module] = None
    source: Union[bytes, str, None] = None
    # ``(module definition ...)``: compiled and named, not instantiated
    definition: bool = False


@dataclass
class ComponentCmd:
    """``(component ...)`` where a script may have a module: ``binary`` holds
    the component's bytes (a text component parsed here, or ``component
    binary``); ``component quote`` keeps its text in ``source``, a whole
    ``(component ...)``, parsed when the runner gets to it."""
    line: int
    id: Optional[str]
    kind: str                     # "text" | "binary" | "quote"
    binary: Optional[bytes] = None
    source: Optional[str] = None
    # ``(component definition ...)``: named, not instantiated
    definition: bool = False


@dataclass
class ComponentInstance:
    """``(component instance $I $C)``: a new instance of the component
    defined as ``$C`` (the last one defined when absent), named ``$I``."""
    line: int
    id: Optional[str]
    component_id: Optional[str]


@dataclass
class ComponentValue:
    """A component-model value in an ``invoke`` or a result (Wasmtime's wast
    syntax: ``(u32.const 1)``, ``(str.const "x")``, ``(list.const ...)``).

    ``kind`` is the keyword without ``.const``; ``value`` per kind: bool,
    int (u8 ... s64, as written, in range), str (char: one character,
    string, enum), list of ComponentValue (list, tuple), list of (name,
    ComponentValue) (record), (case name, ComponentValue or None)
    (variant), ComponentValue or None (option: ``option.none`` /
    ``option.some``), ("ok" | "err", ComponentValue or None) (result), list
    of str (flags). f32/f64 constants stay ``Const``s, as for core."""
    kind: str
    value: object


@dataclass
class ModuleInstance:
    """``(module instance $I $M)``: a new instance of the module named ``$M``
    (the last one defined when absent), named ``$I``; each is generative."""
    line: int
    id: Optional[str]
    module_id: Optional[str]


@dataclass
class Register:
    line: int
    name: str
    module_id: Optional[str]


@dataclass
class Thread:
    """``(thread $T (shared (module $M))* command*)`` (the threads
    proposal's scripts, Wasmtime's tests): ``commands`` run on a thread of
    their own that sees only the named instances it shares."""
    line: int
    id: Optional[str]
    shared: list = field(default_factory=list)
    commands: list = field(default_factory=list)


@dataclass
class Wait:
    """``(wait $T)``: thread ``$T`` finishes; its checks count."""
    line: int
    id: Optional[str]


@dataclass
class Invoke:
    line: int
    module_id: Optional[str]
    name: str
    args: list = field(default_factory=list)


@dataclass
class Get:
    line: int
    module_id: Optional[str]
    name: str


Action = Union[Invoke, Get]


@dataclass
class AssertReturn:
    line: int
    action: Action
    expected: list


@dataclass
class AssertTrap:
    line: int
    action_or_module: Union[Invoke, Get, ModuleCmd]
    message: str


@dataclass
class AssertExhaustion:
    line: int
    action: Action
    message: str


@dataclass
class AssertException:
    """``(assert_exception <action>)``: the action throws a Wasm exception
    that nothing catches (exception handling, Wasm 3.0)."""
    line: int
    action: Action


@dataclass
class AssertMalformed:
    line: int
    module: ModuleCmd
    message: str


@dataclass
class AssertInvalid:
    line: int
    module: ModuleCmd
    message: str


@dataclass
class AssertUnlinkable:
    line: int
    module: ModuleCmd
    message: str


@dataclass
class AssertUninstantiable:
    line: int
    module: ModuleCmd
    message: str


Command = Union[ModuleCmd, ModuleInstance, ComponentCmd, ComponentInstance, Register, Invoke,
                Get, AssertReturn, AssertTrap, AssertExhaustion, AssertException,
                AssertMalformed, AssertInvalid, AssertUnlinkable, AssertUninstantiable]

_NUM_TYPES = {"i32.const": I32, "i64.const": I64, "f32.const": F32,
              "f64.const": F64}
_MODULE_ASSERTS = {"assert_malformed": AssertMalformed,
                   "assert_invalid": AssertInvalid,
                   "assert_unlinkable": AssertUnlinkable,
                   "assert_uninstantiable": AssertUninstantiable}
_NAN_KINDS = {"nan:canonical": "canonical", "nan:arithmetic": "arithmetic"}
# the abstract heap types a 3.0 script writes after ``ref.null`` in a result
_NULL_HEAP_TYPES = frozenset({"any", "none", "eq", "i31", "struct", "array",
                              "nofunc", "noextern", "exn", "noexn"})


# Wasm GC's result patterns: ``(ref.struct)`` ... any non-null reference of
# that abstract heap type
_GC_RESULTS = {"ref.struct": ref_type("struct"), "ref.array": ref_type("array"),
               "ref.i31": ref_type("i31"), "ref.eq": ref_type("eq"),
               "ref.any": ref_type("any")}


class _ScriptParser(TokenReader):
    def __init__(self, toks: Tokens) -> None:
        self.toks = toks
        self.K = toks.kind
        self.T = toks.text
        self.M = toks.match
        self.n = len(toks.pos)
        # a ModuleParser over the whole script gives the shared error helpers
        self.helper = ModuleParser(toks, 0, 0)

    def line(self, i: int) -> int:
        return self.toks.source.line_col(self.toks.pos[i])[0]

    def unexpected(self, i: int) -> TextParseError:
        return self.helper.unexpected(i)

    def head(self, i: int) -> str:
        """The keyword after the '(' at ``i``."""
        if self.K[i] != "(":
            raise self.unexpected(i)
        if self.K[i + 1] != "a":
            raise self.unexpected(i + 1)
        return self.T[i + 1]

    def close(self, i: int) -> int:
        if self.K[i] != ")":
            raise self.unexpected(i)
        return i + 1

    def message(self, i: int) -> str:
        return self.string(i).decode("utf-8", "replace")

    # ------------------------------------------------------------ commands

    def commands(self) -> list:
        out = []
        i = 0
        n = self.n
        # a file of bare module fields is one module (the spec allows it)
        if n and self.K[0] == "(" and self.T[1] not in _COMMANDS:
            module = ModuleParser(self.toks, 0, n).parse()
            return [ModuleCmd(1, None, "text", module, None)]
        while i < n:
            out.append(self.command(i))
            i = self.M[i] + 1
        return out

    def command(self, i: int):
        kw = self.head(i)
        handler = _COMMANDS.get(kw)
        if handler is None:
            raise self.unexpected(i + 1)
        return handler(self, i)

    def module(self, i: int) -> Union[ModuleCmd, ComponentCmd]:
        """A module, or a component, where the script has one."""
        if self.head(i) == "component":
            return self.component(i)
        if self.head(i) != "module":
            raise self.unexpected(i + 1)
        close = self.M[i]
        line, definition, mid, j = self.header(i)
        given = self.given_bytes(j, close)
        if given is not None:
            kind, data = given
            if kind == "binary":
                return ModuleCmd(line, mid, kind, None, data, definition)
            # quoted text is UTF-8 by construction; bad bytes are the
            # module's problem, reported when the runner parses it
            return ModuleCmd(line, mid, kind, None,
                             data.decode("utf-8", "surrogateescape"), definition)
        module = ModuleParser(self.toks, j, close).parse()
        module.id = mid
        return ModuleCmd(line, mid, "text", module, None, definition)

    def component(self, i: int) -> ComponentCmd:
        """``(component definition? $id? ...)``: text, ``binary`` or ``quote``."""
        close = self.M[i]
        line, definition, cid, j = self.header(i)
        given = self.given_bytes(j, close)
        if given is not None:
            kind, data = given
            if kind == "binary":
                return ComponentCmd(line, cid, kind, binary=data, definition=definition)
            # the quoted fields, made a whole component (the newline ends a
            # line comment the text may end with)
            text = data.decode("utf-8", "surrogateescape")
            return ComponentCmd(line, cid, kind, source=f"(component {text}\n)",
                                definition=definition)
        binary = parse_component_tokens(self.toks, j, close, cid)
        return ComponentCmd(line, cid, "text", binary=binary, definition=definition)

    def header(self, i: int) -> tuple:
        """``(module`` or ``(component`` at ``i``, then ``definition?
        $id?``: (line, definition, the id or None, the index after)."""
        j = i + 2
        definition = self.K[j] == "a" and self.T[j] == "definition"
        if definition:
            j += 1
        ident = None
        if self.K[j] == "$":
            ident = self.T[j]
            j += 1
        return self.line(i), definition, ident, j

    def given_bytes(self, j: int, close: int) -> Optional[tuple]:
        """``binary "..."*`` or ``quote "..."*`` from ``j`` to ``close``:
        (the word, the strings' bytes); None for a module in text."""
        if self.K[j] == "a" and self.T[j] in ("binary", "quote"):
            return self.T[j], self.strings(j + 1, close)
        return None

    def malformed_module(self, i: int) -> Union[ModuleCmd, ComponentCmd]:
        """A module (or component) that is meant not to parse: a text one
        that fails is handed on as "quote" with its source, so the runner
        sees the error."""
        try:
            return self.module(i)
        except TextParseError:
            head = self.head(i)
            if head not in ("module", "component"):
                raise
            pos = self.toks.pos
            text = self.toks.source.text[pos[i]:pos[self.M[i]] + 1]
            if head == "component":
                return ComponentCmd(self.line(i), None, "quote", source=text)
            return ModuleCmd(self.line(i), None, "quote", None, text)

    def cmd_component(self, i: int) -> Union[ComponentCmd, ComponentInstance]:
        ids = self.instance_ids(i)
        if ids is not None:
            return ComponentInstance(self.line(i), ids[0], ids[1])
        return self.component(i)

    def cmd_module(self, i: int) -> Union[ModuleCmd, ModuleInstance]:
        ids = self.instance_ids(i)
        if ids is not None:
            return ModuleInstance(self.line(i), ids[0], ids[1])
        return self.module(i)

    def instance_ids(self, i: int) -> Optional[list]:
        """``(module instance $i? $m?)`` (or ``component``) at ``i``: its
        two ids, None where absent (one name is the instance's: the module is
        then the last one); None if the command is not that form."""
        if not (self.K[i + 2] == "a" and self.T[i + 2] == "instance"):
            return None
        ids = []
        j = i + 3
        while self.K[j] == "$" and len(ids) < 2:
            ids.append(self.T[j])
            j += 1
        self.close(j)
        return ids + [None] * (2 - len(ids))

    def cmd_register(self, i: int) -> Register:
        name = self.name(i + 2)
        mid = None
        j = i + 3
        if self.K[j] == "$":
            mid = self.T[j]
            j += 1
        self.close(j)
        return Register(self.line(i), name, mid)

    def cmd_thread(self, i: int) -> Thread:
        j = i + 2
        tid = None
        if self.K[j] == "$":
            tid = self.T[j]
            j += 1
        thread = Thread(self.line(i), tid)
        end = self.M[i]
        while j < end:
            if self.K[j] != "(":
                raise self.unexpected(j)
            if self.T[j + 1] == "shared":
                # (shared (module $M))
                k = j + 2
                if self.K[k] != "(" or self.T[k + 1] != "module" or self.K[k + 2] != "$":
                    raise self.unexpected(k)
                thread.shared.append(self.T[k + 2])
                self.close(k + 3)
                self.close(self.M[k] + 1)
            else:
                thread.commands.append(self.command(j))
            j = self.M[j] + 1
        return thread

    def cmd_wait(self, i: int) -> Wait:
        j = i + 2
        tid = None
        if self.K[j] == "$":
            tid = self.T[j]
            j += 1
        self.close(j)
        return Wait(self.line(i), tid)

    def action(self, i: int):
        kw = self.head(i)
        line = self.line(i)
        j = i + 2
        mid = None
        if self.K[j] == "$":
            mid = self.T[j]
            j += 1
        name = self.name(j)
        j += 1
        if kw == "get":
            self.close(j)
            return Get(line, mid, name)
        if kw != "invoke":
            raise self.unexpected(i + 1)
        args = []
        while self.K[j] == "(":
            args.append(self.value(j, pattern=False))
            j = self.M[j] + 1
        self.close(j)
        return Invoke(line, mid, name, args)

    def cmd_action(self, i: int):
        return self.action(i)

    def cmd_assert_return(self, i: int) -> AssertReturn:
        action = self.action(i + 2)
        j = self.M[i + 2] + 1
        expected = []
        while self.K[j] == "(":
            expected.append(self.value(j, pattern=True))
            j = self.M[j] + 1
        self.close(j)
        return AssertReturn(self.line(i), action, expected)

    def cmd_assert_trap(self, i: int) -> AssertTrap:
        kw = self.head(i + 2)
        target = self.module(i + 2) if kw in ("module", "component") else self.action(i + 2)
        j = self.M[i + 2] + 1
        msg = self.message(j)
        self.close(j + 1)
        return AssertTrap(self.line(i), target, msg)

    def cmd_assert_exhaustion(self, i: int) -> AssertExhaustion:
        action = self.action(i + 2)
        j = self.M[i + 2] + 1
        msg = self.message(j)
        self.close(j + 1)
        return AssertExhaustion(self.line(i), action, msg)

    def cmd_assert_exception(self, i: int) -> AssertException:
        action = self.action(i + 2)
        self.close(self.M[i + 2] + 1)
        return AssertException(self.line(i), action)

    def cmd_assert_module(self, i: int):
        cls = _MODULE_ASSERTS[self.T[i + 1]]
        if cls is AssertMalformed:
            module = self.malformed_module(i + 2)
        else:
            module = self.module(i + 2)
        j = self.M[i + 2] + 1
        msg = self.message(j)
        self.close(j + 1)
        return cls(self.line(i), module, msg)

    # ------------------------------------------------------------ values

    def value(self, i: int, pattern: bool):
        """``(t.const v)`` / ``(ref.null ht)`` / ``(ref.extern n)`` /
        ``(ref.func)``; NaN and nonnull patterns only where ``pattern``;
        component values (``ComponentValue``)."""
        kw = self.head(i)
        close = self.M[i]
        if kw in _COMPONENT_VALUES:
            return self.component_value(i, pattern)
        if kw == "either" and pattern:
            alts = []
            j = i + 2
            while self.K[j] == "(":
                alts.append(self.value(j, pattern=True))
                j = self.M[j] + 1
            if j != close or not alts:
                raise self.unexpected(j)
            return EitherPattern(alts)
        args = list(range(i + 2, close))
        for a in args:
            if self.K[a] != "a":
                raise self.unexpected(a)
        texts = [self.T[a] for a in args]
        ty = _NUM_TYPES.get(kw)
        if ty is not None:
            if len(texts) != 1:
                raise self.unexpected(i + 2 + min(len(texts), 1))
            t = texts[0]
            if pattern and t in _NAN_KINDS and ty in (F32, F64):
                return NanPattern(ty, _NAN_KINDS[t])
            return Const(ty, self.number(i + 2, ty))
        if kw == "v128.const":
            return self.v128(i + 2, close, pattern)
        if kw == "ref.null":
            if texts == ["func"]:
                return Const(FUNCREF, None)
            if texts == ["extern"]:
                return Const(EXTERNREF, None)
            # 3.0's results: ``(ref.null)`` (and a null of any other heap
            # type) is any null reference, whatever its type
            if pattern and (not texts or (len(texts) == 1 and texts[0] in _NULL_HEAP_TYPES)):
                return RefPattern(None, "null")
            if len(texts) == 1 and texts[0] in _NULL_HEAP_TYPES:
                # an argument: the null of that heap type (Wasm GC's any...)
                return Const(ref_type(texts[0]), None)
            raise self.unexpected(i + 2)
        if kw in _GC_RESULTS and pattern and not texts:
            # Wasm GC's results: any non-null reference of that heap type
            return RefPattern(_GC_RESULTS[kw], "nonnull")
        if kw == "ref.host":
            # Wasm GC: host reference N internalized (any.convert_extern of
            # (ref.extern N)): an anyref whose value is N
            v = parse_nat(texts[0]) if len(texts) == 1 else None
            if v is None:
                raise self.unexpected(i + 2)
            return Const(_GC_RESULTS["ref.any"], v)
        if kw in ("ref.extern", "ref.func"):
            ty = EXTERNREF if kw == "ref.extern" else FUNCREF
            if not texts and pattern:
                return RefPattern(ty, "nonnull")
            v = parse_nat(texts[0]) if len(texts) == 1 else None
            if v is None:
                raise self.unexpected(i + 2)
            if ty is FUNCREF and pattern:
                # no function has a number a script could name: a result
                # ``(ref.func N)`` is any non-null function reference
                return RefPattern(FUNCREF, "nonnull")
            return Const(ty, v)
        raise self.unexpected(i + 1)

    def component_value(self, i: int, pattern: bool,
                        close: Optional[int] = None) -> ComponentValue:
        """A component value at ``i`` (see ``ComponentValue``); values inside
        it may be any value ``value`` reads (f32.const in a list ...).
        ``close`` given: a value without parentheses (a record field's),
        its keyword at ``i + 1`` and its end at ``close``."""
        if close is None:
            kw = self.head(i)
            close = self.M[i]
        else:
            kw = self.T[i + 1]
        kind = _COMPONENT_VALUES[kw]
        j = i + 2
        K, T = self.K, self.T

        def values(j: int) -> list:
            out = []
            while j < close:
                if K[j] != "(":
                    raise self.unexpected(j)
                out.append(self.value(j, pattern))
                j = self.M[j] + 1
            return out

        def optional(j: int):
            if j == close:
                return None
            v = self.value(j, pattern)
            self.close(self.M[j] + 1)
            return v

        if kind == "bool":
            if K[j] != "a" or T[j] not in ("true", "false"):
                raise self.unexpected(j)
            self.close(j + 1)
            return ComponentValue(kind, T[j] == "true")
        if kind in _COMPONENT_INT_RANGES:
            lo, hi = _COMPONENT_INT_RANGES[kind]
            v = None
            if K[j] == "a":
                try:
                    v = parse_int(T[j], 66)
                except OverflowError:
                    raise self.error(j, "constant out of range") from None
            if v is None:
                raise self.unexpected(j)
            if not lo <= v <= hi:
                raise self.error(j, "constant out of range")
            self.close(j + 1)
            return ComponentValue(kind, v)
        if kind in ("char", "string", "enum"):
            text = self.name(j)
            if kind == "char" and len(text) != 1:
                raise self.error(j, "a char.const is one character")
            self.close(j + 1)
            return ComponentValue(kind, text)
        if kind in ("list", "tuple"):
            return ComponentValue(kind, values(j))
        if kind == "record":
            fields = []
            while j < close:
                if self.head(j) != "field":
                    raise self.unexpected(j + 1)
                name = self.name(j + 2)
                # as in Wasmtime's scripts, the value is not parenthesized:
                # (field "a" u32.const 1)
                fields.append((name, self.field_value(j + 2, self.M[j], pattern)))
                j = self.M[j] + 1
            return ComponentValue(kind, fields)
        if kind == "variant":
            return ComponentValue(kind, (self.name(j), optional(j + 1)))
        if kind == "flags":
            names = []
            while j < close:
                names.append(self.name(j))
                j += 1
            return ComponentValue(kind, names)
        if kw == "option.none":
            self.close(j)
            return ComponentValue(kind, None)
        if kw == "option.some":
            v = self.value(j, pattern)
            self.close(self.M[j] + 1)
            return ComponentValue(kind, v)
        # result.ok / result.err
        return ComponentValue(kind, ("ok" if kw == "result.ok" else "err", optional(j)))

    def field_value(self, i: int, close: int, pattern: bool):
        """A record field's value: the keyword at ``i + 1``, its arguments up
        to ``close`` (a component value, or an f32/f64 constant)."""
        k = i + 1
        if self.K[k] != "a":
            raise self.error(k, "expected a [type].const expression")
        kw = self.T[k]
        if kw in _COMPONENT_VALUES:
            return self.component_value(i, pattern, close)
        ty = _NUM_TYPES.get(kw)
        if ty not in (F32, F64):
            raise self.error(k, "expected a [type].const expression")
        if close != k + 2 or self.K[k + 1] != "a":
            raise self.unexpected(k + 1 if close != k + 1 else close)
        return Const(ty, self.number(k + 1, ty))

    def number(self, i: int, ty: ValType) -> int:
        t = self.T[i]
        try:
            if ty is I32 or ty is I64:
                bits = 32 if ty is I32 else 64
                v = parse_int(t, bits)
                v = None if v is None else v & ((1 << bits) - 1)
            else:
                v = parse_float(t, F32_FORMAT if ty is F32 else F64_FORMAT)
        except OverflowError:
            raise self.error(i, "constant out of range") from None
        if v is None:
            raise self.unexpected(i)
        return v

    def v128(self, i: int, close: int, pattern: bool):
        shape_name = self.T[i]
        shape = SHAPES.get(shape_name) if self.K[i] == "a" else None
        if shape is None:
            raise self.unexpected(i)
        count, bits, fmt = shape
        lanes_at = list(range(i + 1, close))
        if len(lanes_at) != count or not all(
                self.K[a] == "a" and (looks_numeric(self.T[a]) or self.T[a] in _NAN_KINDS)
                for a in lanes_at):
            raise self.error(i, "wrong number of lane literals")
        lanes = []
        has_nan_pattern = False
        lane_type = {8: I32, 16: I32, 32: I32, 64: I64}[bits] if fmt is None else (
            F32 if fmt is F32_FORMAT else F64)
        for a in lanes_at:
            t = self.T[a]
            if t in _NAN_KINDS:
                if not pattern or fmt is None:
                    raise self.unexpected(a)
                lanes.append(NanPattern(lane_type, _NAN_KINDS[t]))
                has_nan_pattern = True
                continue
            try:
                v = lane_value(t, bits, fmt)
            except OverflowError:
                raise self.error(a, "constant out of range") from None
            if v is None:
                raise self.unexpected(a)
            lanes.append(Const(lane_type, v))
        if has_nan_pattern:
            return V128Pattern(shape_name, lanes)
        value = 0
        for n, lane in enumerate(lanes):
            value |= lane.value << (n * bits)
        return Const(V128, value)


# Wasmtime's component values in scripts: keyword -> ComponentValue.kind
_COMPONENT_VALUES = {
    "bool.const": "bool", "u8.const": "u8", "s8.const": "s8", "u16.const": "u16",
    "s16.const": "s16", "u32.const": "u32", "s32.const": "s32", "u64.const": "u64",
    "s64.const": "s64", "char.const": "char", "str.const": "string",
    "list.const": "list", "record.const": "record", "tuple.const": "tuple",
    "variant.const": "variant", "enum.const": "enum", "option.none": "option",
    "option.some": "option", "result.ok": "result", "result.err": "result",
    "flags.const": "flags",
}
_COMPONENT_INT_RANGES = {
    f"{sign}{bits}": ((-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if sign == "s"
                      else (0, (1 << bits) - 1))
    for sign in "su" for bits in (8, 16, 32, 64)}

_COMMANDS = {
    "module": _ScriptParser.cmd_module,
    "component": _ScriptParser.cmd_component,
    "register": _ScriptParser.cmd_register,
    "invoke": _ScriptParser.cmd_action,
    "get": _ScriptParser.cmd_action,
    "assert_return": _ScriptParser.cmd_assert_return,
    "assert_trap": _ScriptParser.cmd_assert_trap,
    "assert_exhaustion": _ScriptParser.cmd_assert_exhaustion,
    "assert_exception": _ScriptParser.cmd_assert_exception,
    "assert_malformed": _ScriptParser.cmd_assert_module,
    "assert_invalid": _ScriptParser.cmd_assert_module,
    "assert_unlinkable": _ScriptParser.cmd_assert_module,
    "assert_uninstantiable": _ScriptParser.cmd_assert_module,
    "thread": _ScriptParser.cmd_thread,
    "wait": _ScriptParser.cmd_wait,
}


def parse_script(text: str, filename: str = "") -> list:
    """Parse a .wast script into a list of commands (see the dataclasses)."""
    toks = tokenize(text, filename)
    add_sentinels(toks)
    return _ScriptParser(toks).commands()
