"""``Component.type`` as wasmtime-py 50 shows it: ``imports(engine)`` and
``exports(engine)`` map names to ``ComponentExtern`` items whose ``ty`` is
the type (instance types' ``exports(engine)`` alike), checked side by side
with wasmtime-py on the committed components."""
from __future__ import annotations

from pathlib import Path

import pytest
import wasmtime
import wasmtime.component

import wasmlite
import wasmlite.component

COMPONENTS = Path(__file__).resolve().parent / "components"
FILES = ["args_env.wasm", "files.wasm", "world/values.wasm"]


def _shape(engine, items: dict, depth: int = 0) -> list:
    """Each item: its name, its class names (the item's, its ``ty``'s),
    ``implements`` / ``external_id``, and an instance's exports below it."""
    out = []
    for name, item in items.items():
        row = [name, type(item).__name__, type(item.ty).__name__, item.implements,
               item.external_id, item.is_implements(name)]
        if hasattr(item.ty, "exports") and depth < 1:
            row.append(_shape(engine, item.ty.exports(engine), depth + 1))
        if type(item.ty).__name__ == "FuncType":
            row.append([n for n, _ in item.ty.params])
            row.append(type(item.ty.result).__name__)
        out.append(row)
    return out


def _of(rt, path: Path):
    engine = rt.Engine()
    ty = rt.component.Component.from_file(engine, str(path)).type
    return [_shape(engine, ty.imports(engine)), _shape(engine, ty.exports(engine))]


@pytest.mark.parametrize("name", FILES)
def test_imports_and_exports_are_extern_items_as_in_wasmtime_py(name):
    assert _of(wasmlite, COMPONENTS / name) == _of(wasmtime, COMPONENTS / name)


def test_is_implements_takes_a_str():
    engine = wasmlite.Engine()
    ty = wasmlite.component.Component.from_file(engine, str(COMPONENTS / "args_env.wasm")).type
    item = next(iter(ty.imports(engine).values()))
    with pytest.raises(TypeError):
        item.is_implements(3)


TYPES_WAT = """(component
  (type $r (record (field "a" u32)))
  (import "r" (type $ri (eq $r)))
  (export "r-out" (type $ri))
  (type $f (func (param "a" u32)))
  (export "ftype" (type $f))
  (type $c (component (import "z" (func)) (type $u (record (field "b" u8)))
                      (import "zz" (type (eq $u)))))
  (export "ctype" (type $c))
  (import "res" (type (sub resource)))
  (type $i (instance (export "x" (type (sub resource)))
                     (type $q (record (field "a" u8))) (export "q" (type (eq $q)))))
  (import "i2" (instance (type $i)))
  (export "itype" (type $i))
  (import "m" (core module)))"""


def _kinds(rt) -> list:
    engine = rt.Engine()
    ty = rt.component.Component(engine, TYPES_WAT).type

    def kinds(items: dict) -> dict:
        return {name: type(x.ty).__name__ for name, x in items.items()}
    exports = ty.exports(engine)
    return [kinds(ty.imports(engine)), kinds(exports),
            kinds(exports["ctype"].ty.imports(engine)), kinds(exports["itype"].ty.exports(engine))]


def test_types_given_as_types_and_root_value_imports_as_in_wasmtime_py():
    """A function, component or instance type exported as a type is that
    type; the root's value-type imports are not listed (a nested component
    type's are)."""
    got = _kinds(wasmlite)
    assert got == _kinds(wasmtime)
    assert "r" not in got[0] and "zz" in got[2]


def test_root_level_component_imports_are_refused_as_wasmtime_refuses_them():
    wat = '(component (type $cc (component)) (import "c2" (component (type $cc))))'
    for rt in (wasmtime, wasmlite):
        with pytest.raises(rt.WasmtimeError, match="root-level component imports are not supported"):
            rt.component.Component(rt.Engine(), wat)
