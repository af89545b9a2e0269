;; flags as a result's error payload; the ok side (a string) needs no name
(component
  (type $perm (flags "read" "write"))
  (core module $m (memory (export "mem") 1) (func (export "f") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func $f (result (result string (error $perm)))
    (canon lift (core func $i "f") (memory $i "mem")))
  (export "f" (func $f))
)
