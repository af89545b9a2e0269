"""Sandbox guarantees: store limits (side by side with wasmtime-py),
Config.max_wasm_stack, and traps that never take the process down. Risky
cases run in a child process, so a crash fails the test instead of pytest."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import wasmtime as WT

import wasmlite as WL

# -- limits: the same outcome as wasmtime-py ------------------------------------


def _outcome(fn):
    try:
        return ("ok", fn())
    except Exception as e:  # noqa: BLE001 - compared between runtimes
        return (type(e).__name__, str(e).splitlines()[0])


def _store(rt, **limits):
    s = rt.Store(rt.Engine())
    s.set_limits(**limits)
    return s


def _inst(rt, s, wat):
    return rt.Instance(s, rt.Module(s.engine, wat), [])


def _grow_calls(rt, limits, wat, name, deltas):
    s = _store(rt, **limits)
    f = _inst(rt, s, wat).exports(s)[name]
    return [f(s, d) for d in deltas]


MEM_GROW = ('(module (memory 1) (func (export "g") (param i32) (result i32)'
            ' (memory.grow (local.get 0))))')
TAB_GROW = ('(module (table 2 funcref) (func (export "g") (param i32) (result i32)'
            ' (table.grow (ref.null func) (local.get 0))))')


def _host_memory_grow(rt):
    s = _store(rt, memory_size=3 * 65536)
    m = rt.Memory(s, rt.MemoryType(rt.Limits(1, None)))
    out = [m.grow(s, 2)]
    try:
        m.grow(s, 1)
    except rt.WasmtimeError as e:
        out.append(str(e))
    return out + [m.size(s)]


def _host_table_grow(rt):
    s = _store(rt, table_elements=5)
    t = rt.Table(s, rt.TableType(rt.ValType.funcref(), rt.Limits(2, None)), None)
    out = [t.grow(s, 3, None)]
    try:
        t.grow(s, 1, None)
    except rt.WasmtimeError as e:
        out.append(str(e))
    return out


def _count(rt, limits, wats):
    s = _store(rt, **limits)
    out = []
    for wat in wats:
        out.append(_outcome(lambda: _inst(rt, s, wat) and "ok"))
    return [o[1] if o[0] == "ok" else o for o in out]


def _host_made_not_counted(rt):
    s = _store(rt, memories=1, tables=1)
    rt.Memory(s, rt.MemoryType(rt.Limits(1, None)))
    rt.Table(s, rt.TableType(rt.ValType.funcref(), rt.Limits(1, None)), None)
    _inst(rt, s, "(module (memory 1) (table 1 funcref))")
    return "ok"


def _limits_after_instantiation(rt):
    s = rt.Store(rt.Engine())
    g = _inst(rt, s, MEM_GROW).exports(s)["g"]
    s.set_limits(memory_size=2 * 65536)
    return [g(s, 1), g(s, 1)]


LIMIT_CASES = {
    "memory min over": lambda rt: _inst(rt, _store(rt, memory_size=65536), "(module (memory 2))"),
    "memory min at": lambda rt: _inst(rt, _store(rt, memory_size=2 * 65536),
                                      "(module (memory 2))") and "ok",
    "memory 65536 pages over": lambda rt: _inst(rt, _store(rt, memory_size=1 << 20),
                                                "(module (memory 65536))"),
    "memory.grow in wasm": lambda rt: _grow_calls(rt, {"memory_size": 3 * 65536}, MEM_GROW,
                                                  "g", [1, 2, 1, 0, -1]),
    "memory limit not a page multiple": lambda rt: _grow_calls(
        rt, {"memory_size": 65536 + 100}, MEM_GROW, "g", [1, 0]),
    "memory limit zero": lambda rt: _grow_calls(rt, {"memory_size": 0},
                                                MEM_GROW.replace("(memory 1)", "(memory 0)"),
                                                "g", [1, 0]),
    "host memory over": lambda rt: rt.Memory(_store(rt, memory_size=65536),
                                             rt.MemoryType(rt.Limits(2, None))),
    "host memory grow": _host_memory_grow,
    "table min over": lambda rt: _inst(rt, _store(rt, table_elements=5), "(module (table 6 funcref))"),
    "table.grow in wasm": lambda rt: _grow_calls(rt, {"table_elements": 5}, TAB_GROW, "g",
                                                 [3, 1, 0, -1]),
    "host table over": lambda rt: rt.Table(_store(rt, table_elements=5), rt.TableType(
        rt.ValType.funcref(), rt.Limits(6, None)), None),
    "host table grow": _host_table_grow,
    "instances": lambda rt: _count(rt, {"instances": 2}, ["(module)"] * 3),
    "memories": lambda rt: _count(rt, {"memories": 1}, ["(module (memory 1))"] * 2),
    "tables": lambda rt: _count(rt, {"tables": 1}, ["(module (table 1 funcref))"] * 2),
    "failed start still counts": lambda rt: _count(
        rt, {"instances": 1}, ["(module (func unreachable) (start 0))", "(module)"]),
    "host-made memories and tables not counted": _host_made_not_counted,
    "limits set after instantiation": _limits_after_instantiation,
}


def _comparable(outcome):
    kind, value = outcome
    if kind == "ok" and isinstance(value, list):
        value = [v if not isinstance(v, tuple) else (v[0], v[1].split(":")[0]) for v in value]
        return kind, value
    if kind == "Trap":   # wasmtime-py prefixes "wasm trap: " or a backtrace header
        return kind, None
    return kind, value if kind != "ok" else ("ok" if value else value)


@pytest.mark.parametrize("name", list(LIMIT_CASES))
def test_limits_agree_with_wasmtime(name):
    ours = _outcome(lambda: LIMIT_CASES[name](WL))
    theirs = _outcome(lambda: LIMIT_CASES[name](WT))
    if ours[0] == "ok" and theirs[0] == "ok" and not isinstance(ours[1], list):
        return     # both succeeded (the values are runtime-specific objects)
    assert _comparable(ours) == _comparable(theirs)


def test_limit_errors_are_clear():
    s = _store(WL, instances=1)
    _inst(WL, s, "(module)")
    with pytest.raises(WL.WasmtimeError, match="resource limit exceeded: instance count too high at 2"):
        _inst(WL, s, "(module)")
    with pytest.raises(WL.WasmtimeError, match="memory minimum size of 2 pages exceeds memory limits"):
        _inst(WL, _store(WL, memory_size=65536), "(module (memory 2))")
    with pytest.raises(TypeError):
        WL.Store().set_limits(memory_size=1.5)


def test_table_growth_is_bounded_by_the_type_and_limits_only():
    # as in Wasmtime: no implementation cap below 2^32-1 elements; null
    # elements cost no memory until touched (runtime/table.py)
    for rt in (WL, WT):
        s = rt.Store()
        g = _inst(rt, s, TAB_GROW).exports(s)["g"]
        assert g(s, 20_000_000) == 2
        assert g(s, -1) == -1
        assert g(s, 1000) == 20_000_002


# -- risky cases: in a child process ----------------------------------------------

def run_child(code: str, timeout: int = 120) -> str:
    """Run ``code`` in a fresh interpreter; its stdout. A crash (signal) or
    a non-zero exit fails the test with the child's stderr."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, (f"child exited with {proc.returncode}\n"
                                  f"{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return proc.stdout


PRELUDE = """
import sys, threading
import wasmlite as wt
def trap_code(f, *args):
    try:
        f(*args)
    except wt.Trap as e:
        return e.trap_code.name
    return "no trap"
RECURSE = '''(module
  (func $r (export "r") (param i32) (result i32) (local i64 i64 i64 i64 f64 f64 v128 v128)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $r (i32.sub (local.get 0) (i32.const 1))))))))'''
"""


@pytest.mark.parametrize("strategy", ["llvm", "auto"])
@pytest.mark.parametrize("max_stack", [None, 16 * 1024, 64 * 1024, 4 << 20])
def test_deep_recursion_traps_at_any_max_wasm_stack(max_stack, strategy):
    # interpreter frames (auto starts there) are ~350 bytes for $r against
    # ~16 for compiled code: 16 KiB holds 40 of them (docs/tiers.md)
    depth = 30 if strategy == "auto" and max_stack == 16 * 1024 else 50
    out = run_child(PRELUDE + f"""
cfg = wt.Config()
cfg.strategy = {strategy!r}
if {max_stack!r} is not None:
    cfg.max_wasm_stack = {max_stack!r}
eng = wt.Engine(cfg)
s = wt.Store(eng)
r = wt.Instance(s, wt.Module(eng, RECURSE), []).exports(s)["r"]
print(r(s, {depth}) - {depth} + 50)
print(trap_code(r, s, 100_000_000))
print(trap_code(r, s, 100_000_000))   # the store is usable after the trap
print(r(s, 10))
""")
    assert out.split() == ["50", "STACK_OVERFLOW", "STACK_OVERFLOW", "10"]


@pytest.mark.parametrize("thread_stack,max_stack", [(256 * 1024, None), (1 << 20, 4 << 20),
                                                    (64 * 1024, None)])
def test_recursion_in_a_thread_with_a_small_stack_traps(thread_stack, max_stack):
    """max_wasm_stack larger than the thread's stack (threading.stack_size
    set after the Config): the thread's own stack bounds stop wasm."""
    out = run_child(PRELUDE + f"""
cfg = wt.Config()
if {max_stack!r} is not None:
    cfg.max_wasm_stack = {max_stack!r}
eng = wt.Engine(cfg)
m = wt.Module(eng, RECURSE)
threading.stack_size({thread_stack})
res = []
def go():
    s = wt.Store(eng)
    r = wt.Instance(s, m, []).exports(s)["r"]
    res.append(trap_code(r, s, 100_000_000))
    res.append(r(s, 20))
t = threading.Thread(target=go); t.start(); t.join()
print(*res)
""")
    assert out.split() == ["STACK_OVERFLOW", "20"]


def test_mutual_recursion_through_host_functions():
    out = run_child(PRELUDE + """
sys.setrecursionlimit(100_000)
eng = wt.Engine()
s = wt.Store(eng)
box = {}
h = wt.Func(s, wt.FuncType([wt.ValType.i32()], [wt.ValType.i32()]),
            lambda n: box["down"](s, n))
wat = '''(module (import "" "h" (func $h (param i32) (result i32)))
  (func (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $h (i32.sub (local.get 0) (i32.const 1))))))))'''
box["down"] = wt.Instance(s, wt.Module(eng, wat), [h]).exports(s)["down"]
print(box["down"](s, 30))
try:
    box["down"](s, 10_000_000)
    print("no error")
except wt.Trap as e:
    print(e.trap_code.name)
except RecursionError:
    print("RecursionError")
print(box["down"](s, 20))
def in_thread():
    threading.stack_size(512 * 1024)
    try:
        box["down"](s, 10_000_000)
        print("no error")
    except wt.Trap as e:
        print(e.trap_code.name)
    except RecursionError:
        print("RecursionError")
t = threading.Thread(target=in_thread); t.start(); t.join()
""")
    lines = out.split()
    assert lines[0] == "30" and lines[2] == "20"
    assert lines[1] in ("STACK_OVERFLOW", "RecursionError")
    assert lines[3] in ("STACK_OVERFLOW", "RecursionError")


def test_out_of_bounds_accesses_trap():
    out = run_child(PRELUDE + """
s = wt.Store()
wat = '''(module (memory 1) (table 2 funcref) (type $t (func))
  (func (export "load") (param i32) (result i64) (i64.load offset=0 (local.get 0)))
  (func (export "load_off") (param i32) (result i32) (i32.load offset=4294967295 (local.get 0)))
  (func (export "store") (param i32) (i64.store (local.get 0) (i64.const 1)))
  (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 0) (local.get 1)))
  (func (export "copy") (param i32 i32) (memory.copy (local.get 0) (i32.const 0) (local.get 1)))
  (func (export "ci") (param i32) (call_indirect (type $t) (local.get 0)))
  (func (export "tget") (param i32) (result funcref) (table.get (local.get 0)))
  (func (export "tfill") (param i32 i32) (table.fill (local.get 0) (ref.null func) (local.get 1))))'''
ex = wt.Instance(s, wt.Module(s.engine, wat), []).exports(s)
for name, args in [("load", (65529,)), ("load", (-1,)), ("load", (-8,)), ("load_off", (0,)),
                   ("load_off", (-1,)), ("store", (65536,)), ("store", (-2**31,)),
                   ("fill", (1, 65536)), ("fill", (-1, -1)), ("copy", (65535, 2)),
                   ("copy", (0, -1)), ("ci", (2,)), ("ci", (-1,)), ("ci", (0,)),
                   ("tget", (2,)), ("tget", (-1,)), ("tfill", (1, 2)), ("tfill", (-1, -1))]:
    print(name, trap_code(ex[name], s, *args))
print("load", ex["load"](s, 65528))
""")
    got = dict(line.split(" ", 1) for line in out.splitlines()[:-1] if line)
    lines = out.splitlines()
    assert lines[-1] == "load 0"
    for line in lines[:-1]:
        name, code = line.split()
        expected = {"ci": ("TABLE_OUT_OF_BOUNDS", "INDIRECT_CALL_TO_NULL"),
                    "tget": ("TABLE_OUT_OF_BOUNDS",), "tfill": ("TABLE_OUT_OF_BOUNDS",)}.get(
                        name, ("MEMORY_OUT_OF_BOUNDS",))
        assert code in expected, line
    assert got


def test_huge_growth_and_huge_declarations_are_clean():
    out = run_child(PRELUDE + """
s = wt.Store()
wat = '''(module (memory (export "m") 1) (table 1 funcref)
  (func (export "mg") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "tg") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))'''
ex = wt.Instance(s, wt.Module(s.engine, wat), []).exports(s)
print(ex["mg"](s, 65536), ex["mg"](s, -1), ex["mg"](s, 0x7fffffff), ex["tg"](s, -1),
      ex["tg"](s, 0x7fffffff))
print(ex["mg"](s, 65535), ex["m"].size(s))     # 4 GiB: reserved up front, committed lazily
try:
    ex["m"].grow(s, 1)
except wt.WasmtimeError as e:
    print("host grow refused")
# declared 65536 pages and 10**7 elements: accepted (lazily committed), and
# refused cleanly under limits
big = wt.Instance(s, wt.Module(s.engine, '(module (memory (export "m") 65536) (table (export "t") 10000000 funcref))'), []).exports(s)
print(big["m"].size(s), big["t"].size(s))
s2 = wt.Store(); s2.set_limits(memory_size=1 << 30, table_elements=1000)
for w in ['(module (memory 65536))', '(module (table 10000000 funcref))']:
    try:
        wt.Instance(s2, wt.Module(s2.engine, w), [])
    except wt.WasmtimeError as e:
        print("refused:", str(e).split(" exceeds")[0])
try:
    wt.Instance(wt.Store(), wt.Module(wt.Engine(), '(module (table 10000001 funcref))'), [])
    print("huge table accepted")
except wt.WasmtimeError as e:
    print("huge table refused")
""")
    lines = out.splitlines()
    # table.grow 2^31-1: 16 GiB of null elements, reserved, not committed
    assert lines[0].split() == ["-1", "-1", "-1", "-1", "1"]
    assert lines[1].split() == ["1", "65536"]
    assert lines[2] == "host grow refused"
    assert lines[3].split() == ["65536", "10000000"]
    assert lines[4].startswith("refused: memory minimum size of 65536 pages")
    assert lines[5].startswith("refused: table minimum size of 10000000 elements")
    assert lines[6] in ("huge table refused", "huge table accepted")
