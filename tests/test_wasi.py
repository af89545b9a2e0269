"""WASI preview 1: the C programs in tests/wasi run under wasmlite exactly as
under wasmtime-py (stdout, stderr, exit status, files written) and, where it
means something, as when compiled natively with gcc; raw calls through a
probe module answer with wasmtime-py's errno, escapes included."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime

import wasmlite

HERE = Path(__file__).resolve().parent / "wasi"
sys.path.insert(0, str(HERE))
import runner  # noqa: E402
from probe import OUT, Probe  # noqa: E402


def sandbox_setup(top: Path, work: Path) -> None:
    (top / "outside.txt").write_text("secret")
    os.symlink("../outside.txt", work / "escape")
    os.symlink("/etc/passwd", work / "escape-abs")
    (work / "inside").mkdir()
    (work / "inside" / "data.txt").write_text("data")
    (work / "inside" / "data2.txt").write_text("data2")
    os.symlink("..", work / "inside" / "up")
    os.symlink("data.txt", work / "inside" / "ok")


ENV = [("GREETING", "hello there"), ("EMPTY", ""), ("UNICODE", "grüße"),
       ("T_ZED", "last"), ("T_ALPHA", "1=2")]
TEXT = b"the quick brown fox\njumps over\n\n  the lazy dog  \n" * 500 + b"no newline"

# name: (program, argv[1:], env, stdin, setup, preopen args, natively comparable)
CASES = {
    "args_env": ("args_env.wasm", ["one", "two words", "", "ünïcode"], ENV, None, None, (), True),
    "exit_0": ("exit_code.wasm", ["0"], [], None, None, (), True),
    "exit_return_3": ("exit_code.wasm", ["3"], [], None, None, (), True),
    "exit_exit_42": ("exit_code.wasm", ["42", "exit"], [], None, None, (), True),
    "exit__exit_125": ("exit_code.wasm", ["125", "_exit"], [], None, None, (), True),
    "exit_255_refused": ("exit_code.wasm", ["255", "exit"], [], None, None, (), False),
    "exit_abort": ("exit_code.wasm", ["1", "abort"], [], None, None, (), False),
    "stdin_wc": ("stdin_wc.wasm", [], [], TEXT, None, (), True),
    "stdin_empty": ("stdin_wc.wasm", [], [], b"", None, (), True),
    "stdin_none": ("stdin_wc.wasm", [], [], None, None, (), False),
    "big_output": ("big_output.wasm", ["100000"], [], None, None, (), True),
    "clocks_random": ("clocks_random.wasm", [], [], None, None, (), True),
    "files": ("files.wasm", ["."], [], None, None, (), True),
    "sandbox": ("sandbox.wasm", [], [], None, sandbox_setup, (), False),
    "sandbox_readonly": ("sandbox.wasm", ["ro"], [], None, sandbox_setup, (False,), False),
}


def run_case(rt, name: str, top: Path) -> runner.Outcome:
    wasm, args, env, stdin, setup, preopen, _ = CASES[name]
    work = top / "work"
    work.mkdir(parents=True)
    if setup:
        setup(top, work)
    return runner.run(rt, wasm, args, env, stdin, workdir=work, scratch=top / "stdio",
                      preopen_args=preopen)


@pytest.mark.parametrize("name", CASES)
def test_program_matches_wasmtime(name, tmp_path):
    ours = run_case(wasmlite, name, tmp_path / "wl")
    theirs = run_case(wasmtime, name, tmp_path / "wt")
    assert ours.stdout == theirs.stdout
    assert ours.stderr == theirs.stderr
    assert ours.status == theirs.status
    assert ours.files == theirs.files


def test_programs_do_what_they_say(tmp_path):
    out = run_case(wasmlite, "args_env", tmp_path / "a").stdout.decode()
    assert "argv[2]=[two words] len=9" in out and "UNICODE=grüße" in out
    assert out.endswith("env T_ALPHA=1=2\nenv T_ZED=last\n")
    assert run_case(wasmlite, "exit_exit_42", tmp_path / "b").status == 42
    assert run_case(wasmlite, "exit_abort", tmp_path / "c").status == "trap"
    big = run_case(wasmlite, "big_output", tmp_path / "d")
    assert len(big.stdout) > 2_500_000 and big.stderr.startswith(b"wrote 100000 lines")
    sandbox = run_case(wasmlite, "sandbox", tmp_path / "e").stdout.decode()
    assert "open ../outside.txt                EPERM" in sandbox
    assert "open escape (symlink out)          EPERM" in sandbox
    assert (tmp_path / "e" / "outside.txt").read_text() == "secret"
    assert not (tmp_path / "e" / "made").exists()
    ro = run_case(wasmlite, "sandbox_readonly", tmp_path / "f").stdout.decode()
    assert "create inside/new.txt              EPERM" in ro


# -- native comparison -------------------------------------------------------------

@pytest.fixture(scope="module")
def native_dir(tmp_path_factory):
    if shutil.which("gcc") is None:
        pytest.skip("gcc is not installed")
    return tmp_path_factory.mktemp("native")


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c[6]])
def test_program_matches_native_gcc_build(name, tmp_path, native_dir):
    wasm, args, env, stdin, setup, _, _ = CASES[name]
    exe = native_dir / wasm.removesuffix(".wasm")
    if not exe.exists():
        subprocess.run(["gcc", "-O2", "-w", "-o", str(exe), str(HERE / wasm.replace(".wasm", ".c"))],
                       check=True)
    work = tmp_path / "native" / "work"
    work.mkdir(parents=True)
    proc = subprocess.run([str(exe), *args], cwd=work, env=dict(env), capture_output=True,
                          input=stdin or b"", timeout=60)
    ours = run_case(wasmlite, name, tmp_path / "wl")
    assert ours.stdout == proc.stdout
    assert ours.stderr == proc.stderr
    assert ours.status == proc.returncode
    assert ours.files == runner.snapshot(work)


# -- raw calls: errno parity with wasmtime-py ----------------------------------------

R_READ = (1 << 1) | (1 << 14)
R_WRITE = 1 << 6


def probe_calls(rt, root: Path, mutable: bool):
    (root / "pre" / "sub").mkdir(parents=True)
    (root / "outside").mkdir()
    (root / "outside" / "secret").write_text("s")
    (root / "pre" / "f.txt").write_text("hello")
    for name, target in [("esc", "../outside/secret"), ("abs", str(root / "outside/secret")),
                         ("ok", "f.txt"), ("subup", "sub/../f.txt"), ("loop", "loop"),
                         ("dangling", "nope"), ("deep", "sub/../../outside/secret")]:
        os.symlink(target, root / "pre" / name)
    p = Probe(rt, lambda c: c.preopen_dir(str(root / "pre"), "/pre", mutable))
    results = []

    def rec(label, fn):
        try:
            value = fn()
        except rt.WasmtimeError:
            value = "error"
        results.append((label, value))

    for path in ["f.txt", "/etc/passwd", "../outside/secret", "sub/../../outside/secret",
                 "esc", "abs", "ok", "subup", "loop", "dangling", "deep", "nosuch", "sub",
                 "f.txt/", "sub/..", "..", ".", "", "sub/nope/..", "f.txt/..", "sub/./../sub/"]:
        rec(("open", path), lambda: p.open(3, path, rights=R_READ)[0])
        rec(("open nofollow", path), lambda: p.open(3, path, rights=R_READ, follow=0)[0])
        rec(("stat", path), lambda: p.call("path_filestat_get", 3, 1, *p.path(path), OUT))
    rec("open for write", lambda: p.open(3, "f.txt", rights=R_WRITE)[0])
    rec("create", lambda: p.open(3, "new.txt", oflags=1, rights=R_WRITE)[0])
    rec("create excl", lambda: p.open(3, "f.txt", oflags=5, rights=R_WRITE)[0])
    rec("O_DIRECTORY on a file", lambda: p.open(3, "f.txt", oflags=2, rights=R_READ)[0])
    rec("dir for write", lambda: p.open(3, "sub", rights=R_WRITE)[0])
    rec("O_DIRECTORY for write", lambda: p.open(3, "sub", oflags=2, rights=R_WRITE | R_READ)[0])
    for fn, path in [("path_create_directory", "newdir"), ("path_create_directory", "sub"),
                     ("path_remove_directory", "f.txt"), ("path_remove_directory", "."),
                     ("path_remove_directory", "sub/."), ("path_remove_directory", "sub/.."),
                     ("path_unlink_file", "sub"), ("path_unlink_file", "nosuch"),
                     ("path_remove_directory", "nosuch"), ("path_create_directory", "../x"),
                     ("path_unlink_file", "sub/"), ("path_unlink_file", "esc")]:
        rec((fn, path), lambda: p.call(fn, 3, *p.path(path)))
    rec("symlink out", lambda: p.call("path_symlink", *p.path("../outside/x"), 3, *p.path("l1")))
    rec("symlink abs", lambda: p.call("path_symlink", *p.path("/abs"), 3, *p.path("l2")))
    rec("symlink in", lambda: p.call("path_symlink", *p.path("f.txt"), 3, *p.path("l3")))
    rec("readlink esc", lambda: (p.call("path_readlink", 3, *p.path("esc"), OUT + 64, 64, OUT),
                                 p.get(OUT + 64, p.u32())))
    rec("readlink short", lambda: (p.call("path_readlink", 3, *p.path("esc"), OUT + 64, 4, OUT),
                                   p.u32()))
    rec("readlink file", lambda: p.call("path_readlink", 3, *p.path("f.txt"), OUT + 64, 64, OUT))
    rec("rename out", lambda: p.call("path_rename", 3, *p.path("f.txt"), 3, *p.path("../f")))
    rec("link out", lambda: p.call("path_link", 3, 0, *p.path("f.txt"), 3, *p.path("../f")))
    for fd in (0, 1, 2, 3):
        rec(("fdstat", fd), lambda: (p.call("fd_fdstat_get", fd, OUT), p.get(OUT, 24)))
    err, fd = p.open(3, "f.txt", rights=R_READ)
    rec("fdstat file", lambda: (p.call("fd_fdstat_get", fd, OUT), p.get(OUT, 24)))
    rec("filestat file", lambda: (p.call("fd_filestat_get", fd, OUT), p.get(OUT + 32, 8)))
    rec("write a read-only fd", lambda: p.call("fd_write", fd, OUT, 0, OUT))
    rec("readdir a file", lambda: p.call("fd_readdir", fd, OUT, 100, 0, OUT))
    rec("allocate", lambda: p.call("fd_allocate", fd, 0, 10))
    rec("set rights", lambda: p.call("fd_fdstat_set_rights", fd, 0, 0))
    rec("set flags append", lambda: p.call("fd_fdstat_set_flags", fd, 1))
    rec("set flags sync", lambda: p.call("fd_fdstat_set_flags", fd, 16))
    rec("set flags stdout", lambda: p.call("fd_fdstat_set_flags", 1, 1))
    rec("advise", lambda: p.call("fd_advise", fd, 0, 0, 1))
    rec("bad advice", lambda: p.call("fd_advise", fd, 0, 0, 9))
    rec("datasync stdout", lambda: p.call("fd_datasync", 1))
    rec("sync file", lambda: p.call("fd_sync", fd))
    rec("set size read-only fd", lambda: p.call("fd_filestat_set_size", fd, 1))
    rec("set times", lambda: p.call("fd_filestat_set_times", fd, 0, 0, 0))
    rec("set times both", lambda: p.call("fd_filestat_set_times", fd, 0, 0, 3))
    rec("seek stdout", lambda: p.call("fd_seek", 1, 0, 0, OUT))
    rec("bad whence", lambda: p.call("fd_seek", fd, 0, 7, OUT))
    rec("tell stdout", lambda: p.call("fd_tell", 1, OUT))
    rec("prestat stdin", lambda: p.call("fd_prestat_get", 0, OUT))
    rec("prestat", lambda: (p.call("fd_prestat_get", 3, OUT), p.get(OUT, 8)))
    rec("prestat name", lambda: (p.call("fd_prestat_dir_name", 3, OUT, 16), p.get(OUT, 4)))
    rec("prestat name short", lambda: p.call("fd_prestat_dir_name", 3, OUT, 2))
    rec("prestat closed", lambda: p.call("fd_prestat_get", 99, OUT))
    rec("read a dir fd", lambda: p.call("fd_read", 3, OUT, 0, OUT))
    rec("read stdout", lambda: p.call("fd_read", 1, OUT, 0, OUT))
    rec("write stdin", lambda: p.call("fd_write", 0, OUT, 0, OUT))
    rec("stdout filestat", lambda: (p.call("fd_filestat_get", 1, OUT), p.get(OUT, 64)))
    rec("cpu clock", lambda: p.call("clock_time_get", 2, 0, OUT))
    rec("bad clock", lambda: p.call("clock_time_get", 9, 0, OUT))
    rec("cpu clock res", lambda: p.call("clock_res_get", 2, OUT))
    rec("monotonic", lambda: p.call("clock_time_get", 1, 0, OUT))
    rec("sock_accept", lambda: p.call("sock_accept", 1, 0, OUT))
    rec("sock_recv closed", lambda: p.call("sock_recv", 99, 0, 0, 0, OUT, OUT))
    rec("sock_send", lambda: p.call("sock_send", 3, 0, 0, 0, OUT))
    rec("sock_shutdown", lambda: p.call("sock_shutdown", 1, 0))
    rec("sched_yield", lambda: p.call("sched_yield"))
    rec("proc_raise", lambda: p.call("proc_raise", 1))
    rec("random", lambda: p.call("random_get", OUT, 16))
    rec("renumber to closed", lambda: p.call("fd_renumber", fd, 77))
    rec("poll nothing", lambda: p.call("poll_oneoff", OUT, OUT + 100, 0, OUT))
    sub = struct.pack("<QB7xIxxxxQQH6x", 0x1234, 0, 1, 1000, 0, 0)
    rec("poll clock", lambda: (p.call("poll_oneoff", p.put(sub), OUT + 64, 1, OUT), p.u32(),
                               p.get(OUT + 64, 11)))
    rec("pointer past the end", lambda: p.call("fd_write", 1, 140000, 1, OUT))
    rec("pointer -1", lambda: p.call("args_sizes_get", 2**32 - 1, OUT))
    rec("close stdin", lambda: p.call("fd_close", 0))
    rec("close twice", lambda: p.call("fd_close", 0))
    rec("reuse", lambda: p.open(3, "f.txt", rights=R_READ))
    return results


@pytest.mark.parametrize("mutable", [True, False], ids=["read-write", "read-only"])
def test_raw_calls_answer_as_wasmtime_does(tmp_path, mutable):
    ours = probe_calls(wasmlite, tmp_path / "wl", mutable)
    theirs = probe_calls(wasmtime, tmp_path / "wt", mutable)
    assert [label for label, _ in ours] == [label for label, _ in theirs]
    for (label, a), (_, b) in zip(ours, theirs):
        assert (label, a) == (label, b)


def test_every_function_has_wasmtimes_signature():
    from wasmlite.wasi import MODULE, SIGNATURES
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    linker = wasmtime.Linker(engine)
    linker.define_wasi()
    wl_engine = wasmlite.Engine()
    wl_store = wasmlite.Store(wl_engine)
    wl_linker = wasmlite.Linker(wl_engine)
    wl_linker.define_wasi()
    assert len(SIGNATURES) == 46
    for name in SIGNATURES:
        theirs = linker.get(store, MODULE, name).type(store)
        ours = wl_linker.get(wl_store, MODULE, name).type(wl_store)
        assert [str(t) for t in ours.params] == [str(t) for t in theirs.params], name
        assert [str(t) for t in ours.results] == [str(t) for t in theirs.results], name


# -- the API --------------------------------------------------------------------------

def test_config_errors_at_assignment(tmp_path):
    cfg = wasmlite.WasiConfig()
    with pytest.raises(wasmlite.WasmtimeError):
        cfg.stdout_file = str(tmp_path / "missing-dir" / "out")
    with pytest.raises(wasmlite.WasmtimeError):
        cfg.stderr_file = str(tmp_path / "missing-dir" / "err")
    with pytest.raises(wasmlite.WasmtimeError):
        cfg.stdin_file = str(tmp_path / "missing")
    with pytest.raises(wasmlite.WasmtimeError):
        cfg.preopen_dir(str(tmp_path / "missing"), "/x")
    with pytest.raises(TypeError):
        cfg.argv = "not a list"
    with pytest.raises(TypeError):
        cfg.env = [["K", 1]]
    cfg.stdout_file = tmp_path / "out"           # os.PathLike is accepted
    cfg.preopen_dir(str(tmp_path), "/d", wasmlite.DirPerms.READ_ONLY, wasmlite.FilePerms.READ_ONLY)
    store = wasmlite.Store()
    store.set_wasi(cfg)
    with pytest.raises(ValueError, match="closed"):
        store.set_wasi(cfg)                      # consumed (closed), as in wasmtime-py


def test_read_only_perms_refuse_writes(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    p = Probe(wasmlite, lambda c: c.preopen_dir(str(tmp_path), "/d", wasmlite.DirPerms.READ_WRITE,
                                                 wasmlite.FilePerms.READ_ONLY))
    assert p.open(3, "f.txt", rights=R_READ)[0] == 0
    assert p.open(3, "f.txt", rights=R_WRITE)[0] == 63          # EPERM
    assert p.call("path_create_directory", 3, *p.path("d")) == 0
    p = Probe(wasmlite, lambda c: c.preopen_dir(str(tmp_path), "/d", wasmlite.DirPerms.READ_ONLY,
                                                 wasmlite.FilePerms.READ_WRITE))
    assert p.open(3, "f.txt", rights=R_WRITE)[0] == 0
    assert p.call("path_create_directory", 3, *p.path("e")) == 63
    assert p.open(3, "g.txt", oflags=1, rights=R_WRITE)[0] == 63


def test_descriptors_are_per_store(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    a = Probe(wasmlite, lambda c: c.preopen_dir(str(tmp_path), "/d"))
    b = Probe(wasmlite, lambda c: None)
    err, fd = a.open(3, "f.txt", rights=R_READ)
    assert err == 0 and fd == 4
    assert b.call("fd_fdstat_get", fd, OUT) == 8               # EBADF
    assert b.call("fd_fdstat_get", 3, OUT) == 8                # no preopen there
    assert a.call("fd_close", fd) == 0 and a.call("fd_close", fd) == 8


def test_stdout_custom_and_no_wasi(tmp_path):
    seen = []
    p = Probe(wasmlite, lambda c: setattr(c, "stdout_custom", seen.append))
    buf = p.put(b"hi there")
    iov = p.put(struct.pack("<II", buf, 8))
    assert p.call("fd_write", 1, iov, 1, OUT) == 0 and p.u32() == 8
    assert seen == [b"hi there"]
    engine = wasmlite.Engine()
    linker = wasmlite.Linker(engine)
    linker.define_wasi()
    store = wasmlite.Store(engine)                # no set_wasi
    from probe import probe_wat
    inst = linker.instantiate(store, wasmlite.Module(engine, probe_wat()))
    with pytest.raises(wasmlite.WasmtimeError, match="set_wasi"):   # wasmtime-py aborts here
        inst.exports(store)["sched_yield"](store)


def test_proc_exit_is_exit_trap_with_the_code():
    p = Probe(wasmlite, lambda c: None)
    with pytest.raises(wasmlite.ExitTrap) as info:
        p.call("proc_exit", 17)
    assert info.value.code == 17
    assert "17" in str(info.value)
