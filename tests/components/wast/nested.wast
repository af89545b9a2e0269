;; Nested components and core modules: instantiation inside a component,
;; calls from one component into another (strings copied between their
;; memories), state per instance, `component definition` / `instance`, and
;; what a named component makes importable (its core modules).

(component $outer
  ;; a counter: each instance of $counter has its own global
  (component $counter
    (core module $m
      (global $n (mut i32) (i32.const 0))
      (func (export "next") (result i32)
        global.get $n
        i32.const 1
        i32.add
        global.set $n
        global.get $n))
    (core instance $i (instantiate $m))
    (func (export "next") (result u32) (canon lift (core func $i "next"))))
  (instance $a (instantiate $counter))
  (instance $b (instantiate $counter))
  (alias export $a "next" (func $a-next))
  (alias export $b "next" (func $b-next))
  (export "a-next" (func $a-next))
  (export "b-next" (func $b-next))

  ;; $greeter: greet(name) -> "hi NAME", in its own memory
  (component $greeter
    (core module $g
      (memory (export "mem") 1)
      (global $bump (mut i32) (i32.const 256))
      (func (export "realloc") (param i32 i32 i32 i32) (result i32)
        (local $p i32)
        global.get $bump
        local.set $p
        global.get $bump
        local.get 3
        i32.add
        global.set $bump
        local.get $p)
      (data (i32.const 0) "hi ")
      ;; copies "hi " and the name to fresh memory; the result (ptr, len) at 16
      (func (export "greet") (param $p i32) (param $n i32) (result i32)
        (local $out i32)
        global.get $bump
        local.set $out
        global.get $bump
        local.get $n
        i32.const 3
        i32.add
        i32.add
        global.set $bump
        local.get $out
        i32.const 0
        i32.const 3
        memory.copy
        local.get $out
        i32.const 3
        i32.add
        local.get $p
        local.get $n
        memory.copy
        i32.const 16
        local.get $out
        i32.store
        i32.const 20
        local.get $n
        i32.const 3
        i32.add
        i32.store
        i32.const 16))
    (core instance $gi (instantiate $g))
    (func (export "greet") (param "name" string) (result string)
      (canon lift (core func $gi "greet") (memory $gi "mem") (realloc (func $gi "realloc")))))
  (instance $gr (instantiate $greeter))

  ;; the caller, with a memory of its own: lowers $greeter's greet, calls it
  ;; twice and returns both greetings joined by the guest
  (core module $mem-m
    (memory (export "mem") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      global.get $bump
      local.set $p
      global.get $bump
      local.get 3
      i32.add
      global.set $bump
      local.get $p))
  (core instance $mem (instantiate $mem-m))
  (alias export $gr "greet" (func $greet))
  (core func $greet-lowered
    (canon lower (func $greet) (memory $mem "mem") (realloc (func $mem "realloc"))))
  (core module $caller
    (import "env" "mem" (memory 1))
    (import "env" "greet" (func $greet (param i32 i32 i32)))
    ;; forwards (ptr, len): $greet writes the greeting's (ptr, len) at 64
    (func (export "call-greet") (param i32 i32) (result i32)
      local.get 0
      local.get 1
      i32.const 64
      call $greet
      i32.const 64))
  (core instance $c (instantiate $caller
    (with "env" (instance
      (export "mem" (memory $mem "mem"))
      (export "greet" (func $greet-lowered))))))
  (func (export "call-greet") (param "name" string) (result string)
    (canon lift (core func $c "call-greet") (memory $mem "mem")
      (realloc (func $mem "realloc"))))
  (export "greet" (func $greet))
)

(assert_return (invoke "a-next") (u32.const 1))
(assert_return (invoke "a-next") (u32.const 2))
(assert_return (invoke "b-next") (u32.const 1))
(assert_return (invoke "a-next") (u32.const 3))
(assert_return (invoke "greet" (str.const "Ada")) (str.const "hi Ada"))
(assert_return (invoke "call-greet" (str.const "Grace")) (str.const "hi Grace"))
(assert_return (invoke "call-greet" (str.const "\u{1F600}")) (str.const "hi \u{1F600}"))

;; a definition is instantiated only by `component instance`; each instance
;; has its own state
(component definition $C
  (core module $m
    (global $n (mut i32) (i32.const 10))
    (func (export "next") (result i32)
      global.get $n
      i32.const 1
      i32.add
      global.set $n
      global.get $n))
  (core instance $i (instantiate $m))
  (func (export "next") (result u32) (canon lift (core func $i "next"))))
(component instance $c1 $C)
(assert_return (invoke "next") (u32.const 11))
(assert_return (invoke "next") (u32.const 12))
(component instance $c2 $C)
(assert_return (invoke "next") (u32.const 11))

;; a named component's core modules: importable from an instance of its name
(component $lib
  (core module $m
    (func (export "seven") (result i32) i32.const 7))
  (export "m" (core module $m)))
(component
  (import "lib" (instance $lib
    (export "m" (core module (export "seven" (func (result i32)))))))
  (alias export $lib "m" (core module $m))
  (core instance $i (instantiate $m))
  (func (export "seven") (result u32) (canon lift (core func $i "seven"))))
(assert_return (invoke "seven") (u32.const 7))

;; and its resource types
(component $res
  (type $r (resource (rep i32)))
  (export "r" (type $r)))
(component
  (import "res" (instance $res (export "r" (type (sub resource)))))
  (alias export $res "r" (type $r))
  (core func $drop (canon resource.drop $r)))
(assert_unlinkable
  (component (import "unregistered" (instance (export "r" (type (sub resource))))))
  "resource implementation is missing")
(assert_unlinkable
  (component (import "lib" (instance (export "r" (type (sub resource))))))
  "resource implementation is missing")

;; the host's items (Wasmtime's wast defines them for components)
(component
  (import "host-return-two" (func $two (result u32)))
  (import "host" (instance $h
    (export "return-three" (func (result u32)))
    (export "nested" (instance (export "return-four" (func (result u32)))))
    (export "simple-module" (core module
      (export "f" (func (result i32)))
      (export "g" (global i32))))))
  (alias export $h "return-three" (func $three))
  (alias export $h "nested" (instance $n))
  (alias export $n "return-four" (func $four))
  (alias export $h "simple-module" (core module $sm))
  (core instance $smi (instantiate $sm))
  (core func $two-l (canon lower (func $two)))
  (core func $three-l (canon lower (func $three)))
  (core func $four-l (canon lower (func $four)))
  (core module $sum
    (import "" "two" (func $two (result i32)))
    (import "" "three" (func $three (result i32)))
    (import "" "four" (func $four (result i32)))
    (import "sm" "f" (func $f (result i32)))
    (import "sm" "g" (global $g i32))
    (func (export "sum") (result i32)
      call $two
      call $three
      i32.add
      call $four
      i32.add)
    (func (export "module") (result i32)
      call $f
      global.get $g
      i32.add))
  (core instance $s (instantiate $sum
    (with "" (instance
      (export "two" (func $two-l))
      (export "three" (func $three-l))
      (export "four" (func $four-l))))
    (with "sm" (instance $smi))))
  (func (export "sum") (result u32) (canon lift (core func $s "sum")))
  (func (export "module") (result u32) (canon lift (core func $s "module"))))
(assert_return (invoke "sum") (u32.const 9))
(assert_return (invoke "module") (u32.const 201))

;; what cannot be linked
(assert_unlinkable
  (component (import "no-such-func" (func)))
  "was not found")
(assert_unlinkable
  (component (import "host" (instance (export "no-such" (func)))))
  "function implementation is missing")
(assert_unlinkable
  (component (import "host-return-two" (func (result string))))
  "type mismatch")
