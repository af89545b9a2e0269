"""Record classes for the types on ``import wasmlite``'s path, made without
the dataclasses module.

``@dataclasses.dataclass`` costs ~0.35 ms a class at import on this
machine (it compiles four or five methods from text, and for a class
without a docstring imports inspect to write one): the 24 records that
``wasmlite run`` imports (syntax, validation, exports, WASI) cost ~9 ms,
and importing dataclasses itself (with inspect) ~5 ms more, a tenth of the
whole process of a small ``wasmlite run``. The component model's syntax,
types and validation records (78 classes) cost ~20 ms more when a component
loads. The component values of the public API (``Variant``, ``Case``) stay
dataclasses, as wasmtime-py's are. ``record`` compiles only
``__init__`` (construction stays as fast as a dataclass's); equality,
hashing and ``repr`` are shared functions over the fields' values.

What it supports is what these classes use: annotated fields in order,
defaults, ``field(default_factory=..., compare=False, repr=False)``,
``frozen`` (assignment raises FrozenInstanceError, an AttributeError) and
``eq=False`` (identity equality). Class attributes without an annotation
are not fields. ``fields()`` and ``replace()`` stand in for dataclasses'.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, Optional

__all__ = ["record", "field", "fields", "replace", "Field", "FrozenInstanceError"]


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    """One field of a record: its name, its default (or factory), and
    whether it counts in equality and shows in ``repr``."""

    __slots__ = ("name", "default", "default_factory", "compare", "repr")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING,
                 compare: bool = True, repr: bool = True) -> None:
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr

    def __repr__(self) -> str:
        return f"Field({self.name!r})"


def field(*, default: Any = MISSING, default_factory: Any = MISSING,
          compare: bool = True, repr: bool = True) -> Any:
    """A field with options, as ``dataclasses.field``."""
    return Field(default, default_factory, compare, repr)


def fields(cls_or_obj: Any) -> tuple[Field, ...]:
    """The fields of a record class (or of a record), in order."""
    return cls_or_obj.__record_fields__


def replace(obj: Any, **changes: Any) -> Any:
    """A new record equal to ``obj`` but for ``changes``."""
    values = {f.name: getattr(obj, f.name) for f in obj.__record_fields__}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{type(obj).__name__} has no field {sorted(unknown)[0]!r}")
    values.update(changes)
    return type(obj)(**values)


def _eq(self, other):
    if other.__class__ is self.__class__:
        get = self.__record_compare__
        return get(self) == get(other)
    return NotImplemented


def _hash(self):
    return hash(self.__record_compare__(self))


def _repr(self):
    parts = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__record_repr__)
    return f"{type(self).__qualname__}({parts})"


def _frozen_setattr(self, name, value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self, name):
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _tuple_getter(names: list[str]) -> Callable[[Any], tuple]:
    """A function giving the values of ``names`` as a tuple (attrgetter of
    one name gives the bare value, of none is an error)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _init(cls: type, flist: list[Field], frozen: bool) -> Callable:
    """``__init__`` for the fields, compiled once: a generic loop would make
    every record's construction several times slower."""
    env: dict[str, Any] = {"MISSING": MISSING}
    params, body = [], []
    for f in flist:
        if f.default_factory is not MISSING:
            env[f"_f_{f.name}"] = f.default_factory
            params.append(f"{f.name}=MISSING")
            value = f"_f_{f.name}() if {f.name} is MISSING else {f.name}"
        elif f.default is not MISSING:
            env[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
            value = f.name
        else:
            if params and "=" in params[-1]:
                raise TypeError(f"{cls.__name__}: field {f.name!r} without a default follows one with")
            params.append(f.name)
            value = f.name
        # through setattr, as dataclass does: a subclass's property sees it
        # (binary/decode.py's LazyFunc.body); a frozen record's own
        # __setattr__ refuses, so object's sets it
        body.append(f"  _set(self, {f.name!r}, {value})" if frozen else f"  self.{f.name} = {value}")
    env["_set"] = object.__setattr__
    src = (f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body) + "\n"
           if params else "def __init__(self):\n  pass\n")
    exec(src, env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def record(cls: Optional[type] = None, *, frozen: bool = False, eq: bool = True) -> Any:
    """Make ``cls`` a record of its annotated fields (``@record`` or
    ``@record(frozen=True)``), as ``@dataclass`` would."""
    def make(cls: type) -> type:
        flist: list[Field] = []
        for base in reversed(cls.__mro__[1:]):
            flist.extend(getattr(base, "__record_fields__", ()))
        own = cls.__dict__.get("__annotations__", {})
        for name, ann in own.items():
            if isinstance(ann, str) and ann.startswith(("ClassVar", "typing.ClassVar")):
                continue
            value = cls.__dict__.get(name, MISSING)
            f = value if isinstance(value, Field) else Field(default=value)
            f.name = name
            flist = [g for g in flist if g.name != name] + [f]
            if isinstance(value, Field):
                if f.default is MISSING:
                    delattr(cls, name)
                else:
                    setattr(cls, name, f.default)
        cls.__record_fields__ = tuple(flist)
        cls.__init__ = _init(cls, flist, frozen)
        cls.__record_repr__ = tuple(f.name for f in flist if f.repr)
        if "__repr__" not in cls.__dict__:
            cls.__repr__ = _repr
        if eq:
            cls.__record_compare__ = staticmethod(_tuple_getter([f.name for f in flist if f.compare]))
            if "__eq__" not in cls.__dict__:
                cls.__eq__ = _eq
            # as dataclass: eq and frozen hash by the fields; eq alone is unhashable
            if "__hash__" not in cls.__dict__ or cls.__dict__["__hash__"] is None:
                cls.__hash__ = _hash if frozen else None
        if frozen:
            cls.__setattr__ = _frozen_setattr
            cls.__delattr__ = _frozen_delattr
        cls.__match_args__ = tuple(f.name for f in flist)
        return cls

    return make if cls is None else make(cls)
