;; functions use the indices the type exports make; the lifted function's own
;; type names the definitions, and an ascription on its export fixes that
(component
  (type $color (enum "red" "green"))
  (export $color-e "color" (type $color))
  (type $point (record (field "x" s32) (field "c" $color-e)))
  (export $point-e "point" (type $point))
  (type $perm (flags "read" "write"))
  (export $perm-e "perm" (type $perm))
  (core module $m
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) unreachable)
    (func (export "f") (param i32 i32) (result i32) unreachable)
    (func (export "g") (param i32 i32) unreachable))
  (core instance $i (instantiate $m))
  (func $f (param "ps" (list (option $point))) (result (result $color (error $perm)))
    (canon lift (core func $i "f") (memory $i "mem") (realloc (func $i "realloc"))))
  (export "f" (func $f)
    (func (param "ps" (list (option $point-e))) (result (result $color-e (error $perm-e)))))
  (func $g (param "p" $point-e) (canon lift (core func $i "g")))
  (export "g" (func $g))
  (type $pair (tuple u8 (list string)))
  (export "pair" (type $pair))
)
