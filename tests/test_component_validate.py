"""Component validation and type resolution (issue 15).

Every case of tests/components/front/{valid,invalid}/*.wat (binaries by its
build.sh) is judged as `wasm-tools validate` judged it, with wasm-tools'
message and offset (errors.json, written by build.sh). The resolved import
and export types of the 7 WASI components and the valid cases are those
wasmtime-py reports (types.json, written by build_expected.py with
wasmtime-py): value types, function types, instances and which resources
are the same resource."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from wasmlite.binary.component_decode import decode_component
from wasmlite.errors import InvalidError
from wasmlite.syntax import component as ast
from wasmlite.syntax import component_types as ct
from wasmlite.syntax.component import Sort
from wasmlite.syntax.types import I32
from wasmlite.valid.component import ComponentInfo, validate_component

HERE = Path(__file__).parent
FRONT = HERE / "components" / "front"
ERRORS = json.loads((FRONT / "errors.json").read_text())
TYPES = json.loads((FRONT / "types.json").read_text())
SPACES = json.loads((FRONT / "spaces.json").read_text())
sys.path.insert(0, str(FRONT))
from type_dump import dump  # noqa: E402


def _info(path: Path) -> ComponentInfo:
    return validate_component(decode_component(path.read_bytes()))


def _component_path(name: str) -> Path:
    return FRONT / name if name.startswith("valid/") else HERE / "components" / name


@pytest.mark.parametrize("case", sorted(ERRORS), ids=lambda c: c[:-4])
def test_judged_as_wasm_tools_judges(case):
    c = decode_component((FRONT / case).with_suffix(".wasm").read_bytes())
    want = ERRORS[case]
    if want is None:
        validate_component(c)
        return
    with pytest.raises(InvalidError) as e:
        validate_component(c)
    assert str(e.value) == want


def test_every_case_has_a_verdict():
    cases = {str(p.relative_to(FRONT)) for p in FRONT.glob("*/*.wat")}
    assert cases == set(ERRORS)
    assert sum(v is not None for v in ERRORS.values()) >= 60


@pytest.mark.parametrize("name", sorted(TYPES), ids=lambda n: n.replace(".wasm", ""))
def test_imports_and_exports_are_wasmtimes(name):
    info = _info(_component_path(name))
    got = json.loads(json.dumps(dump(info.imports, info.exports)))
    assert got == TYPES[name]


def test_resources_are_shared_where_wasi_says_so():
    info = _info(HERE / "components" / "files.wasm")
    imports = info.imports
    error = imports["wasi:io/error@0.2.12"].exports()["error"].ty
    streams = {n: x.ty for n, x in imports["wasi:io/streams@0.2.12"].exports().items()}
    assert isinstance(error, ct.ResourceType)
    assert streams["error"] is error           # aliased in, not a new resource
    assert imports["wasi:filesystem/types@0.2.12"].exports()["output-stream"].ty \
        is streams["output-stream"]
    # one placeholder per resource an import brings in
    assert [r.name for r in info.imported_resources] == [
        "error", "output-stream", "input-stream", "terminal-input", "terminal-output",
        "descriptor", "directory-entry-stream"]
    assert all(any(r is p for p in info.imported_resources) for r in
               (error, streams["output-stream"], streams["input-stream"]))
    check = streams["[method]output-stream.check-write"]
    assert check.params == (("self", ct.BorrowType(streams["output-stream"])),)
    assert check.result == ct.ResultType(ct.U64(), streams["stream-error"])


def test_index_spaces_resolved():
    info = _info(HERE / "components" / "exit_code.wasm")
    sizes = {s.text: len(v) for s, v in info.spaces.items() if v}
    assert sizes == SPACES["exit_code.wasm"]
    assert all(isinstance(t, ct.FuncType) for t in info.spaces[Sort.FUNC])
    assert all(isinstance(t, ct.ComponentInstanceType) for t in info.spaces[Sort.INSTANCE])
    assert all(isinstance(t, ct.ModuleType) for t in info.spaces[Sort.CORE_MODULE])
    assert all(hasattr(t, "params") and hasattr(t, "results")
               for t in info.spaces[Sort.CORE_FUNC])


def test_canon_definitions_resolved():
    data = (HERE / "components" / "exit_code.wasm").read_bytes()
    c = decode_component(data)
    info = validate_component(c)
    kinds = {}
    for pos, canon in info.canons.items():
        kinds.setdefault(canon.kind, []).append((pos, canon))
        assert isinstance(c.definitions[pos], (ast.CanonLift, ast.CanonLower,
                                               ast.CanonResourceDrop))
    assert set(kinds) == {"lift", "lower", "resource.drop"}
    # get-arguments: list<string> comes back through memory, allocated by realloc
    lowers = {c.definitions[p].func: ci for p, ci in kinds["lower"]}
    funcs = info.spaces[Sort.FUNC]
    get_args = [ci for f, ci in lowers.items()
                if funcs[f].result == ct.ListType(ct.String())]
    (ga,) = get_args
    assert ga.memory is not None and ga.realloc is not None
    assert ga.string_encoding == "utf8"
    assert ga.core_type.params == (I32,) and ga.core_type.results == ()
    # the exported run: () -> result, lifted from a core () -> i32
    (lift,) = [ci for _, ci in kinds["lift"]]
    assert lift.func_type == ct.FuncType((), ct.ResultType(None, None))
    assert lift.core_type.params == () and lift.core_type.results == (I32,)
    assert lift.memory is None and lift.post_return is None
    # resource.drop of an imported resource, core (i32) -> ()
    for _, d in kinds["resource.drop"]:
        assert any(d.resource is r for r in info.imported_resources)
        assert d.core_type.params == (I32,) and d.core_type.results == ()


def test_nested_component_and_its_instantiation():
    c = decode_component((HERE / "components" / "exit_code.wasm").read_bytes())
    info = validate_component(c)
    (pos, nested), = info.nested.items()
    assert isinstance(c.definitions[pos], ast.NestedComponent)
    run = ct.FuncType((), ct.ResultType(None, None))
    assert nested.imports == {"import-func-run": run}
    assert nested.exports == {"run": run}
    (inst,) = info.instantiations.values()
    assert inst.type == ct.ComponentInstanceType((("run", run),))
    assert info.exports["wasi:cli/run@0.2.12"] == inst.type


def test_resource_definitions_and_instantiation_mapping():
    c = decode_component((FRONT / "valid" / "resources.wasm").read_bytes())
    info = validate_component(c)
    (rdef,) = info.resource_defs.values()
    r = rdef.resource
    assert rdef.dtor == 0 and isinstance(c.definitions[rdef.definition], ast.TypeDef)
    assert info.exports["r"] is r and info.defined_resources == [r]
    host = info.imports["host-r"]
    assert info.imports["t"] is host                  # (eq $hr): the same type
    assert info.imported_resources == [host]
    by_kind = {ci.kind: ci for ci in info.canons.values()}
    assert by_kind["resource.new"].resource is r
    assert by_kind["resource.rep"].core_type.results == (I32,)
    # the nested component's resource import is bound to the argument
    (inst,) = info.instantiations.values()
    nested = info.nested[min(info.nested)]
    (inner_r,) = nested.imported_resources
    assert inst.mapping[inner_r] is r
    assert inst.type.exports()["mk2"].ty.result == ct.OwnType(r)


def test_substitute():
    a, b, c = ct.ResourceType("a"), ct.ResourceType("b"), ct.ResourceType("c")
    f = ct.FuncType((("x", ct.OwnType(a)), ("y", ct.ListType(ct.BorrowType(b)))),
                    ct.ResultType(ct.OwnType(a), ct.String()))
    g = ct.substitute(f, {a: c})
    assert g.params[0][1].ty is c and g.result.ok.ty is c
    assert g.params[1][1] is f.params[1][1]          # untouched parts are shared
    assert ct.substitute(f, {ct.ResourceType("z"): c}) is f
    inst = ct.ComponentInstanceType((("r", a), ("f", f)), (a,))
    moved = ct.substitute(inst, {a: b})
    assert moved.exports()["r"].ty is b and moved.defined_resources == (b,)
    assert moved.exports()["f"].ty.params[0][1] == ct.OwnType(b)
    assert ct.resources_in(inst) == [a, b]


def test_placeholders_differ_per_validation():
    path = HERE / "components" / "stdin_wc.wasm"
    one, two = _info(path), _info(path)
    assert one.imported_resources[0] is not two.imported_resources[0]
    assert one.imports != two.imports                # resources are identities
    mapping = dict(zip(one.imported_resources, two.imported_resources))
    assert {n: ct.substitute(t, mapping) for n, t in one.imports.items()} == two.imports
