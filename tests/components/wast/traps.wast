;; Traps and failed canonical ABI checks: a core module's own traps, and a
;; lying guest (bad UTF-8, pointers past its memory, discriminants and
;; code points out of range), matched by message as Wasmtime's wast does.

(component definition $T
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 1024)
    ;; a realloc that lies: its pointer leaves the memory
    (func (export "bad-realloc") (param i32 i32 i32 i32) (result i32) i32.const 65535)
    (func (export "unreachable") (result i32) unreachable)
    (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_u)
    (func (export "id") (param i32) (result i32) local.get 0)
    (func (export "len") (param i32 i32) (result i32) local.get 1)
    ;; (ptr, len) at 16: 0xff 0xfe is no UTF-8
    (data (i32.const 0) "\ff\fe")
    (func (export "bad-utf8") (result i32)
      i32.const 16 i32.const 0 i32.store
      i32.const 20 i32.const 2 i32.store
      i32.const 16)
    ;; a list of 100 u32s starting 8 bytes before the memory's end
    (func (export "oob-list") (result i32)
      i32.const 16 i32.const 65528 i32.store
      i32.const 20 i32.const 100 i32.store
      i32.const 16)
    (func (export "oob-string") (result i32)
      i32.const 16 i32.const 65530 i32.store
      i32.const 20 i32.const 10 i32.store
      i32.const 16)
    (func (export "unaligned-list") (result i32)
      i32.const 16 i32.const 3 i32.store
      i32.const 20 i32.const 1 i32.store
      i32.const 16)
    (func (export "oob-retptr") (result i32) i32.const 65534)
    ;; an option's discriminant byte at 32
    (func (export "option") (param i32) (result i32)
      i32.const 32 local.get 0 i32.store8
      i32.const 32))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))
  (alias core export $i "bad-realloc" (core func $bad-realloc))
  (type $en' (enum "a" "b"))
  (export $en "en" (type $en'))
  (func (export "unreachable") (result u32) (canon lift (core func $i "unreachable")))
  (func (export "div") (param "a" u32) (param "b" u32) (result u32)
    (canon lift (core func $i "div")))
  (func (export "char") (param "c" u32) (result char) (canon lift (core func $i "id")))
  (func (export "enum") (param "e" u32) (result $en) (canon lift (core func $i "id")))
  (func (export "option") (param "o" u32) (result (option u8))
    (canon lift (core func $i "option") (memory $mem) (realloc $realloc)))
  (func (export "u32") (param "x" u32) (result u32) (canon lift (core func $i "id")))
  (func (export "bad-utf8") (result string)
    (canon lift (core func $i "bad-utf8") (memory $mem) (realloc $realloc)))
  (func (export "oob-list") (result (list u32))
    (canon lift (core func $i "oob-list") (memory $mem) (realloc $realloc)))
  (func (export "oob-string") (result string)
    (canon lift (core func $i "oob-string") (memory $mem) (realloc $realloc)))
  (func (export "unaligned-list") (result (list u32))
    (canon lift (core func $i "unaligned-list") (memory $mem) (realloc $realloc)))
  (func (export "oob-retptr") (result string)
    (canon lift (core func $i "oob-retptr") (memory $mem) (realloc $realloc)))
  (func (export "bad-realloc") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $mem) (realloc $bad-realloc))))


;; each check on an instance of its own
(component instance $t1 $T)
(assert_trap (invoke "unreachable") "wasm `unreachable` instruction executed")
;; after a trap of its code the instance cannot be entered again (after a
;; failed ABI check wasmtime 49's CLI lets it be entered, wasmtime-py 50 and
;; wasmlite do not: the checks below run each on an instance of its own)
(assert_trap (invoke "u32" (u32.const 1)) "cannot enter component instance")
(component instance $t2 $T)
(assert_trap (invoke "div" (u32.const 1) (u32.const 0)) "integer divide by zero")
(component instance $t3 $T)
(assert_trap (invoke "char" (u32.const 55296)) "converted integer out of range for `char`")
(component instance $t4 $T)
(assert_trap (invoke "char" (u32.const 1114112)) "converted integer out of range for `char`")
(component instance $t5 $T)
(assert_trap (invoke "enum" (u32.const 2)) "discriminant 2 out of range [0..2)")
(component instance $t6 $T)
(assert_trap (invoke "option" (u32.const 2)) "discriminant 2 out of range")
(component instance $t7 $T)
(assert_trap (invoke "bad-utf8") "invalid utf-8 sequence")
(component instance $t8 $T)
(assert_trap (invoke "oob-list") "list pointer/length out of bounds of memory")
(component instance $t9 $T)
(assert_trap (invoke "oob-string") "string pointer/length out of bounds of memory")
(component instance $t10 $T)
(assert_trap (invoke "unaligned-list") "list pointer is not aligned")
(component instance $t11 $T)
(assert_trap (invoke "oob-retptr") "return pointer not aligned")
(component instance $t12 $T)
(assert_trap (invoke "bad-realloc" (str.const "abc")) "realloc return: beyond end of memory")

;; arguments are type-checked against the function's parameters
(component instance $t13 $T)
(assert_trap (invoke "u32" (s32.const 1)) "type mismatch: expected u32, found s32")
(assert_trap (invoke "u32") "expected 1 argument(s), got 0")
(assert_return (invoke "u32" (u32.const 5)) (u32.const 5))

;; a trap while instantiating: a core module's start function
(assert_trap
  (component
    (core module $m (func $f unreachable) (start $f))
    (core instance (instantiate $m)))
  "unreachable")
(assert_trap
  (component
    (core module $m (func $f i32.const 1 i32.const 0 i32.div_s drop) (start $f))
    (core instance (instantiate $m)))
  "integer divide by zero")
