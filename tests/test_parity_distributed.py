"""examples/distributed.py: sandboxed wasm jobs on a Dask LocalCluster of two
worker processes (processes=True, n_workers=2, threads_per_worker=1)."""
import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("distributed")

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "distributed.py"


def _collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def _load_example():
    # loaded under another name: the file is named like the `distributed` package
    spec = importlib.util.spec_from_file_location("wasmlite_distributed_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_jobs_run_on_two_worker_processes(capsys):
    example = _load_example()
    results = example.main(["--workers", "2", "--jobs", "8", "--fuel", "5000"])
    assert len(results) == 8
    by_input = {n: (status, value, used) for n, status, value, used in results}
    assert by_input[0] == ("trap", "OUT_OF_FUEL", 5000)    # the runaway job is stopped
    for n, (status, value, used) in by_input.items():
        if n:
            assert (status, value) == ("ok", _collatz_steps(n)), n
            assert 0 < used < 5000
    assert "7 of 8 jobs finished, 1 stopped by the sandbox" in capsys.readouterr().out


def test_each_job_uses_a_worker_process_not_the_client():
    import os
    example = _load_example()
    from dask.distributed import Client, LocalCluster
    module = example.compile_jobs_module()
    with example.without_this_directory(), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                         dashboard_address=None) as cluster, Client(cluster) as client:
        shipped = client.scatter(module, broadcast=True)
        pids = client.gather(client.map(lambda m, n: (os.getpid(), example.run_job(m, n, 10**6)),
                                        [shipped] * 4, [27, 97, 871, 6171], pure=False))
    assert os.getpid() not in {pid for pid, _ in pids}
    assert [r[2] for _, r in pids] == [111, 118, 178, 261]
