(component
  (component $c)
  (import "f" (func $f))
  (instance (instantiate $c (with "zzz" (func $f))))
  (instance (instantiate $c (with "zzz" (func $f)) (with "zzz" (func $f))))
)
