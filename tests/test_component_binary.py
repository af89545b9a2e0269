"""The component binary format (issue 15): decode_component, encode_component
and is_component on the 7 WASI 0.2 components (tests/components/*.wasm) and
on the small components of tests/components/front/, and malformed input
of every kind reported as a wasmlite error (what, at which offset), never
an IndexError or a hang."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from wasmlite.binary.component_decode import decode_component, is_component
from wasmlite.binary.component_encode import encode_component
from wasmlite.binary.decode import decode_module
from wasmlite.errors import MalformedError, WasmtimeError
from wasmlite.syntax import component as ast
from wasmlite.syntax.component import Sort
from wasmlite.syntax.component_types import String, U32

HERE = Path(__file__).parent
COMPONENTS = sorted((HERE / "components").glob("*.wasm"))
FRONT = HERE / "components" / "front"
SMALL = sorted(FRONT.glob("*/*.wasm"))
SPACES = json.loads((FRONT / "spaces.json").read_text())
SORT_BY_TEXT = {"core func": Sort.CORE_FUNC, "core instance": Sort.CORE_INSTANCE,
                "core module": Sort.CORE_MODULE, "core memory": Sort.CORE_MEMORY,
                "core table": Sort.CORE_TABLE, "core global": Sort.CORE_GLOBAL,
                "core type": Sort.CORE_TYPE, "func": Sort.FUNC, "instance": Sort.INSTANCE,
                "type": Sort.TYPE, "component": Sort.COMPONENT}
PREAMBLE = b"\0asm\x0d\x00\x01\x00"


@pytest.mark.parametrize("path", COMPONENTS, ids=lambda p: p.stem)
def test_index_spaces_are_those_wasm_tools_prints(path):
    c = decode_component(path.read_bytes())
    sizes = {s: len(v) for s, v in c.spaces().items() if v}
    assert sizes == {SORT_BY_TEXT[k]: n for k, n in SPACES[path.name].items()}


@pytest.mark.parametrize("path", COMPONENTS, ids=lambda p: p.stem)
def test_wasi_component_reencodes_byte_for_byte(path):
    data = path.read_bytes()
    c = decode_component(data)
    assert encode_component(c) == data
    c.layout = []           # laid out afresh, one section per run: same meaning
    again = decode_component(encode_component(c))
    assert again == c


@pytest.mark.parametrize("path", SMALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_small_components_reencode_byte_for_byte(path):
    data = path.read_bytes()
    assert encode_component(decode_component(data)) == data


def test_what_a_wasi_component_holds():
    c = decode_component((HERE / "components" / "exit_code.wasm").read_bytes())
    modules = c.core_modules
    assert len(modules) == 4
    for m in modules:       # raw core modules, for the ordinary pipeline
        assert m.data[:8] == b"\0asm\x01\0\0\0" and not is_component(m.data)
        decode_module(m.data)
    main = max(modules, key=lambda m: len(m.data))
    assert any(e.name == "_start" for e in decode_module(main.data).exports)
    nested = [d for d in c.definitions if isinstance(d, ast.NestedComponent)]
    assert len(nested) == 1
    assert [i.name for i in nested[0].component.imports] == ["import-func-run"]
    assert [e.name for e in c.exports] == ["wasi:cli/run@0.2.12"]
    names = [i.name for i in c.imports]
    assert "wasi:io/streams@0.2.12" in names and "wasi:cli/exit@0.2.12" in names
    lowers = [d for d in c.definitions if isinstance(d, ast.CanonLower)]
    with_realloc = [d for d in lowers if d.realloc is not None]
    assert with_realloc and all(d.memory is not None and d.string_encoding == "utf8"
                                for d in with_realloc)
    drops = [d for d in c.definitions if isinstance(d, ast.CanonResourceDrop)]
    assert drops and all(isinstance(c.index_space(Sort.TYPE)[d.resource], ast.Alias)
                         for d in drops)
    assert c.customs and c.customs[-1].name == "producers"


def test_index_spaces_interleave_in_definition_order():
    # an alias, a type using it, an import of that type: each adds to its
    # own space in the order written
    c = decode_component((FRONT / "invalid" / "comp_arg_resource.wasm").read_bytes())
    kinds = [type(d).__name__ for d in c.definitions]
    assert kinds == ["NestedComponent", "Import", "Import", "TypeDef", "TypeDef", "Import",
                     "Instantiate"]
    types = c.index_space(Sort.TYPE)
    assert [type(t).__name__ for t in types] == ["Import", "Import", "TypeDef", "TypeDef"]
    assert types[2].type == ast.OwnDef(1)
    assert types[3].type == ast.FuncTypeDef((("x", 2),), None)
    funcs = c.index_space(Sort.FUNC)
    assert len(funcs) == 1 and funcs[0].name == "g"
    inner = c.definitions[0].component
    assert inner.imports[0].desc == ast.ExternDesc(Sort.TYPE, None)      # (sub resource)
    assert inner.imports[0].desc.is_sub_resource


def test_types_decode_to_the_ast():
    c = decode_component((FRONT / "valid" / "lift_result_string_norealloc.wasm").read_bytes())
    types = [d for d in c.definitions if isinstance(d, ast.TypeDef)]
    assert types[0].type == ast.FuncTypeDef((), String())
    lift = [d for d in c.definitions if isinstance(d, ast.CanonLift)][0]
    assert lift.memory == 0 and lift.realloc is None and lift.type_index == 0


def test_async_and_thread_builtins_decode():
    for name, builtin in [("async_builtin", "waitable-set.new"),
                          ("async_task_cancel", "task.cancel"),
                          ("async_context_get", "context.get"),
                          ("thread_index", "thread.index"),
                          ("error_context_drop", "error-context.drop")]:
        c = decode_component((FRONT / "invalid" / f"{name}.wasm").read_bytes())
        (d,) = c.definitions
        assert isinstance(d, ast.CanonBuiltin) and d.name == builtin
        assert c.index_space(Sort.CORE_FUNC) == [d]


def test_built_component_encodes_and_decodes():
    c = ast.Component([
        ast.TypeDef(ast.RecordDef((("a", U32()), ("b", String())))),
        ast.TypeDef(ast.FuncTypeDef((("r", 0),), 0)),
        ast.Import("f", ast.ExternDesc(Sort.FUNC, 1)),
        ast.Export("g", Sort.FUNC, 0),
    ])
    data = encode_component(c)
    assert is_component(data)
    assert decode_component(data) == c
    # one section per run of definitions of one section: type, import, export
    assert [s.id for s in decode_component(data).layout] == [7, 10, 11]


# --------------------------------------------------------------- malformed


def _small() -> bytes:
    return (FRONT / "invalid" / "comp_arg_resource.wasm").read_bytes()


def _section_ends(data: bytes) -> set:
    ends = {8}
    for span_end in _section_boundaries(data):
        ends.add(span_end)
    return ends


def _section_boundaries(data: bytes):
    from wasmlite.binary.leb128 import read_u32
    pos = 8
    while pos < len(data):
        size, p = read_u32(data, pos + 1)
        pos = p + size
        yield pos


def test_truncated_at_every_byte():
    data = _small()
    ends = _section_ends(data)
    for n in range(len(data)):
        prefix = data[:n]
        if n in ends:          # a component can end after any section
            decode_component(prefix)
            continue
        with pytest.raises(MalformedError, match=r"\(at offset 0x[0-9a-f]+\)"):
            decode_component(prefix)


def test_bad_preamble():
    with pytest.raises(MalformedError, match="magic header not detected"):
        decode_component(b"\0asX\x0d\0\x01\0")
    with pytest.raises(MalformedError, match="given a core WebAssembly module"):
        decode_component(b"\0asm\x01\0\0\0")
    with pytest.raises(MalformedError, match="unknown binary version and encoding"
                                             " combination: 0xc and 0x1"):
        decode_component(b"\0asm\x0c\0\x01\0")
    with pytest.raises(MalformedError, match="unexpected end-of-file"):
        decode_component(b"\0as")


def test_bad_section_id():
    with pytest.raises(MalformedError, match=r"unknown section id 0xd \(at offset 0x8\)"):
        decode_component(PREAMBLE + b"\x0d\x00")
    with pytest.raises(MalformedError, match="malformed section id: 0xff"):
        decode_component(PREAMBLE + b"\xff\x00")


def test_bad_leb():
    # a section size of six bytes (a u32 takes five at most)
    with pytest.raises(MalformedError, match=r"integer representation too long \(at offset 0x9\)"):
        decode_component(PREAMBLE + b"\x07\x80\x80\x80\x80\x80\x00")
    # a u32 over 32 bits
    with pytest.raises(MalformedError, match=r"integer too large \(at offset 0x9\)"):
        decode_component(PREAMBLE + b"\x07\xff\xff\xff\xff\x7f")
    # a LEB running off the end of its section
    with pytest.raises(MalformedError, match="unexpected end-of-file"):
        decode_component(PREAMBLE + b"\x07\x01\x80")


def test_section_size_mismatch_and_bad_bytes():
    # a type section declaring 1 type u32 but with a byte left over
    with pytest.raises(MalformedError, match="section size mismatch"):
        decode_component(PREAMBLE + b"\x07\x03\x01\x79\x00")
    with pytest.raises(MalformedError, match=r"invalid leading byte \(0x55\) for component"
                                             r" defined type \(at offset 0xb\)"):
        decode_component(PREAMBLE + b"\x07\x02\x01\x55")
    with pytest.raises(MalformedError, match="section too large"):
        decode_component(PREAMBLE + b"\x07\x7f\x01\x79")
    with pytest.raises(MalformedError, match="malformed UTF-8"):
        decode_component(PREAMBLE + b"\x0a\x05\x01\x00\x01\xff\x01")
    # a count larger than the bytes left: refused before reading on
    with pytest.raises(MalformedError, match="count is out of bounds"):
        decode_component(PREAMBLE + b"\x07\x05\xff\xff\xff\xff\x0f")


def test_not_bytes():
    with pytest.raises(TypeError):
        decode_component("(component)")
    assert decode_component(bytearray(PREAMBLE)) == ast.Component()


def test_is_component():
    assert is_component(PREAMBLE)
    assert is_component(b"\0asm\x0c\0\x01\0")          # another version: still layer 1
    assert not is_component(b"\0asm\x01\0\0\0")
    assert not is_component(b"\0asm")
    assert not is_component(None)


def test_random_mutations_only_raise_wasmlite_errors():
    """Every byte of a small component set to a few other values: decoding
    either succeeds or raises a WasmtimeError (and so does validation)."""
    from wasmlite.valid.component import validate_component
    rng = random.Random(15)
    for path in (FRONT / "invalid" / "comp_arg_resource.wasm",
                 FRONT / "valid" / "lift_result_string_norealloc.wasm"):
        data = path.read_bytes()
        for i in range(8, len(data)):
            for value in {0x00, 0x01, 0x7f, 0x80, 0xff, rng.randrange(256)}:
                mutated = data[:i] + bytes((value,)) + data[i + 1:]
                try:
                    validate_component(decode_component(mutated))
                except WasmtimeError:
                    pass
