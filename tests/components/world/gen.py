"""Writes values.wit and values.wat (the core module of values.wasm), and
strings.wit / strings.wat (string functions alone, embedded with each
string encoding: utf8, utf16, compact-utf16), for build.sh.

Each value type of ``ECHO_TYPES`` gets two exports:

- ``echo#echo-NAME: func(x: T) -> T``, answered by the guest alone: the
  core function receives T's flat values and, when T's result does not fit
  one flat value, stores them into a return area in T's memory layout
  (per case for a variant). Params beyond 16 flat values arrive in memory,
  already in T's layout, and the pointer is the answer;
- ``calls#via-NAME: func(x: T) -> T``, forwarded to the imported host
  function ``host#host-NAME`` (the host lifts what the guest lowered and
  the guest lowers what the host returned, so both directions cross).

The layouts and flattening here are the canonical ABI's
(CanonicalABI.md), written for this generator on its own, apart from
wasmlite's implementation of them, so that a bug there cannot hide in the
test component: the tests also compare every answer with wasmtime-py's.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import List, Optional, Tuple, Union

PACKAGE = "test:values"


# -- the types ------------------------------------------------------------------

@dataclass(frozen=True)
class Rec:
    name: str
    fields: Tuple[Tuple[str, "T"], ...]


@dataclass(frozen=True)
class Var:
    name: str
    cases: Tuple[Tuple[str, Optional["T"]], ...]


@dataclass(frozen=True)
class Enum:
    name: str
    names: Tuple[str, ...]


@dataclass(frozen=True)
class Flags:
    name: str
    names: Tuple[str, ...]


@dataclass(frozen=True)
class List_:
    elem: "T"


@dataclass(frozen=True)
class Opt:
    elem: "T"


@dataclass(frozen=True)
class Res:
    ok: Optional["T"]
    err: Optional["T"]


@dataclass(frozen=True)
class Tup:
    elems: Tuple["T", ...]


@dataclass(frozen=True)
class Handle:
    kind: str              # own | borrow
    resource: str


T = Union[str, Rec, Var, Enum, Flags, List_, Opt, Res, Tup, Handle]

POINT = Rec("point", (("x", "s32"), ("y", "s32")))
MIXED = Rec("mixed", (("a", "u8"), ("b", "u64"), ("c", "string"), ("d", List_("u16")),
                      ("e", Opt("f32")), ("f", "char"), ("g", "bool"), ("h", "f64")))
WIDE = Rec("wide", tuple((f"f{i}", "u8") for i in range(17)))       # 17 flat: spills
SHAPE = Var("shape", (("circle", "f32"), ("rect", POINT), ("empty", None), ("label", "string"),
                      ("big", "u64"), ("precise", "f64")))
INNER = Var("inner", (("num", "u32"), ("text", "string"), ("nothing", None)))
OUTER = Var("outer", (("wrap", INNER), ("maybe", Opt(INNER)), ("either", Res(INNER, SHAPE)),
                      ("leaf", None)))
NUMBERS = Var("numbers", (("i", "s8"), ("f", "f32"), ("d", "f64"), ("l", "s64")))
PLAIN = Var("plain", (("first", None), ("second", None), ("third", None)))
COLOR = Enum("color", ("red", "green", "blue"))
MANY = Enum("many", tuple(f"c{i}" for i in range(300)))           # a 2-byte discriminant
FLAGS = {n: Flags(f"flags{n}", tuple(f"b{i}" for i in range(n))) for n in (1, 8, 16, 32)}
NAMED = [POINT, MIXED, WIDE, SHAPE, INNER, OUTER, NUMBERS, PLAIN, COLOR, MANY, *FLAGS.values()]

ECHO_TYPES: List[Tuple[str, T]] = [
    ("bool", "bool"), ("s8", "s8"), ("s16", "s16"), ("s32", "s32"), ("s64", "s64"),
    ("u8", "u8"), ("u16", "u16"), ("u32", "u32"), ("u64", "u64"),
    ("f32", "f32"), ("f64", "f64"), ("char", "char"), ("string", "string"),
    ("bytes", List_("u8")), ("strings", List_("string")), ("u32s", List_("u32")),
    ("s64s", List_("s64")), ("f32s", List_("f32")), ("f64s", List_("f64")),
    ("bools", List_("bool")), ("chars", List_("char")), ("points", List_(POINT)),
    ("mixeds", List_(MIXED)), ("string-lists", List_(List_("string"))),
    ("shapes", List_(SHAPE)),
    ("point", POINT), ("mixed", MIXED), ("wide", WIDE),
    ("tuple", Tup(("u8", "string", "f64"))), ("tuple1", Tup(("bool",))),
    ("shape", SHAPE), ("inner", INNER), ("outer", OUTER), ("numbers", NUMBERS),
    ("plain", PLAIN), ("color", COLOR), ("many", MANY),
    ("option-u32", Opt("u32")), ("option-string", Opt("string")),
    ("option-option", Opt(Opt("u32"))), ("option-option-option", Opt(Opt(Opt("u8")))),
    ("option-point", Opt(POINT)),
    ("result-empty", Res(None, None)), ("result-ok", Res("u32", None)),
    ("result-err", Res(None, "string")), ("result-both", Res("string", "string")),
    ("result-mixed", Res("u64", "f32")), ("result-nested", Res(Opt("u8"), COLOR)),
    *[(f"flags{n}", f) for n, f in FLAGS.items()],
]


def wit(t: T) -> str:
    if isinstance(t, str):
        return t
    if isinstance(t, (Rec, Var, Enum, Flags)):
        return t.name
    if isinstance(t, List_):
        return f"list<{wit(t.elem)}>"
    if isinstance(t, Opt):
        return f"option<{wit(t.elem)}>"
    if isinstance(t, Tup):
        return f"tuple<{', '.join(wit(e) for e in t.elems)}>"
    if isinstance(t, Res):
        if t.ok is None and t.err is None:
            return "result"
        if t.err is None:
            return f"result<{wit(t.ok)}>"
        return f"result<{'_' if t.ok is None else wit(t.ok)}, {wit(t.err)}>"
    if isinstance(t, Handle):
        return t.resource if t.kind == "own" else f"borrow<{t.resource}>"
    raise TypeError(t)


def wit_def(t: T) -> str:
    if isinstance(t, Rec):
        return f"record {t.name} {{ {', '.join(f'{n}: {wit(ft)}' for n, ft in t.fields)} }}"
    if isinstance(t, Var):
        cases = ", ".join(n if ct is None else f"{n}({wit(ct)})" for n, ct in t.cases)
        return f"variant {t.name} {{ {cases} }}"
    if isinstance(t, Enum):
        return f"enum {t.name} {{ {', '.join(t.names)} }}"
    if isinstance(t, Flags):
        return f"flags {t.name} {{ {', '.join(t.names)} }}"
    raise TypeError(t)


# -- the canonical ABI's layout and flattening -----------------------------------

_PRIM = {"bool": (1, 1), "s8": (1, 1), "u8": (1, 1), "s16": (2, 2), "u16": (2, 2),
         "s32": (4, 4), "u32": (4, 4), "f32": (4, 4), "char": (4, 4),
         "s64": (8, 8), "u64": (8, 8), "f64": (8, 8), "string": (4, 8)}
_FLAT = {"bool": "i32", "s8": "i32", "u8": "i32", "s16": "i32", "u16": "i32", "s32": "i32",
         "u32": "i32", "char": "i32", "s64": "i64", "u64": "i64", "f32": "f32", "f64": "f64"}


def cases_of(t: T) -> List[Optional[T]]:
    if isinstance(t, Var):
        return [ct for _, ct in t.cases]
    if isinstance(t, Opt):
        return [None, t.elem]
    if isinstance(t, Res):
        return [t.ok, t.err]
    if isinstance(t, Enum):
        return [None] * len(t.names)
    raise TypeError(t)


def disc_size(n: int) -> int:
    return 1 if n <= 1 << 8 else 2 if n <= 1 << 16 else 4


def align_to(x: int, a: int) -> int:
    return (x + a - 1) // a * a


def fields_of(t: T) -> List[T]:
    return [ft for _, ft in t.fields] if isinstance(t, Rec) else list(t.elems)


def alignment(t: T) -> int:
    if isinstance(t, str):
        return _PRIM[t][0]
    if isinstance(t, (List_, Handle)):
        return 4
    if isinstance(t, (Rec, Tup)):
        return max(alignment(f) for f in fields_of(t))
    if isinstance(t, (Var, Opt, Res, Enum)):
        cs = cases_of(t)
        return max([disc_size(len(cs))] + [alignment(c) for c in cs if c is not None])
    if isinstance(t, Flags):
        n = len(t.names)
        return 1 if n <= 8 else 2 if n <= 16 else 4
    raise TypeError(t)


def size(t: T) -> int:
    if isinstance(t, str):
        return _PRIM[t][1]
    if isinstance(t, List_):
        return 8
    if isinstance(t, Handle):
        return 4
    if isinstance(t, (Rec, Tup)):
        s = 0
        for f in fields_of(t):
            s = align_to(s, alignment(f)) + size(f)
        return align_to(s, alignment(t))
    if isinstance(t, (Var, Opt, Res, Enum)):
        cs = cases_of(t)
        s = disc_size(len(cs))
        s = align_to(s, max([1] + [alignment(c) for c in cs if c is not None]))
        s += max([0] + [size(c) for c in cs if c is not None])
        return align_to(s, alignment(t))
    if isinstance(t, Flags):
        n = len(t.names)
        return 1 if n <= 8 else 2 if n <= 16 else 4 * ((n + 31) // 32)
    raise TypeError(t)


def field_offsets(t: T) -> List[int]:
    out, s = [], 0
    for f in fields_of(t):
        s = align_to(s, alignment(f))
        out.append(s)
        s += size(f)
    return out


def payload_offset(t: T) -> int:
    cs = cases_of(t)
    return align_to(disc_size(len(cs)), max([1] + [alignment(c) for c in cs if c is not None]))


def join(a: str, b: str) -> str:
    if a == b:
        return a
    if {a, b} == {"i32", "f32"}:
        return "i32"
    return "i64"


def flat(t: T) -> List[str]:
    if isinstance(t, str):
        return ["i32", "i32"] if t == "string" else [_FLAT[t]]
    if isinstance(t, List_):
        return ["i32", "i32"]
    if isinstance(t, Handle):
        return ["i32"]
    if isinstance(t, (Rec, Tup)):
        return [x for f in fields_of(t) for x in flat(f)]
    if isinstance(t, Enum):
        return ["i32"]
    if isinstance(t, (Var, Opt, Res)):
        joined: List[str] = []
        for c in cases_of(t):
            if c is None:
                continue
            for i, ft in enumerate(flat(c)):
                if i < len(joined):
                    joined[i] = join(joined[i], ft)
                else:
                    joined.append(ft)
        return ["i32"] + joined
    if isinstance(t, Flags):
        return ["i32"] * ((len(t.names) + 31) // 32)
    raise TypeError(t)


# -- storing flat values into memory ----------------------------------------------

def _from_joined(expr: str, joined: str, want: str) -> str:
    """A joined flat value made the case's own flat type again."""
    if joined == want:
        return expr
    if (joined, want) == ("i32", "f32"):
        return f"(f32.reinterpret_i32 {expr})"
    if (joined, want) == ("i64", "i32"):
        return f"(i32.wrap_i64 {expr})"
    if (joined, want) == ("i64", "f32"):
        return f"(f32.reinterpret_i32 (i32.wrap_i64 {expr}))"
    if (joined, want) == ("i64", "f64"):
        return f"(f64.reinterpret_i64 {expr})"
    raise ValueError((joined, want))


_STORE = {1: "i32.store8", 2: "i32.store16", 4: "i32.store"}


def store(t: T, exprs: List[str], base: str, off: int) -> List[str]:
    """Instructions storing T's flat values ``exprs`` at ``base + off``."""
    assert len(exprs) == len(flat(t)), (t, exprs)
    at = lambda o: f"offset={o}" if o else ""          # noqa: E731
    if isinstance(t, str):
        if t == "string":
            return [f"(i32.store {at(off)} {base} {exprs[0]})",
                    f"(i32.store {at(off + 4)} {base} {exprs[1]})"]
        op = {"bool": "i32.store8", "s8": "i32.store8", "u8": "i32.store8",
              "s16": "i32.store16", "u16": "i32.store16", "s32": "i32.store",
              "u32": "i32.store", "char": "i32.store", "s64": "i64.store",
              "u64": "i64.store", "f32": "f32.store", "f64": "f64.store"}[t]
        return [f"({op} {at(off)} {base} {exprs[0]})"]
    if isinstance(t, List_):
        return store("string", exprs, base, off)
    if isinstance(t, Handle):
        return [f"(i32.store {at(off)} {base} {exprs[0]})"]
    if isinstance(t, (Rec, Tup)):
        out, k = [], 0
        for f, o in zip(fields_of(t), field_offsets(t)):
            n = len(flat(f))
            out += store(f, exprs[k:k + n], base, off + o)
            k += n
        return out
    if isinstance(t, Enum):
        return [f"({_STORE[disc_size(len(t.names))]} {at(off)} {base} {exprs[0]})"]
    if isinstance(t, Flags):
        n = len(t.names)
        if n <= 16:
            return [f"({_STORE[size(t)]} {at(off)} {base} {exprs[0]})"]
        return [f"(i32.store {at(off + 4 * k)} {base} {e})" for k, e in enumerate(exprs)]
    if isinstance(t, (Var, Opt, Res)):
        cs = cases_of(t)
        disc, joined = exprs[0], flat(t)[1:]
        out = [f"({_STORE[disc_size(len(cs))]} {at(off)} {base} {disc})"]
        poff = off + payload_offset(t)
        for k, c in enumerate(cs):
            if c is None:
                continue
            own = flat(c)
            payload = [_from_joined(exprs[1 + i], joined[i], want) for i, want in enumerate(own)]
            body = " ".join(store(c, payload, base, poff))
            out.append(f"(if (i32.eq {disc} (i32.const {k})) (then {body}))")
        return out
    raise TypeError(t)


# -- the core module ------------------------------------------------------------------

RET = 16             # the return area (1 KiB; results are stored here)
LOG = 2048           # the counter destructor's log (u32 values, up to 1024)
HEAP = 8192          # where the bump allocator starts

MAX_FLAT_PARAMS = 16


@dataclass
class CoreFunc:
    export: str
    params: List[str]
    results: List[str]
    body: List[str]
    locals_: List[str] = field(default_factory=list)

    def wat(self) -> str:
        ps = " ".join(f"(param $p{i} {p})" for i, p in enumerate(self.params))
        rs = " ".join(f"(result {r})" for r in self.results)
        ls = " ".join(f"(local ${n} {t})" for n, t in (x.split(":") for x in self.locals_))
        body = "\n    ".join(self.body)
        return f'  (func (export "{self.export}") {ps} {rs} {ls}\n    {body})'


def lifted_signature(params: List[T], result: Optional[T]) -> Tuple[List[str], List[str]]:
    fp = [x for p in params for x in flat(p)]
    if len(fp) > MAX_FLAT_PARAMS:
        fp = ["i32"]
    fr = [] if result is None else flat(result)
    if len(fr) > 1:
        fr = ["i32"]
    return fp, fr


def lowered_signature(params: List[T], result: Optional[T]) -> Tuple[List[str], List[str]]:
    fp = [x for p in params for x in flat(p)]
    if len(fp) > MAX_FLAT_PARAMS:
        fp = ["i32"]
    fr = [] if result is None else flat(result)
    if len(fr) > 1:
        return fp + ["i32"], []
    return fp, fr


def echo_func(export: str, params: List[T], result: T) -> CoreFunc:
    """The guest alone answers with its arguments (``result`` is the tuple
    of ``params``, or the one param's type)."""
    fp, fr = lifted_signature(params, result)
    if fp == ["i32"] and len([x for p in params for x in flat(p)]) > MAX_FLAT_PARAMS:
        # the params are in memory, in the result's layout already
        return CoreFunc(export, fp, fr, ["(local.get $p0)"])
    exprs = [f"(local.get $p{i})" for i in range(len(fp))]
    if len(flat(result)) <= 1:
        return CoreFunc(export, fp, fr, exprs)
    body = store(result, exprs, f"(i32.const {RET})", 0) + [f"(i32.const {RET})"]
    return CoreFunc(export, fp, fr, body)


def forward_func(export: str, target: str, params: List[T], result: Optional[T]) -> CoreFunc:
    """Calls the lowered import ``target`` with the same values (and the
    return area as its return pointer)."""
    fp, fr = lifted_signature(params, result)
    lp, lr = lowered_signature(params, result)
    args = " ".join(f"(local.get $p{i})" for i in range(len(fp)))
    if len(lp) > len(fp):
        args += f" (i32.const {RET})"
    call = f"(call ${target} {args})"
    if result is not None and len(flat(result)) > 1:
        return CoreFunc(export, fp, fr, [call, f"(i32.const {RET})"])
    return CoreFunc(export, fp, fr, [call])


def core_type(params: List[str], results: List[str]) -> str:
    ps = " ".join(f"(param {p})" for p in params)
    rs = " ".join(f"(result {r})" for r in results)
    return f"{ps} {rs}"


PRELUDE = f"""  (memory (export "cm32p2_memory") 2)
  (global $heap (mut i32) (i32.const {HEAP}))
  (global $logged (mut i32) (i32.const 0))
  ;; a bump allocator: never frees, grows the memory as needed, copies on a
  ;; resize (old_size bytes from old_ptr)
  (func $alloc (param $align i32) (param $size i32) (result i32)
    (local $ptr i32) (local $end i32) (local $need i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (local.set $need (i32.sub (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16))
                              (memory.size)))
    (if (i32.gt_s (local.get $need) (i32.const 0))
      (then (if (i32.eq (memory.grow (local.get $need)) (i32.const -1)) (then unreachable))))
    (global.set $heap (local.get $end))
    (local.get $ptr))
  (func (export "cm32p2_realloc") (param $old i32) (param $old_size i32) (param $align i32)
        (param $size i32) (result i32)
    (local $new i32)
    (local.set $new (call $alloc (local.get $align) (local.get $size)))
    (if (local.get $old)
      (then (memory.copy (local.get $new) (local.get $old)
              (select (local.get $old_size) (local.get $size)
                      (i32.lt_u (local.get $old_size) (local.get $size))))))
    (local.get $new))
  (func (export "cm32p2_initialize"))
"""


def values_world() -> Tuple[str, str]:
    """(values.wit, values.wat)."""
    defs = "\n".join(f"  {wit_def(t)}" for t in NAMED)
    names = ", ".join(t.name for t in NAMED)
    echo = "\n".join(f"  echo-{n}: func(x: {wit(t)}) -> {wit(t)};" for n, t in ECHO_TYPES)
    host = "\n".join(f"  host-{n}: func(x: {wit(t)}) -> {wit(t)};" for n, t in ECHO_TYPES)
    via = "\n".join(f"  via-{n}: func(x: {wit(t)}) -> {wit(t)};" for n, t in ECHO_TYPES)
    wit_text = f"""// Generated by gen.py: every WIT value type, echoed by the guest alone
// (interface echo) and through the host (interface calls -> host), a
// guest-defined resource (res) and a host-defined one (host.logger).
package {PACKAGE};

interface defs {{
{defs}
}}

interface host {{
  use defs.{{{names}}};
  resource logger {{
    constructor(prefix: string);
    log: func(msg: string) -> u32;
    prefix: func() -> string;
  }}
  host-logger: func(l: logger) -> logger;
{host}
}}

interface echo {{
  use defs.{{{names}}};
{echo}
  combine: func(a: u8, b: s64, c: string, d: list<u32>, e: option<f64>) -> tuple<u8, s64, string, list<u32>, option<f64>>;
  nine-strings: func(a: string, b: string, c: string, d: string, e: string, f: string, g: string, h: string, i: string) -> list<string>;
  string-len: func(s: string) -> u32;
  bytes-len: func(b: list<u8>) -> u32;
  u32s-sum: func(l: list<u32>) -> u32;
  // the string's byte length plus the list's length (bench/component_call.py)
  string-and-list: func(s: string, l: list<u32>) -> u32;
  nothing: func();
  ignore: func(s: string, l: list<string>);
}}

interface res {{
  resource counter {{
    constructor(start: u32);
    get: func() -> u32;
    add: func(n: u32);
    make: static func(start: u32) -> counter;
    sum: static func(a: borrow<counter>, b: borrow<counter>) -> u32;
    take: static func(c: counter) -> u32;
  }}
  echo-counter: func(c: counter) -> counter;
  maybe-counter: func(c: option<counter>) -> option<counter>;
  counters: func(l: list<counter>) -> list<counter>;
  drop-counters: func(l: list<counter>);
  peek: func(c: borrow<counter>) -> u32;
  // the values of the counters whose destructor ran, oldest first
  dropped: func() -> list<u32>;
  clear-dropped: func();
}}

interface calls {{
  use defs.{{{names}}};
  use host.{{logger}};
{via}
  via-logger: func(l: logger) -> logger;
  make-logger: func(prefix: string) -> logger;
  log-via: func(l: borrow<logger>, msg: string) -> u32;
  prefix-via: func(l: borrow<logger>) -> string;
  drop-logger: func(l: logger);
  new-and-log: func(prefix: string, msg: string) -> u32;
  // keeps the borrowed handle past the call: a trap
  log-leak: func(l: borrow<logger>) -> u32;
}}

world everything {{
  import host;
  export echo;
  export res;
  export calls;
}}
"""
    echo_mod = f"cm32p2|{PACKAGE}/echo|"
    calls_mod = f"cm32p2|{PACKAGE}/calls|"
    res_mod = f"cm32p2|{PACKAGE}/res|"
    host_mod = f"cm32p2|{PACKAGE}/host"
    imports, funcs = [], []

    def imp(module: str, name: str, local: str, params: List[str], results: List[str]):
        imports.append(f'  (import "{module}" "{name}" (func ${local} {core_type(params, results)}))')

    for n, t in ECHO_TYPES:
        funcs.append(echo_func(echo_mod + f"echo-{n}", [t], t))
        lp, lr = lowered_signature([t], t)
        imp(host_mod, f"host-{n}", f"host-{n}", lp, lr)
        funcs.append(forward_func(calls_mod + f"via-{n}", f"host-{n}", [t], t))

    combine = [("u8"), "s64", "string", List_("u32"), Opt("f64")]
    funcs.append(echo_func(echo_mod + "combine", combine, Tup(tuple(combine))))
    # nine strings: 18 flat params, in memory as nine (ptr, len) pairs, which
    # is a list<string> of 9 at that pointer
    funcs.append(CoreFunc(echo_mod + "nine-strings", ["i32"], ["i32"],
                          [f"(i32.store (i32.const {RET}) (local.get $p0))",
                           f"(i32.store offset=4 (i32.const {RET}) (i32.const 9))",
                           f"(i32.const {RET})"]))
    funcs.append(CoreFunc(echo_mod + "string-len", ["i32", "i32"], ["i32"], ["(local.get $p1)"]))
    funcs.append(CoreFunc(echo_mod + "bytes-len", ["i32", "i32"], ["i32"], ["(local.get $p1)"]))
    funcs.append(CoreFunc(echo_mod + "u32s-sum", ["i32", "i32"], ["i32"], [
        "(local.set $end (i32.add (local.get $p0) (i32.shl (local.get $p1) (i32.const 2))))",
        "(block $out (loop $next",
        "  (br_if $out (i32.ge_u (local.get $p0) (local.get $end)))",
        "  (local.set $sum (i32.add (local.get $sum) (i32.load (local.get $p0))))",
        "  (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))",
        "  (br $next)))",
        "(local.get $sum)"], ["end:i32", "sum:i32"]))
    funcs.append(CoreFunc(echo_mod + "string-and-list", ["i32"] * 4, ["i32"],
                          ["(i32.add (local.get $p1) (local.get $p3))"]))
    funcs.append(CoreFunc(echo_mod + "nothing", [], [], []))
    funcs.append(CoreFunc(echo_mod + "ignore", ["i32"] * 4, [], []))

    # -- the guest's resource: a counter's rep is the address of its u32
    res_imp = f"cm32p2|_ex_{PACKAGE}/res"
    imp(res_imp, "counter_new", "counter_new", ["i32"], ["i32"])
    imp(res_imp, "counter_rep", "counter_rep", ["i32"], ["i32"])
    imp(res_imp, "counter_drop", "counter_drop", ["i32"], [])
    new_counter = ["(local.set $cell (call $alloc (i32.const 4) (i32.const 4)))",
                   "(i32.store (local.get $cell) (local.get $p0))",
                   "(call $counter_new (local.get $cell))"]
    funcs += [
        CoreFunc(res_mod + "[constructor]counter", ["i32"], ["i32"], new_counter, ["cell:i32"]),
        CoreFunc(res_mod + "[static]counter.make", ["i32"], ["i32"], new_counter, ["cell:i32"]),
        # a borrow of its own resource reaches the guest as the rep itself
        CoreFunc(res_mod + "[method]counter.get", ["i32"], ["i32"], ["(i32.load (local.get $p0))"]),
        CoreFunc(res_mod + "[method]counter.add", ["i32", "i32"], [],
                 ["(i32.store (local.get $p0) (i32.add (i32.load (local.get $p0)) (local.get $p1)))"]),
        CoreFunc(res_mod + "[static]counter.sum", ["i32", "i32"], ["i32"],
                 ["(i32.add (i32.load (local.get $p0)) (i32.load (local.get $p1)))"]),
        # an own arrives as a handle of the guest's table: read, then drop it
        CoreFunc(res_mod + "[static]counter.take", ["i32"], ["i32"],
                 ["(local.set $v (i32.load (call $counter_rep (local.get $p0))))",
                  "(call $counter_drop (local.get $p0))", "(local.get $v)"], ["v:i32"]),
        CoreFunc(res_mod + "counter_dtor", ["i32"], [],
                 [f"(i32.store offset={LOG} (i32.shl (global.get $logged) (i32.const 2)) "
                  "(i32.load (local.get $p0)))",
                  "(global.set $logged (i32.add (global.get $logged) (i32.const 1)))"]),
        CoreFunc(res_mod + "echo-counter", ["i32"], ["i32"], ["(local.get $p0)"]),
        echo_func(res_mod + "maybe-counter", [Opt(Handle("own", "counter"))],
                  Opt(Handle("own", "counter"))),
        echo_func(res_mod + "counters", [List_(Handle("own", "counter"))],
                  List_(Handle("own", "counter"))),
        CoreFunc(res_mod + "drop-counters", ["i32", "i32"], [], [
            "(block $out (loop $next",
            "  (br_if $out (i32.eqz (local.get $p1)))",
            "  (call $counter_drop (i32.load (local.get $p0)))",
            "  (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))",
            "  (local.set $p1 (i32.sub (local.get $p1) (i32.const 1)))",
            "  (br $next)))"]),
        CoreFunc(res_mod + "peek", ["i32"], ["i32"], ["(i32.load (local.get $p0))"]),
        CoreFunc(res_mod + "dropped", [], ["i32"],
                 [f"(i32.store (i32.const {RET}) (i32.const {LOG}))",
                  f"(i32.store offset=4 (i32.const {RET}) (global.get $logged))",
                  f"(i32.const {RET})"]),
        CoreFunc(res_mod + "clear-dropped", [], [], ["(global.set $logged (i32.const 0))"]),
    ]

    # -- the host's resource, used from the guest
    imp(host_mod, "[constructor]logger", "logger_new", ["i32", "i32"], ["i32"])
    imp(host_mod, "[method]logger.log", "logger_log", ["i32", "i32", "i32"], ["i32"])
    imp(host_mod, "[method]logger.prefix", "logger_prefix", ["i32", "i32"], [])
    imp(host_mod, "logger_drop", "logger_drop", ["i32"], [])
    imp(host_mod, "host-logger", "host_logger", ["i32"], ["i32"])
    funcs += [
        CoreFunc(calls_mod + "via-logger", ["i32"], ["i32"], ["(call $host_logger (local.get $p0))"]),
        CoreFunc(calls_mod + "make-logger", ["i32", "i32"], ["i32"],
                 ["(call $logger_new (local.get $p0) (local.get $p1))"]),
        # a borrow of a resource it does not define is a handle; the guest
        # drops it before returning, as the ABI requires
        CoreFunc(calls_mod + "log-via", ["i32", "i32", "i32"], ["i32"],
                 ["(local.set $r (call $logger_log (local.get $p0) (local.get $p1) (local.get $p2)))",
                  "(call $logger_drop (local.get $p0))", "(local.get $r)"], ["r:i32"]),
        CoreFunc(calls_mod + "prefix-via", ["i32"], ["i32"],
                 [f"(call $logger_prefix (local.get $p0) (i32.const {RET}))",
                  "(call $logger_drop (local.get $p0))", f"(i32.const {RET})"]),
        CoreFunc(calls_mod + "drop-logger", ["i32"], [], ["(call $logger_drop (local.get $p0))"]),
        CoreFunc(calls_mod + "new-and-log", ["i32"] * 4, ["i32"],
                 ["(local.set $h (call $logger_new (local.get $p0) (local.get $p1)))",
                  "(local.set $r (call $logger_log (local.get $h) (local.get $p2) (local.get $p3)))",
                  "(call $logger_drop (local.get $h))", "(local.get $r)"], ["h:i32", "r:i32"]),
        CoreFunc(calls_mod + "log-leak", ["i32"], ["i32"], ["(i32.const 0)"]),
    ]
    wat = "(module\n" + "\n".join(imports) + "\n" + PRELUDE + "\n".join(f.wat() for f in funcs) + "\n)\n"
    return wit_text, wat


STRING_TYPES: List[Tuple[str, T]] = [("string", "string"), ("strings", List_("string")),
                                     ("option-string", Opt("string")),
                                     ("result-both", Res("string", "string"))]


def strings_world() -> Tuple[str, str]:
    """(strings.wit, strings.wat): string echoes for every string encoding
    (utf8, utf16, compact-utf16 = latin1+utf16), and the means to make
    wrong strings on purpose (poke bytes, return any (ptr, len))."""
    echo = "\n".join(f"  echo-{n}: func(x: {wit(t)}) -> {wit(t)};" for n, t in STRING_TYPES)
    host = "\n".join(f"  host-{n}: func(x: {wit(t)}) -> {wit(t)};" for n, t in STRING_TYPES)
    via = "\n".join(f"  via-{n}: func(x: {wit(t)}) -> {wit(t)};" for n, t in STRING_TYPES)
    wit_text = f"""// Generated by gen.py: strings in each string encoding (build.sh
// embeds this world three times: --encoding utf8, utf16 and compact-utf16).
package test:strings;

interface host {{
{host}
}}

interface echo {{
{echo}
  // the second flat value of a string: its length in code units (with
  // the latin1+utf16 bit, 1 << 31, set for a utf16 one)
  string-len: func(s: string) -> u32;
  // bytes of the guest's memory returned as a string's (ptr, len)
  raw-string: func(ptr: u32, len: u32) -> string;
  // put bytes in the guest's memory at ptr
  poke: func(ptr: u32, data: list<u8>);
  via-echo: func(x: string) -> string;
}}

world strings {{
  import host;
  export echo;
}}
"""
    echo_mod = "cm32p2|test:strings/echo|"
    host_mod = "cm32p2|test:strings/host"
    imports, funcs = [], []
    for n, t in STRING_TYPES:
        funcs.append(echo_func(echo_mod + f"echo-{n}", [t], t))
        lp, lr = lowered_signature([t], t)
        imports.append(f'  (import "{host_mod}" "host-{n}" (func $host-{n} {core_type(lp, lr)}))')
        funcs.append(forward_func(echo_mod + f"via-{n}", f"host-{n}", [t], t))
    funcs.append(CoreFunc(echo_mod + "string-len", ["i32", "i32"], ["i32"], ["(local.get $p1)"]))
    funcs.append(CoreFunc(echo_mod + "raw-string", ["i32", "i32"], ["i32"],
                          [f"(i32.store (i32.const {RET}) (local.get $p0))",
                           f"(i32.store offset=4 (i32.const {RET}) (local.get $p1))",
                           f"(i32.const {RET})"]))
    funcs.append(CoreFunc(echo_mod + "poke", ["i32", "i32", "i32"], [],
                          ["(memory.copy (local.get $p0) (local.get $p1) (local.get $p2))"]))
    funcs.append(forward_func(echo_mod + "via-echo", "host-string", ["string"], "string"))
    wat = "(module\n" + "\n".join(imports) + "\n" + PRELUDE + "\n".join(f.wat() for f in funcs) + "\n)\n"
    # via-* appear in the echo interface here (one exported interface)
    wit_text = wit_text.replace("  via-echo:", via + "\n  via-echo:")
    return wit_text, wat


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    for stem, (w, m) in (("values", values_world()), ("strings", strings_world())):
        with open(os.path.join(here, f"{stem}.wit"), "w") as f:
            f.write(w)
        with open(os.path.join(here, f"{stem}.wat"), "w") as f:
            f.write(m)


if __name__ == "__main__":
    main()
