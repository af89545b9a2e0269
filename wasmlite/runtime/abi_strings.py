"""Strings across the canonical ABI, in the three encodings a component may
choose (``string-encoding=utf8 | utf16 | latin1+utf16``).

Loading decodes straight from the memory view (one C-level decode, no byte
loop) and traps, in Wasmtime's words, on a misaligned or out-of-bounds
range or invalid code units. Storing follows the spec's ``realloc``
protocol for a host string (the host's strings count as UTF-8, as
Wasmtime's do): UTF-8 is one allocation of the exact size; UTF-16 allocates
the worst case (2 bytes per UTF-8 byte) and shrinks; latin1+utf16 tries
Latin-1 in the UTF-8 length first and grows to UTF-16 (the length then
tagged with bit 31) when a character does not fit.
"""
from __future__ import annotations

from typing import Any, Callable, Tuple

from .component_trap import abi_trap

UTF16_TAG = 1 << 31
MAX_STRING_BYTE_LENGTH = (1 << 31) - 1
ENCODINGS = ("utf8", "utf16", "latin1+utf16")


def _utf8_error(e: UnicodeDecodeError) -> Exception:
    # Rust's Utf8Error wording, which Wasmtime reports
    if e.reason == "unexpected end of data":
        return abi_trap(f"incomplete utf-8 byte sequence from index {e.start}")
    return abi_trap(f"invalid utf-8 sequence of {e.end - e.start} bytes from index {e.start}")


def _utf16_error(data: memoryview, e: UnicodeDecodeError) -> Exception:
    unit = data[e.start] | (data[e.start + 1] << 8) if e.start + 1 < len(data) else data[e.start]
    return abi_trap(f"unpaired surrogate found: {unit:x}")


def _out_of_bounds() -> Exception:
    return abi_trap("string pointer/length out of bounds of memory")


def _too_long() -> Exception:
    return abi_trap("string length too large")


def load_utf8(mv: memoryview, ptr: int, n: int) -> str:
    end = ptr + n
    if end > len(mv):
        raise _out_of_bounds()
    try:
        return mv[ptr:end].tobytes().decode("utf-8")
    except UnicodeDecodeError as e:
        raise _utf8_error(e) from None


def load_utf16(mv: memoryview, ptr: int, n: int) -> str:
    if ptr & 1:
        raise abi_trap("string pointer not aligned to 2")
    end = ptr + 2 * n
    if end > len(mv):
        raise _out_of_bounds()
    data = mv[ptr:end]
    try:
        return str(data, "utf-16-le")
    except UnicodeDecodeError as e:
        raise _utf16_error(data, e) from None


def load_latin1_utf16(mv: memoryview, ptr: int, tagged: int) -> str:
    if tagged & UTF16_TAG:
        return load_utf16(mv, ptr, tagged ^ UTF16_TAG)
    if ptr & 1:
        raise abi_trap("string pointer not aligned to 2")
    end = ptr + tagged
    if end > len(mv):
        raise _out_of_bounds()
    return str(mv[ptr:end], "latin-1")


LOADERS = {"utf8": load_utf8, "utf16": load_utf16, "latin1+utf16": load_latin1_utf16}


def string_loader(encoding: str) -> Callable[[memoryview, int, int], str]:
    """``load(mv, ptr, tagged_code_units) -> str`` for ``encoding``."""
    return LOADERS[encoding]


def _check_str(s: Any) -> None:
    if not isinstance(s, str):
        raise TypeError("expected string type")


def string_storer(encoding: str, cx: Any) -> Callable[[Any], Tuple[int, int]]:
    """``store(s) -> (ptr, tagged_code_units)``: ``s`` copied into memory
    obtained from ``cx.realloc``, written through ``cx.view``."""
    if encoding == "utf8":
        def store_utf8(s: Any) -> Tuple[int, int]:
            if type(s) is not str:
                _check_str(s)
            b = s.encode("utf-8")
            n = len(b)
            if n > MAX_STRING_BYTE_LENGTH:
                raise _too_long()
            ptr = cx.realloc(0, 0, 1, n)
            cx.view.mv[ptr:ptr + n] = b
            return ptr, n
        return store_utf8

    if encoding == "utf16":
        def store_utf16(s: Any) -> Tuple[int, int]:
            if type(s) is not str:
                _check_str(s)
            # the worst case counts 2 bytes per UTF-8 byte of the source
            worst = 2 * (len(s) if s.isascii() else len(s.encode("utf-8")))
            if worst > MAX_STRING_BYTE_LENGTH:
                raise _too_long()
            e = s.encode("utf-16-le")
            ptr = cx.realloc(0, 0, 2, worst)
            cx.view.mv[ptr:ptr + len(e)] = e
            if len(e) < worst:
                ptr = cx.realloc(ptr, worst, 2, len(e))
            return ptr, len(e) >> 1
        return store_utf16

    if encoding == "latin1+utf16":
        def store_latin1_utf16(s: Any) -> Tuple[int, int]:
            if type(s) is not str:
                _check_str(s)
            units = len(s) if s.isascii() else len(s.encode("utf-8"))
            if units > MAX_STRING_BYTE_LENGTH:
                raise _too_long()
            ptr = cx.realloc(0, 0, 2, units)
            try:
                e = s.encode("latin-1")
            except UnicodeEncodeError:
                pass
            else:
                cx.view.mv[ptr:ptr + len(e)] = e
                if len(e) < units:
                    ptr = cx.realloc(ptr, units, 2, len(e))
                return ptr, len(e)
            # a character above U+00FF: the whole string as UTF-16
            worst = 2 * units
            if worst > MAX_STRING_BYTE_LENGTH:
                raise _too_long()
            ptr = cx.realloc(ptr, units, 2, worst)
            e = s.encode("utf-16-le")
            cx.view.mv[ptr:ptr + len(e)] = e
            if len(e) < worst:
                ptr = cx.realloc(ptr, worst, 2, len(e))
            return ptr, (len(e) >> 1) | UTF16_TAG
        return store_latin1_utf16

    raise ValueError(f"unknown string encoding {encoding!r}")


def string_lowerer(encoding: str, cx: Any) -> Callable[[Any, list], None]:
    """``lower(s, out)``: ``s`` stored as ``string_storer`` does, its
    (ptr, tagged length) appended to ``out`` (UTF-8 in one frame: the
    common case, on every call that passes a string)."""
    if encoding == "utf8":
        realloc, view = cx.realloc, cx.view

        def lower_utf8(s: Any, out: list) -> None:
            if type(s) is not str:
                _check_str(s)
            b = s.encode("utf-8")
            n = len(b)
            if n > MAX_STRING_BYTE_LENGTH:
                raise _too_long()
            ptr = realloc(0, 0, 1, n)
            view.mv[ptr:ptr + n] = b
            out.append(ptr)
            out.append(n)
        return lower_utf8
    store = string_storer(encoding, cx)

    def lower(s: Any, out: list) -> None:
        ptr, n = store(s)
        out.append(ptr)
        out.append(n)
    return lower
