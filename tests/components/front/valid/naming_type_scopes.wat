;; instance type declarations are checked only when used; an instance type
;; exported as a type whose exports need no names (in a nested component:
;; wasmtime-py reports such an export as an instance, wasmlite as a type);
;; a nested component and a component type name their own types.
;; (An instance type exported as a type whose record uses the type's own
;; record export: valid for wasm-tools 1.262, refused by Wasmtime 50 and so
;; by wasmlite; not a case here.)
(component
  (type (instance
    (type $r (record (field "a" u8)))
    (export "f" (func (param "r" $r)))
  ))
  (component
    (type $it (instance
      (type $a (record (field "x" u8)))
      (export "a" (type (eq $a)))
      (export "f" (func (param "l" (list (tuple u8 string))) (result (option u32))))
    ))
    (export "it" (type $it))
  )
  (component $c
    (type $r (record (field "a" u8)))
    (export $re "r" (type $r))
    (core module $m (func (export "f") (param i32)))
    (core instance $i (instantiate $m))
    (func $f (param "r" $re) (canon lift (core func $i "f")))
    (export "f" (func $f))
  )
  (type (component
    (import "r" (type $r (sub resource)))
    (type $rec (record (field "a" u8)))
    (import "rec" (type $rec-i (eq $rec)))
    (export "f" (func (param "x" (own $r)) (result $rec-i)))
  ))
)
