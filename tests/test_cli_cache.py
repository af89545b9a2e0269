"""``wasmlite run`` caches compiled code on disk by default, as ``wasmtime
run`` does ($XDG_CACHE_HOME/wasmlite; ``--no-cache`` opts out), and the disk
cache stays under its size cap by evicting the least recently used entries."""
import os
import time
from pathlib import Path

from wasmlite.cli import main
from wasmlite.compile.cache import DEFAULT_CACHE_BYTES, DiskCache
from wasmlite.engine import Config
from wasmlite.errors import WasmtimeError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FACTORIAL = str(EXAMPLES / "factorial.wat")


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(p for p in cache_dir.glob("??/*") if not p.name.startswith(".tmp-"))


def _llvm_strategy() -> list[str]:
    """Compiled code is what the cache holds: ask for it where Config can."""
    try:
        Config().strategy = "llvm"
        return ["--strategy", "llvm"]
    except WasmtimeError:
        return []


def test_run_caches_by_default_under_xdg_cache_home(capsys, isolated_cache):
    argv = ["run", *_llvm_strategy(), "--invoke", "fac", FACTORIAL, "10"]
    assert main(argv) == 0
    entries = _entries(isolated_cache)
    assert len(entries) == 1 and capsys.readouterr().out == "3628800\n"
    os.utime(entries[0], (1, 1))
    assert main(argv) == 0                               # a hit: read, marked as used
    assert _entries(isolated_cache) == entries and entries[0].stat().st_mtime > 1
    assert capsys.readouterr().out == "3628800\n"


def test_no_cache_writes_nothing(capsys, isolated_cache):
    assert main(["run", "--no-cache", *_llvm_strategy(), "--invoke", "fac", FACTORIAL, "5"]) == 0
    assert capsys.readouterr().out == "120\n"
    assert not isolated_cache.exists() or _entries(isolated_cache) == []


def _key(n: int) -> str:
    return f"{n:064x}"[::-1]          # spread over folders like real keys


def test_eviction_keeps_the_cache_under_its_cap(tmp_path):
    cache = DiskCache(tmp_path, max_bytes=10_000)
    for n in range(5):
        cache.put(_key(n), bytes(3000))
        os.utime(tmp_path / _key(n)[:2] / _key(n), (1000 + n, 1000 + n))
    # entries 0 and 1 were evicted to fit 3 x 3000 bytes
    assert [cache.get(_key(n)) is not None for n in range(5)] == [False, False, True, True, True]
    assert sum(size for _, size, _ in cache.entries()) <= 10_000


def test_eviction_takes_the_least_recently_used_first(tmp_path):
    cache = DiskCache(tmp_path, max_bytes=10_000)
    for n in range(3):
        cache.put(_key(n), bytes(3000))
        os.utime(tmp_path / _key(n)[:2] / _key(n), (1000 + n, 1000 + n))
    assert cache.get(_key(0)) is not None                # used now: newest
    cache.put(_key(3), bytes(3000))
    assert [cache.get(_key(n)) is not None for n in range(4)] == [True, False, True, True]


def test_entries_bigger_than_the_cap_are_not_written(tmp_path):
    cache = DiskCache(tmp_path, max_bytes=1000)
    cache.put(_key(1), bytes(500))
    cache.put(_key(2), bytes(2000))
    assert cache.get(_key(2)) is None and cache.get(_key(1)) is not None


def test_eviction_leaves_other_files_alone(tmp_path):
    # e.g. the interpreter's own cached object code under the same directory
    (tmp_path / "interp").mkdir()
    (tmp_path / "interp" / "handlers.o").write_bytes(bytes(5000))
    (tmp_path / "ab").mkdir()
    (tmp_path / "ab" / "notes.txt").write_bytes(bytes(5000))
    cache = DiskCache(tmp_path, max_bytes=4000)
    cache.put(_key(1), bytes(3000))
    cache.put(_key(2), bytes(3000))
    assert (tmp_path / "interp" / "handlers.o").exists() and (tmp_path / "ab" / "notes.txt").exists()
    assert cache.get(_key(2)) is not None and cache.get(_key(1)) is None


def test_stale_temporary_files_are_removed(tmp_path):
    cache = DiskCache(tmp_path, max_bytes=10_000)
    (tmp_path / "ab").mkdir()
    stale, fresh = tmp_path / "ab" / ".tmp-dead", tmp_path / "ab" / ".tmp-writing"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    cache.put(_key(1), b"data")
    assert not stale.exists() and fresh.exists()


def test_an_entry_evicted_by_another_process_is_not_an_error(tmp_path, monkeypatch):
    cache = DiskCache(tmp_path, max_bytes=5000)
    cache.put(_key(1), bytes(3000))
    entries = cache.entries()
    monkeypatch.setattr(cache, "entries", lambda: entries)
    (tmp_path / _key(1)[:2] / _key(1)).unlink()          # gone before we evict it
    cache.put(_key(2), bytes(3000))
    assert cache.get(_key(2)) is not None


def test_the_default_cap():
    assert DiskCache("/nonexistent").max_bytes == DEFAULT_CACHE_BYTES == 512 * 1024 * 1024
