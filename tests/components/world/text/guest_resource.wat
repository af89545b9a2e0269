;; A resource type the component defines at its root, with a destructor
;; that tells the host (the import "dropped") which rep it ends.
(component
  (import "dropped" (func $dropped (param "rep" u32)))
  (core func $dropped_low (canon lower (func $dropped)))
  (core module $d
    (import "host" "dropped" (func $dropped (param i32)))
    (func (export "dtor") (param i32) (call $dropped (local.get 0))))
  (core instance $di (instantiate $d (with "host" (instance (export "dropped" (func $dropped_low))))))
  (alias core export $di "dtor" (core func $dtor))
  (type $t_def (resource (rep i32) (dtor (core func $dtor))))
  (export $t "t" (type $t_def))
  (core func $new (canon resource.new $t))
  (core func $rep (canon resource.rep $t))
  (core func $drop (canon resource.drop $t))
  (core module $m
    (import "" "new" (func $new (param i32) (result i32)))
    (import "" "rep" (func $rep (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (func (export "new") (param i32) (result i32) (call $new (local.get 0)))
    (func (export "rep-of") (param i32) (result i32) (call $rep (local.get 0)))
    (func (export "drop") (param i32) (call $drop (local.get 0)))
    ;; a borrow of its own resource is the rep itself
    (func (export "borrow-rep") (param i32) (result i32) (local.get 0))
    (func (export "keep") (param i32) (result i32) (local.get 0)))
  (core instance $i (instantiate $m
    (with "" (instance
      (export "new" (func $new))
      (export "rep" (func $rep))
      (export "drop" (func $drop))))))
  (func (export "new") (param "rep" u32) (result (own $t)) (canon lift (core func $i "new")))
  (func (export "rep-of") (param "r" (own $t)) (result u32) (canon lift (core func $i "rep-of")))
  (func (export "drop") (param "r" (own $t)) (canon lift (core func $i "drop")))
  (func (export "borrow-rep") (param "r" (borrow $t)) (result u32) (canon lift (core func $i "borrow-rep")))
  (func (export "keep") (param "r" (own $t)) (result (own $t)) (canon lift (core func $i "keep")))
)
