(component
  (type (flags "a" "A"))
)
