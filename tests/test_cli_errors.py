"""Bad input never shows a Python traceback: one test per row of the table
in wasmlite/cli.py (what can reach ``main`` and what the user sees)."""
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime

import wasmlite
import wasmlite.launch
from wasmlite.cli import BROKEN_PIPE, INTERNAL_ERROR, main
from wasmlite.errors import WasmtimeError

pytestmark = pytest.mark.usefixtures("isolated_cache")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FACTORIAL = str(EXAMPLES / "factorial.wat")


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def one_error_line(err: str) -> str:
    assert err.startswith("error: ") and err.count("\n") == 1, err
    return err[len("error: "):].rstrip("\n")


# -- SystemExit from argparse: usage and the problem, status 2 ----------------------

@pytest.mark.parametrize("argv, problem", [
    ([], "the following arguments are required: COMMAND"),
    (["run"], "the following arguments are required: FILE"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["run", "--fuel", "-1", "x.wasm"], "expected a whole number, got '-1'"),
    (["run", "--fuel", "lots", "x.wasm"], "expected a whole number, got 'lots'"),
    (["run", "--fuel", str(2**63), "x.wasm"], f"at most 2**63 - 1 units of fuel, got {2**63}"),
    (["run", "--strategy", "jit", "x.wasm"], "invalid choice: 'jit'"),
    (["wast"], "the following arguments are required: FILE"),
    (["compile", "--opt-level", "max", "x.wat"], "invalid choice: 'max'"),
])
def test_bad_command_lines(capsys, argv, problem):
    with pytest.raises(SystemExit) as e:
        main(argv)
    _, err = capsys.readouterr()
    assert e.value.code == 2 and err.startswith("usage: wasmlite") and problem in err
    assert "Traceback" not in err


def test_usage_does_not_claim_args_are_required(capsys):
    with pytest.raises(SystemExit):
        main(["run"])
    err = capsys.readouterr().err
    assert "usage: wasmlite run [options] FILE [ARGS ...]" in err and "ARGS" not in err.splitlines()[-1]


def test_every_argument_has_help(capsys):
    from wasmlite.cli import build_parser
    parser = build_parser()
    subparsers = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"][0]
    for name, sub in [("wasmlite", parser), *subparsers.choices.items()]:
        for action in sub._actions:
            if action.dest not in ("help", "command"):
                assert action.help, f"{name}: {action.option_strings or action.dest} has no help"


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    import llvmlite

    import wasmlite
    out = capsys.readouterr().out
    assert e.value.code == 0
    assert out.startswith(f"wasmlite {wasmlite.__version__} (llvmlite {llvmlite.__version__}, LLVM ")


# -- OptionError: a bad option value, not about the module --------------------------

def test_bad_option_values(capsys, tmp_path):
    status, _, err = run(capsys, "run", "--dir", tmp_path / "nope", FACTORIAL)
    assert status == 1 and one_error_line(err) == f"--dir {tmp_path / 'nope'}: no such directory"
    (tmp_path / "file").write_text("")
    status, _, err = run(capsys, "run", "--dir", tmp_path / "file", FACTORIAL)
    assert status == 1 and one_error_line(err).endswith("not a directory")
    status, _, err = run(capsys, "run", "--env", "=x", FACTORIAL)
    assert status == 1 and one_error_line(err) == "--env '=x': expected KEY=VALUE or KEY"


def test_a_strategy_config_refuses_is_an_option_error(capsys, monkeypatch):
    from wasmlite.engine import Config

    def refuse(self, value):
        raise WasmtimeError(f"unsupported compilation strategy: {value}")
    monkeypatch.setattr(Config, "strategy", property(None, refuse))
    status, _, err = run(capsys, "run", "--strategy", "llvm", FACTORIAL)
    assert status == 1
    assert one_error_line(err) == "--strategy llvm: unsupported compilation strategy: llvm"
    status, _, err = run(capsys, "wast", "--strategy", "interpreter", FACTORIAL)
    assert status == 1 and one_error_line(err).startswith("--strategy interpreter: ")


# -- WasmtimeError: about the module, named by its file -----------------------------

@pytest.mark.parametrize("content, message", [
    (b"", "unexpected end-of-file (at offset 0x0)"),
    (b"\0as", "unexpected end-of-file (at offset 0x0)"),
    (b"\0asm\1\0\0", "unexpected end-of-file (at offset 0x4)"),
    (b"\0asm\1\0\0\0\1", "unexpected end-of-file (at offset 0x9)"),
    (b"\0asm\1\0\0\0\1\5", "unexpected end-of-file (at offset 0xa)"),
    (b"\0asm\2\0\0\0", "unknown binary version"),
])
def test_malformed_binaries(capsys, tmp_path, content, message):
    f = tmp_path / "m.wasm"
    f.write_bytes(content)
    status, out, err = run(capsys, "run", f)
    assert status == 1 and out == ""
    assert one_error_line(err).startswith(f"{f}: {message}")
    # the same words as wasmtime-py's for the same bytes, from the API too
    with pytest.raises(wasmtime.WasmtimeError) as theirs:
        wasmtime.Module(wasmtime.Engine(), content)
    assert message in str(theirs.value)
    for load in (lambda e: wasmlite.Module(e, content), lambda e: wasmlite.Module.from_file(e, f)):
        with pytest.raises(wasmlite.WasmtimeError) as ours:
            load(wasmlite.Engine())
        assert str(ours.value).startswith(message)


def test_text_errors_are_file_line_column(capsys, tmp_path):
    f = tmp_path / "bad.wat"
    f.write_text("(module\n  (func (result i32) (i32.konst 1)))")
    status, _, err = run(capsys, "run", f)
    assert status == 1 and one_error_line(err).startswith(f"{f}:2:23: ")
    status, _, err = run(capsys, "wat2wasm", f, "-o", tmp_path / "o.wasm")
    assert status == 1 and one_error_line(err).startswith(f"{f}:2:23: ")


def test_invalid_and_unlinkable_modules(capsys, tmp_path):
    f = tmp_path / "invalid.wat"
    f.write_text("(module (func (result i32)))")
    status, _, err = run(capsys, "run", f)
    assert status == 1 and one_error_line(err).startswith(f"{f}: ") and "type mismatch" in err
    f = tmp_path / "imports.wat"
    f.write_text('(module (import "env" "f" (func)))')
    status, _, err = run(capsys, "run", f)
    assert status == 1 and "unknown import: `env::f`" in one_error_line(err)


def test_wat2wasm_on_a_binary_or_non_utf8_file(capsys, tmp_path):
    binary = tmp_path / "k.wasm"
    binary.write_bytes(wasmtime.wat2wasm("(module)"))
    status, _, err = run(capsys, "wat2wasm", binary, "-o", tmp_path / "o.wasm")
    assert status == 1 and one_error_line(err) == (
        f"{binary}: this is a binary module already, not the text format")
    latin = tmp_path / "latin.wat"
    latin.write_bytes(b"(module) ;; caf\xe9\n")
    status, _, err = run(capsys, "wat2wasm", latin, "-o", tmp_path / "o.wasm")
    assert status == 1 and one_error_line(err) == f"{latin}: input was not valid UTF-8 (at byte 0xf)"
    junk = tmp_path / "junk.wat"
    junk.write_bytes(b"\xff\xfe\x00")
    status, _, err = run(capsys, "run", junk)
    assert status == 1 and one_error_line(err).startswith(f"{junk}: ")


@pytest.fixture(scope="module")
def cwasm(tmp_path_factory):
    path = tmp_path_factory.mktemp("cwasm") / "factorial.cwasm"
    assert main(["compile", "--opt-level", "none", FACTORIAL, "-o", str(path)]) == 0
    return path.read_bytes()


@pytest.mark.parametrize("damage, reason", [
    (lambda b: b[:100], "it is truncated"),
    (lambda b: b[:16] + struct.pack("<I", 3) + b"{x}" + b[20 + struct.unpack_from("<I", b, 16)[0]:],
     "its header is damaged"),
    (lambda b: b + b"\0", "it has bytes after its end"),
    (lambda b: b[:20] + b"[" + b[21:], "its header is damaged"),
])
def test_a_corrupt_cwasm_says_what_is_wrong_in_words(capsys, tmp_path, cwasm, damage, reason):
    f = tmp_path / "bad.cwasm"
    f.write_bytes(damage(cwasm))
    status, _, err = run(capsys, "run", "--allow-precompiled", "--invoke", "fac", f, "1")
    line = one_error_line(err)
    assert status == 1 and line == f"{f}: corrupt serialized module: {reason}"
    assert "Expecting" not in line and "char" not in line          # no JSON decoder text


def test_a_cwasm_needs_allow_precompiled(capsys, tmp_path, cwasm):
    f = tmp_path / "f.cwasm"
    f.write_bytes(cwasm)
    status, _, err = run(capsys, "run", "--invoke", "fac", f, "1")
    assert status == 1 and "--allow-precompiled" in one_error_line(err)
    status, _, err = run(capsys, "compile", f, "-o", tmp_path / "again.cwasm")
    assert status == 1 and one_error_line(err) == f"{f}: this is a .cwasm, compiled already"


# -- OSError: files, in words ---------------------------------------------------------

@pytest.mark.parametrize("command", [["run"], ["compile"], ["wat2wasm"]])
def test_missing_files_and_directories(capsys, tmp_path, command):
    missing = tmp_path / "missing.wat"
    status, _, err = run(capsys, *command, missing)
    assert status == 1 and one_error_line(err) == f"{missing}: No such file or directory"
    status, _, err = run(capsys, *command, tmp_path)
    assert status == 1 and one_error_line(err) == f"{tmp_path}: Is a directory"
    assert "Errno" not in err


def test_unwritable_output(capsys, tmp_path):
    out = tmp_path / "no" / "such" / "dir" / "o.wasm"
    src = tmp_path / "k.wat"
    src.write_text("(module)")
    status, _, err = run(capsys, "wat2wasm", src, "-o", out)
    assert status == 1 and one_error_line(err) == f"{out}: No such file or directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(capsys, tmp_path):
    f = tmp_path / "secret.wat"
    f.write_text("(module)")
    f.chmod(0)
    status, _, err = run(capsys, "run", f)
    assert status == 1 and one_error_line(err) == f"{f}: Permission denied"


def test_wast_unreadable_scripts_in_words(capsys, tmp_path):
    missing = tmp_path / "missing.wast"
    binary = tmp_path / "m.wast"
    binary.write_bytes(wasmtime.wat2wasm("(module)"))
    latin = tmp_path / "latin.wast"
    latin.write_bytes(b";; caf\xe9\n(module)\n")
    good = tmp_path / "good.wast"
    good.write_text("(module)\n")
    status, out, _ = run(capsys, "wast", missing, tmp_path, binary, latin, good)
    lines = out.splitlines()
    assert status == 1
    assert f"  {missing}: No such file or directory" in lines
    assert f"  {tmp_path}: Is a directory" in lines
    assert f"  {binary}: a binary module, not a .wast script" in lines
    assert f"  {latin}: not valid UTF-8 (at byte 0x6)" in lines
    assert f"{good}: 1 passed, 0 failed, 0 skipped" in lines
    assert lines[-1] == "1 passed, 4 failed, 0 skipped"
    assert "Errno" not in out and "codec" not in out


# -- BrokenPipeError, RecursionError, MemoryError, bugs --------------------------------

def test_stdout_closed_early_is_quiet():
    proc = subprocess.Popen([sys.executable, "-m", "wasmlite", "run", "--no-cache", "--invoke",
                             "fac", FACTORIAL, "20"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()                                 # like `| head -0`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == BROKEN_PIPE and err == ""


@pytest.mark.parametrize("exc, words", [
    (RecursionError("maximum recursion depth exceeded"), "input nested too deeply"),
    (MemoryError(), "out of memory"),
])
def test_resource_errors_name_the_file(capsys, monkeypatch, exc, words):
    def fail(*args, **kwargs):
        raise exc
    monkeypatch.setattr(wasmlite.launch, "run_module", fail)
    status, _, err = run(capsys, "run", FACTORIAL)
    assert status == 1 and one_error_line(err) == f"{FACTORIAL}: {words}"


def test_a_bug_is_one_line_unless_asked(capsys, monkeypatch):
    def bug(*args, **kwargs):
        raise IndexError("list index out of range")
    monkeypatch.setattr(wasmlite.launch, "run_module", bug)
    status, _, err = run(capsys, "run", FACTORIAL)
    assert status == INTERNAL_ERROR
    assert one_error_line(err).startswith("internal error: IndexError: list index out of range")
    monkeypatch.setenv("WASMLITE_TRACEBACK", "1")
    with pytest.raises(IndexError):
        main(["run", FACTORIAL])
