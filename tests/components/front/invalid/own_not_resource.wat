(component
  (type $t u32)
  (type (own $t))
)
