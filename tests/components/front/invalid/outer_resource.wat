(component
  (type $r (resource (rep i32)))
  (component (alias outer 1 $r (type)))
)
