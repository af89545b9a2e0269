# Run many sandboxed wasm jobs on a Dask cluster.
#
# The module is compiled once, here. A wasmlite Module pickles with its
# native code, so Dask ships it to every worker process, where it loads
# without compiling again (or recompiles, if the worker's machine or
# wasmlite differs). Each job gets its own Store with a fuel budget: a
# job that runs away (here, Collatz from 0 never reaches 1) is stopped
# by the sandbox after its budget and reported, and the other jobs carry on.
#
#   python examples/distributed.py [--workers 2] [--jobs 24] [--fuel 20000]
#
# Needs the `distributed` package (in wasmlite's test extra). wasmlite only:
# wasmtime-py's Module cannot be pickled.
import argparse
import contextlib
import os
import sys
from typing import Iterator, Optional

import wasmlite as wasmtime

COLLATZ = """
(module $jobs
  (func $collatz (export "collatz") (param $n i64) (result i32)
    (local $steps i32)
    (block $done
      (loop $next
        (br_if $done (i64.eq (local.get $n) (i64.const 1)))
        (local.set $n
          (if (result i64) (i64.eqz (i64.and (local.get $n) (i64.const 1)))
            (then (i64.shr_u (local.get $n) (i64.const 1)))
            (else (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1)))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (br $next)))
    (local.get $steps)))
"""


def compile_jobs_module() -> wasmtime.Module:
    config = wasmtime.Config()
    config.consume_fuel = True
    return wasmtime.Module(wasmtime.Engine(config), COLLATZ)


def run_job(module: wasmtime.Module, n: int, fuel: int) -> tuple:
    """One sandboxed job, on a worker: (n, "ok", steps, fuel used) or
    (n, "trap", trap code name, fuel used)."""
    store = wasmtime.Store(module.engine)      # the engine the module unpickled onto
    store.set_fuel(fuel)
    collatz = wasmtime.Instance(store, module, []).exports(store)["collatz"]
    try:
        steps = collatz(store, n)
    except wasmtime.Trap as trap:
        return (n, "trap", trap.trap_code.name, fuel - store.get_fuel())
    return (n, "ok", steps, fuel - store.get_fuel())


@contextlib.contextmanager
def without_this_directory() -> Iterator[None]:
    """This file is named like the `distributed` package: keep the folder
    holding it off sys.path while Dask (and its worker processes, which
    copy sys.path) import the package."""
    kept = sys.path[:]
    sys.path[:] = [p for p in kept
                   if not os.path.isfile(os.path.join(p or os.curdir, "distributed.py"))]
    try:
        yield
    finally:
        sys.path[:] = kept


def main(argv: Optional[list] = None) -> list:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--jobs", type=int, default=24, help="number of jobs")
    parser.add_argument("--fuel", type=int, default=20000, help="fuel per job")
    args = parser.parse_args(argv)
    module = compile_jobs_module()
    inputs = [0] + [27 + 1000 * i for i in range(args.jobs - 1)]   # 0 runs forever
    with without_this_directory():
        results = run_on_cluster(module, inputs, args.fuel, args.workers)
    for n, status, value, used in results:
        print(f"collatz({n}): {status} {value} (fuel {used})")
    ok = sum(1 for r in results if r[1] == "ok")
    print(f"{ok} of {len(results)} jobs finished, {len(results) - ok} stopped by the sandbox")
    return results


def run_on_cluster(module: wasmtime.Module, inputs: list, fuel: int, workers: int) -> list:
    from dask.distributed import Client, LocalCluster
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        shipped = client.scatter(module, broadcast=True)   # pickled once per worker
        futures = client.map(run_job, [shipped] * len(inputs), inputs,
                             [fuel] * len(inputs), pure=False)
        return client.gather(futures)


if __name__ == "__main__":
    main(sys.argv[1:])
