"""The ``wasmlite`` command: run, wast and wat2wasm, in process (``main``)
and once as a real subprocess (the console entry point's plumbing)."""
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime

from wasmlite.binary import decode_module, encode_module
from wasmlite.cli import main
from wasmlite.cli_values import format_result, parse_arg
from wasmlite.launch import TRAP_EXIT_STATUS
from wasmlite.syntax.types import F32, F64, I32, I64

pytestmark = pytest.mark.usefixtures("isolated_cache")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FACTORIAL = str(EXAMPLES / "factorial.wat")

KERNEL = """(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "pair") (param f32 f64) (result f64 f32) (local.get 1) (local.get 0))
  (func (export "neg") (param i64) (result i64) (i64.sub (i64.const 0) (local.get 0)))
  (func (export "boom") (unreachable))
  (func $deep (export "deep") (call $deep))
  (memory (export "mem") 1)
  (global $g (mut i32) (i32.const 0))
  (func (export "_start") (global.set $g (i32.const 1))))"""


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def kernel(tmp_path):
    p = tmp_path / "kernel.wasm"
    p.write_bytes(wasmtime.wat2wasm(KERNEL))
    return str(p)


def test_run_invoke_prints_results_one_per_line(capsys, kernel):
    assert run(capsys, "run", "--invoke", "fac", FACTORIAL, "20")[:2] == (0, "2432902008176640000\n")
    assert run(capsys, "run", "--invoke", "add", kernel, "-1", "2147483647")[:2] == (
        0, "2147483646\n")
    assert run(capsys, "run", "--invoke", "pair", kernel, "0.1", "2.5")[:2] == (0, "2.5\n0.1\n")
    assert run(capsys, "run", "--invoke", "neg", kernel, "-9223372036854775808")[:2] == (
        0, "-9223372036854775808\n")


def test_run_without_invoke_calls_start(capsys, kernel):
    assert run(capsys, "run", kernel) == (0, "", "")


def test_run_trap_exits_non_zero_with_the_message(capsys, kernel):
    status, out, err = run(capsys, "run", "--invoke", "boom", kernel)
    assert status == TRAP_EXIT_STATUS and out == ""
    assert "wasm trap: " in err and "unreachable" in err
    status, _, err = run(capsys, "run", "--invoke", "deep", kernel)
    assert status == TRAP_EXIT_STATUS and "call stack exhausted" in err


@pytest.mark.parametrize("argv, message", [
    (["--invoke", "add", "K", "1"], "not enough arguments for `add`"),
    (["--invoke", "add", "K", "1", "x"], "failed to parse argument 'x' as i32: invalid digit"),
    (["--invoke", "add", "K", "1", "4294967296"], "as i32: number too large to fit"),
    (["--invoke", "mem", "K"], "no func export named `mem` found"),
])
def test_run_bad_arguments_are_clear_errors(capsys, kernel, argv, message):
    status, out, err = run(capsys, "run", *[kernel if a == "K" else a for a in argv])
    assert status == 1 and out == ""
    assert message in err and "Traceback" not in err


def test_run_bad_files_are_clear_errors(capsys, tmp_path):
    missing = tmp_path / "missing.wasm"
    assert run(capsys, "run", str(missing))[0] == 1
    bad = tmp_path / "bad.wasm"
    bad.write_bytes(b"\0asm\x01\0\0\0\x01")
    status, _, err = run(capsys, "run", str(bad))
    assert status == 1 and "unexpected end" in err
    binary = tmp_path / "junk.wat"
    binary.write_bytes(b"\xff\xfe\x00")
    assert run(capsys, "run", str(binary))[0] == 1
    imports = tmp_path / "imports.wat"
    imports.write_text('(module (import "env" "f" (func)))')
    status, _, err = run(capsys, "run", str(imports))
    assert status == 1 and "unknown import: `env::f`" in err


@pytest.mark.parametrize("value, ty, text", [
    (-1, I32, "-1"), (-2**63, I64, "-9223372036854775808"),
    (struct.unpack("<f", struct.pack("<f", 0.1))[0], F32, "0.1"),
    (float("nan"), F32, "NaN"), (float("-inf"), F32, "-inf"),
    (1 / 3, F64, repr(1 / 3)), (-0.0, F64, "-0"),
])
def test_result_formatting(value, ty, text):
    assert format_result(value, ty) == text


def test_arguments_round_trip_through_the_formatting():
    for ty, text in [(I32, "-7"), (I64, "123456789012"), (F32, "1.5"), (F64, "-2.25")]:
        assert format_result(parse_arg(text, ty), ty) == text


def test_wast_prints_a_line_per_file_and_the_total(capsys, tmp_path):
    good = tmp_path / "good.wast"
    good.write_text('(module (func (export "f") (result i32) (i32.const 3)))\n'
                    '(assert_return (invoke "f") (i32.const 3))\n'
                    '(assert_trap (module (func $s unreachable) (start $s)) "unreachable")\n')
    bad = tmp_path / "bad.wast"
    bad.write_text('(module (func (export "f") (result i32) (i32.const 3)))\n'
                   '(assert_return (invoke "f") (i32.const 4))\n')
    status, out, _ = run(capsys, "wast", str(good), str(bad))
    lines = out.splitlines()
    assert lines[0] == f"{good}: 3 passed, 0 failed, 0 skipped"
    assert lines[1] == f"{bad}: 1 passed, 1 failed, 0 skipped"
    assert lines[-1] == "4 passed, 1 failed, 0 skipped" and status == 1
    # why it failed, on one line under its file, without -v
    assert lines[2].startswith(f"  {bad}:2: result 0: got ") and "expected" in lines[2]
    assert len(lines) == 4
    status, out, _ = run(capsys, "wast", "-v", str(bad))
    assert "expected i32 4" in out or "result 0" in out
    assert run(capsys, "wast", str(good))[0] == 0


def test_wast_without_v_shows_the_first_failures_briefly(capsys, tmp_path):
    script = tmp_path / "many.wast"
    script.write_text('(module (func (export "f") (result i32) (i32.const 3)))\n'
                      + f'(assert_trap (invoke "f") "{"unreachable " * 30}")\n' * 12)
    status, out, _ = run(capsys, "wast", str(script))
    lines = out.splitlines()
    assert status == 1 and lines[0] == f"{script}: 1 passed, 12 failed, 0 skipped"
    shown = lines[1:11]
    assert all(line.startswith(f"  {script}:") and line.endswith("...") for line in shown)
    assert all(len(line) == 2 + 160 for line in shown)
    assert lines[11] == "  ... and 2 more (-v lists them all)"
    assert lines[12] == "1 passed, 12 failed, 0 skipped" and len(lines) == 13
    status, out, _ = run(capsys, "wast", "-v", str(script))
    assert len(out.splitlines()) == 14


@pytest.mark.parametrize("strategy", ["interpreter", "llvm", "cranelift", "auto"])
def test_wast_strategy_reaches_the_executor(capsys, tmp_path, monkeypatch, strategy):
    from wasmlite.engine import Config
    from wasmlite.errors import WasmtimeError
    from wasmlite.script import execute
    try:
        Config().strategy = strategy
    except WasmtimeError:
        pytest.skip(f"Config.strategy has no {strategy!r} yet")
    seen = []
    real = execute.Executor

    def spy(*args, **kwargs):
        seen.append(kwargs.get("strategy"))
        return real(*args, **kwargs)
    monkeypatch.setattr(execute, "Executor", spy)
    good = tmp_path / "good.wast"
    good.write_text('(module (func (export "f") (result i32) (i32.const 3)))\n'
                    '(assert_return (invoke "f") (i32.const 3))\n')
    status, out, _ = run(capsys, "wast", "--strategy", strategy, str(good))
    assert status == 0 and out.endswith("2 passed, 0 failed, 0 skipped\n")
    assert seen == [{"cranelift": "llvm"}.get(strategy, strategy)]


def test_wat2wasm_writes_the_binary(capsys, tmp_path):
    out = tmp_path / "k.wasm"
    src = tmp_path / "k.wat"
    src.write_text(KERNEL)
    assert run(capsys, "wat2wasm", str(src), "-o", str(out))[0] == 0
    ours, theirs = decode_module(out.read_bytes()), decode_module(wasmtime.wat2wasm(KERNEL))
    ours.names = theirs.names = None                  # wasmtime adds a name section
    ours.customs = theirs.customs = []
    assert encode_module(ours) == encode_module(theirs)
    src.write_text("(module (func (result i32)))")          # invalid: empty body
    status, _, err = run(capsys, "wat2wasm", str(src), "-o", str(out))
    assert status == 1 and "type mismatch" in err


def test_console_entry_point_runs_the_readme_example():
    proc = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--invoke", "fac",
                           FACTORIAL, "20"], capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stdout) == (0, "2432902008176640000\n"), proc.stderr
    proc = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--invoke", "div",
                           FACTORIAL, "1", "0"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == TRAP_EXIT_STATUS
    assert re.search(r"integer divide by zero", proc.stderr)


# -- WASI programs ------------------------------------------------------------------

WASI_DIR = Path(__file__).resolve().parent / "wasi"
HELLO = str(EXAMPLES / "hello_wasi.wasm")


def test_run_wasi_program_gets_args_and_env(capfd):
    status = main(["run", "--opt-level", "none", "--env", "GREETING=hi there", "--env", "T_X=1",
                   str(WASI_DIR / "args_env.wasm"), "a", "b c"])
    out, err = capfd.readouterr()
    assert status == 0 and err == ""
    assert "argc=3\nargv[1]=[a] len=1\nargv[2]=[b c] len=3\nGREETING=hi there\n" in out
    assert out.endswith("env T_X=1\n")


def test_the_commands_own_process_freezes_the_loaded_module(capfd, monkeypatch):
    """``wasmlite run`` (cli.console_main) takes the module and instance out
    of the cyclic GC's sight once they are made, and leaves the collector
    on; called as a library (launch.own_process False) it touches neither."""
    import gc

    from wasmlite import launch
    gc.unfreeze()
    try:
        assert main(["run", HELLO, "Ada"]) == 0
        assert gc.get_freeze_count() == 0 and gc.isenabled()
        monkeypatch.setattr(launch, "own_process", True)
        before = len(gc.get_objects())
        assert main(["run", HELLO, "Ada"]) == 0
        assert gc.get_freeze_count() > before // 2 and gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
    assert capfd.readouterr().out.count("Hello, Ada!") == 2


def test_run_exits_with_the_guests_status(capfd):
    wasm = str(WASI_DIR / "exit_code.wasm")
    assert main(["run", "--opt-level", "none", wasm, "7", "exit"]) == 7
    assert main(["run", "--opt-level", "none", wasm, "3"]) == 3
    assert main(["run", "--opt-level", "none", wasm, "0", "abort"]) == TRAP_EXIT_STATUS
    out, err = capfd.readouterr()
    assert "exiting with 7 via exit" in out and "wasm trap" in err


def test_run_dir_preopens_host_directories(capfd, tmp_path):
    (tmp_path / "data").mkdir()
    status = main(["run", "--opt-level", "none", "--dir", f"{tmp_path / 'data'}::/sandbox",
                   str(WASI_DIR / "files.wasm"), "/sandbox"])
    out, _ = capfd.readouterr()
    assert status == 0 and "many has 40 files" in out
    assert (tmp_path / "data" / "work" / "b.txt").stat().st_size == 109
    assert len(list((tmp_path / "data" / "many").iterdir())) == 40
    # the same directory under its own name
    (tmp_path / "d2").mkdir()
    assert main(["run", "--opt-level", "none", "--dir", str(tmp_path / "d2"),
                 str(WASI_DIR / "files.wasm"), str(tmp_path / "d2")]) == 0
    assert (tmp_path / "d2" / "many").is_dir()


def test_run_without_dir_sees_no_files(capfd):
    status = main(["run", "--opt-level", "none", HELLO, "Ada"])
    out, _ = capfd.readouterr()
    assert status == 0
    assert out.startswith("Hello, Ada! This greeting comes from C code compiled to WebAssembly")
    assert "cannot read /etc/passwd" in out


def test_run_fuel_limits_the_guest(capsys):
    assert run(capsys, "run", "--fuel", "100000", "--invoke", "fac", FACTORIAL, "20")[:2] == (
        0, "2432902008176640000\n")
    status, out, err = run(capsys, "run", "--fuel", "10", "--invoke", "fac", FACTORIAL, "20")
    assert status == TRAP_EXIT_STATUS and out == ""
    assert "all fuel consumed" in err and err.count("Caused by") == 1


def test_compile_ahead_of_time_and_run_precompiled(capsys, tmp_path):
    cwasm = tmp_path / "factorial.cwasm"
    assert run(capsys, "compile", FACTORIAL, "-o", str(cwasm))[0] == 0
    assert cwasm.read_bytes().startswith(b"WASMLITE-CWASM")
    # native code runs only when asked for explicitly
    status, _, err = run(capsys, "run", "--invoke", "fac", str(cwasm), "10")
    assert status == 1 and "--allow-precompiled" in err
    assert run(capsys, "run", "--allow-precompiled", "--invoke", "fac", str(cwasm), "10")[:2] == (
        0, "3628800\n")
    # compiled without fuel checks, so it cannot run with --fuel
    status, _, err = run(capsys, "run", "--allow-precompiled", "--fuel", "9", "--invoke", "fac",
                         str(cwasm), "10")
    assert status == 1 and "fuel" in err
    fueled = tmp_path / "fueled.cwasm"
    assert run(capsys, "compile", "--fuel", FACTORIAL, "-o", str(fueled))[0] == 0
    assert run(capsys, "run", "--allow-precompiled", "--fuel", "9", "--invoke", "fac",
               str(fueled), "10")[0] == TRAP_EXIT_STATUS
    # a damaged file is an error, not a crash
    cwasm.write_bytes(cwasm.read_bytes()[:100])
    status, _, err = run(capsys, "run", "--allow-precompiled", "--invoke", "fac", str(cwasm), "1")
    assert status == 1 and "corrupt" in err


def test_run_wasi_program_as_a_subprocess_with_stdin():
    proc = subprocess.run([sys.executable, "-m", "wasmlite", "run", "--opt-level", "none",
                           str(WASI_DIR / "stdin_wc.wasm")], input=b"one two\nthree\n",
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b"ONE TWO\n2 3 14 " + proc.stdout[-9:]
    proc = subprocess.run([sys.executable, "-m", "wasmlite", "run", HELLO, "Grace"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "Hello, Grace!" in proc.stdout


def test_wast_runs_scripts_in_the_auto_early_strategy(tmp_path):
    """`wasmlite wast --strategy auto-early`: the test suite's third strategy
    (tiered, every function compiled at its first count) from the CLI."""
    import subprocess
    import sys
    script = tmp_path / "t.wast"
    script.write_text('(module (func (export "f") (param i32) (result i32)'
                      ' (i32.mul (local.get 0) (i32.const 3))))\n'
                      '(assert_return (invoke "f" (i32.const 14)) (i32.const 42))\n')
    proc = subprocess.run([sys.executable, "-m", "wasmlite", "wast", "--strategy", "auto-early",
                           str(script)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    # the module and the assertion
    assert proc.stdout.splitlines()[-1] == "2 passed, 0 failed, 0 skipped"


ARGV0 = """(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (call $sizes (i32.const 0) (i32.const 4)))
    (drop (call $get (i32.const 100) (i32.const 1000)))
    (i32.store (i32.const 200) (i32.load (i32.const 100)))
    (i32.store (i32.const 204)
      (i32.sub (i32.sub (i32.load (i32.const 104)) (i32.load (i32.const 100))) (i32.const 1)))
    (drop (call $write (i32.const 1) (i32.const 200) (i32.const 1) (i32.const 300)))))"""


def test_run_gives_the_file_base_name_as_argv0(capfd, tmp_path):
    """`wasmtime run /some/dir/prog.wasm x` gives the guest argv[0] =
    "prog.wasm" (the host's directories stay out of its sight): so does
    `wasmlite run`."""
    prog = tmp_path / "sub" / "prog.wat"
    prog.parent.mkdir()
    prog.write_text(ARGV0)
    status = main(["run", str(prog), "x"])
    assert (status, capfd.readouterr().out) == (0, "prog.wat")


def test_one_subcommands_parser_reads_argv_as_the_whole_tree_does():
    # main() builds only the named subcommand's parser (cli.build_parser):
    # help, usage, errors and the parsed arguments must not change
    import contextlib
    import io

    from wasmlite import cli

    def outcome(parser, argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                ns = vars(parser.parse_args(argv))
                result = sorted((k, repr(v)) for k, v in ns.items())
            except SystemExit as e:
                result = e.code
        return out.getvalue(), err.getvalue(), result

    for command in cli._COMMANDS:
        for argv in ([command, "--help"], [command, "--bogus"], [command],
                     [command, "x.wasm"], [command, "x.wasm", "--", "a", "-b"]):
            whole = outcome(cli.build_parser(), argv)
            assert outcome(cli.build_parser(command), argv) == whole, argv
