"""``Store``: the owner of every instance and external made in it.

Everything a store's wasm touches (instances, memories, tables, globals, host
functions, externref objects) lives as long as the Store does, as in the
spec's store. Wherever the API takes a store it takes a Caller too.

``close()`` (or the end of a ``with`` block) releases the store's externref
objects, its WASI context and its data, and makes every later use of the
store, or of anything made in it, raise ValueError. ``gc()`` releases the
externref objects wasm can no longer reach (runtime/externref_gc.py).
"""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any, Optional, Union

from .engine import Engine, shared_engine
from .errors import WasmtimeError
from .managed import Managed, closed_error
from .runtime import RuntimeStore

__all__ = ["Store", "StoreContext", "Storelike", "store_of"]


def store_of(storelike: Any) -> "Store":
    """The open Store behind a Store or a Caller (TypeError for anything
    else, ValueError for a closed store)."""
    if type(storelike) is Store:
        store = storelike
    else:
        resolve = getattr(type(storelike), "_resolve_store", None)
        if resolve is None:
            raise TypeError(f"expected a Store or a Caller, got {type(storelike).__name__}")
        store = resolve(storelike)
    if store._closed:
        raise closed_error(store)
    return store


def wrong_store() -> WasmtimeError:
    return WasmtimeError("object used with the wrong store")


def check_store(storelike: Any, own: "Store") -> None:
    """Raise unless ``storelike`` is ``own`` (or a Caller of it) and open:
    WasmtimeError for another store, ValueError for a closed one."""
    if storelike is not own:
        if store_of(storelike) is not own:
            raise wrong_store()
    elif own._closed:
        raise closed_error(own)


def _limit(value: object, what: str) -> Optional[int]:
    if type(value) is bool or not isinstance(value, int):
        raise TypeError(f"{what} must be an int")
    return None if value < 0 else int(value)


class Store(Managed):
    """``Store(engine=None, data=None)``.

    Threads: Engine and Module may be shared by any number of threads; give
    each thread its own Store for parallelism (wasm runs without the GIL).
    A Store used from several threads at once is safe but serialized: a
    call into it (and a table growth) takes the store's re-entrant lock, so
    a second thread waits until the first thread's call returns. A host
    function must not wait for another thread that calls into the same
    store (that thread would wait for the lock the host function's caller
    holds).
    """

    def __init__(self, engine: Optional[Engine] = None, data: Any = None) -> None:
        if engine is None:
            engine = shared_engine()    # one per process, like every default Store's
        elif not isinstance(engine, Engine):
            raise TypeError(f"expected an Engine, got {type(engine).__name__}")
        engine._check_open()
        self._closed = False
        self._engine = engine
        self._rt = RuntimeStore(engine._rt)
        self._rt.public = weakref.ref(self)     # for what shows runtime values (tag.py)
        self._data = data
        self._max_instances: Optional[int] = None
        self._max_tables: Optional[int] = None
        self._max_memories: Optional[int] = None
        self._instances = 0
        self._tables = 0
        self._memories = 0

    def _resolve_store(self) -> "Store":
        return self

    def _release(self) -> None:
        from .runtime.externref_gc import release_all
        release_all(self._rt)
        wasi, self._wasi = getattr(self, "_wasi", None), None
        if wasi is not None:
            wasi.close()
        self._data = None

    def __reduce__(self):
        raise TypeError("a Store cannot be pickled: its instances and memories live in "
                        "this process (pickle the Module and instantiate it there)")

    @property
    def engine(self) -> Engine:
        return self._engine

    def data(self) -> Any:
        self._check_open()
        return self._data

    def gc(self) -> None:
        """Collect the store's GC heap (Wasm GC objects nothing reaches any
        more), and release the externref objects no table, global or live
        GC object of this store holds (their ``__del__`` runs once nothing
        else refers to them). Called while wasm of this store runs (from a
        host function), it keeps every externref, since wasm locals may
        still hold them; the GC heap is collected then too."""
        self._check_open()
        from .runtime.externref_gc import collect
        collect(self._rt)

    # -- fuel and epochs (Config.consume_fuel / Config.epoch_interruption) ---

    def set_fuel(self, fuel: int) -> None:
        """Fuel the store's wasm may spend (see compile/interrupts.py for
        what an instruction costs; the same as Wasmtime)."""
        self._check_open()
        if type(fuel) is bool or not isinstance(fuel, int):
            raise TypeError("fuel must be an int")
        if not self._engine._rt.consume_fuel:
            raise WasmtimeError("fuel is not configured in this store")
        if not 0 <= fuel < 1 << 63:
            raise WasmtimeError("fuel must be between 0 and 2**63 - 1")
        self._rt.fuel = fuel

    def get_fuel(self) -> int:
        self._check_open()
        if not self._engine._rt.consume_fuel:
            raise WasmtimeError("fuel is not configured in this store")
        return self._rt.fuel

    def set_epoch_deadline(self, ticks_after_current: int) -> None:
        """Wasm traps with INTERRUPT once the engine's epoch has advanced
        ``ticks_after_current`` times from now."""
        self._check_open()
        if type(ticks_after_current) is bool or not isinstance(ticks_after_current, int):
            raise TypeError("ticks must be an int")
        # a u64, as in wasmtime-py: -1 is 2**64-1 ticks, a deadline never reached
        self._rt.set_epoch_deadline(ticks_after_current & (2**64 - 1))

    # -- limits --------------------------------------------------------------

    def set_limits(self, memory_size: int = -1, table_elements: int = -1,
                   instances: int = -1, tables: int = -1, memories: int = -1) -> None:
        """Limits on this store's resources; -1 leaves one unlimited.

        ``memory_size`` (bytes, per memory, and for the GC heap) and ``table_elements`` (per
        table) make growth fail and creation raise; the counts limit how
        many instances, and memories and tables defined by instances, the
        store may create (as in Wasmtime, memories and tables the host makes
        with ``Memory(...)`` / ``Table(...)`` are not counted; a failed
        instantiation still counts).
        """
        self._check_open()
        self._rt.max_memory_bytes = _limit(memory_size, "memory_size")
        self._rt.gc_heap.max_bytes = self._rt.max_memory_bytes
        self._rt.max_table_elements = _limit(table_elements, "table_elements")
        self._max_instances = _limit(instances, "instances")
        self._max_tables = _limit(tables, "tables")
        self._max_memories = _limit(memories, "memories")

    def _reserve(self, instances: int = 0, tables: int = 0, memories: int = 0) -> None:
        """Count new resources against set_limits (WasmtimeError past them)."""
        for have, new, limit, what in ((self._instances, instances, self._max_instances, "instance"),
                                       (self._tables, tables, self._max_tables, "table"),
                                       (self._memories, memories, self._max_memories, "memory")):
            if new and limit is not None and have + new > limit:
                raise WasmtimeError(f"resource limit exceeded: {what} count too high "
                                    f"at {have + new}")
        self._instances += instances
        self._tables += tables
        self._memories += memories

    def set_wasi(self, wasi) -> None:
        """Give this store a WASI context made from ``wasi`` (a WasiConfig,
        consumed); it replaces any earlier one."""
        self._check_open()
        from .wasi import WasiContext
        old, self._wasi = getattr(self, "_wasi", None), WasiContext(wasi)
        self._wasi_config = wasi        # for WASI 0.2 (wasmlite.component), made at need
        self._wasi2 = None
        if old is not None:
            old.close()


class StoreContext:
    """wasmtime-py's name for a store seen from inside a call; in wasmlite
    a host function's ``Caller`` plays this part, and any API taking a
    store takes a Store or a Caller."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("StoreContext cannot be made directly: pass the Store, or the "
                        "Caller a host function receives")


if TYPE_CHECKING:
    from .func import Caller

Storelike = Union[Store, "Caller", StoreContext]
