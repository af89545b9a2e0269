(component
  (type $f (func))
  (type (list $f))
)
