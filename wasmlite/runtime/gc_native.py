"""The collector's native half: walking, marking and sweeping the GC heap
(runtime/gc_heap.py drives it; gc_collect.py says what the collector is and
why). Written in LLVM IR, like every native part of wasmlite (no C
compiler): the interpreter's prebuilt library carries it (interp/
library.py), and a process without the interpreter compiles it once.

Python passes one context block (``CTX_*``, u64 words) and the root words;
the functions touch only memory the context names:

* ``wasmlite_gc_walk(ctx) -> i64``: one pass over the heap that sets the
  object-start bitmap (1 bit per 8 bytes) and checks every header; 0, or
  the address of a block it cannot read (a corrupt heap: Python raises);
* ``wasmlite_gc_mark(ctx, words, n)``: each word that points into an
  object (conservatively: anywhere inside it) marks the object, then
  everything reachable from it is marked by tracing its reference fields
  exactly (the type table). The mark stack is bounded: when it is full an
  object is marked but not pushed, and a linear pass re-traces marked
  objects until nothing was dropped. Store handles found in fields
  (externrefs, exnrefs) are written to a buffer, for Store.gc();
* ``wasmlite_gc_sweep(ctx) -> i64``: the live bytes; clears the marks,
  turns every dead run into free blocks, links the runs of at least
  ``CTX_MIN_HOLE`` bytes into a list in address order (each block's second
  word: the next one, 0 at the end) except the run that ends the heap,
  whose start it reports instead (``CTX_TAIL``), so the heap can shrink.

The type table: 16 bytes per engine type index: u32 flags (bit 0: known,
bit 1: array; bits 8-15 for an array: what its elements hold, REF_* + 1,
0 for none), u32 the struct's size or the array element's, and a pointer
to a struct's reference fields: u32 count, then u32 each (offset | REF_* << 24).
"""
from __future__ import annotations

from ..compile import vmcontext as vm
from ..compile.gc_values import ANY_IN_EXTERN, EXTERN_TAG

CTX_BASE = 0
CTX_END = 8
CTX_BITMAP = 16
CTX_INFOS = 24
CTX_NINFOS = 32
CTX_STACK = 40
CTX_STACK_CAP = 48
CTX_STACK_LEN = 56
CTX_OVERFLOW = 64
CTX_HANDLES = 72
CTX_HANDLES_CAP = 80
CTX_HANDLES_LEN = 88
CTX_LIVE = 96
CTX_FREE_HEAD = 104
CTX_MIN_HOLE = 112
CTX_TAIL = 120
CTX_WORDS = 16

INFO_SIZE = 16
INFO_KNOWN = 1
INFO_ARRAY = 2
MARK_BIT = 1 << 32
MAX_FREE_BLOCK = 1 << 31

GC_SYMBOLS = ("wasmlite_gc_walk", "wasmlite_gc_mark", "wasmlite_gc_sweep")


def _field(ctx: str, off: int) -> str:
    return f"getelementptr i8, ptr {ctx}, i64 {off}"


def _append(name: str, buf: int, cap: int, length: int, full: list[str]) -> str:
    """IR of ``void name(ctx, v)``: append ``v`` to the context's bounded
    buffer (its address, capacity and length at those offsets); ``full``:
    what to do when there is no room."""
    body = "\n  ".join(full)
    return f"""define internal void @{name}(ptr %ctx, i64 %v) {{
  %len = call i64 @gcx_get(ptr %ctx, i64 {length})
  %cap = call i64 @gcx_get(ptr %ctx, i64 {cap})
  %room = icmp ult i64 %len, %cap
  br i1 %room, label %put, label %full
put:
  %b = call i64 @gcx_get(ptr %ctx, i64 {buf})
  %o = mul i64 %len, 8
  %a = add i64 %b, %o
  %p = inttoptr i64 %a to ptr
  store i64 %v, ptr %p
  %len1 = add i64 %len, 1
  call void @gcx_set(ptr %ctx, i64 {length}, i64 %len1)
  ret void
full:
  {body}
  ret void
}}
"""


# the mark stack: a full one drops the object and says so (re-traced later)
_PUSH = _append("gcx_push", CTX_STACK, CTX_STACK_CAP, CTX_STACK_LEN,
                [f"call void @gcx_set(ptr %ctx, i64 {CTX_OVERFLOW}, i64 1)"])
# the store handles found: a full buffer leaves len > cap (Python keeps them all)
_HANDLE = _append("gcx_handle", CTX_HANDLES, CTX_HANDLES_CAP, CTX_HANDLES_LEN,
                  ["%over = add i64 %cap, 1",
                   f"call void @gcx_set(ptr %ctx, i64 {CTX_HANDLES_LEN}, i64 %over)"])

GC_IR = f"""
define internal i64 @gcx_get(ptr %ctx, i64 %off) alwaysinline {{
  %p = getelementptr i8, ptr %ctx, i64 %off
  %v = load i64, ptr %p
  ret i64 %v
}}
define internal void @gcx_set(ptr %ctx, i64 %off, i64 %v) alwaysinline {{
  %p = getelementptr i8, ptr %ctx, i64 %off
  store i64 %v, ptr %p
  ret void
}}
define internal i64 @gcx_load(i64 %a) alwaysinline {{
  %p = inttoptr i64 %a to ptr
  %v = load i64, ptr %p
  ret i64 %v
}}
define internal ptr @gcx_info(ptr %ctx, i64 %tid) alwaysinline {{
  %t = call i64 @gcx_get(ptr %ctx, i64 {CTX_INFOS})
  %o = mul i64 %tid, {INFO_SIZE}
  %a = add i64 %t, %o
  %p = inttoptr i64 %a to ptr
  ret ptr %p
}}

; the size of the object at %obj (its type is known: gcx_walk checked)
define internal i64 @gcx_size(ptr %ctx, i64 %obj) {{
  %h = call i64 @gcx_load(i64 %obj)
  %tid = and i64 %h, 4294967295
  %ip = call ptr @gcx_info(ptr %ctx, i64 %tid)
  %flags = load i32, ptr %ip
  %szp = getelementptr i8, ptr %ip, i64 4
  %sz32 = load i32, ptr %szp
  %sz = zext i32 %sz32 to i64
  %arr = and i32 %flags, {INFO_ARRAY}
  %isarr = icmp ne i32 %arr, 0
  br i1 %isarr, label %array, label %struct
struct:
  ret i64 %sz
array:
  %lenp = add i64 %obj, {vm.GC_ARRAY_LENGTH}
  %lp = inttoptr i64 %lenp to ptr
  %n32 = load i32, ptr %lp
  %n = zext i32 %n32 to i64
  %bytes = mul i64 %n, %sz
  %b7 = add i64 %bytes, 7
  %b8 = and i64 %b7, -8
  %total = add i64 %b8, {vm.GC_ARRAY_DATA}
  ret i64 %total
}}

{_PUSH}
define internal void @gcx_mark(ptr %ctx, i64 %obj) {{
  %p = inttoptr i64 %obj to ptr
  %h = load i64, ptr %p
  %m = and i64 %h, {MARK_BIT}
  %done = icmp ne i64 %m, 0
  br i1 %done, label %out, label %mark
mark:
  %h1 = or i64 %h, {MARK_BIT}
  store i64 %h1, ptr %p
  call void @gcx_push(ptr %ctx, i64 %obj)
  br label %out
out:
  ret void
}}

{_HANDLE}
; whether the start-bitmap bit of %v is set (%v in the heap, 8-aligned)
define internal i1 @gcx_is_start(ptr %ctx, i64 %v) {{
  %base = call i64 @gcx_get(ptr %ctx, i64 {CTX_BASE})
  %end = call i64 @gcx_get(ptr %ctx, i64 {CTX_END})
  %lo = icmp uge i64 %v, %base
  %hi = icmp ult i64 %v, %end
  %al0 = and i64 %v, 7
  %al = icmp eq i64 %al0, 0
  %in0 = and i1 %lo, %hi
  %in = and i1 %in0, %al
  br i1 %in, label %look, label %no
look:
  %d = sub i64 %v, %base
  %idx = lshr i64 %d, 3
  %wi = lshr i64 %idx, 6
  %bit = and i64 %idx, 63
  %bm = call i64 @gcx_get(ptr %ctx, i64 {CTX_BITMAP})
  %wo = mul i64 %wi, 8
  %wa = add i64 %bm, %wo
  %w = call i64 @gcx_load(i64 %wa)
  %s = lshr i64 %w, %bit
  %b = and i64 %s, 1
  %set = icmp ne i64 %b, 0
  ret i1 %set
no:
  ret i1 false
}}

; the object a word points into (anywhere inside it), or 0
define internal i64 @gcx_find(ptr %ctx, i64 %w) {{
entry:
  %base = call i64 @gcx_get(ptr %ctx, i64 {CTX_BASE})
  %end = call i64 @gcx_get(ptr %ctx, i64 {CTX_END})
  %lo = icmp uge i64 %w, %base
  %hi = icmp ult i64 %w, %end
  %in = and i1 %lo, %hi
  br i1 %in, label %look, label %none
look:
  %bm = call i64 @gcx_get(ptr %ctx, i64 {CTX_BITMAP})
  %d = sub i64 %w, %base
  %idx = lshr i64 %d, 3
  %wi0 = lshr i64 %idx, 6
  %bit = and i64 %idx, 63
  %sh = sub i64 63, %bit
  %wa0 = mul i64 %wi0, 8
  %wa1 = add i64 %bm, %wa0
  %word0 = call i64 @gcx_load(i64 %wa1)
  %kept = shl i64 %word0, %sh            ; bits at or below %bit, moved to the top
  br label %scan
scan:
  %wi = phi i64 [%wi0, %look], [%wip, %loadprev]
  %word = phi i64 [%kept, %look], [%wordp, %loadprev]
  %top = phi i64 [%bit, %look], [63, %loadprev]
  %z = icmp eq i64 %word, 0
  br i1 %z, label %prev, label %found
prev:
  %first = icmp eq i64 %wi, 0
  br i1 %first, label %none, label %loadprev
loadprev:
  %wip = sub i64 %wi, 1
  %wpa0 = mul i64 %wip, 8
  %wpa = add i64 %bm, %wpa0
  %wordp = call i64 @gcx_load(i64 %wpa)
  br label %scan
found:
  %lz = call i64 @llvm.ctlz.i64(i64 %word, i1 true)
  %sidx0 = mul i64 %wi, 64
  %sidx1 = add i64 %sidx0, %top
  %sidx = sub i64 %sidx1, %lz
  %so = mul i64 %sidx, 8
  %start = add i64 %base, %so
  %size = call i64 @gcx_size(ptr %ctx, i64 %start)
  %lim = add i64 %start, %size
  %inside = icmp ult i64 %w, %lim
  br i1 %inside, label %yes, label %none
yes:
  ret i64 %start
none:
  ret i64 0
}}

; one reference field's value (kind: 0 any, 1 extern, 2 a store handle)
define internal void @gcx_field(ptr %ctx, i64 %v, i32 %kind) {{
entry:
  %null = icmp eq i64 %v, 0
  br i1 %null, label %out, label %nn
nn:
  switch i32 %kind, label %handle [i32 0, label %any
                                   i32 1, label %extern]
extern:
  %ie = and i64 %v, {ANY_IN_EXTERN}
  %isany = icmp ne i64 %ie, 0
  %va = xor i64 %v, {ANY_IN_EXTERN}
  br i1 %isany, label %anyof, label %handle
anyof:
  call void @gcx_field(ptr %ctx, i64 %va, i32 0)
  br label %out
any:
  %lo = and i64 %v, 3
  %obj = icmp eq i64 %lo, 0
  br i1 %obj, label %object, label %tagged
object:
  %ok = call i1 @gcx_is_start(ptr %ctx, i64 %v)
  br i1 %ok, label %mark, label %out
mark:
  call void @gcx_mark(ptr %ctx, i64 %v)
  br label %out
tagged:
  %ext = icmp eq i64 %lo, {EXTERN_TAG}
  %hv = lshr i64 %v, 2
  br i1 %ext, label %exth, label %out
exth:
  call void @gcx_handle(ptr %ctx, i64 %hv)
  br label %out
handle:
  call void @gcx_handle(ptr %ctx, i64 %v)
  br label %out
out:
  ret void
}}

; trace the reference fields of a marked object
define internal void @gcx_scan(ptr %ctx, i64 %obj) {{
entry:
  %h = call i64 @gcx_load(i64 %obj)
  %tid = and i64 %h, 4294967295
  %ip = call ptr @gcx_info(ptr %ctx, i64 %tid)
  %flags = load i32, ptr %ip
  %arr = and i32 %flags, {INFO_ARRAY}
  %isarr = icmp ne i32 %arr, 0
  br i1 %isarr, label %array, label %struct
struct:
  %rp0 = getelementptr i8, ptr %ip, i64 8
  %refs = load ptr, ptr %rp0
  %nullrefs = icmp eq ptr %refs, null
  br i1 %nullrefs, label %out, label %sloop0
sloop0:
  %cnt = load i32, ptr %refs
  br label %sloop
sloop:
  %i = phi i32 [0, %sloop0], [%i1, %sbody]
  %more = icmp ult i32 %i, %cnt
  br i1 %more, label %sbody, label %out
sbody:
  %i1 = add i32 %i, 1
  %ep = getelementptr i32, ptr %refs, i32 %i1
  %e = load i32, ptr %ep
  %off32 = and i32 %e, 16777215
  %kind = lshr i32 %e, 24
  %off = zext i32 %off32 to i64
  %fa = add i64 %obj, %off
  %v = call i64 @gcx_load(i64 %fa)
  call void @gcx_field(ptr %ctx, i64 %v, i32 %kind)
  br label %sloop
array:
  %ek0 = lshr i32 %flags, 8
  %ek1 = and i32 %ek0, 255
  %norefs = icmp eq i32 %ek1, 0
  br i1 %norefs, label %out, label %aloop0
aloop0:
  %ek = sub i32 %ek1, 1
  %lenp = add i64 %obj, {vm.GC_ARRAY_LENGTH}
  %lp = inttoptr i64 %lenp to ptr
  %n32 = load i32, ptr %lp
  %n = zext i32 %n32 to i64
  br label %aloop
aloop:
  %j = phi i64 [0, %aloop0], [%j1, %abody]
  %amore = icmp ult i64 %j, %n
  br i1 %amore, label %abody, label %out
abody:
  %jo = mul i64 %j, 8
  %ja0 = add i64 %obj, {vm.GC_ARRAY_DATA}
  %ja = add i64 %ja0, %jo
  %av = call i64 @gcx_load(i64 %ja)
  call void @gcx_field(ptr %ctx, i64 %av, i32 %ek)
  %j1 = add i64 %j, 1
  br label %aloop
out:
  ret void
}}

define internal void @gcx_drain(ptr %ctx) {{
entry:
  br label %loop
loop:
  %len = call i64 @gcx_get(ptr %ctx, i64 {CTX_STACK_LEN})
  %empty = icmp eq i64 %len, 0
  br i1 %empty, label %out, label %pop
pop:
  %len1 = sub i64 %len, 1
  call void @gcx_set(ptr %ctx, i64 {CTX_STACK_LEN}, i64 %len1)
  %st = call i64 @gcx_get(ptr %ctx, i64 {CTX_STACK})
  %o = mul i64 %len1, 8
  %a = add i64 %st, %o
  %obj = call i64 @gcx_load(i64 %a)
  call void @gcx_scan(ptr %ctx, i64 %obj)
  br label %loop
out:
  ret void
}}

; set the start bitmap; 0, or the address of a block that is not readable
define i64 @wasmlite_gc_walk(ptr %ctx) {{
entry:
  %base = call i64 @gcx_get(ptr %ctx, i64 {CTX_BASE})
  %end = call i64 @gcx_get(ptr %ctx, i64 {CTX_END})
  %ninfos = call i64 @gcx_get(ptr %ctx, i64 {CTX_NINFOS})
  %bm = call i64 @gcx_get(ptr %ctx, i64 {CTX_BITMAP})
  %span = sub i64 %end, %base
  %bits = lshr i64 %span, 3
  %words = add i64 %bits, 64
  %wbytes0 = lshr i64 %words, 6
  %wbytes = mul i64 %wbytes0, 8
  %bmp = inttoptr i64 %bm to ptr
  call void @llvm.memset.p0.i64(ptr %bmp, i8 0, i64 %wbytes, i1 false)
  br label %loop
loop:
  %a = phi i64 [%base, %entry], [%next, %advance]
  %more = icmp ult i64 %a, %end
  br i1 %more, label %block, label %done
block:
  %h = call i64 @gcx_load(i64 %a)
  %tid = and i64 %h, 4294967295
  %free = icmp eq i64 %tid, 0
  br i1 %free, label %freeblk, label %object
freeblk:
  %fsz = lshr i64 %h, 32
  %fbad = icmp eq i64 %fsz, 0
  br i1 %fbad, label %bad, label %advance
object:
  %known0 = icmp ult i64 %tid, %ninfos
  br i1 %known0, label %object1, label %bad
object1:
  %ip = call ptr @gcx_info(ptr %ctx, i64 %tid)
  %flags = load i32, ptr %ip
  %known = and i32 %flags, {INFO_KNOWN}
  %isknown = icmp ne i32 %known, 0
  br i1 %isknown, label %object2, label %bad
object2:
  %clean = and i64 %h, {~MARK_BIT}
  %ap = inttoptr i64 %a to ptr
  store i64 %clean, ptr %ap
  %osz = call i64 @gcx_size(ptr %ctx, i64 %a)
  %d = sub i64 %a, %base
  %idx = lshr i64 %d, 3
  %wi = lshr i64 %idx, 6
  %bit = and i64 %idx, 63
  %wo = mul i64 %wi, 8
  %wa = add i64 %bm, %wo
  %wp = inttoptr i64 %wa to ptr
  %w = load i64, ptr %wp
  %m = shl i64 1, %bit
  %w1 = or i64 %w, %m
  store i64 %w1, ptr %wp
  br label %advance
advance:
  %sz = phi i64 [%fsz, %freeblk], [%osz, %object2]
  %next = add i64 %a, %sz
  br label %loop
bad:
  ret i64 %a
done:
  ret i64 0
}}

; mark from %n candidate words at %words, and everything they reach
define void @wasmlite_gc_mark(ptr %ctx, ptr %words, i64 %n) {{
entry:
  br label %loop
loop:
  %i = phi i64 [0, %entry], [%i1, %next]
  %more = icmp ult i64 %i, %n
  br i1 %more, label %body, label %recover
body:
  %wp = getelementptr i64, ptr %words, i64 %i
  %w0 = load i64, ptr %wp
  %w = and i64 %w0, {~ANY_IN_EXTERN}
  %obj = call i64 @gcx_find(ptr %ctx, i64 %w)
  %hit = icmp ne i64 %obj, 0
  br i1 %hit, label %mark, label %next
mark:
  call void @gcx_mark(ptr %ctx, i64 %obj)
  call void @gcx_drain(ptr %ctx)
  br label %next
next:
  %i1 = add i64 %i, 1
  br label %loop
recover:
  ; objects marked but not pushed (the stack was full): trace every marked
  ; object again until a pass drops nothing
  %of = call i64 @gcx_get(ptr %ctx, i64 {CTX_OVERFLOW})
  %again = icmp ne i64 %of, 0
  br i1 %again, label %pass0, label %out
pass0:
  call void @gcx_set(ptr %ctx, i64 {CTX_OVERFLOW}, i64 0)
  %base = call i64 @gcx_get(ptr %ctx, i64 {CTX_BASE})
  %end = call i64 @gcx_get(ptr %ctx, i64 {CTX_END})
  br label %pass
pass:
  %a = phi i64 [%base, %pass0], [%an, %pnext]
  %pmore = icmp ult i64 %a, %end
  br i1 %pmore, label %pblock, label %recover
pblock:
  %h = call i64 @gcx_load(i64 %a)
  %tid = and i64 %h, 4294967295
  %free = icmp eq i64 %tid, 0
  %fsz = lshr i64 %h, 32
  br i1 %free, label %pnext0, label %pobj
pobj:
  %osz = call i64 @gcx_size(ptr %ctx, i64 %a)
  %mk = and i64 %h, {MARK_BIT}
  %marked = icmp ne i64 %mk, 0
  br i1 %marked, label %ptrace, label %pnext1
ptrace:
  call void @gcx_scan(ptr %ctx, i64 %a)
  call void @gcx_drain(ptr %ctx)
  br label %pnext1
pnext0:
  br label %pnext
pnext1:
  br label %pnext
pnext:
  %sz = phi i64 [%fsz, %pnext0], [%osz, %pnext1]
  %an = add i64 %a, %sz
  br label %pass
out:
  ret void
}}

; write free blocks over [%s, %e) (each at most {MAX_FREE_BLOCK} bytes)
define internal void @gcx_free_run(i64 %s, i64 %e) {{
entry:
  br label %loop
loop:
  %a = phi i64 [%s, %entry], [%a1, %body]
  %more = icmp ult i64 %a, %e
  br i1 %more, label %body, label %out
body:
  %left = sub i64 %e, %a
  %big = icmp ugt i64 %left, {MAX_FREE_BLOCK}
  %sz = select i1 %big, i64 {MAX_FREE_BLOCK}, i64 %left
  %hd = shl i64 %sz, 32
  %p = inttoptr i64 %a to ptr
  store i64 %hd, ptr %p
  %a1 = add i64 %a, %sz
  br label %loop
out:
  ret void
}}

; close a dead run [%s, %e): free blocks, linked after %tail when big
; enough; the new tail
define internal i64 @gcx_close(ptr %ctx, i64 %s, i64 %e, i64 %tail) {{
entry:
  %empty = icmp uge i64 %s, %e
  br i1 %empty, label %keep, label %run
run:
  call void @gcx_free_run(i64 %s, i64 %e)
  %size = sub i64 %e, %s
  %min = call i64 @gcx_get(ptr %ctx, i64 {CTX_MIN_HOLE})
  %hole = icmp uge i64 %size, %min
  br i1 %hole, label %link, label %keep
link:
  %nx = add i64 %s, 8
  %nxp = inttoptr i64 %nx to ptr
  store i64 0, ptr %nxp
  %first = icmp eq i64 %tail, 0
  br i1 %first, label %head, label %after
head:
  call void @gcx_set(ptr %ctx, i64 {CTX_FREE_HEAD}, i64 %s)
  ret i64 %s
after:
  %tn = add i64 %tail, 8
  %tnp = inttoptr i64 %tn to ptr
  store i64 %s, ptr %tnp
  ret i64 %s
keep:
  ret i64 %tail
}}

define i64 @wasmlite_gc_sweep(ptr %ctx) {{
entry:
  %base = call i64 @gcx_get(ptr %ctx, i64 {CTX_BASE})
  %end = call i64 @gcx_get(ptr %ctx, i64 {CTX_END})
  call void @gcx_set(ptr %ctx, i64 {CTX_FREE_HEAD}, i64 0)
  br label %loop
loop:
  %a = phi i64 [%base, %entry], [%an, %next]
  %run = phi i64 [%base, %entry], [%run1, %next]      ; start of the dead run
  %live = phi i64 [0, %entry], [%live1, %next]
  %tail = phi i64 [0, %entry], [%tail1, %next]
  %more = icmp ult i64 %a, %end
  br i1 %more, label %block, label %done
block:
  %h = call i64 @gcx_load(i64 %a)
  %tid = and i64 %h, 4294967295
  %free = icmp eq i64 %tid, 0
  %fsz = lshr i64 %h, 32
  br i1 %free, label %dead, label %obj
obj:
  %osz = call i64 @gcx_size(ptr %ctx, i64 %a)
  %mk = and i64 %h, {MARK_BIT}
  %marked = icmp ne i64 %mk, 0
  br i1 %marked, label %alive, label %dead0
dead0:
  br label %dead
dead:
  %dsz = phi i64 [%fsz, %block], [%osz, %dead0]
  br label %next
alive:
  %clean = xor i64 %h, {MARK_BIT}
  %ap = inttoptr i64 %a to ptr
  store i64 %clean, ptr %ap
  %t2 = call i64 @gcx_close(ptr %ctx, i64 %run, i64 %a, i64 %tail)
  %l2 = add i64 %live, %osz
  %r2 = add i64 %a, %osz
  br label %next
next:
  %sz = phi i64 [%dsz, %dead], [%osz, %alive]
  %run1 = phi i64 [%run, %dead], [%r2, %alive]
  %live1 = phi i64 [%live, %dead], [%l2, %alive]
  %tail1 = phi i64 [%tail, %dead], [%t2, %alive]
  %an = add i64 %a, %sz
  br label %loop
done:
  ; the last dead run ends the heap: free blocks, not linked (the heap
  ; shrinks to its start)
  call void @gcx_free_run(i64 %run, i64 %end)
  call void @gcx_set(ptr %ctx, i64 {CTX_TAIL}, i64 %run)
  call void @gcx_set(ptr %ctx, i64 {CTX_LIVE}, i64 %live)
  ret i64 %live
}}
"""



_state: dict = {}


def functions(with_interpreter: bool):
    """(walk, mark, sweep) as ctypes functions: from the interpreter's
    library when the process uses (or has loaded) it, else compiled here
    once (a process of the llvm strategy has LLVM loaded anyway)."""
    fns = _state.get("fns")
    if fns is None:
        import ctypes
        from ..interp import library
        if with_interpreter or library._loaded is not None:
            a = library.interpreter().address
            addresses = [a[s] for s in GC_SYMBOLS]
        else:
            from ..compile import jit
            from ..compile.numeric import INTRINSIC_DECLS
            symbol = jit.new_symbol("wasmlite_gc")
            table = ", ".join(f"ptr @{s}" for s in GC_SYMBOLS)
            text = (jit.module_header() + INTRINSIC_DECLS + GC_IR +
                    f"@{symbol} = constant [{len(GC_SYMBOLS)} x ptr] [{table}]\n")
            lib = _state["library"] = jit.build_library(text, symbol, len(GC_SYMBOLS),
                                                        opt_level=2)
            addresses = lib.addresses
        i64, p = ctypes.c_int64, ctypes.c_void_p
        fns = _state["fns"] = (ctypes.CFUNCTYPE(i64, p)(addresses[0]),
                               ctypes.CFUNCTYPE(None, p, p, i64)(addresses[1]),
                               ctypes.CFUNCTYPE(i64, p)(addresses[2]))
    return fns
