"""wasi:io/error, wasi:io/poll, wasi:io/streams.

Each implementation takes the context first, then the WIT parameters
(a method's ``self`` rep first); INTERFACES lists them by their
component-level names.
"""
from __future__ import annotations

from typing import Any

from ..errors import WasmtimeError
from ..runtime.component_values import Variant
from .pollables import Pollable, ready_now, wait
from .results import fallible
from .streams import (BLOCKING_LIMIT, MAX_READ, InputStream, IoError, OutputStream,
                      StreamClosed, StreamFailed)

U64_MAX = (1 << 64) - 1


def _stream_error(exc: BaseException) -> Variant:
    """The ``stream-error`` for a failed stream operation."""
    if isinstance(exc, StreamClosed):
        return Variant("closed")
    return Variant("last-operation-failed", IoError(exc.exc))


stream_result = fallible(_stream_error, StreamClosed, StreamFailed)


def _u64(value: Any, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= U64_MAX:
        raise TypeError(f"{what} must be a u64, got {value!r}")
    return value


def _bytes(value: Any) -> bytes:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if isinstance(value, list) and all(isinstance(b, int) and 0 <= b <= 255 for b in value):
        return bytes(value)
    raise TypeError(f"expected list<u8> (bytes), got {type(value).__name__}")


def _input(rep: Any) -> InputStream:
    if not isinstance(rep, InputStream):
        raise TypeError(f"expected an input-stream, got {type(rep).__name__}")
    return rep


def _output(rep: Any) -> OutputStream:
    if not isinstance(rep, OutputStream):
        raise TypeError(f"expected an output-stream, got {type(rep).__name__}")
    return rep


# -- wasi:io/error ----------------------------------------------------------------

def error_to_debug_string(ctx, error: IoError) -> str:
    """``[method]error.to-debug-string: func() -> string``"""
    if not isinstance(error, IoError):
        raise TypeError(f"expected an error, got {type(error).__name__}")
    return error.debug_string()


# -- wasi:io/poll ----------------------------------------------------------------

def pollable_ready(ctx, pollable: Pollable) -> bool:
    """``[method]pollable.ready: func() -> bool``"""
    return ready_now(pollable)


def pollable_block(ctx, pollable: Pollable) -> None:
    """``[method]pollable.block: func()``"""
    wait([pollable])


def poll(ctx, pollables: list) -> list[int]:
    """``poll: func(in: list<borrow<pollable>>) -> list<u32>``: blocks until
    one is ready; the indices of all that are. An empty list traps."""
    if not isinstance(pollables, (list, tuple)):
        raise TypeError("poll takes a list of pollables")
    return wait(list(pollables))


# -- wasi:io/streams: input-stream ----------------------------------------------

@stream_result
def input_read(ctx, stream: InputStream, length: int) -> bytes:
    """``[method]input-stream.read: func(len: u64) -> result<list<u8>, stream-error>``"""
    return _input(stream).read(_u64(length, "len"))


@stream_result
def input_blocking_read(ctx, stream: InputStream, length: int) -> bytes:
    """``[method]input-stream.blocking-read: func(len: u64) -> result<list<u8>, stream-error>``"""
    return _input(stream).blocking_read(_u64(length, "len"))


def _skip(stream: InputStream, length: int, blocking: bool) -> int:
    length = min(_u64(length, "len"), MAX_READ)
    data = stream.blocking_read(length) if blocking else stream.read(length)
    return len(data)


@stream_result
def input_skip(ctx, stream: InputStream, length: int) -> int:
    """``[method]input-stream.skip: func(len: u64) -> result<u64, stream-error>``"""
    return _skip(_input(stream), length, False)


@stream_result
def input_blocking_skip(ctx, stream: InputStream, length: int) -> int:
    """``[method]input-stream.blocking-skip: func(len: u64) -> result<u64, stream-error>``"""
    return _skip(_input(stream), length, True)


def input_subscribe(ctx, stream: InputStream) -> Pollable:
    """``[method]input-stream.subscribe: func() -> pollable`` (a child of the stream)"""
    s = _input(stream)
    return Pollable(s.readiness, parent=s)


# -- wasi:io/streams: output-stream ---------------------------------------------

@stream_result
def output_check_write(ctx, stream: OutputStream) -> int:
    """``[method]output-stream.check-write: func() -> result<u64, stream-error>``"""
    return _output(stream).check_write()


@stream_result
def output_write(ctx, stream: OutputStream, contents: bytes) -> None:
    """``[method]output-stream.write: func(contents: list<u8>) -> result<_, stream-error>``"""
    _output(stream).write(_bytes(contents))


def _blocking_write_and_flush(stream: OutputStream, data: bytes, what: str) -> None:
    if len(data) > BLOCKING_LIMIT:
        raise WasmtimeError(f"Buffer too large for {what} (expected at most {BLOCKING_LIMIT})")
    view = memoryview(data)
    while len(view):
        permit = stream.check_write()   # never 0 here: nothing waits in the background
        stream.write(bytes(view[:permit]))
        view = view[permit:]
    stream.flush()


@stream_result
def output_blocking_write_and_flush(ctx, stream: OutputStream, contents: bytes) -> None:
    """``[method]output-stream.blocking-write-and-flush: func(contents: list<u8>) -> result<_, stream-error>``
    (at most 4096 bytes, as Wasmtime: more traps)"""
    _blocking_write_and_flush(_output(stream), _bytes(contents), "blocking-write-and-flush")


@stream_result
def output_flush(ctx, stream: OutputStream) -> None:
    """``[method]output-stream.flush: func() -> result<_, stream-error>``"""
    _output(stream).flush()


@stream_result
def output_blocking_flush(ctx, stream: OutputStream) -> None:
    """``[method]output-stream.blocking-flush: func() -> result<_, stream-error>``"""
    _output(stream).flush()


def output_subscribe(ctx, stream: OutputStream) -> Pollable:
    """``[method]output-stream.subscribe: func() -> pollable`` (a child of the stream)"""
    s = _output(stream)
    return Pollable(s.readiness, parent=s)


@stream_result
def output_write_zeroes(ctx, stream: OutputStream, length: int) -> None:
    """``[method]output-stream.write-zeroes: func(len: u64) -> result<_, stream-error>``"""
    s = _output(stream)
    length = _u64(length, "len")
    if length > s.budget:
        raise WasmtimeError("write exceeded budget")
    s.write(bytes(length))


@stream_result
def output_blocking_write_zeroes_and_flush(ctx, stream: OutputStream, length: int) -> None:
    """``[method]output-stream.blocking-write-zeroes-and-flush: func(len: u64) -> result<_, stream-error>``"""
    length = _u64(length, "len")
    if length > BLOCKING_LIMIT:
        raise WasmtimeError("Buffer too large for blocking-write-zeroes-and-flush "
                            f"(expected at most {BLOCKING_LIMIT})")
    _blocking_write_and_flush(_output(stream), bytes(length), "blocking-write-zeroes-and-flush")


def _splice(dest: OutputStream, src: InputStream, length: int, blocking: bool) -> int:
    length = min(_u64(length, "len"), dest.check_write())
    if length == 0:
        return 0
    data = src.blocking_read(length) if blocking else src.read(length)
    if data:
        dest.write(data)
        if blocking:
            dest.flush()
    return len(data)


@stream_result
def output_splice(ctx, stream: OutputStream, src: InputStream, length: int) -> int:
    """``[method]output-stream.splice: func(src: borrow<input-stream>, len: u64) -> result<u64, stream-error>``"""
    return _splice(_output(stream), _input(src), length, False)


@stream_result
def output_blocking_splice(ctx, stream: OutputStream, src: InputStream, length: int) -> int:
    """``[method]output-stream.blocking-splice: func(src: borrow<input-stream>, len: u64) -> result<u64, stream-error>``"""
    return _splice(_output(stream), _input(src), length, True)


INTERFACES = {
    "wasi:io/error": {
        "[method]error.to-debug-string": error_to_debug_string,
    },
    "wasi:io/poll": {
        "[method]pollable.ready": pollable_ready,
        "[method]pollable.block": pollable_block,
        "poll": poll,
    },
    "wasi:io/streams": {
        "[method]input-stream.read": input_read,
        "[method]input-stream.blocking-read": input_blocking_read,
        "[method]input-stream.skip": input_skip,
        "[method]input-stream.blocking-skip": input_blocking_skip,
        "[method]input-stream.subscribe": input_subscribe,
        "[method]output-stream.check-write": output_check_write,
        "[method]output-stream.write": output_write,
        "[method]output-stream.blocking-write-and-flush": output_blocking_write_and_flush,
        "[method]output-stream.flush": output_flush,
        "[method]output-stream.blocking-flush": output_blocking_flush,
        "[method]output-stream.subscribe": output_subscribe,
        "[method]output-stream.write-zeroes": output_write_zeroes,
        "[method]output-stream.blocking-write-zeroes-and-flush":
            output_blocking_write_zeroes_and_flush,
        "[method]output-stream.splice": output_splice,
        "[method]output-stream.blocking-splice": output_blocking_splice,
    },
}

USES = {"wasi:io/streams": ("error", "pollable")}
