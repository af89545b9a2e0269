"""Lifting and lowering of component values, one ``Codec`` per value type,
built once (per canonical options) and then called with no dispatch on
types: every closure here was specialized for its type when it was made.

A ``Codec`` has four operations, each the canonical ABI's for its type:

- ``lower(value, out)``: append the flat core values of a Python value to
  the list ``out`` (``lower_flat``);
- ``lift(vals, i)``: the Python value of the flat core values
  ``vals[i:i+nflat]`` (``lift_flat``); core values arrive as wasmlite gives
  them (an i32 as a signed int), so every lifter masks or sign-extends;
- ``store(value, ptr)``: write the value at ``ptr`` of the memory (``store``);
- ``load(mv, ptr)``: read it from the memoryview ``mv`` (``load``).

Callers check a whole range (alignment, bounds) before ``load``/``store``;
every access also goes through the memoryview, which cannot reach past the
memory. Lists of numbers, ``list<u8>``, strings, ``list<bool>`` and
``list<char>`` are copied in bulk (``array``, ``memoryview`` slices, one
codec call), not element by element.

Python values follow wasmtime-py 50 (``component_values.py``): the integers
wrap to their width, floats must be ``float``, a variant is a ``Variant``
unless its cases' Python classes do not overlap, and so on; the wrong
Python type raises TypeError (ValueError for a value no case takes), with
wasmtime-py's messages.
"""
from __future__ import annotations

import struct
import sys
from array import array
from typing import Any, Callable, List, Optional

from ..errors import WasmtimeError
from ..syntax.component_layout import (alignment, discriminant_size, elem_size,
                                       flags_i32_count, flatten_type, record_offsets,
                                       variant_cases, variant_payload_offset)
from ..syntax.component_types import (Bool, BorrowType, Char, EnumType, F32, F64, FlagsType,
                                      ListType, OptionType, OwnType, RecordType, ResultType,
                                      S8, S16, S32, S64, String, TupleType, U8, U16, U32,
                                      U64, ValType, VariantType)
from .abi_strings import string_loader, string_lowerer, string_storer
from .component_resources import (HandleElem, ResourceAny, ResourceHost, defines,
                                  host_table)
from .component_trap import abi_trap
from .component_values import Case, Record, Variant

_M32 = 0xFFFFFFFF
_M64 = 0xFFFFFFFFFFFFFFFF
NAN = float("nan")          # the canonical NaN: 0x7fc00000 as f32, 0x7ff8... as f64
_LITTLE = sys.byteorder == "little"

_U32 = struct.Struct("<I")
_PAIR = struct.Struct("<II")
_F32 = struct.Struct("<f")
_F64 = struct.Struct("<d")
_U64 = struct.Struct("<Q")
_DISC = {1: struct.Struct("<B"), 2: struct.Struct("<H"), 4: struct.Struct("<I")}


class Codec:
    """The canonical ABI operations of one value type (see the module doc).
    ``classes``: the Python classes its values have, for deciding whether a
    variant needs a ``Variant`` tag (wasmtime-py's rule); ``takes_rep``: a
    host-defined resource whose lowering takes any Python object as its rep."""
    __slots__ = ("t", "size", "align", "nflat", "flat", "lower", "lift", "store", "load",
                 "classes", "takes_rep", "lower1")

    def __init__(self, t: ValType, classes: frozenset, lower: Callable, lift: Callable,
                 store: Callable, load: Callable, takes_rep: bool = False,
                 lower1: Optional[Callable] = None) -> None:
        self.t = t
        self.size = elem_size(t)
        self.align = alignment(t)
        self.flat = flatten_type(t)
        self.nflat = len(self.flat)
        self.classes = classes
        self.lower = lower
        self.lift = lift
        self.store = store
        self.load = load
        self.takes_rep = takes_rep
        # for a type of one flat value: ``lower1(value) -> core value``
        self.lower1 = lower1


def type_name(t: ValType) -> str:
    return type(t).__name__


# -- floats and bits ----------------------------------------------------------------

def f32_bits(x: float) -> int:
    try:
        return _U32.unpack(_F32.pack(x))[0]
    except OverflowError:               # out of f32 range: rounds to infinity
        return 0x7F800000 if x > 0 else 0xFF800000


def f64_bits(x: float) -> int:
    return _U64.unpack(_F64.pack(x))[0]


def bits_f32(i: int) -> float:
    x = _F32.unpack(_U32.pack(i & _M32))[0]
    return x if x == x else NAN


def bits_f64(i: int) -> float:
    x = _F64.unpack(_U64.pack(i & _M64))[0]
    return x if x == x else NAN


def _pack_f32(mv: memoryview, ptr: int, x: float) -> None:
    try:
        _F32.pack_into(mv, ptr, x)
    except OverflowError:
        _U32.pack_into(mv, ptr, f32_bits(x))


# -- the builder ---------------------------------------------------------------------

_INTS = {U8: (8, False, "B"), S8: (8, True, "b"), U16: (16, False, "H"),
         S16: (16, True, "h"), U32: (32, False, "I"), S32: (32, True, "i"),
         U64: (64, False, "Q"), S64: (64, True, "q")}


class CodecBuilder:
    """Codecs for one set of canonical options ``cx`` (a CanonOptions),
    memoized per type. ``host_reps``: a host-defined resource crosses as its
    rep itself (the host's own functions, e.g. WASI), not as a ResourceAny.
    ``tag_all``: every variant and result crosses as ``Variant(case, v)``
    (the WASI host's convention: its reps are any objects, so cases cannot
    be told apart by class)."""

    def __init__(self, cx: Any, host_reps: bool, tag_all: bool = False) -> None:
        self.cx = cx
        self.host_reps = host_reps
        self.tag_all = tag_all
        self._memo: dict = {}

    def get(self, t: ValType) -> Codec:
        codec = self._memo.get(t)
        if codec is None:
            codec = self._memo[t] = self._build(t)
        return codec

    def _build(self, t: ValType) -> Codec:
        cls = type(t)
        if cls in _INTS:
            return self._int(t)
        if cls is Bool:
            return self._bool(t)
        if cls is F32 or cls is F64:
            return self._float(t)
        if cls is Char:
            return self._char(t)
        if cls is String:
            return self._string(t)
        if cls is ListType:
            return self._fixed_list(t) if t.length is not None else self._list(t)
        if cls is RecordType:
            return self._record(t)
        if cls is TupleType:
            return self._tuple(t)
        if cls is EnumType:
            return self._enum(t)
        if cls in (VariantType, OptionType, ResultType):
            return self._variant(t)
        if cls is FlagsType:
            return self._flags(t)
        if cls is OwnType:
            return self._own(t)
        if cls is BorrowType:
            return self._borrow(t)
        raise WasmtimeError(f"values of type {t!r} cannot cross the component boundary "
                            "in wasmlite yet")

    def _view(self) -> Any:
        view = self.cx.view
        if view is None:
            raise WasmtimeError("the canonical option `memory` is required to pass "
                                "strings and lists")
        return view

    # -- primitives ------------------------------------------------------------------

    def _int(self, t: ValType) -> Codec:
        bits, signed, fmt = _INTS[type(t)]
        mask = (1 << bits) - 1
        core_mask = _M64 if bits == 64 else _M32
        message = f"expected int for {type_name(t)} type"
        st_u = struct.Struct("<" + fmt.upper())
        st_s = struct.Struct("<" + fmt)
        pack_into, unpack_from = st_u.pack_into, st_s.unpack_from
        view = self.cx.view
        if signed:
            half = 1 << (bits - 1)

            def lower(v, out):
                if not isinstance(v, int):
                    raise TypeError(message)
                out.append((((v & mask) ^ half) - half) & core_mask)

            def lower1(v):
                if not isinstance(v, int):
                    raise TypeError(message)
                return (((v & mask) ^ half) - half) & core_mask

            def lift(vals, i):
                return ((vals[i] & mask) ^ half) - half
        else:
            def lower(v, out):
                if not isinstance(v, int):
                    raise TypeError(message)
                out.append(v & mask)

            def lower1(v):
                if not isinstance(v, int):
                    raise TypeError(message)
                return v & mask

            def lift(vals, i):
                return vals[i] & mask

        def store(v, ptr):
            if not isinstance(v, int):
                raise TypeError(message)
            pack_into(view.mv, ptr, v & mask)

        def load(mv, ptr):
            return unpack_from(mv, ptr)[0]
        return Codec(t, frozenset((int,)), lower, lift, store, load, lower1=lower1)

    def _bool(self, t: ValType) -> Codec:
        view = self.cx.view
        message = "expected bool for Bool type"

        def lower(v, out):
            if v is True:
                out.append(1)
            elif v is False:
                out.append(0)
            else:
                raise TypeError(message)

        def lower1(v):
            if v is True:
                return 1
            if v is False:
                return 0
            raise TypeError(message)

        def lift(vals, i):
            return vals[i] != 0

        def store(v, ptr):
            if v is not True and v is not False:
                raise TypeError(message)
            view.mv[ptr] = 1 if v else 0

        def load(mv, ptr):
            return mv[ptr] != 0
        return Codec(t, frozenset((bool,)), lower, lift, store, load, lower1=lower1)

    def _float(self, t: ValType) -> Codec:
        view = self.cx.view
        is32 = type(t) is F32
        message = f"expected float for {type_name(t)} type"

        def lower(v, out):
            if not isinstance(v, float):
                raise TypeError(message)
            out.append(v if v == v else NAN)

        def lower1(v):
            if not isinstance(v, float):
                raise TypeError(message)
            return v if v == v else NAN

        def lift(vals, i):
            x = vals[i]
            return x if x == x else NAN

        if is32:
            def store(v, ptr):
                if not isinstance(v, float):
                    raise TypeError(message)
                _pack_f32(view.mv, ptr, v if v == v else NAN)
            unpack = _F32.unpack_from
        else:
            def store(v, ptr):
                if not isinstance(v, float):
                    raise TypeError(message)
                _F64.pack_into(view.mv, ptr, v if v == v else NAN)
            unpack = _F64.unpack_from

        def load(mv, ptr):
            x = unpack(mv, ptr)[0]
            return x if x == x else NAN
        return Codec(t, frozenset((float,)), lower, lift, store, load, lower1=lower1)

    def _char(self, t: ValType) -> Codec:
        view = self.cx.view

        def lower(v, out):
            out.append(char_code(v))

        def lift(vals, i):
            return code_char(vals[i] & _M32)

        def store(v, ptr):
            _U32.pack_into(view.mv, ptr, char_code(v))

        def load(mv, ptr):
            return code_char(_U32.unpack_from(mv, ptr)[0])
        return Codec(t, frozenset((str,)), lower, lift, store, load, lower1=char_code)

    def _string(self, t: ValType) -> Codec:
        self._view()                # (memory is required: said before anything else)
        enc = self.cx.string_encoding
        load_range = string_loader(enc)
        store_range = string_storer(enc, self.cx)
        return self._pointer_pair(t, frozenset((str,)), string_lowerer(enc, self.cx),
                                  load_range, store_range)

    # -- lists -----------------------------------------------------------------------

    def _list(self, t: ListType) -> Codec:
        load_range, store_range, classes = self._list_ranges(t)

        def lower(v, out):
            ptr, n = store_range(v)
            out.append(ptr)
            out.append(n)
        return self._pointer_pair(t, classes, lower, load_range, store_range)

    def _pointer_pair(self, t: ValType, classes: frozenset, lower: Callable,
                      load_range: Callable, store_range: Callable) -> Codec:
        """The codec of a string or list: flat, a (pointer, length) pair;
        in memory, the same pair pointing at its contents.
        ``load_range(mv, ptr, n)`` reads the contents, ``store_range(v)``
        writes them (allocating) and gives their (ptr, n)."""
        view = self._view()

        def lift(vals, i):
            return load_range(view.mv, vals[i] & _M32, vals[i + 1] & _M32)

        def store(v, ptr):
            p, n = store_range(v)
            _PAIR.pack_into(view.mv, ptr, p, n)

        def load(mv, ptr):
            p, n = _PAIR.unpack_from(mv, ptr)
            return load_range(mv, p, n)
        return Codec(t, classes, lower, lift, store, load)

    def _list_ranges(self, t: ListType):
        """``load_range(mv, ptr, n)``, ``store_range(v) -> (ptr, n)`` and the
        Python classes of ``list<element>`` values."""
        e = self.get(t.element)
        es, ea = e.size, e.align
        cx = self.cx
        view = cx.view
        ecls = type(t.element)

        def check(mv, ptr, n):
            if ptr & (ea - 1):
                raise abi_trap("list pointer is not aligned")
            if ptr + n * es > len(mv):
                raise abi_trap("list pointer/length out of bounds of memory")

        def alloc(n):
            nbytes = n * es
            if nbytes >= 1 << 32:
                raise abi_trap("list length too large")
            return cx.realloc(0, 0, ea, nbytes)

        if ecls is U8:
            def load_range(mv, ptr, n):
                if ptr + n > len(mv):
                    raise abi_trap("list pointer/length out of bounds of memory")
                return mv[ptr:ptr + n].tobytes()

            def store_range(v):
                if type(v) is not bytes and not isinstance(v, (bytes, bytearray)):
                    raise TypeError("expected bytes value")
                n = len(v)
                ptr = alloc(n)
                view.mv[ptr:ptr + n] = v
                return ptr, n
            return load_range, store_range, frozenset((bytes,))

        if ecls in _INTS or ecls is F32 or ecls is F64:
            return self._number_list_ranges(t, e, check, alloc)

        if ecls is Bool:
            def load_range(mv, ptr, n):
                check(mv, ptr, n)
                return list(map(bool, mv[ptr:ptr + n]))

            def store_range(v):
                if type(v) is not list:
                    raise TypeError("expected list value")
                if set(map(type, v)) - {bool}:
                    raise TypeError("expected bool for Bool type")
                data = bytes(v)
                n = len(data)
                ptr = alloc(n)
                view.mv[ptr:ptr + n] = data
                return ptr, n
            return load_range, store_range, frozenset((list,))

        if ecls is Char:
            def load_range(mv, ptr, n):
                check(mv, ptr, n)
                try:
                    return list(str(mv[ptr:ptr + 4 * n], "utf-32-le"))
                except UnicodeDecodeError:
                    raise abi_trap("converted integer out of range for `char`") from None

            def store_range(v):
                if type(v) is not list:
                    raise TypeError("expected list value")
                if set(map(type, v)) - {str} or set(map(len, v)) - {1}:
                    for x in v:
                        char_code(x)
                try:
                    data = "".join(v).encode("utf-32-le")
                except UnicodeEncodeError:
                    for x in v:
                        char_code(x)
                    raise
                n = len(v)
                ptr = alloc(n)
                view.mv[ptr:ptr + 4 * n] = data
                return ptr, n
            return load_range, store_range, frozenset((list,))

        eload, estore = e.load, e.store

        def load_range(mv, ptr, n):
            check(mv, ptr, n)
            return [eload(mv, p) for p in range(ptr, ptr + n * es, es)]

        def store_range(v):
            if type(v) is not list:
                raise TypeError("expected list value")
            n = len(v)
            ptr = alloc(n)
            p = ptr
            for x in v:
                estore(x, p)
                p += es
            return ptr, n
        return load_range, store_range, frozenset((list,))

    def _number_list_ranges(self, t: ListType, e: Codec, check: Callable, alloc: Callable):
        """``list<number>``: one ``struct`` call for up to 64 elements (a
        cached ``Struct`` per length), one ``array`` copy for more."""
        view = self.cx.view
        es = e.size
        ecls = type(t.element)
        is_float = ecls is F32 or ecls is F64
        if is_float:
            fmt = "f" if ecls is F32 else "d"
            ufmt = fmt
            message = f"expected float for {type_name(t.element)} type"
        else:
            bits, signed, fmt = _INTS[ecls]
            ufmt = fmt.upper()
            mask = (1 << bits) - 1
            message = f"expected int for {type_name(t.element)} type"
        structs: dict = {}              # n -> Struct("<n" + fmt), n <= SMALL
        SMALL = 64
        bulk = _LITTLE                  # array's native order is the ABI's

        def struct_for(n):
            st = structs.get(n)
            if st is None:
                st = structs[n] = struct.Struct(f"<{n}{fmt}")
            return st

        def load_range(mv, ptr, n):
            check(mv, ptr, n)
            if n <= SMALL or not bulk:
                xs = list(struct_for(n).unpack_from(mv, ptr)) if n <= SMALL else \
                    [e.load(mv, p) for p in range(ptr, ptr + n * es, es)]
            else:
                xs = mv[ptr:ptr + n * es].cast(fmt).tolist()
            if is_float:
                total = sum(xs)
                if total != total:      # a NaN (or inf - inf): canonicalize the NaNs
                    xs = [x if x == x else NAN for x in xs]
            return xs

        def slow_bytes(v):
            # wrong types raise wasmtime-py's TypeError; ints wrap to the width
            if is_float:
                for x in v:
                    if not isinstance(x, float):
                        raise TypeError(message)
                return array(fmt, v).tobytes() if _LITTLE else \
                    b"".join(_F32.pack(x) if fmt == "f" else _F64.pack(x) for x in v)
            masked = [_int_of(x, message) & mask for x in v]
            return struct.pack(f"<{len(v)}{ufmt}", *masked)

        def store_range(v):
            if type(v) is not list:
                raise TypeError("expected list value")
            n = len(v)
            if is_float:
                for x in v:
                    if type(x) is not float and not isinstance(x, float):
                        raise TypeError(message)
                total = sum(v)
                if total != total:
                    v = [x if x == x else NAN for x in v]
            ptr = alloc(n)
            try:
                if n <= SMALL:
                    struct_for(n).pack_into(view.mv, ptr, *v)
                    return ptr, n
                data = array(fmt, v).tobytes() if bulk else slow_bytes(v)
            except (struct.error, OverflowError, TypeError):
                data = slow_bytes(v)        # ints to wrap, f32s to round to infinity
            view.mv[ptr:ptr + n * es] = data
            return ptr, n
        return load_range, store_range, frozenset((list,))

    def _fixed_list(self, t: ListType) -> Codec:
        """``list<T, N>``: N elements inline (flat: N times T's flat values)."""
        e = self.get(t.element)
        n = t.length
        es, ef = e.size, e.nflat
        elower, elift, estore, eload = e.lower, e.lift, e.store, e.load

        def check(v):
            if type(v) is not list and not isinstance(v, (list, tuple)):
                raise TypeError("expected list value")
            if len(v) != n:
                raise ValueError(f"expected a list of {n} elements, got {len(v)}")

        def lower(v, out):
            check(v)
            for x in v:
                elower(x, out)

        def lift(vals, i):
            return [elift(vals, i + k * ef) for k in range(n)]

        def store(v, ptr):
            check(v)
            for k, x in enumerate(v):
                estore(x, ptr + k * es)

        def load(mv, ptr):
            return [eload(mv, ptr + k * es) for k in range(n)]
        return Codec(t, frozenset((list,)), lower, lift, store, load)

    # -- records and tuples --------------------------------------------------------

    def _record(self, t: RecordType) -> Codec:
        names = [name for name, _ in t.fields]
        py_names = [name.replace("-", "_") for name in names]
        codecs = [self.get(ft) for _, ft in t.fields]
        mem_offsets = record_offsets(t)[:-1]
        flat_offsets = _flat_offsets(codecs)
        lowers = [(py, wit, c.lower) for py, wit, c in zip(py_names, names, codecs)]
        # Lifted records hold their fields under the WIT names, as wasmtime-py's
        # do (`getattr(r, "mean-length")`); Record also answers `r.mean_length`.
        lifts = [(wit, c.lift, off) for wit, c, off in zip(names, codecs, flat_offsets)]
        stores = [(py, wit, c.store, off) for py, wit, c, off
                  in zip(py_names, names, codecs, mem_offsets)]
        loads = [(wit, c.load, off) for wit, c, off in zip(names, codecs, mem_offsets)]
        new = Record.__new__

        def lower(v, out):
            for py, wit, lower_field in lowers:
                lower_field(_field(v, py, wit), out)

        def lift(vals, i):
            r = new(Record)
            d = r.__dict__
            for py, lift_field, off in lifts:
                d[py] = lift_field(vals, i + off)
            return r

        def store(v, ptr):
            for py, wit, store_field, off in stores:
                store_field(_field(v, py, wit), ptr + off)

        def load(mv, ptr):
            r = new(Record)
            d = r.__dict__
            for py, load_field, off in loads:
                d[py] = load_field(mv, ptr + off)
            return r
        return Codec(t, frozenset((Record,)), lower, lift, store, load)

    def _tuple(self, t: TupleType) -> Codec:
        codecs = [self.get(et) for et in t.elements]
        n = len(codecs)
        mem_offsets = record_offsets(t)[:-1]
        flat_offsets = _flat_offsets(codecs)
        lowers = [c.lower for c in codecs]
        lifts = [(c.lift, off) for c, off in zip(codecs, flat_offsets)]
        stores = [(c.store, off) for c, off in zip(codecs, mem_offsets)]
        loads = [(c.load, off) for c, off in zip(codecs, mem_offsets)]

        def check(v):
            if not isinstance(v, tuple):
                raise TypeError("expected tuple type")
            if len(v) != n:
                raise TypeError("tuple length mismatch")

        def lower(v, out):
            check(v)
            for lower_element, x in zip(lowers, v):
                lower_element(x, out)

        def lift(vals, i):
            return tuple([lift_element(vals, i + off) for lift_element, off in lifts])

        def store(v, ptr):
            check(v)
            for (store_element, off), x in zip(stores, v):
                store_element(x, ptr + off)

        def load(mv, ptr):
            return tuple([load_element(mv, ptr + off) for load_element, off in loads])
        return Codec(t, frozenset((tuple,)), lower, lift, store, load)

    # -- variants --------------------------------------------------------------------

    def _enum(self, t: EnumType) -> Codec:
        names = t.names
        index = {name: i for i, name in enumerate(names)}
        ncases = len(names)
        disc = _DISC[discriminant_size(ncases)]
        view = self.cx.view

        def case_of(v):
            if not isinstance(v, str):
                raise TypeError("expected str type")
            i = index.get(v)
            if i is None:
                raise WasmtimeError(f"enum variant name `{v}` is not valid")
            return i

        def lower(v, out):
            out.append(case_of(v))

        def lift(vals, i):
            k = vals[i] & _M32
            if k >= ncases:
                raise _bad_discriminant(k, ncases)
            return names[k]

        def store(v, ptr):
            disc.pack_into(view.mv, ptr, case_of(v))

        def load(mv, ptr):
            k = disc.unpack_from(mv, ptr)[0]
            if k >= ncases:
                raise _bad_discriminant(k, ncases)
            return names[k]
        return Codec(t, frozenset((str,)), lower, lift, store, load, lower1=case_of)

    def _variant(self, t: ValType) -> Codec:
        payload_types = variant_cases(t)
        labels = _variant_labels(t)
        ncases = len(labels)
        codecs = [None if p is None else self.get(p) for p in payload_types]
        tagged = _tagged(codecs) or (self.tag_all and type(t) is not OptionType)
        disc = _DISC[discriminant_size(ncases)]
        payload_off = variant_payload_offset(t)
        joined = flatten_type(t)[1:]
        view = self.cx.view

        # per case: conversions of its flat values to/from the joined types,
        # and the zeros that pad it to the variant's flat length
        lower_convs: List[list] = []
        lift_convs: List[list] = []
        pads: List[list] = []
        for c in codecs:
            have = c.flat if c is not None else []
            lower_convs.append([(k, _LOWER_COERCE[(h, joined[k])])
                                for k, h in enumerate(have) if h != joined[k]])
            lift_convs.append([(k, _LIFT_COERCE[(joined[k], h)])
                               for k, h in enumerate(have) if h != joined[k]])
            pads.append([0.0 if j in ("f32", "f64") else 0 for j in joined[len(have):]])

        match = _case_matcher(tagged, labels, codecs)
        if tagged:
            def wrap(k, payload):
                return Variant(labels[k], payload)
        else:
            def wrap(k, payload):
                return payload
        lifts = [None if c is None else c.lift for c in codecs]
        lowers = [None if c is None else c.lower for c in codecs]
        stores = [None if c is None else c.store for c in codecs]
        loads = [None if c is None else c.load for c in codecs]
        nflats = [0 if c is None else c.nflat for c in codecs]

        def lower(v, out):
            k, payload = match(v)
            out.append(k)
            lower_payload = lowers[k]
            if lower_payload is not None:
                start = len(out)
                lower_payload(payload, out)
                for j, conv in lower_convs[k]:
                    out[start + j] = conv(out[start + j])
            out.extend(pads[k])

        def lift(vals, i):
            k = vals[i] & _M32
            if k >= ncases:
                raise _bad_discriminant(k, ncases)
            lift_payload = lifts[k]
            if lift_payload is None:
                return wrap(k, None)
            convs = lift_convs[k]
            if not convs:
                return wrap(k, lift_payload(vals, i + 1))
            tmp = list(vals[i + 1:i + 1 + nflats[k]])
            for j, conv in convs:
                tmp[j] = conv(tmp[j])
            return wrap(k, lift_payload(tmp, 0))

        def store(v, ptr):
            k, payload = match(v)
            disc.pack_into(view.mv, ptr, k)
            store_payload = stores[k]
            if store_payload is not None:
                store_payload(payload, ptr + payload_off)

        def load(mv, ptr):
            k = disc.unpack_from(mv, ptr)[0]
            if k >= ncases:
                raise _bad_discriminant(k, ncases)
            load_payload = loads[k]
            if load_payload is None:
                return wrap(k, None)
            return wrap(k, load_payload(mv, ptr + payload_off))

        if tagged:
            classes = frozenset((Variant,))
        else:
            classes = frozenset().union(*[(object,) if c is None else c.classes
                                          for c in codecs])
        return Codec(t, classes, lower, lift, store, load)

    # -- flags -----------------------------------------------------------------------

    def _flags(self, t: FlagsType) -> Codec:
        names = t.names
        nflags = len(names)
        bit = {name: 1 << k for k, name in enumerate(names)}
        nwords = flags_i32_count(nflags)
        size = elem_size(t)
        view = self.cx.view
        if size in _DISC:
            st = _DISC[size]
        else:
            st = struct.Struct(f"<{nwords}I")

        def pack(v):
            if not isinstance(v, (set, frozenset)):
                raise TypeError("expected set type for Flags type")
            bits = 0
            for name in v:
                if not isinstance(name, str):
                    raise TypeError("expected set of strings for Flags type")
                b = bit.get(name)
                if b is None:
                    raise WasmtimeError(f"unknown flag: `{name}`")
                bits |= b
            return bits

        def unpack(bits):
            return {name for k, name in enumerate(names) if bits >> k & 1}

        if nwords == 1:
            def lower(v, out):
                out.append(pack(v))

            def lift(vals, i):
                return unpack(vals[i] & _M32)
        else:
            def lower(v, out):
                bits = pack(v)
                for _ in range(nwords):
                    out.append(bits & _M32)
                    bits >>= 32

            def lift(vals, i):
                bits = 0
                for k in range(nwords):
                    bits |= (vals[i + k] & _M32) << (32 * k)
                return unpack(bits)

        if size == 0:
            def store(v, ptr):
                pack(v)

            def load(mv, ptr):
                return set()
        elif nwords == 1:
            def store(v, ptr):
                st.pack_into(view.mv, ptr, pack(v))

            def load(mv, ptr):
                return unpack(st.unpack_from(mv, ptr)[0])
        else:
            def store(v, ptr):
                bits = pack(v)
                st.pack_into(view.mv, ptr, *[(bits >> (32 * k)) & _M32 for k in range(nwords)])

            def load(mv, ptr):
                bits = 0
                for k, w in enumerate(st.unpack_from(mv, ptr)):
                    bits |= w << (32 * k)
                return unpack(bits)
        return Codec(t, frozenset((set,)), lower, lift, store, load)

    # -- resources -------------------------------------------------------------------

    def _own(self, t: OwnType) -> Codec:
        rt = t.ty
        cx = self.cx
        state = cx.instance_state
        takes_rep = self.host_reps and rt.instance is None
        hosts = _HostTableOf(cx)

        def taken(v):
            # the host's handle moves into the guest: consumed here
            table, index = v._table, v._index
            h = table.get(index)
            if not h.own:
                raise abi_trap("cannot lower a `borrow` resource into an `own`")
            table.remove(index)
            v._moved = True

            def undo():
                table.put_back(index, h)
                v._moved = False
            cx.scope.undo.append(undo)
            return h.rep

        def owned(v):
            if not v._owned:
                raise abi_trap("cannot lower a `borrow` resource into an `own`")
            return v._rep
        rep_of = _rep_reader(rt, takes_rep, "Own", taken, owned)

        def lower(v, out):
            rep = rep_of(v)
            table = state.table(rt)
            i = table.add(HandleElem(rep, True))
            cx.scope.undo.append(lambda: table.remove(i))
            out.append(i)

        def lift(vals, i):
            index = vals[i] & _M32
            table = state.table(rt)
            h = table.get(index)
            if not h.own:
                raise abi_trap("cannot lift own resource from a borrow")
            if h.lend_count:
                raise abi_trap("cannot remove owned resource while borrowed")
            table.remove(index)
            if takes_rep:
                return h.rep
            ht = hosts()
            return ResourceAny._new(rt, ht, ht.add(HandleElem(h.rep, True)), True,
                                    state.host_dtors.get(rt))
        return self._handle_codec(t, lower, lift, takes_rep)

    def _borrow(self, t: BorrowType) -> Codec:
        rt = t.ty
        cx = self.cx
        state = cx.instance_state
        takes_rep = self.host_reps and rt.instance is None
        hosts = _HostTableOf(cx)

        rep_of = _rep_reader(rt, takes_rep, "Borrow",
                             lambda v: v._table.get(v._index).rep, lambda v: v._rep)

        def lower(v, out):
            rep = rep_of(v)
            if defines(state, rt):
                # the callee defines the type: it sees the rep itself
                out.append(rep & _M32)
                return
            scope = cx.scope
            table = state.table(rt)
            i = table.add(HandleElem(rep, False, scope))
            scope.borrow_count += 1

            def undo():
                table.remove(i)
                scope.borrow_count -= 1
            scope.undo.append(undo)
            out.append(i)

        def lift(vals, i):
            h = state.table(rt).get(vals[i] & _M32)
            scope = cx.scope
            if h.own:
                h.lend_count += 1
                scope.lenders.append(h)
            if takes_rep:
                return h.rep
            ht = hosts()
            elem = HandleElem(h.rep, False)
            j = ht.add(elem)
            scope.host_borrows.append((ht, j, elem))
            return ResourceAny._new(rt, ht, j, False)
        return self._handle_codec(t, lower, lift, takes_rep)

    def _handle_codec(self, t: ValType, lower: Callable, lift: Callable,
                      takes_rep: bool) -> Codec:
        view = self.cx.view

        def store(v, ptr):
            out: list = []
            lower(v, out)
            _U32.pack_into(view.mv, ptr, out[0])

        def load(mv, ptr):
            return lift((_U32.unpack_from(mv, ptr)[0],), 0)
        return Codec(t, frozenset((ResourceAny, ResourceHost)), lower, lift, store, load,
                     takes_rep=takes_rep)


# -- helpers ---------------------------------------------------------------------------

def _rep_reader(rt: Any, takes_rep: bool, word: str, from_any: Callable,
                from_host: Callable) -> Callable:
    """``rep_of(v)`` for a handle of resource type ``rt`` given by the host:
    a ResourceAny (not closed) or ResourceHost of that type, whose rep
    ``from_any`` / ``from_host`` take (an ``own`` consumes the handle, a
    ``borrow`` reads it); a bare rep where ``takes_rep``; else TypeError in
    wasmtime-py's words (``word``: ``Own`` or ``Borrow``)."""
    wrong_kind = f"expected ResourceAny or ResourceHost for {word} type"

    def rep_of(v):
        if type(v) is ResourceAny:
            if v._moved:
                raise ValueError("already closed")
            if v._ty is not rt:
                raise WasmtimeError("mismatched resource types")
            return from_any(v)
        if type(v) is ResourceHost:
            if v.resource_type() is not rt:
                raise WasmtimeError("mismatched resource types")
            return from_host(v)
        if takes_rep:
            return v
        raise TypeError(wrong_kind)
    return rep_of


class _HostTableOf:
    """The store's host handle table, looked up once."""
    __slots__ = ("cx", "table")

    def __init__(self, cx: Any) -> None:
        self.cx = cx
        self.table = None

    def __call__(self):
        table = self.table
        if table is None:
            table = self.table = host_table(self.cx.store)
        return table


def _int_of(x: Any, message: str) -> int:
    if not isinstance(x, int):
        raise TypeError(message)
    return x


def char_code(v: Any) -> int:
    """The scalar value of a 1-character str (TypeError, as wasmtime-py;
    ValueError for a surrogate, which no ``char`` holds)."""
    if not isinstance(v, str) or len(v) != 1:
        raise TypeError("expected single-character string for Char type")
    c = ord(v)
    if 0xD800 <= c <= 0xDFFF:
        raise ValueError(f"{v!r} is a surrogate code point, not a valid char")
    return c


def code_char(c: int) -> str:
    if c >= 0x110000 or 0xD800 <= c <= 0xDFFF:
        raise abi_trap("converted integer out of range for `char`")
    return chr(c)


def _field(v: Any, py: str, wit: str) -> Any:
    """Field ``py`` of a record value (``wit``, its WIT name, as wasmtime-py
    spells attributes, when it has no such attribute)."""
    try:
        return getattr(v, py)
    except AttributeError as e:
        if py == wit:
            raise
        missing = e
    try:
        return getattr(v, wit)
    except AttributeError:
        raise missing from None


def _flat_offsets(codecs: list) -> list:
    offsets, k = [], 0
    for c in codecs:
        offsets.append(k)
        k += c.nflat
    return offsets


def _bad_discriminant(k: int, n: int) -> Exception:
    return abi_trap(f"discriminant {k} out of range [0..{n})")


def _variant_labels(t: ValType) -> tuple:
    cls = type(t)
    if cls is VariantType:
        return tuple(label for label, _ in t.cases)
    if cls is OptionType:
        return ("none", "some")
    return ("ok", "err")


def _tagged(codecs: list) -> bool:
    """wasmtime-py's rule: a variant's values carry a ``Variant`` tag when
    two cases' Python classes overlap (a case without payload counts as
    ``object``)."""
    seen: set = set()
    for c in codecs:
        case = {object} if c is None else set(c.classes)
        if case & seen:
            return True
        seen |= case
    return False


def _case_matcher(tagged: bool, labels: tuple, codecs: list) -> Callable:
    """``match(value) -> (case index, payload)`` for a variant's Python value."""
    if tagged:
        index = {label: k for k, label in enumerate(labels)}

        def match_tagged(v):
            if not isinstance(v, Variant):
                raise TypeError("expected Variant type")
            k = index.get(v.tag)
            if k is None:
                raise ValueError("value not valid for this variant")
            return k, v.payload
        return match_tagged

    tests = [(k, None if c is None else tuple(c.classes)) for k, c in enumerate(codecs)]
    # a host resource case takes what no other case takes (its rep may be
    # any Python object)
    rep_case = next((k for k, c in enumerate(codecs) if c is not None and c.takes_rep), None)
    index = {label: k for k, label in enumerate(labels)}

    def match_untagged(v):
        if type(v) is Case:                 # named outright: no guessing by class
            k = index.get(v.tag)
            if k is None:
                raise ValueError("value not valid for this variant")
            return k, v.payload
        for k, classes in tests:
            if classes is None:
                if v is None:
                    return k, None
            elif isinstance(v, classes):
                return k, v
        if rep_case is not None:
            return rep_case, v
        raise ValueError("value not valid for this variant")
    return match_untagged


_LOWER_COERCE = {("f32", "i32"): f32_bits, ("i32", "i64"): lambda x: x,
                 ("f32", "i64"): f32_bits, ("f64", "i64"): f64_bits}
_LIFT_COERCE = {("i32", "f32"): bits_f32, ("i64", "i32"): lambda x: x & _M32,
                ("i64", "f32"): bits_f32, ("i64", "f64"): bits_f64}
