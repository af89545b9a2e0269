"""wasmlite.records: the dataclass stand-in on import wasmlite's path
behaves as @dataclass does for what the records use."""
from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from wasmlite.records import FrozenInstanceError, field, fields, record, replace
from wasmlite.syntax.module import Func, Module
from wasmlite.syntax.types import I32, FuncType, Limits


@record(frozen=True)
class Point:
    x: int
    y: int = 0
    tag: str = field(default="", compare=False)


@record
class Bag:
    items: list = field(default_factory=list)
    name: str = "bag"
    note: object = field(default=None, repr=False)


@record(eq=False)
class Handle:
    value: int


@dataclasses.dataclass(frozen=True)
class DPoint:
    x: int
    y: int = 0
    tag: str = dataclasses.field(default="", compare=False)


def test_frozen_records_compare_and_hash_by_their_compared_fields():
    assert Point(1, 2, "a") == Point(1, 2, "b")
    assert Point(1, 2) != Point(2, 1)
    assert hash(Point(1, 2, "a")) == hash(Point(1, 2, "b"))
    assert len({Point(1), Point(1, 0), Point(2)}) == 2
    assert Point(1) != (1, 0)
    # as the dataclass of the same shape does
    assert (DPoint(1, 2, "a") == DPoint(1, 2, "b")) == (Point(1, 2, "a") == Point(1, 2, "b"))


def test_frozen_records_refuse_assignment():
    p = Point(1)
    with pytest.raises(FrozenInstanceError):
        p.x = 3
    with pytest.raises(AttributeError):
        del p.y
    assert p.x == 1


def test_mutable_records_are_unhashable_and_get_fresh_defaults():
    a, b = Bag(), Bag()
    a.items.append(1)
    assert b.items == [] and a != b
    with pytest.raises(TypeError):
        hash(a)
    assert Bag([1], "x") == Bag(items=[1], name="x")


def test_identity_records_compare_by_identity():
    h = Handle(1)
    assert h != Handle(1) and h == h
    assert {h: 1}[h] == 1


def test_repr_matches_dataclass_form_and_skips_repr_false():
    assert repr(Point(1, 2)) == repr(DPoint(1, 2)).replace("DPoint", "Point")
    assert repr(Bag([1])) == "Bag(items=[1], name='bag')"


def test_required_after_default_is_refused():
    with pytest.raises(TypeError):
        @record
        class Bad:
            a: int = 0
            b: int


def test_fields_and_replace():
    assert [f.name for f in fields(Point)] == ["x", "y", "tag"]
    assert [f.compare for f in fields(Point)] == [True, True, False]
    p = replace(Point(1, 2, "t"), y=5)
    assert (p.x, p.y, p.tag) == (1, 5, "t")
    with pytest.raises(TypeError):
        replace(p, z=1)


def test_wasmlite_types_behave_as_records():
    ft = FuncType((I32,), (I32,))
    assert ft == FuncType((I32,), (I32,)) and {ft: 1}[FuncType((I32,), (I32,))] == 1
    assert Limits(1) == Limits(1, None)
    f = Func(0, [], [], 3, 7)
    assert f == Func(0, [], [], 3, 99)          # body_offset is compare=False
    m = Module()
    assert m.funcs == [] and m.funcs is not Module().funcs


def test_import_wasmlite_does_not_import_dataclasses():
    out = subprocess.run([sys.executable, "-c",
                          "import sys, wasmlite; print('dataclasses' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_component_records_keep_dataclass_behaviour():
    from wasmlite.component import ListType, RecordType, S32, U8, Variant
    from wasmlite.syntax.component import CanonLift
    from wasmlite import records
    # frozen, hashed and compared by their fields, as the dataclasses were
    a, b = ListType(U8()), ListType(U8())
    assert a == b and hash(a) == hash(b) and {a: 1}[b] == 1
    assert ListType(U8(), 4) != a and repr(a) == "ListType(element=u8, length=None)"
    with pytest.raises(AttributeError):
        a.length = 3
    assert RecordType((("x", S32()),)) == RecordType((("x", S32()),))
    # a subclass of a plain base, with a field left out of equality
    lift = CanonLift(0, (), 1, offset=5)
    assert lift == CanonLift(0, (), 1, offset=9) and lift.memory is None
    assert records.replace(lift, type_index=2).type_index == 2
    # the public values stay dataclasses, as wasmtime-py's Variant is
    import dataclasses
    assert dataclasses.is_dataclass(Variant)
