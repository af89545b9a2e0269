"""Binary-format error wordings the Wasm 3.0 suite asserts, kept compatible
with the 2.0 suite's (the wast runner matches a substring of the message)."""
from __future__ import annotations

import pytest

from wasmlite.binary.decode import decode_module
from wasmlite.errors import MalformedError

HEADER = b"\x00asm\x01\x00\x00\x00"
TYPE_AND_FUNC = b"\x01\x04\x01\x60\x00\x00" b"\x03\x02\x01\x00"


def test_constant_expression_running_past_its_section():
    # global section: one i32 global, "i32.const 0" and no end; the code
    # section follows, so reading on meets its id (0x0a) as an opcode
    data = HEADER + TYPE_AND_FUNC + b"\x06\x05\x01\x7f\x00\x41\x00" + b"\x0a\x04\x01\x02\x00\x0b"
    with pytest.raises(MalformedError) as e:
        decode_module(data)
    assert "unexpected end of section or function" in str(e.value)   # 3.0's words
    # 2.0 (no exception handling: 0x0a is no throw_ref) meets an illegal
    # opcode reading on, and says both
    with pytest.raises(MalformedError) as e:
        decode_module(data, frozenset({"exceptions", "legacy_exceptions"}))
    message = str(e.value)
    assert "unexpected end of section or function" in message   # 3.0's words
    assert "illegal opcode" in message                          # 2.0's words


def test_constant_expression_with_its_end_inside_the_section_is_fine():
    data = HEADER + TYPE_AND_FUNC + b"\x06\x06\x01\x7f\x00\x41\x00\x0b" + b"\x0a\x04\x01\x02\x00\x0b"
    assert len(decode_module(data).globals) == 1


def test_a_bad_opcode_inside_the_section_keeps_its_own_error():
    # 0xff is no opcode, and the expression's end is still inside the section
    data = HEADER + b"\x06\x06\x01\x7f\x00\xff\x00\x0b"
    with pytest.raises(MalformedError) as e:
        decode_module(data)
    assert "illegal opcode" in str(e.value)
    assert "end of section" not in str(e.value)
