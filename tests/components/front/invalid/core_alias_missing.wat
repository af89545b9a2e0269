(component
  (core module $m)
  (core instance $i (instantiate $m))
  (alias core export $i "f" (core func))
)
