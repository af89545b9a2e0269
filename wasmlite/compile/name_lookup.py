"""A mapping face for read-only symbol tables that are not dicts (the
loader's SymbolIndex, the interpreter's addresses): kept apart so that
importing it costs nothing."""


class NameLookup:
    """``[]`` and ``in`` over a class's ``get(name)`` (None: absent), for
    the read-only symbol tables that are not dicts."""

    __slots__ = ()

    def get(self, name: str, default=None):
        raise NotImplementedError

    def __getitem__(self, name: str) -> int:
        a = self.get(name)
        if a is None:
            raise KeyError(name)
        return a

    def __contains__(self, name) -> bool:
        return isinstance(name, str) and self.get(name) is not None
