;; the shape wit-component makes for an exported interface with types: an
;; inner component imports the types and re-exports them, instantiated with
;; the types of an imported instance
(component
  (type $types (instance
    (type $kind (enum "a" "b"))
    (export "kind" (type $kind-e (eq $kind)))
    (type $item (record (field "k" $kind-e)))
    (export "item" (type (eq $item)))
  ))
  (import "pkg:demo/types" (instance $ti (type $types)))
  (component $shim
    (type $kind (enum "a" "b"))
    (import "import-type-kind" (type $kind-i (eq $kind)))
    (type $item (record (field "k" $kind-i)))
    (import "import-type-item" (type $item-i (eq $item)))
    (export "kind" (type $kind-i))
    (export "item" (type $item-i))
  )
  (instance $si (instantiate $shim
    (with "import-type-kind" (type $ti "kind"))
    (with "import-type-item" (type $ti "item"))))
  (export "pkg:demo/types" (instance $si))
)
