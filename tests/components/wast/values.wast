;; Component values through `invoke`: each export lowers its arguments into
;; the guest's memory and lifts its result back (wasmlite wast, compared
;; with wasmtime wast by oracle.py).
(component
  (core module $m
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    ;; a bump allocator: never frees (each call needs little)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      global.get $bump
      local.get 2
      i32.const 1
      i32.sub
      i32.add
      i32.const 0
      local.get 2
      i32.sub
      i32.and
      local.tee $p
      local.get 3
      i32.add
      global.set $bump
      local.get $p)
    (func (export "id32") (param i32) (result i32) local.get 0)
    (func (export "id64") (param i64) (result i64) local.get 0)
    (func (export "idf32") (param f32) (result f32) local.get 0)
    (func (export "idf64") (param f64) (result f64) local.get 0)
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    ;; two flat values -> the return area at 16
    (func (export "ret2") (param i32 i32) (result i32)
      i32.const 16 local.get 0 i32.store
      i32.const 20 local.get 1 i32.store
      i32.const 16)
    ;; a variant, option or result of (discriminant, i32, i32): the
    ;; discriminant byte at 32, the payload at 36 and 40
    (func (export "ret-case") (param i32 i32 i32) (result i32)
      i32.const 32 local.get 0 i32.store8
      i32.const 36 local.get 1 i32.store
      i32.const 40 local.get 2 i32.store
      i32.const 32)
    (func (export "ret-opt") (param i32 i32) (result i32)
      i32.const 32 local.get 0 i32.store8
      i32.const 36 local.get 1 i32.store
      i32.const 32)
    ;; a record {a: u32, b: string}: three flat values at 48
    (func (export "ret3") (param i32 i32 i32) (result i32)
      i32.const 48 local.get 0 i32.store
      i32.const 52 local.get 1 i32.store
      i32.const 56 local.get 2 i32.store
      i32.const 48)
    (func (export "sum") (param $p i32) (param $n i32) (result i32)
      (local $s i32)
      block $done
        loop $next
          local.get $n
          i32.eqz
          br_if $done
          local.get $s
          local.get $p
          i32.load
          i32.add
          local.set $s
          local.get $p
          i32.const 4
          i32.add
          local.set $p
          local.get $n
          i32.const 1
          i32.sub
          local.set $n
          br $next
        end
      end
      local.get $s)
    (func (export "len") (param i32 i32) (result i32) local.get 1)
    (func (export "none"))
    (data (i32.const 64) "hello, wasm")
    (func (export "hello") (result i32)
      i32.const 16 i32.const 64 i32.store
      i32.const 20 i32.const 11 i32.store
      i32.const 16))
  (core instance $i (instantiate $m))
  (alias core export $i "mem" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  ;; a named type an export uses is exported itself
  (type $rec' (record (field "a" u32) (field "b-c" string)))
  (export $rec "rec" (type $rec'))
  (type $var' (variant (case "none") (case "num" u32) (case "text" string)))
  (export $var "var" (type $var'))
  (type $res (result u32 (error string)))
  (type $fl' (flags "read" "write" "exec"))
  (export $fl "fl" (type $fl'))
  (type $en' (enum "red" "green" "blue"))
  (export $en "en" (type $en'))

  (func (export "bool") (param "x" bool) (result bool) (canon lift (core func $i "id32")))
  (func (export "u8") (param "x" u8) (result u8) (canon lift (core func $i "id32")))
  (func (export "s8") (param "x" s8) (result s8) (canon lift (core func $i "id32")))
  (func (export "u16") (param "x" u16) (result u16) (canon lift (core func $i "id32")))
  (func (export "s16") (param "x" s16) (result s16) (canon lift (core func $i "id32")))
  (func (export "u32") (param "x" u32) (result u32) (canon lift (core func $i "id32")))
  (func (export "s32") (param "x" s32) (result s32) (canon lift (core func $i "id32")))
  (func (export "u64") (param "x" u64) (result u64) (canon lift (core func $i "id64")))
  (func (export "s64") (param "x" s64) (result s64) (canon lift (core func $i "id64")))
  (func (export "f32") (param "x" f32) (result f32) (canon lift (core func $i "idf32")))
  (func (export "f64") (param "x" f64) (result f64) (canon lift (core func $i "idf64")))
  (func (export "char") (param "x" char) (result char) (canon lift (core func $i "id32")))
  ;; a u8 result lifted from an i32: only the low byte counts
  (func (export "add-u8") (param "a" u32) (param "b" u32) (result u8)
    (canon lift (core func $i "add")))
  (func (export "add-s8") (param "a" u32) (param "b" u32) (result s8)
    (canon lift (core func $i "add")))
  (func (export "string") (param "s" string) (result string)
    (canon lift (core func $i "ret2") (memory $mem) (realloc $realloc)))
  (func (export "string-len") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $mem) (realloc $realloc)))
  (func (export "hello") (result string)
    (canon lift (core func $i "hello") (memory $mem) (realloc $realloc)))
  (func (export "string-utf16") (param "s" string) (result u32)
    (canon lift (core func $i "len") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func (export "list") (param "l" (list u32)) (result (list u32))
    (canon lift (core func $i "ret2") (memory $mem) (realloc $realloc)))
  (func (export "sum") (param "l" (list u32)) (result u32)
    (canon lift (core func $i "sum") (memory $mem) (realloc $realloc)))
  (func (export "strings") (param "l" (list string)) (result (list string))
    (canon lift (core func $i "ret2") (memory $mem) (realloc $realloc)))
  (func (export "bytes") (param "l" (list u8)) (result (list u8))
    (canon lift (core func $i "ret2") (memory $mem) (realloc $realloc)))
  (func (export "record") (param "r" $rec) (result $rec)
    (canon lift (core func $i "ret3") (memory $mem) (realloc $realloc)))
  (func (export "tuple") (param "t" (tuple u32 string)) (result (tuple u32 string))
    (canon lift (core func $i "ret3") (memory $mem) (realloc $realloc)))
  (func (export "variant") (param "v" $var) (result $var)
    (canon lift (core func $i "ret-case") (memory $mem) (realloc $realloc)))
  (func (export "option") (param "o" (option u32)) (result (option u32))
    (canon lift (core func $i "ret-opt") (memory $mem) (realloc $realloc)))
  (func (export "result") (param "r" $res) (result $res)
    (canon lift (core func $i "ret-case") (memory $mem) (realloc $realloc)))
  (type $frec' (record (field "x" f64)))
  (export $frec "float-rec" (type $frec'))
  (func (export "floats") (param "l" (list f32)) (result (list f32))
    (canon lift (core func $i "ret2") (memory $mem) (realloc $realloc)))
  (func (export "frec") (param "r" $frec) (result $frec) (canon lift (core func $i "idf64")))
  (func (export "flags") (param "f" $fl) (result $fl) (canon lift (core func $i "id32")))
  (func (export "enum") (param "e" $en) (result $en) (canon lift (core func $i "id32")))
  (func (export "nothing") (canon lift (core func $i "none")))
)

(assert_return (invoke "bool" (bool.const true)) (bool.const true))
(assert_return (invoke "bool" (bool.const false)) (bool.const false))
(assert_return (invoke "u8" (u8.const 255)) (u8.const 255))
(assert_return (invoke "s8" (s8.const -128)) (s8.const -128))
(assert_return (invoke "u16" (u16.const 65535)) (u16.const 65535))
(assert_return (invoke "s16" (s16.const -32768)) (s16.const -32768))
(assert_return (invoke "u32" (u32.const 4294967295)) (u32.const 4294967295))
(assert_return (invoke "s32" (s32.const -1)) (s32.const -1))
(assert_return (invoke "u64" (u64.const 18446744073709551615)) (u64.const 18446744073709551615))
(assert_return (invoke "s64" (s64.const -9223372036854775808)) (s64.const -9223372036854775808))
(assert_return (invoke "char" (char.const "\u{1F600}")) (char.const "\u{1F600}"))
(assert_return (invoke "add-u8" (u32.const 200) (u32.const 100)) (u8.const 44))
(assert_return (invoke "add-s8" (u32.const 100) (u32.const 100)) (s8.const -56))
(invoke "nothing")
(assert_return (invoke "nothing"))

(assert_return (invoke "string" (str.const "")) (str.const ""))
(assert_return (invoke "string" (str.const "hi, \u{e9}t\u{e9} \u{1F600}"))
  (str.const "hi, \u{e9}t\u{e9} \u{1F600}"))
(assert_return (invoke "string-len" (str.const "\u{e9}")) (u32.const 2))
(assert_return (invoke "string-utf16" (str.const "\u{1F600}a")) (u32.const 3))
(assert_return (invoke "hello") (str.const "hello, wasm"))

(assert_return (invoke "list" (list.const)) (list.const))
(assert_return (invoke "list" (list.const (u32.const 1) (u32.const 2) (u32.const 3)))
  (list.const (u32.const 1) (u32.const 2) (u32.const 3)))
(assert_return (invoke "sum" (list.const (u32.const 1) (u32.const 2) (u32.const 39)))
  (u32.const 42))
(assert_return (invoke "strings" (list.const (str.const "a") (str.const "") (str.const "bc")))
  (list.const (str.const "a") (str.const "") (str.const "bc")))
(assert_return (invoke "bytes" (list.const (u8.const 0) (u8.const 255)))
  (list.const (u8.const 0) (u8.const 255)))

(assert_return (invoke "record" (record.const (field "a" u32.const 7) (field "b-c" str.const "x")))
  (record.const (field "a" u32.const 7) (field "b-c" str.const "x")))
(assert_return (invoke "tuple" (tuple.const (u32.const 9) (str.const "nine")))
  (tuple.const (u32.const 9) (str.const "nine")))

(assert_return (invoke "variant" (variant.const "none")) (variant.const "none"))
(assert_return (invoke "variant" (variant.const "num" (u32.const 5))) (variant.const "num" (u32.const 5)))
(assert_return (invoke "variant" (variant.const "text" (str.const "t")))
  (variant.const "text" (str.const "t")))
(assert_return (invoke "option" (option.none)) (option.none))
(assert_return (invoke "option" (option.some (u32.const 3))) (option.some (u32.const 3)))
(assert_return (invoke "result" (result.ok (u32.const 1))) (result.ok (u32.const 1)))
(assert_return (invoke "result" (result.err (str.const "bad"))) (result.err (str.const "bad")))
(assert_return (invoke "flags" (flags.const)) (flags.const))
(assert_return (invoke "flags" (flags.const "exec" "read")) (flags.const "read" "exec"))
(assert_return (invoke "enum" (enum.const "green")) (enum.const "green"))
(assert_return (invoke "enum" (enum.const "blue")) (enum.const "blue"))
;; floats are written as in core scripts, inside component values
(assert_return (invoke "floats" (list.const (f32.const 1.5) (f32.const -0) (f32.const inf)))
  (list.const (f32.const 1.5) (f32.const -0) (f32.const inf)))
(assert_return (invoke "frec" (record.const (field "x" f64.const 0x1p-1074)))
  (record.const (field "x" f64.const 0x1p-1074)))
