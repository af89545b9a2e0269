"""v128 loads and stores (a mixin of FunctionTranslator, next to SimdOps).

Every access is bounds-checked by MemoryOps._address like a scalar access of
the same width (16 bytes for v128.load/store, 8 for the load-extend forms,
the lane width for splat / zero / lane forms). Wasm alignment is only a
hint, so every access is ``align 1``; each carries the linear-memory TBAA
tag (memory.py).
"""
from __future__ import annotations

from ..syntax.instructions import OP_BY_NAME
from .memory import TBAA_MEM
from .simd import V, _vty

# name -> (scalar or vector access type, bytes, how the v128 is made)
#   "full": the value itself; ("sext"|"zext", lanes type): extend to the
#   wider lanes; ("splat", lanes): every lane; ("zero", lanes): lane 0, rest 0
_LOADS = {
    "v128.load": (V, 16, None),
    "v128.load8x8_s": ("<8 x i8>", 8, ("sext", "<8 x i16>")),
    "v128.load8x8_u": ("<8 x i8>", 8, ("zext", "<8 x i16>")),
    "v128.load16x4_s": ("<4 x i16>", 8, ("sext", "<4 x i32>")),
    "v128.load16x4_u": ("<4 x i16>", 8, ("zext", "<4 x i32>")),
    "v128.load32x2_s": ("<2 x i32>", 8, ("sext", "<2 x i64>")),
    "v128.load32x2_u": ("<2 x i32>", 8, ("zext", "<2 x i64>")),
    "v128.load8_splat": ("i8", 1, ("splat", 16)),
    "v128.load16_splat": ("i16", 2, ("splat", 8)),
    "v128.load32_splat": ("i32", 4, ("splat", 4)),
    "v128.load64_splat": ("i64", 8, ("splat", 2)),
    "v128.load32_zero": ("i32", 4, ("zero", 4)),
    "v128.load64_zero": ("i64", 8, ("zero", 2)),
}
# lane width in bits -> (lane type, lanes)
_LANE = {8: ("i8", 16), 16: ("i16", 8), 32: ("i32", 4), 64: ("i64", 2)}


class SimdMemoryOps:
    """Methods named ``op_*`` are registered by ``handlers()``."""

    def _simd_load(self, ins, at: str, size: int, make) -> None:
        _, offset, mem = ins.imm
        addr = self.stack.pop()[0]
        r = self.tmp()
        self.fuel_before_access(offset, size, mem)
        p = self._address(r, addr, offset, size, mem)
        x = self._emit(f"load {at}, ptr {p}, align 1{TBAA_MEM}")
        if make is None:
            self.stack.append((x, V))
            return
        kind, arg = make
        if kind in ("sext", "zext"):
            self._push(self._emit(f"{kind} {at} {x} to {arg}"), arg)
        elif kind == "splat":
            self._push(self._splat(x, at, arg), _vty(at, arg))
        else:
            t = _vty(at, arg)
            self._push(self._emit(f"insertelement {t} zeroinitializer, {at} {x}, i32 0"), t)

    def op_v128_store(self, ins) -> None:
        _, offset, mem = ins.imm
        v = self.stack.pop()[0]
        addr = self.stack.pop()[0]
        r = self.tmp()
        self.fuel_before_access(offset, 16, mem)
        p = self._address(r, addr, offset, 16, mem)
        self.out.append(f"store {V} {v}, ptr {p}, align 1{TBAA_MEM}")

    def _load_lane(self, ins, bits: int) -> None:
        e, n = _LANE[bits]
        _, offset, mem, lane = ins.imm
        t = _vty(e, n)
        v = self._pop(t)
        addr = self.stack.pop()[0]
        r = self.tmp()
        self.fuel_before_access(offset, bits // 8, mem)
        p = self._address(r, addr, offset, bits // 8, mem)
        x = self._emit(f"load {e}, ptr {p}, align 1{TBAA_MEM}")
        self._push(self._emit(f"insertelement {t} {v}, {e} {x}, i32 {lane}"), t)

    def _store_lane(self, ins, bits: int) -> None:
        e, n = _LANE[bits]
        _, offset, mem, lane = ins.imm
        t = _vty(e, n)
        v = self._pop(t)
        addr = self.stack.pop()[0]
        r = self.tmp()
        self.fuel_before_access(offset, bits // 8, mem)
        p = self._address(r, addr, offset, bits // 8, mem)
        x = self._emit(f"extractelement {t} {v}, i32 {lane}")
        self.out.append(f"store {e} {x}, ptr {p}, align 1{TBAA_MEM}")

    @classmethod
    def handlers(cls) -> dict:
        h: dict = {}
        for name, (at, size, make) in _LOADS.items():
            h[OP_BY_NAME[name]] = (lambda self, ins, at=at, size=size, make=make:
                                   cls._simd_load(self, ins, at, size, make))
        h[OP_BY_NAME["v128.store"]] = cls.op_v128_store
        for bits in _LANE:
            h[OP_BY_NAME[f"v128.load{bits}_lane"]] = (
                lambda self, ins, bits=bits: cls._load_lane(self, ins, bits))
            h[OP_BY_NAME[f"v128.store{bits}_lane"]] = (
                lambda self, ins, bits=bits: cls._store_lane(self, ins, bits))
        return h
