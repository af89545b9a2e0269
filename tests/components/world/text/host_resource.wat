;; A resource type the host defines, imported at the component's root (the
;; shape of wasmtime-py's documentation examples): the host makes one
;; (mk), lends one (peek takes a borrow), is given one (give), and the guest
;; drops handles it owns (the host's destructor runs).
(component
  (import "t" (type $t (sub resource)))
  (import "mk" (func $mk (param "n" u32) (result (own $t))))
  (import "peek" (func $peek (param "r" (borrow $t)) (result u32)))
  (import "give" (func $give (param "r" (own $t))))
  (core func $drop (canon resource.drop $t))
  (core func $mk_low (canon lower (func $mk)))
  (core func $peek_low (canon lower (func $peek)))
  (core func $give_low (canon lower (func $give)))
  (core module $m
    (import "host" "mk" (func $mk (param i32) (result i32)))
    (import "host" "peek" (func $peek (param i32) (result i32)))
    (import "host" "give" (func $give (param i32)))
    (import "host" "drop" (func $drop (param i32)))
    (func (export "make") (param i32) (result i32) (call $mk (local.get 0)))
    ;; a borrow arrives as a handle of this instance's table: lent to the
    ;; host's peek, then dropped before returning
    (func (export "peek") (param i32) (result i32)
      (local $r i32)
      (local.set $r (call $peek (local.get 0)))
      (call $drop (local.get 0))
      (local.get $r))
    (func (export "give") (param i32) (call $give (local.get 0)))
    (func (export "drop") (param i32) (call $drop (local.get 0)))
    (func (export "make-and-drop") (param i32) (call $drop (call $mk (local.get 0))))
    (func (export "make-and-peek") (param i32) (result i32)
      (local $h i32) (local $r i32)
      (local.set $h (call $mk (local.get 0)))
      (local.set $r (call $peek (local.get $h)))
      (call $drop (local.get $h))
      (local.get $r))
    ;; drops the same own handle twice: the second is an unknown handle
    (func (export "drop-twice") (param i32) (call $drop (local.get 0)) (call $drop (local.get 0))))
  (core instance $i (instantiate $m
    (with "host" (instance
      (export "mk" (func $mk_low))
      (export "peek" (func $peek_low))
      (export "give" (func $give_low))
      (export "drop" (func $drop))))))
  (func (export "make") (param "n" u32) (result (own $t)) (canon lift (core func $i "make")))
  (func (export "peek") (param "r" (borrow $t)) (result u32) (canon lift (core func $i "peek")))
  (func (export "give") (param "r" (own $t)) (canon lift (core func $i "give")))
  (func (export "drop") (param "r" (own $t)) (canon lift (core func $i "drop")))
  (func (export "make-and-drop") (param "n" u32) (canon lift (core func $i "make-and-drop")))
  (func (export "make-and-peek") (param "n" u32) (result u32) (canon lift (core func $i "make-and-peek")))
  (func (export "drop-twice") (param "r" (own $t)) (canon lift (core func $i "drop-twice")))
)
