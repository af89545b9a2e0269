"""``Store``: the owner of every instance and external made in it.

Everything a store's wasm touches (instances, memories, tables, globals, host
functions, externref objects) lives as long as the Store does, as in the
spec's store. Wherever the API takes a store it takes a Caller too.
"""
from __future__ import annotations

from typing import Any, Optional

from .engine import Engine
from .errors import WasmtimeError
from .runtime import RuntimeStore

__all__ = ["Store", "store_of"]


def store_of(storelike: Any) -> "Store":
    """The Store behind a Store or a Caller (TypeError for anything else)."""
    if type(storelike) is Store:
        return storelike
    resolve = getattr(type(storelike), "_resolve_store", None)
    if resolve is None:
        raise TypeError(f"expected a Store or a Caller, got {type(storelike).__name__}")
    return resolve(storelike)


def wrong_store() -> WasmtimeError:
    return WasmtimeError("object used with the wrong store")


def _limit(value: object, what: str) -> Optional[int]:
    if type(value) is bool or not isinstance(value, int):
        raise TypeError(f"{what} must be an int")
    return None if value < 0 else int(value)


class Store:
    """``Store(engine=None, data=None)``."""

    def __init__(self, engine: Optional[Engine] = None, data: Any = None) -> None:
        if engine is None:
            engine = Engine()
        elif not isinstance(engine, Engine):
            raise TypeError(f"expected an Engine, got {type(engine).__name__}")
        self._engine = engine
        self._rt = RuntimeStore(engine._rt)
        self._data = data
        self._max_instances: Optional[int] = None
        self._max_tables: Optional[int] = None
        self._max_memories: Optional[int] = None
        self._instances = 0
        self._tables = 0
        self._memories = 0
        self._epoch_deadline = 0

    def _resolve_store(self) -> "Store":
        return self

    @property
    def engine(self) -> Engine:
        return self._engine

    def data(self) -> Any:
        return self._data

    def gc(self) -> None:
        """Externref objects are kept by the store; nothing to collect early."""

    # -- fuel and epochs (not enabled in wasmlite's Config) ------------------

    def set_fuel(self, fuel: int) -> None:
        if not isinstance(fuel, int):
            raise TypeError("fuel must be an int")
        raise WasmtimeError("fuel is not configured in this store")

    def get_fuel(self) -> int:
        raise WasmtimeError("fuel is not configured in this store")

    def set_epoch_deadline(self, ticks_after_current: int) -> None:
        if type(ticks_after_current) is bool or not isinstance(ticks_after_current, int):
            raise TypeError("ticks must be an int")
        self._epoch_deadline = self._engine._epoch + ticks_after_current

    # -- limits --------------------------------------------------------------

    def set_limits(self, memory_size: int = -1, table_elements: int = -1,
                   instances: int = -1, tables: int = -1, memories: int = -1) -> None:
        """Limits on this store's resources; -1 leaves one unlimited.

        ``memory_size`` (bytes, per memory) and ``table_elements`` (per
        table) make growth fail and creation raise; the counts limit how
        many instances, tables and memories the store may create.
        """
        self._rt.max_memory_bytes = _limit(memory_size, "memory_size")
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
                raise WasmtimeError(f"{what} count limit of {limit} exceeded")
        self._instances += instances
        self._tables += tables
        self._memories += memories

    def set_wasi(self, wasi) -> None:
        """Give this store a WASI context made from ``wasi`` (a WasiConfig,
        consumed); it replaces any earlier one."""
        from .wasi import WasiContext
        old, self._wasi = getattr(self, "_wasi", None), WasiContext(wasi)
        if old is not None:
            old.close()
