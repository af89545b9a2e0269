(component
  (core module $m (memory (export "f") 1))
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func))
)
