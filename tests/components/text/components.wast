;; components where a script has modules (wasmlite wast); wasm-tools wast
;; accepts every check here (build.sh runs it)
(component $C
  (core module $m (func (export "f") (result i32) i32.const 7))
  (core instance $i (instantiate $m))
  (func (export "f") (result u32) (canon lift (core func $i "f"))))
(component definition $D (import "f" (func)))
(component instance $d $D)
(component binary "\00asm\0d\00\01\00")
(component quote "(type u8)" "(export \"t\" (type 0))")
(assert_malformed (component quote "(type (lisst u8))") "unexpected token")
(assert_malformed (component binary "\00asm\0d\00\01\00\ff\00") "malformed section id")
(assert_malformed (component binary "\00asm\0d\00\01\00\07\02\01\01")
  "invalid leading byte (0x1) for component defined type")
(assert_invalid (component (type u8) (type (own 0))) "not a resource type")
(assert_invalid (component (import "a" (func)) (import "a" (func)))
  "conflicts with previous name")
(assert_invalid (component (export "f" (func 0))) "index out of bounds")
(assert_invalid
  (component
    (core module $m (func (export "f") (param i32)))
    (core instance $i (instantiate $m))
    (func (export "f") (result u32) (canon lift (core func $i "f"))))
  "do not match parameter types")
