"""Type checking of one function body straight from the binary.

``check_function_bytes`` is ``func.check_function`` for a body that the
decoder left in the binary (``binary.decode.LazyFunc``): the same algorithm,
the same control frames and the same FuncResult, but it reads each
instruction's opcode and immediates from the bytes instead of an Instr list,
so a big module is validated without ever building its millions of Instr
objects (CPython for WASI: 2.2 million).

It only *accepts*. The decoder's scan has already checked that the body is
well formed (so immediates are read without the malformed-input checks), and
whenever this checker finds something wrong, or meets anything it does not
handle inline, it gives up (returns None) and the caller runs
``check_function`` on the decoded body: that one words every error, so the
messages cannot drift apart. What this checker must never do is accept a
body that ``check_function`` rejects, or describe it differently;
tests/test_validate_bytes.py compares the two on every function of the
spec suite, the fuzzers' modules and the big real modules.

Inline: local.get/set/tee, global.get/set, every one-byte instruction with a
fixed signature (numeric, loads and stores, constants, memory.size/grow),
call, br, br_if, block/loop/if/else/end. The rest (br_table, call_indirect,
select, drop, references, tables, exception handling, every prefixed
instruction) is decoded to one Instr and checked by the same code as in
``check_function`` (for try_table / try / catch / catch_all / delegate:
``func.exn_block``).
"""
from __future__ import annotations

from typing import Optional

from ..binary.instr_decode import (K_F32, K_F64, K_I32, K_I64, K_MEMARG,
                                   K_NONE, K_ZERO, ONE_BYTE, ExprState,
                                   decode_instr)
from ..binary.leb128 import read_signed, read_unsigned
from ..errors import InvalidError, MalformedError
from ..syntax.instructions import OP_BY_NAME
from ..syntax.types import I32, VALTYPE_BY_CODE, FuncType, ValType
from .func import (_EXN_BLOCKS, F_HEIGHT, F_KIND, F_LABEL, F_PARAMS, F_RESULTS, F_START,
                   F_UNREACH, GENERIC, HANDLERS, FuncResult, _Checker,
                   _Ctx, _pop_ctrl, block_signature, exn_block)

__all__ = ["check_function_bytes"]

# Shapes of one-byte instructions with a fixed signature, by opcode byte,
# each with the types it needs (_INFO). Shape 0: not one of these.
_LOAD = 1        # memarg, [i32] -> [r]; info: (natural alignment, r)
_CONST = 2       # [] -> [r], a LEB128 immediate; info: r
_STORE = 3       # memarg, [i32 t] -> []; info: (natural alignment, t, params)
_BINARY = 4      # [p p] -> [r]; info: (p, r, params)
_UNARY = 5       # [p] -> [r]; info: (p, r, params)
_OTHER = 6       # anything else GENERIC types (nop, memory.size/grow):
                 # info: (params, n, results, kind)
_CONST_FIXED = 16  # [] -> [r], 4 or 8 immediate bytes; info: (r, bytes)
_SHAPE: list[int] = [0] * 256
_INFO: list = [None] * 256
for _b, (_op, _kind) in enumerate(ONE_BYTE):
    _g = GENERIC.get(_op) if _op is not None else None
    if _g is None:
        continue
    _p, _r = _g[0], _g[2]
    if _kind == K_MEMARG and len(_p) == 1 and len(_r) == 1 and _p[0] is I32:
        _SHAPE[_b], _INFO[_b] = _LOAD, (_op.natural_align, _r[0])
    elif _kind == K_MEMARG and len(_p) == 2 and not _r and _p[0] is I32:
        _SHAPE[_b], _INFO[_b] = _STORE, (_op.natural_align, _p[1], _p)
    elif _kind in (K_I32, K_I64) and not _p and len(_r) == 1:
        _SHAPE[_b], _INFO[_b] = _CONST, _r[0]
    elif _kind in (K_F32, K_F64) and not _p and len(_r) == 1:
        _SHAPE[_b], _INFO[_b] = _CONST_FIXED, (_r[0], 4 if _kind == K_F32 else 8)
    elif _kind == K_NONE and len(_p) == 2 and _p[0] is _p[1] and len(_r) == 1:
        _SHAPE[_b], _INFO[_b] = _BINARY, (_p[0], _r[0], _p)
    elif _kind == K_NONE and len(_p) == 1 and len(_r) == 1:
        _SHAPE[_b], _INFO[_b] = _UNARY, (_p[0], _r[0], _p)
    elif _kind in (K_NONE, K_ZERO):
        _SHAPE[_b], _INFO[_b] = _OTHER, (_p, len(_p), _r, _kind)
    # (no other one-byte instruction has a fixed signature: the assert below
    # keeps it so)
assert all(_SHAPE[_b] or GENERIC.get(_op) is None
           for _b, (_op, _k) in enumerate(ONE_BYTE) if _op is not None)

# the instructions read inline that have no fixed signature
for _name, _k in [("local.get", 7), ("end", 8), ("call", 9), ("local.set", 10),
                  ("local.tee", 17), ("block", 12), ("loop", 12), ("if", 12),
                  ("br", 13), ("br_if", 11), ("global.get", 14), ("global.set", 14),
                  ("else", 15)]:
    _op = OP_BY_NAME[_name]
    assert _op.prefix is None and not _SHAPE[_op.code]
    _SHAPE[_op.code] = _k
_SHAPE_NO_MEMORY = [0 if _INFO[_b] is not None and _SHAPE[_b] in (_LOAD, _STORE)
                    or (_SHAPE[_b] == _OTHER and _INFO[_b][3] == K_ZERO) else _SHAPE[_b]
                    for _b in range(256)]
_KIND_NAMES = {0x02: "block", 0x03: "loop", 0x04: "if"}
# what decode_instr records about data indices (the decoder already has)
_STATE = ExprState()
_GIVE_UP = (InvalidError, MalformedError, IndexError, KeyError, TypeError,
            ValueError, AttributeError)


def _skip_leb(data: bytes, pos: int) -> int:
    while data[pos] & 0x80:
        pos += 1
    return pos + 1


def check_function_bytes(ctx: _Ctx, ft: FuncType, locals_: list[ValType],
                         data: bytes, pos: int) -> Optional[FuncResult]:
    """Type-check the body that starts at ``data[pos]`` (one that the decoder's
    scan accepted); return what ``check_function`` would, or None when the
    body is invalid or needs ``check_function`` for another reason.

    Indexing past a local, global or function index space raises IndexError
    (indices are never negative), which gives up like any other error."""
    if not all(t.nullable for t in locals_):
        return None     # locals that must be set before use: check_function tracks them
    if ctx.mem64 is not None or ctx.table64 is not None:
        return None             # 64-bit addresses: check_function types them
    res = FuncResult()
    c = _Checker(ctx, locals_, res)
    stack = c.stack
    ctrls = c.ctrls
    results = list(ft.results)
    ctrls.append(["func", [], results, 0, False, -1, results])
    call_sigs = ctx.call_sigs
    globals_ = ctx.globals
    bt_cache = ctx.bt_cache
    # without a memory every load and store is invalid: the general path at
    # the end gives up on them
    shape = _SHAPE if ctx.mems else _SHAPE_NO_MEMORY
    info = _INFO
    i32 = I32
    block_types = res.block_types
    ends = res.ends
    max_stack = 0
    max_depth = 1
    height = 0            # stack height of the innermost frame
    i = -1
    try:
        while True:
            b = data[pos]
            pos += 1
            i += 1
            k = shape[b]
            if k == 7:                                  # local.get
                x = data[pos]
                if x < 0x80:
                    pos += 1
                elif data[pos + 1] < 0x80:          # two bytes: indices past 127
                    x = (x & 0x7F) | data[pos + 1] << 7
                    pos += 2
                else:
                    x, pos = read_unsigned(data, pos, 32)
                stack.append(locals_[x])
                if len(stack) > max_stack:
                    max_stack = len(stack)
            elif k == 1:                                # _LOAD
                align = data[pos]
                if align < 0x80:
                    pos += 1
                    while data[pos] & 0x80:      # the offset's LEB128 bytes
                        pos += 1
                    pos += 1
                else:
                    align, pos = read_unsigned(data, pos, 32)
                    pos = _skip_leb(data, pos)
                e = info[b]
                if align > e[0]:
                    return None
                if len(stack) > height and stack[-1] is i32:
                    stack[-1] = e[1]
                else:
                    c.pop(i32)
                    stack.append(e[1])
                    if len(stack) > max_stack:
                        max_stack = len(stack)
            elif k == 2:                                # _CONST
                while data[pos] & 0x80:
                    pos += 1
                pos += 1
                stack.append(info[b])
                if len(stack) > max_stack:
                    max_stack = len(stack)
            elif k == 4:                                # _BINARY
                e = info[b]
                t = e[0]
                if len(stack) - 2 >= height and stack[-1] is t and stack[-2] is t:
                    stack.pop()
                    stack[-1] = e[1]
                else:
                    c.pop_vals(e[2])
                    stack.append(e[1])
                    if len(stack) > max_stack:
                        max_stack = len(stack)
            elif k == 3:                                # _STORE
                align = data[pos]
                if align < 0x80:
                    pos += 1
                    while data[pos] & 0x80:      # the offset's LEB128 bytes
                        pos += 1
                    pos += 1
                else:
                    align, pos = read_unsigned(data, pos, 32)
                    pos = _skip_leb(data, pos)
                e = info[b]
                if align > e[0]:
                    return None
                if len(stack) - 2 >= height and stack[-1] is e[1] and stack[-2] is i32:
                    del stack[-2:]
                else:
                    c.pop_vals(e[2])
            elif k == 8:                                # end
                frame = ctrls[-1]
                rlist = frame[F_RESULTS]
                fh = frame[F_HEIGHT]
                kind = frame[F_KIND]
                if kind == "if" and frame[F_PARAMS] != rlist:
                    return None            # an if without else must keep its params
                if len(stack) == fh + len(rlist) and (not rlist or stack[fh:] == rlist):
                    ctrls.pop()            # the results stay where they are
                else:
                    _pop_ctrl(c)
                    if kind == "func":
                        break
                    stack.extend(rlist)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
                if kind == "func":
                    break
                ends[frame[F_START]] = i
                height = ctrls[-1][F_HEIGHT]
            elif k == 12:                               # block, loop, if
                bt = data[pos]
                if bt == 0x40:
                    bt = None
                    pos += 1
                elif bt & 0xC0 == 0x40:
                    bt = VALTYPE_BY_CODE.get(bt)
                    if bt is None:          # (ref ...) types: the general path
                        return None
                    pos += 1
                else:
                    bt, pos = read_signed(data, pos, 33)
                sig = bt_cache.get(bt)
                if sig is None:
                    sig = block_signature(ctx, bt)
                bft, plist, rlist = sig
                block_types[i] = bft
                if b == 0x04:
                    if len(stack) > height and stack[-1] is i32:
                        stack.pop()
                    else:
                        c.pop(i32)
                n = len(plist)
                if n:
                    h = len(stack)
                    if h - n >= height and stack[h - n:] == plist:
                        del stack[h - n:]
                    else:
                        c.pop_vals(plist)
                height = len(stack)
                ctrls.append([_KIND_NAMES[b], plist, rlist, height, False, i,
                              plist if b == 0x03 else rlist])
                if n:
                    stack.extend(plist)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
                if len(ctrls) > max_depth:
                    max_depth = len(ctrls)
            elif k == 11:                               # br_if
                x = data[pos]
                if x < 0x80:
                    pos += 1
                elif data[pos + 1] < 0x80:          # two bytes: indices past 127
                    x = (x & 0x7F) | data[pos + 1] << 7
                    pos += 2
                else:
                    x, pos = read_unsigned(data, pos, 32)
                if x >= len(ctrls):
                    return None
                types = ctrls[-1 - x][F_LABEL]
                h = len(stack) - 1 - len(types)
                if h >= height and stack[-1] is i32 and stack[h:-1] == types:
                    stack.pop()
                else:
                    c.pop(i32)
                    c.pop_vals(types)
                    stack.extend(types)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
            elif k == 17:                               # local.tee
                x = data[pos]
                if x < 0x80:
                    pos += 1
                elif data[pos + 1] < 0x80:
                    x = (x & 0x7F) | data[pos + 1] << 7
                    pos += 2
                else:
                    x, pos = read_unsigned(data, pos, 32)
                t = locals_[x]
                if not (len(stack) > height and stack[-1] is t):
                    c.pop(t)
                    stack.append(t)        # (unreachable code: the pop took nothing)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
            elif k == 10:                               # local.set
                x = data[pos]
                if x < 0x80:
                    pos += 1
                elif data[pos + 1] < 0x80:
                    x = (x & 0x7F) | data[pos + 1] << 7
                    pos += 2
                else:
                    x, pos = read_unsigned(data, pos, 32)
                t = locals_[x]
                if len(stack) > height and stack[-1] is t:
                    stack.pop()
                else:
                    c.pop(t)
            elif k == 9:                                # call: typed like a fixed op
                x = data[pos]
                if x < 0x80:
                    pos += 1
                elif data[pos + 1] < 0x80:          # two bytes: indices past 127
                    x = (x & 0x7F) | data[pos + 1] << 7
                    pos += 2
                else:
                    x, pos = read_unsigned(data, pos, 32)
                plist, n, rlist, _check = call_sigs[x]
                if n:
                    h = len(stack)
                    if h - n >= height and stack[h - n:] == plist:
                        del stack[h - n:]
                    else:
                        c.pop_vals(plist)
                if rlist:
                    stack.extend(rlist)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
            elif k == 13:                               # br
                x = data[pos]
                if x < 0x80:
                    pos += 1
                elif data[pos + 1] < 0x80:          # two bytes: indices past 127
                    x = (x & 0x7F) | data[pos + 1] << 7
                    pos += 2
                else:
                    x, pos = read_unsigned(data, pos, 32)
                if x >= len(ctrls):
                    return None
                types = ctrls[-1 - x][F_LABEL]
                if types:
                    n = len(types)
                    h = len(stack)
                    if not (h - n >= height and stack[h - n:] == types):
                        c.pop_vals(types)
                del stack[height:]         # set_unreachable
                ctrls[-1][F_UNREACH] = True
            elif k == 5:                                # _UNARY
                e = info[b]
                if len(stack) > height and stack[-1] is e[0]:
                    stack[-1] = e[1]
                else:
                    c.pop(e[0])
                    stack.append(e[1])
                    if len(stack) > max_stack:
                        max_stack = len(stack)
            elif k == 14:                               # global.get, global.set
                x = data[pos]
                if x < 0x80:
                    pos += 1
                elif data[pos + 1] < 0x80:          # two bytes: indices past 127
                    x = (x & 0x7F) | data[pos + 1] << 7
                    pos += 2
                else:
                    x, pos = read_unsigned(data, pos, 32)
                gt = globals_[x]
                t = gt.valtype
                if b == 0x23:
                    stack.append(t)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
                elif not gt.mutable:
                    return None
                elif len(stack) > height and stack[-1] is t:
                    stack.pop()
                else:
                    c.pop(t)
            elif k == 16:                               # _CONST_FIXED
                e = info[b]
                pos += e[1]
                stack.append(e[0])
                if len(stack) > max_stack:
                    max_stack = len(stack)
            elif k == 6:                                # _OTHER
                plist, n, rlist, kind = info[b]
                if kind == K_ZERO:                      # memory.size/grow
                    if data[pos]:                       # another memory: the
                        return None                     # general path checks it
                    pos += 1
                if n:
                    h = len(stack)
                    if h - n >= height and stack[h - n:] == plist:
                        del stack[h - n:]
                    else:
                        c.pop_vals(plist)
                if rlist:
                    stack.extend(rlist)
                    if len(stack) > max_stack:
                        max_stack = len(stack)
            elif k == 15:                               # else
                if ctrls[-1][F_KIND] != "if":
                    return None
                frame = _pop_ctrl(c)
                res.elses[frame[F_START]] = i
                frame[F_KIND] = "else"
                frame[F_UNREACH] = False
                height = frame[F_HEIGHT]
                ctrls.append(frame)
                stack.extend(frame[F_PARAMS])
            else:
                # everything else: one Instr, checked as check_function does
                ins, pos = decode_instr(data, pos - 1, _STATE)
                op = ins.op
                g = GENERIC.get(op)
                if g is not None:
                    plist, n, rlist, check = g
                    if check is not None:
                        check(c, ins)
                    if n:
                        h = len(stack)
                        if h - n >= height and stack[h - n:] == plist:
                            del stack[h - n:]
                        else:
                            c.pop_vals(plist)
                    if rlist:
                        stack.extend(rlist)
                elif op in _EXN_BLOCKS:
                    # exception handling's structure: as check_function
                    # does it (its frames end at the inline end above)
                    exn_block(c, ins, i)
                    height = ctrls[-1][F_HEIGHT]
                    if len(ctrls) > max_depth:
                        max_depth = len(ctrls)
                else:
                    HANDLERS[op](c, ins, i)
                if len(stack) > max_stack:
                    max_stack = len(stack)
    except _GIVE_UP:
        return None
    res.max_stack = max_stack
    res.max_depth = max_depth
    res.num_instrs = i + 1
    return res
