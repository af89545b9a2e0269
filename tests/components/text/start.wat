;; start functions and values
(component
  (import "v" (value $v u32))
  (import "s" (value $s string))
  (import "f" (func $f (param "a" u32) (param "b" string) (result u32)))
  (start $f (value $v) (value $s) (result (value $r)))
  (export "r" (value $r))
  (component
    (import "g" (func $g))
    (start $g))
  (component
    (import "h" (func $h (result (tuple u8 u8))))
    (start 0 (result (value)))
    (export "out" (value 0)))
)
