"""Exception handling at run time, in every tier: throw / catch in one
function and across calls, catch_ref + throw_ref, legacy try / catch /
delegate / rethrow, wasm locals kept across a throw, exceptions through host
functions both ways, the uncaught exception as Python sees it (compared with
wasmtime-py), the Tag API, and tags shared between instances."""
from __future__ import annotations

import pytest

import wasmlite as wl

STRATEGIES = ["llvm", "interpreter", "auto"]


def engine(strategy: str) -> wl.Engine:
    cfg = wl.Config()
    cfg.strategy = strategy
    return wl.Engine(cfg)


LIB = """(module
  (import "host" "call" (func $host (param i32)))
  (tag $e (export "e") (param i32 i64))
  (tag $f (export "f") (param f64))
  (tag $g)
  (func $throw (export "throw") (param i32) (throw $e (local.get 0) (i64.const 7)))
  ;; a throw several frames down, caught here
  (func $deep (param i32) (if (i32.eqz (local.get 0)) (then (call $throw (i32.const 42))))
    (call $deep (i32.sub (local.get 0) (i32.const 1))))
  (func (export "catch-deep") (param i32) (result i32 i64)
    (block $h (result i32 i64)
      (try_table (result i32 i64) (catch $e $h)
        (call $deep (local.get 0)) (i32.const -1) (i64.const -1))))
  ;; locals changed inside the try body keep their values in the handler
  (func (export "locals") (param i32) (result i32)
    (local $n i32) (local $m i64)
    (block $h
      (try_table (catch_all $h)
        (local.set $n (i32.const 5))
        (local.set $m (i64.const 9))
        (loop $l (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br_if $l (i32.lt_u (local.get $n) (local.get 0))))
        (call $throw (i32.const 0))))
    (i32.add (local.get $n) (i32.wrap_i64 (local.get $m))))
  ;; the first matching clause wins; an unmatched tag goes on outward
  (func (export "which") (param i32) (result i32)
    (block $a
      (block $b
        (block $c (result f64)
          (try_table (catch $g $a) (catch $f $c) (catch_all $b)
            (if (i32.eq (local.get 0) (i32.const 0)) (then (throw $g)))
            (if (i32.eq (local.get 0) (i32.const 1)) (then (throw $f (f64.const 1.5))))
            (call $throw (local.get 0)))
          (return (i32.const 0)))
        (f64.const 2) (f64.mul) (i32.trunc_f64_s) (return))
      (return (i32.const 20)))
    (i32.const 10))
  ;; catch_ref + throw_ref rethrows the same exception
  (func (export "rethrow-ref") (param i32) (result i32 i64)
    (block $outer (result i32 i64)
      (try_table (result i32 i64) (catch $e $outer)
        (block $h (result i32 i64 exnref)
          (try_table (catch_ref $e $h) (call $throw (local.get 0)))
          (unreachable))
        (throw_ref))))
  (func (export "throw-null") (throw_ref (ref.null exn)))
  ;; legacy: catch, catch_all, rethrow, delegate
  (func (export "legacy") (param i32) (result i32)
    (try (result i32) (do (call $throw (local.get 0)) (i32.const 0))
      (catch $g (i32.const 1))
      (catch $e (drop))))
  (func (export "legacy-rethrow") (param i32) (result i32)
    (try (result i32)
      (do (try (do (call $throw (local.get 0))) (catch_all (rethrow 0))) (i32.const 0))
      (catch $e (drop) (i32.const 1000) (i32.add))))
  (func (export "delegate") (param i32) (result i32)
    (try $t (result i32)
      (do (try (do (try (do (call $throw (local.get 0))) (delegate $t)))
               (catch_all)) ;; skipped by the delegate
          (i32.const 0))
      (catch $e (drop) (i32.const 2) (i32.add))))
  ;; through a host function: wasm -> Python -> wasm throws -> caught here
  (func (export "via-host") (param i32) (result i32)
    (block $h (result i32 i64)
      (try_table (result i32 i64) (catch $e $h)
        (call $host (local.get 0)) (i32.const 0) (i64.const 0)))
    (drop))
  ;; a trap is not an exception: catch_all does not catch it
  (func (export "trap-in-try") (result i32)
    (block $h
      (try_table (catch_all $h) (unreachable)))
    (i32.const 1))
  ;; many throws: the handler chain does not grow
  (func (export "many") (param i32) (result i32)
    (local $k i32)
    (loop $l
      (block $h
        (try_table (catch_all $h) (call $throw (local.get $k))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $k) (local.get 0))))
    (local.get $k))
  ;; memory grown inside the try body: the handler sees the new size
  (memory 1)
  (func (export "grow-in-try") (result i32)
    (block $h
      (try_table (catch_all $h)
        (drop (memory.grow (i32.const 1)))
        (call $throw (i32.const 0))))
    (i32.store (i32.const 70000) (i32.const 3))
    (i32.load (i32.const 70000)))
)"""


def make(strategy: str, host=None):
    eng = engine(strategy)
    store = wl.Store(eng)
    module = wl.Module(eng, LIB)
    box: dict = {}

    def default_host(x):
        box["x"]["throw"](store, x)
    func = wl.Func(store, wl.FuncType([wl.ValType.i32()], []), host or default_host)
    inst = wl.Instance(store, module, [func])
    box["x"] = inst.exports(store)
    return store, box["x"]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_throw_and_catch(strategy):
    store, x = make(strategy)
    assert x["catch-deep"](store, 30) == [42, 7]
    assert x["locals"](store, 12) == 12 + 9
    assert [x["which"](store, k) for k in (0, 1, 2)] == [10, 3, 20]
    assert x["rethrow-ref"](store, 8) == [8, 7]
    assert x["legacy"](store, 4) == 4
    assert x["legacy-rethrow"](store, 5) == 1005
    assert x["delegate"](store, 6) == 8
    assert x["grow-in-try"](store) == 3
    assert x["many"](store, 2000) == 2000


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_uncaught_exception_carries_tag_and_values(strategy):
    store, x = make(strategy)
    with pytest.raises(wl.ThrownException) as info:
        x["throw"](store, -3)
    exc = info.value
    assert isinstance(exc, wl.Trap) and exc.trap_code is None
    assert exc.values == [-3, 7]
    assert exc.tag.eq(store, x["e"]) and not exc.tag.eq(store, x["f"])
    assert str(exc).rstrip().endswith("thrown Wasm exception")
    assert exc.frames and exc.frames[0].func_index == 1     # $throw (after the import)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_traps_are_not_exceptions(strategy):
    store, x = make(strategy)
    with pytest.raises(wl.Trap) as info:
        x["trap-in-try"](store)
    assert info.value.trap_code is wl.TrapCode.UNREACHABLE
    with pytest.raises(wl.Trap, match="null exception reference"):
        x["throw-null"](store)
    # and the store still works: the chain was put back
    assert x["catch-deep"](store, 3) == [42, 7]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_exception_through_a_host_function(strategy):
    store, x = make(strategy)
    # the host function calls wasm that throws; the exception passes through
    # Python unchanged and the wasm below the host function catches it
    assert x["via-host"](store, 11) == 11
    seen = []

    def catching_host(v):
        try:
            box["x"]["throw"](store, v)
        except wl.ThrownException as e:
            seen.append(e.values)
    store2, x2 = make(strategy, host=catching_host)
    box = {"x": x2}
    store = store2
    assert x2["via-host"](store2, 5) == 0        # the host caught it: nothing to catch
    assert seen == [[5, 7]]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_python_exception_in_host_is_not_caught_by_wasm(strategy):
    def bad(v):
        raise KeyError("mine")
    store, x = make(strategy, host=bad)
    with pytest.raises(KeyError, match="mine"):
        x["via-host"](store, 1)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_tags_across_instances_and_host_tags(strategy):
    eng = engine(strategy)
    store = wl.Store(eng)
    tag_type = wl.TagType(wl.FuncType([wl.ValType.i32()], []))
    host_tag = wl.Tag(store, tag_type)
    thrower = wl.Module(eng, """(module (import "m" "t" (tag $t (param i32)))
      (func (export "go") (param i32) (throw $t (local.get 0))))""")
    catcher = wl.Module(eng, """(module
      (import "m" "t" (tag $t (param i32)))
      (import "m" "go" (func $go (param i32)))
      (tag $other (param i32))
      (func (export "run") (param i32) (result i32)
        (block $h (result i32)
          (try_table (catch $other $h) (catch $t $h) (call $go (local.get 0)))
          (i32.const -1))))""")
    linker = wl.Linker(eng)
    linker.define(store, "m", "t", host_tag)
    go = linker.instantiate(store, thrower).exports(store)["go"]
    linker.define(store, "m", "go", go)
    run = linker.instantiate(store, catcher).exports(store)["run"]
    assert run(store, 77) == 77
    assert host_tag.type(store).functype.params == [wl.ValType.i32()]
    # a tag of another type does not link
    other = wl.Tag(store, wl.TagType(wl.FuncType([wl.ValType.i64()], [])))
    bad = wl.Linker(eng)
    bad.define(store, "m", "t", other)
    with pytest.raises(wl.WasmtimeError, match="incompatible import type"):
        bad.instantiate(store, thrower)
    with pytest.raises(wl.ThrownException) as info:
        go(store, 3)
    assert info.value.tag.eq(store, host_tag) and info.value.values == [3]
    ty = [t.type for t in catcher.imports if t.name == "t"][0]
    assert isinstance(ty, wl.TagType) and ty.functype.params == [wl.ValType.i32()]


def test_tag_type_rejects_results():
    with pytest.raises(wl.WasmtimeError):
        wl.TagType(wl.FuncType([], [wl.ValType.i32()]))
    with pytest.raises(TypeError):
        wl.TagType("i32")


def test_uncaught_exception_reads_as_wasmtime_py():
    """wasmtime-py raises a Trap without a trap code whose message ends in
    "thrown Wasm exception"; so does wasmlite."""
    wasmtime = pytest.importorskip("wasmtime")
    wat = """(module (tag $t (param i32))
      (func (export "f") (param i32) (throw $t (local.get 0))))"""
    ws = wasmtime.Store(wasmtime.Engine())
    wf = wasmtime.Instance(ws, wasmtime.Module(ws.engine, wat), []).exports(ws)["f"]
    with pytest.raises(wasmtime.Trap) as theirs:
        wf(ws, 1)
    ls = wl.Store(wl.Engine())
    lf = wl.Instance(ls, wl.Module(ls.engine, wat), []).exports(ls)["f"]
    with pytest.raises(wl.Trap) as ours:
        lf(ls, 1)
    assert theirs.value.trap_code is None and ours.value.trap_code is None
    assert str(theirs.value).rstrip().splitlines()[-1].strip() == \
        str(ours.value).rstrip().splitlines()[-1].strip() == "thrown Wasm exception"


def test_cli_reports_an_uncaught_exception_as_wasmtime_does(tmp_path, capsys):
    """``wasmtime run --invoke`` of a function that throws: the cause chain
    ends in "thrown Wasm exception" and the status is 1 (an error, not the
    134 of a trap); checked against a working ``wasmtime`` when there is one."""
    import shutil
    import subprocess
    from wasmlite.cli import main
    path = tmp_path / "t.wat"
    path.write_text("""(module (tag $t (param i32))
      (func (export "thr") (param i32) (throw $t (local.get 0))))""")
    status = main(["run", "--invoke", "thr", str(path), "3"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.rstrip().endswith("2: thrown Wasm exception")
    assert "0: failed to invoke `thr`" in err
    wasmtime_cli = shutil.which("wasmtime")
    if wasmtime_cli:
        try:
            theirs = subprocess.run([wasmtime_cli, "run", "--invoke", "thr", str(path), "3"],
                                    capture_output=True, text=True, timeout=60,
                                    env={"PATH": "/usr/bin:/bin"})
        except OSError:
            return
        if "thrown Wasm exception" in theirs.stderr:
            assert theirs.returncode == status


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_a_tail_call_leaves_the_try(strategy):
    """return_call from a try body: the frame, and with it its handlers, is
    gone before the callee runs, so the callee's exception goes to the
    caller's caller (an interpreted callee, a host function, and a callee
    through a table: the interpreter runs the first in its frame and the
    others through the out stub)."""
    def host():
        raise_it["x"]["throw"](store, 9)
    raise_it: dict = {}
    eng = engine(strategy)
    store = wl.Store(eng)
    module = wl.Module(eng, """(module
      (import "h" "f" (func $host))
      (tag $e (param i32))
      (table funcref (elem $thrower))
      (func $thrower (export "throw") (param i32) (throw $e (local.get 0)))
      (func $t1 (param i32)
        (block $h (try_table (catch_all $h) (return_call $thrower (local.get 0)))))
      (func $t2 (block $h (try_table (catch_all $h) (return_call $host))))
      (func $t3 (param i32)
        (block $h (try_table (catch_all $h)
          (return_call_indirect (param i32) (local.get 0) (i32.const 0)))))
      (func (export "run") (param i32) (result i32)
        (block $h (result i32)
          (try_table (catch $e $h)
            (if (i32.eq (local.get 0) (i32.const 1)) (then (call $t1 (i32.const 1))))
            (if (i32.eq (local.get 0) (i32.const 2)) (then (call $t2)))
            (if (i32.eq (local.get 0) (i32.const 3)) (then (call $t3 (i32.const 3)))))
          (i32.const 0))))""")
    inst = wl.Instance(store, module, [wl.Func(store, wl.FuncType([], []), host)])
    raise_it["x"] = x = inst.exports(store)
    assert [x["run"](store, k) for k in (1, 2, 3)] == [1, 9, 3]


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_exnref_values_cross_the_api(strategy):
    """An exnref a function returns is an exception object Python can hold,
    pass back, store in a global, and rethrow (wasmtime-py 50 aborts the
    process on exnref values)."""
    eng = engine(strategy)
    store = wl.Store(eng)
    x = wl.Instance(store, wl.Module(eng, """(module
      (tag $e (export "e") (param i32))
      (global $g (export "g") (mut exnref) (ref.null exn))
      (func (export "catch") (param i32) (result exnref)
        (block $h (result exnref)
          (try_table (catch_all_ref $h) (throw $e (local.get 0)))
          (unreachable)))
      (func (export "rethrow") (param exnref) (throw_ref (local.get 0))))"""),
        []).exports(store)
    exn = x["catch"](store, 12)
    assert exn is not None
    with pytest.raises(wl.ThrownException) as info:
        x["rethrow"](store, exn)
    assert info.value.values == [12] and info.value.exn is exn
    x["g"].set_value(store, exn)
    assert x["g"].value(store) is exn
    with pytest.raises(TypeError):
        x["rethrow"](store, 5)
    with pytest.raises(wl.Trap, match="null exception reference"):
        x["rethrow"](store, None)


def test_an_exception_out_of_the_start_function_is_an_error_as_in_wasmtime_py():
    wasmtime = pytest.importorskip("wasmtime")
    wat = """(module (tag $t (param i32)) (func $s (throw $t (i32.const 4))) (start $s))"""
    ws = wasmtime.Store()
    with pytest.raises(wasmtime.WasmtimeError) as theirs:
        wasmtime.Instance(ws, wasmtime.Module(ws.engine, wat), [])
    ls = wl.Store()
    with pytest.raises(wl.WasmtimeError) as ours:
        wl.Instance(ls, wl.Module(ls.engine, wat), [])
    assert not isinstance(ours.value, wl.Trap)
    assert str(theirs.value).rstrip().endswith("thrown Wasm exception")
    assert str(ours.value).rstrip().endswith("thrown Wasm exception")
    assert ours.value.__cause__.values == [4]        # the exception itself
