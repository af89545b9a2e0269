;; A first look at wasmlite: a module, a few checks of what it computes.
(module $fac
  (func $fac (export "fac") (param i64) (result i64)
    (if (result i64) (i64.eqz (local.get 0))
      (then (i64.const 1))
      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
  (func (export "gcd") (param $a i32) (param $b i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $b)))
        (local.get $b)
        (local.set $b (i32.rem_u (local.get $a) (local.get $b)))
        (local.set $a)
        (br $next)))
    (local.get $a)))
(assert_return (invoke "fac" (i64.const 20)) (i64.const 2432902008176640000))
(assert_return (invoke "gcd" (i32.const 1071) (i32.const 462)) (i32.const 21))
(assert_invalid (module (func (result i32) (i64.const 1))) "type mismatch")
(assert_malformed (module binary "\00asm" "\02\00\00\00") "unknown binary version")
